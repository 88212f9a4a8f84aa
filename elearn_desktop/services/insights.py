"""A course's numbers for its author: enrollments over time, completion by module, scores.

* **Enrollments** — a learner is enrolled from the day their ``user_progress`` row for
  the course was created; the series counts new learners per day and the running total.
* **Completion funnel** — per module (in course order), how many learners completed it
  (``user_progress`` rows of the module with status ``completed``).
* **Scores** — graded attempts of the assessments in the learning paths that have the
  course as a step, in ten bins of 10 % (the last one is 90–100 %).

On PostgreSQL, learners' progress and attempts are private (row-level security): an
instructor sees only the rows the server lets them read, and :attr:`CourseInsights.partial`
says so; support staff and admins see everyone's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from elearn_desktop.data.models import (
    Assessment,
    AssessmentAttempt,
    Course,
    Module,
    PathStep,
    UserProgress,
)
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import NotFoundError
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

COMPLETED = "completed"
GRADED = "graded"
BIN_WIDTH = 10


@dataclass(frozen=True, slots=True)
class EnrollmentPoint:
    day: dt.date
    new: int
    total: int


@dataclass(frozen=True, slots=True)
class FunnelStage:
    module_id: uuid.UUID
    title: str
    position: int  # 1-based, in course order
    completed: int


@dataclass(frozen=True, slots=True)
class ScoreBin:
    low: int
    high: int  # inclusive
    count: int

    @property
    def label(self) -> str:
        return f"{self.low}–{self.high}"


@dataclass(frozen=True, slots=True)
class CourseInsights:
    course_id: uuid.UUID
    title: str
    learners: int
    completed: int
    enrollments: tuple[EnrollmentPoint, ...]
    funnel: tuple[FunnelStage, ...]
    scores: tuple[ScoreBin, ...]
    attempts: int
    passed: int
    assessments: tuple[str, ...]
    #: True when the database may hide other learners' rows from this person.
    partial: bool

    @property
    def empty(self) -> bool:
        return self.learners == 0 and self.attempts == 0


@dataclass(frozen=True, slots=True)
class CourseChoice:
    id: uuid.UUID
    title: str
    status: str


def course_choices(
    uow_factory: UnitOfWorkFactory, *, actor: UserSummary | None
) -> list[CourseChoice]:
    """The courses this person may look at: their own, or all of them for admins."""
    require(actor, "content.author")
    with uow_factory() as uow:
        stmt = select(Course.id, Course.title, Course.status).order_by(func.lower(Course.title))
        if actor is not None and not actor.has_role("admin"):
            stmt = stmt.where(Course.author_id == actor.id)
        return [CourseChoice(r[0], r[1], r[2] or "draft") for r in uow.session.execute(stmt)]


def score_bins(scores: list[int]) -> tuple[ScoreBin, ...]:
    """Ten bins 0–9, 10–19, …, 90–100 (a perfect score counts in the last one)."""
    counts = Counter(min(max(s, 0), 100) // BIN_WIDTH for s in scores)
    counts[9] += counts.pop(10, 0)
    return tuple(
        ScoreBin(low=b * BIN_WIDTH, high=100 if b == 9 else b * BIN_WIDTH + 9, count=counts[b])
        for b in range(10)
    )


def enrollment_series(days: list[dt.date]) -> tuple[EnrollmentPoint, ...]:
    per_day = Counter(days)
    total = 0
    points = []
    for day in sorted(per_day):
        total += per_day[day]
        points.append(EnrollmentPoint(day=day, new=per_day[day], total=total))
    return tuple(points)


def course_insights(
    uow_factory: UnitOfWorkFactory, *, course_id: uuid.UUID, actor: UserSummary | None
) -> CourseInsights:
    require(actor, "content.author")
    with uow_factory() as uow:
        session = uow.session
        course = session.get(Course, course_id)
        if course is None:
            raise NotFoundError("This course no longer exists.")
        enrolled = session.execute(
            select(UserProgress.created_at, UserProgress.status).where(
                UserProgress.entity_type == "course", UserProgress.entity_id == course_id
            )
        ).all()
        days = [c.astimezone(dt.UTC).date() for c, _s in enrolled if c is not None]
        modules = session.execute(
            select(Module.id, Module.title)
            .where(Module.course_id == course_id)
            .order_by(Module.order_index, Module.id)
        ).all()
        done = dict(
            session.execute(
                select(UserProgress.entity_id, func.count(func.distinct(UserProgress.user_id)))
                .where(
                    UserProgress.entity_type == "module",
                    UserProgress.entity_id.in_([m[0] for m in modules]),
                    UserProgress.status == COMPLETED,
                )
                .group_by(UserProgress.entity_id)
            ).all()
        )
        paths_with_course = select(PathStep.path_id).where(
            PathStep.entity_type == "course", PathStep.entity_id == course_id
        )
        assessment_ids = select(PathStep.entity_id).where(
            PathStep.entity_type == "assessment", PathStep.path_id.in_(paths_with_course)
        )
        titles = session.scalars(
            select(Assessment.title)
            .where(Assessment.id.in_(assessment_ids))
            .order_by(func.lower(Assessment.title))
        ).all()
        attempts = session.execute(
            select(AssessmentAttempt.score, AssessmentAttempt.passed).where(
                AssessmentAttempt.assessment_id.in_(assessment_ids),
                AssessmentAttempt.status == GRADED,
                AssessmentAttempt.score.is_not(None),
            )
        ).all()
        partial = session.get_bind().dialect.name == "postgresql" and not (
            actor is None or actor.has_role("admin") or actor.has_role("support")
        )
        return CourseInsights(
            course_id=course.id,
            title=course.title,
            learners=len(enrolled),
            completed=sum(1 for _c, status in enrolled if status == COMPLETED),
            enrollments=enrollment_series(days),
            funnel=tuple(
                FunnelStage(module_id=mid, title=title, position=i + 1, completed=done.get(mid, 0))
                for i, (mid, title) in enumerate(modules)
            ),
            scores=score_bins([int(s) for s, _p in attempts if s is not None]),
            attempts=len(attempts),
            passed=sum(1 for _s, p in attempts if p),
            assessments=tuple(titles),
            partial=partial,
        )
