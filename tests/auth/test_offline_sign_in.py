"""Offline sign-in: an argon2id verifier stored with the local cache after an online sign-in."""

from __future__ import annotations

import base64
import dataclasses
import json
import stat
from pathlib import Path

import argon2
import pytest

from elearn_desktop.config import ENV_DATA_DIR
from elearn_desktop.domain.passwords import verify_password
from elearn_desktop.services.auth import AccountDisabledError, InvalidCredentialsError
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.offline_auth import (
    CACHE_KEY_BYTES,
    VERIFIER_FILE,
    OfflineUnavailableError,
    cache_dir_for,
    derive_cache_key,
    has_offline_cache,
    remember_for_offline,
    unlock_offline,
)
from elearn_desktop.services.profiles import EMBEDDED_PROFILE, ServerProfile
from tests.auth._support import demo_account, signed_in

LEARNER = demo_account("learner@demo.test")
SERVER = ServerProfile(name="campus", kind="postgresql", host="db.example.test", database="elearn")
OTHER_SERVER = dataclasses.replace(SERVER, host="db2.example.test")


@pytest.fixture(scope="module")
def signed_in_learner(embedded_template: Path) -> UserSummary:
    """The account summary of a real online sign-in (embedded), once for the module."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV_DATA_DIR, str(embedded_template))
        with signed_in(EMBEDDED_PROFILE, LEARNER.email, LEARNER.password) as session:
            return session.user


@pytest.fixture
def learner(data_home: Path, signed_in_learner: UserSummary) -> UserSummary:
    """That summary, with ELEARN_DATA_DIR pointing at the test's own empty data folder."""
    return signed_in_learner


def _record(folder: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((folder / VERIFIER_FILE).read_text(encoding="utf-8"))
    return data


def test_remembered_account_unlocks_with_the_same_password(
    data_home: Path, learner: UserSummary
) -> None:
    folder = remember_for_offline(SERVER, learner, LEARNER.password)
    assert folder == cache_dir_for(SERVER, learner.email)
    assert folder.is_relative_to(data_home)  # with the local cache, in the data folder

    account = unlock_offline(SERVER, learner.email, LEARNER.password)
    assert account.user == learner
    assert account.cache_dir == folder
    assert isinstance(account.cache_key, bytes)
    assert len(account.cache_key) == CACHE_KEY_BYTES == 32
    # The email is normalised the same way as online.
    again = unlock_offline(SERVER, "  LEARNER@Demo.TEST ", LEARNER.password)
    assert again.user == learner
    assert again.cache_key == account.cache_key


def test_cache_key_is_stable_per_password(learner: UserSummary) -> None:
    folder = remember_for_offline(SERVER, learner, LEARNER.password)
    first = unlock_offline(SERVER, learner.email, LEARNER.password).cache_key
    salt = _record(folder)["key_salt"]
    verifier = _record(folder)["verifier"]

    # Signing in online again with the same password keeps the key: the cache stays readable.
    remember_for_offline(SERVER, learner, LEARNER.password)
    assert _record(folder)["key_salt"] == salt
    assert _record(folder)["verifier"] != verifier  # a fresh argon2 salt for the verifier
    assert unlock_offline(SERVER, learner.email, LEARNER.password).cache_key == first

    # Another password (changed online) gives another key, and the old one stops working.
    new_password = "a-brand-new-password-7"
    remember_for_offline(SERVER, learner, new_password)
    second = unlock_offline(SERVER, learner.email, new_password).cache_key
    assert second != first
    assert len(second) == CACHE_KEY_BYTES
    with pytest.raises(InvalidCredentialsError):
        unlock_offline(SERVER, learner.email, LEARNER.password)


def test_cache_key_derivation_depends_on_password_and_salt() -> None:
    salt = bytes(range(16))
    key = derive_cache_key("one password here", salt)
    assert key == derive_cache_key("one password here", salt)
    assert key != derive_cache_key("another password", salt)
    assert key != derive_cache_key("one password here", bytes(reversed(range(16))))


def test_wrong_password_offline_is_refused(learner: UserSummary) -> None:
    remember_for_offline(SERVER, learner, LEARNER.password)
    for wrong in ("", LEARNER.password + " ", LEARNER.password.upper(), "' OR 1=1 --"):
        with pytest.raises(InvalidCredentialsError):
            unlock_offline(SERVER, learner.email, wrong)


def test_no_cache_means_offline_is_unavailable(data_home: Path, learner: UserSummary) -> None:
    assert not has_offline_cache(SERVER, learner.email)
    with pytest.raises(OfflineUnavailableError, match="sign in online"):
        unlock_offline(SERVER, learner.email, LEARNER.password)

    remember_for_offline(SERVER, learner, LEARNER.password)
    assert has_offline_cache(SERVER, learner.email)
    assert has_offline_cache(SERVER, learner.email.upper())
    # Per server and per person.
    assert not has_offline_cache(OTHER_SERVER, learner.email)
    assert not has_offline_cache(SERVER, "grace@demo.test")
    assert not has_offline_cache(SERVER, "not an email")
    with pytest.raises(OfflineUnavailableError):
        unlock_offline(OTHER_SERVER, learner.email, LEARNER.password)
    with pytest.raises(OfflineUnavailableError):
        unlock_offline(SERVER, "grace@demo.test", LEARNER.password)


def test_explicit_root_keeps_the_cache_there(tmp_path: Path, learner: UserSummary) -> None:
    root = tmp_path / "elsewhere"
    folder = remember_for_offline(SERVER, learner, LEARNER.password, root=root)
    assert folder.is_relative_to(root)
    assert has_offline_cache(SERVER, learner.email, root=root)
    assert not has_offline_cache(SERVER, learner.email)  # not in the default data folder
    assert unlock_offline(SERVER, learner.email, LEARNER.password, root=root).user == learner


def test_verifier_file_holds_no_password(
    tmp_path: Path, embedded_template: Path, learner: UserSummary
) -> None:
    folder = remember_for_offline(SERVER, learner, LEARNER.password)
    path = folder / VERIFIER_FILE
    raw = path.read_bytes()
    assert LEARNER.password.encode() not in raw
    assert base64.b64encode(LEARNER.password.encode()) not in raw
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0
    assert sorted(p.name for p in folder.iterdir()) == [VERIFIER_FILE]  # no temp file left

    record = _record(folder)
    verifier = record["verifier"]
    assert isinstance(verifier, str)
    assert verifier.startswith("$argon2id$")
    params = argon2.extract_parameters(verifier)
    assert params.memory_cost >= 19 * 1024  # the OWASP floor for argon2id
    assert params.time_cost >= 2
    assert verify_password(verifier, LEARNER.password)
    assert len(base64.b64decode(str(record["key_salt"]))) >= 16
    # The verifier does not give away the cache key.
    key = unlock_offline(SERVER, learner.email, LEARNER.password).cache_key
    assert key not in raw
    assert key.hex().encode() not in raw
    assert base64.b64encode(key) not in raw

    # No file of the test's data folder, or of the embedded database it signed in to,
    # holds the password.
    files = [f for d in (tmp_path, embedded_template) for f in d.rglob("*") if f.is_file()]
    assert any(f.suffix == ".sqlite3" for f in files)
    for file in files:
        assert LEARNER.password.encode() not in file.read_bytes(), file


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b"null",
        b'{"version": 2}',
        b'{"version": 1}',
        b'{"version": 1, "verifier": 42, "key_salt": "AAAA", "user": {}}',
    ],
    ids=[
        "empty",
        "truncated",
        "binary",
        "list",
        "null",
        "future-version",
        "no-fields",
        "wrong-types",
    ],
)
def test_corrupted_verifier_means_offline_is_unavailable(
    learner: UserSummary, content: bytes
) -> None:
    folder = remember_for_offline(SERVER, learner, LEARNER.password)
    (folder / VERIFIER_FILE).write_bytes(content)
    with pytest.raises(OfflineUnavailableError):
        unlock_offline(SERVER, learner.email, LEARNER.password)


