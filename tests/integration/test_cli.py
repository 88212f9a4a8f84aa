"""`elearn`: exit codes, one-line errors, no secrets, and the commands on both backends."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from elearn_desktop import cli
from elearn_desktop.config import ENV_DATA_DIR, ENV_DATABASE_URL
from elearn_desktop.data import migrations
from elearn_desktop.data.models import User
from elearn_desktop.domain.passwords import verify_password
from tests.conftest import EngineFactory

SECRET = "s3cret-Pa55word"
UNREACHABLE = f"postgresql+psycopg://u:{SECRET}@127.0.0.1:1/x"
PASSWORD = "a-Decent-passw0rd"


class Result(NamedTuple):
    code: int
    out: str
    err: str

    def one_error_line(self) -> str:
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("elearn: error: "), lines[0]
        assert "Traceback" not in self.err
        return lines[0]


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``elearn`` in-process: ``main`` must return a code, never raise."""

    def runner(*args: str) -> Result:
        capsys.readouterr()
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return runner


def _subprocess(*args: str, env: dict[str, str] | None = None) -> Result:
    result = subprocess.run(
        [sys.executable, "-m", "elearn_desktop.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return Result(result.returncode, result.stdout, result.stderr)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Never touch the real user data folder or a database from the environment.
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)


class Database(NamedTuple):
    """The global options selecting a database, and the URL to check it with."""

    args: list[str]
    url: str


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgresql"],
)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if request.param == "sqlite":
        # The embedded database in ELEARN_DATA_DIR: no option at all.
        return Database([], f"sqlite:///{tmp_path / 'data' / 'embedded.sqlite3'}")
    url: str = request.getfixturevalue("pg_url")
    return Database(["--database-url", url], url)


@pytest.fixture
def upgraded(database: Database, run: Run) -> Database:
    assert run(*database.args, "db", "upgrade").code == 0
    return database


# ------------------------------------------------------------------- usage and failures


