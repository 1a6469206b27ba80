"""The worker side of Reports → Complaint recap: formats, default file names, and the export
that a Cancel can still stop until the very last moment; the same for the registers (Buku
agenda pengaduan, Register surat keluar) the dialog makes when its kind is one of BOOKS.

Nothing here touches a widget: `compute` and `export_to` run on the task runner's database lane.
The reports service (and through it openpyxl and reportlab) is imported there, on first use, so
opening the dialog never waits for those imports on the GUI thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lapor_desktop.progress import Progress

if TYPE_CHECKING:
    from lapor_desktop.reports.model import Recap
    from lapor_desktop.reports.register_sheet import RegisterSheet
    from lapor_desktop.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ReportFormat:
    code: str  # what ReportService.export takes
    suffix: str


FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("pdf", ".pdf"),
    ReportFormat("xlsx", ".xlsx"),
    ReportFormat("csv", ".csv"),
)


def format_of(code: str) -> ReportFormat:
    return next(f for f in FORMATS if f.code == code)


def format_for_suffix(path: Path) -> ReportFormat | None:
    suffix = path.suffix.lower()
    return next((f for f in FORMATS if f.suffix == suffix), None)


# Named like the CSV's kode_kantor of a Pemda recap (reports.labels.PEMDA_CODE).
PEMDA_FILE_CODE = "PEMDA"


def default_file_name(
    office_code: str, year: int, month: int | None, fmt: str, whole_pemda: bool = False
) -> str:
    """rekap-pengaduan-DINSOS-2026-03.pdf (a month), rekap-pengaduan-DINSOS-2026.pdf (a year),
    rekap-pengaduan-PEMDA-2026-03.pdf (every office's cases)."""
    code = PEMDA_FILE_CODE if whole_pemda else office_code
    office = re.sub(r"[^0-9A-Za-z\-]+", "-", code).strip("-") or "OPD"
    period = f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"
    return f"rekap-pengaduan-{office}-{period}{format_of(fmt).suffix}"


def may_recap_pemda(workspace: Workspace) -> bool:
    """Whether this PC holds every office's cases (a coordinator's or admin's)."""
    from lapor_desktop.services.reports import ReportService

    return ReportService(workspace).may_recap_pemda()


def compute(
    workspace: Workspace, year: int, month: int | None, whole_pemda: bool, progress: Progress
) -> Recap:
    from lapor_desktop.services.reports import ReportService, parse_period

    period = parse_period(year, month, today=workspace.clock())
    return ReportService(workspace).recap(period, progress=progress, whole_pemda=whole_pemda)


def export_to(
    workspace: Workspace,
    year: int,
    month: int | None,
    whole_pemda: bool,
    fmt: str,
    target: Path,
    progress: Progress,
) -> Recap:
    """Write the recap to `target`, or leave it exactly as it was: the service writes a
    temporary file and checks the Cancel token again right before renaming it, so a Cancel
    clicked at any moment before that still means no file."""
    from lapor_desktop.services.reports import ReportService, parse_period

    period = parse_period(year, month, today=workspace.clock())
    progress.check()  # cancelled while the task waited for the database lane
    return ReportService(workspace).export(
        period, fmt, target, progress=progress, whole_pemda=whole_pemda
    )


# The registers (services.registers.BOOKS), and the start of their files' names.
BOOKS: tuple[str, ...] = ("agenda", "surat-keluar")
BOOK_FILE_PREFIX = {"agenda": "buku-agenda-pengaduan", "surat-keluar": "register-surat-keluar"}


def register_file_name(book: str, office_code: str, year: int, month: int | None, fmt: str) -> str:
    """buku-agenda-pengaduan-DINSOS-2026-03.pdf, register-surat-keluar-DINSOS-2026.xlsx."""
    office = re.sub(r"[^0-9A-Za-z\-]+", "-", office_code).strip("-") or "OPD"
    period = f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"
    return f"{BOOK_FILE_PREFIX[book]}-{office}-{period}{format_of(fmt).suffix}"


def compute_register(
    workspace: Workspace, book: str, year: int, month: int | None, progress: Progress
) -> RegisterSheet:
    from lapor_desktop.services.registers import RegisterService
    from lapor_desktop.services.reports import parse_period

    period = parse_period(year, month, today=workspace.clock())
    return RegisterService(workspace).sheet(book, period, progress)


def export_register(
    workspace: Workspace,
    book: str,
    year: int,
    month: int | None,
    fmt: str,
    target: Path,
    progress: Progress,
) -> RegisterSheet:
    """Write the register to `target`, or leave it as it was (as `export_to`)."""
    from lapor_desktop.services.registers import RegisterService
    from lapor_desktop.services.reports import parse_period

    period = parse_period(year, month, today=workspace.clock())
    progress.check()  # cancelled while the task waited for the database lane
    return RegisterService(workspace).export(book, period, fmt, target, progress)


__all__ = [
    "BOOKS",
    "FORMATS",
    "ReportFormat",
    "compute",
    "compute_register",
    "default_file_name",
    "export_register",
    "export_to",
    "format_for_suffix",
    "format_of",
    "may_recap_pemda",
    "register_file_name",
]


# The Laporan Pengelolaan Pengaduan (services.management_report): a PDF only.
MANAGEMENT_FILE_PREFIX = "laporan-pengelolaan-pengaduan"


def management_file_name(
    office_code: str, year: int, month: int | None, whole_pemda: bool = False
) -> str:
    """laporan-pengelolaan-pengaduan-DINSOS-2026-03.pdf (PEMDA for every office's cases)."""
    return MANAGEMENT_FILE_PREFIX + default_file_name(
        office_code, year, month, "pdf", whole_pemda
    ).removeprefix("rekap-pengaduan")


def export_management(
    workspace: Workspace,
    year: int,
    month: int | None,
    whole_pemda: bool,
    texts: tuple[str, str, str, str],
    target: Path,
    progress: Progress,
) -> Recap:
    """Write the report to `target`, or leave it as it was (as `export_to`); the recap it was
    made from comes back, for the numbers the dialog shows. `texts`: kendala, solusi, hasil
    evaluasi, tindak lanjut hasil evaluasi."""
    from lapor_desktop.services.management_report import ManagementReportService, ReportTexts
    from lapor_desktop.services.reports import parse_period

    period = parse_period(year, month, today=workspace.clock())
    progress.check()  # cancelled while the task waited for the database lane
    _report, recap = ManagementReportService(workspace).export(
        period, target, ReportTexts(*texts), progress, whole_pemda=whole_pemda
    )
    return recap
