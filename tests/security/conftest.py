"""A small populated platform database on the real PostgreSQL cluster, and people's logins.

Every test here talks to PostgreSQL the way an untrusted client would: a psycopg
connection as the person's own login role (SCRAM over TCP), raw SQL, nothing from the
app in between. Setup and checks that need to see everything use the superuser.

``world`` (one per test module) must not be changed for good: tests write inside
``rolled_back(conn)`` or only run statements that fail. Tests that commit use
``fresh_world`` (one per test) or ``new_world()``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import psycopg
import pytest
from argon2 import PasswordHasher
from psycopg import sql
from sqlalchemy import Engine

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.services import accounts, demo
from tests.support.pgcluster import PostgresCluster

#: Who lives in a populated world: key -> roles (everyone is also a learner).
PEOPLE: dict[str, tuple[str, ...]] = {
    "learner_a": (),
    "learner_b": (),
    "instructor_a": ("instructor",),
    "instructor_b": ("instructor",),
    "support": ("support",),
    "admin": ("admin",),
}


# What these tests check is the database, not the cost of argon2id (tests/unit does that):
# the users rows get genuine argon2id hashes, made with the cheapest parameters.
_CHEAP_ARGON2 = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def _cheap_hash(password: str) -> str:
    return _CHEAP_ARGON2.hash(password)


@contextlib.contextmanager
def _cheap_argon2() -> Iterator[None]:
    with (
        mock.patch.object(accounts, "hash_password", _cheap_hash),
        mock.patch.object(demo, "hash_password", _cheap_hash),
    ):
        yield


@pytest.fixture(autouse=True)
def cheap_argon2() -> Iterator[None]:
    with _cheap_argon2():
        yield


@dataclass(frozen=True)
class Person:
    key: str
    id: uuid.UUID
    email: str
    password: str
    db_role: str


@dataclass
class World:
    """One migrated database, its people (with login roles) and some content."""

    cluster: PostgresCluster
    dbname: str
    engine: Engine
    people: dict[str, Person] = field(default_factory=dict)
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    _conns: list[psycopg.Connection[Any]] = field(default_factory=list)

    @property
    def uow_factory(self) -> UnitOfWorkFactory:
        return uow_factory_for(self.engine)

    def connect(
        self, who: str | Person, *, password: str | None = None, autocommit: bool = True
    ) -> psycopg.Connection[Any]:
        """A connection as the person's own login role, authenticated by the server."""
        person = who if isinstance(who, Person) else self.people[who]
        return self.connect_role(
            person.db_role,
            password if password is not None else person.password,
            autocommit=autocommit,
        )

    def connect_role(
        self, role: str, password: str, *, autocommit: bool = True
    ) -> psycopg.Connection[Any]:
        conn = psycopg.connect(
            host=self.cluster.host,
            port=self.cluster.port,
            user=role,
            password=password,
            dbname=self.dbname,
            autocommit=autocommit,
            connect_timeout=10,
        )
        self._conns.append(conn)
        return conn

    def su(self) -> psycopg.Connection[Any]:
        """An autocommit superuser connection to this database."""
        conn = self.cluster.connect(self.dbname)
        self._conns.append(conn)
        return conn

    def add_person(
        self,
        key: str,
        roles: tuple[str, ...] = (),
        *,
        first_name: str | None = None,
        last_name: str | None = None,
    ) -> Person:
        email = f"{key.replace('_', '.')}@{self.dbname}.test"
        password = f"Pw-{key}-{uuid.uuid4().hex[:10]}"
        summary = accounts.create_user(
            self.uow_factory,
            email=email,
            password=password,
            roles=roles,
            first_name=first_name,
            last_name=last_name,
        )
        assert summary.db_role is not None
        person = Person(key, summary.id, summary.email, password, summary.db_role)
        self.people[key] = person
        return person

    def close(self) -> None:
        for conn in self._conns:
            with contextlib.suppress(Exception):
                conn.close()
        self._conns.clear()
        self.engine.dispose()


