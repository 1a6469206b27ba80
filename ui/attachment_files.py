"""Opening a case's attachment: the stored blob copied out under its own name for the viewer."""

from __future__ import annotations

import shutil
from pathlib import Path

from lapor_desktop.services.workspace import Workspace


def copy_out(workspace: Workspace, sha256: str, name: str) -> Path:
    """The attachment as `opened/<name>` in the data dir (runs on the worker thread)."""
    source = workspace.blobs.path_for(sha256)
    if not source.exists():
        raise FileNotFoundError(source)
    target_dir = workspace.paths.data_dir / "opened"
    target_dir.mkdir(exist_ok=True)
    target = target_dir / Path(name).name
    shutil.copyfile(source, target)
    return target


__all__ = ["copy_out"]
