"""Offline study and sync in the app, driven by the real engine (issue 6).

A real PostgreSQL server behind a small loopback proxy that can refuse connections (the
server "goes away" and "comes back"), the learner's real encrypted cache, the real sync
engine, connectivity monitor and scheduler behind the main window's status bar, banner and
Downloads page, and real video downloads from a loopback HTTP server.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from elearn_desktop.config import RESOURCES_DIR
from elearn_desktop.services import progress
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.profiles import POSTGRESQL, ServerProfile
from elearn_desktop.sync.cache import make_path_available
from elearn_desktop.sync.cache_models import OutboxOp
from elearn_desktop.sync.offline import attach_cache, sign_in_offline, videos_dir
from elearn_desktop.ui.learn.assessment_page import AssessmentPage
from elearn_desktop.ui.learn.course_view import CourseViewPage
from elearn_desktop.ui.main_window import MainWindow
from elearn_desktop.ui.sync_controller import DeadLettersDialog
from tests.support.http_server import LoopbackFileServer
from tests.support.pgcluster import PostgresCluster
from tests.sync.conftest import SyncWorld, make_world, server_rows
from tests.sync.tcp_proxy import FlakyProxy

WAIT_MS = 30_000
MEDIA = RESOURCES_DIR / "media"
VIDEOS = {"video_1": "intro-to-python.mp4", "video_2": "sql-basics.mp4"}


@dataclass
class Offline:
    world: SyncWorld
    proxy: FlakyProxy
    profile: ServerProfile  # the server through the proxy
    http: LoopbackFileServer
    shots: Path

    @property
    def ids(self) -> dict[str, uuid.UUID]:
        return self.world.ids

    def online(self, who: str = "learner") -> SignedIn:
        person = self.world.people[who]
        session = attach_cache(
            sign_in(self.profile, person.email, person.password), person.password
        )
        return session

    def offline(self, who: str = "learner") -> SignedIn:
        person = self.world.people[who]
        return sign_in_offline(self.profile, person.email, person.password)


@pytest.fixture
def env(pg_cluster: PostgresCluster, tmp_path: Path, data_dir: Path) -> Iterator[Offline]:
    with make_world(pg_cluster, tmp_path) as world, LoopbackFileServer() as http:
        proxy = FlakyProxy(pg_cluster.host, pg_cluster.port)
        profile = ServerProfile(
            name="proxied",
            kind=POSTGRESQL,
            host="127.0.0.1",
            port=proxy.port,
            database=world.dbname,
            sslmode="disable",
        )
        # The course's videos come from a web server (as on a real platform).
        for video, file in VIDEOS.items():
            http.add(f"/{video}.mp4", MEDIA / file)
        with world.su() as conn, conn.transaction():
            for video in ("video_1", "video_2"):
                conn.execute(
                    "UPDATE video_assets SET provider = 'url', provider_id = %s WHERE id = %s",
                    (http.url(f"/{video}.mp4"), world.ids[video]),
                )
        shots = Path(os.environ.get("ELEARN_TEST_SHOTS", tmp_path / "shots"))
        shots.mkdir(parents=True, exist_ok=True)
        try:
            yield Offline(world, proxy, profile, http, shots)
        finally:
            proxy.close()


def _give_plan(env: Offline, *, offline: bool, name: str) -> None:
    """The learner subscribes to a plan (with or without offline downloads)."""
    plan = uuid.uuid4()
    features = json.dumps({"all_courses": True, "courses": [], "offline": offline})
    with env.world.su() as conn, conn.transaction():
        conn.execute(
            "INSERT INTO subscription_plans (id, name, price, billing_cycle, features, is_active) "
            "VALUES (%s, %s, 9.99, 'monthly', %s::json, true)",
            (plan, name, features),
        )
        conn.execute(
            "INSERT INTO subscriptions (id, user_id, plan_id, status, start_date) "
            "VALUES (%s, %s, %s, 'active', now() - interval '1 day')",
            (uuid.uuid4(), env.world.learner.id, plan),
        )


def _offer_plan(env: Offline, name: str) -> None:
    with env.world.su() as conn, conn.transaction():
        conn.execute(
            "INSERT INTO subscription_plans (id, name, price, billing_cycle, features, is_active) "
            "VALUES (%s, %s, 19.99, 'monthly', "
            '\'{"all_courses": true, "courses": [], "offline": true}\'::json, true)',
            (uuid.uuid4(), name),
        )


def _copy_path(env: Offline) -> None:
    """An earlier online session made the path (and its course) available offline."""
    first = env.online()
    assert first.cache is not None
    assert first.server is not None
    make_path_available(first.server.uow, first.cache, env.ids["path"])
    first.close()


def _window(qtbot: QtBot, session: SignedIn) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_session(session)
    window.show()
    return window


def _close(window: MainWindow) -> None:
    window.close()
    if window.session is not None:
        window.session.close()


def test_status_bar_and_downloads_page_follow_offline_online_synced(
    qtbot: QtBot, env: Offline
) -> None:
    # An earlier online session made the path available on this computer.
    _copy_path(env)

    # The server is away: the learner signs in on the offline copy.
    env.proxy.refuse = True
    session = env.offline()
    assert session.offline
    window = _window(qtbot, session)
    try:
        sync = window.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.online is False, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: window.sync_label.text().startswith("Sync: Offline"), timeout=WAIT_MS
        )
        assert window.connection_label.text().startswith("○ Offline")
        assert "cannot reach" in window.sync_label.toolTip()  # the reason, in words
        assert window.banner.isVisible()
        assert "You are offline" in window.banner.text.text()
        assert not window.banner.button.isVisible()
        assert window.pages["author"] is not None
        assert window.sidebar.item(1).isHidden()  # no authoring offline

        # Study offline: enrol in the course and complete its text lesson.
        assert window.learn is not None
        page = window.learn.open_course(env.ids["course"])
        assert isinstance(page, CourseViewPage)
        qtbot.waitUntil(lambda: page.enrol_button.isVisible(), timeout=WAIT_MS)
        qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.enrol_button.isVisible(), timeout=WAIT_MS)
        bar = page.offline_bar  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bar.state is not None, timeout=WAIT_MS)
        assert bar.state.available
        assert bar.remove_button.isVisible()
        assert "On this computer" in bar.status.text()

        window.open_lesson(env.ids["lesson_text"])
        player = window.player
        assert player is not None
        qtbot.waitUntil(lambda: player.mark_complete_button.isVisible(), timeout=WAIT_MS)
        qtbot.mouseClick(player.mark_complete_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "changes to sync" in window.sync_label.text(), timeout=WAIT_MS)
        assert window.sync_label.text().startswith("Sync: Offline")
        assert window.downloads is not None
        qtbot.waitUntil(
            lambda: "changes to sync" in window.downloads.sync_label.text(), timeout=WAIT_MS
        )
        window.grab().save(str(env.shots / "offline.png"))
        assert server_rows(
            env.world,
            "SELECT count(*) FROM user_progress WHERE user_id = %s",
            (env.world.learner.id,),
        ) == [(0,)]

        # The server comes back: the next probe finds it, and sync starts by itself.
        env.proxy.refuse = False
        sync.monitor.check_soon()
        qtbot.waitUntil(lambda: sync.online is True, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: (
                "all changes synced" in window.sync_label.text()
                and "last sync" in window.sync_label.text()
            ),
            timeout=WAIT_MS,
        )
        qtbot.waitUntil(
            lambda: "all changes synced" in window.downloads.sync_label.text(), timeout=WAIT_MS
        )
        rows = server_rows(
            env.world,
            "SELECT entity_type, status FROM user_progress WHERE user_id = %s "
            "AND entity_id IN (%s, %s) ORDER BY entity_type",
            (env.world.learner.id, env.ids["course"], env.ids["lesson_text"]),
        )
        assert rows[0][0] == "course"
        assert rows[0][1] in ("in_progress", "completed")
        assert rows[1] == ("lesson", "completed")

        # Back online: the banner offers to reload from the server, and does.
        qtbot.waitUntil(lambda: "Back online" in window.banner.text.text(), timeout=WAIT_MS)
        window.grab().save(str(env.shots / "back-online.png"))
        qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
        assert window.session is not None
        assert not window.session.offline
        assert window.connection_label.text().startswith("● Online")
        assert not window.banner.isVisible()
        assert not window.sidebar.item(0).isHidden()
    finally:
        _close(window)


def test_make_available_offline_is_gated_by_the_plan_then_downloads(
    qtbot: QtBot, env: Offline
) -> None:
    _give_plan(env, offline=False, name="Basic")
    _offer_plan(env, "Pro")
    session = env.online()
    window = _window(qtbot, session)
    try:
        assert window.learn is not None
        page = window.learn.open_course(env.ids["course"])
        bar = page.offline_bar  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bar.state is not None, timeout=WAIT_MS)
        # Refused, saying which plan would include it.
        assert not bar.make_button.isEnabled()
        assert bar.status.text() == (
            "⚠ Your Basic plan does not include downloading Zebra Offline Course for "
            "offline study; the Pro plan does."
        )
        assert bar.make_button.toolTip() == bar.status.text()[2:]
        qtbot.waitUntil(lambda: page.title.text() == "Zebra Offline Course", timeout=WAIT_MS)
        window.grab().save(str(env.shots / "gated.png"))

        # With a plan that includes offline study the action works: tree and videos.
        _give_plan(env, offline=True, name="Pro")
        page = window.learn.open_course(env.ids["course"])
        bar = page.offline_bar  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bar.make_button.isEnabled(), timeout=WAIT_MS)
        qtbot.mouseClick(bar.make_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "downloading" in bar.status.text(), timeout=WAIT_MS)
        assert "2 videos are downloading" in bar.status.text()
        queue = window.download_queue
        assert queue.wait_idle(timeout=30)
        items = queue.items()
        assert sorted(i.state.value for i in items) == ["done", "done"]
        assert session.cache is not None
        assert env.ids["course"] in session.cache.offline_course_ids()
        qtbot.waitUntil(lambda: bar.remove_button.isVisible(), timeout=WAIT_MS)
        sizes = sorted(i.request.dest.stat().st_size for i in items)
        assert sizes == sorted((MEDIA / f).stat().st_size for f in VIDEOS.values())

        # The lesson plays from the downloaded file.
        window.open_lesson(env.ids["lesson_1"])
        player = window.player
        qtbot.waitUntil(lambda: player.context is not None, timeout=WAIT_MS)
        assert player.context.video.is_file
        assert Path(player.context.video.location) in {i.request.dest for i in items}
        qtbot.waitUntil(lambda: player.duration_s() > 0, timeout=WAIT_MS)  # it opened
        window.learn.go_back()
        assert window.learn.current_page() is page

        # Remove the offline copy: videos and cached content go.
        qtbot.mouseClick(bar.remove_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bar.make_button.isVisible(), timeout=WAIT_MS)
        assert env.ids["course"] not in session.cache.offline_course_ids()
        assert not any(i.request.dest.exists() for i in items)
    finally:
        _close(window)


def test_offline_attempt_is_submitted_then_graded_after_sync(
    qtbot: QtBot, env: Offline, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_path(env)
    env.proxy.refuse = True
    session = env.offline()
    try:
        page = AssessmentPage(session)
        qtbot.addWidget(page)
        page.show()
        page.open_assessment(env.ids["assessment"])
        qtbot.waitUntil(page.start_button.isEnabled, timeout=WAIT_MS)
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.runner_screen, timeout=WAIT_MS)
        view = page.question_views[0]
        button = next(b for b in view.buttons if b.text() == "right")
        button.click()
        qtbot.waitUntil(lambda: page.save_label.text() == "All answers saved", timeout=WAIT_MS)
        monkeypatch.setattr(QMessageBox, "exec", lambda _box: int(QMessageBox.StandardButton.Yes))
        with qtbot.waitSignal(page.attempt_submitted_offline, timeout=WAIT_MS):
            qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
        assert page.stack.currentWidget() is page.result_screen
        assert page.result_score.text() == "Submitted, graded on sync"
        assert "after the next sync" in page.result_verdict.text()
        page.grab().save(str(env.shots / "submitted-offline.png"))

        # Back online, one sync: the server grades it and the grade comes back.
        env.proxy.refuse = False
        window = _window(qtbot, session)
        try:
            sync = window.sync
            assert sync is not None
            qtbot.waitUntil(
                lambda: sync.last_report is not None and sync.last_report.ok, timeout=WAIT_MS
            )
            graded = server_rows(
                env.world,
                "SELECT status, score FROM assessment_attempts WHERE user_id = %s",
                (env.world.learner.id,),
            )
            assert graded == [("graded", 50)]
            page.open_assessment(env.ids["assessment"])
            qtbot.waitUntil(lambda: page.history_model.rowCount() == 1, timeout=WAIT_MS)
            qtbot.waitUntil(lambda: "50 %" in page.start_attempts.text(), timeout=WAIT_MS)
        finally:
            window.close()
    finally:
        session.close()


def test_rejected_changes_are_shown_and_dismissed_sync_now_by_shortcut(
    qtbot: QtBot, env: Offline
) -> None:
    session = env.online()
    assert session.cache is not None
    cache = session.cache
    # A change this device queued that the server will refuse (an unknown status, as an
    # older or damaged client might have written).
    with cache.engine.begin() as conn:
        conn.execute(
            OutboxOp.__table__.insert().values(  # type: ignore[attr-defined]
                op_id=str(uuid.uuid4()),
                device_id=cache.device_id,
                kind="progress",
                entity_key="bad:1",
                payload=json.dumps(
                    {
                        "user_id": env.world.learner.id.hex,
                        "entity_type": "lesson",
                        "entity_id": env.ids["lesson_1"].hex,
                        "status": "finished",
                    }
                ),
                created_at=dt.datetime.now(dt.UTC),
            )
        )
    window = _window(qtbot, session)
    try:
        sync = window.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.last_report is not None, timeout=WAIT_MS)
        # Ctrl+Shift+S syncs now (a second sync: the first ran on connecting).
        first = sync.last_report
        with qtbot.waitSignal(sync.synced, timeout=WAIT_MS):
            QTest.keyClick(
                window,
                Qt.Key.Key_S,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            )
        assert sync.last_report is not first
        qtbot.waitUntil(lambda: "1 rejected" in window.sync_label.text(), timeout=WAIT_MS)
        assert "could not accept" in window.sync_label.toolTip()
        assert window.downloads is not None
        qtbot.waitUntil(lambda: not window.downloads.rejected_button.isHidden(), timeout=WAIT_MS)

        qtbot.mouseClick(window.sync_label, Qt.MouseButton.LeftButton)
        dialog = window.findChild(DeadLettersDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=WAIT_MS)
        assert "Progress: unknown progress status 'finished'" in dialog.list.item(0).text()
        dialog.grab().save(str(env.shots / "rejected.png"))
        qtbot.mouseClick(dialog.dismiss_all_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.empty.isVisible(), timeout=WAIT_MS)
        assert cache.dead_letters() == []
        qtbot.waitUntil(lambda: "rejected" not in window.sync_label.text(), timeout=WAIT_MS)
        dialog.close()
    finally:
        _close(window)


def test_closing_the_window_sends_the_last_changes(qtbot: QtBot, env: Offline) -> None:
    _copy_path(env)
    # Signed in on the offline copy; the server is reachable, so the first sync runs.
    session = env.offline()
    window = _window(qtbot, session)
    sync = window.sync
    assert sync is not None
    qtbot.waitUntil(lambda: sync.last_report is not None, timeout=WAIT_MS)
    assert sync.last_report.ok
    # Study: the next timed sync is minutes away, but the window is closed now.
    window.open_lesson(env.ids["lesson_text"])
    player = window.player
    assert player is not None
    qtbot.waitUntil(lambda: player.mark_complete_button.isVisible(), timeout=WAIT_MS)
    qtbot.mouseClick(player.mark_complete_button, Qt.MouseButton.LeftButton)
    assert session.cache is not None
    qtbot.waitUntil(lambda: session.cache.pending_count() > 0, timeout=WAIT_MS)
    _close(window)
    rows = server_rows(
        env.world,
        "SELECT status FROM user_progress WHERE user_id = %s AND entity_id = %s",
        (env.world.learner.id, env.ids["lesson_text"]),
    )
    assert rows == [("completed",)]


def test_server_lost_while_online_offers_to_study_offline(qtbot: QtBot, env: Offline) -> None:
    _copy_path(env)
    window = _window(qtbot, env.online())
    try:
        sync = window.sync
        assert sync is not None
        qtbot.waitUntil(lambda: sync.online is True, timeout=WAIT_MS)
        assert not window.banner.isVisible()

        env.proxy.refuse = True
        env.proxy.cut_all()
        sync.monitor.check_soon()
        qtbot.waitUntil(lambda: sync.online is False, timeout=WAIT_MS)
        assert window.connection_label.text().startswith("○ Offline")
        assert "The server cannot be reached" in window.banner.text.text()
        assert window.banner.button.text() == "Study offline"
        window.grab().save(str(env.shots / "server-lost.png"))

        qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
        assert window.session is not None
        assert window.session.offline
        learn = window.learn
        assert learn is not None
        # The Learn workspace now reads this computer's copy.
        assert learn.session.backend is not None
        assert learn.session.cache is not None
        assert learn.session.backend.engine is learn.session.cache.engine
        qtbot.waitUntil(lambda: learn.catalog.model.rowCount() == 1, timeout=WAIT_MS)
        assert "You are offline" in window.banner.text.text()
    finally:
        _close(window)


def test_after_a_sync_changed_videos_of_offline_courses_are_fetched(
    qtbot: QtBot, env: Offline
) -> None:
    _give_plan(env, offline=True, name="Pro")
    session = env.online()
    window = _window(qtbot, session)
    try:
        sync, copies, queue = window.sync, window.offline_copies, window.download_queue
        assert sync is not None
        assert copies is not None
        qtbot.waitUntil(lambda: sync.last_report is not None, timeout=WAIT_MS)
        made = copies.make_available("course", env.ids["course"])  # (test setup, blocking)
        assert made.videos == 2
        assert queue.wait_idle(timeout=30)

        # The author replaces a video: the next sync refreshes the course and fetches it.
        env.http.add("/video_2-v2.mp4", MEDIA / VIDEOS["video_1"])
        with env.world.su() as conn, conn.transaction():
            conn.execute(
                "UPDATE video_assets SET provider_id = %s WHERE id = %s",
                (env.http.url("/video_2-v2.mp4"), env.ids["video_2"]),
            )
        with qtbot.waitSignal(sync.synced, timeout=WAIT_MS) as synced:
            window.sync_now()
        report = synced.args[0]
        assert env.ids["video_2"] in report.changed_video_asset_ids
        qtbot.waitUntil(
            lambda: any(i.request.dest.name == "video_2-v2.mp4" for i in queue.items()),
            timeout=WAIT_MS,
        )
        assert queue.wait_idle(timeout=30)
        fresh = next(i for i in queue.items() if i.request.dest.name == "video_2-v2.mp4")
        assert fresh.state.value == "done"
        assert fresh.request.dest.stat().st_size == (MEDIA / VIDEOS["video_1"]).stat().st_size
    finally:
        _close(window)


def test_the_cache_limit_from_settings_evicts_only_fully_synced_courses(
    qtbot: QtBot, env: Offline
) -> None:
    _give_plan(env, offline=True, name="Pro")
    session = env.online()
    assert session.cache is not None
    cache = session.cache
    window = _window(qtbot, session)
    try:
        copies, queue = window.offline_copies, window.download_queue
        copies.make_available("course", env.ids["course"])  # (test setup, blocking)
        assert queue.wait_idle(timeout=30)
        course = str(env.ids["course"])
        budget = window.offline_budget()
        assert budget.limit_bytes == 10 * 1024**3  # the default
        used = budget.space_used()
        assert used > 300_000

        # The settings dialog lowers the limit below what the videos take.
        QSettings().setValue("cache/limitBytes", used // 2)
        # Work not yet on the server protects the course...
        progress.enrol(cache.uow, user_id=env.world.learner.id, course_id=env.ids["course"])
        assert cache.pending_count() > 0
        report = window.offline_budget().make_room(0)
        assert report.evicted == ()
        assert not report.fits
        assert "not synced yet" in report.message
        # ...once synced, it is the least recently used course and goes.
        with qtbot.waitSignal(window.sync.synced, timeout=WAIT_MS):
            window.sync_now()
        assert cache.pending_count() == 0
        report = window.offline_budget().make_room(0)
        assert report.evicted == (course,)
        assert env.ids["course"] not in cache.offline_course_ids()
        assert not (videos_dir(cache) / course).exists()
        assert all(i.course_id != course for i in queue.items())
    finally:
        _close(window)
