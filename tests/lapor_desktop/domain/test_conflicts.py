"""Sync conflicts: recorded in the case by case.edit, settled by conflict.resolve (SYNC.md 8.5)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from lapor_desktop.domain.apply import Applied, conflict_id, in_scope
from lapor_desktop.domain.case import Case, CaseConflict
from lapor_desktop.domain.case_codec import case_from_json, case_to_json
from lapor_desktop.domain.codes import Priority, Role
from lapor_desktop.domain.identifiers import derived_id
from lapor_desktop.domain.ops import Operation, OpType
from tests.lapor_desktop.domain.test_apply import (
    IDENTITY_VALUES,
    OFFICE,
    OTHER_OFFICE,
    REPORTER,
    created,
    dispose_op,
    edit_op,
    make_op,
    refuse,
    run,
    transition_op,
    wib,
)

AT = wib(2026, 3, 17, 10)
LATER = wib(2026, 3, 18, 10)
TITLE = "Bantuan sosial tidak diterima"  # the created case's title, normalised
THIRD_OFFICE = "DINPU"


def _theirs(case: Case, changes: dict[str, Any], at: datetime = AT) -> Case:
    """Another device's edit, already applied on the server."""
    return run(case, edit_op(at, {k: {"new": v} for k, v in changes.items()})).case


def _changed_title() -> tuple[Case, Case]:
    case = created()
    return case, _theirs(case, {"title": "BPNT belum cair"})


def resolve_op(
    conflict: str, choice: str, at: datetime = LATER, *, office: str = OFFICE, **extra: Any
) -> Operation:
    data = {"conflict_id": conflict, "choice": choice, **extra}
    return make_op(OpType.CONFLICT_RESOLVE, data, at, office=office, actor="budi")


def _conflicted() -> tuple[Case, CaseConflict]:
    _, theirs = _changed_title()
    result = run(theirs, edit_op(LATER, {"title": {"old": TITLE, "new": "Bansos tidak diterima"}}))
    (conflict,) = result.case.conflicts
    return result.case, conflict


# =========================================================================== three-way edits


def test_only_ours_changed_is_applied_without_a_conflict() -> None:
    case = created()
    result = run(case, edit_op(AT, {"title": {"old": TITLE, "new": "Bansos tidak diterima"}}))
    assert result.case.title == "Bansos tidak diterima"
    assert result.conflicts == () and result.case.conflicts == ()
    assert [e.kind for e in result.events] == ["edited"]


def test_both_changed_to_the_same_value_changes_nothing_and_keeps_the_record() -> None:
    _, theirs = _changed_title()
    result = apply_edit(theirs, {"title": {"old": TITLE, "new": "BPNT belum cair"}})
    assert result.case is theirs and not result.noop
    assert result.conflicts == () and theirs.conflicts == ()
    # The event the operator's PC wrote (it saw the old title): every timeline keeps it.
    assert [e.data for e in result.events] == [{"changed": {"title": "BPNT belum cair"}}]


def apply_edit(case: Case, changes: dict[str, Any], **kwargs: Any) -> Applied:
    return run(case, edit_op(LATER, changes, **kwargs))


def test_both_changed_differently_keeps_the_server_value_and_records_the_conflict() -> None:
    _, theirs = _changed_title()
    op = edit_op(LATER, {"title": {"old": TITLE, "new": "Bansos tidak diterima"}}, device="dev-b")
    result = run(theirs, op)
    case = result.case
    assert case.title == "BPNT belum cair"  # the server value stays
    assert case.version == theirs.version + 1 and case.updated_at == LATER
    (conflict,) = case.conflicts
    assert conflict == CaseConflict(
        id=derived_id(op.op_id, "conflict:title"),
        field="title",
        base=TITLE,
        ours="Bansos tidak diterima",
        theirs="BPNT belum cair",
        op_id=op.op_id,
        office=OFFICE,
        actor="sari",
        at=LATER,
    )
    assert conflict.is_open and case.open_conflicts == (conflict,)
    (reported,) = result.conflicts
    assert reported.id == conflict.id == conflict_id(op.op_id, "title")
    assert (reported.field, reported.base, reported.ours, reported.theirs) == (
        "title",
        TITLE,
        "Bansos tidak diterima",
        "BPNT belum cair",
    )
    # The operator's record (as their PC wrote it), then what became of it here.
    edited, event = result.events
    assert edited.kind == "edited" and edited.data["changed"] == {"title": "Bansos tidak diterima"}
    assert event.kind == "conflict" and event.op_id == op.op_id
    assert event.summary == f"Konflik data: judul (nilai dari {OFFICE} tidak diterapkan)"
    assert event.data["conflicts"][0]["id"] == conflict.id


