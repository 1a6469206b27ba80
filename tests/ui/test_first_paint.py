"""The window paints its table first: build_window asks for the first page at once and builds
menus' actions, the case view and the installers only after that paint; everything is there
once the window is ready, and a window closed before that builds nothing more."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from ui.app import build_window
from ui.case_view import CaseView
from ui.main_window import FIRST_PAGE, PAGE
from ui.shortcuts_dialog import menu_shortcuts
from ui.tasks import TaskRunner

pytestmark = pytest.mark.timeout(60)
WAIT_MS = 10_000


def _register(workspace: Workspace, n: int) -> None:
    service = CaseService(workspace)
    for i in range(n):
        service.register(
            NewCase(
                title=f"Jalan rusak nomor {i}",
                text="Jalan di depan balai desa berlubang sejak bulan lalu.",
                channel="whatsapp",
                category="Transportasi",
            )
        )


def test_the_table_comes_first_and_the_rest_after_its_paint(
    qtbot, workspace: Workspace, tasks: TaskRunner
) -> None:
    _register(workspace, 3)
    window = build_window(workspace, tasks)
    # Before any event: the first page is already asked for, nothing beyond the frame exists.
    assert tasks.running == 1
    assert not window.is_ready
    assert window.findChild(QObject, "case_actions") is None
    assert window.findChild(CaseView) is None
    assert [a.menu().actions() for a in window.menuBar().actions()] == [[], [], [], []]

    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.is_ready, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tasks.running == 0, timeout=WAIT_MS)
    assert window.model.rowCount() == 3
    assert window.findChild(QObject, "case_actions") is not None
    assert window.detail_splitter.widget(1) is window.case_view
    keys = {shortcut for _menu, _action, shortcut in menu_shortcuts(window)}
    for key in ("Ctrl+N", "Ctrl+F", "Ctrl+Q", "Ctrl+,", "F1", "F9"):
        assert QKeySequence(key).toString() in keys, key
    assert sum(window.counts.values()) > 0  # the counts came after the paint
    window.close()


def test_the_first_page_is_short_and_paging_goes_on_from_it(
    qtbot, workspace: Workspace, tasks: TaskRunner
) -> None:
    _register(workspace, FIRST_PAGE + 5)
    window = build_window(workspace, tasks)
    window.show()
    qtbot.waitUntil(lambda: window.is_ready and tasks.running == 0, timeout=WAIT_MS)
    assert window.model.rowCount() == FIRST_PAGE
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.table.scrollToBottom()
        window.table.verticalScrollBar().setValue(window.table.verticalScrollBar().maximum())
    assert window.model.rowCount() == FIRST_PAGE + 5
    assert FIRST_PAGE < PAGE
    window.close()


def test_a_restored_sort_asks_for_one_page_in_that_order(
    qtbot, workspace: Workspace, tasks: TaskRunner
) -> None:
    _register(workspace, 4)
    first = build_window(workspace, tasks)
    first.show()
    qtbot.waitUntil(lambda: first.is_ready and tasks.running == 0, timeout=WAIT_MS)
    first.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: tasks.running == 0, timeout=WAIT_MS)
    first.close()  # keeps the header (and its sort) in window.ini
    QSettings(str(workspace.paths.data_dir / "window.ini"), QSettings.Format.IniFormat).sync()

    again = TaskRunner()
    second = build_window(workspace, again)
    assert again.running == 1  # restoring the header did not ask for a page of its own
    second.show()
    qtbot.waitUntil(lambda: second.is_ready and again.running == 0, timeout=WAIT_MS)
    numbers = [second.model.row_at(r).register_no for r in range(second.model.rowCount())]
    assert numbers == sorted(numbers)
    second.close()
    again.shutdown()


def test_a_window_closed_before_its_paint_builds_nothing_more(
    qtbot, workspace: Workspace, tasks: TaskRunner
) -> None:
    window = build_window(workspace, tasks)
    window.close()
    tasks.wait()
    for _ in range(20):
        QApplication.processEvents()
        qtbot.wait(30)
    assert window.findChild(QObject, "case_actions") is None
    assert window.findChild(CaseView) is None
