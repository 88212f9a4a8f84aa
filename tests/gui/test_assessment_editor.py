"""The assessment editor on a real embedded database, driven by typing and clicking."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QListView, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data.models import PathStep, Question
from elearn_desktop.domain.assessment_rules import AssessmentDraft, OptionDraft, QuestionDraft
from elearn_desktop.services import assessment_authoring as authoring
from elearn_desktop.services.accounts import user_summary
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.author.assessment_editor import (
    AssessmentEditor,
    OptionTableModel,
    QuestionListModel,
)
from elearn_desktop.ui.author.draft_editor import ReorderableListModel, VersionConflictDialog

pytestmark = pytest.mark.gui

QUIZ = demo_id("assessment:Python Fundamentals Quiz")


@pytest.fixture
def instructor(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    session = sign_in(EMBEDDED_PROFILE, "instructor@demo.test", "teach-demo-2026")
    yield session
    session.close()


@pytest.fixture
def editor(qtbot: QtBot, instructor: SignedIn) -> AssessmentEditor:
    widget = AssessmentEditor(instructor)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def open_quiz(qtbot: QtBot, editor: AssessmentEditor, assessment_id: uuid.UUID = QUIZ) -> None:
    with qtbot.waitSignal(editor.assessment_changed, timeout=10_000):
        editor.open_assessment(assessment_id)


def save(qtbot: QtBot, editor: AssessmentEditor) -> authoring.AssessmentDetail:
    with qtbot.waitSignal(editor.assessment_saved, timeout=10_000) as saved:
        qtbot.keyClick(
            editor.focusWidget() or editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    detail: authoring.AssessmentDetail = saved.args[0]
    return detail


def focus(qtbot: QtBot, widget: QWidget) -> None:
    """Give ``widget`` the keyboard focus (its window active), as a click would."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=5_000)


def stored(session: SignedIn, assessment_id: uuid.UUID = QUIZ) -> authoring.AssessmentDetail:
    assert session.backend is not None
    return authoring.get_assessment(session.backend.uow, assessment_id=assessment_id, actor=None)


def wait_for_child(qtbot: QtBot, parent: QWidget, kind: type, name: str) -> QWidget:
    found: list[QWidget] = []

    def visible() -> bool:
        found[:] = [w for w in parent.findChildren(kind, name) if w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=10_000)
    return found[0]


def type_option(qtbot: QtBot, editor: AssessmentEditor, row: int, text: str) -> None:
    """Edit an option's text in the table like a person: F2, type, Return."""
    table = editor.option_table
    table.setFocus()
    table.setCurrentIndex(editor.option_model.index(row, OptionTableModel.TEXT))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert line is not None
    assert line.parent() is table.viewport()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    question = editor.draft.questions[editor.question_list.currentIndex().row()]
    qtbot.waitUntil(
        lambda: editor.draft.questions[question_index(editor)].options[row].text == text
    )
    del question


def question_index(editor: AssessmentEditor) -> int:
    return editor.question_list.currentIndex().row()


def click_button(qtbot: QtBot, box: QMessageBox, which: QMessageBox.StandardButton) -> None:
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)


def internal_move(view: QListView, source_row: int, before_row: int) -> None:
    """What QListView's dropEvent does for a drag within the view (Qt 6): ``moveRow``.

    A real mouse drag needs the platform's drag support, which the offscreen platform
    lacks; ``test_a_real_mouse_drag_reorders_questions`` drags for real under Xvfb.
    """
    assert view.model().moveRow(QModelIndex(), source_row, QModelIndex(), before_row)


# ----------------------------------------------------------------------------- models


