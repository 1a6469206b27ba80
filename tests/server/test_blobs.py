"""Resumable blob uploads and attachments that wait for their file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests

from lapor_desktop.domain.ops import OpType
from sync.protocol import Limits
from tests.server.devices import Device, enroll, setup_offices, sha256
from tests.support.live_server import LiveServer, start_live_server

DATA = os.urandom(300_000)
SHA = sha256(DATA)


@pytest.fixture
def ani(live_server: LiveServer) -> Device:
    setup_offices(live_server)
    return enroll(live_server, "ani")


def head(device: Device, sha: str = SHA) -> requests.Response:
    return device.http.head(device.url(f"/blobs/{sha}"), headers=device.headers, timeout=30)


def patch(
    device: Device,
    chunk: bytes,
    offset: int,
    *,
    sha: str = SHA,
    length: int = len(DATA),
    chunk_sha: str | None = None,
) -> requests.Response:
    headers = {
        **device.headers,
        "Upload-Offset": str(offset),
        "Upload-Length": str(length),
        "X-Chunk-SHA256": chunk_sha or sha256(chunk),
        "Content-Type": "application/offset+octet-stream",
    }
    return device.http.patch(device.url(f"/blobs/{sha}"), data=chunk, headers=headers, timeout=30)


def test_an_upload_resumes_at_the_servers_offset(ani: Device, live_server: LiveServer) -> None:
    assert head(ani).status_code == 404
    first = patch(ani, DATA[:100_000], 0)
    assert first.status_code == 204
    assert first.headers["Upload-Offset"] == "100000"
    state = head(ani)
    assert (state.status_code, state.headers["Upload-Offset"], state.headers["X-Blob-State"]) == (
        200,
        "100000",
        "partial",
    )
    # The client lost track and resends from 0: 409 with the true offset, nothing appended.
    again = patch(ani, DATA[:100_000], 0)
    assert again.status_code == 409
    assert again.headers["Upload-Offset"] == "100000"
    assert again.json()["error"] == "offset_mismatch"
    last = patch(ani, DATA[100_000:], 100_000)
    assert last.status_code == 204
    assert last.headers["X-Blob-State"] == "complete"
    assert head(ani).headers["X-Blob-State"] == "complete"
    download = ani.get(f"/blobs/{SHA}")
    assert download.status_code == 200
    assert download.content == DATA
    assert "gzip" not in download.headers.get("Content-Encoding", "")
    stored = live_server.data_dir / "blobs" / SHA[:2] / SHA
    assert stored.read_bytes() == DATA


def test_a_chunk_whose_hash_differs_is_400_and_not_kept(ani: Device) -> None:
    response = patch(ani, DATA[:1000], 0, chunk_sha=sha256(b"something else"))
    assert response.status_code == 400
    assert response.json()["error"] == "chunk_hash_mismatch"
    assert head(ani).status_code == 404


def test_a_whole_file_hash_mismatch_is_422_and_discards_the_upload(ani: Device) -> None:
    wrong_name = sha256(b"the name of another file")
    assert patch(ani, DATA[:1000], 0, sha=wrong_name, length=2000).status_code == 204
    response = patch(ani, DATA[1000:2000], 1000, sha=wrong_name, length=2000)
    assert response.status_code == 422
    assert response.json()["error"] == "blob_hash_mismatch"
    assert head(ani, wrong_name).status_code == 404
    assert ani.get(f"/blobs/{wrong_name}").status_code == 404


def test_a_file_over_the_limit_is_413(tmp_path: Path, server_db_url: str | None) -> None:
    server = start_live_server(
        server_db_url, tmp_path / "server", limits=Limits(max_blob_bytes=1000)
    )
    try:
        setup_offices(server)
        device = enroll(server, "ani")
        response = patch(device, DATA[:500], 0, length=5000)
        assert response.status_code == 413
        assert head(device).status_code == 404
    finally:
        server.stop()


def test_bad_blob_requests_are_400(ani: Device) -> None:
    assert head(ani, "not-a-sha").status_code == 400
    missing = ani.http.patch(ani.url(f"/blobs/{SHA}"), data=b"x", headers=ani.headers, timeout=30)
    assert missing.status_code == 400
    past_end = patch(ani, DATA[:2000], 0, length=1000)
    assert past_end.status_code == 400
    assert ani.get(f"/blobs/{SHA}").status_code == 404


def test_an_attachment_waits_for_its_blob_then_applies(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, _ = ani.create_case()
    attach = ani.op(
        OpType.ATTACHMENT_ADD,
        case_id,
        {"sha256": SHA, "size": len(DATA), "name": "foto.jpg", "mime": "image/jpeg"},
        base_version=1,
    )
    note = ani.op(OpType.EVENT_APPEND, case_id, {"text": "setelah lampiran"}, base_version=1)
    body = ani.push(attach, note)
    assert [(r["status"], r["code"]) for r in body["results"]] == [("deferred", "blob_incomplete")]
    assert body["last_device_seq"] == 1  # the sequence did not move past the waiting op
    patch(ani, DATA[:150_000], 0)
    assert ani.push(attach, note)["results"][0]["status"] == "deferred"
    patch(ani, DATA[150_000:], 150_000)
    body = ani.push(attach, note)
    assert [r["status"] for r in body["results"]] == ["applied", "merged"]
    doc = [c for c in ani.all_changes() if c["id"] == case_id][-1]["case"]
    assert [a["sha256"] for a in doc["attachments"]] == [SHA]

    # Another office may download it only once the case is in its scope.
    budi = enroll(live_server, "budi")
    assert budi.get(f"/blobs/{SHA}").status_code == 403
    coordinator = enroll(live_server, "citra")
    assert coordinator.get(f"/blobs/{SHA}").content == DATA


def test_an_attachment_whose_size_contradicts_the_file_is_rejected_and_the_queue_moves_on(
    ani: Device,
) -> None:
    case_id, _ = ani.create_case()
    patch(ani, DATA[:150_000], 0)
    patch(ani, DATA[150_000:], 150_000)
    wrong = ani.op(
        OpType.ATTACHMENT_ADD,
        case_id,
        {"sha256": SHA, "size": len(DATA) + 1, "name": "foto.jpg", "mime": "image/jpeg"},
        base_version=1,
    )
    note = ani.op(OpType.EVENT_APPEND, case_id, {"text": "setelah lampiran"}, base_version=1)
    body = ani.push(wrong, note)
    # Final and recorded like any rejection: the op after it is not held back by a gap.
    assert [(r["status"], r["code"]) for r in body["results"]] == [
        ("rejected", "invalid"),
        ("applied", None),
    ]
    assert body["expected_seq"] is None
    again = ani.push(wrong, note)  # a replay gets the stored answers
    assert [r["status"] for r in again["results"]] == ["rejected", "applied"]
