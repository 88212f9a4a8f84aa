"""Account search for the support console: the ids of every match, then rows on demand.

Like Anki's browser, a search returns only ids — all of them, in order, packed as one
``bytes`` of 16-byte UUIDs (100k accounts are 1.6 MB) — and the table asks for the rows it
shows, a page at a time (:func:`account_rows`). Selecting every row never loads them.

Semantics (the same on both backends; ``tests/integration/test_support.py`` checks them
against a plain-Python oracle):

* text: a full UUID finds that account; otherwise every word must occur (case-insensitive,
  literally: no wildcards) in the email, first name or last name;
* filters: active / verified (``None`` = either), a role, and a subscription matching both
  a plan and a status (each ``None`` = any);
* order: email, name (last, first), created, active or verified, ties by id; text keys
  compare lower-cased and byte-wise, so the order does not depend on a server's locale.

On PostgreSQL the search runs in ``elearn_search_accounts`` (revision 0007; staff only),
which avoids row-level security's per-row cost and returns nothing but ids; the rows are
then read as the person, under RLS. Without the function (an older server) the same query
runs through RLS.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from elearn_desktop.data.models import Subscription, SubscriptionPlan, User, UserRole
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.plans import LIVE_STATUSES
from elearn_desktop.domain.validation import ROLE_NAMES
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

SORT_KEYS = ("email", "name", "created", "active", "verified")
ID_BYTES = 16
MAX_SEARCH_TERMS = 8
MAX_TERM_LENGTH = 100


@dataclass(frozen=True, slots=True)
class AccountQuery:
    text: str = ""
    active: bool | None = None
    verified: bool | None = None
    role: str | None = None
    plan_id: uuid.UUID | None = None
    subscription_status: str | None = None
    sort: str = "email"
    descending: bool = False

    def terms(self) -> tuple[str, ...]:
        """Lower-cased words to find (empty when the text is an id)."""
        if self.exact_id() is not None:
            return ()
        words = [w.lower()[:MAX_TERM_LENGTH] for w in self.text.split()]
        return tuple(dict.fromkeys(words))[:MAX_SEARCH_TERMS]

    def exact_id(self) -> uuid.UUID | None:
        candidate = self.text.strip()
        if len(candidate) not in (32, 36):
            return None
        try:
            return uuid.UUID(candidate)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class AccountIds:
    """Every matching account's id, in order, as 16-byte chunks of one ``bytes``."""

    packed: bytes = b""
    query: AccountQuery = field(default_factory=AccountQuery)

    def __len__(self) -> int:
        return len(self.packed) // ID_BYTES

    def id_at(self, row: int) -> uuid.UUID:
        if not 0 <= row < len(self):
            raise IndexError(row)
        start = row * ID_BYTES
        return uuid.UUID(bytes=self.packed[start : start + ID_BYTES])

    def slice(self, start: int, stop: int) -> list[uuid.UUID]:
        start, stop = max(0, start), min(len(self), stop)
        return [self.id_at(row) for row in range(start, stop)]

    def row_of(self, user_id: uuid.UUID) -> int | None:
        """The row of an id (a scan of the packed bytes, aligned to 16)."""
        needle = user_id.bytes
        at = self.packed.find(needle)
        while at != -1 and at % ID_BYTES:
            at = self.packed.find(needle, at + 1)
        return None if at == -1 else at // ID_BYTES


@dataclass(frozen=True, slots=True)
class AccountRow:
    """One row of the accounts table."""

    id: uuid.UUID
    email: str
    first_name: str | None
    last_name: str | None
    is_active: bool
    is_verified: bool
    created_at: dt.datetime | None
    roles: tuple[str, ...]
    #: The plan of the person's live subscription (or their latest one), if any.
    plan_name: str | None
    subscription_status: str | None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def display_name(self) -> str:
        return self.name or self.email


def check_query(query: AccountQuery) -> None:
    if query.sort not in SORT_KEYS:
        raise ValidationError("sort", f"unknown sort key '{query.sort}'")
    if query.role is not None and query.role not in ROLE_NAMES:
        raise ValidationError("role", f"unknown role '{query.role}'")


# ----------------------------------------------------------------------------- search


def search_accounts(
    uow_factory: UnitOfWorkFactory, query: AccountQuery, *, actor: UserSummary | None
) -> AccountIds:
    """The ids of every account matching ``query``, in its order."""
    require(actor, "accounts.read")
    check_query(query)
    with uow_factory() as uow:
        session = uow.session
        if session.get_bind().dialect.name == "postgresql" and _has_search_function(session):
            packed = _search_on_server(session, query)
        else:
            dialect = session.get_bind().dialect.name
            statement = _search_select(query, dialect=dialect)
            if dialect == "sqlite":
                # The stored hex text, unconverted: 100k UUID objects cost most of a second.
                raw = statement.with_only_columns(type_coerce(User.id, String()))
                packed = bytes.fromhex("".join(session.scalars(raw)).replace("-", ""))
            else:
                packed = b"".join(found.bytes for found in session.scalars(statement))
    return AccountIds(packed=packed, query=query)


def _has_search_function(session: Session) -> bool:
    found = session.execute(
        text(
            "SELECT to_regprocedure('public.elearn_search_accounts(text[], uuid, boolean, "
            "boolean, text, uuid, text, text, boolean)') IS NOT NULL"
        )
    ).scalar()
    return bool(found)


