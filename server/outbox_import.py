"""`lapor-server import-outbox`: a device's outbox file, carried by hand, applied here.

The file (its format: the outbox file in sync/protocol.py) is checked whole before anything is
written: its structure and version, every member's SHA-256 and size against the manifest, the
ops against the manifest and against each other, the device (known, not revoked, of the office
the file names), no gap before the file's first op, and every push batch of it through the
checks the HTTP push makes. Only then are the files stored (through the blob upload's own code,
chunk by chunk, with its checks) and the ops applied through the push's own code: one batch
per `max_ops`, a stored result per op. An op already processed, by an earlier import or by the
device's own online sync, is answered with its stored result and changes nothing, so a file
imported twice, or a device that syncs online afterwards, applies each op exactly once.

The file is sealed to this server's outbox key (sync/outbox_seal.py): it is opened into a
temporary file first, and a file for another server, a changed or missing byte anywhere, or a
plain zip is refused before any of the checks above.

Trust: the seal keeps the file secret but signs nothing (anyone may seal to a public key).
Whoever runs this command holds the server's database and could write anything there anyway;
the checks here refuse what a damaged or mixed-up file would get wrong (another device,
another office, a revoked PC, a changed byte). The ops are held to the device's rights as they
are today, exactly as if it had pushed them.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import orjson
from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from server.admin import AdminError
from server.auth import Caller, device_caller
from server.blobs import COMPLETE, BlobStore
from server.db import read_session
from server.errors import ApiError
from server.outbox_key import stored_private_key
from server.push import apply_checked, check_request
from server.push_batch import Incoming
from server.settings import ServerSettings
from server.tables import Blob, Device, ProcessedOp
from sync import outbox_seal
from sync import protocol as p

MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_OPS_BYTES = 512 * 1024 * 1024
_SHA = re.compile(r"[0-9a-f]{64}")
_READ = 1024 * 1024


class ImportRefused(AdminError):
    """The file is refused as a whole; nothing of it was written."""


class ImportStopped(Exception):
    """Writing began and could not go on (what was stored stays; importing again resumes)."""


@dataclass
class ImportSummary:
    device_id: str
    office: str
    ops: int
    applied: int = 0
    merged: int = 0
    conflict: int = 0
    rejected: int = 0
    deferred: int = 0
    replayed: int = 0  # answered with the result stored before (an earlier import or sync)
    waiting: int = 0  # not reached: after a deferred op, or a sequence gap met while importing
    blobs_stored: int = 0
    blobs_present: int = 0  # complete on the server already
    blob_bytes: int = 0
    attention: list[dict[str, str | int | None]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "ops": self.ops,
            "applied": self.applied,
            "merged": self.merged,
            "conflict": self.conflict,
            "rejected": self.rejected,
            "deferred": self.deferred,
            "replayed": self.replayed,
            "waiting": self.waiting,
            "blobs_stored": self.blobs_stored,
            "blobs_present": self.blobs_present,
        }


@dataclass
class _Checked:
    manifest: p.OutboxManifest
    who: Caller
    batches: list[list[Incoming]]
    blobs: dict[str, int]  # sha -> size, the files in the archive the server lacks


def import_outbox(
    engine: Engine, settings: ServerSettings, path: Path, *, store: BlobStore | None = None
) -> ImportSummary:
    with _open(engine, path) as archive:
        checked = _check(engine, settings, archive, path)
        # Checked whole: from here on the file's content is written.
        store = store or BlobStore(settings.blob_dir, settings.limits)
        summary = ImportSummary(
            checked.manifest.device_id,
            checked.manifest.office,
            checked.manifest.op_count,
            blobs_present=sum(
                1 for name in checked.manifest.members if name.startswith(p.OUTBOX_BLOBS)
            )
            - len(checked.blobs),
        )
        for sha, size in checked.blobs.items():
            _store_blob(engine, settings, store, checked.who, archive, sha, size)
            summary.blobs_stored += 1
            summary.blob_bytes += size
        _apply(engine, settings, store, checked, summary)
    return summary


@contextmanager
def _open(engine: Engine, path: Path) -> Iterator[zipfile.ZipFile]:
    if not path.is_file():
        raise ImportRefused(f"{path}: no such file")
    # The plain zip goes to a temporary file of this server (never next to the file, which
    # may be on the stick), deleted when closed; the checks below then read it as before.
    with path.open("rb") as source, tempfile.TemporaryFile(prefix="lapor-outbox-") as plain:
        _unseal(engine, source, plain, path)
        plain.seek(0)
        try:
            archive = zipfile.ZipFile(plain)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
            raise ImportRefused(
                f"{path}: not an outbox file, or an incomplete copy of one ({error})"
            ) from None
        with archive:
            yield archive


def _unseal(engine: Engine, source: BinaryIO, plain: BinaryIO, path: Path) -> None:
    try:
        header = outbox_seal.read_header(source)
    except outbox_seal.PlainZip:
        raise ImportRefused(
            f"{path}: an unencrypted outbox file; this server imports only sealed ones "
            "(export it again with the current lapor-desktop)"
        ) from None
    except outbox_seal.NotSealed:
        raise ImportRefused(
            f"{path}: not an outbox file (lapor-desktop export-outbox writes one)"
        ) from None
    except outbox_seal.SealError as error:
        raise ImportRefused(f"{path}: {error}") from None
    private = stored_private_key(engine)
    ours = None if private is None else outbox_seal.fingerprint(outbox_seal.public_key_of(private))
    if private is None or ours != header.recipient_fingerprint:
        mine = f"this server's is {ours[:16]}" if ours else "this server has no outbox key yet"
        raise ImportRefused(
            f"{path}: sealed for another server (key {header.recipient_fingerprint[:16]}, "
            f"{mine}); import it on the server the PC syncs with"
        )
    try:
        outbox_seal.unseal(source, header, private, plain)
    except outbox_seal.SealError as error:
        raise ImportRefused(f"{path}: {error}; copy the file again from the PC") from None


# ----------------------------------------------------------------------------- checking


def _check(
    engine: Engine, settings: ServerSettings, archive: zipfile.ZipFile, path: Path
) -> _Checked:
    infos = archive.infolist()
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise ImportRefused(f"{path}: a member appears twice; the file was altered")
    by_name = {info.filename: info for info in infos}
    if p.OUTBOX_MANIFEST not in by_name or p.OUTBOX_OPS not in by_name:
        raise ImportRefused(
            f"{path}: not an outbox file (no {p.OUTBOX_MANIFEST} or {p.OUTBOX_OPS})"
        )
    manifest = _manifest(archive, by_name[p.OUTBOX_MANIFEST], path)
    listed = set(manifest.members)
    present = set(by_name) - {p.OUTBOX_MANIFEST}
    if listed != present:
        odd = sorted(listed ^ present)[0]
        raise ImportRefused(f"{path}: member {odd} is not as the manifest lists; file altered")
    for name in sorted(present):
        if name != p.OUTBOX_OPS and not (
            name.startswith(p.OUTBOX_BLOBS) and _SHA.fullmatch(name.removeprefix(p.OUTBOX_BLOBS))
        ):
            raise ImportRefused(f"{path}: unexpected member {name}")
    limit = settings.limits.max_blob_bytes
    ops_text = b""
    for name in sorted(present):
        member = manifest.members[name]
        info = by_name[name]
        cap = MAX_OPS_BYTES if name == p.OUTBOX_OPS else limit
        if info.file_size != member.size or member.size > cap:
            raise ImportRefused(
                f"{path}: {name} is {info.file_size} bytes, the manifest says {member.size}"
                if info.file_size != member.size
                else f"{path}: {name} is larger than the server accepts ({cap} bytes)"
            )
        digest, data = _read(archive, info, path, keep=name == p.OUTBOX_OPS)
        if digest != member.sha256.lower():
            raise ImportRefused(f"{path}: {name} does not match its SHA-256; the file is damaged")
        if name == p.OUTBOX_OPS:
            ops_text = data
        elif digest != name.removeprefix(p.OUTBOX_BLOBS):
            raise ImportRefused(f"{path}: {name} does not hold the file its name says")
    wires = _ops(ops_text, manifest, path)
    blob_names = {n.removeprefix(p.OUTBOX_BLOBS) for n in present if n != p.OUTBOX_OPS}
    named = {
        str(w.data.get("sha256") or "").lower() for w in wires if w.op_type == "attachment.add"
    }
    stray = sorted(blob_names - named)
    if stray:
        raise ImportRefused(f"{path}: file {stray[0][:12]}… is named by no op of this file")
    with read_session(engine) as session:
        device = session.get(Device, manifest.device_id)
        if device is None:
            raise ImportRefused(
                f"unknown device {manifest.device_id}: it was never enrolled with this server"
            )
        if device.revoked:
            raise ImportRefused(f"device {device.device_id} is revoked; its ops are not accepted")
        if device.office != manifest.office:
            raise ImportRefused(
                f"device {device.device_id} belongs to office {device.office}, "
                f"the file says {manifest.office}"
            )
        try:
            who = device_caller(session, device)
        except ApiError as error:
            raise ImportRefused(f"device {device.device_id}: {error.message}") from None
        _check_sequence(wires, int(device.last_device_seq), manifest)
        sizes = _blob_sizes(session, blob_names)
        if blob_names:
            _check_blob_dir(session, settings)
    missing: dict[str, int] = {}
    for sha in sorted(blob_names):
        size = manifest.members[p.OUTBOX_BLOBS + sha].size
        held = sizes.get(sha)
        if held is not None and held[0] != size:
            raise ImportRefused(
                f"file {sha[:12]}… is {size} bytes here, the server holds it as {held[0]}"
            )
        if held is None or held[1] != COMPLETE:
            missing[sha] = size
    step = max(1, settings.limits.max_ops)
    batches: list[list[Incoming]] = []
    for start in range(0, len(wires), step):
        body = p.PushRequest(device_id=manifest.device_id, ops=wires[start : start + step])
        try:
            batches.append(check_request(settings, who, body))
        except ApiError as error:
            raise ImportRefused(f"{path}: {error.message}") from None
    return _Checked(manifest, who, batches, missing)


def _manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> p.OutboxManifest:
    if info.file_size > MAX_MANIFEST_BYTES:
        raise ImportRefused(f"{path}: the manifest is too large to be one")
    _digest, data = _read(archive, info, path, keep=True)
    try:
        raw = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise ImportRefused(f"{path}: {p.OUTBOX_MANIFEST} is not JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != p.OUTBOX_FORMAT:
        raise ImportRefused(f"{path}: not an outbox file (format {raw.get('format')!r})")
    if raw.get("version") != p.OUTBOX_VERSION:
        raise ImportRefused(
            f"{path}: outbox file version {raw.get('version')!r}; this server reads version "
            f"{p.OUTBOX_VERSION} (update the server)"
        )
    try:
        return p.OutboxManifest.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ImportRefused(f"{path}: manifest {where}: {first['msg']}") from None


def _read(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, *, keep: bool
) -> tuple[str, bytes]:
    """The member's SHA-256 (and bytes when `keep`), read to its end: zipfile checks its
    CRC there, and a truncated or damaged archive fails here, before anything is written."""
    digest = hashlib.sha256()
    parts: list[bytes] = []
    try:
        with archive.open(info) as member:
            while chunk := member.read(_READ):
                digest.update(chunk)
                if keep:
                    parts.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise ImportRefused(f"{path}: {info.filename} cannot be read ({error})") from None
    return digest.hexdigest(), b"".join(parts)


def _ops(text: bytes, manifest: p.OutboxManifest, path: Path) -> list[p.OpWire]:
    try:
        raw = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise ImportRefused(f"{path}: {p.OUTBOX_OPS} is not JSON") from None
    if not isinstance(raw, list):
        raise ImportRefused(f"{path}: {p.OUTBOX_OPS} is not a list of ops")
    wires: list[p.OpWire] = []
    for index, item in enumerate(raw):
        try:
            wires.append(p.OpWire.model_validate(item))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ImportRefused(f"{path}: op {index + 1}: {where}: {first['msg']}") from None
    if len(wires) != manifest.op_count or not wires:
        raise ImportRefused(
            f"{path}: {len(wires)} ops in the file, the manifest says {manifest.op_count}"
        )
    seqs = [w.device_seq for w in wires]
    if any(b <= a for a, b in itertools.pairwise(seqs)):
        raise ImportRefused(f"{path}: the ops are not in device_seq order, each once")
    if (seqs[0], seqs[-1]) != (manifest.first_device_seq, manifest.last_device_seq):
        raise ImportRefused(
            f"{path}: ops {seqs[0]}–{seqs[-1]}, the manifest says "
            f"{manifest.first_device_seq}–{manifest.last_device_seq}"
        )
    for wire in wires:
        if wire.device_id != manifest.device_id:
            raise ImportRefused(f"{path}: op {wire.device_seq} names device {wire.device_id}")
    return wires


def _check_sequence(wires: list[p.OpWire], last: int, manifest: p.OutboxManifest) -> None:
    """No op of the file may skip ahead of the device's sequence on the server: the push would
    stop there (a gap), part of the file applied. Ops at or below it were processed already
    (their stored results answer them) or are refused as stale, as a push refuses them."""
    expected = last + 1
    for wire in wires:
        if wire.device_seq < expected:
            continue
        if wire.device_seq > expected:
            raise ImportRefused(
                f"gap: the server holds ops of device {manifest.device_id} up to {expected - 1},"
                f" this file's next is {wire.device_seq}; import the earlier file first, or let "
                "the PC sync online"
            )
        expected += 1


def _check_blob_dir(session: Session, settings: ServerSettings) -> None:
    """Files stored under another data dir than the server's would be "complete" in the
    database and missing to every download: one file the database has must be here."""
    known = session.execute(select(Blob.sha256).where(Blob.state == COMPLETE).limit(1)).scalar()
    if known is None:
        return
    probe = BlobStore.final_path_in(settings.blob_dir, known)
    if not probe.is_file():
        raise ImportRefused(
            f"{settings.blob_dir} does not hold this database's files; pass the --data-dir "
            "the server runs with"
        )


def _blob_sizes(session: Session, shas: set[str]) -> dict[str, tuple[int, str]]:
    if not shas:
        return {}
    rows = session.execute(select(Blob.sha256, Blob.size, Blob.state).where(Blob.sha256.in_(shas)))
    return {sha: (int(size), str(state)) for sha, size, state in rows}


# ----------------------------------------------------------------------------- writing


def _store_blob(
    engine: Engine,
    settings: ServerSettings,
    store: BlobStore,
    who: Caller,
    archive: zipfile.ZipFile,
    sha: str,
    size: int,
) -> None:
    """Upload one file from the archive through the blob endpoint's own code: from the offset
    the server holds (an online upload may have begun), each chunk with its SHA-256, the
    whole file checked at the end."""
    for attempt in range(2):
        with read_session(engine) as session:
            row = session.get(Blob, sha)
            if row is not None and row.state == COMPLETE:
                return
            offset = 0 if row is None else int(row.received_bytes)
        chunk_bytes = max(1, settings.limits.chunk_bytes)
        with archive.open(p.OUTBOX_BLOBS + sha) as member:
            skipped = 0
            while skipped < offset:
                skipped += len(member.read(min(_READ, offset - skipped)))
            while True:
                chunk = member.read(chunk_bytes) if offset < size else b""
                headers = {
                    p.BLOB_OFFSET.lower(): str(offset),
                    p.BLOB_LENGTH.lower(): str(size),
                    p.BLOB_CHUNK_SHA256.lower(): hashlib.sha256(chunk).hexdigest(),
                }
                try:
                    answer = store.patch(engine, who, sha, headers, chunk, settings.clock())
                except ApiError as error:
                    raise ImportStopped(f"file {sha[:12]}…: {error.message}") from None
                if answer.status_code == 422 and attempt == 0:
                    break  # the server's partial copy was damaged and is discarded: again, whole
                if answer.status_code != 204:
                    raise ImportStopped(f"file {sha[:12]}…: refused ({answer.status_code})")
                offset += len(chunk)
                if offset >= size:
                    return
    raise ImportStopped(f"file {sha[:12]}…: does not match its SHA-256 on the server")


def _apply(
    engine: Engine,
    settings: ServerSettings,
    store: BlobStore,
    checked: _Checked,
    summary: ImportSummary,
) -> None:
    device_id = checked.manifest.device_id
    for index, batch in enumerate(checked.batches):
        ids = [i.op.op_id for i in batch]
        with read_session(engine) as session:
            replays = set(
                session.execute(
                    select(ProcessedOp.op_id).where(
                        ProcessedOp.device_id == device_id, ProcessedOp.op_id.in_(ids)
                    )
                ).scalars()
            )
        answer = apply_checked(engine, settings, store, checked.who, batch)
        results = answer.answers()
        by_seq = {i.op.device_seq: i.op for i in batch}
        for result in results:
            op = by_seq[result.device_seq]
            if op.op_id in replays:
                summary.replayed += 1
                continue
            setattr(summary, result.status, getattr(summary, result.status) + 1)
            if result.status in ("rejected", "conflict", "deferred"):
                summary.attention.append(
                    {
                        "device_seq": result.device_seq,
                        "status": result.status,
                        "op_type": op.op_type.value,
                        "case": op.entity_id,
                        "code": result.code,
                        "message": result.message,
                    }
                )
        if len(results) < len(batch):
            # A deferred op (a file still missing) or a gap another push opened meanwhile:
            # the device's own sync delivers the rest, in order.
            summary.waiting = (
                len(batch) - len(results) + sum(len(b) for b in checked.batches[index + 1 :])
            )
            return
