"""The local cache's schema: the sync tables, and copies of the content and progress tables.

A learner's local cache (one SQLCipher file per server profile and person) reuses the
server's models for what it holds — courses, modules, lessons, video assets, assessments,
questions, answer options (never their correctness), learning paths and steps, and the
person's progress, playback state, study time and attempts — so every service runs on it
unchanged. Foreign keys to ``users`` are left out: the cache holds only its owner's row,
not the authors of the content.

Its own tables:

- ``outbox``: one row per local change not yet committed by the server (``seq`` is the
  device's monotonically increasing sequence, AUTOINCREMENT so a number is never reused);
  ``payload`` is the changed row's full state, as JSON text in the form the server reads;
  ``outbox_keys`` points at the newest pending op of each row;
- ``dead_letter``: ops the server rejected as invalid, with its reason, for the learner;
- ``sync_state``: key/value (device id, pull cursors, last sync, the outbox switch);
- ``offline_courses``: which courses were made available offline, when, last opened,
  bytes on disk.

The cache is migrated by its own Alembic environment (``sync/cache_alembic``, version table
``cache_version``); the tests compare ``cache_metadata`` with the migrated file.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, ForeignKeyConstraint, Integer, MetaData, String, Text
from sqlalchemy import Table as SATable
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from elearn_desktop.data.models import NAMING_CONVENTION, Base
from elearn_desktop.data.types import UTCDateTime

#: The server tables a cache holds copies of (parents before children).
CACHED_TABLES = (
    "users",
    "courses",
    "modules",
    "video_assets",
    "lessons",
    "assessments",
    "questions",
    "answer_options",
    "learning_paths",
    "path_steps",
    "user_progress",
    "lesson_playback",
    "study_time",
    "assessment_attempts",
    "attempt_answers",
)
CONTENT_TABLES = CACHED_TABLES[1:10]


class CacheBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OutboxOp(CacheBase):
    # Only the primary key: ops leave by seq range once the server has them (every other
    # index would be a random write per op in an encrypted file).
    __tablename__ = "outbox"
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(64))
    #: progress | playback | study_time | attempt
    kind: Mapped[str] = mapped_column(String(32))
    #: What the op is the state of: a newer op of the same key supersedes an older one.
    entity_key: Mapped[str] = mapped_column(String(120))
    #: The lesson, course, module, path or assessment it concerns (32 hex digits).
    entity_id: Mapped[str | None] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class OutboxKey(CacheBase):
    """The newest pending op of each row (how a newer state supersedes an older one)."""

    __tablename__ = "outbox_keys"
    __table_args__ = ({"sqlite_with_rowid": False},)

    entity_key: Mapped[str] = mapped_column(String(120), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class DeadLetter(CacheBase):
    __tablename__ = "dead_letter"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class SyncStateEntry(CacheBase):
    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class OfflineCourse(CacheBase):
    __tablename__ = "offline_courses"

    course_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    made_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_opened_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    bytes: Mapped[int] = mapped_column(BigInteger, default=0)


def _copy_without_user_keys(name: str, metadata: MetaData) -> SATable:
    table = Base.metadata.tables[name].to_metadata(metadata)
    for fk in list(table.foreign_key_constraints):
        if fk.referred_table.name == "users":
            _drop_foreign_key(table, fk)
    return table


def _drop_foreign_key(table: SATable, fk: ForeignKeyConstraint) -> None:
    table.constraints.discard(fk)
    for element in fk.elements:
        element.parent.foreign_keys.discard(element)
        table.foreign_keys.discard(element)


def _build_cache_metadata() -> MetaData:
    for name in CACHED_TABLES:
        _copy_without_user_keys(name, CacheBase.metadata)
    return CacheBase.metadata


#: Everything a migrated cache holds (the target of the cache's Alembic environment).
cache_metadata = _build_cache_metadata()


def cache_table(name: str) -> SATable:
    """The cache's copy of a table (for Core statements against the cache)."""
    return cache_metadata.tables[name]
