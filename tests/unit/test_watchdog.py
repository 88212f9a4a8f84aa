"""The sync watchdog: a guarded block that outlives its time gets its socket cut; one
thread watches every block (no thread per round trip)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from elearn_desktop.sync.watchdog import Watchdog


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    ours, peer = socket.socketpair()
    yield ours, peer
    ours.close()
    peer.close()


def _conn(sock: socket.socket) -> SimpleNamespace:
    """What the watchdog reads of a SQLAlchemy connection: its driver connection's fd."""
    return SimpleNamespace(connection=SimpleNamespace(driver_connection=sock))


def _watchers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "elearn-sync-watchdog"]


def test_a_block_that_outlives_its_time_has_its_socket_cut(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    ours, _peer = pair
    watchdog = Watchdog(0.2)
    with watchdog.guard(_conn(ours)):
        ours.settimeout(10)
        assert ours.recv(1) == b""  # a peer that never answers; the cut ends the wait
    assert watchdog.fired


def test_the_deadline_shortens_the_time(pair: tuple[socket.socket, socket.socket]) -> None:
    ours, _peer = pair
    watchdog = Watchdog(60)
    with watchdog.guard(_conn(ours), deadline=time.monotonic() + 0.6):
        ours.settimeout(30)  # without the deadline: socket.timeout after 30 s
        assert ours.recv(1) == b""
    assert watchdog.fired


def test_blocks_that_end_in_time_are_left_alone_and_share_one_thread(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    ours, peer = pair
    watchdog = Watchdog(0.3)
    for n in range(200):
        with watchdog.guard(_conn(ours)):
            peer.sendall(bytes([n % 256]))
            assert ours.recv(1) == bytes([n % 256])
    assert len(_watchers()) == 1
    time.sleep(0.5)  # past every block's time: none of them may fire now
    assert not watchdog.fired
    peer.sendall(b"x")
    assert ours.recv(1) == b"x"  # the socket still works
