"""A hostile server of the test's own: it relays to the real server, except that the answer to
one chosen call is replaced by garbage (after the real server processed the request, as a
broken proxy or a corrupting link would do)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import requests

HOP_HEADERS = {"connection", "transfer-encoding", "content-length", "keep-alive", "host"}


@dataclass
class Garbage:
    method: str
    path: str  # e.g. "/sync/v1/push" (a prefix)
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    times: int | None = None  # answer garbage this many times, then relay (None: always)


class HostileServer:
    def __init__(self, upstream: str, garbage: Garbage) -> None:
        self.upstream = upstream.rstrip("/")
        self.garbage = garbage
        self.served = 0  # how many garbage answers went out
        self.seen: list[tuple[str, str, dict[str, str]]] = []  # method, path, request headers
        hostile = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return None

            def _relay(self) -> None:
                hostile.seen.append((self.command, self.path, dict(self.headers.items())))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
                upstream = requests.request(
                    self.command,
                    hostile.upstream + self.path,
                    data=body,
                    headers=headers,
                    stream=True,
                    timeout=30,
                )
                raw = upstream.raw.read(decode_content=False)
                chosen = hostile.garbage
                matches = self.command == chosen.method and self.path.startswith(chosen.path)
                if matches and (chosen.times is None or hostile.served < chosen.times):
                    hostile.served += 1
                    self.send_response(chosen.status)
                    for name, value in chosen.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(chosen.body)))
                    self.end_headers()
                    self.wfile.write(chosen.body)
                    return
                self.send_response(upstream.status_code)
                for name, value in upstream.headers.items():
                    if name.lower() not in HOP_HEADERS:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(raw)

            # http.server dispatches on these names.
            do_GET = do_POST = do_PATCH = do_HEAD = _relay  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
