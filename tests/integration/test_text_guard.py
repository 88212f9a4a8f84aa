"""Text with a NUL character is refused in words at every ORM write, on both backends.

PostgreSQL cannot store U+0000 in text or jsonb (a raw DataError); SQLite can, and the
offline cache would then hold rows its next sync cannot push. ``data.text_guard``.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from elearn_desktop.data.models import Course, SubscriptionPlan, User
from elearn_desktop.data.text_guard import holds_nul
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.services import accounts, authoring

PASSWORD = "Pw-guard-2026-x"


def test_holds_nul_looks_into_json_values() -> None:
    assert holds_nul("a\x00b")
    assert holds_nul({"features": ["ok", {"deep": "x\x00"}]})
    assert holds_nul({"key\x00": 1})
    assert not holds_nul({"features": ["ok", 1, None, 2.5, True]})
    assert not holds_nul("plain text, even with \\x00 written out")
    assert not holds_nul(None)


def test_a_new_person_with_a_nul_in_the_name_is_refused_and_not_created(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with pytest.raises(ValidationError, match="first name contains a NUL character") as caught:
        accounts.create_user(
            uow_factory, email="nul@example.test", password=PASSWORD, first_name="Ada\x00"
        )
    assert caught.value.field == "first_name"
    with uow_factory() as uow:
        count = uow.session.scalar(select(func.count()).select_from(User))
    assert count == 0


def test_a_course_title_or_a_changed_description_with_a_nul_is_refused(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author = accounts.create_user(
        uow_factory, email="author@example.test", password=PASSWORD, roles=["instructor"]
    )
    with pytest.raises(ValidationError, match="title contains a NUL") as caught:
        authoring.create_course(uow_factory, actor=author, title="SQL\x00 basics")
    assert caught.value.field == "title"
    course = authoring.create_course(uow_factory, actor=author, title="SQL basics")
    with uow_factory() as uow:
        row = uow.session.get(Course, course.id)
        assert row is not None
        row.description = "fine"
        row.title = "SQL\x00"
        with pytest.raises(ValidationError, match="title contains a NUL"):
            uow.commit()
    with uow_factory() as uow:
        kept = uow.session.get(Course, course.id)
        assert kept is not None
        assert (kept.title, kept.description) == ("SQL basics", None)
        assert uow.session.scalar(select(func.count()).select_from(Course)) == 1


def test_json_values_are_checked_too(uow_factory: UnitOfWorkFactory) -> None:
    plan_id = uuid.uuid4()
    with uow_factory() as uow:
        uow.session.add(
            SubscriptionPlan(
                id=plan_id,
                name="Pro",
                price=Decimal("9.99"),
                billing_cycle="monthly",
                features=["offline", "certificates\x00"],
            )
        )
        with pytest.raises(ValidationError, match="features contains a NUL") as caught:
            uow.commit()
    assert caught.value.field == "features"
    with uow_factory() as uow:
        assert uow.session.get(SubscriptionPlan, plan_id) is None
