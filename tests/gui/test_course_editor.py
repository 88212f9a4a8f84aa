"""The Author workspace on a real embedded database, driven like a person would: typing,
clicking, key presses, drops; every change is checked in the database."""

from __future__ import annotations

import shutil
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from elearn_desktop.config import (
    EMBEDDED_DB_FILENAME,
    ENV_DATA_DIR,
    ENV_DATABASE_URL,
    DatabaseTarget,
)
from elearn_desktop.services import authoring, demo
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.authoring import CourseDraft
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.author.conflict_dialog import ConflictDialog
from elearn_desktop.ui.author.course_editor import CourseEditor
from elearn_desktop.ui.author.course_tree_model import MIME_TYPE, CourseTreeModel
from elearn_desktop.ui.author.publish_dialog import PublishDialog
from elearn_desktop.ui.author.video_dialog import VideoDialog
from elearn_desktop.ui.author.workspace import AuthorWorkspace

pytestmark = pytest.mark.gui

SQL_BASICS = demo.demo_id("course:sql-basics")
PYTHON = demo.demo_id("course:introduction-to-python")
DRAFT_COURSE = demo.demo_id("course:advanced-data-engineering")
TIMEOUT = 20_000


@pytest.fixture(scope="session")
def embedded_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded database migrated and loaded with the demo by a real first sign-in.

    Made once (the demo load hashes five passwords with argon2id); each test signs in to
    its own copy in ``data_dir``.
    """
    folder = tmp_path_factory.mktemp("author-embedded")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_DATA_DIR, str(folder))
        patch.delenv(ENV_DATABASE_URL, raising=False)
        sign_in(EMBEDDED_PROFILE, "instructor@demo.test", "teach-demo-2026").close()
    return folder


@pytest.fixture
def instructor(
    embedded_target: DatabaseTarget, data_dir: Path, embedded_demo: Path
) -> Iterator[SignedIn]:
    data_dir.mkdir(parents=True, exist_ok=True)
    for source in embedded_demo.iterdir():
        if source.name.startswith(EMBEDDED_DB_FILENAME):  # the file and any -wal / -shm
            shutil.copy2(source, data_dir / source.name)
    session = sign_in(EMBEDDED_PROFILE, "instructor@demo.test", "teach-demo-2026")
    yield session
    session.close()


@pytest.fixture
def workspace(qtbot: QtBot, instructor: SignedIn, tmp_path: Path) -> AuthorWorkspace:
    widget = AuthorWorkspace(instructor, media_dir=tmp_path / "media")
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.courses_page.model.rowCount() == 3, timeout=TIMEOUT)
    return widget


@pytest.fixture(scope="session")
def sample_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import imageio_ffmpeg

    out = tmp_path_factory.mktemp("gui-video") / "window-functions.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=3:size=96x64:rate=10",
            "-pix_fmt",
            "yuv420p",
            str(out),
        ],
        check=True,
    )
    return out


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Warning boxes are recorded instead of shown (a modal box would stall the test);
    a test that expects none fails on any."""
    shown: list[str] = []

    def warning(_parent: Any, title: str, text: str, *_a: Any, **_k: Any) -> Any:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    yield shown
    assert not shown, f"unexpected warnings: {shown}"


# ----------------------------------------------------------------------------- helpers


def stored(session: SignedIn, course_id: uuid.UUID) -> CourseDraft:
    """The course as the database holds it (read on the test's thread, not the GUI's)."""
    assert session.backend is not None
    return authoring.load_course(session.backend.uow, actor=session.user, course_id=course_id)


def titles(course: CourseDraft) -> list[tuple[str, list[str]]]:
    return [(m.title, [x.title for x in m.lessons]) for m in course.modules]


def open_editor(qtbot: QtBot, workspace: AuthorWorkspace, course_id: uuid.UUID) -> CourseEditor:
    workspace.courses_page.select(course_id)
    qtbot.mouseClick(workspace.courses_page.open_button, Qt.MouseButton.LeftButton)
    editor = workspace.editor
    qtbot.waitUntil(
        lambda: (
            editor.course is not None and editor.course.id == course_id and not editor.is_busy()
        ),
        timeout=TIMEOUT,
    )
    assert workspace.stack.currentWidget() is editor
    return editor


def saved(qtbot: QtBot, editor: CourseEditor) -> None:
    qtbot.waitUntil(lambda: not editor.is_busy(), timeout=TIMEOUT)


def focus_tree(qtbot: QtBot, editor: CourseEditor) -> None:
    editor.window().activateWindow()
    editor.tree.setFocus()
    qtbot.waitUntil(editor.tree.hasFocus, timeout=5_000)


def select(qtbot: QtBot, editor: CourseEditor, node_id: uuid.UUID) -> None:
    editor.select(node_id)
    focus_tree(qtbot, editor)


def on_modal(cls: type[QWidget], handler: Callable[[Any], None]) -> list[Any]:
    """Run ``handler`` on the next visible ``cls`` window (a modal dialog in its exec loop).

    If the handler fails, the dialog is closed, so the test fails instead of hanging.
    """
    seen: list[Any] = []

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, cls) and widget.isVisible():
                seen.append(widget)
                try:
                    handler(widget)
                finally:
                    if widget.isVisible():
                        widget.close()
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


