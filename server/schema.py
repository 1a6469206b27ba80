"""Bringing the server's database to the current schema with Alembic; refusing a newer one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(Exception):
    """The database is not a LAPOR server database, or one from a newer server."""


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
    """The current revision (None for an empty database); raises for a foreign or newer one."""
    revision = current_revision(engine)
    if revision is None:
        tables = set(inspect(engine).get_table_names())
        if tables:
            raise SchemaError(f"unknown tables {sorted(tables)[:5]}: not a LAPOR server database")
        return None
    known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
    if revision not in known:
        raise SchemaError(f"schema revision {revision} is newer than this server; update it")
    return revision


def upgrade(engine: Engine) -> bool:
    """Migrate to the newest revision; True when the database was empty before."""
    before = check_schema(engine)
    config = _config()
    with engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return before is None


def is_current(engine: Engine) -> bool:
    return check_schema(engine) == head_revision()
