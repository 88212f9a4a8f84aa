"""What `elearn-desktop --smoke` checks after the window shows the catalog.

The files the app reads at run time must be where it looks for them, and QtMultimedia's
backend must open a video. From source that is a sanity check; from a PyInstaller bundle
it proves build.spec shipped them:

* the embedded database was migrated to the head revision by the Alembic scripts in
  ``config.ALEMBIC_DIR`` (inside the bundle when frozen);
* every demo video the database names is a file in ``config.RESOURCES_DIR``;
* a throwaway encrypted local cache is created and migrated by the cache's own Alembic
  scripts (``sync/cache_alembic``) through SQLCipher;
* a ``QMediaPlayer`` loads one of them (the FFmpeg plugin and its libraries load);
* the SVG app icon renders (Qt's SVG icon engine plugin is there).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Slot

from elearn_desktop import config
from elearn_desktop.ui.multimedia import probe_multimedia
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

#: How long the media backend may take to open a demo video.
VIDEO_TIMEOUT_MS = 15_000


class SmokeCheckError(RuntimeError):
    """A run-time file or the media backend is missing; the message says which."""


@dataclass(frozen=True, slots=True)
class FileReport:
    script_location: Path
    revision: str
    cache_revision: str
    videos: tuple[Path, ...]

    def lines(self) -> list[str]:
        return [
            f"smoke: schema at {self.revision}, migrated from {self.script_location}",
            f"smoke: an encrypted offline cache migrated to {self.cache_revision}",
            f"smoke: {len(self.videos)} demo videos found in {config.RESOURCES_DIR / 'media'}",
        ]


def check_files(database_url: str) -> FileReport:
    """Migrations and demo media of the embedded database (runs on a pool thread)."""
    from sqlalchemy import select

    from elearn_desktop.data import migrations
    from elearn_desktop.data.engines import create_server_engine
    from elearn_desktop.data.models import VideoAsset
    from elearn_desktop.services.demo import DEMO_PROVIDER
    from elearn_desktop.services.media import resolve_video_source

    location = Path(migrations.alembic_config().get_main_option("script_location") or "")
    bundle = config.bundle_root()
    if bundle is not None and not location.resolve().is_relative_to(bundle):
        raise SmokeCheckError(f"migrations ran from {location}, not from the bundle {bundle}")
    engine = create_server_engine(database_url)
    try:
        status = migrations.schema_status(engine)
        with engine.connect() as conn:
            assets = conn.execute(
                select(VideoAsset.provider, VideoAsset.provider_id).where(
                    VideoAsset.provider == DEMO_PROVIDER
                )
            ).all()
    finally:
        engine.dispose()
    if not status.up_to_date:
        raise SmokeCheckError(f"the embedded database is at {status.current}, not at {status.head}")
    if not assets:
        raise SmokeCheckError("the demo content names no demo videos")
    videos: list[Path] = []
    for asset in assets:
        source = resolve_video_source(asset)
        if not source.exists:
            raise SmokeCheckError(f"the demo video {source.location} is missing")
        videos.append(Path(source.location))
    return FileReport(
        script_location=location,
        revision=status.head,
        cache_revision=_check_cache(),
        videos=tuple(sorted(set(videos))),
    )


def _check_cache() -> str:
    from alembic.runtime.migration import MigrationContext

    from elearn_desktop.sync.cache import cache_head_revision, open_cache

    with (
        tempfile.TemporaryDirectory(prefix="elearn-smoke-cache-") as folder,
        open_cache(Path(folder), os.urandom(32)) as cache,
        cache.engine.connect() as conn,
    ):
        current = MigrationContext.configure(
            conn, opts={"version_table": "cache_version"}
        ).get_current_revision()
    head = cache_head_revision()
    if current != head:
        raise SmokeCheckError(f"a new offline cache is at {current}, not at {head}")
    return head


class SmokeChecks(QObject):
    """Runs the checks, prints one line each, then calls ``done(exit_code)`` once."""

    def __init__(self, parent: QObject, *, done: Callable[[int], None]) -> None:
        super().__init__(parent)
        self._done: Callable[[int], None] | None = done
        self._player: QObject | None = None
        self._video = ""
        self._timer = QTimer(self, singleShot=True, interval=VIDEO_TIMEOUT_MS)
        self._timer.timeout.connect(self._video_timed_out)

    def start(self) -> None:
        # The window icon is SVG: without Qt's SVG icon engine plugin it renders as nothing.
        if icon("app").pixmap(64, 64).isNull():
            self._failed(SmokeCheckError("the app icon does not render (no SVG support)"))
            return
        print("smoke: the SVG app icon renders")
        url = config.embedded_database_url()
        BackgroundOp(lambda: check_files(url), label="smoke file checks").on_success(
            self._files_checked
        ).on_failure(self._failed).run(parent=self)

    @Slot(object)
    def _files_checked(self, report: FileReport) -> None:
        for line in report.lines():
            print(line)
        # Imported here, as the main window does: QtMultimedia is slow to load, and may
        # not load at all (no libpulse0), which the smoke reports as a failure.
        multimedia = probe_multimedia()
        if not multimedia.available:
            self._failed(SmokeCheckError(multimedia.message))
            return
        from PySide6.QtMultimedia import QMediaPlayer

        player = QMediaPlayer(self)
        player.mediaStatusChanged.connect(self._status_changed)
        player.errorOccurred.connect(self._player_error)
        self._player = player
        self._video = str(report.videos[0])
        self._timer.start()
        player.setSource(QUrl.fromLocalFile(self._video))

    @Slot(object)
    def _status_changed(self, status: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        player = self._player
        if not isinstance(player, QMediaPlayer):
            return
        if status == QMediaPlayer.MediaStatus.LoadedMedia:
            seconds = player.duration() / 1000
            print(f"smoke: the media backend opened {Path(self._video).name} ({seconds:.1f} s)")
            self._finish(0)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._failed(SmokeCheckError(f"the media backend cannot play {self._video}"))

    @Slot(object, str)
    def _player_error(self, _error: object, message: str) -> None:
        self._failed(SmokeCheckError(f"the media backend failed on {self._video}: {message}"))

    @Slot()
    def _video_timed_out(self) -> None:
        self._failed(SmokeCheckError(f"the media backend did not open {self._video} in time"))

    def _failed(self, exc: BaseException) -> None:
        if self._done is None:  # already reported (an error and InvalidMedia both come)
            return
        print(f"smoke: failed: {exc}")
        self._finish(1)

    def _finish(self, code: int) -> None:
        self._timer.stop()
        done, self._done = self._done, None
        if done is not None:
            done(code)
