"""The operator's window: work queues with counts, the case table, search, and the case view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.summary import Queue
from lapor_desktop.services.cases import CaseDetail, CaseService
from lapor_desktop.services.queries import CaseQuery, QueryService, cursor_of
from lapor_desktop.services.sync_review import RejectedOp, SyncReviewService
from lapor_desktop.services.workspace import Workspace
from ui import labels
from ui.after_first_paint import AfterFirstPaint
from ui.attachment_files import copy_out
from ui.case_filter import CaseFilterBar
from ui.case_pages import FIRST_PAGE, PAGE, SORT_COLUMNS, Page, read_page
from ui.case_table_model import CaseTableModel
from ui.case_view import CaseView
from ui.errors import show_error
from ui.tasks import TaskRunner
from ui.window_layout import DEFAULT_SIZE, restore_header, restore_layout, save_layout

SEARCH_DELAY_MS = 250


# Default widths of the table's columns but the title (2), which stretches.
COLUMN_WIDTHS = {0: 140, 1: 128, 3: 120, 4: 105, 5: 145, 6: 82, 7: 140, 8: 80}


class MainWindow(QMainWindow):
    page_loaded = Signal()  # a page of the table arrived (tests wait for it)
    detail_loaded = Signal(str)
    counts_changed = Signal()
    ready = Signal()  # everything the first paint did not need is built too

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        settings: QSettings | None = None,
        demo: bool = False,
        staged: bool = False,
        sync: bool = False,
    ) -> None:
        """`staged`: ask for the first page at once and build only the table's frame; menus,
        the case view and what `later()` is given come after the table first painted rows.
        Otherwise everything is built here and the caller loads the first page (reload()).
        `sync`: sync will be installed, so pages show conflict/rejected badges from the first.
        """
        super().__init__()
        self.workspace = workspace
        self.tasks = tasks
        self.cases = CaseService(workspace)
        self.queries = QueryService(workspace)
        self.review = SyncReviewService(workspace)
        # Set by ui.sync_panel when sync is installed: it then shows the sync state itself.
        self.sync_panel: Any = None
        self._sync_badges = sync
        # Cases a sync result line asked to see (None: the queue and search as usual).
        self._only_ids: tuple[str, ...] | None = None
        self._settings = settings
        self._queue = Queue.ALL
        self._sort = "received"
        self._descending = True
        self._generation = 0  # ignores pages of a query the operator already left
        self._counts: dict[Queue, int] = {}
        self._case_view: CaseView | None = None
        self._menus: dict[str, QMenu] = {}
        self.setWindowTitle(self._title(demo))
        self.setAccessibleName(self.tr("LAPOR Desktop main window"))

        self._build_table()
        self._build_search()
        self._later = AfterFirstPaint(self.table, self)
        self._later.finished.connect(self.ready)
        if staged:  # the worker reads the first page while the GUI thread builds the frame
            self.reload(limit=FIRST_PAGE)
        self._build_frame(demo)
        restore_layout(self, self.splitter, self.detail_splitter, self._settings)
        self._later.add(self._build_actions)
        self._later.add(lambda: self.case_view)
        # How a file is handed to the system viewer; tests give a recorder instead.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        if not staged:
            self._later.run_now()

    def later(self, step: Callable[[], object]) -> None:
        """Run `step` once the table painted its first rows (at once if that happened)."""
        self._later.add(step)

    @property
    def is_ready(self) -> bool:
        return self._later.done

    def _build_table(self) -> None:
        self.model = CaseTableModel(self)
        self.model.more_requested.connect(self._load_more)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        # Sorting happens in SQL (keyset paging follows it); the view only shows the indicator.
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # The title stretches into what the others leave. These fit their usual content
        # ("DINSOS/2026/00108", "30 November 2026", "⚠ terlambat 4 HK"; longer ones elide
        # with the full text as tooltip) and leave the title ~210 px on a 1366-px laptop.
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self._restore_header()
        header.sortIndicatorChanged.connect(self._on_sort_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def _queue_list_width(self) -> int:
        """The queue list as wide as its longest name with a four-digit count, no wider: the
        English names are longer than the Indonesian ones, and the table needs the rest."""
        metrics = self.queue_list.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(f"{self.queue_list.item(i).text()}  (0000)")
            for i in range(self.queue_list.count())
        )
        return widest + 2 * self.queue_list.frameWidth() + 12  # the item's own margins

    def _build_search(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            self.tr("Search: register no., tracking id, name, phone, words (Ctrl+F)")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("Search cases"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_box.textChanged.connect(self._on_search_edited)

    def _build_frame(self, demo: bool) -> None:
        """What the first paint shows: queues, search, table; the case view's place."""
        self.queue_list = QListWidget()
        self.queue_list.setAccessibleName(self.tr("Work queues"))
        for queue in Queue:
            item = QListWidgetItem(labels.tr(labels.QUEUE[queue]))
            item.setData(Qt.ItemDataRole.UserRole, queue.value)
            self.queue_list.addItem(item)
        self.queue_list.setCurrentRow(list(Queue).index(Queue.ALL))
        # Never a horizontal scroll bar: narrowed by hand, a name is elided instead.
        self.queue_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue_list.currentItemChanged.connect(self._on_queue_changed)

        centre = QWidget()
        self._centre_layout = QVBoxLayout(centre)
        self._centre_layout.setContentsMargins(0, 0, 0, 0)
        self._centre_layout.addWidget(self.search_box)
        self.filter_bar = CaseFilterBar()
        self.filter_bar.left.connect(self.clear_case_filter)
        self._centre_layout.addWidget(self.filter_bar)
        self._centre_layout.addWidget(self.table, 1)
        # The case view sits below the table so every column of the table fits on a laptop.
        # It comes after the first paint; an empty widget keeps its place (and the sizes).
        self.detail_splitter = QSplitter(Qt.Orientation.Vertical)
        self.detail_splitter.addWidget(centre)
        self.detail_splitter.addWidget(QWidget())
        self.detail_splitter.setSizes([470, 330])
        self.splitter = QSplitter()
        self.splitter.addWidget(self.queue_list)
        self.splitter.addWidget(self.detail_splitter)
        queues = self._queue_list_width()
        self.splitter.setSizes([queues, DEFAULT_SIZE[0] - queues])
        if demo:
            banner = QLabel(self.tr("DEMO DATA — practice freely, nothing here is real"))
            banner.setStyleSheet("background:#ffd54f; color:#000; padding:4px; font-weight:bold;")
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            wrapper = QWidget()
            layout = QVBoxLayout(wrapper)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(banner)
            layout.addWidget(self.splitter, 1)
            self.setCentralWidget(wrapper)
            self.demo_banner: QLabel | None = banner
        else:
            self.setCentralWidget(self.splitter)
            self.demo_banner = None

        # The menu titles and the status bar are there from the first paint, so nothing moves
        # when their contents arrive.
        bar = self.menuBar()
        for key, title in (
            ("file", self.tr("&File")),
            ("case", self.tr("&Case")),
            ("view", self.tr("&View")),
            ("help", self.tr("&Help")),
        ):
            self._menus[key] = bar.addMenu(title)
        self.sync_label = QLabel()
        self.statusBar().addPermanentWidget(self.sync_label)

    @property
    def case_view(self) -> CaseView:
        """Built on first use, at the latest right after the first paint."""
        if self._case_view is None:
            view = CaseView()
            view.files_dropped.connect(self.attach_files)
            view.attachment_clicked.connect(self.open_attachment)
            self.detail_splitter.replaceWidget(1, view)
            self._case_view = view
        return self._case_view

    # -- building ------------------------------------------------------------------------
    def _title(self, demo: bool) -> str:
        office = self.workspace.office
        title = f"LAPOR Desktop — {office.name} ({office.code})"
        return title + (" — " + self.tr("DEMO DATA") if demo else "")

    def add_action(
        self,
        menu_name: str,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], Any],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self._menus[menu_name].addAction(action)
        return action

    def add_menu(self, key: str, title: str, before: str | None = None) -> None:
        """A top-level menu for a feature (add_action(key, …) then fills it)."""
        bar = self.menuBar()
        menu = QMenu(title, self)
        anchor = self._menus.get(before) if before else None
        if anchor is not None:
            bar.insertMenu(anchor.menuAction(), menu)
        else:
            bar.addMenu(menu)
        self._menus[key] = menu

    def select_queue(self, queue: Queue) -> None:
        self.queue_list.setCurrentRow(list(Queue).index(queue))

    def _build_actions(self) -> None:
        self.find_action = self.add_action(
            "view", self.tr("Find"), QKeySequence.StandardKey.Find, self._focus_search
        )
        self.refresh_action = self.add_action(
            "view", self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.reload
        )
        # StandardKey.Quit has no key on Windows (and offscreen): say Ctrl+Q outright.
        self.quit_action = self.add_action("file", self.tr("Quit"), "Ctrl+Q", self.close)

    def _on_search_edited(self, _text: str) -> None:
        self._set_case_filter(None, "")  # a search is for the whole data again
        self._search_timer.start()

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- loading -------------------------------------------------------------------------
    def current_query(self, after: tuple[str, int] | None = None, limit: int = PAGE) -> CaseQuery:
        return CaseQuery(
            queue=self._queue,
            search=self.search_box.text().strip(),
            limit=limit,
            after=after,
            sort=self._sort,
            descending=self._descending,
        )

    def _on_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_COLUMNS[column] if 0 <= column < len(SORT_COLUMNS) else None
        if key is None:  # the sync column has no order of its own: back to the last one
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                SORT_COLUMNS.index(self._sort),
                Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def reload(self, limit: int = PAGE) -> None:
        """The first page of the current queue/search, then the counts, off the GUI thread."""
        self._generation += 1
        generation = self._generation
        query = self.current_query(limit=limit)
        only = self._only_ids
        # The page first, so the table paints before the counts are even asked for.
        self.tasks.run(
            lambda _progress: self._fetch(query, generation, only),
            on_done=self._on_first_page,
            on_error=self._on_load_failed,
        )

    def _load_more(self) -> None:
        last = self.model.last_row()
        if last is None or self.search_box.text().strip() or self._only_ids is not None:
            self.model.loading_failed()
            return
        after = cursor_of(last.summary, self._sort)
        generation = self._generation
        query = self.current_query(after)
        self.tasks.run(
            lambda _progress: self._fetch(query, generation),
            on_done=self._on_next_page,
            on_error=self._on_load_failed,
        )

    def _fetch(
        self, query: CaseQuery, generation: int, only: tuple[str, ...] | None = None
    ) -> Page:
        # Runs on the worker thread: services only, no widget is touched here. Conflict and
        # rejected badges once sync is installed (or about to be, after the paint).
        badges = self._sync_badges or self.sync_panel is not None
        ws, queries, review = self.workspace, self.queries, self.review
        return read_page(ws, queries, review, query, generation, badges=badges, only_ids=only)

    def _on_first_page(self, page: Page) -> None:
        if page.generation != self._generation:
            return
        shown = self._case_view.detail if self._case_view is not None else None
        selected = shown.case.id if shown is not None else None
        self.model.reset_rows(page.rows, page.has_more)
        if not page.rows or not self.table.isVisible():
            self._later.start()  # no paint with rows to wait for
        if selected is not None:
            row = self.model.row_of(selected)
            if row >= 0:
                self.table.selectRow(row)
        generation = page.generation

        def counts() -> None:
            self.tasks.run(
                lambda _progress: (self.queries.queue_counts(), self.queries.pending_operations()),
                on_done=lambda result: self._on_counts(generation, *result),
                on_error=self._on_load_failed,
            )

        # On opening, the counts wait for the table's first paint (then come before the rest).
        self._later.add(counts, first=True)

    def _on_counts(self, generation: int, counts: dict[Queue, int], pending: int) -> None:
        self._show_counts(counts)
        if self.sync_panel is None:
            self._show_sync_state(pending)
        else:
            self.sync_panel.refresh()
        if generation == self._generation:
            self.page_loaded.emit()  # the whole reload (page and counts) has arrived

    def _on_next_page(self, page: Page) -> None:
        if page.generation != self._generation:
            self.model.loading_failed()
            return
        self.model.append_rows(page.rows, page.has_more)
        self.page_loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        self.model.loading_failed()
        self._later.start()
        show_error(self, error, self.workspace.paths.logs)

    def _show_counts(self, counts: dict[Queue, int]) -> None:
        self._counts = counts
        for i in range(self.queue_list.count()):
            item = self.queue_list.item(i)
            queue = Queue(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"{labels.tr(labels.QUEUE[queue])}  ({counts.get(queue, 0)})")
        self.counts_changed.emit()

    @property
    def counts(self) -> dict[Queue, int]:
        return dict(self._counts)

    def _show_sync_state(self, pending: int) -> None:
        # Derived every time from the outbox, never cached (the sync issue adds conflicts).
        if pending:
            self.sync_label.setText(self.tr("%n action(s) waiting to be sent", "", pending))
        else:
            self.sync_label.setText(self.tr("Nothing waiting to be sent"))

    # -- selection and detail ------------------------------------------------------------
    def _on_queue_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        self._queue = Queue(current.data(Qt.ItemDataRole.UserRole))
        self._set_case_filter(None, "")
        self.reload()

    # -- a list of given cases (a sync result line) ----------------------------------------
    def show_cases(self, case_ids: list[str], title: str) -> None:
        """Show exactly these cases (a sync result line) until the operator leaves the list."""
        self._set_case_filter(tuple(case_ids), title)
        self.reload()

    def clear_case_filter(self) -> None:
        if self._only_ids is not None:
            self._set_case_filter(None, "")
            self.reload()

    @property
    def case_filter(self) -> tuple[str, ...] | None:
        return self._only_ids

    def _set_case_filter(self, ids: tuple[str, ...] | None, title: str) -> None:
        self._only_ids = ids
        self.filter_bar.set_ids(ids, title)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            self.show_case(row.summary.id)

    def show_case(self, case_id: str) -> None:
        with_sync = self._sync_badges or self.sync_panel is not None

        def work(_progress: object) -> tuple[CaseDetail, list[RejectedOp]]:
            detail = self.cases.detail(case_id)
            rejected = self.review.rejected_for(detail.case.id) if with_sync else []
            return detail, rejected

        self.tasks.run(work, on_done=self._on_detail, on_error=self._on_load_failed)

    def _on_detail(self, loaded: tuple[CaseDetail, list[RejectedOp]]) -> None:
        detail, rejected = loaded
        self.case_view.show_detail(detail, self.workspace.tz, rejected)
        self.detail_loaded.emit(detail.case.id)

    def attach_files(self, files: list[Path]) -> None:
        """Attach dropped files to the case shown, one transaction each, off the GUI thread."""
        detail = self.case_view.detail
        if detail is None or not files:
            return
        case_id = detail.case.id

        def work(_progress: object) -> None:
            for file in files:
                self.cases.attach(case_id, file)

        self.tasks.run(
            work,
            on_done=lambda _result: (self.reload(), self.show_case(case_id)),
            on_error=self._on_action_failed,
        )

    def open_attachment(self, sha256: str, name: str) -> None:
        """Copy the stored file out under its own name, then hand it to the system viewer."""

        workspace = self.workspace
        self.tasks.run(
            lambda _progress: copy_out(workspace, sha256, name),
            on_done=lambda path: self.open_url(QUrl.fromLocalFile(str(path))),
            on_error=self._on_action_failed,
            uses_db=False,
        )

    def _on_action_failed(self, error: BaseException) -> None:
        show_error(self, error, self.workspace.paths.logs)

    def selected_case_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = [self.model.row_at(r) for r in rows]
        return [r.summary.id for r in found if r is not None]

    # -- layout persistence --------------------------------------------------------------
    def _restore_header(self) -> None:
        header = self.table.horizontalHeader()
        # Before sortIndicatorChanged is connected: the restored order sets the first query.
        if not restore_header(header, self._settings):
            return
        column = header.sortIndicatorSection()
        key = SORT_COLUMNS[column] if 0 <= column < len(SORT_COLUMNS) else None
        if key is None:
            header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
            return
        self._sort = key
        self._descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._later.stop()  # nothing more is built for a window that goes
        if self._settings is not None:
            header = self.table.horizontalHeader()
            save_layout(self, self.splitter, self.detail_splitter, header, self._settings)
        if self.sync_panel is not None:  # a run stops at its next batch, nothing half-done
            self.sync_panel.cancel_run()
        self.tasks.shutdown()
        super().closeEvent(event)
