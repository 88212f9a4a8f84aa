"""The lesson player: a video lesson through QtMultimedia, or a text lesson to mark complete.

QtMultimedia is imported when the first video lesson opens, never at start-up (the app
must run where it cannot load; the page then says why). What the person watches is
turned into watched ranges by :class:`WatchTracker` (seeking is not watching) and saved
with :func:`services.progress.record_playback` in a background op — on pause, at the end,
every few seconds while playing, and when the lesson is left. A page runs one save at a
time; their order does not matter (the service merges), and a save started before the
page goes away still lands. A video that fails to play saves nothing.

Keys (also on the fullscreen stage): Space play/pause, ←/→ 5 s back/forward, F
fullscreen, M mute, Esc leave fullscreen.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QMouseEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QStyle,
    QStyleOptionSlider,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.errors import ElearnError
from elearn_desktop.domain.progress import COMPLETED, IN_PROGRESS, WatchTracker, lesson_percentage
from elearn_desktop.services import progress as progress_service
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.progress import LessonContext, ProgressUpdate
from elearn_desktop.ui import preferences
from elearn_desktop.ui.multimedia import control, probe_multimedia
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

log = logging.getLogger(__name__)

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
SEEK_STEP_S = 5.0
SAVE_INTERVAL_MS = 5_000
#: A saved position this close to the end starts the video over instead.
RESUME_TAIL_S = 2.0
#: Longest wall-clock gap between two position updates that still counts as studying
#: (a stall or a suspended laptop is not study time).
MAX_STUDY_TICK_S = 1.0

# Translated where they are shown (LessonPlayerPage._fail).
_UNPLAYABLE = {
    "FormatError": QT_TRANSLATE_NOOP(
        "LessonPlayerPage", "the file is damaged, or its format or codec is not supported here"
    ),
    "ResourceError": QT_TRANSLATE_NOOP(
        "LessonPlayerPage", "the file could not be read; it may be damaged or incomplete"
    ),
    "NetworkError": QT_TRANSLATE_NOOP(
        "LessonPlayerPage", "it could not be loaded over the network; check the connection"
    ),
    "AccessDeniedError": QT_TRANSLATE_NOOP(
        "LessonPlayerPage", "this computer does not allow the app to open it"
    ),
}


def time_text(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a position or a duration."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def speed_text(rate: float) -> str:
    return f"{rate:g}×"


@dataclass(frozen=True, slots=True)
class _Save:
    """What one record_playback call saves."""

    lesson_id: uuid.UUID
    ranges: tuple[tuple[float, float], ...]
    resume_position_s: float
    event_at: dt.datetime
    media_duration_s: float
    studied_s: float
    #: False for a periodic save: lesson row and roll-ups wait for the next full save.
    roll_up: bool = True


class _SeekSlider(QSlider):
    """The seek bar: a left click jumps to where it lands (instead of paging towards it)."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            style = self.style()
            handle = style.subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            if not handle.contains(event.position().toPoint()):
                groove = style.subControlRect(
                    QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
                )
                span = max(groove.width() - handle.width(), 1)
                x = int(event.position().x()) - groove.x() - handle.width() // 2
                self.setValue(
                    QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span)
                )
        super().mousePressEvent(event)


class _Stage(QWidget):
    """The video and its controls; it alone becomes the window in fullscreen."""

    def __init__(self, page: LessonPlayerPage) -> None:
        super().__init__(page)
        self._page = page
        self.setObjectName("playerStage")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._page.handle_key(event):
            super().keyPressEvent(event)


