"""Plan validation (price, cycle, features JSON) and subscription transitions (pure rules)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from elearn_desktop.domain import plans
from elearn_desktop.domain.errors import ConflictError, ValidationError
from elearn_desktop.domain.plans import (
    BILLING_CYCLES,
    PlanDraft,
    PlanFieldsError,
    SubscriptionState,
    parse_features,
    parse_price,
    validate_plan,
)

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def draft(**changes: object) -> PlanDraft:
    values: dict[str, object] = {
        "name": "Pro",
        "price": "19.99",
        "billing_cycle": "monthly",
        "features": '{"all_courses": true, "offline": true, "max_devices": 3}',
        "description": "Every course",
        "is_active": True,
    }
    values.update(changes)
    return PlanDraft(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ price


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0", Decimal("0.00")),
        ("19.99", Decimal("19.99")),
        (" 5.5 ", Decimal("5.50")),
        ("99999999.99", Decimal("99999999.99")),
        (Decimal("7.1"), Decimal("7.10")),
        (12, Decimal("12.00")),
    ],
)
def test_valid_prices_have_two_decimals(typed: str | Decimal | int, expected: Decimal) -> None:
    price = parse_price(typed)
    assert price == expected
    assert price.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "enter a price"),
        ("-1", "negative"),
        ("19.999", "two decimals"),
        ("19,99", "point for decimals"),
        ("1e3", "not a price"),
        ("abc", "not a price"),
        ("NaN", "not a price"),
        ("100000000", "too large"),
        (Decimal("1.005"), "two decimals"),
        (Decimal("-0.01"), "negative"),
        (Decimal("Infinity"), "price such as"),
        (True, "price such as"),
    ],
)
def test_invalid_prices_say_why(typed: object, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as caught:
        parse_price(typed)  # type: ignore[arg-type]
    assert caught.value.field == "price"


@given(st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2))
def test_every_two_decimal_price_round_trips_as_text(amount: Decimal) -> None:
    assert parse_price(f"{amount:.2f}") == amount


# --------------------------------------------------------------------------- features


def test_known_features_are_accepted() -> None:
    features = parse_features(
        '{"all_courses": false, "courses": ["intro-to-python", "sql-basics"], '
        '"offline": false, "max_devices": 1, "seats": 10}'
    )
    assert features["courses"] == ["intro-to-python", "sql-basics"]
    assert features["seats"] == 10
    assert parse_features("") == {}
    assert parse_features({"offline": True}) == {"offline": True}


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("{", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ('"x"', "must be a JSON object"),
        ('{"colour": "red"}', "unknown feature 'colour'"),
        ('{"offline": "yes"}', "'offline' must be true or false"),
        ('{"all_courses": 1}', "'all_courses' must be true or false"),
        ('{"max_devices": 0}', "at least 1"),
        ('{"max_devices": 2.5}', "whole number"),
        ('{"max_devices": true}', "whole number"),
        ('{"seats": "10"}', "whole number"),
        ('{"courses": "sql-basics"}', "list of course slugs"),
        ('{"courses": ["SQL Basics"]}', "not a course slug"),
        ('{"courses": [3]}', "not a course slug"),
        ('{"courses": ["a", "a"]}', "twice"),
    ],
)
def test_invalid_features_say_why(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as caught:
        parse_features(typed)
    assert caught.value.field == "features"


def test_features_text_in_words() -> None:
    assert plans.features_text({"all_courses": True, "offline": True, "max_devices": 3}) == (
        "All courses · offline · 3 devices"
    )
    assert plans.features_text({"courses": ["a"], "seats": 1}) == "1 course · 1 seat"
    assert plans.features_text(None) == "—"


# ------------------------------------------------------------------------- whole plan


def test_a_valid_plan_is_normalised() -> None:
    valid = validate_plan(draft(name="  Pro  ", billing_cycle="Monthly", description="  "))
    assert valid.name == "Pro"
    assert valid.billing_cycle == "monthly"
    assert valid.description is None
    assert valid.price == Decimal("19.99")
    assert valid.features == {"all_courses": True, "offline": True, "max_devices": 3}


def test_every_wrong_field_is_reported_at_once() -> None:
    with pytest.raises(PlanFieldsError) as caught:
        validate_plan(draft(name="", price="-3", billing_cycle="fortnightly", features='{"x": 1}'))
    errors = caught.value.errors
    assert set(errors) == {"name", "price", "billing_cycle", "features"}
    assert "negative" in errors["price"]
    assert all(cycle in errors["billing_cycle"] for cycle in BILLING_CYCLES)
    assert "unknown feature 'x'" in errors["features"]


def test_plan_names_are_unique_and_bounded() -> None:
    with pytest.raises(PlanFieldsError) as caught:
        validate_plan(draft(name="pro"), taken_names=["Free", " Pro "])
    assert caught.value.errors == {"name": "a plan named 'pro' already exists"}
    with pytest.raises(PlanFieldsError) as caught:
        validate_plan(draft(name="x" * 101, description="d" * 5001))
    assert set(caught.value.errors) == {"name", "description"}


@pytest.mark.parametrize("cycle", BILLING_CYCLES)
def test_each_billing_cycle_is_accepted(cycle: str) -> None:
    assert validate_plan(draft(billing_cycle=cycle)).billing_cycle == cycle


# ----------------------------------------------------------------------- subscriptions


def sub(
    status: str = "active",
    *,
    start: dt.datetime = NOW - 30 * DAY,
    end: dt.datetime | None = None,
    plan: uuid.UUID | None = None,
) -> SubscriptionState:
    return SubscriptionState(uuid.uuid4(), status, start, end, plan)


def test_no_end_before_start() -> None:
    plans.check_period(NOW, NOW)
    plans.check_period(NOW, None)
    with pytest.raises(ValidationError, match="before the start") as caught:
        plans.check_period(NOW, NOW - DAY)
    assert caught.value.field == "end_date"


@pytest.mark.parametrize(
    ("old", "new", "ok"),
    [
        ("active", "cancelled", True),
        ("active", "past_due", True),
        ("active", "expired", True),
        ("past_due", "active", True),
        ("past_due", "cancelled", True),
        ("cancelled", "active", True),
        ("cancelled", "expired", False),
        ("expired", "active", False),
        ("expired", "cancelled", False),
        ("active", "active", False),
    ],
)
def test_allowed_status_changes(old: str, new: str, ok: bool) -> None:
    if ok:
        plans.check_transition(old, new)
    else:
        with pytest.raises(ConflictError):
            plans.check_transition(old, new)


def test_unknown_status_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="unknown status"):
        plans.check_transition("active", "paused")


def test_only_one_live_subscription_per_person() -> None:
    live = sub()
    ended = sub(end=NOW - DAY)
    cancelled = sub("cancelled", end=NOW - DAY)
    plans.check_one_live([ended, cancelled], sub(), NOW)
    with pytest.raises(ConflictError, match="already has a live subscription"):
        plans.check_one_live([live, cancelled], sub(), NOW)
    # A subscription that does not give access never conflicts.
    plans.check_one_live([live], sub("cancelled", end=NOW), NOW)
    # Nor does the candidate with itself.
    plans.check_one_live([live], live, NOW)


def test_cancel_ends_now_but_never_before_the_start() -> None:
    cancelled = plans.cancel(sub(), NOW)
    assert (cancelled.status, cancelled.end) == ("cancelled", NOW)
    future = plans.cancel(sub(start=NOW + 3 * DAY), NOW)
    assert future.end == NOW + 3 * DAY
    ended_earlier = plans.cancel(sub(end=NOW - DAY), NOW)
    assert ended_earlier.end == NOW - DAY
    with pytest.raises(ConflictError, match="already cancelled"):
        plans.cancel(sub("cancelled", end=NOW), NOW)
    with pytest.raises(ConflictError, match="cannot become cancelled"):
        plans.cancel(sub("expired", end=NOW), NOW)


def test_extend_moves_the_end_later() -> None:
    current = sub(end=NOW + 5 * DAY)
    assert plans.extend(current, NOW + 35 * DAY, NOW).end == NOW + 35 * DAY
    with pytest.raises(ValidationError, match="after the current one"):
        plans.extend(current, NOW + 5 * DAY, NOW)
    with pytest.raises(ValidationError, match="before the start"):
        plans.extend(sub(start=NOW, end=NOW + DAY), NOW - DAY, NOW)
    with pytest.raises(ConflictError, match="no end date"):
        plans.extend(sub(end=None), NOW + DAY, NOW)
    with pytest.raises(ConflictError, match="only an active subscription"):
        plans.extend(sub("cancelled", end=NOW - DAY), NOW + DAY, NOW)
    with pytest.raises(ValidationError, match="in the future"):
        plans.extend(sub(start=NOW - 9 * DAY, end=NOW - 5 * DAY), NOW - DAY, NOW)


def test_change_plan_closes_the_live_one_and_keeps_its_term() -> None:
    pro, team = uuid.uuid4(), uuid.uuid4()
    current = sub(plan=pro, end=NOW + 20 * DAY)
    change = plans.change_plan(current, team, NOW)
    assert change.closed is not None
    assert (change.closed.status, change.closed.end) == ("cancelled", NOW)
    assert (change.start, change.end) == (NOW, NOW + 20 * DAY)
    open_ended = plans.change_plan(sub(plan=pro), team, NOW)
    assert open_ended.end is None
    nothing_live = plans.change_plan(sub("cancelled", plan=pro, end=NOW - DAY), team, NOW)
    assert nothing_live.closed is None
    assert plans.change_plan(None, team, NOW).closed is None
    with pytest.raises(ConflictError, match="already on this plan"):
        plans.change_plan(sub(plan=pro), pro, NOW)


def test_status_words() -> None:
    assert plans.status_words("past_due") == "past due"
    assert plans.status_words("paused") == "paused"
