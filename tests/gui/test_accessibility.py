"""Keyboard and screen-reader pass: focus chains, accessible names, mnemonics, font sizes.

Names are read the way assistive technology reads them (``QAccessible``), so a field
named by its buddy label counts as named, and an unnamed custom widget does not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from elearn_desktop.config import PACKAGE_DIR
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.demo import demo_id
from elearn_desktop.ui import i18n
from elearn_desktop.ui.application import build_window
from elearn_desktop.ui.first_run import FirstRunDialog
from elearn_desktop.ui.login_dialog import LoginDialog
from elearn_desktop.ui.main_window import MainWindow
from elearn_desktop.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui
INTRO_COURSE = demo_id("course:introduction-to-python")
TEXT_LESSON = demo_id("lesson:introduction-to-python:0:1")  # "Installing Python", text only


@pytest.fixture
def window(qtbot: QtBot, admin: SignedIn) -> MainWindow:
    widget = build_window()
    qtbot.addWidget(widget)
    widget.set_session(admin)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


@pytest.fixture(params=["en", "de"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    i18n.apply_language(request.param)
    yield request.param
    i18n.apply_language("en")


# ----------------------------------------------------------------------------- helpers


def focus_chain(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``top``, in order (visible, enabled, accepting Tab)."""
    found: list[QWidget] = []
    seen: set[int] = set()
    current = top.nextInFocusChain()
    while current is not top and id(current) not in seen:
        seen.add(id(current))
        takes_tab = current.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        if (
            takes_tab
            and current.isVisibleTo(top)
            and current.isEnabled()
            and current.window() is top
        ):
            found.append(current)
        current = current.nextInFocusChain()
    return found


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(top: QWidget) -> list[str]:
    found = []
    for widget in focus_chain(top):
        parent = widget.parentWidget()
        # A spin box's or an editable combo box's editor is read out as the box itself.
        named = parent if isinstance(parent, QAbstractSpinBox | QComboBox) else widget
        if not accessible_name(named):
            found.append(
                f"{type(named).__name__} {named.objectName()!r} in {type(parent).__name__}"
            )
    return found


def each_tab(top: QWidget, qtbot: QtBot) -> Iterator[str]:
    """Show every tab of every visible tab widget in turn (one level deep)."""
    yield "first view"
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisibleTo(top):
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(1)  # let layouts show the page
            yield f"{tabs.objectName() or type(tabs).__name__} tab {index}"


