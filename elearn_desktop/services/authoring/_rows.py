"""Shared internals of the authoring services: permission checks, row locks, stamps of
``updated_at``, dense ordering, the derived duration, and loading a :class:`CourseDraft`."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from elearn_desktop.data.models import Course, Lesson, Module, User, VideoAsset
from elearn_desktop.data.types import utcnow
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain import publishing
from elearn_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from elearn_desktop.domain.publishing import DRAFT, FieldProblem
from elearn_desktop.services.authoring.results import (
    CourseDraft,
    EditConflictError,
    LessonDraft,
    ModuleDraft,
    VideoInfo,
)
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

T = TypeVar("T")


_ONE_MICROSECOND = dt.timedelta(microseconds=1)


_COPY_SUFFIX = " (copy)"


def _is_postgresql(uow: UnitOfWork) -> bool:
    return uow.session.get_bind().dialect.name == "postgresql"


def _may_edit_any(actor: UserSummary | None) -> bool:
    return actor is None or "admin" in actor.roles


def _check_owner(actor: UserSummary | None, course: Course) -> None:
    if not _may_edit_any(actor) and actor is not None and course.author_id != actor.id:
        raise PermissionDeniedError(
            f"'{course.title}' is another instructor's course: you can change only the "
            "courses you author."
        )


def _server_refusal(what: str) -> PermissionDeniedError:
    return PermissionDeniedError(
        f"The server refused to change {what}: instructors may change only the courses "
        "they author (and their modules and lessons). Ask the author or an administrator."
    )


@contextmanager
def _db_words(what: str) -> Iterator[None]:
    """Turn the database's refusals into words (row-level security, vanished rows)."""
    try:
        yield
    except StaleDataError:
        raise ConflictError(
            f"Could not save {what}: it was removed or changed by someone else meanwhile, "
            "or you may not change it. Reload the course to see it as it is now."
        ) from None
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege / RLS
            raise _server_refusal(what) from None
        raise


def _run(uow_factory: UnitOfWorkFactory, what: str, work: Callable[[UnitOfWork], T]) -> T:
    with uow_factory() as uow, _db_words(what):
        return work(uow)


