"""Scenario 18, sneakernet: an office without a link exports its pending outbox to a file, the
server admin imports it elsewhere, other PCs see the work; later the office's own PC syncs
online and nothing is duplicated (the server answers the ops with the results it stored at
the import). Both commands run as real subprocesses against the live server's database; the
file is sealed to the server's key (the last test reads what a finder of the stick sees).
The refusals of both commands are tests/scenarios/test_sneakernet_refusals.py.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from lapor_desktop.domain.case import Reporter
from server.outbox_import import import_outbox
from server.settings import ServerSettings
from sync import outbox_seal
from sync.protocol import Limits
from tests.scenarios.cases import dispose_to, new_case, register, service
from tests.scenarios.fleet import Client, Fleet, outbox_rows
from tests.scenarios.invariants import check_invariants
from tests.scenarios.outbox_files import export, import_file, members, server_state
from tests.sync.cli_support import desktop


def _photo(tmp_path: Path, seed: int = 18) -> Path:
    path = tmp_path / "foto-jalan.jpg"
    path.write_bytes(random.Random(seed).randbytes(700_000))  # two chunks of the upload
    return path


def _day_offline(client: Client, tmp_path: Path) -> tuple[str, str, bytes]:
    """Two cases, a note, an edit and a photo on the first; the second disposed to DPU."""
    first, second = register(client, 2, title="Jalan rusak")
    work = service(client)
    work.note(first.id, "Warga mengirim foto lewat WhatsApp")
    work.edit(first.id, {"title": "Jalan rusak di Desa Kolor"})
    photo = _photo(tmp_path)
    work.attach(first.id, photo)
    dispose_to(client, second.id, "DPU")
    return first.id, second.id, photo.read_bytes()


def _online_sync(client: Client) -> dict[str, int]:
    """The PC's own `lapor-desktop sync`, as the operator runs it."""
    done = desktop("--json", "sync", data_dir=client.ws.paths.data_dir)
    client.record()
    assert done.returncode == 0, done.describe()
    summary: dict[str, int] = done.json()
    return summary


def test_an_imported_outbox_reaches_other_offices_and_the_pcs_own_sync_duplicates_nothing(
    fleet: Fleet, tmp_path: Path
) -> None:
    a, c, b = fleet.enroll("a", "ani"), fleet.enroll("c", "citra"), fleet.enroll("b", "budi")
    first, second, photo = _day_offline(a, tmp_path)
    before = outbox_rows(a.ws)
    assert {state for *_, state in before} == {"pending"}

    usb = tmp_path / "usb" / "lapor-DINSOS.zip"
    usb.parent.mkdir()
    exported = export(a, usb)
    assert exported.returncode == 0, exported.describe()
    info = exported.json()
    assert (info["ops"], info["blobs"], info["office"]) == (len(before), 1, "DINSOS")
    assert (info["first_device_seq"], info["last_device_seq"]) == (before[0][0], before[-1][0])
    assert outbox_rows(a.ws) == before  # still pending: only the PC's own sync acks them
    assert [f.name for f in usb.parent.iterdir()] == [usb.name]  # no temp file left

    imported = import_file(fleet.server, usb)
    assert imported.returncode == 0, imported.describe()
    counts = imported.json()
    assert counts["applied"] + counts["merged"] == len(before), counts
    assert (counts["replayed"], counts["rejected"], counts["conflict"]) == (0, 0, 0)
    assert (counts["blobs_stored"], counts["blobs_present"]) == (1, 0)

    # Another PC of the office and the office the case went to see the day's work.
    c.sync()
    seen = service(c).detail(first)
    assert seen.case.title == "Jalan rusak di Desa Kolor"
    assert any("WhatsApp" in e.summary or "WhatsApp" in str(e.data) for e in seen.timeline)
    assert [att.sha256 for att in seen.case.attachments]
    assert c.ws.blobs.read(seen.case.attachments[0].sha256) == photo
    b.sync()
    assert service(b).detail(second).case.holder_office == "DPU"

    # The same file again: every op answered with its stored result, nothing doubled.
    after_import = server_state(fleet.server)
    again = import_file(fleet.server, usb)
    assert again.returncode == 0, again.describe()
    assert again.json()["replayed"] == len(before)
    assert again.json()["applied"] == again.json()["blobs_stored"] == 0
    assert server_state(fleet.server) == after_import

    # The office PC syncs online: the stored results come back, nothing is applied again.
    summary = _online_sync(a)
    assert (summary["sent"], summary["applied"], summary["pending"]) == (
        len(before),
        len(before),
        0,
    )
    # The photo is on the server already: its first chunk is answered "complete" (409), so
    # the PC marks it uploaded and no second copy is stored.
    assert summary["blobs"] == 1
    assert {state for *_, state in outbox_rows(a.ws)} == {"applied"}
    moved = server_state(fleet.server)
    assert moved["processed_op"] == after_import["processed_op"]
    assert (moved['"case"'], moved["case_event"]) == (
        after_import['"case"'],
        after_import["case_event"],
    )
    assert moved["blob_files"] == after_import["blob_files"]
    check_invariants(fleet.server, [a, b, c])


