"""Letters of a case: pick a kind legal for the case now, preview it (DRAFT), issue it, print it.

Every service call (draft text, preview, issue, reprint, void, lists) and every PDF written or
printed runs through the window's task runner; a rule the core refuses (DomainError) shows inline
in the dialog in the core's own words. Print and Save work on the issued letter's stored bytes
(never on a preview), so what is saved is byte for byte what `reprint` gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.letters.model import LetterKind, Paper
from lapor_desktop.services.cases import CaseDetail
from lapor_desktop.services.letter_content import FORMAL_KINDS
from lapor_desktop.services.letters import IssuedLetter, LetterService
from ui.errors import show_error
from ui.letter_preview import PdfPreview, ask_save_path, make_printer, print_pdfs, write_pdf

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ERROR_STYLE = "color: #b00020;"


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Letters", text, None, n)


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    kind: LetterKind
    label: str  # source text, translated in context "Letters"
    anonymous_document: bool = False
    blank: bool = False

    @property
    def editable(self) -> bool:
        return self.kind in FORMAL_KINDS


CHOICES: tuple[Choice, ...] = (
    Choice(
        "disposisi",
        LetterKind.DISPOSITION,
        QT_TRANSLATE_NOOP("Letters", "Disposition sheet (Lembar Disposisi)"),
    ),
    Choice(
        "disposisi-blanko",
        LetterKind.DISPOSITION,
        QT_TRANSLATE_NOOP("Letters", "Blank disposition sheet, to fill in by hand"),
        blank=True,
    ),
    Choice(
        "tanggapan",
        LetterKind.RESPONSE,
        QT_TRANSLATE_NOOP("Letters", "Response letter (Surat Tanggapan)"),
    ),
    Choice(
        "tanggapan-anonim",
        LetterKind.RESPONSE,
        QT_TRANSLATE_NOOP("Letters", "Response document without identity (for LAPOR!)"),
        anonymous_document=True,
    ),
    Choice(
        "penerusan",
        LetterKind.FORWARD,
        QT_TRANSLATE_NOOP("Letters", "Forwarding letter (Surat Penerusan)"),
    ),
    Choice(
        "kelengkapan",
        LetterKind.COMPLETION,
        QT_TRANSLATE_NOOP("Letters", "Request for missing data (Surat Permintaan Kelengkapan)"),
    ),
    Choice(
        "tanda-terima", LetterKind.RECEIPT, QT_TRANSLATE_NOOP("Letters", "Receipt (Tanda Terima)")
    ),
)
CHOICE = {choice.key: choice for choice in CHOICES}


def _has_reporter_name(case: Case) -> bool:
    return case.reporter is not None and bool((case.reporter.name or "").strip())


def refusal(case: Case, choice: Choice) -> str | None:
    """Why the case's state does not allow this letter now (translated), or None when it does.

    Mirrors the core's check (services/letter_content.check_allowed); the core checks again on
    preview and issue, so a difference can only show as an inline error, never as a bad letter.
    """
    kind = choice.kind
    if kind is LetterKind.DISPOSITION:
        if not choice.blank and not case.dispositions:
            return _t("The case has no disposition yet; print the blank form instead.")
        return None
    if kind is LetterKind.RESPONSE:
        if case.anonymous != choice.anonymous_document:
            if case.anonymous:
                return _t("The reporter is anonymous: only the document without identity.")
            return _t("Only for anonymous cases.")
        if case.status not in (CaseStatus.AWAITING_REPORTER, CaseStatus.RESOLVED):
            return _t("A response needs the final answer (Case → Give the final answer).")
        if case.answer is None:
            return _t("The case has no final answer recorded.")
        if not choice.anonymous_document and not _has_reporter_name(case):
            return _t("The reporter's name is not recorded.")
        return None
    if kind is LetterKind.FORWARD:
        if case.status is not CaseStatus.FORWARDED or not case.forwarded_to:
            return _t("The case must be forwarded to the competent agency first.")
        return None
    if kind is LetterKind.COMPLETION:
        if case.status is not CaseStatus.NEEDS_INFO:
            return _t("The case must be waiting for missing information.")
        if case.anonymous:
            return _t("The reporter is anonymous: no letter can be addressed to them.")
        if not _has_reporter_name(case):
            return _t("The reporter's name is not recorded.")
        return None
    return None


def visible_choices(case: Case) -> list[Choice]:
    """An anonymous case offers the identity-free response instead of the Surat Tanggapan."""
    hidden = "tanggapan" if case.anonymous else "tanggapan-anonim"
    return [c for c in CHOICES if c.key != hidden]


def letter_title(letter: IssuedLetter) -> str:
    return letter.title  # the letter's own (Indonesian) name, as printed on it


def file_name(letter: IssuedLetter) -> str:
    base = letter.number or f"{letter.register_no}-{letter.kind.value}"
    return re.sub(r"[^0-9A-Za-z.\-]+", "-", base).strip("-") + ".pdf"


def documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _state_text(letter: IssuedLetter) -> str:
    if letter.voided:
        return _t("Void: %1").replace("%1", letter.void_reason or "")
    return _t("Valid")


def _fill_letter_table(
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


def _letter_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


# --------------------------------------------------------------------------- shared base


class _LetterOutputDialog(QDialog):
    """A preview pane, the letter shown now, and Print…/Save as PDF… for an issued letter."""

    printed = Signal(int)  # pages sent to the printer
    saved = Signal(str)
    pdf_shown = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.letters = LetterService(window.workspace)
        self.current: IssuedLetter | None = None  # the issued letter whose bytes are shown
        self.preview = PdfPreview()
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
            self._fail(error)

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
        ready = self.current is not None and self.preview.data is not None and not self._busy
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # -- showing ---------------------------------------------------------------------------
    def show_letter(self, letter: IssuedLetter, data: bytes) -> None:
        self.current = letter
        self.preview.show_pdf(data)
        self._update_output_buttons()
        self.pdf_shown.emit()

    def show_draft(self, data: bytes) -> None:
        self.current = None
        self.preview.show_pdf(data)
        self._update_output_buttons()
        self.pdf_shown.emit()

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
        if self.current is None:
            return
        printer = make_printer(self.current.paper)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_t("Print letter"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        letter, data = self.current, self.preview.data
        if letter is None or data is None:
            return
        paper = letter.paper
        self._run(lambda: print_pdfs(printer, [(data, paper)]), self._on_printed, uses_db=False)

    def _on_printed(self, pages: int) -> None:
        self.status_label.setText(_t("Sent %n page(s) to the printer.", pages))
        self.printed.emit(pages)

    def save_current(self) -> None:
        if self.current is None:
            return
        path = ask_save_path(
            self,
            str(documents_dir() / file_name(self.current)),
            _t("Save letter as PDF"),
            _t("PDF documents (*.pdf)"),
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        data = self.preview.data
        if self.current is None or data is None:
            return
        self._run(lambda: write_pdf(path, data), self._on_saved, uses_db=False)

    def _on_saved(self, path: Path) -> None:
        self.status_label.setText(_t("Saved to %1").replace("%1", str(path)))
        self.saved.emit(str(path))

    def done(self, result: int) -> None:
        # The PDF is closed before the dialog goes.
        self.preview.clear()
        super().done(result)


# --------------------------------------------------------------------------- one case


class LettersDialog(_LetterOutputDialog):
    """Case → Letter…: issue a letter of the case, and the letters it already has."""

    issued = Signal(object)  # the IssuedLetter
    letters_loaded = Signal()
    voided = Signal(object)

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window)
        self.case = detail.case
        self.setWindowTitle(_t("Letters of case %1").replace("%1", self.case.register_no))
        self.resize(1150, 780)
        self._texts: dict[str, str] = {}  # the body as edited, per choice
        self._drafts: dict[str, str] = {}  # the template's text, per choice
        self._shown_choice: str | None = None
        self.issued_letters: list[IssuedLetter] = []

        # -- kind --------------------------------------------------------------------------
        kind_box = QGroupBox(_t("Letter"))
        kind_layout = QVBoxLayout(kind_box)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        self.reasons: dict[str, str] = {}
        for choice in visible_choices(self.case):
            button = QRadioButton(_t(choice.label))
            reason = refusal(self.case, choice)
            button.setEnabled(reason is None)
            if reason is not None:
                button.setToolTip(reason)
                self.reasons[choice.key] = reason
            self.kind_group.addButton(button)
            self.kind_buttons[choice.key] = button
            kind_layout.addWidget(button)
            button.toggled.connect(self._on_choice_toggled)

        # -- options -----------------------------------------------------------------------
        self.paper_combo = QComboBox()
        for paper in Paper:
            self.paper_combo.addItem(paper.value, paper.value)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(_t("Text of the letter"))
        self.body_edit.setPlaceholderText(_t("The text of the letter (editable)"))
        self.body_hint = QLabel()
        self.body_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_t("Paper:"), self.paper_combo)
        form.addRow(_t("Text:"), self.body_edit)
        form.addRow("", self.body_hint)

        self.preview_button = QPushButton(_t("Pre&view"))
        self.preview_button.clicked.connect(self.show_preview)
        self.issue_button = QPushButton(_t("&Issue (takes a number)"))
        self.issue_button.clicked.connect(self.issue_letter)
        actions = QHBoxLayout()
        for widget in (self.preview_button, self.issue_button, self.print_button):
            actions.addWidget(widget)
        actions.addWidget(self.save_button)
        actions.addStretch(1)

        # -- letters of the case -----------------------------------------------------------
        self.letters_table = _letter_table([_t("Number"), _t("Letter"), _t("Issued"), _t("State")])
        self.letters_table.itemSelectionChanged.connect(self._update_list_buttons)
        self.letters_table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.open_button = QPushButton(_t("&Show / reprint"))
        self.open_button.clicked.connect(self.open_selected)
        self.void_reason = QLineEdit()
        self.void_reason.setPlaceholderText(_t("Reason for voiding the selected letter"))
        self.void_reason.textChanged.connect(self._update_list_buttons)
        self.void_button = QPushButton(_t("&Void"))
        self.void_button.clicked.connect(self.void_selected)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.open_button)
        list_buttons.addWidget(self.void_reason, 1)
        list_buttons.addWidget(self.void_button)
        list_box = QGroupBox(_t("Letters of this case"))
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.letters_table)
        list_layout.addLayout(list_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(kind_box)
        left_layout.addLayout(form, 1)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.error_label)
        left_layout.addWidget(self.status_label)
        left_layout.addWidget(list_box, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([520, 630])
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        first = next((k for k, b in self.kind_buttons.items() if b.isEnabled()), None)
        if first is not None:
            self.kind_buttons[first].setChecked(True)
        self._on_choice_toggled()
        self._update_list_buttons()
        self._run(
            lambda: (self.letters.default_paper(), self.letters.list_for_case(self.case.id)),
            lambda result: self._on_loaded(*result),
        )

    # -- the choice ------------------------------------------------------------------------
    def choice(self) -> Choice | None:
        for key, button in self.kind_buttons.items():
            if button.isChecked() and button.isEnabled():
                return CHOICE[key]
        return None

    def select(self, key: str) -> None:
        self.kind_buttons[key].setChecked(True)

    def paper(self) -> Paper:
        return Paper(self.paper_combo.currentData())

    def _on_choice_toggled(self, *_args: object) -> None:
        if self._shown_choice is not None and CHOICE[self._shown_choice].editable:
            self._texts[self._shown_choice] = self.body_edit.toPlainText()
        choice = self.choice()
        self._shown_choice = choice.key if choice else None
        editable = choice is not None and choice.editable
        self.body_edit.setEnabled(editable)
        self.body_edit.setPlainText(self._texts.get(choice.key, "") if editable and choice else "")
        self.body_hint.setText(
            _t("The text may be edited before issuing; the letterhead and signature are fixed.")
            if editable
            else _t("This letter has no free text.")
        )
        self.preview_button.setEnabled(choice is not None)
        self.issue_button.setEnabled(choice is not None)
        if editable and choice is not None and choice.key not in self._drafts:
            self._load_draft(choice)

    def _load_draft(self, choice: Choice) -> None:
        case_id = self.case.id

        def work() -> str:
            return self.letters.draft_body(
                case_id, choice.kind, anonymous_document=choice.anonymous_document
            )

        def done(text: str) -> None:
            self._drafts[choice.key] = text
            if not self._texts.get(choice.key):
                self._texts[choice.key] = text
                if self._shown_choice == choice.key and not self.body_edit.toPlainText():
                    self.body_edit.setPlainText(text)

        self._run(work, done)

    def body_override(self) -> str | None:
        """The edited text, or None when it is the template's own (the core fills it then)."""
        choice = self.choice()
        if choice is None or not choice.editable:
            return None
        text = self.body_edit.toPlainText()
        draft = self._drafts.get(choice.key)
        if not text.strip() or draft is None or text.strip() == draft.strip():
            return None
        return text

    def _request(self) -> tuple[Choice, Paper, str | None] | None:
        choice = self.choice()
        if choice is None:
            self._set_error(_t("Choose a letter first."))
            return None
        return choice, self.paper(), self.body_override()

    # -- preview and issue -----------------------------------------------------------------
    def show_preview(self) -> None:
        request = self._request()
        if request is None:
            return
        choice, paper, body = request
        case_id = self.case.id

        def work() -> bytes:
            return self.letters.preview(
                case_id,
                choice.kind,
                paper,
                body,
                anonymous_document=choice.anonymous_document,
                blank=choice.blank,
            )

        self._run(work, self._on_preview)

    def _on_preview(self, data: bytes) -> None:
        self.show_draft(data)
        self.status_label.setText(
            _t("DRAFT preview: no number is taken until the letter is issued.")
        )

    def issue_letter(self) -> None:
        request = self._request()
        if request is None:
            return
        choice, paper, body = request
        case_id = self.case.id

        def work() -> tuple[IssuedLetter, bytes, list[IssuedLetter]]:
            letter = self.letters.issue(
                case_id,
                choice.kind,
                paper,
                body,
                anonymous_document=choice.anonymous_document,
                blank=choice.blank,
            )
            return letter, self.letters.reprint(letter.id), self.letters.list_for_case(case_id)

        self._run(work, lambda result: self._on_issued(*result))

    def _on_issued(self, letter: IssuedLetter, data: bytes, listed: list[IssuedLetter]) -> None:
        self.show_letter(letter, data)
        self.status_label.setText(_t("Issued: %1.").replace("%1", self._describe(letter)))
        self._show_list(listed)
        self._window.show_case(self.case.id)  # the case's timeline notes the letter
        self.issued.emit(letter)

    # -- the letters of the case -----------------------------------------------------------
    def _on_loaded(self, paper: Paper, listed: list[IssuedLetter]) -> None:
        index = self.paper_combo.findData(paper.value)
        if index >= 0:
            self.paper_combo.setCurrentIndex(index)
        self._show_list(listed)

    def reload_letters(self) -> None:
        case_id = self.case.id
        self._run(lambda: self.letters.list_for_case(case_id), self._show_list)

    def _show_list(self, listed: list[IssuedLetter]) -> None:
        self.issued_letters = listed
        tz = self._window.workspace.tz
        _fill_letter_table(
            self.letters_table,
            listed,
            lambda letter: [
                letter.number or "—",
                letter_title(letter),
                indonesian_datetime(letter.issued_at, tz),
                _state_text(letter),
            ],
        )
        self._update_list_buttons()
        self.letters_loaded.emit()

    def selected_letter(self) -> IssuedLetter | None:
        rows = self.letters_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.issued_letters[row] if 0 <= row < len(self.issued_letters) else None

    def _update_list_buttons(self, *_args: object) -> None:
        letter = self.selected_letter()
        self.open_button.setEnabled(letter is not None)
        self.void_button.setEnabled(
            letter is not None and not letter.voided and bool(self.void_reason.text().strip())
        )

    def open_selected(self) -> None:
        letter = self.selected_letter()
        if letter is not None:
            self.open_letter(letter.id)

    def void_selected(self) -> None:
        letter = self.selected_letter()
        reason = self.void_reason.text()
        if letter is None:
            return
        case_id = self.case.id

        def work() -> tuple[IssuedLetter, list[IssuedLetter]]:
            return self.letters.void(letter.id, reason), self.letters.list_for_case(case_id)

        self._run(work, lambda result: self._on_voided(*result))

    def _on_voided(self, letter: IssuedLetter, listed: list[IssuedLetter]) -> None:
        self.void_reason.clear()
        if self.current is not None and self.current.id == letter.id:
            self.current = letter
        self.status_label.setText(_t("Voided: %1.").replace("%1", self._describe(letter)))
        self._show_list(listed)
        self._window.show_case(self.case.id)
        self.voided.emit(letter)


# --------------------------------------------------------------------------- today


class TodayLettersDialog(_LetterOutputDialog):
    """File → Today's letters (Surat hari ini): what was issued today, to open, print, save."""

    loaded = Signal()

    def __init__(self, window: MainWindow, day: date | None = None) -> None:
        super().__init__(window)
        self.day = day
        self.setWindowTitle(_t("Today's letters"))
        self.resize(1100, 720)
        self.issued_letters: list[IssuedLetter] = []
        self.table = _letter_table(
            [_t("Time"), _t("Number"), _t("Letter"), _t("Case"), _t("State")]
        )
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
        splitter.addWidget(self.preview)
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
        _fill_letter_table(
            self.table,
            listed,
            lambda letter: [
                letter.issued_at.astimezone(tz).strftime("%H.%M"),
                letter.number or "—",
                letter_title(letter),
                letter.register_no,
                _state_text(letter),
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


__all__ = [
    "CHOICES",
    "Choice",
    "LettersDialog",
    "TodayLettersDialog",
    "file_name",
    "refusal",
    "visible_choices",
]
