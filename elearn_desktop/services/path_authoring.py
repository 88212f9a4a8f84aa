"""Authoring learning paths: fields, ordered steps (courses or assessments), flags.

A path's steps refer to a course or an assessment by id. A step whose item was deleted
(or is hidden from this person) or whose course is archived is *flagged*: it stays in the
path, with a warning in words, until its author removes or replaces it.

Changes name the path's ``updated_at`` they started from (optimistic concurrency, shared
with assessments in :mod:`~elearn_desktop.services.authored_rows`); ``order_index`` stays dense
(0, 1, 2, …) after every change. :func:`save_path` writes fields and steps as one unit,
which is what the editor's Save does; the single-step functions serve scripts and the
"attach this assessment to a path" command.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from elearn_desktop.data.models import Assessment, Course, LearningPath, PathStep, Question
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from elearn_desktop.services.authored_rows import (
    AuthoredKind,
    author_names,
    by_title_with_counts,
    can_edit,
    clean,
    matched_rows,
    refuse_problems,
    set_changed,
    title_contains,
)
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

COURSE = "course"
ASSESSMENT = "assessment"
STEP_TYPES = (COURSE, ASSESSMENT)
PATH_STATUSES = ("draft", "published", "archived")
ARCHIVED = "archived"
MAX_TITLE = 255
MAX_THUMBNAIL = 255


# ------------------------------------------------------------------------------ drafts


@dataclass(frozen=True, slots=True)
class StepDraft:
    entity_type: str
    entity_id: uuid.UUID
    id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class PathDraft:
    title: str
    description: str | None = None
    thumbnail_url: str | None = None
    status: str = "draft"
    steps: tuple[StepDraft, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class PathProblem:
    """``field``: ``title``, ``thumbnail_url``, ``status`` or ``steps``."""

    field: str
    message: str


def path_problems(draft: PathDraft) -> list[PathProblem]:
    """Why ``draft`` cannot be saved, in plain words (empty when it can)."""
    problems: list[PathProblem] = []
    if not draft.title.strip():
        problems.append(PathProblem("title", "The title is empty."))
    elif len(draft.title.strip()) > MAX_TITLE:
        problems.append(PathProblem("title", f"The title is longer than {MAX_TITLE} characters."))
    if draft.thumbnail_url and len(draft.thumbnail_url.strip()) > MAX_THUMBNAIL:
        problems.append(
            PathProblem(
                "thumbnail_url",
                f"The thumbnail address is longer than {MAX_THUMBNAIL} characters.",
            )
        )
    if draft.status not in PATH_STATUSES:
        problems.append(
            PathProblem("status", f"'{draft.status}' is not a status (draft, published, archived).")
        )
    seen: set[tuple[str, uuid.UUID]] = set()
    for index, step in enumerate(draft.steps):
        if step.entity_type not in STEP_TYPES:
            problems.append(
                PathProblem(
                    "steps",
                    f"Step {index + 1}: '{step.entity_type}' is not a course or an assessment.",
                )
            )
        key = (step.entity_type, step.entity_id)
        if key in seen:
            problems.append(
                PathProblem(
                    "steps", f"Step {index + 1}: this {step.entity_type} is already a step."
                )
            )
        seen.add(key)
    return problems


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class StepDetail:
    id: uuid.UUID
    entity_type: str
    entity_id: uuid.UUID
    order_index: int
    #: The course's or assessment's title; None when it no longer exists.
    title: str | None
    #: The course's status (courses only), None otherwise.
    target_status: str | None
    #: Why the step is flagged, in words; None when it is fine.
    problem: str | None

    @property
    def flagged(self) -> bool:
        return self.problem is not None

    def draft(self) -> StepDraft:
        return StepDraft(entity_type=self.entity_type, entity_id=self.entity_id, id=self.id)


@dataclass(frozen=True, slots=True)
class PathDetail:
    id: uuid.UUID
    title: str
    description: str | None
    thumbnail_url: str | None
    status: str
    author_id: uuid.UUID | None
    author_name: str | None
    updated_at: dt.datetime | None
    steps: tuple[StepDetail, ...]
    can_edit: bool

    @property
    def flagged_steps(self) -> tuple[StepDetail, ...]:
        return tuple(s for s in self.steps if s.flagged)

    def draft(self) -> PathDraft:
        return PathDraft(
            title=self.title,
            description=self.description,
            thumbnail_url=self.thumbnail_url,
            status=self.status,
            steps=tuple(s.draft() for s in self.steps),
        )


@dataclass(frozen=True, slots=True)
class PathListItem:
    id: uuid.UUID
    title: str
    status: str
    step_count: int
    updated_at: dt.datetime | None
    can_edit: bool


@dataclass(frozen=True, slots=True)
class StepTarget:
    """Something a step can point at, as the picker lists it."""

    entity_type: str
    entity_id: uuid.UUID
    title: str
    #: A short line under the title: "Course · published · beginner", "Assessment · 4 questions".
    detail: str
    status: str | None = None


# ------------------------------------------------------------------------------- reads


def _load(session: Session, path_id: uuid.UUID) -> LearningPath | None:
    return session.scalar(
        select(LearningPath)
        .where(LearningPath.id == path_id)
        .options(selectinload(LearningPath.steps))
        .execution_options(populate_existing=True)
    )


def describe_steps(
    session: Session, steps: Sequence[tuple[str, uuid.UUID]]
) -> list[tuple[str | None, str | None, str | None]]:
    """(title, course status, problem) for each (entity_type, entity_id)."""
    course_ids = [i for t, i in steps if t == COURSE]
    assessment_ids = [i for t, i in steps if t == ASSESSMENT]
    courses: dict[uuid.UUID, tuple[str, str | None]] = {}
    if course_ids:
        rows = session.execute(
            select(Course.id, Course.title, Course.status).where(Course.id.in_(course_ids))
        ).all()
        courses = {r[0]: (r[1], r[2]) for r in rows}
    assessments: dict[uuid.UUID, str] = {}
    if assessment_ids:
        titles = session.execute(
            select(Assessment.id, Assessment.title).where(Assessment.id.in_(assessment_ids))
        ).all()
        assessments = {r[0]: r[1] for r in titles}
    described: list[tuple[str | None, str | None, str | None]] = []
    for entity_type, entity_id in steps:
        if entity_type == COURSE:
            found = courses.get(entity_id)
            if found is None:
                described.append(
                    (None, None, "This course no longer exists (or is hidden from you).")
                )
            elif found[1] == ARCHIVED:
                described.append(
                    (
                        found[0],
                        found[1],
                        f"The course '{found[0]}' is archived: learners no longer see it.",
                    )
                )
            else:
                described.append((found[0], found[1] or "draft", None))
        elif entity_type == ASSESSMENT:
            title = assessments.get(entity_id)
            problem = None if title is not None else "This assessment no longer exists."
            described.append((title, None, problem))
        else:
            described.append((None, None, f"'{entity_type}' is not a course or an assessment."))
    return described


def _detail(session: Session, path: LearningPath, actor: UserSummary | None) -> PathDetail:
    steps = sorted(path.steps, key=lambda s: (s.order_index, str(s.id)))
    described = describe_steps(session, [(s.entity_type, s.entity_id) for s in steps])
    names = author_names(session, [path.author_id])
    return PathDetail(
        id=path.id,
        title=path.title,
        description=path.description,
        thumbnail_url=path.thumbnail_url,
        status=path.status or "draft",
        author_id=path.author_id,
        author_name=names.get(path.author_id) if path.author_id else None,
        updated_at=path.updated_at,
        steps=tuple(
            StepDetail(
                id=s.id,
                entity_type=s.entity_type,
                entity_id=s.entity_id,
                order_index=s.order_index,
                title=title,
                target_status=status,
                problem=problem,
            )
            for s, (title, status, problem) in zip(steps, described, strict=True)
        ),
        can_edit=can_edit(actor, path.author_id),
    )


def list_paths(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    search: str = "",
    limit: int = 500,
) -> list[PathListItem]:
    require(actor, "content.author")
    with uow_factory() as uow:
        stmt = by_title_with_counts(LearningPath, PathStep.path_id, search=search, limit=limit)
        return [
            PathListItem(
                id=p.id,
                title=p.title,
                status=p.status or "draft",
                step_count=int(n),
                updated_at=p.updated_at,
                can_edit=can_edit(actor, p.author_id),
            )
            for p, n in uow.session.execute(stmt).all()
        ]


def get_path(
    uow_factory: UnitOfWorkFactory, *, path_id: uuid.UUID, actor: UserSummary | None
) -> PathDetail:
    require(actor, "content.author")
    with uow_factory() as uow:
        path = _load(uow.session, path_id)
        if path is None:
            raise NotFoundError("This learning path no longer exists.")
        return _detail(uow.session, path, actor)


def search_step_targets(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    text: str = "",
    kinds: Sequence[str] = STEP_TYPES,
    limit: int = 50,
) -> list[StepTarget]:
    """Courses (not archived) and assessments whose title contains ``text``, by title."""
    require(actor, "content.author")
    found: list[StepTarget] = []
    with uow_factory() as uow:
        if COURSE in kinds:
            courses = uow.session.execute(
                select(Course.id, Course.title, Course.status, Course.level)
                .where(title_contains(Course.title, text))
                .where(func.coalesce(Course.status, "draft") != ARCHIVED)
                .order_by(func.lower(Course.title))
                .limit(limit)
            ).all()
            for cid, title, status, level in courses:
                parts = ["Course", status or "draft", *([level] if level else [])]
                found.append(
                    StepTarget(COURSE, cid, title, " · ".join(parts), status=status or "draft")
                )
        if ASSESSMENT in kinds:
            counts = (
                select(Question.assessment_id, func.count(Question.id).label("n"))
                .group_by(Question.assessment_id)
                .subquery()
            )
            rows = uow.session.execute(
                select(Assessment.id, Assessment.title, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.assessment_id == Assessment.id)
                .where(title_contains(Assessment.title, text))
                .order_by(func.lower(Assessment.title))
                .limit(limit)
            ).all()
            for aid, title, n in rows:
                noun = "question" if n == 1 else "questions"
                found.append(StepTarget(ASSESSMENT, aid, title, f"Assessment · {n} {noun}"))
    found.sort(key=lambda t: (t.title.casefold(), t.entity_type))
    return found[:limit]


# ------------------------------------------------------------------------------ writes


def _check(draft: PathDraft) -> None:
    refuse_problems([p.message for p in path_problems(draft)])


_PATHS = AuthoredKind(
    model=LearningPath,
    noun="learning path",
    deleted=(
        "This learning path was deleted (or is no longer visible to you) while you edited "
        "it; your changes were not saved."
    ),
    load=_load,
    detail=_detail,
)


def _set_steps(path: LearningPath, steps: Sequence[StepDraft]) -> None:
    kept = list(matched_rows(path.steps, [s.id for s in steps], PathStep))
    for index, (draft, step) in enumerate(zip(steps, kept, strict=True)):
        set_changed(
            step, entity_type=draft.entity_type, entity_id=draft.entity_id, order_index=index
        )
    path.steps = kept


def _check_targets_exist(
    session: Session, steps: Sequence[StepDraft], before: set[uuid.UUID]
) -> None:
    """New steps must point at something that exists (old flagged ones may stay)."""
    new = [s for s in steps if s.id is None or s.id not in before]
    described = describe_steps(session, [(s.entity_type, s.entity_id) for s in new])
    for _step, (title, _status, problem) in zip(new, described, strict=True):
        if title is None:
            raise ValidationError("steps", problem or "this step points at nothing")


def save_path(
    uow_factory: UnitOfWorkFactory,
    *,
    draft: PathDraft,
    actor: UserSummary | None,
    path_id: uuid.UUID | None = None,
    expected_updated_at: dt.datetime | None = None,
) -> PathDetail:
    """Create (``path_id`` None) or update a path — fields and steps — as one unit."""
    require(actor, "content.author")
    _check(draft)
    with uow_factory() as uow:
        if path_id is None:
            # Added to the session only once complete (queries below autoflush).
            path = LearningPath(id=uuid.uuid4(), author_id=actor.id if actor else None)
            previous = None
            draft = replace(draft, steps=tuple(replace(s, id=None) for s in draft.steps))
            before: set[uuid.UUID] = set()
        else:
            path = _PATHS.locked(
                uow, path_id, expected_updated_at=expected_updated_at, mine=draft, actor=actor
            )
            previous = path.updated_at
            before = {s.id for s in path.steps}
        _check_targets_exist(uow.session, draft.steps, before)
        set_changed(
            path,
            title=draft.title.strip(),
            description=clean(draft.description),
            thumbnail_url=clean(draft.thumbnail_url),
            status=draft.status,
        )
        _set_steps(path, draft.steps)
        if path_id is None:
            uow.session.add(path)
        return _PATHS.finish(uow, path, previous, actor)


def create_path(
    uow_factory: UnitOfWorkFactory,
    *,
    title: str,
    actor: UserSummary | None,
    description: str | None = None,
    thumbnail_url: str | None = None,
    status: str = "draft",
) -> PathDetail:
    draft = PathDraft(
        title=title, description=description, thumbnail_url=thumbnail_url, status=status
    )
    return save_path(uow_factory, draft=draft, actor=actor)


def update_path(
    uow_factory: UnitOfWorkFactory,
    *,
    path_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
    title: str,
    description: str | None = None,
    thumbnail_url: str | None = None,
    status: str = "draft",
) -> PathDetail:
    """Change the path's fields; its steps stay as they are."""
    current = get_path(uow_factory, path_id=path_id, actor=actor)
    draft = PathDraft(
        title=title,
        description=description,
        thumbnail_url=thumbnail_url,
        status=status,
        steps=tuple(s.draft() for s in current.steps),
    )
    return save_path(
        uow_factory,
        draft=draft,
        actor=actor,
        path_id=path_id,
        expected_updated_at=expected_updated_at,
    )


