"""Showing, printing and saving letter PDFs: QtPdf for the preview, QPrinter for paper.

A PDF is loaded into a QPdfDocument from its bytes through a QBuffer (no temporary file). Printing
renders each page to an image at the printer's resolution (capped, so an F4 page at 1200 dpi does
not need half a gigabyte) and paints it on the page; several documents go into ONE job, one
QPainter session with a new page between them. `print_pdfs` touches no widget, so it runs on a
worker thread of the task runner.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from lapor_desktop.letters.model import Paper
from lapor_desktop.services.saved_files import write_atomically

MAX_RENDER_DPI = 300  # enough for any office printer; beyond it only memory grows
F4_MM = QSizeF(215, 330)


class PdfError(Exception):
    """A PDF that QtPdf cannot open (never expected for our own letters)."""


def page_size(paper: Paper | str) -> QPageSize:
    """The paper of a letter as Qt knows it: F4 is a custom 215 × 330 mm size."""
    if Paper(paper) is Paper.F4:
        return QPageSize(
            F4_MM, QPageSize.Unit.Millimeter, "F4", QPageSize.SizeMatchPolicy.ExactMatch
        )
    return QPageSize(QPageSize.PageSizeId.A4)


def make_printer(paper: Paper | str, mode: QPrinter.PrinterMode | None = None) -> QPrinter:
    printer = QPrinter(mode if mode is not None else QPrinter.PrinterMode.HighResolution)
    set_paper(printer, paper)
    return printer


def set_paper(printer: QPrinter, paper: Paper | str) -> None:
    printer.setPageSize(page_size(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setFullPage(True)  # the letter has its own margins


class LoadedPdf:
    """A QPdfDocument together with the buffer it reads from (which must outlive it)."""

    def __init__(self, data: bytes) -> None:
        self.buffer = QBuffer()
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)
        if self.document.status() is not QPdfDocument.Status.Ready:
            raise PdfError(f"the PDF cannot be read ({self.document.error().name})")

    def page_count(self) -> int:
        return self.document.pageCount()

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def page_count(data: bytes) -> int:
    loaded = LoadedPdf(data)
    try:
        return loaded.page_count()
    finally:
        loaded.close()


def print_pdfs(printer: QPrinter, documents: Sequence[tuple[bytes, Paper | str]]) -> int:
    """Print every page of every document in one job; returns the number of pages printed."""
    if not documents:
        return 0
    painter = QPainter()
    pages = 0
    set_paper(printer, documents[0][1])
    try:
        for index, (data, paper) in enumerate(documents):
            loaded = LoadedPdf(data)
            try:
                if index > 0:
                    set_paper(printer, paper)  # takes effect on the next page
                for page in range(loaded.page_count()):
                    if pages == 0:
                        if not painter.begin(printer):
                            raise OSError("the printer cannot be opened")
                    elif not printer.newPage():
                        raise OSError("the printer refused a new page")
                    _paint_page(painter, printer, loaded.document, page)
                    pages += 1
            finally:
                loaded.close()
    finally:
        if painter.isActive():
            painter.end()
    return pages


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    points = document.pagePointSize(page)
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    image = document.render(
        page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    )
    # Same scale both ways, top-left aligned: a half-F4 disposition sheet stays its own size.
    scale = min(
        target.width() / max(points.width(), 1.0), target.height() / max(points.height(), 1.0)
    )
    drawn = QRectF(target.left(), target.top(), points.width() * scale, points.height() * scale)
    painter.drawImage(drawn, image)


def write_pdf(path: str | Path, data: bytes) -> Path:
    """Write the exact bytes (the issued letter as stored), whole or not at all, as the CLI
    does (fsynced before the rename; no temp file left when the disk is full)."""
    target = Path(path)
    write_atomically(target, data, prefix=".lapor-letter-")
    return target


def ask_save_path(parent: QWidget, suggested: str, title: str, pdf_filter: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, pdf_filter)
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path


class PdfPreview(QWidget):
    """A QPdfView showing one PDF from bytes; keeps the bytes it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Letter preview"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.data: bytes | None = None
        self._loaded: LoadedPdf | None = None

    @property
    def document(self) -> QPdfDocument | None:
        return self._loaded.document if self._loaded is not None else None

    def page_count(self) -> int:
        return self._loaded.page_count() if self._loaded is not None else 0

    def show_pdf(self, data: bytes) -> None:
        loaded = LoadedPdf(data)
        self.view.setDocument(loaded.document)
        if self._loaded is not None:
            self._loaded.close()
        self._loaded = loaded
        self.data = data

    def clear(self) -> None:
        self.view.setDocument(None)  # type: ignore[arg-type]
        if self._loaded is not None:
            self._loaded.close()
        self._loaded = None
        self.data = None


__all__ = [
    "LoadedPdf",
    "PdfError",
    "PdfPreview",
    "ask_save_path",
    "make_printer",
    "page_count",
    "page_size",
    "print_pdfs",
    "set_paper",
    "write_pdf",
]
