"""What sync keeps in the local database: state, run log, acks, blob progress, server cases.

No network here and no `sync` import: the engine (`sync/engine.py`) decides, these repositories
write, always inside the caller's unit of work so a page of changes and its cursor, or a
response's acks, commit together or not at all.

Sync state lives in the `setting` table under `sync.*` keys (cursor, server url, enrollment,
master-data version, office directory); runs are logged in `sync_log`; leased number blocks
in `number_block` (see `storage/numbers.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_from_json
from lapor_desktop.domain.ops import Operation, iso
from lapor_desktop.storage import json_text
from lapor_desktop.storage.bulk import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    FTS_COLUMNS,
    event_tuple,
    fts_tuple,
)
from lapor_desktop.storage.cases import DueInfo, case_row_values
from lapor_desktop.storage.numbers import ENROLLED_SETTING, NumberBlocks
from lapor_desktop.storage.reference import ReferenceRepository
from lapor_desktop.storage.rows import (
    BlobRow,
    CaseRow,
    OutboxRow,
    SyncLogRow,
)
from lapor_desktop.storage.search import SearchIndex

CURSOR = "sync.cursor"
SERVER_URL = "sync.server_url"
MASTER_VERSION = "sync.master_version"
OFFICES = "sync.offices"

PENDING = "pending"
FINAL_STATES = ("applied", "merged", "conflict", "rejected")
# Ids per `IN (...)` list: far below SQLite's bound-parameter limit, whatever its build.
IN_CHUNK = 500


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), IN_CHUNK):
        yield items[start : start + IN_CHUNK]


@dataclass(frozen=True, slots=True)
class Enrollment:
    device_id: str
    username: str
    office: str
    server_url: str
    at: str

    def to_json(self) -> dict[str, str]:
        return {
            "device_id": self.device_id,
            "username": self.username,
            "office": self.office,
            "server_url": self.server_url,
            "at": self.at,
        }


class SyncSettings:
    """`sync.*` keys of the setting table."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # The same setting table as the office profile: one reader and writer of its rows.
        self._settings = ReferenceRepository(session)

    def _get(self, key: str) -> Any:
        return self._settings.get_setting(key)

    def _set(self, key: str, value: Any) -> None:
        self._settings.set_setting(key, value)

    def cursor(self) -> int:
        return int(self._get(CURSOR) or 0)

    def set_cursor(self, cursor: int) -> None:
        self._set(CURSOR, int(cursor))

    def server_url(self) -> str | None:
        value = self._get(SERVER_URL)
        return str(value) if value else None

    def set_server_url(self, url: str) -> None:
        self._set(SERVER_URL, url)

    def enrollment(self) -> Enrollment | None:
        raw = self._get(ENROLLED_SETTING)
        if not isinstance(raw, dict):
            return None
        return Enrollment(
            device_id=str(raw.get("device_id", "")),
            username=str(raw.get("username", "")),
            office=str(raw.get("office", "")),
            server_url=str(raw.get("server_url", "")),
            at=str(raw.get("at", "")),
        )

    def set_enrollment(self, enrollment: Enrollment) -> None:
        self._set(ENROLLED_SETTING, enrollment.to_json())

    def master_version(self) -> str | None:
        value = self._get(MASTER_VERSION)
        return str(value) if value else None

    def set_master_version(self, version: str) -> None:
        self._set(MASTER_VERSION, version)

    def offices(self) -> list[dict[str, Any]]:
        return list(self._get(OFFICES) or [])

    def set_offices(self, offices: list[dict[str, Any]]) -> None:
        self._set(OFFICES, offices)

    def outbox_key(self) -> str | None:
        """The server's key outbox files are sealed to (base64), as its hello last said."""
        value = self._get("sync.outbox_key")
        return str(value) if value else None

    def set_outbox_key(self, key: str) -> None:
        self._set("sync.outbox_key", key)


@dataclass(frozen=True, slots=True)
class SyncRun:
    run_id: str
    started_at: str
    ended_at: str | None
    phase: str
    outcome: str  # running | ok | failed | cancelled (running after a crash: interrupted)
    counts: dict[str, int]
    bytes_sent: int
    bytes_received: int
    error: str | None


