"""Alembic environment and revisions of the local cache."""
