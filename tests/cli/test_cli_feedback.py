"""`case feedback`: the reporter's satisfaction from the command line, end to end in real
subprocesses; every bad input is one line, status 2, and writes nothing."""

from __future__ import annotations

from pathlib import Path

from tests.cli.cli_support import add_case, db_snapshot, fails, init_office, ok, ok_json

LATER = "2026-03-04T10:00+07:00"  # the reporter called back two days later


def test_feedback_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_office(data)
    number = add_case(data)["register_no"]
    before = db_snapshot(data)

    refused = {
        "rating 0": ("--rating", "0", "--puas"),
        "rating 6": ("--rating", "6", "--puas"),
        "rating x": ("--rating", "x", "--tidak-puas"),
        "both verdicts": ("--rating", "4", "--puas", "--tidak-puas"),
        "no verdict": ("--rating", "4"),
    }
    messages = {
        name: fails("case", "feedback", number, *options, data_dir=data)
        for name, options in refused.items()
    }
    for name in ("rating 0", "rating 6", "rating x"):
        assert messages[name].startswith("argument --rating: "), messages[name]
        assert "1 to 5" in messages[name]
    assert "--puas" in messages["both verdicts"] and "--tidak-puas" in messages["no verdict"]
    no_answer = fails("case", "feedback", number, "--rating", "5", "--puas", data_dir=data)
    assert number in no_answer and "no final answer" in no_answer
    unknown = fails(
        "case", "feedback", "DINSOS/2026/09999", "--rating", "5", "--puas", data_dir=data
    )
    assert "DINSOS/2026/09999" in unknown
    assert db_snapshot(data) == before  # nothing written, not even a number drawn

    ok("case", "dispose", number, "--to-unit", "Bidang Linjamsos", data_dir=data)
    ok("case", "follow-up", number, "--text", "Petugas meninjau lokasi.", data_dir=data)
    ok("case", "answer", number, "--text", "Jalan telah ditambal.", data_dir=data)

    first = ok_json("case", "feedback", number, "--rating", "4", "--puas", data_dir=data)
    assert first["feedback"] == {"rating": 4, "satisfied": True, "text": ""}
    assert first["timeline"][-1]["kind"] == "feedback"
    assert first["pending_operations"][-1] == "event.append"
    later = ok(
        "case",
        "feedback",
        number,
        "--rating",
        "2",
        "--tidak-puas",
        "--text",
        "Tambalannya lepas lagi",
        data_dir=data,
        now=LATER,
    )
    assert "kepuasan      : 2/5, tidak puas (belum beres)" in later.stdout  # the latest counts

    shown = ok("case", "show", number, data_dir=data, now=LATER).stdout
    timeline = shown[shown.index("riwayat:") :]
    assert "Kepuasan pelapor: 4/5, puas (beres)" in timeline
    assert "Kepuasan pelapor: 2/5, tidak puas (belum beres) — Tambalannya lepas lagi" in timeline
