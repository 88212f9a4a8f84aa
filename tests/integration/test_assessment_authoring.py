"""Authoring assessments on SQLite and PostgreSQL: one validated unit, conflicts, owners."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    AssessmentAttempt,
    LearningPath,
    PathStep,
    Question,
    User,
    UserRole,
)
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.assessment_rules import AssessmentDraft, OptionDraft, QuestionDraft
from elearn_desktop.domain.errors import PermissionDeniedError, ValidationError
from elearn_desktop.services import assessment_authoring as authoring
from elearn_desktop.services import authored_rows, path_authoring
from elearn_desktop.services.accounts import user_summary
from elearn_desktop.services.assessment_authoring import EditConflictError, InvalidDraftError
from elearn_desktop.services.dto import UserSummary

Opt = OptionDraft


@dataclass(frozen=True)
class People:
    instructor: UserSummary
    other_instructor: UserSummary
    admin: UserSummary
    learner: UserSummary


def make_people(uow_factory: UnitOfWorkFactory) -> People:
    """Four people with roles (no logins: these tests act through the service layer)."""
    specs = {
        "instructor": ("ivy@example.test", ("learner", "instructor")),
        "other_instructor": ("otto@example.test", ("learner", "instructor")),
        "admin": ("ada@example.test", ("learner", "admin")),
        "learner": ("lea@example.test", ("learner",)),
    }
    found: dict[str, UserSummary] = {}
    with uow_factory() as uow:
        for key, (email, roles) in specs.items():
            user = User(
                id=uuid.uuid4(),
                email=email,
                password_hash="x",
                first_name=key.title(),
                is_active=True,
            )
            user.roles = [UserRole(role=r) for r in roles]
            uow.session.add(user)
        uow.flush()
        for key, (email, _roles) in specs.items():
            user = uow.users.by_email(email)
            assert user is not None
            found[key] = user_summary(user)
        uow.commit()
    return People(**found)


def quiz(title: str = "Python basics") -> AssessmentDraft:
    return AssessmentDraft(
        title=title,
        description="Check yourself",
        passing_score=60,
        time_limit=15,
        questions=(
            QuestionDraft(
                "Which keyword defines a function?",
                "single_choice",
                (Opt("def", True), Opt("fn"), Opt("func")),
            ),
            QuestionDraft(
                "Built-in types?",
                "multiple_choice",
                (Opt("list", True), Opt("dict", True), Opt("x")),
            ),
            QuestionDraft("Lists are immutable.", "true_false", (Opt("True"), Opt("False", True))),
            QuestionDraft("len('abc')?", "short_answer", (Opt("3", True), Opt("three", True))),
        ),
    )


def shape(detail: authoring.AssessmentDetail) -> list[tuple[object, ...]]:
    """What a person sees of the questions, in order, without ids."""
    return [
        (q.order_index, q.type, q.text, [(o.order_index, o.text, o.is_correct) for o in q.options])
        for q in detail.questions
    ]


def row_counts(uow_factory: UnitOfWorkFactory) -> tuple[int, int, int]:
    with uow_factory() as uow:
        return (
            uow.session.scalar(select(func.count()).select_from(Assessment)) or 0,
            uow.session.scalar(select(func.count()).select_from(Question)) or 0,
            uow.session.scalar(select(func.count()).select_from(AnswerOption)) or 0,
        )


@pytest.fixture
def people(uow_factory: UnitOfWorkFactory) -> People:
    return make_people(uow_factory)


def test_create_then_read_back_with_correct_answers(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    assert created.author_id == people.instructor.id
    assert created.can_edit
    assert created.updated_at is not None
    again = authoring.get_assessment(uow_factory, assessment_id=created.id, actor=people.instructor)
    assert again == created
    assert shape(again) == [
        (0, "single_choice", "Which keyword defines a function?",
         [(0, "def", True), (1, "fn", False), (2, "func", False)]),
        (1, "multiple_choice", "Built-in types?",
         [(0, "list", True), (1, "dict", True), (2, "x", False)]),
        (2, "true_false", "Lists are immutable.", [(0, "True", False), (1, "False", True)]),
        (3, "short_answer", "len('abc')?", [(0, "3", True), (1, "three", True)]),
    ]  # fmt: skip
    # Its draft is the same content, now carrying the ids (so saving updates in place).
    assert authoring.without_ids(again.draft()) == quiz()
    assert all(q.id is not None for q in again.draft().questions)


def test_an_invalid_draft_lists_every_problem_and_writes_nothing(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    bad = replace(
        quiz(),
        title="",
        questions=(
            QuestionDraft("Pick one", "single_choice", (Opt("a", True), Opt("b", True))),
            QuestionDraft("", "short_answer", ()),
        ),
    )
    with pytest.raises(InvalidDraftError) as caught:
        authoring.create_assessment(uow_factory, draft=bad, actor=people.instructor)
    assert caught.value.problems == (
        "The title is empty.",
        "Question 1: a single-choice question needs exactly one correct option (it has 2).",
        "Question 2: the question text is empty.",
        "Question 2: a short-answer question needs at least one accepted answer.",
    )
    assert str(caught.value) == "The title is empty. (and 3 more)"
    assert row_counts(uow_factory) == (0, 0, 0)


def test_update_keeps_ids_deletes_what_was_removed_and_keeps_order_dense(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    draft = created.draft()
    first, second, third, fourth = draft.questions
    # Drop the true/false question, put the short answer first, change an option, add one.
    changed_second = replace(
        second, options=(*second.options[:2], Opt("tuple", True), Opt("set", False))
    )
    new_question = QuestionDraft("Python is…", "single_choice", (Opt("a snake", True), Opt("x")))
    edited = replace(
        draft, title="Python basics II", questions=(fourth, first, changed_second, new_question)
    )
    saved = authoring.update_assessment(
        uow_factory,
        assessment_id=created.id,
        draft=edited,
        expected_updated_at=created.updated_at,
        actor=people.instructor,
    )
    assert saved.title == "Python basics II"
    assert saved.updated_at is not None
    assert created.updated_at is not None
    assert saved.updated_at > created.updated_at
    assert [q.order_index for q in saved.questions] == [0, 1, 2, 3]
    assert [q.id for q in saved.questions[:3]] == [fourth.id, first.id, second.id]
    assert saved.questions[3].id not in {q.id for q in draft.questions}
    assert [o.text for o in saved.questions[2].options] == ["list", "dict", "tuple", "set"]
    # Unchanged options kept their ids; the removed option 'x' is gone.
    assert [o.id for o in saved.questions[2].options[:2]] == [o.id for o in second.options[:2]]
    with uow_factory() as uow:
        assert uow.session.get(Question, third.id) is None
        for option in third.options:
            assert uow.session.get(AnswerOption, option.id) is None
    assert row_counts(uow_factory) == (1, 4, 2 + 3 + 4 + 2)


def test_saving_over_a_newer_version_is_a_conflict_with_both_versions(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    # Two windows open the same version.
    mine = replace(created.draft(), title="Mine")
    theirs = replace(created.draft(), title="Theirs", passing_score=90)
    saved = authoring.update_assessment(
        uow_factory,
        assessment_id=created.id,
        draft=theirs,
        expected_updated_at=created.updated_at,
        actor=people.admin,
    )
    with pytest.raises(EditConflictError) as caught:
        authoring.update_assessment(
            uow_factory,
            assessment_id=created.id,
            draft=mine,
            expected_updated_at=created.updated_at,
            actor=people.instructor,
        )
    conflict = caught.value
    assert "newer version of 'Theirs'" in str(conflict)
    assert "your changes were not saved" in str(conflict)
    assert conflict.mine == mine
    assert isinstance(conflict.theirs, authoring.AssessmentDetail)
    assert conflict.theirs == replace(saved, can_edit=True)
    current = authoring.get_assessment(uow_factory, assessment_id=created.id, actor=None)
    assert (current.title, current.passing_score) == ("Theirs", 90)
    # Taking their version and saving again works.
    again = authoring.update_assessment(
        uow_factory,
        assessment_id=created.id,
        draft=replace(conflict.theirs.draft(), title="Merged"),
        expected_updated_at=conflict.theirs.updated_at,
        actor=people.instructor,
    )
    assert again.title == "Merged"


def test_saving_what_someone_deleted_is_a_conflict_without_theirs(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    authoring.delete_assessment(
        uow_factory,
        assessment_id=created.id,
        expected_updated_at=created.updated_at,
        actor=people.admin,
    )
    with pytest.raises(EditConflictError) as caught:
        authoring.update_assessment(
            uow_factory,
            assessment_id=created.id,
            draft=created.draft(),
            expected_updated_at=created.updated_at,
            actor=people.instructor,
        )
    assert caught.value.theirs is None
    assert "deleted" in str(caught.value)
    assert row_counts(uow_factory) == (0, 0, 0)


def test_simultaneous_saves_from_one_version_let_exactly_one_win(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def save(n: int) -> None:
        barrier.wait()
        try:
            authoring.update_assessment(
                uow_factory,
                assessment_id=created.id,
                draft=replace(created.draft(), title=f"Writer {n}"),
                expected_updated_at=created.updated_at,
                actor=people.instructor,
            )
        except EditConflictError:
            outcomes.append("conflict")
        else:
            outcomes.append(f"Writer {n}")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    winners = [o for o in outcomes if o != "conflict"]
    assert len(outcomes) == 4
    assert len(winners) == 1
    current = authoring.get_assessment(uow_factory, assessment_id=created.id, actor=None)
    assert current.title == winners[0]


def test_nothing_is_half_written_when_the_save_fails_midway(
    uow_factory: UnitOfWorkFactory, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    before = authoring.get_assessment(uow_factory, assessment_id=created.id, actor=None)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(authored_rows, "next_stamp", broken)  # after every row was changed
    edited = replace(created.draft(), title="Changed", questions=created.draft().questions[:1])
    with pytest.raises(RuntimeError):
        authoring.update_assessment(
            uow_factory,
            assessment_id=created.id,
            draft=edited,
            expected_updated_at=created.updated_at,
            actor=people.instructor,
        )
    assert authoring.get_assessment(uow_factory, assessment_id=created.id, actor=None) == before


def test_who_may_write(uow_factory: UnitOfWorkFactory, people: People) -> None:
    with pytest.raises(PermissionDeniedError, match="may not create or edit courses"):
        authoring.create_assessment(uow_factory, draft=quiz(), actor=people.learner)
    with pytest.raises(PermissionDeniedError):
        authoring.list_assessments(uow_factory, actor=people.learner)
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    seen_by_other = authoring.get_assessment(
        uow_factory, assessment_id=created.id, actor=people.other_instructor
    )
    assert not seen_by_other.can_edit
    with pytest.raises(PermissionDeniedError, match="only assessments you author"):
        authoring.update_assessment(
            uow_factory,
            assessment_id=created.id,
            draft=replace(created.draft(), title="Hijacked"),
            expected_updated_at=created.updated_at,
            actor=people.other_instructor,
        )
    with pytest.raises(PermissionDeniedError):
        authoring.delete_assessment(
            uow_factory,
            assessment_id=created.id,
            expected_updated_at=created.updated_at,
            actor=people.other_instructor,
        )
    by_admin = authoring.update_assessment(
        uow_factory,
        assessment_id=created.id,
        draft=replace(created.draft(), title="Fixed by an admin"),
        expected_updated_at=created.updated_at,
        actor=people.admin,
    )
    assert by_admin.author_id == people.instructor.id  # the author stays the author


def test_reorder_questions_keeps_order_dense_and_checks_the_version(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    ids = [q.id for q in created.questions]
    new_order = [ids[2], ids[0], ids[3], ids[1]]
    reordered = authoring.reorder_questions(
        uow_factory,
        assessment_id=created.id,
        question_ids=new_order,
        expected_updated_at=created.updated_at,
        actor=people.instructor,
    )
    assert [q.id for q in reordered.questions] == new_order
    with uow_factory() as uow:
        stored = uow.session.execute(
            select(Question.id, Question.order_index)
            .where(Question.assessment_id == created.id)
            .order_by(Question.order_index)
        ).all()
    assert [(r[0], r[1]) for r in stored] == [(qid, i) for i, qid in enumerate(new_order)]
    with pytest.raises(ValidationError, match="every question"):
        authoring.reorder_questions(
            uow_factory,
            assessment_id=created.id,
            question_ids=new_order[:3],
            expected_updated_at=reordered.updated_at,
            actor=people.instructor,
        )
    with pytest.raises(EditConflictError):
        authoring.reorder_questions(
            uow_factory,
            assessment_id=created.id,
            question_ids=ids,
            expected_updated_at=created.updated_at,  # stale
            actor=people.instructor,
        )


def test_delete_removes_questions_and_attempts_and_flags_path_steps(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    path = path_authoring.create_path(uow_factory, title="Track", actor=people.instructor)
    path = path_authoring.attach_assessment(
        uow_factory, path_id=path.id, assessment_id=created.id, actor=people.instructor
    )
    with uow_factory() as uow:
        uow.session.add(
            AssessmentAttempt(
                id=uuid.uuid4(),
                user_id=people.learner.id,
                assessment_id=created.id,
                status="graded",
                score=80,
                passed=True,
            )
        )
        uow.commit()
    detail = authoring.get_assessment(uow_factory, assessment_id=created.id, actor=None)
    assert [p.title for p in detail.paths] == ["Track"]
    deleted = authoring.delete_assessment(
        uow_factory,
        assessment_id=created.id,
        expected_updated_at=created.updated_at,
        actor=people.instructor,
    )
    assert [p.title for p in deleted.flagged_paths] == ["Track"]
    assert row_counts(uow_factory) == (0, 0, 0)
    with uow_factory() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AssessmentAttempt)) == 0
        assert uow.session.scalar(select(func.count()).select_from(PathStep)) == 1
        assert uow.session.scalar(select(func.count()).select_from(LearningPath)) == 1
    flagged = path_authoring.get_path(uow_factory, path_id=path.id, actor=people.instructor)
    assert flagged.steps[0].problem == "This assessment no longer exists."


def test_list_and_search(uow_factory: UnitOfWorkFactory, people: People) -> None:
    authoring.create_assessment(uow_factory, draft=quiz("SQL check"), actor=people.instructor)
    authoring.create_assessment(uow_factory, draft=quiz("python 100%"), actor=people.admin)
    everything = authoring.list_assessments(uow_factory, actor=people.instructor)
    assert [(a.title, a.question_count, a.can_edit) for a in everything] == [
        ("python 100%", 4, False),
        ("SQL check", 4, True),
    ]
    assert [a.title for a in authoring.list_assessments(uow_factory, actor=None, search="SQL")] == [
        "SQL check"
    ]
    # LIKE wildcards are literal.
    assert [a.title for a in authoring.list_assessments(uow_factory, actor=None, search="0%")] == [
        "python 100%"
    ]
    assert authoring.list_assessments(uow_factory, actor=None, search="_") == []


def test_creating_from_a_draft_with_ids_makes_a_copy(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    original = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    copy = authoring.create_assessment(
        uow_factory, draft=replace(original.draft(), title="Copy"), actor=people.instructor
    )
    assert copy.id != original.id
    assert shape(copy) == shape(original)
    assert not {q.id for q in copy.questions} & {q.id for q in original.questions}
    assert row_counts(uow_factory) == (2, 8, 20)


def test_a_question_an_undo_brings_back_after_a_save_is_recreated(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    """The editor's undo may restore a question a save already deleted: it comes back new."""
    created = authoring.create_assessment(uow_factory, draft=quiz(), actor=people.instructor)
    before = created.draft()
    trimmed = authoring.update_assessment(
        uow_factory,
        assessment_id=created.id,
        draft=replace(before, questions=before.questions[1:]),
        expected_updated_at=created.updated_at,
        actor=people.instructor,
    )
    restored = authoring.update_assessment(
        uow_factory,
        assessment_id=created.id,
        draft=before,  # still carries the deleted question's (and its options') ids
        expected_updated_at=trimmed.updated_at,
        actor=people.instructor,
    )
    assert shape(restored) == shape(created)
    assert restored.questions[0].id != before.questions[0].id
    assert [q.id for q in restored.questions[1:]] == [q.id for q in before.questions[1:]]
    assert row_counts(uow_factory) == (1, 4, 10)


