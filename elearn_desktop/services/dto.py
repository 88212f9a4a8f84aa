"""Frozen results that services hand to the UI and the CLI (never Session-bound objects)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class UserSummary:
    id: uuid.UUID
    email: str
    first_name: str | None
    last_name: str | None
    is_active: bool
    is_verified: bool
    roles: tuple[str, ...]
    created_at: dt.datetime | None = None
    #: The person's PostgreSQL login role (None in the embedded database).
    db_role: str | None = None

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def display_name(self) -> str:
        name = " ".join(p for p in (self.first_name, self.last_name) if p)
        return name or self.email

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "email": self.email,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "is_active": self.is_active,
            "is_verified": self.is_verified,
            "roles": list(self.roles),
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "db_role": self.db_role,
        }


@dataclass(frozen=True, slots=True)
class CourseSummary:
    id: uuid.UUID
    title: str
    slug: str
    description: str | None
    status: str
    level: str | None
    duration_minutes: int | None
    author_name: str | None
    thumbnail_url: str | None
    module_count: int
    lesson_count: int


@dataclass(frozen=True, slots=True)
class LessonNode:
    id: uuid.UUID
    title: str
    order_index: int
    duration_minutes: int | None
    video_asset_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class ModuleNode:
    id: uuid.UUID
    title: str
    order_index: int
    lessons: tuple[LessonNode, ...]


@dataclass(frozen=True, slots=True)
class CourseTree:
    course: CourseSummary
    modules: tuple[ModuleNode, ...]


@dataclass(frozen=True, slots=True)
class PathSummary:
    id: uuid.UUID
    title: str
    description: str | None
    status: str
    step_count: int


@dataclass(frozen=True, slots=True)
class PlanSummary:
    id: uuid.UUID
    name: str
    price: Decimal
    billing_cycle: str
    features: dict[str, Any] = field(default_factory=dict)
    is_active: bool = True
