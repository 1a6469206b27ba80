"""What each letter says: the case and the office profile turned into `letters.model` objects.

Pure functions, no database and no PDF: `services.letters` draws the number, renders and
stores. The wording follows Tata Naskah Dinas (Permendagri 1/2023) and DOMAIN.md §7–§8.4.
Body templates use `{placeholders}` filled from the case (see `VARIABLES`); an operator's own
text (`body_override`) may use them too, and anything else in braces is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from lapor_desktop.domain.case import Case, Disposition
from lapor_desktop.domain.codes import CHANNEL_LABELS, SIFAT_LABELS, CaseStatus, Channel
from lapor_desktop.domain.dates import indonesian_date, indonesian_datetime
from lapor_desktop.domain.errors import DomainError, ValidationError
from lapor_desktop.domain.sla import Deadline, Stage
from lapor_desktop.letters.model import (
    INSTRUCTION_CHOICES,
    DispositionSheet,
    FormalLetter,
    Letterhead,
    LetterKind,
    Paper,
    Receipt,
    Signatory,
)
from lapor_desktop.services.office import OfficeProfile

TITLES: dict[LetterKind, str] = {
    LetterKind.DISPOSITION: "Lembar Disposisi",
    LetterKind.RESPONSE: "Surat Tanggapan",
    LetterKind.FORWARD: "Surat Penerusan",
    LetterKind.COMPLETION: "Surat Permintaan Kelengkapan",
    LetterKind.RECEIPT: "Tanda Terima",
}
ANONYMOUS_DOCUMENT_TITLE = "Dokumen Tanggapan tanpa identitas (untuk LAPOR!)"
BLANK_DISPOSITION_TITLE = "Lembar Disposisi (blanko)"

# Placeholders a body template may use, with what they stand for (shown by the UI's editor).
VARIABLES: dict[str, str] = {
    "nomor_registrasi": "nomor registrasi (No. Agenda) pengaduan",
    "nomor_tracking": "Nomor Tracking SP4N-LAPOR! (kosong bila tidak ada)",
    "sumber": "kanal pengaduan, dengan Nomor Tracking bila ada",
    "tanggal_diterima": "tanggal pengaduan diterima",
    "perihal": "judul pengaduan",
    "ringkasan": "ringkasan (atau judul) pengaduan",
    "jawaban": "tanggapan akhir yang dicatat pada pengaduan",
    "instansi": "instansi tujuan penerusan",
    "alasan": "alasan penerusan atau kekurangan data",
    "batas_kelengkapan": "batas waktu pelapor melengkapi data",
    "nama_kantor": "nama kantor",
}

RESPONSE_TEMPLATE = """\
Menindaklanjuti pengaduan Saudara {sumber} tanggal {tanggal_diterima} perihal {perihal}, \
yang tercatat pada kami dengan nomor registrasi {nomor_registrasi}, dengan hormat kami \
sampaikan tanggapan sebagai berikut.

{jawaban}

Demikian disampaikan, atas perhatian Saudara kami ucapkan terima kasih."""

ANONYMOUS_RESPONSE_TEMPLATE = """\
Menindaklanjuti pengaduan {sumber} tanggal {tanggal_diterima} perihal {perihal}, yang \
tercatat pada kami dengan nomor registrasi {nomor_registrasi}, dengan hormat kami sampaikan \
tanggapan sebagai berikut.

{jawaban}

Demikian tanggapan ini disampaikan melalui SP4N-LAPOR!. Terima kasih atas partisipasi \
Saudara dalam pengawasan pelayanan publik."""

FORWARD_TEMPLATE = """\
Dengan hormat, bersama ini kami teruskan pengaduan masyarakat yang kami terima {sumber} \
tanggal {tanggal_diterima}, tercatat dengan nomor registrasi {nomor_registrasi}, perihal \
{perihal}.

Pokok pengaduan: {ringkasan}

Pengaduan tersebut kami teruskan kepada Saudara karena {alasan}. Sesuai prinsip No Wrong Door \
dalam SP4N-LAPOR!, kami mohon Saudara berkenan menindaklanjuti pengaduan tersebut sesuai \
kewenangan dan menyampaikan tanggapannya kepada pelapor, dengan tembusan kepada kami.

