"""The intake form (Ctrl+N): every field of a new case, usable from the keyboard alone.

Bad input shows a red message next to its field, in the core's words, and nothing is saved
until every field is acceptable. Saving registers the case and then attaches its files, all
off the GUI thread; Ctrl+Enter saves, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, QTime, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lapor_desktop.domain.case import Case, Location, Reporter
from lapor_desktop.domain.categories import CategoryTree
from lapor_desktop.domain.codes import CaseKind, Channel, Priority, Severity
from lapor_desktop.domain.dates import ZONE_NAMES
from lapor_desktop.domain.errors import DomainError, ValidationError
from lapor_desktop.domain.fields import (
    REPORTER_FIELDS,
    clean_reporter_value,
    clean_title,
    clean_tracking_id,
)
from lapor_desktop.services.cases import NewCase
from lapor_desktop.services.workspace import Reference
from ui import labels
from ui.action_dialogs import FormDialog, plain_text_edit

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """The registered case, and the attachments that could not be added (name, message)."""

    case: Case
    failed_attachments: list[tuple[str, str]] = field(default_factory=list)


class IntakeDialog(FormDialog):
    reference_loaded = Signal()  # the category list is ready (tests wait for it)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, self.tr("New case"))
        self.setObjectName("intake_dialog")
        self.setAcceptDrops(True)
        self._tree: CategoryTree | None = None
        self._paths: dict[str, str] = {}  # "Parent › Child" → code
        workspace = window.workspace
        self.ok_button.setText(self.tr("&Save"))
        self.ok_button.setToolTip(self.tr("Save the case (Ctrl+Enter)"))

        # -- the complaint ----------------------------------------------------------------
        complaint = QGroupBox(self.tr("Complaint"))
        left = QFormLayout(complaint)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.add_row(left, self.tr("&Title:"), self.title_edit, "title", required=False)
        self.text_edit = plain_text_edit(self.tr("Complaint text as received"), lines=6)
        self.text_edit.setToolTip(self.tr("The original text cannot be changed after saving."))
        self.add_row(left, self.tr("Te&xt as received:"), self.text_edit, "text")
        self.summary_edit = plain_text_edit(self.tr("Summary"), lines=2)
        self.summary_edit.setPlaceholderText(self.tr("Optional: a short summary or correction"))
        self.add_row(left, self.tr("Su&mmary:"), self.summary_edit, "summary")
        self.channel_combo = _code_combo(
            {c: labels.tr(labels.CHANNEL[c]) for c in Channel}, Channel.WALK_IN
        )
        self.add_row(left, self.tr("C&hannel:"), self.channel_combo, "channel")
        self.kind_combo = _code_combo({k: labels.tr(labels.KIND[k]) for k in CaseKind})
        self.add_row(left, self.tr("&Kind:"), self.kind_combo, "kind")
        self.category_edit = QLineEdit()
        self.category_edit.setPlaceholderText(self.tr("Type to filter, e.g. bantuan"))
        self.category_edit.setEnabled(False)  # until the categories are loaded
        self._category_model = QStringListModel(self)
        completer = QCompleter(self._category_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.category_edit.setCompleter(completer)
        self.category_completer = completer
        self.add_row(left, self.tr("&Category:"), self.category_edit, "category")
        self.severity_combo = _code_combo({s: labels.tr(labels.SEVERITY[s]) for s in Severity})
        self.add_row(left, self.tr("Se&verity:"), self.severity_combo, "severity")
        self.priority_combo = _code_combo(
            {p: labels.tr(labels.PRIORITY[p]) for p in Priority}, Priority.NORMAL
        )
        self.add_row(left, self.tr("&Priority:"), self.priority_combo, "priority")
        now = workspace.clock().astimezone(workspace.tz)
        zone = ZONE_NAMES.get(str(workspace.tz), "")
        self.received_edit = QDateTimeEdit(
            QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute))
        )
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.add_row(
            left,
            self.tr("&Received at ({zone}):").format(zone=zone),
            self.received_edit,
            "received_at",
        )
        self.received_edit.setAccessibleName(self.tr("Received at"))
        self.incident_check = QCheckBox(self.tr("Known"))
        self.incident_check.setAccessibleName(self.tr("Incident date known"))
        self.incident_edit = QDateEdit(QDate(now.year, now.month, now.day))
        self.incident_edit.setCalendarPopup(True)
        self.incident_edit.setDisplayFormat("dd/MM/yyyy")
        self.incident_edit.setEnabled(False)
        self.incident_edit.setAccessibleName(self.tr("Incident date"))
        self.incident_check.toggled.connect(self.incident_edit.setEnabled)
        incident = QWidget()
        incident_row = QHBoxLayout(incident)
        incident_row.setContentsMargins(0, 0, 0, 0)
        incident_row.addWidget(self.incident_check)
        incident_row.addWidget(self.incident_edit, 1)
        self.add_row(
            left,
            self.tr("&Incident date:"),
            incident,
            "incident_date",
            input_widget=self.incident_check,
        )
        self.tracking_edit = QLineEdit()
        self.tracking_edit.setPlaceholderText(self.tr("Optional, digits only"))
        self.add_row(left, self.tr("LAPOR! tracking i&d:"), self.tracking_edit, "lapor_tracking_id")

        # -- where and who ----------------------------------------------------------------
        place = QGroupBox(self.tr("Location"))
        where = QFormLayout(place)
        self.kecamatan_edit = QLineEdit()
        self.add_row(where, self.tr("Kecamatan:"), self.kecamatan_edit, "location.kecamatan")
        self.desa_edit = QLineEdit()
        self.add_row(where, self.tr("Desa/Kelurahan:"), self.desa_edit, "location.desa")
        self.location_edit = QLineEdit()
        self.add_row(where, self.tr("Location details:"), self.location_edit, "location.text")

        person = QGroupBox(self.tr("Reporter"))
        who = QFormLayout(person)
        self.anonymous_check = QCheckBox(self.tr("&Anonymous: do not record the identity"))
        self.confidential_check = QCheckBox(self.tr("C&onfidential: mask the identity in lists"))
        who.addRow(self.anonymous_check)
        who.addRow(self.confidential_check)
        self.name_edit = QLineEdit()
        self.add_row(who, self.tr("&Name:"), self.name_edit, "reporter.name")
        self.nik_edit = QLineEdit()
        self.nik_edit.setMaxLength(16)
        self.nik_edit.setPlaceholderText(self.tr("16 digits"))
        self.add_row(who, self.tr("NIK:"), self.nik_edit, "reporter.nik")
        self.phone_edit = QLineEdit()
        self.add_row(who, self.tr("Phon&e:"), self.phone_edit, "reporter.phone")
        self.email_edit = QLineEdit()
        self.add_row(who, self.tr("E-mai&l:"), self.email_edit, "reporter.email")
        self.address_edit = QLineEdit()
        self.add_row(who, self.tr("Address:"), self.address_edit, "reporter.address")
        self.identity_edits = {
            "name": self.name_edit,
            "nik": self.nik_edit,
            "phone": self.phone_edit,
            "email": self.email_edit,
            "address": self.address_edit,
        }
        self.anonymous_check.toggled.connect(self._on_anonymous)
        self.anonymous_error = self.errors.label_for("reporter", "anonymous")
        who.addRow(self.anonymous_error)

        files = QGroupBox(self.tr("Attachments"))
        files_column = QVBoxLayout(files)
        self.attachment_list = QListWidget()
        self.attachment_list.setAccessibleName(self.tr("Attachments to add"))
        self.attachment_list.setMaximumHeight(90)
        self.add_file_button = QPushButton(self.tr("Add &files…"))
        self.add_file_button.clicked.connect(self._browse_files)
        self.remove_file_button = QPushButton(self.tr("Remove"))
        self.remove_file_button.clicked.connect(self._remove_selected_files)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.add_file_button)
        buttons_row.addWidget(self.remove_file_button)
        buttons_row.addStretch(1)
        files_column.addWidget(self.attachment_list)
        files_column.addLayout(buttons_row)
        files_column.addWidget(self.errors.label_for("file"))

        # -- layout -----------------------------------------------------------------------
        right = QVBoxLayout()
        right.addWidget(place)
        right.addWidget(person)
        right.addWidget(files)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(complaint, 3)
        columns.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.general_error)
        outer.addWidget(self.buttons)
        self.resize(1000, 680)

        chain: list[QWidget] = [
            self.title_edit,
            self.text_edit,
            self.summary_edit,
            self.channel_combo,
            self.kind_combo,
            self.category_edit,
            self.severity_combo,
            self.priority_combo,
            self.received_edit,
            self.incident_check,
            self.incident_edit,
            self.tracking_edit,
            self.kecamatan_edit,
            self.desa_edit,
            self.location_edit,
            self.anonymous_check,
            self.confidential_check,
            *self.identity_edits.values(),
            self.attachment_list,
            self.add_file_button,
            self.remove_file_button,
            self.ok_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.title_edit.setFocus()
        self.load_reference(self._on_reference)

    # -- categories ----------------------------------------------------------------------
    def _on_reference(self, reference: Reference) -> None:
        tree = reference.categories
        self._tree = tree
        self._paths = {tree.path(c.code): c.code for c in tree.categories if c.active}
        self._category_model.setStringList(sorted(self._paths, key=str.casefold))
        self.category_edit.setEnabled(True)
        self.reference_loaded.emit()

    @property
    def category_paths(self) -> list[str]:
        return list(self._paths)

    def category_matches(self, text: str) -> list[str]:
        """What the type-to-filter list offers for `text` (the completer's own filter)."""
        self.category_completer.setCompletionPrefix(text)
        model = self.category_completer.completionModel()
        return [model.index(row, 0).data() for row in range(model.rowCount())]

    def _category_code(self) -> str:
        text = self.category_edit.text().strip()
        if not text:
            raise ValidationError("category", self.tr("Choose a category from the list."))
        if text in self._paths:
            return self._paths[text]
        if self._tree is None:
            raise ValidationError("category", self.tr("The categories are still loading."))
        return self._tree.resolve(text).code

    # -- reporter ------------------------------------------------------------------------
    def _on_anonymous(self, anonymous: bool) -> None:
        """Anonymous: the identity fields are emptied and locked, so nothing of it is saved."""
        for edit in self.identity_edits.values():
            if anonymous:
                edit.clear()
            edit.setEnabled(not anonymous)
        if anonymous:
            self.errors.clear_fields([f"reporter.{name}" for name in self.identity_edits])

    # -- attachments ---------------------------------------------------------------------
    # Files dragged from the file manager onto the form join the attachment list.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [f for f in files if f.is_file()]
        if files:
            event.acceptProposedAction()
            self.add_attachments(files)
        else:
            event.ignore()

    def _browse_files(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(self, self.tr("Choose files to attach"))
        self.add_attachments([Path(p) for p in chosen])

    def add_attachments(self, paths: list[Path]) -> None:
        known = set(self.attachments)
        for path in paths:
            if path in known:
                continue
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.attachment_list.addItem(item)
            known.add(path)

    def _remove_selected_files(self) -> None:
        for item in self.attachment_list.selectedItems():
            self.attachment_list.takeItem(self.attachment_list.row(item))

    @property
    def attachments(self) -> list[Path]:
        return [
            Path(self.attachment_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.attachment_list.count())
        ]

    # -- saving --------------------------------------------------------------------------
    def new_case(self) -> NewCase | None:
        """The case the form describes, or None after showing every problem next to its field."""
        problems: list[DomainError] = []

        def check(read: Callable[[], Any]) -> Any:
            try:
                return read()
            except DomainError as error:
                problems.append(error)
                return None

        title = check(lambda: clean_title(self.title_edit.text()))
        text = self.text_edit.toPlainText().strip()
        if not text:
            problems.append(ValidationError("text", "is required"))
        category = check(self._category_code)
        tracking_text = self.tracking_edit.text().strip()
        tracking = check(lambda: clean_tracking_id(tracking_text)) if tracking_text else None
        anonymous = self.anonymous_check.isChecked()
        reporter = None
        if not anonymous:
            values = {
                name: check(
                    lambda name=name: clean_reporter_value(name, self.identity_edits[name].text())
                )
                for name in REPORTER_FIELDS
            }
            reporter = Reporter(**values)
        for problem in problems:
            self.errors.show_error(problem)
        if problems:
            return None
        tz = self._window.workspace.tz
        moment = self.received_edit.dateTime()
        received_at = datetime.combine(moment.date().toPython(), moment.time().toPython()).replace(
            tzinfo=tz
        )
        incident: date | None = (
            self.incident_edit.date().toPython() if self.incident_check.isChecked() else None
        )
        return NewCase(
            title=title,
            text=text,
            summary=self.summary_edit.toPlainText().strip(),
            channel=self.channel_combo.currentData(),
            kind=self.kind_combo.currentData(),
            category=category,
            severity=self.severity_combo.currentData(),
            priority=self.priority_combo.currentData(),
            received_at=received_at,
            incident_date=incident,
            location=Location(
                kecamatan=self.kecamatan_edit.text().strip() or None,
                desa=self.desa_edit.text().strip() or None,
                text=self.location_edit.text().strip() or None,
            ),
            reporter=None if reporter is None or reporter.is_empty else reporter,
            anonymous=anonymous,
            confidential=self.confidential_check.isChecked(),
            lapor_tracking_id=tracking,
        )

    def build(self) -> Callable[[Any], object] | None:
        new = self.new_case()
        if new is None:
            return None
        service, files = self._window.cases, self.attachments

        def register(_progress: Any) -> IntakeResult:
            case = service.register(new)
            failed: list[tuple[str, str]] = []
            for path in files:  # the case exists now: a bad file must not lose it
                try:
                    service.attach(case.id, path)
                except (DomainError, OSError) as error:
                    failed.append((path.name, str(error)))
            return IntakeResult(case, failed)

        return register


def _code_combo(items: dict[Any, str], default: object = None) -> QComboBox:
    combo = QComboBox()
    for code, text in items.items():
        combo.addItem(text, code.value)
    if default is not None:
        combo.setCurrentIndex(combo.findData(getattr(default, "value", default)))
    return combo


__all__ = ["IntakeDialog", "IntakeResult"]
