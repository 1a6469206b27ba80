"""A register (`reports.register_sheet`) as a printable PDF: A4 landscape, for the archive
(DOMAIN.md §8.7.7, classification 000.5.3.1).

Layout: the office's kop (government, office, a double rule), the title ("BUKU AGENDA
PENGADUAN MASYARAKAT" or "REGISTER SURAT KELUAR"), "Periode: Maret 2026", "Keadaan per:" and
the archive code, a one-line note on what the register withholds, then the table. Every page
repeats the table's header row and carries "Halaman i dari N" in its foot.

As the recap's annex (`reports.pdf_export` says why): the cells are wrapped once into text
lines of fixed leading (a long title ends in "…" after three lines; the XLSX holds it whole),
and the rows are cut here into one table per page. The total page count reaches the foot
through a form drawn once at the end. DejaVu Serif, the letters' embedded typeface; the same
register gives the same bytes (invariant mode, metadata from the register, no clock).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from lapor_desktop.letters.fonts import BOLD, REGULAR, ensure_fonts
from lapor_desktop.reports import labels
from lapor_desktop.reports.pdf_page import CountingCanvas, DoubleRule, page_foot
from lapor_desktop.reports.register_sheet import (
    ARCHIVE_CODE,
    RegisterSheet,
    heading_lines,
    text_of,
)

MM = 72.0 / 25.4
PAGE = (297 * MM, 210 * MM)  # A4 landscape
MARGIN_X = 12 * MM
MARGIN_TOP = 12 * MM
MARGIN_BOTTOM = 16 * MM  # the foot sits in it
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

SIZE = 7.5
LEADING = 9.0
PAD_Y = 1.6
PAD_X = 2.5
_GRID = Color(0.55, 0.55, 0.55)
_HEAD_FILL = Color(0.9, 0.9, 0.9)


def _style(name: str, **kw: Any) -> Any:
    base: dict[str, Any] = {"fontName": REGULAR, "fontSize": 9, "leading": 11.5}
    base.update(kw)
    return ParagraphStyle(name, **base)


def _para(text: str, style: Any) -> Any:
    return Paragraph(escape(text), style)


def _front(sheet: RegisterSheet) -> list[Any]:
    heading = sheet.heading
    center = _style("center", alignment=TA_CENTER)
    parts: list[Any] = []
    regency = heading.regency.strip()
    if regency:
        gov = _style("gov", fontSize=12, leading=14.5, alignment=TA_CENTER)
        parts.append(_para(f"PEMERINTAH {regency.upper()}", gov))
    parts += [
        _para(
            heading.office_name.upper(),
            _style("office", fontName=BOLD, fontSize=14, leading=17.5, alignment=TA_CENTER),
        ),
        Spacer(1, 2),
        DoubleRule(FRAME_WIDTH),
        Spacer(1, 4),
        _para(
            sheet.title,
            _style("title", fontName=BOLD, fontSize=12, leading=15, alignment=TA_CENTER),
        ),
        _para(f"Periode: {labels.period_label(heading.period)}", center),
    ]
    # The office is in the kop and the period above: the rest of the title block.
    rest = [line for line in heading_lines(heading) if line.startswith(("Keadaan", "Kode"))]
    parts += [_para(" · ".join(rest), center), Spacer(1, 3)]
    parts += [_para(sheet.note, _style("note", fontSize=8, leading=10.5)), Spacer(1, 4)]
    return parts


class _Wrapper:
    """Text cut into at most `max_lines` lines of a column's width; repeated texts (a
    category, a status, an office) are cut once."""

    def __init__(self, width: float, max_lines: int, font: str = REGULAR) -> None:
        self.width = width - 2 * PAD_X
        self.max_lines = max_lines
        self.font = font
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        hit = self.cache.get(text)
        if hit is not None:
            return hit
        lines = [
            piece
            for line in simpleSplit(text, self.font, SIZE, self.width) or [""]
            for piece in self._cut(line)
        ]
        if len(lines) > self.max_lines:
            last = lines[self.max_lines - 1]
            while last and stringWidth(last + "…", self.font, SIZE) > self.width:
                last = last[:-1]
            lines = [*lines[: self.max_lines - 1], last.rstrip() + "…"]
        out = "\n".join(lines)
        if len(self.cache) < 4096:
            self.cache[text] = out
        return out

    def _cut(self, line: str) -> list[str]:
        """A line still wider than the column (one long word: a number, a name) in pieces."""
        pieces: list[str] = []
        while stringWidth(line, self.font, SIZE) > self.width and len(line) > 1:
            end = len(line) - 1
            while end > 1 and stringWidth(line[:end], self.font, SIZE) > self.width:
                end -= 1
            slash = line.rfind("/", 1, end)  # "DINSOS/2026/" + "00012", not "…0000" + "2"
            end = slash + 1 if slash > 0 else end
            pieces.append(line[:end])
            line = line[end:]
        pieces.append(line)
        return pieces


def _widths(sheet: RegisterSheet) -> list[float]:
    """The columns' widths scaled to fill the frame exactly."""
    total = sum(c.pdf_mm for c in sheet.columns)
    return [FRAME_WIDTH * c.pdf_mm / total for c in sheet.columns]


