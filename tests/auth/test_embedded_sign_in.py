"""Sign-in against the embedded SQLite database: argon2id checks in the service layer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import argon2
import pytest
from sqlalchemy import func, select

from elearn_desktop.config import EMBEDDED_DB_FILENAME
from elearn_desktop.data import migrations
from elearn_desktop.data.models import User, UserRole
from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.passwords import ARGON2_MEMORY_KIB, ARGON2_TIME_COST
from elearn_desktop.services import accounts, auth
from elearn_desktop.services.auth import (
    AccountDisabledError,
    InvalidCredentialsError,
    sign_in,
)
from elearn_desktop.services.backend import Backend, open_backend
from elearn_desktop.services.demo import DEMO_ACCOUNTS, DemoAccount
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from tests.auth._support import backend_of, demo_account, signed_in

ADMIN = demo_account("admin@demo.test")
LEARNER = demo_account("learner@demo.test")
GRACE = demo_account("grace@demo.test")


def _user_rows(backend: Backend) -> dict[str, tuple[str, bool, tuple[str, ...]]]:
    """email -> (password_hash, is_active, roles) as stored in the embedded database."""
    with backend.uow() as uow:
        users = uow.session.scalars(select(User)).all()
        return {
            u.email: (u.password_hash, bool(u.is_active), tuple(sorted(r.role for r in u.roles)))
            for u in users
        }


@pytest.fixture
def embedded_backend(demo_home: Path) -> Iterator[Backend]:
    """A direct handle on the demo embedded database, to look behind the service's back."""
    backend = open_backend(EMBEDDED_PROFILE.target())
    try:
        yield backend
    finally:
        backend.dispose()


def test_first_sign_in_migrates_and_loads_the_demo(data_home: Path) -> None:
    db_file = data_home / EMBEDDED_DB_FILENAME
    assert not db_file.exists()

    with signed_in(EMBEDDED_PROFILE, LEARNER.email, LEARNER.password) as session:
        assert db_file.is_file()
        assert backend_of(session).target.embedded
        assert Path(backend_of(session).engine.url.database or "") == db_file
        assert migrations.schema_status(backend_of(session).engine).up_to_date
        rows = _user_rows(backend_of(session))
        assert set(rows) == {a.email for a in DEMO_ACCOUNTS}
        assert all(h.startswith("$argon2id$") for h, _active, _roles in rows.values())
        assert session.user.email == LEARNER.email
        assert not session.offline
        assert session.where == "Embedded database"

    # A second sign-in neither migrates again nor duplicates the demo.
    with signed_in(EMBEDDED_PROFILE, ADMIN.email, ADMIN.password) as session:
        assert set(_user_rows(backend_of(session))) == {a.email for a in DEMO_ACCOUNTS}
        assert session.user.has_role("admin")


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.email.split("@")[0])
def test_every_demo_account_signs_in_with_its_documented_password(
    demo_home: Path, account: DemoAccount
) -> None:
    with signed_in(EMBEDDED_PROFILE, account.email, account.password) as session:
        user = session.user
        assert user.email == account.email
        assert set(user.roles) == set(account.roles)
        assert user.has_role("learner")
        assert user.first_name == account.first_name
        assert user.last_name == account.last_name
        assert user.is_active
        assert user.db_role is None  # no database login in embedded mode


def test_email_is_normalised_before_the_lookup(demo_home: Path) -> None:
    with signed_in(EMBEDDED_PROFILE, "  Learner@DEMO.test ", LEARNER.password) as session:
        assert session.user.email == LEARNER.email


def test_wrong_password_and_unknown_email_fail_the_same_way(demo_home: Path) -> None:
    with pytest.raises(InvalidCredentialsError) as wrong:
        sign_in(EMBEDDED_PROFILE, LEARNER.email, LEARNER.password + "x")
    with pytest.raises(InvalidCredentialsError) as unknown:
        sign_in(EMBEDDED_PROFILE, "nobody@demo.test", LEARNER.password)
    assert str(wrong.value) == str(unknown.value)
    assert str(wrong.value)  # plain words, not empty
    # Another person's password is not a master key.
    with pytest.raises(InvalidCredentialsError):
        sign_in(EMBEDDED_PROFILE, LEARNER.email, ADMIN.password)


