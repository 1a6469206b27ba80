"""Set-up and maintenance sub-commands: init, demo, queues, db, backup, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lapor_desktop.cli import output
from lapor_desktop.cli.parser import UsageError
from lapor_desktop.clock import Clock
from lapor_desktop.domain.codes import parse_role
from lapor_desktop.paths import AppPaths
from lapor_desktop.services import maintenance
from lapor_desktop.services.office import OfficeProfile, parse_timezone
from lapor_desktop.services.queries import QueryService
from lapor_desktop.services.workspace import default_user, init_workspace, open_workspace


def run_init(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    office = OfficeProfile(
        code=args.office_code.strip().upper(),
        name=args.office_name.strip(),
        regency=args.regency.strip(),
        unit_code=args.unit_code,
        address=args.address,
        postal_code=args.postal_code,
        phone=args.phone,
        email=args.email,
        website=args.website,
        city=args.city,
        timezone=parse_timezone(args.timezone),
        head_name=args.head_name,
        head_nip=args.head_nip,
        head_rank=args.head_rank,
        head_title=args.head_title,
        units=tuple(u.strip() for u in args.unit if u.strip()),
    )
    user = default_user(args.user, parse_role(args.role) if args.role else None)
    workspace = init_workspace(paths, office, user, clock)
    try:
        if args.json:
            output.emit_json(
                {
                    "data_dir": str(paths.data_dir),
                    "office": office.to_json(),
                    "device_id": workspace.device_id,
                }
            )
        else:
            sys.stdout.write(f"Data {office.name} ({office.code}) siap di {paths.data_dir}\n")
    finally:
        workspace.close()
    return 0


def run_demo(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    from lapor_desktop.services.demo import generate_demo  # heavy corpus, loaded only here

    if args.cases < 1 or args.cases > 1_000_000:
        raise UsageError("--cases must be between 1 and 1000000")
    report = generate_demo(paths, clock, cases=args.cases, seed=args.seed)
    if args.json:
        output.emit_json(report)
    else:
        sys.stdout.write(f"DATA DEMO: {report['cases']} pengaduan dibuat di {paths.data_dir}\n")
    return 0


def run_queues(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    workspace = open_workspace(paths, clock)
    try:
        counts = QueryService(workspace).queue_counts()
    finally:
        workspace.close()
    if args.json:
        output.emit_json({q.value: n for q, n in counts.items()})
    else:
        output.print_counts(counts)
    return 0


def run_db(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    if args.db_command is None:
        raise UsageError("choose: db upgrade | db check")
    if args.db_command == "upgrade":
        open_workspace(paths, clock).close()  # opening upgrades
        sys.stdout.write(
            "Skema basis data sudah terbaru.\n"
        ) if not args.json else output.emit_json({"upgraded": True})
        return 0
    workspace = open_workspace(paths, clock)
    workspace.close()
    report = maintenance.check(paths)
    if args.json:
        output.emit_json(
            {
                "ok": report.ok,
                "integrity": report.integrity,
                "foreign_key_errors": report.foreign_key_errors,
                "schema_revision": report.schema_revision,
                "cases": report.cases,
                "outbox_pending": report.outbox_pending,
                "search_index_rows": report.fts_rows,
            }
        )
    else:
        sys.stdout.write(
            f"integritas: {report.integrity}; kunci asing: {report.foreign_key_errors} masalah; "
            f"skema {report.schema_revision} (terbaru {report.head_revision}); "
            f"{report.cases} pengaduan, {report.fts_rows} di indeks; "
            f"{report.outbox_pending} operasi belum tersinkron\n"
        )
    return 0 if report.ok else 1


def run_backup(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    # No open_workspace: it may upgrade (write) the live database. The backup checks its own
    # snapshot the way restore will, and refuses what is not ours.
    summary = maintenance.backup(paths, Path(args.file), clock())
    if args.json:
        output.emit_json(
            {
                "file": args.file,
                "bytes": summary.bytes,
                "cases": summary.cases,
                "blobs": summary.blobs,
                "office_files": summary.office_files,
                "missing_blobs": list(summary.missing_blobs),
                "damaged_blobs": list(summary.damaged_blobs),
                "remote_blobs": summary.remote_blobs,
            }
        )
    else:
        sys.stdout.write(
            f"Cadangan disimpan: {args.file} ({summary.bytes} bytes; {summary.cases} pengaduan, "
            f"{summary.blobs} berkas lampiran/surat, {summary.office_files} berkas kantor)\n"
        )
    # The backup is still made (it saves everything that is left), but the operator must
    # hear that some files were already gone: a later restore cannot bring them back.
    lost = len(summary.missing_blobs) + len(summary.damaged_blobs)
    if lost:
        sys.stderr.write(
            f"lapor-desktop: peringatan: {lost} berkas lampiran/surat hilang atau rusak di "
            f"{paths.blobs} dan tidak ikut dicadangkan\n"
        )
    return 0


def run_restore(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    summary = maintenance.restore(paths, Path(args.file))
    kept = summary.previous
    if args.json:
        output.emit_json(
            {
                "restored": args.file,
                "previous": str(kept) if kept else None,
                "kind": summary.kind,
                "blobs_added": summary.blobs_added,
                "blobs_in_archive": summary.blobs_in_archive,
                "office_files": summary.office_files,
                "office_files_kept_aside": summary.office_files_kept_aside,
            }
        )
    else:
        note = f"; basis data lama disimpan sebagai {kept}" if kept else ""
        files = (
            f" ({summary.blobs_added} berkas lampiran/surat ditambahkan, "
            f"{summary.office_files} berkas kantor)"
            if summary.kind == "archive"
            else " (hanya basis data: cadangan lama tanpa lampiran)"
        )
        sys.stdout.write(f"Dipulihkan dari {args.file}{files}{note}\n")
    return 0


def run_holiday(args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
    from lapor_desktop.cli.case_commands import parse_date
    from lapor_desktop.services.holidays import HolidayService

    if args.holiday_command is None:
        raise UsageError("choose: holiday list | holiday add DATE | holiday remove DATE")
    workspace = open_workspace(paths, clock)
    try:
        service = HolidayService(workspace)
        if args.holiday_command == "list":
            year = args.year or clock().astimezone(workspace.tz).year
            entries = service.entries(year)
            if args.json:
                output.emit_json(
                    [
                        {
                            "date": e.day.isoformat(),
                            "name": e.name,
                            "kind": e.kind.value,
                            "source": e.source,
                            "working_day": e.working,
                        }
                        for e in entries
                    ]
                )
            else:
                for e in entries:
                    flag = "  (hari kerja di kantor ini)" if e.working else ""
                    sys.stdout.write(f"{e.day.isoformat()}  {e.kind.value:<13} {e.name}{flag}\n")
            return 0
        day = parse_date(args.date, "date")
        if args.holiday_command == "add":
            moved = service.add_local(day, args.name)
        else:
            moved = service.remove(day, args.reason)
    finally:
        workspace.close()
    if args.json:
        output.emit_json({"date": day.isoformat(), "deadlines_moved": moved})
    else:
        sys.stdout.write(
            f"Kalender diperbarui ({day.isoformat()}); {moved} batas waktu pengaduan ikut berubah\n"
        )
    return 0
