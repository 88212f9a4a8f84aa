"""The Author workspace: "My courses" and, for the course opened from it, the editor.

Everything that touches the database runs off the GUI thread (``BackgroundOp``); the
editor keeps its own ordered queue for edits. ``preview_requested`` carries a course id
for the learner's player (opened without recording progress — wired by the main window).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain import publishing
from elearn_desktop.services import authoring
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui.author.course_editor import CourseEditor
from elearn_desktop.ui.author.courses_page import AuthorCoursesPage
from elearn_desktop.ui.author.publish_dialog import ARCHIVE, PublishDialog
from elearn_desktop.ui.ops import BackgroundOp


class AuthorWorkspace(QWidget):
    preview_requested = Signal(object)  # course id
    course_opened = Signal(object)  # course id (None: back to My courses)

    def __init__(
        self,
        session: SignedIn,
        parent: QWidget | None = None,
        *,
        media_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("authorWorkspace")
        if session.backend is None:
            raise ValueError("authoring needs a connection to the server (not offline)")
        self.session = session
        self.uow_factory = session.backend.uow
        self.actor = session.user
        self.media_dir = media_dir or authoring.default_media_dir()
        self._all_courses = False

        self.courses_page = AuthorCoursesPage()
        self.courses_page.set_loader(self._load_courses)
        self.courses_page.all_courses.setVisible(self.actor.has_role("admin"))
        self.courses_page.scope_changed.connect(self._scope_changed)
        self.courses_page.course_open_requested.connect(self.open_course)
        self.courses_page.course_create_requested.connect(self.create_course)
        self.courses_page.course_duplicate_requested.connect(self.duplicate_course)
        self.courses_page.course_archive_requested.connect(self.archive_course)
        self.editor = CourseEditor(
            uow_factory=self.uow_factory, actor=self.actor, media_dir=self.media_dir
        )
        self.editor.close_requested.connect(self.show_courses)
        self.editor.preview_requested.connect(self.preview_requested.emit)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.courses_page)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.status = self.courses_page.status
        self.refresh()

    # -- My courses --------------------------------------------------------------------

    def _load_courses(self) -> list[authoring.AuthoredCourse]:
        return authoring.my_courses(
            self.uow_factory, actor=self.actor, mine_only=not self._all_courses
        )

    def _scope_changed(self, every_course: bool) -> None:
        self._all_courses = every_course
        self.refresh()

    def refresh(self) -> None:
        """Reload what is shown: the course list, or the course being edited."""
        if self.stack.currentWidget() is self.editor:
            self.editor.reload()
        else:
            self.courses_page.refresh()

    def show_courses(self) -> None:
        self.stack.setCurrentWidget(self.courses_page)
        self.courses_page.refresh()
        self.course_opened.emit(None)

    def open_course(self, course_id: uuid.UUID) -> None:
        self.editor.open_course(course_id)
        self.stack.setCurrentWidget(self.editor)
        self.editor.tree.setFocus()
        self.course_opened.emit(course_id)

    def _failed(self, title: str) -> Any:
        def show(exc: BaseException) -> None:
            self.courses_page.status.setText(str(exc))
            QMessageBox.warning(self, title, str(exc))

        return show

    def create_course(self) -> None:
        title, ok = QInputDialog.getText(
            self,
            self.tr("New course"),
            self.tr("Title of the new course:"),
            QLineEdit.EchoMode.Normal,
            "",
        )
        if not ok:
            return
        problem = publishing.title_problem(title)
        if problem is not None:
            QMessageBox.warning(self, self.tr("New course"), problem.message)
            return
        BackgroundOp(
            lambda: authoring.create_course(self.uow_factory, actor=self.actor, title=title),
            label="create course",
        ).on_success(lambda course: self.open_course(course.id)).on_failure(
            self._failed(self.tr("The course was not created"))
        ).run(parent=self)

    def duplicate_course(self, course_id: uuid.UUID) -> None:
        self.courses_page.status.setText(self.tr("Duplicating…"))
        BackgroundOp(
            lambda: authoring.duplicate_course(
                self.uow_factory, actor=self.actor, course_id=course_id
            ),
            label="duplicate course",
        ).on_success(lambda copy: self.courses_page.refresh(select=copy.id)).on_failure(
            self._failed(self.tr("The course was not duplicated"))
        ).run(parent=self)

    def archive_course(self, course_id: uuid.UUID) -> None:
        course = next((c for c in self.courses_page.model.records() if c.id == course_id), None)
        if course is None:
            return
        dialog = PublishDialog(
            course_title=course.title,
            action=ARCHIVE,
            check=lambda: authoring.enrolled_learners(
                self.uow_factory, actor=self.actor, course_id=course_id
            ),
            parent=self,
        )
        if dialog.exec() != PublishDialog.DialogCode.Accepted:
            return
        expected = getattr(course, "updated_at", None)
        BackgroundOp(
            lambda: authoring.archive_course(
                self.uow_factory,
                actor=self.actor,
                course_id=course_id,
                expected_updated_at=expected,
            ),
            label="archive course",
        ).on_success(lambda _change: self.courses_page.refresh(select=course_id)).on_failure(
            self._failed(self.tr("The course was not archived"))
        ).run(parent=self)

    # -- closing -----------------------------------------------------------------------

    def confirm_close(self) -> bool:
        """False when the person chose to keep editing (unsaved typed changes)."""
        return self.editor.confirm_close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close():
            event.accept()
        else:
            event.ignore()
