"""Work queues: counts and lists for cases made at chosen moments on the 2026 working calendar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.summary import Queue
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace

WIB = ZoneInfo("Asia/Jakarta")


def _at(day: int, hour: int = 10, month: int = 2) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=WIB)


def _new(title: str) -> NewCase:
    return NewCase(
        title=title, text=f"Isi pengaduan: {title}", channel="walk_in", category="Bantuan Sosial"
    )


@pytest.fixture
def cases(workspace: Workspace, fake_clock) -> dict[str, str]:
    """Each case made at its own moment; the clock ends on Monday 2 March 2026, 09:00 WIB.

    Verification is due 3 working days after receipt (day 0), first follow-up 5 after the
    disposition, resolution (ringan) 5 after receipt; 16–17 Feb are holidays (Imlek).
    """
    service = CaseService(workspace)
    made: dict[str, str] = {}

    def register(name: str, moment: datetime) -> str:
        fake_clock.set(moment)
        made[name] = service.register(_new(name)).id
        return made[name]

    # Wed 18 Feb: verified the same day; follow-up and resolution due Wed 25 Feb: late by now.
    register("disposed_late", _at(18))
    service.dispose(made["disposed_late"], DispositionInput(to_unit="Bidang Linjamsos"))
    # Mon 23 Feb: verification due Thu 26 Feb, so overdue on 2 March.
    register("unverified_late", _at(23))
    # Mon 23 Feb, then put on hold: the clock is paused, so it is not overdue.
    register("waiting_for_info", _at(23, 11))
    service.needs_info(made["waiting_for_info"], "Mohon lampirkan KTP dan KK")
    # Wed 25 Feb: verification due Mon 2 March 23:59: due today.
    register("due_today", _at(25))
    # Mon 2 March 08:00: due Thu 5 March.
    register("fresh", _at(2, 8, month=3))
    register("disposed", _at(2, 8, month=3))
    service.dispose(made["disposed"], DispositionInput(to_unit="Bidang Rehabilitasi Sosial"))
    register("answered", _at(2, 8, month=3))
    service.dispose(made["answered"], DispositionInput(to_person="Kasi Jaminan Sosial"))
    service.follow_up(made["answered"], "Sudah dikunjungi")
    service.answer(made["answered"], "Bantuan sudah cair")
    register("sent_to_dinpu", _at(2, 8, month=3))
    service.dispose(made["sent_to_dinpu"], DispositionInput(to_office="DINPU"))
    register("forwarded", _at(2, 8, month=3))
    service.forward(made["forwarded"], "BPJS Kesehatan", "Bukan kewenangan dinas")
    register("archived", _at(2, 8, month=3))
    service.archive(made["archived"], "Bukan pengaduan (iklan)")
    fake_clock.set(_at(2, 9, month=3))
    return made


EXPECTED_MONDAY = {
    Queue.NEEDS_VERIFICATION: {"unverified_late", "due_today", "fresh"},
    Queue.DUE_TODAY: {"due_today"},
    Queue.OVERDUE: {"disposed_late", "unverified_late"},
    Queue.DISPOSED_TO_US: {"disposed_late", "disposed"},
    Queue.AWAITING_REPORTER: {"answered"},
    Queue.NEEDS_INFO: {"waiting_for_info"},
    Queue.MONITORED: {"sent_to_dinpu", "forwarded"},
    Queue.CONFLICTS: set(),
    Queue.ALL: {
        "disposed_late",
        "unverified_late",
        "waiting_for_info",
        "due_today",
        "fresh",
        "disposed",
        "answered",
        "sent_to_dinpu",
        "forwarded",
        "archived",
    },
}


def _members(queries: QueryService, queue: Queue, names: dict[str, str]) -> set[str]:
    by_id = {case_id: name for name, case_id in names.items()}
    return {by_id[row.id] for row in queries.cases(CaseQuery(queue=queue))}


def test_each_queue_counts_and_lists_exactly_its_cases(
    workspace: Workspace, cases: dict[str, str]
) -> None:
    queries = QueryService(workspace)
    counts = queries.queue_counts()
    assert counts == {queue: len(names) for queue, names in EXPECTED_MONDAY.items()}
    for queue, names in EXPECTED_MONDAY.items():
        assert _members(queries, queue, cases) == names, queue


def test_queues_follow_the_clock(workspace: Workspace, cases: dict[str, str], fake_clock) -> None:
    queries = QueryService(workspace)
    fake_clock.set(_at(2, 23, month=3))  # still Monday, late evening WIB
    assert queries.queue_counts()[Queue.DUE_TODAY] == 1
    fake_clock.set(_at(3, 0, month=3))  # midnight: yesterday's deadline has passed
    counts = queries.queue_counts()
    assert counts[Queue.DUE_TODAY] == 0
    assert _members(queries, Queue.OVERDUE, cases) == {
        "disposed_late",
        "unverified_late",
        "due_today",
    }
    fake_clock.set(_at(5, 9, month=3))  # Thursday: the fresh case is due today
    assert _members(queries, Queue.DUE_TODAY, cases) == {"fresh"}
    assert _members(queries, Queue.OVERDUE, cases) == {
        "disposed_late",
        "unverified_late",
        "due_today",
    }
    fake_clock.set(_at(9, 9, month=3))  # Monday 9 March: follow-up of `disposed` due today
    assert _members(queries, Queue.DUE_TODAY, cases) == {"disposed"}


def test_acting_on_a_case_moves_it_between_queues(
    workspace: Workspace, cases: dict[str, str]
) -> None:
    service, queries = CaseService(workspace), QueryService(workspace)
    service.dispose(cases["unverified_late"], DispositionInput(to_unit="Bidang Linjamsos"))
    service.info_received(cases["waiting_for_info"], "KTP sudah diterima")
    service.follow_up(cases["disposed_late"], "Sudah ditinjau")
    assert _members(queries, Queue.NEEDS_VERIFICATION, cases) == {
        "due_today",
        "fresh",
        "waiting_for_info",
    }
    assert _members(queries, Queue.DISPOSED_TO_US, cases) == {"disposed", "unverified_late"}
    assert _members(queries, Queue.NEEDS_INFO, cases) == set()
    # The late follow-up still leaves its resolution (due 25 Feb) overdue; the old unverified
    # case's verification is done, its resolution (due 2 March 23:59) is now what is due; the
    # paused week (23–27 Feb) moved the other one's verification from 26 Feb to 5 March.
    assert _members(queries, Queue.OVERDUE, cases) == {"disposed_late"}
    assert _members(queries, Queue.DUE_TODAY, cases) == {"due_today", "unverified_late"}
    rows = {row.id: row for row in queries.cases(CaseQuery())}
    assert rows[cases["disposed_late"]].status is CaseStatus.IN_PROGRESS
    resumed = rows[cases["waiting_for_info"]]
    assert (resumed.status, resumed.next_due_stage) == (CaseStatus.RECEIVED, "verification")
    assert resumed.next_due_at == _at(5, 23, month=3).replace(
        minute=59, second=59, microsecond=999999
    )


def test_lists_are_newest_first_and_can_be_limited(
    workspace: Workspace, cases: dict[str, str]
) -> None:
    rows = QueryService(workspace).cases(CaseQuery(limit=3))
    assert len(rows) == 3
    everything = QueryService(workspace).cases(CaseQuery())
    received = [r.received_at for r in everything]
    assert received == sorted(received, reverse=True)
    assert everything[-1].id == cases["disposed_late"]