def test_help(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    for command in ("db", "demo", "users", "--database-url"):
        assert command in result.out
    assert run().code == 0  # no arguments: the help too
    assert run("users", "--help").code == 0


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.code == 0
    assert "0.1.0" in result.out


@pytest.mark.parametrize(
    "args",
    [["frobnicate"], ["db", "downgrade"], ["users", "create"], ["users", "list", "--limit", "0"]],
)
def test_usage_errors_exit_2_with_one_line(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.code == 2
    line = result.one_error_line()
    assert "--help" in line


def test_bad_url_exits_1_without_the_password(run: Run) -> None:
    for url in (f"mysql://root:{SECRET}@localhost/db", f"postgresql//root:{SECRET}@h/db"):
        result = run("--database-url", url, "db", "current")
        assert result.code == 1
        result.one_error_line()
        assert SECRET not in result.out + result.err


def test_bad_url_in_the_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATABASE_URL, f"oracle://scott:{SECRET}@h/db")
    result = run("users", "list")
    assert result.code == 1
    assert "oracle" in result.one_error_line()
    assert SECRET not in result.out + result.err


@pytest.mark.parametrize(
    "args",
    [
        ["db", "current"],
        ["db", "upgrade"],
        ["demo", "load"],
        ["users", "list"],
        ["users", "create", "--email", "x@example.com", "--password", PASSWORD],
    ],
)
def test_unreachable_server_exits_1_with_one_line(run: Run, args: list[str]) -> None:
    result = run("--database-url", UNREACHABLE, *args)
    assert result.code == 1
    line = result.one_error_line()
    assert "127.0.0.1:1" in line
    assert SECRET not in result.out + result.err


def test_unusable_sqlite_location_is_one_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = run(
        "--database-url", f"sqlite:///{tmp_path / 'a-file' / 'db.sqlite3'}", "db", "current"
    )
    assert result.code == 1
    assert "a-file" in result.one_error_line()


def test_subprocess_errors_have_no_traceback(tmp_path: Path) -> None:
    ok = _subprocess("--help")
    assert ok.code == 0
    assert "Usage: elearn" in ok.out
    assert ok.err == ""

    unreachable = _subprocess("--database-url", UNREACHABLE, "db", "current")
    assert unreachable.code == 1
    unreachable.one_error_line()
    assert SECRET not in unreachable.out + unreachable.err

    (tmp_path / "a-file").write_text("not a folder")
    unexpected = _subprocess(
        "--database-url", f"sqlite:///{tmp_path / 'a-file' / 'db.sqlite3'}", "db", "current"
    )
    assert unexpected.code == 1
    unexpected.one_error_line()


# ------------------------------------------------------------------------- db and demo


def test_db_upgrade_current_and_demo_load(database: Database, run: Run) -> None:
    head = migrations.head_revision()

    before = run(*database.args, "db", "current", "--json")
    assert before.code == 0, before.err
    status = json.loads(before.out)
    assert status["current"] is None
    assert status["head"] == head
    assert status["up_to_date"] is False

    refused = run(*database.args, "demo", "load")
    assert refused.code == 1
    assert "elearn db upgrade" in refused.one_error_line()

    first = run(*database.args, "db", "upgrade")
    assert first.code == 0, first.err
    assert f"→ {head}" in first.out
    again = run(*database.args, "db", "upgrade")
    assert again.code == 0
    assert "nothing to do" in again.out

    after = json.loads(run(*database.args, "db", "current", "--json").out)
    assert after == {**status, "current": head, "up_to_date": True}
    if database.args:
        assert "***" in after["database"]  # the password is hidden
        password = sa.engine.make_url(database.url).password
        assert password
        assert password not in after["database"]
    else:
        assert after["database"].startswith("embedded (")
        assert after["database"].endswith("embedded.sqlite3)")

    loaded = run(*database.args, "demo", "load")
    assert loaded.code == 0, loaded.err
    assert "learner@demo.test" in loaded.out
    reloaded = run(*database.args, "demo", "load")
    assert reloaded.code == 0
    assert "0 rows added" in reloaded.out


def test_embedded_database_lives_in_the_data_folder(run: Run, tmp_path: Path) -> None:
    assert run("db", "upgrade").code == 0
    assert (tmp_path / "data" / "embedded.sqlite3").is_file()


# ------------------------------------------------------------------------------- users


def _password_hashes(make_engine: EngineFactory, url: str, email: str) -> list[str]:
    """The stored password hash of every user row with this email (case-insensitive)."""
    with make_engine(url).connect() as conn:
        rows = conn.execute(
            select(User.password_hash).where(func.lower(User.email) == email.lower())
        )
        return list(rows.scalars())


def test_users_commands(upgraded: Database, run: Run, make_engine: EngineFactory) -> None:
    args = upgraded.args
    created = run(
        *args,
        "users",
        "create",
        "--email",
        " Erin@Example.com",
        "--password",
        PASSWORD,
        "--role",
        "support",
        "--first-name",
        "Erin",
    )
    assert created.code == 0, created.err
    account = json.loads(created.out)
    assert account["email"] == "erin@example.com"
    assert account["roles"] == ["learner", "support"]
    assert account["is_active"] is True
    assert len(account["id"]) == 36

    duplicate = run(*args, "users", "create", "--email", "ERIN@example.com", "--password", PASSWORD)
    assert duplicate.code == 1
    assert "already exists" in duplicate.one_error_line()
    assert len(_password_hashes(make_engine, upgraded.url, "erin@example.com")) == 1

    weak = run(*args, "users", "create", "--email", "weak@example.com", "--password", "short")
    assert weak.code == 1
    assert "password" in weak.one_error_line()
    bad_role = run(
        *args, "users", "create", "--email", "r@example.com", "--password", PASSWORD, "--role", "x"
    )
    assert bad_role.code == 1
    assert "unknown role" in bad_role.one_error_line()

    run(*args, "users", "create", "--email", "frank@example.com", "--password", PASSWORD)
    listed = run(*args, "users", "list", "--json")
    assert listed.code == 0
    assert [u["email"] for u in json.loads(listed.out)] == ["erin@example.com", "frank@example.com"]
    searched = json.loads(run(*args, "users", "list", "--json", "--search", "ERIN").out)
    assert [u["email"] for u in searched] == ["erin@example.com"]
    table = run(*args, "users", "list")
    assert table.code == 0
    assert "2 people" in table.out

    shown = run(*args, "users", "show", "erin@example.com", "--json")
    assert shown.code == 0
    # `show` is the account as `create` printed it, plus subscriptions and progress.
    detail = json.loads(shown.out)
    assert {k: detail[k] for k in account} == account
    assert detail["subscriptions"] == []
    assert detail["progress"]["courses_enrolled"] == 0
    by_id = run(*args, "users", "show", account["id"], "--json")
    assert json.loads(by_id.out) == detail

    missing = run(*args, "users", "show", "nobody@example.com")
    assert missing.code == 1
    assert "nobody@example.com" in missing.one_error_line()

    deactivated = run(*args, "users", "deactivate", "erin@example.com")
    assert deactivated.code == 0
    assert "Deactivated erin@example.com" in deactivated.out
    assert (
        json.loads(run(*args, "users", "show", account["id"], "--json").out)["is_active"] is False
    )
    text = run(*args, "users", "show", "erin@example.com")
    assert text.code == 0
    assert "is_active  False" in text.out

    new_password = "brand-New-secret-99"
    changed = run(*args, "users", "set-password", "erin@example.com", "--password", new_password)
    assert changed.code == 0, changed.err
    assert new_password not in changed.out + changed.err
    (stored,) = _password_hashes(make_engine, upgraded.url, "erin@example.com")
    assert verify_password(stored, new_password)
    assert not verify_password(stored, PASSWORD)

    too_weak = run(*args, "users", "set-password", "erin@example.com", "--password", "abc")
    assert too_weak.code == 1
    too_weak.one_error_line()
    assert _password_hashes(make_engine, upgraded.url, "erin@example.com") == [stored]


@pytest.mark.postgres
def test_subprocess_users_create_on_postgres(pg_url: str, make_engine: EngineFactory) -> None:
    upgraded = _subprocess("--database-url", pg_url, "db", "upgrade")
    assert upgraded.code == 0, upgraded.err
    created = _subprocess(
        "--database-url", pg_url, "users", "create", "--email", "sub@example.com",
        "--password", PASSWORD,
    )  # fmt: skip
    assert created.code == 0, created.err
    assert json.loads(created.out)["email"] == "sub@example.com"
    duplicate = _subprocess(
        "--database-url", pg_url, "users", "create", "--email", "sub@example.com",
        "--password", PASSWORD,
    )  # fmt: skip
    assert duplicate.code == 1
    duplicate.one_error_line()
    assert len(_password_hashes(make_engine, pg_url, "sub@example.com")) == 1
