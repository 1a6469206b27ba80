"""Reading a backup archive back: everything is checked before the data dir changes.

Checking extracts into a hidden staging folder inside the data dir (the same disk, so putting
files in place is a rename, and no half-copied blob can ever appear under its final name).
Any refusal removes the staging folder again: the data dir is as it was.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import shutil
import sqlite3
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.backup_archive import (
    BLOB_MEMBER,
    CHUNK,
    DATABASE,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST,
    OFFICE_MEMBER,
)
from lapor_desktop.services.errors import MaintenanceError

_MANIFEST_MAX_BYTES = 256 * 1024 * 1024  # ~2 million blobs; a bigger one is not ours
# What reading a damaged member raises: a bad CRC, a cut deflate stream, a short file.
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError)


@dataclass(frozen=True, slots=True)
class StagedArchive:
    """A checked archive extracted into `staging`; `install` puts it in place."""

    staging: Path
    database: Path
    blobs: tuple[tuple[Path, Path], ...]  # (staged file, final place); absent ones only
    blobs_in_archive: int
    office: tuple[tuple[Path, Path], ...]
    manifest: dict[str, Any]


def stage_archive(
    paths: AppPaths, source: Path, verify_database: Callable[[Path, Path], str]
) -> StagedArchive:
    """Check every member of `source` and extract what the data dir lacks into staging.

    `verify_database(candidate, shown_as)` is the check a bare .db backup gets too.
    Raises MaintenanceError naming `source`; the data dir is then unchanged.
    """
    created = [d for d in (paths.data_dir, *paths.data_dir.parents) if not d.exists()]
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restoring-", dir=paths.data_dir))
    try:
        with _open_zip(source) as archive:
            manifest = _checked_manifest(archive, source)
            return _extract(paths, archive, manifest, source, staging, verify_database)
    except BaseException:
        discard(staging, created)
        raise


def discard(staging: Path, created: list[Path] | None = None) -> None:
    shutil.rmtree(staging, ignore_errors=True)
    for folder in created or ():  # innermost first: only the folders this restore made
        try:
            folder.rmdir()
        except OSError:
            break


def _open_zip(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise MaintenanceError(
            f"{source} is damaged or incomplete (not a readable zip archive: {error})"
        ) from error


def _checked_manifest(archive: zipfile.ZipFile, source: Path) -> dict[str, Any]:
    infos = archive.infolist()
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise MaintenanceError(f"{source} is refused: it names a member twice")
    for info in infos:
        _refuse_hostile(info, source)
    if MANIFEST not in names:
        raise MaintenanceError(f"{source} is not a LAPOR backup (it has no {MANIFEST})")
    info = archive.getinfo(MANIFEST)
    if info.file_size > _MANIFEST_MAX_BYTES:
        raise MaintenanceError(f"{source} is not a LAPOR backup ({MANIFEST} is too large)")
    try:
        with archive.open(info) as reader:
            raw = reader.read(_MANIFEST_MAX_BYTES + 1)
        manifest = json.loads(raw)
    except (*_READ_ERRORS, ValueError) as error:
        raise MaintenanceError(
            f"{source} is damaged ({MANIFEST} cannot be read: {error})"
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise MaintenanceError(f"{source} is not a LAPOR backup ({MANIFEST} is foreign)")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise MaintenanceError(f"{source} is damaged ({MANIFEST} has no format version)")
    if version > FORMAT_VERSION:
        raise MaintenanceError(
            f"{source} was made by a newer LAPOR Desktop (backup format {version}, this "
            f"version reads up to {FORMAT_VERSION}); update LAPOR Desktop first"
        )
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(_is_entry(e) for e in members.values()):
        raise MaintenanceError(f"{source} is damaged ({MANIFEST} lists no valid members)")
    present = set(names) - {MANIFEST}
    listed = set(members)
    if DATABASE not in listed:
        raise MaintenanceError(f"{source} is damaged (its manifest names no database)")
    absent = sorted(listed - present)
    if absent:
        raise MaintenanceError(
            f"{source} is incomplete: {len(absent)} file(s) of its manifest are missing "
            f"(first: {absent[0]})"
        )
    extra = sorted(present - listed)
    if extra:
        raise MaintenanceError(f"{source} is damaged: {extra[0]} is not in its manifest")
    return manifest


def _refuse_hostile(info: zipfile.ZipInfo, source: Path) -> None:
    """Only our own member names, as plain files: nothing can land outside the data dir."""
    name = info.filename
    parts = PurePosixPath(name).parts
    if (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ":" in name
        or "\x00" in name
        or any(p in ("..", ".", "") for p in name.split("/"))
        or not parts
    ):
        raise MaintenanceError(f"{source} is refused: member {name!r} points outside the data dir")
    # Only the file-type bits: zips from Windows leave them 0, Python's writestr sets no type.
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind not in (0, stat.S_IFREG):
        raise MaintenanceError(f"{source} is refused: member {name!r} is not a plain file")
    if info.flag_bits & 0x1:
        raise MaintenanceError(f"{source} is refused: member {name!r} is encrypted")
    if name not in (MANIFEST, DATABASE) and not (
        BLOB_MEMBER.match(name) or OFFICE_MEMBER.match(name)
    ):
        raise MaintenanceError(f"{source} is not a LAPOR backup: it holds {name!r}")


def _is_entry(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and isinstance(entry.get("size"), int)
    )


def _extract(
    paths: AppPaths,
    archive: zipfile.ZipFile,
    manifest: dict[str, Any],
    source: Path,
    staging: Path,
    verify_database: Callable[[Path, Path], str],
) -> StagedArchive:
    members: dict[str, dict[str, Any]] = manifest["members"]
    needed = sum(int(e["size"]) for e in members.values())
    free = shutil.disk_usage(staging).free
    if needed > free:
        raise MaintenanceError(
            f"not enough free space in {paths.data_dir} to restore {source} "
            f"({needed / 1_048_576:.0f} MB needed, {free / 1_048_576:.0f} MB free)"
        )
    database = staging / "lapor.db"
    _copy_member(archive, DATABASE, members[DATABASE], database, source)
    verify_database(database, source)
    office_code = _office_code(database)
    if manifest.get("office_code") not in (None, office_code):
        raise MaintenanceError(
            f"{source} is damaged: its manifest is for office {manifest.get('office_code')}, "
            f"its database for {office_code}"
        )
    blobs: list[tuple[Path, Path]] = []
    office: list[tuple[Path, Path]] = []
    in_archive = 0
    for name in sorted(members):
        match = BLOB_MEMBER.match(name)
        if match:
            sha = match.group(3)
            if match.group(1) != sha[:2] or match.group(2) != sha[2:4]:
                raise MaintenanceError(f"{source} is damaged: {name} is filed in the wrong folder")
            if members[name]["sha256"] != sha:
                raise MaintenanceError(
                    f"{source} is damaged: its manifest's hash of {name} differs"
                )
            in_archive += 1
            final = paths.blobs / sha[:2] / sha[2:4] / sha
            # Already here: content-addressed, so the same bytes. Still read to check them.
            staged = None if final.exists() else staging / "blobs" / sha
            _copy_member(archive, name, members[name], staged, source)
            if staged is not None:
                blobs.append((staged, final))
        elif OFFICE_MEMBER.match(name):
            staged = staging / name
            _copy_member(archive, name, members[name], staged, source)
            office.append((staged, paths.data_dir / name))
    return StagedArchive(staging, database, tuple(blobs), in_archive, tuple(office), manifest)


def _copy_member(
    archive: zipfile.ZipFile,
    name: str,
    entry: dict[str, Any],
    target: Path | None,
    source: Path,
) -> None:
    """Stream one member to `target` (or nowhere), checking its size and sha256."""
    expected_size = int(entry["size"])
    digest = hashlib.sha256()
    size = 0
    writer: IO[bytes] | None = None
    try:
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            writer = target.open("wb")
        with archive.open(name) as reader:
            while chunk := reader.read(CHUNK):
                size += len(chunk)
                if size > expected_size:  # also stops a deflate bomb early
                    break
                digest.update(chunk)
                if writer is not None:
                    writer.write(chunk)
    except _READ_ERRORS as error:
        raise MaintenanceError(f"{source} is damaged: {name} cannot be read ({error})") from error
    finally:
        if writer is not None:
            writer.close()
    if size != expected_size or digest.hexdigest() != entry["sha256"]:
        raise MaintenanceError(f"{source} is damaged: {name} does not match its checksum")


def _office_code(database: Path) -> str:
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT value FROM setting WHERE key='office'").fetchone()
    finally:
        con.close()
    office = json.loads(row[0]) if row and row[0] else {}
    return str(office.get("code", "")) if isinstance(office, dict) else ""


def install(staged: StagedArchive, replace_database: Callable[[Path], None]) -> int:
    """Put a checked archive in place: blobs, then office files, then the database last.

    The database goes last so that at any moment the database in place finds every blob it
    names (a crash midway leaves the old database with extra blobs, which is harmless).
    Returns how many office files were kept aside because the archive brought other bytes.
    """
    for file, final in staged.blobs:
        final.parent.mkdir(parents=True, exist_ok=True)
        file.replace(final)
    kept_aside = 0
    for file, final in staged.office:
        final.parent.mkdir(parents=True, exist_ok=True)
        if final.exists() and not filecmp.cmp(final, file, shallow=False):
            _aside(final)
            kept_aside += 1
        file.replace(final)
    replace_database(staged.database)
    discard(staged.staging)
    return kept_aside


def _aside(path: Path) -> None:
    """Keep the data dir's own version of a file the archive replaces (a newer logo)."""
    kept = path.with_name(f"{path.name}.before-restore")
    n = 1
    while kept.exists():
        kept = path.with_name(f"{path.name}.before-restore-{n}")
        n += 1
    path.replace(kept)
