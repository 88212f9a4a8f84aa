"""SQLAlchemy models of the platform schema.

The first fourteen classes are the web platform's seed schema (`spec/data-models.md`),
reproduced column for column; everything after them is additive (DESIGN §3). Constraint
names follow PostgreSQL's own defaults (``users_pkey``, ``users_email_key``,
``courses_author_id_fkey``) so a database the platform created from the seed DDL and one
created by our migrations carry identical names.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
    func,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, foreign, mapped_column, relationship

from elearn_desktop.data.types import JSONType, UTCDateTime

NAMING_CONVENTION = {
    "pk": "%(table_name)s_pkey",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "ck": "%(table_name)s_%(constraint_name)s_check",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _pk() -> Mapped[uuid.UUID]:
    # The seed has no server-side default for ids; the client generates them.
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


def _created_at() -> Mapped[dt.datetime | None]:
    return mapped_column(UTCDateTime, server_default=func.current_timestamp())


def _updated_at() -> Mapped[dt.datetime | None]:
    return mapped_column(
        UTCDateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


# --------------------------------------------------------------------------- seed tables


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = _pk()
    email: Mapped[str] = mapped_column(String(255), unique=True)
    # Deferred: no client role may read it on PostgreSQL (column privilege), so ordinary
    # queries must not select it.
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True)
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    is_active: Mapped[bool | None] = mapped_column(Boolean, server_default=true(), default=True)
    is_verified: Mapped[bool | None] = mapped_column(Boolean, server_default=false(), default=False)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()

    profile: Mapped[UserProfile | None] = relationship(
        back_populates="user", uselist=False, cascade="all, delete-orphan"
    )
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserRole.role"
    )
    courses: Mapped[list[Course]] = relationship(back_populates="author")
    progress: Mapped[list[UserProgress]] = relationship(back_populates="user")
    subscriptions: Mapped[list[Subscription]] = relationship(
        back_populates="user", order_by="Subscription.start_date"
    )


class UserProfile(Base):
    __tablename__ = "user_profiles"

    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"), primary_key=True)
    bio: Mapped[str | None] = mapped_column(Text)
    avatar_url: Mapped[str | None] = mapped_column(String(255))
    job_title: Mapped[str | None] = mapped_column(String(100))
    company: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[str | None] = mapped_column(String(100))
    website: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()

    user: Mapped[User] = relationship(back_populates="profile")


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[uuid.UUID] = _pk()
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    slug: Mapped[str] = mapped_column(String(255), unique=True)
    thumbnail_url: Mapped[str | None] = mapped_column(String(255))
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), index=True)
    status: Mapped[str | None] = mapped_column(String(50), server_default="draft", default="draft")
    level: Mapped[str | None] = mapped_column(String(50))
    duration: Mapped[int | None] = mapped_column(Integer)  # minutes
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    author: Mapped[User | None] = relationship(back_populates="courses")
    modules: Mapped[list[Module]] = relationship(
        back_populates="course", order_by="Module.order_index", cascade="all, delete-orphan"
    )


class Module(Base):
    __tablename__ = "modules"
    __table_args__ = (Index(None, "course_id", "order_index"),)

    id: Mapped[uuid.UUID] = _pk()
    course_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("courses.id"))
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    order_index: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    course: Mapped[Course | None] = relationship(back_populates="modules")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="module", order_by="Lesson.order_index", cascade="all, delete-orphan"
    )


class VideoAsset(Base):
    __tablename__ = "video_assets"

    id: Mapped[uuid.UUID] = _pk()
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    provider: Mapped[str] = mapped_column(String(50))
    provider_id: Mapped[str] = mapped_column(String(255))
    status: Mapped[str | None] = mapped_column(
        String(50), server_default="processing", default="processing"
    )
    duration: Mapped[int | None] = mapped_column(Integer)  # minutes
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    # additive (0004): who uploaded it; instructors change only their own assets.
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), index=True)
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)


class Lesson(Base):
    __tablename__ = "lessons"
    __table_args__ = (Index(None, "module_id", "order_index"),)

    id: Mapped[uuid.UUID] = _pk()
    module_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("modules.id"))
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    # The seed has no foreign key here (assets may live in another service's table).
    video_asset_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    duration: Mapped[int | None] = mapped_column(Integer)  # minutes
    order_index: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    module: Mapped[Module | None] = relationship(back_populates="lessons")
    video_asset: Mapped[VideoAsset | None] = relationship(
        primaryjoin=lambda: foreign(Lesson.video_asset_id) == VideoAsset.id,
        viewonly=True,
        uselist=False,
    )


class Assessment(Base):
    __tablename__ = "assessments"

    id: Mapped[uuid.UUID] = _pk()
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    passing_score: Mapped[int | None] = mapped_column(Integer)
    time_limit: Mapped[int | None] = mapped_column(Integer)  # minutes
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    # additive (0003): who authored it; the seed has no owner for assessments.
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), index=True)
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    questions: Mapped[list[Question]] = relationship(
        back_populates="assessment", order_by="Question.order_index", cascade="all, delete-orphan"
    )


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[uuid.UUID] = _pk()
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("assessments.id"))
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(50))
    order_index: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    assessment: Mapped[Assessment | None] = relationship(back_populates="questions")
    options: Mapped[list[AnswerOption]] = relationship(
        back_populates="question", order_by="AnswerOption.order_index", cascade="all, delete-orphan"
    )


class AnswerOption(Base):
    __tablename__ = "answer_options"

    id: Mapped[uuid.UUID] = _pk()
    question_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("questions.id"))
    text: Mapped[str] = mapped_column(Text)
    # Deferred: learners may not read it on PostgreSQL (grading happens on the server).
    is_correct: Mapped[bool | None] = mapped_column(
        Boolean, server_default=false(), default=False, deferred=True
    )
    order_index: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    question: Mapped[Question | None] = relationship(back_populates="options")


class LearningPath(Base):
    __tablename__ = "learning_paths"

    id: Mapped[uuid.UUID] = _pk()
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str | None] = mapped_column(Text)
    thumbnail_url: Mapped[str | None] = mapped_column(String(255))
    author_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"))
    status: Mapped[str | None] = mapped_column(String(50), server_default="draft", default="draft")
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    steps: Mapped[list[PathStep]] = relationship(
        back_populates="path", order_by="PathStep.order_index", cascade="all, delete-orphan"
    )


class PathStep(Base):
    __tablename__ = "path_steps"

    id: Mapped[uuid.UUID] = _pk()
    path_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("learning_paths.id"))
    entity_type: Mapped[str] = mapped_column(String(50))  # 'course' or 'assessment'
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    order_index: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    path: Mapped[LearningPath | None] = relationship(back_populates="steps")


class UserProgress(Base):
    __tablename__ = "user_progress"
    __table_args__ = (
        Index(None, "user_id", "entity_type", "entity_id"),
        # additive (0003): one row per (user, entity); percentages are percentages.
        UniqueConstraint("user_id", "entity_type", "entity_id"),
        CheckConstraint("progress_percentage BETWEEN 0 AND 100", name="progress_percentage_range"),
    )

    id: Mapped[uuid.UUID] = _pk()
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"))
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(50))
    progress_percentage: Mapped[int | None] = mapped_column(
        Integer, server_default=text("0"), default=0
    )
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    user: Mapped[User | None] = relationship(back_populates="progress")


class SubscriptionPlan(Base):
    __tablename__ = "subscription_plans"

    id: Mapped[uuid.UUID] = _pk()
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    billing_cycle: Mapped[str] = mapped_column(String(50))
    features: Mapped[Any] = mapped_column(JSONType)
    is_active: Mapped[bool | None] = mapped_column(Boolean, server_default=true(), default=True)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()

    subscriptions: Mapped[list[Subscription]] = relationship(back_populates="plan")


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (Index(None, "user_id", "status"),)

    id: Mapped[uuid.UUID] = _pk()
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"))
    plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("subscription_plans.id"))
    status: Mapped[str] = mapped_column(String(50))
    start_date: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    end_date: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime | None] = _created_at()
    updated_at: Mapped[dt.datetime | None] = _updated_at()

    user: Mapped[User | None] = relationship(back_populates="subscriptions")
    plan: Mapped[SubscriptionPlan | None] = relationship(back_populates="subscriptions")


# ----------------------------------------------------------------------- additive tables

ROLE_NAMES = ("learner", "instructor", "support", "admin")


class UserRole(Base):
    """What a person may do in the desktop client; every user is at least a learner."""

    __tablename__ = "user_roles"
    __table_args__ = (
        CheckConstraint("role IN ('learner', 'instructor', 'support', 'admin')", name="role_known"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(50), primary_key=True)
    created_at: Mapped[dt.datetime | None] = _created_at()

    user: Mapped[User] = relationship(back_populates="roles")


class UserLogin(Base):
    """The PostgreSQL login role of a person (one per person and database)."""

    __tablename__ = "user_logins"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role_name: Mapped[str] = mapped_column(String(63), unique=True)
    created_at: Mapped[dt.datetime | None] = _created_at()


class AuditLog(Base):
    """Who changed what, when: appended by database triggers (PostgreSQL), never edited."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index(None, "subject_user_id", "occurred_at"),
        Index(None, "table_name", "row_id"),
        Index(None, "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, server_default=func.current_timestamp()
    )
    actor: Mapped[str] = mapped_column(String(63))  # the database login (session_user)
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    subject_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # whose data it is
    table_name: Mapped[str] = mapped_column(String(63))
    row_id: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(10))  # INSERT, UPDATE, DELETE
    old_data: Mapped[Any | None] = mapped_column(JSONType)
    new_data: Mapped[Any | None] = mapped_column(JSONType)


