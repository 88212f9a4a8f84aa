"""The Downloads page and the status-bar indicator, over a :class:`DownloadQueue`.

The queue calls its listeners on worker threads. Here a listener only sets a flag and
emits a queued signal (at most one waiting at a time); the GUI thread then reads one
snapshot of the queue and updates the table model row by row. Widgets are never touched
from a worker thread, and every queue operation that writes to disk (pause, resume,
cancel, remove) runs in a :class:`BackgroundOp`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.sync.downloads import (
    DownloadItem,
    DownloadQueue,
    DownloadState,
    DownloadTotals,
    QueueEvent,
    describe_bytes,
    describe_speed,
)
from elearn_desktop.ui.ops import BackgroundOp

#: The row's :class:`DownloadItem`.
ItemRole = Qt.ItemDataRole.UserRole + 1
#: An int 0–100 for the progress bar, or -1 while the size is unknown.
PercentRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
# Translated where they are shown (DownloadsTableModel.headerData).
_HEADERS = (
    QT_TRANSLATE_NOOP("DownloadsTableModel", "File"),
    QT_TRANSLATE_NOOP("DownloadsTableModel", "Course"),
    QT_TRANSLATE_NOOP("DownloadsTableModel", "Progress"),
    QT_TRANSLATE_NOOP("DownloadsTableModel", "Speed"),
    QT_TRANSLATE_NOOP("DownloadsTableModel", "State"),
)
FILE, COURSE, PROGRESS, SPEED, STATE = range(5)


def percent_of(item: DownloadItem) -> int:
    """0–100, or -1 for "busy, size not known yet" (drawn as a busy bar)."""
    fraction = item.fraction
    if fraction is not None:
        return int(fraction * 100)
    return -1 if item.state is DownloadState.DOWNLOADING else 0


def progress_text(item: DownloadItem) -> str:
    """'45 %' (size known), '3.1 MB' (so far, size unknown; or done), '—' (nothing yet)."""
    if item.state is DownloadState.DONE:
        return describe_bytes(item.done)
    if item.fraction is None:
        return describe_bytes(item.done) if item.done else "—"
    return f"{percent_of(item)} %"


class DownloadTexts(QObject):
    """The downloads' counted words (Qt's plural forms need ``self.tr`` on a QObject)."""

    def totals(self, totals: DownloadTotals) -> str:
        if totals.waiting:
            parts = [self.tr("↓ %n file(s)", "", totals.waiting)]
            if totals.fraction is not None:
                parts.append(f"{int(totals.fraction * 100)} %")
            if totals.downloading and totals.speed > 0:
                parts.append(describe_speed(totals.speed))
            text = " · ".join(parts)
        elif totals.paused:
            text = self.tr("↓ {0} paused").format(totals.paused)
        else:
            text = self.tr("No downloads")
        if totals.failed:
            text += self.tr(" · {0} failed").format(totals.failed)
        return text


_TEXTS: list[DownloadTexts] = []


def totals_text(totals: DownloadTotals) -> str:
    """The indicator's words: '↓ 2 files · 45 % · 1.2 MB/s', 'No downloads'."""
    if not _TEXTS:
        _TEXTS.append(DownloadTexts())
    return _TEXTS[0].totals(totals)


# --------------------------------------------------------------------------- relay


class _QueueRelay(QObject):
    """Turns queue events (any thread) into one pending queued signal on the GUI thread."""

    queue_changed = Signal()

    def __init__(self, queue: DownloadQueue, parent: QObject) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending = False
        self._alive = True
        self._unsubscribe: Callable[[], None] = queue.subscribe(self._on_event)
        # Unsubscribe before the C++ object goes, so no worker emits on a dead object.
        parent.destroyed.connect(self._shutdown_from_parent)

    def _on_event(self, _event: QueueEvent) -> None:
        with self._lock:
            if not self._alive or self._pending:
                return
            self._pending = True
            try:
                self.queue_changed.emit()
            except RuntimeError:  # already deleted: stop listening
                self._alive = False

    def take(self) -> None:
        """Called by the GUI side when it reads the queue: the next event emits again."""
        with self._lock:
            self._pending = False

    def shutdown(self) -> None:
        with self._lock:
            self._alive = False
        self._unsubscribe()

    def _shutdown_from_parent(self, *_args: object) -> None:
        self.shutdown()


