"""The compact push answer (sync.protocol.PushResponse): runs of plain `applied` answers and
whole results for the rest, read back into the same answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.protocol import OpResult, PushResponse

STATUSES = st.sampled_from(["applied", "applied", "applied", "merged", "conflict", "rejected"])


@st.composite
def batches(draw: st.DrawFn) -> list[OpResult]:
    seq = draw(st.integers(1, 50))
    answers = []
    for _ in range(draw(st.integers(0, 30))):
        seq += draw(st.sampled_from([1, 1, 1, 2]))  # gaps: a stale_seq or a replay between
        status = draw(STATUSES)
        answers.append(
            OpResult(
                device_seq=seq,
                status=status,
                version=draw(st.one_of(st.none(), st.integers(1, 9))),
                code="invalid" if status == "rejected" else None,
                fields=["title"] if status == "merged" and draw(st.booleans()) else [],
            )
        )
    return answers


@given(batches())
def test_the_compact_form_reads_back_as_the_same_answers(answers: list[OpResult]) -> None:
    response = PushResponse.of(answers, expected_seq=None, last_device_seq=99)
    wire = PushResponse.model_validate_json(response.model_dump_json(exclude_defaults=True))
    assert wire.answers() == answers
    assert all(r.op_id is None for r in wire.results)  # op ids never travel back
    assert sum(len(run) - 1 for run in wire.applied) == sum(r.plain for r in answers)


def test_a_batch_of_plain_answers_is_one_run_and_no_op_id() -> None:
    answers = [
        OpResult(op_id=f"op-{n}", device_seq=n, status="applied", version=1 + n % 5)
        for n in range(7, 507)
    ]
    body = PushResponse.of(answers, expected_seq=None, last_device_seq=506)
    text = body.model_dump_json(exclude_defaults=True)
    assert body.applied == [[7, *(1 + n % 5 for n in range(7, 507))]] and body.results == []
    assert "op-" not in text and len(text) < 1100  # 500 answers in about two bytes each


@pytest.mark.parametrize(
    "body",
    [
        {"applied": [[1]], "last_device_seq": 1},
        {"applied": [[1, 1, 1], [2, 3]], "last_device_seq": 2},
        {
            "applied": [[4, 1]],
            "results": [{"device_seq": 4, "status": "merged"}],
            "last_device_seq": 4,
        },
    ],
)
def test_a_malformed_compact_answer_is_refused(body: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        PushResponse.model_validate(body).answers()
