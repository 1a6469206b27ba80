"""Default Indonesian holidays (libur nasional and cuti bersama) from the `holidays` package."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import holidays

from lapor_desktop.domain.calendar import Holiday, HolidayKind

__all__ = ["national_holidays"]

# In the package, SKB "libur nasional" is the PUBLIC category and "cuti bersama" is GOVERNMENT.
_PUBLIC = "public"
_GOVERNMENT = "government"
_NAME_SEPARATOR = "; "


def _names_by_day(years: list[int], category: str) -> dict[date, list[str]]:
    # Indonesian names whatever the process locale (the package follows LANG otherwise).
    table: Any = holidays.country_holidays("ID", years=years, categories=(category,), language="id")
    result: dict[date, list[str]] = {}
    for day in table:
        if not isinstance(day, date):
            continue
        result[day] = [str(name) for name in table.get_list(day)]
    return result


def national_holidays(years: Iterable[int]) -> list[Holiday]:
    """Libur nasional (NATIONAL) and cuti bersama (CUTI_BERSAMA) of `years`, one per day, sorted.

    A day that is both keeps NATIONAL; a day with several holidays gets their names joined.
    """
    wanted = sorted(set(years))
    if not wanted:
        return []
    public = _names_by_day(wanted, _PUBLIC)
    government = _names_by_day(wanted, _GOVERNMENT)
    result: list[Holiday] = []
    for day in sorted(public.keys() | government.keys()):
        names: list[str] = []
        for name in (*public.get(day, ()), *government.get(day, ())):
            if name not in names:
                names.append(name)
        kind = HolidayKind.NATIONAL if day in public else HolidayKind.CUTI_BERSAMA
        result.append(Holiday(day=day, name=_NAME_SEPARATOR.join(names), kind=kind))
    return result
