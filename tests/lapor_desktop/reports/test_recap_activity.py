"""Keaktifan operator (DOMAIN.md §8.7.8): who recorded what on which local day, hand-counted.

The desktop has no log-in of its own, so an operator is active on a day when the timeline holds
an entry of theirs with that local date (see reports.model.OperatorActivity).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime

from lapor_desktop.reports.model import Count, OperatorActivity, Period, Recap
from lapor_desktop.reports.recap import OfficeInfo, compute_recap
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.reports import ReportService
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock

DINSOS = OfficeInfo("DINSOS", "Dinas Sosial", "Kabupaten Sumenep")


def _wib(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


# (office, actor, at): March 2026 in WIB, with the edges of the month in both zones.
ENTRIES = [
    ("DINSOS", "ani", _wib(2, 28, 23, 30)),  # February here, whatever UTC says
    ("DINSOS", "ani", _wib(3, 1, 3)),  # 28 Feb 20:00 UTC, but 1 March here: counts
    ("DINSOS", "ani", _wib(3, 1, 9)),
    ("DINSOS", "ani", _wib(3, 2, 9)),
    ("DINSOS", "budi", _wib(3, 2, 10)),
    ("DINSOS", "ani", _wib(3, 31, 23, 59)),
    ("DINSOS", "budi", _wib(4, 1, 0, 30)),  # 31 March 17:30 UTC, but April here: not counted
    ("DPUPR", "eko", _wib(3, 10, 8)),
    ("DPUPR", "eko", _wib(3, 10, 9)),
    ("DINKES", "sari", _wib(4, 2, 9)),  # active, but not in March
]


def _recap(whole_pemda: bool) -> Recap:
    return compute_recap(
        [],
        period=Period(2026, 3),
        office=DINSOS,
        as_of=datetime(2026, 4, 5, 2, tzinfo=UTC),
        tz=WIB,
        calendar=None,  # type: ignore[arg-type]  # no case: no clock is judged
        rulebook=None,  # type: ignore[arg-type]
        categories=None,  # type: ignore[arg-type]
        office_names={"DINSOS": "Dinas Sosial", "DPUPR": "Dinas PUPR", "DINKES": "Dinkes"},
        whole_pemda=whole_pemda,
        activity=reversed(ENTRIES),  # any order
    )


def test_an_office_recap_counts_its_own_operators_by_local_day() -> None:
    recap = _recap(False)
    assert recap.operator_activity == (
        OperatorActivity("DINSOS", "ani", 4, 3, date(2026, 3, 31)),
        OperatorActivity("DINSOS", "budi", 1, 1, date(2026, 3, 2)),
    )
    assert recap.active_office_percent is None


def test_a_pemda_recap_counts_every_office_and_the_share_of_active_opds() -> None:
    recap = _recap(True)
    assert recap.operator_activity == (
        OperatorActivity("DINSOS", "ani", 4, 3, date(2026, 3, 31)),
        OperatorActivity("DINSOS", "budi", 1, 1, date(2026, 3, 2)),
        OperatorActivity("DPUPR", "eko", 2, 1, date(2026, 3, 10)),
    )
    assert recap.by_holder_office == (
        Count("DINKES", 0),
        Count("DINSOS", 0),
        Count("DPUPR", 0),
    )
    assert recap.active_offices == 2
    assert recap.active_office_percent == 200 / 3


NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="whatsapp",
    category="Bantuan Sosial",
)


def test_the_service_reads_the_timeline_of_the_period_in_the_offices_zone(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    cases = CaseService(workspace)
    fake_clock.set(_wib(2, 28, 23, 30))
    first = cases.register(NEW)  # February
    fake_clock.set(_wib(3, 1, 3))  # still February in UTC
    cases.note(first.register_no, "Pelapor dihubungi")
    fake_clock.set(_wib(3, 16, 10))
    second = cases.register(NEW)
    fake_clock.set(_wib(3, 31, 23, 30))
    cases.note(second.register_no, "Menunggu jawaban bidang")
    fake_clock.set(_wib(4, 1, 0, 30))  # still March in UTC
    cases.note(second.register_no, "Jawaban bidang diterima")
    with closing(sqlite3.connect(workspace.paths.database)) as con:
        per_op = con.execute("SELECT op_id, count(*) FROM case_event GROUP BY op_id").fetchall()
    # Each of the five actions wrote one timeline entry.
    assert sorted(n for _, n in per_op) == [1] * 5

    fake_clock.set(_wib(4, 5, 9))
    recap = ReportService(workspace).recap(Period(2026, 3))
    # The 1 March note, the 16 March intake, the 31 March note: three days, three entries.
    assert recap.operator_activity == (OperatorActivity("DINSOS", "ani", 3, 3, date(2026, 3, 31)),)
    february = ReportService(workspace).recap(Period(2026, 2))
    assert february.operator_activity == (
        OperatorActivity("DINSOS", "ani", 1, 1, date(2026, 2, 28)),
    )
    april = ReportService(workspace).recap(Period(2026, 4))
    assert april.operator_activity == (OperatorActivity("DINSOS", "ani", 1, 1, date(2026, 4, 1)),)
