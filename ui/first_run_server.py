"""The first-run wizard's third choice: connect this PC to the central server, which sets up the
fresh data dir from the server's office (ui/first_run.py holds the wizard)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizard, QWizardPage

from lapor_desktop.clock import Clock
from lapor_desktop.paths import AppPaths
from lapor_desktop.progress import Progress
from ui.enroll_dialog import EnrollForm
from ui.inline_form import alive
from ui.sync_connection import Enrolled, SyncConnection
from ui.tasks import TaskRunner


class ServerPage(QWizardPage):
    """Enroll this PC with the central server; the data dir is created from its office."""

    finished_enrolment = Signal(object)  # the AppPaths now set up; the wizard opens them

    def __init__(
        self,
        paths: AppPaths,
        clock: Clock,
        tasks: TaskRunner,
        connection: SyncConnection,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._tasks = tasks
        self._connection = connection
        self._busy = False
        self.enrolled: Enrolled | None = None
        self.setTitle(self.tr("Connect to the central server"))
        self.setSubTitle(
            self.tr(
                "Log in once, online, with the account the administrator gave you. Your "
                "office's name and code come from the server; complete the letterhead later "
                "in Settings."
            )
        )
        self.form = EnrollForm()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self._busy

    @property
    def busy(self) -> bool:
        return self._busy

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        """Finish: log in off the GUI thread; the wizard finishes when the server said yes."""
        if self.enrolled is not None:
            return True
        if self._busy:
            return False
        values = self.form.values()
        if values is None:
            return False
        server, user, password = values
        paths, clock, connection = self._paths, self._clock, self._connection

        def work(_progress: Progress) -> Enrolled:
            return connection.enroll(paths, clock, server, user, password)

        self._set_busy(True)
        self._tasks.run(work, self._on_enrolled, self._on_failed, uses_db=False)
        return False

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.set_busy(busy)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def _on_enrolled(self, enrolled: Enrolled) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self.enrolled = enrolled
        wizard = self.wizard()
        if wizard is not None:
            self.finished_enrolment.emit(self._paths)  # the wizard keeps it as chosen_paths
            wizard.accept()

    def _on_failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self.form.show_failure(error, self._paths.logs)
