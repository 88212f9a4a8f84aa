"""Small pieces the Learn pages share: status marks, a progress-bar delegate, headings.

Progress is never shown by colour alone: a mark (✓ ● ○), a word and the percentage as
text always go with it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QWidget,
)

from elearn_desktop.domain.errors import ElearnError
from elearn_desktop.ui.models import Column, RecordTableModel

log = logging.getLogger(__name__)


def describe_failure(exc: object) -> str:
    """A failed load or action in words: never a driver's message or SQL in the face."""
    if isinstance(exc, ElearnError):
        return str(exc)
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        log.warning("the database stopped answering", exc_info=exc)  # type: ignore[arg-type]
        return QCoreApplication.translate(
            "LearnWidgets", "the server stopped answering (File › Refresh tries again)"
        )
    log.error("unexpected failure", exc_info=exc)  # type: ignore[arg-type]
    return QCoreApplication.translate(
        "LearnWidgets", "something unexpected went wrong; the details are in the log"
    )


T = TypeVar("T")


class LearnTexts(QObject):
    """Counted texts of the module-level helpers: Qt's plural forms need ``self.tr``
    (pyside6-lupdate marks ``tr(text, "", n)`` as plural only on a QObject)."""

    def days_ago(self, n: int) -> str:
        return self.tr("%n day(s) ago", "", n)

    def modules(self, n: int) -> str:
        return self.tr("%n module(s)", "", n)

    def lessons(self, n: int) -> str:
        return self.tr("%n lesson(s)", "", n)


_COUNTED: list[LearnTexts] = []


def counted() -> LearnTexts:
    """The (GUI-thread) helper for counted texts."""
    if not _COUNTED:
        _COUNTED.append(LearnTexts())
    return _COUNTED[0]


#: An int 0–100 for the progress-bar delegate (None: draw nothing).
PercentageRole = Qt.ItemDataRole.UserRole + 10
#: 'not_started' | 'in_progress' | 'completed'.
StatusRole = Qt.ItemDataRole.UserRole + 11

COMPLETED = "completed"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"

_MARKS = {COMPLETED: "✓", IN_PROGRESS: "●", NOT_STARTED: "○"}
# Translated where they are shown (status_word).
_WORDS = {
    COMPLETED: QT_TRANSLATE_NOOP("LearnWidgets", "Completed"),
    IN_PROGRESS: QT_TRANSLATE_NOOP("LearnWidgets", "In progress"),
    NOT_STARTED: QT_TRANSLATE_NOOP("LearnWidgets", "Not started"),
}


def status_mark(status: str) -> str:
    return _MARKS.get(status, _MARKS[NOT_STARTED])


def status_word(status: str) -> str:
    return QCoreApplication.translate("LearnWidgets", _WORDS.get(status, _WORDS[NOT_STARTED]))


def progress_text(status: str, percentage: int) -> str:
    """'✓ Completed', '● In progress · 40 %', '○ Not started'."""
    if status == IN_PROGRESS:
        return f"{status_mark(status)} {status_word(status)} · {percentage} %"
    return f"{status_mark(status)} {status_word(status)}"


def seconds_text(seconds: float) -> str:
    """'45 s', '12 min', '1 h 05 min'."""
    total = round(seconds)
    if total < 60:
        return QCoreApplication.translate("LearnWidgets", "{0} s").format(total)
    minutes = total // 60
    if minutes < 60:
        return QCoreApplication.translate("LearnWidgets", "{0} min").format(minutes)
    return QCoreApplication.translate("LearnWidgets", "{0} h {1} min").format(
        minutes // 60, f"{minutes % 60:02d}"
    )


def when_text(moment: dt.datetime | None, *, now: dt.datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', 'yesterday', '12 Oct 2026'."""
    if moment is None:
        return "—"
    current = now or dt.datetime.now(dt.UTC)
    delta = current - moment
    seconds = delta.total_seconds()
    if seconds < 60:
        return QCoreApplication.translate("LearnWidgets", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("LearnWidgets", "{0} min ago").format(int(seconds // 60))
    if seconds < 86400:
        return QCoreApplication.translate("LearnWidgets", "{0} h ago").format(int(seconds // 3600))
    if seconds < 2 * 86400:
        return QCoreApplication.translate("LearnWidgets", "yesterday")
    if seconds < 7 * 86400:
        return counted().days_ago(int(seconds // 86400))
    return day_month_year(moment.astimezone().date())


def day_month_year(day: dt.date) -> str:
    """'12 Oct 2026' in English, '12. Okt. 2026' in German."""
    # A QDate format (d, MMM, yyyy): each language writes dates its own way.
    return QLocale().toString(day, QCoreApplication.translate("LearnWidgets", "d MMM yyyy"))


def heading(text: str, *, scale: float = 1.3) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def muted_label(text: str = "") -> QLabel:
    """A secondary line of text in the palette's placeholder colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(label.palette().ColorRole.PlaceholderText)
    return label


def labelled_progress_bar(parent: QWidget | None = None) -> QProgressBar:
    """A progress bar that shows its percentage as text (and says it to screen readers)."""
    bar = QProgressBar(parent)
    bar.setRange(0, 100)
    bar.setTextVisible(True)
    bar.setFormat("%p %")
    bar.setMaximumHeight(20)
    return bar


def set_progress(bar: QProgressBar, percentage: int, status: str) -> None:
    bar.setValue(max(0, min(100, percentage)))
    words = progress_text(status, percentage)
    bar.setToolTip(words)
    bar.setAccessibleName(
        QCoreApplication.translate("LearnWidgets", "Progress: {0} %, {1}").format(
            percentage, status_word(status).lower()
        )
    )


class ProgressBarDelegate(QStyledItemDelegate):
    """Draws ``PercentageRole`` as a progress bar with the percentage written on it."""

    MARGIN = 4
    BAR_HEIGHT = 18

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(PercentageRole)
        if value is None:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        percentage = max(0, min(100, int(value)))
        height = min(self.BAR_HEIGHT, option.rect.height() - 2 * self.MARGIN)
        rect = QRect(
            option.rect.left() + self.MARGIN,
            option.rect.center().y() - height // 2,
            option.rect.width() - 2 * self.MARGIN,
            height,
        )
        bar = QStyleOptionProgressBar()
        bar.rect = rect
        bar.minimum = 0
        bar.maximum = 100
        bar.progress = percentage
        bar.text = f"{percentage} %"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        bar.fontMetrics = option.fontMetrics
        painter.save()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(max(base.width(), 120), max(base.height(), self.BAR_HEIGHT + 2 * self.MARGIN))


class ProgressTableModel(RecordTableModel[T]):
    """A RecordTableModel whose ``progress_column`` also answers PercentageRole/StatusRole."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        progress: Callable[[T], tuple[str, int]],
        progress_column: int,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self._progress = progress
        self._progress_column = progress_column

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if (
            role in (PercentageRole, StatusRole)
            and index.isValid()
            and index.column() == self._progress_column
            and 0 <= index.row() < self.rowCount()
        ):
            status, percentage = self._progress(self.record(index.row()))
            return percentage if role == PercentageRole else status
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid():
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)
