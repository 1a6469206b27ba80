"""The FastAPI application: every endpoint of sync/protocol.py under /sync/v1."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from lapor_desktop.domain.ops import iso, parse_instant
from server import blobs, changes, enrollment, push
from server.auth import Caller, bearer, caller_for
from server.bodies import BodyLimitMiddleware, CompressJsonMiddleware
from server.db import open_engine, read_session, write_session
from server.errors import ApiError, install
from server.master import master_data
from server.numbers import lease
from server.outbox_key import outbox_public_key
from server.settings import ServerSettings
from sync import outbox_seal
from sync import protocol as p

log = logging.getLogger(__name__)

SKEW_WARNING_SECONDS = 300
MAX_CURSOR = 2**62  # a BIGINT on every database


def _caller(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    x_device_id: Annotated[str | None, Header()] = None,
    x_sync_protocol: Annotated[str | None, Header()] = None,
) -> Caller:
    """The device behind the request's access token (401/403 otherwise)."""
    _check_protocol_header(x_sync_protocol)
    token = bearer(authorization)
    engine = request.app.state.engine
    settings: ServerSettings = request.app.state.settings
    with read_session(engine) as session:
        return caller_for(session, token, x_device_id, settings.clock())


Auth = Annotated[Caller, Depends(_caller)]


@dataclass(frozen=True, slots=True)
class Credentials:
    token: str
    device_id: str | None


async def _credentials(
    authorization: Annotated[str | None, Header()] = None,
    x_device_id: Annotated[str | None, Header()] = None,
    x_sync_protocol: Annotated[str | None, Header()] = None,
) -> Credentials:
    """What `_caller` reads from the headers, checked for form only: no database, so on the
    event loop. The route checks the token itself (`caller_for`), in its own session."""
    _check_protocol_header(x_sync_protocol)
    return Credentials(bearer(authorization), x_device_id)


