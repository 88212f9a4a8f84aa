"""Support console actions on an account, each returning :class:`Changes`.

Activate/deactivate, mark verified, cancel or extend a subscription; admins only: change
plan (a new subscription is an insert), grant/revoke roles, set a temporary password.
Reading an account is :mod:`elearn_desktop.services.account_detail`; searching is
:mod:`elearn_desktop.services.account_search`.

Enforcement: on PostgreSQL the person's own login does the work, so row-level security,
column privileges and triggers decide (and the audit triggers record, with the real
``session_user`` as actor); a refusal comes back as :class:`PermissionDeniedError` in
words. The role checks here (``services/permissions``) answer earlier — and in the
embedded database, which has no database-level security, they are the enforcement and this
module writes the audit rows itself.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from elearn_desktop.data import pg_security
from elearn_desktop.data.models import (
    AuditLog,
    Subscription,
    SubscriptionPlan,
    User,
    UserLogin,
    UserRole,
)
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain import plans as rules
from elearn_desktop.domain.errors import (
    ConflictError,
    DatabaseUnavailableError,
    ElearnError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from elearn_desktop.domain.passwords import hash_password
from elearn_desktop.domain.validation import ROLE_NAMES, check_password
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import allowed, require

#: Actions the console offers, by permission name (``services/permissions``).
CONSOLE_ACTIONS = (
    "accounts.set_status",
    "subscriptions.manage",
    "subscriptions.change_plan",
    "roles.manage",
    "accounts.set_password",
    "accounts.export",
    "accounts.view_as_learner",
    "plans.manage",
)
AUDIT_LIMIT = 1000
_INSUFFICIENT_PRIVILEGE = "42501"
_SERVER_SAYS = {"P0002", "55000", "22023", "23514"}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def allowed_actions(actor: UserSummary | None) -> frozenset[str]:
    """What the console may offer this person (the database decides again on PostgreSQL)."""
    return frozenset(action for action in CONSOLE_ACTIONS if allowed(actor, action))


@dataclass(frozen=True, slots=True)
class Changes:
    """What an action changed, for the UI to refresh only that, and a sentence about it."""

    user_id: uuid.UUID | None
    message: str
    account: bool = False
    roles: bool = False
    subscriptions: bool = False
    plans: bool = False


# ----------------------------------------------------------------------------- errors


@contextmanager
def server_refusals(words: str) -> Iterator[None]:
    """Turn the server's refusals into :class:`PermissionDeniedError` / plain errors.

    ``words`` completes "The server refused: your account may not …".
    """
    try:
        yield
    except StaleDataError:
        # Row-level security hid the row from the UPDATE/DELETE: nothing was changed.
        raise PermissionDeniedError(
            f"The server refused: your account may not {words} (nothing was changed)."
        ) from None
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        diag = getattr(exc.orig, "diag", None)
        detail = getattr(diag, "message_primary", None) or str(exc.orig).splitlines()[0]
        if code == _INSUFFICIENT_PRIVILEGE:
            raise PermissionDeniedError(
                f"The server refused: your account may not {words} ({detail})."
            ) from None
        if code in _SERVER_SAYS:
            raise ConflictError(f"The server refused: {detail}.") from None
        if isinstance(exc, OperationalError) or exc.connection_invalidated:
            raise DatabaseUnavailableError(
                f"The database could not be used, so nothing was changed: {detail}"
            ) from None
        raise


def _is_postgresql(uow: UnitOfWork) -> bool:
    return uow.session.get_bind().dialect.name == "postgresql"


# ----------------------------------------------------------------- embedded audit trail


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def row_json(obj: Any) -> dict[str, Any]:
    """A mapped row as the audit trigger would record it (never a password hash)."""
    state = inspect(obj)
    data: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key == "password_hash" or attr.key in state.unloaded:
            continue
        data[attr.key] = _json_value(getattr(obj, attr.key))
    return data


def record_embedded_audit(
    uow: UnitOfWork,
    actor: UserSummary | None,
    *,
    table: str,
    row_id: str,
    action: str,
    subject: uuid.UUID | None,
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any] | None,
) -> None:
    """The audit row a PostgreSQL trigger would write; only in the embedded database
    (on PostgreSQL the triggers write it, and no client role may)."""
    if _is_postgresql(uow):
        return
    uow.session.add(
        AuditLog(
            occurred_at=_now(),
            actor=(actor.email if actor is not None else "elearn")[:63],
            actor_user_id=actor.id if actor is not None else None,
            subject_user_id=subject,
            table_name=table,
            row_id=row_id,
            action=action,
            old_data=dict(old) if old is not None else None,
            new_data=dict(new) if new is not None else None,
        )
    )


# ---------------------------------------------------------------------------- actions


def _user(uow: UnitOfWork, user_id: uuid.UUID) -> User:
    user = uow.session.get(User, user_id)
    if user is None:
        raise NotFoundError("this account does not exist (or is not visible to you)")
    return user


def _name(user: User) -> str:
    name = " ".join(p for p in (user.first_name, user.last_name) if p)
    return name or user.email


def _change_user_flag(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    flag: str,
    value: bool,
    actor: UserSummary | None,
    words: str,
    done: str,
) -> Changes:
    require(actor, "accounts.set_status")
    with uow_factory() as uow, server_refusals(words):
        user = _user(uow, user_id)
        if bool(getattr(user, flag)) == value:
            raise ConflictError(f"{_name(user)} is already {done}.")
        before = row_json(user)
        setattr(user, flag, value)
        uow.flush()
        uow.session.refresh(user)
        record_embedded_audit(
            uow,
            actor,
            table="users",
            row_id=str(user.id),
            action="UPDATE",
            subject=user.id,
            old=before,
            new=row_json(user),
        )
        name = _name(user)
        uow.commit()
    return Changes(user_id, f"{name} is now {done}.", account=True)


def set_account_active(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    active: bool,
    actor: UserSummary | None,
) -> Changes:
    """Activate or deactivate; on PostgreSQL a trigger also (un)locks the person's login."""
    if not active and actor is not None and actor.id == user_id:
        raise ConflictError("You cannot deactivate your own account.")
    changes = _change_user_flag(
        uow_factory,
        user_id,
        flag="is_active",
        value=active,
        actor=actor,
        words="activate or deactivate accounts",
        done="active" if active else "deactivated",
    )
    if not active:
        return Changes(
            user_id,
            changes.message[:-1] + ": they cannot sign in until reactivated.",
            account=True,
        )
    return changes


