"""Learn › a learning path: its ordered steps with status and percentage, and the next step.

Opening a course step plays the course's first unfinished lesson (``lesson_requested``);
an assessment step asks for the assessment (``assessment_requested``); a finished course
opens its course view (``course_requested``). The next step is highlighted in bold, with
a background and the word "Next" — never by colour alone. Loading the page also brings the
person's ``learning_path`` progress row up to date.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.services import learning_overview
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.learning_overview import PathStepView, PathView
from elearn_desktop.ui.learn.widgets import (
    COMPLETED,
    PercentageRole,
    ProgressBarDelegate,
    StatusRole,
    describe_failure,
    heading,
    labelled_progress_bar,
    muted_label,
    progress_text,
    set_progress,
)
from elearn_desktop.ui.models import RecordRole
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

# Translated where they are shown (PathStepsModel.headerData).
COLUMNS = (
    QT_TRANSLATE_NOOP("PathStepsModel", "#"),
    QT_TRANSLATE_NOOP("PathStepsModel", "Step"),
    QT_TRANSLATE_NOOP("PathStepsModel", "Status"),
    QT_TRANSLATE_NOOP("PathStepsModel", "Progress"),
)
IsNextRole = Qt.ItemDataRole.UserRole + 30

_Index = QModelIndex | QPersistentModelIndex


def step_status_text(step: PathStepView, *, is_next: bool) -> str:
    text = progress_text(step.status, step.percentage)
    if step.locked_reason and step.status != COMPLETED:
        text += QCoreApplication.translate("PathStepsModel", " · locked: not in your plan")
    if is_next:
        text += QCoreApplication.translate("PathStepsModel", " · Next")
    return text


class PathStepsModel(QAbstractTableModel):
    """The steps of one path (a thin adapter over a ``PathView``)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._view: PathView | None = None
        self._steps: tuple[PathStepView, ...] = ()

    def set_view(self, view: PathView) -> None:
        self.beginResetModel()
        self._view = view
        self._steps = view.steps
        self.endResetModel()

    @property
    def view(self) -> PathView | None:
        return self._view

    def step(self, row: int) -> PathStepView:
        return self._steps[row]

    def next_row(self) -> int | None:
        following = self._view.next_step if self._view is not None else None
        return following.index if following is not None else None

    # -- Qt overrides --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

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
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._steps):
            return None
        step = self._steps[index.row()]
        column = index.column()
        is_next = index.row() == self.next_row()
        if role == RecordRole:
            return step
        if role == IsNextRole:
            return is_next
        if role == StatusRole:
            return step.status
        if role == PercentageRole:
            return step.percentage if column == 3 else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(step.index + 1)
            if column == 1:
                if step.kind == "course":
                    return self.tr("Course: {0}").format(step.title)
                return self.tr("Assessment: {0}").format(step.title)
            if column == 2:
                return step_status_text(step, is_next=is_next)
            return f"{step.percentage} %"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [
                self.tr("Step {0}: {1}").format(step.index + 1, step.title),
                step_status_text(step, is_next=is_next),
                step.detail,
            ]
            if step.locked_reason:
                parts.append(step.locked_reason)
            return " — ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return icon("course" if step.kind == "course" else "assessment")
        if role == Qt.ItemDataRole.FontRole and is_next:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and is_next:
            highlight = QColor(QApplication.palette().color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(40)
            return highlight
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class PathViewPage(QWidget):
    """One learning path: overall progress, the next step, and every step."""

    lesson_requested = Signal(object)  # lesson id
    assessment_requested = Signal(object)  # assessment id
    course_requested = Signal(object)  # course id (a finished course step)
    path_started = Signal(object)  # path id

    def __init__(
        self, session: SignedIn, path_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pathViewPage")
        self.path_id = path_id
        self._uow: UnitOfWorkFactory | None = session.backend.uow if session.backend else None
        self._user_id = session.user.id
        self._view: PathView | None = None

        self.title = heading(self.tr("Loading the path…"), scale=1.4)
        self.title.setWordWrap(True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = labelled_progress_bar()
        self.bar.setFixedWidth(240)
        self.summary = muted_label()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.start_button = QPushButton(icon("path"), "")
        self.start_button.clicked.connect(self._start)
        self.start_button.hide()
        self.next_button = QPushButton(icon("play"), self.tr("Continue"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.open_next_step)

        self.model = PathStepsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setItemDelegateForColumn(3, ProgressBarDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(3, 160)
        self.table.activated.connect(self._open_at)

        top = QHBoxLayout()
        top.addWidget(self.bar)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language; a loaded path is shown again in it."""
        self.start_button.setText(self.tr("Start this path"))
        self.table.setAccessibleName(self.tr("Steps"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._view is not None:
            self.show_view(self._view)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ----------------------------------------------------------------------------

    def refresh(self, *, start: bool = False) -> None:
        uow, user_id, path_id = self._uow, self._user_id, self.path_id
        if uow is None:
            self.summary.setText(self.tr("This path needs a connection to the server."))
            return
        BackgroundOp(
            lambda: learning_overview.refresh_path_progress(uow, user_id, path_id, start=start),
            label="load path",
        ).on_success(self.show_view).on_failure(self._show_error).run(parent=self)

    def show_view(self, view: PathView) -> None:
        self._view = view
        self.title.setText(view.path.title)
        self.model.set_view(view)
        self.description.setText(view.path.description or "")
        set_progress(self.bar, view.percentage, view.status)
        self.summary.setText(
            self.tr("{0} of %n step(s) done · {1} %", "", len(view.steps)).format(
                view.completed_steps, view.percentage
            )
        )
        self.start_button.setVisible(not view.enrolled)
        self.start_button.setEnabled(True)
        following = view.next_step
        if following is None:
            self.next_button.setText(self.tr("Path completed ✓"))
            self.next_button.setEnabled(False)
        else:
            if view.enrolled or view.completed_steps:
                text = self.tr("Continue with step {0}: {1}")
            else:
                text = self.tr("Begin with step {0}: {1}")
            self.next_button.setText(text.format(following.index + 1, following.title))
            self.next_button.setEnabled(True)
            self.table.selectRow(following.index)

    def _show_error(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("Could not load the path: {0}").format(describe_failure(exc)))

    # -- actions -------------------------------------------------------------------------

    def open_next_step(self) -> None:
        row = self.model.next_row()
        if row is not None:
            self.open_step(self.model.step(row))

    def open_step(self, step: PathStepView) -> None:
        if step.kind == "assessment":
            self.assessment_requested.emit(step.entity_id)
            return
        if step.locked_reason and step.status != COMPLETED:
            self.message.setText(f"⚠ {step.locked_reason}")
            self.message.show()
            return
        if step.status == COMPLETED or step.next_lesson_id is None:
            self.course_requested.emit(step.entity_id)
        else:
            self.lesson_requested.emit(step.next_lesson_id)

    def _open_at(self, index: QModelIndex) -> None:
        step = index.data(RecordRole)
        if isinstance(step, PathStepView):
            self.open_step(step)

    def _start(self) -> None:
        self.start_button.setEnabled(False)
        self.refresh(start=True)
        self.path_started.emit(self.path_id)
