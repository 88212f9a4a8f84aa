"""A small TCP proxy on loopback that misbehaves on purpose (for the flapping tests).

Every connection is forwarded to the upstream server by two pump threads. The test sets
the proxy's behaviour at any time:

- ``refuse``: new connections are closed at once (the server is "down");
- ``drop_after``: each new connection is cut after a random number of bytes in the given
  range (a flaky link that resets mid-query or mid-commit);
- ``stall_chance``: a new connection, with this probability, stops forwarding after its
  byte budget and keeps both sockets open (a link that silently stops answering);
- ``cut_all()``: resets every open connection now.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class _Link:
    client: socket.socket
    upstream: socket.socket
    budget: int | None
    stall: bool
    sent: int = 0
    closed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()


class FlakyProxy:
    def __init__(self, upstream_host: str, upstream_port: int, *, seed: int = 0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.rng = random.Random(seed)
        self.refuse = False
        self.drop_after: tuple[int, int] | None = None
        self.stall_chance = 0.0
        self.connections = 0
        self.cuts = 0
        self.stalls = 0
        self._links: list[_Link] = []
        self._lock = threading.Lock()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._server.getsockname()[1]
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True, name="flaky-proxy")
        self._thread.start()

    def calm(self) -> None:
        """Forward faithfully from now on (open links keep their fate)."""
        self.refuse = False
        self.drop_after = None
        self.stall_chance = 0.0

    def cut_all(self) -> None:
        with self._lock:
            links = list(self._links)
        for link in links:
            link.close()

    def close(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            # close() alone leaves the accept thread blocked; shutdown wakes it (Linux).
            self._server.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self._server.close()
        self._thread.join(timeout=5)
        self.cut_all()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            self.connections += 1
            if self.refuse:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                budget = self.rng.randint(*self.drop_after) if self.drop_after else None
                stall = budget is not None and self.rng.random() < self.stall_chance
                link = _Link(client, upstream, budget, stall)
                self._links.append(link)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(link, source, target), daemon=True
                ).start()

    def _pump(self, link: _Link, source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                with link.lock:
                    link.sent += len(data)
                    over = link.budget is not None and link.sent > link.budget
                if over:
                    if link.stall:
                        self.stalls += 1
                        # Swallow everything from now on: the peer waits for an answer
                        # that never comes, until it gives up and closes its side.
                        while source.recv(65536):
                            pass
                        return
                    self.cuts += 1
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            link.close()  # either side gone (or cut): close both, as a real link would
