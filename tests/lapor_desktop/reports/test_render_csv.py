"""The CSV recap, read back with the csv module as a spreadsheet would."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import replace

from lapor_desktop.reports.csv_export import DELIMITER, HEADER, render_csv
from lapor_desktop.reports.labels import SECTION
from lapor_desktop.reports.model import Recap
from tests.lapor_desktop.reports.recap_samples import (
    empty_recap,
    long_recap,
    march_recap,
    pemda_recap,
)

BREAKDOWNS = (
    "per_bulan",
    "kelompok_status",
    "status",
    "pemegang",
    "kategori",
    "sub_kategori",
    "kanal",
    "jenis",
    "kadar",
    "kecamatan",
)


def read(recap: Recap) -> list[dict[str, str]]:
    data = render_csv(recap)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads UTF-8"
    text = data[3:].decode("utf-8")
    assert "\r\n" in text
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER))
    assert tuple(table[0]) == HEADER
    assert all(len(row) == len(HEADER) for row in table), "every row has every column"
    return [dict(zip(HEADER, row, strict=True)) for row in table[1:]]


def number(text: str) -> float:
    """A cell as Indonesian Excel reads it: decimal comma."""
    return float(text.replace(",", "."))


def by_section(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    sections: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        sections[row["bagian"]].append(row)
    return sections


def test_every_section_and_number_of_a_month() -> None:
    recap = march_recap()
    rows = read(recap)
    sections = by_section(rows)
    keaktifan = {"keaktifan_tindakan", "keaktifan_hari_aktif"}  # one SECTION, two measures
    assert set(sections) == set(SECTION) - {"terlambat", "lampiran", "keaktifan"} | keaktifan
    for row in rows:
        assert (row["kode_kantor"], row["kantor"]) == ("DINSOS", "Dinas Sosial")
        assert (row["tahun"], row["bulan"], row["keadaan_per"]) == ("2026", "3", "2026-04-05")
        number(row["nilai"])  # every row carries a number
        if row["persen"]:
            assert 0 <= number(row["persen"]) <= 100

    head = {r["kode"]: r for r in sections["ringkasan"]}
    assert head["diterima"]["nilai"] == "12"
    assert head["ditindaklanjuti"]["nilai"] == "5"
    assert head["ditindaklanjuti"]["persen"] == "41,7"  # 5 of 12, decimal comma
    assert head["selesai_tanpa_arsip"]["persen"] == "45,5"  # 5 of 11
    assert head["luring_tercatat_lapor"]["persen"] == "60,0"

    # The breakdowns do not overlap: each sums to what was received (a pivot's total).
    for name in BREAKDOWNS:
        assert sum(int(r["nilai"]) for r in sections[name]) == 12, name

    months = sections["per_bulan"]
    assert {(r["rincian"], r["kode_2"]) for r in months} >= {("Maret", "pengaduan")}
    assert [r["rincian_2"] for r in months][:2] == ["Pengaduan", "Aspirasi"]
    kanal = {r["kode"]: r["rincian"] for r in sections["kanal"]}
    assert kanal["walk_in"] == "Datang langsung"
    assert {r["rincian"] for r in sections["kecamatan"]} >= {"(tanpa kecamatan)"}
    sub = {r["kode"]: r["rincian"] for r in sections["sub_kategori"]}
    assert sub["INF.JLN"] == "Infrastruktur > Jalan Rusak"

    kepuasan = [(r["kode"], r["nilai"], r["persen"]) for r in sections["kepuasan"]]
    assert kepuasan == [
        ("dinilai", "4", "33,3"),  # 4 of 12 received
        ("rata_rata", "3,8", ""),  # 15 / 4 = 3.75
        ("puas", "3", "75,0"),  # of the 4 rated
        ("tidak_puas", "1", "25,0"),
        ("dibuka_kembali", "1", "8,3"),  # of the 12 received
    ]

    timely = {(r["kode"], r["kode_2"]): r for r in sections["ketepatan_waktu"]}
    assert timely[("verification", "tepat_waktu")]["persen"] == "90,0"
    assert timely[("first_follow_up", "p90_hk")]["nilai"] == "6,5"
    assert sum(int(r["nilai"]) for r in sections["umur_terlambat"]) == len(recap.overdue)
    assert sections["didisposisikan"][0]["rincian"] == "Dinas PUPR"
    holders = [(r["kode"], r["rincian"], r["nilai"], r["persen"]) for r in sections["pemegang"]]
    assert holders == [
        ("DINSOS", "Dinas Sosial", "10", "83,3"),
        ("DPUPR", "Dinas PUPR", "2", "16,7"),
    ]

    assert head["operator_aktif"]["nilai"] == "2"
    assert "opd_aktif" not in head  # an office's recap covers one OPD
    for name, values in (
        ("keaktifan_tindakan", ["31", "4"]),
        ("keaktifan_hari_aktif", ["14", "2"]),
    ):
        got = [
            (r["kode"], r["rincian"], r["kode_2"], r["nilai"], r["persen"]) for r in sections[name]
        ]
        assert got == [
            ("DINSOS", "Dinas Sosial", "ani", values[0], ""),
            ("DINSOS", "Dinas Sosial", "budi", values[1], ""),
        ]


def test_a_pemda_recap_is_nobodys_office_and_lists_every_opd() -> None:
    rows = read(pemda_recap())
    assert {(r["kode_kantor"], r["kantor"]) for r in rows} == {
        ("PEMDA", "Seluruh Perangkat Daerah Kabupaten Sumenep")
    }
    holders = [(r["kode"], r["rincian"], int(r["nilai"])) for r in by_section(rows)["pemegang"]]
    assert holders == [
        ("DINSOS", "Dinas Sosial", 6),
        ("DPUPR", "Dinas PUPR", 4),
        ("DINKES", "Dinas Kesehatan", 2),
        ("DISKOMINFO", "Dinas Komunikasi dan Informatika", 0),  # an OPD that received none
    ]
    assert sum(n for _, _, n in holders) == 12
    head = {r["kode"]: r for r in by_section(rows)["ringkasan"]}
    # KemenPANRB's keaktifan: OPDs with an active operator, of the four the Pemda has.
    assert (head["opd_aktif"]["nilai"], head["opd_aktif"]["persen"]) == ("2", "50,0")
    assert head["operator_aktif"]["nilai"] == "3"
    active = [(r["kode"], r["kode_2"], r["nilai"]) for r in by_section(rows)["keaktifan_tindakan"]]
    assert active == [("DINSOS", "ani", "31"), ("DINSOS", "budi", "4"), ("DPUPR", "eko", "9")]
    # Same columns as an OPD's file: the two stack under each other (two more OPD rows, one
    # more headline, one more operator in each of the two keaktifan sections).
    assert len(rows) == len(read(march_recap())) + 2 + 1 + 2


def test_empty_period_has_no_percentage_and_no_error() -> None:
    rows = read(empty_recap())
    head = {r["kode"]: r for r in by_section(rows)["ringkasan"]}
    assert head["diterima"]["nilai"] == "0"
    for row in rows:
        if row["bagian"] == "ringkasan" or row["kode_2"] == "tepat_waktu":
            assert row["persen"] == "", row  # empty, not "0" and not "—"
    medians = [r for r in rows if r["kode_2"] in ("median_hk", "p90_hk")]
    assert medians and all(r["nilai"] == "" for r in medians)


def test_yearly_recap_has_an_empty_month_column() -> None:
    rows = read(long_recap(50))
    assert {r["bulan"] for r in rows} == {""}
    assert {r["tahun"] for r in rows} == {"2026"}
    months = [r for r in rows if r["bagian"] == "per_bulan" and r["kode_2"] == "pengaduan"]
    assert [int(r["kode"]) for r in months] == list(range(1, 13))
    assert sum(int(r["nilai"]) for r in months) == 50
    assert rows[0]["kantor"].startswith("Dinas Pemberdayaan Perempuan, Perlindungan Anak")


def test_same_recap_same_bytes() -> None:
    assert render_csv(march_recap()) == render_csv(march_recap())
    assert render_csv(march_recap()) != render_csv(empty_recap())


def test_the_headline_counts_complaints_past_due_not_deadlines() -> None:
    """A case late for two stages is two rows of the overdue list but one complaint."""
    recap = march_recap()
    first = recap.overdue[0]
    twice = (first, replace(first, stage="verification"), *recap.overdue[1:])
    rows = by_section(read(replace(recap, overdue=twice)))
    head = {r["kode"]: r for r in rows["ringkasan"]}
    assert head["terlambat"]["nilai"] == "2"  # 3 deadlines of 2 complaints
    assert head["terlambat"]["persen"] == "16,7"  # 2 of 12
