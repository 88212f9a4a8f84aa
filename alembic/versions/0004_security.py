"""Security enforced by PostgreSQL: group roles, row-level security, column privileges, audit.

Both backends get two additive tables (``user_logins``: a person's PostgreSQL login role;
``audit_log``) and a nullable ``video_assets.author_id``. On PostgreSQL only:

- group roles ``elearn_learner|instructor|support|admin`` (created only if missing; never
  dropped on downgrade — they are cluster-wide and another database may use them);
- ``elearn_current_user_id()``: SECURITY DEFINER, ``search_path`` pinned, EXECUTE revoked
  from PUBLIC; maps ``session_user`` to the app user. No client-settable variable is trusted;
- RLS enabled and forced on every per-user table, on the content tables (for
  authorship) and on ``subscription_plans``: every table an app role may touch, since the
  group roles (and so their grants) also serve logins of other databases on the cluster; the schema owner (the role running migrations, never a person) keeps a
  policy of its own so admin commands and SECURITY DEFINER functions work without BYPASSRLS;
- column privileges: nobody reads ``users.password_hash``; learners do not read
  ``answer_options.is_correct``; support updates only ``users.is_active/is_verified`` and
  ``subscriptions.status/end_date``;
- triggers: audit rows (actor = ``session_user``) on accounts and content; group membership
  follows ``user_roles``; deactivating a person makes their login role NOLOGIN.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONB = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

GROUP_ROLES = ("elearn_learner", "elearn_instructor", "elearn_support", "elearn_admin")

#: Tables whose rows belong to one person.
PER_USER_TABLES = (
    "users",
    "user_profiles",
    "user_roles",
    "user_logins",
    "user_progress",
    "subscriptions",
    "audit_log",
)
#: Content: readable by everyone signed in, written by its author (or an admin).
CONTENT_TABLES = (
    "courses",
    "modules",
    "lessons",
    "video_assets",
    "assessments",
    "questions",
    "answer_options",
    "learning_paths",
    "path_steps",
)
#: Every table under forced RLS. Group roles are cluster-wide, so their grants also reach
#: logins of other databases on the same cluster: a table an app role may touch needs RLS
#: (which knows only the people of this database) even if it holds nobody's data.
RLS_TABLES = (*PER_USER_TABLES, *CONTENT_TABLES, "subscription_plans")
AUDITED_TABLES = (
    "users",
    "user_profiles",
    "user_roles",
    "subscriptions",
    "subscription_plans",
    *CONTENT_TABLES,
)

# Whether the signed-in person may write a content row, per table (USING/WITH CHECK).
_MINE = "author_id = public.elearn_current_user_id()"
_COURSE_MINE = (
    "EXISTS (SELECT 1 FROM public.courses c WHERE c.id = {col} AND c.author_id = "
    "public.elearn_current_user_id())"
)
_ASSESSMENT_MINE = (
    "EXISTS (SELECT 1 FROM public.assessments a WHERE a.id = {col} AND a.author_id = "
    "public.elearn_current_user_id())"
)
CONTENT_OWNERSHIP = {
    "courses": _MINE,
    "modules": _COURSE_MINE.format(col="course_id"),
    "lessons": (
        "EXISTS (SELECT 1 FROM public.modules m JOIN public.courses c ON c.id = m.course_id "
        "WHERE m.id = module_id AND c.author_id = public.elearn_current_user_id())"
    ),
    "video_assets": _MINE,
    "assessments": _MINE,
    "questions": _ASSESSMENT_MINE.format(col="assessment_id"),
    "answer_options": (
        "EXISTS (SELECT 1 FROM public.questions q JOIN public.assessments a "
        "ON a.id = q.assessment_id WHERE q.id = question_id "
        "AND a.author_id = public.elearn_current_user_id())"
    ),
    "learning_paths": _MINE,
    "path_steps": (
        "EXISTS (SELECT 1 FROM public.learning_paths p WHERE p.id = path_id "
        "AND p.author_id = public.elearn_current_user_id())"
    ),
}

# Who a per-user row belongs to, per table (used by policies and by the audit trigger).
SUBJECT_COLUMN = {
    "users": "id",
    "user_profiles": "user_id",
    "user_roles": "user_id",
    "user_logins": "user_id",
    "user_progress": "user_id",
    "subscriptions": "user_id",
}

USER_COLUMNS_READABLE = (
    "id, email, first_name, last_name, is_active, is_verified, created_at, updated_at"
)
OPTION_COLUMNS_FOR_LEARNERS = "id, question_id, text, order_index, created_at, updated_at"

FUNCTIONS_SQL = r"""
CREATE FUNCTION public.elearn_current_user_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$ SELECT user_id FROM public.user_logins WHERE role_name = session_user $$;

