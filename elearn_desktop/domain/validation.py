"""Validation of what people type: emails, names, passwords, slugs, lengths."""

from __future__ import annotations

import re
import unicodedata

from elearn_desktop.domain.errors import ValidationError

# Deliberately simple: one @, something on each side, a dot in the domain, no spaces.
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
MIN_PASSWORD_LENGTH = 10
ROLE_NAMES = ("learner", "instructor", "support", "admin")


def normalize_email(raw: str) -> str:
    email = raw.strip().lower()
    if not email:
        raise ValidationError("email", "enter an email address")
    if len(email) > 255:
        raise ValidationError("email", "the email address is longer than 255 characters")
    if not _EMAIL_RE.match(email):
        raise ValidationError("email", f"'{raw.strip()}' is not a valid email address")
    return email


def check_password(password: str) -> None:
    if not password or not password.strip():
        raise ValidationError("password", "the password is empty")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            "password", f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters"
        )
    if len(set(password)) < 4:
        raise ValidationError("password", "the password is too simple: use more varied characters")


def check_roles(roles: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Validate role names; every person is a learner, so 'learner' is always included."""
    unknown = [r for r in roles if r not in ROLE_NAMES]
    if unknown:
        raise ValidationError(
            "role", f"unknown role '{unknown[0]}'; choose from {', '.join(ROLE_NAMES)}"
        )
    wanted = {"learner", *roles}
    return tuple(r for r in ROLE_NAMES if r in wanted)


def check_length(field: str, value: str | None, limit: int, *, required: bool = False) -> None:
    if value is None or not value.strip():
        if required:
            raise ValidationError(field, f"the {field.replace('_', ' ')} is empty")
        return
    if len(value) > limit:
        raise ValidationError(
            field, f"the {field.replace('_', ' ')} is longer than {limit} characters"
        )


def slugify(title: str, *, max_length: int = 255) -> str:
    """A URL slug: lower-case ASCII words joined by hyphens ('Intro to SQL' -> 'intro-to-sql')."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return (slug or "course")[:max_length].rstrip("-")
