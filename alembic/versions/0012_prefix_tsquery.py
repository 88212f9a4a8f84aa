"""Search as you type: one lean tsquery for the word being typed (PostgreSQL only).

Additive. ``elearn_prefix_tsquery(variants text[])`` turns the word being typed and its
shorter variants (``services.search.SearchTerms.prefix_variants``: "pytho", "pyth") into
one prefix query: each variant through the ``english`` configuration (stemmed, stop words
dropped) and through ``simple`` (kept as typed), duplicates removed, and every prefix
dropped that a shorter one of the set already covers (``'pytho':*`` matches nothing that
``'pyth':*`` does not). Matching is unchanged; the GIN index is searched for one or two
prefixes instead of six, and each prefix entry is a separate scan of the index: for a
common word this was most of a keystroke (issue #8, workload 4: 8.4 → 3.3 ms for the
courses' index alone on "introduction to pytho", 100k courses).

A variant whose configuration gives anything but one prefix lexeme (a word the parser
splits) is kept as that configuration gave it, OR-ed in. No lexeme at all: the empty
query, as before (``&&`` then leaves the other words to match). ``IMMUTABLE`` like
``to_tsquery`` with a fixed configuration, so the planner folds it into a constant once
per search (``services.search`` asks for custom plans); ``search_path`` pinned; the
"only stop words" notices of ``to_tsquery`` are not sent to the client. EXECUTE is
revoked from PUBLIC and granted to the app's group roles, as for the other functions.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SIGNATURE = "elearn_prefix_tsquery(text[])"
GROUPS = "elearn_learner, elearn_instructor, elearn_support, elearn_admin"

FUNCTION_SQL = r"""
CREATE FUNCTION public.elearn_prefix_tsquery(variants text[]) RETURNS tsquery
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    SET client_min_messages = warning
AS $$
DECLARE
    variant text;
    config regconfig;
    part tsquery;
    tree text;
    lexemes text[] := '{}';
    rest tsquery := NULL;
    result tsquery := NULL;
BEGIN
    FOREACH variant IN ARRAY variants LOOP
        FOREACH config IN ARRAY ARRAY['english', 'simple']::regconfig[] LOOP
            part := to_tsquery(config, '''' || replace(variant, '''', '''''') || ''':*');
            tree := querytree(part);
            IF numnode(part) = 0 THEN
                CONTINUE;
            ELSIF numnode(part) = 1 AND tree ~ '^''[^''\\]+'':\*$' THEN
                lexemes := lexemes || substr(tree, 2, length(tree) - 4);
            ELSE
                rest := CASE WHEN rest IS NULL THEN part ELSE rest || part END;
            END IF;
        END LOOP;
    END LOOP;
    SELECT string_agg('''' || kept.lexeme || ''':*', ' | ' ORDER BY kept.lexeme)::tsquery
    INTO result
    FROM (SELECT DISTINCT lexeme FROM unnest(lexemes) AS lexeme) AS kept
    WHERE NOT EXISTS (
        SELECT 1 FROM unnest(lexemes) AS shorter
        WHERE shorter <> kept.lexeme AND starts_with(kept.lexeme, shorter)
    );
    IF rest IS NOT NULL THEN
        result := CASE WHEN result IS NULL THEN rest ELSE result || rest END;
    END IF;
    RETURN coalesce(result, ''::tsquery);
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION_SQL)
    op.execute(f"REVOKE ALL ON FUNCTION public.{SIGNATURE} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION public.{SIGNATURE} TO {GROUPS}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION IF EXISTS public.{SIGNATURE}")
