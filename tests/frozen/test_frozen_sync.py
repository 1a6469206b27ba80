"""The PyInstaller build enrolls with the central server and syncs, as an operator does it.

Skipped unless LAPOR_FROZEN_APP names the built executable (`make build-test` sets it), like
test_frozen_app.py, whose runner this module shares. The desktop side runs only through the
frozen executable; the reference server (not part of the app) runs from the source tree in this
process, on 127.0.0.1, and a second PC enrolled with the source CLI is the witness that what
the frozen app sent arrived. What the bundle must carry for this: `requests`/`urllib3`, `gzip`
bodies both ways (a case text over GZIP_ABOVE; master data at enrollment), the chunked blob
upload, `keyring` with its backend entry points (the token file on this headless box; a
Secret Service on a private D-Bus when one is there, see secret_service.py), and `certifi`'s
CA bundle for https.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import ssl
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from server.app import create_app
from server.settings import ServerSettings
from sync.client import GZIP_ABOVE
from tests.frozen.test_frozen_app import APP, CRASH_MARKS, FROZEN_ENV, NOW, Ran, _app, _env
from tests.scenarios.outbox_files import import_here
from tests.support.fault_proxy import FaultProxy
from tests.support.live_server import LiveServer, start_live_server
from tests.sync.cli_support import desktop
from tests.sync.server_view import blob_state, server_case, server_counts

pytestmark = pytest.mark.skipif(
    not APP, reason=f"{FROZEN_ENV} is not set (build first: make build-test)"
)

PASSWORD = "rahasia-123"
# The server's clock is the desktop's pinned LAPOR_NOW: an office whose PC and server agree
# (no clock-skew warning) and whose number blocks are for the same year.
SERVER_NOW = datetime.fromisoformat(NOW).astimezone(UTC)
# Longer than GZIP_ABOVE: the push that carries it is sent gzip'd.
LONG_TEXT = " ".join(
    ["Jalan desa di Dusun Pangarangan berlubang sejak Januari dan tergenang air setiap hujan."] * 40
)
PHOTO = b"\xff\xd8\xff\xe0 foto jalan berlubang " * 500  # ~14 KB: one upload chunk


def run(
    cwd: Path, *args: object, data_dir: Path | None = None, env: dict[str, str] | None = None
) -> Ran:
    """test_frozen_app.run with extra environment (REQUESTS_CA_BUNDLE for the https test)."""
    command = [str(_app())]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += [str(a) for a in args]
    proc = subprocess.run(
        command,
        env=_env(**(env or {})),
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )
    return Ran(command[1:], proc.returncode, proc.stdout, proc.stderr)


def ok(cwd: Path, *args: object, data_dir: Path, env: dict[str, str] | None = None) -> Ran:
    result = run(cwd, *args, data_dir=data_dir, env=env)
    assert result.returncode == 0, result.describe()
    for mark in CRASH_MARKS:
        assert mark not in result.stderr, result.describe()
    return result


def ok_json(cwd: Path, *args: object, data_dir: Path) -> Any:
    return json.loads(ok(cwd, *args, "--json", data_dir=data_dir).stdout)


def failed(result: Ran) -> str:
    """The one stderr line of a failed command (status 1), without the prefix."""
    assert result.returncode == 1, result.describe()
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lapor-desktop: error: "), result.describe()
    for mark in CRASH_MARKS:
        assert mark not in result.stderr, result.describe()
    return lines[0].removeprefix("lapor-desktop: error: ")


def enroll_args(server: str, user: str = "ani") -> tuple[str, ...]:
    return ("enroll", "--server", server, "--user", user, "--password", PASSWORD)


def add_case(cwd: Path, data_dir: Path, title: str) -> dict[str, Any]:
    detail = ok_json(
        cwd,
        "case", "add",
        "--title", title,
        "--text", LONG_TEXT,
        "--channel", "walk_in",
        "--category", "Transportasi",
        "--reporter-name", "Siti Aminah",
        "--reporter-phone", "081234567890",
        data_dir=data_dir,
    )  # fmt: skip
    return dict(detail["case"])


def start_server(data_dir: Path, *, port: int = 0) -> LiveServer:
    server = start_live_server(None, data_dir, port=port, clock=lambda: SERVER_NOW)
    server.add_office("DINSOS", "Dinas Sosial", regency="Kabupaten Sumenep")
    server.add_user("ani", "DINSOS", PASSWORD, name="Ani Lestari")
    server.add_user("citra", "DINSOS", PASSWORD, name="Citra Dewi")
    return server


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("frozen-sync")


@pytest.fixture(scope="module")
def server(root: Path) -> Iterator[LiveServer]:
    live = start_server(root / "server")
    yield live
    live.stop(wait=False)


@pytest.fixture(scope="module")
def wire(server: LiveServer) -> Iterator[FaultProxy]:
    """A pass-through proxy (no faults) that counts the bytes the frozen app sends and gets."""
    port = int(server.base_url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as proxy:
        yield proxy


@pytest.fixture(scope="module")
def enrolled(root: Path, wire: FaultProxy) -> tuple[Path, Ran]:
    """A fresh data dir enrolled by the frozen app: the office profile comes from the server."""
    data = root / "pc"
    done = ok(root, *enroll_args(wire.base_url), "--json", data_dir=data)
    info = json.loads(done.stdout)
    assert info["office"] == "DINSOS" and info["initialised"] is True, info
    assert info["user"] == {"username": "ani", "name": "Ani Lestari", "role": "operator"}
    return data, done


def test_enroll_keeps_the_tokens_in_a_private_file(root: Path, enrolled: tuple[Path, Ran]) -> None:
    # No keyring backend here (keyring's `fail`; the runner's environment has no D-Bus session
    # address, so not even a desktop's Secret Service is seen): the 0600 file is the store.
    data, done = enrolled
    tokens_file = data / "sync" / "tokens.json"
    assert tokens_file.is_file(), sorted(p.name for p in data.rglob("*"))
    assert stat.S_IMODE(tokens_file.stat().st_mode) == 0o600, oct(tokens_file.stat().st_mode)
    tokens = json.loads(tokens_file.read_text(encoding="utf-8"))
    secrets = [tokens["access_token"], tokens["refresh_token"], PASSWORD]
    assert all(len(s) >= 8 for s in secrets), tokens
    # Run a sync too, so the database (and a log, if any) has had its chance to leak a token.
    ok(root, "sync", data_dir=data)
    assert not [p for p in (data / "sync").iterdir() if p.name.startswith(".tokens-")]
    for path in data.rglob("*"):  # lapor.db and its WAL, logs/, settings.json, …
        if path.is_file() and path != tokens_file:
            content = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in content, f"a secret is in {path}"
    for secret in secrets:
        assert secret not in done.stdout + done.stderr


def test_the_bundle_carries_keyrings_backends() -> None:
    """keyring finds its backends (Windows Credential Locker, macOS Keychain, Secret Service)
    through the `keyring.backends` entry points of its metadata: a bundle that lost them
    would fall back to the token file on every desk PC without a word. Each entry point
    names a module in the app's archive."""
    from PyInstaller.archive.readers import CArchiveReader  # type: ignore[import-untyped]

    internal = _app().parent / "_internal"
    infos = list(internal.glob("keyring-*.dist-info"))
    assert len(infos) == 1, f"no keyring metadata in {internal}"
    entry_points = (infos[0] / "entry_points.txt").read_text(encoding="utf-8")
    section = entry_points.split("[keyring.backends]", 1)[1].split("[", 1)[0]
    backends = {
        name.strip(): module.strip()
        for name, module in (line.split("=", 1) for line in section.splitlines() if "=" in line)
    }
    assert {"Windows", "macOS", "SecretService"} <= backends.keys(), backends
    archive = CArchiveReader(str(_app()))
    pyz = next(name for name in archive.toc if name.endswith(".pyz"))
    modules = set(archive.open_embedded_archive(pyz).toc)
    missing = {name: module for name, module in backends.items() if module not in modules}
    assert not missing, f"keyring backends not in the bundle: {missing}"


