"""The registers of DOMAIN.md §8.7.7: the Buku Agenda pengaduan and the Register surat keluar
of a period, read from the database and written as CSV, XLSX or PDF.

The cases are streamed from one read unit of work like the recap's (`services.reports`), the
same selection as an office recap: received in the period (the office's local day) and
registered or held by this office. The letters are those issued on this PC (numbered ones; a
Lembar Disposisi has no number) in the period. This office's own register only: there is no
whole-Pemda register. The files are written atomically like the recap.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.letters.model import LetterKind
from lapor_desktop.progress import Progress
from lapor_desktop.reports.model import Period
from lapor_desktop.reports.recap import OfficeInfo
from lapor_desktop.reports.register_sheet import RegisterSheet, agenda_sheet, letter_sheet
from lapor_desktop.reports.registers import (
    AgendaBook,
    IssuedLetterFacts,
    LetterRegister,
    compute_agenda,
    compute_letter_register,
)
from lapor_desktop.services.letter_content import ANONYMOUS_DOCUMENT_TITLE, TITLES
from lapor_desktop.services.letters import VARIANT_ANONYMOUS
from lapor_desktop.services.reports import (
    cases_received,
    known_office_names,
    parse_format,
    period_bounds,
)
from lapor_desktop.services.saved_files import write_atomically
from lapor_desktop.services.workspace import Workspace

AGENDA = "agenda"
OUTGOING = "surat-keluar"
BOOKS = (AGENDA, OUTGOING)
_BATCH = 500


def parse_book(value: str) -> str:
    wanted = value.strip().lower().replace("_", "-")
    aliases = {"buku-agenda": AGENDA, "surat": OUTGOING, "keluar": OUTGOING}
    wanted = aliases.get(wanted, wanted)
    if wanted not in BOOKS:
        raise ValidationError("book", f"{value!r} is not one of {', '.join(BOOKS)}")
    return wanted


class RegisterService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def agenda(self, period: Period, progress: Progress | None = None) -> AgendaBook:
        ws = self._ws
        office = ws.office
        reference = ws.reference()
        with ws.db.read() as uow:
            return compute_agenda(
                cases_received(uow, self._ws, period, progress),
                period=period,
                office=OfficeInfo(office.code, office.name, office.regency),
                as_of=ws.clock().astimezone(UTC),
                tz=ws.tz,
                categories=reference.categories,
                office_names=known_office_names(uow),
            )

    def letters(self, period: Period, progress: Progress | None = None) -> LetterRegister:
        ws = self._ws
        office = ws.office
        start, end = period_bounds(self._ws, period)
        with ws.db.read() as uow:
            records = [r for r in uow.letters.issued_between(start, end) if r.number]
            if progress is not None:
                progress.step(0, len(records), "Membaca surat keluar")
            cases: dict[str, Case] = {}
            pairs: list[tuple[IssuedLetterFacts, Case]] = []
            for done, record in enumerate(records, start=1):
                case = cases.get(record.case_id)
                if case is None:
                    found = uow.cases.get(record.case_id)
                    if found is None:  # a letter's case is never deleted; be safe anyway
                        continue
                    case = cases[record.case_id] = found
                anonymous_document = record.variant == VARIANT_ANONYMOUS
                kind = LetterKind(record.kind)
                pairs.append(
                    (
                        IssuedLetterFacts(
                            number=record.number or "",
                            issued_at=record.issued_at,
                            kind=kind.value,
                            kind_title=ANONYMOUS_DOCUMENT_TITLE
                            if anonymous_document
                            else TITLES[kind],
                            anonymous_document=anonymous_document,
                            register_no=record.register_no,
                            voided_at=record.voided_at,
                            withheld=record.withheld_at is not None,
                            subject=record.subject,
                            addressed_to=record.addressed_to,
                        ),
                        case,
                    )
                )
                if progress is not None and done % _BATCH == 0:
                    progress.step(done, len(records), "Membaca surat keluar")
        return compute_letter_register(
            pairs,
            period=period,
            office=OfficeInfo(office.code, office.name, office.regency),
            as_of=ws.clock().astimezone(UTC),
            tz=ws.tz,
        )

    def sheet(self, book: str, period: Period, progress: Progress | None = None) -> RegisterSheet:
        """The register `book` (AGENDA or OUTGOING) of `period` as the table its files print."""
        if parse_book(book) == AGENDA:
            return agenda_sheet(self.agenda(period, progress))
        return letter_sheet(self.letters(period, progress))

    def export(
        self,
        book: str,
        period: Period,
        fmt: str,
        path: Path,
        progress: Progress | None = None,
    ) -> RegisterSheet:
        """Read and write the register to `path` in `fmt` (csv, xlsx, pdf), atomically."""
        kind = parse_format(fmt)
        sheet = self.sheet(book, period, progress)
        if progress is not None:
            progress.check()
        data = render(sheet, kind)
        if progress is not None:
            progress.check()
        check = progress.check if progress is not None else None
        write_atomically(path, data, prefix=".lapor-register-", before_replace=check)
        return sheet


def render(sheet: RegisterSheet, kind: str) -> bytes:
    # Imported here: openpyxl and reportlab cost hundreds of ms to import.
    if kind == "csv":
        from lapor_desktop.reports.register_tables import render_register_csv

        return render_register_csv(sheet)
    if kind == "xlsx":
        from lapor_desktop.reports.register_tables import render_register_xlsx

        return render_register_xlsx(sheet)
    from lapor_desktop.reports.register_pdf import render_register_pdf

    return render_register_pdf(sheet)


__all__ = ["AGENDA", "BOOKS", "OUTGOING", "RegisterService", "parse_book", "render"]
