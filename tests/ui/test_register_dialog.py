"""Reports → Agenda book and outgoing letters register: the recap dialog with its Kind set to a
register, over register_scenario's real data dir (cases and letters made through the
services), the real task runner and the real registers service; the saved files are read back
with pypdf and openpyxl.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from lapor_desktop.services.workspace import Workspace
from tests.conftest import FakeClock
from tests.lapor_desktop.reports.recap_scenario import CONFIDENTIAL_TITLE
from tests.lapor_desktop.reports.register_scenario import (
    CONTACTS,
    HIDDEN_NAMES,
    RegisterScenario,
    build_registers,
)
from tests.ui.test_translations import Recorder
from ui.main_window import MainWindow
from ui.reports_dialog import RecapDialog
from ui.reports_menu import ReportsMenu

pytestmark = pytest.mark.timeout(120)

WAIT_MS = 30_000


@pytest.fixture
def scenario(workspace: Workspace, fake_clock: FakeClock) -> RegisterScenario:
    return build_registers(workspace, fake_clock)


@pytest.fixture
def menu(scenario: RegisterScenario, window: MainWindow) -> ReportsMenu:
    found = window.findChild(ReportsMenu)
    assert found is not None
    return found


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[tuple[str, str]]]:
    """Answers Qt's save dialog with a path instead of showing it; records what it was asked."""
    asked: list[tuple[str, str]] = []

    def answer_with(path: str) -> list[tuple[str, str]]:
        def get_save_file_name(
            _parent: object, title: str, suggested: str, filters: str
        ) -> tuple[str, str]:
            asked.append((title, suggested))
            return path, filters

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
        return asked

    return answer_with


def open_registers(menu: ReportsMenu) -> RecapDialog:
    menu.registers_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, RecapDialog) and dialog.isVisible()
    return dialog


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_menu_opens_the_agenda_book(english: None, qtbot, menu: ReportsMenu) -> None:
    assert menu.registers_action.text() == "&Agenda book and outgoing letters register…"
    dialog = open_registers(menu)
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert kinds == [
        "Complaint recap",
        "Complaint agenda book",
        "Outgoing letters register",
        "Complaint handling report (ZI)",
    ]
    assert dialog.book == "agenda"
    assert not dialog.numbers_box.isVisible()  # the recap's numbers say nothing of a register
    assert not dialog.pemda_box.isEnabled() and not dialog.whole_pemda
    dialog.set_book(None)
    assert dialog.numbers_box.isVisible() and dialog.book is None
    dialog.reject()


def test_calculate_counts_the_entries(english: None, qtbot, menu: ReportsMenu) -> None:
    dialog = open_registers(menu)
    dialog.set_period(2026, 3)
    with qtbot.waitSignal(dialog.computed, timeout=WAIT_MS) as blocker:
        dialog.compute_button.click()
    assert blocker.args[0] is dialog.sheet and dialog.sheet is not None
    assert dialog.status_label.text() == (
        "Complaint agenda book of March 2026: 8 entries, as of 8 April 2026, 09.00 WIB."
    )
    dialog.set_book("surat-keluar")
    assert dialog.sheet is None and dialog.status_label.text() == ""
    with qtbot.waitSignal(dialog.computed, timeout=WAIT_MS):
        dialog.compute_button.click()
    assert dialog.status_label.text().startswith(
        "Outgoing letters register of March 2026: 7 entries"
    )
    assert not dialog.progress_bar.isVisible() and dialog.compute_button.isEnabled()
    dialog.reject()


def test_save_writes_the_agenda_pdf_and_the_letters_xlsx(
    english: None,
    qtbot,
    menu: ReportsMenu,
    scenario: RegisterScenario,
    save_dialog,
    tmp_path: Path,
) -> None:
    target = tmp_path / "agenda-maret.pdf"
    asked = save_dialog(str(target))
    dialog = open_registers(menu)
    dialog.set_period(2026, 3)
    dialog.set_format("pdf")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_button.click()
    title, suggested = asked[0]
    assert title == "Save the complaint agenda book"
    assert Path(suggested).name == "buku-agenda-pengaduan-DINSOS-2026-03.pdf"
    assert dialog.saved_path == target and dialog.open_folder_button.isVisible()
    text = squeezed(" ".join(p.extract_text() for p in PdfReader(target).pages))
    assert "BUKUAGENDAPENGADUANMASYARAKAT" in text
    for number in (scenario.register_no[c] for c in "HCDEFJAB"):
        assert number in text
    for secret in (*HIDDEN_NAMES, *CONTACTS, CONFIDENTIAL_TITLE):
        assert squeezed(secret) not in text

    dialog.set_book("surat-keluar")
    dialog.set_format("xlsx")
    assert dialog.suggested_path().name == "register-surat-keluar-DINSOS-2026-03.xlsx"
    letters = tmp_path / "surat-keluar"  # no suffix: the chosen format's is added
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS) as blocker:
        dialog.save_to(letters)
    written = tmp_path / "surat-keluar.xlsx"
    assert blocker.args == [written]
    sheet = openpyxl.load_workbook(written).worksheets[0]
    numbers = [row[1] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert numbers == scenario.numbers[:7]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "agenda-maret.pdf",
        "data",
        "surat-keluar.xlsx",
    ]
    dialog.reject()


def test_cancel_writes_no_register(
    english: None, qtbot, menu: ReportsMenu, tmp_path: Path, held_database_lane, wait_idle
) -> None:
    folder = tmp_path / "arsip"
    folder.mkdir()
    dialog = open_registers(menu)
    dialog.set_format("csv")
    dialog.save_to(folder / "agenda.csv")
    assert dialog.busy and not dialog.kind_combo.isEnabled()
    with qtbot.waitSignal(dialog.cancelled, timeout=WAIT_MS):
        dialog.cancel_button.click()
        held_database_lane.set()
    assert dialog.status_label.text() == "Cancelled. No file was written."
    assert list(folder.iterdir()) == []
    assert dialog.kind_combo.isEnabled() and not dialog.pemda_box.isEnabled()
    dialog.reject()
    wait_idle()


def test_the_registers_speak_indonesian(
    qtbot, scenario: RegisterScenario, indonesian: Recorder, window: MainWindow
) -> None:
    menu = window.findChild(ReportsMenu)
    assert menu is not None
    assert menu.registers_action.text() == "Buku &agenda dan register surat keluar…"
    dialog = open_registers(menu)
    kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert kinds == [
        "Rekap pengaduan",
        "Buku agenda pengaduan",
        "Register surat keluar",
        "Laporan pengelolaan pengaduan (ZI)",
    ]
    dialog.set_period(2026, 3)
    with qtbot.waitSignal(dialog.computed, timeout=WAIT_MS):
        dialog.compute_button.click()
    assert dialog.status_label.text() == (
        "Buku agenda pengaduan Maret 2026: 8 entri, keadaan per 8 April 2026, 09.00 WIB."
    )
    dialog.reject()
    contexts = {"ReportsMenu", "RecapDialog"}
    assert {context for context, _ in indonesian.asked} >= contexts
    assert sorted(m for m in indonesian.missing if m[0] in contexts) == []