class SyncLog:
    """One row per run, for diagnostics and the derived status (last success, last error)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def start(self, run_id: str, at: datetime) -> None:
        self._session.execute(
            insert(SyncLogRow).values(
                run_id=run_id,
                started_at=iso(at),
                phase="start",
                outcome="running",
                counts="{}",
                bytes_sent=0,
                bytes_received=0,
            )
        )

    def finish(
        self,
        run_id: str,
        at: datetime,
        *,
        phase: str,
        outcome: str,
        counts: dict[str, int],
        bytes_sent: int,
        bytes_received: int,
        error: str | None = None,
    ) -> None:
        self._session.execute(
            update(SyncLogRow)
            .where(SyncLogRow.run_id == run_id)
            .values(
                ended_at=iso(at),
                phase=phase,
                outcome=outcome,
                counts=json.dumps(counts, sort_keys=True),
                bytes_sent=bytes_sent,
                bytes_received=bytes_received,
                error=error,
            )
        )

    def runs(self, limit: int = 20) -> list[SyncRun]:
        stmt = select(SyncLogRow).order_by(SyncLogRow.id.desc()).limit(limit)
        return [_run(r) for r in self._session.execute(stmt).scalars()]

    def last_ok_at(self) -> str | None:
        value = self._session.execute(
            select(func.max(SyncLogRow.ended_at)).where(SyncLogRow.outcome == "ok")
        ).scalar()
        return str(value) if value else None

    def latest_finished(self) -> SyncRun | None:
        row = self._session.execute(
            select(SyncLogRow)
            .where(SyncLogRow.ended_at.is_not(None))
            .order_by(SyncLogRow.id.desc())
            .limit(1)
        ).scalar()
        return None if row is None else _run(row)


def _run(row: SyncLogRow) -> SyncRun:
    return SyncRun(
        run_id=row.run_id,
        started_at=row.started_at,
        ended_at=row.ended_at,
        phase=row.phase,
        outcome=row.outcome,
        counts={k: int(v) for k, v in json.loads(row.counts or "{}").items()},
        bytes_sent=row.bytes_sent,
        bytes_received=row.bytes_received,
        error=row.error,
    )


@dataclass(frozen=True, slots=True)
class QueuedOp:
    device_seq: int
    op: Operation
    payload: str  # the op's JSON text exactly as stored
    state: str


# No ORDER BY: sorting by device_seq in SQL made SQLite walk the state index (it is in rowid
# order) through every pending op; without it the (entity_id, state) index finds the page's
# cases' ops at once, and the few found are sorted in Python.
_PENDING_OF = (
    "SELECT entity_id, device_seq, payload FROM outbox "
    f"WHERE state = '{PENDING}' AND entity_id IN ({{marks}})"
)


class SyncOutbox:
    """The outbox as sync sees it: send pending ops in order, record answers by op_id."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def queued(
        self, from_seq: int = 0, limit: int = 500, include_final: bool = False
    ) -> list[QueuedOp]:
        stmt = (
            select(OutboxRow.device_seq, OutboxRow.payload, OutboxRow.state)
            .where(OutboxRow.device_seq >= from_seq)
            .order_by(OutboxRow.device_seq)
            .limit(limit)
        )
        if not include_final:
            stmt = stmt.where(OutboxRow.state == PENDING)
        return [
            QueuedOp(seq, Operation.from_json(json_text.loads(payload)), payload, state)
            for seq, payload, state in self._session.execute(stmt)
        ]

    def count(self, state: str) -> int:
        stmt = select(func.count()).select_from(OutboxRow).where(OutboxRow.state == state)
        return int(self._session.execute(stmt).scalar_one())

    def op_ids(self, state: str) -> set[str]:
        stmt = select(OutboxRow.op_id).where(OutboxRow.state == state)
        return set(self._session.execute(stmt).scalars())

    def first_pending_seq(self) -> int | None:
        value = self._session.execute(
            select(func.min(OutboxRow.device_seq)).where(OutboxRow.state == PENDING)
        ).scalar()
        return None if value is None else int(value)

    def pending_attachments(self) -> list[Operation]:
        stmt = (
            select(OutboxRow.payload)
            .where(OutboxRow.state == PENDING, OutboxRow.op_type == "attachment.add")
            .order_by(OutboxRow.device_seq)
        )
        return [
            Operation.from_json(json_text.loads(p)) for p in self._session.execute(stmt).scalars()
        ]

    def pending_for(self, case_id: str) -> list[Operation]:
        stmt = (
            select(OutboxRow.payload)
            .where(OutboxRow.entity_id == case_id, OutboxRow.state == PENDING)
            .order_by(OutboxRow.device_seq)
        )
        return [
            Operation.from_json(json_text.loads(p)) for p in self._session.execute(stmt).scalars()
        ]

    def pending_by_case(self, case_ids: Iterable[str]) -> dict[str, list[Operation]]:
        """`pending_for` of many cases in one query per chunk of ids (a pull page's cases)."""
        found: dict[str, list[Operation]] = {}
        ids = list(dict.fromkeys(case_ids))
        rows = _rows_in(self._session, _PENDING_OF, ids)
        for case_id, _seq, payload in sorted(rows, key=lambda row: row[1]):
            found.setdefault(case_id, []).append(Operation.from_json(json_text.loads(payload)))
        return found

    def cases_with_pending(self, case_ids: Iterable[str]) -> set[str]:
        ids = list(case_ids)
        if not ids:
            return set()
        stmt = select(OutboxRow.entity_id).where(
            OutboxRow.state == PENDING, OutboxRow.entity_id.in_(ids)
        )
        return set(self._session.execute(stmt).scalars())

    def record_final(self, op_id: str, state: str, result: dict[str, Any]) -> bool:
        """Store the server's final answer; by op_id, whatever the row's state (DHIS2 lesson)."""
        if state not in FINAL_STATES:
            raise ValueError(f"{state!r} is not a final state")
        done = self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.op_id == op_id)
            .values(
                state=state,
                result=json.dumps(result, ensure_ascii=False, sort_keys=True),
                attempts=OutboxRow.attempts + 1,
                last_error=result.get("message") if state == "rejected" else None,
            )
            .returning(OutboxRow.device_seq)
        ).scalar()
        return done is not None

    def record_finals(self, answers: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """`record_final` of a push batch's answers `(op_id, state, result)`, in one statement
        (measured: 500 ORM updates per batch cost the client more than the server's work)."""
        rows = []
        for op_id, state, result in answers:
            if state not in FINAL_STATES:
                raise ValueError(f"{state!r} is not a final state")
            message = result.get("message") if state == "rejected" else None
            encoded = json.dumps(result, ensure_ascii=False, sort_keys=True)
            rows.append((state, encoded, message, op_id))
        if rows:
            _cursor(self._session).executemany(
                "UPDATE outbox SET state = ?, result = ?, attempts = attempts + 1,"
                " last_error = ? WHERE op_id = ?",
                rows,
            )

    def record_deferred(self, op_id: str, reason: str) -> None:
        self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.op_id == op_id, OutboxRow.state == PENDING)
            .values(attempts=OutboxRow.attempts + 1, last_error=reason)
        )

    def entries_in(self, states: Sequence[str]) -> list[tuple[Operation, str, str | None]]:
        """Ops in the given states with their state and stored result text (for listings)."""
        stmt = (
            select(OutboxRow.payload, OutboxRow.state, OutboxRow.result)
            .where(OutboxRow.state.in_(list(states)))
            .order_by(OutboxRow.device_seq)
        )
        return [
            (Operation.from_json(json_text.loads(payload)), state, result)
            for payload, state, result in self._session.execute(stmt)
        ]


