"""Content-addressed, resumable blob uploads (tus-style, see BLOB_* in sync/protocol.py).

A partial upload lives in `<blob dir>/partial/<sha>`; every chunk is fsynced before the row's
`received_bytes` commits, and the finished file is checked whole and renamed into place, so a
crash at any point leaves either the old offset or the new one, never a torn blob.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from fastapi import Response
from fastapi.responses import FileResponse
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from lapor_desktop.domain.ops import iso
from server.auth import Caller
from server.db import lock, read_session, write_session
from server.errors import ApiError, error_response
from server.tables import Blob, CaseAttachment, CaseScope
from sync.protocol import (
    BLOB_CHUNK_SHA256,
    BLOB_LENGTH,
    BLOB_OFFSET,
    BLOB_STATE,
    Limits,
)

PARTIAL = "partial"
COMPLETE = "complete"
_DIGITS = re.compile(r"[0-9]+")


class BlobStore:
    def __init__(self, root: Path, limits: Limits) -> None:
        self.root = root
        self.limits = limits
        (root / PARTIAL).mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def final_path(self, sha: str) -> Path:
        return self.final_path_in(self.root, sha)

    @staticmethod
    def final_path_in(root: Path, sha: str) -> Path:
        """Where a complete blob lives under `root` (without a store, which creates folders)."""
        return root / sha[:2] / sha

    def partial_path(self, sha: str) -> Path:
        return self.root / PARTIAL / sha

    def complete_size(self, session: Session, sha: str) -> int | None:
        """The size of a complete blob, None when it is missing or partial."""
        row = session.get(Blob, sha)
        if row is None or row.state != COMPLETE:
            return None
        return row.size

    # ------------------------------------------------------------------ HEAD / GET
    def head(self, engine: Engine, sha: str) -> Response:
        with read_session(engine) as session:
            row = session.get(Blob, sha)
            if row is None:
                return Response(status_code=404, headers={BLOB_OFFSET: "0"})
            return Response(status_code=200, headers=_headers(row))

    def get(self, engine: Engine, who: Caller, sha: str) -> Response:
        with read_session(engine) as session:
            row = session.get(Blob, sha)
            if row is None or row.state != COMPLETE:
                raise ApiError(404, "not_found", "no complete blob with this SHA-256")
            if not (
                who.sees_everything or row.office == who.office or _in_scope(session, who, sha)
            ):
                raise ApiError(403, "forbidden", "no case of this office references this file")
        return FileResponse(self.final_path(sha), media_type="application/octet-stream")

    # ------------------------------------------------------------------ PATCH
    def patch(
        self,
        engine: Engine,
        who: Caller,
        sha: str,
        headers: Mapping[str, str],
        body: bytes,
        now: datetime,
    ) -> Response:
        offset = _number(headers, BLOB_OFFSET)
        length = _number(headers, BLOB_LENGTH)
        if length > self.limits.max_blob_bytes:
            raise ApiError(
                413, "too_large", f"files are limited to {self.limits.max_blob_bytes} bytes"
            )
        chunk_sha = headers.get(BLOB_CHUNK_SHA256.lower(), "").strip().lower()
        if not chunk_sha:
            raise ApiError(400, "bad_request", f"{BLOB_CHUNK_SHA256} is required")
        with self._lock(sha), write_session(engine) as session:
            row = session.execute(lock(session, select(Blob).where(Blob.sha256 == sha))).scalar()
            held = 0 if row is None else row.received_bytes
            if row is not None and row.size != length:
                raise ApiError(
                    400,
                    "bad_request",
                    f"{BLOB_LENGTH} {length} differs from {row.size} already started",
                )
            if row is not None and row.state == COMPLETE:
                if offset == row.size and not body:
                    return Response(status_code=204, headers=_headers(row))
                raise ApiError(
                    409, "offset_mismatch", "the file is already complete", headers=_headers(row)
                )
            if offset != held:
                raise ApiError(
                    409,
                    "offset_mismatch",
                    f"the server holds {held} bytes; resume from there",
                    headers={BLOB_OFFSET: str(held), BLOB_STATE: PARTIAL},
                )
            if offset + len(body) > length:
                raise ApiError(400, "bad_request", f"the chunk goes past {BLOB_LENGTH}")
            if not body and length > 0:
                raise ApiError(400, "bad_request", "empty chunk")
            if hashlib.sha256(body).hexdigest() != chunk_sha:
                raise ApiError(
                    400, "chunk_hash_mismatch", "the chunk's SHA-256 does not match; resend it"
                )
            if row is None:
                row = Blob(
                    sha256=sha,
                    size=length,
                    received_bytes=0,
                    state=PARTIAL,
                    office=who.office,
                    updated_at=iso(now),
                )
                session.add(row)
            partial = self.partial_path(sha)
            _append(partial, offset, body)
            new_offset = offset + len(body)
            row.received_bytes = new_offset
            row.updated_at = iso(now)
            if new_offset == length:
                if _file_sha256(partial) != sha:
                    partial.unlink(missing_ok=True)
                    session.execute(delete(Blob).where(Blob.sha256 == sha))
                    # Committed: the discarded upload starts over from 0.
                    return error_response(
                        422,
                        "blob_hash_mismatch",
                        "the whole file's SHA-256 does not match its name; upload it again",
                        headers={BLOB_OFFSET: "0"},
                    )
                final = self.final_path(sha)
                final.parent.mkdir(parents=True, exist_ok=True)
                partial.replace(final)
                _fsync_dir(final.parent)
                row.state = COMPLETE
            return Response(status_code=204, headers=_headers(row))

    def _lock(self, sha: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(sha, threading.Lock())


def _headers(row: Blob) -> dict[str, str]:
    return {BLOB_OFFSET: str(row.received_bytes), BLOB_LENGTH: str(row.size), BLOB_STATE: row.state}


def _number(headers: Mapping[str, str], name: str) -> int:
    raw = headers.get(name.lower())
    if raw is None:
        raise ApiError(400, "bad_request", f"{name} is required")
    # Plain ASCII digits only: int() also reads "1_0", "+5" and " 5 ", which no client
    # sends and which would make an offset mean something other than what was written.
    if not _DIGITS.fullmatch(raw):
        raise ApiError(400, "bad_request", f"{name} must be a whole number of bytes (0-9 only)")
    if len(raw) > 18:  # past any file, and short of Python's limit on reading digits
        raise ApiError(413, "too_large", f"{name} is beyond any file")
    return int(raw)


def _in_scope(session: Session, who: Caller, sha: str) -> bool:
    found = session.execute(
        select(CaseAttachment.case_id)
        .join(CaseScope, CaseScope.case_id == CaseAttachment.case_id)
        .where(CaseAttachment.sha256 == sha, CaseScope.office == who.office)
        .limit(1)
    ).scalar()
    return found is not None


def _append(path: Path, offset: int, chunk: bytes) -> None:
    # Bytes past `offset` are from a chunk whose commit never happened (a crash): cut them.
    with path.open("r+b" if path.exists() else "wb") as handle:
        handle.truncate(offset)
        handle.seek(offset)
        handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
