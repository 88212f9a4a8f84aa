"""Alembic environment: one script set for PostgreSQL and the embedded SQLite database.

The URL comes from, in order: a connection handed in by the app (``config.attributes``),
``-x url=...``, ``ELEARN_DATABASE_URL``, the embedded default. SQLite runs in batch mode.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from elearn_desktop.config import resolve_database
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.migrations import include_name
from elearn_desktop.data.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        transaction_per_migration=True,
    )


def run_migrations_offline() -> None:
    url = context.get_x_argument(as_dictionary=True).get("url")
    target = resolve_database(url)
    context.configure(
        url=target.url.render_as_string(hide_password=False),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=target.url.get_backend_name() == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    engine = create_server_engine(resolve_database(url).url)
    try:
        with engine.connect() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