CREATE FUNCTION public.elearn_has_role(role_name text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1 FROM public.user_roles r
        JOIN public.user_logins l ON l.user_id = r.user_id
        WHERE l.role_name = session_user AND r.role = elearn_has_role.role_name
    )
$$;

-- Audit: one row per change, actor = the real database login. Password hashes never
-- reach the audit trail.
CREATE FUNCTION public.elearn_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'password_hash' END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'password_hash' END;
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
$$;

-- Group membership follows user_roles (the one place roles are decided).
CREATE FUNCTION public.elearn_sync_role_membership() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    login text;
    r record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    SELECT role_name INTO login FROM public.user_logins WHERE user_id = r.user_id;
    IF login IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('GRANT %I TO %I', 'elearn_' || r.role, login);
    ELSE
        EXECUTE format('REVOKE %I FROM %I', 'elearn_' || r.role, login);
    END IF;
    RETURN NULL;
END
$$;

-- A new login gets the groups of the roles the person already has.
CREATE FUNCTION public.elearn_grant_existing_roles() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    role_row record;
BEGIN
    FOR role_row IN SELECT role FROM public.user_roles WHERE user_id = NEW.user_id LOOP
        EXECUTE format('GRANT %I TO %I', 'elearn_' || role_row.role, NEW.role_name);
    END LOOP;
    RETURN NULL;
END
$$;

-- Deactivating a person closes their login at the server, not just in the client.
CREATE FUNCTION public.elearn_sync_login_state() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    login text;
BEGIN
    SELECT role_name INTO login FROM public.user_logins WHERE user_id = NEW.id;
    IF login IS NOT NULL THEN
        IF NEW.is_active THEN
            EXECUTE format('ALTER ROLE %I LOGIN', login);
        ELSE
            EXECUTE format('ALTER ROLE %I NOLOGIN', login);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Support may change only the status flags of someone else's account; admins anything
-- their column privileges allow.
CREATE FUNCTION public.elearn_guard_user_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF public.elearn_current_user_id() IS NULL OR public.elearn_has_role('admin') THEN
        RETURN NEW;  -- the schema owner (admin commands) or an admin
    END IF;
    IF (NEW.email, NEW.first_name, NEW.last_name, NEW.password_hash, NEW.created_at)
        IS DISTINCT FROM
       (OLD.email, OLD.first_name, OLD.last_name, OLD.password_hash, OLD.created_at) THEN
        RAISE EXCEPTION 'support may change only whether an account is active or verified'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
