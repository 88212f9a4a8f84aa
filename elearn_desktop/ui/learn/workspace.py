"""The Learn workspace: Catalog · My learning · My progress, and pages opened on top of them.

A small sub-navigation switches between the three sections. Opening a course or a path,
and whatever the main window opens with :meth:`LearnWorkspace.show_page` (the lesson
player, an assessment), goes on a stack above the section; "Back" (Alt+Left) returns to
the page below, which then reloads what it shows (progress may have changed meanwhile).

Signals for the main window: ``lesson_requested(lesson_id)`` and
``assessment_requested(assessment_id)`` — it opens the player or the assessment page and
pushes it here with ``show_page``. ``page_closed(widget)`` says a pushed page was left.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui.learn.catalog_page import CatalogPage
from elearn_desktop.ui.learn.course_view import CourseViewPage
from elearn_desktop.ui.learn.my_learning_page import MyLearningPage
from elearn_desktop.ui.learn.path_view import PathViewPage
from elearn_desktop.ui.learn.progress_page import ProgressPage

# Titles are translated where they are shown (LearnWorkspace.retranslate).
SECTIONS = (
    ("catalog", QT_TRANSLATE_NOOP("LearnWorkspace", "Catalog")),
    ("my_learning", QT_TRANSLATE_NOOP("LearnWorkspace", "My learning")),
    ("progress", QT_TRANSLATE_NOOP("LearnWorkspace", "My progress")),
)


@dataclass(slots=True)
class _Pushed:
    widget: QWidget
    title: str
    keep: bool
    #: Whether ``title`` is a source string to translate when shown ("Course"), not a name.
    translatable: bool = False


class LearnWorkspace(QWidget):
    """Sub-navigation, the three sections, and a stack of pages opened over them."""

    lesson_requested = Signal(object)  # lesson id
    assessment_requested = Signal(object)  # assessment id
    page_closed = Signal(QWidget)  # a page given to show_page was left (Back or a section)
    section_changed = Signal(str)  # 'catalog' | 'my_learning' | 'progress'

    def __init__(self, session: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learnWorkspace")
        self.session = session
        #: Set by the main window when the person has an offline cache (PostgreSQL).
        self.offline_copies: Any = None
        self._pushed: list[_Pushed] = []
        self._section = "catalog"

        self.catalog = CatalogPage(session)
        self.my_learning = MyLearningPage(session)
        self.progress = ProgressPage(session)
        self.sections: dict[str, QWidget] = {
            "catalog": self.catalog,
            "my_learning": self.my_learning,
            "progress": self.progress,
        }

        self.back_button = QPushButton()
        self.back_button.setObjectName("learnBack")
        self.back_button.clicked.connect(self.go_back)
        self.back_button.hide()
        self.crumb = QLabel()
        self.crumb.setTextFormat(Qt.TextFormat.PlainText)
        self.crumb.setObjectName("learnBreadcrumb")

        self.nav = QButtonGroup(self)
        self.nav.setExclusive(True)
        self.nav_buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 0)
        bar.addWidget(self.back_button)
        for key, _title in SECTIONS:
            button = QPushButton()
            button.setCheckable(True)
            button.setFlat(True)
            button.setObjectName(f"learnNav_{key}")
            button.clicked.connect(lambda _checked=False, k=key: self.show_section(k))
            self.nav.addButton(button)
            self.nav_buttons[key] = button
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(self.crumb, 1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.stack = QStackedWidget()
        for page in self.sections.values():
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)

        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.go_back)

        self.catalog.course_requested.connect(self.open_course)
        self.catalog.path_requested.connect(self.open_path)
        self.my_learning.lesson_requested.connect(self.lesson_requested)
        self.my_learning.course_requested.connect(self.open_course)
        self.my_learning.path_requested.connect(self.open_path)
        self.my_learning.catalog_requested.connect(lambda: self.show_section("catalog"))

        self.nav_buttons["catalog"].setChecked(True)
        self.retranslate()
        self.catalog.refresh()

    def retranslate(self) -> None:
        """Set the fixed texts in the current language (also on QEvent.LanguageChange)."""
        self.back_button.setText(self.tr("‹ Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        for key, title in SECTIONS:
            self.nav_buttons[key].setText(self.tr(title))
            self.nav_buttons[key].setAccessibleName(self.tr(title))
        self._update_chrome()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- navigation ----------------------------------------------------------------------

    def current_section(self) -> str:
        return self._section

    def current_page(self) -> QWidget:
        return self._pushed[-1].widget if self._pushed else self.sections[self._section]

    def pushed_pages(self) -> list[QWidget]:
        return [entry.widget for entry in self._pushed]

    def show_section(self, key: str) -> None:
        """Show a section (leaving any pages opened over it) and reload what it shows."""
        if key not in self.sections:
            raise ValueError(f"unknown Learn section: {key}")
        while self._pushed:
            self._pop()
        self._section = key
        self.nav_buttons[key].setChecked(True)
        page = self.sections[key]
        self.stack.setCurrentWidget(page)
        self._update_chrome()
        self._reload(page)
        self.section_changed.emit(key)

    def show_page(
        self,
        widget: QWidget,
        *,
        title: str | None = None,
        keep: bool = False,
        translatable: bool = False,
    ) -> None:
        """Open ``widget`` over the current page; Back returns to the page below.

        A page shown again while it is open brings it to the top. When it is left, the
        workspace emits ``page_closed(widget)`` and deletes it unless ``keep`` is true.
        ``translatable`` says ``title`` is a LearnWorkspace source string (shown translated).
        """
        for depth, entry in enumerate(self._pushed):
            if entry.widget is widget:
                while len(self._pushed) > depth + 1:
                    self._pop()
                self.stack.setCurrentWidget(widget)
                self._update_chrome()
                return
        name = title or widget.windowTitle() or widget.accessibleName()
        if not name:
            name, translatable = QT_TRANSLATE_NOOP("LearnWorkspace", "Page"), True
        self._pushed.append(_Pushed(widget, name, keep, translatable))
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self._update_chrome()

    def go_back(self) -> bool:
        """Leave the top page; False when there is nothing to go back to."""
        if not self._pushed:
            return False
        self._pop()
        page = self.current_page()
        self.stack.setCurrentWidget(page)
        self._update_chrome()
        self._reload(page)
        return True

    def _pop(self) -> None:
        entry = self._pushed.pop()
        self.stack.removeWidget(entry.widget)
        self.page_closed.emit(entry.widget)
        if not entry.keep:
            entry.widget.setParent(None)
            entry.widget.deleteLater()

    def _update_chrome(self) -> None:
        self.back_button.setVisible(bool(self._pushed))
        titles = [self._title(entry) for entry in self._pushed]
        below = titles[-2] if len(titles) > 1 else self._section_title()
        self.back_button.setToolTip(self.tr("Back to {0} (Alt+Left)").format(below))
        trail = [self._section_title(), *titles]
        self.crumb.setText(" › ".join(trail) if self._pushed else "")

    def _title(self, entry: _Pushed) -> str:
        return self.tr(entry.title) if entry.translatable else entry.title

    def _section_title(self) -> str:
        return self.tr(next(title for key, title in SECTIONS if key == self._section))

    @staticmethod
    def _reload(page: QWidget) -> None:
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.BackButton and self.go_back():
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -- opening things ------------------------------------------------------------------

    def _add_offline_bar(
        self, page: QWidget, kind: str, entity_id: uuid.UUID, before: QWidget
    ) -> None:
        """ "Make available offline" on a course or path page (PostgreSQL sessions)."""
        if self.offline_copies is None:
            return
        from elearn_desktop.ui.learn.offline_copy import OfflineCopyBar

        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        bar = OfflineCopyBar(self.offline_copies, kind, entity_id)
        layout.insertWidget(layout.indexOf(before), bar)
        page.offline_bar = bar  # type: ignore[attr-defined]

    def open_course(self, course_id: uuid.UUID) -> CourseViewPage:
        page = CourseViewPage(self.session, course_id)
        self._add_offline_bar(page, "course", course_id, page.tree)
        page.lesson_requested.connect(self.lesson_requested)
        self.show_page(page, title=QT_TRANSLATE_NOOP("LearnWorkspace", "Course"), translatable=True)
        page.refresh()
        page.model.modelReset.connect(lambda: self._retitle(page, page.title.text()))
        return page

    def open_path(self, path_id: uuid.UUID) -> PathViewPage:
        page = PathViewPage(self.session, path_id)
        self._add_offline_bar(page, "path", path_id, page.table)
        page.lesson_requested.connect(self.lesson_requested)
        page.assessment_requested.connect(self.assessment_requested)
        page.course_requested.connect(self.open_course)
        self.show_page(
            page, title=QT_TRANSLATE_NOOP("LearnWorkspace", "Learning path"), translatable=True
        )
        page.refresh()
        page.model.modelReset.connect(lambda: self._retitle(page, page.title.text()))
        return page

    def _retitle(self, widget: QWidget, title: str) -> None:
        for entry in self._pushed:
            if entry.widget is widget and title:
                entry.title = title
                entry.translatable = False
        self._update_chrome()

    def refresh(self) -> None:
        """Reload the page on show (the main window's File › Refresh)."""
        self._reload(self.current_page())
