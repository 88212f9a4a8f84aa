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
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload, undefer

from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    LearningPath,
    PathStep,
    Question,
    User,
)
from elearn_desktop.data.types import utcnow
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.assessment_rules import (
    AssessmentDraft,
    OptionDraft,
    QuestionDraft,
    find_problems,
)
from elearn_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

ASSESSMENT_STEP = "assessment"
_M = TypeVar("_M")


# ------------------------------------------------------------------- shared by authoring


class EditConflictError(ConflictError):
    """Someone saved a newer version (or deleted it) since this edit began.

    ``mine`` is what this edit wanted to save; ``theirs`` the version now in the database
    (None when it was deleted). Nothing of ``mine`` was written.
    """

    def __init__(self, message: str, *, mine: object, theirs: object | None) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


class InvalidDraftError(ValidationError):
    """The draft breaks the rules; ``problems`` lists every reason in words."""

    def __init__(self, problems: Sequence[str]) -> None:
        first = problems[0] if problems else "the draft is not valid"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__("draft", f"{first}{more}")
        self.problems = tuple(problems)


def can_edit(actor: UserSummary | None, author_id: uuid.UUID | None) -> bool:
    """Instructors change what they author; admins (and the operator, None) anything."""
    if actor is None or actor.has_role("admin"):
        return True
    return actor.has_role("instructor") and author_id is not None and author_id == actor.id


def require_owner(actor: UserSummary | None, author_id: uuid.UUID | None, what: str) -> None:
    if not can_edit(actor, author_id):
        raise PermissionDeniedError(
            f"You may change only {what}s you author; this one is not yours."
        )


def lock_row(session: Session, model: type[_M], row_id: uuid.UUID) -> _M | None:
    """Load a row for changing it, after taking the lock that serialises its writers."""
    table: Any = model.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "sqlite":
        # A write first takes SQLite's write lock: every read after it sees the newest
        # committed version. Setting updated_at to itself keeps its onupdate default away.
        session.execute(
            update(table).where(table.c.id == row_id).values(updated_at=table.c.updated_at)
        )
        stmt = select(model).where(table.c.id == row_id)
    else:
        stmt = select(model).where(table.c.id == row_id).with_for_update(of=table)
    return session.scalar(stmt.execution_options(populate_existing=True))


def refuse_if_present(
    session: Session, model: type[Any], row_id: uuid.UUID, actor: UserSummary | None, what: str
) -> None:
    """After :func:`lock_row` found nothing: was the row deleted, or refused to us?

    On PostgreSQL row-level security hides a row from ``FOR UPDATE`` when the person may
    not change it, while a plain read still sees it: that is a refusal, not a deletion.
    """
    found = session.execute(select(model.author_id).where(model.id == row_id)).first()
    if found is not None:
        require_owner(actor, found[0], what)
        raise PermissionDeniedError(f"The server does not let you change this {what}.")


def next_stamp(session: Session, previous: dt.datetime | None) -> dt.datetime:
    """A new ``updated_at``: the server's clock, strictly after ``previous``."""
    if session.get_bind().dialect.name == "postgresql":
        now: dt.datetime = session.scalar(select(func.clock_timestamp())) or utcnow()
    else:
        now = utcnow()
    now = now.astimezone(dt.UTC)
    if previous is not None and now <= previous:
        now = previous + dt.timedelta(microseconds=1)
    return now


