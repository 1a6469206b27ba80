"""Crash safety: a writer killed with SIGKILL mid-run leaves a consistent database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace, open_workspace

WRITER = Path(__file__).with_name("crash_writer.py")
REPO = Path(__file__).resolve().parents[3]
TOTAL = 1000
KILL_AFTER = 100


def _case_count(database: Path) -> int:
    """Counted through a read-only connection, so the watcher never writes."""
    try:
        con = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(con.execute('SELECT count(*) FROM "case"').fetchone()[0])
    except sqlite3.OperationalError:  # busy for a moment: try again on the next poll
        return 0
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_writer_killed_mid_run_leaves_every_case_with_its_outbox_entry(
    workspace: Workspace, data_paths: AppPaths, fake_clock
) -> None:
    workspace.close()
    env = dict(
        os.environ,
        LAPOR_NOW="2026-03-02T09:00+07:00",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_paths.data_dir), str(TOTAL)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while _case_count(data_paths.database) <= KILL_AFTER:
            if writer.poll() is not None:
                pytest.fail(f"the writer stopped by itself: {writer.stderr.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail("the writer made too little progress")
            time.sleep(0.005)
        os.kill(writer.pid, signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        writer.stdout.close()
        writer.stderr.close()

    ws = open_workspace(data_paths, fake_clock)
    try:
        with ws.db.read() as uow:
            run = lambda sql: uow.session.execute(text(sql)).all()  # noqa: E731
            assert run("PRAGMA integrity_check") == [("ok",)]
            assert run("PRAGMA foreign_key_check") == []
            case_ids = [r[0] for r in run('SELECT id FROM "case"')]
            create_ids = [
                r[0] for r in run("SELECT entity_id FROM outbox WHERE op_type = 'case.create'")
            ]
            created_events = [
                r[0] for r in run("SELECT case_id FROM case_event WHERE kind = 'created'")
            ]
            other_ops = run("SELECT count(*) FROM outbox WHERE op_type != 'case.create'")
            device_seqs = [r[0] for r in run("SELECT device_seq FROM outbox ORDER BY 1")]
            registers = sorted(r[0] for r in run('SELECT register_no FROM "case"'))
            last = run("SELECT last FROM number_sequence WHERE name = 'register:DINSOS'")
            indexed = run('SELECT count(*) FROM case_fts JOIN "case" ON row_id = case_fts.rowid')
        n = len(case_ids)
        assert KILL_AFTER < n < TOTAL
        # Each case has exactly its create entry and its 'created' event, and nothing else has.
        assert len(set(case_ids)) == n
        assert sorted(create_ids) == sorted(case_ids)
        assert sorted(created_events) == sorted(case_ids)
        assert other_ops == [(0,)]
        assert device_seqs == list(range(1, n + 1))
        # Gap-free numbers, and the counter burned none.
        assert registers == [f"DINSOS/2026/{i:05d}" for i in range(1, n + 1)]
        assert last == [(n,)]
        assert indexed == [(n,)]

        # The data dir carries on where it stopped.
        after = CaseService(ws).register(
            NewCase(
                title="Setelah listrik padam",
                text="Lanjut bekerja",
                channel="walk_in",
                category="Bantuan Sosial",
            )
        )
        assert after.register_no == f"DINSOS/2026/{n + 1:05d}"
    finally:
        ws.close()
