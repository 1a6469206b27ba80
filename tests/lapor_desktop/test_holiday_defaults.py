"""Default holidays from the `holidays` package, checked against the SKB 3 Menteri 2026."""

from __future__ import annotations

from datetime import date

from lapor_desktop.domain.calendar import HolidayKind
from lapor_desktop.holiday_defaults import national_holidays

# SKB Menag 1497/2025, Menaker 2/2025, MenPANRB 5/2025 (published Sept 2025).
SKB_2026_NATIONAL = {
    date(2026, 1, 1),  # Tahun Baru 2026 Masehi
    date(2026, 1, 16),  # Isra Mikraj
    date(2026, 2, 17),  # Tahun Baru Imlek 2577
    date(2026, 3, 19),  # Nyepi, Tahun Baru Saka 1948
    date(2026, 3, 21),  # Idul Fitri 1447 H
    date(2026, 3, 22),  # Idul Fitri 1447 H (hari kedua)
    date(2026, 4, 3),  # Wafat Yesus Kristus
    date(2026, 4, 5),  # Kebangkitan Yesus Kristus (Paskah)
    date(2026, 5, 1),  # Hari Buruh Internasional
    date(2026, 5, 14),  # Kenaikan Yesus Kristus
    date(2026, 5, 27),  # Idul Adha 1447 H
    date(2026, 5, 31),  # Waisak 2570 BE
    date(2026, 6, 1),  # Hari Lahir Pancasila
    date(2026, 6, 16),  # 1 Muharam 1448 H
    date(2026, 8, 17),  # Proklamasi Kemerdekaan
    date(2026, 8, 25),  # Maulid Nabi Muhammad
    date(2026, 12, 25),  # Kelahiran Yesus Kristus
}
SKB_2026_CUTI_BERSAMA = {
    date(2026, 2, 16),  # Imlek
    date(2026, 3, 18),  # Nyepi
    date(2026, 3, 20),  # Idul Fitri
    date(2026, 3, 23),  # Idul Fitri
    date(2026, 3, 24),  # Idul Fitri
    date(2026, 5, 15),  # Kenaikan Yesus Kristus
    date(2026, 5, 28),  # Idul Adha
    date(2026, 12, 24),  # Natal
}


def test_2026_matches_the_skb() -> None:
    result = national_holidays([2026])
    national = {h.day for h in result if h.kind is HolidayKind.NATIONAL}
    cuti = {h.day for h in result if h.kind is HolidayKind.CUTI_BERSAMA}
    assert national == SKB_2026_NATIONAL
    assert cuti == SKB_2026_CUTI_BERSAMA
    assert len(result) == 25


def test_sorted_and_one_per_day() -> None:
    result = national_holidays([2027, 2026, 2026])
    days = [h.day for h in result]
    assert days == sorted(days)
    assert len(days) == len(set(days))
    assert {d.year for d in days} == {2026, 2027}


def test_names_are_indonesian() -> None:
    by_day = {h.day: h for h in national_holidays([2026])}
    assert by_day[date(2026, 8, 17)].name == "Hari Kemerdekaan Republik Indonesia"
    assert by_day[date(2026, 12, 24)].name == "Cuti Bersama Hari Raya Natal"
    assert by_day[date(2026, 3, 19)].name == "Hari Suci Nyepi"


def test_two_holidays_on_one_day_are_joined() -> None:
    # 13 May 2021: Idul Fitri 1442 H and Kenaikan Yesus Kristus fell on the same Thursday.
    by_day = {h.day: h for h in national_holidays([2021])}
    holiday = by_day[date(2021, 5, 13)]
    assert holiday.kind is HolidayKind.NATIONAL
    assert holiday.name == "Hari Raya Idul Fitri; Kenaikan Yesus Kristus"


def test_no_years_gives_nothing() -> None:
    assert national_holidays([]) == []
