"""Small dialogs, one per workflow action, each offering only what is legal for the case now.

Every dialog validates what it can on the spot (a red message next to the field), then runs the
service call through the window's task runner and stays open until it succeeded: a rule the core
refuses (DomainError) shows inline with the core's own words, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseKind, CaseStatus, Severity, Sifat
from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.errors import (
    AmbiguousCategory,
    DomainError,
    UnknownCategory,
    UnknownCode,
    ValidationError,
)
from lapor_desktop.domain.identifiers import validate_office_code
from lapor_desktop.domain.sla import Deadline, Stage, compute_due_at
from lapor_desktop.domain.workflow import REASON_REQUIRED
from lapor_desktop.services.cases import CaseDetail, CaseNotFound, CaseService, DispositionInput
from lapor_desktop.services.workspace import Reference
from ui import labels
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.main_window import MainWindow

S = CaseStatus
translate = QCoreApplication.translate

# The official "Dengan hormat harap" checklist of the Lembar Disposisi: data, kept in Indonesian.
INSTRUCTIONS = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan/konfirmasikan",
    "Untuk diketahui",
    "Selesaikan",
    "Arsip",
)

# The operator's own deadlines; the reporter's wait and the automatic closure are not extended.
EXTENDABLE_STAGES = (Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION)

STAGE = {
    Stage.VERIFICATION: QT_TRANSLATE_NOOP("ActionDialogs", "Verification and disposition"),
    Stage.FIRST_FOLLOW_UP: QT_TRANSLATE_NOOP("ActionDialogs", "First follow-up"),
    Stage.RESOLUTION: QT_TRANSLATE_NOOP("ActionDialogs", "Resolution"),
    Stage.AUTO_CLOSE: QT_TRANSLATE_NOOP("ActionDialogs", "Automatic closure"),
    Stage.INFO_WAIT: QT_TRANSLATE_NOOP("ActionDialogs", "Reporter completing the data"),
}

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: palette(mid);"

# Field names the core uses in its errors, mapped to the field of the form that shows them.
FIELD_ALIASES = {
    "original_text": "text",
    "category_code": "category",
    "office_code": "to_office",
}


def stage_label(stage: Stage) -> str:
    return translate("ActionDialogs", STAGE[stage])


def error_field(error: BaseException) -> str | None:
    """The form field a core error is about, or None for a message about the whole action."""
    if isinstance(error, ValidationError):
        name = error.field
    elif isinstance(error, UnknownCode):
        name = error.what
    elif isinstance(error, UnknownCategory | AmbiguousCategory):
        name = "category"
    else:
        return None
    return FIELD_ALIASES.get(name, name)


def error_message(error: BaseException) -> str:
    """The core's words; a field error without its field name (the label says which field)."""
    if isinstance(error, ValidationError):
        return error.message[:1].upper() + error.message[1:]
    return str(error)


class InlineErrors:
    """Red message labels next to fields, keyed by the core's field names, plus a general one."""

    def __init__(self, general: QLabel) -> None:
        self._labels: dict[str, QLabel] = {}
        self._general = general
        self._shown: dict[str, str] = {}
        _style_error(general)

    def label_for(self, *names: str) -> QLabel:
        label = QLabel()
        _style_error(label)
        for name in names:
            self._labels[name] = label
        return label

    def clear(self) -> None:
        for label in (*self._labels.values(), self._general):
            label.clear()
            label.hide()
        self._shown.clear()

    def clear_fields(self, names: list[str]) -> None:
        for name in names:
            label = self._labels.get(name)
            if label is not None:
                label.clear()
                label.hide()
            self._shown.pop(name, None)

    def show(self, name: str | None, message: str) -> None:
        key = FIELD_ALIASES.get(name, name) if name else None
        label = self._labels.get(key or "", self._general)
        shown_as = key if key and label is not self._general else ""
        previous = self._shown.get(shown_as)
        text = message if not previous or previous == message else previous + "\n" + message
        self._shown[shown_as] = text
        label.setText(text)
        label.setAccessibleName(text)
        label.show()

    def show_error(self, error: BaseException) -> None:
        self.show(error_field(error), error_message(error))

    def messages(self) -> dict[str, str]:
        """What is shown now, by field ("" for the general message); tests read this."""
        return dict(self._shown)

    @property
    def general(self) -> QLabel:
        return self._general


