"""The learning-path editor (and the course insights page) on a real embedded database."""

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
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data.models import Course, PathStep, UserProgress
from elearn_desktop.domain.errors import NotFoundError
from elearn_desktop.services import path_authoring
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.path_authoring import StepDraft, StepTarget
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.author import insights as insights_ui
from elearn_desktop.ui.author.draft_editor import ProblemsRole, VersionConflictDialog
from elearn_desktop.ui.author.insights import CourseInsightsPage
from elearn_desktop.ui.author.path_editor import (
    PathEditor,
    StepListModel,
    StepPickerDialog,
    StepRow,
    StepTargetModel,
)
from tests.gui.test_assessment_editor import focus, internal_move, wait_for_child

pytestmark = pytest.mark.gui

PATH = demo_id("path:data-analyst")
PYTHON = demo_id("course:introduction-to-python")
SQL = demo_id("course:sql-basics")
SQL_CHECK = demo_id("assessment:SQL Basics Check")
PYTHON_QUIZ = demo_id("assessment:Python Fundamentals Quiz")


@pytest.fixture
def instructor(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    session = sign_in(EMBEDDED_PROFILE, "instructor@demo.test", "teach-demo-2026")
    yield session
    session.close()


@pytest.fixture
def editor(qtbot: QtBot, instructor: SignedIn) -> PathEditor:
    widget = PathEditor(instructor)
    qtbot.addWidget(widget)
    widget.resize(1100, 640)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def open_path(qtbot: QtBot, editor: PathEditor, path_id: uuid.UUID = PATH) -> None:
    with qtbot.waitSignal(editor.path_changed, timeout=10_000):
        editor.open_path(path_id)


def save(qtbot: QtBot, editor: PathEditor) -> path_authoring.PathDetail:
    focus(qtbot, editor.step_list if editor.focusWidget() is None else editor.focusWidget())
    with qtbot.waitSignal(editor.path_saved, timeout=10_000) as saved:
        qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    detail: path_authoring.PathDetail = saved.args[0]
    return detail


def stored_steps(session: SignedIn, path_id: uuid.UUID = PATH) -> list[tuple[int, str, uuid.UUID]]:
    assert session.backend is not None
    with session.backend.uow() as uow:
        rows = uow.session.execute(
            select(PathStep.order_index, PathStep.entity_type, PathStep.entity_id)
            .where(PathStep.path_id == path_id)
            .order_by(PathStep.order_index)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def titles(editor: PathEditor) -> list[str | None]:
    return [row.title for row in editor.step_model.items()]


# ----------------------------------------------------------------------------- models


def test_models_pass_the_model_tester(qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    steps = StepListModel()
    qtmodeltester.check(steps)
    rows = [
        StepRow(StepDraft("course", uuid.uuid4()), "Python", None),
        StepRow(StepDraft("course", uuid.uuid4()), "Old", "The course 'Old' is archived."),
        StepRow(StepDraft("assessment", uuid.uuid4()), None, "This assessment no longer exists."),
    ]
    steps.set_items(rows, [[r.problem] if r.problem else [] for r in rows])
    qtmodeltester.check(steps)
    assert steps.data(steps.index(2), Qt.ItemDataRole.DisplayRole) == (
        "3. (an assessment that no longer exists)\nAssessment · ⚠ This assessment no longer exists."
    )
    assert steps.data(steps.index(1), ProblemsRole) == ["The course 'Old' is archived."]
    assert not steps.data(steps.index(1), Qt.ItemDataRole.DecorationRole).isNull()
    with qtbot.waitSignal(steps.rows_reordered):
        assert steps.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert [r.title for r in steps.items()] == [None, "Python", "Old"]
    steps.set_items(rows[:1])
    qtmodeltester.check(steps)

    targets = StepTargetModel()
    qtmodeltester.check(targets)
    found = [
        StepTarget("course", uuid.uuid4(), "Python", "Course · published"),
        StepTarget("assessment", uuid.uuid4(), "Quiz", "Assessment · 4 questions"),
    ]
    targets.set_targets(found, {("assessment", found[1].entity_id)})
    qtmodeltester.check(targets)
    assert targets.flags(targets.index(1)) & Qt.ItemFlag.ItemIsEnabled == Qt.ItemFlag.NoItemFlags
    assert targets.data(targets.index(1)) == "Quiz\nAssessment · 4 questions · already in this path"


# ------------------------------------------------------------------------------ editing


def test_flagged_steps_show_a_warning_mark_and_say_why(
    qtbot: QtBot, editor: PathEditor, instructor: SignedIn
) -> None:
    assert instructor.backend is not None
    with instructor.backend.uow() as uow:
        course = uow.session.get(Course, SQL)
        assert course is not None
        course.status = "archived"
        uow.session.add(
            PathStep(
                id=uuid.uuid4(),
                path_id=PATH,
                entity_type="assessment",
                entity_id=uuid.uuid4(),
                order_index=3,
            )
        )
        uow.commit()
    open_path(qtbot, editor)
    model = editor.step_model
    assert model.rowCount() == 4
    flagged = [r for r in range(4) if model.data(model.index(r), ProblemsRole)]
    assert flagged == [1, 3]
    assert model.data(model.index(1), Qt.ItemDataRole.ToolTipRole) == (
        "The course 'SQL Basics' is archived: learners no longer see it."
    )
    assert model.data(model.index(3)).startswith("4. (an assessment that no longer exists)")
    assert editor.flag_label.isVisible()
    assert editor.flag_label.text() == (
        "⚠ 2 steps need attention:\n"
        "Step 2: The course 'SQL Basics' is archived: learners no longer see it.\n"
        "Step 4: This assessment no longer exists."
    )
    # Removing the dead step with the Delete key clears its flag.
    focus(qtbot, editor.step_list)
    editor.step_list.setCurrentIndex(model.index(3))
    qtbot.keyClick(editor.step_list, Qt.Key.Key_Delete)
    assert model.rowCount() == 3
    assert editor.flag_label.text().startswith("⚠ 1 step needs attention:")
    save(qtbot, editor)
    assert [s[2] for s in stored_steps(instructor)] == [PYTHON, SQL, SQL_CHECK]


def test_add_steps_with_the_picker(qtbot: QtBot, editor: PathEditor, instructor: SignedIn) -> None:
    open_path(qtbot, editor)
    editor.step_list.setCurrentIndex(editor.step_model.index(0))
    qtbot.mouseClick(editor.add_step_button, Qt.MouseButton.LeftButton)
    picker = wait_for_child(qtbot, editor, StepPickerDialog, "stepPickerDialog")
    assert isinstance(picker, StepPickerDialog)
    qtbot.waitUntil(lambda: picker.model.rowCount() == 5, timeout=10_000)
    # What is in the path already is greyed out.
    assert picker.status.text() == "5 found, 2 to add"
    qtbot.keyClicks(picker.search, "fund")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1, timeout=10_000)
    assert picker.model.target(0).title == "Python Fundamentals Quiz"
    assert not picker.add_button.isEnabled()
    picker.results.setCurrentIndex(picker.model.index(0))
    assert picker.add_button.isEnabled()
    with qtbot.waitSignal(picker.finished):
        qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    # Added after the current step.
    assert titles(editor) == [
        "Introduction to Python",
        "Python Fundamentals Quiz",
        "SQL Basics",
        "SQL Basics Check",
    ]
    assert editor.undo_stack.undoText() == "Add step"
    saved = save(qtbot, editor)
    assert [s.title for s in saved.steps] == titles(editor)
    assert stored_steps(instructor) == [
        (0, "course", PYTHON),
        (1, "assessment", PYTHON_QUIZ),
        (2, "course", SQL),
        (3, "assessment", SQL_CHECK),
    ]


def test_reorder_by_keyboard_and_drag_then_undo(
    qtbot: QtBot, editor: PathEditor, instructor: SignedIn
) -> None:
    open_path(qtbot, editor)
    view = editor.step_list
    focus(qtbot, view)
    view.setCurrentIndex(editor.step_model.index(2))
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(editor) == ["Introduction to Python", "SQL Basics Check", "SQL Basics"]
    internal_move(view, 0, 3)  # the first step to the end
    assert titles(editor) == ["SQL Basics Check", "SQL Basics", "Introduction to Python"]
    save(qtbot, editor)
    assert stored_steps(instructor) == [
        (0, "assessment", SQL_CHECK),
        (1, "course", SQL),
        (2, "course", PYTHON),
    ]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(editor) == ["Introduction to Python", "SQL Basics", "SQL Basics Check"]
    assert editor.dirty  # the saved version is the reordered one


def test_fields_status_and_thumbnail(
    qtbot: QtBot, editor: PathEditor, instructor: SignedIn, tmp_path: Path
) -> None:
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    image.fill(QColor("#1e88e5"))
    picture = tmp_path / "cover.png"
    assert image.save(str(picture))
    open_path(qtbot, editor)
    focus(qtbot, editor.title_edit)
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Data analyst track")
    focus(qtbot, editor.description_edit)
    editor.description_edit.selectAll()
    qtbot.keyClicks(editor.description_edit, "Python, SQL, a check.")
    focus(qtbot, editor.thumbnail_edit)
    qtbot.keyClicks(editor.thumbnail_edit, str(picture))
    qtbot.waitUntil(lambda: editor.thumbnail_preview.pixmap().width() == 192, timeout=10_000)
    focus(qtbot, editor.status_combo)
    qtbot.keyClicks(editor.status_combo, "Dr")  # keyboard search: Draft
    assert editor.draft.status == "draft"
    assert editor.dirty
    assert editor.heading.text() == "Data analyst track"
    saved = save(qtbot, editor)
    assert (saved.title, saved.description, saved.thumbnail_url, saved.status) == (
        "Data analyst track",
        "Python, SQL, a check.",
        str(picture),
        "draft",
    )
    # Clearing the title is shown next to the field and blocks saving.
    focus(qtbot, editor.title_edit)
    editor.title_edit.selectAll()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Delete)
    assert editor.title_error.text() == "The title is empty."
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.status.text() == "Not saved: The title is empty."
    # A web address is kept as it is, without fetching it.
    focus(qtbot, editor.thumbnail_edit)
    editor.thumbnail_edit.selectAll()
    qtbot.keyClicks(editor.thumbnail_edit, "https://img.example.test/x.png")
    qtbot.waitUntil(lambda: editor.thumbnail_preview.text() == "A web image (shown in the catalog)")


def test_new_path_from_scratch(qtbot: QtBot, editor: PathEditor, instructor: SignedIn) -> None:
    with qtbot.waitSignal(editor.path_changed):
        editor.open_path(None)
    assert editor.heading.text() == "New learning path"
    assert editor.dirty
    focus(qtbot, editor.title_edit)
    qtbot.keyClicks(editor.title_edit, "Weekend SQL")
    editor.add_steps(
        [
            StepTarget("course", SQL, "SQL Basics", "Course"),
            StepTarget("assessment", SQL_CHECK, "SQL Basics Check", ""),
        ]
    )
    saved = save(qtbot, editor)
    assert saved.author_id == instructor.user.id
    assert stored_steps(instructor, saved.id) == [(0, "course", SQL), (1, "assessment", SQL_CHECK)]
    assert not editor.dirty


def test_a_newer_version_opens_the_conflict_dialog(
    qtbot: QtBot, editor: PathEditor, instructor: SignedIn
) -> None:
    open_path(qtbot, editor)
    assert instructor.backend is not None
    current = path_authoring.get_path(instructor.backend.uow, path_id=PATH, actor=None)
    path_authoring.save_path(
        instructor.backend.uow,
        draft=replace(current.draft(), title="Renamed elsewhere"),
        path_id=PATH,
        expected_updated_at=current.updated_at,
        actor=None,
    )
    focus(qtbot, editor.step_list)
    editor.step_list.setCurrentIndex(editor.step_model.index(0))
    qtbot.keyClick(editor.step_list, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.step_list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_child(qtbot, editor, VersionConflictDialog, "versionConflictDialog")
    assert isinstance(dialog, VersionConflictDialog)
    with qtbot.waitSignal(editor.path_saved, timeout=10_000):
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    # Mine won: the step is gone and my title (the old one) is back.
    assert [s[2] for s in stored_steps(instructor)] == [SQL, SQL_CHECK]
    assert path_authoring.get_path(instructor.backend.uow, path_id=PATH, actor=None).title == (
        "Become a Data Analyst"
    )


def test_a_path_deleted_meanwhile_can_be_dropped_in_the_conflict_dialog(
    qtbot: QtBot, editor: PathEditor, instructor: SignedIn
) -> None:
    open_path(qtbot, editor)
    assert instructor.backend is not None
    current = path_authoring.get_path(instructor.backend.uow, path_id=PATH, actor=None)
    path_authoring.delete_path(
        instructor.backend.uow, path_id=PATH, expected_updated_at=current.updated_at, actor=None
    )
    focus(qtbot, editor.title_edit)
    qtbot.keyClicks(editor.title_edit, " (mine)")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_child(qtbot, editor, VersionConflictDialog, "versionConflictDialog")
    assert isinstance(dialog, VersionConflictDialog)
    assert dialog.take_button.text() == "Discard mine"
    assert editor.status.text() == "Not saved: someone else changed this learning path."
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.dirty)
    assert editor.status.text() == "The path was deleted; your changes were dropped."
    with pytest.raises(NotFoundError):
        path_authoring.get_path(instructor.backend.uow, path_id=PATH, actor=None)


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, editor: PathEditor) -> None:
    open_path(qtbot, editor)
    focus(qtbot, editor.title_edit)
    qtbot.keyClicks(editor.title_edit, "!")
    editor.close()
    box = wait_for_child(qtbot, editor, QMessageBox, "unsavedChangesBox")
    assert isinstance(box, QMessageBox)
    assert box.text() == "'Become a Data Analyst!' has unsaved changes."
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5_000)


