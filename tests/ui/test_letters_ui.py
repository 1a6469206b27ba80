"""Letters in the window: the kind picker, DRAFT preview, issue, reprint/void, save, print,
Today's letters and the batch print, on a real workspace and the real task runner.

No modal dialog is ever executed: the dialogs are opened (non-modal) and driven; printing goes to
a QPrinter writing a PDF file, read back with pypdf.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrinter

from lapor_desktop.domain.case import Case
from lapor_desktop.services.letters import VARIANT_ANONYMOUS, LetterKind, LetterService
from lapor_desktop.services.workspace import Workspace
from tests.lapor_desktop.services.letters_support import (
    F4,
    ISSUE_DAY,
    answered,
    dispose,
    forwarded,
    letter_sequence,
    needing_info,
    pdf_text,
    register,
    set_up_office,
)
from ui.letter_preview import page_count
from ui.letters_actions import BatchPrintDialog, BatchResult, LettersActions
from ui.letters_dialog import LettersDialog
from ui.main_window import MainWindow
from ui.todays_letters_dialog import TodayLettersDialog

pytestmark = pytest.mark.timeout(60)

WAIT_MS = 10_000


@pytest.fixture
def workspace(workspace: Workspace, fake_clock) -> Workspace:
    """The conftest workspace with a complete office profile (letterhead, signatory, units)."""
    fake_clock.set(ISSUE_DAY)
    set_up_office(workspace)
    return workspace


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    shown: list[BaseException] = []
    for module in ("ui.letter_output_dialog", "ui.letters_actions", "ui.main_window"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, error, *_: shown.append(error))
    return shown


@pytest.fixture
def actions(window: MainWindow) -> LettersActions:
    found = window.findChild(LettersActions)
    assert found is not None
    return found


def show(qtbot, window: MainWindow, case: Case, wait_idle: Callable[[], None]) -> None:
    wait_idle()
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.reload()
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
        window.show_case(case.id)
    wait_idle()


def open_letters(
    qtbot, window: MainWindow, actions: LettersActions, case: Case, wait_idle
) -> LettersDialog:
    show(qtbot, window, case, wait_idle)
    assert actions.letter_action.isEnabled()
    actions.letter_action.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, LettersDialog) and dialog.isVisible()
    wait_idle()  # the paper default and the case's letters
    return dialog


def enabled_choices(dialog: LettersDialog) -> set[str]:
    return {key for key, button in dialog.kind_buttons.items() if button.isEnabled()}


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pages_of(path: Path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


# --------------------------------------------------------------------------- the picker


def test_only_kinds_legal_for_the_case_are_enabled(
    qtbot, window: MainWindow, actions: LettersActions, workspace: Workspace, wait_idle
) -> None:
    assert not actions.letter_action.isEnabled()  # no case shown yet
    assert actions.letter_action.shortcut().toString() == "Ctrl+L"
    wait_idle()
    received = register(workspace)
    dialog = open_letters(qtbot, window, actions, received, wait_idle)
    assert enabled_choices(dialog) == {"disposisi-blanko", "tanda-terima"}
    assert "tanggapan-anonim" not in dialog.kind_buttons
    assert "disposition" in dialog.kind_buttons["disposisi"].toolTip()
    assert dialog.paper_combo.currentText() == "F4"  # the settings' default
    dialog.reject()

    cases = {
        "disposisi": dispose(workspace, register(workspace, title="Disposed")),
        "penerusan": forwarded(workspace),
        "kelengkapan": needing_info(workspace),
        "tanggapan": answered(workspace),
    }
    for key, case in cases.items():
        dialog = open_letters(qtbot, window, actions, case, wait_idle)
        legal = enabled_choices(dialog)
        assert key in legal, (key, legal)
        others = {"disposisi", "penerusan", "kelengkapan", "tanggapan"} - {key}
        if key == "tanggapan":  # an answered case went through a disposition
            others -= {"disposisi"}
        assert not (legal & others), (key, legal)
        dialog.reject()


def test_preview_is_a_draft_and_takes_no_number(
    qtbot, window: MainWindow, actions: LettersActions, workspace: Workspace, wait_idle
) -> None:
    wait_idle()
    case = answered(workspace)
    dialog = open_letters(qtbot, window, actions, case, wait_idle)
    dialog.select("tanggapan")
    qtbot.waitUntil(lambda: "Bank Jatim" in dialog.body_edit.toPlainText(), timeout=WAIT_MS)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview.page_count() > 0, timeout=WAIT_MS)
    wait_idle()
    assert dialog.preview.document is not None and dialog.preview.document.pageCount() > 0
    assert dialog.preview.data is not None and "DRAFT" in pdf_text(dialog.preview.data)
    assert "DRAFT" in dialog.status_label.text()
    assert dialog.current is None
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert letter_sequence(workspace.paths.database) == 0
    assert LetterService(workspace).list_for_case(case.id) == []
    assert dialog.letters_table.rowCount() == 0


def test_issue_shows_the_number_lists_it_and_saves_identical_bytes(
    qtbot,
    window: MainWindow,
    actions: LettersActions,
    workspace: Workspace,
    wait_idle,
    tmp_path: Path,
) -> None:
    wait_idle()
    case = answered(workspace)
    dialog = open_letters(qtbot, window, actions, case, wait_idle)
    dialog.select("tanggapan")
    qtbot.waitUntil(lambda: "Bank Jatim" in dialog.body_edit.toPlainText(), timeout=WAIT_MS)
    dialog.body_edit.appendPlainText("Terima kasih atas kesabaran Saudara.")
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    wait_idle()
    letter = dialog.current
    assert letter is not None and letter.number
    assert letter.number in dialog.status_label.text()
    assert dialog.error_label.isHidden()
    assert dialog.letters_table.rowCount() == 1
    assert dialog.letters_table.item(0, 0).text() == letter.number
    assert dialog.letters_table.item(0, 1).text() == "Surat Tanggapan"
    stored = LetterService(workspace).reprint(letter.id)
    assert dialog.preview.data == stored and dialog.preview.page_count() > 0
    assert "Terima kasih atas kesabaran Saudara." in pdf_text(stored)
    assert "DRAFT" not in pdf_text(stored)
    assert "diterbitkan" in window.case_view.text()  # the timeline notes it

    saved = tmp_path / "out" / "tanggapan.pdf"
    saved.parent.mkdir()
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_to(saved)
    assert saved.read_bytes() == stored

    printed = tmp_path / "printed.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS) as signal:
        dialog.print_to(pdf_printer(printed))
    assert signal.args == [page_count(stored)]
    assert pages_of(printed) == page_count(stored)
    box = PdfReader(io.BytesIO(printed.read_bytes())).pages[0].mediabox
    assert abs(float(box.width) - F4[0]) < 1 and abs(float(box.height) - F4[1]) < 1

    # Reprint from the list: the same bytes, no new number; then void it with a reason.
    dialog.letters_table.selectRow(0)
    dialog.preview.clear()
    dialog.open_selected()
    qtbot.waitUntil(lambda: dialog.preview.data is not None, timeout=WAIT_MS)
    assert dialog.preview.data == stored
    assert not dialog.void_button.isEnabled()  # a reason first
    dialog.void_reason.setText("Salah alamat")
    with qtbot.waitSignal(dialog.voided, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert "Salah alamat" in dialog.letters_table.item(0, 3).text()
    assert LetterService(workspace).get(letter.id).voided


def test_a_refused_issue_shows_inline_and_takes_nothing(
    qtbot, window: MainWindow, actions: LettersActions, workspace: Workspace, wait_idle
) -> None:
    wait_idle()
    case = dispose(workspace, register(workspace))
    dialog = open_letters(qtbot, window, actions, case, wait_idle)
    dialog.select("disposisi")
    dialog.issue_letter()
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    wait_idle()
    dialog.letters_table.selectRow(0)
    # A blank reason cannot void anything: the core's words show inline.
    dialog.void_reason.setText("   ")
    assert not dialog.void_button.isEnabled()
    dialog.void_selected()
    wait_idle()
    assert dialog.error_label.isVisible()
    assert "reason" in dialog.error_label.text()
    assert not LetterService(workspace).list_for_case(case.id)[0].voided


def test_an_anonymous_case_offers_only_the_identity_free_response(
    qtbot, window: MainWindow, actions: LettersActions, workspace: Workspace, wait_idle
) -> None:
    wait_idle()
    case = answered(workspace, anonymous=True)
    dialog = open_letters(qtbot, window, actions, case, wait_idle)
    assert "tanggapan" not in dialog.kind_buttons
    assert dialog.kind_buttons["tanggapan-anonim"].isEnabled()
    assert not dialog.kind_buttons["kelengkapan"].isEnabled()
    dialog.select("tanggapan-anonim")
    qtbot.waitUntil(lambda: bool(dialog.body_edit.toPlainText()), timeout=WAIT_MS)
    dialog.issue_letter()
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    wait_idle()
    assert dialog.current is not None and dialog.current.variant == VARIANT_ANONYMOUS
    assert dialog.letters_table.item(0, 1).text().startswith("Dokumen Tanggapan tanpa identitas")


# --------------------------------------------------------------------------- today


def test_todays_letters_lists_what_was_issued_and_saves_it(
    qtbot,
    window: MainWindow,
    actions: LettersActions,
    workspace: Workspace,
    wait_idle,
    tmp_path: Path,
) -> None:
    wait_idle()
    service = LetterService(workspace)
    first = service.issue(register(workspace, title="Satu").id, LetterKind.RECEIPT)
    second = service.issue(dispose(workspace, register(workspace)).id, LetterKind.DISPOSITION)
    actions.today_action.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, TodayLettersDialog) and dialog.isVisible()
    wait_idle()
    assert dialog.table.rowCount() == 2
    numbers = {dialog.table.item(r, 1).text() for r in range(2)}
    assert first.number in numbers and "—" in numbers  # a Lembar Disposisi has no number
    assert {dialog.table.item(r, 3).text() for r in range(2)} == {
        first.register_no,
        second.register_no,
    }
    row = next(r for r in range(2) if dialog.table.item(r, 1).text() == first.number)
    dialog.select_row(row)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=WAIT_MS)
    wait_idle()
    assert dialog.current is not None and dialog.current.id == first.id
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    target = tmp_path / "receipt.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_to(target)
    assert target.read_bytes() == service.reprint(first.id)
    printed = tmp_path / "today.pdf"
    with qtbot.waitSignal(dialog.printed, timeout=WAIT_MS):
        dialog.print_to(pdf_printer(printed))
    assert pages_of(printed) == page_count(service.reprint(first.id))


# --------------------------------------------------------------------------- batch


def test_batch_prints_the_sheets_of_selected_disposed_cases_in_one_job(
    qtbot,
    window: MainWindow,
    actions: LettersActions,
    workspace: Workspace,
    wait_idle,
    tmp_path: Path,
) -> None:
    wait_idle()
    disposed = [dispose(workspace, register(workspace, title=f"Kasus {n}")) for n in (1, 2)]
    waiting = register(workspace, title="Belum didisposisi")
    show(qtbot, window, waiting, wait_idle)
    selection = window.table.selectionModel()
    selection.clearSelection()
    for case in (*disposed, waiting):
        row = window.model.row_of(case.id)
        assert row >= 0
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert set(window.selected_case_ids()) == {c.id for c in (*disposed, waiting)}
    assert actions.batch_action.isEnabled()
    actions.batch_action.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, BatchPrintDialog)
    assert dialog.kinds() == [LetterKind.DISPOSITION]

    printed = tmp_path / "batch.pdf"
    with qtbot.waitSignal(dialog.finished_batch, timeout=WAIT_MS) as signal:
        dialog.run(pdf_printer(printed))
    result = signal.args[0]
    assert isinstance(result, BatchResult)
    wait_idle()
    service = LetterService(workspace)
    sheets = [service.list_for_case(c.id) for c in disposed]
    assert all(len(s) == 1 and s[0].kind is LetterKind.DISPOSITION for s in sheets)
    expected = sum(page_count(service.reprint(s[0].id)) for s in sheets)
    assert result.pages == expected
    assert pages_of(printed) == expected
    assert [no for no, _why in result.refused] == [waiting.register_no]
    assert service.list_for_case(waiting.id) == []
    assert dialog.summary is not None
    assert waiting.register_no in dialog.summary.text()

    # A second run prints nothing again: the sheets are no longer pending.
    again = tmp_path / "again.pdf"
    with qtbot.waitSignal(dialog.finished_batch, timeout=WAIT_MS) as signal:
        dialog.run(pdf_printer(again))
    wait_idle()
    assert signal.args[0].printed == [] and len(signal.args[0].skipped) == 2
    assert not again.exists()
