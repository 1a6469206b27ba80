"""Scenario 12, clock chaos: PCs whose clocks are three days ahead or behind, and one whose
clock jumps back mid-run. The server only warns; ordering and merges follow the device
sequence, the base versions and the order of arrival, never the clocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.engine import SyncProgress
from tests.conftest import FakeClock
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Fleet, outbox_rows, start_server
from tests.scenarios.invariants import check_invariants
from tests.support.live_server import LiveServer


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    """The server's clock agrees with the tests' START (only the PCs' clocks are wrong)."""
    clock = FakeClock()
    live = start_server(tmp_path / "server", clock=clock)
    yield live
    live.stop(wait=False)


def _skew_warned(warnings: list[str]) -> bool:
    return any("clock" in w for w in warnings)


def test_clocks_three_days_off_only_warn_and_change_no_outcome(fleet: Fleet) -> None:
    ahead, behind = FakeClock(), FakeClock()
    ahead.advance(days=3)
    behind.advance(days=-3)
    a = fleet.enroll("a", "ani", clock=ahead)
    c = fleet.enroll("c", "citra", clock=behind)
    b = fleet.enroll("b", "budi")  # the right time
    (case,) = register(a, 1, "Judul awal")
    first = a.sync()
    assert _skew_warned(first.warnings) and first.applied == 1
    assert not _skew_warned(b.sync().warnings)

    c.sync()
    # "Later" on the clocks is Ani (+3 days); Citra's edit (-3 days) arrives first and wins.
    service(c).edit(case.id, {"title": "Judul Citra"})
    service(a).edit(case.id, {"title": "Judul Ani"})
    assert c.sync().applied == 1
    late = a.sync()
    assert late.conflicts == 1  # by arrival and base version, whatever the clocks say
    shown = service(a).find_case(case.id)
    assert shown.title == "Judul Citra"
    assert [(x.field, x.ours) for x in shown.open_conflicts] == [("title", "Judul Ani")]
    # The timeline keeps each PC's own time for display: six days apart, as typed.
    stamps = [e.at for e in service(c).detail(case.id).timeline]
    assert max(stamps) - min(stamps) >= ahead() - behind()
    check_invariants(fleet.server, [a, c, b])


def test_a_clock_going_back_mid_run_keeps_the_device_order(fleet: Fleet) -> None:
    clock = FakeClock()
    a = fleet.enroll("a", "ani", clock=clock)
    (case,) = register(a, 1)
    service(a).note(case.id, "Catatan pertama")
    jumped: list[bool] = []

    def jump_back(event: SyncProgress) -> None:
        if event.phase == "push" and not jumped:
            clock.advance(hours=-26)  # e.g. a CMOS battery reset, or a DST-like jump
            service(a).note(case.id, "Catatan kedua, jam mundur")
            jumped.append(True)

    a.sync(progress=jump_back, start_batch=10)
    a.sync()
    seqs = [seq for seq, _o, _t, state in outbox_rows(a.ws) if state == "applied"]
    assert seqs == [1, 2, 3]
    notes = [e.summary for e in service(a).detail(case.id).timeline if e.kind == "note"]
    assert len(notes) == 2
    check_invariants(fleet.server, [a])