REAL_DRAG = r"""
import json
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.author.path_editor import PathEditor

session = sign_in(EMBEDDED_PROFILE, "instructor@demo.test", "teach-demo-2026")
editor = PathEditor(session)
editor.resize(1000, 640)
editor.show()
editor.activateWindow()
QTest.qWaitForWindowActive(editor)
editor.open_path(demo_id("path:data-analyst"))
for _ in range(200):
    if editor.step_model.rowCount() == 3:
        break
    QTest.qWait(50)
view = editor.step_list
viewport, window = view.viewport(), editor.windowHandle()
def at(point):
    return viewport.mapTo(editor, point)
source = view.visualRect(editor.step_model.index(0)).center()
last = view.visualRect(editor.step_model.index(2))
target = QPoint(last.center().x(), last.bottom() + 6)
def drop():
    QTest.mouseMove(window, at(target))
    QTest.mouseMove(window, at(target + QPoint(0, 1)))
    end = at(target + QPoint(0, 1))
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
QTimer.singleShot(300, drop)
QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(source))
QTest.mouseMove(window, at(source + QPoint(0, 3)))
QTest.mouseMove(window, at(source + QPoint(0, 40)))  # starts the drag; returns after the drop
print(json.dumps([row.title for row in editor.step_model.items()]))
session.close()
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb for a real drag")
def test_a_real_mouse_drag_reorders_steps(data_dir: Path) -> None:
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", REAL_DRAG],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "xcb", "ELEARN_DATA_DIR": str(data_dir)},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "SQL Basics",
        "SQL Basics Check",
        "Introduction to Python",
    ]


# ------------------------------------------------------------------ course insights page


@pytest.fixture
def progress_rows(instructor: SignedIn) -> None:
    """The demo learner's progress, plus a second module completed."""
    assert instructor.backend is not None
    with instructor.backend.uow() as uow:
        learner = uow.users.by_email("learner@demo.test")
        assert learner is not None
        uow.session.add(
            UserProgress(
                user_id=learner.id,
                entity_type="module",
                entity_id=demo_id("module:introduction-to-python:0"),
                status="completed",
                progress_percentage=100,
            )
        )
        uow.commit()


