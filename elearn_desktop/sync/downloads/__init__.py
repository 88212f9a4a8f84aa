"""Video downloads for offline study (no Qt): one file (:class:`Downloader`), a persistent
queue of them (:class:`DownloadQueue`), and the offline cache's size limit
(:class:`CacheBudget`). See each module's docstring for the rules."""

from elearn_desktop.sync.downloads.budget import CacheBudget, EvictionReport
from elearn_desktop.sync.downloads.download_queue import (
    STATE_WORDS,
    DownloadItem,
    DownloadQueue,
    DownloadState,
    DownloadTotals,
    QueueEvent,
    QueueListener,
)
from elearn_desktop.sync.downloads.files import (
    DEFAULT_SPACE_MARGIN,
    DownloadError,
    DownloadProgress,
    DownloadRequest,
    DownloadResult,
    DownloadStopped,
    NotEnoughSpaceError,
    describe_bytes,
    describe_speed,
    discard_partial,
    ensure_free_space,
    free_space,
    partial_size,
)
from elearn_desktop.sync.downloads.transfer import Downloader

__all__ = [
    "DEFAULT_SPACE_MARGIN",
    "STATE_WORDS",
    "CacheBudget",
    "DownloadError",
    "DownloadItem",
    "DownloadProgress",
    "DownloadQueue",
    "DownloadRequest",
    "DownloadResult",
    "DownloadState",
    "DownloadStopped",
    "DownloadTotals",
    "Downloader",
    "EvictionReport",
    "NotEnoughSpaceError",
    "QueueEvent",
    "QueueListener",
    "describe_bytes",
    "describe_speed",
    "discard_partial",
    "ensure_free_space",
    "free_space",
    "partial_size",
]
