"""The catalog's models and card: lazily loaded search hits, learning paths, course cards.

:class:`CourseListModel` asks its fetch function (``search_catalog`` underneath) for 50
courses at a time on a worker thread, when the view scrolls to the end (``canFetchMore``
/ ``fetchMore``). A new query keeps the old rows until its first page arrives; pages of a
query the person has typed past are dropped. ``data()`` only reads what was fetched.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from elearn_desktop.services.dto import CourseSummary, PathSummary
from elearn_desktop.services.search import SearchHit
from elearn_desktop.ui.learn.thumbnails import THUMBNAIL_SIZE, ThumbnailCache
from elearn_desktop.ui.learn.widgets import COMPLETED, IN_PROGRESS, counted, progress_text
from elearn_desktop.ui.models import Column, RecordRole, RecordTableModel, minutes_text
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    level: str | None = None
    max_minutes: int | None = None
    state: str | None = None


#: (query, offset, limit) -> hits; runs on a worker thread.
Fetch = Callable[[SearchQuery, int, int], list[SearchHit]]


# Translated where they are shown (level_text).
_LEVEL_WORDS = {
    None: QT_TRANSLATE_NOOP("CourseList", "All levels"),
    "beginner": QT_TRANSLATE_NOOP("CourseList", "Beginner"),
    "intermediate": QT_TRANSLATE_NOOP("CourseList", "Intermediate"),
    "advanced": QT_TRANSLATE_NOOP("CourseList", "Advanced"),
}


def level_text(level: str | None) -> str:
    """A course's level in words, in the language shown ('Beginner', 'All levels')."""
    word = _LEVEL_WORDS.get(level)
    if word is None:
        return (level or "").capitalize()
    return QCoreApplication.translate("CourseList", word)


def course_meta(course: CourseSummary) -> str:
    modules = counted().modules(course.module_count)
    lessons = counted().lessons(course.lesson_count)
    parts = [level_text(course.level), minutes_text(course.duration_minutes), modules, lessons]
    if course.author_name:
        parts.append(QCoreApplication.translate("CourseList", "by {0}").format(course.author_name))
    return " · ".join(parts)


def hit_badge(hit: SearchHit) -> str:
    """'● In progress · 40 %', '✓ Completed' or '' (not enrolled)."""
    if hit.progress_status is None:
        return ""
    status = COMPLETED if hit.progress_status == COMPLETED else IN_PROGRESS
    return progress_text(status, hit.progress_percentage or 0)


# --------------------------------------------------------------------------- the model


