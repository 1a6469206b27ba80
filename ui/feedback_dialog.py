"""Case → Record reporter satisfaction: the reporter's 1–5 rating of the final answer and
whether it settled the matter (puas / beres), with what they said (domain.feedback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QRadioButton, QWidget

from lapor_desktop.domain.feedback import RATING_MAX, RATING_MIN
from lapor_desktop.services.cases import CaseDetail

if TYPE_CHECKING:
    from ui.main_window import MainWindow
from ui.action_dialogs import ActionDialog, plain_text_edit

translate = QCoreApplication.translate

RATING_NAMES = {
    1: QT_TRANSLATE_NOOP("FeedbackDialog", "1 — very poor"),
    2: QT_TRANSLATE_NOOP("FeedbackDialog", "2 — poor"),
    3: QT_TRANSLATE_NOOP("FeedbackDialog", "3 — fair"),
    4: QT_TRANSLATE_NOOP("FeedbackDialog", "4 — good"),
    5: QT_TRANSLATE_NOOP("FeedbackDialog", "5 — very good"),
}


def can_record_feedback(detail: CaseDetail) -> bool:
    # The reporter rates the final answer; a reopen withdraws it until the next one.
    return detail.case.answer is not None


class FeedbackDialog(ActionDialog):
    """Neither the rating nor the verdict is preset: OK waits until the operator chose both,
    so a rating is never recorded by just pressing Enter."""

    def __init__(self, window: MainWindow, detail: CaseDetail) -> None:
        super().__init__(window, self.tr("Record reporter satisfaction"), self.tr("Record"), detail)
        self.rating_combo = QComboBox()
        self.rating_combo.addItem(self.tr("Choose…"), None)
        for rating in range(RATING_MAX, RATING_MIN - 1, -1):  # the best first, as forms ask
            self.rating_combo.addItem(translate("FeedbackDialog", RATING_NAMES[rating]), rating)
        self.add_row(self.form, self.tr("&Rating:"), self.rating_combo, "rating")

        self.satisfied_radio = QRadioButton(self.tr("&Satisfied (beres)"))
        self.not_satisfied_radio = QRadioButton(self.tr("N&ot satisfied (belum beres)"))
        self.verdict_group = QButtonGroup(self)
        self.verdict_group.addButton(self.satisfied_radio)
        self.verdict_group.addButton(self.not_satisfied_radio)
        verdict = QWidget()
        row = QHBoxLayout(verdict)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.satisfied_radio)
        row.addWidget(self.not_satisfied_radio)
        row.addStretch(1)
        self.add_row(
            self.form,
            self.tr("The matter is:"),
            verdict,
            "satisfied",
            input_widget=self.satisfied_radio,
        )

        self.text_edit = plain_text_edit(self.tr("What the reporter said"), lines=2)
        self.text_edit.setPlaceholderText(self.tr("Optional"))
        self.add_row(self.form, self.tr("&What the reporter said:"), self.text_edit, "text")

        self.rating_combo.currentIndexChanged.connect(self._update_ok)
        self.verdict_group.buttonToggled.connect(self._update_ok)
        self._update_ok()
        self.rating_combo.setFocus()

    @property
    def rating(self) -> int | None:
        value = self.rating_combo.currentData()
        return value if isinstance(value, int) else None

    @property
    def satisfied(self) -> bool | None:
        if self.satisfied_radio.isChecked():
            return True
        if self.not_satisfied_radio.isChecked():
            return False
        return None

    def _missing(self) -> list[str]:
        missing = super()._missing()
        if self.rating is None:
            missing.append("rating")
        if self.satisfied is None:
            missing.append("satisfied")
        return missing

    def build(self) -> Callable[[Any], object]:
        rating, satisfied = self.rating, self.satisfied
        assert rating is not None and satisfied is not None  # accept() checked _missing()
        case_id, text = self.case.id, self.text_edit.toPlainText().strip()
        return self.service_job(lambda service: service.feedback(case_id, rating, satisfied, text))


__all__ = ["FeedbackDialog", "can_record_feedback"]
