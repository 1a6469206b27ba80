"""Demo data: deterministic per seed, realistic spread, and every case a state the rules allow."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from lapor_desktop.domain.case_codec import case_from_json
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.ops import iso
from lapor_desktop.domain.sla import Stage, evaluate
from lapor_desktop.paths import AppPaths
from lapor_desktop.progress import Cancelled, CancelToken, Progress
from lapor_desktop.services.demo import generate_demo
from lapor_desktop.services.queries import QueryService
from lapor_desktop.services.workspace import WorkspaceError, open_workspace
from tests.conftest import WIB, FakeClock

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=WIB)
CASES = 1200  # several chunks, so the worker processes are exercised too


def _rows(path: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute('SELECT register_no, doc FROM "case" ORDER BY row_id').fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[AppPaths, AppPaths, dict]:
    root = tmp_path_factory.mktemp("demo")
    first, second = AppPaths(root / "a"), AppPaths(root / "b")
    report = generate_demo(first, FakeClock(NOW), cases=CASES, seed=7)
    generate_demo(second, FakeClock(NOW), cases=CASES, seed=7)
    return first, second, report


def test_the_same_seed_and_clock_give_the_same_data(demo_dirs) -> None:
    first, second, _ = demo_dirs
    assert _rows(first.database) == _rows(second.database)


def test_a_different_seed_gives_different_data(tmp_path: Path, demo_dirs) -> None:
    first, _, _ = demo_dirs
    other = AppPaths(tmp_path / "c")
    generate_demo(other, FakeClock(NOW), cases=CASES, seed=8)
    assert _rows(other.database) != _rows(first.database)


def test_demo_data_is_a_realistic_spread(demo_dirs) -> None:
    first, _, report = demo_dirs
    cases = [case_from_json(json.loads(doc)) for _, doc in _rows(first.database)]
    assert len(cases) == CASES == report["cases"]
    statuses = Counter(c.status for c in cases)
    assert statuses[CaseStatus.RESOLVED] > CASES * 0.3
    for status in (
        CaseStatus.RECEIVED,
        CaseStatus.DISPOSED,
        CaseStatus.AWAITING_REPORTER,
        CaseStatus.FORWARDED,
        CaseStatus.ARCHIVED,
        CaseStatus.CLOSED_INCOMPLETE,
    ):
        assert statuses[status] > 0, status
    assert len({c.channel for c in cases}) >= 7
    years = {c.received_at.astimezone(WIB).year for c in cases}
    assert years == {2023, 2024, 2025, 2026}
    outcomes = Counter(k.met for c in cases for k in c.clocks if k.completed_at is not None)
    assert outcomes[True] > outcomes[False] > 0  # mostly on time, some late
    assert sum(c.anonymous for c in cases) > 0
    assert all(c.reporter is None for c in cases if c.anonymous)
    # Register numbers run 1..n per year, in receipt order.
    per_year = Counter(c.register_no.split("/")[1] for c in cases)
    for year, n in per_year.items():
        numbers = sorted(
            int(c.register_no.split("/")[2]) for c in cases if c.register_no.split("/")[1] == year
        )
        assert numbers == list(range(1, n + 1))


def test_each_stored_next_deadline_is_the_nearest_open_operator_deadline(demo_dirs) -> None:
    # The queues sort by these columns; evaluate() is the reference the case view shows.
    first, _, _ = demo_dirs
    workspace = open_workspace(first, FakeClock(NOW))
    try:
        ref, tz = workspace.reference(), workspace.tz
    finally:
        workspace.close()
    con = sqlite3.connect(first.database)
    try:
        rows = con.execute('SELECT doc, next_due_at, next_due_stage, paused FROM "case"').fetchall()
    finally:
        con.close()
    stages = {Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION}
    paused_seen = 0
    for doc, due_at, stage, paused in rows:
        case = case_from_json(json.loads(doc))
        open_ones = [
            evaluate(c, ref.rulebook, ref.calendar, tz, case.pauses, NOW)
            for c in case.clocks
            if c.is_open and c.stage in stages
        ]
        nearest = min(open_ones, key=lambda x: x.due_at, default=None)
        assert (due_at, stage) == (
            (iso(nearest.due_at), nearest.stage.value) if nearest else (None, None)
        ), case.register_no
        assert paused == (case.status is CaseStatus.NEEDS_INFO)
        paused_seen += paused
    assert paused_seen > 0  # a waiting case's clocks ran under a pause


def test_demo_timeline_and_search_index_cover_every_case(demo_dirs) -> None:
    first, _, _ = demo_dirs
    con = sqlite3.connect(first.database)
    try:
        assert con.execute("SELECT count(*) FROM case_fts").fetchone()[0] == CASES
        created = con.execute("SELECT count(*) FROM case_event WHERE kind='created'").fetchone()
        assert created[0] == CASES
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Demo histories are not operator actions: nothing is queued for the server.
        assert con.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    finally:
        con.close()


def test_demo_refuses_a_data_dir_in_use(demo_dirs) -> None:
    first, _, _ = demo_dirs
    with pytest.raises(WorkspaceError, match="already has data"):
        generate_demo(first, FakeClock(NOW), cases=10, seed=1)


def test_demo_reports_progress_and_a_cancel_leaves_no_data_dir(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "demo")
    token = CancelToken()
    seen: list[tuple[int, int]] = []

    def report(done: int, total: int, _label: str) -> None:
        seen.append((done, total))
        token.cancel()  # the operator presses Cancel after the first chunk

    with pytest.raises(Cancelled):
        generate_demo(
            paths,
            FakeClock(NOW),
            cases=CASES,
            seed=7,
            progress=Progress(token, report, min_interval_s=0),
        )

    assert seen and seen[0][1] == CASES and 0 < seen[0][0] < CASES
    assert not paths.database.exists() and not paths.data_dir.exists()


def test_demo_progress_reaches_the_total(tmp_path: Path) -> None:
    seen: list[int] = []
    generate_demo(
        AppPaths(tmp_path / "demo"),
        FakeClock(NOW),
        cases=600,
        seed=2,
        progress=Progress(report=lambda done, _total, _label: seen.append(done), min_interval_s=0),
    )
    assert seen == sorted(seen) and seen[-1] == 600


def test_the_load_writes_its_pages_once_and_leaves_a_wal_data_dir(tmp_path: Path) -> None:
    """Loaded through a rollback journal (no WAL copy, no checkpoint), then back in WAL."""
    paths = AppPaths(tmp_path / "demo")
    wal = Path(f"{paths.database}-wal")
    wal_sizes: list[int] = []

    def report(_done: int, _total: int, _label: str) -> None:
        wal_sizes.append(wal.stat().st_size if wal.exists() else 0)

    generate_demo(
        paths,
        FakeClock(NOW),
        cases=CASES,
        seed=3,
        progress=Progress(report=report, min_interval_s=0),
    )

    assert len(wal_sizes) > 1 and set(wal_sizes) == {0}
    assert not Path(f"{paths.database}-journal").exists()
    con = sqlite3.connect(paths.database)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute('SELECT count(*) FROM "case"').fetchone() == (CASES,)
    finally:
        con.close()
    workspace = open_workspace(paths, FakeClock(NOW))
    try:
        assert len(QueryService(workspace).search("jalan")) > 0
    finally:
        workspace.close()
