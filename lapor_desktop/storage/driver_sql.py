"""Hand-written reads on the session's own DBAPI connection, for the few that run on every open.

Opening a data dir and the window's first page read the settings, the category names and the
holiday calendar. Through SQLAlchemy each of these statements is compiled again for every new
engine (a process opens one data dir, so its cache never helps the first open) and each row
costs ~10 µs of result processing: ~8 ms of a ~30 ms first paint. The same SQL on the driver
costs ~0.4 ms. It runs inside the session's transaction, so it sees what this unit of work
flushed, like any other read of the repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session


def driver_rows(session: Session, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of one read, as plain tuples; `sql` uses `?` placeholders."""
    raw = session.connection().connection.driver_connection
    assert raw is not None  # a live pooled connection always has its driver connection
    cursor = raw.cursor()
    try:
        rows: list[tuple[Any, ...]] = cursor.execute(sql, tuple(params)).fetchall()
        return rows
    finally:
        cursor.close()


def driver_write(session: Session, sql: str, params: Sequence[Any] = ()) -> None:
    """One write on the same connection, in the session's transaction (see driver_rows)."""
    driver_rows(session, sql, params)


__all__ = ["driver_rows", "driver_write"]
