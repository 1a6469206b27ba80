"""Random operation sequences from a fresh case: the invariants apply() must keep at every step."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import event as label
from hypothesis import strategies as st

from lapor_desktop.domain import fields as case_fields
from lapor_desktop.domain.apply import Applied, Rejected, apply
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.case_codec import case_from_json, case_to_json
from lapor_desktop.domain.codes import CaseKind, CaseStatus, Priority, Role, Severity, Sifat
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.identifiers import derived_time_id
from lapor_desktop.domain.ops import Operation, OpType, iso
from lapor_desktop.domain.sla import DayUnit, Stage, evaluate
from lapor_desktop.domain.workflow import FINAL_STATES, TRANSITIONS
from tests.lapor_desktop.domain.test_apply import (
    CALENDAR,
    CASE_ID,
    OFFICE,
    OTHER_CASE_ID,
    OTHER_OFFICE,
    REPORTER,
    RULEBOOK,
    TZ,
    create_data,
    ctx,
)

S = CaseStatus
STATUS_CODES = [s.value for s in CaseStatus]
REASONS = st.sampled_from([None, "", "   ", "alasan tertulis"])
OFFICES = st.sampled_from([OFFICE, OFFICE, OFFICE, OTHER_OFFICE])
ROLES = st.sampled_from(list(Role))
TEXTS = st.sampled_from(["", "Petugas sudah ke lokasi", "Jawaban akhir terlampir"])
SHAS = st.sampled_from(["ab" * 32, "cd" * 32, "EF" * 32, "zz"])

# Editable fields and values they may take (codes and labels mixed, as operators type them).
EDIT_VALUES: dict[str, list[Any]] = {
    "title": ["Jalan rusak", "Bansos tidak cair", ""],
    "summary": ["", "Ringkasan baru"],
    "severity": [s.value for s in Severity],
    "kind": [*(k.value for k in CaseKind), "Permintaan informasi"],
    "priority": [p.value for p in Priority],
    "category_code": ["Transportasi", "Bantuan Sosial", "Pendidikan Agama"],
    "location.desa": ["Sukamaju", "Sukamulya", ""],
    "confidential": [True, False],
    "anonymous": [True, False],
    "reporter.name": ["Budi Santoso", ""],
    "reporter.phone": ["0812 1111 2222", "x"],
    "incident_date": ["2025-12-01", "2030-01-01"],
}
IDENTITY_VALUES = {*REPORTER.values(), "Budi Santoso", "0812 1111 2222"}


def _payload(op_type: OpType) -> st.SearchStrategy[dict[str, Any]]:
    if op_type is OpType.CASE_TRANSITION:
        return st.fixed_dictionaries(
            {"to": st.sampled_from(STATUS_CODES), "reason": REASONS},
            optional={
                "from": st.sampled_from(STATUS_CODES),
                "duplicate_of": st.sampled_from([OTHER_CASE_ID, CASE_ID]),
            },
        )
    if op_type is OpType.CASE_DISPOSE:
        return st.fixed_dictionaries(
            {
                "disposition": st.fixed_dictionaries(
                    {
                        "to_office": st.sampled_from([None, OFFICE, OTHER_OFFICE, "dinkes"]),
                        "to_unit": st.sampled_from([None, "Seksi Jaminan Sosial"]),
                        "to_person": st.sampled_from([None, "Kabid"]),
                        "sifat": st.sampled_from([s.value for s in Sifat]),
                        "instructions": st.lists(
                            st.sampled_from(["koordinasikan", "proses lebih lanjut"]), max_size=2
                        ),
                    }
                )
            }
        )
    if op_type is OpType.CASE_FORWARD:
        return st.fixed_dictionaries(
            {"agency": st.sampled_from([None, "Dinas PUPR Provinsi"]), "reason": REASONS},
            optional={"from": st.sampled_from(STATUS_CODES)},
        )
    if op_type in (OpType.CASE_FOLLOW_UP, OpType.CASE_ANSWER, OpType.EVENT_APPEND):
        return st.fixed_dictionaries({"text": TEXTS})
    if op_type is OpType.SLA_EXTEND:
        return st.fixed_dictionaries(
            {
                "stage": st.sampled_from([s.value for s in Stage]),
                "days": st.integers(0, 9),
                "reason": st.sampled_from(["", "menunggu data"]),
            }
        )
    if op_type is OpType.ATTACHMENT_ADD:
        return st.fixed_dictionaries(
            {
                "sha256": SHAS,
                "size": st.integers(0, 10**6),
                "name": st.sampled_from(["ktp.pdf", "foto.jpg"]),
            }
        )
    if op_type is OpType.CASE_EDIT:
        # Marker payload: the "old" side is filled in at run time from the current case.
        return st.fixed_dictionaries(
            {
                "edit": st.lists(
                    st.tuples(
                        st.sampled_from(sorted(EDIT_VALUES)),
                        st.integers(0, 99),
                        st.sampled_from(["current", "stale", "absent"]),
                    ),
                    min_size=1,
                    max_size=3,
                    unique_by=lambda t: t[0],
                )
            }
        )
    if op_type is OpType.CONFLICT_RESOLVE:
        # Marker payload: the conflict is picked at run time among the case's conflicts.
        return st.fixed_dictionaries(
            {
                "resolve": st.integers(0, 99),
                "choice": st.sampled_from(["ours", "theirs", "value", "mine"]),
            },
            optional={"value": st.sampled_from(["Jalan rusak", "", "tinggi", "Budi Santoso"])},
        )
    if op_type is OpType.CASE_RENUMBER:
        # The case starts with an official number: every renumber must be refused (test_renumber
        # covers the provisional path), so "register_no never changes" below still holds.
        return st.fixed_dictionaries(
            {
                "register_no": st.sampled_from(["DINSOS/2026/00100", "DINSOS/2026/S-2", "x"]),
                "provisional": st.sampled_from(["DINSOS/2026/S-1", "DINSOS/2026/00001"]),
            }
        )
    assert op_type is OpType.CASE_CREATE
    return st.just({})


ACTIONS = st.sampled_from(list(OpType)).flatmap(
    lambda op_type: st.fixed_dictionaries(
        {
            "op_type": st.just(op_type),
            "data": _payload(op_type),
            "office": OFFICES,
            "role": ROLES,
            "hours": st.one_of(st.integers(0, 48), st.integers(0, 24 * 35)),
            # Most steps pick a move that is plausible in the current state, so that sequences reach
            # deep states; the rest are the random payload above, mostly refused.
            "guided": st.sampled_from([True, True, False]),
            "pick": st.integers(0, 10**6),
            # Deliver the op a second time right after (at-least-once delivery).
            "replay": st.sampled_from([False, False, False, True]),
        }
    )
)

_REASON = "alasan tertulis"


def _guided(case: Case, pick: int, role: Role) -> tuple[OpType, dict[str, Any], str, Role]:
    """A move that makes sense for the case as it is now (holder office, reasons present)."""
    status = case.status
    holder = case.holder_office
    coordinator = Role.COORDINATOR
    moves: list[tuple[OpType, dict[str, Any], str, Role]] = []

    def to(target: CaseStatus, reason: str | None = None, **extra: Any) -> None:
        data = {"to": target.value, "from": status.value, "reason": reason, **extra}
        moves.append((OpType.CASE_TRANSITION, data, holder, role))

    if status is S.RECEIVED:
        moves += [
            (
                OpType.CASE_DISPOSE,
                {"disposition": {"to_unit": "Seksi Jaminan Sosial"}},
                holder,
                role,
            ),
            (OpType.CASE_DISPOSE, {"disposition": {"to_office": OTHER_OFFICE}}, holder, role),
            (OpType.CASE_FORWARD, {"agency": "Dinas PUPR", "reason": _REASON}, holder, role),
        ]
        to(S.NEEDS_INFO, _REASON)
        to(S.ARCHIVED, _REASON, duplicate_of=OTHER_CASE_ID)
    elif status is S.NEEDS_INFO:
        to(S.RECEIVED)
        to(S.CLOSED_INCOMPLETE)
    elif status is S.DISPOSED:
        moves += [
            (OpType.CASE_FOLLOW_UP, {"text": "tindak lanjut"}, holder, role),
            (OpType.CASE_DISPOSE, {"disposition": {"to_person": "Kasi"}}, holder, role),
        ]
    elif status is S.IN_PROGRESS:
        moves += [
            (OpType.CASE_FOLLOW_UP, {"text": "tindak lanjut"}, holder, role),
            (OpType.CASE_ANSWER, {"text": "jawaban akhir"}, holder, role),
        ]
    elif status is S.AWAITING_REPORTER:
        to(S.RESOLVED)
        to(S.IN_PROGRESS, "pelapor tidak puas")
    elif status is S.FORWARDED:
        to(S.RESOLVED, "dikonfirmasi")
    elif status is S.RESOLVED:
        to(S.IN_PROGRESS, "dibuka kembali")
    for conflict in case.open_conflicts:
        choice = ("ours", "theirs", "value")[pick % 3]
        data = {"conflict_id": conflict.id, "choice": choice, "value": conflict.theirs}
        moves.append((OpType.CONFLICT_RESOLVE, data, holder, role))
    moves *= 4  # progress is likelier than the side moves below
    if status not in FINAL_STATES:
        moves.append(
            (
                OpType.CASE_TRANSITION,
                {"to": S.CANCELLED.value, "reason": _REASON},
                holder,
                coordinator,
            )
        )
    open_stages = [c.stage for c in case.clocks if c.is_open]
    if open_stages:
        stage = open_stages[pick % len(open_stages)]
        moves.append(
            (
                OpType.SLA_EXTEND,
                {"stage": stage.value, "days": 1 + pick % 3, "reason": _REASON},
                holder,
                role,
            )
        )
    moves.append((OpType.EVENT_APPEND, {"text": "catatan"}, holder, role))
    if status not in FINAL_STATES:
        # A concurrent edit of the summary (stale base): recorded as a conflict.
        stale = {"summary": {"old": "ringkasan lama", "new": f"Ringkasan {pick % 5}"}}
        moves.append((OpType.CASE_EDIT, {"changes": stale}, OFFICE, role))
    return moves[pick % len(moves)]


def _edit_changes(case: Case, spec: list[tuple[str, int, str]]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, pick, old_mode in spec:
        values = EDIT_VALUES[name]
        change: dict[str, Any] = {"new": values[pick % len(values)]}
        if old_mode == "current":
            change["old"] = case_fields.to_json(case_fields.editable(name).read(case))
        elif old_mode == "stale":
            change["old"] = "nilai lama yang sudah berubah"
        changes[name] = change
    return changes


def _resolve_data(case: Case, marker: dict[str, Any]) -> dict[str, Any]:
    pick = marker.pop("resolve")
    ids = [c.id for c in case.conflicts] + ["no-such-conflict"]
    return {"conflict_id": ids[pick % len(ids)], **marker}


def _check_deadlines_on_working_days(case: Case, now: datetime) -> None:
    for clock in case.clocks:
        rule = RULEBOOK.by_code(clock.rule_code)
        if rule.unit is not DayUnit.WORKING:
            continue  # INFO_WAIT counts calendar days by its legal basis
        due = evaluate(clock, RULEBOOK, CALENDAR, TZ, case.pauses, now).due_at
        if clock.is_open:
            assert CALENDAR.is_working_day(due.astimezone(TZ).date()), (clock, due)
        else:
            assert clock.frozen_due_at is not None and clock.met is not None
            assert CALENDAR.is_working_day(clock.frozen_due_at.astimezone(TZ).date())
    for disposition in case.dispositions:
        assert disposition.due_at is not None
        assert CALENDAR.is_working_day(disposition.due_at.astimezone(TZ).date())


def _check_case_invariants(case: Case, first: Case) -> None:
    open_clocks = [c for c in case.clocks if c.is_open]
    stages = [c.stage for c in open_clocks]
    assert len(stages) == len(set(stages)), f"two open clocks of one stage: {stages}"
    if case.status in FINAL_STATES or case.status is S.FORWARDED:
        assert not open_clocks, f"{case.status} with running clocks {stages}"
    open_pauses = [p for p in case.pauses if p.end is None]
    assert len(open_pauses) == (1 if case.status is S.NEEDS_INFO else 0)
    assert (Stage.INFO_WAIT in stages) == (case.status is S.NEEDS_INFO)
    if case.status is S.AWAITING_REPORTER:
        assert case.answer is not None and Stage.AUTO_CLOSE in stages
    if case.status in (S.DISPOSED, S.IN_PROGRESS, S.AWAITING_REPORTER):
        assert case.dispositions or case.reopen_count
    if case.anonymous:
        assert case.reporter is None
        for conflict in case.conflicts:
            if conflict.field in case_fields.IDENTITY_FIELDS:
                values = (conflict.base, conflict.ours, conflict.theirs, conflict.resolved_value)
                assert not conflict.is_open and values == (None, None, None, None), conflict
    conflict_ids = [c.id for c in case.conflicts]
    assert len(conflict_ids) == len(set(conflict_ids))
    for conflict in case.conflicts:
        assert conflict.is_open == (conflict.resolution is None), conflict
        assert conflict.is_open == (conflict.resolved_at is None), conflict
    assert case_from_json(case_to_json(case)) == case
    ids = [d.id for d in case.dispositions]
    assert len(ids) == len(set(ids))
    if case.incident_date is not None:
        assert case.incident_date <= case.received_at.astimezone(TZ).date()
    # What intake fixed never changes.
    for name in (
        "id",
        "register_no",
        "original_text",
        "received_at",
        "origin_office",
        "created_at",
        "created_by",
    ):
        assert getattr(case, name) == getattr(first, name), name


def _event_ids(op: Operation) -> set[str]:
    ms = int(op.at.timestamp() * 1000)
    # An edit that records conflicts has a second event, so has a resolution that came late.
    return {derived_time_id(ms, op.op_id, f"event{s}") for s in ("", ":conflict", ":late")}


def _check_event(event: TimelineEvent, op: Operation) -> None:
    assert event.id in _event_ids(op)
    assert event.op_id == op.op_id and event.case_id == op.entity_id
    assert event.at == op.at and event.office == op.office and event.actor == op.actor
    if event.kind in ("edited", "conflict", "conflict_resolved"):
        # Only what an identity field held is secret: the same words typed as a summary (the
        # generator draws values for any field from one pool) are the operator's text.
        field = event.data.get("field")
        changed = event.data.get("changed")
        if isinstance(changed, dict):
            secret = {k: v for k, v in changed.items() if k in case_fields.IDENTITY_FIELDS}
            shown = repr(secret) + event.summary
        elif field is not None and field not in case_fields.IDENTITY_FIELDS:
            shown = event.summary
        else:
            shown = repr(event.data) + event.summary
        for value in IDENTITY_VALUES:
            assert value not in shown


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start_day=st.integers(0, 330),
    start_hour=st.integers(0, 23),
    anonymous=st.booleans(),
    kind=st.sampled_from([k.value for k in CaseKind]),
    actions=st.lists(ACTIONS, min_size=3, max_size=40),
)
def test_random_operation_sequences_keep_the_invariants(
    start_day: int, start_hour: int, anonymous: bool, kind: str, actions: list[dict[str, Any]]
) -> None:
    received = datetime.combine(
        date(2026, 1, 1) + timedelta(days=start_day), time(start_hour, 17), tzinfo=TZ
    )
    create_op = Operation(
        op_id=str(uuid.uuid4()),
        op_type=OpType.CASE_CREATE,
        entity_id=CASE_ID,
        base_version=0,
        device_id="dev-a",
        device_seq=0,
        actor="sari",
        office=OFFICE,
        at=received,
        data=create_data(
            received_at=iso(received),
            incident_date=None,
            anonymous=anonymous,
            reporter=None if anonymous else dict(REPORTER),
            kind=kind,
        ),
    )
    created = apply(None, create_op, ctx())
    assert isinstance(created, Applied)
    first = case = created.case
    _check_case_invariants(case, first)
    _check_deadlines_on_working_days(case, received)
    now = received

    for seq, action in enumerate(actions, start=1):
        now += timedelta(hours=action["hours"])
        op_type: OpType = action["op_type"]
        role: Role = action["role"]
        office: str = action["office"]
        data = dict(action["data"])
        if action["guided"]:
            op_type, data, office, role = _guided(case, action["pick"], role)
        elif op_type is OpType.CASE_EDIT:
            data = {"changes": _edit_changes(case, data["edit"])}
        elif op_type is OpType.CONFLICT_RESOLVE:
            data = _resolve_data(case, data)
        if op_type is OpType.CASE_CREATE:
            op = create_op  # a replayed create
        else:
            op = Operation(
                op_id=str(uuid.uuid4()),
                op_type=op_type,
                entity_id=CASE_ID,
                base_version=case.version,
                device_id="dev-a",
                device_seq=seq,
                actor="operator-1",
                office=office,
                at=now,
                data=data,
            )
        before = case
        snapshot = case_to_json(before)
        result = apply(before, op, ctx(role))

        if isinstance(result, Rejected):
            label(f"rejected {result.code}")
            assert isinstance(result.error, DomainError)
            assert result.code == result.error.code and result.message
            assert case_to_json(before) == snapshot  # nothing was touched
            continue

        assert isinstance(result, Applied)
        after = result.case
        if result.noop:
            assert after is before and result.events == ()
        if op_type is OpType.EVENT_APPEND:
            assert after is before and len(result.events) == 1
        if after != before:
            assert after.version == before.version + 1, (op_type, before.version, after.version)
            assert after.updated_at == op.at
            assert len(result.events) == (len({e.kind for e in result.events}))
            assert len(result.events) == 1 or {e.kind for e in result.events} == {
                "edited",
                "conflict",
            }
        else:
            assert after.version == before.version
        if after.status is not before.status:
            edge = (before.status, after.status)
            assert after.status in TRANSITIONS[before.status], edge
            label(f"edge {edge[0].value}->{edge[1].value}")
        if after.holder_office != before.holder_office:
            assert op_type is OpType.CASE_DISPOSE
        for event in result.events:
            _check_event(event, op)
            if event.kind in ("conflict", "conflict_resolved"):
                label(event.kind)
        _check_case_invariants(after, first)
        _check_deadlines_on_working_days(after, now)
        case = after
        if action["replay"] and op_type is not OpType.SLA_EXTEND:
            # sla.extend is left out: its replay adds the extension again (see the report).
            again = apply(case, op, ctx(role))
            if isinstance(again, Applied):
                assert again.case == case, f"replayed {op_type} changed the case"
                for event in again.events:
                    assert event.id in _event_ids(op)
