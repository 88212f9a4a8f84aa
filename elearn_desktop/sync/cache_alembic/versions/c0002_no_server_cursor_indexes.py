"""The cache drops the server's change-cursor indexes and a duplicate progress index.

The person's tables came with the server's indexes on their change cursor
(``(user_id, sync_seq, …)``): a pull reads them on the server, the cache never asks for its
rows by ``sync_seq``. And ``user_progress`` had the seed's index on (user_id, entity_type,
entity_id) beside its UNIQUE constraint's on the same columns. Each index is one more
B-tree page to find (read and decrypt), change, encrypt and write on every progress write:
at 500,000 progress rows the two of ``user_progress`` were a third of a local progress
write (0.26 → 0.18 ms, a Core insert with its outbox op and commit). Queries by person or
by item use the UNIQUE constraint's index (and the primary keys) as before.

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c0002"
down_revision: str | None = "c0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: name -> (table, columns), as revision c0001 created them.
INDEXES = {
    "ix_user_progress_user_id_entity_type_entity_id": (
        "user_progress",
        ["user_id", "entity_type", "entity_id"],
    ),
    "ix_user_progress_user_id_sync_seq_id": ("user_progress", ["user_id", "sync_seq", "id"]),
    "ix_lesson_playback_user_id_sync_seq_lesson_id": (
        "lesson_playback",
        ["user_id", "sync_seq", "lesson_id"],
    ),
    "ix_study_time_user_id_sync_seq": ("study_time", ["user_id", "sync_seq"]),
    "ix_assessment_attempts_user_id_sync_seq_id": (
        "assessment_attempts",
        ["user_id", "sync_seq", "id"],
    ),
}


def upgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