class CourseListModel(QAbstractListModel):
    """Search hits, fetched a page at a time off the GUI thread; ``data()`` only reads."""

    loading_changed = Signal(bool)
    results_changed = Signal()
    load_failed = Signal(str)

    def __init__(
        self,
        fetch: Fetch | None = None,
        thumbnails: ThumbnailCache | None = None,
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._thumbnails = thumbnails
        self._page_size = page_size
        self._hits: list[SearchHit] = []
        self._query = SearchQuery()
        self._generation = 0
        self._fetching = False
        self._has_more = False
        if thumbnails is not None:
            thumbnails.thumbnail_ready.connect(self._thumbnail_ready)

    # -- content -------------------------------------------------------------------------

    def set_fetch(self, fetch: Fetch | None) -> None:
        self._fetch = fetch

    @property
    def query(self) -> SearchQuery:
        return self._query

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def has_more(self) -> bool:
        return self._has_more

    def set_query(self, query: SearchQuery) -> None:
        """Search again; rows stay until the first page of the new results arrives."""
        self._query = query
        self._generation += 1
        self._has_more = False
        self._start_fetch(offset=0)

    def reload(self) -> None:
        self.set_query(self._query)

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def records(self) -> list[CourseSummary]:
        """The loaded courses."""
        return [hit.course for hit in self._hits]

    def row_of(self, course_id: uuid.UUID) -> int | None:
        return next((i for i, h in enumerate(self._hits) if h.course.id == course_id), None)

    def update_progress(self, course_id: uuid.UUID, status: str, percentage: int) -> None:
        row = self.row_of(course_id)
        if row is None:
            return
        self._hits[row] = replace(
            self._hits[row], progress_status=status, progress_percentage=percentage
        )
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    # -- loading -------------------------------------------------------------------------

    def _start_fetch(self, *, offset: int) -> None:
        if self._fetch is None:
            return
        fetch, query, limit = self._fetch, self._query, self._page_size + 1
        generation = self._generation
        self._set_fetching(True)
        BackgroundOp(lambda: fetch(query, offset, limit), label="search catalog").on_success(
            lambda hits: self._page_arrived(generation, offset, hits)
        ).on_failure(lambda exc: self._page_failed(generation, exc)).run(parent=self)

    def _set_fetching(self, fetching: bool) -> None:
        if fetching != self._fetching:
            self._fetching = fetching
            self.loading_changed.emit(fetching)

    def _page_arrived(self, generation: int, offset: int, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return  # an older search: the person has typed on since
        more = len(hits) > self._page_size
        page = hits[: self._page_size]
        was_fetching = self._fetching
        # Not fetching any more once the rows are in, before the view hears of them: it
        # (or a model tester) may ask for the next page right away while laying them out.
        if offset == 0:
            self.beginResetModel()
            self._hits = page
            self._has_more = more
            self._fetching = False
            self.endResetModel()
        elif offset == len(self._hits) and page:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._hits.extend(page)
            self._has_more = more
            self._fetching = False
            self.endInsertRows()
        else:
            self._has_more = False
            self._fetching = False
        if was_fetching and not self._fetching:
            self.loading_changed.emit(False)
        if self._thumbnails is not None:
            self._thumbnails.request([hit.course.thumbnail_url for hit in page])
        self.results_changed.emit()

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._has_more = False
        self._set_fetching(False)
        self.load_failed.emit(str(exc))

    def _thumbnail_ready(self, url: str) -> None:
        for row, hit in enumerate(self._hits):
            if hit.course.thumbnail_url == url:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # -- Qt overrides --------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._has_more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self._start_fetch(offset=len(self._hits))

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        course = hit.course
        if role == Qt.ItemDataRole.DisplayRole:
            return course.title
        if role == RecordRole:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (course.title, course_meta(course), hit_badge(hit)) if p)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(p for p in (course.title, course_meta(course), hit_badge(hit)) if p)
        if role == Qt.ItemDataRole.DecorationRole:
            if self._thumbnails is None:
                return icon("course")
            return self._thumbnails.pixmap(course.thumbnail_url)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class PathListModel(RecordTableModel[PathSummary]):
    """Published learning paths (one column), with the path icon."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("CourseList", "Learning path"),
                    lambda p: self.tr("{0} — %n step(s)", "", p.step_count).format(p.title),
                )
            ],
            parent,
        )

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid():
            return icon("path")
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            path = self.record(index.row())
            return f"{path.title}\n{path.description or ''}".strip()
        return super().data(index, role)


# ------------------------------------------------------------------------ the card


class CourseCardDelegate(QStyledItemDelegate):
    """A course as a card: thumbnail, title, progress badge, facts, description, matches."""

    PADDING = 8

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(RecordRole)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        course = hit.course
        painter.save()
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        muted = palette.color(text_role if selected else palette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)

        thumb = index.data(Qt.ItemDataRole.DecorationRole)
        thumb_rect = QRect(rect.left(), rect.top(), THUMBNAIL_SIZE.width(), THUMBNAIL_SIZE.height())
        if thumb is not None and hasattr(thumb, "isNull") and not thumb.isNull():
            if hasattr(thumb, "paint"):  # an icon
                thumb.paint(painter, thumb_rect)
            else:
                painter.drawPixmap(thumb_rect, thumb)
        left = thumb_rect.right() + 12
        width = rect.right() - left

        font = QFont(option.font)
        line = QFontMetrics(font).height()
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPointSizeF(font.pointSizeF() * 1.1)
        title_h = QFontMetrics(title_font).height()

        badge = hit_badge(hit)
        badge_w = QFontMetrics(font).horizontalAdvance(badge) + 8 if badge else 0
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title = QFontMetrics(title_font).elidedText(
            course.title, Qt.TextElideMode.ElideRight, width - badge_w
        )
        painter.drawText(QRect(left, rect.top(), width - badge_w, title_h), 0, title)
        if badge:
            painter.setFont(font)
            painter.drawText(
                QRect(rect.right() - badge_w, rect.top(), badge_w, title_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                badge,
            )
        painter.setFont(font)
        y = rect.top() + title_h + 2
        painter.setPen(muted)
        meta = QFontMetrics(font).elidedText(
            course_meta(course), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(left, y, width, line), 0, meta)
        y += line + 2
        painter.setPen(palette.color(text_role))
        description = QFontMetrics(font).elidedText(
            course.description or "", Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(left, y, width, line), 0, description)
        if hit.matched_lessons:
            y += line + 2
            italic = QFont(font)
            italic.setItalic(True)
            painter.setFont(italic)
            painter.setPen(muted)
            matches = QFontMetrics(italic).elidedText(
                QCoreApplication.translate("CourseList", "In lessons: {0}").format(
                    ", ".join(hit.matched_lessons)
                ),
                Qt.TextElideMode.ElideRight,
                width,
            )
            painter.drawText(QRect(left, y, width, line), 0, matches)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).height()
        height = max(THUMBNAIL_SIZE.height(), int(line * 4.4) + 8) + 2 * self.PADDING
        return QSize(420, height)
