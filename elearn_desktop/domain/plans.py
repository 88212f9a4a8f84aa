"""Rules for subscription plans and subscriptions (pure: no database, no Qt).

* Plans: a name, an optional description, a price ≥ 0 with at most two decimals (the
  column is ``Numeric(10, 2)``), a billing cycle from :data:`BILLING_CYCLES`, and a
  ``features`` JSON object whose keys are known and typed (:data:`FEATURE_KEYS`).
  :func:`validate_plan` checks every field and reports every problem at once, per field.
* Subscriptions: statuses :data:`SUBSCRIPTION_STATUSES`, the changes between them that
  make sense (:data:`TRANSITIONS`), no end before the start, and one live subscription per
  person (:func:`check_one_live`). :func:`cancel`, :func:`extend` and :func:`change_plan`
  compute the new state of a subscription; services write it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from elearn_desktop.domain.errors import ConflictError, ValidationError

BILLING_CYCLES = ("weekly", "monthly", "yearly", "lifetime")

ACTIVE = "active"
PAST_DUE = "past_due"
CANCELLED = "cancelled"
EXPIRED = "expired"
SUBSCRIPTION_STATUSES = (ACTIVE, PAST_DUE, CANCELLED, EXPIRED)
#: Statuses in which a subscription gives access (while its period has not ended).
LIVE_STATUSES = frozenset({ACTIVE, PAST_DUE})
#: Which status may follow which. A cancelled subscription may be reinstated (a mistaken
#: cancellation); an expired one is over — the person gets a new subscription instead.
TRANSITIONS: dict[str, frozenset[str]] = {
    ACTIVE: frozenset({PAST_DUE, CANCELLED, EXPIRED}),
    PAST_DUE: frozenset({ACTIVE, CANCELLED, EXPIRED}),
    CANCELLED: frozenset({ACTIVE}),
    EXPIRED: frozenset(),
}

#: The largest price ``Numeric(10, 2)`` holds.
MAX_PRICE = Decimal("99999999.99")
MAX_NAME_LENGTH = 100
MAX_DESCRIPTION_LENGTH = 5000

#: feature key -> (kind, what it means, in words)
FEATURE_KEYS: dict[str, tuple[str, str]] = {
    "all_courses": ("bool", "every course is included"),
    "courses": ("slugs", "the slugs of the courses included"),
    "offline": ("bool", "courses may be downloaded for offline study"),
    "max_devices": ("count", "how many devices may sync"),
    "seats": ("count", "how many people the plan covers"),
}

_PRICE_RE = re.compile(r"^\d{1,8}(\.\d{1,2})?$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class PlanFieldsError(ValidationError):
    """Several fields are wrong at once; ``errors`` maps each field to what is wrong."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        if not errors:
            raise ValueError("PlanFieldsError needs at least one error")
        self.errors = dict(errors)
        first = next(iter(self.errors))
        super().__init__(first, "; ".join(f"{k}: {v}" for k, v in self.errors.items()))


# --------------------------------------------------------------------------- plans


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """What someone typed into the plan editor (strings as typed, or parsed values)."""

    name: str
    price: str | Decimal | int
    billing_cycle: str
    features: str | Mapping[str, Any]
    description: str | None = None
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class ValidPlan:
    name: str
    description: str | None
    price: Decimal
    billing_cycle: str
    features: dict[str, Any]
    is_active: bool


def parse_price(value: str | Decimal | int) -> Decimal:
    """A price ≥ 0 with at most two decimals, as a Decimal with exactly two."""
    if isinstance(value, bool):
        raise ValidationError("price", "enter a price such as 19.99")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
        if not amount.is_finite():
            raise ValidationError("price", "enter a price such as 19.99")
        if abs(amount) <= MAX_PRICE and amount != amount.quantize(Decimal("0.01")):
            raise ValidationError("price", "use at most two decimals (cents)")
    else:
        text = value.strip()
        if not text:
            raise ValidationError("price", "enter a price (0 for a free plan)")
        if text.startswith("-"):
            raise ValidationError("price", "the price cannot be negative")
        if "," in text and "." not in text:
            raise ValidationError("price", "use a point for decimals, e.g. 19.99")
        if not _PRICE_RE.match(text):
            if re.match(r"^\d+\.\d{3,}$", text):
                raise ValidationError("price", "use at most two decimals (cents)")
            if re.match(r"^\d{9,}(\.\d{1,2})?$", text):
                raise ValidationError("price", f"the price is too large (at most {MAX_PRICE})")
            raise ValidationError("price", f"'{text}' is not a price; enter e.g. 19.99")
        try:
            amount = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern already ruled it out
            raise ValidationError("price", f"'{text}' is not a price") from None
    if amount < 0:
        raise ValidationError("price", "the price cannot be negative")
    if amount > MAX_PRICE:
        raise ValidationError("price", f"the price is too large (at most {MAX_PRICE})")
    return amount.quantize(Decimal("0.01"))


