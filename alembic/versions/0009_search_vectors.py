"""Catalog search at 100k courses: stored search vectors (PostgreSQL), prefix index (SQLite).

Additive. On PostgreSQL, ``courses`` and ``lessons`` get a stored generated column
``search_vector`` — the title (weight A) and the description (weight D), ``english`` — with
a GIN index each (``ix_courses_vector_search``, ``ix_lessons_vector_search``). Matching and
ranking then read the stored vector instead of parsing and stemming every matched row's
text again (which cost most of a search for common words); revision 0005's expression
indexes are replaced by these. The audit trigger leaves the (derived) vectors out of its
JSON, as it leaves out password hashes.

On SQLite, ``catalog_fts`` is rebuilt with FTS5 prefix indexes of 1, 2 and 3 characters,
so the word being typed ("d", "da", "dat") no longer merges the lists of every word that
starts with it. Same columns, same tokenizer, same triggers (they name the table, which
is rebuilt under the same name and refilled from the content tables).

The models do not describe either (``data.migrations.include_name`` leaves them out of the
comparison with the models, as it does 0005's).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VECTOR = (
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'D')"
)
TABLES = ("courses", "lessons")
OLD_EXPRESSION = "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description, ''))"

# 0004's elearn_audit(), leaving the derived search vectors out as well.
AUDIT_SQL = """
CREATE OR REPLACE FUNCTION public.elearn_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT'
        THEN to_jsonb(OLD) - 'password_hash'{extra} END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE'
        THEN to_jsonb(NEW) - 'password_hash'{extra} END;
    any_row jsonb := coalesce(new_row, old_row);
    subject uuid;
    row_key text;
BEGIN
    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
        RETURN NULL;  -- nothing a person could see changed (e.g. only the password hash)
    END IF;
    subject := CASE TG_TABLE_NAME
        WHEN 'users' THEN (any_row ->> 'id')::uuid
        WHEN 'user_profiles' THEN (any_row ->> 'user_id')::uuid
        WHEN 'user_roles' THEN (any_row ->> 'user_id')::uuid
        WHEN 'subscriptions' THEN (any_row ->> 'user_id')::uuid
        ELSE NULL
    END;
    row_key := coalesce(
        any_row ->> 'id',
        CASE TG_TABLE_NAME
            WHEN 'user_roles' THEN (any_row ->> 'user_id') || ':' || (any_row ->> 'role')
            ELSE any_row ->> 'user_id'
        END
    );
    INSERT INTO public.audit_log
        (actor, actor_user_id, subject_user_id, table_name, row_id, action, old_data, new_data)
    VALUES
        (session_user, public.elearn_current_user_id(), subject, TG_TABLE_NAME, row_key,
         TG_OP, old_row, new_row);
    RETURN NULL;
END
$$
"""

SQLITE_REBUILD = """
CREATE VIRTUAL TABLE catalog_fts USING fts5(
    kind UNINDEXED, entity_id UNINDEXED, course_id UNINDEXED, title, body,
    tokenize = 'porter unicode61 remove_diacritics 2'{prefix}
)
"""
SQLITE_REFILL = (
    """
INSERT INTO catalog_fts (kind, entity_id, course_id, title, body)
    SELECT 'course', id, id, title, coalesce(description, '') FROM courses
""",
    """
INSERT INTO catalog_fts (kind, entity_id, course_id, title, body)
    SELECT 'lesson', l.id, m.course_id, l.title, coalesce(l.description, '')
    FROM lessons l JOIN modules m ON m.id = l.module_id
""",
)


def _rebuild_fts(prefix: str) -> None:
    op.execute("DROP TABLE catalog_fts")
    op.execute(SQLITE_REBUILD.format(prefix=prefix))
    for statement in SQLITE_REFILL:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in TABLES:
            op.execute(
                f"ALTER TABLE public.{table} ADD COLUMN search_vector tsvector "
                f"GENERATED ALWAYS AS ({VECTOR}) STORED"
            )
            op.execute(
                f"CREATE INDEX ix_{table}_vector_search ON public.{table} USING gin (search_vector)"
            )
            op.execute(f"DROP INDEX IF EXISTS public.ix_{table}_search")
        op.execute(AUDIT_SQL.format(extra=" - 'search_vector'"))
    elif dialect == "sqlite":
        _rebuild_fts(", prefix = '1 2 3'")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(AUDIT_SQL.format(extra=""))
        for table in TABLES:
            op.execute(
                f"CREATE INDEX ix_{table}_search ON public.{table} USING gin ({OLD_EXPRESSION})"
            )
            op.execute(f"DROP INDEX IF EXISTS public.ix_{table}_vector_search")
            op.execute(f"ALTER TABLE public.{table} DROP COLUMN search_vector")
    elif dialect == "sqlite":
        _rebuild_fts("")
