"""Workloads 6, 7 and 8: pushing offline progress, one more op, one progress tick.

All three use the real parts of the sync tests (``tests/sync/conftest.make_world``): a
migrated PostgreSQL database with a learner who signs in with their own login, and an
encrypted local cache per device with a real ``SyncEngine``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any
from unittest import mock

import psycopg
from sqlalchemy import insert

from elearn_desktop.services import accounts, progress
from elearn_desktop.sync.cache import make_course_available
from elearn_desktop.sync.cache_models import cache_table
from tests.benchmarks.suite import Context, Outcome, Target, median, timed_ms
from tests.sync.conftest import _CHEAP, make_world

CHEAP_HASH = mock.patch.object(accounts, "hash_password", _CHEAP.hash)


def progress_rows(owner: uuid.UUID, count: int, seed: int) -> list[dict[str, Any]]:
    """``count`` progress rows of ``owner``: a third completed, lessons, modules, courses."""
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = []
    for _ in range(count):
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


def copy_rows(
    conn: psycopg.Connection[Any], rows: list[dict[str, Any]], table: str = "user_progress"
) -> float:
    """Binary COPY of ``rows`` into ``table`` by the schema owner (the push's baseline)."""
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


def workload_6(ctx: Context) -> list[Outcome]:
    """100k offline progress ops pushed vs a binary COPY of the same rows."""
    ops = ctx.scale.push_ops
    copies: list[float] = []
    pushes: list[float] = []
    with CHEAP_HASH:
        for n in range(min(3, ctx.scale.repeats)):
            with make_world(ctx.cluster, ctx.folder(f"push-{n}")) as world:
                device = world.device("bench")
                with device.cache.engine.begin() as conn:  # the triggers queue one op a row
                    conn.execute(
                        insert(cache_table("user_progress")),
                        progress_rows(world.learner.id, ops, seed=n),
                    )
                other = world.add_person("other")
                with world.su() as su:
                    copies.append(copy_rows(su, progress_rows(other.id, ops, seed=100 + n)))
                report = device.engine.sync_once()
                if not report.ok or report.pushed != ops:
                    raise RuntimeError(f"push failed: {report.errors} ({report.pushed} pushed)")
                pushes.append(report.push_s)
    return [
        Outcome(
            6,
            f"push {ops:,} offline progress ops (sync engine, end to end)",
            "s",
            median(pushes),
            median(copies),
            [Target("ratio_max", 4)],
            pushes,
            copies,
            note="baseline: binary COPY of the same rows into user_progress",
        )
    ]


def workload_7(ctx: Context) -> list[Outcome]:
    """One more op after many already synced: local write + push vs one raw upsert."""
    synced = ctx.scale.synced_ops
    ours: list[float] = []
    base: list[float] = []
    with CHEAP_HASH, make_world(ctx.cluster, ctx.folder("one-more")) as world:
        device = world.device("bench")
        owner = world.learner.id
        rows = progress_rows(owner, synced, seed=7)
        with device.cache.engine.begin() as conn:
            conn.execute(insert(cache_table("user_progress")), rows)
        first = device.engine.sync_once()
        if not first.ok or first.pushed != synced:
            raise RuntimeError(f"initial push failed: {first.errors}")
        table = cache_table("user_progress")
        upsert = (
            "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status, "
            "progress_percentage) VALUES (%s, %s, 'lesson', %s, 'in_progress', %s) "
            "ON CONFLICT (user_id, entity_type, entity_id) DO UPDATE SET "
            "progress_percentage = greatest(user_progress.progress_percentage, "
            "excluded.progress_percentage)"
        )
        other = world.add_person("other")
        with world.su() as su:
            target = uuid.uuid4()
            for n in range(ctx.scale.repeats * 2):
                entity = uuid.uuid4()
                started = time.perf_counter()
                with device.cache.engine.begin() as conn:
                    conn.execute(
                        insert(table),
                        {
                            "id": uuid.uuid4(),
                            "user_id": owner,
                            "entity_type": "lesson",
                            "entity_id": entity,
                            "status": "in_progress",
                            "progress_percentage": 10 + n,
                        },
                    )
                write_s = time.perf_counter() - started
                report = device.engine.sync_once()
                if not report.ok or report.pushed != 1:
                    raise RuntimeError(f"push of one op failed: {report.errors}")
                ours.append((write_s + report.push_s) * 1000)
                started = time.perf_counter()
                su.execute(upsert, (uuid.uuid4(), other.id, target, n))
                su.commit()
                base.append((time.perf_counter() - started) * 1000)
    return [
        Outcome(
            7,
            f"one more op after {synced:,} synced: local write + push",
            "ms",
            median(ours),
            median(base),
            [Target("ratio_max", 3)],
            ours,
            base,
            note="baseline: one raw upsert round trip (psycopg, committed)",
        )
    ]


def _raw_sqlite_ms(folder: Path, count: int) -> list[float]:
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE ticks (id TEXT PRIMARY KEY, lesson TEXT, position REAL)")
    times = []
    for n in range(count):
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO ticks VALUES (?, ?, ?)", (uuid.uuid4().hex, "lesson", float(n)))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - started) * 1000)
    conn.close()
    return times


def workload_8(ctx: Context) -> list[Outcome]:
    """One progress tick of the player (record_playback on the encrypted cache)."""
    ticks = 50 * ctx.scale.repeats
    base = _raw_sqlite_ms(ctx.folder("tick"), ticks)
    ours: list[float] = []
    with CHEAP_HASH, make_world(ctx.cluster, ctx.folder("tick-world")) as world:
        device = world.device("bench")
        backend = device.signed_in.backend
        assert backend is not None
        make_course_available(backend.uow, device.cache, world.ids["course"])
        start = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
        before = device.cache.pending_count()
        for n in range(ticks):
            position = 5.0 * (n + 1)
            ours.append(
                timed_ms(
                    lambda p=position, k=n: progress.record_playback(
                        device.uow,
                        user_id=world.learner.id,
                        lesson_id=world.ids["lesson_1"],
                        ranges=[(0.0, p)],
                        resume_position_s=p,
                        event_at=start + dt.timedelta(seconds=5 * k),
                        media_duration_s=5.0 * ticks + 60,
                        studied_s=5.0,
                        roll_up=False,  # what the player's periodic save passes
                    )
                )
            )
        if device.cache.pending_count() <= before:
            raise RuntimeError("progress ticks queued no outbox op")
    os.sync()
    return [
        Outcome(
            8,
            "one progress tick (local write + outbox row, encrypted cache)",
            "ms",
            median(ours),
            median(base),
            [Target("abs_max", 1)],
            ours,
            base,
            note="baseline: raw sqlite3 insert + commit in WAL mode",
        )
    ]
