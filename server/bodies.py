"""Request bodies: size limit and gzip decoding before the app sees them (ASGI middleware).

A gzip'd body is inflated with a cap on its output, so a small "gzip bomb" costs at most
`max_bytes` of memory and gets 413, never an exhausted server.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import PREFIX, ErrorBody

_DRAIN_LIMIT = 64 * 1024 * 1024


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers: list[tuple[bytes, bytes]] = list(scope.get("headers") or [])
        encoding = ""
        declared: int | None = None
        for name, value in headers:
            if name == b"content-encoding":
                encoding = value.decode("latin-1").strip().lower()
            elif name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _refuse(send, 400, "bad_request", "Content-Length is not a number")
                    return
        if encoding not in ("", "identity", "gzip"):
            await _refuse(send, 415, "unsupported_media_type", f"Content-Encoding {encoding!r}")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        too_large = declared is not None and declared > self.max_bytes
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            more = bool(message.get("more_body", False))
            too_large = too_large or size > self.max_bytes
            if too_large:
                # Read on (and drop) what the client is still sending, up to a bound: a
                # client that is cut off mid-upload sees a broken pipe, not our 413.
                if size > _DRAIN_LIMIT:
                    break
                continue
            chunks.append(chunk)
        if too_large:
            await _refuse(send, 413, "too_large", f"body over {self.max_bytes} bytes", close=more)
            return
        body = b"".join(chunks)
        if encoding == "gzip":
            inflated = _gunzip(body, self.max_bytes)
            if isinstance(inflated, tuple):
                await _refuse(send, *inflated)
                return
            body = inflated
            headers = [
                (n, v) for n, v in headers if n not in (b"content-encoding", b"content-length")
            ]
            headers.append((b"content-length", str(len(body)).encode()))
            scope = {**scope, "headers": headers}
        # A push is checked op by op (server/push.py): unstorable text in one op is that op's
        # rejection, so the device's queue moves on past it instead of failing here forever.
        # A blob chunk is bytes, whatever its Content-Type says (or leaves out).
        path = str(scope.get("path", ""))
        if _is_json(headers) and path != _PUSH_PATH and not path.startswith(_BLOBS_PATH):
            refusal = _unstorable_text(body)
            if refusal is not None:
                await _refuse(send, 400, "bad_request", refusal)
                return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


_PUSH_PATH = PREFIX + "/push"
_BLOBS_PATH = PREFIX + "/blobs/"
_ESCAPE = re.compile(rb"(\\+)u([0-9a-fA-F]{4})")


def _is_json(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"content-type":
            return b"json" in value.lower()
    return True  # no type given: FastAPI parses it as JSON


def _unstorable_text(body: bytes) -> str | None:
    """Why the JSON's strings cannot be stored (NUL, lone surrogates), None when they can.

    Both are valid JSON escapes, but PostgreSQL text refuses NUL and UTF-8 has no surrogates:
    caught here, such a body is a 400 instead of a failure deep inside a transaction.
    They need no escape in a body that is not UTF-8: the JSON reader takes UTF-16 and UTF-32
    (whose every ASCII character carries a NUL byte) and UTF-8 with encoded surrogates, and
    an answer echoing such text cannot be written. RFC 8259 asks for UTF-8: nothing else
    passes.
    """
    if b"\x00" in body:
        return "the body is not UTF-8 JSON"  # a raw NUL is in no JSON text, but UTF-16/32
    try:
        body.decode("utf-8")  # strict: surrogates encoded in UTF-8 are refused too
    except UnicodeDecodeError:
        return "the body is not UTF-8 JSON"
    if b"\\u" not in body:
        return None
    pending_high = False
    last_end = -1
    for match in _ESCAPE.finditer(body):
        if len(match[1]) % 2 == 0:
            continue  # an escaped backslash followed by the letter u: plain text
        code = int(match[2], 16)
        adjacent = match.start() + len(match[1]) - 1 == last_end
        if pending_high and not (adjacent and 0xDC00 <= code <= 0xDFFF):
            return "text contains a lone UTF-16 surrogate"
        if pending_high:
            pending_high = False
        elif 0xD800 <= code <= 0xDBFF:
            pending_high = True
        elif 0xDC00 <= code <= 0xDFFF:
            return "text contains a lone UTF-16 surrogate"
        elif code == 0:
            return "text contains a NUL character"
        last_end = match.end()
    if pending_high:
        return "text contains a lone UTF-16 surrogate"
    return None


def _gunzip(body: bytes, limit: int) -> bytes | tuple[int, str, str]:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        return 400, "bad_request", "body is not valid gzip"
    if len(out) > limit or inflater.unconsumed_tail:
        return 413, "too_large", f"decompressed body over {limit} bytes"
    if not inflater.eof:
        return 400, "bad_request", "gzip body is truncated"
    return out


async def _refuse(send: Send, status: int, code: str, message: str, *, close: bool = False) -> None:
    payload: dict[str, Any] = ErrorBody(error=code, message=message).model_dump()
    raw = json.dumps(payload).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(raw)).encode()),
    ]
    if close:  # the rest of the body was not read: this connection cannot carry another request
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": raw})


class CompressJsonMiddleware:
    """gzip'd responses, except blob downloads: photos and PDFs are compressed already."""

    def __init__(self, app: ASGIApp, minimum_size: int = 1024) -> None:
        self.plain = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(PREFIX + "/blobs/"):
            await self.plain(scope, receive, send)
        else:
            await self.gzip(scope, receive, send)
