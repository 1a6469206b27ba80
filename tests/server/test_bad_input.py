"""Bad requests get a 4xx with an ErrorBody, never a 5xx, and write nothing."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import OpType
from server.tables import CaseRow, ChangeLog, ProcessedOp
from tests.server.devices import Device, answers, case_data, enroll, setup_offices
from tests.support.live_server import LiveServer

POSTS = ["/hello", "/enroll", "/token", "/numbers/lease", "/push", "/verify"]
GARBAGE: list[bytes] = [
    b"",
    b"not json",
    b"{",
    b"[]",
    b"null",
    b"42",
    b'"text"',
    b'{"ops": "x"}',
    b'{"device_id": 5, "ops": [1, 2]}',
    b'{"protocols": "all", "app": [], "client_time": {}}',
    b'{"username": null, "password": 1, "device_id": {}}',
    b'{"buckets": {"2026-03": {"count": "many"}}}',
    b'{"register": 1, "year": "next"}',
    '{"ünïcode": "\\ud800"}'.encode(),
    b"\xff\xfe\x00garbage",
]


@pytest.fixture
def ani(live_server: LiveServer) -> Device:
    setup_offices(live_server)
    return enroll(live_server, "ani")


def nothing_written(server: LiveServer) -> bool:
    with server.engine.connect() as conn:
        return all(
            conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
            for table in (CaseRow, ChangeLog, ProcessedOp)
        )


def raw_post(device: Device, path: str, body: bytes, **headers: str) -> requests.Response:
    return device.http.post(
        device.url(path),
        data=body,
        headers={**device.headers, "Content-Type": "application/json", **headers},
        timeout=30,
    )


def assert_error_body(response: requests.Response, status: int | None = None) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    if status is not None:
        assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert isinstance(body["error"], str) and isinstance(body["message"], str)
    return body


def test_garbage_bodies_on_every_endpoint_are_400(ani: Device, live_server: LiveServer) -> None:
    for path in POSTS:
        for body in GARBAGE:
            response = raw_post(ani, path, body)
            assert_error_body(response, 400)
    assert nothing_written(live_server)


def test_wrong_types_in_a_push_are_400_with_a_readable_message(
    ani: Device, live_server: LiveServer
) -> None:
    good = ani.op(OpType.CASE_CREATE, uuid7(), case_data("DINSOS/2026/00001"))
    for field, value in (
        ("device_seq", "abc"),
        ("device_seq", 0),
        ("base_version", [1]),
        ("data", "text"),
        ("op_id", ""),
        ("at", "yesterday"),
        ("at", "2026-03-02T09:00:00"),  # no zone
    ):
        bad = {**good, field: value}
        response = ani.post("/push", {"device_id": ani.device_id, "ops": [good, bad]})
        body = assert_error_body(response, 400)
        assert body["message"]
        if field not in ("at",):
            assert field in body["message"], body
    assert nothing_written(live_server)


def test_malformed_op_data_is_a_per_op_rejection(ani: Device, live_server: LiveServer) -> None:
    case_id = uuid7()
    odd = [
        ani.op(OpType.CASE_CREATE, case_id, {"register_no": 5, "received_at": [], "title": {}}),
        ani.op(OpType.CASE_EDIT, uuid7(), {"changes": ["title"]}),
        ani.op(OpType.ATTACHMENT_ADD, uuid7(), {"sha256": "zz", "size": "big"}),
        ani.op(OpType.SLA_EXTEND, uuid7(), {"days": "many"}),
        ani.op(OpType.CONFLICT_RESOLVE, uuid7(), {"conflict_id": None}),
    ]
    body = ani.post("/push", {"device_id": ani.device_id, "ops": odd})
    assert body.status_code == 200, body.text
    results = answers(body.json(), odd)
    assert [r["status"] for r in results] == ["rejected"] * len(odd)
    assert all(r["message"] for r in results)


def test_text_no_database_can_store_is_400_outside_an_ops_content(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, _ = ani.create_case()
    before = counts(live_server)
    for text in ("a\\u0000b", "a\\ud800b", "\\udc00", "x\\ud83d\\u0041"):
        # An op's identity (the key its result is stored under): the whole push is refused.
        op = ani.op(OpType.EVENT_APPEND, case_id, {"text": "x"}, base_version=1, device_seq=2)
        for field in ("op_id", "entity_id"):
            body = json.dumps({"device_id": ani.device_id, "ops": [{**op, field: "PLACEHOLDER"}]})
            refused = assert_error_body(
                raw_post(ani, "/push", body.replace("PLACEHOLDER", text).encode()), 400
            )
            assert field in refused["message"]
        for field in ("op_type", "at", "entity"):  # shape errors: the message never breaks
            body = json.dumps({"device_id": ani.device_id, "ops": [{**op, field: "PLACEHOLDER"}]})
            assert_error_body(
                raw_post(ani, "/push", body.replace("PLACEHOLDER", text).encode()), 400
            )
        for field in ("device_id", "office"):
            body = json.dumps({"device_id": ani.device_id, "ops": [{**op, field: "PLACEHOLDER"}]})
            assert_error_body(
                raw_post(ani, "/push", body.replace("PLACEHOLDER", text).encode()), 403
            )
        # Any other endpoint: refused before the app sees it.
        login = json.dumps({"username": "PLACEHOLDER", "password": "x", "device_id": "d"})
        assert_error_body(
            raw_post(ani, "/enroll", login.replace("PLACEHOLDER", text).encode()), 400
        )
    assert counts(live_server) == before
    # A real emoji (a surrogate pair) and an escaped backslash before "u0000" are fine.
    for seq, text in ((2, "\\ud83d\\ude00"), (3, "C:\\\\u0000")):
        op = ani.op(
            OpType.EVENT_APPEND, case_id, {"text": "PLACEHOLDER"}, base_version=1, device_seq=seq
        )
        body = json.dumps({"device_id": ani.device_id, "ops": [op]}).replace("PLACEHOLDER", text)
        response = raw_post(ani, "/push", body.encode())
        assert response.status_code == 200, response.text
        assert answers(response.json(), [op])[0]["status"] in ("applied", "merged")
    events = [e["summary"] for c in ani.all_changes() for e in c["events"]]
    assert "\U0001f600" in events and "C:\\u0000" in events
    assert_error_body(ani.get("/snapshot", params={"bucket": "2026-03", "after": "a\x00"}), 400)
    assert_error_body(ani.get("/changes", params={"cursor": 2**70}), 400)


def counts(server: LiveServer) -> tuple[int, ...]:
    with server.engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (CaseRow, ChangeLog, ProcessedOp)
        )


def test_an_oversized_body_is_413(ani: Device) -> None:
    big = b'{"device_id": "x", "ops": [], "pad": "' + b"x" * (5 * 1024 * 1024) + b'"}'
    assert_error_body(raw_post(ani, "/push", big), 413)


def test_a_gzip_bomb_is_413_and_broken_gzip_is_400(ani: Device, live_server: LiveServer) -> None:
    bomb = gzip.compress(b'{"device_id": "' + b"0" * (64 * 1024 * 1024) + b'"}')
    assert len(bomb) < 200_000
    assert_error_body(raw_post(ani, "/push", bomb, **{"Content-Encoding": "gzip"}), 413)
    assert_error_body(
        raw_post(ani, "/push", b"\x1f\x8bnot really", **{"Content-Encoding": "gzip"}), 400
    )
    truncated = gzip.compress(b'{"device_id": "x", "ops": []}')[:-8]
    assert_error_body(raw_post(ani, "/push", truncated, **{"Content-Encoding": "gzip"}), 400)
    assert_error_body(raw_post(ani, "/push", b"{}", **{"Content-Encoding": "br"}), 415)
    assert nothing_written(live_server)


def test_gzip_request_bodies_are_accepted_and_responses_gzipped(ani: Device) -> None:
    ops = [
        ani.op(OpType.CASE_CREATE, uuid7(), case_data(f"DINSOS/2026/{n:05d}")) for n in (1, 2, 3)
    ]
    packed = gzip.compress(json.dumps({"device_id": ani.device_id, "ops": ops}).encode())
    response = raw_post(ani, "/push", packed, **{"Content-Encoding": "gzip"})
    assert response.status_code == 200, response.text
    assert [r["status"] for r in answers(response.json(), ops)] == ["applied"] * 3
    page = ani.get("/changes")  # requests asks for gzip and decodes it
    assert page.headers["Content-Encoding"] == "gzip"
    assert len(page.json()["changes"]) == 3


def test_unknown_paths_and_methods_get_an_error_body(ani: Device) -> None:
    assert_error_body(ani.get("/nowhere"), 404)
    assert_error_body(ani.get("/push"), 405)
    future = ani.http.get(
        ani.url("/master"), headers={**ani.headers, "X-Sync-Protocol": "9"}, timeout=30
    )
    assert future.status_code == 426
    assert future.json()["error"] == "upgrade_required"


def test_openapi_describes_the_protocol(live_server: LiveServer) -> None:
    spec = requests.get(live_server.base_url + "/openapi.json", timeout=30).json()
    assert "/sync/v1/push" in spec["paths"]
    assert "PushRequest" in spec["components"]["schemas"]


def test_numbers_beyond_any_register_are_refused(ani: Device, live_server: LiveServer) -> None:
    huge = [{"register": "register:DINSOS", "year": 2026, "last": 10**20}]
    response = requests.post(
        live_server.api + "/enroll",
        json={"username": "ani", "password": "rahasia-123", "device_id": "d2", "highest": huge},
        timeout=30,
    )
    assert_error_body(response, 400)
    year = ani.enrollment["blocks"][0]["year"]
    op = ani.op(OpType.CASE_CREATE, uuid7(), case_data(f"DINSOS/{year}/" + "9" * 20))
    [result] = ani.push(op)["results"]
    assert (result["status"], result["code"]) == ("rejected", "invalid")
    # The floor did not move: the next lease continues right after the enrollment block.
    first = ani.enrollment["blocks"][0]
    block = ani.post("/numbers/lease", {"register": "register:DINSOS", "year": first["year"]})
    assert block.json()["start"] == first["end"] + 1
