"""Offline mode, service side: studying on the local cache while the server is away.

The learning services (``services.progress``, ``services.learning_overview``, starting an
attempt and saving answers with ``services.assessment_runtime``) run unchanged on
``LocalCache.uow``; each of their changes queues an outbox op by construction. Two things
differ offline, and live here:

- **Submitting an attempt**: the cache holds no answer key, so it cannot grade. The
  attempt is recorded as submitted (time taken on the device's monotonic clock) and graded
  by the server on the next sync; the graded result comes back with the pull. Grading it
  locally is refused by the cache itself.
- **What is pending**: :func:`offline_status` says how many changes wait for the server,
  which were rejected (the dead-letter list) and when the last sync was — what the status
  bar and the Downloads page show.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data.models import AssessmentAttempt
from elearn_desktop.data.pg_security import login_role_name
from elearn_desktop.data.types import utcnow
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import (
    ConflictError,
    ElearnError,
    NotFoundError,
    ValidationError,
)
from elearn_desktop.services import profile_store
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.backend import Backend, open_backend
from elearn_desktop.services.media import VideoSource
from elearn_desktop.services.offline_auth import (
    OfflineAccount,
    remember_for_offline,
    unlock_offline,
)
from elearn_desktop.services.profiles import ServerProfile
from elearn_desktop.services.progress import LessonContext
from elearn_desktop.sync.cache import (
    DeadLetterEntry,
    LocalCache,
    OfflineCourseInfo,
    open_cache,
    remove_offline_course,
)
from elearn_desktop.sync.downloads.budget import CacheBudget
from elearn_desktop.sync.downloads.course_videos import course_video_requests

LAST_SYNC_KEY = "last_sync_at"


@dataclass(frozen=True, slots=True)
class PendingSubmission:
    """An attempt submitted offline: graded by the server on the next sync."""

    attempt_id: uuid.UUID
    assessment_id: uuid.UUID
    submitted_at: dt.datetime
    elapsed_s: float

    @property
    def message(self) -> str:
        return "Submitted. Your score will appear after the next sync with the server."


@dataclass(frozen=True, slots=True)
class OfflineStatus:
    pending: int
    dead_letters: tuple[DeadLetterEntry, ...]
    last_sync_at: dt.datetime | None

    @property
    def message(self) -> str:
        """One line for the status bar."""
        parts = []
        if self.pending:
            parts.append(f"{self.pending} change{'s' if self.pending != 1 else ''} waiting to sync")
        else:
            parts.append("everything is synced")
        if self.dead_letters:
            n = len(self.dead_letters)
            parts.append(f"{n} change{'s' if n != 1 else ''} the server could not accept")
        return "; ".join(parts)


def open_offline_cache(account: OfflineAccount) -> LocalCache:
    """The cache of an offline sign-in (``services.offline_auth.unlock_offline``)."""
    cache = open_cache(account.cache_dir, account.cache_key)
    try:
        cache.set_owner(account.user)
    except BaseException:
        cache.close()
        raise
    return cache


# ------------------------------------------------------------------- sessions


def cache_backend(cache: LocalCache) -> Backend:
    """The cache seen as a backend, so the Learn workspace runs on it unchanged."""
    target = DatabaseTarget(url=cache.engine.url, embedded=False)
    return Backend(target=target, engine=cache.engine, uow=cache.uow)


def attach_cache(
    session: SignedIn,
    password: str,
    *,
    root: Path | None = None,
    videos_root: Path | None = None,
) -> SignedIn:
    """After an online PostgreSQL sign-in: refresh the offline verifier, open the person's
    cache (argon2id: slow, call it off the GUI thread), make them its owner, and save the
    profile for ``elearn sync --profile``. The session comes back with ``cache`` set.

    ``videos_root`` is the download folder chosen in Settings (None: next to the cache);
    the videos go to ``<videos_root>/<server key>/<person>`` (see ``videos_dir``)."""
    if session.profile.is_embedded or session.backend is None:
        return session
    remember_for_offline(session.profile, session.user, password, root=root)
    account = unlock_offline(session.profile, session.user.email, password, root=root)
    cache = open_cache(account.cache_dir, account.cache_key)
    try:
        cache.set_owner(session.user)
        set_videos_root(cache, videos_root)
        profile_store.save_profile(
            session.profile,
            email=session.user.email,
            path=None if root is None else profile_store.profiles_path(root),
        )
    except BaseException:
        cache.close()
        raise
    return replace(session, cache=cache, server=session.backend)


def sign_in_offline(
    profile: ServerProfile,
    email: str,
    password: str,
    *,
    root: Path | None = None,
    videos_root: Path | None = None,
) -> SignedIn:
    """Sign in on the offline copy (the server is away): the session studies on the cache
    and keeps a (not yet connected) backend to the server for the sync on reconnect."""
    account = unlock_offline(profile, email, password, root=root)
    cache = open_offline_cache(account)
    set_videos_root(cache, videos_root)
    role = login_role_name(profile.database.strip(), account.user.email)
    server = open_backend(profile.target(username=role, password=password))
    return SignedIn(
        user=account.user,
        profile=profile,
        backend=cache_backend(cache),
        offline=True,
        cache=cache,
        server=server,
    )


def offline_view(session: SignedIn) -> SignedIn:
    """The same person working on their offline copy (the server was lost)."""
    if session.cache is None:
        raise ConflictError("this session has no offline copy to work on")
    return replace(session, backend=cache_backend(session.cache), offline=True)


def online_view(session: SignedIn) -> SignedIn:
    """The same person working on the server again (it came back)."""
    if session.server is None:
        raise ConflictError("this session has no server to go back to")
    return replace(session, backend=session.server, offline=False)


def submit_attempt_offline(
    uow_factory: UnitOfWorkFactory,
    *,
    user_id: uuid.UUID,
    attempt_id: uuid.UUID,
    elapsed_s: float,
    at: dt.datetime | None = None,
) -> PendingSubmission:
    """Submit an attempt on the cache: final answers now, grading on the next sync."""
    if isinstance(elapsed_s, bool) or not math.isfinite(elapsed_s) or elapsed_s < 0:
        raise ValidationError("elapsed_s", "The time taken must be zero or more seconds.")
    when = at or utcnow()
    with uow_factory() as uow:
        attempt = uow.session.scalar(
            select(AssessmentAttempt).where(AssessmentAttempt.id == attempt_id)
        )
        if attempt is None or attempt.user_id != user_id:
            raise NotFoundError("This attempt does not exist, or it is not yours.")
        if attempt.status != "in_progress" or attempt.submitted_at is not None:
            raise ConflictError("This attempt was already submitted.")
        attempt.submitted_at = when
        attempt.elapsed_s = float(elapsed_s)
        uow.commit()
        return PendingSubmission(
            attempt_id=attempt.id,
            assessment_id=attempt.assessment_id,
            submitted_at=when,
            elapsed_s=float(elapsed_s),
        )


def offline_status(cache: LocalCache) -> OfflineStatus:
    raw = cache.get_state(LAST_SYNC_KEY)
    return OfflineStatus(
        pending=cache.pending_count(),
        dead_letters=tuple(cache.dead_letters()),
        last_sync_at=dt.datetime.fromisoformat(raw) if raw else None,
    )


# ------------------------------------------------------------- videos and space

#: Default size limit of the offline videos (QSettings ``cache/limitBytes``).
DEFAULT_CACHE_LIMIT_BYTES = 10 * 1024**3


VIDEOS_DIR_STATE = "videos_dir"


def set_videos_root(cache: LocalCache, videos_root: Path | None) -> None:
    """Remember where this cache's videos go: ``<videos_root>/<server key>/<person>`` (the
    cache's own two folder names), or next to the cache file when None. Videos already in
    another folder are fetched again when their course is opened or synced."""
    folder = (
        None
        if videos_root is None
        else videos_root / cache.path.parent.parent.name / cache.path.parent.name
    )
    cache.set_state(VIDEOS_DIR_STATE, None if folder is None else str(folder))


def videos_dir(cache: LocalCache) -> Path:
    """Where the offline videos are: one folder per course, in the download folder chosen
    in Settings (remembered by the cache at sign-in, so `elearn download` agrees) or next
    to the cache file."""
    chosen = cache.get_state(VIDEOS_DIR_STATE)
    return Path(chosen) if chosen else cache.path.parent / "downloads"


def make_cache_budget(
    cache: LocalCache,
    *,
    limit_bytes: int | None,
    on_removed: Callable[[str, int], None] | None = None,
) -> CacheBudget:
    """The size budget of ``cache``'s videos: evicts only fully synced courses, least
    recently opened first; an evicted course also leaves the cache (its content; progress
    stays). Its callbacks read the cache: it is used off the GUI thread."""

    def info(course: str) -> OfflineCourseInfo | None:
        return next((c for c in cache.offline_courses() if str(c.course_id) == course), None)

    def fully_synced(course: str) -> bool:
        found = info(course)
        return found is None or found.fully_synced

    def last_opened(course: str) -> dt.datetime | None:
        found = info(course)
        return found.last_opened_at if found is not None else None

    def removed(course: str, size: int) -> None:
        course_id = uuid.UUID(course) if _is_uuid(course) else None
        if course_id is not None:
            remove_offline_course(cache, course_id)
        if on_removed is not None:
            on_removed(course, size)

    return CacheBudget(
        videos_dir(cache),
        limit_bytes=limit_bytes,
        is_fully_synced=fully_synced,
        last_opened=last_opened,
        on_removed=removed,
    )


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def with_local_video(cache: LocalCache, ctx: LessonContext) -> LessonContext:
    """The lesson playing from its downloaded file when this computer has it.

    Offline, a video that is not downloaded (yet) cannot play: the lesson says so in words
    (a demo video shipped with the app plays anyway). Reads the cache and the disk: call
    it off the GUI thread.
    """
    if ctx.video is None or ctx.course_id is None:
        return ctx
    if ctx.course_id not in cache.offline_course_ids():
        return ctx
    root = videos_dir(cache)
    try:
        videos = course_video_requests(cache.uow, ctx.course_id, dest_dir=root / str(ctx.course_id))
    except ElearnError:
        return ctx
    for request in videos.requests:
        if request.source == ctx.video.location and request.dest.is_file():
            local = VideoSource(kind="file", location=str(request.dest), exists=True)
            return replace(ctx, video=local)
    return ctx


def not_downloaded(ctx: LessonContext) -> LessonContext:
    """Offline, a web video that is not on this computer yet cannot play."""
    if ctx.video is None or ctx.video.is_file:
        return ctx
    return replace(
        ctx,
        video=None,
        video_problem=(
            "This video is not on this computer yet: it plays once its download has "
            "finished (see Downloads), or when you are back online."
        ),
    )
