"""A real central server in this process: uvicorn on 127.0.0.1 in a daemon thread.

Used by tests/server and tests/sync: real HTTP, a real database (a SQLite file or an isolated
PostgreSQL schema), real blob files.
"""

from __future__ import annotations

import functools
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import uvicorn
from sqlalchemy import Engine

from lapor_desktop.domain.calendar import Holiday
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.sla import SlaRuleBook
from lapor_desktop.holiday_defaults import national_holidays
from lapor_desktop.resources import default_categories, default_rulebook
from server.admin import (
    add_office,
    add_user,
    init_schema,
    release_device,
    revoke_device,
    seed_master_data,
)
from server.app import create_app
from server.db import open_engine
from server.settings import ServerSettings, utc_now
from sync.protocol import Limits

PG_BASE = os.environ.get("LAPOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SEED_YEARS = (2025, 2026, 2027)


@dataclass
class LiveServer:
    base_url: str  # "http://127.0.0.1:PORT"
    db_url: str
    data_dir: Path
    engine: Engine = field(repr=False)
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def api(self) -> str:
        """The base of every endpoint: base_url + /sync/v1."""
        return self.base_url + "/sync/v1"

    def add_office(
        self,
        code: str,
        name: str,
        *,
        regency: str = "Kabupaten Sumenep",
        timezone: str = "Asia/Jakarta",
    ) -> None:
        add_office(self.engine, code, name, regency=regency, timezone=timezone)

    def add_user(
        self,
        username: str,
        office: str,
        password: str,
        *,
        role: str = "operator",
        name: str | None = None,
    ) -> None:
        # A cheap scrypt cost: tests enroll many users; the server's default is 2**14.
        add_user(self.engine, username, office, password, role=role, name=name, password_cost=2**8)

    def revoke_device(self, device_id: str) -> None:
        revoke_device(self.engine, device_id)

    def release_device(self, device_id: str) -> None:
        release_device(self.engine, device_id)

    def stop(self, *, wait: bool = True) -> None:
        """Stop serving. `wait=False` returns at once (uvicorn takes ~0.2 s to wind down),
        for teardowns where nothing reuses the port or the database afterwards."""
        self._server.should_exit = True
        if wait:
            self._thread.join(timeout=10)
        self.engine.dispose()


def start_live_server(
    db_url: str | None,
    data_dir: Path,
    *,
    port: int = 0,
    clock: Callable[[], datetime] = utc_now,
    limits: Limits | None = None,
    **settings: Any,
) -> LiveServer:
    """Init the schema and seed master data, then serve; returns once it accepts connections.

    `db_url` None means a SQLite file in `data_dir`. `clock` and `limits` (and any other
    ServerSettings field) let a test move time or shrink limits.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    url = db_url or f"sqlite:///{data_dir / 'server.db'}"
    engine = open_engine(url)
    init_schema(engine)
    seed_master_data(engine, *_seed())
    config = ServerSettings(
        db_url=url, data_dir=data_dir, clock=clock, limits=limits or Limits(), **settings
    )
    app = create_app(config)
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP;
    # without it every keep-alive response waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    actual_port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.01)
    return LiveServer(
        base_url=f"http://127.0.0.1:{actual_port}",
        db_url=url,
        data_dir=data_dir,
        engine=engine,
        _server=server,
        _thread=thread,
    )


@functools.cache
def _seed() -> tuple[CategoryTree, SlaRuleBook, tuple[Holiday, ...]]:
    """What `lapor-server init` seeds, computed once per test run."""
    return default_categories(), default_rulebook(), tuple(national_holidays(SEED_YEARS))


def postgres_url_for_test(name: str) -> str:
    """A fresh PostgreSQL schema on 127.0.0.1:5432/test, used as the search_path of the URL.

    Drop it with `drop_postgres_schema(url)` (the `live_server` fixture does).
    Raises OSError-like psycopg errors when PostgreSQL is unreachable.
    """
    import psycopg

    schema = "t_" + re.sub(r"[^a-z0-9_]", "_", name.lower())[:40] + "_" + uuid.uuid4().hex[:8]
    with psycopg.connect(_libpq(PG_BASE), autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return f"{PG_BASE}?options={quote(f'-csearch_path={schema}')}"


def drop_postgres_schema(url: str) -> None:
    import psycopg

    match = re.search(r"search_path%3D([a-z0-9_]+)", url)
    if match is None:
        return
    with psycopg.connect(_libpq(PG_BASE), autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{match[1]}" CASCADE')


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)
