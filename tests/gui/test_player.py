"""The lesson player, driven through qtbot with real playback of the demo videos offscreen.

Every test signs in as the demo learner on its own copy of a demo embedded database, plays
real media through QMediaPlayer (FFmpeg backend) and checks what reached the database.
"""

from __future__ import annotations

import random
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from elearn_desktop.config import EMBEDDED_DB_FILENAME, ENV_DATA_DIR, ENV_DATABASE_URL
from elearn_desktop.data.models import Course, Lesson, LessonPlayback, Module, StudyTime, VideoAsset
from elearn_desktop.domain.progress import COMPLETED, IN_PROGRESS, NOT_STARTED
from elearn_desktop.services import progress
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.learn import player as player_module
from elearn_desktop.ui.learn.player import LessonPlayerPage
from elearn_desktop.ui.multimedia import MultimediaStatus

LEARNER = ("learner@demo.test", "learn-demo-2026")

pytestmark = [
    pytest.mark.gui,
    # Offscreen there is no GPU: Qt's video pipeline says it converts frames on the CPU
    # instead ("No RHI backend. Using CPU conversion."). Harmless; playback is unaffected.
    pytest.mark.qt_log_ignore("No RHI backend", extend=True),
    # The offscreen platform cannot raise windows; the video widget's native window asks
    # to be raised when the player comes back into view.
    pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)", extend=True),
]

IF_AND_ELSE = demo_id("lesson:introduction-to-python:1:0")  # the 12 s video
LOOPS = demo_id("lesson:introduction-to-python:1:1")
INSTALLING = demo_id("lesson:introduction-to-python:0:1")  # text, in progress at 50 %
INTRO_COURSE = demo_id("course:introduction-to-python")
TIMEOUT = 15_000


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo embedded database, made once by a real first sign-in (migrate + demo)."""
    folder = tmp_path_factory.mktemp("player-template")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_DATA_DIR, str(folder))
        mp.delenv(ENV_DATABASE_URL, raising=False)
        sign_in(EMBEDDED_PROFILE, *LEARNER).close()
    return folder


@pytest.fixture
def learner(data_dir: Path, demo_template: Path) -> Iterator[SignedIn]:
    """The demo learner, signed in to a fresh copy of the demo database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    for source in demo_template.iterdir():
        if source.name.startswith(EMBEDDED_DB_FILENAME):  # the file and any -wal / -shm
            shutil.copy2(source, data_dir / source.name)
    session = sign_in(EMBEDDED_PROFILE, *LEARNER)
    yield session
    # Saves started by pages that were closed with the test still write: let them end.
    QThreadPool.globalInstance().waitForDone(TIMEOUT)
    session.close()


def _new_page(qtbot: QtBot, session: SignedIn) -> LessonPlayerPage:
    widget = LessonPlayerPage(session)

    def finish(page: LessonPlayerPage) -> None:
        # As a host does on quitting: leave the lesson and let its last save land.
        page.close_lesson()
        qtbot.waitUntil(lambda: not page.saves_pending(), timeout=TIMEOUT)

    qtbot.addWidget(widget, before_close_func=finish)
    widget.resize(900, 600)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    return widget


@pytest.fixture
def page(qtbot: QtBot, learner: SignedIn) -> LessonPlayerPage:
    return _new_page(qtbot, learner)


@pytest.fixture
def saves(page: LessonPlayerPage) -> list[progress.ProgressUpdate]:
    found: list[progress.ProgressUpdate] = []
    page.progress_saved.connect(found.append)
    return found


