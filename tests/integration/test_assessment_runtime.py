"""Taking assessments (services/assessment_runtime) on SQLite and on real PostgreSQL.

* Operator-level flows run on both backends through the ``uow_factory`` fixture.
* The learner's flows run on both graders: in the embedded database the service grades;
  on PostgreSQL the learner is signed in as their own login role and the server grades
  (``elearn_grade_attempt``) without the client ever reading ``answer_options.is_correct``.
* A Hypothesis parity test checks that the server's PL/pgSQL grades exactly as
  ``domain.scoring`` does, and that its short-answer normalisation equals
  ``normalize_text`` for every code point.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from argon2 import PasswordHasher
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg import sql as pgsql
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    AssessmentAttempt,
    AttemptAnswer,
    UserProgress,
)
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from elearn_desktop.domain.scoring import (
    Answer,
    OptionKey,
    QuestionKey,
    normalize_text,
    score_attempt,
)
from elearn_desktop.services import assessment_runtime as rt
from elearn_desktop.services import demo
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.profiles import ServerProfile
from tests.support.pgcluster import PostgresCluster

PYTHON_QUIZ = demo.demo_id("assessment:Python Fundamentals Quiz")
SQL_QUIZ = demo.demo_id("assessment:SQL Basics Check")
LEARNER = demo.demo_id("user:learner@demo.test")
GRACE = demo.demo_id("user:grace@demo.test")

# The tests check grading, not argon2id's cost: demo accounts get cheap (genuine) hashes.
_CHEAP = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def _load_demo(uow_factory: UnitOfWorkFactory) -> None:
    with mock.patch.object(demo, "hash_password", _CHEAP.hash):
        demo.load_demo(uow_factory)


def _opt(sheet: rt.AttemptSheet, q: int, *texts: str) -> Answer:
    """The answer choosing the options with these texts on question ``q`` (1-based)."""
    question = sheet.questions[q - 1]
    by_text = {o.text: o.id for o in question.options}
    return Answer(question.id, frozenset(by_text[t] for t in texts))


def _typed(sheet: rt.AttemptSheet, q: int, value: str) -> Answer:
    return Answer(sheet.questions[q - 1].id, text=value)


# ------------------------------------------------------------------ PostgreSQL server


@dataclass
class Server:
    """A migrated PostgreSQL database with the demo, and the demo learners signed in."""

    cluster: PostgresCluster
    database: str
    engine: Engine  # superuser: setup and checks only
    learner: SignedIn
    grace: SignedIn

    def scalar(self, query: str, **params: object) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(query), params).scalar()

    def execute(self, query: str, **params: object) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(query), params)


def _profile(cluster: PostgresCluster, database: str) -> ServerProfile:
    return ServerProfile(
        name="t",
        kind="postgresql",
        host=cluster.host,
        port=cluster.port,
        database=database,
        sslmode="disable",
    )


@pytest.fixture(scope="module")
def server(pg_cluster: PostgresCluster) -> Iterator[Server]:
    database = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_server_engine(pg_cluster.create_database(database))
    with contextlib.ExitStack() as stack:
        stack.callback(_drop_database_and_logins, pg_cluster, database, engine)
        migrations.upgrade(engine)
        _load_demo(uow_factory_for(engine))
        profile = _profile(pg_cluster, database)
        learner = sign_in(profile, "learner@demo.test", "learn-demo-2026")
        stack.callback(learner.close)
        grace = sign_in(profile, "grace@demo.test", "learn-demo-2026")
        stack.callback(grace.close)
        yield Server(pg_cluster, database, engine, learner, grace)


def _drop_database_and_logins(cluster: PostgresCluster, database: str, engine: Engine) -> None:
    with engine.connect() as conn:
        roles = list(conn.execute(text("SELECT role_name FROM user_logins")).scalars())
    engine.dispose()
    cluster.drop_database(database)
    # Login roles are cluster-wide: leave none behind.
    with cluster.connect() as conn:
        for role in roles:
            conn.execute(pgsql.SQL("DROP ROLE IF EXISTS {}").format(pgsql.Identifier(role)))


def _forget_attempts(server: Server) -> None:
    server.execute("DELETE FROM assessment_attempts")
    server.execute("DELETE FROM user_progress WHERE entity_type = 'assessment'")


# ------------------------------------------------------------- who takes the assessment


@dataclass(frozen=True)
class Taker:
    """A learner taking assessments: their units of work and id, and the database as seen
    by an operator (for checks the learner could not make)."""

    uow: UnitOfWorkFactory
    user_id: uuid.UUID
    operator: UnitOfWorkFactory
    backend: str

    def start(self, assessment_id: uuid.UUID = PYTHON_QUIZ) -> rt.AttemptSheet:
        return rt.start_attempt(self.uow, user_id=self.user_id, assessment_id=assessment_id)

    def save(self, sheet: rt.AttemptSheet, *answers: Answer) -> None:
        for answer in answers:
            rt.save_answer(
                self.uow, user_id=self.user_id, attempt_id=sheet.attempt_id, answer=answer
            )

    def submit(self, sheet: rt.AttemptSheet, elapsed_s: float = 42.0) -> rt.AttemptOutcome:
        return rt.submit_attempt(
            self.uow, user_id=self.user_id, attempt_id=sheet.attempt_id, elapsed_s=elapsed_s
        )

    def attempt(self, attempt_id: uuid.UUID) -> AssessmentAttempt:
        with self.operator() as uow:
            found = uow.session.get(AssessmentAttempt, attempt_id)
            assert found is not None
            uow.session.expunge_all()  # keep what was loaded past the unit of work
            return found

    def answer_rows(self, attempt_id: uuid.UUID) -> list[AttemptAnswer]:
        with self.operator() as uow:
            rows = list(
                uow.session.scalars(
                    select(AttemptAnswer).where(AttemptAnswer.attempt_id == attempt_id)
                )
            )
            uow.session.expunge_all()
            return rows

    def progress(self, assessment_id: uuid.UUID = PYTHON_QUIZ) -> UserProgress | None:
        with self.operator() as uow:
            row = uow.progress.get(self.user_id, "assessment", assessment_id)
            uow.session.expunge_all()
            return row


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    ids=["embedded", "postgresql-learner"],
)
def taker(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Taker]:
    """The demo learner: the service grades (embedded) or the server does (PostgreSQL)."""
    if request.param == "sqlite":
        engine = create_server_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
        migrations.upgrade(engine)
        uow = uow_factory_for(engine)
        _load_demo(uow)
        yield Taker(uow, LEARNER, uow, "sqlite")
        engine.dispose()
        return
    server: Server = request.getfixturevalue("server")
    _forget_attempts(server)
    assert server.learner.backend is not None
    yield Taker(
        server.learner.backend.uow, server.learner.user.id, uow_factory_for(server.engine), "pg"
    )
    _forget_attempts(server)


# ------------------------------------------------------------ operator-level, both backends


@pytest.fixture
def demo_uow(uow_factory: UnitOfWorkFactory) -> Iterator[UnitOfWorkFactory]:
    _load_demo(uow_factory)
    yield uow_factory
    with uow_factory() as uow:
        if uow.session.get_bind().dialect.name == "postgresql":
            roles = list(uow.session.execute(text("SELECT role_name FROM user_logins")).scalars())
            for role in roles:
                uow.session.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
            uow.commit()


def test_overview_describes_the_assessment(demo_uow: UnitOfWorkFactory) -> None:
    overview = rt.assessment_overview(demo_uow, user_id=LEARNER, assessment_id=PYTHON_QUIZ)
    assert overview.title == "Python Fundamentals Quiz"
    assert overview.description == "Check what you learned: Python Fundamentals Quiz."
    assert overview.question_count == 4
    assert overview.time_limit_s == 600
    assert overview.passing_score == 70
    assert overview.attempts == ()
    assert overview.best_score is None
    assert overview.passed is False


def test_start_hands_out_the_questions_in_order_without_any_key(
    demo_uow: UnitOfWorkFactory,
) -> None:
    sheet = rt.start_attempt(demo_uow, user_id=LEARNER, assessment_id=SQL_QUIZ)
    assert sheet.title == "SQL Basics Check"
    assert sheet.time_limit_s == 15 * 60
    assert sheet.passing_score == 60
    assert [q.type for q in sheet.questions] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "short_answer",
    ]
    assert [q.number for q in sheet.questions] == [1, 2, 3, 4]
    assert [o.text for o in sheet.questions[0].options] == ["WHERE", "ORDER BY", "GROUP BY"]
    assert sheet.questions[1].multiple
    assert sheet.questions[3].free_text
    # Nothing in what the learner is handed says which option is right.
    assert {f.name for f in fields(rt.SheetOption)} == {"id", "text"}
    with demo_uow() as uow:
        attempt = uow.session.get(AssessmentAttempt, sheet.attempt_id)
        assert attempt is not None
        assert (attempt.user_id, attempt.status, attempt.score) == (LEARNER, "in_progress", None)
        assert attempt.started_at is not None
    history = rt.attempt_history(demo_uow, user_id=LEARNER, assessment_id=SQL_QUIZ)
    assert [(a.number, a.status, a.graded) for a in history] == [(1, "in_progress", False)]


def test_answers_are_kept_as_the_person_goes(demo_uow: UnitOfWorkFactory) -> None:
    sheet = rt.start_attempt(demo_uow, user_id=LEARNER, assessment_id=PYTHON_QUIZ)

    def save(answer: Answer) -> None:
        rt.save_answer(demo_uow, user_id=LEARNER, attempt_id=sheet.attempt_id, answer=answer)

    def stored() -> dict[uuid.UUID, tuple[list[str], str | None]]:
        with demo_uow() as uow:
            rows = uow.session.scalars(
                select(AttemptAnswer).where(AttemptAnswer.attempt_id == sheet.attempt_id)
            )
            return {r.question_id: (r.option_ids, r.text) for r in rows}

    q1, q2, _, q4 = sheet.questions
    save(_opt(sheet, 1, "func"))
    save(_opt(sheet, 1, "def"))  # changed their mind: the latest answer counts
    save(_opt(sheet, 2, "tuple", "list"))
    save(_typed(sheet, 4, " three "))
    assert stored() == {
        q1.id: ([str(q1.options[0].id)], None),
        q2.id: (sorted([str(q2.options[0].id), str(q2.options[3].id)]), None),
        q4.id: ([], " three "),
    }
    save(Answer(q2.id))  # cleared: unanswered again
    save(_typed(sheet, 4, "   "))
    assert set(stored()) == {q1.id}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda s: Answer(s.questions[0].id, frozenset({s.questions[1].options[0].id})), "other"),
        (lambda s: _opt(s, 1, "def", "func"), "more than one"),
        (lambda s: _opt(s, 3, "True", "False"), "more than one"),
        (
            lambda s: Answer(s.questions[3].id, frozenset({s.questions[3].options[0].id})),
            "short-answer",
        ),
        (lambda s: Answer(uuid.uuid4(), frozenset()), "not in this assessment"),
        (lambda s: Answer(demo.demo_id("question:SQL Basics Check:0")), "not in this"),
        (lambda s: _typed(s, 4, "x" * 1001), "longer than"),
        (lambda s: _typed(s, 4, "print\x00"), "NUL character"),
    ],
    ids=[
        "option-of-another-question",
        "two-options-single-choice",
        "two-options-true-false",
        "option-on-short-answer",
        "unknown-question",
        "question-of-another-assessment",
        "text-too-long",
        "nul-character",
    ],
)
def test_save_refuses_answers_that_cannot_belong_to_the_question(
    demo_uow: UnitOfWorkFactory, make: Callable[[rt.AttemptSheet], Answer], message: str
) -> None:
    sheet = rt.start_attempt(demo_uow, user_id=LEARNER, assessment_id=PYTHON_QUIZ)
    with pytest.raises(ValidationError, match=message):
        rt.save_answer(demo_uow, user_id=LEARNER, attempt_id=sheet.attempt_id, answer=make(sheet))
    with demo_uow() as uow:
        assert uow.session.scalars(select(AttemptAnswer)).all() == []


def test_unknown_things_and_other_peoples_attempts_are_not_found(
    demo_uow: UnitOfWorkFactory,
) -> None:
    with pytest.raises(NotFoundError, match="no longer exists"):
        rt.assessment_overview(demo_uow, user_id=LEARNER, assessment_id=uuid.uuid4())
    with pytest.raises(NotFoundError):
        rt.start_attempt(demo_uow, user_id=LEARNER, assessment_id=uuid.uuid4())
    sheet = rt.start_attempt(demo_uow, user_id=LEARNER, assessment_id=PYTHON_QUIZ)
    answer = _opt(sheet, 1, "def")
    with pytest.raises(NotFoundError, match="not yours"):
        rt.save_answer(demo_uow, user_id=GRACE, attempt_id=sheet.attempt_id, answer=answer)
    with pytest.raises(NotFoundError, match="not yours"):
        rt.submit_attempt(demo_uow, user_id=GRACE, attempt_id=sheet.attempt_id, elapsed_s=1.0)
    with pytest.raises(NotFoundError):
        rt.review_attempt(demo_uow, user_id=LEARNER, attempt_id=uuid.uuid4())
    assert rt.attempt_history(demo_uow, user_id=GRACE, assessment_id=PYTHON_QUIZ) == ()


@pytest.mark.postgres
@pytest.mark.parametrize("backend_url", ["postgresql"], indirect=True)
def test_on_postgresql_only_the_person_can_have_their_attempt_graded(
    demo_uow: UnitOfWorkFactory,
) -> None:
    """The operator (here the superuser) is nobody in the app: the server refuses to grade
    an attempt for them, and the attempt stays open."""
    sheet = rt.start_attempt(demo_uow, user_id=LEARNER, assessment_id=PYTHON_QUIZ)
    with pytest.raises(NotFoundError):
        rt.submit_attempt(demo_uow, user_id=LEARNER, attempt_id=sheet.attempt_id, elapsed_s=1.0)
    with demo_uow() as uow:
        attempt = uow.session.get(AssessmentAttempt, sheet.attempt_id)
        assert attempt is not None
        assert attempt.status == "in_progress"


def test_submit_refuses_a_negative_or_endless_time(demo_uow: UnitOfWorkFactory) -> None:
    sheet = rt.start_attempt(demo_uow, user_id=LEARNER, assessment_id=PYTHON_QUIZ)
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ValidationError, match="time taken"):
            rt.submit_attempt(demo_uow, user_id=LEARNER, attempt_id=sheet.attempt_id, elapsed_s=bad)


# ----------------------------------------------------- the learner's flows, both graders


def test_a_full_attempt_is_graded_reviewed_and_listed(taker: Taker) -> None:
    sheet = taker.start()
    taker.save(
        sheet,
        _opt(sheet, 1, "def"),
        _opt(sheet, 2, "list", "dict", "tuple"),
        _opt(sheet, 3, "False"),
        _typed(sheet, 4, "  THREE "),
    )
    outcome = taker.submit(sheet, elapsed_s=95.5)
    assert (outcome.score, outcome.passed, outcome.passing_score) == (100, True, 70)
    assert outcome.elapsed_s == 95.5
    assert outcome.submitted_at is not None
    assert [q.points for q in outcome.questions] == [1.0, 1.0, 1.0, 1.0]
    assert all(q.correct and q.answered for q in outcome.questions)
    first, second, _, short = outcome.questions
    assert [o.text for o in first.chosen_options] == ["def"]
    assert [o.text for o in first.correct_options] == ["def"]
    assert [o.text for o in second.correct_options] == ["list", "dict", "tuple"]
    assert short.answer_text == "  THREE "
    assert [o.text for o in short.correct_options] == ["3", "three"]

    stored = taker.attempt(sheet.attempt_id)
    assert (stored.status, stored.score, stored.passed, stored.elapsed_s) == (
        "graded",
        100,
        True,
        95.5,
    )
    assert sorted(r.points for r in taker.answer_rows(sheet.attempt_id)) == [1.0] * 4
    assert rt.review_attempt(taker.uow, user_id=taker.user_id, attempt_id=sheet.attempt_id) == (
        outcome
    )
    overview = rt.assessment_overview(taker.uow, user_id=taker.user_id, assessment_id=PYTHON_QUIZ)
    assert [(a.number, a.score, a.passed) for a in overview.attempts] == [(1, 100, True)]
    assert overview.best_score == 100
    assert overview.passed


def test_partial_answers_score_per_question_type(taker: Taker) -> None:
    sheet = taker.start()
    taker.save(
        sheet,
        _opt(sheet, 1, "lambda"),  # wrong single choice: 0
        _opt(sheet, 2, "list", "dict", "array"),  # 2 right − 1 wrong of 3 correct: 1/3
        # true/false unanswered: 0
        _typed(sheet, 4, "３"),  # full-width digit: NFKC makes it "3": 1
    )
    outcome = taker.submit(sheet)
    points = [q.points for q in outcome.questions]
    assert points == pytest.approx([0.0, 1 / 3, 0.0, 1.0])
    assert outcome.score == 33  # round(100 · (4/3) / 4)
    assert outcome.passed is False
    assert [q.correct for q in outcome.questions] == [False, False, False, True]
    assert not outcome.questions[2].answered
    assert outcome.questions[2].correct_options[0].text == "False"

    # Multiple choice never goes below zero: one right, two wrong → 0.
    sheet = taker.start(SQL_QUIZ)
    taker.save(sheet, _opt(sheet, 2, "INNER", "ACROSS"), _typed(sheet, 4, "distinct"))
    outcome = taker.submit(sheet)
    assert [q.points for q in outcome.questions] == [0.0, 0.0, 0.0, 1.0]
    assert outcome.score == 25


def _tamper(taker: Taker, sheet: rt.AttemptSheet) -> None:
    """Store an answer naming an option of another question, past the service's checks,
    as a client that bypasses the app would (on PostgreSQL: as the learner themself)."""
    q1, q2 = sheet.questions[:2]
    with taker.uow() as uow:
        if taker.backend == "sqlite":
            uow.session.add(
                AttemptAnswer(
                    attempt_id=sheet.attempt_id,
                    question_id=q1.id,
                    option_ids=[str(q2.options[0].id)],
                )
            )
        else:  # the learner may not write `points`, so not through the ORM
            uow.session.execute(
                text(
                    "INSERT INTO attempt_answers (attempt_id, question_id, option_ids) "
                    "VALUES (:a, :q, CAST(:o AS jsonb))"
                ),
                {"a": sheet.attempt_id, "q": q1.id, "o": f'["{q2.options[0].id}"]'},
            )
        uow.commit()


def test_a_tampered_attempt_is_refused_and_stays_open(taker: Taker) -> None:
    sheet = taker.start()
    taker.save(sheet, _opt(sheet, 3, "False"))
    _tamper(taker, sheet)
    with pytest.raises(ValidationError, match="option") as refused:
        taker.submit(sheet)
    assert "ValidationError" not in str(refused.value)
    # Nothing half-written: still open, no score, no points, no progress.
    attempt = taker.attempt(sheet.attempt_id)
    assert (attempt.status, attempt.score, attempt.submitted_at) == ("in_progress", None, None)
    assert all(r.points is None for r in taker.answer_rows(sheet.attempt_id))
    assert taker.progress() is None
    with pytest.raises(ConflictError, match="once the attempt is submitted"):
        rt.review_attempt(taker.uow, user_id=taker.user_id, attempt_id=sheet.attempt_id)
    # Fixing the answer lets it through.
    taker.save(sheet, _opt(sheet, 1, "def"))
    assert taker.submit(sheet).score == 50


def test_a_second_submit_is_refused(taker: Taker) -> None:
    sheet = taker.start()
    taker.save(sheet, _opt(sheet, 1, "def"))
    first = taker.submit(sheet, elapsed_s=10.0)
    with pytest.raises(ConflictError, match="already submitted"):
        taker.submit(sheet, elapsed_s=20.0)
    with pytest.raises(ConflictError, match="already submitted"):
        taker.save(sheet, _opt(sheet, 2, "list"))
    stored = taker.attempt(sheet.attempt_id)
    assert (stored.score, stored.elapsed_s) == (first.score, 10.0)


def test_review_is_refused_before_grading(taker: Taker) -> None:
    sheet = taker.start()
    taker.save(sheet, _opt(sheet, 1, "func"))
    with pytest.raises(ConflictError, match="once the attempt is submitted"):
        rt.review_attempt(taker.uow, user_id=taker.user_id, attempt_id=sheet.attempt_id)


def test_progress_keeps_the_best_result(taker: Taker) -> None:
    assert taker.progress() is None
    # A failed attempt: in progress at its score.
    sheet = taker.start()
    taker.save(sheet, _opt(sheet, 1, "def"))
    taker.submit(sheet)
    row = taker.progress()
    assert row is not None
    assert (row.status, row.progress_percentage, row.completed_at) == ("in_progress", 25, None)
    # A pass: completed, at its score, completed when it was submitted.
    sheet = taker.start()
    taker.save(sheet, _opt(sheet, 1, "def"), _opt(sheet, 2, "list", "dict", "tuple"))
    taker.save(sheet, _opt(sheet, 3, "False"))
    passed = taker.submit(sheet)
    assert passed.score == 75
    assert passed.passed
    row = taker.progress()
    assert row is not None
    first_pass = row.completed_at
    assert (row.status, row.progress_percentage) == ("completed", 75)
    assert first_pass == passed.submitted_at
    # A worse attempt changes nothing; a better one raises the score but keeps the first
    # pass's time.
    sheet = taker.start()
    taker.submit(sheet)
    row = taker.progress()
    assert row is not None
    assert (row.status, row.progress_percentage, row.completed_at) == ("completed", 75, first_pass)
    sheet = taker.start()
    taker.save(
        sheet,
        _opt(sheet, 1, "def"),
        _opt(sheet, 2, "list", "dict", "tuple"),
        _opt(sheet, 3, "False"),
        _typed(sheet, 4, "3"),
    )
    taker.submit(sheet)
    row = taker.progress()
    assert row is not None
    assert (row.status, row.progress_percentage, row.completed_at) == ("completed", 100, first_pass)
    history = rt.attempt_history(taker.uow, user_id=taker.user_id, assessment_id=PYTHON_QUIZ)
    assert [(a.number, a.score) for a in history] == [(4, 100), (3, 0), (2, 75), (1, 25)]


# ------------------------------------------------ PostgreSQL: what the learner can reach


def _raw(session: SignedIn, query: str, **params: object) -> list[Any]:
    """Raw SQL over the learner's own connection, as a client bypassing the app would."""
    assert session.backend is not None
    with session.backend.engine.begin() as conn:
        return list(conn.execute(text(query), params))


