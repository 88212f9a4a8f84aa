"""Privilege inventory from pg_catalog: what the schema grants, to whom, under which rules."""

from __future__ import annotations

import re

import pytest

from elearn_desktop.data import migrations
from tests.security.conftest import World, denied

pytestmark = pytest.mark.postgres

PER_USER_TABLES = (
    "users",
    "user_profiles",
    "user_roles",
    "user_logins",
    "user_progress",
    "subscriptions",
    "audit_log",
)
#: Tables app roles may read although they hold no per-user or authored data.
NO_RLS_NEEDED = {"alembic_version"}


def test_every_per_user_table_has_rls_enabled_and_forced(world: World) -> None:
    with world.su() as conn:
        rows = dict(
            (name, (rls, force))
            for name, rls, force in conn.execute(
                "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r'"
            )
        )
    for table in PER_USER_TABLES:
        assert rows[table] == (True, True), table


def test_every_table_with_per_user_columns_has_rls_forced(world: World) -> None:
    """Catches per-user tables added later (e.g. assessment attempts) without RLS."""
    with world.su() as conn:
        loose = conn.execute(
            "SELECT DISTINCT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') "
            "AND a.attname IN ('user_id', 'subject_user_id', 'author_id') AND NOT a.attisdropped "
            "AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"
        ).fetchall()
    assert loose == []


def test_every_table_an_app_role_can_touch_has_rls_forced(world: World) -> None:
    """A grant without forced RLS would reach rows by group membership alone.

    Group roles are cluster-wide: their grants also serve logins of other databases on the
    same cluster, whom only RLS (which maps ``session_user`` in *this* database) stops.
    """
    with world.su() as conn:
        loose = conn.execute(
            "SELECT c.relname, array_agg(DISTINCT p.privilege_type ORDER BY p.privilege_type) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, "
            "LATERAL aclexplode(c.relacl) p JOIN pg_roles r ON r.oid = p.grantee "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p') "
            "AND r.rolname LIKE 'elearn\\_%%' "
            "AND NOT (c.relrowsecurity AND c.relforcerowsecurity) "
            "GROUP BY c.relname"
        ).fetchall()
        columns_only = conn.execute(
            "SELECT DISTINCT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace, LATERAL aclexplode(a.attacl) p "
            "JOIN pg_roles r ON r.oid = p.grantee WHERE n.nspname = 'public' "
            "AND r.rolname LIKE 'elearn\\_%%' AND NOT c.relforcerowsecurity"
        ).fetchall()
    # The search views of revision 0014 cannot have RLS; their own WHERE (published only,
    # and only for a person of this database) stands in for it:
    # tests/security/test_catalog_search_views.py.
    assert {name: privs for name, privs in loose} == {
        "alembic_version": ["SELECT"],
        "catalog_search_courses": ["SELECT"],
        "catalog_search_lessons": ["SELECT"],
    }
    assert columns_only == []


def test_public_has_no_privileges_on_tables_or_sequences(world: World) -> None:
    with world.su() as conn:
        rows = conn.execute(
            "SELECT c.relname, p.privilege_type FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace, LATERAL aclexplode(c.relacl) p "
            "WHERE n.nspname = 'public' AND p.grantee = 0"
        ).fetchall()
        columns = conn.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace, LATERAL aclexplode(a.attacl) p "
            "WHERE n.nspname = 'public' AND p.grantee = 0"
        ).fetchall()
        public_create = conn.execute(
            "SELECT has_schema_privilege('public', 'public', 'CREATE')"
        ).fetchone()
    assert rows == []
    assert columns == []
    assert public_create == (False,)


