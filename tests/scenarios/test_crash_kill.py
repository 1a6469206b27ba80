"""Scenario 3, the client killed by SIGKILL at each crash point (`LAPOR_SYNC_CRASH_AT`).

tests/sync/test_crash_points.py already proves that one data dir killed at every point in
turn completes on the next run (integrity, each op once). This adds, per point on a fresh
fleet: work of every kind (cases, notes, a two-chunk photo, a disposition to another office),
the kill, the database intact, then the six invariants across the sending and receiving
office after the next runs.
"""

from __future__ import annotations

import random
import signal
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sync.crash import CRASH_ENV, POINTS
from tests.scenarios.cases import dispose_to, register, service
from tests.scenarios.fleet import Fleet
from tests.scenarios.invariants import check_invariants, server_dupes
from tests.sync.cli_support import desktop


@pytest.mark.parametrize("point", sorted(POINTS))
def test_a_run_killed_at_a_crash_point_loses_and_doubles_nothing(
    point: str, fleet: Fleet, tmp_path: Path
) -> None:
    a, b = fleet.enroll("a", "ani"), fleet.enroll("b", "budi")
    cases = register(a, 4)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(random.Random(3).randbytes(700_000))  # two chunks
    service(a).attach(cases[0].id, photo)
    service(a).note(cases[1].id, "Sudah ditelepon.")
    dispose_to(a, cases[2].id, "DPU")
    if point == "mid_page_apply":
        a.sync()  # the crashing run must receive a page of several changes: B's
        for case in cases[:3]:
            service(a).note(case.id, "Catatan sebelum mati listrik")
        b.sync()
        service(b).follow_up(cases[2].id, "Survei lokasi")
        register(b, 3, "Dari DPU")
        b.sync()

    crashed = desktop(
        "sync", "--retries", "2", data_dir=a.ws.paths.data_dir, env={CRASH_ENV: point}
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.describe()
    a.record()
    with closing(sqlite3.connect(a.ws.paths.database)) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    server_dupes(fleet.server)

    check_invariants(fleet.server, [a, b])
    assert service(b).find_case(cases[2].id).holder_office == "DPU"
    assert len(service(a).find_case(cases[0].id).attachments) == 1
