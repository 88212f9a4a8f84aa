"""Services on the offline cache (what the Learn workspace calls while offline) and the
plan's ``offline`` feature that gates downloads — on a real PostgreSQL server and a real
encrypted cache."""

from __future__ import annotations

import json
import uuid

import pytest

from elearn_desktop.services import learning_overview, offline_mode, search
from elearn_desktop.services.learning_overview import offline_access, plan_access
from elearn_desktop.sync import cache as cache_module
from elearn_desktop.sync.cache import make_path_available
from tests.sync.conftest import SyncWorld

pytestmark = pytest.mark.postgres


def _plan(world: SyncWorld, name: str, features: dict[str, object], *, mine: bool) -> None:
    plan = uuid.uuid4()
    with world.su() as conn, conn.transaction():
        conn.execute(
            "INSERT INTO subscription_plans (id, name, price, billing_cycle, features, is_active) "
            "VALUES (%s, %s, 5, 'monthly', %s::json, true)",
            (plan, name, json.dumps(features)),
        )
        if mine:
            conn.execute(
                "INSERT INTO subscriptions (id, user_id, plan_id, status, start_date) "
                "VALUES (%s, %s, %s, 'active', now() - interval '1 day')",
                (uuid.uuid4(), world.learner.id, plan),
            )


def test_the_cache_marks_its_sessions_as_the_services_expect() -> None:
    assert cache_module.OFFLINE_CACHE == offline_mode.OFFLINE_CACHE


def test_offline_access_follows_the_plans_offline_feature(world: SyncWorld) -> None:
    server = world.sign_in().backend
    assert server is not None
    course, learner = world.ids["course"], world.learner.id
    refused = offline_access(server.uow, learner, course)
    assert not refused.allowed
    assert refused.reason == (
        "You have no active plan, and no plan on offer includes downloading Zebra Offline "
        "Course for offline study."
    )
    _plan(world, "Basic", {"all_courses": True, "offline": False}, mine=True)
    _plan(world, "Travel", {"all_courses": True, "offline": True}, mine=False)
    _plan(world, "Nomad", {"courses": ["nothing-else"], "offline": True}, mine=False)
    refused = offline_access(server.uow, learner, course)
    assert refused.reason == (
        "Your Basic plan does not include downloading Zebra Offline Course for offline "
        "study; the Travel plan does."
    )
    assert refused.plans_that_include == ["Travel"]
    assert plan_access(server.uow, learner, course).allowed  # studying online is fine
    _plan(world, "Travel", {"all_courses": True, "offline": True}, mine=True)
    allowed = offline_access(server.uow, learner, course)
    assert allowed.allowed
    assert allowed.reason == "Offline study is included in your Travel plan."
    # The author is never gated.
    author = world.sign_in("instructor").backend
    assert author is not None
    instructor = world.people["instructor"].id
    assert offline_access(author.uow, instructor, course).reason == "You teach this course."


def test_learn_services_run_on_the_offline_cache(world: SyncWorld) -> None:
    device = world.device("laptop")
    server = device.signed_in.backend
    assert server is not None
    make_path_available(server.uow, device.cache, world.ids["path"])
    uow, learner, course = device.uow, world.learner.id, world.ids["course"]

    # No plans in the cache: what is there may be studied.
    assert plan_access(uow, learner, course).reason == "Available offline on this computer."
    overview = learning_overview.course_overview(uow, learner, course)
    assert overview.access.allowed
    assert learning_overview.path_view(uow, learner, world.ids["path"]).steps

    # No full-text index in the cache: words still find the course, as you type.
    for text in ("zebra", "Zebr", "sync", "stripes"):
        hits = search.search_catalog(uow, text=text, user_id=learner)
        assert [h.course.id for h in hits] == [course], text
    hits = search.search_catalog(uow, text="stripes", user_id=learner)
    assert hits[0].matched_lessons[0].startswith("Lesson 1")
    assert search.search_catalog(uow, text="zebra giraffe", user_id=learner) == []
    assert search.search_catalog(uow, text='"; DROP TABLE courses; --', user_id=learner) == []


def test_videos_go_to_the_download_folder_chosen_in_settings(world: SyncWorld) -> None:
    from elearn_desktop.sync.offline import set_videos_root, videos_dir

    cache = world.device("laptop").cache
    default = cache.path.parent / "downloads"
    assert videos_dir(cache) == default
    chosen = world.tmp / "My videos"
    set_videos_root(cache, chosen)
    # Per server and person, like the cache itself, so two accounts never share a folder.
    assert videos_dir(cache) == chosen / cache.path.parent.parent.name / cache.path.parent.name
    set_videos_root(cache, None)
    assert videos_dir(cache) == default