@dataclass(frozen=True, slots=True)
class BlobProgress:
    sha256: str
    size: int
    state: str  # local | uploading | uploaded | remote (on the server only: to download)
    uploaded_bytes: int


class SyncBlobs:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, sha256: str) -> BlobProgress | None:
        row = self._session.get(BlobRow, sha256)
        if row is None:
            return None
        return BlobProgress(row.sha256, row.size, row.state, row.uploaded_bytes)

    def want(self, sha256: str, size: int, mime: str, at: datetime) -> None:
        """A file a case from the server names and this PC lacks: fetch it (state remote)."""
        self._session.execute(
            insert(BlobRow)
            .prefix_with("OR IGNORE")
            .values(sha256=sha256, size=size, mime=mime, state="remote", created_at=iso(at))
        )

    def want_many(self, refs: Iterable[tuple[str, int, str]], at: datetime) -> None:
        """`want` for many (sha256, size, mime) at once; the ones already known are ignored."""
        rows = [(sha, size, mime, "remote", iso(at)) for sha, size, mime in refs]
        if rows:
            _cursor(self._session).executemany(
                "INSERT OR IGNORE INTO blob (sha256, size, mime, state, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                rows,
            )

    def wanted(self) -> list[BlobProgress]:
        stmt = select(BlobRow).where(BlobRow.state == "remote").order_by(BlobRow.created_at)
        return [
            BlobProgress(r.sha256, r.size, r.state, r.uploaded_bytes)
            for r in self._session.execute(stmt).scalars()
        ]

    def set_progress(self, sha256: str, uploaded_bytes: int, state: str) -> None:
        self._session.execute(
            update(BlobRow)
            .where(BlobRow.sha256 == sha256)
            .values(uploaded_bytes=uploaded_bytes, state=state)
        )


