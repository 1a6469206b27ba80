"""Connecting a PC to the central server from the window (Sync menu, Settings) and from the
first-run wizard, with a real server: a wrong password, an unreachable server and a server of
another protocol version each say so plainly; a success switches the window to sync."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from PySide6.QtWidgets import QApplication, QMenu

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.workspace import Workspace, open_workspace
from tests.conftest import FakeClock
from tests.support.live_server import LiveServer
from tests.ui.conftest import FAST_CONNECTION, SYNC_PASSWORD
from ui.app import build_window
from ui.enroll_dialog import EnrollDialog
from ui.first_run import SERVER_PAGE, FirstRunWizard
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog
from ui.sync_panel import SyncPanel
from ui.tasks import TaskRunner

pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("english")]
WAIT_MS = 20_000


@pytest.fixture
def plain_window(
    qtbot, workspace: Workspace, tasks: TaskRunner, wait_idle: Callable[[], None]
) -> Iterator[MainWindow]:
    """The window of a data dir set up on its own (office DINSOS), not connected yet."""
    main = build_window(workspace, tasks, FAST_CONNECTION)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.is_ready, timeout=WAIT_MS)  # menus etc. after the paint
    wait_idle()
    yield main
    tasks.wait()
    QApplication.processEvents()
    main.close()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def newer_server() -> Iterator[str]:
    """A server that speaks only a protocol this app does not know (426 Upgrade Required)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.dumps({"error": "protocol", "message": "protocol 2 required"}).encode()
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(426)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def panel_of(window: MainWindow) -> SyncPanel:
    assert isinstance(window.sync_panel, SyncPanel)
    return window.sync_panel


def open_enroll(window: MainWindow) -> EnrollDialog:
    dialog = panel_of(window).open_enroll()
    assert isinstance(dialog, EnrollDialog)
    return dialog


def connect(qtbot, dialog: EnrollDialog, server: str, user: str, password: str) -> None:
    dialog.form.server.setText(server)
    dialog.form.username.setText(user)
    dialog.form.password.setText(password)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def test_a_wrong_password_is_said_plainly_and_the_dialog_stays(
    qtbot, plain_window: MainWindow, sync_server: LiveServer
) -> None:
    assert "not connected to a central server" in plain_window.sync_label.text()
    dialog = open_enroll(plain_window)
    connect(qtbot, dialog, sync_server.base_url, "ani", "salah")
    assert dialog.isVisible()
    assert dialog.error_text() == "The user name or password is wrong. Check them and try again."
    assert panel_of(plain_window).state is not None
    assert not panel_of(plain_window).state.status.enrolled


def test_an_unreachable_server_and_a_bad_address_are_said_plainly(
    qtbot, plain_window: MainWindow, closed_port: int
) -> None:
    dialog = open_enroll(plain_window)
    connect(qtbot, dialog, f"http://127.0.0.1:{closed_port}", "ani", SYNC_PASSWORD)
    assert dialog.error_text().startswith("The server could not be reached.")
    connect(qtbot, dialog, "lapor.kab.go.id", "ani", SYNC_PASSWORD)
    assert dialog.error_text() == "The server address must start with http:// or https://."
    dialog.form.password.clear()
    dialog.connect_button.click()
    assert dialog.error_text() == "Fill in the server address, user name and password."


def test_a_server_of_another_protocol_version_asks_to_update_the_app(
    qtbot, plain_window: MainWindow, newer_server: str
) -> None:
    dialog = open_enroll(plain_window)
    connect(qtbot, dialog, newer_server, "ani", SYNC_PASSWORD)
    assert "perbarui aplikasi" in dialog.error_text()
    assert "update the application" in dialog.error_text()


def test_a_user_of_another_office_is_refused(
    qtbot, plain_window: MainWindow, sync_server: LiveServer
) -> None:
    dialog = open_enroll(plain_window)
    connect(qtbot, dialog, sync_server.base_url, "budi", SYNC_PASSWORD)
    assert "belongs to another office" in dialog.error_text()


