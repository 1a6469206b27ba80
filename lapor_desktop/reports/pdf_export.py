"""The recap as a printable A4 PDF (reportlab platypus): the document an OPD signs, mails and
attaches to its Zona Integritas evidence (DOMAIN.md §6.2, §8.7).

Layout: the office's kop (government, office, a double rule), the title, "Periode: Maret 2026"
or "Periode: Tahun 2026" and "Keadaan per: 5 April 2026"; the headline numbers (diterima,
tingkat tindak lanjut, both tingkat penyelesaian, fasilitasi); Kepuasan pelapor (rated, average
rating, puas, re-opened); the tables in the order of the CSV; the overdue list; and, from a new
page, the annex of every counted case. Every page carries "Halaman i dari N" in its foot.

A whole-Pemda recap keeps the kop of the office that made it (the coordinator, e.g. the
Diskominfo: a kop names who issues the document, as on its letters) and says whose numbers
they are under the title, "SELURUH PERANGKAT DAERAH KABUPATEN SUMENEP", and in the foot. Its
"Menurut perangkat daerah pemegang" table is the per-OPD table; an office's recap has it too
(which of its cases other OPDs hold now).

The annex may hold tens of thousands of cases (a whole Pemda's year). Its rows are wrapped
once into plain text lines (a few at most per cell), measured with fixed leading, and cut
here into one small table per page, each under its own header row: one long table would be
re-split at every page, work that grows faster than the rows (25,000 cases: 8.5 s CPU as one
LongTable, 3.4 s cut per page; 761 pages, 2.9 MB, ~86 MiB peak of Python allocations).
`annex_limit` can cap the annex; the PDF then says how many cases it left to the XLSX.
The total page count reaches the foot through a form drawn once at the end, so no page is
kept in memory to be numbered later.

The text is DejaVu Serif, the letters' embedded typeface (`letters.fonts`), so "—", "≤", "÷"
and every Indonesian name print; the same recap gives the same bytes (invariant mode, metadata
from the recap, no clock).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from lapor_desktop.letters.fonts import BOLD, REGULAR, ensure_fonts
from lapor_desktop.reports import labels
from lapor_desktop.reports.model import AnnexCase, Count, Recap
from lapor_desktop.reports.pdf_page import CountingCanvas, DoubleRule, page_foot

MM = 72.0 / 25.4
PAGE = (210 * MM, 297 * MM)  # A4 portrait
MARGIN_X = 16 * MM
MARGIN_TOP = 14 * MM
MARGIN_BOTTOM = 18 * MM  # the foot (page number) sits in it
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

BASE_SIZE = 9.5
ANNEX_SIZE = 7.0
ANNEX_LEADING = 8.4
ANNEX_PAD = 1.6  # top and bottom padding of an annex cell
# The printed overdue list stops after this many, most late first: a list of thousands belongs
# in the XLSX (and each case is in the annex anyway); as one table it also took reportlab
# ~20 s for 10,000 rows (a year of the 100,000-case demo), growing faster than the list.
OVERDUE_LIMIT = 200
ANNEX_MAX_LINES = 3  # of the title; longer titles end in "…" (the XLSX holds them whole)

_GRID = Color(0.55, 0.55, 0.55)
_HEAD_FILL = Color(0.9, 0.9, 0.9)


# --------------------------------------------------------------------------------------------
# Styles and small pieces


@dataclass(frozen=True, slots=True)
class _Styles:
    kop_gov: Any
    kop_office: Any
    title: Any
    center: Any
    heading: Any
    text: Any
    cell: Any
    cell_small: Any
    cell_bold: Any
    cell_bold_right: Any
    note: Any


@lru_cache(maxsize=1)
def _styles() -> _Styles:
    def style(name: str, **kw: Any) -> Any:
        base: dict[str, Any] = {
            "fontName": REGULAR,
            "fontSize": BASE_SIZE,
            "leading": BASE_SIZE * 1.3,
            "alignment": TA_LEFT,
            "splitLongWords": 1,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return _Styles(
        kop_gov=style("kop_gov", fontSize=12.5, leading=15, alignment=TA_CENTER),
        kop_office=style(
            "kop_office", fontName=BOLD, fontSize=15, leading=18.5, alignment=TA_CENTER
        ),
        title=style("title", fontName=BOLD, fontSize=12.5, leading=16, alignment=TA_CENTER),
        center=style("center", alignment=TA_CENTER),
        heading=style(
            "heading", fontName=BOLD, fontSize=10.5, leading=13.5, spaceBefore=9, spaceAfter=4
        ),
        text=style("text"),
        cell=style("cell", fontSize=8.5, leading=10.5),
        cell_small=style("cell_small", fontSize=7.5, leading=9.5),
        cell_bold=style("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5),
        cell_bold_right=style(
            "cell_bold_right", fontName=BOLD, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
        ),
        note=style("note", fontSize=8.5, leading=11, textColor=Color(0.25, 0.25, 0.25)),
    )


def _para(text: str, style: Any, bold: bool = False) -> Any:
    inner = escape(text)
    return Paragraph(f"<b>{inner}</b>" if bold else inner, style)


def _para_lines(lines: Sequence[str], style: Any) -> Any:
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def _table_style(numeric_from: int, *extra: tuple[Any, ...]) -> Any:
    """Grid, bold grey header, numbers right-aligned from column `numeric_from`, our font for
    plain-string cells (reportlab would fall back to Helvetica, a font we do not embed)."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5, 10.5),
        ("FONT", (0, 0), (-1, 0), BOLD, 8.5, 10.5),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
    ]
    return TableStyle(commands + list(extra))


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    numeric_from: int,
    *extra: tuple[Any, ...],
) -> Any:
    s = _styles()
    head = [
        _para(h, s.cell_bold_right if i >= numeric_from else s.cell_bold)
        for i, h in enumerate(header)
    ]
    return LongTable(
        [head, *rows],
        colWidths=[w * MM for w in widths],
        repeatRows=1,
        style=_table_style(numeric_from, *extra),
        hAlign="LEFT",
    )


