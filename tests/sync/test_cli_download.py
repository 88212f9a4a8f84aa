"""`elearn download COURSE --profile P`: fills that profile's encrypted offline cache (the
course tree and its videos, from a real loopback HTTP server), as the app does; the plan
decides whether downloading is allowed."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from elearn_desktop.config import RESOURCES_DIR
from elearn_desktop.services import profile_store
from elearn_desktop.services.offline_auth import unlock_offline
from elearn_desktop.sync.cache import open_cache
from tests.support.http_server import LoopbackFileServer
from tests.sync.conftest import SyncWorld
from tests.sync.test_cli_sync import _run

pytestmark = pytest.mark.postgres

MEDIA = RESOURCES_DIR / "media"
VIDEOS = {"video_1": "intro-to-python.mp4", "video_2": "sql-basics.mp4"}


def _subscribe(world: SyncWorld, *, offline: bool) -> None:
    plan = uuid.uuid4()
    features = json.dumps({"all_courses": True, "courses": [], "offline": offline})
    with world.su() as conn, conn.transaction():
        conn.execute(
            "INSERT INTO subscription_plans (id, name, price, billing_cycle, features, is_active) "
            "VALUES (%s, %s, 9.99, 'monthly', %s::json, true)",
            (plan, "Travel" if offline else "Basic", features),
        )
        conn.execute(
            "INSERT INTO subscriptions (id, user_id, plan_id, status, start_date) "
            "VALUES (%s, %s, %s, 'active', now() - interval '1 day')",
            (uuid.uuid4(), world.learner.id, plan),
        )


def test_download_with_a_profile_fills_its_offline_cache(
    world: SyncWorld,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with LoopbackFileServer() as http, world.su() as conn:
        for video, file in VIDEOS.items():
            http.add(f"/{video}.mp4", MEDIA / file)
            conn.execute(
                "UPDATE video_assets SET provider = 'url', provider_id = %s WHERE id = %s",
                (http.url(f"/{video}.mp4"), world.ids[video]),
            )
        conn.commit()
        with world.su() as su:
            slug = su.execute(
                "SELECT slug FROM courses WHERE id = %s", (world.ids["course"],)
            ).fetchone()[0]
        profile_store.save_profile(world.profile, email=world.learner.email)
        monkeypatch.setenv("ELEARN_PASSWORD", world.learner.password)
        argv = ["download", slug, "--profile", world.profile.name, "--json"]

        # The learner's plan does not include offline study: refused in words, nothing kept.
        _subscribe(world, offline=False)
        code, out, err = _run(argv, capsys)
        assert code == 1
        assert out == ""
        assert "Basic plan does not include downloading Zebra Offline Course" in err
        assert "Traceback" not in err

        # With a plan that does: the course goes into the cache and its videos next to it.
        _subscribe(world, offline=True)
        code, out, err = _run(argv, capsys)
        assert code == 0, err
        summary = json.loads(out)
        assert summary["profile"] == world.profile.name
        assert summary["downloaded"] == 2
        assert summary["failed"] == []
        files = sorted(Path(f["file"]) for f in summary["files"])
        assert sorted(f.stat().st_size for f in files) == sorted(
            (MEDIA / name).stat().st_size for name in VIDEOS.values()
        )
        account = unlock_offline(world.profile, world.learner.email, world.learner.password)
        assert all(f.is_relative_to(account.cache_dir) for f in files)
        with open_cache(account.cache_dir, account.cache_key) as cache:
            assert cache.offline_course_ids() == [world.ids["course"]]
            assert cache.owner_id == world.learner.id

        # Again: resumable and idempotent (nothing fetched twice).
        gets = len([r for r in http.requests() if r.method == "GET"])
        code, out, err = _run(argv, capsys)
        assert code == 0, err
        assert json.loads(out)["already_there"] == 2
        assert len([r for r in http.requests() if r.method == "GET"]) == gets

        # --to and --profile do not mix.
        code, _out, err = _run([*argv, "--to", str(home / "x")], capsys)
        assert code == 2
        assert "--to and --profile" in err