# ---------------------------------------------------------------------------- models


def test_every_model_passes_qtmodeltester(
    qtbot: QtBot, qtmodeltester: Any, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    qtmodeltester.check(workspace.courses_page.model)
    qtmodeltester.check(workspace.courses_page.proxy)
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    qtmodeltester.check(editor.model)
    # Driven through service changes: the tree applies each result as a diff.
    module = editor.course.modules[1]  # type: ignore[union-attr]
    select(qtbot, editor, module.id)
    editor.add_lesson_action.trigger()
    saved(qtbot, editor)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    editor.duplicate_action.trigger()
    saved(qtbot, editor)
    qtmodeltester.check(editor.model)
    assert stored(instructor, SQL_BASICS) == editor.course
    # A fresh model over the same course, and an empty one.
    fresh = CourseTreeModel()
    fresh.set_course(editor.course)
    qtmodeltester.check(fresh)
    fresh.set_course(None)
    qtmodeltester.check(fresh)


# ------------------------------------------------------------------------- My courses


def test_my_courses_filters_by_text_and_status(qtbot: QtBot, workspace: AuthorWorkspace) -> None:
    page = workspace.courses_page
    qtbot.keyClicks(page.filter, "sql")
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "SQL Basics"
    page.filter.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findData("draft"))
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == [
        "Advanced Data Engineering"
    ]
    assert page.proxy.index(0, 1).data() == "Draft"
    assert (
        page.proxy.index(0, 6).data().startswith(("today", "yesterday"))
        or page.proxy.index(0, 6).data()
    )
    page.status_filter.setCurrentIndex(0)
    assert page.proxy.rowCount() == 3
    assert page.status.text() == "3 courses, 1 draft"


def test_create_duplicate_and_archive_from_my_courses(
    qtbot: QtBot,
    workspace: AuthorWorkspace,
    instructor: SignedIn,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Window functions", True))
    qtbot.mouseClick(workspace.courses_page.new_button, Qt.MouseButton.LeftButton)
    editor = workspace.editor
    qtbot.waitUntil(
        lambda: editor.course is not None and editor.course.title == "Window functions",
        timeout=TIMEOUT,
    )
    assert editor.course is not None
    assert (editor.course.slug, editor.course.status) == ("window-functions", "draft")
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.back_action), Qt.MouseButton.LeftButton)
    page = workspace.courses_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=TIMEOUT)

    page.select(SQL_BASICS)
    qtbot.mouseClick(page.duplicate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=TIMEOUT)
    copy = page.current()
    assert (copy.title, copy.status, copy.lesson_count) == ("SQL Basics (copy)", "draft", 4)
    # A draft cannot be archived: the button says why.
    assert not page.archive_button.isEnabled()
    assert "Only a published course" in page.archive_button.toolTip()

    page.select(SQL_BASICS)

    def confirm(dialog: PublishDialog) -> None:
        qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=TIMEOUT)
        assert dialog.heading.text() == "No learners are enrolled. Archive the course?"
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    seen = on_modal(PublishDialog, confirm)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert seen
    qtbot.waitUntil(lambda: stored(instructor, SQL_BASICS).status == "archived", timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: page.current() is not None and page.current().status == "archived",
        timeout=TIMEOUT,
    )


# ------------------------------------------------------------------------ tree editing