def _style_error(label: QLabel) -> None:
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    raise TypeError(f"no text in {type(widget).__name__}")


def plain_text_edit(accessible_name: str, lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on: the form stays usable from the keyboard
    edit.setAccessibleName(accessible_name)
    line = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(line * lines + 12)
    if lines <= 2:  # a short optional field stays short; long texts get the room
        edit.setMaximumHeight(line * (lines + 2) + 12)
    return edit


@dataclass(frozen=True, slots=True)
class BulkResult:
    """What a bulk action did: the register numbers done, and each failure with its message."""

    done: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def run_bulk(
    service: CaseService, case_ids: Sequence[str], act: Callable[[str], object], progress: Any
) -> BulkResult:
    """Run `act` on each case in its own transaction; one refusal never stops the others."""
    result = BulkResult()
    for number, case_id in enumerate(case_ids, start=1):
        name = case_id
        try:
            name = service.find_case(case_id).register_no
            act(case_id)
        except DomainError as error:
            result.failed.append((name, str(error)))
        else:
            result.done.append(name)
        progress.step(number, len(case_ids), name)
    return result


class FormDialog(QDialog):
    """A form with inline errors whose accept runs one job on the task runner."""

    succeeded = Signal(object)  # the job's result, after the dialog closed

    def __init__(self, window: MainWindow, title: str) -> None:
        super().__init__(window)
        self._window = window
        self._busy = False
        self._required: list[tuple[QWidget, str]] = []
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.general_error = QLabel()
        self.errors = InlineErrors(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

    # -- building ------------------------------------------------------------------------
    def add_row(
        self,
        form: QFormLayout,
        text: str,
        widget: QWidget,
        name: str | None = None,
        *,
        required: bool = False,
        input_widget: QWidget | None = None,
    ) -> QLabel | None:
        """A labelled row; with `name`, a red message label under it for that field's errors."""
        target = input_widget or widget
        label = QLabel(text)
        label.setBuddy(target)
        if not target.accessibleName():
            target.setAccessibleName(text.replace("&", "").rstrip(":"))
        error: QLabel | None = None
        if name is None:
            form.addRow(label, widget)
        else:
            error = self.errors.label_for(name)
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label, cell)
        if required:
            self.require(target, name or "")
        return error

    def require(self, widget: QWidget, name: str) -> None:
        """OK stays disabled until the field has text; a placeholder says it is required."""
        self._required.append((widget, name))
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setPlaceholderText(self.tr("Required"))
            widget.textChanged.connect(self._update_ok)
        elif isinstance(widget, QComboBox):
            widget.editTextChanged.connect(self._update_ok)
            widget.currentIndexChanged.connect(self._update_ok)
        self._update_ok()

    def _missing(self) -> list[str]:
        return [name for widget, name in self._required if not _text_of(widget).strip()]

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self._busy and not self._missing())

    # -- running -------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        self._update_ok()

    def accept(self) -> None:
        if self._busy:
            return
        self.errors.clear()
        missing = self._missing()
        for name in missing:
            self.errors.show(name, self.tr("This is required."))
        if missing:
            return
        try:
            job = self.build()
        except DomainError as error:
            self.errors.show_error(error)
            return
        if job is None:  # build() showed its own messages
            return
        self._set_busy(True)
        self._window.tasks.run(job, on_done=self._on_done, on_error=self._on_error)

    def build(self) -> Callable[[Any], object] | None:
        """Validate the form and return the job to run (off the GUI thread), or None."""
        raise NotImplementedError

    def _on_done(self, result: object) -> None:
        self._set_busy(False)
        super().accept()
        self.succeeded.emit(result)

    def _on_error(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, DomainError):
            self.errors.show_error(error)
        else:
            show_error(self, error, self._window.workspace.paths.logs)

    def reject(self) -> None:
        if self._busy:  # the job's result must find the dialog still there
            return
        super().reject()

    def load_reference(self, on_loaded: Callable[[Reference], None]) -> None:
        """Categories, SLA rules and calendar, read off the GUI thread (cached after once)."""
        workspace = self._window.workspace

        def loaded(reference: Reference) -> None:
            if isValid(self):  # the operator may have closed the dialog meanwhile
                on_loaded(reference)

        def failed(error: BaseException) -> None:
            if isValid(self):
                self.errors.show(None, str(error))

        self._window.tasks.run(
            lambda _progress: workspace.reference(), on_done=loaded, on_error=failed
        )


