"""Authoring use cases: an instructor's courses, the course tree, publishing, video assets.

Qt-free. Every function takes a unit-of-work factory and keyword-only arguments, checks
the actor's role (``actor=None`` is the installation's operator), runs one transaction and
returns frozen values. Tree edits return the whole :class:`CourseDraft` as the editor
shows it, so the editor refreshes from what the database now holds — including the
``updated_at`` tokens of optimistic concurrency.

* **Optimistic concurrency**: field updates carry the ``updated_at`` the editor last saw;
  if the row's differs, :class:`EditConflictError` carries both versions. The row is locked
  (``FOR UPDATE`` on PostgreSQL) between the check and the write, and every changed row is
  stamped at least 1 µs after its previous stamp (the server's clock on PostgreSQL; SQLite's
  ``CURRENT_TIMESTAMP`` has whole seconds, too coarse to tell two edits apart).
* **Order**: ``order_index`` is dense (0..n-1) and unique per parent after every change;
  structural edits lock the course row, so two editors' renumberings never interleave.
* **Derived duration**: a course's duration is the sum of its lessons', recomputed with
  every lesson change. Being derived, it does not bump the course's ``updated_at`` (that
  would turn every lesson edit into a conflict for whoever edits the course's fields).
* **Security**: on PostgreSQL row-level security decides (instructors write only courses
  they author, with their children; admins anything); the checks here say the same thing
  earlier and in words, and a refusal by the server is turned into words too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from elearn_desktop import config
from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    Course,
    LearningPath,
    Lesson,
    Module,
    PathStep,
    Question,
    User,
    UserProgress,
    VideoAsset,
)
from elearn_desktop.data.types import utcnow
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain import assessment_rules, publishing
from elearn_desktop.domain.assessment_rules import AssessmentDraft, OptionDraft, QuestionDraft
from elearn_desktop.domain.errors import (
    ConflictError,
    ElearnError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from elearn_desktop.domain.publishing import (
    ARCHIVED,
    DRAFT,
    PUBLISHED,
    CourseSnapshot,
    FieldProblem,
    LessonSnapshot,
    ModuleSnapshot,
)
from elearn_desktop.domain.validation import slugify
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

T = TypeVar("T")
#: Seconds of video in the file at the path; raises when it is not a playable video.
Probe = Callable[[Path], float]
#: The same for a web address.
UrlProbe = Callable[[str], float]

COURSE_FIELDS = ("title", "description", "slug", "thumbnail_url", "level")
MODULE_FIELDS = ("title", "description")
LESSON_FIELDS = ("title", "description", "duration")
FILE_PROVIDER = "file"
URL_PROVIDER = "url"
_ONE_MICROSECOND = dt.timedelta(microseconds=1)
_COPY_SUFFIX = " (copy)"


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class VideoInfo:
    id: uuid.UUID
    title: str
    provider: str
    provider_id: str
    status: str
    duration_minutes: int | None

    @property
    def ready(self) -> bool:
        return self.status == "ready"


@dataclass(frozen=True, slots=True)
class LessonDraft:
    id: uuid.UUID
    module_id: uuid.UUID
    title: str
    description: str | None
    duration_minutes: int | None
    video_asset_id: uuid.UUID | None
    video: VideoInfo | None
    order_index: int
    updated_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ModuleDraft:
    id: uuid.UUID
    title: str
    description: str | None
    order_index: int
    updated_at: dt.datetime | None
    lessons: tuple[LessonDraft, ...]


@dataclass(frozen=True, slots=True)
class CourseDraft:
    """A course and its tree as the editor shows it (ordered by ``order_index``)."""

    id: uuid.UUID
    title: str
    description: str | None
    slug: str
    thumbnail_url: str | None
    level: str | None
    status: str
    duration_minutes: int | None
    author_id: uuid.UUID | None
    author_name: str | None
    updated_at: dt.datetime | None
    modules: tuple[ModuleDraft, ...]

    @property
    def lesson_count(self) -> int:
        return sum(len(m.lessons) for m in self.modules)

    def module(self, module_id: uuid.UUID) -> ModuleDraft | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def lesson(self, lesson_id: uuid.UUID) -> LessonDraft | None:
        return next((x for m in self.modules for x in m.lessons if x.id == lesson_id), None)

    def tokens(self) -> dict[uuid.UUID, dt.datetime | None]:
        """``updated_at`` of every row of the tree, by id: the editor's concurrency tokens."""
        found: dict[uuid.UUID, dt.datetime | None] = {self.id: self.updated_at}
        for module in self.modules:
            found[module.id] = module.updated_at
            found.update((lesson.id, lesson.updated_at) for lesson in module.lessons)
        return found

    def snapshot(self) -> CourseSnapshot:
        return CourseSnapshot(
            title=self.title,
            slug=self.slug,
            description=self.description,
            thumbnail_url=self.thumbnail_url,
            level=self.level,
            modules=tuple(
                ModuleSnapshot(
                    title=m.title,
                    lessons=tuple(
                        LessonSnapshot(
                            title=x.title,
                            description=x.description,
                            video_status=x.video.status if x.video else None,
                        )
                        for x in m.lessons
                    ),
                )
                for m in self.modules
            ),
        )


@dataclass(frozen=True, slots=True)
class AuthoredCourse:
    """A row of "My courses"."""

    id: uuid.UUID
    title: str
    slug: str
    description: str | None
    status: str
    level: str | None
    duration_minutes: int | None
    updated_at: dt.datetime | None
    module_count: int
    lesson_count: int
    author_name: str | None


@dataclass(frozen=True, slots=True)
class LessonRecord:
    """Every column of a lesson (but ``updated_at``): enough to re-create it on undo."""

    id: uuid.UUID
    title: str
    description: str | None
    video_asset_id: uuid.UUID | None
    duration: int | None
    created_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ModuleRecord:
    id: uuid.UUID
    course_id: uuid.UUID
    title: str
    description: str | None
    created_at: dt.datetime | None
    lessons: tuple[LessonRecord, ...]


