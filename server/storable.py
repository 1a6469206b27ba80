"""Values a database cannot store: NUL in text (PostgreSQL), lone surrogates (not UTF-8),
numbers that are not finite (not JSON).

Such content in an otherwise well-formed op is that op's rejection, never the whole push's:
a device's ops must arrive without gaps, so a refused push would wedge its queue for good.
"""

from __future__ import annotations

import math
from typing import Any

# The widest integer column there is (SQLite's INTEGER, PostgreSQL's BIGINT): a version or a
# sequence number beyond it is no number a client can hold, nor one the server could store.
INT64_MAX = 2**63 - 1


def unstorable(value: Any) -> str | None:
    """Why `value` (parsed JSON) cannot be stored, or None when it can."""
    stack = [value]  # iterative: a deeply nested body must not exhaust the interpreter's stack
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            reason = _text(item)
            if reason is not None:
                return reason
        elif isinstance(item, float):
            if not math.isfinite(item):
                return "a number is not finite"
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return None


def _text(text: str) -> str | None:
    if "\x00" in text:
        return "text contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text contains a lone UTF-16 surrogate"
    return None
