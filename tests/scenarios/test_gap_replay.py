"""Scenario 6, gap and replay, driven by hand against `/push` with a real data dir's own ops
(the engine never sends these). The server's side alone is in
tests/server/test_push.py (test_a_replayed_op_… and test_a_gap_in_device_seq_…); here the same
faults hit an enrolled office and the engine and the invariants must come out whole.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from sqlalchemy import text

from sync import protocol as p
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Client, Fleet, outbox_states
from tests.scenarios.invariants import check_invariants
from tests.support.live_server import LiveServer


def _ops(client: Client, *seqs: int) -> list[p.OpWire]:
    with closing(sqlite3.connect(client.ws.paths.database)) as con:
        payloads = dict(con.execute("SELECT device_seq, payload FROM outbox"))
    return [p.OpWire.model_validate(json.loads(payloads[s])) for s in seqs]


def _push(client: Client, ops: list[p.OpWire]) -> p.PushResponse:
    http = client.client()
    try:
        return http.push(p.PushRequest(device_id=client.ws.device_id, ops=ops))
    finally:
        http.close()


def _server_state(server: LiveServer) -> tuple[int, int, int]:
    with server.engine.connect() as con:
        return tuple(  # type: ignore[return-value]
            int(con.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in ("processed_op", "change_log", "case_event")
        )


def test_an_old_batch_resent_gets_the_stored_results_and_changes_nothing(fleet: Fleet) -> None:
    a, b = fleet.enroll("a", "ani"), fleet.enroll("b", "budi")
    cases = register(a, 2)
    service(a).note(cases[0].id, "Catatan")
    a.sync()
    with closing(sqlite3.connect(a.ws.paths.database)) as con:
        acked = {op: json.loads(r) for op, r in con.execute("SELECT op_id, result FROM outbox")}
    before = _server_state(fleet.server)

    answer = _push(a, _ops(a, 1, 2, 3))  # the whole old batch, again
    # Named by device_seq on the wire: the op_id is the one the client sent with it.
    ops = {op.device_seq: op.op_id for op in _ops(a, 1, 2, 3)}
    replayed = [{**r.model_dump(mode="json"), "op_id": ops[r.device_seq]} for r in answer.answers()]
    assert replayed == [acked[op.op_id] for op in _ops(a, 1, 2, 3)]
    assert answer.expected_seq is None and answer.last_device_seq == 3
    assert _server_state(fleet.server) == before
    check_invariants(fleet.server, [a, b])


def test_a_batch_ahead_of_the_sequence_is_told_where_to_start_and_nothing_applies(
    fleet: Fleet,
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    (case,) = register(a, 1)
    a.sync()
    service(a).edit(case.id, {"title": "Judul kedua"})  # seq 2
    service(a).note(case.id, "Catatan sesudah suntingan")  # seq 3
    service(a).edit(case.id, {"title": "Judul ketiga"})  # seq 4
    before = _server_state(fleet.server)

    answer = _push(a, _ops(a, 3, 4))  # op 2 "lost" on the way
    assert answer.answers() == [] and answer.expected_seq == 2 and answer.last_device_seq == 1
    assert _server_state(fleet.server) == before  # nothing applied out of order
    # Op 2 and op 4 alone: 2 applies, 4 is past the gap at 3 and waits.
    answer = _push(a, _ops(a, 2, 4))
    assert [r.device_seq for r in answer.answers()] == [2] and answer.expected_seq == 3

    report = a.sync()  # the engine holds op 2's answer only by resending: stored result
    assert report.pending_after == 0
    assert set(outbox_states(a.ws).values()) == {"applied"}
    c.sync()
    assert service(c).find_case(case.id).title == "Judul ketiga"
    check_invariants(fleet.server, [a, c])
