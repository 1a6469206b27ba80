"""Pushed operations, in device_seq order (docs/sync.md, the server).

One database transaction per push request, a savepoint per op: an op that fails rolls back to
its savepoint alone (and gets its rejection recorded instead), and the response goes out only
after the one commit, so a stored result always travels with its op's effects (exactly once).
One commit per request instead of one per op is what makes a push fast: on SQLite each commit
is an fsync (`synchronous = FULL`, kept: a stored result must survive a power cut).

The batch first runs without savepoints, since ops the database refuses are rare; when one
is refused, that transaction rolls back whole (nothing stored, nothing answered) and the batch
runs again with a savepoint per op.

Locks, taken in this order so two pushes can never deadlock: the device row (for the batch),
the change counter (from the first op that is not a replay until commit: writers of changes
are serialised, so a reader's cursor never skips a lower sequence that commits later), then
each case row the batch touches (outside any savepoint, so an op rolled back to its savepoint
cannot release a lock that later ops of the batch rely on), then number floors at the end.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import orjson
from sqlalchemy import BindParameter, Connection, Engine, bindparam, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from lapor_desktop.domain.apply import Applied, ApplyContext, apply, in_scope
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_from_json, case_to_json
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import Operation, OpType, iso
from server.auth import Caller
from server.blobs import BlobStore
from server.db import is_sqlite, read_session, write_session
from server.errors import ApiError
from server.master import rule_context
from server.numbers import MAX_NUMBER, raise_floor
from server.push_writes import Writes
from server.scope import scope_of
from server.settings import ServerSettings
from server.storable import unstorable
from server.tables import (
    CaseAttachment,
    CaseEvent,
    CaseRow,
    CaseScope,
    Counter,
    Device,
    ProcessedOp,
)
from sync.protocol import OpResult, OpWire, PushRequest, PushResponse, bucket_of

log = logging.getLogger(__name__)

CHANGE_COUNTER = "change"
_RETRIES = 3

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Incoming:
    op: Operation
    refusal: str | None  # why its content cannot be stored: a per-op rejection


@dataclass(slots=True)
class _CaseState:
    """A case as this batch last left it: its stored document and its index rows.

    A document just written is decoded only when a later op of the batch needs it (the
    case's last write in a batch never is): `doc` holds it parsed until then.
    """

    decoded: Case | None  # None: no row yet (or not decoded yet: see doc)
    scope: frozenset[str]  # the case_scope rows
    attachments: frozenset[str]  # the case_attachment rows
    doc: dict[str, Any] | None = None  # the stored document, parsed, not yet decoded
    version: int = 0  # the stored case's version

    @property
    def case(self) -> Case | None:
        if self.doc is not None:
            self.decoded, self.doc = case_from_json(self.doc), None
        return self.decoded


@dataclass(slots=True)
class _Done:
    """What one op's savepoint wrote, applied to the batch's memory once it is released."""

    outcome: OpResult
    record: bool  # a processed_op row, and last_device_seq advances
    state: _CaseState | None = None  # the case afterwards, when the op wrote it
    seq: int | None = None  # the change sequence it used
    floor: tuple[str, int, int] | None = None  # (register, year, number) to raise the floor to
    register_key: tuple[str | None] | None = None  # (the case's register key,) when written
    event_ids: tuple[str, ...] = ()  # the events it wrote


_PLACEHOLDER = OpResult(device_seq=0, status="applied")

# What a database refuses to write (beyond our own checks): the op's content is at fault.
_UNSTORABLE_ERRORS = (DataError, UnicodeError, OverflowError)
# A concurrent writer won a race (same new case or number, a serialisation failure): the
# work rolled back whole, so running it again is safe.
_RACES = (IntegrityError, OperationalError)

# Statements built once: SQLAlchemy then reuses their compiled form on every execution.
_DEVICE_SEQ = select(Device.last_device_seq).where(Device.device_id == bindparam("device_id"))
_STORED = select(ProcessedOp.op_id, ProcessedOp.result).where(
    ProcessedOp.device_id == bindparam("device_id"),
    ProcessedOp.op_id.in_(bindparam("op_ids", expanding=True)),
)
_COUNTER = select(Counter.value).where(Counter.name == CHANGE_COUNTER)
_CASE_DOC = select(CaseRow.doc).where(CaseRow.id == bindparam("case_id"))
_CASE_SCOPE = select(CaseScope.office).where(CaseScope.case_id == bindparam("case_id"))
_CASE_ATTACHMENTS = select(CaseAttachment.sha256).where(
    CaseAttachment.case_id == bindparam("case_id")
)
# What the batch's ops will read, once per batch: each op reading its own cost ~3 statements.
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_CASE_DOCS = select(CaseRow.id, CaseRow.doc).where(CaseRow.id.in_(_IDS))
_CASE_SCOPES = select(CaseScope.case_id, CaseScope.office).where(CaseScope.case_id.in_(_IDS))
_CASE_FILES = select(CaseAttachment.case_id, CaseAttachment.sha256).where(
    CaseAttachment.case_id.in_(_IDS)
)
_KEY_HOLDERS = select(CaseRow.register_key, CaseRow.id).where(CaseRow.register_key.in_(_IDS))
# One id per query: an op has one or two events, and an expanding IN renders its SQL anew on
# every execution (measured: it cost more than the rest of the op's reads together).
_KNOWN_EVENT = select(CaseEvent.id).where(CaseEvent.id == bindparam("id"))
_INSERT_PROCESSED = insert(ProcessedOp)
_UPDATE_DEVICE = (
    update(Device)
    .where(Device.device_id == bindparam("b_device_id"))
    .values(last_device_seq=bindparam("b_last"))
)
_UPDATE_COUNTER = (
    update(Counter).where(Counter.name == CHANGE_COUNTER).values(value=bindparam("b_value"))
)


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

    def batch(savepoints: bool) -> PushResponse:
        with write_session(engine) as session:
            response = _Batch(session, settings, store, who, ctx, savepoints).run(ops)
        return response  # committed: only now may the device learn the results

    # First without savepoints (two statements less per op). An op the database refuses, or
    # a race, rolls that whole transaction back, nothing of it stored: the batch runs again
    # with a savepoint per op, where such an op is rolled back alone and answered on its own.
    try:
        return batch(savepoints=False)
    except (*_UNSTORABLE_ERRORS, *_RACES):
        log.info("push of %s: an op failed, running the batch op by op", who.device_id)
    # A race the ops' own retries did not absorb (at BEGIN, the final writes or the commit)
    # rolled the whole transaction back: nothing of it was stored, so it is run again.
    return _with_retries(lambda: batch(savepoints=True))


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


def _with_retries(work: Callable[[], T]) -> T:
    for attempt in range(_RETRIES):
        try:
            return work()
        except _RACES:
            if attempt == _RETRIES - 1:
                raise
            log.warning("retrying after a concurrent write", exc_info=True)
    raise AssertionError("unreachable")


@dataclass
class _Batch:
    """One push request's transaction: what it read once, and what it writes at the end."""

    session: Session
    settings: ServerSettings
    store: BlobStore
    who: Caller
    ctx: ApplyContext
    savepoints: bool  # False: the first, optimistic run (see push())
    conn: Connection = field(init=False)
    row_locks: bool = field(init=False)
    last_seq: int = field(init=False)  # the device's last_device_seq, as this batch left it
    stored: dict[str, str] = field(init=False, default_factory=dict)  # op_id -> result JSON
    cases: dict[str, _CaseState] = field(init=False, default_factory=dict)
    seq: int | None = field(init=False, default=None)  # the change counter, once locked
    counter_start: int = field(init=False, default=0)
    floors: dict[tuple[str, int], int] = field(init=False, default_factory=dict)
    processed: list[dict[str, Any]] = field(init=False, default_factory=list)
    writes: Writes = field(init=False, default_factory=Writes)
    # What this batch wrote that later ops check against before it is flushed (the optimistic
    # run flushes once, at the end): the events' ids, and each written case's register key.
    event_ids: set[str] = field(init=False, default_factory=set)
    keys: dict[str, str | None] = field(init=False, default_factory=dict)  # case id -> key
    key_owner: dict[str, str] = field(init=False, default_factory=dict)  # key -> case id
    fresh: list[Operation] = field(init=False, default_factory=list)  # the ops not replayed
    # Read once for the whole batch (see _prefetch): as stored before the batch began.
    docs: dict[str, str] = field(init=False, default_factory=dict)
    scopes: dict[str, set[str]] = field(init=False, default_factory=dict)
    files: dict[str, set[str]] = field(init=False, default_factory=dict)
    key_holders: dict[str, str] = field(init=False, default_factory=dict)  # key -> case id
    absent: set[str] = field(init=False, default_factory=set)  # named, but no row yet

    def __post_init__(self) -> None:
        self.conn = self.session.connection()
        self.row_locks = not is_sqlite(self.conn.engine)  # SQLite: BEGIN IMMEDIATE locks all

    def _locked(self, stmt: Any) -> Any:
        return stmt.with_for_update() if self.row_locks else stmt

    def run(self, ops: list[_Incoming]) -> PushResponse:
        device_id = self.who.device_id
        self.last_seq = int(
            self.conn.execute(self._locked(_DEVICE_SEQ), {"device_id": device_id}).scalar_one()
        )
        ids = sorted({i.op.op_id for i in ops})
        if ids:
            found = self.conn.execute(_STORED, {"device_id": device_id, "op_ids": ids})
            self.stored = {str(op_id): str(result) for op_id, result in found.tuples()}
        self.fresh = [i.op for i in ops if i.op.op_id not in self.stored]
        now = self.settings.clock()
        results: list[OpResult] = []
        expected: int | None = None
        for incoming in ops:
            op = incoming.op
            stored = self.stored.get(op.op_id)
            if stored is not None:
                results.append(OpResult.model_validate_json(stored))  # a replay: the same answer
                continue
            if op.device_seq > self.last_seq + 1:
                expected = self.last_seq + 1
                break
            if op.device_seq <= self.last_seq:
                results.append(
                    _result(
                        op,
                        "rejected",
                        code="stale_seq",
                        message=f"device_seq {op.device_seq} was already used by another op "
                        f"(last {self.last_seq})",
                    )
                )
                continue
            outcome = self._one(incoming, now)
            results.append(outcome)
            if outcome.status == "deferred":
                break  # the sequence does not advance past an op that is still waiting
        self._write_batch()
        return PushResponse.of(results, expected_seq=expected, last_device_seq=self.last_seq)

    # ------------------------------------------------------------------ one op

    def _one(self, incoming: _Incoming, now: datetime) -> OpResult:
        op = incoming.op
        self._lock_counter()
        try:
            done = self._attempts(op, incoming.refusal, now)
        except _UNSTORABLE_ERRORS as error:
            if incoming.refusal is not None or not self.savepoints:
                raise  # the rejection itself could not be written: a server fault, not the op's
            # Content our checks let through and the database refused: the op's savepoint
            # rolled back whole; record its rejection instead, so the queue moves on.
            log.warning("op %s holds a value the database cannot store: %s", op.op_id, error)
            done = self._attempts(op, "a value in this op cannot be stored", now)
        self._keep(op, done, now)
        return done.outcome

    def _attempts(self, op: Operation, refusal: str | None, now: datetime) -> _Done:
        if not self.savepoints:
            return self._process(op, refusal, self._case(op.entity_id), now)  # flushed at the end
        for attempt in range(_RETRIES):
            state = self._case(op.entity_id)
            try:
                # The connection's own savepoint: the Session's would only begin one once
                # asked for its connection, which the batch holds already.
                with self.conn.begin_nested():
                    try:
                        done = self._process(op, refusal, state, now)
                    except BaseException:
                        self.writes.clear()  # rolled back with the savepoint
                        raise
                    self.writes.flush(self.conn)  # inside the op's savepoint
                    return done
            except _RACES:
                # Rolled back to the op's savepoint: read the case afresh and run it again.
                if attempt == _RETRIES - 1:
                    raise
                log.warning("retrying an op after a concurrent write", exc_info=True)
                self.cases.pop(op.entity_id, None)
        raise AssertionError("unreachable")

    def _keep(self, op: Operation, done: _Done, now: datetime) -> None:
        """The op's savepoint is released: its effects become the batch's state."""
        if done.state is not None:
            self.cases[op.entity_id] = done.state
        if done.seq is not None:
            self.seq = done.seq
        if done.floor is not None:
            register, year, number = done.floor
            key = (register, year)
            self.floors[key] = max(self.floors.get(key, 0), number)
        self.event_ids.update(done.event_ids)
        if done.register_key is not None:
            (register_key,) = done.register_key
            old = self.keys.get(op.entity_id)
            if old is not None and self.key_owner.get(old) == op.entity_id:
                del self.key_owner[old]
            self.keys[op.entity_id] = register_key
            if register_key is not None:
                self.key_owner[register_key] = op.entity_id
        if not done.record:
            return
        result = done.outcome.model_dump_json()
        self.processed.append(
            {
                "device_id": self.who.device_id,
                "op_id": op.op_id,
                "device_seq": op.device_seq,
                "op_type": op.op_type.value,
                "case_id": op.entity_id,
                "result": result,
                "at": iso(now),
            }
        )
        self.stored[op.op_id] = result
        # rejected and conflict advance the sequence too: one bad op never wedges the queue.
        self.last_seq = op.device_seq

    def _lock_counter(self) -> None:
        # Taken before any case row (see the module's docstring), outside every savepoint.
        if self.seq is not None:
            return
        value = self.conn.execute(self._locked(_COUNTER)).scalar()
        if value is None:
            raise RuntimeError(f"counter {CHANGE_COUNTER!r} missing: run `lapor-server init`")
        self.seq = self.counter_start = int(value)
        self._prefetch()

    def _prefetch(self) -> None:
        """Read (and lock) every case the batch's ops name, and who holds their new numbers,
        in a few statements for the whole batch; ops read it from memory (_case)."""
        ids = sorted({op.entity_id for op in self.fresh})
        keys: set[str] = set()
        for op in self.fresh:
            if op.op_type in (OpType.CASE_CREATE, OpType.CASE_RENUMBER):
                try:
                    number = RegisterNumber.parse(str(op.data.get("register_no") or ""))
                except DomainError:
                    continue
                if not number.provisional:
                    keys.add(str(number))
        for part in _chunks(ids):
            params = {"ids": part}
            found = self.conn.execute(self._locked(_CASE_DOCS), params).tuples()
            self.docs.update({str(i): str(doc) for i, doc in found})
            self.absent.update(i for i in part if i not in self.docs)
            for case_id, office in self.conn.execute(_CASE_SCOPES, params).tuples():
                self.scopes.setdefault(case_id, set()).add(office)
            for case_id, sha in self.conn.execute(_CASE_FILES, params).tuples():
                self.files.setdefault(case_id, set()).add(sha)
        for part in _chunks(sorted(keys)):
            found = self.conn.execute(_KEY_HOLDERS, {"ids": part}).tuples()
            self.key_holders.update({str(key): str(i) for key, i in found})

    def _case(self, case_id: str) -> _CaseState:
        """The case as the batch knows it: as stored before the batch (read by _prefetch, or
        now when an op must read it afresh), or as the batch's last op of it left it."""
        known = self.cases.get(case_id)
        if known is not None:
            return known
        # Each prefetched row serves once: an op retried after a race reads the row again.
        if case_id in self.docs:
            case = case_from_json(json.loads(self.docs.pop(case_id)))
            state = _CaseState(
                case,
                frozenset(self.scopes.get(case_id, ())),
                frozenset(self.files.get(case_id, ())),
                version=case.version,
            )
            self.cases[case_id] = state
            return state
        if case_id in self.absent:
            self.absent.discard(case_id)
            state = _CaseState(None, frozenset(), frozenset())
            self.cases[case_id] = state
            return state
        params = {"case_id": case_id}
        doc = self.conn.execute(self._locked(_CASE_DOC), params).scalar()
        if doc is None:
            state = _CaseState(None, frozenset(), frozenset())
        else:
            case = case_from_json(json.loads(doc))
            state = _CaseState(
                case,
                frozenset(self.conn.execute(_CASE_SCOPE, params).scalars()),
                frozenset(self.conn.execute(_CASE_ATTACHMENTS, params).scalars()),
                version=case.version,
            )
        self.cases[case_id] = state
        return state

    def _process(
        self, op: Operation, refusal: str | None, state: _CaseState, now: datetime
    ) -> _Done:
        if refusal is not None:
            return _Done(_result(op, "rejected", code="bad_request", message=refusal), True)
        if op.op_type is OpType.ATTACHMENT_ADD:
            waiting = _blob_waiting(self.session, self.store, op)
            if waiting is not None:
                # Deferred waits (the sequence stays); a size that contradicts the uploaded
                # file is final and recorded like any rejection, or the queue would wedge.
                return _Done(waiting, waiting.status != "deferred")
        result = self._decide(op, state)
        if not isinstance(result, tuple):
            return _Done(result, True)
        applied, status = result
        done = self._store_change(op, state, applied, now)
        version = done.state.version if done.state else 0
        done.outcome = _result(
            op,
            status,
            version=version,
            conflict_ids=[c.id for c in applied.conflicts],
            fields=_fields(op, applied, status),
        )
        return done

    def _decide(self, op: Operation, state: _CaseState) -> tuple[Applied, str] | OpResult:
        before = state.case
        if (
            before is not None
            and not self.who.sees_everything
            and op.office not in state.scope
            # An office that held the case (registered or disposed it) may still send what it
            # did offline: apply() turns its field edits into conflicts for the holder and
            # takes its notes, even when the case has since left its view (confidential).
            and not in_scope(before, op.office)
        ):
            return _result(
                op,
                "rejected",
                code="not_permitted",
                message=f"{op.office} may not change this case",
            )
        if (before is None and op.op_type is OpType.CASE_CREATE) or (
            before is not None and op.op_type is OpType.CASE_RENUMBER
        ):
            refused = self._check_new_number(op)
            if refused is not None:
                return refused
        try:
            outcome = apply(before, op, self.ctx)
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

    def _check_new_number(self, op: Operation) -> OpResult | None:
        """The register number a create or a renumber gives its case: ours, in range, unused.

        A renumber's number was drawn from a block leased to the device, so the lease already
        raised the office's floor above it. Who held each number before the batch was read
        once (_prefetch); cases written by this batch may not be rows yet (the optimistic
        run writes at the end), so their numbers are looked up in memory.
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
        key = str(number)
        owner = self.key_owner.get(key)
        taken = owner is not None and owner != op.entity_id
        if not taken:
            found = self.key_holders.get(key)  # as stored before the batch
            # A case this batch renumbered since holds another key now.
            taken = found is not None and found != op.entity_id and self.keys.get(found, key) == key
        if taken:
            return _result(
                op,
                "rejected",
                code="duplicate_number",
                message=f"register number {number} is already used by another case",
            )
        return None

    # ------------------------------------------------------------------ writing

    def _store_change(
        self, op: Operation, state: _CaseState, applied: Applied, now: datetime
    ) -> _Done:
        """Collect what an applied op changed (see push_writes); the case afterwards."""
        before = state.case
        case = _scrub(applied.case)
        changed = before is None or case != before
        if before is not None and changed and case.version <= before.version:
            case = case.evolve(version=before.version + 1)  # every stored change has its version
        events = self._new_events(applied.events)
        placeholder = _PLACEHOLDER  # replaced by the caller, which knows the status
        if not changed and not events:
            # A no-op: nothing to tell anyone.
            return _Done(placeholder, True, state=state)
        assert self.seq is not None  # locked before the op began
        seq = self.seq + 1
        writes = self.writes
        floor: tuple[str, int, int] | None = None
        register_key: tuple[str | None] | None = None
        attachments = state.attachments
        decoded: dict[str, Any] | None = None
        if changed:
            # The next op of this case in the batch starts from the document as stored,
            # decoded as a fresh read of the row would decode it: the same case the next
            # transaction would have seen when every op had its own.
            text, decoded = _stored_doc(case_to_json(case))
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
            if before is None and not number.provisional:
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
                "doc": json.dumps(event_json(e), ensure_ascii=False, default=str),
            }
            for e in events
        )
        writes.changes.append(
            {"seq": seq, "case_id": case.id, "version": case.version, "at": iso(now)}
        )
        previous = state.scope
        current = frozenset(scope_of(case))
        writes.scope(case.id, previous, current)
        writes.change_scopes.extend(
            {"seq": seq, "office": o, "visible": True} for o in sorted(current)
        )
        writes.change_scopes.extend(
            {"seq": seq, "office": o, "visible": False} for o in sorted(previous - current)
        )
        return _Done(
            placeholder,
            True,
            # Unchanged: the case as it was; changed: the document as stored, decoded if needed.
            state=_CaseState(
                None if changed else before, current, attachments, decoded, case.version
            ),
            seq=seq,
            floor=floor,
            register_key=register_key,
            event_ids=tuple(e.id for e in events),
        )

    def _new_events(self, events: tuple[TimelineEvent, ...]) -> list[TimelineEvent]:
        if not events:
            return []
        fresh = [e for e in events if e.id not in self.event_ids]
        if self.savepoints:
            # The optimistic run does not ask: an event stored before the batch (an op id
            # seen from another device) fails its insert, and the batch runs again here.
            fresh = [
                e for e in fresh if self.conn.execute(_KNOWN_EVENT, {"id": e.id}).first() is None
            ]
        return fresh

    def _write_batch(self) -> None:
        """What every op of the batch shares, written once before the commit."""
        self.writes.flush(self.conn)  # the optimistic run's rows (the other run's are written)
        if self.processed:
            self.conn.execute(_INSERT_PROCESSED, self.processed)
            self.conn.execute(
                _UPDATE_DEVICE, {"b_device_id": self.who.device_id, "b_last": self.last_seq}
            )
        if self.seq is not None and self.seq != self.counter_start:
            self.conn.execute(_UPDATE_COUNTER, {"b_value": self.seq})
        for (register, year), number in sorted(self.floors.items()):
            raise_floor(self.session, register, year, number)


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


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


def _stored_doc(doc: dict[str, Any]) -> tuple[str, Any]:
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


def _scrub(case: Case) -> Case:
    # Defence in depth: the domain already refuses it, but an anonymous reporter's identity
    # must never reach the server's tables whatever a client sends.
    if case.anonymous and case.reporter is not None:
        return case.evolve(reporter=None)
    return case


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
