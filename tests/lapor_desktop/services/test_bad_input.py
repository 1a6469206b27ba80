"""Bad input through the services: a typed domain error, a clear message, nothing written."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from lapor_desktop.domain.case import Reporter
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.domain.errors import (
    AmbiguousCategory,
    DomainError,
    GuardFailed,
    IllegalTransition,
    ImmutableField,
    NotPermitted,
    UnknownCategory,
    UnknownCode,
    ValidationError,
)
from lapor_desktop.domain.workflow import allowed_next
from lapor_desktop.services.cases import CaseNotFound, CaseService, DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace

TABLES = ("case", "case_event", "outbox", "case_fts", "number_sequence", "blob")


def _new(**changes: Any) -> NewCase:
    values: dict[str, Any] = {
        "title": "Bansos tidak cair",
        "text": "PKH tidak cair",
        "channel": "whatsapp",
        "category": "Bantuan Sosial",
    }
    values.update(changes)
    return NewCase(**values)


def _state(workspace: Workspace) -> dict[str, object]:
    con = sqlite3.connect(workspace.paths.database)
    try:
        state: dict[str, object] = {
            t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES
        }
        state["docs"] = con.execute('SELECT id, version, status, doc FROM "case"').fetchall()
        state["numbers"] = con.execute("SELECT * FROM number_sequence").fetchall()
    finally:
        con.close()
    return state


@pytest.fixture
def service(workspace: Workspace) -> CaseService:
    return CaseService(workspace)


@pytest.fixture
def received(service: CaseService) -> str:
    """One case already on file, so 'nothing written' also means 'nothing changed'."""
    return service.register(_new(title="Kasus yang sudah ada")).id


def _refused(
    workspace: Workspace, error: type[DomainError], match: str, action: Callable[[], object]
) -> DomainError:
    before = _state(workspace)
    with pytest.raises(error, match=match) as refused:
        action()
    assert _state(workspace) == before
    assert isinstance(refused.value, DomainError)
    return refused.value


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"category": "Kategori Fiktif"}, UnknownCategory, "Kategori Fiktif"),
        ({"category": ""}, ValidationError, "category"),
        ({"category": "Pendidikan Agama"}, AmbiguousCategory, "AGAMA.PENDIDIKAN_AGAMA"),
        ({"channel": "telegram"}, UnknownCode, "channel.*telegram.*whatsapp"),
        ({"kind": "gugatan"}, UnknownCode, "kind.*gugatan.*pengaduan"),
        ({"priority": "super"}, UnknownCode, "super"),
        ({"severity": "berat"}, UnknownCode, "berat"),
        ({"title": "   "}, ValidationError, "title"),
        ({"title": "x" * 201}, ValidationError, "title"),
        ({"text": "  "}, ValidationError, "text"),
        ({"lapor_tracking_id": "LAP-1916449"}, ValidationError, "tracking"),
        ({"reporter": Reporter(name="Siti", nik="12345")}, ValidationError, "NIK"),
        ({"reporter": Reporter(name="Siti", phone="hubungi saya")}, ValidationError, "phone"),
        ({"reporter": Reporter(name="Siti", email="siti-at-gmail")}, ValidationError, "e-mail"),
        ({"incident_date": date(2026, 3, 3)}, ValidationError, "incident_date"),
    ],
)
def test_bad_intake_is_refused_and_writes_nothing(
    workspace: Workspace,
    service: CaseService,
    received: str,
    changes: dict[str, Any],
    error: type[DomainError],
    match: str,
) -> None:
    _refused(workspace, error, match, lambda: service.register(_new(**changes)))
    # And the next good intake takes the next number: the refused one drew none.
    assert service.register(_new()).register_no == "DINSOS/2026/00002"


def test_a_received_time_in_the_future_is_refused(
    workspace: Workspace, service: CaseService, fake_clock
) -> None:
    later = fake_clock() + timedelta(hours=1)
    _refused(
        workspace, ValidationError, "future", lambda: service.register(_new(received_at=later))
    )
    nearly_now = fake_clock() + timedelta(minutes=5)  # another PC's clock may run ahead a bit
    assert service.register(_new(received_at=nearly_now)).received_at == nearly_now


def test_codes_and_labels_are_accepted_whatever_their_case(service: CaseService) -> None:
    case = service.register(
        _new(
            channel="Datang Langsung",
            kind="ASPIRASI",
            category="sosial dan kesejahteraan › bantuan sosial",
        )
    )
    assert (case.channel.value, case.kind.value) == ("walk_in", "aspirasi")
    assert case.category_code == "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"


def test_an_illegal_transition_names_the_allowed_next_states(
    workspace: Workspace, service: CaseService, received: str
) -> None:
    error = _refused(
        workspace, IllegalTransition, "allowed next", lambda: service.resolve(received)
    )
    assert isinstance(error, IllegalTransition)
    assert error.allowed == allowed_next(CaseStatus.RECEIVED)
    for state in allowed_next(CaseStatus.RECEIVED):
        assert state.value in str(error)

    error = _refused(
        workspace,
        IllegalTransition,
        "RECEIVED.*AWAITING_REPORTER",
        lambda: service.answer(received, "Sudah selesai"),
    )
    assert "DISPOSED" in str(error) and "NEEDS_INFO" in str(error)

    service.cancel(received, "Salah input")
    error = _refused(
        workspace, IllegalTransition, "none", lambda: service.reopen(received, "Dibuka lagi")
    )
    assert isinstance(error, IllegalTransition) and error.allowed == ()
    _refused(
        workspace,
        IllegalTransition,
        "CANCELLED",
        lambda: service.edit(received, {"title": "Judul baru"}),
    )


def test_a_follow_up_too_early_names_the_allowed_next_states(
    workspace: Workspace, service: CaseService, received: str
) -> None:
    error = _refused(
        workspace,
        IllegalTransition,
        "allowed next",
        lambda: service.follow_up(received, "Sudah dicek"),
    )
    assert isinstance(error, IllegalTransition)
    assert error.allowed == allowed_next(CaseStatus.RECEIVED)


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("needs_info", lambda s, ref: s.needs_info(ref, "  ")),
        ("archive", lambda s, ref: s.archive(ref, "")),
        ("cancel", lambda s, ref: s.cancel(ref, "")),
        ("forward without reason", lambda s, ref: s.forward(ref, "BPJS Kesehatan", "")),
        ("forward without agency", lambda s, ref: s.forward(ref, " ", "Bukan kewenangan")),
        ("dispose to nobody", lambda s, ref: s.dispose(ref, DispositionInput())),
    ],
)
def test_a_missing_reason_or_target_fails_the_guard(
    workspace: Workspace, service: CaseService, received: str, name: str, action: Any
) -> None:
    error = _refused(workspace, GuardFailed, "required", lambda: action(service, received))
    assert isinstance(error, GuardFailed)


def test_reopen_and_disagreement_need_a_reason(
    workspace: Workspace, service: CaseService, received: str
) -> None:
    service.dispose(received, DispositionInput(to_unit="Bidang Linjamsos"))
    service.follow_up(received, "Dicek")
    service.answer(received, "Sudah cair")
    _refused(workspace, GuardFailed, "reason", lambda: service.reopen(received, ""))
    service.resolve(received)
    _refused(workspace, GuardFailed, "reason", lambda: service.reopen(received, " "))
    assert service.reopen(received, "Ternyata belum cair").status is CaseStatus.IN_PROGRESS


@pytest.mark.parametrize(
    "ref",
    [
        "DINSOS/2026/00099",
        "dinsos/2026/00099",
        "0190a3f2-0000-7000-8000-000000000000",
        "1916449",
        "#1916449",
        "tidak-ada",
        "  ",
    ],
)
def test_an_unknown_case_is_case_not_found(
    workspace: Workspace, service: CaseService, received: str, ref: str
) -> None:
    for action in (
        lambda: service.detail(ref),
        lambda: service.note(ref, "catatan"),
        lambda: service.needs_info(ref, "alasan"),
        lambda: service.edit(ref, {"title": "x"}),
        lambda: service.archive(received, "Duplikat", duplicate_of=ref),
    ):
        error = _refused(workspace, CaseNotFound, "no case", action)
        assert isinstance(error, CaseNotFound) and error.ref == ref.strip()


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({}, ValidationError, "nothing to change"),
        ({"original_text": "Teks lain"}, ImmutableField, "original_text"),
        ({"register_no": "DINSOS/2026/00005"}, ImmutableField, "register_no"),
        ({"warna": "merah"}, ValidationError, "not an editable field"),
        ({"title": ""}, ValidationError, "title"),
        ({"category_code": "Kategori Fiktif"}, UnknownCategory, "Fiktif"),
        ({"channel": "telegram"}, UnknownCode, "telegram"),
        ({"reporter.nik": "123"}, ValidationError, "NIK"),
        ({"location.lat": "utara"}, ValidationError, "number"),
        ({"incident_date": "kemarin"}, ValidationError, "date"),
        ({"title": "Judul baru", "summary": "x" * 10_001}, ValidationError, "summary"),
    ],
)
def test_a_bad_edit_writes_nothing(
    workspace: Workspace,
    service: CaseService,
    received: str,
    changes: dict[str, Any],
    error: type[DomainError],
    match: str,
) -> None:
    _refused(workspace, error, match, lambda: service.edit(received, changes))


def test_another_office_s_case_can_be_watched_but_not_worked(
    workspace: Workspace, service: CaseService, received: str
) -> None:
    service.dispose(received, DispositionInput(to_office="DINPU"))
    _refused(workspace, NotPermitted, "DINPU", lambda: service.follow_up(received, "Dicek"))
    _refused(workspace, NotPermitted, "DINPU", lambda: service.edit(received, {"title": "x"}))
    assert service.detail(received).can_act is False
    service.note(received, "Kami pantau")  # notes are allowed to anyone who sees the case


def test_every_error_is_a_domain_error_with_a_code(service: CaseService, received: str) -> None:
    codes = set()
    for action in (
        lambda: service.register(_new(channel="telegram")),
        lambda: service.register(_new(category="Fiktif")),
        lambda: service.resolve(received),
        lambda: service.needs_info(received, ""),
        lambda: service.detail("DINSOS/2026/00404"),
    ):
        with pytest.raises(DomainError) as refused:
            action()
        codes.add(refused.value.code)
    assert codes == {
        "unknown_code",
        "unknown_category",
        "illegal_transition",
        "guard_failed",
        "not_found",
    }


def test_datetime_without_zone_is_taken_as_office_time(service: CaseService, fake_clock) -> None:
    naive = datetime(2026, 3, 2, 8, 0)  # what a form gives: the office's wall clock
    case = service.register(_new(received_at=naive))
    assert case.received_at == fake_clock() - timedelta(hours=1)
