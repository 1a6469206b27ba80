"""An issued letter keeps its Hal and, for a Surat Penerusan, the agency it was addressed to.

The Register surat keluar (reports/registers.py) wrote both from the case as it is now. A case
renumbered after the letter (a provisional register number replaced at the next sync) then
showed another number in the Hal than the PDF printed. Letters issued from this revision on
carry what was printed; older rows (NULL) are still described from the case. A reporter's
name is never stored here: a letter addressed to the reporter is described from the case,
masked as the case is masked now (a case made anonymous later shows no name).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs, outside batch mode: a batch that holds more than one change rebuilds
    # the table, which SQLite refuses while 0006's trigger names it.
    op.add_column("issued_letter", sa.Column("subject", sa.Text))
    op.add_column("issued_letter", sa.Column("addressed_to", sa.String(300)))


def downgrade() -> None:
    # DROP COLUMN (SQLite 3.35+) keeps the table, and so 0006's trigger on it.
    op.drop_column("issued_letter", "addressed_to")
    op.drop_column("issued_letter", "subject")
