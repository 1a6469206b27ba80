"""Every Case-menu action through its dialog, on a real workspace and task runner.

Each test drives the dialog's widgets (fill the fields, click OK) and checks the real
transition in the case view's timeline; illegal actions are disabled; bad input shows an
inline message and saves nothing (the outbox stays as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog

from lapor_desktop.domain.case import Case
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.services.cases import NewCase
from tests.conftest import FakeClock
from ui.action_dialogs import ActionDialog
from ui.case_actions import SPECS, CaseActions
from ui.dispose_dialog import INSTRUCTIONS, DisposeDialog
from ui.extend_attach_dialogs import AttachDialog, ExtendDialog
from ui.forward_archive_dialogs import ArchiveDialog, ForwardDialog
from ui.main_window import MainWindow
from ui.text_action_dialogs import TextActionDialog

pytestmark = pytest.mark.timeout(60)

S = CaseStatus
WAIT_MS = 10_000
SINGLE = [spec.key for spec in SPECS]


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """A modal box would hang a headless test: record what would have been shown instead."""
    shown: list[BaseException] = []
    for module in ("ui.action_dialogs", "ui.main_window"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, error, *_: shown.append(error))
    return shown


@pytest.fixture
def actions(window: MainWindow) -> CaseActions:
    found = window.findChild(CaseActions)
    assert found is not None
    return found


@pytest.fixture
def register(window: MainWindow, wait_idle: Callable[[], None]) -> Callable[..., Case]:
    """A case registered through the service (setup, not under test), once the runner is idle."""

    def make(title: str = "Bantuan PKH belum cair", **changes: object) -> Case:
        wait_idle()
        new = NewCase(
            title=title,
            text=f"{title}: mohon ditindaklanjuti.",
            channel="walk_in",
            category="Bantuan Sosial",
            **changes,  # type: ignore[arg-type]
        )
        return window.cases.register(new)

    return make


def show(qtbot, window: MainWindow, case: Case, wait_idle: Callable[[], None]) -> None:
    """Reload the table and show `case` with its current state."""
    wait_idle()
    with qtbot.waitSignal(window.page_loaded, timeout=WAIT_MS):
        window.reload()
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
        window.show_case(case.id)
    wait_idle()


def enabled(actions: CaseActions) -> set[str]:
    return {key for key in SINGLE if actions.actions[key].isEnabled()}


def open_dialog(actions: CaseActions, key: str) -> ActionDialog:
    assert actions.actions[key].isEnabled(), f"{key} is disabled"
    actions.actions[key].trigger()
    dialog = actions.dialog
    assert isinstance(dialog, ActionDialog) and dialog.isVisible()
    return dialog


def ok(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def wait_status(qtbot, window: MainWindow, status: CaseStatus, timeline_text: str = "") -> None:
    def reached() -> bool:
        detail = window.case_view.detail
        return (
            detail is not None
            and detail.case.status is status
            and timeline_text in window.case_view.text()
        )

    qtbot.waitUntil(reached, timeout=WAIT_MS)


def act(
    qtbot,
    window: MainWindow,
    actions: CaseActions,
    key: str,
    text: str,
    status: CaseStatus,
    shows: str | None = None,
) -> None:
    """Open a one-text-field action, write `text`, OK, and wait for the transition to show."""
    dialog = open_dialog(actions, key)
    assert isinstance(dialog, TextActionDialog)
    dialog.text_edit.setPlainText(text)
    ok(qtbot, dialog)
    wait_status(qtbot, window, status, text if shows is None else shows)


# --------------------------------------------------------------------------- enabling


def test_only_the_actions_legal_for_a_received_case_are_enabled(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    assert enabled(actions) == set()  # nothing selected yet
    assert actions.new_case.isEnabled()
    show(qtbot, window, register(), wait_idle)
    assert enabled(actions) == {
        "dispose",
        "needs_info",
        "forward",
        "archive",
        "cancel",
        "extend",
        "note",
        "edit",
        "attach",
    }
    assert not actions.actions["resolve"].isEnabled()
    # Shortcuts are set on the actions, so the menu shows them.
    assert actions.actions["dispose"].shortcut().toString() == "Ctrl+D"
    assert all(not actions.actions[key].shortcut().isEmpty() for key in actions.actions)
    shortcuts = [a.shortcut().toString() for a in window.findChildren(type(actions.new_case))]
    taken = [s for s in shortcuts if s]
    assert len(taken) == len(set(taken)), "two actions share a shortcut"


def test_a_case_disposed_to_another_office_is_read_only_here(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    case = register()
    show(qtbot, window, case, wait_idle)
    dialog = open_dialog(actions, "dispose")
    assert isinstance(dialog, DisposeDialog)
    dialog.external_radio.setChecked(True)
    assert not dialog.unit_combo.isEnabled() and dialog.office_edit.isEnabled()
    dialog.office_edit.setText("dinpu")
    dialog.instruction_boxes[INSTRUCTIONS.index("Untuk diketahui")].setChecked(True)
    ok(qtbot, dialog)
    wait_status(qtbot, window, S.DISPOSED, "Didisposisikan kepada DINPU")
    detail = window.case_view.detail
    assert detail is not None and detail.case.holder_office == "DINPU" and not detail.can_act
    assert enabled(actions) == set()
    assert actions.open_action("note") is None  # the shortcut cannot reach it either


# --------------------------------------------------------------------------- transitions


def test_a_case_goes_all_the_way_through_the_dialogs(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle, tmp_path: Path
) -> None:
    show(qtbot, window, register(), wait_idle)

    act(qtbot, window, actions, "needs_info", "Mohon lampirkan fotokopi KK", S.NEEDS_INFO)
    assert enabled(actions) == {"info_received", "cancel", "extend", "note", "edit", "attach"}
    act(qtbot, window, actions, "info_received", "KK sudah dikirim lewat WA", S.RECEIVED)

    dialog = open_dialog(actions, "dispose")
    assert isinstance(dialog, DisposeDialog)
    qtbot.waitUntil(lambda: "First follow-up due" in dialog.due_preview.text(), timeout=WAIT_MS)
    assert "9 Maret 2026" in dialog.due_preview.text()  # Mon 2 March + 5 working days
    dialog.unit_combo.setEditText("Bidang Linjamsos")
    dialog.person_edit.setText("Kabid Linjamsos")
    for text in ("Proses lebih lanjut", "Selesaikan"):
        dialog.instruction_boxes[INSTRUCTIONS.index(text)].setChecked(True)
    dialog.sifat_combo.setCurrentIndex(dialog.sifat_combo.findData("segera"))
    dialog.note_edit.setPlainText("Cek data DTKS")
    ok(qtbot, dialog)
    wait_status(qtbot, window, S.DISPOSED, "Didisposisikan kepada Bidang Linjamsos, Kabid")
    disposition = window.case_view.detail.case.dispositions[-1]
    assert disposition.instructions == ("Proses lebih lanjut", "Selesaikan")
    assert disposition.sifat.value == "segera" and disposition.note == "Cek data DTKS"
    assert enabled(actions) == {
        "dispose",
        "follow_up",
        "cancel",
        "extend",
        "note",
        "edit",
        "attach",
    }

    act(qtbot, window, actions, "follow_up", "Petugas survei ke rumah pelapor", S.IN_PROGRESS)

    dialog = open_dialog(actions, "extend")
    assert isinstance(dialog, ExtendDialog)
    dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData("resolution"))
    dialog.days_spin.setValue(3)
    dialog.reason_edit.setPlainText("Menunggu data dari Kemensos")
    qtbot.waitUntil(lambda: "After the extension" in dialog.preview.text(), timeout=WAIT_MS)
    ok(qtbot, dialog)
    wait_status(qtbot, window, S.IN_PROGRESS, "diperpanjang 3 hari: Menunggu data dari Kemensos")

    act(qtbot, window, actions, "note", "Pelapor menelepon menanyakan", S.IN_PROGRESS)

    dialog = open_dialog(actions, "attach")
    assert isinstance(dialog, AttachDialog)
    scan = tmp_path / "berita-acara.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    dialog.path_edit.setText(str(scan))
    ok(qtbot, dialog)
    wait_status(qtbot, window, S.IN_PROGRESS, "Lampiran ditambahkan: berita-acara.pdf")

    answered = "Ditindaklanjuti → Menunggu tanggapan pelapor"  # the answer goes in the letter
    act(qtbot, window, actions, "answer", "Bantuan cair tahap 2", S.AWAITING_REPORTER, answered)
    answered_keys = {"resolve", "reopen", "cancel", "note", "edit", "attach", "feedback"}
    assert enabled(actions) == answered_keys
    act(qtbot, window, actions, "reopen", "Pelapor belum menerima", S.IN_PROGRESS)
    act(qtbot, window, actions, "answer", "Sudah ditransfer", S.AWAITING_REPORTER, answered)
    act(qtbot, window, actions, "resolve", "Pelapor mengonfirmasi", S.RESOLVED)
    # The answer stays with a resolved case: its reporter may still rate it.
    assert enabled(actions) == {"reopen", "note", "edit", "attach", "feedback"}


def test_forward_to_the_competent_agency_then_resolve(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    show(qtbot, window, register("Jalan nasional berlubang"), wait_idle)
    dialog = open_dialog(actions, "forward")
    assert isinstance(dialog, ForwardDialog)
    dialog.agency_edit.setText("BPJN Jawa Timur")
    assert not dialog.ok_button.isEnabled()  # the reason is required too
    dialog.reason_edit.setPlainText("Jalan nasional, bukan kewenangan kabupaten")
    assert dialog.ok_button.isEnabled()
    ok(qtbot, dialog)
    wait_status(qtbot, window, S.FORWARDED, "bukan kewenangan kabupaten")
    assert "BPJN Jawa Timur" in window.case_view.text()
    assert enabled(actions) == {"resolve", "cancel", "note", "edit", "attach"}
    act(qtbot, window, actions, "resolve", "BPJN mengonfirmasi penerimaan", S.RESOLVED)


def test_archive_as_a_duplicate_and_cancel(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    original = register("Bantuan PKH belum cair")
    duplicate = register("Bantuan PKH belum cair (lagi)")
    show(qtbot, window, duplicate, wait_idle)
    pending = window.queries.pending_operations()

    dialog = open_dialog(actions, "archive")
    assert isinstance(dialog, ArchiveDialog)
    dialog.reason_edit.setPlainText("Laporan ganda")
    dialog.duplicate_edit.setText("DINSOS/2026/09999")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "duplicate_of" in dialog.errors.messages(), timeout=WAIT_MS)
    assert "DINSOS/2026/09999" in dialog.errors.messages()["duplicate_of"]
    assert dialog.isVisible() and window.queries.pending_operations() == pending

    dialog.duplicate_edit.setText(original.register_no)
    ok(qtbot, dialog)
    wait_status(qtbot, window, S.ARCHIVED, "Laporan ganda")
    assert window.case_view.detail.case.duplicate_of == original.id

    show(qtbot, window, original, wait_idle)
    act(qtbot, window, actions, "cancel", "Salah input oleh operator", S.CANCELLED)
    assert enabled(actions) == {"note", "edit", "attach"}


def test_close_incomplete_only_once_the_reporter_had_the_time(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle, fake_clock: FakeClock
) -> None:
    case = register()
    window.cases.needs_info(case.id, "Mohon lengkapi alamat")
    show(qtbot, window, case, wait_idle)
    assert "close_incomplete" not in enabled(actions)
    fake_clock.advance(days=31)
    show(qtbot, window, case, wait_idle)
    assert "close_incomplete" in enabled(actions)
    dialog = open_dialog(actions, "close_incomplete")
    ok(qtbot, dialog)  # the note is optional here
    wait_status(qtbot, window, S.CLOSED_INCOMPLETE, "Ditutup (tidak lengkap)")


# --------------------------------------------------------------------------- bad input


def test_a_required_reason_keeps_ok_disabled_and_saves_nothing(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    show(qtbot, window, register(), wait_idle)
    pending = window.queries.pending_operations()
    dialog = open_dialog(actions, "needs_info")
    assert isinstance(dialog, TextActionDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.text_edit.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # what Ctrl+Enter does: refused inline
    assert dialog.errors.messages() == {"reason": "This is required."}
    assert dialog.isVisible()
    dialog.text_edit.setPlainText("Mohon kirim foto lokasi")
    assert dialog.ok_button.isEnabled()
    dialog.reject()
    wait_idle()
    assert window.queries.pending_operations() == pending
    assert window.case_view.detail.case.status is S.RECEIVED


def test_bad_dispositions_show_inline_messages_and_save_nothing(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    show(qtbot, window, register(), wait_idle)
    pending = window.queries.pending_operations()
    dialog = open_dialog(actions, "dispose")
    assert isinstance(dialog, DisposeDialog)
    ok(qtbot, dialog)  # neither unit nor person
    assert set(dialog.errors.messages()) == {"to_unit"}
    dialog.external_radio.setChecked(True)
    ok(qtbot, dialog)
    assert set(dialog.errors.messages()) == {"to_office"}
    dialog.office_edit.setText("DINSOS")  # ourselves
    ok(qtbot, dialog)
    assert "this office" in dialog.errors.messages()["to_office"]
    dialog.office_edit.setText("bad code!")
    ok(qtbot, dialog)
    assert "letters, digits" in dialog.errors.messages()["to_office"]  # the core's words
    assert dialog.isVisible()
    wait_idle()
    assert window.queries.pending_operations() == pending


def test_an_extension_the_rule_refuses_shows_the_core_message(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    case = register("Permintaan data penerima BLT", kind="permintaan_informasi")
    show(qtbot, window, case, wait_idle)
    pending = window.queries.pending_operations()
    dialog = open_dialog(actions, "extend")
    assert isinstance(dialog, ExtendDialog)
    dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findData("resolution"))
    assert "at most 7" in dialog.preview.text()
    dialog.days_spin.setValue(8)
    dialog.reason_edit.setPlainText("Data di pusat")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "" in dialog.errors.messages(), timeout=WAIT_MS)
    assert "at most 7" in dialog.errors.messages()[""]
    assert dialog.isVisible() and window.queries.pending_operations() == pending


def test_a_dialog_closed_before_its_data_arrived_is_left_alone(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    show(qtbot, window, register(), wait_idle)
    for key in ("dispose", "extend"):
        open_dialog(actions, key).reject()  # its reference data is still on its way
    actions.new_case.trigger()
    actions.dialog.reject()
    wait_idle()
    assert window.case_view.detail.case.status is S.RECEIVED


# --------------------------------------------------------------------------- bulk


def select(window: MainWindow, cases: list[Case]) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for case in cases:
        row = window.model.row_of(case.id)
        assert row >= 0
        selection.select(window.model.index(row, 0), flags)


def test_bulk_resolve_reports_the_cases_it_could_not_resolve(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    first, second, received = register("Satu"), register("Dua"), register("Tiga")
    for case in (first, second):
        window.cases.forward(case.id, "BPJN Jawa Timur", "Jalan nasional")
    show(qtbot, window, received, wait_idle)
    select(window, [first, second, received])
    assert actions.bulk_resolve.isEnabled() and actions.bulk_dispose.isEnabled()
    actions.bulk_resolve.trigger()
    dialog = actions.dialog
    assert dialog is not None and "3" in dialog.windowTitle()
    dialog.note_edit.setPlainText("Dikonfirmasi BPJN")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: actions.summary is not None, timeout=WAIT_MS)
    text = actions.summary.text()
    assert "2 case(s) done" in text and received.register_no in text
    assert first.register_no not in text
    wait_idle()
    for case in (first, second):
        assert window.cases.find_case(case.id).status is S.RESOLVED
    assert window.cases.find_case(received.id).status is S.RECEIVED
    actions.summary.accept()


def test_bulk_dispose_routes_every_selected_case(
    qtbot, window: MainWindow, actions: CaseActions, register, wait_idle
) -> None:
    cases = [register("Satu"), register("Dua")]
    show(qtbot, window, cases[0], wait_idle)
    select(window, cases)
    actions.bulk_dispose.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, DisposeDialog) and dialog.detail is None
    dialog.unit_combo.setEditText("Seksi Perlindungan Sosial")
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: actions.summary is not None, timeout=WAIT_MS)
    assert "2 case(s) done" in actions.summary.text()
    wait_status(qtbot, window, S.DISPOSED, "Seksi Perlindungan Sosial")
    assert all(window.cases.find_case(c.id).status is S.DISPOSED for c in cases)
    actions.summary.accept()