Demikian disampaikan, atas perhatian dan kerja sama Saudara kami ucapkan terima kasih."""

COMPLETION_TEMPLATE = """\
Menindaklanjuti pengaduan Saudara {sumber} tanggal {tanggal_diterima} perihal {perihal}, \
yang tercatat pada kami dengan nomor registrasi {nomor_registrasi}, dengan hormat kami \
sampaikan bahwa pengaduan tersebut belum dapat kami tindak lanjuti karena data yang \
disampaikan belum lengkap, yaitu: {alasan}.

Sehubungan dengan hal tersebut, kami mohon Saudara melengkapi data dimaksud paling lambat \
tanggal {batas_kelengkapan} dengan menyebutkan nomor registrasi {nomor_registrasi}. Apabila \
sampai dengan batas waktu tersebut data belum kami terima, pengaduan akan kami tutup.

Demikian disampaikan, atas perhatian Saudara kami ucapkan terima kasih."""

TEMPLATES: dict[LetterKind, str] = {
    LetterKind.RESPONSE: RESPONSE_TEMPLATE,
    LetterKind.FORWARD: FORWARD_TEMPLATE,
    LetterKind.COMPLETION: COMPLETION_TEMPLATE,
}
FORMAL_KINDS = frozenset(TEMPLATES)

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*]|\d{1,2}[.)]|[a-z][.)])\s+")
_NIP = re.compile(r"^\d{18}$")


# --------------------------------------------------------------------------- errors


class LetterNotAllowed(DomainError):
    """The case is not in a state where this letter can be issued."""

    code = "letter_not_allowed"

    def __init__(self, kind: LetterKind, case: Case, requirement: str) -> None:
        self.kind = kind
        self.requirement = requirement
        super().__init__(
            f"cannot issue a {TITLES[kind]} for case {case.register_no} "
            f"(status {case.status.value}): {requirement}"
        )


class AnonymousReporter(DomainError):
    """A letter addressed to the reporter was asked for an anonymous case."""

    code = "anonymous_reporter"

    def __init__(self, kind: LetterKind, case: Case) -> None:
        self.kind = kind
        self.alternative = "anonymous_document"
        if kind is LetterKind.RESPONSE:
            offer = (
                "issue the response document without any identity instead, for upload to "
                "LAPOR! (letter … --kind tanggapan --anonymous-document)"
            )
        else:
            offer = "reach the reporter through SP4N-LAPOR! instead"
        super().__init__(
            f"the reporter of case {case.register_no} is anonymous: no {TITLES[kind]} can be "
            f"addressed to them; {offer}"
        )


class ReporterUnknown(DomainError):
    """A letter to the reporter, but the case holds no name to address it to."""

    code = "reporter_unknown"

    def __init__(self, kind: LetterKind, case: Case) -> None:
        self.kind = kind
        super().__init__(
            f"cannot address a {TITLES[kind]}: case {case.register_no} has no reporter name "
            "(add it with 'case edit --reporter-name', or issue the response document without "
            "identity with --anonymous-document)"
        )


class OfficeSettingsMissing(DomainError):
    """The office profile lacks what the letter prints (letterhead, signatory, unit code)."""

    code = "office_settings_missing"

    def __init__(self, kind: LetterKind, missing: Sequence[tuple[str, str]]) -> None:
        self.kind = kind
        self.fields = tuple(name for name, _ in missing)
        listed = "; ".join(f"{name} ({what})" for name, what in missing)
        super().__init__(
            f"office settings missing for a {TITLES[kind]}: {listed}; "
            "fill them in Pengaturan → Kantor (office settings)"
        )


class IdentityInDocument(DomainError):
    """A document meant to carry no identity would print the reporter's name or contact."""

    code = "identity_in_document"

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(
            f"the response document for LAPOR! must carry no identity, but its text contains "
            f"the reporter's {what}; rewrite the text (body override) without it"
        )


# --------------------------------------------------------------------------- office


def government_line(regency: str) -> str:
    """ "Kabupaten Sumenep" -> "PEMERINTAH KABUPATEN SUMENEP"."""
    text = " ".join(regency.split())
    if text.casefold().startswith("pemerintah"):
        return text.upper()
    return f"PEMERINTAH {text.upper()}"


