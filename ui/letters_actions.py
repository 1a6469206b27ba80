"""The letters' menu entries: Case → Letter…, Case → Print pending letters of selected cases…,
File → Today's letters (Surat hari ini).

The batch issues, for each selected case, the letters it still lacks (disposition sheets of
disposed cases, receipts), then sends every PDF to ONE print job; what the core refused for a
case is listed per case in one summary at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from lapor_desktop.domain.errors import DomainError
from lapor_desktop.letters.model import LetterKind, Paper
from lapor_desktop.services.letters import IssuedLetter, LetterService
from ui.errors import show_error
from ui.letter_output_dialog import ERROR_STYLE
from ui.letter_preview import make_printer, print_pdfs
from ui.letters_dialog import LettersDialog
from ui.todays_letters_dialog import TodayLettersDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

LETTER_SHORTCUT = "Ctrl+L"
BATCH_SHORTCUT = "Ctrl+Alt+P"
TODAY_SHORTCUT = "Ctrl+Alt+T"


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Letters", text, None, n)


@dataclass
class BatchResult:
    printed: list[tuple[str, str]] = field(default_factory=list)  # (register no., letter)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (register no., why)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # already issued earlier
    pages: int = 0


@dataclass
class _Issued:
    result: BatchResult
    documents: list[tuple[bytes, Paper]]


def _describe(letter: IssuedLetter) -> str:
    return f"{letter.title} {letter.number}" if letter.number else letter.title


class BatchPrintDialog(QDialog):
    """Issue the pending letters of the selected cases and print them all in one job."""

    finished_batch = Signal(object)  # the BatchResult

    def __init__(self, window: MainWindow, cases: list[tuple[str, str]]) -> None:
        super().__init__(window)
        self._window = window
        self.cases = cases  # (case id, register no.)
        self.letters = LetterService(window.workspace)
        self.batch_result: BatchResult | None = None
        self.summary: QMessageBox | None = None
        self.setWindowTitle(_t("Print pending letters"))
        intro = QLabel(_t("%n case(s) selected. Issue and print:", len(cases)))
        self.disposition_box = QCheckBox(_t("Disposition sheets of disposed cases"))
        self.disposition_box.setChecked(True)
        self.receipt_box = QCheckBox(_t("Receipts (Tanda Terima)"))
        hint = QLabel(
            _t("Letters a case already has are not issued again; reprint them from the case.")
        )
        hint.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.print_button = QPushButton(_t("&Print…"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.ask_and_print)
        cancel = QPushButton(_t("Close"))
        cancel.clicked.connect(self.reject)
        for box in (self.disposition_box, self.receipt_box):
            box.toggled.connect(self._update)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        for widget in (intro, self.disposition_box, self.receipt_box, hint, self.error_label):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self._update()

    def kinds(self) -> list[LetterKind]:
        chosen = []
        if self.disposition_box.isChecked():
            chosen.append(LetterKind.DISPOSITION)
        if self.receipt_box.isChecked():
            chosen.append(LetterKind.RECEIPT)
        return chosen

    def _update(self, *_args: object) -> None:
        self.print_button.setEnabled(bool(self.kinds()) and bool(self.cases))

    def ask_and_print(self) -> None:
        printer = make_printer(Paper.F4)  # each letter sets its own paper as it is printed
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_t("Print pending letters"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.run(printer)

    def run(self, printer: QPrinter) -> None:
        """Issue (database lane), then print everything in one job (free lane)."""
        kinds = self.kinds()
        cases = list(self.cases)
        self.print_button.setEnabled(False)
        self.error_label.hide()
        self._window.tasks.run(
            lambda _progress: self._issue_all(cases, kinds),
            on_done=lambda issued: self._print(printer, issued),
            on_error=self._failed,
        )

    def _issue_all(self, cases: list[tuple[str, str]], kinds: list[LetterKind]) -> _Issued:
        result = BatchResult()
        documents: list[tuple[bytes, Paper]] = []
        for case_id, register_no in cases:
            try:
                existing = [
                    letter
                    for letter in self.letters.list_for_case(case_id)
                    if not letter.voided and not letter.withheld and not letter.variant
                ]
            except DomainError as error:
                result.refused.append((register_no, str(error)))
                continue
            for kind in kinds:
                done = [letter for letter in existing if letter.kind is kind]
                if done:
                    result.skipped.append((register_no, _describe(done[-1])))
                    continue
                try:
                    letter = self.letters.issue(case_id, kind)
                    documents.append((self.letters.reprint(letter.id), letter.paper))
                except DomainError as error:
                    result.refused.append((register_no, str(error)))
                    continue
                result.printed.append((register_no, _describe(letter)))
        return _Issued(result, documents)

    def _print(self, printer: QPrinter, issued: _Issued) -> None:
        if not issued.documents:
            self._finish(issued.result)
            return

        def printed(pages: int) -> None:
            issued.result.pages = pages
            self._finish(issued.result)

        self._window.tasks.run(
            lambda _progress: print_pdfs(printer, issued.documents),
            on_done=printed,
            on_error=self._failed,
            uses_db=False,
        )

    def _failed(self, error: BaseException) -> None:
        self._update()
        if isinstance(error, DomainError | OSError):
            self.error_label.setText(str(error))
            self.error_label.show()
        else:
            show_error(self, error, self._window.workspace.paths.logs)
        self._window.reload()

    def _finish(self, result: BatchResult) -> None:
        self.batch_result = result
        self._update()
        self._window.reload()
        self._show_summary(result)
        self.finished_batch.emit(result)

    def summary_html(self, result: BatchResult) -> str:
        parts = [
            "<p>"
            + escape(
                _t("%n letter(s) issued and sent to the printer.", len(result.printed))
                + " "
                + _t("%n page(s) in all.", result.pages)
            )
            + "</p>"
        ]
        if result.refused:
            parts.append("<p>" + escape(_t("Refused:")) + "</p>")
            parts.append(
                "<ul>"
                + "".join(
                    f"<li><b>{escape(no)}</b>: {escape(why)}</li>" for no, why in result.refused
                )
                + "</ul>"
            )
        if result.skipped:
            parts.append("<p>" + escape(_t("Already issued, not printed again:")) + "</p>")
            parts.append(
                "<ul>"
                + "".join(
                    f"<li><b>{escape(no)}</b>: {escape(what)}</li>" for no, what in result.skipped
                )
                + "</ul>"
            )
        return "".join(parts)

    def _show_summary(self, result: BatchResult) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning if result.refused else QMessageBox.Icon.Information)
        box.setWindowTitle(_t("Pending letters printed"))
        box.setText(self.summary_html(result))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(box.deleteLater)
        self.summary = box
        box.open()


class LettersActions(QObject):
    """Owns the letters' menu actions and opens their dialogs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("letters_actions")
        self._window = window
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)

        self.letter_action = window.add_action(
            "case", _t("&Letter…"), LETTER_SHORTCUT, self.open_letters
        )
        case_menu = _menu_of(self.letter_action)
        if case_menu is not None:
            case_menu.insertSeparator(self.letter_action)
        self.batch_action = window.add_action(
            "case",
            _t("Print pending letters of selected cases…"),
            BATCH_SHORTCUT,
            self.open_batch,
        )
        self.today_action = window.add_action(
            "file", _t("&Today's letters (Surat hari ini)…"), TODAY_SHORTCUT, self.open_today
        )
        file_menu = _menu_of(self.today_action)
        if file_menu is not None:  # above Quit
            file_menu.removeAction(self.today_action)
            file_menu.insertAction(window.quit_action, self.today_action)
            file_menu.insertSeparator(window.quit_action)
        for action in (self.letter_action, self.batch_action, self.today_action):
            action.setStatusTip(action.text().replace("&", "").rstrip("…"))

        window.detail_loaded.connect(self.update_actions)
        window.page_loaded.connect(self.update_actions)
        window.table.selectionModel().selectionChanged.connect(self.update_actions)
        self.update_actions()

    def update_actions(self, *_args: object) -> None:
        self.letter_action.setEnabled(self._window.case_view.detail is not None)
        self.batch_action.setEnabled(bool(self._window.selected_case_ids()))

    def open_letters(self) -> LettersDialog | None:
        detail = self._window.case_view.detail
        if detail is None:
            return None
        dialog = LettersDialog(self._window, detail)
        self._open(dialog)
        return dialog

    def open_today(self) -> TodayLettersDialog:
        dialog = TodayLettersDialog(self._window)
        self._open(dialog)
        return dialog

    def open_batch(self) -> BatchPrintDialog | None:
        ids = self._window.selected_case_ids()
        if not ids:
            return None
        model = self._window.model
        cases = []
        for case_id in ids:
            row = model.row_at(model.row_of(case_id))
            cases.append((case_id, row.register_no if row is not None else case_id))
        dialog = BatchPrintDialog(self._window, cases)
        self._open(dialog)
        return dialog

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()


def _menu_of(action: QAction) -> QMenu | None:
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    return None


def install_letters_actions(window: MainWindow) -> LettersActions:
    return LettersActions(window)


__all__ = ["BatchPrintDialog", "BatchResult", "LettersActions", "install_letters_actions"]
