"""`backup` writes the whole data dir into one archive; `restore` brings it back on another PC.

PC A has cases with attachments, an issued letter and a letterhead logo; its backup goes to a
"USB stick" folder and is restored into a data dir on PC B that does not exist yet.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import stat
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.office_admin import OfficeAdmin, logo_path
from lapor_desktop.services.workspace import open_workspace
from lapor_desktop.storage.blobs import BlobStore
from tests.cli.cli_support import (
    add_case,
    check_usage_error,
    copy_data_dir,
    db_snapshot,
    ok,
    ok_json,
    run,
)
from ui.attachment_files import copy_out

NOW = "2026-03-05T10:00+07:00"
OFFICE = (
    "--office-code", "DINSOS",
    "--office-name", "Dinas Sosial",
    "--regency", "Kabupaten Sumenep",
    "--unit-code", "435.207",
    "--address", "Jl. Trunojoyo No. 1",
    "--city", "Sumenep",
    "--head-name", "Drs. Achmad Dahlan, M.Si.",
    "--head-nip", "197003121995031002",
    "--head-rank", "Pembina Utama Muda (IV/c)",
    "--head-title", "KEPALA DINAS SOSIAL",
    "--unit", "Bidang Linjamsos",
)  # fmt: skip
REPORTER = ("--reporter-name", "Siti Aminah", "--reporter-phone", "081234567890")


def _clock() -> datetime:
    return datetime.fromisoformat(NOW).astimezone(UTC)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _png(path: Path) -> bytes:
    from PIL import Image

    Image.new("RGB", (60, 72), (20, 90, 40)).save(path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def pc_a(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """PC A's data dir, its backup on the stick, and what it holds (built once: subprocesses)."""
    root = tmp_path_factory.mktemp("pc-a")
    data = root / "data"
    ok("init", *OFFICE, data_dir=data, now=NOW)
    # The logo first: the letter below carries it in its letterhead.
    logo = _png(root / "Lambang Sumenep.png")
    workspace = open_workspace(AppPaths(data), _clock)
    try:
        OfficeAdmin(workspace).update(workspace.office, logo_source=root / "Lambang Sumenep.png")
    finally:
        workspace.close()
    first = add_case(data, *REPORTER, now=NOW)
    second = add_case(data, "--title", "Bansos PKH belum cair", now=NOW)
    photo = b"\xff\xd8\xff\xe0" + os.urandom(3 * 1024 * 1024)  # 3 MB: streamed, not read whole
    scan = b"%PDF-1.4 surat pengantar RT/RW\n" * 500
    files = {"foto jalan.jpg": photo, "Surat Pengantar.pdf": scan}
    for name, content in files.items():
        (root / name).write_bytes(content)
        ok_json("case", "attach", first["id"], root / name, data_dir=data, now=NOW)
    ok_json("case", "attach", second["id"], root / "foto jalan.jpg", data_dir=data, now=NOW)
    letter = ok_json(
        "letter", first["id"], "--kind", "tanda-terima", "-o", root / "tanda-terima.pdf",
        data_dir=data, now=NOW,
    )  # fmt: skip
    # A blob no row names (a crash between storing and committing): carried along too.
    stray = BlobStore(data / "blobs").put_bytes(b"sisa lampiran yang tidak tercatat")
    # What belongs to this PC only, not to the backup.
    (data / "window.ini").write_text("[MainWindow]\n")
    (data / "logs").mkdir(exist_ok=True)
    (data / "logs" / "lapor.log").write_text("log\n")
    (data / "opened").mkdir(exist_ok=True)
    (data / "opened" / "foto jalan.jpg").write_bytes(photo)

    stick = root / "usb"
    backup = stick / "lapor-2026-03-05.zip"
    saved = ok_json("backup", backup, data_dir=data, now=NOW)
    return {
        "root": root,
        "dir": data,
        "cases": [first, second],
        "files": files,
        "logo": logo,
        "letter": letter,
        "letter_pdf": (root / "tanda-terima.pdf").read_bytes(),
        "stray": stray.sha256,
        "backup": backup,
        "saved": saved,
    }