def test_insights_page_draws_three_charts(
    qtbot: QtBot, instructor: SignedIn, progress_rows: None
) -> None:
    page = CourseInsightsPage(instructor)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show_course(PYTHON)
    with qtbot.waitSignal(page.insights_changed, timeout=10_000) as shown:
        page.show()
    data = shown.args[0]
    assert data.title == "Introduction to Python"
    assert page.course_combo.currentText() == "Introduction to Python"
    assert page.summary.text() == (
        "1 learner enrolled · 0 completed the course · 0 graded attempts (0 passed) at "
        "SQL Basics Check"
    )
    charts = [page.findChild(QWidget, n) for n in ("enrollmentChart", "funnelChart", "scoreChart")]
    qtbot.waitUntil(lambda: all(c is not None and c.isVisible() for c in charts))
    funnel = charts[1].chart()
    [bars] = funnel.series()
    assert [bars.barSets()[0].at(i) for i in range(4)] == [0, 0, 1, 1]  # bottom-up
    assert funnel.axes(Qt.Orientation.Vertical)[0].categories() == [
        "3. Functions",
        "2. Control flow",
        "1. Getting started",
        "Enrolled",
    ]
    # Another course from the list.
    with qtbot.waitSignal(page.insights_changed, timeout=10_000) as other:
        page.course_combo.setCurrentIndex(page.course_combo.findText("SQL Basics"))
    assert other.args[0].title == "SQL Basics"
    assert page.summary.text().startswith("0 learners enrolled")


def test_insights_page_without_qtcharts_lists_the_numbers(
    qtbot: QtBot, instructor: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(insights_ui, "FORCE_NO_CHARTS", True)
    page = CourseInsightsPage(instructor)
    qtbot.addWidget(page)
    page.show_course(PYTHON)
    with qtbot.waitSignal(page.insights_changed, timeout=10_000):
        page.show()
    assert page.message.isVisible()
    assert "no QtCharts" in page.message.text()
    assert page.fallback.isVisible()
    assert page.fallback.toPlainText().startswith("Enrollments of 'Introduction to Python'")
    assert page.findChild(QWidget, "enrollmentChart") is None


def test_qtcharts_is_loaded_only_when_a_chart_is_drawn(data_dir: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "import elearn_desktop.ui.author.insights, elearn_desktop.ui.author.path_editor\n"
        "import elearn_desktop.ui.author.assessment_editor\n"
        "print('PySide6.QtCharts' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == "False"
