"""Taking an assessment: overview, start, save answers as you go, submit, review, history.

Who grades depends on the backend (DESIGN §4, §5):

* **PostgreSQL** — the person is connected as their own login role and may not read
  ``answer_options.is_correct``. Grading is ``public.elearn_grade_attempt`` and the review
  of a graded attempt is ``public.elearn_attempt_review``; both run in the server with the
  same rules as :mod:`elearn_desktop.domain.scoring`. This module never selects
  ``is_correct`` there.
* **Embedded SQLite** — single-user, no database-level security: the service validates and
  scores with :func:`elearn_desktop.domain.scoring.score_attempt`.

Either way a tampered attempt (an option of another question, two options on a
single-choice question, ...) is refused with :class:`ValidationError` and nothing is
written: the attempt stays open. Grading and the person's ``user_progress`` row for the
assessment (best result wins) are one transaction.

Every function takes the unit-of-work factory of the person acting and their user id,
and returns frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import String, Text, Uuid, column, delete, insert, select, table, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from elearn_desktop.data.errors import database_errors
from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    AssessmentAttempt,
    AttemptAnswer,
    UserProgress,
)
from elearn_desktop.data.types import JSONType, UTCDateTime, utcnow
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from elearn_desktop.domain.scoring import (
    MULTIPLE_CHOICE,
    SHORT_ANSWER,
    Answer,
    OptionKey,
    QuestionKey,
    score_attempt,
    validate_answers,
)

IN_PROGRESS = "in_progress"
GRADED = "graded"
COMPLETED = "completed"
PROGRESS_ENTITY = "assessment"

# SQLSTATEs raised by the grading functions of revision 0005.
_CHECK_VIOLATION = "23514"
_NO_DATA_FOUND = "P0002"

# The columns a learner may insert into assessment_attempts on PostgreSQL (column
# privileges). A lightweight table, so no model-side default (status) sneaks into the
# INSERT: the server's defaults and policies decide the rest.
_ATTEMPT_INSERT = table(
    "assessment_attempts",
    column("id", Uuid),
    column("user_id", Uuid),
    column("assessment_id", Uuid),
    column("started_at", UTCDateTime),
    column("device_id", String),
)
# Likewise the answer columns a learner may write while the attempt is open.
_ANSWER = table(
    "attempt_answers",
    column("attempt_id", Uuid),
    column("question_id", Uuid),
    column("option_ids", JSONType),
    column("text", Text),
)


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class AttemptSummary:
    """One attempt as the history lists it; ``number`` counts from 1 in order of start."""

    id: uuid.UUID
    assessment_id: uuid.UUID
    number: int
    status: str
    started_at: dt.datetime | None
    submitted_at: dt.datetime | None
    elapsed_s: float | None
    score: int | None
    passed: bool | None

    @property
    def graded(self) -> bool:
        return self.status == GRADED


@dataclass(frozen=True, slots=True)
class AssessmentOverview:
    """What the start screen shows; ``attempts`` newest first."""

    id: uuid.UUID
    title: str
    description: str | None
    question_count: int
    time_limit_s: int | None
    passing_score: int
    attempts: tuple[AttemptSummary, ...]

    @property
    def graded_attempts(self) -> tuple[AttemptSummary, ...]:
        return tuple(a for a in self.attempts if a.graded)

    @property
    def best_score(self) -> int | None:
        scores = [a.score for a in self.graded_attempts if a.score is not None]
        return max(scores) if scores else None

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.graded_attempts)


@dataclass(frozen=True, slots=True)
class SheetOption:
    id: uuid.UUID
    text: str


@dataclass(frozen=True, slots=True)
class SheetQuestion:
    """A question as the learner sees it: no correctness anywhere."""

    id: uuid.UUID
    number: int
    text: str
    type: str
    options: tuple[SheetOption, ...]

    @property
    def multiple(self) -> bool:
        return self.type == MULTIPLE_CHOICE

    @property
    def free_text(self) -> bool:
        return self.type == SHORT_ANSWER


@dataclass(frozen=True, slots=True)
class AttemptSheet:
    """A started attempt: its questions in order and the time allowed (None: no limit)."""

    attempt_id: uuid.UUID
    assessment_id: uuid.UUID
    title: str
    passing_score: int
    time_limit_s: int | None
    questions: tuple[SheetQuestion, ...]


@dataclass(frozen=True, slots=True)
class ReviewOption:
    id: uuid.UUID
    text: str
    chosen: bool
    correct: bool


@dataclass(frozen=True, slots=True)
class QuestionReview:
    question_id: uuid.UUID
    number: int
    text: str
    type: str
    options: tuple[ReviewOption, ...]
    #: What the person typed (short answers); None when they gave no text.
    answer_text: str | None
    points: float

    @property
    def correct(self) -> bool:
        return self.points >= 1.0

    @property
    def answered(self) -> bool:
        return bool(self.answer_text and self.answer_text.strip()) or any(
            o.chosen for o in self.options
        )

    @property
    def chosen_options(self) -> tuple[ReviewOption, ...]:
        return tuple(o for o in self.options if o.chosen)

    @property
    def correct_options(self) -> tuple[ReviewOption, ...]:
        """The right options (for a short answer: the accepted answers)."""
        return tuple(o for o in self.options if o.correct)


@dataclass(frozen=True, slots=True)
class AttemptOutcome:
    attempt_id: uuid.UUID
    assessment_id: uuid.UUID
    title: str
    score: int
    passed: bool
    passing_score: int
    elapsed_s: float | None
    submitted_at: dt.datetime | None
    questions: tuple[QuestionReview, ...]


# ------------------------------------------------------------------------------ helpers


def _is_postgresql(uow: UnitOfWork) -> bool:
    return uow.session.get_bind().dialect.name == "postgresql"


def _assessment(uow: UnitOfWork, assessment_id: uuid.UUID) -> Assessment:
    assessment = uow.assessments.get(assessment_id)
    if assessment is None:
        raise NotFoundError("This assessment no longer exists.")
    return assessment


def _own_attempt(uow: UnitOfWork, user_id: uuid.UUID, attempt_id: uuid.UUID) -> AssessmentAttempt:
    # No FOR UPDATE: learners hold no UPDATE privilege on attempts (PostgreSQL requires it
    # for row locks); elearn_grade_attempt locks the row itself.
    attempt = uow.session.scalar(
        select(AssessmentAttempt).where(AssessmentAttempt.id == attempt_id)
    )
    # Someone else's attempt is as unknown as a missing one (PostgreSQL hides it anyway).
    if attempt is None or attempt.user_id != user_id:
        raise NotFoundError("This attempt does not exist, or it is not yours.")
    return attempt


def _time_limit_s(assessment: Assessment) -> int | None:
    return assessment.time_limit * 60 if assessment.time_limit else None


def _sheet_questions(assessment: Assessment) -> tuple[SheetQuestion, ...]:
    return tuple(
        SheetQuestion(
            id=q.id,
            number=number,
            text=q.text,
            type=q.type,
            options=tuple(SheetOption(id=o.id, text=o.text) for o in q.options),
        )
        for number, q in enumerate(assessment.questions, start=1)
    )


def _structure(assessment: Assessment) -> list[QuestionKey]:
    """The questions with every option marked wrong: enough to check an answer's shape
    (its options belong to its question, one option for single choice, ...) without
    knowing — or reading — which options are correct."""
    return [
        QuestionKey(q.id, q.type, tuple(OptionKey(o.id, o.text, False) for o in q.options))
        for q in assessment.questions
    ]


def _stored_answers(rows: Iterable[AttemptAnswer]) -> list[Answer]:
    answers: list[Answer] = []
    for row in rows:
        raw = row.option_ids if isinstance(row.option_ids, list) else [row.option_ids]
        option_ids = frozenset(_option_id(value) for value in raw)
        answers.append(Answer(row.question_id, option_ids, row.text or ""))
    return answers


def _option_id(value: object) -> uuid.UUID:
    """A stored option id: a UUID in canonical text, exactly as the server compares it."""
    try:
        parsed = uuid.UUID(str(value))
    except ValueError:
        parsed = None
    if parsed is None or str(parsed) != value:
        raise ValidationError("answers", "an answer names something that is not an option")
    return parsed


def _answers_of(uow: UnitOfWork, attempt_id: uuid.UUID) -> list[AttemptAnswer]:
    return list(
        uow.session.scalars(select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt_id))
    )


def _summaries(attempts: Sequence[AssessmentAttempt]) -> tuple[AttemptSummary, ...]:
    """Numbered in order of start, returned newest first."""
    ordered = sorted(
        attempts, key=lambda a: (a.started_at or dt.datetime.min.replace(tzinfo=dt.UTC), str(a.id))
    )
    summaries = [
        AttemptSummary(
            id=a.id,
            assessment_id=a.assessment_id,
            number=number,
            status=a.status,
            started_at=a.started_at,
            submitted_at=a.submitted_at,
            elapsed_s=a.elapsed_s,
            score=a.score,
            passed=a.passed,
        )
        for number, a in enumerate(ordered, start=1)
    ]
    return tuple(reversed(summaries))


def _attempts_of(
    uow: UnitOfWork, user_id: uuid.UUID, assessment_id: uuid.UUID
) -> Sequence[AssessmentAttempt]:
    return uow.session.scalars(
        select(AssessmentAttempt).where(
            AssessmentAttempt.user_id == user_id,
            AssessmentAttempt.assessment_id == assessment_id,
        )
    ).all()


# ------------------------------------------------------------------------------ use cases


def assessment_overview(
    uow_factory: UnitOfWorkFactory, *, user_id: uuid.UUID, assessment_id: uuid.UUID
) -> AssessmentOverview:
    """Title, description, questions, time limit, passing score and the person's attempts."""
    with uow_factory() as uow, database_errors(uow.session.get_bind().engine):
        assessment = _assessment(uow, assessment_id)
        return AssessmentOverview(
            id=assessment.id,
            title=assessment.title,
            description=assessment.description,
            question_count=len(assessment.questions),
            time_limit_s=_time_limit_s(assessment),
            passing_score=assessment.passing_score or 0,
            attempts=_summaries(_attempts_of(uow, user_id, assessment_id)),
        )


