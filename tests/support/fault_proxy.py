"""An HTTP/1.1-aware TCP fault proxy for the sync fault tests and benchmarks (SYNC.md §8.9).

The proxy listens on 127.0.0.1 (a free port) and forwards to one upstream. It runs its own
asyncio loop in a background thread; every control method is safe to call from the test thread.

`requests` keeps connections alive, so a byte-level proxy could not tell one call from the next.
This one frames each request (head plus a Content-Length or chunked body) and each response
(Content-Length, chunked, no body, or until close), so a fault can target ONE exchange, chosen
by method and path prefix and by the n-th match:

    with FaultProxy("127.0.0.1", server_port) as proxy:
        proxy.add_fault(drop_response(), method="POST", path="/sync/v1/push")
        engine = SyncEngine(..., base_url=proxy.base_url)

Faults (build them with the functions below; several may fire on one exchange):
- `cut_request(n)` / `cut_response(n)`: close both sides after n bytes of that request/response;
- `drop_response()`: forward the whole request, read the whole upstream response, then close the
  client connection without sending any of it (a lost response after the server committed);
- `stall_response(n, seconds)`: after n response bytes send nothing for `seconds`, then go on;
- `trickle_response(k, interval)`: a slow loris, k response bytes every `interval` seconds;
- `delay(seconds)`: wait before forwarding the request;
- `reset(n, during="response"|"request")`: after n bytes, close with a TCP RST (SO_LINGER 0);
- `duplicate_request()`: send the request upstream twice (two exchanges), relay only the
  second response.

Link shaping (`shape`) applies to every byte in both directions, to model a bad link for the
long-backlog scenario: a rate (each direction its own, as on a full-duplex line), a disconnect
every n bytes or every n seconds, and loss. An upload is taken from the client at the link's
pace (its sends wait, as on a slow line; at most ~200 KiB sit in loopback buffers) and then
handed to the upstream whole; a download leaves at the link's pace. Real packet loss is
invisible above TCP: TCP retransmits, so an application only sees its effects, delay and, when
it lasts, a dropped connection. `loss=p` models exactly that: each KiB piece stalls for
`loss_stall` seconds with probability p, and resets the connection with probability
p × `loss_reset_share`.

Counters (`stats`) count what crosses the client side of the proxy, the bytes an app would pay
for on its link: bytes up and down, in total and per request path, connections, exchanges, and
the events the faults and shaping caused.

Every wait is bounded (`io_timeout`), and `stop()` always returns: it cancels what is running.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import struct
import threading
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType, TracebackType
from typing import Literal

PIECE = 1024  # bytes per shaped write: the unit of throttling, loss and fault offsets
HEAD_LIMIT = 1024 * 1024  # the longest response head (or chunk-size line) accepted
# Client side: a small stream buffer (the longest request head too) and a small kernel receive
# buffer, so that when the proxy takes an upload at the link's pace the client's own sends wait,
# as they would on a slow line, instead of the whole body vanishing into loopback buffers.
CLIENT_BUFFER = 32 * 1024
CLIENT_RCVBUF = 64 * 1024
REQUEST_LIMIT = 64 * 1024 * 1024  # requests are buffered whole; bigger ones close the connection


# --------------------------------------------------------------------------- faults


@dataclass(frozen=True)
class Fault:
    """One fault for one exchange; build it with the functions below, not directly."""

    kind: Literal["cut", "drop", "stall", "trickle", "delay", "reset", "duplicate"]
    during: Literal["request", "response"] = "response"
    after_bytes: int = 0
    seconds: float = 0.0
    bytes_per_interval: int = 0


def cut_request(after_bytes: int) -> Fault:
    """Forward `after_bytes` of the request upstream, then close both sides."""
    return Fault("cut", "request", after_bytes=_count(after_bytes))


def cut_response(after_bytes: int) -> Fault:
    """Relay `after_bytes` of the response to the client, then close both sides."""
    return Fault("cut", "response", after_bytes=_count(after_bytes))


def drop_response() -> Fault:
    """The upstream handles the request fully; the client gets a closed connection, no bytes."""
    return Fault("drop")


def stall_response(after_bytes: int, seconds: float) -> Fault:
    """Relay `after_bytes` of the response, send nothing for `seconds`, then relay the rest."""
    return Fault("stall", after_bytes=_count(after_bytes), seconds=_duration(seconds))


def trickle_response(bytes_per_interval: int, interval: float) -> Fault:
    """Relay the response `bytes_per_interval` bytes at a time, one piece every `interval` s."""
    if bytes_per_interval < 1:
        raise ValueError("trickle at least one byte per interval")
    return Fault("trickle", seconds=_duration(interval), bytes_per_interval=bytes_per_interval)


def delay(seconds: float) -> Fault:
    """Wait `seconds` before forwarding the request upstream."""
    return Fault("delay", "request", seconds=_duration(seconds))


def reset(after_bytes: int, *, during: Literal["request", "response"] = "response") -> Fault:
    """After `after_bytes` of the request or response, reset both connections (TCP RST)."""
    return Fault("reset", during, after_bytes=_count(after_bytes))


def duplicate_request() -> Fault:
    """Send the request upstream twice (two exchanges); the client gets the second response."""
    return Fault("duplicate", "request")


def _count(value: int) -> int:
    if value < 0:
        raise ValueError("a byte offset cannot be negative")
    return value


def _duration(value: float) -> float:
    if value < 0:
        raise ValueError("a duration cannot be negative")
    return value


@dataclass
class _Rule:
    fault: Fault
    method: str | None
    path: str | None
    nth: int
    times: int | None
    matches: int = 0
    fired: int = 0

    def fires(self, method: str, path: str) -> bool:
        """Count a matching exchange and say whether this rule fires on it."""
        if self.method is not None and method != self.method:
            return False
        if self.path is not None and not path.startswith(self.path):
            return False
        self.matches += 1
        if self.matches < self.nth or (self.times is not None and self.fired >= self.times):
            return False
        self.fired += 1
        return True


@dataclass
class _Plan:
    """What the fired faults do to one exchange."""

    delay: float = 0.0
    duplicate: bool = False
    drop: bool = False
    request: _Flow | None = None
    response: _Flow | None = None


@dataclass
class _Flow:
    """Fault offsets for one direction of one exchange, and how many bytes went through."""

    cut_at: int | None = None
    reset_at: int | None = None
    stall_at: int | None = None
    stall_seconds: float = 0.0
    trickle_bytes: int = 0
    trickle_interval: float = 0.0
    sent: int = 0

    def add(self, fault: Fault) -> None:
        if fault.kind == "cut":
            self.cut_at = _earliest(self.cut_at, fault.after_bytes)
        elif fault.kind == "reset":
            self.reset_at = _earliest(self.reset_at, fault.after_bytes)
        elif fault.kind == "stall":
            self.stall_at, self.stall_seconds = fault.after_bytes, fault.seconds
        elif fault.kind == "trickle":
            self.trickle_bytes, self.trickle_interval = fault.bytes_per_interval, fault.seconds


def _earliest(current: int | None, new: int) -> int:
    return new if current is None else min(current, new)


# --------------------------------------------------------------------------- shaping and stats


@dataclass(frozen=True)
class Shaping:
    bytes_per_second: float | None = None
    disconnect_every_bytes: int | None = None
    disconnect_every_seconds: float | None = None
    loss: float = 0.0
    loss_stall: float = 0.2
    loss_reset_share: float = 0.02

    @property
    def active(self) -> bool:
        return (
            self.bytes_per_second is not None
            or self.disconnect_every_bytes is not None
            or self.loss > 0
        )


@dataclass(frozen=True)
class PathStats:
    bytes_up: int = 0
    bytes_down: int = 0
    exchanges: int = 0


@dataclass(frozen=True)
class ProxyStats:
    """What crossed the client side of the proxy, and what the faults and shaping did."""

    bytes_up: int = 0  # client → proxy, every byte read (also of requests later cut)
    bytes_down: int = 0  # proxy → client, every byte written
    connections: int = 0  # client connections accepted
    exchanges: int = 0  # request heads read from clients
    upstream_requests: int = 0  # requests sent upstream in full (a duplicate counts twice)
    faults_fired: int = 0
    disconnects: int = 0  # connections dropped by shaping (bytes, seconds or loss resets)
    loss_stalls: int = 0
    by_path: Mapping[str, PathStats] = field(default_factory=dict)  # path without query

    def for_prefix(self, prefix: str) -> PathStats:
        """The sum over every path starting with `prefix` (e.g. "/sync/v1/blobs/")."""
        chosen = [s for path, s in self.by_path.items() if path.startswith(prefix)]
        return PathStats(
            bytes_up=sum(s.bytes_up for s in chosen),
            bytes_down=sum(s.bytes_down for s in chosen),
            exchanges=sum(s.exchanges for s in chosen),
        )


class _Counters:
    """Mutable counters; touched on the loop thread, read from others under the proxy's lock."""

    def __init__(self) -> None:
        self.totals = ProxyStats()
        self.paths: dict[str, PathStats] = {}

    def add(self, path: str | None = None, *, up: int = 0, down: int = 0, **events: int) -> None:
        t = self.totals
        changes = {name: getattr(t, name) + value for name, value in events.items()}
        self.totals = replace(
            t, bytes_up=t.bytes_up + up, bytes_down=t.bytes_down + down, **changes
        )
        if path is not None:
            p = self.paths.get(path, PathStats())
            self.paths[path] = PathStats(
                p.bytes_up + up, p.bytes_down + down, p.exchanges + events.get("exchanges", 0)
            )

    def snapshot(self) -> ProxyStats:
        return replace(self.totals, by_path=MappingProxyType(dict(self.paths)))


