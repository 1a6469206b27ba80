"""The bulk writer's row tuples hold exactly what the repositories' row dicts hold."""

from __future__ import annotations

import random
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from lapor_desktop.domain.case import Case, Reporter, TimelineEvent
from lapor_desktop.domain.ops import iso
from lapor_desktop.storage.bulk import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    FTS_COLUMNS,
    _iso,
    case_tuple,
    event_row,
    event_tuple,
    fts_tuple,
)
from lapor_desktop.storage.cases import DueInfo, case_row_values
from lapor_desktop.storage.search import fts_row
from lapor_desktop.storage.timeline import event_values
from tests.conftest import WIB
from tests.lapor_desktop.storage.test_bulk_document import rich_case


def _event(at: datetime, data: dict[str, object]) -> TimelineEvent:
    return TimelineEvent(
        id="0190f0a0-0000-8000-8000-000000000009",
        case_id="0190f0a0-0000-7000-8000-000000000001",
        kind="status",
        at=at,
        actor="operator",
        office="DINSOS",
        device_id="dev-1",
        op_id="op-1",
        summary="Status: Diterima → Didisposisikan — “segera”",
        data=data,
    )


@pytest.mark.parametrize(
    "event",
    [
        _event(datetime(2026, 3, 2, 2, 0, 0, 123456, tzinfo=UTC), {}),
        # Another zone: stored in UTC like the repository stores it.
        _event(
            datetime(2026, 3, 2, 9, 0, tzinfo=WIB),
            {"from": "RECEIVED", "reason": "Tidak lengkap — “KTP”", "n": [1, 2.5, None]},
        ),
    ],
    ids=["utc-empty", "wib-nested"],
)
def test_an_event_tuple_is_the_repositorys_row(event: TimelineEvent) -> None:
    values = event_values(event)
    assert set(values) == set(EVENT_COLUMNS)
    assert event_tuple(event) == tuple(values[c] for c in EVENT_COLUMNS)


@pytest.mark.parametrize(
    "event",
    [
        _event(datetime(2026, 3, 2, 2, 0, 0, 123456, tzinfo=UTC), {}),
        _event(
            datetime(2026, 3, 2, 9, 0, tzinfo=WIB),
            {"from": "RECEIVED", "reason": "Tidak lengkap — “KTP”", "n": [1, 2.5, None]},
        ),
        replace(_event(datetime(2026, 3, 2, 2, 0, tzinfo=UTC), {}), op_id=None),
        replace(_event(datetime(2026, 3, 2, 2, 0, tzinfo=UTC), {"a": 1}), op_id=None),
    ],
    ids=["utc-empty", "wib-nested", "no-op-no-data", "no-op"],
)
def test_an_event_row_of_a_mapping_is_the_events_tuple(event: TimelineEvent) -> None:
    """The pull writes events from the page's dicts (`event_row`), the rest from the
    domain's objects (`event_tuple`): the same event must make the same row."""
    fields = {f.name: getattr(event, f.name) for f in dataclass_fields(event)}
    assert event_row(fields, event.at) == event_tuple(event)
    # The protocol lets a server leave out a null op_id and empty data.
    if event.op_id is None:
        del fields["op_id"]
    if not event.data:
        del fields["data"]
    assert event_row(fields, event.at) == event_tuple(event)


def _variants() -> list[Case]:
    """The rich case and the ways its reporter, numbers and times can differ: case_tuple and
    fts_tuple write these parts themselves instead of reading the repositories' dicts."""
    case = rich_case()
    reporter = case.reporter
    assert reporter is not None
    return [
        case,
        case.evolve(confidential=False),
        case.evolve(reporter=None),
        case.evolve(anonymous=True),  # a reporter that must not show (never made so, but)
        case.evolve(reporter=Reporter(name=None, phone="+62 812-3456-7890")),
        case.evolve(register_aliases=(), lapor_tracking_id=None, conflicts=()),
        case.evolve(register_aliases=("DINSOS/2026/S-1", "DINSOS/2026/S2-4")),
        case.evolve(received_at=case.received_at.astimezone(WIB)),
        case.evolve(updated_at=case.updated_at.astimezone(WIB)),
    ]


_DUES = [
    DueInfo(datetime(2026, 3, 9, 16, 59, 59, 999999, tzinfo=UTC), "resolution", False),
    DueInfo(datetime(2026, 3, 9, 23, 59, 59, 999999, tzinfo=WIB), "verification", True),
    DueInfo(None, None, True),
]


@pytest.mark.parametrize("due", _DUES, ids=["utc", "wib", "none"])
def test_a_case_tuple_is_the_repositorys_row(due: DueInfo) -> None:
    for case in _variants():
        values = case_row_values(case, due)
        values.update(row_id=42, server_version=0, scope_left_at=None)
        assert case_tuple(42, case, due) == tuple(values[c] for c in CASE_COLUMNS)
        assert all(type(v) in (str, int, type(None)) for v in case_tuple(42, case, due))


def test_an_fts_tuple_is_the_search_row() -> None:
    for case in _variants():
        values = fts_row(case)
        assert fts_tuple(7, case) == (7, *(values[c] for c in FTS_COLUMNS))


def test_bulk_iso_text_is_ops_iso() -> None:
    rng = random.Random(5)
    start = datetime(1, 1, 1, tzinfo=UTC)
    for _ in range(20_000):
        moment = start + timedelta(microseconds=rng.randrange(315_537_897_600_000_000))
        if rng.random() < 0.5:
            moment = moment.replace(microsecond=0)  # isoformat leaves the fraction out
        assert _iso(moment) == iso(moment)
        if moment.year > 1:
            assert _iso(moment.astimezone(WIB)) == iso(moment)
