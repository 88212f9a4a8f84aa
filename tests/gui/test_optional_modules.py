"""After the first paint the app loads QtMultimedia off the GUI thread, then starts its
backend on the GUI thread (so the first lesson's player is quick to make)."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from elearn_desktop.ui import multimedia
from elearn_desktop.ui.application import build_window, load_optional_modules
from elearn_desktop.ui.multimedia import MultimediaStatus


@pytest.fixture
def warmed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records each warm-up (True: it ran on the GUI thread), then really warms up."""
    calls: list[bool] = []
    real = multimedia.warm_up

    def recording() -> None:
        calls.append(threading.current_thread() is threading.main_thread())
        real()

    monkeypatch.setattr(multimedia, "warm_up", recording)
    return calls


def test_multimedia_backend_is_started_on_the_gui_thread_once_loaded(
    qtbot: QtBot, warmed: list[bool]
) -> None:
    window = build_window()
    qtbot.addWidget(window)
    load_optional_modules(window)
    qtbot.waitUntil(lambda: warmed != [], timeout=10_000)
    assert warmed == [True]
    assert window.playback_label.text() == ""
    # With the backend started, a player and its audio output are made as in the page.
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    player = QMediaPlayer()
    player.setAudioOutput(QAudioOutput(player))
    assert player.audioOutput() is not None


def test_without_multimedia_nothing_is_started_and_the_window_says_why(
    qtbot: QtBot, warmed: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    message = "Video playback is off: the PulseAudio library is missing."
    monkeypatch.setattr(multimedia, "probe_multimedia", lambda: MultimediaStatus(False, message))
    window = build_window()
    qtbot.addWidget(window)
    load_optional_modules(window)
    qtbot.waitUntil(lambda: window.playback_label.text() == message, timeout=10_000)
    assert warmed == []
