"""Unhandled exceptions: logged, then explained in a dialog; the app keeps running.

The dialog says what happened in words, offers "Copy details" (the traceback, with
secrets scrubbed) and says where the log is. Exceptions on worker threads are logged and
shown on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from elearn_desktop.logging_setup import redact

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("elearn_desktop.crash")


class ErrorReporter(QObject):
    error_reported = Signal(str, str)  # summary, details

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialogs_shown = 0
        self._showing = False
        self._pending: list[tuple[str, str]] = []
        # A report from a worker thread reaches the GUI thread queued (the reporter lives
        # there); one from the GUI thread is shown from the event loop too (_queue), never
        # from inside the hook. (Not a queued connection: naming Qt.ConnectionType builds
        # all of Qt's enums, ~11 ms before the first paint; see ui/early_qt.py.)
        self.error_reported.connect(self._queue)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        import traceback

        details = redact("".join(traceback.format_exception(exc_type, exc, tb)))
        log.error("unhandled exception\n%s", details)
        summary = redact(f"{exc_type.__name__}: {exc}") if str(exc) else exc_type.__name__
        self.error_reported.emit(summary, details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str, str)
    def _queue(self, summary: str, details: str) -> None:
        self._pending.append((summary, details))
        QTimer.singleShot(0, self, self._show_pending)

    @Slot()
    def _show_pending(self) -> None:
        if self._pending:
            self._show(*self._pending.pop(0))

    def _show(self, summary: str, details: str) -> None:
        if self._showing:  # one dialog at a time; the rest are in the log
            return
        self._showing = True
        try:
            self.dialogs_shown += 1
            box = build_error_dialog(QApplication.activeWindow(), summary, details, self.log_path)
            box.exec()
        finally:
            self._showing = False


def build_error_dialog(
    parent: QWidget | None, summary: str, details: str, log_path: Path
) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox  # when needed: ~2 ms of start-up otherwise

    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Something went wrong"))
    box.setText(
        QCoreApplication.translate(
            "ErrorDialog",
            "Something went wrong, but your work so far is saved and the app keeps running.",
        )
        + "\n\n"
        + QCoreApplication.translate("ErrorDialog", "What happened: {summary}").format(
            summary=summary
        )
    )
    box.setInformativeText(
        QCoreApplication.translate("ErrorDialog", "Details are in the log: {path}").format(
            path=log_path
        )
    )
    box.setDetailedText(details)
    copy = box.addButton(
        QCoreApplication.translate("ErrorDialog", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    # "Copy details" must not close the dialog.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{summary}\n\n{details}"))
    return box
