"""What the assessment and learning-path editors share: the undo command over an
immutable draft, the reorderable list model (drag-and-drop, Alt+Up/Down) with its view
set-up, validation labels, the :class:`VersionConflictDialog`, and
:class:`DraftEditorBase` — undo stack, dirty state, Save (Ctrl+S) on a worker thread, the
conflict dialog when someone saved a newer version, and the unsaved-changes prompt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QIcon,
    QKeySequence,
    QPixmap,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.authored_rows import EditConflictError
from elearn_desktop.ui.author.undo_actions import UndoRedoActions
from elearn_desktop.ui.ops import BackgroundOp

_Index = QModelIndex | QPersistentModelIndex
#: A row's problems (a list of sentences) in the editors' list models.
ProblemsRole = Qt.ItemDataRole.UserRole + 20
#: A row's item (a frozen draft) in the editors' list models.
ItemRole = Qt.ItemDataRole.UserRole + 21
ROW_MIME = "application/x-elearn-row"
KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"
ERROR_STYLE = "color: #d32f2f;"


class DraftCommand(QUndoCommand):
    """Replace an editor's draft; undo puts the previous one back.

    Consecutive edits of one field (same ``merge_key``) merge into one undo step, so
    typing a title is undone as a whole, not letter by letter.
    """

    _MERGE_ID = 0x4153

    def __init__(
        self,
        apply: Callable[[Any], None],
        before: Any,
        after: Any,
        text: str,
        merge_key: str | None = None,
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self._before = before
        self._after = after
        self.merge_key = merge_key

    def id(self) -> int:
        return self._MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DraftCommand) or other.merge_key != self.merge_key:
            return False
        self._after = other._after
        self.setObsolete(self._after == self._before)
        return True

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)


class ReorderableListModel(QAbstractListModel):
    """A flat list the person reorders by drag-and-drop or keys; ``describe`` renders rows.

    A move changes this model at once (``beginMoveRows``/``endMoveRows``) and reports
    the new order as the old row numbers in ``rows_reordered``; the owning editor turns
    that into an undoable change of its draft and hands the items back unchanged.
    """

    rows_reordered = Signal(list)

    def __init__(
        self,
        describe: Callable[[int, Any], str],
        parent: QWidget | None = None,
        *,
        decorate: Callable[[Any], QIcon] | None = None,
    ) -> None:
        super().__init__(parent)
        self._describe = describe
        self._decorate = decorate
        self._items: list[Any] = []
        self._problems: list[list[str]] = []
        self._movable = True

    # -- content -------------------------------------------------------------------------

    def set_items(self, items: Sequence[Any], problems: Sequence[list[str]] | None = None) -> None:
        problems = list(problems) if problems is not None else [[] for _ in items]
        if len(items) == len(self._items):
            changed = [
                i
                for i, (a, b) in enumerate(zip(items, self._items, strict=True))
                if a != b or problems[i] != self._problems[i]
            ]
            self._items, self._problems = list(items), problems
            if changed:
                self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))
            return
        self.beginResetModel()
        self._items, self._problems = list(items), problems
        self.endResetModel()

    def set_movable(self, movable: bool) -> None:
        self._movable = movable

    def items(self) -> list[Any]:
        return list(self._items)

    def move(self, row: int, delta: int) -> bool:
        """Move ``row`` up (-1) or down (+1); False at the ends."""
        target = row + delta
        if not (0 <= row < len(self._items) and 0 <= target < len(self._items)):
            return False
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), target + (1 if delta > 0 else 0))

    # -- Qt overrides ----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._describe(row, self._items[row])
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self._problems[row]) or self._describe(row, self._items[row])
        if role == Qt.ItemDataRole.DecorationRole:
            if self._problems[row]:
                return _warning_icon()
            return self._decorate(self._items[row]) if self._decorate else _blank_icon()
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and self._problems[row]:
            return "; ".join(self._problems[row])
        if role == ProblemsRole:
            return list(self._problems[row])
        if role == ItemRole:
            return self._items[row]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self._movable else Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        return flags | Qt.ItemFlag.ItemIsDragEnabled if self._movable else flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(ROW_MIME, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return self._movable and data.hasFormat(ROW_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(ROW_MIME).data()).decode()
        rows = [int(r) for r in raw.split(",") if r.strip().isdigit()]
        if len(rows) != 1 or not 0 <= rows[0] < len(self._items):
            return False
        if parent.isValid():  # dropped onto an item: in front of it
            row = parent.row()
        if row < 0:
            row = len(self._items)
        self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), row)
        # True, and no removeRows: the move is complete, the drag source removes nothing.
        return True

    def moveRows(
        self,
        source_parent: _Index,
        source_row: int,
        count: int,
        destination_parent: _Index,
        destination_child: int,
    ) -> bool:
        n = len(self._items)
        if (
            source_parent.isValid()
            or destination_parent.isValid()
            or count != 1
            or not 0 <= source_row < n
            or not 0 <= destination_child <= n
            or destination_child in (source_row, source_row + 1)
        ):
            return False
        if not self.beginMoveRows(
            QModelIndex(), source_row, source_row, QModelIndex(), destination_child
        ):
            return False
        order = list(range(n))
        moved = order.pop(source_row)
        target = destination_child - 1 if destination_child > source_row else destination_child
        order.insert(target, moved)
        self._items = [self._items[i] for i in order]
        self._problems = [self._problems[i] for i in order]
        self.endMoveRows()
        self.rows_reordered.emit(order)
        return True


@cache
def _warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


@cache
def _blank_icon() -> QIcon:
    # Rows without a warning keep the same indent as rows with one.
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


def setup_reorderable_view(view: QListView, model: ReorderableListModel, name: str) -> None:
    """Drag-and-drop moves within the list, Alt+Up/Down for the keyboard."""
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setUniformItemSizes(False)
    view.setIconSize(QSize(16, 16))
    view.setWordWrap(True)
    view.setSpacing(1)
    for key, delta in ((Qt.Key.Key_Up, -1), (Qt.Key.Key_Down, 1)):
        shortcut = QShortcut(QKeySequence(Qt.KeyboardModifier.AltModifier | key), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda d=delta: _move_current(view, model, d))


def _move_current(view: QListView, model: ReorderableListModel, delta: int) -> None:
    row = view.currentIndex().row()
    if row >= 0 and model.move(row, delta):
        view.setCurrentIndex(model.index(row + delta))


def error_label(name: str) -> QLabel:
    """A validation message shown next to its field (hidden when there is none)."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, messages: Sequence[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    return label


