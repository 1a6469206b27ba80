"""Progress and cancellation for long operations, without Qt: the UI and the CLI both drive it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside an operation when the user cancelled it."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def is_cancelled(self) -> bool:
        return self._event.is_set()


class Progress:
    """Handed to long operations: report steps, and stop (raise Cancelled) when cancelled."""

    def __init__(
        self,
        token: CancelToken | None = None,
        report: Callable[[int, int, str], None] | None = None,
        min_interval_s: float = 0.1,
    ) -> None:
        self._token = token or CancelToken()
        self._report = report
        self._min_interval_s = min_interval_s
        self._last_report = 0.0

    def check(self) -> None:
        if self._token.is_cancelled:
            raise Cancelled

    def step(self, done: int, total: int, label: str = "") -> None:
        self.check()
        now = time.monotonic()
        # Throttled: a thousand tiny steps must not flood the GUI thread with signals.
        if self._report and (done >= total or now - self._last_report >= self._min_interval_s):
            self._last_report = now
            self._report(done, total, label)
