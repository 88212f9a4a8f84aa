"""A course's numbers for its author: enrollments over time, completion by module, scores.

* **Enrollments** — a learner is enrolled from the day their ``user_progress`` row for
  the course was created; the series counts new learners per day and the running total.
* **Completion funnel** — per module (in course order), how many learners completed it
  (``user_progress`` rows of the module with status ``completed``).
* **Scores** — graded attempts of the assessments in the learning paths that have the
  course as a step, in ten bins of 10 % (the last one is 90–100 %).

Only the course's instructor (its author) and admins may look. On PostgreSQL, learners'
progress and attempts are private (row-level security), so the counts come from the
``SECURITY DEFINER`` functions of revision 0008, which check that themselves and return
nothing but numbers; in the embedded database the same counts are read from the tables.
Both give the same numbers (``tests/integration/test_insights.py`` runs on both).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from elearn_desktop.data.models import (
    Assessment,
    AssessmentAttempt,
    Course,
    LearningPath,
    Module,
    PathStep,
    UserProgress,
)
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import NotFoundError, PermissionDeniedError
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

COMPLETED = "completed"
GRADED = "graded"
BIN_WIDTH = 10
_INSUFFICIENT_PRIVILEGE = "42501"


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
    return _bins(Counter(_bin_of(s) for s in scores))


def _bin_of(score: int) -> int:
    return min(min(max(score, 0), 100) // BIN_WIDTH, 9)


def _bins(counts: Mapping[int, int]) -> tuple[ScoreBin, ...]:
    return tuple(
        ScoreBin(
            low=b * BIN_WIDTH,
            high=100 if b == 9 else b * BIN_WIDTH + 9,
            count=counts.get(b, 0),
        )
        for b in range(10)
    )


def enrollment_series(days: list[dt.date]) -> tuple[EnrollmentPoint, ...]:
    return _series(Counter(days))


def _series(per_day: Mapping[dt.date, int]) -> tuple[EnrollmentPoint, ...]:
    total = 0
    points = []
    for day in sorted(per_day):
        total += per_day[day]
        points.append(EnrollmentPoint(day=day, new=per_day[day], total=total))
    return tuple(points)


@dataclass(frozen=True, slots=True)
class _Counts:
    """A course's numbers as the database gives them, before they are shaped."""

    #: (UTC day of enrolment or None, learners enrolled that day, of them completed)
    enrolments: tuple[tuple[dt.date | None, int, int], ...]
    #: module id -> learners who completed it
    modules_completed: Mapping[uuid.UUID, int]
    #: bin 0..9 -> (graded attempts, of them passed)
    bins: Mapping[int, tuple[int, int]]


def check_may_see(actor: UserSummary | None, course: Course) -> None:
    """Only the course's instructor (its author) and admins see its learners' numbers."""
    require(actor, "content.author")
    if actor is not None and not actor.has_role("admin") and course.author_id != actor.id:
        raise PermissionDeniedError(_REFUSAL.format(title=course.title))


_REFUSAL = "Only the instructor of '{title}' or an administrator may see how its learners get on."


@contextmanager
def _server_words(title: str) -> Iterator[None]:
    """The server's refusal (revision 0008's functions, or no EXECUTE grant) in words."""
    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
            raise PermissionDeniedError(_REFUSAL.format(title=title)) from None
        raise


def _from_server(session: Session, sql: str, course_id: uuid.UUID, *, title: str) -> list[Any]:
    """Rows of one of revision 0008's functions (``:course`` in ``sql``), refusals in words."""
    statement = text(sql).bindparams(bindparam("course", type_=postgresql.UUID(as_uuid=True)))
    with _server_words(title):
        return list(session.execute(statement, {"course": course_id}).all())


def enrolled_on_server(session: Session, course_id: uuid.UUID, *, title: str) -> int:
    """Learners enrolled in the course, counted by ``elearn_course_enrolments`` (PostgreSQL)."""
    [(count,)] = _from_server(
        session,
        "SELECT coalesce(sum(learners), 0) FROM public.elearn_course_enrolments(:course)",
        course_id,
        title=title,
    )
    return int(count)


def _counts_on_server(session: Session, course_id: uuid.UUID, *, title: str) -> _Counts:
    def rows(sql: str) -> list[Any]:
        return _from_server(session, sql, course_id, title=title)

    enrolments = rows(
        "SELECT day, learners, completed FROM public.elearn_course_enrolments(:course)"
    )
    modules = rows(
        "SELECT module_id, completed FROM public.elearn_course_module_completions(:course)"
    )
    bins = rows("SELECT bin, attempts, passed FROM public.elearn_course_score_bins(:course)")
    return _Counts(
        enrolments=tuple((d, int(n), int(c)) for d, n, c in enrolments),
        modules_completed={m: int(n) for m, n in modules},
        bins={int(b): (int(n), int(p)) for b, n, p in bins},
    )


