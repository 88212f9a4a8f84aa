"""Starting the disk write of a downloading file early (no Qt).

A finished download is fsync'ed before it is renamed into place, so a crash never leaves
a complete-looking file with missing data. Left to the end, that fsync waits for the
whole file to reach the disk: 60–70 ms for 200 MB on the project's machine, most of it
after the last byte arrived. :class:`EarlyWriteback` asks Linux to start writing every
``step`` bytes as they come (``sync_file_range(SYNC_FILE_RANGE_WRITE)``, which does not
wait), so the writes overlap the transfer and the final fsync has only the last few MB
left (5–9 ms measured). Durability still comes from the fsync alone; where the call is
missing (not Linux) or fails, nothing happens.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

#: ``SYNC_FILE_RANGE_WRITE`` from <fcntl.h>: start writing dirty pages, do not wait.
_SYNC_FILE_RANGE_WRITE = 2
#: Bytes written between two requests to start writing them (few calls, little left).
WRITEBACK_STEP = 8 * 1024 * 1024

_SyncFileRange = Callable[[int, int, int, int], int]


@functools.cache
def _sync_file_range() -> _SyncFileRange | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    called: _SyncFileRange = function
    return called


class EarlyWriteback:
    """Call :meth:`written` with the file's size after each write to ``fd``."""

    def __init__(self, fd: int, *, start: int, step: int = WRITEBACK_STEP) -> None:
        self._fd = fd
        self._started_to = start  # bytes before this offset were asked to be written
        self._step = step
        self._call = _sync_file_range()
        self.requests = 0  # how many times a write was started (for tests)

    def written(self, end: int) -> None:
        if self._call is None or end - self._started_to < self._step:
            return
        if self._call(self._fd, self._started_to, end - self._started_to, _SYNC_FILE_RANGE_WRITE):
            log.debug("sync_file_range failed (errno %d); not asked again", ctypes.get_errno())
            self._call = None  # e.g. a file system that refuses it: the fsync does it all
            return
        self.requests += 1
        self._started_to = end
