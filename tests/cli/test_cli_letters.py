"""`lapor-desktop letter …` end to end in subprocesses: PDFs out, numbers, and every refusal."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.cli.cli_support import (
    add_case,
    db_snapshot,
    fails,
    ok,
    ok_json,
    run,
)

NOW = "2026-03-05T10:00+07:00"
NIP = "197003121995031002"
FULL_OFFICE = (
    "--office-code", "DINSOS",
    "--office-name", "Dinas Sosial",
    "--regency", "Kabupaten Sumenep",
    "--unit-code", "435.207",
    "--address", "Jl. Trunojoyo No. 1",
    "--postal-code", "69411",
    "--phone", "(0328) 662000",
    "--email", "dinsos@sumenepkab.go.id",
    "--website", "dinsos.sumenepkab.go.id",
    "--city", "Sumenep",
    "--head-name", "Drs. Achmad Dahlan, M.Si.",
    "--head-nip", NIP,
    "--head-rank", "Pembina Utama Muda (IV/c)",
    "--head-title", "KEPALA DINAS SOSIAL",
    "--unit", "Bidang Linjamsos",
    "--unit", "Bidang Rehabilitasi Sosial",
)  # fmt: skip
REPORTER = ("--reporter-name", "Siti Aminah", "--reporter-phone", "081234567890")


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def _size(path: Path) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(path.read_bytes())).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


@pytest.fixture(scope="module")
def office_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with a full office and one case in each state (set up once: subprocesses)."""
    root = tmp_path_factory.mktemp("letters")
    data = root / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    return data


def _state_cases(data: Path) -> dict[str, dict[str, Any]]:
    def add(*options: str) -> dict[str, Any]:
        return add_case(data, *options, now=NOW)

    received = add(*REPORTER, "--channel", "walk_in")
    answered = add(*REPORTER, "--lapor-id", "1916449")
    ok("case", "dispose", answered["id"], "--to-unit", "Bidang Linjamsos", data_dir=data, now=NOW)
    ok("case", "follow-up", answered["id"], "--text", "Dicek", data_dir=data, now=NOW)
    ok("case", "answer", answered["id"], "--text", "Jalan diperbaiki.", data_dir=data, now=NOW)
    anonymous = add("--anonymous")
    ok("case", "dispose", anonymous["id"], "--to-unit", "Bidang Linjamsos", data_dir=data, now=NOW)
    ok("case", "follow-up", anonymous["id"], "--text", "Dicek", data_dir=data, now=NOW)
    ok("case", "answer", anonymous["id"], "--text", "Jalan diperbaiki.", data_dir=data, now=NOW)
    forwarded = add(*REPORTER)
    ok(
        "case",
        "forward",
        forwarded["id"],
        "--agency",
        "Dinas PUPR Kabupaten Sumenep",
        "--reason",
        "jalan kabupaten",
        data_dir=data,
        now=NOW,
    )
    needs = add(*REPORTER)
    ok("case", "needs-info", needs["id"], "--reason", "foto lokasi", data_dir=data, now=NOW)
    return {
        "received": received,
        "answered": answered,
        "anonymous": anonymous,
        "forwarded": forwarded,
        "needs_info": needs,
    }


@pytest.fixture(scope="module")
def cases(office_dir: Path) -> dict[str, dict[str, Any]]:
    return _state_cases(office_dir)


