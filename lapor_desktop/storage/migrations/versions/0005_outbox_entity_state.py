"""The outbox indexed by (entity_id, state): a case's pending operations in one index search.

Every list page counts each row's pending operations, and every pull page asks which fields of a
case have pending operations. With separate entity_id and state indexes SQLite (no statistics in
a data dir) picked the state index, so each lookup scanned every pending operation: a page of 64
cases took ~1.1 s with 15,000 operations waiting (a PC offline for weeks), ~6 ms with this index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Indexes only: no table rebuild, so a large outbox upgrades in a moment.
    op.create_index("ix_outbox_entity_state", "outbox", ["entity_id", "state"])
    op.drop_index("ix_outbox_entity_id", table_name="outbox")  # a prefix of the new one


def downgrade() -> None:
    op.create_index("ix_outbox_entity_id", "outbox", ["entity_id"])
    op.drop_index("ix_outbox_entity_state", table_name="outbox")
