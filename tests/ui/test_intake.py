"""The intake form on a real workspace and task runner: saving, inline validation, anonymity."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from lapor_desktop.domain.summary import Queue
from lapor_desktop.services.queries import CaseQuery
from ui.case_actions import CaseActions
from ui.intake_dialog import IntakeDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)

WAIT_MS = 10_000
BANSOS = "Sosial dan Kesejahteraan › Bantuan Sosial"


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    """A modal box would hang a headless test: record what would have been shown instead."""
    shown: list[BaseException] = []
    for module in ("ui.action_dialogs", "ui.main_window"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, error, *_: shown.append(error))
    return shown


def open_intake(qtbot, window: MainWindow) -> IntakeDialog:
    actions = window.findChild(CaseActions)
    assert actions is not None and actions.new_case.shortcut().toString() == "Ctrl+N"
    actions.new_case.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, IntakeDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.category_edit.isEnabled, timeout=WAIT_MS)  # categories loaded
    return dialog


def fill_minimum(dialog: IntakeDialog, title: str = "Bantuan PKH belum cair") -> None:
    dialog.title_edit.setText(title)
    dialog.text_edit.setPlainText("Sudah tiga bulan bantuan PKH ibu saya belum cair.")
    dialog.category_edit.setText(BANSOS)


def closed(dialog: IntakeDialog) -> bool:
    """Closed dialogs are deleted (deleteLater): gone, or at least hidden."""
    return not isValid(dialog) or not dialog.isVisible()


def next_tab_stop(widget: QWidget) -> QWidget:
    """Where Tab goes from `widget`: the next widget in the chain that takes focus by Tab."""
    candidate = widget.nextInFocusChain()
    while not (
        candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        and candidate.isEnabled()
        and candidate.isVisible()
    ):
        candidate = candidate.nextInFocusChain()
    return candidate


def case_count(window: MainWindow) -> int:
    return len(window.queries.cases(CaseQuery(limit=1000)))


def test_a_saved_case_appears_in_the_table_and_the_counts_change(
    qtbot, window: MainWindow, tmp_path: Path, no_message_boxes: list[BaseException]
) -> None:
    before = window.counts
    dialog = open_intake(qtbot, window)
    fill_minimum(dialog)
    dialog.summary_edit.setPlainText("PKH tahap 1 belum diterima")
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("whatsapp"))
    dialog.severity_combo.setCurrentIndex(dialog.severity_combo.findData("tanpa_pemeriksaan"))
    dialog.kecamatan_edit.setText("Kalianget")
    dialog.name_edit.setText("Siti Aminah")
    dialog.nik_edit.setText("3529014501800002")
    dialog.phone_edit.setText("0812-3456-7890")
    dialog.tracking_edit.setText("#1916449")
    dialog.incident_check.setChecked(True)
    photo = tmp_path / "kartu-kks.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    dialog.add_attachments([photo])

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.counts.get(Queue.ALL) == before[Queue.ALL] + 1, timeout=WAIT_MS)
    assert window.counts[Queue.NEEDS_VERIFICATION] == before[Queue.NEEDS_VERIFICATION] + 1
    assert closed(dialog)
    qtbot.waitUntil(
        lambda: "kartu-kks.jpg" in window.case_view.text(), timeout=WAIT_MS
    )  # shown, with its attachment
    detail = window.case_view.detail
    assert detail is not None
    case = detail.case
    assert case.title == "Bantuan PKH belum cair" and case.channel.value == "whatsapp"
    assert case.category_code == "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"
    assert case.severity.value == "tanpa_pemeriksaan" and case.lapor_tracking_id == "1916449"
    assert case.reporter is not None and case.reporter.nik == "3529014501800002"
    assert case.location.kecamatan == "Kalianget" and case.incident_date is not None
    assert case.received_at == window.workspace.clock().replace(second=0, microsecond=0)
    titles = [window.model.row_at(r).title for r in range(window.model.rowCount())]
    assert "Bantuan PKH belum cair" in titles
    assert window.table.currentIndex().row() == window.model.row_of(case.id)
    assert no_message_boxes == []


def test_bad_input_shows_a_message_next_to_each_field_and_saves_nothing(
    qtbot, window: MainWindow
) -> None:
    dialog = open_intake(qtbot, window)
    dialog.category_edit.setText("Tidak ada kategori begini")
    dialog.nik_edit.setText("12345")
    dialog.phone_edit.setText("telepon saya")
    dialog.email_edit.setText("siti@")
    dialog.tracking_edit.setText("12ab")

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    shown = dialog.errors.messages()
    assert set(shown) == {
        "title",
        "text",
        "category",
        "reporter.nik",
        "reporter.phone",
        "reporter.email",
        "lapor_tracking_id",
    }
    assert shown["reporter.nik"] == "NIK is 16 digits"  # the core's words
    assert shown["title"] == "Is required"
    assert "Tidak ada kategori begini" in shown["category"]
    assert dialog.isVisible() and not dialog.busy
    assert case_count(window) == 0 and window.queries.pending_operations() == 0

    # Fixing the fields clears their messages; a rule only the core checks still shows inline.
    fill_minimum(dialog)
    for edit in (dialog.nik_edit, dialog.phone_edit, dialog.email_edit, dialog.tracking_edit):
        edit.clear()
    now = QDateTime.currentDateTime()
    dialog.received_edit.setDateTime(now.addDays(400))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "received_at" in dialog.errors.messages(), timeout=WAIT_MS)
    assert dialog.errors.messages() == {"received_at": "Cannot be in the future"}
    assert dialog.isVisible() and case_count(window) == 0
    assert window.queries.pending_operations() == 0


def test_the_anonymous_toggle_clears_and_locks_the_identity_fields(
    qtbot, window: MainWindow
) -> None:
    dialog = open_intake(qtbot, window)
    fill_minimum(dialog, "Pungli di kantor desa")
    for edit, value in zip(
        dialog.identity_edits.values(),
        ("Budi", "3529010101010001", "081234567890", "budi@example.id", "Jl. Trunojoyo 1"),
        strict=True,
    ):
        edit.setText(value)
    dialog.nik_edit.setText("123")  # a bad NIK, then anonymous: its message goes too
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "reporter.nik" in dialog.errors.messages()

    dialog.anonymous_check.setChecked(True)

    assert all(e.text() == "" and not e.isEnabled() for e in dialog.identity_edits.values())
    assert "reporter.nik" not in dialog.errors.messages()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            window.case_view.detail is not None
            and window.case_view.detail.case.title == "Pungli di kantor desa"
        ),
        timeout=WAIT_MS,
    )
    case = window.case_view.detail.case
    assert case.anonymous and case.reporter is None
    dialog = open_intake(qtbot, window)
    dialog.anonymous_check.setChecked(True)
    dialog.anonymous_check.setChecked(False)
    assert all(e.isEnabled() for e in dialog.identity_edits.values())


def test_the_category_picker_filters_the_two_level_tree_as_you_type(
    qtbot, window: MainWindow
) -> None:
    dialog = open_intake(qtbot, window)
    assert BANSOS in dialog.category_paths
    assert "Sosial dan Kesejahteraan" in dialog.category_paths  # the top level too
    matches = dialog.category_matches("bantuan sos")
    assert BANSOS in matches
    assert all("bantuan sos" in m.casefold() for m in matches)
    assert dialog.category_matches("zzz") == []


def test_keyboard_only_intake_saves_with_ctrl_enter_and_esc_cancels(
    qtbot, window: MainWindow
) -> None:
    dialog = open_intake(qtbot, window)
    assert dialog.title_edit.accessibleName() and dialog.nik_edit.accessibleName()
    # The tab order walks the form top to bottom.
    order = [dialog.title_edit]
    while len(order) < 6:
        order.append(next_tab_stop(order[-1]))
    assert order[1:] == [
        dialog.text_edit,
        dialog.summary_edit,
        dialog.channel_combo,
        dialog.kind_combo,
        dialog.category_edit,
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: closed(dialog), timeout=WAIT_MS)
    assert case_count(window) == 0

    dialog = open_intake(qtbot, window)
    fill_minimum(dialog, "Jalan rusak di Desa Kebonagung")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            window.case_view.detail is not None
            and window.case_view.detail.case.title == "Jalan rusak di Desa Kebonagung"
        ),
        timeout=WAIT_MS,
    )
    assert window.case_view.detail.case.original_text.startswith("Sudah tiga bulan")
    assert window.case_view.detail.case.received_at < window.workspace.clock() + timedelta(
        minutes=1
    )


def test_files_dropped_on_the_form_join_the_attachment_list(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    dialog = open_intake(qtbot, window)
    letter = tmp_path / "surat-pengaduan.pdf"
    letter.write_bytes(b"%PDF-1.4 surat")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(letter)), QUrl.fromLocalFile(str(tmp_path / "gone.jpg"))])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(event)

    assert event.isAccepted()
    assert dialog.attachments == [letter]  # the missing file is not listed
