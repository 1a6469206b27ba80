"""Reports → Complaint recap (Laporan → Rekap pengaduan): pick a year or a month of it and a
format, see the headline numbers, save the recap as PDF, Excel or CSV. The Kind (Jenis) combo
makes one of the office's registers instead, the Buku agenda pengaduan or the Register surat
keluar (DOMAIN.md §8.7.7): the same period and formats, its number of entries instead of the
headline numbers, no whole-Pemda choice (a register is the office's own). The last kind is the
Laporan Pengelolaan Pengaduan (services.management_report): a PDF only, with four text boxes
for the office's own words (kendala, solusi, evaluasi), the recap's numbers shown.

Every computation and every file written runs through the window's task runner (database lane),
with a progress bar and a Cancel that stops the work at the service's next check; a cancelled or
failed save leaves no file behind (ui/reports_export.py). The numbers shown come from the very
Recap object the file was rendered from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QSettings, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from lapor_desktop.domain.dates import indonesian_datetime
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.progress import CancelToken, Progress
from ui.errors import show_error
from ui.letter_output_dialog import ERROR_STYLE, documents_dir
from ui.reports_export import (
    BOOKS,
    FORMATS,
    compute,
    compute_register,
    default_file_name,
    export_management,
    export_register,
    export_to,
    format_for_suffix,
    format_of,
    management_file_name,
    may_recap_pemda,
    register_file_name,
)

if TYPE_CHECKING:
    from lapor_desktop.reports.model import Recap
    from lapor_desktop.reports.register_sheet import RegisterSheet
    from ui.main_window import MainWindow

FIRST_YEAR = 2000
FOLDER_KEY = "reports/folder"  # the last folder a recap was saved to (window.ini)
STATUS_MS = 15_000

MONTHS = (
    QT_TRANSLATE_NOOP("RecapDialog", "January"),
    QT_TRANSLATE_NOOP("RecapDialog", "February"),
    QT_TRANSLATE_NOOP("RecapDialog", "March"),
    QT_TRANSLATE_NOOP("RecapDialog", "April"),
    QT_TRANSLATE_NOOP("RecapDialog", "May"),
    QT_TRANSLATE_NOOP("RecapDialog", "June"),
    QT_TRANSLATE_NOOP("RecapDialog", "July"),
    QT_TRANSLATE_NOOP("RecapDialog", "August"),
    QT_TRANSLATE_NOOP("RecapDialog", "September"),
    QT_TRANSLATE_NOOP("RecapDialog", "October"),
    QT_TRANSLATE_NOOP("RecapDialog", "November"),
    QT_TRANSLATE_NOOP("RecapDialog", "December"),
)
FORMAT_NAMES = {
    "pdf": QT_TRANSLATE_NOOP("RecapDialog", "PDF"),
    "xlsx": QT_TRANSLATE_NOOP("RecapDialog", "Excel (XLSX)"),
    "csv": QT_TRANSLATE_NOOP("RecapDialog", "CSV"),
}
# The Kind combo's entries: the recap, then the registers of BOOKS in that order.
KIND_NAMES = (
    QT_TRANSLATE_NOOP("RecapDialog", "Complaint recap"),
    QT_TRANSLATE_NOOP("RecapDialog", "Complaint agenda book"),
    QT_TRANSLATE_NOOP("RecapDialog", "Outgoing letters register"),
    QT_TRANSLATE_NOOP("RecapDialog", "Complaint handling report (ZI)"),
)
MANAGEMENT_KIND = len(KIND_NAMES) - 1  # the Laporan Pengelolaan Pengaduan: a PDF, four texts
FILTERS = {
    "pdf": QT_TRANSLATE_NOOP("RecapDialog", "PDF documents (*.pdf)"),
    "xlsx": QT_TRANSLATE_NOOP("RecapDialog", "Excel workbooks (*.xlsx)"),
    "csv": QT_TRANSLATE_NOOP("RecapDialog", "CSV files (*.csv)"),
}


def _t(source: object) -> str:
    """A message marked above with QT_TRANSLATE_NOOP (typed object by PySide6's stubs)."""
    return QCoreApplication.translate("RecapDialog", str(source))


def month_name(month: int) -> str:
    return _t(MONTHS[month - 1])


def percent_text(value: float | None) -> str:
    """66,7% in Indonesian, 66.7% in English; a dash when nothing was received."""
    return "—" if value is None else QLocale().toString(value, "f", 1) + "%"


class RecapDialog(QDialog):
    """Pick a period and a format; Calculate shows the numbers, Save… writes the file."""

    computed = Signal(object)  # the Recap shown (after Calculate or a save)
    saved = Signal(object)  # the Path written
    cancelled = Signal()
    failed = Signal(str)  # the message shown

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._token: CancelToken | None = None  # the task running now, if any
        self._closing = False
        self.recap: Recap | None = None  # what the numbers show
        self.sheet: RegisterSheet | None = None  # the register last made (a register kind)
        self.saved_path: Path | None = None
        self._target: Path | None = None  # the file being saved (named in an error)
        self.setWindowTitle(self.tr("Complaint recap"))
        self.setAccessibleName(self.tr("Complaint recap"))

        today = window.workspace.clock().astimezone(window.workspace.tz).date()
        self.kind_combo = QComboBox()
        for name in KIND_NAMES:
            self.kind_combo.addItem(_t(name))
        self.kind_combo.setAccessibleName(self.tr("Kind"))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(FIRST_YEAR, today.year)
        self.year_spin.setValue(today.year)
        self.year_spin.setAccessibleName(self.tr("Year"))
        self.month_combo = QComboBox()
        self.month_combo.addItem(self.tr("Whole year"))
        for month in range(1, 13):
            self.month_combo.addItem(month_name(month))
        self.month_combo.setCurrentIndex(today.month)
        self.month_combo.setAccessibleName(self.tr("Month"))
        self.format_combo = QComboBox()
        for fmt in FORMATS:
            self.format_combo.addItem(_t(FORMAT_NAMES[fmt.code]))
        self.format_combo.setAccessibleName(self.tr("Format"))
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Year:"), self.year_spin)
        form.addRow(self.tr("&Month:"), self.month_combo)
        form.addRow(self.tr("&Format:"), self.format_combo)
        # Only a coordinator's PC holds every office's cases; elsewhere the service refuses.
        self.pemda_box = QCheckBox(self.tr("&Whole Pemda (every office's cases)"))
        if may_recap_pemda(window.workspace):
            form.addRow("", self.pemda_box)
        else:
            self.pemda_box.hide()

        self.numbers_box = QGroupBox(self.tr("Headline numbers"))
        self.received_value = QLabel()
        self.followed_up_value = QLabel()
        self.resolved_value = QLabel()
        self.overdue_value = QLabel()
        self.satisfaction_value = QLabel()
        self.reopened_value = QLabel()
        self.activity_value = QLabel()
        numbers = QFormLayout(self.numbers_box)
        numbers.addRow(self.tr("Received:"), self.received_value)
        numbers.addRow(self.tr("Follow-up rate:"), self.followed_up_value)
        numbers.addRow(self.tr("Resolution rate:"), self.resolved_value)
        numbers.addRow(self.tr("Overdue complaints:"), self.overdue_value)
        numbers.addRow(self.tr("Reporter satisfaction:"), self.satisfaction_value)
        numbers.addRow(self.tr("Reopened:"), self.reopened_value)
        numbers.addRow(self.tr("Active operators:"), self.activity_value)

        # The report's own words (kendala, solusi, evaluasi): left empty, it prints lines to
        # write them in by hand before it is signed.
        self.texts_box = QGroupBox(self.tr("Texts of the report"))
        self.obstacles_edit = QPlainTextEdit()
        self.solutions_edit = QPlainTextEdit()
        self.evaluation_edit = QPlainTextEdit()
        self.evaluation_follow_up_edit = QPlainTextEdit()
        texts = QFormLayout(self.texts_box)
        texts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # each box full width
        for label, edit in (
            (self.tr("Obstacles:"), self.obstacles_edit),
            (self.tr("Solutions:"), self.solutions_edit),
            (self.tr("Evaluation of the follow-up:"), self.evaluation_edit),
            (self.tr("Follow-up of the evaluation:"), self.evaluation_follow_up_edit),
        ):
            edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4)
            edit.setAccessibleName(label.rstrip(":"))
            texts.addRow(label, edit)
        self.texts_box.hide()

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Progress"))
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.compute_button = QPushButton(self.tr("&Calculate"))
        self.compute_button.clicked.connect(self.calculate)
        self.save_button = QPushButton(self.tr("&Save…"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.ask_and_save)
        self.open_folder_button = QPushButton(self.tr("&Open folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_folder_button.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.compute_button, self.save_button, self.open_folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.numbers_box)
        layout.addWidget(self.texts_box)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

        self.year_spin.valueChanged.connect(self._on_period_changed)
        self.month_combo.currentIndexChanged.connect(self._on_period_changed)
        self.pemda_box.toggled.connect(self._on_period_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._show_numbers(None)
        self._update_buttons()

    # -- the choices -------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return self.year_spin.value()

    @property
    def month(self) -> int | None:
        """None: the whole year."""
        return self.month_combo.currentIndex() or None

    @property
    def book(self) -> str | None:
        """The register chosen (one of BOOKS), or None for the recap or the report."""
        index = self.kind_combo.currentIndex()
        return BOOKS[index - 1] if 0 < index <= len(BOOKS) else None

    def set_book(self, book: str | None) -> None:
        self.kind_combo.setCurrentIndex(0 if book is None else BOOKS.index(book) + 1)

    @property
    def management(self) -> bool:
        """The Laporan Pengelolaan Pengaduan is chosen (a PDF made from the recap)."""
        return self.kind_combo.currentIndex() == MANAGEMENT_KIND

    def set_management(self) -> None:
        self.kind_combo.setCurrentIndex(MANAGEMENT_KIND)

    def report_texts(self) -> tuple[str, str, str, str]:
        """Kendala, solusi, hasil evaluasi, tindak lanjut hasil evaluasi, as typed."""
        return (
            self.obstacles_edit.toPlainText(),
            self.solutions_edit.toPlainText(),
            self.evaluation_edit.toPlainText(),
            self.evaluation_follow_up_edit.toPlainText(),
        )

    @property
    def whole_pemda(self) -> bool:
        return self.book is None and self.pemda_box.isChecked()

    @property
    def format(self) -> str:
        return FORMATS[self.format_combo.currentIndex()].code

    def set_period(self, year: int, month: int | None) -> None:
        self.year_spin.setValue(year)
        self.month_combo.setCurrentIndex(month or 0)

    def set_format(self, code: str) -> None:
        self.format_combo.setCurrentIndex([f.code for f in FORMATS].index(code))

    def period_text(self) -> str:
        if self.month is None:
            text = self.tr("the year {year}").format(year=self.year)
        else:
            text = f"{month_name(self.month)} {self.year}"
        if self.whole_pemda:
            return self.tr("{period} for the whole Pemda").format(period=text)
        return text

    def _on_period_changed(self, *_args: object) -> None:
        self._show_numbers(None)  # they were for another period
        self.sheet = None

    def _on_kind_changed(self, *_args: object) -> None:
        self.numbers_box.setVisible(self.book is None)
        self.texts_box.setVisible(self.management)
        if self.management:
            self.set_format("pdf")  # the report is a PDF to sign
        self.status_label.setText("")
        self._on_period_changed()
        self._update_buttons()

    # -- running -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._token is not None

    def _run(
        self,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        doing: str,
        cancelled_text: str,
    ) -> None:
        self._set_error(None)
        self.status_label.setText(doing)
        self.progress_bar.setRange(0, 0)  # busy until the service says how far it is
        self.progress_bar.show()
        self.setCursor(Qt.CursorShape.BusyCursor)

        def done(result: Any) -> None:
            if self._finished():
                on_done(result)

        def failed(error: BaseException) -> None:
            if self._finished():
                self._fail(error)

        def cancelled() -> None:
            if self._finished():
                self.status_label.setText(cancelled_text)
                self.cancelled.emit()

        self._token = self._window.tasks.run(
            work, done, failed, on_progress=self._on_progress, on_cancelled=cancelled
        )
        self._update_buttons()

    def _finished(self) -> bool:
        """The task is over; False when the dialog has gone meanwhile (nothing more to show)."""
        self._token = None
        if self._closing:
            self.deleteLater()
            return False
        self.progress_bar.hide()
        self.unsetCursor()
        self._update_buttons()
        return True

    def _on_progress(self, done: int, total: int, _label: str) -> None:
        if self._closing or total <= 0:
            return
        if done >= total:  # every case read; computing and rendering report no steps
            self.progress_bar.setRange(0, 0)
            return
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self.status_label.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _update_buttons(self) -> None:
        idle = not self.busy
        for widget in (
            self.compute_button,
            self.save_button,
            self.year_spin,
            self.month_combo,
            self.format_combo,
            self.kind_combo,
            self.texts_box,
        ):
            widget.setEnabled(idle)
        self.format_combo.setEnabled(idle and not self.management)
        self.pemda_box.setEnabled(idle and self.book is None)
        self.cancel_button.setEnabled(not idle)

    # -- calculate ---------------------------------------------------------------------------
    def calculate(self) -> None:
        if self.busy:
            return
        book = self.book
        if book is not None:
            workspace, year, month = self._window.workspace, self.year, self.month
            self._run(
                lambda progress: compute_register(workspace, book, year, month, progress),
                self._on_register,
                self.tr("Reading the {kind} of {period}…").format(
                    kind=self.kind_text(), period=self.period_text()
                ),
                self.tr("Cancelled."),
            )
            return
        workspace, year, month, pemda = (
            self._window.workspace,
            self.year,
            self.month,
            self.whole_pemda,
        )
        self._run(
            lambda progress: compute(workspace, year, month, pemda, progress),
            self._on_computed,
            self.tr("Calculating the recap of {period}…").format(period=self.period_text()),
            self.tr("Cancelled."),
        )

    def _on_computed(self, recap: Recap) -> None:
        self._show_numbers(recap)
        self.status_label.setText(
            self.tr("Recap of {period}, as of {when}.").format(
                period=self.period_text(), when=self._as_of(recap)
            )
        )
        self.computed.emit(recap)

    def kind_text(self) -> str:
        """ "complaint agenda book", as the status line names it."""
        text = self.kind_combo.currentText()
        return text[:1].lower() + text[1:]

    def _on_register(self, sheet: RegisterSheet) -> None:
        self.sheet = sheet
        self.status_label.setText(
            self.tr("{kind} of {period}: {count} entries, as of {when}.").format(
                kind=self.kind_combo.currentText(),
                period=self.period_text(),
                count=len(sheet.rows),
                when=indonesian_datetime(sheet.heading.as_of, self._window.workspace.tz),
            )
        )
        self.computed.emit(sheet)

    def _as_of(self, recap: Recap) -> str:
        return indonesian_datetime(recap.as_of, self._window.workspace.tz)

    def _share(self, percent: float | None, count: int, total: int) -> str:
        return self.tr("{percent} ({count} of {total})").format(
            percent=percent_text(percent), count=count, total=total
        )

    def _show_numbers(self, recap: Recap | None) -> None:
        self.recap = recap
        if recap is None:
            for label in (
                self.received_value,
                self.followed_up_value,
                self.resolved_value,
                self.overdue_value,
                self.satisfaction_value,
                self.reopened_value,
                self.activity_value,
            ):
                label.setText("—")
            return
        self.received_value.setText(str(recap.received))
        self.followed_up_value.setText(
            self._share(recap.followed_up_percent, recap.followed_up, recap.received)
        )
        self.resolved_value.setText(
            self._share(recap.resolved_percent, recap.resolved, recap.received)
        )
        self.overdue_value.setText(
            self.tr("{cases} ({deadlines} deadlines past due)").format(
                cases=recap.overdue_cases, deadlines=len(recap.overdue)
            )
        )
        average = recap.rating_average
        if average is None:
            self.satisfaction_value.setText(self.tr("no reporter rated yet"))
        else:
            self.satisfaction_value.setText(
                self.tr("average {average} of 5; {percent} satisfied ({count} of {rated})").format(
                    average=QLocale().toString(average, "f", 1),
                    percent=percent_text(recap.satisfied_percent),
                    count=recap.satisfied,
                    rated=recap.rated,
                )
            )
        self.reopened_value.setText(
            self._share(recap.reopened_percent, recap.reopened, recap.received)
        )
        operators = len(recap.operator_activity)
        if recap.whole_pemda:
            # KemenPANRB's keaktifan: the share of OPDs whose operators recorded something.
            self.activity_value.setText(
                self.tr("{operators} ({percent} of offices active)").format(
                    operators=operators, percent=percent_text(recap.active_office_percent)
                )
            )
        else:
            self.activity_value.setText(str(operators))

    # -- save --------------------------------------------------------------------------------
    def suggested_path(self) -> Path:
        settings = self._settings()
        folder = Path(str(settings.value(FOLDER_KEY, "") or "")) if settings else None
        if folder is None or not str(folder) or not folder.is_dir():
            folder = documents_dir()
        office = self._window.workspace.office.code
        if self.management:
            return folder / management_file_name(office, self.year, self.month, self.whole_pemda)
        if self.book is not None:
            return folder / register_file_name(
                self.book, office, self.year, self.month, self.format
            )
        return folder / default_file_name(
            office, self.year, self.month, self.format, self.whole_pemda
        )

    def ask_and_save(self) -> None:
        """Ask for the file name (suggested in the last folder used, else Documents), then save."""
        if self.busy:
            return
        fmt = self.format
        title = (
            self.tr("Save the complaint recap")
            if self.book is None and not self.management
            else self.tr("Save the {kind}").format(kind=self.kind_text())
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(self.suggested_path()), _t(FILTERS[fmt])
        )
        if chosen:
            self.save_to(chosen)

    def save_to(self, path: str | Path) -> None:
        """Export to `path`; a name without a known suffix gets the chosen format's."""
        if self.busy:
            return
        target = Path(path)
        known = format_for_suffix(target)
        if self.management and known is not None and known.code != "pdf":
            target = target.with_suffix(".pdf")  # the report is a PDF, whatever was typed
            known = format_of("pdf")
        if known is None:
            target = target.with_name(target.name + format_of(self.format).suffix)
        elif known.code != self.format:
            self.set_format(known.code)  # the operator typed another format's name: that one
        workspace, year, month, fmt = self._window.workspace, self.year, self.month, self.format
        pemda = self.whole_pemda
        self.open_folder_button.hide()
        self._target = target
        book = self.book
        if self.management:
            texts = self.report_texts()
            self._run(
                lambda progress: export_management(
                    workspace, year, month, pemda, texts, target, progress
                ),
                lambda recap: self._on_saved(target, recap),
                self.tr("Saving the {kind} of {period}…").format(
                    kind=self.kind_text(), period=self.period_text()
                ),
                self.tr("Cancelled. No file was written."),
            )
            return
        if book is not None:
            self._run(
                lambda progress: export_register(
                    workspace, book, year, month, fmt, target, progress
                ),
                lambda sheet: self._on_register_saved(target, sheet),
                self.tr("Saving the {kind} of {period}…").format(
                    kind=self.kind_text(), period=self.period_text()
                ),
                self.tr("Cancelled. No file was written."),
            )
            return
        self._run(
            lambda progress: export_to(workspace, year, month, pemda, fmt, target, progress),
            lambda recap: self._on_saved(target, recap),
            self.tr("Saving the recap of {period}…").format(period=self.period_text()),
            self.tr("Cancelled. No file was written."),
        )

    def _on_register_saved(self, target: Path, sheet: RegisterSheet) -> None:
        self.sheet = sheet
        self._saved(target)
        self.computed.emit(sheet)
        self.saved.emit(target)

    def _saved(self, target: Path) -> None:
        self.saved_path = target
        settings = self._settings()
        if settings is not None:
            settings.setValue(FOLDER_KEY, str(target.parent))
        text = self.tr("Saved to {path}").format(path=str(target))
        self.status_label.setText(text)
        self._window.statusBar().showMessage(text, STATUS_MS)
        self.open_folder_button.show()

    def _on_saved(self, target: Path, recap: Recap) -> None:
        self._show_numbers(recap)
        self._saved(target)
        self.computed.emit(recap)
        self.saved.emit(target)

    def open_folder(self) -> None:
        if self.saved_path is not None:
            self._window.open_url(QUrl.fromLocalFile(str(self.saved_path.parent)))

    def _settings(self) -> QSettings | None:
        data_dir = self._window.workspace.paths.data_dir
        if not data_dir.is_dir():
            return None
        return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)

    # -- errors ------------------------------------------------------------------------------
    def _fail(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            folder = str(self._target.parent) if self._target is not None else ""
            text = self.tr(
                "The recap could not be saved in {folder}: {reason}. Nothing was written; "
                "choose another folder or close the file if another program has it open."
            ).format(folder=folder, reason=error.strerror or str(error))
        elif isinstance(error, DomainError):  # the service's refusal, in its own words
            text = self.tr("The recap cannot be made: {reason}").format(reason=str(error))
        else:
            self.status_label.setText("")
            show_error(self, error, self._window.workspace.paths.logs)
            return
        self.status_label.setText("")
        self._set_error(text)
        self.failed.emit(text)

    def _set_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def done(self, result: int) -> None:
        # A task still running is cancelled; the dialog goes once its callback came back.
        if self._token is not None:
            self._token.cancel()
            self._closing = True
        else:
            self.deleteLater()
        super().done(result)


__all__ = [
    "FILTERS",
    "FORMAT_NAMES",
    "KIND_NAMES",
    "MANAGEMENT_KIND",
    "MONTHS",
    "RecapDialog",
    "month_name",
    "percent_text",
]
