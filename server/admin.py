"""Set-up done by an administrator (the CLI and the tests): schema, seed data, offices, users."""

from __future__ import annotations

import json
from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain.calendar import Holiday
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.identifiers import validate_office_code
from lapor_desktop.domain.sla import SlaRuleBook
from server.db import write_session
from server.passwords import DEFAULT_COST, hash_password
from server.schema import SchemaError, is_current, upgrade
from server.tables import (
    CategoryRow,
    Device,
    HolidayRow,
    Office,
    SlaRuleRow,
    Token,
    UserAccount,
)


class AdminError(ValueError):
    """Bad input to an administrative command: one line for the operator."""


def init_schema(engine: Engine) -> bool:
    """Create or migrate the schema (idempotent); True when the database was new."""
    try:
        return upgrade(engine)
    except SchemaError as error:
        raise AdminError(str(error)) from None


def seed_master_data(
    engine: Engine, categories: CategoryTree, rulebook: SlaRuleBook, holidays: Iterable[Holiday]
) -> None:
    """Replace categories and SLA rules; add holidays not already present."""
    with write_session(engine) as session:
        session.execute(delete(CategoryRow))
        session.execute(
            insert(CategoryRow),
            [
                {
                    "code": c.code,
                    "name": c.name,
                    "parent_code": c.parent_code,
                    "active": c.active,
                    "position": i,
                }
                for i, c in enumerate(categories.categories)
            ],
        )
        session.execute(delete(SlaRuleRow))
        session.execute(
            insert(SlaRuleRow),
            [
                {"code": r["code"], "doc": json.dumps(r, ensure_ascii=False)}
                for r in rulebook.to_json()
            ],
        )
        known = set(session.execute(select(HolidayRow.day)).scalars())
        rows = [
            {"day": h.day.isoformat(), "name": h.name, "kind": h.kind.value}
            for h in holidays
            if h.day.isoformat() not in known
        ]
        if rows:
            session.execute(insert(HolidayRow), rows)


def seed_defaults(engine: Engine, years: Iterable[int]) -> None:
    from lapor_desktop.holiday_defaults import national_holidays
    from lapor_desktop.resources import default_categories, default_rulebook

    seed_master_data(engine, default_categories(), default_rulebook(), national_holidays(years))


def add_office(
    engine: Engine,
    code: str,
    name: str,
    *,
    regency: str = "",
    unit_code: str = "",
    timezone: str = "Asia/Jakarta",
) -> str:
    try:
        code = validate_office_code(code)
    except ValidationError as error:
        raise AdminError(str(error)) from None
    if not name.strip():
        raise AdminError("office name is required")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise AdminError(f"unknown time zone {timezone!r} (for example Asia/Jakarta)") from None
    with write_session(engine) as session:
        if session.get(Office, code) is not None:
            raise AdminError(f"office {code} already exists")
        session.add(
            Office(
                code=code,
                name=name.strip(),
                regency=regency.strip(),
                unit_code=unit_code.strip(),
                timezone=timezone,
                active=True,
            )
        )
    return code


def add_user(
    engine: Engine,
    username: str,
    office: str,
    password: str,
    *,
    role: str = "operator",
    name: str | None = None,
    password_cost: int = DEFAULT_COST,
) -> None:
    username = username.strip()
    if not username or len(username) > 80 or any(ch.isspace() for ch in username):
        raise AdminError("username must be 1–80 characters without spaces")
    if len(password) < 8:
        raise AdminError("password must be at least 8 characters")
    try:
        Role(role)
    except ValueError:
        raise AdminError(
            f"unknown role {role!r}; expected operator, coordinator or admin"
        ) from None
    office = office.strip().upper()
    with write_session(engine) as session:
        if session.get(Office, office) is None:
            raise AdminError(f"unknown office {office}; add it first with add-office")
        if session.get(UserAccount, username) is not None:
            raise AdminError(f"user {username} already exists")
        session.add(
            UserAccount(
                username=username,
                name=(name or username).strip(),
                office=office,
                role=role,
                password_hash=hash_password(password, cost=password_cost),
                active=True,
            )
        )


def revoke_device(engine: Engine, device_id: str) -> None:
    with write_session(engine) as session:
        if session.get(Device, device_id) is None:
            raise AdminError(f"unknown device {device_id}")
        revoke_in(session, device_id)


def release_device(engine: Engine, device_id: str) -> None:
    """Let any user of the device's office enroll it again (enrollment/_holds_device): for a
    PC whose data dir lost its tokens and whose operator has left. Its tokens die, so the
    PC logs in again; its sequence and number blocks stay."""
    with write_session(engine) as session:
        device = session.get(Device, device_id)
        if device is None:
            raise AdminError(f"unknown device {device_id}")
        if device.revoked:
            # Without tokens a revoked PC would hear "log in again", not "revoked".
            raise AdminError(f"device {device_id} is revoked; a revoked device stays so")
        session.execute(delete(Token).where(Token.device_id == device_id))


def revoke_in(session: Session, device_id: str) -> None:
    # Its tokens stay: a request with one is answered "403 revoked", which tells the device to
    # stop syncing (keeping its data), rather than a 401 that would ask for a new login.
    session.execute(update(Device).where(Device.device_id == device_id).values(revoked=True))


def schema_ready(engine: Engine) -> bool:
    try:
        return is_current(engine)
    except SchemaError as error:
        raise AdminError(str(error)) from None
