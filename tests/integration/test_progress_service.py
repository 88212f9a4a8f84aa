"""The progress service on real databases (SQLite and PostgreSQL), and as a learner's own
PostgreSQL login under row-level security.

The test course has round numbers so roll-ups can be checked by hand::

    Basics      A1 video 2 min   A2 text 1 min
    Advanced    B1 video 3 min   B2 text 4 min      (10 minutes in all)
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.engine import make_url

from elearn_desktop.config import RESOURCES_DIR
from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.models import (
    Course,
    Lesson,
    LessonPlayback,
    Module,
    StudyTime,
    VideoAsset,
)
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from elearn_desktop.domain.progress import COMPLETED, IN_PROGRESS, NOT_STARTED
from elearn_desktop.services import accounts, progress
from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.media import resolve_video_source
from elearn_desktop.services.profiles import ServerProfile
from tests.support.pgcluster import PostgresCluster

PASSWORD = "Watch-and-learn-42"
VIDEO_S = 60.0  # the media duration the player reports for the test videos
T0 = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests are about progress, not password hashing: genuine argon2id hashes with
    # the cheapest parameters keep account creation fast.
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(accounts, "hash_password", hasher.hash)


@dataclass(frozen=True)
class World:
    uow: UnitOfWorkFactory
    learner: uuid.UUID
    other: uuid.UUID
    course: uuid.UUID
    module_a: uuid.UUID
    module_b: uuid.UUID
    a1: uuid.UUID
    a2: uuid.UUID
    b1: uuid.UUID
    b2: uuid.UUID

    def play(
        self,
        lesson: uuid.UUID,
        ranges: list[tuple[float, float]],
        *,
        when: dt.datetime = T0,
        resume: float | None = None,
        studied: float = 0.0,
        user: uuid.UUID | None = None,
        uow: UnitOfWorkFactory | None = None,
        roll_up: bool = True,
    ) -> progress.ProgressUpdate:
        return progress.record_playback(
            uow or self.uow,
            user_id=user or self.learner,
            lesson_id=lesson,
            ranges=ranges,
            resume_position_s=resume if resume is not None else (ranges[-1][1] if ranges else 0),
            event_at=when,
            media_duration_s=VIDEO_S,
            studied_s=studied,
            roll_up=roll_up,
        )

    def row(
        self, entity_type: str, entity_id: uuid.UUID
    ) -> tuple[str, int | None, dt.datetime | None] | None:
        """The learner's stored (status, percentage, completed_at) for an entity."""
        with self.uow() as uow:
            row = uow.progress.get(self.learner, entity_type, entity_id)
            return None if row is None else (row.status, row.progress_percentage, row.completed_at)


def _build_course(uow_factory: UnitOfWorkFactory, author: uuid.UUID) -> dict[str, uuid.UUID]:
    ids = {name: uuid.uuid4() for name in ("course", "a", "b", "a1", "a2", "b1", "b2", "video")}
    with uow_factory() as uow:
        uow.videos.add(
            VideoAsset(
                id=ids["video"],
                title="Clip",
                provider="demo",
                provider_id="media/intro-to-python.mp4",
                status="ready",
                duration=1,
            )
        )
        uow.courses.add(
            Course(
                id=ids["course"],
                title="Roll-up Course",
                slug=f"roll-up-{ids['course'].hex[:8]}",
                author_id=author,
                status="published",
                duration=10,
                modules=[
                    Module(
                        id=ids["a"],
                        title="Basics",
                        order_index=0,
                        lessons=[
                            Lesson(
                                id=ids["a1"],
                                title="A1",
                                order_index=0,
                                duration=2,
                                video_asset_id=ids["video"],
                            ),
                            Lesson(id=ids["a2"], title="A2", order_index=1, duration=1),
                        ],
                    ),
                    Module(
                        id=ids["b"],
                        title="Advanced",
                        order_index=1,
                        lessons=[
                            Lesson(
                                id=ids["b1"],
                                title="B1",
                                order_index=0,
                                duration=3,
                                video_asset_id=ids["video"],
                            ),
                            Lesson(
                                id=ids["b2"],
                                title="B2",
                                description="Read this.",
                                order_index=1,
                                duration=4,
                            ),
                        ],
                    ),
                ],
            )
        )
        uow.commit()
    return ids


