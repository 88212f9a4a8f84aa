"""Row-level security: the person's id and roles are looked up once per statement.

Every policy asks ``public.elearn_current_user_id()`` and ``public.elearn_has_role(...)``.
They are SECURITY DEFINER SQL functions, which PostgreSQL never inlines, so a policy called
them — each a query of ``user_logins``/``user_roles`` — once **per row** it checked. A
learner's catalog search at 100k courses (its own login, as the app signs in) took a
median 95 ms and a p95 of 614 ms that way (the benchmark's schema owner has no such
policies and saw 26 ms). Wrapped in a scalar sub-select, ``(SELECT
public.elearn_current_user_id())``, each becomes an InitPlan evaluated once per statement
(``session_user`` cannot change within one): the same search took 18 ms median, 75 ms
p95. The policies' meaning is unchanged — this revision rewrites the text of every policy
of the schema in place (``ALTER POLICY``); the downgrade unwraps them again.

Policies added by later revisions must use the wrapped form (``tests/security`` checks).
PostgreSQL only.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

import re
from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: A call of the identity functions as PostgreSQL deparses it into pg_policies.
_CALL = r"(?:public\.)?(?:elearn_current_user_id\(\)|elearn_has_role\('[a-z_]+'::text\))"
#: ... and the same call wrapped in a scalar sub-select (deparsed with an alias).
_WRAPPED = re.compile(rf"\(\s*SELECT\s+({_CALL})(?:\s+AS\s+\w+)?\s*\)")
_BARE = re.compile(_CALL)


def wrap(expression: str) -> str:
    """Every bare call in ``expression`` wrapped once (already wrapped ones are kept)."""
    unwrapped = unwrap(expression)
    return _BARE.sub(lambda m: f"(SELECT {m.group(0)})", unwrapped)


def unwrap(expression: str) -> str:
    return _WRAPPED.sub(lambda m: m.group(1), expression)


def _rewrite(change: object) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # Deparsed names are relative to the search path: read and parse them with the same.
    bind.exec_driver_sql("SET LOCAL search_path = public, pg_catalog")
    rows = bind.exec_driver_sql(
        "SELECT tablename, policyname, qual, with_check FROM pg_policies "
        "WHERE schemaname = 'public' ORDER BY tablename, policyname"
    ).all()
    for table, name, qual, check in rows:
        using = change(qual) if qual else None  # type: ignore[operator]
        with_check = change(check) if check else None  # type: ignore[operator]
        if using == qual and with_check == check:
            continue
        parts = [f'ALTER POLICY "{name}" ON public."{table}"']
        if using:
            parts.append(f"USING ({using})")
        if with_check:
            parts.append(f"WITH CHECK ({with_check})")
        bind.exec_driver_sql(" ".join(parts))


def upgrade() -> None:
    _rewrite(wrap)


def downgrade() -> None:
    _rewrite(unwrap)
