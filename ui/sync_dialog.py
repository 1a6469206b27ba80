"""The end-of-day dialog: what will be sent, the run's progress by phase (items and bytes) with
cancel, then a summary whose lines open the cases concerned in the table.

After a run that brought cases newly disposed to this office, their Lembar Disposisi are
offered as one print job (ui/letters_actions.BatchPrintDialog). A failed run says why in plain
words; the data stays as it was and the next run continues.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from lapor_desktop.progress import Progress
from lapor_desktop.services.sync_review import Outgoing
from ui import labels
from ui.letters_actions import BatchPrintDialog
from ui.settings_pages import ERROR_STYLE, alive
from ui.sync_panel import RunOutcome, SyncPanel

if TYPE_CHECKING:
    from sync.engine import SyncProgress

_IDS_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True, slots=True)
class ResultLine:
    key: str  # sent, received, disposed, new, monitored, conflicts, rejected, cancelled
    text: str
    case_ids: tuple[str, ...]


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class EndOfDayDialog(QDialog):
    MODELESS = True  # shown beside the window, whose table its result lines fill
    preview_loaded = Signal()
    finished_run = Signal(object)  # RunOutcome

    def __init__(self, panel: SyncPanel) -> None:
        super().__init__(panel.window)
        self._panel = panel
        self._window = panel.window
        self.outgoing: Outgoing | None = None
        self.outcome: RunOutcome | None = None
        self.lines: list[ResultLine] = []
        self.print_dialog: BatchPrintDialog | None = None
        self.setWindowTitle(self.tr("Sync with the central server"))
        self.setAccessibleName(self.tr("End-of-day sync"))

        self.preview = QLabel(self.tr("Counting what will be sent…"))
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.phase_label = QLabel()
        self.phase_label.setAccessibleName(self.tr("Sync phase"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setVisible(False)
        self.bytes_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.summary_title = QLabel()
        self.summary_title.setWordWrap(True)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Sync result; activate a line to see its cases"))
        self.results.setVisible(False)
        self.results.itemActivated.connect(self.open_line)
        self.results.itemDoubleClicked.connect(self.open_line)

        self.start_button = QPushButton(self.tr("&Sync now"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("S&top"))
        self.cancel_button.setToolTip(
            self.tr("Stop after the current batch; the rest is sent next time")
        )
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.show_button = QPushButton(self.tr("Show the &cases"))
        self.show_button.setVisible(False)
        self.show_button.clicked.connect(lambda: self.open_line(self.results.currentItem()))
        self.print_button = QPushButton()
        self.print_button.setVisible(False)
        self.print_button.clicked.connect(self.open_print)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        for button in (
            self.start_button,
            self.cancel_button,
            self.show_button,
            self.print_button,
            self.close_button,
        ):
            button.setAccessibleName(button.text().replace("&", ""))
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in (
            self.preview,
            self.phase_label,
            self.progress,
            self.bytes_label,
            self.error_label,
            self.summary_title,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.results, 1)
        layout.addLayout(buttons)
        self.resize(620, 460)

        panel.run_progressed.connect(self._on_progress)
        panel.run_finished.connect(self._on_finished)
        if panel.running:  # an automatic run is on its way: show it
            self._set_running(True)
        self.load_preview()

    # ------------------------------------------------------------------ before
    def load_preview(self) -> None:
        review = self._panel.review

        def work(_progress: Progress) -> Outgoing:
            return review.outgoing()

        self._window.tasks.run(work, self._on_preview, self._on_preview_failed)

    def _on_preview(self, outgoing: Outgoing) -> None:
        if not alive(self):
            return
        self.outgoing = outgoing
        self.preview.setText(self.preview_html(outgoing))
        self.preview_loaded.emit()

    def _on_preview_failed(self, error: BaseException) -> None:
        if alive(self):
            self.preview.setText(escape(str(error)))

    def preview_html(self, outgoing: Outgoing) -> str:
        if outgoing.total == 0:
            return escape(self.tr("Nothing waiting to be sent. A sync still receives changes."))
        head = self.tr("To send: {cases}, {actions}, {files}.").format(
            cases=self.tr("%n new case(s)", "", outgoing.new_cases),
            actions=self.tr("%n action(s)", "", outgoing.actions),
            files=self.tr("%n attachment(s)", "", len(outgoing.files))
            + (f" ({size_text(outgoing.file_bytes)})" if outgoing.files else ""),
        )
        items = "".join(
            f"<li>{escape(f.name)} — {escape(size_text(f.size))}</li>" for f in outgoing.files[:12]
        )
        more = len(outgoing.files) - 12
        if more > 0:
            items += f"<li>{escape(self.tr('… and %n more', '', more))}</li>"
        return f"<p>{escape(head)}</p>" + (f"<ul>{items}</ul>" if items else "")

    # ------------------------------------------------------------------ the run
    def start(self) -> None:
        self.error_label.setVisible(False)
        self.results.clear()
        self.results.setVisible(False)
        self.summary_title.clear()
        self.show_button.setVisible(False)
        self.print_button.setVisible(False)
        if self._panel.start_run():
            self._set_running(True)

    def cancel(self) -> None:
        self._panel.cancel_run()
        self.cancel_button.setEnabled(False)
        self.phase_label.setText(self.tr("Stopping after the current batch…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setVisible(not running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
            self.phase_label.setText(labels.sync_phase("hello") + "…")
            self.bytes_label.clear()

    def _on_progress(self, event: SyncProgress) -> None:
        if not alive(self):
            return
        phase = labels.sync_phase(event.phase)
        if event.total:
            self.progress.setRange(0, event.total)
            self.progress.setValue(min(event.done, event.total))
            self.phase_label.setText(
                self.tr("{phase}: {done} of {total}").format(
                    phase=phase, done=event.done, total=event.total
                )
            )
        else:
            self.progress.setRange(0, 0)
            self.phase_label.setText(
                self.tr("{phase}: {done}").format(phase=phase, done=event.done)
                if event.done
                else phase + "…"
            )
        if event.bytes_total:
            self.bytes_label.setText(
                self.tr("{done} of {total}").format(
                    done=size_text(event.bytes_done), total=size_text(event.bytes_total)
                )
            )
        elif event.bytes_done:
            self.bytes_label.setText(
                self.tr("{done} so far").format(done=size_text(event.bytes_done))
            )

    def _on_finished(self, outcome: RunOutcome) -> None:
        if not alive(self):
            return
        self.outcome = outcome
        self._set_running(False)
        self.progress.setVisible(False)
        self.bytes_label.clear()
        self.phase_label.clear()
        self.lines = self.result_lines(outcome)
        report = outcome.report
        if outcome.error is not None:
            self.summary_title.setText(self.tr("The sync did not finish."))
            self.error_label.setText(outcome.message)
            self.error_label.setAccessibleDescription(outcome.message)
            self.error_label.setVisible(True)
            self.start_button.setText(self.tr("&Try again"))
        elif report is not None and report.cancelled:
            self.summary_title.setText(
                self.tr("Stopped. What was sent stays sent; the rest goes at the next sync.")
            )
            self.start_button.setText(self.tr("&Continue"))
        elif report is not None:
            self.summary_title.setText(
                self.tr("Sync finished.")
                if report.pending_after == 0
                else self.tr(
                    "Sync finished; %n action(s) wait for the next sync.", "", report.pending_after
                )
            )
            self.start_button.setText(self.tr("&Sync again"))
        for line in self.lines:
            item = QListWidgetItem(line.text)
            item.setData(_IDS_ROLE, list(line.case_ids))
            item.setData(Qt.ItemDataRole.UserRole + 1, line.key)
            if not line.case_ids:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.results.addItem(item)
        self.results.setVisible(bool(self.lines))
        self.show_button.setVisible(any(line.case_ids for line in self.lines))
        disposed = outcome.changes.disposed_to_us
        if disposed:
            self.print_button.setText(self.tr("&Print %n disposition sheet(s)…", "", len(disposed)))
            self.print_button.setAccessibleName(self.print_button.text().replace("&", ""))
            self.print_button.setVisible(True)
        if self.outgoing is not None:
            self.load_preview()  # what is left to send now
        self.finished_run.emit(outcome)

    def result_lines(self, outcome: RunOutcome) -> list[ResultLine]:
        report, changes = outcome.report, outcome.changes
        lines: list[ResultLine] = []
        if report is not None:
            lines.append(ResultLine("sent", self.tr("%n action(s) sent", "", report.sent), ()))
            lines.append(
                ResultLine("received", self.tr("%n change(s) received", "", report.received), ())
            )
        entries = (
            (
                "disposed",
                self.tr("%n new case(s) disposed to us", "", len(changes.disposed_to_us)),
                changes.disposed_to_us,
            ),
            (
                "new",
                self.tr("%n other case(s) now held by us", "", len(changes.new_for_us)),
                changes.new_for_us,
            ),
            (
                "monitored",
                self.tr(
                    "%n status change(s) on cases we disposed elsewhere",
                    "",
                    len(changes.monitored_changed),
                ),
                changes.monitored_changed,
            ),
            (
                "conflicts",
                self.tr("%n case(s) with a new sync conflict", "", len(changes.conflicted)),
                changes.conflicted,
            ),
            (
                "rejected",
                self.tr("%n case(s) with a rejected action", "", len(changes.rejected)),
                changes.rejected,
            ),
        )
        for key, text, ids in entries:
            if ids:
                lines.append(ResultLine(key, text, tuple(ids)))
        if report is not None and report.warnings:
            lines += [ResultLine("warning", "⚠ " + w, ()) for w in report.warnings]
        return lines

    def open_line(self, item: QListWidgetItem | None) -> None:
        """Show the cases of a result line in the table (and keep this dialog open)."""
        if item is None:
            return
        ids = item.data(_IDS_ROLE) or []
        if ids:
            self._window.show_cases([str(i) for i in ids], item.text())

    def line_item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.results.count()):
            item = self.results.item(row)
            if item.data(Qt.ItemDataRole.UserRole + 1) == key:
                return item
        return None

    # ------------------------------------------------------------------ printing
    def open_print(self) -> None:
        """One print job with the Lembar Disposisi of the cases newly disposed to us."""
        if self.outcome is None or not self.outcome.changes.disposed_to_us:
            return
        ids = list(self.outcome.changes.disposed_to_us)
        review = self._panel.review

        def work(_progress: Progress) -> list[tuple[str, str]]:
            numbers = {s.id: s.register_no for s in review.summaries(ids)}
            return [(i, numbers.get(i, i)) for i in ids]

        self._window.tasks.run(work, self._open_print_dialog, self._on_preview_failed)

    def _open_print_dialog(self, cases: list[tuple[str, str]]) -> None:
        if not alive(self):
            return
        dialog = BatchPrintDialog(self._window, cases)
        dialog.receipt_box.setChecked(False)
        dialog.disposition_box.setChecked(True)
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = dialog
        dialog.open()
