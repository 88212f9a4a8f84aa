"""The Qt platform as this app relies on it: background ops, multimedia, PySide6 itself."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread, Signal
from pytestqt.qtbot import QtBot

from elearn_desktop.ui.multimedia import probe_multimedia
from elearn_desktop.ui.ops import BackgroundOp

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parents[2]


def _child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env.update(extra)
    return env


def test_background_op_runs_off_gui_thread_and_reports_back_on_it(qtbot: QtBot) -> None:
    owner = QObject()
    worker_threads: list[threading.Thread] = []
    results: list[tuple[int, bool]] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    op = BackgroundOp(work).on_success(
        lambda value: results.append((value, QThread.currentThread() is owner.thread()))
    )
    op.run(parent=owner)
    qtbot.waitUntil(lambda: bool(results), timeout=5_000)
    assert results == [(42, True)]
    assert worker_threads[0] is not threading.main_thread()


def test_background_op_failure_reaches_failure_callback(qtbot: QtBot) -> None:
    owner = QObject()
    errors: list[BaseException] = []
    BackgroundOp(lambda: 1 / 0).on_failure(errors.append).run(parent=owner)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_background_op_outliving_its_owner_is_dropped_quietly(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    finished = threading.Event()
    delivered: list[object] = []

    def work() -> str:
        release.wait(5)
        finished.set()
        return "late"

    BackgroundOp(work).on_success(delivered.append).run(parent=owner)
    owner.deleteLater()
    qtbot.wait(50)  # let deleteLater run: the owner is gone before the work ends
    release.set()
    assert finished.wait(5)
    qtbot.wait(100)
    assert delivered == []


def test_multimedia_is_available_here() -> None:
    status = probe_multimedia()
    assert status.available, status.message


def test_missing_libpulse_is_explained_not_fatal(tmp_path: Path) -> None:
    # A library that cannot load stands in for the missing system package (the real
    # loader fails on it exactly as it fails on an absent one).
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libpulse.so.0").write_bytes(b"not a shared object")
    result = subprocess.run(
        [sys.executable, "-m", "elearn_desktop.ui.multimedia"],
        env=_child_env(LD_LIBRARY_PATH=str(broken)),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    available, message = result.stdout.strip().split("|", 1)
    assert available == "False"
    assert "libpulse0" in message
    assert "apt-get install libpulse0" in message


def test_pyside6_version_is_below_the_broken_6_12() -> None:
    import PySide6

    major, minor = (int(p) for p in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), PySide6.__version__


def test_many_append_row_calls_do_not_abort_the_process() -> None:
    # PySide6 6.12.0 on CPython 3.11 aborts ("deallocating None") after a few thousand
    # QStandardItemModel.appendRow calls (DESIGN §10). A child process, so an abort fails
    # this test instead of killing the test session.
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtGui import QStandardItem, QStandardItemModel\n"
        "app = QApplication([])\n"
        "model = QStandardItemModel()\n"
        "for i in range(25_000):\n"
        "    model.appendRow([QStandardItem(f'row {i}'), QStandardItem(str(i))])\n"
        "print(model.rowCount())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_child_env(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "25000"


def test_smoke_mode_opens_the_window_on_a_temporary_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "elearn_desktop", "--smoke"],
        env=_child_env(ELEARN_DATA_DIR=str(tmp_path / "unused")),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke: ok, 2 courses shown" in result.stdout
    assert f"migrated from {REPO / 'alembic'}" in result.stdout
    assert "smoke: the media backend opened" in result.stdout
    assert "Traceback" not in result.stderr


def test_callback_inside_a_nested_event_loop_then_relay_cleanup(qtbot: QtBot) -> None:
    # Regression: the relay used to be referenced from closures of its own connections;
    # deleting it after delivery inside a nested loop (waitSignal) crashed the process.
    class Owner(QObject):
        done = Signal(object)

    owner = Owner()
    with qtbot.waitSignal(owner.done, timeout=5_000) as blocker:
        BackgroundOp(lambda: {"payload": 1}).on_success(owner.done.emit).run(parent=owner)
    qtbot.wait(50)  # deferred deletes run here
    assert blocker.args == [{"payload": 1}]
    assert owner.findChildren(QObject) == []


def test_heavy_modules_are_not_imported_before_the_window_is_shown() -> None:
    # Start-up is a measured goal: the window and sign-in dialog must not pull in
    # QtMultimedia, QtCharts or httpx; they load after the first paint or on demand.
    code = (
        "import sys\n"
        "import elearn_desktop.app, elearn_desktop.ui.application\n"
        "import elearn_desktop.ui.main_window, elearn_desktop.ui.login_dialog\n"
        "heavy = [m for m in ('PySide6.QtMultimedia', 'PySide6.QtCharts', 'httpx')"
        " if m in sys.modules]\n"
        "print(','.join(heavy) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=_child_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "none"
