"""The push phase of a sync run: the outbox sent in batches, and the answers recorded (acks).

Push batches adapt: they start at 100 ops, halve on a timeout or 5xx and double on success,
within [10, 500], the server's `max_ops` and `max_bytes`. A 400 or 413 narrows the batch down
to the op the server refuses, so the error names it. Cancel is honoured between batches only.
Apart from the run's other phases (sync/engine.py) because the batching, the gap handling
(`expected_seq`) and the checks on the server's answers are most of a push's logic.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.sync_store import QueuedOp
from sync import protocol as p
from sync.client import SyncClient
from sync.crash import crash_point
from sync.errors import InvalidResponse, ServerRejected, Unreachable
from sync.report import SyncProgress, SyncReport

MIN_BATCH, START_BATCH, MAX_BATCH = 10, 100, 500
# A JSON array of ops costs a little more than the sum of the ops.
BYTES_HEADROOM = 0.9


@dataclass
class PushPhase:
    """One run's push: what it needs of the run, and the batch sizes it sent."""

    ws: Workspace
    client: SyncClient
    limits: p.Limits  # as the server's hello announced them
    start_batch: int
    emit: Callable[[SyncProgress], None]
    check_cancel: Callable[[], None]
    sleep: Callable[[float], None]
    batch_sizes: list[int]  # what each push sent (diagnostics and tests), appended to

    def run(self, report: SyncReport, total: int) -> None:
        """Send the pending ops, `total` of them when the phase began."""
        ceiling = max(MIN_BATCH, min(MAX_BATCH, self.limits.max_ops))
        batch = max(MIN_BATCH, min(self.start_batch, ceiling))
        byte_budget = int(self.limits.max_bytes * BYTES_HEADROOM)
        resend_from: int | None = None
        last_gap: int | None = None
        failures = 0
        # The next ops, read while the server worked on the last batch (see _send).
        ahead: list[QueuedOp] | None = None
        while True:
            self.check_cancel()
            if ahead is not None:
                queued, ahead = ahead[:batch], None
            else:
                with self.ws.db.read() as uow:
                    queued = uow.sync.outbox.queued(
                        from_seq=resend_from or 0,
                        limit=batch,
                        include_final=resend_from is not None,
                    )
            chosen: list[QueuedOp] = []
            size = 0
            for item in queued:
                cost = len(item.payload.encode()) + 2
                if chosen and size + cost > byte_budget:
                    break
                chosen.append(item)
                size += cost
            if not chosen:
                return
            sent = {q.device_seq: q.op.op_id for q in chosen}
            self.emit(SyncProgress("push", report.sent, total, 0, size))
            try:
                answer, following = self._send(chosen, ceiling)
            except Unreachable:
                # A timeout or 5xx may mean "too much at once" on a bad link: send less.
                failures += 1
                if failures >= self.client.retry.attempts:
                    raise
                batch = max(MIN_BATCH, batch // 2)
                self.sleep(self.client.retry.delay(failures))
                continue
            except ServerRejected as refusal:
                if refusal.status not in (400, 413):
                    raise
                if len(chosen) > 1:
                    # Too big, or one op the server cannot read: narrow down to it, so the
                    # error names the op (nothing was written; the queue stays as it is).
                    batch = max(1, len(chosen) // 2)
                    continue
                op = chosen[0].op
                raise ServerRejected(
                    "/push",
                    refusal.status,
                    refusal.code,
                    f"op {op.device_seq} ({op.op_type.value} on case {op.entity_id}): "
                    f"{refusal.server_message}",
                ) from None
            crash_point("after_push_send")
            self.batch_sizes.append(len(chosen))
            failures = 0
            results = _check_results(answer, sent)
            entities = {q.op.op_id: q.op.entity_id for q in chosen}
            deferred = self._ack(results, entities, report)
            report.sent += len(results)
            self.emit(SyncProgress("push", report.sent, total, size, size))
            if deferred:
                return  # the server's sequence stops at a deferred op; it goes again next run
            if answer.expected_seq is not None:
                if answer.expected_seq == last_gap and not results:
                    raise InvalidResponse("/push", f"the server keeps asking for op {last_gap}")
                last_gap = resend_from = answer.expected_seq
                continue
            if not results:
                raise InvalidResponse("/push", "no result for any op sent")
            resend_from = None
            batch = min(ceiling, batch * 2)
            if len(results) == len(chosen):
                # Every op sent is final now: the pending ops after them are the next batch.
                ahead = following

    def _send(self, chosen: list[QueuedOp], ceiling: int) -> tuple[p.PushResponse, list[QueuedOp]]:
        """Push `chosen`; meanwhile read the pending ops after them, up to `ceiling`.

        The request runs in a worker thread (its wait releases the GIL) while this thread
        reads the outbox: reading and parsing the next batch no longer adds to the time the
        server takes. Only this thread touches the database; the worker only the network.
        The ops' stored text is sent as it is: parsing and encoding each again cost the
        client as much as the rest of its push.
        """
        payloads = [q.payload for q in chosen]
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as pool:
            call = pool.submit(self.client.push_payloads, self.ws.device_id, payloads, 1)
            try:
                with self.ws.db.read() as uow:
                    following = uow.sync.outbox.queued(
                        from_seq=chosen[-1].device_seq + 1, limit=ceiling
                    )
            except BaseException:
                call.cancel()
                raise
            return call.result(), following

    def _ack(
        self, results: list[tuple[str, p.OpResult]], entities: dict[str, str], report: SyncReport
    ) -> bool:
        """Record the answers `(op_id, result)` in one transaction, by op_id; True when one
        was deferred."""
        deferred = False
        finals: list[tuple[str, str, dict[str, Any]]] = []
        versions: list[tuple[str, int]] = []
        with self.ws.db.write() as uow:
            for op_id, result in results:
                if result.status == "deferred":
                    deferred = True
                    report.deferred += 1
                    reason = result.message or result.code or "deferred"
                    uow.sync.outbox.record_deferred(op_id, reason)
                    continue
                finals.append((op_id, result.status, result.model_dump(mode="json")))
                if result.version is not None:
                    versions.append((entities[op_id], result.version))
                if result.status == "applied":
                    report.applied += 1
                elif result.status == "merged":
                    report.merged += 1
                elif result.status == "conflict":
                    report.conflicts += 1
                else:
                    report.rejected += 1
            uow.sync.outbox.record_finals(finals)  # a batch's answers in two statements
            uow.sync.cases.note_server_versions(versions)
            uow.commit()
        crash_point("after_ack_commit")
        return deferred


def _check_results(answer: p.PushResponse, sent: dict[int, str]) -> list[tuple[str, p.OpResult]]:
    """Each answer names an op of this batch by its sequence, once; `(op_id, result)` in order.

    The server names ops by `device_seq` only; this batch's sequence numbers are unique, so
    each names one op. Anything else is a broken server: nothing local is touched.
    """
    try:
        answers = answer.answers()
    except ValueError as error:
        raise InvalidResponse("/push", str(error)) from None
    named: list[tuple[str, p.OpResult]] = []
    for result in answers:
        op_id = sent.get(result.device_seq)
        if op_id is None:
            raise InvalidResponse(
                "/push", f"a result for op {result.device_seq}, which was not sent"
            )
        if result.op_id is not None and result.op_id != op_id:
            raise InvalidResponse(
                "/push", f"the result for op {result.device_seq} names op {result.op_id}"
            )
        named.append((op_id, result.model_copy(update={"op_id": op_id})))
    return named
