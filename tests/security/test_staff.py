"""Instructors write only what they author; support changes only status fields; admins manage."""

from __future__ import annotations

import uuid

import pytest

from tests.security.conftest import (
    World,
    changes_nothing,
    denied,
    rolled_back,
    rowcount,
    scalar,
)

pytestmark = pytest.mark.postgres


# ----------------------------------------------------------------------------- instructors


def test_instructor_cannot_modify_another_instructor_course(world: World) -> None:
    ids = world.ids
    with world.connect("instructor_a") as conn:
        for table, key in (
            ("courses", "course_b"),
            ("courses", "course_b_draft"),
            ("modules", "module_b"),
            ("lessons", "lesson_b"),
            ("assessments", "assessment_b"),
            ("questions", "question_b"),
            ("answer_options", "option_b_right"),
            ("video_assets", "video_b"),
            ("learning_paths", "path_b"),
            ("path_steps", "step_b"),
        ):
            column = "text" if table in ("questions", "answer_options") else "title"
            if table == "path_steps":
                column = "entity_type"
            updated = rowcount(
                conn, f"UPDATE {table} SET {column} = 'pwned' WHERE id = %s", (ids[key],)
            )
            assert updated == 0, table
        assert (
            rowcount(conn, "DELETE FROM answer_options WHERE id = %s", (ids["option_b_wrong"],))
            == 0
        )
        assert rowcount(conn, "DELETE FROM lessons WHERE id = %s", (ids["lesson_b"],)) == 0
        assert rowcount(conn, "DELETE FROM courses WHERE id = %s", (ids["course_b"],)) == 0
        assert rowcount(conn, "UPDATE courses SET status = 'archived'") == 1  # only course_a


def test_instructor_cannot_add_children_to_another_instructor_content(world: World) -> None:
    ids, me = world.ids, world.people["instructor_a"]
    new = uuid.uuid4
    with world.connect("instructor_a") as conn:
        for statement, params in (
            (
                "INSERT INTO modules (id, course_id, title, order_index) VALUES (%s, %s, 'x', 2)",
                (new(), ids["course_b"]),
            ),
            (
                "INSERT INTO lessons (id, module_id, title, order_index) VALUES (%s, %s, 'x', 2)",
                (new(), ids["module_b"]),
            ),
            (
                "INSERT INTO questions (id, assessment_id, text, type, order_index) "
                "VALUES (%s, %s, 'x', 'single_choice', 2)",
                (new(), ids["assessment_b"]),
            ),
            (
                "INSERT INTO answer_options (id, question_id, text, is_correct, order_index) "
                "VALUES (%s, %s, 'x', true, 3)",
                (new(), ids["question_b"]),
            ),
            (
                "INSERT INTO path_steps (id, path_id, entity_type, entity_id, order_index) "
                "VALUES (%s, %s, 'course', %s, 2)",
                (new(), ids["path_b"], ids["course_a"]),
            ),
            # Authoring in someone else's name, or handing own content over.
            (
                "INSERT INTO courses (id, title, slug, author_id) VALUES (%s, 'x', %s, %s)",
                (new(), f"x-{new().hex}", world.people["instructor_b"].id),
            ),
            (
                "UPDATE courses SET author_id = %s WHERE id = %s",
                (world.people["instructor_b"].id, ids["course_a"]),
            ),
            # Moving own module into another's course.
            ("UPDATE modules SET course_id = %s WHERE id = %s", (ids["course_b"], ids["module_a"])),
            ("UPDATE lessons SET module_id = %s WHERE id = %s", (ids["module_b"], ids["lesson_a"])),
            (
                "UPDATE questions SET assessment_id = %s WHERE id = %s",
                (ids["assessment_b"], ids["question_a"]),
            ),
        ):
            err = denied(conn, statement, params)
            assert "row-level security" in str(err), statement
        # The refusals above were not for lack of an identity.
        assert scalar(conn, "SELECT public.elearn_current_user_id()") == me.id


