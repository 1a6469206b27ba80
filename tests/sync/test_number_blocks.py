"""Register and letter numbers once enrolled: leased blocks, never the same number twice."""

from __future__ import annotations

from pathlib import Path

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.letters import LetterService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.numbers import BlockNumberSource, LocalNumberSource
from sync.enroll import enroll
from tests.conftest import FakeClock
from tests.lapor_desktop.services.letters_support import needing_info, set_up_office
from tests.support.live_server import LiveServer, start_live_server
from tests.sync.conftest import FAST_RETRY, PASSWORD, Desk, sync
from tests.sync.server_view import processed_ops

NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="whatsapp",
    category="Bantuan Sosial",
)


def test_two_pcs_of_one_office_offline_never_issue_the_same_number(
    desk: Desk, offices: LiveServer
) -> None:
    a, c = desk("a", "ani"), desk("c", "citra")
    numbers_a = [CaseService(a).register(NEW).register_no for _ in range(5)]
    numbers_c = [CaseService(c).register(NEW).register_no for _ in range(5)]
    assert len(set(numbers_a) | set(numbers_c)) == 10
    with a.db.read() as uow:
        assert isinstance(uow.numbers, BlockNumberSource)
        assert uow.numbers.next_number("device_seq", 0) == 6  # device_seq stays local

    report_a, report_c = sync(a, offices.base_url), sync(c, offices.base_url)
    assert report_a.rejected == report_c.rejected == 0
    assert len(processed_ops(offices)) == 10
    with a.db.read() as uow:
        registers = {b.register for b in uow.sync.blocks.all()}
    assert registers == {"register:DINSOS", "letter:DINSOS"}


def test_letter_numbers_of_two_pcs_of_one_office_never_collide(
    desk: Desk, offices: LiveServer
) -> None:
    numbers = []
    for name, user in (("a", "ani"), ("c", "citra")):
        ws = desk(name, user)
        set_up_office(ws)
        for _ in range(2):
            case = needing_info(ws)
            numbers.append(LetterService(ws).issue(case.id, "kelengkapan").number)
    assert len(set(numbers)) == 4, numbers


def test_a_pc_that_ran_dry_offline_keeps_registering_and_sync_gives_official_numbers(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    server = start_live_server(None, tmp_path / "server", block_size=3)
    try:
        server.add_office("DINSOS", "Dinas Sosial")
        server.add_user("ani", "DINSOS", PASSWORD)
        ws = enroll(
            AppPaths(tmp_path / "a"), fake_clock, server.base_url, "ani", PASSWORD, retry=FAST_RETRY
        ).workspace
        try:
            service = CaseService(ws)
            issued = [service.register(NEW).register_no for _ in range(3)]
            # Dry offline: intake never stops; the number is visibly provisional.
            fourth = service.register(NEW)
            assert fourth.register_no == "DINSOS/2026/S1-1"  # this PC is the office's first
            report = sync(ws, server.base_url)
            assert report.blocks_leased == 1  # the register's; letters still have plenty
            official = service.find_case(fourth.id)
            assert official.register_no not in issued and "/S" not in official.register_no
            assert official.register_aliases == ("DINSOS/2026/S1-1",)
            fifth = service.register(NEW).register_no
            assert fifth not in [*issued, official.register_no] and "/S" not in fifth
        finally:
            ws.close()
    finally:
        server.stop()


def test_a_data_dir_that_never_enrolled_keeps_its_own_sequence(workspace: Workspace) -> None:
    with workspace.db.read() as uow:
        assert type(uow.numbers) is LocalNumberSource
    assert CaseService(workspace).register(NEW).register_no == "DINSOS/2026/00001"
