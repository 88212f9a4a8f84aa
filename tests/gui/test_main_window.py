"""The main window on a real embedded database: workspaces show real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget, resolve_database
from elearn_desktop.ui.application import build_window
from elearn_desktop.ui.main_window import WORKSPACES, MainWindow
from elearn_desktop.ui.models import RecordRole

pytestmark = pytest.mark.gui


def _open(qtbot: QtBot, target: DatabaseTarget) -> MainWindow:
    window, controller = build_window(target)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    controller.start()
    return window


def _close_backend(window: MainWindow) -> None:
    if window.backend is not None:
        window.backend.dispose()


def test_first_start_migrates_loads_demo_and_shows_catalog(
    qtbot: QtBot, embedded_target: DatabaseTarget, data_dir: Path
) -> None:
    window = _open(qtbot, embedded_target)
    try:
        qtbot.waitUntil(lambda: window.catalog_page.model.rowCount() == 2, timeout=20_000)
        titles = {c.title for c in window.catalog_page.model.records()}
        # Published demo courses only; the draft stays out of the catalog.
        assert titles == {"Introduction to Python", "SQL Basics"}
        assert (data_dir / "embedded.sqlite3").exists()
        assert "Embedded database" in window.connection_label.text()
        assert window.catalog_page.status.text() == "2 published courses"
        # The first course is selected and its outline comes from the database.
        qtbot.waitUntil(lambda: window.catalog_page.outline_model.rowCount() == 3, timeout=10_000)
        first_module = window.catalog_page.outline_model.item(0)
        assert first_module.text() == "1. Getting started"
        assert first_module.rowCount() == 2
    finally:
        _close_backend(window)


def test_catalog_reflects_database_changes_on_refresh(
    qtbot: QtBot, embedded_target: DatabaseTarget
) -> None:
    window = _open(qtbot, embedded_target)
    try:
        qtbot.waitUntil(lambda: window.catalog_page.model.rowCount() == 2, timeout=20_000)
        assert window.backend is not None
        with window.backend.uow() as uow:
            draft = uow.courses.by_slug("advanced-data-engineering")
            assert draft is not None
            draft.status = "published"
            uow.commit()
        window.refresh()
        qtbot.waitUntil(lambda: window.catalog_page.model.rowCount() == 3, timeout=10_000)
        assert "Advanced Data Engineering" in {c.title for c in window.catalog_page.model.records()}
    finally:
        _close_backend(window)


def test_search_filters_catalog(qtbot: QtBot, embedded_target: DatabaseTarget) -> None:
    window = _open(qtbot, embedded_target)
    try:
        page = window.catalog_page
        qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=20_000)
        qtbot.keyClicks(page.search, "sql")
        assert page.proxy.rowCount() == 1
        assert page.proxy.index(0, 0).data(RecordRole).title == "SQL Basics"
        page.search.clear()
        assert page.proxy.rowCount() == 2
    finally:
        _close_backend(window)


def test_workspaces_sidebar_and_shortcuts(qtbot: QtBot, embedded_target: DatabaseTarget) -> None:
    window = _open(qtbot, embedded_target)
    try:
        assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == [
            w.title for w in WORKSPACES
        ]
        with qtbot.waitActive(window):
            window.activateWindow()
        with qtbot.waitSignal(window.workspace_changed) as blocker:
            qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert blocker.args == ["support"]
        assert window.stack.currentWidget() is window.support_page
        qtbot.waitUntil(lambda: window.support_page.model.rowCount() == 5, timeout=20_000)
        emails = {u.email for u in window.support_page.model.records()}
        assert "admin@demo.test" in emails
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.current_workspace() == "author"
        qtbot.waitUntil(lambda: window.author_page.model.rowCount() == 3, timeout=20_000)
        statuses = {c.title: c.status for c in window.author_page.model.records()}
        assert statuses["Advanced Data Engineering"] == "draft"
    finally:
        _close_backend(window)


def test_account_search_treats_input_literally(
    qtbot: QtBot, embedded_target: DatabaseTarget
) -> None:
    window = _open(qtbot, embedded_target)
    try:
        page = window.support_page
        qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=20_000)
        page.search.setText("' OR 1=1 --")
        qtbot.waitUntil(lambda: page.status.text() == "0 accounts", timeout=10_000)
        page.search.setText("grace")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
        assert page.model.record(0).email == "grace@demo.test"
    finally:
        _close_backend(window)


def test_unreachable_server_is_explained_in_words(qtbot: QtBot) -> None:
    target = resolve_database("postgresql+psycopg://nobody:secret@127.0.0.1:1/elearn")
    window = _open(qtbot, target)
    qtbot.waitUntil(lambda: "Offline" in window.connection_label.text(), timeout=20_000)
    text = window.connection_label.text()
    assert "cannot use the database server at 127.0.0.1:1" in text
    assert "secret" not in text
    assert "127.0.0.1:1" in window.catalog_page.status.text()


def test_window_state_is_saved_and_restored(qtbot: QtBot, embedded_target: DatabaseTarget) -> None:
    window = _open(qtbot, embedded_target)
    qtbot.waitUntil(lambda: window.backend is not None, timeout=20_000)
    window.sidebar.setCurrentRow(2)
    window.resize(900, 600)
    window.close()
    _close_backend(window)
    again, _controller = build_window(embedded_target)
    qtbot.addWidget(again)
    assert again.current_workspace() == "support"
    assert QSettings().value("mainWindow/workspace") in (2, "2")


def test_models_pass_modeltester(
    qtbot: QtBot, embedded_target: DatabaseTarget, qtmodeltester: ModelTester
) -> None:
    window = _open(qtbot, embedded_target)
    try:
        qtbot.waitUntil(lambda: window.author_page.model.rowCount() == 3, timeout=20_000)
        qtmodeltester.check(window.author_page.model)
        qtmodeltester.check(window.catalog_page.model)
        qtbot.waitUntil(lambda: window.support_page.model.rowCount() == 5, timeout=20_000)
        qtmodeltester.check(window.support_page.model)
    finally:
        _close_backend(window)