def _change_steps(
    uow_factory: UnitOfWorkFactory,
    *,
    path_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
    change: object,
    edit: Callable[[list[StepDraft]], list[StepDraft]],
) -> PathDetail:
    require(actor, "content.author")
    with uow_factory() as uow:
        path = _PATHS.locked(
            uow, path_id, expected_updated_at=expected_updated_at, mine=change, actor=actor
        )
        current = [
            StepDraft(s.entity_type, s.entity_id, s.id)
            for s in sorted(path.steps, key=lambda s: (s.order_index, str(s.id)))
        ]
        steps = edit(current)
        draft = PathDraft(title=path.title, status=path.status or "draft", steps=tuple(steps))
        refuse_problems([p.message for p in path_problems(draft) if p.field == "steps"])
        _check_targets_exist(uow.session, steps, {s.id for s in path.steps})
        previous = path.updated_at
        _set_steps(path, steps)
        return _PATHS.finish(uow, path, previous, actor)


def add_step(
    uow_factory: UnitOfWorkFactory,
    *,
    path_id: uuid.UUID,
    entity_type: str,
    entity_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
    position: int | None = None,
) -> PathDetail:
    """Add a step at ``position`` (default: the end)."""

    def edit(steps: list[StepDraft]) -> list[StepDraft]:
        where = len(steps) if position is None else max(0, min(position, len(steps)))
        return [*steps[:where], StepDraft(entity_type, entity_id), *steps[where:]]

    return _change_steps(
        uow_factory,
        path_id=path_id,
        expected_updated_at=expected_updated_at,
        actor=actor,
        change=("add", entity_type, entity_id),
        edit=edit,
    )


