"""Kepuasan pelapor in the recap (DOMAIN.md §8.7.5), counted by hand, through the real services
on a real data dir, in every format the recap is read in.

March 2026, four cases received:
  A answered, rated 5, puas
  B answered, rated 4, puas
  C answered, rated 5 puas, then reopened, answered again and rated 2, tidak puas (the latest
    counts: 2, tidak puas)
  D not answered yet, no rating
plus E, received in February, rated 1 tidak puas: another period's case.
So: received 4; rated 3 (75%); average (5 + 4 + 2) / 3 = 3.67 → 3.7; puas 2 of 3 = 66.7%;
tidak puas 1 of 3 = 33.3%; reopened 1 of 4 = 25%.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from lapor_desktop.cli.report_commands import recap_json
from lapor_desktop.reports.csv_export import render_csv
from lapor_desktop.reports.model import Period, Recap
from lapor_desktop.reports.pdf_export import render_pdf
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.management_report import ReportTexts, management_report
from lapor_desktop.services.reports import ReportService
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock

MARCH = Period(2026, 3)


def _answered(service: CaseService, title: str, received: datetime | None = None) -> str:
    case = service.register(
        NewCase(
            title=title,
            text=f"{title}: mohon ditindaklanjuti.",
            channel="walk_in",
            category="Bantuan Sosial",
            received_at=received,
        )
    )
    service.dispose(case.id, DispositionInput(to_unit="Bidang Linjamsos"))
    service.follow_up(case.id, "Petugas mendatangi rumah pelapor.")
    service.answer(case.id, "Bantuan telah disalurkan.")
    return case.id


@pytest.fixture
def recap(workspace: Workspace, fake_clock: FakeClock) -> Recap:
    service = CaseService(workspace)
    february = _answered(service, "Kasus E", datetime(2026, 2, 20, 10, tzinfo=WIB))
    service.feedback(february, 1, False, "Tidak ada perubahan")
    a = _answered(service, "Kasus A")
    b = _answered(service, "Kasus B")
    c = _answered(service, "Kasus C")
    service.register(
        NewCase(title="Kasus D", text="Belum dijawab.", channel="phone", category="Bantuan Sosial")
    )
    fake_clock.advance(days=1)
    service.feedback(a, 5, True, "Terima kasih, sudah beres")
    service.feedback(b, 4, True)
    service.feedback(c, 5, True)
    fake_clock.advance(days=1)
    service.reopen(c, "Pelapor menyatakan bantuan belum diterima")
    service.answer(c, "Bantuan disalurkan ulang.")
    fake_clock.advance(days=1)
    service.feedback(c, 2, False, "Masih kurang")
    return ReportService(workspace).recap(MARCH)


def test_the_figures_counted_by_hand(recap: Recap) -> None:
    assert (recap.received, recap.rated, recap.rating_total, recap.satisfied) == (4, 3, 11, 2)
    assert recap.rating_average == pytest.approx(11 / 3)
    assert recap.satisfied_percent == pytest.approx(200 / 3)
    assert recap.reopened == 1 and recap.reopened_percent == 25.0

    kepuasan = recap_json(recap)["kepuasan"]
    assert kepuasan["rating_average"] == 3.7  # one decimal
    assert (kepuasan["rated"], kepuasan["satisfied"], kepuasan["reopened"]) == (3, 2, 1)
    assert round(kepuasan["satisfied_percent"], 1) == 66.7
    assert kepuasan["rated_percent"] == 75.0 and kepuasan["reopened_percent"] == 25.0


def test_the_csv_kepuasan_rows(recap: Recap) -> None:
    text = render_csv(recap).decode("utf-8-sig")
    rows = [
        r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["bagian"] == "kepuasan"
    ]
    got = [(r["kode"], r["nilai"], r["persen"]) for r in rows]
    assert got == [
        ("dinilai", "3", "75,0"),
        ("rata_rata", "3,7", ""),
        ("puas", "2", "66,7"),
        ("tidak_puas", "1", "33,3"),
        ("dibuka_kembali", "1", "25,0"),
    ]
    assert rows[0]["rincian"] == "Pengaduan yang dinilai pelapor"


def test_the_pdf_has_the_kepuasan_section(recap: Recap) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(recap)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    start = text.index("Kepuasan pelapor")
    section = text[start : start + 400]
    assert "Pengaduan yang dinilai pelapor 3 75,0%" in section
    assert "Rata-rata penilaian (skala 1–5) 3,7" in section
    assert "Pelapor puas (beres) 2 66,7%" in section
    assert "Pelapor tidak puas (belum beres) 1 33,3%" in section
    assert "Dibuka kembali 1 25,0%" in section


def test_the_laporan_pengelolaan_says_it_in_part_b(workspace: Workspace, recap: Recap) -> None:
    report = management_report(workspace, recap, ReportTexts())
    assert (
        "Kepuasan pelapor: 3 pengaduan dinilai pelapornya, dengan rata-rata penilaian 3,7 dari "
        "5; 2 pelapor (66,7%) menyatakan puas (beres). Pengaduan yang dibuka kembali: 1 (25,0%)."
    ) in report.follow_up


def test_no_feedback_is_no_average_not_zero(workspace: Workspace, tmp_path: Path) -> None:
    CaseService(workspace).register(
        NewCase(title="Kasus", text="Isi.", channel="phone", category="Bantuan Sosial")
    )
    recap = ReportService(workspace).recap(MARCH)
    assert (recap.rated, recap.rating_average, recap.satisfied_percent) == (0, None, None)
    assert recap_json(recap)["kepuasan"]["rating_average"] is None
    text = render_csv(recap).decode("utf-8-sig")
    rows = {
        r["kode"]: (r["nilai"], r["persen"])
        for r in csv.DictReader(io.StringIO(text), delimiter=";")
        if r["bagian"] == "kepuasan"
    }
    assert rows["rata_rata"] == ("", "") and rows["puas"] == ("0", "")
    report = management_report(workspace, recap, ReportTexts())
    assert any("belum ada pengaduan yang dinilai" in p for p in report.follow_up)
