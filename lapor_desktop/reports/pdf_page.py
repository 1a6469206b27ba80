"""What every report PDF's page shares: the kop's double rule and the foot with
"Halaman i dari N".

The total page count is known only when the document ends, so each foot draws a form that
`CountingCanvas` fills in once at the end (one pass of reportlab, not two builds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from lapor_desktop.letters.fonts import REGULAR

MM = 72.0 / 25.4
_PAGE_COUNT_FORM = "lapor_report_page_count"
_NUMBER_SIZE = 8.0


class DoubleRule(Flowable):  # type: ignore[misc]
    """The kop's closing rule: a thick line over a thin one (as on the letters)."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.rule_width = width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.rule_width, 8.0

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(1.8)
        c.line(0, 7.0, self.rule_width, 7.0)
        c.setLineWidth(0.6)
        c.line(0, 4.6, self.rule_width, 4.6)


class CountingCanvas(Canvas):  # type: ignore[misc]
    """Draws the total page count, known only at the end, into the form every foot uses."""

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        total = self.getPageNumber() - 1
        self.beginForm(_PAGE_COUNT_FORM)
        self.setFont(REGULAR, _NUMBER_SIZE)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


def page_foot(
    left: str,
    *,
    page_width: float,
    margin_x: float,
    margin_bottom: float,
    number_width: float,
) -> Callable[[Any, Any], None]:
    """A page template's `onPage`: a rule, `left` (shrunk to fit beside the page number,
    never below 5 pt) and "Halaman i dari N" in the last `number_width` points."""
    room = page_width - 2 * margin_x - number_width - 10 * MM
    size = 8.0
    while size > 5 and stringWidth(left, REGULAR, size) > room:
        size -= 0.5

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        y = margin_bottom - 9 * MM
        canvas.setLineWidth(0.4)
        canvas.line(margin_x, y + 10, page_width - margin_x, y + 10)
        canvas.setFont(REGULAR, size)
        canvas.drawString(margin_x, y, left)
        prefix = f"Halaman {canvas.getPageNumber()} dari "
        x = page_width - margin_x - number_width
        canvas.setFont(REGULAR, _NUMBER_SIZE)
        canvas.drawString(x, y, prefix)
        canvas.translate(x + stringWidth(prefix, REGULAR, _NUMBER_SIZE), y)
        canvas.doForm(_PAGE_COUNT_FORM)
        canvas.restoreState()

    return draw
