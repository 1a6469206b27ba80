"""The whole-Pemda recap on the coordinator's PC after a real sync (pemda_fleet's hand counts),
the same March on an operator's PC, and the operator refused a Pemda recap."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lapor_desktop.domain.errors import NotPermitted
from lapor_desktop.paths import AppPaths
from lapor_desktop.reports.model import Count, Period
from lapor_desktop.services.management_report import ReportTexts, management_report
from lapor_desktop.services.reports import NeverSynced, NotCoordinator, ReportService
from lapor_desktop.services.workspace import Workspace, open_workspace
from tests.conftest import FakeClock
from tests.lapor_desktop.reports.pemda_fleet import (
    AS_OF,
    DINSOS_MARCH_BY_HOLDER,
    DINSOS_MARCH_RECEIVED,
    MARCH_BY_HOLDER,
    MARCH_DISPOSED_TO,
    MARCH_RECEIVED,
    OFFICES,
    Fleet,
    build_fleet,
)

MARCH = Period(2026, 3)


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Fleet:
    return build_fleet(tmp_path_factory.mktemp("pemda"))


def open_pc(fleet: Fleet, user: str) -> Iterator[Workspace]:
    ws = open_workspace(AppPaths(fleet.data_dirs[user]), FakeClock(AS_OF))
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def coordinator(fleet: Fleet) -> Iterator[Workspace]:
    yield from open_pc(fleet, "koor")


@pytest.fixture
def operator(fleet: Fleet) -> Iterator[Workspace]:
    yield from open_pc(fleet, "ani")


def counts(rows: tuple[Count, ...]) -> list[tuple[str, int]]:
    return [(row.code, row.count) for row in rows]


def test_the_coordinator_counts_every_office(coordinator: Workspace, fleet: Fleet) -> None:
    assert coordinator.user.role.value == "coordinator"
    assert coordinator.office.code == "DISKOMINFO"
    recap = ReportService(coordinator).recap(MARCH, whole_pemda=True)

    assert recap.scope == "pemda" and recap.whole_pemda
    assert recap.received == MARCH_RECEIVED
    assert counts(recap.by_holder_office) == MARCH_BY_HOLDER
    assert sum(c.count for c in recap.by_holder_office) == recap.received
    assert counts(recap.disposed_to) == MARCH_DISPOSED_TO
    no = fleet.register_no
    assert {a.register_no for a in recap.annex} == {
        no[n] for n in ("S1", "S2", "P1", "P2", "P3", "K1")
    }
    assert {a.register_no: a.holder_office for a in recap.annex}[no["K1"]] == "DINSOS"
    # Every OPD of the master data is named, also the two that received nothing.
    assert dict(recap.office_names) == OFFICES
    # Who made it: the coordinator's office.
    assert (recap.office_code, recap.office_name) == ("DISKOMINFO", OFFICES["DISKOMINFO"])
    year = ReportService(coordinator).recap(Period(2026), whole_pemda=True)
    assert year.received == MARCH_RECEIVED + 2  # S0 (February) and P4 (April)


def test_keaktifan_comes_with_the_synced_timelines(
    coordinator: Workspace, operator: Workspace
) -> None:
    """Each operator's March entries, counted from pemda_fleet's script: ani registered S1 and
    S2 and disposed S2 (3, 4 and 5 March; S0 is February's), budi registered P1 to P3 (P4 is
    April's), dewi registered and disposed K1 (11 and 12 March)."""
    pemda = ReportService(coordinator).recap(MARCH, whole_pemda=True)
    assert [
        (a.office, a.actor, a.actions, a.active_days, a.last_active_on)
        for a in pemda.operator_activity
    ] == [
        ("DINKES", "Dewi", 2, 2, date(2026, 3, 12)),
        ("DINSOS", "Ani", 3, 3, date(2026, 3, 5)),
        ("DPUPR", "Budi", 3, 3, date(2026, 3, 10)),
    ]
    assert pemda.active_offices == 3
    assert pemda.active_office_percent == 60.0  # of five OPDs: Bappeda and Diskominfo idle
    # DINSOS's PC also holds dewi's entries on K1 (disposed to it): not its operators' work.
    office = ReportService(operator).recap(MARCH)
    assert [(a.office, a.actor, a.actions) for a in office.operator_activity] == [
        ("DINSOS", "Ani", 3)
    ]


def test_the_pemda_wide_management_report_names_the_pemda(coordinator: Workspace) -> None:
    recap = ReportService(coordinator).recap(MARCH, whole_pemda=True)
    report = management_report(coordinator, recap, ReportTexts())
    assert report.title_lines == (
        "LAPORAN PENGELOLAAN PENGADUAN MASYARAKAT",
        "SELURUH PERANGKAT DAERAH KABUPATEN SUMENEP",
        "BULAN MARET 2026",
    )
    assert report.month_rows[-1][-1] == str(MARCH_RECEIVED)  # every office's cases
    assert len(report.annex_rows) == MARCH_RECEIVED
    assert report.letterhead.office_name == "DINAS KOMUNIKASI DAN INFORMATIKA"  # who signs


def test_the_coordinators_own_office_recap_is_still_its_own(coordinator: Workspace) -> None:
    recap = ReportService(coordinator).recap(MARCH)
    assert recap.scope == "office"
    assert recap.received == 0  # the Diskominfo itself received nothing
    assert recap.by_holder_office == ()


def test_an_operators_pc_counts_its_office(operator: Workspace) -> None:
    recap = ReportService(operator).recap(MARCH)
    assert recap.received == DINSOS_MARCH_RECEIVED
    assert counts(recap.by_holder_office) == DINSOS_MARCH_BY_HOLDER
    assert counts(recap.disposed_to) == [("DINKES", 1)]


def test_an_operator_is_refused_a_pemda_recap(operator: Workspace, tmp_path: Path) -> None:
    service = ReportService(operator)
    assert operator.user.role.value == "operator"
    assert not service.may_recap_pemda()
    with pytest.raises(NotCoordinator) as refused:
        service.recap(MARCH, whole_pemda=True)
    assert isinstance(refused.value, NotPermitted)  # the CLI and the window show it as such
    message = str(refused.value)
    assert "coordinator" in message and "koordinator" in message
    path = tmp_path / "rekap.xlsx"
    with pytest.raises(NotCoordinator):
        service.export(MARCH, "xlsx", path, whole_pemda=True)
    assert list(tmp_path.iterdir()) == []  # nothing written, no temp file


def test_a_coordinators_pc_that_never_synced_is_refused_a_pemda_recap(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Never enrolled: the office's coordinator by default, with one office's cases only."""
    service = ReportService(workspace)
    assert service.may_recap_pemda()  # by role: the window offers the choice
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NeverSynced) as refused:
        service.export(MARCH, "csv", out / "rekap.csv", whole_pemda=True)
    assert isinstance(refused.value, NotPermitted)
    assert list(out.iterdir()) == []
    assert service.recap(MARCH).received == 0  # the office's own recap is still made


def test_the_pemda_files(coordinator: Workspace, tmp_path: Path) -> None:
    service = ReportService(coordinator)
    recap = service.export(MARCH, "csv", tmp_path / "rekap.csv", whole_pemda=True)
    text = (tmp_path / "rekap.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {(r["kode_kantor"], r["kantor"]) for r in rows} == {
        ("PEMDA", "Seluruh Perangkat Daerah Kabupaten Sumenep")
    }
    holders = [
        (r["kode"], r["rincian"], int(r["nilai"])) for r in rows if r["bagian"] == "pemegang"
    ]
    assert holders == [(code, OFFICES[code], n) for code, n in MARCH_BY_HOLDER]
    assert sum(n for _, _, n in holders) == recap.received

    service.export(MARCH, "xlsx", tmp_path / "rekap.xlsx", whole_pemda=True)
    wb = load_workbook(tmp_path / "rekap.xlsx", read_only=True)
    sheet = list(wb["Perangkat daerah"].iter_rows(values_only=True))
    assert [(code, count) for code, _, count, _ in sheet[1:]] == MARCH_BY_HOLDER
    wb.close()

    service.export(MARCH, "pdf", tmp_path / "rekap.pdf", whole_pemda=True)
    first = " ".join(PdfReader(tmp_path / "rekap.pdf").pages[0].extract_text().split())
    assert "DINAS KOMUNIKASI DAN INFORMATIKA" in first  # the kop of who made it
    assert "SELURUH PERANGKAT DAERAH KABUPATEN SUMENEP" in first
