"""Letters of a case: pick a kind legal for the case now, preview it (DRAFT), issue it, print it.

Every service call (draft text, preview, issue, reprint, void, lists) and every PDF written or
printed runs through the window's task runner; a rule the core refuses (DomainError) shows inline
in the dialog in the core's own words. Print and Save work on the issued letter's stored bytes
(never on a preview), so what is saved is byte for byte what `reprint` gives. When no letter
number is left offline the core issues nothing and hands back a DRAFT instead: that copy is shown
under a DRAFT banner and may be saved or printed, and the letter is issued after the next sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.letters.model import Paper
from lapor_desktop.services.cases import CaseDetail
from lapor_desktop.services.letters import IssuedLetter, LetterNumberPending
from ui.letter_choices import CHOICE, Choice, refusal, visible_choices
from ui.letter_output_dialog import (
    DraftCopy,
    LetterOutputDialog,
    draft_file_name,
    fill_letter_table,
    letter_table,
    letter_title,
    state_text,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Letters", text, None, n)


class LettersDialog(LetterOutputDialog):
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
        self._copy_texts: dict[str, str] = {}  # the tembusan as edited, per choice
        self._default_copies: dict[str, str] = {}  # the kind's own tembusan, per choice
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
        # Each office sends copies to its own superiors (Inspektorat, Camat…): one a line.
        self.copies_edit = QPlainTextEdit()
        self.copies_edit.setAccessibleName(_t("Tembusan recipients, one per line"))
        self.copies_edit.setPlaceholderText(_t("One recipient per line; empty: no tembusan"))
        self.copies_edit.setMaximumHeight(90)
        self.copies_edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(_t("Paper:"), self.paper_combo)
        form.addRow(_t("Text:"), self.body_edit)
        form.addRow("", self.body_hint)
        form.addRow(_t("Tembusan:"), self.copies_edit)

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
        self.letters_table = letter_table([_t("Number"), _t("Letter"), _t("Issued"), _t("State")])
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
        splitter.addWidget(self.preview_pane)
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
            if self._shown_choice in self._default_copies:  # else nothing was shown yet
                self._copy_texts[self._shown_choice] = self.copies_edit.toPlainText()
        choice = self.choice()
        self._shown_choice = choice.key if choice else None
        editable = choice is not None and choice.editable
        self.body_edit.setEnabled(editable)
        self.body_edit.setPlainText(self._texts.get(choice.key, "") if editable and choice else "")
        self.copies_edit.setEnabled(editable)
        self.copies_edit.setPlainText(
            self._copy_texts.get(choice.key, "") if editable and choice else ""
        )
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

        def work() -> tuple[str, tuple[str, ...]]:
            anonymous = choice.anonymous_document
            return (
                self.letters.draft_body(case_id, choice.kind, anonymous_document=anonymous),
                self.letters.draft_copies(choice.kind, anonymous_document=anonymous),
            )

        def done(result: tuple[str, tuple[str, ...]]) -> None:
            text, copies = result
            self._drafts[choice.key] = text
            self._default_copies[choice.key] = "\n".join(copies)
            if not self._texts.get(choice.key):
                self._texts[choice.key] = text
                if self._shown_choice == choice.key and not self.body_edit.toPlainText():
                    self.body_edit.setPlainText(text)
            if choice.key not in self._copy_texts:
                self._copy_texts[choice.key] = self._default_copies[choice.key]
                if self._shown_choice == choice.key and not self.copies_edit.toPlainText():
                    self.copies_edit.setPlainText(self._default_copies[choice.key])

        self._run(work, done)

    def copies_override(self) -> list[str] | None:
        """The tembusan as edited, or None while it is the kind's own (or not loaded yet)."""
        choice = self.choice()
        if choice is None or not choice.editable or choice.key not in self._default_copies:
            return None
        lines = [line for line in self.copies_edit.toPlainText().splitlines() if line.strip()]
        default = [line for line in self._default_copies[choice.key].splitlines() if line]
        return None if [" ".join(x.split()) for x in lines] == default else lines

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

    def _request(self) -> tuple[Choice, Paper, str | None, list[str] | None] | None:
        choice = self.choice()
        if choice is None:
            self._set_error(_t("Choose a letter first."))
            return None
        return choice, self.paper(), self.body_override(), self.copies_override()

    # -- preview and issue -----------------------------------------------------------------
    def show_preview(self) -> None:
        request = self._request()
        if request is None:
            return
        choice, paper, body, copies = request
        case_id = self.case.id

        def work() -> bytes:
            return self.letters.preview(
                case_id,
                choice.kind,
                paper,
                body,
                anonymous_document=choice.anonymous_document,
                blank=choice.blank,
                copies=copies,
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
        choice, paper, body, copies = request
        case_id = self.case.id

        def work() -> tuple[IssuedLetter, bytes, list[IssuedLetter]]:
            letter = self.letters.issue(
                case_id,
                choice.kind,
                paper,
                body,
                anonymous_document=choice.anonymous_document,
                blank=choice.blank,
                copies=copies,
            )
            return letter, self.letters.reprint(letter.id), self.letters.list_for_case(case_id)

        self._run(
            work,
            lambda result: self._on_issued(*result),
            on_failed=lambda error: self._on_issue_failed(error, choice, paper),
        )

    def _on_issue_failed(self, error: BaseException, choice: Choice, paper: Paper) -> None:
        if not isinstance(error, LetterNumberPending):
            self._fail(error)
            return
        # Nothing was issued and no number burnt: the operator can still read, print or keep
        # the DRAFT, and issues the letter for real once a sync has leased new numbers.
        copy = DraftCopy(paper, draft_file_name(self.case.register_no, choice.kind))
        self.show_pending_draft(error.draft, copy)
        self.status_label.setText(
            _t(
                "No letter number is left on this PC, so the letter was NOT issued: this is "
                "only a DRAFT without a number. Issue it again after the next sync."
            )
        )

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
        fill_letter_table(
            self.letters_table,
            listed,
            lambda letter: [
                letter.number or "—",
                letter_title(letter),
                indonesian_datetime(letter.issued_at, tz),
                state_text(letter),
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


__all__ = ["LettersDialog"]