def test_models_pass_the_model_tester(qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    questions = QuestionListModel()
    qtmodeltester.check(questions)
    items = [QuestionDraft(f"Q{i}", "single_choice", (OptionDraft("a", True),)) for i in range(4)]
    questions.set_items(items, [[], ["Question 2: broken."], [], []])
    qtmodeltester.check(questions)
    assert questions.data(questions.index(1), Qt.ItemDataRole.ToolTipRole) == "Question 2: broken."
    with qtbot.waitSignal(questions.rows_reordered) as moved:
        assert questions.move(0, 1)
    assert moved.args[0] == [1, 0, 2, 3]
    assert not questions.move(0, -1)
    questions.set_items(items[:2])
    questions.set_items([replace(items[0], text="changed"), items[1]])
    qtmodeltester.check(questions)

    options = OptionTableModel()
    qtmodeltester.check(options)
    options.set_question(items[0], editable=True)
    qtmodeltester.check(options)
    with qtbot.waitSignal(options.option_edited) as edited:
        assert options.setData(options.index(0, OptionTableModel.TEXT), "b")
    assert edited.args == [0, OptionDraft("b", True)]
    options.set_question(
        QuestionDraft("T", "true_false", (OptionDraft("True"), OptionDraft("False", True))),
        editable=True,
    )
    assert not options.flags(options.index(0, OptionTableModel.TEXT)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(options)

    plain = ReorderableListModel(lambda row, item: f"{row}: {item}")
    plain.set_items(["a", "b", "c"])
    qtmodeltester.check(plain)
    assert plain.dropMimeData(
        plain.mimeData([plain.index(2)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )
    assert plain.items() == ["c", "a", "b"]


# ------------------------------------------------------------------------------ editing


def test_open_edit_and_save_with_the_keyboard(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    assert editor.question_model.rowCount() == 4
    assert editor.heading.text() == "Python Fundamentals Quiz"
    assert not editor.dirty
    assert not editor.save_button.isEnabled()
    assert editor.problems_heading.text() == "No problems: ready to save."

    editor.title_edit.setFocus()
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Python basics")
    assert editor.dirty
    assert editor.dirty_label.text() == "● Unsaved changes"
    assert editor.isWindowModified()
    assert editor.save_button.isEnabled()
    # Typing a title is one undo step.
    assert editor.undo_stack.count() == 1
    assert editor.undo_stack.undoText() == "Edit title"

    saved = save(qtbot, editor)
    assert saved.title == "Python basics"
    assert stored(instructor).title == "Python basics"
    assert not editor.dirty
    assert editor.dirty_label.text() == ""
    assert editor.status.text().startswith("Saved at ")


def test_create_an_assessment_by_typing_and_clicking(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    with qtbot.waitSignal(editor.assessment_changed):
        editor.open_assessment(None)
    assert editor.heading.text() == "New assessment"
    assert editor.dirty
    # The problems are listed, and shown next to their fields.
    assert editor.title_error.isVisible()
    assert editor.title_error.text() == "The title is empty."
    assert editor.text_error.text() == "The question text is empty."
    assert editor.problem_list.count() == 4

    qtbot.keyClicks(editor.title_edit, "Loops quiz")
    qtbot.keyClick(
        editor.passing_spin.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClicks(editor.passing_spin.lineEdit(), "80")
    qtbot.keyClick(editor.limit_spin.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.limit_spin.lineEdit(), "5")
    qtbot.keyClicks(editor.question_text, "Which loop runs at least once?")
    assert not editor.title_error.isVisible()

    table = editor.option_table
    table.setFocus()
    for row, text in enumerate(["do-while", "for"]):
        type_option(qtbot, editor, row, text)
    # Tick the first option as correct with the space bar.
    table.setCurrentIndex(editor.option_model.index(0, OptionTableModel.CORRECT))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert editor.draft.questions[0].options[0].is_correct
    assert editor.problem_list.count() == 0

    # A second question: true/false from the Add question menu.
    editor.add_question_button.menu().actions()[2].trigger()
    qtbot.keyClicks(editor.question_text, "A for loop can run zero times.")
    assert editor.draft.questions[1].type == "true_false"

    saved = save(qtbot, editor)
    again = stored(instructor, saved.id)
    assert again.author_id == instructor.user.id
    assert (again.title, again.passing_score, again.time_limit) == ("Loops quiz", 80, 5)
    assert [
        (q.type, q.text, [(o.text, o.is_correct) for o in q.options]) for q in again.questions
    ] == [
        ("single_choice", "Which loop runs at least once?", [("do-while", True), ("for", False)]),
        ("true_false", "A for loop can run zero times.", [("True", True), ("False", False)]),
    ]
    assert editor.heading.text() == "Loops quiz"
    assert not editor.dirty


def test_single_choice_keeps_one_correct_option(qtbot: QtBot, editor: AssessmentEditor) -> None:
    open_quiz(qtbot, editor)
    table = editor.option_table
    table.setCurrentIndex(editor.option_model.index(2, OptionTableModel.CORRECT))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert [o.is_correct for o in editor.draft.questions[0].options] == [False, False, True, False]
    # Multiple choice allows several.
    editor.question_list.setCurrentIndex(editor.question_model.index(1))
    table.setCurrentIndex(editor.option_model.index(2, OptionTableModel.CORRECT))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert [o.is_correct for o in editor.draft.questions[1].options] == [True, True, True, True]


def test_an_invalid_draft_is_not_saved_and_says_why(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    editor.title_edit.selectAll()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Delete)
    # Untick the only correct option of the single-choice question.
    editor.option_table.setCurrentIndex(editor.option_model.index(0, OptionTableModel.CORRECT))
    qtbot.keyClick(editor.option_table, Qt.Key.Key_Space)
    assert editor.title_error.text() == "The title is empty."
    assert editor.options_error.text() == (
        "A single-choice question needs exactly one correct option (it has 0)."
    )
    assert [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())] == [
        "The title is empty.",
        "Question 1: a single-choice question needs exactly one correct option (it has 0).",
    ]
    problem_rows = editor.question_model.data(
        editor.question_model.index(0), 20 + Qt.ItemDataRole.UserRole
    )
    assert problem_rows == [
        "Question 1: a single-choice question needs exactly one correct option (it has 0)."
    ]
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.status.text() == "Not saved: fix the 2 problems listed below first."
    assert editor.focusWidget() is editor.title_edit  # taken to the first problem
    assert stored(instructor).title == "Python Fundamentals Quiz"


def test_reorder_by_keyboard_and_by_drag_and_drop_then_undo(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    texts = [q.text for q in stored(instructor).questions]
    view = editor.question_list
    view.setFocus()
    view.setCurrentIndex(editor.question_model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [q.text for q in editor.draft.questions] == [texts[1], texts[2], texts[0], texts[3]]
    assert view.currentIndex().row() == 2
    assert editor.question_heading.text() == "<b>Question 3</b>"

    internal_move(view, 3, 0)  # the last question to the top
    assert [q.text for q in editor.draft.questions] == [texts[3], texts[1], texts[2], texts[0]]
    assert editor.undo_stack.undoText() == "Move question"

    saved = save(qtbot, editor)
    assert [q.text for q in saved.questions] == [texts[3], texts[1], texts[2], texts[0]]
    assert instructor.backend is not None
    with instructor.backend.uow() as uow:
        rows = uow.session.execute(
            select(Question.text, Question.order_index)
            .where(Question.assessment_id == QUIZ)
            .order_by(Question.order_index)
        ).all()
    assert [(r[0], r[1]) for r in rows] == [
        (texts[3], 0),
        (texts[1], 1),
        (texts[2], 2),
        (texts[0], 3),
    ]
    # Undo goes back step by step, also after saving.
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [q.text for q in editor.draft.questions] == [texts[1], texts[2], texts[0], texts[3]]
    assert editor.dirty
    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [q.text for q in editor.draft.questions] == [texts[3], texts[1], texts[2], texts[0]]
    assert not editor.dirty


def test_changing_the_type_keeps_what_fits(qtbot: QtBot, editor: AssessmentEditor) -> None:
    open_quiz(qtbot, editor)
    editor.type_combo.setFocus()
    qtbot.keyClicks(editor.type_combo, "Short")  # keyboard search in the combo
    # QComboBox.activated fires on user choice; the keyboard search above selects it.
    question = editor.draft.questions[0]
    assert question.type == "short_answer"
    assert [(o.text, o.is_correct) for o in question.options] == [
        ("def", True),
        ("func", True),
        ("lambda", True),
        ("fn", True),
    ]
    assert editor.option_table.isColumnHidden(OptionTableModel.CORRECT)
    assert editor.option_model.headerData(1, Qt.Orientation.Horizontal) == "Accepted answer"
    # Remove two accepted answers with the button.
    for _ in range(2):
        editor.option_table.setCurrentIndex(editor.option_model.index(1, OptionTableModel.TEXT))
        qtbot.mouseClick(editor.remove_option_button, Qt.MouseButton.LeftButton)
    assert [o.text for o in editor.draft.questions[0].options] == ["def", "fn"]
    qtbot.keyClick(editor.option_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [o.text for o in editor.draft.questions[0].options] == ["def", "lambda", "fn"]


def test_remove_and_duplicate_questions(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    editor.question_list.setCurrentIndex(editor.question_model.index(2))
    qtbot.mouseClick(editor.remove_question_button, Qt.MouseButton.LeftButton)
    assert editor.question_model.rowCount() == 3
    # The Delete key removes too; undo brings it back.
    focus(qtbot, editor.question_list)
    qtbot.keyClick(editor.question_list, Qt.Key.Key_Delete)
    assert editor.question_model.rowCount() == 2
    qtbot.keyClick(editor.question_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.question_model.rowCount() == 3
    editor.question_list.setCurrentIndex(editor.question_model.index(2))
    qtbot.mouseClick(editor.duplicate_button, Qt.MouseButton.LeftButton)
    assert editor.question_model.rowCount() == 4
    assert editor.draft.questions[2].text == editor.draft.questions[3].text
    saved = save(qtbot, editor)
    assert len(saved.questions) == 4
    assert saved.questions[2].id != saved.questions[3].id
    assert "Python lists are immutable." not in [q.text for q in stored(instructor).questions]


# ----------------------------------------------------------------- conflicts and closing


def _someone_else_saves(instructor: SignedIn, title: str) -> None:
    assert instructor.backend is not None
    current = stored(instructor)
    authoring.save_assessment(
        instructor.backend.uow,
        draft=replace(current.draft(), title=title),
        assessment_id=QUIZ,
        expected_updated_at=current.updated_at,
        actor=None,
    )


def test_saving_over_a_newer_version_offers_both(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    _someone_else_saves(instructor, "Their title")
    qtbot.keyClicks(editor.title_edit, " (mine)")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_child(qtbot, editor, VersionConflictDialog, "versionConflictDialog")
    assert isinstance(dialog, VersionConflictDialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("newer version of 'Their title'" in text for text in labels)
    texts = [w.toPlainText() for w in dialog.findChildren(type(editor.question_text))]
    assert texts[0].startswith("Title: Python Fundamentals Quiz (mine)")
    assert texts[1].startswith("Title: Their title")
    assert stored(instructor).title == "Their title"
    with qtbot.waitSignal(editor.assessment_changed):
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert editor.title_edit.text() == "Their title"
    assert not editor.dirty

    # Now keep mine over a newer version.
    _someone_else_saves(instructor, "Theirs again")
    focus(qtbot, editor.title_edit)
    qtbot.keyClicks(editor.title_edit, "!")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_child(qtbot, editor, VersionConflictDialog, "versionConflictDialog")
    with qtbot.waitSignal(editor.assessment_saved, timeout=10_000):
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert stored(instructor).title == "Their title!"


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    qtbot.keyClicks(editor.title_edit, " v2")
    editor.close()
    box = wait_for_child(qtbot, editor, QMessageBox, "unsavedChangesBox")
    assert isinstance(box, QMessageBox)
    assert box.text() == "'Python Fundamentals Quiz v2' has unsaved changes."
    click_button(qtbot, box, QMessageBox.StandardButton.Cancel)
    assert editor.isVisible()

    editor.close()
    box = wait_for_child(qtbot, editor, QMessageBox, "unsavedChangesBox")
    with qtbot.waitSignal(editor.assessment_saved, timeout=10_000):
        click_button(qtbot, box, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10_000)
    assert stored(instructor).title == "Python Fundamentals Quiz v2"


def test_opening_another_assessment_can_discard(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    qtbot.keyClicks(editor.title_edit, " draft")
    editor.open_assessment(demo_id("assessment:SQL Basics Check"))
    box = wait_for_child(qtbot, editor, QMessageBox, "unsavedChangesBox")
    with qtbot.waitSignal(editor.assessment_changed, timeout=10_000):
        click_button(qtbot, box, QMessageBox.StandardButton.Discard)
    assert editor.heading.text() == "SQL Basics Check"
    assert stored(instructor).title == "Python Fundamentals Quiz"


def test_someone_elses_assessment_is_read_only(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    assert instructor.backend is not None
    with instructor.backend.uow() as uow:
        admin = uow.users.by_email("admin@demo.test")
        assert admin is not None
        admin_summary = user_summary(admin)
    theirs = authoring.create_assessment(
        instructor.backend.uow,
        draft=AssessmentDraft(
            title="Admin's quiz",
            questions=(
                QuestionDraft(
                    "Q?", "true_false", (OptionDraft("True", True), OptionDraft("False"))
                ),
            ),
        ),
        actor=admin_summary,
    )
    open_quiz(qtbot, editor, theirs.id)
    assert editor.read_only_note.isVisible()
    assert not editor.title_edit.isEnabled()
    assert not editor.save_button.isEnabled()
    assert not editor.add_option_button.isEnabled()
    assert (
        not editor.option_model.flags(editor.option_model.index(0, 0))
        & Qt.ItemFlag.ItemIsUserCheckable
    )


def test_add_the_assessment_to_a_learning_path(
    qtbot: QtBot, editor: AssessmentEditor, instructor: SignedIn
) -> None:
    open_quiz(qtbot, editor)
    assert editor.used_in_label.text() == "Not in any learning path yet."
    qtbot.mouseClick(editor.attach_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_child(qtbot, editor, QWidget, "attachToPathDialog")
    chooser = dialog.findChild(QWidget, "pathChoices")
    assert chooser.count() == 1
    assert chooser.item(0).text().startswith("Become a Data Analyst")
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.used_in_label.text().startswith("Used in: "), timeout=10_000)
    assert editor.used_in_label.text() == "Used in: Become a Data Analyst (published)"
    assert instructor.backend is not None
    with instructor.backend.uow() as uow:
        steps = uow.session.execute(
            select(PathStep.entity_id, PathStep.order_index)
            .where(PathStep.path_id == demo_id("path:data-analyst"))
            .order_by(PathStep.order_index)
        ).all()
    assert [r[1] for r in steps] == [0, 1, 2, 3]
    assert steps[-1][0] == QUIZ


REAL_DRAG = r"""
import json, sys
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.author.assessment_editor import AssessmentEditor

session = sign_in(EMBEDDED_PROFILE, "instructor@demo.test", "teach-demo-2026")
editor = AssessmentEditor(session)
editor.resize(1000, 700)
editor.show()
editor.activateWindow()
QTest.qWaitForWindowActive(editor)
editor.open_assessment(demo_id("assessment:Python Fundamentals Quiz"))
for _ in range(200):
    if editor.question_model.rowCount() == 4:
        break
    QTest.qWait(50)
view = editor.question_list
viewport, window = view.viewport(), editor.windowHandle()
def at(point):
    return viewport.mapTo(editor, point)
source = view.visualRect(editor.question_model.index(3)).center()
target = view.visualRect(editor.question_model.index(0)).topLeft() + QPoint(8, 2)
def drop():
    QTest.mouseMove(window, at(target))
    QTest.mouseMove(window, at(target + QPoint(0, 1)))
    end = at(target + QPoint(0, 1))
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
QTimer.singleShot(300, drop)
QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(source))
QTest.mouseMove(window, at(source + QPoint(0, -3)))
QTest.mouseMove(window, at(source + QPoint(0, -40)))  # starts the drag; returns after the drop
print(json.dumps([q.text for q in editor.draft.questions]))
print(json.dumps(editor.undo_stack.undoText()))
session.close()
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb for a real drag")
def test_a_real_mouse_drag_reorders_questions(data_dir: Path) -> None:
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", REAL_DRAG],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb", "ELEARN_DATA_DIR": str(data_dir)},
    )
    assert result.returncode == 0, result.stderr
    texts, undo = (json.loads(line) for line in result.stdout.strip().splitlines()[-2:])
    assert texts == [
        "What does len('abc') return?",
        "Which keyword defines a function in Python?",
        "Which of these are built-in Python types?",
        "Python lists are immutable.",
    ]
    assert undo == "Move question"
