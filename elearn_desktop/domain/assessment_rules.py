"""What makes an assessment valid to save, as pure rules (no database, no Qt).

An assessment is edited as one unit — its fields, questions and answer options — and
saved only when :func:`assessment_problems` finds nothing. The rules, in words:

* the title is given and at most 255 characters; the passing score is 0–100; the time
  limit is empty (no limit) or at least one minute; there is at least one question;
* every question has text and a known type, and every option has text (no two alike);
* single choice: at least two options, exactly one of them correct;
* true/false: exactly the options "True" and "False", exactly one of them correct;
* multiple choice: at least two options, at least one correct;
* short answer: at least one accepted answer; the options *are* the accepted answers, so
  every one of them is correct.

:func:`find_problems` says where each problem is (a field, or a question and its field)
so an editor can show the message next to it; :func:`assessment_problems` gives the
messages alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from elearn_desktop.domain.scoring import (
    MULTIPLE_CHOICE,
    QUESTION_TYPES,
    SHORT_ANSWER,
    SINGLE_CHOICE,
    TRUE_FALSE,
    normalize_text,
)

MAX_TITLE = 255
TRUE_FALSE_OPTIONS = ("True", "False")

#: How each question type is called in messages and menus.
TYPE_LABELS = {
    SINGLE_CHOICE: "single choice",
    MULTIPLE_CHOICE: "multiple choice",
    TRUE_FALSE: "true/false",
    SHORT_ANSWER: "short answer",
}


@dataclass(frozen=True, slots=True)
class OptionDraft:
    """An answer option (for short answer: an accepted answer). ``id`` None: new."""

    text: str
    is_correct: bool = False
    id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class QuestionDraft:
    text: str
    type: str
    options: tuple[OptionDraft, ...] = ()
    id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class AssessmentDraft:
    """An assessment as the editor holds it; ``time_limit`` in minutes, None for none."""

    title: str
    description: str | None = None
    passing_score: int | None = 70
    time_limit: int | None = None
    questions: tuple[QuestionDraft, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason a draft cannot be saved.

    ``field`` is ``title``, ``passing_score``, ``time_limit`` or ``questions`` for the
    assessment, or ``text``, ``type`` or ``options`` when ``question`` (0-based) is set.
    """

    field: str
    message: str
    question: int | None = None


def new_question(kind: str, text: str = "") -> QuestionDraft:
    """A fresh question of ``kind`` with the options it starts with."""
    if kind == TRUE_FALSE:
        options = tuple(OptionDraft(t, is_correct=(t == "True")) for t in TRUE_FALSE_OPTIONS)
    elif kind == SHORT_ANSWER:
        options = ()
    else:
        options = (OptionDraft(""), OptionDraft(""))
    return QuestionDraft(text=text, type=kind, options=options)


def convert_question(question: QuestionDraft, kind: str) -> QuestionDraft:
    """``question`` changed to ``kind``, keeping what still makes sense of its options.

    True/false gets exactly its two options (keeping which one was correct, if known);
    short answer keeps the option texts as accepted answers (all correct); single choice
    keeps only the first correct flag.
    """
    if kind == question.type:
        return question
    if kind == TRUE_FALSE:
        by_text = {o.text.strip().casefold(): o for o in question.options}
        true, false = by_text.get("true"), by_text.get("false")
        if true is not None:
            is_true = true.is_correct
        else:
            is_true = not false.is_correct if false is not None else True
        options = (
            OptionDraft("True", is_correct=is_true, id=true.id if true else None),
            OptionDraft("False", is_correct=not is_true, id=false.id if false else None),
        )
        return replace(question, type=kind, options=options)
    if kind == SHORT_ANSWER:
        kept = tuple(replace(o, is_correct=True) for o in question.options if o.text.strip())
        return replace(question, type=kind, options=kept)
    if kind == SINGLE_CHOICE:
        seen = False
        options_list: list[OptionDraft] = []
        for option in question.options:
            correct = option.is_correct and not seen
            seen = seen or correct
            options_list.append(replace(option, is_correct=correct))
        return replace(question, type=kind, options=tuple(options_list))
    return replace(question, type=kind)