def _section(title: str, body: Any) -> list[Any]:
    """A heading kept with the start of its table (never alone at a page's foot)."""
    return [CondPageBreak(40 * MM), _para(title, _styles().heading), body]


def _none_note() -> Any:
    return _para("Tidak ada data pada periode ini.", _styles().note)


# --------------------------------------------------------------------------------------------
# The front part: kop, title, headline numbers, tables


def _kop(recap: Recap) -> list[Any]:
    s = _styles()
    regency = recap.regency.strip()
    government = f"PEMERINTAH {regency.upper()}" if regency else ""
    parts: list[Any] = []
    if government:
        parts.append(_para(government, s.kop_gov))
    parts += [
        _para(recap.office_name.upper(), s.kop_office),
        Spacer(1, 2),
        DoubleRule(FRAME_WIDTH),
    ]
    return parts


def _title(recap: Recap) -> list[Any]:
    s = _styles()
    # An office's name is in its kop already; a Pemda recap's scope is not the kop's office.
    scope = [_para(labels.scope_name(recap).upper(), s.title)] if recap.whole_pemda else []
    return [
        Spacer(1, 6),
        _para(labels.DOCUMENT_TITLE, s.title),
        *scope,
        Spacer(1, 3),
        _para(f"Periode: {labels.period_label(recap.period)}", s.center),
        _para(f"Keadaan per: {labels.as_of_date(recap)}", s.center),
        Spacer(1, 4),
    ]


def _headline(recap: Recap) -> Any:
    s = _styles()
    body = [
        [
            _para(labels.HEADLINE[code], s.cell),
            labels.number(value),
            labels.percent(pct) if code != "diterima" else "",
        ]
        for code, value, pct in labels.headline(recap)
    ]
    return _table(["Uraian", "Jumlah", "Persen"], body, [118, 30, 30], 1)