def _search_on_server(session: Session, query: AccountQuery) -> bytes:
    statement = text(
        "SELECT public.elearn_search_accounts(:terms, :exact_id, :active, :verified, :role, "
        ":plan_id, :status, :sort, :descending)"
    ).bindparams(
        bindparam("terms", type_=postgresql.ARRAY(postgresql.TEXT)),
        bindparam("exact_id", type_=postgresql.UUID(as_uuid=True)),
        bindparam("plan_id", type_=postgresql.UUID(as_uuid=True)),
    )
    packed = session.execute(
        statement,
        {
            "terms": list(query.terms()),
            "exact_id": query.exact_id(),
            "active": query.active,
            "verified": query.verified,
            "role": query.role,
            "plan_id": query.plan_id,
            "status": query.subscription_status,
            "sort": query.sort,
            "descending": query.descending,
        },
    ).scalar()
    return bytes(packed or b"")


def _contains(column: Any, term: str, dialect: str) -> ColumnElement[bool]:
    # instr/strpos: the term is matched literally (no LIKE wildcards to escape).
    position = func.strpos if dialect == "postgresql" else func.instr
    return position(func.lower(func.coalesce(column, "")), literal(term)) > 0


def _search_select(query: AccountQuery, *, dialect: str) -> Select[Any]:
    """The search as one SELECT of ids (SQLite, or PostgreSQL without revision 0007)."""
    conditions: list[ColumnElement[bool]] = []
    exact = query.exact_id()
    if exact is not None:
        conditions.append(User.id == exact)
    for term in query.terms():
        conditions.append(
            or_(
                _contains(User.email, term, dialect),
                _contains(User.first_name, term, dialect),
                _contains(User.last_name, term, dialect),
            )
        )
    if query.active is not None:
        conditions.append(func.coalesce(User.is_active, false()) == query.active)
    if query.verified is not None:
        conditions.append(func.coalesce(User.is_verified, false()) == query.verified)
    if query.role is not None:
        conditions.append(exists().where(UserRole.user_id == User.id, UserRole.role == query.role))
    if query.plan_id is not None or query.subscription_status is not None:
        match: list[ColumnElement[bool]] = [Subscription.user_id == User.id]
        if query.plan_id is not None:
            match.append(Subscription.plan_id == query.plan_id)
        if query.subscription_status is not None:
            match.append(Subscription.status == query.subscription_status)
        conditions.append(exists().where(and_(*match)))
    return select(User.id).where(*conditions).order_by(*_ordering(query, dialect))


def _ordering(query: AccountQuery, dialect: str) -> list[Any]:
    def lowered(column: Any) -> Any:
        value = func.lower(func.coalesce(column, ""))
        # Byte-wise on both: SQLite's default BINARY collation, PostgreSQL's "C".
        return value.collate("C") if dialect == "postgresql" else value

    keys: dict[str, list[Any]] = {
        "email": [lowered(User.email)],
        "name": [lowered(User.last_name), lowered(User.first_name)],
        "created": [User.created_at],
        "active": [func.coalesce(User.is_active, false())],
        "verified": [func.coalesce(User.is_verified, false())],
    }
    columns = [*keys[query.sort], User.id]
    if query.descending:
        return [c.desc().nulls_first() for c in columns]
    return [c.asc().nulls_last() for c in columns]


# ------------------------------------------------------------------------------- rows


def account_rows(
    uow_factory: UnitOfWorkFactory,
    ids: Sequence[uuid.UUID],
    *,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> list[AccountRow]:
    """The rows of these accounts, in the order of ``ids`` (ids that vanished are left out)."""
    require(actor, "accounts.read")
    if not ids:
        return []
    at = now or dt.datetime.now(dt.UTC)
    wanted = list(dict.fromkeys(ids))
    with uow_factory() as uow:
        session = uow.session
        users = {
            row.id: row
            for row in session.execute(
                select(
                    User.id,
                    User.email,
                    User.first_name,
                    User.last_name,
                    User.is_active,
                    User.is_verified,
                    User.created_at,
                ).where(User.id.in_(wanted))
            )
        }
        roles: dict[uuid.UUID, list[str]] = {}
        for holder, role in session.execute(
            select(UserRole.user_id, UserRole.role).where(UserRole.user_id.in_(wanted))
        ):
            roles.setdefault(holder, []).append(role)
        subscriptions: dict[uuid.UUID, list[tuple[str, str | None, dt.datetime, Any]]] = {}
        for owner, sub_status, plan_name, start, end in session.execute(
            select(
                Subscription.user_id,
                Subscription.status,
                SubscriptionPlan.name,
                Subscription.start_date,
                Subscription.end_date,
            )
            .outerjoin(SubscriptionPlan, SubscriptionPlan.id == Subscription.plan_id)
            .where(Subscription.user_id.in_(wanted))
        ):
            if owner is not None:
                subscriptions.setdefault(owner, []).append((sub_status, plan_name, start, end))
    rows: list[AccountRow] = []
    for user_id in wanted:
        user = users.get(user_id)
        if user is None:
            continue
        plan, status = _current_subscription(subscriptions.get(user_id, []), at)
        rows.append(
            AccountRow(
                id=user.id,
                email=user.email,
                first_name=user.first_name,
                last_name=user.last_name,
                is_active=bool(user.is_active),
                is_verified=bool(user.is_verified),
                created_at=user.created_at,
                roles=tuple(r for r in ROLE_NAMES if r in roles.get(user_id, [])),
                plan_name=plan,
                subscription_status=status,
            )
        )
    return rows


def _current_subscription(
    subscriptions: list[tuple[str, str | None, dt.datetime, Any]], now: dt.datetime
) -> tuple[str | None, str | None]:
    """(plan name, status) of the live subscription, else of the latest one."""
    if not subscriptions:
        return None, None
    live = [s for s in subscriptions if s[0] in LIVE_STATUSES and (s[3] is None or s[3] > now)]
    chosen = max(live or subscriptions, key=lambda s: s[2])
    return chosen[1], chosen[0]
