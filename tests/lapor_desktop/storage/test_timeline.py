"""The timeline is append-only: the database itself refuses to rewrite or delete an event."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace


@pytest.fixture
def case_with_history(workspace: Workspace) -> str:
    service = CaseService(workspace)
    case = service.register(
        NewCase(
            title="Bansos tidak cair",
            text="PKH tidak cair tiga bulan",
            channel="whatsapp",
            category="Bantuan Sosial",
        )
    )
    service.note(case.id, "Pelapor menelepon lagi")
    service.dispose(case.id, DispositionInput(to_unit="Bidang Linjamsos"))
    return case.id


def _events(workspace: Workspace) -> list[tuple[object, ...]]:
    con = sqlite3.connect(workspace.paths.database)
    try:
        return con.execute(
            "SELECT seq, id, case_id, kind, at, summary, data FROM case_event ORDER BY seq"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE case_event SET summary = 'diubah'",
        "UPDATE case_event SET kind = 'note' WHERE kind = 'created'",
        "UPDATE case_event SET at = '2020-01-01T00:00:00+00:00'",
        "UPDATE case_event SET data = '{}'",
        "DELETE FROM case_event",
        "DELETE FROM case_event WHERE kind = 'note'",
    ],
)
def test_update_and_delete_are_refused_by_the_database(
    workspace: Workspace, case_with_history: str, statement: str
) -> None:
    before = _events(workspace)
    assert [row[3] for row in before] == ["created", "note", "disposed"]
    con = sqlite3.connect(workspace.paths.database)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(statement)
        con.rollback()
    finally:
        con.close()
    with workspace.db.write() as uow, pytest.raises(IntegrityError, match="append-only"):
        uow.session.execute(text(statement))
    assert _events(workspace) == before


def test_appending_still_works_and_sync_may_stamp_the_server_sequence(
    workspace: Workspace, case_with_history: str
) -> None:
    CaseService(workspace).note(case_with_history, "Catatan kedua")
    with workspace.db.write() as uow:
        # The one column outside the trigger: the server's sequence, stamped after upload.
        uow.session.execute(text("UPDATE case_event SET server_seq = seq + 100"))
        uow.commit()
    rows = _events(workspace)
    assert [row[3] for row in rows] == ["created", "note", "disposed", "note"]
    detail = CaseService(workspace).detail(case_with_history)
    assert [e.kind for e in detail.timeline] == ["created", "note", "disposed", "note"]
    assert [e.summary for e in detail.timeline][-1] == "Catatan kedua"
