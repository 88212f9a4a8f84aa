"""Authoring learning paths on SQLite and PostgreSQL: steps, order, flags, conflicts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import select

from elearn_desktop.data.models import Course, PathStep
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from elearn_desktop.services import assessment_authoring, path_authoring
from elearn_desktop.services.assessment_authoring import EditConflictError, InvalidDraftError
from elearn_desktop.services.path_authoring import PathDraft, StepDraft
from tests.integration.test_assessment_authoring import People, make_people, quiz


@dataclass(frozen=True)
class Content:
    people: People
    python: uuid.UUID
    sql: uuid.UUID
    old: uuid.UUID  # archived
    quiz: uuid.UUID


@pytest.fixture
def content(uow_factory: UnitOfWorkFactory) -> Content:
    people = make_people(uow_factory)
    ids = {}
    with uow_factory() as uow:
        for slug, title, status in [
            ("python", "Python for Everyone", "published"),
            ("sql", "SQL_Basics", "draft"),
            ("old", "Old Python", "archived"),
        ]:
            course = Course(
                id=uuid.uuid4(),
                title=title,
                slug=slug,
                status=status,
                author_id=people.instructor.id,
            )
            uow.session.add(course)
            ids[slug] = course.id
        uow.commit()
    created = assessment_authoring.create_assessment(
        uow_factory, draft=quiz("Python quiz"), actor=people.instructor
    )
    return Content(people, ids["python"], ids["sql"], ids["old"], created.id)


def stored_order(uow_factory: UnitOfWorkFactory, path_id: uuid.UUID) -> list[tuple[int, str]]:
    with uow_factory() as uow:
        rows = uow.session.execute(
            select(PathStep.order_index, PathStep.entity_type)
            .where(PathStep.path_id == path_id)
            .order_by(PathStep.order_index)
        ).all()
    return [(r[0], r[1]) for r in rows]


def test_create_and_update_fields(uow_factory: UnitOfWorkFactory, content: Content) -> None:
    actor = content.people.instructor
    path = path_authoring.create_path(
        uow_factory, title="  Data track ", description="  ", actor=actor
    )
    assert (path.title, path.description, path.status, path.steps) == (
        "Data track",
        None,
        "draft",
        (),
    )
    assert path.author_id == actor.id
    updated = path_authoring.update_path(
        uow_factory,
        path_id=path.id,
        expected_updated_at=path.updated_at,
        actor=actor,
        title="Data track",
        description="From zero to SQL",
        thumbnail_url="https://example.test/t.png",
        status="published",
    )
    assert (updated.description, updated.thumbnail_url, updated.status) == (
        "From zero to SQL",
        "https://example.test/t.png",
        "published",
    )
    with pytest.raises(InvalidDraftError) as caught:
        path_authoring.create_path(uow_factory, title="", status="retired", actor=actor)
    assert caught.value.problems == (
        "The title is empty.",
        "'retired' is not a status (draft, published, archived).",
    )
    with pytest.raises(InvalidDraftError, match="thumbnail address is longer than 255"):
        path_authoring.create_path(uow_factory, title="T", thumbnail_url="x" * 256, actor=actor)


def test_add_remove_and_reorder_steps_keep_order_dense(
    uow_factory: UnitOfWorkFactory, content: Content
) -> None:
    actor = content.people.instructor
    path = path_authoring.create_path(uow_factory, title="Track", actor=actor)
    path = path_authoring.add_step(
        uow_factory,
        path_id=path.id,
        entity_type="course",
        entity_id=content.python,
        expected_updated_at=path.updated_at,
        actor=actor,
    )
    path = path_authoring.add_step(
        uow_factory,
        path_id=path.id,
        entity_type="assessment",
        entity_id=content.quiz,
        expected_updated_at=path.updated_at,
        actor=actor,
    )
    path = path_authoring.add_step(
        uow_factory,
        path_id=path.id,
        entity_type="course",
        entity_id=content.sql,
        expected_updated_at=path.updated_at,
        actor=actor,
        position=0,
    )
    assert [(s.order_index, s.title) for s in path.steps] == [
        (0, "SQL_Basics"),
        (1, "Python for Everyone"),
        (2, "Python quiz"),
    ]
    assert stored_order(uow_factory, path.id) == [(0, "course"), (1, "course"), (2, "assessment")]
    ids = [s.id for s in path.steps]
    path = path_authoring.reorder_steps(
        uow_factory,
        path_id=path.id,
        step_ids=[ids[1], ids[2], ids[0]],
        expected_updated_at=path.updated_at,
        actor=actor,
    )
    assert [s.title for s in path.steps] == ["Python for Everyone", "Python quiz", "SQL_Basics"]
    assert [s.id for s in path.steps] == [ids[1], ids[2], ids[0]]  # steps keep their ids
    path = path_authoring.remove_step(
        uow_factory,
        path_id=path.id,
        step_id=ids[2],
        expected_updated_at=path.updated_at,
        actor=actor,
    )
    assert [(s.order_index, s.title) for s in path.steps] == [
        (0, "Python for Everyone"),
        (1, "SQL_Basics"),
    ]
    assert stored_order(uow_factory, path.id) == [(0, "course"), (1, "course")]
    with pytest.raises(ValidationError, match="every step"):
        path_authoring.reorder_steps(
            uow_factory,
            path_id=path.id,
            step_ids=[ids[1]],
            expected_updated_at=path.updated_at,
            actor=actor,
        )


def test_steps_must_point_at_something_and_only_once(
    uow_factory: UnitOfWorkFactory, content: Content
) -> None:
    actor = content.people.instructor
    path = path_authoring.create_path(uow_factory, title="Track", actor=actor)
    with pytest.raises(ValidationError, match="This course no longer exists"):
        path_authoring.add_step(
            uow_factory,
            path_id=path.id,
            entity_type="course",
            entity_id=uuid.uuid4(),
            expected_updated_at=path.updated_at,
            actor=actor,
        )
    path = path_authoring.attach_assessment(
        uow_factory, path_id=path.id, assessment_id=content.quiz, actor=actor
    )
    with pytest.raises(ConflictError, match="already a step of 'Track'"):
        path_authoring.attach_assessment(
            uow_factory, path_id=path.id, assessment_id=content.quiz, actor=actor
        )
    with pytest.raises(InvalidDraftError, match="Step 2: this assessment is already a step"):
        path_authoring.add_step(
            uow_factory,
            path_id=path.id,
            entity_type="assessment",
            entity_id=content.quiz,
            expected_updated_at=path.updated_at,
            actor=actor,
        )
    with pytest.raises(InvalidDraftError, match="'lesson' is not a course or an assessment"):
        path_authoring.add_step(
            uow_factory,
            path_id=path.id,
            entity_type="lesson",
            entity_id=content.python,
            expected_updated_at=path.updated_at,
            actor=actor,
        )
    assert stored_order(uow_factory, path.id) == [(0, "assessment")]


def test_steps_pointing_at_missing_or_archived_items_are_flagged(
    uow_factory: UnitOfWorkFactory, content: Content
) -> None:
    actor = content.people.instructor
    draft = PathDraft(
        title="Track",
        status="published",
        steps=(
            StepDraft("course", content.python),
            StepDraft("course", content.old),
            StepDraft("assessment", content.quiz),
        ),
    )
    path = path_authoring.save_path(uow_factory, draft=draft, actor=actor)
    assert [s.problem for s in path.steps] == [
        None,
        "The course 'Old Python' is archived: learners no longer see it.",
        None,
    ]
    # Delete the quiz and the published course behind the path's back.
    quiz = assessment_authoring.get_assessment(uow_factory, assessment_id=content.quiz, actor=None)
    assessment_authoring.delete_assessment(
        uow_factory, assessment_id=quiz.id, expected_updated_at=quiz.updated_at, actor=actor
    )
    with uow_factory() as uow:
        course = uow.session.get(Course, content.python)
        assert course is not None
        uow.session.delete(course)
        uow.commit()
    path = path_authoring.get_path(uow_factory, path_id=path.id, actor=actor)
    assert [(s.title, s.problem) for s in path.steps] == [
        (None, "This course no longer exists (or is hidden from you)."),
        ("Old Python", "The course 'Old Python' is archived: learners no longer see it."),
        (None, "This assessment no longer exists."),
    ]
    assert len(path.flagged_steps) == 3
    # A flagged step may stay while other edits are saved, and be removed.
    kept = path_authoring.save_path(
        uow_factory,
        draft=replace(path.draft(), title="Track (fixing)", steps=path.draft().steps[1:]),
        path_id=path.id,
        expected_updated_at=path.updated_at,
        actor=actor,
    )
    assert [s.title for s in kept.steps] == ["Old Python", None]
    assert stored_order(uow_factory, path.id) == [(0, "course"), (1, "assessment")]


def test_saving_over_a_newer_version_is_a_conflict(
    uow_factory: UnitOfWorkFactory, content: Content
) -> None:
    actor = content.people.instructor
    path = path_authoring.create_path(uow_factory, title="Track", actor=actor)
    newer = path_authoring.attach_assessment(
        uow_factory, path_id=path.id, assessment_id=content.quiz, actor=content.people.admin
    )
    mine = replace(path.draft(), title="Mine", steps=(StepDraft("course", content.python),))
    with pytest.raises(EditConflictError) as caught:
        path_authoring.save_path(
            uow_factory,
            draft=mine,
            path_id=path.id,
            expected_updated_at=path.updated_at,
            actor=actor,
        )
    assert caught.value.mine == mine
    theirs = caught.value.theirs
    assert isinstance(theirs, path_authoring.PathDetail)
    assert [s.title for s in theirs.steps] == ["Python quiz"]
    current = path_authoring.get_path(uow_factory, path_id=path.id, actor=actor)
    assert current == newer
    with pytest.raises(EditConflictError):
        path_authoring.remove_step(
            uow_factory,
            path_id=path.id,
            step_id=newer.steps[0].id,
            expected_updated_at=path.updated_at,
            actor=actor,
        )


def test_only_the_author_or_an_admin_changes_a_path(
    uow_factory: UnitOfWorkFactory, content: Content
) -> None:
    people = content.people
    path = path_authoring.create_path(uow_factory, title="Track", actor=people.instructor)
    assert not path_authoring.get_path(
        uow_factory, path_id=path.id, actor=people.other_instructor
    ).can_edit
    with pytest.raises(PermissionDeniedError, match="only learning paths you author"):
        path_authoring.attach_assessment(
            uow_factory, path_id=path.id, assessment_id=content.quiz, actor=people.other_instructor
        )
    with pytest.raises(PermissionDeniedError):
        path_authoring.list_paths(uow_factory, actor=people.learner)
    path_authoring.delete_path(
        uow_factory, path_id=path.id, expected_updated_at=path.updated_at, actor=people.admin
    )
    assert path_authoring.list_paths(uow_factory, actor=people.instructor) == []


def test_picker_search_over_titles(uow_factory: UnitOfWorkFactory, content: Content) -> None:
    actor = content.people.instructor
    found = path_authoring.search_step_targets(uow_factory, actor=actor, text="python")
    # The archived course is not offered; courses and assessments mix, by title.
    assert [(t.entity_type, t.title, t.detail) for t in found] == [
        ("course", "Python for Everyone", "Course · published"),
        ("assessment", "Python quiz", "Assessment · 4 questions"),
    ]
    assert [t.title for t in path_authoring.search_step_targets(uow_factory, actor=actor)] == [
        "Python for Everyone",
        "Python quiz",
        "SQL_Basics",
    ]
    only_courses = path_authoring.search_step_targets(
        uow_factory, actor=actor, text="", kinds=("course",)
    )
    assert [t.title for t in only_courses] == ["Python for Everyone", "SQL_Basics"]
    # LIKE wildcards in the search are literal.
    assert [
        t.title for t in path_authoring.search_step_targets(uow_factory, actor=actor, text="_")
    ] == ["SQL_Basics"]


def test_list_paths(uow_factory: UnitOfWorkFactory, content: Content) -> None:
    people = content.people
    mine = path_authoring.create_path(uow_factory, title="b mine", actor=people.instructor)
    path_authoring.attach_assessment(
        uow_factory, path_id=mine.id, assessment_id=content.quiz, actor=people.instructor
    )
    path_authoring.create_path(uow_factory, title="A admin's", actor=people.admin)
    listed = path_authoring.list_paths(uow_factory, actor=people.instructor)
    assert [(p.title, p.step_count, p.can_edit) for p in listed] == [
        ("A admin's", 0, False),
        ("b mine", 1, True),
    ]
    assert [p.title for p in path_authoring.list_paths(uow_factory, actor=None, search="MINE")] == [
        "b mine"
    ]


def test_a_step_an_undo_brings_back_after_a_save_is_recreated(
    uow_factory: UnitOfWorkFactory, content: Content
) -> None:
    actor = content.people.instructor
    draft = PathDraft(
        title="Track",
        steps=(StepDraft("course", content.python), StepDraft("assessment", content.quiz)),
    )
    path = path_authoring.save_path(uow_factory, draft=draft, actor=actor)
    before = path.draft()
    trimmed = path_authoring.save_path(
        uow_factory,
        draft=replace(before, steps=before.steps[:1]),
        path_id=path.id,
        expected_updated_at=path.updated_at,
        actor=actor,
    )
    restored = path_authoring.save_path(
        uow_factory,
        draft=before,
        path_id=path.id,
        expected_updated_at=trimmed.updated_at,
        actor=actor,
    )
    assert [s.title for s in restored.steps] == ["Python for Everyone", "Python quiz"]
    assert restored.steps[0].id == before.steps[0].id
    assert restored.steps[1].id != before.steps[1].id
    assert stored_order(uow_factory, path.id) == [(0, "course"), (1, "assessment")]
