"""Scenario 18's tools: export a PC's outbox and import it into the server, both through their
real command lines in subprocesses, and a way to build altered copies of an outbox file (opened
and sealed again with the server's own key, through sync/outbox_seal.py)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from server.outbox_key import stored_private_key
from sync import outbox_seal
from tests.scenarios.fleet import Client
from tests.support.live_server import LiveServer
from tests.sync.cli_support import REPO, Result, desktop

# What an import may write: each is counted before and after a refused one.
SERVER_TABLES = (
    '"case"',
    "case_event",
    "case_version",
    "case_attachment",
    "change_log",
    "processed_op",
    "blob",
    "conflict",
    "case_scope",
    "change_scope",
    "number_floor",
)


def export(client: Client, target: Path) -> Result:
    """`lapor-desktop --json export-outbox TARGET` on the client's data dir."""
    return desktop("--json", "export-outbox", target, data_dir=client.ws.paths.data_dir)


def import_file(server: LiveServer, source: Path, *, data_dir: Path | None = None) -> Result:
    """`lapor-server import-outbox SOURCE --json` against the live server's database (and
    its data dir, unless another is given)."""
    command = [sys.executable, "-m", "server.cli", "--db", server.db_url]
    command += ["--data-dir", str(data_dir or server.data_dir)]
    command += ["import-outbox", str(source), "--json"]
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LAPOR_SERVER")}
    environ.update(PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        command, env=environ, capture_output=True, text=True, timeout=120, check=False
    )
    return Result(command[3:], proc.returncode, proc.stdout, proc.stderr)


def import_here(server: LiveServer, source: Path, *, data_dir: Path | None = None) -> Result:
    """The same command line run by the real `main` in this process (no interpreter start):
    for the many refusals; the scenarios use `import_file`."""
    import contextlib
    import io

    from server.cli import main

    argv = ["--db", server.db_url, "--data-dir", str(data_dir or server.data_dir)]
    argv += ["import-outbox", str(source), "--json"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return Result(argv, status, out.getvalue(), err.getvalue())


def server_error(result: Result) -> str:
    """The import's one stderr line, without its prefix."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lapor-server: "), result.describe()
    assert "Traceback" not in result.stderr, result.describe()
    return lines[0].removeprefix("lapor-server: ")


def server_state(server: LiveServer) -> dict[str, Any]:
    """Row counts of what an import writes, the devices' sequences and the blob files."""
    with server.engine.connect() as con:
        counts: dict[str, Any] = {
            table: int(con.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in SERVER_TABLES
        }
        counts["counter"] = sorted(
            tuple(row) for row in con.execute(text("SELECT name, value FROM counter"))
        )
        counts["devices"] = sorted(
            tuple(row) for row in con.execute(text("SELECT device_id, last_device_seq FROM device"))
        )
    blobs = server.data_dir / "blobs"
    counts["blob_files"] = sorted(
        str(f.relative_to(blobs)) for f in blobs.rglob("*") if f.is_file()
    )
    return counts


def unsealed(server: LiveServer, source: Path) -> bytes:
    """The plain zip inside a sealed outbox file, opened with the server's own key."""
    private = stored_private_key(server.engine)
    assert private is not None
    with source.open("rb") as reader:
        header = outbox_seal.read_header(reader)
        plain = io.BytesIO()
        outbox_seal.unseal(reader, header, private, plain)
    return plain.getvalue()


def seal(server: LiveServer, plain: bytes, target: Path) -> Path:
    """`plain` sealed to the server's key, as the export seals (a consistent sealed file)."""
    with target.open("wb") as handle:
        writer = outbox_seal.SealingWriter(handle, server_public_key(server))
        writer.write(plain)
        writer.finish()
    return target


def server_public_key(server: LiveServer) -> bytes:
    private = stored_private_key(server.engine)
    assert private is not None
    return outbox_seal.public_key_of(private)


def members(server: LiveServer, source: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(unsealed(server, source))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_members(server: LiveServer, parts: dict[str, bytes], target: Path) -> Path:
    """A zip of `parts`, sealed to the server's key."""
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return seal(server, plain.getvalue(), target)


def rewrite(
    server: LiveServer,
    source: Path,
    target: Path,
    change: Callable[[dict[str, Any], list[dict[str, Any]], dict[str, bytes]], None],
    *,
    rehash: bool = True,
) -> Path:
    """A copy of an outbox file with `change(manifest, ops, blobs)` applied, sealed again to the
    server's key (so only the change is refused); with `rehash` the manifest's hashes and sizes
    are made to match again (a consistent but different file)."""
    parts = members(server, source)
    manifest = json.loads(parts.pop("manifest.json"))
    ops = json.loads(parts.pop("ops.json"))
    blobs = dict(parts)
    change(manifest, ops, blobs)
    ops_bytes = json.dumps(ops).encode()
    if rehash:
        entries = {"ops.json": ops_bytes, **blobs}
        manifest["members"] = {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in entries.items()
        }
    parts = {"ops.json": ops_bytes, **blobs, "manifest.json": json.dumps(manifest).encode()}
    return write_members(server, parts, target)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