def test_unknown_email_costs_a_real_argon2_check() -> None:
    """So the time a refusal takes does not reveal whether the email exists."""
    dummy = auth._DUMMY_HASH
    params = argon2.extract_parameters(dummy)
    assert params.type is argon2.Type.ID
    assert params.memory_cost == ARGON2_MEMORY_KIB
    assert params.time_cost == ARGON2_TIME_COST
    # A well-formed hash: the check runs and fails, it is not rejected up front.
    with pytest.raises(argon2.exceptions.VerifyMismatchError):
        argon2.PasswordHasher().verify(dummy, "anything at all")


def test_unknown_email_takes_about_as_long_as_a_wrong_password(demo_home: Path) -> None:
    def duration(email: str) -> float:
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            with pytest.raises(InvalidCredentialsError):
                sign_in(EMBEDDED_PROFILE, email, "not-the-password-1")
            best = min(best, time.perf_counter() - start)
        return best

    wrong = duration(LEARNER.email)
    unknown = duration("nobody@demo.test")
    # Without the dummy check an unknown email returns in a few ms, a wrong password in
    # the ~100 ms argon2id costs; with it the two are within noise of each other.
    assert unknown > 0.5 * wrong, (unknown, wrong)


@pytest.mark.parametrize("password", ["", None], ids=["empty", "none"])
def test_empty_password_is_refused(demo_home: Path, password: str | None) -> None:
    with pytest.raises(InvalidCredentialsError):
        sign_in(EMBEDDED_PROFILE, LEARNER.email, password)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "email", ["", "   ", "learner", "learner@", "@demo.test", "learner@demo", "a b@demo.test"]
)
def test_malformed_email_is_a_validation_error(demo_home: Path, email: str) -> None:
    with pytest.raises(ValidationError) as caught:
        sign_in(EMBEDDED_PROFILE, email, LEARNER.password)
    assert caught.value.field == "email"


def test_deactivated_account_is_refused_until_reactivated(demo_home: Path) -> None:
    # As the support workspace does it: through the admin's own signed-in backend.
    with signed_in(EMBEDDED_PROFILE, ADMIN.email, ADMIN.password) as admin:
        summary = accounts.set_active(
            backend_of(admin).uow, GRACE.email, active=False, actor=admin.user
        )
        assert not summary.is_active

    with pytest.raises(AccountDisabledError) as caught:
        sign_in(EMBEDDED_PROFILE, GRACE.email, GRACE.password)
    assert "deactivated" in str(caught.value)
    # A wrong password does not reveal that the account exists but is deactivated.
    with pytest.raises(InvalidCredentialsError):
        sign_in(EMBEDDED_PROFILE, GRACE.email, "not-grace-password")

    with signed_in(EMBEDDED_PROFILE, ADMIN.email, ADMIN.password) as admin:
        accounts.set_active(backend_of(admin).uow, GRACE.email, active=True, actor=admin.user)
    with signed_in(EMBEDDED_PROFILE, GRACE.email, GRACE.password) as session:
        assert session.user.is_active


@pytest.mark.parametrize(
    ("email", "password", "error"),
    [
        ("' OR 1=1 --", "' OR 1=1 --", ValidationError),
        ("admin@demo.test' --", ADMIN.password, ValidationError),
        ("admin@demo.test'--", ADMIN.password, InvalidCredentialsError),
        ("admin@demo.test';DELETE-FROM-users;--", "x", InvalidCredentialsError),
        ("x@y.z' OR '1'='1", "' OR '1'='1", ValidationError),
        (ADMIN.email, "' OR 1=1 --", InvalidCredentialsError),
        (ADMIN.email, "' OR '1'='1", InvalidCredentialsError),
        (ADMIN.email, "'; DROP TABLE users; --", InvalidCredentialsError),
        (ADMIN.email, '") OR ("1"="1', InvalidCredentialsError),
    ],
)
def test_sql_injection_shaped_input_is_refused_harmlessly(
    demo_home: Path, embedded_backend: Backend, email: str, password: str, error: type[Exception]
) -> None:
    before = _user_rows(embedded_backend)
    assert len(before) == len(DEMO_ACCOUNTS)

    with pytest.raises(error):
        sign_in(EMBEDDED_PROFILE, email, password)

    assert _user_rows(embedded_backend) == before
    with embedded_backend.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(UserRole)) == sum(
            len(a.roles) for a in DEMO_ACCOUNTS
        )
