"""The reporter's satisfaction (domain.feedback): a `feedback` note, strictly typed, only once
the case has its final answer, and the latest one counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from lapor_desktop.domain.apply import NOTE_KINDS
from lapor_desktop.domain.case import Case
from lapor_desktop.domain.case_codec import event_to_json
from lapor_desktop.domain.errors import NoFinalAnswer, ValidationError
from lapor_desktop.domain.feedback import (
    FEEDBACK_KIND,
    Feedback,
    feedback_of,
    latest_feedback,
)
from lapor_desktop.domain.ops import OpType
from tests.lapor_desktop.domain.test_apply import (
    S,
    make_op,
    refuse,
    run,
    scenario_awaiting,
    scenario_disposed,
    scenario_reopened,
    scenario_resolved,
    transition_op,
    wib,
)

AFTER = wib(2026, 4, 8, 10)  # after every scenario's last step


def feedback_op(data: dict[str, Any], at: Any = AFTER) -> Any:
    return make_op(OpType.EVENT_APPEND, {"kind": FEEDBACK_KIND, **data}, at)


def test_feedback_after_the_answer_is_an_event_and_leaves_the_case_as_it_was() -> None:
    case = scenario_awaiting()
    op = feedback_op({"rating": 4, "satisfied": True, "text": "  Sudah beres, terima kasih "})
    result = run(case, op)
    assert result.case is case  # a note: no new version, nothing to merge
    (event,) = result.events
    assert event.kind == FEEDBACK_KIND == "feedback" and FEEDBACK_KIND in NOTE_KINDS
    assert event.data == {"rating": 4, "satisfied": True, "text": "Sudah beres, terima kasih"}
    assert event.summary == "Kepuasan pelapor: 4/5, puas (beres) — Sudah beres, terima kasih"
    assert (event.op_id, event.at, event.office) == (op.op_id, op.at, op.office)
    # What the wire and the stored rows carry, read back as it was written.
    assert feedback_of(event_to_json(event)["data"]) == Feedback(
        4, True, "Sudah beres, terima kasih"
    )


@pytest.mark.parametrize("satisfied", [True, False])
def test_a_resolved_case_keeps_its_answer_and_can_be_rated(satisfied: bool) -> None:
    result = run(scenario_resolved(), feedback_op({"rating": 2, "satisfied": satisfied}))
    assert result.events[0].data == {"rating": 2, "satisfied": satisfied, "text": ""}
    verdict = "puas (beres)" if satisfied else "tidak puas (belum beres)"
    assert result.events[0].summary == f"Kepuasan pelapor: 2/5, {verdict}"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"satisfied": True}, "rating"),
        ({"rating": None, "satisfied": True}, "rating"),
        ({"rating": 0, "satisfied": True}, "rating"),
        ({"rating": 6, "satisfied": True}, "rating"),
        ({"rating": -3, "satisfied": True}, "rating"),
        ({"rating": 2**70, "satisfied": True}, "rating"),
        ({"rating": True, "satisfied": True}, "rating"),  # a bool is an int to isinstance
        ({"rating": 4.0, "satisfied": True}, "rating"),
        ({"rating": "4", "satisfied": True}, "rating"),
        ({"rating": [4], "satisfied": True}, "rating"),
        ({"rating": 4}, "satisfied"),
        ({"rating": 4, "satisfied": None}, "satisfied"),
        ({"rating": 4, "satisfied": 1}, "satisfied"),
        ({"rating": 4, "satisfied": "true"}, "satisfied"),
        ({"rating": 4, "satisfied": "puas"}, "satisfied"),
        ({"rating": 4, "satisfied": True, "text": 5}, "text"),
        ({"rating": 4, "satisfied": True, "text": ["beres"]}, "text"),
    ],
)
def test_each_invalid_value_is_a_typed_validation_error(data: dict[str, Any], field: str) -> None:
    rejected = refuse(scenario_awaiting(), feedback_op(data), "invalid")
    assert isinstance(rejected.error, ValidationError)
    assert rejected.error.field == field
    assert "\n" not in rejected.message
    with pytest.raises(ValidationError) as caught:
        feedback_of(data)
    assert caught.value.field == field


@pytest.mark.parametrize(
    "case", [scenario_disposed(), scenario_reopened()], ids=["disposed", "reopened"]
)
def test_refused_while_the_case_has_no_final_answer(case: Case) -> None:
    """Never answered, or reopened (which withdraws the answer until the next one)."""
    assert case.answer is None
    rejected = refuse(case, feedback_op({"rating": 5, "satisfied": True}), "no_final_answer")
    assert isinstance(rejected.error, NoFinalAnswer)
    assert case.register_no in rejected.message and "jawaban akhir" in rejected.message
    # Bad values are named before the state: the operator fixes the form first.
    assert refuse(case, feedback_op({"rating": 9, "satisfied": True}), "invalid")


def test_the_latest_feedback_counts() -> None:
    case = scenario_awaiting()
    first = run(case, feedback_op({"rating": 2, "satisfied": False}, AFTER)).events[0]
    reopened = run(case, transition_op(S.IN_PROGRESS, AFTER + timedelta(hours=1), reason="x"))
    refuse(reopened.case, feedback_op({"rating": 5, "satisfied": True}), "no_final_answer")
    later = run(case, feedback_op({"rating": 5, "satisfied": True}, AFTER + timedelta(days=3)))
    second = later.events[0]
    assert latest_feedback([first, second]) == Feedback(5, True)
    assert latest_feedback([second, first]) == Feedback(5, True)  # by time, not by order given
    assert latest_feedback([first]) == Feedback(2, False)
    assert latest_feedback([]) is None
    # Other kinds, and a feedback event no code of ours wrote, do not count.
    note = run(case, make_op(OpType.EVENT_APPEND, {"text": "dihubungi"}, AFTER)).events[0]
    broken = type(first)(**{**_fields(first), "data": {"rating": "9"}, "id": "z" * 36})
    assert latest_feedback([note, first, broken]) == Feedback(2, False)


def test_a_plain_note_still_needs_its_text_and_a_known_kind() -> None:
    case = scenario_awaiting()
    assert refuse(case, make_op(OpType.EVENT_APPEND, {}, AFTER), "invalid").error.field == "text"
    unknown = make_op(OpType.EVENT_APPEND, {"kind": "status", "text": "x"}, AFTER)
    assert refuse(case, unknown, "invalid").error.field == "kind"


def _fields(event: Any) -> dict[str, Any]:
    return {name: getattr(event, name) for name in event.__slots__}
