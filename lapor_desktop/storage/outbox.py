"""The outbox: every operation, in device order, until the server has answered for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from lapor_desktop.domain.ops import Operation, iso
from lapor_desktop.storage import json_text
from lapor_desktop.storage.rows import OutboxRow


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    device_seq: int
    op: Operation
    state: str
    attempts: int
    last_error: str | None


def outbox_values(op: Operation) -> dict[str, object]:
    return {
        "device_seq": op.device_seq,
        "op_id": op.op_id,
        "entity": op.entity,
        "entity_id": op.entity_id,
        "op_type": op.op_type.value,
        "op_v": op.op_v,
        "base_version": op.base_version,
        "payload": json_text.dumps(op.to_json()),
        "created_at": iso(op.at),
    }


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, op: Operation) -> None:
        # One row per operation, never merged with an earlier one: the outbox is also the audit.
        self._session.execute(insert(OutboxRow).values(**outbox_values(op)))

    def add_many(self, ops: Sequence[Operation]) -> None:
        if ops:
            self._session.execute(insert(OutboxRow), [outbox_values(op) for op in ops])

    def last_device_seq(self) -> int:
        value = self._session.execute(select(func.max(OutboxRow.device_seq))).scalar()
        return int(value or 0)

    def entries(
        self, state: str | None = None, entity_id: str | None = None, limit: int | None = None
    ) -> list[OutboxEntry]:
        stmt = select(OutboxRow).order_by(OutboxRow.device_seq)
        if state is not None:
            stmt = stmt.where(OutboxRow.state == state)
        if entity_id is not None:
            stmt = stmt.where(OutboxRow.entity_id == entity_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [
            OutboxEntry(
                row.device_seq,
                Operation.from_json(json_text.loads(row.payload)),
                row.state,
                row.attempts,
                row.last_error,
            )
            for row in self._session.execute(stmt).scalars()
        ]

    def count_by_state(self) -> dict[str, int]:
        stmt = select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
        return {state: int(n) for state, n in self._session.execute(stmt)}


def _scrub(payload: dict[str, object]) -> dict[str, object]:
    data = payload.get("data")
    if not isinstance(data, dict):
        return payload
    if payload.get("op_type") == "case.create":
        data["reporter"] = None
    changes = data.get("changes")
    if isinstance(changes, dict):
        for name, change in changes.items():
            if name.startswith("reporter.") and isinstance(change, dict):
                change["old"] = change["new"] = None
    return payload


def scrub_identity(session: Session, case_id: str) -> int:
    """Remove a reporter's identity from the case's unsent operations (case made anonymous).

    Privacy outranks the audit value of those payloads: an identity that the operator has
    withdrawn must not leave this PC. Returns the number of rewritten entries.
    """
    rows = session.execute(
        select(OutboxRow).where(OutboxRow.entity_id == case_id, OutboxRow.state == "pending")
    ).scalars()
    changed = 0
    for row in rows:
        payload = json_text.loads(row.payload)
        scrubbed = json_text.dumps(_scrub(payload))
        if scrubbed != row.payload:
            row.payload = scrubbed
            changed += 1
    session.flush()
    return changed
