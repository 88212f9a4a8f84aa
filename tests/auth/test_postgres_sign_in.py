"""Sign-in against a real PostgreSQL server: the server's SCRAM check decides.

The test cluster authenticates every TCP connection with scram-sha-256, so a wrong
password, a deactivated (NOLOGIN) account and an unknown person are refused by the server
itself; the service only turns the server's answer into plain words.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from elearn_desktop.data import migrations, pg_security
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import DatabaseUnavailableError, SchemaMismatchError
from elearn_desktop.services import accounts, demo
from elearn_desktop.services.auth import (
    AccountDisabledError,
    InvalidCredentialsError,
    SignedIn,
    sign_in,
)
from elearn_desktop.services.demo import DEMO_ACCOUNTS, DemoAccount
from elearn_desktop.services.profiles import ServerProfile
from tests.auth._support import backend_of, demo_account, signed_in
from tests.support.pgcluster import PostgresCluster

pytestmark = pytest.mark.postgres

LEARNER = demo_account("learner@demo.test")
GRACE = demo_account("grace@demo.test")
PASSWORD = "Correct-Horse-Battery-9"


@dataclass(frozen=True)
class Server:
    """A migrated database with the demo loaded; ``engine`` is the superuser's."""

    cluster: PostgresCluster
    database: str
    engine: Engine
    uow: UnitOfWorkFactory

    def profile(self, **changes: object) -> ServerProfile:
        values: dict[str, object] = {
            "name": "t",
            "kind": "postgresql",
            "host": self.cluster.host,
            "port": self.cluster.port,
            "database": self.database,
            "sslmode": "disable",
        }
        values.update(changes)
        return ServerProfile(**values)  # type: ignore[arg-type]

    def scalar(self, sql: str, **params: object) -> object:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def execute(self, sql: str, **params: object) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(sql), params)


def _new_database(cluster: PostgresCluster, *, with_demo: bool) -> tuple[str, Engine]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_server_engine(cluster.create_database(name))
    migrations.upgrade(engine)
    if with_demo:
        demo.load_demo(uow_factory_for(engine))
    return name, engine


@pytest.fixture(scope="module")
def server(pg_cluster: PostgresCluster) -> Iterator[Server]:
    """Shared by the module: tests that change people use people of their own."""
    name, engine = _new_database(pg_cluster, with_demo=True)
    try:
        yield Server(pg_cluster, name, engine, uow_factory_for(engine))
    finally:
        engine.dispose()
        pg_cluster.drop_database(name)


def _new_person(server: Server, password: str = PASSWORD, email: str | None = None) -> str:
    email = email or f"p{uuid.uuid4().hex[:10]}@example.test"
    accounts.create_user(server.uow, email=email, password=password)
    return email


def _can_login(server: Server, role: str) -> bool:
    return bool(server.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r", r=role))


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.email.split("@")[0])
def test_demo_people_sign_in_as_their_own_login_role(server: Server, account: DemoAccount) -> None:
    with signed_in(server.profile(), account.email, account.password) as session:
        user = session.user
        assert user.email == account.email
        assert set(user.roles) == set(account.roles)
        expected_role = pg_security.login_role_name(server.database, account.email)
        assert user.db_role == expected_role
        engine = backend_of(session).engine
        assert engine.url.username == expected_role
        assert engine.url.username != server.cluster.superuser
        assert engine.url.password == account.password
        with engine.connect() as conn:
            who = conn.execute(
                text(
                    "SELECT session_user, current_user, r.rolsuper, r.rolbypassrls "
                    "FROM pg_roles r WHERE r.rolname = session_user"
                )
            ).one()
        assert who == (expected_role, expected_role, False, False)
        assert session.where == f"{server.database} on {server.cluster.host}:{server.cluster.port}"


def _as(session: SignedIn, sql: str, **params: object) -> list[object]:
    """Raw SQL over the person's own connection, as a client that bypasses the app would."""
    with backend_of(session).engine.connect() as conn:
        return list(conn.execute(text(sql), params).scalars())


