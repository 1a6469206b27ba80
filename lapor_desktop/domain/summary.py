"""Small frozen rows for lists and queues: what the case table shows, never a whole case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from lapor_desktop.domain.codes import CaseStatus, Channel


class Queue(StrEnum):
    """The operator's work queues (left pane of the main window, `case list --queue`)."""

    NEEDS_VERIFICATION = "needs_verification"  # Perlu verifikasi
    DUE_TODAY = "due_today"  # Jatuh tempo hari ini
    OVERDUE = "overdue"  # Terlambat
    DISPOSED_TO_US = "disposed_to_us"  # Didisposisikan ke kami
    AWAITING_REPORTER = "awaiting_reporter"  # Menunggu pelapor
    NEEDS_INFO = "needs_info"  # Perlu kelengkapan
    MONITORED = "monitored"  # Dipantau: disposed/forwarded elsewhere, read-only here
    CONFLICTS = "conflicts"  # Konflik sinkronisasi: at least one open sync conflict
    ALL = "all"  # Semua


QUEUE_LABELS: dict[Queue, str] = {
    Queue.NEEDS_VERIFICATION: "Perlu verifikasi",
    Queue.DUE_TODAY: "Jatuh tempo hari ini",
    Queue.OVERDUE: "Terlambat",
    Queue.DISPOSED_TO_US: "Didisposisikan ke kami",
    Queue.AWAITING_REPORTER: "Menunggu pelapor",
    Queue.NEEDS_INFO: "Perlu kelengkapan",
    Queue.MONITORED: "Dipantau",
    Queue.CONFLICTS: "Konflik sinkronisasi",
    Queue.ALL: "Semua",
}


@dataclass(frozen=True, slots=True)
class CaseSummary:
    id: str
    register_no: str
    received_at: datetime
    title: str
    category_code: str
    channel: Channel
    status: CaseStatus
    holder_office: str
    next_due_at: datetime | None
    next_due_stage: str | None
    paused: bool
    reporter_display: str | None  # masked for confidential cases, None for anonymous ones
    lapor_tracking_id: str | None
    pending_ops: int
    row_id: int = 0  # local row number: the keyset cursor (received_at, row_id) for paging