def test_inline_rename_by_typing_then_undo_and_redo_with_keys(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    joins = editor.course.modules[1]  # type: ignore[union-attr]
    select(qtbot, editor, joins.id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    assert line.text() == "Joins"
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "Joining tables")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: stored(instructor, SQL_BASICS).modules[1].title == "Joining tables",
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    assert editor.model.index_of(joins.id).data() == "2. Joining tables"
    assert editor.undo_action.text().replace("&", "") == "Undo Rename module 'Joins'"
    assert editor.edit_menu.actions()[0] is editor.undo_action

    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: stored(instructor, SQL_BASICS).modules[1].title == "Joins", timeout=TIMEOUT
    )
    saved(qtbot, editor)
    assert editor.model.index_of(joins.id).data() == "2. Joins"
    qtbot.keyClick(
        editor.tree,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: stored(instructor, SQL_BASICS).modules[1].title == "Joining tables",
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    assert editor.model.index_of(joins.id).data() == "2. Joining tables"


def _drop(qtbot: QtBot, editor: CourseEditor, mime: QMimeData, target: Any, *, above: bool) -> None:
    """Deliver a drag (enter, move) and a drop at ``target``'s row, as the window would."""
    viewport = editor.tree.viewport()
    rect = editor.tree.visualRect(target)
    pos = QPoint(rect.center().x(), rect.top() + 2 if above else rect.center().y())
    buttons = Qt.MouseButton.LeftButton
    for event in (
        QDragEnterEvent(
            pos, Qt.DropAction.MoveAction, mime, buttons, Qt.KeyboardModifier.NoModifier
        ),
        QDragMoveEvent(
            pos, Qt.DropAction.MoveAction, mime, buttons, Qt.KeyboardModifier.NoModifier
        ),
        QDropEvent(
            pos.toPointF(), Qt.DropAction.MoveAction, mime, buttons, Qt.KeyboardModifier.NoModifier
        ),
    ):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted(), type(event).__name__


def test_drag_and_drop_moves_a_lesson_to_another_module(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    course = editor.course
    assert course is not None
    where = course.modules[0].lessons[1]  # "WHERE"
    inner = course.modules[1].lessons[0]  # "INNER JOIN"
    select(qtbot, editor, where.id)
    # The drag's data is what the view would put on the clipboard of a drag.
    mime = editor.model.mimeData(editor.tree.selectionModel().selectedRows(0))
    assert mime.hasFormat(MIME_TYPE)
    # Dropped onto "INNER JOIN": it goes before it, in the module "Joins".
    _drop(qtbot, editor, mime, editor.model.index_of(inner.id), above=False)
    qtbot.waitUntil(
        lambda: (
            titles(stored(instructor, SQL_BASICS))
            == [
                ("Selecting data", ["SELECT and FROM"]),
                ("Joins", ["WHERE", "INNER JOIN", "Outer joins explained"]),
            ]
        ),
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    assert [x.order_index for m in editor.course.modules for x in m.lessons] == [0, 0, 1, 2]  # type: ignore[union-attr]
    # The tree followed, and the moved lesson stays selected.
    assert editor.model.index_of(where.id).parent() == editor.model.index_of(course.modules[1].id)
    assert editor.tree.currentIndex() == editor.model.index_of(where.id)
    # A module dropped onto the first module goes before it (the model's own drop path).
    modules = [editor.model.index_of(m.id) for m in course.modules]
    mime = editor.model.mimeData([modules[1]])
    assert editor.model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, modules[0])
    assert not editor.model.canDropMimeData(
        editor.model.mimeData([editor.model.index_of(where.id)]),
        Qt.DropAction.MoveAction,
        0,
        0,
        editor.model.index_of(SQL_BASICS),
    ), "a lesson cannot sit between modules"
    assert editor.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, modules[0])
    qtbot.waitUntil(
        lambda: (
            [m.title for m in stored(instructor, SQL_BASICS).modules] == ["Joins", "Selecting data"]
        ),
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    # Both moves are undoable, one step each.
    focus_tree(qtbot, editor)
    for _ in range(2):
        qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: titles(stored(instructor, SQL_BASICS)) == titles(course), timeout=TIMEOUT
    )


def test_alt_up_and_down_move_with_the_keyboard(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    course = editor.course
    assert course is not None
    select_from = course.modules[0].lessons[0]  # "SELECT and FROM"
    select(qtbot, editor, select_from.id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: titles(stored(instructor, SQL_BASICS))[0][1] == ["WHERE", "SELECT and FROM"],
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    # At the bottom of its module, Alt+Down takes it to the top of the next module.
    assert editor.tree.currentIndex() == editor.model.index_of(select_from.id)
    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: (
            titles(stored(instructor, SQL_BASICS))
            == [
                ("Selecting data", ["WHERE"]),
                ("Joins", ["SELECT and FROM", "INNER JOIN", "Outer joins explained"]),
            ]
        ),
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: titles(stored(instructor, SQL_BASICS))[0][1] == ["WHERE", "SELECT and FROM"],
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    # Modules move too, and order_index stays dense.
    select(qtbot, editor, course.modules[1].id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(
        lambda: (
            [m.title for m in stored(instructor, SQL_BASICS).modules] == ["Joins", "Selecting data"]
        ),
        timeout=TIMEOUT,
    )
    final = stored(instructor, SQL_BASICS)
    assert [m.order_index for m in final.modules] == [0, 1]
    assert [[x.order_index for x in m.lessons] for m in final.modules] == [[0, 1], [0, 1]]


def test_delete_asks_naming_what_goes_and_undo_brings_it_back(
    qtbot: QtBot,
    workspace: AuthorWorkspace,
    instructor: SignedIn,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    before = stored(instructor, SQL_BASICS)
    joins = before.modules[1]
    questions: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    select(qtbot, editor, joins.id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert questions[-1].startswith("Delete module 'Joins' and its 2 lessons?")
    saved(qtbot, editor)
    assert stored(instructor, SQL_BASICS) == before  # "No" deletes nothing

    answer[0] = QMessageBox.StandardButton.Yes
    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(stored(instructor, SQL_BASICS).modules) == 1, timeout=TIMEOUT)
    saved(qtbot, editor)
    assert editor.undo_action.text().replace("&", "") == "Undo Delete module 'Joins'"
    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(stored(instructor, SQL_BASICS).modules) == 2, timeout=TIMEOUT)
    restored = stored(instructor, SQL_BASICS)
    # The very same rows are back (ids, titles, order), not look-alikes.
    assert [(m.id, [x.id for x in m.lessons]) for m in restored.modules] == [
        (m.id, [x.id for x in m.lessons]) for m in before.modules
    ]

    # Several items at once: one question naming each, one undo step (a macro).
    saved(qtbot, editor)
    lesson = restored.modules[0].lessons[1]
    editor.select(restored.modules[1].id)
    editor.tree.selectionModel().select(
        editor.model.index_of(lesson.id),
        editor.tree.selectionModel().SelectionFlag.Select
        | editor.tree.selectionModel().SelectionFlag.Rows,
    )
    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert questions[-1].startswith(
        "Delete 2 items: lesson 'WHERE', module 'Joins' (2 lessons)?"
    ) or questions[-1].startswith("Delete 2 items: module 'Joins' (2 lessons), lesson 'WHERE'?")
    qtbot.waitUntil(lambda: stored(instructor, SQL_BASICS).lesson_count == 1, timeout=TIMEOUT)
    saved(qtbot, editor)
    assert editor.undo_stack.undoText() == "Delete 2 items"
    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(instructor, SQL_BASICS).lesson_count == 4, timeout=TIMEOUT)


# ----------------------------------------------------------------------- property panel


def test_property_panel_validates_marks_dirty_and_saves(
    qtbot: QtBot,
    workspace: AuthorWorkspace,
    instructor: SignedIn,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = open_editor(qtbot, workspace, DRAFT_COURSE)
    panel = editor.panel
    select(qtbot, editor, DRAFT_COURSE)
    title = panel.course_title.widget
    type_into(qtbot, title, "")
    assert panel.course_title.error.isVisible()
    assert panel.course_title.error.text() == "Give the course a title."
    assert panel.dirty_label.isVisible()
    assert editor.state_label.text() == "● Unsaved changes"
    assert not panel.save_button.isEnabled()
    qtbot.keyClicks(title, "Data Pipelines")
    assert not panel.course_title.error.isVisible()
    assert panel.course_slug.widget.text() == "data-pipelines"  # follows the title
    level = panel.course_level.widget
    level.setCurrentText("")
    qtbot.keyClicks(level.lineEdit(), "x" * 51)
    assert panel.course_level.error.text() == "The level is 51 characters long; the limit is 50."
    type_into(qtbot, level.lineEdit(), "intermediate")
    # Closing now asks; "Cancel" keeps the edit.
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel
    )
    assert workspace.confirm_close() is False
    assert panel.is_dirty()
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: stored(instructor, DRAFT_COURSE).title == "Data Pipelines", timeout=TIMEOUT
    )
    saved(qtbot, editor)
    course = stored(instructor, DRAFT_COURSE)
    assert (course.slug, course.level) == ("data-pipelines", "intermediate")
    assert not panel.is_dirty()
    assert workspace.confirm_close() is True
    assert editor.state_label.text() == "All changes saved"

    # A slug typed by hand is checked for uniqueness next to the field.
    panel.auto_slug.setChecked(False)
    type_into(qtbot, panel.course_slug.widget, "sql-basics")
    qtbot.waitUntil(
        lambda: (
            panel.course_slug.error.text()
            == "The slug 'sql-basics' is already used by 'SQL Basics'."
        ),
        timeout=TIMEOUT,
    )
    assert not panel.save_button.isEnabled()
    type_into(qtbot, panel.course_slug.widget, "Bad Slug")
    assert "lower-case letters" in panel.course_slug.error.text()
    # Closing with the edit asks; "Discard" drops it.
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )
    assert workspace.confirm_close() is True
    assert panel.course_slug.widget.text() == "data-pipelines"
    assert stored(instructor, DRAFT_COURSE).slug == "data-pipelines"


def test_thumbnail_picker_copies_the_image_and_previews_it(
    qtbot: QtBot,
    workspace: AuthorWorkspace,
    instructor: SignedIn,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QFileDialog

    picture = tmp_path / "cover.png"
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("#1565c0"))
    assert image.save(str(picture))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(picture), ""))
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    select(qtbot, editor, SQL_BASICS)
    panel = editor.panel
    qtbot.mouseClick(panel.thumbnail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.course_thumbnail.widget.text() != "", timeout=TIMEOUT)
    address = panel.course_thumbnail.widget.text()
    assert address.startswith("file://")
    assert address.endswith("-cover.png")
    copied = workspace.media_dir / "thumbnails" / address.rsplit("/", 1)[1]
    assert copied.read_bytes() == picture.read_bytes()
    qtbot.waitUntil(lambda: not panel.thumbnail_preview.pixmap().isNull(), timeout=TIMEOUT)
    assert panel.is_dirty()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: stored(instructor, SQL_BASICS).thumbnail_url == address, timeout=TIMEOUT
    )


