"""Every other case action once, each on its own copy of one prepared data dir."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.cli.cli_support import (
    add_case,
    copy_data_dir,
    db_snapshot,
    deadline,
    fails,
    init_office,
    ok_json,
)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An office with three RECEIVED cases: a walk-in with a reporter, a WhatsApp one, and a
    request for public information (the only kind whose deadline may be extended, by 7 days)."""
    data = tmp_path_factory.mktemp("prepared") / "data"
    init_office(data)
    walk_in = add_case(
        data,
        "--channel",
        "walk_in",
        "--reporter-name",
        "Budi Santoso",
        "--reporter-phone",
        "081234567890",
        "--received-at",
        "2026-03-02T08:30",
    )
    whatsapp = add_case(data, "--title", "Bansos belum cair", "--category", "Bantuan Sosial")
    info = add_case(
        data,
        "--title",
        "Minta data penerima PKH",
        "--kind",
        "permintaan_informasi",
        "--category",
        "Bantuan Sosial",
    )
    return {"dir": data, "walk_in": walk_in, "whatsapp": whatsapp, "info": info}


@pytest.fixture
def data(prepared: dict[str, Any], tmp_path: Path) -> Path:
    return copy_data_dir(prepared["dir"], tmp_path / "data")


def test_needs_info_pauses_the_clock_and_info_received_resumes_it(
    prepared: dict[str, Any], data: Path
) -> None:
    ref = prepared["walk_in"]["register_no"]
    waiting = ok_json("case", "needs-info", ref, "--reason", "KTP belum dilampirkan", data_dir=data)
    assert waiting["case"]["status"] == "NEEDS_INFO"
    assert waiting["case"]["status_reason"] == "KTP belum dilampirkan"
    assert [p["end"] for p in waiting["case"]["pauses"]] == [None]
    assert deadline(waiting, "info_wait")["rule"] == "INFO_WAIT_30D"
    assert ok_json("queues", data_dir=data)["needs_info"] == 1

    back = ok_json("case", "info-received", ref, data_dir=data)
    assert back["case"]["status"] == "RECEIVED"
    [pause] = back["case"]["pauses"]
    assert pause["end"] is not None
    assert deadline(back, "info_wait")["completed_at"] is not None


def test_close_incomplete_only_after_the_30_day_wait(prepared: dict[str, Any], data: Path) -> None:
    ref = prepared["whatsapp"]["id"]
    ok_json("case", "needs-info", ref, "--reason", "Nomor KK tidak terbaca", data_dir=data)
    before = db_snapshot(data)
    message = fails("case", "close-incomplete", ref, data_dir=data)
    assert "2026-04-01" in message  # 30 calendar days after 2 March
    assert db_snapshot(data) == before

    closed = ok_json("case", "close-incomplete", ref, data_dir=data, now="2026-04-02T09:00+07:00")
    assert closed["case"]["status"] == "CLOSED_INCOMPLETE"
    assert all(d["completed_at"] is not None for d in closed["deadlines"])


def test_forward_to_the_competent_agency(prepared: dict[str, Any], data: Path) -> None:
    ref = prepared["walk_in"]["id"]
    forwarded = ok_json(
        "case",
        "forward",
        ref,
        "--agency",
        "Dinas PU Bina Marga Provinsi Jawa Timur",
        "--reason",
        "Jalan provinsi, bukan kewenangan kabupaten",
        data_dir=data,
    )
    assert forwarded["case"]["status"] == "FORWARDED"
    assert forwarded["case"]["forwarded_to"] == "Dinas PU Bina Marga Provinsi Jawa Timur"
    monitored = ok_json("case", "list", "--queue", "monitored", data_dir=data)
    assert [r["id"] for r in monitored] == [ref]


def test_archive_as_duplicate_of_another_case(prepared: dict[str, Any], data: Path) -> None:
    original = prepared["walk_in"]
    archived = ok_json(
        "case",
        "archive",
        prepared["whatsapp"]["id"],
        "--reason",
        "Laporan ganda",
        "--duplicate-of",
        original["register_no"],
        data_dir=data,
    )
    assert archived["case"]["status"] == "ARCHIVED"
    assert archived["case"]["duplicate_of"] == original["id"]
    assert archived["timeline"][-1]["data"]["duplicate_of"] == original["id"]


