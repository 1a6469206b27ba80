"""The workflow actions that take one text (a reason, a follow-up, an answer, a note), one
case or several at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QLabel,
)

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.services.cases import CaseDetail, CaseService

if TYPE_CHECKING:
    from ui.main_window import MainWindow
from ui.action_dialogs import ActionDialog, plain_text_edit, reason_needed, run_bulk

S = CaseStatus
translate = QCoreApplication.translate


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


def needs_info_dialog(window: MainWindow, detail: CaseDetail) -> TextActionDialog:
    return TextActionDialog(
        window,
        detail,
        title=translate("ActionDialogs", "Request missing information"),
        ok_text=translate("ActionDialogs", "Request information"),
        label=translate("ActionDialogs", "What is &missing:"),
        required=reason_needed(detail, S.NEEDS_INFO),
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
        required=reason_needed(detail, S.RECEIVED),
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
        required=reason_needed(detail, S.RESOLVED),
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
        required=reason_needed(detail, S.IN_PROGRESS),
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
        required=reason_needed(detail, S.CANCELLED),
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
        required=reason_needed(detail, S.CLOSED_INCOMPLETE),
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
    "BulkResolveDialog",
    "TextActionDialog",
    "answer_dialog",
    "cancel_dialog",
    "close_incomplete_dialog",
    "follow_up_dialog",
    "info_received_dialog",
    "needs_info_dialog",
    "note_dialog",
    "reopen_dialog",
    "resolve_dialog",
]
