"""File → Settings…: office profile and letterhead, signatory, units, holidays, SLA rules, language
and paper size.

The office pages and the preferences are saved together by one Save (one transaction and one
audit entry for the office); holidays are added or removed at once, each audited by the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.sla import SlaRule
from lapor_desktop.progress import Progress
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.office_admin import (
    OfficeAdmin,
    OfficeChange,
    ProfileInvalid,
    build_profile,
    logo_path,
)
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.settings import AppSettings, load_settings, save_settings
from ui.errors import is_expected, show_error
from ui.holidays_page import HolidaysPage
from ui.i18n import install_translators
from ui.inline_form import alive, message_for
from ui.main_window import MainWindow
from ui.office_fields import OfficeFields, SignatoryFields
from ui.settings_pages import PreferencesFields, UnitsEditor
from ui.sla_page import SlaPage
from ui.tasks import TaskRunner

SETTINGS_SHORTCUT = "Ctrl+,"


@dataclass(frozen=True, slots=True)
class Saved:
    change: OfficeChange
    settings: AppSettings


class ServerSettingsPage(QWidget):
    """The central server this PC syncs with, and the way to connect it (enrollment)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = QLabel(self.tr("This PC works on its own (not connected to a server)."))
        self.state.setWordWrap(True)
        self.connect_button = QPushButton(self.tr("&Connect to the central server…"))
        self.connect_button.setAccessibleName(self.tr("Connect to the central server"))
        self.connect_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_enrolled(self, enrolled: object) -> None:
        if alive(self):
            self.show_server(getattr(enrolled, "server_url", None))

    def show_server(self, server_url: str | None) -> None:
        if server_url:
            self.state.setText(
                self.tr("This PC syncs with {server}. Connect again to change the user.").format(
                    server=server_url
                )
            )


