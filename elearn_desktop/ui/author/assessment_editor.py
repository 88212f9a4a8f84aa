"""The assessment editor: fields, questions (reorder by drag-and-drop or Alt+Up/Down) and
answer options with their correct flags, checked as you type and saved as one unit.

The editor holds one immutable :class:`AssessmentDraft`; every edit replaces it through a
:class:`DraftCommand` on the editor's undo stack (typing in one field merges into one
step). The Qt models are adapters over the draft's questions and the current question's
options. Save (Ctrl+S) runs on a worker thread; saving over a newer version opens the
:class:`VersionConflictDialog` with both versions. Closing, or opening another
assessment, with unsaved changes asks first.

The pieces the learning-path editor shares — the undo command, the reorderable list
model, the conflict dialog, saving and the unsaved-changes prompt — are in
:mod:`~elearn_desktop.ui.author.draft_editor`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QHideEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.assessment_rules import (
    TYPE_LABELS,
    AssessmentDraft,
    OptionDraft,
    Problem,
    QuestionDraft,
    convert_question,
    find_problems,
    new_question,
)
from elearn_desktop.domain.scoring import QUESTION_TYPES, SHORT_ANSWER, SINGLE_CHOICE, TRUE_FALSE
from elearn_desktop.services import assessment_authoring as authoring
from elearn_desktop.services import path_authoring
from elearn_desktop.services.assessment_authoring import AssessmentDetail
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui.author.courses_page import status_word
from elearn_desktop.ui.author.draft_editor import (
    DraftEditorBase,
    ReorderableListModel,
    error_label,
    setup_reorderable_view,
    show_error,
)

_Index = QModelIndex | QPersistentModelIndex
SPLITTER_KEY = "author/assessmentEditor/splitter"


# ============================================================================== the models


#: Question types as shown (the domain's TYPE_LABELS are English); translated when shown.
TYPE_WORDS = {
    SINGLE_CHOICE: QT_TRANSLATE_NOOP("AssessmentEditor", "Single choice"),
    "multiple_choice": QT_TRANSLATE_NOOP("AssessmentEditor", "Multiple choice"),
    TRUE_FALSE: QT_TRANSLATE_NOOP("AssessmentEditor", "True/false"),
    SHORT_ANSWER: QT_TRANSLATE_NOOP("AssessmentEditor", "Short answer"),
}


def type_word(kind: str) -> str:
    """A question type in the language shown ("single_choice" -> "Single choice")."""
    word = TYPE_WORDS.get(kind)
    if word is None:
        return TYPE_LABELS.get(kind, kind).capitalize()
    return QCoreApplication.translate("AssessmentEditor", word)


class QuestionListModel(ReorderableListModel):
    """The assessment's questions, in order, with their problems."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self._line, parent)

    def _line(self, row: int, question: QuestionDraft) -> str:
        text = " ".join(question.text.split()) or self.tr("(no text yet)")
        count = len(question.options)
        options = (
            self.tr("%n answer(s)", "", count)
            if question.type == SHORT_ANSWER
            else self.tr("%n option(s)", "", count)
        )
        return f"{row + 1}. {text}\n{type_word(question.type)} · {options}"


