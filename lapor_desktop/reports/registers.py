"""The printable registers of DOMAIN.md §8.7.7 (archive classification 000.5.3.1): the Buku
Agenda pengaduan (every complaint the office received in a period) and the Register surat
keluar (every numbered letter it issued), plain frozen rows built from domain objects.

Like the recap (`reports.recap`), only domain objects come in: the service reads the cases
and the issued letters and hands them here, so the registers never depend on storage.

Privacy, as in the recap's annex: a register is printed and filed, so no reporter's phone,
address, e-mail or NIK is ever part of it. The reporter's (or a letter's addressee's) name
shows only when the case is neither anonymous nor confidential, "Anonim" or "Dirahasiakan"
in its place otherwise; a confidential case's title is withheld (`title` None).

Which cases a Buku Agenda lists: the recap's (`recap.counts_for`), i.e. received in the
period (the office's local day) and registered or held by this office; ordered by the moment
of receipt, then by register number. Which letters a Register surat keluar lists: those with
a letter number (a Lembar Disposisi has none and stays inside the office) issued in the
period (the office's local day), in the order they were issued; a voided letter keeps its
line, marked, because a number is never reused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.letters.model import LetterKind
from lapor_desktop.reports.model import Period
from lapor_desktop.reports.recap import OfficeInfo, counts_for

ANONYMOUS = "Anonim"
CONFIDENTIAL = "Dirahasiakan"
NO_REPORTER = "—"  # a case registered without any reporter data (not anonymous)
# What a Surat Tanggapan without identity is addressed to (services.letter_content).
ANONYMOUS_ADDRESSEE = "Pelapor SP4N-LAPOR!"

# A case is done for this office in these states: closed, or forwarded out of the Pemda.
_DONE = frozenset(
    (
        CaseStatus.RESOLVED,
        CaseStatus.ARCHIVED,
        CaseStatus.CLOSED_INCOMPLETE,
        CaseStatus.CANCELLED,
        CaseStatus.FORWARDED,
    )
)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One line of the Buku Agenda: one case received in the period."""

    register_no: str  # the No. agenda
    received_on: date  # local day
    received_at: datetime  # aware, UTC (the order)
    channel: str  # Channel value
    reporter: str  # the name, ANONYMOUS, CONFIDENTIAL or NO_REPORTER
    title: str | None  # None for a confidential case
    category_code: str
    destination: str  # disposed or forwarded to ("" when neither)
    status: str  # CaseStatus value
    finished_on: date | None  # local day the case was closed or forwarded, if it is
    tracking_id: str | None


@dataclass(frozen=True, slots=True)
class LetterEntry:
    """One line of the Register surat keluar: one numbered letter issued in the period."""

    number: str
    issued_on: date  # local day
    kind: str  # LetterKind value
    kind_title: str  # "Surat Tanggapan", "Tanda Terima"…
    recipient: str  # as addressed, a reporter's name masked as in AgendaEntry.reporter
    subject: str  # the letter's Hal
    register_no: str  # the complaint it answers
    voided_on: date | None = None  # the number stays burnt; the line says so
    withheld: bool = False  # the case became anonymous later: no copy is kept


@dataclass(frozen=True, slots=True)
class RegisterHeading:
    """Whose register it is, for which period, made when (shared by both registers)."""

    office_code: str
    office_name: str
    regency: str
    period: Period
    as_of: datetime  # aware, UTC
    time_zone: str = "Asia/Jakarta"


@dataclass(frozen=True, slots=True)
class AgendaBook:
    heading: RegisterHeading
    entries: tuple[AgendaEntry, ...]
    category_names: tuple[tuple[str, str], ...] = ()  # code -> path, for the codes used

    def category_name(self, code: str) -> str:
        return dict(self.category_names).get(code, code)


@dataclass(frozen=True, slots=True)
class LetterRegister:
    heading: RegisterHeading
    entries: tuple[LetterEntry, ...]


def heading(office: OfficeInfo, period: Period, as_of: datetime, tz: tzinfo) -> RegisterHeading:
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    return RegisterHeading(
        office_code=office.code,
        office_name=office.name,
        regency=office.regency,
        period=period,
        as_of=as_of.astimezone(ZoneInfo("UTC")),
        time_zone=tz.key if isinstance(tz, ZoneInfo) else str(tz),
    )


def reporter_shown(case: Case) -> str:
    """The reporter as a register may print them: the name, or why not."""
    if case.anonymous:
        return ANONYMOUS
    if case.confidential:
        return CONFIDENTIAL
    name = (case.reporter.name or "").strip() if case.reporter is not None else ""
    return " ".join(name.split()) or NO_REPORTER


def destination(case: Case, office_names: Mapping[str, str]) -> str:
    """Where the case went: the agency it was forwarded to, else its last disposition's
    target (the other OPD, with the unit when one was named), else ""."""
    if case.forwarded_to:
        return case.forwarded_to
    if not case.dispositions:
        return ""
    last = case.dispositions[-1]
    if last.to_office is not None:
        office = office_names.get(last.to_office, last.to_office)
        return f"{office} ({last.to_unit})" if last.to_unit else office
    return last.to_unit or last.to_person or ""


