"""Learn › Catalog: published courses and learning paths; search as you type; enrol.

The course list is lazy (:mod:`catalog_model`: 50 courses at a time, fetched off the GUI
thread as the list scrolls). Typing re-runs the search after a short pause; results of a
search the person has typed past are dropped. Selecting a course shows its outline, and
whether the person's plan includes it (the Enrol button says why not when it does not).
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.services import catalog, learning_overview, progress
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.dto import CourseTree, PathSummary
from elearn_desktop.services.learning_overview import Access
from elearn_desktop.services.search import SearchHit, search_catalog
from elearn_desktop.ui.learn.catalog_model import (
    CourseCardDelegate,
    CourseListModel,
    PathListModel,
    SearchQuery,
    course_meta,
    hit_badge,
)
from elearn_desktop.ui.learn.thumbnails import ThumbnailCache
from elearn_desktop.ui.learn.widgets import describe_failure, heading, muted_label
from elearn_desktop.ui.models import RecordRole, minutes_text
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

SEARCH_DELAY_MS = 200

# Texts are translated where they are shown (CatalogPage.retranslate).
LEVELS = (
    (QT_TRANSLATE_NOOP("CatalogPage", "Any level"), None),
    (QT_TRANSLATE_NOOP("CatalogPage", "Beginner"), "beginner"),
    (QT_TRANSLATE_NOOP("CatalogPage", "Intermediate"), "intermediate"),
    (QT_TRANSLATE_NOOP("CatalogPage", "Advanced"), "advanced"),
)
DURATIONS = (
    (QT_TRANSLATE_NOOP("CatalogPage", "Any length"), None),
    (QT_TRANSLATE_NOOP("CatalogPage", "Up to 30 min"), 30),
    (QT_TRANSLATE_NOOP("CatalogPage", "Up to 1 hour"), 60),
    (QT_TRANSLATE_NOOP("CatalogPage", "Up to 3 hours"), 180),
    (QT_TRANSLATE_NOOP("CatalogPage", "Up to 10 hours"), 600),
)
STATES = (
    (QT_TRANSLATE_NOOP("CatalogPage", "All courses"), None),
    (QT_TRANSLATE_NOOP("CatalogPage", "In progress"), "in_progress"),
    (QT_TRANSLATE_NOOP("CatalogPage", "Completed"), "completed"),
)


# ------------------------------------------------------------------------- the page


class CatalogPage(QWidget):
    """Published courses (searchable, filterable, lazily loaded) and learning paths."""

    course_requested = Signal(object)  # course id: open the course view
    path_requested = Signal(object)  # learning path id: open the path view
    enrolled = Signal(object)  # course id, after the person enrolled

    def __init__(self, session: SignedIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogPage")
        self._uow: UnitOfWorkFactory | None = None
        self._user_id: uuid.UUID | None = None
        self._selected: SearchHit | None = None
        self._access: Access | None = None
        self._enrolling = False

        self.thumbnails = ThumbnailCache(self)
        self.model = CourseListModel(thumbnails=self.thumbnails, parent=self)
        self.model.loading_changed.connect(self._update_status)
        self.model.results_changed.connect(self._results_changed)
        self.model.load_failed.connect(self._show_error)
        self.paths_model = PathListModel(self)

        self._build_search_row()
        self._build_lists()
        self._build_details()

        self.splitter = QSplitter()
        self.splitter.setObjectName("catalogSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in (self.level_filter, self.duration_filter, self.state_filter):
            combo.currentIndexChanged.connect(lambda _i: self._run_search())
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)

        self.retranslate()
        if session is not None:
            self.set_session(session)

    def retranslate(self) -> None:
        """Fixed texts in the current language; what was loaded follows on the next refresh."""
        self.search.setPlaceholderText(self.tr("Search courses and lessons…"))
        self.search.setAccessibleName(self.tr("Search courses"))
        filters = (
            (self.level_filter, self.tr("Level"), LEVELS),
            (self.duration_filter, self.tr("Length"), DURATIONS),
            (self.state_filter, self.tr("Progress"), STATES),
        )
        for combo, name, choices in filters:
            for row, (text, _value) in enumerate(choices):
                combo.setItemText(row, self.tr(text))
            combo.setAccessibleName(name)
            combo.setToolTip(name)
        self.status.setAccessibleName(self.tr("Catalog status"))
        self.list.setAccessibleName(self.tr("Courses"))
        self.paths_list.setAccessibleName(self.tr("Learning paths"))
        self.paths_hint.setText(self.tr("Ordered courses and assessments that take you to a goal."))
        self.tabs.setAccessibleName(self.tr("Courses and learning paths"))
        self.tabs.setTabText(0, self.tr("Courses"))
        self.tabs.setTabText(1, self.tr("Learning paths"))
        self.enrol_button.setText(self.tr("Enrolling…") if self._enrolling else self.tr("Enrol"))
        self.open_button.setText(self.tr("Open course"))
        self.outline_model.setHorizontalHeaderLabels(
            [self.tr("Module / lesson"), self.tr("Duration")]
        )
        self.outline.setAccessibleName(self.tr("Course outline"))
        self.outline_heading.setText(self.tr("Outline"))
        self.outline_heading.setAccessibleName(self.tr("Outline"))
        self.open_path_button.setText(self.tr("Open path"))
        if self.tabs.currentIndex() == 1 and not self.paths_model.rowCount():
            self.empty_details.setText(self.tr("No published learning paths yet."))
        else:
            self.empty_details.setText(self.tr("Select a course to see what it covers."))
        if self._uow is not None and not self.model.loading:
            self._update_status(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- construction --------------------------------------------------------------------

    def _build_search_row(self) -> None:
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.level_filter = self._combo(LEVELS)
        self.duration_filter = self._combo(DURATIONS)
        self.state_filter = self._combo(STATES)
        self.status = QLabel(self.tr("Loading the catalog…"))
        self.status.setObjectName("catalogStatus")

    def _combo(self, choices: tuple[tuple[str, Any], ...]) -> QComboBox:
        combo = QComboBox()
        for text, value in choices:
            combo.addItem(self.tr(text), value)
        return combo

    def _build_lists(self) -> None:
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(CourseCardDelegate(self.list))
        self.list.setUniformItemSizes(True)
        # Cards elide their text to the width they get: no sideways scrolling.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.selectionModel().currentChanged.connect(self._course_selected)
        self.list.activated.connect(self._open_course_at)

        courses = QWidget()
        filters = QHBoxLayout()
        filters.addWidget(self.level_filter)
        filters.addWidget(self.duration_filter)
        filters.addWidget(self.state_filter)
        filters.addStretch(1)
        column = QVBoxLayout(courses)
        column.addWidget(self.search)
        column.addLayout(filters)
        column.addWidget(self.list, 1)
        column.addWidget(self.status)

        self.paths_list = QListView()
        self.paths_list.setModel(self.paths_model)
        self.paths_list.setIconSize(QSize(24, 24))
        self.paths_list.setSpacing(4)
        self.paths_list.selectionModel().currentChanged.connect(self._path_selected)
        self.paths_list.activated.connect(self._open_path_at)
        paths = QWidget()
        paths_column = QVBoxLayout(paths)
        self.paths_hint = muted_label()
        paths_column.addWidget(self.paths_hint)
        paths_column.addWidget(self.paths_list, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(courses, icon("course"), "")
        self.tabs.addTab(paths, icon("path"), "")
        self.tabs.currentChanged.connect(self._tab_changed)

    def _build_details(self) -> None:
        # A course.
        self.course_title = heading("")
        self.course_title.setWordWrap(True)
        self.course_meta = muted_label()
        self.course_description = QLabel()
        self.course_description.setWordWrap(True)
        self.course_description.setTextFormat(Qt.TextFormat.PlainText)
        self.course_progress = QLabel()
        self.access_label = QLabel()
        self.access_label.setWordWrap(True)
        self.access_label.setTextFormat(Qt.TextFormat.PlainText)
        self.access_label.setObjectName("accessReason")
        self.enrol_button = QPushButton()
        self.enrol_button.setDefault(True)
        self.enrol_button.clicked.connect(self._enrol)
        self.open_button = QPushButton(icon("course"), "")
        self.open_button.clicked.connect(self._open_selected_course)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enrol_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)

        # Two columns from the start: a header without sections ignores resize modes, and
        # the titles were squeezed into a narrow first column.
        self.outline_model = QStandardItemModel(0, 2, self)
        self.outline = QTreeView()
        self.outline.setModel(self.outline_model)
        self.outline.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        header = self.outline.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)

        course = QWidget()
        column = QVBoxLayout(course)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.course_title)
        column.addWidget(self.course_meta)
        column.addWidget(self.course_description)
        column.addWidget(self.course_progress)
        column.addWidget(self.access_label)
        column.addLayout(buttons)
        self.outline_heading = heading("", scale=1.0)
        column.addWidget(self.outline_heading)
        column.addWidget(self.outline, 1)

        # A path.
        self.path_title = heading("")
        self.path_title.setWordWrap(True)
        self.path_description = QLabel()
        self.path_description.setWordWrap(True)
        self.path_description.setTextFormat(Qt.TextFormat.PlainText)
        self.path_meta = muted_label()
        self.open_path_button = QPushButton(icon("path"), "")
        self.open_path_button.clicked.connect(self._open_selected_path)
        path = QWidget()
        path_column = QVBoxLayout(path)
        path_column.setContentsMargins(0, 0, 0, 0)
        path_column.addWidget(self.path_title)
        path_column.addWidget(self.path_meta)
        path_column.addWidget(self.path_description)
        path_row = QHBoxLayout()
        path_row.addWidget(self.open_path_button)
        path_row.addStretch(1)
        path_column.addLayout(path_row)
        path_column.addStretch(1)

        self.empty_details = muted_label()
        self.empty_details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QStackedWidget()
        self.details.addWidget(self.empty_details)
        self.details.addWidget(course)
        self.details.addWidget(path)
        self._course_details, self._path_details = course, path

    # -- data ----------------------------------------------------------------------------

    def set_session(self, session: SignedIn) -> None:
        if session.backend is None:
            self._uow, self._user_id = None, None
            self.status.setText(self.tr("The catalog needs a connection to the server."))
            return
        self._bind(session.backend.uow, session.user.id)

    def _bind(self, uow_factory: UnitOfWorkFactory, user_id: uuid.UUID | None) -> None:
        self._uow, self._user_id = uow_factory, user_id
        self.state_filter.setEnabled(user_id is not None)
        self.enrol_button.setVisible(user_id is not None)

        def fetch(query: SearchQuery, offset: int, limit: int) -> list[SearchHit]:
            return search_catalog(
                uow_factory,
                text=query.text,
                level=query.level,
                max_minutes=query.max_minutes,
                state=query.state if user_id is not None else None,
                user_id=user_id,
                limit=limit,
                offset=offset,
            )

        self.model.set_fetch(fetch)

    def refresh(self) -> None:
        if self._uow is None:
            return
        self._run_search()
        uow = self._uow
        BackgroundOp(lambda: catalog.list_paths(uow), label="load paths").on_success(
            self._show_paths
        ).on_failure(self._show_error).run(parent=self)

    def _show_paths(self, paths: list[PathSummary]) -> None:
        current = self.paths_list.currentIndex().data(RecordRole)
        self.paths_model.set_records(paths)
        wanted = current.id if isinstance(current, PathSummary) else None
        row = next((i for i, p in enumerate(paths) if p.id == wanted), 0)
        if paths:
            self.paths_list.setCurrentIndex(self.paths_model.index(row, 0))
        if self.tabs.currentIndex() == 1:
            self._tab_changed(1)

    def current_query(self) -> SearchQuery:
        return SearchQuery(
            text=self.search.text(),
            level=self.level_filter.currentData(),
            max_minutes=self.duration_filter.currentData(),
            state=self.state_filter.currentData(),
        )

    def _run_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.current_query())

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def _update_status(self, loading: bool = False) -> None:
        if loading:
            self.status.setText(
                self.tr("Searching…") if self.model.query.text.strip() else self.tr("Loading…")
            )
            return
        count = self.model.rowCount()
        more = "+" if self.model.has_more else ""
        text = self.model.query.text.strip()
        filtered = any(
            v is not None
            for v in (self.model.query.level, self.model.query.max_minutes, self.model.query.state)
        )
        if text:
            if count and more:
                self.status.setText(self.tr("{0}+ courses match “{1}”").format(count, text))
            elif count:
                self.status.setText(self.tr("%n course(s) match “{0}”", "", count).format(text))
            else:
                self.status.setText(
                    self.tr("No course matches “{0}”. Try fewer or other words.").format(text)
                )
        elif count and more:
            self.status.setText(self.tr("{0}+ published courses").format(count))
        elif count:
            self.status.setText(self.tr("%n published course(s)", "", count))
        else:
            self.status.setText(
                self.tr("No course fits these filters.")
                if filtered
                else self.tr("No published courses yet.")
            )

    def _results_changed(self) -> None:
        self._update_status(False)
        current = self.list.currentIndex()
        if self._selected is not None:
            row = self.model.row_of(self._selected.course.id)
            if row is not None and (not current.isValid() or current.row() != row):
                self.list.setCurrentIndex(self.model.index(row, 0))
                return
        if self.model.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0, 0))
        elif not self.model.rowCount() and self.tabs.currentIndex() == 0:
            self._selected = None
            self.details.setCurrentWidget(self.empty_details)

    def _show_error(self, exc: object) -> None:
        self.status.setText(
            self.tr("Could not load the catalog: {0}").format(describe_failure(exc))
        )

    # -- a course ------------------------------------------------------------------------

    def selected_hit(self) -> SearchHit | None:
        return self._selected

    def _course_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = current.data(RecordRole) if current.isValid() else None
        if not isinstance(hit, SearchHit):
            return
        same_course = self._selected is not None and self._selected.course.id == hit.course.id
        self._selected = hit
        self._show_course(hit)
        if same_course and self.outline_model.rowCount():
            return
        uow, user_id, course = self._uow, self._user_id, hit.course
        if uow is None:
            return
        self.outline_model.removeRows(0, self.outline_model.rowCount())
        self.access_label.setText("")
        self._access = None
        self.enrol_button.setEnabled(False)

        def load() -> tuple[CourseTree, Access | None]:
            tree = catalog.course_tree(uow, course.id)
            access = (
                learning_overview.plan_access(uow, user_id, course.id)
                if user_id is not None
                else None
            )
            return tree, access

        BackgroundOp(load, label="load course details").on_success(self._show_details).on_failure(
            self._show_error
        ).run(parent=self)

    def _show_course(self, hit: SearchHit) -> None:
        course = hit.course
        if self.tabs.currentIndex() == 0:
            self.details.setCurrentWidget(self._course_details)
        self.course_title.setText(course.title)
        self.course_meta.setText(course_meta(course))
        self.course_description.setText(course.description or "")
        self.course_progress.setText(hit_badge(hit))
        self.course_progress.setVisible(hit.enrolled)
        self.enrol_button.setVisible(self._user_id is not None and not hit.enrolled)
        self.open_button.setDefault(hit.enrolled)

    def _show_details(self, loaded: tuple[CourseTree, Access | None]) -> None:
        tree, access = loaded
        if self._selected is None or self._selected.course.id != tree.course.id:
            return  # the person moved on while it loaded
        self._access = access
        if access is None:
            self.access_label.setText("")
        elif access.allowed:
            self.access_label.setText(access.reason)
        else:
            self.access_label.setText(f"⚠ {access.reason}")
        self.enrol_button.setEnabled(access is not None and access.allowed)
        self.enrol_button.setToolTip(
            ""
            if access is None or access.allowed
            else self.tr("Not in your plan: {0}").format(access.reason)
        )
        self.outline_model.removeRows(0, self.outline_model.rowCount())
        for module in tree.modules:
            minutes = sum(lesson.duration_minutes or 0 for lesson in module.lessons)
            module_item = QStandardItem(icon("module"), f"{module.order_index + 1}. {module.title}")
            for lesson in module.lessons:
                kind = self.tr("Video") if lesson.video_asset_id else self.tr("Reading")
                title = QStandardItem(
                    icon("play" if lesson.video_asset_id else "lesson"), lesson.title
                )
                title.setToolTip(self.tr("{0}: {1}").format(kind, lesson.title))
                module_item.appendRow([title, QStandardItem(minutes_text(lesson.duration_minutes))])
            self.outline_model.appendRow([module_item, QStandardItem(minutes_text(minutes))])
        self.outline.expandAll()
        self.outline.resizeColumnToContents(1)

    def _enrol(self) -> None:
        hit, uow, user_id = self._selected, self._uow, self._user_id
        if hit is None or uow is None or user_id is None:
            return
        if self._access is not None and not self._access.allowed:
            return
        course_id = hit.course.id
        self.enrol_button.setEnabled(False)
        self._enrolling = True
        self.enrol_button.setText(self.tr("Enrolling…"))
        BackgroundOp(
            lambda: progress.enrol(uow, user_id=user_id, course_id=course_id), label="enrol"
        ).on_success(self._enrolled).on_failure(self._enrol_failed).run(parent=self)

    def _enrolled(self, result: progress.EntityProgress) -> None:
        self._enrolling = False
        self.enrol_button.setText(self.tr("Enrol"))
        self.model.update_progress(result.entity_id, result.status, result.percentage)
        row = self.model.row_of(result.entity_id)
        selected = self._selected
        if row is not None and selected is not None and selected.course.id == result.entity_id:
            self._selected = self.model.hit(row)
            self._show_course(self._selected)
        self.access_label.setText(self.tr("You are enrolled. Open the course to start learning."))
        self.enrolled.emit(result.entity_id)

    def _enrol_failed(self, exc: BaseException) -> None:
        self._enrolling = False
        self.enrol_button.setText(self.tr("Enrol"))
        self.enrol_button.setEnabled(True)
        self.access_label.setText(self.tr("Could not enrol: {0}").format(describe_failure(exc)))

    def _open_course_at(self, index: QModelIndex) -> None:
        hit = index.data(RecordRole)
        if isinstance(hit, SearchHit):
            self.course_requested.emit(hit.course.id)

    def _open_selected_course(self) -> None:
        if self._selected is not None:
            self.course_requested.emit(self._selected.course.id)

    # -- a path --------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            current = self.paths_list.currentIndex()
            if not current.isValid() and self.paths_model.rowCount():
                self.paths_list.setCurrentIndex(self.paths_model.index(0, 0))
            elif current.isValid():
                self._path_selected(current, QModelIndex())
            else:
                self.empty_details.setText(self.tr("No published learning paths yet."))
                self.details.setCurrentWidget(self.empty_details)
        elif self._selected is not None:
            self._show_course(self._selected)
        else:
            self.empty_details.setText(self.tr("Select a course to see what it covers."))
            self.details.setCurrentWidget(self.empty_details)

    def _path_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        path = current.data(RecordRole) if current.isValid() else None
        if not isinstance(path, PathSummary):
            return
        if self.tabs.currentIndex() == 1:
            self.details.setCurrentWidget(self._path_details)
        self.path_title.setText(path.title)
        self.path_meta.setText(self.tr("Learning path · %n step(s)", "", path.step_count))
        self.path_description.setText(path.description or "")

    def _open_path_at(self, index: QModelIndex) -> None:
        path = index.data(RecordRole)
        if isinstance(path, PathSummary):
            self.path_requested.emit(path.id)

    def _open_selected_path(self) -> None:
        self._open_path_at(self.paths_list.currentIndex())
