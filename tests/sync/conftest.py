"""Sync tests: a real central server (SQLite) on 127.0.0.1 and real data dirs enrolled with it.

`offices` is a server with two offices (DINSOS, DPU) and users ani + citra (DINSOS) and budi
(DPU); `desk(name, user)` enrolls a fresh data dir with the library call tests also use.
`tiny` is the same fleet on a server leasing blocks of TINY_BLOCK register numbers, and `pcs`
the two DINSOS PCs enrolled with it: a few intakes offline run a PC dry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from sync.client import RetryPolicy, SyncClient
from sync.engine import SyncEngine, SyncReport
from sync.enroll import enroll
from sync.tokens import TokenStore
from tests.conftest import FakeClock
from tests.support.fixtures import *  # noqa: F403  # the live server fixtures
from tests.support.live_server import LiveServer, start_live_server

PASSWORD = "rahasia-123"
# Tests must not wait for real backoff: short delays, few attempts.
FAST_RETRY = RetryPolicy(attempts=3, total_seconds=20, base_delay=0.01, max_delay=0.05)


@pytest.fixture
def offices(tmp_path: Path) -> Iterator[LiveServer]:
    server = start_live_server(None, tmp_path / "server")
    server.add_office("DINSOS", "Dinas Sosial")
    server.add_office("DPU", "Dinas Pekerjaan Umum")
    server.add_user("ani", "DINSOS", PASSWORD, name="Ani Lestari")
    server.add_user("citra", "DINSOS", PASSWORD, name="Citra Dewi")
    server.add_user("budi", "DPU", PASSWORD, name="Budi Santoso")
    yield server
    server.stop()


Desk = Callable[..., Workspace]


TINY_BLOCK = 3  # what `tiny` leases at enrollment: five intakes offline run a PC dry
PKH_CASE = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="walk_in",
    category="Bantuan Sosial",
)


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[LiveServer]:
    server = start_live_server(None, tmp_path / "server", block_size=TINY_BLOCK)
    server.add_office("DINSOS", "Dinas Sosial")
    server.add_office("DPU", "Dinas Pekerjaan Umum")
    server.add_user("ani", "DINSOS", PASSWORD)
    server.add_user("citra", "DINSOS", PASSWORD)
    server.add_user("budi", "DPU", PASSWORD)
    yield server
    server.stop(wait=False)


def enroll_on(tmp_path: Path, server: LiveServer, clock: FakeClock, user: str) -> Workspace:
    paths = AppPaths(tmp_path / user)
    return enroll(paths, clock, server.base_url, user, PASSWORD, retry=FAST_RETRY).workspace


@pytest.fixture
def pcs(tmp_path: Path, tiny: LiveServer, fake_clock: FakeClock) -> Iterator[list[Workspace]]:
    opened = [enroll_on(tmp_path, tiny, fake_clock, user) for user in ("ani", "citra")]
    yield opened
    for ws in opened:
        ws.close()


@pytest.fixture
def desk(tmp_path: Path, offices: LiveServer, fake_clock: FakeClock) -> Iterator[Desk]:
    """Enroll a fresh data dir `tmp_path/<name>` as `user`; closed at the end of the test."""
    opened: list[Workspace] = []

    def make(name: str, user: str = "ani", clock: FakeClock | None = None) -> Workspace:
        paths = AppPaths(tmp_path / name)
        result = enroll(
            paths, clock or fake_clock, offices.base_url, user, PASSWORD, retry=FAST_RETRY
        )
        opened.append(result.workspace)
        return result.workspace

    yield make
    for ws in opened:
        ws.close()


def client_for(ws: Workspace, base_url: str, **options: object) -> SyncClient:
    options.setdefault("retry", FAST_RETRY)
    return SyncClient(
        base_url,
        device_id=ws.device_id,
        tokens=TokenStore(ws.paths.data_dir),
        **options,  # type: ignore[arg-type]
    )


def road_cases(ws: Workspace, count: int) -> list[str]:
    """`count` cases registered offline, each with a note: two changes a case once pushed."""
    service = CaseService(ws)
    ids = []
    for n in range(count):
        case = service.register(
            NewCase(
                title=f"Jalan desa rusak {n}",
                text="Jalan di depan balai desa berlubang.",
                channel="whatsapp",
                category="Transportasi",
            )
        )
        service.note(case.id, "Pelapor dihubungi.")
        ids.append(case.id)
    return ids


def sync(ws: Workspace, base_url: str, **engine_options: object) -> SyncReport:
    client = client_for(ws, base_url)
    try:
        return SyncEngine(ws, client, **engine_options).run()  # type: ignore[arg-type]
    finally:
        client.close()
