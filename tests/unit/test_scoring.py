"""Assessment scoring and the attempt timer (DESIGN §5, issue 5 point 6)."""

from __future__ import annotations

import math
import time
import uuid
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.scoring import (
    MULTIPLE_CHOICE,
    QUESTION_TYPES,
    SHORT_ANSWER,
    SINGLE_CHOICE,
    TRUE_FALSE,
    Answer,
    AttemptResult,
    AttemptTimer,
    OptionKey,
    QuestionKey,
    QuestionResult,
    normalize_text,
    score_attempt,
    score_question,
    validate_answers,
)

# What a person can submit as a short answer (a NUL character is refused in words).
_SUBMITTABLE = st.characters(blacklist_characters="\x00")

PROPERTY = settings(max_examples=200, deadline=None)


def _uid(n: int) -> uuid.UUID:
    return uuid.UUID(int=n)


def _question(qtype: str, *options: tuple[str, bool], n: int) -> QuestionKey:
    return QuestionKey(
        _uid(n),
        qtype,
        tuple(OptionKey(_uid(n * 100 + i), text, ok) for i, (text, ok) in enumerate(options)),
    )


def _choose(question: QuestionKey, *indexes: int) -> Answer:
    return Answer(question.id, frozenset(question.options[i].id for i in indexes))


# Fixed questions for the examples.
SINGLE = _question(SINGLE_CHOICE, ("Paris", True), ("Lyon", False), ("Nice", False), n=1)
TF = _question(TRUE_FALSE, ("True", False), ("False", True), n=2)
MULTI = _question(
    MULTIPLE_CHOICE, ("2", True), ("3", True), ("5", True), ("4", False), ("9", False), n=3
)
SHORT = _question(SHORT_ANSWER, ("three", True), ("3", True), ("four", False), n=4)
ALL = (SINGLE, TF, MULTI, SHORT)


# --- validation -----------------------------------------------------------------------


def test_valid_answers_are_returned_by_question() -> None:
    answers = [_choose(SINGLE, 0), _choose(MULTI, 0, 3), Answer(SHORT.id, text="three")]
    assert validate_answers(ALL, answers) == {a.question_id: a for a in answers}
    assert validate_answers(ALL, []) == {}  # unanswered questions are fine


@pytest.mark.parametrize(
    "answers",
    [
        # A tampered attempt: an option of another question of the same assessment.
        [Answer(SINGLE.id, frozenset({MULTI.options[0].id}))],
        [Answer(MULTI.id, frozenset({MULTI.options[0].id, SINGLE.options[0].id}))],
        # An option id that exists nowhere.
        [Answer(TF.id, frozenset({uuid.uuid4()}))],
        # A question that is not in this assessment.
        [Answer(_uid(999), frozenset())],
        # Two answers to one question.
        [_choose(SINGLE, 1), _choose(SINGLE, 0)],
        # More than one option where only one may be chosen.
        [_choose(SINGLE, 0, 1)],
        [_choose(TF, 0, 1)],
        # Options on a short answer (even its own "options", which are the answer key).
        [Answer(SHORT.id, frozenset({SHORT.options[0].id}), "three")],
        # Too long.
        [Answer(SHORT.id, text="x" * 1001)],
    ],
)
def test_impossible_submissions_are_rejected(answers: list[Answer]) -> None:
    with pytest.raises(ValidationError) as info:
        validate_answers(ALL, answers)
    assert info.value.field == "answers"
    with pytest.raises(ValidationError):
        score_attempt(ALL, answers, passing_score=50)


def test_longest_allowed_text_and_bad_keys() -> None:
    assert validate_answers(ALL, [Answer(SHORT.id, text="x" * 1000)])
    with pytest.raises(ValidationError):
        validate_answers((SINGLE, SINGLE), [])
    with pytest.raises(ValidationError):
        QuestionKey(_uid(7), "essay", ())


def test_messages_do_not_reveal_the_key() -> None:
    with pytest.raises(ValidationError) as info:
        validate_answers(ALL, [_choose(SINGLE, 0, 1)])
    assert "Paris" not in str(info.value)
    assert "correct" not in str(info.value).lower()


