"""Each device's ordinal within its office: provisional register numbers carry it
(`…/S{ordinal}-{n}`), so two PCs of one office that both run dry offline never issue the same.

Existing devices keep NULL; server/numbers.py gives each one the next free ordinal of its
office the first time it enrolls or leases numbers again.

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
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ordinal", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint("uq_device_office_ordinal", ["office", "ordinal"])


def downgrade() -> None:
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_constraint("uq_device_office_ordinal", type_="unique")
        batch_op.drop_column("ordinal")
