"""Running `lapor-desktop` in real subprocesses, and telling whether a command wrote anything.

Every call is `python -m lapor_desktop.cli …` with `LAPOR_NOW` pinned and, unless a test says
otherwise, an explicit `--data-dir`; `LAPOR_DATA_DIR` from the outer environment never leaks in.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

NOW = "2026-03-02T09:00+07:00"  # a Monday; the national holidays of 18–24 March are ahead
WIB = ZoneInfo("Asia/Jakarta")
ERROR_PREFIX = "lapor-desktop: error:"
OFFICE = (
    "--office-code",
    "DINSOS",
    "--office-name",
    "Dinas Sosial",
    "--regency",
    "Kabupaten Sumenep",
    "--unit",
    "Bidang Linjamsos",
)
COUNTED_TABLES = ("case", "case_event", "outbox", "blob", "number_sequence")


@dataclass(frozen=True)
class Result:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def describe(self) -> str:
        return f"{self.args!r} -> {self.returncode}\nstdout: {self.stdout}\nstderr: {self.stderr}"


def cli_env(now: str = NOW, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LAPOR_DATA_DIR", "LAPOR_NOW")}
    env["LAPOR_NOW"] = now
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run(
    *args: object,
    data_dir: Path | None = None,
    now: str = NOW,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Result:
    command = [sys.executable, "-m", "lapor_desktop.cli"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += [str(a) for a in args]
    proc = subprocess.run(
        command,
        env=env if env is not None else cli_env(now),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        # Never the repository: a command that drops files in its cwd must not pollute it.
        cwd=cwd or (data_dir.parent if data_dir is not None else Path.cwd()),
        check=False,
    )
    return Result(command[3:], proc.returncode, proc.stdout, proc.stderr)


def ok(*args: object, **kwargs: Any) -> Result:
    result = run(*args, **kwargs)
    assert result.returncode == 0, result.describe()
    assert "Traceback" not in result.stderr, result.describe()
    return result


def ok_json(*args: object, **kwargs: Any) -> Any:
    return ok(*args, "--json", **kwargs).json()


def check_usage_error(result: Result) -> str:
    """Status 2, exactly one stderr line with our prefix, no traceback, nothing on stdout."""
    assert result.returncode == 2, result.describe()
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.describe()
    assert lines[0].startswith(ERROR_PREFIX + " "), result.describe()
    assert "Traceback" not in result.stderr, result.describe()
    assert result.stdout == "", result.describe()
    return lines[0].removeprefix(ERROR_PREFIX).strip()


def fails(*args: object, **kwargs: Any) -> str:
    """Run a command that must be refused as bad input; return the message (without prefix)."""
    return check_usage_error(run(*args, **kwargs))


def init_office(data_dir: Path) -> dict[str, Any]:
    return ok_json("init", *OFFICE, data_dir=data_dir)


def add_case(data_dir: Path, *options: object, **kwargs: Any) -> dict[str, Any]:
    """`case add --json` with sensible defaults; `options` come last and override them."""
    defaults = (
        "--title",
        "Jalan berlubang di Desa Pangarangan",
        "--text",
        "Jalan desa berlubang sejak Januari, membahayakan pengendara motor.",
        "--channel",
        "whatsapp",
        "--category",
        "Transportasi",
    )
    detail = ok_json("case", "add", *defaults, *options, data_dir=data_dir, **kwargs)
    return detail["case"]


def copy_data_dir(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(root: Path, *, with_dirs: bool = False) -> dict[str, str]:
    """Every file below `root` with its sha256; SQLite's -shm and an empty -wal do not count.

    `with_dirs`: folders too (as "dir"), so a leftover empty staging folder shows."""
    found: dict[str, str] = {}
    if not root.exists():
        return found
    for path in sorted(root.rglob("*")):
        if with_dirs and path.is_dir():
            found[path.relative_to(root).as_posix()] = "dir"
            continue
        if not path.is_file() or path.name.endswith("-shm"):
            continue
        if path.name.endswith("-wal") and path.stat().st_size == 0:
            continue
        found[path.relative_to(root).as_posix()] = sha256_file(path)
    return found


def db_snapshot(data_dir: Path) -> dict[str, Any]:
    """Row counts and the database file's hash after a checkpoint, plus every other file."""
    database = data_dir / "lapor.db"
    with closing(sqlite3.connect(database)) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {
            t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED_TABLES
        }
    return {"rows": counts, "files": files_under(data_dir)}


def local_day(instant: str) -> str:
    """The office (WIB) calendar day of an ISO instant from the JSON output."""
    return datetime.fromisoformat(instant).astimezone(WIB).date().isoformat()


def deadline(detail: dict[str, Any], stage: str) -> dict[str, Any]:
    matches = [d for d in detail["deadlines"] if d["stage"] == stage]
    assert matches, f"no {stage} deadline in {[d['stage'] for d in detail['deadlines']]}"
    return matches[-1]
