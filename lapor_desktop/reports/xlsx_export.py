"""The recap as an Excel workbook (openpyxl): a "Ringkasan" sheet, "Kepuasan" (kepuasan
pelapor: cases rated, the average rating, puas, re-opened), one sheet per breakdown,
the overdue list, "Keaktifan" (operators' recorded actions) and the "Lampiran" (every counted
case).

Every sheet is one table under one bold, frozen header row (the Ringkasan has the title block
above its table), so a sheet can be sorted, filtered and pivoted as it is. Counts are number
cells, percentages number cells holding the fraction with a "0.0%" format (Excel shows "41,7%"
under Indonesian settings), dates date cells; no formulas. A percentage of nothing (nothing
received, no clock completed) is an empty cell in the tables, so the column stays numeric,
and "—" in the Ringkasan, which people read rather than compute with.

The workbook is written in openpyxl's write-only mode: a 25,000-case annex streams row by row
instead of building a cell object per value. The same recap gives the same bytes: document
properties and every zip entry's time come from `recap.as_of`, not from the clock.

The "Perangkat daerah" sheet counts the cases per holder OPD (code, name): in a whole-Pemda
recap the per-OPD table, every OPD listed; in an office's, which of its cases other OPDs hold
now. A Pemda recap's Ringkasan says "Cakupan: Seluruh Perangkat Daerah Kabupaten …" and
"Disusun oleh:" the coordinator's office, where an office's says "Kantor:".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lapor_desktop.reports import labels
from lapor_desktop.reports.model import Count, Recap
from lapor_desktop.reports.xlsx_stamped import stamped_workbook

PERCENT_FORMAT = "0.0%"
DAYS_FORMAT = "0.0"
DATE_FORMAT = "dd/mm/yyyy"

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_RIGHT = Alignment(horizontal="right")

Value = str | int | float | date | None


class _Sheet:
    """A write-only sheet with a bold, frozen header row and set column widths."""

    def __init__(self, wb: Workbook, title: str, columns: Sequence[tuple[str, float]]) -> None:
        self.ws: Any = wb.create_sheet(title)
        for i, (_, width) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.headers = [name for name, _ in columns]
        self.row = 0

    def freeze_below(self, rows_above: int) -> None:
        """Freeze the rows above the table and its header (call before the first append)."""
        self.ws.freeze_panes = f"A{rows_above + 2}"

    def header(self) -> None:
        self.append([self._cell(h, font=_BOLD, align=_HEADER_ALIGN) for h in self.headers])

    def _cell(
        self, value: Value, *, font: Font | None = None, fmt: str = "", align: Any = None
    ) -> Any:
        # openpyxl writes a date as Excel's serial day; its stubs only name datetime.
        cell = WriteOnlyCell(self.ws, cast(Any, value))
        if font is not None:
            cell.font = font
        if fmt:
            cell.number_format = fmt
        if align is not None:
            cell.alignment = align
        return cell

    def percent(self, value: float | None) -> Any:
        return None if value is None else self._cell(value / 100.0, fmt=PERCENT_FORMAT)

    def days(self, value: float | None) -> Any:
        return None if value is None else self._cell(value, fmt=DAYS_FORMAT)

    def day(self, value: date) -> Any:
        return self._cell(value, fmt=DATE_FORMAT)

    def wrapped(self, value: str) -> Any:
        return self._cell(value, align=_WRAP)

    def bold(self, value: Value) -> Any:
        return self._cell(value, font=_BOLD)

    def append(self, values: Iterable[Any]) -> None:
        self.ws.append(list(values))
        self.row += 1


def _summary(wb: Workbook, recap: Recap) -> None:
    sheet = _Sheet(wb, "Ringkasan", [("Uraian", 62), ("Jumlah", 12), ("Persen", 12)])
    office = f"{recap.office_name} ({recap.office_code})"
    who: list[tuple[str, str]] = (
        [("Cakupan", labels.scope_name(recap)), ("Disusun oleh", office)]
        if recap.whole_pemda
        else [("Kantor", office)]
    )
    intro: list[tuple[str, str]] = [
        *who,
        ("Pemerintah daerah", recap.regency),
        ("Periode", labels.period_label(recap.period)),
        ("Keadaan per", labels.as_of_datetime(recap)),
    ]
    sheet.freeze_below(len(intro) + 2)
    sheet.append([sheet._cell(labels.DOCUMENT_TITLE, font=_TITLE)])
    for name, text in intro:
        sheet.append([f"{name}: {text}"])
    sheet.append([])
    sheet.header()
    for code, value, pct in labels.headline(recap):
        cells: list[Any]
        if code == "diterima":  # a count with no percentage
            cells = [labels.HEADLINE[code], value]
        elif pct is None:
            cells = [labels.HEADLINE[code], value, sheet._cell(labels.NONE_MARK, align=_RIGHT)]
        else:
            cells = [labels.HEADLINE[code], value, sheet.percent(pct)]
        sheet.append(cells)


def _satisfaction(wb: Workbook, recap: Recap) -> None:
    sheet = _Sheet(wb, "Kepuasan", [("Kode", 16), ("Uraian", 48), ("Nilai", 12), ("Persen", 10)])
    sheet.freeze_below(0)
    sheet.header()
    for code, value, pct in labels.satisfaction(recap):
        if code == labels.AVERAGE_CODE:
            sheet.append([code, labels.SATISFACTION[code], sheet.days(value)])
        else:
            sheet.append([code, labels.SATISFACTION[code], value, sheet.percent(pct)])


def _months(wb: Workbook, recap: Recap) -> None:
    kinds = [c.code for c in recap.by_month[0].by_kind] if recap.by_month else []
    columns = [("Bulan", 14)] + [(labels.kind_label(k), 16) for k in kinds] + [("Jumlah", 10)]
    sheet = _Sheet(wb, "Per bulan", columns)
    sheet.freeze_below(0)
    sheet.header()
    totals = [0] * len(kinds)
    for row in recap.by_month:
        by_kind = {c.code: c.count for c in row.by_kind}
        values = [by_kind.get(k, 0) for k in kinds]
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        sheet.append([labels.month_name(row.month), *values, row.total])
    if len(recap.by_month) > 1:
        sheet.append(
            [sheet.bold("Jumlah"), *(sheet.bold(t) for t in totals), sheet.bold(sum(totals))]
        )


def _counts(
    wb: Workbook,
    title: str,
    what: str,
    counts: Sequence[Count],
    name: Callable[[str], str],
    whole: int,
    with_code: bool = True,
) -> None:
    columns = [("Kode", 16)] if with_code else []
    columns += [(what, 48), ("Jumlah", 10), ("Persen", 10)]
    sheet = _Sheet(wb, title, columns)
    sheet.freeze_below(0)
    sheet.header()
    for c in counts:
        code = [c.code] if with_code else []
        sheet.append(
            [
                *code,
                sheet.wrapped(name(c.code)),
                c.count,
                sheet.percent(labels.share(c.count, whole)),
            ]
        )


def _timeliness(wb: Workbook, recap: Recap) -> None:
    t_labels = labels.TIMELINESS
    columns = [
        ("Tahap", 28),
        (t_labels["selesai"], 12),
        (t_labels["tepat_waktu"], 12),
        (t_labels["melewati_tenggat"], 12),
        ("% tepat waktu", 12),
        (t_labels["berjalan"], 12),
        (t_labels["berjalan_terlambat"], 12),
        (t_labels["median_hk"], 12),
        (t_labels["p90_hk"], 12),
    ]
    sheet = _Sheet(wb, "Ketepatan waktu", columns)
    sheet.freeze_below(0)
    sheet.header()
    for t in recap.timeliness:
        sheet.append(
            [
                labels.stage_label(t.stage),
                t.completed,
                t.met,
                t.missed,
                sheet.percent(t.met_percent),
                t.open_running,
                t.open_overdue,
                sheet.days(t.median_working_days),
                sheet.days(t.p90_working_days),
            ]
        )


def _overdue(wb: Workbook, recap: Recap) -> None:
    columns = [
        ("No", 6),
        ("Nomor register", 24),
        ("Nomor tracking", 16),
        ("Tanggal diterima", 13),
        ("Tahap", 26),
        ("Tenggat", 13),
        ("Terlambat (HK)", 11),
        ("Pemegang", 30),
        ("Status", 24),
    ]
    sheet = _Sheet(wb, "Terlambat", columns)
    sheet.freeze_below(0)
    sheet.header()
    for i, o in enumerate(recap.overdue, start=1):
        sheet.append(
            [
                i,
                o.register_no,
                o.tracking_id or "",
                sheet.day(o.received_on),
                labels.stage_label(o.stage),
                sheet.day(o.due_on),
                o.working_days_late,
                recap.office_name_of(o.holder_office),
                labels.status_label(o.status),
            ]
        )


def _destinations(wb: Workbook, recap: Recap) -> None:
    columns = [("Jenis", 16), ("Kode", 16), ("Instansi / perangkat daerah", 48), ("Jumlah", 10)]
    sheet = _Sheet(wb, "Diteruskan & disposisi", columns)
    sheet.freeze_below(0)
    sheet.header()
    for what, counts in (("Diteruskan", recap.forwarded_to), ("Didisposisikan", recap.disposed_to)):
        for c in counts:
            sheet.append([what, c.code, sheet.wrapped(recap.office_name_of(c.code)), c.count])


def _activity(wb: Workbook, recap: Recap) -> None:
    columns = [
        ("Kode kantor", 14),
        ("Perangkat daerah", 40),
        ("Operator", 22),
        (labels.ACTIVITY["tindakan"], 12),
        (labels.ACTIVITY["hari_aktif"], 10),
        (labels.ACTIVITY["terakhir_aktif"], 13),
    ]
    sheet = _Sheet(wb, "Keaktifan", columns)
    sheet.freeze_below(0)
    sheet.header()
    for a in recap.operator_activity:
        sheet.append(
            [
                a.office,
                sheet.wrapped(recap.office_name_of(a.office)),
                a.actor,
                a.actions,
                a.active_days,
                sheet.day(a.last_active_on),
            ]
        )


def _annex(wb: Workbook, recap: Recap) -> None:
    columns = [
        ("No", 7),
        ("Nomor register", 24),
        ("Nomor tracking", 16),
        ("Tanggal diterima", 13),
        ("Jenis", 16),
        ("Kanal", 16),
        ("Kode kategori", 14),
        ("Kategori", 36),
        ("Status", 22),
        ("Pemegang", 28),
        ("Perihal", 60),
        ("Ada tindak lanjut", 12),
    ]
    sheet = _Sheet(wb, "Lampiran", columns)
    sheet.freeze_below(0)
    sheet.header()
    # Names repeat across thousands of rows: look each code up once.
    category: dict[str, str] = {}
    office: dict[str, str] = {}
    date_format = DATE_FORMAT
    for i, a in enumerate(recap.annex, start=1):
        cat = category.get(a.category_code)
        if cat is None:
            cat = category[a.category_code] = recap.category_name(a.category_code)
        holder = office.get(a.holder_office)
        if holder is None:
            holder = office[a.holder_office] = recap.office_name_of(a.holder_office)
        received = WriteOnlyCell(sheet.ws, cast(Any, a.received_on))
        received.number_format = date_format
        sheet.ws.append(
            [
                i,
                a.register_no,
                a.tracking_id or "",
                received,
                labels.kind_label(a.kind),
                labels.channel_label(a.channel),
                a.category_code,
                cat,
                labels.status_label(a.status),
                holder,
                labels.CONFIDENTIAL_TITLE if a.title is None else a.title,
                labels.yes_no(a.followed_up),
            ]
        )


def render_xlsx(recap: Recap) -> bytes:
    """The recap workbook as bytes (see the module docstring for its sheets)."""
    wb = Workbook(write_only=True)
    as_of = recap.as_of.astimezone(UTC).replace(tzinfo=None)  # document properties are UTC
    props = wb.properties
    props.creator = labels.APP_NAME
    props.lastModifiedBy = labels.APP_NAME
    props.title = f"{labels.DOCUMENT_TITLE.title()} {labels.period_label(recap.period)}"
    props.subject = (
        labels.scope_name(recap) if recap.whole_pemda else f"{recap.office_name}, {recap.regency}"
    )
    props.language = "id-ID"
    props.created = as_of
    props.modified = as_of

    received = recap.received
    _summary(wb, recap)
    _satisfaction(wb, recap)
    _months(wb, recap)
    _counts(wb, "Status", "Kelompok status", recap.by_bucket, labels.bucket_label, received)
    _counts(wb, "Status rinci", "Status", recap.by_status, labels.status_label, received)
    _counts(
        wb,
        "Perangkat daerah",
        "Perangkat daerah pemegang",
        recap.by_holder_office,
        recap.office_name_of,
        received,
    )
    _counts(wb, "Kategori", "Kategori", recap.by_category, recap.category_name, received)
    _counts(wb, "Sub-kategori", "Sub-kategori", recap.by_subcategory, recap.category_name, received)
    _counts(wb, "Topik teratas", "Sub-kategori", recap.top_topics, recap.category_name, received)
    _counts(wb, "Kanal", "Kanal", recap.by_channel, labels.channel_label, received)
    _counts(wb, "Jenis", "Jenis aduan", recap.by_kind, labels.kind_label, received)
    _counts(wb, "Kadar", "Kadar aduan", recap.by_severity, labels.severity_label, received)
    _counts(
        wb, "Kecamatan", "Kecamatan", recap.by_kecamatan, labels.kecamatan_label, received, False
    )
    _timeliness(wb, recap)
    _overdue(wb, recap)
    _counts(
        wb,
        "Umur terlambat",
        "Umur keterlambatan",
        recap.overdue_aging,
        labels.aging_label,
        len(recap.overdue),
        False,
    )
    _destinations(wb, recap)
    _activity(wb, recap)
    _annex(wb, recap)

    return stamped_workbook(wb, as_of)
