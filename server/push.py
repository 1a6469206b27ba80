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
from collections.abc import Callable
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
from server.storable import unstorable
from sync.protocol import OpWire, PushRequest, PushResponse

log = logging.getLogger(__name__)

T = TypeVar("T")


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
    return sorted((_operation(wire, who) for wire in body.ops), key=lambda i: i.op.device_seq)


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
    try:
        op = Operation.from_json(wire.model_dump())
    except (KeyError, TypeError, ValueError) as error:
        # An unknown op_type or a timestamp that does not parse: the body does not validate.
        raise ApiError(400, "bad_request", f"op {wire.op_id}: {error}") from None
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
