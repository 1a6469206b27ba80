"""Login expiry and revocation, version skew, master data, scope changes and verify repairs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.holidays import HolidayService
from lapor_desktop.services.workspace import Workspace
from sync.engine import SyncProgress
from sync.enroll import enroll
from sync.errors import AuthFailed, ProtocolMismatch, Revoked
from sync.state import sync_status
from sync.tokens import TokenStore
from tests.conftest import FakeClock
from tests.support.live_server import LiveServer, start_live_server
from tests.sync.conftest import FAST_RETRY, PASSWORD, Desk, sync
from tests.sync.server_view import processed_ops

NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="whatsapp",
    category="Bantuan Sosial",
)


class ServerClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def timed(tmp_path: Path) -> Iterator[tuple[LiveServer, ServerClock]]:
    clock = ServerClock()
    server = start_live_server(None, tmp_path / "timed", clock=clock)
    server.add_office("DINSOS", "Dinas Sosial")
    server.add_user("ani", "DINSOS", PASSWORD)
    yield server, clock
    server.stop()


def _enroll(server: LiveServer, tmp_path: Path, clock: FakeClock) -> Workspace:
    paths = AppPaths(tmp_path / "a")
    return enroll(paths, clock, server.base_url, "ani", PASSWORD, retry=FAST_RETRY).workspace


def test_an_expired_access_token_is_refreshed_once_and_the_run_goes_on(
    timed: tuple[LiveServer, ServerClock], tmp_path: Path, fake_clock: FakeClock
) -> None:
    server, server_clock = timed
    ws = _enroll(server, tmp_path, fake_clock)
    try:
        CaseService(ws).register(NEW)
        before = TokenStore(ws.paths.data_dir).load()
        server_clock.now += timedelta(hours=2)  # the 1-hour access token has expired
        report = sync(ws, server.base_url)
        after = TokenStore(ws.paths.data_dir).load()
        assert report.applied == 1 and report.pending_after == 0
        assert before is not None and after is not None
        assert after.refresh_token != before.refresh_token  # rotated, and stored
    finally:
        ws.close()


def test_a_revoked_pc_stops_and_keeps_its_outbox(
    timed: tuple[LiveServer, ServerClock], tmp_path: Path, fake_clock: FakeClock
) -> None:
    server, _clock = timed
    ws = _enroll(server, tmp_path, fake_clock)
    try:
        CaseService(ws).register(NEW)
        server.revoke_device(ws.device_id)
        # The server drops a revoked device's tokens, so it answers 401 rather than 403
        # revoked; either way the run stops and nothing local is touched.
        with pytest.raises((Revoked, AuthFailed)):
            sync(ws, server.base_url)
        status = sync_status(ws)
        assert status.pending == 1 and status.last_error is not None
        assert processed_ops(server) == {}
    finally:
        ws.close()


def test_an_outdated_application_is_told_to_update_and_keeps_its_outbox(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    server = start_live_server(None, tmp_path / "new", min_app="99.0")
    try:
        server.add_office("DINSOS", "Dinas Sosial")
        server.add_user("ani", "DINSOS", PASSWORD)
        ws = _enroll(server, tmp_path, fake_clock)
        try:
            CaseService(ws).register(NEW)
            with pytest.raises(ProtocolMismatch, match="perbarui aplikasi"):
                sync(ws, server.base_url)
            assert sync_status(ws).pending == 1
            assert processed_ops(server) == {}
        finally:
            ws.close()
    finally:
        server.stop()


def test_master_data_comes_from_the_server_and_local_holidays_stay(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    HolidayService(ws).add_local(date(2026, 4, 7), "Hari Jadi Kabupaten")
    phases: list[str] = []

    def record(event: SyncProgress) -> None:
        if not phases or phases[-1] != event.phase:
            phases.append(event.phase)

    report = sync(ws, offices.base_url, progress=record)
    assert report.master_updated
    assert phases == ["hello", "master", "numbers", "files", "push", "pull", "downloads", "verify"]
    with closing(sqlite3.connect(ws.paths.database)) as con:
        sources = dict(con.execute("SELECT day, source FROM holiday"))
    assert sources["2026-04-07"] == "local"
    assert "server" in sources.values() and "holidays-package" not in sources.values()
    assert ws.reference().calendar.holiday_name(date(2026, 4, 7)) == "Hari Jadi Kabupaten"
    assert not sync(ws, offices.base_url).master_updated  # same version: not applied again


def test_a_confidential_case_disposed_away_stays_here_as_a_read_only_stub(
    desk: Desk, offices: LiveServer
) -> None:
    a = desk("a", "ani")
    secret = CaseService(a).register(
        NewCase(
            title="Dugaan pungli",
            text="Laporan dugaan pungutan liar.",
            channel="whatsapp",
            category="Bantuan Sosial",
            confidential=True,
        )
    )
    CaseService(a).dispose(secret.id, DispositionInput(to_office="DPU"))
    report = sync(a, offices.base_url)
    assert report.left_scope == 1
    with closing(sqlite3.connect(a.paths.database)) as con:
        (left_at,) = con.execute(
            'SELECT scope_left_at FROM "case" WHERE id = ?', (secret.id,)
        ).fetchone()
    assert left_at is not None
    detail = CaseService(a).detail(secret.id)  # kept, never deleted
    assert detail.case.holder_office == "DPU" and not detail.can_act
    again = sync(a, offices.base_url)
    assert again.verified and again.repaired_buckets == []  # stubs are not counted as ours


def test_verify_finds_a_damaged_local_case_and_repairs_only_its_bucket(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    case = CaseService(ws).register(NEW)
    sync(ws, offices.base_url)
    with closing(sqlite3.connect(ws.paths.database)) as con, con:
        con.execute('UPDATE "case" SET version = 7 WHERE id = ?', (case.id,))
    report = sync(ws, offices.base_url)
    assert report.repaired_buckets == ["2026-03"]
    with closing(sqlite3.connect(ws.paths.database)) as con:
        assert con.execute('SELECT version FROM "case"').fetchone() == (1,)
    assert sync(ws, offices.base_url).repaired_buckets == []