def test_a_case_with_a_note_and_a_photo_reaches_the_server(
    root: Path, server: LiveServer, wire: FaultProxy, enrolled: tuple[Path, Ran]
) -> None:
    data, _ = enrolled
    assert len(LONG_TEXT.encode()) > GZIP_ABOVE
    case = add_case(root, data, "Jalan berlubang di Desa Pangarangan")
    register_no = case["register_no"]
    # The enrollment leased a block of real numbers: not a provisional …/S-n one.
    assert register_no == "DINSOS/2026/00001", case
    ok(root, "case", "note", register_no, "--text", "Sudah dicek ke lokasi", data_dir=data)
    photo = root / "foto-jalan.jpg"
    photo.write_bytes(PHOTO)
    ok(root, "case", "attach", register_no, photo, data_dir=data)

    wire.reset_stats()
    summary = ok_json(root, "sync", data_dir=data)
    assert (summary["sent"], summary["applied"], summary["pending"]) == (3, 3, 0), summary
    assert summary["blobs"] == 1 and summary["warnings"] == [], summary
    # gzip both ways: the push carrying the long text, and the change feed bringing the case
    # back, each took fewer bytes on the wire than the text itself.
    text_bytes = len(LONG_TEXT.encode())
    assert 0 < wire.stats.for_prefix("/sync/v1/push").bytes_up < text_bytes, wire.stats
    assert 0 < wire.stats.for_prefix("/sync/v1/changes").bytes_down < text_bytes, wire.stats
    shown = ok_json(root, "case", "show", register_no, data_dir=data)
    assert shown["pending_operations"] == [], shown

    # On the server: the case with its number and full text (gzip'd on the way), the photo whole.
    held = server_case(server, case["id"])
    assert held["register_no"] == register_no and held["original_text"] == LONG_TEXT, held
    assert held["reporter"]["name"] == "Siti Aminah", held
    sha256 = hashlib.sha256(PHOTO).hexdigest()
    assert [a["sha256"] for a in held["attachments"]] == [sha256], held
    assert blob_state(server, sha256) == "complete"

    # Another PC of the office, enrolled and synced with the source CLI, lists it.
    witness = root / "witness"
    for args in (enroll_args(server.base_url, "citra"), ("sync",)):
        result = desktop(*args, data_dir=witness, now=NOW)
        assert result.returncode == 0, result.describe()
    listed = desktop("case", "list", "--json", data_dir=witness, now=NOW).json()
    assert [row["register_no"] for row in listed] == [register_no], listed
    seen = desktop("case", "show", register_no, "--json", data_dir=witness, now=NOW).json()
    assert seen["case"]["original_text"] == LONG_TEXT, seen
    kinds = [event["kind"] for event in seen["timeline"]]
    assert kinds[0] == "created" and "note" in kinds and "attachment" in kinds, kinds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_sync_while_the_server_is_down_loses_nothing(root: Path) -> None:
    port = _free_port()
    live = start_server(root / "down-server", port=port)
    data = root / "down-pc"
    try:
        ok(root, *enroll_args(live.base_url), data_dir=data)
    finally:
        live.stop()
    case = add_case(root, data, "Lampu jalan padam di Desa Kolor")

    message = failed(run(root, "sync", "--retries", 1, "--timeout", 2, data_dir=data))
    assert message.startswith(f"server {live.base_url} unreachable"), message
    listed = ok_json(root, "case", "list", data_dir=data)
    assert [(r["register_no"], r["pending_operations"]) for r in listed] == [
        (case["register_no"], 1)
    ], listed
    assert ok_json(root, "db", "check", data_dir=data)["outbox_pending"] == 1

    # The server is back (same database, same address): the change waited and now goes.
    back = start_live_server(None, root / "down-server", port=port, clock=lambda: SERVER_NOW)
    try:
        summary = ok_json(root, "sync", data_dir=data)
        assert (summary["sent"], summary["applied"], summary["pending"]) == (1, 1, 0), summary
        assert server_case(back, case["id"])["register_no"] == case["register_no"]
    finally:
        back.stop()


