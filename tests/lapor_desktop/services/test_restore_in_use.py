"""A restore refuses while a Workspace has the data dir open, in this process or another.

Restoring under an open Workspace would lose what it writes afterwards (POSIX: into the renamed
old file and an unlinked WAL); the use lock (storage.dir_lock) makes restore refuse instead.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from lapor_desktop.paths import AppPaths
from lapor_desktop.services import maintenance
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.demo import generate_demo
from lapor_desktop.services.errors import MaintenanceError, WorkspaceError
from lapor_desktop.services.workspace import Workspace, open_workspace
from lapor_desktop.storage import dir_lock
from tests.cli.cli_support import files_under
from tests.conftest import FakeClock

IN_USE = "sedang dibuka oleh program LAPOR lain"


def _new(title: str) -> NewCase:
    return NewCase(
        title=title,
        text="Jalan di depan balai desa berlubang sejak bulan lalu.",
        channel="whatsapp",
        category="Transportasi",
    )


def _cases(paths: AppPaths) -> list[str]:
    with closing(sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)) as con:
        return [r[0] for r in con.execute('SELECT title FROM "case" ORDER BY title')]


@pytest.fixture
def backed_up(workspace: Workspace, fake_clock: FakeClock, tmp_path: Path) -> Path:
    """One case in the backup, a second one entered after it."""
    CaseService(workspace).register(_new("Sebelum cadangan"))
    backup = tmp_path / "usb" / "cadangan.zip"
    maintenance.backup(workspace.paths, backup, fake_clock())
    CaseService(workspace).register(_new("Sesudah cadangan"))
    return backup


def test_restore_refuses_while_a_workspace_is_open_and_works_after_close(
    workspace: Workspace, backed_up: Path
) -> None:
    paths = workspace.paths
    before = files_under(paths.data_dir, with_dirs=True)
    with pytest.raises(MaintenanceError, match=IN_USE) as refused:
        maintenance.restore(paths, backed_up)
    assert str(paths.data_dir) in str(refused.value)
    assert "\n" not in str(refused.value)
    # Not a byte changed, no staging left.
    assert files_under(paths.data_dir, with_dirs=True) == before
    # The open workspace goes on working, and what it enters stays.
    CaseService(workspace).register(_new("Ditulis setelah penolakan"))
    assert "Ditulis setelah penolakan" in _cases(paths)

    workspace.close()
    assert not dir_lock.lock_path(paths.data_dir).exists()  # the last one out removes it
    summary = maintenance.restore(paths, backed_up)
    assert summary.previous == paths.data_dir / "lapor.db.before-restore"
    assert _cases(paths) == ["Sebelum cadangan"]
    assert not dir_lock.lock_path(paths.data_dir).exists()


def test_a_bare_database_restore_refuses_too_before_it_stages_anything(
    workspace: Workspace, backed_up: Path, tmp_path: Path
) -> None:
    paths = workspace.paths
    bare = tmp_path / "usb" / "lapor-lama.db"
    with closing(sqlite3.connect(paths.database)) as source, closing(sqlite3.connect(bare)) as to:
        source.backup(to)
    before = files_under(paths.data_dir, with_dirs=True)
    with pytest.raises(MaintenanceError, match=IN_USE):
        maintenance.restore(paths, bare)
    assert files_under(paths.data_dir, with_dirs=True) == before  # no lapor.db.restoring either
    workspace.close()
    assert maintenance.restore(paths, bare).kind == "database"


def test_two_workspaces_on_one_data_dir_both_work_and_both_keep_restore_out(
    workspace: Workspace, backed_up: Path, fake_clock: FakeClock
) -> None:
    paths = workspace.paths
    second = open_workspace(paths, fake_clock)
    try:
        CaseService(workspace).register(_new("Dari jendela"))
        CaseService(second).register(_new("Dari perintah"))
        assert {"Dari jendela", "Dari perintah"} <= set(_cases(paths))
        workspace.close()
        with pytest.raises(MaintenanceError, match=IN_USE):  # the second still has it open
            maintenance.restore(paths, backed_up)
        assert dir_lock.lock_path(paths.data_dir).exists()
    finally:
        second.close()
    maintenance.restore(paths, backed_up)
    assert _cases(paths) == ["Sebelum cadangan"]


def test_a_data_dir_being_restored_does_not_open(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    paths = workspace.paths
    workspace.close()
    restoring = dir_lock.hold_exclusive(paths.data_dir)  # what restore holds while it works
    try:
        with pytest.raises(WorkspaceError, match="being restored"):
            open_workspace(paths, fake_clock)
    finally:
        restoring.release()
    open_workspace(paths, fake_clock).close()


def test_an_unusable_lock_file_opens_with_a_warning_and_restore_refuses(
    workspace: Workspace,
    backed_up: Path,
    fake_clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    paths = workspace.paths
    workspace.close()
    # A lock file that cannot be opened or made (tests run as root, so no chmod): a link to a
    # folder that does not exist.
    dir_lock.lock_path(paths.data_dir).symlink_to(paths.data_dir / "gone" / "lapor.lock")
    with caplog.at_level(logging.WARNING, logger="lapor_desktop.services.workspace"):
        opened = open_workspace(paths, fake_clock)
    try:
        assert "opened without its use lock" in caplog.text
        CaseService(opened).register(_new("Tetap bisa bekerja"))
    finally:
        opened.close()
    before = files_under(paths.data_dir, with_dirs=True)
    # It cannot know whether the dir is in use, so it does not claim so, and changes nothing.
    with pytest.raises(MaintenanceError, match="cannot be locked for the restore"):
        maintenance.restore(paths, backed_up)
    assert files_under(paths.data_dir, with_dirs=True) == before


def test_a_demo_leaves_no_lock_behind_its_worker_processes(tmp_path: Path) -> None:
    # The demo forks a process pool while its workspace is open: the workers inherit the lock
    # file's descriptor. They are gone by the time the demo closes, and so is the lock.
    paths = AppPaths(tmp_path / "demo")
    clock = FakeClock()
    generate_demo(paths, clock, cases=1200, seed=3)  # several chunks: the pool is used
    assert not dir_lock.lock_path(paths.data_dir).exists()
    backup = tmp_path / "demo.zip"
    maintenance.backup(paths, backup, clock())
    assert maintenance.restore(paths, backup).kind == "archive"
