"""A learner's overview on SQLite and PostgreSQL: plan gating, paths, my learning, stats.

Uses the demo: learner@demo.test (Pro plan, Introduction to Python in progress at 40 %),
grace@demo.test (Free plan: only Introduction to Python; a cancelled Pro plan), the path
"Become a Data Analyst" = Introduction to Python → SQL Basics → SQL Basics Check.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy.engine import make_url

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.models import (
    AssessmentAttempt,
    Lesson,
    Module,
    PathStep,
    Subscription,
    UserProgress,
)
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import NotFoundError, PermissionDeniedError
from elearn_desktop.domain.progress import COMPLETED, IN_PROGRESS, NOT_STARTED
from elearn_desktop.services import accounts, demo, progress
from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.demo import demo_id, load_demo
from elearn_desktop.services.learning_overview import (
    LEARNING_PATH,
    course_overview,
    my_learning,
    path_view,
    plan_access,
    progress_stats,
    refresh_enrolled_paths,
    refresh_path_progress,
)
from elearn_desktop.services.profiles import ServerProfile
from elearn_desktop.services.search import search_catalog
from tests.support.pgcluster import PostgresCluster

LEARNER = demo_id("user:learner@demo.test")
GRACE = demo_id("user:grace@demo.test")
SUPPORT = demo_id("user:support@demo.test")
ADMIN = demo_id("user:admin@demo.test")
INSTRUCTOR = demo_id("user:instructor@demo.test")
PYTHON = demo_id("course:introduction-to-python")
SQL = demo_id("course:sql-basics")
PATH = demo_id("path:data-analyst")
SQL_CHECK = demo_id("assessment:SQL Basics Check")
PYTHON_QUIZ = demo_id("assessment:Python Fundamentals Quiz")
T0 = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)  # a Monday
CLIP_S = 12.0  # the demo clip's real length


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(demo, "hash_password", hasher.hash)
    monkeypatch.setattr(accounts, "hash_password", hasher.hash)


@pytest.fixture
def world(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    load_demo(uow_factory)
    return uow_factory


def lessons_of(
    uow_factory: UnitOfWorkFactory, course_id: uuid.UUID
) -> list[tuple[uuid.UUID, bool]]:
    """(lesson id, has a video) in course order."""
    with uow_factory() as uow:
        return [
            (lesson.id, lesson.video_asset_id is not None)
            for lesson in uow.session.query(Lesson)
            .join(Module, Module.id == Lesson.module_id)
            .filter(Module.course_id == course_id)
            .order_by(Module.order_index, Lesson.order_index)
        ]


def finish_course(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    course_id: uuid.UUID,
    *,
    when: dt.datetime = T0,
    studied_s: float = 0.0,
) -> None:
    """Study every lesson of the course through the progress service."""
    progress.enrol(uow_factory, user_id=user_id, course_id=course_id)
    for lesson_id, has_video in lessons_of(uow_factory, course_id):
        if not has_video:
            progress.mark_lesson_complete(
                uow_factory, user_id=user_id, lesson_id=lesson_id, at=when
            )
        else:
            progress.record_playback(
                uow_factory,
                user_id=user_id,
                lesson_id=lesson_id,
                ranges=[(0.0, CLIP_S)],
                resume_position_s=CLIP_S,
                event_at=when,
                media_duration_s=CLIP_S,
                studied_s=studied_s,
            )


def graded_attempt(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    assessment_id: uuid.UUID,
    *,
    score: int,
    passed: bool,
    when: dt.datetime,
) -> None:
    with uow_factory() as uow:
        uow.session.add(
            AssessmentAttempt(
                id=uuid.uuid4(),
                user_id=user_id,
                assessment_id=assessment_id,
                status="graded",
                started_at=when - dt.timedelta(minutes=5),
                submitted_at=when,
                elapsed_s=300.0,
                score=score,
                passed=passed,
            )
        )
        uow.commit()


# -- plan gating -------------------------------------------------------------------------


def test_free_plan_says_which_plan_includes_a_course(world: UnitOfWorkFactory) -> None:
    access = plan_access(world, GRACE, SQL)
    assert not access.allowed
    assert access.reason == "Your Free plan does not include SQL Basics; the Pro or Team plan does."
    assert access.plans_that_include == ["Pro", "Team"]
    python = plan_access(world, GRACE, PYTHON)
    assert python.allowed
    assert python.reason == "Included in your Free plan."
    assert python.plans_that_include == ["Free", "Pro", "Team"]


def test_pro_plan_includes_every_course(world: UnitOfWorkFactory) -> None:
    for course in (PYTHON, SQL):
        access = plan_access(world, LEARNER, course)
        assert access.allowed
        assert access.reason == "Included in your Pro plan."


def test_no_active_plan_and_expired_plans(world: UnitOfWorkFactory) -> None:
    access = plan_access(world, SUPPORT, SQL)
    assert not access.allowed
    assert access.reason == "You have no active plan; the Pro or Team plan includes SQL Basics."
    # An "active" subscription whose end date has passed no longer counts.
    with world() as uow:
        uow.subscriptions.add(
            Subscription(
                id=uuid.uuid4(),
                user_id=SUPPORT,
                plan_id=demo_id("plan:Pro"),
                status="active",
                start_date=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                end_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            )
        )
        uow.commit()
    assert not plan_access(world, SUPPORT, SQL, now=dt.datetime(2026, 2, 1, tzinfo=dt.UTC)).allowed
    assert plan_access(world, SUPPORT, SQL, now=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)).allowed


def test_authors_and_admins_are_not_gated(world: UnitOfWorkFactory) -> None:
    assert plan_access(world, INSTRUCTOR, SQL).reason in {
        "You teach this course.",
        "Included in your Team plan.",
    }
    assert plan_access(world, INSTRUCTOR, SQL).allowed
    admin = plan_access(world, ADMIN, SQL)
    assert admin.allowed
    assert admin.reason == "Administrators can open every course."
    with pytest.raises(NotFoundError):
        plan_access(world, GRACE, uuid.uuid4())


# -- learning paths ----------------------------------------------------------------------


def test_path_view_lists_steps_and_the_next_one(world: UnitOfWorkFactory) -> None:
    view = path_view(world, LEARNER, PATH)
    assert view.path.title == "Become a Data Analyst"
    assert [(s.kind, s.title) for s in view.steps] == [
        ("course", "Introduction to Python"),
        ("course", "SQL Basics"),
        ("assessment", "SQL Basics Check"),
    ]
    first, second, third = view.steps
    assert (first.status, first.percentage) == (IN_PROGRESS, 40)
    assert first.next_lesson_id == demo_id("lesson:introduction-to-python:0:1")
    assert (second.status, second.percentage) == (NOT_STARTED, 0)
    assert second.next_lesson_id == demo_id("lesson:sql-basics:0:0")
    assert (third.status, third.detail) == (NOT_STARTED, "Pass mark 60 %")
    assert view.next_step == first
    assert (view.percentage, view.enrolled) == (0, False)
    assert view.status == IN_PROGRESS  # a step is under way


def test_path_steps_locked_by_the_plan(world: UnitOfWorkFactory) -> None:
    steps = path_view(world, GRACE, PATH).steps
    assert steps[0].locked_reason is None
    assert steps[1].locked_reason == (
        "Your Free plan does not include SQL Basics; the Pro or Team plan does."
    )


def test_path_progress_row_follows_the_steps(world: UnitOfWorkFactory) -> None:
    # Not started: looking at a path writes nothing.
    refresh_path_progress(world, LEARNER, PATH)
    with world() as uow:
        assert uow.progress.get(LEARNER, LEARNING_PATH, PATH) is None

    started = refresh_path_progress(world, LEARNER, PATH, start=True)
    assert started.enrolled
    with world() as uow:
        row = uow.progress.get(LEARNER, LEARNING_PATH, PATH)
        assert row is not None
        assert (row.status, row.progress_percentage, row.completed_at) == (IN_PROGRESS, 0, None)

    finish_course(world, LEARNER, PYTHON)
    view = refresh_path_progress(world, LEARNER, PATH)
    assert view.steps[0].status == COMPLETED
    assert view.next_step is not None
    assert view.next_step.title == "SQL Basics"
    assert (view.completed_steps, view.percentage) == (1, 33)

    finish_course(world, LEARNER, SQL)
    graded_attempt(world, LEARNER, SQL_CHECK, score=40, passed=False, when=T0)
    view = refresh_path_progress(world, LEARNER, PATH)
    assessment = view.steps[2]
    assert (assessment.status, assessment.percentage) == (IN_PROGRESS, 40)
    assert assessment.detail == "Best score 40 % · pass mark 60 %"
    assert view.percentage == 66

    graded_attempt(world, LEARNER, SQL_CHECK, score=75, passed=True, when=T0)
    done_at = dt.datetime(2026, 11, 3, tzinfo=dt.UTC)
    view = refresh_path_progress(world, LEARNER, PATH, now=done_at)
    assert view.status == COMPLETED
    assert view.next_step is None
    with world() as uow:
        row = uow.progress.get(LEARNER, LEARNING_PATH, PATH)
        assert row is not None
        assert (row.status, row.progress_percentage, row.completed_at) == (
            COMPLETED,
            100,
            done_at,
        )

    # A step added later: the view shows it, but stored progress never goes backwards.
    with world() as uow:
        uow.session.add(
            PathStep(
                id=uuid.uuid4(),
                path_id=PATH,
                entity_type="assessment",
                entity_id=PYTHON_QUIZ,
                order_index=3,
            )
        )
        uow.commit()
    view = refresh_path_progress(world, LEARNER, PATH, now=done_at + dt.timedelta(days=1))
    assert view.percentage == 75
    with world() as uow:
        row = uow.progress.get(LEARNER, LEARNING_PATH, PATH)
        assert row is not None
        assert (row.status, row.progress_percentage, row.completed_at) == (
            COMPLETED,
            100,
            done_at,
        )
    assert refresh_enrolled_paths(world, LEARNER) == 1


def test_missing_path_says_so(world: UnitOfWorkFactory) -> None:
    with pytest.raises(NotFoundError, match="no longer exists"):
        path_view(world, LEARNER, uuid.uuid4())


# -- my learning -------------------------------------------------------------------------


def test_my_learning_lists_enrolled_courses_paths_and_recent(world: UnitOfWorkFactory) -> None:
    mine = my_learning(world, LEARNER)
    (python,) = mine.courses
    assert python.course.title == "Introduction to Python"
    assert (python.status, python.percentage) == (IN_PROGRESS, 40)
    assert python.next_lesson_id == demo_id("lesson:introduction-to-python:0:1")
    assert python.next_lesson_title == "Installing Python"
    assert mine.paths == ()
    assert mine.recent == ()
    assert mine.continue_with == python

    # Watching half of a later lesson: "Continue" resumes that one.
    loops = demo_id("lesson:introduction-to-python:1:1")
    progress.record_playback(
        world,
        user_id=LEARNER,
        lesson_id=loops,
        ranges=[(0.0, 5.0)],
        resume_position_s=5.0,
        event_at=T0,
        media_duration_s=CLIP_S,
    )
    progress.enrol(world, user_id=LEARNER, course_id=SQL)
    refresh_path_progress(world, LEARNER, PATH, start=True)
    mine = my_learning(world, LEARNER)
    by_title = {c.course.title: c for c in mine.courses}
    assert by_title["Introduction to Python"].next_lesson_id == loops
    assert by_title["Introduction to Python"].next_lesson_title == "Loops"
    assert by_title["SQL Basics"].next_lesson_title == "SELECT and FROM"
    assert by_title["SQL Basics"].percentage == 0
    (path,) = mine.paths
    assert (path.path.title, path.status, path.percentage) == (
        "Become a Data Analyst",
        IN_PROGRESS,
        0,
    )
    assert [r.title for r in mine.recent] == ["Loops"]

    finish_course(world, LEARNER, SQL)
    mine = my_learning(world, LEARNER)
    sql = next(c for c in mine.courses if c.course.title == "SQL Basics")
    assert (sql.status, sql.percentage, sql.next_lesson_id) == (COMPLETED, 100, None)
    assert sql.completed
    assert mine.continue_with is not None
    assert mine.continue_with.course.title == "Introduction to Python"


def test_course_overview_continues_where_the_person_left_off(world: UnitOfWorkFactory) -> None:
    overview = course_overview(world, LEARNER, PYTHON)
    assert overview.progress.title == "Introduction to Python"
    assert overview.continue_lesson_id == demo_id("lesson:introduction-to-python:0:1")
    assert overview.access.allowed
    loops = demo_id("lesson:introduction-to-python:1:1")
    progress.record_playback(
        world,
        user_id=LEARNER,
        lesson_id=loops,
        ranges=[(0.0, 3.0)],
        resume_position_s=3.0,
        event_at=T0,
        media_duration_s=CLIP_S,
    )
    assert course_overview(world, LEARNER, PYTHON).continue_lesson_id == loops
    gated = course_overview(world, GRACE, SQL)
    assert not gated.access.allowed
    assert gated.continue_lesson_id == demo_id("lesson:sql-basics:0:0")


# -- statistics --------------------------------------------------------------------------


def test_progress_stats_per_week_course_and_attempt(world: UnitOfWorkFactory) -> None:
    today = dt.date(2026, 11, 4)  # Wednesday of ISO week 45
    finish_course(world, LEARNER, SQL, when=T0, studied_s=30.0)  # week 45: 3 clips
    progress.record_playback(
        world,
        user_id=LEARNER,
        lesson_id=demo_id("lesson:introduction-to-python:0:0"),
        ranges=[(0.0, 6.0)],
        resume_position_s=6.0,
        event_at=T0 - dt.timedelta(days=14),  # week 43
        media_duration_s=CLIP_S,
        studied_s=45.0,
    )
    progress.record_playback(  # ten weeks ago: outside the chart
        world,
        user_id=LEARNER,
        lesson_id=demo_id("lesson:introduction-to-python:1:0"),
        ranges=[(0.0, 6.0)],
        resume_position_s=6.0,
        event_at=T0 - dt.timedelta(weeks=10),
        media_duration_s=CLIP_S,
        studied_s=600.0,
    )
    graded_attempt(world, LEARNER, SQL_CHECK, score=40, passed=False, when=T0)
    graded_attempt(world, LEARNER, SQL_CHECK, score=80, passed=True, when=T0 + dt.timedelta(1))
    graded_attempt(world, GRACE, SQL_CHECK, score=100, passed=True, when=T0)

    stats = progress_stats(world, LEARNER, today=today)
    assert [w.iso_week for w in stats.weeks] == [38, 39, 40, 41, 42, 43, 44, 45]
    assert stats.weeks[0].week_start == dt.date(2026, 9, 14)
    assert stats.weeks[-1].week_start == dt.date(2026, 11, 2)
    assert stats.weeks[-1].label == "W45"
    seconds = {w.iso_week: w.seconds for w in stats.weeks}
    assert seconds[45] == 90.0
    assert seconds[43] == 45.0
    assert sum(seconds.values()) == stats.total_seconds == 135.0

    assert [(c.title, c.percentage) for c in stats.courses] == [
        ("Introduction to Python", 40),
        ("SQL Basics", 100),
    ]
    assert [(s.assessment_title, s.score, s.passed, s.passing_score) for s in stats.scores] == [
        ("SQL Basics Check", 40, False, 60),
        ("SQL Basics Check", 80, True, 60),
    ]
    assert stats.scores[0].submitted_at < stats.scores[1].submitted_at


def test_progress_stats_of_someone_new_are_empty_but_shaped(world: UnitOfWorkFactory) -> None:
    stats = progress_stats(world, SUPPORT, today=dt.date(2026, 1, 1))
    assert len(stats.weeks) == 8
    assert stats.total_seconds == 0
    # ISO weeks cross the year: 2026-01-01 is in week 1 of 2026, eight weeks back is 2025.
    assert (stats.weeks[0].iso_year, stats.weeks[-1].iso_year) == (2025, 2026)
    assert stats.courses == ()
    assert stats.scores == ()


# -- a learner's own PostgreSQL login ----------------------------------------------------


@pytest.fixture
def pg_demo(pg_url: str, pg_cluster: PostgresCluster) -> Iterator[tuple[UnitOfWorkFactory, str]]:
    engine = create_server_engine(pg_url)
    try:
        migrations.upgrade(engine)
        owner = uow_factory_for(engine)
        load_demo(owner)
        database = make_url(pg_url).database
        assert database is not None
        yield owner, database
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_learner_under_row_level_security(
    pg_demo: tuple[UnitOfWorkFactory, str], pg_cluster: PostgresCluster
) -> None:
    owner, database = pg_demo
    profile = ServerProfile(
        name="t",
        kind="postgresql",
        host=pg_cluster.host,
        port=pg_cluster.port,
        database=database,
        sslmode="disable",
    )
    session = sign_in(profile, "grace@demo.test", "learn-demo-2026")
    try:
        assert session.backend is not None
        mine = session.backend.uow
        # Plans and her own subscriptions are readable to her; the message is the same.
        access = plan_access(mine, GRACE, SQL)
        assert access.reason == (
            "Your Free plan does not include SQL Basics; the Pro or Team plan does."
        )
        assert plan_access(mine, GRACE, PYTHON).allowed
        # She starts the path and studies the first course: her own rows, under RLS.
        refresh_path_progress(mine, GRACE, PATH, start=True)
        finish_course(mine, GRACE, PYTHON, studied_s=20.0)
        graded_attempt(owner, GRACE, SQL_CHECK, score=90, passed=True, when=T0)
        view = refresh_path_progress(mine, GRACE, PATH)
        assert [s.status for s in view.steps] == [COMPLETED, NOT_STARTED, COMPLETED]
        assert view.percentage == 66
        overview = my_learning(mine, GRACE)
        assert [c.course.title for c in overview.courses] == ["Introduction to Python"]
        assert overview.paths[0].percentage == 66
        stats = progress_stats(mine, GRACE, today=T0.date())
        assert stats.weeks[-1].seconds == 80.0  # four clips, 20 s each
        assert [s.score for s in stats.scores] == [90]
        # Search works under her login too: published courses only, her own progress.
        hits = search_catalog(mine, text="py", user_id=GRACE)
        assert [h.course.title for h in hits] == ["Introduction to Python"]
        assert hits[0].progress_status == COMPLETED
        assert hits[0].course.author_name is None  # other people's rows are not hers to read
        assert {h.course.title for h in search_catalog(mine, text="")} == {
            "Introduction to Python",
            "SQL Basics",
        }
        # Someone else's path row cannot be written from her login.
        with pytest.raises(PermissionDeniedError, match="only record your own progress"):
            refresh_path_progress(mine, LEARNER, PATH, start=True)
    finally:
        session.close()
    with owner() as uow:
        row = uow.progress.get(GRACE, LEARNING_PATH, PATH)
        assert row is not None
        assert (row.status, row.progress_percentage) == (IN_PROGRESS, 66)
        assert uow.progress.get(LEARNER, LEARNING_PATH, PATH) is None
        assert uow.session.query(UserProgress).filter_by(entity_type=LEARNING_PATH).count() == 1
