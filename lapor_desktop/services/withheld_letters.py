"""Deleting the PDFs of letters withheld because their case became anonymous.

A trigger (storage migration 0006) marks the letters in the transaction that makes the case
anonymous, whether an operator's edit or a pull did it; the files go here, after that commit,
so a crash in between leaves a file for the next sweep and never a letter row whose PDF went
missing while the case still named its reporter.
"""

from __future__ import annotations

from lapor_desktop.services.workspace import Workspace


def discard_withheld_pdfs(workspace: Workspace) -> int:
    """Delete every withheld letter's PDF still on disk; returns how many files went."""
    with workspace.db.read() as uow:
        files = uow.letters.withheld_files()
    return sum(workspace.blobs.discard(sha256) for sha256 in sorted(files))


__all__ = ["discard_withheld_pdfs"]
