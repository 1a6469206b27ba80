"""Letters withheld when a case becomes anonymous: the stored PDF goes, the row and number stay.

A reporter who withdraws their identity (DESIGN §3: with `anonymous` no identity is persisted
anywhere) still had it in this PC's copies of the letters issued before: the Tanda Terima, the
Surat Tanggapan, the Lembar Disposisi. A trigger marks them `withheld_at` in the very
transaction that makes the case anonymous, whichever path does it (the operator's edit, or a
pull bringing another office's edit); services then delete the PDF files once that commit is
durable. The identity-free variants (the anonymous response document, the blank disposition
form) are kept. The number stays used, as for a void.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Shared with tests: the variants whose PDF never names the reporter.
IDENTITY_FREE_VARIANTS = ("anonymous", "blank")


def upgrade() -> None:
    with op.batch_alter_table("issued_letter") as batch:  # a plain ADD COLUMN on SQLite
        batch.add_column(sa.Column("withheld_at", sa.String(40)))
    op.execute(
        'CREATE TRIGGER case_anonymous_withholds_letters AFTER UPDATE OF anonymous ON "case"'
        " WHEN NEW.anonymous = 1 AND OLD.anonymous = 0"
        " BEGIN UPDATE issued_letter SET withheld_at = NEW.updated_at"
        " WHERE case_id = NEW.id AND withheld_at IS NULL"
        " AND variant NOT IN ('anonymous', 'blank'); END"
    )
    op.execute(
        "CREATE TRIGGER issued_letter_withheld_once BEFORE UPDATE OF withheld_at"
        " ON issued_letter WHEN OLD.withheld_at IS NOT NULL"
        " BEGIN SELECT RAISE(ABORT, 'the letter is already withheld'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER issued_letter_withheld_once")
    op.execute("DROP TRIGGER case_anonymous_withholds_letters")
    with op.batch_alter_table("issued_letter") as batch:
        batch.drop_column("withheld_at")
