"""The web platform's seed schema, exactly (spec/data-models.md): 14 tables and key indexes.

A database the platform already created from the seed DDL is adopted with
``alembic stamp 0001 && alembic upgrade head``; revision 0002 then adds the key indexes
such a database may lack. Constraint names are PostgreSQL's defaults for the seed DDL.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from elearn_desktop.data.seed_schema import SEED_INDEXES, SEED_TABLES

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONB = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
    ]


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=f"{table}_pkey")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"{table}_{column}_fkey")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("first_name", sa.String(100)),
        sa.Column("last_name", sa.String(100)),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true()),
        sa.Column("is_verified", sa.Boolean(), server_default=sa.false()),
        *_timestamps(),
        _pk("users"),
        sa.UniqueConstraint("email", name="users_email_key"),
    )
    op.create_table(
        "user_profiles",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("bio", sa.Text()),
        sa.Column("avatar_url", sa.String(255)),
        sa.Column("job_title", sa.String(100)),
        sa.Column("company", sa.String(100)),
        sa.Column("location", sa.String(100)),
        sa.Column("website", sa.String(255)),
        *_timestamps(),
        sa.PrimaryKeyConstraint("user_id", name="user_profiles_pkey"),
        _fk("user_profiles", "user_id", "users"),
    )
    op.create_table(
        "courses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("slug", sa.String(255), nullable=False),
        sa.Column("thumbnail_url", sa.String(255)),
        sa.Column("author_id", sa.Uuid()),
        sa.Column("status", sa.String(50), server_default="draft"),
        sa.Column("level", sa.String(50)),
        sa.Column("duration", sa.Integer()),
        *_timestamps(),
        _pk("courses"),
        sa.UniqueConstraint("slug", name="courses_slug_key"),
        _fk("courses", "author_id", "users"),
    )
    op.create_table(
        "modules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid()),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("order_index", sa.Integer(), nullable=False),
        *_timestamps(),
        _pk("modules"),
        _fk("modules", "course_id", "courses"),
    )
    op.create_table(
        "lessons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("module_id", sa.Uuid()),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("video_asset_id", sa.Uuid()),
        sa.Column("duration", sa.Integer()),
        sa.Column("order_index", sa.Integer(), nullable=False),
        *_timestamps(),
        _pk("lessons"),
        _fk("lessons", "module_id", "modules"),
    )
    op.create_table(
        "video_assets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("provider", sa.String(50), nullable=False),
        sa.Column("provider_id", sa.String(255), nullable=False),
        sa.Column("status", sa.String(50), server_default="processing"),
        sa.Column("duration", sa.Integer()),
        *_timestamps(),
        _pk("video_assets"),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("passing_score", sa.Integer()),
        sa.Column("time_limit", sa.Integer()),
        *_timestamps(),
        _pk("assessments"),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(50), nullable=False),
        sa.Column("order_index", sa.Integer(), nullable=False),
        *_timestamps(),
        _pk("questions"),
        _fk("questions", "assessment_id", "assessments"),
    )
    op.create_table(
        "answer_options",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.Uuid()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_correct", sa.Boolean(), server_default=sa.false()),
        sa.Column("order_index", sa.Integer(), nullable=False),
        *_timestamps(),
        _pk("answer_options"),
        _fk("answer_options", "question_id", "questions"),
    )
    op.create_table(
        "learning_paths",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("thumbnail_url", sa.String(255)),
        sa.Column("author_id", sa.Uuid()),
        sa.Column("status", sa.String(50), server_default="draft"),
        *_timestamps(),
        _pk("learning_paths"),
        _fk("learning_paths", "author_id", "users"),
    )
    op.create_table(
        "path_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("path_id", sa.Uuid()),
        sa.Column("entity_type", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("order_index", sa.Integer(), nullable=False),
        *_timestamps(),
        _pk("path_steps"),
        _fk("path_steps", "path_id", "learning_paths"),
    )
    op.create_table(
        "user_progress",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid()),
        sa.Column("entity_type", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(50), nullable=False),
        sa.Column("progress_percentage", sa.Integer(), server_default=sa.text("0")),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        *_timestamps(),
        _pk("user_progress"),
        _fk("user_progress", "user_id", "users"),
    )
    op.create_table(
        "subscription_plans",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("price", sa.Numeric(10, 2), nullable=False),
        sa.Column("billing_cycle", sa.String(50), nullable=False),
        sa.Column("features", JSONB, nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true()),
        *_timestamps(),
        _pk("subscription_plans"),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid()),
        sa.Column("plan_id", sa.Uuid()),
        sa.Column("status", sa.String(50), nullable=False),
        sa.Column("start_date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_date", sa.DateTime(timezone=True)),
        *_timestamps(),
        _pk("subscriptions"),
        _fk("subscriptions", "user_id", "users"),
        _fk("subscriptions", "plan_id", "subscription_plans"),
    )
    # The seed's key indexes. users.email and courses.slug are served by their UNIQUE
    # constraints' own indexes.
    for name, table, columns in SEED_INDEXES:
        op.create_index(name, table, list(columns))


def downgrade() -> None:
    for name, table, _columns in reversed(SEED_INDEXES):
        op.drop_index(name, table_name=table)
    for table in reversed(SEED_TABLES):
        op.drop_table(table)
