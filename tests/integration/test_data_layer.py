"""The data layer and services on real databases: SQLite and PostgreSQL, same tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError, StatementError

from elearn_desktop.config import RESOURCES_DIR
from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    Base,
    Course,
    LearningPath,
    Lesson,
    Module,
    PathStep,
    Question,
    Subscription,
    SubscriptionPlan,
    User,
    UserProgress,
)
from elearn_desktop.data.seed_schema import SEED_TABLES
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from elearn_desktop.domain.passwords import verify_password
from elearn_desktop.domain.validation import ROLE_NAMES
from elearn_desktop.services import accounts, catalog
from elearn_desktop.services.demo import DEMO_ACCOUNTS, DEMO_PROVIDER, demo_id, load_demo
from elearn_desktop.services.dto import CourseSummary, CourseTree, PathSummary, UserSummary
from tests.support.pgcluster import PostgresCluster

CONTENT_TABLES = (*SEED_TABLES, "user_roles")
QUESTION_TYPES = {"single_choice", "multiple_choice", "true_false", "short_answer"}
PASSWORD = "a-Decent-passw0rd"


def _count_rows(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def _make_user(uow_factory: UnitOfWorkFactory, email: str, **values: object) -> uuid.UUID:
    with uow_factory() as uow:
        user = User(id=uuid.uuid4(), email=email, password_hash="x", **values)
        uow.users.add(user)
        uow.commit()
        return user.id


# --------------------------------------------------------------------------------- demo


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgresql"],
)
def demo_uow_factory(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[UnitOfWorkFactory]:
    """A migrated database with the demo loaded once per module, for read-only tests."""
    dbname = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        dbname = f"t_demo_{uuid.uuid4().hex[:8]}"
        url = cluster.create_database(dbname)
    engine = create_server_engine(url)
    try:
        migrations.upgrade(engine)
        load_demo(uow_factory_for(engine))
        yield uow_factory_for(engine)
    finally:
        engine.dispose()
        if dbname is not None:
            cluster.drop_database(dbname)


def test_demo_load_is_idempotent(uow_factory: UnitOfWorkFactory, migrated_engine: Engine) -> None:
    assert sum(_count_rows(migrated_engine).values()) == 0
    first = load_demo(uow_factory)
    counts = _count_rows(migrated_engine)
    # Every content row the demo wrote is counted in its report (bookkeeping tables such
    # as an audit trail may grow too, but are not demo content).
    assert first.added == sum(counts[t] for t in CONTENT_TABLES) > 0
    assert first.already_present == 0

    second = load_demo(uow_factory)
    assert second.added == 0
    assert second.already_present == first.added
    assert _count_rows(migrated_engine) == counts


def test_demo_completes_a_partial_earlier_load(
    uow_factory: UnitOfWorkFactory, migrated_engine: Engine
) -> None:
    load_demo(uow_factory)
    counts = _count_rows(migrated_engine)
    lesson_id = demo_id("lesson:sql-basics:1:1")
    with uow_factory() as uow:
        uow.session.delete(uow.session.get(Lesson, lesson_id))
        uow.commit()
    assert load_demo(uow_factory).added == 1
    after = _count_rows(migrated_engine)
    assert {t: after[t] for t in CONTENT_TABLES} == {t: counts[t] for t in CONTENT_TABLES}


def test_demo_courses(demo_uow_factory: UnitOfWorkFactory) -> None:
    published = catalog.list_courses(demo_uow_factory)
    assert len(published) >= 2
    assert all(c.status == "published" for c in published)
    for course in published:
        assert course.module_count > 0
        assert course.lesson_count > 0
        tree = catalog.course_tree(demo_uow_factory, course.id)
        assert sum(len(m.lessons) for m in tree.modules) == course.lesson_count
    drafts = catalog.list_courses(demo_uow_factory, status="draft")
    assert len(drafts) == 1
    everything = catalog.list_courses(demo_uow_factory, status=None)
    assert {c.id for c in everything} == {c.id for c in published} | {drafts[0].id}


def test_demo_videos_exist_in_resources(demo_uow_factory: UnitOfWorkFactory) -> None:
    with demo_uow_factory() as uow:
        lessons = uow.session.scalars(
            select(Lesson).where(Lesson.video_asset_id.is_not(None))
        ).all()
        assert lessons
        for lesson in lessons:
            asset = lesson.video_asset
            assert asset is not None, lesson.title
            assert asset.provider == DEMO_PROVIDER
            assert asset.status == "ready"
            media = RESOURCES_DIR / asset.provider_id
            assert media.is_file(), media
            assert media.stat().st_size > 1000
            assert media.read_bytes()[4:8] == b"ftyp"  # an MP4 container


def test_demo_assessments(demo_uow_factory: UnitOfWorkFactory) -> None:
    with demo_uow_factory() as uow:
        assessments = [uow.assessments.get(a.id) for a in uow.assessments.list()]
        assert len(assessments) >= 2
        for assessment in assessments:
            assert assessment is not None
            types = {q.type for q in assessment.questions}
            assert types == QUESTION_TYPES, assessment.title
            for question in assessment.questions:
                correct = [o for o in question.options if o.is_correct]
                assert correct, question.text
                if question.type in ("single_choice", "true_false"):
                    assert len(correct) == 1, question.text
                if question.type == "true_false":
                    assert [o.text for o in question.options] == ["True", "False"]
                if question.type == "multiple_choice":
                    assert len(correct) >= 2, question.text


def test_demo_learning_path(demo_uow_factory: UnitOfWorkFactory) -> None:
    paths = catalog.list_paths(demo_uow_factory)
    assert paths
    with demo_uow_factory() as uow:
        path = uow.paths.get(paths[0].id)
        assert path is not None
        kinds = [s.entity_type for s in path.steps]
        assert {"course", "assessment"} <= set(kinds)
        assert paths[0].step_count == len(path.steps)
        for step in path.steps:
            model = Course if step.entity_type == "course" else Assessment
            assert uow.session.get(model, step.entity_id) is not None


def test_demo_plans_subscriptions_and_people(demo_uow_factory: UnitOfWorkFactory) -> None:
    with demo_uow_factory() as uow:
        plans = uow.subscriptions.plans()
        assert len(plans) == 3
        assert [p.price for p in plans] == sorted(p.price for p in plans)
        subscriptions = uow.session.scalars(select(Subscription)).all()
        assert subscriptions
        assert all(s.user_id is not None and s.plan is not None for s in subscriptions)
    people = accounts.list_users(demo_uow_factory)
    assert {p.email for p in people} >= {a.email for a in DEMO_ACCOUNTS}
    assert {role for p in people for role in p.roles} == set(ROLE_NAMES)
    assert all("learner" in p.roles for p in people)
    with demo_uow_factory() as uow:
        for account in DEMO_ACCOUNTS[:1]:  # hashing is slow: one is enough
            user = uow.users.by_email(account.email)
            assert user is not None
            assert verify_password(user.password_hash, account.password)


# ----------------------------------------------------------------------------- ordering


def test_relationships_come_ordered_by_order_index(uow_factory: UnitOfWorkFactory) -> None:
    """Rows are inserted out of order, one flush at a time; they come back in order."""
    course_id, assessment_id, path_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with uow_factory() as uow:
        uow.courses.add(Course(id=course_id, title="Ordered", slug="ordered"))
        uow.assessments.add(Assessment(id=assessment_id, title="Ordered quiz"))
        uow.paths.add(LearningPath(id=path_id, title="Ordered path"))
        uow.flush()
        for m in (2, 0, 1):
            module = Module(id=uuid.uuid4(), course_id=course_id, title=f"M{m}", order_index=m)
            uow.session.add(module)
            uow.flush()
            for les in (1, 2, 0):
                uow.session.add(Lesson(module_id=module.id, title=f"M{m}L{les}", order_index=les))
                uow.flush()
        for q in (1, 0):
            question = Question(
                id=uuid.uuid4(),
                assessment_id=assessment_id,
                text=f"Q{q}",
                type="single_choice",
                order_index=q,
            )
            uow.session.add(question)
            uow.flush()
            for o in (2, 1, 0):
                uow.session.add(AnswerOption(question_id=question.id, text=f"O{o}", order_index=o))
                uow.flush()
        for s in (1, 2, 0):
            uow.session.add(
                PathStep(path_id=path_id, entity_type="course", entity_id=course_id, order_index=s)
            )
            uow.flush()
        uow.commit()

    tree = catalog.course_tree(uow_factory, course_id)
    assert [m.title for m in tree.modules] == ["M0", "M1", "M2"]
    for m in tree.modules:
        assert [les.order_index for les in m.lessons] == [0, 1, 2]
    with uow_factory() as uow:
        assessment = uow.assessments.get(assessment_id)
        assert assessment is not None
        assert [q.text for q in assessment.questions] == ["Q0", "Q1"]
        for question in assessment.questions:
            assert [o.text for o in question.options] == ["O0", "O1", "O2"]
        path = uow.paths.get(path_id)
        assert path is not None
        assert [s.order_index for s in path.steps] == [0, 1, 2]


# --------------------------------------------------------------------------- unit of work


def test_unit_of_work_rolls_back_unless_committed(
    uow_factory: UnitOfWorkFactory, migrated_engine: Engine
) -> None:
    with uow_factory() as uow:
        uow.users.add(User(email="flushed@example.com", password_hash="x"))
        uow.flush()  # written to the transaction, never committed
        assert uow.users.by_email("flushed@example.com") is not None

    def fail_midway() -> None:
        with uow_factory() as uow:
            uow.users.add(User(email="failed@example.com", password_hash="x"))
            uow.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        fail_midway()

    with uow_factory() as uow:
        uow.users.add(User(email="committed@example.com", password_hash="x"))
        uow.commit()

    with migrated_engine.connect() as conn:
        emails = conn.execute(sa.text("SELECT email FROM users")).scalars().all()
    assert emails == ["committed@example.com"]


def test_foreign_keys_are_enforced(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.session.add(Module(course_id=uuid.uuid4(), title="Orphan", order_index=0))
        with pytest.raises(IntegrityError):
            uow.flush()


# ----------------------------------------------------------------------------- types


def test_aware_datetimes_round_trip_as_utc(uow_factory: UnitOfWorkFactory) -> None:
    user_id = _make_user(uow_factory, "time@example.com")
    plan_id = uuid.uuid4()
    berlin = dt.timezone(dt.timedelta(hours=2))
    start = dt.datetime(2026, 7, 1, 23, 30, 15, 123456, tzinfo=berlin)
    end = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    before = dt.datetime.now(dt.UTC)
    with uow_factory() as uow:
        uow.subscriptions.add_plan(
            SubscriptionPlan(
                id=plan_id, name="P", price=Decimal("1.00"), billing_cycle="monthly", features={}
            )
        )
        uow.subscriptions.add(
            Subscription(
                user_id=user_id, plan_id=plan_id, status="active", start_date=start, end_date=end
            )
        )
        uow.commit()

    with uow_factory() as uow:
        (sub,) = uow.subscriptions.for_user(user_id)
        assert sub.start_date == start  # the same instant ...
        assert sub.start_date.utcoffset() == dt.timedelta(0)  # ... handed back in UTC
        assert sub.start_date.hour == 21
        assert sub.start_date.microsecond == 123456
        assert sub.end_date == end
        # Server-side defaults (CURRENT_TIMESTAMP) come back aware and in UTC too.
        assert sub.created_at is not None
        assert sub.created_at.tzinfo is not None
        assert sub.created_at.utcoffset() == dt.timedelta(0)
        assert abs(sub.created_at - before) < dt.timedelta(minutes=5)


def test_naive_datetimes_are_refused(uow_factory: UnitOfWorkFactory) -> None:
    user_id = _make_user(uow_factory, "naive@example.com")
    with uow_factory() as uow:
        uow.progress.add(
            UserProgress(
                user_id=user_id,
                entity_type="course",
                entity_id=uuid.uuid4(),
                status="completed",
                completed_at=dt.datetime(2026, 1, 1, 12, 0),
            )
        )
        with pytest.raises(StatementError, match="naive datetime"):
            uow.flush()
    with uow_factory() as uow:
        assert uow.progress.for_user(user_id) == []


def test_json_features_and_decimal_prices_round_trip(uow_factory: UnitOfWorkFactory) -> None:
    features = {
        "offline": True,
        "max_devices": 3,
        "ratio": 0.5,
        "courses": ["intro", "sql"],
        "nested": {"tier": "gold", "none": None},
        "text": "naïve – “quoted” ✓",
    }
    prices = {"cheap": Decimal("0.10"), "whole": Decimal("5"), "big": Decimal("12345678.99")}
    with uow_factory() as uow:
        for name, price in prices.items():
            uow.subscriptions.add_plan(
                SubscriptionPlan(name=name, price=price, billing_cycle="yearly", features=features)
            )
        uow.commit()
    with uow_factory() as uow:
        for name, price in prices.items():
            plan = uow.subscriptions.plan_by_name(name)
            assert plan is not None
            assert plan.features == features
            assert isinstance(plan.price, Decimal)
            assert plan.price == price
            assert plan.price.as_tuple().exponent == -2, plan.price  # two decimals kept
    assert str(prices["whole"].quantize(Decimal("0.01"))) == "5.00"


# ----------------------------------------------------------------------------- progress


def test_progress_is_unique_per_user_and_entity(uow_factory: UnitOfWorkFactory) -> None:
    user_id, lesson_id = _make_user(uow_factory, "progress@example.com"), uuid.uuid4()
    with uow_factory() as uow:
        uow.progress.add(
            UserProgress(
                user_id=user_id, entity_type="lesson", entity_id=lesson_id, status="in_progress"
            )
        )
        # Another entity type with the same id is another row.
        uow.progress.add(
            UserProgress(
                user_id=user_id, entity_type="course", entity_id=lesson_id, status="in_progress"
            )
        )
        uow.commit()
    with uow_factory() as uow:
        uow.progress.add(
            UserProgress(
                user_id=user_id, entity_type="lesson", entity_id=lesson_id, status="completed"
            )
        )
        with pytest.raises(IntegrityError):
            uow.flush()
    with uow_factory() as uow:
        row = uow.progress.get(user_id, "lesson", lesson_id)
        assert row is not None
        assert row.status == "in_progress"
        assert row.progress_percentage == 0  # the seed's default


@pytest.mark.parametrize(
    ("percentage", "allowed"), [(0, True), (100, True), (-1, False), (101, False)]
)
def test_progress_percentage_is_0_to_100(
    uow_factory: UnitOfWorkFactory, percentage: int, allowed: bool
) -> None:
    user_id = _make_user(uow_factory, "pct@example.com")
    row = UserProgress(
        user_id=user_id,
        entity_type="lesson",
        entity_id=uuid.uuid4(),
        status="in_progress",
        progress_percentage=percentage,
    )
    if allowed:
        with uow_factory() as uow:
            uow.progress.add(row)
            uow.commit()
    else:
        with uow_factory() as uow:
            uow.progress.add(row)
            with pytest.raises(IntegrityError):
                uow.flush()
    with uow_factory() as uow:
        assert len(uow.progress.for_user(user_id)) == int(allowed)


# ----------------------------------------------------------------------------- accounts


def test_create_user(uow_factory: UnitOfWorkFactory) -> None:
    created = accounts.create_user(
        uow_factory,
        email="  Alice.Smith@Example.COM ",
        password=PASSWORD,
        roles=["instructor"],
        first_name=" Alice ",
        last_name="Smith",
    )
    assert isinstance(created, UserSummary)
    assert created.email == "alice.smith@example.com"
    assert created.roles == ("learner", "instructor")
    assert created.first_name == "Alice"
    assert created.is_active
    assert not created.is_verified
    assert created.display_name == "Alice Smith"
    with pytest.raises(dataclasses.FrozenInstanceError):
        created.email = "x@example.com"  # type: ignore[misc]

    with uow_factory() as uow:
        user = uow.users.get(created.id)
        assert user is not None
        assert user.email == "alice.smith@example.com"
        assert sorted(uow.users.roles_of(created.id)) == ["instructor", "learner"]
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, PASSWORD)
    assert accounts.find_user(uow_factory, "ALICE.smith@example.com") == created
    assert accounts.find_user(uow_factory, str(created.id)) == created

    plain = accounts.create_user(uow_factory, email="bob@example.com", password=PASSWORD)
    assert plain.roles == ("learner",)


def test_duplicate_email_is_a_conflict_and_writes_nothing(
    uow_factory: UnitOfWorkFactory, migrated_engine: Engine
) -> None:
    accounts.create_user(uow_factory, email="dup@example.com", password=PASSWORD)
    counts = _count_rows(migrated_engine)
    for email in ("dup@example.com", " DUP@Example.com "):
        with pytest.raises(ConflictError, match="already exists"):
            accounts.create_user(
                uow_factory, email=email, password=PASSWORD, roles=["admin", "support"]
            )
    assert _count_rows(migrated_engine) == counts
    assert counts["users"] == 1
    assert counts["user_roles"] == 1


def test_duplicate_of_a_mixed_case_platform_email_is_a_conflict(
    uow_factory: UnitOfWorkFactory, migrated_engine: Engine
) -> None:
    # The web platform may have stored an address with capitals.
    _make_user(uow_factory, "Carol@Example.com")
    with pytest.raises(ConflictError):
        accounts.create_user(uow_factory, email="carol@example.com", password=PASSWORD)
    assert _count_rows(migrated_engine)["users"] == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"password": ""}, "password"),
        ({"password": "short"}, "password"),
        ({"password": "aaaaaaaaaaaaaa"}, "password"),
        ({"roles": ["learner", "wizard"]}, "role"),
        ({"first_name": "x" * 101}, "first_name"),
    ],
)
def test_invalid_accounts_are_refused(
    uow_factory: UnitOfWorkFactory, migrated_engine: Engine, values: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"email": "valid@example.com", "password": PASSWORD, **values}
    with pytest.raises(ValidationError) as excinfo:
        accounts.create_user(uow_factory, **arguments)  # type: ignore[arg-type]
    assert excinfo.value.field == field
    assert _count_rows(migrated_engine)["users"] == 0


def test_user_search_is_literal(uow_factory: UnitOfWorkFactory) -> None:
    for email, last_name in [
        ("a_b@example.com", None),
        ("axb@example.com", None),
        ("full100%@example.com", None),
        ("full1000@example.com", None),
        ("back\\slash@example.com", None),
        ("irish@example.com", "O'Brien"),
    ]:
        _make_user(uow_factory, email, last_name=last_name)

    def search(text: str) -> list[str]:
        return [u.email for u in accounts.list_users(uow_factory, search=text)]

    assert len(search("")) == 6
    assert search("_") == ["a_b@example.com"]
    assert search("a_b") == ["a_b@example.com"]
    assert search("%") == ["full100%@example.com"]
    assert search("100%") == ["full100%@example.com"]
    assert search("\\") == ["back\\slash@example.com"]
    assert search("' OR 1=1 --") == []
    assert search("'; DROP TABLE users; --") == []
    assert search("o'brien") == ["irish@example.com"]
    assert search("AXB") == ["axb@example.com"]
    assert len(search("")) == 6  # and the table is still there
    assert [u.email for u in accounts.list_users(uow_factory, limit=2, offset=1)] == [
        "axb@example.com",
        "back\\slash@example.com",
    ]


def test_set_active_and_set_password(uow_factory: UnitOfWorkFactory) -> None:
    user = accounts.create_user(uow_factory, email="dana@example.com", password=PASSWORD)

    assert accounts.set_active(uow_factory, "dana@example.com", active=False).is_active is False
    assert accounts.find_user(uow_factory, str(user.id)).is_active is False
    assert accounts.set_active(uow_factory, str(user.id), active=True).is_active is True

    new_password = "another-Good-one-42"
    accounts.set_password(uow_factory, "DANA@example.com", new_password)
    with uow_factory() as uow:
        stored = uow.users.get(user.id)
        assert stored is not None
        assert verify_password(stored.password_hash, new_password)
        assert not verify_password(stored.password_hash, PASSWORD)
        hash_after = stored.password_hash

    with pytest.raises(ValidationError):
        accounts.set_password(uow_factory, "dana@example.com", "weak")
    with uow_factory() as uow:
        stored = uow.users.get(user.id)
        assert stored is not None
        assert stored.password_hash == hash_after

    with pytest.raises(NotFoundError):
        accounts.set_active(uow_factory, "nobody@example.com", active=False)
    with pytest.raises(NotFoundError):
        accounts.find_user(uow_factory, str(uuid.uuid4()))


# ------------------------------------------------------------------------------ catalog


def test_catalog_returns_frozen_dataclasses(demo_uow_factory: UnitOfWorkFactory) -> None:
    courses = catalog.list_courses(demo_uow_factory)
    assert [c.title for c in courses] == sorted(c.title for c in courses)
    python = next(c for c in courses if c.slug == "introduction-to-python")
    assert isinstance(python, CourseSummary)
    assert python.author_name == "Ivan Teacher"
    assert (python.module_count, python.lesson_count) == (3, 6)

    tree = catalog.course_tree(demo_uow_factory, python.id)
    assert isinstance(tree, CourseTree)
    assert tree.course == python
    assert [m.order_index for m in tree.modules] == list(range(len(tree.modules)))
    assert tree.modules[0].lessons[0].video_asset_id is not None
    assert tree.modules[0].lessons[1].video_asset_id is None

    paths = catalog.list_paths(demo_uow_factory)
    assert all(isinstance(p, PathSummary) for p in paths)
    assert paths[0].title == "Become a Data Analyst"
    assert paths[0].step_count == 3

    for value in (python, tree, tree.modules[0], tree.modules[0].lessons[0], paths[0]):
        assert dataclasses.is_dataclass(value)
        field = dataclasses.fields(value)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, field, None)
    assert isinstance(tree.modules, tuple)
    assert isinstance(tree.modules[0].lessons, tuple)

    with pytest.raises(NotFoundError):
        catalog.course_tree(demo_uow_factory, uuid.uuid4())