def test_instructor_authors_own_course_with_everything_in_it(world: World) -> None:
    me = world.people["instructor_a"]
    course, module, lesson, assessment, question = (uuid.uuid4() for _ in range(5))
    right, wrong = uuid.uuid4(), uuid.uuid4()
    with world.connect("instructor_a") as conn, rolled_back(conn):
        conn.execute(
            "INSERT INTO courses (id, title, slug, author_id) VALUES (%s, 'Mine', %s, %s)",
            (course, f"mine-{course.hex[:8]}", me.id),
        )
        conn.execute(
            "INSERT INTO modules (id, course_id, title, order_index) VALUES (%s, %s, 'M', 1)",
            (module, course),
        )
        conn.execute(
            "INSERT INTO lessons (id, module_id, title, order_index) VALUES (%s, %s, 'L', 1)",
            (lesson, module),
        )
        conn.execute(
            "INSERT INTO assessments (id, title, author_id) VALUES (%s, 'Q', %s)",
            (assessment, me.id),
        )
        conn.execute(
            "INSERT INTO questions (id, assessment_id, text, type, order_index) "
            "VALUES (%s, %s, '2+2?', 'single_choice', 1)",
            (question, assessment),
        )
        conn.execute(
            "INSERT INTO answer_options (id, question_id, text, is_correct, order_index) "
            "VALUES (%s, %s, '4', true, 1), (%s, %s, '5', false, 2)",
            (right, question, wrong, question),
        )
        for table, key, column in (
            ("courses", course, "title"),
            ("modules", module, "title"),
            ("lessons", lesson, "title"),
            ("assessments", assessment, "title"),
            ("questions", question, "text"),
            ("answer_options", wrong, "text"),
        ):
            assert (
                conn.execute(
                    f"UPDATE {table} SET {column} = 'edited' WHERE id = %s", (key,)
                ).rowcount
                == 1
            )
        assert (
            conn.execute(
                "UPDATE courses SET status = 'published' WHERE id = %s", (course,)
            ).rowcount
            == 1
        )
        assert conn.execute("DELETE FROM answer_options WHERE id = %s", (wrong,)).rowcount == 1
        got = conn.execute(
            "SELECT text, is_correct FROM answer_options WHERE question_id = %s", (question,)
        )
        assert got.fetchall() == [("4", True)]


def test_instructor_sees_is_correct_and_own_drafts(world: World) -> None:
    with world.connect("instructor_b") as conn:
        rows = conn.execute(
            "SELECT is_correct FROM answer_options WHERE question_id = %s ORDER BY is_correct",
            (world.ids["question_b"],),
        ).fetchall()
        assert rows == [(False,), (True,)]
        assert (
            scalar(
                conn, "SELECT count(*) FROM courses WHERE id = %s", (world.ids["course_b_draft"],)
            )
            == 1
        )
    with world.connect("instructor_a") as conn:
        assert (
            scalar(
                conn, "SELECT count(*) FROM courses WHERE id = %s", (world.ids["course_b_draft"],)
            )
            == 0
        )


def test_instructor_has_no_staff_powers(world: World) -> None:
    b = world.people["learner_b"]
    with world.connect("instructor_a") as conn:
        assert scalar(conn, "SELECT count(*) FROM user_progress WHERE user_id = %s", (b.id,)) == 0
        assert scalar(conn, "SELECT count(*) FROM users") == 1
        denied(conn, "UPDATE users SET is_active = false WHERE id = %s", (b.id,))
        denied(conn, "INSERT INTO user_roles (user_id, role) VALUES (%s, 'instructor')", (b.id,))
        denied(conn, "SELECT password_hash FROM users")


# ----------------------------------------------------------------------------- support


def test_support_reads_accounts_subscriptions_progress_and_audit(world: World) -> None:
    with world.connect("support") as conn:
        users = conn.execute(
            "SELECT id, email, first_name, last_name, is_active, is_verified FROM users"
        ).fetchall()
        assert {row[0] for row in users} == {p.id for p in world.people.values()}
        assert scalar(conn, "SELECT count(*) FROM subscriptions") == 2
        assert scalar(conn, "SELECT count(*) FROM user_progress") == 2
        assert scalar(conn, "SELECT count(*) FROM user_profiles") == 2
        assert scalar(conn, "SELECT count(*) FROM user_roles") >= len(world.people)
        subjects = {s for (s,) in conn.execute("SELECT DISTINCT subject_user_id FROM audit_log")}
        assert {p.id for p in world.people.values()} <= subjects
        denied(conn, "SELECT password_hash FROM users")
        denied(conn, "SELECT * FROM users")
        denied(conn, "SELECT is_correct FROM answer_options")


def test_support_updates_account_and_subscription_status(world: World) -> None:
    b = world.people["learner_b"]
    with world.connect("support") as conn, rolled_back(conn):
        assert (
            conn.execute(
                "UPDATE users SET is_active = false, is_verified = true WHERE id = %s", (b.id,)
            ).rowcount
            == 1
        )
        assert (
            conn.execute(
                "UPDATE subscriptions SET status = 'cancelled', end_date = now() "
                "WHERE user_id = %s",
                (b.id,),
            ).rowcount
            == 1
        )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE users SET email = 'evil@x.test' WHERE id = {b}",
        "UPDATE users SET first_name = 'Evil' WHERE id = {b}",
        "UPDATE users SET last_name = 'Evil' WHERE id = {b}",
        "UPDATE users SET password_hash = 'x' WHERE id = {b}",
        "UPDATE users SET created_at = now() WHERE id = {b}",
        "DELETE FROM users WHERE id = {b}",
        "UPDATE subscriptions SET plan_id = NULL WHERE user_id = {b}",
        "UPDATE subscriptions SET user_id = {b}",
        "INSERT INTO subscriptions (id, user_id, plan_id, status, start_date) "
        "VALUES ({new}, {b}, {plan}, 'active', now())",
        "DELETE FROM subscriptions",
        "UPDATE courses SET title = 'x'",
        "DELETE FROM courses",
        "INSERT INTO courses (id, title, slug, author_id) VALUES ({new}, 'x', 'x-{hex}', {me})",
        "UPDATE modules SET title = 'x'",
        "UPDATE answer_options SET text = 'x'",
        "INSERT INTO user_roles (user_id, role) VALUES ({b}, 'instructor')",
        "INSERT INTO user_roles (user_id, role) VALUES ({me}, 'admin')",
        "DELETE FROM user_roles WHERE user_id = {b}",
        "UPDATE user_progress SET status = 'completed' WHERE user_id = {b}",
        "UPDATE user_profiles SET bio = 'x' WHERE user_id = {b}",
        "UPDATE subscription_plans SET price = 0",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET actor = 'x'",
    ],
)
def test_support_cannot_change_anything_else(world: World, statement: str) -> None:
    query = statement.format(
        b=f"'{world.people['learner_b'].id}'",
        me=f"'{world.people['support'].id}'",
        new=f"'{uuid.uuid4()}'",
        hex=uuid.uuid4().hex[:8],
        plan=f"'{world.ids['plan']}'",
    )
    with world.connect("support") as conn:
        changes_nothing(conn, query)


