"""Draw the letters as PDF bytes, per Tata Naskah Dinas (Permendagri 1/2023).

Three entry points, called by the letters service:

- `render_letter` (Surat Tanggapan / Penerusan / Permintaan Kelengkapan) on F4 or A4;
- `render_disposition_sheet` (Lembar Disposisi) on half F4 (215 x 165 mm) or A5 landscape;
- `render_receipt` (Tanda Terima Pengaduan) on F4 or A4.

Every PDF embeds a subset of DejaVu Serif (never one of the 14 standard fonts), and the same input
always gives the same bytes (reportlab's invariant mode, fixed metadata), so a reprint is
byte-identical. Letters are laid out for a wet signature and the office stamp: nothing here
imitates an electronic signature (no QR code, no "ditandatangani secara elektronik").
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from lapor_desktop.letters.fonts import BOLD, REGULAR, ensure_fonts
from lapor_desktop.letters.model import (
    SIFAT_CHOICES,
    DispositionSheet,
    FormalLetter,
    Letterhead,
    LetterKind,
    Paper,
    Receipt,
    Signatory,
)

MM = 72.0 / 25.4  # points per millimetre

PAGE_SIZES: dict[Paper, tuple[float, float]] = {
    Paper.F4: (215 * MM, 330 * MM),
    Paper.A4: (210 * MM, 297 * MM),
}
# The Lembar Disposisi: half a folio sheet (cut across), or A5 landscape on A4 paper.
SHEET_SIZES: dict[Paper, tuple[float, float]] = {
    Paper.F4: (215 * MM, 165 * MM),
    Paper.A4: (210 * MM, 148 * MM),
}

LETTER_TITLES: dict[LetterKind, str] = {
    LetterKind.RESPONSE: "Surat Tanggapan Pengaduan",
    LetterKind.FORWARD: "Surat Penerusan Pengaduan",
    LetterKind.COMPLETION: "Surat Permintaan Kelengkapan Data",
}
CREATOR = "LAPOR Desktop"
CONFIDENTIAL_MARK = "RAHASIA"
DRAFT_MARK = "DRAFT"
TICK_MARK = "X"  # drawn as text inside a ticked box, so it prints crisply and can be searched


# --------------------------------------------------------------------------------------------
# Text and styles


def _esc(text: str) -> str:
    """Text as given, made safe for Paragraph markup; line breaks kept."""
    return escape(text.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


@dataclass(frozen=True, slots=True)
class _Styles:
    size: float
    kop_gov: Any
    kop_office: Any
    kop_small: Any
    text: Any
    text_center: Any
    body: Any
    small: Any
    numbered: Any
    bullet: Any
    title: Any


@lru_cache(maxsize=4)
def _styles(size: float) -> _Styles:
    """The paragraph styles for a base size: 11 pt letters and receipts, 8.5 pt the sheet."""
    lead = size * 1.32
    small = size * 0.9

    def style(name: str, **kw: Any) -> Any:
        base: dict[str, Any] = {
            "fontName": REGULAR,
            "fontSize": size,
            "leading": lead,
            "alignment": TA_LEFT,
            "splitLongWords": 1,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    kop = size / 11.0
    return _Styles(
        size=size,
        kop_gov=style("kop_gov", fontSize=13 * kop, leading=15.5 * kop, alignment=TA_CENTER),
        kop_office=style(
            "kop_office", fontName=BOLD, fontSize=17 * kop, leading=20 * kop, alignment=TA_CENTER
        ),
        kop_small=style("kop_small", fontSize=9.5 * kop, leading=11.5 * kop, alignment=TA_CENTER),
        text=style("text"),
        text_center=style("text_center", alignment=TA_CENTER),
        body=style(
            "body",
            alignment=TA_JUSTIFY,
            firstLineIndent=12.5 * MM,
            leading=size * 1.45,
            spaceAfter=size * 0.55,
        ),
        small=style("small", fontSize=small, leading=small * 1.3),
        numbered=style(
            "numbered",
            fontSize=small,
            leading=small * 1.3,
            leftIndent=small * 1.8,
            bulletIndent=0,
            bulletFontName=REGULAR,
            bulletFontSize=small,
        ),
        bullet=style(
            "bullet",
            leftIndent=size * 1.4,
            bulletIndent=size * 0.2,
            bulletFontName=REGULAR,
            bulletFontSize=size,
            spaceAfter=size * 0.15,
        ),
        title=style(
            "title",
            fontName=BOLD,
            fontSize=size * 1.2,
            leading=size * 1.5,
            alignment=TA_CENTER,
        ),
    )


def _para(text: str, style: Any, markup: str = "") -> Any:
    """A Paragraph of literal text, optionally wrapped in simple markup tags ("b", "u", "bu")."""
    inner = _esc(text)
    if "u" in markup:
        inner = f"<u>{inner}</u>"
    if "b" in markup:
        inner = f"<b>{inner}</b>"
    return Paragraph(inner, style)


def _fit(text: str, font: str, size: float, width: float, floor: float) -> float:
    """The largest size <= `size` (down to `floor`) at which `text` fits on one line."""
    natural = float(stringWidth(text, font, size))
    if natural <= width:
        return size
    return max(floor, size * width / natural * 0.995)


def _grid_style(*commands: tuple[Any, ...], font_size: float = 11) -> Any:
    """A table style with no padding and our font for any plain-string cell (reportlab falls
    back to Helvetica otherwise, which would bring a standard font into the PDF)."""
    base: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, font_size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    return TableStyle(base + list(commands))


# --------------------------------------------------------------------------------------------
# Small flowables


class _DoubleRule(Flowable):  # type: ignore[misc]
    """The kop's closing double rule: a thick line over a thin one."""

    def __init__(self, width: float, thick: float, thin: float, gap: float, after: float) -> None:
        super().__init__()
        self.rule_width = width
        self.thick, self.thin, self.gap, self.after = thick, thin, gap, after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.rule_width, self.thick + self.gap + self.thin + self.after

    def draw(self) -> None:
        c = self.canv
        top = self.thick + self.gap + self.thin + self.after
        c.setLineWidth(self.thick)
        y = top - self.thick / 2
        c.line(0, y, self.rule_width, y)
        c.setLineWidth(self.thin)
        y = top - self.thick - self.gap - self.thin / 2
        c.line(0, y, self.rule_width, y)


