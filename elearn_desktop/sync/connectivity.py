"""Connectivity and scheduling: when is the server reachable, and when to sync (no Qt).

- :class:`Backoff` — exponential delays with jitter, capped.
- :class:`ConnectivityMonitor` — "online" means a real ``SELECT 1`` succeeded within a
  short timeout. While offline it probes with backoff; while online at a steady interval.
  Listeners hear ``(online, reason)`` on every change. Drive it from a thread
  (:meth:`ConnectivityMonitor.run` / :meth:`start`) or from a GUI timer (:meth:`due` +
  :meth:`check`, run off the GUI thread).
- :class:`SyncScheduler` — the policy: sync on reconnect, on a timer, on demand ("Sync
  now"), and once more on exit within a time budget; after a failed sync, retry with
  backoff. It never runs anything itself: the caller asks ``due()`` and reports
  ``started()`` / ``finished(report)``.
- :class:`SyncStatus` — what the status bar shows, in words.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.errors import describe_target
from elearn_desktop.domain.errors import ElearnError
from elearn_desktop.services.backend import Backend
from elearn_desktop.sync.engine import SyncEngine, SyncReport
from elearn_desktop.sync.watchdog import Watchdog

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Listener = Callable[[bool, str | None], None]


class Backoff:
    """Delays ``base · factor^n`` capped at ``cap``, each scaled by a random factor in
    ``[1 - jitter, 1]`` so that many clients do not retry in step."""

    def __init__(
        self,
        *,
        base_s: float = 1.0,
        cap_s: float = 60.0,
        factor: float = 2.0,
        jitter: float = 0.5,
        rng: random.Random | None = None,
    ) -> None:
        if not 0 <= jitter <= 1:
            raise ValueError("jitter is a share from 0 to 1")
        self.base_s = base_s
        self.cap_s = cap_s
        self.factor = factor
        self.jitter = jitter
        self._rng = rng or random.Random()
        self.failures = 0

    def next_delay(self) -> float:
        """The delay after one more failure."""
        raw = min(self.cap_s, self.base_s * self.factor**self.failures)
        self.failures += 1
        return raw * (1.0 - self.jitter * self._rng.random())

    def reset(self) -> None:
        self.failures = 0


def sql_probe(
    backend_factory: Callable[[], Backend], *, timeout_s: float = 3.0
) -> Callable[[], None]:
    """A probe that connects and runs ``SELECT 1``; raises with a reason when it cannot.

    Uses its own engine (no pool, short connect timeout, a statement timeout) so a probe
    never waits on the app's connections nor hangs on a half-open socket.
    """
    engines: dict[str, Engine] = {}

    def probe() -> None:
        backend = backend_factory()
        key = backend.engine.url.render_as_string(hide_password=False)
        engine = engines.get(key)
        if engine is None:
            engine = create_server_engine(
                backend.engine.url,
                poolclass=NullPool,
                pool_pre_ping=False,
                connect_args={
                    "connect_timeout": max(1, round(timeout_s)),
                    "application_name": "elearn-desktop probe",
                    "options": f"-c statement_timeout={int(timeout_s * 1000)}",
                },
            )
            engines[key] = engine
        watchdog = Watchdog(timeout_s)
        try:
            with engine.connect() as conn, watchdog.guard(conn):
                conn.exec_driver_sql("SELECT 1")
        except DBAPIError as exc:
            lines = str(exc.orig or exc).strip().splitlines()
            reason = (
                "it stopped answering"
                if watchdog.fired
                else (lines[0] if lines else type(exc).__name__)
            )
            raise ElearnError(f"cannot reach {describe_target(engine)}: {reason}") from None

    return probe


class ConnectivityMonitor:
    """Probes the server and tells listeners when it comes and goes."""

    def __init__(
        self,
        probe: Callable[[], None],
        *,
        online_interval_s: float = 30.0,
        backoff: Backoff | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self._probe = probe
        self.online_interval_s = online_interval_s
        self.backoff = backoff or Backoff(base_s=1.0, cap_s=60.0)
        self._clock = clock
        self.online: bool | None = None  # None: not probed yet
        self.last_error: str | None = None
        self._next_at = clock()
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def due(self) -> bool:
        return self._clock() >= self._next_at

    def seconds_until_next_check(self) -> float:
        return max(0.0, self._next_at - self._clock())

    def check(self) -> bool:
        """Probe now (blocking: call it off the GUI thread); returns whether online."""
        with self._lock:
            try:
                self._probe()
            except Exception as exc:  # any failure to answer is "offline", in words
                self._set(False, str(exc) or type(exc).__name__)
                self._next_at = self._clock() + self.backoff.next_delay()
            else:
                self._set(True, None)
                self.backoff.reset()
                self._next_at = self._clock() + self.online_interval_s
            return bool(self.online)

    def report_failure(self, reason: str) -> None:
        """Another part (a sync) lost the server: go offline and probe with backoff."""
        with self._lock:
            self._set(False, reason)
            self._next_at = self._clock() + self.backoff.next_delay()

    def check_soon(self) -> None:
        """Probe at the next opportunity (e.g. the OS says the network changed)."""
        self._next_at = self._clock()
        self._wake.set()

    def _set(self, online: bool, reason: str | None) -> None:
        changed = online != self.online
        self.online = online
        self.last_error = reason
        if changed:
            log.info(
                "server %s%s", "online" if online else "offline", f": {reason}" if reason else ""
            )
            for listener in list(self._listeners):
                try:
                    listener(online, reason)
                except Exception:  # a listener's bug must not stop the monitor
                    log.exception("connectivity listener failed")

    # -- driving it from a thread --------------------------------------------------

    def run(self, stop: threading.Event | None = None) -> None:
        """Probe forever (until ``stop`` or :meth:`stop` is set)."""
        stop = stop or self._stop
        while not stop.is_set():
            if self.due():
                self.check()
            self._wake.wait(min(self.seconds_until_next_check(), 1.0))
            self._wake.clear()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="elearn-connectivity", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None


class SyncScheduler:
    """When to sync: the policy, with no thread or timer of its own.

    - going online → due now (on reconnect);
    - ``request()`` ("Sync now", Ctrl+Shift+S) → due now, even while a retry waits;
    - after a good sync → due again after ``interval_s``;
    - after a failed sync → retry with backoff (capped), while online;
    - never while offline (except on request: the sync then says why it cannot) or while
      a sync runs;
    - ``exit_budget_s`` bounds the last sync on exit (``SyncEngine.sync_once(deadline=...)``).
    """

    def __init__(
        self,
        *,
        interval_s: float = 300.0,
        exit_budget_s: float = 10.0,
        retry: Backoff | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self.interval_s = interval_s
        self.exit_budget_s = exit_budget_s
        self.retry = retry or Backoff(base_s=5.0, cap_s=300.0)
        self._clock = clock
        self.online = False
        self.running = False
        self.requested = False
        self._next_at: float | None = None
        self.last_report: SyncReport | None = None
        self.last_error: str | None = None

    def online_changed(self, online: bool, _reason: str | None = None) -> None:
        """Connect this to ``ConnectivityMonitor.add_listener``."""
        self.online = online
        if online:
            self.retry.reset()  # a fresh connection: start the retry delays over
            self._next_at = self._clock()

    def request(self) -> None:
        self.requested = True

    def due(self) -> bool:
        if self.running:
            return False
        if self.requested:
            return True
        return self.online and self._next_at is not None and self._clock() >= self._next_at

    def seconds_until_due(self) -> float | None:
        """For a GUI timer; None when nothing is scheduled (offline, or running)."""
        if self.running:
            return None
        if self.requested:
            return 0.0
        if not self.online or self._next_at is None:
            return None
        return max(0.0, self._next_at - self._clock())

    def started(self) -> None:
        self.running = True
        self.requested = False

    def finished(self, report: SyncReport | None, *, error: str | None = None) -> None:
        """Record the outcome: ``report`` of a sync, or ``error`` when it raised."""
        self.running = False
        self.last_report = report if report is not None else self.last_report
        problem = error or (report.errors[0] if report is not None and report.errors else None)
        self.last_error = problem
        if problem is None:
            self.retry.reset()
            self._next_at = self._clock() + self.interval_s
        else:
            self._next_at = self._clock() + self.retry.next_delay()
        if report is not None and not report.online:
            self.online = False

    def exit_deadline(self) -> float:
        return self._clock() + self.exit_budget_s


def sync_on_exit(engine: SyncEngine, scheduler: SyncScheduler) -> SyncReport | None:
    """The last sync when the app closes, bounded by the scheduler's exit budget."""
    if engine.running or engine.cache.pending_count() == 0:
        return None
    try:
        report = engine.sync_once(deadline=scheduler.exit_deadline())
    except ElearnError as exc:
        scheduler.finished(None, error=str(exc))
        return None
    scheduler.finished(report)
    return report


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows."""

    online: bool | None
    running: bool
    pending: int
    rejected: int
    last_sync_at: dt.datetime | None
    error: str | None

    @property
    def message(self) -> str:
        if self.running:
            state = "Syncing…"
        elif self.online is None:
            state = "Connecting…"
        elif not self.online:
            state = "Offline"
        else:
            state = "Online"
        parts = [state]
        if self.pending:
            parts.append(f"{self.pending} change{'s' if self.pending != 1 else ''} to sync")
        elif self.online and not self.running:
            parts.append("all changes synced")
        if self.rejected:
            parts.append(f"{self.rejected} rejected")
        if self.last_sync_at is not None:
            parts.append(f"last sync {self.last_sync_at.astimezone():%H:%M}")
        text = " · ".join(parts)
        return f"{text} — {self.error}" if self.error else text


def sync_status(
    engine: SyncEngine,
    monitor: ConnectivityMonitor | None,
    scheduler: SyncScheduler | None,
) -> SyncStatus:
    """The status of one device now (reads the cache: call it off the GUI thread)."""
    cache = engine.cache
    raw = cache.get_state("last_sync_at")
    error = None
    if scheduler is not None and scheduler.last_error:
        error = scheduler.last_error
    elif monitor is not None and monitor.online is False:
        error = monitor.last_error
    return SyncStatus(
        online=monitor.online if monitor is not None else None,
        running=engine.running,
        pending=cache.pending_count(),
        rejected=len(cache.dead_letters()),
        last_sync_at=dt.datetime.fromisoformat(raw) if raw else None,
        error=error,
    )
