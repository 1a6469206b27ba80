"""The outbox: one entry per action, in order, written in the transaction of the change itself."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace


def _new(**changes: object) -> NewCase:
    values: dict[str, object] = {
        "title": "Bansos tidak cair",
        "text": "PKH saya tidak cair tiga bulan",
        "channel": "whatsapp",
        "category": "Bantuan Sosial",
    }
    values.update(changes)
    return NewCase(**values)  # type: ignore[arg-type]


def _outbox_rows(workspace: Workspace) -> list[tuple[int, str, str, str, int, dict[str, object]]]:
    con = sqlite3.connect(workspace.paths.database)
    try:
        rows = con.execute(
            "SELECT device_seq, op_id, op_type, entity_id, base_version, payload"
            " FROM outbox ORDER BY device_seq"
        ).fetchall()
    finally:
        con.close()
    return [(s, o, t, e, b, json.loads(p)) for s, o, t, e, b, p in rows]


def _count(workspace: Workspace, table: str) -> int:
    con = sqlite3.connect(workspace.paths.database)
    try:
        return int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    finally:
        con.close()


def test_every_action_is_one_entry_in_order_never_coalesced(
    workspace: Workspace, fake_clock, tmp_path: Path
) -> None:
    service = CaseService(workspace)
    case = service.register(_new())
    steps = [
        ("case.edit", lambda: service.edit(case.id, {"title": "Bansos PKH tidak cair"})),
        ("case.edit", lambda: service.edit(case.id, {"title": "Bansos PKH belum cair"})),
        ("event.append", lambda: service.note(case.id, "Pelapor datang lagi")),
        (
            "case.dispose",
            lambda: service.dispose(
                case.id,
                DispositionInput(to_unit="Bidang Linjamsos", instructions=("Proses lebih lanjut",)),
            ),
        ),
        (
            "case.dispose",
            lambda: service.dispose(case.id, DispositionInput(to_person="Kasi Jaminan Sosial")),
        ),
        ("case.follow_up", lambda: service.follow_up(case.id, "Dicek ke pendamping PKH")),
        ("case.follow_up", lambda: service.follow_up(case.id, "Data sudah diperbaiki")),
        ("attachment.add", lambda: service.attach(case.id, _file(tmp_path, b"foto KTP"))),
        ("case.answer", lambda: service.answer(case.id, "Dana sudah cair")),
        ("case.transition", lambda: service.resolve(case.id)),
        ("case.transition", lambda: service.reopen(case.id, "Pelapor: baru cair sebagian")),
    ]
    versions = [case.version]
    for _, step in steps:
        fake_clock.advance(minutes=5)
        versions.append(step().version)

    rows = _outbox_rows(workspace)
    assert [r[2] for r in rows] == ["case.create"] + [op for op, _ in steps]
    assert [r[0] for r in rows] == list(range(1, len(steps) + 2))  # device_seq, no gap
    assert len({r[1] for r in rows}) == len(rows)  # a fresh op_id for each
    assert {r[3] for r in rows} == {case.id}
    # Each op records the version it was based on: the one before it.
    assert [r[4] for r in rows] == [0, *versions[:-1]]
    # Every action bumps the version except the note, which only appends to the timeline.
    bumped = [
        op
        for (op, _), old, new in zip(steps, versions[:-1], versions[1:], strict=True)
        if new == old + 1
    ]
    assert bumped == [op for op, _ in steps if op != "event.append"]
    for seq, op_id, op_type, entity_id, _, payload in rows:
        assert payload["device_seq"] == seq and payload["op_id"] == op_id
        assert payload["op_type"] == op_type and payload["entity_id"] == entity_id
        assert payload["device_id"] == workspace.device_id
        assert payload["office"] == "DINSOS" and payload["actor"] == "ani"

    # Two edits of the same field stay two entries, each with the base its operator saw.
    edits = [r[5]["data"] for r in rows if r[2] == "case.edit"]
    assert edits == [
        {"changes": {"title": {"old": "Bansos tidak cair", "new": "Bansos PKH tidak cair"}}},
        {"changes": {"title": {"old": "Bansos PKH tidak cair", "new": "Bansos PKH belum cair"}}},
    ]
    # The timeline and the outbox tell the same story, op by op.
    timeline = service.detail(case.id).timeline
    assert [e.op_id for e in timeline] == [r[1] for r in rows]
    assert QueryService(workspace).cases(CaseQuery())[0].pending_ops == len(rows)


def _file(tmp_path: Path, content: bytes, name: str = "ktp.jpg") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_entries_of_several_cases_interleave_in_device_order(workspace: Workspace) -> None:
    service = CaseService(workspace)
    first = service.register(_new(title="Satu"))
    second = service.register(_new(title="Dua"))
    service.note(first.id, "a")
    service.note(second.id, "b")
    service.edit(first.id, {"summary": "ringkasan"})
    rows = _outbox_rows(workspace)
    assert [(r[0], r[2], r[3]) for r in rows] == [
        (1, "case.create", first.id),
        (2, "case.create", second.id),
        (3, "event.append", first.id),
        (4, "event.append", second.id),
        (5, "case.edit", first.id),
    ]
    with workspace.db.read() as uow:
        assert [e.device_seq for e in uow.outbox.entries(entity_id=first.id)] == [1, 3, 5]
        assert uow.outbox.count_by_state() == {"pending": 5}


def test_an_action_that_changes_nothing_writes_no_entry(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = CaseService(workspace)
    case = service.register(_new())
    same = service.edit(case.id, {"title": "Bansos tidak cair"})  # the value it already has
    assert same.version == case.version
    photo = _file(tmp_path, b"foto")
    service.attach(case.id, photo)
    service.attach(case.id, photo)  # already attached
    assert [r[2] for r in _outbox_rows(workspace)] == ["case.create", "attachment.add"]


@contextmanager
def _outbox_insert_fails(workspace: Workspace) -> Iterator[None]:
    """A trigger in the real file makes the outbox insert fail, after the case was written."""
    con = sqlite3.connect(workspace.paths.database)
    con.execute(
        "CREATE TRIGGER test_outbox_fails BEFORE INSERT ON outbox"
        " BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END"
    )
    con.commit()
    try:
        yield
    finally:
        con.execute("DROP TRIGGER test_outbox_fails")
        con.commit()
        con.close()


def _state(workspace: Workspace) -> dict[str, object]:
    con = sqlite3.connect(workspace.paths.database)
    try:
        return {
            "cases": con.execute(
                'SELECT id, version, status, title, doc FROM "case" ORDER BY row_id'
            ).fetchall(),
            "events": con.execute("SELECT id FROM case_event ORDER BY seq").fetchall(),
            "fts": con.execute("SELECT rowid, title, summary FROM case_fts").fetchall(),
            "numbers": con.execute("SELECT name, year, last FROM number_sequence").fetchall(),
            "blobs": con.execute("SELECT sha256 FROM blob").fetchall(),
        }
    finally:
        con.close()


def test_when_the_outbox_write_fails_the_change_is_not_saved_either(
    workspace: Workspace, tmp_path: Path
) -> None:
    service = CaseService(workspace)
    case = service.register(_new())
    before = _state(workspace)
    with _outbox_insert_fails(workspace):
        with pytest.raises(IntegrityError, match="outbox unavailable"):
            service.register(_new(title="Jalan rusak"))
        with pytest.raises(IntegrityError, match="outbox unavailable"):
            service.edit(case.id, {"title": "Judul baru sekali"})
        with pytest.raises(IntegrityError, match="outbox unavailable"):
            service.needs_info(case.id, "Lampirkan KTP")
        with pytest.raises(IntegrityError, match="outbox unavailable"):
            service.attach(case.id, _file(tmp_path, b"scan"))
        assert _state(workspace) == before  # case row, timeline, index, number: all unchanged
    assert [r[2] for r in _outbox_rows(workspace)] == ["case.create"]
    # The number the failed intake drew was rolled back with it, so none is skipped.
    assert service.register(_new(title="Jalan rusak")).register_no == "DINSOS/2026/00002"
    assert service.edit(case.id, {"title": "Judul baru sekali"}).title == "Judul baru sekali"
    assert service.detail(case.id).case.status is CaseStatus.RECEIVED
    assert [r[2] for r in _outbox_rows(workspace)] == ["case.create", "case.create", "case.edit"]
