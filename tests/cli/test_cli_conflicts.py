"""`case show` lists open sync conflicts; `case resolve-conflict` settles them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.workspace import open_workspace
from tests.cli.cli_support import NOW, add_case, db_snapshot, fails, init_office, ok, ok_json
from tests.conftest import FakeClock
from tests.lapor_desktop.services.conflict_support import record_conflict


@pytest.fixture
def conflicted(tmp_path: Path) -> dict[str, Any]:
    """A case whose title another DINSOS device changed from a stale base: one open conflict."""
    data = tmp_path / "data"
    init_office(data)
    case = add_case(data, "--title", "Jalan berlubang", "--reporter-name", "Budi Santoso")
    ws = open_workspace(AppPaths(data), FakeClock(datetime.fromisoformat(NOW)))
    try:
        record_conflict(ws, case["id"], "title", "Jalan berlubang di Desa Kolor")
        after = record_conflict(ws, case["id"], "reporter.name", "Budi S.", base="Budi")
    finally:
        ws.close()
    title, name = after.conflicts
    return {"dir": data, "case": case, "title_id": title.id, "name_id": name.id}


def test_case_show_lists_the_open_conflicts(conflicted: dict[str, Any]) -> None:
    data, case = conflicted["dir"], conflicted["case"]
    shown = ok("case", "show", case["register_no"], data_dir=data).stdout
    assert "konflik sinkronisasi (2 terbuka)" in shown
    assert conflicted["title_id"] in shown
    assert "\u201cJalan berlubang di Desa Kolor\u201d  (DINSOS, rina," in shown
    assert "sekarang : \u201cJalan berlubang\u201d" in shown
    assert "semula   : \u201cnilai yang sudah lama berubah\u201d" in shown
    assert "nama pelapor [reporter.name]" in shown
    detail = ok_json("case", "show", case["id"], data_dir=data)
    conflicts = detail["case"]["conflicts"]
    assert [(c["field"], c["status"]) for c in conflicts] == [
        ("title", "open"),
        ("reporter.name", "open"),
    ]
    assert conflicts[0]["ours"] == "Jalan berlubang di Desa Kolor"
    assert conflicts[0]["theirs"] == "Jalan berlubang"
    # Nothing about identity reaches the timeline.
    assert all("Budi" not in e["summary"] + str(e["data"]) for e in detail["timeline"])


def test_resolve_conflict_keep_ours_then_value(conflicted: dict[str, Any]) -> None:
    data, case = conflicted["dir"], conflicted["case"]
    detail = ok_json(
        "case",
        "resolve-conflict",
        case["id"],
        conflicted["title_id"],
        "--keep",
        "ours",
        data_dir=data,
    )
    assert detail["case"]["title"] == "Jalan berlubang di Desa Kolor"
    assert [c["status"] for c in detail["case"]["conflicts"]] == ["resolved", "open"]
    assert detail["timeline"][-1]["kind"] == "conflict_resolved"
    assert "conflict.resolve" in detail["pending_operations"]
    name_id = conflicted["name_id"]
    detail = ok_json(
        "case",
        "resolve-conflict",
        case["register_no"],
        name_id[:8],
        "--value",
        "Budi Santoso",
        data_dir=data,
    )
    assert detail["case"]["reporter"]["name"] == "Budi Santoso"
    assert all(c["status"] == "resolved" for c in detail["case"]["conflicts"])
    shown = ok("case", "show", case["id"], data_dir=data).stdout
    assert "konflik sinkronisasi" not in shown
    assert "Konflik diselesaikan: judul" in shown
    # Settling it again is a no-op: nothing is written.
    before = db_snapshot(data)
    ok("case", "resolve-conflict", case["id"], name_id, "--keep", "theirs", data_dir=data)
    assert db_snapshot(data) == before


def test_resolve_conflict_keep_theirs_and_the_queue(conflicted: dict[str, Any]) -> None:
    data, case = conflicted["dir"], conflicted["case"]
    listed = ok_json("case", "list", "--queue", "conflicts", data_dir=data)
    assert [r["id"] for r in listed] == [case["id"]]
    assert "Konflik sinkronisasi" in ok("queues", data_dir=data).stdout
    ok(
        "case",
        "resolve-conflict",
        case["id"],
        conflicted["title_id"],
        "--keep",
        "theirs",
        data_dir=data,
    )
    shown = ok_json("case", "show", case["id"], data_dir=data)["case"]
    assert shown["title"] == "Jalan berlubang"


def test_bad_resolve_conflict_input_is_refused_and_writes_nothing(
    conflicted: dict[str, Any],
) -> None:
    data, case = conflicted["dir"], conflicted["case"]
    before = db_snapshot(data)
    assert "--keep" in fails("case", "resolve-conflict", case["id"], "x", data_dir=data)
    fails("case", "resolve-conflict", case["id"], "x", "--keep", "mine", data_dir=data)
    fails(
        "case",
        "resolve-conflict",
        case["id"],
        conflicted["title_id"],
        "--keep",
        "ours",
        "--value",
        "x",
        data_dir=data,
    )
    message = fails(
        "case", "resolve-conflict", case["id"], "tidak-ada", "--keep", "ours", data_dir=data
    )
    assert "conflict_id" in message
    message = fails(
        "case",
        "resolve-conflict",
        case["id"],
        conflicted["title_id"],
        "--value",
        " ",
        data_dir=data,
    )
    assert "title" in message
    assert db_snapshot(data) == before
