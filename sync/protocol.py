"""Wire protocol v1 between LAPOR Desktop and the central server (shared by `sync` and `server`).

Every body is JSON; readers ignore fields they do not know (a newer peer may add some). Paths
live under `/sync/v1`. Every call carries `X-Sync-Protocol: 1`, `X-App-Version`, and (after
enrollment) `Authorization: Bearer <access token>` and `X-Device-Id`. Request bodies over
1 KiB are gzip'd (`Content-Encoding: gzip`); responses are gzip'd when the client accepts it.
Every 4xx carries an `ErrorBody`.

Endpoints (the server's `/openapi.json` is the detailed reference):

    POST /sync/v1/hello              HelloRequest   -> HelloResponse (426: no common protocol)
    POST /sync/v1/enroll             EnrollRequest  -> EnrollResponse (no token needed)
    POST /sync/v1/token              RefreshRequest -> TokenResponse (rotates the refresh token)
    GET  /sync/v1/master                            -> MasterData
    POST /sync/v1/numbers/lease      LeaseRequest   -> NumberBlock
    HEAD /sync/v1/blobs/{sha256}     404 unknown; 200 with Upload-Offset and X-Blob-State
    PATCH /sync/v1/blobs/{sha256}    one chunk (see BLOB_* headers) -> 204 with Upload-Offset
    GET  /sync/v1/blobs/{sha256}     the complete blob's bytes (cases of other offices)
    POST /sync/v1/push               PushRequest    -> PushResponse (answers by device_seq)
    GET  /sync/v1/changes?cursor=C&limit=L          -> ChangesPage
    POST /sync/v1/verify             VerifyRequest  -> VerifyResponse
    GET  /sync/v1/snapshot?bucket=B&after=ID&limit=L -> SnapshotPage (repair of one bucket)
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable
from typing import Annotated, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
SUPPORTED_PROTOCOLS = (1,)
PREFIX = "/sync/v1"

HEADER_PROTOCOL = "X-Sync-Protocol"
HEADER_DEVICE = "X-Device-Id"
HEADER_APP_VERSION = "X-App-Version"

# Blob upload (tus-style): the server appends a chunk only at its current offset.
BLOB_OFFSET = "Upload-Offset"  # bytes already held (HEAD, 204, 409) / where this chunk starts
BLOB_LENGTH = "Upload-Length"  # the whole blob's size
BLOB_CHUNK_SHA256 = "X-Chunk-SHA256"  # hex SHA-256 of this chunk's body
BLOB_STATE = "X-Blob-State"  # "partial" | "complete"
# PATCH answers: 204 appended (Upload-Offset = new offset; complete when it equals the length),
# 409 offset mismatch (Upload-Offset = the true offset), 400 chunk hash mismatch (nothing kept),
# 422 whole-file SHA-256 mismatch on the last chunk (the partial blob is discarded),
# 413 larger than limits.max_blob_bytes.

DEFAULT_MAX_OPS = 500
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
DEFAULT_CHUNK_BYTES = 512 * 1024
DEFAULT_MAX_BLOB_BYTES = 25 * 1024 * 1024
DEFAULT_BLOCK_SIZE = 200

# Python reads any integer, SQLite's INTEGER holds 64 bits: a number the client stores (a
# cursor, a version, a block's numbers) is refused as the body is read, not by the write.
INT64_MAX = 2**63 - 1
Stored = Annotated[int, Field(ge=0, le=INT64_MAX)]
Positive = Annotated[int, Field(ge=1, le=INT64_MAX)]
# A case's id, as an op names it (OpWire.entity_id); an empty one would be stored as a case.
CaseId = Annotated[str, Field(min_length=1, max_length=64)]
EventId = Annotated[str, Field(min_length=1)]


# `register` shadows BaseModel.register (abc.ABCMeta's): without an explicit `Field()` pydantic
# takes that method as the field's default, so a body without `register` would validate.
# The explicit Field() makes it required; the warning about the shadowing is expected.
_REGISTER_SHADOWS = 'Field name "register" in'
warnings.filterwarnings("ignore", message=_REGISTER_SHADOWS, category=UserWarning)


class _Wire(BaseModel):
    # Readers ignore what they do not know: a newer peer may send more.
    model_config = ConfigDict(extra="ignore")


class ErrorBody(_Wire):
    error: str  # a stable code: bad_request, unauthorized, token_expired, forbidden, ...
    message: str  # one human sentence (English; the client translates known codes)
    detail: Any = None


# ----------------------------------------------------------------------------- hello


class HelloRequest(_Wire):
    protocols: list[int]
    app: str
    schema_version: str = ""
    device_id: str | None = None
    client_time: str  # ISO-8601 with zone; only used to warn about a skewed clock


class Limits(_Wire):
    # Bounded: the push takes a share of max_bytes as a float, which 10**400 would overflow.
    max_ops: Positive = DEFAULT_MAX_OPS
    max_bytes: Positive = DEFAULT_MAX_BYTES
    chunk_bytes: Positive = DEFAULT_CHUNK_BYTES
    max_blob_bytes: Positive = DEFAULT_MAX_BLOB_BYTES


class HelloResponse(_Wire):
    protocol: int
    server_time: str
    min_app: str = "0"
    must_update: bool = False
    message: str | None = None
    limits: Limits = Field(default_factory=Limits)
    # The key outbox files are sealed to (sync/outbox_seal.py): base64 of the raw X25519
    # public key. None from a server that has none; a PC stores it at every hello.
    outbox_key: str | None = None


# ----------------------------------------------------------------------------- enrollment


class OfficeWire(_Wire):
    code: str
    name: str
    regency: str = ""
    unit_code: str = ""
    timezone: str = "Asia/Jakarta"
    active: bool = True


class UserWire(_Wire):
    username: str
    name: str
    role: Literal["operator", "coordinator", "admin"]
    office: str


class SequenceHigh(_Wire):
    """The highest number a device already issued in one sequence (reported at enrollment)."""

    register: str = Field()  # e.g. "register:DINSOS", the desktop's number_sequence name
    year: int
    last: int


class NumberBlock(_Wire):
    """Numbers `start`..`end` (inclusive) of one register and year, leased to one device."""

    register: str = Field()  # required: see _REGISTER_SHADOWS
    year: Annotated[int, Field(ge=1, le=9999)]  # a year a `date` can hold
    start: Positive
    end: Positive
    # The ordinal of the device within its office (1, 2, …): it goes into the device's
    # provisional register numbers (`…/S{ordinal}-{n}`). None from a server that has none.
    device_ordinal: Positive | None = None


class EnrollRequest(_Wire):
    username: str
    password: str
    device_id: str
    device_name: str = ""
    app: str = ""
    highest: list[SequenceHigh] = Field(default_factory=list)
    # The office of the data dir being enrolled (None: a fresh one, any office). A server that
    # knows this field refuses a user of another office before registering the device.
    office: str | None = None
    # A token this server issued to the device since its last enrollment (the data dir's
    # refresh token, even used or expired): proof that the request comes from the data dir
    # that holds the device, for a user other than the one who enrolled it.
    proof: str | None = None


class TokenResponse(_Wire):
    access_token: str
    access_expires_at: str
    refresh_token: str


class EnrollResponse(TokenResponse):
    device_id: str
    office: OfficeWire
    user: UserWire
    blocks: list[NumberBlock] = Field(default_factory=list)
    outbox_key: str | None = None  # as in HelloResponse: a PC enrolled can export at once


class RefreshRequest(_Wire):
    device_id: str
    refresh_token: str


class LeaseRequest(_Wire):
    register: str = Field()  # required: see _REGISTER_SHADOWS
    year: int
    count: int = DEFAULT_BLOCK_SIZE


# ----------------------------------------------------------------------------- master data


class CategoryWire(_Wire):
    code: str
    name: str
    parent_code: str | None = None
    active: bool = True
    position: int = 0


class HolidayWire(_Wire):
    day: str  # YYYY-MM-DD
    name: str
    kind: str  # national | cuti_bersama | local (the desktop's HolidayKind values)


class MasterData(_Wire):
    version: str  # a hash of the content: unchanged data need not be re-applied
    offices: list[OfficeWire]
    categories: list[CategoryWire]
    holidays: list[HolidayWire]
    sla_rules: list[dict[str, Any]]  # SlaRuleBook.to_json() items


# ----------------------------------------------------------------------------- push

OpStatus = Literal["applied", "merged", "conflict", "rejected", "deferred"]
FINAL_STATUSES: frozenset[str] = frozenset({"applied", "merged", "conflict", "rejected"})


class OpWire(_Wire):
    """`lapor_desktop.domain.ops.Operation.to_json()` exactly."""

    op_id: str = Field(min_length=1, max_length=64)
    op_type: str
    op_v: int = 1
    entity: str = "case"
    entity_id: str = Field(min_length=1, max_length=64)
    base_version: int
    device_id: str
    device_seq: int = Field(ge=1)
    actor: str
    office: str
    at: str
    data: dict[str, Any] = Field(default_factory=dict)


class PushRequest(_Wire):
    device_id: str
    ops: list[OpWire]


class OpResult(_Wire):
    """One op's answer. On the wire an op is named by its `device_seq` alone (unique within
    the batch the client sent, which knows its `op_id`): random op ids do not compress."""

    device_seq: int
    status: OpStatus
    op_id: str | None = None  # omitted by the server; the client fills it in from its batch
    version: Stored | None = None  # the case's server version after the op
    code: str | None = None  # rejected: the domain error code; deferred: why
    message: str | None = None
    conflict_ids: list[str] = Field(default_factory=list)
    fields: list[str] = Field(default_factory=list)  # merged/conflict: the fields concerned

    @property
    def plain(self) -> bool:
        """An `applied` with nothing but its version: sent in a run (PushResponse.applied)."""
        return (
            self.status == "applied"
            and self.version is not None
            and self.code is None
            and self.message is None
            and not self.conflict_ids
            and not self.fields
        )


class PushResponse(_Wire):
    """The answers for the ops processed (a prefix of the batch, in device_seq order).

    Most answers are a plain `applied` with the case's new version: those travel as runs,
    `[first_seq, version, version, ...]` answering ops `first_seq, first_seq + 1, ...` (one
    version each), so 500 answers are a few hundred small numbers. Every other answer is a
    whole `OpResult` in `results`. Fields with their default value are left out.
    """

    applied: list[list[int]] = Field(default_factory=list)
    results: list[OpResult] = Field(default_factory=list)
    # Set when the batch skipped ahead of the device's sequence: resend from `expected_seq`.
    expected_seq: Positive | None = None
    last_device_seq: int  # the highest device_seq the server has processed for this device

    @classmethod
    def of(
        cls, answers: list[OpResult], *, expected_seq: int | None, last_device_seq: int
    ) -> PushResponse:
        """The compact form of `answers` (in device_seq order)."""
        runs: list[list[int]] = []
        others: list[OpResult] = []
        for answer in answers:
            if not answer.plain:
                others.append(answer.model_copy(update={"op_id": None}))
                continue
            assert answer.version is not None
            run = runs[-1] if runs else None
            if run is not None and run[0] + len(run) - 1 == answer.device_seq:
                run.append(answer.version)
            else:
                runs.append([answer.device_seq, answer.version])
        return cls(
            applied=runs, results=others, expected_seq=expected_seq, last_device_seq=last_device_seq
        )

    def answers(self) -> list[OpResult]:
        """Every answer as a whole OpResult, in device_seq order (op_id not filled in).

        Raises ValueError on a malformed response: a run without a version, or two answers
        for one sequence number.
        """
        found: dict[int, OpResult] = {}
        for run in self.applied:
            if len(run) < 2:
                raise ValueError(f"an applied run needs a sequence and a version: {run}")
            for offset, version in enumerate(run[1:]):
                seq = run[0] + offset
                if seq in found:
                    raise ValueError(f"two answers for op {seq}")
                found[seq] = OpResult(device_seq=seq, status="applied", version=version)
        for result in self.results:
            if result.device_seq in found:
                raise ValueError(f"two answers for op {result.device_seq}")
            found[result.device_seq] = result
        return [found[seq] for seq in sorted(found)]


# ----------------------------------------------------------------------------- pull


class EventWire(_Wire):
    """A timeline event, as `TimelineEvent` (ids are derived from the op, the same everywhere)."""

    id: EventId
    case_id: CaseId
    kind: str
    at: str
    actor: str
    office: str
    device_id: str
    op_id: str | None = None
    summary: str
    data: dict[str, Any] = Field(default_factory=dict)


class Change(_Wire):
    seq: Stored
    entity: Literal["case"] = "case"
    id: CaseId
    version: Stored  # the case's version after this change (of the document, where it has one)
    # upsert: `case` is the case document (case_codec.case_to_json) as the server holds it now,
    # sent once per page: on the case's last upsert of the page. Its earlier upserts there have
    # `case` null and take that document (their events are their own). A case that has left the
    # office's scope since is sent as the office could see it at that change instead.
    # leave_scope: the office no longer sees the case (e.g. made confidential at another office);
    # the client keeps a read-only stub and never deletes unsent local work.
    kind: Literal["upsert", "leave_scope"]
    case: dict[str, Any] | None = None
    # upsert: the events this change made, or, when the office enters the case's scope with it,
    # every event of the case so far.
    events: list[EventWire] = Field(default_factory=list)


class ChangesPage(_Wire):
    """Changes in sequence order. A reader applies a page whole, with its cursor, or nothing:
    an upsert whose document no later upsert of its case on the page carries is malformed."""

    changes: list[Change]
    next_cursor: Stored
    has_more: bool


# ----------------------------------------------------------------------------- verify


class BucketDigest(_Wire):
    count: int
    hash: str


class VerifyRequest(_Wire):
    buckets: dict[str, BucketDigest]  # bucket (see bucket_of) -> what the client holds


class VerifyResponse(_Wire):
    mismatched: list[str]  # buckets to re-download through /snapshot
    server: dict[str, BucketDigest]


class SnapshotPage(_Wire):
    bucket: str
    cases: list[dict[str, Any]]  # case documents, ordered by id
    events: list[EventWire]  # every event of those cases
    next_after: str | None
    has_more: bool


def bucket_of(received_at_iso: str) -> str:
    """The verify bucket of a case: the UTC month of its receipt (`2026-03`)."""
    return received_at_iso[:7]


def doc_hash(doc_text: str | bytes) -> str:
    """Hash of a stored case document: its JSON parsed and re-encoded canonically (sorted keys,
    compact, UTF-8), so neither side's storage format (spacing, key order) matters."""
    canonical = orjson.dumps(orjson.loads(doc_text), option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()


def digest(cases: Iterable[tuple[str, int, str]]) -> BucketDigest:
    """Count and order-independent hash of `(case id, version, doc_hash)`; both sides compute
    it. The document's hash is in it: two replicas at one version with different content (a
    damaged row, a write the server never saw) differ."""
    acc = 0
    count = 0
    for case_id, version, content in cases:
        item = f"{case_id}:{version}:{content}".encode()
        acc ^= int.from_bytes(hashlib.sha256(item).digest()[:8], "big")
        count += 1
    return BucketDigest(count=count, hash=f"{acc:016x}")


# ----------------------------------------------------------------------------- outbox file
# The pending outbox carried by hand (USB) to the server, for offices without a link
# (`lapor-desktop export-outbox`, `lapor-server import-outbox`). On the stick the zip is
# sealed to the server's `outbox_key` (sync/outbox_seal.py); inside the seal, one zip file:
#   manifest.json    OutboxManifest
#   ops.json         a JSON array of the pending ops in device_seq order, each exactly as a
#                    push sends it (OpWire)
#   blobs/<sha256>   the bytes of each file an `attachment.add` among them names that the
#                    server may not hold yet
# The server applies the ops through its push code, so the same op_ids make the file and a
# later online sync of the device apply each op once, in whichever order they arrive.

OUTBOX_FORMAT = "lapor-outbox"
OUTBOX_VERSION = 1
OUTBOX_MANIFEST = "manifest.json"
OUTBOX_OPS = "ops.json"
OUTBOX_BLOBS = "blobs/"


class OutboxMember(_Wire):
    sha256: str  # hex SHA-256 of the member's bytes
    size: int = Field(ge=0)


class OutboxManifest(_Wire):
    format: str
    version: int
    device_id: str
    office: str
    created_at: str  # ISO-8601; for people only (never used for ordering)
    app: str = ""
    op_count: int = Field(ge=0)
    first_device_seq: int
    last_device_seq: int
    members: dict[str, OutboxMember]  # every member but the manifest, by name
