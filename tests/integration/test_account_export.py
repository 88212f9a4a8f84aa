"""Data export: everything listed is in the JSON, and no secret (both backends; on
PostgreSQL exported by the support person's own login)."""

from __future__ import annotations

import datetime as dt
import json
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy.engine import make_url

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.models import (
    AssessmentAttempt,
    AttemptAnswer,
    Question,
    UserProfile,
)
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import PermissionDeniedError
from elearn_desktop.services import accounts, demo, progress, support
from elearn_desktop.services.account_export import (
    EXPORT_FORMAT,
    export_account,
    export_account_json,
    scrub,
    write_account_export,
)
from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.demo import demo_id, load_demo
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.profiles import ServerProfile

GRACE = demo_id("user:grace@demo.test")
LEARNER = demo_id("user:learner@demo.test")
QUIZ = demo_id("assessment:Python Fundamentals Quiz")
PYTHON = demo_id("course:introduction-to-python")
PASSWORD = "learn-demo-2026"
NEW_PASSWORD = "Grace-Temporary-42"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    for module in (demo, accounts, support):
        monkeypatch.setattr(module, "hash_password", hasher.hash)


def _grace_studies(owner: UnitOfWorkFactory) -> uuid.UUID:
    """Grace enrols, watches a lesson, takes the quiz and has an avatar."""
    progress.enrol(owner, user_id=GRACE, course_id=PYTHON)
    figures = progress.course_progress(owner, user_id=GRACE, course_id=PYTHON)
    lesson = next(item for item in figures.lessons if item.has_video)
    progress.record_playback(
        owner,
        user_id=GRACE,
        lesson_id=lesson.lesson_id,
        ranges=[(0.0, 6.0)],
        resume_position_s=6.0,
        event_at=dt.datetime.now(dt.UTC),
        media_duration_s=12.0,
        studied_s=6.0,
    )
    attempt_id = uuid.uuid4()
    with owner() as uow:
        profile = uow.session.get(UserProfile, GRACE)
        assert profile is not None
        profile.avatar_url = "https://example.org/avatars/grace.png"
        question = uow.session.query(Question).filter_by(assessment_id=QUIZ).first()
        assert question is not None
        uow.session.add(
            AssessmentAttempt(
                id=attempt_id,
                user_id=GRACE,
                assessment_id=QUIZ,
                status="graded",
                started_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5),
                submitted_at=dt.datetime.now(dt.UTC),
                score=50,
                passed=False,
                answers=[
                    AttemptAnswer(
                        question_id=question.id,
                        option_ids=[str(question.options[0].id)] if question.options else [],
                        text=None if question.options else "print",
                        points=0.0,
                    )
                ],
            )
        )
        uow.commit()
    return attempt_id