def test_lesson_fields_are_saved_with_enter_and_undone(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, DRAFT_COURSE)
    lesson = editor.course.modules[0].lessons[0]  # type: ignore[union-attr]
    select(qtbot, editor, lesson.id)
    panel = editor.panel
    assert panel.heading.text() == "Lesson"
    spin = panel.lesson_duration.widget
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "12")
    type_into(qtbot, panel.lesson_title.widget, "Batch vs. streaming")
    qtbot.keyClick(panel.lesson_title.widget, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            stored(instructor, DRAFT_COURSE).modules[0].lessons[0].title == "Batch vs. streaming"
        ),
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    course = stored(instructor, DRAFT_COURSE)
    assert course.modules[0].lessons[0].duration_minutes == 12
    assert course.duration_minutes == 12  # derived from the lessons
    assert "12 min" in editor.model.index_of(DRAFT_COURSE, 2).data()
    editor.undo_action.trigger()
    qtbot.waitUntil(
        lambda: (
            stored(instructor, DRAFT_COURSE).modules[0].lessons[0].title == "Batch and streaming"
        ),
        timeout=TIMEOUT,
    )
    assert stored(instructor, DRAFT_COURSE).duration_minutes == 5


def test_conflict_dialog_shows_both_versions_and_keeps_mine(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    select(qtbot, editor, SQL_BASICS)
    # Someone else saves a newer description after this editor loaded the course.
    assert instructor.backend is not None
    theirs = authoring.update_course_fields(
        instructor.backend.uow,
        actor=instructor.user,
        course_id=SQL_BASICS,
        expected_updated_at=None,
        description="Their description.",
    )
    panel = editor.panel
    type_into(qtbot, panel.course_description.widget, "My description.")
    shown: list[list[str]] = []

    def keep_mine(dialog: ConflictDialog) -> None:
        table = dialog.table
        shown.extend([table.item(r, c).text() for c in range(3)] for r in range(table.rowCount()))
        dialog.grab().save("/tmp/author-conflict-dialog.png")
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)

    seen = on_modal(ConflictDialog, keep_mine)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert shown == [["Description", "My description.", "Their description."]]
    qtbot.waitUntil(
        lambda: stored(instructor, SQL_BASICS).description == "My description.", timeout=TIMEOUT
    )
    saved(qtbot, editor)
    assert stored(instructor, SQL_BASICS).updated_at != theirs.updated_at
    # The kept edit is one undo step, back to their version.
    assert editor.undo_stack.count() == 1
    editor.undo_action.trigger()
    qtbot.waitUntil(
        lambda: stored(instructor, SQL_BASICS).description == "Their description.",
        timeout=TIMEOUT,
    )


