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

Where each part lives: this module checks the request (refused whole, before anything is
written) and runs the batch, optimistically and then with savepoints; server/push_batch.py is
the batch's loop over its ops, server/push_cases.py what it reads of the cases once,
server/push_changes.py what an applied op changes, server/push_writes.py the rows written.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine

from lapor_desktop.domain.ops import Operation
from server.auth import Caller
from server.blobs import BlobStore
from server.db import read_session, write_session
from server.errors import ApiError
from server.master import rule_context
from server.push_batch import RACES, RETRIES, UNSTORABLE_ERRORS, Batch, Incoming
from server.settings import ServerSettings
from server.storable import INT64_MAX, unstorable
from sync.protocol import OpWire, PushRequest, PushResponse

log = logging.getLogger(__name__)

T = TypeVar("T")

# An op's time is shown in every office's zone (at most a day from UTC): a time that a zone
# would push past year 1 or 9999 cannot be shown there, so it is refused like one that does
# not parse.
EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=1)
LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=1)


def push(
    engine: Engine, settings: ServerSettings, store: BlobStore, who: Caller, body: PushRequest
) -> PushResponse:
    # Every check that refuses the whole request runs before anything is written.
    return apply_checked(engine, settings, store, who, check_request(settings, who, body))


def check_request(settings: ServerSettings, who: Caller, body: PushRequest) -> list[Incoming]:
    """The request's ops in device_seq order, or ApiError refusing it whole (nothing written).

    Apart from `apply_checked` so that an imported outbox file (server/outbox_import.py) is
    checked completely, every batch of it, before anything of it is stored.
    """
    if body.device_id != who.device_id:
        raise ApiError(403, "forbidden", "device_id is not the device of this token")
    if len(body.ops) > settings.limits.max_ops:
        raise ApiError(413, "too_large", f"at most {settings.limits.max_ops} ops per push")
    ops = sorted((_operation(wire, who) for wire in body.ops), key=lambda i: i.op.device_seq)
    _refuse_twins(ops)
    return ops


def _refuse_twins(ops: list[Incoming]) -> None:
    # Answers name ops by device_seq and results are stored by op_id: two ops sharing either
    # would get one answer between them (or a stale_seq one stored for the second), which no
    # client sends and none could read back.
    for name, values in (
        ("op_id", [i.op.op_id for i in ops]),
        ("device_seq", [str(i.op.device_seq) for i in ops]),
    ):
        twice = [value for value, n in Counter(values).items() if n > 1]
        if twice:
            raise ApiError(
                400, "bad_request", f"ops[].{name}: {twice[0]} names more than one op of this push"
            )


def apply_checked(
    engine: Engine, settings: ServerSettings, store: BlobStore, who: Caller, ops: list[Incoming]
) -> PushResponse:
    """Run checked ops as one push batch (see the module docstring); committed on return."""
    with read_session(engine) as session:
        ctx = rule_context(session, who.tz, who.role)

    def batch(savepoints: bool) -> PushResponse:
        with write_session(engine) as session:
            response = Batch(session, settings, store, who, ctx, savepoints).run(ops)
        return response  # committed: only now may the device learn the results

    # First without savepoints (two statements less per op). An op the database refuses, or
    # a race, rolls that whole transaction back, nothing of it stored: the batch runs again
    # with a savepoint per op, where such an op is rolled back alone and answered on its own.
    try:
        return batch(savepoints=False)
    except (*UNSTORABLE_ERRORS, *RACES):
        log.info("push of %s: an op failed, running the batch op by op", who.device_id)
    # A race the ops' own retries did not absorb (at BEGIN, the final writes or the commit)
    # rolled the whole transaction back: nothing of it was stored, so it is run again.
    return _with_retries(lambda: batch(savepoints=True))


def _operation(wire: OpWire, who: Caller) -> Incoming:
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
    if not 0 <= wire.base_version <= INT64_MAX:
        raise ApiError(400, "bad_request", f"op {wire.op_id}: base_version out of range")
    if wire.device_seq > INT64_MAX:
        raise ApiError(400, "bad_request", f"op {wire.op_id}: device_seq out of range")
    try:
        op = Operation.from_json(wire.model_dump())
    except OverflowError:
        # Valid ISO text whose zone takes it past what a datetime holds.
        raise ApiError(400, "bad_request", f"op {wire.op_id}: at is out of range") from None
    except (KeyError, TypeError, ValueError) as error:
        # An unknown op_type or a timestamp that does not parse: the body does not validate.
        raise ApiError(400, "bad_request", f"op {wire.op_id}: {error}") from None
    if not EARLIEST <= op.at <= LATEST:
        raise ApiError(400, "bad_request", f"op {wire.op_id}: at is out of range")
    return Incoming(op, unstorable([wire.actor, wire.data]))


def _with_retries(work: Callable[[], T]) -> T:
    for attempt in range(RETRIES):
        try:
            return work()
        except RACES:
            if attempt == RETRIES - 1:
                raise
            log.warning("retrying after a concurrent write", exc_info=True)
    raise AssertionError("unreachable")
