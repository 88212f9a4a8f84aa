"""Fixtures of the sign-in tests: an embedded data folder, fresh or with the demo loaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from elearn_desktop.config import EMBEDDED_DB_FILENAME, ENV_DATA_DIR, ENV_DATABASE_URL
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from tests.auth._support import demo_account, signed_in


@pytest.fixture(scope="session")
def embedded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded database migrated and loaded with the demo by a real first sign-in.

    Made once per session (migration + demo load hash five passwords with argon2id);
    tests get a copy, so each one starts from the same state and may change it.
    """
    folder = tmp_path_factory.mktemp("embedded-template")
    admin = demo_account("admin@demo.test")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_DATA_DIR, str(folder))
        mp.delenv(ENV_DATABASE_URL, raising=False)
        with signed_in(EMBEDDED_PROFILE, admin.email, admin.password):
            pass
    return folder


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder: ELEARN_DATA_DIR points at it, ELEARN_DATABASE_URL is unset."""
    home = tmp_path / "data"
    home.mkdir()
    monkeypatch.setenv(ENV_DATA_DIR, str(home))
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)
    return home


@pytest.fixture
def demo_home(data_home: Path, embedded_template: Path) -> Path:
    """``data_home`` holding a copy of the demo embedded database."""
    for source in embedded_template.iterdir():
        if source.name.startswith(EMBEDDED_DB_FILENAME):  # the file and any -wal / -shm
            shutil.copy2(source, data_home / source.name)
    assert (data_home / EMBEDDED_DB_FILENAME).is_file()
    return data_home