_REGION_PREFIXES = (
    ("kabupaten ", "Bupati"),
    ("kab. ", "Bupati"),
    ("kota ", "Wali Kota"),
    ("provinsi ", "Gubernur"),
)


def region_name(regency: str) -> str:
    """ "Kabupaten Sumenep" -> "Sumenep"."""
    text = " ".join(regency.split())
    if text.casefold().startswith("pemerintah "):
        text = text[len("pemerintah ") :]
    for prefix, _ in _REGION_PREFIXES:
        if text.casefold().startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def region_head(regency: str) -> str:
    """ "Kabupaten Sumenep" -> "Bupati Sumenep"; "Kota Surabaya" -> "Wali Kota Surabaya"."""
    text = " ".join(regency.split()).casefold().removeprefix("pemerintah ")
    for prefix, head in _REGION_PREFIXES:
        if text.startswith(prefix):
            return f"{head} {region_name(regency)}"
    return "Kepala Daerah"


def place_name(office: OfficeProfile) -> str:
    return office.city.strip() or region_name(office.regency)


def letterhead(office: OfficeProfile, logo_path: str = "") -> Letterhead:
    return Letterhead(
        government=government_line(office.regency),
        office_name=office.name.strip().upper(),
        address=office.address.strip(),
        city=place_name(office).upper(),
        postal_code=office.postal_code.strip(),
        phone=office.phone.strip(),
        email=office.email.strip(),
        website=office.website.strip(),
        logo_path=logo_path,
    )


def signatory(office: OfficeProfile) -> Signatory:
    return Signatory(
        title=office.head_title.strip(),
        name=office.head_name.strip(),
        rank=office.head_rank.strip(),
        nip=office.head_nip.strip(),
    )


_SIGNATORY_FIELDS = (
    ("head_name", "signatory's name (nama kepala)"),
    ("head_title", "signatory's position (jabatan)"),
    ("head_rank", "signatory's rank (pangkat/golongan)"),
)


def missing_office_settings(
    office: OfficeProfile, kind: LetterKind, needs_unit_code: bool
) -> list[tuple[str, str]]:
    """Every office setting the letter prints and the profile lacks, as (field, description)."""
    missing: list[tuple[str, str]] = []
    if not office.address.strip():
        missing.append(("address", "office address for the letterhead (alamat kantor)"))
    if not office.regency.strip():
        missing.append(("regency", "regency for the letterhead (kabupaten/kota)"))
    if needs_unit_code and not office.unit_code.strip():
        missing.append(("unit_code", "unit code in the letter number (kode unit pengolah)"))
    if kind is not LetterKind.RECEIPT:
        for name, what in _SIGNATORY_FIELDS[:1]:
            if not getattr(office, name).strip():
                missing.append((name, what))
        if not _NIP.match(office.head_nip.strip()):
            what = "signatory's NIP, 18 digits"
            missing.append(("head_nip", what if not office.head_nip else f"{what}, not valid"))
        for name, what in _SIGNATORY_FIELDS[1:]:
            if not getattr(office, name).strip():
                missing.append((name, what))
    return missing


# --------------------------------------------------------------------------- rules


def check_allowed(
    case: Case, kind: LetterKind, *, blank: bool = False, anonymous_document: bool = False
) -> None:
    """Raise when the case's state does not allow this letter; name what is missing."""
    if kind is LetterKind.DISPOSITION:
        if not blank and not case.dispositions:
            raise LetterNotAllowed(
                kind,
                case,
                "the case has no disposition yet (record one with 'case dispose', "
                "or print the blank form with --blank)",
            )
    elif kind is LetterKind.RESPONSE:
        if case.status not in (CaseStatus.AWAITING_REPORTER, CaseStatus.RESOLVED):
            raise LetterNotAllowed(
                kind,
                case,
                "a response needs the final answer: record it with 'case answer' "
                "(allowed in AWAITING_REPORTER or RESOLVED)",
            )
        if case.answer is None:
            raise LetterNotAllowed(kind, case, "the case has no final answer recorded")
        if case.anonymous and not anonymous_document:
            raise AnonymousReporter(kind, case)
    elif kind is LetterKind.FORWARD:
        if case.status is not CaseStatus.FORWARDED or not case.forwarded_to:
            raise LetterNotAllowed(
                kind, case, "the case must be forwarded first ('case forward --agency')"
            )
    elif kind is LetterKind.COMPLETION:
        if case.status is not CaseStatus.NEEDS_INFO:
            raise LetterNotAllowed(
                kind, case, "the case must be waiting for data ('case needs-info --reason')"
            )
        if case.anonymous:
            raise AnonymousReporter(kind, case)
    to_reporter = kind in (LetterKind.RESPONSE, LetterKind.COMPLETION) and not anonymous_document
    if to_reporter and (case.reporter is None or not (case.reporter.name or "").strip()):
        raise ReporterUnknown(kind, case)


