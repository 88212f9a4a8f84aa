"""The server database as the rest of the app sees it: engine + unit-of-work factory.

``open_backend`` connects lazily (creating an engine does no I/O); ``prepare`` checks the
schema revision, migrates the embedded database, and loads the demo into a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.errors import database_errors
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import SchemaMismatchError


@dataclass(frozen=True, slots=True)
class Backend:
    target: DatabaseTarget
    engine: Engine
    uow: UnitOfWorkFactory

    def dispose(self) -> None:
        self.engine.dispose()


def open_backend(target: DatabaseTarget) -> Backend:
    engine = create_server_engine(target.url)
    return Backend(target=target, engine=engine, uow=uow_factory_for(engine))


@dataclass(frozen=True, slots=True)
class PrepareResult:
    revision: str
    migrated: bool
    demo_loaded: bool


def prepare(backend: Backend, *, load_demo_if_new: bool) -> PrepareResult:
    """Make the database usable by this version of the app.

    The embedded database is ours: migrate it to head and, when it was new, load the demo.
    A shared server is never migrated implicitly (that is `elearn db upgrade`, an admin's
    decision); an out-of-date or newer schema is refused with a plain message.
    """
    from elearn_desktop.services.demo import load_demo

    with database_errors(backend.engine):
        status = migrations.schema_status(backend.engine)
        if backend.target.embedded:
            was_empty = status.empty
            migrated = not status.up_to_date
            if migrated:
                status = migrations.upgrade(backend.engine)
            demo = False
            if was_empty and load_demo_if_new:
                load_demo(backend.uow)
                demo = True
            return PrepareResult(revision=status.head, migrated=migrated, demo_loaded=demo)
        if status.empty:
            raise SchemaMismatchError(
                f"the database {backend.target.display} has no elearn schema yet; "
                "an administrator runs `elearn db upgrade` first"
            )
        if not status.up_to_date:
            raise SchemaMismatchError(
                f"the database schema is at revision {status.current}, this app needs "
                f"{status.head}; an administrator runs `elearn db upgrade`"
            )
        return PrepareResult(revision=status.head, migrated=False, demo_loaded=False)


def server_version(backend: Backend) -> str:
    """The database server's name and version, for Help → About."""
    with database_errors(backend.engine), backend.engine.connect() as conn:
        if backend.engine.dialect.name == "sqlite":
            return f"SQLite {conn.exec_driver_sql('SELECT sqlite_version()').scalar()}"
        raw = str(conn.exec_driver_sql("SHOW server_version").scalar())
        return f"PostgreSQL {raw.split()[0]}"