@pytest.mark.postgres
def test_the_learner_cannot_read_the_key_even_through_review(server: Server) -> None:
    _forget_attempts(server)
    learner = server.learner
    with pytest.raises(ProgrammingError, match="permission denied"):
        _raw(learner, "SELECT is_correct FROM answer_options")
    with pytest.raises(ProgrammingError, match="permission denied"):
        _raw(learner, "SELECT * FROM answer_options")
    assert learner.backend is not None
    sheet = rt.start_attempt(learner.backend.uow, user_id=learner.user.id, assessment_id=SQL_QUIZ)
    # Before grading the review function reveals nothing, to the owner or anyone else.
    review = "SELECT * FROM public.elearn_attempt_review(:a)"
    assert _raw(learner, review, a=sheet.attempt_id) == []
    assert _raw(server.grace, review, a=sheet.attempt_id) == []
    # Nor can the learner grade it under someone else's name or set a score themself.
    with pytest.raises(DBAPIError, match="no such attempt"):
        _raw(server.grace, "SELECT * FROM public.elearn_grade_attempt(:a, 1)", a=sheet.attempt_id)
    with pytest.raises(ProgrammingError, match="permission denied"):
        _raw(learner, "UPDATE assessment_attempts SET score = 100, status = 'graded'")
    with pytest.raises(ProgrammingError, match="permission denied"):
        _raw(
            learner,
            "INSERT INTO assessment_attempts (id, user_id, assessment_id, status, score) "
            "VALUES (:i, :u, :a, 'graded', 100)",
            i=uuid.uuid4(),
            u=learner.user.id,
            a=SQL_QUIZ,
        )
    # After grading: the owner sees the key of that attempt's questions, Grace does not.
    outcome = rt.submit_attempt(
        learner.backend.uow, user_id=learner.user.id, attempt_id=sheet.attempt_id, elapsed_s=3.0
    )
    rows = _raw(learner, review, a=sheet.attempt_id)
    assert len(rows) == sum(len(q.options) for q in outcome.questions)
    assert {r.option_id for r in rows if r.is_correct} == {
        o.id for q in outcome.questions for o in q.correct_options
    }
    assert _raw(server.grace, review, a=sheet.attempt_id) == []
    _forget_attempts(server)


