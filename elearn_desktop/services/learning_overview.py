"""A learner's overview: what they study, what their plan includes, paths, and their stats.

* :func:`my_learning` — enrolled courses (course progress rows) with percentage, last
  activity and the lesson to continue with; enrolled learning paths; recently watched.
* :func:`course_overview` — a course's progress, the lesson to continue with, and access.
* :func:`plan_access` — whether the person's active plan includes a course, and if not,
  which plans would ("Your Free plan does not include SQL Basics; the Pro or Team plan
  does.").
* :func:`path_view` / :func:`refresh_path_progress` — a learning path's ordered steps with
  their status, and the person's ``learning_path`` progress row (entity_type
  ``'learning_path'``, entity_id the path's id): percentage = completed steps / steps,
  completed when every step is. The row is merged like every progress row, so it never
  goes backwards.
* :func:`progress_stats` — what the "My progress" charts show.

Course figures come from :mod:`elearn_desktop.services.progress` (one place decides
roll-ups and the next lesson); everything else here is a read of the person's own rows,
so it works for a learner's PostgreSQL login under row-level security.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import selectinload

from elearn_desktop.data.models import (
    Assessment,
    AssessmentAttempt,
    Course,
    LearningPath,
    Lesson,
    LessonPlayback,
    Module,
    StudyTime,
    SubscriptionPlan,
    UserProgress,
    UserRole,
)
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.errors import ConflictError, NotFoundError, PermissionDeniedError
from elearn_desktop.domain.progress import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    STATUS_ORDER,
    ProgressState,
    merge,
    path_percentage,
)
from elearn_desktop.services import progress
from elearn_desktop.services.catalog import summarize_courses
from elearn_desktop.services.dto import CourseSummary, PathSummary
from elearn_desktop.services.offline_mode import on_offline_cache

#: The ``user_progress.entity_type`` of a person's progress on a learning path.
LEARNING_PATH = "learning_path"
COURSE = "course"
ASSESSMENT = "assessment"
STATS_WEEKS = 8
_INSUFFICIENT_PRIVILEGE = "42501"

T = TypeVar("T")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _state_of(row: UserProgress | None) -> ProgressState:
    """A stored row as a mergeable state (tolerant of what other clients wrote)."""
    if row is None:
        return ProgressState()
    percentage = min(max(int(row.progress_percentage or 0), 0), 100)
    status = row.status if row.status in STATUS_ORDER else IN_PROGRESS
    return ProgressState(status=status, percentage=percentage, completed_at=row.completed_at)


def _path_summary(path: LearningPath) -> PathSummary:
    return PathSummary(
        id=path.id,
        title=path.title,
        description=path.description,
        status=path.status or "draft",
        step_count=len(path.steps),
    )


# ----------------------------------------------------------------------- plan access


@dataclass(frozen=True, slots=True)
class Access:
    """Whether the person may study a course, and why (in words for the person)."""

    allowed: bool
    reason: str
    #: Plans on offer that include the course, cheapest first (names).
    plans_that_include: list[str]


def _plan_includes(features: Any, slug: str) -> bool:
    if not isinstance(features, Mapping):
        return False
    if features.get("all_courses") is True:
        return True
    courses = features.get("courses")
    return isinstance(courses, list) and slug in courses


def _either(names: Sequence[str]) -> str:
    """'Pro', 'Pro or Team', 'Pro, Team or Enterprise'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _both(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def active_plans(
    uow: UnitOfWork, user_id: uuid.UUID, *, now: dt.datetime | None = None
) -> list[SubscriptionPlan]:
    """Plans of the person's active subscriptions (status active, not ended)."""
    at = now or _now()
    plans: list[SubscriptionPlan] = []
    for subscription in uow.subscriptions.for_user(user_id):
        if subscription.status != "active" or subscription.plan is None:
            continue
        if subscription.end_date is not None and subscription.end_date <= at:
            continue
        if subscription.plan not in plans:
            plans.append(subscription.plan)
    return plans


def plan_access(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    course: CourseSummary | uuid.UUID,
    *,
    now: dt.datetime | None = None,
) -> Access:
    """May the person study ``course`` under their active plan? If not, which plan would do."""
    return _gate(
        uow_factory,
        user_id,
        course,
        now=now,
        includes=_plan_includes,
        what="{title}",
        cached="Available offline on this computer.",
        admin="Administrators can open every course.",
        included="Included in your {plan} plan.",
    )


def _plan_allows_offline(features: Any, slug: str) -> bool:
    return (
        isinstance(features, Mapping)
        and features.get("offline") is True
        and _plan_includes(features, slug)
    )


def offline_access(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    course: CourseSummary | uuid.UUID,
    *,
    now: dt.datetime | None = None,
) -> Access:
    """May the person download ``course`` for offline study (plan feature ``offline``)?
    If not, which plan on offer would let them (in words)."""
    return _gate(
        uow_factory,
        user_id,
        course,
        now=now,
        includes=_plan_allows_offline,
        what="downloading {title} for offline study",
        cached="This course is on this computer already.",
        admin="Administrators can download every course.",
        included="Offline study is included in your {plan} plan.",
    )


def _gate(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    course: CourseSummary | uuid.UUID,
    *,
    now: dt.datetime | None,
    includes: Callable[[Any, str], bool],
    what: str,
    cached: str,
    admin: str,
    included: str,
) -> Access:
    """The plan check of :func:`plan_access` and :func:`offline_access`: ``includes``
    says whether a plan's features cover the course; ``what`` names it in the reasons."""
    with uow_factory() as uow:
        course_id = course.id if isinstance(course, CourseSummary) else course
        row = uow.courses.get(course_id)
        if row is None:
            raise NotFoundError("this course no longer exists")
        if on_offline_cache(uow.session):
            # Only courses the person could study were made available offline; the cache
            # holds no plans to check again (the server does at the next sign-in).
            return Access(True, cached, [])
        title, slug = row.title, row.slug
        thing = what.format(title=title)
        roles = set(uow.session.scalars(select(UserRole.role).where(UserRole.user_id == user_id)))
        if "admin" in roles:
            return Access(True, admin, [])
        if row.author_id is not None and row.author_id == user_id:
            return Access(True, "You teach this course.", [])
        mine = active_plans(uow, user_id, now=now)
        on_offer = [
            plan.name
            for plan in uow.subscriptions.plans(active_only=True)
            if includes(plan.features, slug)
        ]
        including = [plan.name for plan in mine if includes(plan.features, slug)]
        if including:
            return Access(True, included.format(plan=including[0]), on_offer)
        if mine:
            names = [plan.name for plan in mine]
            verb = "does" if len(names) == 1 else "do"
            plural = "plan" if len(names) == 1 else "plans"
            head = f"Your {_both(names)} {plural} {verb} not include {thing}"
            if on_offer:
                return Access(False, f"{head}; the {_either(on_offer)} plan does.", on_offer)
            return Access(False, f"{head}, and no plan on offer includes it yet.", on_offer)
        if on_offer:
            return Access(
                False,
                f"You have no active plan; the {_either(on_offer)} plan includes {thing}.",
                on_offer,
            )
        return Access(
            False, f"You have no active plan, and no plan on offer includes {thing}.", on_offer
        )


# ----------------------------------------------------------------------- my learning


def _continue_with(
    figures: progress.CourseProgress, last_watched: uuid.UUID | None
) -> uuid.UUID | None:
    """The lesson to continue with: the last one watched if unfinished, else the first
    unfinished one in course order (None when every lesson is done)."""
    for lesson in figures.lessons:
        if lesson.lesson_id == last_watched and lesson.status != COMPLETED:
            return last_watched
    return figures.next_lesson_id


def _last_watched_in(uow: UnitOfWork, user_id: uuid.UUID, course_id: uuid.UUID) -> uuid.UUID | None:
    return uow.session.scalar(
        select(LessonPlayback.lesson_id)
        .join(Lesson, Lesson.id == LessonPlayback.lesson_id)
        .join(Module, Module.id == Lesson.module_id)
        .where(LessonPlayback.user_id == user_id, Module.course_id == course_id)
        .order_by(LessonPlayback.last_watched_at.desc().nulls_last())
        .limit(1)
    )


@dataclass(frozen=True, slots=True)
class CourseOverview:
    """A course as its page shows it: progress, the lesson to continue with, plan access."""

    progress: progress.CourseProgress
    continue_lesson_id: uuid.UUID | None
    access: Access


def course_overview(
    uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, course_id: uuid.UUID
) -> CourseOverview:
    figures = progress.course_progress(uow_factory, user_id=user_id, course_id=course_id)
    with uow_factory() as uow:
        last = _last_watched_in(uow, user_id, course_id)
    return CourseOverview(
        progress=figures,
        continue_lesson_id=_continue_with(figures, last),
        access=plan_access(uow_factory, user_id, course_id),
    )


@dataclass(frozen=True, slots=True)
class EnrolledCourse:
    course: CourseSummary
    status: str
    percentage: int
    #: The latest of: the course row changing, a lesson of it being watched.
    last_activity: dt.datetime | None
    #: The lesson to continue with: the last one watched if unfinished, else the first
    #: unfinished lesson in course order (None when every lesson is done).
    next_lesson_id: uuid.UUID | None
    next_lesson_title: str | None

    @property
    def completed(self) -> bool:
        return self.status == COMPLETED


@dataclass(frozen=True, slots=True)
class EnrolledPath:
    path: PathSummary
    status: str
    percentage: int
    completed_steps: int
    last_activity: dt.datetime | None


@dataclass(frozen=True, slots=True)
class MyLearning:
    courses: tuple[EnrolledCourse, ...]
    paths: tuple[EnrolledPath, ...]
    recent: tuple[progress.RecentLesson, ...]

    @property
    def continue_with(self) -> EnrolledCourse | None:
        """The unfinished course touched most recently (what "Continue" resumes)."""
        return next((c for c in self.courses if c.next_lesson_id is not None), None)


def _latest(*values: dt.datetime | None) -> dt.datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def my_learning(
    uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, *, recent_limit: int = 5
) -> MyLearning:
    """Enrolled courses (latest activity first), enrolled paths, recently watched lessons."""
    with uow_factory() as uow:
        rows = uow.progress.for_user(user_id, entity_type=COURSE)
        updated = {row.entity_id: row.updated_at for row in rows}
        courses = list(
            uow.session.scalars(
                select(Course)
                .where(Course.id.in_(list(updated)))
                .options(selectinload(Course.author))
            )
        )
        summaries = summarize_courses(uow, courses)
        # The last lesson watched per course, and when.
        watched = uow.session.execute(
            select(Module.course_id, LessonPlayback.lesson_id, LessonPlayback.last_watched_at)
            .join(Lesson, Lesson.id == LessonPlayback.lesson_id)
            .join(Module, Module.id == Lesson.module_id)
            .where(LessonPlayback.user_id == user_id, Module.course_id.in_(list(updated)))
            .order_by(LessonPlayback.last_watched_at.desc().nulls_last())
        ).all()
        last_watched: dict[uuid.UUID, tuple[uuid.UUID, dt.datetime | None]] = {}
        for course_id, lesson_id, at in watched:
            if course_id is not None:
                last_watched.setdefault(course_id, (lesson_id, at))
        path_rows = [
            (row.entity_id, _state_of(row), row.updated_at)
            for row in uow.progress.for_user(user_id, entity_type=LEARNING_PATH)
        ]

    enrolled: list[EnrolledCourse] = []
    for summary in summaries:
        figures = progress.course_progress(uow_factory, user_id=user_id, course_id=summary.id)
        lessons = {lesson.lesson_id: lesson for lesson in figures.lessons}
        recent_lesson, watched_at = last_watched.get(summary.id, (None, None))
        next_id = _continue_with(figures, recent_lesson)
        enrolled.append(
            EnrolledCourse(
                course=summary,
                status=figures.status,
                percentage=figures.percentage,
                last_activity=_latest(updated.get(summary.id), watched_at),
                next_lesson_id=next_id,
                next_lesson_title=lessons[next_id].title if next_id in lessons else None,
            )
        )
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    enrolled.sort(key=lambda c: (c.last_activity or oldest, c.course.title), reverse=True)

    paths: list[EnrolledPath] = []
    for path_id, stored, updated_at in path_rows:
        try:
            view = path_view(uow_factory, user_id, path_id)
        except NotFoundError:
            continue  # unpublished or removed since (under RLS: no longer visible)
        shown = merge(stored, view.state)
        paths.append(
            EnrolledPath(
                path=view.path,
                status=shown.status,
                percentage=shown.percentage,
                completed_steps=view.completed_steps,
                last_activity=updated_at,
            )
        )
    recent = progress.recently_watched(uow_factory, user_id=user_id, limit=recent_limit)
    return MyLearning(courses=tuple(enrolled), paths=tuple(paths), recent=tuple(recent))


# ----------------------------------------------------------------------- learning paths


@dataclass(frozen=True, slots=True)
class PathStepView:
    index: int
    kind: str  # 'course' | 'assessment'
    entity_id: uuid.UUID
    title: str
    status: str
    percentage: int
    #: A line of detail in words ("3 of 6 lessons", "Best score 50 % · pass mark 60 %").
    detail: str
    #: For a course step: the lesson that opening the step continues with.
    next_lesson_id: uuid.UUID | None = None
    #: Why the person may not open this step (their plan), or None.
    locked_reason: str | None = None

    @property
    def completed(self) -> bool:
        return self.status == COMPLETED


@dataclass(frozen=True, slots=True)
class PathView:
    path: PathSummary
    steps: tuple[PathStepView, ...]
    #: True when the person has a ``learning_path`` progress row (has started the path).
    enrolled: bool

    @property
    def completed_steps(self) -> int:
        return sum(1 for step in self.steps if step.completed)

    @property
    def percentage(self) -> int:
        return path_percentage(self.completed_steps, len(self.steps))

    @property
    def status(self) -> str:
        if self.steps and self.completed_steps == len(self.steps):
            return COMPLETED
        started = self.enrolled or any(s.status != NOT_STARTED for s in self.steps)
        return IN_PROGRESS if started else NOT_STARTED

    @property
    def state(self) -> ProgressState:
        return ProgressState(status=self.status, percentage=self.percentage)

    @property
    def next_step(self) -> PathStepView | None:
        """The first step not completed (None when the path is done)."""
        return next((step for step in self.steps if not step.completed), None)


def _course_step(
    uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, index: int, course_id: uuid.UUID
) -> PathStepView:
    try:
        figures = progress.course_progress(uow_factory, user_id=user_id, course_id=course_id)
    except NotFoundError:
        return PathStepView(
            index, COURSE, course_id, "A course that is no longer available", NOT_STARTED, 0, ""
        )
    lessons = figures.lessons
    done = sum(1 for lesson in lessons if lesson.status == COMPLETED)
    status = figures.status
    access = plan_access(uow_factory, user_id, course_id)
    with uow_factory() as uow:
        following = _continue_with(figures, _last_watched_in(uow, user_id, course_id))
    return PathStepView(
        index=index,
        kind=COURSE,
        entity_id=course_id,
        title=figures.title,
        status=status,
        percentage=100 if status == COMPLETED else figures.percentage,
        detail=f"{done} of {len(lessons)} lessons done",
        next_lesson_id=following or (lessons[0].lesson_id if lessons else None),
        locked_reason=None if access.allowed else access.reason,
    )


def _assessment_step(
    uow: UnitOfWork, user_id: uuid.UUID, index: int, assessment_id: uuid.UUID
) -> PathStepView:
    assessment = uow.session.get(Assessment, assessment_id)
    if assessment is None:
        return PathStepView(
            index,
            ASSESSMENT,
            assessment_id,
            "An assessment that is no longer available",
            NOT_STARTED,
            0,
            "",
        )
    attempts = list(
        uow.session.scalars(
            select(AssessmentAttempt).where(
                AssessmentAttempt.user_id == user_id,
                AssessmentAttempt.assessment_id == assessment_id,
                AssessmentAttempt.status == "graded",
            )
        )
    )
    row = uow.progress.get(user_id, ASSESSMENT, assessment_id)
    passed = any(a.passed for a in attempts) or (row is not None and row.status == COMPLETED)
    scores = [a.score for a in attempts if a.score is not None]
    best = max(scores) if scores else None
    pass_mark = assessment.passing_score or 0
    if passed:
        status, percentage = COMPLETED, 100
    elif attempts or row is not None:
        status, percentage = IN_PROGRESS, min(best or 0, 99)
    else:
        status, percentage = NOT_STARTED, 0
    if best is None:
        detail = f"Pass mark {pass_mark} %" if pass_mark else "Not attempted yet"
    else:
        detail = f"Best score {best} % · pass mark {pass_mark} %"
    return PathStepView(
        index=index,
        kind=ASSESSMENT,
        entity_id=assessment_id,
        title=assessment.title,
        status=status,
        percentage=percentage,
        detail=detail,
    )


def path_view(uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, path_id: uuid.UUID) -> PathView:
    """The path's steps in order, each with the person's status and percentage."""
    with uow_factory() as uow:
        path = uow.paths.get(path_id)
        if path is None:
            raise NotFoundError("this learning path no longer exists")
        summary = _path_summary(path)
        plan = [(step.entity_type, step.entity_id) for step in path.steps]
        enrolled = uow.progress.get(user_id, LEARNING_PATH, path_id) is not None
        assessment_steps = {
            index: _assessment_step(uow, user_id, index, entity_id)
            for index, (kind, entity_id) in enumerate(plan)
            if kind == ASSESSMENT
        }
    steps = [
        assessment_steps[index]
        if index in assessment_steps
        else _course_step(uow_factory, user_id, index, entity_id)
        for index, (_kind, entity_id) in enumerate(plan)
    ]
    return PathView(path=summary, steps=tuple(steps), enrolled=enrolled)


def _retrying(uow_factory: UnitOfWorkFactory, work: Callable[[UnitOfWork], T]) -> T:
    """Run ``work``; once more if a concurrent save inserted the same row first."""
    for attempt in range(2):
        try:
            with uow_factory() as uow:
                return work(uow)
        except IntegrityError:
            if attempt == 1:
                raise ConflictError(
                    "your path progress could not be saved: it collided with another change"
                ) from None
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
                raise PermissionDeniedError("you can only record your own progress") from None
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def refresh_path_progress(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    path_id: uuid.UUID,
    *,
    start: bool = False,
    now: dt.datetime | None = None,
) -> PathView:
    """Bring the person's ``learning_path`` row up to date with the path's steps.

    Writes only for a person who started the path (has a row), or with ``start=True``
    (the "Start this path" button), which creates the row. Merged with what is stored:
    percentage and status never go down; ``completed_at`` is set once.
    """
    view = path_view(uow_factory, user_id, path_id)
    if not view.enrolled and not start:
        return view
    state = view.state
    if state.status == NOT_STARTED:
        state = ProgressState(status=IN_PROGRESS, percentage=state.percentage)
    if state.status == COMPLETED:
        state = ProgressState(status=COMPLETED, percentage=100, completed_at=now or _now())

    def work(uow: UnitOfWork) -> None:
        row = uow.progress.get(user_id, LEARNING_PATH, path_id)
        after = merge(_state_of(row), state)
        if row is None:
            uow.progress.add(
                UserProgress(
                    id=uuid.uuid4(),
                    user_id=user_id,
                    entity_type=LEARNING_PATH,
                    entity_id=path_id,
                    status=after.status,
                    progress_percentage=after.percentage,
                    completed_at=after.completed_at,
                )
            )
        elif (row.status, row.progress_percentage, row.completed_at) != (
            after.status,
            after.percentage,
            after.completed_at,
        ):
            row.status = after.status
            row.progress_percentage = after.percentage
            row.completed_at = after.completed_at
        uow.commit()

    _retrying(uow_factory, work)
    return PathView(path=view.path, steps=view.steps, enrolled=True)


def refresh_enrolled_paths(uow_factory: UnitOfWorkFactory, user_id: uuid.UUID) -> int:
    """Refresh every path the person started; returns how many there are."""
    with uow_factory() as uow:
        ids = [row.entity_id for row in uow.progress.for_user(user_id, entity_type=LEARNING_PATH)]
    for path_id in ids:
        try:
            refresh_path_progress(uow_factory, user_id, path_id)
        except NotFoundError:
            continue
    return len(ids)


# ----------------------------------------------------------------------- statistics


@dataclass(frozen=True, slots=True)
class WeekStudy:
    #: Monday of the ISO week.
    week_start: dt.date
    iso_year: int
    iso_week: int
    seconds: float

    @property
    def label(self) -> str:
        return f"W{self.iso_week:02d}"


@dataclass(frozen=True, slots=True)
class CourseCompletion:
    course_id: uuid.UUID
    title: str
    status: str
    percentage: int


@dataclass(frozen=True, slots=True)
class ScorePoint:
    attempt_id: uuid.UUID
    assessment_id: uuid.UUID
    assessment_title: str
    submitted_at: dt.datetime
    score: int
    passed: bool
    passing_score: int | None


@dataclass(frozen=True, slots=True)
class ProgressStats:
    #: The last ``STATS_WEEKS`` ISO weeks, oldest first (weeks without study count 0).
    weeks: tuple[WeekStudy, ...]
    #: Enrolled courses by title.
    courses: tuple[CourseCompletion, ...]
    #: Graded attempts, oldest first.
    scores: tuple[ScorePoint, ...]

    @property
    def total_seconds(self) -> float:
        return sum(week.seconds for week in self.weeks)


def progress_stats(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    today: dt.date | None = None,
    weeks: int = STATS_WEEKS,
) -> ProgressStats:
    """Seconds studied per ISO week, completion per enrolled course, scores over time."""
    day = today or _now().date()
    this_monday = day - dt.timedelta(days=day.weekday())
    mondays = [this_monday - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    with uow_factory() as uow:
        per_day = uow.session.execute(
            select(StudyTime.day, func.sum(StudyTime.seconds))
            .where(
                StudyTime.user_id == user_id,
                StudyTime.day >= mondays[0],
                StudyTime.day <= this_monday + dt.timedelta(days=6),
            )
            .group_by(StudyTime.day)
        ).all()
        totals: dict[dt.date, float] = defaultdict(float)
        for studied_on, seconds in per_day:
            totals[studied_on - dt.timedelta(days=studied_on.weekday())] += float(seconds or 0)
        week_rows = tuple(
            WeekStudy(
                week_start=monday,
                iso_year=monday.isocalendar().year,
                iso_week=monday.isocalendar().week,
                seconds=totals.get(monday, 0.0),
            )
            for monday in mondays
        )
        course_rows = uow.session.execute(
            select(Course.id, Course.title, UserProgress.status, UserProgress.progress_percentage)
            .join(UserProgress, UserProgress.entity_id == Course.id)
            .where(UserProgress.user_id == user_id, UserProgress.entity_type == COURSE)
            .order_by(Course.title)
        ).all()
        completions = tuple(
            CourseCompletion(
                course_id=cid,
                title=title,
                status=status,
                percentage=100 if status == COMPLETED else min(max(int(pct or 0), 0), 100),
            )
            for cid, title, status, pct in course_rows
        )
        attempts = uow.session.execute(
            select(AssessmentAttempt, Assessment.title, Assessment.passing_score)
            .join(Assessment, Assessment.id == AssessmentAttempt.assessment_id)
            .where(
                AssessmentAttempt.user_id == user_id,
                AssessmentAttempt.status == "graded",
                AssessmentAttempt.score.is_not(None),
                AssessmentAttempt.submitted_at.is_not(None),
            )
            .order_by(AssessmentAttempt.submitted_at)
        ).all()
        scores = tuple(
            ScorePoint(
                attempt_id=attempt.id,
                assessment_id=attempt.assessment_id,
                assessment_title=title,
                submitted_at=attempt.submitted_at or attempt.started_at,
                score=attempt.score or 0,
                passed=bool(attempt.passed),
                passing_score=passing,
            )
            for attempt, title, passing in attempts
        )
    return ProgressStats(weeks=week_rows, courses=completions, scores=scores)


__all__ = [
    "LEARNING_PATH",
    "Access",
    "CourseCompletion",
    "CourseOverview",
    "EnrolledCourse",
    "EnrolledPath",
    "MyLearning",
    "PathStepView",
    "PathView",
    "ProgressStats",
    "ScorePoint",
    "WeekStudy",
    "active_plans",
    "course_overview",
    "my_learning",
    "path_view",
    "plan_access",
    "progress_stats",
    "refresh_enrolled_paths",
    "refresh_path_progress",
]