def test_every_kind_end_to_end(office_dir: Path, cases, tmp_path: Path) -> None:
    data = office_dir
    out = tmp_path

    def letter(case: str, kind: str, *extra: str) -> str:
        result = ok(
            "letter",
            case,
            "--kind",
            kind,
            "-o",
            out / f"{kind}.pdf",
            *extra,
            data_dir=data,
            now=NOW,
        )
        lines = result.stdout.splitlines()
        assert len(lines) == 1, result.describe()
        return lines[0]

    receipt = letter(cases["received"]["register_no"], "tanda-terima")
    assert receipt == "000.8.3.4/0001/435.207/2026"
    assert "Siti Aminah" in _text(out / "tanda-terima.pdf")
    assert "5 Maret 2026, 10.00 WIB" in _text(out / "tanda-terima.pdf")

    response = letter(cases["answered"]["id"], "tanggapan")
    assert response == "400.14.5.4/0002/435.207/2026"
    text = _text(out / "tanggapan.pdf")
    for value in (
        response,
        "Sumenep, 5 Maret 2026",
        "DINAS SOSIAL",
        "Sdr. Siti Aminah",
        f"NIP {NIP}",
        "#1916449",
        "Jalan diperbaiki.",
    ):
        assert value in text, value
    assert _size(out / "tanggapan.pdf") == (609.45, 935.43)

    forward = letter(cases["forwarded"]["register_no"], "penerusan", "--paper", "A4")
    assert forward == "400.14.5.4/0003/435.207/2026"
    assert "Kepala Dinas PUPR Kabupaten Sumenep" in _text(out / "penerusan.pdf")
    assert _size(out / "penerusan.pdf") == (595.28, 841.89)

    completion = letter(cases["needs_info"]["register_no"], "kelengkapan")
    assert completion == "400.14.5.4/0004/435.207/2026"
    assert "foto lokasi" in _text(out / "kelengkapan.pdf")

    sheet = letter(cases["answered"]["register_no"], "disposisi")
    assert sheet == f"Lembar Disposisi, No. Agenda {cases['answered']['register_no']}"
    assert "Bidang Linjamsos" in _text(out / "disposisi.pdf")
    blank = ok(
        "letter",
        cases["received"]["id"],
        "--kind",
        "disposisi",
        "--blank",
        "-o",
        out / "blank.pdf",
        data_dir=data,
        now=NOW,
    )
    assert blank.stdout.startswith("Lembar Disposisi (blanko)")

    anonymous = ok_json(
        "letter",
        cases["anonymous"]["id"],
        "--kind",
        "tanggapan",
        "--anonymous-document",
        "-o",
        out / "anon.pdf",
        data_dir=data,
        now=NOW,
    )
    assert anonymous["number"] == "400.14.5.4/0005/435.207/2026"
    assert anonymous["variant"] == "anonymous"
    assert anonymous["file"] == str(out / "anon.pdf")
    assert "Sdr." not in _text(out / "anon.pdf")

    # The list of the case, and "Surat hari ini".
    listed = ok_json("letters", cases["answered"]["id"], data_dir=data, now=NOW)
    assert [x["kind"] for x in listed] == ["tanggapan", "disposisi"]
    today = ok_json("letters", "--today", data_dir=data, now=NOW)
    assert len(today) == 7
    assert ok_json("letters", "--date", "2026-03-04", data_dir=data, now=NOW) == []
    plain = ok("letters", "--date", "2026-03-05", data_dir=data, now=NOW).stdout
    assert "400.14.5.4/0002/435.207/2026" in plain and "Surat Tanggapan" in plain

    # An edited text (--body-file) replaces the template; the case's variables still fill in.
    body = out / "isi.txt"
    body.write_text(
        "Pengaduan {nomor_registrasi} telah kami tindak lanjuti.\n\n{jawaban}", encoding="utf-8"
    )
    edited = letter(cases["answered"]["id"], "tanggapan", "--body-file", str(body))
    assert edited == "400.14.5.4/0006/435.207/2026"
    text = _text(out / "tanggapan.pdf")
    assert f"Pengaduan {cases['answered']['register_no']} telah kami tindak lanjuti." in text
    assert "Demikian disampaikan" not in text


