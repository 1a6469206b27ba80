"""The Letters dialog's tembusan editor: the kind's default to start from, edits that reach the
issued PDF, one list per letter kind, and a bad list refused inline with nothing issued."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from lapor_desktop.services.letters import LetterService
from lapor_desktop.services.workspace import Workspace
from tests.lapor_desktop.services.letters_support import (
    ISSUE_DAY,
    answered,
    letter_sequence,
    pdf_text,
    register,
    set_up_office,
)
from tests.ui.test_letters_ui import WAIT_MS, no_message_boxes, open_letters
from ui.letters_actions import LettersActions
from ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)
__all__ = ["no_message_boxes"]  # the autouse fixture, shared


@pytest.fixture
def workspace(workspace: Workspace, fake_clock) -> Workspace:
    fake_clock.set(ISSUE_DAY)
    set_up_office(workspace)
    return workspace


@pytest.fixture
def actions(window: MainWindow) -> LettersActions:
    found = window.findChild(LettersActions)
    assert found is not None
    return found


def test_the_edited_tembusan_is_printed_and_each_kind_keeps_its_own(
    qtbot, window: MainWindow, actions: LettersActions, workspace: Workspace, wait_idle
) -> None:
    wait_idle()
    case = answered(workspace)
    dialog = open_letters(qtbot, window, actions, case, wait_idle)
    dialog.select("tanggapan")
    qtbot.waitUntil(lambda: "Bupati Sumenep" in dialog.copies_edit.toPlainText(), timeout=WAIT_MS)
    assert dialog.copies_edit.isEnabled()
    assert dialog.copies_override() is None  # untouched: the core's default
    dialog.copies_edit.setPlainText("Inspektur Kabupaten Sumenep\n\nArsip\n")
    # Another kind shows its own list; coming back finds the edit as it was left.
    dialog.select("tanda-terima")
    assert not dialog.copies_edit.isEnabled() and not dialog.copies_edit.toPlainText()
    dialog.select("tanggapan")
    assert dialog.copies_edit.toPlainText().startswith("Inspektur Kabupaten Sumenep")

    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    wait_idle()
    assert dialog.current is not None
    tail = pdf_text(LetterService(workspace).reprint(dialog.current.id)).split("Tembusan:", 1)[1]
    assert "1. Inspektur Kabupaten Sumenep" in tail and "2. Arsip" in tail
    assert "Bupati" not in tail


def test_a_tembusan_line_too_long_is_refused_inline_and_takes_no_number(
    qtbot, window: MainWindow, actions: LettersActions, workspace: Workspace, wait_idle
) -> None:
    wait_idle()
    register(workspace)  # another case's number comes first; ours must not take one
    case = answered(workspace)
    before = letter_sequence(workspace.paths.database)
    dialog = open_letters(qtbot, window, actions, case, wait_idle)
    dialog.select("tanggapan")
    qtbot.waitUntil(lambda: bool(dialog.copies_edit.toPlainText()), timeout=WAIT_MS)
    dialog.copies_edit.setPlainText("x" * 250)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden(), timeout=WAIT_MS)
    wait_idle()
    assert "200" in dialog.error_label.text()
    assert dialog.current is None
    assert letter_sequence(workspace.paths.database) == before