def test_security_definer_functions_pin_search_path_and_are_not_public(world: World) -> None:
    with world.su() as conn:
        functions = conn.execute(
            "SELECT p.oid::regprocedure::text, p.proconfig, "
            "has_function_privilege('public', p.oid, 'EXECUTE'), "
            "EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) "
            "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.prosecdef"
        ).fetchall()
        owners_super = conn.execute(
            "SELECT DISTINCT r.rolsuper OR NOT r.rolname LIKE 'elearn\\_%%' FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner "
            "WHERE n.nspname = 'public' AND p.prosecdef"
        ).fetchall()
    names = {name for name, *_ in functions}
    assert "elearn_current_user_id()" in names
    assert "elearn_audit()" in names
    for name, config, public_exec, public_in_acl in functions:
        settings = dict(item.split("=", 1) for item in config or [])
        assert "search_path" in settings, name
        # pg_temp listed last (or not at all): a temporary object never shadows one.
        path = [part.strip() for part in settings["search_path"].split(",")]
        assert "public" not in path, (name, path)
        assert "$user" not in path, (name, path)
        if "pg_temp" in path:
            assert path[-1] == "pg_temp", (name, path)
        assert public_exec is False, name
        assert public_in_acl is False, name
    # Definer functions are owned by the schema owner, never by an app role.
    assert owners_super == [(True,)]


def test_trigger_functions_are_not_callable_by_app_roles(world: World) -> None:
    with world.su() as conn:
        callable_ = conn.execute(
            "SELECT r.rolname, p.proname FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace, pg_roles r "
            "WHERE n.nspname = 'public' AND p.prosecdef AND p.prorettype = 'trigger'::regtype "
            "AND r.rolname LIKE 'elearn\\_%%' AND has_function_privilege(r.oid, p.oid, 'EXECUTE')"
        ).fetchall()
    assert callable_ == []


def test_no_app_role_is_superuser_bypassrls_or_owner(world: World) -> None:
    with world.su() as conn:
        roles = conn.execute(
            "SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication "
            "FROM pg_roles WHERE rolname LIKE 'elearn\\_%%'"
        ).fetchall()
        owned = conn.execute(
            "SELECT c.relname, r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
            "WHERE r.rolname LIKE 'elearn\\_%%'"
        ).fetchall()
        owned_functions = conn.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner "
            "WHERE r.rolname LIKE 'elearn\\_%%'"
        ).fetchall()
        owned_schemas = conn.execute(
            "SELECT nspname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner "
            "WHERE r.rolname LIKE 'elearn\\_%%'"
        ).fetchall()
        owned_databases = conn.execute(
            "SELECT datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
            "WHERE r.rolname LIKE 'elearn\\_%%'"
        ).fetchall()
        admin_options = conn.execute(
            "SELECT g.rolname, u.rolname FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolname LIKE 'elearn\\_%%' AND m.admin_option"
        ).fetchall()
        group_logins = conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname IN "
            "('elearn_learner', 'elearn_instructor', 'elearn_support', 'elearn_admin') "
            "AND rolcanlogin"
        ).fetchall()
    names = {row[0] for row in roles}
    assert {"elearn_learner", "elearn_instructor", "elearn_support", "elearn_admin"} <= names
    assert {p.db_role for p in world.people.values()} <= names
    for name, *powers in roles:
        assert powers == [False] * 5, name
    assert owned == []
    assert owned_functions == []
    assert owned_schemas == []
    assert owned_databases == []
    assert admin_options == []  # nobody can hand their group on
    assert group_logins == []


def test_login_roles_belong_only_to_the_groups_of_their_person(world: World) -> None:
    with world.su() as conn:
        memberships = conn.execute(
            "SELECT u.rolname, array_agg(g.rolname ORDER BY g.rolname) FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolname LIKE 'elearn\\_u\\_%%' GROUP BY u.rolname"
        ).fetchall()
        expected = conn.execute(
            "SELECT l.role_name, array_agg('elearn_' || r.role ORDER BY 'elearn_' || r.role) "
            "FROM user_logins l JOIN user_roles r ON r.user_id = l.user_id GROUP BY l.role_name"
        ).fetchall()
    mine = {p.db_role for p in world.people.values()}
    assert {k: v for k, v in memberships if k in mine} == dict(expected)


