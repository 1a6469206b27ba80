"""Every refusal is a 4xx with an `ErrorBody`; these map exceptions to that shape."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import ErrorBody

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail
        self.headers = headers or {}


def error_response(
    status: int,
    code: str,
    message: str,
    detail: Any = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(error=code, message=message, detail=detail)
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
}


def _readable(errors: list[Any]) -> tuple[str, list[dict[str, Any]]]:
    detail = []
    parts = []
    for error in errors:
        loc = [str(x) for x in error.get("loc", ()) if x != "body"]
        where = ".".join(loc) or "body"
        msg = str(error.get("msg", "invalid"))
        detail.append({"loc": loc, "msg": msg, "type": str(error.get("type", ""))})
        parts.append(f"{where}: {msg}")
    message = "; ".join(parts[:5]) + ("; …" if len(parts) > 5 else "")
    return message or "invalid request", detail


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's default is 422 with pydantic's raw list; the protocol says 400 + ErrorBody.
        message, detail = _readable(list(exc.errors()))
        return error_response(400, "bad_request", message, detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, code, str(exc.detail), None, dict(exc.headers or {}))

    @app.exception_handler(DataError)
    async def _unstorable(_request: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot hold (out of range, NUL in text): the input's fault, and
        # the transaction it was in has rolled back.
        log.warning("refused a value the database cannot store: %s", exc.orig)
        return error_response(400, "bad_request", "a value in the request cannot be stored")

    @app.exception_handler(UnicodeEncodeError)
    async def _unencodable(_request: Request, exc: UnicodeEncodeError) -> JSONResponse:
        return error_response(400, "bad_request", "text in the request is not valid Unicode")

    @app.exception_handler(Exception)
    async def _crash(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled server error")
        return error_response(500, "server_error", "internal server error")
