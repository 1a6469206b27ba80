"""Scenario 2, the lost response after the server committed: the retry gets the STORED result
(the same status, version and conflict ids), never a second application."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from sqlalchemy import text

from sync.errors import SyncError
from tests.scenarios.cases import register, service
from tests.scenarios.faults import run_may_fail
from tests.scenarios.fleet import Client, Fleet, outbox_states
from tests.scenarios.invariants import check_invariants
from tests.support.fault_proxy import FaultProxy, drop_response
from tests.support.live_server import LiveServer

PUSH = "/sync/v1/push"


def _stored(server: LiveServer, client: Client) -> dict[str, dict[str, object]]:
    with server.engine.connect() as con:
        rows = con.execute(
            text("SELECT op_id, result FROM processed_op WHERE device_id = :d"),
            {"d": client.ws.device_id},
        )
        return {str(op): json.loads(result) for op, result in rows}


def _acked(client: Client) -> dict[str, dict[str, object]]:
    with closing(sqlite3.connect(client.ws.paths.database)) as con:
        rows = con.execute("SELECT op_id, result FROM outbox WHERE result IS NOT NULL")
        return {str(op): json.loads(result) for op, result in rows}


def test_a_push_answer_lost_after_commit_is_answered_from_the_stored_results(
    fleet: Fleet, proxy: FaultProxy
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")  # two PCs of DINSOS
    (case,) = register(a, 1, "Judul awal")
    a.sync()
    c.sync()
    service(c).edit(case.id, {"title": "Judul dari PC Citra"})
    c.sync()
    # A edits the same field from the old base (a conflict), adds a note and a new case.
    service(a).edit(case.id, {"title": "Judul dari PC Ani"})
    service(a).note(case.id, "Sudah ditelepon.")
    register(a, 1, "Baru")
    proxy.add_fault(drop_response(), method="POST", path=PUSH)

    lost = run_may_fail(a, proxy)
    assert isinstance(lost, SyncError)
    assert set(outbox_states(a.ws).values()) == {"applied", "pending"}  # no answer arrived
    committed = _stored(fleet.server, a)
    assert len(committed) == 4  # …but the server did commit the batch (and the first create)

    report = a.through(proxy)
    # The stored answers, as first given: the edit a conflict, the note merged (its base is
    # behind Citra's edit), the new case applied.
    assert (report.conflicts, report.merged, report.applied) == (1, 1, 1)
    acked = _acked(a)
    for op_id, result in committed.items():
        assert acked[op_id] == result, op_id  # byte for byte what the server stored then
    assert _stored(fleet.server, a) == committed  # nothing processed a second time
    conflicts = service(a).find_case(case.id).conflicts
    assert len(conflicts) == 1  # one conflict, not one per delivery
    check_invariants(fleet.server, [a, c])


def test_lost_answers_on_every_push_of_a_long_queue_still_end_exactly_once(
    fleet: Fleet, proxy: FaultProxy
) -> None:
    a = fleet.enroll("a", "ani")
    register(a, 35)
    # Every first delivery of a batch loses its answer; the engine halves, retries, goes on.
    for nth in (1, 3, 5):
        proxy.add_fault(drop_response(), method="POST", path=PUSH, nth=nth)
    report = a.through(proxy, start_batch=20)
    assert report.pending_after == 0
    assert len(_stored(fleet.server, a)) == 35
    check_invariants(fleet.server, [a])
