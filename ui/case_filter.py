"""The bar above the case table while it lists given cases (a sync result line) instead of the
current queue and search, with the button that leaves that list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class CaseFilterBar(QWidget):
    left = Signal()  # the operator asked for the queue again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ids: tuple[str, ...] | None = None  # None: the queue and search as usual
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("Show the queue again"))
        self.clear_button.setAccessibleName(self.tr("Leave the list of cases from the sync"))
        self.clear_button.clicked.connect(self.left)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        self.setStyleSheet("background:#e3f2fd;")
        self.setVisible(False)

    def set_ids(self, ids: tuple[str, ...] | None, title: str = "") -> None:
        self.ids = ids
        if ids is None:
            self.setVisible(False)
            return
        self.label.setText(
            self.tr(
                "{title}: %n case(s). The queue and search are set aside.", "", len(ids)
            ).format(title=title)
        )
        self.setVisible(True)
