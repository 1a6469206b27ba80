"""Number sequences (register and letter numbers): incremented in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain.ops import iso
from lapor_desktop.storage.rows import NumberSequenceRow, NumberVoidRow


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