def test_the_archive_holds_database_blobs_and_office_files(pc_a: dict[str, Any]) -> None:
    backup: Path = pc_a["backup"]
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # no temp left
    letter_sha = _sha(pc_a["letter_pdf"])
    shas = {_sha(c) for c in pc_a["files"].values()} | {letter_sha, pc_a["stray"]}
    blob_names = {f"blobs/{s[:2]}/{s[2:4]}/{s}" for s in shas}
    with zipfile.ZipFile(backup) as archive:
        names = set(archive.namelist())
        assert names == {"manifest.json", "db/lapor.db", "office/logo.png", *blob_names}
        manifest = json.loads(archive.read("manifest.json"))
        for name in names - {"manifest.json"}:
            data = archive.read(name)
            assert manifest["members"][name] == {"sha256": _sha(data), "size": len(data)}
        for name in blob_names:
            assert archive.getinfo(name).compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("db/lapor.db").compress_type == zipfile.ZIP_DEFLATED
        assert archive.read("office/logo.png") == pc_a["logo"]
    assert manifest["format"] == "lapor-desktop-backup" and manifest["format_version"] == 1
    assert manifest["office_code"] == "DINSOS"
    assert manifest["created_at"] == "2026-03-05T03:00:00+00:00"
    assert manifest["app_version"]
    assert manifest["counts"] == {
        "cases": 2,
        "blobs": 4,
        "blobs_referenced": 3,
        "office_files": 1,
    }
    assert manifest["missing_blobs"] == manifest["damaged_blobs"] == []
    saved = pc_a["saved"]
    assert saved["bytes"] == backup.stat().st_size
    assert (saved["cases"], saved["blobs"], saved["office_files"]) == (2, 4, 1)
    assert saved["missing_blobs"] == []


def test_restore_on_another_pc_brings_attachments_letters_and_logo(
    pc_a: dict[str, Any], tmp_path: Path
) -> None:
    fresh = tmp_path / "pc-b" / "data"  # a new PC after the old disk died: nothing there yet
    restored = ok_json("restore", pc_a["backup"], data_dir=fresh, now=NOW, cwd=tmp_path)
    assert restored["kind"] == "archive"
    assert restored["previous"] is None
    assert (restored["blobs_added"], restored["office_files"]) == (4, 1)
    report = ok_json("db", "check", data_dir=fresh, now=NOW)
    assert report["ok"] is True and report["cases"] == 2

    workspace = open_workspace(AppPaths(fresh), _clock)
    try:
        for case in pc_a["cases"]:
            shown = ok_json("case", "show", case["id"], data_dir=fresh, now=NOW)
            for ref in shown["case"]["attachments"]:
                opened = copy_out(workspace, ref["sha256"], ref["name"])  # what the window does
                assert opened.read_bytes() == pc_a["files"][ref["name"]]
        logo = logo_path(workspace.paths, workspace.office)
        assert logo is not None and logo.read_bytes() == pc_a["logo"]
    finally:
        workspace.close()
    reprint = tmp_path / "reprint.pdf"
    ok("letter-reprint", pc_a["letter"]["id"], "-o", reprint, data_dir=fresh, now=NOW)
    assert reprint.read_bytes() == pc_a["letter_pdf"]
    # The PC's own files did not travel, and no staging folder stayed behind.
    assert sorted(p.name for p in fresh.iterdir() if not p.name.startswith("lapor.db")) == [
        "blobs",
        "office",
        "opened",
    ]


def test_restore_over_newer_data_keeps_the_old_database_and_its_blobs(
    pc_a: dict[str, Any], tmp_path: Path
) -> None:
    data = copy_data_dir(pc_a["dir"], tmp_path / "data")
    later = tmp_path / "kk.jpg"
    later.write_bytes(b"\xff\xd8\xff\xe0 kartu keluarga")
    ok_json("case", "attach", pc_a["cases"][1]["id"], later, data_dir=data, now=NOW)

    restored = ok_json("restore", pc_a["backup"], data_dir=data, now=NOW)
    kept = Path(restored["previous"])
    assert kept == data / "lapor.db.before-restore"
    assert restored["blobs_added"] == 0  # all four were there already
    assert restored["office_files_kept_aside"] == 0  # the same logo
    sha = _sha(later.read_bytes())
    assert (data / "blobs" / sha[:2] / sha[2:4] / sha).is_file()  # the kept database names it
    assert ok_json("db", "check", data_dir=data, now=NOW)["ok"] is True
    shown = ok_json("case", "show", pc_a["cases"][1]["id"], data_dir=data, now=NOW)
    assert [a["name"] for a in shown["case"]["attachments"]] == ["foto jalan.jpg"]


