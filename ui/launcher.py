"""`lapor-desktop`: a command runs headless; no command opens the window.

The core CLI cannot import `sync`; the launcher adds its commands (`enroll`, `sync`).
"""

from __future__ import annotations

from lapor_desktop.cli import main as cli_main
from lapor_desktop.clock import Clock
from lapor_desktop.paths import AppPaths
from sync.cli import COMMANDS as SYNC_COMMANDS


def _open_window(paths: AppPaths, clock: Clock) -> int:
    from ui.app import run  # PySide6 loads only when the window is wanted

    return run(paths, clock)


def main() -> int:
    return cli_main(None, open_gui=_open_window, extra_commands=SYNC_COMMANDS)
