"""hello, enrollment, tokens, master data and number leases against the live server."""

from __future__ import annotations

from datetime import UTC, datetime

import requests

from tests.server.devices import PASSWORD, enroll, enroll_raw, setup_offices
from tests.support.live_server import LiveServer


def hello(server: LiveServer, protocols: list[int], **extra: object) -> requests.Response:
    body = {
        "protocols": protocols,
        "app": "lapor-desktop/0.1.0",
        "client_time": datetime.now(UTC).isoformat(),
        **extra,
    }
    return requests.post(server.api + "/hello", json=body, timeout=30)


def test_hello_negotiates_the_protocol_and_announces_limits(live_server: LiveServer) -> None:
    response = hello(live_server, [1, 2])
    assert response.status_code == 200
    body = response.json()
    assert body["protocol"] == 1
    assert body["must_update"] is False
    assert body["limits"]["max_ops"] == 500


def test_hello_without_a_common_protocol_is_426(live_server: LiveServer) -> None:
    response = hello(live_server, [7])
    assert response.status_code == 426
    assert response.json()["error"] == "upgrade_required"


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
    assert block["register"] == "register:DINSOS" and block["start"] == 1 and block["end"] == 200
    assert device.get("/master").status_code == 200


def test_wrong_password_and_unknown_user_are_401(live_server: LiveServer) -> None:
    setup_offices(live_server)
    wrong = enroll_raw(live_server, "ani", "salah-sekali", "dev-1")
    unknown = enroll_raw(live_server, "nobody", PASSWORD, "dev-1")
    assert (wrong.status_code, unknown.status_code) == (401, 401)
    assert wrong.json()["error"] == unknown.json()["error"] == "unauthorized"