@dataclass(frozen=True, slots=True)
class Created:
    course: CourseDraft
    node_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class ModuleRemoval:
    course: CourseDraft
    record: ModuleRecord
    index: int


@dataclass(frozen=True, slots=True)
class LessonRemoval:
    course: CourseDraft
    record: LessonRecord
    module_id: uuid.UUID
    index: int


@dataclass(frozen=True, slots=True)
class Moved:
    course: CourseDraft
    old_parent_id: uuid.UUID
    old_index: int
    new_index: int


@dataclass(frozen=True, slots=True)
class EnrolmentCount:
    learners: int
    #: False when the database shows this person only part of the enrolments (an
    #: instructor on PostgreSQL sees only their own progress rows): then "at least".
    exact: bool

    def words(self) -> str:
        if self.learners == 0 and self.exact:
            return "No learners are enrolled."
        prefix = "" if self.exact else "at least "
        noun = "learner is" if self.learners == 1 else "learners are"
        text = f"{prefix}{self.learners} {noun} enrolled."
        return text[0].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class StatusChange:
    course: CourseDraft
    old_status: str
    enrolled: EnrolmentCount


@dataclass(frozen=True, slots=True)
class VideoAttachment:
    course: CourseDraft
    asset: VideoInfo
    lesson_id: uuid.UUID
    previous_asset_id: uuid.UUID | None
    previous_duration: int | None


# ------------------------------------------------------------------------------ errors


class EditConflictError(ConflictError):
    """Someone saved a newer version of the row this edit started from.

    ``mine`` holds the values this edit wanted to save, ``theirs`` the same fields as they
    are now in the database, and ``theirs_updated_at`` the token to save over them.
    """

    def __init__(
        self,
        *,
        what: str,
        node_id: uuid.UUID,
        mine: dict[str, Any],
        theirs: dict[str, Any],
        theirs_updated_at: dt.datetime | None,
    ) -> None:
        super().__init__(
            f"{what[0].upper()}{what[1:]} was changed by someone else after you opened it. "
            "Choose which version to keep."
        )
        self.what = what
        self.node_id = node_id
        self.mine = dict(mine)
        self.theirs = dict(theirs)
        self.theirs_updated_at = theirs_updated_at


class PublishBlockedError(ElearnError):
    """The course cannot be published; ``problems`` says why, one sentence each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(
            f"The course cannot be published yet ({count} problem{'' if count == 1 else 's'}): "
            + " ".join(self.problems)
        )


class VideoProbeError(ElearnError):
    """The file or address is not a video this app can play."""


class ProbeUnavailableError(ElearnError):
    """No tool to measure a video's length is installed."""


# ----------------------------------------------------------------------------- helpers


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


# ------------------------------------------------------------------------------ reading


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


def _draft(uow: UnitOfWork, course_id: uuid.UUID) -> CourseDraft:
    course = uow.session.scalar(
        select(Course).where(Course.id == course_id).execution_options(populate_existing=True)
    )
    if course is None:
        raise NotFoundError("This course no longer exists, or you cannot see it.")
    modules = _modules_of(uow, course_id)
    lessons = list(
        uow.session.scalars(
            select(Lesson)
            .join(Module, Module.id == Lesson.module_id)
            .where(Module.course_id == course_id)
            .order_by(Lesson.order_index, Lesson.created_at, Lesson.id)
            .execution_options(populate_existing=True)
        )
    )
    asset_ids = {x.video_asset_id for x in lessons if x.video_asset_id is not None}
    assets = {
        a.id: _video_info(a)
        for a in uow.session.scalars(
            select(VideoAsset)
            .where(VideoAsset.id.in_(asset_ids))
            .execution_options(populate_existing=True)
        )
    }
    by_module: dict[uuid.UUID, list[LessonDraft]] = {m.id: [] for m in modules}
    for x in lessons:
        assert x.module_id is not None
        by_module[x.module_id].append(
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
            ModuleDraft(
                id=m.id,
                title=m.title,
                description=m.description,
                order_index=m.order_index,
                updated_at=m.updated_at,
                lessons=tuple(by_module[m.id]),
            )
            for m in modules
        ),
    )


