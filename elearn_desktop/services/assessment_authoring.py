"""Authoring assessments: list, open, save (create or update), delete, reorder questions.

An assessment is saved as one unit — fields, questions and answer options — after
:func:`~elearn_desktop.domain.assessment_rules.find_problems` found nothing, in one
transaction: nothing is ever half-written. Questions and options keep their ids across
saves (learners' attempts refer to them); ones left out of the draft are deleted, and a
draft id that is not (or no longer) part of the assessment — a question an editor's undo
brings back after a save deleted it — becomes a new row.

Optimistic concurrency: every change names the ``updated_at`` it started from. The row is
locked first (``SELECT … FOR UPDATE`` on PostgreSQL, the write lock on SQLite), so two
saves from the same version cannot both win: the second gets :class:`EditConflictError`
carrying both versions, and nothing of it is written.

Who may write: instructors what they author, admins anything (on PostgreSQL row-level
security enforces the same; here it is said in words first). Reading correct answers is
for instructors and admins only — learners may not read ``answer_options.is_correct``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, undefer

from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    LearningPath,
    PathStep,
    Question,
)
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.assessment_rules import (
    AssessmentDraft,
    OptionDraft,
    QuestionDraft,
    find_problems,
)
from elearn_desktop.domain.errors import NotFoundError, ValidationError
from elearn_desktop.services.authored_rows import (
    AuthoredKind,
    author_names,
    by_title_with_counts,
    can_edit,
    clean,
    matched_rows,
    refuse_problems,
    set_changed,
)
from elearn_desktop.services.authored_rows import (  # where the editors and tests find them
    EditConflictError as EditConflictError,
)
from elearn_desktop.services.authored_rows import InvalidDraftError as InvalidDraftError
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

ASSESSMENT_STEP = "assessment"


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class OptionDetail:
    id: uuid.UUID
    text: str
    is_correct: bool
    order_index: int


@dataclass(frozen=True, slots=True)
class QuestionDetail:
    id: uuid.UUID
    text: str
    type: str
    order_index: int
    options: tuple[OptionDetail, ...]


@dataclass(frozen=True, slots=True)
class PathUse:
    """A learning path that has the assessment as a step."""

    id: uuid.UUID
    title: str
    status: str


@dataclass(frozen=True, slots=True)
class AssessmentDetail:
    id: uuid.UUID
    title: str
    description: str | None
    passing_score: int | None
    time_limit: int | None
    author_id: uuid.UUID | None
    author_name: str | None
    updated_at: dt.datetime | None
    questions: tuple[QuestionDetail, ...]
    paths: tuple[PathUse, ...]
    can_edit: bool

    def draft(self) -> AssessmentDraft:
        """This version as an editable draft (ids kept, so saving updates in place)."""
        return AssessmentDraft(
            title=self.title,
            description=self.description,
            passing_score=self.passing_score,
            time_limit=self.time_limit,
            questions=tuple(
                QuestionDraft(
                    text=q.text,
                    type=q.type,
                    id=q.id,
                    options=tuple(
                        OptionDraft(text=o.text, is_correct=o.is_correct, id=o.id)
                        for o in q.options
                    ),
                )
                for q in self.questions
            ),
        )


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    id: uuid.UUID
    title: str
    question_count: int
    passing_score: int | None
    time_limit: int | None
    author_name: str | None
    updated_at: dt.datetime | None
    can_edit: bool


@dataclass(frozen=True, slots=True)
class DeletedAssessment:
    id: uuid.UUID
    title: str
    #: Paths whose step now points at nothing (they show it flagged).
    flagged_paths: tuple[PathUse, ...]


# ------------------------------------------------------------------------------- reads


def _load(session: Session, assessment_id: uuid.UUID) -> Assessment | None:
    return session.scalar(
        select(Assessment)
        .where(Assessment.id == assessment_id)
        .options(
            selectinload(Assessment.questions)
            .selectinload(Question.options)
            .options(undefer(AnswerOption.is_correct))
        )
        .execution_options(populate_existing=True)
    )


def _paths_using(session: Session, assessment_id: uuid.UUID) -> tuple[PathUse, ...]:
    rows = session.execute(
        select(LearningPath.id, LearningPath.title, LearningPath.status)
        .join(PathStep, PathStep.path_id == LearningPath.id)
        .where(PathStep.entity_type == ASSESSMENT_STEP, PathStep.entity_id == assessment_id)
        .distinct()
        .order_by(LearningPath.title)
    ).all()
    return tuple(PathUse(id=r[0], title=r[1], status=r[2] or "draft") for r in rows)


def _detail(session: Session, a: Assessment, actor: UserSummary | None) -> AssessmentDetail:
    names = author_names(session, [a.author_id])
    return AssessmentDetail(
        id=a.id,
        title=a.title,
        description=a.description,
        passing_score=a.passing_score,
        time_limit=a.time_limit,
        author_id=a.author_id,
        author_name=names.get(a.author_id) if a.author_id else None,
        updated_at=a.updated_at,
        questions=tuple(
            QuestionDetail(
                id=q.id,
                text=q.text,
                type=q.type,
                order_index=q.order_index,
                options=tuple(
                    OptionDetail(
                        id=o.id,
                        text=o.text,
                        is_correct=bool(o.is_correct),
                        order_index=o.order_index,
                    )
                    for o in q.options
                ),
            )
            for q in a.questions
        ),
        paths=_paths_using(session, a.id),
        can_edit=can_edit(actor, a.author_id),
    )


def list_assessments(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    search: str = "",
    limit: int = 500,
) -> list[AssessmentSummary]:
    """Assessments by title (optionally those whose title contains ``search``)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        stmt = by_title_with_counts(Assessment, Question.assessment_id, search=search, limit=limit)
        rows = uow.session.execute(stmt).all()
        names = author_names(uow.session, [r[0].author_id for r in rows])
        return [
            AssessmentSummary(
                id=a.id,
                title=a.title,
                question_count=int(n),
                passing_score=a.passing_score,
                time_limit=a.time_limit,
                author_name=names.get(a.author_id) if a.author_id else None,
                updated_at=a.updated_at,
                can_edit=can_edit(actor, a.author_id),
            )
            for a, n in rows
        ]


