"""Take docs/screenshot.png: the main window on demo data, under a real X server (Xvfb).

Run through `make screenshot` (which starts Xvfb with xvfb-run). The clock and the seed are
pinned, so the picture only changes when the window does.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.demo import generate_demo
from lapor_desktop.services.workspace import open_workspace
from lapor_desktop.settings import load_settings
from ui.app import build_window
from ui.i18n import install_translators
from ui.tasks import TaskRunner

NOW = datetime(2026, 11, 27, 10, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"


def _spin(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        paths = AppPaths(Path(scratch) / "demo")
        generate_demo(paths, lambda: NOW, cases=2000, seed=1)
        install_translators(app, load_settings(paths.settings).language)
        workspace = open_workspace(paths, lambda: NOW)
        window = build_window(workspace, TaskRunner(app))
        window.resize(1440, 860)
        window.show()
        _spin(app, 2.0)
        window.table.selectRow(3)
        _spin(app, 1.5)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        screen = app.primaryScreen()
        picture = screen.grabWindow(window.winId()) if screen is not None else window.grab()
        if picture.isNull():
            picture = window.grab()
        picture.save(str(OUT))
        window.close()
        workspace.close()
    print(f"saved {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
