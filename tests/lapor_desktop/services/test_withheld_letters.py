"""A case made anonymous after letters named its reporter: those letters are withheld and their
PDFs deleted, whichever path made it anonymous; identity-free letters stay; numbers stay used."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.deadlines import due_info
from lapor_desktop.services.letters import LetterKind, LetterService, LetterWithheld
from lapor_desktop.services.withheld_letters import discard_withheld_pdfs
from lapor_desktop.services.workspace import Workspace
from tests.lapor_desktop.services.letters_support import (
    ISSUE_DAY,
    REPORTER,
    answered,
    blob_files,
    letter_sequence,
    pdf_text,
    register,
    set_up_office,
)


@pytest.fixture
def ws(workspace: Workspace, fake_clock) -> Iterator[Workspace]:
    fake_clock.set(ISSUE_DAY)
    set_up_office(workspace)
    yield workspace


def _identity_in_files(root: Path, values: list[str]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            # A PDF's text is compressed: read it as text, or the name would never be seen.
            text = pdf_text(data).encode() if data.startswith(b"%PDF-") else data
            found += [f"{path.relative_to(root)}: {v}" for v in values if v.encode() in text]
    return found


def test_making_a_case_anonymous_withholds_the_letters_that_named_the_reporter(
    ws: Workspace,
) -> None:
    letters = LetterService(ws)
    case = answered(ws, tracking_id="1916449")
    receipt = letters.issue(case.id, LetterKind.RECEIPT)
    response = letters.issue(case.id, LetterKind.RESPONSE)
    sheet = letters.issue(case.id, LetterKind.DISPOSITION)
    lapor_copy = letters.issue(case.id, LetterKind.RESPONSE, anonymous_document=True)
    blank = letters.issue(case.id, LetterKind.DISPOSITION, blank=True)
    assert REPORTER.name and REPORTER.name in pdf_text(letters.reprint(receipt.id))
    numbers = letter_sequence(ws.paths.database)

    CaseService(ws).edit(case.id, {"anonymous": True})

    by_id = {letter.id: letter for letter in letters.list_for_case(case.id)}
    assert {i for i, letter in by_id.items() if letter.withheld} == {
        receipt.id,
        response.id,
        sheet.id,
    }
    assert by_id[receipt.id].number == receipt.number  # the number stays used
    files = blob_files(ws.paths.data_dir)
    assert not {receipt.sha256, response.sha256, sheet.sha256} & files
    assert {lapor_copy.sha256, blank.sha256} <= files
    for gone in (receipt, response, sheet):
        with pytest.raises(LetterWithheld, match="identity was removed"):
            letters.reprint(gone.id)
    assert letters.reprint(lapor_copy.id)  # identity-free: still there, byte for byte
    # A new receipt names nobody and takes the next number.
    again = letters.issue(case.id, LetterKind.RECEIPT)
    assert letter_sequence(ws.paths.database) == numbers + 1
    assert REPORTER.name not in pdf_text(letters.reprint(again.id))


def test_no_file_of_the_data_dir_keeps_the_withdrawn_identity(ws: Workspace) -> None:
    letters = LetterService(ws)
    case = answered(ws)
    letters.issue(case.id, LetterKind.RECEIPT)
    letters.issue(case.id, LetterKind.RESPONSE)
    CaseService(ws).edit(case.id, {"anonymous": True})
    ws.close()  # the last close folds the WAL into the database file
    values = [v for v in (REPORTER.name, REPORTER.phone, REPORTER.nik) if v]
    assert _identity_in_files(ws.paths.data_dir, values) == []


def test_an_anonymous_case_arriving_by_pull_withholds_its_letters_too(ws: Workspace) -> None:
    """The pull writes the case row as the server sent it; the trigger withholds in that
    transaction and the sweep after the run deletes the files."""
    letters = LetterService(ws)
    case = register(ws)
    receipt = letters.issue(case.id, LetterKind.RECEIPT)
    stored = CaseService(ws).find_case(case.id)
    incoming = dataclasses.replace(stored, anonymous=True, reporter=None, version=stored.version)
    with ws.db.write() as uow:
        due = due_info(
            incoming, ws.reference().rulebook, ws.reference().calendar, ws.tz, ws.clock()
        )
        uow.sync.cases.upsert(incoming, due, server_version=stored.version + 1)
        uow.commit()
    assert LetterService(ws).get(receipt.id).withheld
    assert receipt.sha256 in blob_files(ws.paths.data_dir)  # until the sweep after the commit
    assert discard_withheld_pdfs(ws) == 1
    assert receipt.sha256 not in blob_files(ws.paths.data_dir)
    assert discard_withheld_pdfs(ws) == 0  # idempotent


def test_a_letter_withheld_cannot_be_withheld_again_or_rewritten(ws: Workspace) -> None:
    case = register(ws)
    LetterService(ws).issue(case.id, LetterKind.RECEIPT)
    CaseService(ws).edit(case.id, {"anonymous": True})
    with ws.db.write() as uow, pytest.raises(Exception, match="already withheld"):
        uow.session.connection().exec_driver_sql(
            "UPDATE issued_letter SET withheld_at = '2030-01-01T00:00:00Z'"
        )
