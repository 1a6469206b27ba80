"""The one pure function that applies an operation to a case: used by the desktop and the server."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

from lapor_desktop.domain import fields as case_fields
from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.case import (
    CONFLICT_RESOLVED,
    RESOLUTION_CHOICES,
    Answer,
    AttachmentRef,
    Case,
    CaseConflict,
    Disposition,
    FollowUp,
    Location,
    Reporter,
    TimelineEvent,
)
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import (
    STATUS_LABELS,
    CaseKind,
    CaseStatus,
    Role,
    parse_channel,
    parse_kind,
    parse_priority,
    parse_severity,
    parse_sifat,
    parse_status,
)
from lapor_desktop.domain.errors import (
    DomainError,
    GuardFailed,
    IllegalTransition,
    NotPermitted,
    ValidationError,
)
from lapor_desktop.domain.identifiers import RegisterNumber, derived_id, derived_time_id
from lapor_desktop.domain.ops import Operation, OpType, iso, parse_day, parse_instant
from lapor_desktop.domain.sla import (
    Pause,
    SlaRuleBook,
    Stage,
    StageClock,
    complete,
    compute_due_at,
    extend,
)
from lapor_desktop.domain.workflow import allowed_next, check_transition, is_open

S = CaseStatus


@dataclass(frozen=True, slots=True)
class ApplyContext:
    """What the rules need besides the case: reference data and who is acting."""

    categories: CategoryTree
    rulebook: SlaRuleBook
    calendar: WorkingCalendar
    tz: tzinfo
    role: Role = Role.OPERATOR


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """Both sides changed one field to different values: keep `theirs`, ask a person.

    `id` is the id of the CaseConflict recorded in the case for it (`Case.conflicts`).
    """

    field: str
    base: object
    ours: object
    theirs: object
    id: str = ""


@dataclass(frozen=True, slots=True)
class Applied:
    case: Case
    events: tuple[TimelineEvent, ...]
    noop: bool = False
    conflicts: tuple[FieldConflict, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    code: str
    message: str
    error: DomainError


ApplyResult = Applied | Rejected


def apply(case: Case | None, op: Operation, ctx: ApplyContext) -> ApplyResult:
    """Apply `op` to `case` (None for a create) and return the new state or a typed rejection."""
    handler = _HANDLERS[op.op_type]
    try:
        if op.op_type is OpType.CASE_CREATE:
            if case is not None:
                # Replays of a create are harmless: the same id already exists.
                return Applied(case, (), noop=True)
            return _create(op, ctx)
        if case is None:
            raise ValidationError("entity_id", f"unknown case {op.entity_id}")
        return handler(case, op, ctx)
    except DomainError as error:
        return Rejected(error.code, str(error), error)
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        wrapped = ValidationError("data", f"malformed {op.op_type} payload: {error}")
        return Rejected(wrapped.code, str(wrapped), wrapped)


# --------------------------------------------------------------------------- helpers


def _event(
    op: Operation, kind: str, summary: str, data: Mapping[str, Any] | None = None, suffix: str = ""
) -> TimelineEvent:
    return TimelineEvent(
        id=derived_time_id(int(op.at.timestamp() * 1000), op.op_id, f"event{suffix}"),
        case_id=op.entity_id,
        kind=kind,
        at=op.at,
        actor=op.actor,
        office=op.office,
        device_id=op.device_id,
        op_id=op.op_id,
        summary=summary,
        data=dict(data or {}),
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
    if value is None or not str(value).strip():
        if required:
            raise ValidationError(key, "is required")
        return ""
    return str(value).strip()


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
    return (*base, StageClock(stage=stage, rule_code=rule.code, started_at=at))


def _finish(
    case: Case,
    at: datetime,
    ctx: ApplyContext,
    stages: tuple[Stage, ...] | None = None,
    clocks: tuple[StageClock, ...] | None = None,
) -> tuple[StageClock, ...]:
    """Complete the open clocks of `stages` (all when None), freezing met/missed."""
    finished = []
    for clock in case.clocks if clocks is None else clocks:
        if clock.is_open and (stages is None or clock.stage in stages):
            clock = complete(clock, at, ctx.rulebook, ctx.calendar, ctx.tz, case.pauses)
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
    data = {"from": old.value, "to": new.value, "reason": reason, **(extra or {})}
    return _event(op, "status", summary, data)


# --------------------------------------------------------------------------- create


def _reporter(raw: object) -> Reporter | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise ValidationError("reporter", "must be an object")
    # The same checks as an edit: a malformed NIK, phone or e-mail is refused at intake too.
    reporter = Reporter(
        **{
            k: case_fields.clean_reporter_value(k, str(v)) if v is not None else None
            for k, v in raw.items()
            if k in case_fields.REPORTER_FIELDS
        }
    )
    return None if reporter.is_empty else reporter


def _location(raw: object) -> Location:
    if raw is None:
        return Location()
    if not isinstance(raw, Mapping):
        raise ValidationError("location", "must be an object")
    lat, lon = raw.get("lat"), raw.get("lon")
    return Location(
        kecamatan=raw.get("kecamatan") or None,
        desa=raw.get("desa") or None,
        text=raw.get("text") or None,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
    )


def _create(op: Operation, ctx: ApplyContext) -> Applied:
    data = op.data
    register = RegisterNumber.parse(_text(data, "register_no"))
    anonymous = bool(data.get("anonymous", False))
    reporter = _reporter(data.get("reporter"))
    if anonymous and reporter is not None:
        # The identity of an anonymous reporter must never exist beyond the intake form.
        raise ValidationError("reporter", "an anonymous case carries no reporter identity")
    category = ctx.categories.resolve(_text(data, "category_code"))
    tracking = data.get("lapor_tracking_id")
    received_at = parse_instant(_text(data, "received_at"))
    kind = parse_kind(_text(data, "kind"))
    severity = parse_severity(str(data.get("severity") or "ringan"))
    # Both clocks run from receipt (day 0 = the day of receipt).
    clocks = tuple(
        StageClock(
            stage=stage,
            rule_code=ctx.rulebook.rule_for(stage, kind, severity).code,
            started_at=received_at,
        )
        for stage in (Stage.VERIFICATION, Stage.RESOLUTION)
    )
    case = Case(
        id=op.entity_id,
        register_no=str(register),
        origin_office=op.office,
        holder_office=op.office,
        status=S.RECEIVED,
        version=1,
        kind=kind,
        title=case_fields.clean_title(_text(data, "title")),
        original_text=_text(data, "original_text"),
        summary=str(data.get("summary") or "").strip(),
        channel=parse_channel(_text(data, "channel")),
        received_at=received_at,
        category_code=category.code,
        priority=parse_priority(str(data.get("priority") or "normal")),
        severity=severity,
        anonymous=anonymous,
        confidential=bool(data.get("confidential", False)),
        created_at=op.at,
        created_by=op.actor,
        updated_at=op.at,
        lapor_tracking_id=case_fields.clean_tracking_id(tracking) if tracking else None,
        incident_date=parse_day(data.get("incident_date")),
        location=_location(data.get("location")),
        reporter=reporter,
        clocks=clocks,
    )
    if (
        case.incident_date is not None
        and case.incident_date > received_at.astimezone(ctx.tz).date()
    ):
        raise ValidationError("incident_date", "cannot be after the day the case was received")
    event = _event(
        op,
        "created",
        f"Pengaduan diterima dengan nomor {case.register_no}",
        {
            "register_no": case.register_no,
            "channel": case.channel.value,
            "anonymous": anonymous,
            "confidential": case.confidential,
        },
    )
    return Applied(case, (event,))


# --------------------------------------------------------------------------- edit


def _edit(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    if op.office != case.holder_office and not in_scope(case, op.office):
        _require_holder(case, op)  # raises: an office outside the case's scope
    if not is_open(case.status):
        raise IllegalTransition(case.status, case.status, allowed_next(case.status))
    changes = op.data.get("changes")
    if not isinstance(changes, Mapping) or not changes:
        raise ValidationError("changes", "nothing to change")
    # A former holder (scope change, SYNC.md 8.9 #15) applies nothing: each change it made
    # becomes a conflict for the holder, so nothing the operator typed is lost.
    former_holder = op.office != case.holder_office
    known = {c.id for c in case.conflicts}
    current = case
    applied: dict[str, Any] = {}
    # What the operator changed, as their PC recorded it (every field whose value differed
    # from the one they saw): applied here, made already by another op, or a conflict.
    made: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    replayed: list[FieldConflict] = []
    for name, change in changes.items():
        spec = case_fields.editable(name)
        if not isinstance(change, Mapping) or "new" not in change:
            raise ValidationError(name, "a change needs {old, new}")
        new = spec.normalise(change.get("new"), ctx.categories)
        theirs = spec.read(current)
        if "old" in change and _base(spec, change["old"], ctx) != new:
            made[name] = case_fields.to_json(new)
        elif theirs != new:
            made[name] = case_fields.to_json(new)  # no base: as the case held it
        if theirs == new:
            continue
        if current.anonymous and name in case_fields.IDENTITY_FIELDS:
            # Refused outright: a conflict would carry the identity value on to every office.
            raise ValidationError(name, "an anonymous case has no reporter identity")
        # Three-way per field: `old` is the value the operator saw (the base).
        if former_holder or ("old" in change and _base(spec, change["old"], ctx) != theirs):
            conflict = FieldConflict(
                name,
                change.get("old"),
                case_fields.to_json(new),
                case_fields.to_json(theirs),
                conflict_id(op.op_id, name),
            )
            (replayed if conflict.id in known else conflicts).append(conflict)
            continue
        current = spec.write(current, new)
        applied[name] = case_fields.to_json(new)
    if (
        "incident_date" in applied
        and current.incident_date is not None
        and (current.incident_date > current.received_at.astimezone(ctx.tz).date())
    ):
        # The same rule as at intake.
        raise ValidationError("incident_date", "cannot be after the day the case was received")
    if current.anonymous:
        # Made anonymous by this edit: no identity may survive, not even inside a conflict.
        conflicts = [c for c in conflicts if c.field not in case_fields.IDENTITY_FIELDS]
    if not applied and not conflicts:
        if replayed or not made:
            # Nothing new: a replay reports the conflicts it recorded the first time.
            return Applied(case, (), noop=True, conflicts=tuple(replayed))
        # Another op made these very changes first: the case stays as it is, but the record
        # the operator's PC wrote is kept, or that PC's timeline would differ from all others.
        return Applied(case, (_edited_event(op, made),))
    events: list[TimelineEvent] = []
    if applied:
        if current.anonymous and (current.reporter is not None or case.conflicts):
            current = _forget_identity(current, op)
        if "severity" in applied or "kind" in applied:
            current = _rerule_resolution(current, ctx)
    if made:
        # The event the operator's PC wrote, whatever became of each change here: what was
        # not applied is named by the conflict event that follows it.
        events.append(_edited_event(op, made))
    if conflicts:
        recorded = tuple(
            CaseConflict(
                id=c.id,
                field=c.field,
                base=c.base,
                ours=c.ours,
                theirs=c.theirs,
                op_id=op.op_id,
                office=op.office,
                actor=op.actor,
                at=op.at,
            )
            for c in conflicts
        )
        current = current.evolve(conflicts=(*current.conflicts, *recorded))
        events.append(_conflict_event(op, conflicts, suffix=":conflict" if made else ""))
    return Applied(_bump(current, op), tuple(events), conflicts=(*replayed, *conflicts))


def _edited_event(op: Operation, made: Mapping[str, Any]) -> TimelineEvent:
    # Identity values never go into the timeline: only the names of what changed.
    shown = {k: _shown(k, v) for k, v in made.items()}
    return _event(op, "edited", "Data diubah: " + ", ".join(sorted(made)), {"changed": shown})


def in_scope(case: Case, office: str) -> bool:
    """Whether `office` has held the case: it registered it or disposed it onward."""
    return office == case.origin_office or any(d.from_office == office for d in case.dispositions)


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


def _base(spec: case_fields.FieldSpec, raw: Any, ctx: ApplyContext) -> Any:
    try:
        return spec.normalise(raw, ctx.categories)
    except DomainError:
        return raw  # a base that no longer parses (a retired category) simply differs


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
    return Applied(_bump(current, op), (_resolved_event(op, conflict, choice, resolved_value),))


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


# --------------------------------------------------------------------------- transitions


def _transition(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    target = parse_status(_text(op.data, "to"))
    seen = _check_from(case, op, target)
    reason = str(op.data.get("reason") or "").strip() or None
    if seen is not None:
        if _dedicated(seen, target):
            raise GuardFailed(target, f"use the {_DEDICATED[target]} action")
        duplicate = op.data.get("duplicate_of") if target is S.ARCHIVED else None
        kept = {"duplicate_of": str(duplicate)} if duplicate else None
        return _repeat(case, op, _status_event(op, seen, target, reason, kept))
    if target not in allowed_next(case.status):
        # An illegal move is reported as such, before any hint about dedicated actions.
        raise IllegalTransition(case.status, target, allowed_next(case.status))
    if _dedicated(case.status, target):
        raise GuardFailed(target, f"use the {_DEDICATED[target]} action")
    if not (target is S.CANCELLED and ctx.role is Role.ADMIN):
        # Even a coordinator cancels only what their office holds; the Kabupaten admin may
        # cancel anywhere (a sender keeps a read-only view of what it disposed elsewhere).
        _require_holder(case, op)
    check_transition(case.status, target, reason=reason, role=ctx.role)
    at = op.at
    extra: dict[str, Any] = {}
    changes: dict[str, Any] = {}
    clocks = case.clocks
    pauses = case.pauses
    if target is S.NEEDS_INFO:
        pauses = (*pauses, Pause(start=at))
        clocks = _start(case, Stage.INFO_WAIT, at, ctx)
    elif case.status is S.NEEDS_INFO:
        if target is S.CLOSED_INCOMPLETE:
            _require_info_wait_over(case, at, ctx)
        pauses = tuple(replace(p, end=at) if p.end is None else p for p in pauses)
        clocks = _finish(case.evolve(pauses=pauses), at, ctx, (Stage.INFO_WAIT,))
    if target is S.ARCHIVED:
        duplicate_of = op.data.get("duplicate_of")
        if duplicate_of:
            if duplicate_of == case.id:
                raise ValidationError("duplicate_of", "a case cannot duplicate itself")
            changes["duplicate_of"] = extra["duplicate_of"] = str(duplicate_of)
    if target in (S.ARCHIVED, S.CANCELLED, S.CLOSED_INCOMPLETE, S.RESOLVED):
        clocks = _finish(case.evolve(pauses=pauses), at, ctx, None, clocks)
    if target is S.IN_PROGRESS:  # a reopen: from AWAITING_REPORTER or RESOLVED
        clocks = _finish(case, at, ctx, (Stage.AUTO_CLOSE,), clocks)
        clocks = _start(case, Stage.RESOLUTION, at, ctx, clocks)
        changes.update(reopen_count=case.reopen_count + 1, answer=None)
    new = _bump(
        case, op, status=target, status_reason=reason, clocks=clocks, pauses=pauses, **changes
    )
    return Applied(new, (_status_event(op, case.status, target, reason, extra),))


def _dedicated(current: CaseStatus, target: CaseStatus) -> bool:
    # These moves carry data of their own and have their own operations.
    return target in (S.DISPOSED, S.FORWARDED, S.AWAITING_REPORTER) or (
        current is S.DISPOSED and target is S.IN_PROGRESS
    )


_DEDICATED = {
    S.DISPOSED: OpType.CASE_DISPOSE.value,
    S.FORWARDED: OpType.CASE_FORWARD.value,
    S.AWAITING_REPORTER: OpType.CASE_ANSWER.value,
    S.IN_PROGRESS: OpType.CASE_FOLLOW_UP.value,
}


def _require_info_wait_over(case: Case, at: datetime, ctx: ApplyContext) -> None:
    clock = _clock(case, Stage.INFO_WAIT)
    if clock is None:
        return
    rule = ctx.rulebook.by_code(clock.rule_code)
    due = compute_due_at(clock.started_at, rule, ctx.calendar, ctx.tz, (), clock.extension_days)
    if at <= due:
        local = due.astimezone(ctx.tz).strftime("%Y-%m-%d")
        raise GuardFailed(S.CLOSED_INCOMPLETE, f"the reporter has until {local} to complete it")


def _dispose(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    raw = op.data.get("disposition")
    hop_id = ""
    if isinstance(raw, Mapping):
        hop_id = str(raw.get("id") or derived_id(op.op_id, "disposition"))
        if any(d.id == hop_id for d in case.dispositions):
            # A replay of a hop already recorded: DISPOSED -> DISPOSED would add it twice.
            return Applied(case, (), noop=True)
    _require_holder(case, op)
    _check_from(case, op, S.DISPOSED)  # never a repeat: a hop from a stale view is refused
    if not isinstance(raw, Mapping):
        raise ValidationError("disposition", "is required")
    to_office = (str(raw.get("to_office") or "").strip().upper()) or None
    to_unit = str(raw.get("to_unit") or "").strip() or None
    to_person = str(raw.get("to_person") or "").strip() or None
    # A "disposition" to our own office with no unit or person routes the case nowhere.
    has_target = bool((to_office and to_office != op.office) or to_unit or to_person)
    check_transition(case.status, S.DISPOSED, role=ctx.role, has_disposition=has_target)
    instructions = tuple(str(i).strip() for i in raw.get("instructions") or () if str(i).strip())
    at = op.at
    clocks = case.clocks
    if case.status is S.RECEIVED:
        clocks = _finish(case, at, ctx, (Stage.VERIFICATION,))
        clocks = _start(case, Stage.FIRST_FOLLOW_UP, at, ctx, clocks)
    new = case
    follow_rule = ctx.rulebook.rule_for(Stage.FIRST_FOLLOW_UP, case.kind, case.severity)
    open_follow = next(
        (c for c in reversed(clocks) if c.stage is Stage.FIRST_FOLLOW_UP and c.is_open), None
    )
    due_at = compute_due_at(
        open_follow.started_at if open_follow else at,
        follow_rule,
        ctx.calendar,
        ctx.tz,
        new.pauses,
        open_follow.extension_days if open_follow else 0,
    )
    disposition = Disposition(
        id=hop_id,
        at=at,
        from_office=op.office,
        from_person=str(raw.get("from_person") or op.actor),
        to_office=to_office if to_office != op.office else None,
        to_unit=to_unit,
        to_person=to_person,
        instructions=instructions,
        note=str(raw.get("note") or "").strip(),
        sifat=parse_sifat(str(raw.get("sifat") or "biasa")),
        due_at=due_at,
    )
    holder = disposition.to_office or case.holder_office
    new = _bump(
        new,
        op,
        status=S.DISPOSED,
        status_reason=None,
        clocks=clocks,
        dispositions=(*case.dispositions, disposition),
        holder_office=holder,
    )
    target_text = ", ".join(x for x in (to_office, to_unit, to_person) if x)
    event = _event(
        op,
        "disposed",
        f"Didisposisikan kepada {target_text}",
        {
            "disposition_id": disposition.id,
            "to_office": disposition.to_office,
            "to_unit": to_unit,
            "to_person": to_person,
            "sifat": disposition.sifat.value,
            "instructions": list(instructions),
            "note": disposition.note,
            "from": case.status.value,
        },
    )
    return Applied(new, (event,))


def _forward(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    _require_holder(case, op)
    seen = _check_from(case, op, S.FORWARDED)
    agency = str(op.data.get("agency") or "").strip() or None
    reason = str(op.data.get("reason") or "").strip() or None
    if seen is not None:
        event = _status_event(op, seen, S.FORWARDED, reason, {"agency": agency})
        return _repeat(case, op, event)
    check_transition(case.status, S.FORWARDED, reason=reason, agency=agency, role=ctx.role)
    # Our obligation ends with the forward (No Wrong Door): every clock stops here.
    new = case.evolve(clocks=_finish(case, op.at, ctx))
    new = _bump(new, op, status=S.FORWARDED, status_reason=reason, forwarded_to=agency)
    event = _status_event(op, case.status, S.FORWARDED, reason, {"agency": agency})
    return Applied(new, (event,))


def _follow_up(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    _require_holder(case, op)
    text = _text(op.data, "text")
    follow_up = FollowUp(
        id=str(op.data.get("id") or derived_id(op.op_id, "follow_up")),
        at=op.at,
        office=op.office,
        actor=op.actor,
        text=text,
    )
    if any(f.id == follow_up.id for f in case.follow_ups):
        return Applied(case, (), noop=True)
    if case.status is S.DISPOSED:
        check_transition(case.status, S.IN_PROGRESS, role=ctx.role, has_follow_up=True)
        clocks = _finish(case, op.at, ctx, (Stage.FIRST_FOLLOW_UP,))
        new = _bump(
            case,
            op,
            status=S.IN_PROGRESS,
            status_reason=None,
            clocks=clocks,
            follow_ups=(*case.follow_ups, follow_up),
        )
    elif case.status is S.IN_PROGRESS:
        new = _bump(case, op, follow_ups=(*case.follow_ups, follow_up))
    else:
        # Name what the case can do next, not where a follow-up would have been accepted.
        raise IllegalTransition(case.status, S.IN_PROGRESS, allowed_next(case.status))
    # The status the operator saw (their PC wrote this event from it), not the one another
    # follow-up may have moved the case to since: one event reads the same on every replica.
    seen = parse_status(str(op.data["from"])) if op.data.get("from") else case.status
    event = _event(
        op,
        "follow_up",
        f"Tindak lanjut: {text}",
        {"follow_up_id": follow_up.id, "text": text, "from": seen.value},
    )
    return Applied(new, (event,))


def _answer(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    _require_holder(case, op)
    seen = _check_from(case, op, S.AWAITING_REPORTER)
    text = _text(op.data, "text")
    if seen is not None:
        return _repeat(
            case, op, _status_event(op, seen, S.AWAITING_REPORTER, None, {"answer": text})
        )
    check_transition(case.status, S.AWAITING_REPORTER, role=ctx.role, has_answer=True)
    clocks = _finish(case, op.at, ctx, (Stage.RESOLUTION,))
    clocks = _start(case, Stage.AUTO_CLOSE, op.at, ctx, clocks)
    answer = Answer(at=op.at, office=op.office, actor=op.actor, text=text)
    new = _bump(
        case, op, clocks=clocks, status=S.AWAITING_REPORTER, status_reason=None, answer=answer
    )
    event = _status_event(op, case.status, S.AWAITING_REPORTER, None, {"answer": text})
    return Applied(new, (event,))


def _extend(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    _require_holder(case, op)
    stage = Stage(_text(op.data, "stage"))
    clock = _clock(case, stage)
    if clock is None:
        raise GuardFailed(case.status, f"no running {stage.value} deadline to extend")
    rule = ctx.rulebook.by_code(clock.rule_code)
    days = int(op.data["days"])
    reason = str(op.data.get("reason") or "")
    if any(e.id == op.op_id for c in case.clocks for e in c.extensions):
        return Applied(case, (), noop=True)  # a redelivered extension counts once
    extended = extend(clock, rule, days, reason, op.actor, op.at, extension_id=op.op_id)
    clocks = tuple(extended if c is clock else c for c in case.clocks)
    new = _bump(case, op, clocks=clocks)
    event = _event(
        op,
        "extended",
        f"Batas waktu {stage.value} diperpanjang {days} hari: {reason}",
        {"stage": stage.value, "days": days, "reason": reason.strip()},
    )
    return Applied(new, (event,))


def _note(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    # Append-only and never a conflict: any office that sees the case may add a note.
    text = _text(op.data, "text")
    kind = str(op.data.get("kind") or "note")
    if kind not in NOTE_KINDS:
        # Free kinds would let a note pass itself off as a system event ("status", "created").
        raise ValidationError("kind", f"a note is one of: {', '.join(sorted(NOTE_KINDS))}")
    event = _event(op, kind, text, {"text": text})
    return Applied(case, (event,))


def _attach(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    sha = _text(op.data, "sha256").lower()
    if len(sha) != 64 or any(ch not in "0123456789abcdef" for ch in sha):
        raise ValidationError("sha256", "must be 64 hex digits")
    ref = AttachmentRef(
        sha256=sha,
        size=int(op.data["size"]),
        name=_text(op.data, "name"),
        mime=str(op.data.get("mime") or "application/octet-stream"),
        added_at=op.at,
        added_by=op.actor,
    )
    if ref.size < 0:
        raise ValidationError("size", "cannot be negative")
    event = _event(
        op,
        "attachment",
        f"Lampiran ditambahkan: {ref.name}",
        {"sha256": sha, "name": ref.name, "size": ref.size},
    )
    if any(a.sha256 == sha for a in case.attachments):
        # The case has this file already (a set keyed by hash: the first one stays), added by
        # another op. Its PC wrote this event when it did not have it yet: kept, or that PC's
        # timeline would differ. (A PC that has the file makes no op for it: CaseService.)
        return Applied(case, (event,))
    return Applied(_bump(case, op, attachments=(*case.attachments, ref)), (event,))


def _renumber(case: Case, op: Operation, ctx: ApplyContext) -> Applied:
    """Replace a provisional register number (a PC ran dry offline) by an official one.

    The old number stays as an alias: a receipt printed offline carries it.
    """
    if op.office not in (case.holder_office, case.origin_office):
        raise NotPermitted(
            f"case {case.register_no} is held by {case.holder_office}; "
            f"{op.office} cannot renumber it"
        )
    new = RegisterNumber.parse(_text(op.data, "register_no"))
    old = RegisterNumber.parse(_text(op.data, "provisional"))
    if case.register_no == str(new) and str(old) in case.register_aliases:
        return Applied(case, (), noop=True)  # a replay
    if not old.provisional:
        raise ValidationError("provisional", f"{old} is not a provisional (S-) number")
    if new.provisional:
        raise ValidationError("register_no", f"{new} is provisional too")
    if (new.office, new.year) != (old.office, old.year):
        raise ValidationError(
            "register_no", f"{new} is not of the office and year of {old} ({old.office}/{old.year})"
        )
    if case.register_no != str(old):
        raise ValidationError("provisional", f"the case's number is {case.register_no}, not {old}")
    changed = _bump(
        case, op, register_no=str(new), register_aliases=(*case.register_aliases, str(old))
    )
    event = _event(
        op,
        "renumbered",
        f"Nomor registrasi sementara {old} diganti {new}",
        {"register_no": str(new), "provisional": str(old)},
    )
    return Applied(changed, (event,))


NOTE_KINDS = frozenset({"note", "contact", "lapor_posted", "reporter_reply"})

_Handler = Callable[[Case, Operation, ApplyContext], Applied]

_HANDLERS: dict[OpType, _Handler] = {
    OpType.CASE_CREATE: lambda c, o, x: _create(o, x),
    OpType.CASE_EDIT: _edit,
    OpType.CASE_TRANSITION: _transition,
    OpType.CASE_DISPOSE: _dispose,
    OpType.CASE_FORWARD: _forward,
    OpType.CASE_FOLLOW_UP: _follow_up,
    OpType.CASE_ANSWER: _answer,
    OpType.SLA_EXTEND: _extend,
    OpType.EVENT_APPEND: _note,
    OpType.ATTACHMENT_ADD: _attach,
    OpType.CONFLICT_RESOLVE: _resolve,
    OpType.CASE_RENUMBER: _renumber,
}

__all__ = [
    "Applied",
    "ApplyContext",
    "ApplyResult",
    "CaseKind",
    "FieldConflict",
    "Rejected",
    "apply",
    "conflict_id",
    "in_scope",
]
