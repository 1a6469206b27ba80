"""The Laporan Pengelolaan Pengaduan (DESIGN.md §5) of a month or a year: the recap's numbers
in the LKE's outline (DOMAIN.md §6.2) with the office's own kendala, solusi and evaluasi,
signed by the head of office. `letters.management_report` draws it.

Built from `ReportService.recap`, so its numbers are the recap's, for the same cases (an
office's, or with `whole_pemda` the coordinator's whole Pemda). It prints the kop and the
signature block, so it needs the office settings a surat dinas needs and refuses without them,
before anything is read or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lapor_desktop.domain.codes import CaseKind
from lapor_desktop.domain.dates import indonesian_date
from lapor_desktop.domain.errors import DomainError, ValidationError
from lapor_desktop.letters.model import LetterKind, ManagementReport, Paper
from lapor_desktop.progress import Progress
from lapor_desktop.reports import labels
from lapor_desktop.reports.model import Count, Period, Recap
from lapor_desktop.services import letter_content as content
from lapor_desktop.services.office_admin import logo_path
from lapor_desktop.services.reports import ReportService
from lapor_desktop.services.saved_files import write_atomically
from lapor_desktop.services.workspace import Workspace

TITLE = "LAPORAN PENGELOLAAN PENGADUAN MASYARAKAT"
MAX_TEXT = 4000  # characters per free text: about a page of the report each


@dataclass(frozen=True, slots=True)
class ReportTexts:
    """The office's own words for the outline's parts that no number can fill."""

    obstacles: str = ""  # kendala
    solutions: str = ""  # solusi
    evaluation: str = ""  # hasil evaluasi atas tindak lanjut
    evaluation_follow_up: str = ""  # tindak lanjut hasil evaluasi

    def checked(self) -> ReportTexts:
        for name, label in (
            ("obstacles", "kendala"),
            ("solutions", "solusi"),
            ("evaluation", "evaluasi"),
            ("evaluation_follow_up", "tindak lanjut evaluasi"),
        ):
            text = getattr(self, name)
            if len(text) > MAX_TEXT:
                raise ValidationError(
                    name,
                    f"is {len(text)} characters, at most {MAX_TEXT} "
                    f"({label} terlalu panjang untuk laporan)",
                )
            if "\x00" in text:
                raise ValidationError(name, f"holds a NUL character ({label} tidak valid)")
        return self


class ReportSettingsMissing(DomainError):
    """The office profile lacks what the report prints (kop surat, signatory)."""

    code = "office_settings_missing"

    def __init__(self, missing: list[tuple[str, str]]) -> None:
        self.fields = tuple(name for name, _ in missing)
        listed = "; ".join(f"{name} ({what})" for name, what in missing)
        super().__init__(
            f"office settings missing for a Laporan Pengelolaan Pengaduan: {listed}; "
            "fill them in Pengaturan → Kantor (office settings)"
        )


class ManagementReportService:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def check_settings(self) -> None:
        """Raise ReportSettingsMissing when the kop or the signatory is incomplete."""
        # The same settings as a surat dinas signed by the head of office: a letter's rule.
        missing = content.missing_office_settings(
            self._workspace.office, LetterKind.RESPONSE, needs_unit_code=False
        )
        if missing:
            raise ReportSettingsMissing(missing)

    def build(
        self,
        period: Period,
        texts: ReportTexts,
        progress: Progress | None = None,
        *,
        whole_pemda: bool = False,
        paper: Paper = Paper.A4,
    ) -> tuple[ManagementReport, Recap]:
        """The report and the recap it was made from (the window shows the recap's numbers)."""
        texts = texts.checked()
        self.check_settings()
        recap = ReportService(self._workspace).recap(period, progress, whole_pemda=whole_pemda)
        return management_report(self._workspace, recap, texts, paper), recap

    def export(
        self,
        period: Period,
        path: Path,
        texts: ReportTexts,
        progress: Progress | None = None,
        *,
        whole_pemda: bool = False,
        paper: Paper = Paper.A4,
    ) -> tuple[ManagementReport, Recap]:
        """Build and write the PDF to `path`, whole or not at all."""
        report, recap = self.build(period, texts, progress, whole_pemda=whole_pemda, paper=paper)
        if progress is not None:
            progress.check()
        from lapor_desktop.letters.management_report import render_management_report

        data = render_management_report(report)
        check = progress.check if progress is not None else None
        write_atomically(path, data, prefix=".lapor-report-", before_replace=check)
        return report, recap


def management_report(
    workspace: Workspace, recap: Recap, texts: ReportTexts, paper: Paper = Paper.A4
) -> ManagementReport:
    """The report's content from a recap (no database: tests build it from a sample recap)."""
    office = workspace.office
    logo = logo_path(workspace.paths, office)
    period = recap.period
    when = (
        "BULAN " + labels.period_label(period).upper() if period.month else f"TAHUN {period.year}"
    )
    scope = labels.scope_name(recap) if recap.whole_pemda else recap.office_name
    kinds = [kind.value for kind in CaseKind]
    month_rows = [
        (labels.month_name(row.month), *(_count(row.by_kind, k) for k in kinds), str(row.total))
        for row in recap.by_month
    ]
    totals = [sum(int(_count(row.by_kind, k)) for row in recap.by_month) for k in kinds]
    month_rows.append(("Jumlah", *(str(t) for t in totals), str(recap.received)))
    return ManagementReport(
        paper=paper,
        letterhead=content.letterhead(office, str(logo) if logo is not None else ""),
        title_lines=(TITLE, scope.upper(), when),
        place_date=f"{content.place_name(office)}, {indonesian_date(recap.as_of, workspace.tz)}",
        signatory=content.signatory(office),
        month_header=("Bulan", *(labels.kind_label(k) for k in kinds), "Jumlah"),
        month_rows=tuple(month_rows),
        follow_up=_follow_up(recap),
        timeliness_header=("Tahap", "Selesai", "Tepat waktu", "Persen", "Terbuka, terlambat"),
        timeliness_rows=tuple(
            (
                labels.stage_label(t.stage),
                labels.number(t.completed),
                labels.number(t.met),
                labels.percent(t.met_percent),
                labels.number(t.open_overdue),
            )
            for t in recap.timeliness
        ),
        obstacles=texts.obstacles,
        solutions=texts.solutions,
        evaluation=texts.evaluation,
        evaluation_follow_up=texts.evaluation_follow_up,
        annex_header=(
            "No",
            "Nomor register",
            "Diterima",
            "Nomor tracking",
            "Kategori",
            "Status",
            "TL",
        ),
        annex_rows=tuple(
            (
                str(i),
                a.register_no,
                labels.short_date(a.received_on),
                a.tracking_id or "-",
                recap.category_name(a.category_code),
                labels.status_label(a.status),
                labels.yes_no(a.followed_up),
            )
            for i, a in enumerate(recap.annex, start=1)
        ),
        subject=f"{scope}: {labels.period_label(period)}",
    )


def _count(counts: tuple[Count, ...], code: str) -> str:
    return str(next((c.count for c in counts if c.code == code), 0))


def _follow_up(recap: Recap) -> tuple[str, ...]:
    """Part B in sentences, every number from the recap (percentages of those received)."""
    period = labels.period_label(recap.period)
    received = recap.received
    if received == 0:
        return (f"Pada periode {period} tidak ada pengaduan yang diterima.",)
    disposed = sum(c.count for c in recap.disposed_to)
    forwarded = sum(c.count for c in recap.forwarded_to)
    return (
        f"Pada periode {period} diterima {labels.number(received)} pengaduan. Sebanyak "
        f"{labels.number(recap.followed_up)} pengaduan "
        f"({labels.percent(recap.followed_up_percent)}) telah ditindaklanjuti dan "
        f"{labels.number(recap.resolved)} pengaduan "
        f"({labels.percent(recap.resolved_percent)}) telah selesai.",
        f"Disposisi ke perangkat daerah lain: {labels.number(disposed)}; diteruskan ke instansi "
        f"di luar Pemerintah Daerah: {labels.number(forwarded)}. Pengaduan yang diterima di luar "
        f"SP4N-LAPOR!: {labels.number(recap.offline_received)}, "
        f"{labels.number(recap.offline_with_tracking_id)} di antaranya telah tercatat di "
        "SP4N-LAPOR!.",
        _satisfaction(recap),
        f"Keadaan per {labels.as_of_date(recap)}: {labels.number(recap.overdue_cases)} pengaduan "
        "yang masih terbuka telah melewati tenggat. Ketepatan waktu per tahap:",
    )


def _satisfaction(recap: Recap) -> str:
    """Kepuasan pelapor (DOMAIN.md §8.7.5) in one sentence of part B, from the recap."""
    reopened = (
        f"Pengaduan yang dibuka kembali: {labels.number(recap.reopened)} "
        f"({labels.percent(recap.reopened_percent)})."
    )
    if recap.rated == 0:
        return f"Kepuasan pelapor: belum ada pengaduan yang dinilai pelapornya. {reopened}"
    return (
        f"Kepuasan pelapor: {labels.number(recap.rated)} pengaduan dinilai pelapornya, dengan "
        f"rata-rata penilaian {labels.decimal(recap.rating_average)} dari 5; "
        f"{labels.number(recap.satisfied)} pelapor ({labels.percent(recap.satisfied_percent)}) "
        f"menyatakan puas (beres). {reopened}"
    )


__all__ = [
    "MAX_TEXT",
    "ManagementReportService",
    "ReportSettingsMissing",
    "ReportTexts",
    "management_report",
]
