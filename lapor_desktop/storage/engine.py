"""Opening the SQLite file: pragmas, explicit transactions, and refusal of what is not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

SQLITE_MAGIC = b"SQLite format 3\x00"


class NotALaporDatabase(Exception):
    """The file exists but is not a SQLite database, or is not one of ours."""


def check_sqlite_file(path: Path) -> None:
    """Refuse a corrupt or foreign file before SQLAlchemy or Alembic touch it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != SQLITE_MAGIC:
        raise NotALaporDatabase(f"{path} is not a SQLite database")


def create_sqlite_engine(path: Path) -> Engine:
    """An engine whose transactions really are transactions.

    pysqlite opens transactions lazily and only before DML, so a read-then-write use case
    would not be isolated. We switch its own handling off and emit BEGIN ourselves: writers
    use BEGIN IMMEDIATE (take the write lock up front, so two processes never interleave a
    read-modify-write), readers a deferred BEGIN.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        # Pooled connections are safe here: every unit of work ends its transaction, so none
        # pins an old WAL snapshot; reusing them saves the pragmas on every query.
        pool_size=4,
        max_overflow=8,
        connect_args={"check_same_thread": False, "timeout": 30},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed action survives a power cut; the operator's work is what matters.
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        # Deleted or overwritten text (a withdrawn identity) is zeroed, not left in free pages.
        cursor.execute("PRAGMA secure_delete = FAST")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def create_readonly_engine(path: Path) -> Engine:
    """A look at a file we may still refuse: opened read-only, no pragma, nothing written.

    `create_sqlite_engine` switches the file to WAL on connect, which would modify a foreign
    database or one from a newer version before we had a chance to refuse it.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=NullPool,
    )