# --------------------------------------------------------------------------- text


def channel_phrase(case: Case) -> str:
    if case.lapor_tracking_id:
        return f"melalui SP4N-LAPOR! dengan Nomor Tracking #{case.lapor_tracking_id}"
    if case.channel is Channel.WALK_IN:
        return "yang disampaikan secara langsung"
    return f"melalui {CHANNEL_LABELS[case.channel]}"


def _deadline(deadlines: Iterable[Deadline], stage: Stage) -> Deadline | None:
    found = [d for d in deadlines if d.stage is stage]
    return found[-1] if found else None


def variables(
    case: Case, office: OfficeProfile, tz: ZoneInfo, deadlines: Sequence[Deadline]
) -> dict[str, str]:
    info_wait = _deadline(deadlines, Stage.INFO_WAIT)
    return {
        "nomor_registrasi": case.register_no,
        "nomor_tracking": case.lapor_tracking_id or "",
        "sumber": channel_phrase(case),
        "tanggal_diterima": indonesian_date(case.received_at, tz),
        "perihal": case.title.strip(),
        "ringkasan": (case.summary or case.title).strip(),
        "jawaban": case.answer.text.strip() if case.answer else "",
        "instansi": (case.forwarded_to or "").strip(),
        "alasan": (case.status_reason or "").strip(),
        "batas_kelengkapan": indonesian_date(info_wait.due_at, tz) if info_wait else "-",
        "nama_kantor": office.name.strip(),
    }


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace the known `{name}`s; other braces stay as the operator wrote them."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


def paragraphs(text: str) -> tuple[str, ...]:
    """Blank lines separate paragraphs; list items (1. a) - •) stay on lines of their own."""
    result: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        current: list[str] = []
        for line in lines:
            if _LIST_ITEM.match(line) and current:
                result.append(" ".join(current))
                current = []
            current.append(line)
        if current:
            result.append(" ".join(current))
    return tuple(result)


def default_body(
    kind: LetterKind,
    case: Case,
    office: OfficeProfile,
    tz: ZoneInfo,
    deadlines: Sequence[Deadline],
    *,
    anonymous_document: bool = False,
) -> str:
    """The template of a formal letter filled with the case: what the editor starts from."""
    if kind not in TEMPLATES:
        raise ValidationError("kind", f"a {TITLES[kind]} has no editable body")
    template = ANONYMOUS_RESPONSE_TEMPLATE if anonymous_document else TEMPLATES[kind]
    return fill(template, variables(case, office, tz, deadlines))


# --------------------------------------------------------------------------- letters


@dataclass(frozen=True, slots=True)
class LetterInput:
    """Everything a letter is built from, read in the issuing transaction."""

    case: Case
    office: OfficeProfile
    tz: ZoneInfo
    now: datetime
    paper: Paper
    number: str
    deadlines: tuple[Deadline, ...]
    officer: str
    logo_path: str = ""


def place_date(data: LetterInput) -> str:
    return f"{place_name(data.office)}, {indonesian_date(data.now, data.tz)}"


MAX_COPIES = 12
MAX_COPY_LENGTH = 200


