"""Engines and transactions for SQLite (default) and PostgreSQL.

Writers are serialised: on SQLite every write transaction is `BEGIN IMMEDIATE` (one writer at a
time, taken up front so a read-modify-write never interleaves); on PostgreSQL the rows a writer
depends on are locked with `SELECT ... FOR UPDATE` (the case, the device, the change counter).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from server.tables import Counter


class BadDatabaseUrl(ValueError):
    pass


def open_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise BadDatabaseUrl(f"not a database URL: {url!r}") from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url)
    if backend == "postgresql":
        if parsed.get_driver_name() not in ("psycopg", ""):
            raise BadDatabaseUrl("use postgresql+psycopg://… (psycopg 3)")
        return create_engine(
            parsed.set(drivername="postgresql+psycopg"), pool_size=8, max_overflow=8
        )
    raise BadDatabaseUrl(
        f"unsupported database {backend!r}: use sqlite:/// or postgresql+psycopg://"
    )


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(
        url, pool_size=8, max_overflow=8, connect_args={"check_same_thread": False, "timeout": 30}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # pysqlite's own transaction handling is off: we emit BEGIN ourselves (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a stored op result must survive a power cut, or a replay would apply twice.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: committed when the block ends normally, else rolled back."""
    with Session(engine.execution_options(immediate=True)) as session, session.begin():
        yield session


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session, session.begin():
        yield session


def lock(session: Session, stmt: Any) -> Any:
    """`stmt` with FOR UPDATE where the database has row locks (SQLite's are per database)."""
    if session.get_bind().dialect.name == "sqlite":
        return stmt
    return stmt.with_for_update()


def next_counter(session: Session, name: str) -> int:
    """Increment a counter row inside the caller's transaction and return its new value.

    The UPDATE locks the row until commit, so the values are handed out in commit order: a
    reader that saw value n can never later find a committed n-1 (docs/sync.md, step 8).
    """
    value = session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    ).scalar()
    if value is None:
        raise RuntimeError(f"counter {name!r} missing: run `lapor-server init`")
    return int(value)


def counter_value(session: Session, name: str) -> int:
    value = session.execute(select(Counter.value).where(Counter.name == name)).scalar()
    return int(value or 0)
