"""Course insights from real rows: enrollments by day, completion by module, score bins."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from elearn_desktop.data.models import (
    Assessment,
    AssessmentAttempt,
    Course,
    LearningPath,
    Module,
    PathStep,
    User,
    UserProgress,
)
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import NotFoundError, PermissionDeniedError
from elearn_desktop.services import accounts, authoring, insights
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.profiles import ServerProfile
from tests.integration.test_assessment_authoring import People, make_people
from tests.support.pgcluster import PostgresCluster


def day(n: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 3, n, hour, tzinfo=dt.UTC)


def _learners(uow_factory: UnitOfWorkFactory, count: int) -> list[uuid.UUID]:
    ids = [uuid.uuid4() for _ in range(count)]
    with uow_factory() as uow:
        for n, uid in enumerate(ids):
            uow.session.add(User(id=uid, email=f"l{n}@example.test", password_hash="x"))
        uow.commit()
    return ids


@pytest.fixture
def world(uow_factory: UnitOfWorkFactory) -> tuple[People, uuid.UUID]:
    people = make_people(uow_factory)
    learners = _learners(uow_factory, 5)
    with uow_factory() as uow:
        s = uow.session
        course = Course(
            id=uuid.uuid4(),
            title="Stats",
            slug="stats",
            author_id=people.instructor.id,
            status="published",  # so other people's logins may read the course itself
        )
        modules = [
            Module(id=uuid.uuid4(), title=t, order_index=i)
            for i, t in enumerate(["Intro", "Means", "Spread"])
        ]
        course.modules = modules
        quiz = Assessment(id=uuid.uuid4(), title="Stats quiz", passing_score=60)
        other_quiz = Assessment(id=uuid.uuid4(), title="Unrelated quiz", passing_score=60)
        path = LearningPath(id=uuid.uuid4(), title="Track", status="published")
        path.steps = [
            PathStep(id=uuid.uuid4(), entity_type="course", entity_id=course.id, order_index=0),
            PathStep(id=uuid.uuid4(), entity_type="assessment", entity_id=quiz.id, order_index=1),
        ]
        # Someone's draft path with the course and another quiz: not followed by anyone.
        draft = LearningPath(id=uuid.uuid4(), title="Draft track", status="draft")
        draft.steps = [
            PathStep(id=uuid.uuid4(), entity_type="course", entity_id=course.id, order_index=0),
            PathStep(
                id=uuid.uuid4(), entity_type="assessment", entity_id=other_quiz.id, order_index=1
            ),
        ]
        s.add_all([course, quiz, other_quiz, path, draft])
        s.flush()
        # Enrolled: two on the 1st, one on the 3rd, two on the 10th (one completed).
        for learner, when, status in zip(
            learners,
            [day(1), day(1, 23), day(3), day(10), day(10)],
            ["in_progress", "in_progress", "in_progress", "completed", "in_progress"],
            strict=True,
        ):
            s.add(
                UserProgress(
                    user_id=learner,
                    entity_type="course",
                    entity_id=course.id,
                    status=status,
                    created_at=when,
                )
            )
        # Module completions: 4 finished Intro, 2 Means, 1 Spread; one is only in progress.
        for module, finished in zip(
            modules, [learners[:4], learners[:2], learners[:1]], strict=True
        ):
            for learner in finished:
                s.add(
                    UserProgress(
                        user_id=learner, entity_type="module", entity_id=module.id,
                        status="completed", progress_percentage=100,
                    )
                )  # fmt: skip
        s.add(
            UserProgress(
                user_id=learners[4], entity_type="module", entity_id=modules[1].id,
                status="in_progress", progress_percentage=50,
            )
        )  # fmt: skip
        for learner, score in zip(learners, [100, 95, 59, 60, 5], strict=True):
            s.add(
                AssessmentAttempt(
                    user_id=learner, assessment_id=quiz.id, status="graded",
                    score=score, passed=score >= 60,
                )
            )  # fmt: skip
        s.add(AssessmentAttempt(user_id=learners[0], assessment_id=quiz.id))  # still open
        s.add(
            AssessmentAttempt(
                user_id=learners[0], assessment_id=other_quiz.id, status="graded",
                score=10, passed=False,
            )
        )  # fmt: skip
        uow.commit()
        return people, course.id


def test_course_insights(uow_factory: UnitOfWorkFactory, world: tuple[People, uuid.UUID]) -> None:
    people, course_id = world
    result = insights.course_insights(uow_factory, course_id=course_id, actor=people.instructor)
    assert (result.title, result.learners, result.completed) == ("Stats", 5, 1)
    assert [(p.day.day, p.new, p.total) for p in result.enrollments] == [
        (1, 2, 2),
        (3, 1, 3),
        (10, 2, 5),
    ]
    assert [(f.position, f.title, f.completed) for f in result.funnel] == [
        (1, "Intro", 4),
        (2, "Means", 2),
        (3, "Spread", 1),
    ]
    assert [b.count for b in result.scores] == [1, 0, 0, 0, 0, 1, 1, 0, 0, 2]
    assert result.scores[-1].label == "90–100"
    assert (result.attempts, result.passed) == (5, 3)
    assert result.assessments == ("Stats quiz",)
    assert not result.empty
    # An admin gets the same numbers (on PostgreSQL from revision 0008's functions).
    assert insights.course_insights(uow_factory, course_id=course_id, actor=people.admin) == result


def test_a_course_nobody_took(
    uow_factory: UnitOfWorkFactory, world: tuple[People, uuid.UUID]
) -> None:
    people, _course = world
    with uow_factory() as uow:
        lonely = Course(
            id=uuid.uuid4(), title="Lonely", slug="lonely", author_id=people.instructor.id
        )
        uow.session.add(lonely)
        uow.commit()
    result = insights.course_insights(uow_factory, course_id=lonely.id, actor=None)
    assert result.empty
    assert result.enrollments == ()
    assert result.funnel == ()
    assert sum(b.count for b in result.scores) == 0


def test_who_may_look(uow_factory: UnitOfWorkFactory, world: tuple[People, uuid.UUID]) -> None:
    people, course_id = world
    with pytest.raises(PermissionDeniedError):
        insights.course_insights(uow_factory, course_id=course_id, actor=people.learner)
    with pytest.raises(PermissionDeniedError, match="Only the instructor of 'Stats'"):
        insights.course_insights(uow_factory, course_id=course_id, actor=people.other_instructor)
    with pytest.raises(NotFoundError):
        insights.course_insights(uow_factory, course_id=uuid.uuid4(), actor=None)
    assert [c.title for c in insights.course_choices(uow_factory, actor=people.instructor)] == [
        "Stats"
    ]
    assert insights.course_choices(uow_factory, actor=people.other_instructor) == []
    assert [c.title for c in insights.course_choices(uow_factory, actor=people.admin)] == ["Stats"]


@pytest.mark.parametrize(
    ("scores", "bins"),
    [
        ([], [0] * 10),
        ([0, 9, 10, 99, 100], [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]),
        ([-3, 105], [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
    ],
)
def test_score_bins(scores: list[int], bins: list[int]) -> None:
    assert [b.count for b in insights.score_bins(scores)] == bins
    assert [b.label for b in insights.score_bins(scores)][:2] == ["0–9", "10–19"]


# ------------------------------------------------- PostgreSQL: each person as their own login

_CHEAP_ARGON2 = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


@pytest.fixture
def logins(
    world: tuple[People, uuid.UUID],
    uow_factory: UnitOfWorkFactory,
    pg_cluster: PostgresCluster,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[dict[str, SignedIn]]:
    """The world's four people signed in to PostgreSQL as their own login roles."""
    people, _course = world
    # What is tested is the database; argon2id's cost is tested elsewhere.
    monkeypatch.setattr(accounts, "hash_password", _CHEAP_ARGON2.hash)
    with uow_factory() as uow:
        url = uow.session.get_bind().engine.url
    assert url.database is not None
    profile = ServerProfile(
        name="t",
        kind="postgresql",
        host=pg_cluster.host,
        port=pg_cluster.port,
        database=url.database,
        sslmode="disable",
    )
    sessions: dict[str, SignedIn] = {}
    try:
        for key in ("instructor", "other_instructor", "admin", "learner"):
            person: UserSummary = getattr(people, key)
            password = f"Pw-{key}-2026-insights"
            accounts.set_password(uow_factory, person.email, password)
            sessions[key] = sign_in(profile, person.email, password)
        yield sessions
    finally:
        for session in sessions.values():
            session.close()


