"""Working-day calendar: counting rules, the 2026 SKB calendar, and properties."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapor_desktop.domain.calendar import Holiday, HolidayKind, WorkingCalendar
from lapor_desktop.holiday_defaults import national_holidays

# The `holidays` package (0.109) gives for 2026 exactly the SKB 3 Menteri 2026 list
# (SKB Menag 1497/2025, Menaker 2/2025, MenPANRB 5/2025): 17 libur nasional and 8 cuti bersama.
# Expected dates below were counted by hand on that published calendar, not produced by the code:
#   libur nasional: Thu 1 Jan, Fri 16 Jan (Isra Mikraj), Tue 17 Feb (Imlek), Thu 19 Mar (Nyepi),
#     Sat 21 + Sun 22 Mar (Idul Fitri 1447 H), Fri 3 Apr (Wafat Yesus Kristus), Sun 5 Apr (Paskah),
#     Fri 1 May, Thu 14 May (Kenaikan), Wed 27 May (Idul Adha), Sun 31 May (Waisak),
#     Mon 1 Jun (Pancasila), Tue 16 Jun (1 Muharam), Mon 17 Aug, Tue 25 Aug (Maulid), Fri 25 Dec
#   cuti bersama: Mon 16 Feb, Wed 18 Mar, Fri 20 Mar, Mon 23 Mar, Tue 24 Mar, Fri 15 May,
#     Thu 28 May, Thu 24 Dec
CAL_2026 = WorkingCalendar.from_holidays(national_holidays([2026]))


def d(text: str) -> date:
    return date.fromisoformat(text)


# -- basic rules -------------------------------------------------------------------------------


def test_empty_calendar_is_monday_to_friday() -> None:
    cal = WorkingCalendar()
    week = [d("2026-01-05") + timedelta(days=i) for i in range(7)]  # Mon..Sun
    assert [cal.is_working_day(day) for day in week] == [True] * 5 + [False] * 2


def test_add_zero_returns_start_even_on_weekend() -> None:
    assert WorkingCalendar().add_working_days(d("2026-01-10"), 0) == d("2026-01-10")


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        WorkingCalendar().add_working_days(d("2026-01-10"), -1)


def test_working_days_between_is_half_open() -> None:
    cal = WorkingCalendar()
    # Fri 9 Jan -> Wed 14 Jan: Mon, Tue, Wed (the start day itself is not counted).
    assert cal.working_days_between(d("2026-01-09"), d("2026-01-14")) == 3
    assert cal.working_days_between(d("2026-01-14"), d("2026-01-09")) == 0
    assert cal.working_days_between(d("2026-01-14"), d("2026-01-14")) == 0


def test_removed_holiday_becomes_working_and_loses_its_name() -> None:
    nyepi = Holiday(d("2026-03-19"), "Hari Suci Nyepi", HolidayKind.NATIONAL)
    cal = WorkingCalendar.from_holidays([nyepi], removed=[d("2026-03-19")])
    assert cal.is_working_day(d("2026-03-19"))
    assert cal.holiday_name(d("2026-03-19")) is None
    # The removal stays visible next to the holiday it cancels.
    assert d("2026-03-19") in cal.holidays
    assert d("2026-03-19") in cal.working_overrides


def test_override_of_a_weekend_does_not_make_it_working() -> None:
    cal = WorkingCalendar(working_overrides=frozenset({d("2026-01-10")}))
    assert not cal.is_working_day(d("2026-01-10"))


def test_local_holiday_and_names_are_joined() -> None:
    cal = WorkingCalendar.from_holidays(
        [
            Holiday(d("2026-04-20"), "Hari Jadi Kabupaten", HolidayKind.LOCAL),
            Holiday(d("2026-04-20"), "Hari Kartini (lokal)", HolidayKind.LOCAL),
        ]
    )
    assert not cal.is_working_day(d("2026-04-20"))
    assert cal.holiday_name(d("2026-04-20")) == "Hari Jadi Kabupaten; Hari Kartini (lokal)"
    assert cal.holiday_name(d("2026-04-21")) is None


def test_calendar_equality_ignores_caches() -> None:
    a = WorkingCalendar(holidays=frozenset({d("2026-01-01")}))
    b = WorkingCalendar(holidays=frozenset({d("2026-01-01")}))
    assert a == b
    assert hash(a) == hash(b)


# -- 2026 SKB calendar, counted by hand -----------------------------------------------------------


def test_2026_holiday_names() -> None:
    assert CAL_2026.holiday_name(d("2026-08-17")) == "Hari Kemerdekaan Republik Indonesia"
    assert CAL_2026.holiday_name(d("2026-12-24")) == "Cuti Bersama Hari Raya Natal"
    assert CAL_2026.holiday_name(d("2026-08-18")) is None


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2026-01-01", False),  # Tahun Baru, Thu
        ("2026-01-02", True),
        ("2026-02-16", False),  # cuti bersama Imlek, Mon
        ("2026-02-18", True),
        ("2026-03-17", True),
        ("2026-03-18", False),  # cuti bersama Nyepi
        ("2026-03-19", False),  # Nyepi
        ("2026-03-20", False),  # cuti bersama Idul Fitri
        ("2026-03-23", False),  # cuti bersama Idul Fitri
        ("2026-03-24", False),  # cuti bersama Idul Fitri
        ("2026-03-25", True),
        ("2026-04-03", False),  # Wafat Yesus Kristus
        ("2026-05-15", False),  # cuti bersama Kenaikan
        ("2026-05-28", False),  # cuti bersama Idul Adha
        ("2026-05-29", True),
        ("2026-06-01", False),  # Pancasila
        ("2026-08-17", False),
        ("2026-08-25", False),  # Maulid
        ("2026-12-24", False),  # cuti bersama Natal
        ("2026-12-25", False),
        ("2026-12-31", True),
    ],
)
def test_2026_working_days(day: str, working: bool) -> None:
    assert CAL_2026.is_working_day(d(day)) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Fri 9 Jan: Mon 12, Tue 13, Wed 14.
        ("2026-01-09", 3, "2026-01-14"),
        # Sat 10 Jan is day 0 all the same.
        ("2026-01-10", 3, "2026-01-14"),
        # Wed 14 Jan: Thu 15, (Fri 16 Isra Mikraj), Mon 19, Tue 20.
        ("2026-01-14", 3, "2026-01-20"),
        # Fri 13 Feb: (Mon 16 CB Imlek, Tue 17 Imlek) Wed 18, Thu 19, Fri 20.
        ("2026-02-13", 3, "2026-02-20"),
        # Fri 13 Mar: Mon 16, Tue 17, (18 CB, 19 Nyepi, 20 CB, 21-22 Lebaran, 23-24 CB) Wed 25.
        ("2026-03-13", 3, "2026-03-25"),
        # Tue 17 Mar, the day before the long break: Wed 25, Thu 26, Fri 27.
        ("2026-03-17", 3, "2026-03-27"),
        # ... and with 5 working days: Mon 30, Tue 31.
        ("2026-03-17", 5, "2026-03-31"),
        # Received on Nyepi itself (day 0 anyway): Wed 25, Thu 26, Fri 27.
        ("2026-03-19", 3, "2026-03-27"),
        # Wed 13 May: (Thu 14 Kenaikan, Fri 15 CB) Mon 18, Tue 19, Wed 20.
        ("2026-05-13", 3, "2026-05-20"),
        # Tue 26 May: (27 Idul Adha, 28 CB) Fri 29, (Mon 1 Jun Pancasila) Tue 2, Wed 3 Jun.
        ("2026-05-26", 3, "2026-06-03"),
        # Fri 14 Aug: (Mon 17 Aug) Tue 18, Wed 19, Thu 20, Fri 21, Mon 24.
        ("2026-08-14", 5, "2026-08-24"),
        # ... 14 HK: (Tue 25 Maulid) Wed 26 .. Fri 28 = 8, Mon 31 = 9, Tue 1 .. Fri 4 Sep = 13,
        # Mon 7 Sep = 14.
        ("2026-08-14", 14, "2026-09-07"),
        # Wed 23 Dec: (Thu 24 CB, Fri 25 Natal) Mon 28, Tue 29, Wed 30.
        ("2026-12-23", 3, "2026-12-30"),
        # Mon 2 Mar + 60 HK (pemeriksaan lapangan): March 3-6, 9-13, 16-17, 25-27, 30-31 = 16;
        # April 1-2, 6-30 (Good Friday off) = 21 -> 37; May 4-8, 11-13, 18-22, 25-26, 29 = 16
        # -> 53; June (1 off) 2-5 -> 57, Mon 8, Tue 9, Wed 10 Jun = 60.
        ("2026-03-02", 60, "2026-06-10"),
    ],
)
def test_2026_add_working_days(start: str, n: int, expected: str) -> None:
    assert CAL_2026.add_working_days(d(start), n) == d(expected)
    assert CAL_2026.working_days_between(d(start), d(expected)) == n


def test_2026_year_has_the_expected_working_day_count() -> None:
    # 2026 has 261 Mon–Fri days (52 weeks + Thu 31 Dec). Of the 17 libur nasional, 4 fall on a
    # weekend (Idul Fitri Sat 21 / Sun 22 Mar, Paskah Sun 5 Apr, Waisak Sun 31 May); all 8 cuti
    # bersama are weekdays: 261 - 13 - 8 = 240 working days.
    assert CAL_2026.working_days_between(d("2025-12-31"), d("2026-12-31")) == 240


def test_crossing_into_2027_needs_the_2027_holidays() -> None:
    both = WorkingCalendar.from_holidays(national_holidays([2026, 2027]))
    # Wed 23 Dec 2026 + 5: Mon 28, Tue 29, Wed 30, Thu 31, (Fri 1 Jan 2027) Mon 4 Jan 2027.
    assert both.add_working_days(d("2026-12-23"), 5) == d("2027-01-04")
    # Without 2027 loaded, 1 Jan 2027 looks like a normal Friday.
    assert CAL_2026.add_working_days(d("2026-12-23"), 5) == d("2027-01-01")


# -- properties --------------------------------------------------------------------------------

_BASE = date(2025, 1, 1)
days_in_range = st.integers(min_value=0, max_value=3 * 366).map(lambda i: _BASE + timedelta(days=i))
holiday_sets = st.frozensets(days_in_range, max_size=80)


def _naive_add(cal: WorkingCalendar, start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


def _naive_between(cal: WorkingCalendar, start: date, end: date) -> int:
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += cal.is_working_day(day)
    return count


@given(holidays=holiday_sets, overrides=holiday_sets, start=days_in_range, n=st.integers(1, 300))
def test_add_working_days_lands_on_a_working_day(
    holidays: frozenset[date], overrides: frozenset[date], start: date, n: int
) -> None:
    cal = WorkingCalendar(holidays=holidays, working_overrides=overrides)
    due = cal.add_working_days(start, n)
    assert cal.is_working_day(due)
    assert due > start
    assert due == _naive_add(cal, start, n)


@given(holidays=holiday_sets, start=days_in_range, n=st.integers(0, 300))
def test_between_inverts_add(holidays: frozenset[date], start: date, n: int) -> None:
    cal = WorkingCalendar(holidays=holidays)
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@given(holidays=holiday_sets, overrides=holiday_sets, a=days_in_range, b=days_in_range)
def test_between_matches_a_day_by_day_count(
    holidays: frozenset[date], overrides: frozenset[date], a: date, b: date
) -> None:
    cal = WorkingCalendar(holidays=holidays, working_overrides=overrides)
    assert cal.working_days_between(a, b) == _naive_between(cal, a, b)


@given(holidays=holiday_sets, extra=holiday_sets, start=days_in_range, n=st.integers(0, 200))
def test_more_holidays_never_make_the_date_earlier(
    holidays: frozenset[date], extra: frozenset[date], start: date, n: int
) -> None:
    fewer = WorkingCalendar(holidays=holidays)
    more = WorkingCalendar(holidays=holidays | extra)
    assert more.add_working_days(start, n) >= fewer.add_working_days(start, n)


@settings(max_examples=50)
@given(holidays=holiday_sets, start=days_in_range, n=st.integers(0, 200), k=st.integers(0, 50))
def test_add_is_additive(holidays: frozenset[date], start: date, n: int, k: int) -> None:
    cal = WorkingCalendar(holidays=holidays)
    assert cal.add_working_days(start, n + k) == cal.add_working_days(
        cal.add_working_days(start, n), k
    )


def test_add_working_days_is_fast() -> None:
    start = d("2026-01-01")
    began = time.perf_counter()
    for i in range(100_000):
        CAL_2026.add_working_days(start + timedelta(days=i % 300), 1 + i % 60)
    # Generous bound (well under 1 s locally): catches a slide back to per-day loops with
    # allocation, not small slowdowns.
    assert time.perf_counter() - began < 5.0


def test_remembered_answers_are_the_computed_ones() -> None:
    # The second ask of each pair is answered from the calendar's memo; a fresh calendar
    # (nothing remembered) must agree with both.
    holidays = national_holidays([2026, 2027])
    cal = WorkingCalendar.from_holidays(holidays)
    start = d("2026-01-01")
    asks = [(start + timedelta(days=i % 400), 1 + i % 45) for i in range(3000)]
    for day, n in asks + asks:
        fresh = WorkingCalendar.from_holidays(holidays)
        assert cal.add_working_days(day, n) == fresh.add_working_days(day, n)
    assert len(cal._added) == len(set(asks))


def test_the_memo_stays_bounded() -> None:
    cal = WorkingCalendar.from_holidays(national_holidays([2026]))
    start = d("2026-01-01")
    for i in range(70_000):
        cal.add_working_days(start + timedelta(days=i % 700), 1 + i // 700)
    assert len(cal._added) <= 1 << 16
    assert cal.add_working_days(d("2026-12-23"), 5) == CAL_2026.add_working_days(d("2026-12-23"), 5)
