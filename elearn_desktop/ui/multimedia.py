"""Is video playback available? QtMultimedia is loaded after the first paint, and may not be.

On Linux QtMultimedia needs the system's PulseAudio client library; without it the import
fails and the app keeps running, telling the person how to enable playback.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass


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


def probe_multimedia() -> MultimediaStatus:
    try:
        importlib.import_module("PySide6.QtMultimedia")
    except ImportError as exc:
        return MultimediaStatus(False, _install_hint(str(exc)))
    return MultimediaStatus(True, "Video playback is available.")


if __name__ == "__main__":  # used by the tests in a child process
    status = probe_multimedia()
    print(f"{status.available}|{status.message}")
