"""Cyclic garbage is collected by a GUI-thread timer, never by a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from elearn_desktop.ui.gc_guard import GuiThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def _cycle() -> weakref.ref[_Node]:
    return weakref.ref(_Node())


def test_a_worker_thread_never_collects_and_the_gui_timer_does(qtbot: QtBot) -> None:
    owner = QObject()
    before = gc.isenabled()
    collector = GuiThreadCollector(owner, interval_ms=20)
    try:
        assert not gc.isenabled()
        collector.thresholds = (0, 0, 0)
        refs: list[weakref.ref[_Node]] = []

        def worker() -> None:
            # Allocates far past the default threshold: with automatic collection on,
            # this thread would collect the cycles itself.
            refs.extend(_cycle() for _ in range(5_000))

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert all(ref() is not None for ref in refs)
        qtbot.waitUntil(lambda: all(ref() is None for ref in refs), timeout=5_000)
    finally:
        collector.stop()
    assert gc.isenabled() == before  # stopping gives back what was there


def test_check_collects_only_past_the_thresholds() -> None:
    owner = QObject()
    collector = GuiThreadCollector(owner, interval_ms=60_000)
    try:
        collector.thresholds = (10**9, 10, 10)
        ref = _cycle()
        assert collector.check() == 0
        assert ref() is not None
        collector.thresholds = (0, 10**9, 10**9)
        assert collector.check() >= 1
        assert ref() is None
    finally:
        collector.stop()
