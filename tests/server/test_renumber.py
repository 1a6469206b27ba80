"""case.renumber on the server: a provisional number replaced, checked like a create's number."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import OpType
from server.tables import CaseRow
from tests.server.devices import Device, case_data, enroll, setup_offices
from tests.support.live_server import LiveServer


@pytest.fixture
def ani(live_server: LiveServer) -> Device:
    setup_offices(live_server)
    return enroll(live_server, "ani")


def _year(device: Device) -> int:
    return int(device.enrollment["blocks"][0]["year"])


def _number(device: Device, tail: str) -> str:
    return f"DINSOS/{_year(device)}/{tail}"


def _create_provisional(device: Device, n: int) -> tuple[str, str]:
    case_id = uuid7()
    provisional = _number(device, f"S-{n}")
    [result] = device.push(device.op(OpType.CASE_CREATE, case_id, case_data(provisional)))[
        "results"
    ]
    assert result["status"] == "applied", result
    return case_id, provisional


def _renumber(
    device: Device, case_id: str, new: str, old: str, base_version: int = 1
) -> dict[str, Any]:
    op = device.op(
        OpType.CASE_RENUMBER,
        case_id,
        {"register_no": new, "provisional": old},
        base_version=base_version,
    )
    [result] = device.push(op)["results"]
    return dict(result)


def _row(server: LiveServer, case_id: str) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(select(CaseRow).where(CaseRow.id == case_id)).one()


def test_a_renumber_sets_the_official_number_and_its_key_and_keeps_the_alias(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, provisional = _create_provisional(ani, 1)
    row = _row(live_server, case_id)
    assert row.register_no == provisional and row.register_key is None
    official = _number(ani, "00003")
    result = _renumber(ani, case_id, official, provisional)
    assert (result["status"], result["version"]) == ("applied", 2)
    row = _row(live_server, case_id)
    assert (row.register_no, row.register_key) == (official, official)
    doc = json.loads(row.doc)
    assert doc["register_aliases"] == [provisional]
    # The office's other PCs receive it as a change (the create's, then the renumber's).
    changes = [c for c in ani.all_changes() if c["id"] == case_id]
    assert changes[-1]["case"]["register_no"] == official
    assert [e["kind"] for c in changes for e in c["events"]] == ["created", "renumbered"]


def test_a_renumber_to_a_number_another_case_has_is_a_duplicate(
    ani: Device, live_server: LiveServer
) -> None:
    ani.create_case(number=5)
    case_id, provisional = _create_provisional(ani, 1)
    result = _renumber(ani, case_id, _number(ani, "00005"), provisional)
    assert (result["status"], result["code"]) == ("rejected", "duplicate_number")
    row = _row(live_server, case_id)
    assert (row.register_no, row.register_key) == (provisional, None)
    # The next sync draws another number: that one goes through.
    assert _renumber(ani, case_id, _number(ani, "00006"), provisional)["status"] == "applied"


def test_two_provisional_cases_with_the_same_s_number_both_get_their_own_numbers(
    ani: Device, live_server: LiveServer
) -> None:
    live_server.add_user("ani2", "DINSOS", "rahasia-123")
    other = enroll(live_server, "ani2")
    first, provisional = _create_provisional(ani, 1)
    second, same = _create_provisional(other, 1)  # both PCs ran dry offline
    assert provisional == same
    assert _renumber(ani, first, _number(ani, "00011"), provisional)["status"] == "applied"
    assert _renumber(other, second, _number(ani, "00012"), same)["status"] == "applied"
    # Nor can the second PC take the first one's number.
    third, again = _create_provisional(other, 2)
    refused = _renumber(other, third, _number(ani, "00011"), again)
    assert refused["code"] == "duplicate_number"


def test_a_renumber_replayed_gets_the_same_answer_and_a_repeat_is_a_noop(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, provisional = _create_provisional(ani, 1)
    official = _number(ani, "00004")
    op = ani.op(
        OpType.CASE_RENUMBER,
        case_id,
        {"register_no": official, "provisional": provisional},
        base_version=1,
    )
    first = ani.push(op)["results"]
    assert ani.push(op)["results"] == first
    repeat = _renumber(ani, case_id, official, provisional, base_version=2)
    assert (repeat["status"], repeat["version"]) == ("applied", 2)
    assert _row(live_server, case_id).version == 2


def test_a_renumber_to_another_office_or_a_bad_number_is_refused(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, provisional = _create_provisional(ani, 1)
    foreign = _renumber(
        ani, case_id, provisional.replace("DINSOS", "DISDIK")[:-3] + "00001", provisional
    )
    assert (foreign["status"], foreign["code"]) == ("rejected", "not_permitted")
    huge = _renumber(ani, case_id, _number(ani, "99999999999"), provisional)
    assert (huge["status"], huge["code"]) == ("rejected", "invalid")
    still = _renumber(ani, case_id, _number(ani, "S-7"), provisional)
    assert (still["status"], still["code"]) == ("rejected", "invalid")
    assert _row(live_server, case_id).register_no == provisional
    # Another office, outside the case's scope, may not touch it at all.
    budi = enroll(live_server, "budi")
    outsider = _renumber(budi, case_id, f"DISDIK/{_year(ani)}/00001", provisional)
    assert (outsider["status"], outsider["code"]) == ("rejected", "not_permitted")
