"""The current time, injectable: tests and training sessions run the whole app at a fixed moment."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
NOW_ENV = "LAPOR_NOW"


def system_clock() -> datetime:
    return datetime.now(UTC)


def clock_from_env() -> Clock:
    """`LAPOR_NOW=2026-03-02T09:00+07:00` pins the clock (tests, demos, training)."""
    pinned = os.environ.get(NOW_ENV)
    if not pinned:
        return system_clock
    try:
        moment = datetime.fromisoformat(pinned)
    except ValueError:
        raise ValueError(
            f"{NOW_ENV}={pinned!r} is not a date-time; use e.g. 2026-03-02T09:00+07:00"
        ) from None
    if moment.tzinfo is None:
        raise ValueError(f"{NOW_ENV} needs a time zone, e.g. 2026-03-02T09:00+07:00")
    fixed = moment.astimezone(UTC)
    return lambda: fixed