def load_course(
    uow_factory: UnitOfWorkFactory, *, actor: UserSummary | None, course_id: uuid.UUID
) -> CourseDraft:
    require(actor, "content.author")
    with uow_factory() as uow:
        return _draft(uow, course_id)


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def my_courses(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    text: str = "",
    status: str | None = None,
    mine_only: bool = True,
) -> list[AuthoredCourse]:
    """The courses ``actor`` authors (every visible course with ``mine_only=False``)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        stmt = select(Course).order_by(func.lower(Course.title), Course.id)
        if mine_only and actor is not None:
            stmt = stmt.where(Course.author_id == actor.id)
        if status:
            stmt = stmt.where(Course.status == status)
        if text.strip():
            pattern = _like(text.strip())
            stmt = stmt.where(
                or_(
                    func.lower(Course.title).like(pattern, escape="\\"),
                    func.lower(Course.slug).like(pattern, escape="\\"),
                    func.lower(func.coalesce(Course.description, "")).like(pattern, escape="\\"),
                )
            )
        courses = uow.session.scalars(stmt).all()
        counts = uow.courses.module_counts([c.id for c in courses])
        names = {a: _author_name(uow, a) for a in {c.author_id for c in courses}}
        return [
            AuthoredCourse(
                id=c.id,
                title=c.title,
                slug=c.slug,
                description=c.description,
                status=c.status or DRAFT,
                level=c.level,
                duration_minutes=c.duration,
                updated_at=c.updated_at,
                module_count=counts.get(c.id, (0, 0))[0],
                lesson_count=counts.get(c.id, (0, 0))[1],
                author_name=names.get(c.author_id),
            )
            for c in courses
        ]


def slug_owner(
    uow_factory: UnitOfWorkFactory, *, slug: str, course_id: uuid.UUID | None = None
) -> str | None:
    """The title of another visible course using ``slug`` (None: free, as far as visible)."""
    with uow_factory() as uow:
        row = uow.session.execute(
            select(Course.id, Course.title).where(Course.slug == slug)
        ).first()
        if row is None or row[0] == course_id:
            return None
        return str(row[1])


# ------------------------------------------------------------------------------ courses


_AUTO_SUFFIX = re.compile(r"-\d+$")


def _slug_is_auto(slug: str, title: str) -> bool:
    """Whether ``slug`` looks generated from ``title`` (so it follows title changes)."""
    return _AUTO_SUFFIX.sub("", slug) == slugify(title)


def _free_slug(uow: UnitOfWork, base: str, course_id: uuid.UUID) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no visible course uses yet."""
    base = base[: publishing.SLUG_MAX - 6].rstrip("-") or "course"
    taken = set(
        uow.session.scalars(
            select(Course.slug).where(
                Course.id != course_id,
                or_(Course.slug == base, Course.slug.like(f"{base}-%")),
            )
        )
    )
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def _save_course(
    uow: UnitOfWork, course: Course | None, values: dict[str, Any], *, auto: bool
) -> None:
    """Write ``values`` to the course (None: a new one) and flush them in a savepoint.

    A slug taken by a course this person cannot see (others' drafts are invisible under
    row-level security) is retried with a random suffix when generated, refused when typed.
    The savepoint begins before anything changes (``begin_nested`` flushes what is pending).
    """
    base = str(values.get("slug") or (course.slug if course else "course"))
    for attempt in range(5):
        savepoint = uow.session.begin_nested()
        row = course if course is not None else Course()
        try:
            for name, value in values.items():
                setattr(row, name, value)
            uow.session.add(row)
            uow.flush()
            savepoint.commit()
            return
        except IntegrityError:
            savepoint.rollback()
            if not auto:
                raise ValidationError(
                    "slug", f"The slug '{values.get('slug')}' is already used by another course."
                ) from None
            values["slug"] = f"{base[:240]}-{uuid.uuid4().hex[: 4 + attempt]}"
    raise ValidationError("slug", "Could not find a free slug; enter one yourself.")


def create_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    title: str,
    description: str | None = None,
    level: str | None = None,
    course_id: uuid.UUID | None = None,
) -> CourseDraft:
    """A new draft course authored by ``actor``, with a unique slug from its title."""
    require(actor, "content.author")
    clean_title = (title or "").strip()
    new_id = course_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> CourseDraft:
        slug = _free_slug(uow, slugify(clean_title), new_id)
        _raise_field_problems(
            publishing.course_field_problems(title=clean_title, slug=slug, level=level)
        )
        stamp = _Stamper(uow)
        values: dict[str, Any] = {
            "id": new_id,
            "title": clean_title,
            "description": _clean_text(description),
            "slug": slug,
            "author_id": actor.id if actor is not None else None,
            "status": DRAFT,
            "level": _clean_text(level),
            "duration": 0,
            "created_at": stamp.now(),
            "updated_at": stamp.now(),
        }
        _save_course(uow, None, values, auto=True)
        uow.commit()
        return _draft(uow, new_id)

    return _run(uow_factory, "the new course", work)


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


def duplicate_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    new_course_id: uuid.UUID | None = None,
) -> CourseDraft:
    """A deep copy (modules, lessons; the same videos) as a new draft authored by ``actor``."""
    require(actor, "content.author")
    new_id = new_course_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> CourseDraft:
        source = uow.session.get(Course, course_id)
        if source is None:
            raise NotFoundError("This course no longer exists, or you cannot see it.")
        stamp = _Stamper(uow)
        title = _copy_title(source.title)
        values: dict[str, Any] = {
            "id": new_id,
            "title": title,
            "description": source.description,
            "slug": _free_slug(uow, slugify(title), new_id),
            "thumbnail_url": source.thumbnail_url,
            "author_id": actor.id if actor is not None else source.author_id,
            "status": DRAFT,
            "level": source.level,
            "duration": source.duration,
            "created_at": stamp.now(),
            "updated_at": stamp.now(),
        }
        _save_course(uow, None, values, auto=True)
        for index, module in enumerate(_modules_of(uow, course_id)):
            module_copy = Module(
                id=uuid.uuid4(),
                course_id=new_id,
                title=module.title,
                description=module.description,
                order_index=index,
                created_at=stamp.now(),
                updated_at=stamp.now(),
            )
            uow.session.add(module_copy)
            uow.session.add_all(_copy_lessons(stamp, _lessons_of(uow, module.id), module_copy.id))
        _recompute_duration(uow, new_id)
        uow.commit()
        return _draft(uow, new_id)

    return _run(uow_factory, "the copy of the course", work)


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


def update_course_fields(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    **fields: Any,
) -> CourseDraft:
    """Change title, description, slug, thumbnail_url and/or level.

    ``slug=""`` makes the slug follow the title (unique: ``-2``, ``-3``…); a title change
    without a slug does the same when the current slug was generated from the old title.
    An explicit slug must be well-formed and unused. ``expected_updated_at`` is the token
    the editor last saw (None: do not check).
    """
    _unknown_fields(fields, COURSE_FIELDS)

    def work(uow: UnitOfWork) -> CourseDraft:
        course = _course_for_write(uow, actor, course_id)
        values = {
            name: (
                ("" if value is None else str(value).strip())
                if name in ("title", "slug")
                else _clean_text(value)
            )
            for name, value in fields.items()
        }
        _check_token(course, expected_updated_at, what=f"the course '{course.title}'", mine=values)
        title = values.get("title", course.title)
        auto = values.get("slug") == "" or (
            "slug" not in values
            and title != course.title
            and _slug_is_auto(course.slug, course.title)
        )
        if auto:
            values["slug"] = _free_slug(uow, slugify(str(title)), course.id)
        elif "slug" in values and values["slug"] != course.slug:
            owner = uow.session.scalar(
                select(Course.title).where(Course.slug == values["slug"], Course.id != course.id)
            )
            if owner is not None:
                raise ValidationError(
                    "slug", f"The slug '{values['slug']}' is already used by '{owner}'."
                )
        merged = {name: getattr(course, name) for name in COURSE_FIELDS} | values
        _raise_field_problems(
            publishing.course_field_problems(
                title=merged["title"],
                slug=merged["slug"],
                thumbnail_url=merged["thumbnail_url"],
                level=merged["level"],
            )
        )
        changed: dict[str, Any] = {k: v for k, v in values.items() if getattr(course, k) != v}
        if changed:
            changed["updated_at"] = _Stamper(uow).next_for(course)
            _save_course(uow, course, changed, auto=auto)
            uow.commit()
        return _draft(uow, course_id)

    return _run(uow_factory, "the course", work)