def _assessment_ids(course_id: uuid.UUID) -> Select[uuid.UUID]:
    """The assessments in the published learning paths that have the course as a step.

    Draft paths are their authors' work in progress: nobody follows them, and under
    row-level security (revision 0015) another author's draft and its steps are not
    readable; both backends leave them out alike.
    """
    paths_with_course = (
        select(PathStep.path_id)
        .join(LearningPath, LearningPath.id == PathStep.path_id)
        .where(
            PathStep.entity_type == "course",
            PathStep.entity_id == course_id,
            LearningPath.status == "published",
        )
    )
    return select(PathStep.entity_id).where(
        PathStep.entity_type == "assessment", PathStep.path_id.in_(paths_with_course)
    )


def _counts_here(session: Session, course_id: uuid.UUID, module_ids: list[uuid.UUID]) -> _Counts:
    """The same numbers as the server functions, from the tables (the embedded database)."""
    enrolled = session.execute(
        select(UserProgress.created_at, UserProgress.status).where(
            UserProgress.entity_type == "course", UserProgress.entity_id == course_id
        )
    ).all()
    per_day: dict[dt.date | None, list[int]] = {}
    for created, status in enrolled:
        day = created.astimezone(dt.UTC).date() if created is not None else None
        tally = per_day.setdefault(day, [0, 0])
        tally[0] += 1
        tally[1] += status == COMPLETED
    done = session.execute(
        select(UserProgress.entity_id, func.count(func.distinct(UserProgress.user_id)))
        .where(
            UserProgress.entity_type == "module",
            UserProgress.entity_id.in_(module_ids),
            UserProgress.status == COMPLETED,
        )
        .group_by(UserProgress.entity_id)
    ).all()
    attempts = session.execute(
        select(AssessmentAttempt.score, AssessmentAttempt.passed).where(
            AssessmentAttempt.assessment_id.in_(_assessment_ids(course_id)),
            AssessmentAttempt.status == GRADED,
            AssessmentAttempt.score.is_not(None),
        )
    ).all()
    bins: dict[int, tuple[int, int]] = {}
    for score, passed in attempts:
        assert score is not None  # filtered above
        n, p = bins.get(_bin_of(score), (0, 0))
        bins[_bin_of(score)] = (n + 1, p + bool(passed))
    return _Counts(
        enrolments=tuple((d, n, c) for d, (n, c) in per_day.items()),
        modules_completed={m: int(n) for m, n in done},
        bins=bins,
    )


def course_insights(
    uow_factory: UnitOfWorkFactory, *, course_id: uuid.UUID, actor: UserSummary | None
) -> CourseInsights:
    require(actor, "content.author")
    with uow_factory() as uow:
        session = uow.session
        course = session.get(Course, course_id)
        if course is None:
            raise NotFoundError("This course no longer exists.")
        check_may_see(actor, course)
        modules = session.execute(
            select(Module.id, Module.title)
            .where(Module.course_id == course_id)
            .order_by(Module.order_index, Module.id)
        ).all()
        titles = session.scalars(
            select(Assessment.title)
            .where(Assessment.id.in_(_assessment_ids(course_id)))
            .order_by(func.lower(Assessment.title))
        ).all()
        if session.get_bind().dialect.name == "postgresql":
            counts = _counts_on_server(session, course_id, title=course.title)
        else:
            counts = _counts_here(session, course_id, [m[0] for m in modules])
        return CourseInsights(
            course_id=course.id,
            title=course.title,
            learners=sum(n for _d, n, _c in counts.enrolments),
            completed=sum(c for _d, _n, c in counts.enrolments),
            enrollments=_series({d: n for d, n, _c in counts.enrolments if d is not None}),
            funnel=tuple(
                FunnelStage(
                    module_id=mid,
                    title=title,
                    position=i + 1,
                    completed=counts.modules_completed.get(mid, 0),
                )
                for i, (mid, title) in enumerate(modules)
            ),
            scores=_bins({b: n for b, (n, _p) in counts.bins.items()}),
            attempts=sum(n for n, _p in counts.bins.values()),
            passed=sum(p for _n, p in counts.bins.values()),
            assessments=tuple(titles),
        )
