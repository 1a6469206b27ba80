"""Bringing a database to our schema with Alembic, and refusing one from a newer version."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_schema(engine: Engine) -> str | None:
    """Return the current revision; raise when the file is not ours or is from the future."""
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


def upgrade(engine: Engine) -> None:
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
