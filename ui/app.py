"""The composition root: application, translations, logging, data dir, task runner, window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from lapor_desktop.clock import Clock
from lapor_desktop.domain.summary import Queue
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.errors import WorkspaceError
from lapor_desktop.services.workspace import Workspace, open_workspace
from lapor_desktop.settings import load_settings
from ui.case_actions import CaseActions
from ui.i18n import install_translators
from ui.letters_actions import install_letters_actions
from ui.main_window import MainWindow
from ui.reports_menu import install_reports_menu
from ui.settings_dialog import install_settings_action
from ui.shortcuts_dialog import install_shortcuts_help
from ui.sync_connection import SyncConnection
from ui.sync_panel import install_sync
from ui.tasks import TaskRunner

log = logging.getLogger("lapor_desktop.ui")

# A smoke check of an installed or frozen app (tests/frozen, tests/ui/test_app_smoke.py): with
# LAPOR_QUIT_WHEN_READY=1 the window quits by itself once everything after the first paint is
# built and its loads are done, and logs what it showed, so a check sees a clean exit and the
# window's state instead of killing a window it can only see is still alive.
QUIT_WHEN_READY = "LAPOR_QUIT_WHEN_READY"


def demo_paths(paths: AppPaths) -> AppPaths:
    """Demo data lives beside the real data dir, never inside it."""
    return AppPaths(paths.data_dir.with_name(paths.data_dir.name + "-demo"))


def build_window(
    workspace: Workspace, tasks: TaskRunner, connection: SyncConnection | None = None
) -> MainWindow:
    """The window asks for its first page at once and paints the table before the rest is
    built: menus and actions, the case view and the sync panel come right after that paint
    (window.is_ready / window.ready). Dialogs are made when first opened."""
    settings = QSettings(str(workspace.paths.data_dir / "window.ini"), QSettings.Format.IniFormat)
    demo = workspace.is_demo()  # one settings row, before the window exists
    window = MainWindow(workspace, tasks, settings=settings, demo=demo, staged=True, sync=not demo)
    window.later(lambda: CaseActions(window))  # the Case menu's actions, intake form (Ctrl+N)
    window.later(lambda: install_settings_action(window))  # File → Settings… (Ctrl+,)
    # Case → Letter… (Ctrl+L), File → Today's letters
    window.later(lambda: install_letters_actions(window))
    window.later(lambda: install_reports_menu(window))  # Reports → Complaint recap… (Ctrl+Alt+R)
    if not demo:  # demo data is never sent anywhere
        window.later(lambda: install_sync(window, connection))  # Sync menu (F9), status bar
    window.later(lambda: install_shortcuts_help(window))
    return window


def _setup_logging(paths: AppPaths) -> None:
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(paths.logs / "lapor-desktop.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("lapor_desktop").addHandler(handler)
    logging.getLogger("lapor_desktop").setLevel(logging.INFO)


def _quit_when_idle(app: QApplication, window: MainWindow, tasks: TaskRunner) -> None:
    if tasks.running:
        QTimer.singleShot(50, lambda: _quit_when_idle(app, window, tasks))
        return
    menus = ", ".join(a.text().replace("&", "") for a in window.menuBar().actions())
    log.info(
        "window ready: %d cases listed, %d counted, menus %s",
        window.model.rowCount(),
        window.counts.get(Queue.ALL, 0),
        menus,
    )
    app.quit()


def run(paths: AppPaths, clock: Clock) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("LAPOR Desktop")
    app.setOrganizationName("LAPOR")
    install_translators(app, load_settings(paths.settings).language)
    tasks = TaskRunner(app)
    target = paths
    if not paths.database.exists():
        from ui.first_run import run_first_run  # only on a fresh PC

        chosen = run_first_run(paths, clock, tasks)
        if chosen is None:
            return 0
        target = chosen
    try:
        workspace = open_workspace(target, clock)
    except WorkspaceError as error:
        from ui.errors import show_error

        show_error(None, error)
        return 2
    _setup_logging(target)
    window = build_window(workspace, tasks)
    if os.environ.get(QUIT_WHEN_READY) == "1":
        window.ready.connect(lambda: _quit_when_idle(app, window, tasks))
    window.show()
    status = app.exec()
    workspace.close()
    return int(status)


def main() -> int:
    from ui.launcher import main as launch

    return launch()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["Path", "build_window", "demo_paths", "run"]
