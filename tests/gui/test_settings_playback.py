"""Playback defaults from Settings in the real player: autoplay next at the end of a video."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui import preferences
from tests.gui.test_player import (  # the player's own fixtures: a real demo database
    IF_AND_ELSE,
    LOOPS,
    TIMEOUT,
    _new_page,
    _open,
    demo_template,  # noqa: F401  (fixture used by `learner`)
    learner,  # noqa: F401  (fixture)
)
from tests.gui.test_player import pytestmark as player_marks

# The same harmless offscreen video messages as the player's own tests.
pytestmark = player_marks


def test_autoplay_next_goes_on_to_the_next_lesson_when_a_video_ends(
    qtbot: QtBot,
    learner: SignedIn,  # noqa: F811
) -> None:
    QSettings().setValue(preferences.AUTOPLAY_NEXT, True)
    page = _new_page(qtbot, learner)
    page.autoplay = False
    _open(qtbot, page, IF_AND_ELSE)
    qtbot.waitUntil(page.is_ready, timeout=TIMEOUT)
    page.seek(0.95 * page.duration_s())
    with qtbot.waitSignal(page.next_lesson_requested, timeout=TIMEOUT) as requested:
        page.toggle_play()  # plays the last 5 % and ends: nobody clicks "Next"
    assert requested.args == [LOOPS]
