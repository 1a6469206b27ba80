"""case.renumber: a provisional register number (`…/S-n`) replaced by an official one."""

from __future__ import annotations

import json

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.case_codec import case_from_json, case_to_json
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.ops import Operation, OpType
from tests.lapor_desktop.domain.test_apply import (
    OTHER_OFFICE,
    RECEIVED_AT,
    created,
    dispose_op,
    make_op,
    refuse,
    run,
    transition_op,
    wib,
)

PROVISIONAL = "DINSOS/2026/S-3"
OFFICIAL = "DINSOS/2026/00207"
LATER = wib(2026, 3, 17)


def renumber_op(
    new: str = OFFICIAL, old: str = PROVISIONAL, *, office: str = "DINSOS", op_id: str | None = None
) -> Operation:
    return make_op(
        OpType.CASE_RENUMBER,
        {"register_no": new, "provisional": old},
        LATER,
        office=office,
        op_id=op_id,
    )


def provisional_case() -> Case:
    return created(register_no=PROVISIONAL)


def test_a_provisional_number_is_replaced_and_kept_as_an_alias() -> None:
    case = provisional_case()
    assert case.register_no == PROVISIONAL and case.register_aliases == ()
    result = run(case, renumber_op())
    assert result.case.register_no == OFFICIAL
    assert result.case.register_aliases == (PROVISIONAL,)
    assert result.case.version == case.version + 1
    assert result.case.updated_at == LATER
    assert result.case.status is case.status  # nothing else moves
    assert result.case.clocks == case.clocks
    (event,) = result.events
    assert event.kind == "renumbered"
    assert event.summary == f"Nomor registrasi sementara {PROVISIONAL} diganti {OFFICIAL}"
    assert event.data == {"register_no": OFFICIAL, "provisional": PROVISIONAL}


def test_a_replay_is_a_noop() -> None:
    op = renumber_op()
    once = run(provisional_case(), op).case
    again = run(once, op)
    assert again.noop and again.events == ()
    assert again.case is once


def test_a_second_renumber_of_the_same_case_is_refused() -> None:
    once = run(provisional_case(), renumber_op()).case
    result = refuse(once, renumber_op("DINSOS/2026/00208"), "invalid")
    assert OFFICIAL in result.message


def test_only_a_provisional_number_that_the_case_has_can_be_replaced() -> None:
    case = provisional_case()
    refuse(case, renumber_op(old="DINSOS/2026/S-4"), "invalid")
    official = created()  # DINSOS/2026/00042
    refuse(official, renumber_op(old="DINSOS/2026/00042"), "invalid")


def test_the_new_number_is_official_and_of_the_same_office_and_year() -> None:
    case = provisional_case()
    refuse(case, renumber_op(new="DINSOS/2026/S-9"), "invalid")
    refuse(case, renumber_op(new="DINSOS/2027/00001"), "invalid")
    refuse(case, renumber_op(new="DPU/2026/00001"), "invalid")
    refuse(case, renumber_op(new="not a number"), "invalid")
    refuse(case, make_op(OpType.CASE_RENUMBER, {"provisional": PROVISIONAL}, LATER), "invalid")


def test_the_holder_or_the_origin_may_renumber_nobody_else() -> None:
    case = provisional_case()
    refuse(case, renumber_op(office=OTHER_OFFICE), "not_permitted")
    moved = run(case, dispose_op(LATER, to_office=OTHER_OFFICE, to_unit=None, to_person=None)).case
    assert moved.holder_office == OTHER_OFFICE
    assert run(moved, renumber_op(office=OTHER_OFFICE)).case.register_no == OFFICIAL
    assert run(moved, renumber_op(office="DINSOS")).case.register_no == OFFICIAL
    refuse(moved, renumber_op(office="DPU"), "not_permitted")


def test_a_closed_case_can_still_get_its_official_number() -> None:
    case = provisional_case()
    archived = run(case, transition_op("archived", RECEIVED_AT, "bukan pengaduan")).case
    assert archived.status is CaseStatus.ARCHIVED
    assert run(archived, renumber_op()).case.register_no == OFFICIAL


def test_aliases_survive_the_codec_and_old_documents_have_none() -> None:
    case = run(provisional_case(), renumber_op()).case
    doc = json.loads(json.dumps(case_to_json(case)))
    assert doc["register_aliases"] == [PROVISIONAL]
    assert case_from_json(doc) == case
    del doc["register_aliases"]
    assert case_from_json(doc).register_aliases == ()