def _world(uow_factory: UnitOfWorkFactory) -> World:
    learner = accounts.create_user(uow_factory, email="lea@example.org", password=PASSWORD)
    other = accounts.create_user(uow_factory, email="otto@example.org", password=PASSWORD)
    author = accounts.create_user(
        uow_factory, email="ina@example.org", password=PASSWORD, roles=["instructor"]
    )
    ids = _build_course(uow_factory, author.id)
    return World(
        uow=uow_factory,
        learner=learner.id,
        other=other.id,
        course=ids["course"],
        module_a=ids["a"],
        module_b=ids["b"],
        a1=ids["a1"],
        a2=ids["a2"],
        b1=ids["b1"],
        b2=ids["b2"],
    )


@pytest.fixture
def world(uow_factory: UnitOfWorkFactory) -> World:
    return _world(uow_factory)


# --------------------------------------------------------------------------- enrol


def test_enrol_starts_the_course_once(world: World) -> None:
    first = progress.enrol(world.uow, user_id=world.learner, course_id=world.course)
    assert (first.status, first.percentage, first.changed) == (IN_PROGRESS, 0, True)
    again = progress.enrol(world.uow, user_id=world.learner, course_id=world.course)
    assert (again.status, again.percentage, again.changed) == (IN_PROGRESS, 0, False)
    with world.uow() as uow:
        rows = uow.progress.for_user(world.learner, entity_type="course")
        assert len(rows) == 1


def test_enrol_never_lowers_existing_progress(world: World) -> None:
    progress.mark_lesson_complete(world.uow, user_id=world.learner, lesson_id=world.b2, at=at(1))
    with world.uow() as uow:  # another client recorded more than the lessons say
        row = uow.progress.get(world.learner, "course", world.course)
        assert row is not None
        row.progress_percentage = 55
        uow.commit()
    after = progress.enrol(world.uow, user_id=world.learner, course_id=world.course)
    assert (after.status, after.percentage, after.changed) == (IN_PROGRESS, 55, False)


def test_enrol_in_a_missing_course_says_so(world: World) -> None:
    with pytest.raises(NotFoundError, match="course no longer exists"):
        progress.enrol(world.uow, user_id=world.learner, course_id=uuid.uuid4())


# --------------------------------------------------------------------------- playback


def test_saves_merge_and_never_decrease(world: World) -> None:
    first = world.play(world.a1, [(0, 30)], when=at(10), resume=30)
    assert (first.lesson.status, first.lesson.percentage) == (IN_PROGRESS, 50)
    assert first.watched == ((0.0, 30.0),)

    # A late, smaller save (another device, or a retry) adds nothing and lowers nothing.
    late = world.play(world.a1, [(10, 20)], when=at(5), resume=12)
    assert (late.lesson.percentage, late.lesson.changed) == (50, False)
    assert late.watched == ((0.0, 30.0),)
    assert late.resume_position_s == 30  # the later event's position stays

    # A newer event moves the resume position back (the person rewound) ...
    rewound = world.play(world.a1, [(40, 50)], when=at(20), resume=15)
    assert rewound.resume_position_s == 15
    # ... and the watched ranges are the union: 40 of 60 seconds.
    assert rewound.watched == ((0.0, 30.0), (40.0, 50.0))
    assert rewound.lesson.percentage == 66

    context = progress.lesson_context(world.uow, user_id=world.learner, lesson_id=world.a1)
    assert context.watched == ((0.0, 30.0), (40.0, 50.0))
    assert context.resume_position_s == 15
    assert (context.status, context.percentage) == (IN_PROGRESS, 66)
    with world.uow() as uow:
        playback = uow.session.get(LessonPlayback, (world.learner, world.a1))
        assert playback is not None
        assert playback.watched_ranges == [[0.0, 30.0], [40.0, 50.0]]
        assert playback.resume_event_at == at(20)
        assert playback.last_watched_at == at(20)


