"""Catalog search: published courses by full text over course and lesson titles/descriptions.

Both backends answer the same question the same way:

* The person's text is split into words here, in Python (letters and digits only), so no
  input — quotes, operators, ``OR``, ``NEAR``, ``*``, ``-``, SQL, any Unicode — can ever
  reach a query parser as syntax. English stop words are dropped (PostgreSQL's list, so
  SQLite behaves like the ``english`` configuration does).
* Every word must match (AND). The word still being typed (the text does not end in a
  space) is a prefix, for search as you type; stemmed indexes store ``learn`` for
  "learning", so the prefix is also tried one and two letters shorter (never below four),
  which keeps results steady while "learni…" is typed.
* A course matches by its own title/description or by one of its lessons'. Rank: the
  course's own match (title weighs more than description) plus half its best lesson match.
* PostgreSQL matches and ranks the stored ``search_vector`` columns of revision 0009 (GIN
  indexed; title weight A, description D), the word being typed as one lean prefix query
  (``elearn_prefix_tsquery``, revision 0012), always planned for the words searched; it
  matches through revision 0014's views of published courses and their lessons, so a
  person's own login (row-level security) uses the indexes too;
  SQLite uses the FTS5 table ``catalog_fts`` (prefix indexes since 0009).
* Ranking is bounded: at most ``MAX_RANKED`` matching courses (that pass the filters) and
  as many matching lessons, in index order, are ranked. A word that matches more — a
  first letter, a word in a third of the catalogue — still returns only true matches, best
  first among those; each further letter narrows the set until the ranking is exact. This
  keeps every keystroke fast at 100k courses (issue #8: p95 ≤ 50 ms).

Only published courses are ever returned; an empty query lists them all by title.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    String,
    Text,
    Uuid,
    and_,
    bindparam,
    case,
    cast,
    column,
    exists,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session, selectinload

from elearn_desktop.data.models import Course, Lesson, Module, UserProgress
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.services.catalog import PUBLISHED, summarize_courses
from elearn_desktop.services.dto import CourseSummary
from elearn_desktop.services.offline_mode import on_offline_cache

# PostgreSQL's ``english`` stop words (tsearch_data/english.stop).
_ENGLISH_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now
"""
STOP_WORDS = frozenset(_ENGLISH_STOP_WORDS.split())
MAX_WORDS = 12
MAX_WORD_LENGTH = 64
MIN_PREFIX_VARIANT = 4
LESSON_WEIGHT = 0.5
MAX_MATCHED_LESSONS = 3
MAX_LIMIT = 500
#: Matching courses (and, separately, matching lessons) ranked per search at most.
MAX_RANKED = 500
STATES = ("in_progress", "completed")

_WORD = re.compile(r"[^\W_]+")

# What a signed-in person may search on PostgreSQL (revision 0014's views): published
# courses and their lessons, with the weighted vectors of revision 0009 (title A,
# description D), GIN indexed.
_PG_COURSES = table(
    "catalog_search_courses",
    column("id", Uuid),
    column("title", Text),
    column("level", String),
    column("duration", Integer),
    column("search_vector", postgresql.TSVECTOR),
    schema="public",
)
_PG_LESSONS = table(
    "catalog_search_lessons",
    column("id", Uuid),
    column("module_id", Uuid),
    column("course_id", Uuid),
    column("title", Text),
    column("search_vector", postgresql.TSVECTOR),
    schema="public",
)
# FTS5 columns: kind, entity_id, course_id (unindexed), title, body.
_FTS_RANK = "-bm25(catalog_fts, 0.0, 0.0, 0.0, 10.0, 1.0)"