def test_conflict_values_are_json_values() -> None:
    case = created()
    theirs = _theirs(case, {"priority": "rendah", "incident_date": "2026-03-05"})
    result = apply_edit(
        theirs,
        {
            "priority": {"old": "tinggi", "new": "Darurat"},
            "incident_date": {"old": "2026-03-02", "new": "2026-03-01"},
        },
    )
    by_field = {c.field: c for c in result.case.conflicts}
    assert by_field["priority"].ours == "darurat" and type(by_field["priority"].ours) is str
    assert by_field["priority"].theirs == "rendah" and type(by_field["priority"].theirs) is str
    assert by_field["incident_date"].ours == "2026-03-01"
    assert by_field["incident_date"].theirs == "2026-03-05"
    assert result.case.priority is Priority.LOW
    json.dumps(case_to_json(result.case))  # plain JSON all the way


def test_a_replayed_conflicting_edit_is_a_noop() -> None:
    case, conflict = _conflicted()
    op_id = conflict.op_id
    again = make_op(
        OpType.CASE_EDIT,
        {"changes": {"title": {"old": TITLE, "new": "Bansos tidak diterima"}}},
        LATER,
        op_id=op_id,
    )
    result = run(case, again)
    assert result.noop and result.case is case and result.events == ()
    # The replay reports the conflict it recorded the first time, so the result is the same.
    assert [c.id for c in result.conflicts] == [conflict.id]
    # Still a no-op after the conflict was settled.
    settled = run(case, resolve_op(conflict.id, "theirs")).case
    replay = run(settled, again)
    assert replay.noop and replay.case is settled


def test_some_fields_apply_and_others_conflict_in_one_op() -> None:
    _, theirs = _changed_title()
    result = apply_edit(
        theirs,
        {
            "title": {"old": TITLE, "new": "Bansos tidak diterima"},
            "summary": {"old": None, "new": "Terdaftar DTKS sejak 2024"},
            "priority": {"old": "tinggi", "new": "tinggi"},  # unchanged: nothing at all
        },
    )
    case = result.case
    assert case.summary == "Terdaftar DTKS sejak 2024" and case.title == "BPNT belum cair"
    assert case.version == theirs.version + 1  # one bump for the whole op
    assert [c.field for c in case.conflicts] == ["title"]
    assert [c.field for c in result.conflicts] == ["title"]
    assert [e.kind for e in result.events] == ["edited", "conflict"]
    assert len({e.id for e in result.events}) == 2
    # What the operator changed, as their PC recorded it; the conflict event names the rest.
    assert result.events[0].data["changed"] == {
        "summary": "Terdaftar DTKS sejak 2024",
        "title": "Bansos tidak diterima",
    }


def test_a_field_sent_as_it_was_seen_never_conflicts_with_another_offices_change() -> None:
    """A form may send every field; one the operator did not touch is not an edit of it."""
    case = created()
    theirs = _theirs(case, {"title": "BPNT belum cair", "priority": "rendah"})
    result = apply_edit(
        theirs,
        {
            "title": {"old": TITLE, "new": TITLE},
            "priority": {"old": "tinggi", "new": "tinggi"},
            "summary": {"old": None, "new": "Terdaftar DTKS sejak 2024"},
        },
    )
    case = result.case
    assert (case.title, case.priority) == ("BPNT belum cair", Priority.LOW)
    assert case.summary == "Terdaftar DTKS sejak 2024"
    assert result.conflicts == () and case.conflicts == ()
    assert [e.data["changed"] for e in result.events] == [{"summary": "Terdaftar DTKS sejak 2024"}]
    # With nothing else in it, such an edit changes nothing anywhere.
    untouched = apply_edit(theirs, {"title": {"old": TITLE, "new": TITLE}})
    assert untouched.noop and untouched.case is theirs and untouched.conflicts == ()


