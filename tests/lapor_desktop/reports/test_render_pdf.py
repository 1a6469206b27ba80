"""The PDF recap, read back with pypdf: its text, its pages, its fonts."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from lapor_desktop.reports.model import Recap
from lapor_desktop.reports.pdf_export import OVERDUE_LIMIT, render_pdf
from tests.lapor_desktop.reports.recap_samples import (
    CONFIDENTIAL_REGISTER,
    LONG_NAME,
    empty_recap,
    long_recap,
    march_recap,
    pemda_recap,
)

STANDARD_14 = {"Courier", "Helvetica", "Times-Roman", "Symbol", "ZapfDingbats"}


def read(data: bytes) -> tuple[PdfReader, list[str]]:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Text with line breaks as spaces (a cell may wrap anywhere)."""
    return " ".join(text.split())


def test_front_page_names_the_office_period_and_numbers() -> None:
    reader, pages = read(render_pdf(march_recap()))
    first = flat(pages[0])
    for expected in (
        "PEMERINTAH KABUPATEN SUMENEP",
        "DINAS SOSIAL",
        "REKAPITULASI PENGADUAN MASYARAKAT",
        "Periode: Maret 2026",
        "Keadaan per: 5 April 2026",
        "Jumlah pengaduan diterima 12",
        "Tingkat tindak lanjut (pengaduan yang ditindaklanjuti) 5 41,7%",
        "Tingkat penyelesaian (selesai ÷ diterima) 5 41,7%",
        "Tingkat penyelesaian tanpa yang diarsipkan 5 45,5%",
        "Fasilitasi: yang luring tercatat di SP4N-LAPOR! 3 60,0%",
        "Maret 9 2 1 0 12",  # the month × jenis aduan row
    ):
        assert expected in first, expected
    everything = flat(" ".join(pages))
    for expected in (
        "Infrastruktur > Lampu Penerangan Jalan",
        "Datang langsung",
        "(tanpa kecamatan)",
        "Verifikasi dan disposisi 10 9 90,0%",
        "Tindak lanjut pertama 8 6 75,0% 2 3 1 4,0 6,5",
        "15–60 HK",
        "BPJS Kesehatan Cabang Pamekasan",
        "Dinas PUPR",
        "ADU/DINSOS/2026/0007",
        "Keaktifan: operator yang mencatat tindakan 2",
        "Keaktifan operator (tindakan tercatat pada linimasa)",
        "1 Dinas Sosial ani 31 14 31/03/2026",
    ):
        assert expected in everything, expected
    assert "perangkat daerah dengan operator aktif" not in everything  # one OPD's recap
    total = len(reader.pages)
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"Halaman {number} dari\s*{total}\b", text), text[-200:]
    # Every font is our embedded DejaVu, never a standard one the viewer substitutes.
    resources: list[Any] = [page["/Resources"] for page in reader.pages]
    fonts = {str(font["/BaseFont"]) for r in resources for font in r["/Font"].values()}
    assert fonts and all("DejaVuSerif" in f for f in fonts), fonts
    assert not any(f.lstrip("/") in STANDARD_14 for f in fonts)
    assert reader.metadata is not None and reader.metadata.title is not None
    assert "Maret 2026" in reader.metadata.title


def section_text(pages: list[str], title: str, until: str) -> str:
    everything = flat(" ".join(pages))
    start = everything.index(title)
    return everything[start : everything.index(until, start)]


def test_an_office_recap_has_the_holder_table() -> None:
    _, pages = read(render_pdf(march_recap()))
    table = section_text(pages, "Menurut perangkat daerah pemegang", "Menurut kategori")
    assert "1 Dinas Sosial 10 83,3%" in table
    assert "2 Dinas PUPR 2 16,7%" in table
    assert "Jumlah 12" in table
    assert "SELURUH PERANGKAT DAERAH" not in flat(pages[0])