@dataclass(frozen=True, slots=True)
class HeldCase:
    """What this PC holds of a case, as the pull decides with it."""

    row_id: int
    version: int  # the local document's version
    server_version: int  # the highest version the server confirmed to us
    left_scope: bool
    doc: str = (
        ""  # the stored case document (JSON text), to tell "the very same" from "same number"
    )


def _rows_in(session: Session, sql: str, keys: Sequence[str]) -> list[tuple[Any, ...]]:
    """Rows of `sql`, whose `{marks}` is an IN list, for every key, in chunks of IN_CHUNK.

    On the driver, like the page's writes: through SQLAlchemy each expanding IN statement
    was re-processed per call (~1 ms per lookup, four lookups per page).
    """
    cursor = _cursor(session)
    found: list[tuple[Any, ...]] = []
    for part in _chunks(keys):
        found += cursor.execute(sql.format(marks=", ".join("?" * len(part))), tuple(part))
    return found


def _cursor(session: Session) -> Any:
    """The driver cursor of the session's connection, inside its transaction.

    A pull page writes ~40 wide case rows, their search rows and ~1,000 events: measured, the
    ORM's per-statement work (cache keys, parameter processing) cost 10x SQLite's own, so the
    page goes to the driver as executemany of plain tuples, as `storage.bulk` does.
    """
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None
    return dbapi.cursor()


_UPDATABLE = tuple(c for c in CASE_COLUMNS if c not in ("row_id", "id"))
_UPDATE_CASE = 'UPDATE "case" SET ' + ", ".join(f'"{c}" = ?' for c in _UPDATABLE) + " WHERE id = ?"
_INSERTABLE = tuple(c for c in CASE_COLUMNS if c != "row_id")
_INSERT_CASE = (
    'INSERT INTO "case" ('
    + ", ".join(f'"{c}"' for c in _INSERTABLE)
    + ") VALUES ("
    + ", ".join("?" * len(_INSERTABLE))
    + ")"
)
_INSERT_FTS = (
    "INSERT INTO case_fts (rowid, "
    + ", ".join(FTS_COLUMNS)
    + ") VALUES ("
    + ", ".join("?" * (len(FTS_COLUMNS) + 1))
    + ")"
)
_INSERT_EVENT = (
    "INSERT OR IGNORE INTO case_event ("
    + ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    + ") VALUES ("
    + ", ".join("?" * len(EVENT_COLUMNS))
    + ")"
)


_SELECT_EVENTS = "SELECT " + ", ".join(f'"{c}"' for c in EVENT_COLUMNS) + " FROM case_event"


# A pull page's lookups by many keys, on the driver (_rows_in).
_HELD = (
    'SELECT id, row_id, version, server_version, scope_left_at, doc FROM "case" '
    "WHERE id IN ({marks})"
)
_NUMBERS_TAKEN = 'SELECT register_no, id FROM "case" WHERE register_no IN ({marks})'
_ROW_IDS = 'SELECT id, row_id FROM "case" WHERE id IN ({marks})'