def test_a_lesson_completes_at_ninety_percent_watched(world: World) -> None:
    almost = world.play(world.a1, [(0, 53)], when=at(1))  # 88 %
    assert (almost.lesson.status, almost.lesson.percentage) == (IN_PROGRESS, 88)
    assert not almost.completed_now

    done = world.play(world.a1, [(53, 54)], when=at(2))  # 54 of 60 s: exactly 90 %
    assert (done.lesson.status, done.lesson.percentage) == (COMPLETED, 100)
    assert done.lesson.completed_at == at(2)
    assert done.completed_now

    # completed_at is set once: later saves keep the first completion time.
    later = world.play(world.a1, [(54, 60)], when=at(3))
    assert later.lesson.completed_at == at(2)
    assert not later.completed_now
    assert not later.lesson.changed
    assert world.row("lesson", world.a1) == (COMPLETED, 100, at(2))


def test_skipping_ahead_is_not_watching(world: World) -> None:
    # The player only reports what was watched; jumping to the end and playing the last
    # ten percent leaves the lesson incomplete.
    update = world.play(world.a1, [(54, 60)], when=at(1), resume=60)
    assert (update.lesson.status, update.lesson.percentage) == (IN_PROGRESS, 10)


def test_roll_ups_are_duration_weighted_over_all_lessons(world: World) -> None:
    half = world.play(world.a1, [(0, 30)], when=at(1))  # A1 (2 min) at 50 %
    assert half.module is not None
    assert half.course is not None
    assert (half.module.entity_id, half.module.percentage) == (world.module_a, 33)  # 100/3
    assert (half.course.entity_id, half.course.percentage) == (world.course, 10)  # 100/10
    assert half.module.status == half.course.status == IN_PROGRESS

    text = progress.mark_lesson_complete(
        world.uow, user_id=world.learner, lesson_id=world.a2, at=at(2)
    )
    assert text.module is not None
    assert text.course is not None
    assert (text.module.percentage, text.course.percentage) == (66, 20)  # 200/3, 200/10

    video = world.play(world.a1, [(30, 60)], when=at(3))
    assert video.module is not None
    assert video.course is not None
    assert (video.module.status, video.module.percentage) == (COMPLETED, 100)
    assert video.module.completed_at == at(3)
    assert video.course.percentage == 30  # A1 + A2 = 3 of 10 minutes
    assert {(c.entity_type, c.percentage) for c in video.changed} == {
        ("lesson", 100),
        ("module", 100),
        ("course", 30),
    }

    last = progress.mark_lesson_complete(
        world.uow, user_id=world.learner, lesson_id=world.b2, at=at(4)
    )
    assert last.module is not None
    assert last.course is not None
    assert (last.module.entity_id, last.module.percentage) == (world.module_b, 57)  # 400/7
    assert last.course.percentage == 70
    assert [c.entity_type for c in last.changed] == ["lesson", "module", "course"]

    final = world.play(world.b1, [(0, 60)], when=at(5))
    assert final.course is not None
    assert (final.course.status, final.course.percentage) == (COMPLETED, 100)
    assert final.course.completed_at == at(5)

    summary = progress.course_progress(world.uow, user_id=world.learner, course_id=world.course)
    assert (summary.status, summary.percentage, summary.next_lesson_id) == (COMPLETED, 100, None)


def test_saving_again_changes_nothing(world: World) -> None:
    world.play(world.a1, [(0, 30)], when=at(1))
    again = world.play(world.a1, [(0, 30)], when=at(1))
    assert again.changed == ()