class LessonPlayerPage(QWidget):
    """Plays one lesson at a time for the signed-in person and records their progress."""

    next_lesson_requested = Signal(object)  # lesson id
    progress_changed = Signal(object)  # ProgressUpdate with at least one changed row
    progress_saved = Signal(object)  # ProgressUpdate, after every completed save
    lesson_loaded = Signal(object)  # LessonContext
    closed = Signal()

    def __init__(
        self,
        session: SignedIn,
        parent: QWidget | None = None,
        *,
        media_dir: Path | str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lessonPlayerPage")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session = session
        self.media_dir = media_dir
        #: Where a lesson's video plays from on this computer (the offline copy): runs on
        #: a pool thread after the lesson is read; set by the main window.
        self.video_locator: Callable[[LessonContext], LessonContext] | None = None
        #: Start playing as soon as a video lesson is loaded.
        self.autoplay = True
        #: Preview as learner (authors): plays everything, records nothing.
        self.preview = False
        self.context: LessonContext | None = None
        self.tracker: WatchTracker | None = None
        self.player: Any = None  # QMediaPlayer, created with the first video lesson
        self.audio: Any = None
        self.video_widget: Any = None

        self._generation = 0
        self._media_ok = False  # the current video loaded and has not failed
        self._media_failed = False
        self._pending_resume: float | None = None
        self._last_tick: float | None = None
        self._studied_s = 0.0
        self._saved_ranges: tuple[tuple[float, float], ...] = ()
        # A periodic save leaves the lesson row and roll-ups for the next full save: that
        # save must happen even if nothing moved since (pause right after a tick, leave).
        self._roll_up_owed = False
        self._saved_position: float | None = None
        self._save_lock = threading.Lock()
        self._saves_in_flight = 0
        self._updating_slider = False

        self._save_timer = QTimer(self)
        self._save_timer.setInterval(SAVE_INTERVAL_MS)
        self._save_timer.timeout.connect(lambda: self._save("periodic"))

        self._build()
        self.retranslate()
        self._restore_preferences()
        preferences.notifier().preferences_changed.connect(self._restore_preferences)

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        """Fixed texts in the current language; an open lesson's lines are redone in it."""
        self.setAccessibleName(self.tr("Lesson player"))
        self.back_button.setText(self.tr("← Back"))
        self.back_button.setAccessibleName(self.tr("Back to the course"))
        self.back_button.setToolTip(self.tr("Leave the lesson (your place is saved)"))
        self.status_label.setAccessibleName(self.tr("Lesson progress"))
        self.loading_label.setText(self.tr("Loading the lesson…"))
        self.message_label.setAccessibleName(self.tr("Player message"))
        self.replay_button.setText(self.tr("Watch again"))
        self.replay_button.setAccessibleName(self.tr("Watch the video again"))
        for button in (self.next_button, self.text_next_button):
            button.setText(self.tr("Next lesson ▶"))
            button.setAccessibleName(self.tr("Next lesson"))
        self.position_slider.setAccessibleName(self.tr("Position in the video"))
        self.position_slider.setToolTip(self.tr("Seek (← and → jump 5 seconds)"))
        self.time_label.setAccessibleName(self.tr("Elapsed and total time"))
        self.speed_combo.setAccessibleName(self.tr("Playback speed"))
        self.speed_combo.setToolTip(self.tr("Playback speed"))
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setToolTip(self.tr("Volume"))
        self.text_view.setAccessibleName(self.tr("Lesson text"))
        self.mark_complete_button.setAccessibleName(self.tr("Mark the lesson complete"))
        self.mark_complete_button.setToolTip(self.tr("Record that you have finished this lesson"))
        if self.video_widget is not None:
            self.video_widget.setAccessibleName(self.tr("Lesson video"))
        self._name_mute_button(self.mute_button.isChecked())
        self._name_fullscreen_button(self.is_fullscreen())
        self._show_playing(self.is_playing())
        ctx = self.context
        if ctx is None:
            self.mark_complete_button.setText(self.tr("Mark complete"))
            return
        self._show_where(ctx)
        self._show_status(ctx.status, ctx.percentage)
        self._show_live_status()
        if not ctx.has_video:
            self._show_text_lesson(ctx)
        if self.end_panel.isVisibleTo(self.stage):
            self._show_end_text(ctx)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ construction

    def _build(self) -> None:
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.close_lesson)
        self.title_label = QLabel("")
        self.title_label.setObjectName("lessonTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.where_label = QLabel("")
        self.where_label.setObjectName("lessonWhere")
        self.where_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status_label = QLabel("")
        self.status_label.setObjectName("lessonStatus")

        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.where_label)
        header = QHBoxLayout()
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(titles, 1)
        header.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)

        self.stack = QStackedWidget()
        self.loading_label = self._centered_label("")
        self.message_label = self._centered_label("")
        self.message_label.setObjectName("playerMessage")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stage = _Stage(self)
        self._build_stage()
        self.text_page = self._build_text_page()
        for page in (self.loading_label, self.stage, self.message_label, self.text_page):
            self.stack.addWidget(page)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

    @staticmethod
    def _centered_label(text: str) -> QLabel:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setMargin(24)
        return label

    def _tool_button(self, std: QStyle.StandardPixmap) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(std))
        button.setIconSize(QSize(20, 20))
        button.setAutoRaise(True)
        return button

    def _build_stage(self) -> None:
        self.video_area = QFrame()
        self.video_area.setObjectName("videoArea")
        self.video_area.setStyleSheet("#videoArea { background: black; }")
        self.video_area.setMinimumSize(320, 180)
        self.video_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._video_layout = QVBoxLayout(self.video_area)
        self._video_layout.setContentsMargins(0, 0, 0, 0)

        # Shown when the video ends: the way on.
        self.end_panel = QFrame()
        self.end_panel.setObjectName("endPanel")
        self.end_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.end_label = QLabel("")
        self.end_label.setWordWrap(True)
        self.replay_button = QPushButton()
        self.replay_button.clicked.connect(self.replay)
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextLessonButton")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._request_next)
        end_layout = QHBoxLayout(self.end_panel)
        end_layout.addWidget(self.end_label, 1)
        end_layout.addWidget(self.replay_button)
        end_layout.addWidget(self.next_button)
        self.end_panel.hide()

        self.play_button = QToolButton()
        self.play_button.setIconSize(QSize(24, 24))
        self.play_button.setAutoRaise(True)
        self.play_button.clicked.connect(self.toggle_play)

        self.position_slider = _SeekSlider()
        self.position_slider.setSingleStep(int(SEEK_STEP_S * 1000))
        self.position_slider.setPageStep(int(SEEK_STEP_S * 2000))
        self.position_slider.setRange(0, 0)
        self.position_slider.valueChanged.connect(self._slider_value_changed)
        self.position_slider.sliderReleased.connect(
            lambda: self.seek(self.position_slider.value() / 1000)
        )

        self.time_label = QLabel(f"{time_text(0)} / {time_text(0)}")
        self.time_label.setObjectName("timeLabel")
        self.time_label.setMinimumWidth(
            self.time_label.fontMetrics().horizontalAdvance("00:00 / 00:00") + 8
        )

        self.speed_combo = QComboBox()
        for rate in SPEEDS:
            self.speed_combo.addItem(speed_text(rate), rate)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_combo.currentIndexChanged.connect(self._speed_chosen)

        self.mute_button = self._tool_button(QStyle.StandardPixmap.SP_MediaVolume)
        self.mute_button.setCheckable(True)
        self.mute_button.toggled.connect(self.set_muted)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(100)
        self.volume_slider.setFixedWidth(90)
        self.volume_slider.valueChanged.connect(self._volume_chosen)

        self.fullscreen_button = self._tool_button(QStyle.StandardPixmap.SP_TitleBarMaxButton)
        self.fullscreen_button.setCheckable(True)
        self.fullscreen_button.toggled.connect(self.set_fullscreen)

        controls = QHBoxLayout()
        controls.setContentsMargins(4, 2, 4, 2)
        controls.addWidget(self.play_button)
        controls.addWidget(self.position_slider, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(self.speed_combo)
        controls.addWidget(self.mute_button)
        controls.addWidget(self.volume_slider)
        controls.addWidget(self.fullscreen_button)
        self.controls = QWidget()
        self.controls.setObjectName("playerControls")
        self.controls.setLayout(controls)

        layout = QVBoxLayout(self.stage)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.video_area, 1)
        layout.addWidget(self.end_panel)
        layout.addWidget(self.controls)

    def _build_text_page(self) -> QWidget:
        page = QWidget()
        self.text_view = QTextBrowser()
        self.text_view.setOpenExternalLinks(True)
        self.mark_complete_button = QPushButton()
        self.mark_complete_button.setObjectName("markCompleteButton")
        self.mark_complete_button.clicked.connect(self.mark_complete)
        self.text_next_button = QPushButton()
        self.text_next_button.clicked.connect(self._request_next)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.mark_complete_button)
        buttons.addWidget(self.text_next_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_view, 1)
        layout.addLayout(buttons)
        return page

    def _restore_preferences(self) -> None:
        settings = QSettings()
        volume, rate = preferences.playback_volume(settings), preferences.playback_rate(settings)
        self.volume_slider.setValue(volume)
        if rate in SPEEDS:
            self.speed_combo.setCurrentIndex(SPEEDS.index(rate))
        self.mute_button.setChecked(settings.value("player/muted", False) in (True, "true"))

    # ------------------------------------------------------------------ opening

    def open_lesson(self, lesson_id: uuid.UUID) -> None:
        """Leave the current lesson (saving where the person is) and load another."""
        self._leave_lesson()
        self._generation += 1
        generation = self._generation
        self.context = None
        self.title_label.setText(self.tr("Loading the lesson…"))
        self.where_label.setText("")
        self.status_label.setText("")
        if self.stack.currentWidget() is not self.stage:
            # From one video to the next the (stopped, black) stage stays: hiding and
            # showing the native video window would only flicker.
            self.stack.setCurrentWidget(self.loading_label)
        backend = self.session.backend
        if backend is None:
            self._show_message(
                self.tr("Lessons cannot be opened offline until this course is downloaded.")
            )
            return
        uow, user_id, media_dir = backend.uow, self.session.user.id, self.media_dir
        locate = self.video_locator

        def load() -> LessonContext:
            ctx = progress_service.lesson_context(
                uow, user_id=user_id, lesson_id=lesson_id, media_dir=media_dir
            )
            return locate(ctx) if locate is not None else ctx

        BackgroundOp(
            load,
            label="open lesson",
        ).on_success(lambda ctx: self._context_loaded(ctx, generation)).on_failure(
            lambda exc: self._context_failed(exc, generation)
        ).run(parent=self)

    def _context_failed(self, exc: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        detail = str(exc) if isinstance(exc, ElearnError) else type(exc).__name__
        self.title_label.setText("")
        self._show_message(self.tr("This lesson could not be opened: {0}.").format(detail))

    def _context_loaded(self, ctx: LessonContext, generation: int) -> None:
        if generation != self._generation:
            return
        self.context = ctx
        video = ctx.video
        missing = video is None or (video.is_file and not video.exists)
        playable = ctx.has_video and ctx.video_problem is None and not missing
        if playable:
            # The media starts opening first; the page is filled in while it loads.
            self._start_video(ctx)
        self.title_label.setText(ctx.title)
        self._show_where(ctx)
        self._show_status(ctx.status, ctx.percentage)
        has_next = ctx.next_lesson_id is not None
        self.next_button.setVisible(has_next)
        self.text_next_button.setVisible(has_next)
        self.lesson_loaded.emit(ctx)

        if not ctx.has_video:
            self._show_text_lesson(ctx)
        elif ctx.video_problem is not None:
            self._show_message(
                self.tr("{0}\n\nYour progress in this lesson is unchanged.").format(
                    ctx.video_problem
                )
            )
        elif missing:
            where_file = video.location if video is not None else "?"
            self._show_message(
                self.tr(
                    "The video file of this lesson is missing:\n{0}\n\n"
                    "If you downloaded this course, download it again; otherwise tell the "
                    "course's author. Your progress in this lesson is unchanged."
                ).format(where_file)
            )
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_where(self, ctx: LessonContext) -> None:
        trail = " › ".join(p for p in (ctx.course_title, ctx.module_title) if p)
        place = self.tr("Lesson {0} of {1}").format(ctx.lesson_number, ctx.lesson_count)
        self.where_label.setText(f"{trail}  ·  {place}" if trail else place)
        if ctx.next_lesson_id is not None:
            tip = self.tr("Next: {0}").format(ctx.next_lesson_title)
            self.next_button.setToolTip(tip)
            self.text_next_button.setToolTip(tip)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.message_label)

    def _show_status(self, status: str, percentage: int) -> None:
        self.status_label.setToolTip("")
        if status == COMPLETED:
            self.status_label.setText(self.tr("✓ Completed"))
        elif status == IN_PROGRESS or percentage:
            self.status_label.setText(self.tr("In progress · {0} %").format(percentage))
        else:
            self.status_label.setText(self.tr("Not started"))

    def _show_live_status(self) -> None:
        """What has been watched so far, before it is saved (completion waits for the save)."""
        ctx, tracker = self.context, self.tracker
        if ctx is None or tracker is None or ctx.completed or tracker.duration_s <= 0:
            return
        watched = min(
            max(ctx.percentage, lesson_percentage(tracker.ranges, tracker.duration_s)), 99
        )
        if watched > 0:
            self._show_status(IN_PROGRESS, watched)

    def _show_text_lesson(self, ctx: LessonContext) -> None:
        self.text_view.setPlainText(ctx.description or self.tr("This lesson has no text yet."))
        done = ctx.completed
        self.mark_complete_button.setEnabled(not done)
        self.mark_complete_button.setText(
            self.tr("Completed ✓") if done else self.tr("Mark complete")
        )
        self.stack.setCurrentWidget(self.text_page)

    # ------------------------------------------------------------------ video

    def _ensure_player(self) -> bool:
        if self.player is not None:
            return True
        status = probe_multimedia()
        if not status.available:
            self._show_message(status.message)
            return False
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video_widget = QVideoWidget()
        self.video_widget.setAccessibleName(self.tr("Lesson video"))
        self._video_layout.addWidget(self.video_widget)
        self.player.setVideoOutput(self.video_widget)
        self.player.positionChanged.connect(self._position_changed)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.mediaStatusChanged.connect(self._status_changed)
        self.player.errorOccurred.connect(self._error_occurred)
        self._apply_audio()
        self.player.setPlaybackRate(self.playback_rate())
        return True

    def _start_video(self, ctx: LessonContext) -> None:
        if not self._ensure_player():
            return
        assert ctx.video is not None
        self.tracker = WatchTracker(duration_s=0.0, ranges=ctx.watched)
        self._saved_ranges = self.tracker.ranges
        self._saved_position = ctx.resume_position_s
        self._roll_up_owed = False
        self._pending_resume = ctx.resume_position_s
        self._media_ok = False
        self._media_failed = False
        self._last_tick = None
        self._studied_s = 0.0
        self.end_panel.hide()
        self.position_slider.setRange(0, 0)
        self._set_time(0, 0)
        url = (
            QUrl.fromLocalFile(ctx.video.location)
            if ctx.video.is_file
            else QUrl(ctx.video.location)
        )
        self.player.setSource(url)
        if not self._media_failed:  # a file refused at once shows why instead
            self.stack.setCurrentWidget(self.stage)

    def _status_changed(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if self.context is None or self.tracker is None or self._media_failed:
            return
        if status == QMediaPlayer.MediaStatus.LoadedMedia and not self._media_ok:
            self._media_ok = True
            duration = self.player.duration() / 1000
            self.tracker.duration_s = max(duration, 0.0)
            resume = self._pending_resume or 0.0
            self._pending_resume = None
            if resume >= duration - RESUME_TAIL_S:
                resume = 0.0
            if resume > 0:
                self.player.setPosition(int(resume * 1000))
            self.tracker.seek(resume)
            self._set_time(resume, duration)
            if self.autoplay:
                control(self.player, "play")
        elif status == QMediaPlayer.MediaStatus.EndOfMedia and self._media_ok:
            self._tick(self.player.duration())
            self._save("end")
            self._show_end()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail(None, "")

    def _error_occurred(self, error: Any, message: str) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if error == QMediaPlayer.Error.NoError:
            return
        self._fail(error, message)

    def _fail(self, error: Any, detail: str) -> None:
        """The video cannot play: say so, and record nothing for it."""
        if self._media_failed:
            return
        self._media_failed = True
        self._media_ok = False
        self._save_timer.stop()
        self._studied_s = 0.0
        known = _UNPLAYABLE.get(getattr(error, "name", ""))
        reason = (
            self.tr(known)
            if known
            else self.tr(
                "it could not be opened: the file may be damaged, or its format is not supported"
            )
        )
        text = self.tr(
            "This video cannot be played: {0}.\n\nYour progress in this lesson is unchanged."
        ).format(reason)
        if detail:
            text += self.tr("\n\n(Details: {0})").format(detail)
        if self.player is not None:
            control(self.player, "stop")
        self._show_message(text)

    def _duration_changed(self, ms: int) -> None:
        self._updating_slider = True
        self.position_slider.setRange(0, max(int(ms), 0))
        self._updating_slider = False
        if self.tracker is not None and ms > 0:
            self.tracker.duration_s = ms / 1000
        self._set_time(self.position_s(), ms / 1000)

    def _position_changed(self, ms: int) -> None:
        self._tick(ms)
        self._show_live_status()
        if not self.position_slider.isSliderDown():
            self._updating_slider = True
            self.position_slider.setValue(int(ms))
            self._updating_slider = False
        self._set_time(ms / 1000, self.duration_s())

    def _tick(self, ms: int) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        now = time.monotonic()
        elapsed = 0.0 if self._last_tick is None else now - self._last_tick
        self._last_tick = now
        if not self._media_ok or self.tracker is None:
            return
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.tracker.tick(
            ms / 1000, wall_elapsed_s=elapsed, rate=self.player.playbackRate(), playing=playing
        )
        if playing:
            self._studied_s += min(elapsed, MAX_STUDY_TICK_S)

    def _state_changed(self, state: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self._show_playing(playing)
        self._last_tick = time.monotonic()
        if playing:
            self.end_panel.hide()
            self._save_timer.start()
        else:
            self._save_timer.stop()
            if state == QMediaPlayer.PlaybackState.PausedState:
                self._save("pause")

    def _show_playing(self, playing: bool) -> None:
        self.play_button.setIcon(icon("pause" if playing else "play"))
        if self.play_button.icon().isNull():
            std = (
                QStyle.StandardPixmap.SP_MediaPause
                if playing
                else QStyle.StandardPixmap.SP_MediaPlay
            )
            self.play_button.setIcon(self.style().standardIcon(std))
        self.play_button.setAccessibleName(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setToolTip(
            self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        )

    def _set_time(self, position_s: float, duration_s: float) -> None:
        self.time_label.setText(f"{time_text(position_s)} / {time_text(duration_s)}")

    def _show_end_text(self, ctx: LessonContext) -> None:
        if ctx.next_lesson_id is not None:
            self.end_label.setText(self.tr("Up next: {0}").format(ctx.next_lesson_title))
        else:
            self.end_label.setText(self.tr("This was the last lesson of the course."))

    def _show_end(self) -> None:
        ctx = self.context
        if ctx is None:
            return
        self._show_end_text(ctx)
        self.end_panel.show()
        if ctx.next_lesson_id is not None:
            self.next_button.setFocus()
            if preferences.autoplay_next():
                self.next_lesson_requested.emit(ctx.next_lesson_id)

    # ------------------------------------------------------------------ controls (public)

    def is_ready(self) -> bool:
        """A video is loaded and playable (False for text lessons and failed videos)."""
        return self._media_ok and not self._media_failed

    def saves_pending(self) -> bool:
        """Progress is still being saved (a host may wait for this before quitting)."""
        return self._saves_in_flight > 0

    def is_playing(self) -> bool:
        if self.player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def position_s(self) -> float:
        return self.player.position() / 1000 if self.player is not None else 0.0

    def duration_s(self) -> float:
        return self.player.duration() / 1000 if self.player is not None else 0.0

    def playback_rate(self) -> float:
        return float(self.speed_combo.currentData())

    def toggle_play(self) -> None:
        if self.player is None or not self._media_ok:
            return
        if self.is_playing():
            control(self.player, "pause")
        else:
            self.end_panel.hide()
            control(self.player, "play")

    def replay(self) -> None:
        self.seek(0.0)
        if self.player is not None and self._media_ok:
            control(self.player, "play")

    def seek(self, position_s: float) -> None:
        """Jump to ``position_s`` (clamped to the video): the jump itself is not watching."""
        if self.player is None or not self._media_ok or self.tracker is None:
            return
        duration = self.duration_s()
        target = min(max(position_s, 0.0), duration if duration > 0 else position_s)
        self.tracker.seek(target)
        self.player.setPosition(int(target * 1000))
        self.end_panel.hide()
        self._set_time(target, duration)

    def set_playback_rate(self, rate: float) -> None:
        self.speed_combo.setCurrentIndex(SPEEDS.index(rate))

    def set_muted(self, muted: bool) -> None:
        if self.mute_button.isChecked() != muted:
            self.mute_button.setChecked(muted)  # comes back here through toggled
            return
        std = (
            QStyle.StandardPixmap.SP_MediaVolumeMuted
            if muted
            else QStyle.StandardPixmap.SP_MediaVolume
        )
        self.mute_button.setIcon(self.style().standardIcon(std))
        self._name_mute_button(muted)
        QSettings().setValue("player/muted", muted)
        self._apply_audio()

    def _name_mute_button(self, muted: bool) -> None:
        self.mute_button.setAccessibleName(self.tr("Unmute") if muted else self.tr("Mute"))
        self.mute_button.setToolTip(self.tr("Unmute (M)") if muted else self.tr("Mute (M)"))

    def _name_fullscreen_button(self, on: bool) -> None:
        self.fullscreen_button.setAccessibleName(
            self.tr("Leave full screen") if on else self.tr("Full screen")
        )
        self.fullscreen_button.setToolTip(self.tr("Full screen (F) — Esc leaves it"))

    def is_muted(self) -> bool:
        return self.mute_button.isChecked()

    def is_fullscreen(self) -> bool:
        return self.stage.isWindow()

    def set_fullscreen(self, on: bool) -> None:
        if self.fullscreen_button.isChecked() != on:
            self.fullscreen_button.setChecked(on)  # comes back here through toggled
            return
        if on and self.stack.currentWidget() is not self.stage:
            self.fullscreen_button.setChecked(False)  # only a playing video goes fullscreen
            return
        if on == self.is_fullscreen():
            return
        self.stage.setWindowFlag(Qt.WindowType.Window, on)
        if on:
            self.stage.setWindowTitle(self.context.title if self.context else self.tr("Lesson"))
            self.stage.showFullScreen()
            self.stage.activateWindow()
            self.stage.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.stage.showNormal()
            self.stage.show()
            self.activateWindow()
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        std = (
            QStyle.StandardPixmap.SP_TitleBarNormalButton
            if on
            else QStyle.StandardPixmap.SP_TitleBarMaxButton
        )
        self.fullscreen_button.setIcon(self.style().standardIcon(std))
        self._name_fullscreen_button(on)

    def handle_key(self, event: QKeyEvent) -> bool:
        """The player's keys; True when the key was one of them."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape and self.is_fullscreen():
            self.set_fullscreen(False)
        elif self.stack.currentWidget() is not self.stage:
            return False
        elif key == Qt.Key.Key_Space:
            self.toggle_play()
        elif key == Qt.Key.Key_Left:
            self.seek(self.position_s() - SEEK_STEP_S)
        elif key == Qt.Key.Key_Right:
            self.seek(self.position_s() + SEEK_STEP_S)
        elif key == Qt.Key.Key_F:
            self.set_fullscreen(not self.is_fullscreen())
        elif key == Qt.Key.Key_M:
            self.set_muted(not self.is_muted())
        else:
            return False
        event.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def _slider_value_changed(self, value: int) -> None:
        if self._updating_slider:
            return
        if self.position_slider.isSliderDown():  # dragging: preview the time only
            self._set_time(value / 1000, self.duration_s())
        else:  # a click, a key or the wheel on the bar
            self.seek(value / 1000)

    def _speed_chosen(self, _index: int) -> None:
        rate = self.playback_rate()
        QSettings().setValue("player/rate", rate)
        if self.player is not None:
            self.player.setPlaybackRate(rate)

    def _volume_chosen(self, value: int) -> None:
        QSettings().setValue("player/volume", value)
        self._apply_audio()

    def _apply_audio(self) -> None:
        if self.audio is None:
            return
        from PySide6.QtMultimedia import QtAudio

        linear = QtAudio.convertVolume(
            self.volume_slider.value() / 100,
            QtAudio.VolumeScale.LogarithmicVolumeScale,
            QtAudio.VolumeScale.LinearVolumeScale,
        )
        self.audio.setVolume(linear)
        self.audio.setMuted(self.is_muted())

    def _request_next(self) -> None:
        if self.context is not None and self.context.next_lesson_id is not None:
            self.next_lesson_requested.emit(self.context.next_lesson_id)

    # ------------------------------------------------------------------ leaving

    def close_lesson(self) -> None:
        """Save where the person is, stop, and tell the host (the Back button does this)."""
        self._leave_lesson()
        self.context = None
        self._generation += 1
        self.closed.emit()

    def _leave_lesson(self) -> None:
        if self.is_fullscreen():
            self.set_fullscreen(False)
        self._save("leave")
        self._save_timer.stop()
        self._media_ok = False
        self.tracker = None
        if self.player is not None:
            # stop() only: clearing the source (setSource(QUrl())) right after the end of
            # the media can block in Qt's FFmpeg backend (seen in CI, PySide6 6.11); the
            # next lesson's setSource replaces it anyway.
            control(self.player, "stop")
        self.end_panel.hide()

    def hideEvent(self, event: QHideEvent) -> None:
        # Another workspace took the window: stop playing (pausing saves). A minimised
        # window (a spontaneous hide) keeps playing, as people listen to lectures.
        if (
            not event.spontaneous()
            and self.player is not None
            and self.is_playing()
            and not self.is_fullscreen()
        ):
            control(self.player, "pause")
        super().hideEvent(event)

    # ------------------------------------------------------------------ saving

    def _save(self, reason: str) -> None:
        """Save the current lesson's progress (``reason``: pause, end, periodic, leave) if
        anything changed since the last save."""
        ctx, tracker = self.context, self.tracker
        if ctx is None or tracker is None or not self._media_ok or self._media_failed:
            return
        duration = self.duration_s()
        if duration <= 0:
            return
        position = min(max(self.position_s(), 0.0), duration)
        moved = self._saved_position is None or abs(position - self._saved_position) >= 0.5
        owed = self._roll_up_owed and reason != "periodic"
        if tracker.ranges == self._saved_ranges and not moved and self._studied_s <= 0 and not owed:
            return
        save = _Save(
            lesson_id=ctx.lesson_id,
            ranges=tracker.ranges,
            resume_position_s=position,
            event_at=dt.datetime.now(dt.UTC),
            media_duration_s=duration,
            studied_s=self._studied_s,
            roll_up=reason != "periodic",
        )
        self._studied_s = 0.0
        self._saved_ranges = save.ranges
        self._saved_position = position
        self._roll_up_owed = not save.roll_up
        log.debug("saving progress of lesson %s (%s)", save.lesson_id, reason)
        self._start_save(save)

    def _start_save(self, save: _Save) -> None:
        backend = self.session.backend
        if backend is None or self.preview:
            return
        uow, user_id, lock = backend.uow, self.session.user.id, self._save_lock

        def work() -> ProgressUpdate:
            # One save of this page at a time. Their order does not matter (record_playback
            # merges), and each runs to the end even if the page is gone by then.
            with lock:
                return progress_service.record_playback(
                    uow,
                    user_id=user_id,
                    lesson_id=save.lesson_id,
                    ranges=save.ranges,
                    resume_position_s=save.resume_position_s,
                    event_at=save.event_at,
                    media_duration_s=save.media_duration_s,
                    studied_s=save.studied_s,
                    roll_up=save.roll_up,
                )

        self._saves_in_flight += 1
        BackgroundOp(work, label="save progress").on_success(self._saved).on_failure(
            lambda exc: self._save_failed(save, exc)
        ).run(parent=self)

    def _saved(self, update: ProgressUpdate) -> None:
        self._saves_in_flight -= 1
        ctx = self.context
        # Two saves may report back out of order: never show less than already shown.
        if (
            ctx is not None
            and ctx.lesson_id == update.lesson_id
            and (update.lesson.percentage, update.lesson.completed)
            >= (ctx.percentage, ctx.completed)
        ):
            self.context = replace(
                ctx,
                status=update.lesson.status,
                percentage=update.lesson.percentage,
                completed_at=update.lesson.completed_at,
                watched=update.watched,
                resume_position_s=update.resume_position_s,
            )
            self._show_status(update.lesson.status, update.lesson.percentage)
            if update.completed_now:
                self.status_label.setText("✓ Completed — well done!")
        self.progress_saved.emit(update)
        if update.changed:
            self.progress_changed.emit(update)

    def _save_failed(self, save: _Save, exc: BaseException) -> None:
        self._saves_in_flight -= 1
        ctx = self.context
        if ctx is not None and ctx.lesson_id == save.lesson_id and not self._media_failed:
            # Try again with the next save: the seconds are owed, the ranges resent.
            self._studied_s += save.studied_s
            self._saved_ranges = ()
            self._saved_position = None
            self._roll_up_owed = self._roll_up_owed or save.roll_up
        detail = str(exc) if isinstance(exc, ElearnError) else type(exc).__name__
        self.status_label.setText(self.tr("⚠ Progress not saved yet"))
        self.status_label.setToolTip(
            self.tr("Your progress could not be saved: {0}. It is retried.").format(detail)
        )

    # ------------------------------------------------------------------ text lessons

    def mark_complete(self) -> None:
        ctx, backend = self.context, self.session.backend
        if ctx is None or ctx.has_video or backend is None or self.preview:
            return
        self.mark_complete_button.setEnabled(False)
        uow, user_id, lesson_id = backend.uow, self.session.user.id, ctx.lesson_id
        BackgroundOp(
            lambda: progress_service.mark_lesson_complete(
                uow, user_id=user_id, lesson_id=lesson_id
            ),
            label="mark complete",
        ).on_success(self._marked).on_failure(self._mark_failed).run(parent=self)

    def _marked(self, update: ProgressUpdate) -> None:
        ctx = self.context
        if ctx is not None and ctx.lesson_id == update.lesson_id:
            self.context = replace(
                ctx,
                status=update.lesson.status,
                percentage=update.lesson.percentage,
                completed_at=update.lesson.completed_at,
            )
            self._show_text_lesson(self.context)
            self._show_status(update.lesson.status, update.lesson.percentage)
        self.progress_saved.emit(update)
        if update.changed:
            self.progress_changed.emit(update)

    def _mark_failed(self, exc: BaseException) -> None:
        self.mark_complete_button.setEnabled(True)
        detail = str(exc) if isinstance(exc, ElearnError) else type(exc).__name__
        self.status_label.setText(self.tr("⚠ Not marked complete"))
        self.status_label.setToolTip(
            self.tr("The lesson could not be marked complete: {0}.").format(detail)
        )

    # ------------------------------------------------------------------ pictures

    def snapshot(self) -> QPixmap:
        """The page as shown, with the current video frame painted in.

        ``grab()`` cannot see the video: QVideoWidget draws into a native child window.
        """
        pixmap = self.grab()
        if self.player is None or self.video_widget is None or not self.video_widget.isVisible():
            return pixmap
        frame = self.video_widget.videoSink().videoFrame()
        image = frame.toImage() if frame.isValid() else None
        if image is None or image.isNull():
            return pixmap
        area = self.video_widget.rect()
        top_left = self.video_widget.mapTo(self, area.topLeft())
        scaled = image.scaled(
            area.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter = QPainter(pixmap)
        painter.fillRect(area.translated(top_left), Qt.GlobalColor.black)
        x = top_left.x() + (area.width() - scaled.width()) // 2
        y = top_left.y() + (area.height() - scaled.height()) // 2
        painter.drawImage(x, y, scaled)
        painter.end()
        return pixmap