class _Logo(Flowable):  # type: ignore[misc]
    """The regional emblem, scaled into a box keeping its proportions, centred vertically."""

    def __init__(self, image: Any, box_width: float, box_height: float) -> None:
        super().__init__()
        iw, ih = image.getSize()
        scale = min(box_width / iw, box_height / ih)
        self.image = image
        self.w, self.h = iw * scale, ih * scale
        self.box_width, self.box_height = box_width, box_height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.box_width, self.box_height

    def draw(self) -> None:
        x = (self.box_width - self.w) / 2
        y = (self.box_height - self.h) / 2
        self.canv.drawImage(self.image, x, y, self.w, self.h, mask="auto")


class _CheckItem(Flowable):  # type: ignore[misc]
    """A checkbox (an open square; ticked: an X inside) followed by its wrapped label."""

    def __init__(self, label: str, ticked: bool, style: Any) -> None:
        super().__init__()
        self.ticked = ticked
        self.style = style
        self.box = style.fontSize * 1.0
        self.gap = style.fontSize * 0.5
        self.label = _para(label, style)
        self.width = self.height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        indent = self.box + self.gap
        _, h = self.label.wrap(max(avail_width - indent, 1.0), avail_height)
        self.width = avail_width
        self.height = max(h, self.style.leading)
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        size, lead = self.style.fontSize, self.style.leading
        baseline = self.height - lead + (lead - size) / 2 + size * 0.18
        y = baseline - size * 0.08
        c.setLineWidth(0.7)
        c.rect(0, y, self.box, self.box, stroke=1, fill=0)
        if self.ticked:
            c.setFont(BOLD, size * 0.82)
            c.drawCentredString(self.box / 2, y + self.box * 0.2, TICK_MARK)
        self.label.drawOn(c, self.box + self.gap, self.height - self.label.height)


