"""Sync in the window: the state in the status bar, the Sync menu, one run at a time, and the
optional automatic sync at a set time.

The state is derived every time it is shown (`sync.state.sync_status`, never cached). A run goes
through the task runner on the free lane (network; its database writes are short transactions
of their own), so the operator keeps working; its progress comes back through a signal of this
object, which lives on the GUI thread. The end-of-day dialog (ui/sync_dialog.py) shows a run;
an automatic run shows its outcome in the status bar only.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.ops import parse_instant
from lapor_desktop.progress import CancelToken, Progress
from lapor_desktop.services.sync_review import RunChanges, Snapshot, SyncReviewService
from lapor_desktop.settings import load_settings
from sync.errors import SyncError
from sync.state import SyncStatus
from ui import labels
from ui.errors import show_error
from ui.sync_connection import Enrolled, SyncConnection
from ui.sync_messages import run_message

if TYPE_CHECKING:
    from sync.engine import SyncProgress, SyncReport
    from sync.outbox_export import ExportResult
    from ui.main_window import MainWindow

EXPORT_SUFFIX = ".lapor-outbox"  # what `lapor-server import-outbox` reads
SYNC_SHORTCUT = "F9"  # Outlook's Send/Receive: what office PCs already know
AUTO_CHECK_MS = 30_000


@dataclass(frozen=True, slots=True)
class PanelState:
    status: SyncStatus
    rejected_open: int  # rejected ops not yet acknowledged


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """A finished run: the engine's report (None when it failed), what changed, the error."""

    report: SyncReport | None
    changes: RunChanges
    error: SyncError | None
    auto: bool

    @property
    def message(self) -> str:
        return run_message(self.error) if self.error is not None else ""


