"""Reports → Complaint recap in the window: real widgets over a real data dir with cases, the
real task runner and the real reports service; every saved file is read back (csv, openpyxl,
pypdf) and its numbers compared with the cases made here.

The cases (office DINSOS, clock at 6 April 2026 10.00 WIB when the recap is made):
  February: one case, received only.
  March: A disposed, followed up, answered, rated 4 (puas) by its reporter, resolved; B disposed
  and followed up; C received only; D forwarded to another agency.
So March counts 4 received, 2 followed up (50%), 1 resolved (25%), 1 rated (4.0, all puas),
none reopened, and 3 deadlines past due
(C's verification and resolution, B's resolution: 2 complaints); the year counts 5 received
and 5 deadlines past due of 3 complaints.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication, QFileDialog

from lapor_desktop.domain.codes import Role
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.office import LocalUser
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock
from tests.lapor_desktop.reports.recap_samples import pemda_recap
from tests.lapor_desktop.reports.test_management_report import complete_office
from tests.ui.test_translations import Recorder
from ui.main_window import MainWindow
from ui.reports_dialog import RecapDialog
from ui.reports_menu import RECAP_SHORTCUT, ReportsMenu
from ui.shortcuts_dialog import ShortcutsDialog, menu_shortcuts

pytestmark = pytest.mark.timeout(120)

WAIT_MS = 30_000
RECAP_AT = datetime(2026, 4, 6, 10, 0, tzinfo=WIB)


@pytest.fixture
def complaints(workspace: Workspace, fake_clock: FakeClock) -> Iterator[None]:
    service = CaseService(workspace)

    def new(title: str, **options: object) -> str:
        case = service.register(
            NewCase(
                title=title,
                text=f"{title} sejak bulan lalu.",
                channel="walk_in",
                category="Bantuan Sosial",
                **options,  # type: ignore[arg-type]
            )
        )
        return case.id

    new("Bantuan PKH bulan Februari", received_at=datetime(2026, 2, 10, 9, 0, tzinfo=WIB))
    a = new("Bantuan PKH tidak cair")
    service.dispose(a, DispositionInput(to_unit="Bidang Linjamsos"))
    service.follow_up(a, "Data pelapor dicek di DTKS")
    service.answer(a, "Bantuan sudah dicairkan.")
    service.feedback(a, 4, True, "Sudah beres")
    service.resolve(a)
    b = new("Kartu KIS belum jadi")
    service.dispose(b, DispositionInput(to_unit="Bidang Linjamsos"))
    service.follow_up(b, "Dicek ke BPJS")
    new("Rumah tidak layak huni")
    d = new("Jalan desa berlubang")
    service.forward(d, "Dinas PUPR Kabupaten Sumenep", "jalan desa kewenangan Dinas PUPR")
    fake_clock.set(RECAP_AT)
    yield


@pytest.fixture
def menu(complaints: None, window: MainWindow) -> ReportsMenu:
    found = window.findChild(ReportsMenu)
    assert found is not None
    return found


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[tuple[str, str]]]:
    """Answers Qt's save dialog with a path instead of showing it; records what it was asked."""
    asked: list[tuple[str, str]] = []

    def answer_with(path: str) -> list[tuple[str, str]]:
        def get_save_file_name(
            _parent: object, _title: str, suggested: str, filters: str
        ) -> tuple[str, str]:
            asked.append((suggested, filters))
            return path, filters

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
        return asked

    return answer_with


def open_dialog(menu: ReportsMenu) -> RecapDialog:
    menu.recap_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, RecapDialog) and dialog.isVisible()
    return dialog


def save(qtbot, dialog: RecapDialog, target: Path, written: Path | None = None) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as blocker:
        dialog.save_to(target)
    assert blocker.args == [written or target]


def csv_rows(path: Path) -> dict[str, dict[str, str]]:
    """The recap CSV's headline rows (bagian "ringkasan") by code."""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))
    return {row["kode"]: row for row in rows if row["bagian"] == "ringkasan"}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the menu ---------------------------------------------------------------------------------
