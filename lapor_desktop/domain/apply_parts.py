"""The pieces every apply() handler is built from: events, holder and status guards, payload
text and the SLA clocks."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from lapor_desktop.domain.apply_types import Applied, ApplyContext
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.codes import STATUS_LABELS, CaseStatus, Statuses, parse_status
from lapor_desktop.domain.errors import IllegalTransition, NotPermitted, ValidationError
from lapor_desktop.domain.identifiers import derived_time_id
from lapor_desktop.domain.ops import Operation
from lapor_desktop.domain.sla import Pause, Stage, StageClock, complete
from lapor_desktop.domain.workflow import allowed_next

S = Statuses  # the members without the enum class's slow attribute hook (codes.Statuses)


def _event(
    op: Operation, kind: str, summary: str, data: Mapping[str, Any] | None = None, suffix: str = ""
) -> TimelineEvent:
    at = op.at
    # Positionally (id, case_id, kind, at, actor, office, device_id, op_id, summary, data):
    # ten keywords cost ~0.3 µs more, and every applied op makes an event.
    return TimelineEvent(
        derived_time_id(int(at.timestamp() * 1000), op.op_id, f"event{suffix}"),
        op.entity_id,
        kind,
        at,
        op.actor,
        op.office,
        op.device_id,
        op.op_id,
        summary,
        dict(data or {}),
    )


def _bump(case: Case, op: Operation, **changes: Any) -> Case:
    return case.evolve(version=case.version + 1, updated_at=op.at, **changes)


def _require_holder(case: Case, op: Operation) -> None:
    if op.office != case.holder_office:
        raise NotPermitted(
            f"case {case.register_no} is held by {case.holder_office}; "
            f"{op.office} can only monitor it"
        )


def _check_from(case: Case, op: Operation, target: CaseStatus) -> CaseStatus | None:
    """Validate the status the operator saw; that status when the op repeats a move the case
    already made (another op got there first), else None."""
    raw = op.data.get("from")
    if raw is None:
        return None
    seen = parse_status(str(raw))
    if seen is case.status:
        return None
    if case.status is target and target is not S.DISPOSED and target in allowed_next(seen):
        return seen
    raise IllegalTransition(case.status, target, allowed_next(case.status))


def _repeat(case: Case, op: Operation, event: TimelineEvent) -> Applied:
    """A move the case already made, by another op: the status stays (the first one wins),
    but the operator's record does not vanish. The event is the one the operator's PC wrote
    (made from the status they saw, with the same id), so every replica keeps the same
    timeline and their reason or answer text reaches the other offices too."""
    return Applied(case, (event,))


def _text(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is not None:
        text = str(value).strip()  # once: this reads ~9 payload fields per case
        if text:
            return text
    if required:
        raise ValidationError(key, "is required")
    return ""


def _clock(case: Case, stage: Stage) -> StageClock | None:
    for clock in reversed(case.clocks):
        if clock.stage is stage and clock.is_open:
            return clock
    return None


# _start/_finish take the clocks to work on (default: the case's) so a handler can chain them
# and copy the case once: Case copies are the largest cost of apply() on bulk paths.


def _start(
    case: Case,
    stage: Stage,
    at: datetime,
    ctx: ApplyContext,
    clocks: tuple[StageClock, ...] | None = None,
) -> tuple[StageClock, ...]:
    # The enum members themselves: they are the code strings, and `.value` is a slow property.
    rule = ctx.rulebook.rule_for(stage, case.kind, case.severity)
    base = case.clocks if clocks is None else clocks
    return (*base, StageClock(stage, rule.code, at))  # (stage, rule_code, started_at)


def _finish(
    case: Case,
    at: datetime,
    ctx: ApplyContext,
    stages: tuple[Stage, ...] | None = None,
    clocks: tuple[StageClock, ...] | None = None,
    pauses: tuple[Pause, ...] | None = None,
) -> tuple[StageClock, ...]:
    """Complete the open clocks of `stages` (all when None), freezing met/missed.

    `pauses` (default: the case's) lets a transition that ends a pause finish the clocks with
    it without a Case copy made just to carry them.
    """
    if pauses is None:
        pauses = case.pauses
    rulebook, calendar, tz = ctx.rulebook, ctx.calendar, ctx.tz
    finished = []
    for clock in case.clocks if clocks is None else clocks:
        # `completed_at is None` is `is_open` without the property call (several per op).
        if clock.completed_at is None and (stages is None or clock.stage in stages):
            clock = complete(clock, at, rulebook, calendar, tz, pauses)
        finished.append(clock)
    return tuple(finished)


def _status_event(
    op: Operation,
    old: CaseStatus,
    new: CaseStatus,
    reason: str | None,
    extra: Mapping[str, Any] | None = None,
) -> TimelineEvent:
    summary = f"Status: {STATUS_LABELS[old]} → {STATUS_LABELS[new]}"
    if reason:
        summary += f" — {reason}"
    # `_value_`: the code, without the `.value` property's two Python calls (every status op).
    data = {"from": old._value_, "to": new._value_, "reason": reason, **(extra or {})}
    return _event(op, "status", summary, data)