def _check_document(data: dict, text: str, attempt_id: uuid.UUID) -> None:  # type: ignore[type-arg]
    assert data["format"] == EXPORT_FORMAT
    assert data["account"]["email"] == "grace@demo.test"
    assert data["account"]["first_name"] == "Grace"
    assert data["profile"]["avatar_url"] == "https://example.org/avatars/grace.png"
    assert data["profile"]["company"] == "Demo Academy"
    assert data["roles"] == ["learner"]
    plans = {s["plan"]["name"]: s for s in data["subscriptions"]}
    assert set(plans) == {"Free", "Pro"}
    assert plans["Pro"]["plan"]["price"] == "19.99"
    assert plans["Pro"]["status"] == "cancelled"
    assert plans["Free"]["history"][-1]["new_status"] == "cancelled"
    course = next(p for p in data["progress"]["items"] if p["entity_type"] == "course")
    assert course["title"] == "Introduction to Python"
    assert data["progress"]["lessons"][0]["watched_ranges"] == [[0.0, 6.0]]
    assert data["progress"]["study_time"][0]["seconds"] == 6.0
    (attempt,) = data["attempts"]
    assert attempt["id"] == str(attempt_id)
    assert attempt["score"] == 50
    assert len(attempt["answers"]) == 1
    assert attempt["answers"][0]["question"]
    assert "available" in data["devices"]
    tables = {entry["table"] for entry in data["audit"]}
    assert "subscriptions" in tables
    # No secret anywhere: no hash, no verifier, no password.
    for secret in ("$argon2", "SCRAM", "password_hash", PASSWORD, NEW_PASSWORD, "is_correct"):
        assert secret not in text, secret
    json.loads(text)  # and it is plain JSON


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    engine = create_server_engine(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    try:
        migrations.upgrade(engine)
        factory = uow_factory_for(engine)
        load_demo(factory)
        yield factory
    finally:
        engine.dispose()


def test_export_has_everything_and_no_secret_embedded(
    embedded: UnitOfWorkFactory, tmp_path: Path
) -> None:
    uow_factory = embedded
    attempt_id = _grace_studies(uow_factory)
    staff = accounts.find_user(uow_factory, "support@demo.test")
    admin = accounts.find_user(uow_factory, "admin@demo.test")
    support.set_temporary_password(uow_factory, GRACE, NEW_PASSWORD, actor=admin)
    support.cancel_subscription(
        uow_factory, demo_id("subscription:grace@demo.test:Free:active"), actor=staff
    )
    path = write_account_export(uow_factory, GRACE, tmp_path / "out" / "grace.json", actor=staff)
    text = path.read_text(encoding="utf-8")
    _check_document(json.loads(text), text, attempt_id)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".export-")]


@pytest.mark.postgres
def test_export_as_the_support_person_on_postgresql(pg_url: str, pg_cluster: object) -> None:
    engine = create_server_engine(pg_url)
    try:
        migrations.upgrade(engine)
        owner = uow_factory_for(engine)
        load_demo(owner)
        attempt_id = _grace_studies(owner)
        profile = ServerProfile(
            name="t",
            kind="postgresql",
            host=pg_cluster.host,  # type: ignore[attr-defined]
            port=pg_cluster.port,  # type: ignore[attr-defined]
            database=str(make_url(pg_url).database),
            sslmode="disable",
        )
        staff = sign_in(profile, "support@demo.test", "help-demo-2026")
        admin = sign_in(profile, "admin@demo.test", "admin-demo-2026")
        try:
            assert staff.backend is not None
            assert admin.backend is not None
            support.set_temporary_password(admin.backend.uow, GRACE, NEW_PASSWORD, actor=admin.user)
            support.cancel_subscription(
                staff.backend.uow,
                demo_id("subscription:grace@demo.test:Free:active"),
                actor=staff.user,
            )
            text = export_account_json(staff.backend.uow, GRACE, actor=staff.user)
            _check_document(json.loads(text), text, attempt_id)
        finally:
            staff.close()
            admin.close()
        # A person may export their own data, through their own login.
        grace = sign_in(profile, "grace@demo.test", NEW_PASSWORD)
        try:
            assert grace.backend is not None
            own = export_account(grace.backend.uow, GRACE, actor=grace.user)
            assert own["account"]["email"] == "grace@demo.test"
            with pytest.raises(PermissionDeniedError):
                export_account(
                    grace.backend.uow, demo_id("user:learner@demo.test"), actor=grace.user
                )
        finally:
            grace.close()
    finally:
        engine.dispose()


def test_learners_may_not_export_someone_else(embedded: UnitOfWorkFactory) -> None:
    learner: UserSummary = accounts.find_user(embedded, "learner@demo.test")
    with pytest.raises(PermissionDeniedError, match="may not export"):
        export_account(embedded, GRACE, actor=learner)
    assert export_account(embedded, LEARNER, actor=learner)["roles"] == ["learner"]


def test_scrub_removes_secret_keys_and_values_at_any_depth() -> None:
    document = {
        "password_hash": "$argon2id$v=19$...",
        "nested": [{"Password": "x", "note": "SCRAM-SHA-256$4096:abc$def:ghi"}],
        "md5": "md5" + "0" * 32,
        "fine": "md5sum of a file",
    }
    assert scrub(document) == {
        "nested": [{"note": "[removed]"}],
        "md5": "[removed]",
        "fine": "md5sum of a file",
    }