def test_a_periodic_tick_stores_playback_and_defers_the_roll_ups(world: World) -> None:
    tick = world.play(world.a1, [(0, 30)], when=at(1), studied=5, roll_up=False)
    # What the player shows comes from the merged ranges ...
    assert (tick.lesson.status, tick.lesson.percentage, tick.lesson.changed) == (
        IN_PROGRESS,
        50,
        False,
    )
    assert (tick.module, tick.course, tick.completed_now) == (None, None, False)
    assert tick.watched == ((0.0, 30.0),)
    # ... the playback and study time rows are stored; lesson, module and course wait.
    with world.uow() as uow:
        playback = uow.session.get(LessonPlayback, (world.learner, world.a1))
        assert playback is not None
        assert playback.watched_ranges == [[0.0, 30.0]]
        studied = uow.session.get(StudyTime, (world.learner, T0.date(), world.a1))
        assert studied is not None
        assert studied.seconds == 5.0
    assert world.row("lesson", world.a1) is None
    assert world.row("module", world.module_a) is None
    assert world.row("course", world.course) is None

    # The next full save (pause, leave) recomputes everything from the playback row,
    # even when it brings no new ranges itself.
    paused = world.play(world.a1, [], when=at(2), resume=30)
    assert paused.lesson.percentage == 50
    assert world.row("lesson", world.a1) == (IN_PROGRESS, 50, None)
    assert world.row("module", world.module_a) == (IN_PROGRESS, 33, None)
    assert world.row("course", world.course) == (IN_PROGRESS, 10, None)


def test_a_tick_that_completes_the_lesson_rolls_up_at_once(world: World) -> None:
    world.play(world.a1, [(0, 30)], when=at(1), roll_up=False)
    done = world.play(world.a1, [(30, 54)], when=at(2), roll_up=False)  # 90 %
    assert done.completed_now
    assert (done.lesson.status, done.lesson.percentage) == (COMPLETED, 100)
    assert done.module is not None
    assert done.course is not None
    assert (done.module.percentage, done.course.percentage) == (66, 20)  # 2 of 3, 2 of 10
    assert world.row("lesson", world.a1) == (COMPLETED, 100, at(2))
    assert world.row("module", world.module_a) == (IN_PROGRESS, 66, None)
    assert world.row("course", world.course) == (IN_PROGRESS, 20, None)

    # Ticks while rewatching a completed lesson change no roll-up and keep the row.
    again = world.play(world.a1, [(54, 60)], when=at(3), roll_up=False)
    assert (again.lesson.status, again.completed_now, again.module) == (COMPLETED, False, None)
    assert world.row("lesson", world.a1) == (COMPLETED, 100, at(2))


def test_study_time_accumulates_per_day_and_lesson(world: World) -> None:
    world.play(world.a1, [(0, 5)], when=at(1), studied=5)
    world.play(world.a1, [(5, 12.5)], when=at(60), studied=7.5)
    world.play(world.b1, [(0, 3)], when=at(90), studied=3)
    next_day = T0 + dt.timedelta(days=1)
    world.play(world.a1, [(12.5, 20)], when=next_day, studied=7.5)
    world.play(world.a1, [(20, 21)], when=next_day, studied=0)  # nothing studied: no change
    with world.uow() as uow:
        rows = uow.session.scalars(
            select(StudyTime).where(StudyTime.user_id == world.learner)
        ).all()
        totals = {(row.day, row.lesson_id): row.seconds for row in rows}
    assert totals == {
        (T0.date(), world.a1): 12.5,
        (T0.date(), world.b1): 3.0,
        (next_day.date(), world.a1): 7.5,
    }


def test_inputs_are_checked_in_plain_words(world: World) -> None:
    with pytest.raises(ValidationError, match="finite"):
        world.play(world.a1, [(0, float("nan"))])
    with pytest.raises(ValidationError, match="time zone"):
        world.play(world.a1, [(0, 1)], when=dt.datetime(2026, 1, 1))
    with pytest.raises(ValidationError, match="more than 0 seconds"):
        progress.record_playback(
            world.uow,
            user_id=world.learner,
            lesson_id=world.a1,
            ranges=[],
            resume_position_s=0,
            event_at=T0,
            media_duration_s=0,
        )
    with pytest.raises(ValidationError, match="0 or more"):
        world.play(world.a1, [(0, 1)], studied=-1)
    with pytest.raises(NotFoundError, match="lesson no longer exists"):
        world.play(uuid.uuid4(), [(0, 1)])
    assert world.row("lesson", world.a1) is None  # nothing was written


# --------------------------------------------------------------------------- text lessons