def test_a_bare_db_backup_of_earlier_versions_still_restores(
    pc_a: dict[str, Any], tmp_path: Path
) -> None:
    old_backup = tmp_path / "lapor-2026-02-01.db"
    # What `backup` wrote before archives: SQLite's online backup of lapor.db, nothing else.
    with (
        closing(sqlite3.connect(pc_a["dir"] / "lapor.db")) as source,
        closing(sqlite3.connect(old_backup)) as dest,
    ):
        source.backup(dest)
    fresh = tmp_path / "data"
    restored = ok_json("restore", old_backup, data_dir=fresh, now=NOW)
    assert (restored["kind"], restored["previous"], restored["blobs_added"]) == (
        "database",
        None,
        0,
    )
    report = ok_json("db", "check", data_dir=fresh, now=NOW)
    assert report["ok"] is True and report["cases"] == 2
    assert not (fresh / "lapor.db.restoring").exists()
    text = ok("restore", old_backup, data_dir=fresh, now=NOW).stdout
    assert "hanya basis data" in text and "lapor.db.before-restore" in text


def test_a_damaged_blob_on_disk_is_left_out_with_a_warning(
    pc_a: dict[str, Any], tmp_path: Path
) -> None:
    data = copy_data_dir(pc_a["dir"], tmp_path / "data")
    sha = _sha(pc_a["files"]["Surat Pengantar.pdf"])
    blob = data / "blobs" / sha[:2] / sha[2:4] / sha
    damaged = bytearray(blob.read_bytes())
    damaged[100] ^= 0xFF
    blob.write_bytes(bytes(damaged))
    backup = tmp_path / "usb" / "rusak.zip"
    result = ok("backup", backup, "--json", data_dir=data, now=NOW)
    assert result.json()["damaged_blobs"] == [sha]
    assert "1 berkas lampiran/surat hilang atau rusak" in result.stderr
    with zipfile.ZipFile(backup) as archive:
        assert f"blobs/{sha[:2]}/{sha[2:4]}/{sha}" not in archive.namelist()
        assert json.loads(archive.read("manifest.json"))["damaged_blobs"] == [sha]
    # It still restores: everything else comes back.
    fresh = tmp_path / "pc-b"
    assert ok_json("restore", backup, data_dir=fresh, now=NOW)["blobs_added"] == 3


# --------------------------------------------------------------------- refused archives


