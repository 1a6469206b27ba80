"""Master data the server sends that passes the protocol's model but that this PC cannot hold
is refused as an invalid response, and nothing of it is written (sync/master.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from typing import Any

import pytest

from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.workspace import Workspace
from sync import protocol as p
from sync.errors import InvalidResponse
from sync.master import apply_master
from tests.sync.test_hostile_server import NEW


def master_of(ws: Workspace) -> p.MasterData:
    """This PC's own master data, as the server would send it (valid: a new version)."""
    with ws.db.read() as uow:
        tree = uow.reference.categories()
        rules = uow.reference.rulebook().to_json()
        holidays = uow.reference.holidays()
    return p.MasterData(
        version="v2",
        offices=[],
        categories=[
            p.CategoryWire(code=c.code, name=c.name, parent_code=c.parent_code, position=i)
            for i, c in enumerate(tree.categories)
        ],
        holidays=[
            p.HolidayWire(day=h.day.isoformat(), name=h.name, kind=h.kind.value)
            for h, _working, _source in holidays
        ],
        sla_rules=rules,
    )


def _stored(ws: Workspace) -> dict[str, Any]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("category", "sla_rule", "holiday", "setting", '"case"')
        }


def _rename_rule(rules: list[dict[str, Any]], old: str, new: str) -> None:
    for rule in rules:
        if rule["code"] == old:
            rule["code"] = new


def _drop_rule(rules: list[dict[str, Any]], code: str) -> None:
    rules[:] = [rule for rule in rules if rule["code"] != code]


def _big_days(rules: list[dict[str, Any]]) -> None:
    rules[0]["days"] = 10**20


def _big_extension(rules: list[dict[str, Any]]) -> None:
    rules[0]["max_extension_days"] = 10**9


BROKEN: dict[str, tuple[Callable[[p.MasterData], None], str]] = {
    "a category code twice": (
        lambda m: m.categories.append(m.categories[0].model_copy()),
        "category codes must be unique",
    ),
    "a blank category code": (
        lambda m: m.categories.append(p.CategoryWire(code=" ", name="Lain")),
        "category needs a code and a name",
    ),
    "a blank category name": (
        lambda m: m.categories.append(p.CategoryWire(code="LAIN", name="  ")),
        "category needs a code and a name",
    ),
    "a sub-category of a category not sent": (
        lambda m: m.categories.append(p.CategoryWire(code="X1", name="X", parent_code="NOPE")),
        "parent 'NOPE' is no top-level category",
    ),
    "a third level": (
        lambda m: m.categories.append(
            p.CategoryWire(
                code="X2",
                name="X",
                parent_code=next(c.code for c in m.categories if c.parent_code is not None),
            )
        ),
        "is no top-level category",
    ),
    "no SLA rules": (lambda m: m.sla_rules.clear(), "no SLA rule for stage"),
    "a stage without a rule for every case": (
        lambda m: _drop_rule(m.sla_rules, "VERIFY_3HK"),  # verification's only rule, "*"
        "no SLA rule for stage verification",
    ),
    "a rule of more days than a date can count": (
        lambda m: _big_days(m.sla_rules),
        "more than 3660 days",
    ),
    "a rule of a huge extension": (
        lambda m: _big_extension(m.sla_rules),
        "more than 3660 days",
    ),
    "the rule the cases here are under renamed": (
        lambda m: _rename_rule(m.sla_rules, "VERIFY_3HK", "VERIFY_THREE"),
        "no SLA rule VERIFY_3HK, which cases here are under",
    ),
    "a holiday as an ISO week date": (
        lambda m: m.holidays.append(p.HolidayWire(day="2026-W12-1", name="x", kind="national")),
        "is not YYYY-MM-DD",
    ),
    "a holiday without dashes": (
        lambda m: m.holidays.append(p.HolidayWire(day="20260316", name="x", kind="national")),
        "is not YYYY-MM-DD",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_master_data_this_pc_cannot_hold_is_refused_whole(name: str, workspace: Workspace) -> None:
    CaseService(workspace).register(NEW)  # an open case under VERIFY_3HK
    master = master_of(workspace)
    change, words = BROKEN[name]
    change(master)
    before = _stored(workspace)
    with pytest.raises(InvalidResponse, match="/master: ") as caught:
        apply_master(workspace, master)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)
    assert _stored(workspace) == before


def test_the_same_master_data_valid_is_taken(workspace: Workspace) -> None:
    """The refusals above are of the change each makes: the data unchanged is applied."""
    CaseService(workspace).register(NEW)
    master = master_of(workspace)
    master.holidays.append(p.HolidayWire(day="2026-03-16", name="Libur", kind="national"))
    assert apply_master(workspace, master)
    with workspace.db.read() as uow:
        assert uow.sync.state.master_version() == "v2"
