"""One complaint through its whole life, driven only through `lapor-desktop` subprocesses."""

from __future__ import annotations

from pathlib import Path

from tests.cli.cli_support import (
    add_case,
    deadline,
    init_office,
    local_day,
    ok,
    ok_json,
)

QUEUE_NAMES = {
    "needs_verification",
    "due_today",
    "overdue",
    "disposed_to_us",
    "awaiting_reporter",
    "needs_info",
    "monitored",
    "conflicts",
    "all",
}


def _queues(data_dir: Path) -> dict[str, int]:
    counts = ok_json("queues", data_dir=data_dir)
    assert set(counts) == QUEUE_NAMES
    return counts


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {name: n for name, n in counts.items() if n}


def test_a_case_from_intake_to_resolution_and_beyond(tmp_path: Path) -> None:
    data = tmp_path / "data"
    office = init_office(data)
    assert office["office"]["code"] == "DINSOS"
    assert office["office"]["units"] == ["Bidang Linjamsos"]
    assert (data / "lapor.db").is_file()
    assert _nonzero(_queues(data)) == {}

    # ---- intake: walk-in, category by name, reporter, received earlier this morning
    case = add_case(
        data,
        "--channel",
        "Datang Langsung",
        "--reporter-name",
        "Budi Santoso",
        "--reporter-phone",
        "081234567890",
        "--received-at",
        "2026-03-02T08:30",
        "--lapor-id",
        "1916449",
    )
    case_id, register_no = case["id"], case["register_no"]
    assert register_no == "DINSOS/2026/00001"
    assert case["status"] == "RECEIVED"
    assert case["channel"] == "walk_in"
    assert case["category_code"] == "INFRASTRUKTUR.TRANSPORTASI"
    assert case["received_at"] == "2026-03-02T01:30:00+00:00"  # 08:30 WIB
    assert case["reporter"]["name"] == "Budi Santoso"
    assert case["reporter"]["phone"] == "081234567890"
    assert case["lapor_tracking_id"] == "1916449"
    assert _nonzero(_queues(data)) == {"needs_verification": 1, "all": 1}

    # ---- case show: text by register number, JSON by id and by LAPOR! tracking id
    text = ok("case", "show", register_no, data_dir=data).stdout
    for expected in (
        register_no,
        case_id,
        "Infrastruktur › Transportasi",
        "Budi Santoso, 081234567890",
        "#1916449",
        "VERIFY_3HK",
        "RESOLVE_LIGHT_5HK",
        "PermenPANRB 62/2018",
        "5 Maret 2026, 23.59 WIB",  # verification: 3 working days after Monday 2 March
        "9 Maret 2026, 23.59 WIB",  # resolution: 5 working days
        "riwayat:",
        f"Pengaduan diterima dengan nomor {register_no}",
    ):
        assert expected in text, f"{expected!r} missing from:\n{text}"

    by_id = ok_json("case", "show", case_id, data_dir=data)
    by_lapor_id = ok_json("case", "show", "1916449", data_dir=data)
    assert by_id["case"]["register_no"] == register_no
    assert by_lapor_id["case"]["id"] == case_id
    verification = deadline(by_id, "verification")
    assert verification["rule"] == "VERIFY_3HK"
    assert "PermenPANRB 62/2018" in verification["legal_basis"]
    assert local_day(verification["due_at"]) == "2026-03-05"
    assert local_day(deadline(by_id, "resolution")["due_at"]) == "2026-03-09"
    assert [e["kind"] for e in by_id["timeline"]] == ["created"]
    assert by_id["pending_operations"] == ["case.create"]

    listed = ok_json("case", "list", data_dir=data)
    assert [(r["register_no"], r["status"]) for r in listed] == [(register_no, "RECEIVED")]
    assert listed[0]["reporter"] == "Budi Santoso"

    # ---- dispose to a unit, with instructions and urgency
    disposed = ok_json(
        "case",
        "dispose",
        register_no,
        "--to-unit",
        "Bidang Linjamsos",
        "--instruction",
        "Tinjau lokasi",
        "--instruction",
        "Laporkan hasilnya",
        "--sifat",
        "segera",
        data_dir=data,
    )
    assert disposed["case"]["status"] == "DISPOSED"
    [hop] = disposed["case"]["dispositions"]
    assert (hop["to_unit"], hop["sifat"]) == ("Bidang Linjamsos", "segera")
    assert hop["instructions"] == ["Tinjau lokasi", "Laporkan hasilnya"]
    assert deadline(disposed, "verification")["completed_at"] is not None
    assert deadline(disposed, "first_follow_up")["rule"] == "FOLLOW_UP_5HK"
    assert _nonzero(_queues(data)) == {"disposed_to_us": 1, "all": 1}

    # ---- follow-up, final answer, resolve
    followed = ok_json("case", "follow-up", case_id, "--text", "Tim sudah meninjau", data_dir=data)
    assert followed["case"]["status"] == "IN_PROGRESS"
    assert [f["text"] for f in followed["case"]["follow_ups"]] == ["Tim sudah meninjau"]

    answered = ok_json(
        "case", "answer", case_id, "--text", "Jalan diperbaiki pekan depan", data_dir=data
    )
    assert answered["case"]["status"] == "AWAITING_REPORTER"
    assert answered["case"]["answer"]["text"] == "Jalan diperbaiki pekan depan"
    assert deadline(answered, "auto_close")["rule"] == "AUTO_CLOSE_10HK"
    assert _nonzero(_queues(data)) == {"awaiting_reporter": 1, "all": 1}

    resolved = ok_json("case", "resolve", "1916449", data_dir=data)
    assert resolved["case"]["status"] == "RESOLVED"
    assert [e["kind"] for e in resolved["timeline"]] == [
        "created",
        "disposed",
        "follow_up",
        "status",
        "status",
    ]
    assert resolved["pending_operations"] == [
        "case.create",
        "case.dispose",
        "case.follow_up",
        "case.answer",
        "case.transition",
    ]
    assert _nonzero(_queues(data)) == {"all": 1}
    only_resolved = ok_json("case", "list", "--status", "RESOLVED", data_dir=data)
    assert [r["id"] for r in only_resolved] == [case_id]
    assert ok_json("case", "list", "--status", "diterima", data_dir=data) == []

    # ---- reopen, then cancel (the default role of a data dir is coordinator)
    reopened = ok_json(
        "case", "reopen", case_id, "--reason", "Pelapor: belum diperbaiki", data_dir=data
    )
    assert reopened["case"]["status"] == "IN_PROGRESS"
    assert reopened["case"]["reopen_count"] == 1
    assert reopened["case"]["answer"] is None
    cancelled = ok_json("case", "cancel", case_id, "--reason", "Salah input", data_dir=data)
    assert cancelled["case"]["status"] == "CANCELLED"
    assert cancelled["case"]["status_reason"] == "Salah input"
    assert "Salah input" in cancelled["timeline"][-1]["summary"]