def test_identity_values_never_reach_the_timeline() -> None:
    case = created(confidential=False)
    theirs = _theirs(case, {"reporter.phone": "0813 2222 3333", "reporter.name": "Siti R."})
    result = apply_edit(
        theirs,
        {
            "reporter.phone": {"old": REPORTER["phone"], "new": "0814 4444 5555"},
            "reporter.name": {"old": REPORTER["name"], "new": "Siti Rahma"},
        },
    )
    assert {c.field for c in result.case.open_conflicts} == {"reporter.phone", "reporter.name"}
    assert [e.kind for e in result.events] == ["edited", "conflict"]
    shown = "".join(json.dumps(e.data, ensure_ascii=False) + e.summary for e in result.events)
    for value in (*IDENTITY_VALUES, "0813 2222 3333", "0814 4444 5555", "Siti R.", "Siti Rahma"):
        assert value not in shown
    assert "nama pelapor" in result.events[1].summary and "***" in shown
    # ...and not when it is settled either.
    phone = next(c for c in result.case.conflicts if c.field == "reporter.phone")
    settled = run(result.case, resolve_op(phone.id, "ours"))
    assert settled.case.reporter is not None and settled.case.reporter.phone == "0814 4444 5555"
    (resolved,) = settled.events
    assert "0814 4444 5555" not in json.dumps(resolved.data) + resolved.summary


def test_anonymous_refusals_are_unchanged() -> None:
    case = created(anonymous=True, reporter=None)
    refuse(case, edit_op(AT, {"reporter.name": {"old": "lama", "new": "Budi"}}), "invalid")
    # From a former holder too: the value would be carried inside a conflict.
    moved = run(case, dispose_op(AT, to_office=OTHER_OFFICE, to_unit=None, to_person=None)).case
    refuse(moved, edit_op(LATER, {"reporter.name": {"new": "Budi"}}), "invalid")


def test_making_a_case_anonymous_erases_identity_inside_its_conflicts() -> None:
    case = created(confidential=False)
    theirs = _theirs(case, {"reporter.phone": "0813 2222 3333"})
    conflicted = apply_edit(
        theirs, {"reporter.phone": {"old": REPORTER["phone"], "new": "0814 4444 5555"}}
    ).case
    (phone,) = conflicted.open_conflicts
    anonymous = apply_edit(conflicted, {"anonymous": {"old": False, "new": True}}).case
    assert anonymous.reporter is None and anonymous.open_conflicts == ()
    (erased,) = anonymous.conflicts
    assert erased.id == phone.id and erased.resolution == "theirs"
    assert (erased.base, erased.ours, erased.theirs, erased.resolved_value) == (None,) * 4
    dumped = json.dumps(case_to_json(anonymous))
    for value in (*IDENTITY_VALUES, "0813 2222 3333", "0814 4444 5555"):
        assert value not in dumped
    # Settling it later changes nothing; it cannot bring the identity back.
    late = run(anonymous, resolve_op(phone.id, "ours"))
    assert late.case is anonymous
    shown = "".join(json.dumps(e.data) + e.summary for e in late.events)
    for value in (*IDENTITY_VALUES, "0813 2222 3333", "0814 4444 5555"):
        assert value not in shown


# =========================================================================== scope change


def _moved_away() -> Case:
    """DINSOS registered the case and disposed it to DINKES, which now holds it."""
    case = created()
    return run(case, dispose_op(AT, to_office=OTHER_OFFICE, to_unit=None, to_person=None)).case


def test_a_former_holders_edit_becomes_conflicts_and_applies_nothing() -> None:
    case = _moved_away()
    assert case.holder_office == OTHER_OFFICE and in_scope(case, OFFICE)
    op = edit_op(
        LATER,
        {
            "title": {"old": TITLE, "new": "Bansos tidak diterima"},
            "summary": {"new": "Terdaftar DTKS"},  # no base at all
            "priority": {"old": "tinggi", "new": "tinggi"},  # same as now: nothing
        },
    )
    result = run(case, op)
    after = result.case
    assert (after.title, after.summary) == (case.title, case.summary)
    assert after.version == case.version + 1
    assert {c.field: (c.base, c.ours, c.theirs) for c in after.open_conflicts} == {
        "title": (TITLE, "Bansos tidak diterima", TITLE),
        "summary": (None, "Terdaftar DTKS", None),
    }
    assert all(c.office == OFFICE for c in after.conflicts)
    # The operator's record (as their PC wrote it), then the conflicts it became.
    assert [e.kind for e in result.events] == ["edited", "conflict"]
    assert set(result.events[0].data["changed"]) == {"summary", "title"}
    assert sorted(c.field for c in result.conflicts) == ["summary", "title"]
    # The new holder settles them.
    title = next(c for c in after.conflicts if c.field == "title")
    settled = run(after, resolve_op(title.id, "ours", office=OTHER_OFFICE)).case
    assert settled.title == "Bansos tidak diterima"


