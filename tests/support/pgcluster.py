"""A throw-away PostgreSQL cluster for the test suite.

``PostgresCluster`` runs ``initdb`` into a fresh temporary directory, starts the
server on a free TCP port of 127.0.0.1 and removes everything again on
``stop()``.  Every connection, TCP or Unix socket, must authenticate with
SCRAM-SHA-256: the cluster never allows password-less access, so the tests
exercise the same authentication path as production.

When the tests run as root (as in CI), the PostgreSQL binaries are run as the
``postgres`` OS user, since ``initdb`` and ``postgres`` refuse to run as root.
Durability is switched off (``fsync=off`` ...): this cluster is for tests only.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import quote

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

__all__ = ["BINARIES_NOT_FOUND", "PostgresCluster", "find_pg_bindir"]

BINARIES_NOT_FOUND = "PostgreSQL server binaries not found; install the `postgresql` package"

_PG_LIB_ROOT = Path("/usr/lib/postgresql")
_REQUIRED_BINARIES = ("initdb", "pg_ctl", "postgres")
_OS_USER_WHEN_ROOT = "postgres"
_START_ATTEMPTS = 3
_START_TIMEOUT_S = 60
_STOP_TIMEOUT_S = 30

_HBA_CONF = """\
# Written by tests/support/pgcluster.py: every connection must authenticate
# with SCRAM-SHA-256.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 scram-sha-256
host    all       all   127.0.0.1/32  scram-sha-256
host    all       all   ::1/128       scram-sha-256
"""


def _has_server_binaries(bindir: Path) -> bool:
    return all(os.access(bindir / name, os.X_OK) for name in _REQUIRED_BINARIES)


def _version_key(bindir: Path) -> tuple[int, ...]:
    """Sort key for ``/usr/lib/postgresql/<version>/bin``: ``15`` -> ``(15,)``."""
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name))


def find_pg_bindir(
    *,
    lib_root: Path | None = None,
    path: str | None = None,
) -> Path:
    """Directory holding ``initdb``, ``pg_ctl`` and ``postgres``.

    Looks in ``<lib_root>/*/bin`` (default ``/usr/lib/postgresql/*/bin``, the
    Debian/Ubuntu layout; highest version first), then on ``path`` (default:
    ``$PATH``), then in ``pg_config --bindir``.  Raises ``RuntimeError`` if
    none has the server binaries.
    """
    if lib_root is None:
        lib_root = _PG_LIB_ROOT
    candidates = sorted(
        (d for d in lib_root.glob("*/bin") if _has_server_binaries(d)),
        key=_version_key,
        reverse=True,
    )
    if candidates:
        return candidates[0]

    search_path = os.environ.get("PATH", os.defpath) if path is None else path
    initdb = shutil.which("initdb", path=search_path)
    if initdb is not None:
        bindir = Path(initdb).resolve().parent
        if _has_server_binaries(bindir):
            return bindir

    pg_config = shutil.which("pg_config", path=search_path)
    if pg_config is not None:
        result = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip():
            bindir = Path(result.stdout.strip())
            if _has_server_binaries(bindir):
                return bindir

    raise RuntimeError(BINARIES_NOT_FOUND)


def _free_tcp_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _conf_string(value: str) -> str:
    """Quote ``value`` as a postgresql.conf string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresCluster:
    """A private, temporary PostgreSQL cluster reachable over TCP on 127.0.0.1.

    Use as a context manager, or call ``start()`` and ``stop()``.  ``stop()``
    is idempotent, removes the temporary directory, and also runs at interpreter
    exit as a safety net.  ``start()`` after ``stop()`` builds a new cluster.
    """

    def __init__(
        self,
        *,
        bindir: Path | None = None,
        superuser: str = "postgres",
        superuser_password: str | None = None,
        host: str = "127.0.0.1",
        max_connections: int = 200,
        settings: Mapping[str, str] | None = None,
    ) -> None:
        self._bindir = bindir
        # postgresql.conf settings over the defaults below (e.g. synchronous_commit = on
        # for a test that crashes the server and counts on every acknowledged commit).
        self._settings = dict(settings or {})
        self._superuser = superuser
        self._superuser_password = (
            superuser_password if superuser_password is not None else secrets.token_urlsafe(24)
        )
        self._host = host
        self._max_connections = max_connections
        self._tmpdir: Path | None = None
        self._port: int | None = None
        self._running = False
        self._as_user: pwd.struct_passwd | None = None

    # -- public properties -------------------------------------------------

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        if self._port is None or not self._running:
            raise RuntimeError("the PostgreSQL cluster is not running; call start() first")
        return self._port

    @property
    def superuser(self) -> str:
        return self._superuser

    @property
    def superuser_password(self) -> str:
        return self._superuser_password

    @property
    def running(self) -> bool:
        return self._running

    @property
    def base_dir(self) -> Path:
        """The temporary directory holding data dir, sockets and server log."""
        if self._tmpdir is None:
            raise RuntimeError("the PostgreSQL cluster has not been initialised")
        return self._tmpdir

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base_dir / "sock"

    @property
    def log_file(self) -> Path:
        return self.base_dir / "server.log"

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> Self:
        """Initialise (if needed) and start the cluster; no-op if running."""
        if self._running:
            return self
        if self._bindir is None:
            self._bindir = find_pg_bindir()
        elif not _has_server_binaries(self._bindir):
            raise RuntimeError(f"{BINARIES_NOT_FOUND} (looked in {self._bindir})")
        atexit.register(self.stop)
        try:
            if self._tmpdir is None:
                self._init_cluster()
            self._start_server()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete the temporary directory.

        Safe to call any number of times.
        """
        atexit.unregister(self.stop)
        tmpdir = self._tmpdir
        if tmpdir is None:
            self._running = False
            return
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._stop_server(self.data_dir)
        finally:
            self._tmpdir = None
            self._running = False
            self._port = None
            shutil.rmtree(tmpdir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def crash(self) -> None:
        """Stop the server at once (``pg_ctl stop -m immediate``), as a power cut would.

        The data stays; :meth:`restart` starts the server again on the same port (crash
        recovery runs). Connections die with "server closed the connection".
        """
        if not self._running:
            raise RuntimeError("the PostgreSQL cluster is not running")
        result = self._run(
            [
                self._binary("pg_ctl"),
                "stop",
                f"--pgdata={self.data_dir}",
                "--mode=immediate",
                "--wait",
                f"--timeout={_STOP_TIMEOUT_S}",
            ]
        )
        if result.returncode != 0:
            raise RuntimeError(f"pg_ctl stop -m immediate failed:\n{result.stderr}")
        self._running = False

    def restart(self) -> None:
        """Start the server again after :meth:`crash`, on the same port."""
        if self._running:
            return
        if self._port is None or self._tmpdir is None:
            raise RuntimeError("the PostgreSQL cluster was never started")
        result = self._run(
            [
                self._binary("pg_ctl"),
                "start",
                f"--pgdata={self.data_dir}",
                f"--log={self.log_file}",
                f"--options=-p {self._port}",
                "--wait",
                f"--timeout={_START_TIMEOUT_S}",
            ]
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"could not restart the PostgreSQL test cluster:\n{result.stderr}\n"
                f"--- server log ---\n{self._log_tail()}"
            )
        self._running = True

    # -- URLs, connections and databases -----------------------------------

    def url(
        self,
        dbname: str,
        *,
        user: str | None = None,
        password: str | None = None,
        driver: str = "postgresql+psycopg",
    ) -> str:
        """SQLAlchemy URL for ``dbname`` over TCP.

        Without ``user`` the superuser and (unless ``password`` is given) its
        password are used; with ``user`` and no ``password``, the URL has none.
        """
        if user is None:
            user = self._superuser
            if password is None:
                password = self._superuser_password
        credentials = quote(user, safe="")
        if password is not None:
            credentials += ":" + quote(password, safe="")
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"{driver}://{credentials}@{host}:{self.port}/{quote(dbname, safe='')}"

    def connect(self, dbname: str = "postgres") -> psycopg.Connection[TupleRow]:
        """An autocommit psycopg connection as the superuser, over TCP."""
        return psycopg.connect(
            host=self._host,
            port=self.port,
            user=self._superuser,
            password=self._superuser_password,
            dbname=dbname,
            autocommit=True,
            connect_timeout=10,
        )

    def create_database(self, name: str) -> str:
        """Create an empty database owned by the superuser; return its URL."""
        with self.connect() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Disconnect everyone from ``name`` and drop it (if it exists)."""
        with self.connect() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    # -- internals ---------------------------------------------------------

    def _binary(self, name: str) -> str:
        assert self._bindir is not None
        return str(self._bindir / name)

    def _run(
        self, args: Sequence[str], *, extra_env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL binary, as the ``postgres`` OS user if we are root."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update({"LC_ALL": "C", "LANG": "C"})
        if extra_env:
            env.update(extra_env)
        if self._as_user is None:
            return subprocess.run(
                list(args), cwd=self.base_dir, env=env, capture_output=True, text=True, check=False
            )
        env.update({"HOME": str(self.base_dir), "USER": self._as_user.pw_name})
        return subprocess.run(
            list(args),
            cwd=self.base_dir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            user=self._as_user.pw_uid,
            group=self._as_user.pw_gid,
            extra_groups=[],
        )

    def _init_cluster(self) -> None:
        if os.geteuid() == 0:
            try:
                self._as_user = pwd.getpwnam(_OS_USER_WHEN_ROOT)
            except KeyError:
                raise RuntimeError(
                    f"running as root, but there is no {_OS_USER_WHEN_ROOT!r} OS user to run"
                    " the PostgreSQL server as; install the `postgresql` package"
                ) from None
        self._tmpdir = Path(tempfile.mkdtemp(prefix="elearn-pg-"))
        self.socket_dir.mkdir(mode=0o700)
        pwfile = self.base_dir / "pwfile"
        pwfile.write_text(self._superuser_password + "\n", encoding="utf-8")
        pwfile.chmod(0o600)
        if self._as_user is not None:
            for path in (self.base_dir, self.socket_dir, pwfile):
                os.chown(path, self._as_user.pw_uid, self._as_user.pw_gid)

        result = self._run(
            [
                self._binary("initdb"),
                f"--pgdata={self.data_dir}",
                f"--username={self._superuser}",
                f"--pwfile={pwfile}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        pwfile.unlink()
        if result.returncode != 0:
            raise RuntimeError(f"initdb failed ({result.returncode}):\n{result.stderr}")

        (self.data_dir / "pg_hba.conf").write_text(_HBA_CONF, encoding="utf-8")
        settings = {
            "listen_addresses": _conf_string(self._host),
            "unix_socket_directories": _conf_string(str(self.socket_dir)),
            "password_encryption": "'scram-sha-256'",
            "max_connections": str(self._max_connections),
            # Test cluster only: trade durability for speed.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            **self._settings,
        }
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# --- tests/support/pgcluster.py ---\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _start_server(self) -> None:
        last_error = ""
        for _ in range(_START_ATTEMPTS):
            port = _free_tcp_port(self._host)
            result = self._run(
                [
                    self._binary("pg_ctl"),
                    "start",
                    f"--pgdata={self.data_dir}",
                    f"--log={self.log_file}",
                    f"--options=-p {port}",
                    "--wait",
                    f"--timeout={_START_TIMEOUT_S}",
                ]
            )
            if result.returncode == 0:
                self._port = port
                self._running = True
                return
            log = self._log_tail()
            last_error = f"{result.stdout}{result.stderr}\n--- server log ---\n{log}"
            if "could not bind" not in log and "already in use" not in log:
                break
            # Lost a race for the port: make sure nothing is left, try another.
            if (self.data_dir / "postmaster.pid").exists():
                self._stop_server(self.data_dir)
        raise RuntimeError(f"could not start the PostgreSQL test cluster:\n{last_error}")

    def _stop_server(self, data_dir: Path) -> None:
        stop = [
            self._binary("pg_ctl"),
            "stop",
            f"--pgdata={data_dir}",
            "--wait",
            f"--timeout={_STOP_TIMEOUT_S}",
        ]
        result = self._run([*stop, "--mode=fast"])
        if result.returncode != 0 and (data_dir / "postmaster.pid").exists():
            self._run([*stop, "--mode=immediate"])

    def _log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(
                self.log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            )
        return "(no server log)"
