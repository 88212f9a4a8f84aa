"""Shared fixtures: the same data-layer and migration tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for

pytest_plugins = ["tests.support.pg_fixtures"]

EngineFactory = Callable[[str], Engine]


def pytest_sessionfinish() -> None:
    """Collect garbage before the terminal summary.

    A test that leaves a database connection unreferenced (test_pgcluster's drop-with-an-
    open-connection check does so on purpose) has its finalizer run by the garbage
    collector whenever it next runs. If that happens while pytest compiles a module for
    the summary (Hypothesis's plugin imports lazily there), CPython 3.11.7 reports
    "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905) and
    the session fails after every test passed.
    """
    gc.collect()


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgresql"],
)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty server database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def make_engine() -> Iterator[EngineFactory]:
    """Create server engines that are all disposed when the test ends.

    Disposal matters on PostgreSQL: pooled connections would otherwise keep the test
    database busy when ``pg_url`` drops it.
    """
    engines: list[Engine] = []

    def factory(url: str) -> Engine:
        engine = create_server_engine(url)
        engines.append(engine)
        return engine

    yield factory
    for engine in engines:
        engine.dispose()


@pytest.fixture
def backend_engine(backend_url: str, make_engine: EngineFactory) -> Engine:
    """An engine on the (empty) ``backend_url`` database."""
    return make_engine(backend_url)


@pytest.fixture
def migrated_url(backend_url: str) -> str:
    """``backend_url``, upgraded to the head revision."""
    engine = create_server_engine(backend_url)
    try:
        migrations.upgrade(engine)
    finally:
        engine.dispose()
    return backend_url


@pytest.fixture
def migrated_engine(migrated_url: str, make_engine: EngineFactory) -> Engine:
    return make_engine(migrated_url)


@pytest.fixture
def uow_factory(migrated_engine: Engine) -> UnitOfWorkFactory:
    """Units of work on the migrated database."""
    return uow_factory_for(migrated_engine)
