"""One sync run: hello → master data → number blocks → blobs → push → ack → pull → verify.

After the pull, files that cases from other offices name are downloaded (hash-checked).

Each step commits locally before the next, so a run cut anywhere (network, cancel, crash; see
`sync.crash` for the `LAPOR_SYNC_CRASH_AT` points) leaves a consistent database and the next run
continues: the outbox keeps what the server has not answered for, the cursor only moves with
the page it belongs to, and the server's dedupe by `(device_id, op_id)` makes resending safe.

The phases each have their module where there is more to them than a call: the push and its
acks in sync/push.py (batches adapt to the link and the server's limits), the verify and its
repairs in sync/verify.py, the pull's parsing and merging in sync/pull.py, files in
sync/uploads.py; what the run reports is sync/report.py. This module runs the phases in order
and logs the run. Cancel is honoured between batches, chunks and pages only. One run at a time
per data dir (`sync.lock`).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from lapor_desktop.domain.ops import iso
from lapor_desktop.progress import CancelToken
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.withheld_letters import discard_withheld_pdfs
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage import schema
from sync import protocol as p
from sync.client import APP_NAME, SyncClient
from sync.crash import crash_point
from sync.errors import InvalidResponse, ProtocolMismatch, SyncCancelled, SyncError
from sync.lock import SyncLock
from sync.master import apply_master
from sync.numbers import lease_numbers
from sync.outbox_export import remember_outbox_key
from sync.pull import CaseMerger, PageReader, PageSizer, peek_next, plan_page, read_page
from sync.push import START_BATCH, PushPhase
from sync.report import ProgressCallback, SyncProgress, SyncReport
from sync.uploads import download_blobs, upload_blobs
from sync.verify import verify

# SyncProgress and SyncReport are imported from here by the UI, the CLI and the tests.
__all__ = ["CancelCheck", "ProgressCallback", "SyncEngine", "SyncProgress", "SyncReport"]

log = logging.getLogger(__name__)

PAGE_SIZE = 200

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
        page_size: int | None = None,
        adaptive_pages: bool | None = None,
        block_size: int = p.DEFAULT_BLOCK_SIZE,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.ws = workspace
        self.client = client
        self._progress = progress
        self._cancel = cancel
        self._start_batch = start_batch
        # Pages start at `page_size` (PAGE_SIZE) and adapt to the link (PageSizer), unless a
        # size is given without asking for adaptation: then every page asks for that size.
        adaptive = page_size is None if adaptive_pages is None else adaptive_pages
        self._pages = PageSizer(page_size or PAGE_SIZE, adaptive=adaptive)
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
        differing, self._merger.differing_events = self._merger.differing_events, []
        if differing:
            # Never expected (both sides apply an op with the same rules); said out loud, so a
            # timeline that differs from every other office's is found, not silently kept.
            report.events_differing = len(differing)
            shown = ", ".join(differing[:3]) + (" …" if len(differing) > 3 else "")
            report.warnings.append(
                f"{len(differing)} timeline event(s) here differ from the server's copy and are "
                f"kept as written here (report it to the coordinator): {shown}"
            )
        # Pulled edits may have made cases anonymous: their letters were withheld in those
        # commits (a trigger); their PDFs go now (a failed run leaves them for the next one).
        discard_withheld_pdfs(self.ws)

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
        # At once, not at the end: a sync that fails later still leaves the PC able to export.
        remember_outbox_key(self.ws, answer.outbox_key)

    # ------------------------------------------------------------------ master data, numbers
    def _master(self, report: SyncReport) -> None:
        self._enter("master")
        report.master_updated = apply_master(self.ws, self.client.master())

    def _numbers(self, report: SyncReport) -> None:
        self._enter("numbers")
        leased = lease_numbers(self.ws, self.client, self._block_size)
        report.blocks_leased += leased.blocks
        report.warnings.extend(leased.warnings)

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
        PushPhase(
            self.ws,
            self.client,
            self._limits,
            self._start_batch,
            self._emit,
            self._check_cancel,
            self._sleep,
            self.batch_sizes,
        ).run(report, total)

    # ------------------------------------------------------------------ pull
    def _pull(self, report: SyncReport) -> None:
        self._enter("pull")
        with self.ws.db.read() as uow:
            cursor = uow.sync.state.cursor()
        reader = PageReader(self._fetch_page)
        try:
            self._pull_pages(report, reader, cursor)
        finally:
            reader.close()

    @property
    def page_limits(self) -> list[int]:
        """The limit of every change page asked for so far (diagnostics, tests, the bench)."""
        return self._pages.asked

    def _fetch_page(self, after: int) -> bytes:
        # Runs on the reader's thread, one fetch at a time: the sizer is never shared.
        limit = self._pages.limit
        self._pages.asked.append(limit)
        started = time.monotonic()
        body = self.client.changes_body(after, limit)
        self._pages.took(time.monotonic() - started)
        return body

    def _pull_pages(self, report: SyncReport, reader: PageReader, cursor: int) -> None:
        while True:
            self._check_cancel()
            body = reader.get(cursor)
            hint = peek_next(body)
            if hint is not None and hint > cursor:
                reader.fetch_ahead(hint)  # while this page is parsed and applied
            page = read_page(body)
            next_cursor, has_more = page["next_cursor"], page["has_more"]
            if next_cursor < cursor:
                raise InvalidResponse(
                    "/changes", f"the cursor went back from {cursor} to {next_cursor}"
                )
            if has_more and next_cursor > cursor:
                reader.fetch_ahead(next_cursor)  # on its way already, unless the hint erred
            plans = plan_page(page["changes"])  # parsed whole before any write
            now = self.ws.clock()
            with self.ws.db.write() as uow:
                report.left_scope += self._merger.apply(uow, plans, now)
                if len(page["changes"]) > 1:
                    crash_point("mid_page_apply")  # the cases are written, not the cursor
                uow.sync.state.set_cursor(next_cursor)
                uow.commit()
            report.received += len(page["changes"])
            # Pages have no known total; the bytes are what came over the wire so far.
            self._emit(SyncProgress("pull", report.received, 0, self.client.bytes_received))
            if not has_more:
                return
            if next_cursor == cursor:
                raise InvalidResponse(
                    "/changes", "more changes announced but the cursor did not move"
                )
            cursor = next_cursor

    # ------------------------------------------------------------------ verify
    def _verify(self, report: SyncReport) -> None:
        self._enter("verify")
        verify(self.ws, self.client, self._merger, report, self._emit, self._check_cancel)
