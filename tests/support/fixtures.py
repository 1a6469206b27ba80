"""Pytest fixtures for tests that need the central server (`from tests.support.fixtures import *`).

`server_backend` runs each test on SQLite and on PostgreSQL. Without a reachable PostgreSQL
the postgresql runs are skipped, except under CI (environment variable CI set), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_server import (
    LiveServer,
    drop_postgres_schema,
    postgres_url_for_test,
    start_live_server,
)

__all__ = ["live_server", "server_backend", "server_db_url"]


@pytest.fixture(params=["sqlite", "postgresql"])
def server_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def server_db_url(server_backend: str, request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for SQLite (a file in the server's data dir), else a fresh PostgreSQL schema."""
    if server_backend == "sqlite":
        yield None
        return
    try:
        url = postgres_url_for_test(request.node.name)
    except Exception as error:  # psycopg.OperationalError and friends: no server to talk to
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    yield url
    drop_postgres_schema(url)


@pytest.fixture
def live_server(server_db_url: str | None, tmp_path: Path) -> Iterator[LiveServer]:
    server = start_live_server(server_db_url, tmp_path / "server")
    yield server
    # A SQLite server's files go with tmp_path: no need to wait for uvicorn to wind down.
    # A PostgreSQL schema is dropped next, so that one waits until the server let go of it.
    server.stop(wait=server_db_url is not None)
