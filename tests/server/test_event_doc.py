"""An event's stored text is the JSON of `event_to_json`, whichever encoder wrote it.

Change pages splice the stored text into the page as it is, so what `event_doc` writes is what
every office reads: the same values as the codec's, non-ASCII text kept as UTF-8, and the few
values orjson cannot write (an integer beyond 64 bits) still written by the standard library.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from lapor_desktop.domain.case import TimelineEvent
from lapor_desktop.domain.case_codec import event_to_json
from server.push_changes import event_doc


def _event(data: dict[str, object]) -> TimelineEvent:
    return TimelineEvent(
        id="0190a1b2-0000-7000-8000-000000000001",
        case_id="0190a1b2-0000-7000-8000-0000000000aa",
        kind="note",
        at=datetime(2026, 3, 19, 2, 30, tzinfo=UTC),
        actor="Siti Aminah",
        office="DINSOS",
        device_id="0190a1b2-0000-4000-8000-0000000000dd",
        op_id=None,
        summary="Pelapor dihubungi — data sudah lengkap ✓",
        data=data,
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"text": "Jalan berlubang di Desa Kolor", "units": ["Bidang Bina Marga"], "n": 3.5},
        {"nomor": 2**70},  # beyond 64 bits: the standard library's path
    ],
)
def test_the_stored_text_is_the_codecs_json(data: dict[str, object]) -> None:
    text = event_doc(_event(data))
    assert json.loads(text) == event_to_json(_event(data))
    assert "✓" in text and "\\u" not in text  # UTF-8 as it is, never escaped