def _rows(sheet: RegisterSheet, widths: Sequence[float]) -> list[tuple[list[str], float]]:
    wraps = [_Wrapper(w, c.max_lines) for w, c in zip(widths, sheet.columns, strict=True)]
    rows: list[tuple[list[str], float]] = []
    for row in sheet.rows:
        cells = [wrap(text_of(value)) for wrap, value in zip(wraps, row, strict=True)]
        lines = max(cell.count("\n") for cell in cells) + 1
        rows.append((cells, lines * LEADING + 2 * PAD_Y))
    return rows


def _table(
    sheet: RegisterSheet,
    header: Sequence[str],
    header_height: float,
    widths: Sequence[float],
    rows: Sequence[tuple[list[str], float]],
) -> Any:
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, SIZE, LEADING),
        ("FONT", (0, 0), (-1, 0), BOLD, SIZE, LEADING),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_FILL),
        ("GRID", (0, 0), (-1, -1), 0.3, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    for i, column in enumerate(sheet.columns):
        if column.numeric:
            commands.append(("ALIGN", (i, 0), (i, -1), "RIGHT"))
    return Table(
        [list(header), *(cells for cells, _ in rows)],
        colWidths=list(widths),
        rowHeights=[header_height, *(h for _, h in rows)],
        repeatRows=1,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def _body(sheet: RegisterSheet, used: float) -> list[Any]:
    if not sheet.rows:
        return [_para("Tidak ada data pada periode ini.", _style("none", fontSize=9))]
    widths = _widths(sheet)
    header = [
        _Wrapper(w, 3, BOLD)(column.heading)
        for w, column in zip(widths, sheet.columns, strict=True)
    ]
    header_height = (max(h.count("\n") for h in header) + 1) * LEADING + 2 * PAD_Y
    story: list[Any] = []
    available = FRAME_HEIGHT - used
    page: list[tuple[list[str], float]] = []
    height = header_height
    slack = 1.0  # a table taller than its frame by a rounding would be split by reportlab
    for row in _rows(sheet, widths):
        if page and height + row[1] > available - slack:
            story += [_table(sheet, header, header_height, widths, page), PageBreak()]
            page, height, available = [], header_height, FRAME_HEIGHT
        page.append(row)
        height += row[1]
    story.append(_table(sheet, header, header_height, widths, page))
    return story


def _foot(sheet: RegisterSheet) -> Callable[[Any, Any], None]:
    heading = sheet.heading
    return page_foot(
        f"{sheet.short_title} · {heading.office_name} · {labels.period_label(heading.period)}"
        f" · Klasifikasi {ARCHIVE_CODE}",
        page_width=PAGE[0],
        margin_x=MARGIN_X,
        margin_bottom=MARGIN_BOTTOM,
        number_width=32 * MM,
    )


def render_register_pdf(sheet: RegisterSheet) -> bytes:
    ensure_fonts()
    heading = sheet.heading
    period = labels.period_label(heading.period)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{sheet.short_title} {period}",
        author=heading.office_name,
        subject=f"{heading.office_name}, {heading.regency}: {period}",
        creator=labels.APP_NAME,
        invariant=1,
        lang="id-ID",
        initialFontName=REGULAR,
        initialFontSize=9,
        initialLeading=11.5,
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
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_foot(sheet))])
    front = _front(sheet)
    used = sum(f.wrap(FRAME_WIDTH, FRAME_HEIGHT)[1] for f in front)
    used += sum(f.getSpaceBefore() + f.getSpaceAfter() for f in front)
    doc.build([*front, *_body(sheet, used + 2)], canvasmaker=CountingCanvas)
    return buffer.getvalue()


__all__ = ["PAGE", "render_register_pdf"]
