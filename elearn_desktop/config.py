"""Where things live and which database to use.

Resolution order for the server database URL: an explicit argument, then the
``ELEARN_DATABASE_URL`` environment variable, then the embedded SQLite file in the data
folder (``ELEARN_DATA_DIR`` or the platform's user data dir).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# SQLAlchemy is imported where a URL is parsed and platformdirs where a folder is looked
# up, not here: the app's window shell imports this module and must open before the
# database layer is loaded (issue #8, workload 1). For the same reason nothing here is a
# dataclass (importing ``dataclasses`` and creating one cost ~2.5 ms before the paint).

APP_NAME = "elearn-desktop"
APP_AUTHOR = "elearn"
ENV_DATABASE_URL = "ELEARN_DATABASE_URL"
ENV_DATA_DIR = "ELEARN_DATA_DIR"
EMBEDDED_DB_FILENAME = "embedded.sqlite3"


def bundle_root() -> Path | None:
    """The data folder of a PyInstaller bundle (``sys._MEIPASS``), or None from source.

    build.spec copies alembic/, alembic.ini and resources/ there, beside the frozen
    package: a frozen app must find them in the bundle, never in a source tree that may
    or may not sit next to it.
    """
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and isinstance(meipass, str):
        return Path(meipass).resolve()
    return None


PACKAGE_DIR = Path(__file__).resolve().parent
#: Where alembic/, alembic.ini and resources/ are: the repository root (or an installed
#: package's parent) from source, the bundle's data folder when frozen.
PROJECT_ROOT = bundle_root() or PACKAGE_DIR.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
ALEMBIC_DIR = PROJECT_ROOT / "alembic"
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"


class ConfigError(ValueError):
    """A setting is unusable; the message says which and why, in plain words."""


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser() / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def embedded_database_path() -> Path:
    return data_dir() / EMBEDDED_DB_FILENAME


def embedded_database_url() -> str:
    return f"sqlite:///{embedded_database_path()}"


def parse_database_url(raw: str) -> URL:
    """Parse a SQLAlchemy URL, accepting only the backends we support."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ConfigError(
            f"'{_redact(raw)}' is not a database URL; expected e.g. "
            "postgresql+psycopg://user@host/dbname or sqlite:///path/to/file.sqlite3"
        ) from None
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        elif url.drivername != "postgresql+psycopg":
            raise ConfigError(
                f"database driver '{url.drivername}' is not supported; use postgresql+psycopg"
            )
        if not url.database:
            raise ConfigError("the PostgreSQL URL names no database (…/dbname at the end)")
        return url
    if backend == "sqlite":
        if url.drivername != "sqlite":
            raise ConfigError(f"database driver '{url.drivername}' is not supported; use sqlite")
        if not url.database or url.database == ":memory:":
            raise ConfigError("the SQLite URL must name a file, e.g. sqlite:///path/to/file")
        return url
    raise ConfigError(f"database type '{backend}' is not supported; use PostgreSQL or SQLite")


def _redact(raw: str) -> str:
    # Never echo a password back, even in an error, even when the URL is mistyped
    # ('postgresql//user:pw@host/db', 'postgresql:/user:pw@host/db').
    if "@" not in raw:
        return raw
    credentials, host = raw.rsplit("@", 1)
    prefix = ""
    for separator in ("://", ":/", "//"):
        if separator in credentials:
            scheme, credentials = credentials.split(separator, 1)
            prefix = scheme + separator
            break
    if ":" not in credentials:
        return raw
    user = credentials.split(":", 1)[0]
    return f"{prefix}{user}:***@{host}"


class DatabaseTarget(NamedTuple):
    """The server database the app or a command will use."""

    url: URL
    embedded: bool

    @property
    def display(self) -> str:
        if self.embedded or self.url.get_backend_name() == "sqlite":
            return f"embedded ({self.url.database})"
        return self.url.render_as_string(hide_password=True)


def resolve_database(explicit: str | None = None) -> DatabaseTarget:
    from sqlalchemy.engine import make_url

    raw = explicit or os.environ.get(ENV_DATABASE_URL)
    if raw:
        return DatabaseTarget(url=parse_database_url(raw), embedded=False)
    return DatabaseTarget(url=make_url(embedded_database_url()), embedded=True)