class ActionDialog(FormDialog):
    """A form about one case (or a selection), headed by the case it acts on."""

    def __init__(
        self, window: MainWindow, title: str, ok_text: str, detail: CaseDetail | None
    ) -> None:
        super().__init__(window, title)
        self.detail = detail
        self.ok_button.setText(ok_text)
        self.layout_ = QVBoxLayout(self)
        if detail is not None:
            header = QLabel(f"{detail.case.register_no} — {detail.case.title}")
            header.setTextFormat(Qt.TextFormat.PlainText)
            header.setWordWrap(True)
            header.setStyleSheet("font-weight: bold;")
            self.layout_.addWidget(header)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.general_error)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(460)

    @property
    def case(self) -> Case:
        assert self.detail is not None
        return self.detail.case

    def service_job(self, call: Callable[[CaseService], object]) -> Callable[[Any], object]:
        service = self._window.cases
        return lambda _progress: call(service)


# --------------------------------------------------------------------------- text actions


class TextActionDialog(ActionDialog):
    """One text field (a reason, a follow-up, an answer, a note) and one service call."""

    def __init__(
        self,
        window: MainWindow,
        detail: CaseDetail,
        *,
        title: str,
        ok_text: str,
        label: str,
        required: bool,
        perform: Callable[[CaseService, str, str], Case],
        explanation: str = "",
        name: str = "reason",
    ) -> None:
        super().__init__(window, title, ok_text, detail)
        self._perform = perform
        if explanation:
            note = QLabel(explanation)
            note.setWordWrap(True)
            self.form.addRow(note)
        self.text_edit = plain_text_edit(label.replace("&", "").rstrip(":"))
        if not required:
            self.text_edit.setPlaceholderText(self.tr("Optional"))
        self.add_row(self.form, label, self.text_edit, name, required=required)
        self.text_edit.setFocus()

    def build(self) -> Callable[[Any], object]:
        case_id, text, perform = self.case.id, self.text_edit.toPlainText().strip(), self._perform
        return self.service_job(lambda service: perform(service, case_id, text))


def _reason_needed(detail: CaseDetail, target: CaseStatus) -> bool:
    return (detail.case.status, target) in REASON_REQUIRED


def needs_info_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Request missing information"),
        ok_text=translate("ActionDialogs", "Request information"),
        label=translate("ActionDialogs", "What is &missing:"),
        required=_reason_needed(detail, S.NEEDS_INFO),
        explanation=translate(
            "ActionDialogs",
            "The deadlines pause while the reporter completes the data. The reporter has 30 days.",
        ),
        perform=lambda service, case_id, text: service.needs_info(case_id, text),
    )


def info_received_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Information received"),
        ok_text=translate("ActionDialogs", "Resume the case"),
        label=translate("ActionDialogs", "&Note:"),
        required=_reason_needed(detail, S.RECEIVED),
        explanation=translate(
            "ActionDialogs", "The reporter completed the data; the deadlines run again."
        ),
        perform=lambda service, case_id, text: service.info_received(case_id, text),
    )


