"""Role checks in the service layer (the enforcement in the embedded database)."""

from __future__ import annotations

import pytest

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import PermissionDeniedError
from elearn_desktop.services import accounts
from elearn_desktop.services.demo import load_demo
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import ACTION_ROLES, allowed


@pytest.fixture
def people(uow_factory: UnitOfWorkFactory) -> dict[str, UserSummary]:
    load_demo(uow_factory)
    return {
        name: accounts.find_user(uow_factory, f"{name}@demo.test")
        for name in ("learner", "instructor", "support", "admin")
    }


def test_learner_and_instructor_cannot_read_accounts(
    uow_factory: UnitOfWorkFactory, people: dict[str, UserSummary]
) -> None:
    for who in ("learner", "instructor"):
        with pytest.raises(PermissionDeniedError, match="may not look up other people"):
            accounts.list_users(uow_factory, actor=people[who])
        with pytest.raises(PermissionDeniedError):
            accounts.find_user(uow_factory, "grace@demo.test", actor=people[who])


def test_support_reads_and_sets_status_but_not_passwords_or_accounts(
    uow_factory: UnitOfWorkFactory, people: dict[str, UserSummary]
) -> None:
    support = people["support"]
    assert len(accounts.list_users(uow_factory, actor=support)) == 5
    changed = accounts.set_active(uow_factory, "grace@demo.test", active=False, actor=support)
    assert changed.is_active is False
    with pytest.raises(PermissionDeniedError, match="set other people's passwords"):
        accounts.set_password(uow_factory, "grace@demo.test", "a-new-password-1", actor=support)
    with pytest.raises(PermissionDeniedError, match="create accounts"):
        accounts.create_user(
            uow_factory, email="new@example.org", password="long-password-1", actor=support
        )
    # Nothing was created by the refused call.
    assert len(accounts.list_users(uow_factory, search="new@example.org")) == 0


def test_admin_may_do_everything(
    uow_factory: UnitOfWorkFactory, people: dict[str, UserSummary]
) -> None:
    admin = people["admin"]
    assert all(allowed(admin, action) for action in ACTION_ROLES)
    created = accounts.create_user(
        uow_factory, email="new@example.org", password="long-password-1", actor=admin
    )
    assert created.roles == ("learner",)
    accounts.set_password(uow_factory, "new@example.org", "other-password-2", actor=admin)


def test_no_actor_is_the_installation_operator() -> None:
    assert all(allowed(None, action) for action in ACTION_ROLES)