def test_changes_carried_by_usb_are_sealed_imported_and_synced_once(root: Path) -> None:
    # The bundle must carry `cryptography` (X25519 and AES-GCM through its OpenSSL bindings):
    # the file on the stick is sealed to the server's key, which enrollment brought.
    live = start_server(root / "usb-server")
    data = root / "usb-pc"
    try:
        ok(root, *enroll_args(live.base_url), data_dir=data)
        case = add_case(root, data, "Jembatan gantung putus di Desa Gapura")
        stick = root / "usb" / "lapor-DINSOS.lapor-outbox"
        stick.parent.mkdir()
        exported = ok_json(root, "export-outbox", stick, data_dir=data)
        assert (exported["ops"], exported["file"]) == (1, str(stick)), exported
        sealed = stick.read_bytes()
        assert b"Siti Aminah" not in sealed and b"Jembatan" not in sealed
        assert not sealed.startswith(b"PK")  # not a readable zip

        imported = import_here(live, stick)
        assert imported.returncode == 0, imported.describe()
        assert server_case(live, case["id"])["register_no"] == case["register_no"]
        before = server_counts(live)

        # Online again: the stored answer comes back, the change is sent and applied once.
        summary = ok_json(root, "sync", data_dir=data)
        assert summary["pending"] == 0 and summary["warnings"] == [], summary
        assert server_counts(live) == before
    finally:
        live.stop()


