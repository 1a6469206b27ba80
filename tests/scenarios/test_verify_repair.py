"""Scenario 16, verify mismatch: a damaged local row, or a case gone from the server, is found
by verify and its bucket re-downloaded, never touching the outbox. A damaged local version is
also tests/sync/test_session_and_repair.py::test_verify_finds_a_damaged_local_case_…; here
the damage is a whole document, on one PC of several, and the invariants follow."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from sqlalchemy import text

from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Client, Fleet
from tests.scenarios.invariants import (
    check_invariants,
    converged,
    cursors_monotonic,
    ops_processed_once,
    outbox_settled,
    quiesce,
    synced_only_when_empty,
)


def _outbox(client: Client) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(client.ws.paths.database)) as con:
        return list(con.execute("SELECT * FROM outbox ORDER BY device_seq"))


def test_a_damaged_local_case_is_found_and_repaired_without_touching_the_outbox(
    fleet: Fleet,
) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    cases = register(a, 3)
    service(a).note(cases[0].id, "Catatan")
    a.sync()
    c.sync()
    with closing(sqlite3.connect(a.ws.paths.database)) as con, con:
        (doc,) = con.execute('SELECT doc FROM "case" WHERE id = ?', (cases[1].id,)).fetchone()
        damaged = json.loads(doc)
        damaged.update(title="RUSAK", version=9)
        con.execute(
            'UPDATE "case" SET doc = ?, version = 9, title = ? WHERE id = ?',
            (json.dumps(damaged), "RUSAK", cases[1].id),
        )
    outbox = _outbox(a)

    report = a.sync()
    assert report.repaired_buckets == ["2026-03"]
    assert service(a).find_case(cases[1].id).title == cases[1].title
    assert _outbox(a) == outbox  # the repair never touched the outbox
    assert a.sync().repaired_buckets == []
    check_invariants(fleet.server, [a, c])


def test_a_document_damaged_at_the_same_version_is_found_by_its_content(fleet: Fleet) -> None:
    a, c = fleet.enroll("a", "ani"), fleet.enroll("c", "citra")
    cases = register(a, 2)
    a.sync()
    c.sync()
    with closing(sqlite3.connect(c.ws.paths.database)) as con, con:
        (doc,) = con.execute('SELECT doc FROM "case" WHERE id = ?', (cases[0].id,)).fetchone()
        damaged = {**json.loads(doc), "title": "RUSAK"}  # the version number is untouched
        con.execute(
            'UPDATE "case" SET doc = ?, title = ? WHERE id = ?',
            (json.dumps(damaged), "RUSAK", cases[0].id),
        )
    outbox = _outbox(c)

    report = c.sync()
    assert report.repaired_buckets == ["2026-03"]
    assert service(c).find_case(cases[0].id).title == cases[0].title
    assert _outbox(c) == outbox
    assert c.sync().repaired_buckets == [] and a.sync().repaired_buckets == []
    check_invariants(fleet.server, [a, c])


def test_a_case_gone_from_the_servers_view_is_found_and_kept_here_as_a_stub(fleet: Fleet) -> None:
    a = fleet.enroll("a", "ani")
    cases = register(a, 2)
    a.sync()
    # The server lost one case (a bad restore): its scope rows go, the case is not ours now.
    with fleet.server.engine.begin() as con:
        con.execute(text("DELETE FROM case_scope WHERE case_id = :c"), {"c": cases[0].id})
    outbox = _outbox(a)
    report = a.sync()
    assert report.repaired_buckets == ["2026-03"]
    assert _outbox(a) == outbox
    with closing(sqlite3.connect(a.ws.paths.database)) as con:
        (left_at,) = con.execute(
            'SELECT scope_left_at FROM "case" WHERE id = ?', (cases[0].id,)
        ).fetchone()
    assert left_at is not None  # kept, read-only, never deleted
    assert service(a).find_case(cases[0].id).title == cases[0].title
    # Not every invariant applies to a server that lost data: the rest must hold.
    quiesce([a])
    for check in (ops_processed_once, converged):
        check(fleet.server, a)
    outbox_settled(a)
    cursors_monotonic(fleet.server, a)
    synced_only_when_empty(a)