def resolve_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Resolve the case"),
        ok_text=translate("ActionDialogs", "Resolve"),
        label=translate("ActionDialogs", "&Note:"),
        required=_reason_needed(detail, S.RESOLVED),
        explanation=translate(
            "ActionDialogs",
            "The reporter accepted the answer, or the receiving agency confirmed it.",
        ),
        perform=lambda service, case_id, text: service.resolve(case_id, text),
    )


def reopen_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Reopen the case"),
        ok_text=translate("ActionDialogs", "Reopen"),
        label=translate("ActionDialogs", "&Reason:"),
        required=_reason_needed(detail, S.IN_PROGRESS),
        explanation=translate(
            "ActionDialogs", "The case goes back to follow-up and the resolution deadline restarts."
        ),
        perform=lambda service, case_id, text: service.reopen(case_id, text),
    )


def cancel_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Cancel the case"),
        ok_text=translate("ActionDialogs", "Cancel the case"),
        label=translate("ActionDialogs", "&Reason:"),
        required=_reason_needed(detail, S.CANCELLED),
        explanation=translate(
            "ActionDialogs", "A cancelled case stays in the register with its reason."
        ),
        perform=lambda service, case_id, text: service.cancel(case_id, text),
    )


def close_incomplete_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Close as incomplete"),
        ok_text=translate("ActionDialogs", "Close the case"),
        label=translate("ActionDialogs", "&Note:"),
        required=_reason_needed(detail, S.CLOSED_INCOMPLETE),
        explanation=translate("ActionDialogs", "The reporter did not complete the data in time."),
        perform=lambda service, case_id, text: service.close_incomplete(case_id, text),
    )


def follow_up_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Record a follow-up"),
        ok_text=translate("ActionDialogs", "Record"),
        label=translate("ActionDialogs", "What was &done:"),
        required=True,
        name="text",
        perform=lambda service, case_id, text: service.follow_up(case_id, text),
    )


def answer_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Give the final answer"),
        ok_text=translate("ActionDialogs", "Give the answer"),
        label=translate("ActionDialogs", "&Answer to the reporter:"),
        required=True,
        name="text",
        explanation=translate(
            "ActionDialogs", "The case then waits 10 working days for the reporter's reply."
        ),
        perform=lambda service, case_id, text: service.answer(case_id, text),
    )


def note_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Add a note"),
        ok_text=translate("ActionDialogs", "Add the note"),
        label=translate("ActionDialogs", "&Note:"),
        required=True,
        name="text",
        perform=lambda service, case_id, text: service.note(case_id, text),
    )


# --------------------------------------------------------------------------- forward, archive


class ForwardDialog(ActionDialog):
    """Not our authority: forward to the competent agency, with the reason (No Wrong Door)."""

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(
            window, self.tr("Forward to the competent agency"), self.tr("Forward"), detail
        )
        self.agency_edit = QLineEdit()
        self.add_row(self.form, self.tr("&Agency:"), self.agency_edit, "agency", required=True)
        self.reason_edit = plain_text_edit(self.tr("Reason"))
        self.add_row(
            self.form,
            self.tr("&Reason:"),
            self.reason_edit,
            "reason",
            required=_reason_needed(detail, S.FORWARDED),
        )
        self.agency_edit.setFocus()

    def build(self) -> Callable[[Any], object]:
        case_id = self.case.id
        agency, reason = self.agency_edit.text().strip(), self.reason_edit.toPlainText().strip()
        return self.service_job(lambda service: service.forward(case_id, agency, reason))


