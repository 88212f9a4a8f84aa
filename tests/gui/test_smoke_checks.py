"""The checks behind `elearn-desktop --smoke`: migrations, demo media, the media backend.

From a PyInstaller bundle these prove build.spec shipped what the app reads at run time;
here they run from source, and each failure is provoked for real (an old schema, a
missing or broken video, a frozen app whose migrations are not in its bundle).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from elearn_desktop import config
from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.uow import uow_factory_for
from elearn_desktop.services.demo import load_demo
from elearn_desktop.sync.cache import cache_head_revision
from elearn_desktop.ui.resources import icon
from elearn_desktop.ui.smoke_checks import SmokeCheckError, SmokeChecks, check_files

pytestmark = pytest.mark.gui
TIMEOUT = 20_000


def _database(url: str, *, revision: str = "head", demo: bool = True) -> str:
    engine = create_server_engine(url)
    try:
        migrations.upgrade(engine, revision)
        if demo:
            load_demo(uow_factory_for(engine))
    finally:
        engine.dispose()
    return url


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    return _database(f"sqlite:///{tmp_path / 'server.sqlite3'}")


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of resources/ the test may damage; demo videos resolve into it."""
    folder = tmp_path / "resources"
    shutil.copytree(config.RESOURCES_DIR / "media", folder / "media")
    monkeypatch.setattr("elearn_desktop.services.media.RESOURCES_DIR", folder)
    return folder


def test_files_report_the_migrations_and_every_demo_video(demo_url: str) -> None:
    report = check_files(demo_url)
    assert report.revision == migrations.head_revision()
    assert report.script_location == config.ALEMBIC_DIR
    assert report.cache_revision == cache_head_revision()
    assert sorted(path.name for path in report.videos) == ["intro-to-python.mp4", "sql-basics.mp4"]
    assert all(path.is_file() for path in report.videos)
    assert any(str(config.ALEMBIC_DIR) in line for line in report.lines())


def test_a_missing_demo_video_is_named(demo_url: str, resources: Path) -> None:
    (resources / "media" / "sql-basics.mp4").unlink()
    with pytest.raises(SmokeCheckError, match=r"the demo video .*sql-basics\.mp4 is missing"):
        check_files(demo_url)


def test_a_database_behind_the_scripts_is_refused(tmp_path: Path) -> None:
    url = _database(f"sqlite:///{tmp_path / 'old.sqlite3'}", revision="0006", demo=False)
    head = migrations.head_revision()
    with pytest.raises(SmokeCheckError, match=rf"is at 0006, not at {head}"):
        check_files(url)


def test_a_frozen_app_must_migrate_from_its_bundle(
    demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Frozen, with the bundle elsewhere: the scripts of this source tree do not count.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert config.bundle_root() == (tmp_path / "bundle").resolve()
    with pytest.raises(SmokeCheckError, match=r"not from the bundle"):
        check_files(demo_url)


def _run_checks(qtbot: QtBot, data_dir: Path) -> list[int]:
    _database(config.embedded_database_url())
    owner = QObject()
    codes: list[int] = []
    checks = SmokeChecks(owner, done=codes.append)
    checks.start()
    qtbot.waitUntil(lambda: bool(codes), timeout=TIMEOUT)
    return codes


def test_the_checks_pass_and_open_a_demo_video(
    qtbot: QtBot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_checks(qtbot, data_dir) == [0]
    out = capsys.readouterr().out
    assert "smoke: the SVG app icon renders" in out
    assert "smoke: 2 demo videos found" in out
    assert f"smoke: an encrypted offline cache migrated to {cache_head_revision()}" in out
    assert "smoke: the media backend opened intro-to-python.mp4 (12.0 s)" in out


# FFmpeg describes the damaged file in its own words while Qt tries to open it.
@pytest.mark.qt_log_ignore("qt.multimedia", "Invalid data", "moov atom", extend=True)
def test_a_video_the_backend_cannot_open_fails_the_checks(
    qtbot: QtBot, data_dir: Path, resources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for video in (resources / "media").glob("*.mp4"):
        video.write_bytes(b"not a video" * 1000)
    assert _run_checks(qtbot, data_dir) == [1]
    assert "smoke: failed: the media backend" in capsys.readouterr().out


def test_a_missing_video_fails_before_the_backend(
    qtbot: QtBot, data_dir: Path, resources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(resources / "media")
    assert _run_checks(qtbot, data_dir) == [1]
    out = capsys.readouterr().out
    assert "is missing" in out
    assert "media backend" not in out


# Qt's SVG reader says why it cannot draw the broken file; the check's own line is tested.
@pytest.mark.qt_log_ignore("Cannot read file", extend=True)
def test_an_app_icon_that_does_not_render_fails_the_checks(
    qtbot: QtBot,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # What a bundle without the SVG icon engine shows: an icon file Qt cannot draw.
    broken = tmp_path / "broken-resources"
    (broken / "icons").mkdir(parents=True)
    (broken / "icons" / "app.svg").write_text("this is not SVG")
    monkeypatch.setattr("elearn_desktop.ui.resources.RESOURCES_DIR", broken)
    icon.cache_clear()
    try:
        assert _run_checks(qtbot, data_dir) == [1]
    finally:
        icon.cache_clear()
    assert "smoke: failed: the app icon does not render" in capsys.readouterr().out
