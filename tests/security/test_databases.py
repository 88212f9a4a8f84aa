"""Roles are cluster-wide: two databases on one cluster must not leak into each other."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from elearn_desktop.data import pg_security
from elearn_desktop.services import accounts
from tests.security.conftest import World, changes_nothing, scalar

pytestmark = pytest.mark.postgres

READABLE = {
    "users": "id",
    "user_profiles": "user_id",
    "user_roles": "user_id",
    "user_logins": "user_id",
    "user_progress": "id",
    "subscriptions": "id",
    "subscription_plans": "id",
    "audit_log": "id",
    "courses": "id",
    "modules": "id",
    "lessons": "id",
    "video_assets": "id",
    "assessments": "id",
    "questions": "id",
    "answer_options": "id",
    "learning_paths": "id",
    "path_steps": "id",
    # Revision 0014's search views (no RLS of their own: their WHERE stands in for it).
    "catalog_search_courses": "id",
    "catalog_search_lessons": "id",
}


def test_same_email_in_two_databases_gets_two_logins(new_world: Callable[[], World]) -> None:
    staging, production = new_world(), new_world()
    email = "Same.Person@Example.test"
    names = {pg_security.login_role_name(db.dbname, email) for db in (staging, production)}
    assert len(names) == 2
    assert pg_security.login_role_name(staging.dbname, email) == pg_security.login_role_name(
        staging.dbname, "  same.person@example.TEST "
    )
    made = {}
    for db, password in ((staging, "Staging-pass-1"), (production, "Production-pass-2")):
        summary = accounts.create_user(db.uow_factory, email=email, password=password)
        assert summary.db_role == pg_security.login_role_name(db.dbname, email)
        made[db.dbname] = (summary.id, summary.db_role, password)
    assert set(names) == {role for _, role, _ in made.values()}
    for db in (staging, production):
        uid, role, password = made[db.dbname]
        with db.connect_role(role, password) as conn:
            assert scalar(conn, "SELECT public.elearn_current_user_id()") == uid
    # Each password opens only its own database's login.
    _, staging_role, _ = made[staging.dbname]
    with pytest.raises(Exception, match="password authentication failed"):
        staging.connect_role(staging_role, "Production-pass-2")


def test_a_login_of_another_database_sees_and_changes_nothing(
    world: World, new_world: Callable[[], World]
) -> None:
    """A staging admin (or instructor, support) connecting to production holds the
    cluster-wide group roles, but is nobody there.

    Regression: ``subscription_plans`` had grants to the groups and no RLS, so an admin of
    any database on the cluster could change every other database's plans and prices.
    """
    staging = new_world()
    outsiders = [
        staging.add_person(key, roles)
        for key, roles in (
            ("admin", ("admin",)),
            ("instructor", ("instructor",)),
            ("support", ("support",)),
            ("learner", ()),
        )
    ]
    ids = world.ids
    for person in outsiders:
        with world.connect_role(person.db_role, person.password) as conn:
            assert scalar(conn, "SELECT public.elearn_current_user_id()") is None
            for table, column in READABLE.items():
                seen = scalar(conn, f"SELECT count({column}) FROM {table}")
                assert seen == 0, (person.key, table)
            for statement, params in (
                ("UPDATE subscription_plans SET price = 0", ()),
                (
                    "INSERT INTO subscription_plans (id, name, price, billing_cycle, features) "
                    "VALUES (%s, 'Free', 0, 'monthly', '[]')",
                    (uuid.uuid4(),),
                ),
                ("UPDATE courses SET title = 'x'", ()),
                ("UPDATE answer_options SET text = 'x'", ()),
                (
                    "INSERT INTO courses (id, title, slug, author_id) VALUES (%s, 'x', %s, NULL)",
                    (uuid.uuid4(), f"x-{uuid.uuid4().hex[:8]}"),
                ),
                (
                    "INSERT INTO modules (id, course_id, title, order_index) "
                    "VALUES (%s, %s, 'x', 5)",
                    (uuid.uuid4(), ids["course_b"]),
                ),
                ("UPDATE users SET is_active = false", ()),
                ("UPDATE subscriptions SET status = 'cancelled'", ()),
                (
                    "INSERT INTO user_roles (user_id, role) VALUES (%s, 'admin')",
                    (world.people["learner_a"].id,),
                ),
                ("DELETE FROM user_roles", ()),
                (
                    "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status) "
                    "VALUES (%s, %s, 'lesson', %s, 'completed')",
                    (uuid.uuid4(), world.people["learner_a"].id, ids["lesson_a"]),
                ),
            ):
                changes_nothing(conn, statement, params)
    with world.su() as su:
        assert scalar(su, "SELECT price FROM subscription_plans WHERE id = %s", (ids["plan"],)) > 0
