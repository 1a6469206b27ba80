"""The case table: a QAbstractTableModel over small frozen rows, paged by keyset in SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
from PySide6.QtGui import QBrush, QColor

from ui.case_rows import CaseRow, Urgency

_ROLE_CASE_ID = int(Qt.ItemDataRole.UserRole) + 1
_ROLE_URGENCY = int(Qt.ItemDataRole.UserRole) + 2
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_HANDLED_ROLES = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _FOREGROUND,
        int(Qt.ItemDataRole.AccessibleTextRole),
        _ROLE_CASE_ID,
        _ROLE_URGENCY,
    }
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseTableModel", text)


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    text: Callable[[CaseRow], str]


COLUMNS = (
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Register no."), lambda r: r.register_no),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Received"), lambda r: r.received),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Title"), lambda r: r.title),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Category"), lambda r: r.category),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Channel"), lambda r: r.channel),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Status"), lambda r: r.status),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Holder"), lambda r: r.holder),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Next deadline"), lambda r: r.deadline),
    Column(QT_TRANSLATE_NOOP("CaseTableModel", "Sync"), lambda r: r.sync),
)
DEADLINE_COLUMN = 7

_COLOURS = {
    Urgency.LATE: QColor("#b3261e"),
    Urgency.TODAY: QColor("#b35c00"),
    Urgency.SOON: QColor("#8a6d00"),
    Urgency.PAUSED: QColor("#5f6368"),
}


class CaseTableModel(QAbstractTableModel):
    CASE_ID_ROLE = _ROLE_CASE_ID
    URGENCY_ROLE = _ROLE_URGENCY

    more_requested = Signal()  # the view scrolled to the end and there are more pages

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._has_more = False
        self._loading = False

    # -- filling -------------------------------------------------------------------------
    def reset_rows(self, rows: list[CaseRow], has_more: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._has_more = has_more
        self._loading = False
        self.endResetModel()

    def append_rows(self, rows: list[CaseRow], has_more: bool) -> None:
        self._loading = False
        self._has_more = has_more
        known = {r.summary.id for r in self._rows}
        fresh = [r for r in rows if r.summary.id not in known]
        if not fresh:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def loading_failed(self) -> None:
        self._loading = False

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def last_row(self) -> CaseRow | None:
        return self._rows[-1] if self._rows else None

    def row_of(self, case_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.summary.id == case_id:
                return i
        return -1

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        # Every unhandled role returns None itself: PySide6 6.12.0 leaks None through super().
        # A paint asks each cell for ~7 roles (font, alignment, decoration…) and most are not
        # ours: those are answered first, with plain ints, before the index is looked at.
        if role not in _HANDLED_ROLES:
            return None
        number = index.row()
        if not index.isValid() or not (0 <= number < len(self._rows)):
            return None
        row = self._rows[number]
        column = index.column()
        if role in (_DISPLAY, _TOOLTIP):
            return COLUMNS[column].text(row) if 0 <= column < len(COLUMNS) else None
        if role == _FOREGROUND:
            colour = _COLOURS.get(row.urgency) if column == DEADLINE_COLUMN else None
            return QBrush(colour) if colour is not None else None
        if role == _ROLE_CASE_ID:
            return row.summary.id
        if role == _ROLE_URGENCY:
            return row.urgency
        if 0 <= column < len(COLUMNS):  # AccessibleTextRole
            return f"{_tr(COLUMNS[column].title)}: {COLUMNS[column].text(row)}"
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _tr(COLUMNS[section].title)
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        # The page is loaded by the task runner; this only asks for it (no query in the model).
        if self.canFetchMore(parent):
            self._loading = True
            self.more_requested.emit()
