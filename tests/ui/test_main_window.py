"""The main window on a real demo data dir with a real task runner: queues, paging, search,
the case view, layout persistence, the shortcuts dialog and the None-refcount guard."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QListWidgetItem

from lapor_desktop.domain.summary import Queue
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.demo import generate_demo
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace, open_workspace
from tests.conftest import WIB, FakeClock
from ui.case_rows import Urgency
from ui.case_table_model import DEADLINE_COLUMN, CaseTableModel
from ui.i18n import install_translators
from ui.main_window import PAGE, MainWindow
from ui.shortcuts_dialog import ShortcutsDialog, install_shortcuts_help
from ui.tasks import TaskRunner

pytestmark = pytest.mark.timeout(60)

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=WIB)  # a Tuesday
CASES = 600
WAIT_MS = 10_000


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """These tests read English text: use English whatever language an earlier test left."""
    locale = QLocale()
    install_translators(qapp, "en")
    yield
    install_translators(qapp, "zz")  # no catalogue has that name: all of ours are removed
    QLocale.setDefault(locale)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    paths = AppPaths(Path(tmp_path_factory.mktemp("window")) / "demo")
    generate_demo(paths, FakeClock(NOW), cases=CASES, seed=1)
    workspace = open_workspace(paths, FakeClock(NOW))
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def all_cases(demo: Workspace) -> list:
    return QueryService(demo).cases(CaseQuery(limit=10_000))


class Windows:
    """Builds windows that are closed (and their tasks drained) when the test ends."""

    def __init__(self, qtbot, workspace: Workspace) -> None:
        self.qtbot, self.workspace = qtbot, workspace
        self.opened: list[tuple[MainWindow, TaskRunner]] = []

    def open(self, settings: QSettings | None = None, load: bool = True) -> MainWindow:
        tasks = TaskRunner()
        window = MainWindow(self.workspace, tasks, settings=settings)
        self.opened.append((window, tasks))
        install_shortcuts_help(window)
        window.show()
        self.qtbot.waitExposed(window)
        if load:
            with self.qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
                window.reload()
        return window

    def close(self, window: MainWindow) -> None:
        for w, tasks in self.opened:
            if w is window:
                tasks.wait()
                QApplication.processEvents()
                window.close()  # saves the layout, shuts the runner down

    def close_all(self) -> None:
        for window, tasks in self.opened:
            tasks.wait()
            QApplication.processEvents()
            if window.isVisible():
                window.close()
            window.deleteLater()
        QApplication.processEvents()


@pytest.fixture
def windows(qtbot, demo: Workspace) -> Iterator[Windows]:
    made = Windows(qtbot, demo)
    yield made
    made.close_all()


@pytest.fixture
def window(windows: Windows) -> MainWindow:
    return windows.open()


def shown_ids(window: MainWindow) -> list[str]:
    model = window.model
    return [model.index(r, 0).data(CaseTableModel.CASE_ID_ROLE) for r in range(model.rowCount())]


def queue_item(window: MainWindow, queue: Queue) -> QListWidgetItem:
    for i in range(window.queue_list.count()):
        item = window.queue_list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == queue.value:
            return item
    raise AssertionError(queue)


def click_row(qtbot, window: MainWindow, row: int) -> None:
    rect = window.table.visualRect(window.model.index(row, 2))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# -- the table and its pages --------------------------------------------------------------------
def test_the_first_page_then_scrolling_down_loads_the_next_pages(
    qtbot, window: MainWindow, all_cases: list
) -> None:
    assert window.model.rowCount() == PAGE
    assert shown_ids(window) == [s.id for s in all_cases[:PAGE]]
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.table.scrollToBottom()
    assert window.model.rowCount() == 2 * PAGE
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.table.scrollToBottom()
    ids = shown_ids(window)
    assert len(ids) == len(set(ids)) == CASES  # keyset paging: no duplicates, nothing skipped
    assert ids == [s.id for s in all_cases]
    keys = [(s.received_at, s.row_id) for s in all_cases]
    assert keys == sorted(keys, reverse=True)  # newest first
    assert not window.model.canFetchMore(window.table.rootIndex())


def test_clicking_a_queue_filters_the_table_and_counts_match_the_service(
    qtbot, window: MainWindow, demo: Workspace
) -> None:
    queries = QueryService(demo)
    counts = queries.queue_counts()
    assert window.counts == counts
    for queue in Queue:
        assert queue_item(window, queue).text().endswith(f"({counts[queue]})")
    for queue in (Queue.OVERDUE, Queue.NEEDS_VERIFICATION, Queue.MONITORED):
        item = queue_item(window, queue)
        rect = window.queue_list.visualItemRect(item)
        with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
            qtbot.mouseClick(
                window.queue_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
        expected = [s.id for s in queries.cases(CaseQuery(queue=queue, limit=PAGE))]
        assert counts[queue] > 0
        assert shown_ids(window) == expected
        assert window.model.rowCount() == min(counts[queue], PAGE)


def test_the_deadline_column_shows_icon_and_words_and_late_ones_are_red(
    qtbot, window: MainWindow
) -> None:
    item = queue_item(window, Queue.OVERDUE)
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.queue_list.setCurrentItem(item)
    model = window.model
    assert model.rowCount() > 0
    for r in range(model.rowCount()):
        index = model.index(r, DEADLINE_COLUMN)
        assert index.data(CaseTableModel.URGENCY_ROLE) == Urgency.LATE
        assert index.data().startswith("⚠ late")  # icon + words, never colour alone
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        assert isinstance(brush, QBrush) and brush.color().name() == "#b3261e"


# -- search ------------------------------------------------------------------------------------
def type_search(qtbot, window: MainWindow, text: str) -> list[str]:
    """Types like a person (one key at a time) and returns what the single load showed."""
    loads: list[int] = []
    window.page_loaded.connect(lambda: loads.append(1))
    if window.search_box.text():
        with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
            window.search_box.clear()  # clearing the box loads the queue again
    loads.clear()
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        qtbot.keyClicks(window.search_box, text)
    qtbot.wait(400)  # longer than the debounce: nothing else may arrive
    assert len(loads) == 1, f"typing {text!r} loaded {len(loads)} times"
    return shown_ids(window)


def test_search_finds_by_register_number_phone_and_words(
    qtbot, window: MainWindow, demo: Workspace, all_cases: list
) -> None:
    target = all_cases[123]
    assert type_search(qtbot, window, target.register_no)[0] == target.id

    cases = CaseService(demo)
    with_phone = next(
        d
        for d in (cases.detail(s.id) for s in all_cases)
        if d.case.reporter is not None and d.case.reporter.phone and not d.case.confidential
    )
    phone = with_phone.case.reporter.phone
    assert with_phone.case.id in type_search(qtbot, window, phone)

    titles = Counter(s.title for s in all_cases)
    unique = next(s for s in all_cases if titles[s.title] == 1)
    found = type_search(qtbot, window, unique.title)
    assert unique.id in found
    assert found == [s.id for s in QueryService(demo).search(unique.title, limit=PAGE)]


# -- the case view -----------------------------------------------------------------------------
def test_selecting_a_row_shows_the_case_with_its_timeline(
    qtbot, window: MainWindow, demo: Workspace
) -> None:
    row = window.model.row_at(3)
    assert row is not None
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS) as signal:
        click_row(qtbot, window, 3)
    assert signal.args == [row.summary.id]
    assert window.selected_case_ids() == [row.summary.id]
    text = window.case_view.text()
    assert row.register_no in text
    detail = CaseService(demo).detail(row.summary.id)
    assert detail.timeline
    assert "Timeline" in text
    for event in detail.timeline:
        assert event.summary in text


def find_detail(demo: Workspace, all_cases: list, wanted) -> object:
    cases = CaseService(demo)
    for summary in all_cases:
        detail = cases.detail(summary.id)
        if wanted(detail.case):
            return detail
    raise AssertionError("the demo data has no such case")


def test_a_confidential_reporter_is_masked_in_the_view(
    qtbot, window: MainWindow, demo: Workspace, all_cases: list
) -> None:
    detail = find_detail(
        demo, all_cases, lambda c: c.confidential and c.reporter and c.reporter.phone
    )
    reporter = detail.case.reporter
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
        window.show_case(detail.case.id)
    text = window.case_view.text()
    assert detail.case.register_no in text
    assert reporter.masked().name in text and "(confidential)" in text
    assert reporter.name not in text
    assert reporter.phone not in text


def test_an_anonymous_case_shows_no_identity(
    qtbot, window: MainWindow, demo: Workspace, all_cases: list
) -> None:
    detail = find_detail(demo, all_cases, lambda c: c.anonymous)
    assert detail.case.reporter is None
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
        window.show_case(detail.case.id)
    text = window.case_view.text()
    assert detail.case.register_no in text
    lines = [line.strip() for line in text.splitlines()]
    assert lines.count("Reporter") == 1  # the table's cells come one per line
    assert lines[lines.index("Reporter") + 1] == "anonymous"
    summary = next(s for s in all_cases if s.id == detail.case.id)
    assert summary.reporter_display is None


# -- layout, shortcuts, refcount ---------------------------------------------------------------
def test_the_window_layout_persists(qtbot, windows: Windows, tmp_path: Path) -> None:
    ini = str(tmp_path / "window.ini")
    first = windows.open(QSettings(ini, QSettings.Format.IniFormat), load=False)
    first.resize(760, 640)  # inside the offscreen screen (800×800), so nothing is clamped
    QApplication.processEvents()
    first.splitter.setSizes([120, 420, 200])
    first.table.horizontalHeader().resizeSection(0, 222)
    QApplication.processEvents()
    sizes = first.splitter.sizes()
    windows.close(first)

    second = windows.open(QSettings(ini, QSettings.Format.IniFormat), load=False)
    assert (second.width(), second.height()) == (760, 640)
    assert second.splitter.sizes() == sizes
    assert second.table.horizontalHeader().sectionSize(0) == 222

    fresh = windows.open(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat), False)
    assert fresh.splitter.sizes() != sizes


def test_the_shortcuts_dialog_lists_every_menu_shortcut(qtbot, window: MainWindow) -> None:
    help_action = window.findChild(object, "keyboard_shortcuts_action")
    assert help_action is not None and help_action.shortcut().toString() == "F1"
    help_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    entries = dict(dialog.entries())
    assert entries["Find"] == "Ctrl+F"
    assert entries["Quit"] == "Ctrl+Q"
    assert entries["Keyboard shortcuts"] == "F1"
    # Read from the menus when it opens: an action added later shows up next time.
    window.add_action("case", "Brand-new action", "Ctrl+Alt+B", lambda: None)
    dialog.close()
    assert dict(ShortcutsDialog(window).entries())["Brand-new action"] == "Ctrl+Alt+B"


def test_a_first_window_fits_the_screen_and_gives_the_title_room(
    qtbot, windows: Windows, tmp_path: Path
) -> None:
    # No window.ini yet: the default size. The offscreen screen is 800×800, smaller than the
    # 1400×820 default, as a 1366×768 laptop is; the window must not run under the taskbar.
    fresh = windows.open(QSettings(str(tmp_path / "new.ini"), QSettings.Format.IniFormat), False)
    free = fresh.screen().availableGeometry()
    assert fresh.width() <= free.width() and fresh.height() <= free.height()
    assert fresh.height() > free.height() - 100  # clamped, not shrunk to nothing

    # The window as it is on such a laptop: the title, the column operators read first, is
    # not squeezed by the fixed columns (it had ~80 px there).
    fresh.resize(1366 - 16, 768 - 40 - 48)
    QApplication.processEvents()
    header = fresh.table.horizontalHeader()
    assert header.sectionSize(2) >= 200
    assert header.length() <= fresh.table.viewport().width()  # every column on screen
    # Each queue's whole name and count, without a horizontal scroll bar (English names
    # are the longer ones).
    with qtbot.waitSignal(fresh.counts_changed, timeout=WAIT_MS):
        fresh.reload()
    queues = fresh.queue_list
    widest = max(
        queues.fontMetrics().horizontalAdvance(queues.item(i).text()) for i in range(queues.count())
    )
    assert any(queues.item(i).text().startswith("Waiting for the reporter  (") for i in range(9))
    assert queues.viewport().width() >= widest
    assert not queues.horizontalScrollBar().isVisible()


def test_repainting_the_window_table_keeps_none_alive(qtbot, window: MainWindow) -> None:
    view = window.table
    assert window.model.rowCount() == PAGE
    view.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(300):
        view.viewport().repaint()
        QApplication.processEvents()
    # Unrelated code may hold a few more or fewer Nones; the 6.12.0 bug loses thousands.
    assert sys.getrefcount(None) >= before - 50


def test_clicking_a_column_header_sorts_in_sql_and_paging_follows(
    qtbot, window: MainWindow, all_cases: list
) -> None:
    header = window.table.horizontalHeader()
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # register no., A→Z
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.table.scrollToBottom()
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.table.scrollToBottom()
    shown = [window.model.row_at(r).summary for r in range(window.model.rowCount())]
    assert len(shown) == len({s.id for s in shown}) == CASES
    numbers = [s.register_no for s in shown]
    assert numbers == sorted(s.register_no for s in all_cases)

    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        header.setSortIndicator(7, Qt.SortOrder.AscendingOrder)  # nearest deadline first
    first = window.model.row_at(0).summary
    with_due = [s.next_due_at for s in all_cases if s.next_due_at is not None]
    assert first.next_due_at == min(with_due)
