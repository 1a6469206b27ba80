"""Scenario 1, the byte-cut sweep: the push request, the push response, a changes page and a
blob chunk are each cut at a dense sample of byte offsets; the next run completes, and nothing
is lost or doubled (checked after every cut and by the six invariants at the end)."""

from __future__ import annotations

import random
from pathlib import Path

from tests.scenarios.cases import dispose_to, register, service
from tests.scenarios.faults import offsets, run_may_fail
from tests.scenarios.fleet import Client, Fleet, outbox_states
from tests.scenarios.invariants import check_invariants, ops_processed_once, server_dupes
from tests.support.fault_proxy import FaultProxy, cut_request, cut_response

PUSH = "/sync/v1/push"
CHANGES = "/sync/v1/changes"
BLOBS = "/sync/v1/blobs/"


def _measure(proxy: FaultProxy, client: Client, path: str, *, up: bool) -> int:
    """Bytes of one exchange on `path` in a clean run (the size the sweep cuts into)."""
    proxy.reset_stats()
    client.through(proxy)
    stats = proxy.stats.for_prefix(path)
    assert stats.exchanges >= 1, path
    return (stats.bytes_up if up else stats.bytes_down) // stats.exchanges


def _after_each_cut(fleet: Fleet, clients: list[Client]) -> None:
    """Cheap checks between cuts; the full invariants run once at the end."""
    for client in clients:
        if not _pending(client):
            ops_processed_once(fleet.server, client)
    server_dupes(fleet.server)


def _pending(client: Client) -> bool:
    return "pending" in outbox_states(client.ws).values()


def test_push_request_cut_at_every_sampled_byte(fleet: Fleet, proxy: FaultProxy) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 2)
    size = _measure(proxy, a, PUSH, up=True)
    for offset in offsets(size):
        case = register(a, 1, f"Potong {offset}")[0]
        service(a).note(case.id, f"catatan {offset}")
        proxy.add_fault(cut_request(offset), method="POST", path=PUSH)
        run_may_fail(a, proxy)
        a.through(proxy)  # the next run finishes what the cut left
        assert set(outbox_states(a.ws).values()) == {"applied"}, offset
        _after_each_cut(fleet, [a])
    check_invariants(fleet.server, [a])


def test_push_response_cut_at_every_sampled_byte(fleet: Fleet, proxy: FaultProxy) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 2)
    size = _measure(proxy, a, PUSH, up=False)
    for offset in offsets(size):
        case = register(a, 1, f"Potong {offset}")[0]
        service(a).note(case.id, f"catatan {offset}")
        # The server committed both ops; the answer is cut after `offset` bytes.
        proxy.add_fault(cut_response(offset), method="POST", path=PUSH)
        run_may_fail(a, proxy)
        report = a.through(proxy)
        assert report.pending_after == 0
        assert set(outbox_states(a.ws).values()) == {"applied"}, offset
        _after_each_cut(fleet, [a])
    check_invariants(fleet.server, [a])


def test_changes_page_cut_at_every_sampled_byte(fleet: Fleet, proxy: FaultProxy) -> None:
    a, k = fleet.enroll("a", "ani"), fleet.enroll("k", "koor")  # the coordinator sees all
    register(a, 3)
    a.sync()
    size = _measure(proxy, k, CHANGES, up=False)
    for offset in offsets(size):
        register(a, 2, f"Halaman {offset}")
        a.sync()
        before = k.cursors[-1]
        proxy.add_fault(cut_response(offset), method="GET", path=CHANGES)
        run_may_fail(k, proxy)
        assert k.cursors[-1] >= before  # a cut page never moves the cursor back
        report = k.through(proxy)
        assert report.repaired_buckets == [], offset  # nothing half-applied to repair
        _after_each_cut(fleet, [a, k])
    check_invariants(fleet.server, [a, k])


def test_blob_chunk_cut_at_every_sampled_byte(
    fleet: Fleet, proxy: FaultProxy, tmp_path: Path
) -> None:
    a, b = fleet.enroll("a", "ani"), fleet.enroll("b", "budi")
    (case,) = register(a, 1)
    rng = random.Random(11)
    photo = tmp_path / "foto-0.jpg"
    photo.write_bytes(rng.randbytes(600_000))  # two chunks: 512 KiB + the rest
    service(a).attach(case.id, photo)
    size = _measure(proxy, a, BLOBS, up=True)  # HEAD and PATCHes averaged: a lower bound
    for n, offset in enumerate(offsets(size * 2)):
        photo = tmp_path / f"foto-{n + 1}.jpg"
        photo.write_bytes(rng.randbytes(600_000))
        service(a).attach(case.id, photo)
        proxy.add_fault(cut_request(offset), method="PATCH", path=BLOBS)
        run_may_fail(a, proxy)
        report = a.through(proxy)  # resumes at the server's offset
        assert report.pending_after == 0, offset
        _after_each_cut(fleet, [a])
    dispose_to(a, case.id, "DPU")
    check_invariants(fleet.server, [a, b])
    # Every photo reached DPU whole (hash-checked on download).
    detail = service(b).find_case(case.id)
    assert len(detail.attachments) == len(offsets(size * 2)) + 1
    assert all(b.ws.blobs.path_for(ref.sha256).exists() for ref in detail.attachments)
