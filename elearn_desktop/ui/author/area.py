"""The Author workspace as the main window shows it: courses, assessments, paths, insights.

Each tab is an editor built by its own module; this module only puts them side by side
and gives the one-item editors (assessments, learning paths) a list to pick from.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services import assessment_authoring, path_authoring
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui import preferences
from elearn_desktop.ui.author.assessment_editor import AssessmentEditor
from elearn_desktop.ui.author.courses_page import status_word
from elearn_desktop.ui.author.insights import CourseInsightsPage
from elearn_desktop.ui.author.path_editor import PathEditor
from elearn_desktop.ui.author.workspace import AuthorWorkspace
from elearn_desktop.ui.models import Column, RecordRole, RecordTableModel
from elearn_desktop.ui.ops import BackgroundOp


class _ListAndEditor(QWidget):
    """A searchable list of items on the left, the item's editor on the right."""

    def __init__(
        self,
        *,
        texts: Callable[[], tuple[str, str, str]],
        columns: list[Column[Any]],
        load: Callable[[str], list[Any]],
        editor: QWidget,
        open_item: Callable[[uuid.UUID | None], None],
        saved: Signal,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._open_item = open_item
        self._generation = 0
        self._texts = texts
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.new_button = QPushButton()
        self.new_button.clicked.connect(lambda: self._open_item(None))
        self.model: RecordTableModel[Any] = RecordTableModel(columns, self, context="AuthorArea")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        self.status = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        saved.connect(lambda _result: self.refresh())
        self.retranslate()

    def retranslate(self) -> None:
        """``texts()`` gives (filter placeholder, new-item button, list name), translated."""
        placeholder, new_text, list_name = self._texts()
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(placeholder.rstrip("…"))
        self.new_button.setText(new_text)
        self.table.setAccessibleName(list_name)

    def refresh(self) -> None:
        self._generation += 1
        generation, text, load = self._generation, self.search.text().strip(), self._load
        BackgroundOp(lambda: load(text), label="author list").on_success(
            lambda items: self._show(generation, items)
        ).on_failure(
            lambda exc: self.status.setText(
                self.tr("Could not load the list: {exc}").format(exc=exc)
            )
        ).run(parent=self)

    def _show(self, generation: int, items: list[Any]) -> None:
        if generation == self._generation:
            self.model.set_records(items)
            self.table.resizeColumnsToContents()
            self.status.setText(self.tr("{count} shown").format(count=len(items)))

    def _activated(self, index: QModelIndex) -> None:
        item = index.siblingAtColumn(0).data(RecordRole)
        if item is not None:
            self._open_item(item.id)


class AuthorArea(QTabWidget):
    preview_requested = Signal(object)  # course id

    def __init__(self, session: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorArea")
        self.setDocumentMode(True)
        assert session.backend is not None
        uow, actor = session.backend.uow, session.user
        self.courses = AuthorWorkspace(session, media_dir=preferences.media_library_dir())
        self.courses.preview_requested.connect(self.preview_requested)
        self.assessment_editor = AssessmentEditor(session)
        self.assessments = _ListAndEditor(
            texts=lambda: (
                self.tr("Filter assessments…"),
                self.tr("New assessment"),
                self.tr("Assessments"),
            ),
            columns=[
                Column(QT_TRANSLATE_NOOP("AuthorArea", "Title"), lambda a: a.title),
                Column(
                    QT_TRANSLATE_NOOP("AuthorArea", "Questions"),
                    lambda a: str(a.question_count),
                    align_right=True,
                ),
                Column(
                    QT_TRANSLATE_NOOP("AuthorArea", "Pass at"),
                    lambda a: f"{a.passing_score}%" if a.passing_score else "—",
                ),
            ],
            load=lambda text: assessment_authoring.list_assessments(uow, actor=actor, search=text),
            editor=self.assessment_editor,
            open_item=self.assessment_editor.open_assessment,
            saved=self.assessment_editor.assessment_saved,
        )
        self.path_editor = PathEditor(session)
        self.paths = _ListAndEditor(
            texts=lambda: (
                self.tr("Filter learning paths…"),
                self.tr("New learning path"),
                self.tr("Learning paths"),
            ),
            columns=[
                Column(QT_TRANSLATE_NOOP("AuthorArea", "Title"), lambda p: p.title),
                Column(QT_TRANSLATE_NOOP("AuthorArea", "Status"), lambda p: status_word(p.status)),
                Column(
                    QT_TRANSLATE_NOOP("AuthorArea", "Steps"),
                    lambda p: str(p.step_count),
                    align_right=True,
                ),
            ],
            load=lambda text: path_authoring.list_paths(uow, actor=actor, search=text),
            editor=self.path_editor,
            open_item=self.path_editor.open_path,
            saved=self.path_editor.path_saved,
        )
        self.insights = CourseInsightsPage(session)
        self.addTab(self.courses, "")
        self.addTab(self.assessments, "")
        self.addTab(self.paths, "")
        self.addTab(self.insights, "")
        self.currentChanged.connect(self._tab_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Author pages"))
        self.setTabText(0, self.tr("Courses"))
        self.setTabText(1, self.tr("Assessments"))
        self.setTabText(2, self.tr("Learning paths"))
        self.setTabText(3, self.tr("Insights"))
        self.setTabToolTip(0, self.tr("Your courses: create, edit, publish"))
        self.assessments.retranslate()
        self.paths.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _tab_changed(self, index: int) -> None:
        widget = self.widget(index)
        if widget in (self.assessments, self.paths):
            widget.refresh()  # type: ignore[attr-defined]

    def refresh(self) -> None:
        self.courses.refresh()
        self._tab_changed(self.currentIndex())

    def confirm_close(self) -> bool:
        return self.courses.confirm_close()