def test_support_is_refused_outright_for_names_courses_and_roles(world: World) -> None:
    b = world.people["learner_b"]
    with world.connect("support") as conn:
        for column in ("email", "first_name", "last_name"):
            err = denied(conn, f"UPDATE users SET {column} = 'x@evil.test' WHERE id = %s", (b.id,))
            assert "permission denied" in str(err)
        denied(conn, "UPDATE courses SET title = 'x' WHERE id = %s", (world.ids["course_b"],))
        denied(conn, "INSERT INTO user_roles (user_id, role) VALUES (%s, 'support')", (b.id,))
        denied(conn, "DELETE FROM user_roles WHERE user_id = %s", (b.id,))


# ----------------------------------------------------------------------------- admin


def test_admin_grants_and_revokes_roles_and_group_membership_follows(world: World) -> None:
    b = world.people["learner_b"]
    with world.connect("admin") as conn, rolled_back(conn):
        member = "SELECT pg_has_role(%s, 'elearn_instructor', 'MEMBER')"
        direct = (
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = %s AND u.rolname = %s"
        )
        assert scalar(conn, member, (b.db_role,)) is False
        conn.execute("INSERT INTO user_roles (user_id, role) VALUES (%s, 'instructor')", (b.id,))
        assert scalar(conn, member, (b.db_role,)) is True
        assert scalar(conn, direct, ("elearn_instructor", b.db_role)) == 1
        assert (
            conn.execute(
                "DELETE FROM user_roles WHERE user_id = %s AND role = 'instructor'", (b.id,)
            ).rowcount
            == 1
        )
        assert scalar(conn, member, (b.db_role,)) is False
        assert scalar(conn, direct, ("elearn_instructor", b.db_role)) == 0


def test_granted_role_takes_effect_for_the_person(fresh_world: World) -> None:
    b = fresh_world.people["learner_b"]
    with fresh_world.connect("learner_b") as conn:
        denied(conn, "UPDATE courses SET title = 'x'")
    with fresh_world.connect("admin") as conn:
        conn.execute("INSERT INTO user_roles (user_id, role) VALUES (%s, 'instructor')", (b.id,))
    with fresh_world.connect("learner_b") as conn:
        course = uuid.uuid4()
        conn.execute(
            "INSERT INTO courses (id, title, slug, author_id) VALUES (%s, 'B', %s, %s)",
            (course, f"b-{course.hex[:8]}", b.id),
        )
    with fresh_world.connect("admin") as conn:
        conn.execute("DELETE FROM user_roles WHERE user_id = %s AND role = 'instructor'", (b.id,))
    with fresh_world.connect("learner_b") as conn:
        denied(conn, "UPDATE courses SET title = 'x' WHERE id = %s", (course,))
        assert (
            scalar(conn, "SELECT pg_has_role(session_user, 'elearn_instructor', 'MEMBER')") is False
        )


def test_admin_modifies_any_course(world: World) -> None:
    with world.connect("admin") as conn:
        for key in ("course_a", "course_b", "course_b_draft"):
            assert (
                rowcount(
                    conn, "UPDATE courses SET title = 'by admin' WHERE id = %s", (world.ids[key],)
                )
                == 1
            )
        assert rowcount(conn, "UPDATE answer_options SET is_correct = NOT is_correct") == 3
        assert rowcount(conn, "DELETE FROM path_steps WHERE id = %s", (world.ids["step_b"],)) == 1


def test_admin_still_cannot_read_password_hashes_or_edit_audit(world: World) -> None:
    with world.connect("admin") as conn:
        denied(conn, "SELECT password_hash FROM users")
        denied(conn, "UPDATE users SET password_hash = 'x'")
        denied(conn, "DELETE FROM audit_log")
        denied(conn, "UPDATE audit_log SET actor = 'x'")
        denied(
            conn,
            "INSERT INTO audit_log (actor, table_name, row_id, action) VALUES ('x', 'x', 'x', 'x')",
        )
        denied(
            conn,
            "INSERT INTO user_logins (user_id, role_name) VALUES (%s, 'postgres')",
            (uuid.uuid4(),),
        )
