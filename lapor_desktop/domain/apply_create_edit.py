"""The handlers that create a case and edit its fields (an edit is three-way per field)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lapor_desktop.domain import fields as case_fields
from lapor_desktop.domain.apply_conflicts import (
    _conflict_event,
    _forget_identity,
    _rerule_resolution,
    _shown,
    conflict_id,
)
from lapor_desktop.domain.apply_parts import _bump, _event, _require_holder, _text
from lapor_desktop.domain.apply_types import Applied, ApplyContext, FieldConflict
from lapor_desktop.domain.case import Case, CaseConflict, Location, Reporter, TimelineEvent
from lapor_desktop.domain.codes import (
    Statuses,
    parse_channel,
    parse_kind,
    parse_priority,
    parse_severity,
)
from lapor_desktop.domain.errors import DomainError, IllegalTransition, ValidationError
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import Operation, parse_day, parse_instant
from lapor_desktop.domain.sla import StageClock, Stages
from lapor_desktop.domain.workflow import allowed_next, is_open

S = Statuses  # the members without the enum class's slow attribute hook (codes.Statuses)


# --------------------------------------------------------------------------- create


def _reporter(raw: object) -> Reporter | None:
    if raw is None:
        return None
    # `type(raw) is dict` first: a payload's objects are dicts, and isinstance against the
    # Mapping ABC runs ABCMeta.__instancecheck__ in Python (~4x the cost, every case.create).
    if not (type(raw) is dict or isinstance(raw, Mapping)):
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
    if not (type(raw) is dict or isinstance(raw, Mapping)):
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
    rulebook = ctx.rulebook
    clocks = (
        StageClock(
            Stages.VERIFICATION,
            rulebook.rule_for(Stages.VERIFICATION, kind, severity).code,
            received_at,
        ),
        StageClock(
            Stages.RESOLUTION,
            rulebook.rule_for(Stages.RESOLUTION, kind, severity).code,
            received_at,
        ),
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
            "channel": case.channel._value_,  # the code, without the .value property
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
        if "old" in change and _base(spec, change["old"], ctx) == new:
            # Sent as it was seen (a form that sends every field): the operator changed
            # nothing here, so whatever another office made of it stands, with no conflict.
            continue
        if "old" in change:
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


def _base(spec: case_fields.FieldSpec, raw: Any, ctx: ApplyContext) -> Any:
    try:
        return spec.normalise(raw, ctx.categories)
    except DomainError:
        return raw  # a base that no longer parses (a retired category) simply differs
