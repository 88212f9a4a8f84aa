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

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
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
        self.avatar.setAccessibleName(self.tr("Avatar"))
        self.name = common.heading(self.tr("Loading…"), scale=1.4)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.email = QLabel()
        self.email.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flags = QLabel()
        self.flags.setObjectName("accountFlags")
        self.flags.setAccessibleName(self.tr("Account status"))
        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(self.name)
        who.addWidget(self.email)
        who.addWidget(self.flags)

        self.active_button = QPushButton(self.tr("Deactivate…"))
        self.active_button.clicked.connect(self._toggle_active)
        self.verified_button = QPushButton(self.tr("Mark verified…"))
        self.verified_button.clicked.connect(self._toggle_verified)
        self.password_button = QPushButton(self.tr("Temporary password…"))
        self.password_button.clicked.connect(self._temporary_password)
        self.export_button = QPushButton(self.tr("Export data…"))
        self.export_button.clicked.connect(self._export)
        self.learner_button = QPushButton(self.tr("View as learner"))
        self.learner_button.setToolTip(self.tr("See their My learning and My progress, read-only"))
        self.learner_button.clicked.connect(lambda: self.view_as_learner_requested.emit(user_id))
        self.refresh_button = QPushButton(self.tr("Refresh"))
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
        self.tabs.setAccessibleName(self.tr("Account details"))
        self.tabs.setDocumentMode(True)
        # The tabs that show the account's detail (the audit trail loads on its own).
        self.detail_tabs = (
            self.profile_tab,
            self.roles_tab,
            self.subscriptions_tab,
            self.learning_tab,
            self.attempts_tab,
            self.sync_tab,
        )
        for widget in (*self.detail_tabs, self.audit_tab):
            self.tabs.addTab(widget, "")
        self._retranslate_tabs()
        self.status = common.muted_label(self.tr("Loading…"))

        column = QVBoxLayout(self)
        column.addLayout(header)
        column.addLayout(actions)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.status)
        self._set_avatar(None)
        self.refresh()

    def _retranslate_tabs(self) -> None:
        titles = (
            self.tr("Profile"),
            self.tr("Roles"),
            self.tr("Subscriptions"),
            self.tr("Learning"),
            self.tr("Attempts"),
            self.tr("Devices && sync"),
            self.tr("Audit trail"),
        )
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_tabs()
            self.tabs.setAccessibleName(self.tr("Account details"))
            self.password_button.setText(self.tr("Temporary password…"))
            self.export_button.setText(self.tr("Export data…"))
            self.learner_button.setText(self.tr("View as learner"))
            self.learner_button.setToolTip(
                self.tr("See their My learning and My progress, read-only")
            )
            self.refresh_button.setText(self.tr("Refresh"))
            if self.detail is not None:
                self.flags.setText(self._flags_text(self.detail))
            active = self.detail is None or self.detail.user.is_active
            verified = self.detail is not None and self.detail.user.is_verified
            self.active_button.setText(self.tr("Deactivate…") if active else self.tr("Activate…"))
            self.verified_button.setText(
                self.tr("Mark not verified…") if verified else self.tr("Mark verified…")
            )
        super().changeEvent(event)

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
            self.status.setText(self.tr("This account needs a connection to the server."))
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
        self.status.setText(
            self.tr("Could not load this account: {error}").format(error=error_text(exc))
        )

    def _flags_text(self, detail: AccountDetail) -> str:
        user, live = detail.user, detail.live_subscription
        plan = (
            self.tr("{plan} plan ({status})").format(
                plan=live.plan_name, status=status_words(live.status)
            )
            if live
            else self.tr("No plan")
        )
        roles = ", ".join(r for r in user.roles if r != "learner") or "learner"
        return " · ".join(
            (
                self.tr("● Active") if user.is_active else self.tr("○ Deactivated"),
                self.tr("✓ Verified") if user.is_verified else self.tr("✗ Not verified"),
                roles,
                plan,
            )
        )

    def show_detail(self, detail: AccountDetail) -> None:
        self._loads = max(0, self._loads - 1)
        self.detail = detail
        user = detail.user
        self.name.setText(user.display_name)
        self.email.setText(user.email)
        self.flags.setText(self._flags_text(detail))
        self.active_button.setText(
            self.tr("Deactivate…") if user.is_active else self.tr("Activate…")
        )
        self.verified_button.setText(
            self.tr("Mark not verified…") if user.is_verified else self.tr("Mark verified…")
        )
        self.active_button.setEnabled(not (user.is_active and user.id == self.session.user.id))
        for tab in self.detail_tabs:
            tab.show_detail(detail)
        self.status.setText(
            self.tr("As of {time} (Refresh reloads it)").format(
                time=dt.datetime.now().strftime("%H:%M:%S")
            )
        )
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
                self.avatar.setToolTip(
                    self.tr("The avatar could not be loaded: {exc}").format(exc=exc)
                )

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

        BackgroundOp(work, label="account action").on_success(done).on_failure(failed).run(
            parent=self
        )

    def _set_busy(self, busy: bool) -> None:
        for button in (
            self.active_button,
            self.verified_button,
            self.password_button,
            self.export_button,
        ):
            button.setEnabled(not busy)

    def _who(self) -> str:
        return self.detail.user.display_name if self.detail is not None else self.tr("this person")

    def _toggle_active(self) -> None:
        if self.detail is None:
            return
        activate = not self.detail.user.is_active
        name = self._who()
        if activate:
            title, verb, doing = (
                self.tr("Activate account"),
                self.tr("Activate"),
                self.tr("Activating the account"),
            )
            text = self.tr("Activate {name}'s account? They can sign in again.")
        else:
            title, verb, doing = (
                self.tr("Deactivate account"),
                self.tr("Deactivate"),
                self.tr("Deactivating the account"),
            )
            text = self.tr(
                "Deactivate {name}'s account? They cannot sign in until it is activated "
                "again; their data is kept."
            )
        if not common.confirm(self, title, text.format(name=name), action=verb):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(
            doing,
            lambda: support.set_account_active(uow, user_id, active=activate, actor=actor),
        )

    def _toggle_verified(self) -> None:
        if self.detail is None:
            return
        verified = not self.detail.user.is_verified
        if verified:
            question = self.tr("Mark {name}'s account as verified?")
            action = self.tr("Mark verified")
        else:
            question = self.tr("Mark {name}'s account as not verified?")
            action = self.tr("Mark not verified")
        if not common.confirm(
            self,
            self.tr("Verification"),
            question.format(name=self._who()),
            action=action,
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(
            self.tr("Saving"),
            lambda: support.set_account_verified(uow, user_id, verified=verified, actor=actor),
        )

    def _cancel_subscription(self, info: SubscriptionInfo) -> None:
        if not common.confirm(
            self,
            self.tr("Cancel subscription"),
            self.tr(
                "Cancel {name}'s {plan} subscription now? It stops giving access today."
            ).format(name=self._who(), plan=info.plan_name),
            action=self.tr("Cancel subscription"),
        ):
            return
        uow, actor = self._uow, self.session.user
        self._run(
            self.tr("Cancelling"),
            lambda: support.cancel_subscription(uow, info.id, actor=actor),
        )

    def _extend_subscription(self, info: SubscriptionInfo) -> None:
        if info.end_date is None:
            return
        now = dt.datetime.now(dt.UTC)
        start_from = max(info.end_date, now)
        new_end = common.ask_date(
            self,
            self.tr("Extend subscription"),
            self.tr("New end of the {plan} subscription:").format(plan=info.plan_name),
            initial=start_from + dt.timedelta(days=30),
            minimum=start_from,
        )
        if new_end is None:
            return
        if not common.confirm(
            self,
            self.tr("Extend subscription"),
            self.tr("Extend {name}'s {plan} subscription to {end}?").format(
                name=self._who(), plan=info.plan_name, end=common.day(new_end)
            ),
            action=self.tr("Extend"),
        ):
            return
        uow, actor = self._uow, self.session.user
        self._run(
            self.tr("Extending"),
            lambda: support.extend_subscription(uow, info.id, end_date=new_end, actor=actor),
        )

    def _change_plan(self) -> None:
        uow, actor = self._uow, self.session.user
        self.banner.show_message(self.tr("Loading the plans on offer…"))
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
            self.banner.show_message(self.tr("There is no other plan on offer."), error=True)
            return
        labels = {f"{p.name} — {p.price:.2f} / {p.billing_cycle}": p for p in offered}
        choice = common.ask_choice(
            self, self.tr("Change plan"), self.tr("Move to the plan:"), list(labels)
        )
        if choice is None:
            return
        plan = labels[choice]
        ending = (
            " " + self.tr("Their {plan} subscription ends now.").format(plan=current.plan_name)
            if current is not None
            else ""
        )
        if not common.confirm(
            self,
            self.tr("Change plan"),
            self.tr("Move {name} to the {plan} plan?").format(name=self._who(), plan=plan.name)
            + ending,
            action=self.tr("Change plan"),
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(
            self.tr("Changing the plan"),
            lambda: support.change_plan(uow, user_id, plan_id=plan.id, actor=actor),
        )

    def _grant_role(self, role: str) -> None:
        if not role:
            missing = self.roles_tab.missing_roles()
            if not missing:
                return
            choice = common.ask_choice(
                self, self.tr("Grant role"), self.tr("Role to grant:"), missing
            )
            if choice is None:
                return
            role = choice
        if role not in ROLE_NAMES:
            return
        if not common.confirm(
            self,
            self.tr("Grant role"),
            self.tr("Give {name} the {role} role? It allows: {meaning}.").format(
                name=self._who(), role=role, meaning=self._role_meaning(role)
            ),
            action=self.tr("Grant"),
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(self.tr("Granting"), lambda: support.grant_role(uow, user_id, role, actor=actor))

    def _revoke_role(self, role: str) -> None:
        if not common.confirm(
            self,
            self.tr("Revoke role"),
            self.tr("Take the {role} role away from {name}?").format(role=role, name=self._who()),
            action=self.tr("Revoke"),
        ):
            return
        uow, actor, user_id = self._uow, self.session.user, self.user_id
        self._run(self.tr("Revoking"), lambda: support.revoke_role(uow, user_id, role, actor=actor))

    @staticmethod
    def _role_meaning(role: str) -> str:
        from elearn_desktop.ui.support.account_tabs import ROLE_MEANINGS

        return QCoreApplication.translate("Support", ROLE_MEANINGS[role]).lower()

    def _temporary_password(self) -> None:
        name = self._who()
        if not common.confirm(
            self,
            self.tr("Temporary password"),
            self.tr(
                "Give {name} a new, random password? Their current password stops working."
            ).format(name=name),
            action=self.tr("Set password"),
        ):
            return
        password = support.generate_temporary_password()
        uow, actor, user_id = self._uow, self.session.user, self.user_id

        def work() -> Changes:
            changes = support.set_temporary_password(uow, user_id, password, actor=actor)
            return changes

        self.banner.show_message(self.tr("Setting the password…"))

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
        self.banner.show_message(self.tr("Exporting…"))
        BackgroundOp(
            lambda: write_account_export(uow, user_id, path, actor=actor), label="export"
        ).on_success(
            lambda written: self.banner.show_message(
                self.tr("Exported the account's data to {path}.").format(path=written)
            )
        ).on_failure(lambda exc: self.banner.show_message(error_text(exc), error=True)).run(
            parent=self
        )
