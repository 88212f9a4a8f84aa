"""Services on the offline cache: how a service knows it runs there (no Qt, no sync).

``sync.cache.LocalCache`` marks the sessions of its units of work with
:data:`OFFLINE_CACHE` (a test keeps the two names equal). The cache holds content and the
person's own progress only — no plans, subscriptions, roles or full-text index — so the
few services that read those ask :func:`on_offline_cache` and answer from what is there.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

#: Key of ``Session.info`` set on every session of the offline cache.
OFFLINE_CACHE = "elearn_offline_cache"


def on_offline_cache(session: Session) -> bool:
    return bool(session.info.get(OFFLINE_CACHE))
