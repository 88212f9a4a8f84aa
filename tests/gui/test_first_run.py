"""The welcome page: once on the first embedded sign-in, again from Help, with the demo accounts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.demo import DEMO_ACCOUNTS
from elearn_desktop.services.profiles import EMBEDDED_PROFILE, POSTGRESQL, ServerProfile
from elearn_desktop.ui import preferences
from elearn_desktop.ui.application import build_window
from elearn_desktop.ui.first_run import FirstRunDialog, maybe_show_first_run
from elearn_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def learner(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    session = sign_in(EMBEDDED_PROFILE, "learner@demo.test", "learn-demo-2026")
    yield session
    session.close()


@pytest.fixture
def window(qtbot: QtBot, learner: SignedIn) -> MainWindow:
    widget = build_window()
    qtbot.addWidget(widget)
    widget.set_session(learner)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def _welcome_pages(window: MainWindow) -> list[FirstRunDialog]:
    return [d for d in window.findChildren(FirstRunDialog) if d.isVisible()]


def _table(dialog: FirstRunDialog) -> list[tuple[str, str, str]]:
    table = dialog.accounts
    return [
        (table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    ]


def test_the_first_embedded_sign_in_shows_the_welcome_page_once(
    qtbot: QtBot, window: MainWindow, learner: SignedIn
) -> None:
    assert not preferences.first_run_shown()
    dialog = maybe_show_first_run(window, learner)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert preferences.first_run_shown()

    text = dialog.workspaces.text()
    for workspace in ("Learn", "Author", "Support"):
        assert f"<b>{workspace}</b>" in text
    rows = _table(dialog)
    assert [(email, password) for email, password, _ in rows] == [
        (a.email, a.password) for a in DEMO_ACCOUNTS
    ]
    assert ("learner@demo.test", "learn-demo-2026", "Learn") in rows
    assert ("instructor@demo.test", "teach-demo-2026", "Learn, Author") in rows
    assert ("support@demo.test", "help-demo-2026", "Learn, Support") in rows
    assert rows[-1][:2] == ("admin@demo.test", "admin-demo-2026")

    # Closed with the keyboard; the next sign-in does not show it again.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _welcome_pages(window))
    assert maybe_show_first_run(window, learner) is None


def test_a_postgresql_sign_in_does_not_show_it(window: MainWindow, learner: SignedIn) -> None:
    server = ServerProfile(name="Campus", kind=POSTGRESQL, host="db.example.org")
    assert maybe_show_first_run(window, replace(learner, profile=server)) is None
    assert not preferences.first_run_shown()


def test_help_opens_the_welcome_page_again_by_menu_and_by_f1(
    qtbot: QtBot, window: MainWindow
) -> None:
    preferences.set_first_run_shown()
    help_menu = window.help_menu
    assert window.welcome_action in help_menu.actions()
    window.welcome_action.trigger()
    qtbot.waitUntil(lambda: len(_welcome_pages(window)) == 1)
    page = _welcome_pages(window)[0]
    qtbot.mouseClick(
        page.buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not _welcome_pages(window))

    window.activateWindow()
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: len(_welcome_pages(window)) == 1)
    assert QApplication.activeModalWidget() in (None, _welcome_pages(window)[0])