def test_a_learner_acts_as_themself_and_sees_only_their_own_progress(server: Server) -> None:
    learner_id = demo.demo_id(f"user:{LEARNER.email}")
    seeded = server.scalar("SELECT count(*) FROM user_progress WHERE user_id = :u", u=learner_id)
    assert seeded == 3  # the demo's progress rows, all Lena's

    with signed_in(server.profile(), GRACE.email, GRACE.password) as grace:
        assert _as(grace, "SELECT session_user") == [grace.user.db_role]
        assert _as(grace, "SELECT count(*) FROM user_progress") == [0]
        lenas = "SELECT count(*) FROM user_progress WHERE user_id = :u"
        assert _as(grace, lenas, u=learner_id) == [0]
        with pytest.raises(ProgrammingError, match="permission denied"):
            _as(grace, "SELECT password_hash FROM users")
        # The service layer's units of work run as Grace too.
        with backend_of(grace).uow() as uow:
            assert uow.session.execute(text("SELECT count(*) FROM user_progress")).scalar() == 0

    with signed_in(server.profile(), LEARNER.email, LEARNER.password) as lena:
        assert _as(lena, "SELECT DISTINCT user_id FROM user_progress") == [learner_id]


def test_wrong_password_is_refused_by_the_server(server: Server) -> None:
    email = _new_person(server)
    with pytest.raises(InvalidCredentialsError):
        sign_in(server.profile(), email, PASSWORD + "!")

    # The server's SCRAM verifier decides, not users.password_hash: make the stored hash
    # match the wrong password, and the server still refuses it.
    from elearn_desktop.domain.passwords import hash_password

    server.execute(
        "UPDATE users SET password_hash = :h WHERE email = :e",
        h=hash_password("Wrong-but-hashed-1"),
        e=email,
    )
    with pytest.raises(InvalidCredentialsError):
        sign_in(server.profile(), email, "Wrong-but-hashed-1")
    with signed_in(server.profile(), email, PASSWORD) as session:
        assert session.user.email == email


def test_unknown_email_is_refused_with_the_same_message(server: Server) -> None:
    with pytest.raises(InvalidCredentialsError) as unknown:
        sign_in(server.profile(), "nobody-here@example.test", PASSWORD)
    with pytest.raises(InvalidCredentialsError) as wrong:
        sign_in(server.profile(), LEARNER.email, "not-lenas-password")
    assert str(unknown.value) == str(wrong.value)


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("admin@demo.test'--", "' OR 1=1 --"),
        ("admin@demo.test", "' OR '1'='1"),
        ("x'||pg_sleep(5)||'@demo.test", "'; DROP TABLE users; --"),
    ],
)
def test_sql_injection_shaped_input_is_refused_harmlessly(
    server: Server, email: str, password: str
) -> None:
    users_before = server.scalar("SELECT count(*) FROM users")
    with pytest.raises(InvalidCredentialsError):
        sign_in(server.profile(), email, password)
    assert server.scalar("SELECT count(*) FROM users") == users_before


def test_deactivated_account_cannot_log_in(server: Server) -> None:
    email = _new_person(server)
    role = pg_security.login_role_name(server.database, email)
    assert _can_login(server, role)

    accounts.set_active(server.uow, email, active=False)
    assert not _can_login(server, role)  # the server itself now refuses the login
    with pytest.raises(AccountDisabledError):
        sign_in(server.profile(), email, PASSWORD)
    # A wrong password does not reveal that the account exists but is deactivated.
    with pytest.raises(InvalidCredentialsError):
        sign_in(server.profile(), email, PASSWORD + "!")

    accounts.set_active(server.uow, email, active=True)
    assert _can_login(server, role)
    with signed_in(server.profile(), email, PASSWORD) as session:
        assert session.user.is_active


def test_deactivated_account_is_refused_even_if_its_login_role_can_log_in(
    server: Server,
) -> None:
    """Defence in depth: the service checks is_active too, should the role drift to LOGIN."""
    email = _new_person(server)
    role = pg_security.login_role_name(server.database, email)
    accounts.set_active(server.uow, email, active=False)
    server.execute(f'ALTER ROLE "{role}" LOGIN')
    assert _can_login(server, role)
    with pytest.raises(AccountDisabledError):
        sign_in(server.profile(), email, PASSWORD)