class SyncPanel(QObject):
    state_changed = Signal()
    run_started = Signal()
    run_progressed = Signal(object)  # SyncProgress
    run_finished = Signal(object)  # RunOutcome
    enrolled = Signal(object)  # Enrolled
    exported = Signal(object)  # an ExportResult, or the ExportRefused naming why not
    _progress_posted = Signal(object)  # from the worker thread; delivered on the GUI thread

    def __init__(self, window: MainWindow, connection: SyncConnection) -> None:
        super().__init__(window)
        self.setObjectName("sync_panel")
        self.window = window
        self.connection = connection
        self.review = SyncReviewService(window.workspace)
        self.state: PanelState | None = None
        self.last_outcome: RunOutcome | None = None
        self.dialog: object = None  # the dialog open now (tests drive it)
        self._token: CancelToken | None = None
        self._auto_tried_on: date | None = None
        self._progress_posted.connect(self._on_progress_posted)

        window.sync_label.setAccessibleName(self.tr("Sync state"))
        self.button = QPushButton(self.tr("Sync"))
        self.button.setAccessibleName(self.tr("Sync with the central server"))
        self.button.setToolTip(self.tr("End of day: send and receive (F9)"))
        self.button.setFlat(True)
        self.button.clicked.connect(self.open_sync)
        window.statusBar().addPermanentWidget(self.button)

        window.add_menu("sync", self.tr("S&ync"), before="view")
        self.sync_action = window.add_action(
            "sync", self.tr("&Sync now (end of day)…"), SYNC_SHORTCUT, self.open_sync
        )
        self.enroll_action = window.add_action(
            "sync", self.tr("&Connect to the central server…"), None, self.open_enroll
        )
        self.conflict_action = window.add_action(
            "sync", self.tr("Resolve a sync &conflict of this case…"), None, self.open_conflict
        )
        self.rejected_action = window.add_action(
            "sync", self.tr("&Rejected actions…"), None, self.open_rejected
        )
        self.conflicts_queue_action = window.add_action(
            "sync", self.tr("Show cases with sync conflicts"), None, self._show_conflict_queue
        )
        # No connection for days: the changes go by USB to the server's admin instead.
        self.export_action = window.add_action(
            "sync", self.tr("&Export changes to a file (no connection)…"), None, self.export_outbox
        )
        for action in (
            self.sync_action,
            self.enroll_action,
            self.rejected_action,
            self.export_action,
        ):
            action.setStatusTip(action.text().replace("&", "").rstrip("…"))
        window.detail_loaded.connect(self._update_actions)
        window.case_view.conflict_clicked.connect(self.open_conflict)
        self._update_actions()

        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_CHECK_MS)
        self.timer.timeout.connect(self.check_auto_sync)
        self.timer.start()
        window.sync_panel = self

    # ------------------------------------------------------------------ state
    @property
    def running(self) -> bool:
        return self._token is not None

    def refresh(self) -> None:
        """Derive the state again (off the GUI thread) and show it in the status bar."""
        connection, review, workspace = self.connection, self.review, self.window.workspace

        def work(_progress: Progress) -> PanelState:
            return PanelState(connection.status(workspace), len(review.rejected()))

        self.window.tasks.run(work, self._on_state, self._on_state_failed)

    def _on_state(self, state: PanelState) -> None:
        self.state = state
        text = self.describe(state)
        if self.running:  # a reload during the run: keep saying that it runs
            text = self.tr("Syncing…") + " · " + text
        self.window.sync_label.setText(text)
        self._update_actions()
        self.state_changed.emit()

    def _on_state_failed(self, error: BaseException) -> None:
        show_error(self.window, error, self.window.workspace.paths.logs)

    def describe(self, state: PanelState) -> str:
        status = state.status
        if not status.enrolled:
            waiting = (
                self.tr("%n action(s) waiting to be sent", "", status.pending)
                if status.pending
                else self.tr("Nothing waiting to be sent")
            )
            return waiting + " · " + self.tr("not connected to a central server")
        parts = []
        if status.pending:
            parts.append("⏳ " + self.tr("%n action(s) not yet sent", "", status.pending))
        else:
            parts.append("✓ " + self.tr("synced"))
        if status.conflicts_open:
            parts.append("⚠ " + self.tr("%n open conflict(s)", "", status.conflicts_open))
        if state.rejected_open:
            parts.append("✖ " + self.tr("%n rejected action(s)", "", state.rejected_open))
        if status.last_ok_at:
            when = indonesian_datetime(parse_instant(status.last_ok_at), self.window.workspace.tz)
            parts.append(self.tr("last sync {when}").format(when=when))
        else:
            parts.append(self.tr("never synced"))
        if status.last_error:
            parts.append(self.tr("the last sync failed"))
        return " · ".join(parts)

    def _update_actions(self, *_args: object) -> None:
        detail = self.window.case_view.detail
        has_conflict = detail is not None and any(c.is_open for c in detail.case.conflicts)
        self.conflict_action.setEnabled(has_conflict)
        self.sync_action.setEnabled(not self.running)

    # ------------------------------------------------------------------ a run
    def start_run(self, auto: bool = False) -> bool:
        """Start a sync run unless one is running; False when it was not started."""
        if self.running:
            return False
        token = CancelToken()
        self._token = token
        workspace, review, connection = self.window.workspace, self.review, self.connection
        post = self._progress_posted.emit

        def report_progress(event: SyncProgress) -> None:
            # RuntimeError: the window is going away; the run goes on to its end regardless.
            with contextlib.suppress(RuntimeError):
                post(event)

        def work(_progress: Progress) -> RunOutcome:
            before: Snapshot = review.snapshot()
            try:
                report = connection.run(workspace, report_progress, token)
            except SyncError as error:
                return RunOutcome(None, review.changes_since(before), error, auto)
            return RunOutcome(report, review.changes_since(before), None, auto)

        self._update_actions()
        self.button.setEnabled(False)
        self.window.sync_label.setText(self.tr("Syncing…"))
        self.run_started.emit()
        self.window.tasks.run(work, self._on_run_done, self._on_run_crashed, uses_db=False)
        return True

    def cancel_run(self) -> None:
        """Stop at the next batch, chunk or page boundary; what was sent stays sent."""
        if self._token is not None:
            self._token.cancel()

    @Slot(object)
    def _on_progress_posted(self, event: object) -> None:
        phase_name = getattr(event, "phase", None)  # a SyncProgress (imported lazily)
        if isinstance(phase_name, str):
            phase = labels.sync_phase(phase_name)
            self.window.sync_label.setText(self.tr("Syncing: {phase}…").format(phase=phase))
            self.run_progressed.emit(event)

    def _on_run_done(self, outcome: RunOutcome) -> None:
        self._token = None
        self.button.setEnabled(True)
        self.last_outcome = outcome
        self._update_actions()
        self.run_finished.emit(outcome)
        if outcome.auto:
            self._show_auto_outcome(outcome)
        self.window.reload()  # the table, the counts and then the sync state

    def _on_run_crashed(self, error: BaseException) -> None:
        self._token = None
        self.button.setEnabled(True)
        self._update_actions()
        failed = RunOutcome(None, RunChanges((), (), (), (), ()), None, False)
        self.last_outcome = failed
        self.run_finished.emit(failed)
        self.window.reload()
        show_error(self.window, error, self.window.workspace.paths.logs)

    def _show_auto_outcome(self, outcome: RunOutcome) -> None:
        if outcome.error is not None:
            text = self.tr("Automatic sync failed: {why}").format(why=outcome.message)
        elif outcome.report is not None:
            text = self.tr("Automatic sync done: {sent} sent, {received} received.").format(
                sent=outcome.report.sent, received=outcome.report.received
            )
        else:
            return
        self.window.statusBar().showMessage(text, 0)

    # ------------------------------------------------------------------ automatic sync
    def check_auto_sync(self) -> bool:
        """Start the day's automatic run once its time has come; True when it started."""
        settings = load_settings(self.window.workspace.paths.settings)
        if not settings.auto_sync or self.running:
            return False
        if self.state is None or not self.state.status.enrolled:
            return False
        tz = self.window.workspace.tz
        now = self.window.workspace.clock().astimezone(tz)
        hour, minute = (int(x) for x in settings.auto_sync_time.split(":"))
        due = datetime.combine(now.date(), time(hour, minute), tzinfo=tz)
        if now < due or self._auto_tried_on == now.date():
            return False
        last_ok = self.state.status.last_ok_at
        if last_ok is not None and parse_instant(last_ok) >= due:
            return False  # the operator already synced after the set time today
        self._auto_tried_on = now.date()
        return self.start_run(auto=True)

    # ------------------------------------------------------------------ by hand
    def export_outbox(self, target: Path | None = None) -> bool:
        """Write the pending changes to a file (asked for when not given), off the GUI thread.

        False when nothing was started (no file chosen). The outcome, written or refused with
        its reason, is shown in a message box (`self.dialog`) and `exported` is emitted.
        """
        if target is None:
            office = self.window.workspace.office.code
            day = self.window.workspace.clock().astimezone(self.window.workspace.tz).date()
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export changes to a file"),
                f"lapor-{office}-{day.isoformat()}{EXPORT_SUFFIX}",
                self.tr("LAPOR changes (*{suffix})").format(suffix=EXPORT_SUFFIX),
            )
            if not chosen:
                return False
            target = Path(chosen)
        workspace, connection = self.window.workspace, self.connection

        def work(_progress: Progress) -> ExportResult:
            return connection.export_outbox(workspace, target)

        self.export_action.setEnabled(False)
        self.window.tasks.run(work, self._on_exported, self._on_export_failed)
        return True

    def _on_exported(self, result: ExportResult) -> None:
        self.export_action.setEnabled(True)
        text = self.tr(
            "{ops} change(s) and {files} attachment(s) were written to {path}.\n\n"
            "Take this file to the central server's admin (Diskominfo) to import. The changes "
            "also stay waiting on this PC: the next sync online sends them, and the server, "
            "which already has them, applies nothing twice."
        ).format(ops=result.op_count, files=result.blobs, path=result.path)
        if result.missing_blobs:
            text += "\n\n" + self.tr(
                "{count} attachment(s) are missing on this PC; the actions that need them will "
                "wait until this PC syncs online."
            ).format(count=len(result.missing_blobs))
        self._tell(QMessageBox.Icon.Information, text)
        self.exported.emit(result)

    def _on_export_failed(self, error: BaseException) -> None:
        from sync.outbox_export import ExportRefused

        self.export_action.setEnabled(True)
        if not isinstance(error, ExportRefused):
            show_error(self.window, error, self.window.workspace.paths.logs)
            return
        self._tell(
            QMessageBox.Icon.Warning,
            self.tr("Nothing was written: {reason}").format(reason=error),
        )
        self.exported.emit(error)

    def _tell(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Export changes to a file"), text, parent=self.window)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self._open(box)

    # ------------------------------------------------------------------ dialogs
    def open_sync(self) -> object:
        if self.state is not None and not self.state.status.enrolled:
            return self.open_enroll()
        from ui.sync_dialog import EndOfDayDialog

        return self._open(EndOfDayDialog(self))

    def open_enroll(self, parent: QWidget | None = None) -> object:
        from ui.enroll_dialog import EnrollDialog

        window = self.window
        server = self.state.status.server_url if self.state is not None else None
        dialog = EnrollDialog(
            window.workspace.paths,
            window.workspace.clock,
            window.tasks,
            self.connection,
            parent or window,
            server_url=server or "",
        )
        dialog.enrolled.connect(self._on_enrolled)
        return self._open(dialog)

    def _on_enrolled(self, enrolled: Enrolled) -> None:
        self.window.workspace.user = enrolled.user  # the server's name and role for this user
        self.enrolled.emit(enrolled)
        self.window.statusBar().showMessage(
            self.tr("Connected to {server} for {office}.").format(
                server=enrolled.server_url, office=enrolled.office_name
            ),
            10_000,
        )
        self.window.reload()

    def open_conflict(self, conflict_id: str = "") -> object:
        from ui.conflict_dialog import ConflictDialog

        detail = self.window.case_view.detail
        if detail is None:
            return None
        open_ones = [c for c in detail.case.conflicts if c.is_open]
        chosen = [c for c in open_ones if c.id == conflict_id] or open_ones[:1]
        if not chosen:
            return None
        return self._open(ConflictDialog(self.window, detail, chosen[0]))

    def open_rejected(self) -> object:
        from ui.rejected_dialog import RejectedDialog

        return self._open(RejectedDialog(self.window))

    def _show_conflict_queue(self) -> None:
        from lapor_desktop.domain.summary import Queue

        self.window.select_queue(Queue.CONFLICTS)

    def _open(self, dialog: QObject) -> object:
        self.dialog = dialog
        finished = getattr(dialog, "finished", None)
        if finished is not None:
            finished.connect(dialog.deleteLater)
        # The end-of-day dialog stays beside the window: its lines show cases in the table.
        opener = getattr(dialog, "show" if getattr(dialog, "MODELESS", False) else "open", None)
        if opener is not None:
            opener()
        return dialog


def install_sync(window: MainWindow, connection: SyncConnection | None = None) -> SyncPanel:
    panel = SyncPanel(window, connection or SyncConnection())
    panel.refresh()
    return panel


__all__ = ["PanelState", "RunOutcome", "SyncPanel", "install_sync"]
