"""What the assessment and learning-path authoring services share: saving an authored row
(an assessment, a learning path) with its child rows, safely among several editors.

* **Who may write**: instructors what they author, admins (and the operator, ``None``)
  anything — :func:`can_edit`, :func:`require_owner`. On PostgreSQL row-level security
  enforces the same; here it is said in words first.
* **Optimistic concurrency**: every change names the ``updated_at`` it started from. The
  row is locked first (``SELECT … FOR UPDATE`` on PostgreSQL, the write lock on SQLite), so
  two saves from the same version cannot both win: the second gets
  :class:`EditConflictError` carrying both versions, and nothing of it is written
  (:meth:`AuthoredKind.locked`). A save stamps a new ``updated_at`` from the server's
  clock, strictly later than the previous one (:meth:`AuthoredKind.finish`).
* **Child rows keep their ids** across saves (learners' attempts refer to questions and
  options): :func:`matched_rows` reuses the row a draft names, once, and makes a new one
  for a draft without an id or with an id that is not (or no longer) among the children —
  a row an editor's undo brings back after a save deleted it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.orm import Session

from elearn_desktop.data.models import User
from elearn_desktop.data.types import utcnow
from elearn_desktop.data.uow import UnitOfWork
from elearn_desktop.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from elearn_desktop.services.dto import UserSummary

_M = TypeVar("_M")
_R = TypeVar("_R", bound="_Identified")


class _Identified(Protocol):
    id: Any


class _Version(Protocol):
    """A loaded version of an authored row, as a conflict shows it."""

    @property
    def title(self) -> str: ...

    @property
    def updated_at(self) -> dt.datetime | None: ...


_D = TypeVar("_D", bound=_Version)


class EditConflictError(ConflictError):
    """Someone saved a newer version (or deleted it) since this edit began.

    ``mine`` is what this edit wanted to save; ``theirs`` the version now in the database
    (None when it was deleted). Nothing of ``mine`` was written.
    """

    def __init__(self, message: str, *, mine: object, theirs: object | None) -> None:
        super().__init__(message)
        self.mine = mine
        self.theirs = theirs


class InvalidDraftError(ValidationError):
    """The draft breaks the rules; ``problems`` lists every reason in words."""

    def __init__(self, problems: Sequence[str]) -> None:
        first = problems[0] if problems else "the draft is not valid"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__("draft", f"{first}{more}")
        self.problems = tuple(problems)


def refuse_problems(messages: Sequence[str]) -> None:
    """Raise :class:`InvalidDraftError` when there is any problem."""
    if messages:
        raise InvalidDraftError(messages)


# ----------------------------------------------------------------------------- who


def can_edit(actor: UserSummary | None, author_id: uuid.UUID | None) -> bool:
    """Instructors change what they author; admins (and the operator, None) anything."""
    if actor is None or actor.has_role("admin"):
        return True
    return actor.has_role("instructor") and author_id is not None and author_id == actor.id


def require_owner(actor: UserSummary | None, author_id: uuid.UUID | None, what: str) -> None:
    if not can_edit(actor, author_id):
        raise PermissionDeniedError(
            f"You may change only {what}s you author; this one is not yours."
        )


def author_names(session: Session, ids: Sequence[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Display names of authors this person may read (on PostgreSQL, maybe none)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(User.id, User.first_name, User.last_name, User.email).where(User.id.in_(wanted))
    ).all()
    return {r[0]: " ".join(p for p in (r[1], r[2]) if p) or r[3] for r in rows}


# -------------------------------------------------------------------------- versions


def lock_row(session: Session, model: type[_M], row_id: uuid.UUID) -> _M | None:
    """Load a row for changing it, after taking the lock that serialises its writers."""
    table: Any = model.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "sqlite":
        # A write first takes SQLite's write lock: every read after it sees the newest
        # committed version. Setting updated_at to itself keeps its onupdate default away.
        session.execute(
            update(table).where(table.c.id == row_id).values(updated_at=table.c.updated_at)
        )
        stmt = select(model).where(table.c.id == row_id)
    else:
        stmt = select(model).where(table.c.id == row_id).with_for_update(of=table)
    return session.scalar(stmt.execution_options(populate_existing=True))


def refuse_if_present(
    session: Session, model: type[Any], row_id: uuid.UUID, actor: UserSummary | None, what: str
) -> None:
    """After :func:`lock_row` found nothing: was the row deleted, or refused to us?

    On PostgreSQL row-level security hides a row from ``FOR UPDATE`` when the person may
    not change it, while a plain read still sees it: that is a refusal, not a deletion.
    """
    found = session.execute(select(model.author_id).where(model.id == row_id)).first()
    if found is not None:
        require_owner(actor, found[0], what)
        raise PermissionDeniedError(f"The server does not let you change this {what}.")


def next_stamp(session: Session, previous: dt.datetime | None) -> dt.datetime:
    """A new ``updated_at``: the server's clock, strictly after ``previous``."""
    if session.get_bind().dialect.name == "postgresql":
        now: dt.datetime = session.scalar(select(func.clock_timestamp())) or utcnow()
    else:
        now = utcnow()
    now = now.astimezone(dt.UTC)
    if previous is not None and now <= previous:
        now = previous + dt.timedelta(microseconds=1)
    return now


