"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from server.admin import AdminError, init_schema, schema_ready
from server.db import open_engine
from server.schema import MIGRATIONS_DIR, head_revision
from server.tables import Base


def test_migrations_match_the_models_and_init_is_idempotent(
    server_db_url: str | None, tmp_path: Path
) -> None:
    engine = open_engine(server_db_url or f"sqlite:///{tmp_path / 'server.db'}")
    try:
        assert not schema_ready(engine)
        assert init_schema(engine) is True
        assert init_schema(engine) is False
        assert schema_ready(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            assert diff == []
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            counter = conn.execute(text("SELECT value FROM counter WHERE name = 'change'")).scalar()
        assert version == head_revision()
        assert counter == 0
    finally:
        engine.dispose()


def test_a_foreign_or_newer_database_is_refused(tmp_path: Path) -> None:
    foreign = open_engine(f"sqlite:///{tmp_path / 'foreign.db'}")
    with foreign.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY)"))
    with pytest.raises(AdminError, match="not a LAPOR server database"):
        init_schema(foreign)
    foreign.dispose()
    newer = open_engine(f"sqlite:///{tmp_path / 'newer.db'}")
    init_schema(newer)
    with newer.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(AdminError, match="newer"):
        init_schema(newer)
    newer.dispose()


def test_a_database_of_the_first_revision_upgrades_to_the_head(
    server_db_url: str | None, tmp_path: Path
) -> None:
    engine = open_engine(server_db_url or f"sqlite:///{tmp_path / 'server.db'}")
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.connect() as conn, conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
        assert not schema_ready(engine)
        assert init_schema(engine) is False  # not new: migrated
        assert schema_ready(engine)
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()
