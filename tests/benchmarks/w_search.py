"""Workload 4: catalog search as you type over the generated catalogue, on both backends.

Ours: ``services.search.search_catalog`` (ranked, first page of 50) for every keystroke of
a few phrases. Baseline: the unranked raw full-text query of the same words — every
matching course id, found through the same index, nothing ranked, joined or summarised.
Target: p95 per keystroke ≤ 50 ms and ≤ 3× the baseline's p95.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, bindparam, literal_column, select, text

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.models import Course
from elearn_desktop.data.uow import uow_factory_for
from elearn_desktop.services import search
from tests.benchmarks import data
from tests.benchmarks.suite import Context, Outcome, Target, p95, timed_ms


def keystrokes(phrases: tuple[str, ...]) -> list[str]:
    """What the search box holds after each key press (a space starts the next word)."""
    texts = []
    for phrase in phrases:
        texts.extend(phrase[:n] for n in range(1, len(phrase) + 1) if phrase[n - 1] != " ")
    return texts


def _baseline(engine: Engine, typed: str) -> Any:
    terms = search.parse_terms(typed)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            vector = literal_column(search._PG_COURSE_VECTOR)
            stmt = select(Course.id).where(vector.op("@@")(search._pg_tsquery(terms)))
            return conn.execute(stmt).all()
        stmt_text = text("SELECT course_id FROM catalog_fts WHERE catalog_fts MATCH :m").bindparams(
            bindparam("m", search.fts5_query(terms))
        )
        return conn.execute(stmt_text).all()


def _measure(ctx: Context, backend: str, url: str) -> Outcome:
    engine = create_server_engine(url)
    try:
        migrations.upgrade(engine)
        data.catalog(engine, ctx.scale.catalog_courses)
        with engine.begin() as conn:  # fresh statistics, as a live database has
            conn.exec_driver_sql("ANALYZE")
        uow = uow_factory_for(engine)
        texts = keystrokes(data.PHRASES[: ctx.scale.keystroke_phrases])
        for typed in texts[:3]:  # warm the caches and the connection pool
            search.search_catalog(uow, text=typed)
            _baseline(engine, typed)
        ours: list[float] = []
        base: list[float] = []
        for typed in texts:
            for _ in range(2):
                base.append(timed_ms(lambda t=typed: _baseline(engine, t)))
                ours.append(timed_ms(lambda t=typed: search.search_catalog(uow, text=t)))
        hits = search.search_catalog(uow, text=data.PHRASES[0])
        if not hits:
            raise RuntimeError(f"catalog search found nothing for {data.PHRASES[0]!r}")
    finally:
        engine.dispose()
    return Outcome(
        4,
        f"catalog search p95 per keystroke, {backend}",
        "ms",
        p95(ours),
        p95(base),
        [Target("abs_max", 50), Target("ratio_max", 3)],
        ours,
        base,
        note=f"{ctx.scale.catalog_courses:,} courses, {len(texts)} keystrokes × 2",
    )


def workload_4(ctx: Context) -> list[Outcome]:
    pg_url = ctx.cluster.create_database("bench_search")
    sqlite_url = f"sqlite:///{ctx.folder('search') / 'catalog.sqlite3'}"
    return [_measure(ctx, "PostgreSQL", pg_url), _measure(ctx, "SQLite", sqlite_url)]
