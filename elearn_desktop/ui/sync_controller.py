"""Sync in the app: connectivity, scheduling and the last word on what is pending.

:class:`SyncController` owns a :class:`ConnectivityMonitor` and a :class:`SyncScheduler`
for the signed-in person's offline cache and drives both from one GUI timer: probes,
syncs and status reads run as background ops (never on the GUI thread), one sync at a
time. It says what it sees through signals (``status_changed``, ``online_changed``,
``synced``); the main window shows them in its status bar, its banner and the Downloads
page. After each sync the videos of offline courses that changed are queued.

:class:`DeadLettersDialog` lists the changes the server rejected, so the learner can
read why and dismiss them. The status bar's sync text and the mode banner are in
:mod:`elearn_desktop.ui.status_widgets` (light: the window's shell shows them first).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.errors import ElearnError
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.backend import Backend
from elearn_desktop.sync.cache import DeadLetterEntry, LocalCache
from elearn_desktop.sync.connectivity import (
    Backoff,
    ConnectivityMonitor,
    SyncScheduler,
    SyncStatus,
    sql_probe,
    sync_on_exit,
    sync_status,
)
from elearn_desktop.sync.engine import SyncEngine, SyncReport
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.status_widgets import ModeBanner as ModeBanner  # lived here first

log = logging.getLogger(__name__)


class SyncController(QObject):
    """Connectivity probes, scheduled syncs and the sync status of one signed-in person."""

    status_changed = Signal(object)  # SyncStatus
    online_changed = Signal(bool)
    synced = Signal(object)  # SyncReport
    sync_failed = Signal(str)

    def __init__(
        self,
        session: SignedIn,
        parent: QObject,
        *,
        interval_s: float = 300.0,
        online_interval_s: float = 30.0,
        probe_timeout_s: float = 3.0,
        exit_budget_s: float = 10.0,
        tick_ms: int = 1000,
        status_every_s: float = 5.0,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(parent)
        if session.cache is None or session.server is None:
            raise ValueError("syncing needs the person's offline cache and their server")
        self.cache: LocalCache = session.cache
        server: Backend = session.server
        self.engine = SyncEngine(session.profile, self.cache, lambda: server)
        self.monitor = ConnectivityMonitor(
            sql_probe(lambda: server, timeout_s=probe_timeout_s),
            online_interval_s=online_interval_s,
            backoff=backoff or Backoff(base_s=1.0, cap_s=30.0),
        )
        self.scheduler = SyncScheduler(interval_s=interval_s, exit_budget_s=exit_budget_s)
        self.online: bool | None = None
        self.status: SyncStatus | None = None
        self.last_report: SyncReport | None = None
        self._probing = False
        self._syncing = False
        self._reading_status = False
        self._closed = False
        self._status_every_s = status_every_s
        self._status_at = 0.0
        #: Called with each good report on the GUI thread (e.g. queue changed videos).
        self.after_sync: list[Callable[[SyncReport], None]] = []
        # Syncs and probes may take seconds: their own threads, so the app's shared pool
        # stays free for the pages' loads.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(3)
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)

    # -- driving -------------------------------------------------------------------------

    def start(self) -> None:
        self._timer.start()
        self.tick()

    @property
    def syncing(self) -> bool:
        return self._syncing

    def tick(self) -> None:
        if self._closed:
            return
        if not self._probing and self.monitor.due():
            self._probing = True
            BackgroundOp(self.monitor.check, label="probe server").on_success(
                self._probed
            ).on_failure(self._probe_failed).run(parent=self, pool=self._pool)
        if not self._syncing and self.scheduler.due():
            self._start_sync()
        if time.monotonic() - self._status_at >= self._status_every_s:
            self.refresh_status()

    def sync_now(self) -> None:
        """ "Sync now" (Ctrl+Shift+S): also probes at once, in case the server is back."""
        self.scheduler.request()
        self.monitor.check_soon()
        self.tick()

    def _probed(self, online: bool) -> None:
        self._probing = False
        self._set_online(bool(online))

    def _probe_failed(self, exc: BaseException) -> None:
        self._probing = False
        log.warning("connectivity probe failed", exc_info=exc)

    def _set_online(self, online: bool) -> None:
        changed = online != self.online
        self.online = online
        if changed:
            self.scheduler.online_changed(online)
            self.online_changed.emit(online)
            self.refresh_status()
            if online:
                self.tick()  # sync on reconnect, now

    def _start_sync(self) -> None:
        self.scheduler.started()
        self._syncing = True
        self.refresh_status()
        BackgroundOp(self.engine.sync_once, label="sync").on_success(self._sync_done).on_failure(
            self._sync_error
        ).run(parent=self, pool=self._pool)

    def _sync_done(self, report: SyncReport) -> None:
        self._syncing = False
        self.scheduler.finished(report)
        self.last_report = report
        if not report.online:
            self.monitor.report_failure(report.errors[0] if report.errors else "offline")
            self._set_online(False)
        elif report.ok and self.online is not True:
            self._set_online(True)  # a sync that worked is the best probe
        if report.ok:
            for callback in list(self.after_sync):
                try:
                    callback(report)
                except Exception:
                    log.exception("after-sync callback failed")
        self.synced.emit(report)
        self.refresh_status()

    def _sync_error(self, exc: BaseException) -> None:
        self._syncing = False
        message = str(exc) if isinstance(exc, ElearnError) else type(exc).__name__
        if not isinstance(exc, ElearnError):
            log.error("sync failed unexpectedly", exc_info=exc)
        self.scheduler.finished(None, error=message)
        self.sync_failed.emit(message)
        self.refresh_status()

    # -- status --------------------------------------------------------------------------

    def refresh_status(self) -> None:
        if self._reading_status or self._closed:
            return
        self._reading_status = True
        self._status_at = time.monotonic()
        engine, monitor, scheduler = self.engine, self.monitor, self.scheduler
        BackgroundOp(
            lambda: sync_status(engine, monitor, scheduler), label="sync status"
        ).on_success(self._status_read).on_failure(self._status_failed).run(
            parent=self, pool=self._pool
        )

    def _status_read(self, status: SyncStatus) -> None:
        self._reading_status = False
        if self._syncing and not status.running:
            # The op has not taken the engine's lock yet: it is about to run.
            status = SyncStatus(
                online=status.online,
                running=True,
                pending=status.pending,
                rejected=status.rejected,
                last_sync_at=status.last_sync_at,
                error=None,
            )
        self.status = status
        self.status_changed.emit(status)

    def _status_failed(self, exc: BaseException) -> None:
        self._reading_status = False
        log.warning("could not read the sync status", exc_info=exc)

    # -- rejected changes ----------------------------------------------------------------

    def show_dead_letters(self, parent: QWidget) -> DeadLettersDialog:
        dialog = DeadLettersDialog(self.cache, parent)
        dialog.dismissed.connect(self.refresh_status)
        dialog.open()
        dialog.reload()
        return dialog

    # -- the end -------------------------------------------------------------------------

    def shutdown(self, *, wait_s: float | None = None) -> SyncReport | None:
        """Stop the timer and sync one last time within the exit budget (bounded).

        The last sync runs on a thread; meanwhile this waits in a local event loop, so the
        window keeps painting. Returns the last sync's report (None: nothing to sync)."""
        if self._closed:
            return None
        self._closed = True
        self._timer.stop()
        budget = self.scheduler.exit_budget_s + 2.0 if wait_s is None else wait_s
        result: dict[str, SyncReport | None] = {}
        done = threading.Event()

        def last_sync() -> None:
            try:
                # A scheduled sync may still be running: let it finish within the budget.
                deadline = time.monotonic() + self.scheduler.exit_budget_s
                while self.engine.running and time.monotonic() < deadline:
                    time.sleep(0.05)
                if self.online is not False:
                    result["report"] = sync_on_exit(self.engine, self.scheduler)
            except Exception:
                log.exception("the sync on exit failed")
            finally:
                done.set()

        worker = threading.Thread(target=last_sync, name="elearn-sync-on-exit", daemon=True)
        worker.start()
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(25)
        poll.timeout.connect(loop.quit)
        poll.start()
        give_up = time.monotonic() + budget
        while not done.is_set() and time.monotonic() < give_up:
            loop.exec()
        poll.stop()
        if not done.is_set():
            log.warning("the sync on exit did not finish in %.0f s; changes stay queued", budget)
        else:
            self.engine.close()
        return result.get("report")


