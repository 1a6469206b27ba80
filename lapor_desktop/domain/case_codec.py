"""A case to and from plain JSON: the storage document and the wire format share it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from lapor_desktop.domain.case import (
    Answer,
    AttachmentRef,
    Case,
    CaseConflict,
    Disposition,
    FollowUp,
    Location,
    Reporter,
    TimelineEvent,
)
from lapor_desktop.domain.codes import (
    CaseKind,
    CaseStatus,
    Channel,
    Priority,
    Severity,
    Sifat,
    from_code,
)
from lapor_desktop.domain.ops import iso, parse_instant
from lapor_desktop.domain.sla import Extension, Pause, Stage, StageClock

JsonDict = dict[str, Any]


def _t(moment: datetime | None) -> str | None:
    return iso(moment) if moment is not None else None


def _pt(text: object) -> datetime | None:
    return parse_instant(str(text)) if text else None


def _req_t(text: object) -> datetime:
    return parse_instant(str(text))


def case_to_json(case: Case) -> JsonDict:
    return {
        "id": case.id,
        "register_no": case.register_no,
        "origin_office": case.origin_office,
        "holder_office": case.holder_office,
        "status": case.status.value,
        "version": case.version,
        "kind": case.kind.value,
        "title": case.title,
        "original_text": case.original_text,
        "summary": case.summary,
        "channel": case.channel.value,
        "received_at": iso(case.received_at),
        "category_code": case.category_code,
        "priority": case.priority.value,
        "severity": case.severity.value,
        "anonymous": case.anonymous,
        "confidential": case.confidential,
        "created_at": iso(case.created_at),
        "created_by": case.created_by,
        "updated_at": iso(case.updated_at),
        "lapor_tracking_id": case.lapor_tracking_id,
        "incident_date": case.incident_date.isoformat() if case.incident_date else None,
        "location": {
            "kecamatan": case.location.kecamatan,
            "desa": case.location.desa,
            "text": case.location.text,
            "lat": case.location.lat,
            "lon": case.location.lon,
        },
        "reporter": None
        if case.reporter is None
        else {
            "name": case.reporter.name,
            "nik": case.reporter.nik,
            "phone": case.reporter.phone,
            "email": case.reporter.email,
            "address": case.reporter.address,
        },
        "duplicate_of": case.duplicate_of,
        "forwarded_to": case.forwarded_to,
        "status_reason": case.status_reason,
        "dispositions": [
            {
                "id": d.id,
                "at": iso(d.at),
                "from_office": d.from_office,
                "from_person": d.from_person,
                "to_office": d.to_office,
                "to_unit": d.to_unit,
                "to_person": d.to_person,
                "instructions": list(d.instructions),
                "note": d.note,
                "sifat": d.sifat.value,
                "due_at": _t(d.due_at),
            }
            for d in case.dispositions
        ],
        "follow_ups": [
            {"id": f.id, "at": iso(f.at), "office": f.office, "actor": f.actor, "text": f.text}
            for f in case.follow_ups
        ],
        "answer": None
        if case.answer is None
        else {
            "at": iso(case.answer.at),
            "office": case.answer.office,
            "actor": case.answer.actor,
            "text": case.answer.text,
        },
        "attachments": [
            {
                "sha256": a.sha256,
                "size": a.size,
                "name": a.name,
                "mime": a.mime,
                "added_at": iso(a.added_at),
                "added_by": a.added_by,
            }
            for a in case.attachments
        ],
        "clocks": [
            {
                "stage": c.stage.value,
                "rule_code": c.rule_code,
                "started_at": iso(c.started_at),
                "completed_at": _t(c.completed_at),
                "frozen_due_at": _t(c.frozen_due_at),
                "met": c.met,
                "extensions": [
                    {"days": e.days, "reason": e.reason, "at": iso(e.at), "by": e.by, "id": e.id}
                    for e in c.extensions
                ],
            }
            for c in case.clocks
        ],
        "pauses": [{"start": iso(p.start), "end": _t(p.end)} for p in case.pauses],
        "reopen_count": case.reopen_count,
        "conflicts": [conflict_to_json(c) for c in case.conflicts],
        "register_aliases": list(case.register_aliases),
    }


def event_to_json(event: TimelineEvent) -> JsonDict:
    """A timeline event as the wire (`EventWire`) and the stored rows carry it."""
    return {
        "id": event.id,
        "case_id": event.case_id,
        "kind": event.kind,
        "at": iso(event.at),
        "actor": event.actor,
        "office": event.office,
        "device_id": event.device_id,
        "op_id": event.op_id,
        "summary": event.summary,
        "data": event.data,
    }


def conflict_to_json(c: CaseConflict) -> JsonDict:
    return {
        "id": c.id,
        "field": c.field,
        "base": c.base,
        "ours": c.ours,
        "theirs": c.theirs,
        "op_id": c.op_id,
        "office": c.office,
        "actor": c.actor,
        "at": iso(c.at),
        "status": c.status,
        "resolution": c.resolution,
        "resolved_value": c.resolved_value,
        "resolved_by": c.resolved_by,
        "resolved_office": c.resolved_office,
        "resolved_at": _t(c.resolved_at),
    }


def conflict_from_json(raw: Mapping[str, Any]) -> CaseConflict:
    return CaseConflict(
        id=raw["id"],
        field=raw["field"],
        base=raw.get("base"),
        ours=raw.get("ours"),
        theirs=raw.get("theirs"),
        op_id=raw["op_id"],
        office=raw["office"],
        actor=raw["actor"],
        at=_req_t(raw["at"]),
        status=raw.get("status") or "open",
        resolution=raw.get("resolution"),
        resolved_value=raw.get("resolved_value"),
        resolved_by=raw.get("resolved_by"),
        resolved_office=raw.get("resolved_office"),
        resolved_at=_pt(raw.get("resolved_at")),
    )


def case_from_json(raw: Mapping[str, Any]) -> Case:
    location = raw.get("location") or {}
    reporter = raw.get("reporter")
    answer = raw.get("answer")
    return Case(
        id=raw["id"],
        register_no=raw["register_no"],
        origin_office=raw["origin_office"],
        holder_office=raw["holder_office"],
        status=from_code(CaseStatus, raw["status"]),
        version=int(raw["version"]),
        kind=from_code(CaseKind, raw["kind"]),
        title=raw["title"],
        original_text=raw["original_text"],
        summary=raw.get("summary") or "",
        channel=from_code(Channel, raw["channel"]),
        received_at=_req_t(raw["received_at"]),
        category_code=raw["category_code"],
        priority=from_code(Priority, raw["priority"]),
        severity=from_code(Severity, raw["severity"]),
        anonymous=bool(raw["anonymous"]),
        confidential=bool(raw["confidential"]),
        created_at=_req_t(raw["created_at"]),
        created_by=raw["created_by"],
        updated_at=_req_t(raw["updated_at"]),
        lapor_tracking_id=raw.get("lapor_tracking_id"),
        incident_date=date.fromisoformat(raw["incident_date"])
        if raw.get("incident_date")
        else None,
        location=Location(
            kecamatan=location.get("kecamatan"),
            desa=location.get("desa"),
            text=location.get("text"),
            lat=location.get("lat"),
            lon=location.get("lon"),
        ),
        reporter=None if reporter is None else Reporter(**reporter),
        duplicate_of=raw.get("duplicate_of"),
        forwarded_to=raw.get("forwarded_to"),
        status_reason=raw.get("status_reason"),
        dispositions=tuple(
            Disposition(
                id=d["id"],
                at=_req_t(d["at"]),
                from_office=d["from_office"],
                from_person=d["from_person"],
                to_office=d.get("to_office"),
                to_unit=d.get("to_unit"),
                to_person=d.get("to_person"),
                instructions=tuple(d.get("instructions") or ()),
                note=d.get("note") or "",
                sifat=from_code(Sifat, d["sifat"]),
                due_at=_pt(d.get("due_at")),
            )
            for d in raw.get("dispositions") or ()
        ),
        follow_ups=tuple(
            FollowUp(
                id=f["id"], at=_req_t(f["at"]), office=f["office"], actor=f["actor"], text=f["text"]
            )
            for f in raw.get("follow_ups") or ()
        ),
        answer=None
        if not answer
        else Answer(
            at=_req_t(answer["at"]),
            office=answer["office"],
            actor=answer["actor"],
            text=answer["text"],
        ),
        attachments=tuple(
            AttachmentRef(
                sha256=a["sha256"],
                size=int(a["size"]),
                name=a["name"],
                mime=a["mime"],
                added_at=_req_t(a["added_at"]),
                added_by=a["added_by"],
            )
            for a in raw.get("attachments") or ()
        ),
        clocks=tuple(
            StageClock(
                stage=from_code(Stage, c["stage"]),
                rule_code=c["rule_code"],
                started_at=_req_t(c["started_at"]),
                completed_at=_pt(c.get("completed_at")),
                frozen_due_at=_pt(c.get("frozen_due_at")),
                met=c.get("met"),
                extensions=tuple(
                    Extension(
                        days=int(e["days"]),
                        reason=e["reason"],
                        at=_req_t(e["at"]),
                        by=e["by"],
                        id=e.get("id") or "",
                    )
                    for e in c.get("extensions") or ()
                ),
            )
            for c in raw.get("clocks") or ()
        ),
        pauses=tuple(
            Pause(start=_req_t(p["start"]), end=_pt(p.get("end"))) for p in raw.get("pauses") or ()
        ),
        reopen_count=int(raw.get("reopen_count") or 0),
        conflicts=tuple(conflict_from_json(c) for c in raw.get("conflicts") or ()),
        register_aliases=tuple(str(a) for a in raw.get("register_aliases") or ()),
    )
