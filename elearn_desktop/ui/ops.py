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

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives in the GUI thread as a child of the op's parent and delivers its outcome.

    The callbacks hang off the relay and its slots are its own methods: no closure refers
    back to the relay, so deleting it (after delivery, or with its parent) is clean.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        parent: QObject,
        label: str,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        callback, self._on_success, self._on_failure = self._on_success, None, None
        self.deleteLater()
        if callback is not None:
            callback(result)

    @Slot(object)
    def _deliver_failure(self, exc: object) -> None:
        callback, self._on_success, self._on_failure = self._on_failure, None, None
        self.deleteLater()
        if callback is not None:
            callback(exc)  # type: ignore[arg-type]
        else:
            log.error("background op %r failed", self._label, exc_info=exc)  # type: ignore[arg-type]


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._relay: _Relay | None = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        relay, fn = self._relay, self._fn
        # This runnable dies on the pool thread: it must not be the last owner of anything.
        self._relay = self._fn = None
        assert relay is not None
        assert fn is not None
        try:
            result = fn()
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self._emit(relay.failed, exc)
        else:
            self._emit(relay.succeeded, result)

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
        relay = _Relay(parent, self.label, self._success, self._failure)
        (pool or QThreadPool.globalInstance()).start(_Runnable(self._fn, relay))
