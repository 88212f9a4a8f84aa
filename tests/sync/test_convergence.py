"""Hypothesis: any ops, delivered in any order, duplicated, over any batch split, converge.

Random ops of two devices (progress rows, playback state, study-time totals) are applied
to the real server through ``elearn_apply_ops`` as the learner's own login, twice: once in
the order they were made, once shuffled, with repeats, in random batches. Both runs (each
on fresh rows) end in the same server state, and that state is the fold of
``domain.progress.merge`` over the ops (study time: per device the largest total, summed).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elearn_desktop.domain.progress import ProgressState, merge
from tests.support.pgcluster import PostgresCluster
from tests.sync.conftest import SyncWorld, make_world

pytestmark = pytest.mark.postgres

BASE = dt.datetime(2026, 4, 1, 8, 0, tzinfo=dt.UTC)
ENTITIES = 3
LESSONS = 2
DAYS = 2
DEVICES = ("device-a", "device-b")
STATUSES = ("not_started", "in_progress", "completed")


@dataclass(frozen=True)
class Op:
    kind: str
    device: int
    key: tuple[int, ...]
    values: tuple[Any, ...]


def _minute(value: int | None) -> dt.datetime | None:
    return None if value is None else BASE + dt.timedelta(minutes=value)


minutes = st.one_of(st.none(), st.integers(0, 10_000))
seconds = st.floats(-5, 200, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3))
progress_ops = st.builds(
    lambda d, e, s, p, c: Op("progress", d, (e,), (s, p, c)),
    st.integers(0, 1),
    st.integers(0, ENTITIES - 1),
    st.sampled_from(STATUSES),
    st.integers(0, 100),
    minutes,
)
playback_ops = st.builds(
    lambda d, lesson, ranges, pos, at, last: Op("playback", d, (lesson,), (ranges, pos, at, last)),
    st.integers(0, 1),
    st.integers(0, LESSONS - 1),
    st.lists(st.tuples(seconds, seconds), max_size=4),
    st.one_of(st.none(), st.floats(0, 200, allow_nan=False).map(lambda x: round(x, 2))),
    minutes,
    minutes,
)
study_ops = st.builds(
    lambda d, day, lesson, secs: Op("study_time", d, (day, lesson), (secs,)),
    st.integers(0, 1),
    st.integers(0, DAYS - 1),
    st.integers(0, LESSONS - 1),
    st.floats(0, 5000, allow_nan=False).map(lambda x: round(x, 1)),
)
any_ops = st.lists(st.one_of(progress_ops, playback_ops, study_ops), min_size=1, max_size=24)


class Run:
    """One application of ops to fresh server rows (its own entities and lessons)."""

    def __init__(self, world: SyncWorld, conn: psycopg.Connection[Any]) -> None:
        self.world = world
        self.conn = conn
        self.namespace = uuid.uuid4()  # each run's op ids are its own
        self.entities = [uuid.uuid4() for _ in range(ENTITIES)]
        self.lessons = [uuid.uuid4() for _ in range(LESSONS)]
        with world.su() as su:
            for n, lesson in enumerate(self.lessons):
                su.execute(
                    "INSERT INTO lessons (id, module_id, title, order_index) "
                    "VALUES (%s, %s, 'generated', %s)",
                    (lesson, world.ids["module_1"], 100 + n),
                )

    def payload(self, op: Op) -> dict[str, Any]:
        me = self.world.learner.id.hex
        if op.kind == "progress":
            status, pct, completed = op.values
            done = _minute(completed)
            return {
                "id": uuid.uuid4().hex,
                "user_id": me,
                "entity_type": "module",
                "entity_id": self.entities[op.key[0]].hex,
                "status": status,
                "progress_percentage": pct,
                "completed_at": done.isoformat() if done else None,
            }
        if op.kind == "playback":
            ranges, pos, at, last = op.values
            return {
                "user_id": me,
                "lesson_id": self.lessons[op.key[0]].hex,
                "watched_ranges": [list(r) for r in ranges],
                "resume_position_s": pos,
                "resume_event_at": _iso(_minute(at)),
                "last_watched_at": _iso(_minute(last)),
            }
        day, lesson = op.key
        return {
            "user_id": me,
            "day": (BASE + dt.timedelta(days=day)).date().isoformat(),
            "lesson_id": self.lessons[lesson].hex,
            "seconds": op.values[0],
        }

    def apply(self, batches: list[list[tuple[int, Op, str]]]) -> None:
        payloads: dict[str, dict[str, Any]] = {}
        for batch in batches:
            device = batch[0][1].device
            by_kind: dict[str, list[dict[str, Any]]] = {}
            for seq, op, op_id in batch:
                assert op.device == device
                body = payloads.setdefault(op_id, self.payload(op))
                mine = str(uuid.uuid5(self.namespace, op_id))
                by_kind.setdefault(op.kind, []).append({"op_id": mine, "seq": seq, "p": body})
            with self.conn.transaction():
                rejected = self.conn.execute(
                    "SELECT * FROM public.elearn_apply_ops(%s, now(), %s::jsonb)",
                    (DEVICES[device], json.dumps(by_kind)),
                ).fetchall()
            assert rejected == []

    def state(self) -> dict[str, Any]:
        with self.world.su() as su:
            progress = {
                self.entities.index(row[0]): row[1:]
                for row in su.execute(
                    "SELECT entity_id, status, progress_percentage, completed_at "
                    "FROM user_progress WHERE entity_id = ANY(%s)",
                    (self.entities,),
                )
            }
            playback = {
                self.lessons.index(row[0]): (
                    tuple(tuple(float(x) for x in r) for r in row[1]),
                    row[2],
                    row[3],
                    row[4],
                )
                for row in su.execute(
                    "SELECT lesson_id, watched_ranges, resume_position_s, resume_event_at, "
                    "last_watched_at FROM lesson_playback WHERE lesson_id = ANY(%s)",
                    (self.lessons,),
                )
            }
            study = {
                ((row[0] - BASE.date()).days, self.lessons.index(row[1])): row[2]
                for row in su.execute(
                    "SELECT day, lesson_id, seconds FROM study_time WHERE lesson_id = ANY(%s)",
                    (self.lessons,),
                )
            }
        return {"progress": progress, "playback": playback, "study": study}


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def expected(ops: list[Op]) -> dict[str, Any]:
    """The model: the domain's merge, folded over every op (order does not matter)."""
    progress: dict[int, ProgressState] = {}
    playback: dict[int, tuple[ProgressState, dt.datetime | None]] = {}
    study: dict[tuple[int, int, int], float] = {}
    for op in ops:
        if op.kind == "progress":
            status, pct, completed = op.values
            state = ProgressState(status=status, percentage=pct, completed_at=_minute(completed))
            progress[op.key[0]] = merge(progress.get(op.key[0], ProgressState()), state)
        elif op.kind == "playback":
            ranges, pos, at, last = op.values
            state = ProgressState(
                watched=ranges, resume_position_s=pos, resume_event_at=_minute(at)
            )
            before, before_last = playback.get(op.key[0], (ProgressState(), None))
            lasts = [t for t in (before_last, _minute(last)) if t is not None]
            playback[op.key[0]] = (merge(before, state), max(lasts) if lasts else None)
        else:
            key = (op.device, *op.key)
            study[key] = max(study.get(key, 0.0), op.values[0])
    totals: dict[tuple[int, int], float] = {}
    for (_device, day, lesson), secs in study.items():
        totals[(day, lesson)] = totals.get((day, lesson), 0.0) + secs
    return {
        "progress": {k: (s.status, s.percentage, s.completed_at) for k, s in progress.items()},
        "playback": {
            k: (s.watched, s.resume_position_s, s.resume_event_at, last)
            for k, (s, last) in playback.items()
        },
        # The server counts whole milliseconds, exactly (see elearn_apply_ops).
        "study": {k: round(v, 3) for k, v in totals.items() if v > 0},
    }


