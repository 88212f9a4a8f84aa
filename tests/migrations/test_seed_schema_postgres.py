"""The seed schema on PostgreSQL: 0001 creates exactly what the platform's DDL creates, and a
database the platform created is adopted with ``stamp 0001`` + ``upgrade head``."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from elearn_desktop.config import ALEMBIC_INI, ENV_DATABASE_URL
from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.seed_schema import SEED_INDEXES, SEED_TABLES
from tests.conftest import EngineFactory
from tests.migrations.schema_snapshot import (
    SEED_DDL,
    apply_seed_ddl,
    pg_columns,
    pg_constraints,
    pg_index_columns,
    pg_indexes,
    pg_snapshot,
    pg_tables,
)
from tests.support.pgcluster import PostgresCluster

pytestmark = pytest.mark.postgres

ALEMBIC_OBJECTS = {"alembic_version", "alembic_version_pkc"}


@pytest.fixture
def make_pg_engine(pg_cluster: PostgresCluster) -> Iterator[EngineFactory]:
    """Engines on further fresh databases of the test cluster, disposed and dropped after
    the test."""
    created: list[tuple[str, Engine]] = []

    def factory(label: str) -> Engine:
        name = f"t_{label}_{uuid.uuid4().hex[:8]}"
        engine = create_server_engine(pg_cluster.create_database(name))
        created.append((name, engine))
        return engine

    yield factory
    for name, engine in created:
        engine.dispose()
        pg_cluster.drop_database(name)


def _without_alembic(mapping: dict[tuple[str, str], object]) -> dict[tuple[str, str], object]:
    return {k: v for k, v in mapping.items() if k[0] != "alembic_version"}


def test_seed_ddl_file_has_the_fourteen_tables() -> None:
    text = SEED_DDL.read_text(encoding="utf-8")
    assert text.count("CREATE TABLE") == 14
    order = [t for t in SEED_TABLES if f"CREATE TABLE {t} (" in text]
    assert sorted(order) == sorted(SEED_TABLES)
    assert text.index("CREATE TABLE subscription_plans") < text.index("CREATE TABLE subscriptions")


def test_revision_0001_is_the_seed_exactly(make_pg_engine: EngineFactory) -> None:
    seed = make_pg_engine("seed")
    ours = make_pg_engine("ours")
    apply_seed_ddl(seed)
    migrations.upgrade(ours, "0001")

    with seed.connect() as a, ours.connect() as b:
        assert pg_tables(a) == set(SEED_TABLES)
        assert pg_tables(b) == set(SEED_TABLES) | {"alembic_version"}

        # Every column: type, length, precision/scale, nullability, default, position.
        seed_columns = pg_columns(a)
        our_columns = _without_alembic(pg_columns(b))
        assert our_columns.keys() == seed_columns.keys()
        for key, expected in seed_columns.items():
            assert our_columns[key] == expected, key
        # Spot checks that the comparison looks at what matters.
        assert seed_columns[("subscription_plans", "price")]["numeric_precision"] == 10
        assert seed_columns[("subscription_plans", "price")]["numeric_scale"] == 2
        assert seed_columns[("subscription_plans", "features")]["data_type"] == "jsonb"
        assert seed_columns[("users", "email")]["character_maximum_length"] == 255
        assert seed_columns[("courses", "status")]["column_default"] == (
            "'draft'::character varying"
        )

        # PRIMARY KEY / UNIQUE / FOREIGN KEY constraints: same names, same definitions.
        seed_constraints = pg_constraints(a)
        our_constraints = _without_alembic(pg_constraints(b))
        assert our_constraints == seed_constraints
        assert seed_constraints[("subscriptions", "subscriptions_plan_id_fkey")] == (
            "f",
            "FOREIGN KEY (plan_id) REFERENCES subscription_plans(id)",
        )

        # The seed's DDL creates only its constraints' indexes; 0001 creates those
        # (identically) plus the key indexes the seed lists in prose.
        seed_indexes = pg_indexes(a)
        our_indexes = pg_indexes(b)
        assert {name for _t, name in seed_indexes} == {
            name for (_t, name), (kind, _d) in seed_constraints.items() if kind in "pu"
        }
        for key, definition in seed_indexes.items():
            assert our_indexes.get(key) == definition
        our_index_columns = pg_index_columns(b)
        for name, table, columns in SEED_INDEXES:
            assert our_index_columns[name] == (table, columns)
        assert our_index_columns["users_email_key"] == ("users", ("email",))
        assert our_index_columns["courses_slug_key"] == ("courses", ("slug",))

    # Additive only: at head every seed column, constraint and index is still the seed's.
    migrations.upgrade(ours)
    with ours.connect() as b:
        head_columns = pg_columns(b)
        head_constraints = pg_constraints(b)
        head_indexes = pg_indexes(b)
    for key, expected in seed_columns.items():
        assert head_columns[key] == expected, key
    for key, expected in seed_constraints.items():
        assert head_constraints[key] == expected, key
    for key, expected in our_indexes.items():
        assert head_indexes[key] == expected, key
    for (table, column), definition in head_columns.items():
        if table in SEED_TABLES and (table, column) not in seed_columns:
            assert definition["is_nullable"] == "YES" or definition["column_default"], column


def _fill_like_the_platform(engine: Engine) -> dict[str, uuid.UUID]:
    """Rows as the web platform would have written them, with plain SQL."""
    ids = {name: uuid.uuid4() for name in ("user", "course", "module", "lesson", "plan", "sub")}
    ids["progress"] = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO users (id, email, password_hash, first_name)"
                " VALUES (:id, 'platform@example.com', 'x', 'Pat')"
            ),
            {"id": ids["user"]},
        )
        conn.execute(
            sa.text(
                "INSERT INTO courses (id, title, slug, author_id, status)"
                " VALUES (:id, 'Platform course', 'platform-course', :user, 'published')"
            ),
            {"id": ids["course"], "user": ids["user"]},
        )
        conn.execute(
            sa.text(
                "INSERT INTO modules (id, course_id, title, order_index)"
                " VALUES (:id, :course, 'M1', 0)"
            ),
            {"id": ids["module"], "course": ids["course"]},
        )
        conn.execute(
            sa.text(
                "INSERT INTO lessons (id, module_id, title, order_index)"
                " VALUES (:id, :module, 'L1', 0)"
            ),
            {"id": ids["lesson"], "module": ids["module"]},
        )
        conn.execute(
            sa.text(
                "INSERT INTO subscription_plans (id, name, price, billing_cycle, features)"
                " VALUES (:id, 'Gold', 12.50, 'monthly', CAST(:features AS jsonb))"
            ),
            {"id": ids["plan"], "features": json.dumps({"offline": True, "seats": 2})},
        )
        conn.execute(
            sa.text(
                "INSERT INTO subscriptions (id, user_id, plan_id, status, start_date)"
                " VALUES (:id, :user, :plan, 'active', '2026-01-01T00:00:00Z')"
            ),
            {"id": ids["sub"], "user": ids["user"], "plan": ids["plan"]},
        )
        conn.execute(
            sa.text(
                "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status,"
                " progress_percentage) VALUES (:id, :user, 'lesson', :lesson, 'in_progress', 60)"
            ),
            {"id": ids["progress"], "user": ids["user"], "lesson": ids["lesson"]},
        )
    return ids


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in SEED_TABLES
        }


def test_adopting_a_platform_database(make_pg_engine: EngineFactory) -> None:
    adopted = make_pg_engine("adopted")
    fresh = make_pg_engine("fresh")
    apply_seed_ddl(adopted)
    ids = _fill_like_the_platform(adopted)
    counts_before = _counts(adopted)

    migrations.stamp(adopted, "0001")
    assert migrations.current_revision(adopted) == "0001"
    status = migrations.upgrade(adopted)
    assert status.up_to_date

    # Data preserved.
    assert _counts(adopted) == counts_before
    with adopted.connect() as conn:
        plan = conn.execute(
            sa.text("SELECT price, features FROM subscription_plans WHERE id = :id"),
            {"id": ids["plan"]},
        ).one()
        assert plan.price == Decimal("12.50")
        assert plan.features == {"offline": True, "seats": 2}
        start = conn.execute(
            sa.text("SELECT start_date FROM subscriptions WHERE id = :id"), {"id": ids["sub"]}
        ).scalar_one()
        assert start == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        assert (
            conn.execute(
                sa.text("SELECT progress_percentage FROM user_progress WHERE id = :id"),
                {"id": ids["progress"]},
            ).scalar_one()
            == 60
        )
        # The key indexes the platform's DDL lacked now exist.
        index_columns = pg_index_columns(conn)
    for name, table, columns in SEED_INDEXES:
        assert index_columns[name] == (table, columns)

    # The adopted schema at head is the schema of a database we created from nothing.
    migrations.upgrade(fresh)
    adopted_schema, fresh_schema = pg_snapshot(adopted), pg_snapshot(fresh)
    assert adopted_schema["tables"] == fresh_schema["tables"]
    assert adopted_schema["columns"] == fresh_schema["columns"]
    assert adopted_schema["constraints"] == fresh_schema["constraints"]
    assert adopted_schema["indexes"] == fresh_schema["indexes"]

    # And the way back to 0001 works on it, keeping the platform's data.
    status = migrations.downgrade(adopted, "0001")
    assert status.current == "0001"
    with adopted.connect() as conn:
        assert pg_tables(conn) == set(SEED_TABLES) | {"alembic_version"}
        assert ("assessments", "author_id") not in pg_columns(conn)
    assert _counts(adopted) == counts_before


def test_adoption_with_the_alembic_command_line(
    make_pg_engine: EngineFactory, tmp_path: Path
) -> None:
    """What an administrator types (README): ELEARN_DATABASE_URL, then
    ``alembic stamp 0001 && alembic upgrade head``, from any folder."""
    adopted = make_pg_engine("cmdline")
    apply_seed_ddl(adopted)
    _fill_like_the_platform(adopted)
    env = {**os.environ, ENV_DATABASE_URL: adopted.url.render_as_string(hide_password=False)}
    for args in (["stamp", "0001"], ["upgrade", "head"], ["current"]):
        result = subprocess.run(
            [sys.executable, "-m", "alembic", "-c", str(ALEMBIC_INI), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    assert f"{migrations.head_revision()} (head)" in result.stdout
    assert migrations.schema_status(adopted).up_to_date
    assert _counts(adopted)["users"] == 1


def test_adoption_with_data_that_breaks_the_new_rules_changes_nothing(
    make_pg_engine: EngineFactory,
) -> None:
    """Two progress rows for one (user, entity): 0003's UNIQUE cannot be added. The upgrade
    fails as a whole; the database stays exactly as it was, at 0001."""
    adopted = make_pg_engine("dupes")
    apply_seed_ddl(adopted)
    ids = _fill_like_the_platform(adopted)
    with adopted.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status)"
                " VALUES (:id, :user, 'lesson', :lesson, 'completed')"
            ),
            {"id": uuid.uuid4(), "user": ids["user"], "lesson": ids["lesson"]},
        )
    migrations.stamp(adopted, "0001")
    before = pg_snapshot(adopted)

    with pytest.raises(IntegrityError):
        migrations.upgrade(adopted)

    assert migrations.current_revision(adopted) == "0001"
    assert pg_snapshot(adopted) == before