class _Stamper:
    """Stamps changed rows with one time per transaction, never earlier than a row's last."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._now: dt.datetime | None = None

    def now(self) -> dt.datetime:
        if self._now is None:
            if _is_postgresql(self._uow):
                server = self._uow.session.scalar(select(func.current_timestamp()))
                assert isinstance(server, dt.datetime)
                self._now = server.astimezone(dt.UTC)
            else:
                self._now = utcnow()
        return self._now

    def next_for(self, row: Course | Module | Lesson | VideoAsset) -> dt.datetime:
        previous, now = row.updated_at, self.now()
        return max(now, previous + _ONE_MICROSECOND) if previous else now

    def __call__(self, row: Course | Module | Lesson | VideoAsset) -> None:
        row.updated_at = self.next_for(row)


def _lock(uow: UnitOfWork, model: type[T], row_id: uuid.UUID, noun: str) -> T:
    """The row, re-read and locked for this transaction (FOR UPDATE; SQLite locks on write)."""
    entity: Any = model
    stmt = (
        select(entity)
        .where(entity.id == row_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row: T | None = uow.session.scalar(stmt)
    if row is None:
        if uow.session.scalar(select(entity.id).where(entity.id == row_id)) is not None:
            # Visible but not lockable: row-level security lets this person read, not write.
            raise _server_refusal(f"this {noun}")
        raise NotFoundError(f"This {noun} no longer exists: it may have been deleted meanwhile.")
    return row


def _course_for_write(
    uow: UnitOfWork, actor: UserSummary | None, course_id: uuid.UUID | None
) -> Course:
    require(actor, "content.author")
    course = uow.session.get(Course, course_id) if course_id is not None else None
    if course is None:
        raise NotFoundError("This course no longer exists, or you cannot see it.")
    _check_owner(actor, course)
    return _lock(uow, Course, course.id, "course")


def _module_for_write(
    uow: UnitOfWork, actor: UserSummary | None, module_id: uuid.UUID
) -> tuple[Course, Module]:
    module = uow.session.get(Module, module_id)
    if module is None:
        raise NotFoundError("This module no longer exists: it may have been deleted meanwhile.")
    course = _course_for_write(uow, actor, module.course_id)
    return course, _lock(uow, Module, module_id, "module")


def _lesson_for_write(
    uow: UnitOfWork, actor: UserSummary | None, lesson_id: uuid.UUID
) -> tuple[Course, Lesson]:
    lesson = uow.session.get(Lesson, lesson_id)
    if lesson is None:
        raise NotFoundError("This lesson no longer exists: it may have been deleted meanwhile.")
    module = uow.session.get(Module, lesson.module_id) if lesson.module_id else None
    if module is None:
        raise NotFoundError("This lesson's module no longer exists.")
    course = _course_for_write(uow, actor, module.course_id)
    return course, _lock(uow, Lesson, lesson_id, "lesson")


def _modules_of(uow: UnitOfWork, course_id: uuid.UUID) -> list[Module]:
    return list(
        uow.session.scalars(
            select(Module)
            .where(Module.course_id == course_id)
            .order_by(Module.order_index, Module.created_at, Module.id)
            .execution_options(populate_existing=True)
        )
    )


def _lessons_of(uow: UnitOfWork, module_id: uuid.UUID) -> list[Lesson]:
    return list(
        uow.session.scalars(
            select(Lesson)
            .where(Lesson.module_id == module_id)
            .order_by(Lesson.order_index, Lesson.created_at, Lesson.id)
            .execution_options(populate_existing=True)
        )
    )


def _renumber(stamp: _Stamper, rows: Sequence[Module | Lesson]) -> None:
    for index, row in enumerate(rows):
        if row.order_index != index:
            row.order_index = index
            stamp(row)


def _clamp(index: int | None, size: int) -> int:
    return size if index is None else max(0, min(index, size))


def _recompute_duration(uow: UnitOfWork, course_id: uuid.UUID) -> None:
    """The course's duration := the sum of its lessons' (derived: updated_at stays)."""
    uow.flush()
    total = uow.session.scalar(
        select(func.coalesce(func.sum(Lesson.duration), 0))
        .join(Module, Module.id == Lesson.module_id)
        .where(Module.course_id == course_id)
    )
    current = uow.session.scalar(select(Course.duration).where(Course.id == course_id))
    if current != int(total or 0):
        uow.session.execute(
            update(Course)
            .where(Course.id == course_id)
            .values(duration=int(total or 0), updated_at=Course.updated_at)
            .execution_options(synchronize_session=False)
        )


def _raise_field_problems(problems: Sequence[FieldProblem]) -> None:
    if problems:
        raise ValidationError(problems[0].field, problems[0].message)


def _clean_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _minutes(seconds: float) -> int:
    return max(1, round(seconds / 60))


def _copy_title(title: str) -> str:
    return title[: publishing.TITLE_MAX - len(_COPY_SUFFIX)] + _COPY_SUFFIX


def _author_name(uow: UnitOfWork, author_id: uuid.UUID | None) -> str | None:
    if author_id is None:
        return None
    row = uow.session.execute(
        select(User.first_name, User.last_name, User.email).where(User.id == author_id)
    ).first()
    if row is None:  # not visible (row-level security shows learners only themselves)
        return None
    return " ".join(p for p in (row[0], row[1]) if p) or row[2]


def _video_info(asset: VideoAsset) -> VideoInfo:
    return VideoInfo(
        id=asset.id,
        title=asset.title,
        provider=asset.provider,
        provider_id=asset.provider_id,
        status=asset.status or "processing",
        duration_minutes=asset.duration,
    )


#: Which modules' lessons a :class:`CourseDraft` carries: None, all of them; else the ids
#: of the modules whose lessons the editor has loaded (the others come with counts only).
LessonsOf = Collection[uuid.UUID] | None


#: More module ids than this are not put into an ``IN (…)`` list (SQLite's limit on
#: parameters); their lessons are read by course and picked out here instead.
_IN_LIST_MAX = 500


def _module_rows() -> Any:
    """A query of modules as plain rows, with what a :class:`ModuleDraft` shows."""
    return select(
        Module.id, Module.title, Module.description, Module.order_index, Module.updated_at
    )


def _lesson_rows(uow: UnitOfWork, course_id: uuid.UUID, lessons_of: LessonsOf) -> Sequence[Any]:
    stmt = select(
        Lesson.id,
        Lesson.module_id,
        Lesson.title,
        Lesson.description,
        Lesson.duration,
        Lesson.video_asset_id,
        Lesson.order_index,
        Lesson.updated_at,
    ).order_by(Lesson.order_index, Lesson.created_at, Lesson.id)
    if lessons_of is not None and len(lessons_of) <= _IN_LIST_MAX:
        if not lessons_of:
            return []
        return uow.session.execute(stmt.where(Lesson.module_id.in_(list(lessons_of)))).all()
    rows = uow.session.execute(
        stmt.join(Module, Module.id == Lesson.module_id).where(Module.course_id == course_id)
    ).all()
    if lessons_of is None:
        return rows
    wanted = set(lessons_of)
    return [x for x in rows if x.module_id in wanted]


def _lesson_counts(uow: UnitOfWork, course_id: uuid.UUID) -> dict[uuid.UUID, tuple[int, int]]:
    """(lessons, minutes) of each module of the course that has lessons: one grouped query."""
    rows = uow.session.execute(
        select(Lesson.module_id, func.count(), func.coalesce(func.sum(Lesson.duration), 0))
        .join(Module, Module.id == Lesson.module_id)
        .where(Module.course_id == course_id)
        .group_by(Lesson.module_id)
    ).all()
    return {
        module_id: (int(n or 0), int(minutes or 0))
        for module_id, n, minutes in rows
        if module_id is not None
    }


def _lesson_drafts(uow: UnitOfWork, rows: Sequence[Any]) -> list[LessonDraft]:
    """Lesson rows (of :func:`_lesson_rows`) as drafts, with their videos (one query)."""
    asset_ids = {x.video_asset_id for x in rows if x.video_asset_id is not None}
    assets = (
        {
            a.id: _video_info(a)
            for a in uow.session.scalars(
                select(VideoAsset)
                .where(VideoAsset.id.in_(asset_ids))
                .execution_options(populate_existing=True)
            )
        }
        if asset_ids
        else {}
    )
    drafts = []
    for x in rows:
        assert x.module_id is not None
        drafts.append(
            LessonDraft(
                id=x.id,
                module_id=x.module_id,
                title=x.title,
                description=x.description,
                duration_minutes=x.duration,
                video_asset_id=x.video_asset_id,
                video=assets.get(x.video_asset_id) if x.video_asset_id else None,
                order_index=x.order_index,
                updated_at=x.updated_at,
            )
        )
    return drafts


def _draft(
    uow: UnitOfWork,
    course_id: uuid.UUID,
    lessons_of: LessonsOf = None,
    *,
    count: bool = True,
) -> CourseDraft:
    """The course as the editor shows it: every module, and the lessons of the modules in
    ``lessons_of`` (None: all). Modules without their lessons carry counts of them, from
    one grouped query — unless ``count`` is False (the editor's first paint, issue #8)."""
    course = uow.session.scalar(
        select(Course).where(Course.id == course_id).execution_options(populate_existing=True)
    )
    if course is None:
        raise NotFoundError("This course no longer exists, or you cannot see it.")
    # Plain rows, not ORM objects: a course of 1,000 modules × 100 lessons loads in a
    # fraction of the time (issue #8), and nothing here is edited through the session.
    modules = uow.session.execute(
        _module_rows()
        .where(Module.course_id == course_id)
        .order_by(Module.order_index, Module.created_at, Module.id)
    ).all()
    lessons = _lesson_rows(uow, course_id, lessons_of)
    loaded = None if lessons_of is None else set(lessons_of)
    unloaded = loaded is not None and any(m.id not in loaded for m in modules)
    counts = _lesson_counts(uow, course_id) if count and unloaded else {}
    by_module: dict[uuid.UUID, list[LessonDraft]] = {m.id: [] for m in modules}
    for lesson in _lesson_drafts(uow, lessons):
        by_module[lesson.module_id].append(lesson)
    return CourseDraft(
        id=course.id,
        title=course.title,
        description=course.description,
        slug=course.slug,
        thumbnail_url=course.thumbnail_url,
        level=course.level,
        status=course.status or DRAFT,
        duration_minutes=course.duration,
        author_id=course.author_id,
        author_name=_author_name(uow, course.author_id),
        updated_at=course.updated_at,
        modules=tuple(
            _module_draft(
                m, by_module[m.id], counts, loaded=loaded is None or m.id in loaded, count=count
            )
            for m in modules
        ),
    )


def _module_draft(
    m: Any,
    lessons: list[LessonDraft],
    counts: dict[uuid.UUID, tuple[int, int]],
    *,
    loaded: bool,
    count: bool,
) -> ModuleDraft:
    stored = counts.get(m.id, (0, 0)) if count and not loaded else (None, None)
    return ModuleDraft(
        id=m.id,
        title=m.title,
        description=m.description,
        order_index=m.order_index,
        updated_at=m.updated_at,
        lessons=tuple(lessons),
        lessons_loaded=loaded,
        stored_lessons=stored[0],
        stored_minutes=stored[1],
    )


def _module_lessons(uow: UnitOfWork, course_id: uuid.UUID, module_id: uuid.UUID) -> ModuleDraft:
    """One module of the course with its lessons loaded (two small queries, three with
    videos): what the editor fetches when a module is expanded."""
    module = uow.session.execute(
        _module_rows().where(Module.id == module_id, Module.course_id == course_id)
    ).first()
    if module is None:
        raise NotFoundError("This module no longer exists: it may have been deleted meanwhile.")
    lessons = _lesson_drafts(uow, _lesson_rows(uow, course_id, [module_id]))
    return _module_draft(module, lessons, {}, loaded=True, count=False)


def _copy_lessons(stamp: _Stamper, lessons: Sequence[Lesson], module_id: uuid.UUID) -> list[Lesson]:
    return [
        Lesson(
            id=uuid.uuid4(),
            module_id=module_id,
            title=x.title,
            description=x.description,
            video_asset_id=x.video_asset_id,
            duration=x.duration,
            order_index=i,
            created_at=stamp.now(),
            updated_at=stamp.now(),
        )
        for i, x in enumerate(lessons)
    ]


def _check_token(
    row: Course | Module | Lesson,
    expected: dt.datetime | None,
    *,
    what: str,
    mine: dict[str, Any],
) -> None:
    if expected is None or row.updated_at == expected:
        return
    raise EditConflictError(
        what=what,
        node_id=row.id,
        mine=mine,
        theirs={name: getattr(row, name) for name in mine},
        theirs_updated_at=row.updated_at,
    )


def _unknown_fields(fields: dict[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; expected {', '.join(allowed)}")
