"""The case table model over real rows from a demo data dir: Qt's model rules, paging, roles."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QTableView

from lapor_desktop.domain.ops import iso
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.demo import generate_demo
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace, open_workspace
from tests.conftest import WIB, FakeClock
from ui.case_rows import CaseRow, Urgency, build_rows
from ui.case_table_model import COLUMNS, DEADLINE_COLUMN, CaseTableModel
from ui.i18n import install_translators
from ui.tasks import TaskRunner

pytestmark = pytest.mark.timeout(60)

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=WIB)  # a Tuesday
PAGE = 256
ICONS = ("⚠", "●", "◐", "○", "⏸")


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
    paths = AppPaths(Path(tmp_path_factory.mktemp("model")) / "demo")
    generate_demo(paths, FakeClock(NOW), cases=600, seed=1)
    workspace = open_workspace(paths, FakeClock(NOW))
    yield workspace
    workspace.close()


def load(workspace: Workspace, query: CaseQuery) -> list[CaseRow]:
    """What the window's worker does for one page: query, then turn summaries into rows."""
    reference = workspace.list_reference()
    return build_rows(
        QueryService(workspace).cases(query),
        reference.category_names,
        reference.calendar,
        workspace.tz,
        workspace.clock(),
    )


@pytest.fixture
def first_page(demo: Workspace) -> list[CaseRow]:
    return load(demo, CaseQuery(limit=PAGE))


def test_an_empty_model_passes_the_model_tester(qtmodeltester) -> None:
    model = CaseTableModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.columnCount() == len(COLUMNS)
    assert not model.canFetchMore(QModelIndex())


def test_a_filled_model_passes_the_model_tester_while_rows_come_and_go(
    qtmodeltester, demo: Workspace, first_page: list[CaseRow]
) -> None:
    model = CaseTableModel()
    model.reset_rows(first_page, has_more=True)
    qtmodeltester.check(model)  # stays attached: the changes below are checked too
    last = first_page[-1].summary
    more = load(demo, CaseQuery(limit=PAGE, after=(iso(last.received_at), last.row_id)))
    model.append_rows(more, has_more=False)
    assert model.rowCount() == len(first_page) + len(more)
    model.reset_rows(first_page[:10], has_more=False)
    assert model.rowCount() == 10
    model.reset_rows([], has_more=False)
    assert model.rowCount() == 0


def test_every_cell_shows_text_and_answers_only_the_roles_it_knows(
    first_page: list[CaseRow],
) -> None:
    model = CaseTableModel()
    model.reset_rows(first_page, has_more=False)
    row = first_page[0]
    index = model.index(0, 0)
    assert index.data() == row.register_no
    assert index.data(CaseTableModel.CASE_ID_ROLE) == row.summary.id
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == row.title
    assert model.index(0, 5).data() == row.status
    assert model.index(0, 1).data(Qt.ItemDataRole.AccessibleTextRole) == (
        f"{model.headerData(1, Qt.Orientation.Horizontal)}: {row.received}"
    )
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert index.data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None  # not the deadline
    assert model.data(QModelIndex()) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert headers[0] == "Register no." and headers[DEADLINE_COLUMN] == "Next deadline"
    assert model.row_of(row.summary.id) == 0 and model.row_of("nope") == -1
    assert model.row_at(len(first_page)) is None


def test_the_deadline_is_text_and_icon_and_late_ones_are_red(demo: Workspace) -> None:
    rows = load(demo, CaseQuery(limit=1000))
    model = CaseTableModel()
    model.reset_rows(rows, has_more=False)
    seen = set()
    for r in range(model.rowCount()):
        index = model.index(r, DEADLINE_COLUMN)
        text, urgency = index.data(), index.data(CaseTableModel.URGENCY_ROLE)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        seen.add(urgency)
        if urgency == Urgency.NONE:
            assert text == "" and brush is None
            continue
        # Never colour alone: a coloured cell always has an icon and words.
        assert text[0] in ICONS and len(text) > 2, text
        if urgency == Urgency.LATE:
            assert text.startswith("⚠ late")
            assert isinstance(brush, QBrush) and brush.color().name() == "#b3261e"
        if brush is not None:
            assert text.strip()
    assert {Urgency.LATE, Urgency.OK, Urgency.NONE} <= seen


def test_fetch_more_pages_by_keyset_through_a_real_task_runner(qtbot, demo: Workspace) -> None:
    tasks = TaskRunner()
    model = CaseTableModel()
    view = QTableView()  # the view asks for more pages as the user scrolls
    qtbot.addWidget(view)
    view.setModel(model)
    loaded: list[int] = []

    def next_page() -> None:
        last = model.last_row()
        assert last is not None
        after = (iso(last.summary.received_at), last.summary.row_id)
        query = CaseQuery(limit=PAGE, after=after)
        tasks.run(lambda _p: load(demo, query), on_done=done, on_error=failed)

    def done(rows: list[CaseRow]) -> None:
        model.append_rows(rows, has_more=len(rows) >= PAGE)
        loaded.append(len(rows))

    def failed(error: BaseException) -> None:
        model.loading_failed()
        raise error

    model.more_requested.connect(next_page)
    model.reset_rows(load(demo, CaseQuery(limit=PAGE)), has_more=True)
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one request at a time
    qtbot.waitUntil(lambda: len(loaded) == 1, timeout=10_000)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: len(loaded) == 2, timeout=10_000)
    tasks.wait()
    QApplication.processEvents()
    assert loaded == [PAGE, 600 - 2 * PAGE]
    assert not model.canFetchMore(QModelIndex())
    ids = [model.index(r, 0).data(CaseTableModel.CASE_ID_ROLE) for r in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == 600
    keys = [
        (row.summary.received_at, row.summary.row_id)
        for row in (model.row_at(r) for r in range(model.rowCount()))
        if row is not None
    ]
    assert keys == sorted(keys, reverse=True)  # newest first across the page boundaries
    tasks.shutdown()


def test_append_skips_rows_already_shown_and_a_failure_allows_a_retry(
    first_page: list[CaseRow],
) -> None:
    model = CaseTableModel()
    model.reset_rows(first_page[:100], has_more=True)
    model.fetchMore(QModelIndex())
    model.loading_failed()
    assert model.canFetchMore(QModelIndex())
    model.append_rows(first_page[50:150], has_more=True)
    assert model.rowCount() == 150
    model.append_rows(first_page[:10], has_more=False)
    assert model.rowCount() == 150
    assert not model.canFetchMore(QModelIndex())


def test_repainting_a_view_of_the_case_model_keeps_none_alive(
    qtbot, first_page: list[CaseRow]
) -> None:
    model = CaseTableModel()
    model.reset_rows(first_page, has_more=False)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(300):
        view.viewport().repaint()
        QApplication.processEvents()
    assert sys.getrefcount(None) >= before - 50
