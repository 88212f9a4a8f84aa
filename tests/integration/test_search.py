"""Catalog search on SQLite (FTS5) and PostgreSQL (GIN tsvector): ranked, filtered, safe."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from elearn_desktop.data.models import Course, Lesson, Module, UserProgress
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.services import demo, search
from elearn_desktop.services.demo import demo_id, load_demo
from elearn_desktop.services.search import fts5_query, parse_terms, search_catalog

LEARNER = demo_id("user:learner@demo.test")

# (slug, title, description, level, minutes, status, lessons)
EXTRA_COURSES: list[tuple[str, str, str, str, int, str, list[tuple[str, str]]]] = [
    (
        "rust-programming",
        "Rust Programming",
        "Ownership, borrowing and fearless concurrency.",
        "intermediate",
        240,
        "published",
        [("Hello, Cargo", "Your first crate.")],
    ),
    (
        "systems-thinking",
        "Systems Thinking",
        "See the whole: feedback loops, and why rust never sleeps in old machines.",
        "beginner",
        45,
        "published",
        [("Stocks and flows", "The basics.")],
    ),
    (
        "gardening",
        "Gardening for Everyone",
        "Grow vegetables on a balcony.",
        "beginner",
        30,
        "published",
        [("Watering", "How much, how often."), ("Rust on tomato leaves", "Spot it early.")],
    ),
    (
        "rust-internals",
        "Rust Internals",
        "The compiler from the inside (unpublished draft).",
        "advanced",
        600,
        "draft",
        [("MIR", "Mid-level IR.")],
    ),
    (
        "machine-learning",
        "Machine Learning Foundations",
        "Learning from data: regression, classification and evaluation.",
        "advanced",
        480,
        "published",
        [("Gradient descent", "Optimisation basics.")],
    ),
]


def _add_course(
    uow_factory: UnitOfWorkFactory,
    slug: str,
    title: str,
    description: str,
    level: str,
    minutes: int,
    status: str,
    lessons: list[tuple[str, str]],
) -> uuid.UUID:
    with uow_factory() as uow:
        course = Course(
            id=uuid.uuid4(),
            slug=slug,
            title=title,
            description=description,
            level=level,
            duration=minutes,
            status=status,
        )
        module = Module(id=uuid.uuid4(), title="Module", order_index=0)
        module.lessons = [
            Lesson(id=uuid.uuid4(), title=t, description=d, order_index=i, duration=5)
            for i, (t, d) in enumerate(lessons)
        ]
        course.modules = [module]
        uow.courses.add(course)
        uow.commit()
        return course.id


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Search does not care about the demo people's password hashes: make them cheaply.
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(demo, "hash_password", hasher.hash)


@pytest.fixture
def catalog(uow_factory: UnitOfWorkFactory) -> UnitOfWorkFactory:
    load_demo(uow_factory)
    for values in EXTRA_COURSES:
        _add_course(uow_factory, *values)
    return uow_factory


def _titles(hits: list[search.SearchHit]) -> list[str]:
    return [hit.course.title for hit in hits]


# -- the query language (pure) ---------------------------------------------------------


def test_parse_terms_words_prefix_and_stop_words() -> None:
    assert parse_terms("") == search.SearchTerms((), None)
    assert parse_terms("   ") == search.SearchTerms((), None)
    assert parse_terms("Intro to Pyth") == search.SearchTerms(("intro",), "pyth")
    # A trailing space (or punctuation) means the last word is finished.
    assert parse_terms("intro to python ") == search.SearchTerms(("intro", "python"), None)
    assert parse_terms('"sql" OR -joins*') == search.SearchTerms(("sql", "joins"), None)
    assert parse_terms("the ").empty
    # The word being typed may be a stop word ("a" is the start of "advanced").
    assert parse_terms("a").prefix == "a"
    assert parse_terms("snake_case").prefix == "case"
    assert len(parse_terms(" ".join(f"w{i}" for i in range(40))).words) < search.MAX_WORDS


def test_fts5_query_quotes_every_word() -> None:
    assert fts5_query(parse_terms("sql jo")) == '"sql" AND "jo"*'
    assert fts5_query(parse_terms("learning ")) == '"learning"'
    assert fts5_query(parse_terms("sql learni")) == '"sql" AND ("learni"* OR "learn"* OR "lear"*)'
    assert fts5_query(parse_terms("NEAR(a b) OR c")) == '"near" AND "b" AND "c"*'


# -- ranking and matching --------------------------------------------------------------


def test_empty_text_lists_every_published_course_by_title(catalog: UnitOfWorkFactory) -> None:
    assert _titles(search_catalog(catalog, text="")) == [
        "Gardening for Everyone",
        "Introduction to Python",
        "Machine Learning Foundations",
        "Rust Programming",
        "SQL Basics",
        "Systems Thinking",
    ]


def test_title_match_outranks_description_only_match(catalog: UnitOfWorkFactory) -> None:
    hits = search_catalog(catalog, text="rust ")
    titles = _titles(hits)
    assert titles[0] == "Rust Programming"
    assert titles.index("Rust Programming") < titles.index("Systems Thinking")
    assert hits[0].rank > hits[titles.index("Systems Thinking")].rank > 0
    assert "Rust Internals" not in titles  # a draft


def test_lesson_title_match_finds_its_course(catalog: UnitOfWorkFactory) -> None:
    hits = {hit.course.title: hit for hit in search_catalog(catalog, text="tomato")}
    assert list(hits) == ["Gardening for Everyone"]
    assert hits["Gardening for Everyone"].matched_lessons == ("Rust on tomato leaves",)
    joins = search_catalog(catalog, text="join")
    assert _titles(joins) == ["SQL Basics"]
    assert set(joins[0].matched_lessons) == {"INNER JOIN", "Outer joins explained"}
    # Rust appears in a title, a description and a lesson title: all three courses match.
    assert set(_titles(search_catalog(catalog, text="rust"))) == {
        "Rust Programming",
        "Systems Thinking",
        "Gardening for Everyone",
    }


def test_every_word_must_match(catalog: UnitOfWorkFactory) -> None:
    assert _titles(search_catalog(catalog, text="rust tomato")) == ["Gardening for Everyone"]
    assert search_catalog(catalog, text="rust regression") == []


def test_stemming_matches_word_forms(catalog: UnitOfWorkFactory) -> None:
    # "programs" and "programming" share the stem "program".
    assert set(_titles(search_catalog(catalog, text="programs "))) == {
        "Introduction to Python",
        "Rust Programming",
    }
    assert "Machine Learning Foundations" in _titles(search_catalog(catalog, text="learned "))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("r", "Rust Programming"),
        ("ru", "Rust Programming"),
        ("rus", "Rust Programming"),
        ("py", "Introduction to Python"),
        ("pyth", "Introduction to Python"),
        ("sql ba", "SQL Basics"),
        ("mach", "Machine Learning Foundations"),
        # Stems are shorter than words: "learni" must not lose "learning" while typing.
        ("machine learni", "Machine Learning Foundations"),
        ("machine learnin", "Machine Learning Foundations"),
        ("machine learning", "Machine Learning Foundations"),
    ],
)
def test_search_as_you_type_matches_prefixes(
    catalog: UnitOfWorkFactory, typed: str, expected: str
) -> None:
    assert expected in _titles(search_catalog(catalog, text=typed))


def test_a_finished_word_is_not_a_prefix(catalog: UnitOfWorkFactory) -> None:
    assert search_catalog(catalog, text="pyth ") == []
    assert _titles(search_catalog(catalog, text="python ")) == ["Introduction to Python"]


def test_drafts_are_never_found(catalog: UnitOfWorkFactory) -> None:
    for typed in ("internals", "compiler", "mir", "pipelines", "advanced data engineering"):
        assert search_catalog(catalog, text=typed) == [], typed


# -- filters and paging ----------------------------------------------------------------


def test_level_and_duration_filters(catalog: UnitOfWorkFactory) -> None:
    beginner = _titles(search_catalog(catalog, text="", level="Beginner"))
    assert beginner == ["Gardening for Everyone", "Introduction to Python", "Systems Thinking"]
    short = _titles(search_catalog(catalog, text="", max_minutes=30))
    assert short == ["Gardening for Everyone", "Introduction to Python", "SQL Basics"]
    assert _titles(search_catalog(catalog, text="rust", level="beginner", max_minutes=40)) == [
        "Gardening for Everyone"
    ]


def test_progress_filters_need_the_person(catalog: UnitOfWorkFactory) -> None:
    in_progress = search_catalog(catalog, text="", state="in_progress", user_id=LEARNER)
    assert _titles(in_progress) == ["Introduction to Python"]
    assert in_progress[0].progress_status == "in_progress"
    assert in_progress[0].progress_percentage == 40
    assert search_catalog(catalog, text="", state="completed", user_id=LEARNER) == []
    with catalog() as uow:
        sql = uow.courses.by_slug("sql-basics")
        assert sql is not None
        uow.progress.add(
            UserProgress(
                user_id=LEARNER,
                entity_type="course",
                entity_id=sql.id,
                status="completed",
                progress_percentage=100,
                completed_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
            )
        )
        uow.commit()
    done = search_catalog(catalog, text="sq", state="completed", user_id=LEARNER)
    assert _titles(done) == ["SQL Basics"]
    # Without a state, the person's progress still comes along with each hit.
    every = {h.course.title: h for h in search_catalog(catalog, text="", user_id=LEARNER)}
    assert every["SQL Basics"].enrolled
    assert not every["Rust Programming"].enrolled
    with pytest.raises(ValidationError, match="needs the person"):
        search_catalog(catalog, text="", state="completed")
    with pytest.raises(ValidationError, match="unknown state"):
        search_catalog(catalog, text="", state="paused", user_id=LEARNER)


def test_pages_do_not_overlap(catalog: UnitOfWorkFactory) -> None:
    whole = _titles(search_catalog(catalog, text=""))
    pages = [_titles(search_catalog(catalog, text="", limit=2, offset=n)) for n in (0, 2, 4, 6)]
    assert [t for page in pages for t in page] == whole
    ranked = _titles(search_catalog(catalog, text="rust"))
    assert (
        _titles(search_catalog(catalog, text="rust", limit=1))
        + _titles(search_catalog(catalog, text="rust", limit=5, offset=1))
        == ranked
    )


def test_summaries_carry_counts_and_author(catalog: UnitOfWorkFactory) -> None:
    (hit,) = search_catalog(catalog, text="sql basics")
    assert hit.course.slug == "sql-basics"
    assert (hit.course.module_count, hit.course.lesson_count) == (2, 4)
    assert hit.course.author_name == "Ivan Teacher"
    assert hit.course.level == "intermediate"


# -- nothing the person types is syntax -------------------------------------------------

NASTY = [
    '"',
    '""',
    "'",
    "''",
    '"unterminated',
    "OR",
    "AND",
    "NOT",
    "NEAR",
    "NEAR(sql python, 2)",
    "python OR sql",
    "python AND",
    "-python",
    "python -",
    "*",
    "py*",
    "^python",
    "title:python",
    "{title body}: python",
    "(((",
    ")",
    "a & b | !c <-> d",
    "'python':*",
    "python:* & sql:A",
    "'; DROP TABLE courses; --",
    "1' OR '1'='1",
    "\\",
    "%_%",
    "\x00",
    "null\x00byte",
    "\t\n\r",
    "😀",
    "日本語のコース",
    "ß straße STRASSE",
    "café naïve",
    "\u202e\u200b\ufeff",
    "a" * 5000,
    " ".join(["word"] * 500),
]


def test_bad_syntax_never_errors(catalog: UnitOfWorkFactory) -> None:
    for typed in NASTY:
        for variant in (typed, typed + " ", f"python {typed}", f"{typed} sql"):
            hits = search_catalog(catalog, text=variant)
            assert all(hit.course.status == "published" for hit in hits), variant


def test_injection_changes_nothing(catalog: UnitOfWorkFactory) -> None:
    search_catalog(catalog, text="'; DELETE FROM courses; --")
    search_catalog(catalog, text='"; DELETE FROM catalog_fts; --')
    assert len(search_catalog(catalog, text="")) == 6


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(typed=st.text(max_size=60))
def test_any_text_is_searchable(catalog: UnitOfWorkFactory, typed: str) -> None:
    hits = search_catalog(catalog, text=typed, limit=10)
    assert len(hits) <= 10
    assert all(hit.course.status == "published" for hit in hits)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    words=st.lists(
        st.sampled_from(['"', "'", "OR", "NEAR", "*", "-", "(", ")", ":", "^", "rust", "py"])
        | st.text(alphabet=st.characters(codec="utf-8"), max_size=5),
        max_size=8,
    )
)
def test_operator_soup_is_searchable(catalog: UnitOfWorkFactory, words: list[str]) -> None:
    search_catalog(catalog, text=" ".join(words))
    search_catalog(catalog, text="".join(words))


# Only the PostgreSQL database of ``backend_url`` (no SQLite variant to skip).
PG_ONLY = pytest.mark.parametrize("backend_url", ["postgresql"], indirect=True)


# -- PostgreSQL uses its indexes ---------------------------------------------------------


@pytest.mark.postgres
@PG_ONLY
def test_postgresql_query_uses_the_gin_indexes(catalog: UnitOfWorkFactory) -> None:
    with catalog() as uow:
        narrowing = search._narrowing(
            search._PG_COURSES.c, level="beginner", max_minutes=None, state=None, user_id=None
        )
        stmt = search._pg_ranked(parse_terms("rust progr"), narrowing)
        compiled = stmt.compile(uow.session.get_bind())
        uow.session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            row[0]
            for row in uow.session.connection().exec_driver_sql(
                "EXPLAIN " + str(compiled), compiled.params
            )
        )
    assert "ix_courses_vector_search" in plan
    assert "ix_lessons_vector_search" in plan


@pytest.mark.postgres
@PG_ONLY
@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        # Every longer prefix is covered by a shorter one: one prefix is left.
        (["pytho", "pyth"], "'pyth':*"),
        # The stem of the whole word ('learn') covers the typed variants.
        (["learning", "learnin", "learni"], "'learn':*"),
        # 'english' drops the stop word; 'simple' keeps it (the start of "theory").
        (["the"], "'the':*"),
        # Stemmed differently from what was typed: both are kept.
        (["happy"], "'happi':* | 'happy':*"),
        (["café"], "'café':*"),
    ],
)
def test_postgresql_prefix_query_keeps_only_the_prefixes_that_matter(
    catalog: UnitOfWorkFactory, variants: list[str], expected: str
) -> None:
    with catalog() as uow:
        lean = uow.session.execute(
            text("SELECT elearn_prefix_tsquery(:v)::text"), {"v": variants}
        ).scalar_one()
        # The same rows match as with every variant through both configurations (the
        # query of revision 0009).
        params = {f"q{i}": f"'{v}':*" for i, v in enumerate(variants)}
        every = " || ".join(
            f"to_tsquery('english', :{name}) || to_tsquery('simple', :{name})" for name in params
        )
        matched = uow.session.execute(
            text(
                "SELECT count(*) FILTER (WHERE search_vector @@ elearn_prefix_tsquery(:v)), "
                f"count(*) FILTER (WHERE search_vector @@ ({every})) FROM lessons"
            ),
            {"v": variants, **params},
        ).one()
    assert lean == expected
    assert matched[0] == matched[1]


@pytest.mark.postgres
@PG_ONLY
def test_postgresql_search_as_you_type_stays_right_when_prepared(
    catalog: UnitOfWorkFactory,
) -> None:
    """Run often enough for psycopg to prepare its statements, the search still finds the
    course; its custom-plan setting stays in its transaction; learners (not PUBLIC) may
    run the prefix function."""
    for typed in ["r", "ru", "rus", "rust", "rust p", "rust pr", "rust pro", "rust prog"] * 2:
        assert search_catalog(catalog, text=typed)
    assert _titles(search_catalog(catalog, text="rust progr")) == ["Rust Programming"]
    with catalog() as uow:
        granted = uow.session.execute(
            text(
                "SELECT has_function_privilege('elearn_learner', "
                "'elearn_prefix_tsquery(text[])', 'EXECUTE'), "
                "has_function_privilege('public', 'elearn_prefix_tsquery(text[])', 'EXECUTE'), "
                "current_setting('plan_cache_mode')"
            )
        ).one()
    assert tuple(granted) == (True, False, "auto")


# -- bounded ranking (issue #8) ----------------------------------------------------------


def test_ranking_is_bounded_but_only_true_matches_come_back(
    catalog: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(12):
        _add_course(
            catalog,
            f"zebra-{n}",
            f"Zebra studies {n}",
            "Stripes.",
            "beginner",
            30,
            "published",
            [("Zebra crossing", "Roads.")],
        )
    everything = search_catalog(catalog, text="zebra")
    assert len(everything) == 12
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    bounded = search_catalog(catalog, text="zebr")
    # At most 3 courses by their own match and 3 by a lesson: every one a true match,
    # best first, each with the lesson that matched.
    assert 3 <= len(bounded) <= 6
    assert all(hit.course.title.startswith("Zebra studies") for hit in bounded)
    ranks = [hit.rank for hit in bounded]
    assert ranks == sorted(ranks, reverse=True)
    assert any(hit.matched_lessons == ("Zebra crossing",) for hit in bounded)
    # Filters apply before the bound: a level no zebra course has finds none.
    assert search_catalog(catalog, text="zebr", level="advanced") == []
    # A narrower query under the bound is ranked exactly again.
    assert _titles(search_catalog(catalog, text="zebra studies 7")) == ["Zebra studies 7"]


@pytest.mark.postgres
@PG_ONLY
def test_postgresql_vectors_are_stored_and_left_out_of_the_audit(
    catalog: UnitOfWorkFactory,
) -> None:
    with catalog() as uow:
        vector = uow.session.execute(
            text("SELECT search_vector::text FROM courses WHERE slug = 'rust-programming'")
        ).scalar_one()
        audited = uow.session.execute(
            text(
                "SELECT count(*), count(*) FILTER (WHERE new_data ? 'search_vector') "
                "FROM audit_log WHERE table_name = 'courses'"
            )
        ).one()
    assert "'rust':1A" in vector  # the title, weight A
    assert audited[0] > 0
    assert audited[1] == 0
