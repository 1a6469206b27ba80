"""case_to_json / case_from_json: lossless round trip of cases produced by real operation paths."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime

import pytest

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.case_codec import case_from_json, case_to_json
from tests.lapor_desktop.domain.test_apply import (
    SCENARIOS,
    created,
    run,
    scenario_awaiting,
    scenario_reopened,
    transition_op,
    wib,
)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_round_trip_through_json_text(name: str) -> None:
    case = SCENARIOS[name]()
    text = json.dumps(case_to_json(case), ensure_ascii=False, sort_keys=True)
    back = case_from_json(json.loads(text))
    assert back == case
    # Every field survives, not only what __eq__ happens to look at.
    for field in fields(Case):
        assert getattr(back, field.name) == getattr(case, field.name), field.name
    # Encoding is stable: a decoded case encodes to the same document.
    assert case_to_json(back) == case_to_json(case)


def test_awaiting_case_has_every_sub_object_populated_and_survives() -> None:
    case = scenario_awaiting()
    assert case.reporter is not None and case.location.lat is not None
    assert case.dispositions and case.follow_ups and case.attachments and case.answer
    assert case.incident_date is not None and case.lapor_tracking_id
    assert any(c.extensions for c in case.clocks)
    assert any(c.completed_at and c.frozen_due_at and c.met is not None for c in case.clocks)
    assert any(c.is_open for c in case.clocks)
    back = case_from_json(json.loads(json.dumps(case_to_json(case))))
    assert back.reporter == case.reporter
    assert back.location == case.location
    assert back.dispositions == case.dispositions
    assert back.dispositions[0].instructions == ("tanggapan dan saran", "proses lebih lanjut")
    assert back.follow_ups == case.follow_ups
    assert back.answer == case.answer
    assert back.attachments == case.attachments
    assert back.clocks == case.clocks
    assert back.incident_date == case.incident_date


def test_pauses_reopen_and_duplicate_survive() -> None:
    reopened = scenario_reopened()
    assert reopened.reopen_count == 1 and reopened.status_reason
    assert case_from_json(case_to_json(reopened)) == reopened
    resumed = SCENARIOS["needs_info_resumed"]()
    assert resumed.pauses and resumed.pauses[0].end is not None
    assert case_from_json(case_to_json(resumed)).pauses == resumed.pauses
    archived = SCENARIOS["archived_duplicate"]()
    assert case_from_json(case_to_json(archived)).duplicate_of == archived.duplicate_of


def test_open_pause_survives() -> None:
    case = run(created(), transition_op("NEEDS_INFO", wib(2026, 3, 17), reason="data")).case
    assert case.pauses[0].end is None
    assert case_from_json(json.loads(json.dumps(case_to_json(case)))) == case


def test_times_are_stored_as_utc_iso_text() -> None:
    document = case_to_json(scenario_awaiting())
    for key in ("received_at", "created_at", "updated_at"):
        parsed = datetime.fromisoformat(document[key])
        assert parsed.utcoffset() == UTC.utcoffset(None)
    assert document["received_at"] == "2026-03-16T02:00:00+00:00"  # 09:00 WIB
    assert document["answer"]["at"] == "2026-04-02T07:00:00+00:00"
    assert document["status"] == "AWAITING_REPORTER"
    assert document["channel"] == "walk_in"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("status",), "bukan_status"),
        (("channel",), ["whatsapp"]),  # unhashable: still a ValueError, not a TypeError
        (("dispositions", 0, "sifat"), "kilat"),
        (("clocks", 0, "stage"), None),
    ],
)
def test_a_code_that_is_not_one_is_refused_as_before(
    path: tuple[object, ...], value: object
) -> None:
    doc = case_to_json(scenario_awaiting())
    holder: object = doc
    for key in path[:-1]:
        holder = holder[key]  # type: ignore[index]
    holder[path[-1]] = value  # type: ignore[index]
    with pytest.raises(ValueError, match="is not a valid"):
        case_from_json(doc)
    # The codes as stored come back as the very members.
    case = case_from_json(case_to_json(scenario_awaiting()))
    assert case.status is scenario_awaiting().status
