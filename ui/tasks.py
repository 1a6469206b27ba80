"""One task runner: service calls run off the GUI thread; results come back on it.

Database work runs one task at a time (SQLite has one writer); other work (PDF, network) runs in
parallel. Callbacks are delivered through a signal of a QObject living on the GUI thread, so
they always run there (a lambda connected across threads would run on the worker).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from lapor_desktop.progress import Cancelled, CancelToken, Progress

T = TypeVar("T")
log = logging.getLogger(__name__)


class _GuiInbox(QObject):
    posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.posted.connect(self._run)

    @Slot(object)
    def _run(self, callback: Callable[[], None]) -> None:
        callback()


class _Job(QRunnable):
    def __init__(self, body: Callable[[], None]) -> None:
        super().__init__()
        self._body = body

    def run(self) -> None:
        self._body()


class TaskRunner(QObject):
    """Runs `work(progress)` on a pool; `on_done`/`on_error` run later on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inbox = _GuiInbox(self)
        self._db_lane = QThreadPool(self)
        self._db_lane.setMaxThreadCount(1)
        self._free_lane = QThreadPool(self)
        self._running = 0

    @property
    def running(self) -> int:
        return self._running

    def run(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        uses_db: bool = True,
    ) -> CancelToken:
        token = CancelToken()
        post = self._inbox.posted.emit

        def report(done: int, total: int, label: str) -> None:
            if on_progress is not None:
                post(partial(on_progress, done, total, label))

        def finish(callback: Callable[[], None]) -> None:
            self._running -= 1
            if self._running == 0:
                self.busy_changed.emit(False)
            callback()

        def body() -> None:
            try:
                result: Any = work(Progress(token, report))
            except Cancelled:
                post(partial(finish, on_cancelled or (lambda: None)))
            except Exception as error:  # handed to the GUI, never swallowed
                log.debug("task failed", exc_info=True)
                post(partial(finish, partial(on_error, error)))
            else:
                post(partial(finish, partial(on_done, result)))

        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        (self._db_lane if uses_db else self._free_lane).start(_Job(body))
        return token

    def wait(self, timeout_ms: int = 10_000) -> None:
        """Block until queued work finished (shutdown and tests only)."""
        self._db_lane.waitForDone(timeout_ms)
        self._free_lane.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 5_000) -> None:
        for lane in (self._db_lane, self._free_lane):
            lane.clear()
            lane.waitForDone(timeout_ms)
