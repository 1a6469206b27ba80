"""How the CLI prints: Indonesian text for people, JSON for scripts."""

from __future__ import annotations

import json
import sys
from datetime import tzinfo
from typing import Any

from lapor_desktop.domain.case import Case, CaseConflict, TimelineEvent, mask_digits, mask_name
from lapor_desktop.domain.case_codec import case_to_json
from lapor_desktop.domain.codes import CHANNEL_LABELS, STATUS_LABELS
from lapor_desktop.domain.dates import indonesian_date, indonesian_datetime
from lapor_desktop.domain.feedback import (
    NOT_SATISFIED_LABEL,
    RATING_MAX,
    SATISFIED_LABEL,
    Feedback,
    feedback_data,
)
from lapor_desktop.domain.fields import FIELD_LABELS
from lapor_desktop.domain.ops import iso
from lapor_desktop.domain.sla import Deadline
from lapor_desktop.domain.summary import QUEUE_LABELS, CaseSummary, Queue
from lapor_desktop.services.cases import CaseDetail


def emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "stage": deadline.stage.value,
        "rule": deadline.rule.code,
        "legal_basis": deadline.rule.legal_basis,
        "description": deadline.rule.description,
        "started_at": iso(deadline.started_at),
        "due_at": iso(deadline.due_at),
        "completed_at": iso(deadline.completed_at) if deadline.completed_at else None,
        "state": deadline.state.value,
        "met": deadline.met,
        "paused": deadline.paused,
        "extension_days": deadline.extension_days,
        "remaining_working_days": deadline.remaining_working_days,
        "label": deadline.label,
    }


def event_json(event: TimelineEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "at": iso(event.at),
        "actor": event.actor,
        "office": event.office,
        "device_id": event.device_id,
        "summary": event.summary,
        "data": event.data,
    }


def case_json(case: Case) -> dict[str, Any]:
    data = case_to_json(case)
    display = case.reporter_for_display()
    if case.confidential and display is not None:
        data["reporter_masked"] = {"name": display.name, "phone": display.phone}
    return data


def detail_json(detail: CaseDetail) -> dict[str, Any]:
    return {
        "case": case_json(detail.case),
        "category_path": detail.category_path,
        "can_act": detail.can_act,
        "deadlines": [deadline_json(d) for d in detail.deadlines],
        "timeline": [event_json(e) for e in detail.timeline],
        "pending_operations": [e.op.op_type.value for e in detail.pending_ops],
        "feedback": None if detail.feedback is None else feedback_data(detail.feedback),
    }


def summary_json(row: CaseSummary) -> dict[str, Any]:
    return {
        "id": row.id,
        "register_no": row.register_no,
        "received_at": iso(row.received_at),
        "title": row.title,
        "category_code": row.category_code,
        "channel": row.channel.value,
        "status": row.status.value,
        "holder_office": row.holder_office,
        "next_due_at": iso(row.next_due_at) if row.next_due_at else None,
        "next_due_stage": row.next_due_stage,
        "paused": row.paused,
        "reporter": row.reporter_display,
        "lapor_tracking_id": row.lapor_tracking_id,
        "pending_operations": row.pending_ops,
    }


