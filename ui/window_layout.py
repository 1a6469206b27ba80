"""The window's layout between sessions: geometry, splitters and table header in window.ini."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

DEFAULT_SIZE = (1400, 820)


def restore_header(header: QHeaderView, settings: QSettings | None) -> bool:
    """Column widths, order and sort indicator as they were; False when nothing was kept."""
    state = settings.value("main/header") if settings is not None else None
    if not isinstance(state, QByteArray):
        return False
    return bool(header.restoreState(state))


def restore_layout(
    window: QMainWindow, splitter: QSplitter, detail: QSplitter, settings: QSettings | None
) -> None:
    geometry = settings.value("main/geometry") if settings is not None else None
    if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    if settings is None:
        return
    for key, widget in (("main/splitter", splitter), ("main/detail_splitter", detail)):
        state = settings.value(key)
        if isinstance(state, QByteArray):
            widget.restoreState(state)


def save_layout(
    window: QMainWindow,
    splitter: QSplitter,
    detail: QSplitter,
    header: QHeaderView,
    settings: QSettings,
) -> None:
    settings.setValue("main/geometry", window.saveGeometry())
    settings.setValue("main/splitter", splitter.saveState())
    settings.setValue("main/detail_splitter", detail.saveState())
    settings.setValue("main/header", header.saveState())
