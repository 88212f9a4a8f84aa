"""The sync engine against a real PostgreSQL server, as the learner's own login (RLS):
push and pull, two devices, offline attempts graded by the server, rejected ops, the
schema handshake, one sync per device, clock skew, content changes of offline courses."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid

import pytest
from sqlalchemy import select, text

from elearn_desktop.data.models import AssessmentAttempt, LessonPlayback, UserProgress
from elearn_desktop.domain.errors import SchemaMismatchError
from elearn_desktop.domain.scoring import Answer
from elearn_desktop.services import assessment_runtime, progress
from elearn_desktop.sync.cache import make_course_available
from elearn_desktop.sync.cache_models import OutboxOp
from elearn_desktop.sync.connectivity import SyncScheduler, sync_on_exit
from elearn_desktop.sync.engine import SyncHooks
from elearn_desktop.sync.offline import offline_status, submit_attempt_offline
from tests.sync.conftest import Device, SyncWorld, at, server_rows

pytestmark = pytest.mark.postgres

VIDEO_S = 120.0


def _offline(world: SyncWorld, name: str, **kwargs: object) -> Device:
    device = world.device(name, **kwargs)  # type: ignore[arg-type]
    assert device.signed_in.backend is not None
    make_course_available(device.signed_in.backend.uow, device.cache, world.ids["course"])
    return device


def _watch(
    world: SyncWorld,
    device: Device,
    lesson: str,
    ranges: list[tuple[float, float]],
    minute: float,
    *,
    studied: float = 0.0,
) -> None:
    progress.record_playback(
        device.uow,
        user_id=world.learner.id,
        lesson_id=world.ids[lesson],
        ranges=ranges,
        resume_position_s=ranges[-1][1],
        event_at=at(minute),
        media_duration_s=VIDEO_S,
        studied_s=studied,
    )


def _server_progress(world: SyncWorld) -> dict[tuple[str, uuid.UUID], tuple[str, int, object]]:
    rows = server_rows(
        world,
        "SELECT entity_type, entity_id, status, progress_percentage, completed_at "
        "FROM user_progress WHERE user_id = %s",
        (world.learner.id,),
    )
    return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}


def _local_progress(
    world: SyncWorld, device: Device
) -> dict[tuple[str, uuid.UUID], tuple[str, int, object]]:
    with device.uow() as uow:
        rows = uow.session.scalars(select(UserProgress)).all()
        return {
            (r.entity_type, r.entity_id): (r.status, r.progress_percentage or 0, r.completed_at)
            for r in rows
        }


def _answer_quiz(world: SyncWorld, device: Device, *, right: bool, text_answer: str) -> uuid.UUID:
    sheet = assessment_runtime.start_attempt(
        device.uow,
        user_id=world.learner.id,
        assessment_id=world.ids["assessment"],
        device_id=device.cache.device_id,
    )
    option = world.ids["option_right" if right else "option_wrong"]
    assessment_runtime.save_answer(
        device.uow,
        user_id=world.learner.id,
        attempt_id=sheet.attempt_id,
        answer=Answer(world.ids["question_choice"], frozenset({option}), ""),
    )
    assessment_runtime.save_answer(
        device.uow,
        user_id=world.learner.id,
        attempt_id=sheet.attempt_id,
        answer=Answer(world.ids["question_text"], frozenset(), text_answer),
    )
    submit_attempt_offline(
        device.uow, user_id=world.learner.id, attempt_id=sheet.attempt_id, elapsed_s=42.0
    )
    return sheet.attempt_id


def test_push_then_pull_round_trip(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    _watch(world, laptop, "lesson_1", [(0.0, 60.0)], 1, studied=60.0)
    pending = laptop.cache.pending_count()
    assert pending == 5

    report = laptop.engine.sync_once()
    assert report.ok, report.errors
    assert (report.pushed, report.rejected, report.pending) == (pending, 0, 0)
    assert laptop.cache.pending_count() == 0
    server = _server_progress(world)
    assert server[("lesson", world.ids["lesson_1"])][:2] == ("in_progress", 50)
    playback = server_rows(
        world,
        "SELECT watched_ranges, resume_position_s, sync_seq, updated_at FROM lesson_playback",
    )
    assert playback[0][0] == [[0, 60]]
    assert playback[0][1] == 60.0
    assert playback[0][2] is not None
    study = server_rows(world, "SELECT seconds FROM study_time")
    assert study == [(60.0,)]
    devices = server_rows(world, "SELECT device_id, name, last_push_at FROM sync_devices")
    assert devices[0][:2] == (laptop.cache.device_id, "laptop")
    assert devices[0][2] is not None
    assert server_rows(world, "SELECT count(*), min(status) FROM processed_ops") == [
        (pending, "applied")
    ]

    again = laptop.engine.sync_once()
    assert (again.pushed, again.rejected, again.pending, again.errors) == (0, 0, 0, ())
    assert offline_status(laptop.cache).last_sync_at is not None


def test_two_devices_offline_on_the_same_lesson_and_assessment(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    phone = _offline(world, "phone")
    # Offline on both: the laptop watches the start, the phone the end and completes it.
    _watch(world, laptop, "lesson_1", [(0.0, 50.0)], 10, studied=50.0)
    _watch(world, phone, "lesson_1", [(50.0, 120.0)], 20, studied=70.0)
    _watch(world, phone, "lesson_1", [(0.0, 50.0)], 30, studied=50.0)  # phone completes
    _watch(world, laptop, "lesson_1", [(40.0, 120.0)], 40, studied=80.0)  # laptop later
    laptop_attempt = _answer_quiz(world, laptop, right=True, text_answer="paris")
    phone_attempt = _answer_quiz(world, phone, right=False, text_answer="Rome")

    for device in (phone, laptop, phone):  # phone first, then laptop, then phone pulls
        report = device.engine.sync_once()
        assert report.ok, report.errors

    lesson = _server_progress(world)[("lesson", world.ids["lesson_1"])]
    assert lesson[0] == "completed"
    assert lesson[1] == 100
    assert lesson[2] == at(30)  # the earliest completion (the phone's), not the laptop's
    watched = server_rows(world, "SELECT watched_ranges, resume_position_s FROM lesson_playback")
    assert watched == [([[0, 120]], 120.0)]  # union; resume from the latest event (laptop)
    assert server_rows(world, "SELECT sum(seconds) FROM study_time") == [(250.0,)]

    attempts = server_rows(
        world,
        "SELECT id, status, score, passed, device_id FROM assessment_attempts ORDER BY score",
    )
    assert [(a[0], a[1], a[2], a[3]) for a in attempts] == [
        (phone_attempt, "graded", 0, False),
        (laptop_attempt, "graded", 100, True),
    ]
    quiz = _server_progress(world)[("assessment", world.ids["assessment"])]
    assert quiz[:2] == ("completed", 100)

    # Both devices converge on the server's state after pulling (the laptop once more).
    assert laptop.engine.sync_once().ok
    server = _server_progress(world)
    for device in (laptop, phone):
        assert _local_progress(world, device) == server
        with device.uow() as uow:
            row = uow.session.get(LessonPlayback, (world.learner.id, world.ids["lesson_1"]))
            assert row is not None
            assert row.watched_ranges == [[0.0, 120.0]]
            graded = uow.session.scalars(
                select(AssessmentAttempt).where(AssessmentAttempt.status == "graded")
            ).all()
            assert {a.id for a in graded} == {laptop_attempt, phone_attempt}
        assert device.cache.pending_count() == 0
    review = assessment_runtime.review_attempt(
        laptop.signed_in.backend.uow,  # type: ignore[union-attr]
        user_id=world.learner.id,
        attempt_id=laptop_attempt,
    )
    assert review.score == 100


def test_sync_in_the_other_order_gives_the_same_server_state(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    phone = _offline(world, "phone")
    _watch(world, laptop, "lesson_2", [(0.0, 119.0)], 5)
    _watch(world, phone, "lesson_2", [(0.0, 110.0)], 3)
    for device in (laptop, phone):
        assert device.engine.sync_once().ok
    state = _server_progress(world)
    assert state[("lesson", world.ids["lesson_2"])] == ("completed", 100, at(3))


def test_local_grading_is_refused_on_the_cache(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    sheet = assessment_runtime.start_attempt(
        laptop.uow, user_id=world.learner.id, assessment_id=world.ids["assessment"]
    )
    with pytest.raises(Exception, match="graded by the server"):
        assessment_runtime.submit_attempt(
            laptop.uow, user_id=world.learner.id, attempt_id=sheet.attempt_id, elapsed_s=1.0
        )


def test_schema_mismatch_keeps_the_outbox(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    _watch(world, laptop, "lesson_1", [(0.0, 10.0)], 1)
    pending = laptop.cache.pending_count()
    with world.su() as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0005'")
    with pytest.raises(SchemaMismatchError, match="elearn db upgrade") as info:
        laptop.engine.sync_once()
    assert f"your {pending} unsynced changes are kept" in str(info.value)
    with world.su() as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaMismatchError, match="update the app"):
        laptop.engine.sync_once()
    assert laptop.cache.pending_count() == pending
    assert server_rows(world, "SELECT count(*) FROM processed_ops") == [(0,)]


def test_rejected_ops_go_to_the_dead_letter_list_and_do_not_block(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    _watch(world, laptop, "lesson_1", [(0.0, 10.0)], 1)
    device = laptop.cache.device_id
    with laptop.cache.engine.begin() as conn:
        for n, payload in enumerate(
            (
                {
                    "user_id": world.learner.id.hex,
                    "entity_type": "lesson",
                    "entity_id": uuid.uuid4().hex,
                    "status": "finished",
                },
                {
                    "user_id": uuid.uuid4().hex,
                    "entity_type": "lesson",
                    "entity_id": uuid.uuid4().hex,
                    "status": "completed",
                },
                {
                    "user_id": world.learner.id.hex,
                    "lesson_id": uuid.uuid4().hex,
                    "watched_ranges": [[0, 1]],
                },
            )
        ):
            kind = "playback" if "lesson_id" in payload else "progress"
            conn.execute(
                OutboxOp.__table__.insert().values(  # type: ignore[attr-defined]
                    op_id=str(uuid.uuid4()),
                    device_id=device,
                    kind=kind,
                    entity_key=f"bad:{n}",
                    payload=json.dumps(payload),
                    created_at=at(0),
                )
            )
        # One the server cannot even parse (not an op id): found by splitting the batch.
        conn.execute(
            OutboxOp.__table__.insert().values(  # type: ignore[attr-defined]
                op_id="not-a-uuid",
                device_id=device,
                kind="progress",
                entity_key="bad:parse",
                payload="{}",
                created_at=at(0),
            )
        )
        conn.execute(
            OutboxOp.__table__.insert().values(  # type: ignore[attr-defined]
                op_id=str(uuid.uuid4()),
                device_id=device,
                kind="teleport",
                entity_key="bad:kind",
                payload="{}",
                created_at=at(0),
            )
        )
    _watch(world, laptop, "lesson_2", [(0.0, 10.0)], 2)  # good ops after the bad ones
    report = laptop.engine.sync_once()
    assert report.ok, report.errors
    assert report.rejected == 5
    assert report.pending == 0
    reasons = sorted(d.reason for d in laptop.cache.dead_letters())
    assert any("unknown progress status 'finished'" in r for r in reasons)
    assert any("another account" in r for r in reasons)
    assert any("lesson no longer exists" in r for r in reasons)
    assert any("could not read this change" in r for r in reasons)
    assert any("kind 'teleport'" in r for r in reasons)
    server = _server_progress(world)
    assert ("lesson", world.ids["lesson_2"]) in server
    assert laptop.cache.dismiss_dead_letters() == 5


def test_one_sync_at_a_time_per_device(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    _watch(world, laptop, "lesson_1", [(0.0, 10.0)], 1)
    entered = threading.Event()
    release = threading.Event()
    results: list[object] = []

    def slow(batch: int, size: int) -> None:
        entered.set()
        release.wait(10)

    laptop.engine.hooks.after_batch_committed = slow
    worker = threading.Thread(target=lambda: results.append(laptop.engine.sync_once()))
    worker.start()
    assert entered.wait(10)
    # The same engine (another thread) and another engine on the same cache (another
    # process would do the same) both find the sync running.
    assert laptop.engine.sync_once().errors == ("a sync of this device is already running",)
    twin = world.device("twin")
    from elearn_desktop.sync.engine import SyncEngine

    same_device = SyncEngine(
        world.profile,
        laptop.cache,
        lambda: twin.signed_in.backend,  # type: ignore[arg-type,return-value]
    )
    try:
        busy = same_device.sync_once()
    finally:
        same_device.close()
    assert busy.errors == ("a sync of this device is already running",)
    release.set()
    worker.join(10)
    assert results
    assert results[0].ok


@pytest.mark.parametrize("skew", [dt.timedelta(days=365), -dt.timedelta(days=365)])
def test_client_clock_skew_does_not_affect_the_server(world: SyncWorld, skew: dt.timedelta) -> None:
    true_now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    skewed = world.device("skewed", clock=lambda: dt.datetime.now(dt.UTC) + skew)
    honest = world.device("honest")
    for device in (skewed, honest):
        assert device.signed_in.backend is not None
        make_course_available(device.signed_in.backend.uow, device.cache, world.ids["course"])
    # The skewed device's clock is a year off when it watches and completes the lesson.
    progress.record_playback(
        skewed.uow,
        user_id=world.learner.id,
        lesson_id=world.ids["lesson_1"],
        ranges=[(0.0, 120.0)],
        resume_position_s=100.0,
        event_at=true_now + skew,
        media_duration_s=VIDEO_S,
        studied_s=120.0,
    )
    # The honest device moves the resume position a minute later (real time).
    progress.record_playback(
        honest.uow,
        user_id=world.learner.id,
        lesson_id=world.ids["lesson_1"],
        ranges=[(0.0, 10.0)],
        resume_position_s=10.0,
        event_at=true_now + dt.timedelta(minutes=1),
        media_duration_s=VIDEO_S,
    )
    for device in (skewed, honest, skewed):
        assert device.engine.sync_once().ok

    server_now = server_rows(world, "SELECT now()")[0][0]
    completed_at = _server_progress(world)[("lesson", world.ids["lesson_1"])][2]
    assert isinstance(completed_at, dt.datetime)
    assert abs(completed_at - true_now) < dt.timedelta(minutes=1)
    resume, resume_at, updated = server_rows(
        world, "SELECT resume_position_s, resume_event_at, updated_at FROM lesson_playback"
    )[0]
    assert resume == 10.0  # the honest device's later event wins despite the skew
    assert abs(resume_at - (true_now + dt.timedelta(minutes=1))) < dt.timedelta(seconds=5)
    assert abs(updated - server_now) < dt.timedelta(minutes=1)  # the server's clock
    day = server_rows(world, "SELECT day FROM study_time")[0][0]
    assert day == true_now.date() or abs((day - true_now.date()).days) <= 1
    # Both devices hold what the server holds.
    with skewed.uow() as uow:
        row = uow.session.get(LessonPlayback, (world.learner.id, world.ids["lesson_1"]))
        assert row is not None
        assert row.resume_position_s == 10.0


def test_content_changes_of_offline_courses_are_pulled(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    assert laptop.engine.sync_once().ok
    with world.su() as conn:
        conn.execute("UPDATE lessons SET title = 'Renamed' WHERE id = %s", (world.ids["lesson_2"],))
        conn.execute(
            "UPDATE video_assets SET provider_id = 'media/new.mp4' WHERE id = %s",
            (world.ids["video_1"],),
        )
        conn.execute("DELETE FROM lessons WHERE id = %s", (world.ids["lesson_text"],))
    report = laptop.engine.sync_once()
    assert report.ok, report.errors
    assert report.refreshed_course_ids == (world.ids["course"],)
    assert report.changed_video_asset_ids == (world.ids["video_1"],)
    with laptop.uow() as uow:
        tree = uow.courses.get_tree(world.ids["course"])
        assert tree is not None
        titles = [lesson.title for module in tree.modules for lesson in module.lessons]
    assert "Renamed" in titles
    assert len(titles) == 3
    # Nothing changed since: nothing is copied again.
    quiet = laptop.engine.sync_once()
    assert quiet.refreshed_course_ids == ()
    assert quiet.changed_video_asset_ids == ()

    with world.su() as conn:
        conn.execute("DELETE FROM path_steps WHERE entity_id = %s", (world.ids["course"],))
        for table, column in (
            ("lessons", "module_id IN (SELECT id FROM modules WHERE course_id = %s)"),
            ("modules", "course_id = %s"),
            ("courses", "id = %s"),
        ):
            conn.execute(f"DELETE FROM {table} WHERE {column}", (world.ids["course"],))
    gone = laptop.engine.sync_once()
    assert gone.ok, gone.errors
    assert laptop.cache.offline_courses() == []


def test_pull_skips_nothing_committed_late(world: SyncWorld) -> None:
    """A change whose transaction started before a pull but commits after it is still
    pulled next time: the cursor is the snapshot's xmin, not the newest change seen."""
    laptop = _offline(world, "laptop")
    assert laptop.engine.sync_once().ok
    late = world.su()
    late.autocommit = False
    late.execute(
        "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status, "
        "progress_percentage) VALUES (%s, %s, 'course', %s, 'in_progress', 10)",
        (uuid.uuid4(), world.learner.id, world.ids["course"]),
    )
    early = world.su()
    early.execute(
        "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status, "
        "progress_percentage) VALUES (%s, %s, 'module', %s, 'in_progress', 20)",
        (uuid.uuid4(), world.learner.id, world.ids["module_1"]),
    )
    assert laptop.engine.sync_once().ok  # sees the early one only
    assert ("module", world.ids["module_1"]) in _local_progress(world, laptop)
    late.commit()
    assert laptop.engine.sync_once().ok
    assert _local_progress(world, laptop)[("course", world.ids["course"])][:2] == (
        "in_progress",
        10,
    )


