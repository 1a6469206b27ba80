"""Issued letters: one row per letter printed from a case, in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, except_, insert, select, update
from sqlalchemy.orm import Session

from lapor_desktop.domain.ops import iso, parse_instant
from lapor_desktop.storage.rows import BlobRow, CaseRow, IssuedLetterRow


@dataclass(frozen=True, slots=True)
class LetterRecord:
    """What the database knows of an issued letter (the PDF is in the blob store)."""

    id: str
    case_id: str
    register_no: str
    kind: str
    variant: str
    number: str | None
    paper: str
    sha256: str
    size: int
    issued_at: datetime
    issued_by: str
    voided_at: datetime | None
    void_reason: str | None
    # The case became anonymous after this letter named the reporter: its PDF is deleted.
    withheld_at: datetime | None = None
    # As printed: the Hal, and a Surat Penerusan's agency (None: issued before migration 0007,
    # or addressed to the reporter, whose name is never stored here).
    subject: str | None = None
    addressed_to: str | None = None


class LetterRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: LetterRecord) -> None:
        self._session.execute(
            insert(IssuedLetterRow).values(
                id=record.id,
                case_id=record.case_id,
                kind=record.kind,
                variant=record.variant,
                number=record.number,
                paper=record.paper,
                sha256=record.sha256,
                size=record.size,
                issued_at=iso(record.issued_at),
                issued_by=record.issued_by,
                subject=record.subject,
                addressed_to=record.addressed_to,
            )
        )

    def get(self, letter_id: str) -> LetterRecord | None:
        found = self._query(IssuedLetterRow.id == letter_id)
        return found[0] if found else None

    def get_by_number(self, number: str) -> LetterRecord | None:
        found = self._query(IssuedLetterRow.number == number)
        return found[0] if found else None

    def for_case(self, case_id: str) -> list[LetterRecord]:
        return self._query(IssuedLetterRow.case_id == case_id)

    def issued_between(self, start: datetime, end: datetime) -> list[LetterRecord]:
        """Letters issued in [start, end); times compare as the stored UTC ISO text."""
        return self._query(
            IssuedLetterRow.issued_at >= iso(start), IssuedLetterRow.issued_at < iso(end)
        )

    def void(self, letter_id: str, reason: str, at: datetime) -> None:
        self._session.execute(
            update(IssuedLetterRow)
            .where(IssuedLetterRow.id == letter_id)
            .values(voided_at=iso(at), void_reason=reason)
        )

    def withheld_files(self) -> set[str]:
        """PDFs of withheld letters that nothing else stored needs (same bytes elsewhere)."""
        withheld = select(IssuedLetterRow.sha256).where(IssuedLetterRow.withheld_at.is_not(None))
        kept = select(IssuedLetterRow.sha256).where(IssuedLetterRow.withheld_at.is_(None))
        attached = select(BlobRow.sha256)
        return set(self._session.execute(except_(withheld, kept, attached)).scalars())

    def _query(self, *where: ColumnElement[bool]) -> list[LetterRecord]:
        stmt = (
            select(IssuedLetterRow, CaseRow.register_no)
            .join(CaseRow, CaseRow.id == IssuedLetterRow.case_id)
            .where(*where)
            .order_by(IssuedLetterRow.issued_at, IssuedLetterRow.row_id)
        )
        return [_record(row, register_no) for row, register_no in self._session.execute(stmt)]


def _record(row: IssuedLetterRow, register_no: str) -> LetterRecord:
    return LetterRecord(
        id=row.id,
        case_id=row.case_id,
        register_no=register_no,
        kind=row.kind,
        variant=row.variant,
        number=row.number,
        paper=row.paper,
        sha256=row.sha256,
        size=row.size,
        issued_at=parse_instant(row.issued_at),
        issued_by=row.issued_by,
        voided_at=parse_instant(row.voided_at) if row.voided_at else None,
        void_reason=row.void_reason,
        withheld_at=parse_instant(row.withheld_at) if row.withheld_at else None,
        subject=row.subject,
        addressed_to=row.addressed_to,
    )
