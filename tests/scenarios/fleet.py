"""The scenarios' cast: one central server (SQLite) with three offices, and enrolled data dirs.

A `Client` is one enrolled data dir plus what the invariants need to know about its history:
the cursor after every run (invariant 5) and the derived sync status seen during runs
(invariant 6). Every run goes through `Client.sync`, directly or through a `FaultProxy`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.workspace import Workspace
from sync.client import RetryPolicy, SyncClient
from sync.engine import SyncEngine, SyncProgress, SyncReport
from sync.enroll import enroll
from sync.state import sync_status
from sync.tokens import TokenStore
from tests.conftest import FakeClock
from tests.support.fault_proxy import FaultProxy
from tests.support.live_server import LiveServer, start_live_server

PASSWORD = "rahasia-123"
# No real backoff in tests: tiny delays, few attempts.
FAST_RETRY = RetryPolicy(attempts=3, total_seconds=20, base_delay=0.01, max_delay=0.05)
# Short stall timeouts for the fault scenarios: a loopback server answers in milliseconds,
# so 1.5 s of silence is a stall even on a loaded 2-core machine.
SHORT_READ = 1.5

OFFICES = {"DINSOS": "Dinas Sosial", "DPU": "Dinas Pekerjaan Umum", "DISDIK": "Dinas Pendidikan"}
USERS = {"ani": "DINSOS", "citra": "DINSOS", "budi": "DPU", "eko": "DPU", "dewi": "DISDIK"}


def no_wait(_seconds: float) -> None:
    return None


def start_server(data_dir: Path, **settings: Any) -> LiveServer:
    server = start_live_server(None, data_dir, **settings)
    for code, name in OFFICES.items():
        server.add_office(code, name)
    for user, office in USERS.items():
        server.add_user(user, office, PASSWORD, name=user.capitalize())
    server.add_user("koor", "DINSOS", PASSWORD, role="coordinator", name="Koordinator")
    return server


def outbox_rows(ws: Workspace) -> list[tuple[int, str, str, str]]:
    """(device_seq, op_id, op_type, state) of every outbox row, read straight from SQLite."""
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return list(
            con.execute("SELECT device_seq, op_id, op_type, state FROM outbox ORDER BY device_seq")
        )


def outbox_states(ws: Workspace) -> dict[str, str]:
    return {op_id: state for _seq, op_id, _type, state in outbox_rows(ws)}


def raw_pending(ws: Workspace) -> int:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return int(con.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0])


def local_cursor(ws: Workspace) -> int:
    with ws.db.read() as uow:
        return uow.sync.state.cursor()


@dataclass
class Client:
    name: str
    ws: Workspace
    server: LiveServer
    cursors: list[int] = field(default_factory=list)
    # (status.synced, outbox rows pending at that moment), sampled at every progress event.
    status_samples: list[tuple[bool, int]] = field(default_factory=list)
    reports: list[SyncReport] = field(default_factory=list)

    @property
    def office(self) -> str:
        return self.ws.office.code

    def client(self, base_url: str | None = None, **options: Any) -> SyncClient:
        options.setdefault("retry", FAST_RETRY)
        options.setdefault("sleep", no_wait)
        return SyncClient(
            base_url or self.server.base_url,
            device_id=self.ws.device_id,
            tokens=TokenStore(self.ws.paths.data_dir),
            **options,
        )

    def engine(
        self,
        base_url: str | None = None,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        client_options: dict[str, Any] | None = None,
        **engine_options: Any,
    ) -> tuple[SyncEngine, SyncClient]:
        client = self.client(base_url, **(client_options or {}))

        phases: list[str] = []

        def observe(event: SyncProgress) -> None:
            if not phases or phases[-1] != event.phase:  # once per phase: cheap enough
                phases.append(event.phase)
                self.sample_status()
            if progress is not None:
                progress(event)

        engine_options.setdefault("sleep", no_wait)
        return SyncEngine(self.ws, client, progress=observe, **engine_options), client

    def sync(
        self,
        base_url: str | None = None,
        *,
        progress: Callable[[SyncProgress], None] | None = None,
        client_options: dict[str, Any] | None = None,
        **engine_options: Any,
    ) -> SyncReport:
        """One run; the cursor is recorded afterwards whatever happened (even an error)."""
        engine, client = self.engine(
            base_url, progress=progress, client_options=client_options, **engine_options
        )
        try:
            report = engine.run()
            self.reports.append(report)
            return report
        finally:
            client.close()
            self.record()

    def through(self, proxy: FaultProxy, **kwargs: Any) -> SyncReport:
        return self.sync(proxy.base_url, **kwargs)

    def record(self) -> None:
        self.cursors.append(local_cursor(self.ws))
        self.sample_status()

    def sample_status(self) -> None:
        self.status_samples.append((sync_status(self.ws).synced, raw_pending(self.ws)))


class Fleet:
    """Enrolls data dirs against one server; every workspace is closed at teardown."""

    def __init__(self, server: LiveServer, root: Path, clock: FakeClock) -> None:
        self.server = server
        self.root = root
        self.clock = clock
        self.clients: list[Client] = []

    def enroll(self, name: str, user: str, clock: FakeClock | None = None) -> Client:
        result = enroll(
            AppPaths(self.root / name),
            clock or self.clock,
            self.server.base_url,
            user,
            PASSWORD,
            retry=FAST_RETRY,
        )
        client = Client(name, result.workspace, self.server)
        self.clients.append(client)
        client.record()
        return client

    def close(self) -> None:
        for client in self.clients:
            client.ws.close()
