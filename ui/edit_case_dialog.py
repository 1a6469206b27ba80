"""Case → Edit details… (Ctrl+E): correct what intake got wrong, add the LAPOR! tracking id when
it arrives, or withdraw the reporter's identity.

Only the fields the operator changed are sent, each with the value it had when the dialog
opened: an unchanged field never becomes a sync conflict. The original text of the complaint is
not editable (the summary is where corrections go). Making a case anonymous cannot be undone:
the identity is removed everywhere, and letters that named the reporter are withheld.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
)

from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import CaseKind, Channel, Priority, Severity
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.services.cases import CaseDetail
from lapor_desktop.services.workspace import Reference
from ui import labels
from ui.action_dialogs import HINT_STYLE, ActionDialog, plain_text_edit

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# (field, attribute of the reporter) for the identity rows, in the form's order.
_IDENTITY = ("name", "nik", "phone", "email", "address")


class EditCaseDialog(ActionDialog):
    reference_loaded = Signal()  # the category list is ready (tests wait for it)

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window, self.tr("Edit case details"), self.tr("&Save changes"), detail)
        self.setObjectName("edit_case_dialog")
        case = detail.case
        self._tree: CategoryTree | None = None
        self._paths: dict[str, str] = {}  # "Parent › Child" → code
        self._category_text = ""  # as shown once loaded: unchanged text sends nothing

        self.title_edit = QLineEdit(case.title)
        self.title_edit.setMaxLength(200)
        self.add_row(self.form, self.tr("&Title:"), self.title_edit, "title")
        self.summary_edit = plain_text_edit(self.tr("Summary"), lines=3)
        self.summary_edit.setPlainText(case.summary or "")
        self.add_row(self.form, self.tr("Su&mmary:"), self.summary_edit, "summary")
        self.category_edit = QLineEdit()
        self.category_edit.setEnabled(False)  # until the categories are loaded
        self._category_model = QStringListModel(self)
        completer = QCompleter(self._category_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.category_edit.setCompleter(completer)
        self.add_row(self.form, self.tr("&Category:"), self.category_edit, "category")
        self.channel_combo = _combo(
            {c: labels.tr(labels.CHANNEL[c]) for c in Channel}, case.channel
        )
        self.add_row(self.form, self.tr("C&hannel:"), self.channel_combo, "channel")
        self.kind_combo = _combo({k: labels.tr(labels.KIND[k]) for k in CaseKind}, case.kind)
        self.add_row(self.form, self.tr("&Kind:"), self.kind_combo, "kind")
        self.severity_combo = _combo(
            {s: labels.tr(labels.SEVERITY[s]) for s in Severity}, case.severity
        )
        self.add_row(self.form, self.tr("Se&verity:"), self.severity_combo, "severity")
        self.priority_combo = _combo(
            {p: labels.tr(labels.PRIORITY[p]) for p in Priority}, case.priority
        )
        self.add_row(self.form, self.tr("&Priority:"), self.priority_combo, "priority")
        self.tracking_edit = QLineEdit(case.lapor_tracking_id or "")
        self.tracking_edit.setPlaceholderText(self.tr("Optional, digits only"))
        self.add_row(
            self.form, self.tr("LAPOR! tracking i&d:"), self.tracking_edit, "lapor_tracking_id"
        )
        self.kecamatan_edit = QLineEdit(case.location.kecamatan or "")
        self.add_row(self.form, self.tr("Kecamatan:"), self.kecamatan_edit, "location.kecamatan")
        self.desa_edit = QLineEdit(case.location.desa or "")
        self.add_row(self.form, self.tr("Desa/Kelurahan:"), self.desa_edit, "location.desa")
        self.location_edit = QLineEdit(case.location.text or "")
        self.add_row(self.form, self.tr("Location details:"), self.location_edit, "location.text")

        person = QGroupBox(self.tr("Reporter"))
        who = QFormLayout(person)
        self.confidential_check = QCheckBox(self.tr("C&onfidential: mask the identity in lists"))
        self.confidential_check.setChecked(case.confidential)
        who.addRow(self.confidential_check)
        self.anonymous_check = QCheckBox(self.tr("&Anonymous: remove the identity for good"))
        self.anonymous_check.setChecked(case.anonymous)
        self.anonymous_check.setEnabled(not case.anonymous)  # it cannot be undone
        who.addRow(self.anonymous_check)
        self.anonymous_hint = QLabel(
            self.tr(
                "The reporter's identity will be deleted from this case everywhere, and letters "
                "that named the reporter will be withheld. This cannot be undone."
            )
        )
        self.anonymous_hint.setWordWrap(True)
        self.anonymous_hint.setStyleSheet(HINT_STYLE)
        self.anonymous_hint.setVisible(False)
        who.addRow(self.anonymous_hint)
        reporter = case.reporter
        self.identity_edits: dict[str, QLineEdit] = {}
        texts = {
            "name": self.tr("&Name:"),
            "nik": self.tr("NIK:"),
            "phone": self.tr("Phon&e:"),
            "email": self.tr("E-mai&l:"),
            "address": self.tr("Address:"),
        }
        for part in _IDENTITY:
            edit = QLineEdit(getattr(reporter, part) or "" if reporter else "")
            edit.setEnabled(not case.anonymous)
            self.identity_edits[part] = edit
            self.add_row(who, texts[part], edit, f"reporter.{part}")
        self.anonymous_check.toggled.connect(self._on_anonymous)
        row = QHBoxLayout()
        row.addWidget(person)
        self.layout_.insertLayout(2, row)
        self.setMinimumWidth(560)
        self.title_edit.setFocus()
        self.load_reference(self._on_reference)

    def _on_reference(self, reference: Reference) -> None:
        tree = reference.categories
        self._tree = tree
        self._paths = {tree.path(c.code): c.code for c in tree.categories if c.active}
        self._category_model.setStringList(sorted(self._paths, key=str.casefold))
        current = self.case.category_code
        self.category_edit.setText(tree.path(current))  # the code itself if no longer listed
        self._category_text = self.category_edit.text()
        self.category_edit.setEnabled(True)
        self.reference_loaded.emit()

    def _on_anonymous(self, anonymous: bool) -> None:
        self.anonymous_hint.setVisible(anonymous and not self.case.anonymous)
        for edit in self.identity_edits.values():
            if anonymous:
                edit.clear()
            edit.setEnabled(not anonymous)

    # -- saving --------------------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """The fields the operator changed, with their new values (nothing else is sent)."""
        case = self.case
        found: dict[str, Any] = {}

        def text_changed(name: str, now: str, before: str | None) -> None:
            if now.strip() != (before or "").strip():
                found[name] = now.strip()

        text_changed("title", self.title_edit.text(), case.title)
        text_changed("summary", self.summary_edit.toPlainText(), case.summary)
        text_changed("lapor_tracking_id", self.tracking_edit.text(), case.lapor_tracking_id)
        text_changed("location.kecamatan", self.kecamatan_edit.text(), case.location.kecamatan)
        text_changed("location.desa", self.desa_edit.text(), case.location.desa)
        text_changed("location.text", self.location_edit.text(), case.location.text)
        for name, combo, before in (
            ("channel", self.channel_combo, case.channel.value),
            ("kind", self.kind_combo, case.kind.value),
            ("severity", self.severity_combo, case.severity.value),
            ("priority", self.priority_combo, case.priority.value),
        ):
            if combo.currentData() != before:
                found[name] = combo.currentData()
        if self._tree is not None and self.category_edit.text() != self._category_text:
            text = self.category_edit.text().strip()
            if not text:
                raise ValidationError("category_code", self.tr("Choose a category from the list."))
            code = self._paths.get(text) or self._tree.resolve(text).code
            if code != case.category_code:
                found["category_code"] = code
        if self.confidential_check.isChecked() != case.confidential:
            found["confidential"] = self.confidential_check.isChecked()
        if self.anonymous_check.isChecked() and not case.anonymous:
            found["anonymous"] = True
        elif not case.anonymous:
            reporter = case.reporter
            for part, edit in self.identity_edits.items():
                old: str | None = getattr(reporter, part) if reporter else None
                text_changed(f"reporter.{part}", edit.text(), old)
        return found

    def build(self) -> Callable[[Any], object] | None:
        changes = self.changes()
        if not changes:
            self.errors.show(None, self.tr("Nothing was changed."))
            return None
        case_id = self.case.id
        return self.service_job(lambda service: service.edit(case_id, changes))


def _combo(items: dict[Any, str], current: Any) -> QComboBox:
    combo = QComboBox()
    for code, text in items.items():
        combo.addItem(text, code.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


__all__ = ["EditCaseDialog"]
