"""Helpers of the letter tests: a fully set-up office, cases in each state, PDFs read back."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from lapor_desktop.domain.case import Case, Reporter
from lapor_desktop.domain.codes import Sifat
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.office_admin import OfficeAdmin
from lapor_desktop.services.workspace import Workspace

WIB = ZoneInfo("Asia/Jakarta")
ISSUE_DAY = datetime(2026, 3, 5, 10, 0, tzinfo=WIB)  # a Thursday: "5 Maret 2026"
HEAD_NIP = "197003121995031002"
HEAD_NAME = "Drs. Achmad Dahlan, M.Si."
HEAD_RANK = "Pembina Utama Muda (IV/c)"
HEAD_TITLE = "KEPALA DINAS SOSIAL"
UNIT_CODE = "435.207"
ADDRESS = "Jl. Trunojoyo No. 1, Pangarangan"
AGENCY = "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Sumenep"
REPORTER = Reporter(
    name="Budi Santoso",
    nik="3529010101800001",
    phone="081234567890",
    email="budi.santoso@example.id",
    address="Jl. Melati No. 7, Desa Kolor",
)
ANSWER = (
    "Bantuan PKH Saudara telah dicairkan pada tanggal 4 Maret 2026 melalui Bank Jatim "
    "Cabang Sumenep."
)
F4 = (609.45, 935.43)
HALF_F4 = (609.45, 467.72)
A4 = (595.28, 841.89)


def full_profile(office: OfficeProfile) -> OfficeProfile:
    values = office.to_json()
    values.update(
        unit_code=UNIT_CODE,
        address=ADDRESS,
        postal_code="69411",
        phone="(0328) 662000",
        email="dinsos@sumenepkab.go.id",
        website="dinsos.sumenepkab.go.id",
        city="Sumenep",
        head_name=HEAD_NAME,
        head_nip=HEAD_NIP,
        head_rank=HEAD_RANK,
        head_title=HEAD_TITLE,
        units=["Bidang Linjamsos", "Bidang Rehabilitasi Sosial", "Sekretariat"],
    )
    return OfficeProfile.from_json(values)


def set_up_office(workspace: Workspace) -> None:
    """The letterhead, signatory and units, entered the way the settings dialog does."""
    OfficeAdmin(workspace).update(full_profile(workspace.office))


def register(
    workspace: Workspace,
    *,
    title: str = "Bantuan PKH tidak cair",
    anonymous: bool = False,
    confidential: bool = False,
    reporter: Reporter | None = REPORTER,
    channel: str = "walk_in",
    tracking_id: str | None = None,
    summary: str = "PKH triwulan I belum diterima keluarga pelapor",
) -> Case:
    return CaseService(workspace).register(
        NewCase(
            title=title,
            text="Bantuan PKH keluarga kami belum cair sejak Januari 2026.",
            channel=channel,
            category="Bantuan Sosial",
            summary=summary,
            reporter=None if anonymous else reporter,
            anonymous=anonymous,
            confidential=confidential,
            lapor_tracking_id=tracking_id,
        )
    )


def dispose(workspace: Workspace, case: Case) -> Case:
    return CaseService(workspace).dispose(
        case.id,
        DispositionInput(
            to_unit="Bidang Linjamsos",
            instructions=("Proses lebih lanjut", "Koordinasikan/konfirmasikan"),
            note="Cek data penerima di DTKS",
            sifat=Sifat.SEGERA,
        ),
    )


def answered(workspace: Workspace, **options: Any) -> Case:
    service = CaseService(workspace)
    case = dispose(workspace, register(workspace, **options))
    service.follow_up(case.id, "Data pelapor dicek di DTKS")
    return service.answer(case.id, ANSWER)


def forwarded(workspace: Workspace, **options: Any) -> Case:
    case = register(workspace, title="Jalan desa berlubang", **options)
    return CaseService(workspace).forward(
        case.id, AGENCY, "jalan desa merupakan kewenangan Dinas PUPR"
    )


def needing_info(workspace: Workspace, **options: Any) -> Case:
    case = register(workspace, **options)
    return CaseService(workspace).needs_info(
        case.id, "fotokopi KTP dan Kartu Keluarga belum dilampirkan"
    )


def pdf_text(data: bytes) -> str:
    """All pages' text with whitespace collapsed (wrapped lines join with a space)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def same_size(actual: tuple[float, float], expected: tuple[float, float]) -> bool:
    return abs(actual[0] - expected[0]) < 0.01 and abs(actual[1] - expected[1]) < 0.01


def fonts(data: bytes) -> list[dict[str, Any]]:
    """Every font the pages use: its name, subtype and whether its program is embedded."""
    reader = PdfReader(io.BytesIO(data))
    found: list[dict[str, Any]] = []
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found.append(
                {
                    "name": str(font["/BaseFont"]),
                    "subtype": str(font["/Subtype"]),
                    "embedded": any(
                        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    ),
                }
            )
    return found


def query(database: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(database)) as con:
        return con.execute(sql, params).fetchall()


def letter_sequence(database: Path, year: int = 2026) -> int:
    rows = query(
        database,
        "SELECT last FROM number_sequence WHERE name = 'letter:DINSOS' AND year = ?",
        year,
    )
    return int(rows[0][0]) if rows else 0


def blob_files(data_dir: Path) -> set[str]:
    root = data_dir / "blobs"
    if not root.exists():
        return set()
    return {p.name for p in root.rglob("*") if p.is_file()}