def test_unreachable_server_names_host_and_port_but_no_password(server: Server) -> None:
    secret = "Unreachable-Secret-7731"
    profile = server.profile(host="127.0.0.1", port=1)
    with pytest.raises(DatabaseUnavailableError) as caught:
        sign_in(profile, LEARNER.email, secret)
    message = str(caught.value)
    assert "127.0.0.1:1" in message
    assert secret not in message
    assert secret not in "".join(traceback.format_exception(caught.value))
    assert "Traceback" not in message


@pytest.mark.parametrize(
    "password",
    ["p@ss:w/rd?#%&'\"\\ 2026", "Grüße-Ω-p@ss:w/rd"],
    ids=["url-special", "non-ascii"],
)
def test_password_with_special_characters_signs_in(server: Server, password: str) -> None:
    email = _new_person(server, password=password, email=f"o'brien+{uuid.uuid4().hex[:6]}@ex.test")
    with signed_in(server.profile(), email, password) as session:
        assert session.user.email == email
        url = backend_of(session).engine.url
        assert url.password == password
        assert make_url(url.render_as_string(hide_password=False)).password == password
        with backend_of(session).engine.connect() as conn:
            assert conn.execute(text("SELECT session_user")).scalar() == session.user.db_role
    with pytest.raises(InvalidCredentialsError):
        sign_in(server.profile(), email, password[:-1])


@pytest.fixture
def own_database(pg_cluster: PostgresCluster) -> Iterator[tuple[str, Engine]]:
    """A database of the test's own, migrated to head (no demo), dropped afterwards."""
    name, engine = _new_database(pg_cluster, with_demo=False)
    try:
        yield name, engine
    finally:
        engine.dispose()
        pg_cluster.drop_database(name)


@pytest.mark.parametrize(
    ("revision", "words"),
    [("0003", "elearn db upgrade"), ("0001", "elearn db upgrade"), ("9999", "update elearn")],
)
def test_server_schema_of_another_revision_is_refused(
    pg_cluster: PostgresCluster,
    own_database: tuple[str, Engine],
    revision: str,
    words: str,
) -> None:
    name, engine = own_database
    email = _new_person_in(engine, PASSWORD)
    profile = ServerProfile(
        name="t",
        kind="postgresql",
        host=pg_cluster.host,
        port=pg_cluster.port,
        database=name,
        sslmode="disable",
    )
    with signed_in(profile, email, PASSWORD):
        pass  # at head it works

    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    with pytest.raises(SchemaMismatchError) as caught:
        sign_in(profile, email, PASSWORD)
    message = str(caught.value)
    assert words in message
    assert revision in message
    assert PASSWORD not in message


def _new_person_in(engine: Engine, password: str) -> str:
    email = f"p{uuid.uuid4().hex[:10]}@example.test"
    accounts.create_user(uow_factory_for(engine), email=email, password=password)
    return email


def test_dropped_database_is_unavailable_not_a_credentials_error(
    pg_cluster: PostgresCluster,
) -> None:
    """The person's login role outlives the database (roles are cluster-wide)."""
    name, engine = _new_database(pg_cluster, with_demo=False)
    try:
        email = _new_person_in(engine, PASSWORD)
    finally:
        engine.dispose()
    pg_cluster.drop_database(name)
    profile = ServerProfile(
        name="t",
        kind="postgresql",
        host=pg_cluster.host,
        port=pg_cluster.port,
        database=name,
        sslmode="disable",
    )
    with pytest.raises(DatabaseUnavailableError) as caught:
        sign_in(profile, email, PASSWORD)
    assert "does not exist" in str(caught.value)
    assert PASSWORD not in str(caught.value)


def test_database_name_unknown_to_the_server_is_refused(server: Server) -> None:
    """A mistyped database name: the login role is derived from it, so no such role exists.

    PostgreSQL authenticates before it looks the database up and answers an unknown role
    exactly like a wrong password, so the client cannot tell "no such database" apart
    from "wrong credentials" without credentials that work: it is refused as the latter.
    """
    with pytest.raises(InvalidCredentialsError) as caught:
        sign_in(server.profile(database="no_such_db"), LEARNER.email, LEARNER.password)
    assert LEARNER.password not in str(caught.value)
