"""The tabs of an account: profile, roles, subscriptions, learning, attempts, devices and
sync, audit trail. Each shows a part of :class:`AccountDetail` (or the audit trail) through
thin table models; the actions they offer are signals that :class:`AccountView` handles."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.plans import features_text, status_words
from elearn_desktop.domain.validation import ROLE_NAMES
from elearn_desktop.services.account_detail import (
    AccountDetail,
    AttemptInfo,
    AuditEntry,
    AuditTrail,
    DeviceInfo,
    EnrolmentInfo,
    RejectedOp,
    StatusChange,
    SubscriptionInfo,
)
from elearn_desktop.ui.models import Column, RecordRole, RecordTableModel
from elearn_desktop.ui.support.common import (
    KeptTexts,
    combo,
    day,
    heading,
    muted_label,
    size_columns,
    table_view,
    when,
)

ROLE_MEANINGS = {
    "learner": QT_TRANSLATE_NOOP("Support", "Studies courses and paths (everyone)"),
    "instructor": QT_TRANSLATE_NOOP("Support", "Builds courses, assessments and paths"),
    "support": QT_TRANSLATE_NOOP("Support", "Looks up accounts; fixes status and subscriptions"),
    "admin": QT_TRANSLATE_NOOP("Support", "Manages roles, plans and passwords"),
}
ANY_DATE = QDate(2000, 1, 1)


def _money(info: SubscriptionInfo) -> str:
    if info.price is None:
        return "—"
    return f"{info.price:.2f}"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(round(seconds), 60)
    if minutes:
        return QCoreApplication.translate("Support", "{minutes} min {seconds:02d} s").format(
            minutes=minutes, seconds=secs
        )
    return QCoreApplication.translate("Support", "{seconds} s").format(seconds=secs)


def _end_text(end: dt.datetime | None) -> str:
    return day(end) if end is not None else QCoreApplication.translate("Support", "no end")


def _change_text(change: StatusChange) -> str:
    if change.action == "INSERT":
        return QCoreApplication.translate("Support", "started as {status}, ends {end}").format(
            status=status_words(change.new_status or "?"), end=_end_text(change.new_end)
        )
    parts = []
    if change.old_status != change.new_status:
        parts.append(
            f"{status_words(change.old_status or '?')} → {status_words(change.new_status or '?')}"
        )
    if change.old_end != change.new_end:
        parts.append(
            QCoreApplication.translate("Support", "end {old} → {new}").format(
                old=_end_text(change.old_end), new=_end_text(change.new_end)
            )
        )
    return "; ".join(parts) or change.action.lower()


# ----------------------------------------------------------------------------- profile


class ProfileTab(KeptTexts, QWidget):
    FIELDS = (
        (QT_TRANSLATE_NOOP("ProfileTab", "Account id"), "id"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Email"), "email"),
        (QT_TRANSLATE_NOOP("ProfileTab", "First name"), "first_name"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Last name"), "last_name"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Job title"), "job_title"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Company"), "company"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Location"), "location"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Website"), "website"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Avatar"), "avatar_url"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Bio"), "bio"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Member since"), "created_at"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Last changed"), "updated_at"),
        (QT_TRANSLATE_NOOP("ProfileTab", "Database login"), "db_role"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        form = QFormLayout(self)
        for english, key in self.FIELDS:
            value = QLabel("—")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(key == "bio")
            self.values[key] = value
            form.addRow(QLabel(), value)
            row_label = form.labelForField(value)
            assert isinstance(row_label, QLabel)
            self.keep(english, row_label.setText, value.setAccessibleName)

    def show_detail(self, detail: AccountDetail) -> None:
        user, profile = detail.user, detail.profile
        values: dict[str, str] = {
            "id": str(user.id),
            "email": user.email,
            "first_name": user.first_name or "—",
            "last_name": user.last_name or "—",
            "created_at": when(user.created_at),
            "updated_at": when(detail.updated_at),
            "db_role": user.db_role or self.tr("— (embedded database)"),
        }
        for key in ("job_title", "company", "location", "website", "avatar_url", "bio"):
            values[key] = (getattr(profile, key) if profile is not None else None) or "—"
        for key, label in self.values.items():
            label.setText(values.get(key, "—"))


# ------------------------------------------------------------------------------- roles


class RolesTab(KeptTexts, QWidget):
    grant_requested = Signal(str)
    revoke_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[tuple[str, bool]] = RecordTableModel(
            [
                Column(QT_TRANSLATE_NOOP("RolesTab", "Role"), lambda r: r[0].title()),
                Column(
                    QT_TRANSLATE_NOOP("RolesTab", "Has it"),
                    lambda r: self.tr("✓ Yes") if r[1] else self.tr("No"),
                ),
                Column(
                    QT_TRANSLATE_NOOP("RolesTab", "What it allows"),
                    lambda r: QCoreApplication.translate("Support", ROLE_MEANINGS[r[0]]),
                ),
            ],
            self,
            context="RolesTab",
        )
        self.table = table_view(QT_TRANSLATE_NOOP("Support", "Roles"))
        self.table.setModel(self.model)
        size_columns(self.table, (14, 10, 40))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.grant_button = QPushButton()
        self.keep(QT_TRANSLATE_NOOP("RolesTab", "Grant role…"), self.grant_button.setText)
        self.grant_button.clicked.connect(self._grant)
        self.revoke_button = QPushButton()
        self.keep(QT_TRANSLATE_NOOP("RolesTab", "Revoke role"), self.revoke_button.setText)
        self.revoke_button.clicked.connect(self._revoke)
        self.note = muted_label()
        self.keep(
            QT_TRANSLATE_NOOP("RolesTab", "Only administrators grant or revoke roles."),
            self.note.setText,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.grant_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.table)
        column.addLayout(buttons)
        column.addWidget(self.note)
        self.can_manage = False
        self.set_allowed(False)

    def set_allowed(self, can_manage: bool) -> None:
        self.can_manage = can_manage
        self.grant_button.setVisible(can_manage)
        self.revoke_button.setVisible(can_manage)
        self.note.setVisible(not can_manage)
        self._update_buttons()

    def show_detail(self, detail: AccountDetail) -> None:
        current = self.table.currentIndex().row()
        self.model.set_records([(r, r in detail.user.roles) for r in ROLE_NAMES])
        self.table.selectRow(max(current, 0))
        self._update_buttons()

    def selected(self) -> tuple[str, bool] | None:
        index = self.table.currentIndex()
        record = index.data(RecordRole) if index.isValid() else None
        return record if isinstance(record, tuple) else None

    def missing_roles(self) -> list[str]:
        return [r for r, has in self.model.records() if not has]

    def _update_buttons(self) -> None:
        selected = self.selected()
        self.grant_button.setEnabled(self.can_manage and bool(self.missing_roles()))
        self.revoke_button.setEnabled(
            self.can_manage and selected is not None and selected[1] and selected[0] != "learner"
        )

    def _grant(self) -> None:
        selected = self.selected()
        role = selected[0] if selected is not None and not selected[1] else ""
        self.grant_requested.emit(role)

    def _revoke(self) -> None:
        selected = self.selected()
        if selected is not None and selected[1]:
            self.revoke_requested.emit(selected[0])


# ------------------------------------------------------------------------ subscriptions


class SubscriptionsTab(KeptTexts, QWidget):
    cancel_requested = Signal(object)  # SubscriptionInfo
    extend_requested = Signal(object)  # SubscriptionInfo
    change_plan_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[SubscriptionInfo] = RecordTableModel(
            [
                Column(QT_TRANSLATE_NOOP("SubscriptionsTab", "Plan"), lambda s: s.plan_name),
                Column(
                    QT_TRANSLATE_NOOP("SubscriptionsTab", "Price"),
                    _money,
                    lambda s: s.price or 0,
                    align_right=True,
                ),
                Column(
                    QT_TRANSLATE_NOOP("SubscriptionsTab", "Cycle"), lambda s: s.billing_cycle or "—"
                ),
                Column(
                    QT_TRANSLATE_NOOP("SubscriptionsTab", "Status"),
                    lambda s: (
                        status_words(s.status) + (self.tr(" (gives access)") if s.live else "")
                    ),
                ),
                Column(
                    QT_TRANSLATE_NOOP("SubscriptionsTab", "Start"),
                    lambda s: day(s.start_date),
                    lambda s: s.start_date,
                ),
                Column(
                    QT_TRANSLATE_NOOP("SubscriptionsTab", "End"), lambda s: _end_text(s.end_date)
                ),
                Column(
                    QT_TRANSLATE_NOOP("SubscriptionsTab", "Features"),
                    lambda s: features_text(s.features),
                ),
            ],
            self,
            context="SubscriptionsTab",
        )
        self.table = table_view(QT_TRANSLATE_NOOP("Support", "Subscriptions"))
        self.table.setModel(self.model)
        size_columns(self.table, (10, 8, 8, 20, 12, 12, 30))
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.history_model: RecordTableModel[StatusChange] = RecordTableModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("SubscriptionsTab", "When"),
                    lambda c: when(c.at),
                    lambda c: c.at,
                ),
                Column(QT_TRANSLATE_NOOP("SubscriptionsTab", "Who"), lambda c: c.actor),
                Column(QT_TRANSLATE_NOOP("SubscriptionsTab", "Change"), _change_text),
            ],
            self,
            context="SubscriptionsTab",
        )
        self.history = table_view(QT_TRANSLATE_NOOP("Support", "Status history"))
        self.history.setModel(self.history_model)
        size_columns(self.history, (18, 28, 40))
        self.features = QLabel()
        self.features.setTextFormat(Qt.TextFormat.PlainText)
        self.features.setWordWrap(True)
        self.features.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QPushButton()
        self.keep(
            QT_TRANSLATE_NOOP("SubscriptionsTab", "Cancel subscription…"),
            self.cancel_button.setText,
        )
        self.cancel_button.clicked.connect(self._cancel)
        self.extend_button = QPushButton()
        self.keep(QT_TRANSLATE_NOOP("SubscriptionsTab", "Extend…"), self.extend_button.setText)
        self.extend_button.clicked.connect(self._extend)
        self.change_plan_button = QPushButton()
        self.keep(
            QT_TRANSLATE_NOOP("SubscriptionsTab", "Change plan…"), self.change_plan_button.setText
        )
        self.change_plan_button.clicked.connect(self.change_plan_requested.emit)
        self.empty = muted_label()
        self.keep(
            QT_TRANSLATE_NOOP("SubscriptionsTab", "This person has never had a subscription."),
            self.empty.setText,
        )
        buttons = QHBoxLayout()
        for button in (self.cancel_button, self.extend_button, self.change_plan_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        lower = QWidget()
        lower_column = QVBoxLayout(lower)
        lower_column.setContentsMargins(0, 0, 0, 0)
        features = heading("", scale=1.05)
        self.keep(
            QT_TRANSLATE_NOOP("SubscriptionsTab", "Features"),
            features.setText,
            features.setAccessibleName,
        )
        lower_column.addWidget(features)
        lower_column.addWidget(self.features)
        history = heading("", scale=1.05)
        self.keep(
            QT_TRANSLATE_NOOP("SubscriptionsTab", "Status history"),
            history.setText,
            history.setAccessibleName,
        )
        lower_column.addWidget(history)
        self.no_history = muted_label(
            self.tr(
                "No recorded change to this subscription yet: its history starts with the first "
                "change the database records."
            )
        )
        lower_column.addWidget(self.no_history)
        lower_column.addWidget(self.history, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        column = QVBoxLayout(self)
        column.addWidget(self.empty)
        column.addWidget(split, 1)
        column.addLayout(buttons)
        self.can_manage = self.can_change_plan = False
        self._update_buttons()

    def set_allowed(self, *, manage: bool, change_plan: bool) -> None:
        self.can_manage, self.can_change_plan = manage, change_plan
        self.cancel_button.setVisible(manage)
        self.extend_button.setVisible(manage)
        self.change_plan_button.setVisible(change_plan)
        self._update_buttons()

    def show_detail(self, detail: AccountDetail) -> None:
        selected = self.selected()
        self.model.set_records(list(detail.subscriptions))
        self.empty.setVisible(not detail.subscriptions)
        row = 0
        if selected is not None:
            row = next((i for i, s in enumerate(detail.subscriptions) if s.id == selected.id), 0)
        if detail.subscriptions:
            self.table.selectRow(row)
        self._selected()

    def selected(self) -> SubscriptionInfo | None:
        index = self.table.currentIndex()
        record = index.data(RecordRole) if index.isValid() else None
        return record if isinstance(record, SubscriptionInfo) else None

    def _selected(self, *_args: object) -> None:
        info = self.selected()
        if info is None:
            self.history_model.set_records([])
            self.features.setText("—")
            self.no_history.hide()
        else:
            self.history_model.set_records(list(reversed(info.history)))
            self.no_history.setVisible(not info.history)
            self.features.setText(
                f"{features_text(info.features)}\n{json.dumps(info.features, sort_keys=True)}"
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        info = self.selected()
        live_status = info is not None and info.status in ("active", "past_due")
        self.cancel_button.setEnabled(self.can_manage and live_status)
        self.extend_button.setEnabled(
            self.can_manage and live_status and info is not None and info.end_date is not None
        )
        if info is not None and live_status and info.end_date is None:
            self.extend_button.setToolTip(self.tr("This subscription has no end date to extend."))
        else:
            self.extend_button.setToolTip(self.tr("Move the end date later"))
        self.change_plan_button.setEnabled(self.can_change_plan)

    def _cancel(self) -> None:
        info = self.selected()
        if info is not None:
            self.cancel_requested.emit(info)

    def _extend(self) -> None:
        info = self.selected()
        if info is not None:
            self.extend_requested.emit(info)


# ------------------------------------------------------------------- learning, attempts


_TYPE_WORDS = {
    "course": QT_TRANSLATE_NOOP("Support", "Course"),
    "learning_path": QT_TRANSLATE_NOOP("Support", "Learning path"),
    "assessment": QT_TRANSLATE_NOOP("Support", "Assessment"),
    "lesson": QT_TRANSLATE_NOOP("Support", "Lesson"),
}


class LearningTab(KeptTexts, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[EnrolmentInfo] = RecordTableModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("LearningTab", "Type"),
                    lambda e: QCoreApplication.translate(
                        "Support", _TYPE_WORDS.get(e.entity_type, e.entity_type)
                    ),
                ),
                Column(QT_TRANSLATE_NOOP("LearningTab", "Title"), lambda e: e.title),
                Column(
                    QT_TRANSLATE_NOOP("LearningTab", "Status"), lambda e: e.status.replace("_", " ")
                ),
                Column(
                    QT_TRANSLATE_NOOP("LearningTab", "Progress"),
                    lambda e: f"{e.percentage} %",
                    lambda e: e.percentage,
                    True,
                ),
                Column(
                    QT_TRANSLATE_NOOP("LearningTab", "Completed"), lambda e: day(e.completed_at)
                ),
                Column(
                    QT_TRANSLATE_NOOP("LearningTab", "Last activity"), lambda e: when(e.updated_at)
                ),
            ],
            self,
            context="LearningTab",
        )
        self.table = table_view(QT_TRANSLATE_NOOP("Support", "Enrolled courses and paths"))
        self.table.setModel(self.model)
        size_columns(self.table, (12, 30, 12, 9, 12, 18))
        self.empty = muted_label()
        self.keep(
            QT_TRANSLATE_NOOP("LearningTab", "Not enrolled in anything yet."), self.empty.setText
        )
        column = QVBoxLayout(self)
        column.addWidget(self.empty)
        column.addWidget(self.table)

    def show_detail(self, detail: AccountDetail) -> None:
        self.model.set_records(list(detail.enrolments))
        self.empty.setVisible(not detail.enrolments)


class AttemptsTab(KeptTexts, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RecordTableModel[AttemptInfo] = RecordTableModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("AttemptsTab", "Assessment"), lambda a: a.assessment_title
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptsTab", "Score"),
                    lambda a: "—" if a.score is None else f"{a.score} %",
                    lambda a: a.score if a.score is not None else -1,
                    True,
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptsTab", "Result"),
                    lambda a: (
                        "—"
                        if a.passed is None
                        else (self.tr("✓ Passed") if a.passed else self.tr("✗ Not passed"))
                        + (
                            self.tr(" (pass mark {score} %)").format(score=a.passing_score)
                            if a.passing_score
                            else ""
                        )
                    ),
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptsTab", "Status"), lambda a: a.status.replace("_", " ")
                ),
                Column(QT_TRANSLATE_NOOP("AttemptsTab", "Started"), lambda a: when(a.started_at)),
                Column(
                    QT_TRANSLATE_NOOP("AttemptsTab", "Submitted"), lambda a: when(a.submitted_at)
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptsTab", "Time taken"), lambda a: _duration(a.elapsed_s)
                ),
                Column(QT_TRANSLATE_NOOP("AttemptsTab", "Device"), lambda a: a.device_id or "—"),
            ],
            self,
            context="AttemptsTab",
        )
        self.table = table_view(QT_TRANSLATE_NOOP("Support", "Assessment attempts"))
        self.table.setModel(self.model)
        size_columns(self.table, (26, 7, 26, 10, 17, 17, 11, 14))
        self.empty = muted_label()
        self.keep(QT_TRANSLATE_NOOP("AttemptsTab", "No assessment attempts."), self.empty.setText)
        column = QVBoxLayout(self)
        column.addWidget(self.empty)
        column.addWidget(self.table)

    def show_detail(self, detail: AccountDetail) -> None:
        self.model.set_records(list(detail.attempts))
        self.empty.setVisible(not detail.attempts)


# ------------------------------------------------------------------------------- sync


class SyncTab(KeptTexts, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel("—")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Sync state"))
        self.devices_model: RecordTableModel[DeviceInfo] = RecordTableModel(
            [
                Column(QT_TRANSLATE_NOOP("SyncTab", "Device"), lambda d: d.name or d.device_id),
                Column(QT_TRANSLATE_NOOP("SyncTab", "Last seen"), lambda d: when(d.last_seen_at)),
                Column(QT_TRANSLATE_NOOP("SyncTab", "Last push"), lambda d: when(d.last_push_at)),
                Column(QT_TRANSLATE_NOOP("SyncTab", "Last pull"), lambda d: when(d.last_pull_at)),
                Column(
                    QT_TRANSLATE_NOOP("SyncTab", "Applied"),
                    lambda d: f"{d.applied:,}",
                    lambda d: d.applied,
                    True,
                ),
                Column(
                    QT_TRANSLATE_NOOP("SyncTab", "Rejected"),
                    lambda d: f"{d.rejected:,}",
                    lambda d: d.rejected,
                    True,
                ),
            ],
            self,
            context="SyncTab",
        )
        self.devices = table_view(QT_TRANSLATE_NOOP("Support", "Devices"))
        self.devices.setModel(self.devices_model)
        size_columns(self.devices, (24, 17, 17, 17, 9, 9))
        self.rejected_model: RecordTableModel[RejectedOp] = RecordTableModel(
            [
                Column(QT_TRANSLATE_NOOP("SyncTab", "When"), lambda r: when(r.received_at)),
                Column(QT_TRANSLATE_NOOP("SyncTab", "Device"), lambda r: r.device_id),
                Column(QT_TRANSLATE_NOOP("SyncTab", "Change"), lambda r: r.kind),
                Column(
                    QT_TRANSLATE_NOOP("SyncTab", "Why it was rejected"), lambda r: r.reason or "—"
                ),
            ],
            self,
            context="SyncTab",
        )
        self.rejected = table_view(QT_TRANSLATE_NOOP("Support", "Rejected changes"))
        self.rejected.setModel(self.rejected_model)
        size_columns(self.rejected, (17, 16, 12, 40))
        column = QVBoxLayout(self)
        column.addWidget(self.message)
        devices = heading("", scale=1.05)
        self.keep(
            QT_TRANSLATE_NOOP("SyncTab", "Devices"), devices.setText, devices.setAccessibleName
        )
        column.addWidget(devices)
        column.addWidget(self.devices, 1)
        rejected = heading("", scale=1.05)
        self.keep(
            QT_TRANSLATE_NOOP("SyncTab", "Rejected changes"),
            rejected.setText,
            rejected.setAccessibleName,
        )
        column.addWidget(rejected)
        column.addWidget(self.rejected, 1)

    def show_detail(self, detail: AccountDetail) -> None:
        state = detail.sync
        self.message.setText(state.message)
        self.devices_model.set_records(list(state.devices))
        self.rejected_model.set_records(list(state.rejected))
        for widget in (self.devices, self.rejected):
            widget.setEnabled(state.available)


# ------------------------------------------------------------------------------ audit


class AuditTab(KeptTexts, QWidget):
    """The account's audit trail; changing a filter emits ``filters_changed``."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.since = self._date_edit(self.tr("Changes from"))
        self.until = self._date_edit(self.tr("Changes until"))
        self.table_filter = combo([(self.tr("Every table"), None)], self.tr("Table"))
        self.table_filter.setMinimumContentsLength(14)
        self.table_filter.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        clear = QPushButton()
        self.keep(QT_TRANSLATE_NOOP("AuditTab", "Any time"), clear.setText)
        clear.clicked.connect(self.clear_dates)
        labels: list[QLabel] = []
        for source in (
            QT_TRANSLATE_NOOP("AuditTab", "From"),
            QT_TRANSLATE_NOOP("AuditTab", "until"),
            QT_TRANSLATE_NOOP("AuditTab", "Table"),
        ):
            labels.append(QLabel())
            self.keep(source, labels[-1].setText)
        filters = QHBoxLayout()
        filters.addWidget(labels[0])
        filters.addWidget(self.since)
        filters.addWidget(labels[1])
        filters.addWidget(self.until)
        filters.addWidget(clear)
        filters.addWidget(labels[2])
        filters.addWidget(self.table_filter)
        filters.addStretch(1)

        self.model: RecordTableModel[AuditEntry] = RecordTableModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("AuditTab", "When"),
                    lambda e: when(e.occurred_at),
                    lambda e: e.occurred_at,
                ),
                Column(QT_TRANSLATE_NOOP("AuditTab", "Who"), lambda e: e.who),
                Column(QT_TRANSLATE_NOOP("AuditTab", "Table"), lambda e: e.table_name),
                Column(QT_TRANSLATE_NOOP("AuditTab", "Action"), lambda e: e.action.lower()),
                Column(QT_TRANSLATE_NOOP("AuditTab", "Change (old → new)"), lambda e: e.summary),
            ],
            self,
            context="AuditTab",
        )
        self.table = table_view(QT_TRANSLATE_NOOP("Support", "Audit trail"))
        self.table.setModel(self.model)
        size_columns(self.table, (17, 24, 14, 7, 50))
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Change details"))
        self.details.setFont(QFont("monospace"))
        self.details.setPlaceholderText(
            self.tr("Select a change to see every field before and after.")
        )
        self.note = muted_label("")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        column = QVBoxLayout(self)
        column.addLayout(filters)
        column.addWidget(split, 1)
        column.addWidget(self.note)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd MMM yyyy")
        edit.setMinimumDate(ANY_DATE)
        edit.setSpecialValueText(self.tr("Any date"))
        edit.setDate(ANY_DATE)
        edit.dateChanged.connect(lambda _d: self.filters_changed.emit())
        return edit

    def clear_dates(self) -> None:
        for edit in (self.since, self.until):
            edit.blockSignals(True)
            edit.setDate(ANY_DATE)
            edit.blockSignals(False)
        self.filters_changed.emit()

    def filters(self) -> dict[str, Any]:
        """since/until as local days (``until`` inclusive), and the table."""
        since = self.since.date() if self.since.date() != ANY_DATE else None
        until = self.until.date() if self.until.date() != ANY_DATE else None
        return {"since": since, "until": until, "table": self.table_filter.currentData()}

    def show_trail(self, trail: AuditTrail) -> None:
        current = self.table_filter.currentData()
        self.table_filter.blockSignals(True)
        self.table_filter.clear()
        self.table_filter.addItem(self.tr("Every table"), None)
        for table in trail.tables:
            self.table_filter.addItem(table, table)
        self.table_filter.setCurrentIndex(max(self.table_filter.findData(current), 0))
        self.table_filter.blockSignals(False)
        self.model.set_records(list(trail.entries))
        count = len(trail.entries)
        shown = (
            self.tr("Showing the newest {count} change(s).", "", count).format(count=f"{count:,}")
            if trail.truncated
            else self.tr("{count} change(s).", "", count).format(count=f"{count:,}")
        )
        self.note.setText(
            shown + " " + self.tr("The database records every change; nobody can edit this trail.")
        )
        self.details.clear()

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.data(RecordRole) if current.isValid() else None
        if not isinstance(entry, AuditEntry):
            self.details.clear()
            return
        lines = [
            self.tr("{action} on {table} (row {row})").format(
                action=entry.action, table=entry.table_name, row=entry.row_id
            ),
            self.tr("by {who} (database login {login}) at {moment}").format(
                who=entry.who, login=entry.actor, moment=when(entry.occurred_at)
            ),
            "",
        ]
        old = entry.old_data if isinstance(entry.old_data, dict) else {}
        new = entry.new_data if isinstance(entry.new_data, dict) else {}
        for key in sorted(set(old) | set(new)):
            before, after = old.get(key), new.get(key)
            mark = "*" if before != after else " "
            old_text, new_text = json.dumps(before, default=str), json.dumps(after, default=str)
            lines.append(f"{mark} {key}: {old_text} → {new_text}")
        self.details.setPlainText("\n".join(lines))


__all__ = [
    "AttemptsTab",
    "AuditTab",
    "LearningTab",
    "ProfileTab",
    "RolesTab",
    "SubscriptionsTab",
    "SyncTab",
]
