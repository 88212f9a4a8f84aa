"""A persistent download queue: N worker threads, per-item pause/resume/cancel (no Qt).

The queue's own state is a small JSON file in its folder (never the sync engine's cache
database); the bytes of each unfinished file are its ``.part`` file and sidecar (see
:mod:`.transfer`). A new queue over the same folder — after a crash or a restart — puts
interrupted downloads back in line and resumes them from their partial files.

Listeners (:meth:`DownloadQueue.subscribe`) are called on whatever thread made the change,
usually a worker thread: a GUI must hand the event to its own thread before touching
widgets. One item's failure never stops the others; its message says what went wrong.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from elearn_desktop.sync.downloads.files import (
    DEFAULT_SPACE_MARGIN,
    DownloadError,
    DownloadProgress,
    DownloadRequest,
    DownloadResult,
    DownloadStopped,
    ensure_free_space,
    partial_size,
)
from elearn_desktop.sync.downloads.transfer import Downloader

log = logging.getLogger(__name__)

QUEUE_FILENAME = "queue.json"
_FORMAT_VERSION = 1


class DownloadState(enum.StrEnum):
    QUEUED = "queued"
    DOWNLOADING = "downloading"
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


STATE_WORDS = {
    DownloadState.QUEUED: "Waiting",
    DownloadState.DOWNLOADING: "Downloading",
    DownloadState.PAUSED: "Paused",
    DownloadState.DONE: "Done",
    DownloadState.FAILED: "Failed",
    DownloadState.CANCELLED: "Cancelled",
}
_WAITING = (DownloadState.QUEUED, DownloadState.DOWNLOADING)
_UNFINISHED = (*_WAITING, DownloadState.PAUSED)


@dataclass(frozen=True, slots=True)
class DownloadItem:
    """A snapshot of one queued file, safe to hand to any thread."""

    id: str
    request: DownloadRequest
    course_id: str | None
    course_title: str
    state: DownloadState
    message: str
    done: int
    total: int | None
    speed: float

    @property
    def title(self) -> str:
        return self.request.label

    @property
    def fraction(self) -> float | None:
        if self.state is DownloadState.DONE:
            return 1.0
        if not self.total:
            return None
        return min(1.0, self.done / self.total)

    @property
    def state_text(self) -> str:
        """The state in words: 'Downloading', 'Paused', 'Failed: The video ... (404).'"""
        words = STATE_WORDS[self.state]
        return f"{words}: {self.message}" if self.message else words


@dataclass(frozen=True, slots=True)
class DownloadTotals:
    """The queue at a glance, over the current batch (what was queued since it was idle)."""

    waiting: int  # queued or downloading
    downloading: int
    paused: int
    failed: int
    done_bytes: int
    total_bytes: int  # of the items whose size is known
    speed: float

    @property
    def fraction(self) -> float | None:
        if self.total_bytes <= 0:
            return None
        return min(1.0, self.done_bytes / self.total_bytes)


@dataclass(frozen=True, slots=True)
class QueueEvent:
    kind: Literal["added", "changed", "removed"]
    item_ids: tuple[str, ...]


QueueListener = Callable[[QueueEvent], None]


@dataclass
class _Entry:
    id: str
    request: DownloadRequest
    course_id: str | None
    course_title: str
    state: DownloadState
    message: str = ""
    done: int = 0
    total: int | None = None
    speed: float = 0.0

    def snapshot(self) -> DownloadItem:
        return DownloadItem(
            id=self.id,
            request=self.request,
            course_id=self.course_id,
            course_title=self.course_title,
            state=self.state,
            message=self.message,
            done=self.done,
            total=self.total,
            speed=self.speed,
        )

    def to_json(self, *, interrupted: bool) -> dict[str, Any]:
        state = DownloadState.QUEUED if interrupted else self.state
        return {
            "id": self.id,
            "request": self.request.to_json(),
            "course_id": self.course_id,
            "course_title": self.course_title,
            "state": state.value,
            "message": self.message,
            "done": self.done,
            "total": self.total,
        }


class DownloadQueue:
    """Downloads files in the background, ``workers`` at a time; state survives restarts."""

    def __init__(
        self,
        folder: Path,
        *,
        downloader: Downloader | None = None,
        workers: int = 2,
        space_margin: int = DEFAULT_SPACE_MARGIN,
        autostart: bool = True,
    ) -> None:
        if workers < 1:
            raise ValueError("a download queue needs at least one worker")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.workers = workers
        self.space_margin = space_margin
        self._owns_downloader = downloader is None
        self.downloader = downloader or Downloader(space_margin=space_margin)
        self._state_path = self.folder / QUEUE_FILENAME
        self._lock = threading.RLock()
        self._idle = threading.Condition(self._lock)
        self._save_lock = threading.Lock()
        self._save_seq = 0
        self._saved_seq = 0
        self._entries: dict[str, _Entry] = {}
        self._batch: set[str] = set()
        self._threads: dict[str, threading.Thread] = {}
        self._stops: dict[str, threading.Event] = {}
        self._orphans: dict[str, tuple[DownloadRequest, bool]] = {}  # removed while running
        self._deleting: set[Path] = set()  # files being deleted: no worker may start on them
        self._listeners: list[QueueListener] = []
        self._running = False
        self._load()
        if autostart:
            self.start()

    # -- reading -------------------------------------------------------------------------

    def items(self) -> list[DownloadItem]:
        with self._lock:
            return [entry.snapshot() for entry in self._entries.values()]

    def item(self, item_id: str) -> DownloadItem:
        with self._lock:
            return self._entry(item_id).snapshot()

    def totals(self) -> DownloadTotals:
        with self._lock:
            batch = [self._entries[i] for i in self._batch if i in self._entries]
            counted = [
                e for e in batch if e.state not in (DownloadState.FAILED, DownloadState.CANCELLED)
            ]
            entries = self._entries.values()
            return DownloadTotals(
                waiting=sum(
                    e.state in (DownloadState.QUEUED, DownloadState.DOWNLOADING) for e in entries
                ),
                downloading=sum(e.state is DownloadState.DOWNLOADING for e in entries),
                paused=sum(e.state is DownloadState.PAUSED for e in entries),
                failed=sum(e.state is DownloadState.FAILED for e in entries),
                done_bytes=sum(min(e.done, e.total) for e in counted if e.total),
                total_bytes=sum(e.total or 0 for e in counted),
                speed=sum(e.speed for e in entries if e.state is DownloadState.DOWNLOADING),
            )

    def space_used(self) -> int:
        """Bytes the queue's files take on disk: finished files and partial ones."""
        with self._lock:
            return sum(
                e.done for e in self._entries.values() if e.state is not DownloadState.CANCELLED
            )

    def active_courses(self) -> set[str]:
        """Courses with unfinished downloads (not to be evicted from the cache)."""
        with self._lock:
            return {
                e.course_id
                for e in self._entries.values()
                if e.course_id is not None and e.state in _UNFINISHED
            }

    def subscribe(self, listener: QueueListener) -> Callable[[], None]:
        """Call ``listener`` after every change (on the changing thread); returns unsubscribe."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock, contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing is waiting or downloading; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._busy():
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining)
            return True

    # -- adding --------------------------------------------------------------------------

    def add(
        self, request: DownloadRequest, *, course_id: str | None = None, course_title: str = ""
    ) -> str:
        return self.add_many([request], course_id=course_id, course_title=course_title)[0]

    def add_many(
        self,
        requests: Sequence[DownloadRequest],
        *,
        course_id: str | None = None,
        course_title: str = "",
        probe_sizes: bool = True,
    ) -> list[str]:
        """Queue ``requests`` (a request for a file already queued is not queued twice).

        Raises :class:`NotEnoughSpaceError` before queueing anything when the known sizes
        of these and the unfinished downloads would not fit on the disk with the margin.
        Sizes unknown here (``probe_sizes``: a HEAD request to the server) are checked
        per file when its download starts. This may do network I/O: not on a GUI thread.
        """
        sizes = [self._known_size(r, probe=probe_sizes) for r in requests]
        partials = [partial_size(r.dest) for r in requests]
        with self._lock:
            unfinished = {e.request.dest for e in self._entries.values() if e.state in _UNFINISHED}
            needed = sum(
                max(0, e.total - e.done)
                for e in self._entries.values()
                if e.state in _UNFINISHED and e.total
            )
        fresh = [i for i, r in enumerate(requests) if r.dest not in unfinished]
        needed += sum(max(0, (sizes[i] or 0) - partials[i]) for i in fresh)
        if fresh:  # the disk is asked outside the lock: the GUI reads the queue meanwhile
            count = len(fresh)
            ensure_free_space(
                requests[fresh[0]].dest.parent,
                needed,
                margin=self.space_margin,
                what=f"{count} video{'s' if count != 1 else ''}"
                + (f" of '{course_title}'" if course_title else ""),
            )
        ids: list[str] = []
        added: list[str] = []
        replaced: list[str] = []
        with self._lock:
            by_dest = {e.request.dest: e for e in self._entries.values()}
            for request, size, partial in zip(requests, sizes, partials, strict=True):
                existing = by_dest.get(request.dest)
                if existing is not None and existing.state in _UNFINISHED:
                    ids.append(existing.id)
                    continue
                if existing is not None:  # done, failed or cancelled before: start afresh
                    del self._entries[existing.id]
                    self._batch.discard(existing.id)
                    replaced.append(existing.id)
                entry = _Entry(
                    id=uuid.uuid4().hex,
                    request=request,
                    course_id=course_id,
                    course_title=course_title,
                    state=DownloadState.QUEUED,
                    done=partial,
                    total=request.expected_size or size,
                )
                self._entries[entry.id] = entry
                by_dest[request.dest] = entry
                self._batch.add(entry.id)
                ids.append(entry.id)
                added.append(entry.id)
            self._schedule()
            payload = self._payload()
        self._save(payload)
        if replaced:
            self._notify(QueueEvent("removed", tuple(replaced)))
        if added:
            self._notify(QueueEvent("added", tuple(added)))
        return ids

    def _known_size(self, request: DownloadRequest, *, probe: bool) -> int | None:
        if request.expected_size is not None:
            return request.expected_size
        if not request.is_remote:
            try:
                return request.local_source().stat().st_size
            except OSError:
                return None
        return self.downloader.probe_size(request) if probe else None

    # -- controlling -----------------------------------------------------------------------

    # (Ids no longer in the queue are ignored: a GUI may act on a row removed meanwhile.)

    def pause(self, item_id: str) -> None:
        self._transition([item_id], DownloadState.PAUSED)

    def resume(self, item_id: str) -> None:
        self._transition([item_id], DownloadState.QUEUED)

    def cancel(self, item_id: str) -> None:
        self._transition([item_id], DownloadState.CANCELLED)

    def retry(self, item_id: str) -> None:
        """Queue a failed or cancelled download again (same as :meth:`resume`)."""
        self.resume(item_id)

    def pause_all(self) -> None:
        self._transition(None, DownloadState.PAUSED)

    def resume_all(self) -> None:
        """Continue paused downloads and retry failed ones (cancelled ones stay cancelled)."""
        with self._lock:
            ids = [
                e.id
                for e in self._entries.values()
                if e.state in (DownloadState.PAUSED, DownloadState.FAILED)
            ]
        self._transition(ids, DownloadState.QUEUED)

    def cancel_all(self) -> None:
        self._transition(None, DownloadState.CANCELLED)

    def remove(self, item_id: str, *, delete_file: bool = True) -> int:
        """Forget a download; with ``delete_file`` also delete its file (the offline copy).

        Returns the bytes freed on disk (a running download is stopped first).
        """
        return self._remove([item_id], delete_files=delete_file)

    def remove_course(self, course_id: str, *, delete_files: bool = True) -> int:
        """Forget every download of a course and (``delete_files``) its files; bytes freed."""
        with self._lock:
            ids = [e.id for e in self._entries.values() if e.course_id == course_id]
        return self._remove(ids, delete_files=delete_files)

    def clear_finished(self) -> None:
        """Forget done, failed and cancelled items (their files stay)."""
        with self._lock:
            ids = [e.id for e in self._entries.values() if e.state not in _UNFINISHED]
        self._remove(ids, delete_files=False)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        with self._lock:
            self._running = True
            self._schedule()

    def shutdown(self, *, timeout: float = 5.0) -> bool:
        """Stop the workers, keeping partial files: they resume at the next :meth:`start`
        (or in a new queue over this folder). False if a worker did not stop in time."""
        with self._lock:
            self._running = False
            stops = list(self._stops.values())
        for stop in stops:
            self.downloader.interrupt(stop)
        with self._lock:
            threads = list(self._threads.values())
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        stopped = not any(t.is_alive() for t in threads)
        with self._lock:
            payload = self._payload()
        self._save(payload)
        if self._owns_downloader and stopped:
            self.downloader.close()
        return stopped

    def close(self) -> None:
        self.shutdown()

    # -- internals: state changes ----------------------------------------------------------

    def _entry(self, item_id: str) -> _Entry:
        try:
            return self._entries[item_id]
        except KeyError:
            raise KeyError(f"no download {item_id!r} in the queue") from None

    def _transition(self, ids: Iterable[str] | None, target: DownloadState) -> None:
        allowed = {
            DownloadState.PAUSED: (DownloadState.QUEUED, DownloadState.DOWNLOADING),
            DownloadState.CANCELLED: (*_UNFINISHED, DownloadState.FAILED),
            DownloadState.QUEUED: (
                DownloadState.PAUSED,
                DownloadState.FAILED,
                DownloadState.CANCELLED,
            ),
        }[target]
        with self._lock:
            entries = (
                list(self._entries.values())
                if ids is None
                else [self._entries[i] for i in ids if i in self._entries]
            )
            changed: list[str] = []
            doomed: list[tuple[DownloadRequest, bool]] = []
            for entry in entries:
                if entry.state not in allowed:
                    continue
                entry.state = target
                entry.speed = 0.0
                entry.message = ""
                changed.append(entry.id)
                running = entry.id in self._threads
                if target in (DownloadState.PAUSED, DownloadState.CANCELLED) and running:
                    # The worker stops at once and cleans up (see _finish).
                    self.downloader.interrupt(self._stops[entry.id])
                elif target is DownloadState.CANCELLED:
                    doomed.append(self._doom(entry.request, keep_file=True))
                    entry.done = 0
                if target is DownloadState.QUEUED:
                    self._batch.add(entry.id)
            self._schedule()
            self._settle_batch()
            payload = self._payload()
        self._save(payload)
        self._delete(doomed)
        if changed:
            self._notify(QueueEvent("changed", tuple(changed)))

    def _remove(self, ids: Sequence[str], *, delete_files: bool) -> int:
        freed = 0
        doomed: list[tuple[DownloadRequest, bool]] = []
        with self._lock:
            removed: list[str] = []
            for item_id in ids:
                entry = self._entries.pop(item_id, None)
                if entry is None:
                    continue
                removed.append(item_id)
                self._batch.discard(item_id)
                keep_file = not delete_files and entry.state is DownloadState.DONE
                if item_id in self._threads:
                    # The worker deletes when it stops; until then nothing else may start
                    # writing to this file.
                    self.downloader.interrupt(self._stops[item_id])
                    self._orphans[item_id] = self._doom(entry.request, keep_file=keep_file)
                    freed += entry.done
                else:
                    doomed.append(self._doom(entry.request, keep_file=keep_file))
            self._settle_batch()
            payload = self._payload()
            self._idle.notify_all()
        self._save(payload)
        freed += self._delete(doomed)
        if removed:
            self._notify(QueueEvent("removed", tuple(removed)))
        return freed

    def _doom(self, request: DownloadRequest, *, keep_file: bool) -> tuple[DownloadRequest, bool]:
        """Mark a file for deletion (lock held): no worker starts on it until it is gone."""
        self._deleting.add(request.dest)
        return request, keep_file

    def _delete(self, doomed: Sequence[tuple[DownloadRequest, bool]]) -> int:
        """Delete marked files without holding the lock (a large unlink takes a while and
        the GUI reads the queue meanwhile); returns the bytes freed."""
        if not doomed:
            return 0
        freed = sum(_delete_files(request, keep_file=keep) for request, keep in doomed)
        with self._lock:
            for request, _keep in doomed:
                self._deleting.discard(request.dest)
            self._schedule()
            self._idle.notify_all()
        return freed

    def _busy(self) -> bool:
        return any(
            e.state in (DownloadState.QUEUED, DownloadState.DOWNLOADING)
            for e in self._entries.values()
        ) or bool(self._threads or self._deleting)

    def _settle_batch(self) -> None:
        if not any(e.state in _UNFINISHED for e in self._entries.values()):
            self._batch.clear()

    # -- internals: workers ------------------------------------------------------------------

    def _schedule(self) -> None:
        """Start workers for waiting items (called with the lock held)."""
        if not self._running:
            return
        for entry in self._entries.values():
            if len(self._threads) >= self.workers:
                break
            if entry.state is not DownloadState.QUEUED or entry.id in self._threads:
                continue
            if entry.request.dest in self._deleting:
                continue  # its old files are being deleted; scheduled again after
            stop = threading.Event()
            entry.state = DownloadState.DOWNLOADING
            entry.message = ""
            thread = threading.Thread(
                target=self._work,
                args=(entry.id, entry.request, stop),
                name=f"download-{entry.id[:8]}",
                daemon=True,  # partial files make an abrupt exit harmless
            )
            self._threads[entry.id] = thread
            self._stops[entry.id] = stop
            thread.start()

    def _work(self, item_id: str, request: DownloadRequest, stop: threading.Event) -> None:
        outcome: DownloadResult | str | None = None
        try:
            outcome = self.downloader.fetch(
                request,
                on_progress=lambda progress: self._progress(item_id, stop, progress),
                stop=stop,
            )
        except DownloadStopped:
            outcome = None
        except DownloadError as exc:
            outcome = str(exc)
        except Exception as exc:  # one bad file must never take the queue down
            log.exception("download of %s failed unexpectedly", request.source)
            outcome = (
                f"The video '{request.label}' could not be downloaded: "
                f"unexpected {type(exc).__name__}: {exc}"
            )
        finally:
            self._finish(item_id, request, stop, outcome)

    def _progress(self, item_id: str, stop: threading.Event, progress: DownloadProgress) -> None:
        with self._lock:
            entry = self._entries.get(item_id)
            if entry is None or stop.is_set() or entry.state is not DownloadState.DOWNLOADING:
                return
            entry.done = progress.done
            entry.total = progress.total if progress.total is not None else entry.total
            entry.speed = progress.speed
        self._notify(QueueEvent("changed", (item_id,)))

    def _finish(
        self,
        item_id: str,
        request: DownloadRequest,
        stop: threading.Event,
        outcome: DownloadResult | str | None,
    ) -> None:
        event: QueueEvent | None = None
        doomed: list[tuple[DownloadRequest, bool]] = []
        with self._lock:
            self._threads.pop(item_id, None)
            self._stops.pop(item_id, None)
            entry = self._entries.get(item_id)
            orphan = self._orphans.pop(item_id, None)
            if orphan is not None:
                doomed.append(orphan)  # already marked by _remove
            elif entry is not None:
                event = QueueEvent("changed", (item_id,))
                entry.speed = 0.0
                if entry.state is DownloadState.CANCELLED:
                    # (a download that finished just as it was cancelled goes too)
                    doomed.append(self._doom(request, keep_file=False))
                    entry.done = 0
                elif isinstance(outcome, DownloadResult):
                    entry.state = DownloadState.DONE
                    entry.done = entry.total = outcome.size
                    entry.message = ""
                elif isinstance(outcome, str):
                    entry.state = DownloadState.FAILED
                    entry.message = outcome
                    entry.done = partial_size(request.dest)
                elif entry.state is DownloadState.DOWNLOADING:
                    # Stopped by shutdown: it waits for the next start.
                    entry.state = DownloadState.QUEUED
                if entry.state in (DownloadState.PAUSED, DownloadState.QUEUED):
                    entry.done = partial_size(request.dest)
            self._schedule()
            self._settle_batch()
            payload = self._payload()
            self._idle.notify_all()
        self._save(payload)
        self._delete(doomed)
        if event is not None:
            self._notify(event)

    def _notify(self, event: QueueEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("download queue listener failed")

    # -- internals: persistence --------------------------------------------------------------

    def _payload(self) -> tuple[int, str]:
        """The state file's text (called with the lock held; written outside it)."""
        interrupted = not self._running
        self._save_seq += 1
        items = [
            e.to_json(interrupted=interrupted and e.state is DownloadState.DOWNLOADING)
            for e in self._entries.values()
        ]
        return self._save_seq, json.dumps({"version": _FORMAT_VERSION, "items": items})

    def _save(self, payload: tuple[int, str]) -> None:
        seq, text = payload
        with self._save_lock:
            if seq <= self._saved_seq:
                return  # a newer state was written already
            tmp = self._state_path.with_name(self._state_path.name + ".tmp")
            try:
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, self._state_path)
            except OSError:
                log.exception("could not save the download queue to %s", self._state_path)
                return
            self._saved_seq = seq

    def _load(self) -> None:
        try:
            raw = self._state_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        try:
            data = json.loads(raw)
            items = data["items"]
            entries = [self._entry_from_json(item) for item in items]
        except (ValueError, KeyError, TypeError) as exc:
            broken = self._state_path.with_name(self._state_path.name + ".broken")
            log.warning("the download queue file is damaged (%s); kept as %s", exc, broken)
            with contextlib.suppress(OSError):
                os.replace(self._state_path, broken)
            return
        for entry in entries:
            if entry is None:
                continue
            self._entries[entry.id] = entry
            if entry.state in _UNFINISHED:
                self._batch.add(entry.id)

    @staticmethod
    def _entry_from_json(data: dict[str, Any]) -> _Entry | None:
        request = DownloadRequest.from_json(data["request"])
        state = DownloadState(data["state"])
        if state is DownloadState.DOWNLOADING:
            state = DownloadState.QUEUED  # interrupted by a crash: resume it
        entry = _Entry(
            id=str(data["id"]),
            request=request,
            course_id=data.get("course_id"),
            course_title=str(data.get("course_title") or ""),
            state=state,
            message=str(data.get("message") or ""),
            total=data.get("total"),
        )
        if state is DownloadState.DONE:
            try:
                entry.done = entry.total = request.dest.stat().st_size
            except OSError:
                return None  # the file was deleted since: nothing to show
        elif state is not DownloadState.CANCELLED:
            entry.done = partial_size(request.dest)
        return entry


def _delete_files(request: DownloadRequest, *, keep_file: bool = False) -> int:
    """Delete a download's partial file and (unless ``keep_file``) the file; bytes freed."""
    freed = 0
    paths = [request.part_path, request.sidecar_path]
    if not keep_file:
        paths.append(request.dest)
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            freed += path.stat().st_size
            path.unlink()
    return freed


__all__ = [
    "STATE_WORDS",
    "DownloadItem",
    "DownloadQueue",
    "DownloadState",
    "DownloadTotals",
    "QueueEvent",
    "QueueListener",
]