def _check_table(
    items: Sequence[tuple[str, bool]], style: Any, width: float, columns: int = 1
) -> Any:
    """Checkboxes in `columns` columns, filled column by column."""
    if not items:
        return Spacer(1, style.leading)
    columns = max(1, min(columns, len(items)))
    per_column = math.ceil(len(items) / columns)
    rows: list[list[Any]] = []
    for r in range(per_column):
        row: list[Any] = []
        for col in range(columns):
            i = col * per_column + r
            row.append(_CheckItem(*items[i], style) if i < len(items) else "")
        rows.append(row)
    pad = style.fontSize * 0.18
    return Table(
        rows,
        colWidths=[width / columns] * columns,
        style=_grid_style(
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), style.fontSize * 0.6),
            font_size=style.fontSize,
        ),
        hAlign="LEFT",
    )


def _inline_checks(items: Sequence[tuple[str, bool]], style: Any) -> Any:
    """Checkboxes side by side on one line (the Sifat choices)."""
    widths = [
        stringWidth(label, REGULAR, style.fontSize) + style.fontSize * 3.2 for label, _ in items
    ]
    cells = [_CheckItem(label, ticked, style) for label, ticked in items]
    return Table(
        [cells],
        colWidths=widths,
        style=_grid_style(font_size=style.fontSize),
        hAlign="LEFT",
    )


def _with_choices(
    options: Iterable[str], chosen: Iterable[str], blank: bool
) -> list[tuple[str, bool]]:
    """The checklist: every option, ticked when chosen; a chosen value missing from the
    options is appended (ticked) rather than silently dropped."""
    options = [o for o in options if o.strip()]
    picked = {c.strip().casefold() for c in chosen if c.strip()}
    items = [(o, not blank and o.strip().casefold() in picked) for o in options]
    if not blank:
        known = {o.strip().casefold() for o in options}
        for c in chosen:
            key = c.strip().casefold()
            if key and key not in known:
                known.add(key)
                items.append((c.strip(), True))
    return items


# --------------------------------------------------------------------------------------------
# Logo cache: decoding a PNG once per process, not once per letter


_logo_lock = threading.Lock()
_logo_cache: dict[tuple[str, int, int], Any] = {}


def _logo_image(path_text: str) -> Any | None:
    """The logo as a reportlab ImageReader, or None when there is none, it is missing or it is
    not a readable image (a letter still prints without its logo)."""
    if not path_text.strip():
        return None
    path = Path(path_text)
    try:
        stat = path.stat()
    except OSError:
        return None
    if not path.is_file():
        return None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    with _logo_lock:
        cached = _logo_cache.get(key)
        if cached is not None:
            return cached
    try:
        reader = ImageReader(str(path))
        reader.getSize()
        reader.getRGBData()  # decode now: a damaged file fails here, not mid-build
    except Exception:
        return None
    with _logo_lock:
        if len(_logo_cache) > 8:
            _logo_cache.clear()
        _logo_cache[key] = reader
    return reader


# --------------------------------------------------------------------------------------------
# Shared blocks


