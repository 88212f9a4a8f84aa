"""Cyclic garbage is collected by a GUI-thread timer, never by a worker thread; what the
start-up made is frozen, so a full collection does not walk it again."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.ui.application import AppController
from elearn_desktop.ui.gc_guard import GuiThreadCollector, freeze_start_up, thaw


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


def _tracked(obj: object) -> bool:
    """Whether a collection would walk ``obj`` (frozen objects are in no generation)."""
    return any(o is obj for o in gc.get_objects())


def test_what_exists_at_the_end_of_start_up_is_frozen_until_thawed() -> None:
    old = _Node()
    try:
        assert freeze_start_up() > 0
        assert not _tracked(old)
        young = _Node()
        assert _tracked(young)
        thaw()
        assert gc.get_freeze_count() == 0
        assert _tracked(old)
    finally:
        thaw()


def test_garbage_of_a_thawed_session_is_collected_before_the_next_freeze() -> None:
    node = _Node()
    ref = weakref.ref(node)
    try:
        freeze_start_up()
        del node
        gc.collect()
        assert ref() is not None  # frozen: a collection does not see the cycle
        thaw()
        freeze_start_up()  # the next sign-in: the old session's cycles go first
        assert ref() is None
    finally:
        thaw()


def test_the_window_freezes_the_start_up_and_sign_out_thaws_it(
    qtbot: QtBot, qapp: QApplication, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = AppController(qapp)
    with qtbot.waitSignal(controller.ready, timeout=30_000):
        window = controller.open_window(admin)
        qtbot.addWidget(window)
    try:
        assert gc.get_freeze_count() > 0
        monkeypatch.setattr(controller, "start", lambda: True)  # no sign-in dialog again
        controller.sign_out()
        assert gc.get_freeze_count() == 0
        assert controller.window is None
    finally:
        thaw()
