"""A learner's progress: enrol, play lessons, complete them, roll up to modules and courses.

Rows of ``user_progress`` (one per person and entity, a unique constraint says so):
``entity_type`` is ``lesson``, ``module`` or ``course`` here (``assessment`` and
``learning_path`` are written elsewhere); ``status`` is not_started / in_progress /
completed; ``progress_percentage`` 0–100; ``completed_at`` the earliest completion.

Every write merges with what is stored by :func:`elearn_desktop.domain.progress.merge`, so
progress never goes backwards and a repeated or late save changes nothing. Watched ranges
and the resume position live in ``lesson_playback``; seconds studied per day in
``study_time``. Module and course percentages are duration-weighted over all their
lessons (a lesson without progress counts 0).

Writes are plain ORM select-then-insert/update inside one unit of work, so they work for
a learner's own PostgreSQL login under row-level security (no ON CONFLICT, which would
need privileges a learner lacks). Two saves racing for the same rows are settled by
retrying the loser's whole transaction (see ``_run``).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import and_, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from elearn_desktop.data.models import (
    Course,
    Lesson,
    LessonPlayback,
    Module,
    StudyTime,
    UserProgress,
    VideoAsset,
)
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from elearn_desktop.domain.progress import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    STATUS_ORDER,
    LessonProgress,
    ProgressState,
    Range,
    lesson_percentage,
    merge,
    normalize_ranges,
    video_lesson_complete,
    weighted_percentage,
)
from elearn_desktop.services.media import VideoSource, resolve_video_source

LESSON = "lesson"
MODULE = "module"
COURSE = "course"

T = TypeVar("T")
_ATTEMPTS = 6
_BACKOFF_S = 0.02  # doubled each attempt: at most about 1 s in all
_INSUFFICIENT_PRIVILEGE = "42501"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class EntityProgress:
    """One progress row after a change; ``changed`` says whether this call altered it."""

    entity_type: str
    entity_id: uuid.UUID
    status: str
    percentage: int
    completed_at: dt.datetime | None
    changed: bool = False

    @property
    def completed(self) -> bool:
        return self.status == COMPLETED


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """What a lesson save changed: the lesson, and its module and course roll-ups."""

    lesson: EntityProgress
    module: EntityProgress | None
    course: EntityProgress | None
    watched: tuple[Range, ...] = ()
    resume_position_s: float | None = None
    #: True when this save is the one that completed the lesson.
    completed_now: bool = False

    @property
    def lesson_id(self) -> uuid.UUID:
        return self.lesson.entity_id

    @property
    def changed(self) -> tuple[EntityProgress, ...]:
        """Only the rows this save altered (what a view needs to repaint)."""
        rows = (self.lesson, self.module, self.course)
        return tuple(row for row in rows if row is not None and row.changed)


@dataclass(frozen=True, slots=True)
class LessonContext:
    """Everything the player shows for one lesson, read in one unit of work."""

    lesson_id: uuid.UUID
    title: str
    description: str | None
    duration_min: int | None
    module_id: uuid.UUID | None
    module_title: str | None
    course_id: uuid.UUID | None
    course_title: str | None
    #: True when the lesson has a video (it then completes by watching, not by marking).
    has_video: bool
    #: Where the video plays from; None for text-only lessons or when it cannot play.
    video: VideoSource | None
    #: Why the video cannot play at all, in plain words (None when it can, or no video).
    video_problem: str | None
    watched: tuple[Range, ...]
    resume_position_s: float | None
    status: str
    percentage: int
    completed_at: dt.datetime | None
    previous_lesson_id: uuid.UUID | None
    next_lesson_id: uuid.UUID | None
    next_lesson_title: str | None
    #: 1-based place of the lesson in its course, and how many lessons the course has.
    lesson_number: int
    lesson_count: int

    @property
    def completed(self) -> bool:
        return self.status == COMPLETED


@dataclass(frozen=True, slots=True)
class LessonProgressSummary:
    lesson_id: uuid.UUID
    title: str
    duration_min: int | None
    has_video: bool
    status: str
    percentage: int


@dataclass(frozen=True, slots=True)
class ModuleProgressSummary:
    module_id: uuid.UUID
    title: str
    status: str
    percentage: int
    lessons: tuple[LessonProgressSummary, ...]


@dataclass(frozen=True, slots=True)
class CourseProgress:
    course_id: uuid.UUID
    title: str
    #: True once the person has a progress row for the course (enrolled or studied).
    enrolled: bool
    status: str
    percentage: int
    modules: tuple[ModuleProgressSummary, ...]
    #: The first lesson in course order that is not completed (None: all done).
    next_lesson_id: uuid.UUID | None

    @property
    def lessons(self) -> tuple[LessonProgressSummary, ...]:
        return tuple(lesson for module in self.modules for lesson in module.lessons)


@dataclass(frozen=True, slots=True)
class RecentLesson:
    lesson_id: uuid.UUID
    title: str
    course_id: uuid.UUID | None
    course_title: str | None
    module_title: str | None
    last_watched_at: dt.datetime | None
    resume_position_s: float | None
    status: str
    percentage: int


# --------------------------------------------------------------------------- helpers


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime, field: str) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, f"{field.replace('_', ' ')} must carry a time zone")
    return value.astimezone(dt.UTC)


def _seconds(value: float, field: str, *, positive: bool = False) -> float:
    number = float(value)
    if not math.isfinite(number) or number < 0 or (positive and number == 0):
        need = "more than 0" if positive else "0 or more"
        raise ValidationError(field, f"{field.replace('_', ' ')} must be {need} seconds")
    return number


def _run(uow_factory: UnitOfWorkFactory, work: Callable[[UnitOfWork], T]) -> T:
    """Run ``work`` in a unit of work; retry when a concurrent save got in first.

    The whole transaction is retried (it reads again what the other one wrote), which is
    safe because every write here is a merge. Two kinds of collision are retried:

    * a unique violation: another save inserted the same progress row first;
    * SQLite's "database is locked" when a transaction that has already read wants to
      write while another one writes: SQLite does not wait in that case (it would
      deadlock), so this waits a little, with jitter, and starts over.
    """
    for attempt in range(_ATTEMPTS):
        last = attempt == _ATTEMPTS - 1
        try:
            with uow_factory() as uow:
                return work(uow)
        except IntegrityError:
            if last:
                raise ConflictError(
                    "your progress could not be saved: it collided with another change "
                    "(the lesson or the account may have been removed)"
                ) from None
        except OperationalError as exc:
            if "database is locked" not in str(exc.orig) or last:
                raise
            time.sleep(_BACKOFF_S * 2**attempt * (0.5 + random.random()))
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
                raise PermissionDeniedError("you can only record your own progress") from None
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def _state_of(row: UserProgress | None) -> ProgressState:
    """A stored row as a mergeable state (tolerant of what other clients may have written)."""
    if row is None:
        return ProgressState()
    return _state_from(row.status, row.progress_percentage, row.completed_at)


def _state_from(
    status: str | None, percentage: int | None, completed_at: dt.datetime | None
) -> ProgressState:
    """Stored progress values as a mergeable state (tolerant of other clients' values)."""
    percent = min(max(int(percentage or 0), 0), 100)
    known = status if status in STATUS_ORDER else None
    if known is None:
        known = COMPLETED if percent == 100 else IN_PROGRESS if percent else NOT_STARTED
    return ProgressState(status=known, percentage=percent, completed_at=completed_at)


def _merge_row(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    entity_type: str,
    entity_id: uuid.UUID,
    incoming: ProgressState,
) -> EntityProgress:
    """Merge ``incoming`` into the person's row for the entity (inserting it if missing)."""
    row = uow.progress.get(user_id, entity_type, entity_id)
    before = _state_of(row)
    after = merge(before, incoming)
    stored = (
        row is not None
        and row.status == after.status
        and row.progress_percentage == after.percentage
        and row.completed_at == after.completed_at
    )
    if row is None:
        uow.progress.add(
            UserProgress(
                id=uuid.uuid4(),
                user_id=user_id,
                entity_type=entity_type,
                entity_id=entity_id,
                status=after.status,
                progress_percentage=after.percentage,
                completed_at=after.completed_at,
            )
        )
    elif not stored:
        row.status = after.status
        row.progress_percentage = after.percentage
        row.completed_at = after.completed_at
    return EntityProgress(
        entity_type=entity_type,
        entity_id=entity_id,
        status=after.status,
        percentage=after.percentage,
        completed_at=after.completed_at,
        changed=not stored,
    )


@dataclass(frozen=True, slots=True)
class _Outline:
    """A course's lessons in study order, with their modules."""

    course: Course
    modules: tuple[Module, ...]
    lessons: tuple[Lesson, ...]  # course order: module order, then lesson order

    def lessons_of(self, module_id: uuid.UUID) -> list[Lesson]:
        return [lesson for lesson in self.lessons if lesson.module_id == module_id]


def _outline(uow: UnitOfWork, course_id: uuid.UUID) -> _Outline | None:
    course = uow.session.get(Course, course_id)
    if course is None:
        return None
    modules = tuple(
        uow.session.scalars(
            select(Module)
            .where(Module.course_id == course_id)
            .order_by(Module.order_index, Module.id)
        )
    )
    lessons = tuple(
        uow.session.scalars(
            select(Lesson)
            .join(Module, Lesson.module_id == Module.id)
            .where(Module.course_id == course_id)
            .order_by(Module.order_index, Module.id, Lesson.order_index, Lesson.id)
        )
    )
    return _Outline(course=course, modules=modules, lessons=lessons)


def _lesson_rows(
    uow: UnitOfWork, user_id: uuid.UUID, lesson_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, UserProgress]:
    ids = list(lesson_ids)
    if not ids:
        return {}
    rows = uow.session.scalars(
        select(UserProgress).where(
            UserProgress.user_id == user_id,
            UserProgress.entity_type == LESSON,
            UserProgress.entity_id.in_(ids),
        )
    )
    return {row.entity_id: row for row in rows}


def _rollup(
    lessons: Sequence[Lesson], rows: dict[uuid.UUID, UserProgress], at: dt.datetime | None
) -> ProgressState:
    """The duration-weighted state of a module or course from its lessons' rows."""
    parts = []
    started = False
    for lesson in lessons:
        state = _state_of(rows.get(lesson.id))
        started = started or state.status != NOT_STARTED or state.percentage > 0
        parts.append(
            LessonProgress(
                duration_min=max(lesson.duration or 0, 0),
                percentage=state.percentage,
                completed=state.status == COMPLETED,
            )
        )
    percentage = weighted_percentage(parts)
    if lessons and percentage == 100:
        return ProgressState(status=COMPLETED, percentage=100, completed_at=at or _utc_now())
    return ProgressState(status=IN_PROGRESS if started else NOT_STARTED, percentage=percentage)


def _roll_up(
    uow: UnitOfWork, user_id: uuid.UUID, lesson: Lesson, at: dt.datetime
) -> tuple[EntityProgress | None, EntityProgress | None]:
    """Merge fresh module and course roll-ups into their rows (after the lesson's row)."""
    module = uow.session.get(Module, lesson.module_id) if lesson.module_id else None
    if module is None or module.course_id is None:
        return None, None
    outline = _outline(uow, module.course_id)
    if outline is None:
        return None, None
    uow.flush()  # the lesson's own row is part of the roll-up
    rows = _lesson_rows(uow, user_id, (each.id for each in outline.lessons))
    module_state = _rollup(outline.lessons_of(module.id), rows, at)
    course_state = _rollup(outline.lessons, rows, at)
    return (
        _merge_row(uow, user_id, MODULE, module.id, module_state),
        _merge_row(uow, user_id, COURSE, outline.course.id, course_state),
    )


def _get_lesson(uow: UnitOfWork, lesson_id: uuid.UUID) -> Lesson:
    lesson = uow.session.get(Lesson, lesson_id)
    if lesson is None:
        raise NotFoundError("this lesson no longer exists")
    return lesson


def _ranges_json(ranges: Iterable[Range]) -> list[list[float]]:
    return [[start, end] for start, end in ranges]


def _ranges_of(value: Any) -> tuple[Range, ...]:
    """Stored watched ranges; anything malformed (from another client) is ignored."""
    pairs: list[Range] = []
    for item in value or ():
        try:
            start, end = item
            pairs.append((float(start), float(end)))
        except (TypeError, ValueError):
            continue
    try:
        return normalize_ranges(pairs)
    except ValidationError:
        return normalize_ranges(p for p in pairs if all(map(math.isfinite, p)))


# --------------------------------------------------------------------------- use cases


def enrol(
    uow_factory: UnitOfWorkFactory, *, user_id: uuid.UUID, course_id: uuid.UUID
) -> EntityProgress:
    """Start a course: its progress row becomes in_progress (never lowers what is there)."""

    def work(uow: UnitOfWork) -> EntityProgress:
        outline = _outline(uow, course_id)
        if outline is None:
            raise NotFoundError("this course no longer exists")
        rows = _lesson_rows(uow, user_id, (lesson.id for lesson in outline.lessons))
        state = _rollup(outline.lessons, rows, None)
        if state.status == NOT_STARTED:
            state = ProgressState(status=IN_PROGRESS, percentage=state.percentage)
        result = _merge_row(uow, user_id, COURSE, course_id, state)
        uow.commit()
        return result

    return _run(uow_factory, work)


def lesson_context(
    uow_factory: UnitOfWorkFactory,
    *,
    user_id: uuid.UUID,
    lesson_id: uuid.UUID,
    media_dir: Path | str | None = None,
) -> LessonContext:
    """The lesson, where its video plays from, and where this person is in it.

    Two plain-column queries (the lesson with its module, course, video asset, playback
    and progress rows; the course's lessons in order) rather than eight entity loads:
    opening the first lesson of a session waited for SQLAlchemy to compile each statement
    once (~10 ms of its first video frame, issue #8 workload 9).
    """
    playback_on = and_(LessonPlayback.user_id == user_id, LessonPlayback.lesson_id == Lesson.id)
    progress_on = and_(
        UserProgress.user_id == user_id,
        UserProgress.entity_type == LESSON,
        UserProgress.entity_id == Lesson.id,
    )
    with uow_factory() as uow:
        row = uow.session.execute(
            select(
                Lesson.title,
                Lesson.description,
                Lesson.duration,
                Lesson.video_asset_id,
                Module.id.label("module_id"),
                Module.title.label("module_title"),
                Course.id.label("course_id"),
                Course.title.label("course_title"),
                VideoAsset.id.label("asset_id"),
                VideoAsset.provider,
                VideoAsset.provider_id,
                LessonPlayback.watched_ranges,
                LessonPlayback.resume_position_s,
                LessonPlayback.user_id.label("playback_user_id"),
                UserProgress.status,
                UserProgress.progress_percentage,
                UserProgress.completed_at,
                UserProgress.id.label("progress_id"),
            )
            .select_from(Lesson)
            .outerjoin(Module, Module.id == Lesson.module_id)
            .outerjoin(Course, Course.id == Module.course_id)
            .outerjoin(VideoAsset, VideoAsset.id == Lesson.video_asset_id)
            .outerjoin(LessonPlayback, playback_on)
            .outerjoin(UserProgress, progress_on)
            .where(Lesson.id == lesson_id)
            .limit(1)
        ).one_or_none()
        if row is None:
            raise NotFoundError("this lesson no longer exists")
        order: list[tuple[uuid.UUID, str]] = [(lesson_id, row.title)]
        if row.course_id is not None:
            order = [
                (each.id, each.title)
                for each in uow.session.execute(
                    select(Lesson.id, Lesson.title)
                    .join(Module, Lesson.module_id == Module.id)
                    .where(Module.course_id == row.course_id)
                    .order_by(Module.order_index, Module.id, Lesson.order_index, Lesson.id)
                )
            ]
    index = next(i for i, (each_id, _title) in enumerate(order) if each_id == lesson_id)
    previous = order[index - 1] if index > 0 else None
    following = order[index + 1] if index + 1 < len(order) else None

    video: VideoSource | None = None
    problem: str | None = None
    if row.video_asset_id is not None:
        if row.asset_id is None:
            problem = "This lesson's video is no longer available."
        else:
            try:
                video = resolve_video_source(row, media_dir=media_dir)
            except ValidationError as exc:
                problem = f"This lesson's video cannot be played: {exc}."

    played = row.playback_user_id is not None
    state = (
        _state_from(row.status, row.progress_percentage, row.completed_at)
        if row.progress_id is not None
        else ProgressState()
    )
    return LessonContext(
        lesson_id=lesson_id,
        title=row.title,
        description=row.description,
        duration_min=row.duration,
        module_id=row.module_id,
        module_title=row.module_title,
        course_id=row.course_id,
        course_title=row.course_title,
        has_video=row.video_asset_id is not None,
        video=video,
        video_problem=problem,
        watched=_ranges_of(row.watched_ranges) if played else (),
        resume_position_s=row.resume_position_s if played else None,
        status=state.status,
        percentage=state.percentage,
        completed_at=state.completed_at,
        previous_lesson_id=previous[0] if previous else None,
        next_lesson_id=following[0] if following else None,
        next_lesson_title=following[1] if following else None,
        lesson_number=index + 1,
        lesson_count=len(order),
    )


def record_playback(
    uow_factory: UnitOfWorkFactory,
    *,
    user_id: uuid.UUID,
    lesson_id: uuid.UUID,
    ranges: Iterable[Range],
    resume_position_s: float | None,
    event_at: dt.datetime,
    media_duration_s: float,
    studied_s: float = 0.0,
    roll_up: bool = True,
) -> ProgressUpdate:
    """Save what the person watched of a video lesson, in one transaction.

    Merges the watched ranges (union) and the resume position (the later ``event_at``
    wins) into ``lesson_playback``; sets the lesson's row from the coverage of the merged
    ranges (completed at ≥ 90 %, ``completed_at`` once); adds ``studied_s`` to the
    ``study_time`` row of ``event_at``'s UTC day; then rolls up module and course.

    ``roll_up=False`` is the player's periodic tick: it writes the playback and study
    time rows only, and leaves the lesson's row and the module and course roll-ups to
    the next full save (pause, end, leaving the lesson) — unless the merged ranges
    complete the lesson, which then saves its row and rolls up at once. Nothing is lost
    by waiting: the playback row holds the ranges, and every full save recomputes the
    lesson and its roll-ups from them. A deferred update reports the lesson as computed
    from the merged ranges (``changed`` False, nothing stored) and ``module`` and
    ``course`` as None.
    """
    when = _aware(event_at, "event_at")
    duration = _seconds(media_duration_s, "media_duration_s", positive=True)
    studied = _seconds(studied_s, "studied_s")
    watched_in = normalize_ranges(ranges)
    resume = None
    if resume_position_s is not None:
        resume = min(_seconds(resume_position_s, "resume_position_s"), duration)

    def work(uow: UnitOfWork) -> ProgressUpdate:
        # One flush at the end instead of one before each read: the reads below do not
        # depend on the writes before them (other tables, or rows already in the session).
        with uow.session.no_autoflush:
            lesson = _get_lesson(uow, lesson_id)
            if lesson.video_asset_id is None:
                raise ValidationError("lesson", "this lesson has no video to record watching for")

            playback = uow.session.get(LessonPlayback, (user_id, lesson_id))
            stored = ProgressState()
            if playback is not None:
                stored = ProgressState(
                    watched=_ranges_of(playback.watched_ranges),
                    resume_position_s=playback.resume_position_s,
                    resume_event_at=playback.resume_event_at,
                )
            merged = merge(
                stored,
                ProgressState(watched=watched_in, resume_position_s=resume, resume_event_at=when),
            )
            if playback is None:
                playback = LessonPlayback(user_id=user_id, lesson_id=lesson_id)
                uow.session.add(playback)
            if _ranges_of(playback.watched_ranges) != merged.watched:
                playback.watched_ranges = _ranges_json(merged.watched)
            playback.resume_position_s = merged.resume_position_s
            playback.resume_event_at = merged.resume_event_at
            last = playback.last_watched_at
            playback.last_watched_at = when if last is None or last < when else last

            complete = video_lesson_complete(merged.watched, duration)
            percentage = lesson_percentage(merged.watched, duration)
            if studied > 0:
                _add_study_time(uow, user_id, lesson_id, when.date(), studied)
        if not roll_up and not complete:
            # A tick that does not complete the lesson: its row and the roll-ups wait for
            # the next full save, which recomputes them from the playback row.
            uow.commit()
            return ProgressUpdate(
                lesson=EntityProgress(LESSON, lesson_id, IN_PROGRESS, percentage, None),
                module=None,
                course=None,
                watched=merged.watched,
                resume_position_s=merged.resume_position_s,
            )
        before = _state_of(uow.progress.get(user_id, LESSON, lesson_id))
        lesson_row = _merge_row(
            uow,
            user_id,
            LESSON,
            lesson_id,
            ProgressState(
                status=COMPLETED if complete else IN_PROGRESS,
                percentage=percentage,
                completed_at=when if complete else None,
            ),
        )
        module_row = course_row = None
        # A tick on a lesson completed before changes no roll-up (it counts 100 there).
        if roll_up or before.status != COMPLETED:
            module_row, course_row = _roll_up(uow, user_id, lesson, when)
        uow.commit()
        return ProgressUpdate(
            lesson=lesson_row,
            module=module_row,
            course=course_row,
            watched=merged.watched,
            resume_position_s=merged.resume_position_s,
            completed_now=lesson_row.completed and before.status != COMPLETED,
        )

    return _run(uow_factory, work)


def _add_study_time(
    uow: UnitOfWork, user_id: uuid.UUID, lesson_id: uuid.UUID, day: dt.date, seconds: float
) -> None:
    row = uow.session.get(StudyTime, (user_id, day, lesson_id))
    if row is None:
        uow.session.add(StudyTime(user_id=user_id, day=day, lesson_id=lesson_id, seconds=seconds))
    else:
        row.seconds = (row.seconds or 0.0) + seconds


def mark_lesson_complete(
    uow_factory: UnitOfWorkFactory,
    *,
    user_id: uuid.UUID,
    lesson_id: uuid.UUID,
    at: dt.datetime | None = None,
) -> ProgressUpdate:
    """Complete a text-only lesson (video lessons complete by watching 90 % of them)."""
    when = _aware(at, "at") if at is not None else _utc_now()

    def work(uow: UnitOfWork) -> ProgressUpdate:
        lesson = _get_lesson(uow, lesson_id)
        if lesson.video_asset_id is not None:
            raise ValidationError(
                "lesson",
                "this lesson has a video: it completes when you have watched 90 % of it",
            )
        before = _state_of(uow.progress.get(user_id, LESSON, lesson_id))
        lesson_row = _merge_row(
            uow,
            user_id,
            LESSON,
            lesson_id,
            ProgressState(status=COMPLETED, percentage=100, completed_at=when),
        )
        module_row, course_row = _roll_up(uow, user_id, lesson, when)
        uow.commit()
        return ProgressUpdate(
            lesson=lesson_row,
            module=module_row,
            course=course_row,
            completed_now=before.status != COMPLETED,
        )

    return _run(uow_factory, work)


def course_progress(
    uow_factory: UnitOfWorkFactory, *, user_id: uuid.UUID, course_id: uuid.UUID
) -> CourseProgress:
    """Status and percentage of the course, each module and each lesson; the next lesson.

    Module and course figures are the stored rows merged with a fresh roll-up, so they
    agree with the lessons and never show less than was recorded.
    """
    with uow_factory() as uow:
        outline = _outline(uow, course_id)
        if outline is None:
            raise NotFoundError("this course no longer exists")
        rows = _lesson_rows(uow, user_id, (lesson.id for lesson in outline.lessons))
        summaries: list[ModuleProgressSummary] = []
        next_lesson: uuid.UUID | None = None
        for module in outline.modules:
            lessons = outline.lessons_of(module.id)
            items = []
            for lesson in lessons:
                state = _state_of(rows.get(lesson.id))
                if next_lesson is None and state.status != COMPLETED:
                    next_lesson = lesson.id
                items.append(
                    LessonProgressSummary(
                        lesson_id=lesson.id,
                        title=lesson.title,
                        duration_min=lesson.duration,
                        has_video=lesson.video_asset_id is not None,
                        status=state.status,
                        percentage=state.percentage,
                    )
                )
            module_state = merge(
                _state_of(uow.progress.get(user_id, MODULE, module.id)),
                _rollup(lessons, rows, None),
            )
            summaries.append(
                ModuleProgressSummary(
                    module_id=module.id,
                    title=module.title,
                    status=module_state.status,
                    percentage=module_state.percentage,
                    lessons=tuple(items),
                )
            )
        course_row = uow.progress.get(user_id, COURSE, course_id)
        course_state = merge(_state_of(course_row), _rollup(outline.lessons, rows, None))
        return CourseProgress(
            course_id=course_id,
            title=outline.course.title,
            enrolled=course_row is not None,
            status=course_state.status,
            percentage=course_state.percentage,
            modules=tuple(summaries),
            next_lesson_id=next_lesson,
        )


def recently_watched(
    uow_factory: UnitOfWorkFactory, *, user_id: uuid.UUID, limit: int = 5
) -> list[RecentLesson]:
    """The person's most recently watched video lessons, latest first."""
    if limit <= 0:
        return []
    with uow_factory() as uow:
        found = uow.session.execute(
            select(LessonPlayback, Lesson, Module, Course)
            .join(Lesson, Lesson.id == LessonPlayback.lesson_id)
            .outerjoin(Module, Module.id == Lesson.module_id)
            .outerjoin(Course, Course.id == Module.course_id)
            .where(LessonPlayback.user_id == user_id)
            .order_by(LessonPlayback.last_watched_at.desc().nulls_last(), Lesson.title)
            .limit(limit)
        ).all()
        rows = _lesson_rows(uow, user_id, (lesson.id for _p, lesson, _m, _c in found))
        result = []
        for playback, lesson, module, course in found:
            state = _state_of(rows.get(lesson.id))
            result.append(
                RecentLesson(
                    lesson_id=lesson.id,
                    title=lesson.title,
                    course_id=course.id if course else None,
                    course_title=course.title if course else None,
                    module_title=module.title if module else None,
                    last_watched_at=playback.last_watched_at,
                    resume_position_s=playback.resume_position_s,
                    status=state.status,
                    percentage=state.percentage,
                )
            )
        return result
