"""Settings: office, signatory and units saved with audit; holidays; SLA rules; preferences."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.workspace import Workspace
from ui import settings_dialog
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog, install_settings_action
from ui.tasks import TaskRunner

WAIT_MS = 10_000


@pytest.fixture
def runner(qapp: QApplication, workspace: Workspace) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()  # before the workspace closes
    QApplication.processEvents()


@pytest.fixture
def dialog(qtbot: QtBot, workspace: Workspace, runner: TaskRunner) -> SettingsDialog:
    dialog = SettingsDialog(workspace, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(
        lambda: runner.running == 0 and dialog.sla.table.rowCount() > 0, timeout=WAIT_MS
    )
    return dialog


def _stored_office(workspace: Workspace) -> OfficeProfile:
    with workspace.db.read() as uow:
        return OfficeProfile.from_json(uow.reference.get_setting("office"))


def _audit(workspace: Workspace, prefix: str) -> list[dict[str, object]]:
    with workspace.db.read() as uow:
        return uow.reference.audit_entries(prefix)


def _save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_button.click()


def test_the_sla_table_shows_every_rule_with_its_legal_basis(
    dialog: SettingsDialog, workspace: Workspace
) -> None:
    codes = [rule.code for rule in workspace.reference().rulebook.rules]
    assert dialog.sla.codes() == codes
    assert "VERIFY_3HK" in codes and "FOLLOW_UP_5HK" in codes
    row = codes.index("VERIFY_3HK")
    texts = [dialog.sla.table.item(row, c).text() for c in range(dialog.sla.table.columnCount())]
    assert "3" in texts and any("PermenPANRB" in t for t in texts)


def test_office_name_and_units_are_saved_and_audited(
    qtbot: QtBot, dialog: SettingsDialog, workspace: Workspace
) -> None:
    dialog.office.name.setText("Dinas Sosial P3A")
    dialog.units.add_unit("Sekretariat")
    dialog.units.add_unit("Bidang Rehsos")
    dialog.units.add_unit("Bidang Linjamsos")
    assert not dialog.units.add_unit("sekretariat")  # already listed
    assert not dialog.units.error.isHidden() and dialog.units.error.text()
    dialog.units.rename_unit(1, "Bidang Rehabilitasi Sosial")
    dialog.units.list.setCurrentRow(2)
    dialog.units.remove_current()
    changes: list[bool] = []
    dialog.changed.connect(lambda: changes.append(True))

    _save(qtbot, dialog)

    expected = ("Sekretariat", "Bidang Rehabilitasi Sosial")
    assert workspace.office.name == "Dinas Sosial P3A"
    assert workspace.office.units == expected
    assert _stored_office(workspace) == workspace.office
    (entry,) = _audit(workspace, "office.update")
    assert json.loads(str(entry["after"])) == {"name": "Dinas Sosial P3A", "units": list(expected)}
    assert changes == [True]
    assert not dialog.has_unsaved_changes()


def test_the_signatory_and_logo_are_saved(
    qtbot: QtBot, dialog: SettingsDialog, workspace: Workspace, tmp_path: Path
) -> None:
    dialog.signatory.head_name.setText("Drs. Ahmad Fauzi, M.Si.")
    dialog.signatory.head_nip.setText("197003121995031002")
    dialog.signatory.head_rank.setText("Pembina (IV/a)")
    dialog.signatory.head_title.setText("Kepala Dinas Sosial")
    image = QImage(12, 12, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.blue)
    image.save(str(tmp_path / "kop.jpg"), "JPG")
    assert dialog.office.set_logo_source(tmp_path / "kop.jpg")

    _save(qtbot, dialog)

    office = _stored_office(workspace)
    assert (office.head_name, office.head_nip, office.head_rank, office.head_title) == (
        "Drs. Ahmad Fauzi, M.Si.",
        "197003121995031002",
        "Pembina (IV/a)",
        "Kepala Dinas Sosial",
    )
    assert office.logo_file == "office/logo.jpg"
    assert (workspace.paths.data_dir / "office" / "logo.jpg").exists()
    assert dialog.office.logo_preview.pixmap() is not None
    assert len(_audit(workspace, "office.update")) == 1


@pytest.mark.parametrize(
    ("field", "value", "tab"),
    [
        ("name", "", 0),
        ("code", "DIN SOS!", 0),
        ("email", "dinsos@@sumenep", 0),
        ("head_nip", "1" * 17, 1),
    ],
)
def test_bad_input_shows_an_inline_message_and_saves_nothing(
    dialog: SettingsDialog,
    workspace: Workspace,
    runner: TaskRunner,
    field: str,
    value: str,
    tab: int,
) -> None:
    before = workspace.office
    form = dialog.signatory.form if field.startswith("head_") else dialog.office.form
    edit = form.inputs[field]
    assert isinstance(edit, QLineEdit)
    edit.setText(value)
    dialog.office.regency.setText("Kabupaten Bangkalan")  # a valid change beside it

    dialog.save_button.click()

    assert runner.running == 0  # nothing was even started
    assert form.errors[field].isVisibleTo(dialog) and form.errors[field].text()
    assert dialog.tabs.currentIndex() == tab
    assert workspace.office == before == _stored_office(workspace)
    assert _audit(workspace, "office.") == _audit(workspace, "office.init")
    assert not workspace.paths.settings.exists()


def test_the_code_cannot_change_once_cases_exist(
    qtbot: QtBot, dialog: SettingsDialog, workspace: Workspace, runner: TaskRunner
) -> None:
    CaseService(workspace).register(
        NewCase(title="PKH", text="Belum cair", channel="whatsapp", category="Bantuan Sosial")
    )
    dialog.office.code.setText("DINSOSP3A")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.office.form.errors["code"].isVisibleTo(dialog), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT_MS)
    assert _stored_office(workspace).code == "DINSOS"
    assert _audit(workspace, "office.update") == []


def test_a_local_holiday_is_listed_marked_and_removed_with_a_reason(
    qtbot: QtBot, dialog: SettingsDialog, workspace: Workspace, runner: TaskRunner
) -> None:
    dialog.open_page("holidays")
    page = dialog.holidays
    day = date(2026, 10, 30)
    assert not page.is_marked_off(day)
    page.select_day(day)
    page.add_button.click()  # no name yet
    assert page.add_error.isVisibleTo(dialog) and runner.running == 0

    page.holiday_name.setText("Hari Jadi Kabupaten Sumenep")
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.add_button.click()

    assert (day, "Hari Jadi Kabupaten Sumenep") in [(e.day, e.name) for e in page.holidays()]
    assert page.is_marked_off(day)
    names = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    assert "Hari Jadi Kabupaten Sumenep" in names
    assert "Hari Jadi Kabupaten Sumenep" in page.day_info.text()
    assert [a["action"] for a in _audit(workspace, "holiday.")] == ["holiday.add"]

    page.select_day(day)
    page.remove_button.click()  # no reason yet
    assert page.remove_error.isVisibleTo(dialog) and runner.running == 0
    page.reason.setText("Pelayanan tetap buka")
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.remove_button.click()

    assert day not in [e.day for e in page.holidays()]
    assert not page.is_marked_off(day)
    assert [a["action"] for a in _audit(workspace, "holiday.")] == ["holiday.add", "holiday.remove"]


def test_a_national_holiday_removed_stays_listed_as_a_working_day(
    qtbot: QtBot, dialog: SettingsDialog, workspace: Workspace
) -> None:
    page = dialog.holidays
    nyepi = date(2026, 3, 19)
    assert page.is_marked_off(nyepi)
    page.select_day(nyepi)
    page.reason.setText("Pelayanan tetap buka")
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.remove_button.click()
    (entry,) = [e for e in page.holidays() if e.day == nyepi]
    assert entry.working and not page.is_marked_off(nyepi)
    assert workspace.reference().calendar.is_working_day(nyepi)


def test_choosing_another_year_shows_that_year(qtbot: QtBot, dialog: SettingsDialog) -> None:
    page = dialog.holidays
    assert {e.day.year for e in page.holidays()} == {2026}
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.year.setValue(2027)
    assert page.holidays() and {e.day.year for e in page.holidays()} == {2027}
    assert page.calendar.yearShown() == 2027
    assert "working days" in page.month_info.text()


def test_language_and_paper_size_are_saved_in_settings_json(
    qtbot: QtBot,
    dialog: SettingsDialog,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed: list[str] = []
    monkeypatch.setattr(
        settings_dialog, "install_translators", lambda _app, lang: installed.append(lang)
    )
    dialog.open_page("preferences")
    prefs = dialog.preferences
    prefs.language.setCurrentIndex(prefs.language.findData("en"))
    prefs.paper.setCurrentIndex(prefs.paper.findData("A4"))

    _save(qtbot, dialog)

    assert json.loads(workspace.paths.settings.read_text()) == {"language": "en", "paper": "A4"}
    assert installed == ["en"]
    assert prefs.note.isVisibleTo(dialog)
    assert _audit(workspace, "office.update") == []  # the office did not change


def test_closing_with_unsaved_changes_asks_first(dialog: SettingsDialog) -> None:
    dialog.office.name.setText("Dinas Baru")
    dialog.reject()
    prompt = dialog.discard_prompt
    assert prompt is not None and prompt.isVisible() and dialog.isVisible()
    prompt.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible() and dialog.office.name.text() == "Dinas Baru"

    dialog.reject()
    prompt = dialog.discard_prompt
    prompt.button(QMessageBox.StandardButton.Discard).click()
    assert not dialog.isVisible()
    assert dialog.office.name.text() == "Dinas Sosial"


def test_the_settings_action_sits_in_the_file_menu(
    qtbot: QtBot, workspace: Workspace, runner: TaskRunner
) -> None:
    window = MainWindow(workspace, runner)
    qtbot.addWidget(window)
    action = install_settings_action(window)
    assert action.shortcut() == QKeySequence("Ctrl+,")
    menus = [a.menu() for a in window.menuBar().actions()]
    (actions,) = [m.actions() for m in menus if window.quit_action in m.actions()]
    assert actions.index(action) < actions.index(window.quit_action)

    action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT_MS)
    dialog.office.name.setText("Dinas Sosial P3A")
    _save(qtbot, dialog)
    assert "Dinas Sosial P3A (DINSOS)" in window.windowTitle()
    qtbot.waitUntil(lambda: runner.running == 0, timeout=WAIT_MS)  # the window's reload
    dialog.close()