def test_extend_an_information_request_by_at_most_7_days(
    prepared: dict[str, Any], data: Path
) -> None:
    info = prepared["info"]
    [clock] = [c for c in info["clocks"] if c["stage"] == "resolution"]
    assert clock["rule_code"] == "INFO_REQUEST_10HK"
    first = ok_json("case", "show", info["id"], data_dir=data)
    due_before = deadline(first, "resolution")["due_at"]

    before = db_snapshot(data)
    message = fails(
        "case", "extend", info["id"], "--days", "8", "--reason", "Data besar", data_dir=data
    )
    assert "at most 7" in message
    assert db_snapshot(data) == before

    extended = ok_json(
        "case",
        "extend",
        info["id"],
        "--days",
        "7",
        "--reason",
        "Data harus dihimpun dari tiga kecamatan",
        data_dir=data,
    )
    resolution = deadline(extended, "resolution")
    assert resolution["extension_days"] == 7
    assert resolution["due_at"] > due_before
    assert extended["timeline"][-1]["kind"] == "extended"
    assert "Data harus dihimpun dari tiga kecamatan" in extended["timeline"][-1]["summary"]


def test_note_goes_on_the_timeline_and_changes_nothing_else(
    prepared: dict[str, Any], data: Path
) -> None:
    case = prepared["walk_in"]
    noted = ok_json(
        "case", "note", case["id"], "--text", "Pelapor menelepon menanyakan status", data_dir=data
    )
    assert noted["case"]["status"] == "RECEIVED"
    assert noted["case"]["version"] == case["version"]
    last = noted["timeline"][-1]
    assert (last["kind"], last["summary"]) == ("note", "Pelapor menelepon menanyakan status")
    assert noted["pending_operations"][-1] == "event.append"


def test_attach_stores_one_blob_per_content(
    prepared: dict[str, Any], data: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "foto jalan.jpg"
    content = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
    photo.write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()

    attached = ok_json("case", "attach", prepared["walk_in"]["id"], photo, data_dir=data)
    [ref] = attached["case"]["attachments"]
    assert (ref["name"], ref["sha256"], ref["size"]) == ("foto jalan.jpg", sha, len(content))
    assert ref["mime"] == "image/jpeg"
    blob = data / "blobs" / sha[:2] / sha[2:4] / sha
    assert blob.read_bytes() == content

    shown = ok_json("case", "show", prepared["walk_in"]["register_no"], data_dir=data)
    assert [a["sha256"] for a in shown["case"]["attachments"]] == [sha]
    assert shown["timeline"][-1]["kind"] == "attachment"

    again = ok_json("case", "attach", prepared["whatsapp"]["id"], photo, data_dir=data)
    assert [a["sha256"] for a in again["case"]["attachments"]] == [sha]
    stored = [p for p in (data / "blobs").rglob("*") if p.is_file()]
    assert stored == [blob]
    with closing(sqlite3.connect(data / "lapor.db")) as con:
        assert con.execute("SELECT sha256 FROM blob").fetchall() == [(sha,)]


def test_edit_title_category_then_make_anonymous(prepared: dict[str, Any], data: Path) -> None:
    ref = prepared["walk_in"]["id"]
    edited = ok_json(
        "case",
        "edit",
        ref,
        "--title",
        "Jalan rusak parah di Desa Pangarangan",
        "--category",
        "Bantuan Sosial",
        data_dir=data,
    )
    assert edited["case"]["title"] == "Jalan rusak parah di Desa Pangarangan"
    assert edited["case"]["category_code"] == "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"
    assert edited["category_path"].endswith("› Bantuan Sosial")
    assert edited["case"]["reporter"]["name"] == "Budi Santoso"

    ok_json("case", "edit", ref, "--anonymous", data_dir=data)
    shown = ok_json("case", "show", ref, data_dir=data)
    assert shown["case"]["anonymous"] is True
    assert shown["case"]["reporter"] is None
    assert "Budi" not in str(shown) and "081234567890" not in str(shown)
    listed = {r["id"]: r for r in ok_json("case", "list", data_dir=data)}
    assert listed[ref]["reporter"] is None
    # The identity is gone from the database file too (outbox, search index, free pages).
    with closing(sqlite3.connect(data / "lapor.db")) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = (data / "lapor.db").read_bytes()
    assert b"Budi Santoso" not in raw
    assert b"081234567890" not in raw
