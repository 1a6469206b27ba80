"""Pushing operations: applied, replayed, gaps, poison ops, forgery, permissions."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from sqlalchemy import func, insert, select

from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import OpType
from server.tables import CaseEvent, CaseRow, CaseVersion, CategoryRow, ChangeLog, ProcessedOp
from tests.server.devices import Device, answers, case_data, enroll, setup_offices
from tests.support.live_server import LiveServer


@pytest.fixture
def ani(live_server: LiveServer) -> Device:
    setup_offices(live_server)
    return enroll(live_server, "ani")


def count(server: LiveServer, column: object) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(column)).scalar_one())  # type: ignore[arg-type]


def register_no(device: Device, n: int) -> str:
    return f"DINSOS/{device.enrollment['blocks'][0]['year']}/{n:05d}"


def test_a_pushed_create_is_applied_and_stored(ani: Device, live_server: LiveServer) -> None:
    case_id, result = ani.create_case()
    assert result["status"] == "applied"
    assert result["version"] == 1
    with live_server.engine.connect() as conn:
        row = conn.execute(select(CaseRow).where(CaseRow.id == case_id)).one()
    assert row.holder_office == "DINSOS"
    assert row.register_key == register_no(ani, 1)


def test_a_replayed_op_gets_the_stored_result_and_applies_once(
    ani: Device, live_server: LiveServer
) -> None:
    case_id = uuid7()
    create = ani.op(OpType.CASE_CREATE, case_id, case_data(register_no(ani, 1)))
    note = ani.op(
        OpType.EVENT_APPEND, case_id, {"kind": "note", "text": "Ditelepon"}, base_version=1
    )
    first = ani.push(create, note)
    again = ani.push(create, note)  # the response was "lost": the client resends the same ops
    assert again["results"] == first["results"]
    assert again["last_device_seq"] == 2
    assert count(live_server, ProcessedOp) == 2
    assert count(live_server, ChangeLog) == 2
    events = [e for c in ani.all_changes() for e in c["events"]]
    assert [e["kind"] for e in events] == ["created", "note"]


def test_a_gap_in_device_seq_stops_the_batch_and_names_the_expected_seq(
    ani: Device, live_server: LiveServer
) -> None:
    case_id = uuid7()
    create = ani.op(OpType.CASE_CREATE, case_id, case_data(register_no(ani, 1)), device_seq=1)
    later = ani.op(OpType.EVENT_APPEND, case_id, {"text": "catatan"}, base_version=1, device_seq=3)
    body = ani.push(create, later)
    assert [r["status"] for r in body["results"]] == ["applied"]
    assert body["expected_seq"] == 2
    assert body["last_device_seq"] == 1
    assert count(live_server, ProcessedOp) == 1
    # Starting past the gap applies nothing at all.
    body = ani.push(later)
    assert body["results"] == [] and body["expected_seq"] == 2
    missing = ani.op(
        OpType.EVENT_APPEND, case_id, {"text": "yang hilang"}, base_version=1, device_seq=2
    )
    body = ani.push(missing, later)
    assert [r["status"] for r in body["results"]] == ["applied", "applied"]
    assert body["expected_seq"] is None and body["last_device_seq"] == 3


def test_a_poison_op_is_rejected_and_recorded_while_later_ops_apply(
    ani: Device, live_server: LiveServer
) -> None:
    case_id = uuid7()
    ops = [
        ani.op(OpType.CASE_CREATE, case_id, case_data(register_no(ani, 1))),
        # An unknown field: the domain refuses it.
        ani.op(
            OpType.CASE_EDIT,
            case_id,
            {"changes": {"warna": {"old": None, "new": "merah"}}},
            base_version=1,
        ),
        # A transition the workflow does not allow.
        ani.op(
            OpType.CASE_TRANSITION, case_id, {"from": "RECEIVED", "to": "RESOLVED"}, base_version=1
        ),
        ani.op(
            OpType.CASE_EDIT,
            case_id,
            {"changes": {"title": {"old": None, "new": "Jalan rusak parah"}}},
            base_version=1,
        ),
    ]
    ops[3]["data"]["changes"]["title"]["old"] = "Jalan berlubang di Desa Kolor"
    body = ani.push(*ops)
    statuses = [(r["status"], r["code"]) for r in body["results"]]
    assert statuses[0] == ("applied", None)
    assert statuses[1][0] == "rejected" and statuses[1][1]
    assert statuses[2] == ("rejected", "illegal_transition")
    assert statuses[3] == ("applied", None)
    assert body["last_device_seq"] == 4
    assert count(live_server, ProcessedOp) == 4
    [case] = [c["case"] for c in ani.all_changes()][-1:]
    assert case["title"] == "Jalan rusak parah"
    assert case["status"] == "RECEIVED"
    # A rejection is final: the replay answers the same.
    assert ani.push(ops[2])["results"][0]["code"] == "illegal_transition"


def test_unstorable_content_is_a_per_op_rejection_and_the_queue_moves_on(
    ani: Device, live_server: LiveServer
) -> None:
    case_id = uuid7()

    def note(text: str, **fields: str) -> dict[str, Any]:
        return {**ani.op(OpType.EVENT_APPEND, case_id, {"text": text}, base_version=1), **fields}

    ops = [
        ani.op(OpType.CASE_CREATE, case_id, case_data(register_no(ani, 1))),
        note("BAD_NUL"),
        note("Ditelepon"),
        note("BAD_SURROGATE"),
        note("x", actor="BAD_SURROGATE"),
        {**note("x"), "data": {"text": "x", "lat": "BAD_NUMBER"}},
        note("Disurvei"),
    ]
    # Escapes as they travel on the wire: Python's json would refuse to write NaN itself.
    raw = json.dumps({"device_id": ani.device_id, "ops": ops})
    raw = raw.replace('"BAD_NUL"', '"a\\u0000b"').replace('"BAD_SURROGATE"', '"\\ud800"')
    raw = raw.replace('"BAD_NUMBER"', "Infinity")

    def push() -> dict[str, Any]:
        response = ani.http.post(
            ani.url("/push"),
            data=raw.encode(),
            headers={**ani.headers, "Content-Type": "application/json"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    body = push()
    results = answers(body, ops)
    statuses = [r["code"] or r["status"] for r in results]
    assert statuses == ["applied", "bad_request", "applied"] + ["bad_request"] * 3 + ["applied"]
    assert all(r["message"] for r in results if r["status"] == "rejected")
    assert body["last_device_seq"] == len(ops)
    assert push() == body  # the replay answers with the stored results
    assert count(live_server, ProcessedOp) == len(ops)
    with live_server.engine.connect() as conn:
        events = conn.execute(select(CaseEvent.doc).where(CaseEvent.case_id == case_id)).all()
        docs = [row.doc for row in events]
        docs += conn.execute(select(CaseRow.doc).where(CaseRow.id == case_id)).scalars().all()
        docs += conn.execute(select(CaseVersion.doc)).scalars().all()
    assert len(events) == 3  # created and the two good notes
    assert not any(marker in doc for doc in docs for marker in ("a\\u0000b", "\\ud800", "Infinity"))
    # The next op of the queue goes through as usual.
    [after] = ani.push(note("Selesai disurvei"))["results"]
    assert after["status"] in ("applied", "merged")


def test_a_reused_device_seq_with_a_new_op_is_rejected_stale(ani: Device) -> None:
    case_id, _ = ani.create_case()
    stale = ani.op(OpType.EVENT_APPEND, case_id, {"text": "x"}, base_version=1, device_seq=1)
    [result] = ani.push(stale)["results"]
    assert (result["status"], result["code"]) == ("rejected", "stale_seq")


def test_forged_device_or_office_is_403_and_nothing_is_written(
    ani: Device, live_server: LiveServer
) -> None:
    good = ani.op(OpType.CASE_CREATE, uuid7(), case_data(register_no(ani, 1)))
    forged_device = {
        **ani.op(OpType.CASE_CREATE, uuid7(), case_data(register_no(ani, 2))),
        "device_id": "other",
    }
    forged_office = {
        **ani.op(OpType.CASE_CREATE, uuid7(), case_data(register_no(ani, 3))),
        "office": "DISDIK",
    }
    for bad in (forged_device, forged_office):
        response = ani.post("/push", {"device_id": ani.device_id, "ops": [good, bad]})
        assert response.status_code == 403
        assert response.json()["error"] == "forbidden"
    response = ani.post("/push", {"device_id": "other", "ops": [good]})
    assert response.status_code == 403
    assert count(live_server, ProcessedOp) == 0
    assert count(live_server, CaseRow) == 0


def test_an_unknown_op_type_is_400_and_nothing_is_written(
    ani: Device, live_server: LiveServer
) -> None:
    good = ani.op(OpType.CASE_CREATE, uuid7(), case_data(register_no(ani, 1)))
    bad = {**ani.op(OpType.EVENT_APPEND, uuid7(), {"text": "x"}), "op_type": "case.explode"}
    response = ani.post("/push", {"device_id": ani.device_id, "ops": [good, bad]})
    assert response.status_code == 400
    assert "case.explode" in response.json()["message"]
    assert count(live_server, ProcessedOp) == 0


def test_an_op_on_another_offices_case_is_rejected_not_permitted(
    ani: Device, live_server: LiveServer
) -> None:
    budi = enroll(live_server, "budi")
    case_id, _ = ani.create_case()
    edit = budi.op(
        OpType.CASE_EDIT,
        case_id,
        {"changes": {"title": {"old": "Jalan berlubang di Desa Kolor", "new": "Diambil alih"}}},
        base_version=1,
    )
    note = budi.op(OpType.EVENT_APPEND, case_id, {"text": "ikut campur"}, base_version=1)
    results = budi.push(edit, note)["results"]
    assert [(r["status"], r["code"]) for r in results] == [("rejected", "not_permitted")] * 2
    assert budi.all_changes() == []
    [change] = ani.all_changes()
    assert change["case"]["title"] == "Jalan berlubang di Desa Kolor"


def test_a_duplicate_register_number_is_rejected(ani: Device, live_server: LiveServer) -> None:
    live_server.add_user("ani2", "DINSOS", "rahasia-123")
    other = enroll(live_server, "ani2")
    ani.create_case(number=7)
    _, result = other.create_case(number=7)
    assert (result["status"], result["code"]) == ("rejected", "duplicate_number")
    # Another office's numbers are not ours to use.
    foreign = ani.op(
        OpType.CASE_CREATE, uuid7(), case_data(register_no(ani, 8).replace("DINSOS", "DISDIK"))
    )
    [result] = ani.push(foreign)["results"]
    assert (result["status"], result["code"]) == ("rejected", "not_permitted")


def test_an_edit_from_an_old_base_is_merged(ani: Device) -> None:
    case_id, _ = ani.create_case()
    first = ani.op(
        OpType.CASE_EDIT,
        case_id,
        {"changes": {"summary": {"old": "", "new": "Ringkas"}}},
        base_version=1,
    )
    second = ani.op(
        OpType.CASE_EDIT,
        case_id,
        {"changes": {"priority": {"old": "normal", "new": "tinggi"}}},
        base_version=1,
    )
    results = ani.push(first, second)["results"]
    assert [r["status"] for r in results] == ["applied", "merged"]
    assert results[1]["fields"] == ["priority"] and results[1]["version"] == 3


def test_an_anonymous_case_never_carries_a_reporter(ani: Device, live_server: LiveServer) -> None:
    case_id = uuid7()
    op = ani.op(OpType.CASE_CREATE, case_id, case_data(register_no(ani, 1), anonymous=True))
    [result] = ani.push(op)["results"]
    assert result["status"] == "rejected"  # the domain refuses the identity outright
    clean = ani.op(
        OpType.CASE_CREATE, case_id, case_data(register_no(ani, 1), anonymous=True, reporter=None)
    )
    [result] = ani.push(clean)["results"]
    assert result["status"] == "applied"
    with live_server.engine.connect() as conn:
        doc = conn.execute(select(CaseRow.doc).where(CaseRow.id == case_id)).scalar_one()
    assert "Siti" not in doc and "0812" not in doc


def test_too_many_ops_in_one_push_is_413(ani: Device) -> None:
    ops = [ani.op(OpType.EVENT_APPEND, uuid7(), {"text": "x"}) for _ in range(501)]
    response = ani.post("/push", {"device_id": ani.device_id, "ops": ops})
    assert response.status_code == 413


def test_push_needs_a_token(live_server: LiveServer) -> None:
    response = requests.post(
        live_server.api + "/push", json={"device_id": "x", "ops": []}, timeout=30
    )
    assert response.status_code == 401


def _events_of(device: Device, op: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for c in device.all_changes() for e in c["events"] if e["op_id"] == op["op_id"]]


def test_an_edit_another_op_already_made_is_merged_with_its_event_and_no_version(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, _ = ani.create_case()
    change = {"changes": {"summary": {"old": "", "new": "Ringkas"}}}
    first = ani.op(OpType.CASE_EDIT, case_id, change, base_version=1)
    second = ani.op(OpType.CASE_EDIT, case_id, change, base_version=1)  # another PC, same edit
    results = ani.push(first, second)["results"]
    assert [(r["status"], r["version"]) for r in results] == [("applied", 2), ("merged", 2)]
    assert count(live_server, CaseVersion) == 2  # the create and the first edit only
    # The event the second op's PC wrote reaches everyone.
    (event,) = _events_of(ani, second)
    assert event["kind"] == "edited" and event["data"] == {"changed": {"summary": "Ringkas"}}


def test_a_second_resolution_is_merged_recorded_and_changes_nothing(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, _ = ani.create_case()
    edits = [
        ani.op(
            OpType.CASE_EDIT,
            case_id,
            {"changes": {"title": {"old": "Jalan berlubang di Desa Kolor", "new": title}}},
            base_version=1,
        )
        for title in ("Judul A", "Judul B")
    ]
    (conflict_id,) = ani.push(*edits)["results"][1]["conflict_ids"]
    resolves = [
        ani.op(
            OpType.CONFLICT_RESOLVE,
            case_id,
            {"conflict_id": conflict_id, "choice": choice},
            base_version=3,
        )
        for choice in ("ours", "theirs")
    ]
    results = ani.push(*resolves)["results"]
    assert [(r["status"], r["version"]) for r in results] == [("applied", 4), ("merged", 4)]
    with live_server.engine.connect() as conn:
        doc = json.loads(
            conn.execute(select(CaseRow.doc).where(CaseRow.id == case_id)).scalar_one()
        )
    assert doc["title"] == "Judul B"  # the first resolution ("ours": B's edit) stands
    assert [c["resolution"] for c in doc["conflicts"]] == ["ours"]
    kinds = {e["kind"]: e["data"] for e in _events_of(ani, resolves[1])}
    assert kinds["conflict_resolved"]["choice"] == "theirs"
    assert kinds["conflict_resolve_late"]["resolution"] == "ours"


def test_master_data_changed_while_the_server_runs_applies_to_the_next_batch(
    ani: Device, live_server: LiveServer
) -> None:
    # The server keeps the rules it built between batches (server.master); an admin's change
    # from another process must still count at once, never after a restart.
    new_category = {"category_code": "INFRASTRUKTUR.JEMBATAN_GANTUNG"}
    refused = ani.push(
        ani.op(OpType.CASE_CREATE, uuid7(), case_data(register_no(ani, 1), **new_category))
    )
    assert [r["status"] for r in refused["results"]] == ["rejected"]
    assert "JEMBATAN_GANTUNG" in refused["results"][0]["message"]
    with live_server.engine.begin() as conn:
        parent = conn.execute(
            select(CategoryRow.code).where(CategoryRow.code == "INFRASTRUKTUR")
        ).scalar_one()
        conn.execute(
            insert(CategoryRow).values(
                code=f"{parent}.JEMBATAN_GANTUNG",
                name="Jembatan Gantung",
                parent_code=parent,
                active=True,
                position=999,
            )
        )
    case_id = uuid7()
    taken = ani.push(
        ani.op(OpType.CASE_CREATE, case_id, case_data(register_no(ani, 2), **new_category))
    )
    assert [r["status"] for r in taken["results"]] == ["applied"]
    with live_server.engine.connect() as conn:
        doc = json.loads(
            conn.execute(select(CaseRow.doc).where(CaseRow.id == case_id)).scalar_one()
        )
    assert doc["category_code"] == "INFRASTRUKTUR.JEMBATAN_GANTUNG"
