"""The sync engine: push the outbox, pull the server's changes, one device at a time.

``SyncEngine.sync_once()`` runs one sync of a local cache against its PostgreSQL server, as
the person's own login (their privileges, their row-level security):

1. **Handshake** — the server's schema revision must be the one this app was built for
   (else :class:`SchemaMismatchError`, and the outbox is kept); the login must be the
   cache's owner; the device is registered in ``sync_devices``.
2. **One sync per device** — a session advisory lock on (person, device); a second sync
   (another thread, another process on the same cache) reports "already running".
3. **Push** — outbox ops in ``seq`` order, in batches: one server transaction per batch
   calls ``elearn_apply_ops`` (set-based merge; every op id recorded in ``processed_ops``,
   so a second delivery changes nothing). Ops leave the outbox only after their batch
   committed; when the outcome is unknown (the connection died around COMMIT) they stay and
   are sent again, harmlessly. Ops the server rejects go to the dead-letter list. A batch
   the server cannot take at all (an op it cannot even parse) is split in halves until the
   culprit is alone, so it never blocks the queue.
4. **Pull** — the person's progress, playback state and graded attempts changed since the
   cursor (``sync_seq``: the writing transaction's id; the next cursor is the snapshot's
   ``xmin``, so a late commit is never skipped), merged into the cache without creating
   outbox ops; then offline courses whose content changed are copied again, and the video
   assets that changed are reported so downloads can fetch them.

Every server round trip runs under a watchdog: a connection that stalls (a proxy that
stops forwarding, a dead Wi-Fi) is shut down after ``operation_timeout_s`` and the sync
ends with an error in words; the next sync resumes where this one stopped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, delete, insert, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.errors import describe_target
from elearn_desktop.data.models import Base
from elearn_desktop.data.types import utcnow
from elearn_desktop.domain.errors import ElearnError, SchemaMismatchError
from elearn_desktop.services.backend import Backend
from elearn_desktop.services.profiles import ServerProfile
from elearn_desktop.sync import cache as cache_module
from elearn_desktop.sync import local_apply
from elearn_desktop.sync.cache import (
    CLOCK_SHIFT,
    CONTENT_CURSOR,
    LAST_SYNC,
    USER_CURSOR,
    LocalCache,
)
from elearn_desktop.sync.cache_models import CONTENT_TABLES, DeadLetter, OutboxOp
from elearn_desktop.sync.watchdog import Watchdog

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 5_000
DEFAULT_PAGE_SIZE = 5_000
CLOCK_TOLERANCE = dt.timedelta(minutes=2)
#: First key of the per-device advisory lock ("ELSY").
_LOCK_SPACE = 0x454C5359
_RETRYABLE = {"40001", "40P01"}  # serialization failure, deadlock: try the batch again
_ATTEMPTS = 3
#: How long the sync connection is reused, from its opening (seconds).
_RECYCLE_S = 120
#: Marks a pooled sync connection that a sync already used (``PoolProxiedConnection.info``).
_USED = "elearn_sync_used"


class _Op(NamedTuple):
    """One outbox op as the push reads it (plain DBAPI on a pooled cache connection)."""

    seq: int
    op_id: str
    kind: str
    payload: str


_OUTBOX = OutboxOp.__tablename__
_READ_BATCH = f"SELECT seq, op_id, kind, payload FROM {_OUTBOX} WHERE seq > ? ORDER BY seq LIMIT ?"
_DELETE_BATCH = f"DELETE FROM {_OUTBOX} WHERE seq BETWEEN ? AND ?"
_APPLY_OPS = "SELECT op_id, reason FROM public.elearn_apply_ops(%s, %s, CAST(%s AS jsonb))"


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did. ``errors`` are in words for people; empty when all went well."""

    pushed: int = 0
    pulled: int = 0
    rejected: int = 0
    pending: int = 0
    errors: tuple[str, ...] = ()
    #: Video assets of offline courses that are new or changed (queue their downloads).
    changed_video_asset_ids: tuple[uuid.UUID, ...] = ()
    #: Offline courses whose content was copied again.
    refreshed_course_ids: tuple[uuid.UUID, ...] = ()
    online: bool = True
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    #: Seconds spent pushing and pulling (for logs and the benchmark).
    push_s: float = 0.0
    pull_s: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "pulled": self.pulled,
            "rejected": self.rejected,
            "pending": self.pending,
            "errors": list(self.errors),
            "online": self.online,
            "changed_video_asset_ids": [str(a) for a in self.changed_video_asset_ids],
            "refreshed_course_ids": [str(c) for c in self.refreshed_course_ids],
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "push_s": round(self.push_s, 3),
            "pull_s": round(self.pull_s, 3),
        }


