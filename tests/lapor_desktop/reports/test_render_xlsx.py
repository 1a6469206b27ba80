"""The XLSX recap, opened again with openpyxl as Excel would read it."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import openpyxl
import pytest

from lapor_desktop.reports.model import Recap
from lapor_desktop.reports.xlsx_export import PERCENT_FORMAT, render_xlsx
from tests.lapor_desktop.reports.recap_samples import (
    CONFIDENTIAL_REGISTER,
    empty_recap,
    long_recap,
    march_recap,
    pemda_recap,
)

SHEETS = [
    "Ringkasan",
    "Kepuasan",
    "Per bulan",
    "Status",
    "Status rinci",
    "Perangkat daerah",
    "Kategori",
    "Sub-kategori",
    "Topik teratas",
    "Kanal",
    "Jenis",
    "Kadar",
    "Kecamatan",
    "Ketepatan waktu",
    "Terlambat",
    "Umur terlambat",
    "Diteruskan & disposisi",
    "Keaktifan",
    "Lampiran",
]


def load(recap: Recap) -> Any:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(recap)))


def table(ws: Any, header_row: int = 1) -> list[dict[str, Any]]:
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    header = rows[0]
    return [
        dict(zip(header, row, strict=False)) for row in rows[1:] if any(v is not None for v in row)
    ]


def test_sheets_headers_and_types() -> None:
    wb = load(march_recap())
    assert wb.sheetnames == SHEETS
    for name in SHEETS[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert all(cell.font.b for cell in ws[1] if cell.value is not None), name
        assert ws.column_dimensions["A"].width > 5, name

    summary = wb["Ringkasan"]
    texts = [c.value for c in summary["A"] if c.value is not None]
    assert texts[:5] == [
        "REKAPITULASI PENGADUAN MASYARAKAT",
        "Kantor: Dinas Sosial (DINSOS)",
        "Pemerintah daerah: Kabupaten Sumenep",
        "Periode: Maret 2026",
        "Keadaan per: 5 April 2026, 09.30 WIB",
    ]
    assert summary.freeze_panes == "A8"
    assert [c.value for c in summary[7]] == ["Uraian", "Jumlah", "Persen"]
    head = {row[0].value: row for row in summary.iter_rows(min_row=8) if row[0].value}
    received = head["Jumlah pengaduan diterima"]
    assert received[1].value == 12 and received[1].data_type == "n"
    follow = head["Tingkat tindak lanjut (pengaduan yang ditindaklanjuti)"]
    assert follow[1].value == 5
    assert follow[2].data_type == "n" and follow[2].number_format == PERCENT_FORMAT
    assert follow[2].value == pytest.approx(5 / 12)
    assert head["Tingkat penyelesaian tanpa yang diarsipkan"][2].value == pytest.approx(5 / 11)
    assert head["Fasilitasi: yang luring tercatat di SP4N-LAPOR!"][2].value == pytest.approx(0.6)

    kepuasan = {row[0].value: row for row in wb["Kepuasan"].iter_rows(min_row=2)}
    assert [c.value for c in wb["Kepuasan"][1]] == ["Kode", "Uraian", "Nilai", "Persen"]
    assert kepuasan["dinilai"][2].value == 4 and kepuasan["dinilai"][2].data_type == "n"
    assert kepuasan["dinilai"][3].value == pytest.approx(4 / 12)
    assert kepuasan["rata_rata"][2].value == 3.75  # the cell keeps the number; "0.0" shows 3,8
    assert (
        kepuasan["rata_rata"][2].number_format == "0.0" and kepuasan["rata_rata"][3].value is None
    )
    assert kepuasan["puas"][3].value == pytest.approx(0.75)
    assert kepuasan["dibuka_kembali"][2].value == 1
    assert head["Keaktifan: operator yang mencatat tindakan"][1].value == 2

    activity = table(wb["Keaktifan"])
    assert activity == [
        {
            "Kode kantor": "DINSOS",
            "Perangkat daerah": "Dinas Sosial",
            "Operator": "ani",
            "Tindakan tercatat": 31,
            "Hari aktif": 14,
            "Terakhir aktif": datetime(2026, 3, 31),  # a date cell
        },
        {
            "Kode kantor": "DINSOS",
            "Perangkat daerah": "Dinas Sosial",
            "Operator": "budi",
            "Tindakan tercatat": 4,
            "Hari aktif": 2,
            "Terakhir aktif": datetime(2026, 3, 12),
        },
    ]

    months = table(wb["Per bulan"])
    assert months == [
        {
            "Bulan": "Maret",
            "Pengaduan": 9,
            "Aspirasi": 2,
            "Permintaan informasi": 1,
            "Whistle blowing": 0,
            "Jumlah": 12,
        }
    ]
    status = table(wb["Status"])
    assert [r["Kelompok status"] for r in status][:2] == [
        "Belum diproses",
        "Ditunda (menunggu kelengkapan)",
    ]
    assert sum(r["Jumlah"] for r in status) == 12
    sub = {r["Kode"]: r for r in table(wb["Sub-kategori"])}
    assert sub["INF.JLN"]["Sub-kategori"] == "Infrastruktur > Jalan Rusak"
    assert sub["INF.JLN"]["Persen"] == pytest.approx(5 / 12)
    assert wb["Sub-kategori"]["D2"].number_format == PERCENT_FORMAT
    assert {r["Kecamatan"] for r in table(wb["Kecamatan"])} >= {"(tanpa kecamatan)", "Kalianget"}

    timely = {r["Tahap"]: r for r in table(wb["Ketepatan waktu"])}
    assert timely["Verifikasi dan disposisi"]["% tepat waktu"] == pytest.approx(0.9)
    assert timely["Tindak lanjut pertama"]["P90 (HK)"] == 6.5

    late = table(wb["Terlambat"])
    assert [r["Terlambat (HK)"] for r in late] == [18, 3]
    assert late[0]["Tenggat"] == datetime(2026, 3, 9)  # a date cell, not text
    assert late[1]["Pemegang"] == "Dinas PUPR"
    aging = table(wb["Umur terlambat"])
    assert [r["Umur keterlambatan"] for r in aging] == ["0–5 HK", "6–14 HK", "15–60 HK", "> 60 HK"]
    dest = table(wb["Diteruskan & disposisi"])
    assert [(r["Jenis"], r["Jumlah"]) for r in dest] == [
        ("Diteruskan", 1),
        ("Didisposisikan", 1 + 1),
    ]

    holders = table(wb["Perangkat daerah"])
    assert [(r["Kode"], r["Perangkat daerah pemegang"], r["Jumlah"]) for r in holders] == [
        ("DINSOS", "Dinas Sosial", 10),
        ("DPUPR", "Dinas PUPR", 2),
    ]
    assert holders[1]["Persen"] == pytest.approx(2 / 12)

    annex = table(wb["Lampiran"])
    assert len(annex) == 12
    secret = next(r for r in annex if r["Nomor register"] == CONFIDENTIAL_REGISTER)
    assert secret["Perihal"] == "(rahasia)"
    assert secret["Status"] == "Selesai"
    assert annex[0]["Tanggal diterima"] == datetime(2026, 3, 2)
    assert annex[0]["Kanal"] == "SP4N-LAPOR!"


def test_a_pemda_recap_says_whose_it_is_and_lists_every_opd() -> None:
    wb = load(pemda_recap())
    assert wb.sheetnames == SHEETS
    texts = [c.value for c in wb["Ringkasan"]["A"] if c.value is not None]
    assert texts[:6] == [
        "REKAPITULASI PENGADUAN MASYARAKAT",
        "Cakupan: Seluruh Perangkat Daerah Kabupaten Sumenep",
        "Disusun oleh: Dinas Komunikasi dan Informatika (DISKOMINFO)",
        "Pemerintah daerah: Kabupaten Sumenep",
        "Periode: Maret 2026",
        "Keadaan per: 5 April 2026, 09.30 WIB",
    ]
    assert wb["Ringkasan"].freeze_panes == "A9"  # the table's header row, one lower
    holders = table(wb["Perangkat daerah"])
    assert [(r["Kode"], r["Perangkat daerah pemegang"], r["Jumlah"]) for r in holders] == [
        ("DINSOS", "Dinas Sosial", 6),
        ("DPUPR", "Dinas PUPR", 4),
        ("DINKES", "Dinas Kesehatan", 2),
        ("DISKOMINFO", "Dinas Komunikasi dan Informatika", 0),
    ]
    assert wb.properties.subject == "Seluruh Perangkat Daerah Kabupaten Sumenep"


def test_empty_period_leaves_percentages_empty() -> None:
    wb = load(empty_recap())
    summary = wb["Ringkasan"]
    head = {row[0].value: row for row in summary.iter_rows(min_row=8) if row[0].value}
    assert head["Jumlah pengaduan diterima"][1].value == 0
    assert head["Tingkat tindak lanjut (pengaduan yang ditindaklanjuti)"][2].value == "—"
    for row in table(wb["Ketepatan waktu"]):
        assert row["% tepat waktu"] is None and row["Median (HK)"] is None
    assert table(wb["Lampiran"]) == []
    assert table(wb["Terlambat"]) == []


def test_long_annex_and_yearly_months() -> None:
    recap = long_recap(3000)
    wb = load(recap)
    months = table(wb["Per bulan"])
    assert len(months) == 13 and months[-1]["Bulan"] == "Jumlah"
    assert months[-1]["Jumlah"] == 3000
    assert wb["Ringkasan"]["A4"].value == "Periode: Tahun 2026"
    annex = table(wb["Lampiran"])
    assert len(annex) == 3000
    assert annex[-1]["No"] == 3000
    assert sum(1 for r in annex if r["Perihal"] == "(rahasia)") == 3000 // 97
    assert any(r["Perihal"].startswith("Jalan penghubung antara Desa") for r in annex)


def test_same_recap_same_bytes() -> None:
    first = render_xlsx(march_recap())
    assert render_xlsx(march_recap()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 4, 5, 2, 30, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2026-04-05T02:30:00Z" in core
    later = replace(march_recap(), as_of=datetime(2026, 4, 6, 2, 30, tzinfo=UTC))
    assert render_xlsx(later) != first
