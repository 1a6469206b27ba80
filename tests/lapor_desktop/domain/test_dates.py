"""Indonesian date and time formats as offices write them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from lapor_desktop.domain.dates import indonesian_date, indonesian_datetime, indonesian_day


def test_a_day_is_written_with_the_indonesian_month_name() -> None:
    assert indonesian_day(date(2026, 4, 5)) == "5 April 2026"
    assert indonesian_day(date(2026, 8, 17)) == "17 Agustus 2026"


def test_a_time_uses_a_dot_and_the_office_zone() -> None:
    moment = datetime(2026, 4, 5, 7, 30, tzinfo=UTC)
    assert indonesian_datetime(moment, ZoneInfo("Asia/Jakarta")) == "5 April 2026, 14.30 WIB"
    assert indonesian_datetime(moment, ZoneInfo("Asia/Makassar")) == "5 April 2026, 15.30 WITA"
    assert indonesian_datetime(moment, ZoneInfo("Asia/Jayapura")) == "5 April 2026, 16.30 WIT"


def test_the_date_is_the_office_local_date() -> None:
    late_utc = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)  # already 1 January in WIB
    assert indonesian_date(late_utc, ZoneInfo("Asia/Jakarta")) == "1 Januari 2027"