# ----------------------------------------------------------------- learning (0005)


class LessonPlayback(Base):
    """Where a person is in a video lesson: watched ranges and the resume position."""

    __tablename__ = "lesson_playback"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True
    )
    #: [[start_s, end_s], ...], normalised (sorted, merged).
    watched_ranges: Mapped[Any] = mapped_column(JSONType, default=list)
    resume_position_s: Mapped[float | None] = mapped_column(Float)
    #: The device's clock when the resume position was taken (latest wins on merge).
    resume_event_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_watched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime | None] = _updated_at()
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)


class AssessmentAttempt(Base):
    __tablename__ = "assessment_attempts"
    __table_args__ = (
        Index(None, "user_id", "assessment_id"),
        CheckConstraint("status IN ('in_progress', 'graded')", name="status_known"),
        CheckConstraint("score IS NULL OR score BETWEEN 0 AND 100", name="score_range"),
    )

    id: Mapped[uuid.UUID] = _pk()
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    assessment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("assessments.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(
        String(20), server_default="in_progress", default="in_progress"
    )
    started_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, server_default=func.current_timestamp()
    )
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Seconds on the device's monotonic clock between start and submit.
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    device_id: Mapped[str | None] = mapped_column(String(64))
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)

    answers: Mapped[list[AttemptAnswer]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan"
    )


