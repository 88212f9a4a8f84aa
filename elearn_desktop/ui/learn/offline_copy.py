""" "Make available offline" and "Remove offline copy" for a course or a learning path.

:class:`OfflineCopies` (one per signed-in person with an offline cache, owned by the main
window) does the work in background ops: it checks the plan (a course whose plan does not
include offline study is refused, saying which plan would), copies the content from the
server into the encrypted cache, then queues the videos into the window's download queue
within the cache's size budget. :class:`OfflineCopyBar` is the button and the line of
text a course or path page shows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from elearn_desktop.data.models import LearningPath, PathStep
from elearn_desktop.domain.errors import ElearnError, PermissionDeniedError
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.backend import Backend
from elearn_desktop.services.learning_overview import offline_access
from elearn_desktop.sync.cache import (
    LocalCache,
    make_course_available,
    make_path_available,
    remove_offline_course,
)
from elearn_desktop.sync.downloads import DownloadQueue
from elearn_desktop.sync.downloads.budget import CacheBudget
from elearn_desktop.sync.downloads.course_videos import queue_course_for_offline
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

COURSE = "course"
PATH = "path"


@dataclass(frozen=True, slots=True)
class OfflineState:
    """Whether a course or path is on this computer, and whether it may be made so."""

    available: bool
    allowed: bool
    reason: str


@dataclass(frozen=True, slots=True)
class MadeAvailable:
    course_ids: tuple[uuid.UUID, ...]
    videos: int
    unavailable: tuple[str, ...]
    message: str


class OfflineCopies(QObject):
    """Makes courses and paths available offline, and removes them again."""

    changed = Signal(str, object)  # kind, id: its offline state may have changed

    def __init__(
        self,
        session: SignedIn,
        queue: DownloadQueue,
        budget: Callable[[], CacheBudget],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if session.cache is None:
            raise ValueError("offline copies need the person's offline cache")
        self.session = session
        self.cache: LocalCache = session.cache
        self.queue = queue
        self._budget = budget

    def set_session(self, session: SignedIn) -> None:
        """The same person online or offline (the window switched)."""
        self.session = session

    # -- work (each runs on a pool thread) -----------------------------------------------

    def _require_server(self) -> Backend:
        server = self.session.server
        if self.session.offline or server is None:
            raise ElearnError(
                self.tr(
                    "Making a course available offline needs the server: connect, then try again."
                )
            )
        return server

    def state(self, kind: str, entity_id: uuid.UUID) -> OfflineState:
        available = self._is_offline(kind, entity_id)
        if self.session.offline or self.session.server is None:
            return OfflineState(
                available,
                False,
                self.tr("You are offline: copies can be made once you are back online."),
            )
        access = self._access(kind, entity_id)
        return OfflineState(available, access[0], access[1])

    def _is_offline(self, kind: str, entity_id: uuid.UUID) -> bool:
        offline = set(self.cache.offline_course_ids())
        if kind == COURSE:
            return entity_id in offline
        with self.cache.uow() as uow:
            if uow.session.get(LearningPath, entity_id) is None:
                return False
            courses = self._path_courses(uow.session, entity_id)
        return bool(courses) and courses <= offline

    @staticmethod
    def _path_courses(session: object, path_id: uuid.UUID) -> set[uuid.UUID]:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        return set(
            session.scalars(
                select(PathStep.entity_id).where(
                    PathStep.path_id == path_id, PathStep.entity_type == COURSE
                )
            )
        )

    def _access(self, kind: str, entity_id: uuid.UUID) -> tuple[bool, str]:
        server = self.session.server
        assert server is not None
        user_id = self.session.user.id
        if kind == COURSE:
            access = offline_access(server.uow, user_id, entity_id)
            return access.allowed, access.reason
        with server.uow() as uow:
            courses = self._path_courses(uow.session, entity_id)
        reasons = []
        for course_id in sorted(courses):
            access = offline_access(server.uow, user_id, course_id)
            if not access.allowed:
                reasons.append(access.reason)
        if reasons:
            return False, reasons[0]
        return True, self.tr("Every course of this path may be studied offline.")

    def make_available(self, kind: str, entity_id: uuid.UUID) -> MadeAvailable:
        server = self._require_server()
        allowed, reason = self._access(kind, entity_id)
        if not allowed:
            raise PermissionDeniedError(reason)
        if kind == COURSE:
            copy = make_course_available(server.uow, self.cache, entity_id)
            course_ids: tuple[uuid.UUID, ...] = (entity_id,)
        else:
            copy = make_path_available(server.uow, self.cache, entity_id)
            course_ids = copy.course_ids
        budget = self._budget()
        videos, unavailable = 0, []
        for course_id in course_ids:
            queued = queue_course_for_offline(self.queue, budget, self.cache.uow, course_id)
            videos += len(queued.item_ids)
            unavailable += [v.message for v in queued.videos.unavailable]
        if kind == COURSE:
            message = self.tr("This course is on this computer now.")
        else:
            message = self.tr("This path is on this computer now.")
        if videos:
            message += " " + self.tr("%n video(s) downloading (see Downloads).", "", videos)
        return MadeAvailable(course_ids, videos, tuple(unavailable), message)

    def remove(self, kind: str, entity_id: uuid.UUID) -> tuple[uuid.UUID, ...]:
        if kind == COURSE:
            courses = {entity_id}
        else:
            with self.cache.uow() as uow:
                courses = self._path_courses(uow.session, entity_id)
        budget = self._budget()
        for course_id in courses:
            self.queue.remove_course(str(course_id), delete_files=True)
            budget.remove_course(course_id)  # the folder, and the course leaves the cache
            remove_offline_course(self.cache, course_id)
        return tuple(courses)


class OfflineCopyBar(QWidget):
    """A course's or path's "Make available offline" / "Remove offline copy" control."""

    def __init__(
        self,
        copies: OfflineCopies,
        kind: str,
        entity_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("offlineCopyBar")
        self.copies = copies
        self.kind = kind
        self.entity_id = entity_id
        self.state: OfflineState | None = None
        # What making it available said ("… 2 videos are downloading"): it stays on the
        # status line when the state that follows arrives, instead of flashing past.
        self._made_message = ""
        self.make_button = QPushButton(icon("sync"), "")
        self.make_button.setObjectName("makeAvailableOffline")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeOfflineCopy")
        self.remove_button.hide()
        self.status = QLabel()
        self.status.setObjectName("offlineCopyStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.make_button)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.status, 1)
        self.make_button.clicked.connect(self.make_available)
        self.remove_button.clicked.connect(self.remove)
        self.make_button.setEnabled(False)
        copies.changed.connect(self._changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        """Button texts in the current language; the state line follows on the next refresh."""
        self.make_button.setText(self.tr("Make available offline"))
        self.remove_button.setText(self.tr("Remove offline copy"))
        if self.state is not None and self.state.available:
            self._made_message = ""  # written in the language before
            self._show(self.state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        copies, kind, entity_id = self.copies, self.kind, self.entity_id
        BackgroundOp(lambda: copies.state(kind, entity_id), label="offline state").on_success(
            self._show
        ).on_failure(self._failed).run(parent=self)

    def _show(self, state: OfflineState) -> None:
        self.state = state
        self.make_button.setVisible(not state.available)
        self.remove_button.setVisible(state.available)
        self.remove_button.setEnabled(True)
        self.make_button.setEnabled(state.allowed and not state.available)
        self.make_button.setToolTip(state.reason)
        if state.available and self._made_message:
            self.status.setText(self._made_message)
        elif state.available:
            self.status.setText(self.tr("✓ On this computer: you can study it offline."))
        elif not state.allowed:
            self.status.setText(f"⚠ {state.reason}")
        else:
            self.status.setText("")

    def _failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(self.state is not None and self.state.allowed)
        self.remove_button.setEnabled(True)
        detail = str(exc) if isinstance(exc, ElearnError) else type(exc).__name__
        self.status.setText(f"⚠ {detail}")

    def make_available(self) -> None:
        copies, kind, entity_id = self.copies, self.kind, self.entity_id
        self.make_button.setEnabled(False)
        self.status.setText(self.tr("Copying it to this computer…"))
        BackgroundOp(
            lambda: copies.make_available(kind, entity_id), label="make available offline"
        ).on_success(self._made).on_failure(self._failed).run(parent=self)

    def _made(self, result: MadeAvailable) -> None:
        self.copies.changed.emit(self.kind, self.entity_id)
        text = result.message
        if result.unavailable:
            text += " " + " ".join(result.unavailable)
        self._made_message = text
        self.refresh()
        self.status.setText(text)

    def remove(self) -> None:
        copies, kind, entity_id = self.copies, self.kind, self.entity_id
        self.remove_button.setEnabled(False)
        BackgroundOp(
            lambda: copies.remove(kind, entity_id), label="remove offline copy"
        ).on_success(self._removed).on_failure(self._failed).run(parent=self)

    def _removed(self, _courses: tuple[uuid.UUID, ...]) -> None:
        self._made_message = ""
        self.copies.changed.emit(self.kind, self.entity_id)
        self.refresh()

    def _changed(self, kind: str, entity_id: object) -> None:
        if (kind, entity_id) != (self.kind, self.entity_id):
            self.refresh()  # e.g. a path made available holds this course now
