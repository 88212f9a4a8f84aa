"""Unit of work: one Session and its repositories for one operation.

Use it as a context manager in the thread that does the work; it rolls back unless
``commit()`` was called, and always closes the session::

    with uow_factory() as uow:
        uow.users.add(user)
        uow.commit()
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from elearn_desktop.data import text_guard
from elearn_desktop.data.repositories import (
    AssessmentRepository,
    CourseRepository,
    LearningPathRepository,
    ProgressRepository,
    SubscriptionRepository,
    UserRepository,
    VideoAssetRepository,
)


class UnitOfWork:
    session: Session
    users: UserRepository
    courses: CourseRepository
    videos: VideoAssetRepository
    assessments: AssessmentRepository
    paths: LearningPathRepository
    progress: ProgressRepository
    subscriptions: SubscriptionRepository

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> Self:
        self.session = self._session_factory()
        self.users = UserRepository(self.session)
        self.courses = CourseRepository(self.session)
        self.videos = VideoAssetRepository(self.session)
        self.assessments = AssessmentRepository(self.session)
        self.paths = LearningPathRepository(self.session)
        self.progress = ProgressRepository(self.session)
        self.subscriptions = SubscriptionRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()


UnitOfWorkFactory = Callable[[], UnitOfWork]


def uow_factory_for(engine: Engine) -> UnitOfWorkFactory:
    """A factory of units of work on ``engine`` (expire_on_commit off: results outlive it).

    Every flush refuses text with a NUL character (``text_guard``), on both backends.
    """
    text_guard.install()
    maker = sessionmaker(bind=engine, expire_on_commit=False)
    return lambda: UnitOfWork(maker)
