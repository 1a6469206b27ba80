"""Two offices and the central server, all real processes (DESIGN §8 command lines).

`lapor-server` on PostgreSQL (init, two offices, two users, serve on a free port); two data
dirs driven by `lapor-desktop`: DINSOS registers a road complaint and disposes it to DPU; DPU
receives it, records a follow-up and the answer; DINSOS sees the new status and may no longer
act on the case (a read-only, monitored copy).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.support.live_server import drop_postgres_schema, postgres_url_for_test
from tests.sync.cli_support import REPO, Result, desktop

PASSWORD = "rahasia-123"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    try:
        url = postgres_url_for_test(request.node.name)
    except Exception as error:  # psycopg.OperationalError and friends: no PostgreSQL here
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    yield url
    drop_postgres_schema(url)


def _server(*args: str, url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "server.cli", "--db", url, "--data-dir", str(data_dir)]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=REPO, timeout=120, check=False
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[str]:
    data_dir = tmp_path / "server"
    _server("init", url=database_url, data_dir=data_dir)
    _server("add-office", "DINSOS", "Dinas Sosial", url=database_url, data_dir=data_dir)
    _server("add-office", "DPU", "Dinas Pekerjaan Umum", url=database_url, data_dir=data_dir)
    for user, office in (("a", "DINSOS"), ("b", "DPU")):
        _server(
            "add-user", user, "--office", office, "--password", PASSWORD,
            url=database_url, data_dir=data_dir,
        )  # fmt: skip
    port = _free_port()
    command = [sys.executable, "-m", "server.cli", "--db", database_url]
    command += ["--data-dir", str(data_dir), "serve", "--port", str(port)]
    proc = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{base}/openapi.json", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"lapor-server did not start: {proc.stderr}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ok(result: Result) -> Result:
    assert result.returncode == 0, result.describe()
    assert "Traceback" not in result.stderr, result.describe()
    return result


def test_a_road_complaint_travels_from_dinsos_to_dpu_and_back(server: str, tmp_path: Path) -> None:
    a, b = tmp_path / "dinsos", tmp_path / "dpu"
    ok(desktop("enroll", "--server", server, "--user", "a", "--password", PASSWORD, data_dir=a))
    ok(desktop("enroll", "--server", server, "--user", "b", "--password", PASSWORD, data_dir=b))

    added = ok(
        desktop(
            "case", "add", "--title", "Jalan rusak di Desa Kolor",
            "--text", "Jalan kabupaten di Desa Kolor rusak berat, banyak pengendara jatuh.",
            "--channel", "walk_in", "--category", "Transportasi", "--json",
            data_dir=a,
        )
    ).json()  # fmt: skip
    register_no = added["case"]["register_no"]
    ok(
        desktop(
            "case",
            "dispose",
            register_no,
            "--to-office",
            "DPU",
            "--note",
            "Kewenangan DPU",
            data_dir=a,
        )
    )
    ok(desktop("sync", data_dir=a))
    ok(desktop("sync", data_dir=b))

    seen = ok(desktop("case", "show", register_no, "--json", data_dir=b)).json()
    assert seen["case"]["holder_office"] == "DPU" and seen["can_act"] is True
    assert seen["case"]["title"] == "Jalan rusak di Desa Kolor"
    ok(desktop("case", "follow-up", register_no, "--text", "Survei lokasi Kamis", data_dir=b))
    ok(desktop("case", "answer", register_no, "--text", "Perbaikan dijadwalkan Mei", data_dir=b))
    done_b = ok(desktop("sync", "--json", data_dir=b)).json()
    assert (done_b["sent"], done_b["applied"], done_b["pending"]) == (2, 2, 0)
    ok(desktop("sync", data_dir=a))

    monitored = ok(desktop("case", "show", register_no, "--json", data_dir=a)).json()
    assert monitored["case"]["status"] == "AWAITING_REPORTER"
    assert monitored["case"]["holder_office"] == "DPU" and monitored["can_act"] is False
    kinds = [e["kind"] for e in monitored["timeline"]]
    assert kinds[:2] == ["created", "disposed"] and "follow_up" in kinds

    refused = desktop("case", "follow-up", register_no, "--text", "Kami tindak lanjuti", data_dir=a)
    assert refused.returncode == 2, refused.describe()
    assert "can only monitor it" in refused.error_line()
    # Nothing was queued by the refused action: the next sync has nothing to send.
    assert ok(desktop("sync", "--json", data_dir=a)).json()["sent"] == 0