def _letterhead(head: Letterhead, width: float, st: _Styles, logo_size: float) -> list[Any]:
    """Kop surat: logo left, centred lines, then the double rule."""
    logo = _logo_image(head.logo_path)
    text_width = width - (logo_size + 2 * MM if logo is not None else 0.0)
    small = st.kop_small
    lines: list[Any] = []
    if head.government.strip():
        lines.append(_para(head.government, st.kop_gov))
    size = _fit(head.office_name, BOLD, st.kop_office.fontSize, text_width, st.size * 1.1)
    office = ParagraphStyle("kop_office_fit", parent=st.kop_office, fontSize=size)
    office.leading = max(size * 1.2, st.kop_office.leading * 0.85)
    lines.append(_para(head.office_name, office))
    contacts = ", ".join(
        f"{label} {value.strip()}"
        for label, value in (
            ("Telepon", head.phone),
            ("Pos-el", head.email),
            ("Laman", head.website),
        )
        if value.strip()
    )
    place = " ".join(p.strip() for p in (head.city, head.postal_code) if p.strip())
    for line in (head.address, contacts, place):
        if line.strip():
            fitted = _fit(line.strip(), REGULAR, small.fontSize, text_width, small.fontSize * 0.86)
            line_style = ParagraphStyle("kop_line", parent=small, fontSize=fitted)
            lines.append(_para(line, line_style))
    rule = _DoubleRule(
        width, thick=st.size * 0.2, thin=st.size * 0.07, gap=st.size * 0.14, after=st.size * 0.9
    )
    if logo is None:
        block = Table(
            [[lines]], colWidths=[width], style=_grid_style(font_size=st.size), hAlign="LEFT"
        )
    else:
        block = Table(
            [[_Logo(logo, logo_size, logo_size), lines]],
            colWidths=[logo_size + 2 * MM, text_width],
            style=_grid_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), font_size=st.size),
            hAlign="LEFT",
        )
    return [block, Spacer(1, st.size * 0.3), rule]


def _title_lines(title: str) -> list[str]:
    """The jabatan, line by line, ending with the customary comma."""
    lines = [line.strip() for line in title.strip().splitlines() if line.strip()]
    if lines and not lines[-1].endswith(","):
        lines[-1] += ","
    return lines


def _signature_block(
    heading: Sequence[str],
    name: str,
    details: Sequence[str],
    st: _Styles,
    width: float,
    space: float,
) -> Any:
    """A centred column on the right: heading lines, room for the wet signature and stamp, the
    name in bold and underlined, then the details (pangkat, NIP)."""
    center = st.text_center
    rows: list[list[Any]] = [[_para(line, center)] for line in heading]
    heights: list[float | None] = [None] * len(rows)
    rows.append([""])
    heights.append(space)
    rows.append([_para(name, center, "bu")])
    heights.append(None)
    for line in details:
        rows.append([_para(line, center)])
        heights.append(None)
    return Table(
        rows,
        colWidths=[width],
        rowHeights=heights,
        style=_grid_style(font_size=st.size),
        hAlign="RIGHT",
    )


def _signatory_details(sig: Signatory) -> list[str]:
    details = [sig.rank.strip()] if sig.rank.strip() else []
    details.append(f"NIP {sig.nip.strip()}".strip())
    return details


def _label_rows(
    rows: Sequence[tuple[str, Any]], st: _Styles, width: float, label_width: float
) -> Any:
    """`Label : value` rows with aligned colons."""
    colon = stringWidth(" : ", REGULAR, st.size) + 1
    data = [[label.strip(), ":", value] for label, value in rows]
    return Table(
        data,
        colWidths=[label_width, colon, width - label_width - colon],
        style=_grid_style(("BOTTOMPADDING", (0, 0), (-1, -1), st.size * 0.2), font_size=st.size),
        hAlign="LEFT",
    )


# --------------------------------------------------------------------------------------------
# Document assembly


