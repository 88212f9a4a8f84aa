"""The catalog: published courses and learning paths, and a course's tree."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from elearn_desktop.data.models import Course
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.errors import NotFoundError
from elearn_desktop.services.dto import (
    CourseSummary,
    CourseTree,
    LessonNode,
    ModuleNode,
    PathSummary,
)

PUBLISHED = "published"


def _summary(course: Course, counts: tuple[int, int]) -> CourseSummary:
    author = course.author
    author_name = None
    if author is not None:
        author_name = " ".join(p for p in (author.first_name, author.last_name) if p) or None
    return CourseSummary(
        id=course.id,
        title=course.title,
        slug=course.slug,
        description=course.description,
        status=course.status or "draft",
        level=course.level,
        duration_minutes=course.duration,
        author_name=author_name,
        thumbnail_url=course.thumbnail_url,
        module_count=counts[0],
        lesson_count=counts[1],
    )


def summarize_courses(uow: UnitOfWork, courses: Sequence[Course]) -> list[CourseSummary]:
    """Summaries of loaded courses (their authors loaded too), with module and lesson counts."""
    counts = uow.courses.module_counts([c.id for c in courses])
    return [_summary(c, counts.get(c.id, (0, 0))) for c in courses]


def list_courses(
    uow_factory: UnitOfWorkFactory, *, status: str | None = PUBLISHED
) -> list[CourseSummary]:
    with uow_factory() as uow:
        return summarize_courses(uow, uow.courses.list(status=status))


def course_tree(uow_factory: UnitOfWorkFactory, course_id: uuid.UUID) -> CourseTree:
    with uow_factory() as uow:
        course = uow.courses.get_tree(course_id)
        if course is None:
            raise NotFoundError("this course no longer exists")
        modules = tuple(
            ModuleNode(
                id=m.id,
                title=m.title,
                order_index=m.order_index,
                lessons=tuple(
                    LessonNode(
                        id=lesson.id,
                        title=lesson.title,
                        order_index=lesson.order_index,
                        duration_minutes=lesson.duration,
                        video_asset_id=lesson.video_asset_id,
                    )
                    for lesson in m.lessons
                ),
            )
            for m in course.modules
        )
        lesson_count = sum(len(m.lessons) for m in modules)
        return CourseTree(course=_summary(course, (len(modules), lesson_count)), modules=modules)


def list_paths(
    uow_factory: UnitOfWorkFactory, *, status: str | None = PUBLISHED
) -> list[PathSummary]:
    with uow_factory() as uow:
        return [
            PathSummary(
                id=p.id,
                title=p.title,
                description=p.description,
                status=p.status or "draft",
                step_count=len(p.steps),
            )
            for p in uow.paths.list(status=status)
        ]