def test_conflict_dialog_take_theirs_discards_my_edit(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    module = editor.course.modules[0]  # type: ignore[union-attr]
    select(qtbot, editor, module.id)
    assert instructor.backend is not None
    authoring.update_module_fields(
        instructor.backend.uow,
        actor=instructor.user,
        module_id=module.id,
        expected_updated_at=None,
        title="Their title",
    )
    type_into(qtbot, editor.panel.module_title.widget, "My title")
    seen = on_modal(
        ConflictDialog,
        lambda d: qtbot.mouseClick(d.take_button, Qt.MouseButton.LeftButton),
    )
    qtbot.keyClick(editor.panel.module_title.widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: editor.panel.module_title.widget.text() == "Their title", timeout=TIMEOUT
    )
    saved(qtbot, editor)
    assert stored(instructor, SQL_BASICS).modules[0].title == "Their title"
    assert editor.undo_stack.count() == 0  # the failed edit left no history


def test_a_failed_step_is_said_in_words_and_leaves_no_history(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn, warnings_shown: list[str]
) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    joins = editor.course.modules[1]  # type: ignore[union-attr]
    assert instructor.backend is not None
    # Another window deletes the module this editor still shows.
    authoring.delete_module(instructor.backend.uow, actor=instructor.user, module_id=joins.id)
    select(qtbot, editor, joins.id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, " and keys")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(warnings_shown), timeout=TIMEOUT)
    assert warnings_shown == [
        "The change was not saved: This module no longer exists: it may have been deleted "
        "meanwhile."
    ]
    warnings_shown.clear()
    # The failed command is gone and the tree shows the course as it now is.
    qtbot.waitUntil(lambda: not editor.model.index_of(joins.id).isValid(), timeout=TIMEOUT)
    saved(qtbot, editor)
    assert editor.undo_stack.count() == 0
    assert editor.status_label.text() == (
        "This module no longer exists: it may have been deleted meanwhile."
    )


# ---------------------------------------------------------------------------- dialogs


