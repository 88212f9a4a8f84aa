"""Video assets of lessons: a file copied into the media library or a web address,
``processing`` until measured (``probe``), then ``ready``; set or clear a lesson's video."""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
import uuid
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import delete
from sqlalchemy.exc import DBAPIError

from elearn_desktop import config
from elearn_desktop.data.models import VideoAsset
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain import publishing
from elearn_desktop.domain.errors import NotFoundError, ValidationError
from elearn_desktop.services.authoring._rows import (
    LessonsOf,
    _check_token,
    _db_words,
    _draft,
    _lesson_for_write,
    _lock,
    _minutes,
    _raise_field_problems,
    _recompute_duration,
    _run,
    _Stamper,
    _video_info,
)
from elearn_desktop.services.authoring.results import (
    FILE_PROVIDER,
    URL_PROVIDER,
    CourseDraft,
    Probe,
    ProbeUnavailableError,
    UrlProbe,
    VideoAttachment,
    VideoInfo,
    VideoProbeError,
)
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require


def default_media_dir() -> Path:
    """The media library folder: ``<data dir>/media``."""
    return config.data_dir() / "media"


def set_lesson_video(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
    video_asset_id: uuid.UUID | None,
    duration: int | None,
    expected_updated_at: dt.datetime | None = None,
) -> CourseDraft:
    """Point the lesson at a video (or none) and set its duration: detach, and undo/redo."""

    def work(uow: UnitOfWork) -> CourseDraft:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        mine = {"video_asset_id": video_asset_id, "duration": duration}
        _check_token(lesson, expected_updated_at, what=f"the lesson '{lesson.title}'", mine=mine)
        if video_asset_id is not None and uow.session.get(VideoAsset, video_asset_id) is None:
            raise NotFoundError("That video is no longer in the media library.")
        if (lesson.video_asset_id, lesson.duration) != (video_asset_id, duration):
            lesson.video_asset_id = video_asset_id
            lesson.duration = duration
            _Stamper(uow)(lesson)
            _recompute_duration(uow, course.id)
            uow.commit()
        return _draft(uow, course.id, lessons_of)

    return _run(uow_factory, "the lesson's video", work)


def _check_lesson_writable(
    uow_factory: UnitOfWorkFactory, actor: UserSummary | None, lesson_id: uuid.UUID
) -> None:
    """Fail before copying a large file when the lesson cannot be changed anyway."""
    with uow_factory() as uow, _db_words("the lesson"):
        _lesson_for_write(uow, actor, lesson_id)


def _insert_asset(
    uow_factory: UnitOfWorkFactory,
    actor: UserSummary | None,
    *,
    asset_id: uuid.UUID,
    title: str,
    provider: str,
    provider_id: str,
) -> None:
    def work(uow: UnitOfWork) -> None:
        stamp = _Stamper(uow)
        uow.session.add(
            VideoAsset(
                id=asset_id,
                title=title,
                provider=provider,
                provider_id=provider_id,
                status="processing",
                author_id=actor.id if actor is not None else None,
                created_at=stamp.now(),
                updated_at=stamp.now(),
            )
        )
        uow.commit()

    _run(uow_factory, "the video", work)


def _discard_asset(uow_factory: UnitOfWorkFactory, asset_id: uuid.UUID) -> None:
    with uow_factory() as uow, suppress(DBAPIError):
        uow.session.execute(delete(VideoAsset).where(VideoAsset.id == asset_id))
        uow.commit()


def _finish_attach(
    uow_factory: UnitOfWorkFactory,
    actor: UserSummary | None,
    *,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
    asset_id: uuid.UUID,
    seconds: float | None,
) -> VideoAttachment:
    def work(uow: UnitOfWork) -> VideoAttachment:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        asset = _lock(uow, VideoAsset, asset_id, "video")
        stamp = _Stamper(uow)
        if seconds is not None:
            asset.status = "ready"
            asset.duration = _minutes(seconds)
            stamp(asset)
        previous = (lesson.video_asset_id, lesson.duration)
        lesson.video_asset_id = asset.id
        if asset.duration is not None:
            lesson.duration = asset.duration
        stamp(lesson)
        _recompute_duration(uow, course.id)
        uow.commit()
        return VideoAttachment(
            course=_draft(uow, course.id, lessons_of),
            asset=_video_info(asset),
            lesson_id=lesson_id,
            previous_asset_id=previous[0],
            previous_duration=previous[1],
        )

    return _run(uow_factory, "the lesson's video", work)


def _safe_file_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-.") or "video"
    suffix = re.sub(r"[^A-Za-z0-9.]+", "", Path(name).suffix)[:10]
    return f"{stem[:120]}{suffix}"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


