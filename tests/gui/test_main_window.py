"""The main window on a real embedded database: workspaces show real data, by role."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.application import build_window
from elearn_desktop.ui.main_window import WORKSPACES, MainWindow

pytestmark = pytest.mark.gui


def _open(qtbot: QtBot, session: SignedIn) -> MainWindow:
    window = build_window()
    qtbot.addWidget(window)
    window.set_session(session)
    with qtbot.waitExposed(window):
        window.show()
    return window


def _visible_workspaces(window: MainWindow) -> list[str]:
    return [w.key for row, w in enumerate(WORKSPACES) if not window.sidebar.item(row).isHidden()]


def _catalog(window: MainWindow) -> Any:
    assert window.learn is not None
    return window.learn.catalog


def test_catalog_shows_published_courses_from_the_database(qtbot: QtBot, admin: SignedIn) -> None:
    window = _open(qtbot, admin)
    catalog = _catalog(window)
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 2, timeout=20_000)
    titles = {c.title for c in catalog.model.records()}
    # Published demo courses only; the draft stays out of the catalog.
    assert titles == {"Introduction to Python", "SQL Basics"}
    assert "Embedded database" in window.connection_label.text()
    assert catalog.status.text() == "2 published courses"


def test_status_bar_says_who_is_signed_in_and_where(qtbot: QtBot, admin: SignedIn) -> None:
    window = _open(qtbot, admin)
    assert window.user_label.text() == (
        "Signed in as Ada Admin (learner, instructor, support, admin)"
    )
    assert "admin@demo.test on Embedded database" in window.user_label.toolTip()


@pytest.mark.parametrize(
    ("email", "password", "expected"),
    [
        ("learner@demo.test", "learn-demo-2026", ["learn"]),
        ("instructor@demo.test", "teach-demo-2026", ["learn", "author"]),
        ("support@demo.test", "help-demo-2026", ["learn", "support"]),
        ("admin@demo.test", "admin-demo-2026", ["learn", "author", "support"]),
    ],
)
def test_sidebar_shows_only_the_workspaces_the_roles_allow(
    qtbot: QtBot, embedded_target: DatabaseTarget, email: str, password: str, expected: list[str]
) -> None:
    session = sign_in(EMBEDDED_PROFILE, email, password)
    try:
        window = _open(qtbot, session)
        assert _visible_workspaces(window) == expected
        for workspace in WORKSPACES:
            action = window.workspace_actions[workspace.key]
            assert action.isEnabled() == (workspace.key in expected)
        # A shortcut to a workspace the person may not use does nothing.
        with qtbot.waitActive(window):
            window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert window.current_workspace() == ("support" if "support" in expected else "learn")
    finally:
        session.close()


def test_catalog_reflects_database_changes_on_refresh(qtbot: QtBot, admin: SignedIn) -> None:
    window = _open(qtbot, admin)
    catalog = _catalog(window)
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 2, timeout=20_000)
    assert admin.backend is not None
    with admin.backend.uow() as uow:
        draft = uow.courses.by_slug("advanced-data-engineering")
        assert draft is not None
        draft.status = "published"
        uow.commit()
    window.refresh()
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 3, timeout=10_000)
    assert "Advanced Data Engineering" in {c.title for c in catalog.model.records()}


def test_search_filters_catalog(qtbot: QtBot, admin: SignedIn) -> None:
    window = _open(qtbot, admin)
    catalog = _catalog(window)
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 2, timeout=20_000)
    qtbot.keyClicks(catalog.search, "sql")
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 1, timeout=10_000)
    assert catalog.model.records()[0].title == "SQL Basics"
    catalog.search.clear()
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 2, timeout=10_000)


def test_workspace_shortcuts_switch_pages(qtbot: QtBot, admin: SignedIn) -> None:
    window = _open(qtbot, admin)
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(window.workspace_changed) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["support"]
    assert window.stack.currentWidget() is window.support
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_workspace() == "author"
    assert window.stack.currentWidget() is window.author


def test_opening_a_lesson_shows_the_player_over_the_learn_workspace(
    qtbot: QtBot, admin: SignedIn
) -> None:
    from elearn_desktop.services.demo import demo_id

    window = _open(qtbot, admin)
    window.sidebar.setCurrentRow(1)
    window.open_lesson(demo_id("lesson:introduction-to-python:0:1"))  # a text lesson
    assert window.current_workspace() == "learn"
    assert window.learn is not None
    assert window.learn.current_page() is window.player
    with qtbot.waitSignal(window.player.lesson_loaded, timeout=20_000) as loaded:  # type: ignore[union-attr]
        pass
    assert loaded.args[0].title == "Installing Python"
    window.learn.go_back()
    assert window.learn.current_page() is not window.player


def test_offline_session_says_so(qtbot: QtBot, admin: SignedIn) -> None:
    offline = SignedIn(user=admin.user, profile=admin.profile, backend=None, offline=True)
    window = _open(qtbot, offline)
    assert window.connection_label.text().startswith("○ Offline")
    assert "(offline)" in window.user_label.toolTip()


def test_window_state_is_saved_and_restored(qtbot: QtBot, admin: SignedIn) -> None:
    window = _open(qtbot, admin)
    window.sidebar.setCurrentRow(2)
    window.close()
    assert QSettings().value("mainWindow/workspace") in (2, "2")
    again = build_window()
    qtbot.addWidget(again)
    assert again.current_workspace() == "support"


def test_about_shows_app_qt_and_database_server_versions(
    qtbot: QtBot, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    window = _open(qtbot, admin)
    about = next(a for a in window.actions() if a.text() == "&About elearn")
    about.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "elearn-desktop 0.1.0" in shown[0]
    assert f"Qt {qVersion()}" in shown[0]
    assert "Database server: SQLite 3." in shown[0]


def test_preview_as_learner_plays_without_recording(
    qtbot: QtBot, embedded_target: DatabaseTarget
) -> None:
    from elearn_desktop.services import progress
    from elearn_desktop.services.demo import demo_id

    session = sign_in(EMBEDDED_PROFILE, "instructor@demo.test", "teach-demo-2026")
    try:
        window = _open(qtbot, session)
        course = demo_id("course:sql-basics")
        window.preview_course(course)
        qtbot.waitUntil(lambda: window.player is not None, timeout=20_000)
        assert window.player.preview  # type: ignore[union-attr]
        qtbot.waitSignal(window.player.lesson_loaded, timeout=20_000)  # type: ignore[union-attr]
        window.player.close_lesson()  # type: ignore[union-attr]
        assert session.backend is not None
        state = progress.course_progress(
            session.backend.uow, user_id=session.user.id, course_id=course
        )
        assert state.percentage == 0
        assert not state.enrolled
    finally:
        session.close()
