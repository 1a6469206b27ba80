"""Lists, work queues and their counts in SQL: filtered, sorted and keyset-paged in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.ops import iso
from lapor_desktop.domain.summary import CaseSummary, Queue
from lapor_desktop.domain.workflow import OPEN_STATES
from lapor_desktop.storage.cases import CaseRepository
from lapor_desktop.storage.rows import CaseRow

S = CaseStatus
# Open states whose clock is running (NEEDS_INFO is paused; FORWARDED has no clock left).
_RUNNING = tuple(sorted(s.value for s in OPEN_STATES - {S.NEEDS_INFO, S.FORWARDED, S.DRAFT}))


@dataclass(frozen=True, slots=True)
class QueueWindow:
    """The moments that define 'overdue' and 'due today' for an office at some instant."""

    office: str
    now: datetime
    end_of_today: datetime


def queue_clause(queue: Queue, window: QueueWindow) -> tuple[str, tuple[object, ...]] | None:
    """The queue as SQL over "case" with its `?` parameters (None: every case)."""
    office, now, end = window.office, iso(window.now), iso(window.end_of_today)
    mine = "c.holder_office = ?"
    running = f"c.status IN ({', '.join('?' * len(_RUNNING))})"
    match queue:
        case Queue.ALL:
            return None
        case Queue.NEEDS_VERIFICATION:
            return f"{mine} AND c.status IN (?, ?)", (office, S.RECEIVED.value, S.DRAFT.value)
        case Queue.DUE_TODAY:
            return (
                f"{mine} AND {running} AND c.next_due_at >= ? AND c.next_due_at <= ?",
                (office, *_RUNNING, now, end),
            )
        case Queue.OVERDUE:
            return f"{mine} AND {running} AND c.next_due_at < ?", (office, *_RUNNING, now)
        case Queue.DISPOSED_TO_US:
            return f"{mine} AND c.status = ?", (office, S.DISPOSED.value)
        case Queue.AWAITING_REPORTER:
            return f"{mine} AND c.status = ?", (office, S.AWAITING_REPORTER.value)
        case Queue.NEEDS_INFO:
            return f"{mine} AND c.status = ?", (office, S.NEEDS_INFO.value)
        case Queue.MONITORED:
            # Read-only here: held by another office (we disposed it there), or forwarded out.
            return (
                f"(c.holder_office != ? OR ({mine} AND c.status = ?))",
                (office, office, S.FORWARDED.value),
            )
        case Queue.CONFLICTS:
            # Every case here with an open conflict, held here or not: a former holder sees
            # that its edits were not applied; the holder (or a coordinator) resolves them.
            return "c.open_conflicts > 0", ()


@dataclass(frozen=True, slots=True)
class ListFilter:
    queue: Queue = Queue.ALL
    statuses: tuple[CaseStatus, ...] = ()
    ids: tuple[str, ...] | None = None
    after: tuple[str, int] | None = None  # keyset: (sort value, row_id) of the last row seen
    match: str | None = None  # an FTS5 expression: only matching cases, best first
    limit: int = 50
    sort: str = "received"
    descending: bool = True


# What the table can be sorted by, as SQL over "case" AS c. NULL deadlines sort last, as a
# far-away text, so that the keyset comparison (value, row_id) never meets a NULL.
NO_DEADLINE = "9999"
SORT_KEYS: dict[str, str] = {
    "received": "c.received_at",
    "register_no": "c.register_no",
    "title": "c.title",
    "category": "c.category_code",
    "channel": "c.channel",
    "status": "c.status",
    "holder": "c.holder_office",
    "due": f"coalesce(c.next_due_at, '{NO_DEADLINE}')",
}


def list_cases(session: Session, flt: ListFilter, window: QueueWindow) -> list[CaseSummary]:
    """Hand-written SQL on the driver (storage.driver_sql): every page of the window's table
    comes through here, the first one while the window opens, and SQLAlchemy's compile and
    row processing cost ~5 ms of a first page whose SQL takes ~0.6 ms."""
    where: list[str] = []
    params: list[object] = []
    clause = queue_clause(flt.queue, window)
    if clause is not None:
        where.append(clause[0])
        params.extend(clause[1])
    if flt.statuses:
        where.append(f"c.status IN ({', '.join('?' * len(flt.statuses))})")
        params.extend(s.value for s in flt.statuses)
    if flt.ids is not None:
        if not flt.ids:
            return []
        where.append(f"c.id IN ({', '.join('?' * len(flt.ids))})")
        params.extend(flt.ids)
    key = SORT_KEYS[flt.sort]
    if flt.after is not None:
        where.append(f"({key}, c.row_id) {'<' if flt.descending else '>'} (?, ?)")
        params.extend(flt.after)
    way = " DESC" if flt.descending else ""
    return CaseRepository(session).summaries(
        where=" AND ".join(f"({w})" for w in where),
        params=params,
        order_by=f"{key}{way}, c.row_id{way}",
        limit=flt.limit,
        ranked_match=flt.match,
    )


def count_queues(session: Session, window: QueueWindow) -> dict[Queue, int]:
    """All queue counts from three index-only queries (one grouped count answers six queues).

    Must agree with queue_clause(); tests compare the counts with the listed rows.
    """
    office = window.office
    # One pass over the narrow (status, holder) index gives every status count of this office
    # and the grand total; the planner would pick the wider (holder, status, due) index.
    grouped = session.execute(
        text(
            'SELECT status, holder_office, count(*) FROM "case"'
            " INDEXED BY ix_case_status_holder GROUP BY status, holder_office"
        )
    )
    by_status: dict[str, int] = {}
    total = 0
    for status, holder, n in grouped:
        total += int(n)
        if holder == office:
            by_status[str(status)] = int(n)
    overdue, due_today = session.execute(
        select(
            func.count().filter(CaseRow.next_due_at < iso(window.now)),
            func.count().filter(
                CaseRow.next_due_at >= iso(window.now),
                CaseRow.next_due_at <= iso(window.end_of_today),
            ),
        ).where(CaseRow.holder_office == office, CaseRow.status.in_(_RUNNING))
    ).one()
    conflicts = session.scalar(select(func.count()).where(CaseRow.open_conflicts > 0))
    away = total - sum(by_status.values())
    return {
        Queue.NEEDS_VERIFICATION: by_status.get(S.RECEIVED.value, 0)
        + by_status.get(S.DRAFT.value, 0),
        Queue.DUE_TODAY: int(due_today),
        Queue.OVERDUE: int(overdue),
        Queue.DISPOSED_TO_US: by_status.get(S.DISPOSED.value, 0),
        Queue.AWAITING_REPORTER: by_status.get(S.AWAITING_REPORTER.value, 0),
        Queue.NEEDS_INFO: by_status.get(S.NEEDS_INFO.value, 0),
        Queue.MONITORED: int(away) + by_status.get(S.FORWARDED.value, 0),
        Queue.CONFLICTS: int(conflicts or 0),
        Queue.ALL: int(total),
    }
