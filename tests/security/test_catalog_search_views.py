"""Revision 0014: the catalog search views show what a person may read, and use the indexes.

The views read their tables with the schema owner's rights (so a person's login can use
the GIN indexes, which row-level security forbids for the full-text ``@@``). Their own
conditions must therefore keep every policy's promise: published courses only, and
nothing for a login of another database (tests/security/test_databases.py checks that).
"""

from __future__ import annotations

from typing import Any

import psycopg

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.uow import uow_factory_for
from elearn_desktop.services import search
from tests.security.conftest import World, scalar

VIEWS = ("catalog_search_courses", "catalog_search_lessons")


def _ids(conn: psycopg.Connection[Any], query: str) -> set[Any]:
    return {row[0] for row in conn.execute(query)}


def test_every_person_sees_published_courses_only(world: World) -> None:
    ids = world.ids
    for who in ("learner_a", "instructor_b", "support", "admin"):
        with world.connect(who) as conn:
            courses = _ids(conn, "SELECT id FROM catalog_search_courses")
            lessons = _ids(conn, "SELECT course_id FROM catalog_search_lessons")
        assert courses == {ids["course_a"], ids["course_b"]}, who
        # instructor_b's own draft is readable by its author through RLS, never here.
        assert ids["course_b_draft"] not in courses, who
        assert lessons == {ids["course_a"], ids["course_b"]}, who


def test_lessons_of_a_course_turned_draft_leave_the_view(fresh_world: World) -> None:
    ids = fresh_world.ids
    with fresh_world.su() as su:
        su.execute("UPDATE courses SET status = 'draft' WHERE id = %s", (ids["course_a"],))
    with fresh_world.connect("learner_b") as conn:
        lessons = _ids(conn, "SELECT id FROM catalog_search_lessons")
        courses = _ids(conn, "SELECT id FROM catalog_search_courses")
    assert lessons == {ids["lesson_b"]}
    assert courses == {ids["course_b"]}


def test_the_views_are_for_the_apps_groups_only(world: World) -> None:
    with world.su() as conn:
        for view in VIEWS:
            grantees = {
                row[0]
                for row in conn.execute(
                    "SELECT grantee FROM information_schema.role_table_grants "
                    "WHERE table_schema = 'public' AND table_name = %s",
                    (view,),
                )
            }
            owner = scalar(conn, "SELECT viewowner FROM pg_views WHERE viewname = %s", (view,))
            assert grantees - {owner} == {
                "elearn_learner",
                "elearn_instructor",
                "elearn_support",
                "elearn_admin",
            }, view
            privileges = {
                row[0]
                for row in conn.execute(
                    "SELECT privilege_type FROM information_schema.role_table_grants "
                    "WHERE table_name = %s AND grantee = 'elearn_learner'",
                    (view,),
                )
            }
            assert privileges == {"SELECT"}, view


def test_a_learners_search_uses_the_full_text_indexes(world: World) -> None:
    """As a person's login the match is an index scan, not a read of every row."""
    query = "to_tsquery('english', 'course:*')"
    with world.connect("learner_a") as conn:
        conn.execute("SET enable_seqscan = off")  # tiny tables: ask what is possible
        for view in VIEWS:
            plan = "\n".join(
                r[0]
                for r in conn.execute(
                    f"EXPLAIN SELECT id FROM {view} WHERE search_vector @@ {query}"
                )
            )
            assert "Bitmap Index Scan on ix_" in plan, (view, plan)
            assert "search_vector @@" in plan.split("Index Cond:", 1)[1], (view, plan)
        # The same match straight on the table, under the person's RLS, cannot use it.
        plan = "\n".join(
            r[0]
            for r in conn.execute(f"EXPLAIN SELECT id FROM courses WHERE search_vector @@ {query}")
        )
        assert "Index Cond: (search_vector @@" not in plan


def _search_as(world: World, who: str, typed: str) -> dict[Any, tuple[str, ...]]:
    person = world.people[who]
    url = world.cluster.url(world.dbname, user=person.db_role, password=person.password)
    engine = create_server_engine(url)
    try:
        hits = search.search_catalog(uow_factory_for(engine), text=typed)
    finally:
        engine.dispose()
    return {hit.course.id: hit.matched_lessons for hit in hits}


def _watercolour(world: World) -> None:
    with world.su() as su:
        su.execute("UPDATE lessons SET title = 'Watercolour washes'")
        su.execute(
            "UPDATE courses SET title = 'Watercolour for all' WHERE id = %s",
            (world.ids["course_b_draft"],),
        )


def test_a_learner_finds_published_courses_through_the_app(fresh_world: World) -> None:
    _watercolour(fresh_world)
    ids = fresh_world.ids
    expected = {
        ids["course_a"]: ("Watercolour washes",),
        ids["course_b"]: ("Watercolour washes",),
    }
    assert _search_as(fresh_world, "learner_a", "watercol") == expected
    # The draft's author finds it neither: the catalog lists published courses.
    assert _search_as(fresh_world, "instructor_b", "watercolour") == expected


def test_the_schema_owner_searches_too(owner_world: World) -> None:
    """Admin commands run as the schema owner (a CREATEROLE role here, not a superuser),
    who is no person: the views answer it as the policies do."""
    _watercolour(owner_world)
    hits = search.search_catalog(owner_world.uow_factory, text="watercolour")
    assert {hit.course.id for hit in hits} == {
        owner_world.ids["course_a"],
        owner_world.ids["course_b"],
    }


def test_downgrade_drops_the_views_and_upgrade_restores_them(fresh_world: World) -> None:
    def present() -> set[str]:
        with fresh_world.su() as conn:
            return {
                row[0]
                for row in conn.execute(
                    "SELECT viewname FROM pg_views WHERE schemaname = 'public' "
                    "AND viewname LIKE 'catalog_search_%'"
                )
            }

    assert present() == set(VIEWS)
    migrations.downgrade(fresh_world.engine, "0013")
    assert present() == set()
    migrations.upgrade(fresh_world.engine)
    assert present() == set(VIEWS)
