"""Demo content for the embedded database and for trying a fresh server.

Idempotent: every demo row has a fixed id (uuid5 of a stable name), so loading twice adds
nothing and a partial earlier load is completed. Passwords are documented in the README.
Demo videos are shipped in ``resources/media`` and referenced with provider ``demo``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    Course,
    LearningPath,
    Lesson,
    Module,
    PathStep,
    Question,
    Subscription,
    SubscriptionPlan,
    User,
    UserLogin,
    UserProfile,
    UserProgress,
    UserRole,
    VideoAsset,
)
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.passwords import hash_password

_NS = uuid.UUID("6f3c1d2e-9a4b-4c5d-8e7f-0a1b2c3d4e5f")
DEMO_PROVIDER = "demo"


def demo_id(name: str) -> uuid.UUID:
    return uuid.uuid5(_NS, name)


@dataclass(frozen=True, slots=True)
class DemoAccount:
    email: str
    password: str
    roles: tuple[str, ...]
    first_name: str
    last_name: str


#: The demo people and their passwords (also listed in the README).
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("learner@demo.test", "learn-demo-2026", ("learner",), "Lena", "Learner"),
    DemoAccount("grace@demo.test", "learn-demo-2026", ("learner",), "Grace", "Hopper"),
    DemoAccount(
        "instructor@demo.test", "teach-demo-2026", ("learner", "instructor"), "Ivan", "Teacher"
    ),
    DemoAccount("support@demo.test", "help-demo-2026", ("learner", "support"), "Sam", "Helper"),
    DemoAccount(
        "admin@demo.test",
        "admin-demo-2026",
        ("learner", "instructor", "support", "admin"),
        "Ada",
        "Admin",
    ),
)


@dataclass(frozen=True, slots=True)
class DemoReport:
    added: int
    already_present: int


class _Loader:
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self.added = 0
        self.present = 0
        self._seen: dict[tuple[type[Any], Any], Any] = {}

    def ensure(self, model: type[Any], key: Any, **values: Any) -> Any:
        """The row with this primary key, added with ``values`` if it does not exist yet."""
        if (model, key) in self._seen:  # shared rows (a video used by several lessons)
            return self._seen[(model, key)]
        obj = self.uow.session.get(model, key)
        if obj is not None:
            self.present += 1
        else:
            obj = model(**values)
            self.uow.session.add(obj)
            self.added += 1
        self._seen[(model, key)] = obj
        return obj


def load_demo(uow_factory: UnitOfWorkFactory) -> DemoReport:
    with uow_factory() as uow:
        loader = _Loader(uow)
        _load_people(loader)
        uow.flush()
        _load_logins(uow)
        _load_plans(loader)
        uow.flush()
        _load_courses(loader)
        _load_assessments(loader)
        uow.flush()
        _load_path(loader)
        _load_progress(loader)
        uow.commit()
        return DemoReport(added=loader.added, already_present=loader.present)


def _load_people(loader: _Loader) -> None:
    for account in DEMO_ACCOUNTS:
        uid = demo_id(f"user:{account.email}")
        if loader.uow.session.get(User, uid) is None:  # hash only when needed: it is slow
            password_hash = hash_password(account.password)
        else:
            password_hash = ""
        loader.ensure(
            User,
            uid,
            id=uid,
            email=account.email,
            password_hash=password_hash,
            first_name=account.first_name,
            last_name=account.last_name,
            is_active=True,
            is_verified=True,
        )
        for role in account.roles:
            loader.ensure(UserRole, (uid, role), user_id=uid, role=role)
        loader.ensure(
            UserProfile,
            uid,
            user_id=uid,
            bio=f"Demo {account.roles[-1]} account.",
            job_title=account.roles[-1].title(),
            company="Demo Academy",
            location="Remote",
        )


def _load_logins(uow: UnitOfWork) -> None:
    """On PostgreSQL, demo people get their login roles, so they can sign in."""
    if uow.session.get_bind().dialect.name != "postgresql":
        return
    from elearn_desktop.services.accounts import ensure_login

    for account in DEMO_ACCOUNTS:
        user = uow.session.get(User, demo_id(f"user:{account.email}"))
        if user is not None and uow.session.get(UserLogin, user.id) is None:
            ensure_login(uow, user, account.password)
    uow.flush()


def _load_plans(loader: _Loader) -> None:
    plans: list[tuple[str, str, Decimal, str, dict[str, Any]]] = [
        (
            "Free",
            "Start learning: the introductory course, streaming only.",
            Decimal("0.00"),
            "monthly",
            {"all_courses": False, "courses": ["introduction-to-python"], "offline": False},
        ),
        (
            "Pro",
            "Every course and path, with offline downloads.",
            Decimal("19.99"),
            "monthly",
            {"all_courses": True, "courses": [], "offline": True, "max_devices": 3},
        ),
        (
            "Team",
            "Pro for teams of up to 10, billed yearly.",
            Decimal("199.00"),
            "yearly",
            {"all_courses": True, "courses": [], "offline": True, "max_devices": 30, "seats": 10},
        ),
    ]
    for name, description, price, cycle, features in plans:
        pid = demo_id(f"plan:{name}")
        loader.ensure(
            SubscriptionPlan,
            pid,
            id=pid,
            name=name,
            description=description,
            price=price,
            billing_cycle=cycle,
            features=features,
            is_active=True,
        )
    now = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    subscriptions = [
        ("learner@demo.test", "Pro", "active", now, None),
        ("grace@demo.test", "Free", "active", now, None),
        (
            "grace@demo.test",
            "Pro",
            "cancelled",
            dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
            dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
        ),
        ("instructor@demo.test", "Team", "active", now, None),
    ]
    for email, plan, status, start, end in subscriptions:
        sid = demo_id(f"subscription:{email}:{plan}:{status}")
        loader.ensure(
            Subscription,
            sid,
            id=sid,
            user_id=demo_id(f"user:{email}"),
            plan_id=demo_id(f"plan:{plan}"),
            status=status,
            start_date=start,
            end_date=end,
        )


def _video(loader: _Loader, filename: str, title: str, seconds: int) -> uuid.UUID:
    vid = demo_id(f"video:{filename}")
    loader.ensure(
        VideoAsset,
        vid,
        id=vid,
        title=title,
        description=f"Demo video ({seconds} s), shipped with the app.",
        provider=DEMO_PROVIDER,
        provider_id=f"media/{filename}",
        status="ready",
        duration=max(1, round(seconds / 60)),
    )
    return vid


#: (slug, title, level, status, description, modules: [(title, [(lesson title, video?)])])
_COURSES: list[tuple[str, str, str, str, str, list[tuple[str, list[tuple[str, str | None]]]]]] = [
    (
        "introduction-to-python",
        "Introduction to Python",
        "beginner",
        "published",
        "Write your first Python programs: values, control flow, functions and files.",
        [
            (
                "Getting started",
                [("Why Python?", "intro-to-python.mp4"), ("Installing Python", None)],
            ),
            (
                "Control flow",
                [("If and else", "intro-to-python.mp4"), ("Loops", "intro-to-python.mp4")],
            ),
            ("Functions", [("Defining functions", "intro-to-python.mp4"), ("Recap", None)]),
        ],
    ),
    (
        "sql-basics",
        "SQL Basics",
        "intermediate",
        "published",
        "Query relational data with SELECT, filter with WHERE, and join tables.",
        [
            (
                "Selecting data",
                [("SELECT and FROM", "sql-basics.mp4"), ("WHERE", "sql-basics.mp4")],
            ),
            ("Joins", [("INNER JOIN", "sql-basics.mp4"), ("Outer joins explained", None)]),
        ],
    ),
    (
        "advanced-data-engineering",
        "Advanced Data Engineering",
        "advanced",
        "draft",
        "Pipelines, orchestration and data quality at scale (work in progress).",
        [("Pipelines", [("Batch and streaming", None)])],
    ),
]

_VIDEO_SECONDS = {"intro-to-python.mp4": 12, "sql-basics.mp4": 8}


def _load_courses(loader: _Loader) -> None:
    author = demo_id("user:instructor@demo.test")
    for slug, title, level, status, description, modules in _COURSES:
        cid = demo_id(f"course:{slug}")
        # Duration is derived from the lessons: 1 minute per demo clip, 5 per text lesson.
        total_minutes = sum(1 if video else 5 for _m, lessons in modules for _l, video in lessons)
        loader.ensure(
            Course,
            cid,
            id=cid,
            title=title,
            description=description,
            slug=slug,
            author_id=author,
            status=status,
            level=level,
            duration=total_minutes,
        )
        for m_index, (m_title, lessons) in enumerate(modules):
            mid = demo_id(f"module:{slug}:{m_index}")
            loader.ensure(
                Module,
                mid,
                id=mid,
                course_id=cid,
                title=m_title,
                description=f"Module {m_index + 1} of {title}.",
                order_index=m_index,
            )
            for l_index, (l_title, video) in enumerate(lessons):
                lid = demo_id(f"lesson:{slug}:{m_index}:{l_index}")
                video_id = None
                if video is not None:
                    video_id = _video(loader, video, f"{title}: demo clip", _VIDEO_SECONDS[video])
                loader.ensure(
                    Lesson,
                    lid,
                    id=lid,
                    module_id=mid,
                    title=l_title,
                    description=f"{l_title} — part of {m_title}.",
                    video_asset_id=video_id,
                    duration=1 if video else 5,
                    order_index=l_index,
                )


#: (title, passing score, time limit, [(type, text, [(option, correct)])])
_ASSESSMENTS: list[tuple[str, int, int, list[tuple[str, str, list[tuple[str, bool]]]]]] = [
    (
        "Python Fundamentals Quiz",
        70,
        10,
        [
            (
                "single_choice",
                "Which keyword defines a function in Python?",
                [("def", True), ("func", False), ("lambda", False), ("fn", False)],
            ),
            (
                "multiple_choice",
                "Which of these are built-in Python types?",
                [("list", True), ("dict", True), ("array", False), ("tuple", True)],
            ),
            ("true_false", "Python lists are immutable.", [("True", False), ("False", True)]),
            ("short_answer", "What does len('abc') return?", [("3", True), ("three", True)]),
        ],
    ),
    (
        "SQL Basics Check",
        60,
        15,
        [
            (
                "single_choice",
                "Which clause filters rows?",
                [("WHERE", True), ("ORDER BY", False), ("GROUP BY", False)],
            ),
            (
                "multiple_choice",
                "Which are join types?",
                [("INNER", True), ("LEFT", True), ("ACROSS", False)],
            ),
            ("true_false", "SELECT * returns every column.", [("True", True), ("False", False)]),
            (
                "short_answer",
                "Which keyword removes duplicate rows from a result?",
                [("DISTINCT", True)],
            ),
        ],
    ),
]


def _load_assessments(loader: _Loader) -> None:
    author = demo_id("user:instructor@demo.test")
    for title, passing, limit, questions in _ASSESSMENTS:
        aid = demo_id(f"assessment:{title}")
        loader.ensure(
            Assessment,
            aid,
            id=aid,
            title=title,
            description=f"Check what you learned: {title}.",
            passing_score=passing,
            time_limit=limit,
            author_id=author,
        )
        for q_index, (q_type, text, options) in enumerate(questions):
            qid = demo_id(f"question:{title}:{q_index}")
            loader.ensure(
                Question,
                qid,
                id=qid,
                assessment_id=aid,
                text=text,
                type=q_type,
                order_index=q_index,
            )
            for o_index, (o_text, correct) in enumerate(options):
                oid = demo_id(f"option:{title}:{q_index}:{o_index}")
                loader.ensure(
                    AnswerOption,
                    oid,
                    id=oid,
                    question_id=qid,
                    text=o_text,
                    is_correct=correct,
                    order_index=o_index,
                )


def _load_path(loader: _Loader) -> None:
    pid = demo_id("path:data-analyst")
    loader.ensure(
        LearningPath,
        pid,
        id=pid,
        title="Become a Data Analyst",
        description="From your first Python program to querying databases, then prove it.",
        author_id=demo_id("user:instructor@demo.test"),
        status="published",
    )
    steps = [
        ("course", demo_id("course:introduction-to-python")),
        ("course", demo_id("course:sql-basics")),
        ("assessment", demo_id("assessment:SQL Basics Check")),
    ]
    for index, (kind, entity) in enumerate(steps):
        sid = demo_id(f"path-step:data-analyst:{index}")
        loader.ensure(
            PathStep,
            sid,
            id=sid,
            path_id=pid,
            entity_type=kind,
            entity_id=entity,
            order_index=index,
        )


def _load_progress(loader: _Loader) -> None:
    learner = demo_id("user:learner@demo.test")
    rows = [
        ("course", demo_id("course:introduction-to-python"), "in_progress", 40, None),
        (
            "lesson",
            demo_id("lesson:introduction-to-python:0:0"),
            "completed",
            100,
            dt.datetime(2026, 10, 2, 9, 30, tzinfo=dt.UTC),
        ),
        ("lesson", demo_id("lesson:introduction-to-python:0:1"), "in_progress", 50, None),
    ]
    for kind, entity, status, pct, done in rows:
        rid = demo_id(f"progress:learner:{kind}:{entity}")
        loader.ensure(
            UserProgress,
            rid,
            id=rid,
            user_id=learner,
            entity_type=kind,
            entity_id=entity,
            status=status,
            progress_percentage=pct,
            completed_at=done,
        )