# ------------------------------------------------------------------------------- status


def _enrolment(uow: UnitOfWork, actor: UserSummary | None, course_id: uuid.UUID) -> EnrolmentCount:
    learners = uow.session.scalar(
        select(func.count(func.distinct(UserProgress.user_id))).where(
            UserProgress.entity_type == "course", UserProgress.entity_id == course_id
        )
    )
    staff = actor is None or bool({"admin", "support"} & set(actor.roles))
    return EnrolmentCount(learners=int(learners or 0), exact=staff or not _is_postgresql(uow))


def enrolled_learners(
    uow_factory: UnitOfWorkFactory, *, actor: UserSummary | None, course_id: uuid.UUID
) -> EnrolmentCount:
    """How many learners are enrolled (have progress on the course): warn before hiding it."""
    require(actor, "content.author")
    with uow_factory() as uow:
        return _enrolment(uow, actor, course_id)


def _path_assessments(uow: UnitOfWork, course_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """(assessment id, path title) for each assessment step of the paths containing the course."""
    paths = select(PathStep.path_id).where(
        PathStep.entity_type == "course", PathStep.entity_id == course_id
    )
    rows = uow.session.execute(
        select(PathStep.entity_id, LearningPath.title)
        .join(LearningPath, LearningPath.id == PathStep.path_id)
        .where(PathStep.path_id.in_(paths), PathStep.entity_type == "assessment")
        .order_by(LearningPath.title, PathStep.order_index)
    ).all()
    seen: dict[uuid.UUID, str] = {}
    for assessment_id, path_title in rows:
        seen.setdefault(assessment_id, path_title)
    return list(seen.items())


def path_assessments(
    uow_factory: UnitOfWorkFactory, *, course_id: uuid.UUID
) -> list[tuple[uuid.UUID, str]]:
    """(id, title) of the assessments used by the learning paths that contain the course."""
    with uow_factory() as uow:
        found = _path_assessments(uow, course_id)
        titles = dict(
            uow.session.execute(
                select(Assessment.id, Assessment.title).where(
                    Assessment.id.in_([a for a, _p in found])
                )
            ).all()
        )
        return [(a, titles.get(a, "(a deleted assessment)")) for a, _p in found]


def _assessment_problems(uow: UnitOfWork, course_id: uuid.UUID) -> list[str]:
    """The assessment rules' findings for the assessments in the course's paths, in words."""
    problems: list[str] = []
    for assessment_id, path_title in _path_assessments(uow, course_id):
        assessment = uow.session.scalar(
            select(Assessment)
            .where(Assessment.id == assessment_id)
            .options(
                selectinload(Assessment.questions)
                .selectinload(Question.options)
                .undefer(AnswerOption.is_correct)
            )
        )
        if assessment is None:
            problems.append(
                f"The learning path '{path_title}' uses an assessment that no longer exists."
            )
            continue
        draft = AssessmentDraft(
            title=assessment.title,
            description=assessment.description,
            passing_score=assessment.passing_score,
            time_limit=assessment.time_limit,
            questions=tuple(
                QuestionDraft(
                    text=q.text,
                    type=q.type,
                    options=tuple(
                        OptionDraft(o.text, is_correct=bool(o.is_correct), id=o.id)
                        for o in q.options
                    ),
                    id=q.id,
                )
                for q in assessment.questions
            ),
        )
        problems.extend(
            f"Assessment '{assessment.title}' (in the learning path '{path_title}'): {message}"
            for message in assessment_rules.assessment_problems(draft)
        )
    return problems


def publish_check(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    assessment_problems: Sequence[str] | None = None,
) -> list[str]:
    """What stands between the course and publishing, in words (empty: nothing)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        found = _assessment_problems(uow, course_id) if assessment_problems is None else []
        return publishing.publish_problems(
            _draft(uow, course_id).snapshot(),
            assessment_problems=[*found, *(assessment_problems or ())],
        )


def _set_status(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    status: str,
    expected_updated_at: dt.datetime | None,
    assessment_problems: Sequence[str] | None = None,
    check_transition: bool = True,
) -> StatusChange:
    def work(uow: UnitOfWork) -> StatusChange:
        course = _course_for_write(uow, actor, course_id)
        old = course.status or DRAFT
        _check_token(
            course,
            expected_updated_at,
            what=f"the course '{course.title}'",
            mine={"status": status},
        )
        if check_transition:
            problem = publishing.transition_problem(old, status)
            if problem:
                raise ValidationError("status", problem)
        if status == PUBLISHED and old != PUBLISHED:
            found = _assessment_problems(uow, course_id) if assessment_problems is None else []
            problems = publishing.publish_problems(
                _draft(uow, course_id).snapshot(),
                assessment_problems=[*found, *(assessment_problems or ())],
            )
            if problems:
                raise PublishBlockedError(problems)
        if status != old:
            course = _lock(uow, Course, course_id, "course")
            course.status = status
            _Stamper(uow)(course)
            uow.flush()
        enrolled = _enrolment(uow, actor, course_id)
        uow.commit()
        return StatusChange(course=_draft(uow, course_id), old_status=old, enrolled=enrolled)

    return _run(uow_factory, "the course's status", work)


def publish_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    assessment_problems: Sequence[str] | None = None,
) -> StatusChange:
    """Draft → published, after the publish checks (raises :class:`PublishBlockedError`)."""
    return _set_status(
        uow_factory,
        actor=actor,
        course_id=course_id,
        status=PUBLISHED,
        expected_updated_at=expected_updated_at,
        assessment_problems=assessment_problems,
    )


def unpublish_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
) -> StatusChange:
    """Published or archived → draft: learners no longer see it (``enrolled`` says who did)."""
    return _set_status(
        uow_factory,
        actor=actor,
        course_id=course_id,
        status=DRAFT,
        expected_updated_at=expected_updated_at,
    )


def archive_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
) -> StatusChange:
    """Published → archived."""
    return _set_status(
        uow_factory,
        actor=actor,
        course_id=course_id,
        status=ARCHIVED,
        expected_updated_at=expected_updated_at,
    )


def restore_course_status(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    status: str,
    expected_updated_at: dt.datetime | None = None,
    assessment_problems: Sequence[str] | None = None,
) -> StatusChange:
    """Put back an earlier status (undo): any change allowed, but publishing still checks."""
    if status not in publishing.COURSE_STATUSES:
        raise ValidationError("status", f"'{status}' is not a course status")
    return _set_status(
        uow_factory,
        actor=actor,
        course_id=course_id,
        status=status,
        expected_updated_at=expected_updated_at,
        assessment_problems=assessment_problems,
        check_transition=False,
    )


# ------------------------------------------------------------------------------ modules


def add_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    title: str,
    description: str | None = None,
    index: int | None = None,
    module_id: uuid.UUID | None = None,
) -> Created:
    """A new empty module at ``index`` (None: last)."""
    clean_title = (title or "").strip()
    _raise_field_problems(publishing.module_field_problems(title=clean_title))
    new_id = module_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        _course_for_write(uow, actor, course_id)
        stamp = _Stamper(uow)
        siblings = _modules_of(uow, course_id)
        module = Module(
            id=new_id,
            course_id=course_id,
            title=clean_title,
            description=_clean_text(description),
            order_index=len(siblings),
            created_at=stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(module)
        siblings.insert(_clamp(index, len(siblings)), module)
        _renumber(stamp, siblings)
        uow.commit()
        return Created(course=_draft(uow, course_id), node_id=new_id)

    return _run(uow_factory, "the new module", work)


def update_module_fields(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    module_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    **fields: Any,
) -> CourseDraft:
    """Change a module's title and/or description (``expected_updated_at`` as for courses)."""
    _unknown_fields(fields, MODULE_FIELDS)
    values = {
        k: (("" if v is None else str(v).strip()) if k == "title" else _clean_text(v))
        for k, v in fields.items()
    }
    if "title" in values:
        _raise_field_problems(publishing.module_field_problems(title=values["title"]))

    def work(uow: UnitOfWork) -> CourseDraft:
        course, module = _module_for_write(uow, actor, module_id)
        _check_token(module, expected_updated_at, what=f"the module '{module.title}'", mine=values)
        changed = {k: v for k, v in values.items() if getattr(module, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(module, name, value)
            _Stamper(uow)(module)
            uow.commit()
        return _draft(uow, course.id)

    return _run(uow_factory, "the module", work)


def _lesson_record(lesson: Lesson) -> LessonRecord:
    return LessonRecord(
        id=lesson.id,
        title=lesson.title,
        description=lesson.description,
        video_asset_id=lesson.video_asset_id,
        duration=lesson.duration,
        created_at=lesson.created_at,
    )


def _delete_rows(uow: UnitOfWork, model: Any, ids: Sequence[uuid.UUID], what: str) -> None:
    if not ids:
        return
    result: Any = uow.session.execute(
        delete(model).where(model.id.in_(ids)).execution_options(synchronize_session=False)
    )
    if result.rowcount != len(ids):  # row-level security hides rows from DELETE silently
        raise _server_refusal(what)
    for row_id in ids:
        obj = uow.session.get(model, row_id)
        if obj is not None:
            uow.session.expunge(obj)


def delete_module(
    uow_factory: UnitOfWorkFactory, *, actor: UserSummary | None, module_id: uuid.UUID
) -> ModuleRemoval:
    """Delete a module and its lessons; the removal says how to put them back."""

    def work(uow: UnitOfWork) -> ModuleRemoval:
        course, module = _module_for_write(uow, actor, module_id)
        lessons = _lessons_of(uow, module_id)
        record = ModuleRecord(
            id=module.id,
            course_id=course.id,
            title=module.title,
            description=module.description,
            created_at=module.created_at,
            lessons=tuple(_lesson_record(x) for x in lessons),
        )
        siblings = _modules_of(uow, course.id)
        index = next(i for i, m in enumerate(siblings) if m.id == module_id)
        _delete_rows(uow, Lesson, [x.id for x in lessons], "the module's lessons")
        _delete_rows(uow, Module, [module_id], "the module")
        _renumber(_Stamper(uow), [m for m in siblings if m.id != module_id])
        _recompute_duration(uow, course.id)
        uow.commit()
        return ModuleRemoval(course=_draft(uow, course.id), record=record, index=index)

    return _run(uow_factory, "the module", work)


def _insert_lessons(
    uow: UnitOfWork, stamp: _Stamper, module_id: uuid.UUID, records: Sequence[LessonRecord]
) -> list[Lesson]:
    rows = [
        Lesson(
            id=r.id,
            module_id=module_id,
            title=r.title,
            description=r.description,
            video_asset_id=r.video_asset_id,
            duration=r.duration,
            order_index=i,
            created_at=r.created_at or stamp.now(),
            updated_at=stamp.now(),
        )
        for i, r in enumerate(records)
    ]
    uow.session.add_all(rows)
    return rows


def _ensure_absent(uow: UnitOfWork, model: Any, row_id: uuid.UUID, noun: str) -> None:
    if uow.session.scalar(select(model.id).where(model.id == row_id)) is not None:
        raise ConflictError(f"The {noun} is already there: nothing to restore.")


def restore_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    record: ModuleRecord,
    index: int,
) -> CourseDraft:
    """Put a deleted module back (same ids, same lessons) at ``index``: undo of a delete."""

    def work(uow: UnitOfWork) -> CourseDraft:
        _course_for_write(uow, actor, record.course_id)
        _ensure_absent(uow, Module, record.id, "module")
        stamp = _Stamper(uow)
        siblings = _modules_of(uow, record.course_id)
        module = Module(
            id=record.id,
            course_id=record.course_id,
            title=record.title,
            description=record.description,
            order_index=len(siblings),
            created_at=record.created_at or stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(module)
        uow.flush()
        _insert_lessons(uow, stamp, record.id, record.lessons)
        siblings.insert(_clamp(index, len(siblings)), module)
        _renumber(stamp, siblings)
        _recompute_duration(uow, record.course_id)
        uow.commit()
        return _draft(uow, record.course_id)

    return _run(uow_factory, "the module", work)


def duplicate_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    module_id: uuid.UUID,
    new_module_id: uuid.UUID | None = None,
) -> Created:
    """A copy of the module and its lessons, right after it, titled "… (copy)"."""
    new_id = new_module_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        course, module = _module_for_write(uow, actor, module_id)
        stamp = _Stamper(uow)
        siblings = _modules_of(uow, course.id)
        copy = Module(
            id=new_id,
            course_id=course.id,
            title=_copy_title(module.title),
            description=module.description,
            order_index=len(siblings),
            created_at=stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(copy)
        uow.flush()
        uow.session.add_all(_copy_lessons(stamp, _lessons_of(uow, module_id), new_id))
        position = next(i for i, m in enumerate(siblings) if m.id == module_id) + 1
        siblings.insert(position, copy)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return Created(course=_draft(uow, course.id), node_id=new_id)

    return _run(uow_factory, "the copy of the module", work)


def move_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    module_id: uuid.UUID,
    new_index: int,
) -> Moved:
    """Move a module to position ``new_index`` (after the move) among its course's modules."""

    def work(uow: UnitOfWork) -> Moved:
        course, module = _module_for_write(uow, actor, module_id)
        siblings = _modules_of(uow, course.id)
        old_index = next(i for i, m in enumerate(siblings) if m.id == module_id)
        siblings.pop(old_index)
        target = _clamp(new_index, len(siblings))
        siblings.insert(target, module)
        _renumber(_Stamper(uow), siblings)
        uow.commit()
        return Moved(
            course=_draft(uow, course.id),
            old_parent_id=course.id,
            old_index=old_index,
            new_index=target,
        )

    return _run(uow_factory, "the module's position", work)


# ------------------------------------------------------------------------------ lessons


def add_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    module_id: uuid.UUID,
    title: str,
    description: str | None = None,
    duration: int | None = None,
    index: int | None = None,
    lesson_id: uuid.UUID | None = None,
) -> Created:
    """A new lesson (no video) at ``index`` (None: last) of the module."""
    clean_title = (title or "").strip()
    _raise_field_problems(publishing.lesson_field_problems(title=clean_title, duration=duration))
    new_id = lesson_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        course, _module = _module_for_write(uow, actor, module_id)
        stamp = _Stamper(uow)
        siblings = _lessons_of(uow, module_id)
        lesson = Lesson(
            id=new_id,
            module_id=module_id,
            title=clean_title,
            description=_clean_text(description),
            duration=duration,
            order_index=len(siblings),
            created_at=stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(lesson)
        siblings.insert(_clamp(index, len(siblings)), lesson)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return Created(course=_draft(uow, course.id), node_id=new_id)

    return _run(uow_factory, "the new lesson", work)


def update_lesson_fields(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lesson_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    **fields: Any,
) -> CourseDraft:
    """Change a lesson's title, description and/or duration (minutes)."""
    _unknown_fields(fields, LESSON_FIELDS)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            values[name] = "" if value is None else str(value).strip()
        elif name == "duration":
            values[name] = None if value is None else int(value)
        else:
            values[name] = _clean_text(value)
    problems = publishing.lesson_field_problems(
        title=values.get("title", "(unchanged)"), duration=values.get("duration")
    )
    _raise_field_problems(problems)

    def work(uow: UnitOfWork) -> CourseDraft:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        _check_token(lesson, expected_updated_at, what=f"the lesson '{lesson.title}'", mine=values)
        changed = {k: v for k, v in values.items() if getattr(lesson, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(lesson, name, value)
            _Stamper(uow)(lesson)
            if "duration" in changed:
                _recompute_duration(uow, course.id)
            uow.commit()
        return _draft(uow, course.id)

    return _run(uow_factory, "the lesson", work)


def delete_lesson(
    uow_factory: UnitOfWorkFactory, *, actor: UserSummary | None, lesson_id: uuid.UUID
) -> LessonRemoval:
    def work(uow: UnitOfWork) -> LessonRemoval:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        module_id = lesson.module_id
        assert module_id is not None
        siblings = _lessons_of(uow, module_id)
        index = next(i for i, x in enumerate(siblings) if x.id == lesson_id)
        record = _lesson_record(lesson)
        _delete_rows(uow, Lesson, [lesson_id], "the lesson")
        _renumber(_Stamper(uow), [x for x in siblings if x.id != lesson_id])
        _recompute_duration(uow, course.id)
        uow.commit()
        return LessonRemoval(
            course=_draft(uow, course.id), record=record, module_id=module_id, index=index
        )

    return _run(uow_factory, "the lesson", work)


def restore_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    record: LessonRecord,
    module_id: uuid.UUID,
    index: int,
) -> CourseDraft:
    """Put a deleted lesson back (same id and values) at ``index`` of ``module_id``."""

    def work(uow: UnitOfWork) -> CourseDraft:
        course, _module = _module_for_write(uow, actor, module_id)
        _ensure_absent(uow, Lesson, record.id, "lesson")
        stamp = _Stamper(uow)
        siblings = _lessons_of(uow, module_id)
        (lesson,) = _insert_lessons(uow, stamp, module_id, [record])
        siblings.insert(_clamp(index, len(siblings)), lesson)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return _draft(uow, course.id)

    return _run(uow_factory, "the lesson", work)


def duplicate_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lesson_id: uuid.UUID,
    new_lesson_id: uuid.UUID | None = None,
) -> Created:
    """A copy of the lesson (same video), right after it, titled "… (copy)"."""
    new_id = new_lesson_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        assert lesson.module_id is not None
        stamp = _Stamper(uow)
        siblings = _lessons_of(uow, lesson.module_id)
        (copy,) = _copy_lessons(stamp, [lesson], lesson.module_id)
        copy.id = new_id
        copy.title = _copy_title(lesson.title)
        uow.session.add(copy)
        position = next(i for i, x in enumerate(siblings) if x.id == lesson_id) + 1
        siblings.insert(position, copy)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return Created(course=_draft(uow, course.id), node_id=new_id)

    return _run(uow_factory, "the copy of the lesson", work)


def move_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lesson_id: uuid.UUID,
    target_module_id: uuid.UUID,
    new_index: int,
) -> Moved:
    """Move a lesson to position ``new_index`` (after the move) of ``target_module_id``,
    which must be a module of the same course."""

    def work(uow: UnitOfWork) -> Moved:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        target = uow.session.get(Module, target_module_id)
        if target is None or target.course_id != course.id:
            raise ValidationError("module", "A lesson can move only to a module of its course.")
        source_id = lesson.module_id
        assert source_id is not None
        stamp = _Stamper(uow)
        source_siblings = _lessons_of(uow, source_id)
        old_index = next(i for i, x in enumerate(source_siblings) if x.id == lesson_id)
        source_siblings.pop(old_index)
        if target_module_id == source_id:
            target_siblings = source_siblings
        else:
            target_siblings = _lessons_of(uow, target_module_id)
            lesson.module_id = target_module_id
            stamp(lesson)
            _renumber(stamp, source_siblings)
        position = _clamp(new_index, len(target_siblings))
        target_siblings.insert(position, lesson)
        _renumber(stamp, target_siblings)
        uow.commit()
        return Moved(
            course=_draft(uow, course.id),
            old_parent_id=source_id,
            old_index=old_index,
            new_index=position,
        )

    return _run(uow_factory, "the lesson's position", work)


# ------------------------------------------------------------------------------- videos


def default_media_dir() -> Path:
    """The media library folder: ``<data dir>/media``."""
    return config.data_dir() / "media"


def set_lesson_video(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lesson_id: uuid.UUID,
    video_asset_id: uuid.UUID | None,
    duration: int | None,
    expected_updated_at: dt.datetime | None = None,
) -> CourseDraft:
    """Point the lesson at a video (or none) and set its duration: detach, and undo/redo."""

    def work(uow: UnitOfWork) -> CourseDraft:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        mine = {"video_asset_id": video_asset_id, "duration": duration}
        _check_token(lesson, expected_updated_at, what=f"the lesson '{lesson.title}'", mine=mine)
        if video_asset_id is not None and uow.session.get(VideoAsset, video_asset_id) is None:
            raise NotFoundError("That video is no longer in the media library.")
        if (lesson.video_asset_id, lesson.duration) != (video_asset_id, duration):
            lesson.video_asset_id = video_asset_id
            lesson.duration = duration
            _Stamper(uow)(lesson)
            _recompute_duration(uow, course.id)
            uow.commit()
        return _draft(uow, course.id)

    return _run(uow_factory, "the lesson's video", work)


def _check_lesson_writable(
    uow_factory: UnitOfWorkFactory, actor: UserSummary | None, lesson_id: uuid.UUID
) -> None:
    """Fail before copying a large file when the lesson cannot be changed anyway."""
    with uow_factory() as uow, _db_words("the lesson"):
        _lesson_for_write(uow, actor, lesson_id)


def _insert_asset(
    uow_factory: UnitOfWorkFactory,
    actor: UserSummary | None,
    *,
    asset_id: uuid.UUID,
    title: str,
    provider: str,
    provider_id: str,
) -> None:
    def work(uow: UnitOfWork) -> None:
        stamp = _Stamper(uow)
        uow.session.add(
            VideoAsset(
                id=asset_id,
                title=title,
                provider=provider,
                provider_id=provider_id,
                status="processing",
                author_id=actor.id if actor is not None else None,
                created_at=stamp.now(),
                updated_at=stamp.now(),
            )
        )
        uow.commit()

    _run(uow_factory, "the video", work)


def _discard_asset(uow_factory: UnitOfWorkFactory, asset_id: uuid.UUID) -> None:
    with uow_factory() as uow, suppress(DBAPIError):
        uow.session.execute(delete(VideoAsset).where(VideoAsset.id == asset_id))
        uow.commit()


def _finish_attach(
    uow_factory: UnitOfWorkFactory,
    actor: UserSummary | None,
    *,
    lesson_id: uuid.UUID,
    asset_id: uuid.UUID,
    seconds: float | None,
) -> VideoAttachment:
    def work(uow: UnitOfWork) -> VideoAttachment:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        asset = _lock(uow, VideoAsset, asset_id, "video")
        stamp = _Stamper(uow)
        if seconds is not None:
            asset.status = "ready"
            asset.duration = _minutes(seconds)
            stamp(asset)
        previous = (lesson.video_asset_id, lesson.duration)
        lesson.video_asset_id = asset.id
        if asset.duration is not None:
            lesson.duration = asset.duration
        stamp(lesson)
        _recompute_duration(uow, course.id)
        uow.commit()
        return VideoAttachment(
            course=_draft(uow, course.id),
            asset=_video_info(asset),
            lesson_id=lesson_id,
            previous_asset_id=previous[0],
            previous_duration=previous[1],
        )

    return _run(uow_factory, "the lesson's video", work)


def _safe_file_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-.") or "video"
    suffix = re.sub(r"[^A-Za-z0-9.]+", "", Path(name).suffix)[:10]
    return f"{stem[:120]}{suffix}"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


def attach_video_file(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lesson_id: uuid.UUID,
    path: Path | str,
    media_dir: Path | str,
    title: str,
    probe: Probe,
    asset_id: uuid.UUID | None = None,
) -> VideoAttachment:
    """Copy a local video into the media library and attach it to the lesson.

    The asset is ``processing`` until ``probe`` measured the copy, then ``ready`` with its
    duration (whole minutes, at least 1), attached to the lesson in one transaction. A
    file that cannot be read or is not a video raises :class:`ValidationError` in words;
    the lesson is then unchanged, and neither the copy nor the asset is kept.
    """
    source = Path(path).expanduser()
    clean_title = (title or "").strip() or source.stem
    new_id = asset_id or uuid.uuid4()
    library = Path(media_dir).expanduser()
    relative = f"{new_id.hex[:12]}-{_safe_file_name(source.name)}"
    _raise_field_problems(publishing.video_field_problems(title=clean_title, provider_id=relative))
    if not source.is_file():
        raise ValidationError("video", f"'{source}' is not a file that exists on this computer.")
    _check_lesson_writable(uow_factory, actor, lesson_id)
    target = library / relative
    partial = target.with_name(target.name + ".part")
    try:
        library.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, partial)
        partial.replace(target)
    except OSError as exc:
        with suppress(OSError):
            partial.unlink()
        raise ValidationError(
            "video", f"Could not copy '{source.name}' into the media library: {_reason(exc)}."
        ) from None
    try:
        _insert_asset(
            uow_factory,
            actor,
            asset_id=new_id,
            title=clean_title,
            provider=FILE_PROVIDER,
            provider_id=relative,
        )
        try:
            seconds = probe(target)
        except Exception as exc:
            raise ValidationError(
                "video",
                f"'{source.name}' is not a video this app can play ({_reason(exc)}). "
                "The lesson is unchanged.",
            ) from None
        if not math.isfinite(seconds) or seconds <= 0:
            raise ValidationError(
                "video", f"'{source.name}' has no playable length. The lesson is unchanged."
            )
        return _finish_attach(
            uow_factory, actor, lesson_id=lesson_id, asset_id=new_id, seconds=seconds
        )
    except BaseException:
        _discard_asset(uow_factory, new_id)
        with suppress(OSError):
            target.unlink()
        raise


