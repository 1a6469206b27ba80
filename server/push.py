"""Pushed operations: one transaction per op, in device_seq order (docs/sync.md, the server)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from lapor_desktop.domain.apply import Applied, ApplyContext, apply
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_from_json, case_to_json
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import Operation, OpType, iso
from server.auth import Caller
from server.blobs import BlobStore
from server.db import lock, next_counter, read_session, write_session
from server.errors import ApiError
from server.master import rule_context
from server.numbers import MAX_NUMBER, raise_floor
from server.scope import scope_of
from server.settings import ServerSettings
from server.storable import unstorable
from server.tables import (
    CaseAttachment,
    CaseEvent,
    CaseRow,
    CaseScope,
    CaseVersion,
    ChangeLog,
    ChangeScope,
    ConflictRow,
    Device,
    ProcessedOp,
)
from sync.protocol import OpResult, OpWire, PushRequest, PushResponse, bucket_of

log = logging.getLogger(__name__)

CHANGE_COUNTER = "change"
_RETRIES = 3


@dataclass(frozen=True, slots=True)
class _Gap:
    expected_seq: int


@dataclass(frozen=True, slots=True)
class _Incoming:
    op: Operation
    refusal: str | None  # why its content cannot be stored: a per-op rejection


# What a database refuses to write (beyond our own checks): the op's content is at fault.
_UNSTORABLE_ERRORS = (DataError, UnicodeError, OverflowError)


def push(
    engine: Engine, settings: ServerSettings, store: BlobStore, who: Caller, body: PushRequest
) -> PushResponse:
    if body.device_id != who.device_id:
        raise ApiError(403, "forbidden", "device_id is not the device of this token")
    if len(body.ops) > settings.limits.max_ops:
        raise ApiError(413, "too_large", f"at most {settings.limits.max_ops} ops per push")
    # Every check that refuses the whole request runs before anything is written.
    ops = sorted((_operation(wire, who) for wire in body.ops), key=lambda i: i.op.device_seq)
    with read_session(engine) as session:
        ctx = rule_context(session, who.tz, who.role)
    results: list[OpResult] = []
    expected: int | None = None
    for incoming in ops:
        outcome = _one(engine, settings, store, who, ctx, incoming)
        if isinstance(outcome, _Gap):
            expected = outcome.expected_seq
            break
        results.append(outcome)
        if outcome.status == "deferred":
            break  # the sequence does not advance past an op that is still waiting
    with read_session(engine) as session:
        last = session.execute(
            select(Device.last_device_seq).where(Device.device_id == who.device_id)
        ).scalar_one()
    return PushResponse(results=results, expected_seq=expected, last_device_seq=int(last))


def _operation(wire: OpWire, who: Caller) -> _Incoming:
    # The op's identity is the key its result is stored under: unstorable there, nothing can
    # be recorded, so the request is refused whole (and the message never echoes it).
    for name in ("op_id", "entity_id"):
        reason = unstorable(getattr(wire, name))
        if reason is not None:
            raise ApiError(400, "bad_request", f"ops[].{name}: {reason}")
    if wire.device_id != who.device_id:
        raise ApiError(403, "forbidden", f"op {wire.op_id} names another device")
    if wire.office != who.office:
        raise ApiError(403, "forbidden", f"op {wire.op_id} names office {wire.office!r}")
    if wire.entity != "case":
        raise ApiError(400, "bad_request", f"op {wire.op_id}: unknown entity {wire.entity!r}")
    try:
        op = Operation.from_json(wire.model_dump())
    except (KeyError, TypeError, ValueError) as error:
        # An unknown op_type or a timestamp that does not parse: the body does not validate.
        raise ApiError(400, "bad_request", f"op {wire.op_id}: {error}") from None
    return _Incoming(op, unstorable([wire.actor, wire.data]))


def _one(
    engine: Engine,
    settings: ServerSettings,
    store: BlobStore,
    who: Caller,
    ctx: ApplyContext,
    incoming: _Incoming,
) -> OpResult | _Gap:
    op = incoming.op
    try:
        return _with_retries(
            engine, lambda: _process(engine, settings, store, who, ctx, op, incoming.refusal)
        )
    except _UNSTORABLE_ERRORS as error:
        if incoming.refusal is not None:
            raise  # the rejection itself could not be written: a server fault, not the op's
        # Content our checks let through and the database refused: the op's transaction
        # rolled back whole; record its rejection instead, so the queue moves on.
        log.warning("op %s holds a value the database cannot store: %s", op.op_id, error)
        refusal = "a value in this op cannot be stored"
        return _with_retries(
            engine, lambda: _process(engine, settings, store, who, ctx, op, refusal)
        )


def _with_retries(engine: Engine, work: Any) -> OpResult | _Gap:
    for attempt in range(_RETRIES):
        try:
            result: OpResult | _Gap = work()
            return result
        except (IntegrityError, OperationalError):
            # A concurrent writer won a race (same new case or number, a serialisation
            # failure): the op's transaction rolled back whole, so running it again is safe.
            if attempt == _RETRIES - 1:
                raise
            log.warning("retrying an op after a concurrent write", exc_info=True)
    raise AssertionError("unreachable")


def _process(
    engine: Engine,
    settings: ServerSettings,
    store: BlobStore,
    who: Caller,
    ctx: ApplyContext,
    op: Operation,
    refusal: str | None = None,
) -> OpResult | _Gap:
    now = settings.clock()
    with write_session(engine) as session:
        device = session.execute(
            lock(session, select(Device).where(Device.device_id == who.device_id))
        ).scalar_one()
        stored = session.execute(
            select(ProcessedOp.result).where(
                ProcessedOp.device_id == who.device_id, ProcessedOp.op_id == op.op_id
            )
        ).scalar()
        if stored is not None:
            return OpResult.model_validate_json(stored)  # a replay: the same answer
        if op.device_seq > device.last_device_seq + 1:
            return _Gap(device.last_device_seq + 1)
        if op.device_seq <= device.last_device_seq:
            return _result(
                op,
                "rejected",
                code="stale_seq",
                message=f"device_seq {op.device_seq} was already used by another op "
                f"(last {device.last_device_seq})",
            )
        if refusal is not None:
            outcome = _result(op, "rejected", code="bad_request", message=refusal)
            return _finish(session, who, op, device, outcome, now)
        if op.op_type is OpType.ATTACHMENT_ADD:
            waiting = _blob_waiting(session, store, op)
            if waiting is not None:
                return waiting
        row = session.execute(
            lock(session, select(CaseRow).where(CaseRow.id == op.entity_id))
        ).scalar()
        before = case_from_json(json.loads(row.doc)) if row is not None else None
        result = _decide(session, who, ctx, op, row, before)
        if isinstance(result, tuple):
            applied, status = result
            version = _store_change(session, op, before, applied, now)
            outcome = _result(
                op,
                status,
                version=version,
                conflict_ids=[c.id for c in applied.conflicts],
                fields=_fields(op, applied, status),
            )
        else:
            outcome = result
        return _finish(session, who, op, device, outcome, now)


def _finish(
    session: Session, who: Caller, op: Operation, device: Device, outcome: OpResult, now: datetime
) -> OpResult:
    session.add(
        ProcessedOp(
            device_id=who.device_id,
            op_id=op.op_id,
            device_seq=op.device_seq,
            op_type=op.op_type.value,
            case_id=op.entity_id,
            result=outcome.model_dump_json(),
            at=iso(now),
        )
    )
    # rejected and conflict advance the sequence too: one bad op never wedges the queue.
    device.last_device_seq = op.device_seq
    return outcome


def _decide(
    session: Session,
    who: Caller,
    ctx: ApplyContext,
    op: Operation,
    row: CaseRow | None,
    before: Case | None,
) -> tuple[Applied, str] | OpResult:
    if row is not None and not who.sees_everything:
        in_scope = session.execute(
            select(CaseScope.office).where(
                CaseScope.case_id == row.id, CaseScope.office == op.office
            )
        ).scalar()
        if in_scope is None:
            return _result(
                op,
                "rejected",
                code="not_permitted",
                message=f"{op.office} may not change this case",
            )
    if (before is None and op.op_type is OpType.CASE_CREATE) or (
        before is not None and op.op_type is OpType.CASE_RENUMBER
    ):
        refused = _check_new_number(session, op)
        if refused is not None:
            return refused
    try:
        outcome = apply(before, op, ctx)
    except Exception as error:  # a domain bug must not wedge a device's queue
        log.exception("apply failed on op %s", op.op_id)
        return _result(op, "rejected", code="invalid", message=f"cannot apply this op: {error}")
    if not isinstance(outcome, Applied):
        return _result(op, "rejected", code=outcome.code, message=outcome.message)
    if outcome.conflicts:
        status = "conflict"
    elif before is not None and before.version > op.base_version and not outcome.noop:
        status = "merged"
    else:
        status = "applied"
    return outcome, status


def _check_new_number(session: Session, op: Operation) -> OpResult | None:
    """The register number a create or a renumber gives its case: ours, in range, unused.

    A renumber's number was drawn from a block leased to the device, so the lease already
    raised the office's floor above it.
    """
    try:
        number = RegisterNumber.parse(str(op.data.get("register_no") or ""))
    except DomainError:
        return None  # apply() refuses it with the domain's own words
    if number.office != op.office:
        return _result(
            op,
            "rejected",
            code="not_permitted",
            message=f"register number {number} belongs to office {number.office}",
        )
    if number.seq > MAX_NUMBER:
        return _result(
            op, "rejected", code="invalid", message=f"register number {number} is out of range"
        )
    if number.provisional:
        return None
    taken = session.execute(
        select(CaseRow.id).where(CaseRow.register_key == str(number), CaseRow.id != op.entity_id)
    ).scalar()
    if taken is not None:
        return _result(
            op,
            "rejected",
            code="duplicate_number",
            message=f"register number {number} is already used by another case",
        )
    return None


def _blob_waiting(session: Session, store: BlobStore, op: Operation) -> OpResult | None:
    sha = str(op.data.get("sha256") or "").lower()
    if len(sha) != 64:
        return None  # malformed: apply() rejects it
    blob = store.complete_size(session, sha)
    if blob is None:
        return _result(
            op,
            "deferred",
            code="blob_incomplete",
            message=f"the file {sha[:12]}… is not completely uploaded yet",
        )
    size = op.data.get("size")
    if isinstance(size, int) and size != blob:
        return _result(
            op,
            "rejected",
            code="invalid",
            message=f"size {size} differs from the uploaded file ({blob} bytes)",
        )
    return None


def _fields(op: Operation, applied: Applied, status: str) -> list[str]:
    if status == "conflict":
        return [c.field for c in applied.conflicts]
    if status == "merged":
        changes = op.data.get("changes")
        return sorted(changes) if isinstance(changes, dict) else []
    return []


def _result(op: Operation, status: str, **values: Any) -> OpResult:
    return OpResult.model_validate(
        {"op_id": op.op_id, "device_seq": op.device_seq, "status": status, **values}
    )


# --------------------------------------------------------------------------- writing


def _scrub(case: Case) -> Case:
    # Defence in depth: the domain already refuses it, but an anonymous reporter's identity
    # must never reach the server's tables whatever a client sends.
    if case.anonymous and case.reporter is not None:
        return case.evolve(reporter=None)
    return case


def _store_change(
    session: Session,
    op: Operation,
    before: Case | None,
    applied: Applied,
    now: datetime,
) -> int:
    """Write what an applied op changed; returns the case's version afterwards."""
    case = _scrub(applied.case)
    changed = before is None or case != before
    if before is not None and changed and case.version <= before.version:
        case = case.evolve(version=before.version + 1)  # every stored change has its version
    events = _new_events(session, applied.events)
    if not changed and not events:
        return case.version  # a no-op: nothing to tell anyone
    seq = next_counter(session, CHANGE_COUNTER)
    if changed:
        doc = case_to_json(case)
        text = json.dumps(doc, ensure_ascii=False)
        number = RegisterNumber.parse(case.register_no)
        values: dict[str, Any] = {
            "register_no": case.register_no,
            "register_key": None if number.provisional else case.register_no,
            "holder_office": case.holder_office,
            "origin_office": case.origin_office,
            "confidential": case.confidential,
            "version": case.version,
            "received_at": iso(case.received_at),
            "bucket": bucket_of(iso(case.received_at)),
            "doc": text,
        }
        if before is None:
            session.add(CaseRow(id=case.id, **values))
            if not number.provisional:
                raise_floor(session, f"register:{number.office}", number.year, number.seq)
        else:
            row = session.get(CaseRow, case.id)
            assert row is not None
            for key, value in values.items():
                setattr(row, key, value)
        session.flush()
        session.add(
            CaseVersion(
                case_id=case.id,
                version=case.version,
                doc=text,
                op_id=op.op_id,
                device_id=op.device_id,
                actor=op.actor,
                office=op.office,
                at=iso(op.at),
            )
        )
        if case.conflicts or (before is not None and before.conflicts):
            _index_conflicts(session, case)
        _index_attachments(session, case)
    if events:
        session.execute(
            insert(CaseEvent),
            [
                {
                    "id": e.id,
                    "case_id": e.case_id,
                    "change_seq": seq,
                    "doc": json.dumps(event_json(e), ensure_ascii=False, default=str),
                }
                for e in events
            ],
        )
    session.add(ChangeLog(seq=seq, case_id=case.id, version=case.version, at=iso(now)))
    session.flush()
    previous = set(
        session.execute(select(CaseScope.office).where(CaseScope.case_id == case.id)).scalars()
    )
    current = scope_of(case)
    if previous != current:
        session.execute(delete(CaseScope).where(CaseScope.case_id == case.id))
        session.execute(
            insert(CaseScope), [{"case_id": case.id, "office": o} for o in sorted(current)]
        )
    rows = [{"seq": seq, "office": o, "visible": True} for o in sorted(current)]
    rows += [{"seq": seq, "office": o, "visible": False} for o in sorted(previous - current)]
    session.execute(insert(ChangeScope), rows)
    return case.version


