"""The pure authoring rules: field validation, status changes, the publish checklist."""

from __future__ import annotations

import pytest

from elearn_desktop.domain.publishing import (
    ARCHIVED,
    DRAFT,
    PUBLISHED,
    CourseSnapshot,
    LessonSnapshot,
    ModuleSnapshot,
    can_transition,
    course_field_problems,
    lesson_field_problems,
    module_field_problems,
    publish_problems,
    slug_problem,
    transition_problem,
    video_field_problems,
)


def _ready_course(**changes: object) -> CourseSnapshot:
    values: dict[str, object] = {
        "title": "SQL Basics",
        "slug": "sql-basics",
        "description": "Query relational data.",
        "modules": (
            ModuleSnapshot(
                "Selecting data",
                (
                    LessonSnapshot("SELECT", None, "ready"),
                    LessonSnapshot("WHERE", "Filter rows.", None),
                ),
            ),
        ),
    }
    values.update(changes)
    return CourseSnapshot(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ fields


def test_a_valid_course_has_no_field_problems() -> None:
    assert (
        course_field_problems(title="SQL", slug="sql", thumbnail_url=None, level="beginner") == []
    )


@pytest.mark.parametrize("title", ["", "   ", None])
def test_an_empty_title_is_named(title: str | None) -> None:
    (problem,) = course_field_problems(title=title, slug="ok")
    assert problem.field == "title"
    assert problem.message == "Give the course a title."


def test_over_long_values_say_the_seed_limits() -> None:
    problems = course_field_problems(
        title="t" * 256, slug="s" * 256, thumbnail_url="h" * 256, level="l" * 51
    )
    by_field = {p.field: p.message for p in problems}
    assert by_field == {
        "title": "The title is 256 characters long; the limit is 255.",
        "slug": "The slug is 256 characters long; the limit is 255.",
        "thumbnail_url": "The thumbnail address is 256 characters long; the limit is 255.",
        "level": "The level is 51 characters long; the limit is 50.",
    }
    # Exactly at the limits is fine.
    assert course_field_problems(title="t" * 255, slug="s" * 255, level="l" * 50) == []


@pytest.mark.parametrize(
    "slug", ["Intro", "intro_to_sql", "intro--sql", "-intro", "intro-", "intro sql", "ü-ber"]
)
def test_malformed_slugs_are_refused_in_words(slug: str) -> None:
    problem = slug_problem(slug)
    assert problem is not None
    assert problem.field == "slug"
    assert "lower-case letters" in problem.message
    assert f"'{slug}'" in problem.message


@pytest.mark.parametrize("slug", ["intro", "intro-to-sql", "sql-101", "a1-b2-c3"])
def test_well_formed_slugs_pass(slug: str) -> None:
    assert slug_problem(slug) is None


def test_empty_slug() -> None:
    problem = slug_problem("")
    assert problem is not None
    assert problem.message == "The slug is empty."


def test_module_lesson_and_video_fields() -> None:
    assert module_field_problems(title=" ")[0].message == "Give the module a title."
    assert module_field_problems(title="Joins") == []
    assert lesson_field_problems(title="")[0].message == "Give the lesson a title."
    (duration,) = lesson_field_problems(title="x", duration=-1)
    assert duration.field == "duration"
    assert lesson_field_problems(title="x", duration=90) == []
    fields = {p.field for p in video_field_problems(title="", provider_id="")}
    assert fields == {"title", "provider_id"}


# ---------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (DRAFT, PUBLISHED, True),
        (PUBLISHED, ARCHIVED, True),
        (PUBLISHED, DRAFT, True),
        (ARCHIVED, DRAFT, True),
        (None, PUBLISHED, True),  # a missing status is a draft
        (DRAFT, ARCHIVED, False),
        (ARCHIVED, PUBLISHED, False),
        (DRAFT, DRAFT, False),
        (PUBLISHED, PUBLISHED, False),
        (DRAFT, "deleted", False),
    ],
)
def test_can_transition(old: str | None, new: str, allowed: bool) -> None:
    assert can_transition(old, new) is allowed
    assert (transition_problem(old, new) is None) is allowed


def test_transition_problems_are_words() -> None:
    assert transition_problem(ARCHIVED, PUBLISHED) == (
        "An archived course cannot become published directly; make it a draft first."
    )
    assert "Only a published course can be archived" in (transition_problem(DRAFT, ARCHIVED) or "")
    assert transition_problem(DRAFT, DRAFT) == "The course is already draft."
    assert "not a course status" in (transition_problem(DRAFT, "gone") or "")


# ---------------------------------------------------------------------------- publish


def test_a_complete_course_has_no_publish_problems() -> None:
    assert publish_problems(_ready_course()) == []


def test_every_module_needs_a_lesson() -> None:
    course = _ready_course(
        modules=(
            ModuleSnapshot("Selecting data", (LessonSnapshot("SELECT", "x", None),)),
            ModuleSnapshot("Joins", ()),
        )
    )
    assert publish_problems(course) == ["Module 2 'Joins' has no lessons."]


def test_a_course_without_modules_cannot_be_published() -> None:
    problems = publish_problems(_ready_course(modules=()))
    assert problems == [
        "The course has no modules yet: add at least one module with a lesson.",
    ]


def test_every_lesson_needs_a_ready_video_or_a_description() -> None:
    course = _ready_course(
        modules=(
            ModuleSnapshot(
                "Joins",
                (
                    LessonSnapshot("INNER JOIN", "", None),
                    LessonSnapshot("OUTER JOIN", None, "processing"),
                    LessonSnapshot("CROSS JOIN", "   ", "ready"),
                    LessonSnapshot("SELF JOIN", "Described.", "processing"),
                ),
            ),
        )
    )
    assert publish_problems(course) == [
        "Lesson 'INNER JOIN' in module 'Joins' has neither a video nor a description.",
        "Lesson 'OUTER JOIN' in module 'Joins' has no description, and its video is not "
        "ready yet (processing).",
    ]


def test_the_course_needs_a_description_and_valid_fields() -> None:
    problems = publish_problems(_ready_course(description="  ", slug="Not A Slug", title=""))
    assert problems[0] == "Give the course a title."
    assert "lower-case letters" in problems[1]
    assert problems[2] == "The course has no description: tell learners what they will learn."


def test_assessment_problems_from_the_caller_are_listed_last() -> None:
    found = ["Assessment 'SQL Check': question 2 has no correct option.", " "]
    assert publish_problems(_ready_course(), assessment_problems=found) == [found[0]]


def test_untitled_modules_and_lessons_are_named_by_position() -> None:
    course = _ready_course(
        modules=(ModuleSnapshot(" ", (LessonSnapshot("", "Described.", None),)),)
    )
    assert publish_problems(course) == [
        "Module 1 has no title.",
        "Lesson 1 of module 1 (untitled) has no title.",
    ]
