"""A push of a few ops (benchmark workload 7): the lean paths keep the protocol's meaning.

Revision 0011 runs each of ``elearn_apply_ops``' statements only for the kinds a batch
holds; the engine sends an outbox smaller than a batch from its own thread, reads and
deletes outbox rows with plain DBAPI, and sends each batch as one autocommitted call.
No timings here: what each path must still do.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest
from sqlalchemy import insert, text

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.sync.cache_models import cache_table
from elearn_desktop.sync.engine import SyncHooks
from tests.sync.conftest import SyncWorld, server_rows

pytestmark = pytest.mark.postgres


def _progress(world: SyncWorld, **extra: Any) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "user_id": world.learner.id,
        "entity_type": "lesson",
        "entity_id": uuid.uuid4(),
        "status": "in_progress",
        "progress_percentage": 30,
        **extra,
    }


def _function_source(world: SyncWorld) -> str:
    (row,) = server_rows(world, "SELECT prosrc FROM pg_proc WHERE proname = 'elearn_apply_ops'")
    return re.sub(r"\s+", " ", str(row[0]))


def _apply(world: SyncWorld, device_id: str, batch: dict[str, Any]) -> dict[str, str]:
    """Call the server's function as the learner (their login, their row-level security)."""
    session = world.sign_in()
    assert session.backend is not None
    with session.backend.engine.begin() as conn:
        rows = conn.execute(
            text(
                "SELECT op_id, reason FROM public.elearn_apply_ops("
                ":device, now(), CAST(:ops AS jsonb))"
            ),
            {"device": device_id, "ops": json.dumps(batch)},
        ).all()
    return {str(op_id): str(reason) for op_id, reason in rows}


def test_each_statement_runs_only_for_the_kinds_the_batch_holds(world: SyncWorld) -> None:
    source = _function_source(world)
    for kind in ("progress", "playback", "study_time", "attempt"):
        assert f"IF p_ops ? '{kind}' THEN" in source
    assert "IF (p_ops - ARRAY['progress', 'playback', 'study_time', 'attempt'])" in source


def test_unknown_kinds_are_still_rejected_beside_known_ones(world: SyncWorld) -> None:
    device = world.device("laptop")
    assert device.engine.sync_once().ok  # registers the device
    odd, good = str(uuid.uuid4()), str(uuid.uuid4())
    entity = uuid.uuid4()
    payload = {
        "user_id": world.learner.id.hex,
        "entity_type": "lesson",
        "entity_id": entity.hex,
        "status": "completed",
        "progress_percentage": 100,
    }
    rejected = _apply(
        world,
        device.cache.device_id,
        {
            "bookmark": [{"op_id": odd, "seq": 1, "p": {}}],
            "progress": [{"op_id": good, "seq": 2, "p": payload}],
        },
    )
    assert rejected == {odd: "the server does not know changes of the kind 'bookmark'"}
    assert server_rows(
        world,
        "SELECT status, progress_percentage FROM user_progress WHERE entity_id = %s",
        (entity,),
    ) == [("completed", 100)]
    only_odd = str(uuid.uuid4())
    assert _apply(world, device.cache.device_id, {"note": [{"op_id": only_odd, "seq": 3}]}) == {
        only_odd: "the server does not know changes of the kind 'note'"
    }
    assert _apply(world, device.cache.device_id, {}) == {}  # an empty batch: nothing to do
    statuses = server_rows(
        world,
        "SELECT op_id::text, status FROM processed_ops WHERE op_id = ANY(%s::uuid[])",
        ([odd, good, only_odd],),
    )
    assert sorted(statuses) == sorted(
        [(odd, "rejected"), (good, "applied"), (only_odd, "rejected")]
    )


def test_an_op_written_during_a_small_push_goes_in_the_same_sync(world: SyncWorld) -> None:
    written: list[int] = []

    def write_one_more(batch_no: int, _size: int) -> None:
        if not written:
            with device.cache.engine.begin() as conn:
                conn.execute(insert(cache_table("user_progress")), _progress(world))
            written.append(batch_no)

    device = world.device("phone", hooks=SyncHooks(after_batch_committed=write_one_more))
    with device.cache.engine.begin() as conn:
        conn.execute(insert(cache_table("user_progress")), [_progress(world) for _ in range(3)])
    report = device.engine.sync_once()
    assert report.ok, report.errors
    assert (report.pushed, report.pending) == (4, 0)
    assert written == [1]
    (count,) = server_rows(
        world, "SELECT count(*) FROM user_progress WHERE user_id = %s", (world.learner.id,)
    )
    assert count == (4,)


def test_after_a_push_the_kept_connection_is_transactional_again(world: SyncWorld) -> None:
    """The push's autocommit is the push's only: the pull's snapshot needs a transaction."""
    device = world.device("desk")
    with device.cache.engine.begin() as conn:
        conn.execute(insert(cache_table("user_progress")), _progress(world))
    assert device.engine.sync_once().ok
    (engine,) = device.engine._engines.values()
    with engine.connect() as conn:
        assert conn.connection.driver_connection.autocommit is False  # type: ignore[union-attr]


def test_a_push_that_fails_midway_leaves_the_connection_transactional(
    world: SyncWorld,
) -> None:
    """The push sets autocommit on the driver itself: a push that fails after a batch
    committed (on the pipelined path) still puts it back; the batch stays in the outbox
    (its outcome unknown to the device) and the next sync sends it again, harmlessly."""

    class DeviceFailedError(Exception):
        pass

    def after_batch(batch_no: int, size: int) -> None:
        raise DeviceFailedError("the device failed after the server committed")

    hooks = SyncHooks(after_batch_committed=after_batch)
    device = world.device("desk", hooks=hooks, batch_size=1)
    with device.cache.engine.begin() as conn:
        conn.execute(insert(cache_table("user_progress")), [_progress(world) for _ in range(3)])
    with pytest.raises(DeviceFailedError):
        device.engine.sync_once()
    assert device.cache.pending_count() == 3
    (engine,) = device.engine._engines.values()
    with engine.connect() as conn:
        assert conn.connection.driver_connection.autocommit is False  # type: ignore[union-attr]
    hooks.after_batch_committed = None
    report = device.engine.sync_once()
    assert report.ok, report.errors
    assert (report.pushed, report.pending) == (3, 0)
    (count,) = server_rows(
        world, "SELECT count(*) FROM user_progress WHERE user_id = %s", (world.learner.id,)
    )
    assert count == (3,)


def test_downgrade_to_0010_puts_back_the_function_of_0006(world: SyncWorld) -> None:
    owner = create_server_engine(world.cluster.url(world.dbname))
    try:
        migrations.downgrade(owner, "0010")
        source = _function_source(world)
        assert "IF p_ops ? 'progress' THEN" not in source
        assert "WHERE k.key NOT IN ('progress', 'playback', 'study_time', 'attempt')" in source
        migrations.upgrade(owner)
        assert "IF p_ops ? 'progress' THEN" in _function_source(world)
    finally:
        owner.dispose()
    device = world.device("tablet")  # at head again: the handshake accepts the server
    with device.cache.engine.begin() as conn:
        conn.execute(insert(cache_table("user_progress")), _progress(world))
    report = device.engine.sync_once()
    assert (report.ok, report.pushed) == (True, 1)