def create_app(settings: ServerSettings) -> FastAPI:
    engine = open_engine(settings.db_url)
    settings.blob_dir.mkdir(parents=True, exist_ok=True)
    store = blobs.BlobStore(settings.blob_dir, settings.limits)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="LAPOR central server",
        version=str(p.PROTOCOL_VERSION),
        description="Sync protocol v1 between LAPOR Desktop and the central server.",
    )
    app.state.engine = engine
    app.state.settings = settings
    install(app)
    app.add_middleware(CompressJsonMiddleware, minimum_size=1024)
    # The limit covers the inflated body; a blob chunk is the largest body we expect.
    body_limit = max(settings.limits.max_bytes, settings.limits.chunk_bytes)
    app.add_middleware(BodyLimitMiddleware, max_bytes=body_limit)

    def now() -> datetime:
        return settings.clock()

    router = APIRouter(prefix=p.PREFIX)
    errors: dict[int | str, dict[str, Any]] = {
        400: {"model": p.ErrorBody},
        401: {"model": p.ErrorBody},
        403: {"model": p.ErrorBody},
        413: {"model": p.ErrorBody},
    }

    @router.post("/hello", responses={426: {"model": p.ErrorBody}})
    def hello(body: p.HelloRequest) -> p.HelloResponse:
        common = set(body.protocols) & set(p.SUPPORTED_PROTOCOLS)
        if not common:
            supported = ", ".join(str(v) for v in p.SUPPORTED_PROTOCOLS)
            raise ApiError(
                426,
                "upgrade_required",
                f"no common sync protocol: the server speaks {supported}; update the application",
                detail={"supported": list(p.SUPPORTED_PROTOCOLS)},
            )
        server_now = now()
        message = None
        try:
            skew = abs((parse_instant(body.client_time) - server_now).total_seconds())
        except (ValueError, OverflowError):  # OverflowError: valid text UTC cannot hold
            skew = 0.0
        if skew > SKEW_WARNING_SECONDS:
            message = f"the device clock differs from the server by {int(skew // 60)} minutes"
        must_update = _version_tuple(body.app) < _version_tuple(settings.min_app)
        if must_update:
            message = f"update the application to {settings.min_app} or later"
        return p.HelloResponse(
            protocol=max(common),
            server_time=iso(server_now),
            min_app=settings.min_app,
            must_update=must_update,
            message=message,
            limits=settings.limits,
            outbox_key=outbox_seal.key_text(outbox_public_key(engine, server_now)),
        )

    @router.post("/enroll", responses=errors)
    def enroll(body: p.EnrollRequest) -> p.EnrollResponse:
        return enrollment.enroll(engine, settings, body)

    @router.post("/token", responses=errors)
    def token(body: p.RefreshRequest) -> p.TokenResponse:
        return enrollment.refresh(engine, settings, body)

    @router.get("/master", responses=errors)
    def master(who: Auth) -> p.MasterData:
        with read_session(engine) as session:
            return master_data(session)

    @router.post("/numbers/lease", responses=errors)
    def numbers_lease(body: p.LeaseRequest, who: Auth) -> p.NumberBlock:
        with write_session(engine) as session:
            return lease(
                session,
                office=who.office,
                device_id=who.device_id,
                register=body.register,
                year=body.year,
                count=body.count,
                now=now(),
            )

    @router.head("/blobs/{sha256}", responses=errors)
    def blob_head(sha256: str, who: Auth) -> Response:
        return store.head(engine, _sha(sha256))

    @router.patch("/blobs/{sha256}", status_code=204, responses=errors)
    async def blob_patch(sha256: str, request: Request, who: Auth) -> Response:
        body = await request.body()
        return await _in_thread(
            lambda: store.patch(engine, who, _sha(sha256), dict(request.headers), body, now())
        )

    @router.get("/blobs/{sha256}", responses=errors)
    def blob_get(sha256: str, who: Auth) -> Response:
        return store.get(engine, who, _sha(sha256))

    # Defaults left out: most answers are a version in a run (see PushResponse).
    @router.post("/push", responses=errors, response_model_exclude_defaults=True)
    def push_ops(body: p.PushRequest, who: Auth) -> p.PushResponse:
        return push.push(engine, settings, store, who, body)

    # The page's JSON is built from the stored documents' text (server/changes.py); the
    # response model keeps /openapi.json describing it. The token is checked in the page's
    # own session and thread: a pull asks for page after page, and the second session and
    # thread hop of the `Auth` dependency cost ~0.6 ms of CPU a page. (So a request with an
    # unknown token and a bad cursor hears 400, not 401: both refusals read nothing.)
    @router.get("/changes", responses=errors, response_model=p.ChangesPage)
    async def changes_page(
        credentials: Annotated[Credentials, Depends(_credentials)],
        cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> Response:
        def build() -> bytes:
            with read_session(engine) as session:
                who = caller_for(session, credentials.token, credentials.device_id, now())
                return changes.page_json(session, who, cursor, limit)

        return Response(await run_in_threadpool(build), media_type="application/json")

    @router.post("/verify", responses=errors)
    def verify(body: p.VerifyRequest, who: Auth) -> p.VerifyResponse:
        with read_session(engine) as session:
            return changes.verify(session, who, body)

    @router.get("/snapshot", responses=errors)
    def snapshot(
        who: Auth,
        # [0-9], not \d: that matches every script's digits, and a bucket is ASCII text.
        bucket: Annotated[str, Query(pattern=r"^[0-9]{4}-[0-9]{2}$")],
        after: Annotated[str, Query(max_length=64, pattern=r"^[0-9A-Za-z_-]*$")] = "",
        limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    ) -> p.SnapshotPage:
        with read_session(engine) as session:
            return changes.snapshot(session, who, bucket, after, limit)

    app.include_router(router)

    return app


async def _in_thread(work: Callable[[], Response]) -> Response:
    # The chunk is read asynchronously; the file and database work blocks, so off the loop.
    return await run_in_threadpool(work)


_SHA = re.compile(r"^[0-9a-f]{64}$")


def _sha(text: str) -> str:
    sha = text.lower()
    if not _SHA.match(sha):
        raise ApiError(400, "bad_request", "a blob is named by 64 hex digits of its SHA-256")
    return sha


def _check_protocol_header(value: str | None) -> None:
    if value is None:
        return
    try:
        version = int(value)
    except ValueError:
        raise ApiError(400, "bad_request", "X-Sync-Protocol must be a number") from None
    if version not in p.SUPPORTED_PROTOCOLS:
        raise ApiError(426, "upgrade_required", f"sync protocol {version} is not supported")


# Far beyond any real version part, far below the 4,300 digits Python refuses to read.
_VERSION_DIGITS = 18


def _version_tuple(text: str) -> tuple[int, ...]:
    tail = text.rsplit("/", 1)[-1]
    numbers = re.findall(r"[0-9]+", tail)[:4]
    if any(len(n) > _VERSION_DIGITS for n in numbers):
        raise ApiError(
            400, "bad_request", f"app: a version number has over {_VERSION_DIGITS} digits"
        )
    return tuple(int(n) for n in numbers) or (0,)