"""

FUNCTION_NAMES = (
    "elearn_current_user_id()",
    "elearn_has_role(text)",
    "elearn_audit()",
    "elearn_sync_role_membership()",
    "elearn_grant_existing_roles()",
    "elearn_sync_login_state()",
    "elearn_guard_user_update()",
)


def _policies() -> list[str]:
    me = "public.elearn_current_user_id()"
    staff = "(public.elearn_has_role('support') OR public.elearn_has_role('admin'))"
    admin = "public.elearn_has_role('admin')"
    sql: list[str] = []

    def policy(
        table: str, name: str, command: str, to: str, using: str | None, check: str | None
    ) -> None:
        parts = [f"CREATE POLICY {name} ON public.{table} FOR {command} TO {to}"]
        if using is not None:
            parts.append(f"USING ({using})")
        if check is not None:
            parts.append(f"WITH CHECK ({check})")
        sql.append(" ".join(parts))

    groups = ", ".join(GROUP_ROLES)
    for table, column in SUBJECT_COLUMN.items():
        policy(table, "own_rows_read", "SELECT", groups, f"{column} = {me} OR {staff}", None)
    # Learners write their own progress and profile; nobody deletes progress.
    for table in ("user_progress", "user_profiles"):
        policy(table, "own_rows_insert", "INSERT", groups, None, f"user_id = {me} OR {admin}")
        policy(
            table,
            "own_rows_update",
            "UPDATE",
            groups,
            f"user_id = {me} OR {admin}",
            f"user_id = {me} OR {admin}",
        )
    policy("users", "staff_update", "UPDATE", "elearn_support, elearn_admin", staff, staff)
    policy("subscriptions", "staff_update", "UPDATE", "elearn_support, elearn_admin", staff, staff)
    policy("subscriptions", "admin_insert", "INSERT", "elearn_admin", None, admin)
    # Plans: everyone signed in to this database reads them; admins change them.
    policy("subscription_plans", "content_read", "SELECT", groups, f"{me} IS NOT NULL", None)
    policy("subscription_plans", "admin_insert", "INSERT", "elearn_admin", None, admin)
    policy("subscription_plans", "admin_update", "UPDATE", "elearn_admin", admin, admin)
    policy("user_roles", "admin_insert", "INSERT", "elearn_admin", None, admin)
    policy("user_roles", "admin_delete", "DELETE", "elearn_admin", admin, None)
    policy(
        "audit_log",
        "own_rows_read",
        "SELECT",
        groups,
        # Support lack SELECT on answer_options.is_correct: not from the trail either.
        f"subject_user_id = {me} OR actor_user_id = {me} OR {admin} OR "
        f"(public.elearn_has_role('support') AND table_name <> 'answer_options')",
        None,
    )

    # Content: for people of this database only (not logins of another database on the
    # cluster); drafts are visible to their author and staff; writes only by the author
    # (instructors) or an admin.
    for table in CONTENT_TABLES:
        if table in ("courses", "learning_paths"):
            read = (
                f"({me} IS NOT NULL AND status = 'published') OR author_id = {me} "
                f"OR {staff} OR {admin}"
            )
        else:
            read = f"{me} IS NOT NULL"
        policy(table, "content_read", "SELECT", groups, read, None)
        mine = f"({CONTENT_OWNERSHIP[table]}) OR {admin}"
        writers = "elearn_instructor, elearn_admin"
        policy(table, "author_insert", "INSERT", writers, None, mine)
        policy(table, "author_update", "UPDATE", writers, mine, mine)
        policy(table, "author_delete", "DELETE", writers, mine, None)
    return sql


def _grants() -> list[str]:
    everyone = ", ".join(GROUP_ROLES)
    content = ", ".join(f"public.{t}" for t in CONTENT_TABLES if t != "answer_options")
    sql = [
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        # The client checks the schema revision before it works with a database.
        f"GRANT SELECT ON public.alembic_version TO {everyone}",
        # Accounts: never password_hash.
        f"GRANT SELECT ({USER_COLUMNS_READABLE}) ON public.users TO {everyone}",
        "GRANT UPDATE (is_active, is_verified, updated_at) ON public.users "
        "TO elearn_support, elearn_admin",
        "GRANT UPDATE (first_name, last_name, email) ON public.users TO elearn_admin",
        f"GRANT SELECT ON public.user_profiles, public.user_roles, public.user_logins, "
        f"public.user_progress, public.subscriptions, public.subscription_plans, "
        f"public.audit_log TO {everyone}",
        f"GRANT INSERT, UPDATE ON public.user_profiles, public.user_progress TO {everyone}",
        "GRANT UPDATE (status, end_date, updated_at) ON public.subscriptions "
        "TO elearn_support, elearn_admin",
        "GRANT INSERT, UPDATE ON public.subscriptions, public.subscription_plans TO elearn_admin",
        "GRANT INSERT, DELETE ON public.user_roles TO elearn_admin",
        # Content.
        f"GRANT SELECT ON {content} TO {everyone}",
        f"GRANT SELECT ({OPTION_COLUMNS_FOR_LEARNERS}) ON public.answer_options TO {everyone}",
        "GRANT SELECT ON public.answer_options TO elearn_instructor, elearn_admin",
        f"GRANT INSERT, UPDATE, DELETE ON {content}, public.answer_options "
        "TO elearn_instructor, elearn_admin",
    ]
    return sql


def _create_tables() -> None:
    op.create_table(
        "user_logins",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role_name", sa.String(63), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
        sa.PrimaryKeyConstraint("user_id", name="user_logins_pkey"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="user_logins_user_id_fkey", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("role_name", name="user_logins_role_name_key"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("actor", sa.String(63), nullable=False),
        sa.Column("actor_user_id", sa.Uuid()),
        sa.Column("subject_user_id", sa.Uuid()),
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.String(255), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("old_data", JSONB),
        sa.Column("new_data", JSONB),
        sa.PrimaryKeyConstraint("id", name="audit_log_pkey"),
    )
    op.create_index(
        "ix_audit_log_subject_user_id_occurred_at", "audit_log", ["subject_user_id", "occurred_at"]
    )
    op.create_index("ix_audit_log_table_name_row_id", "audit_log", ["table_name", "row_id"])
    op.create_index("ix_audit_log_occurred_at", "audit_log", ["occurred_at"])
    with op.batch_alter_table("video_assets") as batch:
        batch.add_column(sa.Column("author_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key("video_assets_author_id_fkey", "users", ["author_id"], ["id"])
        batch.create_index("ix_video_assets_author_id", ["author_id"])


def upgrade() -> None:
    _create_tables()
    if op.get_bind().dialect.name != "postgresql":
        return  # embedded SQLite is single-user: the service layer checks roles
    for role in GROUP_ROLES:
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
        # Group roles hold privileges; people inherit from them (their logins INHERIT).
        # Naming SUPERUSER/BYPASSRLS in ALTER ROLE needs a superuser even to turn them off:
        # only then, so a CREATEROLE schema owner (managed PostgreSQL has no superuser)
        # can migrate, and is refused if a group role somehow has them.
        op.execute(
            f"DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}' "
            f"AND (rolsuper OR rolbypassrls)) THEN ALTER ROLE {role} NOSUPERUSER NOBYPASSRLS; "
            f"END IF; END $$"
        )
        op.execute(f"ALTER ROLE {role} NOLOGIN NOCREATEDB NOCREATEROLE")
    op.execute(FUNCTIONS_SQL)
    for fn in FUNCTION_NAMES:
        op.execute(f"REVOKE ALL ON FUNCTION public.{fn} FROM PUBLIC")
    op.execute(
        "GRANT EXECUTE ON FUNCTION public.elearn_current_user_id(), "
        f"public.elearn_has_role(text) TO {', '.join(GROUP_ROLES)}"
    )
    all_tables = (*PER_USER_TABLES, *CONTENT_TABLES, "subscription_plans")
    for table in all_tables:
        op.execute(f"REVOKE ALL ON public.{table} FROM PUBLIC")
    for table in RLS_TABLES:
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} FORCE ROW LEVEL SECURITY")
        # The schema owner (who runs migrations and admin commands; never a person's
        # login) keeps full access under FORCE, so SECURITY DEFINER functions work.
        op.execute(
            "DO $$ BEGIN EXECUTE format("
            f"'CREATE POLICY schema_owner_all ON public.{table} TO %I USING (true) "
            "WITH CHECK (true)', current_user); END $$"
        )
    for statement in (*_policies(), *_grants()):
        op.execute(statement)
    for table in AUDITED_TABLES:
        op.execute(
            f"CREATE TRIGGER elearn_audit AFTER INSERT OR UPDATE OR DELETE ON public.{table} "
            "FOR EACH ROW EXECUTE FUNCTION public.elearn_audit()"
        )
    op.execute(
        "CREATE TRIGGER elearn_sync_role_membership AFTER INSERT OR DELETE ON public.user_roles "
        "FOR EACH ROW EXECUTE FUNCTION public.elearn_sync_role_membership()"
    )
    op.execute(
        "CREATE TRIGGER elearn_grant_existing_roles AFTER INSERT ON public.user_logins "
        "FOR EACH ROW EXECUTE FUNCTION public.elearn_grant_existing_roles()"
    )
    op.execute(
        "CREATE TRIGGER elearn_sync_login_state AFTER UPDATE OF is_active ON public.users "
        "FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active) "
        "EXECUTE FUNCTION public.elearn_sync_login_state()"
    )
    op.execute(
        "CREATE TRIGGER elearn_guard_user_update BEFORE UPDATE ON public.users "
        "FOR EACH ROW EXECUTE FUNCTION public.elearn_guard_user_update()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # People's login roles belong to this database (their names hash its name): drop
        # them. The group roles may serve other databases: only revoke what we granted.
        op.execute(
            "DO $$ DECLARE r record; BEGIN "
            "FOR r IN SELECT l.role_name FROM public.user_logins l "
            "JOIN pg_roles p ON p.rolname = l.role_name LOOP "
            # DROP OWNED needs the privileges of the role: a CREATEROLE owner takes them.
            "IF NOT pg_has_role(current_user, r.role_name, 'USAGE') THEN "
            "EXECUTE format('GRANT %I TO %I', r.role_name, current_user); END IF; "
            "EXECUTE format('DROP OWNED BY %I', r.role_name); "
            "EXECUTE format('DROP ROLE %I', r.role_name); END LOOP; END $$"
        )
        for table in AUDITED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS elearn_audit ON public.{table}")
        op.execute("DROP TRIGGER IF EXISTS elearn_guard_user_update ON public.users")
        op.execute("DROP TRIGGER IF EXISTS elearn_sync_login_state ON public.users")
        op.execute("DROP TRIGGER IF EXISTS elearn_sync_role_membership ON public.user_roles")
        op.execute("DROP TRIGGER IF EXISTS elearn_grant_existing_roles ON public.user_logins")
        for table in RLS_TABLES:
            for name in (
                "schema_owner_all",
                "own_rows_read",
                "own_rows_insert",
                "own_rows_update",
                "staff_update",
                "admin_insert",
                "admin_update",
                "admin_delete",
                "content_read",
                "author_insert",
                "author_update",
                "author_delete",
            ):
                op.execute(f"DROP POLICY IF EXISTS {name} ON public.{table}")
            op.execute(f"ALTER TABLE public.{table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE public.{table} DISABLE ROW LEVEL SECURITY")
        roles = ", ".join(GROUP_ROLES)
        for table in (*PER_USER_TABLES, *CONTENT_TABLES, "subscription_plans"):
            op.execute(f"REVOKE ALL ON public.{table} FROM {roles}")
        op.execute(f"REVOKE ALL ON public.alembic_version FROM {roles}")
        op.execute(f"REVOKE USAGE ON SCHEMA public FROM {roles}")
        for fn in FUNCTION_NAMES:
            op.execute(f"DROP FUNCTION IF EXISTS public.{fn}")
    with op.batch_alter_table("video_assets") as batch:
        batch.drop_index("ix_video_assets_author_id")
        batch.drop_constraint("video_assets_author_id_fkey", type_="foreignkey")
        batch.drop_column("author_id")
    op.drop_index("ix_audit_log_occurred_at", table_name="audit_log")
    op.drop_index("ix_audit_log_table_name_row_id", table_name="audit_log")
    op.drop_index("ix_audit_log_subject_user_id_occurred_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("user_logins")