def test_text_lessons_complete_by_marking_video_lessons_by_watching(world: World) -> None:
    done = progress.mark_lesson_complete(
        world.uow, user_id=world.learner, lesson_id=world.b2, at=at(7)
    )
    assert (done.lesson.status, done.lesson.percentage, done.lesson.completed_at) == (
        COMPLETED,
        100,
        at(7),
    )
    assert done.completed_now
    again = progress.mark_lesson_complete(world.uow, user_id=world.learner, lesson_id=world.b2)
    assert not again.completed_now
    assert again.lesson.completed_at == at(7)
    assert again.changed == ()

    with pytest.raises(ValidationError, match="watched 90 %"):
        progress.mark_lesson_complete(world.uow, user_id=world.learner, lesson_id=world.a1)
    with pytest.raises(ValidationError, match="no video"):
        world.play(world.b2, [(0, 10)])
    assert world.row("lesson", world.a1) is None


# --------------------------------------------------------------------------- reading


def test_lesson_context_knows_the_course_order_and_the_video(world: World) -> None:
    first = progress.lesson_context(world.uow, user_id=world.learner, lesson_id=world.a1)
    assert (first.course_id, first.course_title) == (world.course, "Roll-up Course")
    assert (first.module_id, first.module_title) == (world.module_a, "Basics")
    assert (first.previous_lesson_id, first.next_lesson_id) == (None, world.a2)
    assert (first.lesson_number, first.lesson_count) == (1, 4)
    assert first.has_video
    assert first.video is not None
    assert first.video.kind == "file"
    assert first.video.exists
    assert first.video.location == str(RESOURCES_DIR / "media" / "intro-to-python.mp4")
    assert (first.status, first.percentage, first.resume_position_s) == (NOT_STARTED, 0, None)

    # Order crosses module boundaries.
    a2 = progress.lesson_context(world.uow, user_id=world.learner, lesson_id=world.a2)
    assert (a2.previous_lesson_id, a2.next_lesson_id, a2.next_lesson_title) == (
        world.a1,
        world.b1,
        "B1",
    )
    last = progress.lesson_context(world.uow, user_id=world.learner, lesson_id=world.b2)
    assert (last.has_video, last.video, last.video_problem) == (False, None, None)
    assert (last.next_lesson_id, last.description, last.lesson_number) == (None, "Read this.", 4)


def test_lesson_context_reads_only_this_persons_place_and_progress(world: World) -> None:
    world.play(world.a1, [(0, 60)], user=world.other, resume=42)
    mine = progress.lesson_context(world.uow, user_id=world.learner, lesson_id=world.a1)
    assert (mine.watched, mine.resume_position_s) == ((), None)
    assert (mine.status, mine.percentage, mine.completed_at) == (NOT_STARTED, 0, None)
    theirs = progress.lesson_context(world.uow, user_id=world.other, lesson_id=world.a1)
    assert (theirs.watched, theirs.resume_position_s) == (((0.0, 60.0),), 42)
    assert (theirs.status, theirs.percentage) == (COMPLETED, 100)
    assert theirs.completed_at is not None
    with pytest.raises(NotFoundError, match="lesson no longer exists"):
        progress.lesson_context(world.uow, user_id=world.learner, lesson_id=uuid.uuid4())


def test_lesson_context_of_a_lesson_outside_any_course(world: World) -> None:
    with world.uow() as uow:
        lesson = uow.session.get(Lesson, world.b2)
        assert lesson is not None
        lesson.module_id = None
        uow.commit()
    alone = progress.lesson_context(world.uow, user_id=world.learner, lesson_id=world.b2)
    assert (alone.module_id, alone.course_id, alone.course_title) == (None, None, None)
    assert (alone.lesson_number, alone.lesson_count) == (1, 1)
    assert (alone.previous_lesson_id, alone.next_lesson_id) == (None, None)


def test_lesson_context_explains_a_video_that_cannot_play(world: World) -> None:
    with world.uow() as uow:
        asset = VideoAsset(id=uuid.uuid4(), title="x", provider="vimeo", provider_id="123")
        uow.videos.add(asset)
        lesson = uow.session.get(Lesson, world.b1)
        assert lesson is not None
        lesson.video_asset_id = asset.id
        uow.commit()
    context = progress.lesson_context(world.uow, user_id=world.learner, lesson_id=world.b1)
    assert context.has_video
    assert context.video is None
    assert context.video_problem is not None
    assert "'vimeo', which this app cannot play" in context.video_problem