class SettingsDialog(QDialog):
    saved = Signal()  # the office pages and preferences were saved
    changed = Signal()  # something the main window shows changed (office, holidays)
    rules_loaded = Signal()

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._busy = False
        self.discard_prompt: QMessageBox | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.resize(980, 720)

        self.office = OfficeFields()
        self.signatory = SignatoryFields()
        self.units = UnitsEditor()
        today = workspace.clock().astimezone(workspace.tz).date()
        self.holidays = HolidaysPage(workspace, tasks, today)
        self.holidays.changed.connect(self.changed)
        self.sla = SlaPage()
        self.preferences = PreferencesFields()

        office_scroll = QScrollArea()
        office_scroll.setWidgetResizable(True)
        office_scroll.setWidget(self.office)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        self.tabs.addTab(office_scroll, self.tr("Office and letterhead"))
        self.tabs.addTab(self._padded(self.signatory), self.tr("Signatory"))
        self.tabs.addTab(self.units, self.tr("Units"))
        self.tabs.addTab(self.holidays, self.tr("Holidays"))
        self.tabs.addTab(self.sla, self.tr("SLA rules"))
        self.tabs.addTab(self._padded(self.preferences), self.tr("Language, paper and sync"))
        self.server_page = ServerSettingsPage()
        self.tabs.addTab(self._padded(self.server_page), self.tr("Central server"))
        self._page_of = {
            name: index
            for index, name in enumerate(
                ("office", "signatory", "units", "holidays", "sla", "preferences", "server")
            )
        }

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(
            self.tr("Save the office, signatory, units, language and paper size")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        footer = QVBoxLayout()
        footer.addWidget(self.status)
        footer.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)
        layout.addWidget(self.buttons)

        self._settings = load_settings(workspace.paths.settings)
        self._show_office(workspace.office)
        self.preferences.set_settings(self._settings)
        self.holidays.load()
        self._load_rules()

    def open_page(self, name: str) -> None:
        """Show one page: office, signatory, units, holidays, sla, preferences or server."""
        self.tabs.setCurrentIndex(self._page_of[name])

    @staticmethod
    def _padded(widget: QWidget) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.addWidget(widget)
        layout.addStretch(1)
        return holder

    # -- loading -------------------------------------------------------------------------
    def _show_office(self, office: OfficeProfile) -> None:
        self.office.set_profile(office, logo_path(self._ws.paths, office))
        self.signatory.set_profile(office)
        self.units.set_units(office.units)
        self._loaded_values = self._form_values()

    def _load_rules(self) -> None:
        workspace = self._ws

        def work(_progress: Progress) -> list[SlaRule]:
            return list(workspace.reference().rulebook.rules)

        def done(rules: list[SlaRule]) -> None:
            if alive(self):
                self.sla.set_rules(rules)
                self.rules_loaded.emit()

        self._tasks.run(work, done, self._on_load_failed)

    def _on_load_failed(self, error: BaseException) -> None:
        if alive(self):
            show_error(self, error, self._ws.paths.logs)

    # -- saving --------------------------------------------------------------------------
    def _form_values(self) -> dict[str, Any]:
        values = self.office.values() | self.signatory.values()
        values["units"] = self.units.units()
        return values

    def has_unsaved_changes(self) -> bool:
        return (
            self._form_values() != self._loaded_values
            or self.office.logo_source is not None
            or self.preferences.settings() != self._settings
        )

    def save(self) -> None:
        """Check every field here; only a valid form is written (off the GUI thread)."""
        if self._busy:
            return
        try:
            profile = build_profile(self._form_values())
        except ProfileInvalid as error:
            self.show_errors(error.errors)
            return
        self.show_errors({})
        logo = self.office.logo_source
        preferences = self.preferences.settings()
        workspace = self._ws

        def work(_progress: Progress) -> Saved:
            change = OfficeAdmin(workspace).update(profile, logo)
            save_settings(workspace.paths.settings, preferences)
            return Saved(change, preferences)

        self._set_busy(True, self.tr("Saving…"))
        self._tasks.run(work, self._on_saved, self._on_save_failed)

    def show_errors(self, errors: dict[str, str]) -> None:
        messages = {field: message_for(field, text) for field, text in errors.items()}
        bad_office = self.office.show_errors(messages)
        bad_signatory = self.signatory.show_errors(messages)
        self.units.show_error(messages.get("units", ""))
        if not messages:
            return
        if bad_office:
            self.open_page("office")
            bad_office[0].setFocus()
        elif bad_signatory:
            self.open_page("signatory")
            bad_signatory[0].setFocus()
        elif "units" in messages:
            self.open_page("units")
        self.status.setText(self.tr("Nothing was saved. Please correct the fields marked in red."))

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.save_button.setEnabled(not busy)
        self.status.setText(text)

    def _on_saved(self, saved: Saved) -> None:
        if not alive(self):
            return
        language_changed = saved.settings.language != self._settings.language
        self._settings = saved.settings
        self._show_office(self._ws.office)
        if language_changed:
            app = QApplication.instance()
            if app is not None:
                install_translators(app, saved.settings.language)
            self.preferences.note.setVisible(True)
        moved = saved.change.moved_deadlines
        if moved:
            text = self.tr("Saved. %n open case(s) got a new deadline.", "", moved)
        else:
            text = self.tr("Saved.")
        self._set_busy(False, text)
        self.saved.emit()
        if saved.change.changed:
            self.changed.emit()

    def _on_save_failed(self, error: BaseException) -> None:
        if not alive(self):
            return
        self._set_busy(False, "")
        if isinstance(error, ProfileInvalid):
            self.show_errors(error.errors)
        elif isinstance(error, ValidationError) and error.field == "code":
            # The format was fine (checked before saving): the code is in use by cases.
            self.open_page("office")
            self.office.show_errors(
                {"code": self.tr("The office code cannot change once cases are registered.")}
            )
            self.status.setText(
                self.tr("Nothing was saved. Please correct the fields marked in red.")
            )
        elif isinstance(error, ValidationError):
            self.show_errors({error.field: error.message})
        elif is_expected(error):
            self.status.setText(self.tr("Nothing was saved: {error}").format(error=error))
        else:
            self.status.setText(self.tr("Nothing was saved."))
            show_error(self, error, self._ws.paths.logs)

    # -- closing -------------------------------------------------------------------------
    def reject(self) -> None:
        """Close; with unsaved changes, first ask (without blocking: the answer closes it)."""
        if self._busy:
            return
        if self.has_unsaved_changes():
            self._ask_discard()
            return
        super().reject()

    def _ask_discard(self) -> None:
        if self.discard_prompt is not None and alive(self.discard_prompt):
            self.discard_prompt.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unsaved changes"),
            self.tr("Close Settings and discard the changes you have not saved?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: QAbstractButton) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Discard and alive(self):
                self._show_office(self._ws.office)
                self.preferences.set_settings(self._settings)
                self.office.logo_source = None
                super(SettingsDialog, self).reject()

        box.buttonClicked.connect(answered)
        self.discard_prompt = box
        box.open()


def install_settings_action(window: MainWindow) -> QAction:
    """File → Settings… (Ctrl+,), placed above Quit."""

    def open_settings() -> None:
        shown = [window.workspace.office]
        dialog = SettingsDialog(window.workspace, window.tasks, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(window.reload)

        def retitle() -> None:
            before, after = shown[0], window.workspace.office
            old, new = f"{before.name} ({before.code})", f"{after.name} ({after.code})"
            window.setWindowTitle(window.windowTitle().replace(old, new))
            shown[0] = after

        dialog.saved.connect(retitle)
        panel = getattr(window, "sync_panel", None)
        if panel is not None:  # sync is installed (not in demo data)
            page = dialog.server_page
            page.connect_button.setEnabled(True)
            page.connect_button.clicked.connect(lambda: panel.open_enroll(dialog))
            panel.enrolled.connect(page.show_enrolled)
            if panel.state is not None:
                page.show_server(panel.state.status.server_url)
        dialog.open()

    action = window.add_action(
        "file",
        QCoreApplication.translate("SettingsDialog", "&Settings…"),
        SETTINGS_SHORTCUT,
        open_settings,
    )
    for menu in window.menuBar().findChildren(QMenu):
        if window.quit_action in menu.actions():
            menu.removeAction(action)
            menu.insertAction(window.quit_action, action)
            menu.insertSeparator(window.quit_action)
    return action
