"""`letter --copy … | --no-copies`: the tembusan from the command line, in real subprocesses."""

from __future__ import annotations

from pathlib import Path

from tests.cli.cli_support import add_case, db_snapshot, fails, ok
from tests.cli.test_cli_letters import FULL_OFFICE, NOW, REPORTER, _text


def _answered(data: Path) -> str:
    case = add_case(data, *REPORTER, now=NOW)["id"]
    ok("case", "dispose", case, "--to-unit", "Bidang Linjamsos", data_dir=data, now=NOW)
    ok("case", "follow-up", case, "--text", "Dicek", data_dir=data, now=NOW)
    ok("case", "answer", case, "--text", "Jalan diperbaiki.", data_dir=data, now=NOW)
    return str(case)


def test_copy_and_no_copies_set_the_tembusan(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    case = _answered(data)

    def letter(name: str, *extra: str) -> str:
        out = tmp_path / name
        ok("letter", case, "--kind", "tanggapan", "-o", out, *extra, data_dir=data, now=NOW)
        return _text(out)

    chosen = letter("own.pdf", "--copy", "Inspektur Kabupaten Sumenep", "--copy", "Arsip")
    tail = chosen.split("Tembusan:", 1)[1]
    assert "1. Inspektur Kabupaten Sumenep" in tail and "2. Arsip" in tail
    assert "Bupati" not in tail
    assert "Tembusan" not in letter("none.pdf", "--no-copies")
    assert "Bupati Sumenep" in letter("default.pdf").split("Tembusan:", 1)[1]


def test_bad_tembusan_options_exit_2_and_write_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    case = _answered(data)
    before = db_snapshot(data)
    out = tmp_path / "x.pdf"
    message = fails(
        "letter",
        case,
        "--kind",
        "tanda-terima",
        "-o",
        out,
        "--copy",
        "Arsip",
        data_dir=data,
        now=NOW,
    )
    assert "no tembusan" in message
    assert "empty" in fails(
        "letter", case, "--kind", "tanggapan", "-o", out, "--copy", "  ", data_dir=data, now=NOW
    )
    too_long = "x" * 201
    assert "longer than 200" in fails(
        "letter", case, "--kind", "tanggapan", "-o", out, "--copy", too_long, data_dir=data, now=NOW
    )
    both = fails(
        "letter", case, "--kind", "tanggapan", "-o", out, "--copy", "A", "--no-copies",
        data_dir=data, now=NOW,
    )  # fmt: skip
    assert "not allowed with" in both
    assert not out.exists()
    assert db_snapshot(data) == before