class _Pacer:
    """Paces one direction of the link to a rate: each piece leaves after its serialisation time."""

    def __init__(self) -> None:
        self.free_at = 0.0

    async def take(self, size: int, rate: float) -> None:
        now = time.monotonic()
        self.free_at = max(self.free_at, now) + size / rate
        await asyncio.sleep(self.free_at - now)


# --------------------------------------------------------------------------- HTTP framing


class _Closed(Exception):
    """End this client connection: `rst` resets it, `shaped` counts it as a link disconnect."""

    def __init__(self, *, rst: bool = False, shaped: bool = False) -> None:
        super().__init__()
        self.rst, self.shaped = rst, shaped


@dataclass
class _Head:
    raw: bytes
    first_line: list[str]
    headers: dict[str, str]  # lower-case names; repeated ones joined with ", "

    @property
    def chunked(self) -> bool:
        return "chunked" in self.headers.get("transfer-encoding", "").lower()

    @property
    def length(self) -> int | None:
        value = self.headers.get("content-length")
        if value is None:
            return None
        try:
            return int(value.split(",")[0])
        except ValueError:
            raise _Closed() from None

    def closes(self) -> bool:
        return "close" in self.headers.get("connection", "").lower()


def _parse_head(raw: bytes) -> _Head:
    lines = raw.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    first = lines[0].split(" ", 2)
    if len(first) < 2:
        raise _Closed()
    return _Head(raw, first, headers)


