"""Learning: playback state, assessment attempts and answers, full-text search, grading.

Both backends: ``lesson_playback`` (watched ranges, resume position), ``assessment_attempts``
and ``attempt_answers``. Full-text search over course and lesson titles and descriptions:
on PostgreSQL GIN indexes on ``to_tsvector('english', ...)``; on SQLite an FTS5 table
``catalog_fts`` kept current by triggers.

PostgreSQL only: row-level security on the new tables (a learner's own rows; support and
admins read all), and grading in the server — ``elearn_grade_attempt`` (SECURITY DEFINER)
scores an attempt with the same rules as ``elearn_desktop.domain.scoring`` without the
learner ever reading ``answer_options.is_correct``; ``elearn_attempt_review`` reveals the
correct options of a graded attempt to its owner.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONB = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
GROUPS = "elearn_learner, elearn_instructor, elearn_support, elearn_admin"
NEW_TABLES = ("lesson_playback", "assessment_attempts", "attempt_answers", "study_time")

PG_SEARCH_INDEXES = {
    "ix_courses_search": "courses",
    "ix_lessons_search": "lessons",
}
PG_SEARCH_EXPRESSION = (
    "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(description, ''))"
)

SQLITE_FTS: tuple[str, ...] = (
    """
CREATE VIRTUAL TABLE catalog_fts USING fts5(
    kind UNINDEXED, entity_id UNINDEXED, course_id UNINDEXED, title, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
""",
    """
INSERT INTO catalog_fts (kind, entity_id, course_id, title, body)
    SELECT 'course', id, id, title, coalesce(description, '') FROM courses
""",
    """
INSERT INTO catalog_fts (kind, entity_id, course_id, title, body)
    SELECT 'lesson', l.id, m.course_id, l.title, coalesce(l.description, '')
    FROM lessons l JOIN modules m ON m.id = l.module_id
""",
    """
CREATE TRIGGER catalog_fts_course_insert AFTER INSERT ON courses BEGIN
    INSERT INTO catalog_fts (kind, entity_id, course_id, title, body)
    VALUES ('course', NEW.id, NEW.id, NEW.title, coalesce(NEW.description, ''));
END
""",
    """
CREATE TRIGGER catalog_fts_course_update AFTER UPDATE OF title, description ON courses BEGIN
    UPDATE catalog_fts SET title = NEW.title, body = coalesce(NEW.description, '')
    WHERE kind = 'course' AND entity_id = NEW.id;
END
""",
    """
CREATE TRIGGER catalog_fts_course_delete AFTER DELETE ON courses BEGIN
    DELETE FROM catalog_fts WHERE kind = 'course' AND entity_id = OLD.id;
END
""",
    """
CREATE TRIGGER catalog_fts_lesson_insert AFTER INSERT ON lessons BEGIN
    INSERT INTO catalog_fts (kind, entity_id, course_id, title, body)
    SELECT 'lesson', NEW.id, m.course_id, NEW.title, coalesce(NEW.description, '')
    FROM modules m WHERE m.id = NEW.module_id;
END
""",
    """
CREATE TRIGGER catalog_fts_lesson_update
AFTER UPDATE OF title, description, module_id ON lessons BEGIN
    DELETE FROM catalog_fts WHERE kind = 'lesson' AND entity_id = OLD.id;
    INSERT INTO catalog_fts (kind, entity_id, course_id, title, body)
    SELECT 'lesson', NEW.id, m.course_id, NEW.title, coalesce(NEW.description, '')
    FROM modules m WHERE m.id = NEW.module_id;
END
""",
    """
CREATE TRIGGER catalog_fts_lesson_delete AFTER DELETE ON lessons BEGIN
    DELETE FROM catalog_fts WHERE kind = 'lesson' AND entity_id = OLD.id;
END
""",
    """
CREATE TRIGGER catalog_fts_module_update AFTER UPDATE OF course_id ON modules BEGIN
    UPDATE catalog_fts SET course_id = NEW.course_id
    WHERE kind = 'lesson' AND entity_id IN (SELECT id FROM lessons WHERE module_id = NEW.id);
END
""",
)
SQLITE_FTS_TRIGGERS = (
    "catalog_fts_course_insert",
    "catalog_fts_course_update",
    "catalog_fts_course_delete",
    "catalog_fts_lesson_insert",
    "catalog_fts_lesson_update",
    "catalog_fts_lesson_delete",
    "catalog_fts_module_update",
)

# Same rules as elearn_desktop.domain.scoring (a parity test keeps them together).
PG_FUNCTIONS = r"""
CREATE FUNCTION public.elearn_normalize_answer(value text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT regexp_replace(btrim(lower(normalize(coalesce(value, ''), NFKC))), '\s+', ' ', 'g') $$;

CREATE FUNCTION public.elearn_grade_attempt(p_attempt uuid, p_elapsed_s double precision)
    RETURNS TABLE (score integer, passed boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    attempt public.assessment_attempts%ROWTYPE;
    passing integer;
    q record;
    chosen uuid[];
    answer_text text;
    n_correct integer;
    n_right integer;
    n_wrong integer;
    q_points numeric;
    total numeric := 0;
    n_questions integer := 0;
    final_score integer;
BEGIN
    SELECT * INTO attempt FROM public.assessment_attempts a WHERE a.id = p_attempt FOR UPDATE;
    IF NOT FOUND OR attempt.user_id IS DISTINCT FROM public.elearn_current_user_id() THEN
        RAISE EXCEPTION 'no such attempt' USING ERRCODE = 'no_data_found';
    END IF;
    IF attempt.status <> 'in_progress' THEN
        RAISE EXCEPTION 'this attempt was already submitted' USING ERRCODE = 'check_violation';
    END IF;
    -- A tampered attempt: answers to questions of another assessment, or option ids that
    -- do not belong to their question.
    IF EXISTS (
        SELECT 1 FROM public.attempt_answers aa
        LEFT JOIN public.questions qq ON qq.id = aa.question_id
        WHERE aa.attempt_id = p_attempt
          AND (qq.assessment_id IS DISTINCT FROM attempt.assessment_id
               OR EXISTS (
                   SELECT 1 FROM jsonb_array_elements_text(coalesce(aa.option_ids::jsonb, '[]'))
                       AS o(option_id)
                   WHERE NOT EXISTS (
                       SELECT 1 FROM public.answer_options ao
                       WHERE ao.id::text = o.option_id AND ao.question_id = aa.question_id)))
    ) THEN
        RAISE EXCEPTION 'the attempt answers with options that do not belong to its questions'
            USING ERRCODE = 'check_violation';
    END IF;
    FOR q IN
        SELECT qq.id, qq.type FROM public.questions qq
        WHERE qq.assessment_id = attempt.assessment_id
    LOOP
        n_questions := n_questions + 1;
        SELECT coalesce(array_agg(o.option_id::uuid), '{}'), max(aa.text)
          INTO chosen, answer_text
          FROM public.attempt_answers aa
          LEFT JOIN LATERAL jsonb_array_elements_text(coalesce(aa.option_ids::jsonb, '[]'))
              AS o(option_id) ON true
         WHERE aa.attempt_id = p_attempt AND aa.question_id = q.id;
        chosen := array_remove(chosen, NULL);
        q_points := 0;
        IF q.type IN ('single_choice', 'true_false') THEN
            IF cardinality(chosen) > 1 THEN
                RAISE EXCEPTION 'more than one answer to a single-answer question'
                    USING ERRCODE = 'check_violation';
            END IF;
            IF cardinality(chosen) = 1 AND EXISTS (
                SELECT 1 FROM public.answer_options ao
                WHERE ao.id = chosen[1] AND ao.question_id = q.id AND ao.is_correct) THEN
                q_points := 1;
            END IF;
        ELSIF q.type = 'multiple_choice' THEN
            SELECT count(*) FILTER (WHERE ao.is_correct),
                   count(*) FILTER (WHERE ao.is_correct AND ao.id = ANY (chosen)),
                   count(*) FILTER (WHERE NOT coalesce(ao.is_correct, false)
                                    AND ao.id = ANY (chosen))
              INTO n_correct, n_right, n_wrong
              FROM public.answer_options ao WHERE ao.question_id = q.id;
            IF n_correct > 0 THEN
                q_points := greatest(0, (n_right - n_wrong)::numeric / n_correct);
            END IF;
        ELSIF q.type = 'short_answer' THEN
            IF cardinality(chosen) > 0 THEN
                RAISE EXCEPTION 'options given for a short-answer question'
                    USING ERRCODE = 'check_violation';
            END IF;
            IF answer_text IS NOT NULL AND EXISTS (
                SELECT 1 FROM public.answer_options ao
                WHERE ao.question_id = q.id AND ao.is_correct
                  AND public.elearn_normalize_answer(ao.text)
                      = public.elearn_normalize_answer(answer_text)) THEN
                q_points := 1;
            END IF;
        END IF;
        UPDATE public.attempt_answers aa SET points = q_points
         WHERE aa.attempt_id = p_attempt AND aa.question_id = q.id;
        total := total + q_points;
    END LOOP;
    final_score := CASE WHEN n_questions = 0 THEN 0
                        ELSE floor(100 * total / n_questions + 0.5)::integer END;
    SELECT coalesce(a.passing_score, 0) INTO passing
      FROM public.assessments a WHERE a.id = attempt.assessment_id;
    UPDATE public.assessment_attempts a
       SET status = 'graded', score = final_score, passed = final_score >= passing,
           submitted_at = now(), elapsed_s = p_elapsed_s
     WHERE a.id = p_attempt;
    score := final_score;
    passed := final_score >= passing;
    RETURN NEXT;
END
$$;

CREATE FUNCTION public.elearn_attempt_review(p_attempt uuid)
    RETURNS TABLE (question_id uuid, option_id uuid, is_correct boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ao.question_id, ao.id, coalesce(ao.is_correct, false)
      FROM public.assessment_attempts a
      JOIN public.questions q ON q.assessment_id = a.assessment_id
      JOIN public.answer_options ao ON ao.question_id = q.id
     WHERE a.id = p_attempt AND a.status = 'graded'
       AND a.user_id = public.elearn_current_user_id()
$$;
"""
PG_FUNCTION_NAMES = (
    "elearn_normalize_answer(text)",
    "elearn_grade_attempt(uuid, double precision)",
    "elearn_attempt_review(uuid)",
)


def _create_tables() -> None:
    op.create_table(
        "lesson_playback",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("watched_ranges", JSONB, nullable=False),
        sa.Column("resume_position_s", sa.Float()),
        sa.Column("resume_event_at", sa.DateTime(timezone=True)),
        sa.Column("last_watched_at", sa.DateTime(timezone=True)),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
        sa.PrimaryKeyConstraint("user_id", "lesson_id", name="lesson_playback_pkey"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="lesson_playback_user_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="lesson_playback_lesson_id_fkey",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "assessment_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("assessment_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(20), server_default="in_progress", nullable=False),
        sa.Column(
            "started_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.Column("elapsed_s", sa.Float()),
        sa.Column("score", sa.Integer()),
        sa.Column("passed", sa.Boolean()),
        sa.Column("device_id", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="assessment_attempts_pkey"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="assessment_attempts_user_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name="assessment_attempts_assessment_id_fkey",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "status IN ('in_progress', 'graded')",
            name=op.f("assessment_attempts_status_known_check"),
        ),
        sa.CheckConstraint(
            "score IS NULL OR score BETWEEN 0 AND 100",
            name=op.f("assessment_attempts_score_range_check"),
        ),
    )
    op.create_index(
        "ix_assessment_attempts_user_id_assessment_id",
        "assessment_attempts",
        ["user_id", "assessment_id"],
    )
    op.create_table(
        "attempt_answers",
        sa.Column("attempt_id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.Uuid(), nullable=False),
        sa.Column("option_ids", JSONB, nullable=False),
        sa.Column("text", sa.Text()),
        sa.Column("points", sa.Float()),
        sa.PrimaryKeyConstraint("attempt_id", "question_id", name="attempt_answers_pkey"),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["assessment_attempts.id"],
            name="attempt_answers_attempt_id_fkey",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name="attempt_answers_question_id_fkey",
            ondelete="CASCADE",
        ),
    )


def _create_study_time() -> None:
    op.create_table(
        "study_time",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "day", "lesson_id", name="study_time_pkey"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="study_time_user_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lessons.id"], name="study_time_lesson_id_fkey", ondelete="CASCADE"
        ),
    )


def _postgresql_security() -> None:
    me = "public.elearn_current_user_id()"
    staff = "(public.elearn_has_role('support') OR public.elearn_has_role('admin'))"
    for table in NEW_TABLES:
        op.execute(f"REVOKE ALL ON public.{table} FROM PUBLIC")
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} FORCE ROW LEVEL SECURITY")
        op.execute(
            "DO $$ BEGIN EXECUTE format("
            f"'CREATE POLICY schema_owner_all ON public.{table} TO %I USING (true) "
            "WITH CHECK (true)', current_user); END $$"
        )
    own_attempt = (
        "EXISTS (SELECT 1 FROM public.assessment_attempts a WHERE a.id = attempt_id "
        f"AND a.user_id = {me}"
    )
    for table, owner in (
        ("lesson_playback", f"user_id = {me}"),
        ("study_time", f"user_id = {me}"),
        ("assessment_attempts", f"user_id = {me}"),
        ("attempt_answers", own_attempt + ")"),
    ):
        op.execute(
            f"CREATE POLICY own_rows_read ON public.{table} FOR SELECT TO {GROUPS} "
            f"USING ({owner} OR {staff})"
        )
    op.execute(
        f"CREATE POLICY own_rows_insert ON public.assessment_attempts FOR INSERT TO {GROUPS} "
        f"WITH CHECK (user_id = {me} AND status = 'in_progress' AND score IS NULL "
        "AND passed IS NULL)"
    )
    # Answers may be written while the attempt is open; grading closes it.
    open_attempt = own_attempt + " AND a.status = 'in_progress')"
    for command in ("INSERT", "UPDATE", "DELETE"):
        clause = (
            f"WITH CHECK ({open_attempt} AND points IS NULL)"
            if command == "INSERT"
            else f"USING ({open_attempt})"
            + (f" WITH CHECK ({open_attempt} AND points IS NULL)" if command == "UPDATE" else "")
        )
        op.execute(
            f"CREATE POLICY own_open_{command.lower()} ON public.attempt_answers "
            f"FOR {command} TO {GROUPS} {clause}"
        )
    for table in ("lesson_playback", "study_time"):
        op.execute(
            f"CREATE POLICY own_rows_insert ON public.{table} FOR INSERT TO {GROUPS} "
            f"WITH CHECK (user_id = {me})"
        )
        op.execute(
            f"CREATE POLICY own_rows_update ON public.{table} FOR UPDATE TO {GROUPS} "
            f"USING (user_id = {me}) WITH CHECK (user_id = {me})"
        )
    op.execute(
        f"GRANT SELECT, INSERT, UPDATE ON public.lesson_playback, public.study_time TO {GROUPS}"
    )
    op.execute(f"GRANT SELECT ON public.assessment_attempts TO {GROUPS}")
    # No UPDATE on attempts for anyone: status, score and passed are set by grading only.
    op.execute(
        "GRANT INSERT (id, user_id, assessment_id, started_at, device_id) "
        f"ON public.assessment_attempts TO {GROUPS}"
    )
    op.execute(
        "GRANT SELECT, DELETE, INSERT (attempt_id, question_id, option_ids, text), "
        f"UPDATE (option_ids, text) ON public.attempt_answers TO {GROUPS}"
    )
    op.execute(PG_FUNCTIONS)
    for fn in PG_FUNCTION_NAMES:
        op.execute(f"REVOKE ALL ON FUNCTION public.{fn} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION public.{fn} TO {GROUPS}")


def upgrade() -> None:
    _create_tables()
    _create_study_time()
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for name, table in PG_SEARCH_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON public.{table} USING gin ({PG_SEARCH_EXPRESSION})")
        _postgresql_security()
    elif dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for fn in PG_FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS public.{fn}")
        for name in PG_SEARCH_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS public.{name}")
    elif dialect == "sqlite":
        for trigger in SQLITE_FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS catalog_fts")
    op.drop_table("study_time")
    op.drop_table("attempt_answers")
    op.drop_index("ix_assessment_attempts_user_id_assessment_id", table_name="assessment_attempts")
    op.drop_table("assessment_attempts")
    op.drop_table("lesson_playback")
