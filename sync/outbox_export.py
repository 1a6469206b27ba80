"""The pending outbox written to one file for the server admin to import (no link needed).

For an office without a usable connection: the file goes by USB to an office that has one,
and `lapor-server import-outbox` applies it there (format: the outbox file in
sync/protocol.py). Nothing here changes the data dir: the ops stay pending until this PC's own
online sync sends them again and the server answers with the results it stored at the
import, so each op is applied once, whichever way arrives first.

The zip is sealed to the server's outbox key as it is written (sync/outbox_seal.py): only
that server can open it, and a lost stick reveals no reporter. The PC knows the key from its
enrollment or its last online sync; without it nothing is written.

The file is written next to its final name, fsynced, then renamed over it: a pulled USB stick
or a crash leaves the old file or the complete new one, never half of one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lapor_desktop import __version__
from lapor_desktop.clock import Clock
from lapor_desktop.domain.ops import OpType, iso
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.blobs import file_sha256, fsync_dir
from sync import outbox_seal
from sync import protocol as p

# What one query reads of the outbox at a time (the whole queue goes into the file).
PAGE = 1000
_COPY = 1024 * 1024


class ExportRefused(Exception):
    """Nothing was written: not enrolled, nothing pending, or the file cannot be written."""


@dataclass
class ExportResult:
    path: Path
    device_id: str
    office: str
    op_count: int
    first_device_seq: int
    last_device_seq: int
    blobs: int = 0
    blob_bytes: int = 0
    size: int = 0  # of the file written
    # Files an op names that are neither on the server (as far as this PC knows) nor here:
    # those ops will wait (deferred) at the import until the file reaches the server.
    missing_blobs: list[str] = field(default_factory=list)


def export_outbox(ws: Workspace, target: Path, clock: Clock) -> ExportResult:
    """Write every pending op (device_seq order) and the files they need into `target`."""
    with ws.db.read() as uow:
        if uow.sync.state.enrollment() is None:
            raise ExportRefused(
                "data dir ini belum terdaftar di server; jalankan 'lapor-desktop enroll' dulu "
                "(not enrolled)"
            )
        key_text = uow.sync.state.outbox_key()
        if key_text is None:
            # Without the server's key the file would have to go unsealed: never on a stick.
            raise ExportRefused(
                "kunci server belum diketahui; sinkronkan PC ini sekali secara online dulu "
                "('lapor-desktop sync') (no server key yet)"
            )
        recipient = outbox_seal.key_from_text(key_text)
        payloads: list[str] = []
        seqs: list[int] = []
        wanted: dict[str, int | None] = {}
        while True:
            page = uow.sync.outbox.queued(from_seq=(seqs[-1] + 1) if seqs else 0, limit=PAGE)
            for queued in page:
                payloads.append(queued.payload)
                seqs.append(queued.device_seq)
                op = queued.op
                if op.op_type is OpType.ATTACHMENT_ADD:
                    sha = str(op.data.get("sha256") or "").lower()
                    if len(sha) == 64 and sha not in wanted:
                        wanted[sha] = None
            if len(page) < PAGE:
                break
        if not payloads:
            raise ExportRefused("tidak ada perubahan yang menunggu dikirim (nothing pending)")
        # A file the server holds completely (uploaded, or downloaded from it) needs no copy.
        for sha in list(wanted):
            progress = uow.sync.blobs.get(sha)
            if progress is not None and progress.state == "uploaded":
                del wanted[sha]
            else:
                wanted[sha] = progress.size if progress is not None else None
    result = ExportResult(
        path=target,
        device_id=ws.device_id,
        office=ws.office.code,
        op_count=len(payloads),
        first_device_seq=seqs[0],
        last_device_seq=seqs[-1],
    )
    blobs: list[tuple[str, Path]] = []
    for sha in wanted:
        source = ws.blobs.path_for(sha)
        # A damaged copy would make the server refuse the whole file: leave it out, so its
        # op waits at the import and the rest of the day's work still arrives.
        if source.is_file() and file_sha256(source) == sha:
            blobs.append((sha, source))
        else:
            result.missing_blobs.append(sha)
    _write(target, recipient, result, "[" + ",".join(payloads) + "]", blobs, clock)
    return result


def _write(
    target: Path,
    recipient: bytes,
    result: ExportResult,
    ops_text: str,
    blobs: list[tuple[str, Path]],
    clock: Clock,
) -> None:
    if target.is_dir():
        raise ExportRefused(f"{target} adalah folder; sebutkan nama file (a folder, not a file)")
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportRefused(f"tidak dapat menulis di {folder}: {error.strerror or error}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as handle:
            members: dict[str, p.OutboxMember] = {}
            # The zip goes through the seal as it is written: no plain byte on the stick.
            sealed = outbox_seal.SealingWriter(handle, recipient)
            with zipfile.ZipFile(sealed, "w") as archive:  # type: ignore[call-overload]
                ops_bytes = ops_text.encode()
                members[p.OUTBOX_OPS] = p.OutboxMember(
                    sha256=hashlib.sha256(ops_bytes).hexdigest(), size=len(ops_bytes)
                )
                archive.writestr(p.OUTBOX_OPS, ops_bytes, compress_type=zipfile.ZIP_DEFLATED)
                for sha, source in blobs:
                    name = p.OUTBOX_BLOBS + sha
                    # Photos and PDFs are compressed already: stored as they are.
                    digest, size = _copy_in(archive, name, source)
                    if digest != sha:
                        raise ExportRefused(f"file lampiran {sha[:12]}… berubah saat disalin")
                    members[name] = p.OutboxMember(sha256=digest, size=size)
                    result.blobs += 1
                    result.blob_bytes += size
                manifest = p.OutboxManifest(
                    format=p.OUTBOX_FORMAT,
                    version=p.OUTBOX_VERSION,
                    device_id=result.device_id,
                    office=result.office,
                    created_at=iso(clock()),
                    app=f"lapor-desktop/{__version__}",
                    op_count=result.op_count,
                    first_device_seq=result.first_device_seq,
                    last_device_seq=result.last_device_seq,
                    members=members,
                )
                archive.writestr(
                    p.OUTBOX_MANIFEST,
                    manifest.model_dump_json(indent=2),
                    compress_type=zipfile.ZIP_DEFLATED,
                )
            sealed.finish()
            handle.flush()
            os.fsync(handle.fileno())
            result.size = handle.tell()
        tmp.replace(target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise ExportRefused(f"tidak dapat menulis {target}: {error.strerror or error}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def _copy_in(archive: zipfile.ZipFile, name: str, source: Path) -> tuple[str, int]:
    """Copy a file into the archive, hashing the bytes written (not what was hashed once)."""
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reader, archive.open(name, "w", force_zip64=True) as writer:
        while chunk := reader.read(_COPY):
            digest.update(chunk)
            writer.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def remember_outbox_key(ws: Workspace, key_text: str | None) -> None:
    """Store the server's outbox key its hello named (a new one replaces the old: the server
    was set up again). None or a malformed key: the server has none, keep what we know."""
    if key_text is None:
        return
    try:
        outbox_seal.key_from_text(key_text)
    except ValueError:
        return
    with ws.db.read() as uow:
        if uow.sync.state.outbox_key() == key_text:
            return
    with ws.db.write() as uow:
        uow.sync.state.set_outbox_key(key_text)
        uow.commit()