def attach_video_url(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lesson_id: uuid.UUID,
    url: str,
    title: str,
    probe: UrlProbe | None = None,
    asset_id: uuid.UUID | None = None,
) -> VideoAttachment:
    """Attach a video at an http(s) address (provider ``url``).

    With ``probe`` the address is measured first (failure: an error in words, the lesson
    unchanged) and the asset is ``ready``; without, it stays ``processing`` until
    :func:`mark_video_ready`.
    """
    address = (url or "").strip()
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            "provider_id", f"'{address}' is not a web address (it starts with http:// or https://)."
        )
    clean_title = (title or "").strip() or Path(parts.path).name or parts.netloc
    _raise_field_problems(publishing.video_field_problems(title=clean_title, provider_id=address))
    _check_lesson_writable(uow_factory, actor, lesson_id)
    seconds: float | None = None
    if probe is not None:
        try:
            seconds = probe(address)
        except Exception as exc:
            raise ValidationError(
                "video",
                f"The video at {address} cannot be played ({_reason(exc)}). "
                "The lesson is unchanged.",
            ) from None
    new_id = asset_id or uuid.uuid4()
    _insert_asset(
        uow_factory,
        actor,
        asset_id=new_id,
        title=clean_title,
        provider=URL_PROVIDER,
        provider_id=address,
    )
    try:
        return _finish_attach(
            uow_factory, actor, lesson_id=lesson_id, asset_id=new_id, seconds=seconds
        )
    except BaseException:
        _discard_asset(uow_factory, new_id)
        raise


