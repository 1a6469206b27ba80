"""Bantuan → Pintasan Keyboard: every menu action that has a shortcut, read from the menus.

The list is collected each time the dialog opens, so an action added by any module (intake,
case actions, settings…) appears without being registered here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.main_window import MainWindow

HELP_SHORTCUT = "F1"


def _plain(text: str) -> str:
    """Menu text without its mnemonic ampersands ("&Berkas" → "Berkas", "&&" → "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _shortcut_text(action: QAction) -> str:
    keys = [k for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) for every action of the window's menus that has a shortcut."""
    found: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} › {_plain(submenu.title())}")
                continue
            shortcut = _shortcut_text(action)
            if shortcut:
                found.append((path, _plain(action.text()), shortcut))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(menu.title()))
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        rows = menu_shortcuts(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Shortcut"), self.tr("Menu")]
        )
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(False)
        for row, (menu, action, shortcut) in enumerate(rows):
            for column, text in enumerate((action, shortcut, menu)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def entries(self) -> list[tuple[str, str]]:
        """(action, shortcut) as listed (tests and screen readers)."""
        out = []
        for row in range(self.table.rowCount()):
            action, shortcut = self.table.item(row, 0), self.table.item(row, 1)
            out.append((action.text() if action else "", shortcut.text() if shortcut else ""))
        return out


def open_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def install_shortcuts_help(window: MainWindow) -> QAction:
    """Adds Help → Keyboard shortcuts (F1) to the window (Bantuan → Pintasan Keyboard)."""
    text = QCoreApplication.translate("ShortcutsDialog", "Keyboard shortcuts")
    action = window.add_action("help", text, HELP_SHORTCUT, lambda: open_shortcuts(window))
    action.setObjectName("keyboard_shortcuts_action")
    return action
