"""A real HTTP file server on loopback for download tests (no mocks).

Serves in-memory bytes or files on disk, with behaviours a test switches per path:
Range support on/off, a chunked body, closing the connection at given byte offsets,
corrupting a byte range, failing with a status (404, 403, 503 …), stalling at an offset
until released, and throttling. Every request is recorded (method, path, Range header, status).

    with LoopbackFileServer() as server:
        server.add("/a.bin", data, range_support=False, cut_at=[1000])
        url = server.url("/a.bin")
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")
_CHUNK = 64 * 1024


@dataclass
class ServedFile:
    """One path's content and behaviour; tests may change the fields while serving."""

    data: bytes | None = None
    path: Path | None = None
    range_support: bool = True
    #: Absolute file offsets; each response whose body crosses the first one stops there
    #: and closes the connection (the offset is then used up).
    cut_at: list[int] = field(default_factory=list)
    #: Flip the bytes in [start, end) for this many responses.
    corrupt: tuple[int, int] | None = None
    corrupt_times: int = 0
    #: Statuses answered (instead of the file) by the next requests, one each.
    fail_with: list[int] = field(default_factory=list)
    #: Answer every request with this status.
    status: int | None = None
    #: Stop sending at this absolute offset until ``release`` is set (or the server stops).
    stall_at: int | None = None
    release: threading.Event = field(default_factory=threading.Event)
    #: Bytes per second (None: as fast as possible).
    rate: float | None = None
    etag: str | None = None
    #: Send the body with ``Transfer-Encoding: chunked`` (no Content-Length; no Range).
    chunked: bool = False

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def read(self, start: int, end: int) -> bytes:
        if self.data is not None:
            return self.data[start:end]
        assert self.path is not None
        with self.path.open("rb") as f:
            f.seek(start)
            return f.read(end - start)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    range: str | None
    if_range: str | None
    status: int


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 10  # idle keep-alive connections end on their own

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet tests

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _record(self, status: int) -> None:
        with self.server.lock:
            self.server.requests.append(
                RecordedRequest(
                    self.command,
                    self.path,
                    self.headers.get("Range"),
                    self.headers.get("If-Range"),
                    status,
                )
            )

    def _plain(self, status: int) -> None:
        self._record(status)
        body = f"status {status}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self, *, body: bool) -> None:
        with self.server.lock:
            served = self.server.files.get(self.path.split("?")[0])
            failure = None
            if served is not None:
                failure = served.status or (served.fail_with.pop(0) if served.fail_with else None)
        if served is None:
            self._plain(404)
            return
        if failure is not None:
            self._plain(failure)
            return
        size = served.size
        etag = served.etag
        start, end, status = 0, size, 200
        wanted = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if (
            wanted
            and served.range_support
            and not served.chunked
            and (not if_range or if_range == etag)
        ):
            match = _RANGE.match(wanted.strip())
            if match:
                first = int(match.group(1))
                last = int(match.group(2)) + 1 if match.group(2) else size
                if first >= size:
                    self._record(416)
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{size}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                start, end, status = first, min(last, size), 206
        self._record(status)
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        if served.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(end - start))
        if served.range_support:
            self.send_header("Accept-Ranges", "bytes")
        if etag:
            self.send_header("ETag", etag)
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
        self.end_headers()
        if body and served.chunked:
            self._send_chunked(served)
        elif body:
            self._send_body(served, start, end)

    def _send_chunked(self, served: ServedFile) -> None:
        for offset in range(0, served.size, _CHUNK):
            chunk = served.read(offset, min(offset + _CHUNK, served.size))
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _send_body(self, served: ServedFile, start: int, end: int) -> None:
        with self.server.lock:
            cut = next((c for c in served.cut_at if start < c < end), None)
            if cut is not None:
                served.cut_at.remove(cut)
            corrupt = served.corrupt if served.corrupt_times > 0 else None
            if corrupt is not None:
                served.corrupt_times -= 1
        stop_at = cut if cut is not None else end
        plain = (
            served.path is not None
            and corrupt is None
            and served.stall_at is None
            and served.rate is None
        )
        if plain:
            self._sendfile(served, start, stop_at)
        else:
            self._write_chunks(served, start, stop_at, corrupt)
        if cut is not None:
            self.close_connection = True
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)

    def _sendfile(self, served: ServedFile, start: int, stop_at: int) -> None:
        assert served.path is not None
        self.wfile.flush()
        with served.path.open("rb") as f:
            self.connection.sendfile(f, offset=start, count=stop_at - start)

    def _write_chunks(
        self, served: ServedFile, start: int, stop_at: int, corrupt: tuple[int, int] | None
    ) -> None:
        offset = start
        began = time.monotonic()
        while offset < stop_at:
            limit = stop_at
            stall = served.stall_at
            if stall is not None and offset <= stall < stop_at and not served.release.is_set():
                limit = stall
            if offset == limit:
                self.wfile.flush()
                while not served.release.wait(0.05):
                    if self.server.stopping.is_set():
                        return
                continue
            chunk = served.read(offset, min(offset + _CHUNK, limit))
            if corrupt is not None:
                chunk = _flip(chunk, offset, corrupt)
            self.wfile.write(chunk)
            offset += len(chunk)
            if served.rate:
                ahead = (offset - start) / served.rate - (time.monotonic() - began)
                if ahead > 0:
                    self.wfile.flush()
                    if self.server.stopping.wait(ahead):
                        return
        self.wfile.flush()


def _flip(chunk: bytes, offset: int, corrupt: tuple[int, int]) -> bytes:
    lo, hi = max(corrupt[0], offset), min(corrupt[1], offset + len(chunk))
    if lo >= hi:
        return chunk
    buf = bytearray(chunk)
    for i in range(lo - offset, hi - offset):
        buf[i] ^= 0xFF
    return bytes(buf)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up (a cancelled or cut download) is part of the tests.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.files: dict[str, ServedFile] = {}
        self.requests: list[RecordedRequest] = []
        self.stopping = threading.Event()


class LoopbackFileServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 (port chosen by the system); ``tls``: HTTPS."""

    def __init__(self, *, tls: ssl.SSLContext | None = None) -> None:
        self._server = _Server()
        self._scheme = "http"
        if tls is not None:  # HTTPS: every accepted connection does the TLS handshake
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="loopback-http", daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"{self._scheme}://127.0.0.1:{self.port}{path}"

    def add(self, path: str, data: bytes | Path, **behaviour: Any) -> ServedFile:
        if isinstance(data, bytes):
            served = ServedFile(data=data, **behaviour)
            digest = hashlib.sha256(data).hexdigest()[:16]
        else:
            served = ServedFile(path=data, **behaviour)
            stat = os.stat(data)
            digest = f"{stat.st_size:x}-{stat.st_mtime_ns:x}"
        if served.etag is None:
            served.etag = f'"{digest}"'
        with self._server.lock:
            self._server.files[path] = served
        return served

    def file(self, path: str) -> ServedFile:
        return self._server.files[path]

    def requests(self, path: str | None = None) -> list[RecordedRequest]:
        with self._server.lock:
            return [r for r in self._server.requests if path is None or r.path == path]

    def close(self) -> None:
        self._server.stopping.set()
        with self._server.lock:
            for served in self._server.files.values():
                served.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> LoopbackFileServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
