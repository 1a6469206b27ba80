"""What one applied op changes, collected for the batch's writes (server/push_writes.py).

The case as stored (its version bumped, its document encoded as a read would decode it), its
version row, events, change-log and scope rows, conflicts and new attachments, under the change
sequence the op takes. Apart from the batch's loop (server/push_batch.py) because it only turns
an `Applied` into rows: it reads nothing and decides nothing about the op.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson

from lapor_desktop.domain.apply import Applied
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_to_json, event_to_json
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import Operation, iso
from server.push_cases import CaseState
from server.push_writes import Writes
from server.scope import scope_of
from sync.protocol import OpResult, bucket_of


@dataclass(slots=True)
class Done:
    """What one op's savepoint wrote, applied to the batch's memory once it is released."""

    outcome: OpResult
    record: bool  # a processed_op row, and last_device_seq advances
    state: CaseState | None = None  # the case afterwards, when the op wrote it
    seq: int | None = None  # the change sequence it used
    floor: tuple[str, int, int] | None = None  # (register, year, number) to raise the floor to
    register_key: tuple[str | None] | None = None  # (the case's register key,) when written
    event_ids: tuple[str, ...] = ()  # the events it wrote


PLACEHOLDER = OpResult(device_seq=0, status="applied")


def store_change(
    writes: Writes,
    counter: int | None,
    op: Operation,
    state: CaseState,
    applied: Applied,
    events: list[TimelineEvent],
    now: datetime,
) -> Done:
    """Collect what an applied op changed (see push_writes); the case afterwards.

    `counter` is the change counter as the batch holds it; `events` are the op's events
    the batch has not stored yet.
    """
    before = state.case
    case = scrub(applied.case)
    changed = before is None or case != before
    if before is not None and changed and case.version <= before.version:
        case = case.evolve(version=before.version + 1)  # every stored change has its version
    placeholder = PLACEHOLDER  # replaced by the caller, which knows the status
    if not changed and not events:
        # A no-op: nothing to tell anyone.
        return Done(placeholder, True, state=state)
    assert counter is not None  # locked before the op began
    seq = counter + 1
    floor: tuple[str, int, int] | None = None
    register_key: tuple[str | None] | None = None
    attachments = state.attachments
    decoded: dict[str, Any] | None = None
    if changed:
        # The next op of this case in the batch starts from the document as stored,
        # decoded as a fresh read of the row would decode it: the same case the next
        # transaction would have seen when every op had its own.
        text, decoded = stored_doc(case_to_json(case))
        number = RegisterNumber.parse(case.register_no)
        key = None if number.provisional else case.register_no
        received = iso(case.received_at)
        register_key = (key,)
        writes.case(
            case.id,
            {
                "register_no": case.register_no,
                "register_key": key,
                "holder_office": case.holder_office,
                "origin_office": case.origin_office,
                "confidential": case.confidential,
                "version": case.version,
                "received_at": received,
                "bucket": bucket_of(received),
                "doc": text,
            },
            new=before is None,
        )
        # A renumber too: its number came from a lease, but a floor restored from an older
        # backup may be behind it, and the next lease must not hand it out again.
        if not number.provisional and (before is None or case.register_no != before.register_no):
            floor = (f"register:{number.office}", number.year, number.seq)
        writes.versions.append(
            {
                "case_id": case.id,
                "version": case.version,
                "doc": text,
                "op_id": op.op_id,
                "device_id": op.device_id,
                "actor": op.actor,
                "office": op.office,
                "at": iso(op.at),
            }
        )
        if case.conflicts or (before is not None and before.conflicts):
            writes.conflicts[case.id] = [
                {"id": c.id, "case_id": case.id, "field": c.field, "status": c.status}
                for c in case.conflicts
            ]
        new = {a.sha256 for a in case.attachments} - attachments
        if new:
            writes.attachments.extend({"case_id": case.id, "sha256": s} for s in sorted(new))
            attachments = attachments | new
    writes.events.extend(
        {
            "id": e.id,
            "case_id": e.case_id,
            "change_seq": seq,
            "doc": event_doc(e),
        }
        for e in events
    )
    writes.changes.append({"seq": seq, "case_id": case.id, "version": case.version, "at": iso(now)})
    previous = state.scope
    current = frozenset(scope_of(case))
    writes.scope(case.id, previous, current)
    writes.change_scopes.extend({"seq": seq, "office": o, "visible": True} for o in sorted(current))
    writes.change_scopes.extend(
        {"seq": seq, "office": o, "visible": False} for o in sorted(previous - current)
    )
    return Done(
        placeholder,
        True,
        # Unchanged: the case as it was; changed: the document as stored, decoded if needed.
        state=CaseState(None if changed else before, current, attachments, decoded, case.version),
        seq=seq,
        floor=floor,
        register_key=register_key,
        event_ids=tuple(e.id for e in events),
    )


def event_doc(event: TimelineEvent) -> str:
    """An event's stored JSON text, which change pages splice in as it is (server/changes.py).

    orjson where it can (a push batch writes ~2 events an op: the standard library's dumps was
    a tenth of the batch's CPU); what it cannot write (an integer beyond 64 bits, a lone
    surrogate) the standard library writes as it always did, so the op meets the same fate.
    Both write the same JSON values; orjson leaves out the spaces after separators.
    """
    doc = event_to_json(event)
    try:
        return orjson.dumps(doc, default=str).decode()
    except TypeError:
        return json.dumps(doc, ensure_ascii=False, default=str)


def stored_doc(doc: dict[str, Any]) -> tuple[str, Any]:
    """A case document's JSON text as stored, and that text decoded as a read of it would.

    orjson (~10x the standard library) for both where it can: what it writes it reads back
    exactly. An integer beyond 64 bits it cannot write; the standard library writes and
    reads that one (orjson would read it as a float).
    """
    try:
        text = orjson.dumps(doc).decode()
    except TypeError:
        text = json.dumps(doc, ensure_ascii=False)
        return text, json.loads(text)
    return text, orjson.loads(text)


def scrub(case: Case) -> Case:
    # Defence in depth: the domain already refuses it, but an anonymous reporter's identity
    # must never reach the server's tables whatever a client sends.
    if case.anonymous and case.reporter is not None:
        return case.evolve(reporter=None)
    return case
