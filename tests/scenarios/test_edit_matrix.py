"""Scenario 8, the concurrent-edit matrix over three offices (DINSOS and DPU on two PCs each,
DISDIK) and the coordinator at the centre: two actions from the same synced base, the first to
arrive wins, the second gets its expected outcome, and everyone converges (invariants).

    same field           -> conflict (server keeps the first value, both kept in the case)
    different fields     -> merged
    status vs status     -> rejected illegal_transition
    status vs edit       -> merged (an open status); rejected (the case was closed first)
    dispose vs edit      -> conflict (a former holder's edit is never lost)
    dispose vs dispose   -> rejected not_permitted (the case went to the first target only)
    resolve vs resolve   -> merged: the status stays the first's, the second's event is kept
    conflict resolutions -> the first wins; the later is merged: recorded, not applied
    already done         -> the same value, the same file: one change, both ops' events kept
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.services.cases import DispositionInput
from tests.scenarios.cases import dispose_to, register, service
from tests.scenarios.fleet import Client, Fleet
from tests.scenarios.invariants import check_invariants


@dataclass
class Cast:
    fleet: Fleet
    ani: Client  # DINSOS, the origin
    citra: Client  # DINSOS, a second PC
    budi: Client  # DPU
    eko: Client  # DPU, a second PC
    dewi: Client  # DISDIK
    koor: Client  # the coordinator (sees and may act on every case)

    @property
    def everyone(self) -> list[Client]:
        return [self.ani, self.citra, self.budi, self.eko, self.dewi, self.koor]

    def sync_all(self) -> None:
        for client in self.everyone:
            client.sync()

    def check(self) -> None:
        check_invariants(self.fleet.server, self.everyone)


@pytest.fixture
def cast(fleet: Fleet) -> Iterator[Cast]:
    yield Cast(
        fleet,
        *(fleet.enroll(name, name) for name in ("ani", "citra", "budi", "eko", "dewi", "koor")),
    )


def _last_result(client: Client) -> tuple[str, str | None]:
    with closing(sqlite3.connect(client.ws.paths.database)) as con:
        state, result = con.execute(
            "SELECT state, result FROM outbox ORDER BY device_seq DESC LIMIT 1"
        ).fetchone()
    return str(state), json.loads(result).get("code")


def _at_dpu(cast: Cast) -> Case:
    (case,) = register(cast.ani, 1, "Jalan rusak")
    dispose_to(cast.ani, case.id, "DPU")
    cast.sync_all()
    cast.sync_all()
    return case


def _awaiting_reporter(cast: Cast) -> Case:
    (case,) = register(cast.ani, 1, "Bantuan PKH")
    ani = service(cast.ani)
    ani.dispose(case.id, DispositionInput(to_unit="Bidang Linjamsos"))
    ani.follow_up(case.id, "Verifikasi data")
    ani.answer(case.id, "Bantuan akan cair bulan depan")
    cast.sync_all()
    return case


def _race(first: Client, second: Client) -> tuple[str, str | None]:
    first.sync()
    second.sync()
    return _last_result(second)


def test_same_field(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).edit(case.id, {"title": "Judul Budi"})
    service(cast.eko).edit(case.id, {"title": "Judul Eko"})
    assert _race(cast.budi, cast.eko) == ("conflict", None)
    cast.check()
    for client in (cast.budi, cast.eko, cast.ani, cast.koor):  # it travels with the case
        shown = service(client).find_case(case.id)
        assert shown.title == "Judul Budi"
        assert [(c.field, c.ours) for c in shown.open_conflicts] == [("title", "Judul Eko")]


def test_different_fields(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).edit(case.id, {"title": "Judul DPU"})
    service(cast.eko).edit(case.id, {"summary": "Ringkasan Eko"})
    assert _race(cast.budi, cast.eko) == ("merged", None)
    cast.check()
    shown = service(cast.ani).find_case(case.id)
    assert (shown.title, shown.summary) == ("Judul DPU", "Ringkasan Eko")
    assert not shown.conflicts


def test_status_vs_status(cast: Cast) -> None:
    case = _awaiting_reporter(cast)
    service(cast.ani).resolve(case.id, "Sudah cair")
    service(cast.koor).cancel(case.id, "Laporan ganda")
    assert _race(cast.ani, cast.koor) == ("rejected", "illegal_transition")
    cast.check()
    assert service(cast.koor).find_case(case.id).status is CaseStatus.RESOLVED


def test_status_vs_edit(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).follow_up(case.id, "Survei lokasi")  # DISPOSED -> IN_PROGRESS
    service(cast.eko).edit(case.id, {"summary": "Ringkasan Eko"})
    assert _race(cast.budi, cast.eko) == ("merged", None)
    cast.check()
    shown = service(cast.ani).find_case(case.id)
    assert (shown.status, shown.summary) == (CaseStatus.IN_PROGRESS, "Ringkasan Eko")


def test_closing_vs_edit(cast: Cast) -> None:
    case = _awaiting_reporter(cast)
    service(cast.ani).resolve(case.id, "Sudah cair")
    service(cast.citra).edit(case.id, {"summary": "Ringkasan Citra"})
    # A closed case takes no edit: refused, listed for Citra, her text kept in the outbox.
    assert _race(cast.ani, cast.citra) == ("rejected", "illegal_transition")
    cast.check()
    shown = service(cast.koor).find_case(case.id)
    assert (shown.status, shown.summary) == (CaseStatus.RESOLVED, "")


def test_dispose_vs_edit(cast: Cast) -> None:
    (case,) = register(cast.ani, 1, "Jalan rusak")
    cast.sync_all()
    dispose_to(cast.ani, case.id, "DPU")
    service(cast.citra).edit(case.id, {"title": "Judul Citra"})  # offline, old base
    assert _race(cast.ani, cast.citra) == ("conflict", None)
    cast.check()
    held = service(cast.budi).find_case(case.id)  # the new holder decides
    assert held.holder_office == "DPU" and held.title == "Jalan rusak 0"
    assert [(c.field, c.ours) for c in held.open_conflicts] == [("title", "Judul Citra")]


def test_dispose_vs_dispose(cast: Cast) -> None:
    (case,) = register(cast.ani, 1, "Jalan rusak")
    cast.sync_all()
    dispose_to(cast.ani, case.id, "DPU")
    dispose_to(cast.citra, case.id, "DISDIK")
    assert _race(cast.ani, cast.citra) == ("rejected", "not_permitted")
    cast.check()
    assert service(cast.citra).find_case(case.id).holder_office == "DPU"
    assert service(cast.budi).find_case(case.id).holder_office == "DPU"
    with pytest.raises(Exception, match="no case"):
        service(cast.dewi).find_case(case.id)  # DISDIK never got it


def test_resolve_vs_resolve(cast: Cast) -> None:
    case = _awaiting_reporter(cast)
    service(cast.ani).resolve(case.id, "Sudah cair")
    service(cast.citra).resolve(case.id, "Sudah cair juga")
    # Citra's move was already made: the status and its reason stay Ani's (the first wins), and
    # her record is merged into the timeline.
    assert _race(cast.ani, cast.citra) == ("merged", None)
    cast.check()
    for client in (cast.ani, cast.citra, cast.koor):  # the offices that see the case
        shown = service(client).find_case(case.id)
        assert shown.status is CaseStatus.RESOLVED and shown.status_reason == "Sudah cair"


def test_a_second_resolution_leaves_no_timeline_entry_only_on_the_pc_that_made_it(
    cast: Cast,
) -> None:
    case = _awaiting_reporter(cast)
    service(cast.ani).resolve(case.id, "Sudah cair")
    service(cast.citra).resolve(case.id, "Sudah cair juga")
    _race(cast.ani, cast.citra)
    cast.sync_all()
    timelines = {
        client.name: sorted(e.id for e in service(client).detail(case.id).timeline)
        for client in (cast.ani, cast.citra, cast.koor)
    }
    assert timelines["citra"] == timelines["ani"] == timelines["koor"]
    # Citra's reason reaches every office, in the event her PC wrote.
    for client in (cast.ani, cast.koor):
        reasons = [e.data.get("reason") for e in service(client).detail(case.id).timeline]
        assert "Sudah cair juga" in reasons


def test_conflict_resolutions_first_wins(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).edit(case.id, {"title": "Judul Budi"})
    service(cast.eko).edit(case.id, {"title": "Judul Eko"})
    _race(cast.budi, cast.eko)
    cast.sync_all()
    (conflict,) = service(cast.budi).find_case(case.id).open_conflicts
    service(cast.budi).resolve_conflict(case.id, conflict.id, "ours")  # take Eko's edit
    service(cast.eko).resolve_conflict(case.id, conflict.id, "theirs")  # keep Budi's
    first = cast.budi.sync()
    second = cast.eko.sync()
    assert first.applied == 1 and second.merged == 1  # recorded, not applied
    cast.check()
    shown = service(cast.ani).find_case(case.id)
    assert shown.title == "Judul Eko" and not shown.open_conflicts
    (settled,) = shown.conflicts
    assert settled.resolution == "ours" and settled.resolved_office == "DPU"


# ------------------------------------------------- ops the server finds already done
# The PC that made such an op wrote its timeline event locally; the server must keep that
# very event (same id, same words), or that PC's timeline differs from every other office's.


def _timeline(client: Client, case_id: str) -> list[tuple[str, str, str, str]]:
    return sorted(
        (e.id, e.kind, e.summary, json.dumps(e.data, sort_keys=True))
        for e in service(client).detail(case_id).timeline
    )


def _same_timelines(case_id: str, clients: list[Client]) -> list[tuple[str, str, str, str]]:
    first, *others = (_timeline(client, case_id) for client in clients)
    for client, timeline in zip(clients[1:], others, strict=True):
        assert timeline == first, f"{client.name}: {set(timeline) ^ set(first)}"
    return first


def _by_op(client: Client) -> str:
    with closing(sqlite3.connect(client.ws.paths.database)) as con:
        (op_id,) = con.execute("SELECT op_id FROM outbox ORDER BY device_seq DESC").fetchone()
    return str(op_id)


def test_a_second_resolution_is_on_every_timeline_and_the_first_one_stands(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).edit(case.id, {"title": "Judul Budi"})
    service(cast.eko).edit(case.id, {"title": "Judul Eko"})
    _race(cast.budi, cast.eko)
    cast.sync_all()
    (conflict,) = service(cast.budi).find_case(case.id).open_conflicts
    service(cast.budi).resolve_conflict(case.id, conflict.id, "ours")  # take Eko's edit
    service(cast.eko).resolve_conflict(case.id, conflict.id, "theirs")  # keep Budi's
    # Eko's choice came second: recorded, not applied.
    assert _race(cast.budi, cast.eko) == ("merged", None)
    late = _by_op(cast.eko)
    cast.check()
    timeline = _same_timelines(case.id, [cast.budi, cast.eko, cast.ani, cast.koor])
    shown = service(cast.ani).detail(case.id)
    eko = [e for e in shown.timeline if e.op_id == late]
    # The event Eko's PC wrote (her choice), and the reason it changed nothing.
    assert {e.kind for e in eko} == {"conflict_resolved", "conflict_resolve_late"}
    assert [e.data["choice"] for e in eko if e.kind == "conflict_resolved"] == ["theirs"]
    (note,) = (e for e in eko if e.kind == "conflict_resolve_late")
    assert note.data["resolution"] == "ours" and note.data["resolved_office"] == "DPU"
    assert len(timeline) == len({row[0] for row in timeline})
    # The first resolution stands everywhere.
    for client in (cast.budi, cast.eko, cast.ani, cast.koor):
        found = service(client).find_case(case.id)
        assert found.title == "Judul Eko" and not found.open_conflicts
        (settled,) = found.conflicts
        assert (settled.resolution, settled.resolved_by) == ("ours", "Budi")


def test_the_same_value_set_by_two_offices_is_one_change_and_two_records(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).edit(case.id, {"title": "Judul Sama"})
    service(cast.eko).edit(case.id, {"title": "Judul Sama"})
    assert _race(cast.budi, cast.eko) == ("merged", None)
    cast.check()
    _same_timelines(case.id, [cast.budi, cast.eko, cast.ani, cast.koor])
    edits = [e for e in service(cast.ani).detail(case.id).timeline if e.kind == "edited"]
    assert sorted(e.actor for e in edits) == ["Budi", "Eko"]
    shown = service(cast.ani).find_case(case.id)
    assert shown.title == "Judul Sama" and not shown.conflicts


def test_an_edit_partly_made_already_reads_the_same_everywhere(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).edit(case.id, {"title": "Judul Sama"})
    service(cast.eko).edit(case.id, {"title": "Judul Sama", "summary": "Ringkasan Eko"})
    assert _race(cast.budi, cast.eko) == ("merged", None)
    cast.check()
    _same_timelines(case.id, [cast.budi, cast.eko, cast.ani, cast.koor])
    shown = service(cast.ani).find_case(case.id)
    assert (shown.title, shown.summary) == ("Judul Sama", "Ringkasan Eko")


def test_an_edit_that_became_a_conflict_reads_the_same_everywhere(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).edit(case.id, {"title": "Judul Budi"})
    service(cast.eko).edit(case.id, {"title": "Judul Eko"})
    assert _race(cast.budi, cast.eko) == ("conflict", None)
    cast.check()
    _same_timelines(case.id, [cast.budi, cast.eko, cast.ani, cast.koor])


def test_the_same_file_attached_by_two_offices_is_one_attachment_and_two_records(
    cast: Cast, tmp_path: Path
) -> None:
    case = _at_dpu(cast)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8 the same photo, sent by two PCs " * 100)
    copy = tmp_path / "foto-jalan.jpg"
    copy.write_bytes(photo.read_bytes())
    service(cast.budi).attach(case.id, photo)
    service(cast.eko).attach(case.id, copy)
    assert _race(cast.budi, cast.eko) == ("merged", None)
    cast.check()
    _same_timelines(case.id, [cast.budi, cast.eko, cast.ani, cast.koor])
    shown = service(cast.ani).find_case(case.id)
    assert [a.name for a in shown.attachments] == ["foto.jpg"]  # the first one stays
    names = [
        e.data["name"] for e in service(cast.ani).detail(case.id).timeline if e.kind == "attachment"
    ]
    assert sorted(names) == ["foto-jalan.jpg", "foto.jpg"]


def test_two_follow_ups_from_one_view_read_the_same_everywhere(cast: Cast) -> None:
    case = _at_dpu(cast)
    service(cast.budi).follow_up(case.id, "Survei lokasi")  # DISPOSED -> IN_PROGRESS
    service(cast.eko).follow_up(case.id, "Koordinasi dengan desa")  # saw DISPOSED too
    assert _race(cast.budi, cast.eko) == ("merged", None)
    cast.check()
    _same_timelines(case.id, [cast.budi, cast.eko, cast.ani, cast.koor])
    shown = service(cast.ani).find_case(case.id)
    assert shown.status is CaseStatus.IN_PROGRESS and len(shown.follow_ups) == 2
