"""Assessment grading and the attempt timer as pure rules (DESIGN §5).

The grader sees the answer key (:class:`QuestionKey`); learners never do. On PostgreSQL
this module runs inside the server-side grading path, in embedded mode in the service.
:func:`score_attempt` validates the submitted answers first, so an attempt that names an
option of another question (a tampered attempt) is rejected rather than scored.

Scores are computed with exact fractions, so a score is never off by one from floating
point rounding at a .5 boundary.
"""

from __future__ import annotations

import math
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from elearn_desktop.domain.errors import ValidationError

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
QUESTION_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER)

MAX_ANSWER_TEXT = 1000


@dataclass(frozen=True)
class OptionKey:
    id: uuid.UUID
    text: str
    is_correct: bool


@dataclass(frozen=True)
class QuestionKey:
    """A question with its answer key; known only to the grader."""

    id: uuid.UUID
    type: str
    options: tuple[OptionKey, ...]

    def __post_init__(self) -> None:
        if self.type not in QUESTION_TYPES:
            known = ", ".join(QUESTION_TYPES)
            raise ValidationError("type", f"unknown question type '{self.type}' (known: {known})")
        object.__setattr__(self, "options", tuple(self.options))


@dataclass(frozen=True)
class Answer:
    """What a learner submitted for one question: chosen options, or text (short answer)."""

    question_id: uuid.UUID
    option_ids: frozenset[uuid.UUID] = frozenset()
    text: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "option_ids", frozenset(self.option_ids))


@dataclass(frozen=True)
class QuestionResult:
    question_id: uuid.UUID
    points: float
    correct: bool


@dataclass(frozen=True)
class AttemptResult:
    score: int
    passed: bool
    questions: tuple[QuestionResult, ...]


def validate_answers(
    questions: Sequence[QuestionKey], answers: Iterable[Answer]
) -> dict[uuid.UUID, Answer]:
    """The answers by question id, or :class:`ValidationError` for an impossible submission.

    Rejected: an answer to a question not in the assessment, an option that does not
    belong to its question, two answers to one question, more than one option for a
    single-choice or true/false question, options on a short answer, and text longer than
    ``MAX_ANSWER_TEXT`` characters or with a NUL character. Unanswered questions are fine
    (they score 0).
    """
    by_id: dict[uuid.UUID, QuestionKey] = {}
    for question in questions:
        if question.id in by_id:
            raise ValidationError("questions", "the assessment lists a question twice")
        by_id[question.id] = question
    result: dict[uuid.UUID, Answer] = {}
    for answer in answers:
        key = by_id.get(answer.question_id)
        if key is None:
            raise ValidationError("answers", "an answer is for a question not in this assessment")
        if answer.question_id in result:
            raise ValidationError("answers", "a question was answered twice")
        own_options = {option.id for option in key.options}
        if not answer.option_ids <= own_options:
            raise ValidationError("answers", "an answer names an option of another question")
        if key.type in (SINGLE_CHOICE, TRUE_FALSE) and len(answer.option_ids) > 1:
            raise ValidationError("answers", "a single-choice question has more than one answer")
        if key.type == SHORT_ANSWER and answer.option_ids:
            raise ValidationError("answers", "a short-answer question cannot have chosen options")
        if "\x00" in answer.text:  # PostgreSQL text cannot hold it; nobody types it
            raise ValidationError("answers", "an answer contains a NUL character; remove it")
        if len(answer.text) > MAX_ANSWER_TEXT:
            raise ValidationError(
                "answers", f"an answer is longer than {MAX_ANSWER_TEXT} characters"
            )
        result[answer.question_id] = answer
    return result


