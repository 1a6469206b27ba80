"""Bulk writing of many new cases at once (demo data, imports): driver-level executemany.

Measured here: SQLAlchemy's per-row parameter processing costs more than SQLite's own insert
for wide rows, so this path hands plain tuples to the driver, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Index, Table
from sqlalchemy.orm import Session

from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.storage.cases import DueInfo, case_row_values
from lapor_desktop.storage.rows import CaseEventRow, CaseRow
from lapor_desktop.storage.search import fts_row
from lapor_desktop.storage.timeline import event_values

CASE_COLUMNS = tuple(c.name for c in CaseRow.__table__.columns)
EVENT_COLUMNS = tuple(
    c.name for c in CaseEventRow.__table__.columns if c.name not in ("seq", "server_seq")
)
FTS_COLUMNS = (
    "register_no",
    "tracking_id",
    "title",
    "original_text",
    "summary",
    "reporter_name",
    "reporter_phone",
)


def case_tuple(row_id: int, case: Case, due: DueInfo) -> tuple[object, ...]:
    values = case_row_values(case, due)
    values["row_id"] = row_id
    values.setdefault("server_version", 0)
    values.setdefault("scope_left_at", None)  # set only by sync (a case out of scope)
    return tuple(values[c] for c in CASE_COLUMNS)


def event_tuple(event: TimelineEvent) -> tuple[object, ...]:
    values = event_values(event)
    return tuple(values[c] for c in EVENT_COLUMNS)


def fts_tuple(row_id: int, case: Case) -> tuple[object, ...]:
    values = fts_row(case)
    return (row_id, *(values[c] for c in FTS_COLUMNS))


@dataclass
class RowBatch:
    """Rows for a run of new cases; plain tuples so they cross process boundaries cheaply."""

    cases: list[tuple[object, ...]] = field(default_factory=list)
    events: list[tuple[object, ...]] = field(default_factory=list)
    fts: list[tuple[object, ...]] = field(default_factory=list)


def _sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


_CASE_SQL = _sql("case", CASE_COLUMNS)
_EVENT_SQL = _sql("case_event", EVENT_COLUMNS)
_FTS_SQL = _sql("case_fts", ("rowid", *FTS_COLUMNS))

# Indexes that a bulk load into a fresh data dir builds once at the end instead of per row.
_DEFERRABLE: tuple[Index, ...] = tuple(
    index
    for table in (cast(Table, CaseRow.__table__), cast(Table, CaseEventRow.__table__))
    for index in table.indexes
)


class BulkWriter:
    def __init__(self, session: Session) -> None:
        self._session = session
        dbapi = session.connection().connection.dbapi_connection
        assert dbapi is not None
        self._cursor = dbapi.cursor()

    def write(self, batch: RowBatch) -> None:
        self._cursor.executemany(_CASE_SQL, batch.cases)
        self._cursor.executemany(_EVENT_SQL, batch.events)
        self._cursor.executemany(_FTS_SQL, batch.fts)

    @contextmanager
    def deferred_indexes(self) -> Iterator[None]:
        """Drop the secondary indexes for the load and rebuild them after, same transaction."""
        connection = self._session.connection()
        for index in _DEFERRABLE:
            index.drop(connection)
        yield
        for index in _DEFERRABLE:
            index.create(connection)
