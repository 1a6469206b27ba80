"""Sync → Export changes to a file: the operator's way to send a day's work without a link.

The file goes by USB to the server's admin (`lapor-server import-outbox`); the PC's own online
sync later gets the answers the server stored at the import, so nothing is applied twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.scenarios.outbox_files import import_here
from tests.support.live_server import LiveServer
from tests.sync.server_view import server_counts
from tests.ui.conftest import SyncWindow
from tests.ui.test_sync_end_of_day import RUN_MS, new_case, open_dialog, outbox, panel_of, run
from ui.main_window import MainWindow
from ui.sync_panel import EXPORT_SUFFIX


def sync_menu(window: MainWindow) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "S&ync")
    return [a.text().replace("&", "") for a in menu.actions()]


def test_the_days_work_is_exported_imported_by_the_admin_and_synced_once(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer, tmp_path: Path, wait_idle
) -> None:
    window = sync_window("a", "ani")
    assert "Export changes to a file (no connection)…" in sync_menu(window)
    case = window.cases.register(new_case("Jalan rusak di Desa Kolor"))
    window.cases.note(case.id, "Pelapor dihubungi lewat telepon.")
    pending = outbox(window.workspace)
    assert set(pending.values()) == {"pending"} and len(pending) == 2
    before = server_counts(sync_server)

    usb = tmp_path / "usb"
    usb.mkdir()
    target = usb / f"lapor-DINSOS{EXPORT_SUFFIX}"
    panel = panel_of(window)
    with qtbot.waitSignal(panel.exported, timeout=RUN_MS) as blocker:
        assert panel.export_outbox(target)
    exported = blocker.args[0]
    assert (exported.op_count, exported.path) == (2, target)
    assert target.is_file()
    box = panel.dialog
    assert isinstance(box, QMessageBox)
    assert "2 change(s) and 0 attachment(s) were written to" in box.text()
    assert str(target) in box.text()
    assert outbox(window.workspace) == pending  # still waiting here, nothing sent
    assert server_counts(sync_server) == before

    imported = import_here(sync_server, target)
    assert imported.returncode == 0, imported.describe()
    after_import = server_counts(sync_server)
    assert after_import["case"] == before["case"] + 1
    assert after_import["processed_op"] == before["processed_op"] + 2

    # Back online: the PC's own sync gets the stored answers; the server applies nothing again.
    outcome = run(qtbot, open_dialog(qtbot, window))
    assert outcome.error is None and outcome.report is not None
    wait_idle()
    assert set(outbox(window.workspace).values()) == {"applied"}
    assert server_counts(sync_server) == after_import


def test_an_export_with_nothing_pending_says_why_and_writes_nothing(
    qtbot, sync_window: SyncWindow, tmp_path: Path
) -> None:
    window = sync_window("a", "ani")
    panel = panel_of(window)
    target = tmp_path / f"kosong{EXPORT_SUFFIX}"
    with qtbot.waitSignal(panel.exported, timeout=RUN_MS) as blocker:
        assert panel.export_outbox(target)
    assert isinstance(blocker.args[0], Exception)
    box = panel.dialog
    assert isinstance(box, QMessageBox)
    assert box.text().startswith("Nothing was written: ")
    assert box.icon() is QMessageBox.Icon.Warning
    assert not target.exists()
    assert panel.export_action.isEnabled()  # ready for the next try
