"""The local cache: encrypted at rest, migrated, services run on it, outbox by construction,
offline copies of courses and paths (without correct answers)."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from elearn_desktop.data.models import AnswerOption, LessonPlayback, UserProgress
from elearn_desktop.services import progress
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.sync.cache import (
    CACHE_FILENAME,
    CacheLockedError,
    CacheOwnerError,
    CacheVersionError,
    LocalCache,
    make_course_available,
    make_path_available,
    open_cache,
    remove_offline_course,
)
from elearn_desktop.sync.cache_models import OutboxOp, cache_metadata
from tests.sync.conftest import SyncWorld, at

pytestmark = pytest.mark.postgres

OWNER = UserSummary(
    id=uuid.uuid4(),
    email="zebra.learner@example.test",
    first_name="Zebra",
    last_name="Learner",
    is_active=True,
    is_verified=True,
    roles=("learner",),
)


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.glob(CACHE_FILENAME + "*")))


def _outbox(cache: LocalCache) -> list[OutboxOp]:
    with cache.session() as session:
        return list(session.scalars(select(OutboxOp).order_by(OutboxOp.seq)))


def test_new_cache_is_migrated_with_no_drift_and_a_device_id(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "c", os.urandom(32))
    try:
        with cache.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"version_table": "cache_version", "compare_type": True}
            )
            assert context.get_current_revision() == "c0001"
            assert compare_metadata(context, cache_metadata) == []
            tables = set(
                conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
            )
        assert {"outbox", "dead_letter", "sync_state", "offline_courses", "cache_version"} <= tables
        assert "alembic_version" not in tables
        assert uuid.UUID(cache.device_id)
        assert cache.pending_count() == 0
    finally:
        cache.close()


def test_wrong_key_is_refused_and_the_file_is_kept(tmp_path: Path) -> None:
    key = os.urandom(32)
    cache = open_cache(tmp_path / "c", key)
    cache.set_owner(OWNER)
    device = cache.device_id
    cache.close()
    before = (tmp_path / "c" / CACHE_FILENAME).read_bytes()
    with pytest.raises(CacheLockedError, match="cannot be opened with this password"):
        open_cache(tmp_path / "c", os.urandom(32))
    assert (tmp_path / "c" / CACHE_FILENAME).read_bytes() == before
    again = open_cache(tmp_path / "c", key)
    try:
        assert again.device_id == device
        assert again.owner_id == OWNER.id
    finally:
        again.close()


def test_a_cache_from_a_newer_app_is_left_alone(tmp_path: Path) -> None:
    key = os.urandom(32)
    cache = open_cache(tmp_path / "c", key)
    with cache.engine.begin() as conn:
        conn.execute(text("UPDATE cache_version SET version_num = 'c9999'"))
    cache.close()
    with pytest.raises(CacheVersionError, match="newer version"):
        open_cache(tmp_path / "c", key)


def test_cache_belongs_to_one_person(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "c", os.urandom(32))
    try:
        cache.set_owner(OWNER)
        cache.set_owner(OWNER)  # refreshing the same person is fine
        other = UserSummary(uuid.uuid4(), "x@example.test", None, None, True, True, ())
        with pytest.raises(CacheOwnerError):
            cache.set_owner(other)
    finally:
        cache.close()


def test_offline_copy_and_progress_are_encrypted_at_rest(world: SyncWorld) -> None:
    device = world.device("laptop")
    copy = make_course_available(device.signed_in.backend.uow, device.cache, world.ids["course"])  # type: ignore[union-attr]
    assert world.ids["course"] in copy.course_ids
    progress.record_playback(
        device.uow,
        user_id=world.learner.id,
        lesson_id=world.ids["lesson_1"],
        ranges=[(0.0, 30.0)],
        resume_position_s=30.0,
        event_at=at(1),
        media_duration_s=120.0,
    )
    folder = device.cache.path.parent
    raw = _all_bytes(folder)
    assert b"Zebra" not in raw
    assert "Zebra".encode("utf-16-le") not in raw
    assert str(world.learner.id).encode() not in raw
    assert world.learner.id.hex.encode() not in raw
    plain = sqlite3.connect(device.cache.path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain.close()


def test_services_write_state_and_outbox_in_one_transaction(world: SyncWorld) -> None:
    device = world.device("laptop")
    backend = device.signed_in.backend
    assert backend is not None
    make_course_available(backend.uow, device.cache, world.ids["course"])
    assert device.cache.pending_count() == 0  # the copy itself is no local change

    update = progress.record_playback(
        device.uow,
        user_id=world.learner.id,
        lesson_id=world.ids["lesson_1"],
        ranges=[(0.0, 30.0)],
        resume_position_s=30.0,
        event_at=at(1),
        media_duration_s=120.0,
        studied_s=30.0,
    )
    assert update.lesson.percentage == 25
    ops = _outbox(device.cache)
    kinds = sorted(op.kind for op in ops)
    # lesson, module and course progress; playback; study time.
    assert kinds == ["playback", "progress", "progress", "progress", "study_time"]
    assert all(op.device_id == device.cache.device_id for op in ops)
    assert [op.seq for op in ops] == sorted(op.seq for op in ops)
    playback = json.loads(next(op.payload for op in ops if op.kind == "playback"))
    assert playback["watched_ranges"] == [[0.0, 30.0]]
    assert playback["resume_event_at"].endswith("+00:00")
    assert uuid.UUID(playback["lesson_id"]) == world.ids["lesson_1"]

    # A newer state of the same row supersedes the pending one (states only grow).
    progress.record_playback(
        device.uow,
        user_id=world.learner.id,
        lesson_id=world.ids["lesson_1"],
        ranges=[(30.0, 60.0)],
        resume_position_s=60.0,
        event_at=at(2),
        media_duration_s=120.0,
        studied_s=30.0,
    )
    ops_after = _outbox(device.cache)
    assert len(ops_after) == len(ops)
    assert min(op.seq for op in ops_after) > max(op.seq for op in ops)
    study = json.loads(next(op.payload for op in ops_after if op.kind == "study_time"))
    assert study["seconds"] == 60.0

    # The op is written in the same transaction as the state: both or neither.
    last_seq = max(op.seq for op in _outbox(device.cache))

    def crash_before_commit() -> None:
        with device.uow() as uow:
            row = uow.session.get(LessonPlayback, (world.learner.id, world.ids["lesson_1"]))
            assert row is not None
            row.resume_position_s = 5.0
            uow.flush()
            inside = uow.session.scalar(select(func.max(OutboxOp.seq)))
            assert inside is not None
            assert inside > last_seq  # queued inside the transaction...
            assert max(op.seq for op in _outbox(device.cache)) == last_seq  # ...only there
            raise RuntimeError("crash before commit")

    with pytest.raises(RuntimeError):
        crash_before_commit()
    assert max(op.seq for op in _outbox(device.cache)) == last_seq
    with device.uow() as uow:
        row = uow.session.get(LessonPlayback, (world.learner.id, world.ids["lesson_1"]))
        assert row is not None
        assert row.resume_position_s == 60.0


def test_a_periodic_tick_queues_only_playback_and_study_time(world: SyncWorld) -> None:
    device = world.device("laptop")
    backend = device.signed_in.backend
    assert backend is not None
    make_course_available(backend.uow, device.cache, world.ids["course"])

    def tick(end: float, minute: float) -> progress.ProgressUpdate:
        return progress.record_playback(
            device.uow,
            user_id=world.learner.id,
            lesson_id=world.ids["lesson_1"],
            ranges=[(0.0, end)],
            resume_position_s=end,
            event_at=at(minute),
            media_duration_s=120.0,
            studied_s=5.0,
            roll_up=False,
        )

    assert tick(30.0, 1).lesson.percentage == 25
    assert sorted(op.kind for op in _outbox(device.cache)) == ["playback", "study_time"]
    # Completing the lesson on a tick writes its row and the roll-ups at once.
    assert tick(110.0, 2).completed_now
    kinds = sorted(op.kind for op in _outbox(device.cache))
    assert kinds == ["playback", "progress", "progress", "progress", "study_time"]


def test_cache_units_of_work_on_several_threads(world: SyncWorld) -> None:
    # The cache keeps its connections in a pool; one may serve a unit of work on any
    # thread (the player saves on worker threads, the sync engine on its own).
    device = world.device("laptop")
    backend = device.signed_in.backend
    assert backend is not None
    make_course_available(backend.uow, device.cache, world.ids["course"])
    errors: list[BaseException] = []

    def save(start: float) -> None:
        try:
            for n in range(5):
                progress.record_playback(
                    device.uow,
                    user_id=world.learner.id,
                    lesson_id=world.ids["lesson_1"],
                    ranges=[(start + n, start + n + 1)],
                    resume_position_s=start + n + 1,
                    event_at=at(start + n),
                    media_duration_s=120.0,
                    roll_up=False,
                )
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(start,)) for start in (0.0, 50.0, 100.0)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    save(20.0)  # and on this thread, over the pooled connections the others used
    assert errors == []
    with device.uow() as uow:
        row = uow.session.get(LessonPlayback, (world.learner.id, world.ids["lesson_1"]))
        assert row is not None
        assert row.watched_ranges == [[0.0, 5.0], [20.0, 25.0], [50.0, 55.0], [100.0, 105.0]]


def test_text_lesson_and_enrolment_on_the_cache(world: SyncWorld) -> None:
    device = world.device("laptop")
    assert device.signed_in.backend is not None
    make_course_available(device.signed_in.backend.uow, device.cache, world.ids["course"])
    progress.enrol(device.uow, user_id=world.learner.id, course_id=world.ids["course"])
    progress.mark_lesson_complete(
        device.uow, user_id=world.learner.id, lesson_id=world.ids["lesson_text"], at=at(3)
    )
    summary = progress.course_progress(
        device.uow, user_id=world.learner.id, course_id=world.ids["course"]
    )
    assert summary.enrolled
    assert summary.percentage == 25
    keys = {op.entity_key for op in _outbox(device.cache)}
    assert f"progress:lesson:{world.ids['lesson_text'].hex}" in keys
    assert f"progress:course:{world.ids['course'].hex}" in keys


def test_course_copy_has_tree_path_assessment_but_no_correct_answers(world: SyncWorld) -> None:
    device = world.device("laptop")
    assert device.signed_in.backend is not None
    copy = make_course_available(device.signed_in.backend.uow, device.cache, world.ids["course"])
    assert copy.path_ids == (world.ids["path"],)
    assert copy.assessment_ids == (world.ids["assessment"],)
    assert set(copy.video_asset_ids) == {world.ids["video_1"], world.ids["video_2"]}
    assert set(copy.changed_video_asset_ids) == set(copy.video_asset_ids)
    with device.uow() as uow:
        tree = uow.courses.get_tree(world.ids["course"])
        assert tree is not None
        assert [len(m.lessons) for m in tree.modules] == [2, 2]
        correctness = set(uow.session.scalars(select(AnswerOption.is_correct)))
        assert correctness == {None}
        path = uow.paths.get(world.ids["path"])
        assert path is not None
        assert len(path.steps) == 2
    infos = device.cache.offline_courses()
    assert [i.course_id for i in infos] == [world.ids["course"]]
    assert infos[0].title == "Zebra Offline Course"
    assert infos[0].fully_synced

    # Copying again changes no video; an asset changed on the server is reported.
    again = make_course_available(device.signed_in.backend.uow, device.cache, world.ids["course"])
    assert again.changed_video_asset_ids == ()
    with world.su() as conn:
        conn.execute(
            "UPDATE video_assets SET provider_id = 'media/v2.mp4' WHERE id = %s",
            (world.ids["video_2"],),
        )
        conn.execute("DELETE FROM lessons WHERE id = %s", (world.ids["lesson_text"],))
    third = make_course_available(device.signed_in.backend.uow, device.cache, world.ids["course"])
    assert third.changed_video_asset_ids == (world.ids["video_2"],)
    with device.uow() as uow:
        tree = uow.courses.get_tree(world.ids["course"])
        assert tree is not None
        assert [len(m.lessons) for m in tree.modules] == [2, 1]


def test_path_copy_brings_its_courses_and_progress(world: SyncWorld) -> None:
    phone = world.device("phone")
    assert phone.signed_in.backend is not None
    # Progress made online before the path is made available offline comes with it.
    progress.mark_lesson_complete(
        phone.signed_in.backend.uow,
        user_id=world.learner.id,
        lesson_id=world.ids["lesson_text"],
        at=at(5),
    )
    copy = make_path_available(phone.signed_in.backend.uow, phone.cache, world.ids["path"])
    assert copy.course_ids == (world.ids["course"],)
    with phone.uow() as uow:
        row = uow.progress.get(world.learner.id, "lesson", world.ids["lesson_text"])
        assert row is not None
        assert row.status == "completed"
    assert phone.cache.pending_count() == 0

    remove_offline_course(phone.cache, world.ids["course"])
    assert phone.cache.offline_courses() == []
    with phone.uow() as uow:
        assert uow.courses.get(world.ids["course"]) is None
        # Progress rows stay (they are the learner's, and may still be unsynced).
        assert uow.session.scalar(select(UserProgress).limit(1)) is not None
