"""Opening the SQLite file: pragmas, locking, Alembic migrations, refusing what is not ours."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.queries import QueryService
from lapor_desktop.services.workspace import (
    AlreadyInitialised,
    NotInitialised,
    Workspace,
    WorkspaceError,
    default_user,
    init_workspace,
    open_workspace,
)
from lapor_desktop.storage import schema
from lapor_desktop.storage.engine import create_sqlite_engine
from lapor_desktop.storage.rows import Base

EXPECTED_TABLES = {
    "case",
    "case_event",
    "outbox",
    "blob",
    "number_sequence",
    "number_void",
    "category",
    "holiday",
    "audit_log",
    "sla_rule",
    "setting",
    "case_fts",
    "alembic_version",
}


def _register(ws: Workspace, title: str = "Jalan rusak di Desa Kolor") -> str:
    case = CaseService(ws).register(
        NewCase(
            title=title,
            text="Jalan desa rusak parah sejak Januari",
            channel="walk_in",
            category="Bantuan Sosial",
        )
    )
    return case.register_no


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the file so its bytes are the whole database."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


# --------------------------------------------------------------------------- pragmas and locking


def test_every_connection_has_wal_foreign_keys_and_busy_timeout(workspace: Workspace) -> None:
    for unit in (workspace.db.read(), workspace.db.write()):
        with unit as uow:
            pragma = lambda name: uow.session.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 30000
            assert pragma("synchronous") == 2  # FULL


def test_foreign_keys_are_enforced(workspace: Workspace) -> None:
    with workspace.db.write() as uow, pytest.raises(IntegrityError, match="FOREIGN KEY"):
        uow.session.execute(
            text(
                "INSERT INTO case_event (id, case_id, kind, at, actor, office, device_id, summary,"
                " data) VALUES ('e1', 'no-such-case', 'note', '2026-03-02T02:00:00+00:00', 'ani',"
                " 'DINSOS', 'dev', 'x', '{}')"
            )
        )
        uow.session.flush()


def test_writer_takes_the_write_lock_up_front_and_readers_still_read(workspace: Workspace) -> None:
    _register(workspace)
    path = workspace.paths.database
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with workspace.db.write() as uow:
            uow.session.execute(text("SELECT 1"))  # nothing written yet, but the lock is taken
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            assert other.execute('SELECT count(*) FROM "case"').fetchone() == (1,)
        other.execute("BEGIN IMMEDIATE")  # free again once the unit of work ends
        other.execute("ROLLBACK")
    finally:
        other.close()


# --------------------------------------------------------------------------- migrations


def test_a_new_data_dir_is_migrated_from_the_first_revision_to_head(workspace: Workspace) -> None:
    scripts = ScriptDirectory.from_config(schema._config())
    bases = scripts.get_bases()
    assert len(bases) == 1 and scripts.get_revision(bases[0]).down_revision is None
    assert schema.current_revision(workspace.db.engine) == schema.head_revision()
    assert not schema.needs_upgrade(workspace.db.engine)
    con = sqlite3.connect(workspace.paths.database)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        triggers = {
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='case_event'"
            )
        }
    finally:
        con.close()
    assert names >= EXPECTED_TABLES
    assert triggers == {"case_event_no_update", "case_event_no_delete"}


def test_the_migrated_schema_matches_the_row_classes(tmp_path: Path) -> None:
    engine = create_sqlite_engine(tmp_path / "fresh.db")
    try:
        assert schema.needs_upgrade(engine)
        schema.upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    # The FTS5 table and its shadow tables are created by raw SQL on purpose.
                    "include_name": lambda name, kind, _parent: (
                        not (kind == "table" and name is not None and name.startswith("case_fts"))
                    ),
                },
            )
            assert compare_metadata(context, Base.metadata) == []
        schema.upgrade(engine)  # at head: a no-op
        assert schema.current_revision(engine) == schema.head_revision()
    finally:
        engine.dispose()


_PROBE_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "0900_probe"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade():
    # A table rebuild of `case`, which case_event references: what batch mode does for most ALTERs.
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("probe", sa.Text, nullable=True))
        batch.alter_column("title", existing_type=sa.Text, nullable=True)
    op.create_table("probe_table", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    pass
"""