def _satisfaction(recap: Recap) -> Any:
    s = _styles()
    body = []
    for code, value, pct in labels.satisfaction(recap):
        if code == labels.AVERAGE_CODE:
            shown = labels.decimal(value)
        else:
            shown = labels.number(int(value or 0))
        body.append(
            [
                _para(labels.SATISFACTION[code], s.cell),
                shown,
                "" if code == labels.AVERAGE_CODE else labels.percent(pct),
            ]
        )
    return _table(["Uraian", "Nilai", "Persen"], body, [118, 30, 30], 1)


def _counts(
    title: str,
    what: str,
    counts: Sequence[Count],
    name: Callable[[str], str],
    whole: int,
) -> list[Any]:
    if not counts:
        return _section(title, _none_note())
    s = _styles()
    body = [
        [
            str(i),
            _para(name(c.code), s.cell),
            labels.number(c.count),
            labels.percent(labels.share(c.count, whole)),
        ]
        for i, c in enumerate(counts, start=1)
    ]
    total = sum(c.count for c in counts)
    body.append(["", _para("Jumlah", s.cell_bold), labels.number(total), ""])
    table = _table(
        ["No", what, "Jumlah", "Persen"],
        body,
        [10, 118, 25, 25],
        2,
        ("FONT", (2, -1), (2, -1), BOLD, 8.5, 10.5),
    )
    return _section(title, table)


def _months(recap: Recap) -> list[Any]:
    title = labels.SECTION["per_bulan"]
    if not recap.by_month:
        return _section(title, _none_note())
    kinds = [c.code for c in recap.by_month[0].by_kind]
    header = ["Bulan", *(labels.kind_label(k) for k in kinds), "Jumlah"]
    body: list[list[Any]] = []
    totals = [0] * len(kinds)
    for row in recap.by_month:
        by_kind = {c.code: c.count for c in row.by_kind}
        values = [by_kind.get(k, 0) for k in kinds]
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        body.append(
            [labels.month_name(row.month), *map(labels.number, values), labels.number(row.total)]
        )
    extra: list[tuple[Any, ...]] = []
    if len(recap.by_month) > 1:
        body.append(["Jumlah", *map(labels.number, totals), labels.number(sum(totals))])
        extra.append(("FONT", (0, -1), (-1, -1), BOLD, 8.5, 10.5))
    first = 30.0
    rest = (FRAME_WIDTH / MM - first) / (len(kinds) + 1)
    return _section(title, _table(header, body, [first] + [rest] * (len(kinds) + 1), 1, *extra))


def _timeliness(recap: Recap) -> list[Any]:
    title = labels.SECTION["ketepatan_waktu"]
    if not recap.timeliness:
        return _section(title, _none_note())
    s = _styles()
    t_labels = labels.TIMELINESS
    header = [
        "Tahap",
        t_labels["selesai"],
        t_labels["tepat_waktu"],
        "% tepat waktu",
        t_labels["melewati_tenggat"],
        t_labels["berjalan"],
        t_labels["berjalan_terlambat"],
        t_labels["median_hk"],
        t_labels["p90_hk"],
    ]
    body = [
        [
            _para(labels.stage_label(t.stage), s.cell),
            labels.number(t.completed),
            labels.number(t.met),
            labels.percent(t.met_percent),
            labels.number(t.missed),
            labels.number(t.open_running),
            labels.number(t.open_overdue),
            labels.decimal(t.median_working_days),
            labels.decimal(t.p90_working_days),
        ]
        for t in recap.timeliness
    ]
    note = _para(
        "HK = hari kerja. Median dan P90 dihitung atas tahap yang selesai; \u201cberjalan, "
        "terlambat\u201d = tahap yang masih berjalan melewati tenggat pada saat keadaan.",
        s.note,
    )
    table = _table(header, body, [38, 17, 17, 18, 18, 17, 19, 17, 17], 1)
    return [*_section(title, table), Spacer(1, 2), note]


