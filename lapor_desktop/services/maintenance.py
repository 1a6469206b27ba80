"""Keeping a data dir healthy: schema upgrade and check, online backup, and a guarded restore."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.errors import MaintenanceError
from lapor_desktop.storage import schema
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
    with sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True) as con:
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


def backup(paths: AppPaths, target: Path) -> int:
    """SQLite online backup: consistent while the app runs. Attachments stay in blobs/."""
    if target.exists():
        raise MaintenanceError(f"{target} already exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(paths.database)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    return target.stat().st_size


def _verify_lapor_database(candidate: Path, shown_as: Path) -> str:
    """Check a scratch copy of a backup; messages name the file the operator gave."""
    with candidate.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise MaintenanceError(f"{shown_as} is not a SQLite database")
    try:
        with sqlite3.connect(f"file:{candidate}?mode=ro", uri=True) as con:
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
    finally:
        engine.dispose()
    return str(row[0])


def restore(paths: AppPaths, source: Path) -> Path | None:
    """Replace the database with `source` after checking it; the old one is kept beside it."""
    if not source.is_file():
        raise MaintenanceError(f"{source} does not exist")
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "candidate.db"
        shutil.copyfile(source, copy)
        _verify_lapor_database(copy, source)
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        kept: Path | None = None
        if paths.database.exists():
            kept = paths.database.with_name("lapor.db.before-restore")
            n = 1
            while kept.exists():
                kept = paths.database.with_name(f"lapor.db.before-restore-{n}")
                n += 1
            # Fold the WAL into the old file first so the kept copy is complete.
            with sqlite3.connect(paths.database) as con:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            paths.database.replace(kept)
        for suffix in ("-wal", "-shm"):
            Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
        staged = paths.database.with_name("lapor.db.restoring")
        shutil.copyfile(copy, staged)
        staged.replace(paths.database)
    return kept