def attempt_history(
    uow_factory: UnitOfWorkFactory, *, user_id: uuid.UUID, assessment_id: uuid.UUID
) -> tuple[AttemptSummary, ...]:
    """The person's attempts at one assessment, newest first (open ones included)."""
    with uow_factory() as uow, database_errors(uow.session.get_bind().engine):
        return _summaries(_attempts_of(uow, user_id, assessment_id))


def start_attempt(
    uow_factory: UnitOfWorkFactory,
    *,
    user_id: uuid.UUID,
    assessment_id: uuid.UUID,
    device_id: str | None = None,
) -> AttemptSheet:
    """Open a new attempt and hand back its questions, without any answer key."""
    with uow_factory() as uow, database_errors(uow.session.get_bind().engine):
        assessment = _assessment(uow, assessment_id)
        if not assessment.questions:
            raise ValidationError("assessment", "This assessment has no questions yet.")
        attempt_id = uuid.uuid4()
        values: dict[str, object] = {
            "id": attempt_id,
            "user_id": user_id,
            "assessment_id": assessment_id,
            "device_id": device_id,
        }
        if not _is_postgresql(uow):
            # SQLite's CURRENT_TIMESTAMP has whole seconds; PostgreSQL stamps it itself.
            values["started_at"] = utcnow()
        uow.session.execute(insert(_ATTEMPT_INSERT).values(**values))
        uow.commit()
        return AttemptSheet(
            attempt_id=attempt_id,
            assessment_id=assessment.id,
            title=assessment.title,
            passing_score=assessment.passing_score or 0,
            time_limit_s=_time_limit_s(assessment),
            questions=_sheet_questions(assessment),
        )


