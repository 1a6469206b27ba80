"""Deadlines of a case as the operator sees them now, and the nearest one stored for queues."""

from __future__ import annotations

from datetime import datetime, tzinfo

from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import Statuses
from lapor_desktop.domain.sla import Deadline, SlaRuleBook, Stage, compute_due_at, evaluate
from lapor_desktop.storage.cases import DueInfo

# The operator's own obligations; INFO_WAIT is the reporter's and AUTO_CLOSE is automatic.
OPERATOR_STAGES = (Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION)


def deadlines(
    case: Case, rulebook: SlaRuleBook, calendar: WorkingCalendar, tz: tzinfo, now: datetime
) -> list[Deadline]:
    return [evaluate(c, rulebook, calendar, tz, case.pauses, now) for c in case.clocks]


def due_info(
    case: Case, rulebook: SlaRuleBook, calendar: WorkingCalendar, tz: tzinfo, now: datetime
) -> DueInfo:
    """The nearest open operator deadline. It does not depend on `now` unless paused.

    Only the due time is needed, so this computes it as `evaluate` does for an open clock
    (operator stages are never INFO_WAIT, so the case's pauses all count) without the paused
    and remaining days `evaluate` adds: it runs for every case written, the demo's 100,000 too.
    """
    paused = case.status is Statuses.NEEDS_INFO  # not CaseStatus.X: see codes.Statuses
    best_at: datetime | None = None
    best_stage: Stage | None = None
    for clock in case.clocks:
        if clock.completed_at is None and clock.stage in OPERATOR_STAGES:
            due_at = compute_due_at(
                clock.started_at,
                rulebook.by_code(clock.rule_code),
                calendar,
                tz,
                case.pauses,
                clock.extension_days,
                now,
            )
            if best_at is None or due_at < best_at:
                best_at, best_stage = due_at, clock.stage
    if best_stage is None:
        return DueInfo(None, None, paused)
    return DueInfo(best_at, best_stage.value, paused)