class AttemptAnswer(Base):
    __tablename__ = "attempt_answers"

    attempt_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("assessment_attempts.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )
    #: Chosen answer option ids (strings), for choice questions.
    option_ids: Mapped[Any] = mapped_column(JSONType, default=list)
    text: Mapped[str | None] = mapped_column(Text)
    #: Points in [0, 1], set by grading.
    points: Mapped[float | None] = mapped_column(Float)

    attempt: Mapped[AssessmentAttempt] = relationship(back_populates="answers")


class StudyTime(Base):
    """Seconds genuinely watched per person, day (UTC) and lesson: the 'time studied' chart."""

    __tablename__ = "study_time"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True
    )
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    #: additive (0006): the change cursor for sync, set by a trigger on PostgreSQL.
    sync_seq: Mapped[int | None] = mapped_column(BigInteger)


# --------------------------------------------------------------------- sync (0006)
#
# On PostgreSQL a trigger sets ``sync_seq`` on every insert and update of the synced tables
# to the writing transaction's 64-bit id; a pull asks for rows at or above its cursor, and
# the next cursor is the oldest transaction still running (``pg_snapshot_xmin``). A plain
# sequence would not do: transactions commit in another order than they draw numbers, so a
# reader could skip a change that commits late. See ``elearn_desktop/sync/engine.py``.

Index("ix_courses_sync_seq", Course.sync_seq)
Index("ix_modules_sync_seq", Module.sync_seq)
Index("ix_video_assets_sync_seq", VideoAsset.sync_seq)
Index("ix_lessons_sync_seq", Lesson.sync_seq)
Index("ix_assessments_sync_seq", Assessment.sync_seq)
Index("ix_questions_sync_seq", Question.sync_seq)
Index("ix_answer_options_sync_seq", AnswerOption.sync_seq)
Index("ix_learning_paths_sync_seq", LearningPath.sync_seq)
Index("ix_path_steps_sync_seq", PathStep.sync_seq)
# A pull pages through a person's rows by (sync_seq, primary key): the index serves it.
Index(
    "ix_user_progress_user_id_sync_seq_id",
    UserProgress.user_id,
    UserProgress.sync_seq,
    UserProgress.id,
)
Index(
    "ix_lesson_playback_user_id_sync_seq_lesson_id",
    LessonPlayback.user_id,
    LessonPlayback.sync_seq,
    LessonPlayback.lesson_id,
)
Index(
    "ix_assessment_attempts_user_id_sync_seq_id",
    AssessmentAttempt.user_id,
    AssessmentAttempt.sync_seq,
    AssessmentAttempt.id,
)
Index("ix_study_time_user_id_sync_seq", StudyTime.user_id, StudyTime.sync_seq)


class SyncDevice(Base):
    """A device (one local cache) that syncs a person's offline work."""

    __tablename__ = "sync_devices"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime | None] = _created_at()
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_push_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_pull_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ProcessedOp(Base):
    """Every outbox op the server has seen, once: a second delivery changes nothing.

    No foreign key to ``users`` on purpose: a push inserts thousands of these per batch and
    a per-row referential check would cost more than the op itself.
    """

    __tablename__ = "processed_ops"
    __table_args__ = (
        CheckConstraint("status IN ('applied', 'rejected')", name="status_known"),
        # The few rejected ops, for elearn_apply_ops' answer (revision 0010).
        Index(
            "ix_processed_ops_rejected",
            "op_id",
            postgresql_where=text("status = 'rejected'"),
            sqlite_where=text("status = 'rejected'"),
        ),
    )

    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    device_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime, server_default=func.current_timestamp()
    )


class StudyTimeDevice(Base):
    """Seconds studied per person, device, day and lesson, as the device last reported.

    A device reports its running total; the server keeps the largest report and adds only
    the growth to ``study_time``, so a repeated or reordered report never counts twice.
    """

    __tablename__ = "study_time_devices"

    user_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True
    )
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


class SyncTombstone(Base):
    """A content row that was deleted, so devices can drop their offline copy of it."""

    __tablename__ = "sync_tombstones"
    __table_args__ = (Index(None, "sync_seq"),)

    table_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    sync_seq: Mapped[int] = mapped_column(BigInteger)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(
        UTCDateTime, server_default=func.current_timestamp()
    )
