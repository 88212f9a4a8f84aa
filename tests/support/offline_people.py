"""A person this computer has signed in online before: what "Continue offline" needs."""

from __future__ import annotations

import uuid

from elearn_desktop.services import offline_auth
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.profiles import ServerProfile


def remember_learner_for_offline(
    profile: ServerProfile, password: str, email: str = "learner@demo.test"
) -> UserSummary:
    """Keep the offline verifier of a learner for ``profile``, as an online sign-in does."""
    user = UserSummary(
        id=uuid.uuid4(),
        email=email,
        first_name="Lena",
        last_name="Learner",
        is_active=True,
        is_verified=True,
        roles=("learner",),
    )
    offline_auth.remember_for_offline(profile, user, password)
    return user