def _overdue(recap: Recap) -> list[Any]:
    parts = _counts(
        labels.SECTION["umur_terlambat"],
        "Umur keterlambatan",
        recap.overdue_aging,
        labels.aging_label,
        len(recap.overdue),
    )
    title = labels.SECTION["terlambat"]
    if not recap.overdue:
        return parts + _section(title, _none_note())
    s = _styles()
    body = [
        [
            str(i),
            _para_lines([o.register_no, o.tracking_id or labels.NO_TRACKING_ID], s.cell_small),
            labels.short_date(o.received_on),
            _para(labels.stage_label(o.stage), s.cell),
            labels.short_date(o.due_on),
            _para(recap.office_name_of(o.holder_office), s.cell),
            _para(labels.status_label(o.status), s.cell),
            labels.number(o.working_days_late),
        ]
        for i, o in enumerate(recap.overdue[:OVERDUE_LIMIT], start=1)
    ]
    header = [
        "No",
        "Nomor register / tracking",
        "Diterima",
        "Tahap",
        "Tenggat",
        "Pemegang",
        "Status",
        "Lewat (HK)",
    ]
    table = _table(header, body, [8, 36, 19, 24, 19, 26, 29, 17], 7)
    left_out = len(recap.overdue) - len(body)
    if not left_out:
        return parts + _section(title, table)
    more = _para(
        f"… dan {labels.number(left_out)} pengaduan terlambat lainnya, lihat berkas XLSX "
        "(lembar \u201cTerlambat\u201d).",
        s.text,
    )
    return parts + _section(title, table) + [Spacer(1, 4), more]


def _destinations(recap: Recap) -> list[Any]:
    received = recap.received
    name = recap.office_name_of
    return [
        *_counts(
            labels.SECTION["diteruskan"], "Instansi tujuan", recap.forwarded_to, name, received
        ),
        *_counts(
            labels.SECTION["didisposisikan"], "Perangkat daerah", recap.disposed_to, name, received
        ),
    ]


def _activity(recap: Recap) -> list[Any]:
    title = labels.SECTION["keaktifan"]
    if not recap.operator_activity:
        return _section(title, _none_note())
    s = _styles()
    body = [
        [
            str(i),
            _para(recap.office_name_of(a.office), s.cell),
            _para(a.actor, s.cell),
            labels.number(a.actions),
            labels.number(a.active_days),
            labels.short_date(a.last_active_on),
        ]
        for i, a in enumerate(recap.operator_activity, start=1)
    ]
    header = [
        "No",
        "Perangkat daerah",
        "Operator",
        labels.ACTIVITY["tindakan"],
        labels.ACTIVITY["hari_aktif"],
        labels.ACTIVITY["terakhir_aktif"],
    ]
    return _section(title, _table(header, body, [10, 64, 38, 22, 20, 24], 3))


def _front(recap: Recap) -> list[Any]:
    received = recap.received
    cat = recap.category_name
    story: list[Any] = [*_kop(recap), *_title(recap)]
    story += _section(labels.SECTION["ringkasan"], _headline(recap))
    story += _section(labels.SECTION["kepuasan"], _satisfaction(recap))
    story += _months(recap)
    story += _counts(
        labels.SECTION["kelompok_status"], "Status", recap.by_bucket, labels.bucket_label, received
    )
    story += _counts(
        labels.SECTION["status"], "Status", recap.by_status, labels.status_label, received
    )
    story += _counts(
        labels.SECTION["pemegang"],
        "Perangkat daerah",
        recap.by_holder_office,
        recap.office_name_of,
        received,
    )
    story += _counts(labels.SECTION["kategori"], "Kategori", recap.by_category, cat, received)
    story += _counts(
        labels.SECTION["sub_kategori"], "Sub-kategori", recap.by_subcategory, cat, received
    )
    story += _counts(
        labels.SECTION["topik_teratas"], "Sub-kategori", recap.top_topics, cat, received
    )
    story += _counts(
        labels.SECTION["kanal"], "Kanal", recap.by_channel, labels.channel_label, received
    )
    story += _counts(
        labels.SECTION["jenis"], "Jenis aduan", recap.by_kind, labels.kind_label, received
    )
    story += _counts(
        labels.SECTION["kadar"], "Kadar aduan", recap.by_severity, labels.severity_label, received
    )
    story += _counts(
        labels.SECTION["kecamatan"],
        "Kecamatan",
        recap.by_kecamatan,
        labels.kecamatan_label,
        received,
    )
    story += _timeliness(recap)
    story += _overdue(recap)
    story += _destinations(recap)
    story += _activity(recap)
    return story


