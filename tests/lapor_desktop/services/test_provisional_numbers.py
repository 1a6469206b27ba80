"""A PC that ran out of leased numbers offline: provisional register numbers, DRAFT letters."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.reports.model import Period
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.letters import LetterNumberPending, LetterService
from lapor_desktop.services.queries import QueryService
from lapor_desktop.services.registers import RegisterService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.sync_store import Enrollment
from tests.lapor_desktop.services.letters_support import (
    letter_sequence,
    needing_info,
    pdf_text,
    query,
    set_up_office,
)

NEW = NewCase(
    title="Bantuan PKH belum cair",
    text="Bantuan PKH bulan Februari belum diterima.",
    channel="walk_in",
    category="Bantuan Sosial",
)


def _enrolled(
    ws: Workspace, register_block: tuple[int, int], letter_block: tuple[int, int]
) -> None:
    """The state enrollment leaves (sync.enrolled + leased blocks), without a server."""
    with ws.db.write() as uow:
        uow.sync.state.set_enrollment(
            Enrollment(ws.device_id, "ani", "DINSOS", "http://127.0.0.1:9", "2026-03-02")
        )
        uow.sync.blocks.add("register:DINSOS", 2026, *register_block, ws.clock())
        uow.sync.blocks.add("letter:DINSOS", 2026, *letter_block, ws.clock())
        uow.commit()


def _lease(ws: Workspace, register: str, start: int, end: int) -> None:
    with ws.db.write() as uow:
        uow.sync.blocks.add(register, 2026, start, end, ws.clock())
        uow.commit()


def _outbox(ws: Workspace) -> list[tuple[str, str]]:
    with ws.db.read() as uow:
        return [(e.op.op_type.value, e.op.entity_id) for e in uow.outbox.entries()]


def test_intake_goes_on_with_provisional_numbers_when_the_blocks_run_dry(
    workspace: Workspace,
) -> None:
    _enrolled(workspace, (1, 2), (1, 10))
    service = CaseService(workspace)
    numbers = [service.register(NEW).register_no for _ in range(4)]
    assert numbers == [
        "DINSOS/2026/00001",
        "DINSOS/2026/00002",
        "DINSOS/2026/S-1",
        "DINSOS/2026/S-2",
    ]
    # The provisional case works as any other, offline.
    case = service.find_case("dinsos/2026/s-1")
    assert case.status is CaseStatus.RECEIVED
    service.needs_info(case.id, "KTP belum dilampirkan")
    assert service.detail("DINSOS/2026/S-1").case.status is CaseStatus.NEEDS_INFO
    hits = QueryService(workspace).search("DINSOS/2026/S-2")
    assert hits[0].register_no == "DINSOS/2026/S-2"


def test_the_next_leased_numbers_replace_the_provisional_ones_which_stay_findable(
    workspace: Workspace,
) -> None:
    _enrolled(workspace, (1, 1), (1, 10))
    service = CaseService(workspace)
    service.register(NEW)
    first = service.register(NEW)
    second = service.register(NEW)
    assert (first.register_no, second.register_no) == ("DINSOS/2026/S-1", "DINSOS/2026/S-2")

    # Nothing leased yet: both wait, nothing is written.
    waiting = service.renumber_provisional()
    assert waiting.renumbered == () and waiting.waiting == ("DINSOS/2026/S-1", "DINSOS/2026/S-2")
    assert "keep their S-number until the next sync" in waiting.warnings[0]
    assert [t for t, _ in _outbox(workspace)] == ["case.create"] * 3

    _lease(workspace, "register:DINSOS", 201, 400)  # what the next sync leases
    done = service.renumber_provisional()
    assert done.renumbered == (
        ("DINSOS/2026/S-1", "DINSOS/2026/00201"),
        ("DINSOS/2026/S-2", "DINSOS/2026/00202"),
    )
    assert done.warnings == []
    renumbered = service.find_case(first.id)
    assert renumbered.register_no == "DINSOS/2026/00201"
    assert renumbered.register_aliases == ("DINSOS/2026/S-1",)
    assert renumbered.version == first.version + 1
    # The create (with its S-number) comes first in the outbox, then the renumber.
    assert _outbox(workspace)[1:] == [
        ("case.create", first.id),
        ("case.create", second.id),
        ("case.renumber", first.id),
        ("case.renumber", second.id),
    ]
    timeline = service.detail(first.id).timeline
    assert timeline[-1].summary == (
        "Nomor registrasi sementara DINSOS/2026/S-1 diganti DINSOS/2026/00201"
    )
    # Found by the old number: the receipt printed offline carries it.
    assert service.find_case("DINSOS/2026/S-1").id == first.id
    assert service.find_case("DINSOS/2026/00201").id == first.id
    found = [r.id for r in QueryService(workspace).search("DINSOS/2026/S-2")]
    assert second.id in found
    # Nothing left to renumber: a second call changes nothing.
    assert service.renumber_provisional().renumbered == ()
    assert len(_outbox(workspace)) == 5


def test_a_never_enrolled_data_dir_never_makes_provisional_numbers(workspace: Workspace) -> None:
    service = CaseService(workspace)
    assert [service.register(NEW).register_no for _ in range(2)] == [
        "DINSOS/2026/00001",
        "DINSOS/2026/00002",
    ]
    assert service.renumber_provisional().renumbered == ()


def test_a_letter_without_a_leased_number_is_a_draft_and_burns_nothing(
    workspace: Workspace,
) -> None:
    _enrolled(workspace, (1, 50), (7, 7))
    set_up_office(workspace)
    letters = LetterService(workspace)
    case = needing_info(workspace)
    issued = letters.issue(case.id, "kelengkapan")
    assert issued.number is not None and "/0007/" in issued.number
    with pytest.raises(LetterNumberPending, match="issue it again after the next sync") as dry:
        letters.issue(case.id, "kelengkapan")
    text = pdf_text(dry.value.draft)
    assert "DRAFT" in text and "setelah sinkronisasi" in text
    assert [letter.number for letter in letters.list_for_case(case.id)] == [issued.number]
    assert letter_sequence(workspace.paths.database) == 7
    assert query(workspace.paths.database, "SELECT count(*) FROM number_void") == [(0,)]

    _lease(workspace, "letter:DINSOS", 301, 310)  # after the next sync
    again = letters.issue(case.id, "kelengkapan")
    assert again.number is not None and "/0301/" in again.number


def test_a_disposition_sheet_needs_no_number_and_prints_when_dry(workspace: Workspace) -> None:
    _enrolled(workspace, (1, 50), (1, 1))
    set_up_office(workspace)
    letters = LetterService(workspace)
    case = needing_info(workspace)
    letters.issue(case.id, "kelengkapan")
    sheet = letters.issue(case.id, "disposisi", blank=True)
    assert sheet.number is None
    assert [x.id for x in letters.list_for_case(case.id)][-1] == sheet.id
    assert letter_sequence(workspace.paths.database) == 1


def test_the_letter_register_keeps_the_hal_a_letter_printed_before_its_case_was_renumbered(
    workspace: Workspace,
) -> None:
    _enrolled(workspace, (1, 1), (1, 10))
    set_up_office(workspace)
    cases = CaseService(workspace)
    cases.register(NEW)
    provisional = cases.register(NEW)
    assert provisional.register_no == "DINSOS/2026/S-1"
    letters = LetterService(workspace)
    receipt = letters.issue(provisional.id, "tanda-terima")
    printed = pdf_text(letters.reprint(receipt.id))
    assert "DINSOS/2026/S-1" in printed

    _lease(workspace, "register:DINSOS", 201, 400)
    assert cases.renumber_provisional().renumbered == (("DINSOS/2026/S-1", "DINSOS/2026/00201"),)
    issued_on = workspace.clock().astimezone(workspace.tz)
    (entry,) = RegisterService(workspace).letters(Period(issued_on.year, issued_on.month)).entries
    # The Hal as printed, not rewritten from the case's new number.
    assert entry.subject == "Tanda Terima Pengaduan Nomor Registrasi DINSOS/2026/S-1"
    assert entry.register_no == "DINSOS/2026/00201"  # the case, found by its number now

    # A row from before migration 0007 holds no Hal: it is described from the case as it is.
    with workspace.db.write() as uow:
        uow.session.execute(text("UPDATE issued_letter SET subject = NULL"))
        uow.commit()
    (entry,) = RegisterService(workspace).letters(Period(issued_on.year, issued_on.month)).entries
    assert entry.subject == "Tanda Terima Pengaduan Nomor Registrasi DINSOS/2026/00201"
