"""The server's own SCRAM authentication: passwords, deactivation, demo accounts."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import psycopg
import pytest

from elearn_desktop.data import pg_security
from elearn_desktop.domain.passwords import hash_password
from elearn_desktop.services import accounts
from elearn_desktop.services.demo import DEMO_ACCOUNTS, load_demo
from tests.security.conftest import World, scalar

pytestmark = pytest.mark.postgres


def _refused(world: World, role: str, password: str) -> str:
    with pytest.raises(psycopg.OperationalError) as info:
        world.connect_role(role, password)
    return str(info.value)


def test_wrong_password_is_refused_by_the_server(world: World) -> None:
    a = world.people["learner_a"]
    assert "password authentication failed" in _refused(world, a.db_role, a.password + "x")
    assert "password authentication failed" in _refused(world, a.db_role, a.password.upper())
    # Someone else's password does not open this login either.
    b = world.people["learner_b"]
    assert "password authentication failed" in _refused(world, a.db_role, b.password)


def test_unknown_login_looks_like_a_wrong_password(world: World) -> None:
    """The server does not tell whether a login role exists."""
    ghost = pg_security.login_role_name(world.dbname, "nobody@example.test")
    assert "password authentication failed" in _refused(world, ghost, "whatever-123")


def test_group_roles_cannot_log_in(world: World) -> None:
    for group in ("elearn_learner", "elearn_admin"):
        message = _refused(world, group, "whatever-123")
        assert "password authentication failed" in message or "not permitted" in message


def test_deactivation_closes_the_login_and_reactivation_reopens_it(fresh_world: World) -> None:
    a = fresh_world.people["learner_a"]
    with fresh_world.connect("learner_a") as conn:
        assert scalar(conn, "SELECT session_user") == a.db_role

    summary = accounts.set_active(fresh_world.uow_factory, a.email, active=False)
    assert summary.is_active is False
    assert "is not permitted to log in" in _refused(fresh_world, a.db_role, a.password)
    # The wrong password is still just a wrong password.
    assert "password authentication failed" in _refused(fresh_world, a.db_role, "nope-nope-1")

    accounts.set_active(fresh_world.uow_factory, str(a.id), active=True)
    with fresh_world.connect("learner_a") as conn:
        assert scalar(conn, "SELECT public.elearn_current_user_id()") == a.id


def test_deactivation_by_support_over_raw_sql_closes_the_login(fresh_world: World) -> None:
    b = fresh_world.people["learner_b"]
    with fresh_world.connect("support") as conn:
        conn.execute("UPDATE users SET is_active = false WHERE id = %s", (b.id,))
    assert "is not permitted to log in" in _refused(fresh_world, b.db_role, b.password)
    with fresh_world.connect("support") as conn:
        conn.execute("UPDATE users SET is_active = true WHERE id = %s", (b.id,))
    fresh_world.connect("learner_b").close()


def test_set_password_changes_the_login_password(fresh_world: World) -> None:
    a = fresh_world.people["learner_a"]
    summary = accounts.set_password(fresh_world.uow_factory, a.email, "Brand-new-pass-42")
    assert summary.db_role == a.db_role
    assert "password authentication failed" in _refused(fresh_world, a.db_role, a.password)
    with fresh_world.connect("learner_a", password="Brand-new-pass-42") as conn:
        assert scalar(conn, "SELECT public.elearn_current_user_id()") == a.id
        # Still the same person with the same groups.
        assert scalar(conn, "SELECT pg_has_role(session_user, 'elearn_learner', 'MEMBER')")


def test_set_password_of_an_inactive_person_does_not_open_a_login(fresh_world: World) -> None:
    """An adopted platform account that is deactivated gets a login it cannot use.

    Regression: ``ensure_login`` used to create the role with LOGIN whatever ``is_active``
    said, so a deactivated person could connect after an admin set their password.
    """
    uid = uuid.uuid4()
    email = "former.employee@platform.test"
    with fresh_world.su() as su:
        su.execute(
            "INSERT INTO users (id, email, password_hash, is_active) VALUES (%s, %s, %s, false)",
            (uid, email, hash_password("Old-platform-pw-1")),
        )
        su.execute("INSERT INTO user_roles (user_id, role) VALUES (%s, 'learner')", (uid,))
    summary = accounts.set_password(fresh_world.uow_factory, email, "Desktop-pass-123")
    assert summary.db_role is not None
    assert "is not permitted to log in" in _refused(
        fresh_world, summary.db_role, "Desktop-pass-123"
    )
    accounts.set_active(fresh_world.uow_factory, email, active=True)
    with fresh_world.connect_role(summary.db_role, "Desktop-pass-123") as conn:
        assert scalar(conn, "SELECT public.elearn_current_user_id()") == uid


def test_a_stale_login_role_is_reused_without_its_old_groups(fresh_world: World) -> None:
    """A login left behind by a deleted admin must not hand its groups to a newcomer.

    Regression: ``ensure_login`` reused an existing role as it was, so the next person with
    that email (created by the web platform, given a desktop password by an admin) was a
    member of ``elearn_admin`` and could author courses without being an instructor.
    """
    old = fresh_world.add_person("departed", ("admin", "instructor"))
    with fresh_world.su() as su:
        su.execute("DELETE FROM audit_log WHERE actor_user_id = %s", (old.id,))
        su.execute("DELETE FROM users WHERE id = %s", (old.id,))  # roles, login cascade
        newcomer = uuid.uuid4()
        su.execute(
            "INSERT INTO users (id, email, password_hash) VALUES (%s, %s, 'x')",
            (newcomer, old.email),
        )
        su.execute("INSERT INTO user_roles (user_id, role) VALUES (%s, 'learner')", (newcomer,))
    summary = accounts.set_password(fresh_world.uow_factory, old.email, "Newcomer-pass-77")
    assert summary.db_role == old.db_role  # the name is derived from the email
    with fresh_world.connect_role(old.db_role, "Newcomer-pass-77") as conn:
        assert scalar(conn, "SELECT public.elearn_current_user_id()") == newcomer
        groups = {
            g
            for (g,) in conn.execute(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = session_user)"
            )
        }
        assert groups == {"elearn_learner"}
        course = uuid.uuid4()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO courses (id, title, slug, author_id) VALUES (%s, 'x', %s, %s)",
                (course, f"x-{course.hex[:8]}", newcomer),
            )


def test_creating_a_person_is_all_or_nothing(fresh_world: World) -> None:
    """A clash on the login role leaves neither the users row nor a role behind."""
    email = "clash@example.test"
    role = pg_security.login_role_name(fresh_world.dbname, email)
    with fresh_world.su() as su:
        su.execute(f'CREATE ROLE "{role}" NOLOGIN')
    try:
        with pytest.raises(Exception, match="already exists"):
            accounts.create_user(fresh_world.uow_factory, email=email, password="Clash-pass-123")
        with fresh_world.su() as su:
            assert scalar(su, "SELECT count(*) FROM users WHERE email = %s", (email,)) == 0
    finally:
        with fresh_world.su() as su:
            su.execute(f'DROP ROLE "{role}"')


def test_demo_accounts_sign_in_with_their_documented_passwords(
    new_world: Callable[[], World],
) -> None:
    world = new_world()
    load_demo(world.uow_factory)
    for account in DEMO_ACCOUNTS:
        role = pg_security.login_role_name(world.dbname, account.email)
        with world.connect_role(role, account.password) as conn:
            assert scalar(conn, "SELECT session_user") == role
            assert (
                scalar(conn, "SELECT email FROM users WHERE id = elearn_current_user_id()")
                == account.email
            )
            for group in ("learner", "instructor", "support", "admin"):
                is_member = scalar(
                    conn, "SELECT pg_has_role(session_user, %s, 'MEMBER')", (f"elearn_{group}",)
                )
                assert is_member == (group in account.roles), (account.email, group)
        assert "password authentication failed" in _refused(world, role, account.password + "!")


@pytest.mark.parametrize(
    "password",
    [
        "Ünïcödé-pässwörd-42",
        "ligature-\ufb01-and-\u00a0nbsp-1",  # NFKC changes both, as the server's SASLprep does
        # SASLprep drops 'mapped to nothing' characters (RFC 3454 B.1): libpq computes
        # the verifier, so this works as it does in psql.
        "soft\u00adhyphen-pass-1",
    ],
)
def test_non_ascii_passwords_open_the_login(new_world: Callable[[], World], password: str) -> None:
    world = new_world()
    summary = accounts.create_user(world.uow_factory, email="u@example.test", password=password)
    assert summary.db_role is not None
    world.connect_role(summary.db_role, password).close()