def get_assessment(
    uow_factory: UnitOfWorkFactory, *, assessment_id: uuid.UUID, actor: UserSummary | None
) -> AssessmentDetail:
    """One assessment with its questions, options and correct answers (authors only)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        assessment = _load(uow.session, assessment_id)
        if assessment is None:
            raise NotFoundError("This assessment no longer exists.")
        return _detail(uow.session, assessment, actor)


# ------------------------------------------------------------------------------ writes


def without_ids(draft: AssessmentDraft) -> AssessmentDraft:
    """The same content as new rows (a copy, or a draft for another database)."""
    return replace(
        draft,
        questions=tuple(
            replace(q, id=None, options=tuple(replace(o, id=None) for o in q.options))
            for q in draft.questions
        ),
    )


def _check(draft: AssessmentDraft) -> None:
    refuse_problems([p.message for p in find_problems(draft)])


def _apply_options(question: Question, drafts: Sequence[OptionDraft]) -> None:
    options = list(matched_rows(question.options, [d.id for d in drafts], AnswerOption))
    for index, (draft, option) in enumerate(zip(drafts, options, strict=True)):
        set_changed(option, text=draft.text.strip(), is_correct=draft.is_correct, order_index=index)
    question.options = options


def _apply(assessment: Assessment, draft: AssessmentDraft) -> None:
    set_changed(
        assessment,
        title=draft.title.strip(),
        description=clean(draft.description),
        passing_score=draft.passing_score,
        time_limit=draft.time_limit,
    )
    ids = [q.id for q in draft.questions]
    questions = list(matched_rows(assessment.questions, ids, Question))
    for index, (q_draft, question) in enumerate(zip(draft.questions, questions, strict=True)):
        set_changed(question, text=q_draft.text.strip(), type=q_draft.type, order_index=index)
        _apply_options(question, q_draft.options)
    assessment.questions = questions


_ASSESSMENTS = AuthoredKind(
    model=Assessment,
    noun="assessment",
    deleted="Someone deleted this assessment while you edited it; your changes were not saved.",
    load=_load,
    detail=_detail,
)


def save_assessment(
    uow_factory: UnitOfWorkFactory,
    *,
    draft: AssessmentDraft,
    actor: UserSummary | None,
    assessment_id: uuid.UUID | None = None,
    expected_updated_at: dt.datetime | None = None,
) -> AssessmentDetail:
    """Create (``assessment_id`` None) or update an assessment as one validated unit.

    Raises :class:`InvalidDraftError` listing every problem, :class:`EditConflictError`
    when the assessment changed since ``expected_updated_at``, or
    :class:`PermissionDeniedError`; in each case nothing is written.
    """
    require(actor, "content.author")
    _check(draft)
    with uow_factory() as uow:
        if assessment_id is None:
            assessment = Assessment(
                id=uuid.uuid4(), author_id=actor.id if actor is not None else None
            )
            uow.session.add(assessment)
            previous = None
            draft = without_ids(draft)
        else:
            assessment = _ASSESSMENTS.locked(
                uow, assessment_id, expected_updated_at=expected_updated_at, mine=draft, actor=actor
            )
            previous = assessment.updated_at
        _apply(assessment, draft)
        return _ASSESSMENTS.finish(uow, assessment, previous, actor)


def create_assessment(
    uow_factory: UnitOfWorkFactory, *, draft: AssessmentDraft, actor: UserSummary | None
) -> AssessmentDetail:
    return save_assessment(uow_factory, draft=draft, actor=actor)


def update_assessment(
    uow_factory: UnitOfWorkFactory,
    *,
    assessment_id: uuid.UUID,
    draft: AssessmentDraft,
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
) -> AssessmentDetail:
    return save_assessment(
        uow_factory,
        draft=draft,
        actor=actor,
        assessment_id=assessment_id,
        expected_updated_at=expected_updated_at,
    )


def reorder_questions(
    uow_factory: UnitOfWorkFactory,
    *,
    assessment_id: uuid.UUID,
    question_ids: Sequence[uuid.UUID],
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
) -> AssessmentDetail:
    """Put the questions in the order of ``question_ids`` (all of them, each once)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        assessment = _ASSESSMENTS.locked(
            uow,
            assessment_id,
            expected_updated_at=expected_updated_at,
            mine=tuple(question_ids),
            actor=actor,
        )
        current = {q.id: q for q in assessment.questions}
        if len(question_ids) != len(current) or set(question_ids) != set(current):
            raise ValidationError(
                "questions", "the new order must name every question of the assessment once"
            )
        for index, qid in enumerate(question_ids):
            set_changed(current[qid], order_index=index)
        return _ASSESSMENTS.finish(uow, assessment, assessment.updated_at, actor)


def delete_assessment(
    uow_factory: UnitOfWorkFactory,
    *,
    assessment_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    actor: UserSummary | None,
) -> DeletedAssessment:
    """Delete an assessment with its questions and options (and learners' attempts).

    Learning paths that have it as a step keep the step, flagged as pointing at nothing,
    so their authors see what to fix instead of a path that silently changed.
    """
    require(actor, "content.author")
    with uow_factory() as uow:
        assessment = _ASSESSMENTS.locked(
            uow, assessment_id, expected_updated_at=expected_updated_at, mine=None, actor=actor
        )
        paths = _paths_using(uow.session, assessment_id)
        title = assessment.title
        uow.session.delete(assessment)
        uow.flush()
        uow.commit()
        return DeletedAssessment(id=assessment_id, title=title, flagged_paths=paths)
