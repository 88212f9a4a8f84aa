"""Support console: account search and temporary passwords (PostgreSQL functions only).

Additive only; nothing changes on SQLite (the embedded database is single-user: the
service layer checks roles there). On PostgreSQL two ``SECURITY DEFINER`` functions, each
with ``search_path`` pinned, EXECUTE revoked from PUBLIC, and a role check of its own:

- ``elearn_search_accounts(...)`` (support and admins): the ids of the accounts matching a
  search, in the requested order, as one ``bytea`` of 16-byte ids. Under row-level
  security every ``users`` row read by a staff login costs two policy function calls, so
  searching 100k accounts through the table takes most of a second; this function reads as
  the schema owner and returns nothing but ids — the rows themselves are still read through
  RLS and the column privileges.
- ``elearn_set_temporary_password(target, argon2id hash, SCRAM verifier)`` (admins): sets a
  person's ``users.password_hash`` and their login role's password, which an admin's own
  role cannot (``ALTER ROLE`` needs CREATEROLE). The client computes both, so the password
  itself never reaches the server; the audit trigger records the change (without the hash).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_SIGNATURE = (
    "elearn_search_accounts(text[], uuid, boolean, boolean, text, uuid, text, text, boolean)"
)
PASSWORD_SIGNATURE = "elearn_set_temporary_password(uuid, text, text)"

SEARCH_SQL = r"""
CREATE FUNCTION public.elearn_search_accounts(
    terms text[],
    exact_id uuid,
    only_active boolean,
    only_verified boolean,
    with_role text,
    with_plan uuid,
    with_status text,
    sort_key text,
    descending boolean
) RETURNS bytea
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    direction text := CASE WHEN descending THEN 'DESC NULLS FIRST' ELSE 'ASC NULLS LAST' END;
    ordering text;
    result bytea;
BEGIN
    IF NOT (public.elearn_has_role('support') OR public.elearn_has_role('admin')) THEN
        RAISE EXCEPTION 'only support staff and administrators may search accounts'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Only these fragments are ever put into the statement: sort_key picks one.
    ordering := CASE sort_key
        WHEN 'email' THEN $o$lower(u.email) COLLATE "C" %1$s$o$
        WHEN 'name' THEN $o$lower(coalesce(u.last_name, '')) COLLATE "C" %1$s, $o$
            || $o$lower(coalesce(u.first_name, '')) COLLATE "C" %1$s$o$
        WHEN 'created' THEN $o$u.created_at %1$s$o$
        WHEN 'active' THEN $o$coalesce(u.is_active, false) %1$s$o$
        WHEN 'verified' THEN $o$coalesce(u.is_verified, false) %1$s$o$
    END;
    IF ordering IS NULL THEN
        RAISE EXCEPTION 'unknown sort key %', sort_key USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format(
        $q$
        SELECT coalesce(string_agg(uuid_send(u.id), ''::bytea ORDER BY $q$ || ordering
        || $q$, u.id %1$s), ''::bytea)
        FROM public.users u
        WHERE ($2 IS NULL OR u.id = $2)
          AND NOT EXISTS (
              SELECT 1 FROM unnest($1) AS t(term)
              WHERE strpos(lower(u.email), t.term) = 0
                AND strpos(lower(coalesce(u.first_name, '')), t.term) = 0
                AND strpos(lower(coalesce(u.last_name, '')), t.term) = 0)
          AND ($3 IS NULL OR coalesce(u.is_active, false) = $3)
          AND ($4 IS NULL OR coalesce(u.is_verified, false) = $4)
          AND ($5 IS NULL OR EXISTS (
              SELECT 1 FROM public.user_roles r WHERE r.user_id = u.id AND r.role = $5))
          AND (($6 IS NULL AND $7 IS NULL) OR EXISTS (
              SELECT 1 FROM public.subscriptions s
              WHERE s.user_id = u.id
                AND ($6 IS NULL OR s.plan_id = $6)
                AND ($7 IS NULL OR s.status = $7)))
        $q$,
        direction)
    INTO result
    USING coalesce(terms, ARRAY[]::text[]), exact_id, only_active, only_verified,
          with_role, with_plan, with_status;
    RETURN result;
END
$fn$;
"""

PASSWORD_SQL = r"""
CREATE FUNCTION public.elearn_set_temporary_password(
    target uuid, new_hash text, new_verifier text
) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    login text;
BEGIN
    IF NOT public.elearn_has_role('admin') THEN
        RAISE EXCEPTION 'only administrators may set a temporary password'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF new_hash IS NULL OR new_hash !~ '^\$argon2id\$' THEN
        RAISE EXCEPTION 'the password hash must be an argon2id hash'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Only a verifier: a clear-text password here could end up in the server's log.
    IF new_verifier IS NULL OR new_verifier !~
            '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the login password must be a SCRAM-SHA-256 verifier'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM public.users WHERE id = target) THEN
        RAISE EXCEPTION 'there is no account with this id' USING ERRCODE = 'no_data_found';
    END IF;
    SELECT role_name INTO login FROM public.user_logins WHERE user_id = target;
    IF login IS NULL THEN
        RAISE EXCEPTION 'this person has no desktop login yet (see elearn users set-password)'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- updated_at changes too, so the audit trail shows the change (the hash never is).
    UPDATE public.users SET password_hash = new_hash, updated_at = current_timestamp
        WHERE id = target;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, new_verifier);
    RETURN login;
END
$fn$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(SEARCH_SQL)
    op.execute(PASSWORD_SQL)
    for signature in (SEARCH_SIGNATURE, PASSWORD_SIGNATURE):
        op.execute(f"REVOKE ALL ON FUNCTION public.{signature} FROM PUBLIC")
    op.execute(
        f"GRANT EXECUTE ON FUNCTION public.{SEARCH_SIGNATURE} TO elearn_support, elearn_admin"
    )
    op.execute(f"GRANT EXECUTE ON FUNCTION public.{PASSWORD_SIGNATURE} TO elearn_admin")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP FUNCTION IF EXISTS public.{PASSWORD_SIGNATURE}")
    op.execute(f"DROP FUNCTION IF EXISTS public.{SEARCH_SIGNATURE}")