def test_an_office_further_back_in_the_chain_is_in_scope() -> None:
    case = _moved_away()
    onward = run(
        case, dispose_op(AT, office=OTHER_OFFICE, to_office=THIRD_OFFICE, to_unit=None)
    ).case
    assert onward.holder_office == THIRD_OFFICE
    for office in (OFFICE, OTHER_OFFICE):
        result = run(onward, edit_op(LATER, {"summary": {"new": office}}, office=office))
        assert [c.office for c in result.case.conflicts] == [office]


def test_an_outsider_still_gets_not_permitted() -> None:
    case = _moved_away()
    refuse(case, edit_op(LATER, {"title": {"new": "x"}}, office=THIRD_OFFICE), "not_permitted")
    refuse(created(), edit_op(LATER, {"title": {"new": "x"}}, office=OTHER_OFFICE), "not_permitted")


def test_a_former_holders_edit_of_a_closed_case_is_refused_like_the_holders() -> None:
    case = created()
    archived = run(case, transition_op("archived", AT, "Bukan pengaduan")).case
    refuse(archived, edit_op(LATER, {"title": {"new": "x"}}), "illegal_transition")


# =========================================================================== resolve


def test_resolve_ours_writes_the_value_that_was_not_applied() -> None:
    case, conflict = _conflicted()
    op = resolve_op(conflict.id, "ours")
    result = run(case, op)
    after = result.case
    assert after.title == "Bansos tidak diterima"
    assert after.version == case.version + 1 and after.updated_at == LATER
    (resolved,) = after.conflicts
    assert not resolved.is_open and after.open_conflicts == ()
    assert (resolved.status, resolved.resolution, resolved.resolved_value) == (
        "resolved",
        "ours",
        "Bansos tidak diterima",
    )
    assert (resolved.resolved_by, resolved.resolved_office, resolved.resolved_at) == (
        "budi",
        OFFICE,
        LATER,
    )
    (event,) = result.events
    assert event.kind == "conflict_resolved"
    assert event.summary == f"Konflik diselesaikan: judul (nilai dari {OFFICE} dipakai)"
    assert event.data == {
        "conflict_id": conflict.id,
        "field": "title",
        "choice": "ours",
        "value": "Bansos tidak diterima",
    }


def test_resolve_theirs_keeps_the_current_value() -> None:
    case, conflict = _conflicted()
    after = run(case, resolve_op(conflict.id, "theirs")).case
    assert after.title == "BPNT belum cair"
    assert after.conflicts[0].resolution == "theirs"
    assert after.conflicts[0].resolved_value == "BPNT belum cair"


def test_resolve_value_normalises_and_writes_a_new_value() -> None:
    case, conflict = _conflicted()
    after = run(case, resolve_op(conflict.id, "value", value="  BPNT   dan PKH belum cair ")).case
    assert after.title == "BPNT dan PKH belum cair"
    assert after.conflicts[0].resolved_value == "BPNT dan PKH belum cair"
    refuse(case, resolve_op(conflict.id, "value", value=""), "invalid")  # a title is required
    refuse(case, resolve_op(conflict.id, "value"), "invalid")  # no value given
    refuse(case, resolve_op(conflict.id, "mine"), "invalid")


def test_resolving_severity_re_rules_the_resolution_clock() -> None:
    case = created()
    theirs = _theirs(case, {"severity": "tanpa_pemeriksaan"})
    conflicted = apply_edit(
        theirs, {"severity": {"old": "ringan", "new": "pemeriksaan_lapangan"}}
    ).case
    (conflict,) = conflicted.conflicts
    after = run(conflicted, resolve_op(conflict.id, "ours")).case
    edited = run(theirs, edit_op(LATER, {"severity": {"new": "pemeriksaan_lapangan"}})).case
    assert after.severity == edited.severity and after.clocks == edited.clocks


