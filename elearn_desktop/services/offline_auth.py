"""Offline sign-in: a verifier kept with the person's local cache, derived with argon2id.

After a successful online sign-in the app stores, next to that person's local cache
(one folder per server and person), an argon2id hash of their password and the account
summary. Offline, the same password unlocks it; a wrong one is refused. The cache's
encryption key is derived from the password with argon2id too (another salt), so the
verifier alone does not reveal the key.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import extract_parameters
from argon2.low_level import Type, hash_secret_raw

from elearn_desktop.config import data_dir
from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.passwords import hash_password, verify_password
from elearn_desktop.domain.validation import normalize_email
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.profiles import ServerProfile

VERIFIER_FILE = "verifier.json"
CACHE_KEY_BYTES = 32


class OfflineUnavailableError(Exception):
    """No local cache for this person on this server (never signed in online here)."""


@dataclass(frozen=True, slots=True)
class OfflineAccount:
    user: UserSummary
    cache_dir: Path
    cache_key: bytes


def cache_dir_for(profile: ServerProfile, email: str, *, root: Path | None = None) -> Path:
    who = hashlib.sha256(normalize_email(email).encode()).hexdigest()[:16]
    return (root or data_dir()) / "cache" / profile.key / who


def derive_cache_key(password: str, salt: bytes) -> bytes:
    # OWASP-level argon2id (m=64 MiB, t=3, p=4), raw 256-bit key for SQLCipher.
    return hash_secret_raw(
        password.encode(),
        salt,
        time_cost=3,
        memory_cost=64 * 1024,
        parallelism=4,
        hash_len=CACHE_KEY_BYTES,
        type=Type.ID,
    )


def has_offline_cache(profile: ServerProfile, email: str, *, root: Path | None = None) -> bool:
    try:
        return (cache_dir_for(profile, email, root=root) / VERIFIER_FILE).is_file()
    except ValidationError:  # not an email address at all
        return False


def remember_for_offline(
    profile: ServerProfile, user: UserSummary, password: str, *, root: Path | None = None
) -> Path:
    """Store (or refresh) the verifier after an online sign-in. Written atomically."""
    folder = cache_dir_for(profile, user.email, root=root)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / VERIFIER_FILE
    salt = os.urandom(16)
    previous = _read(path)
    if previous is not None and verify_password(previous["verifier"], password):
        salt = base64.b64decode(previous["key_salt"])  # same key: the cache stays readable
    record = {
        "version": 1,
        "user": user.to_json(),
        "verifier": hash_password(password),
        "key_salt": base64.b64encode(salt).decode(),
        "server": profile.display,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return folder


def unlock_offline(
    profile: ServerProfile, email: str, password: str, *, root: Path | None = None
) -> OfflineAccount:
    """The cached account if ``password`` is right; raises otherwise."""
    from elearn_desktop.services.auth import AccountDisabledError, InvalidCredentialsError

    folder = cache_dir_for(profile, email, root=root)
    record = _read(folder / VERIFIER_FILE)
    if record is None:
        raise OfflineUnavailableError(
            "this computer has no offline copy for this account: sign in online once first"
        )
    if not verify_password(record["verifier"], password):
        raise InvalidCredentialsError()
    user = _user_from_json(record["user"])
    if not user.is_active:
        raise AccountDisabledError()
    key = derive_cache_key(password, base64.b64decode(record["key_salt"]))
    return OfflineAccount(user=user, cache_dir=folder, cache_key=key)


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != 1:
        return None
    # A damaged record is no record: offline sign-in is unavailable (not a traceback), and
    # the next online sign-in writes a new one.
    verifier, salt, user = data.get("verifier"), data.get("key_salt"), data.get("user")
    if not (isinstance(verifier, str) and isinstance(salt, str) and isinstance(user, dict)):
        return None
    try:
        extract_parameters(verifier)
        if len(base64.b64decode(salt, validate=True)) < 16:
            return None
        _user_from_json(user)
    except (KeyError, TypeError, ValueError):  # InvalidHashError and binascii.Error too
        return None
    return data


def _user_from_json(data: dict[str, Any]) -> UserSummary:
    created = data.get("created_at")
    return UserSummary(
        id=uuid.UUID(data["id"]),
        email=data["email"],
        first_name=data.get("first_name"),
        last_name=data.get("last_name"),
        is_active=bool(data.get("is_active", True)),
        is_verified=bool(data.get("is_verified", False)),
        roles=tuple(data.get("roles", ("learner",))),
        created_at=dt.datetime.fromisoformat(created) if created else None,
        db_role=data.get("db_role"),
    )
