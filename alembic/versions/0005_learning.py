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

# Python's str.casefold (Unicode 14.0, CPython 3.11) for every character that can occur in
# NFKC-normalised text: "first[-last[/stride]]±delta" maps a run of code points by an
# offset; "cp=a.b" maps one code point to several. Frozen here, like any migration: the
# server's folding must not depend on the database's locale (lower() under the C locale
# changes only ASCII letters) nor on the Python that runs the migration.
_CASEFOLD_TABLE = """
41-5a+32 c0-d6+32 d8-de+32 100-12e/2+1 134-136/2+1 139-13d/2+1 141-147/2+1 14a-176/2+1
178-121 179-17d/2+1 181+210 182-184/2+1 186+206 187+1 189-18a+205 18b+1 18e+79 18f+202
190+203 191+1 193+205 194+207 196+211 197+209 198+1 19c+211 19d+213 19f+214 1a0-1a4/2+1
1a6+218 1a7+1 1a9+218 1ac+1 1ae+218 1af+1 1b1-1b2+217 1b3-1b5/2+1 1b7+219 1b8+1 1bc+1
1cd-1db/2+1 1de-1ee/2+1 1f4+1 1f6-97 1f7-56 1f8-21e/2+1 220-130 222-232/2+1 23a+10795 23b+1
23d-163 23e+10792 241+1 243-195 244+69 245+71 246-24e/2+1 345+116 370-372/2+1 376+1 37f+116
386+38 388-38a+37 38c+64 38e-38f+63 391-3a1+32 3a3-3ab+32 3c2+1 3cf+8 3d8-3ee/2+1 3f7+1
3fa+1 3fd-3ff-130 400-40f+80 410-42f+32 460-480/2+1 48a-4be/2+1 4c0+15 4c1-4cd/2+1
4d0-52e/2+1 531-556+48 10a0-10c5+7264 10c7+7264 10cd+7264 13f8-13fd-8 1c80-6222 1c81-6221
1c82-6212 1c83-1c84-6210 1c85-6211 1c86-6204 1c87-6180 1c88+35267 1c90-1cba-3008
1cbd-1cbf-3008 1e00-1e94/2+1 1ea0-1efe/2+1 1f08-1f0f-8 1f18-1f1d-8 1f28-1f2f-8 1f38-1f3f-8
1f48-1f4d-8 1f59-1f5f/2-8 1f68-1f6f-8 1fb8-1fb9-8 1fba-74 1fc8-1fca/2-86 1fd8-1fd9-8
1fda-100 1fe8-1fe9-8 1fea-112 1fec-7 1ff8-128 1ffa-126 2132+28 2183+1 2c00-2c2f+48 2c60+1
2c62-10743 2c63-3814 2c64-10727 2c67-2c6b/2+1 2c6d-10780 2c6e-10749 2c6f-10783 2c70-10782
2c72+1 2c75+1 2c7e-2c7f-10815 2c80-2ce2/2+1 2ceb-2ced/2+1 2cf2+1 a640-a66c/2+1 a680-a69a/2+1
a722-a72e/2+1 a732-a76e/2+1 a779-a77b/2+1 a77d-35332 a77e-a786/2+1 a78b+1 a78d-42280
a790-a792/2+1 a796-a7a8/2+1 a7aa-42308 a7ab-42319 a7ac-42315 a7ad-42305 a7ae-42308
a7b0-42258 a7b1-42282 a7b2-42261 a7b3+928 a7b4-a7c2/2+1 a7c4-48 a7c5-42307 a7c6-35384
a7c7-a7c9/2+1 a7d0+1 a7d6-a7d8/2+1 a7f5+1 ab70-abbf-38864 10400-10427+40 104b0-104d3+40
10570-1057a+39 1057c-1058a+39 1058c-10592+39 10594-10595+39 10c80-10cb2+64 118a0-118bf+32
16e40-16e5f+32 1e900-1e921+34 df=73.73 130=69.307 1f0=6a.30c 390=3b9.308.301 3b0=3c5.308.301
1e96=68.331 1e97=74.308 1e98=77.30a 1e99=79.30a 1e9e=73.73 1f50=3c5.313 1f52=3c5.313.300
1f54=3c5.313.301 1f56=3c5.313.342 1f80=1f00.3b9 1f81=1f01.3b9 1f82=1f02.3b9 1f83=1f03.3b9
1f84=1f04.3b9 1f85=1f05.3b9 1f86=1f06.3b9 1f87=1f07.3b9 1f88=1f00.3b9 1f89=1f01.3b9
1f8a=1f02.3b9 1f8b=1f03.3b9 1f8c=1f04.3b9 1f8d=1f05.3b9 1f8e=1f06.3b9 1f8f=1f07.3b9
1f90=1f20.3b9 1f91=1f21.3b9 1f92=1f22.3b9 1f93=1f23.3b9 1f94=1f24.3b9 1f95=1f25.3b9
1f96=1f26.3b9 1f97=1f27.3b9 1f98=1f20.3b9 1f99=1f21.3b9 1f9a=1f22.3b9 1f9b=1f23.3b9
1f9c=1f24.3b9 1f9d=1f25.3b9 1f9e=1f26.3b9 1f9f=1f27.3b9 1fa0=1f60.3b9 1fa1=1f61.3b9
1fa2=1f62.3b9 1fa3=1f63.3b9 1fa4=1f64.3b9 1fa5=1f65.3b9 1fa6=1f66.3b9 1fa7=1f67.3b9
1fa8=1f60.3b9 1fa9=1f61.3b9 1faa=1f62.3b9 1fab=1f63.3b9 1fac=1f64.3b9 1fad=1f65.3b9
1fae=1f66.3b9 1faf=1f67.3b9 1fb2=1f70.3b9 1fb3=3b1.3b9 1fb4=3ac.3b9 1fb6=3b1.342
1fb7=3b1.342.3b9 1fbc=3b1.3b9 1fc2=1f74.3b9 1fc3=3b7.3b9 1fc4=3ae.3b9 1fc6=3b7.342
1fc7=3b7.342.3b9 1fcc=3b7.3b9 1fd2=3b9.308.300 1fd6=3b9.342 1fd7=3b9.308.342
1fe2=3c5.308.300 1fe4=3c1.313 1fe6=3c5.342 1fe7=3c5.308.342 1ff2=1f7c.3b9 1ff3=3c9.3b9
1ff4=3ce.3b9 1ff6=3c9.342 1ff7=3c9.342.3b9 1ffc=3c9.3b9
"""


