"""Audit rows name the real login (``session_user``) and never carry a password hash."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest

from elearn_desktop.services import accounts
from tests.security.conftest import Person, World, denied, scalar

pytestmark = pytest.mark.postgres


def _audit(world: World, table: str, row_id: str) -> list[dict[str, Any]]:
    with world.su() as conn:
        cur = conn.execute(
            "SELECT actor, actor_user_id, subject_user_id, action, old_data, new_data "
            "FROM audit_log WHERE table_name = %s AND row_id = %s ORDER BY id",
            (table, row_id),
        )
        names = [c.name for c in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _by(rows: list[dict[str, Any]], person: Person) -> list[dict[str, Any]]:
    return [r for r in rows if r["actor"] == person.db_role and r["actor_user_id"] == person.id]


def test_changes_by_each_role_are_audited_with_the_real_login(fresh_world: World) -> None:
    p = fresh_world.people
    a, b = p["learner_a"], p["learner_b"]

    # Learner: own profile, with a forged setting and a SET ROLE to its group first.
    with fresh_world.connect("learner_a") as conn:
        conn.execute(f"SET app.user_id = '{b.id}'")
        conn.execute("SET ROLE elearn_learner")
        conn.execute("UPDATE user_profiles SET bio = 'audited' WHERE user_id = %s", (a.id,))
    rows = _by(_audit(fresh_world, "user_profiles", str(a.id)), a)
    assert [r["action"] for r in rows] == ["UPDATE"]
    assert rows[0]["subject_user_id"] == a.id
    assert rows[0]["new_data"]["bio"] == "audited"

    # Instructor: course insert and update.
    course = uuid.uuid4()
    ia = p["instructor_a"]
    with fresh_world.connect("instructor_a") as conn:
        conn.execute(
            "INSERT INTO courses (id, title, slug, author_id) VALUES (%s, 'New', %s, %s)",
            (course, f"new-{course.hex[:8]}", ia.id),
        )
        conn.execute("UPDATE courses SET title = 'Newer' WHERE id = %s", (course,))
    rows = _by(_audit(fresh_world, "courses", str(course)), ia)
    assert [r["action"] for r in rows] == ["INSERT", "UPDATE"]
    assert rows[1]["old_data"]["title"] == "New"
    assert rows[1]["new_data"]["title"] == "Newer"

    # Support: deactivating an account.
    support = p["support"]
    with fresh_world.connect("support") as conn:
        conn.execute("UPDATE users SET is_active = false WHERE id = %s", (b.id,))
        conn.execute(
            "UPDATE subscriptions SET status = 'cancelled' WHERE id = %s",
            (fresh_world.ids["subscription_b"],),
        )
    rows = _by(_audit(fresh_world, "users", str(b.id)), support)
    assert len(rows) == 1
    assert rows[0]["old_data"]["is_active"] is True
    assert rows[0]["new_data"]["is_active"] is False
    assert rows[0]["subject_user_id"] == b.id
    rows = _by(
        _audit(fresh_world, "subscriptions", str(fresh_world.ids["subscription_b"])), support
    )
    assert [r["new_data"]["status"] for r in rows] == ["cancelled"]

    # Admin: granting a role.
    admin = p["admin"]
    with fresh_world.connect("admin") as conn:
        conn.execute("INSERT INTO user_roles (user_id, role) VALUES (%s, 'instructor')", (a.id,))
    rows = _by(_audit(fresh_world, "user_roles", f"{a.id}:instructor"), admin)
    assert [r["action"] for r in rows] == ["INSERT"]
    assert rows[0]["subject_user_id"] == a.id

    # The person concerned sees what was done to them, and by whom; others do not.
    with fresh_world.connect("learner_a") as conn:
        actors = {r for (r,) in conn.execute("SELECT actor FROM audit_log")}
        assert admin.db_role in actors
        assert support.db_role not in actors
    with fresh_world.connect("instructor_b") as conn:
        by_admin = "SELECT count(*) FROM audit_log WHERE actor = %s"
        assert scalar(conn, by_admin, (admin.db_role,)) == 0
        about_b = "SELECT count(*) FROM audit_log WHERE subject_user_id = %s"
        assert scalar(conn, about_b, (b.id,)) == 0


def test_nobody_can_rewrite_history(fresh_world: World) -> None:
    for who in fresh_world.people:
        with fresh_world.connect(who) as conn:
            denied(conn, "UPDATE audit_log SET actor = 'someone else'")
            denied(conn, "DELETE FROM audit_log")
            denied(
                conn,
                "INSERT INTO audit_log (actor, table_name, row_id, action) "
                "VALUES ('postgres', 'users', 'x', 'DELETE')",
            )
            denied(conn, "SELECT public.elearn_audit()")


def test_audit_never_holds_a_password_hash(fresh_world: World) -> None:
    a, b = fresh_world.people["learner_a"], fresh_world.people["learner_b"]
    accounts.set_password(fresh_world.uow_factory, a.email, "Changed-pass-314")
    accounts.set_active(fresh_world.uow_factory, b.email, active=False)
    accounts.set_active(fresh_world.uow_factory, b.email, active=True)
    fresh_world.add_person("late_comer", ("instructor",))
    with fresh_world.su() as conn:
        hashes = [h for (h,) in conn.execute("SELECT password_hash FROM users")]
        rows = conn.execute(
            "SELECT table_name, action, old_data, new_data, "
            "coalesce(old_data::text, '') || coalesce(new_data::text, '') "
            "FROM audit_log WHERE table_name = 'users'"
        ).fetchall()
        set_password_rows = conn.execute(
            "SELECT count(*) FROM audit_log WHERE table_name = 'users' AND row_id = %s",
            (str(a.id),),
        ).fetchone()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert len(rows) >= len(fresh_world.people) + 2  # inserts, deactivation, reactivation
    for _table, _action, old, new, text in rows:
        for data in (old, new):
            assert data is None or "password_hash" not in data
        assert "argon2" not in text
        assert not any(h in text for h in hashes)
    # Changing only the hash (and its timestamp) leaves at most an updated_at trace.
    assert set_password_rows is not None
    assert set_password_rows[0] in (1, 2)


def test_support_does_not_learn_the_answers_from_the_audit_trail(world: World) -> None:
    """Support lacks SELECT on answer_options.is_correct; the audit trail must not leak it.

    Regression: support (who are learners too) could read every correct answer from the
    answer_options audit rows' new_data.
    """
    with world.connect("support") as conn:
        denied(conn, "SELECT is_correct FROM answer_options")
        leaked = conn.execute(
            "SELECT count(*) FROM audit_log WHERE new_data ? 'is_correct' "
            "OR old_data ? 'is_correct'"
        ).fetchone()
        assert leaked == (0,)
        # Support still reads the account side of the trail.
        assert scalar(conn, "SELECT count(*) FROM audit_log WHERE table_name = 'users'") >= len(
            world.people
        )
    with world.connect("learner_a") as conn:
        assert (
            scalar(conn, "SELECT count(*) FROM audit_log WHERE table_name = 'answer_options'") == 0
        )
    with world.connect("admin") as conn:
        assert (
            scalar(conn, "SELECT count(*) FROM audit_log WHERE table_name = 'answer_options'") == 3
        )


def test_instructor_sees_only_the_audit_of_own_actions(fresh_world: World) -> None:
    ia = fresh_world.people["instructor_a"]
    with fresh_world.connect("instructor_a") as conn:
        conn.execute(
            "UPDATE answer_options SET text = 'renamed' WHERE id = %s",
            (fresh_world.ids["option_a"],),
        )
        rows = conn.execute("SELECT DISTINCT actor_user_id, subject_user_id FROM audit_log")
        assert all(ia.id in row for row in rows)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM audit_log WHERE actor_user_id = %s", (ia.id,))
