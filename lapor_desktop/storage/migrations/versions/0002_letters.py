"""Issued letters: number, PDF hash and void state of every letter printed from a case.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_letter",
        sa.Column("row_id", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("case.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("variant", sa.String(20), nullable=False, server_default=sa.text("''")),
        # NULL for a Lembar Disposisi (its No. Agenda is the register number); SQLite lets a
        # UNIQUE column hold any number of NULLs.
        sa.Column("number", sa.String(80), unique=True),
        sa.Column("paper", sa.String(4), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("issued_at", sa.String(40), nullable=False),
        sa.Column("issued_by", sa.String(100), nullable=False),
        sa.Column("voided_at", sa.String(40)),
        sa.Column("void_reason", sa.Text),
    )
    op.create_index("ix_issued_letter_case_id", "issued_letter", ["case_id"])
    op.create_index("ix_issued_letter_issued_at", "issued_letter", ["issued_at"])
    # A letter is never deleted, and what it says (number, PDF, who, when) never changes;
    # only a void may be recorded, once.
    op.execute(
        "CREATE TRIGGER issued_letter_no_delete BEFORE DELETE ON issued_letter"
        " BEGIN SELECT RAISE(ABORT, 'issued letters are never deleted'); END"
    )
    op.execute(
        "CREATE TRIGGER issued_letter_no_rewrite BEFORE UPDATE OF id, case_id, kind, variant,"
        " number, paper, sha256, size, issued_at, issued_by ON issued_letter"
        " BEGIN SELECT RAISE(ABORT, 'an issued letter cannot be changed, only voided'); END"
    )
    op.execute(
        "CREATE TRIGGER issued_letter_void_once BEFORE UPDATE OF voided_at, void_reason"
        " ON issued_letter WHEN OLD.voided_at IS NOT NULL"
        " BEGIN SELECT RAISE(ABORT, 'the letter is already void'); END"
    )


def downgrade() -> None:
    op.drop_table("issued_letter")
