"""Revision 0013: policies look the person up once per statement, not once per row."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from elearn_desktop.data import migrations
from tests.security.conftest import World

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "rev0013", REPO / "alembic" / "versions" / "0013_rls_initplans.py"
)
assert _spec is not None
assert _spec.loader is not None
rev0013 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rev0013)

CALL = re.compile(r"elearn_current_user_id\(\)|elearn_has_role\(")
BARE = re.compile(
    r"(?<!SELECT )(?<!SELECT public\.)(?:public\.)?(?:elearn_current_user_id\(\)|elearn_has_role\()"
)


def _policy_texts(world: World) -> list[tuple[str, str, str]]:
    with world.su() as conn:
        return conn.execute(
            "SELECT tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') "
            "FROM pg_policies WHERE schemaname = 'public'"
        ).fetchall()


def _bare_calls(text: str) -> int:
    """Calls of the identity functions not wrapped in a sub-select (per-row calls)."""
    return len(BARE.findall(text))


def test_every_policy_call_of_the_identity_functions_is_a_sub_select(world: World) -> None:
    policies = _policy_texts(world)
    calling = [(t, n, text) for t, n, text in policies if CALL.search(text)]
    assert len(calling) > 40  # the policies of 0004-0006 and later
    for table, name, text in calling:
        assert _bare_calls(text) == 0, (table, name, text)


def test_a_learners_read_evaluates_the_lookup_once(world: World) -> None:
    with world.connect("learner_a") as conn:
        plan = "\n".join(r[0] for r in conn.execute("EXPLAIN SELECT id FROM courses"))
        count = conn.execute("SELECT count(*) FROM courses").fetchone()
    assert "InitPlan" in plan
    assert "SubPlan" not in plan
    assert count == (2,)  # course_a and course_b; not the other author's draft


def test_wrap_and_unwrap_are_inverse_and_idempotent() -> None:
    bare = (
        "((elearn_current_user_id() IS NOT NULL) AND (status = 'published'::text)) "
        "OR (author_id = public.elearn_current_user_id()) OR elearn_has_role('admin'::text)"
    )
    wrapped = rev0013.wrap(bare)
    assert wrapped.count("(SELECT ") == 3
    assert rev0013.wrap(wrapped) == wrapped
    deparsed = wrapped.replace(
        "(SELECT elearn_current_user_id())",
        "( SELECT elearn_current_user_id() AS elearn_current_user_id)",
    )
    assert rev0013.unwrap(deparsed) == bare
    assert rev0013.unwrap(bare) == bare


def test_downgrade_unwraps_and_upgrade_wraps_again(fresh_world: World) -> None:
    migrations.downgrade(fresh_world.engine, "0012")
    unwrapped = [text for _t, _n, text in _policy_texts(fresh_world) if CALL.search(text)]
    assert unwrapped
    assert not any("SELECT elearn_" in text for text in unwrapped)
    migrations.upgrade(fresh_world.engine)
    for _table, _name, text in _policy_texts(fresh_world):
        assert _bare_calls(text) == 0
    with fresh_world.connect("learner_a") as conn:
        assert conn.execute("SELECT count(*) FROM courses").fetchone() == (2,)