class ArchiveDialog(ActionDialog):
    """Not a complaint, spam, or a duplicate of another case (linked by its register no.)."""

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window, self.tr("Archive the case"), self.tr("Archive"), detail)
        self.reason_edit = plain_text_edit(self.tr("Reason"))
        self.add_row(
            self.form,
            self.tr("&Reason:"),
            self.reason_edit,
            "reason",
            required=_reason_needed(detail, S.ARCHIVED),
        )
        self.duplicate_edit = QLineEdit()
        self.duplicate_edit.setPlaceholderText(self.tr("Optional: register no. of the original"))
        self.add_row(self.form, self.tr("&Duplicate of:"), self.duplicate_edit, "duplicate_of")
        self.reason_edit.setFocus()

    def build(self) -> Callable[[Any], object]:
        case_id = self.case.id
        reason = self.reason_edit.toPlainText().strip()
        duplicate = self.duplicate_edit.text().strip() or None
        return self.service_job(lambda service: service.archive(case_id, reason, duplicate))

    def _on_error(self, error: BaseException) -> None:
        if isinstance(error, CaseNotFound):
            self._set_busy(False)
            self.errors.show("duplicate_of", str(error))
            return
        super()._on_error(error)


# --------------------------------------------------------------------------- extend, attach


class ExtendDialog(ActionDialog):
    """Extend one running deadline by some days, with the written reason the rules demand."""

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window, self.tr("Extend a deadline"), self.tr("Extend"), detail)
        self._deadlines = {
            d.stage: d
            for d in detail.deadlines
            if d.completed_at is None and d.stage in EXTENDABLE_STAGES
        }
        self._reference: Reference | None = None
        self.stage_combo = QComboBox()
        for stage in self._deadlines:
            self.stage_combo.addItem(stage_label(stage), stage.value)
        self.add_row(self.form, self.tr("&Deadline:"), self.stage_combo, "stage")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 60)
        self.days_spin.setValue(7)
        self.days_spin.setSuffix(" " + self.tr("working day(s)"))
        self.add_row(self.form, self.tr("Extend &by:"), self.days_spin, "days")
        self.reason_edit = plain_text_edit(self.tr("Reason"))
        self.add_row(self.form, self.tr("&Reason:"), self.reason_edit, "reason", required=True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.form.addRow(self.preview)
        self.stage_combo.currentIndexChanged.connect(self._update_preview)
        self.days_spin.valueChanged.connect(self._update_preview)
        self._update_preview()
        self.load_reference(self._on_reference)
        self.stage_combo.setFocus()

    @property
    def stage(self) -> Stage | None:
        value = self.stage_combo.currentData()
        return Stage(value) if value else None

    def _on_reference(self, reference: Reference) -> None:
        self._reference = reference
        self._update_preview()

    def _update_preview(self) -> None:
        stage = self.stage
        deadline: Deadline | None = self._deadlines.get(stage) if stage else None
        if deadline is None:
            self.preview.setText(self.tr("This case has no running deadline to extend."))
            return
        tz = self._window.workspace.tz
        text = self.tr("Now due: {due}").format(due=indonesian_datetime(deadline.due_at, tz))
        if self._reference is not None:
            new_due = compute_due_at(
                deadline.started_at,
                deadline.rule,
                self._reference.calendar,
                tz,
                self.case.pauses,
                deadline.extension_days + self.days_spin.value(),
                now=self._window.workspace.clock(),
            )
            text += "\n" + self.tr("After the extension: {due}").format(
                due=indonesian_datetime(new_due, tz)
            )
        if deadline.rule.max_extension_days is not None:
            allowed = deadline.rule.max_extension_days
            text += "\n" + self.tr(
                "The rule allows at most %n extension day(s) in all.", "", allowed
            )
        self.preview.setText(text)

    def build(self) -> Callable[[Any], object]:
        stage = self.stage
        if stage is None:
            raise ValidationError("stage", self.tr("This case has no running deadline to extend."))
        case_id, days = self.case.id, self.days_spin.value()
        reason = self.reason_edit.toPlainText().strip()
        return self.service_job(lambda service: service.extend(case_id, days, reason, stage))


class AttachDialog(ActionDialog):
    """Add a file (photo, letter, scan) to the case; it is copied into the data dir."""

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window, self.tr("Attach a file"), self.tr("Attach"), detail)
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Choose the file"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path_edit, 1)
        line.addWidget(browse)
        self.add_row(
            self.form, self.tr("&File:"), row, "file", required=True, input_widget=self.path_edit
        )
        self.path_edit.setFocus()

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a file to attach"))
        if chosen:
            self.path_edit.setText(chosen)

    def build(self) -> Callable[[Any], object]:
        case_id, path = self.case.id, Path(self.path_edit.text().strip()).expanduser()
        return self.service_job(lambda service: service.attach(case_id, path))


