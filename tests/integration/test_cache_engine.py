"""The local cache engine (SQLCipher when keyed) and the SQLite server engine's settings."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from elearn_desktop.data.engines import create_cache_engine, create_server_engine
from elearn_desktop.data.models import Base, Course

MARKER = "Zebra-Plaintext-Marker-4711"
SQLITE_HEADER = b"SQLite format 3\x00"


def _write_marker(engine: Engine) -> uuid.UUID:
    Base.metadata.create_all(engine)
    course_id = uuid.uuid4()
    with Session(engine) as session:
        session.add(Course(id=course_id, title=MARKER, slug="marker", description=MARKER * 3))
        session.commit()
    return course_id


def _read_title(engine: Engine, course_id: uuid.UUID) -> str | None:
    with Session(engine) as session:
        course = session.get(Course, course_id)
        return None if course is None else course.title


def _all_bytes(path: Path) -> bytes:
    """The database file and any -wal/-shm/-journal files next to it."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def _pragma(engine: Engine, name: str) -> object:
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_keyed_cache_is_encrypted_at_rest(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "learner.cache"
    key = os.urandom(32)
    engine = create_cache_engine(path, key=key)
    try:
        course_id = _write_marker(engine)
        assert _pragma(engine, "journal_mode") == "wal"
        assert _pragma(engine, "foreign_keys") == 1
        # While connections are open the WAL may hold the data: it must be ciphertext too.
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
            assert MARKER.encode() not in _all_bytes(path)
    finally:
        engine.dispose()

    raw = path.read_bytes()
    assert len(raw) > 0
    assert not raw.startswith(SQLITE_HEADER)
    assert MARKER.encode() not in _all_bytes(path)
    assert MARKER.encode("utf-16-le") not in _all_bytes(path)

    # A plain SQLite library cannot read it.
    plain = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain.close()

    # The right key reads it back.
    reopened = create_cache_engine(path, key=key)
    try:
        assert _read_title(reopened, course_id) == MARKER
    finally:
        reopened.dispose()


def test_wrong_key_fails_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "learner.cache"
    engine = create_cache_engine(path, key=os.urandom(32))
    try:
        _write_marker(engine)
    finally:
        engine.dispose()
    size = path.stat().st_size

    wrong = create_cache_engine(path, key=os.urandom(32))
    try:
        with pytest.raises(DatabaseError, match="not a database"), wrong.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM courses").scalar()
    finally:
        wrong.dispose()
    assert path.stat().st_size == size  # and the wrong key did not damage the file


def test_unkeyed_cache_is_a_plain_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.cache"
    engine = create_cache_engine(path, key=None)
    try:
        course_id = _write_marker(engine)
        assert _read_title(engine, course_id) == MARKER
    finally:
        engine.dispose()
    assert path.read_bytes().startswith(SQLITE_HEADER)
    plain = sqlite3.connect(path)
    try:
        (title,) = plain.execute("SELECT title FROM courses").fetchone()
    finally:
        plain.close()
    assert title == MARKER


def test_short_keys_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="too short"):
        create_cache_engine(tmp_path / "x.cache", key=b"0123456789")
    assert not (tmp_path / "x.cache").exists()


def test_server_sqlite_engine_settings(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dirs" / "server.sqlite3"
    engine = create_server_engine(f"sqlite:///{path}")
    try:
        assert _pragma(engine, "journal_mode") == "wal"
        assert _pragma(engine, "foreign_keys") == 1
        assert _pragma(engine, "busy_timeout") == 10_000
        assert path.is_file()  # the folder was created
        # Foreign keys are enforced, not just declared.
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
            conn.exec_driver_sql(
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER"
                " REFERENCES parent(id))"
            )
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO child (id, parent_id) VALUES (1, 42)")
    finally:
        engine.dispose()


def test_server_sqlite_transactions_are_real(tmp_path: Path) -> None:
    """BEGIN is emitted by SQLAlchemy: a rolled-back write leaves nothing behind."""
    engine = create_server_engine(f"sqlite:///{tmp_path / 'tx.sqlite3'}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (v INTEGER)")
        with engine.connect() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
            conn.exec_driver_sql("CREATE TABLE u (v INTEGER)")
            conn.rollback()
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar() == 0
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert tables == {"t"}
    finally:
        engine.dispose()