def clean_copies(lines: Iterable[str]) -> tuple[str, ...]:
    """The tembusan as the operator typed it: one recipient a line, blank lines dropped."""
    copies = tuple(" ".join(line.split()) for line in lines if line.strip())
    if len(copies) > MAX_COPIES:
        raise ValidationError("copies", f"at most {MAX_COPIES} tembusan recipients")
    long = next((c for c in copies if len(c) > MAX_COPY_LENGTH), None)
    if long is not None:
        raise ValidationError(
            "copies", f"a tembusan line is longer than {MAX_COPY_LENGTH} characters: {long[:40]}…"
        )
    return copies


def letter_copies(
    kind: LetterKind, office: OfficeProfile, *, anonymous_document: bool = False
) -> tuple[str, ...]:
    """The tembusan a letter gets unless the operator changes it (what the editor shows)."""
    if kind not in TEMPLATES or anonymous_document:
        return ()
    return default_copies(kind, office)


def default_copies(kind: LetterKind, office: OfficeProfile) -> tuple[str, ...]:
    head = region_head(office.regency)
    admin = "Kepala Dinas Komunikasi dan Informatika selaku Admin Instansi SP4N-LAPOR!"
    if kind is LetterKind.RESPONSE:
        return (f"{head} (sebagai laporan)", admin, "Arsip")
    if kind is LetterKind.FORWARD:
        return (f"{head} (sebagai laporan)", admin, "Arsip")
    return ("Arsip",)


_HEAD_WORDS = (
    "kepala", "bupati", "wali kota", "walikota", "gubernur", "camat", "lurah", "direktur",
    "ketua", "sekretaris", "inspektur", "kapolres", "kapolsek", "pimpinan", "yth",
)  # fmt: skip
_OFFICE_WORDS = (
    "dinas", "badan", "inspektorat", "kantor", "satuan", "sekretariat", "bagian", "upt",
    "unit", "puskesmas", "rsud", "rumah sakit", "kecamatan", "kelurahan", "desa",
)  # fmt: skip


def agency_addressee(agency: str) -> str:
    """Whom a Surat Penerusan greets: the head of the agency ("Kepala Dinas PUPR …")."""
    text = " ".join(agency.split())
    folded = text.casefold()
    if folded.startswith(_HEAD_WORDS):
        return text
    if folded.startswith(_OFFICE_WORDS):
        return f"Kepala {text}"
    return f"Pimpinan {text}"


def _body(
    data: LetterInput, kind: LetterKind, override: str | None, anonymous_document: bool
) -> tuple[str, ...]:
    values = variables(data.case, data.office, data.tz, data.deadlines)
    if override is not None:
        if not override.strip():
            raise ValidationError("body", "the letter's text is empty")
        text = fill(override, values)
    else:
        template = ANONYMOUS_RESPONSE_TEMPLATE if anonymous_document else TEMPLATES[kind]
        text = fill(template, values)
    return paragraphs(text)


def _sifat(case: Case) -> str:
    return "Rahasia" if case.confidential else "Biasa"


def _reporter_lines(case: Case) -> tuple[tuple[str, ...], str]:
    reporter = case.reporter
    assert reporter is not None and reporter.name  # check_allowed made sure
    address = " ".join((reporter.address or "").split())
    return (f"Sdr. {reporter.name.strip()}",), address or "TEMPAT"


def response_letter(
    data: LetterInput,
    override: str | None = None,
    *,
    anonymous_document: bool = False,
    copies: tuple[str, ...] | None = None,
) -> FormalLetter:
    """`copies`: the tembusan the operator chose (None: the default one)."""
    case = data.case
    if anonymous_document:
        addressee: tuple[str, ...] = ("Pelapor SP4N-LAPOR!",)
        place = "TEMPAT"
        reference = (
            f"Nomor Tracking #{case.lapor_tracking_id}"
            if case.lapor_tracking_id
            else f"Nomor Registrasi {case.register_no}"
        )
        subject = f"Tanggapan atas Pengaduan {reference}"
        default: tuple[str, ...] = ()
    else:
        addressee, place = _reporter_lines(case)
        subject = f"Tanggapan atas Pengaduan Nomor Registrasi {case.register_no}"
        default = default_copies(LetterKind.RESPONSE, data.office)
    letter = FormalLetter(
        kind=LetterKind.RESPONSE,
        paper=data.paper,
        letterhead=letterhead(data.office, data.logo_path),
        number=data.number,
        place_date=place_date(data),
        sifat=_sifat(case),
        attachment="-",
        subject=subject,
        addressee=addressee,
        addressee_place=place,
        paragraphs=_body(data, LetterKind.RESPONSE, override, anonymous_document),
        signatory=signatory(data.office),
        copies=default if copies is None else copies,
        confidential=case.confidential,
    )
    if anonymous_document:  # the tembusan too may not name the reporter
        check_no_identity(case, letter)
    return letter


