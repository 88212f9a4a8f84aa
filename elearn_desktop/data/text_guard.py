"""No NUL character reaches the database, on either backend.

PostgreSQL's ``text`` and ``jsonb`` cannot hold U+0000 (a raw ``DataError`` at commit);
SQLite can, and the offline cache would then hold a row its next sync cannot push. Nobody
types one, but pasted, imported or generated text can carry it. Every ORM flush checks
the string values it is about to write — all of a new row, the changed ones of an
updated row, strings inside JSON values too — and refuses the whole flush with a
``ValidationError`` naming the field, so nothing is half-written and the person reads
what to fix. Cost: a look at the attributes a flush writes (microseconds).

Core statements (bulk imports, sync apply) validate their own input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from elearn_desktop.domain.errors import ValidationError

NUL = "\x00"


def holds_nul(value: Any) -> bool:
    """Whether ``value`` (a string, or JSON made of dicts, lists and strings) holds U+0000."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(holds_nul(k) or holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(holds_nul(v) for v in value)
    return False


def refuse(field: str) -> ValidationError:
    name = field.replace("_", " ")
    return ValidationError(
        field,
        f"the {name} contains a NUL character (a zero byte), which cannot be saved; remove it",
    )


def _written(obj: object, *, new: bool) -> Iterable[tuple[str, Any]]:
    state = inspect(obj)
    keys = state.mapper.column_attrs.keys() if new else state.committed_state.keys()
    values = state.dict
    for key in keys:
        if key in values:
            yield key, values[key]


def _check_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    for objects, new in ((session.new, True), (session.dirty, False)):
        for obj in objects:
            for key, value in _written(obj, new=new):
                if holds_nul(value):
                    raise refuse(key)


def install() -> None:
    """Check every Session's flushes (idempotent)."""
    if not event.contains(Session, "before_flush", _check_flush):
        event.listen(Session, "before_flush", _check_flush)


install()
