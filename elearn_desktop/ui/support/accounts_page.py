"""Support › Accounts: find a person in seconds, keyboard first.

Type to search (debounced; typing while the table has focus goes to the search field too),
↓ moves into the table, Enter opens the account. Filters: active/inactive, verified, role,
plan, subscription status. The table (:class:`AccountsTableModel`) holds the ids of every
match and loads rows as they scroll into view, so it stays fast with 100k+ accounts and
Ctrl+A selects them all without loading them; Ctrl+C copies the selected emails (at most
:attr:`AccountsPage.COPY_CAP` at once).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.plans import SUBSCRIPTION_STATUSES, status_words
from elearn_desktop.domain.validation import ROLE_NAMES
from elearn_desktop.services import account_search
from elearn_desktop.services.account_search import AccountIds, AccountQuery, AccountRow
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.support_plans import PlanInfo, list_plans
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.support.accounts_model import COLUMNS, AccountsTableModel, IdRole
from elearn_desktop.ui.support.common import (
    combo,
    error_text,
    heading,
    large_table_view,
    size_columns,
)

#: The old page's search (text → people), as the main window still wires it.
LegacySearchFn = Callable[[str], list[UserSummary]]


class AccountsPage(QWidget):
    """The account search. Emits ``account_opened(user_id)`` when a row is opened."""

    account_opened = Signal(object)  # uuid.UUID

    SEARCH_DELAY_MS = 250
    COPY_CAP = 1000

    def __init__(self, session: SignedIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsPage")
        self._session: SignedIn | None = None
        self._legacy = False

        self.search = QLineEdit(
            placeholderText=self.tr("Search by email, name or id…"), clearButtonEnabled=True
        )
        self.search.setObjectName("accountSearch")
        self.search.setAccessibleName(self.tr("Search accounts"))
        self.search.setToolTip(
            self.tr("Every word must match the email, first or last name (Ctrl+F)")
        )
        self.search.installEventFilter(self)

        self.status_filter = combo(
            [
                (self.tr("Active or not"), None),
                (self.tr("Active"), True),
                (self.tr("Inactive"), False),
            ],
            self.tr("Account status"),
        )
        self.verified_filter = combo(
            [
                (self.tr("Verified or not"), None),
                (self.tr("Verified"), True),
                (self.tr("Not verified"), False),
            ],
            self.tr("Verified"),
        )
        self.role_filter = combo(
            [(self.tr("Any role"), None), *((r.title(), r) for r in ROLE_NAMES)], self.tr("Role")
        )
        self.plan_filter = combo([(self.tr("Any plan"), None)], self.tr("Plan"))
        self.subscription_filter = combo(
            [
                (self.tr("Any subscription status"), None),
                *((status_words(s).capitalize(), s) for s in SUBSCRIPTION_STATUSES),
            ],
            self.tr("Subscription status"),
        )
        self.clear_filters = QPushButton(self.tr("Clear filters"))
        self.clear_filters.clicked.connect(self._clear_filters)
        self.filters = QWidget()
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        for box in self._filter_boxes():
            filters.addWidget(box)
            box.currentIndexChanged.connect(self._filters_changed)
        filters.addWidget(self.clear_filters)
        filters.addStretch(1)

        self.model = AccountsTableModel(self)
        self.table = large_table_view(QT_TRANSLATE_NOOP("Support", "Accounts"), self.model)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        size_columns(self.table, (36, 22, 20, 10, 12, 9, 9, 12))
        self.table.installEventFilter(self)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._update_status)

        copy = QAction(self.tr("Copy emails"), self.table)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selected_emails)
        self.table.addAction(copy)
        find = QAction(self.tr("Find"), self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)

        self.status = QLabel(self.tr("Loading accounts…"))
        self.status.setObjectName("accountsStatus")
        self.status.setAccessibleName(self.tr("Search status"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the selected account (Enter)"))
        self.open_button.clicked.connect(self.open_current)

        self._debounce = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.model.search_started.connect(lambda: self.status.setText(self.tr("Searching…")))
        self.model.search_finished.connect(self._search_finished)
        self.model.search_failed.connect(
            lambda exc: self.status.setText(
                self.tr("Could not search accounts: {error}").format(error=error_text(exc))
            )
        )
        self.model.rows_failed.connect(
            lambda exc: self.status.setText(
                self.tr("Could not load accounts: {error}").format(error=error_text(exc))
            )
        )

        layout = QVBoxLayout(self)
        self.page_heading = heading(self.tr("Accounts"))
        layout.addWidget(self.page_heading)
        layout.addWidget(self.search)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.open_button)
        layout.addLayout(bottom)
        self.setFocusProxy(self.search)

        if session is not None:
            self.set_session(session)

    def retranslate(self) -> None:
        """Fixed texts; the status line and rows follow at the next search."""
        self.page_heading.setText(self.tr("Accounts"))
        self.page_heading.setAccessibleName(self.tr("Accounts"))
        self.search.setPlaceholderText(self.tr("Search by email, name or id…"))
        self.search.setAccessibleName(self.tr("Search accounts"))
        self.search.setToolTip(
            self.tr("Every word must match the email, first or last name (Ctrl+F)")
        )
        self.clear_filters.setText(self.tr("Clear filters"))
        self.open_button.setText(self.tr("Open"))
        self.open_button.setToolTip(self.tr("Open the selected account (Enter)"))
        for box, texts in (
            (
                self.status_filter,
                (self.tr("Active or not"), self.tr("Active"), self.tr("Inactive")),
            ),
            (
                self.verified_filter,
                (self.tr("Verified or not"), self.tr("Verified"), self.tr("Not verified")),
            ),
            (self.role_filter, (self.tr("Any role"),)),
            (self.plan_filter, (self.tr("Any plan"),)),
            (self.subscription_filter, (self.tr("Any subscription status"),)),
        ):
            for index, text in enumerate(texts):
                box.setItemText(index, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- sources ---------------------------------------------------------------------------

    def set_session(self, session: SignedIn) -> None:
        """Search as this person (the server decides what they may see)."""
        self._session, self._legacy = session, False
        self.filters.show()
        backend = session.backend
        if backend is None:
            self.model.set_source(None, None)
            self.status.setText(self.tr("Searching accounts needs a connection to the server."))
            return
        uow, actor = backend.uow, session.user
        first_page = AccountsTableModel.PAGE_SIZE

        def search(query: AccountQuery) -> tuple[AccountIds, list[AccountRow]]:
            ids = account_search.search_accounts(uow, query, actor=actor)
            return ids, account_search.account_rows(uow, ids.slice(0, first_page), actor=actor)

        self.model.set_source(
            search, lambda ids: account_search.account_rows(uow, ids, actor=actor)
        )
        BackgroundOp(lambda: list_plans(uow, actor=actor), label="plans for the filter").on_success(
            self.set_plans
        ).on_failure(lambda _exc: None).run(parent=self)

    def set_search(self, search_fn: LegacySearchFn) -> None:
        """The first page's API (text → people), still used by the main window: works,
        without filters (the main window will move to :class:`SupportWorkspace`)."""
        self._legacy = True
        self.filters.hide()
        latest: dict[uuid.UUID, AccountRow] = {}

        def search(query: AccountQuery) -> tuple[AccountIds, list[AccountRow]]:
            rows = [_row_of(user) for user in search_fn(query.text.strip())]
            latest.clear()
            latest.update((row.id, row) for row in rows)
            return AccountIds(b"".join(r.id.bytes for r in rows), query), rows

        self.model.set_source(search, lambda ids: [latest[i] for i in ids if i in latest])

    def set_plans(self, plans: list[PlanInfo]) -> None:
        current = self.plan_filter.currentData()
        self.plan_filter.blockSignals(True)
        self.plan_filter.clear()
        self.plan_filter.addItem(self.tr("Any plan"), None)
        for plan in plans:
            self.plan_filter.addItem(
                plan.name + ("" if plan.is_active else self.tr(" (retired)")), plan.id
            )
        index = self.plan_filter.findData(current)
        self.plan_filter.setCurrentIndex(max(index, 0))
        self.plan_filter.blockSignals(False)

    # -- searching ---------------------------------------------------------------------------

    def query(self) -> AccountQuery:
        base = self.model.query
        return replace(
            base,
            text=self.search.text().strip(),
            active=self.status_filter.currentData(),
            verified=self.verified_filter.currentData(),
            role=self.role_filter.currentData(),
            plan_id=self.plan_filter.currentData(),
            subscription_status=self.subscription_filter.currentData(),
        )

    def refresh(self) -> None:
        self._debounce.stop()
        self.model.search(self.query())

    def _filter_boxes(self) -> list[QComboBox]:
        return [
            self.status_filter,
            self.verified_filter,
            self.role_filter,
            self.plan_filter,
            self.subscription_filter,
        ]

    def _filters_changed(self, _index: int) -> None:
        self.refresh()

    def _clear_filters(self) -> None:
        for box in self._filter_boxes():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.refresh()

    def _search_finished(self, count: int) -> None:
        if count and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_status()

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if COLUMNS[column].sort_key is None:
            # Not sortable: put the indicator back where the order really is.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            query = self.model.query
            header.setSortIndicator(
                self.model.sort_column(),
                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            self.status.setText(
                self.tr("The {header} column cannot be sorted.").format(
                    header=COLUMNS[column].title
                )
            )

    def _update_status(self, *_args: object) -> None:
        if self.model.searching:
            return
        count = self.model.rowCount()
        text = self.tr("{count} account(s)", "", count).format(count=f"{count:,}")
        if self._legacy and count >= 500:
            text += self.tr(" (first 500)")
        selected = self.model.selected_count(self.table.selectionModel().selection())
        if selected > 1:
            text += " · " + self.tr("{count:,} selected").format(count=selected)
        self.status.setText(text)

    # -- opening and copying -------------------------------------------------------------------

    def current_id(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.data(IdRole)
        return value if isinstance(value, uuid.UUID) else None

    def open_current(self) -> None:
        user_id = self.current_id()
        if user_id is None and self.model.rowCount():
            user_id = self.model.id_at(0)
        if user_id is not None:
            self.account_opened.emit(user_id)

    def _open_index(self, index: QModelIndex) -> None:
        value = index.data(IdRole)
        if isinstance(value, uuid.UUID):
            self.account_opened.emit(value)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def copy_selected_emails(self) -> None:
        """Copy the selected accounts' emails, one per line (at most ``COPY_CAP``)."""
        selection: QItemSelection = self.table.selectionModel().selection()
        total = self.model.selected_count(selection)
        ids = self.model.selected_ids(selection, limit=self.COPY_CAP)
        session = self._session
        if not ids or session is None or session.backend is None:
            return
        uow, actor = session.backend.uow, session.user
        capped = total > len(ids)
        self.status.setText(self.tr("Copying {count:,} emails…").format(count=len(ids)))

        def done(rows: list[AccountRow]) -> None:
            QApplication.clipboard().setText("\n".join(r.email for r in rows))
            note = self.tr(" (at most {cap:,} at once)").format(cap=self.COPY_CAP) if capped else ""
            self.status.setText(
                self.tr("Copied {count:,} emails{note}.").format(count=len(rows), note=note)
            )

        BackgroundOp(
            lambda: account_search.account_rows(uow, ids, actor=actor), label="copy emails"
        ).on_success(done).on_failure(
            lambda exc: self.status.setText(
                self.tr("Could not copy: {error}").format(error=error_text(exc))
            )
        ).run(parent=self)

    # -- keyboard --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search:
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, 0))
                self.table.selectRow(self.table.currentIndex().row())
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive() or self.model.searching:
                    # Enter right after typing: search now, open when the result is in.
                    self.model.search_finished.connect(
                        self._open_after_search, Qt.ConnectionType.SingleShotConnection
                    )
                    self.refresh()
                else:
                    self.open_current()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        elif watched is self.table:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            text = event.text()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if text and text.isprintable() and not text.isspace() and not modifiers:
                # Type to search, wherever the focus is on this page.
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                self.search.end(False)
                self.search.insert(text)
                return True
        return super().eventFilter(watched, event)

    def _open_after_search(self, count: int) -> None:
        if count:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.open_current()


def _row_of(user: UserSummary) -> AccountRow:
    return AccountRow(
        id=user.id,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        is_active=user.is_active,
        is_verified=user.is_verified,
        created_at=user.created_at,
        roles=user.roles,
        plan_name=None,
        subscription_status=None,
    )
