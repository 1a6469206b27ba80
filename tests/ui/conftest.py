"""GUI fixtures for tests/ui: a real task runner and a main window on the real temp workspace.

`workspace` and `fake_clock` come from tests/conftest.py (init_workspace on tmp_path, a clock
the test moves by hand). The window is built by ui.app.build_window, as the application does,
shown, and has its first page loaded before the test starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from lapor_desktop.services.workspace import Workspace
from ui.app import build_window
from ui.main_window import MainWindow
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
    wait_idle()  # the first page and the queue counts
    yield main
    tasks.wait()
    QApplication.processEvents()  # deliver what finished, before the window goes
    main.close()
