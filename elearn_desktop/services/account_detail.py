"""Everything about one account, for the support console (read-only).

* :func:`account_detail` — identity and profile, roles, status flags, subscriptions (plan,
  price, cycle, features, dates, status history from the audit trail), enrolments with
  progress, assessment attempts, devices and sync state.
* :func:`sync_state` — the person's devices and what the server did with their ops
  (revision 0006's ``sync_devices``/``processed_ops``; "not available" without them).
* :func:`audit_trail` — who changed what about the account, when (old → new), filterable by
  date and table.

Reads run as the signed-in person: on PostgreSQL row-level security lets support staff and
admins read accounts (never ``users.password_hash``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, MetaData, String, Table, Text, func, inspect, select
from sqlalchemy import Uuid as UuidType
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from elearn_desktop.data.models import (
    Assessment,
    AssessmentAttempt,
    AuditLog,
    Course,
    LearningPath,
    Lesson,
    Subscription,
    SubscriptionPlan,
    User,
    UserLogin,
    UserProfile,
    UserProgress,
)
from elearn_desktop.data.types import UTCDateTime
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain import plans as rules
from elearn_desktop.domain.errors import NotFoundError
from elearn_desktop.domain.validation import ROLE_NAMES
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

AUDIT_LIMIT = 1000
_INSUFFICIENT_PRIVILEGE = "42501"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ------------------------------------------------------------------------ detail DTOs


@dataclass(frozen=True, slots=True)
class Profile:
    bio: str | None
    avatar_url: str | None
    job_title: str | None
    company: str | None
    location: str | None
    website: str | None
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class StatusChange:
    at: dt.datetime
    actor: str
    action: str
    old_status: str | None
    new_status: str | None
    old_end: dt.datetime | None
    new_end: dt.datetime | None


@dataclass(frozen=True, slots=True)
class SubscriptionInfo:
    id: uuid.UUID
    plan_id: uuid.UUID | None
    plan_name: str
    price: Decimal | None
    billing_cycle: str | None
    features: dict[str, Any]
    status: str
    start_date: dt.datetime
    end_date: dt.datetime | None
    live: bool
    history: tuple[StatusChange, ...]

    @property
    def state(self) -> rules.SubscriptionState:
        return rules.SubscriptionState(
            self.id, self.status, self.start_date, self.end_date, self.plan_id
        )


@dataclass(frozen=True, slots=True)
class EnrolmentInfo:
    entity_type: str  # course | learning_path | assessment
    entity_id: uuid.UUID
    title: str
    status: str
    percentage: int
    completed_at: dt.datetime | None
    updated_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class AttemptInfo:
    id: uuid.UUID
    assessment_id: uuid.UUID
    assessment_title: str
    status: str
    score: int | None
    passed: bool | None
    passing_score: int | None
    started_at: dt.datetime | None
    submitted_at: dt.datetime | None
    elapsed_s: float | None
    device_id: str | None


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device_id: str
    name: str | None
    created_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    last_push_at: dt.datetime | None
    last_pull_at: dt.datetime | None
    applied: int
    rejected: int


@dataclass(frozen=True, slots=True)
class RejectedOp:
    op_id: uuid.UUID
    device_id: str
    kind: str
    reason: str | None
    received_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class SyncState:
    available: bool
    #: In words: why it is not available, or a one-line summary.
    message: str
    devices: tuple[DeviceInfo, ...] = ()
    rejected: tuple[RejectedOp, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountDetail:
    user: UserSummary
    updated_at: dt.datetime | None
    profile: Profile | None
    subscriptions: tuple[SubscriptionInfo, ...]
    enrolments: tuple[EnrolmentInfo, ...]
    attempts: tuple[AttemptInfo, ...]
    sync: SyncState

    @property
    def live_subscription(self) -> SubscriptionInfo | None:
        return next((s for s in self.subscriptions if s.live), None)


# ----------------------------------------------------------------------------- detail


def account_detail(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> AccountDetail:
    require(actor, "accounts.read")
    at = now or _now()
    with uow_factory() as uow:
        session = uow.session
        user = session.get(User, user_id)
        if user is None:
            raise NotFoundError("this account does not exist (or is not visible to you)")
        roles = tuple(r for r in ROLE_NAMES if r in uow.users.roles_of(user_id))
        login = session.get(UserLogin, user_id)
        summary = user_summary_of(user, roles, login.role_name if login is not None else None)
        profile_row = session.get(UserProfile, user_id)
        profile = (
            Profile(
                bio=profile_row.bio,
                avatar_url=profile_row.avatar_url,
                job_title=profile_row.job_title,
                company=profile_row.company,
                location=profile_row.location,
                website=profile_row.website,
                created_at=profile_row.created_at,
                updated_at=profile_row.updated_at,
            )
            if profile_row is not None
            else None
        )
        subscriptions = _subscriptions(session, user_id, at)
        enrolments = _enrolments(session, user_id)
        attempts = _attempts(session, user_id)
        updated_at = user.updated_at
    return AccountDetail(
        user=summary,
        updated_at=updated_at,
        profile=profile,
        subscriptions=subscriptions,
        enrolments=enrolments,
        attempts=attempts,
        sync=sync_state(uow_factory, user_id, actor=actor),
    )


def user_summary_of(user: User, roles: tuple[str, ...], db_role: str | None) -> UserSummary:
    return UserSummary(
        id=user.id,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        is_active=bool(user.is_active),
        is_verified=bool(user.is_verified),
        roles=roles,
        created_at=user.created_at,
        db_role=db_role,
    )


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _subscriptions(
    session: Session, user_id: uuid.UUID, now: dt.datetime
) -> tuple[SubscriptionInfo, ...]:
    rows = session.execute(
        select(Subscription, SubscriptionPlan)
        .outerjoin(SubscriptionPlan, SubscriptionPlan.id == Subscription.plan_id)
        .where(Subscription.user_id == user_id)
        .order_by(Subscription.start_date.desc())
    ).all()
    history: dict[str, list[StatusChange]] = {}
    for entry in session.scalars(
        select(AuditLog)
        .where(AuditLog.subject_user_id == user_id, AuditLog.table_name == "subscriptions")
        .order_by(AuditLog.occurred_at, AuditLog.id)
    ):
        old = entry.old_data if isinstance(entry.old_data, dict) else {}
        new = entry.new_data if isinstance(entry.new_data, dict) else {}
        if entry.action == "UPDATE" and (old.get("status"), old.get("end_date")) == (
            new.get("status"),
            new.get("end_date"),
        ):
            continue  # not a status or period change
        history.setdefault(entry.row_id, []).append(
            StatusChange(
                at=entry.occurred_at,
                actor=entry.actor,
                action=entry.action,
                old_status=old.get("status"),
                new_status=new.get("status"),
                old_end=_parse_time(old.get("end_date")),
                new_end=_parse_time(new.get("end_date")),
            )
        )
    result: list[SubscriptionInfo] = []
    for sub, plan in rows:
        state = rules.SubscriptionState(sub.id, sub.status, sub.start_date, sub.end_date)
        result.append(
            SubscriptionInfo(
                id=sub.id,
                plan_id=sub.plan_id,
                plan_name=plan.name if plan is not None else "(no plan)",
                price=plan.price if plan is not None else None,
                billing_cycle=plan.billing_cycle if plan is not None else None,
                features=dict(plan.features)
                if plan is not None and isinstance(plan.features, dict)
                else {},
                status=sub.status,
                start_date=sub.start_date,
                end_date=sub.end_date,
                live=rules.is_live(state, now),
                history=tuple(history.get(str(sub.id), [])),
            )
        )
    return tuple(result)


#: Courses and paths first, then assessments, then lessons (the detail of a course).
ENTITY_ORDER = ("course", "learning_path", "assessment", "lesson")


def _enrolments(session: Session, user_id: uuid.UUID) -> tuple[EnrolmentInfo, ...]:
    found = session.scalars(
        select(UserProgress)
        .where(UserProgress.user_id == user_id)
        .order_by(UserProgress.updated_at.desc(), UserProgress.id)
    ).all()
    rank = {kind: i for i, kind in enumerate(ENTITY_ORDER)}
    rows = sorted(found, key=lambda r: rank.get(r.entity_type, len(rank)))
    ids_by_type: dict[str, list[uuid.UUID]] = {}
    for row in rows:
        ids_by_type.setdefault(row.entity_type, []).append(row.entity_id)
    titles: dict[uuid.UUID, str] = {}
    for entity_type, model in (
        ("course", Course),
        ("learning_path", LearningPath),
        ("assessment", Assessment),
        ("lesson", Lesson),
    ):
        ids = ids_by_type.get(entity_type)
        if ids:
            titles.update(
                session.execute(select(model.id, model.title).where(model.id.in_(ids))).all()
            )
    return tuple(
        EnrolmentInfo(
            entity_type=row.entity_type,
            entity_id=row.entity_id,
            title=titles.get(row.entity_id, "(no longer available)"),
            status=row.status,
            percentage=min(max(int(row.progress_percentage or 0), 0), 100),
            completed_at=row.completed_at,
            updated_at=row.updated_at,
        )
        for row in rows
    )


def _attempts(session: Session, user_id: uuid.UUID) -> tuple[AttemptInfo, ...]:
    rows = session.execute(
        select(AssessmentAttempt, Assessment.title, Assessment.passing_score)
        .outerjoin(Assessment, Assessment.id == AssessmentAttempt.assessment_id)
        .where(AssessmentAttempt.user_id == user_id)
        .order_by(AssessmentAttempt.started_at.desc())
    ).all()
    return tuple(
        AttemptInfo(
            id=attempt.id,
            assessment_id=attempt.assessment_id,
            assessment_title=title or "(no longer available)",
            status=attempt.status,
            score=attempt.score,
            passed=attempt.passed,
            passing_score=passing,
            started_at=attempt.started_at,
            submitted_at=attempt.submitted_at,
            elapsed_s=attempt.elapsed_s,
            device_id=attempt.device_id,
        )
        for attempt, title, passing in rows
    )


# ------------------------------------------------------------------- devices and sync

# Revision 0006's tables, described here (not imported from the models) so the console
# works against a server with or without them.
_SYNC_META = MetaData()
_SYNC_DEVICES = Table(
    "sync_devices",
    _SYNC_META,
    Column("device_id", String(64)),
    Column("user_id", UuidType),
    Column("name", String(255)),
    Column("created_at", UTCDateTime),
    Column("last_seen_at", UTCDateTime),
    Column("last_push_at", UTCDateTime),
    Column("last_pull_at", UTCDateTime),
)
_PROCESSED_OPS = Table(
    "processed_ops",
    _SYNC_META,
    Column("op_id", UuidType),
    Column("user_id", UuidType),
    Column("device_id", String(64)),
    Column("kind", String(32)),
    Column("status", String(10)),
    Column("reason", Text),
    Column("received_at", UTCDateTime),
)


def sync_state(
    uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, *, actor: UserSummary | None
) -> SyncState:
    """Devices of the person and what the server did with their ops (applied/rejected).

    Pending ops live on the device until it syncs: the server cannot know them.
    """
    require(actor, "accounts.read")
    try:
        with uow_factory() as uow:
            names = set(inspect(uow.session.connection()).get_table_names())
            if not {"sync_devices", "processed_ops"} <= names:
                return SyncState(
                    available=False,
                    message="Not available: this server does not record devices and sync yet.",
                )
            d, p = _SYNC_DEVICES.c, _PROCESSED_OPS.c
            counts: dict[tuple[str, str], int] = {}
            for device_id, status, count in uow.session.execute(
                select(p.device_id, p.status, func.count())
                .where(p.user_id == user_id)
                .group_by(p.device_id, p.status)
            ):
                counts[(device_id, status)] = int(count)
            devices = tuple(
                DeviceInfo(
                    device_id=row.device_id,
                    name=row.name,
                    created_at=row.created_at,
                    last_seen_at=row.last_seen_at,
                    last_push_at=row.last_push_at,
                    last_pull_at=row.last_pull_at,
                    applied=counts.get((row.device_id, "applied"), 0),
                    rejected=counts.get((row.device_id, "rejected"), 0),
                )
                for row in uow.session.execute(
                    select(_SYNC_DEVICES)
                    .where(d.user_id == user_id)
                    .order_by(d.last_seen_at.desc().nulls_last())
                )
            )
            rejected = tuple(
                RejectedOp(
                    op_id=row.op_id,
                    device_id=row.device_id,
                    kind=row.kind,
                    reason=row.reason,
                    received_at=row.received_at,
                )
                for row in uow.session.execute(
                    select(_PROCESSED_OPS)
                    .where(p.user_id == user_id, p.status == "rejected")
                    .order_by(p.received_at.desc())
                    .limit(50)
                )
            )
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
            return SyncState(False, "Not available: your account may not read sync records.")
        raise
    if not devices:
        return SyncState(True, "No device has synced for this person yet.")
    last = max((dev.last_seen_at for dev in devices if dev.last_seen_at), default=None)
    total_rejected = sum(dev.rejected for dev in devices)
    message = f"{len(devices)} device" + ("" if len(devices) == 1 else "s")
    if last is not None:
        message += f", last seen {last:%d %b %Y %H:%M} UTC"
    message += f"; {total_rejected} rejected change" + ("" if total_rejected == 1 else "s")
    message += ". Changes not yet synced stay on the device until it connects."
    return SyncState(True, message, devices, rejected)


# ------------------------------------------------------------------------ audit trail


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    occurred_at: dt.datetime
    actor: str
    actor_email: str | None
    table_name: str
    row_id: str
    action: str
    changes: tuple[FieldChange, ...]
    old_data: Any
    new_data: Any

    @property
    def who(self) -> str:
        return self.actor_email or self.actor

    @property
    def summary(self) -> str:
        """'is_active: true → false; is_verified: false → true'."""
        if not self.changes:
            return "no visible change"
        return "; ".join(f"{c.field}: {c.old} → {c.new}" for c in self.changes)


@dataclass(frozen=True, slots=True)
class AuditTrail:
    entries: tuple[AuditEntry, ...]
    #: Every table that appears in the account's trail (for the filter).
    tables: tuple[str, ...]
    #: True when there were more entries than the limit (the newest are shown).
    truncated: bool


_QUIET_FIELDS = frozenset({"updated_at", "sync_seq"})


def display_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def field_changes(action: str, old: Any, new: Any) -> tuple[FieldChange, ...]:
    old_map = old if isinstance(old, dict) else {}
    new_map = new if isinstance(new, dict) else {}
    keys = sorted(set(old_map) | set(new_map))
    changed = [k for k in keys if old_map.get(k) != new_map.get(k)]
    if action == "UPDATE":
        # updated_at changes with everything; it is news only when nothing else changed.
        visible = [k for k in changed if k not in _QUIET_FIELDS] or changed
    else:
        visible = [k for k in changed if k not in _QUIET_FIELDS]
    return tuple(
        FieldChange(k, display_value(old_map.get(k)), display_value(new_map.get(k)))
        for k in visible
    )


def audit_trail(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    actor: UserSummary | None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    table: str | None = None,
    limit: int = AUDIT_LIMIT,
) -> AuditTrail:
    """Changes to the account's data, newest first (``until`` is exclusive)."""
    require(actor, "accounts.read")
    with uow_factory() as uow:
        session = uow.session
        stmt = select(AuditLog).where(AuditLog.subject_user_id == user_id)
        if since is not None:
            stmt = stmt.where(AuditLog.occurred_at >= since)
        if until is not None:
            stmt = stmt.where(AuditLog.occurred_at < until)
        if table:
            stmt = stmt.where(AuditLog.table_name == table)
        rows = session.scalars(
            stmt.order_by(AuditLog.occurred_at.desc(), AuditLog.id.desc()).limit(limit + 1)
        ).all()
        tables = tuple(
            session.scalars(
                select(AuditLog.table_name)
                .where(AuditLog.subject_user_id == user_id)
                .distinct()
                .order_by(AuditLog.table_name)
            )
        )
        actor_ids = {r.actor_user_id for r in rows[:limit] if r.actor_user_id is not None}
        emails: dict[uuid.UUID, str] = (
            dict(session.execute(select(User.id, User.email).where(User.id.in_(actor_ids))).all())
            if actor_ids
            else {}
        )
        entries = tuple(
            AuditEntry(
                id=row.id,
                occurred_at=row.occurred_at,
                actor=row.actor,
                actor_email=emails.get(row.actor_user_id) if row.actor_user_id else None,
                table_name=row.table_name,
                row_id=row.row_id,
                action=row.action,
                changes=field_changes(row.action, row.old_data, row.new_data),
                old_data=row.old_data,
                new_data=row.new_data,
            )
            for row in rows[:limit]
        )
    return AuditTrail(entries=entries, tables=tables, truncated=len(rows) > limit)


__all__ = [
    "AUDIT_LIMIT",
    "AccountDetail",
    "AttemptInfo",
    "AuditEntry",
    "AuditTrail",
    "DeviceInfo",
    "EnrolmentInfo",
    "FieldChange",
    "Profile",
    "RejectedOp",
    "StatusChange",
    "SubscriptionInfo",
    "SyncState",
    "account_detail",
    "audit_trail",
    "display_value",
    "field_changes",
    "sync_state",
    "user_summary_of",
]
