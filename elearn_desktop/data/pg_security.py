"""PostgreSQL login roles for people: naming, SCRAM verifiers, create/alter.

A person's login role name is derived from the database name and their lower-cased email,
so the client can connect without a lookup, and two databases on one cluster (roles are
cluster-wide) never collide. Passwords reach the server only as SCRAM-SHA-256 verifiers,
never in clear text (which the server could log).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata

from sqlalchemy import Connection, text

LOGIN_ROLE_PREFIX = "elearn_u_"
GROUP_ROLE_PREFIX = "elearn_"
SCRAM_ITERATIONS = 4096


def login_role_name(database: str, email: str) -> str:
    digest = hashlib.sha256(f"{database}\n{email.strip().lower()}".encode()).hexdigest()
    return LOGIN_ROLE_PREFIX + digest[:24]


def scram_sha256_verifier(
    password: str, *, salt: bytes | None = None, iterations: int = SCRAM_ITERATIONS
) -> str:
    """The verifier PostgreSQL stores for ``password`` (RFC 5802/7677 as PostgreSQL does).

    PostgreSQL SASLprep-normalises passwords; NFKC is the part that changes real
    passwords, and ASCII passwords are unchanged by either.
    """
    salt = salt if salt is not None else os.urandom(16)
    normalised = unicodedata.normalize("NFKC", password).encode()
    salted = hashlib.pbkdf2_hmac("sha256", normalised, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _quote_ident(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def current_database(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_database()")).scalar_one())


def role_exists(conn: Connection, role: str) -> bool:
    return bool(
        conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    )


def server_verifier(conn: Connection, role: str, password: str) -> str:
    """The SCRAM verifier computed by libpq (``PQencryptPasswordConn``): exactly the
    server's SASLprep, so every password that opens the login here opens it in psql.
    Falls back to our own computation on a driver without it."""
    driver = getattr(conn.connection, "driver_connection", None)
    pgconn = getattr(driver, "pgconn", None)
    if pgconn is not None:
        raw: bytes = pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")
        return raw.decode()
    return scram_sha256_verifier(password)


def create_login_role(conn: Connection, role: str, password: str) -> None:
    # DDL takes no bind parameters: the name is ours (hex), the verifier is quoted, and
    # neither contains '%' or ':' bind markers (driver-level execution, no parsing).
    conn.exec_driver_sql(
        f"CREATE ROLE {_quote_ident(conn, role)} LOGIN INHERIT NOSUPERUSER NOBYPASSRLS "
        f"NOCREATEDB NOCREATEROLE PASSWORD {_literal(server_verifier(conn, role, password))}"
    )


def set_can_login(conn: Connection, role: str, can_login: bool) -> None:
    """LOGIN or NOLOGIN: a deactivated person's role must not connect."""
    state = "LOGIN" if can_login else "NOLOGIN"
    conn.exec_driver_sql(f"ALTER ROLE {_quote_ident(conn, role)} {state}")


def revoke_all_memberships(conn: Connection, role: str) -> None:
    """Take every group away from ``role`` (a login left behind by someone deleted)."""
    groups = conn.execute(
        text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :r"
        ),
        {"r": role},
    ).scalars()
    for group in list(groups):
        conn.exec_driver_sql(f"REVOKE {_quote_ident(conn, group)} FROM {_quote_ident(conn, role)}")


def set_login_password(conn: Connection, role: str, password: str) -> None:
    conn.exec_driver_sql(
        f"ALTER ROLE {_quote_ident(conn, role)} "
        f"PASSWORD {_literal(server_verifier(conn, role, password))}"
    )
