"""`elearn sync`: a saved profile, the password from $ELEARN_PASSWORD, JSON summaries, one-line
errors with exit codes; and the JSON profile store it reads."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from elearn_desktop import cli
from elearn_desktop.domain.errors import NotFoundError, ValidationError
from elearn_desktop.services import profile_store
from elearn_desktop.services.offline_auth import remember_for_offline, unlock_offline
from elearn_desktop.services.profiles import POSTGRESQL, ServerProfile
from elearn_desktop.sync.cache import make_course_available, open_cache
from elearn_desktop.sync.offline import offline_status
from tests.sync.conftest import SyncWorld
from tests.sync.tcp_proxy import FlakyProxy
from tests.sync.test_engine import _watch

pytestmark = pytest.mark.postgres


def _study_offline(world: SyncWorld, profile: ServerProfile) -> int:
    """What the app does: sign in, keep the offline verifier, copy a course, study."""
    person = world.learner
    session = world.sign_in(profile=profile)
    remember_for_offline(profile, session.user, person.password)
    account = unlock_offline(profile, person.email, person.password)
    cache = open_cache(account.cache_dir, account.cache_key)
    try:
        cache.set_owner(account.user)
        assert session.backend is not None
        make_course_available(session.backend.uow, cache, world.ids["course"])
        device = SimpleNamespace(uow=cache.uow)
        _watch(world, device, "lesson_1", [(0.0, 60.0)], 1, studied=60.0)  # type: ignore[arg-type]
        return cache.pending_count()
    finally:
        cache.close()


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sync_a_saved_profile_with_json(
    world: SyncWorld,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pending = _study_offline(world, world.profile)
    profile_store.save_profile(world.profile, email=world.learner.email)
    monkeypatch.setenv("ELEARN_PASSWORD", world.learner.password)

    code, out, err = _run(["sync", "--profile", world.profile.name, "--json"], capsys)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["pushed"] == pending
    assert (summary["pending"], summary["rejected"], summary["errors"]) == (0, 0, [])
    assert summary["profile"] == world.profile.name

    code, out, err = _run(["sync"], capsys)  # the default profile; words this time
    assert code == 0, err
    assert "Pushed 0 changes" in out
    assert "0 changes pending" in out


def test_sync_offline_says_so_and_keeps_the_changes(
    world: SyncWorld,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    proxy = FlakyProxy(world.cluster.host, world.cluster.port)
    world._closers.append(proxy.close)
    profile = ServerProfile(
        name="via proxy",
        kind=POSTGRESQL,
        host="127.0.0.1",
        port=proxy.port,
        database=world.dbname,
        sslmode="disable",
    )
    pending = _study_offline(world, profile)
    profile_store.save_profile(profile, email=world.learner.email)
    monkeypatch.setenv("ELEARN_PASSWORD", world.learner.password)
    proxy.refuse = True
    code, out, err = _run(["sync", "--json"], capsys)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "cannot reach" in lines[0]
    assert f"{pending} changes stay on this computer" in lines[0]
    account = unlock_offline(profile, world.learner.email, world.learner.password)
    cache = open_cache(account.cache_dir, account.cache_key)
    try:
        assert offline_status(cache).pending == pending
    finally:
        cache.close()


def test_sync_errors_are_one_line(
    world: SyncWorld,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _out, err = _run(["sync"], capsys)
    assert code == 1
    assert "no server profile is saved yet" in err
    profile_store.save_profile(world.profile, email=world.learner.email)
    monkeypatch.setenv("ELEARN_PASSWORD", "not the password")
    code, _out, err = _run(["sync"], capsys)
    assert code == 1
    assert err.strip() == "elearn: error: The email or password is not right."
    code, _out, err = _run(["sync", "--profile", "nope"], capsys)
    assert code == 1
    assert "no saved profile 'nope'" in err


def test_profile_store_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    assert profile_store.load_profiles(path=path) == []
    with pytest.raises(NotFoundError):
        profile_store.find_profile(path=path)
    work = ServerProfile(name="Work", kind=POSTGRESQL, host="db.example.org", database="elearn")
    home_server = ServerProfile(name="Home", kind=POSTGRESQL, host="10.0.0.2", port=5433)
    profile_store.save_profile(work, email="me@example.org", path=path)
    profile_store.save_profile(home_server, path=path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "password" not in path.read_text()
    assert profile_store.find_profile(path=path).name == "Work"  # the first is the default
    assert profile_store.find_profile("Home", path=path).profile == home_server
    assert profile_store.find_profile("Work", path=path).email == "me@example.org"
    profile_store.save_profile(home_server, email="x@example.org", make_default=True, path=path)
    assert profile_store.find_profile(path=path).email == "x@example.org"
    assert [p.name for p in profile_store.load_profiles(path=path)] == ["Work", "Home"]
    assert profile_store.remove_profile("Home", path=path)
    assert not profile_store.remove_profile("Home", path=path)
    assert profile_store.find_profile(path=path).name == "Work"
    path.write_text("{not json")
    with pytest.raises(ValidationError, match="cannot be read"):
        profile_store.load_profiles(path=path)
