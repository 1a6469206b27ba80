"""The Case menu: one action per workflow transition, enabled only when it is legal now.

An action is enabled when the office holds the selected case (`detail.can_act`) and the status
table of DESIGN §3 (`domain/workflow.py`) allows its move from the case's status. Each opens a
small dialog (built on ui/action_dialogs.py, one module per dialog family); after it succeeded
the window reloads and shows the case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from lapor_desktop.domain.codes import CaseStatus, Role
from lapor_desktop.domain.sla import Stage
from lapor_desktop.domain.workflow import allowed_next
from lapor_desktop.services.cases import CaseDetail
from ui.action_dialogs import BulkResult
from ui.dispose_dialog import DisposeDialog
from ui.edit_case_dialog import EditCaseDialog
from ui.extend_attach_dialogs import EXTENDABLE_STAGES, AttachDialog, ExtendDialog
from ui.feedback_dialog import FeedbackDialog, can_record_feedback
from ui.forward_archive_dialogs import ArchiveDialog, ForwardDialog
from ui.intake_dialog import IntakeDialog, IntakeResult
from ui.text_action_dialogs import (
    BulkResolveDialog,
    answer_dialog,
    cancel_dialog,
    close_incomplete_dialog,
    follow_up_dialog,
    info_received_dialog,
    needs_info_dialog,
    note_dialog,
    reopen_dialog,
    resolve_dialog,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow

S = CaseStatus
translate = QCoreApplication.translate

Legal = Callable[[CaseDetail, Role, datetime], bool]
Factory = Callable[["MainWindow", CaseDetail], QDialog]


def _moves_to(target: CaseStatus, *, only_from: tuple[CaseStatus, ...] = ()) -> Legal:
    def legal(detail: CaseDetail, _role: Role, _now: datetime) -> bool:
        status = detail.case.status
        return target in allowed_next(status) and (not only_from or status in only_from)

    return legal


def _can_follow_up(detail: CaseDetail, _role: Role, _now: datetime) -> bool:
    # The first follow-up moves DISPOSED → IN_PROGRESS; later ones are recorded in progress.
    status = detail.case.status
    return status is S.IN_PROGRESS or (
        status is S.DISPOSED and S.IN_PROGRESS in allowed_next(status)
    )


def _can_cancel(detail: CaseDetail, role: Role, _now: datetime) -> bool:
    allowed = S.CANCELLED in allowed_next(detail.case.status)
    return allowed and role in (Role.COORDINATOR, Role.ADMIN)


def _can_close_incomplete(detail: CaseDetail, _role: Role, now: datetime) -> bool:
    if S.CLOSED_INCOMPLETE not in allowed_next(detail.case.status):
        return False
    # Only once the reporter's time to complete the data has run out.
    waits = [d for d in detail.deadlines if d.stage is Stage.INFO_WAIT and d.completed_at is None]
    return all(d.due_at < now for d in waits)


def _can_extend(detail: CaseDetail, _role: Role, _now: datetime) -> bool:
    return any(d.completed_at is None and d.stage in EXTENDABLE_STAGES for d in detail.deadlines)


def _always(_detail: CaseDetail, _role: Role, _now: datetime) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class ActionSpec:
    key: str
    text: str  # source text (QT_TRANSLATE_NOOP), translated in context "CaseActions"
    shortcut: str
    legal: Legal
    factory: Factory


QT = "CaseActions"

SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "dispose",
        QT_TRANSLATE_NOOP("CaseActions", "&Verify and dispose…"),
        "Ctrl+D",
        _moves_to(S.DISPOSED),
        DisposeDialog,
    ),
    ActionSpec(
        "needs_info",
        QT_TRANSLATE_NOOP("CaseActions", "Request &missing information…"),
        "Ctrl+Shift+I",
        _moves_to(S.NEEDS_INFO),
        needs_info_dialog,
    ),
    ActionSpec(
        "info_received",
        QT_TRANSLATE_NOOP("CaseActions", "Information &received…"),
        "Ctrl+Shift+L",
        _moves_to(S.RECEIVED, only_from=(S.NEEDS_INFO,)),
        info_received_dialog,
    ),
    ActionSpec(
        "forward",
        QT_TRANSLATE_NOOP("CaseActions", "Forward to the competent a&gency…"),
        "Ctrl+Shift+F",
        _moves_to(S.FORWARDED),
        ForwardDialog,
    ),
    ActionSpec(
        "archive",
        QT_TRANSLATE_NOOP("CaseActions", "Arc&hive…"),
        "Ctrl+Shift+A",
        _moves_to(S.ARCHIVED),
        ArchiveDialog,
    ),
    ActionSpec(
        "follow_up",
        QT_TRANSLATE_NOOP("CaseActions", "Record a &follow-up…"),
        "Ctrl+T",
        _can_follow_up,
        follow_up_dialog,
    ),
    ActionSpec(
        "answer",
        QT_TRANSLATE_NOOP("CaseActions", "Give the final &answer…"),
        "Ctrl+J",
        _moves_to(S.AWAITING_REPORTER),
        answer_dialog,
    ),
    ActionSpec(
        "resolve",
        QT_TRANSLATE_NOOP("CaseActions", "Re&solve…"),
        "Ctrl+Shift+S",
        _moves_to(S.RESOLVED),
        resolve_dialog,
    ),
    ActionSpec(
        "reopen",
        QT_TRANSLATE_NOOP("CaseActions", "Re&open…"),
        "Ctrl+Shift+O",
        _moves_to(S.IN_PROGRESS, only_from=(S.AWAITING_REPORTER, S.RESOLVED)),
        reopen_dialog,
    ),
    ActionSpec(
        "feedback",
        QT_TRANSLATE_NOOP("CaseActions", "Record reporter feed&back…"),
        "Ctrl+Shift+K",
        lambda detail, _role, _now: can_record_feedback(detail),
        FeedbackDialog,
    ),
    ActionSpec(
        "close_incomplete",
        QT_TRANSLATE_NOOP("CaseActions", "Close as &incomplete…"),
        "Ctrl+Shift+C",
        _can_close_incomplete,
        close_incomplete_dialog,
    ),
    ActionSpec(
        "cancel",
        QT_TRANSLATE_NOOP("CaseActions", "&Cancel the case…"),
        "Ctrl+Shift+X",
        _can_cancel,
        cancel_dialog,
    ),
    ActionSpec(
        "extend",
        QT_TRANSLATE_NOOP("CaseActions", "&Extend a deadline…"),
        "Ctrl+Shift+E",
        _can_extend,
        ExtendDialog,
    ),
    ActionSpec(
        "note", QT_TRANSLATE_NOOP("CaseActions", "Add a &note…"), "Ctrl+M", _always, note_dialog
    ),
    ActionSpec(
        "edit",
        QT_TRANSLATE_NOOP("CaseActions", "Edit case &details…"),
        "Ctrl+E",
        _always,
        EditCaseDialog,
    ),
    ActionSpec(
        "attach",
        QT_TRANSLATE_NOOP("CaseActions", "Attach a fi&le…"),
        "Ctrl+Shift+U",
        _always,
        AttachDialog,
    ),
)


class CaseActions(QObject):
    """Owns the New case action and the Case menu, and opens their dialogs."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("case_actions")
        self._window = window
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)
        self.summary: QMessageBox | None = None  # the last bulk or attachment summary

        self.new_case = window.add_action(
            "file", self.tr("&New case…"), QKeySequence.StandardKey.New, self.open_intake
        )
        file_menu = _menu_of(self.new_case)
        if file_menu is not None and file_menu.actions()[0] is not self.new_case:
            file_menu.removeAction(self.new_case)
            first = file_menu.actions()[0]
            file_menu.insertAction(first, self.new_case)
            file_menu.insertSeparator(first)

        self.actions: dict[str, QAction] = {}
        for spec in SPECS:
            action = window.add_action(
                "case", translate(QT, spec.text), spec.shortcut, self._opener(spec)
            )
            action.setEnabled(False)
            action.setStatusTip(action.text().replace("&", "").rstrip("…"))
            self.actions[spec.key] = action
        case_menu = _menu_of(self.actions[SPECS[0].key])
        if case_menu is not None:
            case_menu.addSeparator()
        self.bulk_dispose = window.add_action(
            "case", self.tr("Dis&pose selected…"), "Ctrl+Alt+D", self.open_bulk_dispose
        )
        self.bulk_resolve = window.add_action(
            "case", self.tr("Resolve selec&ted…"), "Ctrl+Alt+S", self.open_bulk_resolve
        )
        self.actions["bulk_dispose"] = self.bulk_dispose
        self.actions["bulk_resolve"] = self.bulk_resolve

        window.detail_loaded.connect(self.update_actions)
        window.page_loaded.connect(self.update_actions)
        window.table.selectionModel().selectionChanged.connect(self.update_actions)
        self.update_actions()

    # -- enabling ------------------------------------------------------------------------
    def legal_keys(self) -> set[str]:
        """The single-case actions legal for the case shown now."""
        detail = self._window.case_view.detail
        if detail is None or not detail.can_act:
            return set()
        role = self._window.workspace.user.role
        now = self._window.workspace.clock()
        return {spec.key for spec in SPECS if spec.legal(detail, role, now)}

    def update_actions(self, *_args: object) -> None:
        legal = self.legal_keys()
        for spec in SPECS:
            self.actions[spec.key].setEnabled(spec.key in legal)
        selected = bool(self._window.selected_case_ids())
        self.bulk_dispose.setEnabled(selected)
        self.bulk_resolve.setEnabled(selected)

    def _disable_until_reloaded(self) -> None:
        for spec in SPECS:
            self.actions[spec.key].setEnabled(False)

    # -- opening -------------------------------------------------------------------------
    def _opener(self, spec: ActionSpec) -> Callable[[], None]:
        def open_it() -> None:
            self.open_action(spec.key)

        return open_it

    def open_action(self, key: str) -> QDialog | None:
        spec = next(s for s in SPECS if s.key == key)
        detail = self._window.case_view.detail
        if detail is None or key not in self.legal_keys():
            return None
        return self._open(spec.factory(self._window, detail))

    def open_intake(self) -> QDialog:
        return self._open(IntakeDialog(self._window))

    def open_bulk_dispose(self) -> QDialog | None:
        ids = self._window.selected_case_ids()
        return self._open(DisposeDialog(self._window, None, ids)) if ids else None

    def open_bulk_resolve(self) -> QDialog | None:
        ids = self._window.selected_case_ids()
        return self._open(BulkResolveDialog(self._window, ids)) if ids else None

    def _open(self, dialog: QDialog) -> QDialog:
        succeeded = getattr(dialog, "succeeded", None)
        if succeeded is not None:
            succeeded.connect(self._on_succeeded)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- after success -------------------------------------------------------------------
    def _on_succeeded(self, result: object) -> None:
        self._disable_until_reloaded()
        if isinstance(result, BulkResult):
            self._show_bulk_summary(result)
            detail = self._window.case_view.detail
            if detail is not None:
                self.refresh_and_show(detail.case.id)
            else:
                self._window.reload()
            return
        if isinstance(result, IntakeResult):
            if result.failed_attachments:
                self._show_attachment_failures(result)
            self.refresh_and_show(result.case.id)
            return
        case_id = getattr(result, "id", None)
        if isinstance(case_id, str):
            self.refresh_and_show(case_id)
        else:
            self._window.reload()

    def refresh_and_show(self, case_id: str) -> None:
        """Reload the table and counts, then show the case (selecting its row when listed)."""
        window = self._window

        def on_page() -> None:
            window.page_loaded.disconnect(on_page)
            row = window.model.row_of(case_id)
            if row >= 0 and window.table.currentIndex().row() != row:
                window.table.selectRow(row)  # the window then loads the case view for it
                if window.table.currentIndex().row() == row:
                    return
            window.show_case(case_id)

        window.page_loaded.connect(on_page)
        window.reload()

    def _show_bulk_summary(self, result: BulkResult) -> None:
        text = self.tr("%n case(s) done.", "", len(result.done))
        if result.failed:
            text += " " + self.tr("%n case(s) could not be changed:", "", len(result.failed))
        items = "".join(
            f"<li><b>{escape(name)}</b>: {escape(message)}</li>" for name, message in result.failed
        )
        self._show_summary(
            self.tr("Bulk action finished"), f"<p>{escape(text)}</p><ul>{items}</ul>", bool(items)
        )

    def _show_attachment_failures(self, result: IntakeResult) -> None:
        text = self.tr(
            "Case {number} was saved, but %n attachment(s) could not be added:",
            "",
            len(result.failed_attachments),
        ).format(number=result.case.register_no)
        items = "".join(
            f"<li><b>{escape(name)}</b>: {escape(message)}</li>"
            for name, message in result.failed_attachments
        )
        self._show_summary(self.tr("Attachments"), f"<p>{escape(text)}</p><ul>{items}</ul>", True)

    def _show_summary(self, title: str, html: str, warning: bool) -> None:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(html)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(box.deleteLater)
        self.summary = box
        box.open()


def _menu_of(action: QAction) -> QMenu | None:
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            return owner
    return None


__all__ = ["SPECS", "ActionSpec", "CaseActions"]
