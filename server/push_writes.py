"""The rows a push batch writes, collected and written with one statement per table.

A batch's ops are applied in memory; what they write (case rows, versions, events, change log,
scopes, attachments, conflicts) is collected here and written by `flush` with executemany, a
few statements per batch instead of six or more per op. The first, optimistic run of a batch
flushes once, before its commit; a database that refuses any row then rolls the whole
transaction back and the batch runs again op by op (server/push.py), flushing inside each op's
savepoint. What a later op of the batch needs to read back (a case's document, scope,
attachments) the batch keeps in memory, so nothing here must be read before it is flushed.

The change sequence numbers are assigned by the batch while it holds the change counter's lock,
and the rows carrying them are written in the same transaction as the counter: a reader's
cursor still never skips a lower sequence that commits later (docs/sync.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, update

from server.tables import (
    CaseAttachment,
    CaseEvent,
    CaseRow,
    CaseScope,
    CaseVersion,
    ChangeLog,
    ChangeScope,
    ConflictRow,
)

# Statements built once: SQLAlchemy then reuses their compiled form on every execution.
_INSERT_CASE = insert(CaseRow)
_UPDATE_CASE = (
    update(CaseRow)
    .where(CaseRow.id == bindparam("b_id"))
    .values(
        {
            name: bindparam(f"b_{name}")
            for name in (
                "register_no",
                "register_key",
                "holder_office",
                "origin_office",
                "confidential",
                "version",
                "received_at",
                "bucket",
                "doc",
            )
        }
    )
)
_INSERT_VERSION = insert(CaseVersion)
_INSERT_EVENTS = insert(CaseEvent)
_INSERT_CHANGE = insert(ChangeLog)
_INSERT_CHANGE_SCOPE = insert(ChangeScope)
_DELETE_SCOPE = delete(CaseScope).where(CaseScope.case_id == bindparam("b_case_id"))
_INSERT_SCOPE = insert(CaseScope)
_DELETE_CONFLICTS = delete(ConflictRow).where(ConflictRow.case_id == bindparam("b_case_id"))
_INSERT_CONFLICTS = insert(ConflictRow)
_INSERT_ATTACHMENTS = insert(CaseAttachment)


@dataclass
class Writes:
    """What the ops applied since the last flush write; `flush` writes it and starts afresh."""

    new_cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> last values
    changed_cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> last values
    versions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    change_scopes: list[dict[str, Any]] = field(default_factory=list)
    # case id -> (the scope rows as stored, the scope now): rewritten only when they differ
    scopes: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # id -> all rows
    attachments: list[dict[str, Any]] = field(default_factory=list)

    def case(self, case_id: str, values: dict[str, Any], *, new: bool) -> None:
        """The case row's values after an op; `new`: no row was stored before the batch."""
        if case_id in self.new_cases:
            self.new_cases[case_id] = values  # still unwritten: inserted with its last values
        elif new:
            self.new_cases[case_id] = values
        else:
            self.changed_cases[case_id] = values

    def scope(self, case_id: str, stored: frozenset[str], current: frozenset[str]) -> None:
        first = self.scopes.get(case_id)
        self.scopes[case_id] = (stored if first is None else first[0], current)

    def flush(self, conn: Connection) -> None:
        """Write everything collected, parents before children (foreign keys)."""
        try:
            if self.new_cases:
                conn.execute(_INSERT_CASE, [{"id": i, **v} for i, v in self.new_cases.items()])
            if self.changed_cases:
                conn.execute(
                    _UPDATE_CASE,
                    [
                        {"b_id": i, **{f"b_{k}": value for k, value in v.items()}}
                        for i, v in self.changed_cases.items()
                    ],
                )
            for stmt, rows in (
                (_INSERT_VERSION, self.versions),
                (_INSERT_EVENTS, self.events),
                (_INSERT_CHANGE, self.changes),
                (_INSERT_CHANGE_SCOPE, self.change_scopes),
                (_INSERT_ATTACHMENTS, self.attachments),
            ):
                if rows:
                    conn.execute(stmt, rows)
            moved = {i: now for i, (stored, now) in self.scopes.items() if stored != now}
            if moved:
                conn.execute(_DELETE_SCOPE, [{"b_case_id": i} for i in moved])
                rows = [
                    {"case_id": i, "office": o} for i, now in moved.items() for o in sorted(now)
                ]
                if rows:
                    conn.execute(_INSERT_SCOPE, rows)
            if self.conflicts:
                conn.execute(_DELETE_CONFLICTS, [{"b_case_id": i} for i in self.conflicts])
                rows = [row for found in self.conflicts.values() for row in found]
                if rows:
                    conn.execute(_INSERT_CONFLICTS, rows)
        finally:
            self.clear()  # written, or rolled back with the savepoint or transaction

    def clear(self) -> None:
        self.new_cases.clear()
        self.changed_cases.clear()
        self.versions.clear()
        self.events.clear()
        self.changes.clear()
        self.change_scopes.clear()
        self.scopes.clear()
        self.conflicts.clear()
        self.attachments.clear()
