"""What the operator reads when the server cannot be reached, and what is not retried.

Real sockets on 127.0.0.1: a port nobody listens on, and a TLS listener with a self-signed
certificate (made by the openssl command), which no CA the client trusts has signed.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapor_desktop.domain.ops import iso
from sync import protocol as p
from sync.errors import Unreachable
from tests.conftest import FakeClock
from tests.sync.conftest import Desk, client_for

# A client that gets through to the listener hears this, and retries.
BUSY = b"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def _read_request(connection: socket.socket) -> bytes:
    """One whole HTTP request (head and Content-Length body): answered before the client
    finished sending, the client may see a reset instead of the answer."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _hello(base_url: str, desk: Desk, clock: FakeClock) -> None:
    client = client_for(desk("a"), base_url)  # 3 attempts, short delays
    try:
        client.hello(
            p.HelloRequest(protocols=[1], app="lapor-desktop/0.1.0", client_time=iso(clock()))
        )
    finally:
        client.close()


def test_a_refused_connection_is_named_in_plain_words(desk: Desk, fake_clock: FakeClock) -> None:
    with pytest.raises(Unreachable) as raised:
        _hello(f"http://127.0.0.1:{_free_port()}", desk, fake_clock)
    message = str(raised.value)
    assert "Connection refused" in message
    # Not urllib3's wrapping, which used to fill the line and cut the reason off.
    assert "object at 0x" not in message and "Max retries" not in message


@pytest.fixture
def untrusted_tls(tmp_path: Path) -> Iterator[tuple[str, list[int]]]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl command to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[int] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return  # closed: the test is over
            accepted.append(1)
            try:
                # A client that trusts the certificate (REQUESTS_CA_BUNDLE) hears a 503.
                with context.wrap_socket(connection, server_side=True) as tls:
                    _read_request(tls)
                    tls.sendall(BUSY)
            except (ssl.SSLError, OSError):
                connection.close()  # the client refused our certificate, as it must

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{listener.getsockname()[1]}", accepted
    listener.close()
    thread.join(5)


def test_an_untrusted_certificate_fails_at_once_and_says_what_to_do(
    desk: Desk, fake_clock: FakeClock, untrusted_tls: tuple[str, list[int]]
) -> None:
    base_url, accepted = untrusted_tls
    with pytest.raises(Unreachable) as raised:
        _hello(base_url, desk, fake_clock)
    message = str(raised.value)
    assert "certificate verify failed: self-signed certificate" in message
    assert "REQUESTS_CA_BUNDLE" in message
    # Tried once: the retry policy allows 3 attempts, but a certificate does not heal.
    assert len(accepted) == 1


def test_the_ca_bundle_named_in_the_environment_is_trusted(
    desk: Desk,
    fake_clock: FakeClock,
    untrusted_tls: tuple[str, list[int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the message above tells an office with its own CA to do works: the client reads
    REQUESTS_CA_BUNDLE (once, when it is made, not through requests on every call)."""
    base_url, accepted = untrusted_tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "cert.pem"))
    with pytest.raises(Unreachable) as raised:
        _hello(base_url, desk, fake_clock)
    assert "HTTP 503" in str(raised.value)  # the handshake passed, the request was answered
    assert len(accepted) == 3  # and retried, as a 503 is


def test_the_proxy_named_in_the_environment_carries_the_requests(
    desk: Desk, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An office behind a proxy sets HTTP_PROXY (and NO_PROXY for what bypasses it)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    asked: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                asked.append(_read_request(connection).split(b"\r\n", 1)[0])
                connection.sendall(BUSY)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    proxy = f"http://127.0.0.1:{listener.getsockname()[1]}"
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.setenv("http_proxy", proxy)
    monkeypatch.setenv("NO_PROXY", "bypassed.invalid,127.0.0.1")
    monkeypatch.setenv("no_proxy", "bypassed.invalid,127.0.0.1")
    try:
        with pytest.raises(Unreachable) as raised:
            _hello("http://lapor.example.invalid:8080", desk, fake_clock)
        assert "HTTP 503" in str(raised.value)
        assert asked == [b"POST http://lapor.example.invalid:8080/sync/v1/hello HTTP/1.1"] * 3
        asked.clear()
        with pytest.raises(Unreachable):
            _hello("http://bypassed.invalid:8080", desk, fake_clock)
        assert asked == []  # resolved directly (and not found), never sent to the proxy
    finally:
        listener.close()
        thread.join(5)
