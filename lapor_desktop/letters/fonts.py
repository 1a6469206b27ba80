"""The letter typeface: DejaVu Serif (libre, full Indonesian coverage), shipped in
`resources/fonts/` with its licence and embedded as a TrueType subset in every PDF.

Registration reads four TTF files (tens of milliseconds), so it happens once per process, on
the first render, and never at import time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from lapor_desktop.resources import RESOURCES_DIR

FONT_DIR: Path = RESOURCES_DIR / "fonts"
FAMILY = "DejaVuSerif"
REGULAR = "DejaVuSerif"
BOLD = "DejaVuSerif-Bold"
ITALIC = "DejaVuSerif-Italic"
BOLD_ITALIC = "DejaVuSerif-BoldItalic"
LICENSE_FILE: Path = FONT_DIR / "LICENSE-DejaVu.txt"

# registered name -> file, and its (bold, italic) flags in the family
_FACES: dict[str, tuple[str, int, int]] = {
    REGULAR: ("DejaVuSerif.ttf", 0, 0),
    BOLD: ("DejaVuSerif-Bold.ttf", 1, 0),
    ITALIC: ("DejaVuSerif-Italic.ttf", 0, 1),
    BOLD_ITALIC: ("DejaVuSerif-BoldItalic.ttf", 1, 1),
}

_lock = threading.Lock()
_registered = False


def ensure_fonts() -> str:
    """Register the family with reportlab (once) and return its regular face's name.

    Raises FileNotFoundError naming the missing file when the resources are incomplete.
    """
    global _registered
    with _lock:
        if not _registered:
            registered = set(pdfmetrics.getRegisteredFontNames())
            for name, (filename, bold, italic) in _FACES.items():
                if name not in registered:
                    path = FONT_DIR / filename
                    if not path.is_file():
                        raise FileNotFoundError(f"letter font missing: {path}")
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                addMapping(FAMILY, bold, italic, name)
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return REGULAR
