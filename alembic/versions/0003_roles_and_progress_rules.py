"""Roles table, assessment authorship, and the rules the seed implies for progress.

Additive only: a new table ``user_roles``; a nullable ``assessments.author_id``; one
progress row per (user, entity); progress percentages within 0–100.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(50), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name="user_roles_pkey"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="user_roles_user_id_fkey", ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "role IN ('learner', 'instructor', 'support', 'admin')",
            name=op.f("user_roles_role_known_check"),
        ),
    )
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("author_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key("assessments_author_id_fkey", "users", ["author_id"], ["id"])
        batch.create_index("ix_assessments_author_id", ["author_id"])
    with op.batch_alter_table("user_progress") as batch:
        batch.create_unique_constraint(
            "user_progress_user_id_entity_type_entity_id_key",
            ["user_id", "entity_type", "entity_id"],
        )
        batch.create_check_constraint(
            op.f("user_progress_progress_percentage_range_check"),
            "progress_percentage BETWEEN 0 AND 100",
        )


def downgrade() -> None:
    with op.batch_alter_table("user_progress") as batch:
        batch.drop_constraint(op.f("user_progress_progress_percentage_range_check"), type_="check")
        batch.drop_constraint("user_progress_user_id_entity_type_entity_id_key", type_="unique")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_index("ix_assessments_author_id")
        batch.drop_constraint("assessments_author_id_fkey", type_="foreignkey")
        batch.drop_column("author_id")
    op.drop_table("user_roles")
