"""What the start-up leaves out before the main window's first paint (issue #8, workload 1),
and that the shell built without it looks and behaves the same."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from elearn_desktop.ui import early_qt
from elearn_desktop.ui.errors import ErrorReporter
from elearn_desktop.ui.main_window import WORKSPACES, MainWindow
from tests.support.python_child import run_code

pytestmark = pytest.mark.gui

# Run in a fresh interpreter: the app's real start (ui.application.run, window first),
# stopped at the main window's first paint, reporting what had been loaded by then. Two
# ways in: the test hook (the benchmark's way) and "Remember me" from the last session
# (the password comes from the keyring after the paint; the shell needs only strings).
_FIRST_PAINT = """
import json, os, sys
import PySide6.QtCore as QtCore

REMEMBERED = sys.argv[1] == "remembered"
if REMEMBERED:
    settings = QtCore.QSettings("elearn", "elearn-desktop")
    settings.setValue("signIn/autoSignIn", True)
    settings.setValue("signIn/lastProfile", "0123456789abcdef")
    settings.setValue("signIn/lastEmail", "ada@demo.test")
    settings.sync()
    del settings
from elearn_desktop.ui.application import run, smoke_sign_in

def observe(controller):
    def shown(window):
        heavy = ("PySide6.QtNetwork", "logging.handlers", "hashlib", "socket", "sqlalchemy",
                 "dataclasses", "elearn_desktop.services.profiles")
        print(json.dumps({
            # PySide6 adds Qt to the module's namespace when Qt is first touched, building
            # all of its Python enums.
            "qt_namespace_built": "Qt" in vars(QtCore),
            "loaded": [m for m in heavy if m in sys.modules],
            "user": window.user_label.text(),
            "placeholders": [p.text() for p in window.pages.values()],
        }), flush=True)
        os._exit(0)
    controller.window_shown.connect(shown)

run(argv=[sys.argv[0]], sign_in_with=None if REMEMBERED else smoke_sign_in(), observe=observe)
print("the window never painted", flush=True)
"""


@pytest.mark.parametrize(
    ("way", "email"), [("hook", "admin@demo.test"), ("remembered", "ada@demo.test")]
)
def test_the_first_paint_comes_before_qts_enums_the_network_and_hashing(
    tmp_path: Path, way: str, email: str
) -> None:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "ELEARN_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TMPDIR": str(tmp_path),
    }
    stdout = run_code(_FIRST_PAINT, way, env=env)
    result = json.loads(stdout.strip().splitlines()[-1])
    assert result["user"] == f"Signing in as {email}…"
    assert result["placeholders"] == ["Opening your workspace…"] * len(WORKSPACES)
    assert result["loaded"] == []
    # Touching Qt before the paint costs ~11 ms (ui/early_qt.py): use its ints instead.
    assert result["qt_namespace_built"] is False


def test_the_early_ints_are_qts_values() -> None:
    assert Qt.AlignmentFlag.AlignCenter.value == early_qt.ALIGN_CENTER
    assert Qt.TextFormat.PlainText.value == early_qt.PLAIN_TEXT
    assert Qt.ItemDataRole.UserRole.value == early_qt.USER_ROLE


def test_the_shell_set_with_early_ints_is_what_qts_enums_would_set(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    pages = [p for p in window.pages.values() if isinstance(p, QLabel)]
    assert len(pages) == len(WORKSPACES)
    for page in pages:
        assert page.alignment() == Qt.AlignmentFlag.AlignCenter
    assert window.sync_label.textFormat() == Qt.TextFormat.PlainText
    assert window.banner.text.textFormat() == Qt.TextFormat.PlainText
    keys = [window.sidebar.item(r).data(Qt.ItemDataRole.UserRole) for r in range(len(WORKSPACES))]
    assert keys == [w.key for w in WORKSPACES]
    # Shortcuts set as one-item lists (a bare setShortcut builds Qt's enums).
    assert window.sync_now_action.shortcut().toString() == "Ctrl+Shift+S"
    assert window.workspace_actions["support"].shortcut().toString() == "Ctrl+3"


def test_an_error_report_is_shown_from_the_event_loop_on_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, bool]] = []
    app = QApplication.instance()
    assert app is not None

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.text(), QThread.currentThread() is app.thread()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    reporter = ErrorReporter(tmp_path / "elearn-desktop.log")
    try:
        raise KeyError("on the GUI thread")
    except KeyError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    assert shown == []  # not from inside the hook
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5_000)

    def fail_in_a_worker() -> None:
        try:
            raise ValueError("in a worker thread")
        except ValueError as exc:
            reporter.handle(type(exc), exc, exc.__traceback__)

    worker = threading.Thread(target=fail_in_a_worker)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5_000)
    assert "KeyError: 'on the GUI thread'" in shown[0][0]
    assert "ValueError: in a worker thread" in shown[1][0]
    assert all(on_gui_thread for _text, on_gui_thread in shown)
    assert reporter.dialogs_shown == 2


def test_startup_credentials_never_show_the_password() -> None:
    from elearn_desktop.services.profiles import EMBEDDED_PROFILE
    from elearn_desktop.ui.application import StartupSignIn

    credentials = StartupSignIn(EMBEDDED_PROFILE, "ada@demo.test", "s3cret-Pa55")
    assert credentials.password == "s3cret-Pa55"
    for shown in (repr(credentials), str(credentials), f"{credentials}"):
        assert "s3cret-Pa55" not in shown
        assert "ada@demo.test" in shown


def test_the_mode_banner_is_styled_when_first_shown(qtbot: QtBot) -> None:
    from elearn_desktop.ui.status_widgets import BANNER_STYLE, ModeBanner

    banner = ModeBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    assert banner.styleSheet() == ""  # nothing to parse before the window's first paint
    banner.say("You are working offline.", "Study online")
    banner.show()
    assert banner.styleSheet() == BANNER_STYLE
    assert banner.text.text() == "You are working offline."
    banner.say("")
    assert banner.isHidden()
    assert banner.styleSheet() == BANNER_STYLE
