"""Revision 0015: modules, lessons and path steps of a draft course or path are as
private as the draft (its author, support and admins), not readable by every signed-in
person who knows their ids; those of published ones stay readable by everyone."""

from __future__ import annotations

import uuid

from elearn_desktop.data import migrations
from tests.security.conftest import World, scalar


def _draft_children(world: World) -> dict[str, uuid.UUID]:
    ids = {key: uuid.uuid4() for key in ("module", "lesson", "path", "step")}
    with world.su() as conn, conn.transaction():
        conn.execute(
            "INSERT INTO modules (id, course_id, title, order_index) "
            "VALUES (%s, %s, 'draft module', 1)",
            (ids["module"], world.ids["course_b_draft"]),
        )
        conn.execute(
            "INSERT INTO lessons (id, module_id, title, order_index, description) "
            "VALUES (%s, %s, 'draft lesson', 1, 'the unpublished answer')",
            (ids["lesson"], ids["module"]),
        )
        conn.execute(
            "INSERT INTO learning_paths (id, title, author_id, status) "
            "VALUES (%s, 'draft path', %s, 'draft')",
            (ids["path"], world.people["instructor_b"].id),
        )
        conn.execute(
            "INSERT INTO path_steps (id, path_id, entity_type, entity_id, order_index) "
            "VALUES (%s, %s, 'course', %s, 1)",
            (ids["step"], ids["path"], world.ids["course_b_draft"]),
        )
    return ids


def _visible(world: World, who: str, ids: dict[str, uuid.UUID]) -> dict[str, int]:
    with world.connect(who) as conn:
        return {
            "module": scalar(conn, "SELECT count(*) FROM modules WHERE id = %s", (ids["module"],)),
            "lesson": scalar(conn, "SELECT count(*) FROM lessons WHERE id = %s", (ids["lesson"],)),
            "step": scalar(conn, "SELECT count(*) FROM path_steps WHERE id = %s", (ids["step"],)),
        }


def test_children_of_drafts_are_hidden_from_learners_and_other_authors(
    fresh_world: World,
) -> None:
    ids = _draft_children(fresh_world)
    hidden = {"module": 0, "lesson": 0, "step": 0}
    shown = {"module": 1, "lesson": 1, "step": 1}
    assert _visible(fresh_world, "learner_a", ids) == hidden
    assert _visible(fresh_world, "instructor_a", ids) == hidden
    assert _visible(fresh_world, "instructor_b", ids) == shown  # the author
    assert _visible(fresh_world, "support", ids) == shown
    assert _visible(fresh_world, "admin", ids) == shown
    # Lessons are not reachable through a join either.
    with fresh_world.connect("learner_a") as conn:
        assert (
            scalar(
                conn,
                "SELECT count(*) FROM lessons l JOIN modules m ON m.id = l.module_id "
                "WHERE l.description LIKE %s",
                ("%unpublished%",),
            )
            == 0
        )


def test_publishing_shows_the_children_and_published_ones_stay_readable(
    fresh_world: World,
) -> None:
    ids = _draft_children(fresh_world)
    with fresh_world.connect("learner_a") as conn:
        published = {
            "module": scalar(
                conn, "SELECT count(*) FROM modules WHERE id = %s", (fresh_world.ids["module_b"],)
            ),
            "lesson": scalar(
                conn, "SELECT count(*) FROM lessons WHERE id = %s", (fresh_world.ids["lesson_b"],)
            ),
            "step": scalar(
                conn, "SELECT count(*) FROM path_steps WHERE id = %s", (fresh_world.ids["step_b"],)
            ),
        }
    assert published == {"module": 1, "lesson": 1, "step": 1}
    with fresh_world.su() as conn, conn.transaction():
        conn.execute(
            "UPDATE courses SET status = 'published' WHERE id = %s",
            (fresh_world.ids["course_b_draft"],),
        )
        conn.execute("UPDATE learning_paths SET status = 'published' WHERE id = %s", (ids["path"],))
    assert _visible(fresh_world, "learner_a", ids) == {"module": 1, "lesson": 1, "step": 1}


def test_downgrade_opens_the_children_again_and_upgrade_closes_them(fresh_world: World) -> None:
    ids = _draft_children(fresh_world)
    migrations.downgrade(fresh_world.engine, "0014")
    assert _visible(fresh_world, "learner_a", ids) == {"module": 1, "lesson": 1, "step": 1}
    migrations.upgrade(fresh_world.engine)
    assert _visible(fresh_world, "learner_a", ids) == {"module": 0, "lesson": 0, "step": 0}
