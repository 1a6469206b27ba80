"""`lapor-desktop report --book agenda|surat-keluar` in real subprocesses: the registers as
JSON and as files, and every refusal (exit 2, one line, nothing written).

The data dir is register_scenario's (recap_scenario's March 2026 plus letters), built through
the services; the CLI runs at its AS_OF.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.workspace import default_user, init_workspace
from tests.cli.cli_support import db_snapshot, fails, files_under, ok, ok_json, run
from tests.conftest import FakeClock
from tests.lapor_desktop.reports.recap_scenario import AS_OF, CONFIDENTIAL_TITLE
from tests.lapor_desktop.reports.register_scenario import (
    CONTACTS,
    HIDDEN_NAMES,
    RegisterScenario,
    build_registers,
)

NOW = AS_OF.isoformat(timespec="minutes")
MARCH = ("--year", "2026", "--month", "3")


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RegisterScenario]:
    data = tmp_path_factory.mktemp("registers-cli") / "data"
    clock = FakeClock()
    office = OfficeProfile(code="DINSOS", name="Dinas Sosial", regency="Kabupaten Sumenep")
    workspace = init_workspace(AppPaths(data), office, default_user("ani", None), clock)
    try:
        scenario = build_registers(workspace, clock)
    finally:
        workspace.close()
    return data, scenario


def book_json(data: Path, *args: object) -> Any:
    return ok_json("report", *args, data_dir=data, now=NOW)


def test_agenda_json(scenario_dir: tuple[Path, RegisterScenario]) -> None:
    data, scenario = scenario_dir
    n = scenario.register_no
    book = book_json(data, *MARCH, "--book", "agenda")
    assert (book["book"], book["title"]) == ("agenda", "BUKU AGENDA PENGADUAN MASYARAKAT")
    assert book["period"]["label"] == "2026-03" and book["count"] == 8
    assert [r["no_agenda"] for r in book["rows"]] == [n[c] for c in "HCDEFJAB"]
    assert [r["no_urut"] for r in book["rows"]] == list(range(1, 9))
    c = book["rows"][1]
    assert (c["pelapor"], c["perihal"], c["tanggal_terima"]) == (
        "Dirahasiakan",
        "(rahasia)",
        "2026-03-02",
    )
    assert c["tanggal_selesai"] == "2026-03-03"
    assert book["rows"][0]["tanggal_terima"] == "2026-03-01"  # 28 Feb 20:00 UTC
    february = book_json(data, "--year", "2026", "--month", "2", "--book", "agenda")
    assert [r["no_agenda"] for r in february["rows"]] == [n["G"]]


def test_outgoing_json(scenario_dir: tuple[Path, RegisterScenario]) -> None:
    data, scenario = scenario_dir
    march = book_json(data, *MARCH, "--book", "surat-keluar")
    assert march["book"] == "surat-keluar" and march["count"] == 7
    assert [r["nomor_surat"] for r in march["rows"]] == scenario.numbers[:7]
    assert march["rows"][3]["keterangan"] == "Dibatalkan 06/03/2026"
    april = book_json(data, "--year", "2026", "--month", "4", "--book", "surat-keluar")
    assert [r["nomor_surat"] for r in april["rows"]] == scenario.numbers[7:]
    year = book_json(data, "--year", "2026", "--book", "surat-keluar")
    assert [r["nomor_surat"] for r in year["rows"]] == scenario.numbers


@pytest.mark.parametrize("book", ["agenda", "surat-keluar"])
def test_json_withholds_identities(scenario_dir: tuple[Path, RegisterScenario], book: str) -> None:
    data, _ = scenario_dir
    result = ok("report", "--year", "2026", "--book", book, "--json", data_dir=data, now=NOW)
    for secret in (*HIDDEN_NAMES, *CONTACTS, CONFIDENTIAL_TITLE):
        assert secret not in result.stdout, secret


def test_export_files(scenario_dir: tuple[Path, RegisterScenario], tmp_path: Path) -> None:
    data, scenario = scenario_dir
    for fmt in ("csv", "xlsx", "pdf"):
        path = tmp_path / f"agenda-2026-03.{fmt}"
        result = ok("report", *MARCH, "--book", "agenda", "-o", path, data_dir=data, now=NOW)
        assert result.stdout == (
            f"Buku agenda pengaduan masyarakat 2026-03: 8 pengaduan, disimpan di {path}\n"
        )
    path = tmp_path / "surat-keluar-2026-03.pdf"
    result = ok("report", *MARCH, "--book", "surat-keluar", "-o", path, data_dir=data, now=NOW)
    assert result.stdout == f"Register surat keluar 2026-03: 7 surat, disimpan di {path}\n"

    text = (tmp_path / "agenda-2026-03.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [r["no_agenda"] for r in rows][-1] == scenario.register_no["B"]
    sheet = load_workbook(tmp_path / "agenda-2026-03.xlsx").worksheets[0]
    values = [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert scenario.register_no["J"] in values
    letters_pdf = "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)
    for number in scenario.numbers[:7]:
        assert number in letters_pdf
    agenda_pdf = "".join(
        "".join(p.extract_text().split()) for p in PdfReader(tmp_path / "agenda-2026-03.pdf").pages
    )
    for secret in (*HIDDEN_NAMES, *CONTACTS, CONFIDENTIAL_TITLE):
        squeezed = "".join(secret.split())
        assert secret not in text and squeezed not in agenda_pdf and squeezed not in letters_pdf
        assert secret not in values

    # --format wins over a name that says nothing; --json adds the file to the rows.
    other = tmp_path / "register.dat"
    out = ok_json(
        "report", *MARCH, "--book", "surat-keluar", "--format", "xlsx", "-o", other,
        data_dir=data, now=NOW,
    )  # fmt: skip
    assert out["file"] == str(other) and out["count"] == 7
    assert other.read_bytes()[:2] == b"PK"
    # Without --book the recap, as before.
    recap = ok("report", *MARCH, "-o", tmp_path / "rekap.csv", data_dir=data, now=NOW)
    assert recap.stdout.startswith("Rekap 2026-03: 8 pengaduan")


BAD = (
    ("unknown-book", ("--book", "buku-tamu", "--json"), ("--book buku-tamu", "surat-keluar")),
    ("empty-book", ("--book", "", "--json"), ("--book",)),
    ("book-with-pemda", ("--book", "agenda", "--pemda", "--json"), ("--book", "--pemda")),
    (
        "book-with-pemda-and-file",
        ("--book", "surat-keluar", "--pemda", "-o", "{out}/r.pdf"),
        ("--pemda",),
    ),
    ("bad-year", ("--year", "dua ribu", "--book", "agenda", "--json"), ("--year", "angka")),
    ("year-too-late", ("--year", "2028", "--book", "agenda", "--json"), ("2000..2027",)),
    ("bad-month", ("--month", "13", "--book", "surat-keluar", "--json"), ("--month 13", "1..12")),
    ("no-output", ("--book", "agenda"), ("-o FILE",)),
    ("unknown-suffix", ("--book", "agenda", "-o", "{out}/agenda.txt"), ("agenda.txt",)),
    ("folder-missing", ("--book", "agenda", "-o", "{out}/nope/a.pdf"), ("does not exist",)),
    ("output-is-a-folder", ("--book", "agenda", "-o", "{out}", "--format", "csv"), ("folder",)),
)


@pytest.mark.parametrize(("args", "expect"), [pytest.param(a, e, id=i) for i, a, e in BAD])
def test_bad_input(
    scenario_dir: tuple[Path, RegisterScenario],
    tmp_path: Path,
    args: tuple[str, ...],
    expect: tuple[str, ...],
) -> None:
    data, _ = scenario_dir
    out = tmp_path / "out"
    out.mkdir()
    before = db_snapshot(data)
    given = tuple(a.format(out=out) for a in args)
    if "--year" not in given:
        given = ("--year", "2026", *given)
    message = fails("report", *given, data_dir=data, now=NOW)
    for text in expect:
        assert text in message, message
    assert files_under(out, with_dirs=True) == {}
    assert db_snapshot(data) == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anyway")
def test_read_only_output_refused(
    tmp_path: Path, scenario_dir: tuple[Path, RegisterScenario]
) -> None:
    data, _ = scenario_dir
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"lama")
    target.chmod(0o444)
    result = run("report", "--year", "2026", "--book", "agenda", "-o", target, data_dir=data)
    assert result.returncode == 2, result.describe()
    assert len(result.stderr.splitlines()) == 1, result.describe()
    assert target.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.pdf"]


def test_help_names_the_books() -> None:
    text = " ".join(ok("report", "--help").stdout.split())
    assert "--book agenda|surat-keluar" in text and "register surat keluar" in text
