"""`report`: the recap (rekap) of a year or a month as CSV, XLSX or PDF, or as JSON; with
`--book agenda|surat-keluar` the office's Buku Agenda pengaduan or Register surat keluar of
the period instead (same formats; `--json` prints its rows); with `--laporan-pengelolaan` the
Laporan Pengelolaan Pengaduan of the period as PDF (services.management_report).

Every option is checked before the data dir opens (the year against the clock, the month, the
format, the output path by a probe file in its folder), so bad input writes nothing. `--pemda`
(the whole Pemda's recap: every office's cases this PC holds) needs the data dir's user, so it
is checked as soon as the data dir opens, before anything is read or written: an operator's
PC is refused (NotCoordinator, exit 2, one line). A register is one office's own, so `--book`
with `--pemda` is refused with the other options.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lapor_desktop.cli import output
from lapor_desktop.cli.letter_commands import check_output
from lapor_desktop.cli.parser import UsageError
from lapor_desktop.clock import Clock
from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.domain.ops import iso
from lapor_desktop.letters.model import Paper
from lapor_desktop.reports.model import Period, Recap
from lapor_desktop.reports.register_sheet import RegisterSheet
from lapor_desktop.services.management_report import ManagementReportService, ReportTexts
from lapor_desktop.services.registers import AGENDA, BOOKS, RegisterService, parse_book
from lapor_desktop.services.reports import (
    FORMATS,
    NotCoordinator,
    ReportService,
    parse_format,
    parse_period,
)
from lapor_desktop.services.workspace import Workspace


def check_args(args: argparse.Namespace, clock: Clock) -> None:
    """Refuse bad options before the data dir is opened; leaves the parsed values on `args`."""
    try:
        args.period = parse_period(args.year, args.month, today=clock())
    except ValidationError as error:
        raise UsageError(f"--{error.field} {_shown(error.field, args)}: {error.message}") from None
    args.book_code = None
    if args.book is not None:
        try:
            args.book_code = parse_book(args.book)
        except ValidationError:
            raise UsageError(f"--book {args.book}: use one of {', '.join(BOOKS)}") from None
        if args.pemda:
            raise UsageError(
                "--book prints this office's own register; it cannot be combined with --pemda"
            )
    args.path = None
    args.kind = None
    args.texts = None
    if args.laporan_pengelolaan or any(getattr(args, f) is not None for f, _ in _TEXT_FLAGS):
        _check_management_args(args)
        return
    if args.paper is not None:
        raise UsageError("--paper is for --laporan-pengelolaan (the recap's PDF is A4)")
    if args.output is None:
        if not args.json:
            raise UsageError("report needs -o FILE (.csv, .xlsx or .pdf), or --json to print it")
        if args.format is not None:
            raise UsageError("--format needs -o FILE")
        return
    suffix = Path(args.output).suffix.lower().lstrip(".")
    if args.format is not None:
        try:
            args.kind = parse_format(args.format)
        except ValidationError:
            raise UsageError(f"--format {args.format}: use one of {', '.join(FORMATS)}") from None
        if suffix in FORMATS and suffix != args.kind:
            raise UsageError(f"-o {args.output} is a .{suffix} name but --format is {args.kind}")
    elif suffix in FORMATS:
        args.kind = suffix
    else:
        raise UsageError(
            f"-o {args.output}: cannot tell the format from the name; end it in .csv, .xlsx "
            "or .pdf, or give --format"
        )
    args.path = check_output(args.output)


_TEXT_FLAGS = (
    ("kendala", "obstacles"),
    ("solusi", "solutions"),
    ("evaluasi", "evaluation"),
    ("tindak_lanjut_evaluasi", "evaluation_follow_up"),
)


def _check_management_args(args: argparse.Namespace) -> None:
    """The options of `--laporan-pengelolaan`: a PDF file, its paper and the four texts."""
    if not args.laporan_pengelolaan:
        given = next(f for f, _ in _TEXT_FLAGS if getattr(args, f) is not None)
        raise UsageError(f"--{given.replace('_', '-')} is for --laporan-pengelolaan")
    if args.book is not None:
        raise UsageError("--laporan-pengelolaan and --book are two different documents")
    if args.output is None:
        raise UsageError("--laporan-pengelolaan needs -o FILE.pdf")
    if args.format is not None and args.format.strip().lower().lstrip(".") != "pdf":
        raise UsageError(f"--format {args.format}: the Laporan Pengelolaan Pengaduan is a PDF")
    suffix = Path(args.output).suffix.lower().lstrip(".")
    if suffix != "pdf" and (suffix in FORMATS or args.format is None):
        raise UsageError(f"-o {args.output}: the Laporan Pengelolaan Pengaduan is a .pdf file")
    try:
        args.paper_size = Paper((args.paper or "A4").strip().upper())
    except ValueError:
        raise UsageError(f"--paper {args.paper}: use A4 or F4") from None
    texts = ReportTexts(**{name: getattr(args, flag) or "" for flag, name in _TEXT_FLAGS})
    try:
        args.texts = texts.checked()
    except ValidationError as error:
        flag = next(f for f, name in _TEXT_FLAGS if name == error.field)
        raise UsageError(f"--{flag.replace('_', '-')}: {error.message}") from None
    args.kind = "pdf"
    args.path = check_output(args.output)


def _run_management(args: argparse.Namespace, workspace: Workspace) -> int:
    service = ManagementReportService(workspace)
    if args.pemda and not ReportService(workspace).may_recap_pemda():
        raise NotCoordinator(workspace.user.role.value)
    service.check_settings()  # before the output folder is probed again
    path = check_output(args.output)
    report, _recap = service.export(
        args.period, path, args.texts, whole_pemda=args.pemda, paper=args.paper_size
    )
    if args.json:
        output.emit_json(
            {
                "document": "laporan-pengelolaan",
                "title": " ".join(report.title_lines),
                "period": period_label(args.period),
                "paper": report.paper.value,
                "cases": len(report.annex_rows),
                "file": str(path),
            }
        )
    else:
        sys.stdout.write(
            f"Laporan pengelolaan pengaduan {period_label(args.period)}: "
            f"{len(report.annex_rows)} pengaduan, disimpan di {path}\n"
        )
    return 0


def _shown(field: str, args: argparse.Namespace) -> str:
    return str(args.year if field == "year" else args.month)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    if args.texts is not None:
        return _run_management(args, workspace)
    if args.book_code is not None:
        return _run_register(args, workspace)
    service = ReportService(workspace)
    period: Period = args.period
    whole_pemda: bool = args.pemda
    if whole_pemda and not service.may_recap_pemda():
        raise NotCoordinator(workspace.user.role.value)  # before the output folder is probed
    if args.path is None:
        recap = service.recap(period, whole_pemda=whole_pemda)
        output.emit_json(recap_json(recap))
        return 0
    path = check_output(args.output)  # again: the folder may have changed meanwhile
    recap = service.export(period, args.kind, path, whole_pemda=whole_pemda)
    if args.json:
        output.emit_json({**recap_json(recap), "file": str(path)})
    else:
        who = "seluruh Pemda " if whole_pemda else ""
        sys.stdout.write(
            f"Rekap {who}{period_label(period)}: {recap.received} pengaduan, disimpan di {path}\n"
        )
    return 0


def _run_register(args: argparse.Namespace, workspace: Workspace) -> int:
    service = RegisterService(workspace)
    period: Period = args.period
    book: str = args.book_code
    if args.path is None:
        output.emit_json(register_json(service.sheet(book, period)))
        return 0
    path = check_output(args.output)  # again: the folder may have changed meanwhile
    sheet = service.export(book, period, args.kind, path)
    if args.json:
        output.emit_json({**register_json(sheet), "file": str(path)})
    else:
        what = "pengaduan" if book == AGENDA else "surat"
        sys.stdout.write(
            f"{sheet.short_title} {period_label(period)}: {len(sheet.rows)} {what}, "
            f"disimpan di {path}\n"
        )
    return 0


def register_json(sheet: RegisterSheet) -> dict[str, Any]:
    """The register's heading and its rows, one object per row keyed by the CSV's codes."""
    heading = sheet.heading
    codes = [c.code for c in sheet.columns]
    return {
        "book": sheet.book,
        "title": sheet.title,
        "office_code": heading.office_code,
        "office_name": heading.office_name,
        "regency": heading.regency,
        "period": {
            "year": heading.period.year,
            "month": heading.period.month,
            "label": period_label(heading.period),
            "first_day": heading.period.first_day.isoformat(),
            "last_day": heading.period.last_day.isoformat(),
        },
        "as_of": iso(heading.as_of),
        "time_zone": heading.time_zone,
        "count": len(sheet.rows),
        "columns": {c.code: c.heading for c in sheet.columns},
        "rows": [dict(zip(codes, _plain(list(row)), strict=True)) for row in sheet.rows],
    }


def period_label(period: Period) -> str:
    return str(period.year) if period.month is None else f"{period.year}-{period.month:02d}"


def recap_json(recap: Recap) -> dict[str, Any]:
    """Every field of the recap plus its percentages; dates as ISO text."""
    data: dict[str, Any] = _plain(asdict(recap))
    data["as_of"] = iso(recap.as_of)
    data["period"].update(
        label=period_label(recap.period),
        first_day=recap.period.first_day.isoformat(),
        last_day=recap.period.last_day.isoformat(),
    )
    data["category_names"] = dict(recap.category_names)
    data["office_names"] = dict(recap.office_names)
    data["followed_up_percent"] = recap.followed_up_percent
    data["resolved_percent"] = recap.resolved_percent
    data["resolved_percent_excluding_archived"] = recap.resolved_percent_excluding_archived
    data["offline_registered_percent"] = recap.offline_registered_percent
    data["active_offices"] = recap.active_offices
    data["active_office_percent"] = recap.active_office_percent
    average = recap.rating_average
    data["kepuasan"] = {
        "rated": recap.rated,
        "rated_percent": recap.rated_percent,
        # One decimal, as the files print it: 3.666… is reported as 3.7.
        "rating_average": None if average is None else round(average, 1),
        "satisfied": recap.satisfied,
        "satisfied_percent": recap.satisfied_percent,
        "reopened": recap.reopened,
        "reopened_percent": recap.reopened_percent,
    }
    for stage, row in zip(recap.timeliness, data["timeliness"], strict=True):
        row["met_percent"] = stage.met_percent
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
