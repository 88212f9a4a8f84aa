"""Start the Qt application: sign in, then the main window; slow work off the GUI thread."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from elearn_desktop.config import APP_AUTHOR, APP_NAME
from elearn_desktop.logging_setup import configure_logging
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.profiles import EMBEDDED_PROFILE, ServerProfile
from elearn_desktop.ui.errors import ErrorReporter
from elearn_desktop.ui.first_run import maybe_show_first_run
from elearn_desktop.ui.gc_guard import collect_on_gui_thread, freeze_start_up, thaw
from elearn_desktop.ui.login_dialog import LoginDialog
from elearn_desktop.ui.main_window import MainWindow
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon
from elearn_desktop.ui.single_instance import SingleInstance
from elearn_desktop.ui.theme import apply_saved_appearance

if TYPE_CHECKING:
    from elearn_desktop.ui.multimedia import MultimediaStatus

log = logging.getLogger(__name__)

#: The account the smoke check (and benchmarks' test hook) signs in with.
SMOKE_ACCOUNT = ("admin@demo.test", "admin-demo-2026")


def create_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(argv)
    app.setApplicationDisplayName("elearn")
    app.setWindowIcon(icon("app"))
    # Wayland compositors match windows to packaging/linux/elearn-desktop.desktop by this.
    app.setDesktopFileName(APP_NAME)
    collect_on_gui_thread(app)  # never let a worker thread collect Qt objects
    return app


_LOG_PATH: Path | None = None


def build_window() -> MainWindow:
    window = MainWindow()
    window.log_path = _LOG_PATH
    window.restore_state(QSettings())
    return window


def load_optional_modules(window: MainWindow) -> None:
    """QtMultimedia is heavy and optional (needs libpulse0 on Linux): load it after paint,
    then start its backend (GUI thread) so that the first lesson plays sooner."""
    from elearn_desktop.ui.multimedia import probe_multimedia

    BackgroundOp(probe_multimedia, label="load multimedia").on_success(
        lambda status: multimedia_loaded(window, status)
    ).run(parent=window)


def multimedia_loaded(window: MainWindow, status: MultimediaStatus) -> None:
    window.show_playback_status(status.available, status.message)
    if status.available:
        from elearn_desktop.ui.multimedia import warm_up

        warm_up()


class AppController:
    """Sign-in dialog -> main window -> (sign out) -> sign-in dialog again."""

    def __init__(self, app: QApplication, *, preset: ServerProfile | None = None) -> None:
        self.app = app
        self.preset = preset
        self.window: MainWindow | None = None

    def start(self) -> bool:
        dialog = LoginDialog(preset=self.preset)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed_in is None:
            return False
        window = self.open_window(dialog.signed_in)
        maybe_show_first_run(window, dialog.signed_in)
        return True

    def open_window(self, session: SignedIn) -> MainWindow:
        window = build_window()
        window.set_session(session)
        window.sign_out_requested.connect(self.sign_out)
        window.show()
        QTimer.singleShot(0, lambda: load_optional_modules(window))
        self.window = window
        # A full collection would otherwise walk all of the start-up's objects on the GUI
        # thread every time (50-150 ms; e.g. in the middle of a long sync).
        freeze_start_up()
        return window

    def bring_to_front(self) -> None:
        target = self.window or QApplication.activeModalWidget()
        if target is None:
            return
        target.showNormal()
        target.raise_()
        target.activateWindow()

    def sign_out(self) -> None:
        window = self.window
        if window is None:
            return
        window.close()
        if window.session is not None:
            window.session.close()
        window.deleteLater()
        self.window = None
        thaw()  # the closed session becomes collectable
        if not self.start():
            self.app.quit()


def run(
    *, preset: ServerProfile | None = None, smoke: bool = False, argv: list[str] | None = None
) -> int:
    global _LOG_PATH
    _LOG_PATH = configure_logging()
    log.info("starting elearn-desktop")
    app = create_application(argv if argv is not None else sys.argv)
    app.setQuitOnLastWindowClosed(True)
    apply_saved_appearance()  # theme and language before the first window
    reporter = ErrorReporter(_LOG_PATH, app)
    reporter.install()
    controller = AppController(app, preset=preset)
    if smoke:
        return _run_smoke(app, controller)
    instance = SingleInstance(parent=app)
    if instance.notify_running_instance():
        print("elearn-desktop is already running: brought it to the front.")
        return 0
    instance.listen()
    instance.activation_requested.connect(controller.bring_to_front)
    if not controller.start():
        return 0
    code = app.exec()
    if controller.window is not None and controller.window.session is not None:
        controller.window.session.close()
    return code


def _run_smoke(app: QApplication, controller: AppController) -> int:
    """Sign in as the demo admin (a test hook, no dialog), show the window, run the
    smoke checks (ui/smoke_checks.py), exit 0 if they pass."""
    from elearn_desktop.ui.smoke_checks import SmokeChecks

    result: dict[str, int] = {}

    def signed_in(session: SignedIn) -> None:
        window = controller.open_window(session)

        def finish(code: int) -> None:
            result["code"] = code
            app.quit()

        def check() -> None:
            rows = window.learn.catalog.model.rowCount() if window.learn else 0
            if rows > 0:
                poll.stop()
                print(f"smoke: ok, {rows} courses shown")
                # Then the run-time files (migrations, demo media) and the media backend.
                SmokeChecks(window, done=finish).start()

        poll = QTimer(window, interval=100)
        poll.timeout.connect(check)
        poll.start()

    def failed(exc: BaseException) -> None:
        print(f"smoke: sign-in failed: {exc}")
        result["code"] = 1
        app.quit()

    holder = QCoreApplication.instance()
    assert holder is not None
    BackgroundOp(
        lambda: sign_in(EMBEDDED_PROFILE, *SMOKE_ACCOUNT), label="smoke sign-in"
    ).on_success(signed_in).on_failure(failed).run(parent=holder)
    QTimer.singleShot(60_000, lambda: (print("smoke: timed out"), app.exit(1)))
    code = app.exec()
    if controller.window is not None and controller.window.session is not None:
        controller.window.session.close()
    return result.get("code", code)
