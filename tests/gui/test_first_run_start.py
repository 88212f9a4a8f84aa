"""The application's start: saved theme and language applied, welcome page after sign-in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.ui import i18n, preferences
from elearn_desktop.ui.application import AppController
from elearn_desktop.ui.first_run import FirstRunDialog
from elearn_desktop.ui.login_dialog import LoginDialog
from elearn_desktop.ui.theme import apply_saved_appearance, apply_theme

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _restore_look(qapp: QApplication) -> Iterator[None]:
    yield
    apply_theme("system")
    i18n.apply_language("en")


def test_saved_theme_and_language_are_applied_at_start(qtbot: QtBot, qapp: QApplication) -> None:
    settings = QSettings()
    settings.setValue(preferences.THEME, "dark")
    settings.setValue(preferences.LANGUAGE, "de")
    apply_saved_appearance()
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 100
    dialog = LoginDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.sign_in_button.text() == "&Anmelden"


def test_first_sign_in_to_the_embedded_database_shows_the_welcome_page(
    qtbot: QtBot, qapp: QApplication, embedded_target: DatabaseTarget
) -> None:
    controller = AppController(qapp)

    def sign_in_like_a_person() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        dialog.email.setText("learner@demo.test")
        dialog.password.setText("learn-demo-2026")
        dialog.sign_in_button.click()

    QTimer.singleShot(0, sign_in_like_a_person)
    assert controller.start()  # returns once the (real, modal) sign-in dialog accepted
    window = controller.window
    assert window is not None
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(window.findChildren(FirstRunDialog)))
        assert window.findChildren(FirstRunDialog)[0].isVisible()
        assert preferences.first_run_shown()
    finally:
        window.close()
        if window.session is not None:
            window.session.close()
