"""Settings → Holidays: the year's working-day calendar, local holidays added, holidays removed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.calendar import HolidayKind
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.progress import Progress
from lapor_desktop.services.holidays import HolidayEntry, HolidayService
from lapor_desktop.services.workspace import Workspace
from ui.errors import is_expected, show_error
from ui.inline_form import ERROR_STYLE, alive, line_edit
from ui.tasks import TaskRunner

HOLIDAY_BACKGROUND = QColor("#ffcdd2")  # a day off: national, cuti bersama or local
HOLIDAY_FOREGROUND = QColor("#b71c1c")
WORKED_BACKGROUND = QColor("#c8e6c9")  # a national holiday this office works on
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class YearCalendar:
    year: int
    entries: list[HolidayEntry]
    working_days: dict[int, int]  # month → working days


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def kind_label(kind: HolidayKind) -> str:
    labels = {
        HolidayKind.NATIONAL: QCoreApplication.translate("HolidaysPage", "national holiday"),
        HolidayKind.CUTI_BERSAMA: QCoreApplication.translate(
            "HolidaysPage", "collective leave (cuti bersama)"
        ),
        HolidayKind.LOCAL: QCoreApplication.translate("HolidaysPage", "local holiday"),
    }
    return labels.get(kind, str(kind))


class HolidaysPage(QWidget):
    """The year's working-day calendar; local holidays added, holidays removed with a reason."""

    loaded = Signal(int)  # the year shown
    changed = Signal()  # a holiday was added or removed (deadlines were recomputed)

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._service = HolidayService(workspace)
        self._shown_year = 0
        self._entries: dict[date, HolidayEntry] = {}
        self._marked: list[date] = []

        self.year = QSpinBox()
        self.year.setRange(today.year - 10, today.year + 10)
        self.year.setValue(today.year)
        self.year.setAccessibleName(self.tr("Year"))
        self.year.valueChanged.connect(self._on_year_chosen)
        year_label = QLabel(self.tr("&Year"))
        year_label.setBuddy(self.year)

        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(self.tr("Working-day calendar"))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(_qdate(today))
        self.calendar.currentPageChanged.connect(self._on_page_changed)
        self.calendar.selectionChanged.connect(self._show_selected_day)
        self.day_info = QLabel()
        self.day_info.setWordWrap(True)
        self.month_info = QLabel()

        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Holidays of the year"))
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Name"), self.tr("Kind")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(self._on_table_row)

        self.holiday_name = line_edit("Hari Jadi Kabupaten")
        self.add_button = QPushButton(self.tr("A&dd local holiday on the selected day"))
        self.add_button.clicked.connect(self.add_holiday)
        self.add_error = self._error_label("error_holiday_name")
        self.reason = line_edit(self.tr("Services stay open on this day"))
        self.remove_button = QPushButton(self.tr("Make the selected day a &working day"))
        self.remove_button.clicked.connect(self.remove_holiday)
        self.remove_error = self._error_label("error_holiday_reason")
        self.status = QLabel()
        self.status.setWordWrap(True)

        add_box = QGroupBox(self.tr("Add a local holiday (libur daerah)"))
        add_form = QFormLayout(add_box)
        name_label = QLabel(self.tr("Holiday &name"))
        name_label.setBuddy(self.holiday_name)
        self.holiday_name.setAccessibleName(self.tr("Name of the local holiday"))
        add_form.addRow(name_label, self.holiday_name)
        add_form.addRow(self.add_error)
        add_form.addRow(self.add_button)
        remove_box = QGroupBox(self.tr("Remove a holiday"))
        remove_form = QFormLayout(remove_box)
        reason_label = QLabel(self.tr("&Reason"))
        reason_label.setBuddy(self.reason)
        self.reason.setAccessibleName(self.tr("Reason for removing the holiday"))
        remove_form.addRow(reason_label, self.reason)
        remove_form.addRow(self.remove_error)
        remove_form.addRow(self.remove_button)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.month_info, 1)
        left = QVBoxLayout()
        left.addWidget(self.calendar)
        left.addWidget(self.day_info)
        left.addWidget(add_box)
        left.addWidget(remove_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addWidget(self.table, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        self._working_days: dict[int, int] = {}

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    # -- loading -------------------------------------------------------------------------
    def load(self, year: int | None = None) -> None:
        wanted = year or self.year.value()

        def work(_progress: Progress) -> YearCalendar:
            entries = self._service.entries(wanted)
            counts = {}
            for month in range(1, 13):
                days = self._service.working_days(wanted, month)
                counts[month] = sum(1 for _day, working, _name in days if working)
            return YearCalendar(wanted, entries, counts)

        self._run(work, self._on_loaded)

    def _run(
        self,
        work: Callable[[Progress], _T],
        on_done: Callable[[_T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        failed = on_error or self._on_failed

        def done(result: _T) -> None:
            if alive(self):
                on_done(result)

        def error(problem: BaseException) -> None:
            if alive(self):
                failed(problem)

        self._tasks.run(work, done, error)

    def _on_failed(self, error: BaseException) -> None:
        if is_expected(error):
            self.status.setText(str(error))
        else:
            show_error(self, error, self._ws.paths.logs)

    def _on_loaded(self, result: YearCalendar) -> None:
        self._shown_year = result.year
        self._entries = {e.day: e for e in result.entries}
        self._working_days = result.working_days
        self._mark_calendar()
        self._fill_table()
        if self.year.value() != result.year:
            self.year.blockSignals(True)
            self.year.setValue(result.year)
            self.year.blockSignals(False)
        if self.calendar.yearShown() != result.year:
            self.calendar.setCurrentPage(result.year, self.calendar.monthShown())
        self._show_month()
        self._show_selected_day()
        self.loaded.emit(result.year)

    def _mark_calendar(self) -> None:
        plain = QTextCharFormat()
        for day in self._marked:
            self.calendar.setDateTextFormat(_qdate(day), plain)
        self._marked = []
        for entry in self._entries.values():
            fmt = QTextCharFormat()
            fmt.setToolTip(entry.name)
            if entry.working:
                fmt.setBackground(QBrush(WORKED_BACKGROUND))
            else:
                fmt.setBackground(QBrush(HOLIDAY_BACKGROUND))
                fmt.setForeground(QBrush(HOLIDAY_FOREGROUND))
                fmt.setFontWeight(QFont.Weight.Bold)
            self.calendar.setDateTextFormat(_qdate(entry.day), fmt)
            self._marked.append(entry.day)

    def _fill_table(self) -> None:
        entries = sorted(self._entries.values(), key=lambda e: e.day)
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        locale_date = self.locale()
        for r, entry in enumerate(entries):
            when = QTableWidgetItem(locale_date.toString(_qdate(entry.day), "ddd, d MMMM yyyy"))
            when.setData(Qt.ItemDataRole.UserRole, entry.day.isoformat())
            kind = kind_label(entry.kind)
            if entry.working:
                kind = self.tr("{kind}, a working day here").format(kind=kind)
            self.table.setItem(r, 0, when)
            self.table.setItem(r, 1, QTableWidgetItem(entry.name))
            self.table.setItem(r, 2, QTableWidgetItem(kind))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.table.blockSignals(False)

    def _show_month(self) -> None:
        month = self.calendar.monthShown()
        if self.calendar.yearShown() != self._shown_year or month not in self._working_days:
            self.month_info.clear()
            return
        name = self.locale().toString(QDate(self._shown_year, month, 1), "MMMM yyyy")
        self.month_info.setText(
            self.tr("{month}: {count} working days").format(
                month=name, count=self._working_days[month]
            )
        )

    # -- state ---------------------------------------------------------------------------
    def selected_day(self) -> date:
        return _pydate(self.calendar.selectedDate())

    def select_day(self, day: date) -> None:
        if day.year != self._shown_year:
            self.year.setValue(day.year)
        self.calendar.setSelectedDate(_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)

    def holidays(self) -> list[HolidayEntry]:
        return sorted(self._entries.values(), key=lambda e: e.day)

    def is_marked_off(self, day: date) -> bool:
        """Whether the calendar shows `day` as a holiday (tests and accessibility)."""
        fmt = self.calendar.dateTextFormat(_qdate(day))
        return fmt.background().color() == HOLIDAY_BACKGROUND

    def _show_selected_day(self) -> None:
        day = self.selected_day()
        text = self.locale().toString(_qdate(day), "dddd, d MMMM yyyy")
        entry = self._entries.get(day)
        if entry is not None and not entry.working:
            info = self.tr("{day}: {name} ({kind}), not a working day").format(
                day=text, name=entry.name, kind=kind_label(entry.kind)
            )
        elif entry is not None:
            info = self.tr("{day}: {name}, declared a working day here").format(
                day=text, name=entry.name
            )
        elif day.weekday() >= 5:
            info = self.tr("{day}: weekend").format(day=text)
        else:
            info = self.tr("{day}: working day").format(day=text)
        self.day_info.setText(info)
        self.add_button.setEnabled(day.weekday() < 5 and (entry is None or entry.working))
        self.remove_button.setEnabled(entry is not None and not entry.working)

    def _on_year_chosen(self, year: int) -> None:
        if year != self._shown_year:
            self.calendar.setCurrentPage(year, self.calendar.monthShown())

    def _on_page_changed(self, year: int, _month: int) -> None:
        if year != self._shown_year:
            self.load(year)
        else:
            self._show_month()

    def _on_table_row(self, row: int, _column: int, _prev_row: int, _prev_column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.select_day(date.fromisoformat(str(item.data(Qt.ItemDataRole.UserRole))))

    # -- changes -------------------------------------------------------------------------
    def add_holiday(self) -> None:
        day, name = self.selected_day(), self.holiday_name.text().strip()
        if not name:
            self._set_error(self.add_error, self.tr("Give the holiday a name."))
            return
        self._change(
            lambda: self._service.add_local(day, name),
            self.holiday_name,
            self.add_error,
            self.tr("This day is already a holiday."),
        )

    def remove_holiday(self) -> None:
        day, reason = self.selected_day(), self.reason.text().strip()
        if not reason:
            self._set_error(
                self.remove_error, self.tr("Say why this day is a working day after all.")
            )
            return
        self._change(
            lambda: self._service.remove(day, reason),
            self.reason,
            self.remove_error,
            self.tr("This day is not a holiday."),
        )

    def _change(
        self, call: Callable[[], int], clear: QLineEdit, error_label: QLabel, refused: str
    ) -> None:
        self.add_error.setVisible(False)
        self.remove_error.setVisible(False)
        self.add_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self.status.setText(self.tr("Saving and recomputing deadlines…"))
        year = self._shown_year or self.year.value()

        def done(moved: int) -> None:
            clear.clear()
            self.status.setText(self.tr("Saved. %n open case(s) got a new deadline.", "", moved))
            self.changed.emit()
            self.load(year)

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError):
                self.status.clear()
                self._show_selected_day()
                self._set_error(error_label, refused if error.field == "day" else str(error))
            else:
                self._on_failed(error)

        self._run(lambda _progress: call(), done, failed)

    def _set_error(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(True)
        label.setAccessibleDescription(text)


__all__ = ["HolidaysPage", "YearCalendar", "kind_label"]
