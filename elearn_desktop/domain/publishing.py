"""Pure rules of course authoring: field validation, the publish checklist, status changes.

Everything here works on plain values (no database, no Qt) and answers in words a person
can act on. Lengths are the seed schema's column lengths (``spec/data-models.md``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

DRAFT = "draft"
PUBLISHED = "published"
ARCHIVED = "archived"
COURSE_STATUSES = (DRAFT, PUBLISHED, ARCHIVED)
#: Levels offered by the editor (the column is free text up to 50 characters).
LEVELS = ("beginner", "intermediate", "advanced")

TITLE_MAX = 255
SLUG_MAX = 255
THUMBNAIL_URL_MAX = 255
LEVEL_MAX = 50
VIDEO_TITLE_MAX = 255
PROVIDER_MAX = 50
PROVIDER_ID_MAX = 255
#: A lesson longer than a day is a typing mistake, not a lesson.
LESSON_DURATION_MAX = 24 * 60

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Allowed status changes: draft → published → archived, and back to draft from either.
_TRANSITIONS: dict[str, frozenset[str]] = {
    DRAFT: frozenset({PUBLISHED}),
    PUBLISHED: frozenset({ARCHIVED, DRAFT}),
    ARCHIVED: frozenset({DRAFT}),
}


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """What is wrong with one field, said so that it can be shown next to the field."""

    field: str
    message: str


# ------------------------------------------------------------------------------ fields


def _length_problem(field: str, label: str, value: str | None, limit: int) -> FieldProblem | None:
    if value is not None and len(value) > limit:
        return FieldProblem(
            field, f"The {label} is {len(value)} characters long; the limit is {limit}."
        )
    return None


def title_problem(title: str | None, *, what: str = "course") -> FieldProblem | None:
    if title is None or not title.strip():
        return FieldProblem("title", f"Give the {what} a title.")
    return _length_problem("title", "title", title.strip(), TITLE_MAX)


def slug_problem(slug: str | None) -> FieldProblem | None:
    """The slug is the course's web address: lower-case letters, digits, single hyphens."""
    if slug is None or not slug.strip():
        return FieldProblem("slug", "The slug is empty.")
    if len(slug) > SLUG_MAX:
        return _length_problem("slug", "slug", slug, SLUG_MAX)
    if not _SLUG_RE.match(slug):
        return FieldProblem(
            "slug",
            "Use only lower-case letters a–z, digits and single hyphens between them "
            f"(e.g. 'intro-to-sql'); '{slug}' is not allowed.",
        )
    return None


def course_field_problems(
    *,
    title: str | None,
    slug: str | None,
    thumbnail_url: str | None = None,
    level: str | None = None,
) -> list[FieldProblem]:
    """Problems with a course's editable fields (the description is unlimited text)."""
    problems = [
        title_problem(title),
        slug_problem(slug),
        _length_problem("thumbnail_url", "thumbnail address", thumbnail_url, THUMBNAIL_URL_MAX),
        _length_problem("level", "level", level, LEVEL_MAX),
    ]
    return [p for p in problems if p is not None]


def module_field_problems(*, title: str | None) -> list[FieldProblem]:
    problem = title_problem(title, what="module")
    return [problem] if problem else []


def lesson_field_problems(*, title: str | None, duration: int | None = None) -> list[FieldProblem]:
    problems = [title_problem(title, what="lesson")]
    if duration is not None and not 0 <= duration <= LESSON_DURATION_MAX:
        problems.append(
            FieldProblem(
                "duration",
                f"The duration is in minutes, from 0 to {LESSON_DURATION_MAX} (24 hours).",
            )
        )
    return [p for p in problems if p is not None]


def video_field_problems(*, title: str | None, provider_id: str | None) -> list[FieldProblem]:
    problems = [
        title_problem(title, what="video"),
        _length_problem("provider_id", "file name or address", provider_id, PROVIDER_ID_MAX),
    ]
    if provider_id is None or not provider_id.strip():
        problems.append(FieldProblem("provider_id", "Choose a video file or enter its address."))
    return [p for p in problems if p is not None]


# ---------------------------------------------------------------------------- status


def can_transition(old: str | None, new: str) -> bool:
    """Whether a course may go from status ``old`` (None: draft) to ``new``."""
    return new in _TRANSITIONS.get(old or DRAFT, frozenset())


def transition_problem(old: str | None, new: str) -> str | None:
    current = old or DRAFT
    if new not in COURSE_STATUSES:
        return f"'{new}' is not a course status (draft, published or archived)."
    if current == new:
        return f"The course is already {new}."
    if can_transition(current, new):
        return None
    if current == DRAFT and new == ARCHIVED:
        return "Only a published course can be archived; a draft is not visible to learners."
    article = "An" if current[0] in "aeiou" else "A"
    return f"{article} {current} course cannot become {new} directly; make it a draft first."


# ----------------------------------------------------------------------------- publish


@dataclass(frozen=True, slots=True)
class LessonSnapshot:
    title: str
    description: str | None
    #: The status of the lesson's video ('ready', 'processing', ...); None: no video.
    video_status: str | None = None


@dataclass(frozen=True, slots=True)
class ModuleSnapshot:
    title: str
    lessons: tuple[LessonSnapshot, ...] = ()


@dataclass(frozen=True, slots=True)
class CourseSnapshot:
    """What the publish checks look at: a course and its tree, as plain values."""

    title: str
    slug: str
    description: str | None = None
    thumbnail_url: str | None = None
    level: str | None = None
    modules: tuple[ModuleSnapshot, ...] = ()


def _has_text(value: str | None) -> bool:
    return bool(value and value.strip())


def _quoted(title: str) -> str:
    return f"'{title.strip()}'" if title.strip() else "(untitled)"


def publish_problems(
    course: CourseSnapshot, *, assessment_problems: Sequence[str] = ()
) -> list[str]:
    """Why ``course`` cannot be published yet, one sentence per problem (empty: it can).

    ``assessment_problems`` are the caller's findings about the assessments that the
    learning paths containing this course use (validated by the assessment rules).
    """
    problems = [
        p.message
        for p in course_field_problems(
            title=course.title,
            slug=course.slug,
            thumbnail_url=course.thumbnail_url,
            level=course.level,
        )
    ]
    if not _has_text(course.description):
        problems.append("The course has no description: tell learners what they will learn.")
    if not course.modules:
        problems.append("The course has no modules yet: add at least one module with a lesson.")
    for m_number, module in enumerate(course.modules, start=1):
        where = f"Module {m_number} {_quoted(module.title)}"
        if not _has_text(module.title):
            problems.append(f"Module {m_number} has no title.")
        if not module.lessons:
            problems.append(f"{where} has no lessons.")
        for l_number, lesson in enumerate(module.lessons, start=1):
            name = _quoted(lesson.title)
            if not _has_text(lesson.title):
                problems.append(
                    f"Lesson {l_number} of module {m_number} {_quoted(module.title)} has no title."
                )
            if lesson.video_status == "ready" or _has_text(lesson.description):
                continue
            if lesson.video_status is None:
                problems.append(
                    f"Lesson {name} in module {_quoted(module.title)} has neither a video "
                    "nor a description."
                )
            else:
                problems.append(
                    f"Lesson {name} in module {_quoted(module.title)} has no description, "
                    f"and its video is not ready yet ({lesson.video_status})."
                )
    problems.extend(p for p in assessment_problems if p.strip())
    return problems
