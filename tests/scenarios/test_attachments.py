"""Scenario 11, attachments: an upload cut between chunks resumes at the server's offset; a
damaged chunk is refused by its checksum (nothing kept); a file whose bytes no longer match
its name is discarded whole, never "complete"; one photo on two cases is one blob; an op
naming a blob not yet uploaded is deferred, keeps the later ops waiting, then applies.
The server's side alone is tests/server/test_blobs.py; a missing file deferring the queue
through the CLI is tests/sync/test_sync_cli.py::test_a_deferred_op_keeps_the_rest_waiting_….
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import requests
from sqlalchemy import text

from sync import protocol as p
from sync.tokens import TokenStore
from tests.scenarios.cases import dispose_to, register, service
from tests.scenarios.faults import run_may_fail
from tests.scenarios.fleet import Client, Fleet, outbox_states
from tests.scenarios.invariants import check_invariants
from tests.support.fault_proxy import FaultProxy, cut_response
from tests.sync.server_view import blob_state

BLOBS = "/sync/v1/blobs/"
CHUNK = p.DEFAULT_CHUNK_BYTES


def _photo(tmp_path: Path, name: str, size: int, seed: int) -> Path:
    path = tmp_path / name
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def _local_blob(client: Client, sha: str) -> tuple[str, int]:
    with closing(sqlite3.connect(client.ws.paths.database)) as con:
        state, uploaded = con.execute(
            "SELECT state, uploaded_bytes FROM blob WHERE sha256 = ?", (sha,)
        ).fetchone()
    return str(state), int(uploaded)


def _server_blob_rows(client: Client) -> int:
    with client.server.engine.connect() as con:
        return int(con.execute(text("SELECT count(*) FROM blob")).scalar_one())


def test_an_upload_cut_after_a_chunk_was_stored_resumes_at_the_servers_offset(
    fleet: Fleet, proxy: FaultProxy, tmp_path: Path
) -> None:
    a, b = fleet.enroll("a", "ani"), fleet.enroll("b", "budi")
    (case,) = register(a, 1)
    photo = _photo(tmp_path, "foto.jpg", 3 * CHUNK - 1000, 1)  # several chunks, any sizing
    size = photo.stat().st_size
    service(a).attach(case.id, photo)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    # The second chunk is stored by the server; its answer is cut on the way back.
    proxy.add_fault(cut_response(0), method="PATCH", path=BLOBS, nth=2)
    run_may_fail(a, proxy)
    state, known_here = _local_blob(a, sha)
    http = a.client()
    try:
        held = http.blob_status(sha)
    finally:
        http.close()
    assert state == "uploading" and not held.complete
    assert 0 < known_here < held.offset < size  # the server holds more than this PC knows
    assert blob_state(fleet.server, sha) == "partial"

    proxy.reset_stats()
    report = a.through(proxy)
    assert report.pending_after == 0
    assert set(outbox_states(a.ws).values()) == {"applied"}
    sent = proxy.stats.for_prefix(BLOBS).bytes_up
    assert sent < size - held.offset + 20_000  # what the server held was not sent again
    assert _local_blob(a, sha) == ("uploaded", size)
    dispose_to(a, case.id, "DPU")
    check_invariants(fleet.server, [a, b])
    assert b.ws.blobs.read(sha) == photo.read_bytes()


def test_a_damaged_chunk_is_refused_by_its_checksum_and_the_next_upload_is_whole(
    fleet: Fleet, tmp_path: Path
) -> None:
    a = fleet.enroll("a", "ani")
    (case,) = register(a, 1)
    photo = _photo(tmp_path, "foto.jpg", CHUNK + 5000, 2)
    service(a).attach(case.id, photo)
    data = photo.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    # A chunk damaged in transit: the bytes no longer hash to the X-Chunk-SHA256 sent.
    damaged = bytearray(data[:CHUNK])
    damaged[100] ^= 0xFF
    tokens = TokenStore(a.ws.paths.data_dir).load()
    assert tokens is not None
    headers = {
        "Authorization": f"Bearer {tokens.access_token}",
        p.HEADER_DEVICE: a.ws.device_id,
        p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
        p.BLOB_OFFSET: "0",
        p.BLOB_LENGTH: str(len(data)),
        p.BLOB_CHUNK_SHA256: hashlib.sha256(data[:CHUNK]).hexdigest(),
        "Content-Type": "application/offset+octet-stream",
    }
    answer = requests.patch(
        f"{fleet.server.api}/blobs/{sha}", data=bytes(damaged), headers=headers, timeout=30
    )
    assert answer.status_code == 400 and answer.json()["error"] == "chunk_hash_mismatch"
    assert blob_state(fleet.server, sha) is None  # nothing of it kept
    report = a.sync()
    assert report.applied == 2
    assert blob_state(fleet.server, sha) == "complete"
    check_invariants(fleet.server, [a])


def test_a_file_that_no_longer_matches_its_hash_is_discarded_and_never_complete(
    fleet: Fleet, tmp_path: Path
) -> None:
    a = fleet.enroll("a", "ani")
    (case,) = register(a, 1)
    photo = _photo(tmp_path, "foto.jpg", CHUNK + 5000, 3)
    service(a).attach(case.id, photo)
    service(a).note(case.id, "Sesudah lampiran")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    stored = a.ws.blobs.path_for(sha)
    kept = stored.read_bytes()
    stored.chmod(stat.S_IRUSR | stat.S_IWUSR)
    stored.write_bytes(kept[:-1] + bytes([kept[-1] ^ 0xFF]))  # the disk damaged the copy

    report = a.sync()
    assert any("checksum" in w for w in report.warnings), report.warnings
    assert report.deferred == 1 and report.pending_after == 2  # the note waits behind it
    assert blob_state(fleet.server, sha) is None  # discarded, never "complete"
    assert _local_blob(a, sha)[0] == "local"

    stored.write_bytes(kept)  # restored from the original
    assert a.sync().pending_after == 0
    assert blob_state(fleet.server, sha) == "complete"
    check_invariants(fleet.server, [a])


def test_the_same_photo_on_two_cases_is_one_blob_sent_once(
    fleet: Fleet, proxy: FaultProxy, tmp_path: Path
) -> None:
    a, b = fleet.enroll("a", "ani"), fleet.enroll("b", "budi")
    first, second = register(a, 2)
    photo = _photo(tmp_path, "foto.jpg", 200_000, 4)
    service(a).attach(first.id, photo)
    service(a).attach(second.id, photo)
    proxy.reset_stats()
    report = a.through(proxy)
    assert report.applied == 4
    assert proxy.stats.for_prefix(BLOBS).bytes_up < 200_000 + 10_000  # once
    assert _server_blob_rows(a) == 1
    dispose_to(a, first.id, "DPU")
    dispose_to(a, second.id, "DPU")
    check_invariants(fleet.server, [a, b])
    assert len([f for f in b.ws.paths.blobs.rglob("*") if f.is_file()]) == 1


def test_an_op_naming_a_blob_not_uploaded_yet_is_deferred_then_applied(
    fleet: Fleet, tmp_path: Path
) -> None:
    a = fleet.enroll("a", "ani")
    (case,) = register(a, 1)
    a.sync()
    photo = _photo(tmp_path, "foto.jpg", 50_000, 5)
    service(a).attach(case.id, photo)
    service(a).note(case.id, "Sesudah lampiran")
    register(a, 1, "Kasus berikutnya")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    stored = a.ws.blobs.path_for(sha)
    kept = stored.read_bytes()
    stored.unlink()  # missing on this PC at sync time: the upload is skipped, the op deferred

    report = a.sync()
    assert report.deferred == 1 and report.pending_after == 3
    assert sorted(outbox_states(a.ws).values()) == ["applied", "pending", "pending", "pending"]
    stored.write_bytes(kept)
    again = a.sync()
    assert again.applied == 3 and again.pending_after == 0
    check_invariants(fleet.server, [a])
