"""Sync conflicts in a data dir: settling them, the "Konflik sinkronisasi" queue, the outbox."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.errors import IllegalTransition, NotPermitted, ValidationError
from lapor_desktop.domain.summary import QUEUE_LABELS, Queue
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.office import LocalUser
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace
from tests.lapor_desktop.services.conflict_support import record_conflict


@pytest.fixture
def service(workspace: Workspace) -> CaseService:
    return CaseService(workspace)


def _register(service: CaseService, title: str = "Bansos tidak cair") -> str:
    new = NewCase(title=title, text="PKH tidak cair", channel="whatsapp", category="Bantuan Sosial")
    return service.register(new).id


def _open_conflicts_column(workspace: Workspace, case_id: str) -> int:
    con = sqlite3.connect(workspace.paths.database)
    try:
        row = con.execute('SELECT open_conflicts FROM "case" WHERE id = ?', (case_id,)).fetchone()
    finally:
        con.close()
    return int(row[0])


def _outbox(workspace: Workspace) -> list[tuple[str, str]]:
    con = sqlite3.connect(workspace.paths.database)
    try:
        return con.execute("SELECT op_type, entity_id FROM outbox ORDER BY rowid").fetchall()
    finally:
        con.close()


def test_a_conflict_shows_in_its_queue_until_it_is_resolved(
    workspace: Workspace, service: CaseService
) -> None:
    queries = QueryService(workspace)
    conflicted = _register(service, "Bansos tidak cair")
    _register(service, "Lampu jalan padam")
    assert queries.queue_counts()[Queue.CONFLICTS] == 0
    case = record_conflict(workspace, conflicted, "title", "PKH tahap 2 tidak cair")
    assert case.title == "Bansos tidak cair" and len(case.open_conflicts) == 1
    assert _open_conflicts_column(workspace, conflicted) == 1
    assert queries.queue_counts()[Queue.CONFLICTS] == 1
    assert [r.id for r in queries.cases(CaseQuery(queue=Queue.CONFLICTS))] == [conflicted]
    assert QUEUE_LABELS[Queue.CONFLICTS] == "Konflik sinkronisasi"

    (conflict,) = case.conflicts
    settled = service.resolve_conflict(conflicted, conflict.id, "ours")
    assert settled.title == "PKH tahap 2 tidak cair" and settled.open_conflicts == ()
    assert _open_conflicts_column(workspace, conflicted) == 0
    assert queries.queue_counts()[Queue.CONFLICTS] == 0
    assert queries.cases(CaseQuery(queue=Queue.CONFLICTS)) == []
    # The resolution is an operation like any other: it is synced.
    assert _outbox(workspace)[-1] == ("conflict.resolve", conflicted)
    detail = service.detail(conflicted)
    assert [e.kind for e in detail.timeline][-2:] == ["conflict", "conflict_resolved"]


def test_resolve_theirs_and_value(workspace: Workspace, service: CaseService) -> None:
    case_id = _register(service)
    record_conflict(workspace, case_id, "title", "Judul A")
    record_conflict(workspace, case_id, "priority", "darurat")
    case = service.find_case(case_id)
    title, priority = sorted(case.open_conflicts, key=lambda c: c.field != "title")
    kept = service.resolve_conflict(case_id, title.id, "theirs")
    assert kept.title == "Bansos tidak cair" and len(kept.open_conflicts) == 1
    assert _open_conflicts_column(workspace, case_id) == 1
    # A unique prefix of the id is enough, as `case show` prints it whole.
    valued = service.resolve_conflict(case_id, priority.id[:8], "value", "Tinggi")
    assert valued.priority.value == "tinggi" and valued.open_conflicts == ()


def test_the_first_resolution_wins_and_a_second_writes_nothing(
    workspace: Workspace, service: CaseService
) -> None:
    case_id = _register(service)
    (conflict,) = record_conflict(workspace, case_id, "title", "Judul A").conflicts
    service.resolve_conflict(case_id, conflict.id, "theirs")
    outbox = _outbox(workspace)
    again = service.resolve_conflict(case_id, conflict.id, "ours")
    assert again.title == "Bansos tidak cair"
    assert _outbox(workspace) == outbox


def test_bad_resolutions_are_refused(workspace: Workspace, service: CaseService) -> None:
    case_id = _register(service)
    (conflict,) = record_conflict(workspace, case_id, "title", "Judul A").conflicts
    outbox = _outbox(workspace)
    with pytest.raises(ValidationError, match="conflict_id"):
        service.resolve_conflict(case_id, "tidak-ada", "ours")
    with pytest.raises(ValidationError, match="choice"):
        service.resolve_conflict(case_id, conflict.id, "mine")
    with pytest.raises(ValidationError, match="value"):
        service.resolve_conflict(case_id, conflict.id, "ours", "x")
    with pytest.raises(ValidationError, match="title"):
        service.resolve_conflict(case_id, conflict.id, "value", "")
    service.archive(case_id, "Bukan pengaduan")
    with pytest.raises(IllegalTransition):
        service.resolve_conflict(case_id, conflict.id, "ours")
    assert (
        _outbox(workspace)[: len(outbox)] == outbox and len(_outbox(workspace)) == len(outbox) + 1
    )
    assert service.resolve_conflict(case_id, conflict.id, "theirs").open_conflicts == ()


def test_a_non_holder_operator_cannot_resolve_but_a_coordinator_can(
    workspace: Workspace, service: CaseService
) -> None:
    case_id = _register(service)
    service.dispose(case_id, DispositionInput(to_office="DINPU"))
    # DINPU's operator edited from a stale base: the conflict is DINPU's to settle.
    (conflict,) = record_conflict(
        workspace, case_id, "summary", "Ringkasan DINPU", office="DINPU"
    ).conflicts
    operator = CaseService(dataclasses.replace(workspace, user=LocalUser("ani", Role.OPERATOR)))
    with pytest.raises(NotPermitted, match="DINPU"):
        operator.resolve_conflict(case_id, conflict.id, "ours")
    assert workspace.user.role is Role.COORDINATOR
    settled = service.resolve_conflict(case_id, conflict.id, "ours")
    assert settled.summary == "Ringkasan DINPU"
    assert settled.conflicts[0].resolved_office == "DINSOS"


def test_an_edit_typed_on_a_monitored_case_is_still_refused_here(
    workspace: Workspace, service: CaseService
) -> None:
    case_id = _register(service)
    service.dispose(case_id, DispositionInput(to_office="DINPU"))
    with pytest.raises(NotPermitted, match="DINPU"):
        service.edit(case_id, {"title": "x"})
    assert service.find_case(case_id).conflicts == ()
