"""Course insights from real rows: enrollments by day, completion by module, score bins."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

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
from elearn_desktop.services import insights
from tests.integration.test_assessment_authoring import People, make_people


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
            id=uuid.uuid4(), title="Stats", slug="stats", author_id=people.instructor.id
        )
        modules = [
            Module(id=uuid.uuid4(), title=t, order_index=i)
            for i, t in enumerate(["Intro", "Means", "Spread"])
        ]
        course.modules = modules
        quiz = Assessment(id=uuid.uuid4(), title="Stats quiz", passing_score=60)
        other_quiz = Assessment(id=uuid.uuid4(), title="Unrelated quiz", passing_score=60)
        path = LearningPath(id=uuid.uuid4(), title="Track")
        path.steps = [
            PathStep(id=uuid.uuid4(), entity_type="course", entity_id=course.id, order_index=0),
            PathStep(id=uuid.uuid4(), entity_type="assessment", entity_id=quiz.id, order_index=1),
        ]
        s.add_all([course, quiz, other_quiz, path])
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


def test_course_insights(
    uow_factory: UnitOfWorkFactory, world: tuple[People, uuid.UUID], backend_url: str
) -> None:
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
    # On PostgreSQL an instructor's view may miss learners' private rows; the page says so.
    assert result.partial == backend_url.startswith("postgresql")
    assert not insights.course_insights(
        uow_factory, course_id=course_id, actor=people.admin
    ).partial


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
