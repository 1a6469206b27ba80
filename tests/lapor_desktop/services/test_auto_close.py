"""Automatic closing: 10 working days without a reply after the answer, or no data in time."""

from __future__ import annotations

from datetime import datetime

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock


def _answered(service: CaseService, clock: FakeClock) -> str:
    clock.set(datetime(2026, 4, 1, 9, 0, tzinfo=WIB))
    ref = service.register(
        NewCase(
            title="Lampu jalan mati",
            text="Sudah dua minggu",
            channel="phone",
            category="Bantuan Sosial",
        )
    ).register_no
    service.dispose(ref, DispositionInput(to_unit="Bidang Linjamsos"))
    service.follow_up(ref, "Sudah dicek ke lapangan")
    clock.set(datetime(2026, 4, 6, 10, 0, tzinfo=WIB))  # answered on Monday 6 April
    service.answer(ref, "Lampu sudah diganti")
    return ref


def test_an_answered_case_resolves_after_ten_working_days_without_reply(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    service = CaseService(workspace)
    ref = _answered(service, fake_clock)
    # 10 working days after Mon 6 Apr: 7–10, 13–17, 20 April → due end of Mon 20 April.
    fake_clock.set(datetime(2026, 4, 20, 22, 0, tzinfo=WIB))
    assert service.close_expired() == []
    assert service.find_case(ref).status is CaseStatus.AWAITING_REPORTER

    fake_clock.set(datetime(2026, 4, 21, 8, 0, tzinfo=WIB))
    closed = service.close_expired()

    assert [c.register_no for c in closed] == [ref]
    detail = service.detail(ref)
    assert detail.case.status is CaseStatus.RESOLVED
    assert "tanpa tanggapan" in detail.timeline[-1].summary
    assert service.close_expired() == []  # nothing twice


def test_needs_info_closes_incomplete_after_thirty_days(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    service = CaseService(workspace)
    ref = service.register(
        NewCase(title="Data kurang", text="Mohon bantuan", channel="sms", category="Bantuan Sosial")
    ).register_no
    service.needs_info(ref, "Mohon lengkapi NIK dan alamat")
    fake_clock.advance(days=29)
    assert service.close_expired() == []

    fake_clock.advance(days=2)
    (closed,) = service.close_expired()

    assert closed.register_no == ref and closed.status is CaseStatus.CLOSED_INCOMPLETE
