"""The status table of DESIGN §3 and its guards (domain/workflow.py)."""

from __future__ import annotations

import pytest

from lapor_desktop.domain.codes import CaseStatus, Role
from lapor_desktop.domain.errors import DomainError, GuardFailed, IllegalTransition, NotPermitted
from lapor_desktop.domain.workflow import (
    FINAL_STATES,
    TRANSITIONS,
    allowed_next,
    check_transition,
    is_open,
)

S = CaseStatus

# DESIGN.md §3, "Statuses and allowed transitions", copied row by row (not derived from the code).
DESIGN_ROWS: list[tuple[str, str]] = [
    ("DRAFT", "RECEIVED"),
    ("RECEIVED", "NEEDS_INFO"),
    ("NEEDS_INFO", "RECEIVED"),
    ("NEEDS_INFO", "CLOSED_INCOMPLETE"),
    ("RECEIVED", "DISPOSED"),
    ("RECEIVED", "FORWARDED"),
    ("RECEIVED", "ARCHIVED"),
    ("DISPOSED", "DISPOSED"),
    ("DISPOSED", "IN_PROGRESS"),
    ("IN_PROGRESS", "AWAITING_REPORTER"),
    ("AWAITING_REPORTER", "IN_PROGRESS"),
    ("AWAITING_REPORTER", "RESOLVED"),
    ("FORWARDED", "RESOLVED"),
    ("RESOLVED", "IN_PROGRESS"),
]
# "any open state -> CANCELLED": every state that is still being worked on. RESOLVED only leaves
# by an explicit reopen; ARCHIVED, CLOSED_INCOMPLETE and CANCELLED are final.
DESIGN_OPEN_STATES = [
    "DRAFT",
    "RECEIVED",
    "NEEDS_INFO",
    "DISPOSED",
    "FORWARDED",
    "IN_PROGRESS",
    "AWAITING_REPORTER",
]
DESIGN_TABLE: frozenset[tuple[str, str]] = frozenset(
    DESIGN_ROWS + [(state, "CANCELLED") for state in DESIGN_OPEN_STATES]
)
# Rows whose "when" column asks for a reason; the brief adds needs-info and the reporter's
# disagreement (a reopen) to forward / archive / reopen / cancel.
DESIGN_REASON_REQUIRED: frozenset[tuple[str, str]] = frozenset(
    [
        ("RECEIVED", "NEEDS_INFO"),
        ("RECEIVED", "FORWARDED"),
        ("RECEIVED", "ARCHIVED"),
        ("AWAITING_REPORTER", "IN_PROGRESS"),
        ("RESOLVED", "IN_PROGRESS"),
    ]
    + [(state, "CANCELLED") for state in DESIGN_OPEN_STATES]
)

ALL_PAIRS = [(a, b) for a in CaseStatus for b in CaseStatus]
EDGES = sorted(DESIGN_TABLE)
NON_EDGES = [(a, b) for a, b in ALL_PAIRS if (a.value, b.value) not in DESIGN_TABLE]


def _all_guards_met(
    current: CaseStatus, target: CaseStatus, reason: str | None, role: Role = Role.COORDINATOR
) -> None:
    check_transition(
        current,
        target,
        reason=reason,
        role=role,
        has_disposition=True,
        agency="Dinas Pekerjaan Umum Provinsi",
        has_follow_up=True,
        has_answer=True,
    )


def test_transition_table_is_exactly_the_design_table() -> None:
    assert set(TRANSITIONS) == set(CaseStatus)
    code_table = {(a.value, b.value) for a, targets in TRANSITIONS.items() for b in targets}
    assert code_table == DESIGN_TABLE
    for current, targets in TRANSITIONS.items():
        assert len(targets) == len(set(targets)), f"{current} lists a target twice"


def test_open_and_final_states_follow_the_design() -> None:
    assert {s.value for s in CaseStatus if is_open(s)} == set(DESIGN_OPEN_STATES)
    assert {s.value for s in FINAL_STATES} == {
        "RESOLVED",
        "ARCHIVED",
        "CLOSED_INCOMPLETE",
        "CANCELLED",
    }
    for state in ("ARCHIVED", "CLOSED_INCOMPLETE", "CANCELLED"):
        assert allowed_next(S(state)) == ()
    assert allowed_next(S.RESOLVED) == (S.IN_PROGRESS,)


