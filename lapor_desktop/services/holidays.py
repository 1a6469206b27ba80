"""The office's working-day calendar: national holidays, local additions and removals (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from lapor_desktop.domain.calendar import HolidayKind
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.workflow import OPEN_STATES
from lapor_desktop.services.deadlines import due_info
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.cases import case_row_values
from lapor_desktop.storage.rows import CaseRow


@dataclass(frozen=True, slots=True)
class HolidayEntry:
    day: date
    name: str
    kind: HolidayKind
    source: str
    working: bool  # a holiday this office declared a working day (local removal)


class HolidayService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def entries(self, year: int) -> list[HolidayEntry]:
        with self._ws.db.read() as uow:
            return [
                HolidayEntry(h.day, h.name, h.kind, source, working)
                for h, working, source in uow.reference.holidays(year)
            ]

    def working_days(self, year: int, month: int) -> list[tuple[date, bool, str | None]]:
        """Each day of a month: (day, is a working day, holiday name) for the calendar view."""
        calendar = self._ws.reference().calendar
        first = date(year, month, 1)
        days = []
        day = first
        while day.month == month:
            days.append((day, calendar.is_working_day(day), calendar.holiday_name(day)))
            day = date.fromordinal(day.toordinal() + 1)
        return days

    def add_local(self, day: date, name: str) -> int:
        """Declare a local holiday (libur daerah); returns how many open cases moved deadline."""
        if not name.strip():
            raise ValidationError("name", "a holiday needs a name")
        with self._ws.db.write() as uow:
            existing = uow.reference.get_holiday(day)
            if existing is not None and not existing.working:
                raise ValidationError("day", f"{day} is already a holiday ({existing.name})")
            before = None if existing is None else {"name": existing.name, "working": True}
            uow.reference.set_holiday(day, name.strip(), HolidayKind.LOCAL, "local", False)
            uow.reference.audit(
                self._ws.clock(),
                self._ws.user.name,
                "holiday.add",
                day.isoformat(),
                before,
                {"name": name.strip()},
            )
            uow.commit()
        return recompute_open_deadlines(self._ws)

    def remove(self, day: date, reason: str) -> int:
        """Make a holiday a working day here; national days are kept and marked, local deleted."""
        if not reason.strip():
            raise ValidationError("reason", "removing a holiday needs a reason")
        with self._ws.db.write() as uow:
            existing = uow.reference.get_holiday(day)
            if existing is None or existing.working:
                raise ValidationError("day", f"{day} is not a holiday in this calendar")
            before = {"name": existing.name, "kind": existing.kind, "source": existing.source}
            if existing.source == "local":
                uow.reference.delete_holiday(day)
            else:
                # Keep the national entry so a later calendar update cannot silently undo this.
                uow.reference.set_holiday(
                    day, existing.name, HolidayKind(existing.kind), existing.source, True
                )
            uow.reference.audit(
                self._ws.clock(),
                self._ws.user.name,
                "holiday.remove",
                day.isoformat(),
                before,
                {"reason": reason.strip()},
            )
            uow.commit()
        return recompute_open_deadlines(self._ws)

    def _recompute(self) -> int:
        # Kept for office_admin (a time zone change); new callers use the public function.
        return recompute_open_deadlines(self._ws)


def recompute_open_deadlines(workspace: Workspace) -> int:
    """Move the stored next deadline of every open case to the current calendar and rules.

    After a local holiday change and after new master data (holidays, SLA rules) from sync.
    Completed stages keep their frozen met/missed; only running clocks move. Returns how
    many open cases got a different next deadline.
    """
    workspace.forget_reference()
    reference = workspace.reference()
    now = workspace.clock()
    moved = 0
    with workspace.db.write() as uow:
        open_ids = list(
            uow.session.execute(
                select(CaseRow.id, CaseRow.next_due_at).where(
                    CaseRow.status.in_([s.value for s in OPEN_STATES])
                )
            )
        )
        for case_id, old_due in open_ids:
            case = uow.cases.get(case_id)
            assert case is not None
            due = due_info(case, reference.rulebook, reference.calendar, workspace.tz, now)
            values = case_row_values(case, due)
            if values["next_due_at"] != old_due:
                moved += 1
                uow.session.execute(
                    update(CaseRow)
                    .where(CaseRow.id == case_id)
                    .values(
                        next_due_at=values["next_due_at"],
                        next_due_stage=values["next_due_stage"],
                        paused=values["paused"],
                    )
                )
        uow.commit()
    return moved
