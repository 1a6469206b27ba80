"""The first-run wizard: set up an office, or try demo data; bad input creates nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import open_workspace
from tests.conftest import FakeClock
from ui.app import demo_paths
from ui.first_run import (
    CHOICE_PAGE,
    DEMO_CASES,
    DEMO_PAGE,
    OFFICE_PAGE,
    FirstRunWizard,
    run_first_run,
)
from ui.tasks import TaskRunner


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def wizard(
    qtbot: QtBot, data_paths: AppPaths, fake_clock: FakeClock, runner: TaskRunner
) -> FirstRunWizard:
    wizard = FirstRunWizard(data_paths, fake_clock, runner)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _png(path: Path) -> Path:
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    assert image.save(str(path), "PNG")
    return path


def _go_to_office_page(wizard: FirstRunWizard) -> None:
    assert wizard.currentId() == CHOICE_PAGE
    wizard.choice_page.setup_button.setChecked(True)
    wizard.next()
    assert wizard.currentId() == OFFICE_PAGE


def _fill_valid(wizard: FirstRunWizard) -> None:
    page = wizard.office_page
    page.office.code.setText("dinsos")
    page.office.name.setText("Dinas Sosial")
    page.office.regency.setText("Kabupaten Sumenep")
    page.office.unit_code.setText("460")
    page.office.address.setText("Jl. Trunojoyo No. 1")
    page.office.postal_code.setText("69417")
    page.office.phone.setText("(0328) 662000")
    page.office.email.setText("pengaduan@dinsos.sumenepkab.go.id")
    page.office.website.setText("dinsos.sumenepkab.go.id")
    page.office.city.setText("Sumenep")
    page.office.timezone.setCurrentIndex(page.office.timezone.findData("Asia/Makassar"))
    page.signatory.head_name.setText("Drs. Ahmad Fauzi, M.Si.")
    page.signatory.head_nip.setText("19700312 199503 1 002")
    page.signatory.head_rank.setText("Pembina Utama Muda (IV/c)")
    page.signatory.head_title.setText("Kepala Dinas Sosial")
    page.units.setPlainText("Sekretariat\nBidang Rehabilitasi Sosial\n\n")


def _finish(wizard: FirstRunWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_the_choice_page_leads_to_either_branch(wizard: FirstRunWizard) -> None:
    assert wizard.currentId() == CHOICE_PAGE
    assert wizard.choice_page.nextId() == OFFICE_PAGE
    wizard.choice_page.demo_button.setChecked(True)
    assert wizard.choice_page.nextId() == DEMO_PAGE


def test_setting_up_creates_the_office_data_dir(
    qtbot: QtBot,
    wizard: FirstRunWizard,
    data_paths: AppPaths,
    fake_clock: FakeClock,
    tmp_path: Path,
) -> None:
    _go_to_office_page(wizard)
    _fill_valid(wizard)
    assert wizard.office_page.office.set_logo_source(_png(tmp_path / "Logo Sumenep.png"))

    _finish(wizard)
    assert wizard.office_page.busy  # the data dir is made off the GUI thread
    wizard.reject()  # cancelling now is refused: a half-made data dir is worse
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.chosen_paths is not None, timeout=10_000)

    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.chosen_paths == data_paths
    workspace = open_workspace(data_paths, fake_clock)
    try:
        office = workspace.office
        assert (office.code, office.name, office.regency) == (
            "DINSOS",
            "Dinas Sosial",
            "Kabupaten Sumenep",
        )
        assert office.units == ("Sekretariat", "Bidang Rehabilitasi Sosial")
        assert office.head_nip == "197003121995031002"
        assert office.timezone == "Asia/Makassar"
        assert office.email == "pengaduan@dinsos.sumenepkab.go.id"
        assert office.logo_file == "office/logo.png"
        assert (data_paths.data_dir / "office" / "logo.png").read_bytes() == (
            tmp_path / "Logo Sumenep.png"
        ).read_bytes()
        with workspace.db.read() as uow:
            assert [a["action"] for a in uow.reference.audit_entries("office.")] == ["office.init"]
        assert not workspace.is_demo()
    finally:
        workspace.close()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("code", "DIN SOS!"),
        ("head_nip", "1" * 17),
        ("email", "pengaduan@dinsos"),
    ],
)
def test_bad_input_shows_an_inline_message_and_creates_nothing(
    wizard: FirstRunWizard, runner: TaskRunner, data_paths: AppPaths, field: str, value: str
) -> None:
    _go_to_office_page(wizard)
    _fill_valid(wizard)
    page = wizard.office_page
    form = page.signatory.form if field.startswith("head_") else page.office.form
    edit = form.inputs[field]
    assert isinstance(edit, QLineEdit)
    edit.setText(value)

    _finish(wizard)

    error = wizard.findChild(QLabel, f"error_{field}")
    assert error is form.errors[field]
    assert error.isVisibleTo(wizard) and error.text()
    others = [name for name, label in form.errors.items() if name != field and label.text()]
    assert others == []
    assert not page.busy and runner.running == 0
    assert wizard.isVisible() and wizard.chosen_paths is None
    assert wizard.currentId() == OFFICE_PAGE
    assert not data_paths.data_dir.exists()


def test_a_unit_listed_twice_and_a_bad_logo_are_refused(
    qtbot: QtBot, wizard: FirstRunWizard, data_paths: AppPaths, tmp_path: Path
) -> None:
    _go_to_office_page(wizard)
    _fill_valid(wizard)
    page = wizard.office_page
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_text("hello")
    assert not page.office.set_logo_source(not_an_image)
    assert page.office.form.errors["logo_file"].text()
    page.units.setPlainText("Sekretariat\nsekretariat")

    _finish(wizard)

    assert page.units_error.isVisibleTo(wizard)
    assert not data_paths.data_dir.exists()

    page.units.setPlainText("Sekretariat")  # corrected: now it is created
    _finish(wizard)
    qtbot.waitUntil(lambda: wizard.chosen_paths is not None, timeout=10_000)
    assert not page.units_error.isVisibleTo(wizard)
    assert data_paths.database.exists()


def test_the_demo_branch_makes_the_demo_data_dir_beside_the_real_one(
    qtbot: QtBot, wizard: FirstRunWizard, data_paths: AppPaths, fake_clock: FakeClock
) -> None:
    wizard.choice_page.demo_button.setChecked(True)
    wizard.next()
    assert wizard.currentId() == DEMO_PAGE
    assert wizard.demo_page.busy and wizard.demo_page.progress.isVisibleTo(wizard)
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()

    qtbot.waitUntil(lambda: wizard.chosen_paths is not None, timeout=30_000)

    demo = demo_paths(data_paths)
    assert wizard.chosen_paths == demo
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert not data_paths.database.exists()  # the office's own data dir stays empty
    workspace = open_workspace(demo, fake_clock)
    try:
        assert workspace.is_demo()
        cases = QueryService(workspace).cases(CaseQuery(limit=DEMO_CASES + 10))
        assert len(cases) == DEMO_CASES
    finally:
        workspace.close()


def test_demo_data_made_earlier_is_opened_again(
    qtbot: QtBot, data_paths: AppPaths, fake_clock: FakeClock, runner: TaskRunner
) -> None:
    from lapor_desktop.services.demo import generate_demo

    demo = demo_paths(data_paths)
    generate_demo(demo, fake_clock, cases=40, seed=3)
    wizard = FirstRunWizard(data_paths, fake_clock, runner, demo_cases=40)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.demo_button.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.chosen_paths is not None, timeout=10_000)
    assert wizard.chosen_paths == demo


def test_run_first_run_returns_none_when_the_user_quits(
    monkeypatch: pytest.MonkeyPatch, data_paths: AppPaths, fake_clock: FakeClock, runner: TaskRunner
) -> None:
    monkeypatch.setattr(FirstRunWizard, "exec", lambda _self: QDialog.DialogCode.Rejected)
    assert run_first_run(data_paths, fake_clock, runner) is None
    assert not data_paths.data_dir.exists()


def test_stopping_the_demo_keeps_no_demo_data(
    qtbot: QtBot, data_paths: AppPaths, fake_clock: FakeClock, runner: TaskRunner
) -> None:
    wizard = FirstRunWizard(data_paths, fake_clock, runner, demo_cases=20_000)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.demo_button.setChecked(True)
    wizard.next()
    page = wizard.demo_page
    assert page.cancel_button.isVisibleTo(wizard)
    qtbot.waitUntil(lambda: page.progress.value() > 0, timeout=30_000)  # it reports progress

    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert wizard.chosen_paths is None
    assert not demo_paths(data_paths).database.exists()
    assert not page.cancel_button.isVisibleTo(wizard)
