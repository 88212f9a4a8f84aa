"""Author workspace, first page: every course with its status (the editor is issue #4)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from elearn_desktop.services.dto import CourseSummary
from elearn_desktop.ui.models import Column, RecordTableModel, minutes_text
from elearn_desktop.ui.ops import BackgroundOp

COURSE_COLUMNS: list[Column[CourseSummary]] = [
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
    Column("Author", lambda c: c.author_name or ""),
]


class AuthorCoursesPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorCoursesPage")
        self._loader: Callable[[], list[CourseSummary]] | None = None
        self.filter = QLineEdit(placeholderText="Filter courses…", clearButtonEnabled=True)
        self.filter.setAccessibleName("Filter courses")
        self.model: RecordTableModel[CourseSummary] = RecordTableModel(COURSE_COLUMNS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Courses")
        self.status = QLabel("Loading courses…")
        layout = QVBoxLayout(self)
        title = QLabel("My courses")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def set_loader(self, loader: Callable[[], list[CourseSummary]]) -> None:
        self._loader = loader

    def refresh(self) -> None:
        if self._loader is None:
            return
        BackgroundOp(self._loader, label="load author courses").on_success(self._show).on_failure(
            lambda exc: self.status.setText(f"Could not load courses: {exc}")
        ).run(parent=self)

    def _show(self, courses: list[CourseSummary]) -> None:
        self.model.set_records(courses)
        drafts = sum(1 for c in courses if c.status == "draft")
        self.status.setText(f"{len(courses)} courses, {drafts} draft{'' if drafts == 1 else 's'}")
        self.table.resizeColumnsToContents()
