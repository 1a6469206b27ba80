"""The server's tables (SQLAlchemy 2 declarative): one module so the schema reads in one place.

Times are UTC ISO-8601 text, as on the desktop: they sort as text and survive both SQLite and
PostgreSQL unchanged. Documents (cases, events, results) are JSON text: the server never
queries inside them; what it filters on is mirrored into columns or index tables.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Office(Base):
    __tablename__ = "office"
    code: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    regency: Mapped[str] = mapped_column(String, default="")
    unit_code: Mapped[str] = mapped_column(String, default="")
    timezone: Mapped[str] = mapped_column(String, default="Asia/Jakarta")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class UserAccount(Base):
    __tablename__ = "user_account"
    username: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    office: Mapped[str] = mapped_column(ForeignKey("office.code"))
    role: Mapped[str] = mapped_column(String)
    password_hash: Mapped[str] = mapped_column(String)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Device(Base):
    __tablename__ = "device"
    device_id: Mapped[str] = mapped_column(String, primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("user_account.username"))
    office: Mapped[str] = mapped_column(ForeignKey("office.code"))
    name: Mapped[str] = mapped_column(String, default="")
    last_device_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    enrolled_at: Mapped[str] = mapped_column(String)
    # 1, 2, … in enrollment order within the office, never reused (server/numbers.py): it
    # keeps the provisional register numbers of two PCs apart. NULL until first needed.
    ordinal: Mapped[int | None] = mapped_column(Integer, nullable=True)
    __table_args__ = (UniqueConstraint("office", "ordinal", name="uq_device_office_ordinal"),)


class Token(Base):
    __tablename__ = "token"
    # SHA-256 of the token: a stolen database holds no usable token.
    token_hash: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)  # access | refresh
    device_id: Mapped[str] = mapped_column(ForeignKey("device.device_id"), index=True)
    expires_at: Mapped[str] = mapped_column(String)
    # A refresh token is used once: rotation marks it, and a second use is refused.
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class CategoryRow(Base):
    __tablename__ = "category"
    code: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    parent_code: Mapped[str | None] = mapped_column(String, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class HolidayRow(Base):
    __tablename__ = "holiday"
    day: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)


class SlaRuleRow(Base):
    __tablename__ = "sla_rule"
    code: Mapped[str] = mapped_column(String, primary_key=True)
    doc: Mapped[str] = mapped_column(Text)


class NumberBlockRow(Base):
    __tablename__ = "number_block"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office: Mapped[str] = mapped_column(ForeignKey("office.code"))
    register: Mapped[str] = mapped_column(String)
    year: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.device_id"))
    start: Mapped[int] = mapped_column(BigInteger)
    end: Mapped[int] = mapped_column(BigInteger)
    leased_at: Mapped[str] = mapped_column(String)
    __table_args__ = (Index("ix_number_block_register", "register", "year"),)


class NumberFloor(Base):
    """The highest number of a register and year that anyone used, leased or reported.

    A lease is one `UPDATE ... SET last = last + n RETURNING last` on this row, so two devices
    leasing at once can never receive overlapping blocks.
    """

    __tablename__ = "number_floor"
    register: Mapped[str] = mapped_column(String, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(BigInteger, default=0)


class CaseRow(Base):
    __tablename__ = "case"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    register_no: Mapped[str] = mapped_column(String)
    # The register number when it is official (NULL when provisional): unique across cases.
    register_key: Mapped[str | None] = mapped_column(String, nullable=True, unique=True)
    holder_office: Mapped[str] = mapped_column(String)
    origin_office: Mapped[str] = mapped_column(String)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[str] = mapped_column(String)
    bucket: Mapped[str] = mapped_column(String, index=True)
    doc: Mapped[str] = mapped_column(Text)


class CaseScope(Base):
    """The offices that see a case now (see docs/sync.md, Scope)."""

    __tablename__ = "case_scope"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"), primary_key=True)
    office: Mapped[str] = mapped_column(String, primary_key=True)
    __table_args__ = (Index("ix_case_scope_office", "office", "case_id"),)


class CaseVersion(Base):
    __tablename__ = "case_version"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc: Mapped[str] = mapped_column(Text)
    op_id: Mapped[str] = mapped_column(String)
    device_id: Mapped[str] = mapped_column(String)
    actor: Mapped[str] = mapped_column(String)
    office: Mapped[str] = mapped_column(String)
    at: Mapped[str] = mapped_column(String)


class CaseEvent(Base):
    __tablename__ = "case_event"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"), index=True)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    doc: Mapped[str] = mapped_column(Text)


class CaseAttachment(Base):
    """Which case references which blob: decides who may download a blob."""

    __tablename__ = "case_attachment"
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String, primary_key=True, index=True)


class ChangeLog(Base):
    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"))
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String)
    # A case's previous change: did an office just enter its scope (server/changes.py)?
    __table_args__ = (Index("ix_change_log_case_seq", "case_id", "seq"),)


class ChangeScope(Base):
    """Who sees a change: the new scope (visible) and offices that just left it (not visible)."""

    __tablename__ = "change_scope"
    seq: Mapped[int] = mapped_column(ForeignKey("change_log.seq"), primary_key=True)
    office: Mapped[str] = mapped_column(String, primary_key=True)
    visible: Mapped[bool] = mapped_column(Boolean)
    __table_args__ = (Index("ix_change_scope_office_seq", "office", "seq"),)


class Counter(Base):
    __tablename__ = "counter"
    name: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class ProcessedOp(Base):
    __tablename__ = "processed_op"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.device_id"))
    op_id: Mapped[str] = mapped_column(String)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    op_type: Mapped[str] = mapped_column(String)
    case_id: Mapped[str] = mapped_column(String)
    result: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String)
    __table_args__ = (UniqueConstraint("device_id", "op_id", name="uq_processed_op"),)


class Blob(Base):
    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String, primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    state: Mapped[str] = mapped_column(String)  # partial | complete
    office: Mapped[str] = mapped_column(String)  # the uploader's office
    updated_at: Mapped[str] = mapped_column(String)


class ConflictRow(Base):
    """An index of the conflicts recorded inside case documents, for the coordinator's list."""

    __tablename__ = "conflict"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("case.id"), index=True)
    field: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)


class ServerKey(Base):
    """Key pairs of the server itself (`outbox`: the one outbox files are sealed to).

    In the database, not a file, so that every server process of one PostgreSQL deployment
    opens the same files, and a restore brings back the key the PCs know. A row never changes.
    """

    __tablename__ = "server_key"
    name: Mapped[str] = mapped_column(String, primary_key=True)
    private_key: Mapped[str] = mapped_column(String)  # base64 of the raw key
    public_key: Mapped[str] = mapped_column(String)  # base64 of the raw key
    created_at: Mapped[str] = mapped_column(String)
