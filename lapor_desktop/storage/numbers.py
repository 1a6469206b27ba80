"""Number sequences (register and letter numbers): incremented in the caller's transaction.

A data dir that never enrolled owns its office's sequences (`LocalNumberSource`). Once enrolled
(the `sync.enrolled` setting exists), register and letter numbers come from blocks the server
leased to this device (`BlockNumberSource`), so two PCs of one office working offline never
issue the same number; `device_seq` and any other counter stay local.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.identifiers import RegisterNumber
from lapor_desktop.domain.ops import iso
from lapor_desktop.storage.rows import (
    NumberBlockRow,
    NumberSequenceRow,
    NumberVoidRow,
    SettingRow,
)

# The setting whose presence makes a data dir draw numbers from leased blocks.
ENROLLED_SETTING = "sync.enrolled"
# Sequences the server leases; everything else (device_seq) is this PC's own counter.
LEASED_PREFIXES = ("register:", "letter:")
# This PC's own counter of provisional register numbers (`…/S{ordinal}-{n}`), drawn only when
# the leased register numbers ran out offline; each is replaced by an official number at sync.
PROVISIONAL_PREFIX = "provisional:"
# This PC's ordinal among the devices of its office, given by the server at enrollment: it goes
# into every provisional number (`…/S{ordinal}-{n}`), so two PCs of one office never issue the
# same one even though each counts its own.
DEVICE_ORDINAL_SETTING = "sync.device_ordinal"


def provisional_register(office: str) -> str:
    return f"{PROVISIONAL_PREFIX}{office}"


def device_ordinal(session: Session) -> int | None:
    """This PC's ordinal in its office; None before the server gave one (an older server)."""
    raw = session.execute(
        select(SettingRow.value).where(SettingRow.key == DEVICE_ORDINAL_SETTING)
    ).scalar()
    if raw is None:
        return None
    value = json.loads(raw)
    return value if isinstance(value, int) and value >= 1 else None


def set_device_ordinal(session: Session, ordinal: int) -> None:
    if ordinal < 1:
        raise ValueError(f"a device ordinal starts at 1, not {ordinal}")
    row = session.get(SettingRow, DEVICE_ORDINAL_SETTING)
    if row is None:
        session.add(SettingRow(key=DEVICE_ORDINAL_SETTING, value=json.dumps(ordinal)))
    elif row.value != json.dumps(ordinal):
        row.value = json.dumps(ordinal)
    session.flush()


def next_provisional(
    numbers: NumberSource, session: Session, office: str, year: int
) -> RegisterNumber:
    """The next provisional register number of this PC (`…/S{ordinal}-{n}`).

    Without an ordinal (enrolled with a server that gives none, not yet synced since) it is
    the old `…/S-{n}`, which another PC of the office may also issue; the next lease brings
    the ordinal.
    """
    seq = numbers.next_number(provisional_register(office), year)
    return RegisterNumber(office, year, seq, provisional=True, device=device_ordinal(session))


class NumbersExhausted(DomainError):
    """An enrolled PC used every number the server leased to it for a register and year."""

    code = "numbers_exhausted"

    def __init__(self, register: str, year: int) -> None:
        super().__init__(
            f"the numbers leased to this PC for {register} {year} are used up; "
            "sync to get more (nomor dari server habis, lakukan sinkronisasi)"
        )
        self.register = register
        self.year = year


class NumberSource(Protocol):
    """Where the next number of a register comes from.

    A data dir that never enrolled owns its office's sequences outright (this local source);
    the sync work plugs in a source that draws from server-leased blocks.
    """

    def next_number(self, register: str, year: int) -> int: ...


class LocalNumberSource:
    def __init__(self, session: Session) -> None:
        self._session = session

    def next_number(self, register: str, year: int) -> int:
        # The increment commits or rolls back with the record that uses the number, so a crash
        # can neither burn nor duplicate one.
        bumped = self._session.execute(
            update(NumberSequenceRow)
            .where(NumberSequenceRow.name == register, NumberSequenceRow.year == year)
            .values(last=NumberSequenceRow.last + 1)
            .returning(NumberSequenceRow.last)
        ).scalar()
        if bumped is not None:
            return int(bumped)
        self._session.execute(insert(NumberSequenceRow).values(name=register, year=year, last=1))
        return 1

    def reserve_many(self, register: str, year: int, count: int) -> int:
        """Take `count` consecutive numbers at once (bulk import); returns the first."""
        first = self.next_number(register, year)
        if count > 1:
            self._session.execute(
                update(NumberSequenceRow)
                .where(NumberSequenceRow.name == register, NumberSequenceRow.year == year)
                .values(last=NumberSequenceRow.last + (count - 1))
            )
        return first

    def last_number(self, register: str, year: int) -> int:
        value = self._session.execute(
            select(NumberSequenceRow.last).where(
                NumberSequenceRow.name == register, NumberSequenceRow.year == year
            )
        ).scalar()
        return int(value or 0)

    def void(self, number: str, reason: str, actor: str, at: datetime) -> None:
        self._session.execute(
            insert(NumberVoidRow).values(number=number, reason=reason, actor=actor, at=iso(at))
        )


