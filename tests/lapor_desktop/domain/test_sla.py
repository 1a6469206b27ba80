"""SLA engine: due times on the 2026 calendar, pauses, extensions, states and the rule book."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lapor_desktop.domain.calendar import Holiday, HolidayKind, WorkingCalendar
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.sla import (
    JAKARTA,
    DayUnit,
    DeadlineState,
    ExtensionRefused,
    Pause,
    SlaRule,
    SlaRuleBook,
    Stage,
    StageClock,
    complete,
    compute_due_at,
    evaluate,
    extend,
)
from lapor_desktop.holiday_defaults import national_holidays

REPO_ROOT = Path(__file__).resolve().parents[3]
RULES_PATH = REPO_ROOT / "resources" / "sla_rules.json"
BOOK = SlaRuleBook.from_json(json.loads(RULES_PATH.read_text(encoding="utf-8")))

# Built from the `holidays` package, which for 2026 matches SKB 3 Menteri 2026 exactly
# (17 libur nasional + 8 cuti bersama; see test_calendar.py for the list). All expected dates
# below were counted by hand on the published calendar.
CAL = WorkingCalendar.from_holidays(national_holidays([2026]))

VERIFY = BOOK.by_code("VERIFY_3HK")
FOLLOW_UP = BOOK.by_code("FOLLOW_UP_5HK")
INFO_REQUEST = BOOK.by_code("INFO_REQUEST_10HK")
INFO_WAIT = BOOK.by_code("INFO_WAIT_30D")


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def end_of_day_wib(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 23, 59, 59, 999999, tzinfo=JAKARTA)


def due(started_at: datetime, rule: SlaRule, **kwargs: Any) -> datetime:
    return compute_due_at(started_at, rule, CAL, JAKARTA, **kwargs)


# -- compute_due_at ------------------------------------------------------------------------------


def test_friday_receipt_is_due_end_of_wednesday_in_utc() -> None:
    result = due(wib(2026, 1, 9, 10), VERIFY)  # Fri 9 Jan 10:00 WIB
    assert result == datetime(2026, 1, 14, 16, 59, 59, 999999, tzinfo=UTC)
    assert result.tzinfo is UTC
    assert result.astimezone(JAKARTA) == end_of_day_wib(2026, 1, 14)


def test_saturday_receipt_counts_saturday_as_day_zero() -> None:
    assert due(wib(2026, 1, 10, 9), VERIFY) == end_of_day_wib(2026, 1, 14)


def test_day_zero_is_the_local_date_not_the_utc_date() -> None:
    one_day = SlaRule("ONE", Stage.VERIFICATION, 1, DayUnit.WORKING, "uji", "uji")
    # Thu 8 Jan 23:30 WIB (16:30 UTC): day 0 is Thursday -> due Friday.
    assert due(datetime(2026, 1, 8, 16, 30, tzinfo=UTC), one_day) == end_of_day_wib(2026, 1, 9)
    # Fri 9 Jan 00:30 WIB but still Thursday in UTC: day 0 is Friday -> due Monday.
    assert due(datetime(2026, 1, 8, 17, 30, tzinfo=UTC), one_day) == end_of_day_wib(2026, 1, 12)


def test_other_office_zone_wita() -> None:
    wita = ZoneInfo("Asia/Makassar")
    # 16:30 UTC Thu = Fri 00:30 WITA: day 0 is Friday, 1 HK -> Mon 12 Jan 23:59:59.999999 WITA.
    one_day = SlaRule("ONE", Stage.VERIFICATION, 1, DayUnit.WORKING, "uji", "uji")
    result = compute_due_at(datetime(2026, 1, 8, 16, 30, tzinfo=UTC), one_day, CAL, wita)
    assert result == datetime(2026, 1, 12, 15, 59, 59, 999999, tzinfo=UTC)


def test_receipt_the_day_before_the_lebaran_break() -> None:
    # Tue 17 Mar; 18 CB Nyepi, 19 Nyepi, 20 CB, 21-22 Idul Fitri, 23-24 CB: Wed 25, Thu 26, Fri 27.
    assert due(wib(2026, 3, 17, 15), VERIFY) == end_of_day_wib(2026, 3, 27)
    # Five working days: ... Mon 30, Tue 31 Mar.
    assert due(wib(2026, 3, 17, 15), FOLLOW_UP) == end_of_day_wib(2026, 3, 31)


def test_receipt_before_christmas() -> None:
    # Wed 23 Dec; 24 CB Natal, 25 Natal: Mon 28, Tue 29, Wed 30.
    assert due(wib(2026, 12, 23, 11), VERIFY) == end_of_day_wib(2026, 12, 30)


def test_receipt_before_independence_day() -> None:
    # Fri 14 Aug; Mon 17 Aug off: Tue 18 .. Fri 21, Mon 24.
    assert due(wib(2026, 8, 14, 8), FOLLOW_UP) == end_of_day_wib(2026, 8, 24)


def test_pause_monday_to_wednesday_adds_two_working_days() -> None:
    start = wib(2026, 10, 1, 9)  # Thu 1 Oct; no holidays in October 2026
    # Without a pause: Fri 2, Mon 5, Tue 6, Wed 7, Thu 8.
    assert due(start, FOLLOW_UP) == end_of_day_wib(2026, 10, 8)
    pause = Pause(wib(2026, 10, 5, 10), wib(2026, 10, 7, 14))  # Mon -> Wed: Tue, Wed paused
    assert due(start, FOLLOW_UP, pauses=[pause]) == end_of_day_wib(2026, 10, 12)


def test_pause_over_a_holiday_only_adds_working_days() -> None:
    # Mon 16 Mar receipt; paused Tue 17 -> Wed 25 Mar: of (17, 25] only Wed 25 is working -> N=4:
    # Tue 17, Wed 25, Thu 26, Fri 27.
    pause = Pause(wib(2026, 3, 17, 9), wib(2026, 3, 25, 9))
    assert due(wib(2026, 3, 16, 9), VERIFY, pauses=[pause]) == end_of_day_wib(2026, 3, 27)


def test_part_of_a_pause_before_the_start_is_ignored() -> None:
    start = wib(2026, 10, 1, 9)
    before = Pause(wib(2026, 9, 21, 9), wib(2026, 9, 30, 9))
    assert due(start, FOLLOW_UP, pauses=[before]) == end_of_day_wib(2026, 10, 8)
    # Tue 29 Sep -> Mon 5 Oct counts only from Thu 1 Oct: Fri 2, Mon 5 -> N=7 -> Mon 12 Oct.
    straddling = Pause(wib(2026, 9, 29, 9), wib(2026, 10, 5, 10))
    assert due(start, FOLLOW_UP, pauses=[straddling]) == end_of_day_wib(2026, 10, 12)


def test_overlapping_pauses_count_each_day_once() -> None:
    start = wib(2026, 10, 1, 9)
    a = Pause(wib(2026, 10, 5, 9), wib(2026, 10, 7, 9))
    b = Pause(wib(2026, 10, 6, 9), wib(2026, 10, 7, 12))
    assert due(start, FOLLOW_UP, pauses=[a, b]) == due(start, FOLLOW_UP, pauses=[a])


def test_open_pause_runs_until_now() -> None:
    start = wib(2026, 10, 1, 9)
    open_pause = Pause(wib(2026, 10, 5, 9))
    # Paused Mon 5 -> now Fri 9: Tue, Wed, Thu, Fri = 4 -> N=9: Fri 2, 5..9, 12, 13, Wed 14.
    assert due(start, FOLLOW_UP, pauses=[open_pause], now=wib(2026, 10, 9, 10)) == (
        end_of_day_wib(2026, 10, 14)
    )
    # Without `now` an open pause counts nothing.
    assert due(start, FOLLOW_UP, pauses=[open_pause]) == end_of_day_wib(2026, 10, 8)


def test_information_request_extension_of_seven_days() -> None:
    start = wib(2026, 5, 4, 10)  # Mon 4 May
    # 10 HK: 5-8 (4), 11-13 (7), (14 Kenaikan, 15 CB), 18, 19, Wed 20 May (10).
    assert due(start, INFO_REQUEST) == end_of_day_wib(2026, 5, 20)
    # +7: 21, 22, 25, 26, (27 Idul Adha, 28 CB) 29, (1 Jun Pancasila) 2, Wed 3 Jun.
    assert due(start, INFO_REQUEST, extension_days=7) == end_of_day_wib(2026, 6, 3)


def test_calendar_days_unit() -> None:
    # Tue 17 Mar + 30 calendar days = Thu 16 Apr, holidays irrelevant.
    assert due(wib(2026, 3, 17, 10), INFO_WAIT) == end_of_day_wib(2026, 4, 16)
    # Calendar deadlines may fall on a weekend: Thu 5 Mar + 30 = Sat 4 Apr.
    assert due(wib(2026, 3, 5, 10), INFO_WAIT) == end_of_day_wib(2026, 4, 4)
    # Pauses add calendar days: Fri 20 -> Mon 23 Mar = 3 days.
    pause = Pause(wib(2026, 3, 20, 9), wib(2026, 3, 23, 9))
    assert due(wib(2026, 3, 17, 10), INFO_WAIT, pauses=[pause]) == end_of_day_wib(2026, 4, 19)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due(datetime(2026, 1, 9, 10), VERIFY)
    with pytest.raises(ValueError, match="timezone-aware"):
        Pause(datetime(2026, 1, 9, 10))


def test_pause_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Pause(wib(2026, 1, 9), wib(2026, 1, 8))


# -- evaluate ------------------------------------------------------------------------------------

# Fri 9 Jan 10:00 WIB, 3 HK -> due Wed 14 Jan (Fri 16 Jan is Isra Mikraj).
CLOCK = StageClock(Stage.VERIFICATION, "VERIFY_3HK", wib(2026, 1, 9, 10))


def test_running_two_working_days_left() -> None:
    deadline = evaluate(CLOCK, BOOK, CAL, JAKARTA, (), wib(2026, 1, 12, 9))
    assert deadline.state is DeadlineState.RUNNING
    assert deadline.remaining_working_days == 2
    assert deadline.label == "2 hari kerja lagi"
    assert deadline.rule is VERIFY
    assert deadline.due_at == end_of_day_wib(2026, 1, 14)
    assert (deadline.met, deadline.completed_at, deadline.paused) == (None, None, False)


def test_due_today() -> None:
    deadline = evaluate(CLOCK, BOOK, CAL, JAKARTA, (), wib(2026, 1, 14, 15))
    assert deadline.state is DeadlineState.DUE_TODAY
    assert deadline.remaining_working_days == 0
    assert deadline.label == "jatuh tempo hari ini"


def test_overdue_by_three_working_days() -> None:
    # Due Wed 14; now Tue 20: Thu 15, (Fri 16 Isra Mikraj), Mon 19, Tue 20 -> 3 HK late.
    deadline = evaluate(CLOCK, BOOK, CAL, JAKARTA, (), wib(2026, 1, 20, 8))
    assert deadline.state is DeadlineState.OVERDUE
    assert deadline.remaining_working_days == -3
    assert deadline.label == "terlambat 3 HK"


def test_overdue_on_the_weekend_right_after_the_due_date() -> None:
    due_thursday = StageClock(Stage.VERIFICATION, "VERIFY_3HK", wib(2026, 1, 5, 10))  # Mon
    deadline = evaluate(due_thursday, BOOK, CAL, JAKARTA, (), wib(2026, 1, 10, 8))  # Sat
    assert deadline.state is DeadlineState.OVERDUE
    # Only Fri 9 is a working day after Thu 8.
    assert deadline.remaining_working_days == -1


def test_paused() -> None:
    pauses = [Pause(wib(2026, 1, 12, 10))]  # open since Mon 12 Jan
    deadline = evaluate(CLOCK, BOOK, CAL, JAKARTA, pauses, wib(2026, 1, 13, 11))
    assert deadline.state is DeadlineState.PAUSED
    assert deadline.paused
    assert deadline.paused_days == 1  # Tue 13
    # N = 3 + 1: Mon 12, Tue 13, Wed 14, Thu 15.
    assert deadline.due_at == end_of_day_wib(2026, 1, 15)


def test_closed_pause_is_not_paused_any_more() -> None:
    pauses = [Pause(wib(2026, 1, 12, 10), wib(2026, 1, 13, 10))]
    deadline = evaluate(CLOCK, BOOK, CAL, JAKARTA, pauses, wib(2026, 1, 13, 11))
    assert deadline.state is DeadlineState.RUNNING
    assert deadline.remaining_working_days == 2  # due Thu 15: Wed 14, Thu 15


def test_met_stays_met_after_the_calendar_gains_holidays() -> None:
    done = complete(CLOCK, wib(2026, 1, 14, 20), BOOK, CAL, JAKARTA, ())
    assert done.met is True
    assert done.frozen_due_at == end_of_day_wib(2026, 1, 14)
    assert done.completed_at == wib(2026, 1, 14, 20)
    later = evaluate(done, BOOK, CAL, JAKARTA, (), wib(2026, 2, 1, 9))
    assert later.state is DeadlineState.MET
    assert later.label == "terpenuhi"
    assert later.remaining_working_days == 0  # completed on the due date

    # A local holiday added afterwards on Mon 12 Jan would move the deadline; the verdict stays.
    richer = WorkingCalendar.from_holidays(
        [*CAL.names, Holiday(date(2026, 1, 12), "Libur daerah", HolidayKind.LOCAL)]
    )
    again = evaluate(done, BOOK, richer, JAKARTA, (), wib(2026, 2, 1, 9))
    assert again.state is DeadlineState.MET
    assert again.due_at == end_of_day_wib(2026, 1, 14)


def test_missed_stays_missed_even_if_the_new_calendar_would_allow_it() -> None:
    done = complete(CLOCK, wib(2026, 1, 15, 8), BOOK, CAL, JAKARTA, ())
    assert done.met is False
    richer = WorkingCalendar.from_holidays(
        [*CAL.names, Holiday(date(2026, 1, 13), "Libur daerah", HolidayKind.LOCAL)]
    )
    # Under `richer` the deadline would be Thu 15, but the frozen verdict is kept.
    deadline = evaluate(done, BOOK, richer, JAKARTA, (), wib(2026, 3, 1, 9))
    assert deadline.state is DeadlineState.MISSED
    assert deadline.met is False
    assert deadline.due_at == end_of_day_wib(2026, 1, 14)
    assert deadline.remaining_working_days == -1


def test_completing_exactly_at_the_due_time_is_met() -> None:
    done = complete(CLOCK, end_of_day_wib(2026, 1, 14), BOOK, CAL, JAKARTA, ())
    assert done.met is True


def test_completing_twice_returns_the_clock_unchanged() -> None:
    done = complete(CLOCK, wib(2026, 1, 15, 8), BOOK, CAL, JAKARTA, ())
    assert complete(done, wib(2026, 1, 13, 8), BOOK, CAL, JAKARTA, ()) is done


def test_complete_ignores_pauses_after_completion() -> None:
    later_pause = [Pause(wib(2026, 1, 20, 8), wib(2026, 1, 30, 8))]
    done = complete(CLOCK, wib(2026, 1, 15, 8), BOOK, CAL, JAKARTA, later_pause)
    assert done.met is False
    assert done.frozen_due_at == end_of_day_wib(2026, 1, 14)


def test_complete_counts_an_open_pause_up_to_completion() -> None:
    # Paused since Mon 12 Jan, completed Wed 14 while still waiting: Tue 13, Wed 14 -> due Fri 16
    # is Isra Mikraj, so Mon 19.
    done = complete(CLOCK, wib(2026, 1, 14, 9), BOOK, CAL, JAKARTA, [Pause(wib(2026, 1, 12, 9))])
    assert done.frozen_due_at == end_of_day_wib(2026, 1, 19)
    assert done.met is True


def test_info_wait_clock_is_not_paused_by_the_wait_it_measures() -> None:
    clock = StageClock(Stage.INFO_WAIT, "INFO_WAIT_30D", wib(2026, 3, 17, 10))
    pauses = [Pause(wib(2026, 3, 17, 10))]
    deadline = evaluate(clock, BOOK, CAL, JAKARTA, pauses, wib(2026, 4, 17, 9))
    assert deadline.due_at == end_of_day_wib(2026, 4, 16)
    assert deadline.state is DeadlineState.OVERDUE


def test_extended_clock_carries_the_extension() -> None:
    clock = StageClock(Stage.RESOLUTION, "INFO_REQUEST_10HK", wib(2026, 5, 4, 10))
    clock = extend(
        clock, INFO_REQUEST, 7, "Informasi tersebar di tiga bidang", "ppid", wib(2026, 5, 19)
    )
    deadline = evaluate(clock, BOOK, CAL, JAKARTA, (), wib(2026, 5, 21, 9))
    assert deadline.extension_days == 7
    assert deadline.due_at == end_of_day_wib(2026, 6, 3)
    assert deadline.state is DeadlineState.RUNNING


# -- extend --------------------------------------------------------------------------------------

INFO_CLOCK = StageClock(Stage.RESOLUTION, "INFO_REQUEST_10HK", wib(2026, 5, 4, 10))
AT = wib(2026, 5, 19, 9)


@pytest.mark.parametrize("reason", ["", "   ", "\t\n"])
def test_extension_needs_a_reason(reason: str) -> None:
    with pytest.raises(ExtensionRefused, match="reason"):
        extend(INFO_CLOCK, INFO_REQUEST, 3, reason, "ppid", AT)


@pytest.mark.parametrize("days", [0, -1])
def test_extension_needs_at_least_one_day(days: int) -> None:
    with pytest.raises(ExtensionRefused, match="at least 1 day"):
        extend(INFO_CLOCK, INFO_REQUEST, days, "alasan", "ppid", AT)


def test_completed_stage_cannot_be_extended() -> None:
    done = complete(INFO_CLOCK, AT, BOOK, CAL, JAKARTA, ())
    with pytest.raises(ExtensionRefused, match="already completed"):
        extend(done, INFO_REQUEST, 3, "alasan", "ppid", AT)


def test_extension_cannot_exceed_the_rule_maximum() -> None:
    clock = extend(INFO_CLOCK, INFO_REQUEST, 5, "alasan", "ppid", AT)
    with pytest.raises(ExtensionRefused, match="at most 7"):
        extend(clock, INFO_REQUEST, 3, "alasan lain", "ppid", AT)
    with pytest.raises(ExtensionRefused, match="at most 7"):
        extend(INFO_CLOCK, INFO_REQUEST, 8, "alasan", "ppid", AT)


def test_extension_refused_is_a_domain_error() -> None:
    assert issubclass(ExtensionRefused, DomainError)
    assert ExtensionRefused.code == "extension_refused"


def test_extensions_append() -> None:
    once = extend(INFO_CLOCK, INFO_REQUEST, 3, "  data di bidang lain  ", "ppid", AT)
    twice = extend(once, INFO_REQUEST, 4, "perlu izin atasan", "kabid", AT + timedelta(days=1))
    assert INFO_CLOCK.extensions == ()
    assert [e.days for e in twice.extensions] == [3, 4]
    assert twice.extensions[0].reason == "data di bidang lain"
    assert twice.extensions[1].by == "kabid"
    assert twice.extension_days == 7


def test_rule_without_maximum_allows_any_extension() -> None:
    clock = StageClock(Stage.VERIFICATION, "VERIFY_3HK", wib(2026, 1, 9, 10))
    assert extend(clock, VERIFY, 30, "bencana banjir", "admin", AT).extension_days == 30


def test_extend_with_the_wrong_rule_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="does not govern"):
        extend(INFO_CLOCK, VERIFY, 1, "alasan", "ppid", AT)


def test_stage_clock_properties() -> None:
    assert CLOCK.is_open
    assert CLOCK.extension_days == 0
    assert not complete(CLOCK, AT, BOOK, CAL, JAKARTA, ()).is_open


# -- rule book -----------------------------------------------------------------------------------


def test_shipped_rules_load() -> None:
    codes = {rule.code for rule in BOOK.rules}
    assert codes == {
        "VERIFY_3HK",
        "FOLLOW_UP_5HK",
        "RESOLVE_LIGHT_5HK",
        "RESOLVE_NO_FIELD_CHECK_14HK",
        "RESOLVE_FIELD_CHECK_60HK",
        "INFO_REQUEST_10HK",
        "AUTO_CLOSE_10HK",
        "INFO_WAIT_30D",
    }
    assert all(rule.legal_basis and rule.description for rule in BOOK.rules)
    assert INFO_REQUEST.max_extension_days == 7
    assert "UU 14/2008" in INFO_REQUEST.legal_basis
    assert INFO_WAIT.unit is DayUnit.CALENDAR
    assert INFO_WAIT.days == 30
    assert "PermenPANRB 5/2025" in VERIFY.legal_basis
    assert {r.code: r.days for r in BOOK.rules if r.stage is Stage.RESOLUTION} == {
        "RESOLVE_LIGHT_5HK": 5,
        "RESOLVE_NO_FIELD_CHECK_14HK": 14,
        "RESOLVE_FIELD_CHECK_60HK": 60,
        "INFO_REQUEST_10HK": 10,
    }


def test_to_json_round_trips() -> None:
    assert SlaRuleBook.from_json(BOOK.to_json()) == BOOK
    assert SlaRuleBook.from_json(json.loads(json.dumps(BOOK.to_json()))) == BOOK


def test_rule_for_prefers_kind_then_severity_then_any() -> None:
    resolution = Stage.RESOLUTION
    assert BOOK.rule_for(resolution, "permintaan_informasi", "ringan").code == "INFO_REQUEST_10HK"
    assert BOOK.rule_for(resolution, "pengaduan", "ringan").code == "RESOLVE_LIGHT_5HK"
    assert BOOK.rule_for(resolution, "pengaduan", "pemeriksaan_lapangan").code == (
        "RESOLVE_FIELD_CHECK_60HK"
    )
    assert BOOK.rule_for(Stage.VERIFICATION, "pengaduan", "ringan").code == "VERIFY_3HK"
    fallback = SlaRule("RESOLVE_ANY", resolution, 20, DayUnit.WORKING, "uji", "uji")
    book = SlaRuleBook((*BOOK.rules, fallback))
    assert book.rule_for(resolution, "pengaduan", "lain").code == "RESOLVE_ANY"
    assert book.rule_for(resolution, "pengaduan", "ringan").code == "RESOLVE_LIGHT_5HK"


def test_rule_for_without_a_match_names_the_stage() -> None:
    with pytest.raises(ValueError, match="resolution"):
        BOOK.rule_for(Stage.RESOLUTION, "pengaduan", "tidak_ada")


def test_by_code_unknown() -> None:
    with pytest.raises(ValueError, match="NOPE"):
        BOOK.by_code("NOPE")


def _good() -> dict[str, object]:
    return {
        "code": "X",
        "stage": "verification",
        "days": 3,
        "unit": "working_days",
        "legal_basis": "dasar",
        "description": "uraian",
    }


def _with(**changes: object) -> list[object]:
    return [{**_good(), **changes}]


def _without(name: str) -> list[object]:
    rule = _good()
    del rule[name]
    return [rule]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rules": []}, "must be a JSON list"),
        ("VERIFY_3HK", "must be a JSON list"),
        ([1], "expected an object"),
        (_without("days"), "missing field"),
        (_without("legal_basis"), "missing field"),
        (_with(colour="red"), "unknown field"),
        (_with(stage="selesai"), "unknown stage"),
        (_with(unit="weeks"), "unknown unit"),
        (_with(days=0), "days must be an integer >= 1"),
        (_with(days="3"), "days must be an integer >= 1"),
        (_with(days=True), "days must be an integer >= 1"),
        (_with(days=2.5), "days must be an integer >= 1"),
        (_with(max_extension_days=-1), "max_extension_days"),
        (_with(code="  "), "code must be a non-empty string"),
        (_with(legal_basis=""), "legal_basis must be a non-empty string"),
        (_with(applies_to=""), "applies_to must be a non-empty string"),
        ([_good(), _good()], "duplicate SLA rule code"),
        ([_good(), {**_good(), "code": "Y"}], "both apply to stage verification"),
    ],
)
def test_from_json_rejects_bad_data(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SlaRuleBook.from_json(data)


def test_from_json_error_names_the_rule() -> None:
    with pytest.raises(ValueError, match=r"#1 \(X\)"):
        SlaRuleBook.from_json(_with(days=0))


def test_from_json_accepts_optional_fields_missing() -> None:
    book = SlaRuleBook.from_json([_good()])
    assert book.rules[0].applies_to == "*"
    assert book.rules[0].max_extension_days is None


# -- properties --------------------------------------------------------------------------------

_BASE = date(2026, 1, 1)
_days = st.integers(min_value=0, max_value=500).map(lambda i: _BASE + timedelta(days=i))
_holidays = st.frozensets(_days, max_size=60)
_moments = st.integers(min_value=0, max_value=400 * 24 * 60).map(
    lambda minutes: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
)
_rules = st.builds(
    SlaRule,
    code=st.just("R"),
    stage=st.sampled_from(Stage),
    days=st.integers(1, 70),
    unit=st.sampled_from(DayUnit),
    legal_basis=st.just("uji"),
    description=st.just("uji"),
)


@st.composite
def _pauses(draw: st.DrawFn) -> list[Pause]:
    result = []
    for start in draw(st.lists(_moments, max_size=3)):
        length = draw(st.none() | st.integers(0, 30 * 24 * 60))
        end = None if length is None else start + timedelta(minutes=length)
        result.append(Pause(start, end))
    return result


@given(
    holidays=_holidays,
    started_at=_moments,
    rule=_rules.filter(lambda r: r.unit is DayUnit.WORKING),
    pauses=_pauses(),
    extension=st.integers(0, 20),
    now=st.none() | _moments,
)
def test_working_deadlines_never_land_on_a_non_working_day(
    holidays: frozenset[date],
    started_at: datetime,
    rule: SlaRule,
    pauses: list[Pause],
    extension: int,
    now: datetime | None,
) -> None:
    cal = WorkingCalendar(holidays=holidays)
    result = compute_due_at(started_at, rule, cal, JAKARTA, pauses, extension, now)
    local = result.astimezone(JAKARTA)
    assert cal.is_working_day(local.date())
    assert (local.hour, local.minute, local.second, local.microsecond) == (23, 59, 59, 999999)
    assert result > started_at


@given(
    holidays=_holidays,
    started_at=_moments,
    rule=_rules,
    pauses=_pauses(),
    extension=st.integers(0, 20),
    now=st.none() | _moments,
)
def test_pauses_and_extensions_never_make_a_deadline_earlier(
    holidays: frozenset[date],
    started_at: datetime,
    rule: SlaRule,
    pauses: list[Pause],
    extension: int,
    now: datetime | None,
) -> None:
    cal = WorkingCalendar(holidays=holidays)
    plain = compute_due_at(started_at, rule, cal, JAKARTA, now=now)
    assert compute_due_at(started_at, rule, cal, JAKARTA, pauses, now=now) >= plain
    assert compute_due_at(started_at, rule, cal, JAKARTA, extension_days=extension) >= plain
    both = compute_due_at(started_at, rule, cal, JAKARTA, pauses, extension, now)
    assert both >= compute_due_at(started_at, rule, cal, JAKARTA, pauses, 0, now)


@given(
    holidays=_holidays,
    extra=_holidays,
    started_at=_moments,
    rule=_rules,
    pauses=_pauses(),
    extension=st.integers(0, 20),
    now=st.none() | _moments,
)
def test_more_holidays_never_make_a_deadline_earlier(
    holidays: frozenset[date],
    extra: frozenset[date],
    started_at: datetime,
    rule: SlaRule,
    pauses: list[Pause],
    extension: int,
    now: datetime | None,
) -> None:
    fewer = WorkingCalendar(holidays=holidays)
    more = WorkingCalendar(holidays=holidays | extra)
    assert compute_due_at(started_at, rule, more, JAKARTA, pauses, extension, now) >= (
        compute_due_at(started_at, rule, fewer, JAKARTA, pauses, extension, now)
    )


@given(holidays=_holidays, started_at=_moments, now=_moments)
def test_evaluate_state_agrees_with_due_at(
    holidays: frozenset[date], started_at: datetime, now: datetime
) -> None:
    cal = WorkingCalendar(holidays=holidays)
    clock = StageClock(Stage.VERIFICATION, "VERIFY_3HK", started_at)
    deadline = evaluate(clock, BOOK, cal, JAKARTA, (), now)
    if deadline.state is DeadlineState.OVERDUE:
        assert now > deadline.due_at
        assert deadline.remaining_working_days <= 0
    elif deadline.state is DeadlineState.DUE_TODAY:
        assert deadline.remaining_working_days == 0
    else:
        assert deadline.state is DeadlineState.RUNNING
        assert deadline.remaining_working_days >= 0
        assert now <= deadline.due_at
