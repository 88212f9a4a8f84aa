"""Helpers shared by the sign-in tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.backend import Backend
from elearn_desktop.services.demo import DEMO_ACCOUNTS, DemoAccount
from elearn_desktop.services.profiles import ServerProfile


def demo_account(email: str) -> DemoAccount:
    return next(a for a in DEMO_ACCOUNTS if a.email == email)


@contextmanager
def signed_in(profile: ServerProfile, email: str, password: str) -> Iterator[SignedIn]:
    """Sign in, and dispose the backend's engine however the test ends."""
    session = sign_in(profile, email, password)
    try:
        yield session
    finally:
        if session.backend is not None:
            session.backend.dispose()


def backend_of(session: SignedIn) -> Backend:
    """The backend of an online sign-in (offline sign-ins have none)."""
    assert session.backend is not None
    assert not session.offline
    return session.backend
