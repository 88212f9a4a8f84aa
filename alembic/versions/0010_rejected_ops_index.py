"""One more op after 500k synced: a partial index of the rejected ops.

Additive. ``elearn_apply_ops`` ends by returning the batch's rejected ops:
``processed_ops WHERE status = 'rejected' AND op_id IN (the batch's op ids)``. The planner
cannot estimate how many op ids a JSON batch holds (it guesses 10,000), so it hashed them
and scanned all of ``processed_ops`` for rejected rows — one row per op ever pushed, ~4 ms
at 50k and ~40 ms at 500k, for a one-op push. ``ix_processed_ops_rejected`` (``op_id``
where ``status = 'rejected'``) holds only the rejected ops, which are few; the scan reads
that instead and no longer grows with what was synced before.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REJECTED = sa.text("status = 'rejected'")


def upgrade() -> None:
    op.create_index(
        "ix_processed_ops_rejected",
        "processed_ops",
        ["op_id"],
        postgresql_where=REJECTED,
        sqlite_where=REJECTED,
    )


def downgrade() -> None:
    op.drop_index("ix_processed_ops_rejected", table_name="processed_ops")