def finished_at(case: Case) -> datetime | None:
    """When the case was closed or forwarded: every open SLA clock stops at that moment, so
    the latest clock's end; None while the case is open (a reopened case is open again)."""
    if case.status not in _DONE:
        return None
    ends = [c.completed_at for c in case.clocks if c.completed_at is not None]
    return max(ends) if ends else case.updated_at


def register_key(register_no: str) -> str:
    """DINSOS/2026/00012 before DINSOS/2026/00100 (numbers compared as numbers)."""
    return _DIGITS.sub(lambda m: m.group().zfill(12), register_no)


def compute_agenda(
    cases: Iterable[Case],
    *,
    period: Period,
    office: OfficeInfo,
    as_of: datetime,
    tz: tzinfo,
    categories: CategoryTree,
    office_names: Mapping[str, str] | None = None,
) -> AgendaBook:
    """The Buku Agenda of `period` over those of `cases` that count (see the module)."""
    names = dict(office_names or {})
    names.setdefault(office.code, office.name)
    entries: list[AgendaEntry] = []
    for case in cases:
        if not counts_for(case, office.code, period, tz):
            continue
        done = finished_at(case)
        entries.append(
            AgendaEntry(
                register_no=case.register_no,
                received_on=case.received_at.astimezone(tz).date(),
                received_at=case.received_at.astimezone(ZoneInfo("UTC")),
                channel=case.channel.value,
                reporter=reporter_shown(case),
                title=None if case.confidential else case.title,
                category_code=case.category_code,
                destination=destination(case, names),
                status=case.status.value,
                finished_on=None if done is None else done.astimezone(tz).date(),
                tracking_id=case.lapor_tracking_id,
            )
        )
    entries.sort(key=lambda e: (e.received_at, register_key(e.register_no)))
    codes = sorted({e.category_code for e in entries})
    return AgendaBook(
        heading=heading(office, period, as_of, tz),
        entries=tuple(entries),
        category_names=tuple((c, categories.path(c)) for c in codes),
    )


def letter_recipient(case: Case, kind: LetterKind, anonymous_document: bool) -> str:
    """Whom the letter is addressed to: the agency of a Surat Penerusan as stored on the case,
    the reporter of the others (masked like the agenda's reporter)."""
    if kind is LetterKind.FORWARD:
        return case.forwarded_to or "—"
    if anonymous_document:
        return ANONYMOUS_ADDRESSEE
    return reporter_shown(case)


def letter_subject(case: Case, kind: LetterKind, anonymous_document: bool) -> str:
    """The letter's Hal as the letter templates write it (services.letter_content); only the
    register number or tracking id, never the complaint's title."""
    reference = f"Nomor Registrasi {case.register_no}"
    if kind is LetterKind.RESPONSE:
        if anonymous_document and case.lapor_tracking_id:
            reference = f"Nomor Tracking #{case.lapor_tracking_id}"
        return f"Tanggapan atas Pengaduan {reference}"
    if kind is LetterKind.FORWARD:
        return f"Penerusan Pengaduan {reference}"
    if kind is LetterKind.COMPLETION:
        return f"Permintaan Kelengkapan Data Pengaduan {reference}"
    if kind is LetterKind.RECEIPT:
        return f"Tanda Terima Pengaduan {reference}"
    return f"Lembar Disposisi Pengaduan {reference}"


@dataclass(frozen=True, slots=True)
class IssuedLetterFacts:
    """What the service knows of an issued letter, as plain values (no services type here)."""

    number: str
    issued_at: datetime  # aware
    kind: str  # LetterKind value
    kind_title: str
    anonymous_document: bool
    register_no: str
    voided_at: datetime | None = None
    withheld: bool = False
    # As printed (stored since migration 0007); None: described from the case as it is now.
    subject: str | None = None
    addressed_to: str | None = None


def compute_letter_register(
    letters: Iterable[tuple[IssuedLetterFacts, Case]],
    *,
    period: Period,
    office: OfficeInfo,
    as_of: datetime,
    tz: tzinfo,
) -> LetterRegister:
    """The Register surat keluar of `period`: the numbered letters issued in it, in the order
    given (the service reads them in issue order); others are skipped."""
    entries: list[LetterEntry] = []
    for facts, case in letters:
        issued_on = facts.issued_at.astimezone(tz).date()
        if not facts.number or not period.first_day <= issued_on <= period.last_day:
            continue
        kind = LetterKind(facts.kind)
        entries.append(
            LetterEntry(
                number=facts.number,
                issued_on=issued_on,
                kind=kind.value,
                kind_title=facts.kind_title,
                recipient=facts.addressed_to
                or letter_recipient(case, kind, facts.anonymous_document),
                subject=facts.subject or letter_subject(case, kind, facts.anonymous_document),
                register_no=facts.register_no,
                voided_on=None
                if facts.voided_at is None
                else facts.voided_at.astimezone(tz).date(),
                withheld=facts.withheld,
            )
        )
    return LetterRegister(heading=heading(office, period, as_of, tz), entries=tuple(entries))


__all__ = [
    "ANONYMOUS",
    "CONFIDENTIAL",
    "AgendaBook",
    "AgendaEntry",
    "IssuedLetterFacts",
    "LetterEntry",
    "LetterRegister",
    "RegisterHeading",
    "compute_agenda",
    "compute_letter_register",
    "destination",
    "finished_at",
    "letter_recipient",
    "letter_subject",
    "register_key",
    "reporter_shown",
]