def mnemonic(text: str) -> str | None:
    match = re.search(r"(?<!&)&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def visible_mnemonics(top: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of every mnemonic a person can press in ``top`` right now."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.window() is not top:
            continue
        is_buddy_label = isinstance(widget, QLabel) and widget.buddy() is not None
        is_button = isinstance(widget, QAbstractButton) and widget.isEnabled()
        if not (is_buddy_label or is_button):
            continue
        text = widget.text()  # type: ignore[attr-defined]
        letter = mnemonic(text)
        if letter:
            found.append((letter, text))
    for tabs in top.findChildren(QTabWidget):
        if tabs.isVisibleTo(top):
            for index in range(tabs.count()):
                letter = mnemonic(tabs.tabText(index))
                if letter:
                    found.append((letter, tabs.tabText(index)))
    return found


def clashes(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    counts = Counter(letter for letter, _ in pairs)
    return {
        letter: [text for other, text in pairs if other == letter]
        for letter, n in counts.items()
        if n > 1
    }


def tab_through(qtbot: QtBot, start: QWidget, steps: int) -> list[QWidget]:
    """Press Tab ``steps`` times from ``start``; the widgets that got the focus."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited = []
    for _ in range(steps):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    return visited


# ----------------------------------------------------------------------------- main window


def test_every_focusable_widget_of_every_workspace_has_a_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    problems: dict[str, list[str]] = {}
    for row in range(window.sidebar.count()):
        if window.sidebar.item(row).isHidden():
            continue
        window.sidebar.setCurrentRow(row)
        page = window.stack.currentWidget()
        for view in each_tab(page, qtbot):
            missing = unnamed(window)
            if missing:
                problems[f"{window.sidebar.item(row).text()} / {view}"] = missing
    assert problems == {}
    assert window.sidebar in focus_chain(window)


def _settle() -> None:
    """Let background loads finish and deliver their results to the widgets."""
    assert QThreadPool.globalInstance().waitForDone(15_000)
    QApplication.processEvents()


def test_every_learn_section_and_the_course_page_name_their_widgets(
    qtbot: QtBot, window: MainWindow
) -> None:
    learn = window.learn
    assert learn is not None
    problems: dict[str, list[str]] = {}
    for key, button in learn.nav_buttons.items():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda k=key: learn.current_section() == k)  # type: ignore[misc]
        _settle()  # the section's background load has filled it
        missing = unnamed(window)
        if missing:
            problems[key] = missing
    page = learn.open_course(INTRO_COURSE)
    qtbot.waitUntil(page.isVisible)
    _settle()
    if unnamed(window):
        problems["course view"] = unnamed(window)
    assert problems == {}


def test_the_course_editor_and_the_account_view_name_their_widgets(
    qtbot: QtBot, window: MainWindow
) -> None:
    problems: dict[str, list[str]] = {}
    window.sidebar.setCurrentRow(1)  # Author
    author = window.author
    assert author is not None
    author.setCurrentIndex(0)  # type: ignore[attr-defined]
    author.courses.open_course(INTRO_COURSE)  # type: ignore[attr-defined]
    _settle()
    for view in each_tab(window.stack.currentWidget(), qtbot):
        _settle()
        if unnamed(window):
            problems[f"author / {view}"] = unnamed(window)

    window.sidebar.setCurrentRow(2)  # Support
    support = window.support
    assert support is not None
    account = support.open_account(demo_id("user:learner@demo.test"))  # type: ignore[attr-defined]
    _settle()
    for view in each_tab(account, qtbot):
        _settle()
        if unnamed(window):
            problems[f"account / {view}"] = unnamed(window)
    assert problems == {}


def test_the_lesson_page_is_named_too(qtbot: QtBot, window: MainWindow) -> None:
    window.open_lesson(TEXT_LESSON)
    player = window.player
    assert player is not None
    qtbot.waitUntil(lambda: player.isVisible() and player.context is not None)  # type: ignore[attr-defined]
    assert unnamed(window) == []
    assert accessible_name(player) == "Lesson player"


def test_every_menu_and_action_is_reachable_from_the_keyboard(
    window: MainWindow, language: str
) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert all(mnemonic(title) for title in titles), titles
    assert not clashes([(mnemonic(t) or "", t) for t in titles])
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        actions = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        assert actions
        for action in actions:
            assert mnemonic(action.text()) or not action.shortcut().isEmpty(), action.text()
        letters = [(mnemonic(a.text()) or "", a.text()) for a in actions if mnemonic(a.text())]
        assert not clashes(letters), (language, menu.title())


def test_standard_actions_use_standard_shortcuts(window: MainWindow) -> None:
    def keys(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        return QKeySequence.keyBindings(key)

    assert window.refresh_action.shortcuts() == keys(QKeySequence.StandardKey.Refresh)
    assert window.welcome_action.shortcuts() == keys(QKeySequence.StandardKey.HelpContents)
    for action, standard, fallback in (
        (window.settings_action, QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        (window.quit_action, QKeySequence.StandardKey.Quit, "Ctrl+Q"),
    ):
        assert action.shortcuts() == (keys(standard) or [QKeySequence(fallback)])
    assert window.settings_action.menuRole() == window.settings_action.MenuRole.PreferencesRole


def test_settings_opens_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.sidebar.setFocus()
    shortcut = window.settings_action.shortcut()
    qtbot.keyClick(window.sidebar, shortcut[0].key(), shortcut[0].keyboardModifiers())
    qtbot.waitUntil(lambda: bool(window.findChildren(SettingsDialog)))
    dialog = window.findChildren(SettingsDialog)[0]
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()


def test_status_texts_carry_words_and_symbols_not_just_colour(window: MainWindow) -> None:
    assert window.connection_label.text().startswith("● Online")
    window.show_backend_error("cannot reach the server")
    assert window.connection_label.text() == "○ Offline · cannot reach the server"


# ----------------------------------------------------------------------------- dialogs


def _show(qtbot: QtBot, dialog: QWidget) -> None:
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_dialogs_name_every_focusable_widget_and_mnemonics_do_not_clash(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, language: str
) -> None:
    dialogs: list[QWidget] = [
        LoginDialog(settings=QSettings()),
        SettingsDialog(profiles_path=tmp_path / "profiles.json"),
        FirstRunDialog(),
    ]
    problems: dict[str, object] = {}
    for dialog in dialogs:
        _show(qtbot, dialog)
        for view in each_tab(dialog, qtbot):
            where = f"{type(dialog).__name__} / {view}"
            missing = unnamed(dialog)
            if missing:
                problems[f"unnamed in {where}"] = missing
            clash = clashes(visible_mnemonics(dialog))
            if clash:
                problems[f"mnemonics clash in {where}"] = clash
        assert focus_chain(dialog), type(dialog).__name__
        if not isinstance(dialog, FirstRunDialog):  # it has only a Close button
            assert visible_mnemonics(dialog), type(dialog).__name__
    assert problems == {}, f"{language}: {problems}"


def test_tab_walks_the_sign_in_form_in_reading_order(qtbot: QtBot, data_dir: Path) -> None:
    dialog = LoginDialog(settings=QSettings())
    _show(qtbot, dialog)
    visited = tab_through(qtbot, dialog.server, 2)
    assert visited == [dialog.email, dialog.password]


def test_tab_walks_the_server_form_in_reading_order(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(profiles_path=tmp_path / "profiles.json")
    _show(qtbot, dialog)
    page = dialog.servers
    visited = tab_through(qtbot, page.name, 7)
    assert visited == [
        page.host,
        page.port,
        page.database,
        page.sslmode,
        page.sslrootcert,
        page.browse_cert,
        page.new_button,
    ]


def test_mnemonic_in_settings_jumps_to_its_field(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(profiles_path=tmp_path / "profiles.json")
    _show(qtbot, dialog)
    dialog.servers.name.setFocus()
    qtbot.keyClick(dialog.servers.name, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.servers.host.hasFocus)
    qtbot.keyClick(dialog.servers.host, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.tabs.currentIndex() == 2)  # Pla&yback


# ----------------------------------------------------------------------------- fonts


def test_no_hard_coded_pixel_or_point_font_sizes_in_the_ui() -> None:
    """Text follows the system font: sizes are relative (font().pointSizeF() * k)."""
    pattern = re.compile(
        r"setPixelSize\(\s*\d+\s*\)|setPointSizeF?\(\s*\d+(\.\d+)?\s*\)|font-size:\s*\d+(\.\d+)?(px|pt)"
    )
    offenders = [
        f"{path.relative_to(PACKAGE_DIR)}:{number}: {line.strip()}"
        for path in sorted((PACKAGE_DIR / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_text_follows_a_larger_system_font(
    qtbot: QtBot, data_dir: Path, qapp: QApplication
) -> None:
    original = qapp.font()
    bigger = qapp.font()
    bigger.setPointSizeF(original.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    try:
        dialog = LoginDialog(settings=QSettings())
        qtbot.addWidget(dialog)
        welcome = FirstRunDialog()
        qtbot.addWidget(welcome)
        size = bigger.pointSizeF()
        assert dialog.labels["email"].font().pointSizeF() == pytest.approx(size)
        assert dialog.heading.font().pointSizeF() == pytest.approx(size * 1.4)
        assert welcome.heading.font().pointSizeF() == pytest.approx(size * 1.4)
        assert welcome.accounts.font().pointSizeF() == pytest.approx(size)
    finally:
        qapp.setFont(original)