def forward_letter(
    data: LetterInput, override: str | None = None, *, copies: tuple[str, ...] | None = None
) -> FormalLetter:
    case = data.case
    body = _body(data, LetterKind.FORWARD, override, False)
    reporter = case.reporter
    if override is None and reporter is not None and not case.anonymous and not case.confidential:
        contact = ", ".join(x for x in (reporter.name, reporter.phone, reporter.email) if x)
        if contact:
            body = (*body[:2], f"Identitas pelapor: {contact}.", *body[2:])
    return FormalLetter(
        kind=LetterKind.FORWARD,
        paper=data.paper,
        letterhead=letterhead(data.office, data.logo_path),
        number=data.number,
        place_date=place_date(data),
        sifat=_sifat(case),
        attachment="1 (satu) berkas",
        subject=f"Penerusan Pengaduan Nomor Registrasi {case.register_no}",
        addressee=(agency_addressee(case.forwarded_to or ""),),
        addressee_place="TEMPAT",
        paragraphs=body,
        signatory=signatory(data.office),
        copies=default_copies(LetterKind.FORWARD, data.office) if copies is None else copies,
        confidential=case.confidential,
    )


def completion_letter(
    data: LetterInput, override: str | None = None, *, copies: tuple[str, ...] | None = None
) -> FormalLetter:
    case = data.case
    addressee, place = _reporter_lines(case)
    return FormalLetter(
        kind=LetterKind.COMPLETION,
        paper=data.paper,
        letterhead=letterhead(data.office, data.logo_path),
        number=data.number,
        place_date=place_date(data),
        sifat=_sifat(case),
        attachment="-",
        subject=f"Permintaan Kelengkapan Data Pengaduan Nomor Registrasi {case.register_no}",
        addressee=addressee,
        addressee_place=place,
        paragraphs=_body(data, LetterKind.COMPLETION, override, False),
        signatory=signatory(data.office),
        copies=default_copies(LetterKind.COMPLETION, data.office) if copies is None else copies,
        confidential=case.confidential,
    )


OPERATOR_STAGES = (Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION)


def promises(deadlines: Iterable[Deadline], tz: ZoneInfo) -> tuple[str, ...]:
    """The deadlines promised to the reporter, each with the rule that sets it."""
    return tuple(
        f"{d.rule.description}: paling lambat {indonesian_date(d.due_at, tz)}"
        for d in deadlines
        if d.stage in OPERATOR_STAGES
    )


def follow_up_lines(case: Case, office: OfficeProfile) -> tuple[str, ...]:
    lines = [f"Sebutkan nomor registrasi {case.register_no} setiap menanyakan perkembangan."]
    contact = []
    if office.phone.strip():
        contact.append(f"telepon {office.phone.strip()}")
    if office.email.strip():
        contact.append(f"email {office.email.strip()}")
    if contact:
        lines.append(f"Hubungi {office.name.strip()}: {', '.join(contact)}.")
    if office.address.strip():
        lines.append(f"Datang langsung ke {office.name.strip()}, {office.address.strip()}.")
    tracking = f" (Nomor Tracking #{case.lapor_tracking_id})" if case.lapor_tracking_id else ""
    lines.append(f"SP4N-LAPOR!: www.lapor.go.id, SMS 1708{tracking}.")
    return tuple(lines)