def print_detail(detail: CaseDetail, tz: tzinfo) -> None:
    case = detail.case
    out = sys.stdout.write
    out(f"{case.register_no}  [{STATUS_LABELS[case.status]}]  {case.title}\n")
    out(f"  id            : {case.id}\n")
    out(
        f"  diterima      : {indonesian_datetime(case.received_at, tz)} "
        f"via {CHANNEL_LABELS[case.channel]}\n"
    )
    out(f"  kategori      : {detail.category_path}\n")
    out(
        f"  jenis         : {case.kind.value}  prioritas: {case.priority.value}  "
        f"klasifikasi: {case.severity.value}\n"
    )
    if case.lapor_tracking_id:
        out(f"  LAPOR!        : #{case.lapor_tracking_id}\n")
    out(
        f"  pemegang      : {case.holder_office}"
        f"{'' if detail.can_act else ' (dipantau, hanya baca)'}\n"
    )
    if case.anonymous:
        out("  pelapor       : (anonim)\n")
    elif case.reporter is not None:
        shown = case.reporter.masked() if case.confidential else case.reporter
        flag = " (rahasia)" if case.confidential else ""
        parts = [p for p in (shown.name, shown.phone, shown.email) if p]
        out(f"  pelapor       : {', '.join(parts)}{flag}\n")
    if case.forwarded_to:
        out(f"  diteruskan ke : {case.forwarded_to}\n")
    out(f"  isi           : {case.original_text}\n")
    if case.summary:
        out(f"  ringkasan     : {case.summary}\n")
    if detail.deadlines:
        out("  batas waktu:\n")
        for d in detail.deadlines:
            out(
                f"    - {d.rule.description}: {indonesian_datetime(d.due_at, tz)} — {d.label}"
                f" [{d.rule.code}; {d.rule.legal_basis}]\n"
            )
    if detail.feedback is not None:
        out(f"  kepuasan      : {_feedback_text(detail.feedback)}\n")
    if case.open_conflicts:
        _print_conflicts(case, tz)
    out("  riwayat:\n")
    for event in detail.timeline:
        out(
            f"    {indonesian_datetime(event.at, tz)}  {event.actor}@{event.office}: "
            f"{event.summary}\n"
        )
    if detail.pending_ops:
        out(f"  belum tersinkron: {len(detail.pending_ops)} operasi\n")


def _feedback_text(feedback: Feedback) -> str:
    verdict = SATISFIED_LABEL if feedback.satisfied else NOT_SATISFIED_LABEL
    text = f"{feedback.rating}/{RATING_MAX}, {verdict}"
    return f"{text} \u201c{feedback.text}\u201d" if feedback.text else text


def _print_conflicts(case: Case, tz: tzinfo) -> None:
    out = sys.stdout.write
    out(f"  konflik sinkronisasi ({len(case.open_conflicts)} terbuka):\n")
    for c in case.open_conflicts:
        out(f"    - {FIELD_LABELS.get(c.field, c.field)} [{c.field}]  id {c.id}\n")
        out(f"        semula   : {_conflict_value(case, c, c.base)}\n")
        who = f"{c.office}, {c.actor}, {indonesian_datetime(c.at, tz)}"
        out(f"        usulan   : {_conflict_value(case, c, c.ours)}  ({who})\n")
        out(f"        sekarang : {_conflict_value(case, c, c.theirs)}\n")
    out(
        f"    selesaikan: lapor-desktop case resolve-conflict {case.register_no} ID"
        " (--keep ours|theirs | --value NILAI)\n"
    )


def _conflict_value(case: Case, conflict: CaseConflict, value: object) -> str:
    if value is None or value == "":
        return "(kosong)"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    text = str(value)
    if case.confidential and conflict.field.startswith("reporter."):
        # As the reporter line above: a confidential case shows initials and last digits only.
        part = conflict.field.removeprefix("reporter.")
        masked = mask_name(text) if part == "name" else mask_digits(text)
        text = (masked if part in ("name", "nik", "phone") else "***") or "***"
    return f"\u201c{text}\u201d"


def print_summaries(rows: list[CaseSummary], tz: tzinfo) -> None:
    if not rows:
        sys.stdout.write("(tidak ada pengaduan)\n")
        return
    for row in rows:
        due = indonesian_date(row.next_due_at, tz) if row.next_due_at else "-"
        who = row.reporter_display or "-"
        sys.stdout.write(
            f"{row.register_no:<20} {indonesian_date(row.received_at, tz):<18} "
            f"{STATUS_LABELS[row.status]:<26} {due:<18} {who:<18} {row.title}\n"
        )


def print_counts(counts: dict[Queue, int]) -> None:
    for queue, n in counts.items():
        sys.stdout.write(f"{QUEUE_LABELS[queue]:<24} {n:>7}\n")