def test_the_reports_menu_comes_before_help_with_a_shortcut_of_its_own(
    english: None, menu: ReportsMenu, window: MainWindow
) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[-2:] == ["Reports", "Help"]
    assert menu.recap_action.text() == "Complaint &recap…"
    assert menu.recap_action.shortcut().toString() == RECAP_SHORTCUT == "Ctrl+Alt+R"
    shortcuts = [shortcut for _menu, _action, shortcut in menu_shortcuts(window)]
    assert len(shortcuts) == len(set(shortcuts)), f"two actions share a shortcut: {shortcuts}"
    assert ("Reports", "Complaint recap…", "Ctrl+Alt+R") in menu_shortcuts(window)
    assert dict(ShortcutsDialog(window).entries())["Complaint recap…"] == "Ctrl+Alt+R"


def test_the_dialog_starts_at_this_month_of_the_offices_year(
    english: None, qtbot, fake_clock: FakeClock, menu: ReportsMenu
) -> None:
    # New Year's Eve 18.00 UTC is already 1 January 01.00 in Jakarta.
    fake_clock.set(datetime.fromisoformat("2026-12-31T18:00:00+00:00"))
    dialog = open_dialog(menu)
    assert (dialog.year, dialog.month) == (2027, 1)
    assert dialog.year_spin.maximum() == 2027
    months = [dialog.month_combo.itemText(i) for i in range(dialog.month_combo.count())]
    assert months[:4] == ["Whole year", "January", "February", "March"] and len(months) == 13
    formats = [dialog.format_combo.itemText(i) for i in range(dialog.format_combo.count())]
    assert formats == ["PDF", "Excel (XLSX)", "CSV"]
    assert dialog.format == "pdf"
    assert menu.open_recap() is dialog  # the same dialog comes forward, not a second one
    dialog.reject()


# -- calculate --------------------------------------------------------------------------------
def test_calculate_shows_the_headline_numbers_of_the_period(
    english: None, qtbot, menu: ReportsMenu
) -> None:
    dialog = open_dialog(menu)
    dialog.set_period(2026, 3)
    with qtbot.waitSignal(dialog.computed, timeout=WAIT_MS):
        dialog.compute_button.click()
    assert dialog.received_value.text() == "4"
    assert dialog.followed_up_value.text() == "50.0% (2 of 4)"
    assert dialog.resolved_value.text() == "25.0% (1 of 4)"
    assert dialog.overdue_value.text() == "2 (3 deadlines past due)"  # B and C
    assert dialog.activity_value.text() == "1"  # ani recorded everything
    assert dialog.satisfaction_value.text() == "average 4.0 of 5; 100.0% satisfied (1 of 1)"
    assert dialog.reopened_value.text() == "0.0% (0 of 4)"
    assert dialog.status_label.text() == "Recap of March 2026, as of 6 April 2026, 10.00 WIB."
    assert not dialog.progress_bar.isVisible() and dialog.compute_button.isEnabled()

    dialog.set_period(2026, None)  # the numbers shown were for March: gone
    assert dialog.received_value.text() == "—"
    with qtbot.waitSignal(dialog.computed, timeout=WAIT_MS):
        dialog.compute_button.click()
    assert dialog.received_value.text() == "5"
    assert dialog.overdue_value.text() == "3 (5 deadlines past due)"
    dialog.reject()


# -- save -------------------------------------------------------------------------------------
def test_save_asks_for_a_name_writes_the_csv_and_offers_the_folder(
    english: None, qtbot, menu: ReportsMenu, window: MainWindow, save_dialog, tmp_path: Path
) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    target = folder / "rekap-maret.csv"
    asked = save_dialog(str(target))
    opened: list[QUrl] = []
    window.open_url = opened.append
    dialog = open_dialog(menu)
    dialog.set_period(2026, 3)
    dialog.set_format("csv")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_button.click()
    suggested, filters = asked[0]
    assert Path(suggested).name == "rekap-pengaduan-DINSOS-2026-03.csv"
    assert filters == "CSV files (*.csv)"

    headline = csv_rows(target)
    assert (headline["diterima"]["nilai"], headline["diterima"]["bulan"]) == ("4", "3")
    assert (headline["ditindaklanjuti"]["nilai"], headline["ditindaklanjuti"]["persen"]) == (
        "2",
        "50,0",
    )
    assert (headline["selesai"]["nilai"], headline["selesai"]["persen"]) == ("1", "25,0")
    assert headline["terlambat"]["nilai"] == "2"  # B and C: 3 deadlines of 2 complaints
    assert leftovers(folder) == ["rekap-maret.csv"]  # no temporary file left beside it

    assert dialog.status_label.text() == f"Saved to {target}"
    assert str(target) in window.statusBar().currentMessage()
    assert dialog.received_value.text() == "4"  # the numbers of the file just written
    assert dialog.open_folder_button.isVisible()
    dialog.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(folder))]

    # The next recap is suggested in the folder used last, named for its own period.
    dialog.set_period(2026, None)
    dialog.set_format("pdf")
    assert dialog.suggested_path() == folder / "rekap-pengaduan-DINSOS-2026.pdf"
    dialog.reject()


