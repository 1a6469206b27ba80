"""The window's layout between sessions: geometry, splitters and table header in window.ini."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

DEFAULT_SIZE = (1400, 820)
# What the window frame and title bar take beyond resize()'s client size, on Windows 10/11
# and the common Linux desktops, so a clamped window's status bar stays on the screen.
FRAME_ALLOWANCE = (16, 48)


def default_size(window: QMainWindow) -> tuple[int, int]:
    """DEFAULT_SIZE, or what the screen leaves free when it is smaller.

    Most OPD laptops are 1366×768 (about 728 px high above the taskbar): at 1400×820 the
    status bar with the sync state, and the bottom of the case view, were under the taskbar.
    """
    free = window.screen().availableGeometry()  # before show: the primary screen
    return (
        min(DEFAULT_SIZE[0], free.width() - FRAME_ALLOWANCE[0]),
        min(DEFAULT_SIZE[1], free.height() - FRAME_ALLOWANCE[1]),
    )


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
        window.resize(*default_size(window))
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
