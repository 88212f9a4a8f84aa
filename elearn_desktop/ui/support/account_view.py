"""One account on one screen: who they are, their plan, their learning, their devices and
the audit trail — and the actions the signed-in person's roles allow.

Every action is confirmed, runs in a background op as the signed-in person (on PostgreSQL
the server enforces it and its triggers audit it), and then says what happened — or, when
the server refuses, why — in the banner above the tabs. Actions a role does not allow are
not offered at all.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.plans import status_words
from elearn_desktop.domain.validation import ROLE_NAMES
from elearn_desktop.services import account_detail, support
from elearn_desktop.services.account_detail import AccountDetail, AuditTrail, SubscriptionInfo
from elearn_desktop.services.account_export import write_account_export
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.support import Changes
from elearn_desktop.services.support_plans import list_plans
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.support import common
from elearn_desktop.ui.support.account_tabs import (
    AttemptsTab,
    AuditTab,
    LearningTab,
    ProfileTab,
    RolesTab,
    SubscriptionsTab,
    SyncTab,
)
from elearn_desktop.ui.support.common import Banner, error_text, initials_of, round_avatar

AVATAR_SIZE = 72


class AccountView(QWidget):
    """Everything about one account. ``account_changed`` after an action changed it."""

    account_changed = Signal(object)  # uuid.UUID
    view_as_learner_requested = Signal(object)  # uuid.UUID
    title_changed = Signal(str)

    def __init__(
        self, session: SignedIn, user_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountView")
        self.session = session
        self.user_id = user_id
        self.detail: AccountDetail | None = None
        self.trail: AuditTrail | None = None
        self.allowed = support.allowed_actions(session.user)
        self.avatar_image: QImage | None = None
        self._avatar_url: str | None = None
        self._loads = 0

        self.avatar = QLabel()
        self.avatar.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        self.avatar.setAccessibleName("Avatar")
        self.name = common.heading("Loading…", scale=1.4)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.email = QLabel()
        self.email.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flags = QLabel()
        self.flags.setObjectName("accountFlags")
        self.flags.setAccessibleName("Account status")
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.name)
        who.addWidget(self.email)
        who.addWidget(self.flags)

        self.active_button = QPushButton("Deactivate…")
        self.active_button.clicked.connect(self._toggle_active)
        self.verified_button = QPushButton("Mark verified…")
        self.verified_button.clicked.connect(self._toggle_verified)
        self.password_button = QPushButton("Temporary password…")
        self.password_button.clicked.connect(self._temporary_password)
        self.export_button = QPushButton("Export data…")
        self.export_button.clicked.connect(self._export)
        self.learner_button = QPushButton("View as learner")
        self.learner_button.setToolTip("See their My learning and My progress, read-only")
        self.learner_button.clicked.connect(lambda: self.view_as_learner_requested.emit(user_id))
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self._offer(self.active_button, "accounts.set_status")
        self._offer(self.verified_button, "accounts.set_status")
        self._offer(self.password_button, "accounts.set_password")
        self._offer(self.export_button, "accounts.export")
        self._offer(self.learner_button, "accounts.view_as_learner")
        actions = QHBoxLayout()
        for button in (
            self.active_button,
            self.verified_button,
            self.password_button,
            self.export_button,
            self.learner_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.refresh_button)

        header = QHBoxLayout()
        header.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(who, 1)

        self.banner = Banner()
        self.profile_tab = ProfileTab()
        self.roles_tab = RolesTab()
        self.roles_tab.set_allowed("roles.manage" in self.allowed)
        self.roles_tab.grant_requested.connect(self._grant_role)
        self.roles_tab.revoke_requested.connect(self._revoke_role)
        self.subscriptions_tab = SubscriptionsTab()
        self.subscriptions_tab.set_allowed(
            manage="subscriptions.manage" in self.allowed,
            change_plan="subscriptions.change_plan" in self.allowed,
        )
        self.subscriptions_tab.cancel_requested.connect(self._cancel_subscription)
        self.subscriptions_tab.extend_requested.connect(self._extend_subscription)
        self.subscriptions_tab.change_plan_requested.connect(self._change_plan)
        self.learning_tab = LearningTab()
        self.attempts_tab = AttemptsTab()
        self.sync_tab = SyncTab()
        self.audit_tab = AuditTab()
        self.audit_tab.filters_changed.connect(self.load_audit)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("accountTabs")
        self.tabs.setAccessibleName("Account details")
        self.tabs.setDocumentMode(True)
        for widget, title in (
            (self.profile_tab, "Profile"),
            (self.roles_tab, "Roles"),
            (self.subscriptions_tab, "Subscriptions"),
            (self.learning_tab, "Learning"),
            (self.attempts_tab, "Attempts"),
            (self.sync_tab, "Devices && sync"),
            (self.audit_tab, "Audit trail"),
        ):
            self.tabs.addTab(widget, title)
        self.status = common.muted_label("Loading…")

        column = QVBoxLayout(self)
        column.addLayout(header)
        column.addLayout(actions)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.status)
        self._set_avatar(None)
        self.refresh()

    def _offer(self, button: QPushButton, action: str) -> None:
        """Not offered at all when the person's roles do not allow it."""
        button.setVisible(action in self.allowed)

    # -- loading ---------------------------------------------------------------------------

    @property
    def _uow(self) -> Any:
        assert self.session.backend is not None
        return self.session.backend.uow

    @property
    def loading(self) -> bool:
        return self._loads > 0

    def refresh(self) -> None:
        if self.session.backend is None:
            self.status.setText("This account needs a connection to the server.")
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._loads += 1
        BackgroundOp(
            lambda: account_detail.account_detail(uow, user_id, actor=actor),
            label="load account",
        ).on_success(self.show_detail).on_failure(self._load_failed).run(parent=self)
        self.load_audit()

    def load_audit(self) -> None:
        if self.session.backend is None:
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        filters = self.audit_tab.filters()
        since = common.qdate_start_utc(filters["since"]) if filters["since"] else None
        until = common.qdate_start_utc(filters["until"].addDays(1)) if filters["until"] else None
        table = filters["table"]
        self._loads += 1
        BackgroundOp(
            lambda: account_detail.audit_trail(
                uow, user_id, actor=actor, since=since, until=until, table=table
            ),
            label="load audit trail",
        ).on_success(self.show_trail).on_failure(self._load_failed).run(parent=self)

    def _load_failed(self, exc: BaseException) -> None:
        self._loads = max(0, self._loads - 1)
        self.status.setText(f"Could not load this account: {error_text(exc)}")

    def show_detail(self, detail: AccountDetail) -> None:
        self._loads = max(0, self._loads - 1)
        self.detail = detail
        user = detail.user
        self.name.setText(user.display_name)
        self.email.setText(user.email)
        live = detail.live_subscription
        plan = f"{live.plan_name} plan ({status_words(live.status)})" if live else "No plan"
        roles = ", ".join(r for r in user.roles if r != "learner") or "learner"
        self.flags.setText(
            " · ".join(
                (
                    "● Active" if user.is_active else "○ Deactivated",
                    "✓ Verified" if user.is_verified else "✗ Not verified",
                    roles,
                    plan,
                )
            )
        )
        self.active_button.setText("Deactivate…" if user.is_active else "Activate…")
        self.verified_button.setText("Mark not verified…" if user.is_verified else "Mark verified…")
        self.active_button.setEnabled(not (user.is_active and user.id == self.session.user.id))
        for tab in (
            self.profile_tab,
            self.roles_tab,
            self.subscriptions_tab,
            self.learning_tab,
            self.attempts_tab,
            self.sync_tab,
        ):
            tab.show_detail(detail)
        self.status.setText(f"As of {dt.datetime.now().strftime('%H:%M:%S')} (Refresh reloads it)")
        self.title_changed.emit(user.display_name)
        url = detail.profile.avatar_url if detail.profile is not None else None
        if url != self._avatar_url:
            self._avatar_url = url
            self._set_avatar(None)
            if url:
                self._load_avatar(url)
        elif self.avatar_image is None:
            self._set_avatar(None)  # the initials, now that the name is known

    def show_trail(self, trail: AuditTrail) -> None:
        self._loads = max(0, self._loads - 1)
        self.trail = trail
        self.audit_tab.show_trail(trail)

    # -- avatar ----------------------------------------------------------------------------

    def _initials(self) -> str:
        if self.detail is None:
            return "?"
        user = self.detail.user
        return initials_of(user.first_name, user.last_name, user.email)

    def _set_avatar(self, image: QImage | None) -> None:
        self.avatar_image = image
        ratio = self.devicePixelRatioF() or 1.0
        pixmap = round_avatar(image, self._initials(), round(AVATAR_SIZE * ratio))
        pixmap.setDevicePixelRatio(ratio)
        self.avatar.setPixmap(pixmap)

    def _load_avatar(self, url: str) -> None:
        def show(image: QImage | None) -> None:
            if url == self._avatar_url:
                self._set_avatar(image)

        def failed(exc: BaseException) -> None:
            if url == self._avatar_url:
                self._set_avatar(None)
                self.avatar.setToolTip(f"The avatar could not be loaded: {exc}")

        BackgroundOp(lambda: common.load_avatar_image(url), label="load avatar").on_success(
            show
        ).on_failure(failed).run(parent=self)

    # -- actions ---------------------------------------------------------------------------

    def _run(self, label: str, work: Callable[[], Changes]) -> None:
        """Run an action as the signed-in person; say what happened, or why not."""
        self.banner.show_message(f"{label}…")
        self._set_busy(True)

        def done(changes: Changes) -> None:
            self._set_busy(False)
            self.banner.show_message(changes.message)
            self.refresh()
            self.account_changed.emit(self.user_id)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.banner.show_message(error_text(exc), error=True)
            self.refresh()

        BackgroundOp(work, label=label).on_success(done).on_failure(failed).run(parent=self)

    def _set_busy(self, busy: bool) -> None:
        for button in (
            self.active_button,
            self.verified_button,
            self.password_button,
            self.export_button,
        ):
            button.setEnabled(not busy)

    def _who(self) -> str:
        return self.detail.user.display_name if self.detail is not None else "this person"

    def _toggle_active(self) -> None:
        if self.detail is None:
            return
        activate = not self.detail.user.is_active
        name = self._who()
        text = (
            f"Activate {name}'s account? They can sign in again."
            if activate
            else f"Deactivate {name}'s account? They cannot sign in until it is activated "
            "again; their data is kept."
        )
        verb = "Activate" if activate else "Deactivate"
        if not common.confirm(self, f"{verb} account", text, action=verb):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(
            f"{verb[:-1]}ing the account",
            lambda: support.set_account_active(uow, user_id, active=activate, actor=actor),
        )

    def _toggle_verified(self) -> None:
        if self.detail is None:
            return
        verified = not self.detail.user.is_verified
        words = "verified" if verified else "not verified"
        if not common.confirm(
            self,
            "Verification",
            f"Mark {self._who()}'s account as {words}?",
            action="Mark " + words,
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(
            "Saving",
            lambda: support.set_account_verified(uow, user_id, verified=verified, actor=actor),
        )

    def _cancel_subscription(self, info: SubscriptionInfo) -> None:
        if not common.confirm(
            self,
            "Cancel subscription",
            f"Cancel {self._who()}'s {info.plan_name} subscription now? It stops giving "
            "access today.",
            action="Cancel subscription",
        ):
            return
        uow, actor = self._uow, self.session.user
        self._run(
            "Cancelling",
            lambda: support.cancel_subscription(uow, info.id, actor=actor),
        )

    def _extend_subscription(self, info: SubscriptionInfo) -> None:
        if info.end_date is None:
            return
        now = dt.datetime.now(dt.UTC)
        start_from = max(info.end_date, now)
        new_end = common.ask_date(
            self,
            "Extend subscription",
            f"New end of the {info.plan_name} subscription:",
            initial=start_from + dt.timedelta(days=30),
            minimum=start_from,
        )
        if new_end is None:
            return
        if not common.confirm(
            self,
            "Extend subscription",
            f"Extend {self._who()}'s {info.plan_name} subscription to {common.day(new_end)}?",
            action="Extend",
        ):
            return
        uow, actor = self._uow, self.session.user
        self._run(
            "Extending",
            lambda: support.extend_subscription(uow, info.id, end_date=new_end, actor=actor),
        )

    def _change_plan(self) -> None:
        uow, actor = self._uow, self.session.user
        self.banner.show_message("Loading the plans on offer…")
        BackgroundOp(lambda: list_plans(uow, actor=actor), label="plans").on_success(
            self._choose_plan
        ).on_failure(lambda exc: self.banner.show_message(error_text(exc), error=True)).run(
            parent=self
        )

    def _choose_plan(self, plans: list[Any]) -> None:
        self.banner.hide()
        current = self.detail.live_subscription if self.detail is not None else None
        offered = [p for p in plans if p.is_active and (current is None or p.id != current.plan_id)]
        if not offered:
            self.banner.show_message("There is no other plan on offer.", error=True)
            return
        labels = {f"{p.name} — {p.price:.2f} / {p.billing_cycle}": p for p in offered}
        choice = common.ask_choice(self, "Change plan", "Move to the plan:", list(labels))
        if choice is None:
            return
        plan = labels[choice]
        ending = f" Their {current.plan_name} subscription ends now." if current is not None else ""
        if not common.confirm(
            self,
            "Change plan",
            f"Move {self._who()} to the {plan.name} plan?{ending}",
            action="Change plan",
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(
            "Changing the plan",
            lambda: support.change_plan(uow, user_id, plan_id=plan.id, actor=actor),
        )

    def _grant_role(self, role: str) -> None:
        if not role:
            missing = self.roles_tab.missing_roles()
            if not missing:
                return
            choice = common.ask_choice(self, "Grant role", "Role to grant:", missing)
            if choice is None:
                return
            role = choice
        if role not in ROLE_NAMES:
            return
        if not common.confirm(
            self,
            "Grant role",
            f"Give {self._who()} the {role} role? {role.title()}s can: {self._role_meaning(role)}.",
            action="Grant",
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run("Granting", lambda: support.grant_role(uow, user_id, role, actor=actor))

    def _revoke_role(self, role: str) -> None:
        if not common.confirm(
            self, "Revoke role", f"Take the {role} role away from {self._who()}?", action="Revoke"
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run("Revoking", lambda: support.revoke_role(uow, user_id, role, actor=actor))

    @staticmethod
    def _role_meaning(role: str) -> str:
        from elearn_desktop.ui.support.account_tabs import ROLE_MEANINGS

        return ROLE_MEANINGS[role].lower()

    def _temporary_password(self) -> None:
        name = self._who()
        if not common.confirm(
            self,
            "Temporary password",
            f"Give {name} a new, random password? Their current password stops working.",
            action="Set password",
        ):
            return
        password = support.generate_temporary_password()
        uow, actor, user_id = self._uow, self.session.user, self.user_id

        def work() -> Changes:
            changes = support.set_temporary_password(uow, user_id, password, actor=actor)
            return changes

        self.banner.show_message("Setting the password…")

        def done(changes: Changes) -> None:
            self.banner.show_message(changes.message)
            self.refresh()
            self.account_changed.emit(user_id)
            common.show_temporary_password(self, name, password)

        def failed(exc: BaseException) -> None:
            self.banner.show_message(error_text(exc), error=True)

        BackgroundOp(work, label="temporary password").on_success(done).on_failure(failed).run(
            parent=self
        )

    def _export(self) -> None:
        if self.detail is None:
            return
        path = common.choose_export_path(
            self, f"{self.detail.user.email.split('@')[0]}-account-data.json"
        )
        if path is None:
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self.banner.show_message("Exporting…")
        BackgroundOp(
            lambda: write_account_export(uow, user_id, path, actor=actor), label="export"
        ).on_success(
            lambda written: self.banner.show_message(f"Exported the account's data to {written}.")
        ).on_failure(lambda exc: self.banner.show_message(error_text(exc), error=True)).run(
            parent=self
        )