def test_work_done_after_the_export_is_applied_by_the_online_sync_after_the_replays(
    fleet: Fleet, tmp_path: Path
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    first, _second, _photo_bytes = _day_offline(a, tmp_path)
    exported_ops = len(outbox_rows(a.ws))
    usb = tmp_path / "outbox.zip"
    assert export(a, usb).returncode == 0

    # The PC goes on working while the file travels.
    service(a).note(first, "Petugas sudah meninjau lokasi")
    (late,) = register(a, 1, title="Lampu jalan mati")
    total = len(outbox_rows(a.ws))
    assert total > exported_ops

    imported = import_file(fleet.server, usb)
    assert imported.returncode == 0, imported.describe()
    assert imported.json()["ops"] == exported_ops

    summary = _online_sync(a)
    assert (summary["sent"], summary["pending"]) == (total, 0)
    assert summary["applied"] == total  # the replays' stored results, then the new ops
    assert {state for *_, state in outbox_rows(a.ws)} == {"applied"}
    c.sync()
    assert service(c).detail(late.id).case.title == "Lampu jalan mati 0"
    check_invariants(fleet.server, [a, c])


def test_an_export_after_a_partial_online_sync_carries_only_what_is_still_pending(
    fleet: Fleet, tmp_path: Path
) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 2, title="Sudah terkirim")
    a.sync()
    (left,) = register(a, 1, title="Belum terkirim")
    service(a).note(left.id, "Catatan offline")
    pending = [row for row in outbox_rows(a.ws) if row[3] == "pending"]
    usb = tmp_path / "outbox.zip"
    exported = export(a, usb)
    assert exported.returncode == 0, exported.describe()
    assert exported.json()["ops"] == len(pending) == 2
    assert exported.json()["first_device_seq"] == pending[0][0]
    imported = import_file(fleet.server, usb)
    assert imported.returncode == 0, imported.describe()
    assert imported.json()["applied"] == 2
    assert _online_sync(a)["applied"] == 2
    check_invariants(fleet.server, [a])


def test_a_file_without_its_photo_applies_up_to_the_attachment_and_the_sync_does_the_rest(
    fleet: Fleet, tmp_path: Path
) -> None:
    """The photo's bytes are missing on the PC at export (left out, with a warning): the import
    applies the ops before its attachment, that one waits (deferred: exit 1) and so do the ops
    after it; once the file is back, the PC's sync replays the first and applies the rest."""
    a = fleet.enroll("a", "ani")
    first, _second, _photo_bytes = _day_offline(a, tmp_path)
    rows = outbox_rows(a.ws)
    attach_at = next(i for i, row in enumerate(rows) if row[2] == "attachment.add")
    (sha,) = {att.sha256 for att in service(a).detail(first).case.attachments}
    stored = a.ws.blobs.path_for(sha)
    stored.rename(stored.with_suffix(".away"))
    usb = tmp_path / "outbox.zip"
    exported = export(a, usb)
    assert exported.returncode == 0, exported.describe()
    assert (exported.json()["blobs"], exported.json()["missing_blobs"]) == (0, [sha])

    imported = import_file(fleet.server, usb)
    assert imported.returncode == 1, imported.describe()
    counts = imported.json()
    assert (counts["applied"], counts["deferred"]) == (attach_at, 1)
    assert counts["waiting"] == len(rows) - attach_at - 1
    assert counts["attention"][0]["code"] == "blob_incomplete"

    stored.with_suffix(".away").rename(stored)
    summary = _online_sync(a)
    assert (summary["sent"], summary["applied"], summary["pending"]) == (len(rows),) * 2 + (0,)
    check_invariants(fleet.server, [a])


def test_a_file_larger_than_one_push_is_applied_in_batches_each_through_the_push(
    fleet: Fleet, tmp_path: Path
) -> None:
    """Import in this process with a server that takes 2 ops per push: five batches, the
    answers of every one counted; the second import replays them all."""
    a = fleet.enroll("a", "ani")
    register(a, 3, title="Banyak")
    rows = outbox_rows(a.ws)
    usb = tmp_path / "outbox.zip"
    assert export(a, usb).returncode == 0
    server = fleet.server
    settings = ServerSettings(
        db_url=server.db_url, data_dir=server.data_dir, limits=Limits(max_ops=2)
    )
    first = import_outbox(server.engine, settings, usb)
    assert (first.ops, first.applied, first.waiting) == (len(rows), len(rows), 0)
    again = import_outbox(server.engine, settings, usb)
    assert (again.applied, again.replayed) == (0, len(rows))
    assert _online_sync(a)["applied"] == len(rows)
    check_invariants(fleet.server, [a])


def test_the_file_on_the_stick_shows_no_reporter_no_op_and_no_photo(
    fleet: Fleet, tmp_path: Path
) -> None:
    """What a finder of the stick reads: the seal's header and ciphertext. The same file opened
    with the server's key holds the reporter, so the search below looks for what is there."""
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    reporter = Reporter(
        name="Siti Aminah Rahayu",
        nik="3529014505870003",
        phone="081234567890",
        address="Jl. Trunojoyo 12, Sumenep",
    )
    case = service(a).register(replace(new_case("Bantuan sosial belum cair"), reporter=reporter))
    photo = _photo(tmp_path)
    service(a).attach(case.id, photo)
    usb = tmp_path / "outbox.zip"
    assert export(a, usb).returncode == 0
    sealed = usb.read_bytes()
    assert sealed.startswith(outbox_seal.MAGIC)
    inside = members(fleet.server, usb)
    secrets = [reporter.name, reporter.nik, reporter.phone, reporter.address]
    for secret in secrets:
        assert secret is not None and secret.encode() in inside["ops.json"]
    clear = [s.encode() for s in secrets if s] + [b'"op_id"', b"ops.json", b"manifest.json"]
    clear += [b"PK\x03\x04", photo.read_bytes()[1000:1064]]  # a zip, a stored photo
    for needle in clear:
        assert needle not in sealed, needle

    assert import_file(fleet.server, usb).returncode == 0
    c.sync()
    assert service(c).detail(case.id).case.reporter == reporter
    check_invariants(fleet.server, [a, c])
