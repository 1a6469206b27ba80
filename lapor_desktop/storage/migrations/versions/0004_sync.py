"""Sync: leased number blocks, the run log, and read-only stubs of cases out of scope.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Sync state (cursor, server url, enrollment, master-data version) lives in the `setting` table
under `sync.*` keys; the outbox and blob tables already had their sync columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "number_block",
        sa.Column("register", sa.String(80), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, primary_key=True),
        sa.Column("end", sa.Integer, nullable=False),
        # The next number to issue from this block; the block is used up once next > end.
        sa.Column("next", sa.Integer, nullable=False),
        sa.Column("leased_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.String(36), nullable=False, unique=True),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40)),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(12), nullable=False),
        sa.Column("counts", sa.Text, nullable=False),
        sa.Column("bytes_sent", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("bytes_received", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("error", sa.Text),
    )
    # A plain nullable ADD COLUMN: no table rebuild, large data dirs upgrade in a moment.
    with op.batch_alter_table("case") as batch:
        batch.add_column(sa.Column("scope_left_at", sa.String(40)))


def downgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.drop_column("scope_left_at")
    op.drop_table("sync_log")
    op.drop_table("number_block")
