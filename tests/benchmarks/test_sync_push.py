"""Benchmark (not part of the default run): 100k offline progress ops pushed to PostgreSQL,
against a raw binary COPY of the same rows (DESIGN §9: within 4×).

    .venv/bin/python -m pytest tests/benchmarks/test_sync_push.py -s

(tests/benchmarks is left out of the default run; naming the file runs it.)

The push is the real one: ``SyncEngine`` reading the encrypted local cache's outbox,
sending batches of 5,000 to ``elearn_apply_ops`` as the learner's own login (row-level
security on), recording every op id, merging into ``user_progress``, and deleting the
batch from the outbox after each commit. The baseline is ``COPY ... FROM STDIN (FORMAT
BINARY)`` of the same 100k rows, by the schema owner, into a fresh table shaped like
``user_progress`` (same columns and indexes). Each round uses a fresh database and a copy
filled the same way, and runs the baseline right before the push, so both meet the same
machine load; the ratio of the best of each is checked.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import insert

from elearn_desktop.sync.cache_models import cache_table
from tests.support.pgcluster import PostgresCluster
from tests.sync.conftest import cheap_argon2, make_world  # noqa: F401  (autouse fixture)

pytestmark = [pytest.mark.benchmark, pytest.mark.postgres]
OPS = 100_000
ROUNDS = 3
LIMIT = 4.0


def _rows(owner: uuid.UUID, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = []
    for _ in range(OPS):
        done = rng.random() < 0.3
        rows.append(
            {
                "id": uuid.uuid4(),
                "user_id": owner,
                "entity_type": rng.choice(("lesson", "module", "course")),
                "entity_id": uuid.uuid4(),
                "status": "completed" if done else "in_progress",
                "progress_percentage": 100 if done else rng.randint(1, 99),
                "completed_at": base + dt.timedelta(minutes=rng.randint(0, 99_999))
                if done
                else None,
            }
        )
    return rows


def _copy(
    conn: psycopg.Connection[Any], rows: list[dict[str, Any]], table: str = "user_progress"
) -> float:
    """Binary COPY of ``rows`` into ``table`` by the schema owner."""
    started = time.perf_counter()
    with conn.cursor().copy(
        f"COPY {table} (id, user_id, entity_type, entity_id, status, "
        "progress_percentage, completed_at) FROM STDIN (FORMAT BINARY)"
    ) as copy:
        copy.set_types(["uuid", "uuid", "text", "uuid", "text", "int4", "timestamptz"])
        for r in rows:
            copy.write_row(
                (
                    r["id"],
                    r["user_id"],
                    r["entity_type"],
                    r["entity_id"],
                    r["status"],
                    r["progress_percentage"],
                    r["completed_at"],
                )
            )
    return time.perf_counter() - started


def test_push_100k_ops_within_4x_of_binary_copy(
    pg_cluster: PostgresCluster, tmp_path: Path
) -> None:
    copies: list[float] = []
    plain: list[float] = []
    pushes: list[float] = []
    for n in range(ROUNDS):
        with make_world(pg_cluster, tmp_path / f"round-{n}") as world:
            device = world.device("bench")
            rows = _rows(world.learner.id, seed=n)
            with device.cache.engine.begin() as conn:  # the triggers queue one op per row
                conn.execute(insert(cache_table("user_progress")), rows)
            assert device.cache.pending_count() == OPS
            other = world.add_person("other")  # the baseline's rows are someone else's
            with world.su() as su:
                copies.append(_copy(su, _rows(other.id, seed=100 + n)))
                # For the record: into a bare copy of the table (its indexes, but no foreign
                # key, no trigger), the cheapest COPY there is.
                su.execute("CREATE TABLE bench_bare (LIKE user_progress INCLUDING ALL)")
                plain.append(_copy(su, _rows(other.id, seed=200 + n), "bench_bare"))
            report = device.engine.sync_once()
            assert report.ok, report.errors
            assert report.pushed == OPS
            assert report.rejected == 0
            pushes.append(report.push_s)
            print(
                f"round {n}: binary COPY {copies[-1]:.2f} s, push {report.push_s:.2f} s "
                f"(ratio {report.push_s / copies[-1]:.2f}), pull of the echo {report.pull_s:.2f} s"
            )
    ratio = min(pushes) / min(copies)
    print(
        f"100k ops: push {min(pushes):.2f} s; binary COPY into user_progress "
        f"{min(copies):.2f} s (ratio {ratio:.2f}); into a bare copy of the table "
        f"{min(plain):.2f} s (ratio {min(pushes) / min(plain):.2f})"
    )
    assert ratio <= LIMIT
