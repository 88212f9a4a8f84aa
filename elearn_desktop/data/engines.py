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
from sqlalchemy.pool import QueuePool

from elearn_desktop.config import parse_database_url

SQLITE_BUSY_TIMEOUT_MS = 10_000
_CACHE_POOL_SIZE = 4
_CACHE_POOL_OVERFLOW = 8


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
    """An engine for a learner's local cache file, encrypted with ``key`` when given.

    Its connections are pooled: opening one (key, PRAGMAs, a cold page cache) and closing
    the last one (a WAL checkpoint) cost milliseconds, more than a whole progress tick.
    A unit of work holds one connection at a time, on whichever thread it runs.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    url = make_url(f"sqlite:///{path}")
    kwargs: dict[str, Any] = {}
    if key is not None:
        if len(key) < 16:
            raise ValueError("cache key too short: derive at least 128 bits")
        import sqlcipher3

        kwargs["module"] = sqlcipher3.dbapi2
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=_CACHE_POOL_SIZE,
        max_overflow=_CACHE_POOL_OVERFLOW,
        connect_args={"check_same_thread": False},
        **kwargs,
    )
    _install_sqlite_hooks(engine, key=key)
    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
