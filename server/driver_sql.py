"""Hand-written SQL on the session's DBAPI cursor, for the reads on every request's path.

Through SQLAlchemy each row costs ~2 µs of result processing and a statement with an expanding
IN list is compiled again whenever the list's length changes; on the cursor neither costs
anything. The statements run on the session's own connection, inside its transaction.

The SQL is the same on SQLite and PostgreSQL but for two spellings, both made here: the
placeholder (written `?`, sent as `%s` to psycopg) and a list of keys (`IN (?, ?, …)` on SQLite,
one array `= ANY(%s)` on PostgreSQL: a single statement text, which psycopg prepares once).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy.orm import Session


class DriverCursor:
    """One cursor on the session's connection; `close` it when done."""

    def __init__(self, session: Session) -> None:
        connection = session.connection()  # begins the session's transaction if not yet
        raw = connection.connection.driver_connection
        assert raw is not None  # a live pooled connection always has its driver connection
        self._postgres = connection.dialect.name == "postgresql"
        self._cursor: Any = raw.cursor()

    def close(self) -> None:
        self._cursor.close()

    def among(self, column: str, values: Collection[Any], kind: str) -> tuple[str, tuple[Any, ...]]:
        """`column` is one of `values` (not empty; `kind` their SQL type, `bigint` or `text`),
        as SQL and its parameters."""
        if self._postgres:
            return f"{column} = ANY(?::{kind}[])", (list(values),)
        return f"{column} IN ({','.join('?' * len(values))})", tuple(values)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of `sql` (with `?` placeholders, and no literal `?` or `%`)."""
        if self._postgres:
            sql = sql.replace("?", "%s")
        self._cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = self._cursor.fetchall()
        return rows


def driver_rows(session: Session, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """`DriverCursor.rows` of one statement."""
    cursor = DriverCursor(session)
    try:
        return cursor.rows(sql, params)
    finally:
        cursor.close()
