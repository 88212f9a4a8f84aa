"""Turn driver-level database errors into errors people can read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from elearn_desktop.domain.errors import DatabaseUnavailableError


def describe_target(engine: Engine) -> str:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return f"the database file {url.database}"
    return f"the database server at {url.host or 'localhost'}:{url.port or 5432} ({url.database})"


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


@contextmanager
def database_errors(engine: Engine) -> Iterator[None]:
    """Re-raise connection failures as DatabaseUnavailableError with a one-line reason."""
    try:
        yield
    except OperationalError as exc:
        raise DatabaseUnavailableError(
            f"cannot use {describe_target(engine)}: {_first_line(exc)}"
        ) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise DatabaseUnavailableError(
                f"lost the connection to {describe_target(engine)}: {_first_line(exc)}"
            ) from exc
        raise


def check_connection(engine: Engine) -> None:
    """Online means a real ``SELECT 1`` succeeded (DESIGN §6)."""
    with database_errors(engine), engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
