"""The Support workspace: account search, the accounts people opened, plans, insights.

Tabs: Accounts (search; Enter opens an account in a tab of its own), Plans, Insights, then
one closable tab per opened account and per "view as learner" (Ctrl+W closes the current
one). Everything runs as the signed-in person: what their roles do not allow is not
offered, and on PostgreSQL the server enforces it anyway.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QTabBar, QTabWidget, QVBoxLayout, QWidget

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.permissions import allowed
from elearn_desktop.ui.support.account_view import AccountView
from elearn_desktop.ui.support.accounts_page import AccountsPage
from elearn_desktop.ui.support.insights_page import InsightsPage
from elearn_desktop.ui.support.learner_preview import LearnerPreview
from elearn_desktop.ui.support.plans_page import PlansPage

FIXED_TABS = 3


class SupportWorkspace(QWidget):
    """``SupportWorkspace(session, parent=None)``; emits ``account_opened(user_id)``."""

    account_opened = Signal(object)  # uuid.UUID

    def __init__(self, session: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supportWorkspace")
        self.session = session
        self.accounts_page = AccountsPage(session)
        self.plans_page = PlansPage(session)
        self.insights_page = InsightsPage(session)
        self._loaded: set[QWidget] = set()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("supportTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(False)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.accounts_page, "")
        self.tabs.addTab(self.plans_page, "")
        self.tabs.addTab(self.insights_page, "")
        for index in range(FIXED_TABS):
            self.tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, None)
            self.tabs.tabBar().setTabButton(index, QTabBar.ButtonPosition.LeftSide, None)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_shown)

        self.accounts_page.account_opened.connect(self.open_account)
        self.plans_page.plans_changed.connect(self._plans_changed)

        self.close_action = close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        close.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        self.addAction(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.accounts_page)
        self.retranslate()
        if not allowed(session.user, "accounts.read"):
            self.accounts_page.status.setText(
                self.tr("Your account may not look up other accounts.")
            )
        else:
            self.accounts_page.refresh()

    def retranslate(self) -> None:
        """Tab titles and actions; the pages retranslate their own fixed texts."""
        self.tabs.setAccessibleName(self.tr("Support pages"))
        for index, title in enumerate((self.tr("Accounts"), self.tr("Plans"), self.tr("Insights"))):
            self.tabs.setTabText(index, title)
        self.close_action.setText(self.tr("Close tab"))
        for index in range(FIXED_TABS, self.tabs.count()):
            widget = self.tabs.widget(index)
            if isinstance(widget, LearnerPreview):
                self._retitle(widget, self._preview_title(widget.name))
                self.tabs.setTabToolTip(index, self._preview_tooltip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what the main window uses -----------------------------------------------------------

    @property
    def status(self) -> QLabel:
        """The search page's status line (the main window writes connection news there)."""
        return self.accounts_page.status

    def refresh(self) -> None:
        self.accounts_page.refresh()
        self._loaded = {self.accounts_page}
        self._tab_shown(self.tabs.currentIndex())
        for view in self.account_views():
            view.refresh()

    # -- tabs ----------------------------------------------------------------------------------

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page in (self.plans_page, self.insights_page) and page not in self._loaded:
            self._loaded.add(page)
            page.refresh()  # type: ignore[attr-defined]

    def account_views(self) -> list[AccountView]:
        return [
            w
            for i in range(FIXED_TABS, self.tabs.count())
            if isinstance(w := self.tabs.widget(i), AccountView)
        ]

    def open_account(self, user_id: uuid.UUID) -> AccountView:
        """Show the account's tab (opening it if needed)."""
        for view in self.account_views():
            if view.user_id == user_id:
                self.tabs.setCurrentWidget(view)
                return view
        view = AccountView(self.session, user_id)
        index = self.tabs.addTab(view, self.tr("Loading…"))
        self.tabs.setTabToolTip(index, str(user_id))
        view.title_changed.connect(lambda title, v=view: self._retitle(v, title))
        view.account_changed.connect(self._account_changed)
        view.view_as_learner_requested.connect(self.view_as_learner)
        self.tabs.setCurrentIndex(index)
        view.tabs.setFocus()
        self.account_opened.emit(user_id)
        return view

    def _retitle(self, widget: QWidget, title: str) -> None:
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.setTabText(index, title if len(title) <= 36 else title[:35] + "…")

    def _account_changed(self, user_id: uuid.UUID) -> None:
        self.accounts_page.model.refresh_rows([user_id])
        if self.insights_page in self._loaded:
            self._loaded.discard(self.insights_page)
        if self.plans_page in self._loaded:
            self._loaded.discard(self.plans_page)

    def _plans_changed(self) -> None:
        self._loaded.discard(self.insights_page)
        self.accounts_page.set_session(self.session)  # the plan filter lists the new plan

    def view_as_learner(self, user_id: uuid.UUID) -> QWidget:
        name: str | None = None
        for view in self.account_views():
            if view.user_id == user_id and view.detail is not None:
                name = view.detail.user.display_name
        preview = LearnerPreview(self.session, user_id, name)
        index = self.tabs.addTab(preview, self._preview_title(preview.name))
        self.tabs.setTabToolTip(index, self._preview_tooltip())
        preview.title_changed.connect(
            lambda title, p=preview: self._retitle(p, self._preview_title(title))
        )
        self.tabs.setCurrentIndex(index)
        return preview

    def close_tab(self, index: int) -> None:
        if index < FIXED_TABS:
            return
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if widget is not None:
            widget.deleteLater()

    def _preview_title(self, name: str) -> str:
        return self.tr("As {name} (read-only)").format(name=name)

    def _preview_tooltip(self) -> str:
        return self.tr("Their learning as they see it, read-only")
