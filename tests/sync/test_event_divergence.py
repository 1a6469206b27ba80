"""A timeline event this PC holds with other content than the server's copy is reported.

Event ids are derived from the op, so an event is one record everywhere, and the timeline is
append-only: a PC's copy that differs (it applied its op to an older state than the server)
stays as written, but the run says so instead of keeping it silently. Real server on
127.0.0.1, a real enrolled data dir; the local copy is made to differ by hand (past the
append-only trigger), as such a PC would have written it.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

from lapor_desktop.services.cases import CaseService, NewCase
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, sync

NEW = NewCase(
    title="Lampu jalan padam di Jl. Diponegoro",
    text="Lampu jalan padam sejak seminggu, rawan kecelakaan malam hari.",
    channel="phone",
    category="Transportasi",
)


def _events(path: object, case_id: str) -> list[tuple[str, str, str]]:
    with closing(sqlite3.connect(str(path))) as con:
        return con.execute(
            "SELECT id, summary, data FROM case_event WHERE case_id = ? ORDER BY id", (case_id,)
        ).fetchall()


def test_an_event_that_differs_from_the_servers_copy_is_kept_and_reported(
    desk: Desk, offices: LiveServer
) -> None:
    ws = desk("a")
    service = CaseService(ws)
    case = service.register(NEW)
    service.note(case.register_no, "Sudah dicek petugas, kabel putus.")
    honest = _events(ws.paths.database, case.id)
    with closing(sqlite3.connect(ws.paths.database)) as con, con:
        (trigger,) = con.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'case_event_no_update'"
        ).fetchone()
        con.execute("DROP TRIGGER case_event_no_update")
        con.execute(
            "UPDATE case_event SET summary = 'salinan yang berbeda' WHERE id = ?", (honest[0][0],)
        )
        con.execute(trigger)
    written_here = _events(ws.paths.database, case.id)

    report = sync(ws, offices.base_url)

    assert _events(ws.paths.database, case.id) == written_here  # append-only: kept
    assert report.events_differing == 1
    assert [w for w in report.warnings if honest[0][0] in w and "differ" in w]
    assert report.pending_after == 0  # a warning, not a failed run