@pytest.fixture
def record_calls(monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    """Lesson ids of every record_playback call the player makes (the calls still run)."""
    calls: list[uuid.UUID] = []
    real = progress.record_playback

    def counting(*args: object, **kwargs: object) -> progress.ProgressUpdate:
        calls.append(kwargs["lesson_id"])  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(player_module.progress_service, "record_playback", counting)
    return calls


def _add_course(session: SignedIn, *lessons: tuple[str, VideoAsset | None]) -> list[uuid.UUID]:
    """A published one-module course with these lessons (1 minute each); their ids."""
    assert session.backend is not None
    ids = [uuid.uuid4() for _ in lessons]
    with session.backend.uow() as uow:
        for _title, asset in lessons:
            if asset is not None and uow.videos.get(asset.id) is None:
                uow.videos.add(asset)
        uow.courses.add(
            Course(
                id=uuid.uuid4(),
                title="Player Test Course",
                slug=f"player-test-{uuid.uuid4().hex[:8]}",
                status="published",
                duration=len(lessons),
                modules=[
                    Module(
                        title="Only module",
                        order_index=0,
                        lessons=[
                            Lesson(
                                id=lesson_id,
                                title=title,
                                description=f"{title}, for the player tests.",
                                order_index=index,
                                duration=1,
                                video_asset_id=asset.id if asset is not None else None,
                            )
                            for index, (lesson_id, (title, asset)) in enumerate(
                                zip(ids, lessons, strict=True)
                            )
                        ],
                    )
                ],
            )
        )
        uow.commit()
    return ids


def _file_asset(path: Path) -> VideoAsset:
    return VideoAsset(id=uuid.uuid4(), title=path.name, provider="file", provider_id=str(path))


def _context(session: SignedIn, lesson_id: uuid.UUID) -> progress.LessonContext:
    assert session.backend is not None
    return progress.lesson_context(
        session.backend.uow, user_id=session.user.id, lesson_id=lesson_id
    )


def _playback_row(session: SignedIn, lesson_id: uuid.UUID) -> bool:
    assert session.backend is not None
    with session.backend.uow() as uow:
        return uow.session.get(LessonPlayback, (session.user.id, lesson_id)) is not None


def _open(qtbot: QtBot, page: LessonPlayerPage, lesson_id: uuid.UUID) -> None:
    with qtbot.waitSignal(page.lesson_loaded, timeout=TIMEOUT):
        page.open_lesson(lesson_id)


def _open_playing(qtbot: QtBot, page: LessonPlayerPage, lesson_id: uuid.UUID) -> None:
    _open(qtbot, page, lesson_id)
    qtbot.waitUntil(page.is_playing, timeout=TIMEOUT)


# --------------------------------------------------------------------------- playback


def test_video_plays_and_leaving_saves_what_was_watched(
    qtbot: QtBot, page: LessonPlayerPage, learner: SignedIn, saves: list[progress.ProgressUpdate]
) -> None:
    _open_playing(qtbot, page, IF_AND_ELSE)
    assert page.stack.currentWidget() is page.stage
    assert page.title_label.text() == "If and else"
    assert "Introduction to Python › Control flow" in page.where_label.text()
    assert page.duration_s() == pytest.approx(12.0, abs=0.2)
    start = page.position_s()
    qtbot.waitUntil(lambda: page.position_s() >= start + 1.5, timeout=TIMEOUT)
    assert page.position_slider.value() > 0
    assert page.time_label.text().endswith("/ 0:12")
    assert page.tracker is not None
    assert page.tracker.coverage > 0.1
    assert page.status_label.text().startswith("In progress")

    # Opening another lesson saves the first one where the person left it.
    with qtbot.waitSignal(page.progress_saved, timeout=TIMEOUT) as saved:
        page.open_lesson(LOOPS)
    update = saved.args[0]
    assert update.lesson_id == IF_AND_ELSE
    assert update.lesson.status == IN_PROGRESS
    assert update.resume_position_s is not None
    assert update.resume_position_s >= start + 1.5
    stored = _context(learner, IF_AND_ELSE)
    assert stored.watched == update.watched
    assert stored.percentage == update.lesson.percentage > 10


def test_pausing_saves_and_reopening_resumes_there(
    qtbot: QtBot, page: LessonPlayerPage, learner: SignedIn
) -> None:
    _open_playing(qtbot, page, IF_AND_ELSE)
    qtbot.waitUntil(lambda: page.position_s() >= 3.0, timeout=TIMEOUT)
    with qtbot.waitSignal(page.progress_saved, timeout=TIMEOUT) as saved:
        page.toggle_play()
    paused_at = page.position_s()
    assert not page.is_playing()
    assert saved.args[0].resume_position_s == pytest.approx(paused_at, abs=0.3)
    assert _context(learner, IF_AND_ELSE).resume_position_s == pytest.approx(paused_at, abs=0.3)

    # A new player (as after a restart) resumes at the saved place, without playing.
    again = _new_page(qtbot, learner)
    again.autoplay = False
    _open(qtbot, again, IF_AND_ELSE)
    qtbot.waitUntil(again.is_ready, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: abs(again.position_s() - paused_at) < 0.5, timeout=TIMEOUT)
    assert not again.is_playing()
    assert again.time_label.text().startswith("0:03") or again.time_label.text().startswith("0:04")


def test_periodic_saves_defer_roll_ups_and_pausing_rolls_up(
    qtbot: QtBot,
    page: LessonPlayerPage,
    learner: SignedIn,
    saves: list[progress.ProgressUpdate],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roll_ups: list[bool] = []
    real = progress.record_playback

    def recording(*args: object, **kwargs: object) -> progress.ProgressUpdate:
        roll_ups.append(bool(kwargs["roll_up"]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(player_module.progress_service, "record_playback", recording)
    _open_playing(qtbot, page, IF_AND_ELSE)
    # The first save while playing is the periodic one (every 5 s): it rolls nothing up.
    qtbot.waitUntil(lambda: len(saves) >= 1, timeout=TIMEOUT)
    assert roll_ups[0] is False
    tick = saves[0]
    assert (tick.module, tick.course) == (None, None)
    assert tick.lesson.percentage > 0
    assert page.status_label.text().startswith("In progress")

    # Pausing saves in full: the lesson's row and its module and course roll-ups.
    with qtbot.waitSignal(page.progress_saved, timeout=TIMEOUT) as saved:
        page.toggle_play()
    assert roll_ups[-1] is True
    paused = saved.args[0]
    assert paused.module is not None
    assert paused.course is not None
    assert paused.course.entity_id == INTRO_COURSE
    stored = _context(learner, IF_AND_ELSE)
    assert stored.percentage == paused.lesson.percentage >= tick.lesson.percentage


def test_double_speed_plays_twice_as_fast(qtbot: QtBot, page: LessonPlayerPage) -> None:
    _open_playing(qtbot, page, IF_AND_ELSE)
    page.speed_combo.setCurrentIndex(page.speed_combo.findText("2×"))
    assert page.player.playbackRate() == 2.0
    start_pos, start_clock = page.position_s(), time.monotonic()
    qtbot.waitUntil(lambda: page.position_s() >= start_pos + 3.0, timeout=TIMEOUT)
    speed = (page.position_s() - start_pos) / (time.monotonic() - start_clock)
    assert speed > 1.5  # about 2 seconds of video per second; 1× would be about 1


def test_jumping_near_the_end_and_finishing_does_not_complete(
    qtbot: QtBot,
    page: LessonPlayerPage,
    learner: SignedIn,
    saves: list[progress.ProgressUpdate],
) -> None:
    page.autoplay = False
    _open(qtbot, page, IF_AND_ELSE)
    qtbot.waitUntil(page.is_ready, timeout=TIMEOUT)
    page.seek(0.95 * page.duration_s())
    page.toggle_play()
    qtbot.waitUntil(page.end_panel.isVisible, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(saves) and not page.saves_pending(), timeout=TIMEOUT)

    last = saves[-1]
    assert (last.lesson.status, last.completed_now) == (IN_PROGRESS, False)
    assert last.lesson.percentage <= 10  # only the last 5 % was watched
    assert _context(learner, IF_AND_ELSE).status == IN_PROGRESS

    # The end offers the next lesson.
    assert page.next_button.isVisible()
    assert "Loops" in page.end_label.text()
    with qtbot.waitSignal(page.next_lesson_requested, timeout=TIMEOUT) as requested:
        qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert requested.args == [LOOPS]


def test_watching_ninety_percent_completes_and_the_course_rises(
    qtbot: QtBot,
    page: LessonPlayerPage,
    learner: SignedIn,
    saves: list[progress.ProgressUpdate],
) -> None:
    assert learner.backend is not None
    clip = VideoAsset(
        id=uuid.uuid4(), title="Clip", provider="demo", provider_id="media/intro-to-python.mp4"
    )
    video, text = _add_course(learner, ("Watch me", clip), ("Read me", None))
    course_id = _context(learner, video).course_id
    assert course_id is not None
    progress.enrol(learner.backend.uow, user_id=learner.user.id, course_id=course_id)
    before = progress.course_progress(
        learner.backend.uow, user_id=learner.user.id, course_id=course_id
    )
    assert (before.status, before.percentage) == (IN_PROGRESS, 0)

    changes: list[progress.ProgressUpdate] = []
    page.progress_changed.connect(changes.append)
    page.set_playback_rate(2.0)
    started = time.monotonic()
    _open_playing(qtbot, page, video)
    assert page.player.playbackRate() == 2.0
    qtbot.waitUntil(lambda: any(s.completed_now for s in saves), timeout=TIMEOUT)
    wall = time.monotonic() - started

    done = next(s for s in saves if s.completed_now)
    assert (done.lesson.status, done.lesson.percentage) == (COMPLETED, 100)
    assert done.course is not None
    assert (done.course.status, done.course.percentage) == (IN_PROGRESS, 50)
    assert done in changes
    assert page.status_label.text().startswith("✓ Completed")
    # A save every few seconds while playing: one came before the end (6 s at 2×).
    assert len(saves) >= 2
    after = progress.course_progress(
        learner.backend.uow, user_id=learner.user.id, course_id=course_id
    )
    assert after.percentage == 50 > before.percentage
    assert after.next_lesson_id == text
    # Study time is the wall-clock time spent watching: about 6 s for 12 s at 2×.
    with learner.backend.uow() as uow:
        studied = sum(
            row.seconds
            for row in uow.session.query(StudyTime).filter_by(
                user_id=learner.user.id, lesson_id=video
            )
        )
    assert 4.0 < studied <= wall


# Fullscreen turns the stage into a window of its own; the offscreen platform cannot
# re-parent the video widget's native window and says so. On a desktop this is silent.
@pytest.mark.qt_log_ignore("This plugin does not support setParent", extend=True)
def test_keyboard_shortcuts(qtbot: QtBot, page: LessonPlayerPage) -> None:
    _open_playing(qtbot, page, IF_AND_ELSE)
    qtbot.waitUntil(lambda: page.position_s() >= 0.5, timeout=TIMEOUT)
    page.setFocus()

    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.is_playing(), timeout=TIMEOUT)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.waitUntil(page.is_playing, timeout=TIMEOUT)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.is_playing(), timeout=TIMEOUT)

    before = page.position_s()
    qtbot.keyClick(page, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: page.position_s() >= before + 4.5, timeout=TIMEOUT)
    qtbot.keyClick(page, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: page.position_s() <= before + 0.5, timeout=TIMEOUT)
    # The jump was not watching.
    assert page.tracker is not None
    assert not any(s <= before + 3 and e >= before + 4 for s, e in page.tracker.ranges)

    qtbot.keyClick(page, Qt.Key.Key_M)
    assert page.is_muted()
    assert page.audio.isMuted()
    assert page.mute_button.accessibleName() == "Unmute"
    qtbot.keyClick(page, Qt.Key.Key_M)
    assert not page.audio.isMuted()

    qtbot.keyClick(page, Qt.Key.Key_F)
    assert page.is_fullscreen()
    qtbot.waitUntil(lambda: page.stage.isFullScreen(), timeout=TIMEOUT)
    qtbot.keyClick(page.stage, Qt.Key.Key_Space)  # the keys work on the fullscreen stage
    qtbot.waitUntil(page.is_playing, timeout=TIMEOUT)
    qtbot.keyClick(page.stage, Qt.Key.Key_Escape)
    assert not page.is_fullscreen()
    assert page.stage.isVisible()
    assert page.stack.currentWidget() is page.stage
    qtbot.keyClick(page, Qt.Key.Key_F)
    assert page.is_fullscreen()
    qtbot.keyClick(page, Qt.Key.Key_F)
    assert not page.is_fullscreen()


def test_controls_are_named_and_say_their_keys(qtbot: QtBot, page: LessonPlayerPage) -> None:
    _open_playing(qtbot, page, IF_AND_ELSE)
    controls = {
        page.play_button: "Space",
        page.position_slider: "←",
        page.mute_button: "(M)",
        page.fullscreen_button: "(F)",
        page.speed_combo: "",
        page.volume_slider: "",
    }
    for control, key in controls.items():
        assert control.accessibleName(), control
        assert key in control.toolTip(), control.toolTip()
    assert page.play_button.accessibleName() == "Pause"
    assert [page.speed_combo.itemText(i) for i in range(page.speed_combo.count())] == [
        "0.5×",
        "0.75×",
        "1×",
        "1.25×",
        "1.5×",
        "1.75×",
        "2×",
    ]


# --------------------------------------------------------------------------- failures


def test_a_missing_file_is_explained_and_records_nothing(
    qtbot: QtBot,
    page: LessonPlayerPage,
    learner: SignedIn,
    tmp_path: Path,
    record_calls: list[uuid.UUID],
) -> None:
    (lesson,) = _add_course(learner, ("Gone", _file_asset(tmp_path / "gone.mp4")))
    _open(qtbot, page, lesson)
    assert page.stack.currentWidget() is page.message_label
    assert "video file of this lesson is missing" in page.message_label.text()
    assert str(tmp_path / "gone.mp4") in page.message_label.text()
    qtbot.keyClick(page, Qt.Key.Key_Space)  # nothing to play
    page.close_lesson()
    assert record_calls == []
    assert _context(learner, lesson).status == NOT_STARTED
    assert not _playback_row(learner, lesson)


# FFmpeg reports the damaged file in its own words while Qt tries to open it; the page
# then shows its own plain message, which is what this test checks.
@pytest.mark.qt_log_ignore("qt.multimedia", "Invalid data", "moov atom", extend=True)
def test_a_corrupt_file_is_explained_and_records_nothing(
    qtbot: QtBot,
    page: LessonPlayerPage,
    learner: SignedIn,
    tmp_path: Path,
    record_calls: list[uuid.UUID],
) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(random.Random(5).randbytes(64 * 1024))
    (lesson,) = _add_course(learner, ("Broken", _file_asset(broken)))
    _open(qtbot, page, lesson)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.message_label, timeout=TIMEOUT)
    text = page.message_label.text()
    assert text.startswith("This video cannot be played")
    assert "Your progress in this lesson is unchanged." in text
    assert not page.is_ready()
    page.close_lesson()
    assert record_calls == []
    assert _context(learner, lesson).status == NOT_STARTED
    assert not _playback_row(learner, lesson)


def test_a_lesson_that_is_gone_is_explained(qtbot: QtBot, page: LessonPlayerPage) -> None:
    page.open_lesson(uuid.uuid4())
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.message_label, timeout=TIMEOUT)
    assert page.message_label.text() == (
        "This lesson could not be opened: this lesson no longer exists."
    )
    page.set_fullscreen(True)  # nothing to show fullscreen
    assert not page.is_fullscreen()
    assert not page.fullscreen_button.isChecked()


