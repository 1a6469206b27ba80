"""Opening a case's attachment: the stored blob copied out under its own name for the viewer.

The copies in `opened/` are throwaway: each `copy_out` first removes the ones older than a day.
That runs here, on the worker thread of an open, rather than when a workspace opens: opening a
data dir stays as cheap as it is (the first paint waits for it), and only PCs that open
attachments grow the folder. A day leaves yesterday's viewer windows alone; a copy a viewer
still holds (Windows locks it) is skipped and tried again on a later open.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from lapor_desktop.services.workspace import Workspace

OPENED_DIR = "opened"
KEEP_SECONDS = 24 * 60 * 60


def copy_out(workspace: Workspace, sha256: str, name: str) -> Path:
    """The attachment as `opened/<name>` in the data dir (runs on the worker thread)."""
    source = workspace.blobs.path_for(sha256)
    if not source.exists():
        raise FileNotFoundError(source)
    target_dir = workspace.paths.data_dir / OPENED_DIR
    target_dir.mkdir(exist_ok=True)
    target = target_dir / Path(name).name
    clean_opened(target_dir, keep=target)
    shutil.copyfile(source, target)
    return target


def clean_opened(folder: Path, keep: Path | None = None, now: float | None = None) -> int:
    """Remove copies older than a day; returns how many went. Never raises for one file."""
    cutoff = (time.time() if now is None else now) - KEEP_SECONDS
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for path in entries:
        if path == keep:
            continue  # about to be overwritten with a fresh copy anyway
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_mtime >= cutoff:
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue  # open in a viewer (Windows refuses), or gone already: not our problem
    return removed


__all__ = ["KEEP_SECONDS", "clean_opened", "copy_out"]
