"""Call back once a widget has been painted: the start-up's "shown" and "ready" moments.

The callback runs from a zero timer queued by the widget's first paint event (matching the
given condition), i.e. after that paint has been handled; the watch then removes itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget


class PaintWatch(QObject):
    """``PaintWatch(widget, callback)``: ``callback()`` after ``widget``'s next paint.

    A child of ``widget``: it goes with the widget and never calls back into a dead one.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget: QWidget | None = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._widget
            and event.type() == QEvent.Type.Paint
            and self._callback is not None
        ):
            self._widget.removeEventFilter(self)
            self._widget = None
            QTimer.singleShot(0, self, self._fire)  # after this paint has been handled
        return False

    @Slot()
    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        self.deleteLater()
        if callback is not None:
            callback()
