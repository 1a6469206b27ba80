"""Working-day calendar: Monday–Friday minus national holidays, cuti bersama and local holidays."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = ["Holiday", "HolidayKind", "WorkingCalendar"]

# date.toordinal() is 1 on Monday 0001-01-01, so ordinal arithmetic gives weekdays without
# constructing dates: weekday(ordinal) == (ordinal - 1) % 7.
_WORKDAYS_PER_WEEK = 5
_DAYS_PER_WEEK = 7
_MEMO_LIMIT = 1 << 16


def _weekdays_upto(ordinal: int) -> int:
    """Number of Mon–Fri days with ordinal 1..ordinal (a monotone index of working weekdays)."""
    weeks, rest = divmod(ordinal, _DAYS_PER_WEEK)
    return weeks * _WORKDAYS_PER_WEEK + min(rest, _WORKDAYS_PER_WEEK)


def _ordinal_of_weekday_index(index: int) -> int:
    """Inverse of _weekdays_upto: the ordinal of the index-th weekday (always a Mon–Fri)."""
    weeks, rest = divmod(index, _WORKDAYS_PER_WEEK)
    if rest == 0:
        return weeks * _DAYS_PER_WEEK - 2  # the Friday closing week `weeks`
    return weeks * _DAYS_PER_WEEK + rest


class HolidayKind(StrEnum):
    NATIONAL = "national"
    CUTI_BERSAMA = "cuti_bersama"
    LOCAL = "local"


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str
    kind: HolidayKind


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Which days an office works.

    `holidays` are non-working days besides weekends; `working_overrides` are holidays the office
    declared working anyway (kept apart so the removal stays visible and auditable).
    """

    holidays: frozenset[date] = frozenset()
    working_overrides: frozenset[date] = frozenset()
    names: tuple[Holiday, ...] = ()
    # Sorted ordinals of the holidays that actually remove a Mon–Fri, so counting is a bisect.
    _off_ordinals: tuple[int, ...] = field(
        init=False, repr=False, compare=False, hash=False, default=()
    )
    _name_by_day: dict[date, str] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )
    # add_working_days memo, (start ordinal, n) -> day: bulk paths (demo, sync pages) ask for
    # the same few thousand (day, SLA length) pairs again and again. Pure, since the calendar
    # is frozen; bounded so a long-lived process does not grow it forever.
    _added: dict[tuple[int, int], date] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        off = sorted(
            day.toordinal()
            for day in self.holidays
            if day.weekday() < _WORKDAYS_PER_WEEK and day not in self.working_overrides
        )
        object.__setattr__(self, "_off_ordinals", tuple(off))
        grouped: dict[date, list[str]] = {}
        for holiday in self.names:
            bucket = grouped.setdefault(holiday.day, [])
            if holiday.name not in bucket:
                bucket.append(holiday.name)
        object.__setattr__(
            self, "_name_by_day", {day: "; ".join(parts) for day, parts in grouped.items()}
        )

    @classmethod
    def from_holidays(
        cls, holidays: Iterable[Holiday], removed: Iterable[date] = ()
    ) -> WorkingCalendar:
        listed = sorted(holidays, key=lambda h: (h.day, h.kind.value, h.name))
        return cls(
            holidays=frozenset(h.day for h in listed),
            working_overrides=frozenset(removed),
            names=tuple(listed),
        )

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= _WORKDAYS_PER_WEEK:
            return False
        return day not in self.holidays or day in self.working_overrides

    def _off_between(self, start_ordinal: int, end_ordinal: int) -> int:
        """Holidays removing a weekday in (start, end]."""
        off = self._off_ordinals
        return bisect_right(off, end_ordinal) - bisect_right(off, start_ordinal)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (which is day 0, working or not)."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if n == 0:
            return start
        current = start.toordinal()
        key = (current, n)
        known = self._added.get(key)
        if known is not None:
            return known
        remaining = n
        # Jump n weekdays at once, then take back the holidays crossed on the way; each round
        # only looks at the span just added, so it ends after a few bisects even for large n.
        while remaining:
            target = _ordinal_of_weekday_index(_weekdays_upto(current) + remaining)
            remaining = self._off_between(current, target)
            current = target
        day = date.fromordinal(current)
        if len(self._added) >= _MEMO_LIMIT:
            self._added.clear()
        self._added[key] = day
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end (0 when end <= start)."""
        if end <= start:
            return 0
        start_ordinal = start.toordinal()
        end_ordinal = end.toordinal()
        weekdays = _weekdays_upto(end_ordinal) - _weekdays_upto(start_ordinal)
        return weekdays - self._off_between(start_ordinal, end_ordinal)

    def holiday_name(self, day: date) -> str | None:
        """Name of the holiday that makes `day` non-working; None if it is not one (or unnamed)."""
        if day not in self.holidays or day in self.working_overrides:
            return None
        return self._name_by_day.get(day)
