"""SQL-injection-shaped input in names, emails, passwords and searches is only data."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from elearn_desktop.data import pg_security
from elearn_desktop.domain.errors import NotFoundError
from elearn_desktop.services import accounts
from tests.security.conftest import World, scalar

pytestmark = pytest.mark.postgres

BOBBY = "Robert'); DROP TABLE users;--"
LOGIN_NAME = re.compile(r"^elearn_u_[0-9a-f]{24}$")
TABLES = ("users", "user_roles", "user_logins", "audit_log", "courses")


def _tables_intact(world: World) -> None:
    with world.su() as conn:
        for table in TABLES:
            assert scalar(conn, "SELECT to_regclass(%s) IS NOT NULL", (f"public.{table}",)), table
        assert scalar(
            conn, "SELECT relforcerowsecurity FROM pg_class WHERE oid = 'users'::regclass"
        )


@pytest.mark.parametrize(
    "email",
    [
        "o'brien@example.test",
        'x");drop"role--@example.test',
        "a'||(select'b')||'@example.test",
        "robert');drop_table_users;--@example.test",
        "$$;drop$$@example.test",
        "back\\slash@example.test",
    ],
)
def test_login_role_names_are_safe_hex_whatever_the_email(email: str) -> None:
    name = pg_security.login_role_name("elearn", email)
    assert LOGIN_NAME.match(name)
    assert name == pg_security.login_role_name("elearn", email.upper())
    assert name != pg_security.login_role_name("elearn2", email)


def test_hostile_names_emails_and_passwords_are_stored_literally(
    new_world: Callable[[], World],
) -> None:
    world = new_world()
    cases = [
        ("o'brien@example.test", "Pw'); DROP ROLE elearn_admin;--"),
        ('x");drop"role--@example.test', "$$; ALTER ROLE x SUPERUSER; $$ \\' \" --"),
        ("a'||(select'b')||'@example.test", "Ünïcödé-pässwörd ﬁ 42"),
    ]
    for email, password in cases:
        summary = accounts.create_user(
            world.uow_factory,
            email=email,
            password=password,
            first_name=BOBBY,
            last_name="'; SELECT pg_sleep(5); --",
        )
        assert summary.email == email
        assert summary.first_name == BOBBY
        assert summary.db_role is not None
        assert LOGIN_NAME.match(summary.db_role)
        found = accounts.find_user(world.uow_factory, email)
        assert (found.first_name, found.last_name) == (BOBBY, "'; SELECT pg_sleep(5); --")
        # The hostile password is the login's password, exactly.
        with world.connect_role(summary.db_role, password) as conn:
            assert scalar(conn, "SELECT public.elearn_current_user_id()") == summary.id
            assert scalar(conn, "SELECT first_name FROM users") == BOBBY
    _tables_intact(world)
    with world.su() as conn:
        assert scalar(conn, "SELECT count(*) FROM users") == len(cases)
        assert scalar(conn, "SELECT rolsuper FROM pg_roles WHERE rolname = 'elearn_admin'") is False


@pytest.mark.parametrize(
    "search",
    [
        "' OR 1=1 --",
        "'; DROP TABLE users; --",
        "%",
        "__",
        "\\",
        "' UNION SELECT password_hash FROM users --",
    ],
)
def test_user_search_treats_input_as_text(world: World, search: str) -> None:
    assert accounts.list_users(world.uow_factory, search=search) == []
    _tables_intact(world)


def test_user_search_still_finds_literal_text(new_world: Callable[[], World]) -> None:
    world = new_world()
    world.add_person("bobby", first_name=BOBBY, last_name="100%_real")
    world.add_person("alice", first_name="Alice", last_name="Plain")
    assert [u.first_name for u in accounts.list_users(world.uow_factory, search="drop table")] == [
        BOBBY
    ]
    assert [u.last_name for u in accounts.list_users(world.uow_factory, search="0%_r")] == [
        "100%_real"
    ]
    assert len(accounts.list_users(world.uow_factory, search="")) == 2


@pytest.mark.parametrize("key", ["' OR 1=1 --", "x' OR email LIKE '%", "1; DROP TABLE users"])
def test_lookup_by_hostile_key_finds_nobody(world: World, key: str) -> None:
    with pytest.raises(NotFoundError):
        accounts.find_user(world.uow_factory, key)
    with pytest.raises(NotFoundError):
        accounts.set_active(world.uow_factory, key, active=False)
    _tables_intact(world)
