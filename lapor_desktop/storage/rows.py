"""SQLAlchemy rows, the local schema: only storage/ sees them; the rest sees domain objects."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class CaseRow(Base):
    """Indexed columns for lists, queues and search, plus the whole case as a JSON document."""

    __tablename__ = "case"

    # An INTEGER primary key keeps rowids stable across VACUUM, which the FTS index relies on.
    row_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    register_no: Mapped[str] = mapped_column(String(64), unique=True)
    origin_office: Mapped[str] = mapped_column(String(20))
    holder_office: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(20))
    category_code: Mapped[str] = mapped_column(String(80))
    priority: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(30))
    anonymous: Mapped[bool] = mapped_column(Integer)
    confidential: Mapped[bool] = mapped_column(Integer)
    # ISO-8601 UTC text: sorts the same as time and is readable in any SQLite shell.
    received_at: Mapped[str] = mapped_column(String(40))
    received_month: Mapped[str] = mapped_column(String(7))
    updated_at: Mapped[str] = mapped_column(String(40))
    lapor_tracking_id: Mapped[str | None] = mapped_column(String(20))
    reporter_phone: Mapped[str | None] = mapped_column(String(30))
    reporter_display: Mapped[str | None] = mapped_column(String(200))
    next_due_at: Mapped[str | None] = mapped_column(String(40))
    next_due_stage: Mapped[str | None] = mapped_column(String(30))
    paused: Mapped[bool] = mapped_column(Integer, default=0)
    # Open sync conflicts in the document (Queue.CONFLICTS); 0 for almost every case.
    open_conflicts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    server_version: Mapped[int] = mapped_column(Integer, default=0)
    # Set when the server said this office no longer sees the case: a read-only stub.
    scope_left_at: Mapped[str | None] = mapped_column(String(40))
    doc: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_case_status_holder", "status", "holder_office"),
        Index("ix_case_holder_status_due", "holder_office", "status", "next_due_at"),
        Index("ix_case_received", "received_at", "row_id"),
        Index("ix_case_category_month", "category_code", "received_month"),
        Index("ix_case_tracking", "lapor_tracking_id"),
        Index("ix_case_phone", "reporter_phone"),
        Index("ix_case_open_conflicts", "open_conflicts"),
    )


class CaseEventRow(Base):
    """The append-only timeline; triggers in the migration refuse UPDATE and DELETE."""

    __tablename__ = "case_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    office: Mapped[str] = mapped_column(String(20))
    device_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[str | None] = mapped_column(String(36))
    summary: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    server_seq: Mapped[int | None] = mapped_column(Integer)


class OutboxRow(Base):
    """Operations waiting for the server, written in the transaction of the change they record."""

    __tablename__ = "outbox"
    # A case's pending operations in one search (migration 0005 says why).
    __table_args__ = (Index("ix_outbox_entity_state", "entity_id", "state"),)

    device_seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(36))
    op_type: Mapped[str] = mapped_column(String(30))
    op_v: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(12), server_default=text("'pending'"), index=True)
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)


class BlobRow(Base):
    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(12), server_default=text("'local'"))
    uploaded_bytes: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    created_at: Mapped[str] = mapped_column(String(40))


class NumberSequenceRow(Base):
    """One counter per register and year; only ever incremented, so numbers are never reused."""

    __tablename__ = "number_sequence"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class NumberBlockRow(Base):
    """Numbers start..end of a register and year, leased to this device by the server."""

    __tablename__ = "number_block"

    register: Mapped[str] = mapped_column(String(80), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer, primary_key=True)
    end: Mapped[int] = mapped_column(Integer)
    next: Mapped[int] = mapped_column(Integer)  # the next to issue; used up once next > end
    leased_at: Mapped[str] = mapped_column(String(40))


class NumberVoidRow(Base):
    __tablename__ = "number_void"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(80))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))


class CategoryRow(Base):
    __tablename__ = "category"

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_code: Mapped[str | None] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)


class HolidayRow(Base):
    """A non-working day, or (working=1) a local removal of a national holiday."""

    __tablename__ = "holiday"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    working: Mapped[bool] = mapped_column(Integer, server_default=text("0"))


class AuditRow(Base):
    """Who changed reference data (holidays, settings), when, from what to what."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(200))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class SlaRuleRow(Base):
    __tablename__ = "sla_rule"

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    doc: Mapped[str] = mapped_column(Text)


class SettingRow(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class IssuedLetterRow(Base):
    """A letter as issued: its number (none for a Lembar Disposisi) and the hash of its PDF.

    The PDF itself is in the blob store; a reprint reads it back byte for byte. Rows are never
    deleted: a void sets `voided_at` and `void_reason` and the number stays burnt.
    """

    __tablename__ = "issued_letter"

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    variant: Mapped[str] = mapped_column(String(20), server_default=text("''"))
    number: Mapped[str | None] = mapped_column(String(80), unique=True)
    paper: Mapped[str] = mapped_column(String(4))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[str] = mapped_column(String(40), index=True)
    issued_by: Mapped[str] = mapped_column(String(100))
    voided_at: Mapped[str | None] = mapped_column(String(40))
    void_reason: Mapped[str | None] = mapped_column(Text)
    # Set (by a trigger, migration 0006) when the case became anonymous: the PDF is deleted.
    withheld_at: Mapped[str | None] = mapped_column(String(40))
    # As printed (migration 0007): the Hal, and a Surat Penerusan's agency; NULL before it.
    subject: Mapped[str | None] = mapped_column(Text)
    addressed_to: Mapped[str | None] = mapped_column(String(300))


class SyncLogRow(Base):
    """One row per sync run (diagnostics, and the derived last success / last error)."""

    __tablename__ = "sync_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(36), unique=True)
    started_at: Mapped[str] = mapped_column(String(40))
    ended_at: Mapped[str | None] = mapped_column(String(40))
    phase: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(12))  # running | ok | failed | cancelled
    counts: Mapped[str] = mapped_column(Text)  # JSON: sent, applied, conflict, rejected, …
    bytes_sent: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    bytes_received: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    error: Mapped[str | None] = mapped_column(Text)