@pytest.mark.postgres
def test_the_server_itself_refuses_tampered_answers(server: Server) -> None:
    """Straight to elearn_grade_attempt over the learner's connection: check_violation,
    and the transaction (so the attempt) is left as it was."""
    _forget_attempts(server)
    learner = server.learner
    assert learner.backend is not None
    sheet = rt.start_attempt(
        learner.backend.uow, user_id=learner.user.id, assessment_id=PYTHON_QUIZ
    )
    q1, q2, q3, q4 = sheet.questions
    grade = "SELECT * FROM public.elearn_grade_attempt(:a, 1)"
    put = (
        "INSERT INTO attempt_answers (attempt_id, question_id, option_ids, text) "
        "VALUES (:a, :q, CAST(:o AS jsonb), :t)"
    )
    cases = [
        (q1.id, f'["{q2.options[0].id}"]', None, "do not belong"),
        (q1.id, f'["{q1.options[0].id}", "{q1.options[1].id}"]', None, "more than one"),
        (q4.id, f'["{q4.options[0].id}"]', None, "short-answer"),
        (q4.id, "[]", "x" * 1001, "longer than"),
        (q3.id, '{"not": "a list"}', None, "not a list"),
        (q3.id, '["not-a-uuid"]', None, "do not belong"),
        (demo.demo_id("question:SQL Basics Check:0"), "[]", None, "not in its assessment"),
    ]
    assert learner.backend is not None
    for question, options, typed, message in cases:
        with learner.backend.engine.connect() as conn:
            conn.execute(
                text(put), {"a": sheet.attempt_id, "q": question, "o": options, "t": typed}
            )
            with pytest.raises(DBAPIError, match=message) as refused:
                conn.execute(text(grade), {"a": sheet.attempt_id})
            assert refused.value.orig is not None
            assert getattr(refused.value.orig, "sqlstate", None) == "23514"
            conn.rollback()
    assert server.scalar(
        "SELECT status FROM assessment_attempts WHERE id = :a", a=sheet.attempt_id
    ) == ("in_progress")
    _forget_attempts(server)


