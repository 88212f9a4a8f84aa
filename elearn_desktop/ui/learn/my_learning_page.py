"""Learn › My learning: enrolled courses and paths with progress bars, continue, recently watched.

"Continue" plays the lesson to continue with (the last one watched if unfinished, else the
first unfinished one); a double click opens the course or the path. Figures come from
``learning_overview.my_learning``, read on a worker thread; the stored path progress rows
are brought up to date in the same background op.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.services import learning_overview
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.learning_overview import EnrolledCourse, EnrolledPath, MyLearning
from elearn_desktop.services.progress import RecentLesson
from elearn_desktop.ui.learn.widgets import (
    ProgressBarDelegate,
    ProgressTableModel,
    describe_failure,
    heading,
    muted_label,
    progress_text,
    when_text,
)
from elearn_desktop.ui.models import Column, RecordRole
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

_CONTEXT = "MyLearningPage"


# Headers are translated when shown (Column.context); cells when they are drawn.
def _course_columns() -> list[Column[EnrolledCourse]]:
    return [
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Course"), lambda c: c.course.title,
               context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Progress"),
               lambda c: progress_text(c.status, c.percentage), lambda c: c.percentage,
               context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Last activity"),
               lambda c: when_text(c.last_activity), context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Continue with"),
               lambda c: c.next_lesson_title
               or QCoreApplication.translate("MyLearningPage", "All lessons done"),
               context=_CONTEXT),
    ]  # fmt: skip


def _path_columns() -> list[Column[EnrolledPath]]:
    return [
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Learning path"), lambda p: p.path.title,
               context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Progress"),
               lambda p: progress_text(p.status, p.percentage), lambda p: p.percentage,
               context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Steps done"),
               lambda p: QCoreApplication.translate("MyLearningPage", "{0} of {1}").format(
                   p.completed_steps, p.path.step_count),
               context=_CONTEXT),
    ]  # fmt: skip


def _recent_columns() -> list[Column[RecentLesson]]:
    return [
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Lesson"), lambda r: r.title,
               context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Course"), lambda r: r.course_title or "—",
               context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Watched"),
               lambda r: when_text(r.last_watched_at), context=_CONTEXT),
        Column(QT_TRANSLATE_NOOP("MyLearningPage", "Progress"),
               lambda r: progress_text(r.status, r.percentage), lambda r: r.percentage,
               context=_CONTEXT),
    ]  # fmt: skip


def _table(*, stretch: int = 0, progress: int = 1) -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(30)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(90)
    header.setStretchLastSection(False)
    view.setProperty("stretch_column", stretch)
    view.setProperty("progress_column", progress)
    return view


def _size_columns(view: QTableView) -> None:
    """The title column takes the room; the progress bars a fixed width; the rest fit."""
    header = view.horizontalHeader()
    stretch, bar = view.property("stretch_column"), view.property("progress_column")
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        elif column == bar:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, 200)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


class MyLearningPage(QWidget):
    """What the person is studying, how far they are, and where to pick up."""

    lesson_requested = Signal(object)  # lesson id
    course_requested = Signal(object)  # course id
    path_requested = Signal(object)  # learning path id
    catalog_requested = Signal()

    def __init__(self, session: SignedIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myLearningPage")
        self._uow: UnitOfWorkFactory | None = None
        self._user_id: uuid.UUID | None = None
        self.overview: MyLearning | None = None
        self.progress_delegate = ProgressBarDelegate(self)

        self.courses_model: ProgressTableModel[EnrolledCourse] = ProgressTableModel(
            _course_columns(),
            progress=lambda c: (c.status, c.percentage),
            progress_column=1,
            parent=self,
        )
        self.paths_model: ProgressTableModel[EnrolledPath] = ProgressTableModel(
            _path_columns(),
            progress=lambda p: (p.status, p.percentage),
            progress_column=1,
            parent=self,
        )
        self.recent_model: ProgressTableModel[RecentLesson] = ProgressTableModel(
            _recent_columns(),
            progress=lambda r: (r.status, r.percentage),
            progress_column=3,
            parent=self,
        )

        self.status = muted_label(self.tr("Loading…"))
        self.status.setObjectName("myLearningStatus")

        # "Pick up where you left off".
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        self.resume_label.setTextFormat(Qt.TextFormat.PlainText)
        self.resume_button = QPushButton(icon("play"), "")
        self.resume_button.setDefault(True)
        self.resume_button.clicked.connect(self._resume)
        self.resume_frame = QFrame()
        self.resume_frame.setFrameShape(QFrame.Shape.StyledPanel)
        resume = QHBoxLayout(self.resume_frame)
        resume.addWidget(self.resume_label, 1)
        resume.addWidget(self.resume_button)
        self.resume_frame.hide()

        self.courses = _table()
        self.courses.setModel(self.courses_model)
        _size_columns(self.courses)
        self.courses.setItemDelegateForColumn(1, self.progress_delegate)
        self.courses.activated.connect(self._open_course_at)
        self.courses.selectionModel().currentRowChanged.connect(self._course_selected)
        self.continue_button = QPushButton(icon("play"), "")
        self.continue_button.clicked.connect(self._continue_selected)
        self.open_course_button = QPushButton(icon("course"), "")
        self.open_course_button.clicked.connect(self._open_selected_course)
        self.no_courses = QWidget()
        empty = QHBoxLayout(self.no_courses)
        empty.setContentsMargins(0, 0, 0, 0)
        self.no_courses_label = muted_label()
        empty.addWidget(self.no_courses_label)
        self.browse_button = QPushButton(icon("search"), "")
        self.browse_button.clicked.connect(self.catalog_requested.emit)
        empty.addWidget(self.browse_button)
        empty.addStretch(1)

        self.paths = _table()
        self.paths.setModel(self.paths_model)
        _size_columns(self.paths)
        self.paths.setItemDelegateForColumn(1, self.progress_delegate)
        self.paths.activated.connect(self._open_path_at)
        self.no_paths = muted_label()

        self.recent = _table(progress=3)
        self.recent.setModel(self.recent_model)
        _size_columns(self.recent)
        self.recent.setItemDelegateForColumn(3, self.progress_delegate)
        self.recent.activated.connect(self._open_recent_at)
        self.no_recent = muted_label()

        body = QWidget()
        column = QVBoxLayout(body)
        self.page_heading = heading("")
        self.courses_heading = heading("", scale=1.1)
        self.paths_heading = heading("", scale=1.1)
        self.recent_heading = heading("", scale=1.1)
        column.addWidget(self.page_heading)
        column.addWidget(self.status)
        column.addWidget(self.resume_frame)
        column.addWidget(self.courses_heading)
        column.addWidget(self.no_courses)
        column.addWidget(self.courses)
        buttons = QHBoxLayout()
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.open_course_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.paths_heading)
        column.addWidget(self.no_paths)
        column.addWidget(self.paths)
        column.addWidget(self.recent_heading)
        column.addWidget(self.no_recent)
        column.addWidget(self.recent)
        column.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()

        if session is not None:
            self.set_session(session)

    def retranslate(self) -> None:
        """Fixed texts in the current language; a loaded overview is shown again in it."""
        for label, text in (
            (self.page_heading, self.tr("My learning")),
            (self.courses_heading, self.tr("Courses")),
            (self.paths_heading, self.tr("Learning paths")),
            (self.recent_heading, self.tr("Recently watched")),
        ):
            label.setText(text)
            label.setAccessibleName(text)
        self.scroll.setAccessibleName(self.tr("My learning"))
        self.courses.setAccessibleName(self.tr("Enrolled courses"))
        self.paths.setAccessibleName(self.tr("Learning paths"))
        self.recent.setAccessibleName(self.tr("Recently watched"))
        self.resume_button.setText(self.tr("Continue"))
        self.continue_button.setText(self.tr("Continue"))
        self.open_course_button.setText(self.tr("Open course"))
        self.browse_button.setText(self.tr("Browse the catalog"))
        self.no_courses_label.setText(self.tr("You are not enrolled in a course yet."))
        self.no_paths.setText(
            self.tr("No learning path started. Paths are in the catalog, under Learning paths.")
        )
        self.no_recent.setText(self.tr("Lessons you watch show up here."))
        if self.overview is not None:
            self.show_overview(self.overview)
        else:
            self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------------------

    def set_session(self, session: SignedIn) -> None:
        if session.backend is None:
            self._uow, self._user_id = None, None
            self.status.setText(self.tr("My learning needs a connection to the server."))
            return
        self._uow, self._user_id = session.backend.uow, session.user.id

    def refresh(self) -> None:
        uow, user_id = self._uow, self._user_id
        if uow is None or user_id is None:
            return
        self.status.setText(self.tr("Loading…"))

        def load() -> MyLearning:
            learning_overview.refresh_enrolled_paths(uow, user_id)
            return learning_overview.my_learning(uow, user_id)

        BackgroundOp(load, label="load my learning").on_success(self.show_overview).on_failure(
            self._show_error
        ).run(parent=self)

    def show_overview(self, overview: MyLearning) -> None:
        self.overview = overview
        self.courses_model.set_records(overview.courses)
        self.paths_model.set_records(overview.paths)
        self.recent_model.set_records(overview.recent)
        for view, model, empty in (
            (self.courses, self.courses_model, self.no_courses),
            (self.paths, self.paths_model, self.no_paths),
            (self.recent, self.recent_model, self.no_recent),
        ):
            rows = model.rowCount()
            view.setVisible(rows > 0)
            empty.setVisible(rows == 0)
            header = view.horizontalHeader().height()
            view.setFixedHeight(header + max(rows, 1) * 30 + 4)
        done = sum(1 for c in overview.courses if c.completed)
        self.status.setText(
            self.tr("%n course(s) ({0} completed)", "", len(overview.courses)).format(done)
            + " · "
            + self.tr("%n learning path(s)", "", len(overview.paths))
        )
        resume = overview.continue_with
        if resume is not None and resume.next_lesson_title:
            self.resume_label.setText(
                self.tr("Pick up where you left off: {0} — {1} ({2} % done)").format(
                    resume.next_lesson_title, resume.course.title, resume.percentage
                )
            )
            self.resume_frame.show()
        else:
            self.resume_frame.hide()
        if overview.courses and not self.courses.currentIndex().isValid():
            self.courses.selectRow(0)
        self._update_buttons()

    def _show_error(self, exc: BaseException) -> None:
        self.status.setText(
            self.tr("Could not load your learning: {0}").format(describe_failure(exc))
        )

    # -- actions -------------------------------------------------------------------------

    def selected_course(self) -> EnrolledCourse | None:
        index = self.courses.currentIndex()
        record = index.data(RecordRole) if index.isValid() else None
        return record if isinstance(record, EnrolledCourse) else None

    def _course_selected(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_course()
        self.continue_button.setEnabled(
            selected is not None and selected.next_lesson_id is not None
        )
        self.open_course_button.setEnabled(selected is not None)
        if selected is not None and selected.next_lesson_title:
            self.continue_button.setToolTip(
                self.tr("Play “{0}”").format(selected.next_lesson_title)
            )

    def _resume(self) -> None:
        if self.overview is not None and self.overview.continue_with is not None:
            lesson = self.overview.continue_with.next_lesson_id
            if lesson is not None:
                self.lesson_requested.emit(lesson)

    def _continue_selected(self) -> None:
        selected = self.selected_course()
        if selected is not None and selected.next_lesson_id is not None:
            self.lesson_requested.emit(selected.next_lesson_id)

    def _open_selected_course(self) -> None:
        selected = self.selected_course()
        if selected is not None:
            self.course_requested.emit(selected.course.id)

    def _open_course_at(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if isinstance(record, EnrolledCourse):
            self.course_requested.emit(record.course.id)

    def _open_path_at(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if isinstance(record, EnrolledPath):
            self.path_requested.emit(record.path.id)

    def _open_recent_at(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if isinstance(record, RecentLesson):
            self.lesson_requested.emit(record.lesson_id)
