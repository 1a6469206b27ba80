"""The operation vocabulary: every user action is one of these, kept in the outbox, synced."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Final

from lapor_desktop.domain.frozen_init import frozen_init

JsonDict = dict[str, Any]


class OpType(StrEnum):
    CASE_CREATE = "case.create"
    CASE_EDIT = "case.edit"
    CASE_TRANSITION = "case.transition"
    CASE_DISPOSE = "case.dispose"
    CASE_FORWARD = "case.forward"
    CASE_FOLLOW_UP = "case.follow_up"
    CASE_ANSWER = "case.answer"
    SLA_EXTEND = "sla.extend"
    EVENT_APPEND = "event.append"
    ATTACHMENT_ADD = "attachment.add"
    CONFLICT_RESOLVE = "conflict.resolve"
    CASE_RENUMBER = "case.renumber"


class OpTypes:
    """The OpType members as plain class attributes, for code that names them per operation:
    an enum class's attributes are looked up through a slow hook on Python 3.11 (see
    codes.Statuses)."""

    CASE_CREATE: Final = OpType.CASE_CREATE
    CASE_EDIT: Final = OpType.CASE_EDIT
    CASE_TRANSITION: Final = OpType.CASE_TRANSITION
    CASE_DISPOSE: Final = OpType.CASE_DISPOSE
    CASE_FORWARD: Final = OpType.CASE_FORWARD
    CASE_FOLLOW_UP: Final = OpType.CASE_FOLLOW_UP
    CASE_ANSWER: Final = OpType.CASE_ANSWER
    SLA_EXTEND: Final = OpType.SLA_EXTEND
    EVENT_APPEND: Final = OpType.EVENT_APPEND
    ATTACHMENT_ADD: Final = OpType.ATTACHMENT_ADD
    CONFLICT_RESOLVE: Final = OpType.CONFLICT_RESOLVE
    CASE_RENUMBER: Final = OpType.CASE_RENUMBER


# Bumped when an op's payload changes shape; the server keeps upcasters for older versions.
OP_VERSION = 1


@frozen_init
@dataclass(frozen=True, slots=True)
class Operation:
    """One user action. `data` is JSON-ready (ISO strings for dates); treat it as read-only."""

    op_id: str
    op_type: OpType
    entity_id: str
    base_version: int
    device_id: str
    device_seq: int
    actor: str
    office: str
    at: datetime
    data: JsonDict = field(default_factory=dict)
    entity: str = "case"
    op_v: int = OP_VERSION

    def to_json(self) -> JsonDict:
        return {
            "op_id": self.op_id,
            "op_type": self.op_type.value,
            "op_v": self.op_v,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "base_version": self.base_version,
            "device_id": self.device_id,
            "device_seq": self.device_seq,
            "actor": self.actor,
            "office": self.office,
            "at": iso(self.at),
            "data": self.data,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Operation:
        return cls(
            op_id=str(raw["op_id"]),
            op_type=OpType(raw["op_type"]),
            op_v=int(raw.get("op_v", OP_VERSION)),
            entity=str(raw.get("entity", "case")),
            entity_id=str(raw["entity_id"]),
            base_version=int(raw["base_version"]),
            device_id=str(raw["device_id"]),
            device_seq=int(raw["device_seq"]),
            actor=str(raw["actor"]),
            office=str(raw["office"]),
            at=parse_instant(str(raw["at"])),
            data=dict(raw.get("data") or {}),
        )


def iso(moment: datetime) -> str:
    """UTC ISO-8601 text; naive datetimes are refused because they lose the office's zone."""
    if moment.tzinfo is UTC:
        return moment.isoformat()  # the common case: stored times are already UTC
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat()


def parse_instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return moment.astimezone(UTC)


def parse_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
