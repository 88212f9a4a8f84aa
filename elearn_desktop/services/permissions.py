"""Role checks in the service layer.

On PostgreSQL the database enforces every rule (row-level security, column privileges);
these checks give the same answers earlier and in words. In the embedded database —
single-user, no database-level security — they are the enforcement.

``actor=None`` means the operator of this installation (the `elearn` command run by
whoever holds the database file or the schema owner's credentials).
"""

from __future__ import annotations

from elearn_desktop.domain.errors import PermissionDeniedError
from elearn_desktop.services.dto import UserSummary

ACTION_ROLES: dict[str, frozenset[str]] = {
    "accounts.read": frozenset({"support", "admin"}),
    "accounts.set_status": frozenset({"support", "admin"}),
    "accounts.create": frozenset({"admin"}),
    "accounts.set_password": frozenset({"admin"}),
    "roles.manage": frozenset({"admin"}),
    "content.author": frozenset({"instructor", "admin"}),
    # Support console (issue #7): support fixes a subscription's status and end date;
    # starting a subscription on another plan and editing plans are for admins (0004).
    "subscriptions.manage": frozenset({"support", "admin"}),
    "subscriptions.change_plan": frozenset({"admin"}),
    "plans.manage": frozenset({"admin"}),
    "accounts.export": frozenset({"support", "admin"}),
    "accounts.view_as_learner": frozenset({"support", "admin"}),
}

_ACTION_WORDS = {
    "accounts.read": "look up other people's accounts",
    "accounts.set_status": "activate, deactivate or verify accounts",
    "accounts.create": "create accounts",
    "accounts.set_password": "set other people's passwords",
    "roles.manage": "grant or revoke roles",
    "content.author": "create or edit courses",
    "subscriptions.manage": "cancel or extend subscriptions",
    "subscriptions.change_plan": "move people to another plan",
    "plans.manage": "create or edit subscription plans",
    "accounts.export": "export other people's data",
    "accounts.view_as_learner": "view other people's learning",
}


def allowed(actor: UserSummary | None, action: str) -> bool:
    if actor is None:
        return True
    return bool(ACTION_ROLES[action] & set(actor.roles))


def require(actor: UserSummary | None, action: str) -> None:
    if not allowed(actor, action):
        raise PermissionDeniedError(
            f"Your account ({', '.join(actor.roles) if actor else ''}) may not "
            f"{_ACTION_WORDS[action]}."
        )
