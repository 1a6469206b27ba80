"""`letter` on an enrolled PC whose leased letter numbers ran out offline: a DRAFT, not a letter."""

from __future__ import annotations

from pathlib import Path

from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.sync_store import Enrollment
from tests.cli.cli_support import ERROR_PREFIX, ok, run
from tests.lapor_desktop.services.letters_support import (
    letter_sequence,
    needing_info,
    pdf_text,
    set_up_office,
)


def _enrolled_with_one_letter_number(ws: Workspace) -> None:
    # The state enrollment leaves, without a server: one letter number (7) leased.
    with ws.db.write() as uow:
        uow.sync.state.set_enrollment(
            Enrollment(ws.device_id, "ani", "DINSOS", "http://127.0.0.1:9", "2026-03-02")
        )
        uow.sync.blocks.add("register:DINSOS", 2026, 1, 50, ws.clock())
        uow.sync.blocks.add("letter:DINSOS", 2026, 7, 7, ws.clock())
        uow.commit()


def test_a_letter_without_a_number_is_saved_as_a_draft_and_nothing_is_issued(
    workspace: Workspace, tmp_path: Path
) -> None:
    _enrolled_with_one_letter_number(workspace)
    set_up_office(workspace)
    case = needing_info(workspace)
    data_dir = workspace.paths.data_dir
    workspace.close()

    first = tmp_path / "first.pdf"
    number = ok("letter", case.id, "--kind", "kelengkapan", "-o", first, data_dir=data_dir)
    assert "/0007/" in number.stdout

    draft = tmp_path / "draft.pdf"
    refused = run("letter", case.id, "--kind", "kelengkapan", "-o", draft, data_dir=data_dir)
    assert refused.returncode == 1, refused.describe()
    assert refused.stderr.startswith(ERROR_PREFIX) and "Traceback" not in refused.stderr
    assert "DRAFT" in refused.stderr and str(draft) in refused.stderr
    text = pdf_text(draft.read_bytes())
    assert "DRAFT" in text and "setelah sinkronisasi" in text
    # Nothing issued, nothing burnt: the register still stands at the one leased number.
    listed = ok("letters", case.id, "--json", data_dir=data_dir).json()
    assert [letter["number"] for letter in listed] == [number.stdout.strip()]
    assert letter_sequence(workspace.paths.database) == 7
