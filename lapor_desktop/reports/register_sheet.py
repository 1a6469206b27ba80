"""A register (`reports.registers`) as one titled table of named columns: what the CSV, the
XLSX and the PDF of a register all print, so the three files of one register cannot disagree.

Cells are plain values: text, a whole number, a date, or None (nothing: an empty CSV cell, an
empty XLSX cell, "—" in the PDF). Each column has a stable code (the CSV's header, as in the
recap's CSV), the Indonesian heading the XLSX and the PDF print, and its width in the PDF
(millimetres, A4 landscape) and the XLSX (characters).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from lapor_desktop.domain.dates import ZONE_NAMES, indonesian_day
from lapor_desktop.reports import labels
from lapor_desktop.reports.registers import AgendaBook, LetterRegister, RegisterHeading

Cell = str | int | date | None

AGENDA_TITLE = "BUKU AGENDA PENGADUAN MASYARAKAT"
LETTERS_TITLE = "REGISTER SURAT KELUAR"
ARCHIVE_CODE = "000.5.3.1"  # Permendagri 83/2022: registration and agenda books


@dataclass(frozen=True, slots=True)
class Column:
    code: str  # the CSV header
    heading: str  # the XLSX and PDF header
    pdf_mm: float
    xlsx_chars: float
    max_lines: int = 2  # in the PDF; a longer cell ends in "…" (the XLSX holds it whole)
    numeric: bool = False  # right-aligned


@dataclass(frozen=True, slots=True)
class RegisterSheet:
    book: str  # "agenda" or "surat-keluar"
    title: str
    heading: RegisterHeading
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str  # printed under the title block

    @property
    def short_title(self) -> str:
        """ "Buku agenda pengaduan", for the foot and the file's properties."""
        return self.title.capitalize()


AGENDA_COLUMNS: tuple[Column, ...] = (
    Column("no_urut", "No.", 8, 6, 1, numeric=True),
    Column("no_agenda", "No. agenda", 33, 24),
    Column("tanggal_terima", "Tanggal terima", 18, 13, 1),
    Column("kanal", "Kanal", 22, 16),
    Column("pelapor", "Pelapor", 30, 26),
    Column("perihal", "Perihal", 43, 50, 3),
    Column("kategori", "Kategori", 36, 34, 3),
    Column("disposisi_diteruskan_ke", "Disposisi / diteruskan ke", 28, 30, 3),
    Column("status", "Status", 24, 20),
    Column("tanggal_selesai", "Tanggal selesai", 18, 13, 1),
    Column("tracking_lapor", "No. tracking LAPOR!", 18, 16, 1),
)

LETTER_COLUMNS: tuple[Column, ...] = (
    Column("no_urut", "No.", 9, 6, 1, numeric=True),
    Column("nomor_surat", "Nomor surat", 45, 32),
    Column("tanggal", "Tanggal", 18, 13, 1),
    Column("jenis_surat", "Jenis surat", 40, 30),
    Column("kepada", "Kepada", 40, 30),
    Column("perihal", "Perihal", 63, 50, 3),
    Column("no_register_pengaduan", "No. register pengaduan", 30, 24),
    Column("keterangan", "Keterangan", 20, 22),
)


def agenda_sheet(book: AgendaBook) -> RegisterSheet:
    category_names = dict(book.category_names)
    rows = tuple(
        (
            i,
            e.register_no,
            e.received_on,
            labels.channel_label(e.channel),
            e.reporter,
            labels.CONFIDENTIAL_TITLE if e.title is None else e.title,
            category_names.get(e.category_code, e.category_code),
            e.destination or None,
            labels.status_label(e.status),
            e.finished_on,
            e.tracking_id,
        )
        for i, e in enumerate(book.entries, start=1)
    )
    note = (
        f"{labels.number(len(rows))} pengaduan diterima, menurut waktu diterima. Identitas "
        "pelapor yang anonim atau dirahasiakan dan perihal pengaduan yang dirahasiakan tidak "
        "ditampilkan; kontak pelapor tidak dimuat."
    )
    return RegisterSheet("agenda", AGENDA_TITLE, book.heading, AGENDA_COLUMNS, rows, note)


def _remark(voided_on: date | None, withheld: bool) -> str | None:
    if voided_on is not None:
        return f"Dibatalkan {labels.short_date(voided_on)}"
    if withheld:
        return "Salinan tidak disimpan"
    return None


def letter_sheet(register: LetterRegister) -> RegisterSheet:
    rows = tuple(
        (
            i,
            e.number,
            e.issued_on,
            e.kind_title,
            e.recipient,
            e.subject,
            e.register_no,
            _remark(e.voided_on, e.withheld),
        )
        for i, e in enumerate(register.entries, start=1)
    )
    note = (
        f"{labels.number(len(rows))} surat bernomor, menurut waktu terbit; nomor yang dibatalkan "
        "tetap tercatat. Nama pelapor yang anonim atau dirahasiakan tidak ditampilkan."
    )
    return RegisterSheet(
        "surat-keluar", LETTERS_TITLE, register.heading, LETTER_COLUMNS, rows, note
    )


def heading_lines(heading: RegisterHeading) -> list[str]:
    """The title block's lines under the title (the XLSX's, and the PDF's foot names them)."""
    lines = [f"Kantor: {heading.office_name} ({heading.office_code})"]
    if heading.regency.strip():
        lines.append(f"Pemerintah daerah: {heading.regency.strip()}")
    lines += [
        f"Periode: {labels.period_label(heading.period)}",
        f"Keadaan per: {_as_of(heading)}",
        f"Kode klasifikasi arsip: {ARCHIVE_CODE}",
    ]
    return lines


def _as_of(heading: RegisterHeading) -> str:
    local = heading.as_of.astimezone(ZoneInfo(heading.time_zone))
    zone = ZONE_NAMES.get(heading.time_zone, local.strftime("%Z"))
    return f"{indonesian_day(local.date())}, {local:%H.%M} {zone}"


def text_of(cell: Cell) -> str:
    """A cell as the PDF prints it."""
    if cell is None:
        return labels.NONE_MARK
    if isinstance(cell, date):
        return labels.short_date(cell)
    return str(cell)


__all__ = [
    "AGENDA_COLUMNS",
    "AGENDA_TITLE",
    "ARCHIVE_CODE",
    "LETTERS_TITLE",
    "LETTER_COLUMNS",
    "Cell",
    "Column",
    "RegisterSheet",
    "agenda_sheet",
    "heading_lines",
    "letter_sheet",
    "text_of",
]
