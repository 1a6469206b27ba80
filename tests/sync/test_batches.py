"""Push batches: adaptive sizes on a bad link, gaps resent from the server's sequence, cancel
between batches, and one run at a time per data dir."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from sync.engine import SyncEngine, SyncProgress
from sync.errors import SyncBusy
from sync.lock import SyncLock
from sync.state import sync_status
from tests.support.fault_proxy import FaultProxy, drop_response, stall_response
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, client_for, sync
from tests.sync.server_view import processed_ops

NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="whatsapp",
    category="Bantuan Sosial",
)


def _register(ws: Workspace, n: int) -> None:
    service = CaseService(ws)
    for _ in range(n):
        service.register(NEW)


def _outbox(ws: Workspace) -> dict[str, str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return dict(con.execute("SELECT op_id, state FROM outbox"))


def _no_wait(_seconds: float) -> None:
    return None


def test_batches_halve_on_a_lost_answer_or_a_stall_and_grow_again(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    _register(ws, 45)
    host, port = offices.base_url.removeprefix("http://").split(":")
    with FaultProxy(host, int(port)) as proxy:
        # 1st push: the server commits, the answer never arrives (a cut link).
        proxy.add_fault(drop_response(), method="POST", path="/sync/v1/push")
        # 2nd push: the answer stalls longer than the read timeout.
        proxy.add_fault(stall_response(0, 6.0), method="POST", path="/sync/v1/push", nth=2)
        client = client_for(ws, proxy.base_url, read_timeout=2.0)
        engine = SyncEngine(ws, client, start_batch=40, sleep=_no_wait)
        try:
            report = engine.run()
        finally:
            client.close()
    # 40 lost -> 20 stalled -> 10 ok -> 20 ok -> the last 15.
    assert engine.batch_sizes == [10, 20, 15]
    assert report.pending_after == 0
    assert processed_ops(offices) == dict.fromkeys(_outbox(ws), 1)
    assert set(_outbox(ws).values()) == {"applied"}


def test_a_gap_is_resent_from_the_sequence_the_server_expects(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    _register(ws, 3)
    sync(ws, offices.base_url)
    _register(ws, 2)
    # As if the server lost op 4 (restored from a backup) while this PC holds its answer.
    with closing(sqlite3.connect(ws.paths.database)) as con, con:
        con.execute("UPDATE outbox SET state = 'applied' WHERE device_seq = 4")
    client = client_for(ws, offices.base_url)
    engine = SyncEngine(ws, client, sleep=_no_wait)
    try:
        report = engine.run()
    finally:
        client.close()
    assert engine.batch_sizes == [1, 2]  # op 5 alone -> gap at 4 -> ops 4 and 5
    assert processed_ops(offices) == dict.fromkeys(_outbox(ws), 1)
    assert report.pending_after == 0


def test_cancel_between_batches_leaves_a_consistent_database_and_the_next_run_finishes(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    _register(ws, 30)
    acked: list[int] = []

    def count_acks(event: SyncProgress) -> None:
        if event.phase == "push" and event.bytes_done > 0:
            acked.append(event.done)

    client = client_for(ws, offices.base_url)
    try:
        report = SyncEngine(
            ws, client, progress=count_acks, cancel=lambda: bool(acked), start_batch=10
        ).run()
    finally:
        client.close()
    assert report.cancelled and report.sent == 10 and report.pending_after == 20
    with closing(sqlite3.connect(ws.paths.database)) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert con.execute("SELECT outcome FROM sync_log").fetchall() == [("cancelled",)]
    states = _outbox(ws)
    assert sorted(states.values()).count("applied") == 10
    assert len(processed_ops(offices)) == 10
    assert not sync_status(ws).synced

    sync(ws, offices.base_url)
    assert processed_ops(offices) == dict.fromkeys(_outbox(ws), 1)
    assert sync_status(ws).synced


def test_a_second_run_on_the_same_data_dir_fails_fast_and_sends_nothing(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    _register(ws, 2)
    with SyncLock(ws.paths.data_dir), pytest.raises(SyncBusy, match="already running"):
        sync(ws, offices.base_url)
    assert processed_ops(offices) == {}
    assert set(_outbox(ws).values()) == {"pending"}
    sync(ws, offices.base_url)  # the lock is gone with its holder
    assert len(processed_ops(offices)) == 2


def test_an_op_the_server_cannot_store_is_rejected_alone_and_the_queue_moves_on(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a", "ani")
    service = CaseService(ws)
    case = service.register(NEW)
    service.note(case.id, "teks dengan karakter NUL \x00 dari tempelan")  # no database stores it
    service.note(case.id, "catatan berikutnya")
    report = sync(ws, offices.base_url)
    # The bad op is rejected on its own and shown; it never wedges the ops after it.
    assert report.rejected == 1 and report.pending_after == 0
    states = _outbox(ws)
    assert sorted(states.values()) == ["applied", "applied", "rejected"]
    assert processed_ops(offices) == dict.fromkeys(states, 1)
    with closing(sqlite3.connect(ws.paths.database)) as con:
        (result,) = con.execute("SELECT result FROM outbox WHERE state = 'rejected'").fetchone()
    assert "bad_request" in result