@dataclass(frozen=True, slots=True)
class _Marks:
    """What is drawn on every page, under and around the text."""

    confidential: bool = False
    draft: bool = False
    page_numbers: bool = False  # "- 2 -" centred at the top of continuation pages
    font_scale: float = 1.0

    def __call__(self, canvas: Any, doc: Any) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        if self.draft:
            size = min(width, height) * 0.28
            canvas.setFillColor(Color(0.86, 0.86, 0.86))
            canvas.setFont(BOLD, size)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(math.degrees(math.atan2(height, width)))
            canvas.drawCentredString(0, -size * 0.35, DRAFT_MARK)
            canvas.setFillColor(Color(0, 0, 0))
            canvas.restoreState()
            canvas.saveState()
        if self.confidential:
            size = 11 * self.font_scale
            box_w = stringWidth(CONFIDENTIAL_MARK, BOLD, size) + size * 1.2
            box_h = size * 1.5
            canvas.setFont(BOLD, size)
            canvas.setLineWidth(0.9)
            for top in (height - 6 * MM * self.font_scale, 6 * MM * self.font_scale + box_h):
                canvas.rect(width / 2 - box_w / 2, top - box_h, box_w, box_h, stroke=1, fill=0)
                canvas.drawCentredString(width / 2, top - box_h + size * 0.42, CONFIDENTIAL_MARK)
        page = canvas.getPageNumber()
        if self.page_numbers and page > 1:
            canvas.setFont(REGULAR, 10 * self.font_scale)
            y = height - (18 if self.confidential else 12) * MM * self.font_scale
            canvas.drawCentredString(width / 2, y, f"- {page} -")
        canvas.restoreState()


def _build(
    story: list[Any],
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],  # top, right, bottom, left
    later_top: float,
    marks: Callable[[Any, Any], None],
    title: str,
    author: str,
    subject: str,
) -> bytes:
    top, right, bottom, left = margins
    width, height = pagesize
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        subject=subject,
        creator=CREATOR,
        invariant=1,
        lang="id-ID",
        initialFontName=REGULAR,
        initialFontSize=11,
        initialLeading=14,
    )

    def frame(frame_id: str, frame_top: float) -> Any:
        return Frame(
            left,
            bottom,
            width - left - right,
            height - frame_top - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=frame_id,
        )

    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[frame("first", top)],
                onPage=marks,
                autoNextPageTemplate="later",
            ),
            PageTemplate(id="later", frames=[frame("later", later_top)], onPage=marks),
        ]
    )
    doc.build(story)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Surat dinas


def render_letter(letter: FormalLetter) -> bytes:
    """A surat dinas (tanggapan, penerusan, kelengkapan) on F4 or A4, ready for wet signature."""
    if letter.kind not in LETTER_TITLES:
        raise ValueError(f"render_letter draws surat dinas only, not {letter.kind.value!r}")
    ensure_fonts()
    st = _styles(11.0)
    pagesize = PAGE_SIZES[letter.paper]
    mark_room = 9 * MM if letter.confidential else 0.0
    top, right, bottom, left = 12 * MM + mark_room, 20 * MM, 20 * MM + mark_room, 25 * MM
    width = pagesize[0] - left - right

    story: list[Any] = _letterhead(letter.letterhead, width, st, logo_size=24 * MM)
    story.append(_reference_block(letter, st, width))
    story.append(Spacer(1, st.size * 1.1))
    story.append(_addressee_block(letter, st, width))
    story.append(Spacer(1, st.size * 1.3))

    paragraphs = [p for p in letter.paragraphs if p.strip()]
    body = [_para(p, st.body) for p in paragraphs]
    signature = _signature_block(
        _title_lines(letter.signatory.title),
        letter.signatory.name,
        _signatory_details(letter.signatory),
        st,
        width=min(width * 0.5, 88 * MM),
        space=30 * MM,
    )
    # The signature never sits alone on a page: it keeps the closing paragraph with it.
    # The tembusan stays with the signature it belongs to.
    tail = [*body[-1:], Spacer(1, st.size * 0.8), signature]
    copies = [c for c in letter.copies if c.strip()]
    if copies:
        tail += [Spacer(1, st.size * 1.6), _para("Tembusan:", st.small)]
        tail += [
            Paragraph(_esc(c), st.numbered, bulletText=f"{i}.") for i, c in enumerate(copies, 1)
        ]
    story.extend(body[:-1])
    story.append(KeepTogether(tail))

    marks = _Marks(confidential=letter.confidential, draft=letter.draft, page_numbers=True)
    kind_title = LETTER_TITLES[letter.kind]
    return _build(
        story,
        pagesize,
        (top, right, bottom, left),
        later_top=22 * MM + mark_room,
        marks=marks,
        title=f"{kind_title} {letter.number}".strip(),
        author=letter.letterhead.office_name.strip(),
        subject=letter.subject.strip(),
    )


