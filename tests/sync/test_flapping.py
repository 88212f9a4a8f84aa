"""A connection that drops and stalls: sync resumes, backs off within bounds, duplicates
nothing. Connectivity is "a real SELECT 1 succeeded", probed with capped, jittered backoff.

The server is reached through a small TCP proxy on loopback (``tcp_proxy.FlakyProxy``)
that resets connections after a random number of bytes, or silently stops forwarding.
"""

from __future__ import annotations

import time

import pytest

from elearn_desktop.services.profiles import ServerProfile
from elearn_desktop.sync.connectivity import Backoff, ConnectivityMonitor, sql_probe
from tests.sync.conftest import SyncWorld
from tests.sync.tcp_proxy import FlakyProxy
from tests.sync.test_faults import assert_server_equals_device, fill

pytestmark = pytest.mark.postgres


def _through(world: SyncWorld, proxy: FlakyProxy) -> ServerProfile:
    direct = world.profile
    return ServerProfile(
        name="through a flaky link",
        kind=direct.kind,
        host="127.0.0.1",
        port=proxy.port,
        database=direct.database,
        sslmode="disable",
    )


@pytest.fixture
def proxy(world: SyncWorld) -> FlakyProxy:
    flaky = FlakyProxy(world.cluster.host, world.cluster.port, seed=7)
    world._closers.append(flaky.close)
    return flaky


def test_sync_resumes_over_a_flapping_link_without_duplicates(
    world: SyncWorld, proxy: FlakyProxy
) -> None:
    device = world.device(
        "train", profile=_through(world, proxy), batch_size=100, operation_timeout_s=1.5
    )
    total = fill(world, device, progress=1200, days=30)
    proxy.drop_after = (4_000, 250_000)
    proxy.stall_chance = 0.25
    backoff = Backoff(base_s=0.02, cap_s=0.3)
    delays: list[float] = []
    attempts = 0
    failures: list[str] = []
    while device.cache.pending_count() and attempts < 80:
        attempts += 1
        report = device.engine.sync_once()
        if report.ok:
            backoff.reset()
            continue
        failures.append(report.errors[0])
        delays.append(backoff.next_delay())
        time.sleep(delays[-1])
    assert device.cache.pending_count() == 0, (attempts, failures[-3:])
    assert proxy.cuts + proxy.stalls > 0
    assert failures
    assert all(0 < d <= 0.3 for d in delays)  # bounded backoff
    assert any("lost the connection" in f for f in failures)

    proxy.calm()
    report = device.engine.sync_once()
    assert report.ok, report.errors
    assert report.pending == 0
    assert report.rejected == 0
    assert_server_equals_device(world, device)
    assert total > 1000


def test_monitor_goes_offline_backs_off_and_comes_back(world: SyncWorld, proxy: FlakyProxy) -> None:
    device = world.device("laptop", profile=_through(world, proxy))
    events: list[tuple[bool, str | None]] = []
    now = [0.0]
    monitor = ConnectivityMonitor(
        sql_probe(device.engine._backend_factory, timeout_s=1.0),
        online_interval_s=30.0,
        backoff=Backoff(base_s=1.0, cap_s=8.0, jitter=0.5),
        clock=lambda: now[0],
    )
    monitor.add_listener(lambda online, reason: events.append((online, reason)))

    assert monitor.check() is True
    assert events == [(True, None)]
    assert monitor.seconds_until_next_check() == 30.0

    proxy.refuse = True
    waits = []
    for _ in range(6):
        assert monitor.check() is False
        waits.append(monitor.seconds_until_next_check())
    assert events[1][0] is False
    assert "cannot reach" in (events[1][1] or "")
    assert len(events) == 2  # one change, however many failed probes
    assert waits[0] <= 1.0
    assert waits[1] <= 2.0
    assert all(0.5 * min(8.0, 2**n) <= w <= min(8.0, 2**n) for n, w in enumerate(waits))
    assert max(waits) <= 8.0  # capped

    proxy.refuse = False
    proxy.drop_after = (10, 20)  # now it accepts but cuts every connection at once
    assert monitor.check() is False
    proxy.calm()
    assert monitor.check() is True
    assert events[-1] == (True, None)

    # A stalled link counts as offline within the probe's timeout, not forever.
    proxy.drop_after = (0, 0)
    proxy.stall_chance = 1.0
    started = time.monotonic()
    assert monitor.check() is False
    assert time.monotonic() - started < 10
