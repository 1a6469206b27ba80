"""Keeping a data dir healthy: schema check, a complete backup, and a guarded restore.

The archive itself is written in backup_archive and read back in restore_archive. A restore
holds the data dir's use lock (storage.dir_lock) exclusively from before it writes anything
there until it is done, so it refuses while the window or a command has the data dir open. A
backup takes no lock: it is an online SQLite backup and works while the window is open.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lapor_desktop.paths import AppPaths
from lapor_desktop.services import backup_archive, restore_archive
from lapor_desktop.services.backup_archive import BackupSummary
from lapor_desktop.services.errors import MaintenanceError
from lapor_desktop.storage import dir_lock, schema
from lapor_desktop.storage.engine import SQLITE_MAGIC, create_sqlite_engine


@dataclass(frozen=True, slots=True)
class CheckReport:
    integrity: str
    foreign_key_errors: int
    schema_revision: str | None
    head_revision: str
    cases: int
    outbox_pending: int
    fts_rows: int

    @property
    def ok(self) -> bool:
        return (
            self.integrity == "ok"
            and self.foreign_key_errors == 0
            and self.schema_revision == self.head_revision
            and self.fts_rows == self.cases
        )


def check(paths: AppPaths) -> CheckReport:
    with closing(sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)) as con:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        fk_errors = len(con.execute("PRAGMA foreign_key_check").fetchall())
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
        pending = con.execute("SELECT count(*) FROM outbox WHERE state='pending'").fetchone()[0]
        fts = con.execute("SELECT count(*) FROM case_fts").fetchone()[0]
    return CheckReport(
        integrity,
        fk_errors,
        revision[0] if revision else None,
        schema.head_revision(),
        cases,
        pending,
        fts,
    )


def backup(paths: AppPaths, target: Path, now: datetime) -> BackupSummary:
    """One archive with the database, every blob and the office's files (backup_archive)."""
    return backup_archive.write_backup(paths, target, now, _verify_lapor_database)


def _verify_lapor_database(candidate: Path, shown_as: Path) -> str:
    """Check a scratch copy of a backup; messages name the file the operator gave."""
    with candidate.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise MaintenanceError(f"{shown_as} is not a SQLite database")
    try:
        with closing(sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)) as con:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise MaintenanceError(f"{shown_as} is damaged (integrity check failed)")
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"case", "outbox", "alembic_version", "setting"} <= tables:
                raise MaintenanceError(f"{shown_as} is not a LAPOR database")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            office = con.execute("SELECT value FROM setting WHERE key='office'").fetchone()
    except sqlite3.DatabaseError as error:
        raise MaintenanceError(f"{shown_as} cannot be read as a database ({error})") from error
    if row is None or office is None:
        raise MaintenanceError(f"{shown_as} is not an initialised LAPOR database")
    engine = create_sqlite_engine(candidate)
    try:
        schema.check_schema(engine)
    except schema.SchemaTooNew as error:
        raise MaintenanceError(str(error)) from error
    except schema.NotOurSchema as error:  # LAPOR's tables, but a revision we never wrote
        raise MaintenanceError(f"{shown_as} is not a LAPOR database ({error})") from error
    finally:
        engine.dispose()
    return str(row[0])


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    kind: str  # "archive" or "database" (a bare .db backup of earlier versions)
    previous: Path | None  # the old database, kept beside the new one
    blobs_added: int = 0
    blobs_in_archive: int = 0
    office_files: int = 0
    office_files_kept_aside: int = 0


def restore(paths: AppPaths, source: Path) -> RestoreSummary:
    """Replace the data dir's contents with a checked backup; the old database is kept.

    A backup archive brings the database, the blobs this PC lacks and the office's files; a
    bare .db file (what `backup` wrote before archives) brings the database alone.
    """
    if not source.is_file():
        raise MaintenanceError(f"{source} does not exist")
    with source.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    is_archive = head.startswith(backup_archive.ZIP_MAGIC)
    if not is_archive and head != SQLITE_MAGIC:
        raise MaintenanceError(f"{source} is not a SQLite database or a LAPOR backup archive")
    with _sole_user(paths):
        if is_archive:
            return _restore_archive(paths, source)
        return RestoreSummary("database", _restore_database(paths, source))


@contextmanager
def _sole_user(paths: AppPaths) -> Iterator[None]:
    """Hold the data dir exclusively, or refuse with the data dir as it was.

    A data dir that does not exist yet is made for the lock file, and removed again (with the
    folders above it this made) when the restore fails.
    """
    created = [d for d in (paths.data_dir, *paths.data_dir.parents) if not d.exists()]
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        hold = dir_lock.hold_exclusive(paths.data_dir)
    except dir_lock.DataDirInUse:
        _remove_folders(created)
        raise MaintenanceError(
            f"{paths.data_dir} is open in another LAPOR program (the window or a command); "
            "close it, then restore again (data dir sedang dibuka oleh program LAPOR lain; "
            "tutup dulu, lalu ulangi pemulihan)"
        ) from None
    except OSError as error:
        _remove_folders(created)
        raise MaintenanceError(
            f"{paths.data_dir} cannot be locked for the restore ({error}); nothing was changed"
        ) from error
    done = False
    try:
        yield
        done = True
    finally:
        hold.release()
        if not done:
            _remove_folders(created)


def _remove_folders(created: list[Path]) -> None:
    for folder in created:  # innermost first; only the empty folders this restore made
        try:
            folder.rmdir()
        except OSError:
            break


def _restore_archive(paths: AppPaths, source: Path) -> RestoreSummary:
    staged = restore_archive.stage_archive(paths, source, _verify_lapor_database)
    kept: list[Path | None] = []
    try:
        aside = restore_archive.install(
            staged, lambda database: kept.append(_replace_database(paths, database))
        )
    except BaseException:
        restore_archive.discard(staged.staging)
        raise
    return RestoreSummary(
        "archive",
        kept[0] if kept else None,
        blobs_added=len(staged.blobs),
        blobs_in_archive=staged.blobs_in_archive,
        office_files=len(staged.office),
        office_files_kept_aside=aside,
    )


def _restore_database(paths: AppPaths, source: Path) -> Path | None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "candidate.db"
        shutil.copyfile(source, copy)
        _verify_lapor_database(copy, source)
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        staged = paths.database.with_name("lapor.db.restoring")
        try:
            shutil.copyfile(copy, staged)
            return _replace_database(paths, staged)
        finally:
            staged.unlink(missing_ok=True)  # gone once in place; a half copy must not stay


def _replace_database(paths: AppPaths, staged: Path) -> Path | None:
    """Move `staged` (on the data dir's disk) in as lapor.db; returns where the old one went."""
    kept: Path | None = None
    if paths.database.exists():
        kept = paths.database.with_name("lapor.db.before-restore")
        n = 1
        while kept.exists():
            kept = paths.database.with_name(f"lapor.db.before-restore-{n}")
            n += 1
        # Fold the WAL into the old file first so the kept copy is complete.
        with closing(sqlite3.connect(paths.database)) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        paths.database.replace(kept)
    for suffix in ("-wal", "-shm"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    staged.replace(paths.database)
    return kept
