"""Server profiles: where to sign in (the embedded database, or a PostgreSQL server)."""

from __future__ import annotations

from dataclasses import dataclass, field

from elearn_desktop.config import DatabaseTarget, embedded_database_url, parse_database_url
from elearn_desktop.domain.errors import ValidationError

EMBEDDED = "embedded"
POSTGRESQL = "postgresql"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True, slots=True)
class ServerProfile:
    name: str
    kind: str = EMBEDDED
    host: str = "localhost"
    port: int = 5432
    database: str = "elearn"
    sslmode: str = "prefer"
    sslrootcert: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_embedded(self) -> bool:
        return self.kind == EMBEDDED

    @property
    def key(self) -> str:
        """A stable, file-name-safe id of the server (not of the profile's display name)."""
        import hashlib  # here: OpenSSL's ~3 ms are not needed before the window paints

        where = EMBEDDED if self.is_embedded else f"{self.host}:{self.port}/{self.database}"
        return hashlib.sha256(where.encode()).hexdigest()[:16]

    @property
    def display(self) -> str:
        if self.is_embedded:
            return "Embedded database"
        return f"{self.database} on {self.host}:{self.port}"

    def validate(self) -> None:
        if not self.name.strip():
            raise ValidationError("name", "give the profile a name")
        if self.is_embedded:
            return
        if self.kind != POSTGRESQL:
            raise ValidationError("kind", f"unknown server type '{self.kind}'")
        if not self.host.strip():
            raise ValidationError("host", "enter the server's host name")
        if not 1 <= self.port <= 65535:
            raise ValidationError("port", "the port is a number from 1 to 65535")
        if not self.database.strip():
            raise ValidationError("database", "enter the database name")
        if self.sslmode not in SSL_MODES:
            raise ValidationError("sslmode", f"TLS mode must be one of {', '.join(SSL_MODES)}")

    def target(self, *, username: str | None = None, password: str | None = None) -> DatabaseTarget:
        """The database URL for this profile, signed in as ``username`` when given."""
        self.validate()
        if self.is_embedded:
            return DatabaseTarget(url=parse_database_url(embedded_database_url()), embedded=True)
        from sqlalchemy.engine import URL  # not at import: the sign-in dialog opens first

        query = {"sslmode": self.sslmode}
        if self.sslrootcert:
            query["sslrootcert"] = self.sslrootcert
        url = URL.create(
            "postgresql+psycopg",
            username=username,
            password=password,
            host=self.host.strip(),
            port=self.port,
            database=self.database.strip(),
            query=query,
        )
        return DatabaseTarget(url=url, embedded=False)


EMBEDDED_PROFILE = ServerProfile(name="Embedded (this computer)", kind=EMBEDDED)


def profile_from_url(raw: str) -> ServerProfile:
    """A PostgreSQL profile from a database URL (``--database-url`` / ELEARN_DATABASE_URL)."""
    url = parse_database_url(raw)
    if url.get_backend_name() != "postgresql":
        raise ValidationError(
            "url",
            "the app signs in to PostgreSQL servers or its embedded database; "
            "to move the embedded database, set ELEARN_DATA_DIR",
        )

    def query_value(name: str, default: str) -> str:
        value = url.query.get(name, default)
        return value if isinstance(value, str) else value[0]

    profile = ServerProfile(
        name=f"{url.database} on {url.host or 'localhost'}",
        kind=POSTGRESQL,
        host=url.host or "localhost",
        port=url.port or 5432,
        database=url.database or "",
        sslmode=query_value("sslmode", "prefer"),
        sslrootcert=query_value("sslrootcert", ""),
    )
    profile.validate()
    return profile