class OptionTableModel(QAbstractTableModel):
    """The current question's options: a Correct checkbox and the option's text.

    Edits are reported by ``option_edited(row, OptionDraft)`` after the model changed; the
    editor turns them into an undoable change (and unchecks the others for single choice).
    """

    option_edited = Signal(int, object)
    CORRECT, TEXT = 0, 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._options: list[OptionDraft] = []
        self._kind = SINGLE_CHOICE
        self._editable = True

    def set_question(self, question: QuestionDraft | None, *, editable: bool) -> None:
        options = list(question.options) if question is not None else []
        kind = question.type if question is not None else SINGLE_CHOICE
        if len(options) == len(self._options) and kind == self._kind:
            self._editable = editable
            if options != self._options:
                self._options = options
                self.dataChanged.emit(self.index(0, 0), self.index(len(options) - 1, 1))
            return
        self.beginResetModel()
        self._options, self._kind, self._editable = options, kind, editable
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._options)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._options):
            return None
        option = self._options[index.row()]
        if index.column() == self.CORRECT:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if option.is_correct else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Correct") if option.is_correct else self.tr("Not correct")
            return None
        if role == Qt.ItemDataRole.EditRole:
            return option.text
        if role == Qt.ItemDataRole.DisplayRole:
            return option.text or (self.tr("Type the text…") if self._editable else "")
        if role == Qt.ItemDataRole.ForegroundRole and not option.text:
            return QApplication.palette().placeholderText()
        if role == Qt.ItemDataRole.ToolTipRole:
            return option.text or self.tr("Double-click to type the text")
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        row = index.row()
        option = self._options[row]
        if index.column() == self.CORRECT and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            option = replace(option, is_correct=checked)
        elif index.column() == self.TEXT and role == Qt.ItemDataRole.EditRole:
            option = replace(option, text=str(value))
        else:
            return False
        if option == self._options[row]:
            return True
        self._options[row] = option
        self.dataChanged.emit(index, index)
        self.option_edited.emit(row, option)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if not self._editable:
            return flags
        if index.column() == self.CORRECT and self._kind != SHORT_ANSWER:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.TEXT and self._kind != TRUE_FALSE:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.CORRECT:
            return self.tr("Correct")
        if section == self.TEXT:
            return self.tr("Accepted answer") if self._kind == SHORT_ANSWER else self.tr("Option")
        return None


# ============================================================================== the editor


def _draft_text(draft: AssessmentDraft) -> str:
    """A version as text, for the conflict dialog."""
    limit = (
        QCoreApplication.translate("AssessmentEditor", "{minutes} min").format(
            minutes=draft.time_limit
        )
        if draft.time_limit
        else QCoreApplication.translate("AssessmentEditor", "no limit")
    )
    lines = [
        QCoreApplication.translate("AssessmentEditor", "Title: {title}").format(title=draft.title),
        QCoreApplication.translate(
            "AssessmentEditor", "Passing score: {score} %   Time limit: {limit}"
        ).format(score=draft.passing_score, limit=limit),
        QCoreApplication.translate("AssessmentEditor", "Description: {description}").format(
            description=draft.description or "—"
        ),
        "",
    ]
    for n, q in enumerate(draft.questions, start=1):
        lines.append(f"{n}. [{type_word(q.type)}] {q.text}")
        lines += [f"     {'✔' if o.is_correct else '·'} {o.text}" for o in q.options]
    return "\n".join(lines)


