"""Scenario fixtures: a SQLite central server with three offices, a fleet of enrolled data
dirs, and a fault proxy in front of the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.scenarios.faults import QuickProxy
from tests.scenarios.fleet import Fleet, start_server
from tests.support.fault_proxy import FaultProxy
from tests.support.live_server import LiveServer


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = start_server(tmp_path / "server")
    yield live
    live.stop(wait=False)


@pytest.fixture
def fleet(server: LiveServer, tmp_path: Path, fake_clock: FakeClock) -> Iterator[Fleet]:
    crowd = Fleet(server, tmp_path, fake_clock)
    yield crowd
    crowd.close()


@pytest.fixture
def proxy(server: LiveServer) -> Iterator[FaultProxy]:
    host, port = server.base_url.removeprefix("http://").split(":")
    with QuickProxy(host, int(port), io_timeout=30) as relay:
        yield relay
