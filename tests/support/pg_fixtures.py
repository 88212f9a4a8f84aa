"""pytest plugin: a real PostgreSQL cluster for the test session.

Register it in ``tests/conftest.py`` with::

    pytest_plugins = ["tests.support.pg_fixtures"]

``pg_cluster`` starts one private cluster per test session (per xdist worker)
and stops it at the end; ``pg_url`` gives each test its own fresh, empty
database and drops it afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.support.pgcluster import PostgresCluster

__all__ = ["pg_cluster", "pg_url"]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """One running ``PostgresCluster`` for the whole test session."""
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: PostgresCluster) -> Iterator[str]:
    """SQLAlchemy URL (superuser credentials) of a fresh, empty database.

    The database is named ``t_<12 hex digits>`` and is dropped after the test,
    even if connections to it are still open.
    """
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = pg_cluster.create_database(name)
    try:
        yield url
    finally:
        pg_cluster.drop_database(name)
