"""The operator's end of day against a real server on 127.0.0.1: the dialog shows what will be
sent, runs with progress, and its summary lines open the cases; a run cut by the network says
why and the next one completes with nothing lost or doubled; cancel leaves a consistent
database; automatic sync at the set time."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest

from lapor_desktop.services.cases import DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.settings import AppSettings, load_settings, save_settings
from sync.engine import SyncProgress
from tests.conftest import WIB
from tests.support.fault_proxy import FaultProxy, delay, drop_response
from tests.support.live_server import LiveServer
from tests.sync.server_view import processed_ops, server_case, server_counts
from tests.ui.conftest import FAST_RETRY, SyncWindow
from ui.main_window import MainWindow
from ui.settings_pages import PreferencesFields
from ui.shortcuts_dialog import menu_shortcuts
from ui.sync_connection import SyncConnection
from ui.sync_dialog import EndOfDayDialog
from ui.sync_panel import RunOutcome, SyncPanel

pytestmark = [pytest.mark.timeout(90), pytest.mark.usefixtures("english")]
RUN_MS = 30_000


def new_case(title: str) -> NewCase:
    return NewCase(
        title=title,
        text="Jalan di depan balai desa berlubang sejak bulan lalu.",
        channel="whatsapp",
        category="Transportasi",
    )


def outbox(ws: Workspace) -> dict[str, str]:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return dict(con.execute("SELECT op_id, state FROM outbox"))


def local_cases(ws: Workspace) -> int:
    with closing(sqlite3.connect(ws.paths.database)) as con:
        return int(con.execute('SELECT count(*) FROM "case"').fetchone()[0])


def panel_of(window: MainWindow) -> SyncPanel:
    panel = window.sync_panel
    assert isinstance(panel, SyncPanel)
    return panel


def open_dialog(qtbot, window: MainWindow) -> EndOfDayDialog:
    dialog = panel_of(window).open_sync()
    assert isinstance(dialog, EndOfDayDialog)
    qtbot.waitUntil(lambda: dialog.outgoing is not None, timeout=RUN_MS)
    return dialog


def run(qtbot, dialog: EndOfDayDialog) -> RunOutcome:
    with qtbot.waitSignal(dialog.finished_run, timeout=RUN_MS) as blocker:
        dialog.start_button.click()
    outcome = blocker.args[0]
    assert isinstance(outcome, RunOutcome)
    return outcome


def settle(qtbot, window: MainWindow, wait_idle: Callable[[], None]) -> None:
    """The reload after a run, then the derived state it asks for."""
    wait_idle()
    qtbot.waitUntil(lambda: panel_of(window).state is not None, timeout=RUN_MS)
    wait_idle()


def test_end_of_day_sends_todays_work_and_the_status_bar_says_synced(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer, tmp_path: Path, wait_idle
) -> None:
    window = sync_window("a", "ani")
    assert "never synced" in window.sync_label.text()
    assert ("Sync", "Sync now (end of day)…", "F9") in menu_shortcuts(window)  # Help → Shortcuts
    service = window.cases
    cases = [service.register(new_case(f"Kasus {i}")) for i in range(2)]
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 300)
    service.attach(cases[0].id, photo)
    window.reload()
    settle(qtbot, window, wait_idle)
    assert "3 actions not yet sent" in window.sync_label.text()
    assert "⏳ 2 not sent" in window.model.row_at(window.model.row_of(cases[0].id)).sync

    dialog = open_dialog(qtbot, window)
    assert dialog.outgoing is not None
    assert (dialog.outgoing.new_cases, dialog.outgoing.actions) == (2, 0)
    assert [(f.name, f.size) for f in dialog.outgoing.files] == [("foto.jpg", photo.stat().st_size)]
    assert "2 new cases" in dialog.preview.text() and "foto.jpg" in dialog.preview.text()
    phases: list[str] = []
    panel_of(window).run_progressed.connect(lambda e: phases.append(e.phase))

    outcome = run(qtbot, dialog)

    assert outcome.error is None and outcome.report is not None
    assert outcome.report.sent == 3 and outcome.report.applied == 3
    assert {"hello", "files", "push", "pull"} <= set(phases)
    assert dialog.line_item("sent") is not None
    assert "3 actions sent" in dialog.line_item("sent").text()
    assert dialog.summary_title.text() == "Sync finished."
    for case in cases:
        assert server_case(sync_server, case.id)["title"] == case.title
    assert set(outbox(window.workspace).values()) == {"applied"}
    settle(qtbot, window, wait_idle)
    assert window.sync_label.text().startswith("✓ synced")
    assert "last sync" in window.sync_label.text()
    assert window.model.row_at(window.model.row_of(cases[0].id)).sync == "✓"
    dialog.close()


def test_cases_disposed_to_us_open_from_the_summary_and_are_offered_for_printing(
    qtbot, sync_window: SyncWindow, wait_idle
) -> None:
    dinsos, dpu = sync_window("a", "ani"), sync_window("b", "budi")
    case = dinsos.cases.register(new_case("Saluran air tersumbat"))
    dinsos.cases.dispose(case.id, DispositionInput(to_office="DPU", note="Kewenangan DPU"))
    assert run(qtbot, open_dialog(qtbot, dinsos)).error is None
    settle(qtbot, dinsos, wait_idle)

    dialog = open_dialog(qtbot, dpu)
    outcome = run(qtbot, dialog)
    assert outcome.changes.disposed_to_us == (case.id,)
    line = dialog.line_item("disposed")
    assert line is not None and "1 new case disposed to us" in line.text()
    assert dialog.print_button.isVisible()
    settle(qtbot, dpu, wait_idle)

    with qtbot.waitSignal(dpu.page_loaded, timeout=RUN_MS):
        dialog.open_line(line)
    assert dpu.case_filter == (case.id,)
    assert dpu.model.rowCount() == 1 and dpu.model.row_at(0).summary.id == case.id
    assert dpu.filter_bar.isVisible()

    dialog.open_print()
    qtbot.waitUntil(lambda: dialog.print_dialog is not None, timeout=RUN_MS)
    printing = dialog.print_dialog
    assert printing is not None
    assert printing.cases == [(case.id, case.register_no)]
    assert printing.disposition_box.isChecked() and not printing.receipt_box.isChecked()
    printing.close()

    # Back at DINSOS, the disposed case is monitored read-only and its progress arrives.
    dpu.cases.follow_up(case.id, "Tim survei dijadwalkan Kamis.")
    assert run(qtbot, dialog).error is None
    settle(qtbot, dpu, wait_idle)
    back = open_dialog(qtbot, dinsos)
    outcome = run(qtbot, back)
    assert outcome.changes.monitored_changed == (case.id,)
    assert back.line_item("monitored") is not None
    settle(qtbot, dinsos, wait_idle)
    with qtbot.waitSignal(dinsos.detail_loaded, timeout=RUN_MS):
        dinsos.show_case(case.id)
    assert "Monitored: held by DPU" in dinsos.case_view.text()
    dpu.clear_case_filter()
    wait_idle()
    assert dpu.case_filter is None and not dpu.filter_bar.isVisible()
    dialog.close()
    back.close()


def test_a_run_cut_by_the_network_says_why_and_the_next_run_completes_once(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer, wait_idle
) -> None:
    port = urlparse(sync_server.base_url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as proxy:
        window = sync_window("a", "ani")
        # Every push answer is lost after the server committed: the client cannot know.
        proxy.add_fault(drop_response(), method="POST", path="/sync/v1/push", times=None)
        with window.workspace.db.write() as uow:
            uow.sync.state.set_server_url(proxy.base_url)
            uow.commit()
        cases = [window.cases.register(new_case(f"Kasus {i}")) for i in range(3)]
        ops = outbox(window.workspace)

        dialog = open_dialog(qtbot, window)
        outcome = run(qtbot, dialog)

        assert outcome.error is not None and outcome.report is None
        assert dialog.error_label.isVisible()
        message = dialog.error_label.text()
        assert "could not be reached" in message and "Nothing on this PC was lost" in message
        assert dialog.start_button.text() == "&Try again"
        assert outbox(window.workspace) == ops  # all still pending, none lost
        settle(qtbot, window, wait_idle)
        assert "the last sync failed" in window.sync_label.text()

        proxy.clear()
        outcome = run(qtbot, dialog)
        assert outcome.error is None and outcome.report is not None
        assert set(outbox(window.workspace).values()) == {"applied"}
        assert processed_ops(sync_server) == dict.fromkeys(ops, 1)  # each once, none doubled
        for case in cases:
            assert server_case(sync_server, case.id)["register_no"] == case.register_no
        assert local_cases(window.workspace) == 3
        settle(qtbot, window, wait_idle)
        assert window.sync_label.text().startswith("✓ synced")
        dialog.close()


def test_cancel_in_the_middle_keeps_the_database_consistent_and_the_next_run_finishes(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer, wait_idle
) -> None:
    port = urlparse(sync_server.base_url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as proxy:
        window = sync_window("a", "ani")
        with window.workspace.db.write() as uow:
            uow.sync.state.set_server_url(proxy.base_url)
            uow.commit()
        for i in range(30):
            window.cases.register(new_case(f"Kasus {i}"))
        panel = panel_of(window)
        # Small batches, and the first one slow: the operator presses Stop while it travels.
        panel.connection = SyncConnection(retry=FAST_RETRY, read_timeout=10.0, start_batch=10)
        proxy.add_fault(delay(1.0), method="POST", path="/sync/v1/push")
        dialog = open_dialog(qtbot, window)

        def stop_on_push(event: SyncProgress) -> None:
            # bytes_total: the batch is on its way (the phase's first event comes before it).
            if event.phase == "push" and event.bytes_total and dialog.cancel_button.isEnabled():
                dialog.cancel()

        panel.run_progressed.connect(stop_on_push)
        outcome = run(qtbot, dialog)
        panel.run_progressed.disconnect(stop_on_push)

        assert outcome.error is None and outcome.report is not None and outcome.report.cancelled
        states = outbox(window.workspace)
        assert len(states) == 30 and set(states.values()) <= {"pending", "applied"}
        sent = [op for op, state in states.items() if state == "applied"]
        assert len(sent) == 10  # the batch in flight was answered and recorded, no more
        assert set(processed_ops(sync_server)) == set(sent)
        assert "Stopped" in dialog.summary_title.text()
        assert local_cases(window.workspace) == 30

        outcome = run(qtbot, dialog)
        assert outcome.error is None and outcome.report is not None
        assert not outcome.report.cancelled
        assert set(outbox(window.workspace).values()) == {"applied"}
        assert processed_ops(sync_server) == dict.fromkeys(states, 1)
        assert server_counts(sync_server)["case"] == 30
        dialog.close()


def test_automatic_sync_runs_once_at_the_set_time(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer, fake_clock, wait_idle
) -> None:
    window = sync_window("a", "ani")
    panel = panel_of(window)
    case = window.cases.register(new_case("Lampu jalan mati"))
    settle(qtbot, window, wait_idle)
    fake_clock.set(datetime(2026, 3, 2, 15, 59, tzinfo=WIB))
    assert not panel.check_auto_sync()  # off by default
    save_settings(
        window.workspace.paths.settings, AppSettings(auto_sync=True, auto_sync_time="16:00")
    )
    assert not panel.check_auto_sync()  # not yet time
    fake_clock.set(datetime(2026, 3, 2, 16, 1, tzinfo=WIB))
    with qtbot.waitSignal(panel.run_finished, timeout=RUN_MS) as blocker:
        assert panel.check_auto_sync()
    outcome = blocker.args[0]
    assert outcome.auto and outcome.error is None
    assert server_case(sync_server, case.id)["title"] == "Lampu jalan mati"
    assert "Automatic sync done" in window.statusBar().currentMessage()
    settle(qtbot, window, wait_idle)
    assert not panel.check_auto_sync()  # once a day


def test_the_automatic_sync_preference_is_edited_in_settings(qtbot) -> None:
    fields = PreferencesFields()
    qtbot.addWidget(fields)
    fields.set_settings(AppSettings())
    assert not fields.auto_sync.isChecked() and not fields.auto_sync_time.isEnabled()
    fields.set_settings(AppSettings(language="en", auto_sync=True, auto_sync_time="17:30"))
    assert fields.auto_sync_time.isEnabled()
    assert fields.settings() == AppSettings(language="en", auto_sync=True, auto_sync_time="17:30")
    fields.auto_sync.setChecked(False)
    assert not fields.settings().auto_sync


def test_a_bad_automatic_sync_time_in_settings_json_falls_back_to_the_default(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"language": "en", "auto_sync": "ya", "auto_sync_time": "25:00"}')
    assert load_settings(path) == AppSettings(language="en")
    save_settings(path, AppSettings(language="en"))
    assert json.loads(path.read_text()) == {"language": "en", "paper": "F4"}  # untouched keys
    save_settings(path, AppSettings(auto_sync=True))
    assert load_settings(path) == AppSettings(auto_sync=True)


def test_the_window_keeps_working_while_a_sync_runs(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer
) -> None:
    port = urlparse(sync_server.base_url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as proxy:
        window = sync_window("a", "ani")
        with window.workspace.db.write() as uow:
            uow.sync.state.set_server_url(proxy.base_url)
            uow.commit()
        case = window.cases.register(new_case("Sampah menumpuk"))
        proxy.add_fault(delay(1.5), method="POST", path="/sync/v1/push")  # a slow link
        panel = panel_of(window)
        finished: list[RunOutcome] = []
        panel.run_finished.connect(finished.append)
        assert panel.start_run()
        assert not panel.start_run()  # one run at a time
        assert not panel.sync_action.isEnabled()
        with qtbot.waitSignal(window.page_loaded, timeout=RUN_MS):
            window.reload()
        assert not finished  # the table loaded while the push was still on its way
        assert window.model.row_of(case.id) >= 0
        assert window.sync_label.text().startswith("Syncing")
        qtbot.waitUntil(lambda: bool(finished), timeout=RUN_MS)
        assert finished[0].error is None and panel.sync_action.isEnabled()
