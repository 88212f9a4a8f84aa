"""Make sure the seed's key indexes exist on an adopted platform database.

A database the web platform created from the seed's CREATE TABLE statements and then
stamped ``0001`` may lack the key indexes the seed lists only in prose. This revision
creates whichever are missing. On a database created by ``0001`` it changes nothing, and
its downgrade changes nothing either: the indexes belong to ``0001``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

from elearn_desktop.data.seed_schema import SEED_INDEXES

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for name, table, columns in SEED_INDEXES:
        op.create_index(name, table, list(columns), if_not_exists=True)


def downgrade() -> None:
    # Nothing to undo: on a fresh database the indexes were there before this revision.
    pass