@dataclass(frozen=True, slots=True)
class SearchTerms:
    """What is searched for: whole words, and the word being typed (a prefix)."""

    words: tuple[str, ...]
    prefix: str | None

    @property
    def empty(self) -> bool:
        return not self.words and self.prefix is None

    def prefix_variants(self) -> tuple[str, ...]:
        """The prefix, and it one and two letters shorter (stems are often shorter)."""
        if self.prefix is None:
            return ()
        variants = [self.prefix]
        for cut in (1, 2):
            shorter = self.prefix[:-cut]
            if len(shorter) >= MIN_PREFIX_VARIANT:
                variants.append(shorter)
        return tuple(variants)


def parse_terms(text: str) -> SearchTerms:
    """Split what the person typed into searchable words; never fails."""
    found = [w[:MAX_WORD_LENGTH] for w in _WORD.findall(text.casefold())]
    if not found:
        return SearchTerms((), None)
    typing = bool(text) and _WORD.fullmatch(text[-1].casefold()) is not None
    prefix = found.pop() if typing else None
    words: list[str] = []
    for word in found:
        if word not in STOP_WORDS and word not in words:
            words.append(word)
    # Too many words: keep the first ones (and the word being typed).
    keep = MAX_WORDS - (1 if prefix is not None else 0)
    return SearchTerms(tuple(words[:keep]), prefix)


