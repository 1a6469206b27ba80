"""The HTTP side of sync: one `requests.Session`, protocol headers, gzip, retries, typed answers.

Every response is read through the pydantic models of `sync.protocol`; anything else (not JSON,
the wrong shape, the wrong types, a body that does not decompress) raises `InvalidResponse`
before the caller can act on it, so a hostile or broken server cannot change local data.

Retries: transport errors, timeouts and 5xx are retried with exponential backoff and full
jitter, bounded by a number of attempts and a total time (`RetryPolicy`). A 4xx is final,
except one token refresh on `401 token_expired`. The read timeout is per socket read (a stall
timeout), as `requests` implements it, not a cap on a whole transfer.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import requests
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError
from urllib3.util import SKIP_HEADER

from lapor_desktop import __version__
from sync import protocol as p
from sync.errors import (
    AuthFailed,
    InvalidResponse,
    ProtocolMismatch,
    Revoked,
    ServerRejected,
    Unreachable,
)
from sync.tokens import Tokens, TokenStore

M = TypeVar("M", bound=BaseModel)

GZIP_ABOVE = 1024  # bytes: smaller bodies cost more to compress than they save
# Level 9: measured 4-5% smaller push bodies than 6 (op JSON, batches of 100-500), for a few
# ms of CPU per batch; on a 64 kbit/s link the bytes are what costs.
GZIP_LEVEL = 9
DOWNLOAD_PIECE = 256 * 1024  # bytes of a blob read at a time: the most a download holds
APP_NAME = f"lapor-desktop/{__version__}"
_DIGITS = re.compile(r"[0-9]{1,18}")
# A token goes into the Authorization header of every call: visible ASCII only (RFC 6750's
# characters and more). A non-latin-1 one failed there as http.client's UnicodeEncodeError, a
# line break as requests' "invalid header" (reported as an unreachable server), long after the
# answer that carried it was taken; a blank or spaced one is no bearer token either.
_TOKEN = re.compile(r"[\x21-\x7e]{1,4096}")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 5
    total_seconds: float = 120.0
    base_delay: float = 1.0
    max_delay: float = 30.0

    def delay(self, attempt: int) -> float:
        # Full jitter: many offices retrying after one outage do not come back in lock-step.
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


@dataclass(frozen=True, slots=True)
class BlobStatus:
    offset: int  # bytes the server holds
    complete: bool


@dataclass(frozen=True, slots=True)
class ChunkAnswer:
    status: int  # 204 appended, 409 offset mismatch, 400 chunk hash, 422 file hash, 413 too big
    offset: int  # the server's offset after the call (-1 when it did not say)


class Transient(Exception):
    """One attempt failed in a way worth retrying (kept internal; callers see Unreachable)."""


class SyncClient:
    """Talks protocol v1 to one server for one device.

    `tokens` holds the login; `device_id` is sent as X-Device-Id. Timeouts and the retry
    policy are parameters so tests can make them short.
    """

    def __init__(
        self,
        base_url: str,
        *,
        device_id: str | None = None,
        tokens: TokenStore | None = None,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        app: str = APP_NAME,
    ) -> None:
        self.base_url = normalise_url(base_url)
        self.device_id = device_id
        self.tokens = tokens
        self.timeout = (connect_timeout, read_timeout)
        self.retry = retry or RetryPolicy()
        self.app = app
        self.bytes_sent = 0
        self.bytes_received = 0
        self._sleep = sleep
        self._session = requests.Session()
        # Only what the server reads goes on the wire: on a 64 kbit/s link every request's
        # head counts. No User-Agent (X-App-Version names the app), no `Accept: */*`, no
        # `Connection: keep-alive` (HTTP/1.1 keeps connections by default).
        self._session.headers.clear()
        self._session.headers["User-Agent"] = SKIP_HEADER
        # The environment (HTTPS_PROXY / NO_PROXY, REQUESTS_CA_BUNDLE) is read once, for the
        # server's address, as requests would: left to trust_env it reads it again on every
        # request, with ~/.netrc (~0.5 ms of CPU a pull page), and a netrc entry for the host
        # would replace our Bearer header.
        found = self._session.merge_environment_settings(self.base_url, {}, None, None, None)
        self._session.trust_env = False
        self._session.proxies = found["proxies"]
        self._session.verify = found["verify"]
        self._current: Tokens | None = tokens.load() if tokens is not None else None

    def close(self) -> None:
        self._session.close()

    # ------------------------------------------------------------------ endpoints
    def hello(self, request: p.HelloRequest) -> p.HelloResponse:
        response = self._call("POST", "/hello", body=request, auth=False, expect=(200, 426))
        if response.status_code == 426:
            raise ProtocolMismatch(_error_body(response).message if _is_json(response) else None)
        return _parse(p.HelloResponse, response, "/hello")

    def enroll(self, request: p.EnrollRequest) -> p.EnrollResponse:
        response = self._call("POST", "/enroll", body=request, auth=False, expect=(200, 401))
        if response.status_code == 401:
            raise AuthFailed(f"the server refused the login: {_error_body(response).message}")
        answer = _parse(p.EnrollResponse, response, "/enroll")
        self._store(answer, "/enroll")
        self.device_id = answer.device_id
        return answer

    def refresh(self) -> p.TokenResponse:
        if self._current is None or self.device_id is None:
            raise AuthFailed("this PC has no login for the server; run 'lapor-desktop enroll'")
        request = p.RefreshRequest(
            device_id=self.device_id, refresh_token=self._current.refresh_token
        )
        response = self._call("POST", "/token", body=request, auth=False, refresh=False)
        answer = _parse(p.TokenResponse, response, "/token")
        self._store(answer, "/token")
        return answer

    def master(self) -> p.MasterData:
        return _parse(p.MasterData, self._call("GET", "/master"), "/master")

    def lease(self, request: p.LeaseRequest) -> p.NumberBlock:
        response = self._call("POST", "/numbers/lease", body=request)
        return _parse(p.NumberBlock, response, "/numbers/lease")

    def push(self, request: p.PushRequest, attempts: int | None = None) -> p.PushResponse:
        response = self._call("POST", "/push", body=request, attempts=attempts)
        return _parse(p.PushResponse, response, "/push")

    def push_payloads(
        self, device_id: str, payloads: Sequence[str], attempts: int | None = None
    ) -> p.PushResponse:
        """`push` of ops as the outbox stores them (each `Operation.to_json()` as JSON text):
        the PushRequest is joined from that text, not parsed and encoded again op by op. The
        server validates every op as it would any body (a bad one is a 400 naming it)."""
        text = f'{{"device_id":{json.dumps(device_id)},"ops":[{",".join(payloads)}]}}'
        response = self._call("POST", "/push", json_body=text.encode(), attempts=attempts)
        return _parse(p.PushResponse, response, "/push")

    def changes(self, cursor: int, limit: int) -> p.ChangesPage:
        return parse_changes(self.changes_body(cursor, limit))

    def changes_body(self, cursor: int, limit: int) -> bytes:
        """The JSON of the page after `cursor`, unparsed (`parse_changes`): the pull reads the
        next page while it parses and applies this one (sync/pull.py, PageReader)."""
        response = self._call("GET", "/changes", params={"cursor": cursor, "limit": limit})
        return response.content

    def verify(self, request: p.VerifyRequest) -> p.VerifyResponse:
        return _parse(p.VerifyResponse, self._call("POST", "/verify", body=request), "/verify")

    def snapshot(self, bucket: str, after: str | None, limit: int) -> p.SnapshotPage:
        params: dict[str, Any] = {"bucket": bucket, "limit": limit}
        if after is not None:
            params["after"] = after
        response = self._call("GET", "/snapshot", params=params)
        return _parse(p.SnapshotPage, response, "/snapshot")

    def blob_status(self, sha256: str) -> BlobStatus:
        path = f"/blobs/{sha256}"
        response = self._call("HEAD", path, expect=(200, 404))
        if response.status_code == 404:
            return BlobStatus(0, False)
        offset = _offset(response, path)
        state = response.headers.get(p.BLOB_STATE, "partial")
        if state not in ("partial", "complete"):
            raise InvalidResponse(path, f"{p.BLOB_STATE} is {state!r}")
        return BlobStatus(offset, state == "complete")

    def blob_download(self, sha256: str, size: int) -> Iterator[bytes]:
        """The complete file in pieces, never held whole: a photo can be tens of MB, and a
        broken or hostile server could send without end. InvalidResponse past `size` (the
        attachment's recorded size) or, after the last piece, when the bytes do not hash to
        the name; Unreachable when the connection breaks midway (the next run fetches it
        again: nothing is kept of a broken download)."""
        import hashlib

        path = f"/blobs/{sha256}"
        response = self._call("GET", path, stream=True)
        digest = hashlib.sha256()
        received = 0
        try:
            for piece in response.iter_content(DOWNLOAD_PIECE):
                received += len(piece)
                self.bytes_received += len(piece)
                if received > size:
                    raise InvalidResponse(path, f"more than the attachment's {size} bytes")
                digest.update(piece)
                yield piece
        except (
            requests.exceptions.ConnectionError,
            requests.exceptions.Timeout,
            requests.exceptions.ChunkedEncodingError,
        ) as error:
            raise Unreachable(
                f"server {self.base_url}: {path} broke off ({_short(error)})"
            ) from None
        except requests.exceptions.ContentDecodingError as error:
            raise InvalidResponse(path, f"the body does not decode ({_short(error)})") from None
        finally:
            response.close()
        if digest.hexdigest() != sha256:
            raise InvalidResponse(path, "the file does not match its SHA-256")

    def blob_chunk(
        self, sha256: str, offset: int, length: int, chunk: bytes, attempts: int | None = None
    ) -> ChunkAnswer:
        import hashlib

        path = f"/blobs/{sha256}"
        headers = {
            p.BLOB_OFFSET: str(offset),
            p.BLOB_LENGTH: str(length),
            p.BLOB_CHUNK_SHA256: hashlib.sha256(chunk).hexdigest(),
            "Content-Type": "application/offset+octet-stream",
        }
        response = self._call(
            "PATCH",
            path,
            raw=chunk,
            headers=headers,
            attempts=attempts,
            expect=(204, 409, 400, 422, 413),
        )
        answered = response.headers.get(p.BLOB_OFFSET)
        if response.status_code in (204, 409):
            return ChunkAnswer(response.status_code, _offset(response, path))
        return ChunkAnswer(
            response.status_code, int(answered) if answered and _is_int(answered) else -1
        )

    # ------------------------------------------------------------------ machinery
    def _store(self, answer: p.TokenResponse, path: str) -> None:
        for name in ("access_token", "refresh_token"):
            if not _TOKEN.fullmatch(getattr(answer, name)):
                raise InvalidResponse(path, f"{name} is not a token (visible ASCII characters)")
        self._current = Tokens(answer.access_token, answer.refresh_token, answer.access_expires_at)
        if self.tokens is not None:
            self.tokens.save(self._current)

    def _headers(self, auth: bool) -> dict[str, str]:
        headers = {
            p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
            p.HEADER_APP_VERSION: self.app,
            "Accept-Encoding": "gzip",
        }
        if self.device_id:
            headers[p.HEADER_DEVICE] = self.device_id
        if auth and self._current is not None:
            headers["Authorization"] = f"Bearer {self._current.access_token}"
        return headers

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        raw: bytes | None = None,
        json_body: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        refresh: bool = True,
        attempts: int | None = None,
        expect: tuple[int, ...] = (200,),
        stream: bool = False,
    ) -> requests.Response:
        """Send with retries; return a response whose status is in `expect`, else raise.
        `stream`: the body is left unread, for the caller to read in pieces and close."""
        if auth and self._current is None:
            raise AuthFailed("this PC has no login for the server; run 'lapor-desktop enroll'")
        data, extra = _encode(body.model_dump_json().encode() if body else json_body, raw)
        limit = attempts or self.retry.attempts
        deadline = time.monotonic() + self.retry.total_seconds
        refreshed = not refresh
        attempt = 0
        last = "no attempt"
        while True:
            attempt += 1
            try:
                response = self._once(
                    method, path, data, params, {**extra, **(headers or {})}, auth, stream
                )
                expired = response.status_code == 401 and _error_code(response) == "token_expired"
                if expired and auth and not refreshed:
                    response.close()  # a streamed answer holds its connection until closed
                    refreshed = True
                    self.refresh()
                    attempt -= 1  # a refresh is not a failed attempt
                    continue
                return _check(response, path, expect)
            except Transient as error:
                last = str(error)
            delay = self.retry.delay(attempt)
            if attempt >= limit or time.monotonic() + delay > deadline:
                raise Unreachable(f"server {self.base_url} unreachable ({path}: {last})")
            self._sleep(delay)

    def _once(
        self,
        method: str,
        path: str,
        data: bytes | None,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str],
        auth: bool,
        stream: bool = False,
    ) -> requests.Response:
        url = f"{self.base_url}{p.PREFIX}{path}"
        try:
            response = self._session.request(
                method,
                url,
                data=data,
                params=params,
                headers={**self._headers(auth), **headers},
                timeout=self.timeout,
                stream=stream,
            )
        except requests.exceptions.ContentDecodingError as error:
            # A body that does not decompress is the server's fault, not the network's.
            raise InvalidResponse(path, f"the body does not decode ({_short(error)})") from None
        except requests.exceptions.InvalidURL as error:
            raise Unreachable(f"bad server address {self.base_url}: {error}") from None
        except requests.exceptions.SSLError as error:
            # Not worth a retry: an untrusted certificate stays untrusted, and backing off five
            # times only hides the one thing the operator (or Diskominfo) must fix.
            raise Unreachable(
                f"server {self.base_url}: https failed ({_short(error)}); if the office's server "
                "uses its own certificate authority, set REQUESTS_CA_BUNDLE to its certificate file"
            ) from None
        except (
            requests.exceptions.ConnectionError,
            requests.exceptions.Timeout,
            requests.exceptions.ChunkedEncodingError,
        ) as error:
            raise Transient(_short(error)) from None
        except requests.exceptions.RequestException as error:
            raise Unreachable(f"server {self.base_url}: {_short(error)}") from None
        self.bytes_sent += len(data or b"")
        if response.status_code >= 500:
            response.close()
            raise Transient(f"HTTP {response.status_code}")
        if not (stream and response.status_code == 200):  # a streamed body counts as read
            self.bytes_received += int(
                response.headers.get("Content-Length") or len(response.content)
            )
        return response


def normalise_url(url: str) -> str:
    text = url.strip().rstrip("/")
    if not text.startswith(("http://", "https://")):
        raise ValueError(f"server address {url!r} must start with http:// or https://")
    return text


def _encode(body: bytes | None, raw: bytes | None) -> tuple[bytes | None, dict[str, str]]:
    """`body` is JSON (gzip'd when large), `raw` a blob chunk."""
    if raw is not None:
        return raw, {}  # blob chunks: JPEG/PDF do not compress, never gzip them
    if body is None:
        return None, {}
    data = body
    headers = {"Content-Type": "application/json"}
    if len(data) > GZIP_ABOVE:
        data = gzip.compress(data, compresslevel=GZIP_LEVEL)
        headers["Content-Encoding"] = "gzip"
    return data, headers


def _is_json(response: requests.Response) -> bool:
    try:
        response.json()
    except ValueError:
        return False
    return True


def _error_body(response: requests.Response) -> p.ErrorBody:
    try:
        return p.ErrorBody.model_validate(response.json())
    except (ValueError, PydanticValidationError):
        text = " ".join(response.text.split())[:160]
        return p.ErrorBody(error="error", message=text or response.reason or "no explanation")


def _error_code(response: requests.Response) -> str:
    return _error_body(response).error


def _check(response: requests.Response, path: str, expect: tuple[int, ...]) -> requests.Response:
    status = response.status_code
    if status in expect:
        return response
    body = _error_body(response)
    if status == 426:
        raise ProtocolMismatch(body.message)
    if status == 401:
        raise AuthFailed(
            f"the server did not accept this PC's login ({body.error}: {body.message}); "
            "run 'lapor-desktop enroll' again (local data is kept)"
        )
    if status == 403 and body.error == "revoked":
        raise Revoked(
            f"this PC may no longer sync ({body.message}); local data is kept, ask the admin"
        )
    if 400 <= status < 500:
        raise ServerRejected(path, status, body.error, body.message)
    raise InvalidResponse(path, f"unexpected HTTP status {status}")


def parse_changes(body: bytes) -> p.ChangesPage:
    """A `changes_body` as its page, or InvalidResponse."""
    return _parse_bytes(p.ChangesPage, body, "/changes")


def _parse(model: type[M], response: requests.Response, path: str) -> M:
    return _parse_bytes(model, response.content, path)


def _parse_bytes(model: type[M], content: bytes, path: str) -> M:
    # pydantic's own JSON parser builds the models straight from the bytes: for a pull page of
    # 200 case documents, measured 3x cheaper than json.loads and then validating the dicts.
    try:
        return model.model_validate_json(content)
    except PydanticValidationError as error:
        raise invalid_response(path, error, content) from None


def invalid_response(path: str, error: PydanticValidationError, content: bytes) -> InvalidResponse:
    """What pydantic found wrong with an answer, in one line."""
    first = error.errors()[0]
    if first["type"] == "json_invalid":
        preview = " ".join(content.decode("utf-8", "replace").split())[:60]
        return InvalidResponse(path, f"not JSON ({preview!r})")
    where = ".".join(str(x) for x in first["loc"]) or "body"
    more = f" (+{error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return InvalidResponse(path, f"{where}: {first['msg']}{more}")


def _offset(response: requests.Response, path: str) -> int:
    value = response.headers.get(p.BLOB_OFFSET)
    if not _is_int(value) or int(value or 0) < 0:
        raise InvalidResponse(path, f"{p.BLOB_OFFSET} is {value!r}")
    return int(value or 0)


def _is_int(value: str | None) -> bool:
    # ASCII digits only: str.isdigit() is also true of "²" (a header is read as latin-1), which
    # int() refuses; and at most 18 of them, so the offset fits where it is stored.
    return value is not None and _DIGITS.fullmatch(value.strip()) is not None


def _short(error: BaseException) -> str:
    """The innermost cause in a line: "[Errno 111] Connection refused", not urllib3's wrapping.

    requests wraps urllib3's MaxRetryError, which wraps the connection's error, which was raised
    from the socket's: cut at 200 characters the outer text ended mid-word before the reason.
    """
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return "timed out connecting"
    if isinstance(error, requests.exceptions.ReadTimeout):
        return "timed out waiting for an answer"  # the socket's own words: just "timed out"
    cause = _innermost(error)
    verify = getattr(cause, "verify_message", None)  # ssl.SSLCertVerificationError
    if isinstance(verify, str) and verify:
        text = f"certificate verify failed: {verify}"
    else:
        text = " ".join(str(cause).split())
    return text[:200] or type(cause).__name__


def _innermost(error: BaseException) -> BaseException:
    current, seen = error, {id(error)}
    while True:
        reason = getattr(current, "reason", None)  # urllib3's MaxRetryError and SSLError
        if not isinstance(reason, BaseException):
            first = current.args[0] if current.args else None
            # Only __cause__ (raise ... from): an unrelated error being handled is no reason.
            reason = first if isinstance(first, BaseException) else current.__cause__
        if reason is None or id(reason) in seen:
            return current
        seen.add(id(reason))
        current = reason


def dumps(model: BaseModel) -> str:
    """A model as compact JSON text (stored in the outbox result column)."""
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
