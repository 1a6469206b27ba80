"""The Laporan Pengelolaan Pengaduan of recap_scenario's hand-counted March, through the real
services, read back from the PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.reports.model import Period
from lapor_desktop.services.management_report import (
    MAX_TEXT,
    ManagementReportService,
    ReportSettingsMissing,
    ReportTexts,
)
from lapor_desktop.services.office_admin import OfficeAdmin
from lapor_desktop.services.workspace import Workspace
from tests.conftest import FakeClock
from tests.lapor_desktop.reports.recap_scenario import AS_OF, CONFIDENTIAL_TITLE, build

MARCH = Period(2026, 3)
NIP = "196805121994031007"
TEXTS = ReportTexts(
    obstacles="Sebagian pelapor tidak dapat dihubungi kembali.",
    solutions="Pelapor dihubungi lewat WhatsApp dan surat.",
    evaluation="Verifikasi tepat waktu 80%; tindak lanjut pertama perlu dipercepat.",
    evaluation_follow_up="Rapat koordinasi mingguan dengan bidang teknis.",
)


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def complete_office(workspace: Workspace) -> None:
    admin = OfficeAdmin(workspace)
    admin.update(replace(workspace.office, address="Jl. Trunojoyo No. 1", city="Sumenep"))
    admin.set_signatory(
        "Drs. Achmad Dahlan, M.Si.", NIP, "Pembina Utama Muda (IV/c)", "KEPALA DINAS SOSIAL"
    )


@pytest.fixture
def march(workspace: Workspace, fake_clock: FakeClock) -> dict[str, str]:
    numbers = build(workspace, fake_clock).register_no
    fake_clock.set(AS_OF)
    return numbers


def test_the_march_report_in_the_lke_outline(
    workspace: Workspace, march: dict[str, str], tmp_path: Path
) -> None:
    complete_office(workspace)
    path = tmp_path / "lpp-2026-03.pdf"
    ManagementReportService(workspace).export(MARCH, path, TEXTS)
    text = text_of(path.read_bytes())
    for expected in (
        "PEMERINTAH KABUPATEN SUMENEP",
        "LAPORAN PENGELOLAAN PENGADUAN MASYARAKAT DINAS SOSIAL BULAN MARET 2026",
        "A. Rekapitulasi jumlah pengaduan per bulan menurut jenis aduan",
        # recap_scenario's March: 7 received (G is February's, I April's): B an aspirasi, E
        # a permintaan informasi, C a whistle-blowing report, the other four pengaduan.
        "Maret 4 1 1 1 7",
        "Jumlah 4 1 1 1 7",
        "B. Tindak lanjut pengaduan",
        "diterima 7 pengaduan. Sebanyak 2 pengaduan (28,6%) telah ditindaklanjuti dan 1 "
        "pengaduan (14,3%) telah selesai.",
        "Disposisi ke perangkat daerah lain: 1; diteruskan ke instansi di luar Pemerintah "
        "Daerah: 1.",
        "Verifikasi dan disposisi 5 4 80,0%",
        "C. Kendala dan solusi",
        "Kendala: Sebagian pelapor tidak dapat dihubungi kembali.",
        "Solusi: Pelapor dihubungi lewat WhatsApp dan surat.",
        "D. Hasil evaluasi atas tindak lanjut Verifikasi tepat waktu 80%",
        "E. Tindak lanjut hasil evaluasi Rapat koordinasi mingguan",
        "Sumenep, 8 April 2026 KEPALA DINAS SOSIAL, Drs. Achmad Dahlan, M.Si. Pembina Utama "
        f"Muda (IV/c) NIP {NIP}",
        "LAMPIRAN: DAFTAR PENGADUAN",
        march["H"],
        march["B"],
    ):
        assert expected in text, expected
    assert march["G"] not in text  # February's
    assert CONFIDENTIAL_TITLE not in text  # the annex has no titles at all
    # The same report twice is the same file (a reprint for the archive).
    again = tmp_path / "again.pdf"
    ManagementReportService(workspace).export(MARCH, again, TEXTS)
    assert again.read_bytes() == path.read_bytes()


def test_empty_texts_print_lines_to_write_on(
    workspace: Workspace, march: dict[str, str], tmp_path: Path
) -> None:
    complete_office(workspace)
    path = tmp_path / "lpp.pdf"
    ManagementReportService(workspace).export(MARCH, path, ReportTexts())
    text = text_of(path.read_bytes())
    assert "Kendala: ....." in text and "Solusi: ....." in text
    assert "Tidak ada" not in text  # nothing is claimed on the office's behalf


def test_a_year_with_nothing_received_says_so(workspace: Workspace, tmp_path: Path) -> None:
    complete_office(workspace)
    path = tmp_path / "lpp-2025.pdf"
    ManagementReportService(workspace).export(Period(2025), path, TEXTS)
    text = text_of(path.read_bytes())
    assert "TAHUN 2025" in text
    assert "Pada periode Tahun 2025 tidak ada pengaduan yang diterima." in text
    assert "LAMPIRAN" not in text


def test_refused_without_the_signatory_or_with_bad_texts(
    workspace: Workspace, march: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "lpp.pdf"
    service = ManagementReportService(workspace)
    with pytest.raises(ReportSettingsMissing) as missing:
        service.export(MARCH, path, TEXTS)
    assert {"address", "head_name", "head_nip", "head_title"} <= set(missing.value.fields)
    assert "Pengaturan → Kantor" in str(missing.value)
    complete_office(workspace)
    for texts in (
        ReportTexts(obstacles="x" * (MAX_TEXT + 1)),
        ReportTexts(evaluation="nul \x00 byte"),
    ):
        with pytest.raises(ValidationError, match=r"(kendala|evaluasi)"):
            service.export(MARCH, path, texts)
    assert list(out.iterdir()) == []  # nothing written, no temporary file
