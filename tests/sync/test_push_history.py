"""A push's cost does not grow with what was synced before (benchmark workload 7).

Plan-shape checks, not timings: the server answers a batch's rejected ops from the small
partial index of rejected ops (revision 0010), never by scanning ``processed_ops`` — one
row per op ever pushed — and the local cache reuses its connections instead of opening
(and checkpointing on close) a SQLCipher connection per unit of work.
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
from sqlalchemy import insert

from elearn_desktop.sync.cache_models import cache_table
from tests.sync.conftest import SyncWorld, server_rows

pytestmark = pytest.mark.postgres

# elearn_apply_ops' last statement, as revision 0006 wrote it (checked against the server's
# copy of the function below, so this test follows the real function).
REJECTED_ANSWER = """SELECT po.op_id, po.status::text, po.reason FROM public.processed_ops po
         WHERE po.status = 'rejected'
           AND po.op_id IN (SELECT (e ->> 'op_id')::uuid
                              FROM jsonb_each(p_ops) AS k, jsonb_array_elements(k.value) AS e)"""


def _squash(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def test_rejected_ops_are_answered_from_the_index_not_a_scan(world: SyncWorld) -> None:
    (source,) = server_rows(world, "SELECT prosrc FROM pg_proc WHERE proname = 'elearn_apply_ops'")
    assert _squash(REJECTED_ANSWER) in _squash(source[0])
    with world.su() as su:
        # A long history: 20,000 applied ops and a few rejected ones, with statistics.
        su.execute(
            "INSERT INTO processed_ops (op_id, user_id, device_id, seq, kind, status, reason) "
            "SELECT gen_random_uuid(), %s, 'old-device', n, 'progress', "
            "CASE WHEN n %% 5000 = 0 THEN 'rejected' ELSE 'applied' END, NULL "
            "FROM generate_series(1, 20000) AS n",
            (world.learner.id,),
        )
        su.execute("ANALYZE processed_ops")
        su.commit()
        batch = json.dumps({"progress": [{"op_id": str(uuid.uuid4()), "seq": 1, "p": {}}]})
        query = REJECTED_ANSWER.replace("p_ops", "%s::jsonb")
        plan = "\n".join(row[0] for row in su.execute(f"EXPLAIN {query}", (batch,)))
        rejected = su.execute(
            "SELECT count(*) FROM processed_ops WHERE status = 'rejected'"
        ).fetchone()
    assert rejected == (4,)
    assert "Seq Scan on processed_ops" not in plan, plan
    assert "ix_processed_ops_rejected" in plan, plan


def test_a_push_answers_rejected_ops_after_a_long_history(world: SyncWorld) -> None:
    """The index changes the plan, not the answer: a bad op among many is still named."""
    device = world.device("laptop")
    good = {
        "id": uuid.uuid4(),
        "user_id": world.learner.id,
        "entity_type": "lesson",
        "status": "in_progress",
        "progress_percentage": 10,
    }
    with device.cache.engine.begin() as conn:
        conn.execute(
            insert(cache_table("user_progress")),
            [{**good, "id": uuid.uuid4(), "entity_id": uuid.uuid4()} for _ in range(300)],
        )
    first = device.engine.sync_once()
    assert first.ok
    assert first.pushed == 300
    with device.cache.engine.begin() as conn:
        conn.execute(
            insert(cache_table("user_progress")),
            {**good, "entity_id": uuid.uuid4(), "status": "mastered"},
        )
    report = device.engine.sync_once()
    assert report.ok
    assert (report.pushed, report.rejected) == (0, 1)
    assert len(device.cache.dead_letters()) == 1
    assert "unknown progress status" in device.cache.dead_letters()[0].reason


def test_the_local_cache_reuses_its_connections(world: SyncWorld) -> None:
    device = world.device("desk")
    with device.cache.engine.connect() as conn:
        first = conn.connection.driver_connection
    with device.cache.engine.connect() as conn:
        again = conn.connection.driver_connection
    assert again is first
    assert device.cache.pending_count() == 0  # and the pooled connection still works


def _sync_backends(world: SyncWorld) -> list[int]:
    rows = server_rows(
        world,
        "SELECT pid FROM pg_stat_activity WHERE datname = %s "
        "AND application_name = 'elearn-desktop sync' ORDER BY pid",
        (world.dbname,),
    )
    return [row[0] for row in rows]


def test_the_sync_connection_is_kept_between_syncs(world: SyncWorld) -> None:
    """A new server process per sync planned elearn_apply_ops again: most of a small push."""
    device = world.device("phone")
    assert device.engine.sync_once().ok
    kept = _sync_backends(world)
    assert len(kept) == 1
    assert device.engine.sync_once().ok
    assert _sync_backends(world) == kept
    device.engine.close()
    assert _sync_backends(world) == []


def test_a_stale_kept_connection_is_replaced_without_an_error(world: SyncWorld) -> None:
    device = world.device("tablet")
    assert device.engine.sync_once().ok
    (kept,) = _sync_backends(world)
    with world.su() as su:  # the server drops it between two syncs (a restart, a cut)
        assert su.execute("SELECT pg_terminate_backend(%s)", (kept,)).fetchone() == (True,)
    with device.cache.engine.begin() as conn:
        conn.execute(
            insert(cache_table("user_progress")),
            {
                "id": uuid.uuid4(),
                "user_id": world.learner.id,
                "entity_type": "lesson",
                "entity_id": uuid.uuid4(),
                "status": "in_progress",
                "progress_percentage": 40,
            },
        )
    report = device.engine.sync_once()
    assert report.errors == ()
    assert report.pushed == 1
    fresh = _sync_backends(world)
    assert len(fresh) == 1
    assert fresh != [kept]
