"""What a letter says, independent of how it is drawn: filled by the letters service, drawn by
`render.py`. Plain frozen data, so rendering needs no database and the same input always gives
the same bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class LetterKind(StrEnum):
    DISPOSITION = "disposisi"  # Lembar Disposisi (half F4 / A5)
    RESPONSE = "tanggapan"  # Surat Tanggapan to the complainant
    FORWARD = "penerusan"  # Surat Penerusan to the competent agency (No Wrong Door)
    COMPLETION = "kelengkapan"  # Surat Permintaan Kelengkapan data
    RECEIPT = "tanda-terima"  # Tanda Terima for a walk-in complainant


class Paper(StrEnum):
    F4 = "F4"  # 215 x 330 mm, the folio most Indonesian offices use
    A4 = "A4"


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Kop surat: from the office profile."""

    government: str  # "PEMERINTAH KABUPATEN SUMENEP"
    office_name: str  # "DINAS SOSIAL"
    address: str
    city: str
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_path: str = ""  # a PNG/JPG file; empty: no logo


@dataclass(frozen=True, slots=True)
class Signatory:
    title: str  # jabatan, e.g. "KEPALA DINAS SOSIAL"
    name: str
    rank: str  # pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)"
    nip: str  # 18 digits


@dataclass(frozen=True, slots=True)
class FormalLetter:
    """A surat dinas: tanggapan, penerusan, kelengkapan."""

    kind: LetterKind
    paper: Paper
    letterhead: Letterhead
    number: str  # "400.14.5.4/0012/435.207/2026"
    place_date: str  # "Sumenep, 5 April 2026"
    sifat: str  # "Biasa"
    attachment: str  # lampiran, "-" when none
    subject: str  # hal
    addressee: tuple[str, ...]  # lines after "Yth."
    addressee_place: str  # "TEMPAT" or an address line, after "di"
    paragraphs: tuple[str, ...]
    signatory: Signatory
    copies: tuple[str, ...] = ()  # tembusan
    confidential: bool = False  # marks RAHASIA on every page
    draft: bool = False  # watermark DRAFT (no number could be drawn offline)


@dataclass(frozen=True, slots=True)
class DispositionSheet:
    """Lembar Disposisi; `blank` prints the empty form for handwriting."""

    paper: Paper
    letterhead: Letterhead
    source: str  # Surat dari
    letter_ref: str  # No./Tgl. surat, or "SP4N-LAPOR! #1916449"
    received: str  # Diterima tgl.
    agenda_no: str  # No. Agenda (the register number)
    sifat: str  # which of SIFAT_CHOICES is ticked ("" = none)
    subject: str  # Perihal
    units: tuple[str, ...]  # Diteruskan kepada: the office's units, as a checklist
    chosen_units: tuple[str, ...]
    instructions: tuple[str, ...]  # Dengan hormat harap: the checklist
    chosen_instructions: tuple[str, ...]
    note: str
    due: str  # Batas waktu, from the SLA
    signatory: Signatory
    blank: bool = False


SIFAT_CHOICES = ("Sangat Segera", "Segera", "Rahasia", "Biasa")
INSTRUCTION_CHOICES = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan/konfirmasikan",
    "Untuk diketahui",
    "Selesaikan",
    "Arsip",
)


@dataclass(frozen=True, slots=True)
class Receipt:
    """Tanda Terima Pengaduan for a walk-in complainant."""

    paper: Paper
    letterhead: Letterhead
    register_no: str
    received: str  # "5 April 2026, 14.30 WIB"
    channel: str
    reporter: str  # name, or "Anonim"
    summary: str
    promises: tuple[str, ...]  # deadlines promised, each with its rule
    follow_up: tuple[str, ...]  # how to follow up (phone, LAPOR!, register no.)
    officer: str
    place_date: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ManagementReport:
    """Laporan Pengelolaan Pengaduan (DESIGN.md §5): the monthly or yearly report an office
    signs for its head and for the Zona Integritas evidence, in the outline of the LKE
    (DOMAIN.md §6.2): the recap per month by jenis aduan, the follow-up, kendala and solusi,
    the evaluation and what was done about it, and an annex of the cases.

    The numbers arrive as display text (filled by the reports service from a Recap); the four
    free texts are the office's own words, and an empty one prints dotted lines to be written
    in by hand before signing, never an invented "tidak ada".
    """

    paper: Paper
    letterhead: Letterhead
    title_lines: tuple[str, ...]  # "LAPORAN PENGELOLAAN PENGADUAN MASYARAKAT", scope, period
    place_date: str  # "Sumenep, 5 April 2026"
    signatory: Signatory
    month_header: tuple[str, ...]  # Bulan, the kinds…, Jumlah
    month_rows: tuple[tuple[str, ...], ...]  # the last row is the total
    follow_up: tuple[str, ...]  # paragraphs: received, followed up, resolved, disposed…
    timeliness_header: tuple[str, ...]
    timeliness_rows: tuple[tuple[str, ...], ...]
    obstacles: str  # kendala
    solutions: str  # solusi
    evaluation: str  # hasil evaluasi atas tindak lanjut
    evaluation_follow_up: str  # tindak lanjut hasil evaluasi
    annex_header: tuple[str, ...]
    annex_rows: tuple[tuple[str, ...], ...]
    subject: str = ""  # the PDF's subject metadata
