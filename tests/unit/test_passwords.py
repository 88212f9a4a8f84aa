"""argon2id password hashes for users.password_hash."""

from __future__ import annotations

import pytest

from elearn_desktop.domain.passwords import hash_password, verify_password


def test_hash_is_argon2id_and_verifies() -> None:
    digest = hash_password("correct horse battery")
    assert digest.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in digest
    assert len(digest) <= 255  # fits users.password_hash VARCHAR(255)
    assert "correct horse battery" not in digest
    assert verify_password(digest, "correct horse battery") is True
    assert verify_password(digest, "correct horse batterY") is False
    assert verify_password(digest, "") is False


def test_same_password_gets_a_different_salt() -> None:
    assert hash_password("same password 1") != hash_password("same password 1")


@pytest.mark.parametrize(
    "garbage",
    ["", "not a hash", "$argon2id$", "$2b$12$abcdefghijklmnopqrstuv", "x" * 255],
)
def test_garbage_hash_is_false_not_an_exception(garbage: str) -> None:
    assert verify_password(garbage, "whatever password") is False
