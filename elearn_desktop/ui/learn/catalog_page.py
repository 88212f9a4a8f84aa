"""Learn workspace, first page: the catalog of published courses and a course's outline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services import catalog
from elearn_desktop.services.dto import CourseSummary, CourseTree
from elearn_desktop.ui.models import Column, RecordRole, RecordTableModel, minutes_text
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

CourseLoader = Callable[[], list[CourseSummary]]
TreeLoader = Callable[[Any], CourseTree]


def course_meta(course: CourseSummary) -> str:
    parts = [
        (course.level or "all levels").capitalize(),
        minutes_text(course.duration_minutes),
        f"{course.module_count} modules · {course.lesson_count} lessons",
    ]
    if course.author_name:
        parts.append(f"by {course.author_name}")
    return " · ".join(parts)


class CourseCardDelegate(QStyledItemDelegate):
    """Paints a course as a card: title, a line of facts, the start of the description."""

    PADDING = 8

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        course = index.data(RecordRole)
        if not isinstance(course, CourseSummary):
            super().paint(painter, option, index)
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        title_font = QFont(option.font)
        title_font.setBold(True)
        title_font.setPointSizeF(option.font.pointSizeF() * 1.1)
        line = QFontMetrics(option.font).height()
        title_h = QFontMetrics(title_font).height()
        painter.setPen(palette.color(text_role))
        painter.setFont(title_font)
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), title_h), 0, course.title)
        painter.setFont(option.font)
        meta_color = palette.color(text_role if selected else palette.ColorRole.PlaceholderText)
        painter.setPen(meta_color)
        painter.drawText(
            QRect(rect.left(), rect.top() + title_h + 2, rect.width(), line), 0, course_meta(course)
        )
        painter.setPen(palette.color(text_role))
        description = QFontMetrics(option.font).elidedText(
            course.description or "", Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            QRect(rect.left(), rect.top() + title_h + line + 6, rect.width(), line), 0, description
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(320, int(line * 3.4) + 2 * self.PADDING + 6)


class CatalogPage(QWidget):
    """Published courses (filter as you type) and the outline of the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load_courses: CourseLoader | None = None
        self._load_tree: TreeLoader | None = None
        self.setObjectName("catalogPage")

        self.search = QLineEdit(placeholderText="Search courses…", clearButtonEnabled=True)
        self.search.setAccessibleName("Search courses")
        self.model: RecordTableModel[CourseSummary] = RecordTableModel(
            [Column("Course", lambda c: f"{c.title}\n{c.description or ''}")], self
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(CourseCardDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Courses")
        self.list.selectionModel().currentChanged.connect(self._course_selected)

        self.status = QLabel("Loading the catalog…")
        self.status.setObjectName("catalogStatus")

        self.outline_title = QLabel()
        self.outline_title.setWordWrap(True)
        self.outline_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.outline_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.outline_title.setFont(font)
        self.outline_description = QLabel()
        self.outline_description.setWordWrap(True)
        self.outline_description.setTextFormat(Qt.TextFormat.PlainText)
        self.outline_model = QStandardItemModel(self)
        self.outline_model.setHorizontalHeaderLabels(["Module / lesson", "Duration"])
        self.outline = QTreeView()
        self.outline.setModel(self.outline_model)
        self.outline.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.outline.setAccessibleName("Course outline")
        self.outline.header().setStretchLastSection(False)
        self.outline.header().setSectionResizeMode(0, self.outline.header().ResizeMode.Stretch)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Catalog")
        heading_font = heading.font()
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading.setFont(heading_font)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.status)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.outline_title)
        right_layout.addWidget(self.outline_description)
        right_layout.addWidget(self.outline, 1)

        self.splitter = QSplitter()
        self.splitter.setObjectName("catalogSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

    def set_loaders(self, load_courses: CourseLoader, load_tree: TreeLoader) -> None:
        self._load_courses = load_courses
        self._load_tree = load_tree

    def refresh(self) -> None:
        if self._load_courses is None:
            return
        self.status.setText("Loading the catalog…")
        BackgroundOp(self._load_courses, label="load catalog").on_success(
            self._show_courses
        ).on_failure(self._show_error).run(parent=self)

    def _show_courses(self, courses: list[CourseSummary]) -> None:
        self.model.set_records(courses)
        self.status.setText(
            f"{len(courses)} published courses" if courses else "No published courses yet."
        )
        if courses and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _show_error(self, exc: BaseException) -> None:
        self.status.setText(f"Could not load the catalog: {exc}")

    def _course_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        course = current.data(RecordRole) if current.isValid() else None
        if not isinstance(course, CourseSummary) or self._load_tree is None:
            return
        self.outline_title.setText(course.title)
        self.outline_description.setText(f"{course_meta(course)}\n\n{course.description or ''}")
        loader = self._load_tree
        BackgroundOp(lambda: loader(course.id), label="load outline").on_success(
            self._show_tree
        ).on_failure(self._show_error).run(parent=self)

    def _show_tree(self, tree: CourseTree) -> None:
        current = self.list.currentIndex().data(RecordRole)
        if not isinstance(current, CourseSummary) or current.id != tree.course.id:
            return  # the person moved on while it loaded
        self.outline_model.removeRows(0, self.outline_model.rowCount())
        for module in tree.modules:
            minutes = sum(lesson.duration_minutes or 0 for lesson in module.lessons)
            module_item = QStandardItem(icon("module"), f"{module.order_index + 1}. {module.title}")
            for lesson in module.lessons:
                module_item.appendRow(
                    [
                        QStandardItem(
                            icon("play" if lesson.video_asset_id else "lesson"), lesson.title
                        ),
                        QStandardItem(minutes_text(lesson.duration_minutes)),
                    ]
                )
            self.outline_model.appendRow([module_item, QStandardItem(minutes_text(minutes))])
        self.outline.expandAll()
        self.outline.resizeColumnToContents(1)


def catalog_loaders(uow_factory: Any) -> tuple[CourseLoader, TreeLoader]:
    return (
        lambda: catalog.list_courses(uow_factory),
        lambda course_id: catalog.course_tree(uow_factory, course_id),
    )
