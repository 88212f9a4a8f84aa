"""Python's cyclic garbage collector runs on the GUI thread only.

CPython collects in whichever thread happens to allocate past the threshold. When that is a
worker thread (a ``BackgroundOp``), collecting a cycle that holds a Qt object runs PySide's
clean-up there: it disconnects signals while holding Qt's connection lock and then needs
the GIL again to ask a Python wrapper about ``disconnectNotify``; a GUI thread that holds
the GIL while destroying a widget waits for that same lock — both wait forever (seen in
the test suite with PySide6 6.11). The usual remedy in Qt applications written in Python:
turn automatic collection off and collect, generation by generation with the same
thresholds, from a timer on the GUI thread.

A full collection walks every object the process holds, on the GUI thread: with the
modules, Qt wrappers and SQLAlchemy mappers of a signed-in app that took 50–150 ms, a
visible stall every half minute (and during a long sync). What start-up made lives until
the app ends, so :func:`freeze_start_up` moves it out of the collector's sight once the
main window is up (``gc.freeze``); a later full collection walks only what came after.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counters (ms).
INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """Disables automatic collection and collects from a GUI-thread timer instead."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        """Collect the generations whose counters passed their thresholds; objects found."""
        first, second, third = gc.get_count()
        found = 0
        if first > self.thresholds[0]:
            found += gc.collect(0)
            if second > self.thresholds[1]:
                found += gc.collect(1)
                if third > self.thresholds[2]:
                    found += gc.collect(2)
        return found

    def stop(self) -> None:
        """Give collection back to Python (as it was before)."""
        self.timer.stop()
        if self._was_enabled:
            gc.enable()


_collector: GuiThreadCollector | None = None
_thawed = False


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once for ``app`` (the QApplication); returns it."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(app)
    return _collector


def freeze_start_up() -> int:
    """Start-up is over (the main window is shown): freeze what the process holds.

    Frozen objects are never walked by a collection again (they are still freed by
    reference counting). Freezing costs nothing; the first time it runs without a
    collection before it, so the little cyclic garbage of the start-up itself stays
    (bounded, once). After a :func:`thaw` (sign-out) the previous session's garbage is
    collected first, so it is not frozen with the next session. Returns the frozen count.
    """
    global _thawed
    if _thawed:
        gc.collect()
        _thawed = False
    gc.freeze()
    return gc.get_freeze_count()


def thaw() -> None:
    """The session that was frozen with the start-up ends (sign-out): make it collectable."""
    global _thawed
    gc.unfreeze()
    _thawed = True