# --------------------------------------------------------------------------- model


class DownloadsTableModel(QAbstractTableModel):
    """Rows of :class:`DownloadItem` snapshots; ``set_items`` updates only what changed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[DownloadItem] = []

    # -- content -------------------------------------------------------------------------

    def items(self) -> list[DownloadItem]:
        return list(self._items)

    def item(self, row: int) -> DownloadItem:
        return self._items[row]

    def set_items(self, items: Sequence[DownloadItem]) -> None:
        """Show ``items``: rows that went are removed, new ones appended (the queue keeps
        its order), changed ones announced with ``dataChanged``; a reorder resets."""
        wanted = {item.id for item in items}
        for row in range(len(self._items) - 1, -1, -1):
            if self._items[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()
        kept = len(self._items)
        if [i.id for i in self._items] != [i.id for i in items[:kept]]:
            self.beginResetModel()
            self._items = list(items)
            self.endResetModel()
            return
        for row in range(kept):
            if items[row] != self._items[row]:
                self._items[row] = items[row]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))
        if len(items) > kept:
            self.beginInsertRows(QModelIndex(), kept, len(items) - 1)
            self._items.extend(items[kept:])
            self.endInsertRows()

    # -- Qt overrides ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE:
                return str(item.request.dest)
            if column == STATE:
                return item.state_text
            return _display(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SPEED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ItemRole:
            return item
        if role == PercentRole:
            return percent_of(item)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(_HEADERS)
        ):
            return self.tr(_HEADERS[section])
        return None


def _display(item: DownloadItem, column: int) -> str:
    if column == FILE:
        return item.title
    if column == COURSE:
        return item.course_title
    if column == PROGRESS:
        return progress_text(item)
    if column == SPEED:
        return describe_speed(item.speed) if item.state is DownloadState.DOWNLOADING else ""
    return item.state_text


class DownloadProgressDelegate(QStyledItemDelegate):
    """Draws :data:`PercentRole` as a progress bar with the cell's text on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        percent = index.data(PercentRole)
        if percent is None:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(3, 3, -3, -3)
        bar.minimum, bar.maximum = (0, 100) if percent >= 0 else (0, 0)
        bar.progress = max(percent, 0)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 140), max(hint.height(), 24))


# ---------------------------------------------------------------------------- page