class ServerCases:
    """Cases as the server sent them: upsert with the search index, events by id."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._search = SearchIndex(session)

    def upsert(self, case: Case, due: DueInfo, server_version: int) -> None:
        self._free_register_no(case)
        values = case_row_values(case, due)
        values["server_version"] = server_version
        row_id = self._session.execute(
            update(CaseRow)
            .where(CaseRow.id == case.id)
            .values(**{k: v for k, v in values.items() if k != "id"})
            .returning(CaseRow.row_id)
        ).scalar()
        if row_id is None:
            row_id = self._session.execute(
                insert(CaseRow).values(**values).returning(CaseRow.row_id)
            ).scalar_one()
        self._search.put(int(row_id), case)

    def held(self, case_ids: Iterable[str]) -> dict[str, HeldCase]:
        """The local state of many cases in one query per chunk of ids (absent: not here)."""
        found: dict[str, HeldCase] = {}
        ids = list(dict.fromkeys(case_ids))
        for case_id, row_id, version, server_version, left, doc in _rows_in(
            self._session, _HELD, ids
        ):
            found[str(case_id)] = HeldCase(
                int(row_id), int(version), int(server_version or 0), left is not None, doc
            )
        return found

    def upsert_many(
        self, rows: Sequence[tuple[Case, DueInfo, int]], held: Mapping[str, HeldCase]
    ) -> None:
        """`upsert` of many distinct cases, `(case, due, server_version)`, back in our scope.

        `held` is `held()` of these cases read in this transaction. A page where one case takes
        a register number another case of the same page gives up (a renumber) goes row by row,
        in page order, so the unique number is never held twice mid-statement.
        """
        if not rows:
            return
        numbers = {case.register_no: case.id for case, _, _ in rows}
        ids = set(numbers.values())
        clashes: list[Case] = []
        for number, other in _rows_in(self._session, _NUMBERS_TAKEN, list(numbers)):
            if other == numbers[number]:
                continue
            if other in ids:
                for case, due, version in rows:
                    self.upsert(case, due, version)
                    self.clear_left_scope(case.id)
                return
            clashes.append(next(c for c, _, _ in rows if c.register_no == number))
        for case in clashes:
            self._free_register_no(case)
        cursor = _cursor(self._session)
        updates, inserts, fts = [], [], []
        for case, due, version in rows:
            values = case_row_values(case, due)
            values["server_version"] = version
            values["scope_left_at"] = None
            known = held.get(case.id)
            if known is None:
                inserts.append(tuple(values[c] for c in _INSERTABLE))
            else:
                updates.append((*(values[c] for c in _UPDATABLE), case.id))
                fts.append(fts_tuple(known.row_id, case))
        if updates:
            cursor.executemany(_UPDATE_CASE, updates)
            cursor.executemany("DELETE FROM case_fts WHERE rowid = ?", [(r[0],) for r in fts])
        if inserts:
            cursor.executemany(_INSERT_CASE, inserts)
            new = {case.id: case for case, _, _ in rows if case.id not in held}
            for case_id, row_id in _rows_in(self._session, _ROW_IDS, list(new)):
                fts.append(fts_tuple(int(row_id), new[case_id]))
        cursor.executemany(_INSERT_FTS, fts)

    def _free_register_no(self, case: Case) -> None:
        """A local case the server never accepted may hold the number of a server case.

        That happens when an old backup was restored: it issued numbers the server had
        already seen from this PC, and its create came back rejected. The local case is kept
        (nothing typed is lost) under a marked number, so the server's case can be stored.
        """
        clash = self._session.execute(
            select(CaseRow.row_id, CaseRow.id, CaseRow.server_version, CaseRow.doc).where(
                CaseRow.register_no == case.register_no, CaseRow.id != case.id
            )
        ).first()
        if clash is None:
            return
        row_id, other_id, other_version, doc = clash
        if other_version:
            raise ValueError(f"two server cases with register number {case.register_no}")
        marked = f"{case.register_no}/DUPLIKAT-{str(other_id)[-8:]}"
        document = json_text.loads(doc)
        document["register_no"] = marked
        self._session.execute(
            update(CaseRow)
            .where(CaseRow.row_id == row_id)
            .values(register_no=marked, doc=json_text.dumps(document))
        )
        self._search.put(int(row_id), case_from_json(document))

    def add_events(self, events: Sequence[TimelineEvent]) -> list[str]:
        """Insert events not here yet; returns the ids of those here with other content.

        Ids are derived from the op, so an event is one record everywhere. One this PC holds
        with other content than the server's copy (it applied its op to an older state than
        the server did) must not happen; the timeline is append-only, so the PC's copy stays
        as written and the caller reports the difference instead of hiding it.
        """
        return self.add_event_rows([event_tuple(e) for e in events])

    def add_event_rows(self, rows: Sequence[tuple[object, ...]]) -> list[str]:
        """`add_events` of events as `event_tuple` or `event_row` gives them."""
        if not rows:
            return []
        cursor = _cursor(self._session)
        # Inserted first, looked up only when some were here already: a PC that pulls cases
        # new to it (a second PC, a disposition from another office) holds none of their
        # events, and the lookup of ~1,000 ids was a tenth of such a page's apply. After the
        # insert every id is here; a row that differs from ours can only be an earlier one.
        cursor.executemany(_INSERT_EVENT, rows)
        if cursor.rowcount == len(rows):
            return []
        ids = list({str(row[0]) for row in rows})
        here: dict[str, tuple[object, ...]] = {}
        for found in _rows_in(self._session, _SELECT_EVENTS + " WHERE id IN ({marks})", ids):
            here[found[0]] = tuple(found)
        return sorted({str(row[0]) for row in rows if here[str(row[0])] != row})

    def server_version(self, case_id: str) -> int:
        value = self._session.execute(
            select(CaseRow.server_version).where(CaseRow.id == case_id)
        ).scalar()
        return int(value or 0)

    def note_server_version(self, case_id: str, version: int) -> None:
        """The server answered for an op on this case: it holds at least `version` now."""
        self._session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id, CaseRow.server_version < version)
            .values(server_version=version)
        )

    def note_server_versions(self, versions: Sequence[tuple[str, int]]) -> None:
        """`note_server_version` of many `(case_id, version)`, in order, in one statement."""
        if versions:
            _cursor(self._session).executemany(
                'UPDATE "case" SET server_version = ? WHERE id = ? AND server_version < ?',
                [(version, case_id, version) for case_id, version in versions],
            )

    def exists(self, case_id: str) -> bool:
        return (
            self._session.execute(select(CaseRow.id).where(CaseRow.id == case_id)).scalar()
            is not None
        )

    def mark_left_scope(self, case_id: str, at: datetime) -> bool:
        """The office no longer sees the case: keep it as a read-only stub (never deleted)."""
        done = self._session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(scope_left_at=iso(at))
            .returning(CaseRow.row_id)
        ).scalar()
        return done is not None

    def has_left_scope(self, case_id: str) -> bool:
        """Whether the case is a stub here: the office no longer sees it (read-only)."""
        left = self._session.execute(
            select(CaseRow.scope_left_at).where(CaseRow.id == case_id)
        ).scalar()
        return left is not None

    def clear_left_scope(self, case_id: str) -> None:
        self._session.execute(
            update(CaseRow).where(CaseRow.id == case_id).values(scope_left_at=None)
        )

    def left_scope(self, case_id: str) -> str | None:
        value = self._session.execute(
            select(CaseRow.scope_left_at).where(CaseRow.id == case_id)
        ).scalar()
        return None if value is None else str(value)

    def versions_by_bucket(self) -> dict[str, list[tuple[str, int, str]]]:
        """(id, version, document text) of every case the server should also hold for us,
        per receipt month (verify hashes the documents: the same version is not enough).

        Left out: cases the server never acknowledged (server_version 0: e.g. a rejected
        create, kept here so nothing typed is lost) and read-only stubs out of our scope.
        """
        stmt = select(CaseRow.received_month, CaseRow.id, CaseRow.version, CaseRow.doc).where(
            CaseRow.server_version > 0, CaseRow.scope_left_at.is_(None)
        )
        buckets: dict[str, list[tuple[str, int, str]]] = {}
        for month, case_id, version, doc in self._session.execute(stmt):
            buckets.setdefault(str(month), []).append((str(case_id), int(version), str(doc)))
        return buckets

    def open_conflict_count(self) -> int:
        """Open conflicts over every case (a person closes each one)."""
        value = self._session.execute(text('SELECT coalesce(sum(open_conflicts), 0) FROM "case"'))
        return int(value.scalar_one())


class SyncStore:
    """Everything above on one session: `uow.sync.state`, `.log`, `.outbox`, …"""

    def __init__(self, session: Session) -> None:
        self.state = SyncSettings(session)
        self.log = SyncLog(session)
        self.outbox = SyncOutbox(session)
        self.blobs = SyncBlobs(session)
        self.cases = ServerCases(session)
        self.blocks = NumberBlocks(session)
