"""Reference data in the database: categories, holidays, SLA rules, settings, and their audit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from lapor_desktop.domain.calendar import Holiday, HolidayKind, WorkingCalendar
from lapor_desktop.domain.categories import Category, CategoryTree
from lapor_desktop.domain.ops import iso
from lapor_desktop.domain.sla import SlaRuleBook
from lapor_desktop.storage.driver_sql import driver_rows, driver_write
from lapor_desktop.storage.rows import AuditRow, CategoryRow, HolidayRow, SlaRuleRow


class ReferenceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # categories ---------------------------------------------------------------
    def replace_categories(self, tree: CategoryTree) -> None:
        self._session.execute(delete(CategoryRow))
        rows = [
            {
                "code": c.code,
                "name": c.name,
                "parent_code": c.parent_code,
                "active": int(c.active),
                "position": i,
            }
            for i, c in enumerate(tree.categories)
        ]
        if rows:
            self._session.execute(insert(CategoryRow), rows)

    def categories(self) -> CategoryTree:
        stmt = select(CategoryRow).order_by(CategoryRow.position)
        return CategoryTree(
            tuple(
                Category(code=r.code, name=r.name, parent_code=r.parent_code, active=bool(r.active))
                for r in self._session.execute(stmt).scalars()
            )
        )

    def category_names(self) -> dict[str, str]:
        """Code → name, without building the tree (what a page of cases shows)."""
        return {
            str(code): str(name)
            for code, name in driver_rows(self._session, "SELECT code, name FROM category")
        }

    # holidays -----------------------------------------------------------------
    def add_holidays(self, holidays: Iterable[Holiday], source: str) -> int:
        existing = set(self._session.execute(select(HolidayRow.day)).scalars())
        rows = [
            {"day": h.day.isoformat(), "name": h.name, "kind": h.kind.value, "source": source}
            for h in holidays
            if h.day.isoformat() not in existing
        ]
        if rows:
            self._session.execute(insert(HolidayRow), rows)
        return len(rows)

    def get_holiday(self, day: date) -> HolidayRow | None:
        return self._session.get(HolidayRow, day.isoformat())

    def set_holiday(
        self, day: date, name: str, kind: HolidayKind, source: str, working: bool
    ) -> None:
        row = self._session.get(HolidayRow, day.isoformat())
        if row is None:
            self._session.add(
                HolidayRow(
                    day=day.isoformat(), name=name, kind=kind.value, source=source, working=working
                )
            )
        else:
            row.name, row.kind, row.source = name, kind.value, source
            row.working = working

    def delete_holiday(self, day: date) -> None:
        self._session.execute(delete(HolidayRow).where(HolidayRow.day == day.isoformat()))

    def holidays(self, year: int | None = None) -> list[tuple[Holiday, bool, str]]:
        # On the driver (storage.driver_sql): the window loads these before its first page.
        sql = "SELECT day, name, kind, working, source FROM holiday"
        params: tuple[str, ...] = ()
        if year is not None:
            sql, params = sql + " WHERE day LIKE ?", (f"{year}-%",)
        kinds = {kind.value: kind for kind in HolidayKind}
        return [
            (Holiday(date.fromisoformat(day), name, kinds[kind]), bool(working), source)
            for day, name, kind, working, source in driver_rows(
                self._session, sql + " ORDER BY day", params
            )
        ]

    def calendar(self) -> WorkingCalendar:
        entries = self.holidays()
        off = [h for h, working, _ in entries if not working]
        removed = [h.day for h, working, _ in entries if working]
        return WorkingCalendar.from_holidays(off, removed)

    # SLA rules ----------------------------------------------------------------
    def replace_rules(self, book: SlaRuleBook) -> None:
        self._session.execute(delete(SlaRuleRow))
        self._session.execute(
            insert(SlaRuleRow),
            [
                {"code": raw["code"], "doc": json.dumps(raw, ensure_ascii=False)}
                for raw in book.to_json()
            ],
        )

    def rulebook(self) -> SlaRuleBook:
        docs = [
            json.loads(d)
            for d in self._session.execute(
                select(SlaRuleRow.doc).order_by(SlaRuleRow.code)
            ).scalars()
        ]
        return SlaRuleBook.from_json(docs)

    # settings -----------------------------------------------------------------
    def get_setting(self, key: str) -> Any:
        # On the driver (storage.driver_sql): opening a data dir reads four of these.
        rows = driver_rows(self._session, "SELECT value FROM setting WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows and rows[0][0] is not None else None

    def set_setting(self, key: str, value: Any) -> None:
        # On the driver too: the pull stores its cursor once per page, and through the ORM
        # (get, then flush) that was ~1.7 ms a page, 6% of a pull. No ORM object of the
        # setting table outlives its own flush (numbers.set_device_ordinal), so none goes stale.
        driver_write(
            self._session,
            "INSERT INTO setting (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    # audit --------------------------------------------------------------------
    def audit(
        self,
        at: datetime,
        actor: str,
        action: str,
        subject: str,
        before: Any = None,
        after: Any = None,
    ) -> None:
        self._session.execute(
            insert(AuditRow).values(
                at=iso(at),
                actor=actor,
                action=action,
                subject=subject,
                before=None if before is None else json.dumps(before, ensure_ascii=False),
                after=None if after is None else json.dumps(after, ensure_ascii=False),
            )
        )

    def audit_entries(self, action_prefix: str = "") -> list[dict[str, Any]]:
        stmt = select(AuditRow).order_by(AuditRow.id)
        if action_prefix:
            stmt = stmt.where(AuditRow.action.like(f"{action_prefix}%"))
        return [
            {
                "at": r.at,
                "actor": r.actor,
                "action": r.action,
                "subject": r.subject,
                "before": r.before,
                "after": r.after,
            }
            for r in self._session.execute(stmt).scalars()
        ]