def find_problems(draft: AssessmentDraft) -> list[Problem]:
    """Every problem of ``draft``, in the order a person reads the editor."""
    problems: list[Problem] = []
    title = draft.title.strip()
    if not title:
        problems.append(Problem("title", "The title is empty."))
    elif len(draft.title) > MAX_TITLE:
        problems.append(
            Problem(
                "title", f"The title is longer than {MAX_TITLE} characters ({len(draft.title)})."
            )
        )
    if draft.passing_score is None:
        problems.append(Problem("passing_score", "Enter a passing score (0–100 %)."))
    elif not 0 <= draft.passing_score <= 100:
        problems.append(
            Problem(
                "passing_score",
                f"The passing score must be between 0 and 100 % (it is {draft.passing_score}).",
            )
        )
    if draft.time_limit is not None and draft.time_limit < 1:
        problems.append(
            Problem("time_limit", "The time limit must be at least 1 minute, or no limit.")
        )
    if not draft.questions:
        problems.append(Problem("questions", "Add at least one question."))
    for index, question in enumerate(draft.questions):
        problems.extend(question_problems(question, index))
    return problems


def assessment_problems(draft: AssessmentDraft) -> list[str]:
    """Why ``draft`` cannot be saved, in plain words; empty when it can."""
    return [p.message for p in find_problems(draft)]


def question_problems(question: QuestionDraft, index: int) -> list[Problem]:
    """The problems of one question; ``index`` is its 0-based position."""
    name = f"Question {index + 1}"
    problems: list[Problem] = []

    def add(field_name: str, message: str) -> None:
        problems.append(Problem(field_name, f"{name}: {message}", question=index))

    if not question.text.strip():
        add("text", "the question text is empty.")
    if question.type not in QUESTION_TYPES:
        known = ", ".join(TYPE_LABELS[t] for t in QUESTION_TYPES)
        add("type", f"'{question.type}' is not a question type (choose {known}).")
        return problems

    options = question.options
    blank = [i + 1 for i, o in enumerate(options) if not o.text.strip()]
    noun = "answer" if question.type == SHORT_ANSWER else "option"
    if blank:
        which = f"{noun} {blank[0]} has" if len(blank) == 1 else f"{noun}s {_numbers(blank)} have"
        add("options", f"{which} no text.")
    texts = [normalize_text(o.text) for o in options if o.text.strip()]
    if len(set(texts)) != len(texts):
        add("options", f"two {noun}s read the same.")
    correct = sum(1 for o in options if o.is_correct)

    if question.type == SINGLE_CHOICE:
        if len(options) < 2:
            add("options", "a single-choice question needs at least two options.")
        if correct != 1:
            add(
                "options",
                f"a single-choice question needs exactly one correct option (it has {correct}).",
            )
    elif question.type == TRUE_FALSE:
        if sorted(o.text.strip() for o in options) != sorted(TRUE_FALSE_OPTIONS):
            add("options", 'a true/false question has exactly the options "True" and "False".')
        elif correct != 1:
            add("options", "mark either True or False as the correct answer.")
    elif question.type == MULTIPLE_CHOICE:
        if len(options) < 2:
            add("options", "a multiple-choice question needs at least two options.")
        if correct < 1:
            add("options", "a multiple-choice question needs at least one correct option.")
    elif question.type == SHORT_ANSWER:
        if not options:
            add("options", "a short-answer question needs at least one accepted answer.")
        elif correct != len(options):
            add("options", "every accepted answer of a short-answer question counts as correct.")
    return problems


def _numbers(values: list[int]) -> str:
    if len(values) == 1:
        return str(values[0])
    return ", ".join(str(v) for v in values[:-1]) + f" and {values[-1]}"
