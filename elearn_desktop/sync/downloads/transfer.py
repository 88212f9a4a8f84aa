"""One file, fetched reliably: streamed to ``<dest>.part``, resumed, verified (no Qt).

The state of an unfinished transfer is on disk, so it survives a crash or a restart:

* ``<dest>.part`` — the bytes received so far, written unbuffered (its size is the offset
  to resume from);
* ``<dest>.part.json`` — where they come from and what they should add up to (source,
  expected size and sha256, the server's ETag/Last-Modified and total size).

A later :meth:`Downloader.fetch` of the same request continues with ``Range: bytes=N-``
(and ``If-Range``, so a file that changed on the server starts over instead of being
spliced). A ``206`` must carry a ``Content-Range`` starting at N; a server that ignores
Range and answers ``200`` is handled by truncating the partial file and starting again.
Connection errors, timeouts, 429 and 5xx are retried with exponential backoff and jitter
(bounded: ``max_retries`` attempts in a row that receive nothing); 401/403/404/410 fail
at once with a sentence a learner can read. The finished file is checked against the
expected size and sha256; a mismatch deletes it and fetches once more from zero, then
gives up in words. Local sources (the 'demo' and 'file' providers) go through the same
copy, progress and verification path.

A body of known length is read in 1 MB blocks once h11 has handed over what it holds
(``body``), hashed on a helper thread while the next block arrives (``hash_feed``), and
its disk write is started every 8 MB so the final fsync has little left (``writeback``).

httpx is imported only when the first web download starts (start-up time is measured).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import random
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from elearn_desktop.sync.downloads.body import iter_body
from elearn_desktop.sync.downloads.files import (
    DEFAULT_SPACE_MARGIN,
    DownloadError,
    DownloadProgress,
    DownloadRequest,
    DownloadResult,
    DownloadStopped,
    NotEnoughSpaceError,
    ProgressCallback,
    discard_partial,
    ensure_free_space,
    int_or_none,
    partial_size,
)
from elearn_desktop.sync.downloads.hash_feed import HashFeed
from elearn_desktop.sync.downloads.writeback import EarlyWriteback

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

_COPY_CHUNK = 1024 * 1024
_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", re.IGNORECASE)
_UNSATISFIED_RANGE = re.compile(r"^\s*bytes\s+\*/(\d+)\s*$", re.IGNORECASE)


def _sha256_of(path: Path, *, upto: int | None = None) -> hashlib._Hash:
    hasher = hashlib.sha256()
    remaining = upto
    with path.open("rb") as f:
        while remaining is None or remaining > 0:
            block = f.read(_COPY_CHUNK if remaining is None else min(_COPY_CHUNK, remaining))
            if not block:
                break
            hasher.update(block)
            if remaining is not None:
                remaining -= len(block)
    return hasher


class _Meter:
    """Throttled progress reports with a speed over a sliding window."""

    def __init__(self, callback: ProgressCallback | None, interval: float, window: float = 3.0):
        self._callback = callback
        self._interval = interval
        self._window = window
        self._samples: deque[tuple[float, int]] = deque()
        self._last_report = 0.0
        self.speed = 0.0

    def reset(self, done: int) -> None:
        self._samples.clear()
        self._samples.append((time.monotonic(), done))
        self.speed = 0.0

    def tick(self, done: int, total: int | None, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_report < self._interval:
            return
        self._last_report = now
        samples = self._samples
        if samples and done < samples[-1][1]:
            samples.clear()  # started over
        samples.append((now, done))
        while len(samples) > 2 and now - samples[0][0] > self._window:
            samples.popleft()
        first_time, first_done = samples[0]
        if now - first_time > 0.05:
            self.speed = (done - first_done) / (now - first_time)
        if self._callback is not None:
            self._callback(DownloadProgress(done=done, total=total, speed=self.speed))


@dataclass
class _Transfer:
    """The in-memory side of one partial file."""

    request: DownloadRequest
    offset: int = 0
    hasher: Any = None  # a hashlib object when the request names a sha256
    total: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    resumed_from: int = 0
    restarts: int = 0

    def __post_init__(self) -> None:
        self.hasher = hashlib.sha256() if self.request.sha256 else None

    def write(self, out: IO[bytes], chunk: bytes, *, hashed_by: HashFeed | None = None) -> None:
        """Append ``chunk``; it is hashed here, or by ``hashed_by`` (which feeds ``hasher``)."""
        out.write(chunk)
        if hashed_by is not None:
            hashed_by(chunk)
        elif self.hasher is not None:
            self.hasher.update(chunk)
        self.offset += len(chunk)

    def start_over(self) -> None:
        if self.offset:
            self.restarts += 1
        self.offset = 0
        self.hasher = hashlib.sha256() if self.request.sha256 else None
        self.total = None
        self.etag = self.last_modified = None
        with open(self.request.part_path, "wb"):
            pass

    def save_sidecar(self) -> None:
        request = self.request
        data = {
            "source": request.source,
            "expected_size": request.expected_size,
            "sha256": request.sha256,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "total": self.total,
        }
        tmp = request.sidecar_path.with_name(request.sidecar_path.name + ".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, request.sidecar_path)


class _Retry(Exception):  # noqa: N818 - control flow inside the retry loop
    """A transient failure: try again after a backoff (``delay`` 0: at once)."""

    def __init__(self, reason: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


# ------------------------------------------------------------------------- downloader


class Downloader:
    """Fetches :class:`DownloadRequest` s; thread-safe (one HTTP connection pool for all)."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        max_retries: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        progress_interval: float = 0.1,
        space_margin: int | None = DEFAULT_SPACE_MARGIN,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.progress_interval = progress_interval
        self.space_margin = space_margin
        self._headers = dict(headers or {})
        self._client: httpx.Client | None = None
        self._client_lock = threading.Lock()
        self._sockets: dict[threading.Event, socket.socket] = {}  # live transfers, by stop

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP connections (a later fetch opens new ones)."""
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def interrupt(self, stop: threading.Event) -> None:
        """Set ``stop`` and wake the transfer it belongs to, even one blocked on a server
        that stopped sending (its socket is shut down; the partial file is kept)."""
        stop.set()
        with self._client_lock:
            sock = self._sockets.get(stop)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> Downloader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _http(self) -> httpx.Client:
        with self._client_lock:
            if self._client is None:
                import httpx

                self._client = httpx.Client(
                    follow_redirects=True,
                    timeout=httpx.Timeout(self.timeout, connect=self.connect_timeout),
                    headers={"User-Agent": "elearn-desktop", **self._headers},
                )
            return self._client

    # -- the one public operation ------------------------------------------------------------

    def fetch(
        self,
        request: DownloadRequest,
        *,
        on_progress: ProgressCallback | None = None,
        stop: threading.Event | None = None,
    ) -> DownloadResult:
        """Download ``request`` to its ``dest``; see the module docstring.

        Raises :class:`DownloadError` (plain message) when it cannot be done and
        :class:`DownloadStopped` when ``stop`` was set (the partial file is kept).
        """
        stop = stop or threading.Event()
        meter = _Meter(on_progress, self.progress_interval)
        request.dest.parent.mkdir(parents=True, exist_ok=True)
        kept = self._existing_result(request)
        if kept is not None:
            meter.tick(kept.size, kept.size, force=True)
            return kept
        try:
            return self._fetch_rounds(request, meter, stop)
        except DownloadError:
            if partial_size(request.dest) == 0:  # nothing worth keeping for a resume
                discard_partial(request.dest)
            raise

    def _fetch_rounds(
        self, request: DownloadRequest, meter: _Meter, stop: threading.Event
    ) -> DownloadResult:
        restarts = 0
        for round_ in (1, 2):
            transfer = self._open_transfer(request)
            transfer.restarts = restarts
            meter.reset(transfer.offset)
            meter.tick(transfer.offset, transfer.total, force=True)
            try:
                if request.is_remote:
                    self._fetch_http(transfer, meter, stop)
                else:
                    self._copy_local(transfer, meter, stop)
            except OSError as exc:
                raise self._disk_error(request, exc) from exc
            problem = self._verify(transfer)
            if problem is None:
                return self._finish(transfer, meter)
            log.warning("download of %s is damaged (%s); round %d", request.source, problem, round_)
            discard_partial(request.dest)
            restarts = transfer.restarts + 1
        raise DownloadError(
            f"The video '{request.label}' arrived damaged twice ({problem}), so it was "
            "deleted. Try again later; if it keeps happening, tell the course's instructor."
        )

    def probe_size(self, request: DownloadRequest) -> int | None:
        """The file's size if the source tells it cheaply (a HEAD request), else None."""
        if request.expected_size is not None:
            return request.expected_size
        if not request.is_remote:
            try:
                return request.local_source().stat().st_size
            except OSError:
                return None
        import httpx

        try:
            response = self._http().head(
                request.source,
                headers={"Accept-Encoding": "identity"},
                timeout=min(self.timeout, 5.0),
            )
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        return int_or_none(response.headers.get("content-length"))

    # -- steps -----------------------------------------------------------------------------

    def _existing_result(self, request: DownloadRequest) -> DownloadResult | None:
        dest = request.dest
        if request.overwrite or not dest.is_file():
            return None
        size = dest.stat().st_size
        if request.expected_size is not None and size != request.expected_size:
            return None
        digest = None
        if request.sha256:
            digest = _sha256_of(dest).hexdigest()
            if digest != request.sha256:
                return None
        discard_partial(dest)
        return DownloadResult(dest, size, digest, resumed_from=0, restarts=0, skipped=True)

    def _open_transfer(self, request: DownloadRequest) -> _Transfer:
        """Pick up a partial file left by an earlier attempt (or process), if it matches."""
        transfer = _Transfer(request)
        part = request.part_path
        size = partial_size(request.dest)
        saved: dict[str, Any] = {}
        with contextlib.suppress(OSError, ValueError):
            saved = json.loads(request.sidecar_path.read_text(encoding="utf-8"))
        usable = (
            size > 0
            and saved.get("source") == request.source
            and saved.get("sha256") == request.sha256
            and saved.get("expected_size") == request.expected_size
        )
        limit = request.expected_size if request.expected_size is not None else saved.get("total")
        if usable and isinstance(limit, int) and size > limit:
            usable = False
        if not usable:
            discard_partial(request.dest)
            with open(part, "wb"):
                pass
            transfer.save_sidecar()
            return transfer
        transfer.offset = transfer.resumed_from = size
        if request.sha256:
            transfer.hasher = _sha256_of(part, upto=size)
        transfer.etag = saved.get("etag")
        transfer.last_modified = saved.get("last_modified")
        transfer.total = int_or_none(saved.get("total"))
        log.info("resuming %s at byte %d", request.source, size)
        return transfer

    def _verify(self, transfer: _Transfer) -> str | None:
        request = transfer.request
        size = transfer.offset
        expected = request.expected_size if request.expected_size is not None else transfer.total
        if expected is not None and size != expected:
            return f"{size} bytes instead of {expected}"
        if transfer.hasher is not None and transfer.hasher.hexdigest() != request.sha256:
            return "its checksum does not match"
        return None

    def _finish(self, transfer: _Transfer, meter: _Meter) -> DownloadResult:
        request = transfer.request
        part = request.part_path
        with part.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(part, request.dest)
        with contextlib.suppress(FileNotFoundError):
            request.sidecar_path.unlink()
        meter.tick(transfer.offset, transfer.offset, force=True)
        return DownloadResult(
            path=request.dest,
            size=transfer.offset,
            sha256=transfer.hasher.hexdigest() if transfer.hasher is not None else None,
            resumed_from=transfer.resumed_from,
            restarts=transfer.restarts,
        )

    def _check_space(self, transfer: _Transfer, total: int | None) -> None:
        if self.space_margin is None or total is None:
            return
        ensure_free_space(
            transfer.request.dest.parent,
            total - transfer.offset,
            margin=self.space_margin,
            what=f"the video '{transfer.request.label}'",
        )

    @staticmethod
    def _disk_error(request: DownloadRequest, exc: OSError) -> DownloadError:
        if exc.errno == errno.ENOSPC:
            return NotEnoughSpaceError(
                f"The disk is full: the video '{request.label}' could not be saved in "
                f"{request.dest.parent}."
            )
        if isinstance(exc, FileNotFoundError) and not request.is_remote:
            return DownloadError(
                f"The video file for '{request.label}' is not on this computer any more "
                f"({exc.filename})."
            )
        return DownloadError(
            f"The video '{request.label}' could not be saved in {request.dest.parent}: "
            f"{exc.strerror or exc}."
        )

    # -- local copies ------------------------------------------------------------------------

    def _copy_local(self, transfer: _Transfer, meter: _Meter, stop: threading.Event) -> None:
        request = transfer.request
        source = request.local_source()
        total = source.stat().st_size  # FileNotFoundError -> a plain message above
        if transfer.offset > total:
            transfer.start_over()
        transfer.total = total
        self._check_space(transfer, total)
        with source.open("rb") as src, open(request.part_path, "ab", buffering=0) as out:
            src.seek(transfer.offset)
            writeback = EarlyWriteback(out.fileno(), start=transfer.offset)
            while True:
                if stop.is_set():
                    raise DownloadStopped
                block = src.read(_COPY_CHUNK)
                if not block:
                    break
                transfer.write(out, block)
                writeback.written(transfer.offset)
                meter.tick(transfer.offset, total)

    # -- HTTP ----------------------------------------------------------------------------

    def _fetch_http(self, transfer: _Transfer, meter: _Meter, stop: threading.Event) -> None:
        import httpx

        failures = 0  # failed attempts in a row
        if transfer.total is not None and transfer.offset == transfer.total:
            return  # complete before a crash or restart; verification decides
        while True:
            if stop.is_set():
                raise DownloadStopped
            before = transfer.offset
            try:
                self._http_attempt(transfer, meter, stop)
                return
            except _Retry as retry:
                if stop.is_set():  # interrupted on purpose (a shut-down socket reads as the end)
                    raise DownloadStopped from None
                reason, status, retry_after = retry.reason, retry.status, retry.retry_after
            except httpx.TimeoutException:
                reason, status, retry_after = "the server stopped answering (timed out)", None, None
            except httpx.TransportError as exc:
                if stop.is_set():  # interrupted on purpose
                    raise DownloadStopped from None
                reason, status, retry_after = _transport_reason(exc), None, None
            # A failed attempt that received something starts the count again.
            failures = 1 if transfer.offset > before else failures + 1
            if failures > self.max_retries:
                raise DownloadError(
                    f"The video '{transfer.request.label}' could not be downloaded after "
                    f"{failures} tries: {reason}.",
                    status=status,
                )
            delay = self._backoff(max(failures, 1), retry_after)
            log.info(
                "download of %s: %s; retrying in %.2f s", transfer.request.source, reason, delay
            )
            if stop.wait(delay):
                raise DownloadStopped

    def _backoff(self, failures: int, retry_after: float | None) -> float:
        ceiling = min(self.backoff_cap, self.backoff_base * 2.0 ** (failures - 1))
        delay = ceiling / 2 + random.uniform(0, ceiling / 2)  # jitter, not crypto
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.backoff_cap))
        return delay

    def _http_attempt(self, transfer: _Transfer, meter: _Meter, stop: threading.Event) -> None:
        request = transfer.request
        headers = {"Accept-Encoding": "identity"}
        if transfer.offset > 0:
            headers["Range"] = f"bytes={transfer.offset}-"
            validator = (
                transfer.etag if transfer.etag and not transfer.etag.startswith("W/") else None
            )
            validator = validator or transfer.last_modified
            if validator:
                headers["If-Range"] = validator
        with (
            self._http().stream("GET", request.source, headers=headers) as response,
            self._interruptible(response, stop),
        ):
            total = self._accept_response(transfer, response)
            if total is not None and transfer.offset >= total:
                return  # the partial file was already complete
            self._check_space(transfer, total)
            mode = "ab" if transfer.offset > 0 else "wb"
            with (
                open(request.part_path, mode, buffering=0) as out,
                HashFeed(transfer.hasher) as hash_feed,
            ):
                writeback = EarlyWriteback(out.fileno(), start=transfer.offset)
                for chunk in iter_body(response, timeout=self.timeout):
                    if stop.is_set():
                        raise DownloadStopped
                    transfer.write(out, chunk, hashed_by=hash_feed)
                    writeback.written(transfer.offset)
                    meter.tick(transfer.offset, total)
        if total is not None and transfer.offset < total:
            raise _Retry("the connection was closed before the end of the file")

    @contextlib.contextmanager
    def _interruptible(self, response: httpx.Response, stop: threading.Event) -> Iterator[None]:
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is None:
            yield
            return
        with self._client_lock:
            self._sockets[stop] = sock
        try:
            if stop.is_set():
                raise DownloadStopped
            yield
        finally:
            with self._client_lock:
                self._sockets.pop(stop, None)

    def _accept_response(self, transfer: _Transfer, response: httpx.Response) -> int | None:
        """Check the status and headers; returns the file's total size if known."""
        request, status = transfer.request, response.status_code
        label = request.label
        if status in (404, 410):
            discard_partial(request.dest)
            raise DownloadError(
                f"The video '{label}' is not on the server any more ({status}).", status=status
            )
        if status in (401, 403):
            discard_partial(request.dest)
            raise DownloadError(
                f"The server refused to send the video '{label}' ({status}): you may not have "
                "access to it any more.",
                status=status,
            )
        if status == 416 and transfer.offset > 0:
            match = _UNSATISFIED_RANGE.match(response.headers.get("content-range", ""))
            if match and int(match.group(1)) == transfer.offset:
                transfer.total = transfer.offset
                return transfer.offset
            transfer.start_over()
            raise _Retry("the server could not continue the partial file", status=status)
        if status == 429 or status >= 500:
            raise _Retry(
                f"the server is busy or failing ({status} {response.reason_phrase})",
                status=status,
                retry_after=_retry_after(response.headers.get("retry-after")),
            )
        if status not in (200, 206):
            raise DownloadError(
                f"The video '{label}' could not be downloaded: the server answered "
                f"{status} {response.reason_phrase}.",
                status=status,
            )
        if status == 206:
            match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
            if match is None or int(match.group(1)) != transfer.offset:
                # A range we did not ask for: its bytes cannot be appended. Start over.
                log.warning("unusable Content-Range %r", response.headers.get("content-range"))
                transfer.start_over()
                raise _Retry("the server sent the wrong part of the file")
            total = None if match.group(3) == "*" else int(match.group(3))
        else:
            if transfer.offset > 0:
                log.info("%s ignored the Range request; starting over", request.source)
            transfer.start_over()
            total = int_or_none(response.headers.get("content-length"))
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        if (total, etag, last_modified) != (transfer.total, transfer.etag, transfer.last_modified):
            transfer.total, transfer.etag, transfer.last_modified = total, etag, last_modified
            transfer.save_sidecar()
        return total


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: the exponential backoff will do


def _transport_reason(exc: Exception) -> str:
    import httpx

    if isinstance(exc, httpx.ConnectError):
        return "the server cannot be reached"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "the connection was closed before the end of the file"
    return "the connection failed"