def test_without_qt_multimedia_the_page_says_why(
    qtbot: QtBot, page: LessonPlayerPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = "Video playback is off: the PulseAudio library is missing."
    monkeypatch.setattr(player_module, "probe_multimedia", lambda: MultimediaStatus(False, message))
    _open(qtbot, page, IF_AND_ELSE)
    assert page.stack.currentWidget() is page.message_label
    assert page.message_label.text() == message
    assert page.player is None


# --------------------------------------------------------------------------- text lessons


def test_a_text_lesson_is_marked_complete(
    qtbot: QtBot, page: LessonPlayerPage, learner: SignedIn
) -> None:
    assert learner.backend is not None
    before = progress.course_progress(
        learner.backend.uow, user_id=learner.user.id, course_id=INTRO_COURSE
    )
    _open(qtbot, page, INSTALLING)
    assert page.stack.currentWidget() is page.text_page
    assert "Installing Python" in page.text_view.toPlainText()
    assert page.status_label.text() == "In progress · 50 %"
    assert page.mark_complete_button.isEnabled()
    assert page.player is None  # a text lesson does not load QtMultimedia

    with qtbot.waitSignal(page.progress_changed, timeout=TIMEOUT) as changed:
        qtbot.mouseClick(page.mark_complete_button, Qt.MouseButton.LeftButton)
    update = changed.args[0]
    assert (update.lesson.status, update.completed_now) == (COMPLETED, True)
    assert update.module is not None
    assert update.module.status == COMPLETED  # "Getting started" is now done
    assert update.course is not None
    assert update.course.percentage > before.percentage
    assert not page.mark_complete_button.isEnabled()
    assert page.mark_complete_button.text() == "Completed ✓"
    assert page.status_label.text() == "✓ Completed"
    assert _context(learner, INSTALLING).status == COMPLETED

    with qtbot.waitSignal(page.next_lesson_requested, timeout=TIMEOUT) as requested:
        qtbot.mouseClick(page.text_next_button, Qt.MouseButton.LeftButton)
    assert requested.args == [IF_AND_ELSE]
