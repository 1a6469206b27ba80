"""What apply() takes besides the case and the operation, and what it gives back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.frozen_init import frozen_init
from lapor_desktop.domain.sla import SlaRuleBook


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


@frozen_init
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
