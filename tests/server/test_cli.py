"""`lapor-server` in a subprocess: set-up commands, serve, and bad input."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from server.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(
    data_dir: Path, *args: str, db: str | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LAPOR_SERVER_DATA_DIR": str(data_dir)}
    env.pop("LAPOR_SERVER_DB", None)
    command = [sys.executable, "-m", "server.cli", *(["--db", db] if db else []), *args]
    return subprocess.run(
        command, cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=60
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_init_add_office_add_user_and_serve_in_a_subprocess(tmp_path: Path) -> None:
    data = tmp_path / "server"
    assert run(data, "init").returncode == 0
    assert (data / "server.db").is_file()
    office = run(data, "add-office", "DINSOS", "Dinas Sosial", "--regency", "Kabupaten Sumenep")
    assert office.returncode == 0, office.stderr
    # The password is piped (never on the command line); an empty pipe adds nobody.
    nobody = run(data, "add-user", "ani", "--office", "DINSOS", "--name", "Ani")
    assert nobody.returncode == 2 and "no password given" in nobody.stderr
    added = run(
        data, "add-user", "ani", "--office", "DINSOS", "--name", "Ani", stdin="rahasia-123\n"
    )
    assert added.returncode == 0, added.stderr

    port = free_port()
    env = {**os.environ, "LAPOR_SERVER_DATA_DIR": str(data)}
    env.pop("LAPOR_SERVER_DB", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                spec = requests.get(base + "/openapi.json", timeout=5)
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert spec.status_code == 200
        assert "/sync/v1/enroll" in spec.json()["paths"]
        enrolled = requests.post(
            base + "/sync/v1/enroll",
            json={"username": "ani", "password": "rahasia-123", "device_id": "laptop-1"},
            timeout=30,
        )
        assert enrolled.status_code == 200
        assert enrolled.json()["user"]["name"] == "Ani"
    finally:
        process.terminate()
        assert process.wait(timeout=30) is not None


def main_of(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The same `main()` the entry point runs, in this process (fast) for the many cases."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_setup_commands_on_each_backend(
    tmp_path: Path,
    server_db_url: str | None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LAPOR_SERVER_DATA_DIR", str(tmp_path / "server"))
    if server_db_url:
        monkeypatch.setenv("LAPOR_SERVER_DB", server_db_url)  # the URL from the environment
    else:
        monkeypatch.delenv("LAPOR_SERVER_DB", raising=False)
    assert main_of(capsys, "init")[0] == 0
    code, out, _ = main_of(capsys, "init")
    assert code == 0 and "already" in out  # idempotent
    assert main_of(capsys, "add-office", "DINSOS", "Dinas Sosial", "--unit-code", "460")[0] == 0
    assert (
        main_of(capsys, "add-user", "ani", "--office", "dinsos", "--password", "rahasia-123")[0]
        == 0
    )
    code, _, err = main_of(
        capsys, "add-user", "ani", "--office", "DINSOS", "--password", "rahasia-123"
    )
    assert code == 2 and "already exists" in err
    code, _, err = main_of(capsys, "revoke-device", "nope")
    assert code == 2 and err.count("\n") == 1


def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAPOR_SERVER_DATA_DIR", str(tmp_path / "server"))
    monkeypatch.delenv("LAPOR_SERVER_DB", raising=False)
    code, _, err = main_of(capsys, "add-office", "DINSOS", "Dinas Sosial")
    assert code == 2 and "init" in err
    assert main_of(capsys, "init")[0] == 0
    assert main_of(capsys, "add-office", "DINSOS", "Dinas Sosial")[0] == 0
    cases = [
        ("add-office", "bad code!", "Dinas"),
        ("add-office", "DINSOS", "Dinas Sosial"),
        ("add-office", "DISDIK", "Dinas", "--timezone", "Mars/Olympus"),
        ("add-user", "ani", "--office", "NOPE", "--password", "rahasia-123"),
        ("add-user", "ani", "--office", "DINSOS", "--password", "short"),
        ("add-user", "ani", "--office", "DINSOS", "--password", "rahasia-123", "--role", "king"),
        ("add-user", "ani", "--password", "rahasia-123"),
        ("add-user", "ani", "--office", "DINSOS", "--password-file", str(tmp_path / "none")),
        ("revoke-device", "unknown-device"),
        ("frobnicate",),
        ("--db", "mysql://nowhere/db", "init"),
        ("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "init"),
    ]
    for args in cases:
        try:
            code, _out, err = main_of(capsys, *args)
        except SystemExit as stop:  # argparse's own refusals
            code, err = int(stop.code or 0), capsys.readouterr().err
        assert code == 2, (args, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, (args, err)