def mark_video_ready(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    asset_id: uuid.UUID,
    seconds: float,
) -> VideoInfo:
    """A ``processing`` video was measured: it is ``ready`` with this duration."""
    require(actor, "content.author")
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValidationError("video", "The video has no playable length.")

    def work(uow: UnitOfWork) -> VideoInfo:
        asset = _lock(uow, VideoAsset, asset_id, "video")
        asset.status = "ready"
        asset.duration = _minutes(seconds)
        _Stamper(uow)(asset)
        uow.commit()
        return _video_info(asset)

    return _run(uow_factory, "the video", work)


_DURATION_RE = re.compile(r"Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)")


def ffmpeg_duration_probe(path: Path | str, *, timeout_s: float = 120.0) -> float:
    """Seconds of video in the file, measured by decoding its first frame with ffmpeg.

    Uses imageio-ffmpeg's bundled ffmpeg, else one on PATH; raises
    :class:`ProbeUnavailableError` without either and :class:`VideoProbeError` when the file
    is not a playable video. Blocking: call it off the GUI thread.
    """
    exe: str | None = None
    try:
        import imageio_ffmpeg

        exe = str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception:
        exe = shutil.which("ffmpeg")
    if exe is None:
        raise ProbeUnavailableError("no ffmpeg is installed to measure the video's length")
    try:
        done = subprocess.run(
            [
                exe,
                "-hide_banner",
                "-nostdin",
                "-i",
                str(path),
                "-map",
                "0:v:0",
                "-frames:v",
                "1",
                "-f",
                "null",
                "-",
            ],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VideoProbeError(f"could not run ffmpeg: {_reason(exc)}") from None
    log = done.stderr or ""
    if done.returncode != 0:
        lines = [line for line in log.strip().splitlines() if line.strip()]
        raise VideoProbeError(lines[-1].strip() if lines else "ffmpeg could not read it")
    match = _DURATION_RE.search(log)
    if match is None:
        raise VideoProbeError("its length is unknown")
    hours, minutes, seconds = int(match[1]), int(match[2]), float(match[3])
    return hours * 3600 + minutes * 60 + seconds