def _casefold_json() -> str:
    import json
    import re

    folds: dict[str, str] = {}
    for token in _CASEFOLD_TABLE.split():
        if "=" in token:
            source, targets = token.split("=")
            folds[chr(int(source, 16))] = "".join(chr(int(t, 16)) for t in targets.split("."))
            continue
        match = re.fullmatch(r"([0-9a-f]+)(?:-([0-9a-f]+)(?:/(\d+))?)?([+-]\d+)", token)
        assert match is not None, token
        first = int(match[1], 16)
        last = int(match[2], 16) if match[2] else first
        for code in range(first, last + 1, int(match[3] or 1)):
            folds[chr(code)] = chr(code + int(match[4]))
    text = json.dumps(folds, sort_keys=True)  # ASCII only: \uXXXX escapes
    assert "'" not in text
    return text


# Whitespace as Python's str.split() sees it (str.isspace), trimmed and collapsed.
_PG_WHITESPACE = (
    r"[\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)

# Same rules as elearn_desktop.domain.scoring (a parity test keeps them together):
# short answers compare NFKC + full case folding + NFKC with whitespace collapsed; points
# are exact fractions (a multiple-choice third is not 0.333...), the score is rounded half
# up; duplicated option ids count once; text longer than 1000 characters, options that do
# not belong to their question and option lists that are not JSON arrays are tampering.
PG_FUNCTIONS = (
    (
        r"""
CREATE FUNCTION public.elearn_normalize_answer(value text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT btrim(regexp_replace(
               normalize(coalesce(string_agg(coalesce(fold.map ->> t.c, t.c), '' ORDER BY t.n),
                                  ''), NFKC),
               '@WHITESPACE@', ' ', 'g'))
      FROM (SELECT '@CASEFOLD@'::jsonb AS map) AS fold,
           regexp_split_to_table(normalize(coalesce(value, ''), NFKC), '')
               WITH ORDINALITY AS t(c, n)
$$;

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
    q_num numeric;
    q_den numeric;
    total_num numeric := 0;
    total_den numeric := 1;
    common numeric;
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
    -- A tampered attempt: answers to questions of another assessment, option lists that
    -- are not arrays, option ids that do not belong to their question, oversized text.
    IF EXISTS (
        SELECT 1 FROM public.attempt_answers aa
        LEFT JOIN public.questions qq ON qq.id = aa.question_id
        WHERE aa.attempt_id = p_attempt
          AND qq.assessment_id IS DISTINCT FROM attempt.assessment_id
    ) THEN
        RAISE EXCEPTION 'the attempt answers questions that are not in its assessment'
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (
        SELECT 1 FROM public.attempt_answers aa
        WHERE aa.attempt_id = p_attempt
          AND jsonb_typeof(coalesce(aa.option_ids::jsonb, '[]')) <> 'array'
    ) THEN
        RAISE EXCEPTION 'an answer''s options are not a list of option ids'
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (
        SELECT 1 FROM public.attempt_answers aa
        CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(aa.option_ids::jsonb, '[]'))
            AS o(option_id)
        WHERE aa.attempt_id = p_attempt
          AND NOT EXISTS (
              SELECT 1 FROM public.answer_options ao
              WHERE ao.id::text = o.option_id AND ao.question_id = aa.question_id)
    ) THEN
        RAISE EXCEPTION 'the attempt answers with options that do not belong to its questions'
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (
        SELECT 1 FROM public.attempt_answers aa
        WHERE aa.attempt_id = p_attempt AND length(aa.text) > 1000
    ) THEN
        RAISE EXCEPTION 'an answer is longer than 1000 characters'
            USING ERRCODE = 'check_violation';
    END IF;
    FOR q IN
        SELECT qq.id, qq.type FROM public.questions qq
        WHERE qq.assessment_id = attempt.assessment_id
    LOOP
        n_questions := n_questions + 1;
        SELECT coalesce(array_agg(DISTINCT o.option_id::uuid)
                            FILTER (WHERE o.option_id IS NOT NULL), '{}'),
               max(aa.text)
          INTO chosen, answer_text
          FROM public.attempt_answers aa
          LEFT JOIN LATERAL jsonb_array_elements_text(coalesce(aa.option_ids::jsonb, '[]'))
              AS o(option_id) ON true
         WHERE aa.attempt_id = p_attempt AND aa.question_id = q.id;
        q_num := 0;
        q_den := 1;
        IF q.type IN ('single_choice', 'true_false') THEN
            IF cardinality(chosen) > 1 THEN
                RAISE EXCEPTION 'more than one answer to a single-answer question'
                    USING ERRCODE = 'check_violation';
            END IF;
            IF cardinality(chosen) = 1 AND EXISTS (
                SELECT 1 FROM public.answer_options ao
                WHERE ao.id = chosen[1] AND ao.question_id = q.id AND ao.is_correct) THEN
                q_num := 1;
            END IF;
        ELSIF q.type = 'multiple_choice' THEN
            SELECT count(*) FILTER (WHERE ao.is_correct),
                   count(*) FILTER (WHERE ao.is_correct AND ao.id = ANY (chosen)),
                   count(*) FILTER (WHERE NOT coalesce(ao.is_correct, false)
                                    AND ao.id = ANY (chosen))
              INTO n_correct, n_right, n_wrong
              FROM public.answer_options ao WHERE ao.question_id = q.id;
            IF n_correct > 0 THEN
                q_num := greatest(0, n_right - n_wrong);
                q_den := n_correct;
            END IF;
        ELSIF q.type = 'short_answer' THEN
            IF cardinality(chosen) > 0 THEN
                RAISE EXCEPTION 'options given for a short-answer question'
                    USING ERRCODE = 'check_violation';
            END IF;
            answer_text := public.elearn_normalize_answer(answer_text);
            IF answer_text <> '' AND EXISTS (
                SELECT 1 FROM public.answer_options ao
                WHERE ao.question_id = q.id AND ao.is_correct
                  AND public.elearn_normalize_answer(ao.text) = answer_text) THEN
                q_num := 1;
            END IF;
        END IF;
        UPDATE public.attempt_answers aa
           SET points = q_num::double precision / q_den::double precision
         WHERE aa.attempt_id = p_attempt AND aa.question_id = q.id;
        -- total += q_num / q_den, kept as an exact fraction in lowest terms.
        total_num := total_num * q_den + q_num * total_den;
        total_den := total_den * q_den;
        common := gcd(total_num, total_den);
        total_num := total_num / common;
        total_den := total_den / common;
    END LOOP;
    -- round half up of 100 * total / n_questions, in integers.
    final_score := CASE WHEN n_questions = 0 THEN 0
                        ELSE div(200 * total_num + total_den * n_questions,
                                 2 * total_den * n_questions)::integer END;
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
    )
    .replace("@WHITESPACE@", _PG_WHITESPACE)
    .replace("@CASEFOLD@", _casefold_json())
)
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
