"""The handlers that move a case through its workflow: transitions, dispositions, forwards,
follow-ups, answers, and the SLA extensions of its deadlines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from lapor_desktop.domain.apply_parts import (
    _bump,
    _check_from,
    _clock,
    _event,
    _finish,
    _repeat,
    _require_holder,
    _start,
    _status_event,
    _text,
)
from lapor_desktop.domain.apply_types import Applied, ApplyContext
from lapor_desktop.domain.case import Answer, Case, Disposition, FollowUp
from lapor_desktop.domain.codes import CaseStatus, Roles, Statuses, parse_sifat, parse_status
from lapor_desktop.domain.errors import GuardFailed, IllegalTransition, ValidationError
from lapor_desktop.domain.identifiers import derived_id
from lapor_desktop.domain.ops import Operation, OpType
from lapor_desktop.domain.sla import Pause, Stage, Stages, compute_due_at, extend
from lapor_desktop.domain.workflow import allowed_next, check_transition

S = Statuses  # the members without the enum class's slow attribute hook (codes.Statuses)


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
    if not (target is S.CANCELLED and ctx.role is Roles.ADMIN):
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
        clocks = _start(case, Stages.INFO_WAIT, at, ctx)
    elif case.status is S.NEEDS_INFO:
        if target is S.CLOSED_INCOMPLETE:
            _require_info_wait_over(case, at, ctx)
        pauses = tuple(replace(p, end=at) if p.end is None else p for p in pauses)
        clocks = _finish(case, at, ctx, (Stages.INFO_WAIT,), pauses=pauses)
    if target is S.ARCHIVED:
        duplicate_of = op.data.get("duplicate_of")
        if duplicate_of:
            if duplicate_of == case.id:
                raise ValidationError("duplicate_of", "a case cannot duplicate itself")
            changes["duplicate_of"] = extra["duplicate_of"] = str(duplicate_of)
    if target in _CLOSING:
        clocks = _finish(case, at, ctx, None, clocks, pauses)
    if target is S.IN_PROGRESS:  # a reopen: from AWAITING_REPORTER or RESOLVED
        clocks = _finish(case, at, ctx, (Stages.AUTO_CLOSE,), clocks)
        clocks = _start(case, Stages.RESOLUTION, at, ctx, clocks)
        changes.update(reopen_count=case.reopen_count + 1, answer=None)
    new = _bump(
        case, op, status=target, status_reason=reason, clocks=clocks, pauses=pauses, **changes
    )
    return Applied(new, (_status_event(op, case.status, target, reason, extra),))


_CLOSING = (S.ARCHIVED, S.CANCELLED, S.CLOSED_INCOMPLETE, S.RESOLVED)  # every clock stops


def _dedicated(current: CaseStatus, target: CaseStatus) -> bool:
    # These moves carry data of their own and have their own operations.
    return target in _DEDICATED_TARGETS or (current is S.DISPOSED and target is S.IN_PROGRESS)


_DEDICATED_TARGETS = (S.DISPOSED, S.FORWARDED, S.AWAITING_REPORTER)


_DEDICATED = {
    S.DISPOSED: OpType.CASE_DISPOSE.value,
    S.FORWARDED: OpType.CASE_FORWARD.value,
    S.AWAITING_REPORTER: OpType.CASE_ANSWER.value,
    S.IN_PROGRESS: OpType.CASE_FOLLOW_UP.value,
}


def _require_info_wait_over(case: Case, at: datetime, ctx: ApplyContext) -> None:
    clock = _clock(case, Stages.INFO_WAIT)
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
    # `type(raw) is dict` first: a payload's objects are dicts, and isinstance against the
    # Mapping ABC runs ABCMeta.__instancecheck__ in Python (~4x the cost).
    if type(raw) is dict or isinstance(raw, Mapping):
        hop_id = str(raw.get("id") or derived_id(op.op_id, "disposition"))
        # (No generator for a case with no hops yet: most dispositions are the first.)
        if case.dispositions and any(d.id == hop_id for d in case.dispositions):
            # A replay of a hop already recorded: DISPOSED -> DISPOSED would add it twice.
            return Applied(case, (), noop=True)
    _require_holder(case, op)
    _check_from(case, op, S.DISPOSED)  # never a repeat: a hop from a stale view is refused
    if not (type(raw) is dict or isinstance(raw, Mapping)):
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
        clocks = _finish(case, at, ctx, (Stages.VERIFICATION,))
        clocks = _start(case, Stages.FIRST_FOLLOW_UP, at, ctx, clocks)
    new = case
    follow_rule = ctx.rulebook.rule_for(Stages.FIRST_FOLLOW_UP, case.kind, case.severity)
    open_follow = next(
        (c for c in reversed(clocks) if c.stage is Stages.FIRST_FOLLOW_UP and c.is_open), None
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
            "sifat": disposition.sifat._value_,  # the code, without the .value property
            "instructions": list(instructions),
            "note": disposition.note,
            "from": case.status._value_,
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
    clocks = _finish(case, op.at, ctx)
    new = _bump(
        case, op, clocks=clocks, status=S.FORWARDED, status_reason=reason, forwarded_to=agency
    )
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
    if case.follow_ups and any(f.id == follow_up.id for f in case.follow_ups):
        return Applied(case, (), noop=True)
    if case.status is S.DISPOSED:
        check_transition(case.status, S.IN_PROGRESS, role=ctx.role, has_follow_up=True)
        clocks = _finish(case, op.at, ctx, (Stages.FIRST_FOLLOW_UP,))
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
        {"follow_up_id": follow_up.id, "text": text, "from": seen._value_},
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
    clocks = _finish(case, op.at, ctx, (Stages.RESOLUTION,))
    clocks = _start(case, Stages.AUTO_CLOSE, op.at, ctx, clocks)
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
