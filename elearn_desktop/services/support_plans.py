"""Subscription plans (read by staff, managed by admins) and the console's insights.

* :func:`list_plans` / :func:`save_plan` — every field is checked by
  :func:`elearn_desktop.domain.plans.validate_plan`, which reports each wrong field.
* :func:`insights` — live subscriptions per plan, sign-ups and deactivations per month.
  Deactivations come from the audit trail (``users.is_active`` true → false).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select

from elearn_desktop.data.models import AuditLog, Subscription, SubscriptionPlan, User
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain import plans as rules
from elearn_desktop.domain.errors import NotFoundError
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require
from elearn_desktop.services.support import record_embedded_audit, row_json, server_refusals

INSIGHT_MONTHS = 12


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class PlanInfo:
    id: uuid.UUID
    name: str
    description: str | None
    price: Decimal
    billing_cycle: str
    features: dict[str, Any]
    is_active: bool
    #: Live subscriptions on this plan now.
    subscribers: int

    @property
    def features_text(self) -> str:
        return rules.features_text(self.features)


def _live(now: dt.datetime) -> Any:
    return (Subscription.status.in_(sorted(rules.LIVE_STATUSES))) & or_(
        Subscription.end_date.is_(None), Subscription.end_date > now
    )


def list_plans(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> list[PlanInfo]:
    """Every plan (retired ones too), cheapest first, with its live subscriber count."""
    require(actor, "accounts.read")
    at = now or _now()
    with uow_factory() as uow:
        counts = dict(
            uow.session.execute(
                select(Subscription.plan_id, func.count())
                .where(_live(at))
                .group_by(Subscription.plan_id)
            ).all()
        )
        return [
            PlanInfo(
                id=plan.id,
                name=plan.name,
                description=plan.description,
                price=plan.price,
                billing_cycle=plan.billing_cycle,
                features=dict(plan.features) if isinstance(plan.features, dict) else {},
                is_active=bool(plan.is_active),
                subscribers=int(counts.get(plan.id, 0)),
            )
            for plan in uow.subscriptions.plans()
        ]


def save_plan(
    uow_factory: UnitOfWorkFactory,
    draft: rules.PlanDraft,
    *,
    plan_id: uuid.UUID | None = None,
    actor: UserSummary | None,
) -> PlanInfo:
    """Create a plan (``plan_id`` None) or update one; raises ``PlanFieldsError`` per field."""
    require(actor, "plans.manage")
    with uow_factory() as uow, server_refusals("create or edit subscription plans"):
        others = uow.session.execute(select(SubscriptionPlan.id, SubscriptionPlan.name)).all()
        valid = rules.validate_plan(
            draft, taken_names=[name for pid, name in others if pid != plan_id]
        )
        if plan_id is None:
            plan = SubscriptionPlan(id=uuid.uuid4())
            before = None
            uow.subscriptions.add_plan(plan)
        else:
            found = uow.session.get(SubscriptionPlan, plan_id)
            if found is None:
                raise NotFoundError("this plan does not exist")
            plan = found
            before = row_json(plan)
        plan.name = valid.name
        plan.description = valid.description
        plan.price = valid.price
        plan.billing_cycle = valid.billing_cycle
        plan.features = valid.features
        plan.is_active = valid.is_active
        uow.flush()
        uow.session.refresh(plan)
        record_embedded_audit(
            uow,
            actor,
            table="subscription_plans",
            row_id=str(plan.id),
            action="INSERT" if before is None else "UPDATE",
            subject=None,
            old=before,
            new=row_json(plan),
        )
        subscribers = int(
            uow.session.scalar(
                select(func.count())
                .select_from(Subscription)
                .where(Subscription.plan_id == plan.id, _live(_now()))
            )
            or 0
        )
        info = PlanInfo(
            id=plan.id,
            name=plan.name,
            description=plan.description,
            price=plan.price,
            billing_cycle=plan.billing_cycle,
            features=dict(plan.features),
            is_active=bool(plan.is_active),
            subscribers=subscribers,
        )
        uow.commit()
    return info


# --------------------------------------------------------------------------- insights


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: dt.date  # the first day of the month (UTC)
    count: int

    @property
    def label(self) -> str:
        return f"{self.month:%b %Y}"


@dataclass(frozen=True, slots=True)
class Insights:
    #: (plan name, live subscriptions), every plan, most subscribers first.
    active_by_plan: tuple[tuple[str, int], ...]
    #: The last ``months`` months, oldest first (months without any count 0).
    signups: tuple[MonthCount, ...]
    deactivations: tuple[MonthCount, ...]
    total_accounts: int
    active_accounts: int


def _month_starts(now: dt.datetime, months: int) -> list[dt.date]:
    year, month = now.year, now.month
    starts: list[dt.date] = []
    for _ in range(months):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def insights(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    months: int = INSIGHT_MONTHS,
    now: dt.datetime | None = None,
) -> Insights:
    require(actor, "accounts.read")
    at = now or _now()
    starts = _month_starts(at, months)
    window = dt.datetime.combine(starts[0], dt.time(), tzinfo=dt.UTC)
    with uow_factory() as uow:
        session = uow.session
        postgres = session.get_bind().dialect.name == "postgresql"
        month_of = (
            func.to_char(func.timezone("UTC", User.created_at), "YYYY-MM")
            if postgres
            else func.strftime("%Y-%m", User.created_at)
        )
        signups = {
            str(key): int(count)
            for key, count in session.execute(
                select(month_of, func.count()).where(User.created_at >= window).group_by(month_of)
            ).all()
        }
        total, active = session.execute(
            select(func.count(), func.count().filter(User.is_active.is_(True)))
        ).one()
        by_plan = session.execute(
            select(SubscriptionPlan.name, func.count(Subscription.id))
            .outerjoin(
                Subscription,
                (Subscription.plan_id == SubscriptionPlan.id) & _live(at),
            )
            .group_by(SubscriptionPlan.id, SubscriptionPlan.name)
        ).all()
        active_by_plan = sorted(
            ((str(name), int(count)) for name, count in by_plan), key=lambda p: (-p[1], p[0])
        )
        deactivated: dict[str, int] = {}
        for occurred_at, old, new in session.execute(
            select(AuditLog.occurred_at, AuditLog.old_data, AuditLog.new_data).where(
                AuditLog.table_name == "users",
                AuditLog.action == "UPDATE",
                AuditLog.occurred_at >= window,
            )
        ).all():
            if (
                isinstance(old, dict)
                and isinstance(new, dict)
                and old.get("is_active") is True
                and new.get("is_active") is False
            ):
                key = f"{occurred_at:%Y-%m}"
                deactivated[key] = deactivated.get(key, 0) + 1
    return Insights(
        active_by_plan=tuple(active_by_plan),
        signups=tuple(MonthCount(m, signups.get(f"{m:%Y-%m}", 0)) for m in starts),
        deactivations=tuple(MonthCount(m, deactivated.get(f"{m:%Y-%m}", 0)) for m in starts),
        total_accounts=int(total),
        active_accounts=int(active),
    )
