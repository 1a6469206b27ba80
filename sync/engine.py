"""One sync run: hello → master data → number blocks → blobs → push → ack → pull → verify.

After the pull, files that cases from other offices name are downloaded (hash-checked).

Each step commits locally before the next, so a run cut anywhere (network, cancel, crash; see
`sync.crash` for the `LAPOR_SYNC_CRASH_AT` points) leaves a consistent database and the next run
continues: the outbox keeps what the server has not answered for, the cursor only moves with
the page it belongs to, and the server's dedupe by `(device_id, op_id)` makes resending safe.

Push batches adapt: they start at 100 ops, halve on a timeout or 5xx and double on success,
within [10, 500], the server's `max_ops` and `max_bytes`. Cancel is honoured between batches,
chunks and pages only. One run at a time per data dir (`sync.lock`).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from lapor_desktop.domain.ops import iso
from lapor_desktop.progress import CancelToken
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage import schema
from lapor_desktop.storage.sync_store import QueuedOp
from sync import protocol as p
from sync.client import APP_NAME, SyncClient
from sync.crash import crash_point
from sync.errors import (
    InvalidResponse,
    ProtocolMismatch,
    ServerRejected,
    SyncCancelled,
    SyncError,
    Unreachable,
)
from sync.lock import SyncLock
from sync.master import apply_master
from sync.pull import (
    CaseMerger,
    IncomingCase,
    PageReader,
    parse_case,
    parse_events,
    plan_page,
)
from sync.uploads import download_blobs, upload_blobs

log = logging.getLogger(__name__)

MIN_BATCH, START_BATCH, MAX_BATCH = 10, 100, 500
PAGE_SIZE = 200
SNAPSHOT_PAGE = 200
# A JSON array of ops costs a little more than the sum of the ops.
BYTES_HEADROOM = 0.9
_BUCKET = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """What the run is doing: `phase` is hello|master|numbers|files|push|pull|downloads|verify."""

    phase: str
    done: int = 0
    total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0


@dataclass
class SyncReport:
    run_id: str
    sent: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    deferred: int = 0
    received: int = 0
    left_scope: int = 0
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    blocks_leased: int = 0
    master_updated: bool = False
    verified: bool = False
    repaired_buckets: list[str] = field(default_factory=list)
    pending_after: int = 0
    cancelled: bool = False
    bytes_sent: int = 0
    bytes_received: int = 0
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "applied": self.applied,
            "merged": self.merged,
            "conflict": self.conflicts,
            "rejected": self.rejected,
            "deferred": self.deferred,
            "received": self.received,
            "left_scope": self.left_scope,
            "blobs": self.blobs_uploaded,
            "blobs_downloaded": self.blobs_downloaded,
            "blocks": self.blocks_leased,
            "pending_after": self.pending_after,
        }


ProgressCallback = Callable[[SyncProgress], None]
CancelCheck = Callable[[], bool] | CancelToken


class SyncEngine:
    def __init__(
        self,
        workspace: Workspace,
        client: SyncClient,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        *,
        start_batch: int = START_BATCH,
        page_size: int = PAGE_SIZE,
        block_size: int = p.DEFAULT_BLOCK_SIZE,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.ws = workspace
        self.client = client
        self._progress = progress
        self._cancel = cancel
        self._start_batch = start_batch
        self._page_size = page_size
        self._block_size = block_size
        self._sleep = sleep
        self._limits = p.Limits()
        self._merger = CaseMerger(workspace)
        self._phase = "start"
        self.batch_sizes: list[int] = []  # what each push sent (diagnostics and tests)

    # ------------------------------------------------------------------ the run
    def run(self) -> SyncReport:
        with SyncLock(self.ws.paths.data_dir):
            report = SyncReport(run_id=str(uuid.uuid4()))
            with self.ws.db.write() as uow:
                uow.sync.log.start(report.run_id, self.ws.clock())
                uow.commit()
            # Anything that leaves _run without returning (even Ctrl+C) is logged as failed.
            outcome: str = "failed"
            error: str | None = "interrupted"
            try:
                self._run(report)
                outcome, error = "ok", None
            except SyncCancelled:
                report.cancelled = True
                outcome, error = "cancelled", None
            except SyncError as failure:
                outcome, error = "failed", str(failure)
                raise
            except Exception as failure:
                outcome, error = "failed", f"{type(failure).__name__}: {failure}"
                raise
            finally:
                self._finish(report, outcome, error)
            return report

    def _run(self, report: SyncReport) -> None:
        self._hello(report)
        self._master(report)
        self._numbers(report)
        # A PC that ran dry offline: its provisional numbers get official ones from the blocks
        # just leased, before the push, so the create and then the renumber reach the server.
        report.warnings.extend(CaseService(self.ws).renumber_provisional().warnings)
        crash_point("after_local_commit")
        self._files(report)
        self._push(report)
        self._pull(report)
        self._downloads(report)
        with self.ws.db.read() as uow:
            pending = uow.sync.outbox.count("pending")
        if pending == 0:
            self._verify(report)

    def _finish(self, report: SyncReport, outcome: str, error: str | None) -> None:
        report.bytes_sent = self.client.bytes_sent
        report.bytes_received = self.client.bytes_received
        try:
            with self.ws.db.write() as uow:
                report.pending_after = uow.sync.outbox.count("pending")
                uow.sync.log.finish(
                    report.run_id,
                    self.ws.clock(),
                    phase=self._phase,
                    outcome=outcome,
                    counts=report.counts(),
                    bytes_sent=report.bytes_sent,
                    bytes_received=report.bytes_received,
                    error=error,
                )
                uow.commit()
        except Exception:  # the log must never hide the run's own error
            log.exception("could not write the sync log")

    # ------------------------------------------------------------------ helpers
    def _enter(self, phase: str, **counts: int) -> None:
        self._phase = phase
        self._emit(SyncProgress(phase, **counts))

    def _emit(self, event: SyncProgress) -> None:
        if self._progress is not None:
            self._progress(event)

    def _check_cancel(self) -> None:
        cancel = self._cancel
        if cancel is None:
            return
        cancelled = cancel.is_cancelled if isinstance(cancel, CancelToken) else cancel()
        if cancelled:
            raise SyncCancelled("sync cancelled; it continues from here next time")

    # ------------------------------------------------------------------ hello
    def _hello(self, report: SyncReport) -> None:
        self._enter("hello")
        answer = self.client.hello(
            p.HelloRequest(
                protocols=list(p.SUPPORTED_PROTOCOLS),
                app=APP_NAME,
                schema_version=schema.HEAD_REVISION,
                device_id=self.ws.device_id,
                client_time=iso(self.ws.clock()),
            )
        )
        if answer.protocol not in p.SUPPORTED_PROTOCOLS:
            raise ProtocolMismatch(f"the server chose protocol {answer.protocol}")
        if answer.must_update:
            raise ProtocolMismatch(answer.message)
        if answer.message:
            report.warnings.append(answer.message)  # e.g. a skewed clock: a warning only
        self._limits = answer.limits

    # ------------------------------------------------------------------ master data, numbers
    def _master(self, report: SyncReport) -> None:
        self._enter("master")
        report.master_updated = apply_master(self.ws, self.client.master())

    def _numbers(self, report: SyncReport) -> None:
        self._enter("numbers")
        office = self.ws.office.code
        today = self.ws.clock().astimezone(self.ws.tz)
        # In December, next year's numbers too: an office may work offline over New Year.
        years = (today.year, today.year + 1) if today.month == 12 else (today.year,)
        sequences = [(f"{kind}:{office}", y) for y in years for kind in ("register", "letter")]
        for register, year in sequences:
            with self.ws.db.read() as uow:
                remaining = uow.sync.blocks.remaining(register, year)
            if remaining * 2 >= self._block_size:
                continue
            block = self.client.lease(
                p.LeaseRequest(register=register, year=year, count=self._block_size)
            )
            if (
                block.register != register
                or block.year != year
                or not 1 <= block.start <= block.end
            ):
                raise InvalidResponse(
                    "/numbers/lease", f"block {block.model_dump()} for {register} {year}"
                )
            with self.ws.db.write() as uow:
                if uow.sync.blocks.add(register, year, block.start, block.end, self.ws.clock()):
                    report.blocks_leased += 1
                uow.commit()

    # ------------------------------------------------------------------ files
    def _files(self, report: SyncReport) -> None:
        self._enter("files")

        def emit(done: int, total: int, bytes_done: int, bytes_total: int) -> None:
            self._emit(SyncProgress("files", done, total, bytes_done, bytes_total))

        chunk = max(1, min(self._limits.chunk_bytes, p.DEFAULT_CHUNK_BYTES * 2))
        result = upload_blobs(
            self.ws,
            self.client,
            chunk,
            self._limits.max_blob_bytes,
            emit,
            self._check_cancel,
            sleep=self._sleep,
        )
        report.blobs_uploaded = result.uploaded + result.skipped
        report.warnings.extend(result.problems)

    def _downloads(self, report: SyncReport) -> None:
        self._enter("downloads")

        def emit(done: int, total: int, bytes_done: int, bytes_total: int) -> None:
            self._emit(SyncProgress("downloads", done, total, bytes_done, bytes_total))

        result = download_blobs(self.ws, self.client, emit, self._check_cancel)
        report.blobs_downloaded = result.uploaded
        report.warnings.extend(result.problems)

    # ------------------------------------------------------------------ push and ack
    def _push(self, report: SyncReport) -> None:
        with self.ws.db.read() as uow:
            total = uow.sync.outbox.count("pending")
        self._enter("push", total=total)
        ceiling = max(MIN_BATCH, min(MAX_BATCH, self._limits.max_ops))
        batch = max(MIN_BATCH, min(self._start_batch, ceiling))
        byte_budget = int(self._limits.max_bytes * BYTES_HEADROOM)
        resend_from: int | None = None
        last_gap: int | None = None
        failures = 0
        # The next ops, read while the server worked on the last batch (see _send).
        ahead: list[QueuedOp] | None = None
        while True:
            self._check_cancel()
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
            self._emit(SyncProgress("push", report.sent, total, 0, size))
            try:
                answer, following = self._send(chosen, ceiling)
            except Unreachable:
                # A timeout or 5xx may mean "too much at once" on a bad link: send less.
                failures += 1
                if failures >= self.client.retry.attempts:
                    raise
                batch = max(MIN_BATCH, batch // 2)
                self._sleep(self.client.retry.delay(failures))
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
            self._emit(SyncProgress("push", report.sent, total, size, size))
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

    # ------------------------------------------------------------------ pull
    def _pull(self, report: SyncReport) -> None:
        self._enter("pull")
        with self.ws.db.read() as uow:
            cursor = uow.sync.state.cursor()
        reader = PageReader(lambda after: self.client.changes(after, self._page_size))
        try:
            self._pull_pages(report, reader, cursor)
        finally:
            reader.close()

    def _pull_pages(self, report: SyncReport, reader: PageReader, cursor: int) -> None:
        while True:
            self._check_cancel()
            page = reader.get(cursor)
            if page.next_cursor < cursor:
                raise InvalidResponse(
                    "/changes", f"the cursor went back from {cursor} to {page.next_cursor}"
                )
            if page.has_more and page.next_cursor > cursor:
                reader.fetch_ahead(page.next_cursor)  # while this page is applied
            plans = plan_page(page.changes)  # parsed whole before any write
            now = self.ws.clock()
            with self.ws.db.write() as uow:
                report.left_scope += self._merger.apply(uow, plans, now)
                if len(page.changes) > 1:
                    crash_point("mid_page_apply")  # the cases are written, not the cursor
                uow.sync.state.set_cursor(page.next_cursor)
                uow.commit()
            report.received += len(page.changes)
            # Pages have no known total; the bytes are what came over the wire so far.
            self._emit(SyncProgress("pull", report.received, 0, self.client.bytes_received))
            if not page.has_more:
                return
            if page.next_cursor == cursor:
                raise InvalidResponse(
                    "/changes", "more changes announced but the cursor did not move"
                )
            cursor = page.next_cursor

    # ------------------------------------------------------------------ verify
    def _verify(self, report: SyncReport) -> None:
        self._enter("verify")
        with self.ws.db.read() as uow:
            buckets = uow.sync.cases.versions_by_bucket()
        digests = {
            bucket: p.digest((case_id, version, p.doc_hash(doc)) for case_id, version, doc in found)
            for bucket, found in buckets.items()
        }
        answer = self.client.verify(p.VerifyRequest(buckets=digests))
        for bucket in answer.mismatched:
            if not _BUCKET.match(bucket):
                raise InvalidResponse("/verify", f"bucket {bucket!r}")
        for index, bucket in enumerate(answer.mismatched):
            self._check_cancel()
            self._repair(bucket)
            report.repaired_buckets.append(bucket)
            self._emit(SyncProgress("verify", index + 1, len(answer.mismatched)))
        report.verified = True

    def _repair(self, bucket: str) -> None:
        """Re-download one bucket with the pull's rules; the outbox is never touched."""
        path = "/snapshot"
        after: str | None = None
        seen: set[str] = set()
        while True:
            page = self.client.snapshot(bucket, after, SNAPSHOT_PAGE)
            if page.bucket != bucket:
                raise InvalidResponse(path, f"asked for {bucket}, got {page.bucket}")
            cases = [parse_case(raw, path, f"bucket {bucket}") for raw in page.cases]
            ids = {c.id for c in cases}
            events = parse_events(page.events, ids, path, f"bucket {bucket}")
            by_case: dict[str, list[Any]] = {}
            for event in events:
                by_case.setdefault(event.case_id, []).append(event)
            now = self.ws.clock()
            with self.ws.db.write() as uow:
                for case in cases:
                    incoming = IncomingCase(case, tuple(by_case.get(case.id, ())))
                    self._merger.upsert(uow, incoming, now)
                uow.commit()
            seen |= ids
            if not page.has_more:
                break
            if page.next_after is None or (after is not None and page.next_after <= after):
                raise InvalidResponse(path, "more cases announced but the position did not move")
            after = page.next_after
        with self.ws.db.write() as uow:
            # What we hold in this bucket and the server no longer shows us: out of our scope.
            for case_id, _version, _doc in uow.sync.cases.versions_by_bucket().get(bucket, []):
                if case_id not in seen:
                    self._merger.leave_scope(uow, case_id, self.ws.clock())
            uow.commit()


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
