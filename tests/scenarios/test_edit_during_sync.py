"""Scenario 10, an edit made between push-send and ack (DHIS2 UPLOADING→TO_UPDATE): it is not
acked by the answer of the batch in flight, stays pending and shown, and goes next.
tests/sync/test_run.py::test_acks_go_by_op_id_… does it before the send through the progress
callback; here the edit lands while the request is held in flight by the proxy."""

from __future__ import annotations

import threading
import time

from sync.engine import SyncProgress, SyncReport
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Fleet, outbox_rows
from tests.scenarios.invariants import check_invariants
from tests.support.fault_proxy import FaultProxy, delay


def test_an_edit_made_while_the_push_is_in_flight_stays_pending_and_goes_next_run(
    fleet: Fleet, proxy: FaultProxy
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    (case,) = register(a, 1, "Judul awal")
    a.sync()
    c.sync()
    service(a).edit(case.id, {"title": "Judul pertama"})
    proxy.add_fault(delay(1.0), method="POST", path="/sync/v1/push")
    sent = threading.Event()
    acked = threading.Event()
    states_at_ack: list[str] = []

    def watch(event: SyncProgress) -> None:
        if event.phase == "push" and event.bytes_done == 0 and event.bytes_total > 0:
            sent.set()  # the batch is read and on its way
        elif event.phase == "push" and event.bytes_done > 0 and not acked.is_set():
            states_at_ack.extend(state for seq, _o, _t, state in outbox_rows(a.ws) if seq == 3)
            acked.set()

    result: list[SyncReport | BaseException] = []

    def run() -> None:
        try:
            result.append(a.through(proxy, progress=watch, cancel=acked.is_set))
        except BaseException as error:  # reported below
            result.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    assert sent.wait(30)
    time.sleep(0.2)  # the request is now held in the proxy
    service(a).edit(case.id, {"title": "Judul kedua"})  # device_seq 3, made mid-flight
    worker.join(30)
    (first,) = result
    assert isinstance(first, SyncReport) and first.cancelled  # stopped after that one batch
    assert states_at_ack == ["pending"]  # the batch's ack did not touch the new edit
    assert first.applied == 1 and first.pending_after == 1
    assert service(a).find_case(case.id).title == "Judul kedua"  # shown while pending

    second = a.sync()
    assert second.applied == 1 and second.pending_after == 0
    check_invariants(fleet.server, [a, c])
    assert service(c).find_case(case.id).title == "Judul kedua"