# ------------------------------------------------------- parity: PL/pgSQL == domain.scoring


def _answer_key(engine: Engine, assessment_id: uuid.UUID) -> tuple[list[QuestionKey], int]:
    """The key as the grader sees it (read by the superuser, never by a learner)."""
    with uow_factory_for(engine)() as uow:
        assessment = uow.session.get(Assessment, assessment_id)
        assert assessment is not None
        correct = dict(uow.session.execute(select(AnswerOption.id, AnswerOption.is_correct)).all())
        keys = [
            QuestionKey(
                q.id,
                q.type,
                tuple(OptionKey(o.id, o.text, bool(correct[o.id])) for o in q.options),
            )
            for q in assessment.questions
        ]
        return keys, assessment.passing_score or 0


# Short answers near the accepted ones (case, width, whitespace, Unicode look-alikes) and
# anything at all.
_NEAR_ANSWERS = st.sampled_from(
    [
        "3",
        "three",
        "Three",
        " THREE\t",
        "three\u00a0",
        "thr ee",
        "ｔｈｒｅｅ",
        "³",
        "3.0",
        "DISTINCT",
        "distinct\n",
        "Distinct  ",
        "dıstınct",  # dotless i: not an i
        "DİSTİNCT",  # capital I with dot: folds to i + combining dot, not i
        "ｄｉｓｔｉｎｃｔ",
        "\u2028distinct\u2029",
        "\x1cdistinct\x1f",
        "",
        "   ",
    ]
)
# Any text a person can submit (a NUL character is refused in words: tested below).
_ANY_TEXT = st.text(st.characters(blacklist_characters="\x00"), max_size=30)


