"""A register (`reports.register_sheet`) as CSV and as an Excel workbook.

CSV as the recap's (`reports.csv_export` says why): UTF-8 with a BOM, ";" between fields,
CRLF line ends; one header row of the columns' stable codes, then one row per line of the
register. Dates are ISO ("2026-03-02"), which Excel reads as dates; nothing is an empty cell.

XLSX: one sheet ("Buku agenda" or "Surat keluar"): the title block (title, office, regency,
period, "Keadaan per"), then the table under a bold, frozen header row; dates are date cells,
the No. a number. Written in write-only mode and stamped with the register's `as_of`, so the
same register gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lapor_desktop.reports import labels
from lapor_desktop.reports.register_sheet import Cell, RegisterSheet, heading_lines
from lapor_desktop.reports.xlsx_export import DATE_FORMAT
from lapor_desktop.reports.xlsx_stamped import stamped_workbook

DELIMITER = ";"
SHEET_NAMES = {"agenda": "Buku agenda", "surat-keluar": "Surat keluar"}


def _csv_value(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def render_register_csv(sheet: RegisterSheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(c.code for c in sheet.columns)
    writer.writerows([_csv_value(cell) for cell in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8-sig")


def render_register_xlsx(sheet: RegisterSheet) -> bytes:
    wb = Workbook(write_only=True)
    heading = sheet.heading
    as_of = heading.as_of.astimezone(UTC).replace(tzinfo=None)
    props = wb.properties
    props.creator = labels.APP_NAME
    props.lastModifiedBy = labels.APP_NAME
    props.title = f"{sheet.short_title} {labels.period_label(heading.period)}"
    props.subject = f"{heading.office_name}, {heading.regency}"
    props.language = "id-ID"
    props.created = as_of
    props.modified = as_of

    ws: Any = wb.create_sheet(SHEET_NAMES.get(sheet.book, "Register"))
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.xlsx_chars
    intro = heading_lines(heading)
    # Title, intro lines, note and a blank row above the header: frozen down to the header.
    ws.freeze_panes = f"A{len(intro) + 5}"

    def cell(value: Cell, *, font: Font | None = None, wrap: bool = False) -> Any:
        # openpyxl writes a date as Excel's serial day; its stubs only name datetime.
        made = WriteOnlyCell(ws, cast(Any, value))
        if font is not None:
            made.font = font
        if isinstance(value, date):
            made.number_format = DATE_FORMAT
        if wrap:
            made.alignment = Alignment(wrap_text=True, vertical="top")
        return made

    bold = Font(bold=True)
    ws.append([cell(sheet.title, font=Font(bold=True, size=14))])
    for line in intro:
        ws.append([line])
    ws.append([sheet.note])
    ws.append([])
    ws.append([cell(c.heading, font=bold, wrap=True) for c in sheet.columns])
    for row in sheet.rows:
        ws.append([None if value is None else cell(value) for value in row])

    return stamped_workbook(wb, as_of)


__all__ = ["SHEET_NAMES", "render_register_csv", "render_register_xlsx"]
