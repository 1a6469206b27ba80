"""The `case …` sub-commands: each turns arguments into one service call."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lapor_desktop.cli import output
from lapor_desktop.cli.parser import UsageError
from lapor_desktop.domain.case import Case, Location, Reporter
from lapor_desktop.domain.codes import STATUS_LABELS, parse_sifat, parse_status
from lapor_desktop.domain.sla import Stage
from lapor_desktop.domain.summary import Queue
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace


def parse_local_datetime(text: str, workspace: Workspace, option: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date-time (YYYY-MM-DDTHH:MM)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=workspace.tz)


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def _print_case(args: argparse.Namespace, workspace: Workspace, case: Case) -> None:
    detail = CaseService(workspace).detail(case.id)
    if args.json:
        output.emit_json(output.detail_json(detail))
    else:
        output.print_detail(detail, workspace.tz)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    service = CaseService(workspace)
    command = args.case_command
    if command is None:
        raise UsageError("choose a case command: add, list, show, edit, dispose, …")
    if command == "auto-close":
        return _auto_close(args, workspace, service)
    if command == "add":
        case = service.register(_new_case(args, workspace))
    elif command == "list":
        return _list(args, workspace)
    elif command == "show":
        case = service.find_case(args.case)
    elif command == "edit":
        case = service.edit(args.case, _edit_changes(args))
    elif command == "dispose":
        if not (args.to_office or args.to_unit or args.to_person):
            raise UsageError("dispose needs --to-office CODE or --to-unit NAME (or --to-person)")
        case = service.dispose(
            args.case,
            DispositionInput(
                to_office=args.to_office,
                to_unit=args.to_unit,
                to_person=args.to_person,
                instructions=tuple(args.instruction),
                note=args.note,
                sifat=parse_sifat(args.sifat),
            ),
        )
    elif command == "needs-info":
        case = service.needs_info(args.case, args.reason)
    elif command == "info-received":
        case = service.info_received(args.case, args.note)
    elif command == "forward":
        case = service.forward(args.case, args.agency, args.reason)
    elif command == "archive":
        case = service.archive(args.case, args.reason, args.duplicate_of)
    elif command == "follow-up":
        case = service.follow_up(args.case, args.text)
    elif command == "answer":
        case = service.answer(args.case, args.text)
    elif command == "note":
        case = service.note(args.case, args.text)
    elif command == "feedback":
        case = service.feedback(args.case, args.rating, args.satisfied, args.text)
    elif command == "resolve":
        case = service.resolve(args.case, args.note)
    elif command == "reopen":
        case = service.reopen(args.case, args.reason)
    elif command == "cancel":
        case = service.cancel(args.case, args.reason)
    elif command == "close-incomplete":
        case = service.close_incomplete(args.case, args.note)
    elif command == "extend":
        stage = _stage(args.stage) if args.stage else None
        case = service.extend(args.case, args.days, args.reason, stage)
    elif command == "attach":
        case = service.attach(args.case, Path(args.file))
    elif command == "resolve-conflict":
        if args.value is not None:
            case = service.resolve_conflict(args.case, args.conflict_id, "value", args.value)
        else:
            case = service.resolve_conflict(args.case, args.conflict_id, args.keep)
    else:  # pragma: no cover - argparse only offers the commands above
        raise UsageError(f"unknown case command {command}")
    _print_case(args, workspace, case)
    return 0


def _stage(text: str) -> Stage:
    try:
        return Stage(text.strip().lower().replace("-", "_"))
    except ValueError:
        allowed = ", ".join(s.value for s in Stage)
        raise UsageError(f"--stage: unknown stage {text!r}; expected one of: {allowed}") from None


def _new_case(args: argparse.Namespace, workspace: Workspace) -> NewCase:
    reporter = Reporter(
        name=args.reporter_name,
        nik=args.reporter_nik,
        phone=args.reporter_phone,
        email=args.reporter_email,
        address=args.reporter_address,
    )
    return NewCase(
        title=args.title,
        text=args.text,
        channel=args.channel,
        category=args.category,
        kind=args.kind,
        summary=args.summary,
        received_at=parse_local_datetime(args.received_at, workspace, "--received-at")
        if args.received_at
        else None,
        incident_date=parse_date(args.incident_date, "--incident-date")
        if args.incident_date
        else None,
        location=Location(kecamatan=args.kecamatan, desa=args.desa, text=args.location),
        priority=args.priority,
        severity=args.severity,
        reporter=None if reporter.is_empty else reporter,
        anonymous=args.anonymous,
        confidential=args.confidential,
        lapor_tracking_id=args.lapor_id,
    )


_EDIT_OPTIONS = {
    "title": "title",
    "summary": "summary",
    "category": "category_code",
    "priority": "priority",
    "severity": "severity",
    "kind": "kind",
    "channel": "channel",
    "lapor_id": "lapor_tracking_id",
    "incident_date": "incident_date",
    "kecamatan": "location.kecamatan",
    "desa": "location.desa",
    "location": "location.text",
    "reporter_name": "reporter.name",
    "reporter_nik": "reporter.nik",
    "reporter_phone": "reporter.phone",
    "reporter_email": "reporter.email",
    "reporter_address": "reporter.address",
    "confidential": "confidential",
    "anonymous": "anonymous",
}


def _edit_changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for option, field in _EDIT_OPTIONS.items():
        value = getattr(args, option)
        if value is not None:
            changes[field] = value
    if "incident_date" in changes:
        changes["incident_date"] = parse_date(changes["incident_date"], "--incident-date")
    if not changes:
        raise UsageError("nothing to change: give at least one option such as --title")
    return changes


def _list(args: argparse.Namespace, workspace: Workspace) -> int:
    if args.limit < 1 or args.limit > 10_000:
        raise UsageError("--limit must be between 1 and 10000")
    queue = Queue(args.queue) if args.queue else Queue.ALL
    if args.overdue:
        if args.queue and queue is not Queue.OVERDUE:
            raise UsageError("--overdue cannot be combined with another --queue")
        queue = Queue.OVERDUE
    statuses = tuple(parse_status(s) for s in args.status)
    rows = QueryService(workspace).cases(
        CaseQuery(queue=queue, statuses=statuses, search=args.search, limit=args.limit)
    )
    if args.json:
        output.emit_json([output.summary_json(r) for r in rows])
    else:
        output.print_summaries(rows, workspace.tz)
    return 0


def _auto_close(args: argparse.Namespace, workspace: Workspace, service: CaseService) -> int:
    closed = service.close_expired()
    if args.json:
        output.emit_json([{"register_no": c.register_no, "status": c.status.value} for c in closed])
    else:
        for case in closed:
            sys.stdout.write(f"{case.register_no}: {STATUS_LABELS[case.status]}\n")
        sys.stdout.write(f"{len(closed)} pengaduan ditutup otomatis\n")
    return 0
