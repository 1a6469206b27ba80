"""Dates the Indonesian way, as offices write them: "5 April 2026", "5 April 2026, 14.30 WIB"."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def indonesian_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def indonesian_date(moment: datetime, tz: tzinfo) -> str:
    return indonesian_day(moment.astimezone(tz).date())


def indonesian_datetime(moment: datetime, tz: tzinfo) -> str:
    local = moment.astimezone(tz)
    zone = ZONE_NAMES.get(str(tz), local.strftime("%Z"))
    return f"{indonesian_day(local.date())}, {local:%H.%M} {zone}"
