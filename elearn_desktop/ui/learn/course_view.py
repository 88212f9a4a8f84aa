"""Learn › a course: its modules and lessons with completion marks, percentages and "Next".

:class:`CourseTreeModel` is a thin adapter over ``progress.course_progress`` (read on a
worker thread): modules at the top level, their lessons below. Marks are text as well as
symbols — ✓ completed, ● in progress, ○ not started — and the lesson to study next says
"Next". A course the person's plan does not include shows why, and its lessons are
locked. Enter or a double click on a lesson asks for it to be played (``lesson_requested``).
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.services import learning_overview, progress
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.learning_overview import Access, CourseOverview
from elearn_desktop.services.progress import (
    CourseProgress,
    LessonProgressSummary,
    ModuleProgressSummary,
)
from elearn_desktop.ui.learn.widgets import (
    COMPLETED,
    IN_PROGRESS,
    PercentageRole,
    ProgressBarDelegate,
    StatusRole,
    describe_failure,
    heading,
    labelled_progress_bar,
    muted_label,
    set_progress,
    status_mark,
    status_word,
)
from elearn_desktop.ui.models import RecordRole, minutes_text
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

#: The lesson id of a lesson row (None on module rows).
LessonIdRole = Qt.ItemDataRole.UserRole + 20
#: True on the row of the lesson to study next.
IsNextRole = Qt.ItemDataRole.UserRole + 21

# Translated where they are shown (CourseTreeModel.headerData).
COLUMNS = (
    QT_TRANSLATE_NOOP("CourseTreeModel", "Module / lesson"),
    QT_TRANSLATE_NOOP("CourseTreeModel", "Duration"),
    QT_TRANSLATE_NOOP("CourseTreeModel", "Progress"),
)
_TOP = 0  # internalId of module rows; lesson rows carry their module's row + 1

_Index = QModelIndex | QPersistentModelIndex


class CourseTreeModel(QAbstractItemModel):
    """Modules and lessons of one course with the person's progress (data() only reads)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._course: CourseProgress | None = None
        self._modules: tuple[ModuleProgressSummary, ...] = ()
        self._next: uuid.UUID | None = None
        self._locked = False

    # -- content -------------------------------------------------------------------------

    def set_course(
        self,
        course: CourseProgress,
        *,
        next_lesson_id: uuid.UUID | None = None,
        locked: bool = False,
    ) -> None:
        """Show ``course``; ``next_lesson_id`` is marked "Next" (default: the first unfinished)."""
        self.beginResetModel()
        self._course = course
        self._modules = course.modules
        self._next = next_lesson_id if next_lesson_id is not None else course.next_lesson_id
        self._locked = locked
        self.endResetModel()

    @property
    def next_lesson_id(self) -> uuid.UUID | None:
        return self._next

    @property
    def course(self) -> CourseProgress | None:
        return self._course

    @property
    def locked(self) -> bool:
        return self._locked

    def lesson_index(self, lesson_id: uuid.UUID, column: int = 0) -> QModelIndex:
        for m_row, module in enumerate(self._modules):
            for l_row, lesson in enumerate(module.lessons):
                if lesson.lesson_id == lesson_id:
                    return self.createIndex(l_row, column, m_row + 1)
        return QModelIndex()

    def _record(self, index: _Index) -> ModuleProgressSummary | LessonProgressSummary | None:
        if not index.isValid():
            return None
        parent_id = int(index.internalId())
        if parent_id == _TOP:
            if 0 <= index.row() < len(self._modules):
                return self._modules[index.row()]
            return None
        module_row = parent_id - 1
        if not 0 <= module_row < len(self._modules):
            return None
        lessons = self._modules[module_row].lessons
        return lessons[index.row()] if 0 <= index.row() < len(lessons) else None

    # -- Qt overrides --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        if int(parent.internalId()) == _TOP:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: _Index | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        parent_id = int(index.internalId())
        if parent_id == _TOP:
            return QModelIndex()
        return self.createIndex(parent_id - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._modules)
        if parent.column() != 0:
            return 0
        record = self._record(parent)
        return len(record.lessons) if isinstance(record, ModuleProgressSummary) else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return self.tr(COLUMNS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if isinstance(self._record(index), LessonProgressSummary):
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self._record(index)
        if record is None:
            return None
        column = index.column()
        is_next = isinstance(record, LessonProgressSummary) and record.lesson_id == self._next
        if role == RecordRole:
            return record
        if role == StatusRole:
            return record.status
        if role == PercentageRole:
            return record.percentage if column == 2 else None
        if role == LessonIdRole:
            return record.lesson_id if isinstance(record, LessonProgressSummary) else None
        if role == IsNextRole:
            return is_next
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column, is_next)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(record, is_next)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            if isinstance(record, ModuleProgressSummary):
                return icon("module")
            return icon("play" if record.has_video else "lesson")
        if role == Qt.ItemDataRole.FontRole and is_next:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(
        self, record: ModuleProgressSummary | LessonProgressSummary, column: int, is_next: bool
    ) -> str:
        if column == 0:
            text = f"{status_mark(record.status)}  {record.title}"
            return self.tr("{0}   — Next").format(text) if is_next else text
        if column == 1:
            if isinstance(record, ModuleProgressSummary):
                return minutes_text(sum(lesson.duration_min or 0 for lesson in record.lessons))
            return minutes_text(record.duration_min)
        return f"{record.percentage} %"

    def _describe(
        self, record: ModuleProgressSummary | LessonProgressSummary, is_next: bool
    ) -> str:
        kind = self.tr("Module")
        if isinstance(record, LessonProgressSummary):
            kind = self.tr("Video lesson") if record.has_video else self.tr("Reading")
        state = status_word(record.status)
        if record.status == IN_PROGRESS:
            state = f"{state}, {record.percentage} %"
        parts = [self.tr("{0}: {1}").format(kind, record.title), state]
        if is_next:
            parts.append(self.tr("next to study"))
        if self._locked and isinstance(record, LessonProgressSummary):
            parts.append(self.tr("locked: not in your plan"))
        return " — ".join(parts)


