"""Fixtures of the sync tests: a real PostgreSQL database with people and content, and
real encrypted local caches (one per simulated device).

``world`` is a fresh migrated database per test: a learner (their own SCRAM login, as the
app signs in), an instructor who authored a course (two modules, four lessons — three with
a video), an assessment (a single-choice and a short-answer question) and a published
learning path with both. Devices are ``world.device(name)``: a cache in the test's
temporary folder, owned by the learner, and a ``SyncEngine`` that signs in as them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import psycopg
import pytest
from argon2 import PasswordHasher
from psycopg import sql

from elearn_desktop.config import ENV_DATA_DIR, ENV_DATABASE_URL
from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.services import accounts
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.backend import Backend, open_backend
from elearn_desktop.services.profiles import POSTGRESQL, ServerProfile
from elearn_desktop.sync.cache import LocalCache, open_cache
from elearn_desktop.sync.engine import SyncEngine, SyncHooks
from tests.support.pgcluster import PostgresCluster

_CHEAP = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_argon2() -> Iterator[None]:
    """The users rows get genuine (cheap) argon2id hashes: these tests are about sync."""
    with mock.patch.object(accounts, "hash_password", _CHEAP.hash):
        yield


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    email: str
    password: str
    db_role: str


@dataclass
class Device:
    name: str
    cache: LocalCache
    engine: SyncEngine
    signed_in: SignedIn

    @property
    def uow(self) -> UnitOfWorkFactory:
        return self.cache.uow


@dataclass
class SyncWorld:
    cluster: PostgresCluster
    dbname: str
    tmp: Path
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    _closers: list[Callable[[], None]] = field(default_factory=list)

    # -- the server --------------------------------------------------------------

    @property
    def profile(self) -> ServerProfile:
        return ServerProfile(
            name="test server",
            kind=POSTGRESQL,
            host=self.cluster.host,
            port=self.cluster.port,
            database=self.dbname,
            sslmode="disable",
        )

    @property
    def learner(self) -> Person:
        return self.people["learner"]

    def su(self) -> psycopg.Connection[Any]:
        conn = self.cluster.connect(self.dbname)
        self._closers.append(conn.close)
        return conn

    def owner_uow(self) -> UnitOfWorkFactory:
        engine = create_server_engine(self.cluster.url(self.dbname))
        self._closers.append(engine.dispose)
        return uow_factory_for(engine)

    def sign_in(self, who: str = "learner", *, profile: ServerProfile | None = None) -> SignedIn:
        person = self.people[who]
        session = sign_in(profile or self.profile, person.email, person.password)
        self._closers.append(session.close)
        return session

    def add_person(self, key: str, roles: tuple[str, ...] = ()) -> Person:
        email = f"{key}@{self.dbname}.test"
        password = f"Pw-{key}-{uuid.uuid4().hex[:10]}"
        summary = accounts.create_user(
            self.owner_uow(), email=email, password=password, roles=roles
        )
        assert summary.db_role is not None
        person = Person(summary.id, summary.email, password, summary.db_role)
        self.people[key] = person
        return person

    # -- devices -----------------------------------------------------------------

    def device(
        self,
        name: str,
        *,
        who: str = "learner",
        profile: ServerProfile | None = None,
        hooks: SyncHooks | None = None,
        **engine_kwargs: Any,
    ) -> Device:
        """A device of ``who``: its own encrypted cache, and an engine signing in as them."""
        session = self.sign_in(who)
        cache = open_cache(self.tmp / f"device-{name}", os.urandom(32))
        self._closers.append(cache.close)
        cache.set_owner(session.user)
        target = profile or self.profile
        assert session.backend is not None
        server = session.backend
        if profile is not None:
            # Another route to the same server (e.g. through a proxy): the person's login,
            # no sign-in round trip (creating a backend does no I/O).
            person = self.people[who]
            server = open_backend(profile.target(username=person.db_role, password=person.password))
            self._closers.append(server.dispose)

        def backend() -> Backend:
            # The sync engine derives its own connection settings from this backend's URL.
            return server

        engine = SyncEngine(target, cache, backend, hooks=hooks, device_name=name, **engine_kwargs)
        self._closers.append(engine.close)
        return Device(name, cache, engine, session)

    def close(self) -> None:
        for close in reversed(self._closers):
            with contextlib.suppress(Exception):
                close()
        self._closers.clear()


def _populate(world: SyncWorld) -> None:
    names = (
        "course",
        "module_1",
        "module_2",
        "lesson_1",
        "lesson_2",
        "lesson_3",
        "lesson_text",
        "video_1",
        "video_2",
        "assessment",
        "question_choice",
        "question_text",
        "option_right",
        "option_wrong",
        "option_paris",
        "path",
        "step_course",
        "step_assessment",
    )
    ids = {name: uuid.uuid4() for name in names}
    world.ids.update(ids)
    author = world.people["instructor"].id
    with world.su() as conn, conn.transaction():
        conn.execute(
            "INSERT INTO courses (id, title, slug, author_id, status, description) "
            "VALUES (%s, 'Zebra Offline Course', %s, %s, 'published', 'Learn to sync')",
            (ids["course"], f"offline-{ids['course'].hex[:8]}", author),
        )
        for n, module in enumerate(("module_1", "module_2"), start=1):
            conn.execute(
                "INSERT INTO modules (id, course_id, title, order_index) VALUES (%s, %s, %s, %s)",
                (ids[module], ids["course"], f"Module {n}", n),
            )
        for video in ("video_1", "video_2"):
            conn.execute(
                "INSERT INTO video_assets (id, title, provider, provider_id, status, duration, "
                "author_id) VALUES (%s, %s, 'demo', %s, 'ready', 2, %s)",
                (ids[video], video, f"media/{video}.mp4", author),
            )
        for n, (lesson, module, video) in enumerate(
            (
                ("lesson_1", "module_1", "video_1"),
                ("lesson_2", "module_1", "video_2"),
                ("lesson_3", "module_2", "video_1"),
                ("lesson_text", "module_2", None),
            ),
            start=1,
        ):
            conn.execute(
                "INSERT INTO lessons (id, module_id, title, video_asset_id, duration, "
                "order_index) VALUES (%s, %s, %s, %s, 2, %s)",
                (ids[lesson], ids[module], f"Lesson {n}: Zebra stripes", ids.get(video or ""), n),
            )
        conn.execute(
            "INSERT INTO assessments (id, title, passing_score, author_id) "
            "VALUES (%s, 'Zebra quiz', 50, %s)",
            (ids["assessment"], author),
        )
        conn.execute(
            "INSERT INTO questions (id, assessment_id, text, type, order_index) VALUES "
            "(%s, %s, 'Which?', 'single_choice', 1), (%s, %s, 'Capital of France?', "
            "'short_answer', 2)",
            (ids["question_choice"], ids["assessment"], ids["question_text"], ids["assessment"]),
        )
        conn.execute(
            "INSERT INTO answer_options (id, question_id, text, is_correct, order_index) VALUES "
            "(%s, %s, 'right', true, 1), (%s, %s, 'wrong', false, 2), (%s, %s, 'Paris', true, 1)",
            (
                ids["option_right"],
                ids["question_choice"],
                ids["option_wrong"],
                ids["question_choice"],
                ids["option_paris"],
                ids["question_text"],
            ),
        )
        conn.execute(
            "INSERT INTO learning_paths (id, title, author_id, status) "
            "VALUES (%s, 'Zebra path', %s, 'published')",
            (ids["path"], author),
        )
        conn.execute(
            "INSERT INTO path_steps (id, path_id, entity_type, entity_id, order_index) VALUES "
            "(%s, %s, 'course', %s, 1), (%s, %s, 'assessment', %s, 2)",
            (
                ids["step_course"],
                ids["path"],
                ids["course"],
                ids["step_assessment"],
                ids["path"],
                ids["assessment"],
            ),
        )


@contextlib.contextmanager
def make_world(cluster: PostgresCluster, tmp: Path) -> Iterator[SyncWorld]:
    dbname = f"sync_{uuid.uuid4().hex[:12]}"
    url = cluster.create_database(dbname)
    world = SyncWorld(cluster, dbname, tmp)
    try:
        engine = create_server_engine(url)
        try:
            migrations.upgrade(engine)
        finally:
            engine.dispose()
        with mock.patch.object(accounts, "hash_password", _CHEAP.hash):
            world.add_person("learner")
            world.add_person("instructor", ("instructor",))
        _populate(world)
        yield world
    finally:
        roles = [p.db_role for p in world.people.values()]
        world.close()
        cluster.drop_database(dbname)
        with cluster.connect() as conn:
            for role in roles:
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def world(pg_cluster: PostgresCluster, tmp_path: Path) -> Iterator[SyncWorld]:
    with make_world(pg_cluster, tmp_path) as w:
        yield w


def server_rows(
    world: SyncWorld, query: str, params: tuple[Any, ...] = ()
) -> list[tuple[Any, ...]]:
    with world.su() as conn:
        return conn.execute(query, params).fetchall()


def at(minutes: float) -> dt.datetime:
    """A fixed moment in the past, ``minutes`` after a base time (UTC)."""
    return dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder of an `elearn` command in a test: empty, no database URL or password."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv(ENV_DATA_DIR, str(folder))
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)
    monkeypatch.delenv("ELEARN_PASSWORD", raising=False)
    return folder