class AssessmentEditor(DraftEditorBase):
    """Edit one assessment; ``open_assessment(None)`` starts a new one."""

    #: The version shown changed (loaded, saved or taken from a conflict): AssessmentDetail.
    assessment_changed = Signal(object)
    #: A save went through: the saved AssessmentDetail.
    assessment_saved = Signal(object)
    NOUN = DELETED_NOUN = "assessment"
    CONFLICT_TEXT = QT_TRANSLATE_NOOP(
        "AssessmentEditor", "Not saved: someone else changed this assessment."
    )
    DELETED_TEXT = QT_TRANSLATE_NOOP(
        "AssessmentEditor", "The assessment was deleted; your changes were dropped."
    )
    DETAIL_TYPE = AssessmentDetail

    def __init__(self, session: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setObjectName("assessmentEditor")
        self.detail: AssessmentDetail | None = None
        self._draft = AssessmentDraft(title="")
        self._saved = self._draft
        self._current = -1
        self._problems: list[Problem] = []
        self._editable = False
        self._build()
        self._show_draft(self._draft)
        self._set_editable(False)
        self.status.setText(self.tr("Open an assessment, or start a new one."))

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.attach_button = QPushButton(self.tr("Add to learning path…"))
        self.attach_button.setObjectName("attachButton")
        self.attach_button.clicked.connect(self._choose_path)
        top = self._build_top_bar(
            self.tr("Assessment"),
            name="assessmentHeading",
            read_only=self.tr(
                "You can read this assessment; only its author or an admin may change it."
            ),
            extra=[self.attach_button],
        )

        # Fields.
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setMaxLength(300)  # the rule says 255; over it is shown, not cut
        self.title_edit.setPlaceholderText(self.tr("e.g. Python fundamentals quiz"))
        self.title_error = error_label("titleError")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.passing_spin = QSpinBox()
        self.passing_spin.setObjectName("passingScoreSpin")
        self.passing_spin.setAccessibleName(self.tr("Passing score"))
        self.passing_spin.setRange(0, 100)
        self.passing_spin.setSuffix(" %")
        self.passing_error = error_label("passingScoreError")
        self.limit_spin = QSpinBox()
        self.limit_spin.setObjectName("timeLimitSpin")
        self.limit_spin.setAccessibleName(self.tr("Time limit in minutes"))
        self.limit_spin.setRange(0, 24 * 60)
        self.limit_spin.setSpecialValueText(self.tr("No limit"))
        self.limit_spin.setSuffix(self.tr(" min"))
        self.limit_error = error_label("timeLimitError")
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow("", self.title_error)
        form.addRow(self.tr("&Description"), self.description_edit)
        form.addRow(self.tr("&Passing score"), self.passing_spin)
        form.addRow("", self.passing_error)
        form.addRow(self.tr("Time &limit"), self.limit_spin)
        form.addRow("", self.limit_error)
        self.title_edit.textEdited.connect(self._title_edited)
        self.description_edit.textChanged.connect(self._description_edited)
        self.passing_spin.valueChanged.connect(self._passing_edited)
        self.limit_spin.valueChanged.connect(self._limit_edited)

        # Questions.
        self.question_model = QuestionListModel(self)
        self.question_model.rows_reordered.connect(self._questions_reordered)
        self.question_list = QListView()
        self.question_list.setObjectName("questionList")
        setup_reorderable_view(self.question_list, self.question_model, self.tr("Questions"))
        self.question_list.selectionModel().currentRowChanged.connect(self._current_row_changed)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.question_list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._remove_question)
        self.add_question_button = QPushButton(self.tr("Add question"))
        self.add_question_button.setObjectName("addQuestionButton")
        menu = QMenu(self.add_question_button)
        for kind in QUESTION_TYPES:
            action = menu.addAction(type_word(kind))
            action.setObjectName(f"add_{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.add_question(k))
        self.add_question_button.setMenu(menu)
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.duplicate_button.clicked.connect(self._duplicate_question)
        self.remove_question_button = QPushButton(self.tr("Remove"))
        self.remove_question_button.setObjectName("removeQuestionButton")
        self.remove_question_button.clicked.connect(self._remove_question)
        question_buttons = QHBoxLayout()
        for button in (
            self.add_question_button,
            self.duplicate_button,
            self.remove_question_button,
        ):
            question_buttons.addWidget(button)
        question_buttons.addStretch(1)
        hint = QLabel(self.tr("Drag to reorder, or Alt+↑ / Alt+↓; Delete removes."))
        hint.setEnabled(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(QLabel(self.tr("<b>Questions</b>")))
        left_layout.addWidget(self.question_list, 1)
        left_layout.addWidget(hint)
        left_layout.addLayout(question_buttons)

        # The current question.
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("typeCombo")
        self.type_combo.setAccessibleName(self.tr("Question type"))
        for kind in QUESTION_TYPES:
            self.type_combo.addItem(type_word(kind), kind)
        self.type_combo.activated.connect(self._type_chosen)
        self.question_text = QPlainTextEdit()
        self.question_text.setObjectName("questionTextEdit")
        self.question_text.setAccessibleName(self.tr("Question text"))
        self.question_text.setTabChangesFocus(True)
        self.question_text.setPlaceholderText(self.tr("Ask the question…"))
        self.question_text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.question_text.textChanged.connect(self._question_text_edited)
        self.text_error = error_label("questionTextError")
        self.option_model = OptionTableModel(self)
        self.option_model.option_edited.connect(self._option_edited)
        self.option_table = QTableView()
        self.option_table.setObjectName("optionTable")
        self.option_table.setAccessibleName(self.tr("Answer options"))
        self.option_table.setModel(self.option_model)
        self.option_table.verticalHeader().hide()
        self.option_table.horizontalHeader().setSectionResizeMode(
            OptionTableModel.CORRECT, QHeaderView.ResizeMode.ResizeToContents
        )
        self.option_table.horizontalHeader().setSectionResizeMode(
            OptionTableModel.TEXT, QHeaderView.ResizeMode.Stretch
        )
        self.option_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.option_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.options_hint = QLabel("")
        self.options_hint.setWordWrap(True)
        self.options_hint.setEnabled(False)
        self.options_error = error_label("optionsError")
        self.add_option_button = QPushButton(self.tr("Add option"))
        self.add_option_button.setObjectName("addOptionButton")
        self.add_option_button.clicked.connect(self._add_option)
        self.remove_option_button = QPushButton(self.tr("Remove option"))
        self.remove_option_button.setObjectName("removeOptionButton")
        self.remove_option_button.clicked.connect(self._remove_option)
        option_buttons = QHBoxLayout()
        option_buttons.addWidget(self.add_option_button)
        option_buttons.addWidget(self.remove_option_button)
        option_buttons.addStretch(1)
        self.question_heading = QLabel(self.tr("<b>Question</b>"))
        self.question_panel = QWidget()
        self.question_panel.setObjectName("questionPanel")
        panel = QFormLayout(self.question_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addRow(self.question_heading)
        panel.addRow(self.tr("T&ype"), self.type_combo)
        panel.addRow(self.tr("&Question"), self.question_text)
        panel.addRow("", self.text_error)
        panel.addRow(self.options_hint)
        panel.addRow(self.option_table)
        panel.addRow(option_buttons)
        panel.addRow(self.options_error)
        self.used_in_label = QLabel("")
        self.used_in_label.setObjectName("usedInLabel")
        self.used_in_label.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.question_panel, 1)
        right_layout.addWidget(self.used_in_label)

        self.splitter = self.content = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("assessmentSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        state = QSettings().value(SPLITTER_KEY)
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problemList")
        self.problem_list.setAccessibleName(self.tr("Problems"))
        self.problem_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.itemClicked.connect(self._go_to_problem)
        self.problems_heading = QLabel("")
        self.status = QLabel("")
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.problems_heading)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.status)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)

    def hideEvent(self, event: QHideEvent) -> None:
        QSettings().setValue(SPLITTER_KEY, self.splitter.saveState())
        super().hideEvent(event)

    def open_assessment(self, assessment_id: uuid.UUID | None) -> None:
        """Show an assessment (None: a new one), asking first about unsaved changes."""
        self.ask_unsaved(lambda: self._open(assessment_id), what=self._what())

    def _open(self, assessment_id: uuid.UUID | None) -> None:
        if assessment_id is None:
            self._load(None, AssessmentDraft(title="", questions=(new_question(SINGLE_CHOICE),)))
            self.status.setText(
                self.tr("A new assessment: give it a title and questions, then save.")
            )
            self.title_edit.setFocus()
            return
        self.status.setText(self.tr("Loading…"))
        uow, actor = self.uow, self.actor
        self._run(
            "load assessment",
            lambda: authoring.get_assessment(uow, assessment_id=assessment_id, actor=actor),
            lambda detail: self._load(detail, detail.draft()),
        )

    def _load(self, detail: AssessmentDetail | None, draft: AssessmentDraft) -> None:
        self.detail = detail
        self._saved = draft if detail is not None else AssessmentDraft(title="")
        self.undo_stack.clear()
        self._current = 0 if draft.questions else -1
        self._show_draft(draft)
        self._set_editable(detail is None or detail.can_edit)
        self._refresh_dirty()
        self._show_paths()
        if detail is not None:
            self.status.setText(
                self.tr("Last saved {time}.").format(
                    time=f"{detail.updated_at.astimezone():%Y-%m-%d %H:%M}"
                )
                if detail.updated_at
                else ""
            )
        self.assessment_changed.emit(detail)

    def _what(self) -> str:
        title = self._draft.title.strip() or self.tr("The new assessment")
        return f"'{title}'" if self._draft.title.strip() else title

    def retranslate(self) -> None:
        super().retranslate()
        for button, text in (
            (self.attach_button, self.tr("Add to learning path…")),
            (self.add_question_button, self.tr("Add question")),
            (self.duplicate_button, self.tr("Duplicate")),
            (self.remove_question_button, self.tr("Remove")),
        ):
            button.setText(text)

    # -- the draft -------------------------------------------------------------------------

    @property
    def draft(self) -> AssessmentDraft:
        return self._draft

    def _show_draft(self, draft: AssessmentDraft) -> None:
        """Make every widget show ``draft`` (without echoing edits back as new changes)."""
        self._draft = draft
        self._problems = find_problems(draft)
        widgets = (self.title_edit, self.description_edit, self.passing_spin, self.limit_spin)
        for widget in widgets:
            widget.blockSignals(True)
        if self.title_edit.text() != draft.title:
            self.title_edit.setText(draft.title)
        if self.description_edit.toPlainText() != (draft.description or ""):
            self.description_edit.setPlainText(draft.description or "")
        self.passing_spin.setValue(draft.passing_score or 0)
        self.limit_spin.setValue(draft.time_limit or 0)
        for widget in widgets:
            widget.blockSignals(False)
        per_question: list[list[str]] = [[] for _ in draft.questions]
        for p in self._problems:
            if p.question is not None and p.question < len(per_question):
                per_question[p.question].append(p.message)
        self.question_model.set_items(draft.questions, per_question)
        if draft.questions:
            self._current = min(max(self._current, 0), len(draft.questions) - 1)
        else:
            self._current = -1
        index = self.question_model.index(self._current) if self._current >= 0 else QModelIndex()
        if self.question_list.currentIndex().row() != self._current:
            self.question_list.setCurrentIndex(index)
        self._show_question()
        self._show_problems()
        self._refresh_dirty()
        title = draft.title.strip() or (
            self.tr("Untitled assessment") if self.detail is not None else self.tr("New assessment")
        )
        self.heading.setText(title)
        self.setWindowTitle(f"{title}[*]")

    def _show_question(self) -> None:
        question = self._question()
        editable = self._editable
        self.question_panel.setEnabled(question is not None)
        self.question_heading.setText(
            self.tr("<b>Question {number}</b>").format(number=self._current + 1)
            if question is not None
            else self.tr("<b>No question</b>")
        )
        self.type_combo.setCurrentIndex(
            QUESTION_TYPES.index(question.type)
            if question is not None and question.type in QUESTION_TYPES
            else 0
        )
        self.question_text.blockSignals(True)
        text = question.text if question is not None else ""
        if self.question_text.toPlainText() != text:
            self.question_text.setPlainText(text)
        self.question_text.blockSignals(False)
        self.option_model.set_question(question, editable=editable)
        kind = question.type if question is not None else SINGLE_CHOICE
        self.option_table.setColumnHidden(OptionTableModel.CORRECT, kind == SHORT_ANSWER)
        self.add_option_button.setText(
            self.tr("Add answer") if kind == SHORT_ANSWER else self.tr("Add option")
        )
        self.remove_option_button.setText(
            self.tr("Remove answer") if kind == SHORT_ANSWER else self.tr("Remove option")
        )
        self.add_option_button.setEnabled(editable and kind != TRUE_FALSE)
        self.remove_option_button.setEnabled(editable and kind != TRUE_FALSE)
        self.options_hint.setText(
            {
                SINGLE_CHOICE: self.tr("Tick the one correct option."),
                "multiple_choice": self.tr("Tick every correct option (at least one)."),
                TRUE_FALSE: self.tr("Tick whether the statement is True or False."),
                SHORT_ANSWER: self.tr(
                    "Every accepted answer counts as correct (case and spacing are ignored)."
                ),
            }.get(kind, "")
        )
        # Next to the fields, without the "Question N: " the problem list needs.
        mine = [p.message.split(": ", 1)[-1] for p in self._problems if p.question == self._current]
        fields = [p.field for p in self._problems if p.question == self._current]
        show_error(
            self.text_error,
            [m[0].upper() + m[1:] for m, f in zip(mine, fields, strict=True) if f != "options"],
        )
        show_error(
            self.options_error,
            [m[0].upper() + m[1:] for m, f in zip(mine, fields, strict=True) if f == "options"],
        )

    def _show_problems(self) -> None:
        for field, label in (
            ("title", self.title_error),
            ("passing_score", self.passing_error),
            ("time_limit", self.limit_error),
        ):
            show_error(label, [p.message for p in self._problems if p.field == field])
        self.problem_list.clear()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for problem in self._problems:
            item = QListWidgetItem(icon, problem.message)
            item.setData(Qt.ItemDataRole.UserRole, problem)
            self.problem_list.addItem(item)
        count = len(self._problems)
        self.problems_heading.setText(
            self.tr("No problems: ready to save.")
            if not count
            else self.tr("<b>%n problem(s) to fix before saving</b>", "", count)
        )
        self.problem_list.setVisible(bool(count))

    def _refresh_dirty(self) -> None:
        dirty = authoring.without_ids(self._draft) != authoring.without_ids(self._saved) or (
            self.detail is None and self._editable
        )
        self._set_dirty(dirty)
        self.dirty_label.setText(self.tr("● Unsaved changes") if dirty else "")
        self.save_button.setEnabled(self._editable and dirty and not self._busy)

    def _set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.read_only_note.setVisible(self.detail is not None and not editable)
        for widget in (
            self.title_edit,
            self.description_edit,
            self.passing_spin,
            self.limit_spin,
            self.add_question_button,
            self.duplicate_button,
            self.remove_question_button,
            self.type_combo,
        ):
            widget.setEnabled(editable)
        self.question_text.setReadOnly(not editable)
        self.question_model.set_movable(editable)
        self.attach_button.setEnabled(editable and self.detail is not None)
        self._show_question()
        self._refresh_dirty()

    def _question(self) -> QuestionDraft | None:
        if 0 <= self._current < len(self._draft.questions):
            return self._draft.questions[self._current]
        return None

    def _replace_question(self, question: QuestionDraft, text: str, merge_key: str | None) -> None:
        questions = list(self._draft.questions)
        questions[self._current] = question
        self._change(replace(self._draft, questions=tuple(questions)), text, merge_key)

    # -- edits -------------------------------------------------------------------------------

    def _title_edited(self, text: str) -> None:
        self._change(replace(self._draft, title=text), self.tr("Edit title"), "title")

    def _passing_edited(self, value: int) -> None:
        self._change(
            replace(self._draft, passing_score=value), self.tr("Change passing score"), "passing"
        )

    def _limit_edited(self, value: int) -> None:
        self._change(
            replace(self._draft, time_limit=value or None), self.tr("Change time limit"), "limit"
        )

    def _description_edited(self) -> None:
        text = self.description_edit.toPlainText()
        self._change(
            replace(self._draft, description=text or None),
            self.tr("Edit description"),
            "description",
        )

    def _question_text_edited(self) -> None:
        question = self._question()
        if question is not None:
            self._replace_question(
                replace(question, text=self.question_text.toPlainText()),
                self.tr("Edit question text"),
                f"question-text:{self._current}",
            )

    def _type_chosen(self, combo_index: int) -> None:
        question = self._question()
        kind = self.type_combo.itemData(combo_index)
        if question is not None and kind != question.type:
            self._replace_question(
                convert_question(question, kind),
                self.tr("Make it {type}").format(type=type_word(kind)),
                None,
            )

    def _option_edited(self, row: int, option: OptionDraft) -> None:
        question = self._question()
        if question is None:
            return
        options = list(question.options)
        options[row] = option
        if question.type in (SINGLE_CHOICE, TRUE_FALSE) and option.is_correct:
            options = [replace(o, is_correct=(i == row)) for i, o in enumerate(options)]
        text_edit = option.text != question.options[row].text
        what = self.tr("Edit option") if text_edit else self.tr("Mark correct")
        key = f"option-text:{self._current}:{row}" if text_edit else None
        self._replace_question(replace(question, options=tuple(options)), what, key)

    def add_question(self, kind: str) -> None:
        at = self._current + 1 if self._current >= 0 else len(self._draft.questions)
        questions = list(self._draft.questions)
        questions.insert(at, new_question(kind))
        self._current = at
        self._change(replace(self._draft, questions=tuple(questions)), self.tr("Add question"))
        self.question_text.setFocus()

    def _duplicate_question(self) -> None:
        question = self._question()
        if question is None:
            return
        copy = replace(
            question, id=None, options=tuple(replace(o, id=None) for o in question.options)
        )
        questions = list(self._draft.questions)
        questions.insert(self._current + 1, copy)
        self._current += 1
        self._change(
            replace(self._draft, questions=tuple(questions)), self.tr("Duplicate question")
        )

    def _remove_question(self) -> None:
        if self._question() is None or not self._editable:
            return
        questions = list(self._draft.questions)
        del questions[self._current]
        self._change(replace(self._draft, questions=tuple(questions)), self.tr("Remove question"))

    def _add_option(self) -> None:
        question = self._question()
        if question is None or question.type == TRUE_FALSE:
            return
        option = OptionDraft("", is_correct=question.type == SHORT_ANSWER)
        self._replace_question(
            replace(question, options=(*question.options, option)), self.tr("Add option"), None
        )
        index = self.option_model.index(len(question.options), OptionTableModel.TEXT)
        self.option_table.setCurrentIndex(index)
        self.option_table.edit(index)

    def _remove_option(self) -> None:
        question = self._question()
        row = self.option_table.currentIndex().row()
        if question is None or question.type == TRUE_FALSE or not 0 <= row < len(question.options):
            return
        options = tuple(o for i, o in enumerate(question.options) if i != row)
        self._replace_question(replace(question, options=options), self.tr("Remove option"), None)

    def _questions_reordered(self, order: list[int]) -> None:
        questions = tuple(self._draft.questions[i] for i in order)
        self._current = order.index(self._current) if 0 <= self._current < len(order) else 0
        self._change(replace(self._draft, questions=questions), self.tr("Move question"))

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._select_question(current.row())

    def _select_question(self, row: int) -> None:
        if row != self._current and 0 <= row < len(self._draft.questions):
            self._current = row
            self._show_question()

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        problem: Problem = item.data(Qt.ItemDataRole.UserRole)
        if problem.question is not None:
            self.question_list.setCurrentIndex(self.question_model.index(problem.question))
            target: QWidget = (
                self.option_table if problem.field == "options" else self.question_text
            )
        else:
            target = {
                "title": self.title_edit,
                "passing_score": self.passing_spin,
                "time_limit": self.limit_spin,
            }.get(problem.field, self.add_question_button)
        target.setFocus()

    # -- saving ----------------------------------------------------------------------------

    def _ready_to_save(self) -> bool:
        if not self._problems:
            return True
        count = len(self._problems)
        self.status.setText(
            self.tr("Not saved: fix the %n problem(s) listed below first.", "", count)
        )
        self.problem_list.setCurrentRow(0)
        self._go_to_problem(self.problem_list.item(0))
        return False

    def _save_work(
        self, draft: AssessmentDraft, row_id: uuid.UUID | None, expected: dt.datetime | None
    ) -> Callable[[], AssessmentDetail]:
        uow, actor = self.uow, self.actor
        return lambda: authoring.save_assessment(
            uow, draft=draft, actor=actor, assessment_id=row_id, expected_updated_at=expected
        )

    def _announce_saved(self, detail: AssessmentDetail) -> None:
        self._show_paths()
        self.assessment_saved.emit(detail)
        self.assessment_changed.emit(detail)

    def _failure_text(self, exc: BaseException) -> str:
        if self.detail or self._dirty:
            return self.tr("Not saved: {error}").format(error=exc)
        return str(exc)

    def _describe(self, draft: AssessmentDraft) -> str:
        return _draft_text(draft)

    # -- learning paths ----------------------------------------------------------------------

    def _show_paths(self) -> None:
        paths = self.detail.paths if self.detail is not None else ()
        self.used_in_label.setText(
            self.tr("Used in: {paths}").format(
                paths=", ".join(f"{p.title} ({status_word(p.status).lower()})" for p in paths)
            )
            if paths
            else self.tr("Not in any learning path yet.")
        )
        self.attach_button.setEnabled(self._editable and self.detail is not None)

    def _choose_path(self) -> None:
        if self.detail is None:
            return
        uow, actor = self.uow, self.actor
        self._run(
            "list paths",
            lambda: path_authoring.list_paths(uow, actor=actor),
            self._offer_paths,
        )

    def _offer_paths(self, paths: list[path_authoring.PathListItem]) -> None:
        used = {p.id for p in self.detail.paths} if self.detail is not None else set()
        choices = [p for p in paths if p.can_edit and p.id not in used]
        if not choices:
            self.status.setText(
                self.tr("None of your learning paths is left to add this assessment to.")
            )
            return
        dialog = QDialog(self)
        dialog.setObjectName("attachToPathDialog")
        dialog.setWindowTitle(self.tr("Add to learning path"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        chooser = QListWidget()
        chooser.setObjectName("pathChoices")
        chooser.setAccessibleName(self.tr("Learning paths"))
        for path in choices:
            item = QListWidgetItem(
                f"{path.title}  ({status_word(path.status).lower()}, "
                + self.tr("%n step(s)", "", path.step_count)
                + ")"
            )
            item.setData(Qt.ItemDataRole.UserRole, path.id)
            chooser.addItem(item)
        chooser.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add as last step"))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        chooser.itemDoubleClicked.connect(lambda _item: dialog.accept())
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("Add this assessment as the last step of:")))
        layout.addWidget(chooser)
        layout.addWidget(buttons)

        def chosen(result: int) -> None:
            dialog.deleteLater()
            item = chooser.currentItem()
            if result == QDialog.DialogCode.Accepted and item is not None:
                self._attach(item.data(Qt.ItemDataRole.UserRole))

        dialog.finished.connect(chosen)
        dialog.open()

    def _attach(self, path_id: uuid.UUID) -> None:
        assert self.detail is not None
        uow, actor, assessment_id = self.uow, self.actor, self.detail.id

        def work() -> AssessmentDetail:
            path_authoring.attach_assessment(
                uow, path_id=path_id, assessment_id=assessment_id, actor=actor
            )
            return authoring.get_assessment(uow, assessment_id=assessment_id, actor=actor)

        def attached(detail: AssessmentDetail) -> None:
            # Only the list of paths changed: the draft and its version stay as they are.
            if self.detail is not None and self.detail.id == detail.id:
                self.detail = replace(self.detail, paths=detail.paths)
            self._show_paths()
            self.status.setText(self.tr("Added to the learning path."))

        self._run("attach assessment", work, attached)
