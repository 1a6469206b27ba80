"""The tembusan of a formal letter: the kind's default, or the operator's own list."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.services.letter_content import MAX_COPIES, IdentityInDocument
from lapor_desktop.services.letters import LetterKind, LetterService
from lapor_desktop.services.workspace import Workspace
from tests.lapor_desktop.services.letters_support import (
    ISSUE_DAY,
    REPORTER,
    answered,
    forwarded,
    letter_sequence,
    pdf_text,
    register,
    set_up_office,
)

INSPEKTUR = "Inspektur Kabupaten Sumenep"
CAMAT = "Camat Kalianget"


@pytest.fixture
def ws(workspace: Workspace, fake_clock) -> Iterator[Workspace]:
    fake_clock.set(ISSUE_DAY)
    set_up_office(workspace)
    yield workspace


@pytest.fixture
def letters(ws: Workspace) -> LetterService:
    return LetterService(ws)


def _copies_part(text: str) -> str:
    assert "Tembusan:" in text, text
    return text.split("Tembusan:", 1)[1]


def test_the_default_tembusan_is_what_the_editor_starts_from(letters: LetterService) -> None:
    defaults = letters.draft_copies(LetterKind.RESPONSE)
    assert defaults[0] == "Bupati Sumenep (sebagai laporan)"
    assert "Arsip" in defaults
    assert letters.draft_copies(LetterKind.RESPONSE, anonymous_document=True) == ()
    assert letters.draft_copies(LetterKind.RECEIPT) == ()


def test_the_operators_tembusan_replaces_the_default_in_the_issued_letter(
    ws: Workspace, letters: LetterService
) -> None:
    case = answered(ws)
    letter = letters.issue(
        case.id, LetterKind.RESPONSE, copies=[f"  {INSPEKTUR} ", "", CAMAT, "Arsip"]
    )
    part = _copies_part(pdf_text(letters.reprint(letter.id)))
    assert INSPEKTUR in part and CAMAT in part and "Arsip" in part
    assert "Bupati Sumenep" not in part
    # In the order typed, numbered, blank lines dropped and spaces tidied.
    assert part.index(INSPEKTUR) < part.index(CAMAT) < part.index("Arsip")
    assert f"1. {INSPEKTUR}" in part


def test_an_empty_list_prints_no_tembusan_and_none_keeps_the_default(
    ws: Workspace, letters: LetterService
) -> None:
    case = forwarded(ws)
    bare = letters.issue(case.id, LetterKind.FORWARD, copies=[])
    assert "Tembusan" not in pdf_text(letters.reprint(bare.id))
    default = letters.issue(case.id, LetterKind.FORWARD)
    assert "Bupati Sumenep" in _copies_part(pdf_text(letters.reprint(default.id)))


def test_the_preview_shows_the_chosen_tembusan(ws: Workspace, letters: LetterService) -> None:
    case = answered(ws)
    text = pdf_text(letters.preview(case.id, LetterKind.RESPONSE, copies=[INSPEKTUR]))
    assert INSPEKTUR in _copies_part(text)
    assert letter_sequence(ws.paths.database) == 0


@pytest.mark.parametrize(
    ("copies", "message"),
    [
        ([f"Penerima {i}" for i in range(MAX_COPIES + 1)], "at most"),
        (["x" * 201], "longer than 200"),
    ],
)
def test_a_bad_tembusan_is_refused_and_takes_no_number(
    ws: Workspace, letters: LetterService, copies: list[str], message: str
) -> None:
    case = answered(ws)
    with pytest.raises(ValidationError, match=message):
        letters.issue(case.id, LetterKind.RESPONSE, copies=copies)
    assert letter_sequence(ws.paths.database) == 0


def test_a_tembusan_on_a_letter_without_one_is_refused(
    ws: Workspace, letters: LetterService
) -> None:
    case = register(ws)
    with pytest.raises(ValidationError, match="no tembusan"):
        letters.issue(case.id, LetterKind.RECEIPT, copies=[INSPEKTUR])
    with pytest.raises(ValidationError, match="one recipient each"):
        letters.preview(case.id, LetterKind.RESPONSE, copies=INSPEKTUR)


def test_the_anonymous_document_may_not_name_the_reporter_in_its_tembusan(
    ws: Workspace, letters: LetterService
) -> None:
    case = answered(ws)
    with pytest.raises(IdentityInDocument, match="name"):
        letters.issue(
            case.id,
            LetterKind.RESPONSE,
            anonymous_document=True,
            copies=[f"Sdr. {REPORTER.name}"],
        )
    assert letter_sequence(ws.paths.database) == 0
    fine = letters.issue(case.id, LetterKind.RESPONSE, anonymous_document=True, copies=[INSPEKTUR])
    assert INSPEKTUR in _copies_part(pdf_text(letters.reprint(fine.id)))