def _backend(session: SignedIn) -> UnitOfWorkFactory:
    assert session.backend is not None
    return session.backend.uow


@pytest.mark.parametrize("backend_url", ["postgresql"], indirect=True)
def test_postgresql_instructor_gets_exact_numbers_as_their_own_login(
    uow_factory: UnitOfWorkFactory,
    world: tuple[People, uuid.UUID],
    logins: dict[str, SignedIn],
) -> None:
    _people, course_id = world
    ivy = logins["instructor"]
    mine = _backend(ivy)
    # Row-level security hides the learners' rows from the instructor's own login...
    with mine() as uow:
        visible = uow.session.scalar(
            select(func.count())
            .select_from(UserProgress)
            .where(UserProgress.user_id != ivy.user.id)
        )
    assert visible == 0
    # ...yet revision 0008's functions give the exact numbers the owner reads from the tables.
    result = insights.course_insights(mine, course_id=course_id, actor=ivy.user)
    assert (result.learners, result.completed) == (5, 1)
    assert [(p.day.day, p.new, p.total) for p in result.enrollments] == [
        (1, 2, 2),
        (3, 1, 3),
        (10, 2, 5),
    ]
    assert [f.completed for f in result.funnel] == [4, 2, 1]
    assert [b.count for b in result.scores] == [1, 0, 0, 0, 0, 1, 1, 0, 0, 2]
    assert (result.attempts, result.passed) == (5, 3)
    assert result == insights.course_insights(uow_factory, course_id=course_id, actor=None)
    admin = logins["admin"]
    assert insights.course_insights(_backend(admin), course_id=course_id, actor=admin.user) == (
        result
    )
    # The warning before unpublishing or archiving counts every enrolled learner too.
    assert authoring.enrolled_learners(mine, actor=ivy.user, course_id=course_id).learners == 5
    assert authoring.enrolled_learners(
        _backend(admin), actor=admin.user, course_id=course_id
    ).words() == ("5 learners are enrolled.")


