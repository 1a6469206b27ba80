"""apply(case, op, ctx): every path of a case driven through operations, on the 2026 calendar.

Expected deadlines were counted by hand on the SKB 2026 calendar (see test_calendar.py):
around Idul Fitri, Wed 18 – Tue 24 March 2026 are all non-working (cuti bersama, Nyepi, weekend).
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lapor_desktop.domain.apply import Applied, ApplyContext, ApplyResult, Rejected, apply
from lapor_desktop.domain.calendar import WorkingCalendar
from lapor_desktop.domain.case import Case, Reporter
from lapor_desktop.domain.codes import CaseKind, CaseStatus, Channel, Priority, Role, Severity
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.identifiers import derived_id, derived_time_id
from lapor_desktop.domain.ops import Operation, OpType, iso
from lapor_desktop.domain.sla import DeadlineState, Stage, StageClock, evaluate
from lapor_desktop.holiday_defaults import national_holidays
from lapor_desktop.resources import default_categories, default_rulebook

S = CaseStatus
TZ = ZoneInfo("Asia/Jakarta")
CATEGORIES = default_categories()
RULEBOOK = default_rulebook()
CALENDAR = WorkingCalendar.from_holidays(national_holidays([2026]))

OFFICE = "DINSOS"
OTHER_OFFICE = "DINKES"
CASE_ID = "0195f3a2-7c00-7000-8000-00000000c0de"
OTHER_CASE_ID = "0195f3a2-7c00-7000-8000-00000000beef"

REPORTER = {
    "name": "Siti Rahmawati",
    "nik": "3273014506880002",
    "phone": "0812-3456-7890",
    "email": "siti.rahma@example.id",
    "address": "Jl. Melati No. 7, Sukamaju",
}
IDENTITY_VALUES = tuple(REPORTER.values())

_SEQ = itertools.count(1)


def wib(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def end_of_day(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 23, 59, 59, 999999, tzinfo=TZ)


RECEIVED_AT = wib(2026, 3, 16)  # Monday


def ctx(role: Role = Role.OPERATOR) -> ApplyContext:
    return ApplyContext(
        categories=CATEGORIES, rulebook=RULEBOOK, calendar=CALENDAR, tz=TZ, role=role
    )


def make_op(
    op_type: OpType,
    data: dict[str, Any],
    at: datetime,
    *,
    office: str = OFFICE,
    actor: str = "sari",
    case_id: str = CASE_ID,
    op_id: str | None = None,
    base_version: int = 0,
    device: str = "dev-a",
) -> Operation:
    return Operation(
        op_id=op_id or str(uuid.uuid4()),
        op_type=op_type,
        entity_id=case_id,
        base_version=base_version,
        device_id=device,
        device_seq=next(_SEQ),
        actor=actor,
        office=office,
        at=at,
        data=data,
    )


def run(case: Case | None, op: Operation, role: Role = Role.OPERATOR) -> Applied:
    result = apply(case, op, ctx(role))
    assert isinstance(result, Applied), f"rejected: {getattr(result, 'message', result)}"
    return result


def refuse(case: Case | None, op: Operation, code: str, role: Role = Role.OPERATOR) -> Rejected:
    result = apply(case, op, ctx(role))
    assert isinstance(result, Rejected), f"unexpectedly applied: {result}"
    assert result.code == code, result.message
    assert isinstance(result.error, DomainError)
    assert result.error.code == code
    assert result.message == str(result.error)
    return result


# --------------------------------------------------------------------------- operation builders


def create_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "register_no": "DINSOS/2026/00042",
        "kind": "pengaduan",
        "title": "Bantuan sosial   tidak diterima",
        "original_text": "Sudah tiga bulan BPNT tidak cair padahal terdaftar di DTKS.",
        "summary": "",
        "channel": "Datang langsung",
        "received_at": iso(RECEIVED_AT),
        "category_code": "Sosial dan Kesejahteraan › Bantuan Sosial",
        "priority": "tinggi",
        "severity": "ringan",
        "anonymous": False,
        "confidential": True,
        "lapor_tracking_id": "#4521987",
        "incident_date": "2026-03-02",
        "location": {
            "kecamatan": "Cibeunying",
            "desa": "Sukamaju",
            "text": "RT 03/RW 05",
            "lat": -6.9,
            "lon": 107.6,
        },
        "reporter": dict(REPORTER),
    }
    data.update(overrides)
    return data


def create_op(at: datetime = RECEIVED_AT, **overrides: Any) -> Operation:
    return make_op(OpType.CASE_CREATE, create_data(**overrides), at)


def created(**overrides: Any) -> Case:
    return run(None, create_op(**overrides)).case


def transition_op(
    to: str, at: datetime, reason: str | None = None, *, office: str = OFFICE, **extra: Any
) -> Operation:
    data: dict[str, Any] = {"to": to, **extra}
    if reason is not None:
        data["reason"] = reason
    return make_op(OpType.CASE_TRANSITION, data, at, office=office)


def dispose_op(at: datetime, office: str = OFFICE, **disposition: Any) -> Operation:
    raw = {
        "to_unit": "Bidang Perlindungan dan Jaminan Sosial",
        "to_person": "Kabid Linjamsos",
        "instructions": ["tanggapan dan saran", "proses lebih lanjut", " "],
        "note": "Mohon dicek di DTKS",
        "sifat": "Segera",
    }
    raw.update(disposition)
    return make_op(OpType.CASE_DISPOSE, {"disposition": raw}, at, office=office)


def follow_up_op(
    at: datetime, text: str = "Petugas memverifikasi data DTKS", office: str = OFFICE
) -> Operation:
    return make_op(OpType.CASE_FOLLOW_UP, {"text": text}, at, office=office)


def answer_op(
    at: datetime,
    text: str = "BPNT cair tanggal 3 April; surat jawaban terlampir",
    office: str = OFFICE,
) -> Operation:
    return make_op(OpType.CASE_ANSWER, {"text": text}, at, office=office)


def edit_op(
    at: datetime,
    changes: dict[str, dict[str, Any]],
    *,
    office: str = OFFICE,
    base_version: int = 1,
    device: str = "dev-a",
) -> Operation:
    return make_op(
        OpType.CASE_EDIT,
        {"changes": changes},
        at,
        office=office,
        base_version=base_version,
        device=device,
    )


def extend_op(
    at: datetime,
    stage: str,
    days: int,
    reason: str = "menunggu data dari desa",
    office: str = OFFICE,
) -> Operation:
    return make_op(
        OpType.SLA_EXTEND, {"stage": stage, "days": days, "reason": reason}, at, office=office
    )


def attach_op(
    at: datetime, sha: str = "ab" * 32, name: str = "ktp-kk.pdf", office: str = OFFICE
) -> Operation:
    return make_op(
        OpType.ATTACHMENT_ADD,
        {"sha256": sha, "size": 20480, "name": name, "mime": "application/pdf"},
        at,
        office=office,
    )


def note_op(
    at: datetime, text: str = "Pelapor menelepon menanyakan progres", office: str = OFFICE
) -> Operation:
    return make_op(OpType.EVENT_APPEND, {"text": text}, at, office=office)


def clock(case: Case, stage: Stage, *, open_only: bool = False) -> StageClock:
    found = [c for c in case.clocks if c.stage is stage and (c.is_open or not open_only)]
    assert found, f"no {stage} clock in {case.clocks}"
    return found[-1]


def due_now(case: Case, stage: Stage, now: datetime) -> datetime:
    return evaluate(clock(case, stage), RULEBOOK, CALENDAR, TZ, case.pauses, now).due_at


# --------------------------------------------------------------------------- scenarios
# Reused by test_codec.py and the property test: each returns the case at the end of a path.


def scenario_disposed() -> Case:
    case = created()
    return run(case, dispose_op(wib(2026, 3, 25, 10))).case


def scenario_awaiting() -> Case:
    case = scenario_disposed()
    case = run(case, attach_op(wib(2026, 3, 25, 11))).case
    case = run(case, extend_op(wib(2026, 3, 25, 12), "resolution", 3)).case
    case = run(case, follow_up_op(wib(2026, 3, 26, 10))).case
    case = run(case, follow_up_op(wib(2026, 3, 27, 10), "Survei lapangan ke rumah pelapor")).case
    return run(case, answer_op(wib(2026, 4, 2, 14))).case


def scenario_resolved() -> Case:
    case = scenario_awaiting()
    return run(
        case, transition_op("RESOLVED", wib(2026, 4, 6, 9), reason="pelapor menerima jawaban")
    ).case


def scenario_reopened() -> Case:
    case = scenario_resolved()
    return run(
        case, transition_op("IN_PROGRESS", wib(2026, 4, 7, 9), reason="bantuan ternyata belum cair")
    ).case


def scenario_needs_info_resumed() -> Case:
    case = created()
    case = run(
        case, transition_op("NEEDS_INFO", wib(2026, 3, 17, 10), reason="NIK di KTP tidak terbaca")
    ).case
    return run(case, transition_op("RECEIVED", wib(2026, 3, 30, 10))).case


def scenario_archived_duplicate() -> Case:
    case = created()
    return run(
        case,
        transition_op(
            "ARCHIVED", wib(2026, 3, 17, 10), reason="duplikat", duplicate_of=OTHER_CASE_ID
        ),
    ).case


def scenario_forwarded() -> Case:
    case = created()
    op = make_op(
        OpType.CASE_FORWARD,
        {
            "agency": "Dinas PUPR Provinsi Jawa Barat",
            "reason": "jalan provinsi, bukan kewenangan kabupaten",
        },
        wib(2026, 3, 17, 10),
    )
    return run(case, op).case


def scenario_cancelled() -> Case:
    case = scenario_disposed()
    return run(
        case,
        transition_op("CANCELLED", wib(2026, 3, 26, 10), reason="salah input"),
        role=Role.COORDINATOR,
    ).case


def scenario_info_request_extended() -> Case:
    case = created(
        kind="Permintaan informasi", received_at=iso(wib(2026, 5, 4)), incident_date=None
    )
    return run(
        case, extend_op(wib(2026, 5, 6), "resolution", 7, reason="dokumen ada di arsip kecamatan")
    ).case


def scenario_edited_anonymous() -> Case:
    case = scenario_disposed()
    changes = {"anonymous": {"old": False, "new": True}, "summary": {"old": "", "new": "BPNT"}}
    return run(case, edit_op(wib(2026, 3, 25, 15), changes)).case


SCENARIOS: dict[str, Callable[[], Case]] = {
    "disposed": scenario_disposed,
    "awaiting": scenario_awaiting,
    "resolved": scenario_resolved,
    "reopened": scenario_reopened,
    "needs_info_resumed": scenario_needs_info_resumed,
    "archived_duplicate": scenario_archived_duplicate,
    "forwarded": scenario_forwarded,
    "cancelled": scenario_cancelled,
    "info_request_extended": scenario_info_request_extended,
    "edited_anonymous": scenario_edited_anonymous,
}


# =========================================================================== create


def test_create_builds_a_received_case_from_codes_and_labels() -> None:
    op = create_op()
    result = run(None, op)
    case = result.case
    assert case.id == CASE_ID
    assert case.status is S.RECEIVED
    assert case.version == 1
    assert case.register_no == "DINSOS/2026/00042"
    assert case.origin_office == case.holder_office == OFFICE
    assert case.channel is Channel.WALK_IN
    assert case.category_code == "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"
    assert case.kind is CaseKind.COMPLAINT
    assert case.priority is Priority.HIGH
    assert case.severity is Severity.LIGHT
    assert case.title == "Bantuan sosial tidak diterima"
    assert case.lapor_tracking_id == "4521987"
    assert case.reporter == Reporter(**REPORTER)
    assert case.location.desa == "Sukamaju" and case.location.lat == -6.9
    assert case.received_at == RECEIVED_AT
    assert case.created_by == "sari"
    # Verification and resolution both run from receipt.
    assert [(c.stage, c.rule_code, c.started_at, c.is_open) for c in case.clocks] == [
        (Stage.VERIFICATION, "VERIFY_3HK", RECEIVED_AT, True),
        (Stage.RESOLUTION, "RESOLVE_LIGHT_5HK", RECEIVED_AT, True),
    ]
    (event,) = result.events
    assert event.kind == "created"
    assert event.id == derived_time_id(int(op.at.timestamp() * 1000), op.op_id, "event")
    assert event.op_id == op.op_id and event.case_id == CASE_ID
    assert "DINSOS/2026/00042" in event.summary


def test_created_clock_deadlines_skip_idul_fitri_holidays() -> None:
    case = created()
    # Mon 16 Mar is day 0; Tue 17 is 1; Wed 18 – Tue 24 are off; Wed 25 is 2, Thu 26 is 3.
    assert due_now(case, Stage.VERIFICATION, RECEIVED_AT) == end_of_day(2026, 3, 26)
    # Resolution (ringan, 5 HK): Fri 27 is 4, Mon 30 is 5.
    assert due_now(case, Stage.RESOLUTION, RECEIVED_AT) == end_of_day(2026, 3, 30)


def test_replayed_create_is_a_noop() -> None:
    op = create_op()
    case = run(None, op).case
    again = run(case, op)
    assert again.noop and again.case is case and again.events == ()
    # A different create for an id that exists changes nothing either.
    other = create_op(title="Judul lain")
    assert run(case, other).case is case


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"title": "  "}, "invalid"),
        ({"original_text": ""}, "invalid"),
        ({"register_no": "DINSOS-2026-42"}, "invalid"),
        ({"channel": "merpati pos"}, "unknown_code"),
        ({"kind": "keluhan"}, "unknown_code"),
        ({"category_code": "Pendidikan Agama"}, "ambiguous_category"),
        ({"category_code": "Perpajakan Daerah"}, "unknown_category"),
        ({"incident_date": "2026-03-17"}, "invalid"),
        ({"received_at": "2026-03-16T09:00:00"}, "invalid"),
        ({"lapor_tracking_id": "LAP-12"}, "invalid"),
    ],
)
def test_create_rejections_are_typed(overrides: dict[str, Any], code: str) -> None:
    refuse(None, create_op(**overrides), code)


def test_non_create_op_on_a_missing_case_is_rejected() -> None:
    refuse(None, note_op(RECEIVED_AT), "invalid")


# =========================================================================== main path + SLA


def test_full_path_received_disposed_in_progress_awaiting_resolved() -> None:
    case = created()
    dispose_at = wib(2026, 3, 25, 10)
    result = run(case, dispose_op(dispose_at))
    case = result.case
    assert case.status is S.DISPOSED and case.version == 2
    assert result.events[0].kind == "disposed"
    (disposition,) = case.dispositions
    assert disposition.to_unit == "Bidang Perlindungan dan Jaminan Sosial"
    assert disposition.to_office is None and disposition.from_office == OFFICE
    assert disposition.instructions == ("tanggapan dan saran", "proses lebih lanjut")
    assert disposition.sifat.value == "segera"
    # Verification completed at the dispose, met, due Thu 26 Mar frozen.
    verification = clock(case, Stage.VERIFICATION)
    assert verification.completed_at == dispose_at
    assert verification.met is True
    assert verification.frozen_due_at == end_of_day(2026, 3, 26)
    # First follow-up starts at the dispose: Thu 26 (1), Fri 27, Mon 30, Tue 31, Wed 1 Apr (5).
    follow = clock(case, Stage.FIRST_FOLLOW_UP)
    assert follow.is_open and follow.started_at == dispose_at
    assert follow.rule_code == "FOLLOW_UP_5HK"
    assert disposition.due_at == end_of_day(2026, 4, 1)

    # A second hop (Kabid -> Seksi) keeps DISPOSED.
    case = run(
        case, dispose_op(wib(2026, 3, 25, 14), to_unit="Seksi Jaminan Sosial", to_person=None)
    ).case
    assert case.status is S.DISPOSED and case.version == 3 and len(case.dispositions) == 2

    first_follow_at = wib(2026, 3, 26, 10)
    case = run(case, follow_up_op(first_follow_at)).case
    assert case.status is S.IN_PROGRESS and case.version == 4
    follow = clock(case, Stage.FIRST_FOLLOW_UP)
    assert follow.completed_at == first_follow_at and follow.met is True

    case = run(case, follow_up_op(wib(2026, 3, 30, 10), "Survei lapangan")).case
    assert case.status is S.IN_PROGRESS and case.version == 5 and len(case.follow_ups) == 2

    answer_at = wib(2026, 4, 2, 14)
    result = run(case, answer_op(answer_at))
    case = result.case
    assert case.status is S.AWAITING_REPORTER and case.version == 6
    assert case.answer is not None and case.answer.at == answer_at
    assert result.events[0].data["to"] == "AWAITING_REPORTER"
    # Resolution (5 HK, due Mon 30 Mar) completed late on Thu 2 Apr.
    resolution = clock(case, Stage.RESOLUTION)
    assert resolution.completed_at == answer_at and resolution.met is False
    assert resolution.frozen_due_at == end_of_day(2026, 3, 30)
    # Auto-close starts: Fri 3 Apr is a holiday, so 10 HK after Thu 2 Apr ends Fri 17 Apr.
    auto = clock(case, Stage.AUTO_CLOSE)
    assert auto.is_open and auto.started_at == answer_at and auto.rule_code == "AUTO_CLOSE_10HK"
    assert due_now(case, Stage.AUTO_CLOSE, answer_at) == end_of_day(2026, 4, 17)

    resolved_at = wib(2026, 4, 17, 16)
    case = run(case, transition_op("RESOLVED", resolved_at)).case
    assert case.status is S.RESOLVED and case.version == 7
    assert all(not c.is_open for c in case.clocks)
    assert clock(case, Stage.AUTO_CLOSE).met is True


def test_late_dispose_freezes_verification_as_missed() -> None:
    case = run(created(), dispose_op(wib(2026, 3, 27, 8))).case
    verification = clock(case, Stage.VERIFICATION)
    assert verification.met is False
    assert verification.frozen_due_at == end_of_day(2026, 3, 26)
    state = evaluate(verification, RULEBOOK, CALENDAR, TZ, case.pauses, wib(2026, 12, 1))
    assert state.state is DeadlineState.MISSED


def test_needs_info_pauses_and_resuming_closes_the_pause() -> None:
    case = created()
    refuse(case, transition_op("NEEDS_INFO", wib(2026, 3, 17, 10)), "guard_failed")
    paused_at = wib(2026, 3, 17, 10)
    case = run(case, transition_op("NEEDS_INFO", paused_at, reason="NIK tidak terbaca")).case
    assert case.status is S.NEEDS_INFO and case.status_reason == "NIK tidak terbaca"
    assert len(case.pauses) == 1 and case.pauses[0].start == paused_at
    assert case.pauses[0].end is None
    info_wait = clock(case, Stage.INFO_WAIT)
    assert info_wait.is_open and info_wait.rule_code == "INFO_WAIT_30D"
    verification = evaluate(
        clock(case, Stage.VERIFICATION), RULEBOOK, CALENDAR, TZ, case.pauses, wib(2026, 3, 27)
    )
    assert verification.state is DeadlineState.PAUSED
    # Work is blocked while waiting for the reporter.
    refuse(case, dispose_op(wib(2026, 3, 18)), "illegal_transition")

    resumed_at = wib(2026, 3, 30, 10)
    case = run(case, transition_op("RECEIVED", resumed_at)).case
    assert case.status is S.RECEIVED
    assert case.pauses[0].end == resumed_at
    assert clock(case, Stage.INFO_WAIT).completed_at == resumed_at
    # Paused Tue 17 -> Mon 30 (Wed 25, Thu 26, Fri 27, Mon 30 = 4 HK): verification
    # now ends after 3 + 4 = 7 working days from Mon 16 Mar, on Wed 1 Apr.
    assert due_now(case, Stage.VERIFICATION, resumed_at) == end_of_day(2026, 4, 1)
    verification = evaluate(
        clock(case, Stage.VERIFICATION), RULEBOOK, CALENDAR, TZ, case.pauses, wib(2026, 3, 31)
    )
    assert verification.state is DeadlineState.RUNNING and not verification.paused
    # The dispose after the pause is still on time.
    case = run(case, dispose_op(wib(2026, 4, 1, 15))).case
    assert clock(case, Stage.VERIFICATION).met is True


def test_closed_incomplete_only_after_the_info_wait_has_run_out() -> None:
    case = created()
    case = run(case, transition_op("NEEDS_INFO", wib(2026, 3, 17, 10), reason="data kurang")).case
    # 30 calendar days from Tue 17 Mar end on Thu 16 Apr.
    refuse(case, transition_op("CLOSED_INCOMPLETE", wib(2026, 4, 16, 20)), "guard_failed")
    closed_at = wib(2026, 4, 17, 8)
    case = run(case, transition_op("CLOSED_INCOMPLETE", closed_at)).case
    assert case.status is S.CLOSED_INCOMPLETE
    assert all(not c.is_open for c in case.clocks)
    assert case.pauses[0].end == closed_at
    refuse(case, transition_op("RECEIVED", wib(2026, 4, 18)), "illegal_transition")


def test_forward_needs_agency_and_reason_and_stops_every_clock() -> None:
    case = created()
    at = wib(2026, 3, 17, 10)
    refuse(case, make_op(OpType.CASE_FORWARD, {"reason": "bukan kewenangan"}, at), "guard_failed")
    refuse(case, make_op(OpType.CASE_FORWARD, {"agency": "Dinas PUPR"}, at), "guard_failed")
    # The generic transition refuses moves that have their own operation.
    rejected = refuse(
        case, transition_op("FORWARDED", at, reason="x", agency="Dinas PUPR"), "guard_failed"
    )
    assert "case.forward" in rejected.message
    case = scenario_forwarded()
    assert case.status is S.FORWARDED and case.forwarded_to == "Dinas PUPR Provinsi Jawa Barat"
    assert case.status_reason == "jalan provinsi, bukan kewenangan kabupaten"
    assert all(not c.is_open for c in case.clocks)
    case = run(case, transition_op("RESOLVED", wib(2026, 4, 1), reason="dikonfirmasi")).case
    assert case.status is S.RESOLVED


def test_archive_as_duplicate_needs_a_reason_and_links_the_original() -> None:
    case = created()
    at = wib(2026, 3, 17, 10)
    refuse(case, transition_op("ARCHIVED", at, duplicate_of=OTHER_CASE_ID), "guard_failed")
    refuse(case, transition_op("ARCHIVED", at, reason="duplikat", duplicate_of=CASE_ID), "invalid")
    result = run(case, transition_op("ARCHIVED", at, reason="duplikat", duplicate_of=OTHER_CASE_ID))
    case = result.case
    assert case.status is S.ARCHIVED and case.duplicate_of == OTHER_CASE_ID
    assert result.events[0].data["duplicate_of"] == OTHER_CASE_ID
    assert result.events[0].data["reason"] == "duplikat"
    assert all(not c.is_open for c in case.clocks)
    # Final: nothing moves it, and it is no longer editable.
    for target in ("RECEIVED", "CANCELLED", "IN_PROGRESS"):
        refuse(
            case,
            transition_op(target, wib(2026, 3, 18), reason="x"),
            "illegal_transition",
            role=Role.ADMIN,
        )
    refuse(case, edit_op(wib(2026, 3, 18), {"title": {"new": "Judul baru"}}), "illegal_transition")


def test_reopen_from_awaiting_reporter_and_from_resolved_needs_a_reason() -> None:
    case = scenario_awaiting()
    at = wib(2026, 4, 6, 9)
    refuse(case, transition_op("IN_PROGRESS", at), "guard_failed")
    case = run(case, transition_op("IN_PROGRESS", at, reason="pelapor tidak setuju")).case
    assert case.status is S.IN_PROGRESS and case.reopen_count == 1 and case.answer is None
    assert clock(case, Stage.AUTO_CLOSE).completed_at == at
    resolution = clock(case, Stage.RESOLUTION, open_only=True)
    assert resolution.started_at == at
    assert len([c for c in case.clocks if c.stage is Stage.RESOLUTION]) == 2

    case = scenario_resolved()
    at = wib(2026, 4, 7, 9)
    refuse(case, transition_op("IN_PROGRESS", at, reason="  "), "guard_failed")
    case = run(case, transition_op("IN_PROGRESS", at, reason="bantuan belum cair")).case
    assert case.status is S.IN_PROGRESS and case.reopen_count == 1
    assert clock(case, Stage.RESOLUTION, open_only=True).started_at == at


def test_cancel_is_for_coordinators_with_a_reason() -> None:
    case = scenario_disposed()
    at = wib(2026, 3, 26, 10)
    refuse(case, transition_op("CANCELLED", at, reason="salah input"), "not_permitted")
    refuse(case, transition_op("CANCELLED", at), "guard_failed", role=Role.COORDINATOR)
    cancelled = run(
        case, transition_op("CANCELLED", at, reason="salah input"), role=Role.ADMIN
    ).case
    assert cancelled.status is S.CANCELLED and cancelled.status_reason == "salah input"
    case = scenario_cancelled()
    assert case.status is S.CANCELLED
    assert all(not c.is_open for c in case.clocks)
    refuse(
        case, transition_op("CANCELLED", at, reason="lagi"), "illegal_transition", role=Role.ADMIN
    )


def test_illegal_moves_and_missing_data_are_typed_rejections() -> None:
    case = created()
    at = wib(2026, 3, 17)
    refuse(case, transition_op("RESOLVED", at, reason="x"), "illegal_transition")
    refuse(case, transition_op("CLOSED_INCOMPLETE", at, reason="x"), "illegal_transition")
    refuse(case, transition_op("NONSENSE", at), "unknown_code")
    refuse(case, follow_up_op(at), "illegal_transition")
    refuse(case, answer_op(at), "illegal_transition")
    refuse(case, make_op(OpType.CASE_DISPOSE, {}, at), "invalid")
    refuse(case, dispose_op(at, to_unit=None, to_person=None), "guard_failed")
    refuse(case, transition_op("DISPOSED", at), "guard_failed")
    disposed = run(case, dispose_op(at)).case
    refuse(disposed, make_op(OpType.CASE_FOLLOW_UP, {"text": " "}, at), "invalid")
    refuse(disposed, transition_op("IN_PROGRESS", at), "guard_failed")
    in_progress = run(disposed, follow_up_op(at)).case
    refuse(in_progress, make_op(OpType.CASE_ANSWER, {}, at), "invalid")
    refuse(in_progress, transition_op("AWAITING_REPORTER", at), "guard_failed")


def test_illegal_move_to_a_state_with_its_own_action_is_illegal_not_a_hint() -> None:
    case = scenario_archived_duplicate()
    for target in ("DISPOSED", "FORWARDED", "AWAITING_REPORTER"):
        rejected = refuse(
            case, transition_op(target, wib(2026, 3, 18), reason="x"), "illegal_transition"
        )
        assert "none" in rejected.message


def test_dispose_to_own_office_without_unit_or_person_is_no_disposition() -> None:
    case = created()
    refuse(
        case,
        dispose_op(wib(2026, 3, 17), to_office=OFFICE, to_unit=None, to_person=None),
        "guard_failed",
    )


# =========================================================================== holder office


def test_only_the_holder_office_may_act_and_a_dispose_to_another_office_moves_it() -> None:
    case = created()
    at = wib(2026, 3, 17)
    refuse(case, dispose_op(at, office=OTHER_OFFICE), "not_permitted")
    refuse(case, transition_op("NEEDS_INFO", at, reason="x", office=OTHER_OFFICE), "not_permitted")
    refuse(case, edit_op(at, {"title": {"new": "Judul"}}, office=OTHER_OFFICE), "not_permitted")
    refuse(case, extend_op(at, "resolution", 2, office=OTHER_OFFICE), "not_permitted")

    case = run(case, dispose_op(at, to_office="dinkes", to_unit=None, to_person=None)).case
    assert case.holder_office == OTHER_OFFICE
    assert case.dispositions[0].to_office == OTHER_OFFICE
    assert case.dispositions[0].is_external
    refuse(case, follow_up_op(wib(2026, 3, 25), office=OFFICE), "not_permitted")
    refuse(case, dispose_op(wib(2026, 3, 25), office=OFFICE), "not_permitted")
    # The sender can still add notes (append-only) while it monitors.
    noted = run(case, note_op(wib(2026, 3, 25), office=OFFICE))
    assert noted.case is case and noted.events[0].office == OFFICE
    case = run(case, follow_up_op(wib(2026, 3, 25), office=OTHER_OFFICE)).case
    assert case.status is S.IN_PROGRESS and case.follow_ups[0].office == OTHER_OFFICE


# =========================================================================== stale "from"


def test_transition_with_stale_from_and_same_target_keeps_the_event_the_pc_wrote() -> None:
    received = created()
    case = run(received, transition_op("NEEDS_INFO", wib(2026, 3, 17), reason="data kurang")).case
    # A second workstation did the same move from what it saw (RECEIVED).
    second = transition_op(
        "NEEDS_INFO", wib(2026, 3, 17, 11), reason="  data belum lengkap ", **{"from": "RECEIVED"}
    )
    again = run(case, second)
    # The first move wins: the case is untouched (no status change, no new version) ...
    assert not again.noop and again.case is case and not again.conflicts
    # ... but the operator's record is kept: the very event their PC wrote.
    (on_pc,) = run(received, second).events
    assert again.events == (on_pc,)
    assert on_pc.data["reason"] == "data belum lengkap" and on_pc.data["from"] == "RECEIVED"


def test_a_repeated_move_keeps_its_event_however_often_it_is_applied() -> None:
    case = scenario_awaiting()
    first = transition_op("RESOLVED", wib(2026, 4, 3), reason="Sudah cair")
    case = run(case, first).case
    second = transition_op(
        "RESOLVED", wib(2026, 4, 3, 11), reason="Sudah cair juga", **{"from": "AWAITING_REPORTER"}
    )
    once, twice = run(case, second), run(case, second)
    # Same id every time: storing it again is a no-op for every replica (events go by id).
    assert once.events == twice.events and once.events[0].op_id == second.op_id
    assert case.status_reason == "Sudah cair"


def test_a_repeat_claiming_an_impossible_view_is_refused() -> None:
    case = scenario_awaiting()
    case = run(case, transition_op("RESOLVED", wib(2026, 4, 3), reason="Sudah cair")).case
    # RECEIVED -> RESOLVED is no move an operator could have made: nothing to keep.
    refuse(
        case,
        transition_op("RESOLVED", wib(2026, 4, 3, 11), reason="x", **{"from": "RECEIVED"}),
        "illegal_transition",
    )


def test_transition_with_stale_from_and_other_target_is_rejected_naming_next_steps() -> None:
    case = scenario_disposed()
    rejected = refuse(
        case,
        transition_op("NEEDS_INFO", wib(2026, 3, 26), reason="data kurang", **{"from": "RECEIVED"}),
        "illegal_transition",
    )
    assert "DISPOSED" in rejected.message
    for name in ("IN_PROGRESS", "CANCELLED"):
        assert name in rejected.message.split("allowed next:", 1)[1]
    # Even a move that is legal from here is refused when the operator saw another state.
    refuse(
        case,
        transition_op("CANCELLED", wib(2026, 3, 26), reason="salah", **{"from": "RECEIVED"}),
        "illegal_transition",
        role=Role.COORDINATOR,
    )


def test_stale_from_on_dedicated_actions() -> None:
    case = scenario_forwarded()
    forward = make_op(
        OpType.CASE_FORWARD,
        {"agency": "Dinas PUPR", "reason": "bukan kewenangan", "from": "RECEIVED"},
        wib(2026, 3, 18),
    )
    kept = run(case, forward)
    assert kept.case is case and [e.data["agency"] for e in kept.events] == ["Dinas PUPR"]
    case = scenario_awaiting()
    answer = make_op(
        OpType.CASE_ANSWER, {"text": "jawaban", "from": "IN_PROGRESS"}, wib(2026, 4, 3)
    )
    kept = run(case, answer)
    assert kept.case is case and [e.data["answer"] for e in kept.events] == ["jawaban"]
    assert kept.events[0].data["from"] == "IN_PROGRESS"
    # A dispose is never assumed to be a repeat: a hop from a stale view is refused.
    dispose = make_op(
        OpType.CASE_DISPOSE,
        {"disposition": {"to_unit": "Seksi"}, "from": "RECEIVED"},
        wib(2026, 4, 3),
    )
    refuse(scenario_disposed(), dispose, "illegal_transition")


def test_transition_from_matching_current_status_applies() -> None:
    case = created()
    result = run(
        case,
        transition_op("NEEDS_INFO", wib(2026, 3, 17), reason="data kurang", **{"from": "Diterima"}),
    )
    assert result.case.status is S.NEEDS_INFO and not result.noop


# =========================================================================== idempotency, ids


def test_event_ids_are_derived_from_the_op_id() -> None:
    case = scenario_disposed()
    op = follow_up_op(wib(2026, 3, 26))
    first = run(case, op)
    second = run(case, op)
    assert (
        first.events[0].id
        == second.events[0].id
        == derived_time_id(int(op.at.timestamp() * 1000), op.op_id, "event")
    )
    assert first.case == second.case
    assert first.case.follow_ups[0].id == derived_id(op.op_id, "follow_up")
    other = run(case, follow_up_op(wib(2026, 3, 26)))
    assert other.events[0].id != first.events[0].id
    # Replaying an applied follow-up on the resulting case is a noop.
    replay = run(first.case, op)
    assert replay.noop and replay.case is first.case
    # A second follow-up made from the same view: its event says what the operator saw, as
    # their PC wrote it, not the status the first one moved the case to.
    seen = make_op(OpType.CASE_FOLLOW_UP, {"text": "lagi", "from": "DISPOSED"}, wib(2026, 3, 27))
    (event,) = run(first.case, seen).events
    assert first.case.status is S.IN_PROGRESS and event.data["from"] == "DISPOSED"


def test_disposition_id_is_deterministic_and_a_replayed_hop_is_a_noop() -> None:
    case = created()
    op = dispose_op(wib(2026, 3, 17))
    disposed = run(case, op).case
    assert disposed.dispositions[0].id == derived_id(op.op_id, "disposition")
    assert run(case, op).case == disposed
    # DISPOSED -> DISPOSED is legal, so only the id tells a replay from a new hop.
    replay = run(disposed, op)
    assert replay.noop and replay.case is disposed
    # Also after the hop moved the case to another office.
    external = dispose_op(wib(2026, 3, 17), to_office=OTHER_OFFICE, to_unit=None, to_person=None)
    moved = run(case, external).case
    assert run(moved, external).case is moved


# =========================================================================== extend


def test_extension_needs_a_reason_and_moves_the_deadline() -> None:
    case = created()
    at = wib(2026, 3, 17)
    refuse(case, extend_op(at, "resolution", 2, reason="  "), "extension_refused")
    refuse(case, extend_op(at, "first_follow_up", 2), "guard_failed")
    refuse(case, extend_op(at, "no_such_stage", 2), "invalid")
    refuse(case, extend_op(at, "resolution", 0), "extension_refused")
    result = run(case, extend_op(at, "resolution", 3))
    case = result.case
    assert case.version == 2
    assert clock(case, Stage.RESOLUTION).extension_days == 3
    assert result.events[0].data == {
        "stage": "resolution",
        "days": 3,
        "reason": "menunggu data dari desa",
    }
    # 5 + 3 HK from Mon 16 Mar: Mon 30 (5), Tue 31, Wed 1 Apr, Thu 2 Apr (8).
    assert due_now(case, Stage.RESOLUTION, at) == end_of_day(2026, 4, 2)
    # Complaints have no cap on extensions.
    case = run(case, extend_op(at, "resolution", 30)).case
    assert clock(case, Stage.RESOLUTION).extension_days == 33


def test_information_request_uses_ten_working_days_plus_at_most_seven() -> None:
    received = wib(2026, 5, 4)  # Monday
    case = created(kind="permintaan_informasi", received_at=iso(received), incident_date=None)
    assert case.kind is CaseKind.INFORMATION_REQUEST
    assert clock(case, Stage.RESOLUTION).rule_code == "INFO_REQUEST_10HK"
    # Tue 5 .. Wed 13 May = 7, Thu 14 / Fri 15 off, Mon 18 (8), Tue 19 (9), Wed 20 (10).
    assert due_now(case, Stage.RESOLUTION, received) == end_of_day(2026, 5, 20)
    at = wib(2026, 5, 6)
    refuse(case, extend_op(at, "resolution", 8), "extension_refused")
    case = run(case, extend_op(at, "resolution", 5)).case
    refuse(case, extend_op(at, "resolution", 3), "extension_refused")
    case = run(case, extend_op(at, "resolution", 2)).case
    assert clock(case, Stage.RESOLUTION).extension_days == 7
    refuse(case, extend_op(at, "resolution", 1), "extension_refused")
    # 17 HK: Thu 21 (11), Fri 22, Mon 25, Tue 26 (14), Wed 27 / Thu 28 off, Fri 29 (15),
    # Mon 1 Jun off, Tue 2 (16), Wed 3 Jun (17).
    assert due_now(case, Stage.RESOLUTION, at) == end_of_day(2026, 6, 3)
    # The verification stage of an information request has no cap (rule VERIFY_3HK).
    case = run(case, extend_op(at, "verification", 10)).case
    assert clock(case, Stage.VERIFICATION).extension_days == 10


def test_changing_kind_or_severity_re_rules_the_running_resolution_clock() -> None:
    case = created()
    at = wib(2026, 3, 17)
    case = run(
        case, edit_op(at, {"severity": {"old": "ringan", "new": "pemeriksaan_lapangan"}})
    ).case
    assert clock(case, Stage.RESOLUTION).rule_code == "RESOLVE_FIELD_CHECK_60HK"
    case = run(
        case,
        edit_op(at, {"kind": {"old": "pengaduan", "new": "Permintaan informasi"}}, base_version=2),
    ).case
    assert clock(case, Stage.RESOLUTION).rule_code == "INFO_REQUEST_10HK"
    assert clock(case, Stage.VERIFICATION).rule_code == "VERIFY_3HK"


# =========================================================================== event.append, attach


def test_event_append_adds_an_event_without_bumping_the_version() -> None:
    case = created()
    op = note_op(wib(2026, 3, 17))
    result = run(case, op)
    assert result.case is case and result.case.version == 1
    assert not result.noop
    (event,) = result.events
    assert event.kind == "note" and event.summary == "Pelapor menelepon menanyakan progres"
    assert event.id == derived_time_id(int(op.at.timestamp() * 1000), op.op_id, "event")
    refuse(case, make_op(OpType.EVENT_APPEND, {"text": ""}, wib(2026, 3, 17)), "invalid")


def test_attachment_add_is_a_set_keyed_by_hash() -> None:
    case = created()
    at = wib(2026, 3, 17)
    result = run(case, attach_op(at, sha="AB" * 32))
    case = result.case
    assert case.version == 2
    (ref,) = case.attachments
    assert ref.sha256 == "ab" * 32 and ref.size == 20480 and ref.added_by == "sari"
    # The same file from another op: the first one stays, the op's record is kept.
    same = run(case, attach_op(at, name="salinan.pdf"))
    assert not same.noop and same.case is case
    assert [e.data["name"] for e in same.events] == ["salinan.pdf"]
    case = run(case, attach_op(at, sha="cd" * 32, name="foto.jpg")).case
    assert case.version == 3 and len(case.attachments) == 2
    refuse(case, attach_op(at, sha="xyz"), "invalid")
    refuse(
        case,
        make_op(OpType.ATTACHMENT_ADD, {"sha256": "ef" * 32, "size": -1, "name": "a"}, at),
        "invalid",
    )


# =========================================================================== case.edit


def test_edit_applies_and_records_only_what_changed() -> None:
    case = created()
    at = wib(2026, 3, 17)
    result = run(
        case,
        edit_op(
            at,
            {
                "title": {"old": "Bantuan sosial tidak diterima", "new": "BPNT tidak cair"},
                "priority": {"old": "tinggi", "new": "Darurat"},
                "category_code": {
                    "old": "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL",
                    "new": "pangan",
                },
                "location.kecamatan": {"old": "Cibeunying", "new": "Cibeunying"},
            },
        ),
    )
    edited = result.case
    assert edited.version == 2 and edited.updated_at == at
    assert edited.title == "BPNT tidak cair"
    assert edited.priority is Priority.URGENT
    assert edited.category_code == "SOSIAL_DAN_KESEJAHTERAAN.PANGAN"
    (event,) = result.events
    assert event.kind == "edited"
    assert set(event.data["changed"]) == {"title", "priority", "category_code"}
    assert not result.conflicts
    nothing = run(
        edited, edit_op(at, {"title": {"old": "BPNT tidak cair", "new": "BPNT tidak cair"}})
    )
    assert nothing.noop and nothing.case is edited
    # Made already by another op (the operator saw "x"): no change, the op's record is kept.
    again = run(edited, edit_op(at, {"title": {"old": "x", "new": "BPNT tidak cair"}}))
    assert not again.noop and again.case is edited and not again.conflicts
    assert [e.data["changed"] for e in again.events] == [{"title": "BPNT tidak cair"}]


def test_original_text_is_immutable() -> None:
    case = created()
    for field in ("original_text", "register_no", "received_at"):
        rejected = refuse(
            case, edit_op(wib(2026, 3, 17), {field: {"new": "diganti"}}), "immutable_field"
        )
        assert field in rejected.message
    refuse(case, edit_op(wib(2026, 3, 17), {"holder_office": {"new": "DINKES"}}), "invalid")
    refuse(case, edit_op(wib(2026, 3, 17), {}), "invalid")
    refuse(case, edit_op(wib(2026, 3, 17), {"title": {"old": "x"}}), "invalid")


def test_three_way_edit_keeps_their_value_and_applies_the_rest() -> None:
    case = created()
    # "They" (another workstation, synced first) changed the title and the desa.
    theirs = run(
        case,
        edit_op(
            wib(2026, 3, 17, 10),
            {
                "title": {"old": "Bantuan sosial tidak diterima", "new": "BPNT belum cair"},
                "location.desa": {"old": "Sukamaju", "new": "Sukamulya"},
            },
            device="dev-b",
        ),
    ).case
    # "We" edited from the same base (version 1): title differently, desa to the same value,
    # summary untouched by them.
    result = run(
        theirs,
        edit_op(
            wib(2026, 3, 17, 11),
            {
                "title": {"old": "Bantuan sosial tidak diterima", "new": "Bansos tidak diterima"},
                "location.desa": {"old": "Sukamaju", "new": "Sukamulya"},
                "summary": {"old": "", "new": "Pelapor terdaftar DTKS sejak 2024"},
            },
        ),
    )
    merged = result.case
    assert merged.title == "BPNT belum cair"
    assert merged.location.desa == "Sukamulya"
    assert merged.summary == "Pelapor terdaftar DTKS sejak 2024"
    assert merged.version == theirs.version + 1
    (conflict,) = result.conflicts
    assert conflict.field == "title"
    assert conflict.base == "Bantuan sosial tidak diterima"
    assert conflict.ours == "Bansos tidak diterima"
    assert conflict.theirs == "BPNT belum cair"
    # Every field the operator changed, as their PC recorded it (desa was made already, the
    # title is a conflict, named by the event after it).
    assert result.events[0].data["changed"] == {
        "summary": "Pelapor terdaftar DTKS sejak 2024",
        "location.desa": "Sukamulya",
        "title": "Bansos tidak diterima",
    }


def test_edit_with_only_conflicts_keeps_the_fields_and_records_them() -> None:
    case = created()
    theirs = run(
        case, edit_op(wib(2026, 3, 17), {"priority": {"old": "tinggi", "new": "rendah"}})
    ).case
    result = run(
        theirs, edit_op(wib(2026, 3, 17), {"priority": {"old": "tinggi", "new": "darurat"}})
    )
    assert result.case.priority == theirs.priority and result.case.version == theirs.version + 1
    assert [c.field for c in result.conflicts] == ["priority"]
    assert result.conflicts[0].theirs == "rendah"
    assert [c.id for c in result.case.open_conflicts] == [result.conflicts[0].id]


def test_edit_without_old_is_applied_over_the_current_value() -> None:
    case = created()
    theirs = run(case, edit_op(wib(2026, 3, 17), {"summary": {"new": "A"}})).case
    ours = run(theirs, edit_op(wib(2026, 3, 17), {"summary": {"new": "B"}})).case
    assert ours.summary == "B"


def test_edit_validates_reporter_values() -> None:
    case = created()
    at = wib(2026, 3, 17)
    # The intake rule holds for edits too: the incident cannot follow the receipt.
    refuse(case, edit_op(at, {"incident_date": {"new": "2026-03-17"}}), "invalid")
    refuse(case, edit_op(at, {"incident_date": {"new": "17/03/2026"}}), "invalid")
    assert run(
        case, edit_op(at, {"incident_date": {"new": "2026-03-16"}})
    ).case.incident_date == date(2026, 3, 16)
    refuse(case, edit_op(at, {"reporter.nik": {"new": "1234"}}), "invalid")
    refuse(case, edit_op(at, {"reporter.email": {"new": "bukan-email"}}), "invalid")
    refuse(case, edit_op(at, {"location.lat": {"new": "200"}}), "invalid")
    refuse(case, edit_op(at, {"category_code": {"new": "Pendidikan Agama"}}), "ambiguous_category")


# =========================================================================== anonymity


@pytest.mark.parametrize("field", list(REPORTER))
def test_anonymous_create_with_any_identity_is_rejected(field: str) -> None:
    rejected = refuse(None, create_op(anonymous=True, reporter={field: REPORTER[field]}), "invalid")
    assert REPORTER[field] not in rejected.message


def test_anonymous_create_without_identity_has_no_reporter() -> None:
    case = created(anonymous=True, reporter=None)
    assert case.anonymous and case.reporter is None
    blank = created(anonymous=True, reporter={"name": "  ", "phone": ""})
    assert blank.reporter is None
    assert case.reporter_for_display() is None


@pytest.mark.parametrize("field", list(REPORTER))
def test_reporter_fields_cannot_be_set_on_an_anonymous_case(field: str) -> None:
    case = created(anonymous=True, reporter=None)
    at = wib(2026, 3, 17)
    refuse(case, edit_op(at, {f"reporter.{field}": {"new": REPORTER[field]}}), "invalid")
    refuse(
        case, edit_op(at, {f"reporter.{field}": {"old": None, "new": REPORTER[field]}}), "invalid"
    )
    # Not even by way of a stale base (which would otherwise be a conflict carrying the value).
    refuse(
        case, edit_op(at, {f"reporter.{field}": {"old": "lama", "new": REPORTER[field]}}), "invalid"
    )
    refuse(case, edit_op(at, {"anonymous": {"old": True, "new": False}}), "invalid")


def test_setting_anonymous_drops_the_reporter_and_leaks_nothing() -> None:
    case = created()
    assert case.reporter is not None
    result = run(
        case,
        edit_op(
            wib(2026, 3, 17),
            {
                "reporter.phone": {"old": REPORTER["phone"], "new": "0813 1111 2222"},
                "anonymous": {"old": False, "new": True},
            },
        ),
    )
    edited = result.case
    assert edited.anonymous and edited.reporter is None
    dumped = json.dumps([e.data for e in result.events]) + "".join(e.summary for e in result.events)
    for value in (*IDENTITY_VALUES, "0813 1111 2222"):
        assert value not in dumped
    # A stale identity field in the same edit must not survive as a conflict either.
    stale = run(
        case,
        edit_op(
            wib(2026, 3, 17),
            {
                "reporter.phone": {"old": "0800 0000 000", "new": "0813 1111 2222"},
                "anonymous": {"old": False, "new": True},
            },
        ),
    )
    assert stale.case.anonymous and stale.case.reporter is None
    assert stale.conflicts == ()


def test_edit_events_never_contain_identity_values() -> None:
    case = created(reporter={"name": "Budi"})
    new_values = {
        "name": "Budi Santoso",
        "nik": "3273010101900001",
        "phone": "+62 812 000 111",
        "email": "budi@example.id",
        "address": "Jl. Kenanga 3",
    }
    changes = {f"reporter.{k}": {"new": v} for k, v in new_values.items()}
    changes["reporter.name"]["old"] = "Budi"
    result = run(case, edit_op(wib(2026, 3, 17), changes))
    assert result.case.reporter == Reporter(**new_values)
    (event,) = result.events
    text = json.dumps(event.data) + event.summary
    for value in (*new_values.values(), "Budi"):
        assert value not in text
    assert set(event.data["changed"]) == {f"reporter.{k}" for k in new_values}
    # Clearing every identity field leaves no empty reporter behind.
    cleared = run(
        result.case,
        edit_op(
            wib(2026, 3, 18), {f"reporter.{k}": {"new": ""} for k in new_values}, base_version=2
        ),
    ).case
    assert cleared.reporter is None


def test_confidential_reporter_is_masked_for_display() -> None:
    case = created()
    shown = case.reporter_for_display()
    assert shown is not None
    assert shown.name == "S*** R***" and shown.nik == "*" * 13 + "002"


# =========================================================================== apply never raises


@pytest.mark.parametrize(
    "data",
    [
        {"disposition": "DINKES"},
        {"disposition": {"to_unit": "Seksi", "instructions": 5}},
        {"disposition": {"to_unit": "Seksi", "sifat": "kilat"}},
    ],
)
def test_malformed_payloads_are_rejections_not_crashes(data: dict[str, Any]) -> None:
    result: ApplyResult = apply(
        created(), make_op(OpType.CASE_DISPOSE, data, wib(2026, 3, 17)), ctx()
    )
    assert isinstance(result, Rejected)
    assert result.code in ("invalid", "unknown_code")


def test_a_number_too_large_for_a_float_is_a_rejection() -> None:
    # 10**400 parses as a Python int but overflows float(): found by the server's fuzzing.
    case = created()
    op = make_op(
        OpType.CASE_EDIT, {"changes": {"location.lat": {"new": 10**400}}}, wib(2026, 3, 17)
    )
    result: ApplyResult = apply(case, op, ctx())
    assert isinstance(result, Rejected)