@pytest.mark.parametrize(
    "field",
    ["verifier", "key_salt", "user"],
)
def test_verifier_with_a_damaged_field_means_offline_is_unavailable(
    learner: UserSummary, field: str
) -> None:
    folder = remember_for_offline(SERVER, learner, LEARNER.password)
    record = _record(folder)
    damaged = {
        "verifier": "$argon2id$v=19$m=65536,t=3,p=4$broken",
        "key_salt": "!!! not base64 !!!",
        "user": {"email": learner.email},  # no id
    }
    record[field] = damaged[field]
    (folder / VERIFIER_FILE).write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(OfflineUnavailableError):
        unlock_offline(SERVER, learner.email, LEARNER.password)


@pytest.mark.parametrize(
    "content", [b"{not json", b'{"version": 1}'], ids=["not-json", "no-fields"]
)
def test_a_damaged_verifier_is_replaced_at_the_next_online_sign_in(
    learner: UserSummary, content: bytes
) -> None:
    folder = remember_for_offline(SERVER, learner, LEARNER.password)
    (folder / VERIFIER_FILE).write_bytes(content)
    remember_for_offline(SERVER, learner, LEARNER.password)
    assert unlock_offline(SERVER, learner.email, LEARNER.password).user == learner


def test_deactivated_cached_account_is_refused(learner: UserSummary) -> None:
    inactive = dataclasses.replace(learner, is_active=False)
    remember_for_offline(SERVER, inactive, LEARNER.password)
    with pytest.raises(AccountDisabledError):
        unlock_offline(SERVER, learner.email, LEARNER.password)
    # A wrong password is still just wrong: nothing is revealed about the account.
    with pytest.raises(InvalidCredentialsError):
        unlock_offline(SERVER, learner.email, "not-the-password-1")
