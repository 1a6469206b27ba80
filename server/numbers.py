"""Number blocks: ranges of register/letter numbers leased to one device.

Every lease moves the register's floor up in one UPDATE, so blocks of two devices can never
overlap; the floor also rises to numbers reported at enrollment and to official numbers of
pushed cases, so a lease always starts above everything the office used.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from lapor_desktop.domain.ops import iso
from server.errors import ApiError
from server.tables import Device, NumberBlockRow, NumberFloor, Office
from sync.protocol import NumberBlock

MAX_BLOCK = 10_000
# Far above any office's yearly register (a few thousand), far below a BIGINT: a larger number
# is a client bug or an attack, refused before it could poison a floor.
MAX_NUMBER = 10**9
# The sequences a device may lease; anything else of an office is not a number of its own.
LEASED_KINDS = ("register", "letter")


def own_sequence(register: str, office: str) -> bool:
    """Whether `register` is one of the sequences `office` leases: exactly `register:OFFICE`
    or `letter:OFFICE`. Anything longer (`register:DINSOS:x`) is a floor of no sequence, which
    nothing would ever read: a client bug or an attack, not a number of the office's."""
    kind, _, rest = register.partition(":")
    return kind in LEASED_KINDS and rest == office


def device_ordinal(session: Session, device: Device) -> int:
    """The device's ordinal within its office, given the next free one on first need.

    Ordinals are never reused (a revoked device's stuck provisional numbers stay its own), so
    the next is one above the office's highest. The office row's lock serialises two
    assignments of one office on PostgreSQL; SQLite's write transaction is serial anyway;
    the unique (office, ordinal) constraint holds should either ever fail.
    """
    if device.ordinal is not None:
        return device.ordinal
    office = select(Office.code).where(Office.code == device.office)
    if session.get_bind().dialect.name == "postgresql":
        # FOR NO KEY UPDATE: serialises two assignments of one office, yet does not wait for
        # the KEY SHARE lock an enrollment's device insert (its foreign key) holds on the
        # office row, which FOR UPDATE would, deadlocking two enrollments.
        office = office.with_for_update(key_share=True)
    session.execute(office)
    highest = session.execute(
        select(func.max(Device.ordinal)).where(Device.office == device.office)
    ).scalar()
    device.ordinal = int(highest or 0) + 1
    session.flush()
    return device.ordinal


def _ensure_floor(session: Session, register: str, year: int) -> None:
    dialect = session.get_bind().dialect.name
    make = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        make(NumberFloor)
        .values(register=register, year=year, last=0)
        .on_conflict_do_nothing(index_elements=["register", "year"])
    )


def raise_floor(session: Session, register: str, year: int, value: int) -> None:
    _ensure_floor(session, register, year)
    session.execute(
        update(NumberFloor)
        .where(NumberFloor.register == register, NumberFloor.year == year)
        .values(last=case((NumberFloor.last < value, value), else_=NumberFloor.last))
    )


def lease(
    session: Session,
    *,
    office: str,
    device_id: str,
    register: str,
    year: int,
    count: int,
    now: datetime,
) -> NumberBlock:
    if not own_sequence(register, office):
        raise ApiError(403, "forbidden", f"{register!r} is not a number sequence of {office}")
    if not 1 <= count <= MAX_BLOCK:
        raise ApiError(400, "bad_request", f"count must be 1–{MAX_BLOCK}")
    if not 2000 <= year <= 2200:
        raise ApiError(400, "bad_request", "year out of range")
    _ensure_floor(session, register, year)
    current = session.execute(
        select(NumberFloor.last).where(NumberFloor.register == register, NumberFloor.year == year)
    ).scalar_one()
    if current + count > MAX_NUMBER:
        raise ApiError(409, "conflict", f"{register} {year} has no numbers left to lease")
    end = session.execute(
        update(NumberFloor)
        .where(NumberFloor.register == register, NumberFloor.year == year)
        .values(last=NumberFloor.last + count)
        .returning(NumberFloor.last)
    ).scalar_one()
    start = int(end) - count + 1
    session.add(
        NumberBlockRow(
            office=office,
            register=register,
            year=year,
            device_id=device_id,
            start=start,
            end=int(end),
            leased_at=iso(now),
        )
    )
    device = session.get(Device, device_id)
    ordinal = None if device is None else device_ordinal(session, device)
    return NumberBlock(
        register=register, year=year, start=start, end=int(end), device_ordinal=ordinal
    )
