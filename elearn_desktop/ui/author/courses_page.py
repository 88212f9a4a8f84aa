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
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
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

STATUS_FILTERS = (
    (QT_TRANSLATE_NOOP("AuthorCoursesPage", "All statuses"), ""),
    (QT_TRANSLATE_NOOP("AuthorCoursesPage", "Drafts"), "draft"),
    (QT_TRANSLATE_NOOP("AuthorCoursesPage", "Published"), "published"),
    (QT_TRANSLATE_NOOP("AuthorCoursesPage", "Archived"), "archived"),
)
#: Course statuses and levels as shown (translated when shown).
STATUS_WORDS = {
    "draft": QT_TRANSLATE_NOOP("AuthorCoursesPage", "Draft"),
    "published": QT_TRANSLATE_NOOP("AuthorCoursesPage", "Published"),
    "archived": QT_TRANSLATE_NOOP("AuthorCoursesPage", "Archived"),
    "beginner": QT_TRANSLATE_NOOP("AuthorCoursesPage", "Beginner"),
    "intermediate": QT_TRANSLATE_NOOP("AuthorCoursesPage", "Intermediate"),
    "advanced": QT_TRANSLATE_NOOP("AuthorCoursesPage", "Advanced"),
}


def status_word(value: str | None) -> str:
    """A course status or level in the language shown ("draft" -> "Draft")."""
    if not value:
        return ""
    word = STATUS_WORDS.get(value)
    if word is None:
        return value.capitalize()
    return QCoreApplication.translate("AuthorCoursesPage", word)


def last_change_text(moment: dt.datetime | None, *, now: dt.datetime | None = None) -> str:
    """'today 14:05', 'yesterday 09:12', or '12 Mar 2026' in local time."""
    if moment is None:
        return "—"
    local = moment.astimezone()
    today = (now or dt.datetime.now().astimezone()).date()
    if local.date() == today:
        return QCoreApplication.translate("AuthorCoursesPage", "today {time}").format(
            time=f"{local:%H:%M}"
        )
    if local.date() == today - dt.timedelta(days=1):
        return QCoreApplication.translate("AuthorCoursesPage", "yesterday {time}").format(
            time=f"{local:%H:%M}"
        )
    return f"{local.day} {local:%b %Y}"


def _updated(c: Any) -> dt.datetime | None:
    return getattr(c, "updated_at", None)


CONTEXT = "AuthorCoursesPage"


COURSE_COLUMNS: list[Column[Any]] = [
    Column(QT_TRANSLATE_NOOP("AuthorCoursesPage", "Title"), lambda c: c.title, context=CONTEXT),
    Column(
        QT_TRANSLATE_NOOP("AuthorCoursesPage", "Status"),
        lambda c: status_word(c.status),
        context=CONTEXT,
    ),
    Column(
        QT_TRANSLATE_NOOP("AuthorCoursesPage", "Level"),
        lambda c: status_word(c.level),
        context=CONTEXT,
    ),
    Column(
        QT_TRANSLATE_NOOP("AuthorCoursesPage", "Duration"),
        lambda c: minutes_text(c.duration_minutes),
        sort_key=lambda c: c.duration_minutes or 0,
        align_right=True,
        context=CONTEXT,
    ),
    Column(
        QT_TRANSLATE_NOOP("AuthorCoursesPage", "Modules"),
        lambda c: str(c.module_count),
        sort_key=lambda c: c.module_count,
        align_right=True,
        context=CONTEXT,
    ),
    Column(
        QT_TRANSLATE_NOOP("AuthorCoursesPage", "Lessons"),
        lambda c: str(c.lesson_count),
        sort_key=lambda c: c.lesson_count,
        align_right=True,
        context=CONTEXT,
    ),
    Column(
        QT_TRANSLATE_NOOP("AuthorCoursesPage", "Last change"),
        lambda c: last_change_text(_updated(c)),
        sort_key=lambda c: (_updated(c) or dt.datetime.min.replace(tzinfo=dt.UTC)).timestamp(),
        context=CONTEXT,
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
        self.filter = QLineEdit(placeholderText=self.tr("Filter courses…"), clearButtonEnabled=True)
        self.filter.setObjectName("courseFilter")
        self.filter.setAccessibleName(self.tr("Filter courses"))
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Show courses with status"))
        for label, value in STATUS_FILTERS:
            self.status_filter.addItem(
                QCoreApplication.translate("AuthorCoursesPage", label), value
            )
        self.all_courses = QCheckBox(self.tr("Every author's courses"))
        self.all_courses.setToolTip(self.tr("Administrators may edit every course"))
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
        self.table.setAccessibleName(self.tr("Courses"))
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.table.activated.connect(lambda _index: self._open())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.new_button = QPushButton(self.tr("New course…"))
        self.new_button.setObjectName("newCourse")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openCourse")
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.duplicate_button.setObjectName("duplicateCourse")
        self.archive_button = QPushButton(self.tr("Archive…"))
        self.archive_button.setObjectName("archiveCourse")
        self.new_button.clicked.connect(self.course_create_requested.emit)
        self.open_button.clicked.connect(self._open)
        self.duplicate_button.clicked.connect(self._duplicate)
        self.archive_button.clicked.connect(self._archive)
        self.status = QLabel(self.tr("Loading courses…"))
        self.status.setObjectName("authorCoursesStatus")

        self.title = title = QLabel(self.tr("My courses"))
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

    def retranslate(self) -> None:
        """Fixed texts; the status line follows at the next refresh."""
        self.title.setText(self.tr("My courses"))
        self.filter.setPlaceholderText(self.tr("Filter courses…"))
        self.filter.setAccessibleName(self.tr("Filter courses"))
        self.status_filter.setAccessibleName(self.tr("Show courses with status"))
        for index, (label, _value) in enumerate(STATUS_FILTERS):
            self.status_filter.setItemText(
                index, QCoreApplication.translate("AuthorCoursesPage", label)
            )
        self.all_courses.setText(self.tr("Every author's courses"))
        self.all_courses.setToolTip(self.tr("Administrators may edit every course"))
        self.table.setAccessibleName(self.tr("Courses"))
        self.new_button.setText(self.tr("New course…"))
        self.open_button.setText(self.tr("Open"))
        self.duplicate_button.setText(self.tr("Duplicate"))
        self.archive_button.setText(self.tr("Archive…"))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------------------

    def set_loader(self, loader: Callable[[], Sequence[Any]]) -> None:
        self._loader = loader

    def refresh(self, *, select: uuid.UUID | None = None) -> None:
        if self._loader is None:
            return
        keep = select or (self.current().id if self.current() is not None else None)
        BackgroundOp(self._loader, label="load author courses").on_success(
            lambda courses: self._show(courses, keep)
        ).on_failure(
            lambda exc: self.status.setText(
                self.tr("Could not load courses: {exc}").format(exc=exc)
            )
        ).run(parent=self)

    def _show(self, courses: Sequence[Any], keep: uuid.UUID | None = None) -> None:
        self.model.set_records(courses)
        drafts = sum(1 for c in courses if c.status == "draft")
        if courses:
            self.status.setText(
                self.tr("{count} course(s)", "", len(courses)).format(count=len(courses))
                + ", "
                + self.tr("{count} draft(s)", "", drafts).format(count=drafts)
            )
        else:
            self.status.setText(self.tr("No courses yet: create your first with “New course…”."))
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
            self.tr("Only a published course can be archived")
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