# --------------------------------------------------------------------------------------------
# The annex: rows wrapped once, cut into one table per page

# (header, width in mm, most lines a cell of the column may take)
_ANNEX_COLUMNS: tuple[tuple[str, float, int], ...] = (
    ("No", 11, 1),
    ("Nomor register /\ntracking", 36, 2),
    ("Diterima", 18, 1),
    ("Kategori", 34, 2),
    ("Status", 23, 2),
    ("Perihal", 46, ANNEX_MAX_LINES),
    ("TL", 10, 1),
)
_ANNEX_HPAD = 2.5  # left and right padding of an annex cell, points


class _Wrapper:
    """Text cut into lines of a column's width, at the annex's size; repeated texts (category
    and status names, the same holder) are cut once."""

    def __init__(self, width_mm: float, max_lines: int) -> None:
        self.width = width_mm * MM - 2 * _ANNEX_HPAD
        self.max_lines = max_lines
        self.cache: dict[str, str] = {}

    def __call__(self, text: str, keep: bool = False) -> str:
        hit = self.cache.get(text)
        if hit is not None:
            return hit
        lines: list[str] = simpleSplit(text, REGULAR, ANNEX_SIZE, self.width) or [""]
        if len(lines) > self.max_lines:
            last = lines[self.max_lines - 1]
            while last and stringWidth(last + "…", REGULAR, ANNEX_SIZE) > self.width:
                last = last[:-1]
            lines = [*lines[: self.max_lines - 1], last.rstrip() + "…"]
        out = "\n".join(lines)
        if keep:
            self.cache[text] = out
        return out


def _annex_rows(recap: Recap, cases: Sequence[AnnexCase]) -> list[tuple[list[str], float]]:
    """Each case as its cells (text lines joined by newlines) and its row height."""
    wraps = [_Wrapper(width, lines) for _, width, lines in _ANNEX_COLUMNS]
    cat, status, title = wraps[3], wraps[4], wraps[5]
    category_names: dict[str, str] = {}
    rows: list[tuple[list[str], float]] = []
    for i, a in enumerate(cases, start=1):
        name = category_names.get(a.category_code)
        if name is None:
            name = category_names[a.category_code] = recap.category_name(a.category_code)
        cells = [
            str(i),
            f"{a.register_no}\n{a.tracking_id or labels.NO_TRACKING_ID}",
            labels.short_date(a.received_on),
            cat(name, keep=True),
            status(labels.status_label(a.status), keep=True),
            title(labels.CONFIDENTIAL_TITLE if a.title is None else a.title),
            labels.yes_no(a.followed_up),
        ]
        lines = max(cell.count("\n") for cell in cells) + 1
        rows.append((cells, lines * ANNEX_LEADING + 2 * ANNEX_PAD))
    return rows


