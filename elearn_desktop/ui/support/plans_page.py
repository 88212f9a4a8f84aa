"""Support › Plans: the subscription plans, read-only for support, editable for admins.

Editing checks every field with the domain's rules (price ≥ 0 with two decimals, a billing
cycle from the fixed set, features as a JSON object with known keys) and shows what is
wrong under each field; the server checks again when the plan is saved (on PostgreSQL only
an admin's login may write plans).
"""

from __future__ import annotations

import json
import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.plans import (
    BILLING_CYCLES,
    FEATURE_KEYS,
    PlanDraft,
    PlanFieldsError,
    validate_plan,
)
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.permissions import allowed
from elearn_desktop.services.support_plans import PlanInfo, list_plans, save_plan
from elearn_desktop.ui.models import Column, RecordRole, RecordTableModel
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.support.common import (
    Banner,
    error_text,
    heading,
    muted_label,
    size_columns,
    table_view,
)

FIELDS = ("name", "description", "price", "billing_cycle", "features")
FEATURE_LIST = "; ".join(f"{key} ({meaning})" for key, (_kind, meaning) in FEATURE_KEYS.items())


class PlansPage(QWidget):
    plans_changed = Signal()

    def __init__(self, session: SignedIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plansPage")
        self.session: SignedIn | None = None
        self.editable = False
        self._editing: uuid.UUID | None = None  # None: a new plan

        self.model: RecordTableModel[PlanInfo] = RecordTableModel(
            [
                Column(QT_TRANSLATE_NOOP("PlansPage", "Plan"), lambda p: p.name),
                Column(
                    QT_TRANSLATE_NOOP("PlansPage", "Price"),
                    lambda p: f"{p.price:.2f}",
                    lambda p: p.price,
                    True,
                ),
                Column(QT_TRANSLATE_NOOP("PlansPage", "Billing"), lambda p: p.billing_cycle),
                Column(
                    QT_TRANSLATE_NOOP("PlansPage", "On offer"),
                    lambda p: self.tr("Yes") if p.is_active else self.tr("Retired"),
                ),
                Column(
                    QT_TRANSLATE_NOOP("PlansPage", "Subscribers"),
                    lambda p: f"{p.subscribers:,}",
                    lambda p: p.subscribers,
                    True,
                ),
                Column(QT_TRANSLATE_NOOP("PlansPage", "Features"), lambda p: p.features_text),
            ],
            self,
            context="PlansPage",
        )
        self.table = table_view(QT_TRANSLATE_NOOP("Support", "Plans"))
        self.table.setModel(self.model)
        size_columns(self.table, (12, 9, 8, 8, 10, 28))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_selected())

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Plan name"))
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setFixedHeight(70)
        self.price = QLineEdit()
        self.price.setAccessibleName(self.tr("Price"))
        self.price.setPlaceholderText(self.tr("e.g. 19.99"))
        self.cycle = QComboBox()
        self.cycle.setAccessibleName(self.tr("Billing cycle"))
        self.cycle.addItems(list(BILLING_CYCLES))
        self.features = QPlainTextEdit()
        self.features.setAccessibleName(self.tr("Features (JSON)"))
        self.features.setFont(QFont("monospace"))
        self.features.setPlaceholderText('{"all_courses": true, "offline": true}')
        features_help = self.tr("Known features: {features}").format(features=FEATURE_LIST)
        self.features.setToolTip(features_help)
        self.active = QCheckBox(self.tr("On offer (people can be moved to this plan)"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, widget in (
            ("name", self.tr("Name"), self.name),
            ("description", self.tr("Description"), self.description),
            ("price", self.tr("Price"), self.price),
            ("billing_cycle", self.tr("Billing cycle"), self.cycle),
            ("features", self.tr("Features"), self.features),
        ):
            error = QLabel()
            error.setObjectName(f"{key}Error")
            error.setStyleSheet("color: #b3261e;")
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label, holder)
        form.addRow("", self.active)
        self.features_help = muted_label(features_help)
        form.addRow("", self.features_help)

        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_plan)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self._load_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.read_only_note = muted_label(
            self.tr("Plans are read-only for support staff; administrators edit them.")
        )
        self.form_title = heading(self.tr("Plan"), scale=1.1)
        editor = QWidget()
        editor_column = QVBoxLayout(editor)
        editor_column.addWidget(self.form_title)
        editor_column.addLayout(form)
        editor_column.addWidget(self.read_only_note)
        editor_column.addLayout(buttons)
        editor_column.addStretch(1)

        self.banner = Banner()
        self.status = muted_label(self.tr("Loading plans…"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        split.setSizes([640, 480])
        self.splitter = split
        layout = QVBoxLayout(self)
        self.page_heading = heading("")
        layout.addWidget(self.page_heading)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self._set_editable(False)
        self.retranslate()
        if session is not None:
            self.set_session(session)

    def retranslate(self) -> None:
        self.page_heading.setText(self.tr("Plans"))
        self.page_heading.setAccessibleName(self.tr("Plans"))
        self.new_button.setText(self.tr("New plan"))
        self.save_button.setText(self.tr("Save"))
        self.revert_button.setText(self.tr("Revert"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------------------

    def set_session(self, session: SignedIn) -> None:
        self.session = session
        self._set_editable(allowed(session.user, "plans.manage") and session.backend is not None)
        if session.backend is None:
            self.status.setText(self.tr("Plans need a connection to the server."))

    def _set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in (self.name, self.price, self.description, self.features):
            widget.setReadOnly(not editable)
        self.cycle.setEnabled(editable)
        self.active.setEnabled(editable)
        for button in (self.new_button, self.save_button, self.revert_button):
            button.setVisible(editable)
        self.read_only_note.setVisible(not editable)
        self.features_help.setVisible(editable)

    def refresh(self, select: uuid.UUID | None = None) -> None:
        session = self.session
        if session is None or session.backend is None:
            return
        uow, actor = session.backend.uow, session.user
        keep = select or self._editing
        BackgroundOp(lambda: list_plans(uow, actor=actor), label="load plans").on_success(
            lambda plans: self.show_plans(plans, select=keep)
        ).on_failure(
            lambda exc: self.status.setText(
                self.tr("Could not load the plans: {error}").format(error=error_text(exc))
            )
        ).run(parent=self)

    def show_plans(self, plans: list[PlanInfo], *, select: uuid.UUID | None = None) -> None:
        self.model.set_records(plans)
        live = sum(p.subscribers for p in plans)
        self.status.setText(
            self.tr("{count} plan(s)", "", len(plans)).format(count=len(plans))
            + " · "
            + self.tr("{count} live subscription(s)", "", live).format(count=f"{live:,}")
        )
        row = next((i for i, p in enumerate(plans) if p.id == select), 0)
        if plans:
            self.table.selectRow(row)
        self._load_selected()

    def selected(self) -> PlanInfo | None:
        index = self.table.currentIndex()
        record = index.data(RecordRole) if index.isValid() else None
        return record if isinstance(record, PlanInfo) else None

    def _load_selected(self) -> None:
        plan = self.selected()
        self._clear_errors()
        if plan is None:
            return
        self._editing = plan.id
        self.form_title.setText(self.tr("Plan: {name}").format(name=plan.name))
        self.name.setText(plan.name)
        self.description.setPlainText(plan.description or "")
        self.price.setText(f"{plan.price:.2f}")
        if self.cycle.findText(plan.billing_cycle) < 0:
            self.cycle.addItem(plan.billing_cycle)  # a cycle from elsewhere: shown as is
        self.cycle.setCurrentText(plan.billing_cycle)
        self.features.setPlainText(json.dumps(plan.features, indent=2, sort_keys=True))
        self.active.setChecked(plan.is_active)

    def new_plan(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self._clear_errors()
        self.form_title.setText(self.tr("New plan"))
        self.name.clear()
        self.description.clear()
        self.price.clear()
        self.cycle.setCurrentText("monthly")
        self.features.setPlainText("{}")
        self.active.setChecked(True)
        self.name.setFocus()

    # -- saving ------------------------------------------------------------------------------

    def draft(self) -> PlanDraft:
        return PlanDraft(
            name=self.name.text(),
            description=self.description.toPlainText(),
            price=self.price.text(),
            billing_cycle=self.cycle.currentText(),
            features=self.features.toPlainText(),
            is_active=self.active.isChecked(),
        )

    def save(self) -> None:
        session = self.session
        if not self.editable or session is None or session.backend is None:
            return
        draft = self.draft()
        taken = [p.name for p in self.model.records() if p.id != self._editing]
        try:
            validate_plan(draft, taken_names=taken)
        except ValidationError as exc:
            self.show_errors(exc)
            return
        self._clear_errors()
        uow, actor, plan_id = session.backend.uow, session.user, self._editing
        self.banner.show_message(self.tr("Saving…"))
        BackgroundOp(
            lambda: save_plan(uow, draft, plan_id=plan_id, actor=actor), label="save plan"
        ).on_success(self._saved).on_failure(self._save_failed).run(parent=self)

    def _saved(self, plan: PlanInfo) -> None:
        self._editing = plan.id
        self.banner.show_message(self.tr("Saved the {plan} plan.").format(plan=plan.name))
        self.refresh(select=plan.id)
        self.plans_changed.emit()

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.banner.hide()
            self.show_errors(exc)
        else:
            self.banner.show_message(error_text(exc), error=True)

    def show_errors(self, exc: ValidationError) -> None:
        errors = exc.errors if isinstance(exc, PlanFieldsError) else {exc.field: str(exc)}
        self._clear_errors()
        first: QWidget | None = None
        widgets: dict[str, QWidget] = {
            "name": self.name,
            "description": self.description,
            "price": self.price,
            "billing_cycle": self.cycle,
            "features": self.features,
        }
        for field, message in errors.items():
            label = self.errors.get(field)
            if label is None:
                continue
            label.setText(message[:1].upper() + message[1:])
            label.show()
            first = first or widgets[field]
        if first is not None:
            first.setFocus()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
