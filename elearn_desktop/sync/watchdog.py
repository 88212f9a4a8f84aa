"""A watchdog for server round trips: libpq has no read timeout.

A peer that stops answering — a proxy that stalls, a Wi-Fi that is gone without a reset —
would block a query forever. :class:`Watchdog` shuts the connection's socket down when a
guarded block takes too long; the blocked call then fails at once with a connection error,
which the caller handles like any lost connection.
"""

from __future__ import annotations

import logging
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


class Watchdog:
    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        #: Whether it ever had to cut a connection (so an error can say "stopped answering").
        self.fired = False

    @contextmanager
    def guard(self, conn: Any, *, deadline: float | None = None) -> Iterator[None]:
        """Cut ``conn`` if the block outlives the timeout (or the monotonic ``deadline``)."""
        timeout = self.timeout_s
        if deadline is not None:
            timeout = max(0.5, min(timeout, deadline - time.monotonic()))
        fd = socket_fd(conn)
        timer = threading.Timer(timeout, self._fire, (fd,))
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _fire(self, fd: int | None) -> None:
        if fd is None:
            return
        self.fired = True
        log.warning("the server did not answer in time; closing the connection")
        cut(fd)
