"""What the window builds after its table first painted rows: the steps run one per turn of the
event loop, so the operator sees cases before menus, the case view and the sync panel exist."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView

# A table that never paints rows (a hidden window, a page that is slow to come) must not keep
# the menus away for long: the steps then run anyway.
FALLBACK_MS = 500


class AfterFirstPaint(QObject):
    finished = Signal()  # every step ran

    def __init__(self, view: QAbstractItemView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._steps: list[Callable[[], object]] = []
        self._started = False
        self._stopped = False
        self.done = False
        view.viewport().installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self.start)

    def add(self, step: Callable[[], object], first: bool = False) -> None:
        """Run `step` after the first paint (at once when the steps already ran); `first`:
        before the steps still waiting."""
        if self._stopped:
            return
        if self.done:
            step()
        elif first:
            self._steps.insert(0, step)
        else:
            self._steps.append(step)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self._started:
            model = self._view.model()
            if model is not None and model.rowCount() > 0:
                QTimer.singleShot(0, self, self.start)  # once this paint is on the screen
        return False

    def start(self) -> None:
        """Run the steps now (also when there are no rows to wait for)."""
        if self._started:
            return
        self._started = True
        self._view.viewport().removeEventFilter(self)
        QTimer.singleShot(0, self, self._next)

    def run_now(self) -> None:
        """Run every step at once (a window that builds all before it is shown)."""
        self._started = True
        self._view.viewport().removeEventFilter(self)
        while self._steps:
            self._steps.pop(0)()
        self.done = True
        self.finished.emit()

    def stop(self) -> None:
        """Build nothing more (the window is closing)."""
        self._stopped = True
        self._steps.clear()
        if not self._started:
            self._started = True
            self._view.viewport().removeEventFilter(self)
        self.done = True

    def _next(self) -> None:
        if self.done:
            return
        if self._steps:
            step = self._steps.pop(0)
            try:
                step()
            finally:  # a failing step is a bug, but the window still gets the others
                QTimer.singleShot(0, self, self._next)
            return
        self.done = True
        self.finished.emit()