# --------------------------------------------------------------------------- dispose


class DisposeDialog(ActionDialog):
    """Verify and route (disposisi): to a unit or person here, or to another office (OPD).

    With `case_ids` it disposes a whole selection the same way, each case on its own.
    """

    def __init__(
        self,
        window: MainWindow,
        detail: CaseDetail | None,
        case_ids: Sequence[str] = (),
    ) -> None:
        self.case_ids = list(case_ids)
        title = (
            self.tr("Dispose %n selected case(s)", "", len(self.case_ids))
            if detail is None
            else self.tr("Verify and dispose")
        )
        super().__init__(window, title, self.tr("Dispose"), detail)
        office = window.workspace.office
        self._reference: Reference | None = None

        self.internal_radio = QRadioButton(self.tr("To a &unit or person of this office"))
        self.external_radio = QRadioButton(self.tr("To &another office (OPD)"))
        self.internal_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.internal_radio)
        group.addButton(self.external_radio)
        self.form.addRow(self.internal_radio)

        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems(list(office.units))
        self.unit_combo.setCurrentIndex(-1)
        self.unit_combo.setEditText("")
        self.add_row(self.form, self.tr("U&nit:"), self.unit_combo, "to_unit")
        self.person_edit = QLineEdit()
        self.add_row(self.form, self.tr("&Person:"), self.person_edit, "to_person")

        self.form.addRow(self.external_radio)
        self.office_edit = QLineEdit()
        self.office_edit.setPlaceholderText(self.tr("Office code, for example DINPU"))
        self.office_edit.setMaxLength(20)
        self.add_row(self.form, self.tr("&Office code:"), self.office_edit, "to_office")

        box = QGroupBox(self.tr("Instructions"))
        column = QVBoxLayout(box)
        self.instruction_boxes: list[QCheckBox] = []
        for text in INSTRUCTIONS:
            check = QCheckBox(text)
            check.setAccessibleName(text)
            column.addWidget(check)
            self.instruction_boxes.append(check)
        self.form.addRow(box)

        self.sifat_combo = QComboBox()
        for sifat in Sifat:
            self.sifat_combo.addItem(labels.tr(labels.SIFAT[sifat]), sifat.value)
        self.add_row(self.form, self.tr("&Sifat:"), self.sifat_combo, "sifat")
        self.note_edit = plain_text_edit(self.tr("Note"), lines=2)
        self.note_edit.setPlaceholderText(self.tr("Optional"))
        self.add_row(self.form, self.tr("N&ote:"), self.note_edit, "note")
        self.due_preview = QLabel(self.tr("Computing the deadline…"))
        self.due_preview.setWordWrap(True)
        self.due_preview.setAccessibleName(self.tr("First follow-up deadline"))
        self.form.addRow(self.due_preview)

        self.internal_radio.toggled.connect(self._update_mode)
        self._update_mode()
        self.load_reference(self._on_reference)
        self.unit_combo.setFocus()

    @property
    def external(self) -> bool:
        return self.external_radio.isChecked()

    def _update_mode(self) -> None:
        external = self.external
        self.unit_combo.setEnabled(not external)
        self.person_edit.setEnabled(not external)
        self.office_edit.setEnabled(external)

    def _on_reference(self, reference: Reference) -> None:
        self._reference = reference
        workspace = self._window.workspace
        now = workspace.clock()
        if self.detail is not None:
            case = self.case
            kind, severity, pauses = case.kind.value, case.severity.value, case.pauses
            running = next(
                (
                    c
                    for c in reversed(case.clocks)
                    if c.stage is Stage.FIRST_FOLLOW_UP and c.is_open
                ),
                None,
            )
            started = running.started_at if running else now
            extension = running.extension_days if running else 0
        else:
            kind, severity, pauses = CaseKind.COMPLAINT.value, Severity.LIGHT.value, ()
            started, extension = now, 0
        rule = reference.rulebook.rule_for(Stage.FIRST_FOLLOW_UP, kind, severity)
        due = compute_due_at(started, rule, reference.calendar, workspace.tz, pauses, extension)
        self.due_at: datetime | None = due
        self.due_preview.setText(
            self.tr("First follow-up due: {due}").format(due=indonesian_datetime(due, workspace.tz))
            + "\n"
            + rule.description
        )

    def disposition(self) -> DispositionInput:
        """The disposition the form describes; raises the core's ValidationError when unusable."""
        instructions = tuple(b.text() for b in self.instruction_boxes if b.isChecked())
        sifat = Sifat(self.sifat_combo.currentData())
        note = self.note_edit.toPlainText().strip()
        if self.external:
            code = self.office_edit.text().strip()
            if not code:
                raise ValidationError("to_office", self.tr("Write the code of the office."))
            code = validate_office_code(code)
            if code == self._window.workspace.office.code:
                raise ValidationError(
                    "to_office", self.tr("That is this office; choose a unit or a person instead.")
                )
            return DispositionInput(
                to_office=code, instructions=instructions, note=note, sifat=sifat
            )
        unit = self.unit_combo.currentText().strip() or None
        person = self.person_edit.text().strip() or None
        if unit is None and person is None:
            raise ValidationError("to_unit", self.tr("Choose a unit or write a person."))
        return DispositionInput(
            to_unit=unit, to_person=person, instructions=instructions, note=note, sifat=sifat
        )

    def build(self) -> Callable[[Any], object]:
        target = self.disposition()
        service = self._window.cases
        if self.detail is not None:
            case_id = self.case.id
            return lambda _progress: service.dispose(case_id, target)
        ids = list(self.case_ids)
        return lambda progress: run_bulk(
            service, ids, lambda case_id: service.dispose(case_id, target), progress
        )


