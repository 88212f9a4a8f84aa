"""What the authoring services return and raise: frozen drafts of a course's tree, results of
edits (with what undo needs), and errors in words."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elearn_desktop.domain.errors import ConflictError, ElearnError
from elearn_desktop.domain.publishing import CourseSnapshot, LessonSnapshot, ModuleSnapshot

#: Seconds of video in the file at the path; raises when it is not a playable video.
Probe = Callable[[Path], float]


#: The same for a web address.
UrlProbe = Callable[[str], float]


COURSE_FIELDS = ("title", "description", "slug", "thumbnail_url", "level")


MODULE_FIELDS = ("title", "description")


LESSON_FIELDS = ("title", "description", "duration")


FILE_PROVIDER = "file"


URL_PROVIDER = "url"


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
    #: Whether ``lessons`` holds the module's lessons. A course opens with none loaded: the
    #: editor fetches a module's lessons when it is expanded (issue #8). An unloaded
    #: module's ``lessons`` is empty; ``stored_lessons`` and ``stored_minutes`` count them
    #: (None: not counted yet).
    lessons_loaded: bool = True
    stored_lessons: int | None = None
    stored_minutes: int | None = None

    @property
    def lesson_count(self) -> int | None:
        """How many lessons the module has (None: unloaded and not counted yet)."""
        return len(self.lessons) if self.lessons_loaded else self.stored_lessons

    @property
    def minutes(self) -> int | None:
        """The sum of its lessons' durations (None: unloaded and not counted yet)."""
        if self.lessons_loaded:
            return sum(x.duration_minutes or 0 for x in self.lessons)
        return self.stored_minutes


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
        """Lessons of the course (unloaded, uncounted modules count as none)."""
        return sum(m.lesson_count or 0 for m in self.modules)

    @property
    def fully_loaded(self) -> bool:
        """Whether every module's lessons are loaded (what :meth:`snapshot` needs)."""
        return all(m.lessons_loaded for m in self.modules)

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
        if not self.fully_loaded:
            raise ValueError("a snapshot needs every module's lessons: load the course fully")
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
    """Learners enrolled in a course (with progress on it): exact on both backends."""

    learners: int

    def words(self) -> str:
        if self.learners == 0:
            return "No learners are enrolled."
        if self.learners == 1:
            return "1 learner is enrolled."
        return f"{self.learners} learners are enrolled."


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