def _populate_content(world: World) -> None:
    """Courses, assessments, progress, subscriptions and profiles of the people."""
    p = world.people
    ids = {
        name: uuid.uuid4()
        for name in (
            "plan",
            "course_a",
            "course_b",
            "course_b_draft",
            "module_a",
            "module_b",
            "lesson_a",
            "lesson_b",
            "video_b",
            "assessment_a",
            "assessment_b",
            "question_a",
            "question_b",
            "option_b_right",
            "option_b_wrong",
            "option_a",
            "path_b",
            "step_b",
            "progress_a",
            "progress_b",
            "subscription_a",
            "subscription_b",
        )
    }
    world.ids.update(ids)
    now = dt.datetime.now(dt.UTC)
    with world.su() as conn, conn.transaction():
        conn.execute(
            "INSERT INTO subscription_plans (id, name, price, billing_cycle, features) "
            "VALUES (%s, 'Pro', 9.99, 'monthly', '[]')",
            (ids["plan"],),
        )
        for key, author, status in (
            ("course_a", "instructor_a", "published"),
            ("course_b", "instructor_b", "published"),
            ("course_b_draft", "instructor_b", "draft"),
        ):
            conn.execute(
                "INSERT INTO courses (id, title, slug, author_id, status) "
                "VALUES (%s, %s, %s, %s, %s)",
                (ids[key], key, f"{key}-{ids[key].hex[:6]}", p[author].id, status),
            )
        for side in ("a", "b"):
            author_id = p[f"instructor_{side}"].id
            conn.execute(
                "INSERT INTO modules (id, course_id, title, order_index) VALUES (%s, %s, %s, 1)",
                (ids[f"module_{side}"], ids[f"course_{side}"], f"module {side}"),
            )
            conn.execute(
                "INSERT INTO lessons (id, module_id, title, order_index) VALUES (%s, %s, %s, 1)",
                (ids[f"lesson_{side}"], ids[f"module_{side}"], f"lesson {side}"),
            )
            conn.execute(
                "INSERT INTO assessments (id, title, passing_score, author_id) "
                "VALUES (%s, %s, 50, %s)",
                (ids[f"assessment_{side}"], f"quiz {side}", author_id),
            )
            conn.execute(
                "INSERT INTO questions (id, assessment_id, text, type, order_index) "
                "VALUES (%s, %s, 'Which?', 'single_choice', 1)",
                (ids[f"question_{side}"], ids[f"assessment_{side}"]),
            )
        for key, question, correct in (
            ("option_a", "question_a", True),
            ("option_b_right", "question_b", True),
            ("option_b_wrong", "question_b", False),
        ):
            conn.execute(
                "INSERT INTO answer_options (id, question_id, text, is_correct, order_index) "
                "VALUES (%s, %s, %s, %s, 1)",
                (ids[key], ids[question], key, correct),
            )
        conn.execute(
            "INSERT INTO video_assets (id, title, provider, provider_id, author_id) "
            "VALUES (%s, 'intro', 'local', 'intro.mp4', %s)",
            (ids["video_b"], p["instructor_b"].id),
        )
        conn.execute(
            "INSERT INTO learning_paths (id, title, author_id, status) "
            "VALUES (%s, 'path b', %s, 'published')",
            (ids["path_b"], p["instructor_b"].id),
        )
        conn.execute(
            "INSERT INTO path_steps (id, path_id, entity_type, entity_id, order_index) "
            "VALUES (%s, %s, 'course', %s, 1)",
            (ids["step_b"], ids["path_b"], ids["course_b"]),
        )
        for side in ("a", "b"):
            learner = p[f"learner_{side}"].id
            conn.execute(
                "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status, "
                "progress_percentage) VALUES (%s, %s, 'lesson', %s, 'in_progress', 40)",
                (ids[f"progress_{side}"], learner, ids[f"lesson_{side}"]),
            )
            conn.execute(
                "INSERT INTO subscriptions (id, user_id, plan_id, status, start_date) "
                "VALUES (%s, %s, %s, 'active', %s)",
                (ids[f"subscription_{side}"], learner, ids["plan"], now),
            )
            conn.execute(
                "INSERT INTO user_profiles (user_id, bio) VALUES (%s, %s)",
                (learner, f"bio of {side}"),
            )


