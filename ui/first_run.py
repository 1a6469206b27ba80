"""The first-run wizard: set up this office's data dir, connect to the central server (the data
dir is then set up from the server's office), or try the demo data kept beside it.

`FirstRunWizard` is built without being shown, so tests drive its pages directly;
`run_first_run` only runs it. Nothing is written until the office form is valid; the data dir
is created (and the demo generated) off the GUI thread through the task runner.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from lapor_desktop.clock import Clock
from lapor_desktop.paths import AppPaths
from lapor_desktop.progress import CancelToken, Progress
from lapor_desktop.services.errors import WorkspaceError
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.office_admin import ProfileInvalid, build_profile, store_logo
from lapor_desktop.services.workspace import default_user, init_workspace, open_workspace
from ui.app import demo_paths
from ui.errors import is_expected, show_error
from ui.first_run_server import ServerPage
from ui.inline_form import ERROR_STYLE, alive, message_for
from ui.office_fields import OfficeFields, SignatoryFields
from ui.sync_connection import SyncConnection
from ui.tasks import TaskRunner

DEMO_CASES = 2000
DEMO_SEED = 1
CHOICE_PAGE, OFFICE_PAGE, DEMO_PAGE, SERVER_PAGE = range(4)  # SERVER_PAGE: ui.first_run_server


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)  # the services report no steps here: a moving bar says "working"
    bar.setTextVisible(False)
    bar.setVisible(False)
    return bar


class ChoicePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to LAPOR Desktop"))
        self.setSubTitle(
            self.tr("This computer has no complaint data yet. What would you like to do?")
        )
        self.setup_button = QRadioButton(self.tr("&Set up my office"))
        self.setup_button.setChecked(True)
        setup_text = QLabel(
            self.tr(
                "Enter your office's name, letterhead, head of office and units. "
                "You can change all of it later in Settings."
            )
        )
        self.server_button = QRadioButton(self.tr("&Connect to the central server"))
        server_text = QLabel(
            self.tr(
                "Your Kabupaten runs a LAPOR central server and gave you an account: this PC "
                "gets your office's profile from it and syncs at the end of each day."
            )
        )
        self.demo_button = QRadioButton(self.tr("&Try demo data"))
        demo_text = QLabel(
            self.tr(
                "Practise with {count} realistic complaints kept in a separate folder. Nothing "
                "in it is real, it is never sent anywhere, and your office's data is not touched."
            ).format(count=QLocale().toString(DEMO_CASES))
        )
        layout = QVBoxLayout(self)
        for button, text in (
            (self.setup_button, setup_text),
            (self.server_button, server_text),
            (self.demo_button, demo_text),
        ):
            text.setWordWrap(True)
            text.setIndent(24)
            button.setAccessibleDescription(text.text())
            layout.addWidget(button)
            layout.addWidget(text)
            layout.addSpacing(12)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        if self.setup_button.isChecked():
            return OFFICE_PAGE
        return SERVER_PAGE if self.server_button.isChecked() else DEMO_PAGE


class OfficePage(QWizardPage):
    """Every field of the office; validated inline; the data dir is created on Finish."""

    def __init__(
        self, paths: AppPaths, clock: Clock, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._tasks = tasks
        self._busy = False
        self.created = False
        self.setTitle(self.tr("Set up my office"))
        self.setSubTitle(
            self.tr(
                "Only the office code, name and regency are required now; complete the rest "
                "later in Settings. The letterhead and the head of office appear on letters."
            )
        )
        self.office = OfficeFields()
        self.signatory = SignatoryFields()
        self.units = QPlainTextEdit()
        self.units.setTabChangesFocus(True)
        self.units.setPlaceholderText(
            self.tr("One unit per line, for example:\nSekretariat\nBidang Rehabilitasi Sosial")
        )
        self.units.setAccessibleName(self.tr("Units of the office, one per line"))
        self.units_error = QLabel()
        self.units_error.setObjectName("error_units")
        self.units_error.setStyleSheet(ERROR_STYLE)
        self.units_error.setVisible(False)

        office_box = QGroupBox(self.tr("Office and letterhead"))
        QVBoxLayout(office_box).addWidget(self.office)
        head_box = QGroupBox(self.tr("Head of office (signs the letters)"))
        QVBoxLayout(head_box).addWidget(self.signatory)
        units_box = QGroupBox(self.tr("Units of the office (disposition targets)"))
        units_layout = QVBoxLayout(units_box)
        units_layout.addWidget(self.units)
        units_layout.addWidget(self.units_error)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(office_box)
        column.addWidget(head_box)
        column.addWidget(units_box)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(content)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.progress = _busy_bar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self._busy

    @property
    def busy(self) -> bool:
        return self._busy

    def values(self) -> dict[str, Any]:
        values = self.office.values() | self.signatory.values()
        values["units"] = self.units.toPlainText()
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        messages = {field: message_for(field, text) for field, text in errors.items()}
        bad = self.office.show_errors(messages) + self.signatory.show_errors(messages)
        units_message = messages.get("units", "")
        self.units_error.setText(units_message)
        self.units_error.setVisible(bool(units_message))
        if units_message:
            bad.append(self.units)
        if bad:
            bad[0].setFocus()
            self.scroll.ensureWidgetVisible(bad[0])
        self.status.setText(self.tr("Please correct the fields marked in red.") if messages else "")

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Finish: check every field; if all are valid, create the data dir off the GUI thread.

        Returns False while the data dir is being created; the wizard finishes when it is.
        """
        if self.created:
            return True
        if self._busy:
            return False
        try:
            profile = build_profile(self.values())
        except ProfileInvalid as error:
            self.show_errors(error.errors)
            return False
        self.show_errors({})
        self._create(profile, self.office.logo_source)
        return False

    def _create(self, profile: OfficeProfile, logo: Path | None) -> None:
        paths, clock = self._paths, self._clock

        def work(_progress: Progress) -> AppPaths:
            office = profile
            if logo is not None:
                office = replace(profile, logo_file=store_logo(paths, logo))
            workspace = init_workspace(paths, office, default_user(None, None), clock)
            workspace.close()
            return paths

        self._set_busy(True, self.tr("Creating the data of {office}…").format(office=profile.name))
        self._tasks.run(work, self._on_created, self._on_failed)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.status.setText(text)
        self.scroll.setEnabled(not busy)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def _on_created(self, paths: AppPaths) -> None:
        if not alive(self):
            return
        self.created = True
        self._set_busy(False)
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard):
            wizard.chosen_paths = paths
            wizard.accept()

    def _on_failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        if not is_expected(error):
            show_error(self, error, self._paths.logs)
        self.status.setText(self.tr("The office could not be set up: {error}").format(error=error))