def test_opening_an_older_data_dir_upgrades_it_and_keeps_its_data(
    workspace: Workspace,
    data_paths: AppPaths,
    fake_clock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = _register(workspace, "Jalan rusak di Desa Kolor")
    CaseService(workspace).note(first, "Sudah dicek")
    second = _register(workspace, "Lampu jalan padam")
    workspace.close()
    old_head = schema.head_revision()

    newer = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "0900_probe.py").write_text(_PROBE_MIGRATION.format(head=old_head))
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", newer)
    monkeypatch.setattr(schema, "HEAD_REVISION", "0900_probe")  # as a newer release ships it

    ws = open_workspace(data_paths, fake_clock)
    try:
        assert schema.current_revision(ws.db.engine) == "0900_probe"
        with ws.db.read() as uow:
            columns = {r[1] for r in uow.session.execute(text('PRAGMA table_info("case")'))}
            assert "probe" in columns
            assert uow.session.execute(text("PRAGMA foreign_key_check")).all() == []
            assert uow.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert uow.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        detail = CaseService(ws).detail(first)
        assert [e.kind for e in detail.timeline] == ["created", "note"]
        # The rebuilt table kept its rowids, so the search index still points at the right rows.
        assert [r.register_no for r in QueryService(ws).search("padam")] == [second]
        assert [r.register_no for r in QueryService(ws).search("kolor")] == [first]
        assert _register(ws, "Air PDAM mati").endswith("/00003")
    finally:
        ws.close()


# --------------------------------------------------------------------------- refusals


def test_a_database_from_a_newer_version_is_refused_and_never_touched(
    workspace: Workspace, data_paths: AppPaths, fake_clock
) -> None:
    _register(workspace)
    workspace.close()
    con = sqlite3.connect(data_paths.database)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = _snapshot(data_paths.database)

    with pytest.raises(WorkspaceError, match=r"9999_from_the_future.*newer") as refused:
        open_workspace(data_paths, fake_clock)
    assert not isinstance(refused.value, NotInitialised)
    assert _snapshot(data_paths.database) == before
    wal = data_paths.database.with_name("lapor.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0

    with pytest.raises(WorkspaceError):  # init refuses it too, and still writes nothing
        init_workspace(data_paths, workspace.office, default_user("ani", None), fake_clock)
    assert _snapshot(data_paths.database) == before


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\x00" * 4096, id="zeros"),
        pytest.param(b"this is a letter, not a database\n" * 40, id="text"),
        pytest.param(os.urandom(8192), id="random-bytes"),
        pytest.param(b"SQLite format 3\x00" + b"\xff" * 8000, id="sqlite-header-then-garbage"),
    ],
)
def test_a_corrupt_or_foreign_file_is_refused_with_a_message(
    data_paths: AppPaths, fake_clock, content: bytes
) -> None:
    data_paths.data_dir.mkdir(parents=True)
    data_paths.database.write_bytes(content)
    with pytest.raises(WorkspaceError) as refused:
        open_workspace(data_paths, fake_clock)
    assert str(data_paths.database) in str(refused.value)
    assert not isinstance(refused.value, NotInitialised)
    assert data_paths.database.read_bytes() == content


def test_a_truncated_lapor_database_is_refused_not_a_traceback(
    workspace: Workspace, data_paths: AppPaths, fake_clock
) -> None:
    for i in range(20):
        _register(workspace, f"Keluhan nomor {i}")
    workspace.close()
    _checkpoint(data_paths.database)
    whole = data_paths.database.read_bytes()
    data_paths.database.write_bytes(whole[: 4096 * 2])  # page 1 survives, its children do not
    with pytest.raises(WorkspaceError, match=r"damaged|not a"):
        open_workspace(data_paths, fake_clock)


def test_a_sqlite_file_with_foreign_tables_is_refused_and_left_as_it_was(
    data_paths: AppPaths, office: OfficeProfile, fake_clock
) -> None:
    data_paths.data_dir.mkdir(parents=True)
    con = sqlite3.connect(data_paths.database)  # a rollback-journal file, as most tools write
    con.execute("CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)")
    con.execute("INSERT INTO pelanggan (nama) VALUES ('Budi')")
    con.commit()
    con.close()
    before = _snapshot(data_paths.database)
    with pytest.raises(WorkspaceError, match="pelanggan"):
        open_workspace(data_paths, fake_clock)
    with pytest.raises(WorkspaceError, match="pelanggan"):
        init_workspace(data_paths, office, default_user("ani", None), fake_clock)
    assert _snapshot(data_paths.database) == before  # not even switched to WAL


