"""Which database to use: URL parsing, resolution order, and never leaking a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from elearn_desktop.config import (
    ENV_DATA_DIR,
    ENV_DATABASE_URL,
    ConfigError,
    parse_database_url,
    resolve_database,
)

SECRET = "hunter2-Secret"


@pytest.mark.parametrize(
    "raw",
    [
        f"postgresql://alice:{SECRET}@db.example.com:5432/elearn",
        f"postgres://alice:{SECRET}@db.example.com:5432/elearn",
        f"postgresql+psycopg://alice:{SECRET}@db.example.com:5432/elearn",
    ],
)
def test_postgresql_urls_use_psycopg3(raw: str) -> None:
    url = parse_database_url(raw)
    assert url.drivername == "postgresql+psycopg"
    assert url.host == "db.example.com"
    assert url.port == 5432
    assert url.database == "elearn"
    assert url.username == "alice"
    assert url.password == SECRET


def test_sqlite_file_url(tmp_path: Path) -> None:
    url = parse_database_url(f"sqlite:///{tmp_path / 'server.sqlite3'}")
    assert url.get_backend_name() == "sqlite"
    assert url.database == str(tmp_path / "server.sqlite3")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"mysql://root:{SECRET}@localhost/elearn", "database type 'mysql' is not supported"),
        (f"mysql+pymysql://root:{SECRET}@localhost/elearn", "'mysql' is not supported"),
        (f"postgresql+psycopg2://u:{SECRET}@h/db", "driver 'postgresql+psycopg2'"),
        (f"postgresql+asyncpg://u:{SECRET}@h/db", "driver 'postgresql+asyncpg'"),
        (f"postgresql://u:{SECRET}@h", "names no database"),
        (f"postgresql://u:{SECRET}@h/", "names no database"),
        ("sqlite://", "must name a file"),
        ("sqlite:///:memory:", "must name a file"),
        ("not a url at all", "is not a database URL"),
        ("", "is not a database URL"),
        # Typos around the scheme: the URL cannot be parsed, the password must still
        # not be echoed back.
        (f"postgresql//alice:{SECRET}@db.example.com/elearn", "is not a database URL"),
        (f"postgresql:/alice:{SECRET}@db.example.com/elearn", "is not a database URL"),
        (f"postgresql+psycopg:alice:{SECRET}@db.example.com/elearn", "is not a database URL"),
        # A port that is not a number.
        (f"postgresql://alice:{SECRET}@db.example.com:54x2/elearn", "is not a database URL"),
    ],
)
def test_unusable_urls_are_refused_without_the_password(raw: str, expected: str) -> None:
    with pytest.raises(ConfigError) as excinfo:
        parse_database_url(raw)
    message = str(excinfo.value)
    assert expected in message
    assert SECRET not in message
    assert "\n" not in message


def test_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)

    embedded = resolve_database()
    assert embedded.embedded
    assert embedded.url.database == str(tmp_path / "data" / "embedded.sqlite3")
    assert embedded.display.startswith("embedded (")

    monkeypatch.setenv(ENV_DATABASE_URL, f"postgresql://env:{SECRET}@envhost/envdb")
    from_env = resolve_database()
    assert not from_env.embedded
    assert from_env.url.host == "envhost"
    assert from_env.url.drivername == "postgresql+psycopg"
    assert SECRET not in from_env.display
    assert "envhost" in from_env.display

    explicit = resolve_database(f"sqlite:///{tmp_path / 'explicit.sqlite3'}")
    assert not explicit.embedded
    assert explicit.url.database == str(tmp_path / "explicit.sqlite3")


def test_bad_url_in_the_environment_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATABASE_URL, f"oracle://scott:{SECRET}@h/db")
    with pytest.raises(ConfigError) as excinfo:
        resolve_database()
    assert SECRET not in str(excinfo.value)
