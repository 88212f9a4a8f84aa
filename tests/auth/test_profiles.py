"""Server profiles: validation, the connection URL they give, and their stable key."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from elearn_desktop.config import EMBEDDED_DB_FILENAME
from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.services.profiles import (
    EMBEDDED_PROFILE,
    SSL_MODES,
    ServerProfile,
    profile_from_url,
)

SERVER = ServerProfile(
    name="Campus", kind="postgresql", host="db.example.test", port=5432, database="elearn"
)
SPECIAL = "p@ss:w/rd?#%&'\" +x"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"kind": "mysql"}, "kind"),
        ({"host": ""}, "host"),
        ({"host": "   "}, "host"),
        ({"port": 0}, "port"),
        ({"port": -1}, "port"),
        ({"port": 65536}, "port"),
        ({"port": 70000}, "port"),
        ({"database": ""}, "database"),
        ({"database": "  "}, "database"),
        ({"sslmode": "bogus"}, "sslmode"),
        ({"sslmode": "VERIFY-FULL"}, "sslmode"),
        ({"sslmode": ""}, "sslmode"),
    ],
)
def test_invalid_profile_names_the_field(changes: dict[str, object], field: str) -> None:
    profile = dataclasses.replace(SERVER, **changes)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        profile.validate()
    assert caught.value.field == field
    assert str(caught.value)
    # target() validates too: no URL is ever built from a bad profile.
    with pytest.raises(ValidationError):
        profile.target(username="u", password="p")


@pytest.mark.parametrize("port", [1, 5432, 65535])
@pytest.mark.parametrize("sslmode", SSL_MODES)
def test_valid_profiles_pass(port: int, sslmode: str) -> None:
    dataclasses.replace(SERVER, port=port, sslmode=sslmode).validate()


def test_embedded_profile_needs_no_server_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ELEARN_DATA_DIR", str(tmp_path))
    profile = dataclasses.replace(EMBEDDED_PROFILE, host="", port=0, database="", sslmode="x")
    profile.validate()
    target = profile.target()
    assert target.embedded
    assert target.url.get_backend_name() == "sqlite"
    assert Path(target.url.database or "") == tmp_path / EMBEDDED_DB_FILENAME
    assert EMBEDDED_PROFILE.is_embedded
    assert not SERVER.is_embedded


def test_verify_full_reaches_the_connection_url() -> None:
    profile = dataclasses.replace(SERVER, sslmode="verify-full", sslrootcert="/etc/ssl/ca.pem")
    profile.validate()
    url = profile.target(username="someone", password="secret-1").url
    assert url.query["sslmode"] == "verify-full"
    assert url.query["sslrootcert"] == "/etc/ssl/ca.pem"
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == (
        "db.example.test",
        5432,
        "elearn",
        "someone",
    )
    assert "sslrootcert" not in SERVER.target().url.query  # only when configured


def test_target_strips_typed_whitespace() -> None:
    profile = dataclasses.replace(SERVER, host="  db.example.test ", database=" elearn ")
    url = profile.target().url
    assert (url.host, url.database) == ("db.example.test", "elearn")


def test_password_special_characters_survive_the_url() -> None:
    target = SERVER.target(username="elearn_u_abc", password=SPECIAL)
    assert target.url.password == SPECIAL
    rendered = target.url.render_as_string(hide_password=False)
    assert SPECIAL not in rendered  # escaped, not pasted in
    parsed = make_url(rendered)
    assert parsed.password == SPECIAL
    assert (parsed.host, parsed.port, parsed.database) == ("db.example.test", 5432, "elearn")
    assert parsed.username == "elearn_u_abc"
    # What people see never shows it.
    assert SPECIAL not in target.display
    assert "***" in target.display
    assert SPECIAL not in target.url.render_as_string(hide_password=True)


def test_key_identifies_the_server_not_the_profile_name() -> None:
    assert SERVER.key == dataclasses.replace(SERVER, name="Renamed").key
    assert SERVER.key == dataclasses.replace(SERVER, sslmode="verify-full").key
    assert (
        SERVER.key
        == ServerProfile(
            name="x", kind="postgresql", host="db.example.test", port=5432, database="elearn"
        ).key
    )
    others = {
        dataclasses.replace(SERVER, host="db2.example.test").key,
        dataclasses.replace(SERVER, port=5433).key,
        dataclasses.replace(SERVER, database="staging").key,
        EMBEDDED_PROFILE.key,
    }
    assert SERVER.key not in others
    assert len(others) == 4
    for key in (SERVER.key, *others):
        assert len(key) == 16
        assert all(c in "0123456789abcdef" for c in key)  # safe as a folder name
    assert EMBEDDED_PROFILE.key == dataclasses.replace(EMBEDDED_PROFILE, name="other").key


def test_display_says_where_without_secrets() -> None:
    assert SERVER.display == "elearn on db.example.test:5432"
    assert EMBEDDED_PROFILE.display == "Embedded database"


def test_profile_from_url_keeps_tls_mode_and_root_certificate() -> None:
    profile = profile_from_url(
        "postgresql+psycopg://db.example.test:6543/campus"
        "?sslmode=verify-full&sslrootcert=/etc/elearn/ca.pem"
    )
    assert (profile.host, profile.port, profile.database) == ("db.example.test", 6543, "campus")
    assert profile.sslmode == "verify-full"
    assert profile.sslrootcert == "/etc/elearn/ca.pem"
    url = make_url(str(profile.target(username="ada", password="pw").url.render_as_string(False)))
    assert url.query["sslrootcert"] == "/etc/elearn/ca.pem"
    assert url.query["sslmode"] == "verify-full"


def test_profile_from_url_defaults_without_query() -> None:
    profile = profile_from_url("postgresql://db.example.test/campus")
    assert profile.sslmode == "prefer"
    assert profile.sslrootcert == ""
    assert "sslrootcert" not in profile.target().url.query
