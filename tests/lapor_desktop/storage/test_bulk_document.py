"""The bulk writer's document encoder writes exactly what the case codec writes."""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, date, datetime, timedelta

import pytest

from lapor_desktop.domain.case import (
    Answer,
    AttachmentRef,
    Case,
    CaseConflict,
    Disposition,
    FollowUp,
    Location,
    Reporter,
)
from lapor_desktop.domain.case_codec import case_to_json
from lapor_desktop.domain.codes import CaseKind, CaseStatus, Channel, Priority, Severity, Sifat
from lapor_desktop.domain.sla import Extension, Pause, Stage, StageClock
from lapor_desktop.storage import json_text
from lapor_desktop.storage.cases import _all_utc, case_document
from tests.conftest import WIB

T0 = datetime(2026, 3, 2, 2, 0, 0, 123456, tzinfo=UTC)


def _t(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def rich_case() -> Case:
    """A case with every part filled in, each date-time a different UTC moment."""
    return Case(
        id="0190f0a0-0000-7000-8000-000000000001",
        register_no="DINSOS/2026/00001",
        origin_office="DINSOS",
        holder_office="DINKES",
        status=CaseStatus.IN_PROGRESS,
        version=7,
        kind=CaseKind.COMPLAINT,
        title='Jalan rusak "parah" — Desa Kalianget',
        original_text="Teks asli\nbaris dua, jam 10:00:00+07:00",
        summary="ringkas",
        channel=Channel.WHATSAPP,
        received_at=_t(0),
        category_code="infrastruktur.jalan",
        priority=Priority.HIGH,
        severity=Severity.NO_FIELD_CHECK,
        anonymous=False,
        confidential=True,
        created_at=_t(1),
        created_by="operator",
        updated_at=_t(2),
        lapor_tracking_id="1234567",
        incident_date=date(2026, 3, 1),
        location=Location(
            kecamatan="Kota", desa="Pangarangan", text="Jl. Trunojoyo", lat=-7.0, lon=113.86
        ),
        reporter=Reporter(name="Siti Aminah", phone="081234567890", address="Desa X"),
        duplicate_of=None,
        forwarded_to="BPJS",
        status_reason="alasan",
        dispositions=(
            Disposition(
                id="d1",
                at=_t(3),
                from_office="DINSOS",
                from_person="kepala",
                to_office="DINKES",
                to_unit=None,
                to_person="Budi",
                instructions=("Tindak lanjuti", "Laporkan"),
                note="catatan",
                sifat=Sifat.SEGERA,
                due_at=_t(4),
            ),
        ),
        follow_ups=(FollowUp(id="f1", at=_t(5), office="DINKES", actor="budi", text="dicek"),),
        answer=Answer(at=_t(6), office="DINKES", actor="budi", text="selesai"),
        attachments=(
            AttachmentRef(
                sha256="a" * 64,
                size=10,
                name="foto.jpg",
                mime="image/jpeg",
                added_at=_t(7),
                added_by="budi",
            ),
        ),
        clocks=(
            StageClock(
                stage=Stage.VERIFICATION,
                rule_code="verifikasi",
                started_at=_t(8),
                completed_at=_t(9),
                frozen_due_at=_t(10),
                met=True,
                extensions=(Extension(days=2, reason="libur", at=_t(11), by="kepala", id="x1"),),
            ),
            StageClock(stage=Stage.RESOLUTION, rule_code="penyelesaian", started_at=_t(12)),
        ),
        pauses=(Pause(start=_t(13), end=_t(14)), Pause(start=_t(15))),
        reopen_count=1,
        conflicts=(
            CaseConflict(
                id="c1",
                field="summary",
                base="a",
                ours={"x": [1, 2.5, None]},
                theirs="c",
                op_id="op",
                office="DINSOS",
                actor="operator",
                at=_t(16),
                status="resolved",
                resolution="value",
                resolved_value="d",
                resolved_by="kepala",
                resolved_office="DINKES",
                resolved_at=_t(17),
            ),
        ),
        register_aliases=("DINSOS/2026/S-1",),
    )


def codec_document(case: Case) -> str:
    return json_text.dumps(case_to_json(case))


def test_a_utc_case_is_written_exactly_as_the_codec_writes_it() -> None:
    case = rich_case()
    assert _all_utc(case)
    assert case_document(case) == codec_document(case)


def test_a_bare_new_case_is_written_exactly_as_the_codec_writes_it() -> None:
    case = dataclasses.replace(
        rich_case(),
        reporter=None,
        answer=None,
        dispositions=(),
        follow_ups=(),
        attachments=(),
        clocks=(),
        pauses=(),
        conflicts=(),
        register_aliases=(),
        incident_date=None,
        location=Location(),
        lapor_tracking_id=None,
    )
    assert case_document(case) == codec_document(case)


def _datetime_paths() -> list[tuple[str, ...]]:
    """Every date-time field reachable from Case, found from the dataclasses' own types."""
    paths: list[tuple[str, ...]] = []

    def walk(cls: type, prefix: tuple[str, ...]) -> None:
        for name, hint in typing.get_type_hints(cls).items():
            if name.startswith("_"):
                continue
            args = {a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis}
            kinds = args or {hint}
            for kind in kinds:
                if kind is datetime:
                    paths.append((*prefix, name))
                elif dataclasses.is_dataclass(kind):
                    walk(kind, (*prefix, name))

    walk(Case, ())
    return paths


def _in_wib(value: object, path: tuple[str, ...]) -> object:
    """`value` with the date-time at `path` moved to Asia/Jakarta (same instant)."""
    head, rest = path[0], path[1:]
    current = getattr(value, head)
    if isinstance(current, tuple):
        changed: object = tuple(_in_wib(item, rest) for item in current)
    elif rest:
        changed = _in_wib(current, rest)
    elif current is None:
        changed = None  # an open clock or pause: another item holds this field's value
    else:
        assert isinstance(current, datetime)
        changed = current.astimezone(WIB)
    if isinstance(value, Case):
        return value.evolve(**{head: changed})
    return dataclasses.replace(value, **{head: changed})  # type: ignore[type-var]


def test_every_date_time_of_a_case_is_in_the_utc_check() -> None:
    paths = _datetime_paths()
    assert len(paths) >= 16  # the walk itself finds them all
    for path in paths:
        case = _in_wib(rich_case(), path)
        assert isinstance(case, Case)
        assert not _all_utc(case), path


@pytest.mark.parametrize("path", _datetime_paths(), ids=".".join)
def test_a_date_time_in_another_zone_is_still_written_in_utc(path: tuple[str, ...]) -> None:
    case = _in_wib(rich_case(), path)
    assert isinstance(case, Case)
    assert case_document(case) == codec_document(rich_case())
