"""`opened/` holds throwaway copies for the viewer: each open clears those older than a day."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import Workspace
from ui.attachment_files import KEEP_SECONDS, copy_out

PHOTO = b"\xff\xd8\xff\xe0 foto jalan berlubang"


def _attached(workspace: Workspace, tmp_path: Path) -> str:
    service = CaseService(workspace)
    case = service.register(
        NewCase(title="Jalan rusak", text="Berlubang", channel="walk_in", category="Bantuan Sosial")
    )
    source = tmp_path / "foto jalan.jpg"
    source.write_bytes(PHOTO)
    [ref] = service.attach(case.register_no, source).attachments
    return ref.sha256


def _aged(path: Path, content: bytes, seconds: float) -> Path:
    path.write_bytes(content)
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_copies_older_than_a_day_go_when_an_attachment_opens(
    workspace: Workspace, tmp_path: Path
) -> None:
    sha = _attached(workspace, tmp_path)
    opened = workspace.paths.data_dir / "opened"
    opened.mkdir()
    old = _aged(opened / "KTP pelapor.jpg", b"lama", KEEP_SECONDS + 60)
    recent = _aged(opened / "surat kemarin.pdf", b"baru", KEEP_SECONDS - 3600)
    folder = opened / "subfolder"  # not ours to walk into
    folder.mkdir()
    _aged(folder / "x.txt", b"x", 10 * KEEP_SECONDS)
    stale_same_name = _aged(opened / "foto jalan.jpg", b"versi lama", 3 * KEEP_SECONDS)

    path = copy_out(workspace, sha, "foto jalan.jpg")

    assert path == stale_same_name and path.read_bytes() == PHOTO  # fresh copy, same name
    assert not old.exists()
    assert recent.read_bytes() == b"baru"  # a viewer may still show it
    assert (folder / "x.txt").exists()


@pytest.mark.skipif(os.name != "posix" or shutil.which("chattr") is None, reason="needs chattr")
def test_a_copy_that_cannot_be_removed_does_not_stop_the_open(
    workspace: Workspace, tmp_path: Path
) -> None:
    """As on Windows, where a viewer holding the file makes deleting it fail."""
    sha = _attached(workspace, tmp_path)
    opened = workspace.paths.data_dir / "opened"
    opened.mkdir()
    held = _aged(opened / "dibuka di penampil.pdf", b"%PDF", 2 * KEEP_SECONDS)
    old = _aged(opened / "lama.jpg", b"lama", 2 * KEEP_SECONDS)
    if subprocess.run(["chattr", "+i", str(held)], capture_output=True).returncode != 0:
        pytest.skip("this file system cannot make a file undeletable")
    try:
        with pytest.raises(PermissionError):
            held.unlink()  # the situation is real: removing it fails
        path = copy_out(workspace, sha, "foto jalan.jpg")
        assert path.read_bytes() == PHOTO
        assert held.exists() and not old.exists()
    finally:
        subprocess.run(["chattr", "-i", str(held)], check=True)
