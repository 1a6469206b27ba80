"""Deadlines of a case as the operator sees them now, and the nearest one stored for queues."""

from __future__ import annotations

from datetime import datetime, tzinfo

from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.sla import Deadline, SlaRuleBook, Stage, evaluate
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
    """The nearest open operator deadline. It does not depend on `now` unless paused."""
    paused = case.status is CaseStatus.NEEDS_INFO
    best: Deadline | None = None
    for clock in case.clocks:
        if clock.is_open and clock.stage in OPERATOR_STAGES:
            deadline = evaluate(clock, rulebook, calendar, tz, case.pauses, now)
            if best is None or deadline.due_at < best.due_at:
                best = deadline
    if best is None:
        return DueInfo(None, None, paused)
    return DueInfo(best.due_at, best.stage.value, paused)
