"""The part every letters dialog shares: a preview pane, the letter shown, Print… and Save as PDF….

Every service call and every PDF written or printed runs through the window's task runner; a rule
the core refuses (DomainError) shows inline in the core's own words. Print and Save work on the
issued letter's stored bytes (never on a preview), so what is saved is byte for byte what
`reprint` gives. The one exception is the DRAFT the core hands back when no letter number is
left offline (LetterNumberPending): that copy may be saved and printed too, marked as a DRAFT.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.errors import DomainError
from lapor_desktop.letters.model import LetterKind, Paper
from lapor_desktop.services.letters import IssuedLetter, LetterService
from ui.errors import show_error
from ui.letter_preview import PdfPreview, ask_save_path, make_printer, print_pdfs, write_pdf

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ERROR_STYLE = "color: #b00020;"
DRAFT_STYLE = "background: #fff3cd; color: #7a4b00; font-weight: bold; padding: 6px;"


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Letters", text, None, n)


def letter_title(letter: IssuedLetter) -> str:
    return letter.title  # the letter's own (Indonesian) name, as printed on it


def file_name(letter: IssuedLetter) -> str:
    base = letter.number or f"{letter.register_no}-{letter.kind.value}"
    return re.sub(r"[^0-9A-Za-z.\-]+", "-", base).strip("-") + ".pdf"


def documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def state_text(letter: IssuedLetter) -> str:
    if letter.withheld:
        return _t("Withheld: the reporter's identity was removed")
    if letter.voided:
        return _t("Void: %1").replace("%1", letter.void_reason or "")
    return _t("Valid")


def fill_letter_table(
    table: QTableWidget, letters: list[IssuedLetter], rows: Callable[[IssuedLetter], list[str]]
) -> None:
    table.setRowCount(0)
    for letter in letters:
        row = table.rowCount()
        table.insertRow(row)
        for column, text in enumerate(rows(letter)):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, letter.id)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, column, item)


def letter_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def draft_file_name(register_no: str, kind: LetterKind) -> str:
    return re.sub(r"[^0-9A-Za-z.\-]+", "-", f"DRAF-{register_no}-{kind.value}").strip("-") + ".pdf"


@dataclass(frozen=True, slots=True)
class DraftCopy:
    """The DRAFT shown because no letter number was left: what Print and Save need of it."""

    paper: Paper
    file_name: str


class LetterOutputDialog(QDialog):
    """A preview pane, the letter shown now, and Print…/Save as PDF… for an issued letter
    (or for the DRAFT given instead of a letter when no number is left)."""

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)
    pdf_shown = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.letters = LetterService(window.workspace)
        self.current: IssuedLetter | None = None  # the issued letter whose bytes are shown
        self.draft_copy: DraftCopy | None = None  # or the no-number DRAFT shown instead
        self.preview = PdfPreview()
        self.draft_banner = QLabel(_t("DRAFT — the letter number is waiting for the next sync"))
        self.draft_banner.setStyleSheet(DRAFT_STYLE)
        self.draft_banner.setWordWrap(True)
        self.draft_banner.hide()
        self.preview_pane = QWidget()  # what the dialogs put beside their list
        pane_layout = QVBoxLayout(self.preview_pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addWidget(self.draft_banner)
        pane_layout.addWidget(self.preview, 1)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.print_button = QPushButton(_t("&Print…"))
        self.print_button.clicked.connect(self.print_current)
        self.save_button = QPushButton(_t("Save as P&DF…"))
        self.save_button.clicked.connect(self.save_current)
        self.close_button = QPushButton(_t("Close"))
        self.close_button.clicked.connect(self.reject)
        self._busy = 0
        self._update_output_buttons()

    # -- running ---------------------------------------------------------------------------
    def _run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        uses_db: bool = True,
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._set_error(None)
        self._busy += 1
        self._update_busy()

        def done(result: Any) -> None:
            self._busy -= 1
            self._update_busy()
            on_done(result)

        def failed(error: BaseException) -> None:
            self._busy -= 1
            self._update_busy()
            (on_failed or self._fail)(error)

        self._window.tasks.run(lambda _progress: work(), done, failed, uses_db=uses_db)

    def _update_busy(self) -> None:
        self.setCursor(Qt.CursorShape.BusyCursor if self._busy else Qt.CursorShape.ArrowCursor)
        self._update_output_buttons()

    def _fail(self, error: BaseException) -> None:
        if isinstance(error, DomainError | OSError):
            self._set_error(str(error))
        else:
            show_error(self, error, self._window.workspace.paths.logs)

    def _set_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def _update_output_buttons(self) -> None:
        ready = (
            self._output_paper() is not None and self.preview.data is not None and not self._busy
        )
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # -- showing ---------------------------------------------------------------------------
    def show_letter(self, letter: IssuedLetter, data: bytes) -> None:
        self._show_pdf(data, letter, None)

    def show_draft(self, data: bytes) -> None:
        """A preview: nothing to print or save (only an issued letter's stored bytes are)."""
        self._show_pdf(data, None, None)

    def show_pending_draft(self, data: bytes, copy: DraftCopy) -> None:
        """The DRAFT the core gave instead of a letter (no number left): shown, printable."""
        self._show_pdf(data, None, copy)

    def _show_pdf(self, data: bytes, letter: IssuedLetter | None, copy: DraftCopy | None) -> None:
        self.current = letter
        self.draft_copy = copy
        self.draft_banner.setVisible(copy is not None)
        self.preview.show_pdf(data)
        self._update_output_buttons()
        self.pdf_shown.emit()

    def _output_paper(self) -> Paper | None:
        if self.current is not None:
            return self.current.paper
        return self.draft_copy.paper if self.draft_copy is not None else None

    def _output_file_name(self) -> str | None:
        if self.current is not None:
            return file_name(self.current)
        return self.draft_copy.file_name if self.draft_copy is not None else None

    def open_letter(self, letter_id: str) -> None:
        """The stored PDF of an issued letter (reprint: identical bytes, never a new number)."""

        def work() -> tuple[IssuedLetter, bytes]:
            letter = self.letters.get(letter_id)
            return letter, self.letters.reprint(letter.id, include_void=True)

        self._run(work, lambda result: self._on_opened(*result))

    def _on_opened(self, letter: IssuedLetter, data: bytes) -> None:
        self.show_letter(letter, data)
        text = _t("%1, stored copy (reprint).").replace("%1", self._describe(letter))
        if letter.voided:
            text += " " + _t("This letter is VOID.")
        self.status_label.setText(text)

    def _describe(self, letter: IssuedLetter) -> str:
        if letter.number:
            return (
                _t("%1 number %2").replace("%1", letter_title(letter)).replace("%2", letter.number)
            )
        return letter_title(letter)

    # -- printing and saving ---------------------------------------------------------------
    def print_current(self) -> None:
        """Ask for the printer (the letter's paper preselected), then print."""
        paper = self._output_paper()
        if paper is None:
            return
        printer = make_printer(paper)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_t("Print letter"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        paper, data = self._output_paper(), self.preview.data
        if paper is None or data is None:
            return
        self._run(lambda: print_pdfs(printer, [(data, paper)]), self._on_printed, uses_db=False)

    def _on_printed(self, pages: int) -> None:
        self.status_label.setText(_t("Sent %n page(s) to the printer.", pages))
        self.printed.emit(pages)

    def save_current(self) -> None:
        name = self._output_file_name()
        if name is None:
            return
        path = ask_save_path(
            self,
            str(documents_dir() / name),
            _t("Save letter as PDF"),
            _t("PDF documents (*.pdf)"),
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        data = self.preview.data
        if self._output_paper() is None or data is None:
            return
        self._run(lambda: write_pdf(path, data), self._on_saved, uses_db=False)

    def _on_saved(self, path: Path) -> None:
        self.status_label.setText(_t("Saved to %1").replace("%1", str(path)))
        self.saved.emit(str(path))

    def done(self, result: int) -> None:
        # The PDF is closed before the dialog goes.
        self.preview.clear()
        super().done(result)


__all__ = [
    "DRAFT_STYLE",
    "ERROR_STYLE",
    "DraftCopy",
    "LetterOutputDialog",
    "documents_dir",
    "draft_file_name",
    "file_name",
    "fill_letter_table",
    "letter_table",
    "letter_title",
    "state_text",
]