def receipt(data: LetterInput) -> Receipt:
    case = data.case
    reporter = "Anonim"
    if not case.anonymous and case.reporter is not None and case.reporter.name:
        reporter = case.reporter.name.strip()
    extra = {"Nomor": data.number}
    if case.lapor_tracking_id:
        extra["Nomor Tracking SP4N-LAPOR!"] = f"#{case.lapor_tracking_id}"
    return Receipt(
        paper=data.paper,
        letterhead=letterhead(data.office, data.logo_path),
        register_no=case.register_no,
        received=indonesian_datetime(case.received_at, data.tz),
        channel=CHANNEL_LABELS[case.channel],
        reporter=reporter,
        summary=(case.summary or case.title).strip(),
        promises=promises(data.deadlines, data.tz),
        follow_up=follow_up_lines(case, data.office),
        officer=data.officer,
        place_date=place_date(data),
        extra=extra,
    )


def _match_instruction(text: str) -> str:
    folded = text.casefold()
    for choice in INSTRUCTION_CHOICES:
        if choice.casefold() == folded or choice.casefold().startswith(folded):
            return choice
    return text


def _source(case: Case) -> str:
    if case.lapor_tracking_id or case.channel is Channel.LAPOR:
        return "SP4N-LAPOR!"
    shown = case.reporter_for_display()
    who = shown.name if shown is not None and shown.name else "Pelapor"
    if case.anonymous:
        who = "Pelapor anonim"
    return f"{who} ({CHANNEL_LABELS[case.channel]})"


def _target(disposition: Disposition) -> str:
    return disposition.to_unit or disposition.to_office or disposition.to_person or ""


def disposition_sheet(data: LetterInput, *, blank: bool = False) -> DispositionSheet:
    case = data.case
    latest = case.dispositions[-1] if case.dispositions and not blank else None
    units = list(data.office.units)
    chosen: tuple[str, ...] = ()
    instructions = list(INSTRUCTION_CHOICES)
    chosen_instructions: tuple[str, ...] = ()
    sifat, note, due = "", "", ""
    if latest is not None:
        target = _target(latest)
        if target and target.casefold() not in {u.casefold() for u in units}:
            units.append(target)
        chosen = tuple(u for u in units if u.casefold() == target.casefold())
        picked = [_match_instruction(i) for i in latest.instructions]
        instructions += [i for i in picked if i not in instructions]
        chosen_instructions = tuple(dict.fromkeys(picked))
        sifat = SIFAT_LABELS[latest.sifat]
        note = latest.note
        due = indonesian_date(latest.due_at, data.tz) if latest.due_at else ""
        if latest.to_person and latest.to_person != target:
            note = (
                f"{note} (u.p. {latest.to_person})".strip() if note else f"u.p. {latest.to_person}"
            )
    tracking = f"SP4N-LAPOR! #{case.lapor_tracking_id}" if case.lapor_tracking_id else ""
    return DispositionSheet(
        paper=data.paper,
        letterhead=letterhead(data.office, data.logo_path),
        source=_source(case),
        letter_ref=tracking
        or f"{CHANNEL_LABELS[case.channel]}, {indonesian_date(case.received_at, data.tz)}",
        received=indonesian_date(case.received_at, data.tz),
        agenda_no=case.register_no,
        sifat=sifat,
        subject=case.title.strip(),
        units=tuple(units),
        chosen_units=chosen,
        instructions=tuple(instructions),
        chosen_instructions=chosen_instructions,
        note=note,
        due=due,
        signatory=signatory(data.office),
        blank=blank,
    )


# --------------------------------------------------------------------------- privacy


def identity_strings(case: Case) -> list[tuple[str, str]]:
    """The reporter's identifying values worth searching for, with what each is."""
    reporter = case.reporter
    if reporter is None:
        return []
    found: list[tuple[str, str]] = []
    for name, what in (
        ("name", "name"),
        ("nik", "NIK"),
        ("phone", "phone number"),
        ("email", "e-mail"),
        ("address", "address"),
    ):
        value = (getattr(reporter, name) or "").strip()
        if len(value) >= 3:
            found.append((value, what))
    return found


def letter_text(letter: FormalLetter) -> str:
    return "\n".join(
        (
            letter.subject,
            *letter.addressee,
            letter.addressee_place,
            *letter.paragraphs,
            *letter.copies,
        )
    )


def check_no_identity(case: Case, letter: FormalLetter) -> None:
    text = " ".join(letter_text(letter).split()).casefold()
    for value, what in identity_strings(case):
        if " ".join(value.split()).casefold() in text:
            raise IdentityInDocument(what)
