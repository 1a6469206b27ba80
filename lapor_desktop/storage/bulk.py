"""Bulk writing of many new cases at once (demo data, imports): driver-level executemany.

Measured here: SQLAlchemy's per-row parameter processing costs more than SQLite's own insert
for wide rows, so this path hands plain tuples to the driver, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import cast

import orjson
from sqlalchemy import Engine, Index, Table
from sqlalchemy.orm import Session

from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_to_json
from lapor_desktop.domain.ops import iso
from lapor_desktop.storage import json_text
from lapor_desktop.storage.cases import DueInfo, case_row_values
from lapor_desktop.storage.rows import CaseEventRow, CaseRow
from lapor_desktop.storage.search import fts_row

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


def _all_utc(case: Case) -> bool:
    """Whether every date-time in the case is UTC (a test holds this list to the dataclasses)."""
    moments: list[datetime | None] = [case.received_at, case.created_at, case.updated_at]
    if case.answer is not None:
        moments.append(case.answer.at)
    for d in case.dispositions:
        moments.append(d.at)
        moments.append(d.due_at)
    for f in case.follow_ups:
        moments.append(f.at)
    for a in case.attachments:
        moments.append(a.added_at)
    for c in case.clocks:
        moments.append(c.started_at)
        moments.append(c.completed_at)
        moments.append(c.frozen_due_at)
        for e in c.extensions:
            moments.append(e.at)
    for p in case.pauses:
        moments.append(p.start)
        moments.append(p.end)
    for k in case.conflicts:
        moments.append(k.at)
        moments.append(k.resolved_at)
    return all(moment is None or moment.tzinfo is UTC for moment in moments)


def case_document(case: Case) -> str:
    """The stored document, exactly `json_text.dumps(case_to_json(case))`, ~2x cheaper.

    orjson writes a dataclass as its fields in order, which is the codec's shape (a test
    holds the two equal). It writes a date-time with its own offset where the codec converts
    to UTC, so a case with a date-time in any other zone takes the codec's path.
    """
    if not _all_utc(case):
        return json_text.dumps(case_to_json(case))
    return orjson.dumps(case).decode("utf-8")


# The columns read out of the row dicts in one C call each (a generator per row cost more).
_CASE_ROW = itemgetter(*CASE_COLUMNS)
_FTS_ROW = itemgetter(*FTS_COLUMNS)


def case_tuple(row_id: int, case: Case, due: DueInfo) -> tuple[object, ...]:
    values = case_row_values(case, due, document=case_document(case))
    values["row_id"] = row_id
    values.setdefault("server_version", 0)
    values.setdefault("scope_left_at", None)  # set only by sync (a case out of scope)
    row: tuple[object, ...] = _CASE_ROW(values)
    return row


def event_tuple(event: TimelineEvent) -> tuple[object, ...]:
    """`event_values(event)` in EVENT_COLUMNS order, without the dict in between (a test holds
    the two equal): the demo writes ~4 events per case."""
    return (
        event.id,
        event.case_id,
        event.kind,
        iso(event.at),
        event.actor,
        event.office,
        event.device_id,
        event.op_id,
        event.summary,
        json_text.dumps(event.data),
    )


def fts_tuple(row_id: int, case: Case) -> tuple[object, ...]:
    values: tuple[object, ...] = _FTS_ROW(fts_row(case))
    return (row_id, *values)


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


# Negative: KiB, as SQLite counts it. Enough to sort 100,000 cases' index entries in memory.
_LOAD_CACHE_KIB = -256 * 1024


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
        """Drop the secondary indexes for the load and rebuild them after, same transaction.

        The page cache is enlarged meanwhile: with the default 2 MiB, index builds sort in
        temporary runs on disk and the unique indexes filled during the load keep evicting
        their pages (measured at 50,000 cases: index builds 2.1 s -> 1.3 s).
        """
        connection = self._session.connection()
        (previous,) = self._cursor.execute("PRAGMA cache_size").fetchone()
        self._cursor.execute(f"PRAGMA cache_size = {_LOAD_CACHE_KIB}")
        try:
            for index in _DEFERRABLE:
                index.drop(connection)
            yield
            for index in _DEFERRABLE:
                index.create(connection)
        finally:
            # Shrinking the cache frees its pages: a long-lived process gets its memory back.
            self._cursor.execute(f"PRAGMA cache_size = {int(previous)}")


@contextmanager
def written_once(engine: Engine) -> Iterator[None]:
    """A bulk load into a new file nobody else has open: a rollback journal meanwhile, then WAL.

    In WAL mode every page of the load goes to the WAL and is copied into the file again by
    the checkpoint the commit runs (100,000 demo cases: a 715 MB WAL, commit 3.8 s). A rollback
    journal never records pages past the file's original end, so a load into a near-empty file
    writes its pages once and stays atomic and durable (synchronous = FULL still syncs the
    journal before the file). Leaving WAL needs the only connection to the file, so the
    engine's pool is emptied first; the unit of work then reuses that one connection, and
    any connection opened later switches back to WAL on connect anyway.
    """
    _set_journal_mode(engine, "DELETE")
    try:
        yield
    finally:
        _set_journal_mode(engine, "WAL")


def _set_journal_mode(engine: Engine, mode: str) -> None:
    engine.dispose()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        # When another process has the file open the mode stays WAL: slower, never wrong.
        cursor.execute(f"PRAGMA journal_mode = {mode}")
        cursor.close()
    finally:
        raw.close()