# Decoding frames for the preview offscreen (no GPU) is done on the CPU, which Qt notes.
@pytest.mark.qt_log_ignore("No RHI backend")
def test_video_dialog_attaches_a_file_by_typing_its_path(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn, sample_video: Path
) -> None:
    editor = open_editor(qtbot, workspace, DRAFT_COURSE)
    lesson = editor.course.modules[0].lessons[0]  # type: ignore[union-attr]
    select(qtbot, editor, lesson.id)

    def attach(dialog: VideoDialog) -> None:
        qtbot.keyClicks(dialog.path_edit, str(sample_video))
        assert dialog.title_edit.text() == "window functions"
        type_into(qtbot, dialog.title_edit, "Window functions clip")
        qtbot.waitUntil(dialog.attach_button.isEnabled, timeout=TIMEOUT)
        assert dialog.status_label.text() == "Length 0:03 — ready to attach."
        # The first frame shows on load (give it a moment; the screenshot is for people).
        qtbot.waitUntil(lambda: not dialog.preview.screen.pixmap().isNull(), timeout=TIMEOUT)
        dialog.grab().save("/tmp/author-video-dialog.png")
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)

    seen = on_modal(VideoDialog, attach)
    qtbot.mouseClick(editor.panel.attach_button, Qt.MouseButton.LeftButton)
    assert seen
    qtbot.waitUntil(
        lambda: stored(instructor, DRAFT_COURSE).modules[0].lessons[0].video is not None,
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    video = stored(instructor, DRAFT_COURSE).modules[0].lessons[0].video
    assert video is not None
    assert (video.title, video.provider, video.status, video.duration_minutes) == (
        "Window functions clip",
        "file",
        "ready",
        1,
    )
    assert (workspace.media_dir / video.provider_id).read_bytes() == sample_video.read_bytes()
    assert editor.model.index_of(lesson.id, 1).data() == "Video"
    assert "Window functions clip" in editor.panel.video_label.text()
    focus_tree(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: stored(instructor, DRAFT_COURSE).modules[0].lessons[0].video is None,
        timeout=TIMEOUT,
    )


@pytest.mark.qt_log_ignore("Could not open media", "No RHI backend")
def test_video_dialog_refuses_a_broken_file_in_words(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn, tmp_path: Path
) -> None:
    editor = open_editor(qtbot, workspace, DRAFT_COURSE)
    lesson = editor.course.modules[0].lessons[0]  # type: ignore[union-attr]
    before = stored(instructor, DRAFT_COURSE)
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"this is not a video" * 100)
    select(qtbot, editor, lesson.id)
    messages: list[str] = []

    def try_broken(dialog: VideoDialog) -> None:
        qtbot.keyClicks(dialog.path_edit, str(broken))
        qtbot.waitUntil(lambda: "cannot be attached" in dialog.status_label.text(), timeout=TIMEOUT)
        messages.append(dialog.status_label.text())
        assert not dialog.attach_button.isEnabled()
        # A web address that is not one is said so, too.
        dialog.from_url.setChecked(True)
        qtbot.keyClicks(dialog.url_edit, "ftp://example.org/a.mp4")
        qtbot.waitUntil(lambda: "not a web address" in dialog.status_label.text(), timeout=TIMEOUT)
        assert not dialog.attach_button.isEnabled()
        dialog.reject()

    seen = on_modal(VideoDialog, try_broken)
    qtbot.mouseClick(editor.panel.attach_button, Qt.MouseButton.LeftButton)
    assert seen
    assert messages[0].startswith("'broken.mp4' cannot be attached:")
    saved(qtbot, editor)
    assert stored(instructor, DRAFT_COURSE) == before


def test_publish_dialog_lists_problems_then_publishes(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, DRAFT_COURSE)
    select(qtbot, editor, DRAFT_COURSE)
    editor.add_module_action.trigger()  # an empty module blocks publishing
    saved(qtbot, editor)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    select(qtbot, editor, DRAFT_COURSE)
    problems: list[str] = []

    def look(dialog: PublishDialog) -> None:
        qtbot.waitUntil(lambda: dialog.problem_list.count() > 0, timeout=TIMEOUT)
        problems.extend(
            dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())
        )
        assert dialog.heading.text() == "Fix this before publishing:"
        assert not dialog.confirm_button.isEnabled()
        dialog.grab().save("/tmp/author-publish-dialog.png")
        dialog.reject()

    seen = on_modal(PublishDialog, look)
    qtbot.mouseClick(editor.panel.publish_button, Qt.MouseButton.LeftButton)
    assert seen
    assert problems == ["Module 2 'New module' has no lessons."]
    assert stored(instructor, DRAFT_COURSE).status == "draft"

    editor.undo_action.trigger()  # remove the empty module again
    qtbot.waitUntil(lambda: len(stored(instructor, DRAFT_COURSE).modules) == 1, timeout=TIMEOUT)
    saved(qtbot, editor)

    def publish(dialog: PublishDialog) -> None:
        qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=TIMEOUT)
        assert dialog.heading.text() == "Ready to publish."
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    seen = on_modal(PublishDialog, publish)
    qtbot.mouseClick(editor.panel.publish_button, Qt.MouseButton.LeftButton)
    assert seen
    qtbot.waitUntil(lambda: stored(instructor, DRAFT_COURSE).status == "published", timeout=TIMEOUT)
    saved(qtbot, editor)
    assert editor.title_label.text() == "Advanced Data Engineering  ·  Published"
    assert editor.undo_action.text().replace("&", "") == "Undo Publish 'Advanced Data Engineering'"
    editor.undo_action.trigger()
    qtbot.waitUntil(lambda: stored(instructor, DRAFT_COURSE).status == "draft", timeout=TIMEOUT)


def test_unpublishing_warns_about_enrolled_learners(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn
) -> None:
    editor = open_editor(qtbot, workspace, PYTHON)  # the demo learner studies it
    select(qtbot, editor, PYTHON)
    headings: list[str] = []

    def confirm(dialog: PublishDialog) -> None:
        qtbot.waitUntil(dialog.confirm_button.isEnabled, timeout=TIMEOUT)
        headings.append(dialog.heading.text())
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    on_modal(PublishDialog, confirm)
    qtbot.mouseClick(editor.panel.unpublish_button, Qt.MouseButton.LeftButton)
    assert headings == ["1 learner is enrolled. Really unpublish it?"]
    qtbot.waitUntil(lambda: stored(instructor, PYTHON).status == "draft", timeout=TIMEOUT)
    saved(qtbot, editor)
    assert editor.status_label.text() == "Draft: 1 learner is enrolled."


