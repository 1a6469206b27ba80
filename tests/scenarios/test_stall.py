"""Scenario 4, stall and slow loris: the client gives up on silence (the read timeout is per
socket read), not on a transfer that is slow but moving; a request delivered late, after the
client gave up and resent, is still applied once."""

from __future__ import annotations

import pytest

from sync.errors import Unreachable
from tests.scenarios.cases import register, service
from tests.scenarios.faults import ONE_SHOT, run_may_fail
from tests.scenarios.fleet import FAST_RETRY, Fleet, outbox_states
from tests.scenarios.invariants import check_invariants
from tests.support.fault_proxy import FaultProxy, delay, stall_response, trickle_response

PUSH = "/sync/v1/push"
CHANGES = "/sync/v1/changes"
READ = 1.0  # seconds of silence that count as a stall here


def test_a_stalled_push_answer_times_out_and_the_next_run_gets_the_stored_results(
    fleet: Fleet, proxy: FaultProxy
) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 3)
    proxy.add_fault(stall_response(0, 3 * READ), method="POST", path=PUSH)
    with pytest.raises(Unreachable, match="timed out"):
        a.through(proxy, client_options={"retry": ONE_SHOT, "read_timeout": READ})
    assert "pending" in outbox_states(a.ws).values()
    report = a.through(proxy)
    assert report.applied == 3 and report.pending_after == 0
    check_invariants(fleet.server, [a])


def test_a_stalled_changes_page_times_out_and_the_pull_resumes_from_its_cursor(
    fleet: Fleet, proxy: FaultProxy
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    register(a, 5)
    a.sync()
    proxy.add_fault(stall_response(200, 3 * READ), method="GET", path=CHANGES)
    failed = run_may_fail(c, proxy, client_options={"read_timeout": READ})
    assert isinstance(failed, Unreachable)
    assert c.cursors[-1] == 0  # the stalled page was not taken
    c.through(proxy)
    check_invariants(fleet.server, [a, c])


def test_a_slow_but_moving_answer_is_not_a_stall(fleet: Fleet, proxy: FaultProxy) -> None:
    """The hello answer trickles in 40-byte pieces every 0.2 s: far longer in total than the
    read timeout, but never silent that long, so the run completes."""
    a = fleet.enroll("a", "ani")
    register(a, 1)
    proxy.add_fault(trickle_response(40, 0.2), method="POST", path="/sync/v1/hello")
    # Retries allowed, but the hello must have been asked once: a trickle taken for a stall
    # would show as a second hello. (With one attempt for everything, a loaded machine failed
    # the run on /master missing the 1 s read timeout, which is not what this test is about.)
    report = a.through(proxy, client_options={"retry": FAST_RETRY, "read_timeout": READ})
    assert report.applied == 1
    assert proxy.stats.for_prefix("/sync/v1/hello").exchanges == 1
    assert proxy.stats.for_prefix("/sync/v1/hello").bytes_down > 40 * (READ / 0.2) * 1.5
    check_invariants(fleet.server, [a])


def test_a_slow_loris_slower_than_the_read_timeout_is_cut_and_resumed(
    fleet: Fleet, proxy: FaultProxy
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    register(a, 2)
    a.sync()
    # 1 byte per 1.5 s: each read waits longer than the 1 s read timeout.
    proxy.add_fault(trickle_response(1, 1.5 * READ), method="GET", path=CHANGES)
    # On a loaded machine an earlier request (hello, master data) can miss the 1 s read timeout
    # first, leaving the trickle armed for the resume below, which would then crawl for
    # minutes: run until the page was really trickled, and disarm it before resuming.
    for _attempt in range(3):
        failed = run_may_fail(c, proxy, client_options={"read_timeout": READ})
        assert isinstance(failed, Unreachable)
        if proxy.stats.for_prefix(CHANGES).exchanges:
            break
    assert proxy.stats.for_prefix(CHANGES).exchanges, "the changes page was never asked for"
    proxy.clear()
    c.through(proxy)
    check_invariants(fleet.server, [a, c])


def test_a_push_delivered_late_after_the_client_resent_it_applies_once(
    fleet: Fleet, proxy: FaultProxy
) -> None:
    """The first push is held back longer than the read timeout: the client gives up and
    resends, and the held copy reaches the server afterwards, racing the resend."""
    a = fleet.enroll("a", "ani")
    cases = register(a, 4)
    service(a).note(cases[0].id, "Catatan")
    proxy.add_fault(delay(2 * READ), method="POST", path=PUSH)
    report = a.through(proxy, client_options={"retry": FAST_RETRY, "read_timeout": READ})
    assert report.pending_after == 0
    assert set(outbox_states(a.ws).values()) == {"applied"}
    check_invariants(fleet.server, [a])
