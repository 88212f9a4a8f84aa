"""View as learner: a person's My learning and My progress, as they see them, read-only.

The Learn pages are built without a session (so they never load or write anything by
themselves) and are given the person's figures, read here as the signed-in staff member.
Nothing that would study is offered: no Continue, no playing, no opening a course — so
nothing can be recorded as the person.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services import account_search, learning_overview
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.permissions import allowed
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.support.common import error_text


class LearnerPreview(QWidget):
    """``LearnerPreview(session, user_id, name=None, parent=None)``; without a name it
    looks the person up and emits ``title_changed``."""

    title_changed = Signal(str)

    def __init__(
        self,
        session: SignedIn,
        user_id: uuid.UUID,
        name: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Imported here: the Learn pages are only needed when someone opens a preview.
        from elearn_desktop.ui.learn.my_learning_page import MyLearningPage
        from elearn_desktop.ui.learn.progress_page import ProgressPage

        self.setObjectName("learnerPreview")
        self.session = session
        self.user_id = user_id
        self.name = name or self.tr("this person")
        self.banner = QFrame()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(
            "#readOnlyBanner { background: #fff4ce; border: 1px solid #c19c00; "
            "border-radius: 4px; } #readOnlyBanner QLabel { color: #4d3c00; }"
        )
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.reload_button = reload_button = QPushButton()
        reload_button.clicked.connect(self.refresh)
        row = QHBoxLayout(self.banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(reload_button)

        self.learning = MyLearningPage(session=None)
        self.progress = ProgressPage(session=None)
        # Read-only: nothing that would study as them (which would record progress).
        for button in (
            self.learning.resume_button,
            self.learning.continue_button,
            self.learning.open_course_button,
            *self.learning.no_courses.findChildren(QPushButton),
        ):
            button.hide()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.learning, "")
        self.tabs.addTab(self.progress, "")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        column = QVBoxLayout(self)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.status)
        self.loaded = 0
        self.retranslate()
        self.refresh()
        if name is None:
            self._look_up_name()

    def retranslate(self) -> None:
        self.banner_text.setText(self.banner_words(self.name))
        self.banner_text.setAccessibleName(self.tr("Read-only preview"))
        self.reload_button.setText(self.tr("Reload"))
        self.tabs.setTabText(0, self.tr("My learning"))
        self.tabs.setTabText(1, self.tr("My progress"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def banner_words(self, name: str) -> str:
        return self.tr(
            "Viewing {name}'s learning as they see it — read-only. "
            "Nothing here is recorded as them."
        ).format(name=name)

    def refresh(self) -> None:
        if not allowed(self.session.user, "accounts.view_as_learner"):
            self.status.setText(self.tr("Your account may not view other people's learning."))
            return
        backend = self.session.backend
        if backend is None:
            self.status.setText(self.tr("Viewing as a learner needs a connection to the server."))
            return
        uow, user_id = backend.uow, self.user_id
        BackgroundOp(
            lambda: learning_overview.my_learning(uow, user_id), label="learner's overview"
        ).on_success(self._show_overview).on_failure(self._failed).run(parent=self)
        BackgroundOp(
            lambda: learning_overview.progress_stats(uow, user_id), label="learner's stats"
        ).on_success(self._show_stats).on_failure(self._failed).run(parent=self)

    def _look_up_name(self) -> None:
        backend = self.session.backend
        if backend is None:
            return
        uow, actor, user_id = backend.uow, self.session.user, self.user_id
        BackgroundOp(
            lambda: account_search.account_rows(uow, [user_id], actor=actor), label="name"
        ).on_success(self._named).on_failure(self._failed).run(parent=self)

    def _named(self, rows: list[account_search.AccountRow]) -> None:
        if rows:
            self.name = rows[0].display_name
            self.banner_text.setText(self.banner_words(self.name))
            self.title_changed.emit(self.name)

    def _show_overview(self, overview: learning_overview.MyLearning) -> None:
        self.learning.show_overview(overview)
        self.learning.continue_button.hide()
        self.loaded += 1

    def _show_stats(self, stats: learning_overview.ProgressStats) -> None:
        self.progress.show_stats(stats)
        self.loaded += 1

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(
            self.tr("Could not load their learning: {error}").format(error=error_text(exc))
        )
