"""Photos over a bad link: chunks sized to the link so a file completes between disconnects, and
a file that cannot go up in this run does not hold back the ops before it."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from contextlib import closing
from pathlib import Path

from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from sync import protocol as p
from sync.uploads import START_CHUNK, ChunkSizer
from tests.support.fault_proxy import FaultProxy, cut_request
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, sync
from tests.sync.hostile import Garbage, HostileServer
from tests.sync.server_view import blob_state, processed_ops

NEW = NewCase(
    title="Jembatan desa retak",
    text="Jembatan penghubung dua dusun retak setelah banjir.",
    channel="whatsapp",
    category="Transportasi",
)
BLOBS = "/sync/v1/blobs/"


def _photo(tmp_path: Path, size: int, seed: int = 5) -> tuple[Path, str]:
    data = random.Random(seed).randbytes(size)  # incompressible, as JPEG is
    path = tmp_path / f"foto-{seed}.jpg"
    path.write_bytes(data)
    return path, hashlib.sha256(data).hexdigest()


def _outbox(ws: Workspace) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return list(con.execute("SELECT op_type, state FROM outbox ORDER BY device_seq"))


def _uploaded_bytes(ws: Workspace, sha: str) -> tuple[int, str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        row = con.execute("SELECT uploaded_bytes, state FROM blob WHERE sha256 = ?", (sha,))
        found = row.fetchone()
    assert found is not None
    return int(found[0]), str(found[1])


def _proxy(offices: LiveServer) -> FaultProxy:
    host, port = offices.base_url.removeprefix("http://").split(":")
    return FaultProxy(host, int(port))


def test_chunks_start_small_fit_the_measured_rate_and_shrink_after_a_cut() -> None:
    sizer = ChunkSizer(p.DEFAULT_CHUNK_BYTES)
    assert sizer.size == START_CHUNK
    sizer.arrived(START_CHUNK, 0.1)  # a fast link: grow ×2 a step, up to the server's limit
    sizer.arrived(sizer.size, 0.1)
    sizer.arrived(sizer.size, 0.1)
    assert sizer.size == p.DEFAULT_CHUNK_BYTES
    sizer.arrived(sizer.size, 0.1)
    assert sizer.size == p.DEFAULT_CHUNK_BYTES  # never above limits.chunk_bytes

    slow = ChunkSizer(p.DEFAULT_CHUNK_BYTES)  # 64 kbit/s: 8,000 bytes a second
    slow.arrived(START_CHUNK, START_CHUNK / 8000)
    assert slow.size <= 10 * 8000  # a chunk takes at most ~10 s at the measured rate
    before = slow.size
    slow.failed()
    assert slow.size <= before // 2
    for _ in range(5):  # after a cut it grows back slowly, never past ~10 s
        slow.arrived(slow.size, slow.size / 8000)
        assert slow.size <= 10 * 8000

    tiny = ChunkSizer(20_000)  # a server that takes small chunks only
    assert tiny.size == 20_000
    tiny.failed()
    assert 0 < tiny.size < 20_000


def test_a_photo_completes_over_a_link_that_drops_more_often_than_a_full_chunk_takes(
    desk: Desk, offices: LiveServer, tmp_path: Path
) -> None:
    ws = desk("a", "ani")
    service = CaseService(ws)
    case = service.register(NEW)
    photo, sha = _photo(tmp_path, 900_000)
    service.attach(case.id, photo)
    with _proxy(offices) as proxy:
        # The link drops every 200 kB: a 512 KiB chunk could never arrive.
        proxy.shape(bytes_per_second=2_000_000, disconnect_every_bytes=200_000)
        report = sync(ws, proxy.base_url, sleep=lambda _s: None)
        stats = proxy.stats
    assert stats.disconnects >= 3  # the link really dropped during the upload
    assert stats.for_prefix(BLOBS).exchanges > 900_000 // p.DEFAULT_CHUNK_BYTES + 2
    assert report.blobs_uploaded == 1 and report.pending_after == 0
    assert blob_state(offices, sha) == "complete"
    assert _uploaded_bytes(ws, sha) == (900_000, "uploaded")
    assert {state for _op, state in _outbox(ws)} == {"applied"}


def test_a_photo_that_cannot_go_up_does_not_hold_back_the_ops_before_it(
    desk: Desk, offices: LiveServer, tmp_path: Path
) -> None:
    ws = desk("a", "ani")
    service = CaseService(ws)
    first = service.register(NEW)
    service.note(first.id, "Pelapor dihubungi.")
    photo, sha = _photo(tmp_path, 300_000)
    service.attach(first.id, photo)
    service.note(first.id, "Catatan sesudah foto.")
    with _proxy(offices) as proxy:
        # Every chunk of the photo is cut on its way: it cannot go up in this run.
        proxy.add_fault(cut_request(2000), method="PATCH", path=BLOBS, times=None)
        report = sync(ws, proxy.base_url, sleep=lambda _s: None)
    assert any(sha[:12] in warning for warning in report.warnings)
    # The ops before the attachment went; the attachment and what follows wait (the server's
    # sequence stops at the deferred op).
    assert _outbox(ws) == [
        ("case.create", "applied"),
        ("event.append", "applied"),
        ("attachment.add", "pending"),
        ("event.append", "pending"),
    ]
    assert report.deferred == 1 and report.pending_after == 2
    assert len(processed_ops(offices)) == 2
    assert blob_state(offices, sha) != "complete"

    report = sync(ws, offices.base_url)  # the link is back: the next run finishes the job
    assert report.pending_after == 0
    assert blob_state(offices, sha) == "complete"
    assert _uploaded_bytes(ws, sha) == (300_000, "uploaded")
    assert {state for _op, state in _outbox(ws)} == {"applied"}


def test_a_photo_never_started_goes_without_a_head_and_a_resumed_one_asks_first(
    desk: Desk, offices: LiveServer, tmp_path: Path
) -> None:
    ws = desk("a", "ani")
    service = CaseService(ws)
    case = service.register(NEW)
    photo, sha = _photo(tmp_path, 200_000, seed=7)
    service.attach(case.id, photo)
    with HostileServer(offices.base_url, Garbage("GET", "/nothing")) as watched:
        report = sync(ws, watched.base_url)
    calls = [method for method, path, _h in watched.seen if path.startswith(BLOBS)]
    assert calls and set(calls) == {"PATCH"}  # no HEAD: the server had nothing of it
    assert report.pending_after == 0 and blob_state(offices, sha) == "complete"

    # A file whose upload was under way asks the server where it stands first.
    other = service.register(NEW)
    photo, sha = _photo(tmp_path, 200_000, seed=8)
    service.attach(other.id, photo)
    with closing(sqlite3.connect(ws.paths.database)) as con, con:
        con.execute(
            "UPDATE blob SET state = 'uploading', uploaded_bytes = 65536 WHERE sha256 = ?", (sha,)
        )
    with HostileServer(offices.base_url, Garbage("GET", "/nothing")) as watched:
        report = sync(ws, watched.base_url)
    calls = [method for method, path, _h in watched.seen if path.startswith(BLOBS)]
    assert calls[0] == "HEAD"  # the server holds nothing: it starts from 0, as HEAD said
    assert report.pending_after == 0 and blob_state(offices, sha) == "complete"
    assert _uploaded_bytes(ws, sha) == (200_000, "uploaded")