def _rezip(
    good: Path,
    target: Path,
    change: Callable[[str, bytes], tuple[str, bytes] | None] = lambda n, d: (n, d),
    extra: tuple[tuple[zipfile.ZipInfo | str, bytes], ...] = (),
    manifest: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """A copy of `good` with members changed (None drops one) and `extra` ones added."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json" and manifest is not None:
                decoded = json.loads(data)
                manifest(decoded)
                data = json.dumps(decoded).encode()
            changed = change(info.filename, data)
            if changed is not None:
                out.writestr(changed[0], changed[1])
        for name, data in extra:
            out.writestr(name, data)


def _photo_member(pc_a: dict[str, Any]) -> str:
    sha = _sha(pc_a["files"]["foto jalan.jpg"])
    return f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"


def _flip_byte_in_photo(pc_a: dict[str, Any], target: Path) -> None:
    raw = bytearray(pc_a["backup"].read_bytes())
    with zipfile.ZipFile(pc_a["backup"]) as archive:
        info = archive.getinfo(_photo_member(pc_a))
    raw[info.header_offset + 30 + len(info.filename.encode()) + 1_000_000] ^= 0x01
    target.write_bytes(bytes(raw))


def _truncate(pc_a: dict[str, Any], target: Path) -> None:
    raw = pc_a["backup"].read_bytes()
    target.write_bytes(raw[: len(raw) * 2 // 3])  # the USB stick pulled out mid-copy


def _rewrite_photo(pc_a: dict[str, Any], target: Path) -> None:
    # A valid zip (fresh CRC) whose blob no longer has the bytes its name promises.
    member = _photo_member(pc_a)
    _rezip(pc_a["backup"], target, lambda n, d: (n, d[:-1] + b"X") if n == member else (n, d))


def _drop_photo(pc_a: dict[str, Any], target: Path) -> None:
    member = _photo_member(pc_a)
    _rezip(pc_a["backup"], target, lambda n, d: None if n == member else (n, d))


def _drop_manifest(pc_a: dict[str, Any], target: Path) -> None:
    _rezip(pc_a["backup"], target, lambda n, d: None if n == "manifest.json" else (n, d))


def _with_member(name: str) -> Callable[[dict[str, Any], Path], None]:
    def build(pc_a: dict[str, Any], target: Path) -> None:
        _rezip(pc_a["backup"], target, extra=((name, b"pwned\n"),))

    return build


def _with_symlink(pc_a: dict[str, Any], target: Path) -> None:
    link = zipfile.ZipInfo("office/logo.bmp")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    _rezip(pc_a["backup"], target, extra=((link, b"/etc/passwd"),))


def _newer_format(pc_a: dict[str, Any], target: Path) -> None:
    _rezip(pc_a["backup"], target, manifest=lambda m: m.update(format_version=99))


def _garbage(pc_a: dict[str, Any], target: Path) -> None:
    target.write_bytes(os.urandom(4096))


def _foreign_zip(pc_a: dict[str, Any], target: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("laporan-keuangan.xlsx", b"not ours")
    target.write_bytes(buffer.getvalue())


def _garbage_database(pc_a: dict[str, Any], target: Path) -> None:
    junk = os.urandom(8192)

    def fix(manifest: dict[str, Any]) -> None:
        manifest["members"]["db/lapor.db"] = {"sha256": _sha(junk), "size": len(junk)}

    _rezip(
        pc_a["backup"],
        target,
        lambda n, d: (n, junk) if n == "db/lapor.db" else (n, d),
        manifest=fix,
    )


@dataclass(frozen=True)
class Broken:
    id: str
    build: Callable[[dict[str, Any], Path], None]
    expect: tuple[str, ...]


BROKEN = (
    Broken("flipped-byte-in-a-blob", _flip_byte_in_photo, ("is damaged", "blobs/")),
    Broken("blob-bytes-not-its-name", _rewrite_photo, ("does not match its checksum",)),
    Broken("truncated", _truncate, ("damaged or incomplete", "not a readable zip")),
    Broken("missing-member", _drop_photo, ("is incomplete", "blobs/")),
    Broken("no-manifest", _drop_manifest, ("not a LAPOR backup", "manifest.json")),
    Broken("zip-slip-dotdot", _with_member("../../evil.sh"), ("points outside the data dir",)),
    Broken("zip-slip-nested", _with_member("blobs/../../x"), ("points outside the data dir",)),
    Broken("zip-slip-absolute", _with_member("/tmp/evil.sh"), ("points outside the data dir",)),
    Broken("zip-slip-backslash", _with_member("..\\evil.bat"), ("points outside the data dir",)),
    Broken("symlink-member", _with_symlink, ("'office/logo.bmp' is not a plain file",)),
    Broken("member-outside-our-folders", _with_member("settings.json"), ("'settings.json'",)),
    Broken("newer-format", _newer_format, ("newer LAPOR Desktop", "format 99")),
    Broken("not-a-zip", _garbage, ("not a SQLite database or a LAPOR backup archive",)),
    Broken("foreign-zip", _foreign_zip, ("not a LAPOR backup",)),
    Broken("garbage-database", _garbage_database, ("not a SQLite database",)),
)


@pytest.fixture(scope="module")
def refusals(
    pc_a: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    """Each broken archive restored over PC C's data and into a data dir that does not exist."""
    root = tmp_path_factory.mktemp("refused")
    pc_c = root / "pc-c"
    ok("init", *OFFICE, data_dir=pc_c, now=NOW)
    add_case(pc_c, "--title", "Data PC C yang tidak boleh hilang", now=NOW)

    def attempt(broken: Broken) -> dict[str, Any]:
        folder = root / broken.id
        folder.mkdir()
        archive = folder / "cadangan.zip"
        broken.build(pc_a, archive)
        data = copy_data_dir(pc_c, folder / "data")
        before = db_snapshot(data)
        over = run("restore", archive, data_dir=data, now=NOW)
        fresh = folder / "new-pc" / "data"
        into_new = run("restore", archive, data_dir=fresh, now=NOW, cwd=folder)
        return {
            "archive": archive,
            "over": over,
            "before": before,
            "after": db_snapshot(data),
            "into_new": into_new,
            "fresh_left": (folder / "new-pc").exists(),
        }

    with ThreadPoolExecutor(max_workers=min(os.cpu_count() or 2, 4)) as pool:
        return dict(zip([b.id for b in BROKEN], pool.map(attempt, BROKEN), strict=True))


@pytest.mark.parametrize("broken", BROKEN, ids=[b.id for b in BROKEN])
def test_a_broken_or_hostile_archive_is_refused_and_nothing_changes(
    broken: Broken, refusals: dict[str, dict[str, Any]]
) -> None:
    outcome = refusals[broken.id]
    for result in (outcome["over"], outcome["into_new"]):
        message = check_usage_error(result)
        assert str(outcome["archive"]) in message, message
        for expected in broken.expect:
            assert expected in message, message
    assert outcome["after"] == outcome["before"]  # same rows, same files, no staging left
    assert not outcome["fresh_left"]  # the data dir it would have made is not there
    assert not (outcome["archive"].parent / "evil.sh").exists()


def test_backup_while_another_connection_writes(pc_a: dict[str, Any], tmp_path: Path) -> None:
    """The app keeps registering cases with attachments while `backup` runs in another process."""
    import threading

    from lapor_desktop.services.cases import CaseService, NewCase

    data = copy_data_dir(pc_a["dir"], tmp_path / "data")
    stop = threading.Event()
    written: list[str] = []
    errors: list[BaseException] = []

    def keep_writing() -> None:
        workspace = open_workspace(AppPaths(data), _clock)
        try:
            service = CaseService(workspace)
            n = 0
            while not stop.is_set():
                case = service.register(
                    NewCase(
                        title=f"Pengaduan ke-{n}",
                        text="Jalan rusak",
                        channel="walk_in",
                        category="Bantuan Sosial",
                    )
                )
                source = tmp_path / f"foto-{n}.jpg"
                source.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(200_000))
                service.attach(case.register_no, source)
                written.append(case.id)
                n += 1
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            workspace.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while len(written) < 3 and writer.is_alive():
            stop.wait(0.05)
        before = len(written)
        backup = tmp_path / "usb" / "saat-bekerja.zip"
        saved = ok_json("backup", backup, data_dir=data, now=NOW)
        during = len(written) - before
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors, errors
    assert during > 0  # the writer really wrote while the backup ran
    assert saved["missing_blobs"] == []
    assert 2 + before <= saved["cases"] <= 2 + len(written)

    fresh = tmp_path / "pc-b"
    ok_json("restore", backup, data_dir=fresh, now=NOW)
    report = ok_json("db", "check", data_dir=fresh, now=NOW)
    assert report["ok"] is True and report["cases"] == saved["cases"]
    with closing(sqlite3.connect(fresh / "lapor.db")) as con:
        named = [r[0] for r in con.execute("SELECT sha256 FROM blob")]
    store = BlobStore(fresh / "blobs")
    assert len(named) >= saved["cases"] - 1  # one photo per new case (+ PC A's files)
    assert all(store.verify(sha) for sha in named)


def test_a_taken_target_is_refused_and_the_stick_stays_clean(
    pc_a: dict[str, Any], tmp_path: Path
) -> None:
    """A refused backup (the target exists) leaves no temp file beside the target."""
    stick = tmp_path / "usb"
    stick.mkdir()
    taken = stick / "lapor.zip"
    taken.write_bytes(b"cadangan kemarin")
    result = run("backup", taken, data_dir=copy_data_dir(pc_a["dir"], tmp_path / "d"), now=NOW)
    assert "already exists" in check_usage_error(result)
    assert taken.read_bytes() == b"cadangan kemarin"
    assert [p.name for p in stick.iterdir()] == ["lapor.zip"]
