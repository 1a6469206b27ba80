"""Hostile requests found by auditing every endpoint: each is a 4xx that writes nothing.

test_bad_input.py holds the general cases (garbage bodies, wrong types, NUL and surrogates
as JSON escapes, oversized and gzip'd bodies); these are the holes that got past them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import OpType
from server import tables
from server.cli import main
from server.tables import CaseEvent, CaseRow, ChangeLog, NumberFloor, ProcessedOp
from tests.server.devices import PASSWORD, Device, case_data, enroll, setup_offices, sha256
from tests.server.test_bad_input import assert_error_body, raw_post
from tests.support.live_server import LiveServer


@pytest.fixture
def ani(live_server: LiveServer) -> Device:
    setup_offices(live_server)
    return enroll(live_server, "ani")


def rows(server: LiveServer, *tables: Any) -> tuple[int, ...]:
    with server.engine.connect() as conn:
        return tuple(
            int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for t in tables
        )


WRITTEN = (CaseRow, CaseEvent, ChangeLog, ProcessedOp)


def hello(server: LiveServer, **extra: Any) -> requests.Response:
    body = {
        "protocols": [1],
        "app": "lapor-desktop/0.1.0",
        "client_time": "2026-03-02T02:00:00+00:00",
        **extra,
    }
    return requests.post(server.api + "/hello", json=body, timeout=30)


# ----------------------------------------------------------------------------- hello


def test_a_client_time_beyond_what_utc_can_hold_is_only_not_warned_about(
    live_server: LiveServer,
) -> None:
    # Year 1 at +14:00 is a valid ISO text that overflows when converted to UTC.
    for text in ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"):
        response = hello(live_server, client_time=text)
        assert response.status_code == 200, response.text
        assert response.json()["message"] is None


def test_an_app_version_with_an_endless_number_is_400(live_server: LiveServer) -> None:
    # Python refuses to read an integer of more than 4,300 digits.
    for digits in ("9" * 5000, "0" * 5000):
        response = hello(live_server, app="lapor-desktop/" + digits)
        assert "app" in assert_error_body(response, 400)["message"]


# ----------------------------------------------------------------------------- push


def test_an_op_time_no_zone_can_show_is_400_and_nothing_is_written(
    ani: Device, live_server: LiveServer
) -> None:
    before = rows(live_server, *WRITTEN)
    for at in (
        "0001-01-01T00:00:00+14:00",  # overflows on the way to UTC
        "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59+00:00",  # UTC, but past the end of time in Asia/Jakarta
        "0001-01-01T00:00:00+00:00",  # before the start of time west of Greenwich
    ):
        op = {**ani.op(OpType.CASE_CREATE, uuid7(), case_data("DINSOS/2026/00001")), "at": at}
        response = ani.post("/push", {"device_id": ani.device_id, "ops": [op]})
        assert "at" in assert_error_body(response, 400)["message"], at
    assert rows(live_server, *WRITTEN) == before


def test_two_ops_with_one_op_id_in_a_batch_are_400_and_nothing_is_written(
    ani: Device, live_server: LiveServer
) -> None:
    first = ani.op(OpType.CASE_CREATE, uuid7(), case_data("DINSOS/2026/00001"))
    twin = {
        **ani.op(OpType.CASE_CREATE, uuid7(), case_data("DINSOS/2026/00002")),
        "op_id": first["op_id"],
    }
    response = ani.post("/push", {"device_id": ani.device_id, "ops": [first, twin]})
    assert "op_id" in assert_error_body(response, 400)["message"]
    assert rows(live_server, *WRITTEN) == (0, 0, 0, 0)


def test_two_ops_with_one_device_seq_in_a_batch_are_400_and_nothing_is_written(
    ani: Device, live_server: LiveServer
) -> None:
    first = ani.op(OpType.CASE_CREATE, uuid7(), case_data("DINSOS/2026/00001"), device_seq=1)
    twin = ani.op(OpType.CASE_CREATE, uuid7(), case_data("DINSOS/2026/00002"), device_seq=1)
    response = ani.post("/push", {"device_id": ani.device_id, "ops": [first, twin]})
    assert "device_seq" in assert_error_body(response, 400)["message"]
    assert rows(live_server, *WRITTEN) == (0, 0, 0, 0)


def test_versions_and_sequences_outside_64_bits_or_negative_are_400(
    ani: Device, live_server: LiveServer
) -> None:
    case_id, _ = ani.create_case()
    before = rows(live_server, *WRITTEN)
    for field, value in (
        ("base_version", -1),
        ("base_version", 2**63),
        ("base_version", -(2**70)),
        ("device_seq", 2**63),
        ("device_seq", 2**70),
    ):
        op = {**ani.op(OpType.EVENT_APPEND, case_id, {"text": "x"}, base_version=1), field: value}
        response = ani.post("/push", {"device_id": ani.device_id, "ops": [op]})
        assert field in assert_error_body(response, 400)["message"], (field, value)
    assert rows(live_server, *WRITTEN) == before


# ----------------------------------------------------------------------------- bodies


def test_a_json_body_that_is_not_utf8_is_400_and_nothing_is_written(
    ani: Device, live_server: LiveServer
) -> None:
    # JSON escapes are checked as the body is read (test_bad_input.py); these bodies spell the
    # same characters without escapes, which the JSON reader takes in anyway.
    login = {"username": "ani", "password": PASSWORD, "device_id": "pc-2", "device_name": "a\0b"}
    for encoding in ("utf-16", "utf-32"):
        body = json.dumps(login).encode(encoding)
        assert_error_body(raw_post(ani, "/enroll", body), 400)
    surrogate_key = b'{"buckets": {"2026-0\xed\xa0\x80": {"count": 1, "hash": "x"}}}'
    assert_error_body(raw_post(ani, "/verify", surrogate_key), 400)
    assert_error_body(raw_post(ani, "/numbers/lease", b'{"register": "r\x00", "year": 1}'), 400)
    assert rows(live_server, tables.Device) == (1,)


# ----------------------------------------------------------------------------- numbers


def test_enrollment_raises_only_the_floors_of_the_offices_own_sequences(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    highest = [
        {"register": "register:DINSOS:junk", "year": 2026, "last": 5},
        {"register": "invoice:DINSOS", "year": 2026, "last": 5},
        {"register": "letter:DINSOS", "year": 2026, "last": 7},
    ]
    device = enroll(live_server, "ani", highest=highest)
    with live_server.engine.connect() as conn:
        floors = {r for (r,) in conn.execute(select(NumberFloor.register))}
    assert floors == {"register:DINSOS", "letter:DINSOS"}
    assert device.enrollment["blocks"][0]["register"] == "register:DINSOS"


def test_an_enrollment_reporting_thousands_of_sequences_is_400(live_server: LiveServer) -> None:
    # Each report is a write under the enrollment's lock: 60,000 of them held it for a minute.
    setup_offices(live_server)
    highest = [{"register": "register:DINSOS", "year": 2026, "last": 1}] * 5000
    response = requests.post(
        live_server.api + "/enroll",
        json={"username": "ani", "password": PASSWORD, "device_id": "pc-2", "highest": highest},
        timeout=30,
    )
    assert "highest" in assert_error_body(response, 400)["message"]
    assert rows(live_server, tables.Device, NumberFloor) == (0, 0)


def test_a_lease_of_a_sequence_with_a_suffix_is_403(ani: Device, live_server: LiveServer) -> None:
    before = rows(live_server, NumberFloor)
    for register in ("register:DINSOS:x", "letter:DINSOS:", "register:DINSOS:DISDIK"):
        response = ani.post("/numbers/lease", {"register": register, "year": 2026})
        assert_error_body(response, 403)
    assert rows(live_server, NumberFloor) == before


# ----------------------------------------------------------------------------- reads, blobs


def test_a_snapshot_bucket_of_other_digits_is_400(ani: Device) -> None:
    # `\d` matches any Unicode digit: Arabic-Indic digits looked like a month.
    assert_error_body(ani.get("/snapshot", params={"bucket": "٢٠٢٦-٠٣"}), 400)


def test_blob_offsets_and_lengths_are_plain_digits(ani: Device) -> None:
    chunk = b"x" * 10
    for offset, length, status in (
        ("0", "1_0", 400),
        ("0", "+10", 400),
        ("+0", "10", 400),
        ("0", "1" + "0" * 5000, 413),  # more digits than Python reads: a 400 only by luck
    ):
        response = ani.http.patch(
            ani.url("/blobs/" + sha256(chunk)),
            data=chunk,
            headers={
                **ani.headers,
                "Upload-Offset": offset,
                "Upload-Length": length,
                "X-Chunk-SHA256": sha256(chunk),
            },
            timeout=30,
        )
        assert_error_body(response, status)
    assert ani.http.head(ani.url("/blobs/" + sha256(chunk)), headers=ani.headers).status_code == 404


# ----------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize("port", ["99999", "-1", "0", "http"])
def test_serve_on_a_port_that_cannot_be_is_exit_2_with_one_line(
    port: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", str(tmp_path), "serve", "--port", port])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "port" in err, err
