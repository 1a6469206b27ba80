"""Scenario 7, out of order across devices: an edit made later on the clock but based on an
older version arrives before an earlier one. Arrival order and base versions decide, never
the clocks: the later arrival merges (other field) or records a conflict (same field)."""

from __future__ import annotations

import pytest

from tests.conftest import FakeClock
from tests.scenarios.cases import register, service
from tests.scenarios.fleet import Fleet
from tests.scenarios.invariants import check_invariants


@pytest.mark.parametrize("same_field", [True, False], ids=["same field", "other field"])
def test_an_edit_from_an_old_base_arriving_first_wins_by_arrival_not_by_clock(
    same_field: bool, fleet: Fleet
) -> None:
    early_clock, late_clock = FakeClock(), FakeClock()
    late_clock.advance(hours=3)
    a = fleet.enroll("a", "ani", clock=late_clock)
    c = fleet.enroll("c", "citra", clock=early_clock)
    (case,) = register(a, 1, "Judul awal")
    service(a).note(case.id, "v2")
    service(a).note(case.id, "v3")
    a.sync()
    c.sync()
    base = service(c).find_case(case.id).version
    # Citra edits first on the clock (v3 -> v4 at 09:00); Ani three hours later, from v3.
    service(c).edit(case.id, {"summary": "Ringkasan Citra"})
    service(a).edit(case.id, {"summary" if same_field else "title": "Dari Ani"})
    assert service(a).find_case(case.id).version == base + 1

    first = a.sync()  # Ani's later edit arrives first
    assert first.applied == 1
    second = c.sync()  # Citra's earlier edit arrives second
    if same_field:
        assert second.conflicts == 1
        assert service(c).find_case(case.id).summary == "Dari Ani"  # the server's value
    else:
        assert second.merged == 1
        shown = service(c).find_case(case.id)
        assert (shown.title, shown.summary) == ("Dari Ani", "Ringkasan Citra")
    check_invariants(fleet.server, [a, c])
