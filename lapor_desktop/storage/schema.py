"""Bringing a database to our schema with Alembic, and refusing one from a newer version."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration. Opening a data dir already at this revision skips Alembic entirely
# (importing and running it costs ~130 ms per command); a test keeps this equal to the head.
HEAD_REVISION = "0007"
# How long opening waits for another program's lock, as the engine does (engine.py).
BUSY_TIMEOUT_S = 30.0


class SchemaTooNew(Exception):
    """The database was written by a newer LAPOR Desktop; we never touch it."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"the database has schema revision {revision}, newer than this application knows; "
            "update LAPOR Desktop"
        )
        self.revision = revision


class NotOurSchema(Exception):
    """A SQLite database with tables, but not a LAPOR database."""


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_schema(engine: Engine) -> str | None:
    """Return the current revision; raise when the file is not ours or is from the future."""
    from alembic.script import ScriptDirectory

    revision = current_revision(engine)
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    if revision is None:
        tables = set(inspect(engine).get_table_names())
        if tables:
            raise NotOurSchema(f"unknown tables {sorted(tables)[:5]}; not a LAPOR database")
        return None
    if revision not in known:
        raise SchemaTooNew(revision)
    return revision


def is_at_head(database: Path) -> bool:
    """Whether the file is already at HEAD_REVISION, read without Alembic or writing anything."""
    try:
        # The engine's busy timeout: a PC's app writing meanwhile only makes this wait.
        uri = f"{database.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)) as con:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise  # busy, not old: the upgrade path would take a write lock and fail worse
        return False  # not ours, damaged, or older than versioning: the full path decides
    except sqlite3.Error:
        return False
    return row is not None and row[0] == HEAD_REVISION


def upgrade(engine: Engine) -> None:
    from alembic import command

    check_schema(engine)
    config = _config()
    with engine.connect() as connection:
        # Batch mode rebuilds a table (copy, DROP, rename); with foreign keys on, dropping a
        # table that others reference (case <- case_event) fails. SQLite's own recipe: keys off
        # outside the transaction, migrate, check them before commit, keys back on.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def needs_upgrade(engine: Engine) -> bool:
    return check_schema(engine) != head_revision()
