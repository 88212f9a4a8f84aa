"""Accounts: create people with roles, find them, deactivate them, set their password."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from elearn_desktop.data import pg_security
from elearn_desktop.data.models import User, UserLogin, UserRole
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain.errors import ConflictError, NotFoundError
from elearn_desktop.domain.passwords import hash_password
from elearn_desktop.domain.validation import (
    check_length,
    check_password,
    check_roles,
    normalize_email,
)
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require


def user_summary(user: User, *, db_role: str | None = None) -> UserSummary:
    return UserSummary(
        id=user.id,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        is_active=bool(user.is_active),
        is_verified=bool(user.is_verified),
        roles=check_roles([r.role for r in user.roles]),
        created_at=user.created_at,
        db_role=db_role,
    )


def _on_postgresql(uow: UnitOfWork) -> bool:
    return uow.session.get_bind().dialect.name == "postgresql"


def _login_of(uow: UnitOfWork, user: User) -> str | None:
    login = uow.session.get(UserLogin, user.id)
    return login.role_name if login is not None else None


def ensure_login(uow: UnitOfWork, user: User, password: str) -> str:
    """Create the person's PostgreSQL login role, or set its password if it exists."""
    conn = uow.session.connection()
    role = pg_security.login_role_name(pg_security.current_database(conn), user.email)
    mapped = uow.session.get(UserLogin, user.id) is not None
    if pg_security.role_exists(conn, role):
        if not mapped:
            # Left behind by a deleted person with this email: it must not hand their
            # groups to this one (the user_logins trigger grants this person's roles).
            pg_security.revoke_all_memberships(conn, role)
        pg_security.set_login_password(conn, role, password)
    else:
        pg_security.create_login_role(conn, role, password)
    # A deactivated person (e.g. adopted from the platform) gets a login that cannot
    # connect until they are reactivated; the users trigger keeps it in step from then on.
    pg_security.set_can_login(conn, role, bool(user.is_active))
    if not mapped:
        uow.session.add(UserLogin(user_id=user.id, role_name=role))
    return role


def create_user(
    uow_factory: UnitOfWorkFactory,
    *,
    email: str,
    password: str,
    roles: list[str] | tuple[str, ...] = (),
    first_name: str | None = None,
    last_name: str | None = None,
    is_verified: bool = False,
    actor: UserSummary | None = None,
) -> UserSummary:
    """Create a person; validates everything before writing anything."""
    require(actor, "accounts.create")
    address = normalize_email(email)
    check_password(password)
    role_names = check_roles(list(roles))
    check_length("first_name", first_name, 100)
    check_length("last_name", last_name, 100)
    password_hash = hash_password(password)
    with uow_factory() as uow:
        if uow.users.by_email(address) is not None:
            raise ConflictError(f"a user with the email {address} already exists")
        user = User(
            id=uuid.uuid4(),
            email=address,
            password_hash=password_hash,
            first_name=(first_name or "").strip() or None,
            last_name=(last_name or "").strip() or None,
            is_active=True,
            is_verified=is_verified,
        )
        user.roles = [UserRole(role=r) for r in role_names]
        uow.users.add(user)
        db_role = None
        try:
            uow.flush()
            if _on_postgresql(uow):
                # Same transaction: the row, the login role and its group memberships
                # (granted by the user_roles trigger) all exist, or none does.
                if pg_security.role_exists(
                    uow.session.connection(),
                    pg_security.login_role_name(
                        pg_security.current_database(uow.session.connection()), address
                    ),
                ):
                    raise ConflictError(
                        f"a database login for {address} already exists; "
                        "ask an administrator to remove the stale login role"
                    )
                db_role = ensure_login(uow, user, password)
            uow.commit()
        except IntegrityError:
            raise ConflictError(f"a user with the email {address} already exists") from None
        return user_summary(user, db_role=db_role)


def _get_by_email_or_id(uow: UnitOfWork, key: str) -> User:
    key = key.strip()
    user: User | None = None
    try:
        user = uow.users.get(uuid.UUID(key))
    except ValueError:
        user = uow.users.by_email(key)
    if user is None:
        raise NotFoundError(f"no user with the email or id '{key}'")
    return user


def find_user(
    uow_factory: UnitOfWorkFactory, key: str, *, actor: UserSummary | None = None
) -> UserSummary:
    require(actor, "accounts.read")
    with uow_factory() as uow:
        user = _get_by_email_or_id(uow, key)
        return user_summary(user, db_role=_login_of(uow, user))


def list_users(
    uow_factory: UnitOfWorkFactory,
    *,
    search: str = "",
    limit: int = 100,
    offset: int = 0,
    actor: UserSummary | None = None,
) -> list[UserSummary]:
    require(actor, "accounts.read")
    with uow_factory() as uow:
        return [user_summary(u) for u in uow.users.search(search, limit=limit, offset=offset)]


def set_active(
    uow_factory: UnitOfWorkFactory, key: str, *, active: bool, actor: UserSummary | None = None
) -> UserSummary:
    require(actor, "accounts.set_status")
    with uow_factory() as uow:
        user = _get_by_email_or_id(uow, key)
        user.is_active = active  # on PostgreSQL a trigger also sets the login to (NO)LOGIN
        uow.commit()
        return user_summary(user, db_role=_login_of(uow, user))


def set_password(
    uow_factory: UnitOfWorkFactory, key: str, password: str, *, actor: UserSummary | None = None
) -> UserSummary:
    require(actor, "accounts.set_password")
    check_password(password)
    password_hash = hash_password(password)
    with uow_factory() as uow:
        user = _get_by_email_or_id(uow, key)
        user.password_hash = password_hash
        db_role = None
        if _on_postgresql(uow):
            # Also how people of an adopted platform database get their desktop login.
            db_role = ensure_login(uow, user, password)
        uow.commit()
        return user_summary(user, db_role=db_role)