class CourseViewPage(QWidget):
    """One course: overall progress, Continue, and the module/lesson tree."""

    lesson_requested = Signal(object)  # lesson id
    enrolled = Signal(object)  # course id

    def __init__(
        self, session: SignedIn, course_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("courseViewPage")
        self.course_id = course_id
        self._uow: UnitOfWorkFactory | None = session.backend.uow if session.backend else None
        self._user_id = session.user.id
        self.access: Access | None = None
        self._overview: CourseOverview | None = None

        self.title = heading(self.tr("Loading the course…"), scale=1.4)
        self.title.setWordWrap(True)
        self.summary = muted_label()
        self.bar = labelled_progress_bar()
        self.bar.setFixedWidth(240)
        self.access_label = QLabel()
        self.access_label.setWordWrap(True)
        self.access_label.setTextFormat(Qt.TextFormat.PlainText)
        self.access_label.setObjectName("accessReason")
        self.access_label.hide()
        self.continue_button = QPushButton(icon("play"), self.tr("Continue"))
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self._continue)
        self.enrol_button = QPushButton()
        self.enrol_button.clicked.connect(self._enrol)
        self.enrol_button.hide()

        self.model = CourseTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegateForColumn(2, ProgressBarDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 160)
        self.tree.activated.connect(self._open_at)

        top = QHBoxLayout()
        top.addWidget(self.bar)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.enrol_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.access_label)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language; a loaded course is shown again in it."""
        self.enrol_button.setText(self.tr("Enrol"))
        self.tree.setAccessibleName(self.tr("Modules and lessons"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._overview is not None:
            self.show_course(self._overview)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        uow, user_id, course_id = self._uow, self._user_id, self.course_id
        if uow is None:
            self.summary.setText(self.tr("This course needs a connection to the server."))
            return

        BackgroundOp(
            lambda: learning_overview.course_overview(uow, user_id, course_id),
            label="load course progress",
        ).on_success(self.show_course).on_failure(self._show_error).run(parent=self)

    def show_course(self, overview: CourseOverview) -> None:
        course, access = overview.progress, overview.access
        self._overview = overview
        self.access = access
        self.title.setText(course.title)
        self.model.set_course(
            course, next_lesson_id=overview.continue_lesson_id, locked=not access.allowed
        )
        self.tree.expandAll()
        set_progress(self.bar, course.percentage, course.status)
        lessons = course.lessons
        done = sum(1 for lesson in lessons if lesson.status == COMPLETED)
        summary = self.tr("{0} % complete · {1} of %n lesson(s) done", "", len(lessons)).format(
            course.percentage, done
        )
        if not course.enrolled:
            summary += self.tr(" · not enrolled yet")
        self.summary.setText(summary)
        if not access.allowed:
            self.access_label.setText(f"⚠ {access.reason}")
            self.access_label.show()
        else:
            self.access_label.hide()
        self.enrol_button.setVisible(not course.enrolled and access.allowed)
        self.enrol_button.setEnabled(True)
        following = self.next_lesson()
        self.continue_button.setEnabled(access.allowed and following is not None)
        if following is not None:
            if course.enrolled and course.percentage:
                text = self.tr("Continue: {0}").format(following.title)
            else:
                text = self.tr("Start: {0}").format(following.title)
            self.continue_button.setText(text)
            self.tree.setCurrentIndex(self.model.lesson_index(following.lesson_id))
        else:
            self.continue_button.setText(self.tr("All lessons done"))

    def next_lesson(self) -> LessonProgressSummary | None:
        course, wanted = self.model.course, self.model.next_lesson_id
        if course is None or wanted is None:
            return None
        return next((x for x in course.lessons if x.lesson_id == wanted), None)

    def _show_error(self, exc: BaseException) -> None:
        self.summary.setText(
            self.tr("Could not load the course: {0}").format(describe_failure(exc))
        )

    # -- actions -------------------------------------------------------------------------

    def _open_at(self, index: QModelIndex) -> None:
        lesson_id = index.data(LessonIdRole)
        if lesson_id is None:
            module = index.siblingAtColumn(0)
            self.tree.setExpanded(module, not self.tree.isExpanded(module))
            return
        if self.access is not None and not self.access.allowed:
            self.access_label.setText(f"⚠ {self.access.reason}")
            self.access_label.show()
            return
        self.lesson_requested.emit(lesson_id)

    def _continue(self) -> None:
        following = self.next_lesson()
        if following is not None and (self.access is None or self.access.allowed):
            self.lesson_requested.emit(following.lesson_id)

    def _enrol(self) -> None:
        uow, user_id, course_id = self._uow, self._user_id, self.course_id
        if uow is None:
            return
        self.enrol_button.setEnabled(False)
        BackgroundOp(
            lambda: progress.enrol(uow, user_id=user_id, course_id=course_id), label="enrol"
        ).on_success(self._enrolled).on_failure(self._show_error).run(parent=self)

    def _enrolled(self, _result: object) -> None:
        self.enrolled.emit(self.course_id)
        self.refresh()
