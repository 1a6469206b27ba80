"""The built executable writes the recap as XLSX, PDF and CSV: the bundle carries openpyxl and
the report renderers, which the core imports only when a file is written (so PyInstaller's
analysis must have found them inside ReportService.export).

Skipped unless LAPOR_FROZEN_APP names the built executable, like the other frozen tests.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.frozen.test_frozen_app import APP, FROZEN_ENV, ok, ok_json

pytestmark = pytest.mark.skipif(
    not APP, reason=f"{FROZEN_ENV} is not set (build first: make build-test)"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("frozen-report")
    data = root / "demo"
    ok(root, "demo", "--cases", "400", "--seed", "3", data_dir=data)
    return root, data


def test_report_files_from_the_bundle(demo: tuple[Path, Path]) -> None:
    root, data = demo
    recap = ok_json(root, "report", "--year", "2025", data_dir=data)
    assert recap["received"] > 0
    assert sum(b["count"] for b in recap["by_bucket"]) == recap["received"]

    xlsx, pdf, table = root / "rekap-2025.xlsx", root / "rekap-2025.pdf", root / "rekap-2025.csv"
    for path in (xlsx, pdf, table):
        result = ok(root, "report", "--year", "2025", "-o", path, data_dir=data)
        assert str(path) in result.stdout, result.describe()

    book = load_workbook(xlsx, read_only=True)
    assert "Lampiran" in book.sheetnames
    annex_rows = sum(1 for _ in book["Lampiran"].iter_rows(values_only=True))
    assert annex_rows >= recap["received"]  # every case, below the sheet's heading rows

    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert recap["office_name"] in text, text[:500]
    flat = "".join(text.split())
    assert recap["annex"][0]["register_no"] in flat

    rows = list(csv.DictReader(io.StringIO(table.read_text("utf-8-sig")), delimiter=";"))
    buckets = [r for r in rows if r["bagian"] == "kelompok_status"]
    assert sum(int(r["nilai"]) for r in buckets) == recap["received"]