@pytest.mark.parametrize(("current", "target"), EDGES)
def test_every_edge_passes_when_its_guards_hold(current: str, target: str) -> None:
    _all_guards_met(S(current), S(target), reason="alasan tertulis")


@pytest.mark.parametrize(("current", "target"), EDGES)
def test_reason_required_exactly_where_the_table_says(current: str, target: str) -> None:
    required = (current, target) in DESIGN_REASON_REQUIRED
    for blank in (None, "", "   \n"):
        if required:
            with pytest.raises(GuardFailed, match="reason"):
                _all_guards_met(S(current), S(target), reason=blank)
        else:
            _all_guards_met(S(current), S(target), reason=blank)


@pytest.mark.parametrize("current", DESIGN_OPEN_STATES)
def test_cancel_only_by_coordinator_or_admin(current: str) -> None:
    with pytest.raises(NotPermitted):
        check_transition(S(current), S.CANCELLED, reason="salah input", role=Role.OPERATOR)
    check_transition(S(current), S.CANCELLED, reason="salah input", role=Role.COORDINATOR)
    check_transition(S(current), S.CANCELLED, reason="salah input", role=Role.ADMIN)


def test_cancel_without_reason_is_refused_even_for_a_coordinator() -> None:
    with pytest.raises(GuardFailed):
        check_transition(S.RECEIVED, S.CANCELLED, role=Role.ADMIN)


@pytest.mark.parametrize(("current", "target"), NON_EDGES)
def test_non_edges_are_illegal_and_name_the_allowed_next_steps(
    current: CaseStatus, target: CaseStatus
) -> None:
    with pytest.raises(IllegalTransition) as caught:
        _all_guards_met(current, target, reason="alasan")
    error = caught.value
    expected_next = {b for a, b in DESIGN_TABLE if a == current.value}
    assert set(error.allowed) == expected_next
    assert error.code == "illegal_transition"
    message = str(error)
    assert current.value in message and target.value in message
    allowed_text = message.split("allowed next:", 1)[1]
    if expected_next:
        for name in expected_next:
            assert name in allowed_text
    else:
        assert "none" in allowed_text


def test_illegal_transition_message_lists_next_steps_from_received() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(S.RECEIVED, S.RESOLVED)
    message = str(caught.value)
    assert message.startswith("cannot move a case from RECEIVED to RESOLVED")
    for name in ("NEEDS_INFO", "DISPOSED", "FORWARDED", "ARCHIVED", "CANCELLED"):
        assert name in message


def test_guards_of_dispose_forward_follow_up_and_answer() -> None:
    with pytest.raises(GuardFailed, match="disposition"):
        check_transition(S.RECEIVED, S.DISPOSED, has_disposition=False)
    check_transition(S.RECEIVED, S.DISPOSED, has_disposition=True)
    with pytest.raises(GuardFailed, match="agency"):
        check_transition(S.RECEIVED, S.FORWARDED, reason="bukan kewenangan", agency="  ")
    check_transition(S.RECEIVED, S.FORWARDED, reason="bukan kewenangan", agency="Dinas PU")
    with pytest.raises(GuardFailed, match="follow-up"):
        check_transition(S.DISPOSED, S.IN_PROGRESS, has_follow_up=False)
    with pytest.raises(GuardFailed, match="answer"):
        check_transition(S.IN_PROGRESS, S.AWAITING_REPORTER, has_answer=False)
    # A reopen needs no follow-up: only the reason.
    check_transition(S.AWAITING_REPORTER, S.IN_PROGRESS, reason="pelapor tidak puas")


def test_illegality_is_reported_before_the_guards() -> None:
    # An illegal move is illegal whatever is missing; the operator learns the allowed steps first.
    with pytest.raises(IllegalTransition):
        check_transition(S.ARCHIVED, S.CANCELLED, role=Role.OPERATOR)


def test_all_workflow_errors_are_domain_errors_with_distinct_codes() -> None:
    codes = {IllegalTransition.code, GuardFailed.code, NotPermitted.code}
    assert len(codes) == 3
    for error_type in (IllegalTransition, GuardFailed, NotPermitted):
        assert issubclass(error_type, DomainError)