def set_account_verified(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    verified: bool,
    actor: UserSummary | None,
) -> Changes:
    return _change_user_flag(
        uow_factory,
        user_id,
        flag="is_verified",
        value=verified,
        actor=actor,
        words="mark accounts verified",
        done="verified" if verified else "not verified",
    )


def _subscription(uow: UnitOfWork, subscription_id: uuid.UUID) -> Subscription:
    sub = uow.session.get(Subscription, subscription_id)
    if sub is None:
        raise NotFoundError("this subscription does not exist (or is not visible to you)")
    return sub


def _states(uow: UnitOfWork, user_id: uuid.UUID | None) -> list[rules.SubscriptionState]:
    if user_id is None:
        return []
    return [
        rules.SubscriptionState(s.id, s.status, s.start_date, s.end_date, s.plan_id)
        for s in uow.session.scalars(select(Subscription).where(Subscription.user_id == user_id))
    ]


def _write_subscription(
    uow: UnitOfWork,
    actor: UserSummary | None,
    sub: Subscription,
    new: rules.SubscriptionState,
) -> None:
    before = row_json(sub)
    sub.status = new.status
    sub.end_date = new.end
    uow.flush()
    uow.session.refresh(sub)
    record_embedded_audit(
        uow,
        actor,
        table="subscriptions",
        row_id=str(sub.id),
        action="UPDATE",
        subject=sub.user_id,
        old=before,
        new=row_json(sub),
    )


