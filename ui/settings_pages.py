"""Settings pages of the office's own lists and of this PC: the units editor and the preferences.

The office forms are in ui/office_fields.py, the SLA page in ui/sla_page.py, the holiday calendar
in ui/holidays_page.py, the inline field messages in ui/inline_form.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.settings import AppSettings

# ERROR_STYLE and alive are also imported from here (ui/sync_dialog.py), as before the split.
from ui.inline_form import ERROR_STYLE, alive, line_edit, plain_label


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
        self.new_unit = line_edit("Bidang Perlindungan dan Jaminan Sosial")
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
        self.language.setAccessibleName(plain_label(language_label.text()))
        self.paper.setAccessibleName(plain_label(paper_label.text()))
        self.auto_sync.setAccessibleName(plain_label(self.auto_sync.text()))
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


__all__ = ["ERROR_STYLE", "PreferencesFields", "UnitsEditor", "alive"]