def save_answer(
    uow_factory: UnitOfWorkFactory,
    *,
    user_id: uuid.UUID,
    attempt_id: uuid.UUID,
    answer: Answer,
) -> None:
    """Keep the person's current answer to one question; an empty answer clears it.

    Refused with :class:`ValidationError` when the answer cannot belong to the question,
    and with :class:`ConflictError` once the attempt was submitted.
    """
    with uow_factory() as uow, database_errors(uow.session.get_bind().engine):
        attempt = _own_attempt(uow, user_id, attempt_id)
        if attempt.status != IN_PROGRESS:
            raise ConflictError("This attempt was already submitted; its answers are final.")
        assessment = _assessment(uow, attempt.assessment_id)
        validate_answers(_structure(assessment), [answer])
        mine = (_ANSWER.c.attempt_id == attempt_id) & (_ANSWER.c.question_id == answer.question_id)
        uow.session.execute(delete(_ANSWER).where(mine))
        if answer.option_ids or answer.text.strip():
            uow.session.execute(
                insert(_ANSWER).values(
                    attempt_id=attempt_id,
                    question_id=answer.question_id,
                    option_ids=sorted(str(option_id) for option_id in answer.option_ids),
                    text=answer.text or None,
                )
            )
        uow.commit()


def submit_attempt(
    uow_factory: UnitOfWorkFactory,
    *,
    user_id: uuid.UUID,
    attempt_id: uuid.UUID,
    elapsed_s: float,
) -> AttemptOutcome:
    """Grade the attempt, record the best result in the person's progress, return the review.

    ``elapsed_s`` is the time the attempt took on the device's monotonic clock.
    A tampered attempt raises :class:`ValidationError`; a second submit
    :class:`ConflictError`. In both cases nothing changes.
    """
    if isinstance(elapsed_s, bool) or not math.isfinite(elapsed_s) or elapsed_s < 0:
        raise ValidationError("elapsed_s", "The time taken must be zero or more seconds.")
    with uow_factory() as uow, database_errors(uow.session.get_bind().engine):
        attempt = _own_attempt(uow, user_id, attempt_id)
        if attempt.status != IN_PROGRESS:
            raise ConflictError("This attempt was already submitted.")
        assessment = _assessment(uow, attempt.assessment_id)
        if _is_postgresql(uow):
            correct = _grade_in_server(uow, attempt_id, elapsed_s)
        else:
            correct = _grade_here(uow, assessment, attempt, elapsed_s)
        uow.session.flush()
        uow.session.expire_all()
        attempt = _own_attempt(uow, user_id, attempt_id)
        assert attempt.score is not None
        _record_best_result(
            uow,
            user_id=user_id,
            assessment_id=assessment.id,
            score=attempt.score,
            passed=bool(attempt.passed),
            at=attempt.submitted_at or utcnow(),
        )
        outcome = _outcome(uow, _assessment(uow, attempt.assessment_id), attempt, correct)
        uow.commit()
        return outcome


