"""Integration tests of the throw-away PostgreSQL cluster used by the suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from psycopg import sql
from sqlalchemy.engine import make_url

from tests.support import pgcluster
from tests.support.pgcluster import BINARIES_NOT_FOUND, PostgresCluster, find_pg_bindir

pytestmark = pytest.mark.postgres

# Names of the databases handed out by ``pg_url``, to check they are dropped.
_seen_pg_url_databases: list[str] = []


def _database_exists(cluster: PostgresCluster, name: str) -> bool:
    with cluster.connect() as conn:
        row = conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,))
        result = row.fetchone()
    assert result is not None
    return bool(result[0])


def test_superuser_connects_over_tcp_with_password(pg_cluster: PostgresCluster) -> None:
    with psycopg.connect(
        host=pg_cluster.host,
        port=pg_cluster.port,
        user=pg_cluster.superuser,
        password=pg_cluster.superuser_password,
        dbname="postgres",
    ) as conn:
        row = conn.execute(
            "SELECT current_user, host(inet_server_addr()), rolpassword"
            " FROM pg_authid WHERE rolname = current_user"
        ).fetchone()
    assert row is not None
    user, server_addr, stored_password = row
    assert user == pg_cluster.superuser
    assert server_addr == "127.0.0.1"  # TCP, not the Unix socket
    assert stored_password.startswith("SCRAM-SHA-256$")


def test_wrong_password_is_refused(pg_cluster: PostgresCluster) -> None:
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(
            host=pg_cluster.host,
            port=pg_cluster.port,
            user=pg_cluster.superuser,
            password=pg_cluster.superuser_password + "-wrong",
            dbname="postgres",
        )


def test_missing_password_is_refused(pg_cluster: PostgresCluster, tmp_path: Path) -> None:
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(
            host=pg_cluster.host,
            port=pg_cluster.port,
            user=pg_cluster.superuser,
            dbname="postgres",
            passfile=str(tmp_path / "no-such-pgpass"),
        )


def test_pg_hba_only_allows_scram(pg_cluster: PostgresCluster) -> None:
    hba = (pg_cluster.data_dir / "pg_hba.conf").read_text(encoding="utf-8")
    rules = [
        line.split()
        for line in hba.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert rules, "pg_hba.conf has no rules"
    assert "trust" not in hba
    assert all(rule[-1] == "scram-sha-256" for rule in rules)
    with pg_cluster.connect() as conn:
        loaded = conn.execute(
            "SELECT type, address, auth_method, error FROM pg_hba_file_rules"
        ).fetchall()
    assert {(t, a) for t, a, _, _ in loaded} >= {("host", "127.0.0.1"), ("host", "::1")}
    assert all(method == "scram-sha-256" and error is None for _, _, method, error in loaded)


def test_server_settings(pg_cluster: PostgresCluster) -> None:
    expected = {
        "listen_addresses": "127.0.0.1",
        "password_encryption": "scram-sha-256",
        "max_connections": "200",
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "port": str(pg_cluster.port),
        "unix_socket_directories": str(pg_cluster.socket_dir),
        "server_encoding": "UTF8",
    }
    with pg_cluster.connect() as conn:
        actual = {name: conn.execute(f"SHOW {name}").fetchone() for name in expected}
    assert {name: row[0] for name, row in actual.items() if row is not None} == expected


def test_pg_url_gives_fresh_empty_database(pg_cluster: PostgresCluster, pg_url: str) -> None:
    url = make_url(pg_url)
    assert url.drivername == "postgresql+psycopg"
    assert url.host == pg_cluster.host
    assert url.port == pg_cluster.port
    assert url.database is not None
    assert url.database.startswith("t_")
    assert len(url.database) == 14
    _seen_pg_url_databases.append(url.database)

    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT current_database()")).scalar() == url.database
            user_tables = conn.execute(
                sa.text(
                    "SELECT count(*) FROM information_schema.tables"
                    " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
                )
            ).scalar()
            assert user_tables == 0
            # Leave something behind: the next test must not see it.
            conn.execute(sa.text("CREATE TABLE leftover (id int)"))
            conn.commit()
    finally:
        engine.dispose()


def test_pg_url_database_is_dropped_after_the_test(pg_cluster: PostgresCluster) -> None:
    if not _seen_pg_url_databases:
        pytest.skip("test_pg_url_gives_fresh_empty_database did not run before this test")
    for name in _seen_pg_url_databases:
        assert not _database_exists(pg_cluster, name)


def test_create_and_drop_database_with_open_connection(pg_cluster: PostgresCluster) -> None:
    name = "t_create_drop_check"
    url = pg_cluster.create_database(name)
    assert _database_exists(pg_cluster, name)
    engine = sa.create_engine(url)
    try:
        conn = engine.connect()
        conn.execute(sa.text("SELECT 1"))
        # An open connection (even a checked-out one) does not block the drop.
        pg_cluster.drop_database(name)
        assert not _database_exists(pg_cluster, name)
        pg_cluster.drop_database(name)  # IF EXISTS: a second drop is fine
    finally:
        engine.dispose()


def test_url_escapes_user_and_password(pg_cluster: PostgresCluster, pg_url: str) -> None:
    user, password = "app user@x", "p@ss:w/rd?#%é'"
    dbname = make_url(pg_url).database
    assert dbname is not None
    with pg_cluster.connect() as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(user), sql.Literal(password)
            )
        )
    engine = sa.create_engine(pg_cluster.url(dbname, user=user, password=password))
    try:
        with engine.connect() as conn2:
            assert conn2.execute(sa.text("SELECT current_user")).scalar() == user
    finally:
        engine.dispose()
        pg_cluster.drop_database(dbname)
        with pg_cluster.connect() as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(user)))

    assert pg_cluster.url("db", user="bob") == (
        f"postgresql+psycopg://bob@{pg_cluster.host}:{pg_cluster.port}/db"
    )
    assert pg_cluster.url("db", driver="postgresql").startswith("postgresql://postgres:")


def test_stop_is_idempotent_and_removes_temp_dir() -> None:
    cluster = PostgresCluster()
    with cluster:
        base_dir = cluster.base_dir
        assert cluster.running
        with cluster.connect() as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert not cluster.running
    assert not base_dir.exists()
    cluster.stop()
    cluster.stop()
    with pytest.raises(RuntimeError, match="not running"):
        _ = cluster.port


def test_missing_binaries_raise_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(RuntimeError) as excinfo:
        find_pg_bindir(lib_root=tmp_path, path=str(tmp_path))
    assert str(excinfo.value) == BINARIES_NOT_FOUND
    assert "install the `postgresql` package" in str(excinfo.value)

    # The same through PostgresCluster.start(), with nothing on PATH either.
    monkeypatch.setattr(pgcluster, "_PG_LIB_ROOT", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    cluster = PostgresCluster()
    with pytest.raises(RuntimeError, match="PostgreSQL server binaries not found"):
        cluster.start()
    assert not cluster.running

    with pytest.raises(RuntimeError, match="PostgreSQL server binaries not found"):
        PostgresCluster(bindir=tmp_path).start()


def test_finds_highest_installed_version() -> None:
    bindir = find_pg_bindir()
    assert (bindir / "initdb").exists()
    if Path("/usr/lib/postgresql").is_dir():
        versions = [
            d.parent.name
            for d in Path("/usr/lib/postgresql").glob("*/bin")
            if (d / "initdb").exists()
        ]
        assert bindir.parent.name == max(versions, key=lambda v: [int(p) for p in v.split(".")])
    assert shutil.which("initdb", path=str(bindir)) is not None