def same_version(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.astimezone(dt.UTC) == b.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class AuthoredKind(Generic[_M, _D]):
    """How to lock, load and show one kind of authored row (``_M``, shown as ``_D``)."""

    model: type[_M]
    #: "assessment", "learning path": in "You may change only …s you author".
    noun: str
    #: What a conflict says when the row is gone.
    deleted: str
    load: Callable[[Session, uuid.UUID], _M | None]
    detail: Callable[[Session, _M, UserSummary | None], _D]

    def conflict(
        self, session: Session, row_id: uuid.UUID, mine: object, actor: UserSummary | None
    ) -> EditConflictError:
        current = self.load(session, row_id)
        if current is None:
            return EditConflictError(self.deleted, mine=mine, theirs=None)
        theirs = self.detail(session, current, actor)
        # Say when, not who: the author is not necessarily the one who saved.
        when = f" at {theirs.updated_at.astimezone():%H:%M:%S}" if theirs.updated_at else ""
        return EditConflictError(
            f"Someone else saved a newer version of '{theirs.title}'{when}; "
            "your changes were not saved.",
            mine=mine,
            theirs=theirs,
        )

    def locked(
        self,
        uow: UnitOfWork,
        row_id: uuid.UUID,
        *,
        expected_updated_at: dt.datetime | None,
        mine: object,
        actor: UserSummary | None,
    ) -> _M:
        """The row with its children, locked, if ``actor`` may change it and nobody saved
        it since ``expected_updated_at`` (else a refusal or :class:`EditConflictError`)."""
        session = uow.session
        locked: Any = lock_row(session, self.model, row_id)
        if locked is None:
            refuse_if_present(session, self.model, row_id, actor, self.noun)
            raise self.conflict(session, row_id, mine, actor)
        require_owner(actor, locked.author_id, self.noun)
        if not same_version(locked.updated_at, expected_updated_at):
            raise self.conflict(session, row_id, mine, actor)
        row = self.load(session, row_id)
        assert row is not None
        return row

    def finish(
        self, uow: UnitOfWork, row: _M, previous: dt.datetime | None, actor: UserSummary | None
    ) -> _D:
        """Stamp the row's new version, commit, and show it as saved."""
        stamped: Any = row
        stamped.updated_at = next_stamp(uow.session, previous)
        uow.flush()
        uow.commit()
        saved = self.load(uow.session, stamped.id)
        assert saved is not None
        return self.detail(uow.session, saved, actor)


# ------------------------------------------------------------------------- child rows


def matched_rows(
    existing: Iterable[_R], ids: Iterable[uuid.UUID | None], model: Callable[..., _R]
) -> Iterator[_R]:
    """For each wanted id, the existing row with it (the first time it is named) or a
    new ``model`` row with a new id (no id, an unknown id, or one named again)."""
    rows = {row.id: row for row in existing}
    used: set[uuid.UUID] = set()
    for wanted in ids:
        row = None
        if wanted is not None and wanted not in used:
            row = rows.get(wanted)
            if row is not None:
                used.add(wanted)
        yield model(id=uuid.uuid4()) if row is None else row


def set_changed(obj: object, **values: object) -> None:
    """Assign only what changed: unchanged rows cause no UPDATE (and no audit entry)."""
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)


# ------------------------------------------------------------------------------ text


def clean(text: str | None) -> str | None:
    """Trimmed text, or None when there is none."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def escape_like(text: str) -> str:
    return text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def title_contains(title: Any, search: str) -> ColumnElement[bool]:
    """Case-insensitively, ``search`` (literally: no wildcards) occurs in ``title``."""
    return func.lower(title).like(f"%{escape_like(search.strip())}%", escape="\\")


def by_title_with_counts(
    model: type[_M], parent_key: Any, *, search: str, limit: int
) -> Select[_M, int]:
    """Rows of ``model`` by title (with ``search``: those whose title contains it), each
    with how many child rows name it in ``parent_key`` (e.g. ``Question.assessment_id``)."""
    table: Any = model
    counts = select(parent_key, func.count().label("n")).group_by(parent_key).subquery()
    stmt = (
        select(model, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c[parent_key.key] == table.id)
        .order_by(func.lower(table.title), table.id)
        .limit(limit)
    )
    if search.strip():
        stmt = stmt.where(title_contains(table.title, search))
    return stmt
