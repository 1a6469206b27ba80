"""The HTTP client on its own: retries only what is worth retrying, gzip, protocol headers."""

from __future__ import annotations

import json

import pytest

from lapor_desktop.domain.ops import iso
from lapor_desktop.services.cases import CaseService, NewCase
from sync import protocol as p
from sync.client import SyncClient
from sync.errors import ProtocolMismatch, ServerRejected, Unreachable
from tests.conftest import FakeClock
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, client_for, sync
from tests.sync.hostile import Garbage, HostileServer

ERROR = {"Content-Type": "application/json"}


def _hello(client: SyncClient, clock: FakeClock) -> p.HelloResponse:
    return client.hello(
        p.HelloRequest(protocols=[1], app="lapor-desktop/0.1.0", client_time=iso(clock()))
    )


def _error(code: str, message: str) -> bytes:
    return json.dumps({"error": code, "message": message}).encode()


def test_a_5xx_is_retried_until_it_passes(
    desk: Desk, offices: LiveServer, fake_clock: FakeClock
) -> None:
    ws = desk("a")
    garbage = Garbage("POST", "/sync/v1/hello", status=503, body=b"busy", times=2)
    with HostileServer(offices.base_url, garbage) as hostile:
        client = client_for(ws, hostile.base_url)
        try:
            assert _hello(client, fake_clock).protocol == 1
        finally:
            client.close()
    assert hostile.served == 2 and len(hostile.seen) == 3


def test_retries_are_bounded(desk: Desk, offices: LiveServer, fake_clock: FakeClock) -> None:
    ws = desk("a")
    garbage = Garbage("POST", "/sync/v1/hello", status=502, body=b"bad gateway")
    with HostileServer(offices.base_url, garbage) as hostile:
        client = client_for(ws, hostile.base_url)  # 3 attempts
        try:
            with pytest.raises(Unreachable, match="HTTP 502"):
                _hello(client, fake_clock)
        finally:
            client.close()
    assert len(hostile.seen) == 3


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (400, _error("bad_request", "no"), ServerRejected),
        (426, _error("upgrade_required", "protocol 1 is gone"), ProtocolMismatch),
    ],
)
def test_a_4xx_is_final_and_explained(
    status: int,
    body: bytes,
    error: type[Exception],
    desk: Desk,
    offices: LiveServer,
    fake_clock: FakeClock,
) -> None:
    ws = desk("a")
    garbage = Garbage("POST", "/sync/v1/hello", status=status, body=body, headers=ERROR)
    with HostileServer(offices.base_url, garbage) as hostile:
        client = client_for(ws, hostile.base_url)
        try:
            with pytest.raises(error) as caught:
                _hello(client, fake_clock)
        finally:
            client.close()
    assert len(hostile.seen) == 1  # never retried
    if status == 426:
        assert "perbarui aplikasi" in str(caught.value)


def test_large_bodies_go_gzipped_with_the_protocol_headers(desk: Desk, offices: LiveServer) -> None:
    ws = desk("a")
    service = CaseService(ws)
    for _ in range(5):
        service.register(
            NewCase(title="Bantuan", text="x " * 200, channel="whatsapp", category="Bantuan Sosial")
        )
    quiet = Garbage("GET", "/nothing")
    with HostileServer(offices.base_url, quiet) as hostile:
        report = sync(ws, hostile.base_url)
    assert report.applied == 5
    seen = {(method, path.split("?")[0]): headers for method, path, headers in hostile.seen}
    push = seen[("POST", "/sync/v1/push")]
    assert push.get("Content-Encoding") == "gzip"
    assert seen[("POST", "/sync/v1/hello")].get("Content-Encoding") is None  # small: plain
    for headers in seen.values():
        assert headers["X-Sync-Protocol"] == "1"
        assert headers["X-Device-Id"] == ws.device_id
        assert headers["X-App-Version"].startswith("lapor-desktop/")
    assert push["Authorization"].startswith("Bearer ")
