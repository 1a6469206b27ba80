"""Draw the Laporan Pengelolaan Pengaduan (letters.model.ManagementReport) as PDF bytes.

A naskah dinas laporan on A4 or F4 with the office's kop surat, for a wet signature: the
LKE's outline as lettered sections, the tables as the recap computes them, the office's
own words for kendala, solusi and evaluasi, the signature block, then the annex. Built from
the same primitives as the letters (render.py), so kop, fonts and determinism are theirs:
the same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)

from lapor_desktop.letters.fonts import BOLD, REGULAR, ensure_fonts
from lapor_desktop.letters.model import ManagementReport
from lapor_desktop.letters.render import (
    MM,
    PAGE_SIZES,
    _build,
    _esc,
    _letterhead,
    _Marks,
    _para,
    _signatory_details,
    _signature_block,
    _Styles,
    _styles,
    _title_lines,
)

TITLE = "Laporan Pengelolaan Pengaduan"
# Where an office left a free text empty: room to write it in by hand before signing.
HANDWRITING_LINES = 3
_DOTS = "." * 110


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    st: _Styles,
    numeric_from: int | None = 1,
    scale: float = 0.86,
) -> Any:
    """A bordered table, header bold and repeated on every page; the columns from
    `numeric_from` on (None: none) hold numbers and are right-aligned."""
    plain, bold, right = _cell_styles(st.size * scale)
    data = [[Paragraph(_esc(h), bold) for h in header]]
    data += [
        [
            Paragraph(_esc(v), right if numeric_from is not None and i >= numeric_from else plain)
            for i, v in enumerate(row)
        ]
        for row in rows
    ]
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return LongTable(
        data, colWidths=[w * MM for w in widths], repeatRows=1, style=style, hAlign="LEFT"
    )


def _cell_styles(size: float) -> tuple[Any, Any, Any]:
    plain = ParagraphStyle("lpp_cell", fontName=REGULAR, fontSize=size, leading=size * 1.25)
    bold = ParagraphStyle("lpp_head", parent=plain, fontName=BOLD)
    right = ParagraphStyle("lpp_num", parent=plain, alignment=TA_RIGHT)
    return plain, bold, right


def _widths(columns: int, first: float, total: float) -> list[float]:
    return [first] + [(total - first) / (columns - 1)] * (columns - 1)


def _free_text(label: str, text: str, st: _Styles) -> list[Any]:
    """A labelled paragraph of the office's words, or dotted lines to write them in."""
    parts: list[Any] = [_para(label, st.text, "b")] if label else []
    if text.strip():
        parts += [_para(p, st.body) for p in text.strip().split("\n\n") if p.strip()]
    else:
        parts += [_para(_DOTS, st.text) for _ in range(HANDWRITING_LINES)]
    return parts


def render_management_report(report: ManagementReport) -> bytes:
    ensure_fonts()
    st = _styles(11.0)
    pagesize = PAGE_SIZES[report.paper]
    top, right, bottom, left = 12 * MM, 20 * MM, 20 * MM, 25 * MM
    width_mm = (pagesize[0] - left - right) / MM

    story: list[Any] = _letterhead(report.letterhead, width_mm * MM, st, logo_size=24 * MM)
    story += [_para(line, st.title) for line in report.title_lines]
    story.append(Spacer(1, st.size))

    def section(letter: str, title: str) -> None:
        story.extend([CondPageBreak(35 * MM), _para(f"{letter}. {title}", st.text, "b")])
        story.append(Spacer(1, st.size * 0.4))

    section("A", "Rekapitulasi jumlah pengaduan per bulan menurut jenis aduan")
    columns = len(report.month_header)
    story.append(_table(report.month_header, report.month_rows, _widths(columns, 30, width_mm), st))
    story.append(Spacer(1, st.size))

    section("B", "Tindak lanjut pengaduan")
    story += [_para(p, st.body) for p in report.follow_up]
    if report.timeliness_rows:
        columns = len(report.timeliness_header)
        story.append(
            _table(
                report.timeliness_header,
                report.timeliness_rows,
                _widths(columns, 55, width_mm),
                st,
            )
        )
    story.append(Spacer(1, st.size))

    section("C", "Kendala dan solusi")
    story += _free_text("Kendala:", report.obstacles, st)
    story += _free_text("Solusi:", report.solutions, st)
    story.append(Spacer(1, st.size * 0.6))
    section("D", "Hasil evaluasi atas tindak lanjut")
    story += _free_text("", report.evaluation, st)
    story.append(Spacer(1, st.size * 0.6))
    section("E", "Tindak lanjut hasil evaluasi")
    story += _free_text("", report.evaluation_follow_up, st)

    closing = _para(
        "Demikian laporan ini disampaikan sebagai bahan monitoring dan evaluasi pengelolaan "
        "pengaduan.",
        st.body,
    )
    signature = _signature_block(
        [report.place_date, *_title_lines(report.signatory.title)],
        report.signatory.name,
        _signatory_details(report.signatory),
        st,
        width=min(width_mm * MM * 0.5, 88 * MM),
        space=28 * MM,
    )
    # The signature never sits alone on a page: the closing sentence stays with it.
    story.append(KeepTogether([Spacer(1, st.size * 0.6), closing, Spacer(1, st.size), signature]))

    if report.annex_rows:
        story += [PageBreak(), _para("LAMPIRAN: DAFTAR PENGADUAN", st.title)]
        story.append(Spacer(1, st.size * 0.6))
        story.append(
            _table(
                report.annex_header,
                report.annex_rows,
                # Sized for "DISKOMINFO/2026/00001" and "Didisposisikan" on one line each.
                [7, 40, 21, 18, 38, 28, 13],
                st,
                numeric_from=None,
                scale=0.78,
            )
        )

    return _build(
        story,
        pagesize,
        (top, right, bottom, left),
        later_top=22 * MM,
        marks=_Marks(page_numbers=True),
        title=" ".join(line for line in report.title_lines[1:] if line) or TITLE,
        author=report.letterhead.office_name.strip(),
        subject=report.subject or TITLE,
    )


__all__ = ["HANDWRITING_LINES", "TITLE", "render_management_report"]