def _annex_table(rows: Sequence[tuple[list[str], float]], header_height: float) -> Any:
    header = [h for h, _, _ in _ANNEX_COLUMNS]
    return Table(
        [header, *(cells for cells, _ in rows)],
        colWidths=[w * MM for _, w, _ in _ANNEX_COLUMNS],
        rowHeights=[header_height, *(h for _, h in rows)],
        repeatRows=1,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, ANNEX_SIZE, ANNEX_LEADING),
                ("FONT", (0, 0), (-1, 0), BOLD, ANNEX_SIZE, ANNEX_LEADING),
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD_FILL),
                ("GRID", (0, 0), (-1, -1), 0.3, _GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (0, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), _ANNEX_HPAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), _ANNEX_HPAD),
                ("TOPPADDING", (0, 0), (-1, -1), ANNEX_PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), ANNEX_PAD),
            ]
        ),
        hAlign="LEFT",
    )


def _annex(recap: Recap, limit: int | None) -> list[Any]:
    s = _styles()
    cases = recap.annex if limit is None else recap.annex[:limit]
    left_out = len(recap.annex) - len(cases)
    heading = _para(labels.SECTION["lampiran"], s.heading)
    intro = _para(
        f"{labels.number(len(recap.annex))} pengaduan yang dihitung, menurut nomor register. "
        "Perihal pengaduan yang dirahasiakan tidak ditampilkan; TL = sudah ada tindak lanjut. "
        "Data pelapor tidak dimuat.",
        s.note,
    )
    story: list[Any] = [PageBreak(), heading, intro, Spacer(1, 4)]
    if not cases:
        return [*story, _none_note()]
    used = sum(f.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] for f in (heading, intro)) + 4
    used += heading.getSpaceAfter() + intro.getSpaceAfter()  # spaceBefore is dropped at a page top
    header_height = 2 * ANNEX_LEADING + 2 * ANNEX_PAD  # "Nomor register / tracking" takes two
    available = FRAME_HEIGHT - used
    page: list[tuple[list[str], float]] = []
    height = header_height
    # A little slack: a table taller than its frame by a rounding would be split by reportlab.
    slack = 1.0
    for row in _annex_rows(recap, cases):
        if page and height + row[1] > available - slack:
            story += [_annex_table(page, header_height), PageBreak()]
            page, height, available = [], header_height, FRAME_HEIGHT
        page.append(row)
        height += row[1]
    story.append(_annex_table(page, header_height))
    if left_out:
        story += [
            Spacer(1, 4),
            _para(
                f"… dan {labels.number(left_out)} pengaduan lainnya, lihat berkas XLSX "
                "(lembar \u201cLampiran\u201d).",
                s.text,
            ),
        ]
    return story


# --------------------------------------------------------------------------------------------
# The document


def _foot(recap: Recap) -> Callable[[Any, Any], None]:
    who = labels.scope_name(recap)
    return page_foot(
        f"Rekapitulasi pengaduan · {who} · {labels.period_label(recap.period)}",
        page_width=PAGE[0],
        margin_x=MARGIN_X,
        margin_bottom=MARGIN_BOTTOM,
        number_width=30 * MM,
    )


def render_pdf(recap: Recap, annex_limit: int | None = None) -> bytes:
    """The recap document as PDF bytes; `annex_limit` caps the annex's rows (None: all)."""
    ensure_fonts()
    buffer = io.BytesIO()
    period = labels.period_label(recap.period)
    # A Pemda recap's scope name carries the regency already.
    subject = labels.scope_name(recap)
    if not recap.whole_pemda:
        subject = f"{subject}, {recap.regency}"
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"Rekapitulasi Pengaduan Masyarakat {period}",
        author=recap.office_name,
        subject=f"{subject}: {period}",
        creator=labels.APP_NAME,
        invariant=1,
        lang="id-ID",
        initialFontName=REGULAR,
        initialFontSize=BASE_SIZE,
        initialLeading=BASE_SIZE * 1.3,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_foot(recap))])
    doc.build([*_front(recap), *_annex(recap, annex_limit)], canvasmaker=CountingCanvas)
    return buffer.getvalue()
