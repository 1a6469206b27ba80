"""Local holidays and removals: audited, and every open deadline moves with the calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.sla import Stage
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.holidays import HolidayService
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock


def _verification_due(service: CaseService, ref: str) -> date:
    detail = service.detail(ref)
    (deadline,) = [d for d in detail.deadlines if d.stage is Stage.VERIFICATION]
    return deadline.due_at.astimezone(WIB).date()


def _register(service: CaseService) -> str:
    return service.register(
        NewCase(
            title="PKH tidak cair",
            text="Sudah tiga bulan",
            channel="whatsapp",
            category="Bantuan Sosial",
        )
    ).register_no


def test_a_local_holiday_moves_running_deadlines_and_is_audited(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    fake_clock.set(datetime(2026, 3, 16, 9, 0, tzinfo=WIB))  # Monday before Nyepi
    service = CaseService(workspace)
    ref = _register(service)
    # 17 Mar, then 18–24 are Nyepi/Idul Fitri holidays and cuti bersama: 17, 25, 26.
    assert _verification_due(service, ref) == date(2026, 3, 26)

    holidays = HolidayService(workspace)
    moved = holidays.add_local(date(2026, 3, 17), "Hari Jadi Kabupaten Sumenep")

    assert moved == 1
    assert _verification_due(service, ref) == date(2026, 3, 27)
    with workspace.db.read() as uow:
        audit = uow.reference.audit_entries("holiday.")
    assert [(a["action"], a["subject"], a["actor"]) for a in audit] == [
        ("holiday.add", "2026-03-17", "ani")
    ]


def test_removing_a_national_holiday_keeps_it_marked_as_working(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    fake_clock.set(datetime(2026, 3, 16, 9, 0, tzinfo=WIB))
    service = CaseService(workspace)
    ref = _register(service)
    holidays = HolidayService(workspace)

    holidays.remove(date(2026, 3, 18), "Kantor pelayanan tetap buka")

    assert _verification_due(service, ref) == date(2026, 3, 25)  # 17, 18, 25
    entry = next(e for e in holidays.entries(2026) if e.day == date(2026, 3, 18))
    assert entry.working and entry.source != "local"
    days = {d: working for d, working, _ in holidays.working_days(2026, 3)}
    assert days[date(2026, 3, 18)] is True and days[date(2026, 3, 19)] is False


def test_a_completed_stage_keeps_its_frozen_outcome_when_the_calendar_changes(
    workspace: Workspace, fake_clock: FakeClock
) -> None:
    fake_clock.set(datetime(2026, 3, 2, 9, 0, tzinfo=WIB))
    service = CaseService(workspace)
    ref = _register(service)
    fake_clock.set(datetime(2026, 3, 6, 9, 0, tzinfo=WIB))  # day 4: verification missed
    service.dispose(ref, DispositionInput(to_unit="Bidang Linjamsos"))
    before = next(d for d in service.detail(ref).deadlines if d.stage is Stage.VERIFICATION)
    assert before.met is False

    HolidayService(workspace).add_local(date(2026, 3, 4), "Banjir: kantor tutup")

    after = next(d for d in service.detail(ref).deadlines if d.stage is Stage.VERIFICATION)
    assert after.met is False and after.due_at == before.due_at


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda h: h.add_local(date(2026, 3, 19), "Nyepi lagi"), "already a holiday"),
        (lambda h: h.add_local(date(2026, 4, 7), "  "), "name"),
        (lambda h: h.remove(date(2026, 4, 7), "bukan libur"), "not a holiday"),
        (lambda h: h.remove(date(2026, 3, 19), " "), "reason"),
    ],
)
def test_bad_calendar_edits_are_refused_and_audit_nothing(
    workspace: Workspace, action: object, message: str
) -> None:
    holidays = HolidayService(workspace)
    with pytest.raises(ValidationError, match=message):
        action(holidays)  # type: ignore[operator]
    with workspace.db.read() as uow:
        assert uow.reference.audit_entries("holiday.") == []