@st.composite
def _answers_for(draw: st.DrawFn, keys: list[QuestionKey]) -> list[Answer]:
    answers: list[Answer] = []
    for key in keys:
        ids = [o.id for o in key.options]
        if key.type == "short_answer":
            typed = draw(st.one_of(_NEAR_ANSWERS, _ANY_TEXT, st.none()))
            if typed is not None:
                answers.append(Answer(key.id, text=typed))
            continue
        if key.type == "multiple_choice":
            chosen = draw(st.sets(st.sampled_from(ids)))
        else:
            chosen = draw(st.sets(st.sampled_from(ids), max_size=1))
        if chosen or draw(st.booleans()):
            answers.append(Answer(key.id, frozenset(chosen)))
    return answers


@st.composite
def _attempts(draw: st.DrawFn, keys_by_assessment: dict[uuid.UUID, list[QuestionKey]]) -> Any:
    assessment_id = draw(st.sampled_from(sorted(keys_by_assessment)))
    return assessment_id, draw(_answers_for(keys_by_assessment[assessment_id]))


@pytest.mark.postgres
def test_server_grading_equals_domain_scoring(server: Server) -> None:
    """Random answer sets for the demo assessments: the score, pass/fail and each
    question's points from elearn_grade_attempt equal domain.scoring.score_attempt."""
    _forget_attempts(server)
    learner = server.learner
    assert learner.backend is not None
    uow = learner.backend.uow
    keys = {a: _answer_key(server.engine, a) for a in (PYTHON_QUIZ, SQL_QUIZ)}

    @settings(max_examples=50, deadline=None, database=None)
    @given(_attempts({a: k for a, (k, _) in keys.items()}))
    def check(attempt: tuple[uuid.UUID, list[Answer]]) -> None:
        assessment_id, answers = attempt
        questions, passing = keys[assessment_id]
        sheet = rt.start_attempt(uow, user_id=learner.user.id, assessment_id=assessment_id)
        for answer in answers:
            rt.save_answer(uow, user_id=learner.user.id, attempt_id=sheet.attempt_id, answer=answer)
        graded = rt.submit_attempt(
            uow, user_id=learner.user.id, attempt_id=sheet.attempt_id, elapsed_s=1.0
        )
        # Saving drops empty answers; scoring sees what was stored.
        stored = [a for a in answers if a.option_ids or a.text.strip()]
        expected = score_attempt(questions, stored, passing_score=passing)
        assert (graded.score, graded.passed) == (expected.score, expected.passed)
        assert [q.points for q in graded.questions] == [q.points for q in expected.questions]

    check()
    _forget_attempts(server)