@dataclass
class SyncHooks:
    """Optional callbacks (progress for a UI or the CLI; fault injection for tests)."""

    #: (phase, done, total) — phase is "push" or "pull".
    on_progress: Callable[[str, int, int], None] | None = None
    #: After a batch's server transaction committed, before its ops leave the outbox.
    after_batch_committed: Callable[[int, int], None] | None = None


class SyncInterruptedError(ElearnError):
    """The sync stopped early (its deadline passed); what was done is kept."""


@dataclass
class _Tally:
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    assets: set[uuid.UUID] = field(default_factory=set)
    refreshed: set[uuid.UUID] = field(default_factory=set)
    push_s: float = 0.0
    pull_s: float = 0.0


# ------------------------------------------------------------------------------- engine


def _lock_key(user_id: uuid.UUID, device_id: str) -> int:
    digest = hashlib.sha256(f"{user_id}:{device_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def _is_connection_problem(exc: DBAPIError) -> bool:
    if isinstance(exc, OperationalError) or exc.connection_invalidated:
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None) or ""
    # 08: connection exception; 57P: operator intervention (shutdown, crash recovery).
    return sqlstate.startswith("08") or sqlstate.startswith("57P")


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", None) or "")


class SyncEngine:
    """Syncs one local cache with its server. One ``sync_once`` at a time per device."""

    def __init__(
        self,
        profile: ServerProfile,
        cache: LocalCache,
        server_backend_factory: Callable[[], Backend],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        page_size: int = DEFAULT_PAGE_SIZE,
        operation_timeout_s: float = 60.0,
        connect_timeout_s: float = 5.0,
        clock: Callable[[], dt.datetime] = utcnow,
        hooks: SyncHooks | None = None,
        device_name: str | None = None,
    ) -> None:
        if profile.is_embedded:
            raise ValueError("the embedded database is its own server: there is nothing to sync")
        self.profile = profile
        self.cache = cache
        self._backend_factory = server_backend_factory
        self.batch_size = batch_size
        self.page_size = page_size
        self.operation_timeout_s = operation_timeout_s
        self.connect_timeout_s = connect_timeout_s
        self._clock = clock
        self.hooks = hooks or SyncHooks()
        self.device_name = device_name or socket.gethostname()
        self._running = threading.Lock()
        self._engines: dict[str, Engine] = {}
        #: Server clock minus this device's clock, when more than the tolerance (else 0).
        self._shift = dt.timedelta(0)

    # -- public ---------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running.locked()

    def close(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()

    def sync_once(self, *, deadline: float | None = None) -> SyncReport:
        """Push, then pull. ``deadline`` (``time.monotonic()`` value) bounds it (on exit).

        Raises :class:`SchemaMismatchError` when the server's schema is not ours (the
        outbox is kept); every other problem is reported in ``SyncReport.errors``.
        """
        started = utcnow()
        if not self._running.acquire(blocking=False):
            return self._report(started, errors=("a sync of this device is already running",))
        tally = _Tally()
        try:
            errors, online = self._sync(tally, deadline)
        finally:
            self._running.release()
        return self._report(started, tally=tally, errors=errors, online=online)

    # -- internals ------------------------------------------------------------------

    def _report(
        self,
        started: dt.datetime,
        *,
        tally: _Tally | None = None,
        errors: Sequence[str] = (),
        online: bool = True,
    ) -> SyncReport:
        tally = tally or _Tally()
        return SyncReport(
            pushed=tally.pushed,
            pulled=tally.pulled,
            rejected=tally.rejected,
            pending=self.cache.pending_count(),
            errors=tuple(errors),
            changed_video_asset_ids=tuple(sorted(tally.assets)),
            refreshed_course_ids=tuple(sorted(tally.refreshed)),
            online=online,
            started_at=started,
            finished_at=utcnow(),
            push_s=tally.push_s,
            pull_s=tally.pull_s,
        )

    def _server_engine(self, backend: Backend) -> Engine:
        """A dedicated engine for syncing: one pooled connection, short connect timeout,
        keepalives, server-side timeouts for a vanished client.

        The connection is kept between syncs (for at most ``_RECYCLE_S``): a new one costs
        a server process, and that process plans ``elearn_apply_ops``' statements again —
        most of a small push. A kept connection that went stale (server restarted, a cut)
        fails; ``_sync`` then tries once more on a fresh one.
        """
        key = backend.engine.url.render_as_string(hide_password=False)
        engine = self._engines.get(key)
        if engine is None:
            engine = create_server_engine(
                backend.engine.url,
                pool_size=1,
                max_overflow=1,
                pool_recycle=_RECYCLE_S,
                pool_pre_ping=False,
                connect_args={
                    "connect_timeout": max(1, round(self.connect_timeout_s)),
                    "application_name": "elearn-desktop sync",
                    "keepalives": 1,
                    "keepalives_idle": 10,
                    "keepalives_interval": 5,
                    "keepalives_count": 3,
                    "options": "-c idle_in_transaction_session_timeout=120000",
                },
            )
            self._engines[key] = engine
        return engine

    def _sync(self, tally: _Tally, deadline: float | None) -> tuple[tuple[str, ...], bool]:
        try:
            backend = self._backend_factory()
        except ElearnError as exc:
            return (str(exc),), False
        engine = self._server_engine(backend)
        where = describe_target(engine)
        for attempt in range(2):
            watchdog = Watchdog(self.operation_timeout_s)
            reused: list[bool] = []
            try:
                return self._sync_on(engine, backend, watchdog, reused, tally, deadline)
            except SchemaMismatchError:
                raise
            except SyncInterruptedError as exc:
                return (str(exc),), True
            except DBAPIError as exc:
                if _is_connection_problem(exc):
                    in_time = deadline is None or time.monotonic() < deadline
                    if attempt == 0 and any(reused) and in_time:
                        # The kept connection had gone stale (a restart, a cut, a link
                        # that stalls): once more on a fresh one. Ops are idempotent.
                        log.info("sync: the kept connection failed; connecting again")
                        continue
                    reason = "it stopped answering" if watchdog.fired else _first_line(exc)
                    return (f"lost the connection to {where}: {reason}",), False
                log.warning("sync refused by the server: %s", exc)
                return (f"the server refused the sync: {_first_line(exc)}",), True
            except ElearnError as exc:
                return (str(exc),), True
        raise AssertionError("unreachable")  # pragma: no cover

    def _sync_on(
        self,
        engine: Engine,
        backend: Backend,
        watchdog: Watchdog,
        reused: list[bool],
        tally: _Tally,
        deadline: float | None,
    ) -> tuple[tuple[str, ...], bool]:
        """One sync on one connection; appends to ``reused`` whether it was a kept one."""
        with engine.connect() as conn:
            reused.append(bool(conn.connection.info.get(_USED)))
            conn.connection.info[_USED] = True
            try:
                with watchdog.guard(conn, deadline=deadline):
                    user_id = self._handshake(conn)
                    key = _lock_key(user_id, self.cache.device_id)
                    locked = conn.execute(
                        text("SELECT pg_try_advisory_lock(:space, :key)"),
                        {"space": _LOCK_SPACE, "key": key},
                    ).scalar()
                    conn.commit()
            except DBAPIError as exc:
                if _is_connection_problem(exc):
                    conn.invalidate()
                raise
            if not locked:
                return ("a sync of this device is already running",), True
            try:
                begun = time.perf_counter()
                try:
                    self._push(conn, watchdog, tally, deadline)
                finally:
                    tally.push_s += time.perf_counter() - begun
                begun = time.perf_counter()
                try:
                    self._pull(conn, backend, watchdog, tally, deadline)
                finally:
                    tally.pull_s += time.perf_counter() - begun
                self.cache.set_state(LAST_SYNC, utcnow().isoformat())
            except DBAPIError as exc:
                if _is_connection_problem(exc):
                    conn.invalidate()  # never kept for the next sync
                raise
            finally:
                self._unlock(conn, key)
        return (), True

    def _unlock(self, conn: Connection, key: int) -> None:
        if conn.invalidated:
            return  # the connection is gone: the server released the lock with it
        try:
            if conn.in_transaction():
                conn.rollback()
            conn.execute(
                text("SELECT pg_advisory_unlock(:space, :key)"),
                {"space": _LOCK_SPACE, "key": key},
            )
            conn.commit()
        except DBAPIError:
            pass  # the connection is gone: the server released the lock with it

    def _handshake(self, conn: Connection) -> uuid.UUID:
        head = migrations.head_revision()
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if current != head:
            pending = self.cache.pending_count()
            kept = f"; your {pending} unsynced changes are kept on this computer" if pending else ""
            if current in migrations.known_revisions():
                raise SchemaMismatchError(
                    f"the server's schema is at revision {current}, this app needs {head}: "
                    f"an administrator runs `elearn db upgrade`{kept}"
                )
            raise SchemaMismatchError(
                f"the server's schema is at revision {current or 'none'}, which this version "
                f"of elearn-desktop does not know (it needs {head}): update the app{kept}"
            )
        row = conn.execute(text("SELECT public.elearn_current_user_id(), now()")).one()
        user_id, server_now = row
        offset = server_now - self._clock()
        # The same tolerance as the server's (elearn_apply_ops): a clock off by more than
        # two minutes gets the server's times moved onto it, so its own stay consistent.
        self._shift = offset if abs(offset) > CLOCK_TOLERANCE else dt.timedelta(0)
        self.cache.set_state(CLOCK_SHIFT, str(-self._shift.total_seconds()))
        if user_id is None:
            raise ElearnError("this login is not a person of this database: sign in again")
        owner = self.cache.owner_id
        if owner is None:
            raise ElearnError("this offline copy has no owner yet: sign in online once")
        if owner != user_id:
            raise ElearnError("this offline copy belongs to another account than the one signed in")
        conn.execute(
            text(
                "INSERT INTO public.sync_devices (device_id, user_id, name, last_seen_at) "
                "VALUES (:device, :user, :name, now()) ON CONFLICT (device_id) "
                "DO UPDATE SET last_seen_at = now(), name = excluded.name"
            ),
            {"device": self.cache.device_id, "user": user_id, "name": self.device_name[:255]},
        )
        conn.commit()
        return uuid.UUID(str(user_id))

    # -- push -----------------------------------------------------------------------

    def _next_batch(self, after_seq: int) -> tuple[list[_Op], str]:
        """The next outbox ops after ``after_seq`` and the batch's JSON body.

        Plain DBAPI on a pooled cache connection: one statement, no ORM rows.
        """
        raw = self.cache.engine.raw_connection()
        try:
            rows = self._read_batch(raw, after_seq)
        finally:
            raw.close()
        return rows, self._batch_json(rows) if rows else ""

    def _read_batch(self, raw: Any, after_seq: int) -> list[_Op]:
        cursor = raw.cursor()
        try:
            cursor.execute(_READ_BATCH, (after_seq, self.batch_size))
            return [_Op(*row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def _settle_and_read(
        self, rows: Sequence[_Op], rejected: dict[str, str]
    ) -> tuple[list[_Op], str]:
        """``_settle`` the batch, then read the next one (ops written since), on one
        pooled connection when nothing was rejected (a small push's last two steps)."""
        if rejected:
            self._settle(rows, rejected)
            return self._next_batch(rows[-1].seq)
        raw = self.cache.engine.raw_connection()
        try:
            self._delete_batch(raw, rows)
            after = self._read_batch(raw, rows[-1].seq)
        finally:
            raw.close()
        return after, self._batch_json(after) if after else ""

    def _push(
        self, conn: Connection, watchdog: Watchdog, tally: _Tally, deadline: float | None
    ) -> None:
        """Send the outbox batch by batch.

        An outbox of more than one batch is pipelined on one worker thread: while the
        server applies batch k, the worker reads and encodes batch k+1, then deletes batch
        k from the outbox once its commit is known — never before. A smaller one is sent
        from this thread (starting a worker cost more than a few ops' whole push).

        Each batch is one statement (``elearn_apply_ops``) in autocommit: the server runs
        it as its own transaction, in one round trip instead of three (BEGIN, the call,
        COMMIT); its ops are all applied or none, as before. The connection leaves the
        push out of autocommit again, whatever happened.
        """
        rows, body = self._next_batch(0)
        if not rows:
            return
        total = self.cache.pending_count() if self.hooks.on_progress is not None else 0
        done = 0
        batch_no = 0
        worker: ThreadPoolExecutor | None = None
        settled: list[Future[None]] = []
        # Autocommit on the driver itself, for the push only (SQLAlchemy's isolation
        # level switch, there and back, cost a tenth of a small push); every statement
        # of the push goes straight to the driver (``_apply``).
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.autocommit = True
        try:
            while rows:
                if deadline is not None and time.monotonic() > deadline:
                    raise SyncInterruptedError("stopped before everything was sent (time is up)")
                if worker is None and len(rows) >= self.batch_size:
                    worker = ThreadPoolExecutor(
                        max_workers=1, thread_name_prefix="elearn-sync-outbox"
                    )
                upcoming = worker.submit(self._next_batch, rows[-1].seq) if worker else None
                rejected = self._send(conn, watchdog, rows, deadline, body=body)
                batch_no += 1
                if self.hooks.after_batch_committed is not None:
                    self.hooks.after_batch_committed(batch_no, len(rows))
                tally.pushed += len(rows) - len(rejected)
                tally.rejected += len(rejected)
                done += len(rows)
                if worker is not None:
                    settled.append(worker.submit(self._settle, rows, rejected))
                    assert upcoming is not None
                    rows, body = upcoming.result()
                else:
                    rows, body = self._settle_and_read(rows, rejected)
                if self.hooks.on_progress is not None:
                    self.hooks.on_progress("push", done, max(total, done))
        finally:
            try:
                for future in settled:
                    future.result()  # committed batches leave the outbox, whatever happens
            finally:
                try:
                    if worker is not None:
                        worker.shutdown()
                finally:
                    with suppress(conn.dialect.loaded_dbapi.Error):
                        # (A lost connection is not kept: the sync invalidates it.)
                        driver.autocommit = False

    def _settle(self, rows: Sequence[_Op], rejected: dict[str, str]) -> None:
        """The batch is committed on the server: its ops leave the outbox (rejected ones
        go to the dead-letter list), in one local transaction.

        The batch was the outbox's first rows by ``seq`` at the time; rows written since
        have larger numbers (AUTOINCREMENT), so the batch is exactly what is left of its
        ``seq`` range.
        """
        if rejected:
            self._settle_rejected(rows[0].seq, rows[-1].seq, rejected)
            return
        raw = self.cache.engine.raw_connection()
        try:
            self._delete_batch(raw, rows)
        finally:
            raw.close()

    @staticmethod
    def _delete_batch(raw: Any, rows: Sequence[_Op]) -> None:
        cursor = raw.cursor()
        try:
            # One statement: its own transaction.
            cursor.execute(_DELETE_BATCH, (rows[0].seq, rows[-1].seq))
        finally:
            cursor.close()

    def _settle_rejected(self, first: int, last: int, rejected: dict[str, str]) -> None:
        now = utcnow()
        in_batch = OutboxOp.seq.between(first, last)
        with self.cache.engine.begin() as local:
            found = local.execute(
                select(
                    OutboxOp.op_id,
                    OutboxOp.seq,
                    OutboxOp.kind,
                    OutboxOp.entity_id,
                    OutboxOp.payload,
                ).where(in_batch, OutboxOp.op_id.in_(list(rejected)))
            ).all()
            for row in found:
                local.execute(
                    insert(DeadLetter)
                    .prefix_with("OR REPLACE")
                    .values(
                        op_id=row.op_id,
                        seq=row.seq,
                        kind=row.kind,
                        entity_id=row.entity_id,
                        payload=row.payload,
                        reason=rejected[row.op_id],
                        at=now,
                    )
                )
            local.execute(delete(OutboxOp).where(in_batch))

    def _batch_json(self, rows: Sequence[_Op]) -> str:
        by_kind: dict[str, list[str]] = {}
        for row in rows:
            by_kind.setdefault(row.kind, []).append(
                f'{{"op_id":"{row.op_id}","seq":{int(row.seq)},"p":{row.payload}}}'
            )
        return "{" + ",".join(f"{json.dumps(k)}:[{','.join(v)}]" for k, v in by_kind.items()) + "}"

    def _send(
        self,
        conn: Connection,
        watchdog: Watchdog,
        rows: Sequence[_Op],
        deadline: float | None,
        *,
        body: str | None = None,
    ) -> dict[str, str]:
        """Apply one batch in one server transaction; returns {op_id: reason} rejected."""
        if body is None:
            body = self._batch_json(rows)
        for attempt in range(_ATTEMPTS):
            try:
                with watchdog.guard(conn, deadline=deadline):
                    result = self._apply(conn, body)
                return {str(op_id): str(reason) for op_id, reason in result}
            except DBAPIError as exc:
                self._rollback(conn)
                if _is_connection_problem(exc):
                    raise
                if _sqlstate(exc) in _RETRYABLE and attempt < _ATTEMPTS - 1:
                    continue
                return self._split(conn, watchdog, rows, deadline, exc)
        raise AssertionError("unreachable")  # pragma: no cover

    def _apply(self, conn: Connection, body: str) -> list[tuple[Any, Any]]:
        """One call of ``elearn_apply_ops`` on the driver's connection, in autocommit.

        Straight to psycopg (a prepared statement): SQLAlchemy's statement, parameter and
        result handling cost about as much as the round trip of a small push. A driver
        error is raised as SQLAlchemy's (``DBAPIError``, with ``connection_invalidated``
        for a lost connection), as ``conn.execute`` would.
        """
        driver = conn.connection.driver_connection
        assert driver is not None  # a checked-out connection has its driver's
        params = (self.cache.device_id, self._clock(), body)
        error = conn.dialect.loaded_dbapi.Error
        try:
            return list(driver.execute(_APPLY_OPS, params, prepare=True).fetchall())
        except error as exc:
            lost = conn.dialect.is_disconnect(exc, conn.connection.dbapi_connection, None)
            raise DBAPIError.instance(
                _APPLY_OPS,
                None,
                exc,
                error,
                hide_parameters=True,
                connection_invalidated=bool(lost),
                dialect=conn.dialect,
            ) from exc

    def _split(
        self,
        conn: Connection,
        watchdog: Watchdog,
        rows: Sequence[_Op],
        deadline: float | None,
        exc: DBAPIError,
    ) -> dict[str, str]:
        """The server could not take the batch at all: find the op(s) it cannot take."""
        if len(rows) == 1:
            reason = f"the server could not read this change: {_first_line(exc)}"
            log.warning("sync: op %s rejected: %s", rows[0].op_id, reason)
            return {rows[0].op_id: reason}
        middle = len(rows) // 2
        rejected = self._send(conn, watchdog, rows[:middle], deadline)
        rejected.update(self._send(conn, watchdog, rows[middle:], deadline))
        return rejected

    @staticmethod
    def _rollback(conn: Connection) -> None:
        with suppress(DBAPIError):
            conn.rollback()

    # -- pull -----------------------------------------------------------------------

    def _pull(
        self,
        conn: Connection,
        backend: Backend,
        watchdog: Watchdog,
        tally: _Tally,
        deadline: float | None,
    ) -> None:
        owner = self.cache.owner_id
        if owner is None:
            raise ElearnError("the offline copy has no owner yet: sign in online once")
        user_cursor = int(self.cache.get_state(USER_CURSOR) or 0)
        content_cursor = int(self.cache.get_state(CONTENT_CURSOR) or 0)
        conn.commit()
        # One snapshot for the whole pull (the cursor would be right with one per statement
        # too: every transaction below the watermark is visible to all later statements).
        conn.execution_options(isolation_level="REPEATABLE READ")
        try:
            with watchdog.guard(conn, deadline=deadline):
                watermark = int(
                    conn.execute(
                        text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
                    ).scalar_one()
                )
            self._pull_progress(conn, watchdog, owner, user_cursor, tally, deadline)
            self._pull_playback(conn, watchdog, owner, user_cursor, tally, deadline)
            self._pull_attempts(conn, watchdog, owner, user_cursor, tally, deadline)
            with watchdog.guard(conn, deadline=deadline):
                changed, gone = self._changed_courses(conn, content_cursor)
            conn.rollback()  # read only: ends the snapshot
        except BaseException:
            self._rollback(conn)
            raise
        self.cache.set_state(USER_CURSOR, str(watermark))
        for course_id in gone:
            cache_module.remove_offline_course(self.cache, course_id)
        if changed:
            copy = cache_module.refresh_courses(backend.uow, self.cache, changed)
            tally.assets.update(copy.changed_video_asset_ids)
            tally.refreshed.update(copy.course_ids)
        self.cache.set_state(CONTENT_CURSOR, str(watermark))
        with watchdog.guard(conn, deadline=deadline):
            conn.execute(
                text(
                    "UPDATE public.sync_devices SET last_pull_at = now() WHERE device_id = :device"
                ),
                {"device": self.cache.device_id},
            )
            conn.commit()

    def _pages(
        self,
        conn: Connection,
        watchdog: Watchdog,
        table_name: str,
        key: str,
        owner: uuid.UUID,
        cursor: int,
        deadline: float | None,
        extra: str = "",
    ) -> Iterator[list[dict[str, Any]]]:
        """The person's rows of a table changed since ``cursor``, page by page (keyset on
        the index ``(user_id, sync_seq, key)``). The first pull also takes rows never
        stamped (written before revision 0006, ``sync_seq`` NULL)."""
        table = Base.metadata.tables[table_name]
        columns = ", ".join(c.name for c in table.columns)
        for unstamped in (True, False) if cursor == 0 else (False,):
            last: tuple[Any, Any] | None = None
            while True:
                if deadline is not None and time.monotonic() > deadline:
                    raise SyncInterruptedError(
                        "stopped before everything was received (time is up)"
                    )
                if unstamped:
                    where = "sync_seq IS NULL" + (f" AND {key} > :last_key" if last else "")
                    order = key
                else:
                    where = "sync_seq >= :cursor" + (
                        f" AND (sync_seq, {key}) > (:last_seq, :last_key)" if last else ""
                    )
                    order = f"sync_seq, {key}"
                statement = text(
                    f"SELECT {columns} FROM public.{table_name} "
                    f"WHERE user_id = :owner AND {where} {extra} ORDER BY {order} LIMIT :limit"
                ).columns(*table.columns)
                params: dict[str, Any] = {
                    "owner": owner,
                    "cursor": cursor,
                    "limit": self.page_size,
                }
                if last:
                    params.update(last_seq=last[0], last_key=last[1])
                with watchdog.guard(conn, deadline=deadline):
                    rows = [dict(r) for r in conn.execute(statement, params).mappings()]
                if not rows:
                    break
                last = (rows[-1]["sync_seq"], rows[-1][key])
                yield rows
                if len(rows) < self.page_size:
                    break

    def _pull_progress(
        self,
        conn: Connection,
        watchdog: Watchdog,
        owner: uuid.UUID,
        cursor: int,
        tally: _Tally,
        deadline: float | None,
    ) -> None:
        for page in self._pages(conn, watchdog, "user_progress", "id", owner, cursor, deadline):
            with self.cache.pull_transaction() as local:
                tally.pulled += local_apply.apply_progress(local, owner, page, shift=-self._shift)
            if self.hooks.on_progress is not None:
                self.hooks.on_progress("pull", tally.pulled, tally.pulled)

    def _pull_playback(
        self,
        conn: Connection,
        watchdog: Watchdog,
        owner: uuid.UUID,
        cursor: int,
        tally: _Tally,
        deadline: float | None,
    ) -> None:
        pages = self._pages(conn, watchdog, "lesson_playback", "lesson_id", owner, cursor, deadline)
        for page in pages:
            with self.cache.pull_transaction() as local:
                tally.pulled += local_apply.apply_playback(local, owner, page, shift=-self._shift)

    def _pull_attempts(
        self,
        conn: Connection,
        watchdog: Watchdog,
        owner: uuid.UUID,
        cursor: int,
        tally: _Tally,
        deadline: float | None,
    ) -> None:
        answers_table = Base.metadata.tables["attempt_answers"]
        pages = self._pages(
            conn,
            watchdog,
            "assessment_attempts",
            "id",
            owner,
            cursor,
            deadline,
            extra="AND status = 'graded'",
        )
        for page in pages:
            ids = [row["id"] for row in page]
            with watchdog.guard(conn, deadline=deadline):
                answers = [
                    dict(r)
                    for r in conn.execute(
                        select(answers_table).where(answers_table.c.attempt_id.in_(ids))
                    ).mappings()
                ]
            with self.cache.pull_transaction() as local:
                tally.pulled += local_apply.apply_graded_attempts(
                    local, page, answers, shift=-self._shift
                )

    def _changed_courses(
        self, conn: Connection, cursor: int
    ) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
        """Offline courses whose content changed since ``cursor``; offline courses deleted."""
        offline = self.cache.offline_course_ids()
        if not offline:
            return set(), set()
        params = {"ids": offline, "c": cursor}
        in_ids = "= ANY(:ids)"
        changed = {
            row[0]
            for row in conn.execute(
                text(
                    f"SELECT id FROM public.courses WHERE id {in_ids} AND sync_seq >= :c "
                    f"UNION SELECT course_id FROM public.modules "
                    f"WHERE course_id {in_ids} AND sync_seq >= :c "
                    "UNION SELECT m.course_id FROM public.lessons l "
                    "JOIN public.modules m ON m.id = l.module_id "
                    f"WHERE m.course_id {in_ids} AND l.sync_seq >= :c "
                    "UNION SELECT m.course_id FROM public.video_assets v "
                    "JOIN public.lessons l ON l.video_asset_id = v.id "
                    "JOIN public.modules m ON m.id = l.module_id "
                    f"WHERE m.course_id {in_ids} AND v.sync_seq >= :c"
                ),
                params,
            )
        }
        # Paths and assessments are shared by their courses: a change refreshes them all.
        with self.cache.engine.connect() as local:
            local_paths = sorted(local_apply.local_ids(local, "learning_paths"))
            local_assessments = sorted(local_apply.local_ids(local, "assessments"))
            local_rows: dict[str, set[uuid.UUID]] = {
                name: local_apply.local_ids(local, name) for name in CONTENT_TABLES
            }
        shared = conn.execute(
            text(
                "SELECT 1 FROM public.learning_paths WHERE id = ANY(:paths) AND sync_seq >= :c "
                "UNION ALL SELECT 1 FROM public.path_steps "
                "WHERE path_id = ANY(:paths) AND sync_seq >= :c "
                "UNION ALL SELECT 1 FROM public.assessments "
                "WHERE id = ANY(:assessments) AND sync_seq >= :c "
                "UNION ALL SELECT 1 FROM public.questions "
                "WHERE assessment_id = ANY(:assessments) AND sync_seq >= :c "
                "UNION ALL SELECT 1 FROM public.answer_options o "
                "JOIN public.questions q ON q.id = o.question_id "
                "WHERE q.assessment_id = ANY(:assessments) AND o.sync_seq >= :c LIMIT 1"
            ),
            {"paths": local_paths, "assessments": local_assessments, "c": cursor},
        ).first()
        if shared is not None:
            changed |= set(offline)
        gone: set[uuid.UUID] = set()
        for table_name, row_id in conn.execute(
            text("SELECT table_name, row_id FROM public.sync_tombstones WHERE sync_seq >= :c"),
            {"c": cursor},
        ):
            if row_id in local_rows.get(table_name, set()):
                if table_name == "courses":
                    gone.add(row_id)
                else:
                    changed |= set(offline)
        return changed - gone, gone & set(offline)