# ---------------------------------------------------------------- https: certifi's CA bundle
def _self_signed(directory: Path) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl command to make a test certificate")
    cert, key = directory / "server.pem", directory / "server.key"
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def https_server(root: Path, server: LiveServer) -> Iterator[tuple[str, Path]]:
    """The module's server database behind a second uvicorn that speaks TLS with a
    self-signed certificate (no public CA knows it, as with an office's own CA)."""
    directory = root / "tls"
    directory.mkdir(exist_ok=True)
    cert, key = _self_signed(directory)
    settings = ServerSettings(
        db_url=server.db_url, data_dir=server.data_dir, clock=lambda: SERVER_NOW
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings),
        log_level="warning",
        access_log=False,
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
    )
    tls = uvicorn.Server(config)
    thread = threading.Thread(target=tls.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not tls.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the TLS server did not start"
        time.sleep(0.01)
    # The certificate really is served (checked with this process's own ssl module).
    context = ssl.create_default_context(cafile=str(cert))
    with (
        socket.create_connection(("127.0.0.1", port)) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1"),
    ):
        pass
    yield f"https://127.0.0.1:{port}", cert
    tls.should_exit = True
    thread.join(timeout=10)


def test_https_checks_the_certificate_and_trusts_a_given_ca(
    root: Path, https_server: tuple[str, Path]
) -> None:
    url, cert = https_server
    data = root / "https-pc"
    # Verified against the bundled CA list (certifi): the self-signed certificate is refused
    # with a clear line, and nothing is set up.
    refused = failed(run(root, *enroll_args(url), "--retries", 1, "--timeout", 5, data_dir=data))
    assert refused.startswith(f"server {url}: https failed"), refused
    assert "certificate verify failed: self-signed certificate" in refused, refused
    assert "REQUESTS_CA_BUNDLE" in refused, refused  # what the office can do about it
    assert not (data / "lapor.db").exists()
    # An office with its own CA points the app at it (requests reads REQUESTS_CA_BUNDLE).
    trusted = {"REQUESTS_CA_BUNDLE": str(cert)}
    ok(root, *enroll_args(url), data_dir=data, env=trusted)
    ok(root, "sync", data_dir=data, env=trusted)
    assert stat.S_IMODE((data / "sync" / "tokens.json").stat().st_mode) == 0o600


# ---------------------------------------------------------------- keyring: a real backend
def test_with_a_secret_service_the_tokens_go_to_the_keyring(root: Path, wire: FaultProxy) -> None:
    """Where a desktop has a keyring (here a Secret Service on a private D-Bus), the frozen
    app finds keyring's backend through its entry points and keeps the tokens there: no token
    file, and the next sync logs in with what the keyring holds."""
    from tests.frozen import secret_service as fake

    why_not = fake.available()
    if why_not is not None:
        pytest.skip(f"no private Secret Service here: {why_not}")
    data = root / "keyring-pc"
    with fake.secret_service(root / "dbus") as service:
        bus = {"DBUS_SESSION_BUS_ADDRESS": service.address}
        ok(root, *enroll_args(wire.base_url), data_dir=data, env=bus)
        assert not (data / "sync" / "tokens.json").exists()
        [item] = service.items.values()
        assert item.attributes["service"] == "lapor-desktop-sync", item
        assert item.attributes["username"] == str(data.resolve()), item
        tokens = json.loads(item.secret)
        ok(root, "sync", data_dir=data, env=bus)
        assert "GetSecret" in service.calls, service.calls
    for path in data.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in (tokens["access_token"], tokens["refresh_token"]):
                assert secret.encode() not in content, f"a token is in {path}"