def event_json(event: TimelineEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "case_id": event.case_id,
        "kind": event.kind,
        "at": iso(event.at),
        "actor": event.actor,
        "office": event.office,
        "device_id": event.device_id,
        "op_id": event.op_id,
        "summary": event.summary,
        "data": event.data,
    }


def _new_events(session: Session, events: tuple[TimelineEvent, ...]) -> list[TimelineEvent]:
    if not events:
        return []
    known = set(
        session.execute(
            select(CaseEvent.id).where(CaseEvent.id.in_([e.id for e in events]))
        ).scalars()
    )
    return [e for e in events if e.id not in known]


def _index_conflicts(session: Session, case: Case) -> None:
    session.execute(delete(ConflictRow).where(ConflictRow.case_id == case.id))
    if case.conflicts:
        session.execute(
            insert(ConflictRow),
            [
                {"id": c.id, "case_id": case.id, "field": c.field, "status": c.status}
                for c in case.conflicts
            ],
        )


def _index_attachments(session: Session, case: Case) -> None:
    known = set(
        session.execute(
            select(CaseAttachment.sha256).where(CaseAttachment.case_id == case.id)
        ).scalars()
    )
    new = {a.sha256 for a in case.attachments} - known
    if new:
        session.execute(
            insert(CaseAttachment), [{"case_id": case.id, "sha256": s} for s in sorted(new)]
        )
