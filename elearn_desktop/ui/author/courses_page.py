"""Author workspace, first page: "My courses" — status, level, duration, last change.

The page shows what its loader returns (run off the GUI thread) and filters it by text and
status; create, open, duplicate and archive are requests (signals) that the workspace
carries out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.publishing import can_transition
from elearn_desktop.ui.models import Column, RecordRole, RecordTableModel, minutes_text
from elearn_desktop.ui.ops import BackgroundOp

STATUS_FILTERS = (("All statuses", ""), ("Drafts", "draft"), ("Published", "published"))
STATUS_FILTERS += (("Archived", "archived"),)


def last_change_text(moment: dt.datetime | None, *, now: dt.datetime | None = None) -> str:
    """'today 14:05', 'yesterday 09:12', or '12 Mar 2026' in local time."""
    if moment is None:
        return "—"
    local = moment.astimezone()
    today = (now or dt.datetime.now().astimezone()).date()
    if local.date() == today:
        return f"today {local:%H:%M}"
    if local.date() == today - dt.timedelta(days=1):
        return f"yesterday {local:%H:%M}"
    return f"{local.day} {local:%b %Y}"


def _updated(c: Any) -> dt.datetime | None:
    return getattr(c, "updated_at", None)


COURSE_COLUMNS: list[Column[Any]] = [
    Column("Title", lambda c: c.title),
    Column("Status", lambda c: c.status.capitalize()),
    Column("Level", lambda c: (c.level or "").capitalize()),
    Column(
        "Duration",
        lambda c: minutes_text(c.duration_minutes),
        sort_key=lambda c: c.duration_minutes or 0,
        align_right=True,
    ),
    Column(
        "Modules",
        lambda c: str(c.module_count),
        sort_key=lambda c: c.module_count,
        align_right=True,
    ),
    Column(
        "Lessons",
        lambda c: str(c.lesson_count),
        sort_key=lambda c: c.lesson_count,
        align_right=True,
    ),
    Column(
        "Last change",
        lambda c: last_change_text(_updated(c)),
        sort_key=lambda c: (_updated(c) or dt.datetime.min.replace(tzinfo=dt.UTC)).timestamp(),
    ),
]


class CourseFilterProxy(QSortFilterProxyModel):
    """Text (any column) and status filter over the course records."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status = ""
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._status:
            record = self.sourceModel().index(row, 0, parent).data(RecordRole)
            if record is None or record.status != self._status:
                return False
        return super().filterAcceptsRow(row, parent)


class AuthorCoursesPage(QWidget):
    course_open_requested = Signal(object)  # course id
    course_create_requested = Signal()
    course_duplicate_requested = Signal(object)  # course id
    course_archive_requested = Signal(object)  # course id
    scope_changed = Signal(bool)  # True: every course (admins), False: mine

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorCoursesPage")
        self._loader: Callable[[], Sequence[Any]] | None = None
        self.filter = QLineEdit(placeholderText="Filter courses…", clearButtonEnabled=True)
        self.filter.setObjectName("courseFilter")
        self.filter.setAccessibleName("Filter courses")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName("Show courses with status")
        for label, value in STATUS_FILTERS:
            self.status_filter.addItem(label, value)
        self.all_courses = QCheckBox("Every author's courses")
        self.all_courses.setToolTip("Administrators may edit every course")
        self.all_courses.hide()
        self.all_courses.toggled.connect(self.scope_changed.emit)

        self.model: RecordTableModel[Any] = RecordTableModel(COURSE_COLUMNS, self)
        self.proxy = CourseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status_filter.currentData())
        )
        self.table = QTableView()
        self.table.setObjectName("authorCourses")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Courses")
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.table.activated.connect(lambda _index: self._open())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.new_button = QPushButton("New course…")
        self.new_button.setObjectName("newCourse")
        self.open_button = QPushButton("Open")
        self.open_button.setObjectName("openCourse")
        self.duplicate_button = QPushButton("Duplicate")
        self.duplicate_button.setObjectName("duplicateCourse")
        self.archive_button = QPushButton("Archive…")
        self.archive_button.setObjectName("archiveCourse")
        self.new_button.clicked.connect(self.course_create_requested.emit)
        self.open_button.clicked.connect(self._open)
        self.duplicate_button.clicked.connect(self._duplicate)
        self.archive_button.clicked.connect(self._archive)
        self.status = QLabel("Loading courses…")
        self.status.setObjectName("authorCoursesStatus")

        title = QLabel("My courses")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.all_courses)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.duplicate_button)
        actions.addWidget(self.archive_button)
        actions.addStretch(1)
        actions.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()

    # -- data ------------------------------------------------------------------------------

    def set_loader(self, loader: Callable[[], Sequence[Any]]) -> None:
        self._loader = loader

    def refresh(self, *, select: uuid.UUID | None = None) -> None:
        if self._loader is None:
            return
        keep = select or (self.current().id if self.current() is not None else None)
        BackgroundOp(self._loader, label="load author courses").on_success(
            lambda courses: self._show(courses, keep)
        ).on_failure(lambda exc: self.status.setText(f"Could not load courses: {exc}")).run(
            parent=self
        )

    def _show(self, courses: Sequence[Any], keep: uuid.UUID | None = None) -> None:
        self.model.set_records(courses)
        drafts = sum(1 for c in courses if c.status == "draft")
        if courses:
            self.status.setText(
                f"{len(courses)} course{'' if len(courses) == 1 else 's'}, "
                f"{drafts} draft{'' if drafts == 1 else 's'}"
            )
        else:
            self.status.setText("No courses yet: create your first with “New course…”.")
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def select(self, course_id: uuid.UUID) -> None:
        for row in range(self.proxy.rowCount()):
            record = self.proxy.index(row, 0).data(RecordRole)
            if record is not None and record.id == course_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return

    def current(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows(0)
        return rows[0].data(RecordRole) if rows else None

    # -- requests ------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        course = self.current()
        self.open_button.setEnabled(course is not None)
        self.duplicate_button.setEnabled(course is not None)
        archivable = course is not None and can_transition(course.status, "archived")
        self.archive_button.setEnabled(archivable)
        self.archive_button.setToolTip(
            "Only a published course can be archived"
            if course is not None and not archivable
            else ""
        )

    def _open(self) -> None:
        course = self.current()
        if course is not None:
            self.course_open_requested.emit(course.id)

    def _duplicate(self) -> None:
        course = self.current()
        if course is not None:
            self.course_duplicate_requested.emit(course.id)

    def _archive(self) -> None:
        course = self.current()
        if course is not None:
            self.course_archive_requested.emit(course.id)