def test_missing_or_empty_database_means_not_initialised(data_paths: AppPaths, fake_clock) -> None:
    with pytest.raises(NotInitialised, match="init"):
        open_workspace(data_paths, fake_clock)
    data_paths.data_dir.mkdir(parents=True)
    data_paths.database.write_bytes(b"")
    with pytest.raises(NotInitialised, match="init"):
        open_workspace(data_paths, fake_clock)


def test_initialising_twice_is_refused(
    workspace: Workspace, data_paths: AppPaths, fake_clock
) -> None:
    with pytest.raises(AlreadyInitialised, match="DINSOS"):
        init_workspace(data_paths, workspace.office, default_user("budi", None), fake_clock)
    reopened = open_workspace(data_paths, fake_clock)
    try:
        assert reopened.device_id == workspace.device_id
        assert reopened.user.name == "ani"
    finally:
        reopened.close()


def test_the_head_revision_constant_is_the_newest_migration() -> None:
    # Opening a data dir at HEAD_REVISION skips Alembic; a stale constant would skip upgrades.
    from lapor_desktop.storage import schema

    assert schema.head_revision() == schema.HEAD_REVISION


# --------------------------------------------------------------------------- 0003: conflicts


def _migrate(engine_path: Path, target: str, *, down: bool = False) -> None:
    from alembic import command

    engine = create_sqlite_engine(engine_path)
    try:
        config = schema._config()
        with engine.connect() as connection:
            # As schema.upgrade does: a table rebuild with foreign keys on would fail.
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            with connection.begin():
                config.attributes["connection"] = connection
                (command.downgrade if down else command.upgrade)(config, target)
    finally:
        engine.dispose()


def test_upgrading_a_0002_data_dir_adds_the_conflict_count_and_keeps_the_data(
    workspace: Workspace, data_paths: AppPaths, fake_clock
) -> None:
    from lapor_desktop.domain.summary import Queue
    from tests.lapor_desktop.services.conflict_support import record_conflict

    first = _register(workspace, "Jalan rusak di Desa Kolor")
    CaseService(workspace).note(first, "Sudah dicek")
    second = _register(workspace, "Lampu jalan padam")
    conflicted = CaseService(workspace).find_case(second).id
    record_conflict(workspace, conflicted, "summary", "Ringkasan dari perangkat lain")
    workspace.close()
    database = data_paths.database
    _migrate(database, "0002", down=True)  # the file as the previous release left it
    con = sqlite3.connect(database)
    try:
        columns = {r[1] for r in con.execute('PRAGMA table_info("case")')}
        assert "open_conflicts" not in columns
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        before = con.execute(
            'SELECT row_id, id, version, doc FROM "case" ORDER BY row_id'
        ).fetchall()
    finally:
        con.close()

    ws = open_workspace(data_paths, fake_clock)
    try:
        assert schema.current_revision(ws.db.engine) == schema.HEAD_REVISION
        with ws.db.read() as uow:
            rows = uow.session.execute(
                text('SELECT row_id, id, version, doc, open_conflicts FROM "case" ORDER BY row_id')
            ).all()
            indexes = {r[1] for r in uow.session.execute(text('PRAGMA index_list("case")'))}
            assert uow.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert [tuple(r[:4]) for r in rows] == before
        # Counted from the documents: the one conflict recorded before the upgrade is there.
        assert {r[1]: r[4] for r in rows} == {r[1]: 0 for r in rows} | {conflicted: 1}
        assert "ix_case_open_conflicts" in indexes
        assert QueryService(ws).queue_counts()[Queue.CONFLICTS] == 1
        assert [e.kind for e in CaseService(ws).detail(first).timeline] == ["created", "note"]
        assert [r.register_no for r in QueryService(ws).search("kolor")] == [first]
        assert _register(ws, "Air PDAM mati").endswith("/00003")
    finally:
        ws.close()


def test_a_data_dir_another_program_keeps_locked_is_reported_busy_not_damaged(
    workspace: Workspace, data_paths: AppPaths, fake_clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening while another process holds the database: "busy, try again", and the upgrade
    path (which would take a write lock) is never entered."""
    workspace.close()
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(data_paths.database, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(WorkspaceError, match="busy"):
            open_workspace(data_paths, fake_clock)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    open_workspace(data_paths, fake_clock).close()  # free again: opens as usual