def fts5_query(terms: SearchTerms) -> str:
    """An FTS5 MATCH expression: each word a quoted phrase, the prefix as ``"..."*``."""

    def phrase(word: str) -> str:
        return '"' + word.replace('"', '""') + '"'

    parts = [phrase(w) for w in terms.words]
    variants = terms.prefix_variants()
    if variants:
        alternatives = " OR ".join(phrase(v) + "*" for v in variants)
        parts.append(f"({alternatives})" if len(variants) > 1 else alternatives)
    return " AND ".join(parts)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A course found by a search, how well it matched, and why."""

    course: CourseSummary
    rank: float
    #: Titles of the course's lessons that matched (best first, at most three).
    matched_lessons: tuple[str, ...] = ()
    #: The person's progress on the course (None: not enrolled, or no person given).
    progress_status: str | None = None
    progress_percentage: int | None = None

    @property
    def enrolled(self) -> bool:
        return self.progress_status is not None


def search_catalog(
    uow_factory: UnitOfWorkFactory,
    *,
    text: str,
    level: str | None = None,
    max_minutes: int | None = None,
    state: str | None = None,
    user_id: uuid.UUID | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[SearchHit]:
    """Published courses matching ``text`` (best first) and the filters, one page of them.

    ``level`` matches case-insensitively; ``max_minutes`` keeps courses of known duration
    up to that long; ``state`` ('in_progress' | 'completed') keeps the courses in which
    ``user_id`` is enrolled and not finished, or finished. Empty ``text``: every published
    course that passes the filters, by title.
    """
    if state is not None and state not in STATES:
        raise ValidationError("state", f"unknown state '{state}' (known: {', '.join(STATES)})")
    if state is not None and user_id is None:
        raise ValidationError("state", "filtering by progress needs the person")
    if max_minutes is not None and max_minutes < 0:
        raise ValidationError("max_minutes", "the longest duration cannot be negative")
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    terms = parse_terms(text)
    narrowing = partial(
        _narrowing, level=level, max_minutes=max_minutes, state=state, user_id=user_id
    )
    filters = [Course.status == PUBLISHED, *narrowing(Course)]
    with uow_factory() as uow:
        session = uow.session
        dialect = session.get_bind().dialect.name
        stmt: Select[Any]
        offline: dict[uuid.UUID, tuple[float, list[str]]] | None = None
        if not terms.empty and on_offline_cache(session):
            # The offline cache has no FTS index (it holds a few courses): match in Python.
            offline = _offline_matches(session, terms)
            stmt = select(Course, literal(0.0, Float)).where(Course.id.in_(list(offline)), *filters)
        elif terms.empty:
            stmt = select(Course, literal(0.0, Float)).where(*filters).order_by(Course.title)
        else:
            if dialect == "postgresql":
                _pg_custom_plans(session)
            ranked = (
                _pg_ranked(terms, narrowing(_PG_COURSES.c))
                if dialect == "postgresql"
                else _sqlite_ranked(terms, filters)
            ).subquery("ranked")
            stmt = (
                select(Course, ranked.c.rank)
                .join(ranked, ranked.c.course_id == Course.id)
                .where(*filters)
                .order_by(ranked.c.rank.desc(), Course.title)
            )
        stmt = (
            stmt.order_by(Course.id)
            .options(selectinload(Course.author))
            .limit(limit)
            .offset(offset)
        )
        rows = list(session.execute(stmt).all())
        if offline is not None:
            found = offline
            rows.sort(key=lambda row: (-found[row[0].id][0], row[0].title))
            rows = [(row[0], found[row[0].id][0]) for row in rows]  # type: ignore[misc]
        courses = [row[0] for row in rows]
        ids = [c.id for c in courses]
        lessons: dict[uuid.UUID, list[str]] = {}
        if offline is not None:
            lessons = {i: offline[i][1][:MAX_MATCHED_LESSONS] for i in ids}
        elif ids and not terms.empty:
            matcher = _pg_lesson_titles if dialect == "postgresql" else _sqlite_lesson_titles
            lessons = matcher(session, terms, ids)
        progress = _progress(session, user_id, ids) if user_id is not None and ids else {}
        summaries = summarize_courses(uow, courses)
        return [
            SearchHit(
                course=summary,
                rank=float(row[1] or 0.0),
                matched_lessons=tuple(lessons.get(summary.id, ())),
                progress_status=progress.get(summary.id, (None, None))[0],
                progress_percentage=progress.get(summary.id, (None, None))[1],
            )
            for summary, row in zip(summaries, rows, strict=True)
        ]


# -- filters --------------------------------------------------------------------------


def _narrowing(
    courses: Any,
    *,
    level: str | None,
    max_minutes: int | None,
    state: str | None,
    user_id: uuid.UUID | None,
) -> list[ColumnElement[bool]]:
    """The person's filters over course columns: ``Course``, or a search view's ``.c``."""
    filters: list[ColumnElement[bool]] = []
    if level:
        filters.append(func.lower(courses.level) == level.strip().lower())
    if max_minutes is not None:
        filters.append(and_(courses.duration.is_not(None), courses.duration <= max_minutes))
    if state is not None:
        wanted = (
            UserProgress.status == "completed"
            if state == "completed"
            else UserProgress.status != "completed"
        )
        filters.append(
            exists().where(
                UserProgress.user_id == user_id,
                UserProgress.entity_type == "course",
                UserProgress.entity_id == courses.id,
                wanted,
            )
        )
    return filters


def _progress(
    session: Session, user_id: uuid.UUID, course_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, int]]:
    rows = session.execute(
        select(UserProgress.entity_id, UserProgress.status, UserProgress.progress_percentage).where(
            UserProgress.user_id == user_id,
            UserProgress.entity_type == "course",
            UserProgress.entity_id.in_(course_ids),
        )
    ).all()
    return {row[0]: (row[1], int(row[2] or 0)) for row in rows}


# -- PostgreSQL -----------------------------------------------------------------------


def _pg_tsquery(terms: SearchTerms) -> ColumnElement[Any]:
    """A tsquery built from bound values only (no user text is ever parsed as syntax).

    The word being typed and its shorter variants become one lean prefix query in the
    server (``elearn_prefix_tsquery``, revision 0012): each variant stemmed by 'english'
    and kept as typed by 'simple' (which keeps short prefixes such as "a", the start of
    "advanced"), with every prefix dropped that a shorter one already covers. Each prefix
    is a separate scan of the GIN index; the six of "pytho" and "pyth" cost most of a
    keystroke for a common word.
    """
    english: ColumnElement[Any] = literal_column("'english'::regconfig")
    parts: list[ColumnElement[Any]] = []
    if terms.words:
        parts.append(func.plainto_tsquery(english, cast(literal(" ".join(terms.words)), Text)))
    variants = terms.prefix_variants()
    if variants:
        parts.append(func.elearn_prefix_tsquery(literal(list(variants), postgresql.ARRAY(Text))))
    query = parts[0]
    for part in parts[1:]:
        query = query.op("&&")(part)
    return query


def _pg_custom_plans(session: Session) -> None:
    """Plan this transaction's search statements for their own values, every time.

    psycopg prepares a statement run five times on a connection; PostgreSQL may then
    switch to one generic plan, which cannot see the query's words: it neither folds the
    prefix query into a constant (it would run once per ranked row) nor estimates how
    many rows a word matches (it scanned where the index was the way, and back).
    """
    session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _pg_ranked(terms: SearchTerms, narrowing: list[ColumnElement[bool]]) -> Select[Any]:
    """Matching courses and lessons of published courses, bounded, one row per course.

    Over revision 0014's views, not the tables: under a person's row-level security the
    GIN indexes cannot be used for ``@@`` (not leakproof), and every keystroke would read
    the whole catalogue. ``narrowing`` are the person's filters over ``_PG_COURSES.c``.
    """
    query = _pg_tsquery(terms)
    courses = (
        select(
            _PG_COURSES.c.id.label("course_id"),
            literal("course", String).label("kind"),
            func.ts_rank(_PG_COURSES.c.search_vector, query).label("r"),
        )
        .where(_PG_COURSES.c.search_vector.op("@@")(query), *narrowing)
        .limit(MAX_RANKED)
        .subquery("course_hits")
    )
    # The lessons are bounded before they meet their courses' filters: joined first, the
    # planner (which cannot estimate a prefix match) hashes every matching lesson.
    matched_lessons = (
        select(
            _PG_LESSONS.c.course_id.label("course_id"),
            func.ts_rank(_PG_LESSONS.c.search_vector, query).label("r"),
        )
        .where(_PG_LESSONS.c.search_vector.op("@@")(query))
        .limit(MAX_RANKED)
        .subquery("matched_lessons")
    )
    lesson_hits = select(
        matched_lessons.c.course_id,
        literal("lesson", String).label("kind"),
        matched_lessons.c.r,
    ).select_from(matched_lessons)
    if narrowing:
        lesson_hits = lesson_hits.join(
            _PG_COURSES, _PG_COURSES.c.id == matched_lessons.c.course_id
        ).where(*narrowing)
    lessons = lesson_hits.subquery("lesson_hits")
    return _combine(union_all(select(courses), select(lessons)).subquery("hits"))


def _pg_lesson_titles(
    session: Session, terms: SearchTerms, course_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    # The tables, not the view: the courses are known (and published), so the lessons are
    # found through their modules' course index, and the match is a filter on those few.
    query = _pg_tsquery(terms)
    lesson_vector: ColumnElement[Any] = literal_column("lessons.search_vector")
    rows = session.execute(
        select(Module.course_id, Lesson.title)
        .select_from(Lesson)
        .join(Module, Module.id == Lesson.module_id)
        .where(lesson_vector.op("@@")(query), Module.course_id.in_(course_ids))
        .order_by(
            func.ts_rank(lesson_vector, query).desc(),
            Module.order_index,
            Lesson.order_index,
        )
    ).all()
    return _first_titles((row[0], row[1]) for row in rows)


# -- SQLite ---------------------------------------------------------------------------


_FTS = table(
    "catalog_fts",
    column("kind", String),
    column("entity_id", Uuid),
    column("course_id", Uuid),
    column("title", String),
    column("body", String),
)


def _sqlite_hits(terms: SearchTerms, filters: list[ColumnElement[bool]]) -> Select[Any]:
    """The ranked candidates: matching rows whose course passes the filters, bounded."""
    return (
        select(
            _FTS.c.course_id.label("course_id"),
            _FTS.c.kind.label("kind"),
            _FTS.c.title.label("title"),
            literal_column(_FTS_RANK, Float).label("r"),
        )
        .where(
            text("catalog_fts MATCH :match").bindparams(
                bindparam("match", fts5_query(terms), type_=String)
            ),
            exists().where(Course.id == _FTS.c.course_id, *filters),
        )
        .limit(2 * MAX_RANKED)
    )


def _sqlite_ranked(terms: SearchTerms, filters: list[ColumnElement[bool]]) -> Select[Any]:
    # bm25() works only in the query that does the MATCH: keep SQLite from flattening
    # this into the grouping query around it. (bm25 counts each word's rows over the
    # whole index once per statement, so one MATCH query serves both kinds.)
    hits = _sqlite_hits(terms, filters).cte("hits").prefix_with("MATERIALIZED")
    return _combine(hits)


def _sqlite_lesson_titles(
    session: Session, terms: SearchTerms, course_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    # The same bounded candidates as the ranking (no course filter is needed: the ids
    # passed them already).
    hits = _sqlite_hits(terms, []).cte("hits").prefix_with("MATERIALIZED")
    stmt = (
        select(hits.c.course_id, hits.c.title)
        .where(hits.c.kind == "lesson", hits.c.course_id.in_(list(course_ids)))
        .order_by(hits.c.r.desc())
    )
    rows = session.execute(stmt).all()
    return _first_titles((row[0], row[1]) for row in rows)


def _offline_matches(
    session: Session, terms: SearchTerms
) -> dict[uuid.UUID, tuple[float, list[str]]]:
    """Courses of the offline cache whose title, description or lessons hold every word
    (and the prefix being typed): rank, and the matching lesson titles."""
    lesson_titles: dict[uuid.UUID, list[str]] = defaultdict(list)
    for course_id, title in session.execute(
        select(Module.course_id, Lesson.title)
        .join(Lesson, Lesson.module_id == Module.id)
        .order_by(Module.order_index, Lesson.order_index)
    ):
        if course_id is not None:
            lesson_titles[course_id].append(title or "")
    wanted: list[tuple[str, ...]] = [(word,) for word in terms.words]
    if terms.prefix is not None:
        wanted.append(terms.prefix_variants())
    found: dict[uuid.UUID, tuple[float, list[str]]] = {}
    for course_id, title, description in session.execute(
        select(Course.id, Course.title, Course.description)
    ):
        head, body = (title or "").casefold(), (description or "").casefold()
        lessons = [t for t in lesson_titles.get(course_id, []) if t]
        rank, matched = 0.0, []
        for variants in wanted:
            in_lessons = [t for t in lessons if any(v in t.casefold() for v in variants)]
            if any(v in head for v in variants):
                rank += 1.0
            elif any(v in body for v in variants):
                rank += 0.5
            elif in_lessons:
                rank += LESSON_WEIGHT * 0.5
            else:
                break
            matched += [t for t in in_lessons if t not in matched]
        else:
            found[course_id] = (rank, matched)
    return found


# -- shared ---------------------------------------------------------------------------


def _combine(hits: Any) -> Select[Any]:
    """One row per course: its own best match plus a share of its best lesson match."""
    own = func.max(case((hits.c.kind == "course", hits.c.r), else_=None))
    lesson = func.max(case((hits.c.kind == "lesson", hits.c.r), else_=None))
    rank = func.coalesce(own, 0.0) + LESSON_WEIGHT * func.coalesce(lesson, 0.0)
    return select(hits.c.course_id, rank.label("rank")).group_by(hits.c.course_id)


def _first_titles(rows: Any) -> dict[uuid.UUID, list[str]]:
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for course_id, title in rows:
        titles = found[course_id]
        if len(titles) < MAX_MATCHED_LESSONS and title not in titles:
            titles.append(title)
    return dict(found)


__all__ = ["SearchHit", "SearchTerms", "fts5_query", "parse_terms", "search_catalog"]
