"""Alembic environment of the local cache (see ``elearn_desktop.sync.cache``).

The cache is always migrated from code, on a connection handed in through
``config.attributes["connection"]``; its revisions live in ``versions/`` and are recorded
in the table ``cache_version`` (not ``alembic_version``: the cache is no server database).
"""

from __future__ import annotations

from alembic import context

from elearn_desktop.sync.cache_models import cache_metadata

VERSION_TABLE = "cache_version"

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=cache_metadata,
    version_table=VERSION_TABLE,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
