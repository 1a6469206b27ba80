"""Guard against the PySide6 6.12.0 trap: a view repainting must not lose references to None.

On CPython 3.11 that release drops None's refcount each time Qt hands back an empty value, and a
table view then aborts the process ("none_dealloc"). pyproject.toml excludes 6.12.0; this test
fails if an installed PySide6 has the bug, whatever its version number says.
"""

from __future__ import annotations

import sys

import pytest

QtCore = pytest.importorskip("PySide6.QtCore")
QtWidgets = pytest.importorskip("PySide6.QtWidgets")

Qt = QtCore.Qt


class _Model(QtCore.QAbstractTableModel):
    """Answers only DisplayRole and returns None itself for every other role."""

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 200

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt override
        return 6

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return f"{index.row()}:{index.column()}"
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole:
            return f"c{section}"
        return None


def test_repainting_a_table_view_keeps_none_alive(qtbot) -> None:
    view = QtWidgets.QTableView()
    qtbot.addWidget(view)
    view.setModel(_Model())
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(300):
        view.viewport().repaint()
        QtWidgets.QApplication.processEvents()
    # Unrelated code may hold a few more or fewer Nones; the bug loses thousands per repaint.
    assert sys.getrefcount(None) >= before - 50


def test_an_empty_value_from_qt_does_not_lose_none() -> None:
    model = QtCore.QStringListModel(["a", "b"])
    font_role = Qt.ItemDataRole.FontRole
    before = sys.getrefcount(None)
    for _ in range(2000):
        model.index(0, 0).data(font_role)
    assert sys.getrefcount(None) >= before - 50
