"""Scenario 5, concurrent syncs on one data dir: while one run is in flight (its push held
back by the proxy), a second run, from the same workspace or from a second app instance on
the same data dir, is refused at once; nothing is pushed twice."""

from __future__ import annotations

import threading

import pytest

from lapor_desktop.services.workspace import open_workspace
from sync.engine import SyncReport
from sync.errors import SyncBusy
from tests.scenarios.cases import register
from tests.scenarios.fleet import Client, Fleet, outbox_states
from tests.scenarios.invariants import check_invariants
from tests.support.fault_proxy import FaultProxy, delay


@pytest.mark.parametrize("second", ["same workspace", "second app instance"])
def test_a_second_run_while_one_is_in_flight_is_refused_and_nothing_doubles(
    second: str, fleet: Fleet, proxy: FaultProxy
) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 6)
    proxy.add_fault(delay(1.5), method="POST", path="/sync/v1/push")
    in_push = threading.Event()
    finished: list[SyncReport | BaseException] = []

    def first_run() -> None:
        try:
            finished.append(
                a.through(proxy, progress=lambda e: in_push.set() if e.phase == "push" else None)
            )
        except BaseException as error:  # reported to the test thread below
            finished.append(error)

    worker = threading.Thread(target=first_run)
    worker.start()
    assert in_push.wait(30), "the first run never reached its push"
    other = a
    if second == "second app instance":
        other = Client("a2", open_workspace(a.ws.paths, fleet.clock), fleet.server)
    try:
        with pytest.raises(SyncBusy, match="already running"):
            other.sync()
    finally:
        worker.join(30)
        if other is not a:
            other.ws.close()
    (outcome,) = finished
    assert isinstance(outcome, SyncReport), outcome
    assert outcome.applied == 6
    assert set(outbox_states(a.ws).values()) == {"applied"}
    check_invariants(fleet.server, [a])
