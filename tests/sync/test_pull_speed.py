"""A pull page is applied per case, not per change: the newest document of each case and every
event, pending local edits still shown on top, and no rewrite of what this PC already holds."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage import json_text
from sync.engine import SyncProgress
from tests.support.live_server import LiveServer
from tests.sync.conftest import Desk, sync
from tests.sync.server_view import server_case


def new_case(title: str) -> NewCase:
    return NewCase(
        title=title,
        text="Jalan di depan balai desa berlubang sejak bulan lalu.",
        channel="whatsapp",
        category="Transportasi",
    )


def five_actions(ws: Workspace, title: str) -> str:
    """Register, note, edit, note, edit: five changes of one case on the server."""
    service = CaseService(ws)
    case = service.register(new_case(title))
    service.note(case.id, "Pelapor dihubungi lewat telepon.")
    service.edit(case.id, {"priority": "tinggi"})
    service.note(case.id, "Menunggu jawaban bidang.")
    service.edit(case.id, {"summary": f"Ringkasan {title}"})
    return case.id


def local_doc(ws: Workspace, case_id: str) -> dict[str, Any]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        row = con.execute('SELECT doc FROM "case" WHERE id = ?', (case_id,)).fetchone()
    assert row is not None, f"no case {case_id} here"
    loaded: dict[str, Any] = json_text.loads(row[0])
    return loaded


def event_ids(ws: Workspace, case_id: str) -> set[str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return {
            r[0] for r in con.execute("SELECT id FROM case_event WHERE case_id = ?", (case_id,))
        }


def server_event_ids(server: LiveServer, case_id: str) -> set[str]:
    from sqlalchemy import text

    with server.engine.connect() as con:
        found = con.execute(text("SELECT id FROM case_event WHERE case_id = :c"), {"c": case_id})
        return {str(r[0]) for r in found}


def search(ws: Workspace, words: str) -> list[str]:
    with ws.db.read() as uow:
        return uow.search.search_ids(words)


def test_a_page_with_many_changes_of_a_case_takes_its_newest_document_and_every_event(
    desk: Desk, offices: LiveServer
) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")  # two PCs of one office
    ids = [five_actions(a, f"Jalan desa rusak {n}") for n in range(3)]
    sync(a, offices.base_url)

    report = sync(c, offices.base_url, page_size=200)  # one page: 15 changes of 3 cases
    assert report.received == 15
    for case_id in ids:
        assert local_doc(c, case_id) == server_case(offices, case_id)
        assert local_doc(c, case_id)["priority"] == "tinggi"  # the newest, not the first
        assert event_ids(c, case_id) == server_event_ids(offices, case_id)
        assert len(event_ids(c, case_id)) >= 5
    assert search(c, "Ringkasan Jalan desa rusak 1") == [ids[1]]  # the search row is current
    with closing(sqlite3.connect(c.paths.database)) as con:
        assert con.execute("SELECT count(*) FROM case_fts").fetchone() == (3,)

    # A second page of the same cases updates the rows in place (no second search row).
    CaseService(a).edit(ids[0], {"title": "Jalan kabupaten rusak"})
    CaseService(a).note(ids[0], "Sudah disurvei.")
    sync(a, offices.base_url)
    assert sync(c, offices.base_url).received == 2
    assert local_doc(c, ids[0]) == server_case(offices, ids[0])
    assert event_ids(c, ids[0]) == server_event_ids(offices, ids[0])
    assert search(c, "kabupaten") == [ids[0]]
    with closing(sqlite3.connect(c.paths.database)) as con:
        assert con.execute("SELECT count(*) FROM case_fts").fetchone() == (3,)


def test_a_page_keeps_showing_a_pending_local_edit_on_top_of_the_newest_document(
    desk: Desk, offices: LiveServer
) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")
    case = CaseService(a).register(new_case("Judul awal"))
    sync(a, offices.base_url)
    sync(c, offices.base_url)
    service = CaseService(c)
    service.edit(case.id, {"summary": "Ringkasan dari PC Citra"})
    service.note(case.id, "Catatan dari PC Citra.")
    service.edit(case.id, {"priority": "tinggi"})
    sync(c, offices.base_url)

    def edit_while_pulling(event: SyncProgress) -> None:
        if event.phase == "pull" and event.done == 0:  # after A's push: pending in the pull
            CaseService(a).edit(case.id, {"title": "Judul dari PC Ani"})

    report = sync(a, offices.base_url, progress=edit_while_pulling)
    assert report.received >= 3 and report.pending_after == 1
    shown = CaseService(a).find_case(case.id)
    assert shown.title == "Judul dari PC Ani"  # the pending local edit stays shown
    assert (shown.summary, shown.priority.value) == ("Ringkasan dari PC Citra", "tinggi")
    assert event_ids(a, case.id) > server_event_ids(offices, case.id)  # + the pending edit's


def test_the_pushing_pc_does_not_rewrite_the_cases_it_just_pushed(
    desk: Desk, offices: LiveServer
) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")
    ids = [five_actions(a, f"Jalan desa rusak {n}") for n in range(2)]
    with closing(sqlite3.connect(a.paths.database)) as con, con:
        # Counts every rewrite of a case document on A (the ack only notes the version).
        con.execute("CREATE TABLE doc_writes (case_id TEXT)")
        con.execute(
            'CREATE TRIGGER count_doc_writes AFTER UPDATE OF doc ON "case" '
            "BEGIN INSERT INTO doc_writes VALUES (new.id); END"
        )
    report = sync(a, offices.base_url)
    assert report.received == 10  # its own changes come back ...
    with closing(sqlite3.connect(a.paths.database)) as con:
        assert con.execute("SELECT count(*) FROM doc_writes").fetchone() == (0,)  # ... unwritten
    for case_id in ids:
        assert local_doc(a, case_id) == server_case(offices, case_id)  # the same document
        assert event_ids(a, case_id) == server_event_ids(offices, case_id)

    # A change by another PC is taken as usual; a note (the document keeps its version) is
    # inserted as an event.
    sync(c, offices.base_url)
    CaseService(c).edit(ids[1], {"title": "Jalan kabupaten rusak"})
    CaseService(c).note(ids[0], "Dari PC Citra.")
    sync(c, offices.base_url)
    sync(a, offices.base_url)
    with closing(sqlite3.connect(a.paths.database)) as con:
        written = [r[0] for r in con.execute("SELECT case_id FROM doc_writes")]
    assert written == [ids[1]]
    for case_id in ids:
        assert local_doc(a, case_id) == server_case(offices, case_id)
        assert event_ids(a, case_id) == server_event_ids(offices, case_id)
