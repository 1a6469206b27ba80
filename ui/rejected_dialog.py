"""Sync → Rejected actions…: each action the server refused, with its reason; do it again from
the case's current state where the rules allow, or acknowledge it.

Doing it again is a new action (lapor_desktop.services.sync_review.reapply): the rules check it
against the case as it is now, and it goes out with the next sync. Nothing is retried behind
the operator's back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.progress import Progress
from lapor_desktop.services.sync_review import RejectedOp
from ui import labels
from ui.errors import show_error
from ui.inline_form import ERROR_STYLE, alive

if TYPE_CHECKING:
    from datetime import tzinfo

    from ui.main_window import MainWindow

HEADERS = (
    QT_TRANSLATE_NOOP("RejectedTableModel", "Case"),
    QT_TRANSLATE_NOOP("RejectedTableModel", "Action"),
    QT_TRANSLATE_NOOP("RejectedTableModel", "Server's reason"),
    QT_TRANSLATE_NOOP("RejectedTableModel", "Done"),
)


class RejectedTableModel(QAbstractTableModel):
    OP_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, tz: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[RejectedOp] = []

    def set_rows(self, rows: list[RejectedOp]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RejectedOp | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def _text(self, row: RejectedOp, column: int) -> str:
        if column == 0:
            return row.register_no
        if column == 1:
            return labels.tr(labels.OP_TYPE[row.op_type])
        if column == 2:
            return row.message or row.code
        return f"{indonesian_datetime(row.at, self._tz)} · {row.actor}"

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        # Every unhandled role returns None itself (PySide6 leaks None through super().data()).
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], index.column()
        if not 0 <= column < len(HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            header = QCoreApplication.translate("RejectedTableModel", HEADERS[column])
            return f"{header}: {self._text(row, column)}"
        if role == self.OP_ID_ROLE:
            return row.op_id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate("RejectedTableModel", HEADERS[section])
        return None


class RejectedDialog(QDialog):
    loaded = Signal()
    changed = Signal()  # an action was done again or acknowledged

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._review = window.review
        self._busy = False
        self.setWindowTitle(self.tr("Actions the server rejected"))
        intro = QLabel(
            self.tr(
                "The server refused these actions; the case shows the server's state. Do an "
                "action again from the case as it is now (when the rules allow it), or "
                "acknowledge it to remove it from this list."
            )
        )
        intro.setWordWrap(True)
        self.model = RejectedTableModel(window.workspace.tz, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rejected actions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._update)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.reapply_button = QPushButton(self.tr("&Do it again from the current state"))
        self.ack_button = QPushButton(self.tr("&Acknowledge"))
        self.show_button = QPushButton(self.tr("&Show the case"))
        close = QPushButton(self.tr("Close"))
        self.reapply_button.clicked.connect(self.reapply)
        self.ack_button.clicked.connect(self.acknowledge)
        self.show_button.clicked.connect(self.show_case)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.reapply_button, self.ack_button, self.show_button):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(860, 380)
        self._update()
        self.load()

    def load(self) -> None:
        review = self._review

        def work(_progress: Progress) -> list[RejectedOp]:
            return review.rejected()

        self._window.tasks.run(work, self._on_loaded, self._on_failed)

    def _on_loaded(self, rows: list[RejectedOp]) -> None:
        if not alive(self):
            return
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._busy = False
        self._update()
        self.loaded.emit()

    def current(self) -> RejectedOp | None:
        return self.model.row_at(self.table.currentIndex().row())

    def _update(self, *_args: object) -> None:
        row = self.current()
        self.reapply_button.setEnabled(row is not None and row.can_reapply and not self._busy)
        self.ack_button.setEnabled(row is not None and not self._busy)
        self.show_button.setEnabled(row is not None)
        if row is not None and not row.can_reapply:
            self.reapply_button.setToolTip(
                self.tr("The rules do not allow this action on the case as it is now.")
            )
        else:
            self.reapply_button.setToolTip("")

    def reapply(self) -> None:
        row = self.current()
        if row is None or self._busy:
            return
        review, op_id = self._review, row.op_id

        def work(_progress: Progress) -> Case:
            return review.reapply(op_id)

        self._run(work)

    def acknowledge(self) -> None:
        row = self.current()
        if row is None or self._busy:
            return
        review, op_id = self._review, row.op_id

        def work(_progress: Progress) -> None:
            review.acknowledge(op_id)

        self._run(work)

    def _run(self, work: Any) -> None:
        self._busy = True
        self.error_label.setVisible(False)
        self._update()
        self._window.tasks.run(work, self._on_changed, self._on_failed)

    def _on_changed(self, _result: object) -> None:
        if not alive(self):
            return
        self.changed.emit()
        self._window.reload()
        self.load()

    def _on_failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self._busy = False
        self._update()
        if isinstance(error, DomainError):
            self.error_label.setText(str(error))
            self.error_label.setVisible(True)
        else:
            show_error(self, error, self._window.workspace.paths.logs)

    def show_case(self) -> None:
        row = self.current()
        if row is not None:
            self._window.show_cases([row.case_id], self.tr("Rejected action"))
