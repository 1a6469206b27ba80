"""The office forms shared by the first-run wizard and Settings, and the other settings pages.

Each form shows a red message under a field the core refused (`ProfileInvalid.errors`, keyed by
the profile's attribute names); nothing reaches the database until every field is valid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPixmap, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.calendar import HolidayKind
from lapor_desktop.domain.codes import CaseKind, Severity
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.sla import DayUnit, SlaRule, Stage
from lapor_desktop.progress import Progress
from lapor_desktop.services.holidays import HolidayEntry, HolidayService
from lapor_desktop.services.office import TIMEZONES, OfficeProfile
from lapor_desktop.services.office_admin import LOGO_SUFFIXES, check_logo
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.settings import AppSettings
from ui import labels
from ui.errors import is_expected, show_error
from ui.tasks import TaskRunner

ERROR_STYLE = "color: #c62828;"
HOLIDAY_BACKGROUND = QColor("#ffcdd2")  # a day off: national, cuti bersama or local
HOLIDAY_FOREGROUND = QColor("#b71c1c")
WORKED_BACKGROUND = QColor("#c8e6c9")  # a national holiday this office works on
_T = TypeVar("_T")


def field_messages() -> dict[str, str]:
    """The operator's words for each field the core can refuse (built when shown: translated)."""
    return {
        "code": QCoreApplication.translate(
            "OfficeForm", "Use 1–20 capital letters, digits, '-' or '_', for example DINSOS."
        ),
        "name": QCoreApplication.translate("OfficeForm", "Enter the office's name."),
        "regency": QCoreApplication.translate(
            "OfficeForm", "Enter the regency or city the office belongs to."
        ),
        "timezone": QCoreApplication.translate("OfficeForm", "Choose WIB, WITA or WIT."),
        "head_nip": QCoreApplication.translate(
            "OfficeForm", "A NIP has exactly 18 digits (spaces are ignored)."
        ),
        "email": QCoreApplication.translate(
            "OfficeForm", "Enter an e-mail address such as pengaduan@dinsos.go.id."
        ),
        "postal_code": QCoreApplication.translate("OfficeForm", "A postal code has 5 digits."),
        "phone": QCoreApplication.translate(
            "OfficeForm", "Use digits, spaces, '+', '-' or brackets only."
        ),
        "website": QCoreApplication.translate("OfficeForm", "A web address has no spaces."),
        "units": QCoreApplication.translate("OfficeForm", "Each unit may be listed only once."),
        "logo_file": QCoreApplication.translate(
            "OfficeForm", "Choose a PNG, JPG, GIF or BMP image of at most 5 MB."
        ),
    }


def message_for(field: str, fallback: str) -> str:
    return field_messages().get(field, fallback)


def alive(widget: QWidget) -> bool:
    """False once Qt deleted the widget (a task may finish after its dialog closed)."""
    return bool(shiboken6.isValid(widget))


def _plain(label: str) -> str:
    return label.replace("&", "")


class _InlineForm:
    """A QFormLayout whose rows each carry a hidden red message label under the field."""

    def __init__(self, layout: QFormLayout) -> None:
        self.layout = layout
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: QWidget, extra: QWidget | None = None) -> None:
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(extra or widget)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(_plain(label))
        self.layout.addRow(caption, holder)
        self.inputs[name] = widget
        self.errors[name] = error

    def show_errors(self, messages: Mapping[str, str]) -> list[QWidget]:
        """Show the messages for this form's fields, clear the others; the bad fields' widgets."""
        bad: list[QWidget] = []
        for name, label in self.errors.items():
            text = messages.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
            label.setAccessibleDescription(text)
            if text:
                bad.append(self.inputs[name])
        return bad