def same_version(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.astimezone(dt.UTC) == b.astimezone(dt.UTC)


def clean(text: str | None) -> str | None:
    """Trimmed text, or None when there is none."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def escape_like(text: str) -> str:
    return text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def author_names(session: Session, ids: Sequence[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Display names of authors this person may read (on PostgreSQL, maybe none)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(User.id, User.first_name, User.last_name, User.email).where(User.id.in_(wanted))
    ).all()
    return {r[0]: " ".join(p for p in (r[1], r[2]) if p) or r[3] for r in rows}


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
        counts = (
            select(Question.assessment_id, func.count(Question.id).label("n"))
            .group_by(Question.assessment_id)
            .subquery()
        )
        stmt = (
            select(Assessment, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.assessment_id == Assessment.id)
            .order_by(func.lower(Assessment.title), Assessment.id)
            .limit(limit)
        )
        if search.strip():
            pattern = f"%{escape_like(search.strip())}%"
            stmt = stmt.where(func.lower(Assessment.title).like(pattern, escape="\\"))
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
    problems = find_problems(draft)
    if problems:
        raise InvalidDraftError([p.message for p in problems])


def _apply_options(question: Question, drafts: Sequence[OptionDraft]) -> None:
    existing = {o.id: o for o in question.options}
    seen: set[uuid.UUID] = set()
    options: list[AnswerOption] = []
    for index, draft in enumerate(drafts):
        option = existing.get(draft.id) if draft.id is not None and draft.id not in seen else None
        if option is None:
            option = AnswerOption(id=uuid.uuid4())
        else:
            seen.add(option.id)
        _set(option, text=draft.text.strip(), is_correct=draft.is_correct, order_index=index)
        options.append(option)
    question.options = options


def _set(obj: object, **values: object) -> None:
    """Assign only what changed: unchanged rows cause no UPDATE (and no audit entry)."""
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)


def _apply(assessment: Assessment, draft: AssessmentDraft) -> None:
    _set(
        assessment,
        title=draft.title.strip(),
        description=clean(draft.description),
        passing_score=draft.passing_score,
        time_limit=draft.time_limit,
    )
    existing = {q.id: q for q in assessment.questions}
    seen: set[uuid.UUID] = set()
    questions: list[Question] = []
    for index, q_draft in enumerate(draft.questions):
        known = q_draft.id is not None and q_draft.id not in seen
        question = existing.get(q_draft.id) if known and q_draft.id is not None else None
        if question is None:
            question = Question(id=uuid.uuid4())
        else:
            seen.add(question.id)
        _set(question, text=q_draft.text.strip(), type=q_draft.type, order_index=index)
        _apply_options(question, q_draft.options)
        questions.append(question)
    assessment.questions = questions


def _conflict(
    session: Session,
    assessment_id: uuid.UUID,
    mine: object,
    actor: UserSummary | None,
) -> EditConflictError:
    current = _load(session, assessment_id)
    if current is None:
        return EditConflictError(
            "Someone deleted this assessment while you edited it; your changes were not saved.",
            mine=mine,
            theirs=None,
        )
    theirs = _detail(session, current, actor)
    # Say when, not who: the author is not necessarily the one who saved.
    when = f" at {theirs.updated_at.astimezone():%H:%M:%S}" if theirs.updated_at else ""
    return EditConflictError(
        f"Someone else saved a newer version of '{theirs.title}'{when}; "
        "your changes were not saved.",
        mine=mine,
        theirs=theirs,
    )


def _locked_for_change(
    uow: UnitOfWork,
    assessment_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    mine: object,
    actor: UserSummary | None,
) -> Assessment:
    locked = lock_row(uow.session, Assessment, assessment_id)
    if locked is None:
        refuse_if_present(uow.session, Assessment, assessment_id, actor, "assessment")
        raise _conflict(uow.session, assessment_id, mine, actor)
    require_owner(actor, locked.author_id, "assessment")
    if not same_version(locked.updated_at, expected_updated_at):
        raise _conflict(uow.session, assessment_id, mine, actor)
    assessment = _load(uow.session, assessment_id)
    assert assessment is not None
    return assessment


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
            assessment = _locked_for_change(uow, assessment_id, expected_updated_at, draft, actor)
            previous = assessment.updated_at
        _apply(assessment, draft)
        assessment.updated_at = next_stamp(uow.session, previous)
        uow.flush()
        uow.commit()
        saved = _load(uow.session, assessment.id)
        assert saved is not None
        return _detail(uow.session, saved, actor)


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
        assessment = _locked_for_change(
            uow, assessment_id, expected_updated_at, tuple(question_ids), actor
        )
        current = {q.id: q for q in assessment.questions}
        if len(question_ids) != len(current) or set(question_ids) != set(current):
            raise ValidationError(
                "questions", "the new order must name every question of the assessment once"
            )
        for index, qid in enumerate(question_ids):
            _set(current[qid], order_index=index)
        assessment.updated_at = next_stamp(uow.session, assessment.updated_at)
        uow.flush()
        uow.commit()
        saved = _load(uow.session, assessment_id)
        assert saved is not None
        return _detail(uow.session, saved, actor)


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
        assessment = _locked_for_change(uow, assessment_id, expected_updated_at, None, actor)
        paths = _paths_using(uow.session, assessment_id)
        title = assessment.title
        uow.session.delete(assessment)
        uow.flush()
        uow.commit()
        return DeletedAssessment(id=assessment_id, title=title, flagged_paths=paths)
