"""`lapor-desktop sync` killed by SIGKILL at each crash point, then run again: no op lost or
doubled on the server, the database intact, and everything in the end where it belongs."""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3
from contextlib import closing
from pathlib import Path

from lapor_desktop.services.cases import CaseService, NewCase
from sync.crash import CRASH_ENV, POINTS
from tests.support.live_server import LiveServer
from tests.sync.cli_support import desktop
from tests.sync.conftest import Desk
from tests.sync.server_view import blob_state, duplicate_events, processed_ops, server_counts

NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="whatsapp",
    category="Bantuan Sosial",
)


# In the order a run reaches them: each killed run gets one step further than the one before
# (and repeats what was not recorded), as a PC whose power keeps failing would.
SEQUENCE = (
    "after_local_commit",
    "mid_blob_chunk",
    "after_push_send",
    "after_ack_commit",
    "mid_page_apply",
)


def test_runs_killed_at_every_crash_point_are_completed_by_the_next(
    desk: Desk, offices: LiveServer, tmp_path: Path
) -> None:
    assert set(SEQUENCE) == POINTS
    ws = desk("a", "ani")
    service = CaseService(ws)
    cases = [service.register(NEW) for _ in range(3)]
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(random.Random(3).randbytes(700_000))  # two chunks
    service.attach(cases[0].id, photo)
    service.note(cases[1].id, "Sudah ditelepon.")
    data_dir = ws.paths.data_dir

    for point in SEQUENCE:
        crashed = desktop("sync", "--retries", "2", data_dir=data_dir, env={CRASH_ENV: point})
        assert crashed.returncode == -signal.SIGKILL, (point, crashed.describe())
        with closing(sqlite3.connect(data_dir / "lapor.db")) as con:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",), point
        assert all(n == 1 for n in processed_ops(offices).values()), point

    finished = desktop("sync", "--retries", "2", data_dir=data_dir)
    assert finished.returncode == 0, finished.describe()

    with closing(sqlite3.connect(data_dir / "lapor.db")) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        outbox = dict(con.execute("SELECT op_id, state FROM outbox"))
        outcomes = [r[0] for r in con.execute("SELECT outcome FROM sync_log ORDER BY id")]
        local_cases = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
        uploaded = con.execute("SELECT state, uploaded_bytes FROM blob").fetchall()
    assert len(outbox) == 5 and set(outbox.values()) == {"applied"}
    assert processed_ops(offices) == dict.fromkeys(outbox, 1)
    # The killed runs stay visible as interrupted ("running" with no end).
    assert outcomes == ["running"] * len(SEQUENCE) + ["ok"]
    assert server_counts(offices)["case"] == local_cases == 3
    assert duplicate_events(offices) == 0
    assert blob_state(offices, hashlib.sha256(photo.read_bytes()).hexdigest()) == "complete"
    assert uploaded == [("uploaded", 700_000)]
