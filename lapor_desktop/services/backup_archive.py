"""Writing a backup archive: one zip with the database, every blob and the office's files.

Layout (format 1), every member listed with its sha256 in the manifest:

    manifest.json          format, app version, office code, created at, counts, members
    db/lapor.db            an SQLite online-backup copy (deflated: pages compress well)
    blobs/ab/cd/<sha256>   attachments and issued letters' PDFs (stored: photos and PDFs
                           are compressed already, deflating them again only costs time)
    office/<name>          the letterhead logo

`settings.json`, `window.ini`, `logs/` and `opened/` stay out: preferences and the window
layout belong to the PC (its screen, its printer), logs are diagnostics, `opened/` holds
throwaway copies for the viewer.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lapor_desktop import __version__
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.errors import MaintenanceError, NotInitialised
from lapor_desktop.storage.blobs import file_sha256, fsync_dir

FORMAT_NAME = "lapor-desktop-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "db/lapor.db"
OFFICE_DIR = "office"
ZIP_MAGIC = b"PK\x03\x04"
BLOB_MEMBER = re.compile(r"^blobs/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})$")
# Flat names only, no leading dot: the logo store's half-written `.logo-staged*` stays out.
OFFICE_MEMBER = re.compile(r"^office/[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
CHUNK = 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")
_HEX2 = re.compile(r"^[0-9a-f]{2}$")


@dataclass(frozen=True, slots=True)
class BackupSummary:
    file: Path
    bytes: int
    cases: int
    blobs: int  # blob files in the archive (referenced or not)
    office_files: int
    # Named by the database but not on this PC (and not still to come from the server):
    # already lost before this backup; the archive cannot carry them.
    missing_blobs: tuple[str, ...]
    # On this PC but their bytes no longer match their name (disk damage): left out.
    damaged_blobs: tuple[str, ...]
    # Named by synced cases and still to be fetched from the server (it holds them).
    remote_blobs: int


def blob_member(sha256: str) -> str:
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def write_backup(
    paths: AppPaths,
    target: Path,
    now: datetime,
    verify_database: Callable[[Path, Path], str],
) -> BackupSummary:
    """The whole data dir in one zip at `target`, consistent while the app keeps writing.

    The database is copied first (SQLite's online backup: one snapshot under WAL, writers
    are not blocked). Blobs are written durably before the transaction naming them commits
    and are never deleted, so every blob the snapshot names is on disk when the blobs are
    copied afterwards. The archive is built beside the target and renamed only when complete.

    `verify_database(copy, shown_as)` is restore's check, run on the snapshot: a backup that
    restore would refuse is refused now, while the operator can still do something about it.
    Nothing here writes to the data dir.
    """
    if target.exists():
        raise MaintenanceError(f"{target} already exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, partial_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    partial = Path(partial_name)
    try:
        with os.fdopen(fd, "w+b") as handle:
            summary = _write(paths, handle, target, now, verify_database)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():  # made by someone else while we were writing
            raise MaintenanceError(f"{target} already exists; choose a new file name")
        partial.replace(target)
        fsync_dir(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupSummary(**{**summary, "file": target, "bytes": target.stat().st_size})


def _write(
    paths: AppPaths,
    handle: Any,
    target: Path,
    now: datetime,
    verify_database: Callable[[Path, Path], str],
) -> dict[str, Any]:
    # The snapshot sits beside the target, where the operator has room, not in the data dir.
    with tempfile.TemporaryDirectory(prefix=".lapor-backup-", dir=target.parent) as scratch:
        snapshot = Path(scratch) / "lapor.db"
        _snapshot_database(paths.database, snapshot)
        verify_database(snapshot, paths.database)
        _use_rollback_journal(snapshot)
        facts = _database_facts(snapshot)
        members: dict[str, dict[str, Any]] = {}
        damaged: list[str] = []
        with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
            members[DATABASE] = _add_file(archive, snapshot, DATABASE, zipfile.ZIP_DEFLATED)
            on_disk = _blob_files(paths.blobs)
            for sha, path in on_disk.items():
                if file_sha256(path) != sha:
                    damaged.append(sha)
                    continue
                entry = _add_file(archive, path, blob_member(sha), zipfile.ZIP_STORED)
                if entry["sha256"] != sha:  # blobs never change; a disk that does is failing
                    raise MaintenanceError(f"{path} changed while it was copied; disk failing?")
                members[blob_member(sha)] = entry
            office_files = _office_files(paths.data_dir / OFFICE_DIR)
            for name, path in office_files.items():
                members[name] = _add_file(archive, path, name, zipfile.ZIP_DEFLATED)
            referenced: set[str] = facts["referenced"]
            remote: set[str] = facts["remote"]
            missing = sorted(referenced - on_disk.keys() - remote)
            blobs = len(on_disk) - len(damaged)
            manifest = {
                "format": FORMAT_NAME,
                "format_version": FORMAT_VERSION,
                "app_version": __version__,
                "office_code": facts["office_code"],
                "created_at": now.isoformat(),
                "counts": {
                    "cases": facts["cases"],
                    "blobs": blobs,
                    "blobs_referenced": len(referenced & on_disk.keys()),
                    "office_files": len(office_files),
                },
                "missing_blobs": missing,
                "damaged_blobs": sorted(damaged),
                "remote_blobs": sorted(remote - on_disk.keys()),
                "members": members,
            }
            archive.writestr(
                MANIFEST,
                json.dumps(manifest, indent=1, sort_keys=True),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return {
        "cases": facts["cases"],
        "blobs": blobs,
        "office_files": len(office_files),
        "missing_blobs": tuple(missing),
        "damaged_blobs": tuple(sorted(damaged)),
        "remote_blobs": len(remote - on_disk.keys()),
    }


def _snapshot_database(database: Path, copy: Path) -> None:
    if not database.is_file():
        raise NotInitialised(
            f"no LAPOR data in {database.parent}; run 'lapor-desktop init' or 'lapor-desktop demo'"
        )
    # Read-only: a backup never writes to the data dir (Python retries the step while busy).
    source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    dest = sqlite3.connect(copy)
    try:
        source.backup(dest)  # all pages in one step: one read transaction, one snapshot
    except sqlite3.DatabaseError as error:
        raise MaintenanceError(f"{database} cannot be read as a database ({error})") from error
    finally:
        dest.close()
        source.close()


def _use_rollback_journal(copy: Path) -> None:
    """A self-contained file, readable with no -wal beside it; opening it again picks WAL."""
    con = sqlite3.connect(copy)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def _database_facts(snapshot: Path) -> dict[str, Any]:
    """What the snapshot says: its office, its cases, and the blobs it names."""
    with closing(sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)) as con:
        office = con.execute("SELECT value FROM setting WHERE key='office'").fetchone()
        cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
        rows = con.execute("SELECT sha256, state FROM blob").fetchall()
        letters = con.execute("SELECT sha256 FROM issued_letter").fetchall()
        # A synced case's attachment that was already here has no blob row of its own.
        attached = con.execute(
            "SELECT json_extract(a.value, '$.sha256')"
            " FROM \"case\" AS c, json_each(c.doc, '$.attachments') AS a"
        ).fetchall()
    code = json.loads(office[0]).get("code", "") if office and office[0] else ""
    referenced = {r[0] for r in rows} | {r[0] for r in letters} | {r[0] for r in attached}
    return {
        "office_code": code,
        "cases": int(cases),
        "referenced": {s for s in referenced if isinstance(s, str) and _SHA.match(s)},
        "remote": {r[0] for r in rows if r[1] == "remote"},
    }


def _blob_files(root: Path) -> dict[str, Path]:
    """Every `ab/cd/<sha256>` file under `root`, sorted; temp files and strays are skipped."""
    found: dict[str, Path] = {}
    if not root.is_dir():
        return found
    for first in sorted(root.iterdir()):
        if not (first.is_dir() and _HEX2.match(first.name)):
            continue
        for second in sorted(first.iterdir()):
            if not (second.is_dir() and _HEX2.match(second.name)):
                continue
            for path in sorted(second.iterdir()):
                name = path.name
                if (
                    _SHA.match(name)
                    and name[:2] == first.name
                    and name[2:4] == second.name
                    and path.is_file()
                    and not path.is_symlink()
                ):
                    found[name] = path
    return found


def _office_files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {
        f"{OFFICE_DIR}/{p.name}": p
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink() and OFFICE_MEMBER.match(f"{OFFICE_DIR}/{p.name}")
    }


def _add_file(archive: zipfile.ZipFile, source: Path, name: str, method: int) -> dict[str, Any]:
    """Stream `source` into the archive in chunks, hashing what went in."""
    info = zipfile.ZipInfo.from_file(source, name)  # its size decides on zip64 up front
    info.compress_type = method
    info.external_attr = 0o100644 << 16  # a plain file, whatever the mode was here
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reader, archive.open(info, "w") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "size": size}
