"""File → Today's letters (Surat hari ini): the letters issued today, to open, print and save."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from lapor_desktop.services.letters import IssuedLetter
from ui.letter_output_dialog import (
    LetterOutputDialog,
    fill_letter_table,
    letter_table,
    letter_title,
    state_text,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Letters", text, None, n)


class TodayLettersDialog(LetterOutputDialog):
    """File → Today's letters (Surat hari ini): what was issued today, to open, print, save."""

    loaded = Signal()

    def __init__(self, window: MainWindow, day: date | None = None) -> None:
        super().__init__(window)
        self.day = day
        self.setWindowTitle(_t("Today's letters"))
        self.resize(1100, 720)
        self.issued_letters: list[IssuedLetter] = []
        self.table = letter_table([_t("Time"), _t("Number"), _t("Letter"), _t("Case"), _t("State")])
        self.table.itemSelectionChanged.connect(self.open_selected)
        self.count_label = QLabel()
        self.refresh_button = QPushButton(_t("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.error_label)
        left_layout.addWidget(self.status_label)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview_pane)
        splitter.setSizes([520, 580])
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        day = self.day

        def work() -> list[IssuedLetter]:
            return self.letters.issued_on(day) if day else self.letters.issued_today()

        self._run(work, self._show)

    def _show(self, listed: list[IssuedLetter]) -> None:
        self.issued_letters = listed
        tz = self._window.workspace.tz
        fill_letter_table(
            self.table,
            listed,
            lambda letter: [
                letter.issued_at.astimezone(tz).strftime("%H.%M"),
                letter.number or "—",
                letter_title(letter),
                letter.register_no,
                state_text(letter),
            ],
        )
        self.count_label.setText(_t("%n letter(s) issued today.", len(listed)))
        self.loaded.emit()

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and 0 <= rows[0].row() < len(self.issued_letters):
            self.open_letter(self.issued_letters[rows[0].row()].id)


__all__ = ["TodayLettersDialog"]
