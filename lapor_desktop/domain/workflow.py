"""The status table of DESIGN §3 and its guards: the only place that says which move is legal."""

from __future__ import annotations

from lapor_desktop.domain.codes import CaseStatus, Role, Roles, Statuses
from lapor_desktop.domain.errors import GuardFailed, IllegalTransition, NotPermitted

S = Statuses  # the members without the enum class's slow attribute hook (codes.Statuses)

TRANSITIONS: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    S.DRAFT: (S.RECEIVED, S.CANCELLED),
    S.RECEIVED: (S.NEEDS_INFO, S.DISPOSED, S.FORWARDED, S.ARCHIVED, S.CANCELLED),
    S.NEEDS_INFO: (S.RECEIVED, S.CLOSED_INCOMPLETE, S.CANCELLED),
    S.DISPOSED: (S.DISPOSED, S.IN_PROGRESS, S.CANCELLED),
    S.IN_PROGRESS: (S.AWAITING_REPORTER, S.CANCELLED),
    S.AWAITING_REPORTER: (S.IN_PROGRESS, S.RESOLVED, S.CANCELLED),
    S.FORWARDED: (S.RESOLVED, S.CANCELLED),
    S.RESOLVED: (S.IN_PROGRESS,),
    S.ARCHIVED: (),
    S.CLOSED_INCOMPLETE: (),
    S.CANCELLED: (),
}

# Final states accept no further transition except the explicit reopen of RESOLVED.
FINAL_STATES = frozenset({S.RESOLVED, S.ARCHIVED, S.CLOSED_INCOMPLETE, S.CANCELLED})
OPEN_STATES = frozenset(set(CaseStatus) - FINAL_STATES)

# Transitions that must carry a reason (the timeline and the letters quote it).
REASON_REQUIRED: frozenset[tuple[CaseStatus, CaseStatus]] = frozenset(
    {
        (S.RECEIVED, S.NEEDS_INFO),
        (S.RECEIVED, S.FORWARDED),
        (S.RECEIVED, S.ARCHIVED),
        (S.AWAITING_REPORTER, S.IN_PROGRESS),
        (S.RESOLVED, S.IN_PROGRESS),
    }
    | {(state, S.CANCELLED) for state in OPEN_STATES}
)
_MAY_CANCEL = (Roles.COORDINATOR, Roles.ADMIN)


def allowed_next(current: CaseStatus) -> tuple[CaseStatus, ...]:
    return TRANSITIONS[current]


def is_open(status: CaseStatus) -> bool:
    return status in OPEN_STATES


def check_transition(
    current: CaseStatus,
    target: CaseStatus,
    *,
    reason: str | None = None,
    role: Role = Role.OPERATOR,
    has_disposition: bool = False,
    agency: str | None = None,
    has_follow_up: bool = False,
    has_answer: bool = False,
) -> None:
    """Raise unless `current -> target` is in the table and its guard holds."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(current, target, TRANSITIONS[current])
    if (current, target) in REASON_REQUIRED and not (reason and reason.strip()):
        raise GuardFailed(target, "a reason is required")
    if target is S.CANCELLED and role not in _MAY_CANCEL:
        raise NotPermitted("only a coordinator may cancel a case")
    if target is S.DISPOSED and not has_disposition:
        raise GuardFailed(target, "at least one disposition (unit, person or office) is required")
    if target is S.FORWARDED and not (agency and agency.strip()):
        raise GuardFailed(target, "the competent agency to forward to is required")
    if current is S.DISPOSED and target is S.IN_PROGRESS and not has_follow_up:
        raise GuardFailed(target, "a follow-up must be recorded")
    if target is S.AWAITING_REPORTER and not has_answer:
        raise GuardFailed(target, "the final answer must be given")