def test_course_progress_names_the_next_lesson(world: World) -> None:
    fresh = progress.course_progress(world.uow, user_id=world.learner, course_id=world.course)
    assert (fresh.enrolled, fresh.status, fresh.percentage) == (False, NOT_STARTED, 0)
    assert fresh.next_lesson_id == world.a1
    assert [m.title for m in fresh.modules] == ["Basics", "Advanced"]
    assert [lesson.title for lesson in fresh.lessons] == ["A1", "A2", "B1", "B2"]

    world.play(world.a1, [(0, 60)], when=at(1))
    progress.mark_lesson_complete(world.uow, user_id=world.learner, lesson_id=world.b2)
    world.play(world.b1, [(0, 6)], when=at(2))
    summary = progress.course_progress(world.uow, user_id=world.learner, course_id=world.course)
    assert summary.enrolled
    assert summary.next_lesson_id == world.a2  # the first one not completed, in order
    assert [(m.status, m.percentage) for m in summary.modules] == [
        (IN_PROGRESS, 66),
        (IN_PROGRESS, 61),  # (3 min · 10 % + 4 min · 100 %) / 7 min
    ]
    assert [(lesson.status, lesson.percentage) for lesson in summary.lessons] == [
        (COMPLETED, 100),
        (NOT_STARTED, 0),
        (IN_PROGRESS, 10),
        (COMPLETED, 100),
    ]
    assert (summary.status, summary.percentage) == (IN_PROGRESS, 63)  # (200 + 30 + 400) / 10


def test_recently_watched_is_latest_first(world: World) -> None:
    assert progress.recently_watched(world.uow, user_id=world.learner) == []
    world.play(world.a1, [(0, 10)], when=at(1))
    world.play(world.b1, [(0, 10)], when=at(2))
    world.play(world.a1, [(0, 10)], when=at(3))
    world.play(world.b1, [(0, 20)], when=at(1), user=world.other)  # someone else's
    recent = progress.recently_watched(world.uow, user_id=world.learner)
    assert [(r.lesson_id, r.last_watched_at) for r in recent] == [
        (world.a1, at(3)),
        (world.b1, at(2)),
    ]
    assert recent[0].course_title == "Roll-up Course"
    assert recent[0].module_title == "Basics"
    assert (recent[0].resume_position_s, recent[0].percentage) == (10, 16)
    only = progress.recently_watched(world.uow, user_id=world.learner, limit=1)
    assert [r.lesson_id for r in only] == [world.a1]


