"""What a case document from the server must hold before this PC writes it.

`case_from_json` builds a `Case` from whatever JSON it is given without checking the types of
the values: a title that is a number, an attachment size beyond 64 bits or a clock started in
the year 9999 come out as a Case, and only fail later, in SQLite (a constraint of the search
index, an integer it cannot bind), in the deadline arithmetic (a date out of range) or in the
UI. `problem` walks the Case against its own type hints, once, before anything is written.
`event_problem` does the same for the timeline events whose data is counted, not only shown.
"""

from __future__ import annotations

import dataclasses
import math
import operator
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

import orjson

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.feedback import FEEDBACK_KIND, feedback_of

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# Far around any real case, and far inside what `date` and the deadline arithmetic can hold
# (a clock started near the year 9999 overflows when its due day is computed).
FIRST_YEAR, LAST_YEAR = 1900, 2199
# Days an extension may add (the legal maximum is weeks): bounds the due-day arithmetic.
MAX_EXTENSION_DAYS = 3660
# Counts that are never negative: a negative one is a broken document, not a value to show.
NOT_NEGATIVE = {
    ("Case", "version"),
    ("Case", "reopen_count"),
    ("AttachmentRef", "size"),
    ("Extension", "days"),
}

Check = Callable[[object], str | None]


def event_problem(kind: object, data: object) -> str | None:
    """What in a timeline event's `data` is not what its kind holds (None: nothing).

    Most kinds' data is only shown (the summary says it), so any JSON the store can hold will
    do; the reporter's feedback is counted by the recap, so it is read as the domain reads it.
    """
    if kind != FEEDBACK_KIND:
        return None
    if not isinstance(data, dict):
        return f"a feedback's data {data!r:.40} is not an object"
    try:
        feedback_of(data)
    except ValidationError as error:
        return f"feedback {error}"
    return None


def problem(case: Case) -> str | None:
    """What in `case` is not what its type says (None: nothing), e.g. `title: 5 is not str`."""
    return _dataclass_check(Case)(case)


@cache
def _dataclass_check(cls: type) -> Check:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    # Per field: the types taken as they are (a str, a code, None where allowed), and the
    # check of anything else. This runs for every case of a pull page: the common values
    # (text, an empty list, a date-time of these centuries) pass without a call, ~20 µs a
    # plain case, a third of what case_from_json costs it.
    plan = [
        (
            name,
            _plain(hints[name]),
            _shortcuts(hints[name]),
            _check(hints[name], (cls.__name__, name)),
        )
        for name in names
    ]
    values = operator.attrgetter(*names)

    def check(value: object) -> str | None:
        for (name, plain, shortcuts, inner), field_value in zip(plan, values(value), strict=True):
            kind = type(field_value)
            if kind in plain:
                continue
            if kind is tuple and not field_value and tuple in shortcuts:
                continue
            if (
                kind is datetime
                and datetime in shortcuts
                and FIRST_YEAR <= field_value.year <= LAST_YEAR
            ):
                continue
            found = inner(field_value)
            if found is not None:
                return f"{name}{'' if found.startswith(('.', '[')) else ': '}{found}"
        return None

    return check


def _plain(hint: Any) -> frozenset[type]:
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        return frozenset().union(*(_plain(arg) for arg in typing.get_args(hint)))
    if hint in (str, bool, type(None)) or (isinstance(hint, type) and issubclass(hint, Enum)):
        return frozenset({hint})
    return frozenset()


def _shortcuts(hint: Any) -> frozenset[type]:
    """The kinds `check` passes without a call when they are in their usual range: an empty
    list where a list is wanted, a date-time of these centuries where one is."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        return frozenset().union(*(_shortcuts(arg) for arg in typing.get_args(hint)))
    if typing.get_origin(hint) is tuple:
        return frozenset({tuple})
    return frozenset({datetime}) if hint is datetime else frozenset()


def _check(hint: Any, where: tuple[str, str]) -> Check:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [_check(arg, where) for arg in typing.get_args(hint)]

        def union(value: object) -> str | None:
            found = [option(value) for option in options]
            return None if None in found else found[0]  # what the value was meant to be

        return union
    if origin is tuple:
        item = _check(typing.get_args(hint)[0], where)
        plain = _plain(typing.get_args(hint)[0])

        def sequence(value: object) -> str | None:
            if not isinstance(value, tuple):
                return f"{value!r:.40} is not a list"
            for index, element in enumerate(value):
                if type(element) in plain:
                    continue
                found = item(element)
                if found is not None:
                    return f"[{index}]{'' if found.startswith(('.', '[')) else ': '}{found}"
            return None

        return sequence
    if hint is type(None):
        return lambda value: None if value is None else f"{value!r:.40} is not null"
    if hint is object:
        return _encodable
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        inner = _dataclass_check(hint)

        def nested(value: object) -> str | None:
            if not isinstance(value, hint):
                return f"{value!r:.40} is not an object"
            found = inner(value)
            return None if found is None else f".{found}"

        return nested
    if hint is bool:
        return lambda value: None if isinstance(value, bool) else f"{value!r:.40} is not a boolean"
    if hint is int:
        return _integer(0 if where in NOT_NEGATIVE else INT64_MIN, _int_max(where))
    if hint is float:
        return _number
    if hint is str:
        return lambda value: None if isinstance(value, str) else f"{value!r:.40} is not text"
    if hint is datetime or hint is date:
        return _moment
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value: None if isinstance(value, hint) else f"{value!r:.40} is not a code"
    raise TypeError(f"no check for {hint!r} ({where})")  # a new kind of field: add its check


def _int_max(where: tuple[str, str]) -> int:
    return MAX_EXTENSION_DAYS if where == ("Extension", "days") else INT64_MAX


def _integer(low: int, high: int) -> Check:
    def integer(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{value!r:.40} is not a whole number"
        if not low <= value <= high:
            return f"{_shown(value)} is not between {low} and {high}"
        return None

    return integer


def _number(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{value!r:.40} is not a number"
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        return f"{_shown(value)} is beyond 64 bits"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a finite number"
    return None


def _shown(value: int) -> str:
    # str() of an int of more than 4,300 digits raises ValueError (CPython's limit).
    return str(value) if -(10**40) < value < 10**40 else "a number of more than 40 digits"


def _moment(value: object) -> str | None:
    if not isinstance(value, date):
        return f"{value!r:.40} is not a date"
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        return f"{value.isoformat()} is not between {FIRST_YEAR} and {LAST_YEAR}"
    return None


def _encodable(value: object) -> str | None:
    # Any JSON value (a conflict's sides): only what the stored document cannot hold.
    try:
        orjson.dumps(value)
    except TypeError as error:
        return str(error)
    return None
