"""Scenario 15, scope change: a case disposed away while another PC of the old office still
holds unsent work on it. Its notes are accepted, its field edits become conflicts for the new
holder (nothing typed is lost), and the old office keeps a monitored, read-only copy (or, for
a confidential case, a read-only stub)."""

from __future__ import annotations

import pytest

from lapor_desktop.domain.errors import NotPermitted
from lapor_desktop.services.cases import NewCase
from tests.scenarios.cases import dispose_to, register, service
from tests.scenarios.fleet import Fleet, outbox_rows
from tests.scenarios.invariants import check_invariants

SECRET = NewCase(
    title="Dugaan pungli",
    text="Laporan dugaan pungutan liar di kantor desa.",
    channel="whatsapp",
    category="Bantuan Sosial",
    confidential=True,
)


def _states(rows: list[tuple[int, str, str, str]]) -> dict[str, str]:
    return {op_type: state for _seq, _op, op_type, state in rows}


def test_unsent_work_of_the_old_office_lands_as_notes_and_conflicts(fleet: Fleet) -> None:
    a, c, b = fleet.enroll("a", "ani"), fleet.enroll("c", "citra"), fleet.enroll("b", "budi")
    (case,) = register(a, 1, "Jalan rusak")
    a.sync()
    c.sync()
    service(c).note(case.id, "Warga menelepon lagi")  # unsent on Citra's PC…
    service(c).edit(case.id, {"title": "Jalan rusak parah", "summary": "Dua titik"})
    dispose_to(a, case.id, "DPU")  # …while Ani sends the case to DPU
    a.sync()

    report = c.sync()
    assert report.pending_after == 0 and report.rejected == 0
    assert _states(outbox_rows(c.ws)) == {"event.append": "merged", "case.edit": "conflict"}
    check_invariants(fleet.server, [a, c, b])
    held = service(b).find_case(case.id)
    assert held.holder_office == "DPU" and held.title == "Jalan rusak 0"
    assert sorted((x.field, x.ours) for x in held.open_conflicts) == [
        ("summary", "Dua titik"),
        ("title", "Jalan rusak parah"),
    ]
    notes = [e.summary for e in service(b).detail(case.id).timeline if e.kind == "note"]
    assert len(notes) == 1  # the note of an office that no longer holds the case, accepted
    monitored = service(c).detail(case.id)
    assert monitored.case.holder_office == "DPU" and not monitored.can_act
    with pytest.raises(NotPermitted):
        service(c).edit(case.id, {"title": "Lagi"})


def test_a_confidential_case_disposed_away_leaves_a_stub_and_the_unsent_work_kept(
    fleet: Fleet,
) -> None:
    a, c, b = fleet.enroll("a", "ani"), fleet.enroll("c", "citra"), fleet.enroll("b", "budi")
    case = service(a).register(SECRET)
    a.sync()
    c.sync()
    service(c).edit(case.id, {"summary": "Saksi dua orang"})
    dispose_to(a, case.id, "DPU")
    a.sync()
    report = c.sync()
    assert report.left_scope == 1 and report.pending_after == 0
    (state,) = _states(outbox_rows(c.ws)).values()
    assert state == "conflict"  # the edit is DPU's to decide, not lost
    check_invariants(fleet.server, [a, c, b])
    stub = service(c).detail(case.id)
    assert not stub.can_act
    with pytest.raises(NotPermitted, match="no longer visible"):
        service(c).note(case.id, "Masih di sini?")  # a stub is read-only, whatever it names
    (conflict,) = service(b).find_case(case.id).open_conflicts
    assert conflict.ours == "Saksi dua orang"


def test_a_case_entering_scope_brings_its_history(fleet: Fleet) -> None:
    a, b = fleet.enroll("a", "ani"), fleet.enroll("b", "budi")
    (case,) = register(a, 1)
    service(a).note(case.id, "Catatan sebelum disposisi")
    a.sync()
    dispose_to(a, case.id, "DPU")
    a.sync()
    b.sync()
    here = {e.id for e in service(a).detail(case.id).timeline}
    there = {e.id for e in service(b).detail(case.id).timeline}
    assert there == here
