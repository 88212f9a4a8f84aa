"""Sign-in: against the embedded database (argon2id) or PostgreSQL (the server checks SCRAM).

On PostgreSQL the person's own login role is the connection: every later query runs
with their privileges and row-level security. Errors are distinct and in plain words:
wrong credentials, deactivated account, unreachable server, incompatible schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from elearn_desktop.data import migrations, pg_security
from elearn_desktop.data.errors import describe_target
from elearn_desktop.data.models import User
from elearn_desktop.domain.errors import (
    DatabaseUnavailableError,
    ElearnError,
    SchemaMismatchError,
)
from elearn_desktop.domain.passwords import verify_password
from elearn_desktop.domain.validation import normalize_email
from elearn_desktop.services.accounts import user_summary
from elearn_desktop.services.backend import Backend, open_backend, prepare
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.profiles import ServerProfile

if TYPE_CHECKING:
    from elearn_desktop.sync.cache import LocalCache


class InvalidCredentialsError(ElearnError):
    def __init__(self) -> None:
        super().__init__("The email or password is not right.")


class AccountDisabledError(ElearnError):
    def __init__(self) -> None:
        super().__init__("This account is deactivated. Contact support to reactivate it.")


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who is signed in, where, and the backend that acts as them (None when offline)."""

    user: UserSummary
    profile: ServerProfile
    backend: Backend | None
    offline: bool = False
    #: The person's encrypted offline cache (PostgreSQL profiles, once unlocked). Offline,
    #: ``backend`` is a view of it (``sync.offline.cache_backend``).
    cache: LocalCache | None = None
    #: The server as this person, kept while offline to sync on reconnect (creating a
    #: backend does no I/O, so it exists even when the server is away).
    server: Backend | None = None

    @property
    def where(self) -> str:
        return self.profile.display + (" (offline)" if self.offline else "")

    def allows(self, workspace: str) -> bool:
        """Which workspaces the person's roles open (every person is a learner)."""
        roles = set(self.user.roles)
        if workspace == "author":
            return bool(roles & {"instructor", "admin"})
        if workspace == "support":
            return bool(roles & {"support", "admin"})
        return True

    def close(self) -> None:
        if self.backend is not None:
            self.backend.dispose()
        if self.server is not None and self.server is not self.backend:
            self.server.dispose()
        if self.cache is not None:
            self.cache.close()


def sign_in(profile: ServerProfile, email: str, password: str) -> SignedIn:
    """Check the credentials and return a backend that acts as this person."""
    if not password:
        raise InvalidCredentialsError()
    address = normalize_email(email)
    if profile.is_embedded:
        return _sign_in_embedded(profile, address, password)
    return _sign_in_postgresql(profile, address, password)


def _sign_in_embedded(profile: ServerProfile, email: str, password: str) -> SignedIn:
    backend = open_backend(profile.target())
    try:
        prepare(backend, load_demo_if_new=True)
        with backend.uow() as uow:
            user = uow.users.by_email(email)
            # Verify even for an unknown email, so timing does not reveal who exists.
            stored = user.password_hash if user is not None else _DUMMY_HASH
            ok = verify_password(stored, password)
            if user is None or not ok:
                raise InvalidCredentialsError()
            if not user.is_active:
                raise AccountDisabledError()
            summary = user_summary(user)
    except BaseException:
        backend.dispose()
        raise
    return SignedIn(user=summary, profile=profile, backend=backend)


def _classify_connect_error(exc: OperationalError, where: str) -> ElearnError:
    message = str(exc.orig or exc)
    if "password authentication failed" in message or "no password supplied" in message:
        return InvalidCredentialsError()
    if "not permitted to log in" in message:
        return AccountDisabledError()
    if "does not exist" in message and "database" in message:
        return DatabaseUnavailableError(f"{where}: the database does not exist")
    first = message.strip().splitlines()[-1] if message.strip() else type(exc).__name__
    return DatabaseUnavailableError(f"cannot reach {where}: {first.strip()}")


def _sign_in_postgresql(profile: ServerProfile, email: str, password: str) -> SignedIn:
    role = pg_security.login_role_name(profile.database.strip(), email)
    backend = open_backend(profile.target(username=role, password=password))
    where = describe_target(backend.engine)
    try:
        try:
            with backend.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except OperationalError as exc:
            raise _classify_connect_error(exc, where) from None
        status = migrations.schema_status(backend.engine)
        if not status.up_to_date:
            raise SchemaMismatchError(
                f"the server's schema is at revision {status.current or 'none'}, this app "
                f"needs {status.head}; ask an administrator to run `elearn db upgrade`"
            )
        with backend.uow() as uow:
            user_id = uow.session.execute(text("SELECT public.elearn_current_user_id()")).scalar()
            user = uow.session.get(User, user_id) if user_id is not None else None
            if user is None:
                raise InvalidCredentialsError()
            if not user.is_active:
                raise AccountDisabledError()
            # Roles come through row-level security: the person sees their own.
            summary = user_summary(user, db_role=role)
    except BaseException:
        backend.dispose()
        raise
    return SignedIn(user=summary, profile=profile, backend=backend)


# A valid argon2id hash of a random string: verifying against it costs what a real check
# costs, and never succeeds.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$"
    "Jv1yLmFsLnnu3Uq2cP4y0eXf1cS6N1dXJKz1m3B7r8c"
)