def parse_features(value: str | Mapping[str, Any]) -> dict[str, Any]:
    """The features JSON object, checked key by key (unknown keys are refused)."""
    if isinstance(value, str):
        text = value.strip() or "{}"
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                "features",
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            ) from None
    else:
        parsed = value
    if not isinstance(parsed, Mapping):
        raise ValidationError("features", 'features must be a JSON object, e.g. {"offline": true}')
    features: dict[str, Any] = {}
    for key, item in parsed.items():
        if key not in FEATURE_KEYS:
            known = ", ".join(FEATURE_KEYS)
            raise ValidationError("features", f"unknown feature '{key}'; known: {known}")
        kind, _meaning = FEATURE_KEYS[key]
        if kind == "bool":
            if not isinstance(item, bool):
                raise ValidationError("features", f"'{key}' must be true or false")
        elif kind == "count":
            if isinstance(item, bool) or not isinstance(item, int) or item < 1:
                raise ValidationError("features", f"'{key}' must be a whole number of at least 1")
        elif kind == "slugs":
            if not isinstance(item, list):
                raise ValidationError("features", f"'{key}' must be a list of course slugs")
            for slug in item:
                if not isinstance(slug, str) or not _SLUG_RE.match(slug) or len(slug) > 255:
                    raise ValidationError(
                        "features",
                        f"'{key}' holds {json.dumps(slug)}, which is not a course slug "
                        "(lower-case words joined by hyphens)",
                    )
            if len(set(item)) != len(item):
                raise ValidationError("features", f"'{key}' lists a course twice")
            item = list(item)
        features[key] = item
    return features


def validate_plan(draft: PlanDraft, *, taken_names: Iterable[str] = ()) -> ValidPlan:
    """Check every field; raise :class:`PlanFieldsError` naming each one that is wrong."""
    errors: dict[str, str] = {}
    name = (draft.name or "").strip()
    if not name:
        errors["name"] = "enter a name"
    elif len(name) > MAX_NAME_LENGTH:
        errors["name"] = f"the name is longer than {MAX_NAME_LENGTH} characters"
    elif name.casefold() in {n.strip().casefold() for n in taken_names}:
        errors["name"] = f"a plan named '{name}' already exists"
    description = (draft.description or "").strip() or None
    if description is not None and len(description) > MAX_DESCRIPTION_LENGTH:
        errors["description"] = (
            f"the description is longer than {MAX_DESCRIPTION_LENGTH} characters"
        )
    price = Decimal(0)
    try:
        price = parse_price(draft.price)
    except ValidationError as exc:
        errors["price"] = str(exc)
    cycle = (draft.billing_cycle or "").strip().lower()
    if cycle not in BILLING_CYCLES:
        errors["billing_cycle"] = f"choose one of: {', '.join(BILLING_CYCLES)}"
    features: dict[str, Any] = {}
    try:
        features = parse_features(draft.features)
    except ValidationError as exc:
        errors["features"] = str(exc)
    if errors:
        raise PlanFieldsError(errors)
    return ValidPlan(
        name=name,
        description=description,
        price=price,
        billing_cycle=cycle,
        features=features,
        is_active=bool(draft.is_active),
    )


def features_text(features: Any) -> str:
    """A short description in words: 'All courses · offline · 3 devices'."""
    if not isinstance(features, Mapping):
        return "—"
    parts: list[str] = []
    if features.get("all_courses") is True:
        parts.append("All courses")
    else:
        courses = features.get("courses")
        count = len(courses) if isinstance(courses, list) else 0
        parts.append(f"{count} course" + ("" if count == 1 else "s"))
    if features.get("offline") is True:
        parts.append("offline")
    devices = features.get("max_devices")
    if isinstance(devices, int) and not isinstance(devices, bool):
        parts.append(f"{devices} device" + ("" if devices == 1 else "s"))
    seats = features.get("seats")
    if isinstance(seats, int) and not isinstance(seats, bool):
        parts.append(f"{seats} seat" + ("" if seats == 1 else "s"))
    return " · ".join(parts)


