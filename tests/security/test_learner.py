"""A learner's own connection, raw SQL: only their own rows, no answers, no content writes."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.security.conftest import World, denied, rolled_back, rowcount, scalar

pytestmark = pytest.mark.postgres


def test_the_connection_is_the_person_own_login(world: World) -> None:
    a = world.people["learner_a"]
    with world.connect("learner_a") as conn:
        assert scalar(conn, "SELECT session_user") == a.db_role
        assert scalar(conn, "SELECT public.elearn_current_user_id()") == a.id


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("user_progress", "user_id"),
        ("subscriptions", "user_id"),
        ("user_profiles", "user_id"),
        ("user_roles", "user_id"),
        ("user_logins", "user_id"),
        ("users", "id"),
        ("audit_log", "subject_user_id"),
    ],
)
def test_another_learner_rows_are_invisible(world: World, table: str, column: str) -> None:
    a, b = world.people["learner_a"], world.people["learner_b"]
    with world.connect("learner_a") as conn:
        theirs = scalar(conn, f"SELECT count(*) FROM {table} WHERE {column} = %s", (b.id,))
        mine = scalar(conn, f"SELECT count(*) FROM {table} WHERE {column} = %s", (a.id,))
        everyone = scalar(conn, f"SELECT count(*) FROM {table} WHERE {column} <> %s", (a.id,))
    assert theirs == 0
    assert everyone == 0
    assert mine >= 1  # the filter is per person, not a blanket denial


def test_audit_rows_about_others_are_invisible(world: World) -> None:
    with world.connect("learner_a") as conn:
        visible = conn.execute(
            "SELECT DISTINCT subject_user_id, actor_user_id FROM audit_log"
        ).fetchall()
    a = world.people["learner_a"].id
    assert visible
    assert all(a in row for row in visible)


def test_learner_writes_own_progress(world: World) -> None:
    a = world.people["learner_a"]
    with world.connect("learner_a") as conn, rolled_back(conn):
        new_id = uuid.uuid4()
        conn.execute(
            "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status) "
            "VALUES (%s, %s, 'lesson', %s, 'in_progress')",
            (new_id, a.id, world.ids["lesson_b"]),
        )
        updated = conn.execute(
            "UPDATE user_progress SET progress_percentage = 90 WHERE id = %s",
            (world.ids["progress_a"],),
        ).rowcount
        assert updated == 1
        assert scalar(conn, "SELECT count(*) FROM user_progress WHERE user_id = %s", (a.id,)) == 2


def test_learner_writes_own_profile(world: World) -> None:
    a = world.people["learner_a"]
    with world.connect("learner_a") as conn:
        assert (
            rowcount(conn, "UPDATE user_profiles SET bio = 'hi' WHERE user_id = %s", (a.id,)) == 1
        )


def test_learner_cannot_write_progress_or_profile_of_another(world: World) -> None:
    b = world.people["learner_b"]
    with world.connect("learner_a") as conn:
        err = denied(
            conn,
            "INSERT INTO user_progress (id, user_id, entity_type, entity_id, status) "
            "VALUES (%s, %s, 'lesson', %s, 'completed')",
            (uuid.uuid4(), b.id, world.ids["lesson_a"]),
        )
        assert "row-level security" in str(err)
        # B's rows are invisible, so an update or delete aimed at them finds nothing.
        assert (
            rowcount(conn, "UPDATE user_progress SET status = 'x' WHERE user_id = %s", (b.id,)) == 0
        )
        assert rowcount(conn, "UPDATE user_profiles SET bio = 'x' WHERE user_id = %s", (b.id,)) == 0
        # Own row handed over to B: WITH CHECK refuses.
        denied(
            conn,
            "UPDATE user_progress SET user_id = %s WHERE id = %s",
            (b.id, world.ids["progress_a"]),
        )
        denied(
            conn,
            "UPDATE user_profiles SET user_id = %s WHERE user_id = %s",
            (b.id, world.people["learner_a"].id),
        )
        # Another person's profile cannot be created either (nor anybody's progress deleted).
        c = world.people["instructor_a"]
        denied(conn, "INSERT INTO user_profiles (user_id, bio) VALUES (%s, 'x')", (c.id,))
        denied(conn, "DELETE FROM user_progress WHERE id = %s", (world.ids["progress_a"],))


@pytest.mark.parametrize(
    "query",
    [
        "SELECT password_hash FROM users",
        "SELECT * FROM users",
        "SELECT id FROM users WHERE password_hash LIKE '$argon2%%'",
        "SELECT is_correct FROM answer_options",
        "SELECT * FROM answer_options",
        "SELECT id FROM answer_options WHERE is_correct",
        "SELECT count(*) FROM answer_options GROUP BY is_correct",
        "SELECT answer_options FROM answer_options",  # whole-row reference
    ],
)
def test_secret_columns_are_permission_denied(world: World, query: str) -> None:
    with world.connect("learner_a") as conn:
        err = denied(conn, query)
    assert "permission denied" in str(err)


def test_allowed_columns_are_readable(world: World) -> None:
    with world.connect("learner_a") as conn:
        options = conn.execute(
            "SELECT id, question_id, text, order_index, created_at, updated_at "
            "FROM answer_options WHERE question_id = %s",
            (world.ids["question_b"],),
        ).fetchall()
        me = conn.execute(
            "SELECT id, email, first_name, last_name, is_active, is_verified FROM users"
        ).fetchall()
    assert len(options) == 2
    assert [row[0] for row in me] == [world.people["learner_a"].id]


@pytest.mark.parametrize(
    "query",
    [
        "INSERT INTO courses (id, title, slug, author_id) VALUES ({new}, 'x', 'x-{hex}', {me})",
        "UPDATE courses SET title = 'pwned'",
        "DELETE FROM courses",
        "INSERT INTO modules (id, course_id, title, order_index) VALUES ({new}, {course}, 'x', 9)",
        "UPDATE modules SET title = 'pwned'",
        "DELETE FROM lessons",
        "UPDATE lessons SET title = 'pwned'",
        "INSERT INTO assessments (id, title, author_id) VALUES ({new}, 'x', {me})",
        "UPDATE assessments SET passing_score = 0",
        "UPDATE questions SET text = 'x'",
        "UPDATE answer_options SET text = 'x'",
        "INSERT INTO answer_options (id, question_id, text, order_index) "
        "VALUES ({new}, {question}, 'x', 9)",
        "UPDATE video_assets SET title = 'x'",
        "UPDATE learning_paths SET title = 'x'",
        "DELETE FROM path_steps",
        "UPDATE subscription_plans SET price = 0",
        "INSERT INTO subscriptions (id, user_id, plan_id, status, start_date) "
        "VALUES ({new}, {me}, {plan}, 'active', now())",
        "UPDATE subscriptions SET status = 'active', end_date = NULL",
        "TRUNCATE courses",
    ],
)
def test_learner_cannot_write_content(world: World, query: str) -> None:
    me = world.people["learner_a"].id
    statement = query.format(
        new=f"'{uuid.uuid4()}'",
        hex=uuid.uuid4().hex[:8],
        me=f"'{me}'",
        course=f"'{world.ids['course_b']}'",
        question=f"'{world.ids['question_b']}'",
        plan=f"'{world.ids['plan']}'",
    )
    with world.connect("learner_a") as conn:
        denied(conn, statement)


def test_set_role_to_another_person_or_a_group_is_refused(world: World) -> None:
    b = world.people["learner_b"]
    with world.connect("learner_a") as conn:
        for target in (b.db_role, "elearn_admin", "elearn_support", "elearn_instructor"):
            err = denied(conn, f'SET ROLE "{target}"')
            assert "permission denied" in str(err)
        denied(conn, f'SET SESSION AUTHORIZATION "{b.db_role}"')
        # Its own group is allowed and changes nothing: the identity is the login.
        conn.execute("SET ROLE elearn_learner")
        assert (
            scalar(conn, "SELECT public.elearn_current_user_id()") == world.people["learner_a"].id
        )
        assert scalar(conn, "SELECT count(*) FROM user_progress WHERE user_id = %s", (b.id,)) == 0


def test_a_forged_session_variable_changes_nothing(world: World) -> None:
    a, b = world.people["learner_a"], world.people["learner_b"]
    with world.connect("learner_a") as conn:
        conn.execute(f"SET app.user_id = '{b.id}'")
        conn.execute("SELECT set_config('app.current_user_id', %s, false)", (str(b.id),))
        conn.execute("SELECT set_config('app.role', 'admin', false)")
        conn.execute(f"SET elearn.user_id = '{b.id}'")
        assert scalar(conn, "SELECT public.elearn_current_user_id()") == a.id
        for table in ("user_progress", "subscriptions", "user_profiles", "user_roles"):
            assert scalar(conn, f"SELECT count(*) FROM {table} WHERE user_id = %s", (b.id,)) == 0, (
                table
            )
        assert (
            rowcount(conn, "UPDATE user_progress SET status = 'x' WHERE user_id = %s", (b.id,)) == 0
        )
        assert scalar(conn, "SELECT public.elearn_has_role('admin')") is False


def test_learner_cannot_change_own_account_roles_or_audit(world: World) -> None:
    a = world.people["learner_a"]
    with world.connect("learner_a") as conn:
        denied(conn, "UPDATE users SET is_active = true WHERE id = %s", (a.id,))
        denied(conn, "UPDATE users SET is_verified = true WHERE id = %s", (a.id,))
        denied(conn, "UPDATE users SET email = 'x@y.test' WHERE id = %s", (a.id,))
        denied(conn, "INSERT INTO user_roles (user_id, role) VALUES (%s, 'admin')", (a.id,))
        denied(conn, "DELETE FROM user_roles WHERE user_id = %s", (a.id,))
        denied(conn, "UPDATE user_roles SET role = 'admin' WHERE user_id = %s", (a.id,))
        denied(
            conn,
            "INSERT INTO user_logins (user_id, role_name) VALUES (%s, 'x')",
            (world.people["admin"].id,),
        )
        denied(conn, "UPDATE user_logins SET user_id = %s", (world.people["admin"].id,))
        denied(
            conn,
            "INSERT INTO audit_log (actor, table_name, row_id, action) "
            "VALUES ('nobody', 'users', 'x', 'DELETE')",
        )
        denied(conn, "UPDATE audit_log SET actor = 'nobody'")
        denied(conn, "DELETE FROM audit_log")
        denied(conn, "TRUNCATE audit_log")
        assert scalar(conn, "SELECT count(*) FROM user_roles WHERE user_id = %s", (a.id,)) == 1


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER ROLE {me} SUPERUSER",
        "ALTER ROLE {me} BYPASSRLS",
        "ALTER ROLE {me} CREATEROLE",
        "ALTER ROLE {me} CREATEDB",
        "ALTER ROLE {me} REPLICATION",
        "GRANT elearn_admin TO {me}",
        "GRANT elearn_instructor TO {me}",
        "GRANT elearn_support TO {me}",
        "ALTER ROLE elearn_learner BYPASSRLS",
        "ALTER TABLE user_progress NO FORCE ROW LEVEL SECURITY",
        "ALTER TABLE user_progress DISABLE ROW LEVEL SECURITY",
        "DROP POLICY own_rows_read ON user_progress",
        "CREATE POLICY mine ON user_progress USING (true)",
        "GRANT SELECT ON users TO {me}",
        "CREATE OR REPLACE FUNCTION public.elearn_current_user_id() RETURNS uuid "
        "LANGUAGE sql AS $$ SELECT NULL::uuid $$",
        "CREATE TABLE public.t (x int)",
        "CREATE ROLE elearn_evil SUPERUSER",
    ],
)
def test_learner_cannot_gain_privileges(world: World, statement: str) -> None:
    me = world.people["learner_a"].db_role
    with world.connect("learner_a") as conn:
        denied(conn, statement.format(me=f'"{me}"'))
        row = conn.execute(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles "
            "WHERE rolname = session_user"
        ).fetchone()
        assert row == (False, False, False, False)
        assert not scalar(conn, "SELECT pg_has_role(session_user, 'elearn_admin', 'MEMBER')")


def test_a_role_default_cannot_smuggle_in_another_role(world: World) -> None:
    """``ALTER ROLE me SET role = ...`` may be accepted, but the next session is still me."""
    me = world.people["learner_a"]
    with world.connect("learner_a") as conn:
        try:
            conn.execute(f"ALTER ROLE \"{me.db_role}\" SET role = 'elearn_admin'")
        except psycopg.Error:
            return  # refused outright: fine
    try:
        with world.connect("learner_a") as again:
            assert scalar(again, "SELECT current_user") != "elearn_admin"
            assert scalar(again, "SELECT public.elearn_has_role('admin')") is False
    finally:
        with world.su() as su:
            su.execute(f'ALTER ROLE "{me.db_role}" RESET ALL')


def test_learner_does_not_see_draft_courses_of_others(world: World) -> None:
    with world.connect("learner_a") as conn:
        titles = {t for (t,) in conn.execute("SELECT title FROM courses")}
    assert titles == {"course_a", "course_b"}
