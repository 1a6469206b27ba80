"""One push request's transaction, op by op (server/push.py runs it, once or twice).

The loop over the batch's ops in device_seq order: a stored result answers a replay again,
a sequence already used is rejected as stale and a gap stops the batch (the device resends
from `expected_seq`). Each other op is decided (scope, register number, a file still being
uploaded, apply()) and its change collected (server/push_changes.py): in the optimistic run
all are written at the end, in the other run each inside its own savepoint, retried after a
race and recorded as a rejection when the database refuses its content. What every op shares
(processed_op rows, the device's last_device_seq, the change counter, number floors) is
written once before the commit. The cases the ops read live in server/push_cases.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from lapor_desktop.domain.apply import Applied, ApplyContext, apply, in_scope
from lapor_desktop.domain.case import TimelineEvent
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import Operation, OpType, iso
from server.auth import Caller
from server.blobs import BlobStore
from server.db import is_sqlite
from server.numbers import MAX_NUMBER, raise_floor
from server.push_cases import BatchCases, CaseState
from server.push_changes import Done, store_change
from server.push_writes import Writes
from server.settings import ServerSettings
from server.storable import INT64_MAX
from server.tables import CaseEvent, Counter, Device, ProcessedOp
from sync.protocol import OpResult, PushResponse

log = logging.getLogger(__name__)

CHANGE_COUNTER = "change"
RETRIES = 3


@dataclass(frozen=True, slots=True)
class Incoming:
    op: Operation
    refusal: str | None  # why its content cannot be stored: a per-op rejection


# What a database refuses to write (beyond our own checks): the op's content is at fault.
UNSTORABLE_ERRORS = (DataError, UnicodeError, OverflowError)
# A concurrent writer won a race (same new case or number, a serialisation failure): the
# work rolled back whole, so running it again is safe.
RACES = (IntegrityError, OperationalError)

# Statements built once: SQLAlchemy then reuses their compiled form on every execution.
_DEVICE_SEQ = select(Device.last_device_seq).where(Device.device_id == bindparam("device_id"))
_STORED = select(ProcessedOp.op_id, ProcessedOp.result).where(
    ProcessedOp.device_id == bindparam("device_id"),
    ProcessedOp.op_id.in_(bindparam("op_ids", expanding=True)),
)
_COUNTER = select(Counter.value).where(Counter.name == CHANGE_COUNTER)
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


@dataclass
class Batch:
    """One push request's transaction: what it read once, and what it writes at the end."""

    session: Session
    settings: ServerSettings
    store: BlobStore
    who: Caller
    ctx: ApplyContext
    savepoints: bool  # False: the first, optimistic run (see server/push.py)
    conn: Connection = field(init=False)
    row_locks: bool = field(init=False)
    last_seq: int = field(init=False)  # the device's last_device_seq, as this batch left it
    stored: dict[str, str] = field(init=False, default_factory=dict)  # op_id -> result JSON
    known: BatchCases = field(init=False)  # the cases the ops name (see push_cases)
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

    def __post_init__(self) -> None:
        self.conn = self.session.connection()
        self.row_locks = not is_sqlite(self.conn.engine)  # SQLite: BEGIN IMMEDIATE locks all
        self.known = BatchCases(self.conn, self.row_locks)

    def _locked(self, stmt: Any) -> Any:
        return stmt.with_for_update() if self.row_locks else stmt

    def run(self, ops: list[Incoming]) -> PushResponse:
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

    def _one(self, incoming: Incoming, now: datetime) -> OpResult:
        op = incoming.op
        self._lock_counter()
        try:
            done = self._attempts(op, incoming.refusal, now)
        except UNSTORABLE_ERRORS as error:
            if incoming.refusal is not None or not self.savepoints:
                raise  # the rejection itself could not be written: a server fault, not the op's
            # Content our checks let through and the database refused: the op's savepoint
            # rolled back whole; record its rejection instead, so the queue moves on.
            log.warning("op %s holds a value the database cannot store: %s", op.op_id, error)
            done = self._attempts(op, "a value in this op cannot be stored", now)
        self._keep(op, done, now)
        return done.outcome

    def _attempts(self, op: Operation, refusal: str | None, now: datetime) -> Done:
        if not self.savepoints:
            return self._process(
                op, refusal, self.known.case(op.entity_id), now
            )  # flushed at the end
        for attempt in range(RETRIES):
            state = self.known.case(op.entity_id)
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
            except RACES:
                # Rolled back to the op's savepoint: read the case afresh and run it again.
                if attempt == RETRIES - 1:
                    raise
                log.warning("retrying an op after a concurrent write", exc_info=True)
                self.known.cases.pop(op.entity_id, None)
        raise AssertionError("unreachable")

    def _keep(self, op: Operation, done: Done, now: datetime) -> None:
        """The op's savepoint is released: its effects become the batch's state."""
        if done.state is not None:
            self.known.cases[op.entity_id] = done.state
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
        # Taken before any case row (see server/push.py), outside every savepoint.
        if self.seq is not None:
            return
        value = self.conn.execute(self._locked(_COUNTER)).scalar()
        if value is None:
            raise RuntimeError(f"counter {CHANGE_COUNTER!r} missing: run `lapor-server init`")
        self.seq = self.counter_start = int(value)
        self.known.prefetch(self.fresh)

    def _process(self, op: Operation, refusal: str | None, state: CaseState, now: datetime) -> Done:
        if refusal is not None:
            return Done(_result(op, "rejected", code="bad_request", message=refusal), True)
        if op.op_type is OpType.ATTACHMENT_ADD:
            waiting = _blob_waiting(self.session, self.store, op)
            if waiting is not None:
                # Deferred waits (the sequence stays); a size that contradicts the uploaded
                # file is final and recorded like any rejection, or the queue would wedge.
                return Done(waiting, waiting.status != "deferred")
        result = self._decide(op, state)
        if not isinstance(result, tuple):
            return Done(result, True)
        applied, status = result
        done = self._store_change(op, state, applied, now)
        version = done.state.version if done.state else 0
        if version > INT64_MAX:
            # Past what the version column holds: the database would refuse the write, but the
            # optimistic run writes at the end, after this answer (which cannot carry it either)
            # is built; refused as the database would, so its op is rejected alone.
            raise OverflowError(f"version {version} does not fit 64 bits")
        done.outcome = _result(
            op,
            status,
            version=version,
            conflict_ids=[c.id for c in applied.conflicts],
            fields=_fields(op, applied, status),
        )
        return done

    def _decide(self, op: Operation, state: CaseState) -> tuple[Applied, str] | OpResult:
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
        once (push_cases); cases written by this batch may not be rows yet (the optimistic
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
            found = self.known.key_holders.get(key)  # as stored before the batch
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
        self, op: Operation, state: CaseState, applied: Applied, now: datetime
    ) -> Done:
        """Collect what an applied op changed (see push_changes); the case afterwards."""
        return store_change(
            self.writes, self.seq, op, state, applied, self._new_events(applied.events), now
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
