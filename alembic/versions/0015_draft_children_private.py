"""Children of a draft course or path are as private as the draft itself.

Revision 0004 let everyone signed in read every module, lesson and path step, so a
learner could read the outline (titles, lesson content, video links) of another author's
unpublished course or path by its ids, though not the course row. The ``content_read``
policies of ``modules``, ``lessons`` and ``path_steps`` now also ask whether the person
can read the parent row — the parent's own row-level security decides (published, or the
author, or staff/admin), so the rule lives in one place. Assessments have no draft state;
questions and options keep 0004's rules. PostgreSQL only (the embedded database has no
roles). The schema owner's ``schema_owner_all`` policies are untouched, so SECURITY
DEFINER functions (sync apply, insights) see everything as before, and catalog search
matches through revision 0014's views (published courses only).

The person is looked up once per statement (revision 0013's wrapped form); the parent
check is one primary-key probe per row read.

Course insights count the scores of the assessments in the *published* learning paths
that hold the course (``elearn_course_score_bins``, revision 0008, counted draft paths
too): an instructor's own login can no longer read another author's draft path, and
nobody follows a draft; ``services.insights`` reads the same on the embedded database.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26
"""

from collections.abc import Sequence
from types import ModuleType

from alembic import op

from elearn_desktop.data.revision_files import load_sibling

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = "elearn_learner, elearn_instructor, elearn_support, elearn_admin"
SIGNED_IN = "(SELECT public.elearn_current_user_id()) IS NOT NULL"

#: table -> the parent row it belongs to (read under the parent's own policy).
PARENT_VISIBLE = {
    "modules": "EXISTS (SELECT 1 FROM public.courses c WHERE c.id = modules.course_id)",
    "lessons": "EXISTS (SELECT 1 FROM public.modules m WHERE m.id = lessons.module_id)",
    "path_steps": (
        "EXISTS (SELECT 1 FROM public.learning_paths p WHERE p.id = path_steps.path_id)"
    ),
}


SCORE_BINS = "elearn_course_score_bins"
_DRAFT_PATHS_TOO = """
                AND s.path_id IN (
                    SELECT c.path_id FROM public.path_steps c
                    WHERE c.entity_type = 'course' AND c.entity_id = p_course))"""
_PUBLISHED_PATHS = """
                AND s.path_id IN (
                    SELECT c.path_id FROM public.path_steps c
                    JOIN public.learning_paths lp ON lp.id = c.path_id
                    WHERE c.entity_type = 'course' AND c.entity_id = p_course
                      AND lp.status = 'published'))"""


def _revision_0008() -> ModuleType:
    return load_sibling(__file__, "0008_course_insights.py")


def score_bins_function(*, published_only: bool) -> str:
    """0008's ``elearn_course_score_bins`` (``CREATE OR REPLACE``), over published paths
    only or (the downgrade) over every path, as 0008 wrote it."""
    (text,) = [f for f in _revision_0008().FUNCTIONS_SQL if f"public.{SCORE_BINS}(" in f]
    if text.count(_DRAFT_PATHS_TOO) != 1:
        raise RuntimeError("revision 0008's score bins function is not the one 0015 expects")
    if published_only:
        text = text.replace(_DRAFT_PATHS_TOO, _PUBLISHED_PATHS)
    return text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


def _read_policy(table: str, using: str) -> list[str]:
    return [
        f"DROP POLICY content_read ON public.{table}",
        f"CREATE POLICY content_read ON public.{table} FOR SELECT TO {GROUPS} USING ({using})",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, parent in PARENT_VISIBLE.items():
        for statement in _read_policy(table, f"{SIGNED_IN} AND {parent}"):
            op.execute(statement)
    op.execute(score_bins_function(published_only=True))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in PARENT_VISIBLE:
        for statement in _read_policy(table, SIGNED_IN):
            op.execute(statement)
    op.execute(score_bins_function(published_only=False))
