"""Case → Dispose: the head's disposition (to a unit, with the official instructions), one case
or several.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
)

from lapor_desktop.domain.codes import CaseKind, Severity, Sifat
from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.errors import (
    ValidationError,
)
from lapor_desktop.domain.identifiers import validate_office_code
from lapor_desktop.domain.sla import Stage, compute_due_at
from lapor_desktop.services.cases import CaseDetail, DispositionInput
from lapor_desktop.services.workspace import Reference
from ui import labels

if TYPE_CHECKING:
    from ui.main_window import MainWindow
from ui.action_dialogs import ActionDialog, plain_text_edit, run_bulk

# The official "Dengan hormat harap" checklist of the Lembar Disposisi: data, kept in Indonesian.
INSTRUCTIONS = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan/konfirmasikan",
    "Untuk diketahui",
    "Selesaikan",
    "Arsip",
)


class DisposeDialog(ActionDialog):
    """Verify and route (disposisi): to a unit or person here, or to another office (OPD).

    With `case_ids` it disposes a whole selection the same way, each case on its own.
    """

    def __init__(
        self,
        window: MainWindow,
        detail: CaseDetail | None,
        case_ids: Sequence[str] = (),
    ) -> None:
        self.case_ids = list(case_ids)
        title = (
            self.tr("Dispose %n selected case(s)", "", len(self.case_ids))
            if detail is None
            else self.tr("Verify and dispose")
        )
        super().__init__(window, title, self.tr("Dispose"), detail)
        office = window.workspace.office
        self._reference: Reference | None = None

        self.internal_radio = QRadioButton(self.tr("To a &unit or person of this office"))
        self.external_radio = QRadioButton(self.tr("To &another office (OPD)"))
        self.internal_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.internal_radio)
        group.addButton(self.external_radio)
        self.form.addRow(self.internal_radio)

        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems(list(office.units))
        self.unit_combo.setCurrentIndex(-1)
        self.unit_combo.setEditText("")
        self.add_row(self.form, self.tr("U&nit:"), self.unit_combo, "to_unit")
        self.person_edit = QLineEdit()
        self.add_row(self.form, self.tr("&Person:"), self.person_edit, "to_person")

        self.form.addRow(self.external_radio)
        self.office_edit = QLineEdit()
        self.office_edit.setPlaceholderText(self.tr("Office code, for example DINPU"))
        self.office_edit.setMaxLength(20)
        self.add_row(self.form, self.tr("&Office code:"), self.office_edit, "to_office")

        box = QGroupBox(self.tr("Instructions"))
        column = QVBoxLayout(box)
        self.instruction_boxes: list[QCheckBox] = []
        for text in INSTRUCTIONS:
            check = QCheckBox(text)
            check.setAccessibleName(text)
            column.addWidget(check)
            self.instruction_boxes.append(check)
        self.form.addRow(box)

        self.sifat_combo = QComboBox()
        for sifat in Sifat:
            self.sifat_combo.addItem(labels.tr(labels.SIFAT[sifat]), sifat.value)
        self.add_row(self.form, self.tr("&Sifat:"), self.sifat_combo, "sifat")
        self.note_edit = plain_text_edit(self.tr("Note"), lines=2)
        self.note_edit.setPlaceholderText(self.tr("Optional"))
        self.add_row(self.form, self.tr("N&ote:"), self.note_edit, "note")
        self.due_preview = QLabel(self.tr("Computing the deadline…"))
        self.due_preview.setWordWrap(True)
        self.due_preview.setAccessibleName(self.tr("First follow-up deadline"))
        self.form.addRow(self.due_preview)

        self.internal_radio.toggled.connect(self._update_mode)
        self._update_mode()
        self.load_reference(self._on_reference)
        self.unit_combo.setFocus()

    @property
    def external(self) -> bool:
        return self.external_radio.isChecked()

    def _update_mode(self) -> None:
        external = self.external
        self.unit_combo.setEnabled(not external)
        self.person_edit.setEnabled(not external)
        self.office_edit.setEnabled(external)

    def _on_reference(self, reference: Reference) -> None:
        self._reference = reference
        workspace = self._window.workspace
        now = workspace.clock()
        if self.detail is not None:
            case = self.case
            kind, severity, pauses = case.kind.value, case.severity.value, case.pauses
            running = next(
                (
                    c
                    for c in reversed(case.clocks)
                    if c.stage is Stage.FIRST_FOLLOW_UP and c.is_open
                ),
                None,
            )
            started = running.started_at if running else now
            extension = running.extension_days if running else 0
        else:
            kind, severity, pauses = CaseKind.COMPLAINT.value, Severity.LIGHT.value, ()
            started, extension = now, 0
        rule = reference.rulebook.rule_for(Stage.FIRST_FOLLOW_UP, kind, severity)
        due = compute_due_at(started, rule, reference.calendar, workspace.tz, pauses, extension)
        self.due_at: datetime | None = due
        self.due_preview.setText(
            self.tr("First follow-up due: {due}").format(due=indonesian_datetime(due, workspace.tz))
            + "\n"
            + rule.description
        )

    def disposition(self) -> DispositionInput:
        """The disposition the form describes; raises the core's ValidationError when unusable."""
        instructions = tuple(b.text() for b in self.instruction_boxes if b.isChecked())
        sifat = Sifat(self.sifat_combo.currentData())
        note = self.note_edit.toPlainText().strip()
        if self.external:
            code = self.office_edit.text().strip()
            if not code:
                raise ValidationError("to_office", self.tr("Write the code of the office."))
            code = validate_office_code(code)
            if code == self._window.workspace.office.code:
                raise ValidationError(
                    "to_office", self.tr("That is this office; choose a unit or a person instead.")
                )
            return DispositionInput(
                to_office=code, instructions=instructions, note=note, sifat=sifat
            )
        unit = self.unit_combo.currentText().strip() or None
        person = self.person_edit.text().strip() or None
        if unit is None and person is None:
            raise ValidationError("to_unit", self.tr("Choose a unit or write a person."))
        return DispositionInput(
            to_unit=unit, to_person=person, instructions=instructions, note=note, sifat=sifat
        )

    def build(self) -> Callable[[Any], object]:
        target = self.disposition()
        service = self._window.cases
        if self.detail is not None:
            case_id = self.case.id
            return lambda _progress: service.dispose(case_id, target)
        ids = list(self.case_ids)
        return lambda progress: run_bulk(
            service, ids, lambda case_id: service.dispose(case_id, target), progress
        )


__all__ = ["INSTRUCTIONS", "DisposeDialog"]
