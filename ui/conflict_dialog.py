"""One sync conflict side by side: the original value, the edit that was not applied (ours), the
value the case holds (theirs), who and when; keep theirs, take ours, or write a new value.

Resolving is an action like any other (`CaseService.resolve_conflict`, one outbox entry); the
next sync closes the conflict on the server and on every office that sees the case. Only the
holder office (or a coordinator) may resolve; others see the conflict read-only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from lapor_desktop.domain.case import Case, CaseConflict
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.progress import Progress
from lapor_desktop.services.cases import CaseDetail
from ui.errors import show_error
from ui.inline_form import ERROR_STYLE, alive

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def value_text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class ConflictDialog(QDialog):
    resolved = Signal(object)  # the Case after the resolution

    def __init__(self, window: MainWindow, detail: CaseDetail, conflict: CaseConflict) -> None:
        super().__init__(window)
        self._window = window
        self.detail = detail
        self.conflict = conflict
        self._busy = False
        case = detail.case
        tz = window.workspace.tz
        self.setWindowTitle(self.tr("Sync conflict — {number}").format(number=case.register_no))
        title = QLabel(
            self.tr("Field “{field}” of {number} was changed in two places.").format(
                field=conflict.field, number=case.register_no
            )
        )
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        grid = QGridLayout()
        heads = (
            self.tr("Original (before both changes)"),
            self.tr("Not applied (ours): {actor}, {office}, {when}").format(
                actor=conflict.actor,
                office=conflict.office,
                when=indonesian_datetime(conflict.at, tz),
            ),
            self.tr("In the case now (theirs)"),
        )
        self.value_boxes: list[QPlainTextEdit] = []
        for column, (head, value) in enumerate(
            zip(heads, (conflict.base, conflict.ours, conflict.theirs), strict=True)
        ):
            label = QLabel(head)
            label.setWordWrap(True)
            box = QPlainTextEdit(value_text(value))
            box.setReadOnly(True)
            box.setAccessibleName(head)
            label.setBuddy(box)
            grid.addWidget(label, 0, column)
            grid.addWidget(box, 1, column)
            self.value_boxes.append(box)
        new_label = QLabel(self.tr("Or write the &new value:"))
        self.new_value = QPlainTextEdit(value_text(conflict.theirs).replace("—", ""))
        self.new_value.setTabChangesFocus(True)
        self.new_value.setAccessibleName(self.tr("New value"))
        new_label.setBuddy(self.new_value)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)

        self.theirs_button = QPushButton(self.tr("Keep what the case &holds"))
        self.ours_button = QPushButton(self.tr("Take the &other change"))
        self.value_button = QPushButton(self.tr("Use the new &value"))
        close = QPushButton(self.tr("Close"))
        self.theirs_button.clicked.connect(lambda: self.resolve("theirs"))
        self.ours_button.clicked.connect(lambda: self.resolve("ours"))
        self.value_button.clicked.connect(lambda: self.resolve("value"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.theirs_button, self.ours_button, self.value_button):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(new_label)
        layout.addWidget(self.new_value)
        layout.addWidget(self.note)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(820, 420)

        allowed = detail.can_act or window.workspace.user.role in (Role.COORDINATOR, Role.ADMIN)
        if not allowed:
            self.note.setText(
                self.tr(
                    "Only the holder office ({office}) or a coordinator can resolve it."
                ).format(office=case.holder_office)
            )
        else:
            self.note.setText(
                self.tr("The choice is sent at the next sync and closes the conflict everywhere.")
            )
        for button in (self.theirs_button, self.ours_button, self.value_button):
            button.setEnabled(allowed)
        self.new_value.setReadOnly(not allowed)

    def resolve(self, choice: str) -> None:
        if self._busy:
            return
        value: Any = None
        if choice == "value":
            value = self.new_value.toPlainText().strip()
        case_id, conflict_id = self.detail.case.id, self.conflict.id
        cases = self._window.cases

        def work(_progress: Progress) -> Case:
            return cases.resolve_conflict(case_id, conflict_id, choice, value)

        self._busy = True
        self.error_label.setVisible(False)
        self._window.tasks.run(work, self._on_resolved, self._on_failed)

    def _on_resolved(self, case: Case) -> None:
        self._busy = False
        if not alive(self):
            return
        self.resolved.emit(case)
        self.accept()
        window = self._window
        actions = window.findChild(QObject, "case_actions")
        refresh = getattr(actions, "refresh_and_show", None)
        if refresh is not None:
            refresh(case.id)
        else:
            window.reload()
            window.show_case(case.id)

    def _on_failed(self, error: BaseException) -> None:
        self._busy = False
        if not alive(self):
            return
        if isinstance(error, DomainError):
            self.error_label.setText(str(error))
            self.error_label.setVisible(True)
        else:
            show_error(self, error, self._window.workspace.paths.logs)
