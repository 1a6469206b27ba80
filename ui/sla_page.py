"""Settings → SLA: the SLA rules with their legal basis, read-only."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.codes import CaseKind, Severity
from lapor_desktop.domain.sla import DayUnit, SlaRule, Stage
from ui import labels


def stage_label(stage: Stage) -> str:
    labels = {
        Stage.VERIFICATION: QCoreApplication.translate("SlaPage", "Verification"),
        Stage.FIRST_FOLLOW_UP: QCoreApplication.translate("SlaPage", "First follow-up"),
        Stage.RESOLUTION: QCoreApplication.translate("SlaPage", "Resolution"),
        Stage.AUTO_CLOSE: QCoreApplication.translate("SlaPage", "Automatic closing"),
        Stage.INFO_WAIT: QCoreApplication.translate("SlaPage", "Waiting for the reporter's data"),
    }
    return labels.get(stage, stage.value)


def unit_label(unit: DayUnit) -> str:
    if unit is DayUnit.WORKING:
        return QCoreApplication.translate("SlaPage", "working days")
    return QCoreApplication.translate("SlaPage", "calendar days")


class SlaPage(QWidget):
    """The SLA rules with their legal basis, read-only."""

    COLUMNS = ("code", "stage", "days", "unit", "applies_to", "description", "legal_basis")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setAccessibleName(self.tr("SLA rules"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Stage"),
                self.tr("Days"),
                self.tr("Counted in"),
                self.tr("Applies to"),
                self.tr("Description"),
                self.tr("Legal basis"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(self._show_rule)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(5, 300)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            self.tr(
                "Deadlines follow these rules. They come with LAPOR Desktop and change only "
                "with a new version or from the central server."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    def set_rules(self, rules: Iterable[SlaRule]) -> None:
        rows = list(rules)
        self.table.setRowCount(len(rows))
        for r, rule in enumerate(rows):
            applies = self._scope(rule.applies_to)
            texts = (
                rule.code,
                stage_label(rule.stage),
                str(rule.days),
                unit_label(rule.unit),
                applies,
                rule.description,
                rule.legal_basis,
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        if rows:
            self.table.setCurrentCell(0, 0)

    def _show_rule(self, row: int, _column: int, _prev_row: int, _prev_column: int) -> None:
        if row < 0 or self.table.item(row, 5) is None:
            self.detail.clear()
            return
        self.detail.setText(
            self.tr("{description}\nLegal basis: {basis}").format(
                description=self.table.item(row, 5).text(), basis=self.table.item(row, 6).text()
            )
        )

    def _scope(self, applies_to: str) -> str:
        if applies_to == "*":
            return self.tr("all cases")
        for enum, names in ((CaseKind, labels.KIND), (Severity, labels.SEVERITY)):
            try:
                return labels.tr(names[enum(applies_to)])  # type: ignore[index]
            except (ValueError, KeyError):
                continue
        return applies_to

    def codes(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]


__all__ = ["SlaPage", "stage_label", "unit_label"]