def cancel_subscription(
    uow_factory: UnitOfWorkFactory,
    subscription_id: uuid.UUID,
    *,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> Changes:
    """Cancel from now on (the end date moves to now)."""
    require(actor, "subscriptions.manage")
    at = now or _now()
    with uow_factory() as uow, server_refusals("cancel subscriptions"):
        sub = _subscription(uow, subscription_id)
        state = rules.SubscriptionState(sub.id, sub.status, sub.start_date, sub.end_date)
        new = rules.cancel(state, at)
        _write_subscription(uow, actor, sub, new)
        user_id = sub.user_id
        uow.commit()
    return Changes(user_id, "The subscription is cancelled.", subscriptions=True)


def extend_subscription(
    uow_factory: UnitOfWorkFactory,
    subscription_id: uuid.UUID,
    *,
    end_date: dt.datetime,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> Changes:
    """Move a live subscription's end date later."""
    require(actor, "subscriptions.manage")
    at = now or _now()
    with uow_factory() as uow, server_refusals("extend subscriptions"):
        sub = _subscription(uow, subscription_id)
        state = rules.SubscriptionState(sub.id, sub.status, sub.start_date, sub.end_date)
        new = rules.extend(state, end_date, at)
        _write_subscription(uow, actor, sub, new)
        user_id = sub.user_id
        uow.commit()
    return Changes(
        user_id, f"The subscription now ends on {end_date:%d %b %Y}.", subscriptions=True
    )


def change_plan(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    plan_id: uuid.UUID,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> Changes:
    """End the live subscription now and start one on ``plan_id`` for the rest of its term.

    Starting a subscription is an insert, which on PostgreSQL only admins may do.
    """
    require(actor, "subscriptions.change_plan")
    at = now or _now()
    with uow_factory() as uow, server_refusals("move people to another plan"):
        user = _user(uow, user_id)
        plan = uow.session.get(SubscriptionPlan, plan_id)
        if plan is None:
            raise NotFoundError("this plan does not exist")
        if not plan.is_active:
            raise ConflictError(f"The {plan.name} plan is retired: choose a plan on offer.")
        states = _states(uow, user_id)
        live = [s for s in states if rules.is_live(s, at)]
        current = max(live, key=lambda s: s.start) if live else None
        change = rules.change_plan(current, plan_id, at)
        if change.closed is not None:
            _write_subscription(uow, actor, _subscription(uow, change.closed.id), change.closed)
        new_sub = Subscription(
            id=uuid.uuid4(),
            user_id=user_id,
            plan_id=plan_id,
            status=rules.ACTIVE,
            start_date=change.start,
            end_date=change.end,
        )
        candidate = rules.SubscriptionState(
            new_sub.id, new_sub.status, change.start, change.end, plan_id
        )
        rules.check_one_live(_states(uow, user_id), candidate, at)
        uow.session.add(new_sub)
        uow.flush()
        uow.session.refresh(new_sub)
        record_embedded_audit(
            uow,
            actor,
            table="subscriptions",
            row_id=str(new_sub.id),
            action="INSERT",
            subject=user_id,
            old=None,
            new=row_json(new_sub),
        )
        name, plan_name = _name(user), plan.name
        uow.commit()
    return Changes(user_id, f"{name} is now on the {plan_name} plan.", subscriptions=True)


def grant_role(
    uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, role: str, *, actor: UserSummary | None
) -> Changes:
    """Give a role; on PostgreSQL a trigger grants the matching group to the login."""
    require(actor, "roles.manage")
    if role not in ROLE_NAMES:
        raise ValidationError("role", f"unknown role '{role}'")
    with uow_factory() as uow, server_refusals("grant or revoke roles"):
        user = _user(uow, user_id)
        if role in uow.users.roles_of(user_id):
            raise ConflictError(f"{_name(user)} already has the {role} role.")
        uow.session.add(UserRole(user_id=user_id, role=role))
        try:
            uow.flush()
        except IntegrityError:
            raise ConflictError(f"{_name(user)} already has the {role} role.") from None
        record_embedded_audit(
            uow,
            actor,
            table="user_roles",
            row_id=f"{user_id}:{role}",
            action="INSERT",
            subject=user_id,
            old=None,
            new={"user_id": str(user_id), "role": role},
        )
        name = _name(user)
        uow.commit()
    return Changes(user_id, f"{name} now has the {role} role.", roles=True, account=True)


def revoke_role(
    uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, role: str, *, actor: UserSummary | None
) -> Changes:
    require(actor, "roles.manage")
    if role == "learner":
        raise ConflictError("Every person is a learner: that role cannot be taken away.")
    if role == "admin" and actor is not None and actor.id == user_id:
        raise ConflictError("You cannot take away your own admin role.")
    with uow_factory() as uow, server_refusals("grant or revoke roles"):
        user = _user(uow, user_id)
        row = uow.session.get(UserRole, (user_id, role))
        if row is None:
            raise ConflictError(f"{_name(user)} does not have the {role} role.")
        uow.session.delete(row)
        uow.flush()
        record_embedded_audit(
            uow,
            actor,
            table="user_roles",
            row_id=f"{user_id}:{role}",
            action="DELETE",
            subject=user_id,
            old={"user_id": str(user_id), "role": role},
            new=None,
        )
        name = _name(user)
        uow.commit()
    return Changes(user_id, f"{name} no longer has the {role} role.", roles=True, account=True)


_PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "Il1O0o")


def generate_temporary_password(length: int = 14) -> str:
    """A random password that is easy to read out (no I/l/1/O/0 look-alikes)."""
    while True:
        candidate = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
        if (
            any(c.isdigit() for c in candidate)
            and any(c.islower() for c in candidate)
            and any(c.isupper() for c in candidate)
        ):
            return candidate


def set_temporary_password(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    password: str,
    *,
    actor: UserSummary | None,
) -> Changes:
    """Set the person's password (``users.password_hash`` and, on PostgreSQL, their login).

    On PostgreSQL the server function ``elearn_set_temporary_password`` (revision 0007,
    admins only) gets an argon2id hash and a SCRAM verifier, never the password.
    """
    require(actor, "accounts.set_password")
    check_password(password)
    password_hash = hash_password(password)
    with uow_factory() as uow, server_refusals("set other people's passwords"):
        user = _user(uow, user_id)
        name = _name(user)
        if _is_postgresql(uow):
            _set_password_on_server(uow, user_id, password, password_hash)
        else:
            before = row_json(user)
            user.password_hash = password_hash
            user.updated_at = _now()
            uow.flush()
            record_embedded_audit(
                uow,
                actor,
                table="users",
                row_id=str(user.id),
                action="UPDATE",
                subject=user.id,
                old=before,
                new={**before, "updated_at": _json_value(user.updated_at)},
            )
        uow.commit()
    return Changes(
        user_id,
        f"{name} has a temporary password. Tell it to them in a safe way; "
        "it works from their next sign-in.",
        account=True,
    )


def _set_password_on_server(
    uow: UnitOfWork, user_id: uuid.UUID, password: str, password_hash: str
) -> None:
    session = uow.session
    present = session.execute(
        text(
            "SELECT to_regprocedure("
            "'public.elearn_set_temporary_password(uuid, text, text)') IS NOT NULL"
        )
    ).scalar()
    if not present:
        raise ElearnError(
            "This server cannot set temporary passwords yet (it needs `elearn db upgrade`)."
        )
    login = session.scalar(select(UserLogin.role_name).where(UserLogin.user_id == user_id))
    if login is None:
        raise ConflictError(
            "This person has no desktop login yet; an administrator creates it with "
            "`elearn users set-password`."
        )
    verifier = pg_security.server_verifier(session.connection(), login, password)
    session.execute(
        text("SELECT public.elearn_set_temporary_password(:user_id, :hash, :verifier)").bindparams(
            user_id=user_id, hash=password_hash, verifier=verifier
        )
    )


# --------------------------------------------------------------------------- headless


def account_summary_json(
    uow_factory: UnitOfWorkFactory,
    key: str,
    *,
    actor: UserSummary | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """An account for `elearn users show EMAIL --json`: who, roles, subscriptions and a
    progress summary (plain JSON types)."""
    from elearn_desktop.services import account_detail, accounts

    user = accounts.find_user(uow_factory, key, actor=actor)
    detail = account_detail.account_detail(uow_factory, user.id, actor=actor, now=now)
    courses = [e for e in detail.enrolments if e.entity_type == "course"]
    paths = [e for e in detail.enrolments if e.entity_type == "learning_path"]
    graded = [a for a in detail.attempts if a.status == "graded"]
    return {
        **user.to_json(),
        "subscriptions": [
            {
                "id": str(s.id),
                "plan": s.plan_name,
                "price": str(s.price) if s.price is not None else None,
                "billing_cycle": s.billing_cycle,
                "status": s.status,
                "live": s.live,
                "start_date": s.start_date.isoformat(),
                "end_date": s.end_date.isoformat() if s.end_date else None,
            }
            for s in detail.subscriptions
        ],
        "progress": {
            "courses_enrolled": len(courses),
            "courses_completed": sum(1 for c in courses if c.status == "completed"),
            "paths_enrolled": len(paths),
            "paths_completed": sum(1 for p in paths if p.status == "completed"),
            "attempts": len(detail.attempts),
            "attempts_passed": sum(1 for a in graded if a.passed),
            "items": [
                {
                    "type": e.entity_type,
                    "title": e.title,
                    "status": e.status,
                    "percentage": e.percentage,
                }
                for e in detail.enrolments
            ],
        },
    }


def _live_subscription_id(
    uow_factory: UnitOfWorkFactory, key: str, actor: UserSummary | None, now: dt.datetime
) -> uuid.UUID:
    from elearn_desktop.services import accounts

    user = accounts.find_user(uow_factory, key, actor=actor)
    with uow_factory() as uow:
        live = [s for s in _states(uow, user.id) if rules.is_live(s, now)]
    if not live:
        raise NotFoundError(f"{user.email} has no active subscription")
    return max(live, key=lambda s: s.start).id


def cancel_live_subscription(
    uow_factory: UnitOfWorkFactory,
    key: str,
    *,
    actor: UserSummary | None = None,
    now: dt.datetime | None = None,
) -> Changes:
    """`elearn subscriptions cancel EMAIL`: cancel the person's live subscription now."""
    at = now or _now()
    sub_id = _live_subscription_id(uow_factory, key, actor, at)
    return cancel_subscription(uow_factory, sub_id, actor=actor, now=at)


def extend_live_subscription(
    uow_factory: UnitOfWorkFactory,
    key: str,
    *,
    end_date: dt.datetime,
    actor: UserSummary | None = None,
    now: dt.datetime | None = None,
) -> Changes:
    """`elearn subscriptions extend EMAIL --until DATE`: move the live one's end later."""
    at = now or _now()
    sub_id = _live_subscription_id(uow_factory, key, actor, at)
    return extend_subscription(uow_factory, sub_id, end_date=end_date, actor=actor, now=at)


__all__ = [
    "CONSOLE_ACTIONS",
    "Changes",
    "account_summary_json",
    "allowed_actions",
    "cancel_live_subscription",
    "cancel_subscription",
    "change_plan",
    "extend_live_subscription",
    "extend_subscription",
    "generate_temporary_password",
    "grant_role",
    "record_embedded_audit",
    "revoke_role",
    "row_json",
    "server_refusals",
    "set_account_active",
    "set_account_verified",
    "set_temporary_password",
]
