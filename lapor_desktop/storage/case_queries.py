"""Lists, work queues and their counts in SQL: filtered, sorted and keyset-paged in the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, literal, or_, select, tuple_
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


def queue_clause(queue: Queue, window: QueueWindow) -> ColumnElement[bool] | None:
    mine = CaseRow.holder_office == window.office
    now, end = iso(window.now), iso(window.end_of_today)
    match queue:
        case Queue.ALL:
            return None
        case Queue.NEEDS_VERIFICATION:
            return and_(mine, CaseRow.status.in_((S.RECEIVED.value, S.DRAFT.value)))
        case Queue.DUE_TODAY:
            return and_(
                mine,
                CaseRow.status.in_(_RUNNING),
                CaseRow.next_due_at >= now,
                CaseRow.next_due_at <= end,
            )
        case Queue.OVERDUE:
            return and_(mine, CaseRow.status.in_(_RUNNING), CaseRow.next_due_at < now)
        case Queue.DISPOSED_TO_US:
            return and_(mine, CaseRow.status == S.DISPOSED.value)
        case Queue.AWAITING_REPORTER:
            return and_(mine, CaseRow.status == S.AWAITING_REPORTER.value)
        case Queue.NEEDS_INFO:
            return and_(mine, CaseRow.status == S.NEEDS_INFO.value)
        case Queue.MONITORED:
            return or_(
                and_(
                    CaseRow.origin_office == window.office, CaseRow.holder_office != window.office
                ),
                and_(mine, CaseRow.status == S.FORWARDED.value),
            )


@dataclass(frozen=True, slots=True)
class ListFilter:
    queue: Queue = Queue.ALL
    statuses: tuple[CaseStatus, ...] = ()
    ids: tuple[str, ...] | None = None
    after: tuple[str, int] | None = None  # keyset: (received_at, row_id) of the last row seen
    limit: int = 50


def list_cases(session: Session, flt: ListFilter, window: QueueWindow) -> list[CaseSummary]:
    where: list[object] = []
    clause = queue_clause(flt.queue, window)
    if clause is not None:
        where.append(clause)
    if flt.statuses:
        where.append(CaseRow.status.in_([s.value for s in flt.statuses]))
    if flt.ids is not None:
        where.append(CaseRow.id.in_(flt.ids))
    if flt.after is not None:
        where.append(
            tuple_(CaseRow.received_at, CaseRow.row_id)
            < tuple_(literal(flt.after[0]), literal(flt.after[1]))
        )
    return CaseRepository(session).summaries(
        where=where,
        order_by=(CaseRow.received_at.desc(), CaseRow.row_id.desc()),
        limit=flt.limit,
    )


def count_queues(
    session: Session, window: QueueWindow, queues: Sequence[Queue]
) -> dict[Queue, int]:
    """One small COUNT per queue; each is answered from a covering index."""
    counts: dict[Queue, int] = {}
    for queue in queues:
        clause = queue_clause(queue, window)
        stmt = select(func.count()).select_from(CaseRow)
        if clause is not None:
            stmt = stmt.where(clause)
        counts[queue] = int(session.execute(stmt).scalar_one())
    return counts
