"""Start the Qt application: window first, then the database and heavy modules in the background."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from elearn_desktop.config import APP_AUTHOR, APP_NAME, DatabaseTarget
from elearn_desktop.services.backend import Backend, open_backend, prepare
from elearn_desktop.ui.main_window import MainWindow
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

log = logging.getLogger(__name__)


def _open_and_prepare(target: DatabaseTarget) -> Backend:
    backend = open_backend(target)
    try:
        prepare(backend, load_demo_if_new=target.embedded)
    except BaseException:
        backend.dispose()
        raise
    return backend


class StartupController:
    """Connects the window to the database once it is painted, off the GUI thread."""

    def __init__(self, window: MainWindow, target: DatabaseTarget) -> None:
        self.window = window
        self.target = target

    def start(self) -> None:
        self.window.connection_label.setText(
            "Preparing the embedded database…" if self.target.embedded else "Connecting…"
        )
        BackgroundOp(lambda: _open_and_prepare(self.target), label="open database").on_success(
            self.window.set_backend
        ).on_failure(self._failed).run(parent=self.window)
        # Heavy, optional: QtMultimedia (needs libpulse0 on Linux) loads after first paint.
        from elearn_desktop.ui.multimedia import probe_multimedia

        BackgroundOp(probe_multimedia, label="load multimedia").on_success(
            lambda status: self.window.show_playback_status(status.available, status.message)
        ).run(parent=self.window)

    def _failed(self, exc: BaseException) -> None:
        log.error("could not open the database", exc_info=exc)
        self.window.show_backend_error(str(exc) or type(exc).__name__)


def create_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(argv)
    app.setApplicationDisplayName("elearn")
    app.setWindowIcon(icon("app"))
    return app


def build_window(target: DatabaseTarget) -> tuple[MainWindow, StartupController]:
    window = MainWindow()
    window.restore_state(QSettings())
    controller = StartupController(window, target)
    return window, controller


def run(target: DatabaseTarget, *, smoke: bool = False, argv: list[str] | None = None) -> int:
    app = create_application(argv if argv is not None else sys.argv)
    window, controller = build_window(target)
    window.show()
    QTimer.singleShot(0, controller.start)
    if smoke:
        # Exit once the catalog has data (or after a grace period: a smoke check, not a test).
        def _check() -> None:
            if window.catalog_page.model.rowCount() > 0:
                print(f"smoke: ok, {window.catalog_page.model.rowCount()} courses shown")
                app.quit()

        poll = QTimer(window, interval=100)
        poll.timeout.connect(_check)
        poll.start()
        QTimer.singleShot(20_000, lambda: (print("smoke: timed out"), app.exit(1)))
    code = app.exec()
    if window.backend is not None:
        window.backend.dispose()
    return code