# --- scoring examples -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "points"),
    [
        (SINGLE, _choose(SINGLE, 0), 1.0),
        (SINGLE, _choose(SINGLE, 1), 0.0),
        (SINGLE, _choose(SINGLE), 0.0),
        (SINGLE, None, 0.0),
        (TF, _choose(TF, 1), 1.0),
        (TF, _choose(TF, 0), 0.0),
        (TF, None, 0.0),
        # Multiple choice: (correct chosen − wrong chosen) / correct options, at least 0.
        (MULTI, _choose(MULTI, 0, 1, 2), 1.0),
        (MULTI, _choose(MULTI, 0, 1), 2 / 3),
        (MULTI, _choose(MULTI, 0), 1 / 3),
        (MULTI, _choose(MULTI, 0, 1, 2, 3), 2 / 3),
        (MULTI, _choose(MULTI, 0, 1, 3), 1 / 3),
        (MULTI, _choose(MULTI, 0, 3), 0.0),
        (MULTI, _choose(MULTI, 0, 3, 4), 0.0),  # negative clamps to 0
        (MULTI, _choose(MULTI, 0, 1, 2, 3, 4), 1 / 3),  # choosing everything is not full marks
        (MULTI, _choose(MULTI), 0.0),
        (MULTI, None, 0.0),
    ],
)
def test_choice_scoring(question: QuestionKey, answer: Answer | None, points: float) -> None:
    assert score_question(question, answer) == pytest.approx(points)


def test_multiple_choice_without_a_correct_option_scores_zero() -> None:
    q = _question(MULTIPLE_CHOICE, ("a", False), ("b", False), n=5)
    assert score_question(q, _choose(q)) == 0.0
    assert score_question(q, _choose(q, 0)) == 0.0
    tf = _question(TRUE_FALSE, ("True", False), ("False", False), n=6)
    assert score_question(tf, _choose(tf, 0)) == 0.0


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("three", 1.0),
        (" Three ", 1.0),
        ("THREE", 1.0),
        ("\tthree\n", 1.0),
        ("3", 1.0),
        ("３", 1.0),  # full-width digit, NFKC
        (" ３ ", 1.0),
        ("ｔｈｒｅｅ", 1.0),  # full-width letters
        ("thr ee", 0.0),
        ("four", 0.0),  # an incorrect option's text is not accepted
        ("threee", 0.0),
        ("", 0.0),
        ("   ", 0.0),
    ],
)
def test_short_answer_normalisation(text: str, points: float) -> None:
    assert score_question(SHORT, Answer(SHORT.id, text=text)) == points


def test_normalize_text_examples() -> None:
    assert normalize_text("  New \t  York\n") == "new york"
    assert normalize_text("Straße") == normalize_text("STRASSE") == "strasse"
    assert normalize_text("ﬁle") == "file"  # ligature, NFKC
    assert normalize_text("１２３") == "123"
    assert normalize_text("Ǆ") == normalize_text("ǆ")
    q = _question(SHORT_ANSWER, ("New York", True), n=8)
    assert score_question(q, Answer(q.id, text="new   YORK")) == 1.0
    empty_key = _question(SHORT_ANSWER, ("", True), n=9)
    assert score_question(empty_key, Answer(empty_key.id, text="  ")) == 0.0


def test_attempt_score_rounds_half_up() -> None:
    singles = [_question(SINGLE_CHOICE, ("yes", True), ("no", False), n=10 + i) for i in range(8)]
    one_right = [_choose(singles[0], 0)]
    assert score_attempt(singles, one_right, passing_score=None).score == 13  # 12.5
    three_right = [_choose(q, 0) for q in singles[:3]]
    assert score_attempt(singles, three_right, passing_score=None).score == 38  # 37.5
    thirds = singles[:3]
    assert score_attempt(thirds, [_choose(q, 0) for q in thirds[:2]], passing_score=None).score == (
        67
    )
    assert score_attempt(thirds, [_choose(thirds[0], 0)], passing_score=None).score == 33
    # Three thirds are exactly one: no floating point drift below 100.
    multis = [
        _question(MULTIPLE_CHOICE, ("a", True), ("b", True), ("c", True), n=30 + i)
        for i in range(3)
    ]
    full = [_choose(q, 0, 1, 2) for q in multis]
    assert score_attempt(multis, full, passing_score=100).score == 100
    partial = [_choose(q, 0) for q in multis]  # 1/3 each → 33.33…
    assert score_attempt(multis, partial, passing_score=None).score == 33


def test_attempt_result_and_passing() -> None:
    answers = [_choose(SINGLE, 0), _choose(TF, 0), _choose(MULTI, 0, 1), Answer(SHORT.id, text="3")]
    result = score_attempt(ALL, answers, passing_score=67)
    assert isinstance(result, AttemptResult)
    # (1 + 0 + 2/3 + 1) / 4 = 66.67 → 67
    assert result.score == 67
    assert result.passed is True
    assert score_attempt(ALL, answers, passing_score=68).passed is False
    assert [r.question_id for r in result.questions] == [q.id for q in ALL]
    assert result.questions[0] == QuestionResult(SINGLE.id, 1.0, True)
    assert result.questions[1] == QuestionResult(TF.id, 0.0, False)
    assert result.questions[2].points == pytest.approx(2 / 3)
    assert result.questions[2].correct is False
    unanswered = score_attempt(ALL, [], passing_score=None)
    assert unanswered.score == 0
    assert unanswered.passed is True
    assert [r.points for r in unanswered.questions] == [0.0] * 4


