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
from dataclasses import dataclass

from sqlalchemy import select

from elearn_desktop.data.models import AssessmentAttempt
from elearn_desktop.data.types import utcnow
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from elearn_desktop.services.offline_auth import OfflineAccount
from elearn_desktop.sync.cache import DeadLetterEntry, LocalCache, open_cache

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
