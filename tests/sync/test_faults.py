"""No progress is lost or duplicated whatever the server or the client process does.

These tests run on a private PostgreSQL cluster with ``synchronous_commit = on`` (the
shared test cluster trades durability for speed): the database is crashed with
``pg_ctl stop -m immediate`` after a batch, the client process is killed with SIGKILL in
the middle of a sync, and the acknowledgement of a commit is lost. Each time, after
syncing again, the server holds exactly the device's state: nothing missing (progress,
playback) and nothing counted twice (study time adds only growth).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from elearn_desktop.config import PROJECT_ROOT
from elearn_desktop.data.models import LessonPlayback, StudyTime, UserProgress
from elearn_desktop.sync.cache import make_course_available, open_cache
from elearn_desktop.sync.cache_models import cache_table
from elearn_desktop.sync.engine import SyncHooks
from tests.support.pgcluster import PostgresCluster
from tests.sync.conftest import Device, SyncWorld, make_world, server_rows

pytestmark = pytest.mark.postgres

STATUSES = ("not_started", "in_progress", "completed")


@pytest.fixture(scope="module")
def durable_cluster() -> Iterator[PostgresCluster]:
    with PostgresCluster(
        settings={"synchronous_commit": "on", "fsync": "on", "full_page_writes": "on"},
        max_connections=50,
    ) as cluster:
        yield cluster


@pytest.fixture
def durable_world(durable_cluster: PostgresCluster, tmp_path: Path) -> Iterator[SyncWorld]:
    durable_cluster.restart()  # a test that failed mid-crash leaves it stopped
    with make_world(durable_cluster, tmp_path) as world:
        yield world


def fill(world: SyncWorld, device: Device, *, progress: int, days: int, seed: int = 1) -> int:
    """Write many local changes straight into the cache (the triggers queue their ops)."""
    backend = device.signed_in.backend
    assert backend is not None
    make_course_available(backend.uow, device.cache, world.ids["course"])
    rng = random.Random(seed)
    owner = world.learner.id
    lessons = [world.ids[name] for name in ("lesson_1", "lesson_2", "lesson_3", "lesson_text")]
    base = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    with device.cache.engine.begin() as conn:
        rows = []
        for _ in range(progress):
            status = rng.choice(STATUSES)
            rows.append(
                {
                    "id": uuid.uuid4(),
                    "user_id": owner,
                    "entity_type": rng.choice(("course", "module", "lesson", "learning_path")),
                    "entity_id": uuid.uuid4(),
                    "status": status,
                    "progress_percentage": 100 if status == "completed" else rng.randint(0, 99),
                    "completed_at": base + dt.timedelta(minutes=rng.randint(0, 10_000))
                    if status == "completed"
                    else None,
                }
            )
        conn.execute(insert(cache_table("user_progress")), rows)
        conn.execute(
            insert(cache_table("study_time")),
            [
                {
                    "user_id": owner,
                    "day": (base + dt.timedelta(days=d)).date(),
                    "lesson_id": lesson,
                    "seconds": float(rng.randint(1, 3600)),
                }
                for d in range(days)
                for lesson in lessons
            ],
        )
        conn.execute(
            insert(cache_table("lesson_playback")),
            [
                {
                    "user_id": owner,
                    "lesson_id": lesson,
                    "watched_ranges": [[0.0, float(rng.randint(1, 100))], [110.0, 115.5]],
                    "resume_position_s": 12.5,
                    "resume_event_at": base,
                    "last_watched_at": base,
                }
                for lesson in lessons[:3]
            ],
        )
    return device.cache.pending_count()


def grow_study_time(device: Device, extra: float) -> None:
    """More seconds on every local study-time row (a device's running totals grow)."""
    with device.uow() as uow:
        for row in uow.session.scalars(select(StudyTime)):
            row.seconds += extra
        uow.commit()


def assert_server_equals_device(world: SyncWorld, device: Device) -> None:
    """The server holds exactly the device's state, and its outbox is empty."""
    assert device.cache.pending_count() == 0
    with device.uow() as uow:
        local_progress = {
            (r.entity_type, r.entity_id): (r.status, r.progress_percentage, r.completed_at)
            for r in uow.session.scalars(select(UserProgress))
        }
        local_study = {
            (r.day, r.lesson_id): r.seconds for r in uow.session.scalars(select(StudyTime))
        }
        local_playback = {
            r.lesson_id: (r.watched_ranges, r.resume_position_s)
            for r in uow.session.scalars(select(LessonPlayback))
        }
    server_progress = {
        (r[0], r[1]): (r[2], r[3], r[4])
        for r in server_rows(
            world,
            "SELECT entity_type, entity_id, status, progress_percentage, completed_at "
            "FROM user_progress WHERE user_id = %s",
            (world.learner.id,),
        )
    }
    server_study = {
        (r[0], r[1]): r[2]
        for r in server_rows(world, "SELECT day, lesson_id, seconds FROM study_time")
    }
    server_playback = {
        r[0]: ([[float(a), float(b)] for a, b in r[1]], r[2])
        for r in server_rows(
            world, "SELECT lesson_id, watched_ranges, resume_position_s FROM lesson_playback"
        )
    }
    assert server_progress == local_progress
    assert server_study == local_study  # nothing added twice
    assert server_playback == local_playback
    dupes = server_rows(world, "SELECT count(*) - count(DISTINCT op_id) FROM processed_ops")
    assert dupes == [(0,)]


def test_database_killed_mid_push(
    durable_world: SyncWorld, durable_cluster: PostgresCluster
) -> None:
    world = durable_world
    crashed: list[int] = []

    def crash_after_second(batch: int, _size: int) -> None:
        if batch == 2 and not crashed:
            crashed.append(batch)
            durable_cluster.crash()

    device = world.device(
        "laptop", batch_size=200, hooks=SyncHooks(after_batch_committed=crash_after_second)
    )
    total = fill(world, device, progress=900, days=40)
    assert total > 1000

    report = device.engine.sync_once()
    assert crashed == [2]
    assert not report.ok
    assert not report.online
    assert "lost the connection" in report.errors[0]
    assert report.pushed == 400  # the two batches the server committed
    assert report.pending == total - 400

    durable_cluster.restart()
    grow_study_time(device, 10.0)  # meanwhile, the learner goes on studying offline
    report = device.engine.sync_once()
    assert report.ok, report.errors
    assert_server_equals_device(world, device)
    # Once more: nothing to send, nothing changes.
    assert device.engine.sync_once().pushed == 0
    assert_server_equals_device(world, device)


def test_lost_acknowledgement_changes_nothing_on_resend(durable_world: SyncWorld) -> None:
    world = durable_world

    def lose_ack(batch: int, _size: int) -> None:
        raise ConnectionResetError("the acknowledgement was lost")

    device = world.device("laptop", hooks=SyncHooks(after_batch_committed=lose_ack))
    total = fill(world, device, progress=300, days=30)
    with pytest.raises(ConnectionResetError):
        device.engine.sync_once()
    # The server committed the batch; the device does not know it and keeps every op.
    assert device.cache.pending_count() == total
    snapshot = (
        "SELECT (SELECT count(*) FROM processed_ops), "
        "(SELECT array_agg(ROW(entity_id, status, progress_percentage, completed_at, "
        "updated_at, sync_seq)::text ORDER BY entity_id) FROM user_progress), "
        "(SELECT array_agg(ROW(day, lesson_id, seconds, sync_seq)::text ORDER BY day, lesson_id) "
        "FROM study_time), "
        "(SELECT array_agg(ROW(lesson_id, watched_ranges, updated_at, sync_seq)::text "
        "ORDER BY lesson_id) FROM lesson_playback)"
    )
    before = server_rows(world, snapshot)
    assert before[0][0] == total

    device.engine.hooks.after_batch_committed = None
    report = device.engine.sync_once()
    assert report.ok, report.errors
    assert (report.pushed, report.rejected, report.pending) == (total, 0, 0)
    assert server_rows(world, snapshot) == before  # the resend changed nothing at all
    assert_server_equals_device(world, device)


@pytest.mark.parametrize("delay_ms", [0, 15])
def test_client_killed_mid_sync(durable_world: SyncWorld, delay_ms: int) -> None:
    world = durable_world
    key = os.urandom(32)
    cache_dir = world.tmp / "child-cache"
    session = world.sign_in()
    cache = open_cache(cache_dir, key)
    cache.set_owner(session.user)
    cache.close()
    device = world.device("parent")  # for fill(): reuse its helpers on the child's cache
    device.cache.close()
    device.cache = open_cache(cache_dir, key)
    device.engine.cache = device.cache
    total = fill(world, device, progress=1500, days=40, seed=delay_ms)
    person = world.learner
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.sync.sync_child",
            str(cache_dir),
            key.hex(),
            world.cluster.host,
            str(world.cluster.port),
            world.dbname,
            person.email,
            person.password,
            "150",
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        seen: list[str] = []
        for line in child.stdout:
            seen.append(line.strip())
            if line.startswith("committed 3"):
                if delay_ms:
                    import time

                    time.sleep(delay_ms / 1000)
                child.send_signal(signal.SIGKILL)
                break
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, (seen, child.stderr.read() if child.stderr else "")
    left = device.cache.pending_count()
    assert 0 < left <= total - 300  # at least two batches were settled before the kill

    report = device.engine.sync_once()
    assert report.ok, report.errors
    assert_server_equals_device(world, device)
