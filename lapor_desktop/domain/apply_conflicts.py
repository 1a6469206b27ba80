"""Field conflicts: how an edit records them, and the resolution op that settles them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from lapor_desktop.domain import fields as case_fields
from lapor_desktop.domain.apply_parts import _bump, _event, _require_holder, _text
from lapor_desktop.domain.apply_types import Applied, ApplyContext, FieldConflict
from lapor_desktop.domain.case import (
    CONFLICT_RESOLVED,
    RESOLUTION_CHOICES,
    Case,
    CaseConflict,
    TimelineEvent,
)
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.errors import DomainError, IllegalTransition, ValidationError
from lapor_desktop.domain.identifiers import derived_id
from lapor_desktop.domain.ops import Operation, iso
from lapor_desktop.domain.sla import Stage
from lapor_desktop.domain.workflow import allowed_next, is_open


def conflict_id(op_id: str, field: str) -> str:
    return derived_id(op_id, f"conflict:{field}")


def _shown(name: str, value: Any) -> Any:
    """A value as the timeline may show it: identity values never appear there."""
    return "***" if name in case_fields.IDENTITY_FIELDS and value is not None else value


def _label(name: str) -> str:
    return case_fields.FIELD_LABELS.get(name, name)


def _conflict_event(op: Operation, conflicts: list[FieldConflict], suffix: str) -> TimelineEvent:
    names = ", ".join(_label(c.field) for c in conflicts)
    summary = f"Konflik data: {names} (nilai dari {op.office} tidak diterapkan)"
    data = {
        "conflicts": [
            {
                "id": c.id,
                "field": c.field,
                "base": _shown(c.field, c.base),
                "ours": _shown(c.field, c.ours),
                "theirs": _shown(c.field, c.theirs),
            }
            for c in conflicts
        ]
    }
    return _event(op, "conflict", summary, data, suffix=suffix)


def _forget_identity(case: Case, op: Operation) -> Case:
    """An anonymous case keeps no identity: not in the reporter, not inside a conflict.

    Conflicts on identity fields are closed as "theirs" with every value erased, so their ids
    stay known (a replay of the op stays a no-op) while the values are gone.
    """
    scrubbed = tuple(
        replace(
            c,
            base=None,
            ours=None,
            theirs=None,
            status=CONFLICT_RESOLVED,
            resolution=c.resolution or "theirs",
            resolved_value=None,
            resolved_by=c.resolved_by or op.actor,
            resolved_office=c.resolved_office or op.office,
            resolved_at=c.resolved_at or op.at,
        )
        if c.field in case_fields.IDENTITY_FIELDS
        else c
        for c in case.conflicts
    )
    return case.evolve(reporter=None, conflicts=scrubbed)


def _rerule_resolution(case: Case, ctx: ApplyContext) -> Case:
    rule = ctx.rulebook.rule_for(Stage.RESOLUTION, case.kind.value, case.severity.value)
    clocks = tuple(
        replace(c, rule_code=rule.code) if c.stage is Stage.RESOLUTION and c.is_open else c
        for c in case.clocks
    )
    return case.evolve(clocks=clocks)


def _resolve(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    wanted = _text(op.data, "conflict_id")
    conflict = next((c for c in case.conflicts if c.id == wanted), None)
    if conflict is None:
        raise ValidationError("conflict_id", f"case {case.register_no} has no conflict {wanted}")
    if ctx.role not in (Role.COORDINATOR, Role.ADMIN):
        _require_holder(case, op)
    choice = _text(op.data, "choice")
    if choice not in RESOLUTION_CHOICES:
        raise ValidationError("choice", f"is one of: {', '.join(RESOLUTION_CHOICES)}")
    if not conflict.is_open:
        # Settled by another op (the server never applies one op twice, and a PC that sees
        # the conflict settled makes no op): recorded, not applied.
        return _late_resolution(case, op, ctx, conflict, choice)
    spec = case_fields.editable(conflict.field)
    current = case
    if choice == "theirs":
        # Keeps what the case holds: allowed in any status, no field changes.
        value = spec.read(case)
    else:
        if not is_open(case.status):
            raise IllegalTransition(case.status, case.status, allowed_next(case.status))
        if choice == "value" and "value" not in op.data:
            raise ValidationError("value", "is required for the choice 'value'")
        raw = conflict.ours if choice == "ours" else op.data["value"]
        value = spec.normalise(raw, ctx.categories)
        if current.anonymous and conflict.field in case_fields.IDENTITY_FIELDS:
            raise ValidationError(conflict.field, "an anonymous case has no reporter identity")
        if spec.read(current) != value:
            current = spec.write(current, value)
            if (
                conflict.field == "incident_date"
                and current.incident_date is not None
                and current.incident_date > current.received_at.astimezone(ctx.tz).date()
            ):
                raise ValidationError(
                    "incident_date", "cannot be after the day the case was received"
                )
            if conflict.field in ("severity", "kind"):
                current = _rerule_resolution(current, ctx)
    resolved_value = case_fields.to_json(value)
    resolved = replace(
        conflict,
        status=CONFLICT_RESOLVED,
        resolution=choice,
        resolved_value=resolved_value,
        resolved_by=op.actor,
        resolved_office=op.office,
        resolved_at=op.at,
    )
    current = current.evolve(
        conflicts=tuple(resolved if c is conflict else c for c in current.conflicts)
    )
    if current.anonymous:
        current = _forget_identity(current, op)
    # The event names the value the conflict kept, not the one this copy holds now: where
    # another office edited the field since, the server holds a newer value than the PC that
    # resolved, and the one event every timeline shares must read the same on both.
    shown = conflict.theirs if choice == "theirs" else resolved_value
    return Applied(_bump(current, op), (_resolved_event(op, conflict, choice, shown),))


def _outcome(conflict: CaseConflict, choice: str | None) -> str:
    return {
        "ours": f"nilai dari {conflict.office} dipakai",
        "theirs": "nilai yang ada dipertahankan",
        "value": "nilai baru ditetapkan",
    }.get(choice or "", str(choice))


def _resolved_event(
    op: Operation, conflict: CaseConflict, choice: str, resolved_value: Any
) -> TimelineEvent:
    return _event(
        op,
        "conflict_resolved",
        f"Konflik diselesaikan: {_label(conflict.field)} ({_outcome(conflict, choice)})",
        {
            "conflict_id": conflict.id,
            "field": conflict.field,
            "choice": choice,
            "value": _shown(conflict.field, resolved_value),
        },
    )


def _late_resolution(
    case: Case, op: Operation, ctx: ApplyContext, conflict: CaseConflict, choice: str
) -> Applied:
    """A resolution of a conflict another op settled first: that first one wins, the case
    stays as it is. The operator's PC wrote its "resolved" event when it still saw the
    conflict open; that event is kept (rebuilt from the conflict and the choice, as their PC
    built it), or its timeline would differ from every other office's, and a second event
    says it was not applied and which resolution stands."""
    spec = case_fields.editable(conflict.field)
    if choice == "theirs":
        # What the operator's case held: the value the conflict kept (as their PC read it).
        value: Any = conflict.theirs
    else:
        if choice == "value" and "value" not in op.data:
            raise ValidationError("value", "is required for the choice 'value'")
        raw = conflict.ours if choice == "ours" else op.data["value"]
        try:
            value = case_fields.to_json(spec.normalise(raw, ctx.categories))
        except DomainError:
            if choice == "value":
                raise  # refused on the operator's PC too
            value = raw  # a stored value that no longer parses (a retired category)
    field = _label(conflict.field)
    first = f"{conflict.resolved_by} ({conflict.resolved_office})"
    summary = (
        f"Penyelesaian konflik {field} dari {op.office} tidak diterapkan: sudah diselesaikan "
        f"oleh {first}, {_outcome(conflict, conflict.resolution)}"
    )
    late = _event(
        op,
        "conflict_resolve_late",
        summary,
        {
            "conflict_id": conflict.id,
            "field": conflict.field,
            "choice": choice,
            "resolution": conflict.resolution,
            "resolved_by": conflict.resolved_by,
            "resolved_office": conflict.resolved_office,
            "resolved_at": iso(conflict.resolved_at) if conflict.resolved_at else None,
        },
        suffix=":late",
    )
    return Applied(case, (_resolved_event(op, conflict, choice, value), late))
