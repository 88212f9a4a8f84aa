"""Start the Qt application: the window first, then the sign-in and the workspaces.

Start-up is a measured goal (issue #8, workload 1), so this module and the window's shell
import only PySide6 and light modules. When the sign-in needs no dialog (the person chose
"Remember me" last time and has not signed out since, the ``--smoke`` check, the
benchmarks' test hook :class:`StartupSignIn`), the main window's shell — menus,
sidebar, status bar saying "Signing in as …" — is shown at once; after its first paint the
sign-in runs off the GUI thread (importing the database layer there), then the window
fills in (:meth:`MainWindow.set_session`) and says it is ready once its first workspace
has painted with content (:attr:`AppController.ready`). A failed sign-in shows in the
window and in the sign-in dialog, in plain words. Otherwise the sign-in dialog comes
first, as light as the shell; the database layer loads when it signs in.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication

from elearn_desktop.config import APP_AUTHOR, APP_NAME
from elearn_desktop.logging_setup import configure_logging
from elearn_desktop.ui import preferences
from elearn_desktop.ui.errors import ErrorReporter
from elearn_desktop.ui.gc_guard import collect_on_gui_thread, freeze_start_up, thaw
from elearn_desktop.ui.main_window import MainWindow
from elearn_desktop.ui.paint_watch import PaintWatch
from elearn_desktop.ui.resources import icon
from elearn_desktop.ui.theme import apply_saved_appearance

if TYPE_CHECKING:
    from elearn_desktop.services.auth import SignedIn
    from elearn_desktop.services.profiles import ServerProfile
    from elearn_desktop.ui.login_dialog import LoginDialog
    from elearn_desktop.ui.multimedia import MultimediaStatus
    from elearn_desktop.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)

# The account the smoke check (and the benchmarks' test hook) signs in with.
SMOKE_ACCOUNT = ("admin@demo.test", "admin-demo-2026")


class StartupSignIn(NamedTuple):
    """Credentials the app has before its window opens, so no sign-in dialog is needed.

    Used by ``--smoke`` and by tests and benchmarks through ``run(sign_in_with=...)``;
    never read from a file or the environment (the password is never written anywhere,
    nor shown by ``repr``). A named tuple, not a dataclass: the module that defines it is
    imported before the first paint, and a dataclass costs ~0.5 ms to create.
    ``profile`` None means the embedded database (the app's default), so a start-up on it
    needs no ``services.profiles`` (nor ``dataclasses``) before the window paints.
    """

    profile: ServerProfile | None
    email: str
    password: str

    def server(self) -> ServerProfile:
        """The profile to sign in to (None: the embedded database)."""
        if self.profile is not None:
            return self.profile
        from elearn_desktop.services.profiles import EMBEDDED_PROFILE

        return EMBEDDED_PROFILE

    def __repr__(self) -> str:
        return f"StartupSignIn(profile={self.profile!r}, email={self.email!r})"


def smoke_sign_in() -> StartupSignIn:
    """The demo admin on the embedded database (the ``--smoke`` check's account)."""
    return StartupSignIn(None, *SMOKE_ACCOUNT)


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
    from elearn_desktop.ui.ops import BackgroundOp

    BackgroundOp(probe_multimedia, label="load multimedia").on_success(
        lambda status: multimedia_loaded(window, status)
    ).run(parent=window)


def multimedia_loaded(window: MainWindow, status: MultimediaStatus) -> None:
    window.show_playback_status(status.available, status.message)
    if status.available:
        from elearn_desktop.ui.multimedia import warm_up

        warm_up()


def _sign_in_in_background(credentials: StartupSignIn, videos_root: Path | None) -> SignedIn:
    """The sign-in of the start-up path, on a pool thread: the database layer, argon2
    and the migrations check are imported and run here, after the window painted."""
    from elearn_desktop.services.auth import sign_in

    profile = credentials.server()
    session = sign_in(profile, credentials.email, credentials.password)
    if not profile.is_embedded:
        from elearn_desktop.sync import offline

        try:  # the offline copy, as the sign-in dialog opens it
            session = offline.attach_cache(session, credentials.password, videos_root=videos_root)
        except Exception:
            log.warning("could not open the offline copy", exc_info=True)
    try:
        preload_workspace_modules()
    except Exception:  # the window imports it again, and reports what fails there
        log.warning("could not preload the workspace modules", exc_info=True)
    return session


def preload_workspace_modules() -> None:
    """Import what the window builds first (Learn: ~170 ms of modules) on the calling pool
    thread, so the GUI thread does not stall on it; the modules create no Qt objects at
    import time."""
    import elearn_desktop.ui.learn.workspace  # noqa: F401


class NothingRememberedError(Exception):
    """The start-up found no remembered password (or server) to sign in with."""


def _recall(profile: ServerProfile, email: str) -> StartupSignIn:
    """The remembered password from the keyring (a pool thread: the keyring may be slow)."""
    from elearn_desktop.services import secrets

    password = secrets.recall_password(profile, email)
    if not password:
        raise NothingRememberedError()
    return StartupSignIn(profile, email, password)


def sign_in_problem(exc: BaseException) -> str:
    """A failed sign-in in plain words (details of an unexpected error go to the log)."""
    from elearn_desktop.domain.errors import ElearnError

    if isinstance(exc, NothingRememberedError):
        return QCoreApplication.translate(
            "AppController",
            "This computer no longer has your password; enter it to sign in.",
        )
    if isinstance(exc, ElearnError):
        return str(exc)
    log.error("sign-in failed unexpectedly", exc_info=exc)
    return QCoreApplication.translate(
        "AppController", "Sign-in failed unexpectedly ({0}). Details are in the log."
    ).format(type(exc).__name__)


class AppController(QObject):
    """Sign-in (dialog, or credentials given at start) -> main window -> (sign out) ->
    sign-in dialog again.

    Signals, for the smoke check, the benchmarks and tests: ``window_created(window)``
    just before the window is first shown, ``window_shown(window)`` after its first paint,
    ``ready(window)`` once signed in and the first workspace painted with content,
    ``sign_in_failed(message)``.
    """

    window_created = Signal(object)
    window_shown = Signal(object)
    ready = Signal(object)
    sign_in_failed = Signal(str)

    def __init__(self, app: QApplication, *, preset: ServerProfile | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.preset = preset
        self.window: MainWindow | None = None
        # After a failed start-up sign-in, offer the sign-in dialog (off for --smoke).
        self.ask_again_on_failure = True
        self.retry_dialog: LoginDialog | None = None
        self._frozen = False  # the start-up's objects are frozen (gc_guard)

    # -- the sign-in dialog first --------------------------------------------------------

    def start(self) -> bool:
        from PySide6.QtWidgets import QDialog

        from elearn_desktop.ui.login_dialog import LoginDialog

        dialog = LoginDialog(preset=self.preset)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed_in is None:
            return False
        window = self.open_window(dialog.signed_in)
        self._welcome(window, dialog.signed_in)
        return True

    def open_window(self, session: SignedIn) -> MainWindow:
        window = build_window()
        self._adopt(window)
        self._fill(window, session)
        window.show()
        return window

    # -- the window first, then the sign-in ----------------------------------------------

    def start_signed_in(self, credentials: StartupSignIn) -> MainWindow:
        """Show the window's shell now; sign in with ``credentials`` after it painted."""
        window = build_window()
        window.show_signing_in(credentials.email)
        self._adopt(window)
        PaintWatch(window, lambda: self._shell_painted(window, credentials))
        window.show()
        return window

    def start_remembered(self, profile_key: str, email: str) -> MainWindow:
        """As :meth:`start_signed_in`, with the password "Remember me" kept in the keyring
        for the server ``profile_key`` (looked up after the first paint)."""
        window = build_window()
        window.show_signing_in(email)
        self._adopt(window)
        PaintWatch(window, lambda: self._remembered_painted(window, profile_key, email))
        window.show()
        return window

    def _remembered_painted(self, window: MainWindow, profile_key: str, email: str) -> None:
        self.window_shown.emit(window)
        QTimer.singleShot(0, self, lambda: self._sign_in_remembered(window, profile_key, email))

    def _sign_in_remembered(self, window: MainWindow, profile_key: str, email: str) -> None:
        from elearn_desktop.services.profiles import EMBEDDED_PROFILE
        from elearn_desktop.ui.login_dialog import load_profiles

        profile = next((p for p in load_profiles(QSettings()) if p.key == profile_key), None)
        wanted = StartupSignIn(profile or EMBEDDED_PROFILE, email, "")
        if profile is None:  # a server since removed in Settings
            self._sign_in_failed(window, wanted, NothingRememberedError())
            return
        self._sign_in(window, wanted, lambda: _recall(profile, email))

    def _shell_painted(self, window: MainWindow, credentials: StartupSignIn) -> None:
        self.window_shown.emit(window)
        # The sign-in starts one turn of the event loop later: what the paint queued
        # (input, whoever waits for the paint) goes first, not after a thread start and
        # the imports it begins (they compete for the GIL).
        QTimer.singleShot(0, self, lambda: self._sign_in(window, credentials, lambda: credentials))

    def _sign_in(
        self,
        window: MainWindow,
        wanted: StartupSignIn,
        credentials: Callable[[], StartupSignIn],
    ) -> None:
        from elearn_desktop.ui.ops import BackgroundOp

        videos_root = preferences.download_dir()  # Settings → Folders
        BackgroundOp(
            lambda: _sign_in_in_background(credentials(), videos_root), label="start-up sign-in"
        ).on_success(lambda session: self._signed_in(window, session)).on_failure(
            lambda exc: self._sign_in_failed(window, wanted, exc)
        ).run(parent=window)

    def _signed_in(self, window: MainWindow, session: SignedIn) -> None:
        if self.window is not window:  # closed meanwhile
            session.close()
            return
        self._fill(window, session)

    def _sign_in_failed(
        self, window: MainWindow, credentials: StartupSignIn, exc: BaseException
    ) -> None:
        message = sign_in_problem(exc)
        window.show_sign_in_failed(message)
        self.sign_in_failed.emit(message)
        if self.ask_again_on_failure and self.window is window:
            self._ask_again(window, credentials, message, exc)

    def _ask_again(
        self, window: MainWindow, credentials: StartupSignIn, message: str, exc: BaseException
    ) -> None:
        """The sign-in dialog over the window, with the problem and the email filled in;
        nothing typed is lost. Cancel closes the app, as at a normal start."""
        from elearn_desktop.ui.login_dialog import LoginDialog

        dialog = LoginDialog(window, preset=credentials.server())
        dialog.email.setText(credentials.email)
        if isinstance(exc, NothingRememberedError):
            dialog.show_error(message)
        else:  # the same words as the dialog's own sign-in, with "Continue offline" if any
            dialog.show_failure(exc, credentials.server(), credentials.email)
        dialog.password.setFocus()
        dialog.accepted.connect(lambda: self._dialog_signed_in(window, dialog))
        dialog.rejected.connect(window.close)
        self.retry_dialog = dialog
        dialog.open()

    def _dialog_signed_in(self, window: MainWindow, dialog: LoginDialog) -> None:
        session = dialog.signed_in
        dialog.deleteLater()
        self.retry_dialog = None
        if session is not None and self.window is window:
            self._fill(window, session)
            self._welcome(window, session)

    # -- shared --------------------------------------------------------------------------

    def _adopt(self, window: MainWindow) -> None:
        window.sign_out_requested.connect(self.sign_out)
        window.content_ready.connect(self._content_ready)
        self.window = window
        self.window_created.emit(window)

    def _fill(self, window: MainWindow, session: SignedIn) -> None:
        window.set_session(session)
        QTimer.singleShot(0, lambda: load_optional_modules(window))

    def _content_ready(self) -> None:
        if self.window is not None:
            if not self._frozen:
                # Start-up is over (signed in, first workspace painted): a full collection
                # would otherwise walk all of its objects on the GUI thread every time
                # (50-150 ms; e.g. in the middle of a long sync).
                freeze_start_up()
                self._frozen = True
            self.ready.emit(self.window)

    @staticmethod
    def _welcome(window: MainWindow, session: SignedIn) -> None:
        from elearn_desktop.ui.first_run import maybe_show_first_run

        maybe_show_first_run(window, session)

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
        preferences.set_auto_sign_in(False)  # signed out: the next start asks again
        if self._frozen:
            thaw()  # the closed session becomes collectable
            self._frozen = False
        if not self.start():
            self.app.quit()


def run(
    *,
    preset: ServerProfile | None = None,
    smoke: bool = False,
    argv: list[str] | None = None,
    sign_in_with: StartupSignIn | None = None,
    observe: Callable[[AppController], None] | None = None,
) -> int:
    """The app's start. ``sign_in_with`` signs in without the dialog (window first);
    ``observe`` is given the controller before any window exists (tests, benchmarks)."""
    global _LOG_PATH
    # The log file without rotation until the first paint (logging.handlers is slow to
    # import); the same file, rotating, from then on (_settle).
    _LOG_PATH = configure_logging(rotating=False)
    log.info("starting elearn-desktop")
    app = create_application(argv if argv is not None else sys.argv)
    app.setQuitOnLastWindowClosed(True)
    apply_saved_appearance()  # theme and language before the first window
    reporter = ErrorReporter(_LOG_PATH, app)
    reporter.install()
    controller = AppController(app, preset=preset)
    if observe is not None:
        observe(controller)
    if smoke:
        return _run_smoke(app, controller)
    from elearn_desktop.ui.single_instance import SingleInstance

    instance = SingleInstance(parent=app)
    if instance.notify_running_instance():
        print("elearn-desktop is already running: brought it to the front.")
        return 0
    settle = _Settle(controller, instance)
    remembered = preferences.remembered_sign_in() if preset is None else None
    if sign_in_with is not None:
        controller.window_shown.connect(settle.run)
        controller.start_signed_in(sign_in_with)
    elif remembered is not None:  # "Remember me" last time: no dialog, window first
        controller.window_shown.connect(settle.run)
        controller.start_remembered(*remembered)
    else:
        QTimer.singleShot(0, settle.run)  # runs once the sign-in dialog's loop does
        if not controller.start():
            return 0
    code = app.exec()
    if controller.window is not None and controller.window.session is not None:
        controller.window.session.close()
    return code


class _Settle:
    """What start-up leaves until the first window painted: the log's rotation, and
    listening for a second launch (QtNetwork)."""

    def __init__(self, controller: AppController, instance: SingleInstance | None) -> None:
        self.controller = controller
        self.instance = instance
        self.done = False

    def run(self, *_args: object) -> None:
        """Settle one turn of the event loop later (after what the paint queued)."""
        if self.done:
            return
        self.done = True
        QTimer.singleShot(0, self._settle)

    def _settle(self) -> None:
        configure_logging()
        if self.instance is not None and self.instance.listen():
            self.instance.activation_requested.connect(self.controller.bring_to_front)


def _run_smoke(app: QApplication, controller: AppController) -> int:
    """Sign in as the demo admin (a test hook, no dialog) by the window-first start-up,
    wait until the window is ready (signed in, catalog painted), run the smoke checks
    (ui/smoke_checks.py), exit 0 if they pass."""
    from elearn_desktop.ui.smoke_checks import SmokeChecks

    result: dict[str, int] = {}

    def finish(code: int) -> None:
        result["code"] = code
        app.quit()

    def ready(window: MainWindow) -> None:
        if "ready" in result:
            return
        result["ready"] = 1
        rows = window.learn.catalog.model.rowCount() if window.learn else 0
        if rows == 0:
            print("smoke: signed in, but the catalog shows no courses")
            finish(1)
            return
        print(f"smoke: ok, {rows} courses shown")
        # Then the run-time files (migrations, demo media) and the media backend.
        SmokeChecks(window, done=finish).start()

    def failed(message: str) -> None:
        print(f"smoke: sign-in failed: {message}")
        finish(1)

    controller.ask_again_on_failure = False
    settle = _Settle(controller, None)
    controller.window_shown.connect(settle.run)
    controller.ready.connect(ready)
    controller.sign_in_failed.connect(failed)
    controller.start_signed_in(smoke_sign_in())
    QTimer.singleShot(60_000, lambda: (print("smoke: timed out"), app.exit(1)))
    code = app.exec()
    if controller.window is not None and controller.window.session is not None:
        controller.window.session.close()
    return result.get("code", code)