def test_a_pemda_recap_names_the_pemda_and_every_opd() -> None:
    reader, pages = read(render_pdf(pemda_recap()))
    first = flat(pages[0])
    kop = first[: first.index("Periode:")]
    # The kop is who issues it (the coordinator's office); the title says whose numbers.
    assert kop.index("PEMERINTAH KABUPATEN SUMENEP") < kop.index("DINAS KOMUNIKASI DAN INFORMATIKA")
    assert kop.index("REKAPITULASI PENGADUAN MASYARAKAT") < kop.index(
        "SELURUH PERANGKAT DAERAH KABUPATEN SUMENEP"
    )
    assert "DINAS SOSIAL" not in kop
    table = section_text(pages, "Menurut perangkat daerah pemegang", "Menurut kategori")
    for row in (
        "1 Dinas Sosial 6 50,0%",
        "2 Dinas PUPR 4 33,3%",
        "3 Dinas Kesehatan 2 16,7%",
        "4 Dinas Komunikasi dan Informatika 0 0,0%",
        "Jumlah 12",
    ):
        assert row in table, row
    assert "Keaktifan: perangkat daerah dengan operator aktif 2 50,0%" in flat(" ".join(pages))
    activity = section_text(pages, "Keaktifan operator", "Lampiran")
    for row in (
        "1 Dinas Sosial ani 31 14 31/03/2026",
        "2 Dinas Sosial budi 4 2 12/03/2026",
        "3 Dinas PUPR eko 9 5 27/03/2026",
    ):
        assert row in activity, row
    foot = "Rekapitulasi pengaduan · Seluruh Perangkat Daerah Kabupaten Sumenep · Maret 2026"
    assert all(foot in flat(page) for page in pages)
    assert reader.metadata is not None
    assert reader.metadata.subject == "Seluruh Perangkat Daerah Kabupaten Sumenep: Maret 2026"


def test_annex_hides_a_confidential_title() -> None:
    _, pages = read(render_pdf(march_recap()))
    annex = flat(pages[-1])
    assert "Lampiran: daftar pengaduan" in annex
    row = annex[annex.index(CONFIDENTIAL_REGISTER) :][:120]
    assert "(rahasia)" in row
    assert "Lampu jalan padam" not in row
    assert annex.count("Lampu jalan padam") == 11


def test_empty_period_prints_dashes() -> None:
    _, pages = read(render_pdf(empty_recap()))
    text = flat(" ".join(pages))
    assert "Periode: April 2026" in text
    assert "Jumlah pengaduan diterima 0" in text
    assert "Tingkat tindak lanjut (pengaduan yang ditindaklanjuti) 0 —" in text
    assert "Verifikasi dan disposisi 0 0 — 0 0 0 — —" in text
    assert "Tidak ada data pada periode ini." in text


def test_yearly_long_annex_runs_many_pages() -> None:
    recap = long_recap(2000)
    reader, pages = read(render_pdf(recap))
    assert len(reader.pages) > 40
    text = flat(" ".join(pages))
    assert "Periode: Tahun 2026" in text
    assert "Keadaan per: 4 Januari 2027" in text
    assert LONG_NAME.upper() in text
    # Every case is listed once, in order; the header repeats on every annex page.
    numbers = re.findall(r"ADU/DINSOS/2026/(\d{4})", text)
    assert numbers[-2000:] == [f"{i:04d}" for i in range(1, 2001)]
    annex_pages = [p for p in pages if "Nomor register" in p and "ADU/DINSOS/2026/1" in p]
    assert len(annex_pages) > 30
    assert text.count("(rahasia)") == 2000 // 97
    assert "Jalan penghubung antara Desa" in text and "…" in text  # long titles cut with "…"
    assert "lihat berkas XLSX" not in text


def test_annex_limit_says_how_many_are_left_out() -> None:
    _, pages = read(render_pdf(long_recap(300), annex_limit=100))
    text = flat(" ".join(pages))
    assert "… dan 200 pengaduan lainnya, lihat berkas XLSX" in text
    assert "ADU/DINSOS/2026/0100" in text and "ADU/DINSOS/2026/0101" not in text


def test_same_recap_same_bytes() -> None:
    first = render_pdf(march_recap())
    assert render_pdf(march_recap()) == first
    later: Recap = replace(march_recap(), as_of=datetime(2026, 4, 6, 2, 30, tzinfo=UTC))
    assert render_pdf(later) != first


@pytest.mark.slow
def test_a_pemda_year_of_25000_cases_renders_in_seconds() -> None:
    recap = long_recap(25_000)
    data = render_pdf(recap)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 700
    last = flat(reader.pages[-1].extract_text())
    assert "ADU/DINSOS/2026/25000" in last  # the last case, on the last page
    assert f"dari {len(reader.pages)}" in last


def test_a_long_overdue_list_prints_the_most_late_and_points_to_the_xlsx() -> None:
    base = march_recap()
    late = base.overdue[0]
    many = tuple(
        replace(late, register_no=f"ADU/DINSOS/2026/{5000 + i:04d}", working_days_late=900 - i)
        for i in range(OVERDUE_LIMIT + 25)
    )
    _, pages = read(render_pdf(replace(base, overdue=many)))
    text = flat(" ".join(pages))
    assert f"ADU/DINSOS/2026/{5000 + OVERDUE_LIMIT - 1:04d}" in text
    assert f"ADU/DINSOS/2026/{5000 + OVERDUE_LIMIT:04d}" not in text
    assert "… dan 25 pengaduan terlambat lainnya, lihat berkas XLSX" in text
    short = flat(" ".join(read(render_pdf(base))[1]))
    assert "terlambat lainnya" not in short
