"""The fault proxy against a tiny upstream of our own: each fault seen from both ends."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from tests.support.fault_proxy import (
    FaultProxy,
    cut_request,
    cut_response,
    delay,
    drop_response,
    duplicate_request,
    reset,
    stall_response,
    trickle_response,
)

PUSH = "/sync/v1/push"


class Upstream(ThreadingHTTPServer):
    """Counts what it handled, per path; `done` is set when a response was fully written."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.handled: Counter[str] = Counter()
        self.bodies: list[bytes] = []
        self.lock = threading.Lock()
        self.done = threading.Event()

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn
    server: Upstream

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet tests

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        size = int(parse_qs(url.query).get("n", ["100"])[0])
        body = bytes(ord("a") + i % 26 for i in range(size))
        self._count(url.path, b"")
        if url.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, size, 1000):
                piece = body[start : start + 1000]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self._reply(body, "application/octet-stream")

    def do_HEAD(self) -> None:
        self._count(urlsplit(self.path).path, b"")
        self.send_response(200)
        self.send_header("Content-Length", "12345")  # a HEAD answer has a length, no body
        self.end_headers()

    def do_POST(self) -> None:
        if "chunked" in self.headers.get("Transfer-Encoding", ""):
            body = b""
            while size := int(self.rfile.readline().split(b";")[0], 16):
                body += self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
        else:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            if len(body) < length:  # the client went away mid-body: nothing to handle
                self.close_connection = True
                return
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        count = self._count(urlsplit(self.path).path, body)
        self._reply(
            json.dumps({"handled": count, "length": len(body)}).encode(), "application/json"
        )

    def _count(self, path: str, body: bytes) -> int:
        with self.server.lock:
            self.server.handled[path] += 1
            self.server.bodies.append(body)
            return self.server.handled[path]

    def _reply(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.server.done.set()


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    server = Upstream()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def proxy(upstream: Upstream) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", upstream.port, io_timeout=10) as running:
        yield running


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


def wait_until(condition: Callable[[], bool], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def raw_exchange(port: int, request: bytes) -> tuple[bytes, int]:
    """Send `request` on a plain socket; return every byte received until EOF and the recvs."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        received, reads = b"", 0
        while data := sock.recv(65536):
            received += data
            reads += 1
        return received, reads


def push(session: requests.Session, proxy: FaultProxy, payload: object, **kw: object) -> int:
    response = session.post(f"{proxy.base_url}{PUSH}", json=payload, timeout=10, **kw)  # type: ignore[arg-type]
    response.raise_for_status()
    handled: int = response.json()["handled"]
    return handled


# --------------------------------------------------------------------------- pass-through


def test_keep_alive_requests_pass_through_unchanged(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    big = session.get(f"{proxy.base_url}/echo?n=300000", timeout=10)
    chunked = session.get(f"{proxy.base_url}/chunked?n=5500", timeout=10)
    head = session.head(f"{proxy.base_url}/echo", timeout=10)
    posted = session.post(f"{proxy.base_url}{PUSH}", json={"ops": list(range(500))}, timeout=10)
    streamed = session.post(
        f"{proxy.base_url}{PUSH}", data=iter([b"x" * 3000, b"y" * 10]), timeout=10
    )  # a generator body goes out chunked
    gz = session.post(
        f"{proxy.base_url}{PUSH}",
        data=gzip.compress(b"z" * 10_000),
        headers={"Content-Encoding": "gzip"},
        timeout=10,
    )

    assert big.content == bytes(ord("a") + i % 26 for i in range(300_000))
    assert chunked.content == bytes(ord("a") + i % 26 for i in range(5500))
    assert head.status_code == 200 and head.content == b""
    assert posted.json() == {"handled": 1, "length": len(json.dumps({"ops": list(range(500))}))}
    assert streamed.json() == {"handled": 2, "length": 3010}
    assert gz.json() == {"handled": 3, "length": 10_000}
    stats = proxy.stats
    assert stats.connections == 1  # one keep-alive connection carried all six
    assert stats.exchanges == stats.upstream_requests == 6
    assert stats.by_path[PUSH].exchanges == 3
    assert stats.by_path["/echo"].bytes_down > 300_000
    assert stats.bytes_down == sum(p.bytes_down for p in stats.by_path.values())
    assert stats.bytes_up == sum(p.bytes_up for p in stats.by_path.values())
    assert stats.faults_fired == stats.disconnects == 0


def test_counters_sum_by_path_prefix_and_reset(
    proxy: FaultProxy, session: requests.Session
) -> None:
    body = b"q" * 4000
    for name in ("a", "b"):
        session.post(f"{proxy.base_url}/sync/v1/blobs/{name}?x=1", data=body, timeout=10)
    session.get(f"{proxy.base_url}/echo?n=10", timeout=10)

    blobs = proxy.stats.for_prefix("/sync/v1/blobs/")
    assert blobs.exchanges == 2
    assert 2 * len(body) < blobs.bytes_up < 2 * len(body) + 1000  # bodies plus two heads
    assert set(proxy.stats.by_path) == {"/sync/v1/blobs/a", "/sync/v1/blobs/b", "/echo"}
    proxy.reset_stats()
    assert proxy.stats.bytes_up == proxy.stats.exchanges == 0


@pytest.fixture
def fastapi_upstream() -> Iterator[tuple[int, Counter[str]]]:
    """The real stack (uvicorn, h11), closing idle keep-alive connections after 1 s."""
    handled: Counter[str] = Counter()
    app = FastAPI()

    @app.post(PUSH)
    async def push_ops(request: Request) -> dict[str, int]:
        body = await request.body()
        if request.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        handled[PUSH] += 1
        return {"handled": handled[PUSH], "ops": len(json.loads(body)["ops"])}

    @app.get("/sync/v1/changes")
    def changes() -> StreamingResponse:
        handled["changes"] += 1
        return StreamingResponse(iter([b"[", b"1," * 5000, b"1]"]))  # sent chunked

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    config.timeout_keep_alive = 1
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run)
    thread.start()
    assert wait_until(lambda: server.started)
    yield server.servers[0].sockets[0].getsockname()[1], handled
    server.should_exit = True
    thread.join(10)


def test_uvicorn_behind_the_proxy(
    fastapi_upstream: tuple[int, Counter[str]], session: requests.Session
) -> None:
    port, handled = fastapi_upstream
    body = gzip.compress(json.dumps({"ops": list(range(2000))}).encode())
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
    with FaultProxy("127.0.0.1", port, io_timeout=10) as proxy:
        url = f"{proxy.base_url}{PUSH}"
        assert session.post(url, data=body, headers=headers, timeout=10).json()["ops"] == 2000
        assert len(session.get(f"{proxy.base_url}/sync/v1/changes", timeout=10).json()) == 5001
        time.sleep(1.6)  # uvicorn closes the idle upstream side; the client's side stays open
        proxy.add_fault(drop_response(), path=PUSH)
        with pytest.raises(requests.ConnectionError):
            session.post(url, data=body, headers=headers, timeout=10)
        assert session.post(url, data=body, headers=headers, timeout=10).json()["handled"] == 3
        assert handled[PUSH] == 3
        assert proxy.stats.connections == 2  # the drop closed the first client connection


# --------------------------------------------------------------------------- faults


def test_cut_response_delivers_exactly_n_bytes_then_closes(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.add_fault(cut_response(150), path="/echo")
    received, _ = raw_exchange(proxy.port, b"GET /echo?n=1000 HTTP/1.1\r\nHost: x\r\n\r\n")
    assert len(received) == 150 and received.startswith(b"HTTP/1.0 200") | received.startswith(
        b"HTTP/1.1 200"
    )

    proxy.add_fault(cut_response(200), path="/echo")
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.ConnectionError)):
        session.get(f"{proxy.base_url}/echo?n=1000", timeout=10)
    assert upstream.handled["/echo"] == 2  # the upstream answered both in full
    assert session.get(f"{proxy.base_url}/echo?n=1000", timeout=10).content[:3] == b"abc"


def test_cut_request_never_reaches_the_handler(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.add_fault(cut_request(400), method="POST", path=PUSH)  # in the ~500-byte body
    with pytest.raises(requests.ConnectionError):
        push(session, proxy, {"ops": ["a"] * 100})
    assert push(session, proxy, {"ops": ["a"] * 100}) == 1  # the fault fired once
    assert upstream.handled[PUSH] == 1  # the cut one was never handled


def test_drop_response_loses_the_answer_after_the_upstream_handled_it(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.add_fault(drop_response(), method="POST", path=PUSH)
    with pytest.raises(requests.ConnectionError):
        push(session, proxy, {"ops": [1, 2, 3]})
    assert upstream.handled[PUSH] == 1
    assert push(session, proxy, {"ops": [1, 2, 3]}) == 2  # the retry is a second exchange
    assert proxy.stats.by_path[PUSH].bytes_down < 1000  # only the second answer went down


def test_duplicate_request_reaches_the_upstream_twice(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.add_fault(duplicate_request(), method="POST", path=PUSH)
    assert push(session, proxy, {"op": "x"}) == 2  # the client sees the second answer
    assert upstream.handled[PUSH] == 2
    assert upstream.bodies[-1] == upstream.bodies[-2] == b'{"op": "x"}'
    stats = proxy.stats
    assert (stats.exchanges, stats.upstream_requests) == (1, 2)


def test_stall_response_trips_the_read_timeout_not_the_handler(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.add_fault(stall_response(0, 3), path=PUSH)
    with pytest.raises(requests.ReadTimeout):
        session.post(f"{proxy.base_url}{PUSH}", json={}, timeout=(5, 0.5))
    assert upstream.handled[PUSH] == 1

    # Stalled after the head: the status arrives, then the body stops moving.
    proxy.add_fault(stall_response(1000, 3), path="/echo")
    with pytest.raises(requests.ConnectionError, match="timed out"):
        session.get(f"{proxy.base_url}/echo?n=5000", timeout=(5, 0.5))


def test_trickle_response_arrives_in_small_pieces(proxy: FaultProxy) -> None:
    proxy.add_fault(trickle_response(16, 0.02), path="/echo")
    received, reads = raw_exchange(
        proxy.port, b"GET /echo?n=300 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert received.endswith(bytes(ord("a") + i % 26 for i in range(300)))
    assert reads >= 5  # ~28 pieces of 16 bytes; a busy machine may merge some, never most


def test_delay_holds_the_request_back(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.add_fault(delay(1.5), path=PUSH)
    with pytest.raises(requests.ReadTimeout):
        session.post(f"{proxy.base_url}{PUSH}", json={}, timeout=(5, 0.3))
    assert upstream.handled[PUSH] == 0  # still held when the client gave up
    assert wait_until(lambda: upstream.handled[PUSH] == 1)  # then forwarded all the same


@pytest.mark.parametrize("during", ["request", "response"])
def test_reset_sends_a_tcp_rst(proxy: FaultProxy, upstream: Upstream, during: str) -> None:
    proxy.add_fault(reset(20, during=during), path="/echo")  # type: ignore[arg-type]
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as sock:
        sock.sendall(b"GET /echo?n=1000 HTTP/1.1\r\nHost: x\r\n\r\n")
        with pytest.raises(ConnectionResetError):
            while sock.recv(65536):
                pass
    assert upstream.handled["/echo"] == (0 if during == "request" else 1)


def test_reset_surfaces_as_a_connection_error(proxy: FaultProxy, session: requests.Session) -> None:
    proxy.add_fault(reset(0), path=PUSH)
    with pytest.raises(requests.ConnectionError, match="reset"):
        push(session, proxy, {})


def test_faults_pick_the_nth_match_by_method_and_path(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.add_fault(drop_response(), method="POST", path=PUSH, nth=2)
    outcomes = []
    for _ in range(3):
        assert session.get(f"{proxy.base_url}{PUSH}", timeout=10).ok  # a GET never matches
        try:
            outcomes.append(push(session, proxy, {}) > 0)
        except requests.ConnectionError:
            outcomes.append(False)
    assert outcomes == [True, False, True]
    assert upstream.handled[PUSH] == 6  # the dropped one was handled all the same

    proxy.add_fault(cut_response(0), path="/sync/v1/", nth=1, times=None)  # every match
    for url in (f"{proxy.base_url}{PUSH}", f"{proxy.base_url}/sync/v1/changes?cursor=0"):
        with pytest.raises(requests.ConnectionError):
            session.get(url, timeout=10)
    assert session.get(f"{proxy.base_url}/echo", timeout=10).ok
    proxy.clear()
    assert session.get(f"{proxy.base_url}{PUSH}", timeout=10).ok
    assert proxy.stats.faults_fired == 3


def test_stop_returns_with_an_exchange_stalled(upstream: Upstream) -> None:
    proxy = FaultProxy("127.0.0.1", upstream.port)
    proxy.start()
    proxy.add_fault(stall_response(0, 300))
    errors: list[Exception] = []

    def client() -> None:
        try:
            requests.get(f"{proxy.base_url}/echo", timeout=(5, 120))
        except requests.RequestException as exc:
            errors.append(exc)

    thread = threading.Thread(target=client)
    thread.start()
    assert wait_until(lambda: upstream.handled["/echo"] == 1)
    proxy.stop()
    thread.join(10)
    assert not thread.is_alive() and len(errors) == 1
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{proxy.base_url}/echo", timeout=5)


# --------------------------------------------------------------------------- link shaping


def test_throttle_paces_what_the_upstream_already_sent(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    size = 150_000
    proxy.shape(bytes_per_second=150_000)
    upstream.done.clear()
    with session.get(f"{proxy.base_url}/echo?n={size}", stream=True, timeout=10) as response:
        first = next(response.iter_content(1024))
        assert upstream.done.wait(10)  # the upstream wrote all of it at loopback speed …
        assert proxy.stats.bytes_down < size * 0.75  # … the client got it at link speed
        body = first + b"".join(response.iter_content(65536))
    assert body == bytes(ord("a") + i % 26 for i in range(size))


def test_throttle_makes_the_client_wait_to_upload(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    size = 400_000
    proxy.shape(bytes_per_second=400_000)
    answers: list[int] = []
    sender = threading.Thread(
        target=lambda: answers.append(push(session, proxy, None, data=b"u" * size))
    )
    sender.start()
    assert wait_until(lambda: proxy.stats.bytes_up > 0)
    # The client has sent what loopback buffers hold; the rest waits for the link.
    assert proxy.stats.bytes_up < size * 0.75 and upstream.handled[PUSH] == 0
    sender.join(30)
    assert answers == [1] and upstream.bodies[-1] == b"u" * size


def test_loss_stalls_pieces_and_sometimes_resets(
    proxy: FaultProxy, session: requests.Session
) -> None:
    proxy.shape(loss=0.3, loss_stall=0.001, loss_reset_share=0.0, seed=7)
    assert len(session.get(f"{proxy.base_url}/echo?n=20000", timeout=10).content) == 20000
    assert 2 <= proxy.stats.loss_stalls <= 20  # ~21 pieces, 30% each
    assert proxy.stats.disconnects == 0

    proxy.shape(loss=1.0, loss_stall=0.0, loss_reset_share=1.0)
    with pytest.raises(requests.ConnectionError):
        session.get(f"{proxy.base_url}/echo?n=20000", timeout=10)
    assert proxy.stats.disconnects == 1


def test_disconnect_every_n_bytes_of_the_link(
    proxy: FaultProxy, upstream: Upstream, session: requests.Session
) -> None:
    proxy.shape(disconnect_every_bytes=5000)
    assert len(session.get(f"{proxy.base_url}/echo?n=3000", timeout=10).content) == 3000
    with pytest.raises((requests.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        session.get(f"{proxy.base_url}/echo?n=3000", timeout=10)  # crosses 5,000 bytes
    assert len(session.get(f"{proxy.base_url}/echo?n=3000", timeout=10).content) == 3000
    assert proxy.stats.disconnects == 1
    assert proxy.stats.connections == 2  # the client reconnected after the drop


def test_disconnect_every_n_seconds_and_on_demand(
    proxy: FaultProxy, session: requests.Session
) -> None:
    assert session.get(f"{proxy.base_url}/echo", timeout=10).ok
    proxy.shape(disconnect_every_seconds=0.2)
    assert wait_until(lambda: proxy.stats.disconnects >= 1)
    proxy.clear()
    assert session.get(f"{proxy.base_url}/echo", timeout=10).ok  # the pool notices, reconnects
    proxy.drop_connections()
    assert session.get(f"{proxy.base_url}/echo", timeout=10).ok
    assert proxy.stats.connections == 3


def test_bad_arguments_are_refused() -> None:
    proxy = FaultProxy("127.0.0.1", 9)
    with pytest.raises(ValueError, match="negative"):
        cut_request(-1)
    with pytest.raises(ValueError, match="count from 1"):
        proxy.add_fault(drop_response(), nth=0)
    with pytest.raises(ValueError, match="probabilities"):
        proxy.shape(loss=1.5)
    proxy.stop()  # never started: nothing to do
