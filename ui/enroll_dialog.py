"""Connect this PC to the central server: server address, user name, password (once, online).

Reached from File → Connect to the central server… and from the first-run wizard (where it
sets up a fresh data dir from the server's office). The login runs off the GUI thread; a wrong
password, an unreachable server or another protocol version is said in one plain sentence and
the dialog stays open to try again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.clock import Clock
from lapor_desktop.paths import AppPaths
from lapor_desktop.progress import Progress
from ui.errors import show_error
from ui.inline_form import ERROR_STYLE, alive
from ui.sync_connection import Enrolled, SyncConnection
from ui.sync_messages import enroll_message, is_sync_error
from ui.tasks import TaskRunner


class EnrollForm(QWidget):
    """Server address, user name and password, with a line for errors and a busy bar."""

    def __init__(self, server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server = QLineEdit(server_url)
        self.server.setPlaceholderText("https://lapor.kab.go.id")
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for label_text, widget in (
            (self.tr("&Server address"), self.server),
            (self.tr("&User name"), self.username),
            (self.tr("&Password"), self.password),
        ):
            label = QLabel(label_text)
            label.setBuddy(widget)
            widget.setAccessibleName(label_text.replace("&", ""))
            form.addRow(label, widget)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)

    def values(self) -> tuple[str, str, str] | None:
        """(server, user, password), or None after saying what is missing."""
        server, user = self.server.text().strip(), self.username.text().strip()
        password = self.password.text()
        if not server or not user or not password:
            self.show_error(self.tr("Fill in the server address, user name and password."))
            return None
        return server, user, password

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for widget in (self.server, self.username, self.password):
            widget.setEnabled(not busy)
        if busy:
            self.error_label.setVisible(False)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setAccessibleDescription(text)
        self.error_label.setVisible(True)

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def show_failure(self, error: BaseException, logs: Path) -> None:
        self.password.selectAll()
        if is_sync_error(error):
            self.show_error(enroll_message(error))
        else:
            self.show_error(self.tr("Connecting failed: {error}").format(error=error))
            show_error(self, error, logs)


class EnrollDialog(QDialog):
    enrolled = Signal(object)  # Enrolled

    def __init__(
        self,
        paths: AppPaths,
        clock: Clock,
        tasks: TaskRunner,
        connection: SyncConnection,
        parent: QWidget | None = None,
        server_url: str = "",
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._tasks = tasks
        self._connection = connection
        self._busy = False
        self.result_value: Enrolled | None = None
        self.setWindowTitle(self.tr("Connect to the central server"))
        intro = QLabel(
            self.tr(
                "Connect this PC once, online, with the account the Kabupaten's administrator "
                "gave you. The cases on this PC are kept and sent at the next sync."
            )
        )
        intro.setWordWrap(True)
        self.form = EnrollForm(server_url)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("&Connect"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.resize(520, 260)

    @property
    def busy(self) -> bool:
        return self._busy

    def error_text(self) -> str:
        return self.form.error_text()

    def submit(self) -> None:
        if self._busy:
            return
        values = self.form.values()
        if values is None:
            return
        server, user, password = values
        paths, clock, connection = self._paths, self._clock, self._connection

        def work(_progress: Progress) -> Enrolled:
            return connection.enroll(paths, clock, server, user, password)

        self._set_busy(True)
        self._tasks.run(work, self._on_done, self._on_failed, uses_db=False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.set_busy(busy)
        self.connect_button.setEnabled(not busy)

    def _on_done(self, enrolled: Enrolled) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self.result_value = enrolled
        self.form.password.clear()
        self.enrolled.emit(enrolled)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self._set_busy(False)
        self.form.show_failure(error, self._paths.logs)

    def reject(self) -> None:
        if self._busy:  # the login is on its way; its answer decides
            return
        super().reject()