def is_leased(register: str) -> bool:
    return register.startswith(LEASED_PREFIXES)


def is_enrolled(session: Session) -> bool:
    found = session.execute(
        select(SettingRow.key).where(SettingRow.key == ENROLLED_SETTING)
    ).scalar()
    return found is not None


@dataclass(frozen=True, slots=True)
class LeasedBlock:
    register: str
    year: int
    start: int
    end: int
    next: int

    @property
    def remaining(self) -> int:
        return max(0, self.end - self.next + 1)


class NumberBlocks:
    """The blocks leased to this device: stored at enrollment and at every sync."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, register: str, year: int, start: int, end: int, at: datetime) -> bool:
        """Store a block (a replayed lease of the same block is ignored); True when new."""
        if end < start:
            raise ValueError(f"empty block {start}..{end} for {register} {year}")
        exists = self._session.execute(
            select(NumberBlockRow.start).where(
                NumberBlockRow.register == register,
                NumberBlockRow.year == year,
                NumberBlockRow.start == start,
            )
        ).scalar()
        if exists is not None:
            return False
        self._session.execute(
            insert(NumberBlockRow).values(
                register=register, year=year, start=start, end=end, next=start, leased_at=iso(at)
            )
        )
        return True

    def remaining(self, register: str, year: int) -> int:
        value = self._session.execute(
            select(func.sum(NumberBlockRow.end - NumberBlockRow.next + 1)).where(
                NumberBlockRow.register == register,
                NumberBlockRow.year == year,
                NumberBlockRow.next <= NumberBlockRow.end,
            )
        ).scalar()
        return int(value or 0)

    def all(self) -> list[LeasedBlock]:
        stmt = select(NumberBlockRow).order_by(
            NumberBlockRow.register, NumberBlockRow.year, NumberBlockRow.start
        )
        return [
            LeasedBlock(r.register, r.year, r.start, r.end, r.next)
            for r in self._session.execute(stmt).scalars()
        ]

    def take(self, register: str, year: int, count: int = 1) -> int:
        """The first of `count` consecutive numbers from the lowest open block."""
        blocks = self._session.execute(
            select(NumberBlockRow)
            .where(
                NumberBlockRow.register == register,
                NumberBlockRow.year == year,
                NumberBlockRow.next + (count - 1) <= NumberBlockRow.end,
            )
            .order_by(NumberBlockRow.start)
            .limit(1)
        ).scalar()
        if blocks is None:
            raise NumbersExhausted(register, year)
        first = blocks.next
        # A guarded update: the write transaction holds SQLite's lock, the guard documents it.
        self._session.execute(
            update(NumberBlockRow)
            .where(
                NumberBlockRow.register == register,
                NumberBlockRow.year == year,
                NumberBlockRow.start == blocks.start,
                NumberBlockRow.next == first,
            )
            .values(next=first + count)
        )
        return first


class BlockNumberSource(LocalNumberSource):
    """Register and letter numbers from leased blocks; other counters as LocalNumberSource.

    The local `number_sequence` row still records the highest number issued, so a device that
    enrolls again reports it and the server never leases it twice.
    """

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.blocks = NumberBlocks(session)

    def next_number(self, register: str, year: int) -> int:
        if not is_leased(register):
            return super().next_number(register, year)
        number = self.blocks.take(register, year)
        self._record_high(register, year, number)
        return number

    def reserve_many(self, register: str, year: int, count: int) -> int:
        if not is_leased(register):
            return super().reserve_many(register, year, count)
        first = self.blocks.take(register, year, count)
        self._record_high(register, year, first + count - 1)
        return first

    def _record_high(self, register: str, year: int, number: int) -> None:
        bumped = self._session.execute(
            update(NumberSequenceRow)
            .where(NumberSequenceRow.name == register, NumberSequenceRow.year == year)
            .values(last=func.max(NumberSequenceRow.last, number))
            .returning(NumberSequenceRow.last)
        ).scalar()
        if bumped is None:
            self._session.execute(
                insert(NumberSequenceRow).values(name=register, year=year, last=number)
            )


def sequence_highs(session: Session, names: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(name, year, last) of the named local sequences: what enrollment reports as used."""
    stmt = (
        select(NumberSequenceRow.name, NumberSequenceRow.year, NumberSequenceRow.last)
        .where(NumberSequenceRow.name.in_(names), NumberSequenceRow.last > 0)
        .order_by(NumberSequenceRow.name, NumberSequenceRow.year)
    )
    return [(str(n), int(y), int(last)) for n, y, last in session.execute(stmt)]