def review_attempt(
    uow_factory: UnitOfWorkFactory, *, user_id: uuid.UUID, attempt_id: uuid.UUID
) -> AttemptOutcome:
    """The review of a graded attempt: each question, what was chosen, what was right."""
    with uow_factory() as uow, database_errors(uow.session.get_bind().engine):
        attempt = _own_attempt(uow, user_id, attempt_id)
        if attempt.status != GRADED:
            raise ConflictError("The review is shown once the attempt is submitted.")
        assessment = _assessment(uow, attempt.assessment_id)
        if _is_postgresql(uow):
            correct = _server_review(uow, attempt_id)
        else:
            correct = _correct_option_ids(uow, assessment)
        return _outcome(uow, assessment, attempt, correct)


# ------------------------------------------------------------------------------ grading


def _server_error(exc: DBAPIError) -> tuple[str | None, str]:
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    message = getattr(diag, "message_primary", None) or str(orig).strip().splitlines()[0]
    return sqlstate, message


def _grade_in_server(uow: UnitOfWork, attempt_id: uuid.UUID, elapsed_s: float) -> set[uuid.UUID]:
    """Grade with ``elearn_grade_attempt`` (it reads the key; we never do), then fetch the
    review it now allows."""
    try:
        uow.session.execute(
            text("SELECT * FROM public.elearn_grade_attempt(:attempt_id, :elapsed_s)"),
            {"attempt_id": attempt_id, "elapsed_s": float(elapsed_s)},
        ).one()
    except DBAPIError as exc:
        sqlstate, message = _server_error(exc)
        if sqlstate == _NO_DATA_FOUND:
            raise NotFoundError("This attempt does not exist, or it is not yours.") from None
        if sqlstate == _CHECK_VIOLATION:
            if "already submitted" in message:
                raise ConflictError("This attempt was already submitted.") from None
            raise ValidationError(
                "answers",
                f"The server refused to grade this attempt: {message}. "
                "Nothing was submitted; the attempt is still open.",
            ) from None
        raise
    return _server_review(uow, attempt_id)


def _server_review(uow: UnitOfWork, attempt_id: uuid.UUID) -> set[uuid.UUID]:
    rows = uow.session.execute(
        text("SELECT option_id, is_correct FROM public.elearn_attempt_review(:attempt_id)"),
        {"attempt_id": attempt_id},
    ).all()
    return {uuid.UUID(str(option_id)) for option_id, is_correct in rows if is_correct}


