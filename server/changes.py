"""Reading for devices: change pages, verify digests and bucket snapshots, all within scope."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from json.encoder import encode_basestring_ascii

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from server.auth import Caller
from server.changes_sql import PageReads
from server.tables import CaseEvent, CaseRow, CaseScope
from sync.protocol import (
    BucketDigest,
    ChangesPage,
    EventWire,
    SnapshotPage,
    VerifyRequest,
    VerifyResponse,
    digest,
    doc_hash,
)

# A page stops before a case history that would take it past this many events (one change
# always fits): an office that receives many long-lived cases at once gets them in pages.
MAX_PAGE_EVENTS = 2000


def page(
    session: Session, who: Caller, cursor: int, limit: int, max_events: int = MAX_PAGE_EVENTS
) -> ChangesPage:
    """`page_json` as the model (tests and in-process readers)."""
    return ChangesPage.model_validate_json(page_json(session, who, cursor, limit, max_events))


def page_json(
    session: Session, who: Caller, cursor: int, limit: int, max_events: int = MAX_PAGE_EVENTS
) -> bytes:
    """The changes after `cursor` in scope, as the JSON of a `ChangesPage`.

    The stored case and event documents are the wire form already (push writes them with
    json.dumps, as ChangesPage documents them), so their text is spliced in as it is: decoding
    and re-encoding ~1,000 events a page cost about as much as the client's whole apply. The
    reads are on the driver (server/changes_sql.py).
    """
    reads = PageReads(session)
    try:
        return _page_json(reads, who, cursor, limit, max_events)
    finally:
        reads.close()


def _page_json(reads: PageReads, who: Caller, cursor: int, limit: int, max_events: int) -> bytes:
    if who.sees_everything:
        rows = reads.changes(cursor, limit + 1)
    else:
        rows = reads.office_changes(who.office, cursor, limit + 1)
    has_more = len(rows) > limit
    rows = rows[:limit]
    entering = {seq for seq, _, _, _, enters in rows if enters}
    loaded, last = _events_of_cases(
        reads, [(seq, case_id) for seq, case_id, _, _, _ in rows if seq in entering]
    )
    whole = {
        seq: [doc for change_seq, doc in loaded[case_id] if change_seq <= seq]
        for seq, case_id, _, _, _ in rows
        if seq in entering
    }
    histories: dict[int, list[str]] = {}
    sent = 0
    for index, (seq, _, _, _, _) in enumerate(rows):
        if seq in whole:
            history = whole[seq]
            if index > 0 and sent + len(history) > max_events:
                rows, has_more = rows[:index], True  # the next page starts with this change
                break
            histories[seq] = history
            sent += len(history)
    # Each case's document travels once, on its last upsert of the page (see Change).
    carrier = {case_id: seq for seq, case_id, _, visible, _ in rows if visible}
    case_ids = set(carrier)
    docs = reads.current_docs(case_ids) if case_ids else {}
    if who.sees_everything or not case_ids:
        in_scope = case_ids
    else:
        in_scope = reads.in_scope(who.office, case_ids)
    # A change's own events: already read with the history of its case when that case enters
    # the scope on this page at or after it (most of a new case's changes come on its first
    # page); the others by their change's seq.
    events: dict[int, list[str]] = defaultdict(list)
    for found in loaded.values():
        for change_seq, text in found:
            events[change_seq].append(text)
    missing = [
        seq
        for seq, case_id, _, visible, _ in rows
        if visible and seq not in histories and not (case_id in loaded and seq <= last)
    ]
    if missing:
        for seq, text in reads.events_of_changes(missing):
            events[seq].append(text)
    parts: list[str] = []
    for seq, case_id, version, visible, _ in rows:
        if not visible:
            parts.append(_change_json(seq, case_id, version, "leave_scope", None, []))
            continue
        doc: str | None = None
        if carrier[case_id] == seq:
            if case_id in in_scope:
                version, doc = docs[case_id]
            else:
                # A case that has left this office's scope since: never the current document,
                # only what the office was allowed to see then (a leave_scope follows).
                doc = reads.version_doc(case_id, version)
        changed = histories[seq] if seq in histories else events.get(seq, [])
        parts.append(_change_json(seq, case_id, version, "upsert", doc, changed))
    next_cursor = rows[-1][0] if rows else cursor
    body = (
        f'{{"changes":[{",".join(parts)}],"next_cursor":{next_cursor},'
        f'"has_more":{"true" if has_more else "false"}}}'
    )
    return body.encode()


def _change_json(
    seq: int, case_id: str, version: int, kind: str, doc: str | None, events: list[str]
) -> str:
    return (
        f'{{"seq":{seq},"entity":"case","id":{_quoted(case_id)},"version":{version},'
        f'"kind":"{kind}","case":{doc or "null"},"events":[{",".join(events)}]}}'
    )


# `json.dumps` of a str, without its Python layers (~2.5 µs a call, 1,000 calls a page): the
# standard library's own C encoder, so the text is byte for byte what json.dumps writes.
_quoted: Callable[[str], str] = encode_basestring_ascii


def _events_of_cases(
    reads: PageReads, entering: list[tuple[int, str]]
) -> tuple[dict[str, list[tuple[int, str]]], int]:
    """Every event of the cases that enter the scope with a change of `entering` (seq, case),
    up to the last such change, in the order they happened (one query for the page, not one
    per case): (change_seq, doc) by case, and that last seq."""
    if not entering:
        return {}, 0
    ids = sorted({case_id for _, case_id in entering})
    last = max(seq for seq, _ in entering)
    by_case: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for case_id, change_seq, doc in reads.events_of_cases(ids, last):
        by_case[case_id].append((change_seq, doc))
    return by_case, last


def _scoped_cases(who: Caller) -> Select[tuple[str, int, str, str]]:
    stmt = select(CaseRow.id, CaseRow.version, CaseRow.bucket, CaseRow.doc)
    if not who.sees_everything:
        stmt = stmt.join(CaseScope, CaseScope.case_id == CaseRow.id).where(
            CaseScope.office == who.office
        )
    return stmt


# doc_hash by the SHA-256 of the stored text: every device's verify hashes every case in its
# scope, and hashing the raw text is ~5x cheaper than decoding and re-encoding it. Keyed by
# content, so it can never answer for another document (or another database).
_DOC_HASHES: dict[bytes, str] = {}
_DOC_HASHES_MAX = 200_000


def _doc_hash(doc: str) -> str:
    key = hashlib.sha256(doc.encode()).digest()
    found = _DOC_HASHES.get(key)
    if found is None:
        if len(_DOC_HASHES) >= _DOC_HASHES_MAX:
            _DOC_HASHES.clear()
        found = _DOC_HASHES[key] = doc_hash(doc)
    return found


def verify(session: Session, who: Caller, body: VerifyRequest) -> VerifyResponse:
    items: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for case_id, version, bucket, doc in session.execute(_scoped_cases(who)):
        items[bucket].append((case_id, int(version), _doc_hash(doc)))
    server = {bucket: digest(found) for bucket, found in sorted(items.items())}
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
