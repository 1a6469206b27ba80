"""Scenario 13, the login expiring mid-run: the access token expires between two push batches
(the server's clock moves on), the client refreshes once and the run goes on; a PC revoked
between two batches stops, keeps every unsent op and all its data.
tests/sync/test_session_and_repair.py covers expiry before a run and revocation before a run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from sync.engine import SyncProgress
from sync.errors import AuthFailed, Revoked
from sync.state import sync_status
from sync.tokens import TokenStore
from tests.conftest import FakeClock
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Fleet, outbox_states, start_server
from tests.scenarios.invariants import check_invariants
from tests.support.live_server import LiveServer

SERVER_CLOCK = FakeClock()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    SERVER_CLOCK.set(FakeClock().now)
    live = start_server(tmp_path / "server", clock=SERVER_CLOCK, access_ttl=timedelta(minutes=5))
    yield live
    live.stop(wait=False)


def _after_first_batch(action: Callable[[], None]) -> Callable[[SyncProgress], None]:
    """A progress hook that runs `action` once, right after the first push batch's ack."""
    done: list[bool] = []

    def hook(event: SyncProgress) -> None:
        if event.phase == "push" and event.bytes_done > 0 and not done:
            done.append(True)
            action()

    return hook


def test_an_access_token_expiring_between_batches_is_refreshed_and_the_run_goes_on(
    fleet: Fleet,
) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 25)
    before = TokenStore(a.ws.paths.data_dir).load()

    def expire() -> None:
        SERVER_CLOCK.advance(minutes=10)  # past the 5-minute access token

    report = a.sync(progress=_after_first_batch(expire), start_batch=10)
    assert report.applied == 25 and report.pending_after == 0
    after = TokenStore(a.ws.paths.data_dir).load()
    assert before is not None and after is not None
    assert after.refresh_token != before.refresh_token  # rotated once, and stored
    check_invariants(fleet.server, [a])


def test_a_pc_revoked_between_batches_stops_and_keeps_everything(fleet: Fleet) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    cases = register(a, 25)
    service(a).note(cases[-1].id, "Catatan terakhir")

    def revoke() -> None:
        fleet.server.revoke_device(a.ws.device_id)

    with pytest.raises((Revoked, AuthFailed)):
        a.sync(progress=_after_first_batch(revoke), start_batch=10)
    states = sorted(outbox_states(a.ws).values())
    assert states == ["applied"] * 10 + ["pending"] * 16  # the first batch, then nothing
    status = sync_status(a.ws)
    assert status.pending == 16 and not status.synced and status.last_error
    with closing(sqlite3.connect(a.ws.paths.database)) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute('SELECT count(*) FROM "case"').fetchone() == (25,)
    assert service(a).find_case(cases[-1].id).title == cases[-1].title  # all still readable
    # Every office still syncing converges with what A managed to send.
    check_invariants(fleet.server, [c])
    assert len(service(c).detail(cases[0].id).timeline) >= 1
