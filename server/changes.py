"""Reading for devices: change pages, verify digests and bucket snapshots, all within scope."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from server.auth import Caller
from server.tables import CaseEvent, CaseRow, CaseScope, CaseVersion, ChangeLog, ChangeScope
from sync.protocol import (
    BucketDigest,
    Change,
    ChangesPage,
    EventWire,
    SnapshotPage,
    VerifyRequest,
    VerifyResponse,
    digest,
)

# A page stops before a case history that would take it past this many events (one change
# always fits): an office that receives many long-lived cases at once gets them in pages.
MAX_PAGE_EVENTS = 2000


def page(
    session: Session, who: Caller, cursor: int, limit: int, max_events: int = MAX_PAGE_EVENTS
) -> ChangesPage:
    rows: list[tuple[int, str, int, bool]]
    if who.sees_everything:
        found = session.execute(
            select(ChangeLog.seq, ChangeLog.case_id, ChangeLog.version)
            .where(ChangeLog.seq > cursor)
            .order_by(ChangeLog.seq)
            .limit(limit + 1)
        ).all()
        rows = [(int(s), c, int(v), True) for s, c, v in found]
    else:
        scoped = session.execute(
            select(ChangeLog.seq, ChangeLog.case_id, ChangeLog.version, ChangeScope.visible)
            .join(ChangeLog, ChangeLog.seq == ChangeScope.seq)
            .where(ChangeScope.office == who.office, ChangeScope.seq > cursor)
            .order_by(ChangeScope.seq)
            .limit(limit + 1)
        ).all()
        rows = [(int(s), c, int(v), bool(vis)) for s, c, v, vis in scoped]
    has_more = len(rows) > limit
    rows = rows[:limit]
    # Coordinators see every change from the first: they never enter a case's scope late.
    visible_seqs = [seq for seq, _, _, visible in rows if visible]
    entering = set() if who.sees_everything else _entering(session, who.office, visible_seqs)
    histories: dict[int, list[EventWire]] = {}
    sent = 0
    for index, (seq, case_id, _, visible) in enumerate(rows):
        if visible and seq in entering:
            history = _history(session, case_id, seq)
            if index > 0 and sent + len(history) > max_events:
                rows, has_more = rows[:index], True  # the next page starts with this change
                break
            histories[seq] = history
            sent += len(history)
    case_ids = {case_id for _, case_id, _, visible in rows if visible}
    docs = _current_docs(session, case_ids)
    in_scope = case_ids if who.sees_everything else _in_scope(session, who.office, case_ids)
    events = _events_by_seq(
        session, [seq for seq, _, _, visible in rows if visible and seq not in histories]
    )
    changes: list[Change] = []
    for seq, case_id, version, visible in rows:
        if not visible:
            changes.append(Change(seq=seq, id=case_id, version=version, kind="leave_scope"))
            continue
        # A case that has left this office's scope since: never the current document, only
        # what the office was allowed to see then (a leave_scope follows).
        doc = docs[case_id] if case_id in in_scope else _version_doc(session, case_id, version)
        changes.append(
            Change(
                seq=seq,
                id=case_id,
                version=int(doc["version"]),
                kind="upsert",
                case=doc,
                events=histories[seq] if seq in histories else events.get(seq, []),
            )
        )
    next_cursor = rows[-1][0] if rows else cursor
    return ChangesPage(changes=changes, next_cursor=next_cursor, has_more=has_more)


def _entering(session: Session, office: str, seqs: list[int]) -> set[int]:
    """The changes by which `office` enters a case's scope: it was not in the scope of the
    case's previous change (or there is none). Those carry the case's whole history, since
    the office never received the events of the changes before."""
    if not seqs:
        return set()
    earlier = aliased(ChangeLog)
    previous = (
        select(func.max(earlier.seq))
        .where(earlier.case_id == ChangeLog.case_id, earlier.seq < ChangeLog.seq)
        .correlate(ChangeLog)
        .scalar_subquery()
    )
    found = session.execute(select(ChangeLog.seq, previous).where(ChangeLog.seq.in_(seqs)))
    previous_of = {int(seq): (None if prev is None else int(prev)) for seq, prev in found}
    known = [prev for prev in previous_of.values() if prev is not None]
    seen: set[int] = set()
    if known:
        seen = {
            int(seq)
            for seq in session.execute(
                select(ChangeScope.seq).where(
                    ChangeScope.seq.in_(known),
                    ChangeScope.office == office,
                    ChangeScope.visible.is_(True),
                )
            ).scalars()
        }
    return {seq for seq, prev in previous_of.items() if prev is None or prev not in seen}


def _history(session: Session, case_id: str, seq: int) -> list[EventWire]:
    """Every event of the case up to and including change `seq`, in the order they happened."""
    found = session.execute(
        select(CaseEvent.doc)
        .where(CaseEvent.case_id == case_id, CaseEvent.change_seq <= seq)
        .order_by(CaseEvent.change_seq, CaseEvent.id)
    ).scalars()
    return [EventWire.model_validate_json(doc) for doc in found]


def _current_docs(session: Session, case_ids: set[str]) -> dict[str, dict[str, Any]]:
    if not case_ids:
        return {}
    found = session.execute(select(CaseRow.id, CaseRow.doc).where(CaseRow.id.in_(case_ids)))
    return {case_id: json.loads(doc) for case_id, doc in found}


def _in_scope(session: Session, office: str, case_ids: set[str]) -> set[str]:
    if not case_ids:
        return set()
    return set(
        session.execute(
            select(CaseScope.case_id).where(
                CaseScope.office == office, CaseScope.case_id.in_(case_ids)
            )
        ).scalars()
    )


def _version_doc(session: Session, case_id: str, version: int) -> dict[str, Any]:
    doc = session.execute(
        select(CaseVersion.doc).where(
            CaseVersion.case_id == case_id, CaseVersion.version == version
        )
    ).scalar_one()
    parsed: dict[str, Any] = json.loads(doc)
    return parsed


def _events_by_seq(session: Session, seqs: list[int]) -> dict[int, list[EventWire]]:
    if not seqs:
        return {}
    found = session.execute(
        select(CaseEvent.change_seq, CaseEvent.doc)
        .where(CaseEvent.change_seq.in_(seqs))
        .order_by(CaseEvent.change_seq, CaseEvent.id)
    )
    result: dict[int, list[EventWire]] = defaultdict(list)
    for seq, doc in found:
        result[int(seq)].append(EventWire.model_validate_json(doc))
    return result


def _scoped_cases(who: Caller) -> Select[tuple[str, int, str]]:
    stmt = select(CaseRow.id, CaseRow.version, CaseRow.bucket)
    if not who.sees_everything:
        stmt = stmt.join(CaseScope, CaseScope.case_id == CaseRow.id).where(
            CaseScope.office == who.office
        )
    return stmt


def verify(session: Session, who: Caller, body: VerifyRequest) -> VerifyResponse:
    pairs: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for case_id, version, bucket in session.execute(_scoped_cases(who)):
        pairs[bucket].append((case_id, int(version)))
    server = {bucket: digest(items) for bucket, items in sorted(pairs.items())}
    empty = digest([])
    mismatched = sorted(
        bucket
        for bucket in server.keys() | body.buckets.keys()
        if not _same(server.get(bucket, empty), body.buckets.get(bucket, empty))
    )
    return VerifyResponse(mismatched=mismatched, server=server)


def _same(a: BucketDigest, b: BucketDigest) -> bool:
    return a.count == b.count and a.hash == b.hash


def snapshot(session: Session, who: Caller, bucket: str, after: str, limit: int) -> SnapshotPage:
    stmt = (
        select(CaseRow.id, CaseRow.doc)
        .where(CaseRow.bucket == bucket, CaseRow.id > after)
        .order_by(CaseRow.id)
        .limit(limit + 1)
    )
    if not who.sees_everything:
        stmt = stmt.join(CaseScope, CaseScope.case_id == CaseRow.id).where(
            CaseScope.office == who.office
        )
    found = session.execute(stmt).all()
    has_more = len(found) > limit
    found = found[:limit]
    ids = [case_id for case_id, _ in found]
    events: list[EventWire] = []
    if ids:
        events = [
            EventWire.model_validate_json(doc)
            for doc in session.execute(
                select(CaseEvent.doc)
                .where(CaseEvent.case_id.in_(ids))
                .order_by(CaseEvent.case_id, CaseEvent.id)
            ).scalars()
        ]
    return SnapshotPage(
        bucket=bucket,
        cases=[json.loads(doc) for _, doc in found],
        events=events,
        next_after=ids[-1] if has_more and ids else None,
        has_more=has_more,
    )
