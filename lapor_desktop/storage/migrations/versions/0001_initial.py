"""Initial schema: cases, timeline, outbox, blobs, numbers, reference data, search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case",
        sa.Column("row_id", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("register_no", sa.String(64), nullable=False, unique=True),
        sa.Column("origin_office", sa.String(20), nullable=False),
        sa.Column("holder_office", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("category_code", sa.String(80), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("severity", sa.String(30), nullable=False),
        sa.Column("anonymous", sa.Integer, nullable=False),
        sa.Column("confidential", sa.Integer, nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("received_month", sa.String(7), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("lapor_tracking_id", sa.String(20)),
        sa.Column("reporter_phone", sa.String(30)),
        sa.Column("reporter_display", sa.String(200)),
        sa.Column("next_due_at", sa.String(40)),
        sa.Column("next_due_stage", sa.String(30)),
        sa.Column("paused", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("server_version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("doc", sa.Text, nullable=False),
    )
    op.create_index("ix_case_status_holder", "case", ["status", "holder_office"])
    op.create_index("ix_case_holder_status_due", "case", ["holder_office", "status", "next_due_at"])
    op.create_index("ix_case_received", "case", ["received_at", "row_id"])
    op.create_index("ix_case_category_month", "case", ["category_code", "received_month"])
    op.create_index("ix_case_tracking", "case", ["lapor_tracking_id"])
    op.create_index("ix_case_phone", "case", ["reporter_phone"])

    op.create_table(
        "case_event",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("case.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("office", sa.String(20), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("op_id", sa.String(36)),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("server_seq", sa.Integer),
    )
    op.create_index("ix_case_event_case_id", "case_event", ["case_id"])
    # The timeline is append-only: nothing is ever rewritten or deleted.
    op.execute(
        "CREATE TRIGGER case_event_no_update BEFORE UPDATE OF id, case_id, kind, at, actor, office,"
        " device_id, op_id, summary, data ON case_event"
        " BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event"
        " BEGIN SELECT RAISE(ABORT, 'the timeline is append-only'); END"
    )

    op.create_table(
        "outbox",
        sa.Column("device_seq", sa.Integer, primary_key=True),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("op_type", sa.String(30), nullable=False),
        sa.Column("op_v", sa.Integer, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("state", sa.String(12), nullable=False, server_default=sa.text("'pending'")),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("last_error", sa.Text),
        sa.Column("result", sa.Text),
    )
    op.create_index("ix_outbox_entity_id", "outbox", ["entity_id"])
    op.create_index("ix_outbox_state", "outbox", ["state"])

    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("state", sa.String(12), nullable=False, server_default=sa.text("'local'")),
        sa.Column("uploaded_bytes", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "number_sequence",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "number_void",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(80), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
    )
    op.create_table(
        "category",
        sa.Column("code", sa.String(80), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("parent_code", sa.String(80)),
        sa.Column("active", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "holiday",
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("working", sa.Integer, nullable=False, server_default=sa.text("0")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
    )
    op.create_table(
        "sla_rule",
        sa.Column("code", sa.String(60), primary_key=True),
        sa.Column("doc", sa.Text, nullable=False),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # Our own copy of the searchable text keyed by the case rowid; diacritics folded so
    # "Sumenep" and "Suménep" match. Kept current in the transaction that changes the case.
    op.execute(
        "CREATE VIRTUAL TABLE case_fts USING fts5("
        "register_no, tracking_id, title, original_text, summary, reporter_name, reporter_phone,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )


def downgrade() -> None:
    raise NotImplementedError("the first schema has nothing to go back to")
