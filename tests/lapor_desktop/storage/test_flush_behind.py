"""FlushBehind: syncs a file being loaded on its own thread, and lets go of it after."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from lapor_desktop.storage.flush_behind import FlushBehind

pytestmark = pytest.mark.skipif(not hasattr(os, "fdatasync"), reason="no fdatasync here")


def _open_fds() -> int:
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


def test_a_load_nudged_between_batches_commits_whole_and_the_file_is_let_go(
    tmp_path: Path,
) -> None:
    path = tmp_path / "load.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    before = _open_fds()
    with FlushBehind(path) as behind:
        assert _open_fds() == before + 1  # its own descriptor of the file
        db.execute("PRAGMA cache_size = -64")  # small: pages reach the file mid-transaction
        db.execute("BEGIN")
        for batch in range(20):
            db.executemany("INSERT INTO t (body) VALUES (?)", [("x" * 500,) for _ in range(200)])
            behind.nudge()
            if batch == 0:
                assert behind.started == 1
        db.execute("COMMIT")
    assert _open_fds() == before  # its descriptor and thread are gone
    started = behind.started
    behind.nudge()  # after the load: nothing is started on a closed file
    assert behind.started == started
    db.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check.execute("SELECT count(*) FROM t").fetchone() == (4000,)
    check.close()


def test_a_missing_file_is_refused_at_once(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), FlushBehind(tmp_path / "absent.db"):
        pass
