"""A server of canned answers, for tests of how the client reads one answer: each route gives
the same status, headers and body every time, and every request is recorded. Cheaper than the
live server when what matters is a single answer the real server would never give."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class Answer:
    status: int = 200
    body: bytes | dict[str, Any] | list[Any] = b""
    headers: dict[str, str] = field(default_factory=dict)


class CannedServer:
    """`routes` maps "METHOD /sync/v1/path" (the path without its query) to its answer, or to
    a function of the request's body that gives it; any other request gets a 404 ErrorBody."""

    def __init__(self, routes: dict[str, Answer | Callable[[bytes], Answer]]) -> None:
        self.routes = routes
        self.seen: list[tuple[str, str, dict[str, str]]] = []  # method, path, headers
        canned = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return None

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = self.rfile.read(length) if length else b""
                canned.seen.append((self.command, self.path, dict(self.headers.items())))
                route = f"{self.command} {self.path.split('?', 1)[0]}"
                found = canned.routes.get(route) or Answer(
                    404, {"error": "not_found", "message": f"no canned answer for {route}"}
                )
                answer = found if isinstance(found, Answer) else found(request)
                body = answer.body
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(answer.status)
                headers = dict(answer.headers)
                if not isinstance(body, bytes):
                    headers.setdefault("Content-Type", "application/json")
                for name, value in headers.items():
                    # Header values go out as latin-1, as http.client reads them.
                    self._headers_buffer.append(f"{name}: {value}\r\n".encode("latin-1"))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            # http.server dispatches on these names.
            do_GET = do_POST = do_PATCH = do_HEAD = _answer  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> CannedServer:
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
