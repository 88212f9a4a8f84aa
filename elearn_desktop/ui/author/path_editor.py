"""The learning-path editor: title, description, thumbnail, status and ordered steps.

Steps point at a course or an assessment, added through :class:`StepPickerDialog` (search
over titles), reordered by drag-and-drop or Alt+Up/Down, removed with the Remove button
or the Delete key. A step whose course or assessment was deleted, or whose course is
archived, carries a warning mark and says why. Same pattern as the assessment editor:
one immutable draft, an undo stack, Save (Ctrl+S) in the background with a conflict
dialog on a newer version, and a prompt before unsaved changes are lost — all from
:class:`~elearn_desktop.ui.author.draft_editor.DraftEditorBase`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services import path_authoring
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.path_authoring import (
    ASSESSMENT,
    COURSE,
    PATH_STATUSES,
    PathDetail,
    PathDraft,
    StepDraft,
    StepTarget,
    path_problems,
)
from elearn_desktop.ui.author.courses_page import status_word
from elearn_desktop.ui.author.draft_editor import (
    DraftEditorBase,
    ReorderableListModel,
    error_label,
    setup_reorderable_view,
    show_error,
)
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

_Index = QModelIndex | QPersistentModelIndex
#: A picker row's StepTarget.
TargetRole = Qt.ItemDataRole.UserRole + 30
KIND_WORDS = {
    COURSE: QT_TRANSLATE_NOOP("PathEditor", "Course"),
    ASSESSMENT: QT_TRANSLATE_NOOP("PathEditor", "Assessment"),
}
THUMBNAIL_SIZE = (192, 108)


@dataclass(frozen=True, slots=True)
class StepRow:
    """A step as the list shows it: the draft plus what it points at."""

    step: StepDraft
    title: str | None
    problem: str | None


def _step_line(row: int, item: StepRow) -> str:
    kind = QCoreApplication.translate(
        "PathEditor", KIND_WORDS.get(item.step.entity_type, item.step.entity_type)
    )
    gone = (
        QCoreApplication.translate("PathEditor", "(a course that no longer exists)")
        if item.step.entity_type == COURSE
        else QCoreApplication.translate("PathEditor", "(an assessment that no longer exists)")
    )
    title = item.title or gone
    line = f"{row + 1}. {title}\n{kind}"
    return f"{line} · ⚠ {item.problem}" if item.problem else line


def _step_icon(item: StepRow) -> QIcon:
    return icon("course" if item.step.entity_type == COURSE else "assessment")


class StepListModel(ReorderableListModel):
    """The path's steps, in order; flagged ones carry their problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_step_line, parent, decorate=_step_icon)


