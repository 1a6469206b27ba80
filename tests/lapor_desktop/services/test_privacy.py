"""Privacy: an anonymous reporter's identity is stored nowhere; a confidential one is masked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from lapor_desktop.domain.case import Reporter
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.summary import Queue
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace

SECRET = Reporter(
    name="Wiryawan Kusumanegara",
    nik="3529012345678901",
    phone="0812-9876-5432",
    email="wiryawan.k@example.id",
    address="Jl. Trunojoyo Gang Melati 17",
)
SECRET_STRINGS = [
    "Wiryawan",
    "Kusumanegara",
    "wiryawan",
    "kusumanegara",
    "WIRYAWAN",
    "3529012345678901",
    "0812-9876-5432",
    "081298765432",
    "6281298765432",
    "9876-5432",
    "wiryawan.k@example.id",
    "Trunojoyo",
    "trunojoyo",
    "Melati",
]
SECRET_TOKENS = {
    "wiryawan",
    "kusumanegara",
    "3529012345678901",
    "0812",
    "9876",
    "5432",
    "trunojoyo",
    "melati",
    "example",
}

CONTROL = Reporter(
    name="Dewi Lestarini",
    nik="3529019876543210",
    phone="0857-1122-3344",
    email="dewi.l@contoh.id",
    address="Jl. Cendrawasih 5",
)
CONTROL_STRINGS = [
    "Dewi Lestarini",
    "lestarini",
    "3529019876543210",
    "0857-1122-3344",
    "085711223344",
    "dewi.l@contoh.id",
    "Cendrawasih",
]


def _new(title: str, **changes: object) -> NewCase:
    values: dict[str, object] = {
        "title": title,
        "text": "Bantuan PKH tidak cair tiga bulan",
        "channel": "walk_in",
        "category": "Bantuan Sosial",
    }
    values.update(changes)
    return NewCase(**values)  # type: ignore[arg-type]


def _act_on(service: CaseService, case_id: str, tmp_path: Path) -> None:
    """A life with every kind of record: edits, notes, disposition, follow-up, attachment."""
    service.edit(case_id, {"summary": "Ringkasan tanpa identitas", "confidential": True})
    service.note(case_id, "Pelapor tidak ingin diketahui")
    service.dispose(case_id, DispositionInput(to_unit="Bidang Linjamsos"))
    service.follow_up(case_id, "Sudah dicek ke pendamping")
    photo = tmp_path / "bukti.jpg"
    photo.write_bytes(b"bukti transfer")
    service.attach(case_id, photo)


def _hits(blob: bytes, needles: list[str]) -> list[str]:
    return [n for n in needles if n.encode("utf-8") in blob]


def _fts_terms(con: sqlite3.Connection) -> set[str]:
    con.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, case_fts, row)"
    )
    return {r[0] for r in con.execute("SELECT term FROM temp.terms")}


def test_an_anonymous_reporter_leaves_no_trace_anywhere_in_the_files(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = CaseService(workspace)
    db = workspace.paths.database
    wal = db.with_name(db.name + "-wal")
    # Keeping a connection open keeps the WAL file (the last connection to close deletes it).
    keeper = sqlite3.connect(db)
    try:
        keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # reads: joins the WAL
        control = service.register(_new("Kasus pembanding", reporter=CONTROL))
        secret = service.register(_new("Bansos tidak cair", reporter=SECRET, anonymous=True))
        _act_on(service, control.id, tmp_path)
        _act_on(service, secret.id, tmp_path)
        with pytest.raises(ValidationError):
            service.edit(secret.id, {"reporter.name": SECRET.name})

        wal_bytes = wal.read_bytes()
        assert wal_bytes, "the WAL should hold the recent pages"
        assert _hits(wal_bytes, CONTROL_STRINGS)  # the method sees an identity when there is one
        assert _hits(wal_bytes, SECRET_STRINGS) == []

        busy, _, _ = keeper.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
        db_bytes = db.read_bytes()
        assert _hits(db_bytes, CONTROL_STRINGS) == CONTROL_STRINGS
        assert _hits(db_bytes, SECRET_STRINGS) == []

        # The FTS index stores terms prefix-compressed, so also ask it for its vocabulary.
        terms = _fts_terms(keeper)
        assert {"dewi", "lestarini", "0857", "1122", "3344"} <= terms
        assert terms & SECRET_TOKENS == set()

        # Row by row, for a readable failure.
        case_row = keeper.execute(
            'SELECT reporter_phone, reporter_display, anonymous, doc FROM "case" WHERE id = ?',
            (secret.id,),
        ).fetchone()
        assert case_row[:3] == (None, None, 1)
        assert json.loads(case_row[3])["reporter"] is None
        for table, column, key in (
            ("case_event", "data", "case_id"),
            ("outbox", "payload", "entity_id"),
        ):
            texts = [
                r[0]
                for r in keeper.execute(
                    f"SELECT {column} FROM {table} WHERE {key} = ?", (secret.id,)
                )
            ]
            assert texts and _hits("\n".join(texts).encode(), SECRET_STRINGS) == []
        create = json.loads(
            keeper.execute(
                "SELECT payload FROM outbox WHERE entity_id = ? AND op_type = 'case.create'",
                (secret.id,),
            ).fetchone()[0]
        )
        assert create["data"]["reporter"] is None and create["data"]["anonymous"] is True
    finally:
        keeper.close()

    queries = QueryService(workspace)
    for query in (
        "Wiryawan",
        "kusumanegara",
        "0812-9876-5432",
        "+62 812 9876 5432",
        "3529012345678901",
    ):
        assert queries.search(query) == [], query
    detail = service.detail(secret.register_no)
    assert detail.case.reporter is None and detail.case.anonymous
    assert [r.reporter_display for r in queries.search("Bansos")] == [None]


def test_an_anonymous_case_takes_no_identity_afterwards(workspace: Workspace) -> None:
    service = CaseService(workspace)
    case = service.register(_new("Pungli di kantor desa", kind="wbs", anonymous=True))
    for field, value in (
        ("reporter.name", "Wiryawan"),
        ("reporter.phone", "0812-9876-5432"),
        ("reporter.nik", "3529012345678901"),
        ("anonymous", False),
    ):
        with pytest.raises(ValidationError):
            service.edit(case.id, {field: value})
    after = service.detail(case.id)
    assert after.case.version == case.version and after.case.reporter is None
    assert [e.op.op_type.value for e in after.pending_ops] == ["case.create"]


def test_confidential_reporters_are_masked_in_lists_but_not_in_the_detail(
    workspace: Workspace,
) -> None:
    service = CaseService(workspace)
    queries = QueryService(workspace)
    hidden = service.register(_new("Bansos tidak cair", reporter=SECRET, confidential=True))
    shown = service.register(_new("Lampu padam", reporter=CONTROL))

    by_no = {r.register_no: r for r in queries.cases(CaseQuery())}
    assert by_no[hidden.register_no].reporter_display == "W*** K***"
    assert by_no[shown.register_no].reporter_display == "Dewi Lestarini"
    for rows in (
        queries.cases(CaseQuery(queue=Queue.NEEDS_VERIFICATION)),
        queries.search("bansos"),
        queries.search("0812-9876-5432"),
    ):
        row = next(r for r in rows if r.register_no == hidden.register_no)
        assert row.reporter_display == "W*** K***"
        assert "Wiryawan" not in repr(row) and "9876" not in repr(row)

    detail = service.detail(hidden.register_no)
    assert detail.case.confidential
    assert detail.case.reporter == SECRET
    assert detail.case.reporter_for_display() == SECRET.masked()

    # Marking a case confidential later masks it in lists from then on.
    service.edit(shown.id, {"confidential": True})
    row = next(r for r in queries.cases(CaseQuery()) if r.register_no == shown.register_no)
    assert row.reporter_display == "D*** L***"
    assert service.detail(shown.id).case.reporter == CONTROL


def test_making_a_case_anonymous_scrubs_the_identity_from_unsent_operations(
    workspace: Workspace,
) -> None:
    service = CaseService(workspace)
    case = service.register(
        NewCase(
            title="Pungutan sekolah",
            text="Anak saya diminta bayar",
            channel="walk_in",
            category="Bantuan Sosial",
            reporter=SECRET,
        )
    )
    service.edit(case.register_no, {"reporter.phone": "0813-1111-2222"})

    service.edit(case.register_no, {"anonymous": True})

    with workspace.db.read() as uow:
        payloads = [json.dumps(e.op.to_json()) for e in uow.outbox.entries(entity_id=case.id)]
        assert not uow.search.contains_text("Wiryawan")
    assert len(payloads) == 3  # nothing dropped: the operations stay, without the identity
    for secret in ("Wiryawan", "3529012345678901", "0812-9876-5432", "0813-1111-2222"):
        assert not any(secret in p for p in payloads), secret
    assert service.detail(case.register_no).case.reporter is None
