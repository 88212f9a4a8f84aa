"""The offline cache's size limit: least-recently-used eviction of fully synced courses.

Each course made available offline keeps its videos in its own folder,
``<root>/<course id>/``. When the folder sizes add up to more than the limit (or would,
with a download about to start), :meth:`CacheBudget.make_room` deletes whole course
folders, least recently opened first — but only of courses whose progress is fully
synced: a course with work still in the outbox is never evicted, whatever its age.

The cache database is not ours: the caller says what is synced and when a course was
last opened (two callables), and hears about each removal (``on_removed``) to drop the
course from the cache and the download queue.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from elearn_desktop.sync.downloads.files import describe_bytes

log = logging.getLogger(__name__)

LastOpened = Callable[[str], "dt.datetime | float | None"]


@dataclass(frozen=True, slots=True)
class EvictionReport:
    evicted: tuple[str, ...]
    freed: int
    used: int  # bytes in the cache afterwards
    limit: int | None
    fits: bool  # ``used + needed`` is within the limit now

    @property
    def message(self) -> str:
        if self.fits:
            if not self.evicted:
                return "The offline cache has room."
            return (
                f"Made room in the offline cache: removed {len(self.evicted)} course"
                f"{'s' if len(self.evicted) != 1 else ''} not opened lately "
                f"({describe_bytes(self.freed)})."
            )
        return (
            f"The offline cache is full ({describe_bytes(self.used)} of "
            f"{describe_bytes(self.limit or 0)}): the other courses have progress that is not "
            "synced yet, or are in use. Sync, remove a course, or raise the limit."
        )


class CacheBudget:
    """Sizes of the per-course folders under ``root`` and the eviction policy over them."""

    def __init__(
        self,
        root: Path,
        *,
        limit_bytes: int | None,
        is_fully_synced: Callable[[str], bool],
        last_opened: LastOpened,
        on_removed: Callable[[str, int], None] | None = None,
    ) -> None:
        self.root = Path(root)
        self.limit_bytes = limit_bytes
        self._is_fully_synced = is_fully_synced
        self._last_opened = last_opened
        self._on_removed = on_removed

    def course_dir(self, course_id: object) -> Path:
        """The folder that holds a course's offline videos."""
        return self.root / str(course_id)

    def course_sizes(self) -> dict[str, int]:
        """Bytes on disk per course folder (this walks the disk: not on a GUI thread)."""
        sizes: dict[str, int] = {}
        with contextlib.suppress(FileNotFoundError):
            for child in self.root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    sizes[child.name] = _tree_size(child)
        return sizes

    def space_used(self) -> int:
        """Bytes of all course folders (partial downloads included)."""
        return sum(self.course_sizes().values())

    def eviction_order(self, *, protect: Collection[object] = ()) -> list[str]:
        """Courses that may be evicted, least recently opened first.

        Never opened counts as oldest. Courses in ``protect`` (open now, downloading) and
        courses that are not fully synced are left out.
        """
        protected = {str(c) for c in protect}
        candidates = [
            course
            for course in self.course_sizes()
            if course not in protected and self._is_fully_synced(course)
        ]
        return sorted(candidates, key=lambda c: (self._opened_at(c), c))

    def make_room(self, needed: int = 0, *, protect: Collection[object] = ()) -> EvictionReport:
        """Evict LRU fully synced courses until ``needed`` more bytes fit within the limit."""
        sizes = self.course_sizes()
        used = sum(sizes.values())
        limit = self.limit_bytes
        if limit is None or used + needed <= limit:
            return EvictionReport((), 0, used, limit, fits=True)
        evicted: list[str] = []
        freed = 0
        for course in self.eviction_order(protect=protect):
            if used + needed <= limit:
                break
            gone = self.remove_course(course)
            evicted.append(course)
            freed += gone
            used -= gone
        if evicted:
            log.info("offline cache over its limit: evicted %s (%d bytes)", evicted, freed)
        return EvictionReport(tuple(evicted), freed, used, limit, fits=used + needed <= limit)

    def remove_course(self, course_id: object) -> int:
        """Delete a course's folder (its offline copy); returns the bytes freed."""
        folder = self.course_dir(course_id)
        size = _tree_size(folder) if folder.is_dir() else 0
        shutil.rmtree(folder, ignore_errors=True)
        if self._on_removed is not None:
            self._on_removed(str(course_id), size)
        return size

    def _opened_at(self, course_id: str) -> float:
        when = self._last_opened(course_id)
        if when is None:
            return float("-inf")
        if isinstance(when, dt.datetime):
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            return when.timestamp()
        return float(when)


def _tree_size(folder: Path) -> int:
    total = 0
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total
