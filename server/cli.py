"""`lapor-server`: set up and run the central server (DESIGN §8)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from lapor_desktop.password_input import PasswordMissing, add_password_options, read_password
from server.admin import (
    AdminError,
    add_office,
    add_user,
    init_schema,
    release_device,
    revoke_device,
    schema_ready,
    seed_defaults,
)
from server.db import BadDatabaseUrl, open_engine

ENV_DB = "LAPOR_SERVER_DB"
ENV_DATA_DIR = "LAPOR_SERVER_DATA_DIR"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # One line and exit 2, as every command of the project does on bad input.
        sys.stderr.write(f"lapor-server: {message}\n")
        raise SystemExit(2)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("lapor-server", appauthor=False))


def database_url(db: str | None, data_dir: Path) -> str:
    if db:
        return db
    env = os.environ.get(ENV_DB)
    if env:
        return env
    return f"sqlite:///{data_dir / 'server.db'}"


def _port(text: str) -> int:
    # Checked here: out of range, uvicorn's bind fails with a traceback after startup began.
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is not in 1–65535")
    return port


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=f"database URL (default ${ENV_DB})")
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"data dir (default ${ENV_DATA_DIR})",
    )
    parser = _Parser(prog="lapor-server", parents=[common], description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    init = sub.add_parser("init", parents=[common], help="create the schema and seed master data")
    init.add_argument("--years", type=int, nargs="*", help="holiday years (default: around now)")
    office = sub.add_parser("add-office", parents=[common], help="add an office (OPD)")
    office.add_argument("code")
    office.add_argument("name")
    office.add_argument("--regency", default="")
    office.add_argument("--unit-code", default="")
    office.add_argument("--timezone", default="Asia/Jakarta")
    user = sub.add_parser("add-user", parents=[common], help="add a user of an office")
    user.add_argument("username")
    user.add_argument("--office", required=True)
    add_password_options(user)  # asked for, or read from a file / stdin, when not given
    user.add_argument("--name")
    user.add_argument("--role", default="operator", choices=["operator", "coordinator", "admin"])
    revoke = sub.add_parser("revoke-device", parents=[common], help="stop a device from syncing")
    revoke.add_argument("device_id")
    release = sub.add_parser(
        "release-device",
        parents=[common],
        help="let another user of its office log in on a device (its tokens end)",
    )
    release.add_argument("device_id")
    imp = sub.add_parser(
        "import-outbox",
        parents=[common],
        help="apply a device's outbox file (lapor-desktop export-outbox), carried by hand",
    )
    imp.add_argument("file", type=Path, help="the file `lapor-desktop export-outbox` wrote")
    imp.add_argument("--json", action="store_true", help="print the summary as JSON")
    serve = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8080)
    serve.add_argument(
        "--min-app", default="0", help="oldest LAPOR Desktop version allowed to sync (hello)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir: Path = getattr(args, "data_dir", None) or default_data_dir()
    url = database_url(getattr(args, "db", None), data_dir)
    try:
        return _run(args, data_dir, url)
    except (AdminError, BadDatabaseUrl) as error:
        sys.stderr.write(f"lapor-server: {error}\n")
        return 2
    except SQLAlchemyError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        sys.stderr.write(f"lapor-server: database error: {first}\n")
        return 2
    except OSError as error:
        sys.stderr.write(f"lapor-server: {error}\n")
        return 2


def _run(args: argparse.Namespace, data_dir: Path, url: str) -> int:
    if url.startswith("sqlite"):
        data_dir.mkdir(parents=True, exist_ok=True)
    engine = open_engine(url)
    try:
        if args.command == "init":
            created = init_schema(engine)
            year = datetime.now(UTC).year
            seed_defaults(engine, args.years or range(year - 1, year + 3))
            from server.outbox_key import outbox_public_key

            outbox_public_key(engine, datetime.now(UTC))  # made now, once: PCs learn it
            _say("schema created" if created else "schema already present; master data refreshed")
            return 0
        if not schema_ready(engine):
            raise AdminError("no server schema here: run `lapor-server init` first")
        if args.command == "add-office":
            code = add_office(
                engine,
                args.code,
                args.name,
                regency=args.regency,
                unit_code=args.unit_code,
                timezone=args.timezone,
            )
            _say(f"office {code} added")
        elif args.command == "add-user":
            try:
                password = read_password(
                    args.password, args.password_file, f"Password for {args.username}: "
                )
            except PasswordMissing as error:
                raise AdminError(str(error)) from None
            add_user(engine, args.username, args.office, password, role=args.role, name=args.name)
            _say(f"user {args.username} added")
        elif args.command == "revoke-device":
            revoke_device(engine, args.device_id)
            _say(f"device {args.device_id} revoked")
        elif args.command == "release-device":
            release_device(engine, args.device_id)
            _say(f"device {args.device_id} released: any user of its office may log in on it")
        elif args.command == "import-outbox":
            return _import_outbox(args, data_dir, url, engine)
        elif args.command == "serve":
            return _serve(args, data_dir, url)
        return 0
    finally:
        engine.dispose()


def _import_outbox(args: argparse.Namespace, data_dir: Path, url: str, engine: Engine) -> int:
    """Exit 0 when every op of the file was processed; 1 when some wait (a deferred op) or
    writing stopped midway (importing again resumes); 2, nothing written, for a bad file."""
    import json

    from server.outbox_import import ImportStopped, import_outbox
    from server.settings import ServerSettings

    settings = ServerSettings(db_url=url, data_dir=data_dir)
    try:
        summary = import_outbox(engine, settings, args.file)
    except ImportStopped as error:
        sys.stderr.write(f"lapor-server: import stopped: {error}; run it again to resume\n")
        return 1
    if args.json:
        data = {"device_id": summary.device_id, "office": summary.office, **summary.counts()}
        data["attention"] = summary.attention
        _say(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _say(
            f"imported {summary.ops} ops of device {summary.device_id} ({summary.office}): "
            f"applied {summary.applied}, merged {summary.merged}, conflict {summary.conflict}, "
            f"rejected {summary.rejected}, deferred {summary.deferred}, "
            f"replayed {summary.replayed}; files stored {summary.blobs_stored}, "
            f"already here {summary.blobs_present}"
        )
        for item in summary.attention:
            _say(
                f"  {item['status']} op {item['device_seq']} ({item['op_type']} on case "
                f"{item['case']}): {item['message'] or item['code']}"
            )
        if summary.waiting:
            _say(f"  {summary.waiting} later ops wait: the device's own sync sends them in order")
    return 1 if summary.deferred or summary.waiting else 0


def _serve(args: argparse.Namespace, data_dir: Path, url: str) -> int:
    import uvicorn

    from server.app import create_app
    from server.settings import ServerSettings

    app = create_app(ServerSettings(db_url=url, data_dir=data_dir, min_app=args.min_app))
    _say(f"serving on http://{args.host}:{args.port}")
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
