"""Attachment files: uploads first (every blob a pending `attachment.add` names, resumable,
tus-style), and after the pull the downloads of files that cases from the server name.

HEAD tells what the server holds (skipped for a file this PC never started: a 409 names the
server's offset if it had some after all); chunks go from that offset, each with its SHA-256;
`uploaded_bytes` is stored after every acked chunk. A 409 resumes at the offset the server
names. A blob that cannot go up (missing here, refused by the server) is reported and skipped:
its op will come back `deferred` and stay pending, nothing is dropped.

Chunks adapt to the link (`ChunkSizer`): a chunk is sent whole or not at all, so on a slow link
that drops every half minute a fixed 512 KiB chunk (66 s at 64 kbit/s) would never arrive. They
start at 64 KiB, grow while they finish quickly and are sized to take at most ~10 s at the rate
measured, and shrink after a timeout or a cut; never above the server's `limits.chunk_bytes`.
Each chunk is one attempt: a failure shrinks the next one, then the same offset is tried again
(a lost answer comes back as a 409 naming the server's offset). When a blob's chunks keep failing
the uploads stop for this run and the push goes on: ops before its `attachment.add` are sent,
that op comes back `deferred`, and the next run resumes from the server's offset.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.blobs import AttachmentTooLarge
from sync.client import SyncClient
from sync.crash import crash_point
from sync.errors import InvalidResponse, ServerRejected, Unreachable

MAX_CONFLICTS = 5  # 409s in a row on one blob before giving up for this run
START_CHUNK = 64 * 1024
MIN_CHUNK = 8 * 1024  # 1 s at 64 kbit/s: below that, request overhead dominates
CHUNK_SECONDS = 10.0  # a chunk should take at most this long at the measured rate


class ChunkSizer:
    """How many bytes the next chunk carries, from how the last ones went (see the docstring)."""

    def __init__(
        self,
        ceiling: int,
        *,
        start: int = START_CHUNK,
        floor: int = MIN_CHUNK,
        seconds: float = CHUNK_SECONDS,
    ) -> None:
        self.ceiling = max(1, ceiling)
        self.floor = min(floor, self.ceiling)
        self.seconds = seconds
        self.size = self._bounded(start)
        # After a failure, growth probes slowly (×1.25) past the size that last failed, so a
        # link that drops every half minute does not see every other chunk cut.
        self.cap = self.ceiling
        self.rate: float | None = None  # bytes per second of the last chunk that arrived

    def arrived(self, sent: int, elapsed: float) -> None:
        """A chunk of `sent` bytes was acked `elapsed` seconds after it was sent."""
        if sent <= 0:
            return
        self.rate = sent / max(elapsed, 1e-3)
        fits = int(self.rate * self.seconds)
        if sent < self.size:  # a file's short last chunk: it says little about the link
            self.size = self._bounded(min(self.size, max(fits, sent)))
            return
        if self.size * 2 > self.cap:
            self.cap = self._bounded(int(self.cap * 1.25))
        self.size = self._bounded(min(self.size * 2, self.cap, fits))

    def failed(self) -> None:
        """A chunk timed out or was cut: the next ones are smaller, at most half of it."""
        smaller = self.size // 2
        if self.rate is not None:
            smaller = min(smaller, int(self.rate * self.seconds / 2))
        self.size = self._bounded(smaller)
        self.cap = self.size

    def _bounded(self, size: int) -> int:
        return max(self.floor, min(self.ceiling, size))


@dataclass
class UploadResult:
    uploaded: int = 0  # blobs completed on the server in this run
    skipped: int = 0  # already complete there (dedupe)
    bytes: int = 0
    problems: list[str] = field(default_factory=list)


def upload_blobs(
    workspace: Workspace,
    client: SyncClient,
    chunk_bytes: int,
    max_blob_bytes: int,
    report: Callable[[int, int, int, int], None],
    check_cancel: Callable[[], None],
    *,
    sizer: ChunkSizer | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> UploadResult:
    """Upload what pending ops reference; `report(done, total, bytes_done, bytes_total)`.

    `chunk_bytes` is the ceiling (the server's `limits.chunk_bytes`); `sizer` picks each size.
    """
    sizer = sizer or ChunkSizer(chunk_bytes)
    with workspace.db.read() as uow:
        wanted: list[str] = []
        for op in uow.sync.outbox.pending_attachments():
            sha = str(op.data.get("sha256") or "")
            if sha and sha not in wanted:
                wanted.append(sha)
        progress = {sha: uow.sync.blobs.get(sha) for sha in wanted}
    todo = [sha for sha in wanted if (b := progress[sha]) is None or b.state != "uploaded"]
    result = UploadResult()
    total_bytes = sum(b.size for sha in todo if (b := progress[sha]) is not None)
    report(0, len(todo), 0, total_bytes)
    for index, sha in enumerate(todo):
        check_cancel()
        blob = progress[sha]
        path = workspace.blobs.path_for(sha)
        if blob is None or not path.exists():
            result.problems.append(f"attachment {sha[:12]}… is missing on this PC")
            continue
        if blob.size > max_blob_bytes:
            result.problems.append(f"attachment {sha[:12]}… is larger than the server accepts")
            continue
        if blob.state == "local" and blob.uploaded_bytes == 0:
            # Never started from this PC: the first chunk goes without a HEAD (a request and
            # ~0.5 kB of headers less per photo). Had the server bytes of it after all (a
            # crash before we stored its ack, the same file from another PC), it answers 409
            # with its offset and we resume there.
            offset = 0
        else:
            try:
                status = client.blob_status(sha)
            except ServerRejected as error:
                result.problems.append(f"attachment {sha[:12]}…: {error.server_message}")
                continue
            except Unreachable as error:
                result.problems.append(f"attachment {sha[:12]}… waits for the next sync ({error})")
                break  # the link is down: the push goes on with the ops before this attachment
            if status.complete:
                _store(workspace, sha, blob.size, "uploaded")
                result.skipped += 1
                report(index + 1, len(todo), result.bytes, total_bytes)
                continue
            if status.offset > blob.size:
                # Bytes beyond the file's end: not this file. Taken as they were, the loop below
                # had nothing left to send and counted the file uploaded without storing it.
                raise InvalidResponse(
                    f"/blobs/{sha}", f"holds {status.offset} bytes of a {blob.size}-byte file"
                )
            offset = status.offset
        conflicts = 0
        failures = 0
        with path.open("rb") as source:
            while offset < blob.size:
                check_cancel()
                source.seek(offset)
                chunk = source.read(sizer.size)
                started = clock()
                try:
                    answer = client.blob_chunk(sha, offset, blob.size, chunk, attempts=1)
                except Unreachable as error:
                    failures += 1
                    sizer.failed()
                    if failures >= client.retry.attempts:
                        result.problems.append(
                            f"attachment {sha[:12]}… waits for the next sync ({error})"
                        )
                        break
                    sleep(client.retry.delay(failures))
                    continue
                failures = 0
                if answer.status == 204:
                    sizer.arrived(len(chunk), clock() - started)
                    if answer.offset <= offset or answer.offset > blob.size:
                        raise InvalidResponse(
                            f"/blobs/{sha}", f"offset {answer.offset} after a chunk at {offset}"
                        )
                    crash_point("mid_blob_chunk")
                    result.bytes += answer.offset - offset
                    offset = answer.offset
                    state = "uploaded" if offset >= blob.size else "uploading"
                    _store(workspace, sha, offset, state)
                    report(index, len(todo), result.bytes, total_bytes)
                    conflicts = 0
                elif answer.status == 409 and 0 <= answer.offset <= blob.size:
                    conflicts += 1
                    if conflicts > MAX_CONFLICTS:
                        result.problems.append(
                            f"attachment {sha[:12]}…: the server keeps moving its offset"
                        )
                        break
                    offset = answer.offset  # resume where the server really is
                    if offset >= blob.size:
                        _store(workspace, sha, offset, "uploaded")
                elif answer.status == 422:
                    # The whole file did not hash to its name: the server discarded it. A local
                    # file that changed on disk is not silently re-sent under the old name.
                    _store(workspace, sha, 0, "local")
                    result.problems.append(f"attachment {sha[:12]}… does not match its checksum")
                    break
                elif answer.status == 413:
                    result.problems.append(
                        f"attachment {sha[:12]}… is larger than the server accepts"
                    )
                    break
                else:  # 400: this chunk arrived damaged; the next run starts again from HEAD
                    result.problems.append(
                        f"attachment {sha[:12]}…: a chunk was damaged in transit"
                    )
                    break
        if offset >= blob.size:
            result.uploaded += 1
        elif failures:
            break  # the link failed this blob: push now, the rest of the files next run
        report(index + 1, len(todo), result.bytes, total_bytes)
    return result


def _store(workspace: Workspace, sha: str, uploaded: int, state: str) -> None:
    with workspace.db.write() as uow:
        uow.sync.blobs.set_progress(sha, uploaded, state)
        uow.commit()


def download_blobs(
    workspace: Workspace,
    client: SyncClient,
    report: Callable[[int, int, int, int], None],
    check_cancel: Callable[[], None],
) -> UploadResult:
    """Fetch the files of cases from other offices; each is stored (hash-checked) and marked."""
    with workspace.db.read() as uow:
        wanted = uow.sync.blobs.wanted()
    result = UploadResult()
    total = sum(b.size for b in wanted)
    for index, blob in enumerate(wanted):
        check_cancel()
        if blob.size > workspace.blobs.max_bytes:
            # Not fetched only to be thrown away at every run over a slow line.
            too_large = AttachmentTooLarge(blob.size, workspace.blobs.max_bytes)
            result.problems.append(f"attachment {blob.sha256[:12]}…: {too_large}")
            continue
        try:
            # Durable before the row says it is here; a broken download leaves no file.
            stored = workspace.blobs.put_stream(client.blob_download(blob.sha256, blob.size))
        except ServerRejected as error:  # 404/403: not (yet) on the server, or not ours
            result.problems.append(f"attachment {blob.sha256[:12]}…: {error.server_message}")
            continue
        except AttachmentTooLarge as error:  # the server allows more than this PC keeps
            result.problems.append(f"attachment {blob.sha256[:12]}…: {error}")
            continue
        with workspace.db.write() as uow:
            uow.sync.blobs.set_progress(stored.sha256, stored.size, "uploaded")
            uow.commit()
        result.uploaded += 1
        result.bytes += stored.size
        report(index + 1, len(wanted), result.bytes, total)
    return result