def test_a_pc_enrolled_by_a_colleague_elsewhere_says_whom_to_ask(
    qtbot, plain_window: MainWindow, sync_server: LiveServer, workspace: Workspace
) -> None:
    # This data dir's device id was enrolled by citra from a data dir that kept the tokens.
    taken = requests.post(
        sync_server.api + "/enroll",
        json={"username": "citra", "password": SYNC_PASSWORD, "device_id": workspace.device_id},
        timeout=30,
    )
    assert taken.status_code == 200
    dialog = open_enroll(plain_window)
    connect(qtbot, dialog, sync_server.base_url, "ani", SYNC_PASSWORD)
    assert "connected to the server under another user" in dialog.error_text()
    assert "release-device" in dialog.error_text()
    assert not panel_of(plain_window).state.status.enrolled


def test_connecting_from_the_window_switches_it_to_sync(
    qtbot, plain_window: MainWindow, sync_server: LiveServer, wait_idle
) -> None:
    panel = panel_of(plain_window)
    dialog = open_enroll(plain_window)
    dialog.finished.disconnect()  # keep it alive to read it afterwards
    with qtbot.waitSignal(panel.enrolled, timeout=WAIT_MS):
        connect(qtbot, dialog, sync_server.base_url + "/", "ani", SYNC_PASSWORD)
    assert not dialog.isVisible()
    assert not dialog.isVisible()
    wait_idle()
    qtbot.waitUntil(
        lambda: panel.state is not None and panel.state.status.enrolled, timeout=WAIT_MS
    )
    wait_idle()
    assert panel.state is not None and panel.state.status.server_url == sync_server.base_url
    assert "never synced" in plain_window.sync_label.text()
    assert plain_window.workspace.user.name == "Ani Lestari"


def test_the_first_run_wizard_sets_up_a_fresh_pc_from_the_server(
    qtbot, tmp_path: Path, sync_server: LiveServer, fake_clock: FakeClock, tasks: TaskRunner
) -> None:
    paths = AppPaths(tmp_path / "fresh")
    wizard = FirstRunWizard(paths, fake_clock, tasks, connection=FAST_CONNECTION)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choice_page.server_button.setChecked(True)
    wizard.next()
    assert wizard.currentId() == SERVER_PAGE
    page = wizard.server_page
    page.form.server.setText(sync_server.base_url)
    page.form.username.setText("ani")
    page.form.password.setText("salah")
    wizard.next()  # Finish on the last page: validatePage logs in
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    assert "user name or password is wrong" in page.form.error_text()
    assert not paths.database.exists()  # nothing made for a refused login

    page.form.password.setText(SYNC_PASSWORD)
    with qtbot.waitSignal(wizard.accepted, timeout=WAIT_MS):
        wizard.next()
    assert wizard.chosen_paths == paths
    workspace = open_workspace(paths, fake_clock)
    try:
        assert workspace.office.code == "DINSOS" and workspace.office.name == "Dinas Sosial"
        assert workspace.user.name == "Ani Lestari"
    finally:
        workspace.close()


def test_settings_shows_the_central_server_and_connects_from_there(
    qtbot, plain_window: MainWindow, sync_server: LiveServer, wait_idle
) -> None:
    [action] = [
        a
        for menu in plain_window.menuBar().findChildren(QMenu)
        for a in menu.actions()
        if a.shortcut().toString() == "Ctrl+,"
    ]
    action.trigger()
    dialog = plain_window.findChild(SettingsDialog)
    assert dialog is not None
    wait_idle()
    page = dialog.server_page
    assert page.connect_button.isEnabled()
    assert "not connected to a server" in page.state.text()
    page.connect_button.click()
    enroll = panel_of(plain_window).dialog
    assert isinstance(enroll, EnrollDialog) and enroll.parent() is dialog
    with qtbot.waitSignal(panel_of(plain_window).enrolled, timeout=WAIT_MS):
        connect(qtbot, enroll, sync_server.base_url, "ani", SYNC_PASSWORD)
    assert sync_server.base_url in page.state.text()
    wait_idle()
    dialog.reject()