def test_rls_policies_never_trust_session_settings(world: World) -> None:
    """No policy or definer function reads a client-settable variable."""
    with world.su() as conn:
        policies = conn.execute(
            "SELECT tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') "
            "FROM pg_policies WHERE schemaname = 'public'"
        ).fetchall()
        sources = conn.execute(
            "SELECT p.proname, p.prosrc FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
        ).fetchall()
    assert policies
    forbidden = re.compile(r"\bcurrent_setting\b|\bcurrent_user\b|\bapp\.")
    for table, name, text in policies:
        assert not forbidden.search(text), (table, name, text)
    for name, source in sources:
        assert not forbidden.search(source), name


def test_downgrade_removes_the_security_layer_and_upgrade_restores_it(
    fresh_world: World,
) -> None:
    """0004 down on a database with people: logins dropped, groups kept, RLS gone."""
    logins = {p.db_role for p in fresh_world.people.values()}
    migrations.downgrade(fresh_world.engine, "0003")
    with fresh_world.su() as conn:
        left = {r for (r,) in conn.execute("SELECT rolname FROM pg_roles")}
        secured = conn.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND (relrowsecurity OR relforcerowsecurity)"
        ).fetchall()
        policies = conn.execute("SELECT count(*) FROM pg_policies").fetchone()
        functions = conn.execute(
            "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
        ).fetchall()
    assert not logins & left
    assert {"elearn_learner", "elearn_instructor", "elearn_support", "elearn_admin"} <= left
    assert secured == []
    assert policies == (0,)
    assert functions == []

    migrations.upgrade(fresh_world.engine)
    with fresh_world.su() as conn:
        forced = conn.execute(
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relforcerowsecurity"
        ).fetchone()
    assert forced is not None
    assert forced[0] >= len(PER_USER_TABLES)


#: Revision 0008: a course's numbers for its instructor, and their result columns — counts
#: and buckets only, never a learner's id.
INSIGHT_FUNCTIONS = {
    "elearn_course_enrolments(uuid)": ["p_course", "day", "learners", "completed"],
    "elearn_course_module_completions(uuid)": ["p_course", "module_id", "completed"],
    "elearn_course_score_bins(uuid)": ["p_course", "bin", "attempts", "passed"],
}


def test_course_insight_functions_are_definers_for_instructors_and_admins(world: World) -> None:
    with world.su() as conn:
        rows = conn.execute(
            "SELECT p.oid::regprocedure::text, p.prosecdef, p.proargnames, "
            "array(SELECT r.rolname FROM pg_roles r WHERE r.rolname LIKE 'elearn\\_%%' "
            "AND r.rolname NOT LIKE 'elearn\\_u\\_%%' "
            "AND has_function_privilege(r.oid, p.oid, 'EXECUTE') ORDER BY 1) "
            "FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace "
            "AND p.proname LIKE 'elearn\\_course\\_%%' ORDER BY 1"
        ).fetchall()
    assert [r[0] for r in rows] == sorted(INSIGHT_FUNCTIONS)
    for name, definer, arg_names, callers in rows:
        assert definer, name
        assert arg_names == INSIGHT_FUNCTIONS[name], name
        assert callers == ["elearn_admin", "elearn_instructor"], name


def test_course_insight_functions_answer_only_the_author_and_admins(world: World) -> None:
    course_a, course_b = world.ids["course_a"], world.ids["course_b"]
    module_a = world.ids["module_a"]
    author, admin = world.connect("instructor_a"), world.connect("admin")
    for signature in INSIGHT_FUNCTIONS:
        query = f"SELECT * FROM public.{signature.split('(')[0]}(%s)"
        author.execute(query, (course_a,)).fetchall()
        admin.execute(query, (course_b,)).fetchall()
        refused = denied(world.connect("instructor_b"), query, (course_a,))
        assert "only the course's instructor or an administrator" in str(refused)
        for who in ("learner_a", "support"):  # no EXECUTE at all
            assert "permission denied for function" in str(
                denied(world.connect(who), query, (course_a,))
            )
    completions = author.execute(
        "SELECT module_id, completed FROM public.elearn_course_module_completions(%s)",
        (course_a,),
    ).fetchall()
    assert completions == [(module_a, 0)]
