"""Attach a video to a lesson (a file on this computer or a web address), with a preview.

The video is measured before it can be attached: QtMultimedia's player reports its
duration (``durationChanged``; the decoding runs on QtMultimedia's own threads), or —
without QtMultimedia — ffmpeg measures a file on a worker thread. A broken or unreadable
file is said in words and cannot be attached. QtMultimedia is imported lazily: it may be
unavailable (see :mod:`elearn_desktop.ui.multimedia`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.publishing import PROVIDER_ID_MAX, VIDEO_TITLE_MAX
from elearn_desktop.services import authoring
from elearn_desktop.ui.multimedia import control, probe_multimedia
from elearn_desktop.ui.ops import BackgroundOp

VIDEO_FILTER = QT_TRANSLATE_NOOP(
    "VideoDialog", "Videos (*.mp4 *.m4v *.mov *.webm *.mkv *.avi);;All files (*)"
)
#: How long the player may take to report a duration before ffmpeg is asked instead.
PLAYER_PROBE_TIMEOUT_MS = 15_000
PREVIEW_SIZE = QSize(320, 180)


@dataclass(frozen=True, slots=True)
class VideoChoice:
    """What to attach: a file or an address, its title and (if measured) its length."""

    title: str
    path: Path | None = None
    url: str | None = None
    seconds: float | None = None


def _length_text(seconds: float) -> str:
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


class VideoPreview(QWidget):
    """A small player; reports the duration of what it loads, or why it cannot play it.

    Frames go through a ``QVideoSink`` into a label (no native video surface), so the
    preview also shows offscreen and in screenshots; the first frame is shown on load.
    """

    duration_known = Signal(float)  # seconds
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPreview")
        self.player: Any = None
        self._audio: Any = None
        self._reported = False
        status = probe_multimedia()
        self.available = status.available
        self.screen = QLabel(self.tr("No video chosen yet"))
        self.screen.setObjectName("previewScreen")
        self.screen.setAccessibleName(self.tr("Video preview"))
        self.screen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screen.setMinimumSize(PREVIEW_SIZE)
        self.screen.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.screen.setStyleSheet("background: #202124; color: #bdc1c6; border-radius: 4px;")
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("previewPlay")
        self.play_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen, 1)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addStretch(1)
        layout.addLayout(controls)
        if not self.available:
            self.screen.setText(status.message)
            self.screen.setWordWrap(True)
            return
        multimedia = importlib.import_module("PySide6.QtMultimedia")
        self.player = multimedia.QMediaPlayer(self)
        self._audio = multimedia.QAudioOutput(self)
        self.player.setAudioOutput(self._audio)
        self._sink = multimedia.QVideoSink(self)
        self.player.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self.player.durationChanged.connect(self._on_duration)
        self.player.errorOccurred.connect(self._on_error)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.playbackStateChanged.connect(self._on_state)
        self._media_status = multimedia.QMediaPlayer.MediaStatus
        self._playing = multimedia.QMediaPlayer.PlaybackState.PlayingState
        self.play_button.clicked.connect(self.toggle)

    def load(self, url: QUrl) -> None:
        self._reported = False
        if self.player is None:
            return
        control(self.player, "stop")
        self.play_button.setEnabled(False)
        self.screen.setPixmap(QPixmap())
        self.screen.setText(self.tr("Loading…"))
        self.player.setSource(url)

    def clear(self) -> None:
        self._reported = True
        self.screen.setPixmap(QPixmap())
        self.screen.setText(self.tr("No video chosen yet"))
        if self.player is not None:
            control(self.player, "stop")
            self.player.setSource(QUrl())
            self.play_button.setEnabled(False)

    def toggle(self) -> None:
        if self.player is None:
            return
        if self.player.playbackState() == self._playing:
            control(self.player, "pause")
        else:
            control(self.player, "play")

    @Slot(object)
    def _on_frame(self, frame: Any) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self.screen.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.screen.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _on_duration(self, ms: int) -> None:
        if ms > 0 and not self._reported:
            self._reported = True
            self.play_button.setEnabled(True)
            if self.screen.pixmap().isNull():
                self.screen.setText(self.tr("Press Play to preview"))
            self.duration_known.emit(ms / 1000.0)

    def _on_status(self, status: Any) -> None:
        if status == self._media_status.LoadedMedia and self.player is not None:
            control(self.player, "pause")  # shows the first frame
        if status == self._media_status.InvalidMedia and not self._reported:
            self._reported = True
            self.screen.setText(self.tr("Cannot play this"))
            self.failed.emit(self.tr("it is not a video this app can play"))

    def _on_error(self, _error: Any, message: str) -> None:
        if not self._reported:
            self._reported = True
            self.screen.setText(self.tr("Cannot play this"))
            self.failed.emit(message or self.tr("it cannot be played"))

    def _on_state(self, state: Any) -> None:
        self.play_button.setText(self.tr("Pause") if state == self._playing else self.tr("Play"))

    def stop(self) -> None:
        if self.player is not None:
            control(self.player, "stop")


class VideoDialog(QDialog):
    """Choose a video for the lesson titled ``lesson_title``; ``choice`` after accept."""

    def __init__(self, *, lesson_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoDialog")
        self.setWindowTitle(
            self.tr("Attach a video — {lesson_title}").format(lesson_title=lesson_title)
        )
        self.choice: VideoChoice | None = None
        self._seconds: float | None = None
        self._error: str | None = None
        self._measuring = False
        self._title_touched = False
        self._token = 0  # which source a probe result belongs to

        self.from_file = QRadioButton(self.tr("A file on this computer"))
        self.from_file.setChecked(True)
        self.from_url = QRadioButton(self.tr("A web address (http or https)"))
        group = QButtonGroup(self)
        group.addButton(self.from_file)
        group.addButton(self.from_url)
        self.path_edit = QLineEdit(placeholderText="/path/to/video.mp4")
        self.path_edit.setObjectName("videoPath")
        self.path_edit.setAccessibleName(self.tr("Video file"))
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.url_edit = QLineEdit(placeholderText="https://videos.example.org/lesson.mp4")
        self.url_edit.setObjectName("videoUrl")
        self.url_edit.setAccessibleName(self.tr("Video address"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("videoTitle")
        self.title_edit.setAccessibleName(self.tr("Video title"))
        self.title_edit.setMaxLength(VIDEO_TITLE_MAX)
        self.provider_label = QLabel()
        self.provider_label.setObjectName("videoProvider")
        self.provider_label.setWordWrap(True)
        self.status_label = QLabel(self.tr("Choose a file or enter an address."))
        self.status_label.setObjectName("videoStatus")
        self.status_label.setWordWrap(True)
        self.preview = VideoPreview(self)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.from_file)
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.from_url)
        form.addRow(self.tr("Address:"), self.url_edit)
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Provider:"), self.provider_label)

        self.buttons = QDialogButtonBox()
        self.attach_button = QPushButton(self.tr("Attach"))
        self.attach_button.setObjectName("videoAttach")
        self.attach_button.setEnabled(False)
        self.buttons.addButton(self.attach_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self, singleShot=True, interval=400)
        self._debounce.timeout.connect(self._measure)
        self._player_timeout = QTimer(self, singleShot=True, interval=PLAYER_PROBE_TIMEOUT_MS)
        self._player_timeout.timeout.connect(self._player_too_slow)
        self.browse_button.clicked.connect(self._browse)
        self.path_edit.textChanged.connect(self._source_changed)
        self.url_edit.textChanged.connect(self._source_changed)
        self.from_file.toggled.connect(self._mode_changed)
        self.title_edit.textEdited.connect(self._title_edited)
        self.title_edit.textChanged.connect(self._update_buttons)
        self.preview.duration_known.connect(self._measured)
        self.preview.failed.connect(self._unplayable)
        self._mode_changed()
        self.resize(620, 560)

    # -- input -------------------------------------------------------------------------

    @property
    def is_file(self) -> bool:
        return self.from_file.isChecked()

    def _mode_changed(self) -> None:
        self.path_edit.setEnabled(self.is_file)
        self.browse_button.setEnabled(self.is_file)
        self.url_edit.setEnabled(not self.is_file)
        self.provider_label.setText(
            self.tr("file — copied into the media library when attached")
            if self.is_file
            else self.tr("url — played from the web address")
        )
        self._source_changed()

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a video"), "", self.tr(VIDEO_FILTER)
        )
        if path:
            self.path_edit.setText(path)

    def _title_edited(self, _text: str) -> None:
        self._title_touched = True

    def _source(self) -> str:
        return (self.path_edit.text() if self.is_file else self.url_edit.text()).strip()

    def _source_changed(self) -> None:
        self._token += 1
        self._seconds = None
        self._error = None
        self._player_timeout.stop()
        self.preview.clear()
        source = self._source()
        if not self._title_touched:
            name = Path(urlsplit(source).path if not self.is_file else source).stem
            self.title_edit.setText(name.replace("_", " ").replace("-", " ").strip())
        if not source:
            self.status_label.setText(self.tr("Choose a file or enter an address."))
        else:
            self.status_label.setText(self.tr("Measuring the video…"))
            self._debounce.start()
        self._update_buttons()

    def _problem(self) -> str | None:
        source = self._source()
        if not source:
            return self.tr("Choose a file or enter an address.")
        if not self.is_file:
            parts = urlsplit(source)
            if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
                return self.tr(
                    "'{address}' is not a web address (it starts with http:// or https://)."
                ).format(address=source)
            if len(source) > PROVIDER_ID_MAX:
                return self.tr("The address is longer than {limit} characters.").format(
                    limit=PROVIDER_ID_MAX
                )
        if not self.title_edit.text().strip():
            return self.tr("Give the video a title.")
        return None

    # -- measuring ---------------------------------------------------------------------

    def _measure(self) -> None:
        problem = self._problem()
        source = self._source()
        if problem is not None and source:
            self.status_label.setText(problem)
            self._update_buttons()
            return
        if not source:
            return
        self._measuring = True
        token = self._token
        url = QUrl.fromLocalFile(str(Path(source).expanduser())) if self.is_file else QUrl(source)
        if self.preview.available:
            self._player_timeout.start()
            self.preview.load(url)
        elif self.is_file:
            BackgroundOp(
                lambda: authoring.ffmpeg_duration_probe(Path(source).expanduser()),
                label="measure video",
            ).on_success(lambda s: self._measured(s, token)).on_failure(
                lambda e: self._unplayable(str(e), token)
            ).run(parent=self)
        else:
            self._measuring = False
            self.status_label.setText(
                self.tr(
                    "This computer cannot measure web videos (QtMultimedia is off): it will be "
                    "attached as 'processing' until its length is known."
                )
            )
        self._update_buttons()

    def _player_too_slow(self) -> None:
        if self.is_file and self._seconds is None and self._error is None:
            token = self._token
            source = Path(self._source()).expanduser()
            BackgroundOp(
                lambda: authoring.ffmpeg_duration_probe(source), label="measure video"
            ).on_success(lambda s: self._measured(s, token)).on_failure(
                lambda e: self._unplayable(str(e), token)
            ).run(parent=self)

    def _measured(self, seconds: float, token: int | None = None) -> None:
        if token is not None and token != self._token:
            return
        self._player_timeout.stop()
        self._measuring = False
        self._seconds = seconds
        self.status_label.setText(
            self.tr("Length {length} — ready to attach.").format(length=_length_text(seconds))
        )
        self._update_buttons()

    def _unplayable(self, reason: str, token: int | None = None) -> None:
        if token is not None and token != self._token:
            return
        self._player_timeout.stop()
        self._measuring = False
        name = Path(self._source()).name if self.is_file else self._source()
        self._error = self.tr("'{name}' cannot be attached: {reason}.").format(
            name=name, reason=reason
        )
        self.status_label.setText(self._error)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self._problem() is None and self._error is None
        if self.is_file:
            ready = ready and self._seconds is not None
        else:
            # A web video the player cannot measure may still be attached as 'processing'.
            ready = ready and (self._seconds is not None or not self.preview.available)
        self.attach_button.setEnabled(ready)

    def _accept(self) -> None:
        if not self.attach_button.isEnabled():
            return
        source = self._source()
        self.choice = VideoChoice(
            title=self.title_edit.text().strip(),
            path=Path(source).expanduser() if self.is_file else None,
            url=None if self.is_file else source,
            seconds=self._seconds,
        )
        self.preview.stop()
        self.accept()

    def reject(self) -> None:
        self.preview.stop()
        super().reject()


class VideoPreviewDialog(QDialog):
    """Play a lesson's video (the editor's preview player)."""

    def __init__(self, *, title: str, url: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPreviewDialog")
        self.setWindowTitle(self.tr("Preview — {title}").format(title=title))
        self.preview = VideoPreview(self)
        self.status = QLabel(self.tr("Loading…"))
        self.status.setWordWrap(True)
        self.preview.duration_known.connect(
            lambda s: self.status.setText(self.tr("Length {length}").format(length=_length_text(s)))
        )
        self.preview.failed.connect(
            lambda why: self.status.setText(self.tr("Cannot play it: {why}.").format(why=why))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(560, 400)
        if self.preview.available:
            self.preview.load(url)
        else:
            self.status.setText("")

    def reject(self) -> None:
        self.preview.stop()
        super().reject()
