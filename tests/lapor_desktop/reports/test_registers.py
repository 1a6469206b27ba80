"""The Buku Agenda pengaduan and the Register surat keluar (DOMAIN.md §8.7.7), from a real
data dir built through the services (register_scenario), exported by RegisterService and read
back: the PDF with pypdf, the CSV with csv, the XLSX with openpyxl."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lapor_desktop.paths import AppPaths
from lapor_desktop.reports.model import Period
from lapor_desktop.reports.register_pdf import render_register_pdf
from lapor_desktop.reports.register_sheet import agenda_sheet, letter_sheet
from lapor_desktop.reports.register_tables import render_register_csv, render_register_xlsx
from lapor_desktop.reports.registers import AgendaBook, AgendaEntry, RegisterHeading
from lapor_desktop.services.letters import LetterService
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.registers import AGENDA, OUTGOING, RegisterService
from lapor_desktop.services.workspace import Workspace, default_user, init_workspace
from tests.conftest import FakeClock
from tests.lapor_desktop.reports.recap_scenario import CONFIDENTIAL_TITLE
from tests.lapor_desktop.reports.register_scenario import (
    CONTACTS,
    HIDDEN_NAMES,
    SHOWN_NAMES,
    RegisterScenario,
    build_registers,
)

MARCH = Period(2026, 3)
STANDARD_14 = {"Courier", "Helvetica", "Times-Roman", "Symbol", "ZapfDingbats"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, RegisterScenario]]:
    data = tmp_path_factory.mktemp("registers") / "data"
    clock = FakeClock()
    office = OfficeProfile(code="DINSOS", name="Dinas Sosial", regency="Kabupaten Sumenep")
    workspace = init_workspace(AppPaths(data), office, default_user("ani", None), clock)
    try:
        scenario = build_registers(workspace, clock)
        yield workspace, scenario
    finally:
        workspace.close()


def pdf_pages(path: Path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(path)
    return reader, [page.extract_text() for page in reader.pages]


def squeezed(text: str) -> str:
    """Without any whitespace: a cell may wrap anywhere, "DINSOS/2026/" + "00012" too."""
    return "".join(text.split())


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(path: Path) -> list[tuple[Any, ...]]:
    book = load_workbook(path)
    (sheet,) = book.worksheets
    return list(sheet.iter_rows(values_only=True))


def test_agenda_lists_the_months_cases_by_local_day(
    built: tuple[Workspace, RegisterScenario],
) -> None:
    ws, scenario = built
    n = scenario.register_no
    service = RegisterService(ws)
    march = service.agenda(MARCH)
    # H was received Sun 1 Mar 03:00 WIB (28 Feb 20:00 UTC): March in the office's zone.
    assert [e.register_no for e in march.entries] == [n[c] for c in "HCDEFJAB"]
    assert [e.register_no for e in service.agenda(Period(2026, 2)).entries] == [n["G"]]
    assert [e.register_no for e in service.agenda(Period(2026, 4)).entries] == [n["I"]]
    assert len(service.agenda(Period(2026)).entries) == 10
    by_no = {e.register_no: e for e in march.entries}
    assert by_no[n["H"]].received_on == date(2026, 3, 1)
    assert (by_no[n["C"]].reporter, by_no[n["C"]].title) == ("Dirahasiakan", None)
    assert by_no[n["B"]].reporter == by_no[n["J"]].reporter == "Anonim"
    assert by_no[n["D"]].reporter == "Bambang Prakoso"
    assert by_no[n["C"]].destination == "Polres Sumenep"
    assert by_no[n["A"]].destination == "DPUPR"
    assert by_no[n["H"]].destination == "Bidang Linjamsos"
    assert by_no[n["C"]].finished_on == date(2026, 3, 3)  # forwarded
    assert by_no[n["E"]].finished_on == date(2026, 3, 6)  # archived
    assert by_no[n["B"]].finished_on == date(2026, 4, 1)  # resolved
    assert by_no[n["H"]].finished_on is None  # still in progress
    assert by_no[n["B"]].tracking_id == "1916449"


def test_outgoing_register_lists_numbered_letters_by_local_day(
    built: tuple[Workspace, RegisterScenario],
) -> None:
    ws, scenario = built
    service = RegisterService(ws)
    march = service.letters(MARCH)
    # The eighth was issued 1 Apr 00:30 WIB, 31 Mar 17:30 UTC: April's.
    assert [e.number for e in march.entries] == scenario.numbers[:7]
    assert [e.number for e in service.letters(Period(2026, 4)).entries] == scenario.numbers[7:]
    assert [e.recipient for e in march.entries] == [
        "Dirahasiakan",
        "Polres Sumenep",
        "Bambang Prakoso",
        "Rukmini Sasmita",
        "Anonim",
        "Anonim",
        "Pelapor SP4N-LAPOR!",
    ]
    assert [e.kind for e in march.entries] == [
        "tanda-terima",
        "penerusan",
        "kelengkapan",
        "tanda-terima",
        "tanda-terima",
        "tanda-terima",
        "tanggapan",
    ]
    assert march.entries[3].voided_on == date(2026, 3, 6)
    assert march.entries[4].withheld  # J withdrew her identity after her receipt
    assert march.entries[6].subject == "Tanggapan atas Pengaduan Nomor Tracking #1916449"
    assert march.entries[1].register_no == scenario.register_no["C"]
    # The Lembar Disposisi of 30 March has no number and is in no register.
    issued_30th = LetterService(ws).issued_on(date(2026, 3, 30))
    assert [letter.kind.value for letter in issued_30th] == ["disposisi"]
    assert all(e.kind != "disposisi" for e in march.entries)


@pytest.mark.parametrize("book", [AGENDA, OUTGOING])
def test_the_three_files_hold_the_register_and_no_hidden_identity(
    built: tuple[Workspace, RegisterScenario], tmp_path: Path, book: str
) -> None:
    ws, scenario = built
    service = RegisterService(ws)
    paths = {fmt: tmp_path / f"{book}.{fmt}" for fmt in ("csv", "xlsx", "pdf")}
    for fmt, path in paths.items():
        service.export(book, MARCH, fmt, path)
    if book == AGENDA:
        key, expected = "no_agenda", [scenario.register_no[c] for c in "HCDEFJAB"]
    else:
        key, expected = "nomor_surat", scenario.numbers[:7]

    rows = csv_rows(paths["csv"])
    assert [r[key] for r in rows] == expected
    assert [r["no_urut"] for r in rows] == [str(i) for i in range(1, len(expected) + 1)]

    table = xlsx_rows(paths["xlsx"])
    header_at = next(i for i, row in enumerate(table) if row[0] == "No.")
    body = table[header_at + 1 :]
    assert [row[1] for row in body] == expected
    assert all(isinstance(row[2], datetime) for row in body)  # a date cell, not text
    assert table[0][0] in ("BUKU AGENDA PENGADUAN MASYARAKAT", "REGISTER SURAT KELUAR")

    reader, pages = pdf_pages(paths["pdf"])
    text = squeezed(" ".join(pages))
    for number in expected:
        assert squeezed(number) in text, number
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    for i, page in enumerate(pages, start=1):
        assert re.search(rf"Halaman {i} dari\s*{len(pages)}\b", page)
    assert "PEMERINTAHKABUPATENSUMENEP" in text and "DINASSOSIAL" in text
    assert "Periode:Maret2026" in text
    resources: list[Any] = [p["/Resources"] for p in reader.pages]
    fonts = {str(font["/BaseFont"]) for r in resources for font in r["/Font"].values()}
    assert fonts and all("DejaVuSerif" in f for f in fonts), fonts
    assert not any(f.lstrip("/") in STANDARD_14 for f in fonts)

    csv_text = paths["csv"].read_bytes().decode("utf-8-sig")
    xlsx_text = " ".join(str(v) for row in table for v in row if v is not None)
    for secret in (*HIDDEN_NAMES, *CONTACTS, CONFIDENTIAL_TITLE):
        for where, content in (("csv", csv_text), ("xlsx", xlsx_text)):
            assert secret not in content, (where, secret)
        assert squeezed(secret) not in text, ("pdf", secret)
    assert "Dirahasiakan" in csv_text and "Anonim" in csv_text
    if book == AGENDA:
        # A named reporter of an ordinary case is the agenda's business.
        for name in SHOWN_NAMES:
            assert name in csv_text
        assert "(rahasia)" in csv_text


def test_agenda_csv_columns_and_values(built: tuple[Workspace, RegisterScenario]) -> None:
    ws, scenario = built
    rows = csv_rows_of(render_register_csv(RegisterService(ws).sheet(AGENDA, MARCH)))
    assert list(rows[0]) == [
        "no_urut",
        "no_agenda",
        "tanggal_terima",
        "kanal",
        "pelapor",
        "perihal",
        "kategori",
        "disposisi_diteruskan_ke",
        "status",
        "tanggal_selesai",
        "tracking_lapor",
    ]
    c = next(r for r in rows if r["no_agenda"] == scenario.register_no["C"])
    assert c == {
        "no_urut": "2",
        "no_agenda": scenario.register_no["C"],
        "tanggal_terima": "2026-03-02",
        "kanal": "Datang langsung",
        "pelapor": "Dirahasiakan",
        "perihal": "(rahasia)",
        "kategori": "Kependudukan › Administrasi Kependudukan",
        "disposisi_diteruskan_ke": "Polres Sumenep",
        "status": "Diteruskan",
        "tanggal_selesai": "2026-03-03",
        "tracking_lapor": "",
    }


def csv_rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _heading(period: Period) -> RegisterHeading:
    return RegisterHeading(
        office_code="DINSOS",
        office_name="Dinas Sosial",
        regency="Kabupaten Sumenep",
        period=period,
        as_of=datetime(2026, 4, 8, 2, 0, tzinfo=UTC),
    )


def _long_book(count: int) -> AgendaBook:
    start = datetime(2026, 1, 1, 1, 0, tzinfo=UTC)
    entries = tuple(
        AgendaEntry(
            register_no=f"DINSOS/2026/{i:05d}",
            received_on=(start + timedelta(hours=i)).date(),
            received_at=start + timedelta(hours=i),
            channel="whatsapp",
            reporter=f"Pelapor {i}",
            title="Jalan rusak " * (i % 7 + 1),
            category_code="INFRASTRUKTUR.TRANSPORTASI",
            destination="",
            status="RECEIVED",
            finished_on=None,
            tracking_id=None,
        )
        for i in range(1, count + 1)
    )
    return AgendaBook(_heading(Period(2026)), entries)


def test_a_long_agenda_runs_many_pages_each_numbered() -> None:
    data = render_register_pdf(agenda_sheet(_long_book(400)))
    reader = PdfReader(io.BytesIO(data))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) > 5
    for i, page in enumerate(pages, start=1):
        assert re.search(rf"Halaman {i} dari\s*{len(pages)}\b", page), page[-120:]
        if i > 1:
            assert "No. agenda" in page  # the header row on every page
    text = squeezed(" ".join(pages))
    for i in (1, 200, 400):
        assert f"DINSOS/2026/{i:05d}" in text
    assert data == render_register_pdf(agenda_sheet(_long_book(400)))  # same bytes


def test_an_empty_period_says_so() -> None:
    empty = AgendaBook(_heading(Period(2025, 2)), ())
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_pdf(empty))).pages)
    assert "Tidak ada data pada periode ini." in " ".join(text.split())
    assert csv_rows_of(render_register_csv(agenda_sheet(empty))) == []
    xlsx = load_workbook(io.BytesIO(render_register_xlsx(agenda_sheet(empty))))
    assert list(xlsx.worksheets[0].iter_rows(values_only=True))[-1][0] == "No."


def render_pdf(book: AgendaBook) -> bytes:
    return render_register_pdf(agenda_sheet(book))


def test_same_register_same_bytes(built: tuple[Workspace, RegisterScenario]) -> None:
    ws, _ = built
    sheet = letter_sheet(RegisterService(ws).letters(MARCH))
    assert render_register_xlsx(sheet) == render_register_xlsx(sheet)
    assert render_register_pdf(sheet) == render_register_pdf(sheet)
