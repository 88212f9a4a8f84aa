"""Everything also works when the schema owner is not a superuser.

Managed PostgreSQL services give no superuser, and a superuser owner would make every
SECURITY DEFINER function run as superuser. Here the database owner is a plain role with
CREATEROLE: it runs the migrations and the admin commands, and FORCE RLS applies to it
(through its own ``schema_owner_all`` policy).
"""

from __future__ import annotations

import uuid

import psycopg
import pytest

from elearn_desktop.data import migrations
from elearn_desktop.services import accounts
from tests.security.conftest import World, denied, scalar

pytestmark = pytest.mark.postgres


def test_the_owner_is_not_a_superuser(owner_world: World) -> None:
    with owner_world.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles "
            "WHERE rolname = current_user"
        ).one()
    assert tuple(row) == (False, False, True)
    with owner_world.su() as su:
        definers = su.execute(
            "SELECT DISTINCT r.rolsuper FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner "
            "WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef"
        ).fetchall()
    assert definers == [(False,)]


def test_people_rls_roles_audit_and_deactivation_with_a_plain_owner(owner_world: World) -> None:
    w = owner_world
    a, b, admin = w.people["learner_a"], w.people["learner_b"], w.people["admin"]
    with w.connect("learner_a") as conn:
        assert scalar(conn, "SELECT count(*) FROM user_progress WHERE user_id = %s", (b.id,)) == 0
        assert scalar(conn, "SELECT count(*) FROM user_progress WHERE user_id = %s", (a.id,)) == 1
        denied(conn, "SELECT password_hash FROM users")
        conn.execute("UPDATE user_profiles SET bio = 'x' WHERE user_id = %s", (a.id,))
    with w.connect("admin") as conn:
        conn.execute("INSERT INTO user_roles (user_id, role) VALUES (%s, 'instructor')", (b.id,))
    with w.connect("learner_b") as conn:
        assert scalar(conn, "SELECT pg_has_role(session_user, 'elearn_instructor', 'MEMBER')")
        course = uuid.uuid4()
        conn.execute(
            "INSERT INTO courses (id, title, slug, author_id) VALUES (%s, 'B', %s, %s)",
            (course, f"b-{course.hex[:8]}", b.id),
        )
    with w.su() as su:
        actors = {
            r
            for (r,) in su.execute(
                "SELECT actor FROM audit_log WHERE table_name IN ('user_profiles', "
                "'user_roles', 'courses') AND actor_user_id IS NOT NULL"
            )
        }
    assert actors == {a.db_role, admin.db_role, b.db_role}

    accounts.set_active(w.uow_factory, a.email, active=False)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        w.connect("learner_a")
    accounts.set_active(w.uow_factory, a.email, active=True)
    accounts.set_password(w.uow_factory, a.email, "Owner-made-pass-9")
    w.connect("learner_a", password="Owner-made-pass-9").close()


def test_downgrade_and_upgrade_with_a_plain_owner(owner_world: World) -> None:
    logins = {p.db_role for p in owner_world.people.values()}
    migrations.downgrade(owner_world.engine, "0003")
    with owner_world.su() as su:
        left = {r for (r,) in su.execute("SELECT rolname FROM pg_roles")}
    assert not logins & left
    migrations.upgrade(owner_world.engine)
    accounts.create_user(
        owner_world.uow_factory, email="again@example.test", password="Again-pw-12"
    )
