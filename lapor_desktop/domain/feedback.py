"""The reporter's satisfaction (kepuasan pelapor, DOMAIN.md §2.4, §8.1 item 11, §8.7 item 5).

Regional complaint apps ask the reporter, once the final answer was given, for a 1–5 rating and
"beres / belum beres" (puas / tidak puas). It is recorded as a timeline note of kind `feedback`
(`event.append`), so it merges like every note: append-only, never a conflict, and the case
document does not change. A reporter may change their mind (asked again after a reopen and a
new answer): the latest feedback recorded is the one that counts.

The event's `data` is exactly `{"rating": int, "satisfied": bool, "text": str}`; `feedback_of`
is the one reading of it, strict, for an op, a stored event and a server's event alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lapor_desktop.domain.case import TimelineEvent
from lapor_desktop.domain.errors import ValidationError

FEEDBACK_KIND = "feedback"
RATING_MIN, RATING_MAX = 1, 5
# The words of the regional apps (LaporAA's "Sudah Jawab Beres / Belum Beres").
SATISFIED_LABEL = "puas (beres)"
NOT_SATISFIED_LABEL = "tidak puas (belum beres)"


@dataclass(frozen=True, slots=True)
class Feedback:
    rating: int  # RATING_MIN..RATING_MAX
    satisfied: bool  # puas / beres
    text: str = ""  # the reporter's words, optional


def feedback_of(data: Mapping[str, Any]) -> Feedback:
    """The feedback `data` holds, or ValidationError naming the field that is wrong."""
    rating = data.get("rating")
    # `type(...) is int`: True is an int to isinstance, and 4.0 or "4" came from a broken client.
    if type(rating) is not int:
        shown = "missing" if rating is None else f"{rating!r:.20}"
        raise ValidationError(
            "rating", f"must be a whole number from {RATING_MIN} to {RATING_MAX} ({shown})"
        )
    if not RATING_MIN <= rating <= RATING_MAX:
        shown = str(rating) if -(10**20) < rating < 10**20 else "a huge number"
        raise ValidationError("rating", f"must be from {RATING_MIN} to {RATING_MAX}, not {shown}")
    satisfied = data.get("satisfied")
    if type(satisfied) is not bool:
        shown = "missing" if satisfied is None else f"{satisfied!r:.20}"
        raise ValidationError(
            "satisfied", f"must be true (puas, beres) or false (tidak puas) ({shown})"
        )
    text = data.get("text")
    if text is None:
        text = ""
    elif not isinstance(text, str):
        raise ValidationError("text", f"must be text ({text!r:.20})")
    return Feedback(rating, satisfied, text.strip())


def feedback_data(feedback: Feedback) -> dict[str, Any]:
    return {"rating": feedback.rating, "satisfied": feedback.satisfied, "text": feedback.text}


def feedback_summary(feedback: Feedback) -> str:
    """The timeline's line: "Kepuasan pelapor: 4/5, puas (beres) — Jalan sudah diperbaiki"."""
    verdict = SATISFIED_LABEL if feedback.satisfied else NOT_SATISFIED_LABEL
    summary = f"Kepuasan pelapor: {feedback.rating}/{RATING_MAX}, {verdict}"
    return f"{summary} — {feedback.text}" if feedback.text else summary


def latest_feedback(events: Iterable[TimelineEvent]) -> Feedback | None:
    """The feedback that counts among a case's timeline events (see latest_feedback_of)."""
    return latest_feedback_of((e.at, e.id, e.data) for e in events if e.kind == FEEDBACK_KIND)


def latest_feedback_of(entries: Iterable[tuple[datetime, str, object]]) -> Feedback | None:
    """The latest by time, then id (as the timeline orders), of a case's feedback entries
    (at, event id, data); a malformed one (never written by this code) is skipped. The
    recap reads the entries straight from the store, without whole events."""
    found: Feedback | None = None
    newest: tuple[datetime, str] | None = None
    for at, event_id, data in entries:
        if not isinstance(data, Mapping):
            continue
        try:
            feedback = feedback_of(data)
        except ValidationError:
            continue
        key = (at, event_id)
        if newest is None or key >= newest:
            found, newest = feedback, key
    return found


__all__ = [
    "FEEDBACK_KIND",
    "NOT_SATISFIED_LABEL",
    "RATING_MAX",
    "RATING_MIN",
    "SATISFIED_LABEL",
    "Feedback",
    "feedback_data",
    "feedback_of",
    "feedback_summary",
    "latest_feedback",
    "latest_feedback_of",
]