def _correct_option_ids(uow: UnitOfWork, assessment: Assessment) -> set[uuid.UUID]:
    # Embedded database only: there is no database-level secret to keep.
    question_ids = [q.id for q in assessment.questions]
    return set(
        uow.session.scalars(
            select(AnswerOption.id).where(
                AnswerOption.question_id.in_(question_ids), AnswerOption.is_correct.is_(True)
            )
        )
    )


def _grade_here(
    uow: UnitOfWork, assessment: Assessment, attempt: AssessmentAttempt, elapsed_s: float
) -> set[uuid.UUID]:
    correct = _correct_option_ids(uow, assessment)
    keys = [
        QuestionKey(
            q.id, q.type, tuple(OptionKey(o.id, o.text, o.id in correct) for o in q.options)
        )
        for q in assessment.questions
    ]
    rows = _answers_of(uow, attempt.id)
    # Raises ValidationError for a tampered attempt before anything is written.
    result = score_attempt(keys, _stored_answers(rows), passing_score=assessment.passing_score)
    points = {r.question_id: r.points for r in result.questions}
    for row in rows:
        row.points = points[row.question_id]
    # Only an open attempt is graded, even if another window submitted it meanwhile.
    closed = uow.session.execute(
        update(AssessmentAttempt)
        .where(AssessmentAttempt.id == attempt.id, AssessmentAttempt.status == IN_PROGRESS)
        .values(
            status=GRADED,
            score=result.score,
            passed=result.passed,
            elapsed_s=float(elapsed_s),
            submitted_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    if closed.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError("This attempt was already submitted.")
    return correct


def _outcome(
    uow: UnitOfWork,
    assessment: Assessment,
    attempt: AssessmentAttempt,
    correct: set[uuid.UUID],
) -> AttemptOutcome:
    answers = {row.question_id: row for row in _answers_of(uow, attempt.id)}
    reviews = []
    for number, q in enumerate(assessment.questions, start=1):
        row = answers.get(q.id)
        chosen = {str(v) for v in row.option_ids} if row is not None else set()
        reviews.append(
            QuestionReview(
                question_id=q.id,
                number=number,
                text=q.text,
                type=q.type,
                options=tuple(
                    ReviewOption(
                        id=o.id, text=o.text, chosen=str(o.id) in chosen, correct=o.id in correct
                    )
                    for o in q.options
                ),
                answer_text=row.text if row is not None else None,
                points=float(row.points or 0.0) if row is not None else 0.0,
            )
        )
    assert attempt.score is not None
    return AttemptOutcome(
        attempt_id=attempt.id,
        assessment_id=assessment.id,
        title=assessment.title,
        score=attempt.score,
        passed=bool(attempt.passed),
        passing_score=assessment.passing_score or 0,
        elapsed_s=attempt.elapsed_s,
        submitted_at=attempt.submitted_at,
        questions=tuple(reviews),
    )


# ------------------------------------------------------------------------------ progress


def _progress_row(
    uow: UnitOfWork, user_id: uuid.UUID, assessment_id: uuid.UUID
) -> UserProgress | None:
    return uow.session.scalar(
        select(UserProgress)
        .where(
            UserProgress.user_id == user_id,
            UserProgress.entity_type == PROGRESS_ENTITY,
            UserProgress.entity_id == assessment_id,
        )
        .with_for_update()
    )


def _record_best_result(
    uow: UnitOfWork,
    *,
    user_id: uuid.UUID,
    assessment_id: uuid.UUID,
    score: int,
    passed: bool,
    at: dt.datetime,
) -> None:
    """Best result wins: completed once passed, the best score, the first pass's time."""
    row = _progress_row(uow, user_id, assessment_id)
    if row is None:
        try:
            with uow.session.begin_nested():
                uow.session.add(
                    UserProgress(
                        user_id=user_id,
                        entity_type=PROGRESS_ENTITY,
                        entity_id=assessment_id,
                        status=COMPLETED if passed else IN_PROGRESS,
                        progress_percentage=score,
                        completed_at=at if passed else None,
                    )
                )
            return
        except IntegrityError:
            # Another device recorded a result meanwhile: merge into that row instead.
            row = _progress_row(uow, user_id, assessment_id)
            if row is None:
                raise
    row.status = COMPLETED if passed or row.status == COMPLETED else IN_PROGRESS
    row.progress_percentage = max(row.progress_percentage or 0, score)
    if passed and (row.completed_at is None or at < row.completed_at):
        row.completed_at = at
