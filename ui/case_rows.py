"""What one row of the case table shows, computed once when the page loads (never in data())."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication

from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.dates import indonesian_date
from lapor_desktop.domain.summary import CaseSummary
from lapor_desktop.domain.workflow import is_open
from ui import labels


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("CaseRows", text, None, n)


class Urgency:
    """How pressing the next deadline is; drives colour and icon (never colour alone)."""

    NONE = 0
    OK = 1
    SOON = 2
    TODAY = 3
    LATE = 4
    PAUSED = 5


@dataclass(frozen=True, slots=True)
class CaseRow:
    summary: CaseSummary
    register_no: str
    received: str
    title: str
    category: str
    channel: str
    status: str
    holder: str
    deadline: str
    urgency: int
    sync: str
    received_sort: str


def deadline_text(
    summary: CaseSummary, calendar: WorkingCalendar, tz: tzinfo, now: datetime
) -> tuple[str, int]:
    if not is_open(summary.status):
        return "", Urgency.NONE
    if summary.paused:
        return "⏸ " + _t("paused (waiting for the reporter)"), Urgency.PAUSED
    if summary.next_due_at is None:
        return "", Urgency.NONE
    today = now.astimezone(tz).date()
    due = summary.next_due_at.astimezone(tz).date()
    if summary.next_due_at < now:
        late = calendar.working_days_between(due, today)
        text = _t("late by %n working day(s)", late) if late else _t("late")
        return "⚠ " + text, Urgency.LATE
    if due == today:
        return "● " + _t("due today"), Urgency.TODAY
    left = calendar.working_days_between(today, due)
    text = _t("%n working day(s) left", left)
    return ("◐ " if left <= 1 else "○ ") + text, (Urgency.SOON if left <= 1 else Urgency.OK)


def sync_badge(summary: CaseSummary, conflict: bool, rejected: bool) -> str:
    """The sync column: what needs a person first, then what waits, else a tick."""
    parts = []
    if conflict:
        parts.append("⚠ " + _t("conflict"))
    if rejected:
        parts.append("✖ " + _t("rejected"))
    if summary.pending_ops:
        parts.append("⏳ " + _t("%n not sent", summary.pending_ops))
    return " · ".join(parts) if parts else "✓"


def build_rows(
    summaries: list[CaseSummary],
    category_names: Mapping[str, str],
    calendar: WorkingCalendar,
    tz: tzinfo,
    now: datetime,
    conflicts: frozenset[str] = frozenset(),
    rejected: frozenset[str] = frozenset(),
) -> list[CaseRow]:
    rows = []
    for s in summaries:
        deadline, urgency = deadline_text(s, calendar, tz, now)
        rows.append(
            CaseRow(
                summary=s,
                register_no=s.register_no,
                received=indonesian_date(s.received_at, tz),
                title=s.title,
                category=category_names.get(s.category_code, s.category_code),
                channel=labels.tr(labels.CHANNEL[s.channel]),
                status=labels.tr(labels.STATUS[s.status]),
                holder=s.holder_office,
                deadline=deadline,
                urgency=urgency,
                sync=sync_badge(s, s.id in conflicts, s.id in rejected),
                received_sort=s.received_at.isoformat(),
            )
        )
    return rows
