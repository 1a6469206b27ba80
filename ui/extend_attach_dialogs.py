"""Case → Extend a deadline (only the operator's own stages), and Case → Attach a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.errors import (
    ValidationError,
)
from lapor_desktop.domain.sla import Deadline, Stage, compute_due_at
from lapor_desktop.services.cases import CaseDetail
from lapor_desktop.services.workspace import Reference

if TYPE_CHECKING:
    from ui.main_window import MainWindow
from ui.action_dialogs import ActionDialog, plain_text_edit

translate = QCoreApplication.translate

# The operator's own deadlines; the reporter's wait and the automatic closure are not extended.
EXTENDABLE_STAGES = (Stage.VERIFICATION, Stage.FIRST_FOLLOW_UP, Stage.RESOLUTION)

STAGE = {
    Stage.VERIFICATION: QT_TRANSLATE_NOOP("ActionDialogs", "Verification and disposition"),
    Stage.FIRST_FOLLOW_UP: QT_TRANSLATE_NOOP("ActionDialogs", "First follow-up"),
    Stage.RESOLUTION: QT_TRANSLATE_NOOP("ActionDialogs", "Resolution"),
    Stage.AUTO_CLOSE: QT_TRANSLATE_NOOP("ActionDialogs", "Automatic closure"),
    Stage.INFO_WAIT: QT_TRANSLATE_NOOP("ActionDialogs", "Reporter completing the data"),
}


def stage_label(stage: Stage) -> str:
    return translate("ActionDialogs", STAGE[stage])


class ExtendDialog(ActionDialog):
    """Extend one running deadline by some days, with the written reason the rules demand."""

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window, self.tr("Extend a deadline"), self.tr("Extend"), detail)
        self._deadlines = {
            d.stage: d
            for d in detail.deadlines
            if d.completed_at is None and d.stage in EXTENDABLE_STAGES
        }
        self._reference: Reference | None = None
        self.stage_combo = QComboBox()
        for stage in self._deadlines:
            self.stage_combo.addItem(stage_label(stage), stage.value)
        self.add_row(self.form, self.tr("&Deadline:"), self.stage_combo, "stage")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 60)
        self.days_spin.setValue(7)
        self.days_spin.setSuffix(" " + self.tr("working day(s)"))
        self.add_row(self.form, self.tr("Extend &by:"), self.days_spin, "days")
        self.reason_edit = plain_text_edit(self.tr("Reason"))
        self.add_row(self.form, self.tr("&Reason:"), self.reason_edit, "reason", required=True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.form.addRow(self.preview)
        self.stage_combo.currentIndexChanged.connect(self._update_preview)
        self.days_spin.valueChanged.connect(self._update_preview)
        self._update_preview()
        self.load_reference(self._on_reference)
        self.stage_combo.setFocus()

    @property
    def stage(self) -> Stage | None:
        value = self.stage_combo.currentData()
        return Stage(value) if value else None

    def _on_reference(self, reference: Reference) -> None:
        self._reference = reference
        self._update_preview()

    def _update_preview(self) -> None:
        stage = self.stage
        deadline: Deadline | None = self._deadlines.get(stage) if stage else None
        if deadline is None:
            self.preview.setText(self.tr("This case has no running deadline to extend."))
            return
        tz = self._window.workspace.tz
        text = self.tr("Now due: {due}").format(due=indonesian_datetime(deadline.due_at, tz))
        if self._reference is not None:
            new_due = compute_due_at(
                deadline.started_at,
                deadline.rule,
                self._reference.calendar,
                tz,
                self.case.pauses,
                deadline.extension_days + self.days_spin.value(),
                now=self._window.workspace.clock(),
            )
            text += "\n" + self.tr("After the extension: {due}").format(
                due=indonesian_datetime(new_due, tz)
            )
        if deadline.rule.max_extension_days is not None:
            allowed = deadline.rule.max_extension_days
            text += "\n" + self.tr(
                "The rule allows at most %n extension day(s) in all.", "", allowed
            )
        self.preview.setText(text)

    def build(self) -> Callable[[Any], object]:
        stage = self.stage
        if stage is None:
            raise ValidationError("stage", self.tr("This case has no running deadline to extend."))
        case_id, days = self.case.id, self.days_spin.value()
        reason = self.reason_edit.toPlainText().strip()
        return self.service_job(lambda service: service.extend(case_id, days, reason, stage))


class AttachDialog(ActionDialog):
    """Add a file (photo, letter, scan) to the case; it is copied into the data dir."""

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window, self.tr("Attach a file"), self.tr("Attach"), detail)
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Choose the file"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path_edit, 1)
        line.addWidget(browse)
        self.add_row(
            self.form, self.tr("&File:"), row, "file", required=True, input_widget=self.path_edit
        )
        self.path_edit.setFocus()

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a file to attach"))
        if chosen:
            self.path_edit.setText(chosen)

    def build(self) -> Callable[[Any], object]:
        case_id, path = self.case.id, Path(self.path_edit.text().strip()).expanduser()
        return self.service_job(lambda service: service.attach(case_id, path))


__all__ = ["EXTENDABLE_STAGES", "AttachDialog", "ExtendDialog", "stage_label"]
