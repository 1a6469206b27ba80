"""Scenario 9, a poison op in the middle of a batch: the ops after it still apply, and the
bad op is rejected, kept and shown (never dropped). The server's side alone is
tests/server/test_push.py::test_a_poison_op_is_rejected_and_recorded_while_later_ops_apply;
a 400 that refuses the whole batch is tests/sync/test_batches.py (the op is named)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from lapor_desktop.services.sync_review import SyncReviewService
from sync.state import sync_status
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Fleet, outbox_states
from tests.scenarios.invariants import check_invariants


def test_a_permanently_invalid_op_mid_batch_is_rejected_and_the_rest_applies(
    fleet: Fleet,
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    (case,) = register(a, 1)
    a.sync()
    service(a).note(case.id, "Sebelum")
    service(a).edit(case.id, {"title": "Judul yang rusak"})
    service(a).note(case.id, "Sesudah")
    register(a, 1, "Kasus sesudahnya")
    # The edit's payload is damaged on disk (say a bad upgrade): an unknown field. The server's
    # domain refuses it; the batch around it goes on.
    with closing(sqlite3.connect(a.ws.paths.database)) as con, con:
        (payload,) = con.execute("SELECT payload FROM outbox WHERE device_seq = 3").fetchone()
        op = json.loads(payload)
        op["data"]["changes"] = {"warna": {"old": None, "new": "merah"}}
        con.execute("UPDATE outbox SET payload = ? WHERE device_seq = 3", (json.dumps(op),))

    report = a.sync()
    assert (report.rejected, report.pending_after) == (1, 0)
    states = outbox_states(a.ws)
    assert sorted(states.values()) == ["applied"] * 4 + ["rejected"]
    (listed,) = SyncReviewService(a.ws).rejected()
    assert listed.case_id == case.id and listed.message
    assert sync_status(a.ws).rejected == 1
    check_invariants(fleet.server, [a, c])
    notes = [e.summary for e in service(c).detail(case.id).timeline if e.kind == "note"]
    assert len(notes) == 2  # both notes around the poison arrived


def test_an_action_the_server_refuses_now_is_rejected_visible_and_the_case_converges(
    fleet: Fleet,
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    (case,) = register(a, 1)
    a.sync()
    c.sync()
    service(c).archive(case.id, "Laporan ganda")
    c.sync()
    service(a).note(case.id, "Sebelum")
    service(a).needs_info(case.id, "Minta foto lokasi")  # legal here, illegal on the server now
    service(a).note(case.id, "Sesudah")
    report = a.sync()
    assert report.rejected == 1 and report.pending_after == 0
    (listed,) = SyncReviewService(a.ws).rejected()
    assert listed.code == "illegal_transition"
    check_invariants(fleet.server, [a, c])
    assert service(a).find_case(case.id).status.value == "ARCHIVED"  # the server's truth
