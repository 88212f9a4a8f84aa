"""The course editor: the course tree, the property panel, and an undo stack over both.

Every edit is an undo command (:mod:`.commands`) whose work runs off the GUI thread in
this editor's :class:`.CommandQueue`, so edits reach the database strictly in the order
they were made (persistence is immediate: nothing is unsaved but a property edit being typed).
Each result is the course as the database now holds it; the tree model applies it as a
diff.

A course opens as an outline — its modules, without lessons — so a course of 1,000
modules × 100 lessons paints at once (issue #8); the lessons are counted next, and a
module's lessons are fetched when it is expanded (through the same queue, so a fetch and
the edits around it reach the database in order — or, on a database on this machine
with nothing queued, at once on the GUI thread: see ``_fetch_module``). Results of later
edits carry the lessons of every module loaded so far (``CommandContext.lessons_of``);
the other modules are unchanged by those edits but for their counts, which come with
every result. Small courses (at most ``EAGER_MODULES`` modules, or ``EXPAND_ALL_LIMIT``
lessons once counted) are loaded whole and shown expanded, as before.

When a step fails — someone else changed the row (a conflict dialog shows both
versions), the server refused, the row is gone — the editor says so in words, drops the
failed command (or, when later steps were queued on top of it, the whole history, which
no longer matches the database) and reloads the course.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenuBar,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ElearnError
from elearn_desktop.services import authoring, media
from elearn_desktop.services.authoring import (
    CourseDraft,
    EditConflictError,
    LessonDraft,
    ModuleDraft,
    PublishBlockedError,
)
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.ui.author import commands as cmd
from elearn_desktop.ui.author.command_queue import CommandQueue
from elearn_desktop.ui.author.conflict_dialog import KEEP_MINE, ConflictDialog
from elearn_desktop.ui.author.course_tree_model import (
    AT_END,
    COURSE,
    LESSON,
    MODULE,
    CourseTreeModel,
    MoveRequest,
    NodeIdRole,
)
from elearn_desktop.ui.author.courses_page import status_word
from elearn_desktop.ui.author.property_panel import PropertyPanel
from elearn_desktop.ui.author.publish_dialog import PUBLISH, PublishDialog
from elearn_desktop.ui.author.undo_actions import UndoRedoActions
from elearn_desktop.ui.author.video_dialog import VideoDialog, VideoPreviewDialog
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon


def _quoted(title: str) -> str:
    return f"'{title}'"


class CourseEditor(QWidget):
    """Edits one course; ``open_course`` loads it (off the GUI thread)."""

    preview_requested = Signal(object)  # course id
    course_changed = Signal(object)  # CourseDraft, after every saved change
    close_requested = Signal()  # "Back to My courses"
    dirty_changed = Signal(bool)

    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        actor: UserSummary | None,
        media_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("courseEditor")
        self.uow_factory = uow_factory
        self.actor = actor
        self.media_dir = media_dir
        self.course: CourseDraft | None = None
        self.context: cmd.CommandContext | None = None
        self.undo_stack = QUndoStack(self)
        self.queue = CommandQueue(self)  # edits reach the database in order
        self.queue.step_done.connect(self._step_done)
        self.queue.step_failed.connect(self._step_failed)
        self.queue.busy_changed.connect(lambda _busy: self._update_state())
        self.queue.saving_changed.connect(lambda _saving: self._update_state())
        self._edit_after: uuid.UUID | None = None

        self.model = CourseTreeModel(self)
        self.model.rename_requested.connect(self._rename)
        self.model.moves_requested.connect(self._move)
        self.model.fetch_requested.connect(self._fetch_module)
        self._expand_when_loaded: set[uuid.UUID] = set()
        self._local = False  # the database is a file here (see _fetch_module)
        self.tree = QTreeView()
        self.tree.setObjectName("courseTree")
        self.tree.setAccessibleName(self.tr("Course outline"))
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # DragDrop, not InternalMove: the model accepts only its own MIME type of nodes of
        # this course, and a move is carried out by commands (the view removes nothing).
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Details and Duration are as wide as the widest text a row can show, measured
        # from the font (``_size_columns``), and can be dragged wider. Sizing them to the
        # rows' contents measured ~100 rows through Python on every expand, edit and
        # arriving module (issue #8).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.expanded.connect(self._expanded)

        self.panel = PropertyPanel()
        self.panel.fields_submitted.connect(self._fields_submitted)
        self.panel.dirty_changed.connect(self._panel_dirty)
        self.panel.attach_video_requested.connect(self.attach_video)
        self.panel.remove_video_requested.connect(self.remove_video)
        self.panel.preview_video_requested.connect(self.preview_video)
        self.panel.status_change_requested.connect(self.change_status)
        self.panel.slug_check_requested.connect(self._check_slug)
        self.panel.thumbnail_file_chosen.connect(self._import_thumbnail)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Properties"))
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(380)

        self.title_label = QLabel(self.tr("Loading the course…"))
        self.title_label.setObjectName("editorTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.state_label = QLabel("")
        self.state_label.setObjectName("editorState")
        self.status_label = QLabel("")
        self.status_label.setObjectName("editorStatus")
        self.status_label.setWordWrap(True)

        self._build_actions()
        self.splitter = QSplitter()
        self.splitter.setObjectName("courseEditorSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        heading = QHBoxLayout()
        heading.addWidget(self.title_label, 1)
        heading.addWidget(self.state_label)
        layout = QVBoxLayout(self)
        layout.setMenuBar(self.menu_bar)
        layout.addWidget(self.toolbar)
        layout.addLayout(heading)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)
        self._update_actions()

    def _size_columns(self) -> None:
        metrics = self.tree.fontMetrics()
        header = self.tree.header()
        # Room for the item's margins, as the delegate lays a cell out.
        padding = 2 * (self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4)
        for column in (1, 2):
            texts = [
                *self.model.sample_texts(column),
                str(self.model.headerData(column, Qt.Orientation.Horizontal)),
            ]
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + padding)

    def delete_question(self, drafts: list[ModuleDraft | LessonDraft]) -> str:
        """The confirmation question naming what a delete removes."""

        def lessons(module: ModuleDraft) -> str:
            return self.tr("%n lesson(s)", "", module.lesson_count or 0)

        if len(drafts) == 1:
            (only,) = drafts
            if isinstance(only, ModuleDraft):
                if not only.lesson_count:
                    return self.tr("Delete module {title}?").format(title=_quoted(only.title))
                return self.tr("Delete module {title} and its {lessons}?").format(
                    title=_quoted(only.title), lessons=lessons(only)
                )
            return self.tr("Delete lesson {title}?").format(title=_quoted(only.title))
        parts = [
            self.tr("module {title} ({lessons})").format(title=_quoted(d.title), lessons=lessons(d))
            if isinstance(d, ModuleDraft)
            else self.tr("lesson {title}").format(title=_quoted(d.title))
            for d in drafts
        ]
        return self.tr("Delete %n item(s): {items}?", "", len(drafts)).format(
            items=", ".join(parts)
        )

    # -- actions -----------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        *,
        shortcut: QKeySequence | str | None = None,
        icon_name: str | None = None,
        tree_only: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if tree_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.undo_redo = UndoRedoActions(self.undo_stack, self)
        self.undo_action = self.undo_redo.undo
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_redo.redo
        # Ctrl+Shift+Z everywhere, plus the platform's own (e.g. Ctrl+Y on Windows).
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
            if key not in redo_keys:
                redo_keys.append(key)
        self.redo_action.setShortcuts(redo_keys)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.back_action = self._action("", self.request_close)
        self.add_module_action = self._action(
            "", self.add_module, shortcut="Ctrl+Shift+M", icon_name="module"
        )
        self.add_lesson_action = self._action(
            "", self.add_lesson, shortcut="Ctrl+Shift+L", icon_name="lesson"
        )
        self.rename_action = self._action("", self.rename_selected, shortcut="F2")
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.duplicate_action = self._action("", self.duplicate_selected, shortcut="Ctrl+D")
        self.delete_action = self._action(
            "",
            self.delete_selected,
            shortcut=QKeySequence.StandardKey.Delete,
            tree_only=True,
        )
        self.move_up_action = self._action(
            "", lambda: self.move_selected(-1), shortcut="Alt+Up", tree_only=True
        )
        self.move_down_action = self._action(
            "", lambda: self.move_selected(1), shortcut="Alt+Down", tree_only=True
        )
        self.publish_action = self._action("", lambda: self.change_status("published"))
        self.preview_action = self._action("", self._preview_as_learner, icon_name="learn")
        self.preview_action.setObjectName("previewAsLearner")
        self.reload_action = self._action("", self.reload, shortcut="F5")

        self.menu_bar = QMenuBar(self)
        self.menu_bar.setNativeMenuBar(False)
        self.edit_menu = self.menu_bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        for action in (
            self.add_module_action,
            self.add_lesson_action,
            self.rename_action,
            self.duplicate_action,
            self.delete_action,
        ):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.move_up_action)
        self.edit_menu.addAction(self.move_down_action)
        self.course_menu = self.menu_bar.addMenu("")
        self.course_menu.addAction(self.publish_action)
        self.course_menu.addAction(self.preview_action)
        self.course_menu.addAction(self.reload_action)
        self.course_menu.addSeparator()
        self.course_menu.addAction(self.back_action)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.back_action)
        self.toolbar.addSeparator()
        for action in (
            self.add_module_action,
            self.add_lesson_action,
            self.duplicate_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.publish_action)
        self.toolbar.addAction(self.preview_action)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (
            self.add_module_action,
            self.add_lesson_action,
            self.rename_action,
            self.duplicate_action,
            self.delete_action,
            self.move_up_action,
            self.move_down_action,
        ):
            if action not in self.tree.actions():
                self.tree.addAction(action)
        self.retranslate_actions()

    def retranslate_actions(self) -> None:
        for action, text in (
            (self.back_action, self.tr("← My courses")),
            (self.add_module_action, self.tr("Add &module")),
            (self.add_lesson_action, self.tr("Add &lesson")),
            (self.rename_action, self.tr("Re&name")),
            (self.duplicate_action, self.tr("D&uplicate")),
            (self.delete_action, self.tr("&Delete…")),
            (self.move_up_action, self.tr("Move &up")),
            (self.move_down_action, self.tr("Move do&wn")),
            (self.publish_action, self.tr("&Publish…")),
            (self.preview_action, self.tr("Preview as &learner")),
            (self.reload_action, self.tr("Re&load")),
        ):
            action.setText(text)
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.course_menu.setTitle(self.tr("&Course"))
        self.toolbar.setWindowTitle(self.tr("Course editor"))
        self.toolbar.setAccessibleName(self.tr("Course editor"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_actions()
            self.undo_redo.retranslate()
            self._size_columns()
            self.tree.setAccessibleName(self.tr("Course outline"))
            self._update_actions()
        super().changeEvent(event)

    def _update_actions(self) -> None:
        loaded = self.course is not None
        selected = self.selected_drafts()
        kinds = {k for k, _d in selected}
        single = len(selected) == 1
        movable = single and kinds <= {MODULE, LESSON} and bool(kinds)
        self.add_module_action.setEnabled(loaded)
        self.add_lesson_action.setEnabled(loaded and self._target_module() is not None)
        self.rename_action.setEnabled(single)
        self.duplicate_action.setEnabled(bool(selected) and kinds <= {MODULE, LESSON})
        self.delete_action.setEnabled(bool(selected) and kinds <= {MODULE, LESSON})
        self.move_up_action.setEnabled(movable)
        self.move_down_action.setEnabled(movable)
        self.publish_action.setEnabled(loaded and self.course.status != "published")  # type: ignore[union-attr]
        self.preview_action.setEnabled(loaded)

    # -- loading -----------------------------------------------------------------------

    def open_course(self, course_id: uuid.UUID) -> None:
        """Load the course (a fresh undo history) and show it."""
        self._local = authoring.database_is_local(self.uow_factory)
        self.undo_stack.clear()
        self.queue.drop_queued()
        self.context = cmd.CommandContext(
            uow_factory=self.uow_factory,
            actor=self.actor,
            course_id=course_id,
            media_dir=self.media_dir,
            runner=self.queue.submit,
        )
        self.course = None
        self.model.set_course(None)
        self.panel.show_node(None, None)
        self.title_label.setText(self.tr("Loading the course…"))
        self.reload()

    def reload(self) -> None:
        """Load the course again (F5, and after a failed step), with the lessons of the
        modules loaded so far; the first load after ``open_course`` is an outline."""
        if self.context is None:
            return
        context = self.context
        first = self.course is None

        def load() -> CourseDraft:
            if first:
                return self._load_outline(context)
            course = authoring.load_course(
                context.uow_factory,
                actor=context.actor,
                course_id=context.course_id,
                lessons_of=context.lessons_of(),
            )
            context.remember(course)
            return course

        self.queue.run(load, on_success=self._loaded, on_failure=self._load_failed, label="load")

    #: Courses with at most this many modules load whole at once (worker thread).
    EAGER_MODULES = 20

    def _load_outline(self, context: cmd.CommandContext) -> CourseDraft:
        """(Worker thread.) The course's modules without lessons, or all of a small course."""
        outline = authoring.load_course(
            context.uow_factory,
            actor=context.actor,
            course_id=context.course_id,
            lessons_of=frozenset(),
            count_lessons=False,
        )
        if len(outline.modules) <= self.EAGER_MODULES:
            context.load_all()
            outline = authoring.load_course(
                context.uow_factory, actor=context.actor, course_id=context.course_id
            )
        else:
            context.load_lazily()
        context.remember(outline)
        return outline

    def _count_lessons(self) -> None:
        """After an outline's first paint: count each module's lessons (worker thread); a
        course that turns out small is loaded whole (and shown expanded)."""
        if self.context is None:
            return
        context = self.context
        limit = self.EXPAND_ALL_LIMIT

        def count() -> CourseDraft:
            course = authoring.load_course(
                context.uow_factory,
                actor=context.actor,
                course_id=context.course_id,
                lessons_of=context.lessons_of(),
            )
            if not course.fully_loaded and course.lesson_count <= limit:
                context.load_all()
                course = authoring.load_course(
                    context.uow_factory, actor=context.actor, course_id=context.course_id
                )
            context.remember(course)
            return course

        self.queue.run(count, on_success=self._loaded, on_failure=self._load_failed, label="count")

    def _loaded(self, course: CourseDraft) -> None:
        first = self.course is None
        self._show(course)
        if first and any(m.lesson_count is None for m in course.modules):
            # An outline: paint it now; select the course and count the lessons after
            # (the property panel's first layout and the count's worker would delay it).
            self.tree.viewport().repaint()
            QTimer.singleShot(0, self._after_outline)
        elif first:
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self._update_state()

    def _after_outline(self) -> None:
        if self.course is None:
            return
        if not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self._count_lessons()

    #: Courses with more lessons open with their modules collapsed (a person expands what
    #: they work on); expanding 100k rows took seconds (issue #8).
    EXPAND_ALL_LIMIT = 2_000

    def _expand(self) -> None:
        course = self.course
        if (
            course is not None
            and course.fully_loaded
            and course.lesson_count <= self.EXPAND_ALL_LIMIT
        ):
            self.tree.expandAll()
        else:
            self.tree.expand(self.model.index(0, 0))

    def _fetch_module(self, module_id: uuid.UUID) -> None:
        """The view asks for a module's lessons (it is being expanded): fetch them. Later
        results carry them too (the context marks the module loaded).

        On a database on this machine with nothing queued, the fetch (one indexed read of
        ~100 rows, ~2 ms) runs on the GUI thread, within the expand (``_expanded``): two
        thread hand-offs and an extra trip through the event loop cost more than the read
        on a loaded machine (issue #8, workload 3). Otherwise — a server, or edits still
        on their way — it waits its turn in the queue, off the GUI thread, so it sees what
        those edits did."""
        if self.context is None:
            return
        if self._fetch_here_now():
            # ``_expanded`` fetches it in a moment; this covers a fetchMore not followed
            # by an expand (it does nothing once the module is loaded).
            QTimer.singleShot(0, partial(self._fetch_here, module_id))
        else:
            self._queue_fetch(module_id)

    def _fetch_here_now(self) -> bool:
        return self._local and not self.queue.busy

    def _queue_fetch(self, module_id: uuid.UUID) -> None:
        assert self.context is not None
        self.queue.run(
            partial(self._fetch_work, self.context, module_id),
            on_success=self._module_loaded,
            on_failure=lambda exc: self._module_failed(module_id, exc),
            label="load module",
            skippable=False,
        )

    @staticmethod
    def _fetch_work(context: cmd.CommandContext, module_id: uuid.UUID) -> ModuleDraft:
        context.mark_loaded(module_id)
        module = authoring.load_module(
            context.uow_factory,
            actor=context.actor,
            course_id=context.course_id,
            module_id=module_id,
        )
        context.remember_module(module)
        return module

    def _fetch_here(self, module_id: uuid.UUID) -> None:
        context = self.context
        if context is None or self.course is None or self.course.module(module_id) is None:
            self.model.fetch_failed(module_id)
            return
        if self.model.is_loaded(module_id):
            return
        if self.queue.busy:  # an edit was made meanwhile: after it, then
            self._queue_fetch(module_id)
            return
        try:
            module = self._fetch_work(context, module_id)
        except Exception as exc:  # in words in the status line, as from the queue
            self._module_failed(module_id, exc)
            return
        self._module_loaded(module)

    def _expanded(self, index: QModelIndex) -> None:
        """A module without its lessons yet stays collapsed until they are in, then opens:
        rows inserted under an expanded item make the view lay out every row of the tree
        again (~15 ms at 1,000 modules), under a collapsed one only that item."""
        node_id = self.model.data(index, NodeIdRole)
        if self.model.kind(index) == MODULE and not self.model.is_loaded(node_id):
            self._expand_when_loaded.add(node_id)
            self.tree.collapse(index)
            if self._fetch_here_now():
                self._fetch_here(node_id)  # expands it again, with its rows

    def _module_loaded(self, module: ModuleDraft) -> None:
        if self.course is None or self.course.module(module.id) is None:
            return  # another course by now, or the module is gone
        self.model.set_module(module)
        self.course = self.model.course
        if module.id in self._expand_when_loaded:
            self._expand_when_loaded.discard(module.id)
            self.tree.expand(self.model.index_of(module.id))
        if self.panel.node_id == module.id:
            self.panel.refresh(module)
        self._update_actions()

    def _module_failed(self, module_id: uuid.UUID, exc: BaseException) -> None:
        self.model.fetch_failed(module_id)
        self._expand_when_loaded.discard(module_id)
        self.status_label.setText(
            self.tr("The module's lessons could not be loaded: {error}").format(error=exc)
        )

    def _load_failed(self, exc: BaseException) -> None:
        self._update_state()
        self.title_label.setText(self.tr("The course could not be opened"))
        self.status_label.setText(str(exc))

    def _show(self, course: CourseDraft) -> None:
        self.course = course
        self.model.set_course(course)
        self.title_label.setText(f"{course.title}  ·  {status_word(course.status)}")
        self._expand()
        node_id = self.panel.node_id
        if node_id is not None:
            index = self.model.index_of(node_id)
            if index.isValid():
                self.panel.refresh(self.model.draft(index))
            else:
                self._selection_changed()
        self._update_actions()
        self.course_changed.emit(course)

    # -- running commands --------------------------------------------------------------

    def _step_done(self, command: cmd.AuthoringCommand, result: Any) -> None:
        course = result if isinstance(result, CourseDraft) else result.course
        self._show(course)
        if command.focus_id is not None:
            self.select(command.focus_id)
            if command.focus_id == self._edit_after:
                self._edit_after = None
                self.tree.edit(self.model.index_of(command.focus_id))
        if (
            isinstance(result, authoring.StatusChange)
            and result.course.status != "published"
            and result.enrolled.learners
        ):
            self.status_label.setText(
                self.tr("{status}: {learners}").format(
                    status=status_word(result.course.status),
                    learners=self.tr("%n learner(s) enrolled.", "", result.enrolled.learners),
                )
            )
        self._update_state()

    def _step_failed(self, command: cmd.AuthoringCommand, exc: BaseException) -> None:
        self.queue.drop_queued()  # the steps queued after this one were planned on it
        first_run = command.applied and command.runs == 0
        top = self.undo_stack.count() and self.undo_stack.command(self.undo_stack.count() - 1)
        if first_run and top is command and self.undo_stack.index() == self.undo_stack.count():
            command.setObsolete(True)
            self.undo_stack.undo()  # an obsolete command is removed, not undone
        else:
            # Steps after the failed one were skipped: the history no longer matches.
            self.undo_stack.clear()
        self._update_state()
        if isinstance(exc, EditConflictError) and isinstance(command, cmd.EditFieldsCommand):
            self._resolve_conflict(command, exc)
        elif isinstance(exc, PublishBlockedError):
            self._warn(self.tr("The course cannot be published yet"), "\n".join(exc.problems))
        elif isinstance(exc, ElearnError):
            self._warn(self.tr("The change was not saved"), str(exc))
        else:
            self._warn(
                self.tr("The change was not saved"),
                self.tr("Something went wrong: {error}").format(error=exc),
            )
        self.reload()

    def _resolve_conflict(self, command: cmd.EditFieldsCommand, exc: EditConflictError) -> None:
        dialog = ConflictDialog(message=str(exc), mine=exc.mine, theirs=exc.theirs, parent=self)
        dialog.exec()
        if dialog.choice == KEEP_MINE and self.context is not None:
            self.context.set_token(exc.node_id, exc.theirs_updated_at)
            new = {k: v for k, v in command.new.items()}
            self.undo_stack.push(
                cmd.EditFieldsCommand(
                    self.context,
                    kind=command.kind,
                    node_id=command.node_id,
                    old=exc.theirs,
                    new=new,
                    label=str(new.get("title") or command.old.get("title") or ""),
                )
            )

    def _warn(self, title: str, message: str) -> None:
        self.status_label.setText(message)
        QMessageBox.warning(self, title, message)

    def _update_state(self) -> None:
        if self.queue.saving:
            self.state_label.setText(self.tr("Saving…"))
        elif self.queue.busy:  # reading: the course, counts, a module's lessons
            self.state_label.setText(self.tr("Loading…"))
        elif self.panel.is_dirty():
            self.state_label.setText(self.tr("● Unsaved changes"))
        else:
            self.state_label.setText(self.tr("All changes saved") if self.course else "")

    def is_busy(self) -> bool:
        return self.queue.busy

    def push(self, command: cmd.AuthoringCommand) -> None:
        self.undo_stack.push(command)

    # -- selection ---------------------------------------------------------------------

    def selected_drafts(self) -> list[tuple[str, Any]]:
        rows = self.tree.selectionModel().selectedRows(0) if self.tree.selectionModel() else []
        found = [(self.model.kind(i), self.model.draft(i)) for i in rows]
        return [(k, d) for k, d in found if k is not None]

    def select(self, node_id: uuid.UUID) -> None:
        index = self.model.index_of(node_id)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.tree.scrollTo(index)

    def _selection_changed(self, *_args: Any) -> None:
        if self.panel.is_dirty() and not self._leave_panel():
            return
        selected = self.selected_drafts()
        if len(selected) == 1:
            self.panel.show_node(*selected[0])
        else:
            self.panel.show_node(None, None)
        self._update_actions()

    def _leave_panel(self) -> bool:
        """Selection moves away from a node being edited: save it, or ask."""
        if self.panel.submit():
            return True
        problems = "\n".join(p.message for p in self.panel.problems())
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The changes you typed cannot be saved:\n{problems}\n\nDiscard them?").format(
                problems=problems
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.panel.revert()
            return True
        node_id = self.panel.node_id
        if node_id is not None:
            self.tree.selectionModel().blockSignals(True)
            self.select(node_id)
            self.tree.selectionModel().blockSignals(False)
        return False

    def _panel_dirty(self, dirty: bool) -> None:
        self._update_state()
        self.dirty_changed.emit(dirty)

    def _target_module(self) -> ModuleDraft | None:
        index = self.tree.currentIndex()
        module = self.model.module_of(index) if index.isValid() else None
        if module is None and self.course is not None and self.course.modules:
            kind = self.model.kind(index) if index.isValid() else None
            if kind == COURSE:
                return self.course.modules[-1]
        return module

    # -- editing -----------------------------------------------------------------------

    def _ctx(self) -> cmd.CommandContext:
        assert self.context is not None
        return self.context

    def _rename(self, kind: str, node_id: uuid.UUID, old: str, new: str) -> None:
        self.push(
            cmd.EditFieldsCommand(
                self._ctx(),
                kind=kind,
                node_id=node_id,
                old={"title": old},
                new={"title": new},
                label=old,
            )
        )

    def _fields_submitted(
        self, kind: str, node_id: uuid.UUID, old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        label = str(old.get("title") or new.get("title") or "")
        self.push(
            cmd.EditFieldsCommand(
                self._ctx(), kind=kind, node_id=node_id, old=old, new=new, label=label
            )
        )

    def add_module(self) -> None:
        if self.course is None:
            return
        current = self.model.module_of(self.tree.currentIndex())
        index = current.order_index + 1 if current is not None else None
        command = cmd.AddModuleCommand(self._ctx(), title=self.tr("New module"), index=index)
        self.push(command)
        self._edit_when_shown(command.module_id)

    def add_lesson(self) -> None:
        module = self._target_module()
        if module is None:
            return
        index: int | None = None
        current = self.model.draft(self.tree.currentIndex())
        if isinstance(current, LessonDraft):
            index = current.order_index + 1
        command = cmd.AddLessonCommand(
            self._ctx(), module_id=module.id, title=self.tr("New lesson"), index=index
        )
        self.push(command)
        self._edit_when_shown(command.lesson_id)

    def _edit_when_shown(self, node_id: uuid.UUID) -> None:
        """Start renaming a new node inline as soon as its row arrives."""
        self._edit_after = node_id

    def rename_selected(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(0))

    def duplicate_selected(self) -> None:
        selected = [(k, d) for k, d in self.selected_drafts() if k in (MODULE, LESSON)]
        if not selected:
            return
        commands = [
            cmd.DuplicateModuleCommand(self._ctx(), module_id=d.id, title=d.title)
            if k == MODULE
            else cmd.DuplicateLessonCommand(self._ctx(), lesson_id=d.id, title=d.title)
            for k, d in selected
        ]
        self._push_all(commands, self.tr("Duplicate %n item(s)", "", len(commands)))

    def _push_all(self, commands: list[cmd.AuthoringCommand], macro: str) -> None:
        if len(commands) == 1:
            self.push(commands[0])
            return
        self.undo_stack.beginMacro(macro)
        for command in commands:
            self.push(command)
        self.undo_stack.endMacro()

    def delete_selected(self) -> None:
        selected = [(k, d) for k, d in self.selected_drafts() if k in (MODULE, LESSON)]
        if not selected:
            return
        # A lesson inside a selected module goes with its module.
        modules = {d.id for k, d in selected if k == MODULE}
        drafts = [d for k, d in selected if not (k == LESSON and d.module_id in modules)]
        answer = QMessageBox.question(
            self,
            self.tr("Delete"),
            self.delete_question(drafts) + "\n\n" + self.tr("You can undo this (Ctrl+Z)."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        commands: list[cmd.AuthoringCommand] = [
            cmd.DeleteModuleCommand(self._ctx(), module_id=d.id, title=d.title)
            if isinstance(d, ModuleDraft)
            else cmd.DeleteLessonCommand(self._ctx(), lesson_id=d.id, title=d.title)
            for d in drafts
        ]
        self._push_all(commands, self.tr("Delete %n item(s)", "", len(commands)))

    def move_selected(self, step: int) -> None:
        """Alt+Up/Down: one place up or down; a lesson at the edge moves to the next module."""
        selected = self.selected_drafts()
        if len(selected) != 1 or self.course is None:
            return
        kind, draft = selected[0]
        course = self.course
        if kind == MODULE:
            target = draft.order_index + step
            if 0 <= target < len(course.modules):
                self.push(
                    cmd.MoveModuleCommand(
                        self._ctx(), module_id=draft.id, title=draft.title, new_index=target
                    )
                )
            return
        if kind != LESSON:
            return
        module = course.module(draft.module_id)
        assert module is not None
        target = draft.order_index + step
        target_module = module
        if not 0 <= target < len(module.lessons):
            position = module.order_index + step
            if not 0 <= position < len(course.modules):
                return
            target_module = course.modules[position]
            # Up: to the end of the module above (its lessons may not be loaded yet: the
            # move loads them); down: to the start of the one below.
            target = AT_END if step < 0 else 0
        self.push(
            cmd.MoveLessonCommand(
                self._ctx(),
                lesson_id=draft.id,
                title=draft.title,
                target_module_id=target_module.id,
                new_index=target,
            )
        )

    def _move(self, moves: list[MoveRequest]) -> None:
        commands: list[cmd.AuthoringCommand] = []
        for move in moves:
            draft = self.model.draft(self.model.index_of(move.node_id))
            title = draft.title if draft is not None else ""
            if move.kind == MODULE:
                commands.append(
                    cmd.MoveModuleCommand(
                        self._ctx(), module_id=move.node_id, title=title, new_index=move.index
                    )
                )
            else:
                commands.append(
                    cmd.MoveLessonCommand(
                        self._ctx(),
                        lesson_id=move.node_id,
                        title=title,
                        target_module_id=move.parent_id,
                        new_index=move.index,
                    )
                )
        self._push_all(commands, self.tr("Move %n item(s)", "", len(commands)))

    # -- videos ------------------------------------------------------------------------

    def _lesson(self, lesson_id: uuid.UUID) -> LessonDraft | None:
        return self.course.lesson(lesson_id) if self.course is not None else None

    def attach_video(self, lesson_id: uuid.UUID) -> None:
        lesson = self._lesson(lesson_id)
        if lesson is None:
            return
        dialog = VideoDialog(lesson_title=lesson.title, parent=self)
        if dialog.exec() != VideoDialog.DialogCode.Accepted or dialog.choice is None:
            return
        choice = dialog.choice
        self.push(
            cmd.AttachVideoCommand(
                self._ctx(),
                lesson_id=lesson.id,
                lesson_title=lesson.title,
                title=choice.title,
                path=choice.path,
                url=choice.url,
                seconds=choice.seconds,
            )
        )

    def remove_video(self, lesson_id: uuid.UUID) -> None:
        lesson = self._lesson(lesson_id)
        if lesson is None or lesson.video_asset_id is None:
            return
        self.push(
            cmd.SetLessonVideoCommand(
                self._ctx(),
                lesson_id=lesson.id,
                lesson_title=lesson.title,
                old=(lesson.video_asset_id, lesson.duration_minutes),
                new=(None, lesson.duration_minutes),
            )
        )

    def preview_video(self, lesson_id: uuid.UUID) -> None:
        lesson = self._lesson(lesson_id)
        if lesson is None or lesson.video is None:
            return
        try:
            source = media.resolve_video_source(lesson.video, media_dir=self.media_dir)
        except ElearnError as exc:
            self._warn(self.tr("The video cannot be played"), str(exc))
            return
        url = QUrl.fromLocalFile(source.location) if source.is_file else QUrl(source.location)
        VideoPreviewDialog(title=lesson.video.title, url=url, parent=self).exec()

    def _import_thumbnail(self, path: str) -> None:
        """Copy a chosen image into the media library (off the GUI thread), then use it."""
        library = self.media_dir / "thumbnails"

        def copy() -> str:
            source = Path(path)
            library.mkdir(parents=True, exist_ok=True)
            target = library / f"{uuid.uuid4().hex[:12]}-{source.name}"
            shutil.copyfile(source, target)
            return target.resolve().as_uri()

        BackgroundOp(copy, label="copy thumbnail").on_success(self.panel.set_thumbnail).on_failure(
            lambda exc: self._warn(self.tr("The image could not be copied"), str(exc))
        ).run(parent=self)

    def _check_slug(self, slug: str) -> None:
        course_id = self.course.id if self.course is not None else None
        BackgroundOp(
            lambda: authoring.slug_owner(self.uow_factory, slug=slug, course_id=course_id),
            label="check slug",
        ).on_success(lambda owner: self.panel.set_slug_owner(slug, owner)).run(parent=self)

    # -- status and preview ------------------------------------------------------------

    def change_status(self, status: str) -> None:
        if self.course is None or self.context is None:
            return
        if self.panel.is_dirty() and not self.panel.submit():
            return
        context = self.context
        if status == PUBLISH:

            def check() -> Any:
                return authoring.publish_check(
                    context.uow_factory, actor=context.actor, course_id=context.course_id
                )
        else:

            def check() -> Any:
                return authoring.enrolled_learners(
                    context.uow_factory, actor=context.actor, course_id=context.course_id
                )

        dialog = PublishDialog(
            course_title=self.course.title, action=status, check=check, parent=self
        )
        if dialog.exec() == PublishDialog.DialogCode.Accepted:
            self.push(
                cmd.SetCourseStatusCommand(context, title=self.course.title, new_status=status)
            )

    def _preview_as_learner(self) -> None:
        if self.course is not None:
            self.preview_requested.emit(self.course.id)

    # -- closing -----------------------------------------------------------------------

    def confirm_close(self) -> bool:
        """Closing with an edit in progress asks to save, discard or stay."""
        if not self.panel.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("You have typed changes that are not saved yet. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.panel.submit()
        if answer == QMessageBox.StandardButton.Discard:
            self.panel.revert()
            return True
        return False

    def request_close(self) -> None:
        if self.confirm_close():
            self.close_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close():
            event.accept()
        else:
            event.ignore()