def _line(placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    return edit


class OfficeFields(QWidget):
    """The office profile and letterhead (kop surat): identity, address, contacts, logo."""

    logo_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.form = _InlineForm(layout)
        self.code = _line("DINSOS", 20)
        self.name = _line("Dinas Sosial")
        self.regency = _line("Kabupaten Sumenep")
        self.unit_code = _line("460", 30)
        self.address = _line("Jl. Trunojoyo No. 1")
        self.postal_code = _line("69417", 10)
        self.phone = _line("(0328) 662000", 40)
        self.email = _line("pengaduan@dinsos.go.id", 120)
        self.website = _line("dinsos.sumenepkab.go.id", 120)
        self.city = _line("Sumenep", 80)
        self.timezone = QComboBox()
        for short, zone in TIMEZONES.items():
            self.timezone.addItem(f"{short} ({zone})", zone)
        self.form.add("code", self.tr("Office &code"), self.code)
        self.form.add("name", self.tr("Office &name"), self.name)
        self.form.add("regency", self.tr("&Regency or city government"), self.regency)
        self.form.add("unit_code", self.tr("Classification code for &letters"), self.unit_code)
        self.form.add("address", self.tr("&Address"), self.address)
        self.form.add("postal_code", self.tr("&Postal code"), self.postal_code)
        self.form.add("phone", self.tr("P&hone"), self.phone)
        self.form.add("email", self.tr("&E-mail"), self.email)
        self.form.add("website", self.tr("&Website"), self.website)
        self.form.add("city", self.tr("C&ity written on letters"), self.city)
        self.form.add("timezone", self.tr("&Time zone"), self.timezone)

        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(64, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid #bbb;")
        self.logo_name = QLineEdit()
        self.logo_name.setReadOnly(True)
        self.logo_name.setPlaceholderText(self.tr("No logo"))
        self.choose_logo_button = QPushButton(self.tr("Choose &logo…"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(self.tr("Remove logo"))
        self.remove_logo_button.clicked.connect(self.remove_logo)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_name, 1)
        row.addWidget(self.choose_logo_button)
        row.addWidget(self.remove_logo_button)
        self.form.add("logo_file", self.tr("Logo for the letterhead"), self.logo_name, logo_row)
        self.choose_logo_button.setAccessibleName(self.tr("Choose a logo image"))
        self.remove_logo_button.setAccessibleName(self.tr("Remove the logo"))

        self.logo_source: Path | None = None  # a newly chosen image, copied on save
        self._logo_file = ""  # the stored one (relative to the data dir)

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        edits = {
            "code": self.code,
            "name": self.name,
            "regency": self.regency,
            "unit_code": self.unit_code,
            "address": self.address,
            "postal_code": self.postal_code,
            "phone": self.phone,
            "email": self.email,
            "website": self.website,
            "city": self.city,
        }
        values: dict[str, Any] = {name: edit.text().strip() for name, edit in edits.items()}
        values["timezone"] = self.timezone.currentData()
        values["logo_file"] = self._logo_file
        return values

    def set_profile(self, profile: OfficeProfile, logo: Path | None) -> None:
        for name in (
            "code",
            "name",
            "regency",
            "unit_code",
            "address",
            "postal_code",
            "phone",
            "email",
            "website",
            "city",
        ):
            edit = getattr(self, name)
            assert isinstance(edit, QLineEdit)
            edit.setText(getattr(profile, name))
        index = self.timezone.findData(profile.timezone)
        self.timezone.setCurrentIndex(max(index, 0))
        self._logo_file = profile.logo_file
        self.logo_source = None
        self.logo_name.setText(profile.logo_file)
        self._preview(logo)

    # -- logo ----------------------------------------------------------------------------
    def choose_logo(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in LOGO_SUFFIXES)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the office logo"),
            str(Path.home()),
            self.tr("Images ({patterns})").format(patterns=patterns),
        )
        if chosen:
            self.set_logo_source(Path(chosen))

    def set_logo_source(self, path: Path) -> bool:
        """Take a new logo image (checked now, copied into the data dir on save)."""
        try:
            check_logo(path)
        except ValidationError as error:
            self.form.errors["logo_file"].setText(message_for("logo_file", error.message))
            self.form.errors["logo_file"].setVisible(True)
            return False
        self.form.errors["logo_file"].setVisible(False)
        self.logo_source = path
        self.logo_name.setText(path.name)
        self._preview(path)
        self.logo_chosen.emit()
        return True

    def remove_logo(self) -> None:
        self.logo_source = None
        self._logo_file = ""
        self.logo_name.clear()
        self._preview(None)
        self.logo_chosen.emit()

    def _preview(self, path: Path | None) -> None:
        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()
            self.logo_preview.setText("—")
        else:
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    64,
                    64,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def show_errors(self, messages: Mapping[str, str]) -> list[QWidget]:
        return self.form.show_errors(messages)


class SignatoryFields(QWidget):
    """The head of office who signs letters: name, NIP, rank and grade, position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.form = _InlineForm(layout)
        self.head_name = _line("Drs. Ahmad Fauzi, M.Si.")
        self.head_nip = _line("197003121995031002", 30)
        self.head_rank = _line("Pembina Utama Muda (IV/c)")
        self.head_title = _line("Kepala Dinas Sosial")
        self.form.add("head_name", self.tr("Head of office (name with &degrees)"), self.head_name)
        self.form.add("head_nip", self.tr("N&IP (18 digits)"), self.head_nip)
        self.form.add("head_rank", self.tr("Rank and grade (pan&gkat/golongan)"), self.head_rank)
        self.form.add("head_title", self.tr("&Position (jabatan)"), self.head_title)

    def values(self) -> dict[str, Any]:
        return {
            "head_name": self.head_name.text().strip(),
            "head_nip": self.head_nip.text().strip(),
            "head_rank": self.head_rank.text().strip(),
            "head_title": self.head_title.text().strip(),
        }

    def set_profile(self, profile: OfficeProfile) -> None:
        self.head_name.setText(profile.head_name)
        self.head_nip.setText(profile.head_nip)
        self.head_rank.setText(profile.head_rank)
        self.head_title.setText(profile.head_title)

    def show_errors(self, messages: Mapping[str, str]) -> list[QWidget]:
        return self.form.show_errors(messages)


class UnitsEditor(QWidget):
    """The office's units (bidang, seksi, UPT): the targets of a disposition inside the office."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Units of the office"))
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(lambda _item: self.edited.emit())
        self.new_unit = _line("Bidang Perlindungan dan Jaminan Sosial")
        self.new_unit.setAccessibleName(self.tr("Name of a new unit"))
        self.new_unit.returnPressed.connect(self._add_typed)
        self.add_button = QPushButton(self.tr("&Add unit"))
        self.add_button.clicked.connect(self._add_typed)
        self.rename_button = QPushButton(self.tr("Re&name"))
        self.rename_button.clicked.connect(self._rename_current)
        self.remove_button = QPushButton(self.tr("Re&move"))
        self.remove_button.clicked.connect(self.remove_current)
        self.error = QLabel()
        self.error.setObjectName("error_units")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)

        hint = QLabel(
            self.tr(
                "Cases are disposed to these units. Renaming or removing a unit changes only "
                "future dispositions; earlier ones keep the name they were written with."
            )
        )
        hint.setWordWrap(True)
        adder = QHBoxLayout()
        adder.addWidget(self.new_unit, 1)
        adder.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(adder)
        layout.addWidget(self.error)

    def set_units(self, units: Iterable[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for unit in units:
            self._append(unit)
        self.list.blockSignals(False)

    def units(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_unit(self, name: str) -> bool:
        text = " ".join(name.split())
        if not text:
            return False
        if text.casefold() in {u.casefold() for u in self.units()}:
            self.show_error(self.tr("“{unit}” is already in the list.").format(unit=text))
            return False
        self.show_error("")
        self.list.setCurrentItem(self._append(text))
        self.edited.emit()
        return True

    def rename_unit(self, row: int, name: str) -> None:
        item = self.list.item(row)
        if item is not None and name.strip():
            item.setText(" ".join(name.split()))

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.edited.emit()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _append(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        return item

    def _add_typed(self) -> None:
        if self.add_unit(self.new_unit.text()):
            self.new_unit.clear()

    def _rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)


class PreferencesFields(QWidget):
    """Preferences of this PC, kept in settings.json: language, default paper size and the
    optional automatic sync at a set time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.paper = QComboBox()
        self.paper.addItem(self.tr("F4 (folio, 215 × 330 mm)"), "F4")
        self.paper.addItem(self.tr("A4 (210 × 297 mm)"), "A4")
        self.auto_sync = QCheckBox(self.tr("S&ync automatically every day at"))
        self.auto_sync_time = QTimeEdit()
        self.auto_sync_time.setDisplayFormat("HH:mm")
        self.auto_sync_time.setAccessibleName(self.tr("Time of the automatic sync"))
        self.auto_sync.setAccessibleDescription(
            self.tr("Only while LAPOR Desktop is open and connected to a central server")
        )
        self.auto_sync.toggled.connect(self.auto_sync_time.setEnabled)
        self.note = QLabel(
            self.tr(
                "The new language is used at once where possible; some menus change only "
                "after LAPOR Desktop is restarted."
            )
        )
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        form = QFormLayout(self)
        language_label = QLabel(self.tr("&Language"))
        language_label.setBuddy(self.language)
        paper_label = QLabel(self.tr("Default &paper size for letters"))
        paper_label.setBuddy(self.paper)
        self.language.setAccessibleName(_plain(language_label.text()))
        self.paper.setAccessibleName(_plain(paper_label.text()))
        self.auto_sync.setAccessibleName(_plain(self.auto_sync.text()))
        form.addRow(language_label, self.language)
        form.addRow(paper_label, self.paper)
        form.addRow(self.auto_sync, self.auto_sync_time)
        form.addRow(self.note)

    def set_settings(self, settings: AppSettings) -> None:
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.paper.setCurrentIndex(max(self.paper.findData(settings.paper), 0))
        self.auto_sync.setChecked(settings.auto_sync)
        self.auto_sync_time.setTime(QTime.fromString(settings.auto_sync_time, "HH:mm"))
        self.auto_sync_time.setEnabled(settings.auto_sync)

    def settings(self) -> AppSettings:
        return AppSettings(
            language=self.language.currentData(),
            paper=self.paper.currentData(),
            auto_sync=self.auto_sync.isChecked(),
            auto_sync_time=self.auto_sync_time.time().toString("HH:mm"),
        )


# -- SLA rules -------------------------------------------------------------------------


def stage_label(stage: Stage) -> str:
    labels = {
        Stage.VERIFICATION: QCoreApplication.translate("SlaPage", "Verification"),
        Stage.FIRST_FOLLOW_UP: QCoreApplication.translate("SlaPage", "First follow-up"),
        Stage.RESOLUTION: QCoreApplication.translate("SlaPage", "Resolution"),
        Stage.AUTO_CLOSE: QCoreApplication.translate("SlaPage", "Automatic closing"),
        Stage.INFO_WAIT: QCoreApplication.translate("SlaPage", "Waiting for the reporter's data"),
    }
    return labels.get(stage, stage.value)


def unit_label(unit: DayUnit) -> str:
    if unit is DayUnit.WORKING:
        return QCoreApplication.translate("SlaPage", "working days")
    return QCoreApplication.translate("SlaPage", "calendar days")


class SlaPage(QWidget):
    """The SLA rules with their legal basis, read-only."""

    COLUMNS = ("code", "stage", "days", "unit", "applies_to", "description", "legal_basis")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setAccessibleName(self.tr("SLA rules"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Stage"),
                self.tr("Days"),
                self.tr("Counted in"),
                self.tr("Applies to"),
                self.tr("Description"),
                self.tr("Legal basis"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(self._show_rule)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(5, 300)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            self.tr(
                "Deadlines follow these rules. They come with LAPOR Desktop and change only "
                "with a new version or from the central server."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    def set_rules(self, rules: Iterable[SlaRule]) -> None:
        rows = list(rules)
        self.table.setRowCount(len(rows))
        for r, rule in enumerate(rows):
            applies = self._scope(rule.applies_to)
            texts = (
                rule.code,
                stage_label(rule.stage),
                str(rule.days),
                unit_label(rule.unit),
                applies,
                rule.description,
                rule.legal_basis,
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        if rows:
            self.table.setCurrentCell(0, 0)

    def _show_rule(self, row: int, _column: int, _prev_row: int, _prev_column: int) -> None:
        if row < 0 or self.table.item(row, 5) is None:
            self.detail.clear()
            return
        self.detail.setText(
            self.tr("{description}\nLegal basis: {basis}").format(
                description=self.table.item(row, 5).text(), basis=self.table.item(row, 6).text()
            )
        )

    def _scope(self, applies_to: str) -> str:
        if applies_to == "*":
            return self.tr("all cases")
        for enum, names in ((CaseKind, labels.KIND), (Severity, labels.SEVERITY)):
            try:
                return labels.tr(names[enum(applies_to)])  # type: ignore[index]
            except (ValueError, KeyError):
                continue
        return applies_to

    def codes(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]


# -- holidays --------------------------------------------------------------------------


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

        self.holiday_name = _line("Hari Jadi Kabupaten")
        self.add_button = QPushButton(self.tr("A&dd local holiday on the selected day"))
        self.add_button.clicked.connect(self.add_holiday)
        self.add_error = self._error_label("error_holiday_name")
        self.reason = _line(self.tr("Services stay open on this day"))
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