def test_concurrent_saves_of_one_person_both_land(world: World) -> None:
    # Two saves racing to create the same course row: the loser retries and merges.
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def save(lesson: uuid.UUID) -> None:
        try:
            barrier.wait(5)
            world.play(lesson, [(0, 60)], when=at(1))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(lesson,)) for lesson in (world.a1, world.b1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    summary = progress.course_progress(world.uow, user_id=world.learner, course_id=world.course)
    assert summary.percentage == 50  # (2 + 3) of 10 minutes
    with world.uow() as uow:
        assert len(uow.progress.for_user(world.learner, entity_type="course")) == 1


# ------------------------------------------------------------ the learner's own login


@pytest.fixture
def pg_world(pg_url: str, pg_cluster: PostgresCluster) -> Iterator[tuple[World, ServerProfile]]:
    engine = create_server_engine(pg_url)
    try:
        migrations.upgrade(engine)
        world = _world(uow_factory_for(engine))
        database = make_url(pg_url).database
        assert database is not None
        yield (
            world,
            ServerProfile(
                name="t",
                kind="postgresql",
                host=pg_cluster.host,
                port=pg_cluster.port,
                database=database,
                sslmode="disable",
            ),
        )
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_learner_records_own_progress_under_row_level_security(
    pg_world: tuple[World, ServerProfile],
) -> None:
    world, profile = pg_world
    session = sign_in(profile, "lea@example.org", PASSWORD)
    try:
        assert session.backend is not None
        assert session.user.db_role is not None
        mine = session.backend.uow
        assert session.user.id == world.learner

        enrolled = progress.enrol(mine, user_id=world.learner, course_id=world.course)
        assert enrolled.status == IN_PROGRESS
        update = world.play(world.a1, [(0, 60)], when=at(1), studied=30, uow=mine)
        assert update.completed_now
        assert update.course is not None
        assert update.course.percentage == 20
        text = progress.mark_lesson_complete(mine, user_id=world.learner, lesson_id=world.a2)
        assert text.module is not None
        assert text.module.status == COMPLETED
        context = progress.lesson_context(mine, user_id=world.learner, lesson_id=world.a1)
        assert context.status == COMPLETED
        summary = progress.course_progress(mine, user_id=world.learner, course_id=world.course)
        assert (summary.percentage, summary.next_lesson_id) == (30, world.b1)
        assert [r.lesson_id for r in progress.recently_watched(mine, user_id=world.learner)] == [
            world.a1
        ]

        # Row-level security: nobody records progress in someone else's name.
        with pytest.raises(PermissionDeniedError, match="only record your own progress"):
            world.play(world.b1, [(0, 10)], user=world.other, uow=mine)
        with pytest.raises(PermissionDeniedError):
            progress.enrol(mine, user_id=world.other, course_id=world.course)
    finally:
        session.close()

    # What the learner wrote is there, under their id, as the schema owner sees it.
    with world.uow() as uow:
        rows = {
            (row.entity_type, row.entity_id): (row.status, row.progress_percentage)
            for row in uow.progress.for_user(world.learner)
        }
        study = uow.session.get(StudyTime, (world.learner, T0.date(), world.a1))
        assert study is not None
        assert study.seconds == 30
        assert uow.progress.for_user(world.other) == []
    assert rows == {
        ("lesson", world.a1): (COMPLETED, 100),
        ("lesson", world.a2): (COMPLETED, 100),
        ("module", world.module_a): (COMPLETED, 100),
        ("course", world.course): (IN_PROGRESS, 30),
    }


# --------------------------------------------------------------------------- video sources


@dataclass(frozen=True)
class Asset:
    provider: str
    provider_id: str


def test_video_sources_of_each_provider(tmp_path: Path) -> None:
    demo = resolve_video_source(Asset("demo", "media/sql-basics.mp4"))
    assert (demo.kind, demo.exists) == ("file", True)
    assert demo.location == str(RESOURCES_DIR / "media" / "sql-basics.mp4")

    clip = tmp_path / "library" / "course" / "clip.mp4"
    clip.parent.mkdir(parents=True)
    clip.write_bytes(b"not checked here")
    absolute = resolve_video_source(Asset("file", str(clip)))
    assert (absolute.kind, absolute.location, absolute.exists) == ("file", str(clip), True)
    relative = resolve_video_source(
        Asset("library", "course/clip.mp4"), media_dir=tmp_path / "library"
    )
    assert (relative.location, relative.exists) == (str(clip), True)
    missing = resolve_video_source(Asset("file", str(tmp_path / "gone.mp4")))
    assert (missing.kind, missing.exists) == ("file", False)

    web = resolve_video_source(Asset("url", "https://cdn.example.org/v/1.mp4"))
    assert (web.kind, web.location, web.exists) == ("url", "https://cdn.example.org/v/1.mp4", True)


@pytest.mark.parametrize(
    ("asset", "message"),
    [
        (Asset("vimeo", "123"), "'vimeo', which this app cannot play"),
        (Asset("file", "  "), "has no file or address"),
        (Asset("file", "clips/a.mp4"), "no media library folder is set"),
        (Asset("url", "ftp://example.org/a.mp4"), "not a web address the player can open"),
        (Asset("url", "javascript:alert(1)"), "not a web address the player can open"),
        (Asset("demo", "../../etc/passwd"), "not inside the app's resources folder"),
        (Asset("demo", "/etc/passwd"), "not inside the app's resources folder"),
    ],
)
def test_video_sources_that_can_never_play_are_refused_in_words(asset: Asset, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        resolve_video_source(asset)


def test_a_library_path_may_not_leave_the_library(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="outside the media library folder"):
        resolve_video_source(Asset("library", "../secret.mp4"), media_dir=tmp_path)
