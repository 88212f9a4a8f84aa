"""One way to run work off the GUI thread: small background ops on a QThreadPool.

    BackgroundOp(lambda: catalog.list_courses(uow)).on_success(model.set_courses)
        .on_failure(show_error).run(parent=self)

The work function runs on a pool thread and never touches widgets; its result or error
comes back to the GUI thread through a queued signal. If ``parent`` is destroyed first,
the callbacks are dropped instead of touching a dead widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self._emit(self._relay.failed, exc)
        else:
            self._emit(self._relay.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The relay died with its parent widget while we worked: nobody is waiting.
            log.debug("background op finished after its owner was destroyed")


class BackgroundOp(Generic[T]):
    def __init__(self, fn: Callable[[], T], *, label: str = "") -> None:
        self._fn = fn
        self.label = label
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None

    def on_success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        self._failure = callback
        return self

    def run(self, *, parent: QObject, pool: QThreadPool | None = None) -> None:
        # The relay lives in the GUI thread as a child of ``parent``: queued delivery, and
        # no delivery at all once the parent is gone.
        relay = _Relay(parent)
        relay.succeeded.connect(lambda result: self._deliver_success(relay, result))
        relay.failed.connect(lambda exc: self._deliver_failure(relay, exc))
        (pool or QThreadPool.globalInstance()).start(_Runnable(self._fn, relay))

    def _deliver_success(self, relay: _Relay, result: T) -> None:
        relay.deleteLater()
        if self._success is not None:
            self._success(result)

    def _deliver_failure(self, relay: _Relay, exc: BaseException) -> None:
        relay.deleteLater()
        if self._failure is not None:
            self._failure(exc)
        else:
            log.error("background op %r failed", self.label, exc_info=exc)