def _forged(person: UserSummary, *, as_id: uuid.UUID, roles: tuple[str, ...]) -> UserSummary:
    """The app's own checks bypassed: the client claims to be someone else."""
    return replace(person, id=as_id, roles=roles)


@pytest.mark.parametrize("backend_url", ["postgresql"], indirect=True)
def test_postgresql_refuses_another_instructor_and_a_learner(
    world: tuple[People, uuid.UUID], logins: dict[str, SignedIn]
) -> None:
    people, course_id = world
    otto, lea = logins["other_instructor"], logins["learner"]
    # The service says no first...
    with pytest.raises(PermissionDeniedError, match="Only the instructor of 'Stats'"):
        insights.course_insights(_backend(otto), course_id=course_id, actor=otto.user)
    with pytest.raises(PermissionDeniedError, match="Only the instructor of 'Stats'"):
        authoring.enrolled_learners(_backend(otto), actor=otto.user, course_id=course_id)
    with pytest.raises(PermissionDeniedError):
        insights.course_insights(_backend(lea), course_id=course_id, actor=lea.user)
    # ...and with the client's checks bypassed the server refuses, in the same words.
    posing = _forged(otto.user, as_id=people.instructor.id, roles=("learner", "instructor"))
    with pytest.raises(PermissionDeniedError, match="Only the instructor of 'Stats'"):
        insights.course_insights(_backend(otto), course_id=course_id, actor=posing)
    with pytest.raises(PermissionDeniedError, match="Only the instructor of 'Stats'"):
        authoring.enrolled_learners(_backend(otto), actor=posing, course_id=course_id)
    posing = _forged(lea.user, as_id=lea.user.id, roles=("learner", "admin"))
    with pytest.raises(PermissionDeniedError, match="Only the instructor of 'Stats'"):
        insights.course_insights(_backend(lea), course_id=course_id, actor=posing)
    # Raw SQL: the function's own check (42501) for an instructor, no EXECUTE for a learner.
    for who, message in (
        (otto, "only the course's instructor or an administrator"),
        (lea, "permission denied for function elearn_course_score_bins"),
    ):
        with _backend(who)() as uow, pytest.raises(DBAPIError, match=message) as info:
            uow.session.execute(
                text("SELECT * FROM public.elearn_course_score_bins(CAST(:c AS uuid))"),
                {"c": str(course_id)},
            )
        assert getattr(info.value.orig, "sqlstate", None) == "42501"


def test_an_enrolment_without_a_creation_time_counts_but_has_no_day(
    uow_factory: UnitOfWorkFactory, world: tuple[People, uuid.UUID]
) -> None:
    people, course_id = world
    late = uuid.uuid4()
    with uow_factory() as uow:
        uow.session.add(User(id=late, email="late@example.test", password_hash="x"))
        uow.session.add(
            UserProgress(
                user_id=late,
                entity_type="course",
                entity_id=course_id,
                status="completed",
            )
        )
        uow.flush()  # the server default stamps the row; then the time is taken away
        uow.session.execute(
            update(UserProgress).where(UserProgress.user_id == late).values(created_at=None)
        )
        uow.commit()
    result = insights.course_insights(uow_factory, course_id=course_id, actor=people.instructor)
    assert (result.learners, result.completed) == (6, 2)
    assert [(p.day.day, p.total) for p in result.enrollments] == [(1, 2), (3, 3), (10, 5)]
    assert authoring.enrolled_learners(
        uow_factory, actor=people.instructor, course_id=course_id
    ).words() == ("6 learners are enrolled.")
