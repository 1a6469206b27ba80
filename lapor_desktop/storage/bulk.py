"""Bulk writing of many new cases at once (demo data, imports): driver-level executemany.

Measured here: SQLAlchemy's per-row parameter processing costs more than SQLite's own insert
for wide rows, so this path hands plain tuples to the driver, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

import orjson
from sqlalchemy import Engine, Index, Table
from sqlalchemy.orm import Session

from lapor_desktop.domain.case import Case, TimelineEvent, mask_name
from lapor_desktop.domain.ops import iso
from lapor_desktop.storage.cases import DueInfo, case_document, normalise_phone
from lapor_desktop.storage.rows import CaseEventRow, CaseRow

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


def _iso(moment: datetime) -> str:
    """`ops.iso(moment)`. A UTC time, as every stored time is, goes through orjson, which
    writes the same text (a test holds it) ~3x cheaper than isoformat: ~7 per demo case."""
    if moment.tzinfo is UTC:
        return orjson.dumps(moment)[1:-1].decode("ascii")
    return iso(moment)


def case_tuple(row_id: int, case: Case, due: DueInfo) -> tuple[object, ...]:
    """`case_row_values` plus the row id, in CASE_COLUMNS order, without the dict in between
    and with each date-time formatted once (tests hold the two equal, for every kind of
    reporter): the demo writes 100,000 of these. Enum members give their code through
    `_value_` (the `.value` property is two Python calls, and rows must hold plain strings
    for marshal)."""
    received = _iso(case.received_at)
    reporter = None if case.anonymous else case.reporter
    if reporter is None:
        phone = display = None
    else:
        phone = normalise_phone(reporter.phone)
        # What reporter_for_display() shows: the masked name of a confidential case.
        display = mask_name(reporter.name) if case.confidential else reporter.name
    due_at = due.due_at
    return (
        row_id,
        case.id,
        case.register_no,
        case.origin_office,
        case.holder_office,
        case.status._value_,
        case.version,
        case.kind._value_,
        case.title,
        case.channel._value_,
        case.category_code,
        case.priority._value_,
        case.severity._value_,
        int(case.anonymous),
        int(case.confidential),
        received,
        received[:7],
        _iso(case.updated_at),
        case.lapor_tracking_id,
        phone,
        display,
        _iso(due_at) if due_at else None,
        due.stage,
        int(due.paused),
        sum(1 for c in case.conflicts if c.is_open) if case.conflicts else 0,
        0,  # server_version
        None,  # scope_left_at: set only by sync (a case out of scope)
        case_document(case),
    )


def event_tuple(event: TimelineEvent) -> tuple[object, ...]:
    """`event_values(event)` in EVENT_COLUMNS order, without the dict in between (a test holds
    the two equal): the demo writes ~4 events per case."""
    return (
        event.id,
        event.case_id,
        event.kind,
        _iso(event.at),
        event.actor,
        event.office,
        event.device_id,
        event.op_id,
        event.summary,
        orjson.dumps(event.data).decode("utf-8"),  # json_text.dumps, one call less
    )


def event_row(fields: Mapping[str, Any], at: datetime) -> tuple[object, ...]:
    """`event_tuple` of an event given as a mapping of TimelineEvent's fields (as a sync page
    holds them) with `at` already parsed: the pull stores ~1,000 events a page straight from
    the server's JSON, without a TimelineEvent in between (a test holds the two equal).
    `op_id` and `data` may be missing, as in the protocol."""
    return (
        fields["id"],
        fields["case_id"],
        fields["kind"],
        _iso(at),
        fields["actor"],
        fields["office"],
        fields["device_id"],
        fields.get("op_id"),
        fields["summary"],
        orjson.dumps(fields.get("data", {})).decode("utf-8"),
    )


def fts_tuple(row_id: int, case: Case) -> tuple[object, ...]:
    """`fts_row(case)` with the row id, in FTS_COLUMNS order, without the dict in between
    (tests hold the two equal)."""
    reporter = None if case.anonymous else case.reporter
    aliases = case.register_aliases
    return (
        row_id,
        " ".join((case.register_no, *aliases)) if aliases else case.register_no,
        case.lapor_tracking_id or "",
        case.title,
        case.original_text,
        case.summary,
        (reporter.name if reporter else None) or "",
        (reporter.phone if reporter else None) or "",
    )


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