def remove_step(
    uow_factory: UnitOfWorkFactory,
    *,
    path_id: uuid.UUID,
    step_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
) -> PathDetail:
    def edit(steps: list[StepDraft]) -> list[StepDraft]:
        if all(s.id != step_id for s in steps):
            raise NotFoundError("This step is no longer part of the path.")
        return [s for s in steps if s.id != step_id]

    return _change_steps(
        uow_factory,
        path_id=path_id,
        expected_updated_at=expected_updated_at,
        actor=actor,
        change=("remove", step_id),
        edit=edit,
    )


def reorder_steps(
    uow_factory: UnitOfWorkFactory,
    *,
    path_id: uuid.UUID,
    step_ids: Sequence[uuid.UUID],
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
) -> PathDetail:
    """Put the steps in the order of ``step_ids`` (every step, each once)."""

    def edit(steps: list[StepDraft]) -> list[StepDraft]:
        by_id = {s.id: s for s in steps}
        if len(step_ids) != len(by_id) or set(step_ids) != set(by_id):
            raise ValidationError("steps", "the new order must name every step of the path once")
        return [by_id[i] for i in step_ids]

    return _change_steps(
        uow_factory,
        path_id=path_id,
        expected_updated_at=expected_updated_at,
        actor=actor,
        change=("reorder", tuple(step_ids)),
        edit=edit,
    )