class DownloadsPage(QWidget):
    """Every download with its progress, speed and state; pause, resume, cancel, remove."""

    #: A course's offline copy was removed (its videos deleted): drop it from the cache.
    offline_copy_removed = Signal(str)
    #: A queue operation failed; the message is in words.
    error_reported = Signal(str)
    #: "Sync now" and "Rejected changes…" (shown once the window reports a sync status).
    sync_requested = Signal()
    dead_letters_requested = Signal()

    def __init__(self, queue: DownloadQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.setObjectName("downloadsPage")
        self.model = DownloadsTableModel(self)

        self.title = title = QLabel()
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)

        self.table = QTableView()
        self.table.setObjectName("downloadsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(PROGRESS, DownloadProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COURSE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(SPEED, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(FILE, 220)
        header.resizeSection(COURSE, 170)
        header.resizeSection(PROGRESS, 150)
        header.resizeSection(SPEED, 90)

        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        # The selected download in full: a failure's whole message, where the file goes.
        self.details_label = QLabel()
        self.details_label.setObjectName("downloadDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Room for two lines always: the table does not jump when a row is selected.
        self.details_label.setMinimumHeight(self.details_label.fontMetrics().lineSpacing() * 2 + 4)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)

        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.cancel_button = QPushButton()
        self.remove_button = QPushButton()
        self.pause_all_button = QPushButton()
        self.resume_all_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (
            self.pause_button,
            self.resume_button,
            self.cancel_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.pause_all_button)
        buttons.addWidget(self.resume_all_button)

        self.total_bar = QProgressBar()
        self.total_bar.setObjectName("downloadsTotal")
        self.total_bar.setRange(0, 100)
        self.total_bar.setTextVisible(True)
        self.total_label = QLabel()
        self.total_label.setObjectName("downloadsTotalText")
        self.space_label = QLabel()
        self.space_label.setObjectName("downloadsSpaceUsed")
        footer = QHBoxLayout()
        footer.addWidget(self.total_label)
        footer.addWidget(self.total_bar, 1)
        footer.addSpacing(16)
        footer.addWidget(self.space_label)

        # Sync: is the offline work on the server yet? (set by the main window)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("downloadsSyncStatus")
        self.sync_label.setWordWrap(True)
        self.sync_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(self.sync_requested.emit)
        self.rejected_button = QPushButton()
        self._sync_status: Any = None
        self.rejected_button.clicked.connect(self.dead_letters_requested.emit)
        self.rejected_button.hide()
        self.sync_row = QWidget()
        sync_layout = QHBoxLayout(self.sync_row)
        sync_layout.setContentsMargins(0, 0, 0, 0)
        sync_layout.addWidget(self.sync_label, 1)
        sync_layout.addWidget(self.rejected_button)
        sync_layout.addWidget(self.sync_button)
        self.sync_row.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.sync_row)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.details_label)
        layout.addLayout(footer)

        self.pause_button.clicked.connect(self._pause_selected)
        self.resume_button.clicked.connect(self._resume_selected)
        self.cancel_button.clicked.connect(self._cancel_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.pause_all_button.clicked.connect(self._pause_all)
        self.resume_all_button.clicked.connect(self._resume_all)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self._relay = _QueueRelay(queue, self)
        self._relay.queue_changed.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language, and the queue's words again."""
        self.title.setText(self.tr("Downloads"))
        self.empty_label.setText(
            self.tr("No downloads yet. Make a course available offline to download its videos.")
        )
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.remove_button.setText(self.tr("Remove offline copy"))
        self.pause_all_button.setText(self.tr("Pause all"))
        self.resume_all_button.setText(self.tr("Resume all"))
        self.pause_button.setToolTip(self.tr("Pause the selected downloads; they continue later."))
        self.resume_button.setToolTip(self.tr("Continue or retry the selected downloads."))
        self.cancel_button.setToolTip(
            self.tr("Stop the selected downloads and delete what they fetched.")
        )
        self.remove_button.setToolTip(
            self.tr("Delete the downloaded videos of the selected courses from this computer.")
        )
        self.total_bar.setAccessibleName(self.tr("Total download progress"))
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setToolTip(
            self.tr("Send your offline changes and fetch news (Ctrl+Shift+S).")
        )
        self.rejected_button.setText(self.tr("Rejected changes…"))
        if self._sync_status is not None:
            self.show_sync_status(self._sync_status)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- reading the queue -------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the queue as it is now (a snapshot; no disk I/O)."""
        self._relay.take()
        items = self.queue.items()
        self.model.set_items(items)
        self.stack.setCurrentWidget(self.table if items else self.empty_label)
        totals = self.queue.totals()
        self.total_label.setText(totals_text(totals))
        fraction = totals.fraction
        if totals.waiting and fraction is not None:
            self.total_bar.setRange(0, 100)
            self.total_bar.setValue(int(fraction * 100))
            self.total_bar.setFormat("%p %")
        elif totals.waiting:
            self.total_bar.setRange(0, 0)  # sizes not known yet: busy
        else:
            self.total_bar.setRange(0, 100)
            self.total_bar.setValue(100 if items else 0)
            self.total_bar.setFormat("%p %")
        self.space_label.setText(
            self.tr("Space used: {0}").format(describe_bytes(self.queue.space_used()))
        )
        self._update_buttons()

    def show_sync_status(self, status: Any) -> None:
        """A :class:`~elearn_desktop.sync.connectivity.SyncStatus` in words."""
        self._sync_status = status
        self.sync_row.show()
        self.sync_label.setText(self.tr("Sync: {0}").format(status.message))
        self.sync_button.setEnabled(not status.running)
        self.rejected_button.setVisible(bool(status.rejected))
        self.rejected_button.setText(self.tr("Rejected changes ({0})…").format(status.rejected))

    def selected_items(self) -> list[DownloadItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.item(row) for row in rows]

    def _update_buttons(self, *_args: object) -> None:
        states = {item.state for item in self.selected_items()}
        self.pause_button.setEnabled(
            bool(states & {DownloadState.QUEUED, DownloadState.DOWNLOADING})
        )
        self.resume_button.setEnabled(
            bool(states & {DownloadState.PAUSED, DownloadState.FAILED, DownloadState.CANCELLED})
        )
        self.cancel_button.setEnabled(
            bool(
                states
                & {
                    DownloadState.QUEUED,
                    DownloadState.DOWNLOADING,
                    DownloadState.PAUSED,
                    DownloadState.FAILED,
                }
            )
        )
        self.remove_button.setEnabled(bool(states))
        totals = self.queue.totals()
        self.pause_all_button.setEnabled(totals.waiting > 0)
        self.resume_all_button.setEnabled(totals.paused + totals.failed > 0)
        selected = self.selected_items()
        if len(selected) == 1:
            item = selected[0]
            self.details_label.setText(f"{item.title} → {item.request.dest}\n{item.state_text}")
        else:
            self.details_label.setText("")

    # -- acting on the selection -------------------------------------------------------------

    def _pause_selected(self) -> None:
        self._run_on_selection("pause", self.queue.pause)

    def _resume_selected(self) -> None:
        self._run_on_selection("resume", self.queue.resume)

    def _cancel_selected(self) -> None:
        self._run_on_selection("cancel", self.queue.cancel)

    def _pause_all(self) -> None:
        BackgroundOp(self.queue.pause_all, label="pause all downloads").on_failure(
            self._failed
        ).run(parent=self)

    def _resume_all(self) -> None:
        BackgroundOp(self.queue.resume_all, label="resume all downloads").on_failure(
            self._failed
        ).run(parent=self)

    def _remove_selected(self) -> None:
        items = self.selected_items()
        courses = sorted({i.course_id for i in items if i.course_id is not None})
        loose = [i.id for i in items if i.course_id is None]
        queue = self.queue

        def work() -> list[str]:
            for course_id in courses:
                queue.remove_course(course_id, delete_files=True)
            for item_id in loose:
                queue.remove(item_id, delete_file=True)
            return courses

        BackgroundOp(work, label="remove offline copy").on_success(
            self._courses_removed
        ).on_failure(self._failed).run(parent=self)

    def _courses_removed(self, courses: list[str]) -> None:
        for course_id in courses:
            self.offline_copy_removed.emit(course_id)

    def _run_on_selection(self, label: str, action: Callable[[str], None]) -> None:
        ids = [item.id for item in self.selected_items()]
        if not ids:
            return

        def work() -> None:
            for item_id in ids:
                action(item_id)  # (an id removed meanwhile is ignored)

        BackgroundOp(work, label=f"{label} downloads").on_failure(self._failed).run(parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.error_reported.emit(str(exc) or type(exc).__name__)


# ----------------------------------------------------------------------- indicator


class DownloadsIndicator(QLabel):
    """The status bar's downloads summary: '↓ 2 files · 45 % · 1.2 MB/s' / 'No downloads'.

    Clicking it asks for the Downloads page (``downloads_page_requested``).
    """

    downloads_page_requested = Signal()

    def __init__(self, queue: DownloadQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.setObjectName("downloadStatus")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._relay = _QueueRelay(queue, self)
        self._relay.queue_changed.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Downloads"))
        self.setToolTip(self.tr("Downloads — click to open"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        self._relay.take()
        self.setText(totals_text(self.queue.totals()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.downloads_page_requested.emit()
        super().mouseReleaseEvent(event)
