"""Case → Forward to another agency, and Case → Archive."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QLineEdit,
)

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.services.cases import CaseDetail, CaseNotFound

if TYPE_CHECKING:
    from ui.main_window import MainWindow
from ui.action_dialogs import ActionDialog, plain_text_edit, reason_needed

S = CaseStatus


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
            required=reason_needed(detail, S.FORWARDED),
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
            required=reason_needed(detail, S.ARCHIVED),
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


__all__ = ["ArchiveDialog", "ForwardDialog"]
