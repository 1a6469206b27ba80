"""What a person settles after a sync, with real data dirs enrolled to a real server: a conflict
made by two offices (a disposition and a stale edit) resolved side by side, closed on the server
by the next sync; rejected actions shown with the server's reason, done again from the current
state or acknowledged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from lapor_desktop.domain.ops import OpType
from lapor_desktop.services.cases import DispositionInput, NewCase
from lapor_desktop.services.sync_review import RejectedOp
from server.tables import ConflictRow
from sync.state import sync_status
from tests.support.live_server import LiveServer
from tests.sync.server_view import server_case
from tests.ui.conftest import SyncWindow
from ui.conflict_dialog import ConflictDialog
from ui.main_window import MainWindow
from ui.rejected_dialog import RejectedDialog, RejectedTableModel
from ui.sync_panel import RunOutcome, SyncPanel

pytestmark = [pytest.mark.timeout(90), pytest.mark.usefixtures("english")]
WAIT_MS = 30_000


def new_case(title: str = "Bantuan sosial belum cair") -> NewCase:
    return NewCase(
        title=title,
        text="Bantuan sosial untuk lansia di Desa Kolor belum cair sejak Januari.",
        channel="walk_in",
        category="Transportasi",
    )


def panel_of(window: MainWindow) -> SyncPanel:
    assert isinstance(window.sync_panel, SyncPanel)
    return window.sync_panel


def sync(qtbot, window: MainWindow, wait_idle: Callable[[], None]) -> RunOutcome:
    panel = panel_of(window)
    with qtbot.waitSignal(panel.run_finished, timeout=WAIT_MS) as blocker:
        assert panel.start_run()
    outcome = blocker.args[0]
    assert isinstance(outcome, RunOutcome) and outcome.error is None, outcome.message
    wait_idle()
    qtbot.waitUntil(lambda: panel.state is not None, timeout=WAIT_MS)
    wait_idle()
    return outcome


def show(qtbot, window: MainWindow, case_id: str) -> None:
    with qtbot.waitSignal(window.detail_loaded, timeout=WAIT_MS):
        window.show_case(case_id)


def conflict_status(server: LiveServer) -> list[tuple[str, str]]:
    with server.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(ConflictRow.field, ConflictRow.status))]


def test_a_conflict_from_two_offices_is_resolved_side_by_side_and_closes_on_the_server(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer, wait_idle
) -> None:
    ani, citra, budi = (
        sync_window("a1", "ani"),
        sync_window("a2", "citra"),
        sync_window("b", "budi"),
    )
    case = ani.cases.register(new_case())
    sync(qtbot, ani, wait_idle)
    sync(qtbot, citra, wait_idle)  # DINSOS's second PC has the case too
    ani.cases.dispose(case.id, DispositionInput(to_office="DPU", note="Kewenangan DPU"))
    sync(qtbot, ani, wait_idle)
    # Offline, Citra's PC still holds the case and writes a summary: an edit from a former holder.
    citra.cases.edit(case.id, {"summary": "Ringkasan dari DINSOS"})
    assert sync(qtbot, citra, wait_idle).report.conflicts == 1
    assert conflict_status(sync_server) == [("summary", "open")]

    outcome = sync(qtbot, budi, wait_idle)
    assert outcome.changes.conflicted == (case.id,)
    assert outcome.changes.disposed_to_us == (case.id,)
    assert "1 open conflict" in budi.sync_label.text()
    row = budi.model.row_of(case.id)
    assert row >= 0 and budi.model.row_at(row).sync.startswith("⚠ conflict")
    show(qtbot, budi, case.id)
    assert "1 open sync conflict" in budi.case_view.text()
    panel = panel_of(budi)
    assert panel.conflict_action.isEnabled()

    dialog = panel.open_conflict()
    assert isinstance(dialog, ConflictDialog)
    base, ours, theirs = (box.toPlainText() for box in dialog.value_boxes)
    assert (base, ours, theirs) == ("—", "Ringkasan dari DINSOS", "—")
    assert dialog.ours_button.isEnabled()
    with qtbot.waitSignal(dialog.resolved, timeout=WAIT_MS):
        dialog.ours_button.click()
    wait_idle()
    assert budi.cases.find_case(case.id).summary == "Ringkasan dari DINSOS"
    assert sync(qtbot, budi, wait_idle).report.applied == 1
    assert conflict_status(sync_server) == [("summary", "resolved")]
    assert server_case(sync_server, case.id)["summary"] == "Ringkasan dari DINSOS"
    assert "open conflict" not in budi.sync_label.text()
    show(qtbot, budi, case.id)
    assert "open sync conflict" not in budi.case_view.text()
    assert not panel.conflict_action.isEnabled()

    # The other offices see it closed after their next sync.
    sync(qtbot, ani, wait_idle)
    assert not any(c.is_open for c in ani.cases.find_case(case.id).conflicts)


def test_a_monitoring_office_sees_the_conflict_but_cannot_resolve_it(
    qtbot, sync_window: SyncWindow, wait_idle
) -> None:
    ani, citra = sync_window("a1", "ani"), sync_window("a2", "citra")
    case = ani.cases.register(new_case())
    sync(qtbot, ani, wait_idle)
    sync(qtbot, citra, wait_idle)
    ani.cases.dispose(case.id, DispositionInput(to_office="DPU"))
    sync(qtbot, ani, wait_idle)
    citra.cases.edit(case.id, {"summary": "Ringkasan basi"})
    sync(qtbot, citra, wait_idle)
    show(qtbot, citra, case.id)
    assert "Monitored: held by DPU" in citra.case_view.text()
    dialog = panel_of(citra).open_conflict()
    assert isinstance(dialog, ConflictDialog)
    assert not dialog.ours_button.isEnabled() and not dialog.value_button.isEnabled()
    assert "Only the holder office (DPU)" in dialog.note.text()
    dialog.close()


def test_rejected_actions_show_the_reason_and_are_done_again_or_acknowledged(
    qtbot, sync_window: SyncWindow, sync_server: LiveServer, wait_idle
) -> None:
    ani, citra = sync_window("a1", "ani"), sync_window("a2", "citra")
    first = ani.cases.register(new_case("Kasus satu"))
    second = ani.cases.register(new_case("Kasus dua"))
    sync(qtbot, ani, wait_idle)
    sync(qtbot, citra, wait_idle)
    # Both PCs act on the same cases from the same state; Ani's reach the server first.
    ani.cases.dispose(first.id, DispositionInput(to_unit="Bidang Linjamsos"))
    ani.cases.archive(second.id, "Sudah ditangani langsung")
    sync(qtbot, ani, wait_idle)
    citra.cases.dispose(first.id, DispositionInput(to_unit="Bidang Rehabilitasi Sosial"))
    citra.cases.needs_info(second.id, "Alamat pelapor kurang lengkap")
    outcome = sync(qtbot, citra, wait_idle)
    assert outcome.report.rejected == 2
    assert set(outcome.changes.rejected) == {first.id, second.id}
    assert "2 rejected actions" in citra.sync_label.text()
    show(qtbot, citra, second.id)
    assert "The server rejected an action (Status change" in citra.case_view.text()

    dialog = panel_of(citra).open_rejected()
    assert isinstance(dialog, RejectedDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=WAIT_MS)
    rows = [dialog.model.row_at(i) for i in range(2)]
    by_case = {r.case_id: r for r in rows if r is not None}
    disposal, info = by_case[first.id], by_case[second.id]
    assert disposal.op_type is OpType.CASE_DISPOSE and disposal.code == "illegal_transition"
    assert disposal.message and info.message
    reason_cell = dialog.model.index(rows.index(info), 2).data()
    assert reason_cell == info.message
    assert disposal.can_reapply  # DISPOSED → DISPOSED is a legal re-disposition
    assert not info.can_reapply  # ARCHIVED is final

    dialog.table.selectRow(rows.index(info))
    assert not dialog.reapply_button.isEnabled() and dialog.ack_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.ack_button.click()
    assert [r.case_id for r in dialog.model._rows] == [first.id]
    assert sync_status(citra.workspace).rejected == 1  # the acknowledged one asks for no look
    dialog.table.selectRow(0)
    assert dialog.reapply_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.reapply_button.click()
    assert dialog.model.rowCount() == 0
    wait_idle()

    outcome = sync(qtbot, citra, wait_idle)
    assert outcome.report.applied == 1 and outcome.report.rejected == 0
    units = [d["to_unit"] for d in server_case(sync_server, first.id)["dispositions"]]
    assert units == ["Bidang Linjamsos", "Bidang Rehabilitasi Sosial"]
    assert "rejected" not in citra.sync_label.text()
    dialog.close()


def test_the_rejected_actions_model_passes_the_model_tester(qtmodeltester, workspace) -> None:
    model = RejectedTableModel(workspace.tz)
    at = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    model.set_rows(
        [
            RejectedOp(
                "op-1",
                "c1",
                "001/DINSOS/III/2026",
                OpType.CASE_DISPOSE,
                "illegal_transition",
                "now Diarsipkan",
                at,
                "citra",
                False,
            ),
            RejectedOp(
                "op-2",
                "c2",
                "002/DINSOS/III/2026",
                OpType.CASE_EDIT,
                "not_permitted",
                "",
                at,
                "ani",
                True,
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == "not_permitted"
    assert model.index(0, 0).data(RejectedTableModel.OP_ID_ROLE) == "op-1"
