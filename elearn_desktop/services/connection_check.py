"""Test a server profile without signing in: does a PostgreSQL server answer there?

Used by the settings dialog's "Test connection". No credentials are sent: a server that
answers by asking for a password is reachable (and speaks TLS as the profile asks), which
is what the test is for; whether an account may sign in is the sign-in's business.
"""

from __future__ import annotations

import psycopg

from elearn_desktop.domain.errors import DatabaseUnavailableError
from elearn_desktop.services.profiles import ServerProfile

#: A role name no one has: the server rejects it after proving it is there.
PROBE_ROLE = "elearn_connection_test"

_ASKS_FOR_PASSWORD = (
    "no password supplied",
    "password authentication failed",
    "does not exist",  # the probe role; a missing database is only told after a password
)


def check_connection(profile: ServerProfile, *, timeout_s: int = 5) -> str:
    """A sentence saying the server answered; raises DatabaseUnavailableError in words."""
    profile.validate()
    if profile.is_embedded:
        return "The embedded database lives on this computer: there is no server to reach."
    where = profile.display
    params: dict[str, str | int] = {
        "host": profile.host.strip(),
        "port": profile.port,
        "dbname": profile.database.strip(),
        "user": PROBE_ROLE,
        "password": "",
        "sslmode": profile.sslmode,
        "connect_timeout": max(1, timeout_s),
        "application_name": "elearn-desktop connection test",
    }
    if profile.sslrootcert:
        params["sslrootcert"] = profile.sslrootcert
    try:
        psycopg.connect(**params).close()  # type: ignore[arg-type]
    except psycopg.OperationalError as exc:
        message = str(exc).strip()
        lowered = message.lower()
        if "pg_hba.conf" in lowered:
            raise DatabaseUnavailableError(
                f"the server at {where} answered but does not accept connections from "
                "this computer (its pg_hba.conf has no entry for it); ask its administrator"
            ) from None
        if any(marker in lowered for marker in _ASKS_FOR_PASSWORD):
            return f"The server at {where} answered and asks for a password: you can sign in."
        first = message.splitlines()[0] if message else type(exc).__name__
        # "connection failed: connection to server at "h", port 1 failed: Connection refused"
        reason = first.rsplit("failed:", 1)[-1].strip() or first
        raise DatabaseUnavailableError(f"cannot reach {where}: {reason}") from None
    return f"The server at {where} answered."
