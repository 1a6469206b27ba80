"""Provisional register numbers unique per office, and renumbering across New Year.

A real server (SQLite) on 127.0.0.1 leasing tiny blocks, real enrolled data dirs. Each PC's
provisional numbers carry the office ordinal the server gave it at enrollment (`…/S{k}-{n}`),
so two PCs of one office that both run dry offline never issue the same one, even when a case
keeps its provisional number through a sync and reaches the other PC by pull.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.numbers import DEVICE_ORDINAL_SETTING
from server.numbers import MAX_NUMBER
from sync import protocol as p
from tests.conftest import FakeClock
from tests.support.live_server import LiveServer
from tests.sync.conftest import (
    PKH_CASE,
    TINY_BLOCK,
    client_for,
    enroll_on,
    sync,
)
from tests.sync.server_view import server_case

WIB = ZoneInfo("Asia/Jakarta")


def _server_cases(server: LiveServer) -> dict[str, tuple[str, str | None]]:
    with server.engine.connect() as con:
        rows = con.execute(text('SELECT id, register_no, register_key FROM "case"'))
        return {str(i): (str(no), key) for i, no, key in rows}


def _local_numbers(ws: Workspace) -> dict[str, str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return {str(i): str(no) for i, no in con.execute('SELECT id, register_no FROM "case"')}


def _local_ordinal(ws: Workspace) -> int | None:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        row = con.execute(
            "SELECT value FROM setting WHERE key = ?", (DEVICE_ORDINAL_SETTING,)
        ).fetchone()
    return None if row is None else int(json.loads(row[0]))


def _server_ordinal(server: LiveServer, ws: Workspace) -> int | None:
    with server.engine.connect() as con:
        value = con.execute(
            text("SELECT ordinal FROM device WHERE device_id = :d"), {"d": ws.device_id}
        ).scalar()
    return None if value is None else int(value)


def _leased_to(server: LiveServer, ws: Workspace, year: int) -> list[tuple[int, int]]:
    with server.engine.connect() as con:
        rows = con.execute(
            text(
                'SELECT start, "end" FROM number_block WHERE device_id = :d AND year = :y '
                "AND register = 'register:DINSOS' ORDER BY start"
            ),
            {"d": ws.device_id, "y": year},
        )
        return [(int(s), int(e)) for s, e in rows]


def _floor(server: LiveServer, year: int) -> int:
    with server.engine.connect() as con:
        value = con.execute(
            text("SELECT last FROM number_floor WHERE register = 'register:DINSOS' AND year = :y"),
            {"y": year},
        ).scalar()
    return int(value or 0)


def _set_floor(server: LiveServer, year: int, last: int) -> None:
    with server.engine.begin() as con:
        con.execute(
            text(
                "UPDATE number_floor SET last = :last "
                "WHERE register = 'register:DINSOS' AND year = :y"
            ),
            {"last": last, "y": year},
        )


def test_the_server_gives_each_pc_of_an_office_its_own_ordinal_kept_in_the_data_dir(
    tmp_path: Path, tiny: LiveServer, fake_clock: FakeClock
) -> None:
    ani = enroll_on(tmp_path, tiny, fake_clock, "ani")
    citra = enroll_on(tmp_path, tiny, fake_clock, "citra")
    budi = enroll_on(tmp_path, tiny, fake_clock, "budi")
    try:
        assert [_local_ordinal(ws) for ws in (ani, citra, budi)] == [1, 2, 1]
        assert [_server_ordinal(tiny, ws) for ws in (ani, citra, budi)] == [1, 2, 1]
    finally:
        for ws in (ani, citra, budi):
            ws.close()
    # Logging in again on the same data dir keeps the device, so its ordinal.
    again = enroll_on(tmp_path, tiny, fake_clock, "ani")
    try:
        assert _local_ordinal(again) == 1
    finally:
        again.close()


def test_a_pc_enrolled_before_ordinals_existed_gets_one_at_its_next_sync(
    pcs: list[Workspace], tiny: LiveServer
) -> None:
    ani, citra = pcs
    # The state an upgrade leaves: the server's device row and the data dir know no ordinal.
    with tiny.engine.begin() as con:
        con.execute(
            text("UPDATE device SET ordinal = NULL WHERE device_id = :d"), {"d": ani.device_id}
        )
    with closing(sqlite3.connect(ani.paths.database)) as con, con:
        con.execute("DELETE FROM setting WHERE key = ?", (DEVICE_ORDINAL_SETTING,))
    # Enough numbers left that no block is due: the run leases one number to learn it.
    report = sync(ani, tiny.base_url, block_size=TINY_BLOCK)
    assert (report.rejected, report.blocks_leased) == (0, 1)
    ordinal = _local_ordinal(ani)
    assert ordinal is not None and ordinal == _server_ordinal(tiny, ani)
    assert ordinal not in (None, _local_ordinal(citra))  # never one another PC holds
    numbers = [CaseService(ani).register(PKH_CASE).register_no for _ in range(TINY_BLOCK + 2)]
    assert numbers[-1] == f"DINSOS/2026/S{ordinal}-1"


def test_two_pcs_of_one_office_dry_offline_issue_distinct_numbers_and_all_end_official(
    pcs: list[Workspace], tiny: LiveServer
) -> None:
    ani, citra = pcs
    mine = [CaseService(ani).register(PKH_CASE) for _ in range(TINY_BLOCK + 2)]
    theirs = [CaseService(citra).register(PKH_CASE) for _ in range(TINY_BLOCK + 2)]
    assert [c.register_no for c in mine[TINY_BLOCK:]] == ["DINSOS/2026/S1-1", "DINSOS/2026/S1-2"]
    assert [c.register_no for c in theirs[TINY_BLOCK:]] == ["DINSOS/2026/S2-1", "DINSOS/2026/S2-2"]
    issued = [c.register_no for c in mine + theirs]
    assert len(set(issued)) == len(issued)  # offline, before any sync: no number twice

    for ws in (ani, citra, ani):  # the last run brings Citra's cases to Ani
        report = sync(ws, tiny.base_url)
        assert (report.rejected, report.conflicts, report.pending_after) == (0, 0, 0)
        assert not [w for w in report.warnings if "provisional" in w]

    on_server = _server_cases(tiny)
    assert len(on_server) == 2 * (TINY_BLOCK + 2)
    assert all(key == no for no, key in on_server.values())  # official and unique
    assert len({no for no, _ in on_server.values()}) == len(on_server)
    for ws in (ani, citra):
        assert _local_numbers(ws) == {i: no for i, (no, _) in on_server.items()}
    for case in mine[TINY_BLOCK:] + theirs[TINY_BLOCK:]:
        doc = server_case(tiny, case.id)
        assert doc["register_aliases"] == [case.register_no]
        for ws in (ani, citra):
            # The receipt printed offline names one case, on every PC.
            found = CaseService(ws).find_case(case.register_no)
            assert (found.id, found.register_no) == (case.id, doc["register_no"])
            assert found.register_aliases == (case.register_no,)
    kept = {c.register_no for c in mine[:TINY_BLOCK] + theirs[:TINY_BLOCK]}
    assert kept <= {no for no, _ in on_server.values()}  # issued official numbers never change


def test_provisional_cases_that_cross_to_the_other_pc_still_provisional_never_collide(
    pcs: list[Workspace], tiny: LiveServer
) -> None:
    ani, citra = pcs
    leased = _floor(tiny, 2026)
    _set_floor(tiny, 2026, MAX_NUMBER)  # the server leases no 2026 number for now
    mine = [CaseService(ani).register(PKH_CASE) for _ in range(TINY_BLOCK + 2)][TINY_BLOCK:]
    theirs = [CaseService(citra).register(PKH_CASE) for _ in range(TINY_BLOCK + 2)][TINY_BLOCK:]

    for ws in (ani, citra, ani):
        report = sync(ws, tiny.base_url)  # a refused lease is a warning, not a failed run
        assert (report.rejected, report.pending_after) == (0, 0)
        assert [w for w in report.warnings if "keep their S-number" in w]
    stuck = {c.id: c.register_no for c in mine + theirs}
    on_server = _server_cases(tiny)
    assert {i: on_server[i] for i in stuck} == {i: (no, None) for i, no in stuck.items()}
    for ws in (ani, citra):  # each PC holds the other's provisional cases next to its own
        local = _local_numbers(ws)
        assert {i: local[i] for i in stuck} == stuck

    _set_floor(tiny, 2026, leased)  # numbers can be leased again
    for ws in (ani, citra, ani, citra):
        report = sync(ws, tiny.base_url)
        assert (report.rejected, report.conflicts, report.pending_after) == (0, 0, 0)
    on_server = _server_cases(tiny)
    assert all(key == no for no, key in on_server.values())
    assert len({no for no, _ in on_server.values()}) == len(on_server)
    # Each PC renumbered only its own cases, from numbers leased to it.
    for ws, cases in ((ani, mine), (citra, theirs)):
        blocks = _leased_to(tiny, ws, 2026)
        for case in cases:
            seq = RegisterNumber.parse(on_server[case.id][0]).seq
            assert any(start <= seq <= end for start, end in blocks), (case.register_no, seq)
            assert server_case(tiny, case.id)["register_aliases"] == [case.register_no]
    assert _local_numbers(ani) == _local_numbers(citra)


def test_a_case_given_a_provisional_number_in_december_is_renumbered_in_january(
    tmp_path: Path, tiny: LiveServer, fake_clock: FakeClock
) -> None:
    fake_clock.set(datetime(2026, 12, 31, 15, 0, tzinfo=WIB))
    ani = enroll_on(tmp_path, tiny, fake_clock, "ani")
    try:
        cases = [CaseService(ani).register(PKH_CASE) for _ in range(TINY_BLOCK + 1)]
        late = cases[-1]
        assert late.register_no == "DINSOS/2026/S1-1"
        floor_before = _floor(tiny, 2026)

        fake_clock.set(datetime(2027, 1, 2, 9, 0, tzinfo=WIB))
        report = sync(ani, tiny.base_url)
        assert (report.rejected, report.pending_after) == (0, 0)
        assert not [w for w in report.warnings if "provisional" in w]
        renumbered = CaseService(ani).find_case(late.register_no)
        number = RegisterNumber.parse(renumbered.register_no)
        # Its year's number (the receipt says 2026), from a block of just what it needed.
        assert (number.year, number.provisional) == (2026, False)
        assert renumbered.register_aliases == ("DINSOS/2026/S1-1",)
        assert server_case(tiny, late.id)["register_no"] == renumbered.register_no
        assert _floor(tiny, 2026) == floor_before + 1
        # The office's floor is above the number: nobody can be leased it again.
        assert _floor(tiny, 2026) >= number.seq
        client = client_for(ani, tiny.base_url)
        try:
            block = client.lease(p.LeaseRequest(register="register:DINSOS", year=2026, count=1))
        finally:
            client.close()
        assert block.start > number.seq
        # January's own intake draws 2027 numbers.
        assert CaseService(ani).register(PKH_CASE).register_no.startswith("DINSOS/2027/")
    finally:
        ani.close()
