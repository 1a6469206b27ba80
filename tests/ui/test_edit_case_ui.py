"""Case → Edit details…: changed fields only reach the outbox, identity can be withdrawn for
good, and bad input is shown next to its field with nothing saved."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

import pytest
from shiboken6 import isValid

from lapor_desktop.domain.case import Case, Reporter
from lapor_desktop.domain.codes import Priority
from lapor_desktop.services.cases import NewCase
from tests.ui.test_actions import (
    WAIT_MS,
    actions,
    no_message_boxes,
    ok,
    open_dialog,
    show,
)
from ui.case_actions import CaseActions
from ui.edit_case_dialog import EditCaseDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)
__all__ = ["actions", "no_message_boxes"]  # fixtures shared with test_actions


@pytest.fixture
def case(window: MainWindow, wait_idle: Callable[[], None]) -> Case:
    wait_idle()
    return window.cases.register(
        NewCase(
            title="Bantuan PKH belum cair",
            text="Bantuan PKH belum cair sejak Januari.",
            channel="walk_in",
            category="Bantuan Sosial",
            reporter=Reporter(name="Siti Aminah", phone="081234567890"),
        )
    )


def _outbox(window: MainWindow) -> list[tuple[str, dict[str, object]]]:
    con = sqlite3.connect(window.workspace.paths.database)
    try:
        rows = con.execute("SELECT op_type, payload FROM outbox ORDER BY device_seq").fetchall()
    finally:
        con.close()
    return [(op_type, json.loads(payload)) for op_type, payload in rows]


def _closed(dialog: EditCaseDialog) -> bool:
    return not isValid(dialog) or not dialog.isVisible()  # deleted once it succeeded


def _open(qtbot, window: MainWindow, actions: CaseActions, case: Case, wait_idle) -> EditCaseDialog:
    show(qtbot, window, case, wait_idle)
    dialog = open_dialog(actions, "edit")
    assert isinstance(dialog, EditCaseDialog)
    qtbot.waitUntil(dialog.category_edit.isEnabled, timeout=WAIT_MS)
    return dialog


def test_only_the_changed_fields_are_sent_and_the_case_view_shows_them(
    qtbot, window: MainWindow, actions: CaseActions, case: Case, wait_idle
) -> None:
    dialog = _open(qtbot, window, actions, case, wait_idle)
    assert dialog.title_edit.text() == case.title
    assert dialog.identity_edits["name"].text() == "Siti Aminah"
    dialog.title_edit.setText("Bantuan PKH triwulan I belum cair")
    dialog.tracking_edit.setText("1916449")
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData(Priority.HIGH.value))
    dialog.identity_edits["phone"].setText("0812 9999 0000")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT_MS)
    wait_idle()
    stored = window.cases.find_case(case.id)
    assert stored.title == "Bantuan PKH triwulan I belum cair"
    assert stored.lapor_tracking_id == "1916449"
    assert stored.priority is Priority.HIGH
    assert stored.reporter is not None and stored.reporter.name == "Siti Aminah"
    op_type, payload = _outbox(window)[-1]
    assert op_type == "case.edit"
    changes = payload["data"]["changes"]  # type: ignore[index]
    assert set(changes) == {"title", "lapor_tracking_id", "priority", "reporter.phone"}
    qtbot.waitUntil(lambda: "1916449" in window.case_view.text(), timeout=WAIT_MS)


def test_withdrawing_the_identity_warns_clears_and_cannot_be_undone(
    qtbot, window: MainWindow, actions: CaseActions, case: Case, wait_idle
) -> None:
    dialog = _open(qtbot, window, actions, case, wait_idle)
    assert dialog.anonymous_hint.isHidden()
    dialog.anonymous_check.setChecked(True)
    assert not dialog.anonymous_hint.isHidden()
    assert all(not e.isEnabled() and not e.text() for e in dialog.identity_edits.values())
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: _closed(dialog), timeout=WAIT_MS)
    wait_idle()
    stored = window.cases.find_case(case.id)
    assert stored.anonymous and stored.reporter is None
    again = _open(qtbot, window, actions, stored, wait_idle)
    assert again.anonymous_check.isChecked() and not again.anonymous_check.isEnabled()
    assert all(not e.isEnabled() for e in again.identity_edits.values())


def test_bad_or_no_changes_are_shown_inline_and_nothing_is_saved(
    qtbot, window: MainWindow, actions: CaseActions, case: Case, wait_idle
) -> None:
    before = _outbox(window)
    dialog = _open(qtbot, window, actions, case, wait_idle)
    ok(qtbot, dialog)
    assert dialog.isVisible() and "Nothing was changed" in dialog.errors.messages()[""]
    dialog.tracking_edit.setText("LPR-12")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "lapor_tracking_id" in dialog.errors.messages(), timeout=WAIT_MS)
    dialog.tracking_edit.setText("")
    dialog.category_edit.setText("Tidak ada kategori seperti ini")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "category" in dialog.errors.messages(), timeout=WAIT_MS)
    wait_idle()
    assert dialog.isVisible()
    assert _outbox(window) == before
