"""The recap of a hand-counted March 2026 (recap_scenario's table), through the real services."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lapor_desktop.domain.case import Case
from lapor_desktop.progress import Cancelled, CancelToken, Progress
from lapor_desktop.reports.model import Count, Period, Recap
from lapor_desktop.reports.recap import OfficeInfo, compute_recap
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.reports import ReportService
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock
from tests.lapor_desktop.reports.recap_scenario import (
    AS_OF,
    CONFIDENTIAL_TITLE,
    POPULATION,
    SOCIAL_AID,
    TRANSPORT,
    Scenario,
    build,
)


@pytest.fixture
def scenario(workspace: Workspace, fake_clock: FakeClock) -> Scenario:
    return build(workspace, fake_clock)


def counts(rows: tuple[Count, ...]) -> list[tuple[str, int]]:
    return [(row.code, row.count) for row in rows]


def stage(recap: Recap, name: str) -> tuple[object, ...]:
    (row,) = (t for t in recap.timeliness if t.stage == name)
    return (
        row.completed,
        row.met,
        row.missed,
        row.open_running,
        row.open_overdue,
        row.median_working_days,
        row.p90_working_days,
    )


def test_march_counts_buckets_and_breakdowns(workspace: Workspace, scenario: Scenario) -> None:
    recap = ReportService(workspace).recap(Period(2026, 3))

    assert recap.received == 7  # G (28 Feb) and I (6 Apr) are another month's
    assert recap.as_of == AS_OF
    assert counts(recap.by_bucket) == [
        ("belum_diproses", 1),  # F
        ("ditunda", 1),  # D
        ("didisposisikan", 1),  # A
        ("proses", 1),  # H
        ("selesai", 1),  # B
        ("diteruskan", 1),  # C
        ("diarsipkan", 1),  # E
    ]
    assert counts(recap.by_status) == [
        ("RECEIVED", 1),
        ("NEEDS_INFO", 1),
        ("DISPOSED", 1),
        ("FORWARDED", 1),
        ("IN_PROGRESS", 1),
        ("RESOLVED", 1),
        ("ARCHIVED", 1),
    ]
    (month,) = recap.by_month
    assert month.month == 3 and month.total == 7
    assert counts(month.by_kind) == [
        ("pengaduan", 4),
        ("aspirasi", 1),
        ("permintaan_informasi", 1),
        ("wbs", 1),
    ]
    assert counts(recap.by_category) == [
        ("INFRASTRUKTUR", 3),
        ("SOSIAL_DAN_KESEJAHTERAAN", 3),
        ("KEPENDUDUKAN", 1),
    ]
    assert counts(recap.by_subcategory) == [(TRANSPORT, 3), (SOCIAL_AID, 3), (POPULATION, 1)]
    assert recap.top_topics == recap.by_subcategory
    assert counts(recap.by_channel) == [
        (c, 1) for c in ("email", "lapor", "letter", "phone", "sms", "walk_in", "whatsapp")
    ]
    assert counts(recap.by_kind)[0] == ("pengaduan", 4)
    assert counts(recap.by_severity) == [("ringan", 7)]
    assert counts(recap.by_kecamatan) == [("", 3), ("Kalianget", 2), ("Kota Sumenep", 2)]
    assert recap.category_name(TRANSPORT) == "Infrastruktur › Transportasi"
    assert recap.category_name("KEPENDUDUKAN") == "Kependudukan"


def test_march_percentages_and_fasilitasi(workspace: Workspace, scenario: Scenario) -> None:
    recap = ReportService(workspace).recap(Period(2026, 3))

    assert (recap.followed_up, recap.resolved, recap.archived, recap.reopened) == (2, 1, 1, 0)
    assert recap.followed_up_percent == pytest.approx(100 * 2 / 7)  # B and H
    assert recap.resolved_percent == pytest.approx(100 / 7)
    assert recap.resolved_percent_excluding_archived == pytest.approx(100 / 6)
    # Every channel but B's LAPOR! is offline; of those only D was entered into LAPOR!.
    assert (recap.offline_received, recap.offline_with_tracking_id) == (6, 1)
    assert recap.offline_registered_percent == pytest.approx(100 / 6)
    assert counts(recap.forwarded_to) == [("Polres Sumenep", 1)]
    # A went to DPUPR; B's and H's hops stayed inside the office (a unit).
    assert counts(recap.disposed_to) == [("DPUPR", 1)]
    # Who holds our March cases now: A moved to DPUPR, the rest stayed here.
    assert counts(recap.by_holder_office) == [("DINSOS", 6), ("DPUPR", 1)]
    assert recap.scope == "office" and not recap.whole_pemda


def test_march_timeliness_by_hand(workspace: Workspace, scenario: Scenario) -> None:
    recap = ReportService(workspace).recap(Period(2026, 3))

    # Completed: A missed (4 days: the holidays 18–24 March do not count, 27 March was the
    # last day), B met (3), C, E, H met (1 each). Open: D paused, F 13 days late.
    assert stage(recap, "verification") == (5, 4, 1, 1, 1, 1.0, 4.0)
    # B and H met in one day; A's (disposed 30 March, due 7 April) is one day late.
    assert stage(recap, "first_follow_up") == (2, 2, 0, 0, 1, 1.0, 1.0)
    # B answered on day 5, C (forwarded) and E (archived) stopped on day 1; D is paused;
    # A, F and H are late.
    assert stage(recap, "resolution") == (3, 3, 0, 1, 3, 1.0, 5.0)
    (verification,) = (t for t in recap.timeliness if t.stage == "verification")
    assert verification.met_percent == pytest.approx(80.0)


def test_march_overdue_list_and_aging(workspace: Workspace, scenario: Scenario) -> None:
    recap = ReportService(workspace).recap(Period(2026, 3))
    no = scenario.register_no

    assert [(o.register_no, o.stage, o.due_on, o.working_days_late) for o in recap.overdue] == [
        (no["H"], "resolution", date(2026, 3, 6), 17),
        (no["F"], "verification", date(2026, 3, 12), 13),
        (no["F"], "resolution", date(2026, 3, 16), 11),
        (no["A"], "resolution", date(2026, 3, 31), 5),
        (no["A"], "first_follow_up", date(2026, 4, 7), 1),
    ]
    assert recap.overdue[-1].holder_office == "DPUPR"  # we registered it: still ours to report
    assert counts(recap.overdue_aging) == [("0-5", 2), ("6-14", 2), ("15-60", 1), (">60", 0)]


def test_annex_order_and_privacy(workspace: Workspace, scenario: Scenario) -> None:
    recap = ReportService(workspace).recap(Period(2026, 3))
    no = scenario.register_no

    assert [a.register_no for a in recap.annex] == [no[n] for n in "HCDEFAB"]
    by_no = {a.register_no: a for a in recap.annex}
    assert by_no[no["C"]].title is None  # confidential
    assert CONFIDENTIAL_TITLE not in repr(recap)
    assert by_no[no["B"]].title == "Pengaduan B"
    assert by_no[no["B"]].tracking_id == "1916449"
    assert by_no[no["H"]].received_on == date(2026, 3, 1)  # 28 Feb 20:00 UTC is 1 March WIB
    assert [a.followed_up for a in recap.annex] == [True, False, False, False, False, False, True]
    assert by_no[no["A"]].holder_office == "DPUPR"
    assert recap.office_name_of("DINSOS") == "Dinas Sosial"
    assert recap.office_name_of("DPUPR") == "DPUPR"  # no master data synced: the code


def test_year_and_other_months(workspace: Workspace, scenario: Scenario) -> None:
    service = ReportService(workspace)
    year = service.recap(Period(2026))

    assert year.received == 9
    assert [(m.month, m.total) for m in year.by_month] == [
        (m, {2: 1, 3: 7, 4: 1}.get(m, 0)) for m in range(1, 13)
    ]
    assert counts(year.by_bucket)[0] == ("belum_diproses", 3)  # F, G, I
    assert sum(c.count for c in year.by_bucket) == year.received
    # G's verification (due 4 March) is late too; I's (due 9 April) still runs.
    assert stage(year, "verification")[3:5] == (2, 2)
    assert service.recap(Period(2026, 2)).received == 1
    assert service.recap(Period(2026, 4)).received == 1
    empty = service.recap(Period(2025))
    assert empty.received == 0 and empty.annex == ()
    assert empty.followed_up_percent is None and empty.resolved_percent is None
    assert all(t.median_working_days is None for t in empty.timeliness)
    assert [m.total for m in empty.by_month] == [0] * 12


def test_cases_of_another_office_do_not_count(workspace: Workspace, scenario: Scenario) -> None:
    ref = workspace.reference()
    cases = CaseService(workspace)
    mine: list[Case] = [cases.find_case(n) for n in scenario.register_no.values()]
    theirs = [c.evolve(origin_office="DINKES", holder_office="DINKES") for c in mine]
    # Registered by another office but held here (disposed to us): ours to report.
    held = [c.evolve(origin_office="DINKES") for c in mine]

    def recap(selection: list[Case]) -> Recap:
        return compute_recap(
            selection,
            period=Period(2026, 3),
            office=OfficeInfo("DINSOS", "Dinas Sosial", "Kabupaten Sumenep"),
            as_of=AS_OF,
            tz=workspace.tz,
            calendar=ref.calendar,
            rulebook=ref.rulebook,
            categories=ref.categories,
            office_names={},
        )

    assert recap(mine).received == 7
    assert recap(theirs).received == 0
    assert recap(held).received == 6  # A is held by DPUPR
    assert recap(mine + theirs) == recap(mine)


def test_cancel_stops_the_read(workspace: Workspace, scenario: Scenario) -> None:
    token = CancelToken()
    seen: list[tuple[int, int]] = []
    service = ReportService(workspace)
    service.recap(Period(2026), Progress(report=lambda d, t, _: seen.append((d, t))))
    assert seen[-1] == (9, 9)
    token.cancel()
    with pytest.raises(Cancelled):
        service.recap(Period(2026), Progress(token))


def test_office_names_from_the_synced_master_data(workspace: Workspace, scenario: Scenario) -> None:
    with workspace.db.write() as uow:  # what sync.master stores from the server's master data
        uow.sync.state.set_offices(
            [
                {"code": "DPUPR", "name": "Dinas Pekerjaan Umum dan Penataan Ruang"},
                {"code": "DINKES", "name": "Dinas Kesehatan"},  # in no case: named all the same
            ]
        )
        uow.commit()
    recap = ReportService(workspace).recap(Period(2026, 3))
    assert recap.office_names == (
        ("DINKES", "Dinas Kesehatan"),
        ("DINSOS", "Dinas Sosial"),
        ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    )
    # An office's recap lists only the holders of its cases, not every OPD with a 0.
    assert counts(recap.by_holder_office) == [("DINSOS", 6), ("DPUPR", 1)]


def test_days_taken_leave_out_the_wait_for_the_reporter(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    cases = CaseService(workspace)
    fake_clock.set(datetime(2026, 3, 2, 9, 0, tzinfo=WIB))
    case = cases.register(
        NewCase(title="Data kurang", text="KK belum ada", channel="walk_in", category=SOCIAL_AID)
    )
    fake_clock.set(datetime(2026, 3, 3, 9, 0, tzinfo=WIB))
    cases.needs_info(case.register_no, "Mohon kirim KK")
    fake_clock.set(datetime(2026, 3, 5, 9, 0, tzinfo=WIB))
    cases.info_received(case.register_no)
    fake_clock.set(datetime(2026, 3, 6, 9, 0, tzinfo=WIB))
    cases.dispose(case.register_no, DispositionInput(to_unit="Bidang Linjamsos"))

    recap = ReportService(workspace).recap(Period(2026, 3))
    # 2 -> 6 March is 4 working days, 2 of them (3 -> 5 March) waiting for the reporter.
    assert stage(recap, "verification") == (1, 1, 0, 0, 0, 2.0, 2.0)
