"""Case → Record reporter satisfaction: real widgets on a real data dir, the service run through
the real task runner; the event is read back from the data dir."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.feedback import Feedback
from lapor_desktop.services.cases import DispositionInput, NewCase
from tests.ui.test_actions import enabled, open_dialog, show
from ui.case_actions import CaseActions
from ui.feedback_dialog import FeedbackDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)

WAIT_MS = 10_000


@pytest.fixture
def actions(window: MainWindow) -> CaseActions:
    found = window.findChild(CaseActions)
    assert found is not None
    return found


@pytest.fixture
def disposed(window: MainWindow, wait_idle: Callable[[], None]) -> Case:
    wait_idle()
    service = window.cases
    case = service.register(
        NewCase(
            title="Bantuan PKH belum cair",
            text="Bantuan PKH belum cair: mohon ditindaklanjuti.",
            channel="walk_in",
            category="Bantuan Sosial",
        )
    )
    service.dispose(case.id, DispositionInput(to_unit="Bidang Linjamsos"))
    return service.follow_up(case.id, "Data pelapor dicek di DTKS.")


def test_record_the_reporters_satisfaction_once_the_case_is_answered(
    qtbot, window: MainWindow, actions: CaseActions, disposed: Case, wait_idle
) -> None:
    show(qtbot, window, disposed, wait_idle)
    assert "feedback" not in enabled(actions)  # no final answer yet
    assert actions.open_action("feedback") is None

    window.cases.answer(disposed.id, "Bantuan sudah dicairkan.")
    show(qtbot, window, disposed, wait_idle)
    assert "feedback" in enabled(actions)
    dialog = open_dialog(actions, "feedback")
    assert isinstance(dialog, FeedbackDialog)
    # Nothing preset: OK waits for a rating and a verdict.
    assert not dialog.ok_button.isEnabled()
    dialog.rating_combo.setCurrentIndex(dialog.rating_combo.findData(3))
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.not_satisfied_radio, Qt.MouseButton.LeftButton)
    assert dialog.ok_button.isEnabled()
    dialog.text_edit.setPlainText("  Baru cair sebagian ")
    pending = window.queries.pending_operations()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "Kepuasan pelapor: 3/5" in window.case_view.text(), timeout=WAIT_MS)
    wait_idle()
    detail = window.cases.detail(disposed.id)
    assert detail.feedback == Feedback(3, False, "Baru cair sebagian")
    assert detail.case.status is CaseStatus.AWAITING_REPORTER  # a note: the case stays
    (event,) = [e for e in detail.timeline if e.kind == "feedback"]
    assert event.data == {"rating": 3, "satisfied": False, "text": "Baru cair sebagian"}
    assert window.queries.pending_operations() == pending + 1  # one op, for the server


def test_a_refusal_of_the_core_shows_in_the_dialog_and_stores_nothing(
    qtbot, window: MainWindow, actions: CaseActions, disposed: Case, wait_idle
) -> None:
    window.cases.answer(disposed.id, "Bantuan sudah dicairkan.")
    show(qtbot, window, disposed, wait_idle)
    dialog = open_dialog(actions, "feedback")
    assert isinstance(dialog, FeedbackDialog)
    dialog.rating_combo.setCurrentIndex(dialog.rating_combo.findData(5))
    dialog.satisfied_radio.setChecked(True)
    # Meanwhile (another PC, a sync) the case was reopened: the answer it rated is withdrawn.
    window.cases.reopen(disposed.id, "Pelapor menelepon: belum cair")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "" in dialog.errors.messages(), timeout=WAIT_MS)
    assert "no final answer" in dialog.errors.messages()[""]
    assert dialog.isVisible()
    assert window.cases.detail(disposed.id).feedback is None
    dialog.reject()