@pytest.mark.parametrize(
    ("passing_score", "passed"), [(None, True), (0, True), (1, False), (100, False)]
)
def test_no_questions(passing_score: int | None, passed: bool) -> None:
    assert score_attempt([], [], passing_score=passing_score) == AttemptResult(0, passed, ())


@pytest.mark.parametrize("bad", [-1, 101])
def test_passing_score_out_of_range(bad: int) -> None:
    with pytest.raises(ValidationError):
        score_attempt(ALL, [], passing_score=bad)


# --- scoring properties ---------------------------------------------------------------


@st.composite
def assessments(draw: st.DrawFn) -> tuple[list[QuestionKey], list[Answer]]:
    """Random questions with their key, and a valid (possibly partial) set of answers."""
    count = draw(st.integers(0, 8))
    ids = draw(st.lists(st.uuids(), min_size=count * 7, max_size=count * 7, unique=True))
    questions: list[QuestionKey] = []
    answers: list[Answer] = []
    texts = st.sampled_from(["three", " Three", "3", "３", "four", "", "x y", "X  Y"])
    for i in range(count):
        qid, option_ids = ids[i * 7], ids[i * 7 + 1 : i * 7 + 7]
        qtype = draw(st.sampled_from(QUESTION_TYPES))
        n_options = 2 if qtype == TRUE_FALSE else draw(st.integers(1, 6))
        options = tuple(
            OptionKey(option_ids[j], draw(texts), draw(st.booleans())) for j in range(n_options)
        )
        question = QuestionKey(qid, qtype, options)
        questions.append(question)
        if not draw(st.booleans()):
            continue  # unanswered
        own = [o.id for o in options]
        if qtype == SHORT_ANSWER:
            typed = texts | st.text(_SUBMITTABLE, max_size=30)
            answers.append(Answer(qid, text=draw(typed)))
        elif qtype == MULTIPLE_CHOICE:
            answers.append(Answer(qid, frozenset(draw(st.sets(st.sampled_from(own))))))
        else:
            chosen = draw(st.sets(st.sampled_from(own), max_size=1))
            answers.append(Answer(qid, frozenset(chosen)))
    return questions, answers


@PROPERTY
@given(assessments(), st.none() | st.integers(0, 100), st.data())
def test_scores_are_bounded_and_order_independent(
    assessment: tuple[list[QuestionKey], list[Answer]],
    passing_score: int | None,
    data: st.DataObject,
) -> None:
    questions, answers = assessment
    result = score_attempt(questions, answers, passing_score=passing_score)
    assert 0 <= result.score <= 100
    assert result.passed == (result.score >= (passing_score or 0))
    assert len(result.questions) == len(questions)
    by_question = {a.question_id: a for a in answers}
    total = Fraction(0)
    for question, qr in zip(questions, result.questions, strict=True):
        assert qr.question_id == question.id
        assert 0.0 <= qr.points <= 1.0
        assert qr.correct == (qr.points == 1.0)
        assert qr.points == score_question(question, by_question.get(question.id))
        total += Fraction(qr.points)
    if questions:
        assert abs(result.score - float(100 * total / len(questions))) <= 0.5 + 1e-9
    shuffled = data.draw(st.permutations(answers))
    assert score_attempt(questions, shuffled, passing_score=passing_score) == result


@PROPERTY
@given(assessments(), st.data())
def test_an_option_from_elsewhere_is_rejected(
    assessment: tuple[list[QuestionKey], list[Answer]], data: st.DataObject
) -> None:
    questions, answers = assessment
    choice = [q for q in questions if q.type != SHORT_ANSWER]
    if not choice:
        return
    target = data.draw(st.sampled_from(choice))
    own = {o.id for o in target.options}
    foreign_pool = [o.id for q in questions for o in q.options if o.id not in own]
    foreign = data.draw(st.sampled_from(foreign_pool) if foreign_pool else st.uuids())
    tampered = [a for a in answers if a.question_id != target.id]
    tampered.append(Answer(target.id, frozenset({foreign})))
    with pytest.raises(ValidationError):
        score_attempt(questions, tampered, passing_score=None)


