"""Translations: switching the language changes what is on screen, live; catalogues are current."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from elearn_desktop.config import PROJECT_ROOT
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui import i18n, preferences
from elearn_desktop.ui.application import build_window
from elearn_desktop.ui.login_dialog import LoginDialog
from elearn_desktop.ui.main_window import MainWindow
from elearn_desktop.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, admin: SignedIn) -> MainWindow:
    widget = build_window()
    qtbot.addWidget(widget)
    widget.set_session(admin)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _sidebar(window: MainWindow) -> list[str]:
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())]


def test_german_is_shipped_and_offered() -> None:
    assert [lang.code for lang in i18n.shipped_languages()] == ["en", "de"]
    assert i18n.catalogue_path("de").exists()


def test_switching_the_language_retranslates_the_main_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert _menu_titles(window) == ["&File", "&View", "&Help"]
    assert _sidebar(window)[:3] == ["Learn", "Author", "Support"]

    assert i18n.apply_language("de") == "de"
    qtbot.waitUntil(lambda: _menu_titles(window) == ["&Datei", "&Ansicht", "&Hilfe"])
    assert _sidebar(window)[:3] == ["Lernen", "Erstellen", "Support"]
    assert window.settings_action.text() == "&Einstellungen…"
    assert window.quit_action.text() == "&Beenden"
    assert window.user_label.text().startswith("Angemeldet als Ada Admin")
    assert window.connection_label.text() == "● Online · Eingebettete Datenbank"
    assert window.sidebar.accessibleName() == "Arbeitsbereiche"

    i18n.apply_language("en")
    qtbot.waitUntil(lambda: _menu_titles(window) == ["&File", "&View", "&Help"])
    assert window.user_label.text().startswith("Signed in as Ada Admin")


def test_switching_the_language_retranslates_the_sign_in_dialog(
    qtbot: QtBot, data_dir: Path
) -> None:
    dialog = LoginDialog(settings=QSettings())
    qtbot.addWidget(dialog)
    assert dialog.labels["email"].text() == "&Email:"
    assert dialog.sign_in_button.text() == "&Sign in"

    i18n.apply_language("de")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Bei elearn anmelden")
    assert dialog.labels["email"].text() == "&E-Mail:"
    assert dialog.labels["password"].text() == "Pass&wort:"
    assert dialog.sign_in_button.text() == "&Anmelden"
    assert dialog.heading.text() == "Anmelden"
    assert dialog.server.itemText(0) == "Eingebettet (dieser Computer)"
    # Qt's own strings follow too (its catalogue ships with PySide6).
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Abbrechen"
    # An error shown after the switch is in the new language as well.
    dialog.submit()
    assert dialog.error.text() == "⚠ Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein."


def test_choosing_a_language_in_settings_applies_it_and_keeps_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dialog = SettingsDialog(window, profiles_path=tmp_path / "profiles.json")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    combo = dialog.language
    combo.setFocus()
    # Type-ahead in the combo box: "D" picks Deutsch, as a keyboard user would.
    qtbot.keyClicks(combo, "D")
    assert combo.currentData() == "de"
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Apply), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Einstellungen")
    assert dialog.tabs.tabText(0) == "&Server"
    assert _menu_titles(window) == ["&Datei", "&Ansicht", "&Hilfe"]
    assert preferences.language() == "de"
    assert i18n.current_language() == "de"


def test_an_unknown_language_falls_back_without_failing() -> None:
    assert i18n.resolve_language("xx") in ("en", "de")
    assert i18n.resolve_language("de") == "de"


# ----------------------------------------------------------------------------- catalogues


def _translations_script() -> ModuleType:
    path = PROJECT_ROOT / "scripts" / "translations.py"
    spec = importlib.util.spec_from_file_location("elearn_translations_script", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_compiled_catalogues_match_their_sources_and_the_code() -> None:
    """Fails when someone changed tr() strings or a .ts without `scripts/dev translations`."""
    assert _translations_script().stale() == []


def test_a_stale_qm_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = _translations_script()
    for name in ("elearn_de.ts", "elearn_de.qm"):
        shutil.copy(i18n.TRANSLATIONS_DIR / name, tmp_path / name)
    ts = tmp_path / "elearn_de.ts"
    ts.write_text(
        ts.read_text(encoding="utf-8").replace(">&amp;Datei<", ">&amp;Dateien<"),
        encoding="utf-8",
    )
    monkeypatch.setattr(script, "CATALOGUES", tmp_path)
    assert script.stale() == ["elearn_de.qm is not compiled from the current elearn_de.ts"]
    assert script.update() == 0
    assert script.stale() == []


def test_main_window_sign_in_and_settings_are_fully_translated_to_german() -> None:
    text = (i18n.TRANSLATIONS_DIR / "elearn_de.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    for context in ("MainWindow", "LoginDialog", "SettingsDialog", "FirstRunDialog"):
        assert f"<name>{context}</name>" in text
