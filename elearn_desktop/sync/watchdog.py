"""A watchdog for server round trips: libpq has no read timeout.

A peer that stops answering — a proxy that stalls, a Wi-Fi that is gone without a reset —
would block a query forever. :class:`Watchdog` shuts the connection's socket down when a
guarded block takes too long; the blocked call then fails at once with a connection error,
which the caller handles like any lost connection.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

log = logging.getLogger(__name__)


def socket_fd(conn: Any) -> int | None:
    """The socket of a SQLAlchemy connection's driver connection (None if it has none)."""
    try:
        driver = conn.connection.driver_connection
        return int(driver.fileno()) if driver is not None else None
    except Exception:  # a closed or invalidated connection has no socket
        return None


def cut(fd: int) -> None:
    """Shut a socket down (both ways) without closing the descriptor its owner holds."""
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    finally:
        sock.close()


class _Sentry:
    """One daemon thread that watches every guarded block of the process.

    A guard only files its due time and removes it again: starting a timer thread per
    round trip cost more than a small push's round trip itself (~0.3-1 ms a thread). The
    thread sleeps until the earliest due time; a block that ends before it is forgotten.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._due: dict[int, tuple[float, int | None, Watchdog]] = {}
        self._ids = itertools.count()
        self._wake = math.inf
        self._thread: threading.Thread | None = None

    def add(self, when: float, fd: int | None, owner: Watchdog) -> int:
        with self._cond:
            key = next(self._ids)
            self._due[key] = (when, fd, owner)
            if self._thread is None or not self._thread.is_alive():
                self._wake = when
                self._thread = threading.Thread(
                    target=self._run, name="elearn-sync-watchdog", daemon=True
                )
                self._thread.start()
            elif when < self._wake:
                self._wake = when
                self._cond.notify()
            return key

    def remove(self, key: int) -> None:
        with self._cond:
            self._due.pop(key, None)

    def _run(self) -> None:
        while True:
            with self._cond:
                now = time.monotonic()
                late = [key for key, (when, _fd, _owner) in self._due.items() if when <= now]
                fired = [self._due.pop(key) for key in late]
                self._wake = min(
                    (when for when, _fd, _owner in self._due.values()), default=math.inf
                )
                if not fired:
                    self._cond.wait(None if self._wake == math.inf else self._wake - now)
                    continue
            for _when, fd, owner in fired:
                owner._fire(fd)


_SENTRY = _Sentry()


class Watchdog:
    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        #: Whether it ever had to cut a connection (so an error can say "stopped answering").
        self.fired = False

    @contextmanager
    def guard(self, conn: Any, *, deadline: float | None = None) -> Iterator[None]:
        """Cut ``conn`` if the block outlives the timeout (or the monotonic ``deadline``)."""
        timeout = self.timeout_s
        now = time.monotonic()
        if deadline is not None:
            timeout = max(0.5, min(timeout, deadline - now))
        key = _SENTRY.add(now + timeout, socket_fd(conn), self)
        try:
            yield
        finally:
            _SENTRY.remove(key)

    def _fire(self, fd: int | None) -> None:
        if fd is None:
            return
        self.fired = True
        log.warning("the server did not answer in time; closing the connection")
        cut(fd)
