"""The sync parts of the window speak Indonesian (the default): every string they ask for at
run time has a translation, through a whole end-of-day run against a real server."""

from __future__ import annotations

import pytest

from lapor_desktop.services.cases import NewCase
from tests.ui.conftest import SyncWindow
from tests.ui.test_translations import ROOT, Recorder, tool
from ui.enroll_dialog import EnrollDialog
from ui.rejected_dialog import RejectedDialog
from ui.sync_dialog import EndOfDayDialog
from ui.sync_panel import SyncPanel

pytestmark = pytest.mark.timeout(60)
WAIT_MS = 30_000


def test_the_end_of_day_speaks_indonesian(
    qtbot, indonesian: Recorder, sync_window: SyncWindow, wait_idle
) -> None:
    window = sync_window("a", "ani")
    panel = window.sync_panel
    assert isinstance(panel, SyncPanel)
    assert "belum pernah sinkron" in window.sync_label.text()
    assert "Sinkronisasi" in [a.text().replace("&", "") for a in window.menuBar().actions()]
    case = window.cases.register(
        NewCase(
            title="Jalan rusak", text="Jalan rusak parah.", channel="phone", category="Transportasi"
        )
    )
    window.reload()
    wait_idle()
    qtbot.waitUntil(lambda: "belum terkirim" in window.sync_label.text(), timeout=WAIT_MS)

    dialog = panel.open_sync()
    assert isinstance(dialog, EndOfDayDialog)
    qtbot.waitUntil(lambda: dialog.outgoing is not None, timeout=WAIT_MS)
    assert "1 pengaduan baru" in dialog.preview.text()
    with qtbot.waitSignal(dialog.finished_run, timeout=WAIT_MS):
        dialog.start_button.click()
    assert dialog.summary_title.text() == "Sinkronisasi selesai."
    assert dialog.line_item("sent") is not None
    assert dialog.line_item("sent").text() == "1 tindakan terkirim"
    wait_idle()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("✓ tersinkron"), timeout=WAIT_MS)
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
        window.show_case(case.id)
    rejected = panel.open_rejected()
    assert isinstance(rejected, RejectedDialog)
    qtbot.waitUntil(lambda: not rejected._busy, timeout=WAIT_MS)
    enroll = panel.open_enroll()
    assert isinstance(enroll, EnrollDialog)
    assert enroll.connect_button.text() == "&Hubungkan"
    for opened in (dialog, rejected, enroll):
        opened.close()

    messages = tool.extract(tool.ui_sources(ROOT / "ui")).messages | tool.QT_MESSAGES
    ours = {m.context for m in messages}
    asked = {context for context, _ in indonesian.asked}
    assert {"SyncPanel", "EndOfDayDialog", "EnrollForm", "RejectedDialog", "Labels"} <= asked
    assert sorted(m for m in indonesian.missing if m[0] in ours) == []
