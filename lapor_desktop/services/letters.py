"""Issuing formal letters from a case: number, PDF, storage, listing, reprint and void.

A letter number is `{classification}/{seq}/{unit_code}/{year}` (format and classification per
office and letter kind, stored in the `setting` table); one sequence per register
(`letter:{office}`) per year, shared by every kind. Issuing runs in ONE write transaction:
the number is drawn, the PDF is rendered and written to the blob store (fsynced), and the
`issued_letter` row is inserted; the commit makes all of it real at once. A crash anywhere
before the commit rolls the number back (at worst an unreferenced PDF file stays behind), so a
number is never burnt by a crash and never given twice. A void keeps the number burnt and
records the reason in `number_void`.

The number comes through the `NumberSource` protocol (`number_source` below): the local
sequence today, server-leased blocks once the sync work plugs them in.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.errors import DomainError, UnknownCode, ValidationError
from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.sla import Deadline
from lapor_desktop.letters.model import (
    DispositionSheet,
    FormalLetter,
    LetterKind,
    Paper,
    Receipt,
)
from lapor_desktop.reports.registers import letter_subject
from lapor_desktop.services import letter_content as content
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.deadlines import deadlines as case_deadlines
from lapor_desktop.services.letter_content import (
    ANONYMOUS_DOCUMENT_TITLE,
    BLANK_DISPOSITION_TITLE,
    FORMAL_KINDS,
    TITLES,
    AnonymousReporter,
    IdentityInDocument,
    LetterInput,
    LetterNotAllowed,
    OfficeSettingsMissing,
    ReporterUnknown,
)
from lapor_desktop.services.office_admin import logo_path
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.settings import load_settings
from lapor_desktop.storage.letters import LetterRecord
from lapor_desktop.storage.numbers import NumbersExhausted, NumberSource
from lapor_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

NUMBERING_SETTING = "letter_numbering"
DEFAULT_FORMAT = "{classification}/{seq}/{unit_code}/{year}"
DEFAULT_CLASSIFICATIONS: dict[LetterKind, str] = {
    LetterKind.RESPONSE: "400.14.5.4",
    LetterKind.FORWARD: "400.14.5.4",
    LetterKind.COMPLETION: "400.14.5.4",
    LetterKind.RECEIPT: "000.8.3.4",
}
NUMBERED_KINDS = tuple(DEFAULT_CLASSIFICATIONS)  # a Lembar Disposisi takes no letter number
NUMBER_FIELDS = ("classification", "seq", "unit_code", "year", "month", "month_roman", "office")
_FIELD = re.compile(r"\{([^{}]*)\}")
_CLASSIFICATION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]*$")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Crash points for the tests: `LAPOR_CRASH_AT=letter_after_number` kills the process there.
CRASH_ENV = "LAPOR_CRASH_AT"
CRASH_POINTS = ("letter_after_number", "letter_after_store", "letter_before_commit")

DRAFT_NUMBER = "(nomor diberikan saat diterbitkan)"  # what a preview shows as the number
# What a letter shows as its number when the PC ran out of leased letter numbers offline.
PENDING_NUMBER = "(nomor diberikan setelah sinkronisasi)"
VARIANT_ANONYMOUS = "anonymous"  # a response without any identity, for upload to LAPOR!
VARIANT_BLANK = "blank"  # a Lembar Disposisi for handwriting


# --------------------------------------------------------------------------- errors


class LetterNotFound(DomainError):
    code = "not_found"

    def __init__(self, ref: str) -> None:
        super().__init__(f"no issued letter {ref!r} (give its id or its number)")
        self.ref = ref


class LetterAlreadyVoid(DomainError):
    code = "letter_void"

    def __init__(self, letter: IssuedLetter) -> None:
        when = letter.voided_at.isoformat() if letter.voided_at else "?"
        super().__init__(
            f"{letter.title} {letter.number or letter.id} was voided ({when}: "
            f"{letter.void_reason}); issue a new letter instead"
        )
        self.letter = letter


class LetterNumberPending(DomainError):
    """No leased letter number left offline: the letter is only a DRAFT, nothing was issued.

    `draft` is the watermarked DRAFT PDF (no number), for reading or checking; nothing was
    stored and no number was burnt. The final letter can be issued after the next sync.
    """

    code = "numbers_exhausted"

    def __init__(self, kind: LetterKind, draft: bytes) -> None:
        super().__init__(
            f"no letter number left on this PC: the {TITLES[kind]} is only a DRAFT and was not "
            "issued; issue it again after the next sync (nomor surat habis: surat ini DRAFT, "
            "terbitkan setelah sinkronisasi)"
        )
        self.kind = kind
        self.draft = draft


class LetterFileDamaged(DomainError):
    """The stored PDF of an issued letter is missing or no longer matches its hash."""

    code = "letter_file"


class LetterWithheld(DomainError):
    """The letter named a reporter who later withdrew their identity: no copy is kept here."""

    code = "letter_withheld"

    def __init__(self, letter: IssuedLetter) -> None:
        self.letter = letter
        super().__init__(
            f"{letter.title} {letter.number or letter.id} is no longer kept on this PC: the "
            "reporter's identity was removed from the case, and the letter named them; its "
            "number stays used. Issue a new letter if one is needed"
        )


# --------------------------------------------------------------------------- numbering


def roman_month(month: int) -> str:
    return _ROMAN[month - 1]


def check_format(fmt: str) -> str:
    """A number format: known `{fields}` only, with `{seq}` and `{year}` (numbers restart
    every year, so the year keeps them unique)."""
    text = fmt.strip()
    if not text:
        raise ValidationError("format", "is required")
    names = _FIELD.findall(text)
    unknown = [n for n in names if n not in NUMBER_FIELDS]
    if unknown:
        known = ", ".join("{" + name + "}" for name in NUMBER_FIELDS)
        raise ValidationError("format", f"unknown field {{{unknown[0]}}}; use {known}")
    if _FIELD.sub("", text).count("{") or _FIELD.sub("", text).count("}"):
        raise ValidationError("format", "unbalanced braces")
    for needed in ("seq", "year"):
        if needed not in names:
            raise ValidationError("format", f"must contain {{{needed}}}")
    return text


def check_classification(value: str) -> str:
    text = value.strip()
    if not _CLASSIFICATION.match(text):
        raise ValidationError(
            "classification", f"{value!r} is not a classification code (e.g. 400.14.5.4)"
        )
    return text


@dataclass(frozen=True, slots=True)
class NumberingRule:
    classification: str
    format: str = DEFAULT_FORMAT

    def __post_init__(self) -> None:
        check_classification(self.classification)
        check_format(self.format)

    @property
    def needs_unit_code(self) -> bool:
        return "{unit_code}" in self.format


@dataclass(frozen=True, slots=True)
class LetterNumbering:
    """Per letter kind: its classification code and number format (the office's setting)."""

    rules: Mapping[LetterKind, NumberingRule]

    @classmethod
    def defaults(cls) -> LetterNumbering:
        return cls({k: NumberingRule(c) for k, c in DEFAULT_CLASSIFICATIONS.items()})

    @classmethod
    def from_json(cls, raw: Any) -> LetterNumbering:
        rules = dict(cls.defaults().rules)
        if isinstance(raw, Mapping):
            for kind in NUMBERED_KINDS:
                entry = raw.get(kind.value)
                if isinstance(entry, Mapping):
                    try:
                        rules[kind] = NumberingRule(
                            str(entry.get("classification") or rules[kind].classification),
                            str(entry.get("format") or DEFAULT_FORMAT),
                        )
                    except ValidationError:
                        log.warning("ignoring the invalid numbering of %s: %r", kind, entry)
        return cls(rules)

    def to_json(self) -> dict[str, dict[str, str]]:
        return {
            kind.value: {"classification": rule.classification, "format": rule.format}
            for kind, rule in self.rules.items()
        }

    def rule(self, kind: LetterKind) -> NumberingRule:
        try:
            return self.rules[kind]
        except KeyError:
            raise ValidationError("kind", f"a {TITLES[kind]} takes no letter number") from None

    def format(self, kind: LetterKind, seq: int, unit_code: str, office: str, day: date) -> str:
        rule = self.rule(kind)
        values = {
            "classification": rule.classification,
            "seq": f"{seq:04d}",
            "unit_code": unit_code.strip(),
            "year": str(day.year),
            "month": f"{day.month:02d}",
            "month_roman": roman_month(day.month),
            "office": office,
        }
        return _FIELD.sub(lambda m: values[m[1]], rule.format)


def letter_register(office_code: str) -> str:
    return f"letter:{office_code}"


# --------------------------------------------------------------------------- results


def parse_letter_kind(value: LetterKind | str) -> LetterKind:
    if isinstance(value, LetterKind):
        return value
    text = value.strip().casefold().replace("_", "-")
    for kind in LetterKind:
        if text in (kind.value, kind.name.casefold().replace("_", "-")):
            return kind
    raise UnknownCode("letter kind", value, [k.value for k in LetterKind])


def parse_paper(value: Paper | str) -> Paper:
    if isinstance(value, Paper):
        return value
    try:
        return Paper(value.strip().upper())
    except ValueError:
        raise UnknownCode("paper", value, [p.value for p in Paper]) from None


@dataclass(frozen=True, slots=True)
class IssuedLetter:
    id: str
    case_id: str
    register_no: str
    kind: LetterKind
    variant: str  # "", VARIANT_ANONYMOUS or VARIANT_BLANK
    number: str | None  # None for a Lembar Disposisi
    paper: Paper
    sha256: str
    size: int
    issued_at: datetime
    issued_by: str
    voided_at: datetime | None = None
    void_reason: str | None = None
    withheld_at: datetime | None = None  # the case became anonymous; the PDF is deleted

    @property
    def title(self) -> str:
        if self.variant == VARIANT_ANONYMOUS:
            return ANONYMOUS_DOCUMENT_TITLE
        if self.variant == VARIANT_BLANK:
            return BLANK_DISPOSITION_TITLE
        return TITLES[self.kind]

    @property
    def voided(self) -> bool:
        return self.voided_at is not None

    @property
    def withheld(self) -> bool:
        return self.withheld_at is not None


def _issued(record: LetterRecord) -> IssuedLetter:
    return IssuedLetter(
        id=record.id,
        case_id=record.case_id,
        register_no=record.register_no,
        kind=LetterKind(record.kind),
        variant=record.variant,
        number=record.number,
        paper=Paper(record.paper),
        sha256=record.sha256,
        size=record.size,
        issued_at=record.issued_at,
        issued_by=record.issued_by,
        voided_at=record.voided_at,
        void_reason=record.void_reason,
        withheld_at=record.withheld_at,
    )


Document = FormalLetter | DispositionSheet | Receipt
NumberSourceFactory = Callable[[UnitOfWork], NumberSource]


def _crash_point(name: str) -> None:
    """Die here, as a power cut would, when the tests ask for it (never otherwise)."""
    if os.environ.get(CRASH_ENV) == name:
        sigkill = getattr(signal, "SIGKILL", None)
        if sigkill is None:  # pragma: no cover - Windows
            os._exit(137)
        os.kill(os.getpid(), sigkill)


def render(document: Document) -> bytes:
    # reportlab costs ~0.2 s to import: only the commands that draw pay for it.
    from lapor_desktop.letters import render as renderer

    if isinstance(document, FormalLetter):
        return renderer.render_letter(document)
    if isinstance(document, DispositionSheet):
        return renderer.render_disposition_sheet(document)
    return renderer.render_receipt(document)


# --------------------------------------------------------------------------- the service


class LetterService:
    def __init__(
        self, workspace: Workspace, number_source: NumberSourceFactory | None = None
    ) -> None:
        self._ws = workspace
        self._cases = CaseService(workspace)
        # Where letter numbers come from, given the issuing transaction's unit of work.
        self._number_source: NumberSourceFactory = number_source or (lambda uow: uow.numbers)

    # ------------------------------------------------------------------ settings
    def numbering(self) -> LetterNumbering:
        with self._ws.db.read() as uow:
            return self._numbering(uow)

    def set_numbering(
        self, kind: LetterKind | str, classification: str | None = None, fmt: str | None = None
    ) -> LetterNumbering:
        """Change a kind's classification code and/or number format (audited)."""
        kind = parse_letter_kind(kind)
        if kind not in NUMBERED_KINDS:
            raise ValidationError("kind", f"a {TITLES[kind]} takes no letter number")
        if classification is None and fmt is None:
            raise ValidationError("numbering", "give a classification or a format")
        with self._ws.db.write() as uow:
            before = self._numbering(uow)
            old = before.rule(kind)
            new = NumberingRule(
                check_classification(classification)
                if classification is not None
                else old.classification,
                check_format(fmt) if fmt is not None else old.format,
            )
            after = LetterNumbering({**before.rules, kind: new})
            uow.reference.set_setting(NUMBERING_SETTING, after.to_json())
            uow.reference.audit(
                self._ws.clock(),
                self._ws.user.name,
                "letters.numbering",
                kind.value,
                dataclasses.asdict(old),
                dataclasses.asdict(new),
            )
            uow.commit()
        return after

    def default_paper(self) -> Paper:
        return Paper(load_settings(self._ws.paths.settings).paper)

    # ------------------------------------------------------------------ issuing
    def draft_body(
        self, case_ref: str, kind: LetterKind | str, *, anonymous_document: bool = False
    ) -> str:
        """The letter's text as the template fills it: what an editor starts from."""
        kind = parse_letter_kind(kind)
        case = self._cases.find_case(case_ref)
        return content.default_body(
            kind,
            case,
            self._ws.office,
            self._ws.tz,
            self._deadlines(case, self._ws.clock()),
            anonymous_document=anonymous_document,
        )

    def draft_copies(
        self, kind: LetterKind | str, *, anonymous_document: bool = False
    ) -> tuple[str, ...]:
        """The tembusan a letter of this kind gets unless `copies` says otherwise."""
        return content.letter_copies(
            parse_letter_kind(kind), self._ws.office, anonymous_document=anonymous_document
        )

    def preview(
        self,
        case_ref: str,
        kind: LetterKind | str,
        paper: Paper | str | None = None,
        body_override: str | None = None,
        *,
        anonymous_document: bool = False,
        blank: bool = False,
        copies: Sequence[str] | None = None,
    ) -> bytes:
        """The letter as it would be issued now, marked DRAFT, without a number; stores nothing.

        `copies`: the tembusan, one recipient each (None: the default of the kind)."""
        kind = parse_letter_kind(kind)
        chosen = self._paper(paper)
        _check_options(kind, body_override, anonymous_document, blank, copies)
        cc = None if copies is None else content.clean_copies(copies)
        with self._ws.db.read() as uow:
            case = self._cases.find(uow, case_ref)
            numbering = self._numbering(uow)
        now = self._ws.clock()
        document = self._build(
            case, kind, chosen, now, numbering, body_override, anonymous_document, blank, cc
        )
        if isinstance(document, FormalLetter):
            document = dataclasses.replace(document, number=DRAFT_NUMBER, draft=True)
        else:
            document = _with_number(document, DRAFT_NUMBER)
        return render(document)

    def issue(
        self,
        case_ref: str,
        kind: LetterKind | str,
        paper: Paper | str | None = None,
        body_override: str | None = None,
        *,
        anonymous_document: bool = False,
        blank: bool = False,
        copies: Sequence[str] | None = None,
    ) -> IssuedLetter:
        """Issue a letter: number, PDF in the blob store and its row, in one transaction.

        Refuses (DomainError naming what is missing) an unknown case, a kind the case's state
        does not allow, a letter addressed to an anonymous reporter, and missing office
        settings; nothing is written then and no number is taken.
        """
        kind = parse_letter_kind(kind)
        chosen = self._paper(paper)
        _check_options(kind, body_override, anonymous_document, blank, copies)
        cc = None if copies is None else content.clean_copies(copies)
        office = self._ws.office
        now = self._ws.clock()
        with self._ws.db.write() as uow:
            case = self._cases.find(uow, case_ref)
            numbering = self._numbering(uow)
            # Everything that can refuse runs before a number is drawn.
            document = self._build(
                case, kind, chosen, now, numbering, body_override, anonymous_document, blank, cc
            )
            number: str | None = None
            if kind in NUMBERED_KINDS:
                year = now.astimezone(self._ws.tz).year
                try:
                    seq = self._number_source(uow).next_number(letter_register(office.code), year)
                except NumbersExhausted:
                    # Dry offline (DESIGN §3): a watermarked DRAFT, no number, nothing stored.
                    raise LetterNumberPending(kind, render(_draft(document))) from None
                number = numbering.format(
                    kind, seq, office.unit_code, office.code, now.astimezone(self._ws.tz).date()
                )
                document = _with_number(document, number)
            _crash_point("letter_after_number")
            pdf = render(document)
            stored = self._ws.blobs.put_bytes(pdf)  # durable before the commit below
            _crash_point("letter_after_store")
            record = LetterRecord(
                id=uuid7(),
                case_id=case.id,
                register_no=case.register_no,
                kind=kind.value,
                variant=VARIANT_ANONYMOUS
                if anonymous_document
                else (VARIANT_BLANK if blank else ""),
                number=number,
                paper=chosen.value,
                sha256=stored.sha256,
                size=stored.size,
                issued_at=now,
                issued_by=self._ws.user.name,
                voided_at=None,
                void_reason=None,
                # For the Register surat keluar: what this letter prints, whatever the case
                # becomes later (a renumber, say); never the reporter's name (migration 0007).
                subject=document.subject
                if isinstance(document, FormalLetter)
                else letter_subject(case, kind, anonymous_document),
                addressed_to=(case.forwarded_to or None) if kind is LetterKind.FORWARD else None,
            )
            uow.letters.add(record)
            _crash_point("letter_before_commit")
            uow.commit()
        letter = _issued(record)
        what = f"{letter.title} nomor {number}" if number else letter.title
        self._note(case.id, f"{what} diterbitkan")
        return letter

    # ------------------------------------------------------------------ after issuing
    def get(self, letter_ref: str) -> IssuedLetter:
        with self._ws.db.read() as uow:
            return self._find(uow, letter_ref)

    def reprint(self, letter_ref: str, *, include_void: bool = False) -> bytes:
        """The stored PDF, byte for byte as issued; never a new number."""
        letter = self.get(letter_ref)
        if letter.withheld:
            raise LetterWithheld(letter)
        if letter.voided and not include_void:
            raise LetterAlreadyVoid(letter)
        try:
            data = self._ws.blobs.read(letter.sha256)
        except OSError as error:
            raise LetterFileDamaged(
                f"the PDF of {letter.title} {letter.number or letter.id} is missing from the "
                f"data dir ({error.strerror}); restore the data dir from a backup"
            ) from error
        if hashlib.sha256(data).hexdigest() != letter.sha256:
            raise LetterFileDamaged(
                f"the PDF of {letter.title} {letter.number or letter.id} is damaged (its hash "
                "changed); restore the data dir from a backup"
            )
        return data

    def void(self, letter_ref: str, reason: str) -> IssuedLetter:
        """Void a letter with a reason; its number stays burnt and is logged as void."""
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("reason", "a void needs a reason")
        now = self._ws.clock()
        with self._ws.db.write() as uow:
            letter = self._find(uow, letter_ref)
            if letter.voided:
                raise LetterAlreadyVoid(letter)
            uow.letters.void(letter.id, reason, now)
            if letter.number:
                uow.numbers.void(letter.number, reason, self._ws.user.name, now)
            uow.commit()
        voided = dataclasses.replace(letter, voided_at=now, void_reason=reason)
        what = f"{letter.title} nomor {letter.number}" if letter.number else letter.title
        self._note(letter.case_id, f"{what} dibatalkan: {reason}")
        return voided

    def list_for_case(self, case_ref: str) -> list[IssuedLetter]:
        with self._ws.db.read() as uow:
            case = self._cases.find(uow, case_ref)
            return [_issued(r) for r in uow.letters.for_case(case.id)]

    def issued_on(self, day: date) -> list[IssuedLetter]:
        """Surat hari ini: what was issued on an office-time calendar day."""
        start = datetime.combine(day, time(0), self._ws.tz)
        end = datetime.combine(day + timedelta(days=1), time(0), self._ws.tz)
        with self._ws.db.read() as uow:
            return [_issued(r) for r in uow.letters.issued_between(start, end)]

    def issued_today(self) -> list[IssuedLetter]:
        return self.issued_on(self._ws.clock().astimezone(self._ws.tz).date())

    # ------------------------------------------------------------------ machinery
    def _numbering(self, uow: UnitOfWork) -> LetterNumbering:
        return LetterNumbering.from_json(uow.reference.get_setting(NUMBERING_SETTING))

    def _paper(self, paper: Paper | str | None) -> Paper:
        return self.default_paper() if paper is None else parse_paper(paper)

    def _deadlines(self, case: Case, now: datetime) -> tuple[Deadline, ...]:
        reference = self._ws.reference()
        return tuple(case_deadlines(case, reference.rulebook, reference.calendar, self._ws.tz, now))

    def _find(self, uow: UnitOfWork, letter_ref: str) -> IssuedLetter:
        ref = letter_ref.strip()
        record = uow.letters.get(ref) or uow.letters.get_by_number(ref)
        if record is None:
            raise LetterNotFound(letter_ref)
        return _issued(record)

    def _build(
        self,
        case: Case,
        kind: LetterKind,
        paper: Paper,
        now: datetime,
        numbering: LetterNumbering,
        body_override: str | None,
        anonymous_document: bool,
        blank: bool,
        copies: tuple[str, ...] | None = None,
    ) -> Document:
        content.check_allowed(case, kind, blank=blank, anonymous_document=anonymous_document)
        office = self._ws.office
        needs_unit_code = kind in NUMBERED_KINDS and numbering.rule(kind).needs_unit_code
        missing = content.missing_office_settings(office, kind, needs_unit_code)
        if missing:
            raise OfficeSettingsMissing(kind, missing)
        logo = logo_path(self._ws.paths, office)
        data = LetterInput(
            case=case,
            office=office,
            tz=self._ws.tz,
            now=now,
            paper=paper,
            number="",
            deadlines=self._deadlines(case, now),
            officer=self._ws.user.name,
            logo_path=str(logo) if logo is not None else "",
        )
        if kind is LetterKind.RESPONSE:
            return content.response_letter(
                data, body_override, anonymous_document=anonymous_document, copies=copies
            )
        if kind is LetterKind.FORWARD:
            return content.forward_letter(data, body_override, copies=copies)
        if kind is LetterKind.COMPLETION:
            return content.completion_letter(data, body_override, copies=copies)
        if kind is LetterKind.RECEIPT:
            return content.receipt(data)
        return content.disposition_sheet(data, blank=blank)

    def _note(self, case_id: str, text: str) -> None:
        # The letter is committed; a note that cannot be added must not undo or hide that.
        try:
            self._cases.note(case_id, text)
        except DomainError:
            log.warning("could not note %r on case %s", text, case_id, exc_info=True)


def _check_options(
    kind: LetterKind,
    body_override: str | None,
    anonymous_document: bool,
    blank: bool,
    copies: Sequence[str] | None = None,
) -> None:
    if anonymous_document and kind is not LetterKind.RESPONSE:
        raise ValidationError(
            "anonymous_document", "only a Surat Tanggapan has a version without identity"
        )
    if blank and kind is not LetterKind.DISPOSITION:
        raise ValidationError("blank", "only the Lembar Disposisi has a blank form")
    if body_override is not None and kind not in FORMAL_KINDS:
        raise ValidationError("body", f"the text of a {TITLES[kind]} is not editable")
    if isinstance(copies, str):  # a str is a Sequence[str] too: one letter per recipient
        raise ValidationError("copies", "give the tembusan as a list, one recipient each")
    if copies is not None and kind not in FORMAL_KINDS:
        raise ValidationError("copies", f"a {TITLES[kind]} has no tembusan")


def _draft(document: Document) -> Document:
    """The document marked as not issued: a formal letter gets the DRAFT watermark."""
    if isinstance(document, FormalLetter):
        return dataclasses.replace(document, number=PENDING_NUMBER, draft=True)
    return _with_number(document, f"DRAFT {PENDING_NUMBER}")


def _with_number(document: Document, number: str) -> Document:
    if isinstance(document, FormalLetter):
        return dataclasses.replace(document, number=number)
    if isinstance(document, Receipt):
        return dataclasses.replace(document, extra={**document.extra, "Nomor": number})
    return document


__all__ = [
    "CRASH_ENV",
    "CRASH_POINTS",
    "DEFAULT_CLASSIFICATIONS",
    "DEFAULT_FORMAT",
    "NUMBERED_KINDS",
    "AnonymousReporter",
    "IdentityInDocument",
    "IssuedLetter",
    "LetterAlreadyVoid",
    "LetterFileDamaged",
    "LetterKind",
    "LetterNotAllowed",
    "LetterNotFound",
    "LetterNumberPending",
    "LetterNumbering",
    "LetterService",
    "LetterWithheld",
    "NumberingRule",
    "OfficeSettingsMissing",
    "Paper",
    "ReporterUnknown",
    "letter_register",
    "parse_letter_kind",
    "parse_paper",
]
