"""The local cache: one encrypted SQLite file per (server profile, person).

``open_cache(cache_dir, key)`` opens (creating and migrating as needed) the SQLCipher file
in the person's cache folder (``services.offline_auth.cache_dir_for``), with the 256-bit
key ``unlock_offline`` derives from their password. A wrong key is refused; the file is
never dropped, and a file written by a newer version of the app is left alone.

``LocalCache.uow`` is a unit-of-work factory over the cache, so the learning services
(``services.progress``, ``services.assessment_runtime``, ...) run on it unchanged; every
change they make to progress, playback, study time or attempts also queues an outbox op
in the same transaction (SQLite triggers, see ``cache_alembic/versions/c0001``).

``make_course_available`` / ``make_path_available`` copy content from the server into the
cache — the course tree, the video assets its lessons use, the learning paths that
contain it with their steps, and those paths' assessments with questions and options
(never which option is correct) — plus the person's own progress on it.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, delete, func, select, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from elearn_desktop.data.engines import create_cache_engine
from elearn_desktop.data.migrations import _ALEMBIC_LOCK
from elearn_desktop.data.models import Base
from elearn_desktop.data.types import utcnow
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.errors import ElearnError, NotFoundError
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.offline_mode import OFFLINE_CACHE as _OFFLINE_CACHE_KEY
from elearn_desktop.sync import local_apply
from elearn_desktop.sync.cache_models import (
    CONTENT_TABLES,
    DeadLetter,
    OfflineCourse,
    OutboxOp,
    SyncStateEntry,
    cache_table,
)

CACHE_FILENAME = "cache.sqlite3"
CACHE_ALEMBIC_DIR = Path(__file__).resolve().parent / "cache_alembic"
#: Marks sessions on the cache: services may ask ``session.info.get(OFFLINE_CACHE)``.
OFFLINE_CACHE = _OFFLINE_CACHE_KEY

# Keys of ``sync_state``.
USER_CURSOR = "pull_cursor_user"
CONTENT_CURSOR = "pull_cursor_content"
LAST_SYNC = "last_sync_at"
#: Seconds to add to the server's timestamps to put them on this device's clock (0 unless
#: the device's clock is more than the tolerance off; measured at each sync).
CLOCK_SHIFT = "clock_shift_s"


class CacheLockedError(ElearnError):
    """The cache file cannot be opened with this key (another password, or not a cache)."""


class CacheOwnerError(ElearnError):
    """The cache belongs to another person."""


class CacheVersionError(ElearnError):
    """The cache was written by a newer version of the app."""


# ------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class DeadLetterEntry:
    """An op the server rejected: shown to the learner, never retried."""

    op_id: str
    seq: int
    kind: str
    entity_id: uuid.UUID | None
    reason: str
    at: dt.datetime
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class OfflineCourseInfo:
    course_id: uuid.UUID
    title: str
    made_at: dt.datetime
    last_opened_at: dt.datetime | None
    bytes: int
    #: Ops about this course (its lessons, modules, paths' assessments) not yet synced.
    pending_ops: int

    @property
    def fully_synced(self) -> bool:
        return self.pending_ops == 0


@dataclass(frozen=True, slots=True)
class OfflineCopy:
    """What ``make_course_available`` / ``make_path_available`` copied."""

    course_ids: tuple[uuid.UUID, ...]
    path_ids: tuple[uuid.UUID, ...]
    assessment_ids: tuple[uuid.UUID, ...]
    #: Every video asset the copied lessons use (what downloads should fetch).
    video_asset_ids: tuple[uuid.UUID, ...]
    #: Of those, the ones that are new or changed since the previous copy.
    changed_video_asset_ids: tuple[uuid.UUID, ...]
    rows: int = 0


# ----------------------------------------------------------------------------- the cache


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(CACHE_ALEMBIC_DIR))
    return cfg


def cache_head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _migrate(engine: Engine) -> None:
    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    known = {rev.revision for rev in script.walk_revisions()}
    with _ALEMBIC_LOCK, engine.begin() as conn:
        current = MigrationContext.configure(
            conn, opts={"version_table": "cache_version"}
        ).get_current_revision()
        if current is not None and current not in known:
            raise CacheVersionError(
                "this computer's offline copy was written by a newer version of "
                "elearn-desktop; update the app to use it (nothing was changed)"
            )
        if current != script.get_current_head():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


class LocalCache:
    """An open local cache. Thread-safe: every unit of work checks out its own pooled
    connection (``close`` disposes of the pool)."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        maker = sessionmaker(bind=engine, expire_on_commit=False, info={OFFLINE_CACHE: True})
        self._maker = maker
        self.uow: UnitOfWorkFactory = lambda: UnitOfWork(maker)
        self._device_id: str | None = None

    # -- state --------------------------------------------------------------------------

    def session(self) -> Session:
        return self._maker()

    def get_state(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(SyncStateEntry.value).where(SyncStateEntry.key == key)
            ).scalar()

    def set_state(self, key: str, value: str | None, *, conn: Connection | None = None) -> None:
        statement = (
            sqlite_insert(SyncStateEntry)
            .values(key=key, value=value)
            .on_conflict_do_update(index_elements=["key"], set_={"value": value})
        )
        if conn is not None:
            conn.execute(statement)
            return
        with self.engine.begin() as own:
            own.execute(statement)

    @property
    def device_id(self) -> str:
        if self._device_id is None:
            value = self.get_state("device_id")
            assert value, "a migrated cache always has a device id"
            self._device_id = value
        return self._device_id

    @property
    def owner_id(self) -> uuid.UUID | None:
        value = self.get_state("owner_id")
        return uuid.UUID(value) if value else None

    def set_owner(self, user: UserSummary) -> None:
        """Record whose cache this is (their ``users`` row, for the services' joins)."""
        owner = self.owner_id
        if owner is not None and owner != user.id:
            raise CacheOwnerError("this offline copy belongs to another account")
        users = cache_table("users")
        row = {
            "id": user.id,
            "email": user.email,
            "password_hash": "",  # never in the cache: offline sign-in has its own verifier
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": user.is_active,
            "is_verified": user.is_verified,
            "created_at": user.created_at,
        }
        with self.engine.begin() as conn:
            conn.execute(
                sqlite_insert(users)
                .values(**row)
                .on_conflict_do_update(
                    index_elements=["id"], set_={k: v for k, v in row.items() if k != "id"}
                )
            )
            self.set_state("owner_id", str(user.id), conn=conn)

    @contextmanager
    def pull_transaction(self) -> Iterator[Connection]:
        """A write transaction whose changes queue no outbox ops (server state coming in)."""
        with self.engine.begin() as conn:
            self.set_state("outbox_paused", "1", conn=conn)
            yield conn
            self.set_state("outbox_paused", "0", conn=conn)

    # -- outbox and dead letters -------------------------------------------------------

    def pending_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(OutboxOp)).scalar_one())

    def pending_by_entity(self) -> dict[uuid.UUID, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(OutboxOp.entity_id, func.count()).group_by(OutboxOp.entity_id)
            ).all()
        return {uuid.UUID(entity): count for entity, count in rows if entity}

    def dead_letters(self) -> list[DeadLetterEntry]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(DeadLetter).order_by(DeadLetter.seq)).mappings().all()
        return [
            DeadLetterEntry(
                op_id=row["op_id"],
                seq=row["seq"],
                kind=row["kind"],
                entity_id=uuid.UUID(row["entity_id"]) if row["entity_id"] else None,
                reason=row["reason"],
                at=row["at"],
                payload=_json_object(row["payload"]),
            )
            for row in rows
        ]

    def dismiss_dead_letters(self, op_ids: Sequence[str] | None = None) -> int:
        """Forget rejected ops the learner has seen (all of them without ``op_ids``)."""
        statement = delete(DeadLetter)
        if op_ids is not None:
            statement = statement.where(DeadLetter.op_id.in_(list(op_ids)))
        with self.engine.begin() as conn:
            return int(conn.execute(statement).rowcount or 0)

    # -- offline courses ---------------------------------------------------------------

    def offline_courses(self) -> list[OfflineCourseInfo]:
        courses = cache_table("courses")
        pending = self.pending_by_entity()
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    OfflineCourse.course_id,
                    OfflineCourse.made_at,
                    OfflineCourse.last_opened_at,
                    OfflineCourse.bytes,
                    courses.c.title,
                )
                .join(courses, courses.c.id == OfflineCourse.course_id)
                .order_by(courses.c.title)
            ).all()
            result = []
            for row in rows:
                ids = _course_entity_ids(conn, row.course_id)
                result.append(
                    OfflineCourseInfo(
                        course_id=row.course_id,
                        title=row.title,
                        made_at=row.made_at,
                        last_opened_at=row.last_opened_at,
                        bytes=row.bytes or 0,
                        pending_ops=sum(pending.get(i, 0) for i in ids),
                    )
                )
        return result

    def offline_course_ids(self) -> list[uuid.UUID]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(OfflineCourse.course_id)).scalars())

    def course_opened(self, course_id: uuid.UUID, *, at: dt.datetime | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(OfflineCourse)
                .where(OfflineCourse.course_id == course_id)
                .values(last_opened_at=at or utcnow())
            )

    def set_course_bytes(self, course_id: uuid.UUID, size: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(OfflineCourse).where(OfflineCourse.course_id == course_id).values(bytes=size)
            )

    @property
    def clock_shift(self) -> dt.timedelta:
        raw = self.get_state(CLOCK_SHIFT)
        return dt.timedelta(seconds=float(raw)) if raw else dt.timedelta(0)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> LocalCache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def open_cache(cache_dir: Path, key: bytes) -> LocalCache:
    """Open (create, migrate) the encrypted cache in ``cache_dir`` with ``key``."""
    cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = cache_dir / CACHE_FILENAME
    engine = create_cache_engine(path, key=key)
    try:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        except DatabaseError:
            raise CacheLockedError(
                "this computer's offline copy cannot be opened with this password"
            ) from None
        _migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return LocalCache(path, engine)


