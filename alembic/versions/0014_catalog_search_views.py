"""Catalog search as a person's own login uses the full-text indexes (PostgreSQL only).

Additive: two views, nothing else changes. Row-level security keeps a person's login from
using an index for an operator PostgreSQL does not know to be leakproof — and the
full-text match ``@@`` is not. As a learner's login every keystroke therefore read all
100k courses and 200k lessons and matched each row (issue #8, workload 4: p95 75 ms as
a learner, 26 ms as the schema owner, whose policy is ``true``).

The views hold exactly what any signed-in person of this database may read already:

* ``catalog_search_courses`` — published courses (id, title, level, duration and the
  weighted ``search_vector`` of revision 0009);
* ``catalog_search_lessons`` — the lessons of published courses (id, module, course,
  title and ``search_vector``).

A view reads its tables with its owner's rights (here the schema owner, whose policy is
``true``), so the planner may use the GIN indexes; the views' own conditions stand in for
the policies: published courses only, and only for a person of this database
(``elearn_current_user_id()`` not NULL, as the content policies require) or the schema
owner (admin commands; superusers count as the owner). The visibility check is a scalar
sub-select, evaluated once per statement. Nothing a person could not read before becomes
readable: drafts and other databases' logins see no rows. ``SELECT`` is granted to the
app's group roles only.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = "elearn_learner, elearn_instructor, elearn_support, elearn_admin"
VIEWS = ("catalog_search_courses", "catalog_search_lessons")

# {owner} is the role running the migration (the schema owner), filled in on the server.
_VISIBLE = (
    "(SELECT public.elearn_current_user_id() IS NOT NULL "
    "OR pg_catalog.pg_has_role({owner}, 'USAGE'))"
)

COURSES_VIEW = f"""
CREATE VIEW public.catalog_search_courses AS
    SELECT c.id, c.title, c.level, c.duration, c.search_vector
    FROM public.courses c
    WHERE c.status = 'published' AND {_VISIBLE}
"""

# Each matching lesson looks its course up (OFFSET 0 keeps the planner from turning the
# lookup into a join, which would hash every lesson a prefix matches — 25k for "data d" —
# before the search's LIMIT could stop the scan).
LESSONS_VIEW = f"""
CREATE VIEW public.catalog_search_lessons AS
    SELECT l.id, l.module_id, owner.course_id, l.title, l.search_vector
    FROM public.lessons l,
    LATERAL (
        SELECT m.course_id
        FROM public.modules m JOIN public.courses c ON c.id = m.course_id
        WHERE m.id = l.module_id AND c.status = 'published'
        OFFSET 0
    ) owner
    WHERE {_VISIBLE}
"""


def _create(view_sql: str) -> None:
    # format() quotes the owner's name as a literal; the DDL runs as the owner.
    body = view_sql.replace("{owner}", "%L").replace("'", "''")
    op.execute(f"DO $$ BEGIN EXECUTE format('{body}', current_user); END $$")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _create(COURSES_VIEW)
    _create(LESSONS_VIEW)
    for view in VIEWS:
        op.execute(f"REVOKE ALL ON public.{view} FROM PUBLIC")
        op.execute(f"GRANT SELECT ON public.{view} TO {GROUPS}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS public.{view}")
