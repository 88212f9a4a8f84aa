"""Issue #9's checks on what ships: no password in the log, the crash dialog for an
exception raised in a slot, and the README's screenshot script."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.logging_setup import configure_logging
from elearn_desktop.ui.errors import ErrorReporter
from elearn_desktop.ui.login_dialog import LoginDialog

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
WRONG = "Wr0ng-Secret-Typed-Here"
RIGHT = "admin-demo-2026"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The app's rotating log, at DEBUG, for this test only."""
    path = configure_logging(folder=tmp_path / "logs", level=logging.DEBUG)
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_elearn", False):
            root.removeHandler(handler)
            handler.close()


def test_the_log_never_holds_a_password_typed_at_sign_in(
    qtbot: QtBot, embedded_target: DatabaseTarget, log_file: Path
) -> None:
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.email.clear()
    qtbot.keyClicks(dialog.email, "admin@demo.test")
    for password in (WRONG, RIGHT):
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, password)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=30_000)
        if password == WRONG:
            assert dialog.error.text()  # refused, in words
    qtbot.waitUntil(lambda: dialog.signed_in is not None, timeout=30_000)
    assert dialog.signed_in is not None
    logging.getLogger("elearn_desktop").info("sign-in test: %s", "done")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "sign-in test: done" in text  # the log was being written
    assert WRONG not in text
    assert RIGHT not in text
    dialog.signed_in.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_raised_in_a_slot_shows_the_crash_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    hooks = (sys.excepthook, threading.excepthook)
    reporter = ErrorReporter(tmp_path / "elearn-desktop.log")
    reporter.install()
    try:
        button = QPushButton("Boom")
        qtbot.addWidget(button)
        button.show()

        def boom() -> None:
            raise RuntimeError("boom in a slot")

        button.clicked.connect(boom)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    finally:
        sys.excepthook, threading.excepthook = hooks
    assert "RuntimeError: boom in a slot" in shown[0]
    assert button.isVisible()  # the app (and the window) keep running


def test_the_screenshot_script_runs(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("ELEARN_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("sign-in", "learn", "author", "support", "lesson"):
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull(), name
        assert image.width() >= 400, name  # the sign-in dialog is the smallest
        assert image.height() >= 300, name
