"""Data the benchmarks generate for themselves: a catalogue, a huge course, many accounts.

Rows go in with SQLAlchemy Core bulk inserts (one ``executemany`` per table and chunk), on
either backend; SQLite's ``catalog_fts`` is filled by its own triggers, as in the app.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Engine, insert

from elearn_desktop.data.models import Course, Lesson, Module, User, UserRole

# Words of course titles; the first ones are very common (as in a real catalogue), so
# typing them matches tens of thousands of courses.
COMMON = ("introduction", "data", "python", "learning", "design", "advanced", "web")
RARE = (
    "kubernetes",
    "accounting",
    "watercolour",
    "negotiation",
    "calculus",
    "typography",
    "photography",
    "statistics",
    "rust",
    "marketing",
    "leadership",
    "nutrition",
    "guitar",
    "astronomy",
    "welding",
    "spanish",
    "genetics",
    "excel",
    "blockchain",
    "poetry",
    "carpentry",
    "robotics",
    "yoga",
    "chemistry",
    "sql",
    "javascript",
    "economics",
    "security",
    "networks",
    "painting",
    "ceramics",
    "history",
    "philosophy",
    "gardening",
)
FILLER = (
    "basics",
    "for",
    "beginners",
    "masterclass",
    "fundamentals",
    "practical",
    "complete",
    "guide",
    "course",
    "projects",
    "hands",
    "on",
    "modern",
    "essentials",
    "deep",
    "dive",
)
#: What a person types in the keystroke workload: common words first, then rarer ones.
PHRASES = (
    "introduction to python",
    "data design",
    "advanced web learning",
    "kubernetes security",
    "python statistics",
    "watercolour painting basics",
)

CHUNK = 10_000
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def bulk(engine: Engine, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    with engine.begin() as conn:
        for chunk in _chunks(rows):
            conn.execute(insert(table), list(chunk))


def author(engine: Engine) -> uuid.UUID:
    user_id = uuid.uuid4()
    bulk(
        engine,
        User.__table__,
        [
            {
                "id": user_id,
                "email": f"bench-author-{user_id.hex[:8]}@bench.test",
                "password_hash": "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$bench",
                "first_name": "Bench",
                "last_name": "Author",
                "created_at": NOW,
            }
        ],
    )
    return user_id


def _title(rng: random.Random) -> str:
    words = []
    if rng.random() < 0.6:
        words.append(rng.choice(COMMON))
    if rng.random() < 0.3:
        words.append(rng.choice(COMMON))
    words.append(rng.choice(RARE))
    words.extend(rng.sample(FILLER, 2))
    rng.shuffle(words)
    return " ".join(words).capitalize()


def catalog(engine: Engine, courses: int, *, seed: int = 8) -> None:
    """``courses`` published courses, each with one module of two lessons."""
    rng = random.Random(seed)
    owner = author(engine)
    course_rows, module_rows, lesson_rows = [], [], []
    for n in range(courses):
        course_id, module_id = uuid.uuid4(), uuid.uuid4()
        title = _title(rng)
        course_rows.append(
            {
                "id": course_id,
                "title": title,
                "slug": f"c-{n}-{course_id.hex[:6]}",
                "description": f"{_title(rng)}. {_title(rng)}.",
                "author_id": owner,
                "status": "published",
                "level": rng.choice(("beginner", "intermediate", "advanced")),
                "duration": rng.randint(10, 600),
                "created_at": NOW,
                "updated_at": NOW,
            }
        )
        module_rows.append(
            {"id": module_id, "course_id": course_id, "title": "Module 1", "order_index": 1}
        )
        for k in (1, 2):
            lesson_rows.append(
                {
                    "id": uuid.uuid4(),
                    "module_id": module_id,
                    "title": _title(rng),
                    "duration": 5,
                    "order_index": k,
                }
            )
    bulk(engine, Course.__table__, course_rows)
    bulk(engine, Module.__table__, module_rows)
    bulk(engine, Lesson.__table__, lesson_rows)


def big_course(engine: Engine, *, author_id: uuid.UUID, modules: int, lessons: int) -> uuid.UUID:
    """One draft course of ``modules`` × ``lessons`` authored by ``author_id``."""
    course_id = uuid.uuid4()
    bulk(
        engine,
        Course.__table__,
        [
            {
                "id": course_id,
                "title": "The enormous course",
                "slug": f"enormous-{course_id.hex[:8]}",
                "description": "A benchmark course",
                "author_id": author_id,
                "status": "draft",
                "created_at": NOW,
                "updated_at": NOW,
            }
        ],
    )
    module_rows, lesson_rows = [], []
    for m in range(modules):
        module_id = uuid.uuid4()
        module_rows.append(
            {
                "id": module_id,
                "course_id": course_id,
                "title": f"Module {m + 1}: part {m + 1} of the enormous course",
                "order_index": m + 1,
            }
        )
        for k in range(lessons):
            lesson_rows.append(
                {
                    "id": uuid.uuid4(),
                    "module_id": module_id,
                    "title": f"Lesson {m + 1}.{k + 1}",
                    "duration": 5,
                    "order_index": k + 1,
                }
            )
    bulk(engine, Module.__table__, module_rows)
    bulk(engine, Lesson.__table__, lesson_rows)
    return course_id


def accounts(engine: Engine, count: int) -> None:
    """``count`` learner accounts (a fixed, cheap password hash: nobody signs in)."""
    users = [
        {
            "id": uuid.uuid4(),
            "email": f"person{i:06d}@bulk.test",
            "password_hash": "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$bulk",
            "first_name": "Bulk",
            "last_name": f"Person {i}",
            "is_active": True,
            "is_verified": i % 2 == 0,
            "created_at": NOW,
        }
        for i in range(count)
    ]
    bulk(engine, User.__table__, users)
    bulk(engine, UserRole.__table__, [{"user_id": u["id"], "role": "learner"} for u in users])