class StepTargetModel(QAbstractListModel):
    """Search results of the step picker; items already in the path are disabled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._targets: list[StepTarget] = []
        self._taken: set[tuple[str, uuid.UUID]] = set()

    def set_targets(self, targets: Sequence[StepTarget], taken: set[tuple[str, uuid.UUID]]) -> None:
        self.beginResetModel()
        self._targets, self._taken = list(targets), set(taken)
        self.endResetModel()

    def target(self, row: int) -> StepTarget:
        return self._targets[row]

    def _is_taken(self, target: StepTarget) -> bool:
        return (target.entity_type, target.entity_id) in self._taken

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._targets)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._targets):
            return None
        target = self._targets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            taken = " · " + self.tr("already in this path") if self._is_taken(target) else ""
            return f"{target.title}\n{target.detail}{taken}"
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("course" if target.entity_type == COURSE else "assessment")
        if role == Qt.ItemDataRole.ToolTipRole:
            return target.detail
        if role == TargetRole:
            return target
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._is_taken(self._targets[index.row()]):
            return Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class StepPickerDialog(QDialog):
    """Find courses and assessments by title and add them as steps."""

    #: The chosen StepTargets, in list order.
    targets_chosen = Signal(list)

    def __init__(
        self, editor: PathEditor, taken: set[tuple[str, uuid.UUID]], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stepPickerDialog")
        self.setWindowTitle(self.tr("Add steps"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._editor = editor
        self._taken = taken
        self._query = 0
        self.search = QLineEdit()
        self.search.setObjectName("stepSearch")
        self.search.setPlaceholderText(self.tr("Search courses and assessments by title…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Show"))
        self.kind_combo.addItem(self.tr("Courses and assessments"), (COURSE, ASSESSMENT))
        self.kind_combo.addItem(self.tr("Courses"), (COURSE,))
        self.kind_combo.addItem(self.tr("Assessments"), (ASSESSMENT,))
        self.model = StepTargetModel(self)
        self.results = QListView()
        self.results.setObjectName("stepResults")
        self.results.setAccessibleName(self.tr("Results"))
        self.results.setModel(self.model)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.setSpacing(2)
        self.results.doubleClicked.connect(self._double_clicked)
        self.status = QLabel(self.tr("Searching…"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add"))
        self.add_button.setEnabled(False)
        self.buttons.accepted.connect(self._add_selected)
        self.buttons.rejected.connect(self.reject)
        self.results.selectionModel().selectionChanged.connect(self._selection_changed)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._debounce.start)
        self.kind_combo.currentIndexChanged.connect(self.run_search)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(520, 440)
        self.run_search()

    def run_search(self) -> None:
        self._query += 1
        query, text = self._query, self.search.text()
        kinds = self.kind_combo.currentData()
        uow, actor = self._editor.uow, self._editor.actor

        def work() -> list[StepTarget]:
            return path_authoring.search_step_targets(uow, actor=actor, text=text, kinds=kinds)

        def found(targets: list[StepTarget]) -> None:
            if query != self._query:  # an older search finishing late
                return
            self.model.set_targets(targets, self._taken)
            free = sum(1 for t in targets if (t.entity_type, t.entity_id) not in self._taken)
            self.status.setText(
                self.tr("{count} found").format(count=len(targets))
                + (self.tr(", {count} to add").format(count=free) if free != len(targets) else "")
                if targets
                else self.tr("Nothing matches.")
            )
            self._selection_changed()

        BackgroundOp(work, label="search step targets").on_success(found).on_failure(
            lambda exc: self.status.setText(self.tr("Could not search: {exc}").format(exc=exc))
        ).run(parent=self)

    def _selection_changed(self, *_args: object) -> None:
        self.add_button.setEnabled(bool(self.results.selectionModel().selectedRows()))

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.flags(index) & Qt.ItemFlag.ItemIsEnabled:
            self.results.selectionModel().select(
                index, self.results.selectionModel().SelectionFlag.ClearAndSelect
            )
            self._add_selected()

    def _add_selected(self) -> None:
        rows = sorted(i.row() for i in self.results.selectionModel().selectedRows())
        if rows:
            self.targets_chosen.emit([self.model.target(r) for r in rows])
            self.accept()


class PathEditor(DraftEditorBase):
    """Edit one learning path; ``open_path(None)`` starts a new one."""

    #: The version shown changed (loaded, saved or taken from a conflict): PathDetail.
    path_changed = Signal(object)
    #: A save went through: the saved PathDetail.
    path_saved = Signal(object)
    NOUN = "learning path"
    DELETED_NOUN = "path"
    CONFLICT_TEXT = QT_TRANSLATE_NOOP(
        "PathEditor", "Not saved: someone else changed this learning path."
    )
    DELETED_TEXT = QT_TRANSLATE_NOOP(
        "PathEditor", "The path was deleted; your changes were dropped."
    )
    DETAIL_TYPE = PathDetail

    def __init__(self, session: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("pathEditor")
        self.detail: PathDetail | None = None
        self._draft = PathDraft(title="")
        self._saved = self._draft
        self._targets: dict[tuple[str, uuid.UUID], tuple[str | None, str | None]] = {}
        self._editable = False
        self._picker: StepPickerDialog | None = None
        self._preview_for: str | None = None
        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self._load_preview)
        self._build()
        self._show_draft(self._draft)
        self._set_editable(False)
        self.status.setText(self.tr("Open a learning path, or start a new one."))

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        top = self._build_top_bar(
            self.tr("Learning path"),
            name="pathHeading",
            read_only=self.tr(
                "You can read this learning path; only its author or an admin may change it."
            ),
        )

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Become a data analyst"))
        self.title_edit.textEdited.connect(self._title_edited)
        self.title_error = error_label("titleError")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.description_edit.textChanged.connect(self._description_edited)
        self.thumbnail_edit = QLineEdit()
        self.thumbnail_edit.setObjectName("thumbnailEdit")
        self.thumbnail_edit.setAccessibleName(self.tr("Thumbnail image file or web address"))
        self.thumbnail_edit.setPlaceholderText(self.tr("An image file, or an https:// address"))
        self.thumbnail_edit.textEdited.connect(self._thumbnail_edited)
        self.thumbnail_button = QPushButton(self.tr("Choose image…"))
        self.thumbnail_button.clicked.connect(self._choose_thumbnail)
        self.thumbnail_preview = QLabel(self.tr("No image"))
        self.thumbnail_preview.setObjectName("thumbnailPreview")
        self.thumbnail_preview.setFixedSize(*THUMBNAIL_SIZE)
        self.thumbnail_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.thumbnail_preview.setWordWrap(True)
        self.thumbnail_error = error_label("thumbnailError")
        thumbnail_row = QHBoxLayout()
        thumbnail_row.addWidget(self.thumbnail_edit, 1)
        thumbnail_row.addWidget(self.thumbnail_button)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status in PATH_STATUSES:
            self.status_combo.addItem(status_word(status), status)
        self.status_combo.activated.connect(self._status_chosen)
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow("", self.title_error)
        form.addRow(self.tr("&Description"), self.description_edit)
        thumbnail_label = QLabel(self.tr("T&humbnail"))
        thumbnail_label.setBuddy(self.thumbnail_edit)
        form.addRow(thumbnail_label, thumbnail_row)
        form.addRow("", self.thumbnail_error)
        form.addRow("", self.thumbnail_preview)
        form.addRow(self.tr("&Status"), self.status_combo)

        self.step_model = StepListModel(self)
        self.step_model.rows_reordered.connect(self._steps_reordered)
        self.step_list = QListView()
        self.step_list.setObjectName("stepList")
        setup_reorderable_view(self.step_list, self.step_model, self.tr("Steps"))
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.step_list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_current_step)
        self.add_step_button = QPushButton(self.tr("Add steps…"))
        self.add_step_button.setObjectName("addStepButton")
        self.add_step_button.clicked.connect(self.open_picker)
        self.remove_step_button = QPushButton(self.tr("Remove"))
        self.remove_step_button.setObjectName("removeStepButton")
        self.remove_step_button.clicked.connect(self.remove_current_step)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_step_button)
        buttons.addWidget(self.remove_step_button)
        buttons.addStretch(1)
        self.flag_label = QLabel("")
        self.flag_label.setObjectName("flaggedSteps")
        self.flag_label.setWordWrap(True)
        self.flag_label.setStyleSheet("color: #b26a00;")
        self.steps_error = error_label("stepsError")
        hint = QLabel(self.tr("Drag to reorder, or Alt+↑ / Alt+↓; Delete removes."))
        hint.setEnabled(False)
        steps = QWidget()
        steps_layout = QVBoxLayout(steps)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        steps_layout.addWidget(QLabel(self.tr("<b>Steps</b>")))
        steps_layout.addWidget(self.step_list, 1)
        steps_layout.addWidget(hint)
        steps_layout.addWidget(self.flag_label)
        steps_layout.addWidget(self.steps_error)
        steps_layout.addLayout(buttons)

        self.content = QWidget()
        content = QHBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(form)
        fields_layout.addStretch(1)
        content.addWidget(fields, 1)
        content.addWidget(steps, 1)
        self.status = QLabel("")
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.content, 1)
        layout.addWidget(self.status)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)

    # -- opening ---------------------------------------------------------------------------

    def open_path(self, path_id: uuid.UUID | None) -> None:
        """Show a learning path (None: a new one), asking first about unsaved changes."""
        self.ask_unsaved(lambda: self._open(path_id), what=self._what())

    def _what(self) -> str:
        title = self._draft.title.strip()
        return f"'{title}'" if title else self.tr("The new learning path")

    def _open(self, path_id: uuid.UUID | None) -> None:
        if path_id is None:
            self._load(None, PathDraft(title=""))
            self.status.setText(
                self.tr("A new learning path: give it a title and steps, then save.")
            )
            self.title_edit.setFocus()
            return
        self.status.setText(self.tr("Loading…"))
        uow, actor = self.uow, self.actor
        self._run(
            "load path",
            lambda: path_authoring.get_path(uow, path_id=path_id, actor=actor),
            self._loaded,
        )

    def _loaded(self, detail: PathDetail) -> None:
        self._load(detail, detail.draft())

    def _load(self, detail: PathDetail | None, draft: PathDraft) -> None:
        self.detail = detail
        if detail is not None:
            self._adopt(detail)
        self._saved = draft if detail is not None else PathDraft(title="")
        self.undo_stack.clear()
        self._show_draft(draft)
        self._set_editable(detail is None or detail.can_edit)
        if detail is not None and detail.updated_at is not None:
            self.status.setText(
                self.tr("Last saved {time}.").format(
                    time=f"{detail.updated_at.astimezone():%Y-%m-%d %H:%M}"
                )
            )
        self.path_changed.emit(detail)

    def retranslate(self) -> None:
        super().retranslate()
        self.thumbnail_button.setText(self.tr("Choose image…"))
        self.add_step_button.setText(self.tr("Add steps…"))
        self.remove_step_button.setText(self.tr("Remove"))

    # -- the draft -------------------------------------------------------------------------

    @property
    def draft(self) -> PathDraft:
        return self._draft

    def _rows(self, draft: PathDraft) -> list[StepRow]:
        rows = []
        for step in draft.steps:
            title, problem = self._targets.get((step.entity_type, step.entity_id), (None, None))
            rows.append(StepRow(step, title, problem))
        return rows

    def _show_draft(self, draft: PathDraft) -> None:
        self._draft = draft
        widgets = (self.title_edit, self.description_edit, self.thumbnail_edit, self.status_combo)
        for widget in widgets:
            widget.blockSignals(True)
        if self.title_edit.text() != draft.title:
            self.title_edit.setText(draft.title)
        if self.description_edit.toPlainText() != (draft.description or ""):
            self.description_edit.setPlainText(draft.description or "")
        thumbnail = draft.thumbnail_url or ""
        if self.thumbnail_edit.text() != thumbnail:
            self.thumbnail_edit.setText(thumbnail)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(draft.status)))
        for widget in widgets:
            widget.blockSignals(False)
        current = self.step_list.currentIndex().row()
        rows = self._rows(draft)
        self.step_model.set_items(rows, [[r.problem] if r.problem else [] for r in rows])
        if rows and not self.step_list.currentIndex().isValid():
            self.step_list.setCurrentIndex(
                self.step_model.index(min(max(current, 0), len(rows) - 1))
            )
        problems = path_problems(draft)
        for field, label in (
            ("title", self.title_error),
            ("thumbnail_url", self.thumbnail_error),
            ("steps", self.steps_error),
        ):
            show_error(label, [p.message for p in problems if p.field == field])
        flagged = [
            self.tr("Step {number}: {problem}").format(number=i + 1, problem=r.problem)
            for i, r in enumerate(rows)
            if r.problem
        ]
        self.flag_label.setText(
            "⚠ "
            + self.tr("%n step(s) need attention:", "", len(flagged))
            + "\n"
            + "\n".join(flagged)
            if flagged
            else ""
        )
        self.flag_label.setVisible(bool(flagged))
        title = draft.title.strip() or (
            self.tr("Untitled learning path")
            if self.detail is not None
            else self.tr("New learning path")
        )
        self.heading.setText(title)
        self.setWindowTitle(f"{title}[*]")
        if thumbnail != self._preview_for:
            self._preview_for = thumbnail
            self._preview_timer.start()  # not on every keystroke
        self._refresh_dirty()

    def _refresh_dirty(self) -> None:
        def plain(d: PathDraft) -> PathDraft:
            return replace(d, steps=tuple(replace(s, id=None) for s in d.steps))

        dirty = plain(self._draft) != plain(self._saved) or (self.detail is None and self._editable)
        self._set_dirty(dirty)
        self.dirty_label.setText(self.tr("● Unsaved changes") if dirty else "")
        self.save_button.setEnabled(self._editable and dirty and not self._busy)
        self.remove_step_button.setEnabled(self._editable and bool(self._draft.steps))

    def _set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.read_only_note.setVisible(self.detail is not None and not editable)
        for widget in (
            self.title_edit,
            self.description_edit,
            self.thumbnail_edit,
            self.thumbnail_button,
            self.status_combo,
            self.add_step_button,
        ):
            widget.setEnabled(editable)
        self.step_model.set_movable(editable)
        self._refresh_dirty()

    # -- edits -------------------------------------------------------------------------------

    def _title_edited(self, text: str) -> None:
        self._change(replace(self._draft, title=text), self.tr("Edit title"), "title")

    def _description_edited(self) -> None:
        text = self.description_edit.toPlainText()
        self._change(
            replace(self._draft, description=text or None),
            self.tr("Edit description"),
            "description",
        )

    def _thumbnail_edited(self, text: str) -> None:
        self._change(
            replace(self._draft, thumbnail_url=text or None), self.tr("Change thumbnail"), "thumb"
        )

    def _status_chosen(self, index: int) -> None:
        status = self.status_combo.itemData(index)
        self._change(
            replace(self._draft, status=status),
            self.tr("Make it {status}").format(status=self.status_combo.itemText(index)),
        )

    def _steps_reordered(self, order: list[int]) -> None:
        steps = tuple(self._draft.steps[i] for i in order)
        self._change(replace(self._draft, steps=steps), self.tr("Move step"))

    def remove_current_step(self) -> None:
        row = self.step_list.currentIndex().row()
        if not self._editable or not 0 <= row < len(self._draft.steps):
            return
        steps = tuple(s for i, s in enumerate(self._draft.steps) if i != row)
        self._change(replace(self._draft, steps=steps), self.tr("Remove step"))
        if steps:
            self.step_list.setCurrentIndex(self.step_model.index(min(row, len(steps) - 1)))

    def open_picker(self) -> None:
        if not self._editable:
            return
        taken = {(s.entity_type, s.entity_id) for s in self._draft.steps}
        self._picker = StepPickerDialog(self, taken, self)
        self._picker.targets_chosen.connect(self.add_steps)
        self._picker.finished.connect(self._picker_closed)
        self._picker.open()

    def _picker_closed(self, _result: int) -> None:
        if self._picker is not None:
            self._picker.deleteLater()
            self._picker = None

    def add_steps(self, targets: list[StepTarget]) -> None:
        """Add ``targets`` after the current step (at the end when none is current)."""
        taken = {(s.entity_type, s.entity_id) for s in self._draft.steps}
        new = [t for t in targets if (t.entity_type, t.entity_id) not in taken]
        if not new:
            return
        for t in new:
            self._targets[(t.entity_type, t.entity_id)] = (t.title, None)
        row = self.step_list.currentIndex().row()
        at = row + 1 if row >= 0 else len(self._draft.steps)
        steps = list(self._draft.steps)
        steps[at:at] = [StepDraft(t.entity_type, t.entity_id) for t in new]
        self._change(
            replace(self._draft, steps=tuple(steps)), self.tr("Add %n step(s)", "", len(new))
        )
        self.step_list.setCurrentIndex(self.step_model.index(at + len(new) - 1))

    # -- thumbnail ---------------------------------------------------------------------------

    def _choose_thumbnail(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a thumbnail image"))
        dialog.setObjectName("thumbnailFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.svg)"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)

        def chosen(result: int) -> None:
            files = dialog.selectedFiles()
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and files:
                self.thumbnail_edit.setText(files[0])
                self._thumbnail_edited(files[0])

        dialog.finished.connect(chosen)
        dialog.open()

    def _load_preview(self) -> None:
        """Show a local image small (decoded off the GUI thread); web images by name."""
        location = self._preview_for or ""
        path = Path(location).expanduser()
        if not location:
            self.thumbnail_preview.setPixmap(QPixmap())
            self.thumbnail_preview.setText(self.tr("No image"))
            return
        if location.startswith(("http://", "https://")):
            self.thumbnail_preview.setPixmap(QPixmap())
            self.thumbnail_preview.setText(self.tr("A web image (shown in the catalog)"))
            return
        width, height = THUMBNAIL_SIZE

        def work() -> QImage | None:
            image = QImage(str(path))
            if image.isNull():
                return None
            return image.scaled(
                width,
                height,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )

        def shown(image: QImage | None) -> None:
            if self._preview_for != location:
                return
            if image is None:
                self.thumbnail_preview.setPixmap(QPixmap())
                self.thumbnail_preview.setText(self.tr("Not an image this app can show"))
            else:
                self.thumbnail_preview.setPixmap(QPixmap.fromImage(image))

        BackgroundOp(work, label="thumbnail preview").on_success(shown).run(parent=self)

    # -- saving ----------------------------------------------------------------------------

    def _ready_to_save(self) -> bool:
        problems = path_problems(self._draft)
        if problems:
            self.status.setText(self.tr("Not saved: {message}").format(message=problems[0].message))
        return not problems

    def _save_work(
        self, draft: PathDraft, row_id: uuid.UUID | None, expected: dt.datetime | None
    ) -> Callable[[], PathDetail]:
        uow, actor = self.uow, self.actor
        return lambda: path_authoring.save_path(
            uow, draft=draft, actor=actor, path_id=row_id, expected_updated_at=expected
        )

    def _adopt(self, detail: PathDetail) -> None:
        """What the saved version says of its steps' targets (titles, problems)."""
        self._targets.update(
            {(s.entity_type, s.entity_id): (s.title, s.problem) for s in detail.steps}
        )

    def _announce_saved(self, detail: PathDetail) -> None:
        self.path_saved.emit(detail)
        self.path_changed.emit(detail)

    def _describe(self, draft: PathDraft) -> str:
        lines = [
            self.tr("Title: {title}").format(title=draft.title),
            self.tr("Status: {status}").format(status=status_word(draft.status)),
            self.tr("Thumbnail: {address}").format(address=draft.thumbnail_url or "—"),
            self.tr("Description: {description}").format(description=draft.description or "—"),
            "",
        ]
        lines += [_step_line(i, r).replace("\n", " — ") for i, r in enumerate(self._rows(draft))]
        return "\n".join(lines)
