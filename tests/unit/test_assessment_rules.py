"""The rules an assessment must meet before it is saved (pure, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from elearn_desktop.domain.assessment_rules import (
    AssessmentDraft,
    OptionDraft,
    QuestionDraft,
    assessment_problems,
    convert_question,
    find_problems,
    new_question,
)
from elearn_desktop.domain.scoring import QUESTION_TYPES

Opt = OptionDraft


def q(kind: str, *options: OptionDraft, text: str = "A question?") -> QuestionDraft:
    return QuestionDraft(text=text, type=kind, options=options)


def draft(*questions: QuestionDraft, **fields: object) -> AssessmentDraft:
    values: dict[str, object] = {"title": "Quiz", "passing_score": 70, "time_limit": 10}
    values.update(fields)
    return AssessmentDraft(questions=questions, **values)  # type: ignore[arg-type]


VALID = draft(
    q("single_choice", Opt("def", True), Opt("func")),
    q("multiple_choice", Opt("list", True), Opt("dict", True), Opt("array")),
    q("true_false", Opt("True"), Opt("False", True)),
    q("short_answer", Opt("3", True), Opt("three", True)),
)


def test_a_valid_assessment_has_no_problems() -> None:
    assert assessment_problems(VALID) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "The title is empty."),
        ({"title": "   "}, "The title is empty."),
        ({"title": "x" * 256}, "The title is longer than 255 characters (256)."),
        ({"passing_score": None}, "Enter a passing score (0–100 %)."),
        ({"passing_score": -1}, "The passing score must be between 0 and 100 % (it is -1)."),
        ({"passing_score": 101}, "The passing score must be between 0 and 100 % (it is 101)."),
        ({"time_limit": 0}, "The time limit must be at least 1 minute, or no limit."),
    ],
)
def test_assessment_fields(fields: dict[str, object], message: str) -> None:
    problems = find_problems(draft(*VALID.questions, **fields))
    assert [p.message for p in problems] == [message]
    assert problems[0].question is None


@pytest.mark.parametrize(("score", "limit"), [(0, None), (100, 1), (50, 600)])
def test_boundaries_are_allowed(score: int, limit: int | None) -> None:
    assert assessment_problems(draft(*VALID.questions, passing_score=score, time_limit=limit)) == []


def test_title_of_exactly_255_characters_is_fine() -> None:
    assert assessment_problems(draft(*VALID.questions, title="x" * 255)) == []


def test_an_assessment_needs_a_question() -> None:
    assert assessment_problems(draft()) == ["Add at least one question."]


def test_every_question_needs_text_and_a_known_type() -> None:
    problems = find_problems(
        draft(q("single_choice", Opt("a", True), Opt("b"), text=" "), q("essay", Opt("x")))
    )
    assert [(p.question, p.field, p.message) for p in problems] == [
        (0, "text", "Question 1: the question text is empty."),
        (
            1,
            "type",
            "Question 2: 'essay' is not a question type (choose single choice, multiple "
            "choice, true/false, short answer).",
        ),
    ]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            q("single_choice", Opt("a", True), Opt("b", True)),
            "a single-choice question needs exactly one correct option (it has 2).",
        ),
        (
            q("single_choice", Opt("a"), Opt("b")),
            "a single-choice question needs exactly one correct option (it has 0).",
        ),
        (
            q("true_false", Opt("True", True), Opt("False", True)),
            "mark either True or False as the correct answer.",
        ),
        (
            q("true_false", Opt("True")),
            'a true/false question has exactly the options "True" and "False".',
        ),
        (
            q("true_false", Opt("Yes", True), Opt("No")),
            'a true/false question has exactly the options "True" and "False".',
        ),
        (
            q("multiple_choice", Opt("a"), Opt("b")),
            "a multiple-choice question needs at least one correct option.",
        ),
        (
            q("multiple_choice", Opt("a", True)),
            "a multiple-choice question needs at least two options.",
        ),
        (q("short_answer"), "a short-answer question needs at least one accepted answer."),
        (
            q("short_answer", Opt("3", True), Opt("4")),
            "every accepted answer of a short-answer question counts as correct.",
        ),
        (q("single_choice", Opt("a", True), Opt(" ")), "option 2 has no text."),
        (q("single_choice", Opt("Same", True), Opt("same ")), "two options read the same."),
        (q("short_answer", Opt("3", True), Opt("3", True)), "two answers read the same."),
    ],
)
def test_options_per_question_type(question: QuestionDraft, message: str) -> None:
    problems = find_problems(draft(VALID.questions[0], question))
    assert [p.message for p in problems] == [f"Question 2: {message}"]
    assert problems[0].question == 1
    assert problems[0].field == "options"


def test_single_choice_needs_two_options() -> None:
    problems = assessment_problems(draft(q("single_choice", Opt("only", True))))
    assert problems == ["Question 1: a single-choice question needs at least two options."]


def test_several_blank_options_are_listed_together() -> None:
    problems = assessment_problems(
        draft(q("multiple_choice", Opt("", True), Opt("b"), Opt(""), Opt("")))
    )
    assert problems == ["Question 1: options 1, 3 and 4 have no text."]


def test_problems_follow_reading_order() -> None:
    problems = assessment_problems(
        draft(q("multiple_choice", Opt("a"), Opt("b"), text=""), title="", passing_score=120)
    )
    assert problems == [
        "The title is empty.",
        "The passing score must be between 0 and 100 % (it is 120).",
        "Question 1: the question text is empty.",
        "Question 1: a multiple-choice question needs at least one correct option.",
    ]


@pytest.mark.parametrize("kind", QUESTION_TYPES)
def test_new_questions_need_only_their_text_and_answers(kind: str) -> None:
    fresh = new_question(kind, "What?")
    problems = find_problems(draft(fresh))
    if kind == "true_false":
        assert problems == []  # True is preselected: a complete question
    else:
        assert problems
        assert all(p.field == "options" for p in problems)


def test_converting_to_true_false_gives_exactly_true_and_false() -> None:
    mc = q("multiple_choice", Opt("false", True), Opt("x"), Opt("y"))
    converted = convert_question(mc, "true_false")
    assert [(o.text, o.is_correct) for o in converted.options] == [
        ("True", False),
        ("False", True),
    ]
    assert find_problems(draft(converted)) == []


def test_converting_to_short_answer_keeps_texts_as_accepted_answers() -> None:
    converted = convert_question(
        q("single_choice", Opt("3", True), Opt("three"), Opt(" ")), "short_answer"
    )
    assert [(o.text, o.is_correct) for o in converted.options] == [("3", True), ("three", True)]
    assert find_problems(draft(converted)) == []


def test_converting_to_single_choice_keeps_only_the_first_correct_flag() -> None:
    converted = convert_question(
        q("multiple_choice", Opt("a"), Opt("b", True), Opt("c", True)), "single_choice"
    )
    assert [o.is_correct for o in converted.options] == [False, True, False]


options_st = st.lists(st.builds(OptionDraft, st.text(max_size=5), st.booleans()), max_size=5).map(
    tuple
)


@given(
    kind=st.sampled_from([*QUESTION_TYPES, "other"]),
    options=options_st,
    text=st.text(max_size=5),
    title=st.text(max_size=300),
    score=st.one_of(st.none(), st.integers(-5, 105)),
    limit=st.one_of(st.none(), st.integers(-2, 5)),
)
def test_problems_are_plain_sentences_and_located(
    kind: str,
    options: tuple[OptionDraft, ...],
    text: str,
    title: str,
    score: int | None,
    limit: int | None,
) -> None:
    subject = AssessmentDraft(
        title=title,
        passing_score=score,
        time_limit=limit,
        questions=(QuestionDraft(text=text, type=kind, options=options),),
    )
    for problem in find_problems(subject):
        assert problem.message.endswith(".")
        assert problem.message[0].isupper()
        if problem.question is not None:
            assert problem.message.startswith("Question 1: ")
            assert problem.field in ("text", "type", "options")
        else:
            assert problem.field in ("title", "passing_score", "time_limit", "questions")
