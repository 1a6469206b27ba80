"""PCs that ran out of leased register numbers offline, and master data that moves deadlines.

A real server (SQLite) on 127.0.0.1 leasing tiny blocks, real enrolled data dirs.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.queries import QueryService
from lapor_desktop.services.workspace import Workspace
from server.tables import HolidayRow
from tests.support.live_server import LiveServer
from tests.sync.conftest import PKH_CASE, TINY_BLOCK, sync
from tests.sync.server_view import server_case

WIB = ZoneInfo("Asia/Jakarta")


def _server_numbers(server: LiveServer) -> list[tuple[str, str | None]]:
    with server.engine.connect() as con:
        rows = con.execute(text('SELECT register_no, register_key FROM "case" ORDER BY 1'))
        return [(str(no), key) for no, key in rows]


def _local_numbers(ws: Workspace) -> set[str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return {r[0] for r in con.execute('SELECT register_no FROM "case"')}


def test_pcs_that_ran_dry_offline_get_official_numbers_at_sync_and_never_collide(
    pcs: list[Workspace], tiny: LiveServer
) -> None:
    ani, citra = pcs
    mine = [CaseService(ani).register(PKH_CASE) for _ in range(TINY_BLOCK + 2)]
    theirs = [CaseService(citra).register(PKH_CASE) for _ in range(TINY_BLOCK + 2)]
    # Each PC counts its own, under the ordinal the server gave it: never the same number.
    assert [c.register_no for c in mine[TINY_BLOCK:]] == ["DINSOS/2026/S1-1", "DINSOS/2026/S1-2"]
    assert [c.register_no for c in theirs[TINY_BLOCK:]] == ["DINSOS/2026/S2-1", "DINSOS/2026/S2-2"]

    for ws in (ani, citra, ani):  # the last run brings Citra's cases to Ani
        report = sync(ws, tiny.base_url)
        assert (report.rejected, report.conflicts, report.pending_after) == (0, 0, 0)
        assert not [w for w in report.warnings if "provisional" in w]

    numbers = _server_numbers(tiny)
    assert len(numbers) == 2 * (TINY_BLOCK + 2)
    assert all(key == no for no, key in numbers)  # every case has an official, unique number
    assert not any(RegisterNumber.parse(no).provisional for no, _ in numbers)
    for ws in (ani, citra):
        assert _local_numbers(ws) == {no for no, _ in numbers}
    for case in (mine[TINY_BLOCK], theirs[TINY_BLOCK]):
        doc = server_case(tiny, case.id)
        assert doc["register_aliases"] == [case.register_no]
        assert doc["register_no"] != case.register_no
        local = CaseService(ani).find_case(case.id)
        assert (local.register_no, local.register_aliases) == (
            doc["register_no"],
            (case.register_no,),
        )
    # Official numbers were issued as they were, never reissued.
    kept = {c.register_no for c in mine[:TINY_BLOCK] + theirs[:TINY_BLOCK]}
    assert kept <= {no for no, _ in numbers}

    # The receipt printed offline carries the S-number: search still finds the case by it,
    # and opening it by that number opens that one case.
    found = [r.id for r in QueryService(ani).search("DINSOS/2026/S2-2")]
    assert theirs[TINY_BLOCK + 1].id in found and mine[TINY_BLOCK + 1].id not in found
    assert CaseService(ani).find_case("DINSOS/2026/S2-2").id == theirs[TINY_BLOCK + 1].id


def test_a_provisional_case_found_by_its_old_number_after_the_renumber(
    pcs: list[Workspace], tiny: LiveServer
) -> None:
    ani = pcs[0]
    service = CaseService(ani)
    for _ in range(TINY_BLOCK):
        service.register(PKH_CASE)
    extra = service.register(PKH_CASE)
    assert extra.register_no == "DINSOS/2026/S1-1"
    service.note(extra.id, "Pelapor datang lagi membawa KTP")  # worked on offline
    report = sync(ani, tiny.base_url)
    assert (report.applied, report.rejected) == (TINY_BLOCK + 3, 0)  # creates, note, renumber
    official = service.find_case("DINSOS/2026/S1-1")
    assert official.id == extra.id and not RegisterNumber.parse(official.register_no).provisional
    assert server_case(tiny, extra.id)["register_no"] == official.register_no
    kinds = [e.kind for e in service.detail(official.register_no).timeline]
    assert kinds == ["created", "note", "renumbered"]


def test_a_holiday_added_on_the_server_moves_the_next_deadline_of_an_open_case(
    pcs: list[Workspace], tiny: LiveServer
) -> None:
    ani = pcs[0]
    case = CaseService(ani).register(PKH_CASE)  # Monday 2 March: verified within 3 working days

    def next_due() -> str:
        with closing(sqlite3.connect(ani.paths.database)) as con:
            row = con.execute(
                'SELECT next_due_at, next_due_stage FROM "case" WHERE id = ?', (case.id,)
            ).fetchone()
        due = datetime.fromisoformat(row[0]).astimezone(WIB)
        return f"{due.date()} {row[1]}"

    sync(ani, tiny.base_url)  # the case is on the server: the next run pulls nothing for it
    assert next_due() == "2026-03-05 verification"
    with tiny.engine.begin() as con:
        con.execute(
            insert(HolidayRow).values(day="2026-03-04", name="Hari Jadi Kabupaten", kind="national")
        )
    report = sync(ani, tiny.base_url)
    assert report.master_updated and report.received == 0
    assert ani.reference().calendar.holiday_name(date(2026, 3, 4)) == "Hari Jadi Kabupaten"
    assert next_due() == "2026-03-06 verification"
    # The case list's queue and order read this column, not a fresh computation.
    assert CaseService(ani).detail(case.id).deadlines[0].due_at.astimezone(WIB).date() == date(
        2026, 3, 6
    )