class _Wire:
    """Reads with a timeout on every call, so a silent peer cannot hold the proxy forever."""

    def __init__(self, reader: asyncio.StreamReader, timeout: float) -> None:
        self.reader, self.timeout = reader, timeout

    async def head(self, *, idle: bool = False) -> _Head | None:
        """The next head, or None on a clean end of stream before its first byte."""
        try:
            raw = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), self.timeout)
        except asyncio.IncompleteReadError as exc:
            if idle and not exc.partial:
                return None
            raise _Closed() from None
        except (asyncio.LimitOverrunError, ValueError, TimeoutError):
            raise _Closed() from None
        return _parse_head(raw)

    async def some(self, size: int) -> bytes:
        try:
            data = await asyncio.wait_for(self.reader.read(size), self.timeout)
        except TimeoutError:
            raise _Closed() from None
        if not data:
            raise _Closed()
        return data

    async def line(self) -> bytes:
        try:
            return await asyncio.wait_for(self.reader.readuntil(b"\n"), self.timeout)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, TimeoutError):
            raise _Closed() from None

    async def body(self, head: _Head, *, no_body: bool = False) -> AsyncIterator[bytes]:
        """The raw bytes of a body as framed by its head, in pieces (chunk framing kept)."""
        if no_body:
            return
        if head.chunked:
            while True:
                size_line = await self.line()
                yield size_line
                try:
                    size = int(size_line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise _Closed() from None
                if size == 0:
                    while True:  # trailers, up to the blank line
                        trailer = await self.line()
                        yield trailer
                        if trailer in (b"\r\n", b"\n"):
                            return
                remaining = size + 2  # the data and its CRLF
                while remaining:
                    data = await self.some(min(remaining, 64 * 1024))
                    remaining -= len(data)
                    yield data
        elif head.length is not None:
            remaining = head.length
            while remaining:
                data = await self.some(min(remaining, 64 * 1024))
                remaining -= len(data)
                yield data
        else:  # a response without length: the body runs until the upstream closes
            while True:
                try:
                    data = await asyncio.wait_for(self.reader.read(64 * 1024), self.timeout)
                except TimeoutError:
                    raise _Closed() from None
                if not data:
                    return
                yield data


def _after_last_byte(flow: _Flow | None) -> None:
    """A cut or reset at (or beyond) a message's last byte still ends the connection."""
    if flow is not None and flow.cut_at is not None and flow.sent >= flow.cut_at:
        raise _Closed()
    if flow is not None and flow.reset_at is not None and flow.sent >= flow.reset_at:
        raise _Closed(rst=True)


def _request_path(head: _Head) -> str:
    return head.first_line[1].split("?", 1)[0]


def _response_has_no_body(method: str, status: int) -> bool:
    return method == "HEAD" or status in (204, 304) or 100 <= status < 200


# --------------------------------------------------------------------------- the proxy


class _Connection:
    """One client connection and the upstream connection that serves it."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.client_reader, self.client_writer = reader, writer
        self.up_reader: asyncio.StreamReader | None = None
        self.up_writer: asyncio.StreamWriter | None = None

    def _writers(self) -> list[asyncio.StreamWriter]:
        return [w for w in (self.client_writer, self.up_writer) if w is not None]

    def close(self) -> None:
        """Close both sides after what was written has gone out (a FIN)."""
        for writer in self._writers():
            writer.close()

    def abort(self) -> None:
        """Close both sides now, dropping anything not yet sent (a link going down)."""
        for writer in self._writers():
            writer.transport.abort()

    async def reset(self) -> None:
        """Let what was written go out, then close both sides with a TCP RST."""
        for writer in self._writers():
            for _ in range(200):  # at most ~1 s for the kernel to take the bytes
                if writer.transport.is_closing() or not writer.transport.get_write_buffer_size():
                    break
                await asyncio.sleep(0.005)
            sock = writer.get_extra_info("socket")
            with contextlib.suppress(OSError, AttributeError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()

    def upstream_usable(self) -> bool:
        # An upstream that closed an idle keep-alive connection (uvicorn does after 5 s) must
        # not get the next request: it would never answer, and the client would see a fault
        # nobody asked for.
        return not (
            self.up_reader is None
            or self.up_writer is None
            or self.up_reader.at_eof()
            or self.up_writer.transport.is_closing()
        )

    def close_upstream(self) -> None:
        if self.up_writer is not None:
            self.up_writer.transport.abort()
        self.up_reader = self.up_writer = None


class FaultProxy:
    """A fault-injecting HTTP/1.1 proxy in front of `upstream_host:upstream_port`."""

    def __init__(
        self, upstream_host: str, upstream_port: int, *, io_timeout: float = 120.0
    ) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.io_timeout = io_timeout  # the longest wait for any read or write, either side
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self._shaping = Shaping()
        self._rng = random.Random(0)
        self._counters = _Counters()
        self._link_bytes = 0
        self._pacers = {"up": _Pacer(), "down": _Pacer()}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[None], _Connection] = {}
        self._ticker: asyncio.Task[None] | None = None
        self.port = 0

    # ------------------------------------------------------------------ control (any thread)

    def start(self) -> int:
        """Start listening on 127.0.0.1 (a free port) and return the port."""
        if self._thread is not None:
            return self.port
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                # proto IPPROTO_TCP: only then does asyncio set TCP_NODELAY on the accepted
                # sockets; without it each answer to the client waited for a delayed ACK.
                listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, CLIENT_RCVBUF)
                listener.bind(("127.0.0.1", 0))  # accepted sockets inherit the buffer size
                self._server = loop.run_until_complete(
                    asyncio.start_server(self._serve, sock=listener, limit=CLIENT_BUFFER)
                )
                self.port = self._server.sockets[0].getsockname()[1]
                self._ticker = loop.create_task(self._tick())
            except BaseException as exc:  # reported to start() below
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, name="fault-proxy", daemon=True)
        self._thread.start()
        if not ready.wait(10) or failure:
            self._thread = None
            raise RuntimeError(f"fault proxy did not start: {failure[0] if failure else 'timeout'}")
        return self.port

    def stop(self) -> None:
        """Close the listener and every connection; always returns within a few seconds."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=5)
        with contextlib.suppress(RuntimeError):  # the loop already closed
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        self._thread = self._loop = None

    def __enter__(self) -> FaultProxy:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add_fault(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        path: str | None = None,
        nth: int = 1,
        times: int | None = 1,
    ) -> None:
        """Fire `fault` on the `nth` exchange matching method and path prefix (None: any), and
        on the following matches until it fired `times` times (None: every match from then on)."""
        if nth < 1 or (times is not None and times < 1):
            raise ValueError("nth and times count from 1")
        with self._lock:
            self._rules.append(_Rule(fault, method.upper() if method else None, path, nth, times))

    def clear(self) -> None:
        """Remove every fault and the shaping (counters are kept)."""
        with self._lock:
            self._rules.clear()
            self._shaping = Shaping()

    def shape(
        self,
        *,
        bytes_per_second: float | None = None,
        disconnect_every_bytes: int | None = None,
        disconnect_every_seconds: float | None = None,
        loss: float = 0.0,
        loss_stall: float = 0.2,
        loss_reset_share: float = 0.02,
        seed: int = 0,
    ) -> None:
        """Shape the link from now on (replacing earlier shaping); see the module docstring."""
        if bytes_per_second is not None and bytes_per_second <= 0:
            raise ValueError("a link rate must be positive")
        if not 0.0 <= loss <= 1.0 or not 0.0 <= loss_reset_share <= 1.0:
            raise ValueError("loss and loss_reset_share are probabilities")
        if disconnect_every_bytes is not None and disconnect_every_bytes < 1:
            raise ValueError("disconnect after at least one byte")
        if disconnect_every_seconds is not None and disconnect_every_seconds <= 0:
            raise ValueError("disconnect after a positive number of seconds")
        with self._lock:
            self._shaping = Shaping(
                bytes_per_second,
                disconnect_every_bytes,
                disconnect_every_seconds,
                loss,
                _duration(loss_stall),
                loss_reset_share,
            )
            self._rng = random.Random(seed)
            self._link_bytes = 0

    def drop_connections(self) -> None:
        """Close every open client connection (a link that went down); returns once done."""
        if self._loop is not None:

            async def drop() -> None:
                self._drop_all(False)

            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(drop(), self._loop).result(timeout=5)

    @property
    def stats(self) -> ProxyStats:
        with self._lock:
            return self._counters.snapshot()

    def reset_stats(self) -> None:
        with self._lock:
            self._counters = _Counters()

    # ------------------------------------------------------------------ the loop thread

    def _count(self, path: str | None = None, *, up: int = 0, down: int = 0, **events: int) -> None:
        with self._lock:
            self._counters.add(path, up=up, down=down, **events)

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        if self._ticker is not None:
            self._ticker.cancel()
        tasks = list(self._connections)
        for task in tasks:
            task.cancel()
        self._drop_all(False, count=False)
        if tasks:
            await asyncio.wait(tasks, timeout=3)

    def _drop_all(self, shaped: bool, *, count: bool = True) -> None:
        for conn in list(self._connections.values()):
            conn.abort()
            if count and shaped:
                self._count(disconnects=1)

    async def _tick(self) -> None:
        """Drop every connection each `disconnect_every_seconds` of shaping."""
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.05)
            with self._lock:
                every = self._shaping.disconnect_every_seconds
            if every is None:
                last = time.monotonic()
            elif time.monotonic() - last >= every:
                last = time.monotonic()
                self._drop_all(True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        conn = _Connection(reader, writer)
        self._connections[task] = conn
        self._count(connections=1)
        rst = False
        try:
            client = _Wire(reader, self.io_timeout)
            while True:
                head = await client.head(idle=True)
                if head is None or not await self._exchange(conn, client, head):
                    break
        except _Closed as closed:
            rst = closed.rst
            if closed.shaped:
                self._count(disconnects=1)
        except (OSError, asyncio.IncompleteReadError):
            pass
        except asyncio.CancelledError:
            # stop() cancels us; ending normally keeps Python 3.11's start_server callback from
            # logging the cancellation as an error (it calls task.exception() on it).
            pass
        finally:
            self._connections.pop(task, None)
            if rst:
                await conn.reset()
            else:
                conn.close()

    def _plan(self, method: str, path: str) -> _Plan:
        plan = _Plan()
        with self._lock:
            fired = [rule.fault for rule in self._rules if rule.fires(method, path)]
            self._counters.add(faults_fired=len(fired))
        for fault in fired:
            if fault.kind == "delay":
                plan.delay += fault.seconds
            elif fault.kind == "duplicate":
                plan.duplicate = True
            elif fault.kind == "drop":
                plan.drop = True
            elif fault.during == "request":
                plan.request = plan.request or _Flow()
                plan.request.add(fault)
            else:
                plan.response = plan.response or _Flow()
                plan.response.add(fault)
        return plan

    async def _exchange(self, conn: _Connection, client: _Wire, head: _Head) -> bool:
        """Relay one request and its response; False when the connection should end."""
        method, path = head.first_line[0].upper(), _request_path(head)
        self._count(path, exchanges=1)
        await self._take_up(head.raw, path)
        raw = bytearray(head.raw)
        # A request without a length or chunked framing has no body (RFC 9112 §6.3).
        async for piece in client.body(head, no_body=not head.chunked and head.length is None):
            await self._take_up(piece, path)
            raw += piece
            if len(raw) > REQUEST_LIMIT:
                raise _Closed()
        request = bytes(raw)
        plan = self._plan(method, path)
        if plan.delay:
            await asyncio.sleep(plan.delay)
        for attempt in range(2 if plan.duplicate else 1):
            if not conn.upstream_usable():
                conn.close_upstream()
                await self._open_upstream(conn)
            assert conn.up_writer is not None
            # The upload already crossed the shaped link as it was read.
            await self._emit(conn.up_writer, request, "up", path, plan.request, shaped=False)
            _after_last_byte(plan.request)
            self._count(upstream_requests=1)
            final = attempt == (1 if plan.duplicate else 0)
            sink = conn.client_writer if final and not plan.drop else None
            upstream_keeps = await self._relay_response(
                conn, method, path, sink, plan.response if sink else None
            )
            if not upstream_keeps:
                conn.close_upstream()
        if plan.drop:
            raise _Closed()
        return conn.up_writer is not None and not head.closes()

    async def _open_upstream(self, conn: _Connection) -> None:
        try:
            conn.up_reader, conn.up_writer = await asyncio.wait_for(
                asyncio.open_connection(*self.upstream, limit=HEAD_LIMIT), self.io_timeout
            )
        except (OSError, TimeoutError):
            raise _Closed() from None

    async def _relay_response(
        self,
        conn: _Connection,
        method: str,
        path: str,
        sink: asyncio.StreamWriter | None,
        flow: _Flow | None,
    ) -> bool:
        """Read one response from upstream, writing it to `sink` (None: discard); returns
        whether the upstream connection stays usable."""
        assert conn.up_reader is not None
        upstream = _Wire(conn.up_reader, self.io_timeout)
        while True:
            head = await upstream.head()
            assert head is not None
            try:
                status = int(head.first_line[1])
            except ValueError:
                raise _Closed() from None
            if sink is not None:
                await self._emit(sink, head.raw, "down", path, flow)
            if not 100 <= status < 200 or status == 101:
                break  # interim 1xx responses are followed by the real one
        no_body = _response_has_no_body(method, status)
        async for piece in upstream.body(head, no_body=no_body):
            if sink is not None:
                await self._emit(sink, piece, "down", path, flow)
        _after_last_byte(flow)
        delimited = no_body or head.chunked or head.length is not None
        return delimited and not head.closes()

    async def _take_up(self, data: bytes, path: str) -> None:
        """Count bytes read from the client; on a shaped link, take them at its pace."""
        self._count(path, up=len(data))
        with self._lock:
            shaping = self._shaping
        if shaping.active:
            for start in range(0, len(data), PIECE):
                await self._shape(data[start : start + PIECE], "up", shaping)

    async def _emit(
        self,
        writer: asyncio.StreamWriter,
        data: bytes,
        direction: Literal["up", "down"],
        path: str,
        flow: _Flow | None,
        *,
        shaped: bool = True,
    ) -> None:
        """Write `data` through the faults of `flow` and (when `shaped`) the link's shaping."""
        with self._lock:
            shaping = self._shaping if shaped else Shaping()
        if not shaping.active and flow is None:
            await self._write(writer, data, direction, path)
            return
        view = memoryview(data)
        pos = 0
        while pos < len(data):
            step = PIECE
            if flow is not None:
                step = await self._flow_step(flow, step)
            piece = bytes(view[pos : pos + step])
            await self._shape(piece, direction, shaping)
            await self._write(writer, piece, direction, path)
            pos += len(piece)
            if flow is not None:
                flow.sent += len(piece)
                if flow.trickle_bytes:
                    await asyncio.sleep(flow.trickle_interval)

    async def _flow_step(self, flow: _Flow, step: int) -> int:
        """Act on a fault due at this offset; return how many bytes may go before the next one."""
        if flow.cut_at is not None and flow.sent >= flow.cut_at:
            raise _Closed()
        if flow.reset_at is not None and flow.sent >= flow.reset_at:
            raise _Closed(rst=True)
        if flow.stall_at is not None and flow.sent >= flow.stall_at:
            flow.stall_at = None
            await asyncio.sleep(flow.stall_seconds)
        if flow.trickle_bytes:
            step = min(step, flow.trickle_bytes)
        for boundary in (flow.cut_at, flow.reset_at, flow.stall_at):
            if boundary is not None:
                step = min(step, boundary - flow.sent)
        return step

    async def _shape(self, piece: bytes, direction: str, shaping: Shaping) -> None:
        if shaping.bytes_per_second is not None:
            await self._pacers[direction].take(len(piece), shaping.bytes_per_second)
        if shaping.loss:
            with self._lock:
                lost = self._rng.random() < shaping.loss
                broken = lost and self._rng.random() < shaping.loss_reset_share
            if lost:
                self._count(loss_stalls=1)
                await asyncio.sleep(shaping.loss_stall)
            if broken:
                raise _Closed(rst=True, shaped=True)
        if shaping.disconnect_every_bytes is not None:
            with self._lock:
                before = self._link_bytes
                self._link_bytes += len(piece)
                crossed = before // shaping.disconnect_every_bytes != (
                    self._link_bytes // shaping.disconnect_every_bytes
                )
            if crossed:
                raise _Closed(shaped=True)

    async def _write(
        self, writer: asyncio.StreamWriter, data: bytes, direction: str, path: str
    ) -> None:
        writer.write(data)
        try:
            await asyncio.wait_for(writer.drain(), self.io_timeout)
        except (OSError, TimeoutError):
            raise _Closed() from None
        if direction == "down":
            self._count(path, down=len(data))