def test_a_year_as_excel_holds_the_years_numbers(
    english: None, qtbot, menu: ReportsMenu, tmp_path: Path
) -> None:
    dialog = open_dialog(menu)
    dialog.set_period(2026, None)
    dialog.set_format("xlsx")
    save(qtbot, dialog, tmp_path / "rekap-2026", tmp_path / "rekap-2026.xlsx")  # suffix added
    summary = openpyxl.load_workbook(tmp_path / "rekap-2026.xlsx")["Ringkasan"]
    texts = [c.value for c in summary["A"] if c.value is not None]
    assert "Kantor: Dinas Sosial (DINSOS)" in texts and "Periode: Tahun 2026" in texts
    head = {row[0].value: row for row in summary.iter_rows(min_row=8) if row[0].value}
    assert head["Jumlah pengaduan diterima"][1].value == 5
    followed = head["Tingkat tindak lanjut (pengaduan yang ditindaklanjuti)"]
    assert (followed[1].value, followed[2].value) == (2, pytest.approx(0.4))
    resolved = head["Tingkat penyelesaian (selesai ÷ diterima)"]
    assert (resolved[1].value, resolved[2].value) == (1, pytest.approx(0.2))
    assert head["Pengaduan terbuka melewati tenggat"][1].value == 3  # 5 deadlines of 3 complaints
    assert dialog.received_value.text() == "5"
    dialog.reject()