def attach_assessment(
    uow_factory: UnitOfWorkFactory,
    *,
    path_id: uuid.UUID,
    assessment_id: uuid.UUID,
    actor: UserSummary | None,
    expected_updated_at: dt.datetime | None = None,
) -> PathDetail:
    """Add the assessment as the path's last step (refused if it is a step already).

    Without ``expected_updated_at`` the path's current version is taken: attaching is
    an append, it cannot overwrite anyone's edit.
    """
    if expected_updated_at is None:
        current = get_path(uow_factory, path_id=path_id, actor=actor)
        if any(s.entity_type == ASSESSMENT and s.entity_id == assessment_id for s in current.steps):
            raise ConflictError(f"This assessment is already a step of '{current.title}'.")
        expected_updated_at = current.updated_at
    return add_step(
        uow_factory,
        path_id=path_id,
        entity_type=ASSESSMENT,
        entity_id=assessment_id,
        expected_updated_at=expected_updated_at,
        actor=actor,
    )


def delete_path(
    uow_factory: UnitOfWorkFactory,
    *,
    path_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
) -> None:
    require(actor, "content.author")
    with uow_factory() as uow:
        path = _PATHS.locked(
            uow, path_id, expected_updated_at=expected_updated_at, mine=None, actor=actor
        )
        uow.session.delete(path)
        uow.flush()
        uow.commit()