#: What each kind of outbox op is, for the learner (translated where shown).
_KINDS = {
    "progress": QT_TRANSLATE_NOOP("DeadLettersDialog", "Progress"),
    "playback": QT_TRANSLATE_NOOP("DeadLettersDialog", "Video position"),
    "study_time": QT_TRANSLATE_NOOP("DeadLettersDialog", "Study time"),
    "attempt": QT_TRANSLATE_NOOP("DeadLettersDialog", "Assessment attempt"),
}


class DeadLettersDialog(QDialog):
    """Changes the server rejected: what, when and why; the learner dismisses them."""

    dismissed = Signal()

    def __init__(self, cache: LocalCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadLettersDialog")
        self.cache = cache
        self.entries: list[DeadLetterEntry] = []
        self.intro = intro = QLabel()
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("deadLetters")
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.empty = QLabel()
        self.empty.hide()
        self.dismiss_button = QPushButton()
        self.dismiss_all_button = QPushButton()
        self.dismiss_button.clicked.connect(self._dismiss_selected)
        self.dismiss_all_button.clicked.connect(self._dismiss_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.dismiss_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.dismiss_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(560, 360)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Changes the server could not accept"))
        self.intro.setText(
            self.tr(
                "The server refused these changes made on this computer. They are kept here "
                "so you know; they will not be sent again. Dismiss them once you have read them."
            )
        )
        self.empty.setText(self.tr("Nothing was rejected: every change reached the server."))
        self.dismiss_button.setText(self.tr("&Dismiss selected"))
        self.dismiss_all_button.setText(self.tr("Dismiss &all"))
        if self.entries:
            self._show(self.entries)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        cache = self.cache
        BackgroundOp(cache.dead_letters, label="read rejected changes").on_success(
            self._show
        ).on_failure(self._failed).run(parent=self)

    def _show(self, entries: list[DeadLetterEntry]) -> None:
        self.entries = list(entries)
        self.list.clear()
        for entry in self.entries:
            when = entry.at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.at else "?"
            kind = _KINDS.get(entry.kind)
            what = self.tr(kind) if kind else entry.kind.replace("_", " ")
            item = QListWidgetItem(f"{when} · {what}: {entry.reason}")
            item.setData(Qt.ItemDataRole.UserRole, entry.op_id)
            self.list.addItem(item)
        has = bool(self.entries)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        self.dismiss_button.setEnabled(has)
        self.dismiss_all_button.setEnabled(has)

    def _failed(self, exc: BaseException) -> None:
        self.empty.setText(self.tr("The rejected changes could not be read: {0}").format(exc))
        self.empty.show()

    def _dismiss_selected(self) -> None:
        ids = [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]
        if ids:
            self._dismiss(ids)

    def _dismiss_all(self) -> None:
        self._dismiss(None)

    def _dismiss(self, op_ids: list[str] | None) -> None:
        cache = self.cache
        BackgroundOp(
            lambda: cache.dismiss_dead_letters(op_ids), label="dismiss rejected changes"
        ).on_success(self._dismissed).on_failure(self._failed).run(parent=self)

    def _dismissed(self, _count: int) -> None:
        self.dismissed.emit()
        self.reload()


def course_key(course_id: object) -> uuid.UUID:
    return course_id if isinstance(course_id, uuid.UUID) else uuid.UUID(str(course_id))
