"""What a person looks at around a sync run: what will be sent, what a run changed, the
operations the server rejected (re-apply from the current state, or acknowledge).

No network here (the run itself is `sync.engine`): these read and write the local data only, so
the window can show them without the sync package. Rejected operations stay in the outbox as
the audit says they were; an acknowledgement is recorded beside them (a setting and an audit
entry), never by rewriting the row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus, Sifat
from lapor_desktop.domain.errors import NotPermitted, ValidationError
from lapor_desktop.domain.feedback import FEEDBACK_KIND, feedback_of
from lapor_desktop.domain.ops import Operation, OpType
from lapor_desktop.domain.sla import Stage
from lapor_desktop.domain.summary import CaseSummary
from lapor_desktop.domain.workflow import allowed_next
from lapor_desktop.services.cases import CaseService, DispositionInput
from lapor_desktop.services.queries import QueryService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.case_queries import ListFilter, list_cases
from lapor_desktop.storage.rows import CaseRow, OutboxRow

ACKNOWLEDGED_KEY = "sync_review.acknowledged"
# Cases listed at once by summaries(); a run's result lines are far shorter than this.
MAX_LISTED = 2000


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    case_id: str
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class Outgoing:
    """The operations waiting to be sent, as the end-of-day dialog lists them."""

    new_cases: int
    actions: int
    files: tuple[OutgoingFile, ...]

    @property
    def total(self) -> int:
        return self.new_cases + self.actions + len(self.files)

    @property
    def file_bytes(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(frozen=True, slots=True)
class CaseState:
    status: str
    holder: str
    open_conflicts: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Every case's (status, holder, open conflicts) and the rejected ops, before a run."""

    cases: dict[str, CaseState]
    rejected_ops: frozenset[str]


@dataclass(frozen=True, slots=True)
class RunChanges:
    """What a run changed in the local cases, each as case ids (the result lines open them)."""

    disposed_to_us: tuple[str, ...]  # held by us now, not before, status DISPOSED
    new_for_us: tuple[str, ...]  # other cases that arrived held by us (e.g. another PC's)
    monitored_changed: tuple[str, ...]  # held elsewhere before and after, status moved
    conflicted: tuple[str, ...]  # more open conflicts than before
    rejected: tuple[str, ...]  # cases of ops rejected in this run


@dataclass(frozen=True, slots=True)
class RejectedOp:
    op_id: str
    case_id: str
    register_no: str
    op_type: OpType
    code: str
    message: str
    at: datetime
    actor: str
    can_reapply: bool