@pytest.fixture(scope="module")
def hworld(
    pg_cluster: PostgresCluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SyncWorld]:
    with make_world(pg_cluster, tmp_path_factory.mktemp("convergence")) as world:
        yield world


@pytest.fixture(scope="module")
def learner_conn(hworld: SyncWorld) -> Iterator[psycopg.Connection[Any]]:
    person = hworld.learner
    conn = psycopg.connect(
        host=hworld.cluster.host,
        port=hworld.cluster.port,
        user=person.db_role,
        password=person.password,
        dbname=hworld.dbname,
        autocommit=True,
    )
    for device in DEVICES:
        conn.execute(
            "INSERT INTO sync_devices (device_id, user_id) "
            "VALUES (%s, public.elearn_current_user_id())",
            (device,),
        )
    try:
        yield conn
    finally:
        conn.close()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ops=any_ops, data=st.data())
def test_any_order_any_batches_any_repeats_converge(
    hworld: SyncWorld, learner_conn: psycopg.Connection[Any], ops: list[Op], data: st.DataObject
) -> None:
    ids = [str(uuid.uuid4()) for _ in ops]
    numbered = [(seq, op, ids[seq]) for seq, op in enumerate(ops)]

    # In order, one batch per run of the same device.
    in_order: list[list[tuple[int, Op, str]]] = []
    for item in numbered:
        if in_order and in_order[-1][0][1].device == item[1].device:
            in_order[-1].append(item)
        else:
            in_order.append([item])

    # Shuffled, some ops delivered again, split at random points.
    repeats = data.draw(st.lists(st.sampled_from(numbered), max_size=len(numbered)))
    schedule = data.draw(st.permutations(numbered + repeats))
    cuts = data.draw(st.sets(st.integers(1, max(1, len(schedule) - 1)), max_size=6))
    shuffled: list[list[tuple[int, Op, str]]] = []
    for index, item in enumerate(schedule):
        if shuffled and shuffled[-1][0][1].device == item[1].device and index not in cuts:
            shuffled[-1].append(item)
        else:
            shuffled.append([item])

    first = Run(hworld, learner_conn)
    first.apply(in_order)
    second = Run(hworld, learner_conn)
    second.apply(shuffled)

    model = expected(ops)
    assert first.state() == model
    assert second.state() == model
