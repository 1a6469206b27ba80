"""ReportService.export: the three files of the scenario's March, read back, and the atomic write.

The files are read with the tools a recipient would use (csv, openpyxl, pypdf): each names the
office and the period's cases, and none carries a reporter's data or a confidential title.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.progress import Cancelled, CancelToken, Progress
from lapor_desktop.reports.model import Period
from lapor_desktop.services.reports import ReportService
from lapor_desktop.services.workspace import Workspace
from tests.conftest import FakeClock
from tests.lapor_desktop.reports.recap_scenario import (
    CONFIDENTIAL_TITLE,
    SECRET_STRINGS,
    Scenario,
    build,
)

MARCH = Period(2026, 3)


@pytest.fixture
def scenario(workspace: Workspace, fake_clock: FakeClock) -> Scenario:
    return build(workspace, fake_clock)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own: the data dir is in tmp_path too."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def assert_private(text: str) -> None:
    for secret in (*SECRET_STRINGS, CONFIDENTIAL_TITLE):
        assert secret not in text, secret


def test_csv(workspace: Workspace, scenario: Scenario, out: Path) -> None:
    path = out / "rekap-2026-03.csv"
    recap = ReportService(workspace).export(MARCH, "csv", path)
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))

    assert {row["kode_kantor"] for row in rows} == {"DINSOS"}
    buckets = [row for row in rows if row["bagian"] == "kelompok_status"]
    assert sum(int(row["nilai"]) for row in buckets) == recap.received == 7
    assert_private(text)


def test_xlsx(workspace: Workspace, scenario: Scenario, out: Path) -> None:
    path = out / "rekap.xlsx"
    ReportService(workspace).export(MARCH, "XLSX", path)
    book = load_workbook(path, read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]

    assert "Lampiran" in book.sheetnames
    annex = " ".join(
        str(v) for row in book["Lampiran"].iter_rows(values_only=True) for v in row if v
    )
    for name in "HCDEFAB":
        assert scenario.register_no[name] in annex
    for name in "GI":  # another month's
        assert scenario.register_no[name] not in annex
    assert_private("\n".join(cells))


def test_pdf(workspace: Workspace, scenario: Scenario, out: Path) -> None:
    path = out / "rekap.pdf"
    ReportService(workspace).export(MARCH, "pdf", path)
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)

    assert "Dinas Sosial" in text
    flat = "".join(text.split())
    for name in "HCDEFAB":
        assert scenario.register_no[name] in flat
    assert_private(text)
    assert_private(flat)


def test_unknown_format_writes_nothing(workspace: Workspace, scenario: Scenario, out: Path) -> None:
    with pytest.raises(ValidationError, match="format"):
        ReportService(workspace).export(MARCH, "docx", out / "rekap.docx")
    assert list(out.iterdir()) == []


def test_cancel_leaves_the_old_file_and_no_temp(
    workspace: Workspace, scenario: Scenario, out: Path
) -> None:
    path = out / "rekap.csv"
    path.write_bytes(b"lama")
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        ReportService(workspace).export(MARCH, "csv", path, Progress(token))
    assert path.read_bytes() == b"lama"
    assert sorted(p.name for p in out.iterdir()) == ["rekap.csv"]


def test_failed_rename_leaves_no_temp(workspace: Workspace, scenario: Scenario, out: Path) -> None:
    target = out / "rekap.pdf"
    target.mkdir()  # the rename onto a folder fails after the data was written
    with pytest.raises(OSError):
        ReportService(workspace).export(MARCH, "pdf", target)
    assert sorted(p.name for p in out.iterdir()) == ["rekap.pdf"]
    assert list(target.iterdir()) == []


def test_replaces_an_existing_file(workspace: Workspace, scenario: Scenario, out: Path) -> None:
    path = out / "rekap.csv"
    path.write_bytes(b"lama")
    ReportService(workspace).export(MARCH, "csv", path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the CSV's BOM, not the old bytes
    assert sorted(p.name for p in out.iterdir()) == ["rekap.csv"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_new_file_gets_the_users_umask(
    workspace: Workspace, scenario: Scenario, out: Path
) -> None:
    mask = os.umask(0o022)
    try:
        path = out / "rekap.csv"
        ReportService(workspace).export(MARCH, "csv", path)
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0o600
