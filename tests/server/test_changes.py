"""Change pages, cursors, verify digests and bucket snapshots."""

from __future__ import annotations

import json

import pytest

from lapor_desktop.domain.ops import OpType
from sync.protocol import digest, doc_hash
from tests.server.devices import AT, Device, enroll, setup_offices
from tests.support.live_server import LiveServer


@pytest.fixture
def ani(live_server: LiveServer) -> Device:
    setup_offices(live_server)
    return enroll(live_server, "ani")


def test_changes_come_in_pages_with_a_monotonic_cursor(ani: Device) -> None:
    ids = [ani.create_case(number=n)[0] for n in range(1, 8)]
    for case_id in ids[:3]:
        note = ani.op(OpType.EVENT_APPEND, case_id, {"text": "catatan"}, base_version=1)
        ani.push(note)
    seqs: list[int] = []
    cursor = 0
    pages = 0
    while True:
        page = ani.changes(cursor, limit=3)
        pages += 1
        assert len(page["changes"]) <= 3
        seqs.extend(c["seq"] for c in page["changes"])
        if page["changes"]:
            assert page["next_cursor"] == page["changes"][-1]["seq"] > cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert pages == 4
    assert seqs == sorted(seqs) and len(set(seqs)) == 10
    # Past the end: an empty page that keeps the cursor.
    empty = ani.changes(cursor)
    assert empty == {"changes": [], "next_cursor": cursor, "has_more": False}
    # Every case arrives with its current document and the events of each change.
    changes = ani.all_changes()
    assert {c["id"] for c in changes} == set(ids)
    kinds = sorted(e["kind"] for c in changes for e in c["events"])
    assert kinds == ["created"] * 7 + ["note"] * 3


def test_a_bad_cursor_or_limit_is_400(ani: Device) -> None:
    for params in ({"cursor": -1}, {"cursor": "x"}, {"limit": 0}, {"limit": 100000}):
        response = ani.get("/changes", params=params)
        assert response.status_code == 400, params
        assert response.json()["error"] == "bad_request"


def _items(device: Device, *case_ids: str) -> list[tuple[str, int, str]]:
    """What a faithful replica holds of these cases: (id, version, doc_hash), from the feed."""
    docs = {c["id"]: c["case"] for c in device.all_changes() if c["case"] is not None}
    return [(i, docs[i]["version"], doc_hash(json.dumps(docs[i]))) for i in case_ids]


def test_verify_reports_only_the_mismatched_buckets(ani: Device) -> None:
    march = [ani.create_case(number=n)[0] for n in (1, 2)]
    april_at = AT.replace(month=4).isoformat()
    april = ani.create_case(number=3, received_at=april_at)[0]
    mine = {
        "2026-03": digest(_items(ani, *march)).model_dump(),
        "2026-04": digest(_items(ani, april)).model_dump(),
    }
    body = ani.post("/verify", {"buckets": mine}).json()
    assert body["mismatched"] == []
    assert body["server"] == mine

    ani.push(
        ani.op(
            OpType.CASE_EDIT,
            april,
            {"changes": {"summary": {"old": "", "new": "x"}}},
            base_version=1,
        )
    )
    stale = {**mine, "2026-01": digest([("ghost", 1, doc_hash("{}"))]).model_dump()}
    body = ani.post("/verify", {"buckets": stale}).json()
    assert body["mismatched"] == ["2026-01", "2026-04"]
    assert body["server"]["2026-04"] == digest(_items(ani, april)).model_dump()


def test_verify_compares_content_not_only_versions(ani: Device) -> None:
    case_id = ani.create_case(number=1)[0]
    [(_, version, _)] = _items(ani, case_id)
    docs = [c["case"] for c in ani.all_changes() if c["case"] is not None]
    damaged = {**docs[-1], "title": "RUSAK"}  # the same version, other content
    bad = {"2026-03": digest([(case_id, version, doc_hash(json.dumps(damaged)))]).model_dump()}
    assert ani.post("/verify", {"buckets": bad}).json()["mismatched"] == ["2026-03"]
    # Spacing and key order of the stored text are no difference.
    reordered = json.dumps(dict(reversed(list(docs[-1].items()))), indent=1)
    good = {"2026-03": digest([(case_id, version, doc_hash(reordered))]).model_dump()}
    assert ani.post("/verify", {"buckets": good}).json()["mismatched"] == []


def test_snapshot_pages_one_bucket_by_id_with_events(ani: Device, live_server: LiveServer) -> None:
    ids = sorted(ani.create_case(number=n)[0] for n in range(1, 6))
    live_server.add_user("budi2", "DISDIK", "rahasia-123")
    other = enroll(live_server, "budi2")
    other.create_case()  # another office's case: never in this office's snapshot
    got: list[str] = []
    after = ""
    while True:
        page = ani.get("/snapshot", params={"bucket": "2026-03", "after": after, "limit": 2}).json()
        got.extend(c["id"] for c in page["cases"])
        assert {e["case_id"] for e in page["events"]} == {c["id"] for c in page["cases"]}
        if not page["has_more"]:
            assert page["next_after"] is None
            break
        after = page["next_after"]
    assert got == ids
    assert ani.get("/snapshot", params={"bucket": "march"}).status_code == 400
