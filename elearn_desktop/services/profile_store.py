"""Saved server profiles in a small JSON file (no Qt), for the `elearn` command and the app.

``<data dir>/profiles.json`` holds the profiles (where to sign in, never a password) and,
per profile, the email last used with it, plus which profile is the default. Written
atomically, readable only by its owner. The sign-in dialog saves here too, so
``elearn sync --profile NAME`` syncs what the app made available offline.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from elearn_desktop.config import data_dir
from elearn_desktop.domain.errors import NotFoundError, ValidationError
from elearn_desktop.services.profiles import ServerProfile

PROFILES_FILE = "profiles.json"
_VERSION = 1


@dataclass(frozen=True, slots=True)
class StoredProfile:
    profile: ServerProfile
    #: The email last signed in with on this profile (None: ask).
    email: str | None = None
    default: bool = False

    @property
    def name(self) -> str:
        return self.profile.name


def profiles_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / PROFILES_FILE


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"version": _VERSION, "profiles": [], "default": None}
    except (OSError, ValueError) as exc:
        raise ValidationError(
            "profiles", f"the saved profiles in {path} cannot be read: {exc}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("profiles"), list):
        raise ValidationError("profiles", f"the saved profiles in {path} are damaged")
    return data


def _profile_of(item: dict[str, Any]) -> StoredProfile | None:
    try:
        profile = ServerProfile(
            name=str(item["name"]),
            kind=str(item.get("kind", "postgresql")),
            host=str(item.get("host", "localhost")),
            port=int(item.get("port", 5432)),
            database=str(item.get("database", "elearn")),
            sslmode=str(item.get("sslmode", "prefer")),
            sslrootcert=str(item.get("sslrootcert", "")),
            extra={str(k): str(v) for k, v in dict(item.get("extra") or {}).items()},
        )
        profile.validate()
    except (KeyError, TypeError, ValueError, ValidationError):
        return None  # one damaged entry does not hide the others
    email = item.get("email")
    return StoredProfile(profile, email if isinstance(email, str) and email else None)


def load_profiles(*, path: Path | None = None) -> list[StoredProfile]:
    """The saved profiles, the default one marked."""
    data = _read(path or profiles_path())
    default = data.get("default")
    result = []
    for item in data["profiles"]:
        stored = _profile_of(item) if isinstance(item, dict) else None
        if stored is not None:
            result.append(
                StoredProfile(stored.profile, stored.email, default=stored.name == default)
            )
    return result


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)
    tmp.replace(path)


def save_profile(
    profile: ServerProfile,
    *,
    email: str | None = None,
    make_default: bool = False,
    path: Path | None = None,
) -> None:
    """Add or replace (by name) a profile; never stores a password."""
    profile.validate()
    target = path or profiles_path()
    data = _read(target)
    entry = {**asdict(profile), "email": email}
    profiles = [
        p for p in data["profiles"] if not (isinstance(p, dict) and p.get("name") == profile.name)
    ]
    profiles.append(entry)
    data["profiles"] = profiles
    data["version"] = _VERSION
    if make_default or not data.get("default"):
        data["default"] = profile.name
    _write(target, data)


def remove_profile(name: str, *, path: Path | None = None) -> bool:
    target = path or profiles_path()
    data = _read(target)
    kept = [p for p in data["profiles"] if not (isinstance(p, dict) and p.get("name") == name)]
    if len(kept) == len(data["profiles"]):
        return False
    data["profiles"] = kept
    if data.get("default") == name:
        data["default"] = kept[0].get("name") if kept else None
    _write(target, data)
    return True


def find_profile(name: str | None = None, *, path: Path | None = None) -> StoredProfile:
    """The profile called ``name``; without a name the default (or the only) one."""
    profiles = load_profiles(path=path)
    if name is not None:
        for stored in profiles:
            if stored.name == name:
                return stored
        known = ", ".join(repr(p.name) for p in profiles) or "none saved yet"
        raise NotFoundError(f"there is no saved profile {name!r} (saved: {known})")
    if not profiles:
        raise NotFoundError(
            "no server profile is saved yet: sign in once in the app, or give --database-url"
        )
    for stored in profiles:
        if stored.default:
            return stored
    if len(profiles) == 1:
        return profiles[0]
    names = ", ".join(repr(p.name) for p in profiles)
    raise ValidationError(
        "profile", f"several profiles are saved ({names}): choose one with --profile"
    )