class DemoPage(QWizardPage):
    """Generates the demo data dir (or reuses one made earlier), then finishes."""

    def __init__(
        self,
        paths: AppPaths,
        clock: Clock,
        tasks: TaskRunner,
        cases: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._tasks = tasks
        self._cases = cases
        self._busy = False
        self.done = False
        self.setTitle(self.tr("Try demo data"))
        self.setSubTitle(
            self.tr("The demo data is kept in {folder}, apart from your office's data.").format(
                folder=str(demo_paths(paths).data_dir)
            )
        )
        self.progress = _busy_bar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self._token: CancelToken | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.done

    @property
    def busy(self) -> bool:
        return self._busy

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        if self.done or self._busy:
            return
        target, clock, cases = demo_paths(self._paths), self._clock, self._cases

        def work(progress: Progress) -> AppPaths:
            from lapor_desktop.services.demo import generate_demo  # heavy: loaded only here

            if target.database.exists():  # made on an earlier start: open it again
                open_workspace(target, clock).close()
                return target
            generate_demo(target, clock, cases=cases, seed=DEMO_SEED, progress=progress)
            return target

        self._set_busy(
            True,
            self.tr("Creating {count} practice complaints. This takes a few seconds…").format(
                count=QLocale().toString(cases)
            ),
        )
        self.progress.setRange(0, cases)
        self.progress.setValue(0)
        self._token = self._tasks.run(
            work,
            self._on_done,
            self._on_failed,
            on_progress=self._on_progress,
            on_cancelled=self._on_cancelled,
        )
        self.cancel_button.setVisible(True)

    def _on_progress(self, done: int, total: int, _label: str) -> None:
        if alive(self):
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def cancel(self) -> None:
        """Stop making demo data; what was made so far is removed."""
        if self._token is not None:
            self._token.cancel()

    def _on_cancelled(self) -> None:
        if not alive(self):
            return
        self.cancel_button.setVisible(False)
        self._set_busy(False, self.tr("Cancelled: no demo data was kept."))

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.status.setText(text)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def _on_done(self, paths: AppPaths) -> None:
        if not alive(self):
            return
        self.cancel_button.setVisible(False)
        self.done = True
        self._set_busy(False, self.tr("The demo data is ready."))
        wizard = self.wizard()
        if isinstance(wizard, FirstRunWizard):
            wizard.chosen_paths = paths
            wizard.accept()

    def _on_failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self.cancel_button.setVisible(False)
        if not isinstance(error, WorkspaceError | OSError):
            show_error(self, error, self._paths.logs)
        self._set_busy(
            False,
            self.tr("The demo data could not be created: {error}").format(error=error),
        )


class FirstRunWizard(QWizard):
    """Set up my office, connect to the central server, or try demo data; `chosen_paths` is the
    data dir to open after it."""

    def __init__(
        self,
        paths: AppPaths,
        clock: Clock,
        tasks: TaskRunner,
        demo_cases: int = DEMO_CASES,
        parent: QWidget | None = None,
        connection: SyncConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self.chosen_paths: AppPaths | None = None
        self.setWindowTitle(self.tr("LAPOR Desktop — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.choice_page = ChoicePage()
        self.office_page = OfficePage(paths, clock, tasks)
        self.demo_page = DemoPage(paths, clock, tasks, demo_cases)
        self.server_page = ServerPage(paths, clock, tasks, connection or SyncConnection())
        self.setPage(CHOICE_PAGE, self.choice_page)
        self.setPage(OFFICE_PAGE, self.office_page)
        self.setPage(DEMO_PAGE, self.demo_page)
        self.setPage(SERVER_PAGE, self.server_page)
        self.server_page.finished_enrolment.connect(self._on_enrolled)
        self.setStartId(CHOICE_PAGE)
        self.resize(760, 720)

    @property
    def busy(self) -> bool:
        return self.office_page.busy or self.demo_page.busy or self.server_page.busy

    def _on_enrolled(self, paths: AppPaths) -> None:
        self.chosen_paths = paths

    def reject(self) -> None:
        if self.busy:  # a data dir half made is worse than a short wait
            return
        super().reject()


def run_first_run(paths: AppPaths, clock: Clock, tasks: TaskRunner) -> AppPaths | None:
    """Show the wizard; the data dir to open (the office's or the demo's), or None to quit."""
    wizard = FirstRunWizard(paths, clock, tasks)
    accepted = wizard.exec() == QDialog.DialogCode.Accepted
    chosen = wizard.chosen_paths if accepted else None
    wizard.deleteLater()
    return chosen