@pytest.mark.postgres
def test_server_scores_exact_fractions_rounding_half_up(server: Server) -> None:
    """Eight questions, three answered with a third of the points each: 100 · 1 / 8 =
    12.5 → 13. With decimal thirds (0.333…) the server used to say 12."""
    _forget_attempts(server)
    assessment_id = uuid.uuid4()
    server.execute(
        "INSERT INTO assessments (id, title, passing_score, time_limit) "
        "VALUES (:a, 'Thirds', 13, NULL)",
        a=assessment_id,
    )
    option_ids: list[list[uuid.UUID]] = []
    for index in range(8):
        qid = uuid.uuid4()
        server.execute(
            "INSERT INTO questions (id, assessment_id, text, type, order_index) "
            "VALUES (:q, :a, :t, 'multiple_choice', :i)",
            q=qid,
            a=assessment_id,
            t=f"Question {index}",
            i=index,
        )
        ids = [uuid.uuid4() for _ in range(3)]
        option_ids.append(ids)
        for o_index, oid in enumerate(ids):
            server.execute(
                "INSERT INTO answer_options (id, question_id, text, is_correct, order_index) "
                "VALUES (:o, :q, :t, true, :i)",
                o=oid,
                q=qid,
                t=f"Option {o_index}",
                i=o_index,
            )
    learner = server.learner
    assert learner.backend is not None
    uow = learner.backend.uow
    sheet = rt.start_attempt(uow, user_id=learner.user.id, assessment_id=assessment_id)
    answers = [Answer(q.id, frozenset({q.options[0].id})) for q in sheet.questions[:3]]
    for answer in answers:
        rt.save_answer(uow, user_id=learner.user.id, attempt_id=sheet.attempt_id, answer=answer)
    outcome = rt.submit_attempt(
        uow, user_id=learner.user.id, attempt_id=sheet.attempt_id, elapsed_s=1.0
    )
    keys, passing = _answer_key(server.engine, assessment_id)
    expected = score_attempt(keys, answers, passing_score=passing)
    assert expected.score == 13
    assert (outcome.score, outcome.passed) == (13, True)
    _forget_attempts(server)
    server.execute(
        "DELETE FROM answer_options WHERE question_id IN "
        "(SELECT id FROM questions WHERE assessment_id = :a)",
        a=assessment_id,
    )
    server.execute("DELETE FROM questions WHERE assessment_id = :a", a=assessment_id)
    server.execute("DELETE FROM assessments WHERE id = :a", a=assessment_id)


