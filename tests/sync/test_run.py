"""A full run against the real server: offline work arrives once, is never resent, reaches the
office it was disposed to, and a pull never hides a local edit that is still waiting."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.errors import NotPermitted
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace
from sync.engine import SyncProgress
from sync.state import sync_status
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, sync
from tests.sync.server_view import (
    blob_state,
    duplicate_events,
    processed_ops,
    server_case,
    server_counts,
)


def new_case(title: str = "Jalan berlubang di Desa Kolor") -> NewCase:
    return NewCase(
        title=title,
        text="Jalan di depan balai desa berlubang sejak bulan lalu.",
        channel="whatsapp",
        category="Transportasi",
    )


def outbox_states(ws: Workspace) -> dict[str, str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return dict(con.execute("SELECT op_id, state FROM outbox"))


def test_offline_work_reaches_the_server_exactly_once(
    desk: Desk, offices: LiveServer, tmp_path: Path
) -> None:
    ws = desk("a", "ani")
    service = CaseService(ws)
    photo = tmp_path / "foto-jalan.jpg"
    photo.write_bytes(random.Random(7).randbytes(1_300_000))  # three chunks of 512 KiB
    note = tmp_path / "catatan.txt"
    note.write_text("Lokasi: depan balai desa.", encoding="utf-8")
    cases = [service.register(new_case(f"Kasus {i}")) for i in range(3)]
    service.attach(cases[0].id, photo)
    service.attach(cases[1].id, note)
    service.dispose(cases[2].id, DispositionInput(to_unit="Bidang Linjamsos"))
    service.note(cases[2].id, "Sudah dikoordinasikan.")
    local_ops = outbox_states(ws)
    assert len(local_ops) == 7 and set(local_ops.values()) == {"pending"}
    assert not sync_status(ws).synced

    report = sync(ws, offices.base_url)

    assert report.sent == 7 and report.applied == 7
    assert report.conflicts == report.rejected == report.deferred == 0
    assert report.blobs_uploaded == 2
    on_server = processed_ops(offices)
    assert on_server == dict.fromkeys(local_ops, 1)
    assert set(outbox_states(ws).values()) == {"applied"}
    assert server_case(offices, cases[2].id)["status"] == "DISPOSED"
    assert blob_state(offices, hashlib.sha256(photo.read_bytes()).hexdigest()) == "complete"
    status = sync_status(ws)
    assert status.synced and status.pending == 0 and status.last_ok_at is not None
    assert status.last_error is None

    counts = server_counts(offices)
    again = sync(ws, offices.base_url)
    assert again.sent == 0 and again.applied == 0 and again.blobs_uploaded == 0
    assert server_counts(offices) == counts
    assert duplicate_events(offices) == 0
    assert again.verified and again.repaired_buckets == []


def test_a_disposed_case_reaches_the_other_office_which_takes_it_over(
    desk: Desk, offices: LiveServer, tmp_path: Path
) -> None:
    a, b = desk("a", "ani"), desk("b", "budi")
    case = CaseService(a).register(new_case())
    photo = tmp_path / "jalan.jpg"
    photo.write_bytes(random.Random(5).randbytes(600_000))
    CaseService(a).attach(case.id, photo)
    CaseService(a).dispose(case.id, DispositionInput(to_office="DPU", note="Kewenangan DPU"))
    sync(a, offices.base_url)

    received = sync(b, offices.base_url)
    assert received.received >= 1 and received.blobs_downloaded == 1
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert b.blobs.read(sha) == photo.read_bytes()  # the file came along, hash-checked
    seen = CaseService(b).detail(case.id)
    assert seen.case.holder_office == "DPU" and seen.can_act
    assert seen.case.register_no == case.register_no
    # The disposition event at least; the earlier history of a case that enters an office's
    # scope depends on the server sending it (reported to the lead).
    assert "disposed" in [e.kind for e in seen.timeline]

    CaseService(b).follow_up(case.id, "Tim survei dijadwalkan Kamis.")
    sync(b, offices.base_url)
    sync(a, offices.base_url)
    monitored = CaseService(a).detail(case.id)
    assert monitored.case.status is CaseStatus.IN_PROGRESS
    assert not monitored.can_act  # the sender keeps a read-only, monitored copy
    with pytest.raises(NotPermitted):
        CaseService(a).follow_up(case.id, "Kami yang tindak lanjuti")


def test_a_pull_does_not_hide_a_local_edit_still_waiting(desk: Desk, offices: LiveServer) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")  # two PCs of one office
    case = CaseService(a).register(new_case("Judul awal"))
    sync(a, offices.base_url)
    sync(c, offices.base_url)
    CaseService(c).edit(case.id, {"summary": "Ringkasan dari PC Citra"})
    sync(c, offices.base_url)

    def edit_while_pulling(event: SyncProgress) -> None:
        # An edit made on A during the run, after its push: it is pending during the pull.
        if event.phase == "pull" and event.done == 0:
            CaseService(a).edit(case.id, {"title": "Judul dari PC Ani"})

    report = sync(a, offices.base_url, progress=edit_while_pulling)
    assert report.received >= 1 and report.pending_after == 1
    shown = CaseService(a).find_case(case.id)
    assert shown.title == "Judul dari PC Ani"  # the pending local edit stays shown
    assert shown.summary == "Ringkasan dari PC Citra"  # the server's change is taken

    sync(a, offices.base_url)
    on_server = server_case(offices, case.id)
    assert (on_server["title"], on_server["summary"]) == (
        "Judul dari PC Ani",
        "Ringkasan dari PC Citra",
    )
    sync(c, offices.base_url)
    assert CaseService(c).find_case(case.id).title == "Judul dari PC Ani"
    assert sync_status(a).synced and sync_status(c).synced


def test_acks_go_by_op_id_so_an_op_made_during_the_push_stays_pending(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    service = CaseService(ws)
    case = service.register(new_case())
    made: list[str] = []
    seen_after_ack: list[str] = []

    def during_push(event: SyncProgress) -> None:
        if event.phase != "push":
            return
        if event.done == 0 and event.bytes_done == 0 and not made:
            # The batch is read and on its way: this op is not in it.
            before = set(outbox_states(ws))
            service.note(case.id, "Dicatat saat sinkronisasi berjalan")
            made.extend(set(outbox_states(ws)) - before)
        elif made and not seen_after_ack:
            seen_after_ack.append(outbox_states(ws)[made[0]])

    report = sync(ws, offices.base_url, progress=during_push, start_batch=10)
    assert seen_after_ack == ["pending"]  # the first ack did not touch it
    assert report.sent == 2  # it went in the next batch of the same run
    assert processed_ops(offices)[made[0]] == 1
    assert set(outbox_states(ws).values()) == {"applied"}


def test_two_pcs_changing_one_field_end_in_a_conflict_both_see(
    desk: Desk, offices: LiveServer
) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")
    case = CaseService(a).register(new_case("Judul awal"))
    sync(a, offices.base_url)
    sync(c, offices.base_url)
    CaseService(a).edit(case.id, {"title": "Judul dari PC Ani"})
    CaseService(c).edit(case.id, {"title": "Judul dari PC Citra"})
    sync(a, offices.base_url)

    report = sync(c, offices.base_url)
    assert report.conflicts == 1 and report.pending_after == 0
    status = sync_status(c)
    assert status.conflicts_open == 1 and status.synced  # nothing pending; a person decides
    shown = CaseService(c).find_case(case.id)
    assert shown.title == "Judul dari PC Ani"  # the server kept its value…
    (conflict,) = shown.open_conflicts
    assert (conflict.field, conflict.ours) == ("title", "Judul dari PC Citra")  # …and ours
    assert set(outbox_states(c).values()) == {"conflict"}  # its only op: kept, answered

    sync(a, offices.base_url)
    assert sync_status(a).conflicts_open == 1  # the conflict travels with the case
