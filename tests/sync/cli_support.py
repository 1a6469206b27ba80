"""`lapor-desktop` (the launcher, with the sync commands) in a real subprocess.

`python -m ui` is the console script's entry point without the window; `LAPOR_NOW` pins the
clock to the tests' FakeClock start, and the outer LAPOR_DATA_DIR never leaks in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOW = "2026-03-02T09:00+07:00"  # tests/conftest.py START
ERROR_PREFIX = "lapor-desktop: error:"
REPO = Path(__file__).resolve().parents[2]


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

    def error_line(self) -> str:
        """The one stderr line (without the prefix); asserts there is exactly one."""
        lines = self.stderr.splitlines()
        assert len(lines) == 1, self.describe()
        assert lines[0].startswith(ERROR_PREFIX + " "), self.describe()
        assert "Traceback" not in self.stderr, self.describe()
        return lines[0].removeprefix(ERROR_PREFIX).strip()


def desktop(
    *args: object,
    data_dir: Path | None = None,
    env: dict[str, str] | None = None,
    now: str = NOW,
    timeout: float = 120,
) -> Result:
    command = [sys.executable, "-m", "ui"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += [str(a) for a in args]
    environ = {k: v for k, v in os.environ.items() if k not in ("LAPOR_DATA_DIR", "LAPOR_NOW")}
    environ.update(LAPOR_NOW=now, PYTHONIOENCODING="utf-8", PYTHONPATH=str(REPO))
    environ.update(env or {})
    proc = subprocess.run(
        command,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=data_dir.parent if data_dir is not None else None,
        check=False,
    )
    return Result(command[3:], proc.returncode, proc.stdout, proc.stderr)


def desktop_here(*args: object, data_dir: Path | None = None, now: str = NOW) -> Result:
    """The same command line run in this process (the real `main`, no subprocess start-up):
    for the many CLI checks; crash tests and the E2E use real processes."""
    import contextlib
    import io

    from lapor_desktop.cli import main
    from sync.cli import COMMANDS

    argv = (["--data-dir", str(data_dir)] if data_dir is not None else []) + [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in ("LAPOR_NOW", "LAPOR_DATA_DIR")}
    os.environ["LAPOR_NOW"] = now
    os.environ.pop("LAPOR_DATA_DIR", None)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv, extra_commands=COMMANDS)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Result(argv, status, out.getvalue(), err.getvalue())