def test_pulled_changes_create_no_outbox_ops(world: SyncWorld) -> None:
    laptop = _offline(world, "laptop")
    phone = _offline(world, "phone")
    _watch(world, phone, "lesson_1", [(0.0, 120.0)], 1)
    assert phone.engine.sync_once().ok
    report = laptop.engine.sync_once()
    assert report.ok
    assert report.pulled >= 4
    assert laptop.cache.pending_count() == 0
    with laptop.cache.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT value FROM sync_state WHERE key = 'outbox_paused'")).scalar()
            == "0"
        )


def test_sync_on_exit_is_bounded_by_its_budget(world: SyncWorld) -> None:
    from tests.sync.test_faults import fill

    def slow_link(_batch: int, _size: int) -> None:
        time.sleep(0.3)

    laptop = world.device(
        "laptop", batch_size=100, hooks=SyncHooks(after_batch_committed=slow_link)
    )
    total = fill(world, laptop, progress=600, days=5)
    scheduler = SyncScheduler(exit_budget_s=0.5)
    started = time.monotonic()
    report = sync_on_exit(laptop.engine, scheduler)
    assert report is not None
    assert time.monotonic() - started < 5
    assert report.errors == ("stopped before everything was sent (time is up)",)
    assert 0 < report.pushed < total
    assert report.pending == total - report.pushed
    assert scheduler.last_error is not None
    # Nothing pending: nothing to do on exit.
    laptop.engine.hooks.after_batch_committed = None
    assert laptop.engine.sync_once().ok
    assert sync_on_exit(laptop.engine, scheduler) is None
