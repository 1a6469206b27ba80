"""`restore` refuses while another process has the data dir open, and then nothing has changed.

The other process is real: a Python process that opens the data dir as the window does and
waits. Killed with SIGKILL (no close, no clean-up), it leaves no lock behind: the OS drops it.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.cli.cli_support import (
    add_case,
    check_usage_error,
    cli_env,
    copy_data_dir,
    files_under,
    init_office,
    ok,
    ok_json,
    run,
)

IN_USE = "sedang dibuka oleh program LAPOR lain"
# Opens the data dir the way ui/app.py does (a Workspace for its lifetime), says so, waits.
HOLDER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.workspace import open_workspace
workspace = open_workspace(AppPaths(Path(sys.argv[1])), lambda: datetime.now(UTC))
print("open", flush=True)
sys.stdin.readline()
workspace.close()
"""


@contextmanager
def holder(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=data_dir.parent,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "open", "the holder never opened the data dir"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=60)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A data dir with one case in its backups (archive and bare .db) and one entered later."""
    root = tmp_path_factory.mktemp("office")
    data = root / "data"
    init_office(data)
    first = add_case(data, "--title", "Sebelum cadangan")
    archive = root / "usb" / "cadangan.zip"
    ok_json("backup", archive, data_dir=data)
    bare = root / "usb" / "lapor-lama.db"
    with (
        closing(sqlite3.connect(data / "lapor.db")) as source,
        closing(sqlite3.connect(bare)) as to,
    ):
        source.backup(to)
    later = add_case(data, "--title", "Sesudah cadangan")
    return {"dir": data, "first": first, "later": later, "archive": archive, "database": bare}


@pytest.mark.parametrize("kind", ["archive", "database"])
def test_restore_refuses_while_another_process_has_the_data_dir_open(
    office: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    data = copy_data_dir(office["dir"], tmp_path / "data")
    backup = office[kind]
    with holder(data) as proc:
        before = files_under(data, with_dirs=True)
        message = check_usage_error(run("restore", backup, data_dir=data))  # status 2, one line
        assert IN_USE in message and str(data) in message, message
        # lapor.db and every other file byte-identical
        assert files_under(data, with_dirs=True) == before
        proc.send_signal(signal.SIGKILL)  # dies holding it: no close, no clean-up
        proc.wait(timeout=60)

    restored = ok_json("restore", backup, data_dir=data)
    assert restored["kind"] == kind
    assert restored["previous"] == str(data / "lapor.db.before-restore")
    listed = ok_json("case", "list", data_dir=data)
    assert [r["id"] for r in listed] == [office["first"]["id"]]
    assert not (data / "lapor.lock").exists()  # the dead holder's file went with the restore


def test_a_closed_holder_lets_restore_through_and_backup_never_waits(
    office: dict[str, Any], tmp_path: Path
) -> None:
    data = copy_data_dir(office["dir"], tmp_path / "data")
    with holder(data) as proc:
        # A backup is online: it works while the window is open.
        ok_json("backup", tmp_path / "selagi-terbuka.zip", data_dir=data)
        assert proc.stdin is not None
        proc.stdin.write("\n")  # the window closes normally
        proc.stdin.flush()
        assert proc.wait(timeout=60) == 0
    assert not (data / "lapor.lock").exists()
    text = ok("restore", tmp_path / "selagi-terbuka.zip", data_dir=data).stdout
    assert "Dipulihkan dari" in text
    listed = ok_json("case", "list", data_dir=data)
    assert {r["id"] for r in listed} == {office["first"]["id"], office["later"]["id"]}
