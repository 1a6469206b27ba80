"""GUI fixtures for tests/ui: a real task runner and a main window on the real temp workspace.

`workspace` and `fake_clock` come from tests/conftest.py (init_workspace on tmp_path, a clock
the test moves by hand). The window is built by ui.app.build_window, as the application does,
shown, and has its first page loaded before the test starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.workspace import Workspace
from sync.client import RetryPolicy
from sync.enroll import enroll
from tests.conftest import FakeClock
from tests.support.live_server import LiveServer, start_live_server
from tests.ui.test_translations import Recorder
from ui.app import build_window
from ui.i18n import TRANSLATIONS_DIR, install_translators
from ui.main_window import MainWindow
from ui.sync_connection import SyncConnection
from ui.tasks import TaskRunner

WAIT_MS = 10_000


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def wait_idle(qtbot, tasks: TaskRunner) -> Callable[[], None]:
    """Wait until every queued task has run and delivered its result on the GUI thread."""

    def wait() -> None:
        qtbot.waitUntil(lambda: tasks.running == 0, timeout=WAIT_MS)

    return wait


@pytest.fixture
def window(
    qtbot, workspace: Workspace, tasks: TaskRunner, wait_idle: Callable[[], None]
) -> Iterator[MainWindow]:
    main = build_window(workspace, tasks)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.is_ready, timeout=WAIT_MS)  # menus etc. after the paint
    wait_idle()  # the first page and the queue counts
    yield main
    tasks.wait()
    QApplication.processEvents()  # deliver what finished, before the window goes
    main.close()


# -- sync: a real central server on 127.0.0.1 and windows of data dirs enrolled with it ---------
SYNC_PASSWORD = "rahasia-123"
# Tests must not wait for real backoff: short delays, few attempts, short stalls.
FAST_RETRY = RetryPolicy(attempts=2, total_seconds=10, base_delay=0.01, max_delay=0.05)
FAST_CONNECTION = SyncConnection(retry=FAST_RETRY, connect_timeout=3.0, read_timeout=10.0)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """Tests that read English text: English whatever language an earlier test left."""
    locale = QLocale()
    install_translators(qapp, "en")
    yield
    install_translators(qapp, "zz")  # no catalogue has that name: all of ours are removed
    QLocale.setDefault(locale)


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[LiveServer]:
    """Two offices (DINSOS, DPU), users ani + citra (DINSOS) and budi (DPU)."""
    server = start_live_server(None, tmp_path / "server")
    server.add_office("DINSOS", "Dinas Sosial")
    server.add_office("DPU", "Dinas Pekerjaan Umum")
    server.add_user("ani", "DINSOS", SYNC_PASSWORD, name="Ani Lestari")
    server.add_user("citra", "DINSOS", SYNC_PASSWORD, name="Citra Dewi")
    server.add_user("budi", "DPU", SYNC_PASSWORD, name="Budi Santoso")
    yield server
    server.stop()


SyncWindow = Callable[..., MainWindow]


@pytest.fixture
def sync_window(
    qtbot,
    tmp_path: Path,
    sync_server: LiveServer,
    fake_clock: FakeClock,
    tasks: TaskRunner,
    wait_idle: Callable[[], None],
) -> Iterator[SyncWindow]:
    """`make(name, user)`: a data dir enrolled as `user` and its window, state loaded."""
    opened: list[tuple[MainWindow, Workspace]] = []

    def make(
        name: str, user: str = "ani", connection: SyncConnection = FAST_CONNECTION
    ) -> MainWindow:
        result = enroll(
            AppPaths(tmp_path / name),
            fake_clock,
            sync_server.base_url,
            user,
            SYNC_PASSWORD,
            retry=FAST_RETRY,
        )
        main = build_window(result.workspace, tasks, connection)
        opened.append((main, result.workspace))
        main.show()
        qtbot.waitExposed(main)
        qtbot.waitUntil(lambda: main.is_ready, timeout=WAIT_MS)  # built after its paint
        wait_idle()
        return main

    yield make
    tasks.wait()
    QApplication.processEvents()
    for main, ws in opened:
        main.close()
        ws.close()


@pytest.fixture
def held_database_lane(tasks: TaskRunner) -> Iterator[threading.Event]:
    """A task that keeps the (one-at-a-time) database lane busy until the test lets it go."""
    gate = threading.Event()
    tasks.run(lambda _progress: gate.wait(30), lambda _r: None, lambda _e: None)
    yield gate
    gate.set()


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[Recorder]:
    """The Indonesian catalogue installed, behind a recorder of every string asked for."""
    locale = QLocale()
    assert install_translators(qapp, "id")
    recorder = Recorder(TRANSLATIONS_DIR / "lapor_id.qm")
    qapp.installTranslator(recorder)
    yield recorder
    qapp.removeTranslator(recorder)
    install_translators(qapp, "zz")  # removes ours; no catalogue is called that
    QLocale.setDefault(locale)
