"""`lapor-desktop report` in real subprocesses: the recap as JSON and files, and every refusal.

The data dir is recap_scenario's hand-counted March 2026, built through the services; the CLI
then runs at its AS_OF. Bad input exits 2 with one line and leaves the data dir and the output
folder exactly as they were. `--pemda` runs on pemda_fleet's PCs (synced through the live test
server): the coordinator's counts every office, an operator's is refused.
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
from lapor_desktop.services.workspace import default_user, init_workspace, open_workspace
from tests.cli.cli_support import (
    copy_data_dir,
    db_snapshot,
    fails,
    files_under,
    ok,
    ok_json,
    run,
)
from tests.conftest import FakeClock
from tests.lapor_desktop.reports.pemda_fleet import (
    MARCH_BY_HOLDER,
    MARCH_RECEIVED,
    OFFICES,
    Fleet,
    build_fleet,
)
from tests.lapor_desktop.reports.recap_scenario import (
    AS_OF,
    CONFIDENTIAL_TITLE,
    SECRET_STRINGS,
    build,
)
from tests.lapor_desktop.reports.test_management_report import complete_office

NOW = AS_OF.isoformat(timespec="minutes")  # Wed 8 April 2026 09:00 WIB


@pytest.fixture(scope="module")
def scenario_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    data = tmp_path_factory.mktemp("report") / "data"
    clock = FakeClock()
    office = OfficeProfile(code="DINSOS", name="Dinas Sosial", regency="Kabupaten Sumenep")
    workspace = init_workspace(AppPaths(data), office, default_user("ani", None), clock)
    try:
        numbers = build(workspace, clock).register_no
    finally:
        workspace.close()
    return data, numbers


def report_json(data: Path, *args: object) -> Any:
    return ok_json("report", *args, data_dir=data, now=NOW)


def test_march_json(scenario_dir: tuple[Path, dict[str, str]]) -> None:
    data, numbers = scenario_dir
    recap = report_json(data, "--year", "2026", "--month", "3")

    assert recap["period"] == {
        "year": 2026,
        "month": 3,
        "label": "2026-03",
        "first_day": "2026-03-01",
        "last_day": "2026-03-31",
    }
    assert recap["received"] == 7
    assert [b["count"] for b in recap["by_bucket"]] == [1, 1, 1, 1, 1, 1, 1]
    assert recap["followed_up"] == 2
    assert recap["followed_up_percent"] == pytest.approx(100 * 2 / 7)
    assert recap["resolved_percent"] == pytest.approx(100 / 7)
    assert recap["resolved_percent_excluding_archived"] == pytest.approx(100 / 6)
    assert recap["offline_registered_percent"] == pytest.approx(100 / 6)
    verification = recap["timeliness"][0]
    assert verification["stage"] == "verification"
    assert (verification["met"], verification["missed"], verification["met_percent"]) == (4, 1, 80)
    assert [(o["register_no"], o["working_days_late"]) for o in recap["overdue"]][:2] == [
        (numbers["H"], 17),
        (numbers["F"], 13),
    ]
    assert recap["overdue"][0]["due_on"] == "2026-03-06"
    assert recap["forwarded_to"] == [{"code": "Polres Sumenep", "count": 1}]
    assert recap["disposed_to"] == [{"code": "DPUPR", "count": 1}]
    assert recap["as_of"] == "2026-04-08T02:00:00+00:00"
    assert recap["time_zone"] == "Asia/Jakarta"
    assert recap["office_names"] == {"DINSOS": "Dinas Sosial"}
    assert recap["category_names"]["INFRASTRUKTUR.TRANSPORTASI"] == "Infrastruktur › Transportasi"
    assert [a["register_no"] for a in recap["annex"]] == [numbers[n] for n in "HCDEFAB"]
    # Keaktifan: recap_scenario's 16 March actions (from H's intake at 03.00 on the 1st to
    # B's answer on the 31st; G's intake is February's, B's resolution April's), on 11 days.
    assert recap["operator_activity"] == [
        {
            "office": "DINSOS",
            "actor": "ani",
            "actions": 16,
            "active_days": 11,
            "last_active_on": "2026-03-31",
        }
    ]
    assert (recap["active_offices"], recap["active_office_percent"]) == (1, None)


def test_json_carries_no_reporter_and_no_confidential_title(
    scenario_dir: tuple[Path, dict[str, str]],
) -> None:
    data, numbers = scenario_dir
    for period in (("--year", "2026"), ("--year", "2026", "--month", "3")):
        result = ok("report", *period, "--json", data_dir=data, now=NOW)
        for secret in SECRET_STRINGS:
            assert secret not in result.stdout, secret
        assert CONFIDENTIAL_TITLE not in result.stdout
        annex = {a["register_no"]: a for a in result.json()["annex"]}
        assert annex[numbers["C"]]["title"] is None
        assert not any("reporter" in key for a in annex.values() for key in a)


def test_year_and_other_months(scenario_dir: tuple[Path, dict[str, str]]) -> None:
    data, _ = scenario_dir
    year = report_json(data, "--year", "2026")
    assert year["received"] == 9
    assert [m["total"] for m in year["by_month"]] == [0, 1, 7, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert report_json(data, "--year", "2026", "--month", "02")["received"] == 1
    assert report_json(data, "--year", "2026", "--month", "4")["received"] == 1
    assert report_json(data, "--year", "2025")["received"] == 0
    assert report_json(data, "--year", "2027", "--month", "1")["received"] == 0


def test_export_files(scenario_dir: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    data, numbers = scenario_dir
    march = ("--year", "2026", "--month", "3")
    for fmt in ("csv", "xlsx", "pdf"):
        path = tmp_path / f"rekap-2026-03.{fmt}"
        result = ok("report", *march, "-o", path, data_dir=data, now=NOW)
        assert result.stdout == f"Rekap 2026-03: 7 pengaduan, disimpan di {path}\n"
    text = (tmp_path / "rekap-2026-03.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert sum(int(r["nilai"]) for r in rows if r["bagian"] == "kelompok_status") == 7
    book = load_workbook(tmp_path / "rekap-2026-03.xlsx", read_only=True)
    lampiran = list(book["Lampiran"].iter_rows(values_only=True))
    assert any(numbers["B"] in row for row in lampiran)
    pdf = "".join(
        "".join(p.extract_text().split()) for p in PdfReader(tmp_path / "rekap-2026-03.pdf").pages
    )
    assert numbers["A"] in pdf
    for secret in SECRET_STRINGS:
        assert secret not in text and secret not in pdf
    # --format wins over a name that says nothing; --json adds the file to the recap.
    other = tmp_path / "laporan.dat"
    recap = ok_json("report", *march, "--format", "xlsx", "-o", other, data_dir=data, now=NOW)
    assert recap["file"] == str(other) and recap["received"] == 7
    assert other.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "laporan.dat",
        "rekap-2026-03.csv",
        "rekap-2026-03.pdf",
        "rekap-2026-03.xlsx",
    ]


def test_demo_recap_is_consistent(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    ok("demo", "--cases", "1500", "--seed", "7", data_dir=data)
    for period in (("--year", "2026"), ("--year", "2025", "--month", "11")):
        recap = ok_json("report", *period, data_dir=data)
        received = recap["received"]
        assert received > 0, period
        for breakdown in (
            "by_bucket",
            "by_status",
            "by_category",
            "by_channel",
            "by_kind",
            "by_severity",
            "by_kecamatan",
            "by_holder_office",
        ):
            assert sum(c["count"] for c in recap[breakdown]) == received, breakdown
        assert sum(c["count"] for c in recap["by_subcategory"]) <= received
        assert sum(m["total"] for m in recap["by_month"]) == received
        assert len(recap["annex"]) == received
        assert sum(a["followed_up"] for a in recap["annex"]) == recap["followed_up"]
        for stage in recap["timeliness"]:
            assert stage["completed"] == stage["met"] + stage["missed"]
            if stage["completed"]:
                assert stage["median_working_days"] <= stage["p90_working_days"]
        overdue = sum(s["open_overdue"] for s in recap["timeliness"])
        assert len(recap["overdue"]) == overdue
        assert sum(c["count"] for c in recap["overdue_aging"]) == overdue
        assert recap["offline_with_tracking_id"] <= recap["offline_received"] <= received
        assert recap["resolved"] == next(
            c["count"] for c in recap["by_bucket"] if c["code"] == "selesai"
        )


BAD = (
    ("year-not-a-number", ("--year", "dua ribu", "--json"), ("--year", "dua ribu", "angka")),
    ("year-too-early", ("--year", "1999", "--json"), ("--year 1999", "2000..2027")),
    ("year-too-late", ("--year", "2028", "--json"), ("--year 2028", "2000..2027")),
    ("year-negative", ("--year", "-5", "--json"), ("--year",)),
    ("year-missing", ("--month", "3", "--json"), ("--year",)),
    ("month-0", ("--year", "2026", "--month", "0", "--json"), ("--month 0", "1..12")),
    ("month-13", ("--year", "2026", "--month", "13", "--json"), ("--month 13", "1..12")),
    ("month-name", ("--year", "2026", "--month", "maret", "--json"), ("--month", "maret")),
    ("no-output-no-json", ("--year", "2026"), ("-o FILE",)),
    ("format-without-output", ("--year", "2026", "--format", "pdf", "--json"), ("--format",)),
    ("unknown-format", ("--year", "2026", "--format", "docx", "-o", "{out}/r.docx"), ("docx",)),
    ("unknown-suffix", ("--year", "2026", "-o", "{out}/rekap.txt"), ("rekap.txt", "--format")),
    ("no-suffix", ("--year", "2026", "-o", "{out}/rekap"), ("--format",)),
    (
        "suffix-and-format-disagree",
        ("--year", "2026", "-o", "{out}/rekap.pdf", "--format", "csv"),
        ("rekap.pdf", "csv"),
    ),
    ("output-folder-missing", ("--year", "2026", "-o", "{out}/nope/r.pdf"), ("does not exist",)),
    ("output-is-a-folder", ("--year", "2026", "-o", "{out}", "--format", "pdf"), ("folder",)),
    ("kendala-without-lpp", ("--year", "2026", "--kendala", "x", "--json"), ("--kendala",)),
    (
        "lpp-as-xlsx",
        ("--year", "2026", "--laporan-pengelolaan", "-o", "{out}/lpp.xlsx"),
        ("lpp.xlsx", ".pdf"),
    ),
    ("lpp-without-output", ("--year", "2026", "--laporan-pengelolaan"), ("-o FILE.pdf",)),
    (
        "lpp-bad-paper",
        ("--year", "2026", "--laporan-pengelolaan", "--paper", "B5", "-o", "{out}/l.pdf"),
        ("--paper B5", "A4 or F4"),
    ),
    (
        "lpp-text-too-long",
        ("--year", "2026", "--laporan-pengelolaan", "--solusi", "x" * 4001, "-o", "{out}/l.pdf"),
        ("--solusi", "4001", "solusi terlalu panjang"),
    ),
    # recap_scenario's office has no kop address and no head of office: nothing to sign.
    (
        "lpp-office-settings-missing",
        ("--year", "2026", "--month", "3", "--laporan-pengelolaan", "-o", "{out}/l.pdf"),
        ("head_name", "head_nip", "Pengaturan → Kantor"),
    ),
)


@pytest.mark.parametrize(("args", "expect"), [pytest.param(a, e, id=i) for i, a, e in BAD])
def test_bad_input(
    scenario_dir: tuple[Path, dict[str, str]],
    tmp_path: Path,
    args: tuple[str, ...],
    expect: tuple[str, ...],
) -> None:
    data, _ = scenario_dir
    out = tmp_path / "out"
    out.mkdir()
    before = db_snapshot(data)
    message = fails("report", *(a.format(out=out) for a in args), data_dir=data, now=NOW)
    for text in expect:
        assert text in message, message
    assert files_under(out, with_dirs=True) == {}
    assert db_snapshot(data) == before


def test_laporan_pengelolaan_of_march(
    scenario_dir: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, numbers = scenario_dir
    data = copy_data_dir(source, tmp_path / "full")
    workspace = open_workspace(AppPaths(data), FakeClock(AS_OF))
    try:
        complete_office(workspace)
    finally:
        workspace.close()
    target = tmp_path / "lpp-2026-03.pdf"
    made = ok_json(
        "report", "--year", "2026", "--month", "3", "--laporan-pengelolaan",
        "--kendala", "Pelapor sulit dihubungi.", "--evaluasi", "Verifikasi sudah tepat waktu.",
        "--paper", "f4", "-o", target, data_dir=data, now=NOW,
    )  # fmt: skip
    assert made["cases"] == 7 and made["paper"] == "F4" and made["file"] == str(target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (609, 935)  # F4, points
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for expected in (
        "LAPORAN PENGELOLAAN PENGADUAN MASYARAKAT DINAS SOSIAL BULAN MARET 2026",
        "Kendala: Pelapor sulit dihubungi.",
        "Solusi: .....",  # not given: lines to write it in
        "D. Hasil evaluasi atas tindak lanjut Verifikasi sudah tepat waktu.",
        numbers["H"],
    ):
        assert expected in text, expected


def test_refused_without_a_data_dir(tmp_path: Path) -> None:
    message = fails("report", "--year", "2026", "--json", data_dir=tmp_path / "none", now=NOW)
    assert "lapor-desktop init" in message
    assert not (tmp_path / "none").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anyway")
def test_read_only_output_refused(
    tmp_path: Path, scenario_dir: tuple[Path, dict[str, str]]
) -> None:
    data, _ = scenario_dir
    target = tmp_path / "rekap.csv"
    target.write_bytes(b"lama")
    target.chmod(0o444)
    result = run("report", "--year", "2026", "-o", target, data_dir=data, now=NOW)
    assert result.returncode == 2, result.describe()
    assert target.read_bytes() == b"lama"


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Fleet:
    return build_fleet(tmp_path_factory.mktemp("pemda"))


def test_pemda_on_the_coordinators_pc(fleet: Fleet, tmp_path: Path) -> None:
    data = fleet.data_dirs["koor"]
    march = ("--year", "2026", "--month", "3")
    recap = report_json(data, *march, "--pemda")
    assert recap["scope"] == "pemda"
    assert recap["received"] == MARCH_RECEIVED
    assert [(c["code"], c["count"]) for c in recap["by_holder_office"]] == MARCH_BY_HOLDER
    assert recap["office_names"] == OFFICES
    assert recap["office_code"] == "DISKOMINFO"  # who made it
    own = report_json(data, *march)  # without --pemda: the Diskominfo's own cases, none
    assert (own["scope"], own["received"], own["by_holder_office"]) == ("office", 0, [])

    path = tmp_path / "rekap-pemda-2026-03.csv"
    result = ok("report", *march, "--pemda", "-o", path, data_dir=data, now=NOW)
    assert result.stdout == f"Rekap seluruh Pemda 2026-03: 6 pengaduan, disimpan di {path}\n"
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert {r["kode_kantor"] for r in rows} == {"PEMDA"}
    holders = [(r["kode"], int(r["nilai"])) for r in rows if r["bagian"] == "pemegang"]
    assert holders == MARCH_BY_HOLDER


@pytest.mark.parametrize(
    "output", [pytest.param(("--json",), id="json"), pytest.param(("-o", "{out}/r.pdf"), id="pdf")]
)
def test_pemda_refused_on_an_operators_pc(
    fleet: Fleet, tmp_path: Path, output: tuple[str, ...]
) -> None:
    data = fleet.data_dirs["ani"]
    out = tmp_path / "out"
    out.mkdir()
    before = db_snapshot(data)
    args = ("--year", "2026", "--pemda", *(a.format(out=out) for a in output))
    message = fails("report", *args, data_dir=data, now=NOW)
    assert "coordinator" in message and "koordinator" in message and "operator" in message
    assert files_under(out, with_dirs=True) == {}
    assert db_snapshot(data) == before
    # Without --pemda the operator's own recap is made as before.
    assert report_json(data, "--year", "2026", "--month", "3")["received"] == 3


def test_pemda_laporan_pengelolaan_on_the_coordinators_pc(fleet: Fleet, tmp_path: Path) -> None:
    data = copy_data_dir(fleet.data_dirs["koor"], tmp_path / "koor")
    workspace = open_workspace(AppPaths(data), FakeClock(AS_OF))
    try:
        complete_office(workspace)
    finally:
        workspace.close()
    target = tmp_path / "lpp-pemda-2026-03.pdf"
    made = ok_json(
        "report", "--year", "2026", "--month", "3", "--pemda", "--laporan-pengelolaan",
        "-o", target, data_dir=data, now=NOW,
    )  # fmt: skip
    assert made["cases"] == MARCH_RECEIVED and made["file"] == str(target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "SELURUH PERANGKAT DAERAH KABUPATEN SUMENEP BULAN MARET 2026" in text
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in text  # the coordinator's office signs
    # On an operator's PC the same request is refused, and nothing is written.
    operator = fleet.data_dirs["ani"]
    before = db_snapshot(operator)
    message = fails(
        "report", "--year", "2026", "--month", "3", "--pemda", "--laporan-pengelolaan",
        "-o", tmp_path / "no.pdf", data_dir=operator, now=NOW,
    )  # fmt: skip
    assert "coordinator" in message and not (tmp_path / "no.pdf").exists()
    assert db_snapshot(operator) == before


def test_pemda_refused_on_a_coordinators_pc_that_never_synced(
    scenario_dir: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """The scenario's data dir never enrolled: its user is the office's coordinator, and it
    holds that office's cases only, so a "whole Pemda" recap would be one office's."""
    data, _ = scenario_dir
    before = db_snapshot(data)
    message = fails(
        "report", "--year", "2026", "--pemda", "-o", tmp_path / "p.csv", data_dir=data, now=NOW
    )
    assert "never been connected" in message and "belum pernah terhubung" in message
    assert files_under(tmp_path, with_dirs=True) == {}
    assert db_snapshot(data) == before


def test_help_names_the_pemda_option() -> None:
    text = " ".join(ok("report", "--help").stdout.split())
    assert "--pemda" in text and "coordinator only" in text
