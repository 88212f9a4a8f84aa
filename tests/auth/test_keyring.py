"""'Remember me': the password goes to a secure keyring, or nowhere (and the person is told)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

import keyring
import keyring.backends.fail
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from elearn_desktop.services import secrets
from elearn_desktop.services.profiles import EMBEDDED_PROFILE, ServerProfile
from tests.support.keyrings import MemoryKeyring

SERVER = ServerProfile(name="campus", kind="postgresql", host="db.example.test", database="elearn")
OTHER_SERVER = dataclasses.replace(SERVER, database="staging")
EMAIL = "lena@example.test"
PASSWORD = "learn-demo-2026"


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's plaintext file backend: storage, but not secure."""


class LockedKeyring(MemoryKeyring):
    """A secure backend that refuses to store (a locked keychain, a cancelled prompt)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError(f"locked; refused {password}")

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")


@pytest.fixture(autouse=True)
def restore_keyring() -> Iterator[None]:
    original = keyring.get_keyring()
    try:
        yield
    finally:
        keyring.set_keyring(original)


@pytest.fixture
def memory() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


def test_secure_backend_round_trip(memory: MemoryKeyring) -> None:
    status = secrets.keyring_status()
    assert status.secure
    assert "keyring" in status.message

    assert secrets.recall_password(SERVER, EMAIL) is None
    assert secrets.remember_password(SERVER, EMAIL, PASSWORD) is True
    assert PASSWORD in memory.store.values()
    assert secrets.recall_password(SERVER, EMAIL) == PASSWORD

    secrets.forget_password(SERVER, EMAIL)
    assert secrets.recall_password(SERVER, EMAIL) is None
    assert memory.store == {}
    secrets.forget_password(SERVER, EMAIL)  # forgetting twice is fine


def test_remembering_again_replaces_the_password(memory: MemoryKeyring) -> None:
    secrets.remember_password(SERVER, EMAIL, PASSWORD)
    secrets.remember_password(SERVER, EMAIL, "a-newer-password-2")
    assert secrets.recall_password(SERVER, EMAIL) == "a-newer-password-2"
    assert len(memory.store) == 1


def test_passwords_are_kept_per_server_and_per_person(memory: MemoryKeyring) -> None:
    secrets.remember_password(SERVER, EMAIL, PASSWORD)
    secrets.remember_password(OTHER_SERVER, EMAIL, "staging-password-1")
    secrets.remember_password(SERVER, "grace@example.test", "grace-password-1")

    assert secrets.recall_password(SERVER, EMAIL) == PASSWORD
    assert secrets.recall_password(OTHER_SERVER, EMAIL) == "staging-password-1"
    assert secrets.recall_password(SERVER, "grace@example.test") == "grace-password-1"
    assert secrets.recall_password(EMBEDDED_PROFILE, EMAIL) is None
    # The profile's display name is not part of the key: renaming it keeps the password.
    assert secrets.recall_password(dataclasses.replace(SERVER, name="renamed"), EMAIL) == PASSWORD
    assert len(memory.store) == 3
    # Nothing but the password is stored as a secret, under an elearn-desktop service name.
    assert all(service.startswith(secrets.SERVICE_PREFIX) for service, _ in memory.store)

    secrets.forget_password(SERVER, EMAIL)
    assert secrets.recall_password(SERVER, EMAIL) is None
    assert secrets.recall_password(OTHER_SERVER, EMAIL) == "staging-password-1"


def test_email_case_does_not_matter(memory: MemoryKeyring) -> None:
    secrets.remember_password(SERVER, "Lena@Example.TEST", PASSWORD)
    assert secrets.recall_password(SERVER, "lena@example.test") == PASSWORD
    assert secrets.recall_password(SERVER, "LENA@EXAMPLE.TEST") == PASSWORD
    secrets.forget_password(SERVER, "LENA@example.test")
    assert memory.store == {}


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.fail.Keyring, PlaintextKeyring],
    ids=["fail", "plaintext"],
)
def test_insecure_backend_remembers_nothing_and_says_so(
    backend: type[KeyringBackend],
) -> None:
    chosen = backend()
    keyring.set_keyring(chosen)

    status = secrets.keyring_status()
    assert not status.secure
    assert "cannot remember your password" in status.message
    assert "each time" in status.message

    assert secrets.remember_password(SERVER, EMAIL, PASSWORD) is False
    assert secrets.recall_password(SERVER, EMAIL) is None
    secrets.forget_password(SERVER, EMAIL)  # harmless, no error
    if isinstance(chosen, PlaintextKeyring):
        assert chosen.store == {}  # nothing was written to the insecure store
        # Even what another program left there is not used.
        chosen.store[(f"{secrets.SERVICE_PREFIX}:{SERVER.key}", EMAIL)] = PASSWORD
        assert secrets.recall_password(SERVER, EMAIL) is None


def test_module_named_plaintext_is_insecure_too() -> None:
    backend_class = type("FileKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.plaintext"})
    keyring.set_keyring(backend_class())
    assert not secrets.keyring_status().secure
    assert secrets.remember_password(SERVER, EMAIL, PASSWORD) is False


def test_keyring_that_refuses_is_not_an_error_and_logs_no_secret(
    caplog: pytest.LogCaptureFixture,
) -> None:
    keyring.set_keyring(LockedKeyring())
    assert secrets.keyring_status().secure
    with caplog.at_level(logging.DEBUG):
        assert secrets.remember_password(SERVER, EMAIL, PASSWORD) is False
        assert secrets.recall_password(SERVER, EMAIL) is None
    assert PASSWORD not in caplog.text
