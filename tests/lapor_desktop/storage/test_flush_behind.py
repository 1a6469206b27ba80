"""FlushBehind: syncs a file being loaded on its own thread, and lets go of it after."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from lapor_desktop.storage.flush_behind import FlushBehind

pytestmark = pytest.mark.skipif(not hasattr(os, "fdatasync"), reason="no fdatasync here")


def _descriptors_of(path: Path) -> int:
    """This process's open descriptors of `path` (other threads' sockets do not count)."""
    found = 0
    for fd in Path("/proc/self/fd").iterdir():
        try:
            found += fd.resolve() == path.resolve()
        except OSError:
            continue  # closed meanwhile
    return found


def test_a_load_nudged_between_batches_commits_whole_and_the_file_is_let_go(
    tmp_path: Path,
) -> None:
    path = tmp_path / "load.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    before = _descriptors_of(path)  # the sqlite3 connection's
    with FlushBehind(path) as behind:
        assert _descriptors_of(path) == before + 1  # its own descriptor of the file
        db.execute("PRAGMA cache_size = -64")  # small: pages reach the file mid-transaction
        db.execute("BEGIN")
        for batch in range(20):
            db.executemany("INSERT INTO t (body) VALUES (?)", [("x" * 500,) for _ in range(200)])
            behind.nudge()
            if batch == 0:
                assert behind.started == 1
        db.execute("COMMIT")
    assert _descriptors_of(path) == before  # its descriptor is closed
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
