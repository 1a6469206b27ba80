"""What a push batch knows of the cases its ops name (server/push_batch.py).

Every case the batch's ops name, its scope and attachment rows and who holds the register
numbers they ask for are read (and locked) once for the whole batch, in a few statements,
once the batch holds the change counter: each op reading its own cost ~3 statements. Ops then
read a case from memory, as stored before the batch or as the batch's last op of it left it.
Kept apart from the batch's loop because none of it decides or writes anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, select

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.case_codec import case_from_json
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import Operation, OpType
from server.tables import CaseAttachment, CaseRow, CaseScope


@dataclass(slots=True)
class CaseState:
    """A case as this batch last left it: its stored document and its index rows.

    A document just written is decoded only when a later op of the batch needs it (the
    case's last write in a batch never is): `doc` holds it parsed until then.
    """

    decoded: Case | None  # None: no row yet (or not decoded yet: see doc)
    scope: frozenset[str]  # the case_scope rows
    attachments: frozenset[str]  # the case_attachment rows
    doc: dict[str, Any] | None = None  # the stored document, parsed, not yet decoded
    version: int = 0  # the stored case's version

    @property
    def case(self) -> Case | None:
        if self.doc is not None:
            self.decoded, self.doc = case_from_json(self.doc), None
        return self.decoded


# Statements built once: SQLAlchemy then reuses their compiled form on every execution.
_CASE_DOC = select(CaseRow.doc).where(CaseRow.id == bindparam("case_id"))
_CASE_SCOPE = select(CaseScope.office).where(CaseScope.case_id == bindparam("case_id"))
_CASE_ATTACHMENTS = select(CaseAttachment.sha256).where(
    CaseAttachment.case_id == bindparam("case_id")
)
# What the batch's ops will read, once per batch: each op reading its own cost ~3 statements.
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_CASE_DOCS = select(CaseRow.id, CaseRow.doc).where(CaseRow.id.in_(_IDS))
_CASE_SCOPES = select(CaseScope.case_id, CaseScope.office).where(CaseScope.case_id.in_(_IDS))
_CASE_FILES = select(CaseAttachment.case_id, CaseAttachment.sha256).where(
    CaseAttachment.case_id.in_(_IDS)
)
_KEY_HOLDERS = select(CaseRow.register_key, CaseRow.id).where(CaseRow.register_key.in_(_IDS))


@dataclass
class BatchCases:
    """The cases of one batch: as read before it (prefetched once), or as it last left them."""

    conn: Connection
    row_locks: bool  # False on SQLite: BEGIN IMMEDIATE locks all
    cases: dict[str, CaseState] = field(default_factory=dict)  # as the batch last left them
    # Read once for the whole batch (see prefetch): as stored before the batch began.
    docs: dict[str, str] = field(default_factory=dict)
    scopes: dict[str, set[str]] = field(default_factory=dict)
    files: dict[str, set[str]] = field(default_factory=dict)
    key_holders: dict[str, str] = field(default_factory=dict)  # key -> case id
    absent: set[str] = field(default_factory=set)  # named, but no row yet

    def _locked(self, stmt: Any) -> Any:
        return stmt.with_for_update() if self.row_locks else stmt

    def prefetch(self, fresh: list[Operation]) -> None:
        """Read (and lock) every case the batch's ops name, and who holds their new numbers,
        in a few statements for the whole batch; ops read it from memory (case)."""
        ids = sorted({op.entity_id for op in fresh})
        keys: set[str] = set()
        for op in fresh:
            if op.op_type in (OpType.CASE_CREATE, OpType.CASE_RENUMBER):
                try:
                    number = RegisterNumber.parse(str(op.data.get("register_no") or ""))
                except DomainError:
                    continue
                if not number.provisional:
                    keys.add(str(number))
        for part in _chunks(ids):
            params = {"ids": part}
            found = self.conn.execute(self._locked(_CASE_DOCS), params).tuples()
            self.docs.update({str(i): str(doc) for i, doc in found})
            self.absent.update(i for i in part if i not in self.docs)
            for case_id, office in self.conn.execute(_CASE_SCOPES, params).tuples():
                self.scopes.setdefault(case_id, set()).add(office)
            for case_id, sha in self.conn.execute(_CASE_FILES, params).tuples():
                self.files.setdefault(case_id, set()).add(sha)
        for part in _chunks(sorted(keys)):
            found = self.conn.execute(_KEY_HOLDERS, {"ids": part}).tuples()
            self.key_holders.update({str(key): str(i) for key, i in found})

    def case(self, case_id: str) -> CaseState:
        """The case as the batch knows it: as stored before the batch (read by prefetch, or
        now when an op must read it afresh), or as the batch's last op of it left it."""
        known = self.cases.get(case_id)
        if known is not None:
            return known
        # Each prefetched row serves once: an op retried after a race reads the row again.
        if case_id in self.docs:
            case = case_from_json(json.loads(self.docs.pop(case_id)))
            state = CaseState(
                case,
                frozenset(self.scopes.get(case_id, ())),
                frozenset(self.files.get(case_id, ())),
                version=case.version,
            )
            self.cases[case_id] = state
            return state
        if case_id in self.absent:
            self.absent.discard(case_id)
            state = CaseState(None, frozenset(), frozenset())
            self.cases[case_id] = state
            return state
        params = {"case_id": case_id}
        doc = self.conn.execute(self._locked(_CASE_DOC), params).scalar()
        if doc is None:
            state = CaseState(None, frozenset(), frozenset())
        else:
            case = case_from_json(json.loads(doc))
            state = CaseState(
                case,
                frozenset(self.conn.execute(_CASE_SCOPE, params).scalars()),
                frozenset(self.conn.execute(_CASE_ATTACHMENTS, params).scalars()),
                version=case.version,
            )
        self.cases[case_id] = state
        return state


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
