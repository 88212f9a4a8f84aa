"""What a download is, and where its pieces live on disk (no Qt, no httpx).

Requests, progress reports, results and errors; the partial file and its sidecar next to
the destination; free-space checks; sizes and speeds in words.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from elearn_desktop.domain.errors import ElearnError

PART_SUFFIX = ".part"
SIDECAR_SUFFIX = ".part.json"
#: Free space kept spare on the disk after a download (the system needs some too).
DEFAULT_SPACE_MARGIN = 200 * 1024 * 1024


# ------------------------------------------------------------------------------ values


class DownloadError(ElearnError):
    """A file could not be downloaded; the message says which and why, in plain words."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class NotEnoughSpaceError(DownloadError):
    """The disk cannot hold what is about to be downloaded (with a margin to spare)."""


class DownloadStopped(Exception):  # noqa: N818 - not an error: someone paused or cancelled
    """The stop event was set; the partial file and its sidecar are kept for a resume."""


@dataclass(frozen=True, slots=True)
class DownloadRequest:
    """What to fetch and where to put it.

    ``source`` is an ``http(s)://`` address, a ``file://`` URL or a local path. ``title``
    names the file in messages ("The video 'Loops' ..."). With ``overwrite`` False an
    existing ``dest`` that matches what is known about it (size, sha256) is kept as is.
    """

    source: str
    dest: Path
    title: str = ""
    expected_size: int | None = None
    sha256: str | None = None
    overwrite: bool = False

    def __post_init__(self) -> None:
        if self.sha256 is not None:
            object.__setattr__(self, "sha256", self.sha256.strip().lower() or None)

    @property
    def is_remote(self) -> bool:
        return urlsplit(self.source).scheme.lower() in ("http", "https")

    @property
    def label(self) -> str:
        return self.title or self.dest.name

    @property
    def part_path(self) -> Path:
        return part_path(self.dest)

    @property
    def sidecar_path(self) -> Path:
        return sidecar_path(self.dest)

    def local_source(self) -> Path:
        parts = urlsplit(self.source)
        if parts.scheme.lower() == "file":
            return Path(unquote(parts.path))
        return Path(self.source).expanduser()

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dest": str(self.dest),
            "title": self.title,
            "expected_size": self.expected_size,
            "sha256": self.sha256,
            "overwrite": self.overwrite,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DownloadRequest:
        return cls(
            source=str(data["source"]),
            dest=Path(data["dest"]),
            title=str(data.get("title") or ""),
            expected_size=int_or_none(data.get("expected_size")),
            sha256=data.get("sha256") or None,
            overwrite=bool(data.get("overwrite", False)),
        )


@dataclass(frozen=True, slots=True)
class DownloadProgress:
    """Bytes done of ``total`` (None until the server says), and the recent speed."""

    done: int
    total: int | None
    speed: float  # bytes per second, over the last few seconds

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)


@dataclass(frozen=True, slots=True)
class DownloadResult:
    path: Path
    size: int
    #: The file's sha256 when the request named one (and it matched); None otherwise:
    #: hashing costs more than the transfer on a fast network, so it is done only to check.
    sha256: str | None
    #: Where this fetch picked up a partial file left by an earlier one (0: from the start).
    resumed_from: int
    #: Times the transfer started over from zero (a server ignoring Range, a corrupt file).
    restarts: int
    #: The file was already there and matched; nothing was transferred.
    skipped: bool = False


ProgressCallback = Callable[[DownloadProgress], None]


# ---------------------------------------------------------------------------- helpers


def part_path(dest: Path) -> Path:
    return dest.with_name(dest.name + PART_SUFFIX)


def sidecar_path(dest: Path) -> Path:
    return dest.with_name(dest.name + SIDECAR_SUFFIX)


def partial_size(dest: Path) -> int:
    """Bytes of an unfinished transfer to ``dest`` on disk (0 if none)."""
    try:
        return part_path(dest).stat().st_size
    except OSError:
        return 0


def discard_partial(dest: Path) -> None:
    """Delete an unfinished transfer's partial file and sidecar."""
    for path in (part_path(dest), sidecar_path(dest)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def describe_bytes(count: float) -> str:
    """'850 KB', '1.2 MB', '3.40 GB' (decimal units, as file managers show them)."""
    value = float(count)
    for unit in ("bytes", "KB", "MB", "GB"):
        if abs(value) < 1000 or unit == "GB":
            if unit == "bytes":
                return f"{int(value)} bytes"
            return f"{value:.2f} {unit}" if value < 10 and unit == "GB" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def describe_speed(bytes_per_second: float) -> str:
    if bytes_per_second <= 0:
        return "—"
    return describe_bytes(bytes_per_second).replace("bytes", "B") + "/s"


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path.cwd()


def free_space(folder: Path) -> int:
    """Free bytes on the disk that holds ``folder`` (or would hold it)."""
    return int(shutil.disk_usage(_existing_ancestor(folder)).free)


def ensure_free_space(
    folder: Path, needed: int, *, margin: int, what: str = "the download"
) -> None:
    """Refuse (:class:`NotEnoughSpaceError`) when ``needed`` bytes plus ``margin`` won't fit."""
    if needed <= 0:
        return
    free = free_space(folder)
    if needed + margin > free:
        raise NotEnoughSpaceError(
            f"Not enough free space for {what}: it needs {describe_bytes(needed)}, and "
            f"{describe_bytes(free)} are free on the disk of {folder} "
            f"({describe_bytes(margin)} must stay free). Free some space, or download fewer "
            "videos."
        )


def int_or_none(value: object) -> int | None:
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None
