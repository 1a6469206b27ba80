"""The PyInstaller build (build.spec) run as a user runs it: commands, a letter PDF, the window.

Skipped unless LAPOR_FROZEN_APP names the built executable (`make build-test` sets it), so the
normal suite never needs a 5-minute build. Everything the bundle must carry is used here: the
resources (categories, SLA rules, demo corpus, fonts, translations), the Alembic migration
scripts, the `holidays` catalogues, the Qt platform plugin. The executable runs from a temp dir
with a clean environment, so nothing can come from the checkout or the venv.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.cli.test_cli_letters import FULL_OFFICE

FROZEN_ENV = "LAPOR_FROZEN_APP"
APP = os.environ.get(FROZEN_ENV, "")
NOW = "2026-03-05T10:00+07:00"  # a Thursday, as in tests/cli/test_cli_letters.py
READY_SECONDS = 60.0  # a loaded 2-core machine starts the window slowly
SETTLE_SECONDS = 5.0
CRASH_MARKS = ("Traceback", "please report it", "qt.qpa.plugin: Could not")

pytestmark = pytest.mark.skipif(
    not APP, reason=f"{FROZEN_ENV} is not set (build first: make build-test)"
)


@dataclass(frozen=True)
class Ran:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return f"{self.args!r} -> {self.returncode}\nstdout: {self.stdout}\nstderr: {self.stderr}"


def _env(**extra: str) -> dict[str, str]:
    # Only what a desktop session has: no venv, no PYTHONPATH, no data dir from outside.
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "XDG_RUNTIME_DIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env["LAPOR_NOW"] = NOW
    env.update(extra)
    return env


def _app() -> Path:
    path = Path(APP).resolve()
    assert path.is_file() and os.access(path, os.X_OK), f"{FROZEN_ENV}={APP} is not an executable"
    return path


def run(cwd: Path, *args: object, data_dir: Path | None = None) -> Ran:
    command = [str(_app())]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += [str(a) for a in args]
    proc = subprocess.run(
        command,
        env=_env(),
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )
    return Ran(command[1:], proc.returncode, proc.stdout, proc.stderr)


def ok(cwd: Path, *args: object, data_dir: Path | None = None) -> Ran:
    result = run(cwd, *args, data_dir=data_dir)
    assert result.returncode == 0, result.describe()
    for mark in CRASH_MARKS:
        assert mark not in result.stderr, result.describe()
    return result


def ok_json(cwd: Path, *args: object, data_dir: Path) -> Any:
    return json.loads(ok(cwd, *args, "--json", data_dir=data_dir).stdout)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("frozen")


@pytest.fixture(scope="module")
def office(root: Path) -> Path:
    """A data dir set up with a full office (letterhead, head of office, units)."""
    data = root / "office"
    made = ok_json(root, "init", *FULL_OFFICE, data_dir=data)
    assert made["office"]["code"] == "DINSOS"
    assert made["office"]["units"] == ["Bidang Linjamsos", "Bidang Rehabilitasi Sosial"]
    assert (data / "lapor.db").is_file()
    return data


@pytest.fixture(scope="module")
def case(root: Path, office: Path) -> dict[str, Any]:
    detail = ok_json(
        root,
        "case", "add",
        "--title", "Jalan berlubang di Desa Pangarangan",
        "--text", "Jalan desa berlubang sejak Januari, membahayakan pengendara motor.",
        "--channel", "walk_in",
        "--category", "Transportasi",
        "--reporter-name", "Siti Aminah",
        "--reporter-phone", "081234567890",
        data_dir=office,
    )  # fmt: skip
    assert detail["case"]["register_no"] == "DINSOS/2026/00001"
    # The SLA rules and the category tree came out of the bundle's resources/.
    assert {d["stage"] for d in detail["deadlines"]} >= {"verification", "resolution"}
    return dict(detail["case"])


def test_help_lists_every_command(root: Path) -> None:
    usage = ok(root, "--help").stdout
    # `enroll` and `sync` come from the launcher (sync package), the rest from the core CLI.
    for command in (
        "init",
        "demo",
        "case",
        "letter",
        "db",
        "backup",
        "enroll",
        "sync",
        "report",
        "export-outbox",
    ):
        assert command in usage, usage


def test_bad_command_is_a_usage_error(root: Path) -> None:
    result = run(root, "no-such-command")
    assert result.returncode == 2, result.describe()
    assert result.stderr.startswith("lapor-desktop: error:"), result.describe()
    assert "Traceback" not in result.stderr, result.describe()


def test_case_list_shows_the_new_case(root: Path, office: Path, case: dict[str, Any]) -> None:
    listed = ok_json(root, "case", "list", data_dir=office)
    assert [row["register_no"] for row in listed] == [case["register_no"]]
    assert listed[0]["reporter"] == "Siti Aminah"


def test_holidays_come_in_indonesian(root: Path, office: Path) -> None:
    # The `holidays` package names them through its gettext catalogues (locale/id/…/ID.mo).
    days = ok_json(root, "holiday", "list", "--year", "2026", data_dir=office)
    names = {d["name"] for d in days}
    assert "Tahun Baru Masehi" in names, names
    assert any(d["kind"] == "cuti_bersama" for d in days), days


def test_letter_pdf_has_the_letterhead_in_dejavu(
    root: Path, office: Path, case: dict[str, Any]
) -> None:
    out = root / "tanda-terima.pdf"
    issued = ok_json(
        root, "letter", case["register_no"], "--kind", "tanda-terima", "-o", out, data_dir=office
    )
    assert out.is_file() and out.stat().st_size == issued["size"]
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for expected in ("PEMERINTAH KABUPATEN SUMENEP", "TANDA TERIMA", case["register_no"]):
        assert expected in text, text
    assert issued["number"] in text, text
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        page_fonts = resources.get("/Font")
        if page_fonts is not None:
            fonts |= {str(f.get_object()["/BaseFont"]) for f in page_fonts.get_object().values()}
    # The bundled DejaVu Serif, embedded as a subset ("ABCDEF+DejaVuSerif"), never Helvetica.
    assert fonts and all("DejaVuSerif" in f for f in fonts), fonts


def test_db_check_is_clean_and_migrated(root: Path, office: Path, case: dict[str, Any]) -> None:
    report = ok_json(root, "db", "check", data_dir=office)
    assert report["ok"] is True and report["integrity"] == "ok", report
    assert report["cases"] == 1
    # Alembic ran the migration scripts that travelled as files, up to the newest one shipped.
    # (The bundle's own copy, not the checkout's: a tree shared with others may be ahead of it.)
    versions = _app().parent / "_internal/lapor_desktop/storage/migrations/versions"
    shipped = sorted(p.name.split("_", 1)[0] for p in versions.glob("[0-9]*_*.py"))
    assert shipped and shipped[0] == "0001", f"no migration scripts in {versions}"
    assert report["schema_revision"] == shipped[-1], report


def test_backup_restores_into_a_new_dir(root: Path, office: Path, case: dict[str, Any]) -> None:
    # Only the round trip: the backup file's format is the backup feature's business.
    target = root / "cadangan.zip"
    ok(root, "backup", target, data_dir=office)
    assert target.is_file() and target.stat().st_size > 0
    restored = root / "restored"
    ok(root, "restore", target, data_dir=restored)
    listed = ok_json(root, "case", "list", data_dir=restored)
    assert [row["id"] for row in listed] == [case["id"]]


def test_enroll_to_a_dead_server_is_a_clear_error(root: Path, office: Path) -> None:
    # The sync half of the bundle (requests, urllib3, ssl) loads and fails as a user sees it.
    # Port 9 (discard) has no listener here; enrolling with a live server is test_frozen_sync.
    result = run(
        root,
        "enroll", "--server", "https://127.0.0.1:9", "--user", "u", "--password", "p",
        "--retries", 1, "--timeout", 2,
        data_dir=office,
    )  # fmt: skip
    assert result.returncode == 1, result.describe()
    assert result.stderr.startswith("lapor-desktop: error: server https://127.0.0.1:9 unreachable")
    assert "Connection refused" in result.stderr, result.describe()
    for mark in CRASH_MARKS:
        assert mark not in result.stderr, result.describe()


def test_demo_fills_another_dir(root: Path) -> None:
    demo = root / "demo"
    ok(root, "demo", "--cases", 50, data_dir=demo)
    queues = ok_json(root, "queues", data_dir=demo)
    assert queues["all"] == 50, queues
    assert ok_json(root, "db", "check", data_dir=demo)["ok"] is True


def test_bundle_carries_the_window_translations() -> None:
    # The window falls back to English without a word when a catalogue is missing, so the
    # offscreen run cannot tell; load the bundle's own files with Qt instead.
    from PySide6.QtCore import QTranslator

    internal = _app().parent / "_internal"
    for language in ("id", "en"):
        catalogue = internal / "resources" / "translations" / f"lapor_{language}.qm"
        translator = QTranslator()
        assert translator.load(str(catalogue)), f"not a Qt catalogue: {catalogue}"
        assert not translator.isEmpty(), catalogue
    # Qt's own strings (dialog buttons), found by ui.i18n through QLibraryInfo in the bundle.
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_en.qm").is_file()


def _window_survives(root: Path, data: Path, name: str, ready: Path | None = None) -> None:
    """The window has no quit-after-start switch: start it offscreen, wait for `ready` (a file
    it writes once started, if any), let it run SETTLE_SECONDS more (the staged setup after the
    first paint), check it is still running with no traceback, then terminate it."""
    stderr_path = root / f"{name}.stderr"
    with stderr_path.open("w", encoding="utf-8") as stderr:
        proc = subprocess.Popen(
            [str(_app()), "--data-dir", str(data)],
            env=_env(QT_QPA_PLATFORM="offscreen"),
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + READY_SECONDS
            while ready is not None and not ready.exists() and time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
            time.sleep(SETTLE_SECONDS)
            alive = proc.poll() is None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=20)
    errors = stderr_path.read_text(encoding="utf-8")
    assert alive, f"the window exited with {proc.returncode}:\n{errors}"
    for mark in CRASH_MARKS:
        assert mark not in errors, errors
    if ready is not None:
        assert ready.exists(), f"no {ready} within {READY_SECONDS} s:\n{errors}"


def test_main_window_opens_offscreen_and_quits_cleanly(
    root: Path, office: Path, case: dict[str, Any]
) -> None:
    """LAPOR_QUIT_WHEN_READY (ui/app.py): the window quits by itself once everything after the
    first paint is built and loaded, and logs what it showed: a clean exit, the case listed,
    the Indonesian menus (the bundle's catalogue really installed)."""
    done = subprocess.run(
        [str(_app()), "--data-dir", str(office)],
        env=_env(QT_QPA_PLATFORM="offscreen", LAPOR_QUIT_WHEN_READY="1"),
        cwd=root,
        capture_output=True,
        text=True,
        timeout=READY_SECONDS * 2,
        check=False,
    )
    log = (office / "logs" / "lapor-desktop.log").read_text(encoding="utf-8")
    assert done.returncode == 0, done.stderr
    for mark in CRASH_MARKS:
        assert mark not in done.stderr + log, done.stderr + log
    ready = re.search(r"window ready: (\d+) cases listed, (\d+) counted", log)
    assert ready is not None and int(ready[1]) >= 1 and ready[1] == ready[2], log
    assert "menus Berkas, Pengaduan" in log, log


def test_first_run_wizard_opens_on_a_fresh_pc(root: Path) -> None:
    fresh = root / "fresh"
    _window_survives(root, fresh, "first-run")
    assert not (fresh / "lapor.db").exists()  # the wizard waits for the operator