# ------------------------------------------------ PostgreSQL: the server is the authority


@contextlib.contextmanager
def login_people(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Instructors A and B and a learner with their own PostgreSQL logins (SCRAM), and
    a unit-of-work factory acting as each of them — no superuser in between."""
    from argon2 import PasswordHasher

    from elearn_desktop.data import migrations
    from elearn_desktop.data.engines import create_server_engine
    from elearn_desktop.data.uow import uow_factory_for
    from elearn_desktop.services import accounts

    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(accounts, "hash_password", cheap.hash)
    owner = create_server_engine(pg_url)
    engines = [owner]
    people: dict[str, Any] = {}
    try:
        migrations.upgrade(owner)
        owner_uow = uow_factory_for(owner)
        for key, roles in (("a", ["instructor"]), ("b", ["instructor"]), ("learner", [])):
            password = f"pw-{key}-{uuid.uuid4().hex[:8]}"
            person = accounts.create_user(
                owner_uow, email=f"{key}@example.test", password=password, roles=roles
            )
            assert person.db_role is not None
            url = make_url(pg_url).set(username=person.db_role, password=password)
            engine = create_server_engine(url.render_as_string(hide_password=False))
            engines.append(engine)
            people[key] = person
            people[f"{key}_uow"] = uow_factory_for(engine)
        people["owner_uow"] = owner_uow
        yield people
    finally:
        for engine in engines:
            engine.dispose()
        with owner.connect() as conn:
            for key in ("a", "b", "learner"):
                if key in people:
                    conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{people[key].db_role}"')
            conn.commit()
        owner.dispose()


@pytest.fixture
def logins(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    with login_people(pg_url, monkeypatch) as people:
        yield people


@pytest.mark.postgres
def test_on_postgresql_only_the_author_writes(logins: dict[str, Any]) -> None:
    a, b, learner = logins["a"], logins["b"], logins["learner"]
    a_uow, b_uow, learner_uow = logins["a_uow"], logins["b_uow"], logins["learner_uow"]
    created = authoring.create_assessment(a_uow, draft=quiz(), actor=a)
    assert created.author_id == a.id
    # Another instructor reads it, correct answers included (instructors may).
    seen = authoring.get_assessment(b_uow, assessment_id=created.id, actor=b)
    assert shape(seen) == shape(created)
    assert not seen.can_edit
    # A client that skips the service's own check is stopped by the server, in words.
    with pytest.raises(PermissionDeniedError, match="server does not let you change"):
        authoring.update_assessment(
            b_uow,
            assessment_id=created.id,
            draft=replace(created.draft(), title="Hijacked"),
            expected_updated_at=created.updated_at,
            actor=None,
        )
    with pytest.raises(PermissionDeniedError, match="server does not let you change"):
        authoring.delete_assessment(
            b_uow, assessment_id=created.id, expected_updated_at=created.updated_at, actor=None
        )
    # A learner may not even read the correct answers.
    with pytest.raises(PermissionDeniedError):
        authoring.get_assessment(learner_uow, assessment_id=created.id, actor=learner)
    # The author's own edits go through row-level security.
    saved = authoring.update_assessment(
        a_uow,
        assessment_id=created.id,
        draft=replace(created.draft(), title="Mine, still"),
        expected_updated_at=created.updated_at,
        actor=a,
    )
    assert saved.title == "Mine, still"

    path = path_authoring.create_path(a_uow, title="A's track", actor=a)
    path = path_authoring.attach_assessment(
        a_uow, path_id=path.id, assessment_id=created.id, actor=a
    )
    # A draft path is not even visible to another instructor.
    with pytest.raises(EditConflictError, match="no longer visible to you"):
        path_authoring.remove_step(
            b_uow,
            path_id=path.id,
            step_id=path.steps[0].id,
            expected_updated_at=path.updated_at,
            actor=None,
        )
    path = path_authoring.update_path(
        a_uow,
        path_id=path.id,
        expected_updated_at=path.updated_at,
        actor=a,
        title=path.title,
        status="published",
    )
    with pytest.raises(PermissionDeniedError, match="server does not let you change"):
        path_authoring.remove_step(
            b_uow,
            path_id=path.id,
            step_id=path.steps[0].id,
            expected_updated_at=path.updated_at,
            actor=None,
        )
    assert [s.title for s in path_authoring.get_path(a_uow, path_id=path.id, actor=a).steps] == [
        "Mine, still"
    ]
