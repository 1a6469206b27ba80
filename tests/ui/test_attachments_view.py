"""Attachments in the case view: files dropped on it are attached; a click opens a copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace
from ui.main_window import MainWindow


def _shown(qtbot, window: MainWindow, wait_idle: Callable[[], None], register_no: str) -> None:
    case = CaseService(window.workspace).find_case(register_no)
    window.show_case(case.id)
    qtbot.waitUntil(lambda: window.case_view.detail is not None, timeout=10_000)
    wait_idle()


def _drop(window: MainWindow, files: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.case_view.dropEvent(event)
    return event


def test_a_file_dropped_on_the_case_view_is_attached_and_opens_as_a_copy(
    qtbot, window: MainWindow, workspace: Workspace, wait_idle, tmp_path: Path
) -> None:
    service = CaseService(workspace)
    case = service.register(
        NewCase(
            title="Jalan berlubang",
            text="Foto terlampir",
            channel="whatsapp",
            category="Transportasi",
        )
    )
    photo = tmp_path / "foto-jalan.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"jalan" * 100)
    _shown(qtbot, window, wait_idle, case.register_no)

    event = _drop(window, [photo])
    assert event.isAccepted()
    qtbot.waitUntil(
        lambda: bool(window.case_view.detail and window.case_view.detail.case.attachments),
        timeout=10_000,
    )
    assert "foto-jalan.jpg" in window.case_view.text()

    opened: list[QUrl] = []
    window.open_url = opened.append
    (attachment,) = window.case_view.detail.case.attachments
    window.case_view.attachment_clicked.emit(attachment.sha256, attachment.name)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "foto-jalan.jpg" and copy.read_bytes() == photo.read_bytes()


def test_a_case_held_by_another_office_refuses_dropped_files(
    qtbot, window: MainWindow, workspace: Workspace, wait_idle, tmp_path: Path
) -> None:
    service = CaseService(workspace)
    case = service.register(
        NewCase(
            title="Jalan berlubang", text="Rusak parah", channel="phone", category="Transportasi"
        )
    )
    service.dispose(case.register_no, DispositionInput(to_office="DPUPR"))
    _shown(qtbot, window, wait_idle, case.register_no)
    file = tmp_path / "surat.pdf"
    file.write_bytes(b"%PDF-1.4 test")

    event = _drop(window, [file])

    assert not event.isAccepted()
    wait_idle()
    assert service.detail(case.register_no).case.attachments == ()
