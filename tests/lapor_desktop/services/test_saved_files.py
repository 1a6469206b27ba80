"""services.saved_files: a file the operator saves is written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from lapor_desktop.progress import Cancelled, CancelToken, Progress
from lapor_desktop.services.saved_files import write_atomically


def test_a_cancel_after_the_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    """The Cancel clicked while the bytes were written and synced: checked before the rename."""
    target = tmp_path / "rekap.pdf"
    target.write_bytes(b"lama")
    token = CancelToken()
    seen: list[list[str]] = []

    def cancel_now() -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))  # the temp file is complete
        token.cancel()
        Progress(token).check()

    with pytest.raises(Cancelled):
        write_atomically(target, b"baru", before_replace=cancel_now)
    assert len(seen[0]) == 2 and "rekap.pdf" in seen[0]
    assert target.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["rekap.pdf"]


def test_without_a_cancel_the_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "surat.pdf"
    target.write_bytes(b"lama")
    write_atomically(target, b"baru", before_replace=lambda: None)
    assert target.read_bytes() == b"baru"
    assert [p.name for p in tmp_path.iterdir()] == ["surat.pdf"]
