"""The first cache schema: sync tables, copies of the content and progress tables, outbox
triggers.

The outbox is filled by SQLite triggers, so every write to the progress tables — through
the ORM, a Core statement or raw SQL, by any service — adds its op in the same
transaction, by construction. Each op is the changed row's full state (for an attempt: the
attempt and all its answers), JSON in the form the server reads (ids as 32 hex digits,
times in UTC with their offset). A newer op of the same row supersedes a pending older one:
states only grow on a device (every write merges), so the newest includes the others.
While a pull applies the server's state, ``sync_state.outbox_paused`` is '1' (inside that
transaction only) and the triggers stay silent.

Revision ID: c0001
Revises:
Create Date: 2026-11-26
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACTIVE = "(SELECT value FROM sync_state WHERE key = 'outbox_paused') IS NOT '1'"
_DEVICE = "(SELECT value FROM sync_state WHERE key = 'device_id')"
_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
# A random (version 4) UUID in its canonical text form.
_NEW_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) "
    "|| substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)


def _utc(column: str) -> str:
    """A stored UTC time (naive text) as the server reads it (NULL stays NULL)."""
    return f"{column} || '+00:00'"


def _op(
    kind: str, key: str, entity_id: str, payload: str, source: str = "", *, gone: str = ""
) -> str:
    """Supersede the pending op of the same row, then queue the new state.

    ``outbox_keys`` maps a row to its newest op, so the outbox itself needs no index but
    its primary key: ops leave it by ``seq`` range, cheaply, once the server has them (a
    stale mapping only points at an op that is gone). ``gone`` is the key as the
    statements outside the INSERT ... SELECT can name it.
    """
    name = gone or key
    return f"""
    DELETE FROM outbox WHERE seq = (SELECT seq FROM outbox_keys WHERE entity_key = {name});
    INSERT INTO outbox (op_id, device_id, kind, entity_key, entity_id, payload, created_at)
    SELECT {_NEW_UUID}, {_DEVICE}, '{kind}', {key}, {entity_id}, {payload}, {_NOW} {source};
    INSERT OR REPLACE INTO outbox_keys (entity_key, seq)
    SELECT entity_key, seq FROM outbox
    WHERE seq = (SELECT max(seq) FROM outbox) AND entity_key = {name};"""


_PROGRESS = _op(
    "progress",
    "'progress:' || NEW.entity_type || ':' || NEW.entity_id",
    "NEW.entity_id",
    "json_object('id', NEW.id, 'user_id', NEW.user_id, 'entity_type', NEW.entity_type, "
    "'entity_id', NEW.entity_id, 'status', NEW.status, "
    "'progress_percentage', NEW.progress_percentage, "
    f"'completed_at', {_utc('NEW.completed_at')})",
)
_PLAYBACK = _op(
    "playback",
    "'playback:' || NEW.lesson_id",
    "NEW.lesson_id",
    "json_object('user_id', NEW.user_id, 'lesson_id', NEW.lesson_id, "
    "'watched_ranges', json(NEW.watched_ranges), 'resume_position_s', NEW.resume_position_s, "
    f"'resume_event_at', {_utc('NEW.resume_event_at')}, "
    f"'last_watched_at', {_utc('NEW.last_watched_at')})",
)
_STUDY_TIME = _op(
    "study_time",
    "'study_time:' || NEW.day || ':' || NEW.lesson_id",
    "NEW.lesson_id",
    "json_object('user_id', NEW.user_id, 'day', NEW.day, 'lesson_id', NEW.lesson_id, "
    "'seconds', NEW.seconds)",
)


def _attempt(attempt_id: str) -> str:
    return _op(
        "attempt",
        "'attempt:' || a.id",
        "a.assessment_id",
        "json_object('id', a.id, 'user_id', a.user_id, 'assessment_id', a.assessment_id, "
        f"'status', a.status, 'started_at', {_utc('a.started_at')}, "
        f"'submitted_at', {_utc('a.submitted_at')}, 'elapsed_s', a.elapsed_s, "
        "'device_id', a.device_id, 'answers', (SELECT json_group_array(json_object("
        "'question_id', aa.question_id, 'option_ids', json(aa.option_ids), 'text', aa.text)) "
        "FROM attempt_answers aa WHERE aa.attempt_id = a.id))",
        f"FROM assessment_attempts a WHERE a.id = {attempt_id}",
        gone=f"'attempt:' || {attempt_id}",
    )


#: name -> (event, table, body)
TRIGGERS = {
    "outbox_progress_insert": ("INSERT", "user_progress", _PROGRESS),
    "outbox_progress_update": ("UPDATE", "user_progress", _PROGRESS),
    "outbox_playback_insert": ("INSERT", "lesson_playback", _PLAYBACK),
    "outbox_playback_update": ("UPDATE", "lesson_playback", _PLAYBACK),
    "outbox_study_time_insert": ("INSERT", "study_time", _STUDY_TIME),
    "outbox_study_time_update": ("UPDATE", "study_time", _STUDY_TIME),
    "outbox_attempt_insert": ("INSERT", "assessment_attempts", _attempt("NEW.id")),
    "outbox_attempt_update": ("UPDATE", "assessment_attempts", _attempt("NEW.id")),
    "outbox_answer_insert": ("INSERT", "attempt_answers", _attempt("NEW.attempt_id")),
    "outbox_answer_update": ("UPDATE", "attempt_answers", _attempt("NEW.attempt_id")),
    "outbox_answer_delete": ("DELETE", "attempt_answers", _attempt("OLD.attempt_id")),
}


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("sync_state_pkey")),
    )

    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("entity_key", sa.String(length=120), nullable=False),
        sa.Column("entity_id", sa.String(length=32), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("outbox_pkey")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "outbox_keys",
        sa.Column("entity_key", sa.String(length=120), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("entity_key", name=op.f("outbox_keys_pkey")),
        sqlite_with_rowid=False,
    )

    op.create_table(
        "dead_letter",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=32), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("dead_letter_pkey")),
    )

    op.create_table(
        "offline_courses",
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("bytes", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("course_id", name=op.f("offline_courses_pkey")),
    )

    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=True),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("1"), nullable=True),
        sa.Column("is_verified", sa.Boolean(), server_default=sa.text("0"), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("users_pkey")),
        sa.UniqueConstraint("email", name=op.f("users_email_key")),
    )

    op.create_table(
        "courses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("slug", sa.String(length=255), nullable=False),
        sa.Column("thumbnail_url", sa.String(length=255), nullable=True),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=50), server_default="draft", nullable=True),
        sa.Column("level", sa.String(length=50), nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("courses_pkey")),
        sa.UniqueConstraint("slug", name=op.f("courses_slug_key")),
    )
    op.create_index("ix_courses_author_id", "courses", ["author_id"])
    op.create_index("ix_courses_sync_seq", "courses", ["sync_seq"])

    op.create_table(
        "modules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("order_index", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["course_id"], ["courses.id"], name=op.f("modules_course_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("modules_pkey")),
    )
    op.create_index("ix_modules_course_id_order_index", "modules", ["course_id", "order_index"])
    op.create_index("ix_modules_sync_seq", "modules", ["sync_seq"])

    op.create_table(
        "video_assets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("provider", sa.String(length=50), nullable=False),
        sa.Column("provider_id", sa.String(length=255), nullable=False),
        sa.Column("status", sa.String(length=50), server_default="processing", nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("video_assets_pkey")),
    )
    op.create_index("ix_video_assets_author_id", "video_assets", ["author_id"])
    op.create_index("ix_video_assets_sync_seq", "video_assets", ["sync_seq"])

    op.create_table(
        "lessons",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("module_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("video_asset_id", sa.Uuid(), nullable=True),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column("order_index", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["module_id"], ["modules.id"], name=op.f("lessons_module_id_fkey")),
        sa.PrimaryKeyConstraint("id", name=op.f("lessons_pkey")),
    )
    op.create_index("ix_lessons_module_id_order_index", "lessons", ["module_id", "order_index"])
    op.create_index("ix_lessons_sync_seq", "lessons", ["sync_seq"])

    op.create_table(
        "assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("passing_score", sa.Integer(), nullable=True),
        sa.Column("time_limit", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("assessments_pkey")),
    )
    op.create_index("ix_assessments_author_id", "assessments", ["author_id"])
    op.create_index("ix_assessments_sync_seq", "assessments", ["sync_seq"])

    op.create_table(
        "questions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=50), nullable=False),
        sa.Column("order_index", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("questions_assessment_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("questions_pkey")),
    )
    op.create_index("ix_questions_sync_seq", "questions", ["sync_seq"])

    op.create_table(
        "answer_options",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_correct", sa.Boolean(), server_default=sa.text("0"), nullable=True),
        sa.Column("order_index", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["question_id"], ["questions.id"], name=op.f("answer_options_question_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("answer_options_pkey")),
    )
    op.create_index("ix_answer_options_sync_seq", "answer_options", ["sync_seq"])

    op.create_table(
        "learning_paths",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("thumbnail_url", sa.String(length=255), nullable=True),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=50), server_default="draft", nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("learning_paths_pkey")),
    )
    op.create_index("ix_learning_paths_sync_seq", "learning_paths", ["sync_seq"])

    op.create_table(
        "path_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("path_id", sa.Uuid(), nullable=True),
        sa.Column("entity_type", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("order_index", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["path_id"], ["learning_paths.id"], name=op.f("path_steps_path_id_fkey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("path_steps_pkey")),
    )
    op.create_index("ix_path_steps_sync_seq", "path_steps", ["sync_seq"])

    op.create_table(
        "user_progress",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("entity_type", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=50), nullable=False),
        sa.Column("progress_percentage", sa.Integer(), server_default=sa.text("0"), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(
            "progress_percentage BETWEEN 0 AND 100",
            name=op.f("user_progress_progress_percentage_range_check"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("user_progress_pkey")),
        sa.UniqueConstraint(
            "user_id",
            "entity_type",
            "entity_id",
            name=op.f("user_progress_user_id_entity_type_entity_id_key"),
        ),
    )
    op.create_index(
        "ix_user_progress_user_id_entity_type_entity_id",
        "user_progress",
        ["user_id", "entity_type", "entity_id"],
    )
    op.create_index(
        "ix_user_progress_user_id_sync_seq_id", "user_progress", ["user_id", "sync_seq", "id"]
    )

    op.create_table(
        "lesson_playback",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("watched_ranges", sa.JSON(), nullable=False),
        sa.Column("resume_position_s", sa.Float(), nullable=True),
        sa.Column("resume_event_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_watched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("lesson_playback_lesson_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "lesson_id", name=op.f("lesson_playback_pkey")),
    )
    op.create_index(
        "ix_lesson_playback_user_id_sync_seq_lesson_id",
        "lesson_playback",
        ["user_id", "sync_seq", "lesson_id"],
    )

    op.create_table(
        "study_time",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("study_time_lesson_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "day", "lesson_id", name=op.f("study_time_pkey")),
    )
    op.create_index("ix_study_time_user_id_sync_seq", "study_time", ["user_id", "sync_seq"])

    op.create_table(
        "assessment_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="in_progress", nullable=False),
        sa.Column(
            "started_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("elapsed_s", sa.Float(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("sync_seq", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(
            "status IN ('in_progress', 'graded')",
            name=op.f("assessment_attempts_status_known_check"),
        ),
        sa.CheckConstraint(
            "score IS NULL OR score BETWEEN 0 AND 100",
            name=op.f("assessment_attempts_score_range_check"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("assessment_attempts_assessment_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("assessment_attempts_pkey")),
    )
    op.create_index(
        "ix_assessment_attempts_user_id_assessment_id",
        "assessment_attempts",
        ["user_id", "assessment_id"],
    )
    op.create_index(
        "ix_assessment_attempts_user_id_sync_seq_id",
        "assessment_attempts",
        ["user_id", "sync_seq", "id"],
    )

    op.create_table(
        "attempt_answers",
        sa.Column("attempt_id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.Uuid(), nullable=False),
        sa.Column("option_ids", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("points", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["assessment_attempts.id"],
            name=op.f("attempt_answers_attempt_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("attempt_answers_question_id_fkey"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", "question_id", name=op.f("attempt_answers_pkey")),
    )

    for name, (event, table, statements) in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} WHEN {_ACTIVE} BEGIN {statements}\nEND"
        )
    # Only the server grades (the cache holds no answer key); a pull brings the result.
    op.execute(
        "CREATE TRIGGER attempt_graded_by_server_only BEFORE UPDATE OF status "
        f"ON assessment_attempts WHEN NEW.status = 'graded' AND {_ACTIVE} BEGIN "
        "SELECT RAISE(ABORT, 'offline attempts are graded by the server when you are back "
        "online'); END"
    )
    op.execute(
        sa.text("INSERT INTO sync_state (key, value) VALUES ('device_id', :device)").bindparams(
            device=str(uuid.uuid4())
        )
    )
    op.execute("INSERT INTO sync_state (key, value) VALUES ('outbox_paused', '0')")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS attempt_graded_by_server_only")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in (
        "attempt_answers",
        "assessment_attempts",
        "study_time",
        "lesson_playback",
        "user_progress",
        "path_steps",
        "learning_paths",
        "answer_options",
        "questions",
        "assessments",
        "lessons",
        "video_assets",
        "modules",
        "courses",
        "users",
        "offline_courses",
        "dead_letter",
        "outbox_keys",
        "outbox",
        "sync_state",
    ):
        op.drop_table(table)
