"""Who receives what: dispositions, monitoring, confidential cases, leave_scope, conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import OpType
from server import changes
from server.auth import Caller
from server.db import read_session
from server.tables import ConflictRow
from tests.server.devices import Device, enroll, setup_offices
from tests.support.live_server import LiveServer

TITLE = "Jalan berlubang di Desa Kolor"


@dataclass
class Offices:
    ani: Device  # DINSOS operator
    budi: Device  # DISDIK operator
    citra: Device  # coordinator at KOMINFO


@pytest.fixture
def offices(live_server: LiveServer) -> Offices:
    setup_offices(live_server)
    return Offices(
        enroll(live_server, "ani"), enroll(live_server, "budi"), enroll(live_server, "citra")
    )


def dispose(
    device: Device, case_id: str, to_office: str, base_version: int, status: str = "RECEIVED"
) -> dict[str, Any]:
    op = device.op(
        OpType.CASE_DISPOSE,
        case_id,
        {
            "from": status,
            "disposition": {
                "id": uuid7(),
                "to_office": to_office,
                "to_unit": None,
                "to_person": None,
                "instructions": ["Mohon ditindaklanjuti"],
                "note": "",
                "sifat": "biasa",
            },
        },
        base_version=base_version,
    )
    [result] = device.push(op)["results"]
    return result


def edit(
    device: Device, case_id: str, base_version: int, **changes: tuple[Any, Any]
) -> dict[str, Any]:
    data = {"changes": {name: {"old": old, "new": new} for name, (old, new) in changes.items()}}
    [result] = device.push(device.op(OpType.CASE_EDIT, case_id, data, base_version=base_version))[
        "results"
    ]
    return result


def latest(changes: list[dict[str, Any]], case_id: str) -> dict[str, Any]:
    return [c for c in changes if c["id"] == case_id][-1]


def test_a_disposition_moves_the_holder_and_the_sender_keeps_monitoring(offices: Offices) -> None:
    ani, budi = offices.ani, offices.budi
    case_id, _ = ani.create_case()
    assert budi.all_changes() == []
    result = dispose(ani, case_id, "DISDIK", 1)
    assert result["status"] == "applied"

    received = latest(budi.all_changes(), case_id)
    assert received["kind"] == "upsert"
    assert received["case"]["holder_office"] == "DISDIK"
    # The new holder never received the case before: its whole history comes along.
    assert [e["kind"] for e in received["events"]] == ["created", "disposed"]

    # The new holder acts; the sender sees it (monitored, read-only copy).
    follow = budi.op(
        OpType.CASE_FOLLOW_UP, case_id, {"id": uuid7(), "text": "Sudah disurvei"}, base_version=2
    )
    assert budi.push(follow)["results"][0]["status"] == "applied"
    seen = latest(ani.all_changes(), case_id)
    assert seen["kind"] == "upsert"
    assert seen["case"]["status"] == "IN_PROGRESS"
    assert [e["kind"] for e in seen["events"]] == ["follow_up"]

    # The sender no longer holds it: its follow-up is refused, its notes are accepted.
    late = ani.op(
        OpType.CASE_FOLLOW_UP, case_id, {"id": uuid7(), "text": "dari kami"}, base_version=2
    )
    note = ani.op(OpType.EVENT_APPEND, case_id, {"text": "Pelapor menelepon lagi"}, base_version=2)
    results = ani.push(late, note)["results"]
    # The note's base (2) is behind the case (3): "merged", as docs/sync.md defines it.
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "not_permitted"),
        ("merged", None),
    ]


def test_an_office_entering_a_cases_scope_receives_its_whole_history_once(
    offices: Offices,
) -> None:
    ani, budi = offices.ani, offices.budi
    case_id, _ = ani.create_case()
    other, _ = ani.create_case(number=2)
    note = ani.op(OpType.EVENT_APPEND, case_id, {"text": "Pelapor menelepon"}, base_version=1)
    assert ani.push(note)["results"][0]["status"] == "applied"
    assert dispose(ani, case_id, "DISDIK", 1)["status"] in ("applied", "merged")

    def events_of(changes: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [(e["id"], e["kind"]) for c in changes if c["id"] == case_id for e in c["events"]]

    sent = events_of(ani.all_changes())
    assert [kind for _, kind in sent] == ["created", "note", "disposed"]
    first = budi.changes()
    assert {c["id"] for c in first["changes"]} == {case_id}  # never the case kept at DINSOS
    assert events_of(first["changes"]) == sent  # the same ids: the client inserts them once

    # From then on only what is new: the office is in the scope of every later change.
    later = ani.op(OpType.EVENT_APPEND, case_id, {"text": "Ditelepon lagi"}, base_version=2)
    assert ani.push(later)["results"][0]["status"] in ("applied", "merged")
    follow = budi.op(
        OpType.CASE_FOLLOW_UP, case_id, {"id": uuid7(), "text": "Sudah disurvei"}, base_version=2
    )
    assert budi.push(follow)["results"][0]["status"] in ("applied", "merged")
    second = budi.all_changes(first["next_cursor"])
    assert [kind for _, kind in events_of(second)] == ["note", "follow_up"]
    assert not set(events_of(second)) & set(sent)
    # The office that disposed it keeps monitoring: it too gets only the new events.
    assert [k for _, k in events_of(ani.all_changes())] == [k for _, k in sent] + [
        "note",
        "follow_up",
    ]
    assert other not in {c["id"] for c in budi.all_changes()}


def test_an_office_back_in_scope_receives_the_history_it_missed(offices: Offices) -> None:
    ani, budi = offices.ani, offices.budi
    case_id, _ = ani.create_case()
    dispose(ani, case_id, "DISDIK", 1)
    assert edit(budi, case_id, 2, confidential=(False, True))["status"] == "applied"
    cursor = ani.changes()["next_cursor"]
    secret = budi.op(OpType.EVENT_APPEND, case_id, {"text": "Tertutup"}, base_version=3)
    assert budi.push(secret)["results"][0]["status"] in ("applied", "merged")
    assert ani.changes(cursor)["changes"] == []  # nothing while it is confidential
    assert edit(budi, case_id, 3, confidential=(True, False))["status"] in ("applied", "merged")
    [back] = ani.changes(cursor)["changes"]
    assert back["kind"] == "upsert" and back["case"]["confidential"] is False
    kinds = [e["kind"] for e in back["events"]]
    assert kinds[0] == "created" and "note" in kinds
    everything = [e["id"] for c in budi.all_changes() for e in c["events"]]
    assert sorted(e["id"] for e in back["events"]) == sorted(set(everything))


def test_pages_of_histories_stay_bounded(offices: Offices, live_server: LiveServer) -> None:
    ani, budi = offices.ani, offices.budi
    ids = [ani.create_case(number=n)[0] for n in (1, 2, 3)]
    for case_id in ids:
        for text in ("satu", "dua"):
            note = ani.op(OpType.EVENT_APPEND, case_id, {"text": text}, base_version=1)
            ani.push(note)
        dispose(ani, case_id, "DISDIK", 1)
    caller = Caller(budi.device_id, "budi", "DISDIK", Role.OPERATOR, "Asia/Jakarta")
    got: list[dict[str, Any]] = []
    cursor = 0
    while True:  # four events per case's history: a budget of five holds one case a page
        with read_session(live_server.engine) as session:
            page = changes.page(session, caller, cursor, limit=100, max_events=5)
        assert len(page.changes) == 1
        got.extend(c.model_dump() for c in page.changes)
        cursor = page.next_cursor
        if not page.has_more:
            break
    assert [c["id"] for c in got] == ids
    assert all(len(c["events"]) == 4 for c in got)
    assert got == budi.all_changes()  # the endpoint's budget is far above this


def test_confidential_cases_reach_only_the_holder_and_coordinators(offices: Offices) -> None:
    ani, budi, citra = offices.ani, offices.budi, offices.citra
    secret, _ = ani.create_case(confidential=True)
    open_case, _ = ani.create_case(number=2)
    assert {c["id"] for c in budi.all_changes()} == set()
    assert {c["id"] for c in citra.all_changes()} == {secret, open_case}
    assert {c["id"] for c in ani.all_changes()} == {secret, open_case}


def test_making_a_case_confidential_sends_leave_scope_to_offices_that_lose_it(
    offices: Offices,
) -> None:
    ani, budi = offices.ani, offices.budi
    case_id, _ = ani.create_case()
    dispose(ani, case_id, "DISDIK", 1)
    cursor = ani.changes()["next_cursor"]
    assert edit(budi, case_id, 2, confidential=(False, True))["status"] == "applied"

    [change] = ani.changes(cursor)["changes"]
    assert change["kind"] == "leave_scope"
    assert change["case"] is None and change["events"] == []
    # Replaying the office's whole feed never shows the confidential document either.
    for earlier in ani.all_changes():
        if earlier["kind"] == "upsert" and earlier["case"] is not None:
            assert earlier["case"]["confidential"] is False
    assert latest(budi.all_changes(), case_id)["case"]["confidential"] is True
    # Work the office did before it learned (it held the case: it disposed it) is kept for the
    # holder, as docs/sync.md says; it still never receives the confidential document.
    cursor = ani.changes()["next_cursor"]
    note = ani.op(OpType.EVENT_APPEND, case_id, {"text": "?"}, base_version=3)
    assert ani.push(note)["results"][0]["status"] == "applied"
    assert all(c["case"] is None for c in ani.changes(cursor)["changes"])
    assert "?" in {e["summary"] for c in budi.all_changes() for e in c["events"]}


def test_same_field_edited_from_the_same_base_becomes_a_conflict(
    offices: Offices, live_server: LiveServer
) -> None:
    ani, budi = offices.ani, offices.budi
    live_server.add_user("ani2", "DINSOS", "rahasia-123")
    ani2 = enroll(live_server, "ani2")
    case_id, _ = ani.create_case()
    first = edit(ani, case_id, 1, title=(TITLE, "Jalan rusak di Kolor"))
    second = edit(ani2, case_id, 1, title=(TITLE, "Lubang di jalan Kolor"))
    assert first["status"] == "applied"
    assert second["status"] == "conflict"
    assert second["fields"] == ["title"] and len(second["conflict_ids"]) == 1
    doc = latest(ani.all_changes(), case_id)["case"]
    assert doc["title"] == "Jalan rusak di Kolor"  # the server's value is kept
    [conflict] = doc["conflicts"]
    assert conflict["id"] == second["conflict_ids"][0]
    assert (conflict["ours"], conflict["theirs"], conflict["status"]) == (
        "Lubang di jalan Kolor",
        "Jalan rusak di Kolor",
        "open",
    )
    with live_server.engine.connect() as conn:
        indexed = conn.execute(select(ConflictRow.id, ConflictRow.field, ConflictRow.status)).all()
    assert [tuple(r) for r in indexed] == [(conflict["id"], "title", "open")]

    # The holder resolves it; the first resolution wins and closes it everywhere.
    resolve = ani.op(
        OpType.CONFLICT_RESOLVE,
        case_id,
        {"conflict_id": conflict["id"], "choice": "ours"},
        base_version=doc["version"],
    )
    assert ani.push(resolve)["results"][0]["status"] == "applied"
    doc = latest(budi.all_changes() or ani.all_changes(), case_id)["case"]
    assert doc["title"] == "Lubang di jalan Kolor"
    assert doc["conflicts"][0]["status"] == "resolved"
    with live_server.engine.connect() as conn:
        assert conn.execute(select(ConflictRow.status)).scalar_one() == "resolved"


def test_two_offices_editing_the_same_field_from_the_same_base_make_a_conflict(
    offices: Offices,
) -> None:
    ani, budi = offices.ani, offices.budi
    case_id, _ = ani.create_case()
    dispose(ani, case_id, "DISDIK", 1)
    # Both offices edit the summary from version 2, each offline; the holder's arrives first.
    assert edit(budi, case_id, 2, summary=("", "Ringkasan DISDIK"))["status"] == "applied"
    result = edit(ani, case_id, 2, summary=("", "Ringkasan dari DINSOS"))
    assert result["status"] == "conflict" and result["fields"] == ["summary"]
    for device in (budi, ani):  # the conflict travels with the case to every office in scope
        doc = latest(device.all_changes(), case_id)["case"]
        assert doc["summary"] == "Ringkasan DISDIK"
        [conflict] = doc["conflicts"]
        assert (conflict["office"], conflict["ours"], conflict["theirs"]) == (
            "DINSOS",
            "Ringkasan dari DINSOS",
            "Ringkasan DISDIK",
        )
        assert conflict["id"] == result["conflict_ids"][0]


def test_an_edit_from_a_former_holder_becomes_a_conflict_for_the_new_holder(
    offices: Offices,
) -> None:
    ani, budi = offices.ani, offices.budi
    case_id, _ = ani.create_case()
    dispose(ani, case_id, "DISDIK", 1)
    # DINSOS edited offline from version 1, before it learnt of its own disposition's effect.
    result = edit(ani, case_id, 1, summary=("", "Ringkasan dari DINSOS"))
    assert result["status"] == "conflict"
    doc = latest(budi.all_changes(), case_id)["case"]
    assert doc["summary"] == ""
    assert [c["office"] for c in doc["conflicts"]] == ["DINSOS"]


def test_coordinators_see_and_may_act_on_every_case(offices: Offices) -> None:
    ani, citra = offices.ani, offices.citra
    case_id, _ = ani.create_case()
    note = citra.op(OpType.EVENT_APPEND, case_id, {"text": "Dipantau Kabupaten"}, base_version=1)
    note["office"] = "KOMINFO"
    assert citra.push(note)["results"][0]["status"] == "applied"
    assert [e["kind"] for e in latest(ani.all_changes(), case_id)["events"]] == ["note"]
