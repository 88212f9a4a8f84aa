"""Repositories: one per aggregate, each a thin, typed wrapper over a Session.

Repositories load and add; they never commit (the unit of work does).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from elearn_desktop.data.models import (
    Assessment,
    Course,
    LearningPath,
    Lesson,
    Module,
    Question,
    Subscription,
    SubscriptionPlan,
    User,
    UserProgress,
    UserRole,
    VideoAsset,
)


class _Repository:
    def __init__(self, session: Session) -> None:
        self.session = session


class UserRepository(_Repository):
    def get(self, user_id: uuid.UUID) -> User | None:
        return self.session.get(User, user_id)

    def by_email(self, email: str) -> User | None:
        return self.session.scalar(
            select(User)
            .where(func.lower(User.email) == email.lower())
            .options(selectinload(User.roles), selectinload(User.profile))
        )

    def add(self, user: User) -> User:
        self.session.add(user)
        return user

    def search(self, text: str = "", *, limit: int = 100, offset: int = 0) -> Sequence[User]:
        stmt = select(User).options(selectinload(User.roles)).order_by(User.email)
        if text:
            # Bound parameters only; LIKE wildcards in the input are matched literally.
            escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            stmt = stmt.where(
                or_(
                    func.lower(User.email).like(pattern, escape="\\"),
                    func.lower(func.coalesce(User.first_name, "")).like(pattern, escape="\\"),
                    func.lower(func.coalesce(User.last_name, "")).like(pattern, escape="\\"),
                )
            )
        return self.session.scalars(stmt.limit(limit).offset(offset)).all()

    def roles_of(self, user_id: uuid.UUID) -> list[str]:
        return list(self.session.scalars(select(UserRole.role).where(UserRole.user_id == user_id)))


class CourseRepository(_Repository):
    def get(self, course_id: uuid.UUID) -> Course | None:
        return self.session.get(Course, course_id)

    def by_slug(self, slug: str) -> Course | None:
        return self.session.scalar(select(Course).where(Course.slug == slug))

    def get_tree(self, course_id: uuid.UUID) -> Course | None:
        """The course with its modules and lessons (ordered), in three queries."""
        return self.session.scalar(
            select(Course)
            .where(Course.id == course_id)
            .options(
                selectinload(Course.author),
                selectinload(Course.modules)
                .selectinload(Module.lessons)
                .selectinload(Lesson.video_asset),
            )
        )

    def list(
        self, *, status: str | None = None, author_id: uuid.UUID | None = None
    ) -> Sequence[Course]:
        stmt = select(Course).options(selectinload(Course.author)).order_by(Course.title)
        if status is not None:
            stmt = stmt.where(Course.status == status)
        if author_id is not None:
            stmt = stmt.where(Course.author_id == author_id)
        return self.session.scalars(stmt).all()

    def module_counts(self, course_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int]]:
        """(modules, lessons) per course, in one query."""
        if not course_ids:
            return {}
        rows = self.session.execute(
            select(
                Module.course_id,
                func.count(func.distinct(Module.id)),
                func.count(Lesson.id),
            )
            .outerjoin(Lesson, Lesson.module_id == Module.id)
            .where(Module.course_id.in_(course_ids))
            .group_by(Module.course_id)
        ).all()
        return {row[0]: (int(row[1]), int(row[2])) for row in rows if row[0] is not None}

    def add(self, course: Course) -> Course:
        self.session.add(course)
        return course


class VideoAssetRepository(_Repository):
    def get(self, asset_id: uuid.UUID) -> VideoAsset | None:
        return self.session.get(VideoAsset, asset_id)

    def by_provider(self, provider: str, provider_id: str) -> VideoAsset | None:
        return self.session.scalar(
            select(VideoAsset).where(
                VideoAsset.provider == provider, VideoAsset.provider_id == provider_id
            )
        )

    def add(self, asset: VideoAsset) -> VideoAsset:
        self.session.add(asset)
        return asset


class AssessmentRepository(_Repository):
    def get(self, assessment_id: uuid.UUID) -> Assessment | None:
        return self.session.scalar(
            select(Assessment)
            .where(Assessment.id == assessment_id)
            .options(selectinload(Assessment.questions).selectinload(Question.options))
        )

    def by_title(self, title: str) -> Assessment | None:
        return self.session.scalar(select(Assessment).where(Assessment.title == title))

    def list(self) -> Sequence[Assessment]:
        return self.session.scalars(select(Assessment).order_by(Assessment.title)).all()

    def add(self, assessment: Assessment) -> Assessment:
        self.session.add(assessment)
        return assessment


class LearningPathRepository(_Repository):
    def get(self, path_id: uuid.UUID) -> LearningPath | None:
        return self.session.scalar(
            select(LearningPath)
            .where(LearningPath.id == path_id)
            .options(selectinload(LearningPath.steps))
        )

    def by_title(self, title: str) -> LearningPath | None:
        return self.session.scalar(select(LearningPath).where(LearningPath.title == title))

    def list(self, *, status: str | None = None) -> Sequence[LearningPath]:
        stmt = (
            select(LearningPath)
            .options(selectinload(LearningPath.steps))
            .order_by(LearningPath.title)
        )
        if status is not None:
            stmt = stmt.where(LearningPath.status == status)
        return self.session.scalars(stmt).all()

    def add(self, path: LearningPath) -> LearningPath:
        self.session.add(path)
        return path


class ProgressRepository(_Repository):
    def get(
        self, user_id: uuid.UUID, entity_type: str, entity_id: uuid.UUID
    ) -> UserProgress | None:
        return self.session.scalar(
            select(UserProgress).where(
                UserProgress.user_id == user_id,
                UserProgress.entity_type == entity_type,
                UserProgress.entity_id == entity_id,
            )
        )

    def for_user(
        self, user_id: uuid.UUID, *, entity_type: str | None = None
    ) -> Sequence[UserProgress]:
        stmt = select(UserProgress).where(UserProgress.user_id == user_id)
        if entity_type is not None:
            stmt = stmt.where(UserProgress.entity_type == entity_type)
        return self.session.scalars(stmt.order_by(UserProgress.updated_at.desc())).all()

    def add(self, progress: UserProgress) -> UserProgress:
        self.session.add(progress)
        return progress


class SubscriptionRepository(_Repository):
    def plans(self, *, active_only: bool = False) -> Sequence[SubscriptionPlan]:
        stmt = select(SubscriptionPlan).order_by(SubscriptionPlan.price, SubscriptionPlan.name)
        if active_only:
            stmt = stmt.where(SubscriptionPlan.is_active.is_(True))
        return self.session.scalars(stmt).all()

    def plan_by_name(self, name: str) -> SubscriptionPlan | None:
        return self.session.scalar(select(SubscriptionPlan).where(SubscriptionPlan.name == name))

    def for_user(self, user_id: uuid.UUID) -> Sequence[Subscription]:
        return self.session.scalars(
            select(Subscription)
            .where(Subscription.user_id == user_id)
            .options(selectinload(Subscription.plan))
            .order_by(Subscription.start_date.desc())
        ).all()

    def add_plan(self, plan: SubscriptionPlan) -> SubscriptionPlan:
        self.session.add(plan)
        return plan

    def add(self, subscription: Subscription) -> Subscription:
        self.session.add(subscription)
        return subscription