@pytest.mark.postgres
def test_server_normalises_short_answers_like_normalize_text(server: Server) -> None:
    """Every code point (between letters and at the ends), and random strings: the
    server's elearn_normalize_answer equals domain.scoring.normalize_text."""
    samples = [f"A{chr(cp)}b " for cp in range(1, 0x110000) if not 0xD800 <= cp <= 0xDFFF]
    samples += [f"\t{chr(cp)}" for cp in range(1, 0x3100)]
    mismatches: list[tuple[str, str, str]] = []
    query = text(
        "SELECT public.elearn_normalize_answer(s) FROM unnest(CAST(:s AS text[])) "
        "WITH ORDINALITY AS t(s, n) ORDER BY n"
    )
    with server.engine.connect() as conn:
        for start in range(0, len(samples), 50_000):
            chunk = samples[start : start + 50_000]
            got = conn.execute(query, {"s": chunk}).scalars().all()
            expected = [normalize_text(s) for s in chunk]
            mismatches += [
                (s, e, g) for s, e, g in zip(chunk, expected, got, strict=True) if e != g
            ]
    assert mismatches[:20] == []

    @settings(max_examples=200, deadline=None, database=None)
    @given(st.lists(st.text(max_size=40), min_size=1, max_size=20))
    def check(values: list[str]) -> None:
        values = [v.replace("\x00", "") for v in values]  # PostgreSQL text has no NUL
        with server.engine.connect() as conn:
            got = conn.execute(query, {"s": values}).scalars().all()
        assert got == [normalize_text(v) for v in values]

    check()