class SyncReviewService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace
        self._cases = CaseService(workspace)

    # ------------------------------------------------------------------ before a run
    def outgoing(self) -> Outgoing:
        with self._ws.db.read() as uow:
            entries = uow.outbox.entries(state="pending")
        new_cases = actions = 0
        files: list[OutgoingFile] = []
        for entry in entries:
            op = entry.op
            if op.op_type is OpType.CASE_CREATE:
                new_cases += 1
            elif op.op_type is OpType.ATTACHMENT_ADD:
                size = op.data.get("size")
                files.append(
                    OutgoingFile(
                        op.entity_id,
                        str(op.data.get("name") or ""),
                        size if isinstance(size, int) else 0,
                    )
                )
            else:
                actions += 1
        return Outgoing(new_cases, actions, tuple(files))

    def snapshot(self) -> Snapshot:
        with self._ws.db.read() as uow:
            rows = uow.session.execute(
                select(CaseRow.id, CaseRow.status, CaseRow.holder_office, CaseRow.open_conflicts)
            )
            cases = {
                case_id: CaseState(status, holder, int(conflicts or 0))
                for case_id, status, holder, conflicts in rows
            }
            rejected = frozenset(
                uow.session.execute(
                    select(OutboxRow.op_id).where(OutboxRow.state == "rejected")
                ).scalars()
            )
        return Snapshot(cases, rejected)

    # ------------------------------------------------------------------ after a run
    def changes_since(self, before: Snapshot) -> RunChanges:
        after = self.snapshot()
        office = self._ws.office.code
        disposed: list[str] = []
        new_for_us: list[str] = []
        monitored: list[str] = []
        conflicted: list[str] = []
        for case_id, now in after.cases.items():
            was = before.cases.get(case_id)
            if now.holder == office and (was is None or was.holder != office):
                (disposed if now.status == CaseStatus.DISPOSED.value else new_for_us).append(
                    case_id
                )
            elif (
                was is not None
                and now.holder != office
                and was.holder != office
                and now.status != was.status
            ):
                monitored.append(case_id)
            if now.open_conflicts > (was.open_conflicts if was is not None else 0):
                conflicted.append(case_id)
        fresh = after.rejected_ops - before.rejected_ops
        rejected = sorted({r.case_id for r in self._rejected_ops(fresh)})
        return RunChanges(
            tuple(disposed), tuple(new_for_us), tuple(monitored), tuple(conflicted), tuple(rejected)
        )

    def summaries(self, case_ids: Iterable[str]) -> list[CaseSummary]:
        """The table rows of the given cases, newest first (a result line opens these)."""
        ids = tuple(dict.fromkeys(case_ids))[:MAX_LISTED]
        if not ids:
            return []
        window = QueryService(self._ws).window()
        with self._ws.db.read() as uow:
            return list_cases(uow.session, ListFilter(ids=ids, limit=len(ids)), window)

    def attention(self, case_ids: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
        """Of the given cases (a table page): those with an open conflict, and those with a
        rejected op not yet acknowledged."""
        ids = list(case_ids)
        if not ids:
            return frozenset(), frozenset()
        with self._ws.db.read() as uow:
            conflicts = frozenset(
                uow.session.execute(
                    select(CaseRow.id).where(CaseRow.id.in_(ids), CaseRow.open_conflicts > 0)
                ).scalars()
            )
            any_rejected = uow.session.execute(
                select(OutboxRow.op_id).where(OutboxRow.state == "rejected").limit(1)
            ).first()
        if any_rejected is None:  # the usual case: no need to read the acknowledgements
            return conflicts, frozenset()
        wanted = set(ids)
        rejected = frozenset(r.case_id for r in self.rejected() if r.case_id in wanted)
        return conflicts, rejected

    # ------------------------------------------------------------------ rejected operations
    def rejected(self) -> list[RejectedOp]:
        """Rejected operations a person has not acknowledged yet, oldest first."""
        return self._rejected_ops(None)

    def rejected_for(self, case_id: str) -> list[RejectedOp]:
        """The case's rejected operations not yet acknowledged (the case view lists them)."""
        with self._ws.db.read() as uow:
            ids = frozenset(
                uow.session.execute(
                    select(OutboxRow.op_id).where(
                        OutboxRow.state == "rejected", OutboxRow.entity_id == case_id
                    )
                ).scalars()
            )
        return self._rejected_ops(ids) if ids else []

    def _rejected_ops(self, only: frozenset[str] | None) -> list[RejectedOp]:
        with self._ws.db.read() as uow:
            acknowledged = set(uow.reference.get_setting(ACKNOWLEDGED_KEY) or [])
            stmt = (
                select(OutboxRow.payload, OutboxRow.result)
                .where(OutboxRow.state == "rejected")
                .order_by(OutboxRow.device_seq)
            )
            found: list[tuple[Operation, dict[str, Any]]] = []
            for payload, result in uow.session.execute(stmt):
                op = Operation.from_json(json.loads(payload))
                if op.op_id in acknowledged or (only is not None and op.op_id not in only):
                    continue
                found.append((op, _result(result)))
            cases = {op.entity_id: uow.cases.get(op.entity_id) for op, _ in found}
        listed = []
        for op, result in found:
            case = cases.get(op.entity_id)
            listed.append(
                RejectedOp(
                    op_id=op.op_id,
                    case_id=op.entity_id,
                    register_no=case.register_no if case is not None else op.entity_id,
                    op_type=op.op_type,
                    code=str(result.get("code") or "rejected"),
                    message=str(result.get("message") or ""),
                    at=op.at,
                    actor=op.actor,
                    can_reapply=case is not None and self._can_reapply(op, case),
                )
            )
        return listed

    def acknowledge(self, op_id: str) -> None:
        """The operator has read the rejection and leaves it as it is."""
        self._require_rejected(op_id)
        now = self._ws.clock()
        with self._ws.db.write() as uow:
            done = list(uow.reference.get_setting(ACKNOWLEDGED_KEY) or [])
            if op_id not in done:
                done.append(op_id)
                uow.reference.set_setting(ACKNOWLEDGED_KEY, done)
                uow.reference.audit(now, self._ws.user.name, "sync.rejected.acknowledge", op_id)
            uow.commit()

    def reapply(self, op_id: str) -> Case:
        """Do the rejected op's intent again, as a new action from the case's current state.

        The new action goes through CaseService (its own op, checked by the same rules); the
        rejected op is then acknowledged. Raises the domain's error when the rules refuse it.
        """
        op = self._require_rejected(op_id)
        case = self._cases.find_case(op.entity_id)
        if not self._can_reapply(op, case):
            raise NotPermitted(
                f"{op.op_type.value} cannot be done again on {case.register_no} as it is now"
            )
        action = _REAPPLY[op.op_type]
        changed = action(self._cases, case, op.data)
        self.acknowledge(op_id)
        return changed

    def _require_rejected(self, op_id: str) -> Operation:
        with self._ws.db.read() as uow:
            payload = uow.session.execute(
                select(OutboxRow.payload).where(
                    OutboxRow.op_id == op_id, OutboxRow.state == "rejected"
                )
            ).scalar()
        if payload is None:
            raise ValidationError("op_id", f"{op_id!r} is not a rejected operation")
        return Operation.from_json(json.loads(payload))

    def _can_reapply(self, op: Operation, case: Case) -> bool:
        if op.op_type not in _REAPPLY or case.holder_office != self._ws.office.code:
            return False
        target = _target(op)
        return target is None or target in allowed_next(case.status)


def _result(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _target(op: Operation) -> CaseStatus | None:
    """The status a rejected op moves to (None: it moves nothing)."""
    targets = {
        OpType.CASE_DISPOSE: CaseStatus.DISPOSED,
        OpType.CASE_FORWARD: CaseStatus.FORWARDED,
        OpType.CASE_ANSWER: CaseStatus.AWAITING_REPORTER,
    }
    if op.op_type is OpType.CASE_TRANSITION:
        return CaseStatus(str(op.data.get("to")))
    return targets.get(op.op_type)


def _transition(service: CaseService, case: Case, data: dict[str, Any]) -> Case:
    target = CaseStatus(str(data.get("to")))
    reason = str(data.get("reason") or "")
    moves: dict[CaseStatus, Callable[[str, str], Case]] = {
        CaseStatus.NEEDS_INFO: service.needs_info,
        CaseStatus.RECEIVED: service.info_received,
        CaseStatus.RESOLVED: service.resolve,
        CaseStatus.IN_PROGRESS: service.reopen,
        CaseStatus.CANCELLED: service.cancel,
        CaseStatus.CLOSED_INCOMPLETE: service.close_incomplete,
    }
    if target is CaseStatus.ARCHIVED:
        return service.archive(case.id, reason)
    move = moves.get(target)
    if move is None:
        raise ValidationError("to", f"{target.value} cannot be done again from here")
    return move(case.id, reason)


def _dispose(service: CaseService, case: Case, data: dict[str, Any]) -> Case:
    raw = data.get("disposition") or {}
    return service.dispose(
        case.id,
        DispositionInput(
            to_office=raw.get("to_office"),
            to_unit=raw.get("to_unit"),
            to_person=raw.get("to_person"),
            instructions=tuple(raw.get("instructions") or ()),
            note=str(raw.get("note") or ""),
            sifat=Sifat(raw.get("sifat") or Sifat.BIASA.value),
        ),
    )


def _edit(service: CaseService, case: Case, data: dict[str, Any]) -> Case:
    changes = {name: change.get("new") for name, change in (data.get("changes") or {}).items()}
    return service.edit(case.id, changes)


def _extend(service: CaseService, case: Case, data: dict[str, Any]) -> Case:
    stage = Stage(str(data["stage"])) if data.get("stage") else None
    return service.extend(case.id, int(data.get("days") or 0), str(data.get("reason") or ""), stage)


def _note(service: CaseService, case: Case, data: dict[str, Any]) -> Case:
    if data.get("kind") == FEEDBACK_KIND:
        # Done again as what it was: the reporter's rating, not a note without text.
        feedback = feedback_of(data)
        return service.feedback(case.id, feedback.rating, feedback.satisfied, feedback.text)
    return service.note(case.id, str(data.get("text") or ""))


_REAPPLY: dict[OpType, Callable[[CaseService, Case, dict[str, Any]], Case]] = {
    OpType.CASE_TRANSITION: _transition,
    OpType.CASE_DISPOSE: _dispose,
    OpType.CASE_EDIT: _edit,
    OpType.CASE_FORWARD: lambda s, c, d: s.forward(
        c.id, str(d.get("agency") or ""), str(d.get("reason") or "")
    ),
    OpType.CASE_FOLLOW_UP: lambda s, c, d: s.follow_up(c.id, str(d.get("text") or "")),
    OpType.CASE_ANSWER: lambda s, c, d: s.answer(c.id, str(d.get("text") or "")),
    OpType.SLA_EXTEND: _extend,
    OpType.EVENT_APPEND: _note,
}

__all__ = [
    "Outgoing",
    "OutgoingFile",
    "RejectedOp",
    "RunChanges",
    "Snapshot",
    "SyncReviewService",
]
