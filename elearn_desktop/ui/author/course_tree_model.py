"""The course tree of the editor: course → modules → lessons, as a custom item model.

A thin adapter over :class:`~elearn_desktop.services.authoring.CourseDraft`: ``data()``
reads the cached draft, never the database.

Lessons load lazily, per module (issue #8): a module whose draft comes without its lessons
(``lessons_loaded`` False) has no rows yet; ``canFetchMore`` says so, and ``fetchMore`` —
which the view calls on expanding it — emits ``fetch_requested``; the editor fetches the
lessons off the GUI thread and hands them to :meth:`CourseTreeModel.set_module`.

When a command's result arrives, :meth:`CourseTreeModel.set_course` applies the new draft
as a diff (rows inserted, removed, moved, changed), so selection, expansion and scroll
position survive every edit.

Editing goes out as signals, not as writes: an inline rename (``setData``) emits
``rename_requested`` and a drop (``dropMimeData``, custom MIME type) emits
``moves_requested``; the editor turns both into undo commands.

Indexes carry an integer key (``internalId``) looked up in a dict, so a stale index never
points at a freed Python object.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from elearn_desktop.services.authoring import CourseDraft, LessonDraft, ModuleDraft
from elearn_desktop.ui.author.courses_page import status_word
from elearn_desktop.ui.models import minutes_text
from elearn_desktop.ui.resources import icon

COURSE = "course"
MODULE = "module"
LESSON = "lesson"

#: The node's kind: 'course', 'module' or 'lesson'.
NodeKindRole = Qt.ItemDataRole.UserRole + 1
#: The node's id (a uuid.UUID).
NodeIdRole = Qt.ItemDataRole.UserRole + 2
#: The node's draft (CourseDraft, ModuleDraft or LessonDraft).
NodeDraftRole = Qt.ItemDataRole.UserRole + 3

MIME_TYPE = "application/x-elearn-course-nodes"
COLUMNS = (
    QT_TRANSLATE_NOOP("CourseTreeModel", "Title"),
    QT_TRANSLATE_NOOP("CourseTreeModel", "Details"),
    QT_TRANSLATE_NOOP("CourseTreeModel", "Duration"),
)
KIND_WORDS = {
    COURSE: QT_TRANSLATE_NOOP("CourseTreeModel", "Course"),
    MODULE: QT_TRANSLATE_NOOP("CourseTreeModel", "Module"),
    LESSON: QT_TRANSLATE_NOOP("CourseTreeModel", "Lesson"),
}
TITLE_COLUMN, VIDEO_COLUMN, DURATION_COLUMN = range(3)

_R = Qt.ItemDataRole
_DISPLAY, _EDIT, _DECORATION, _TOOLTIP = (
    int(_R.DisplayRole),
    int(_R.EditRole),
    int(_R.DecorationRole),
    int(_R.ToolTipRole),
)
_FONT, _FOREGROUND, _ALIGNMENT, _ACCESSIBLE = (
    int(_R.FontRole),
    int(_R.ForegroundRole),
    int(_R.TextAlignmentRole),
    int(_R.AccessibleTextRole),
)
_KIND, _ID, _DRAFT = int(NodeKindRole), int(NodeIdRole), int(NodeDraftRole)
_ANSWERED_ROLES = frozenset(
    (_DISPLAY, _EDIT, _DECORATION, _TOOLTIP, _FONT, _FOREGROUND, _ALIGNMENT, _ACCESSIBLE, _KIND)
) | {_ID, _DRAFT}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

#: A move's index meaning "after the last" (the services clamp it).
AT_END = 2**31 - 1

_Index = QModelIndex | QPersistentModelIndex
Draft = CourseDraft | ModuleDraft | LessonDraft


@dataclass(frozen=True, slots=True)
class MoveRequest:
    """Move ``node_id`` (a module or lesson) to ``index`` of ``parent_id`` (after the move)."""

    kind: str
    node_id: uuid.UUID
    parent_id: uuid.UUID
    index: int


@dataclass(eq=False, slots=True)
class _Node:
    key: int
    kind: str
    draft: Draft
    parent: _Node | None
    row: int = 0
    children: list[_Node] = field(default_factory=list)
    #: False for a module whose lessons are not loaded yet (it has no child nodes then).
    loaded: bool = True

    @property
    def id(self) -> uuid.UUID:
        return self.draft.id


def _looks(draft: Draft) -> Any:
    """What of a draft its row shows: a change elsewhere (a module's lessons arriving, a
    lesson renamed inside it) repaints nothing."""
    if isinstance(draft, ModuleDraft):
        return (
            draft.title,
            draft.description,
            draft.order_index,
            draft.lesson_count,
            draft.minutes,
        )
    if isinstance(draft, CourseDraft):
        return (draft.title, draft.status, draft.slug, draft.duration_minutes)
    return draft


def _flags(kind: str, column: int, read_only: bool) -> Qt.ItemFlag:
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if kind == LESSON:
        flags |= Qt.ItemFlag.ItemNeverHasChildren
    if read_only:
        return flags
    if column == TITLE_COLUMN:
        flags |= Qt.ItemFlag.ItemIsEditable
    if kind != COURSE:
        flags |= Qt.ItemFlag.ItemIsDragEnabled
    # Lessons take drops too: dropping on a lesson puts the dragged lessons before it.
    return flags | Qt.ItemFlag.ItemIsDropEnabled


#: ``flags()`` by (kind, column, read-only): the view asks thousands of times per expand,
#: and combining enum flags in Python is slow.
_FLAGS = {
    (kind, column, read_only): _flags(kind, column, read_only)
    for kind in (COURSE, MODULE, LESSON)
    for column in range(len(COLUMNS))
    for read_only in (False, True)
}


def _kind_of(draft: Draft) -> str:
    if isinstance(draft, CourseDraft):
        return COURSE
    return MODULE if isinstance(draft, ModuleDraft) else LESSON


class CourseTreeModel(QAbstractItemModel):
    rename_requested = Signal(str, object, str, str)  # kind, node id, old title, new title
    moves_requested = Signal(list)  # [MoveRequest, ...]
    fetch_requested = Signal(object)  # module id: load its lessons (lazy loading)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: dict[int, _Node] = {}
        self._by_id: dict[uuid.UUID, _Node] = {}
        self._root: _Node | None = None  # the course node (the one top-level row)
        self._next_key = 1
        self._fetching: set[uuid.UUID] = set()  # modules whose lessons were asked for
        self._bold = QFont()
        self._bold.setBold(True)
        self.read_only = False

    # -- content ---------------------------------------------------------------------------

    @property
    def course(self) -> CourseDraft | None:
        return self._root.draft if self._root is not None else None  # type: ignore[return-value]

    def set_course(self, course: CourseDraft | None) -> None:
        """Show ``course``: a diff against what is shown when it is the same course."""
        if course is None or self._root is None or self._root.id != course.id:
            self.beginResetModel()
            self._nodes.clear()
            self._by_id.clear()
            self._fetching.clear()
            self._root = self._build(course, None, 0) if course is not None else None
            self.endResetModel()
            return
        self._update(self._root, course)
        self._sync_children(self._root, list(course.modules))
        for module_node, module in zip(self._root.children, course.modules, strict=True):
            self._sync_lessons(module_node, module)

    def set_module(self, module: ModuleDraft) -> None:
        """Show a module fetched with its lessons (the rest of the course is unchanged)."""
        node = self._by_id.get(module.id)
        self._fetching.discard(module.id)
        if self._root is None or node is None or node.kind != MODULE:
            return  # deleted meanwhile, or another course
        course = self._root.draft
        assert isinstance(course, CourseDraft)
        modules = list(course.modules)  # in the order of the root's rows
        modules[node.row] = module
        self._root.draft = replace(course, modules=tuple(modules))
        self._update(node, module)
        self._sync_lessons(node, module)

    def fetch_failed(self, module_id: uuid.UUID) -> None:
        """The fetch of a module's lessons failed: expanding it again asks again."""
        self._fetching.discard(module_id)

    def is_loaded(self, module_id: uuid.UUID) -> bool:
        node = self._by_id.get(module_id)
        return node is not None and node.loaded

    def _sync_lessons(self, node: _Node, module: ModuleDraft) -> None:
        if module.lessons_loaded and node.loaded:
            self._sync_children(node, list(module.lessons))
            return
        index = self._index_of(node)
        if module.lessons_loaded:  # arrived: all rows at once
            node.loaded = True
            self._fetching.discard(module.id)
            if module.lessons:
                self.beginInsertRows(index, 0, len(module.lessons) - 1)
                node.children = [self._build(x, node, i) for i, x in enumerate(module.lessons)]
                self.endInsertRows()
        elif node.loaded:  # not expected (loaded modules stay loaded), but stay truthful
            if node.children:
                self.beginRemoveRows(index, 0, len(node.children) - 1)
                gone, node.children = node.children, []
                for child in gone:
                    self._forget(child)
                self.endRemoveRows()
            node.loaded = False

    def _build(self, draft: Draft, parent: _Node | None, row: int) -> _Node:
        node = _Node(self._next_key, _kind_of(draft), draft, parent, row)
        self._next_key += 1
        self._nodes[node.key] = node
        self._by_id[node.id] = node
        children: Sequence[Draft] = ()
        if isinstance(draft, CourseDraft):
            children = draft.modules
        elif isinstance(draft, ModuleDraft):
            children = draft.lessons
            node.loaded = draft.lessons_loaded
        node.children = [self._build(child, node, i) for i, child in enumerate(children)]
        return node

    def _forget(self, node: _Node) -> None:
        for child in node.children:
            self._forget(child)
        self._nodes.pop(node.key, None)
        if self._by_id.get(node.id) is node:
            del self._by_id[node.id]

    def _update(self, node: _Node, draft: Draft, changed: list[_Node] | None = None) -> None:
        """Replace the node's draft; repaint its row if what it shows changed (now, or
        later with the others in ``changed``: one signal for many rows)."""
        if node.draft is draft:
            return
        old, node.draft = node.draft, draft
        if _looks(old) != _looks(draft):
            if changed is not None:
                changed.append(node)
            else:
                self._changed([node])

    def _changed(self, nodes: list[_Node]) -> None:
        """One ``dataChanged`` over the rows of ``nodes`` (siblings, all still shown)."""
        if not nodes:
            return
        parent = nodes[0].parent
        if parent is None:
            first = last = nodes[0]
        else:
            rows = [n.row for n in nodes]
            first, last = parent.children[min(rows)], parent.children[max(rows)]
        self.dataChanged.emit(self._index_of(first), self._index_of(last, len(COLUMNS) - 1))

    def _sync_children(self, parent: _Node, drafts: list[Draft]) -> None:
        changed: list[_Node] = []
        self._sync_rows(parent, drafts, changed)
        self._changed(changed)

    def _sync_rows(self, parent: _Node, drafts: list[Draft], changed: list[_Node]) -> None:
        parent_index = self._index_of(parent)
        wanted = {d.id for d in drafts}
        for row in range(len(parent.children) - 1, -1, -1):
            if parent.children[row].id not in wanted:
                self.beginRemoveRows(parent_index, row, row)
                gone = parent.children.pop(row)
                self._renumber(parent)
                self._forget(gone)
                self.endRemoveRows()
        for row, draft in enumerate(drafts):
            current = parent.children[row] if row < len(parent.children) else None
            if current is not None and current.id == draft.id:
                self._update(current, draft, changed)
                continue
            found = next(
                (
                    j
                    for j in range(row + 1, len(parent.children))
                    if parent.children[j].id == draft.id
                ),
                None,
            )
            if found is not None:
                self.beginMoveRows(parent_index, found, found, parent_index, row)
                parent.children.insert(row, parent.children.pop(found))
                self._renumber(parent)
                self.endMoveRows()
                self._update(parent.children[row], draft, changed)
            else:
                stale = self._by_id.get(draft.id)
                if stale is not None:  # moved here from another parent: removed there later
                    self._detach(stale)
                self.beginInsertRows(parent_index, row, row)
                parent.children.insert(row, self._build(draft, parent, row))
                self._renumber(parent)
                self.endInsertRows()

    def _detach(self, node: _Node) -> None:
        parent = node.parent
        if parent is None:
            return
        self.beginRemoveRows(self._index_of(parent), node.row, node.row)
        parent.children.pop(node.row)
        self._renumber(parent)
        self._forget(node)
        self.endRemoveRows()

    @staticmethod
    def _renumber(parent: _Node) -> None:
        for i, child in enumerate(parent.children):
            child.row = i

    # -- lookups ---------------------------------------------------------------------------

    def _node(self, index: _Index) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes.get(index.internalId())

    def _index_of(self, node: _Node, column: int = 0) -> QModelIndex:
        return self.createIndex(node.row, column, node.key)

    def index_of(self, node_id: uuid.UUID, column: int = 0) -> QModelIndex:
        node = self._by_id.get(node_id)
        return self._index_of(node, column) if node is not None else QModelIndex()

    def draft(self, index: _Index) -> Draft | None:
        node = self._node(index)
        return node.draft if node is not None else None

    def kind(self, index: _Index) -> str | None:
        node = self._node(index)
        return node.kind if node is not None else None

    def module_of(self, index: _Index) -> ModuleDraft | None:
        """The module at ``index``, or the module of the lesson at ``index``."""
        node = self._node(index)
        while node is not None and node.kind == LESSON:
            node = node.parent
        return node.draft if node is not None and node.kind == MODULE else None  # type: ignore[return-value]

    # -- Qt overrides: structure -----------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if self._root is None or row != 0:
                return QModelIndex()
            return self._index_of(self._root, column)
        node = self._node(parent)
        if node is None or parent.column() != 0 or row >= len(node.children):
            return QModelIndex()
        return self._index_of(node.children[row], column)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 1 if self._root is not None else 0
        if parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        node = self._node(parent)
        if node is not None and not node.loaded and parent.column() == 0:
            count = node.draft.lesson_count  # type: ignore[union-attr]
            return count is None or count > 0  # not counted yet: it may have lessons
        return self.rowCount(parent) > 0

    def canFetchMore(self, parent: _Index) -> bool:
        node = self._node(parent)
        return (
            node is not None
            and not node.loaded
            and parent.column() == 0
            and node.id not in self._fetching
            and self.hasChildren(parent)
        )

    def fetchMore(self, parent: _Index) -> None:
        """The view wants this module's rows (it was expanded): ask for its lessons."""
        node = self._node(parent)
        if node is None or node.loaded or node.id in self._fetching:
            return
        self._fetching.add(node.id)
        self.fetch_requested.emit(node.id)

    # -- Qt overrides: data ----------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks ~15 roles per cell on every paint: the ones with no answer here
        # end before anything else is looked up (ints: comparing enums costs more).
        role = int(role)
        if role not in _ANSWERED_ROLES:
            return None
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        draft = node.draft
        if role in (_DISPLAY, _EDIT):
            return self._text(node, column, edit=role == _EDIT)
        if role == _DECORATION:
            return icon(node.kind) if column == TITLE_COLUMN else None
        if role == _ALIGNMENT:
            return _RIGHT if column == DURATION_COLUMN else None
        if role == _FONT:
            return self._bold if node.kind == COURSE and column == TITLE_COLUMN else None
        if role == _FOREGROUND:
            if (
                column == VIDEO_COLUMN
                and isinstance(draft, LessonDraft)
                and draft.video is not None
                and not draft.video.ready
            ):
                return QBrush(QColor("#b26a00"))
            return None
        if role == _KIND:
            return node.kind
        if role == _ID:
            return node.id
        if role == _DRAFT:
            return draft
        if role == _TOOLTIP:
            return self._tooltip(node)
        if role == _ACCESSIBLE and column == TITLE_COLUMN:
            kind = self.tr(KIND_WORDS.get(node.kind, node.kind.capitalize()))
            return self.tr("{kind}: {title}").format(kind=kind, title=draft.title)
        return None

    def _text(self, node: _Node, column: int, *, edit: bool) -> str:
        draft = node.draft
        if column == TITLE_COLUMN:
            if edit or node.kind == COURSE:
                return draft.title
            return f"{node.row + 1}. {draft.title}"
        if column == VIDEO_COLUMN:
            if isinstance(draft, LessonDraft):
                if draft.video is None:
                    return self.tr("Text")
                if draft.video.ready:
                    return self.tr("Video")
                return self.tr("Video ({status})").format(status=draft.video.status)
            if isinstance(draft, CourseDraft):
                return status_word(draft.status)
            count = draft.lesson_count
            return "" if count is None else self.tr("%n lesson(s)", "", count)
        if column == DURATION_COLUMN:
            if isinstance(draft, LessonDraft):
                return minutes_text(draft.duration_minutes)
            if isinstance(draft, ModuleDraft):
                minutes = draft.minutes
                return "" if minutes is None else minutes_text(minutes)
            return minutes_text(draft.duration_minutes)
        return ""

    def _tooltip(self, node: _Node) -> str:
        draft = node.draft
        if isinstance(draft, LessonDraft):
            video = draft.video
            if video is None:
                return draft.title + "\n" + self.tr("No video: a text lesson.")
            return (
                draft.title
                + "\n"
                + self.tr("Video: {title} ({provider}, {status})").format(
                    title=video.title, provider=video.provider, status=video.status
                )
            )
        if isinstance(draft, ModuleDraft):
            if draft.lesson_count is None:
                return draft.title
            return draft.title + "\n" + self.tr("%n lesson(s)", "", draft.lesson_count)
        return f"{draft.title}\n{status_word(draft.status)} · /{draft.slug}"

    def sample_texts(self, column: int) -> list[str]:
        """The widest texts a row can show in ``column`` (Details, Duration), in the
        language shown: the editor sizes those columns from them, not from the rows."""
        if column == VIDEO_COLUMN:
            return [
                self.tr("Text"),
                self.tr("Video"),
                self.tr("Video ({status})").format(status="processing"),
                self.tr("%n lesson(s)", "", 9999),
                *(status_word(s) for s in ("draft", "published", "archived")),
            ]
        if column == DURATION_COLUMN:
            return [minutes_text(99 * 60 + 59)]
        return []

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return self.tr(COLUMNS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        node = self._node(index)
        if node is None:
            # Dropping on the empty area below the tree is not a move anywhere.
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS[node.kind, index.column(), self.read_only]

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self._node(index)
        if (
            node is None
            or self.read_only
            or role != Qt.ItemDataRole.EditRole
            or index.column() != TITLE_COLUMN
        ):
            return False
        new = str(value or "").strip()
        old = node.draft.title
        if not new or new == old:
            return False
        self.rename_requested.emit(node.kind, node.id, old, new)
        return True

    # -- drag and drop ---------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        seen: set[int] = set()
        nodes: list[_Node] = []
        for index in indexes:
            node = self._node(index)
            if node is not None and node.kind != COURSE and node.key not in seen:
                seen.add(node.key)
                nodes.append(node)
        nodes.sort(key=self._tree_order)
        payload = [{"kind": n.kind, "id": str(n.id)} for n in nodes]
        mime = QMimeData()
        mime.setData(MIME_TYPE, json.dumps(payload).encode())
        return mime

    def _tree_order(self, node: _Node) -> tuple[int, ...]:
        path: list[int] = []
        current: _Node | None = node
        while current is not None:
            path.append(current.row)
            current = current.parent
        return tuple(reversed(path))

    def _decode(self, data: QMimeData) -> list[_Node] | None:
        if self.read_only or not data.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
            nodes = [self._by_id.get(uuid.UUID(item["id"])) for item in payload]
        except (ValueError, KeyError, TypeError):
            return None
        if not nodes or any(n is None for n in nodes):
            return None
        kinds = {n.kind for n in nodes if n is not None}
        if len(kinds) != 1 or kinds & {COURSE}:
            return None
        return [n for n in nodes if n is not None]

    def _drop_target(
        self, nodes: list[_Node], row: int, parent: _Index
    ) -> tuple[_Node, int] | None:
        """Where the dropped nodes go: (new parent, row in its current children)."""
        target = self._node(parent)
        if target is None:
            return None
        kind = nodes[0].kind
        wanted_parent = COURSE if kind == MODULE else MODULE
        if target.kind == kind and row < 0:
            # Dropped onto a sibling: insert before it.
            if target.parent is None:
                return None
            return target.parent, target.row
        if target.kind != wanted_parent:
            return None
        if kind == LESSON and target.parent is not self._root:
            return None
        return target, (len(target.children) if row < 0 else min(row, len(target.children)))

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        if action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        nodes = self._decode(data)
        return nodes is not None and self._drop_target(nodes, row, parent) is not None

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        """Turn a drop into move requests; the rows change when the moves are saved.

        Returns True without removing anything: the view's follow-up ``removeRows`` of a
        move is refused (not implemented), so only the saved result reorders the rows.
        """
        if action == Qt.DropAction.IgnoreAction:
            return True
        nodes = self._decode(data)
        if nodes is None:
            return False
        target = self._drop_target(nodes, row, parent)
        if target is None:
            return False
        moves = self.plan_moves(nodes, target[0], target[1])
        if not moves:
            return False
        self.moves_requested.emit(moves)
        return True

    def plan_moves(self, nodes: list[_Node], parent: _Node, row: int) -> list[MoveRequest]:
        """Moves that put ``nodes`` (keeping their order) before ``row`` of ``parent``.

        The nodes go, last first, before an anchor — the first node at or after ``row`` that
        is not moving (or the end); each placed node is the next one's anchor. Each move's
        index is its place after the move, given the moves before it.
        """
        if not parent.loaded:
            # Its lessons are not loaded: each goes to the end, in order (the move loads
            # the module, see MoveLessonCommand).
            return [MoveRequest(n.kind, n.id, parent.id, AT_END) for n in nodes]
        moving = {n.key for n in nodes}
        current = [c.key for c in parent.children]
        anchor = next((k for k in current[row:] if k not in moving), None)
        moves: list[MoveRequest] = []
        for node in reversed(nodes):
            if node.key in current:
                current.remove(node.key)
            index = current.index(anchor) if anchor is not None else len(current)
            current.insert(index, node.key)
            anchor = node.key
            moves.append(MoveRequest(node.kind, node.id, parent.id, index))
        # Nothing to do when every node is already where it would go.
        originally = [c.key for c in parent.children]
        if current == originally and all(n.parent is parent for n in nodes):
            return []
        return moves  # to be run in this order (last node first)
