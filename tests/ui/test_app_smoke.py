"""The app as `make run` starts it: a real process opens the window offscreen on a data dir,
builds everything after the first paint, lists the cases, and exits cleanly by itself
(LAPOR_QUIT_WHEN_READY), in the language the settings ask for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.cli_support import add_case, ok

pytestmark = pytest.mark.timeout(180)


def _run_window(data: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LAPOR_QUIT_WHEN_READY": "1"}
    env.pop("LAPOR_NOW", None)
    done = subprocess.run(
        [sys.executable, "-m", "ui", "--data-dir", str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=150,
        check=False,
    )
    log = data / "logs" / "lapor-desktop.log"
    return done, log.read_text(encoding="utf-8") if log.exists() else ""


def test_the_window_opens_lists_the_cases_and_quits_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok("init", "--office-code", "DINSOS", "--office-name", "Dinas Sosial",
       "--regency", "Kabupaten Sumenep", data_dir=data)  # fmt: skip
    for n in range(3):
        add_case(data, "--reporter-name", f"Pelapor {n}")
    done, log = _run_window(data)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + log
    assert "window ready: 3 cases listed, 3 counted" in log, log
    # Bahasa Indonesia by default: the menu titles are translated.
    assert "menus Berkas, Pengaduan" in log, log


def test_english_from_the_settings(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok("init", "--office-code", "DINSOS", "--office-name", "Dinas Sosial",
       "--regency", "Kabupaten Sumenep", data_dir=data)  # fmt: skip
    (data / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    done, log = _run_window(data)
    assert done.returncode == 0, done.stderr
    assert "window ready: 0 cases listed, 0 counted, menus File, Case" in log, log
