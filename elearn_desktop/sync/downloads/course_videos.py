"""A course's videos as download requests: what `elearn download` and "make available
offline" fetch (no Qt); :func:`queue_course_for_offline` queues them into the offline
cache after making room in it.

Each video asset is fetched once, however many lessons use it. Videos that can never be
fetched (an unknown provider, a relative file path without a media library) are reported
with the reason instead of stopping the others.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from elearn_desktop.data.models import VideoAsset
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ElearnError, NotFoundError
from elearn_desktop.services.media import resolve_video_source
from elearn_desktop.sync.downloads.budget import CacheBudget, EvictionReport
from elearn_desktop.sync.downloads.download_queue import DownloadQueue
from elearn_desktop.sync.downloads.files import DownloadRequest, partial_size

_UNSAFE = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True, slots=True)
class UnavailableVideo:
    title: str
    message: str


@dataclass(frozen=True, slots=True)
class CourseVideos:
    course_id: uuid.UUID
    slug: str
    title: str
    requests: tuple[DownloadRequest, ...]
    unavailable: tuple[UnavailableVideo, ...]


def course_video_requests(
    uow_factory: UnitOfWorkFactory,
    course: str | uuid.UUID,
    *,
    dest_dir: Path | Callable[[uuid.UUID], Path],
    media_dir: Path | None = None,
) -> CourseVideos:
    """Download requests for the videos of ``course`` (a slug or an id) into ``dest_dir``
    (a folder, or a function of the course id that gives one)."""
    with uow_factory() as uow:
        course_id = _as_uuid(course)
        if course_id is not None:
            found = uow.courses.get(course_id)
        else:
            found = uow.courses.by_slug(str(course))
        if found is None:
            raise NotFoundError(f"there is no course '{course}' (check the slug)")
        tree = uow.courses.get_tree(found.id)
        assert tree is not None
        folder = dest_dir(tree.id) if callable(dest_dir) else dest_dir
        assets: dict[uuid.UUID, tuple[VideoAsset, str]] = {}
        for module in tree.modules:
            for lesson in module.lessons:
                asset = lesson.video_asset
                if asset is not None and asset.id not in assets:
                    assets[asset.id] = (asset, lesson.title)
        requests: list[DownloadRequest] = []
        unavailable: list[UnavailableVideo] = []
        names: set[str] = set()
        for asset, lesson_title in assets.values():
            title = asset.title or lesson_title
            try:
                source = resolve_video_source(asset, media_dir=media_dir)
            except ElearnError as exc:
                unavailable.append(UnavailableVideo(title, f"The video '{title}': {exc}."))
                continue
            name = _file_name(source.location, asset.id)
            if name.lower() in names:
                stem, dot, ext = name.rpartition(".")
                name = (
                    f"{stem}-{asset.id.hex[:8]}{dot}{ext}" if dot else f"{name}-{asset.id.hex[:8]}"
                )
            names.add(name.lower())
            requests.append(
                DownloadRequest(source=source.location, dest=folder / name, title=title)
            )
        return CourseVideos(
            course_id=tree.id,
            slug=tree.slug,
            title=tree.title,
            requests=tuple(requests),
            unavailable=tuple(unavailable),
        )


@dataclass(frozen=True, slots=True)
class QueuedCourse:
    videos: CourseVideos
    item_ids: tuple[str, ...]
    eviction: EvictionReport


def queue_course_for_offline(
    queue: DownloadQueue,
    budget: CacheBudget,
    uow_factory: UnitOfWorkFactory,
    course: str | uuid.UUID,
    *,
    media_dir: Path | None = None,
) -> QueuedCourse:
    """Queue a course's videos into its offline folder, making room in the cache first.

    Least recently opened, fully synced courses are evicted if the cache limit needs it
    (never this course, nor one still downloading). Raises :class:`ElearnError` in words
    when the videos cannot fit within the limit or on the disk; nothing is queued then.
    Network and disk I/O: call it off the GUI thread.
    """
    videos = course_video_requests(
        uow_factory, course, dest_dir=budget.course_dir, media_dir=media_dir
    )
    course_key = str(videos.course_id)
    needed = sum(
        max(0, (queue.downloader.probe_size(r) or 0) - partial_size(r.dest))
        for r in videos.requests
        if not r.dest.exists()
    )
    report = budget.make_room(needed, protect={course_key, *queue.active_courses()})
    if not report.fits:
        raise ElearnError(report.message)
    ids = queue.add_many(videos.requests, course_id=course_key, course_title=videos.title)
    return QueuedCourse(videos=videos, item_ids=tuple(ids), eviction=report)


def _as_uuid(value: str | uuid.UUID) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _file_name(location: str, asset_id: uuid.UUID) -> str:
    """A safe local file name for a video: the source's own name when it has one."""
    parts = urlsplit(location)
    path = unquote(parts.path) if parts.scheme in ("http", "https", "file") else location
    name = _UNSAFE.sub("_", PurePosixPath(path.replace("\\", "/")).name).strip(" .")
    if not name:
        return f"{asset_id.hex}.mp4"
    if "." not in name:
        name += ".mp4"
    return name
