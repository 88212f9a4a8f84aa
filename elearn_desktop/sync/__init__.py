"""Offline cache, outbox and sync (Qt-free)."""