def test_the_first_resolution_wins() -> None:
    case, conflict = _conflicted()
    first = run(case, resolve_op(conflict.id, "theirs")).case
    second = run(first, resolve_op(conflict.id, "ours", wib(2026, 3, 19)))
    assert second.case is first and first.title == "BPNT belum cair"
    # The later one is recorded (the event its PC wrote, and why it changed nothing).
    made, late = second.events
    assert (made.kind, made.data["choice"]) == ("conflict_resolved", "ours")
    assert (late.kind, late.data["resolution"]) == ("conflict_resolve_late", "theirs")


def test_an_unknown_conflict_is_a_validation_error() -> None:
    case, _ = _conflicted()
    refuse(case, resolve_op("no-such-conflict", "theirs"), "invalid")
    refuse(case, make_op(OpType.CONFLICT_RESOLVE, {"choice": "ours"}, LATER), "invalid")


def test_only_the_holder_or_a_coordinator_resolves() -> None:
    case, conflict = _conflicted()
    refuse(case, resolve_op(conflict.id, "ours", office=OTHER_OFFICE), "not_permitted")
    for role in (Role.COORDINATOR, Role.ADMIN):
        after = run(case, resolve_op(conflict.id, "ours", office=OTHER_OFFICE), role=role).case
        assert after.title == "Bansos tidak diterima"
        assert after.conflicts[0].resolved_office == OTHER_OFFICE


def test_a_former_holder_operator_cannot_resolve() -> None:
    case = _moved_away()
    after = run(case, edit_op(LATER, {"summary": {"new": "Terdaftar DTKS"}})).case
    (conflict,) = after.conflicts
    refuse(after, resolve_op(conflict.id, "ours", office=OFFICE), "not_permitted")


def test_a_closed_case_only_keeps_theirs() -> None:
    case, conflict = _conflicted()
    closed = run(case, transition_op("archived", LATER, "Bukan pengaduan")).case
    refuse(closed, resolve_op(conflict.id, "ours"), "illegal_transition")
    refuse(closed, resolve_op(conflict.id, "value", value="x"), "illegal_transition")
    after = run(closed, resolve_op(conflict.id, "theirs")).case
    assert after.status is closed.status and after.title == closed.title
    assert after.open_conflicts == ()


# =========================================================================== codec


def test_codec_round_trips_open_and_resolved_conflicts() -> None:
    case, conflict = _conflicted()
    second = apply_edit(case, {"summary": {"old": "lama", "new": "Ringkasan"}}).case
    settled = run(second, resolve_op(conflict.id, "value", value="Judul baru")).case
    assert len(settled.conflicts) == 2 and len(settled.open_conflicts) == 1
    raw = json.loads(json.dumps(case_to_json(settled)))
    assert case_from_json(raw) == settled
    assert raw["conflicts"][0]["resolved_at"] == "2026-03-18T03:00:00+00:00"


def test_codec_reads_documents_without_conflicts() -> None:
    case = created()
    raw = case_to_json(case)
    assert raw["conflicts"] == []
    del raw["conflicts"]
    assert case_from_json(raw).conflicts == ()


def test_keeping_theirs_records_the_same_event_where_the_field_moved_on_since() -> None:
    """The PC resolves from what it holds; the server, where another office has edited the
    field again meanwhile, applies the same op: both write the one event every timeline
    shares (timeline events are never rewritten at pull, so they must agree at birth)."""
    on_pc, conflict = _conflicted()
    moved_on = run(
        on_pc,
        edit_op(LATER, {"title": {"old": "BPNT belum cair", "new": "BPNT Maret belum cair"}}),
    ).case
    assert moved_on.title == "BPNT Maret belum cair"
    op = resolve_op(conflict.id, "theirs", at=wib(2026, 3, 19, 9))
    here, there = run(on_pc, op), run(moved_on, op)
    assert [(e.id, e.kind, e.summary, e.data) for e in here.events] == [
        (e.id, e.kind, e.summary, e.data) for e in there.events
    ]
    (event,) = here.events
    assert event.data["value"] == conflict.theirs == "BPNT belum cair"
    # Keeping theirs changes no field: each side keeps what it holds.
    assert (here.case.title, there.case.title) == ("BPNT belum cair", "BPNT Maret belum cair")
