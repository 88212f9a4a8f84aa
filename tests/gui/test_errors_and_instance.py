"""Crash reporting keeps the app running; a second launch wakes the first."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from elearn_desktop.ui.errors import ErrorReporter, build_error_dialog
from elearn_desktop.ui.single_instance import SingleInstance

pytestmark = pytest.mark.gui


def test_unhandled_exception_is_logged_and_shown_in_words(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    reporter = ErrorReporter(tmp_path / "elearn-desktop.log")
    try:
        raise ValueError("could not parse password=hunter2-hunter2")
    except ValueError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    text, info, details = shown[0]
    assert "the app keeps running" in text
    assert "ValueError: could not parse" in text
    assert str(tmp_path / "elearn-desktop.log") in info
    assert "Traceback" in details
    assert "hunter2-hunter2" not in text + details
    assert QApplication.instance() is not None  # still running


def test_copy_details_puts_the_report_on_the_clipboard(qtbot: QtBot, tmp_path: Path) -> None:
    box = build_error_dialog(None, "KeyError: 'x'", "Traceback ...", tmp_path / "x.log")
    qtbot.addWidget(box)
    copy = next(b for b in box.buttons() if b.text() == "Copy details")
    copy.click()
    assert QApplication.clipboard().text() == "KeyError: 'x'\n\nTraceback ..."


def test_second_launch_asks_the_first_to_come_forward(qtbot: QtBot) -> None:
    name = f"elearn-test-{uuid.uuid4().hex[:8]}"
    first = SingleInstance(name)
    assert first.listen()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.activation_requested, timeout=5_000):
        assert second.notify_running_instance()
    lonely = SingleInstance(f"elearn-test-{uuid.uuid4().hex[:8]}")
    assert not lonely.notify_running_instance()