def _drop_world(cluster: PostgresCluster, dbname: str, extra_roles: list[str]) -> None:
    roles = set(extra_roles)
    with contextlib.suppress(psycopg.Error), cluster.connect(dbname) as conn:
        roles.update(r for (r,) in conn.execute("SELECT role_name FROM user_logins"))
    cluster.drop_database(dbname)
    # Login roles are cluster-wide: leave none behind for the next test.
    with cluster.connect() as conn:
        for role in sorted(roles):
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@contextlib.contextmanager
def _world(
    cluster: PostgresCluster, *, people: bool, content: bool, owner: bool = False
) -> Iterator[World]:
    """A migrated database; with ``owner``, migrated and administered by a CREATEROLE
    (not superuser) role that owns the database, as on managed PostgreSQL services."""
    dbname = f"sec_{uuid.uuid4().hex[:12]}"
    owner_role = f"owner_{dbname}" if owner else None
    if owner_role is None:
        url = cluster.create_database(dbname)
    else:
        password = uuid.uuid4().hex
        with cluster.connect() as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                    sql.Identifier(owner_role), sql.Literal(password)
                )
            )
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(dbname), sql.Identifier(owner_role)
                )
            )
        url = cluster.url(dbname, user=owner_role, password=password)
    world = World(cluster, dbname, create_server_engine(url))
    try:
        migrations.upgrade(world.engine)
        if people:
            with _cheap_argon2():
                for key, roles in PEOPLE.items():
                    world.add_person(key, roles)
        if content:
            _populate_content(world)
        yield world
    finally:
        logins = [p.db_role for p in world.people.values()]
        world.close()
        _drop_world(cluster, dbname, logins)
        if owner_role is not None:
            with cluster.connect() as conn:
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(owner_role)))


@pytest.fixture(scope="module")
def world(pg_cluster: PostgresCluster) -> Iterator[World]:
    """A populated database shared by a test module: do not commit changes to it."""
    with _world(pg_cluster, people=True, content=True) as w:
        yield w


@pytest.fixture
def fresh_world(pg_cluster: PostgresCluster) -> Iterator[World]:
    """A populated database of the test's own: commit freely."""
    with _world(pg_cluster, people=True, content=True) as w:
        yield w


@pytest.fixture
def owner_world(pg_cluster: PostgresCluster) -> Iterator[World]:
    """Like ``fresh_world``, but the schema owner is a CREATEROLE role, not a superuser."""
    with _world(pg_cluster, people=True, content=True, owner=True) as w:
        yield w


@pytest.fixture
def new_world(pg_cluster: PostgresCluster) -> Iterator[Callable[[], World]]:
    """Make migrated databases with nobody in them (as many as the test needs)."""
    with contextlib.ExitStack() as stack:

        def make() -> World:
            return stack.enter_context(_world(pg_cluster, people=False, content=False))

        yield make


@contextlib.contextmanager
def rolled_back(conn: psycopg.Connection[Any]) -> Iterator[psycopg.Connection[Any]]:
    """Run the block in a transaction that is always rolled back."""
    with conn.transaction(force_rollback=True):
        yield conn


def denied(
    conn: psycopg.Connection[Any],
    query: str,
    params: tuple[Any, ...] | None = None,
    *,
    error: type[psycopg.Error] = psycopg.errors.InsufficientPrivilege,
) -> psycopg.Error:
    """Assert that the statement fails with ``error``; the failure undoes only itself."""
    with pytest.raises(error) as info, conn.transaction():
        conn.execute(query, params)
    return info.value


def rowcount(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> int:
    """Rows a write affected, undone afterwards."""
    with rolled_back(conn):
        return conn.execute(query, params).rowcount


def changes_nothing(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> str:
    """Assert the write is refused, or (rows hidden by RLS) affects no row; say which."""
    try:
        changed = rowcount(conn, query, params)
    except psycopg.errors.InsufficientPrivilege as exc:
        return str(exc)
    assert changed == 0, f"{changed} rows changed by: {query}"
    return "0 rows"


def scalar(conn: psycopg.Connection[Any], query: str, params: tuple[Any, ...] = ()) -> Any:
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row[0]
