"""`lapor-desktop enroll` and `lapor-desktop sync` as an operator's script runs them."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.live_server import LiveServer
from tests.sync.cli_support import REPO, desktop, desktop_here
from tests.sync.conftest import PASSWORD

CASE = (
    "case",
    "add",
    "--title",
    "Bantuan PKH belum cair",
    "--text",
    "Bantuan PKH bulan Februari belum diterima.",
    "--channel",
    "whatsapp",
    "--category",
    "Bantuan Sosial",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def login(server: str, user: str = "ani", password: str = PASSWORD) -> tuple[str, ...]:
    return ("enroll", "--server", server, "--user", user, "--password", password)


INIT = ("init", "--office-code", "DINSOS", "--office-name", "Dinas Sosial")
INIT += ("--regency", "Kabupaten Sumenep")


def test_enroll_then_sync_with_the_summary_and_exit_codes(
    offices: LiveServer, tmp_path: Path
) -> None:
    data = tmp_path / "a"
    enrolled = desktop_here(*login(offices.base_url), "--json", data_dir=data)
    assert enrolled.returncode == 0, enrolled.describe()
    info = enrolled.json()
    assert info["office"] == "DINSOS" and info["initialised"] is True
    assert info["user"] == {"username": "ani", "name": "Ani Lestari", "role": "operator"}

    assert desktop_here(*CASE, data_dir=data).returncode == 0
    # Global options after the command are accepted too.
    first = desktop_here("sync", "--data-dir", str(data), "--json")
    assert first.returncode == 0, first.describe()
    summary = first.json()
    assert (summary["sent"], summary["applied"], summary["pending"]) == (1, 1, 0)
    assert summary["needs_attention"] == []

    again = desktop_here("sync", data_dir=data)
    assert again.returncode == 0, again.describe()
    assert again.stdout.startswith("Sinkronisasi: terkirim 0, diterapkan 0, konflik 0, ditolak 0")


def test_a_rejected_op_is_listed_and_the_run_still_counts_as_complete(
    offices: LiveServer, tmp_path: Path
) -> None:
    data = tmp_path / "a"
    assert desktop_here(*login(offices.base_url), data_dir=data).returncode == 0
    assert desktop_here(*CASE, data_dir=data).returncode == 0
    assert desktop_here("sync", data_dir=data).returncode == 0
    # An old copy of the data dir (a restored backup) makes ops with sequences already used.
    restored = tmp_path / "restored"
    shutil.copytree(data, restored)
    assert desktop_here(*CASE, data_dir=data).returncode == 0
    assert desktop_here("sync", data_dir=data).returncode == 0
    assert desktop_here(*CASE, "--summary", "dari salinan", data_dir=restored).returncode == 0

    result = desktop_here("sync", data_dir=restored)
    assert result.returncode == 0, result.describe()
    lines = result.stdout.splitlines()
    assert "ditolak 1" in lines[0]
    listed = [line.strip() for line in lines if line.strip().startswith("DITOLAK")]
    assert len(listed) == 1 and "case.create" in listed[0], lines
    # The rejected case is kept (marked), and the server's case with its number arrived.
    shown = desktop_here("case", "list", "--json", data_dir=restored)
    numbers = sorted(c["register_no"] for c in shown.json())
    assert len(numbers) == 3 and any("/DUPLIKAT-" in n for n in numbers), numbers


def test_network_login_and_input_failures_give_one_line_and_the_right_status(
    offices: LiveServer, tmp_path: Path
) -> None:
    data = tmp_path / "a"
    wrong = desktop_here(*login(offices.base_url, password="salah"), data_dir=data)
    assert wrong.returncode == 1 and "refused the login" in wrong.error_line()
    assert not (data / "lapor.db").exists()

    dead = f"http://127.0.0.1:{_free_port()}"
    down = desktop_here(*login(dead), "--retries", "1", data_dir=data)
    assert down.returncode == 1 and "unreachable" in down.error_line()
    bad_url = desktop_here(*login("lapor.kab.go.id"), data_dir=data)
    assert bad_url.returncode == 2 and "http://" in bad_url.error_line()
    missing = desktop_here("enroll", "--server", offices.base_url, data_dir=data)
    assert missing.returncode == 2 and "--user" in missing.error_line()

    other = tmp_path / "other"
    assert desktop_here(*INIT, data_dir=other).returncode == 0
    not_enrolled = desktop_here("sync", data_dir=other)
    assert not_enrolled.returncode == 1 and "not enrolled" in not_enrolled.error_line()
    mismatch = desktop_here(*login(offices.base_url, "budi"), data_dir=other)
    assert mismatch.returncode == 2 and "belongs to office DINSOS" in mismatch.error_line()

    assert desktop_here(*login(offices.base_url), data_dir=data).returncode == 0
    assert desktop_here(*CASE, data_dir=data).returncode == 0
    unreachable = desktop_here("sync", "--server", dead, "--retries", "1", data_dir=data)
    assert unreachable.returncode == 1 and "unreachable" in unreachable.error_line()
    assert desktop_here("sync", "--retries", "0", data_dir=data).returncode == 2
    # The failed run kept the op; the stored server (not the dead one) is used next time.
    finished = desktop_here("sync", "--json", data_dir=data)
    assert finished.returncode == 0, finished.describe()
    assert finished.json()["sent"] == 1


HEAVY = "{'requests', 'pydantic', 'sqlalchemy'}"
PROBE = f"import sys, ui.launcher; print(sorted({HEAVY} & set(sys.modules)))"


def test_help_lists_the_sync_commands_without_loading_the_network_stack() -> None:
    shown = desktop("--help")
    assert shown.returncode == 0 and "enroll" in shown.stdout and "sync" in shown.stdout
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert probe.stdout.strip() == "[]"


def test_a_deferred_op_keeps_the_rest_waiting_and_the_exit_status_says_so(
    offices: LiveServer, tmp_path: Path
) -> None:
    data = tmp_path / "a"
    assert desktop_here(*login(offices.base_url), data_dir=data).returncode == 0
    added = desktop_here(*CASE, "--json", data_dir=data)
    case_id = added.json()["case"]["id"]
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg " * 100)
    assert desktop_here("case", "attach", case_id, str(photo), data_dir=data).returncode == 0
    assert (
        desktop_here(
            "case", "note", case_id, "--text", "Sesudah lampiran", data_dir=data
        ).returncode
        == 0
    )
    blob = next(p for p in (data / "blobs").rglob("*") if p.is_file())
    kept = blob.read_bytes()
    blob.unlink()  # the file went missing before it was uploaded

    waiting = desktop_here("sync", data_dir=data)
    assert waiting.returncode == 1
    assert "2 change(s) still waiting" in waiting.error_line()
    assert "missing on this PC" in waiting.stdout

    blob.write_bytes(kept)  # found again: the next run sends everything, in order
    done = desktop_here("sync", "--json", data_dir=data)
    assert done.returncode == 0, done.describe()
    assert (done.json()["applied"], done.json()["pending"]) == (2, 0)


def test_a_second_sync_on_a_busy_data_dir_says_so(offices: LiveServer, tmp_path: Path) -> None:
    from sync.lock import SyncLock

    data = tmp_path / "a"
    assert desktop_here(*login(offices.base_url), data_dir=data).returncode == 0
    assert desktop_here(*CASE, data_dir=data).returncode == 0
    with SyncLock(data):  # as another lapor-desktop process holding this data dir's sync
        busy = desktop_here("sync", data_dir=data)
    assert busy.returncode == 1 and "already running" in busy.error_line()
    assert desktop_here("sync", "--json", data_dir=data).json()["sent"] == 1


def test_the_password_comes_from_a_file_or_standard_input_never_only_the_command_line(
    offices: LiveServer, tmp_path: Path, monkeypatch
) -> None:
    import io

    base = ("enroll", "--server", offices.base_url, "--user", "ani")
    missing_file = desktop_here(
        *base, "--password-file", tmp_path / "nope", data_dir=tmp_path / "a"
    )
    assert missing_file.returncode == 2 and "password file" in missing_file.error_line()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    empty = desktop_here(*base, data_dir=tmp_path / "a")
    assert empty.returncode == 2 and "no password given" in empty.error_line()
    assert not (tmp_path / "a" / "lapor.db").exists()
    both = desktop_here(*base, "--password", "x", "--password-file", "f", data_dir=tmp_path / "a")
    assert both.returncode == 2

    secret = tmp_path / "secret.txt"
    secret.write_text(f"{PASSWORD}\nsecond line ignored\n", encoding="utf-8")
    from_file = desktop_here(*base, "--password-file", secret, data_dir=tmp_path / "a")
    assert from_file.returncode == 0, from_file.describe()

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    piped = desktop_here(*base, data_dir=tmp_path / "b")
    assert piped.returncode == 0, piped.describe()
    monkeypatch.setattr("sys.stdin", io.StringIO("salah\n"))
    wrong = desktop_here(*base, data_dir=tmp_path / "c")
    assert wrong.returncode == 1 and "refused the login" in wrong.error_line()