def test_preview_as_learner_asks_for_the_course(qtbot: QtBot, workspace: AuthorWorkspace) -> None:
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    button = editor.toolbar.widgetForAction(editor.preview_action)
    with qtbot.waitSignal(workspace.preview_requested, timeout=5_000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [SQL_BASICS]


def test_screenshots_of_my_courses_and_the_editor(qtbot: QtBot, workspace: AuthorWorkspace) -> None:
    workspace.grab().save("/tmp/author-my-courses.png")
    editor = open_editor(qtbot, workspace, SQL_BASICS)
    select(qtbot, editor, editor.course.modules[1].lessons[0].id)  # type: ignore[union-attr]
    qtbot.wait(50)
    workspace.grab().save("/tmp/author-editor.png")


# ------------------------------------------------------------ lazy lessons (issue #8)
#
# A course of 1,000 modules opens lazily in the app: modules first, a module's lessons when
# it is expanded. Here the limits are lowered so that the demo's "Introduction to Python"
# (3 modules × 2 lessons) opens the same way.


@pytest.fixture(params=["here", "queued"])
def fetched(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[uuid.UUID]:
    """Every course opens lazily; the modules whose lessons the editor fetched, in order.

    "here": the embedded database, where a fetch runs on the GUI thread when nothing is
    queued; "queued": as with a server, every fetch through the editor's queue."""
    monkeypatch.setattr(CourseEditor, "EAGER_MODULES", 0)
    monkeypatch.setattr(CourseEditor, "EXPAND_ALL_LIMIT", 0)
    here = request.param == "here"
    if not here:
        monkeypatch.setattr(authoring, "database_is_local", lambda _uow: False)
    seen: list[uuid.UUID] = []
    real = authoring.load_module

    def load_module(*args: Any, **kwargs: Any) -> Any:
        on_gui_thread = threading.current_thread() is threading.main_thread()
        assert on_gui_thread == here, "fetched on the wrong thread"
        seen.append(kwargs["module_id"])
        return real(*args, **kwargs)

    monkeypatch.setattr(authoring, "load_module", load_module)
    return seen


def open_lazily(qtbot: QtBot, workspace: AuthorWorkspace) -> CourseEditor:
    editor = open_editor(qtbot, workspace, PYTHON)
    # The lessons are counted after the outline's first paint.
    qtbot.waitUntil(
        lambda: all(m.lesson_count is not None for m in editor.course.modules),  # type: ignore[union-attr]
        timeout=TIMEOUT,
    )
    saved(qtbot, editor)
    return editor


def expand(qtbot: QtBot, editor: CourseEditor, module_id: uuid.UUID) -> QModelIndex:
    index = editor.model.index_of(module_id)
    editor.tree.expand(index)
    qtbot.waitUntil(
        lambda: editor.model.rowCount(index) > 0 and editor.tree.isExpanded(index),
        timeout=TIMEOUT,
    )
    return index


def loaded(editor: CourseEditor) -> list[bool]:
    assert editor.course is not None
    return [m.lessons_loaded for m in editor.course.modules]


def test_a_big_course_opens_as_an_outline_and_fetches_a_module_when_expanded(
    qtbot: QtBot,
    qtmodeltester: Any,
    workspace: AuthorWorkspace,
    instructor: SignedIn,
    fetched: list[uuid.UUID],
) -> None:
    full = stored(instructor, PYTHON)
    editor = open_lazily(qtbot, workspace)
    model, tree = editor.model, editor.tree
    root = model.index(0, 0)
    assert tree.isExpanded(root)
    assert [model.index(r, 0, root).data() for r in range(model.rowCount(root))] == [
        f"{n}. {m.title}" for n, m in enumerate(full.modules, start=1)
    ]
    # No lesson is loaded, none was fetched; the modules still say what they hold.
    assert fetched == []
    assert loaded(editor) == [False, False, False]
    for row, module in enumerate(full.modules):
        index = model.index(row, 0, root)
        assert model.rowCount(index) == 0
        assert model.hasChildren(index)
        assert model.canFetchMore(index)
        assert not tree.isExpanded(index)
        assert model.index(row, 1, root).data() == f"{len(module.lessons)} lessons"
    assert editor.delete_question([editor.course.modules[0]]) == (  # type: ignore[union-attr]
        f"Delete module '{full.modules[0].title}' and its 2 lessons?"
    )

    second = full.modules[1]
    index = expand(qtbot, editor, second.id)
    assert fetched == [second.id]
    assert [model.index(r, 0, index).data() for r in range(model.rowCount(index))] == [
        f"{n}. {x.title}" for n, x in enumerate(second.lessons, start=1)
    ]
    assert loaded(editor) == [False, True, False]
    assert editor.course.module(second.id) == second  # type: ignore[union-attr]
    assert editor.context is not None
    assert editor.context.lessons_of() == {second.id}
    tree.grab().save("/tmp/author-lazy-tree.png")

    # Collapsing and expanding again fetches nothing more.
    tree.collapse(index)
    tree.expand(index)
    saved(qtbot, editor)
    assert tree.isExpanded(index)
    assert model.rowCount(index) == len(second.lessons)
    assert fetched == [second.id]
    # Loaded and unloaded modules side by side (the tester's fetchMore loads the others).
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: all(loaded(editor)), timeout=TIMEOUT)
    saved(qtbot, editor)
    qtmodeltester.check(model)


def test_edits_in_a_loaded_module_save_while_others_stay_unloaded_and_undo_across_a_fetch(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn, fetched: list[uuid.UUID]
) -> None:
    full = stored(instructor, PYTHON)
    first, _second, third = full.modules
    editor = open_lazily(qtbot, workspace)
    model = editor.model
    expand(qtbot, editor, first.id)
    lesson = first.lessons[0]
    assert model.setData(model.index_of(lesson.id), "Installing Python 3")  # inline rename
    saved(qtbot, editor)
    assert stored(instructor, PYTHON).lesson(lesson.id).title == "Installing Python 3"  # type: ignore[union-attr]
    assert model.index_of(lesson.id).data() == "1. Installing Python 3"
    assert loaded(editor) == [True, False, False]
    assert model.rowCount(model.index_of(third.id)) == 0

    # Undo after another module was fetched: both stay loaded, the rename is undone.
    expand(qtbot, editor, third.id)
    editor.undo_action.trigger()
    saved(qtbot, editor)
    assert stored(instructor, PYTHON).lesson(lesson.id).title == lesson.title  # type: ignore[union-attr]
    assert model.index_of(lesson.id).data() == f"1. {lesson.title}"
    assert loaded(editor) == [True, False, True]
    assert model.rowCount(model.index_of(third.id)) == len(third.lessons)
    editor.redo_action.trigger()
    saved(qtbot, editor)
    assert stored(instructor, PYTHON).lesson(lesson.id).title == "Installing Python 3"  # type: ignore[union-attr]
    # What the editor shows of the loaded modules is what the database holds.
    now = stored(instructor, PYTHON)
    assert editor.course is not None
    for mine, theirs in zip(editor.course.modules, now.modules, strict=True):
        assert mine.lessons == (theirs.lessons if mine.lessons_loaded else ())
        assert (mine.lesson_count, mine.minutes) == (theirs.lesson_count, theirs.minutes)
    assert fetched == [first.id, third.id]


def test_a_lesson_moved_into_an_unloaded_module_loads_it_and_goes_last(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn, fetched: list[uuid.UUID]
) -> None:
    before = stored(instructor, PYTHON)
    first, second, third = before.modules
    editor = open_lazily(qtbot, workspace)
    model = editor.model
    expand(qtbot, editor, second.id)
    # Alt+Up on the first lesson of a module: to the end of the (unloaded) one above.
    moving = second.lessons[0]
    select(qtbot, editor, moving.id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    saved(qtbot, editor)
    after = stored(instructor, PYTHON)
    assert [x.id for x in after.modules[0].lessons] == [*(x.id for x in first.lessons), moving.id]
    assert loaded(editor) == [True, True, False]
    first_index = model.index_of(first.id)
    assert model.rowCount(first_index) == len(first.lessons) + 1
    assert model.index(len(first.lessons), 0, first_index).data() == f"3. {moving.title}"
    assert editor.tree.currentIndex() == model.index_of(moving.id)

    # A drop on a collapsed, unloaded module puts the lesson at its end too.
    dropped = second.lessons[1]
    data = model.mimeData([model.index_of(dropped.id)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(third.id))
    saved(qtbot, editor)
    assert [x.id for x in stored(instructor, PYTHON).modules[2].lessons] == [
        *(x.id for x in third.lessons),
        dropped.id,
    ]
    assert loaded(editor) == [True, True, True]
    assert fetched == [second.id]  # the moves loaded the others

    editor.undo_action.trigger()
    editor.undo_action.trigger()
    saved(qtbot, editor)
    assert titles(stored(instructor, PYTHON)) == titles(before)
    assert titles(editor.course) == titles(before)  # type: ignore[arg-type]


def test_a_conflict_on_a_lazily_loaded_lesson_shows_the_dialog_and_reload_keeps_it_loaded(
    qtbot: QtBot, workspace: AuthorWorkspace, instructor: SignedIn, fetched: list[uuid.UUID]
) -> None:
    full = stored(instructor, PYTHON)
    editor = open_lazily(qtbot, workspace)
    third = full.modules[2]
    expand(qtbot, editor, third.id)
    lesson = third.lessons[1]
    assert instructor.backend is not None
    # Someone else renames the lesson after this editor fetched it.
    authoring.update_lesson_fields(
        instructor.backend.uow,
        actor=instructor.user,
        lesson_id=lesson.id,
        expected_updated_at=None,
        title="Their title",
    )
    seen = on_modal(
        ConflictDialog, lambda d: qtbot.mouseClick(d.take_button, Qt.MouseButton.LeftButton)
    )
    assert editor.model.setData(editor.model.index_of(lesson.id), "My title")
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: editor.model.index_of(lesson.id).data() == "2. Their title", timeout=TIMEOUT
    )
    saved(qtbot, editor)
    assert stored(instructor, PYTHON).lesson(lesson.id).title == "Their title"  # type: ignore[union-attr]
    assert editor.undo_stack.count() == 0
    assert loaded(editor) == [False, False, True]
    assert fetched == [third.id]
