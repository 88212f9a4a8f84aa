"""Course insights for instructors: exact aggregate numbers (PostgreSQL functions only).

Additive only; nothing changes on SQLite (the embedded database is single-user: the
service layer reads the rows there). On PostgreSQL, row-level security keeps learners'
``user_progress`` and ``assessment_attempts`` private, so an instructor reading them
through the tables counts only what they may see. Three ``SECURITY DEFINER`` functions,
each with ``search_path`` pinned and EXECUTE revoked from PUBLIC (granted to
``elearn_instructor`` and ``elearn_admin``), return counts for ONE course — never a
learner's row or id:

- ``elearn_course_enrolments(course)``: per UTC day of enrolment (the day the learner's
  course progress row was created; NULL for a row without a creation time), how many
  learners enrolled and how many of them completed the course;
- ``elearn_course_module_completions(course)``: per module of the course, how many
  learners completed it;
- ``elearn_course_score_bins(course)``: graded attempts of the assessments in the learning
  paths that contain the course, per 10-point bin (0..9; a perfect score is in bin 9),
  with how many of them passed.

Each refuses (SQLSTATE 42501, ``insufficient_privilege``) unless the caller is the course's
instructor (its author) or an admin — or the owner of the tables itself (the schema owner,
which runs the migrations and the ``elearn`` admin commands), which reads every row anyway
through its ``schema_owner_all`` policies (0004).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNATURES = (
    "elearn_course_enrolments(uuid)",
    "elearn_course_module_completions(uuid)",
    "elearn_course_score_bins(uuid)",
)

# The owner of the tables (the schema owner, who ran the migrations) reads every row anyway
# through its schema_owner_all policies; it is told apart by session_user, never by
# anything a client may set.
_GUARD = r"""
    IF NOT (session_user = (SELECT pg_get_userbyid(t.relowner) FROM pg_class t
                            WHERE t.oid = 'public.courses'::regclass)
            OR public.elearn_has_role('admin')
            OR EXISTS (SELECT 1 FROM public.courses c
                       WHERE c.id = p_course
                         AND c.author_id = public.elearn_current_user_id())) THEN
        RAISE EXCEPTION 'only the course''s instructor or an administrator may see its numbers'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
"""


def _function(name: str, returns: str, query: str) -> str:
    """A guarded, read-only SECURITY DEFINER function of one course returning ``query``."""
    return (
        f"CREATE FUNCTION public.{name}(p_course uuid)\n"
        f"    RETURNS TABLE ({returns})\n"
        "    LANGUAGE plpgsql STABLE SECURITY DEFINER\n"
        "    SET search_path = pg_catalog, pg_temp\n"
        f"AS $fn$\nBEGIN{_GUARD}    RETURN QUERY{query};\nEND\n$fn$;"
    )


FUNCTIONS_SQL = (
    _function(
        "elearn_course_enrolments",
        "day date, learners bigint, completed bigint",
        r"""
        SELECT (p.created_at AT TIME ZONE 'UTC')::date,
               count(*),
               count(*) FILTER (WHERE p.status = 'completed')
        FROM public.user_progress p
        WHERE p.entity_type = 'course' AND p.entity_id = p_course
        GROUP BY 1
        ORDER BY 1 NULLS LAST""",
    ),
    _function(
        "elearn_course_module_completions",
        "module_id uuid, completed bigint",
        r"""
        SELECT m.id, count(DISTINCT p.user_id)
        FROM public.modules m
        LEFT JOIN public.user_progress p
            ON p.entity_type = 'module' AND p.entity_id = m.id AND p.status = 'completed'
        WHERE m.course_id = p_course
        GROUP BY m.id
        ORDER BY m.id""",
    ),
    _function(
        "elearn_course_score_bins",
        "bin integer, attempts bigint, passed bigint",
        r"""
        SELECT least(greatest(a.score, 0) / 10, 9),
               count(*),
               count(*) FILTER (WHERE a.passed)
        FROM public.assessment_attempts a
        WHERE a.status = 'graded'
          AND a.score IS NOT NULL
          AND a.assessment_id IN (
              SELECT s.entity_id FROM public.path_steps s
              WHERE s.entity_type = 'assessment'
                AND s.path_id IN (
                    SELECT c.path_id FROM public.path_steps c
                    WHERE c.entity_type = 'course' AND c.entity_id = p_course))
        GROUP BY 1
        ORDER BY 1""",
    ),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in FUNCTIONS_SQL:
        op.execute(statement)
    for signature in SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC")
        op.execute(
            f"GRANT EXECUTE ON FUNCTION public.{signature} TO elearn_instructor, elearn_admin"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for signature in reversed(SIGNATURES):
        op.execute(f"DROP FUNCTION IF EXISTS public.{signature}")
