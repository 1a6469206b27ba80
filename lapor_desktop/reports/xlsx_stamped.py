"""An openpyxl workbook saved as bytes with one fixed time on every zip entry.

openpyxl stamps each entry of the .xlsx zip, and the `modified` property, with the clock:
the same recap or register saved twice would differ byte for byte. Both workbooks (the recap,
reports/xlsx_export.py, and the registers, reports/register_tables.py) are saved here.
"""

from __future__ import annotations

import io
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter


def stamped_workbook(wb: Workbook, as_of: datetime) -> bytes:
    """`wb` as .xlsx bytes, every entry stamped `as_of` (naive UTC, as document properties are)."""
    buffer = io.BytesIO()
    # ExcelWriter.save, not Workbook.save: save_workbook would stamp `modified` with the clock.
    ExcelWriter(wb, StampedZip(buffer, as_of)).save()
    return buffer.getvalue()


class StampedZip(ZipFile):
    """A zip whose entries all carry one fixed time (openpyxl's would carry the clock's)."""

    def __init__(self, file: io.BytesIO, stamp: datetime) -> None:
        super().__init__(file, "w", ZIP_DEFLATED, allowZip64=True)
        self.stamp = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | ZipInfo, data: bytes | str, *args: Any, **kwargs: Any
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            info.compress_type = ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(  # type: ignore[override]
        self, filename: str, arcname: str | None = None, *args: Any, **kwargs: Any
    ) -> None:
        """A write-only sheet arrives as a temporary file: copy it in, stamped (not its mtime)."""
        path = Path(filename)
        info = ZipInfo(arcname or path.name, date_time=self.stamp)
        info.compress_type = ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        with path.open("rb") as src, self.open(info, "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