# ------------------------------------------------------------------- offline copies


@dataclass
class _Snapshot:
    """Rows read from the server, by table (content), plus the person's progress."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    course_ids: set[uuid.UUID] = field(default_factory=set)
    path_ids: set[uuid.UUID] = field(default_factory=set)
    assessment_ids: set[uuid.UUID] = field(default_factory=set)
    progress: list[dict[str, Any]] = field(default_factory=list)
    playback: list[dict[str, Any]] = field(default_factory=list)
    attempts: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)

    def ids(self, table: str) -> set[uuid.UUID]:
        return {row["id"] for row in self.rows.get(table, [])}


def _columns(table_name: str) -> list[Any]:
    table = Base.metadata.tables[table_name]
    # Learners may not read which option is correct; the cache never holds it.
    return [c for c in table.columns if c.name != "is_correct"]


def _read(session: Session, table_name: str, where: Any) -> list[dict[str, Any]]:
    result = session.execute(select(*_columns(table_name)).where(where)).mappings()
    return [dict(row) for row in result]


def _gather(
    session: Session, course_ids: set[uuid.UUID], path_ids: set[uuid.UUID], owner: uuid.UUID
) -> _Snapshot:
    t = Base.metadata.tables
    snap = _Snapshot()
    if course_ids:
        steps = session.execute(
            select(t["path_steps"].c.path_id).where(
                t["path_steps"].c.entity_type == "course",
                t["path_steps"].c.entity_id.in_(course_ids),
            )
        ).scalars()
        path_ids = path_ids | {p for p in steps if p is not None}
    snap.rows["learning_paths"] = _read(
        session, "learning_paths", t["learning_paths"].c.id.in_(path_ids)
    )
    snap.path_ids = snap.ids("learning_paths")
    snap.rows["path_steps"] = _read(
        session, "path_steps", t["path_steps"].c.path_id.in_(snap.path_ids)
    )
    assessment_ids = {
        step["entity_id"] for step in snap.rows["path_steps"] if step["entity_type"] == "assessment"
    }
    snap.course_ids = set(course_ids)
    snap.rows["courses"] = _read(session, "courses", t["courses"].c.id.in_(snap.course_ids))
    snap.course_ids = snap.ids("courses")
    snap.rows["modules"] = _read(session, "modules", t["modules"].c.course_id.in_(snap.course_ids))
    snap.rows["lessons"] = _read(
        session, "lessons", t["lessons"].c.module_id.in_(snap.ids("modules"))
    )
    assets = {row["video_asset_id"] for row in snap.rows["lessons"] if row["video_asset_id"]}
    snap.rows["video_assets"] = _read(session, "video_assets", t["video_assets"].c.id.in_(assets))
    snap.rows["assessments"] = _read(
        session, "assessments", t["assessments"].c.id.in_(assessment_ids)
    )
    snap.assessment_ids = snap.ids("assessments")
    snap.rows["questions"] = _read(
        session, "questions", t["questions"].c.assessment_id.in_(snap.assessment_ids)
    )
    snap.rows["answer_options"] = _read(
        session, "answer_options", t["answer_options"].c.question_id.in_(snap.ids("questions"))
    )
    # The person's own progress on all of it (row-level security shows only theirs).
    entities = (
        snap.course_ids
        | snap.ids("modules")
        | snap.ids("lessons")
        | snap.assessment_ids
        | snap.path_ids
    )
    up = t["user_progress"]
    snap.progress = [
        dict(row)
        for row in session.execute(
            select(up).where(up.c.user_id == owner, up.c.entity_id.in_(entities))
        ).mappings()
    ]
    lp = t["lesson_playback"]
    snap.playback = [
        dict(row)
        for row in session.execute(
            select(lp).where(lp.c.user_id == owner, lp.c.lesson_id.in_(snap.ids("lessons")))
        ).mappings()
    ]
    aa = t["assessment_attempts"]
    snap.attempts = [
        dict(row)
        for row in session.execute(
            select(aa).where(
                aa.c.user_id == owner,
                aa.c.assessment_id.in_(snap.assessment_ids),
                aa.c.status == "graded",
            )
        ).mappings()
    ]
    answers = t["attempt_answers"]
    snap.answers = [
        dict(row)
        for row in session.execute(
            select(answers).where(answers.c.attempt_id.in_([a["id"] for a in snap.attempts]))
        ).mappings()
    ]
    return snap


def _upsert(conn: Connection, table_name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table = cache_table(table_name)
    keys = [c.name for c in table.primary_key.columns]
    values = [
        {**row, "is_correct": None} if table_name == "answer_options" else row for row in rows
    ]
    statement = sqlite_insert(table)
    columns = [c.name for c in table.columns if c.name not in keys and c.name in values[0]]
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=keys, set_={name: statement.excluded[name] for name in columns}
        ),
        values,
    )


def _asset_signatures(conn: Connection, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[Any, ...]]:
    table = cache_table("video_assets")
    result: dict[uuid.UUID, tuple[Any, ...]] = {}
    for part in local_apply.chunks(sorted(ids)):
        for row in conn.execute(select(table).where(table.c.id.in_(part))).mappings():
            result[row["id"]] = (
                row["provider"],
                row["provider_id"],
                row["status"],
                row["duration"],
                row["updated_at"],
            )
    return result


def _remove_stale(conn: Connection, snap: _Snapshot) -> None:
    """Drop local rows under the copied parents that the server no longer has."""
    t = {name: cache_table(name) for name in CONTENT_TABLES}
    stale_steps = delete(t["path_steps"]).where(
        t["path_steps"].c.path_id.in_(snap.path_ids),
        t["path_steps"].c.id.not_in(snap.ids("path_steps")),
    )
    conn.execute(stale_steps)
    conn.execute(
        delete(t["answer_options"]).where(
            t["answer_options"].c.question_id.in_(
                select(t["questions"].c.id).where(
                    t["questions"].c.assessment_id.in_(snap.assessment_ids)
                )
            ),
            t["answer_options"].c.id.not_in(snap.ids("answer_options")),
        )
    )
    old_questions = select(t["questions"].c.id).where(
        t["questions"].c.assessment_id.in_(snap.assessment_ids),
        t["questions"].c.id.not_in(snap.ids("questions")),
    )
    conn.execute(
        delete(t["answer_options"]).where(t["answer_options"].c.question_id.in_(old_questions))
    )
    conn.execute(delete(t["questions"]).where(t["questions"].c.id.in_(old_questions)))
    old_modules = select(t["modules"].c.id).where(
        t["modules"].c.course_id.in_(snap.course_ids), t["modules"].c.id.not_in(snap.ids("modules"))
    )
    conn.execute(
        delete(t["lessons"]).where(
            t["lessons"].c.module_id.in_(
                select(t["modules"].c.id).where(t["modules"].c.course_id.in_(snap.course_ids))
            ),
            t["lessons"].c.id.not_in(snap.ids("lessons")),
        )
    )
    conn.execute(delete(t["lessons"]).where(t["lessons"].c.module_id.in_(old_modules)))
    conn.execute(delete(t["modules"]).where(t["modules"].c.id.in_(old_modules)))


def _store(
    cache: LocalCache, snap: _Snapshot, *, now: dt.datetime, watermark: int | None
) -> OfflineCopy:
    owner = cache.owner_id
    if owner is None:
        raise CacheOwnerError("set the cache's owner (LocalCache.set_owner) before copying")
    asset_ids = snap.ids("video_assets")
    shift = cache.clock_shift
    rows = 0
    with cache.pull_transaction() as conn:
        if watermark is not None and cache.get_state(CONTENT_CURSOR) is None:
            # Content changes from now on are pulled (an older cursor, from an earlier
            # copy, is kept: it covers this copy too).
            cache.set_state(CONTENT_CURSOR, str(watermark), conn=conn)
        before = _asset_signatures(conn, asset_ids)
        for name in CONTENT_TABLES:
            _upsert(conn, name, snap.rows.get(name, []))
            rows += len(snap.rows.get(name, []))
        _remove_stale(conn, snap)
        after = _asset_signatures(conn, asset_ids)
        rows += local_apply.apply_progress(conn, owner, snap.progress, shift=shift)
        rows += local_apply.apply_playback(
            conn, owner, snap.playback, known_lessons=snap.ids("lessons"), shift=shift
        )
        rows += local_apply.apply_graded_attempts(
            conn,
            snap.attempts,
            snap.answers,
            known_assessments=snap.assessment_ids,
            shift=shift,
        )
        for course_id in snap.course_ids:
            conn.execute(
                sqlite_insert(OfflineCourse)
                .values(course_id=course_id, made_at=now, bytes=0)
                .on_conflict_do_nothing(index_elements=["course_id"])
            )
    changed = tuple(sorted(a for a in asset_ids if before.get(a) != after.get(a)))
    return OfflineCopy(
        course_ids=tuple(sorted(snap.course_ids)),
        path_ids=tuple(sorted(snap.path_ids)),
        assessment_ids=tuple(sorted(snap.assessment_ids)),
        video_asset_ids=tuple(sorted(asset_ids)),
        changed_video_asset_ids=changed,
        rows=rows,
    )


def _copy(
    server_uow_factory: UnitOfWorkFactory,
    cache: LocalCache,
    *,
    course_ids: set[uuid.UUID],
    path_ids: set[uuid.UUID],
) -> OfflineCopy:
    owner = cache.owner_id
    if owner is None:
        raise CacheOwnerError("set the cache's owner (LocalCache.set_owner) before copying")
    with server_uow_factory() as uow:
        watermark = None
        if uow.session.get_bind().dialect.name == "postgresql":
            # Taken before reading: whatever commits later is pulled by the next sync.
            watermark = int(
                uow.session.execute(
                    text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
                ).scalar_one()
            )
        snap = _gather(uow.session, course_ids, path_ids, owner)
    return _store(cache, snap, now=utcnow(), watermark=watermark)


def make_course_available(
    server_uow_factory: UnitOfWorkFactory, cache: LocalCache, course_id: uuid.UUID
) -> OfflineCopy:
    """Copy a course (and the paths that contain it) from the server into the cache.

    Run it again to refresh the copy: changed rows are updated, rows the server no longer
    has are removed, and ``changed_video_asset_ids`` says which videos to fetch again.
    """
    copy = _copy(server_uow_factory, cache, course_ids={course_id}, path_ids=set())
    if course_id not in copy.course_ids:
        raise NotFoundError("this course does not exist, or it is not available to you")
    return copy


def make_path_available(
    server_uow_factory: UnitOfWorkFactory, cache: LocalCache, path_id: uuid.UUID
) -> OfflineCopy:
    """Copy a learning path, every course in it and its assessments into the cache."""
    with server_uow_factory() as uow:
        steps = Base.metadata.tables["path_steps"]
        courses = set(
            uow.session.execute(
                select(steps.c.entity_id).where(
                    steps.c.path_id == path_id, steps.c.entity_type == "course"
                )
            ).scalars()
        )
    copy = _copy(server_uow_factory, cache, course_ids=courses, path_ids={path_id})
    if path_id not in copy.path_ids:
        raise NotFoundError("this learning path does not exist, or it is not available to you")
    return copy


def refresh_courses(
    server_uow_factory: UnitOfWorkFactory, cache: LocalCache, course_ids: set[uuid.UUID]
) -> OfflineCopy:
    """Copy these offline courses again (a pull found changes in them)."""
    return _copy(server_uow_factory, cache, course_ids=course_ids, path_ids=set())


def _course_entity_ids(conn: Connection, course_id: uuid.UUID) -> set[uuid.UUID]:
    """The course, its modules and lessons, its paths and their assessments (locally)."""
    modules = cache_table("modules")
    lessons = cache_table("lessons")
    steps = cache_table("path_steps")
    module_ids = set(
        conn.execute(select(modules.c.id).where(modules.c.course_id == course_id)).scalars()
    )
    lesson_ids = set(
        conn.execute(select(lessons.c.id).where(lessons.c.module_id.in_(module_ids))).scalars()
    )
    path_ids = set(
        conn.execute(
            select(steps.c.path_id).where(
                steps.c.entity_type == "course", steps.c.entity_id == course_id
            )
        ).scalars()
    )
    assessments = set(
        conn.execute(
            select(steps.c.entity_id).where(
                steps.c.path_id.in_(path_ids), steps.c.entity_type == "assessment"
            )
        ).scalars()
    )
    return {course_id} | module_ids | lesson_ids | {p for p in path_ids if p} | assessments


def remove_offline_course(cache: LocalCache, course_id: uuid.UUID) -> None:
    """Forget a course's offline copy (its content; progress rows stay, and pending ops are
    kept: each op carries its full state, so nothing unsynced is lost)."""
    t = {name: cache_table(name) for name in CONTENT_TABLES}
    with cache.pull_transaction() as conn:
        modules = select(t["modules"].c.id).where(t["modules"].c.course_id == course_id)
        conn.execute(delete(t["lessons"]).where(t["lessons"].c.module_id.in_(modules)))
        conn.execute(delete(t["modules"]).where(t["modules"].c.course_id == course_id))
        conn.execute(delete(t["courses"]).where(t["courses"].c.id == course_id))
        conn.execute(delete(OfflineCourse).where(OfflineCourse.course_id == course_id))


__all__ = [
    "CACHE_FILENAME",
    "OFFLINE_CACHE",
    "CacheLockedError",
    "CacheOwnerError",
    "CacheVersionError",
    "DeadLetterEntry",
    "LocalCache",
    "OfflineCopy",
    "OfflineCourseInfo",
    "cache_head_revision",
    "make_course_available",
    "make_path_available",
    "open_cache",
    "refresh_courses",
    "remove_offline_course",
]