def normalize_text(s: str) -> str:
    """NFKC, casefold, strip and collapse inner whitespace: how short answers are compared."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", s).casefold())
    return " ".join(folded.split())


def _points(question: QuestionKey, answer: Answer | None) -> Fraction:
    if answer is None:
        return Fraction(0)
    correct_ids = {option.id for option in question.options if option.is_correct}
    chosen = answer.option_ids
    if question.type in (SINGLE_CHOICE, TRUE_FALSE):
        return Fraction(1) if len(chosen) == 1 and chosen <= correct_ids else Fraction(0)
    if question.type == MULTIPLE_CHOICE:
        if not correct_ids:
            return Fraction(0)
        right = len(chosen & correct_ids)
        wrong = len(chosen - correct_ids)
        return max(Fraction(0), Fraction(right - wrong, len(correct_ids)))
    # short answer
    given = normalize_text(answer.text)
    if not given:
        return Fraction(0)
    accepted = {normalize_text(o.text) for o in question.options if o.is_correct}
    return Fraction(1) if given in accepted else Fraction(0)


def score_question(question: QuestionKey, answer: Answer | None) -> float:
    """Points in [0, 1] for one answer (None: unanswered, 0).

    Single choice / true-false: 1 if the one chosen option is correct. Multiple choice:
    partial credit ``max(0, (correct chosen − wrong chosen) / correct options)``.
    Short answer: 1 if the normalised text equals a correct option's normalised text.
    """
    return float(_points(question, answer))


def score_attempt(
    questions: Sequence[QuestionKey], answers: Iterable[Answer], *, passing_score: int | None
) -> AttemptResult:
    """Validate then grade: score = round-half-up of 100 · points / questions (0–100)."""
    if passing_score is not None and (
        isinstance(passing_score, bool)
        or not isinstance(passing_score, int)
        or not 0 <= passing_score <= 100
    ):
        raise ValidationError("passing_score", "the passing score must be from 0 to 100")
    by_question = validate_answers(questions, answers)
    total = Fraction(0)
    results: list[QuestionResult] = []
    for question in questions:
        points = _points(question, by_question.get(question.id))
        total += points
        results.append(QuestionResult(question.id, float(points), points == 1))
    score = math.floor(100 * total / len(questions) + Fraction(1, 2)) if questions else 0
    return AttemptResult(
        score=score, passed=score >= (passing_score or 0), questions=tuple(results)
    )


class AttemptTimer:
    """Elapsed and remaining time of an attempt, measured only with a monotonic clock.

    Before :meth:`start` nothing has elapsed. ``remaining_s`` is None without a limit and
    never negative; ``in_warning`` is true in the last ``warning_s`` seconds before expiry.
    """

    def __init__(
        self,
        *,
        limit_s: float | None,
        clock: Callable[[], float] = time.monotonic,
        warning_s: float = 60.0,
    ) -> None:
        if limit_s is not None and (not math.isfinite(limit_s) or limit_s < 0):
            raise ValidationError("time_limit", "the time limit must be a positive number")
        if not math.isfinite(warning_s) or warning_s < 0:
            raise ValidationError("time_limit", "the warning time cannot be negative")
        self._limit_s = None if limit_s is None else float(limit_s)
        self._clock = clock
        self._warning_s = float(warning_s)
        self._started_at: float | None = None

    def start(self) -> None:
        """Start counting; a second call keeps the first start."""
        if self._started_at is None:
            self._started_at = self._clock()

    @property
    def started(self) -> bool:
        return self._started_at is not None

    @property
    def limit_s(self) -> float | None:
        return self._limit_s

    @property
    def elapsed_s(self) -> float:
        if self._started_at is None:
            return 0.0
        return max(self._clock() - self._started_at, 0.0)

    @property
    def remaining_s(self) -> float | None:
        if self._limit_s is None:
            return None
        return max(self._limit_s - self.elapsed_s, 0.0)

    @property
    def expired(self) -> bool:
        return (
            self._limit_s is not None
            and self._started_at is not None
            and self.elapsed_s >= self._limit_s
        )

    @property
    def in_warning(self) -> bool:
        """Started, with a limit, not expired, and at most ``warning_s`` left (one clock read)."""
        if self._limit_s is None or self._started_at is None:
            return False
        remaining = self._limit_s - self.elapsed_s
        return 0 < remaining <= self._warning_s
