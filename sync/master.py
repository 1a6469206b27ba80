"""Master data from the server: categories, SLA rules, holidays and the office directory.

Applied only when the server's `version` differs from the one stored, all in one transaction,
after everything was parsed (a malformed part changes nothing). Holidays: the server's national
and cuti-bersama days replace those of the `holidays` package; local edits (a libur daerah, a
national day made a working day here) are kept. The stored next deadline of every open case
is then recomputed on the new calendar and rules.
"""

from __future__ import annotations

from datetime import date

from lapor_desktop.domain.calendar import Holiday, HolidayKind
from lapor_desktop.domain.categories import Category, CategoryTree
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.sla import SlaRuleBook
from lapor_desktop.services.holidays import recompute_open_deadlines
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.rows import HolidayRow
from sync import protocol as p
from sync.errors import InvalidResponse

SERVER_SOURCE = "server"
# Holiday rows that came from outside this office and that a newer calendar may replace.
REPLACEABLE_SOURCES = ("holidays-package", SERVER_SOURCE)
PATH = "/master"


def _parse(master: p.MasterData) -> tuple[CategoryTree, SlaRuleBook, list[Holiday]]:
    try:
        tree = CategoryTree(
            tuple(
                Category(c.code, c.name, c.parent_code, c.active)
                for c in sorted(master.categories, key=lambda c: c.position)
            )
        )
        if not tree.categories:
            raise ValueError("no categories")
        rules = SlaRuleBook.from_json(master.sla_rules)
        holidays = [
            Holiday(date.fromisoformat(h.day), h.name, HolidayKind(h.kind)) for h in master.holidays
        ]
    except (ValueError, KeyError, TypeError, DomainError) as error:
        raise InvalidResponse(PATH, str(error)) from None
    return tree, rules, holidays


def apply_master(workspace: Workspace, master: p.MasterData) -> bool:
    """Store the server's master data when its version changed; True when something changed."""
    with workspace.db.read() as uow:
        if uow.sync.state.master_version() == master.version:
            return False
    tree, rules, holidays = _parse(master)
    with workspace.db.write() as uow:
        uow.reference.replace_categories(tree)
        uow.reference.replace_rules(rules)
        session = uow.session
        local: set[str] = set()
        for row in session.query(HolidayRow).all():
            if row.source in REPLACEABLE_SOURCES and not row.working:
                session.delete(row)
            else:
                local.add(row.day)  # a local holiday or a local working-day override wins
        session.flush()
        for holiday in holidays:
            if holiday.kind is HolidayKind.LOCAL or holiday.day.isoformat() in local:
                continue  # another office's libur daerah is not ours
            uow.reference.set_holiday(
                holiday.day, holiday.name, holiday.kind, SERVER_SOURCE, working=False
            )
        uow.sync.state.set_offices([o.model_dump(mode="json") for o in master.offices])
        uow.sync.state.set_master_version(master.version)
        uow.reference.audit(
            workspace.clock(),
            workspace.user.name,
            "sync.master",
            "master",
            None,
            {"version": master.version, "categories": len(tree.categories)},
        )
        uow.commit()
    # New holidays or SLA rules move the running deadlines of open cases (the stored next
    # deadline drives queues and warnings), as a local holiday change does.
    recompute_open_deadlines(workspace)
    return True
