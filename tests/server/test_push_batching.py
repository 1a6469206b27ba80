"""A push is one transaction with a savepoint per op: batches behave as ops one by one did."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select, update

from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import OpType
from server.tables import CaseEvent, CaseRow, CaseVersion, ChangeLog, Device, ProcessedOp
from tests.server.devices import PASSWORD, case_data, enroll, setup_offices
from tests.server.devices import Device as Pusher  # not Test*: pytest would collect it
from tests.server.test_concurrency import changes_seen_while
from tests.support.live_server import LiveServer


@pytest.fixture
def ani(live_server: LiveServer) -> Pusher:
    setup_offices(live_server)
    return enroll(live_server, "ani")


def register_no(device: Pusher, n: int) -> str:
    return f"DINSOS/{device.enrollment['blocks'][0]['year']}/{n:05d}"


def note(device: Pusher, case_id: str, text: str, base_version: int = 1) -> dict[str, Any]:
    return device.op(
        OpType.EVENT_APPEND, case_id, {"kind": "note", "text": text}, base_version=base_version
    )


def priority(device: Pusher, case_id: str, old: str, new: str, base: int) -> dict[str, Any]:
    return device.op(
        OpType.CASE_EDIT,
        case_id,
        {"changes": {"priority": {"old": old, "new": new}}},
        base_version=base,
    )


def rows(server: LiveServer, stmt: Any) -> list[Any]:
    with server.engine.connect() as conn:
        return list(conn.execute(stmt).all())


def test_many_ops_of_one_case_in_one_batch_each_get_their_version_and_change(
    ani: Pusher, live_server: LiveServer
) -> None:
    case_id = uuid7()
    ops = [ani.op(OpType.CASE_CREATE, case_id, case_data(register_no(ani, 1)))]
    ops += [note(ani, case_id, "Pelapor ditelepon")]
    ops += [priority(ani, case_id, "normal", "tinggi", 1)]
    ops += [note(ani, case_id, "Menunggu bidang", base_version=2)]
    ops += [priority(ani, case_id, "tinggi", "rendah", 2)]
    answer = ani.push(*ops)
    statuses = [r["status"] for r in answer["results"]]
    assert statuses == ["applied"] * 5
    assert answer["last_device_seq"] == 5
    versions = [r["version"] for r in answer["results"]]
    assert versions == sorted(versions) and versions[0] == 1 and versions[-1] == 3
    # On the wire: one run of versions from the first op's sequence, no op ids, no defaults.
    assert answer["wire"] == {"applied": [[1, *versions]], "last_device_seq": 5}
    stored = rows(
        live_server,
        select(CaseVersion.version, CaseVersion.doc)
        .where(CaseVersion.case_id == case_id)
        .order_by(CaseVersion.version),
    )
    assert [v for v, _ in stored] == [1, 2, 3]
    [(doc, version)] = rows(live_server, select(CaseRow.doc, CaseRow.version))
    assert json.loads(doc) == json.loads(stored[-1][1]) and version == 3
    assert json.loads(doc)["priority"] == "rendah"
    seqs = [s for (s,) in rows(live_server, select(ChangeLog.seq).order_by(ChangeLog.seq))]
    assert seqs == list(range(seqs[0], seqs[0] + 5))
    # Another office's reader would get nothing; the coordinator gets the whole history.
    reader = enroll(live_server, "citra")
    events = [e["kind"] for c in reader.all_changes() for e in c["events"]]
    assert events.count("note") == 2 and events[0] == "created"
    # The whole batch again (its response was lost): the same answers, nothing applied twice.
    again = ani.push(*ops)
    assert again["results"] == answer["results"] and again["wire"] == answer["wire"]
    assert len(rows(live_server, select(ChangeLog.seq))) == 5


def test_a_value_the_database_refuses_rejects_its_op_alone_and_the_batch_commits(
    ani: Pusher, live_server: LiveServer, server_backend: str
) -> None:
    case_a, _ = ani.create_case(number=1)
    case_b, _ = ani.create_case(number=2)
    # Case B's version at the top of its column: its next version is one no database stores.
    top = 2**31 - 1 if server_backend == "postgresql" else 2**63 - 1
    with live_server.engine.begin() as conn:
        doc = json.loads(conn.execute(select(CaseRow.doc).where(CaseRow.id == case_b)).scalar_one())
        doc["version"] = top
        conn.execute(update(CaseRow).where(CaseRow.id == case_b).values(doc=json.dumps(doc)))
    before = len(rows(live_server, select(ChangeLog.seq)))
    answer = ani.push(
        note(ani, case_a, "sebelum"),
        priority(ani, case_b, "normal", "tinggi", top),
        note(ani, case_a, "sesudah"),
    )
    results = answer["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["message"] == "a value in this op cannot be stored"
    assert answer["last_device_seq"] == 5  # the refused op advanced the sequence too
    # The refused op left nothing behind; both notes of the batch are stored.
    assert len(rows(live_server, select(ChangeLog.seq))) == before + 2
    assert [c for (c,) in rows(live_server, select(ChangeLog.case_id))].count(case_b) == 1
    notes = rows(live_server, select(CaseEvent.doc).where(CaseEvent.case_id == case_a))
    assert sum('"note"' in d for (d,) in notes) == 2
    assert len(rows(live_server, select(ProcessedOp.op_id))) == 5
    with live_server.engine.connect() as conn:
        last = conn.execute(select(Device.last_device_seq)).scalars().all()
    assert max(last) == 5


def test_a_gap_inside_a_batch_keeps_what_came_before_it(ani: Pusher) -> None:
    case_id, _ = ani.create_case(number=1)
    first = note(ani, case_id, "satu")
    skipped = note(ani, case_id, "dua")
    third = note(ani, case_id, "tiga")
    answer = ani.push(first, third)  # `skipped` never sent
    assert [r["status"] for r in answer["results"]] == ["applied"]
    assert answer["expected_seq"] == skipped["device_seq"]
    assert answer["last_device_seq"] == first["device_seq"]
    answer = ani.push(skipped, third)
    assert [r["status"] for r in answer["results"]] == ["applied", "applied"]


def test_two_devices_pushing_batches_at_once_never_let_a_reader_skip_a_change(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    live_server.add_user("ani2", "DINSOS", PASSWORD)
    first, second = enroll(live_server, "ani"), enroll(live_server, "ani2")
    case_a, _ = first.create_case(number=1)
    case_b, _ = second.create_case(number=201)
    reader = enroll(live_server, "citra")  # a coordinator: sees every change

    def write(device: Pusher, cases: tuple[str, str]) -> None:
        for round_ in range(4):
            batch = [note(device, cases[i % 2], f"catatan {round_}.{i}") for i in range(10)]
            results = device.push(*batch)["results"]
            assert all(r["status"] in ("applied", "merged") for r in results), results

    seen = changes_seen_while(
        reader, 7, lambda: write(first, (case_a, case_b)), lambda: write(second, (case_b, case_a))
    )
    assert seen == list(range(seen[0], seen[0] + 2 + 80))
    with live_server.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ProcessedOp)).scalar_one() == 82


def test_numbers_taken_earlier_in_the_same_batch_are_duplicates(
    ani: Pusher, live_server: LiveServer
) -> None:
    # The first run of a batch writes its rows at the end: numbers its own ops took must
    # still be seen as taken by the ops after them.
    first, second, dry = uuid7(), uuid7(), uuid7()
    year = ani.enrollment["blocks"][0]["year"]
    ops = [
        ani.op(OpType.CASE_CREATE, first, case_data(register_no(ani, 7))),
        ani.op(OpType.CASE_CREATE, second, case_data(register_no(ani, 7))),
        ani.op(OpType.CASE_CREATE, dry, case_data(f"DINSOS/{year}/S-1")),
        ani.op(
            OpType.CASE_RENUMBER,
            dry,
            {"register_no": register_no(ani, 7), "provisional": f"DINSOS/{year}/S-1"},
            base_version=1,
        ),
        ani.op(
            OpType.CASE_RENUMBER,
            dry,
            {"register_no": register_no(ani, 8), "provisional": f"DINSOS/{year}/S-1"},
            base_version=1,
        ),
        ani.op(OpType.CASE_CREATE, second, case_data(register_no(ani, 8))),
        ani.op(OpType.CASE_CREATE, second, case_data(register_no(ani, 9))),
    ]
    results = ani.push(*ops)["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("applied", None),
        ("rejected", "duplicate_number"),
        ("applied", None),
        ("rejected", "duplicate_number"),
        ("applied", None),
        ("rejected", "duplicate_number"),
        ("applied", None),
    ]
    keys = rows(
        live_server, select(CaseRow.id, CaseRow.register_key).order_by(CaseRow.register_key)
    )
    assert sorted(keys) == sorted(
        [(first, register_no(ani, 7)), (dry, register_no(ani, 8)), (second, register_no(ani, 9))]
    )


def test_an_event_stored_before_the_batch_is_not_written_twice(
    ani: Pusher, live_server: LiveServer
) -> None:
    # The same op (id and time: the same derived event id) sent by a second PC, after an op
    # of its own in one batch: the batch's first run cannot write it and the batch runs op
    # by op, answering as one op at a time would.
    case_id, _ = ani.create_case()
    live_server.add_user("ani2", "DINSOS", PASSWORD)
    other = enroll(live_server, "ani2")
    shared = note(ani, case_id, "Pelapor ditelepon")
    assert ani.push(shared)["results"][0]["status"] == "applied"
    events_before = rows(live_server, select(func.count()).select_from(CaseEvent))[0][0]
    copy = {**shared, "device_id": other.device_id, "device_seq": 2}
    own = note(other, case_id, "Catatan sendiri")
    assert own["device_seq"] == 1
    results = other.push(own, copy)["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    # Its own note is new; the copy's event was known already.
    events_after = rows(live_server, select(func.count()).select_from(CaseEvent))[0][0]
    assert events_after == events_before + 1
    assert other.push(own, copy)["results"] == results  # replayed: the stored answers
