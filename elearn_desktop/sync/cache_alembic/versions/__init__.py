"""Revisions of the local cache schema."""
