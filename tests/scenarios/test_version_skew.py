"""Scenario 14, version skew: a server that wants a newer app, and a server that speaks no
protocol this app knows (an old server: 426). Either way one clear message, nothing sent,
the outbox kept; once the server is right, the same outbox goes through.
tests/sync/test_session_and_repair.py::test_an_outdated_application_… checks the message
alone; the pending outbox surviving a local schema migration is not covered here (the only
older local revisions predate the sync tables)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.errors import ProtocolMismatch
from sync.state import sync_status
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Fleet, outbox_states, start_server
from tests.scenarios.invariants import check_invariants
from tests.support.live_server import LiveServer, start_live_server
from tests.sync.hostile import Garbage, HostileServer


@pytest.fixture
def server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """The scenarios' server; `indirect` parametrisation sets its min_app."""
    live = start_server(tmp_path / "server", min_app=getattr(request, "param", "0"))
    yield live
    live.stop(wait=False)


@pytest.mark.parametrize("server", ["99.0"], indirect=True)
def test_a_server_asking_for_a_newer_app_stops_the_run_and_the_outbox_survives(
    fleet: Fleet, tmp_path: Path
) -> None:
    a = fleet.enroll("a", "ani")
    (case,) = register(a, 1)
    service(a).note(case.id, "Catatan")
    with pytest.raises(ProtocolMismatch, match="perbarui aplikasi") as refused:
        a.sync()  # this app is older than the server's min_app 99.0
    assert "\n" not in str(refused.value)  # one line
    assert set(outbox_states(a.ws).values()) == {"pending"}
    assert sync_status(a.ws).pending == 2

    # The same server (database, port) restarted accepting this version, as after the
    # update: the outbox kept through the refusal goes through.
    old = fleet.server
    port = int(old.base_url.rsplit(":", 1)[1])
    old.stop()
    fleet.server = a.server = start_live_server(None, old.data_dir, port=port)
    try:
        report = a.sync()
        assert report.applied == 2
        check_invariants(fleet.server, [a])
    finally:
        fleet.server.stop(wait=False)


def test_an_old_server_without_a_common_protocol_gets_a_clear_message(fleet: Fleet) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 2)
    old = Garbage(
        "POST",
        "/sync/v1/hello",
        status=426,
        body=b'{"error":"protocol","message":"this server speaks protocol 0 only"}',
        headers={"Content-Type": "application/json"},
    )
    with (
        HostileServer(fleet.server.base_url, old) as hostile,
        pytest.raises(ProtocolMismatch) as refused,
    ):
        a.sync(hostile.base_url)
    assert "protocol 0" in str(refused.value) or "perbarui" in str(refused.value)
    assert set(outbox_states(a.ws).values()) == {"pending"}
    assert sync_status(a.ws).last_error
    assert a.sync().applied == 2
    check_invariants(fleet.server, [a])
