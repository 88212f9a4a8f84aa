"""Errors the core raises for people to read; messages are plain words, never tracebacks."""

from __future__ import annotations


class ElearnError(Exception):
    """Base of every error whose message is meant for the person using the app."""


class ValidationError(ElearnError):
    """Bad input; ``field`` says which, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(ElearnError):
    pass


class ConflictError(ElearnError):
    """The change collides with existing data (duplicate email, newer edit, ...)."""


class PermissionDeniedError(ElearnError):
    pass


class DatabaseUnavailableError(ElearnError):
    """The server cannot be reached; the message says where and what went wrong."""


class SchemaMismatchError(ElearnError):
    """The database's schema revision is one this version of the app cannot work with."""
