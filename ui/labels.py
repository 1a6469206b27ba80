"""Translatable names of the core's codes (statuses, channels, queues…) for the window.

Source strings are English; resources/translations/lapor_id.ts turns them into Indonesian,
the default language. QT_TRANSLATE_NOOP marks them for pyside6-lupdate.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from lapor_desktop.domain.codes import CaseKind, CaseStatus, Channel, Priority, Severity, Sifat
from lapor_desktop.domain.feedback import RATING_MAX, Feedback
from lapor_desktop.domain.ops import OpType
from lapor_desktop.domain.summary import Queue

_CTX = "Labels"

STATUS = {
    CaseStatus.DRAFT: QT_TRANSLATE_NOOP("Labels", "Draft"),
    CaseStatus.RECEIVED: QT_TRANSLATE_NOOP("Labels", "Received"),
    CaseStatus.NEEDS_INFO: QT_TRANSLATE_NOOP("Labels", "Needs information"),
    CaseStatus.DISPOSED: QT_TRANSLATE_NOOP("Labels", "Disposed"),
    CaseStatus.FORWARDED: QT_TRANSLATE_NOOP("Labels", "Forwarded"),
    CaseStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Labels", "In progress"),
    CaseStatus.AWAITING_REPORTER: QT_TRANSLATE_NOOP("Labels", "Awaiting reporter"),
    CaseStatus.RESOLVED: QT_TRANSLATE_NOOP("Labels", "Resolved"),
    CaseStatus.ARCHIVED: QT_TRANSLATE_NOOP("Labels", "Archived"),
    CaseStatus.CLOSED_INCOMPLETE: QT_TRANSLATE_NOOP("Labels", "Closed (incomplete)"),
    CaseStatus.CANCELLED: QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}

CHANNEL = {
    Channel.LAPOR: QT_TRANSLATE_NOOP("Labels", "SP4N-LAPOR!"),
    Channel.WALK_IN: QT_TRANSLATE_NOOP("Labels", "Walk-in"),
    Channel.PHONE: QT_TRANSLATE_NOOP("Labels", "Phone"),
    Channel.LETTER: QT_TRANSLATE_NOOP("Labels", "Letter"),
    Channel.WHATSAPP: QT_TRANSLATE_NOOP("Labels", "WhatsApp"),
    Channel.SMS: QT_TRANSLATE_NOOP("Labels", "SMS"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("Labels", "E-mail"),
    Channel.SOCIAL_MEDIA: QT_TRANSLATE_NOOP("Labels", "Social media"),
    Channel.SUGGESTION_BOX: QT_TRANSLATE_NOOP("Labels", "Suggestion box"),
    Channel.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
}

KIND = {
    CaseKind.COMPLAINT: QT_TRANSLATE_NOOP("Labels", "Complaint"),
    CaseKind.ASPIRATION: QT_TRANSLATE_NOOP("Labels", "Aspiration"),
    CaseKind.INFORMATION_REQUEST: QT_TRANSLATE_NOOP("Labels", "Information request"),
    CaseKind.WHISTLEBLOWING: QT_TRANSLATE_NOOP("Labels", "Whistle-blowing"),
}

PRIORITY = {
    Priority.LOW: QT_TRANSLATE_NOOP("Labels", "Low"),
    Priority.NORMAL: QT_TRANSLATE_NOOP("Labels", "Normal"),
    Priority.HIGH: QT_TRANSLATE_NOOP("Labels", "High"),
    Priority.URGENT: QT_TRANSLATE_NOOP("Labels", "Emergency"),
}

SEVERITY = {
    Severity.LIGHT: QT_TRANSLATE_NOOP("Labels", "Light / grievance (5 working days)"),
    Severity.NO_FIELD_CHECK: QT_TRANSLATE_NOOP("Labels", "No field check (14 working days)"),
    Severity.FIELD_CHECK: QT_TRANSLATE_NOOP("Labels", "Field check needed (60 working days)"),
}

SIFAT = {
    Sifat.BIASA: QT_TRANSLATE_NOOP("Labels", "Ordinary"),
    Sifat.SEGERA: QT_TRANSLATE_NOOP("Labels", "Urgent"),
    Sifat.SANGAT_SEGERA: QT_TRANSLATE_NOOP("Labels", "Very urgent"),
    Sifat.RAHASIA: QT_TRANSLATE_NOOP("Labels", "Confidential"),
}

QUEUE = {
    Queue.NEEDS_VERIFICATION: QT_TRANSLATE_NOOP("Labels", "Needs verification"),
    Queue.DUE_TODAY: QT_TRANSLATE_NOOP("Labels", "Due today"),
    Queue.OVERDUE: QT_TRANSLATE_NOOP("Labels", "Overdue"),
    Queue.DISPOSED_TO_US: QT_TRANSLATE_NOOP("Labels", "Disposed to us"),
    Queue.AWAITING_REPORTER: QT_TRANSLATE_NOOP("Labels", "Waiting for the reporter"),
    Queue.NEEDS_INFO: QT_TRANSLATE_NOOP("Labels", "Needs completion"),
    Queue.MONITORED: QT_TRANSLATE_NOOP("Labels", "Monitored"),
    Queue.CONFLICTS: QT_TRANSLATE_NOOP("Labels", "Sync conflicts"),
    Queue.ALL: QT_TRANSLATE_NOOP("Labels", "All"),
}


OP_TYPE = {
    OpType.CASE_CREATE: QT_TRANSLATE_NOOP("Labels", "New case"),
    OpType.CASE_EDIT: QT_TRANSLATE_NOOP("Labels", "Edit"),
    OpType.CASE_TRANSITION: QT_TRANSLATE_NOOP("Labels", "Status change"),
    OpType.CASE_DISPOSE: QT_TRANSLATE_NOOP("Labels", "Disposition"),
    OpType.CASE_FORWARD: QT_TRANSLATE_NOOP("Labels", "Forwarding"),
    OpType.CASE_FOLLOW_UP: QT_TRANSLATE_NOOP("Labels", "Follow-up"),
    OpType.CASE_ANSWER: QT_TRANSLATE_NOOP("Labels", "Final answer"),
    OpType.SLA_EXTEND: QT_TRANSLATE_NOOP("Labels", "Deadline extension"),
    OpType.EVENT_APPEND: QT_TRANSLATE_NOOP("Labels", "Note"),
    OpType.ATTACHMENT_ADD: QT_TRANSLATE_NOOP("Labels", "Attachment"),
    OpType.CONFLICT_RESOLVE: QT_TRANSLATE_NOOP("Labels", "Conflict resolution"),
    OpType.CASE_RENUMBER: QT_TRANSLATE_NOOP("Labels", "Register number"),
}

# The phases of a sync run (sync.engine.SyncProgress.phase), as the progress line names them.
SYNC_PHASE = {
    "hello": QT_TRANSLATE_NOOP("Labels", "Contacting the server"),
    "master": QT_TRANSLATE_NOOP("Labels", "Updating categories, holidays and SLA rules"),
    "numbers": QT_TRANSLATE_NOOP("Labels", "Reserving register numbers"),
    "files": QT_TRANSLATE_NOOP("Labels", "Sending attachments"),
    "downloads": QT_TRANSLATE_NOOP("Labels", "Receiving attachments"),
    "push": QT_TRANSLATE_NOOP("Labels", "Sending cases and actions"),
    "pull": QT_TRANSLATE_NOOP("Labels", "Receiving changes"),
    "verify": QT_TRANSLATE_NOOP("Labels", "Checking that both sides agree"),
}


# The reporter's verdict on the final answer (domain.feedback), with the regional apps' word.
SATISFIED = QT_TRANSLATE_NOOP("Labels", "satisfied (beres)")
NOT_SATISFIED = QT_TRANSLATE_NOOP("Labels", "not satisfied (belum beres)")


def tr(source: str) -> str:
    """The current language's text for one of the labels above."""
    return QCoreApplication.translate(_CTX, source)


def sync_phase(phase: str) -> str:
    """A run's phase in words; a phase this window does not know yet shows as its name."""
    source = SYNC_PHASE.get(phase)
    return tr(source) if source is not None else phase


def feedback_text(feedback: Feedback) -> str:
    """ "4/5, satisfied (beres)" in the window's language; what the reporter said follows."""
    verdict = tr(SATISFIED if feedback.satisfied else NOT_SATISFIED)
    text = f"{feedback.rating}/{RATING_MAX}, {verdict}"
    return f"{text} \u2014 {feedback.text}" if feedback.text else text
