"""Content-addressed attachment files: `blobs/ab/cd/<sha256>`, written atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from lapor_desktop.storage.rows import BlobRow

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
_CHUNK = 1024 * 1024


class AttachmentTooLarge(Exception):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"the file is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB"
        )
        self.size = size
        self.limit = limit


@dataclass(frozen=True, slots=True)
class StoredBlob:
    sha256: str
    size: int
    path: Path


class BlobStore:
    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def discard(self, sha256: str) -> bool:
        """Delete a blob nothing may keep any more (a withheld letter); False if it was gone.

        Only after the commit that stopped referencing it: a crash before leaves the file
        for the next sweep, never a reference to a missing file."""
        try:
            self.path_for(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def put_file(self, source: Path) -> StoredBlob:
        """Copy `source` in: temp file, fsync, rename; the same content is stored once.

        Raises OSError when the file cannot be read and AttachmentTooLarge over the limit.
        The blob is durable before the operation that references it commits, so a crash
        leaves at worst an unreferenced file, never a reference to a missing one.
        """
        size = source.stat().st_size
        if size > self.max_bytes:
            raise AttachmentTooLarge(size, self.max_bytes)
        with source.open("rb") as reader:
            return self.put_stream(iter(lambda: reader.read(_CHUNK), b""))

    def put_stream(self, chunks: Iterable[bytes]) -> StoredBlob:
        """Store the bytes `chunks` yields the way put_file does, never holding more than a
        chunk: AttachmentTooLarge past the limit. Whatever `chunks` raises (a broken
        download, a file that does not match its name) leaves nothing behind."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        tmp = Path(tmp_name)
        try:
            written = 0
            with os.fdopen(fd, "wb") as writer:
                for chunk in chunks:
                    written += len(chunk)
                    if written > self.max_bytes:
                        raise AttachmentTooLarge(written, self.max_bytes)
                    digest.update(chunk)
                    writer.write(chunk)
                writer.flush()
                os.fsync(writer.fileno())
            sha = digest.hexdigest()
            target = self.path_for(sha)
            if target.exists():
                tmp.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp.replace(target)
                fsync_dir(target.parent)
            return StoredBlob(sha, written, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def put_bytes(self, data: bytes) -> StoredBlob:
        """Store `data` the way put_file does (temp file, fsync, rename, directory fsync).

        For content made here (an issued letter's PDF): durable before the transaction that
        references it commits. No size limit applies; the same content is stored once.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if target.exists():
            return StoredBlob(sha, len(data), target)
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as writer:
                writer.write(data)
                writer.flush()
                os.fsync(writer.fileno())
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.replace(target)
            fsync_dir(target.parent)
            return StoredBlob(sha, len(data), target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def read(self, sha256: str) -> bytes:
        """The stored bytes of a blob; FileNotFoundError when it is not here."""
        return self.path_for(sha256).read_bytes()

    def verify(self, sha256: str) -> bool:
        path = self.path_for(sha256)
        if not path.exists():
            return False
        return file_sha256(path) == sha256


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks (attachments may be tens of MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (a crash must not undo a committed file)."""
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobIndex:
    """Rows of the blobs this data dir holds (sync tracks their upload state here)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, blob: StoredBlob, mime: str, at: str) -> None:
        exists = self._session.execute(
            select(BlobRow.sha256).where(BlobRow.sha256 == blob.sha256)
        ).scalar()
        if exists is None:
            self._session.execute(
                insert(BlobRow).values(sha256=blob.sha256, size=blob.size, mime=mime, created_at=at)
            )

    def count(self) -> int:
        return int(self._session.execute(select(func.count()).select_from(BlobRow)).scalar_one())
