"""'Remember me': the password goes to the system keyring, or nowhere.

Only a secure backend is used (Secret Service, macOS Keychain, Windows Credential
Locker, ...). With none — the ``fail`` backend on a headless Linux, a null or plaintext
backend — nothing is stored and the person is told why.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from elearn_desktop.services.profiles import ServerProfile

log = logging.getLogger(__name__)
SERVICE_PREFIX = "elearn-desktop"
_INSECURE_MARKERS = ("fail", "null", "plaintext", "uncrypted", "unencrypted")


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    secure: bool
    message: str


def _backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_secure(backend: KeyringBackend) -> bool:
    name = _backend_name(backend).lower()
    if any(marker in name for marker in _INSECURE_MARKERS):
        return False
    children = getattr(backend, "backends", None)
    if children is not None:  # the chainer: secure if one of its backends is
        return any(_is_secure(child) for child in children)
    priority = getattr(backend, "priority", 1)
    try:
        return float(priority) > 0
    except TypeError:
        return True


def keyring_status() -> KeyringStatus:
    backend = keyring.get_keyring()
    if _is_secure(backend):
        return KeyringStatus(True, "Your password will be kept in the system keyring.")
    return KeyringStatus(
        False,
        "This computer has no secure password store (keyring), so the app cannot remember "
        "your password: you will be asked for it each time.",
    )


def _service(profile: ServerProfile) -> str:
    return f"{SERVICE_PREFIX}:{profile.key}"


def remember_password(profile: ServerProfile, email: str, password: str) -> bool:
    """Store the password if a secure keyring exists; True if stored."""
    if not keyring_status().secure:
        return False
    try:
        keyring.set_password(_service(profile), email.lower(), password)
    except keyring.errors.KeyringError as exc:
        log.warning("could not store the password in the keyring: %s", type(exc).__name__)
        return False
    return True


def recall_password(profile: ServerProfile, email: str) -> str | None:
    if not keyring_status().secure:
        return None
    try:
        return keyring.get_password(_service(profile), email.lower())
    except keyring.errors.KeyringError:
        return None


def forget_password(profile: ServerProfile, email: str) -> None:
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(_service(profile), email.lower())