def test_reprint_is_identical_and_void_keeps_the_number(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    case = add_case(data, *REPORTER, now=NOW)
    issued = ok_json(
        "letter",
        case["id"],
        "--kind",
        "tanda-terima",
        "-o",
        tmp_path / "a.pdf",
        data_dir=data,
        now=NOW,
    )
    before = db_snapshot(data)["rows"]
    again = ok("letter-reprint", issued["id"], "-o", tmp_path / "b.pdf", data_dir=data, now=NOW)
    assert again.stdout.strip() == issued["number"]
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    assert db_snapshot(data)["rows"] == before  # no new number, no new row

    voided = ok_json(
        "letter-void", issued["number"], "--reason", "Salah cetak", data_dir=data, now=NOW
    )
    assert voided["void_reason"] == "Salah cetak" and voided["voided_at"]
    message = fails(
        "letter-reprint", issued["id"], "-o", tmp_path / "c.pdf", data_dir=data, now=NOW
    )
    assert "voided" in message and not (tmp_path / "c.pdf").exists()
    ok(
        "letter-reprint",
        issued["id"],
        "-o",
        tmp_path / "c.pdf",
        "--include-void",
        data_dir=data,
        now=NOW,
    )
    assert (tmp_path / "c.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()
    assert "voided" in fails(
        "letter-void", issued["id"], "--reason", "lagi", data_dir=data, now=NOW
    )
    nxt = ok(
        "letter",
        case["id"],
        "--kind",
        "tanda-terima",
        "-o",
        tmp_path / "d.pdf",
        data_dir=data,
        now=NOW,
    )
    assert nxt.stdout.strip() == "000.8.3.4/0002/435.207/2026"
    listed = ok("letters", case["register_no"], data_dir=data, now=NOW).stdout
    assert "DIBATALKAN: Salah cetak" in listed


def test_numbering_can_be_shown_and_set(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    shown = ok_json("letter-numbering", data_dir=data, now=NOW)
    assert shown["tanggapan"] == {
        "classification": "400.14.5.4",
        "format": "{classification}/{seq}/{unit_code}/{year}",
    }
    assert shown["tanda-terima"]["classification"] == "000.8.3.4"
    ok(
        "letter-numbering",
        "--kind",
        "tanda-terima",
        "--format",
        "{classification}/{seq}/{unit_code}/{month_roman}/{year}",
        data_dir=data,
        now=NOW,
    )
    case = add_case(data, *REPORTER, now=NOW)
    issued = ok(
        "letter",
        case["id"],
        "--kind",
        "tanda-terima",
        "-o",
        tmp_path / "r.pdf",
        data_dir=data,
        now=NOW,
    )
    assert issued.stdout.strip() == "000.8.3.4/0001/435.207/III/2026"
    assert "{seq}" in fails(
        "letter-numbering",
        "--kind",
        "tanggapan",
        "--format",
        "{classification}/{year}",
        data_dir=data,
        now=NOW,
    )


# --------------------------------------------------------------------------- bad input


@pytest.fixture(scope="module")
def bare_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """An office set up without the head's NIP, address or unit code; one answered case."""
    data = tmp_path_factory.mktemp("bare") / "data"
    ok(
        "init",
        "--office-code",
        "DINSOS",
        "--office-name",
        "Dinas Sosial",
        "--regency",
        "Kabupaten Sumenep",
        "--head-name",
        "Drs. Achmad Dahlan",
        data_dir=data,
        now=NOW,
    )
    case = add_case(data, *REPORTER, now=NOW)
    ok("case", "dispose", case["id"], "--to-unit", "Umum", data_dir=data, now=NOW)
    ok("case", "follow-up", case["id"], "--text", "Dicek", data_dir=data, now=NOW)
    ok("case", "answer", case["id"], "--text", "Selesai.", data_dir=data, now=NOW)
    return data, case


def _refused(data: Path, out: Path, *args: object) -> str:
    """Run a refused command; check exit 2, one line, and that nothing at all was written."""
    before = db_snapshot(data)
    message = fails(*args, data_dir=data, now=NOW)
    assert db_snapshot(data) == before  # no number burnt, no row, no blob
    assert not out.exists()
    return message


def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    office_dir: Path, cases, tmp_path: Path
) -> None:
    data = office_dir
    out = tmp_path / "out.pdf"

    def refused(*args: object) -> str:
        return _refused(data, out, *args)

    assert "no case 'DINSOS/2026/09999'" in refused(
        "letter", "DINSOS/2026/09999", "--kind", "tanda-terima", "-o", out
    )
    message = refused("letter", cases["received"]["id"], "--kind", "tanggapan", "-o", out)
    assert "Surat Tanggapan" in message and "final answer" in message and "RECEIVED" in message
    assert "forwarded" in refused(
        "letter", cases["received"]["id"], "--kind", "penerusan", "-o", out
    )
    assert "waiting for data" in refused(
        "letter", cases["answered"]["id"], "--kind", "kelengkapan", "-o", out
    )
    assert "no disposition" in refused(
        "letter", cases["received"]["id"], "--kind", "disposisi", "-o", out
    )
    message = refused("letter", cases["anonymous"]["id"], "--kind", "tanggapan", "-o", out)
    assert "anonymous" in message and "--anonymous-document" in message and "LAPOR!" in message
    # output paths that cannot be written
    missing_dir = tmp_path / "no-such-folder" / "x.pdf"
    assert "does not exist" in refused(
        "letter", cases["received"]["id"], "--kind", "tanda-terima", "-o", missing_dir
    )
    assert not missing_dir.parent.exists()
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert "folder" in refused(
        "letter", cases["received"]["id"], "--kind", "tanda-terima", "-o", folder
    )
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    assert "does not exist" in refused(
        "letter", cases["received"]["id"], "--kind", "tanda-terima", "-o", a_file / "x.pdf"
    )
    assert set(tmp_path.iterdir()) == {folder, a_file}
    assert list(folder.iterdir()) == []
    # options
    assert "paper" in refused(
        "letter", cases["received"]["id"], "--kind", "tanda-terima", "-o", out, "--paper", "B5"
    )
    assert "--kind" in refused("letter", cases["received"]["id"], "--kind", "surat", "-o", out)
    assert "-o" in refused("letter", cases["received"]["id"], "--kind", "tanda-terima")
    assert "--blank" in refused(
        "letter", cases["received"]["id"], "--kind", "tanda-terima", "--blank", "-o", out
    )
    assert "--anonymous-document" in refused(
        "letter", cases["received"]["id"], "--kind", "penerusan", "--anonymous-document", "-o", out
    )
    assert "--body-file" in refused(
        "letter",
        cases["answered"]["id"],
        "--kind",
        "tanggapan",
        "--body-file",
        tmp_path / "missing.txt",
        "-o",
        out,
    )
    assert "no issued letter" in refused("letter-reprint", "nope", "-o", out)
    assert "no issued letter" in refused("letter-void", "nope", "--reason", "x")
    assert "reason" in refused("letter-void", "nope", "--reason", "  ")
    assert "letters needs one of" in refused("letters")


def test_missing_office_settings_exit_2_naming_them(bare_dir, tmp_path: Path) -> None:
    data, case = bare_dir
    out = tmp_path / "out.pdf"
    message = _refused(data, out, "letter", case["id"], "--kind", "tanggapan", "-o", out)
    for field in ("head_nip", "address", "unit_code", "head_rank", "head_title"):
        assert field in message, message
    assert "NIP" in message and "head_name" not in message
    message = _refused(data, out, "letter", case["id"], "--kind", "tanda-terima", "-o", out)
    assert "address" in message and "unit_code" in message and "head_nip" not in message


def test_the_paper_setting_is_the_default(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    (data / "settings.json").write_text('{"paper": "A4"}', encoding="utf-8")
    case = add_case(data, *REPORTER, now=NOW)
    result = ok_json(
        "letter",
        case["id"],
        "--kind",
        "tanda-terima",
        "-o",
        tmp_path / "r.pdf",
        data_dir=data,
        now=NOW,
    )
    assert result["paper"] == "A4"
    assert _size(tmp_path / "r.pdf") == (595.28, 841.89)


def test_a_relative_output_path_is_relative_to_the_working_dir(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    case = add_case(data, *REPORTER, now=NOW)
    work = tmp_path / "work"
    work.mkdir()
    result = run(
        "letter",
        case["id"],
        "--kind",
        "tanda-terima",
        "-o",
        "surat.pdf",
        data_dir=data,
        now=NOW,
        cwd=work,
    )
    assert result.returncode == 0, result.describe()
    assert (work / "surat.pdf").read_bytes().startswith(b"%PDF-")


def test_a_saved_letter_is_readable_as_the_umask_allows(tmp_path: Path) -> None:
    """A letter saved on a shared folder for a colleague: 0o644 under umask 022 (the temp file
    it is renamed from was once mkstemp's, which left every letter owner-only)."""
    import os

    data = tmp_path / "data"
    ok("init", *FULL_OFFICE, data_dir=data, now=NOW)
    case = add_case(data, *REPORTER, now=NOW)
    mask = os.umask(0o022)  # the CLI runs in a subprocess, which inherits it
    try:
        issued = ok_json(
            "letter",
            case["id"],
            "--kind",
            "tanda-terima",
            "-o",
            tmp_path / "a.pdf",
            data_dir=data,
            now=NOW,
        )
        ok("letter-reprint", issued["id"], "-o", tmp_path / "b.pdf", data_dir=data, now=NOW)
    finally:
        os.umask(mask)
    for name in ("a.pdf", "b.pdf"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf", "data"]
