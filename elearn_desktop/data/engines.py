"""Engine factories: the server database (PostgreSQL or embedded SQLite) and the local cache.

SQLite engines get WAL, foreign keys and a busy timeout on every connection. The local
cache is SQLCipher-encrypted when a key is given (``sqlcipher3``); the key is raw bytes
derived elsewhere (argon2id), never a password string.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from elearn_desktop.config import parse_database_url

SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Idle connections a local cache keeps open (its units of work run on a few threads).
CACHE_POOL_SIZE = 3


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, *, key: bytes | None = None) -> None:
    cur = dbapi_conn.cursor()
    try:
        if key is not None:
            # Must be the first statement on a SQLCipher connection.
            cur.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
    finally:
        cur.close()


def _install_sqlite_hooks(engine: Engine, *, key: bytes | None = None) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        # pysqlite's own transaction handling defers BEGIN oddly; let SQLAlchemy emit it.
        dbapi_conn.isolation_level = None
        _sqlite_pragmas(dbapi_conn, record, key=key)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def create_server_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for the shared server database (or the embedded SQLite 'server')."""
    parsed = parse_database_url(url if isinstance(url, str) else url.render_as_string(False))
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database is not None
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # Units of work run on worker threads; a pooled connection may move between them.
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("check_same_thread", False)
        engine = create_engine(parsed, connect_args=connect_args, **kwargs)
        _install_sqlite_hooks(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("connect_timeout", 10)
    connect_args.setdefault("application_name", "elearn-desktop")
    return create_engine(parsed, connect_args=connect_args, **kwargs)


def create_cache_engine(path: Path, *, key: bytes | None) -> Engine:
    """An engine for a learner's local cache file, encrypted with ``key`` when given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    url = make_url(f"sqlite:///{path}")
    # Pooled (SQLAlchemy's default for a SQLite file: a QueuePool, connections usable from
    # any worker thread): opening a connection costs the key and pragmas, and closing the
    # last one checkpoints the WAL; without a pool every unit of work paid both, ~1-3 ms
    # each, more as the file grows. ``LocalCache.close`` disposes of the pool.
    pool = {"pool_size": CACHE_POOL_SIZE, "max_overflow": 2 * CACHE_POOL_SIZE}
    if key is None:
        engine = create_engine(url, **pool)
    else:
        if len(key) < 16:
            raise ValueError("cache key too short: derive at least 128 bits")
        import sqlcipher3

        engine = create_engine(url, module=sqlcipher3.dbapi2, **pool)
    _install_sqlite_hooks(engine, key=key)
    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
