"""The scheduling policy and the backoff, with a fake clock (no database, no threads)."""

from __future__ import annotations

import random
import threading

import pytest

from elearn_desktop.sync.connectivity import (
    Backoff,
    ConnectivityMonitor,
    SyncScheduler,
    SyncStatus,
)
from elearn_desktop.sync.engine import SyncReport


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_backoff_grows_jitters_and_is_capped() -> None:
    backoff = Backoff(base_s=1.0, cap_s=30.0, jitter=0.5, rng=random.Random(3))
    delays = [backoff.next_delay() for _ in range(12)]
    for n, delay in enumerate(delays):
        ceiling = min(30.0, 2.0**n)
        assert ceiling * 0.5 <= delay <= ceiling
    assert len(set(delays)) == len(delays)  # jittered, not in step
    backoff.reset()
    assert backoff.next_delay() <= 1.0
    with pytest.raises(ValueError, match="jitter"):
        Backoff(jitter=2.0)


def test_scheduler_syncs_on_reconnect_timer_demand_and_retries_with_backoff() -> None:
    clock = Clock()
    scheduler = SyncScheduler(
        interval_s=300.0, retry=Backoff(base_s=5.0, cap_s=60.0, jitter=0.0), clock=clock
    )
    assert not scheduler.due()
    assert scheduler.seconds_until_due() is None  # offline: nothing scheduled

    scheduler.online_changed(True)  # reconnect
    assert scheduler.due()
    scheduler.started()
    assert not scheduler.due()
    assert scheduler.seconds_until_due() is None
    scheduler.finished(SyncReport(pushed=3))
    assert not scheduler.due()
    assert scheduler.seconds_until_due() == 300.0
    clock.now += 300
    assert scheduler.due()  # the timer

    scheduler.started()
    scheduler.finished(SyncReport(errors=("lost the connection to the server",), online=False))
    assert scheduler.last_error == "lost the connection to the server"
    assert not scheduler.online
    assert not scheduler.due()
    scheduler.online_changed(True)
    assert scheduler.due()
    scheduler.started()
    scheduler.finished(SyncReport(errors=("the server refused the sync: boom",)))
    assert scheduler.seconds_until_due() == 5.0  # retry with backoff while online
    scheduler.started()
    scheduler.finished(None, error="still failing")
    assert scheduler.seconds_until_due() == 10.0

    scheduler.request()  # "Sync now" beats the backoff
    assert scheduler.due()
    assert scheduler.seconds_until_due() == 0.0
    scheduler.started()
    scheduler.finished(SyncReport())
    assert scheduler.last_error is None
    assert scheduler.seconds_until_due() == 300.0
    assert scheduler.exit_deadline() == clock.now + scheduler.exit_budget_s


def test_monitor_with_a_fake_probe_and_a_thread() -> None:
    clock = Clock()
    up = [True]
    calls = []

    def probe() -> None:
        calls.append(clock.now)
        if not up[0]:
            raise ConnectionError("no route to host")

    monitor = ConnectivityMonitor(
        probe, online_interval_s=30, backoff=Backoff(base_s=2, cap_s=16, jitter=0), clock=clock
    )
    changes: list[tuple[bool, str | None]] = []
    monitor.add_listener(lambda online, reason: changes.append((online, reason)))
    monitor.add_listener(lambda online, reason: 1 / 0)  # a broken listener hurts nobody
    assert monitor.due()
    assert monitor.check()
    assert not monitor.due()
    up[0] = False
    monitor.report_failure("the sync lost the connection")
    assert changes == [(True, None), (False, "the sync lost the connection")]
    assert monitor.seconds_until_next_check() == 2
    clock.now += 2
    assert not monitor.check()
    assert monitor.seconds_until_next_check() == 4
    assert monitor.last_error == "no route to host"
    up[0] = True
    monitor.check_soon()
    assert monitor.due()

    # Driven by its own thread until stopped.
    done = threading.Event()
    monitor.add_listener(lambda online, reason: done.set() if online else None)
    monitor.start()
    assert done.wait(5)
    monitor.stop()
    assert monitor.online is True


def test_status_line_in_words() -> None:
    offline = SyncStatus(
        online=False,
        running=False,
        pending=3,
        rejected=1,
        last_sync_at=None,
        error="cannot reach the server",
    )
    assert offline.message == "Offline · 3 changes to sync · 1 rejected — cannot reach the server"
    synced = SyncStatus(
        online=True, running=False, pending=0, rejected=0, last_sync_at=None, error=None
    )
    assert synced.message == "Online · all changes synced"
    busy = SyncStatus(
        online=True, running=True, pending=1, rejected=0, last_sync_at=None, error=None
    )
    assert busy.message == "Syncing… · 1 change to sync"