def attach_video_file(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
    path: Path | str,
    media_dir: Path | str,
    title: str,
    probe: Probe,
    asset_id: uuid.UUID | None = None,
) -> VideoAttachment:
    """Copy a local video into the media library and attach it to the lesson.

    The asset is ``processing`` until ``probe`` measured the copy, then ``ready`` with its
    duration (whole minutes, at least 1), attached to the lesson in one transaction. A
    file that cannot be read or is not a video raises :class:`ValidationError` in words;
    the lesson is then unchanged, and neither the copy nor the asset is kept.
    """
    source = Path(path).expanduser()
    clean_title = (title or "").strip() or source.stem
    new_id = asset_id or uuid.uuid4()
    library = Path(media_dir).expanduser()
    relative = f"{new_id.hex[:12]}-{_safe_file_name(source.name)}"
    _raise_field_problems(publishing.video_field_problems(title=clean_title, provider_id=relative))
    if not source.is_file():
        raise ValidationError("video", f"'{source}' is not a file that exists on this computer.")
    _check_lesson_writable(uow_factory, actor, lesson_id)
    target = library / relative
    partial = target.with_name(target.name + ".part")
    try:
        library.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, partial)
        partial.replace(target)
    except OSError as exc:
        with suppress(OSError):
            partial.unlink()
        raise ValidationError(
            "video", f"Could not copy '{source.name}' into the media library: {_reason(exc)}."
        ) from None
    try:
        _insert_asset(
            uow_factory,
            actor,
            asset_id=new_id,
            title=clean_title,
            provider=FILE_PROVIDER,
            provider_id=relative,
        )
        try:
            seconds = probe(target)
        except Exception as exc:
            raise ValidationError(
                "video",
                f"'{source.name}' is not a video this app can play ({_reason(exc)}). "
                "The lesson is unchanged.",
            ) from None
        if not math.isfinite(seconds) or seconds <= 0:
            raise ValidationError(
                "video", f"'{source.name}' has no playable length. The lesson is unchanged."
            )
        return _finish_attach(
            uow_factory,
            actor,
            lessons_of=lessons_of,
            lesson_id=lesson_id,
            asset_id=new_id,
            seconds=seconds,
        )
    except BaseException:
        _discard_asset(uow_factory, new_id)
        with suppress(OSError):
            target.unlink()
        raise


def attach_video_url(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
    url: str,
    title: str,
    probe: UrlProbe | None = None,
    asset_id: uuid.UUID | None = None,
) -> VideoAttachment:
    """Attach a video at an http(s) address (provider ``url``).

    With ``probe`` the address is measured first (failure: an error in words, the lesson
    unchanged) and the asset is ``ready``; without, it stays ``processing`` until
    :func:`mark_video_ready`.
    """
    address = (url or "").strip()
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            "provider_id", f"'{address}' is not a web address (it starts with http:// or https://)."
        )
    clean_title = (title or "").strip() or Path(parts.path).name or parts.netloc
    _raise_field_problems(publishing.video_field_problems(title=clean_title, provider_id=address))
    _check_lesson_writable(uow_factory, actor, lesson_id)
    seconds: float | None = None
    if probe is not None:
        try:
            seconds = probe(address)
        except Exception as exc:
            raise ValidationError(
                "video",
                f"The video at {address} cannot be played ({_reason(exc)}). "
                "The lesson is unchanged.",
            ) from None
    new_id = asset_id or uuid.uuid4()
    _insert_asset(
        uow_factory,
        actor,
        asset_id=new_id,
        title=clean_title,
        provider=URL_PROVIDER,
        provider_id=address,
    )
    try:
        return _finish_attach(
            uow_factory,
            actor,
            lessons_of=lessons_of,
            lesson_id=lesson_id,
            asset_id=new_id,
            seconds=seconds,
        )
    except BaseException:
        _discard_asset(uow_factory, new_id)
        raise


def mark_video_ready(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    asset_id: uuid.UUID,
    seconds: float,
) -> VideoInfo:
    """A ``processing`` video was measured: it is ``ready`` with this duration."""
    require(actor, "content.author")
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValidationError("video", "The video has no playable length.")

    def work(uow: UnitOfWork) -> VideoInfo:
        asset = _lock(uow, VideoAsset, asset_id, "video")
        asset.status = "ready"
        asset.duration = _minutes(seconds)
        _Stamper(uow)(asset)
        uow.commit()
        return _video_info(asset)

    return _run(uow_factory, "the video", work)


_DURATION_RE = re.compile(r"Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)")


def ffmpeg_duration_probe(path: Path | str, *, timeout_s: float = 120.0) -> float:
    """Seconds of video in the file, measured by decoding its first frame with ffmpeg.

    Uses imageio-ffmpeg's bundled ffmpeg, else one on PATH; raises
    :class:`ProbeUnavailableError` without either and :class:`VideoProbeError` when the file
    is not a playable video. Blocking: call it off the GUI thread.
    """
    exe: str | None = None
    try:
        import imageio_ffmpeg

        exe = str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception:
        exe = shutil.which("ffmpeg")
    if exe is None:
        raise ProbeUnavailableError("no ffmpeg is installed to measure the video's length")
    try:
        done = subprocess.run(
            [
                exe,
                "-hide_banner",
                "-nostdin",
                "-i",
                str(path),
                "-map",
                "0:v:0",
                "-frames:v",
                "1",
                "-f",
                "null",
                "-",
            ],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VideoProbeError(f"could not run ffmpeg: {_reason(exc)}") from None
    log = done.stderr or ""
    if done.returncode != 0:
        lines = [line for line in log.strip().splitlines() if line.strip()]
        raise VideoProbeError(lines[-1].strip() if lines else "ffmpeg could not read it")
    match = _DURATION_RE.search(log)
    if match is None:
        raise VideoProbeError("its length is unknown")
    hours, minutes, seconds = int(match[1]), int(match[2]), float(match[3])
    return hours * 3600 + minutes * 60 + seconds