def test_a_month_as_pdf_reads_back_with_its_numbers(
    english: None, qtbot, menu: ReportsMenu, tmp_path: Path
) -> None:
    dialog = open_dialog(menu)
    dialog.set_period(2026, 3)
    assert dialog.format == "pdf"  # the default
    target = tmp_path / "rekap-maret.pdf"
    save(qtbot, dialog, target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in (
        "DINAS SOSIAL",
        "Periode: Maret 2026",
        "Keadaan per: 6 April 2026",
        "Jumlah pengaduan diterima 4",
        "Tingkat tindak lanjut (pengaduan yang ditindaklanjuti) 2 50,0%",
        "Tingkat penyelesaian (selesai ÷ diterima) 1 25,0%",
        "Pengaduan terbuka melewati tenggat 2",
    ):
        assert expected in text, expected
    assert "Bantuan PKH tidak cair" in text  # the annex lists March's cases
    assert "Bantuan PKH bulan Februari" not in text  # but not February's
    dialog.reject()


def test_a_coordinator_pc_that_never_synced_is_told_why_there_is_no_pemda_recap(
    english: None, qtbot, menu: ReportsMenu, tmp_path: Path
) -> None:
    """A data dir never enrolled is its office's coordinator's, so the choice is offered; but
    it holds one office's cases, so the service refuses a "whole Pemda" recap (the Pemda
    recap itself is tested over a real synced coordinator in tests/lapor_desktop/reports)."""
    dialog = open_dialog(menu)
    assert dialog.pemda_box.isVisible() and not dialog.whole_pemda
    dialog.set_period(2026, 3)
    dialog.set_format("csv")
    dialog.pemda_box.setChecked(True)
    assert dialog.suggested_path().name == "rekap-pengaduan-PEMDA-2026-03.csv"
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as blocker:
        dialog.save_to(tmp_path / "pemda.csv")
    assert "never been connected" in blocker.args[0], blocker.args
    assert dialog.error_label.isVisible()
    assert not (tmp_path / "pemda.csv").exists()
    assert leftovers(tmp_path) == ["data"]
    dialog.pemda_box.setChecked(False)  # the office's own recap still works
    save(qtbot, dialog, tmp_path / "office.csv")
    assert csv_rows(tmp_path / "office.csv")["diterima"]["nilai"] == "4"
    dialog.reject()


def test_the_complaint_handling_report_takes_the_offices_own_words(
    english: None, qtbot, menu: ReportsMenu, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_dialog(menu)
    assert not dialog.texts_box.isVisible()
    dialog.set_format("csv")
    dialog.set_management()
    assert dialog.texts_box.isVisible() and dialog.numbers_box.isVisible()
    assert dialog.format == "pdf" and not dialog.format_combo.isEnabled()  # a PDF to sign
    dialog.set_period(2026, 3)
    assert dialog.suggested_path().name == "laporan-pengelolaan-pengaduan-DINSOS-2026-03.pdf"

    # This office has no head of office yet: nothing to sign, so nothing is written.
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as blocker:
        dialog.save_to(tmp_path / "lpp.pdf")
    assert "office settings missing" in blocker.args[0] and "head_name" in blocker.args[0]
    assert leftovers(tmp_path) == ["data"]

    complete_office(workspace)
    dialog.obstacles_edit.setPlainText("Jaringan internet di kantor sering putus.")
    dialog.evaluation_edit.setPlainText("Tindak lanjut pertama perlu dipercepat.")
    save(qtbot, dialog, tmp_path / "lpp.xlsx", written=tmp_path / "lpp.pdf")  # always a PDF
    assert dialog.received_value.text() == "4"  # the numbers it was made from
    reader = PdfReader(io.BytesIO((tmp_path / "lpp.pdf").read_bytes()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "LAPORAN PENGELOLAAN PENGADUAN MASYARAKAT DINAS SOSIAL BULAN MARET 2026" in text
    assert "Kendala: Jaringan internet di kantor sering putus." in text
    assert "Solusi: ....." in text  # left empty: lines to write on
    assert "D. Hasil evaluasi atas tindak lanjut Tindak lanjut pertama perlu dipercepat." in text

    dialog.set_book(None)  # back to the recap: every format again, no texts
    assert not dialog.texts_box.isVisible() and dialog.format_combo.isEnabled()
    dialog.reject()


def test_a_pemda_recap_shows_the_share_of_active_offices(english: None, menu: ReportsMenu) -> None:
    dialog = open_dialog(menu)
    dialog._show_numbers(pemda_recap())  # a synced coordinator's: tests/lapor_desktop/reports
    assert dialog.activity_value.text() == "3 (50.0% of offices active)"  # 2 of 4 OPDs
    dialog._show_numbers(None)
    assert dialog.activity_value.text() == "—"
    dialog.reject()


def test_an_operators_pc_offers_no_pemda_recap(
    english: None, menu: ReportsMenu, workspace: Workspace
) -> None:
    workspace.user = LocalUser("ani", Role.OPERATOR)  # as enrollment sets it
    dialog = open_dialog(menu)
    assert not dialog.pemda_box.isVisible() and not dialog.whole_pemda
    dialog.reject()


# -- failures and cancel ----------------------------------------------------------------------
def test_a_folder_that_cannot_hold_the_file_says_so_and_writes_nothing(
    english: None, qtbot, menu: ReportsMenu, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "stick"
    not_a_folder.write_bytes(b"a file where a folder was expected")
    dialog = open_dialog(menu)
    dialog.set_period(2026, 3)
    dialog.set_format("csv")
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS) as blocker:
        dialog.save_to(not_a_folder / "rekap.csv")
    message = blocker.args[0]
    assert message.startswith(f"The recap could not be saved in {not_a_folder}: ")
    assert "Nothing was written" in message
    assert dialog.error_label.isVisible() and dialog.error_label.text() == message
    assert not dialog.open_folder_button.isVisible()
    assert leftovers(tmp_path) == sorted(["data", "stick"])
    assert not_a_folder.read_bytes() == b"a file where a folder was expected"
    assert dialog.save_button.isEnabled()  # ready for another try
    dialog.reject()


def test_cancel_writes_nothing_and_keeps_an_older_file(
    english: None, qtbot, menu: ReportsMenu, tmp_path: Path, held_database_lane, wait_idle
) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    target = folder / "rekap.csv"
    target.write_bytes(b"last month's recap")
    dialog = open_dialog(menu)
    dialog.set_period(2026, 3)
    dialog.set_format("csv")
    dialog.save_to(target)
    assert dialog.busy and dialog.progress_bar.isVisible()
    assert not dialog.save_button.isEnabled() and dialog.cancel_button.isEnabled()
    with qtbot.waitSignal(dialog.cancelled, timeout=WAIT_MS):
        dialog.cancel_button.click()
        held_database_lane.set()
    assert dialog.status_label.text() == "Cancelled. No file was written."
    assert target.read_bytes() == b"last month's recap"
    assert leftovers(folder) == ["rekap.csv"]
    assert not dialog.busy and dialog.save_button.isEnabled()
    dialog.reject()
    wait_idle()


def test_cancelling_the_complaint_handling_report_keeps_an_older_one(
    english: None,
    qtbot,
    menu: ReportsMenu,
    workspace: Workspace,
    tmp_path: Path,
    held_database_lane,
    wait_idle,
) -> None:
    complete_office(workspace)
    folder = tmp_path / "laporan"
    folder.mkdir()
    target = folder / "lpp.pdf"
    target.write_bytes(b"%PDF last month's signed report")
    dialog = open_dialog(menu)
    dialog.set_management()
    dialog.set_period(2026, 3)
    dialog.obstacles_edit.setPlainText("Jaringan internet di kantor sering putus.")
    dialog.save_to(target)
    assert dialog.busy and dialog.cancel_button.isEnabled()
    with qtbot.waitSignal(dialog.cancelled, timeout=WAIT_MS):
        dialog.cancel_button.click()
        held_database_lane.set()
    assert dialog.status_label.text() == "Cancelled. No file was written."
    assert target.read_bytes() == b"%PDF last month's signed report"
    assert leftovers(folder) == ["lpp.pdf"]
    # The office's words are still there for the next try.
    assert dialog.obstacles_edit.toPlainText() == "Jaringan internet di kantor sering putus."
    assert not dialog.busy and dialog.save_button.isEnabled()
    dialog.reject()
    wait_idle()


def test_a_calculation_can_be_cancelled_too(
    english: None, qtbot, menu: ReportsMenu, held_database_lane, wait_idle
) -> None:
    dialog = open_dialog(menu)
    dialog.set_period(2026, 3)
    dialog.compute_button.click()
    assert dialog.busy and not dialog.compute_button.isEnabled()
    with qtbot.waitSignal(dialog.cancelled, timeout=WAIT_MS):
        dialog.cancel()
        held_database_lane.set()
    assert dialog.status_label.text() == "Cancelled."
    assert dialog.recap is None and dialog.received_value.text() == "—"
    dialog.reject()
    wait_idle()


def test_closing_the_dialog_while_it_saves_cancels_the_save(
    english: None, qtbot, menu: ReportsMenu, tmp_path: Path, held_database_lane, wait_idle
) -> None:
    dialog = open_dialog(menu)
    dialog.set_format("csv")
    dialog.save_to(tmp_path / "rekap.csv")
    dialog.reject()
    assert menu.dialog is None
    held_database_lane.set()
    wait_idle()
    QApplication.processEvents()
    assert leftovers(tmp_path) == ["data"]  # neither the file nor a temporary one


# -- Indonesian -------------------------------------------------------------------------------
def test_the_recap_speaks_indonesian(
    qtbot, complaints: None, indonesian: Recorder, window: MainWindow, tmp_path: Path
) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[-2:] == ["Laporan", "Bantuan"]
    menu = window.findChild(ReportsMenu)
    assert menu is not None and menu.recap_action.text() == "&Rekap pengaduan…"
    dialog = open_dialog(menu)
    months = [dialog.month_combo.itemText(i) for i in range(dialog.month_combo.count())]
    assert months[0] == "Setahun penuh" and months[3] == "Maret" and months[12] == "Desember"
    dialog.set_period(2026, 3)
    with qtbot.waitSignal(dialog.computed, timeout=WAIT_MS):
        dialog.compute_button.click()
    assert dialog.followed_up_value.text() == "50,0% (2 dari 4)"
    assert dialog.status_label.text().startswith("Rekap Maret 2026")
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS):
        dialog.save_to(tmp_path / "tidak-ada" / "rekap.csv")
    assert dialog.error_label.text().startswith("Rekap tidak dapat disimpan di ")
    dialog.set_format("csv")
    save(qtbot, dialog, tmp_path / "rekap.csv")
    assert dialog.status_label.text() == f"Disimpan ke {tmp_path / 'rekap.csv'}"
    dialog.reject()
    contexts = {"ReportsMenu", "RecapDialog"}
    assert {context for context, _ in indonesian.asked} >= contexts
    assert sorted(m for m in indonesian.missing if m[0] in contexts) == []