def _reference_block(letter: FormalLetter, st: _Styles, width: float) -> Any:
    """Nomor / Sifat / Lampiran / Hal on the left, place and date on the right of the first
    line (Tata Naskah Dinas)."""
    labels = ("Nomor", "Sifat", "Lampiran", "Hal")
    label_width = max(stringWidth(label, REGULAR, st.size) for label in labels) + st.size * 0.9
    colon = stringWidth(":", REGULAR, st.size) + st.size * 0.7
    date_width = min(
        max(stringWidth(letter.place_date.strip(), REGULAR, st.size) + st.size, width * 0.36),
        width * 0.5,
    )
    value_width = width - label_width - colon - date_width
    right_style = ParagraphStyle("date", parent=st.text, alignment=TA_RIGHT)
    values = (letter.number, letter.sifat, letter.attachment, letter.subject)
    rows: list[list[Any]] = [
        [label, ":", _para(value, st.text), ""] for label, value in zip(labels, values, strict=True)
    ]
    rows[0][3] = _para(letter.place_date, right_style)
    return Table(
        rows,
        colWidths=[label_width, colon, value_width, date_width],
        style=_grid_style(("BOTTOMPADDING", (0, 0), (-1, -1), st.size * 0.15), font_size=st.size),
        hAlign="LEFT",
    )


def _addressee_block(letter: FormalLetter, st: _Styles, width: float) -> Any:
    """Yth. + addressee lines, then "di" and the place (TEMPAT underlined), indented."""
    indent = stringWidth("Yth. ", REGULAR, st.size) + st.size * 0.3
    lines = [line for line in letter.addressee if line.strip()] or [""]
    rows: list[list[Any]] = [
        ["Yth." if i == 0 else "", _para(line, st.text)] for i, line in enumerate(lines)
    ]
    place = letter.addressee_place.strip()
    if place:
        rows.append(["di", ""])
        markup = "u" if place.casefold() == "tempat" else ""
        rows.append(["", _para(place, st.text, markup)])
    return Table(
        rows,
        colWidths=[indent, width * 0.75 - indent],
        style=_grid_style(("BOTTOMPADDING", (0, 0), (-1, -1), st.size * 0.1), font_size=st.size),
        hAlign="LEFT",
    )


# --------------------------------------------------------------------------------------------
# Lembar Disposisi


def render_disposition_sheet(sheet: DispositionSheet) -> bytes:
    """Lembar Disposisi: half F4 (215 x 165 mm) on F4 paper, A5 landscape on A4. With
    `blank=True` the same form with every value empty and nothing ticked, for handwriting.

    The Catatan box and the room for the paraf grow to fill the sheet."""
    ensure_fonts()
    pagesize = SHEET_SIZES[sheet.paper]
    margin = 9 * MM
    top = bottom = margin * 0.8
    width = pagesize[0] - 2 * margin
    frame_height = pagesize[1] - top - bottom

    # One sheet whenever possible: a long list of units or a long note first shrinks the type
    # a little; only beyond that does the form run on to a second sheet.
    for size in (8.5, 7.8, 7.2):
        st = _styles(size)
        head: list[Any] = _letterhead(sheet.letterhead, width, st, logo_size=15 * MM)
        head += [_para("LEMBAR DISPOSISI", st.title), Spacer(1, st.size * 0.5)]
        used = sum(f.wrap(width, frame_height)[1] for f in head)
        form = _DispositionForm(sheet, st, width)
        grid = form.table(paraf_space=12 * MM)
        grid.wrap(width, frame_height)
        heights = [float(h) for h in grid._rowHeights]
        min_row = (7.0 if sheet.blank else 5.5) * MM
        for row in (0, 1, 2, 3, 6):
            heights[row] = max(heights[row], min_row)
        spare = frame_height - used - sum(heights) - 2.0  # clear of the frame's rounding
        if spare >= 0:
            break
    heights[5] += max(spare, 0.0)
    grid = form.table(paraf_space=12 * MM + max(spare, 0.0), heights=heights)

    title = "Lembar Disposisi" + (" (blanko)" if sheet.blank else f" {sheet.agenda_no.strip()}")
    return _build(
        [*head, grid],
        pagesize,
        (top, margin, bottom, margin),
        later_top=margin,
        marks=_Marks(font_scale=0.8),
        title=title.strip(),
        author=sheet.letterhead.office_name.strip(),
        subject="" if sheet.blank else sheet.subject.strip(),
    )