@PROPERTY
@given(st.text(max_size=40))
def test_normalize_text_is_idempotent_and_trimmed(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip()
    assert "  " not in once


@PROPERTY
@given(st.text(max_size=20), st.text(alphabet=" \t\n\u3000", max_size=3))
def test_short_answers_ignore_case_and_outer_space(text: str, pad: str) -> None:
    q = _question(SHORT_ANSWER, (text, True), n=50)
    variants = [text, pad + text + pad, text.upper(), text.casefold()]
    expected = 1.0 if normalize_text(text) else 0.0
    for variant in variants:
        if normalize_text(variant) == normalize_text(text):
            assert score_question(q, Answer(q.id, text=variant)) == expected


# --- AttemptTimer ---------------------------------------------------------------------


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_timer_warns_then_expires() -> None:
    clock = FakeClock()
    timer = AttemptTimer(limit_s=300, clock=clock, warning_s=60)
    assert (timer.elapsed_s, timer.remaining_s, timer.expired, timer.in_warning) == (
        0.0,
        300.0,
        False,
        False,
    )
    clock.advance(50)  # not started: nothing counts
    assert timer.remaining_s == 300.0
    timer.start()
    clock.advance(200)
    assert timer.elapsed_s == 200
    assert timer.remaining_s == 100
    assert not timer.in_warning
    clock.advance(40)
    assert timer.remaining_s == 60
    assert timer.in_warning
    assert not timer.expired
    clock.advance(59.5)
    assert timer.in_warning
    assert not timer.expired
    clock.advance(0.5)
    assert timer.expired
    assert not timer.in_warning
    assert timer.remaining_s == 0
    clock.advance(1000)
    assert timer.expired
    assert timer.remaining_s == 0
    assert timer.elapsed_s == 1300


def test_timer_without_a_limit_and_bad_limits() -> None:
    clock = FakeClock()
    timer = AttemptTimer(limit_s=None, clock=clock)
    timer.start()
    clock.advance(10**6)
    assert timer.remaining_s is None
    assert not timer.expired
    assert not timer.in_warning
    assert timer.elapsed_s == 10**6
    for bad in (-1.0, math.nan, math.inf):
        with pytest.raises(ValidationError):
            AttemptTimer(limit_s=bad, clock=clock)
    with pytest.raises(ValidationError):
        AttemptTimer(limit_s=60, clock=clock, warning_s=-1)


def test_timer_uses_only_the_injected_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden() -> float:
        raise AssertionError("the timer read the real clock")

    for name in ("monotonic", "time", "perf_counter"):
        monkeypatch.setattr(time, name, forbidden)
    clock = FakeClock()
    timer = AttemptTimer(limit_s=10, clock=clock, warning_s=3)
    timer.start()
    timer.start()  # a second start keeps the first
    clock.advance(8)
    assert timer.remaining_s == 2
    assert timer.in_warning


def test_a_clock_going_backwards_does_not_add_time() -> None:
    clock = FakeClock()
    timer = AttemptTimer(limit_s=10, clock=clock)
    timer.start()
    clock.advance(-5)
    assert timer.elapsed_s == 0
    assert timer.remaining_s == 10


@PROPERTY
@given(
    st.floats(1.0, 3600.0),
    st.floats(0.0, 600.0),
    st.lists(st.floats(0.0, 120.0), min_size=1, max_size=200),
)
def test_auto_submit_loop(limit: float, warning: float, steps: list[float]) -> None:
    """A runner polling the timer: remaining never negative, warning before expiry,
    expiry is final, and the loop submits once the limit has elapsed."""
    clock = FakeClock()
    timer = AttemptTimer(limit_s=limit, clock=clock, warning_s=warning)
    timer.start()
    was_expired = False
    for step in steps:
        clock.advance(step)
        remaining = timer.remaining_s
        assert remaining is not None
        assert 0.0 <= remaining <= limit
        assert not (timer.in_warning and timer.expired)
        assert timer.expired == (timer.elapsed_s >= limit)
        assert timer.in_warning == (0 < limit - timer.elapsed_s <= warning)
        if was_expired:
            assert timer.expired
        was_expired = timer.expired
        if timer.expired:
            break  # auto-submit


@PROPERTY
@given(st.floats(5.0, 600.0), st.floats(2.0, 60.0), st.floats(0.05, 1.0))
def test_polling_sees_the_warning_then_submits(limit: float, warning: float, tick: float) -> None:
    """Polled more often than the warning lasts, a runner always shows the warning first."""
    clock = FakeClock()
    timer = AttemptTimer(limit_s=limit, clock=clock, warning_s=warning)
    timer.start()
    warned = False
    polls = 0
    while not timer.expired:
        warned = warned or timer.in_warning
        clock.advance(tick)
        polls += 1
    assert warned
    assert timer.remaining_s == 0
    assert limit <= timer.elapsed_s < limit + tick + 1e-9  # submitted on the first poll past it