# --------------------------------------------------------------------- subscriptions


@dataclass(frozen=True, slots=True)
class SubscriptionState:
    id: uuid.UUID
    status: str
    start: dt.datetime
    end: dt.datetime | None
    plan_id: uuid.UUID | None = None


def is_live(sub: SubscriptionState, now: dt.datetime) -> bool:
    """Gives access now: a live status and a period that has not ended."""
    return sub.status in LIVE_STATUSES and (sub.end is None or sub.end > now)


def check_period(start: dt.datetime, end: dt.datetime | None) -> None:
    if end is not None and end < start:
        raise ValidationError(
            "end_date",
            f"the end ({end:%d %b %Y}) would be before the start ({start:%d %b %Y})",
        )


def check_transition(old: str, new: str) -> None:
    if new not in SUBSCRIPTION_STATUSES:
        raise ValidationError(
            "status", f"unknown status '{new}'; choose from {', '.join(SUBSCRIPTION_STATUSES)}"
        )
    if old == new:
        raise ConflictError(f"the subscription is already {status_words(new)}")
    if new not in TRANSITIONS.get(old, frozenset()):
        raise ConflictError(
            f"a subscription that is {status_words(old)} cannot become {status_words(new)}"
        )


def check_one_live(
    others: Iterable[SubscriptionState], candidate: SubscriptionState, now: dt.datetime
) -> None:
    """At most one live subscription per person (the candidate included)."""
    if not is_live(candidate, now):
        return
    for other in others:
        if other.id != candidate.id and is_live(other, now):
            raise ConflictError(
                "this person already has a live subscription; cancel it or change its plan "
                "instead of starting a second one"
            )


def cancel(sub: SubscriptionState, now: dt.datetime) -> SubscriptionState:
    """Cancelled from now on: the end moves to now (never before the start)."""
    check_transition(sub.status, CANCELLED)
    end = sub.end
    if end is None or end > now:
        end = max(now, sub.start)
    return SubscriptionState(sub.id, CANCELLED, sub.start, end, sub.plan_id)


def extend(sub: SubscriptionState, new_end: dt.datetime, now: dt.datetime) -> SubscriptionState:
    """A later end date for a live subscription."""
    if sub.status not in LIVE_STATUSES:
        raise ConflictError(
            f"only an active subscription can be extended; this one is {status_words(sub.status)}"
        )
    if sub.end is None:
        raise ConflictError("this subscription has no end date: there is nothing to extend")
    check_period(sub.start, new_end)
    if new_end <= sub.end:
        raise ValidationError(
            "end_date", f"choose an end after the current one ({sub.end:%d %b %Y})"
        )
    if new_end <= now:
        raise ValidationError("end_date", "choose an end in the future")
    return SubscriptionState(sub.id, sub.status, sub.start, new_end, sub.plan_id)


@dataclass(frozen=True, slots=True)
class PlanChange:
    #: The subscription that ends (None when the person had no live one).
    closed: SubscriptionState | None
    #: The new subscription's period (status active).
    start: dt.datetime
    end: dt.datetime | None


def change_plan(
    current: SubscriptionState | None, new_plan_id: uuid.UUID, now: dt.datetime
) -> PlanChange:
    """End the live subscription now and start one on the new plan for the rest of its
    term (open-ended if the old one was)."""
    if current is None or not is_live(current, now):
        return PlanChange(closed=None, start=now, end=None)
    if current.plan_id == new_plan_id:
        raise ConflictError("the person is already on this plan")
    closed = cancel(current, now)
    end = current.end if current.end is not None and current.end > now else None
    return PlanChange(closed=closed, start=now, end=end)


_STATUS_WORDS = {
    ACTIVE: "active",
    PAST_DUE: "past due",
    CANCELLED: "cancelled",
    EXPIRED: "expired",
}


def status_words(status: str) -> str:
    return _STATUS_WORDS.get(status, status.replace("_", " "))
