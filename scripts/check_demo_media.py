#!/usr/bin/env python3
"""Check that the demo videos in resources/media/ play in QtMultimedia.

For each file: QMediaPlayer (+ QAudioOutput, QVideoSink) must reach
LoadedMedia, report a duration within +/-0.5 s of the expected one, and
deliver at least one valid video frame after play().

Runs headless (QT_QPA_PLATFORM=offscreen is set if unset). Exit code 0 when
every file passes, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import (
    QAudioOutput,
    QMediaPlayer,
    QVideoFrame,
    QVideoSink,
)

MEDIA_DIR = Path(__file__).resolve().parent.parent / "resources" / "media"
EXPECTED = {"intro-to-python.mp4": 12.0, "sql-basics.mp4": 8.0}
TOLERANCE_S = 0.5
TIMEOUT_MS = 15000


def _wait(app: QCoreApplication, cond, timeout_ms: int = TIMEOUT_MS) -> bool:
    timer = QElapsedTimer()
    timer.start()
    while not cond():
        if timer.elapsed() > timeout_ms:
            return False
        app.processEvents()
        QCoreApplication.sendPostedEvents()
    return True


def check_file(app: QCoreApplication, path: Path, expected_s: float) -> dict:
    player = QMediaPlayer()
    audio = QAudioOutput()
    audio.setVolume(0.0)
    player.setAudioOutput(audio)
    sink = QVideoSink()
    player.setVideoSink(sink)

    state = {"status": None, "error": "", "frames": 0, "frame_size": None}

    def on_status(st):
        state["status"] = st

    def on_error(err, msg):
        state["error"] = f"{err}: {msg}"

    def on_frame(frame: QVideoFrame):
        if frame.isValid():
            state["frames"] += 1
            state["frame_size"] = (frame.width(), frame.height())

    player.mediaStatusChanged.connect(on_status)
    player.errorOccurred.connect(on_error)
    sink.videoFrameChanged.connect(on_frame)

    player.setSource(QUrl.fromLocalFile(str(path)))
    loaded = _wait(
        app,
        lambda: (
            player.mediaStatus()
            in (
                QMediaPlayer.MediaStatus.LoadedMedia,
                QMediaPlayer.MediaStatus.InvalidMedia,
            )
            or bool(state["error"])
        ),
    )
    loaded = loaded and player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia
    duration_s = player.duration() / 1000.0

    if loaded:
        player.play()
        _wait(app, lambda: state["frames"] >= 3 or bool(state["error"]), 10000)
        player.stop()

    ok = (
        loaded
        and abs(duration_s - expected_s) <= TOLERANCE_S
        and state["frames"] >= 1
        and not state["error"]
    )
    result = {
        "file": path.name,
        "loaded": loaded,
        "status": str(player.mediaStatus()),
        "duration_s": duration_s,
        "expected_s": expected_s,
        "frames": state["frames"],
        "frame_size": state["frame_size"],
        "has_audio": player.hasAudio(),
        "has_video": player.hasVideo(),
        "error": state["error"],
        "ok": ok,
    }
    player.setSource(QUrl())
    player.deleteLater()
    app.processEvents()
    return result


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    all_ok = True
    for name, expected in EXPECTED.items():
        path = MEDIA_DIR / name
        if not path.is_file():
            print(f"FAIL {name}: missing ({path})")
            all_ok = False
            continue
        r = check_file(app, path, expected)
        all_ok &= r["ok"]
        print(
            f"{'OK  ' if r['ok'] else 'FAIL'} {r['file']}: loaded={r['loaded']} "
            f"duration={r['duration_s']:.3f}s (expected {r['expected_s']:.1f}s) "
            f"frames={r['frames']} size={r['frame_size']} "
            f"audio={r['has_audio']} video={r['has_video']}"
            + (f" error={r['error']!r}" if r["error"] else "")
        )
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
