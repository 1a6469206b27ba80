"""`lapor-desktop enroll` and `lapor-desktop sync`, plugged into the core CLI by ui/launcher.

    lapor-desktop enroll --server URL --user U [--password-file F | --password P]
    lapor-desktop sync [--server URL] [--timeout S] [--retries N]
    lapor-desktop export-outbox FILE

`export-outbox` writes the pending changes and their files into FILE for the server admin to
import (`lapor-server import-outbox`) where this PC has no link; the outbox stays as it is.
It exits 2, writing nothing, when the data dir is not enrolled, nothing is pending or FILE
cannot be written.

Exit status of `sync`: 0 when nothing is left pending (conflicts and rejections may remain:
they are listed, a person closes them); 1 with one line on stderr for a network, login or
protocol failure, or when ops are still pending (deferred, cancelled); 2 for bad input.
`enroll` asks for the password when neither option is given (see lapor_desktop.password_input).
Heavy modules (requests, pydantic, SQLAlchemy) load only when a command runs: `--help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lapor_desktop.cli import AddParser, CommandFailed
from lapor_desktop.cli.parser import UsageError
from lapor_desktop.clock import Clock
from lapor_desktop.password_input import PasswordMissing, add_password_options, read_password
from lapor_desktop.paths import AppPaths

if TYPE_CHECKING:
    from lapor_desktop.services.workspace import Workspace
    from sync.engine import SyncReport

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _network_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds without data before giving up"
    )
    parser.add_argument("--retries", type=int, default=5, help="attempts per request")


def _retry(args: argparse.Namespace) -> Any:
    from sync.client import RetryPolicy

    if args.retries < 1 or args.retries > 20:
        raise UsageError("--retries must be 1–20")
    if not 0 < args.timeout <= 3600:
        raise UsageError("--timeout must be more than 0 and at most 3600 seconds")
    return RetryPolicy(attempts=args.retries, total_seconds=max(120.0, args.timeout * 2))


def _password(args: argparse.Namespace) -> str:
    try:
        return read_password(args.password, args.password_file, f"Kata sandi {args.user}: ")
    except PasswordMissing as error:
        raise UsageError(str(error)) from None


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text)


class EnrollCommand:
    name = "enroll"

    def register(self, add: AddParser) -> None:
        parser = add(self.name, "register this PC with the central server (once, online)")
        parser.add_argument("--server", required=True, help="e.g. https://lapor.kab.go.id")
        parser.add_argument("--user", required=True)
        add_password_options(parser)
        _network_options(parser)

    def run(self, args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
        from sync.enroll import OfficeMismatch, enroll
        from sync.errors import SyncError

        retry = _retry(args)
        password = _password(args)
        try:
            result = enroll(
                paths,
                clock,
                args.server,
                args.user,
                password,
                retry=retry,
                read_timeout=args.timeout,
            )
        except ValueError as error:  # a malformed server address
            raise UsageError(str(error)) from None
        except OfficeMismatch as error:
            raise CommandFailed(str(error), EXIT_USAGE) from None
        except SyncError as error:
            raise CommandFailed(str(error)) from None
        try:
            ws = result.workspace
            _emit(
                args,
                {
                    "device_id": ws.device_id,
                    "office": result.office.code,
                    "user": {
                        "username": result.user.username,
                        "name": ws.user.name,
                        "role": ws.user.role.value,
                    },
                    "server_url": result.server_url,
                    "initialised": result.created,
                },
                f"PC ini terdaftar di {result.server_url} untuk {result.office.name} "
                f"({result.office.code}) sebagai {ws.user.name} ({ws.user.role.value})\n",
            )
        finally:
            result.workspace.close()
        return EXIT_OK


class SyncCommand:
    name = "sync"

    def register(self, add: AddParser) -> None:
        parser = add(self.name, "one sync run with the central server; exit 0 only if complete")
        parser.add_argument("--server", default=None, help="the server (default: the enrolled one)")
        _network_options(parser)

    def run(self, args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
        from lapor_desktop.services.workspace import open_workspace
        from sync.client import SyncClient, normalise_url
        from sync.engine import SyncEngine
        from sync.errors import SyncError
        from sync.tokens import TokenStore

        retry = _retry(args)
        url_override = None
        if args.server is not None:
            try:
                url_override = normalise_url(args.server)
            except ValueError as error:
                raise UsageError(str(error)) from None
        ws = open_workspace(paths, clock)
        try:
            with ws.db.read() as uow:
                enrollment = uow.sync.state.enrollment()
                stored_url = uow.sync.state.server_url()
            if enrollment is None:
                raise CommandFailed(
                    "this data dir is not enrolled; run 'lapor-desktop enroll --server URL "
                    "--user U --password P' first"
                )
            url = url_override or stored_url or enrollment.server_url
            client = SyncClient(
                url,
                device_id=ws.device_id,
                tokens=TokenStore(paths.data_dir),
                retry=retry,
                read_timeout=args.timeout,
            )
            try:
                report = SyncEngine(ws, client).run()
            except SyncError as error:
                raise CommandFailed(str(error)) from None
            finally:
                client.close()
            if url_override and url_override != stored_url:
                with ws.db.write() as uow:
                    uow.sync.state.set_server_url(url_override)
                    uow.commit()
            return _summary(args, ws, report)
        finally:
            ws.close()


def _summary(args: argparse.Namespace, ws: Workspace, report: SyncReport) -> int:
    with ws.db.read() as uow:
        open_items = uow.sync.outbox.entries_in(("conflict", "rejected"))
        pending = uow.sync.outbox.count("pending")
        labels = {}
        for op, _state, _result in open_items:
            case = uow.cases.get(op.entity_id)
            labels[op.op_id] = case.register_no if case is not None else op.entity_id
    items = []
    for op, state, result in open_items:
        detail = json.loads(result) if result else {}
        items.append(
            {
                "state": state,
                "op_id": op.op_id,
                "op_type": op.op_type.value,
                "case": labels[op.op_id],
                "code": detail.get("code"),
                "message": detail.get("message"),
            }
        )
    data = {
        "run_id": report.run_id,
        **report.counts(),
        "pending": pending,
        "cancelled": report.cancelled,
        "repaired_buckets": report.repaired_buckets,
        "warnings": report.warnings,
        "needs_attention": items,
    }
    lines = [
        f"Sinkronisasi: terkirim {report.sent}, diterapkan {report.applied + report.merged}, "
        f"konflik {report.conflicts}, ditolak {report.rejected}, diterima {report.received}\n"
    ]
    lines += [f"Peringatan: {w}\n" for w in report.warnings]
    for item in items:
        word = "KONFLIK" if item["state"] == "conflict" else "DITOLAK"
        why = f" — {item['message']}" if item["message"] else ""
        lines.append(f"  {word} {item['case']} {item['op_type']}{why}\n")
    _emit(args, data, "".join(lines))
    if pending:
        reason = "cancelled" if report.cancelled else "the server deferred some"
        raise CommandFailed(f"{pending} change(s) still waiting to be sent ({reason}); sync again")
    return EXIT_OK


class ExportOutboxCommand:
    name = "export-outbox"

    def register(self, add: AddParser) -> None:
        parser = add(
            self.name, "write the pending changes and their files to FILE (for USB transport)"
        )
        parser.add_argument("file", type=Path, help="e.g. E:/lapor-DINSOS-2026-03-02.zip")

    def run(self, args: argparse.Namespace, paths: AppPaths, clock: Clock) -> int:
        from lapor_desktop.services.workspace import open_workspace
        from sync.outbox_export import ExportRefused, export_outbox

        ws = open_workspace(paths, clock)
        try:
            result = export_outbox(ws, args.file, clock)
        except ExportRefused as error:
            raise CommandFailed(str(error), EXIT_USAGE) from None
        finally:
            ws.close()
        data = {
            "file": str(result.path),
            "device_id": result.device_id,
            "office": result.office,
            "ops": result.op_count,
            "first_device_seq": result.first_device_seq,
            "last_device_seq": result.last_device_seq,
            "blobs": result.blobs,
            "blob_bytes": result.blob_bytes,
            "size": result.size,
            "missing_blobs": result.missing_blobs,
        }
        lines = [
            f"{result.op_count} perubahan (nomor {result.first_device_seq}–"
            f"{result.last_device_seq}) dan {result.blobs} file lampiran ditulis ke "
            f"{result.path}; perubahan tetap menunggu sampai PC ini sinkron\n"
        ]
        lines += [
            f"Peringatan: file lampiran {sha[:12]}… tidak ada di PC ini; perubahannya akan "
            "menunggu di server\n"
            for sha in result.missing_blobs
        ]
        _emit(args, data, "".join(lines))
        return EXIT_OK


COMMANDS = (EnrollCommand(), SyncCommand(), ExportOutboxCommand())