class BulkResolveDialog(ActionDialog):
    """Resolve every selected case with the same note; each one is checked on its own."""

    def __init__(self, window: MainWindow, case_ids: Sequence[str]) -> None:
        self.case_ids = list(case_ids)
        super().__init__(
            window,
            self.tr("Resolve %n selected case(s)", "", len(self.case_ids)),
            self.tr("Resolve"),
            None,
        )
        intro = QLabel(
            self.tr(
                "Each case is resolved on its own; cases that cannot be resolved now are "
                "listed afterwards and stay as they are."
            )
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.note_edit = plain_text_edit(self.tr("Note"), lines=2)
        self.note_edit.setPlaceholderText(self.tr("Optional"))
        self.add_row(self.form, self.tr("&Note:"), self.note_edit, "reason")
        self.note_edit.setFocus()

    def build(self) -> Callable[[Any], object]:
        service, ids, note = self._window.cases, list(self.case_ids), self.note_edit.toPlainText()
        return lambda progress: run_bulk(
            service, ids, lambda case_id: service.resolve(case_id, note.strip()), progress
        )


__all__ = [
    "INSTRUCTIONS",
    "ActionDialog",
    "ArchiveDialog",
    "AttachDialog",
    "BulkResolveDialog",
    "BulkResult",
    "DisposeDialog",
    "ExtendDialog",
    "FormDialog",
    "ForwardDialog",
    "InlineErrors",
    "TextActionDialog",
    "answer_dialog",
    "cancel_dialog",
    "close_incomplete_dialog",
    "error_field",
    "follow_up_dialog",
    "info_received_dialog",
    "needs_info_dialog",
    "note_dialog",
    "reopen_dialog",
    "resolve_dialog",
]