class VersionConflictDialog(QDialog):
    """Someone saved a newer version: both versions side by side, and a choice.

    ``choice`` is :data:`KEEP_MINE` (save mine over theirs), :data:`TAKE_THEIRS` (drop
    my edit, show theirs) or None (keep editing, nothing saved). Opened window-modal and
    non-blocking; ``finished`` tells when the person chose.
    """

    def __init__(self, message: str, mine: str, theirs: str | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("versionConflictDialog")
        self.setWindowTitle(self.tr("Someone else changed this"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.choice: str | None = None
        intro = QLabel(message)
        intro.setWordWrap(True)
        columns = QHBoxLayout()
        for title, text in (
            (self.tr("Your version (not saved)"), mine),
            (self.tr("Saved version"), theirs),
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            view = QPlainTextEdit(text if text is not None else self.tr("(deleted)"))
            view.setReadOnly(True)
            view.setAccessibleName(title)
            box.addWidget(view)
            columns.addLayout(box)
        buttons = QDialogButtonBox()
        self.keep_button = buttons.addButton(
            self.tr("Save mine anyway") if theirs is not None else self.tr("Save mine as new"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.take_button = buttons.addButton(
            self.tr("Take the saved version") if theirs is not None else self.tr("Discard mine"),
            QDialogButtonBox.ButtonRole.DestructiveRole,
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class DraftEditorBase(QWidget):
    """What both editors share: undo stack, dirty state, Save shortcut, close prompt, and
    saving in the background with the conflict dialog when someone saved a newer version.

    An editor holds ``detail`` (the saved version it started from, None for a new one;
    it has ``id``, ``updated_at``, ``can_edit`` and ``draft()``), ``_draft`` (what is
    shown), ``_saved`` (the draft as last saved), ``_editable``, and the widgets
    ``content``, ``status``, ``save_button`` and ``dirty_label``; it provides the hooks
    below the "for each editor" line.
    """

    dirty_changed = Signal(bool)
    #: What is edited, in words ("assessment"); in messages and the background op's label.
    NOUN = "item"
    #: How a conflict with a deleted version ends: "The … was deleted; …".
    DELETED_NOUN = "item"
    #: Messages naming what is edited, marked for translation in each editor's context
    #: (``self.tr`` finds them there: it looks up the class's own context first).
    CONFLICT_TEXT = QT_TRANSLATE_NOOP(
        "DraftEditorBase", "Not saved: someone else changed this item."
    )
    DELETED_TEXT = QT_TRANSLATE_NOOP(
        "DraftEditorBase", "The item was deleted; your changes were dropped."
    )
    #: The service's detail type (``theirs`` in an :class:`EditConflictError`).
    DETAIL_TYPE: type = object

    def __init__(self, session: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert session.backend is not None, "authoring needs a connection to the server"
        self.session = session
        self.uow = session.backend.uow
        self.actor = session.user
        self.undo_stack = QUndoStack(self)
        self._dirty = False
        self._busy = False
        self._close_approved = False
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.activated.connect(self.save)
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in redo_keys:  # DESIGN §7, on every platform
            redo_keys.append(QKeySequence("Ctrl+Shift+Z"))
        for keys, slot in (
            *(
                (k, self.undo_stack.undo)
                for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
            ),
            *((k, self.undo_stack.redo) for k in redo_keys),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _build_top_bar(
        self, title: str, *, name: str, read_only: str, extra: Sequence[QWidget] = ()
    ) -> QHBoxLayout:
        """The heading with the dirty mark, Undo / Redo, ``extra`` buttons and Save; and
        ``read_only_note`` (hidden) for people who may read but not change it."""
        self.heading = heading(title)
        self.heading.setObjectName(name)
        self.dirty_label = QLabel("")
        self.dirty_label.setObjectName("dirtyIndicator")
        self.undo_redo = UndoRedoActions(self.undo_stack, self, mnemonics=False)
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo_redo.undo)
        self.redo_button = QToolButton()
        self.redo_button.setDefaultAction(self.undo_redo.redo)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self._retranslate_save()
        self.save_button.clicked.connect(self._save_clicked)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.dirty_label)
        top.addStretch(1)
        for widget in (self.undo_button, self.redo_button, *extra, self.save_button):
            top.addWidget(widget)
        self.read_only_note = QLabel(read_only)
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.hide()
        return top

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        self.setWindowModified(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    @property
    def busy(self) -> bool:
        return self._busy

    def _run(
        self,
        label: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        block_edits: bool = False,
    ) -> None:
        """Run ``work`` on a worker thread; with ``block_edits`` the draft is frozen meanwhile
        (a save must not lose what is typed while it runs)."""
        focus = QApplication.focusWidget()
        self._set_busy(True, block_edits=block_edits)

        def settle() -> None:
            self._set_busy(False, block_edits=block_edits)
            if block_edits and focus is not None and self.isAncestorOf(focus):
                focus.setFocus()

        def finished(result: Any) -> None:
            settle()
            done(result)

        def failed(exc: BaseException) -> None:
            settle()
            self._failed(exc)

        BackgroundOp(work, label=label).on_success(finished).on_failure(failed).run(parent=self)

    def _set_busy(self, busy: bool, *, block_edits: bool = False) -> None:
        self._busy = busy
        if block_edits:
            self.content.setEnabled(not busy)
        self._refresh_dirty()

    def _undo_index_changed(self, _index: int) -> None:
        self._refresh_dirty()

    def _change(self, after: Any, text: str, merge_key: str | None = None) -> None:
        """Replace the draft by ``after`` as one undoable step (``merge_key``: typing in one
        field merges into one step)."""
        if after != self._draft:
            self.undo_stack.push(
                DraftCommand(self._show_draft, self._draft, after, text, merge_key)
            )

    # -- saving ----------------------------------------------------------------------------

    def _save_clicked(self) -> None:
        self.save()

    def save(self, *, after: Callable[[], None] | None = None) -> None:
        """Save the draft (in the background); ``after`` runs once it is saved."""
        if self._busy or not self._editable or not self._ready_to_save():
            return
        draft, detail = self._draft, self.detail
        expected = detail.updated_at if detail is not None else None
        work = self._save_work(draft, detail.id if detail is not None else None, expected)
        self.status.setText(self.tr("Saving…"))

        def saved(result: Any) -> None:
            self.detail = result
            self._adopt(result)
            self._saved = result.draft()
            # Same content, now with the ids of new rows; the undo history stays (the
            # service recreates what an undo brings back).
            self._show_draft(self._saved)
            self._set_editable(result.can_edit)
            self.status.setText(
                self.tr("Saved at {time}.").format(
                    time=f"{result.updated_at.astimezone():%H:%M:%S}"
                )
                if result.updated_at
                else self.tr("Saved.")
            )
            self._announce_saved(result)
            if after is not None:
                after()

        self._run(f"save {self.NOUN}", work, saved, block_edits=True)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, EditConflictError):
            self._resolve_conflict(exc)
            return
        self.status.setText(self._failure_text(exc))

    def _failure_text(self, exc: BaseException) -> str:
        return self.tr("Not saved: {error}").format(error=exc)

    def _resolve_conflict(self, conflict: EditConflictError) -> None:
        theirs = conflict.theirs if isinstance(conflict.theirs, self.DETAIL_TYPE) else None
        if theirs is not None:
            self._adopt(theirs)
        self.status.setText(self.tr(self.CONFLICT_TEXT))
        dialog = VersionConflictDialog(
            str(conflict),
            self._describe(self._draft),
            self._describe(theirs.draft()) if theirs is not None else None,
            self,
        )

        def chosen(_result: int) -> None:
            dialog.deleteLater()
            if dialog.choice == KEEP_MINE:
                # Build on their version: mine wins field by field, their ids are kept.
                self.detail = theirs
                self.save()
            elif dialog.choice == TAKE_THEIRS:
                if theirs is not None:
                    self._load(theirs, theirs.draft())
                    self.status.setText(
                        self.tr("Showing the saved version; your changes were dropped.")
                    )
                else:
                    self._saved = self._draft
                    self._set_dirty(False)
                    self.status.setText(self.tr(self.DELETED_TEXT))

        dialog.finished.connect(chosen)
        dialog.open()

    # -- unsaved changes -----------------------------------------------------------------

    def _retranslate_save(self) -> None:
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(
            self.tr("Save ({shortcut})").format(
                shortcut=QKeySequence(QKeySequence.StandardKey.Save).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )

    def retranslate(self) -> None:
        """Buttons after a language switch (editors add theirs); texts that show the
        draft follow the next time it is shown."""
        self._retranslate_save()
        self.undo_redo.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "save_button"):
            self.retranslate()
        super().changeEvent(event)

    def ask_unsaved(self, then: Callable[[], None], *, what: str) -> None:
        """With unsaved changes: Save / Discard / Cancel, then ``then()`` (not on Cancel)."""
        if not self._dirty:
            then()
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unsaved changes"),
            self.tr("{what} has unsaved changes.").format(what=what),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("unsavedChangesBox")
        box.setInformativeText(self.tr("Save them before you go on?"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(result: int) -> None:
            box.deleteLater()
            button = box.standardButton(box.clickedButton()) if box.clickedButton() else None
            if button == QMessageBox.StandardButton.Save:
                self.save(after=then)
            elif button == QMessageBox.StandardButton.Discard:
                self._set_dirty(False)
                then()

        box.finished.connect(answered)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._dirty or self._close_approved:
            event.accept()
            return
        event.ignore()

        def approved() -> None:
            self._close_approved = True
            self.close()

        self.ask_unsaved(approved, what=self._what())

    def _what(self) -> str:
        """What is being edited, for messages: "'Its title'" or "The new …"."""
        return self.tr("This")

    # -- for each editor ---------------------------------------------------------------------

    def _show_draft(self, draft: Any) -> None:  # pragma: no cover - overridden
        """Make every widget show ``draft`` (without echoing edits back as new changes)."""
        raise NotImplementedError

    def _load(self, detail: Any, draft: Any) -> None:  # pragma: no cover - overridden
        """Show ``detail`` (None: a new one) as ``draft``, with a fresh undo history."""
        raise NotImplementedError

    def _refresh_dirty(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _set_editable(self, editable: bool) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _ready_to_save(self) -> bool:  # pragma: no cover - overridden
        """True when the draft may be saved; else say why in the status line."""
        raise NotImplementedError

    def _save_work(
        self, draft: Any, row_id: uuid.UUID | None, expected: dt.datetime | None
    ) -> Callable[[], Any]:  # pragma: no cover - overridden
        """The service call that saves ``draft`` (run on a worker thread)."""
        raise NotImplementedError

    def _describe(self, draft: Any) -> str:  # pragma: no cover - overridden
        """A draft in words, for the conflict dialog."""
        raise NotImplementedError

    def _adopt(self, detail: Any) -> None:
        """Learn from a version from the server before it is shown (default: nothing)."""

    def _announce_saved(self, detail: Any) -> None:  # pragma: no cover - overridden
        """After a save is shown: tell the rest of the app (signals)."""
        raise NotImplementedError
