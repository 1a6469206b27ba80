"""Sync conflicts: how many open conflicts a case document holds, for the "Konflik" queue.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Adding a NOT NULL column with a default needs no table rebuild: batch mode on SQLite
    # issues a plain ALTER TABLE ADD COLUMN, so large data dirs upgrade in a moment.
    with op.batch_alter_table("case") as batch:
        batch.add_column(
            sa.Column("open_conflicts", sa.Integer, nullable=False, server_default=sa.text("0"))
        )
        batch.create_index("ix_case_open_conflicts", ["open_conflicts"])
    # Documents written before this revision hold no conflicts; count them anyway, so the
    # column is right whatever wrote the document.
    op.execute(
        'UPDATE "case" SET open_conflicts = ('
        " SELECT count(*) FROM json_each(\"case\".doc, '$.conflicts')"
        " WHERE json_extract(json_each.value, '$.status') = 'open')"
        " WHERE json_type(doc, '$.conflicts') = 'array'"
    )


def downgrade() -> None:
    with op.batch_alter_table("case") as batch:
        batch.drop_index("ix_case_open_conflicts")
        batch.drop_column("open_conflicts")
