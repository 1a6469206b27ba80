"""The base of the small workflow dialogs: inline field errors, the form and the action dialog.

Every dialog validates what it can on the spot (a red message next to the field), then runs the
service call through the window's task runner and stays open until it succeeded: a rule the core
refuses (DomainError) shows inline with the core's own words, and nothing is saved. The dialogs
themselves: ui/text_action_dialogs.py, ui/forward_archive_dialogs.py, ui/extend_attach_dialogs.py,
ui/dispose_dialog.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.errors import (
    AmbiguousCategory,
    DomainError,
    UnknownCategory,
    UnknownCode,
    ValidationError,
)
from lapor_desktop.domain.workflow import REASON_REQUIRED
from lapor_desktop.services.cases import CaseDetail, CaseService
from lapor_desktop.services.workspace import Reference
from ui.errors import show_error

if TYPE_CHECKING:
    from ui.main_window import MainWindow


ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: palette(mid);"

# Field names the core uses in its errors, mapped to the field of the form that shows them.
FIELD_ALIASES = {
    "original_text": "text",
    "category_code": "category",
    "office_code": "to_office",
}


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


def reason_needed(detail: CaseDetail, target: CaseStatus) -> bool:
    return (detail.case.status, target) in REASON_REQUIRED


__all__ = [
    "ERROR_STYLE",
    "HINT_STYLE",
    "ActionDialog",
    "BulkResult",
    "FormDialog",
    "InlineErrors",
    "error_field",
    "error_message",
    "plain_text_edit",
    "reason_needed",
    "run_bulk",
]
