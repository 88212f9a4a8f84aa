"""Validation of what people type: slugs, emails, passwords, roles, lengths."""

from __future__ import annotations

import pytest

from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.validation import (
    MIN_PASSWORD_LENGTH,
    ROLE_NAMES,
    check_length,
    check_password,
    check_roles,
    normalize_email,
    slugify,
)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Intro to SQL", "intro-to-sql"),
        ("  Python 3: The Basics!  ", "python-3-the-basics"),
        ("Café Crème — Ünïcode", "cafe-creme-unicode"),
        ("C++ & C#", "c-c"),
        ("already-a-slug", "already-a-slug"),
        ("Multiple   spaces\tand\nlines", "multiple-spaces-and-lines"),
        ("!!!", "course"),
        ("", "course"),
        ("日本語", "course"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_truncates_without_a_trailing_hyphen() -> None:
    slug = slugify("abcd efgh ijkl", max_length=5)
    assert slug == "abcd"
    assert len(slugify("word " * 200)) <= 255
    assert not slugify("word " * 200).endswith("-")


@pytest.mark.parametrize(
    ("raw", "email"),
    [
        ("alice@example.com", "alice@example.com"),
        ("  Alice.Smith@Example.COM \n", "alice.smith@example.com"),
        ("o'brien+tag@mail.example.org", "o'brien+tag@mail.example.org"),
    ],
)
def test_normalize_email(raw: str, email: str) -> None:
    assert normalize_email(raw) == email


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "no-at-sign",
        "alice@localhost",
        "alice@@example.com",
        "al ice@example.com",
        "@example.com",
        "alice@",
        "alice@example.",
        "a" * 250 + "@example.com",
    ],
)
def test_malformed_emails_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        normalize_email(raw)
    assert excinfo.value.field == "email"
    assert str(excinfo.value)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "empty"),
        ("           ", "empty"),
        ("Ab1!", "too short"),
        ("x" * (MIN_PASSWORD_LENGTH - 1), "too short"),
        ("aaaaaaaaaaaaaaaa", "too simple"),
        ("abababababab", "too simple"),
    ],
)
def test_weak_passwords_are_refused(password: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason) as excinfo:
        check_password(password)
    assert excinfo.value.field == "password"


@pytest.mark.parametrize("password", ["correct horse battery", "learn-demo-2026", "abcd" * 3])
def test_reasonable_passwords_pass(password: str) -> None:
    check_password(password)


def test_roles_always_include_learner_in_canonical_order() -> None:
    assert check_roles([]) == ("learner",)
    assert check_roles(["admin", "instructor"]) == ("learner", "instructor", "admin")
    assert check_roles(("support", "support", "learner")) == ("learner", "support")
    assert check_roles(list(reversed(ROLE_NAMES))) == ROLE_NAMES


@pytest.mark.parametrize("role", ["superuser", "Admin", "", "learner "])
def test_unknown_roles_are_refused(role: str) -> None:
    with pytest.raises(ValidationError, match="unknown role") as excinfo:
        check_roles(["learner", role])
    assert excinfo.value.field == "role"


def test_check_length() -> None:
    check_length("first_name", None, 100)
    check_length("first_name", "x" * 100, 100)
    with pytest.raises(ValidationError, match="first name is longer than 100") as excinfo:
        check_length("first_name", "x" * 101, 100)
    assert excinfo.value.field == "first_name"
    with pytest.raises(ValidationError, match="title is empty"):
        check_length("title", "  ", 255, required=True)
