"""hello, enrollment, tokens, master data and number leases against the live server."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from server.cli import main
from tests.server.devices import PASSWORD, MovableClock, enroll, enroll_raw, setup_offices
from tests.support.live_server import LiveServer, start_live_server


def hello(server: LiveServer, protocols: list[int], **extra: object) -> requests.Response:
    body = {
        "protocols": protocols,
        "app": "lapor-desktop/0.1.0",
        "client_time": datetime.now(UTC).isoformat(),
        **extra,
    }
    return requests.post(server.api + "/hello", json=body, timeout=30)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def clocked_server(
    server_db_url: str | None, tmp_path: Path, clock: MovableClock
) -> Iterator[LiveServer]:
    server = start_live_server(server_db_url, tmp_path / "server", clock=clock)
    setup_offices(server)
    yield server
    server.stop()


def test_hello_negotiates_the_protocol_and_announces_limits(live_server: LiveServer) -> None:
    response = hello(live_server, [1, 2])
    assert response.status_code == 200
    body = response.json()
    assert body["protocol"] == 1
    assert body["must_update"] is False
    assert body["message"] is None
    assert body["limits"]["max_ops"] == 500


def test_hello_without_a_common_protocol_is_426(live_server: LiveServer) -> None:
    response = hello(live_server, [7])
    assert response.status_code == 426
    body = response.json()
    assert body["error"] == "upgrade_required"
    assert "update" in body["message"]


def test_hello_warns_about_a_skewed_clock(live_server: LiveServer) -> None:
    skewed = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    body = hello(live_server, [1], client_time=skewed).json()
    assert body["must_update"] is False
    assert "120 minutes" in body["message"]


def test_hello_asks_an_old_application_to_update(server_db_url: str | None, tmp_path: Path) -> None:
    server = start_live_server(server_db_url, tmp_path / "server", min_app="0.2.0")
    try:
        old = hello(server, [1]).json()  # "lapor-desktop/0.1.0"
        new = hello(server, [1], app="lapor-desktop/0.10.1").json()
    finally:
        server.stop()
    assert old["must_update"] is True and "0.2.0" in old["message"]
    assert new["must_update"] is False


def test_enrollment_registers_the_device_and_leases_a_block(live_server: LiveServer) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    body = device.enrollment
    assert body["office"]["code"] == "DINSOS"
    assert body["user"] == {
        "username": "ani",
        "name": "ani",
        "role": "operator",
        "office": "DINSOS",
    }
    [block] = body["blocks"]
    assert block["register"] == "register:DINSOS"
    assert (block["start"], block["end"]) == (1, 200)
    assert device.get("/master").status_code == 200


def test_wrong_password_and_unknown_user_are_401(live_server: LiveServer) -> None:
    setup_offices(live_server)
    wrong = enroll_raw(live_server, "ani", "salah-sekali", "dev-1")
    unknown = enroll_raw(live_server, "nobody", PASSWORD, "dev-1")
    assert (wrong.status_code, unknown.status_code) == (401, 401)
    assert wrong.json()["error"] == unknown.json()["error"] == "unauthorized"
    # Nothing was registered: the device can still enroll to the office of whoever logs in.
    assert enroll(live_server, "budi", device_id="dev-1").office == "DISDIK"


def test_requests_without_a_valid_token_are_401(live_server: LiveServer) -> None:
    missing = requests.get(live_server.api + "/master", timeout=30)
    forged = requests.get(
        live_server.api + "/master", headers={"Authorization": "Bearer nope"}, timeout=30
    )
    assert (missing.status_code, forged.status_code) == (401, 401)
    assert missing.json()["error"] == "unauthorized"


def test_access_token_expires_after_an_hour_and_refresh_rotates(
    clocked_server: LiveServer, clock: MovableClock
) -> None:
    device = enroll(clocked_server, "ani")
    clock.advance(timedelta(minutes=59))
    assert device.get("/master").status_code == 200
    clock.advance(timedelta(minutes=2))
    expired = device.get("/master")
    assert expired.status_code == 401
    assert expired.json()["error"] == "token_expired"

    old_refresh = device.refresh_token
    rotated = requests.post(
        clocked_server.api + "/token",
        json={"device_id": device.device_id, "refresh_token": old_refresh},
        timeout=30,
    )
    assert rotated.status_code == 200
    tokens = rotated.json()
    assert tokens["refresh_token"] != old_refresh
    device.access_token = tokens["access_token"]
    assert device.get("/master").status_code == 200

    reused = requests.post(
        clocked_server.api + "/token",
        json={"device_id": device.device_id, "refresh_token": old_refresh},
        timeout=30,
    )
    assert reused.status_code == 401
    assert reused.json()["error"] == "token_reused"
    # The rotated token is still the device's valid refresh token.
    again = requests.post(
        clocked_server.api + "/token",
        json={"device_id": device.device_id, "refresh_token": tokens["refresh_token"]},
        timeout=30,
    )
    assert again.status_code == 200


def test_refresh_token_expires_after_90_days(
    clocked_server: LiveServer, clock: MovableClock
) -> None:
    device = enroll(clocked_server, "ani")
    clock.advance(timedelta(days=91))
    response = requests.post(
        clocked_server.api + "/token",
        json={"device_id": device.device_id, "refresh_token": device.refresh_token},
        timeout=30,
    )
    assert response.status_code == 401
    assert response.json()["error"] == "token_expired"


def test_refresh_token_of_another_device_is_403(live_server: LiveServer) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    response = requests.post(
        live_server.api + "/token",
        json={"device_id": "someone-else", "refresh_token": device.refresh_token},
        timeout=30,
    )
    assert response.status_code == 403


def test_revoked_device_is_refused_with_403(live_server: LiveServer) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    live_server.revoke_device(device.device_id)
    response = device.get("/master")
    assert response.status_code == 403
    assert response.json()["error"] == "revoked"
    refresh = requests.post(
        live_server.api + "/token",
        json={"device_id": device.device_id, "refresh_token": device.refresh_token},
        timeout=30,
    )
    assert (refresh.status_code, refresh.json()["error"]) == (403, "revoked")
    again = enroll_raw(live_server, "ani", PASSWORD, device.device_id)
    assert again.status_code == 403
    assert again.json()["error"] == "revoked"


def test_a_device_revoked_from_the_cli_hears_revoked_even_with_expired_tokens(
    clocked_server: LiveServer, clock: MovableClock, capsys: pytest.CaptureFixture[str]
) -> None:
    device = enroll(clocked_server, "ani")
    spent = device.refresh_token
    rotated = requests.post(
        clocked_server.api + "/token",
        json={"device_id": device.device_id, "refresh_token": spent},
        timeout=30,
    ).json()
    assert main(["--db", clocked_server.db_url, "revoke-device", device.device_id]) == 0
    assert device.device_id in capsys.readouterr().out

    def refresh(token: str) -> requests.Response:
        return requests.post(
            clocked_server.api + "/token",
            json={"device_id": device.device_id, "refresh_token": token},
            timeout=30,
        )

    # Never a 401 (which asks for a new login): the token is fresh, expired, spent or rotated.
    for advance in (timedelta(0), timedelta(hours=2), timedelta(days=91)):
        clock.advance(advance)
        for response in (
            device.get("/master"),
            device.post("/push", {"device_id": device.device_id, "ops": []}),
            device.get("/changes"),
            refresh(rotated["refresh_token"]),
            refresh(spent),
        ):
            assert response.status_code == 403, (advance, response.text)
            assert response.json()["error"] == "revoked"


def test_a_device_id_header_of_another_device_is_403(live_server: LiveServer) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    response = requests.get(
        live_server.api + "/master",
        headers={**device.headers, "X-Device-Id": "not-me"},
        timeout=30,
    )
    assert response.status_code == 403


def test_master_data_carries_offices_categories_holidays_and_rules(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    first = device.get("/master").json()
    assert {o["code"] for o in first["offices"]} == {"DINSOS", "DISDIK", "KOMINFO"}
    assert any(c["code"] == "INFRASTRUKTUR.TRANSPORTASI" for c in first["categories"])
    assert any(h["day"] == "2026-08-17" for h in first["holidays"])
    assert first["sla_rules"] and "stage" in first["sla_rules"][0]
    assert device.get("/master").json()["version"] == first["version"]  # stable when unchanged
    live_server.add_office("BAPPEDA", "Badan Perencanaan")
    assert device.get("/master").json()["version"] != first["version"]


def test_number_leases_never_overlap_and_start_above_reported_highs(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    live_server.add_user("ani2", "DINSOS", PASSWORD)
    first = enroll(live_server, "ani")
    year = first.enrollment["blocks"][0]["year"]
    # The second device already issued numbers up to 450 while offline-only.
    second = enroll(
        live_server,
        "ani2",
        highest=[{"register": "register:DINSOS", "year": year, "last": 450}],
    )
    assert second.enrollment["blocks"][0]["start"] == 451
    blocks = [first.enrollment["blocks"][0], second.enrollment["blocks"][0]]
    for device in (first, second, first, second):
        response = device.post(
            "/numbers/lease", {"register": "register:DINSOS", "year": year, "count": 50}
        )
        assert response.status_code == 200, response.text
        blocks.append(response.json())
    ranges = sorted((b["start"], b["end"]) for b in blocks)
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert start > end
    # Another office's sequence and nonsense are refused.
    other = first.post("/numbers/lease", {"register": "register:DISDIK", "year": year})
    assert other.status_code == 403
    assert (
        first.post(
            "/numbers/lease", {"register": "register:DINSOS", "year": year, "count": 0}
        ).status_code
        == 400
    )
    assert first.post("/numbers/lease", {"year": year}).status_code == 400


def test_a_lease_starts_above_numbers_of_pushed_cases(live_server: LiveServer) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    year = device.enrollment["blocks"][0]["year"]
    _, result = device.create_case(number=900)
    assert result["status"] == "applied"
    block = device.post("/numbers/lease", {"register": "register:DINSOS", "year": year}).json()
    assert block["start"] == 901


def test_a_user_of_another_office_than_the_data_dirs_is_refused(live_server: LiveServer) -> None:
    setup_offices(live_server)
    refused = enroll_raw(live_server, "budi", PASSWORD, "dev-1", office="DINSOS")
    assert refused.status_code == 403
    assert refused.json()["error"] == "wrong_office"
    # Nothing was registered: the same device enrolls for its own office afterwards.
    assert enroll(live_server, "ani", device_id="dev-1", office="DINSOS").office == "DINSOS"


def test_re_enrollment_keeps_the_device_sequence(live_server: LiveServer) -> None:
    setup_offices(live_server)
    device = enroll(live_server, "ani")
    device.create_case()
    again = enroll(live_server, "ani", device_id=device.device_id)
    assert again.push()["last_device_seq"] == 1
    block = again.enrollment["blocks"][0]
    assert block["start"] > device.enrollment["blocks"][0]["end"]
    # Another office's user cannot take the device over.
    moved = enroll_raw(live_server, "budi", PASSWORD, device.device_id)
    assert moved.status_code == 409


def _refused(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"] == code


def test_a_colleague_cannot_take_a_device_over_by_its_id(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_offices(live_server)
    live_server.add_user("dewi", "DINSOS", PASSWORD)
    device = enroll(live_server, "ani")
    device.create_case()
    # Device ids are in every event a colleague pulls; the id alone hands over nothing.
    taken = enroll_raw(live_server, "dewi", PASSWORD, device.device_id)
    _refused(taken, 409, "device_taken")
    assert "ani" in taken.json()["message"] and "release-device" in taken.json()["message"]
    other = enroll(live_server, "ani")  # a token of another device proves nothing
    _refused(
        enroll_raw(live_server, "dewi", PASSWORD, device.device_id, proof=other.refresh_token),
        409,
        "device_taken",
    )
    for junk in ("", "x" * 10_000, "ä"):
        _refused(
            enroll_raw(live_server, "dewi", PASSWORD, device.device_id, proof=junk),
            409,
            "device_taken",
        )
    lone = enroll_raw(live_server, "dewi", PASSWORD, device.device_id, proof="\ud800")
    _refused(lone, 400, "bad_request")
    # Nothing changed: the device syncs on as ani's, its sequence where it was.
    assert device.get("/master").status_code == 200
    assert device.push()["last_device_seq"] == 1

    # The administrator releases it (its operator left, its data dir lost the tokens).
    assert main(["--db", live_server.db_url, "release-device", device.device_id]) == 0
    assert "released" in capsys.readouterr().out
    assert device.get("/master").status_code == 401
    moved = enroll(live_server, "dewi", device_id=device.device_id)
    # The device's sequence goes on: its unsent ops continue from there under dewi.
    moved.seq = itertools.count(2)
    assert moved.create_case(moved.enrollment["blocks"][0]["start"])[1]["status"] == "applied"
    assert moved.push()["last_device_seq"] == 2
    assert main(["--db", live_server.db_url, "release-device", "no-such-device"]) == 2
    assert "unknown device" in capsys.readouterr().err
    live_server.revoke_device(device.device_id)
    assert main(["--db", live_server.db_url, "release-device", device.device_id]) == 2
    assert "revoked" in capsys.readouterr().err


def test_re_enrollment_with_the_data_dirs_token_hands_over_and_ends_the_old_tokens(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    live_server.add_user("dewi", "DINSOS", PASSWORD)
    device = enroll(live_server, "ani")
    # A second operator logs in on the PC: the data dir shows its refresh token.
    handed = enroll(live_server, "dewi", device_id=device.device_id, proof=device.refresh_token)
    assert handed.get("/master").status_code == 200
    _refused(device.get("/master"), 401, "unauthorized")
    spent = requests.post(
        live_server.api + "/token",
        json={"device_id": device.device_id, "refresh_token": device.refresh_token},
        timeout=30,
    )
    _refused(spent, 401, "unauthorized")
    # The same user logging in again needs no proof, and ends the earlier pair as well.
    again = enroll(live_server, "dewi", device_id=device.device_id)
    _refused(handed.get("/master"), 401, "unauthorized")
    assert again.get("/master").status_code == 200
