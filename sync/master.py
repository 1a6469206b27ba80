"""Master data from the server: categories, SLA rules, holidays and the office directory.

Applied only when the server's `version` differs from the one stored, all in one transaction,
after everything was parsed (a malformed part changes nothing). Holidays: the server's national
and cuti-bersama days replace those of the `holidays` package; local edits (a libur daerah, a
national day made a working day here) are kept. The stored next deadline of every open case
is then recomputed on the new calendar and rules.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import text

from lapor_desktop.domain.calendar import Holiday, HolidayKind
from lapor_desktop.domain.categories import Category, CategoryTree
from lapor_desktop.domain.codes import CaseKind, Severity
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.sla import SlaRuleBook, Stage
from lapor_desktop.services.holidays import recompute_open_deadlines
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.rows import HolidayRow
from lapor_desktop.storage.unit_of_work import UnitOfWork
from sync import protocol as p
from sync.errors import InvalidResponse

SERVER_SOURCE = "server"
# Holiday rows that came from outside this office and that a newer calendar may replace.
REPLACEABLE_SOURCES = ("holidays-package", SERVER_SOURCE)
PATH = "/master"


# A rule's days (and an extension's) far above any legal limit (weeks), far below what the
# deadline arithmetic can reach (date.max): a larger one would break every open case's due day.
MAX_RULE_DAYS = 3660
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse(master: p.MasterData) -> tuple[CategoryTree, SlaRuleBook, list[Holiday]]:
    try:
        tree = _categories(master.categories)
        rules = SlaRuleBook.from_json(master.sla_rules)
        _check_rules(rules)
        holidays = [_holiday(h) for h in master.holidays]
    except (ValueError, KeyError, TypeError, DomainError) as error:
        raise InvalidResponse(PATH, str(error)) from None
    return tree, rules, holidays


def _categories(wires: list[p.CategoryWire]) -> CategoryTree:
    """The server's two-level tree, held to what `CategoryTree.from_json` holds a file to: a
    duplicate code would fail the table's key, a blank one names nothing."""
    ordered = sorted(wires, key=lambda c: c.position)
    codes = [c.code for c in ordered]
    if not codes:
        raise ValueError("no categories")
    if len(set(codes)) != len(codes):
        twice = sorted({code for code in codes if codes.count(code) > 1})
        raise ValueError(f"category codes must be unique: {', '.join(twice)[:120]}")
    tops = {c.code for c in ordered if c.parent_code is None}
    for c in ordered:
        if not c.code.strip() or not c.name.strip():
            raise ValueError(f"category needs a code and a name: {c.code!r:.40} {c.name!r:.40}")
        if c.parent_code is not None and c.parent_code not in tops:
            raise ValueError(
                f"category {c.code!r:.40}: parent {c.parent_code!r:.40} is no top-level category"
            )
    return CategoryTree(
        tuple(Category(c.code, c.name.strip(), c.parent_code, c.active) for c in ordered)
    )


def _check_rules(rules: SlaRuleBook) -> None:
    """Rules every case can be given: each stage has one for each kind and severity (a case
    created here asks for it), and no time limit the due-day arithmetic cannot count."""
    for rule in rules.rules:
        extension = rule.max_extension_days or 0
        if rule.days > MAX_RULE_DAYS or extension > MAX_RULE_DAYS:
            raise ValueError(f"SLA rule {rule.code}: more than {MAX_RULE_DAYS} days")
    for stage in Stage:
        for kind in CaseKind:
            for severity in Severity:
                rules.rule_for(stage, kind.value, severity.value)  # ValueError: none


def _holiday(wire: p.HolidayWire) -> Holiday:
    # fromisoformat also reads "20260316" and "2026-W12-1": the protocol says YYYY-MM-DD.
    if not _DAY.fullmatch(wire.day):
        raise ValueError(f"holiday {wire.day!r:.40} is not YYYY-MM-DD")
    return Holiday(date.fromisoformat(wire.day), wire.name, HolidayKind(wire.kind))


def _rules_in_use(uow: UnitOfWork) -> set[str]:
    """The SLA rule codes the clocks of this PC's cases name (open or closed: a closed case's
    deadlines are shown by their rule too)."""
    rows = uow.session.execute(
        text(
            "SELECT DISTINCT json_extract(clock.value, '$.rule_code')"
            ' FROM "case", json_each("case".doc, \'$.clocks\') AS clock'
        )
    )
    return {code for (code,) in rows if isinstance(code, str)}


def apply_master(workspace: Workspace, master: p.MasterData) -> bool:
    """Store the server's master data when its version changed; True when something changed."""
    with workspace.db.read() as uow:
        if uow.sync.state.master_version() == master.version:
            return False
    tree, rules, holidays = _parse(master)
    with workspace.db.write() as uow:
        # Rules the local cases name must stay: their deadlines are computed by code, and the
        # recomputation after this commit (and every case shown) would fail without them.
        missing = sorted(_rules_in_use(uow) - {rule.code for rule in rules.rules})
        if missing:
            raise InvalidResponse(
                PATH, f"no SLA rule {', '.join(missing)[:120]}, which cases here are under"
            )
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
