"""Issuing a letter on an enrolled PC whose leased letter numbers ran out offline: the dialog
shows the DRAFT the core gave (no number, nothing stored) in its preview, labelled as such, and
lets the operator save or print that copy; the register is left as it was.

Real workspace, real task runner, real PDFs read back with pypdf; no modal dialog is executed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from lapor_desktop.services.letters import LetterKind, LetterService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.sync_store import Enrollment
from tests.lapor_desktop.services.letters_support import (
    ISSUE_DAY,
    letter_sequence,
    needing_info,
    pdf_text,
    set_up_office,
)
from ui.letters_actions import LettersActions
from ui.letters_dialog import LettersDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)

WAIT_MS = 10_000


@pytest.fixture
def workspace(workspace: Workspace, fake_clock) -> Workspace:
    """Enrolled (without a server) with ONE letter number leased, and that number used up."""
    fake_clock.set(ISSUE_DAY)
    set_up_office(workspace)
    with workspace.db.write() as uow:
        uow.sync.state.set_enrollment(
            Enrollment(workspace.device_id, "ani", "DINSOS", "http://127.0.0.1:9", "2026-03-02")
        )
        uow.sync.blocks.add("register:DINSOS", 2026, 1, 50, workspace.clock())
        uow.sync.blocks.add("letter:DINSOS", 2026, 7, 7, workspace.clock())
        uow.commit()
    return workspace


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    shown: list[BaseException] = []
    for module in ("ui.letter_output_dialog", "ui.letters_actions", "ui.main_window"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, error, *_: shown.append(error))
    return shown


def test_no_number_left_shows_a_printable_draft_and_issues_nothing(
    qtbot,
    window: MainWindow,
    workspace: Workspace,
    wait_idle,
    tmp_path: Path,
    no_message_boxes: list[BaseException],
    english: None,
) -> None:
    wait_idle()
    case = needing_info(workspace)
    service = LetterService(workspace)
    first = service.issue(case.id, LetterKind.COMPLETION)  # takes the one leased number
    assert first.number and "/0007/" in first.number

    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.reload()
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
        window.show_case(case.id)
    wait_idle()
    actions = window.findChild(LettersActions)
    assert actions is not None
    actions.letter_action.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, LettersDialog)
    wait_idle()
    dialog.select("kelengkapan")
    wait_idle()  # the template's text

    with qtbot.waitSignal(dialog.pdf_shown, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert no_message_boxes == []
    assert dialog.current is None and dialog.draft_copy is not None
    assert dialog.draft_banner.isVisible() and "DRAFT" in dialog.draft_banner.text()
    assert "after the next sync" in dialog.status_label.text()
    assert dialog.error_label.isHidden()
    assert dialog.preview.page_count() > 0
    assert dialog.preview.data is not None
    shown = pdf_text(dialog.preview.data)
    assert "DRAFT" in shown and "setelah sinkronisasi" in shown
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()

    saved = tmp_path / "draf.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_to(saved)
    assert saved.read_bytes() == dialog.preview.data
    assert "DRAFT" in pdf_text(saved.read_bytes())

    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS) as signal:
        dialog.print_to(printer)
    assert signal.args[0] > 0 and len(PdfReader(io.BytesIO(printed.read_bytes())).pages) > 0

    # Nothing issued, nothing burnt: the case still has only the first letter.
    wait_idle()
    assert [letter.number for letter in service.list_for_case(case.id)] == [first.number]
    assert letter_sequence(workspace.paths.database) == 7
    assert dialog.letters_table.rowCount() == 1

    # A normal preview afterwards is not the pending DRAFT: the banner goes, output is off.
    with qtbot.waitSignal(dialog.pdf_shown, timeout=WAIT_MS):
        dialog.show_preview()
    wait_idle()
    assert dialog.draft_copy is None and dialog.draft_banner.isHidden()
    assert not dialog.save_button.isEnabled()
    dialog.reject()
