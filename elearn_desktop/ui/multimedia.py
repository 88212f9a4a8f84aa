"""Is video playback available? QtMultimedia is loaded after the first paint, and may not be.

Once loaded, its backend is started at once (:func:`warm_up`), before anyone opens a lesson.

On Linux QtMultimedia needs the system's PulseAudio client library; without it the import
fails and the app keeps running, telling the person how to enable playback.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QMetaObject, QObject, Qt


@dataclass(frozen=True, slots=True)
class MultimediaStatus:
    available: bool
    message: str


def _install_hint(detail: str) -> str:
    if sys.platform.startswith("linux"):
        if "libpulse" in detail:
            return (
                "Video playback is off: the PulseAudio library is missing. "
                "Install it (Debian/Ubuntu: sudo apt-get install libpulse0) and restart."
            )
        return (
            "Video playback is off: Qt Multimedia could not load "
            f"({detail}). Install the missing system library and restart."
        )
    return f"Video playback is off: Qt Multimedia could not load ({detail})."


def control(player: QObject, slot: Literal["play", "pause", "stop"]) -> None:
    """Call ``player.play()``/``pause()``/``stop()`` with Python's GIL released.

    A plain Python call keeps the GIL while Qt runs. Qt's FFmpeg backend destroys its audio
    and video renderers on their own threads; the renderer's ``~QObject`` then asks the
    Python wrapper of our ``QAudioOutput`` whether Python overrides ``disconnectNotify``,
    which needs the GIL, while holding the signal lock that ``stop()`` on the GUI thread
    waits for: both threads wait forever (seen in CI, PySide6 6.11). ``invokeMethod``
    with a direct connection runs the same slot synchronously but releases the GIL.
    """
    QMetaObject.invokeMethod(player, slot, Qt.ConnectionType.DirectConnection)


def warm_up() -> None:
    """Start QtMultimedia's backend now, on the GUI thread, while the app is idle.

    The first ``QMediaPlayer`` or ``QAudioOutput`` of a process loads the FFmpeg backend
    and opens the audio system (~7 ms here, most of making a player). The app calls this
    once after its first paint, when QtMultimedia has loaded: the first lesson a person
    opens then makes its player in well under a millisecond (issue #8, workload 9).
    Asking for the default audio output is the cheapest call that starts both.
    """
    from PySide6.QtMultimedia import QMediaDevices

    QMediaDevices.defaultAudioOutput()


def probe_multimedia() -> MultimediaStatus:
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError as exc:
        return MultimediaStatus(False, _install_hint(str(exc)))
    return MultimediaStatus(True, "Video playback is available.")


if __name__ == "__main__":  # used by the tests in a child process
    status = probe_multimedia()
    print(f"{status.available}|{status.message}")
