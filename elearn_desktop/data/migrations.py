"""Run and inspect Alembic migrations from code (the CLI and the app use these)."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from elearn_desktop.config import ALEMBIC_DIR, ALEMBIC_INI
from elearn_desktop.domain.errors import SchemaMismatchError

# Alembic keeps the running migration context in module globals: two migrations at once
# (even on different databases) would trample each other, so they take turns.
_ALEMBIC_LOCK = threading.RLock()


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Objects the migrations manage that the models cannot describe, left out of
    autogenerate comparisons: SQLite's FTS5 table (and its shadow tables), PostgreSQL's
    GIN indexes for search and its stored search vectors (0009)."""
    if type_ == "table" and name is not None and name.startswith("catalog_fts"):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    return not (type_ == "index" and name is not None and name.endswith("_search"))


def alembic_config() -> Config:
    cfg = Config(str(ALEMBIC_INI)) if ALEMBIC_INI.exists() else Config()
    cfg.set_main_option("script_location", str(ALEMBIC_DIR))
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest revision of the installed migrations (read once: ~10 ms a time, and
    every sync's handshake asks)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def empty(self) -> bool:
        return self.current is None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_status(engine: Engine) -> SchemaStatus:
    """The database's revision against ours; refuses a database newer than this code."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise SchemaMismatchError(
            f"the database is at schema revision '{current}', which this version of "
            f"elearn-desktop does not know (newest known: '{head_revision()}'); "
            "update elearn-desktop"
        )
    return SchemaStatus(current=current, head=head_revision())


def upgrade(engine: Engine, target: str = "head") -> SchemaStatus:
    schema_status(engine)  # refuse unknown (newer) revisions before touching anything
    cfg = alembic_config()
    with _ALEMBIC_LOCK, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return schema_status(engine)


def downgrade(engine: Engine, target: str) -> SchemaStatus:
    cfg = alembic_config()
    with _ALEMBIC_LOCK, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)
    return schema_status(engine)


def stamp(engine: Engine, target: str) -> None:
    cfg = alembic_config()
    with _ALEMBIC_LOCK, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.stamp(cfg, target)