class _DispositionForm:
    """The form as a boxed grid of six columns (label, colon, value on each half):

    Surat dari / Diterima Tgl.; No./Tgl. Surat / No. Agenda; Sifat; Perihal;
    Diteruskan kepada | Dengan hormat harap; Catatan + Batas waktu | paraf."""

    def __init__(self, sheet: DispositionSheet, st: _Styles, width: float) -> None:
        self.sheet, self.st, self.width = sheet, st, width
        self.pad = st.size * 0.45
        self.half = width / 2
        self.inner = self.half - 2 * self.pad

    def value(self, text: str) -> Any:
        return _para("" if self.sheet.blank else text, self.st.text)

    def label(self, text: str) -> Any:
        return _para(text, self.st.text)

    def table(self, paraf_space: float, heights: Sequence[float] | None = None) -> Any:
        sheet, st, pad, half, inner = self.sheet, self.st, self.pad, self.half, self.inner
        lab, value = self.label, self.value
        sifat_items = _with_choices(SIFAT_CHOICES, [sheet.sifat], sheet.blank)
        units = _with_choices(sheet.units, sheet.chosen_units, sheet.blank)
        instructions = _with_choices(sheet.instructions, sheet.chosen_instructions, sheet.blank)
        unit_columns = 2 if len(units) > max(len(instructions), 6) else 1
        forward = [
            lab("Diteruskan kepada Sdr.:"),
            Spacer(1, st.size * 0.3),
            _check_table(units, st.text, inner, unit_columns),
        ]
        instruct = [
            lab("Dengan hormat harap:"),
            Spacer(1, st.size * 0.3),
            _check_table(instructions, st.text, inner),
        ]
        note = [lab("Catatan:"), Spacer(1, st.size * 0.2), value(sheet.note)]
        sig = sheet.signatory
        paraf = _signature_block(
            _title_lines(sig.title),
            sig.name,
            _signatory_details(sig),
            st,
            width=inner,
            space=paraf_space,
        )
        colon = ":"
        rows: list[list[Any]] = [
            ["Surat dari", colon, value(sheet.source),
             "Diterima Tgl.", colon, value(sheet.received)],
            ["No./Tgl. Surat", colon, value(sheet.letter_ref),
             "No. Agenda", colon, value(sheet.agenda_no)],
            ["Sifat", colon, _inline_checks(sifat_items, st.text), "", "", ""],
            ["Perihal", colon, value(sheet.subject), "", "", ""],
            [forward, "", "", instruct, "", ""],
            [note, "", "", paraf, "", ""],
            ["Batas waktu", colon, value(sheet.due), "", "", ""],
        ]  # fmt: skip
        label_w = stringWidth("No./Tgl. Surat", REGULAR, st.size) + st.size * 0.6
        second_w = stringWidth("Diterima Tgl.", REGULAR, st.size) + st.size * 0.6
        colon_w = stringWidth(":", REGULAR, st.size) + st.size * 0.6
        col_widths = [
            label_w + pad,
            colon_w,
            half - label_w - colon_w - pad,
            second_w + pad,
            colon_w,
            half - second_w - colon_w - pad,
        ]
        line = Color(0, 0, 0)
        style = _grid_style(
            ("BOX", (0, 0), (-1, -1), 0.9, line),
            ("LINEBELOW", (0, 0), (-1, 4), 0.5, line),
            ("LINEAFTER", (2, 0), (2, 1), 0.5, line),
            ("LINEAFTER", (2, 4), (2, 6), 0.5, line),
            ("LINEABOVE", (0, 6), (2, 6), 0.5, line),
            ("SPAN", (2, 2), (5, 2)),
            ("SPAN", (2, 3), (5, 3)),
            ("SPAN", (0, 4), (2, 4)),
            ("SPAN", (3, 4), (5, 4)),
            ("SPAN", (0, 5), (2, 5)),
            ("SPAN", (3, 5), (5, 6)),
            ("LEFTPADDING", (0, 0), (0, -1), pad),
            ("LEFTPADDING", (3, 0), (3, -1), pad),
            ("RIGHTPADDING", (2, 0), (2, -1), pad),
            ("RIGHTPADDING", (5, 0), (5, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
            font_size=st.size,
        )
        return Table(
            rows,
            colWidths=col_widths,
            rowHeights=list(heights) if heights is not None else None,
            style=style,
            hAlign="LEFT",
        )


# --------------------------------------------------------------------------------------------
# Tanda Terima


def render_receipt(receipt: Receipt) -> bytes:
    """Tanda Terima Pengaduan for a walk-in complainant, on F4 or A4."""
    ensure_fonts()
    st = _styles(11.0)
    pagesize = PAGE_SIZES[receipt.paper]
    top, right, bottom, left = 12 * MM, 20 * MM, 20 * MM, 25 * MM
    width = pagesize[0] - left - right

    story: list[Any] = _letterhead(receipt.letterhead, width, st, logo_size=24 * MM)
    story.append(Spacer(1, st.size * 0.4))
    story.append(_para("TANDA TERIMA PENGADUAN", st.title, "u"))
    story.append(Spacer(1, st.size * 1.4))
    story.append(
        _para("Telah diterima pengaduan masyarakat dengan keterangan sebagai berikut:", st.text)
    )
    story.append(Spacer(1, st.size * 0.6))
    fields: list[tuple[str, str]] = [
        ("Nomor registrasi", receipt.register_no),
        ("Diterima", receipt.received),
        ("Kanal", receipt.channel),
        ("Pelapor", receipt.reporter),
        *((k, v) for k, v in receipt.extra.items() if k.strip()),
        ("Ringkasan", receipt.summary),
    ]
    label_width = max(stringWidth(k, REGULAR, st.size) for k, _ in fields) + st.size * 1.2
    rows = [
        (label, _para(text, st.text, "b" if label == "Nomor registrasi" else ""))
        for label, text in fields
    ]
    story.append(_label_rows(rows, st, width, label_width))
    for heading, items in (
        ("Batas waktu penanganan yang dijanjikan:", receipt.promises),
        ("Cara menindaklanjuti pengaduan:", receipt.follow_up),
    ):
        items = tuple(i for i in items if i.strip())
        if not items:
            continue
        story.append(Spacer(1, st.size * 0.9))
        block = [_para(heading, st.text, "b"), Spacer(1, st.size * 0.3)]
        block += [Paragraph(_esc(i), st.bullet, bulletText="\u2022") for i in items]
        story.append(KeepTogether(block))
    story.append(Spacer(1, st.size * 1.6))
    story.append(
        _signature_block(
            [receipt.place_date.strip(), "Petugas,"],
            receipt.officer,
            [],
            st,
            width=min(width * 0.5, 88 * MM),
            space=22 * MM,
        )
    )
    return _build(
        story,
        pagesize,
        (top, right, bottom, left),
        later_top=22 * MM,
        marks=_Marks(page_numbers=True),
        title=f"Tanda Terima Pengaduan {receipt.register_no}".strip(),
        author=receipt.letterhead.office_name.strip(),
        subject=receipt.summary.strip()[:200],
    )
