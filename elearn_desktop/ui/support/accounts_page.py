"""Support workspace, first page: find an account (the full console is issue #7)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from elearn_desktop.services.dto import UserSummary
from elearn_desktop.ui.models import Column, RecordTableModel
from elearn_desktop.ui.ops import BackgroundOp

ACCOUNT_COLUMNS: list[Column[UserSummary]] = [
    Column("Email", lambda u: u.email),
    Column("Name", lambda u: " ".join(p for p in (u.first_name, u.last_name) if p)),
    Column("Roles", lambda u: ", ".join(u.roles)),
    Column("Active", lambda u: "Yes" if u.is_active else "No"),
    Column("Verified", lambda u: "Yes" if u.is_verified else "No"),
]

SearchFn = Callable[[str], list[UserSummary]]


class AccountsPage(QWidget):
    SEARCH_DELAY_MS = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsPage")
        self._search_fn: SearchFn | None = None
        self._generation = 0
        self.search = QLineEdit(placeholderText="Search by email or name…", clearButtonEnabled=True)
        self.search.setAccessibleName("Search accounts")
        self.model: RecordTableModel[UserSummary] = RecordTableModel(ACCOUNT_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Accounts")
        self.status = QLabel("Loading accounts…")
        self._debounce = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        layout = QVBoxLayout(self)
        title = QLabel("Accounts")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def set_search(self, search_fn: SearchFn) -> None:
        self._search_fn = search_fn

    def refresh(self) -> None:
        if self._search_fn is None:
            return
        self._generation += 1
        generation = self._generation
        text = self.search.text().strip()
        fn = self._search_fn
        BackgroundOp(lambda: fn(text), label="search accounts").on_success(
            lambda users: self._show(generation, users)
        ).on_failure(lambda exc: self.status.setText(f"Could not search accounts: {exc}")).run(
            parent=self
        )

    def _show(self, generation: int, users: list[UserSummary]) -> None:
        if generation != self._generation:
            return  # an older search finished after a newer one started
        self.model.set_records(users)
        self.status.setText(
            f"{len(users)} accounts" + (" (first 500)" if len(users) >= 500 else "")
        )
        self.table.resizeColumnsToContents()
