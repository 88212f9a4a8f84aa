"""The accounts table: every match's id, and rows fetched a page at a time, on demand.

After Anki's browser table: a search gives the ids of all matches (16 bytes each — 100k
accounts are 1.6 MB), so the row count, the scroll bar and the selection are exact from the
start; ``data()`` never runs a query — for a row whose page is not cached it answers
"Loading…" and asks for that page, which a background op fetches (pages asked for in the
same event-loop turn go together). Only the pages the view actually paints are fetched, a
bounded number stay cached, and selecting all rows (Ctrl+A) selects a range of ids without
loading any row.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from elearn_desktop.services.account_search import AccountIds, AccountQuery, AccountRow
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.support.common import day

#: The whole record (an AccountRow) of a row, or None while it loads.
RecordRole = Qt.ItemDataRole.UserRole + 1
#: The row's account id (a uuid.UUID): always available, even before the row loads.
IdRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex

SearchResult = tuple[AccountIds, list[AccountRow]]
SearchFn = Callable[[AccountQuery], SearchResult]
RowsFn = Callable[[list[uuid.UUID]], list[AccountRow]]

LOADING = QT_TRANSLATE_NOOP("AccountsTableModel", "Loading…")
GONE = QT_TRANSLATE_NOOP("AccountsTableModel", "(this account no longer exists)")


def _t(text: str) -> str:
    """``text`` (marked with QT_TRANSLATE_NOOP) in the language shown now."""
    return QCoreApplication.translate("AccountsTableModel", text)


@dataclass(frozen=True, slots=True)
class AccountColumn:
    #: English, marked for translation; ``title`` is what is shown.
    header: str
    text: Callable[[AccountRow], str]
    #: The search's sort key for this column (None: not sortable).
    sort_key: str | None = None

    @property
    def title(self) -> str:
        return _t(self.header)


def _flag(value: bool, word: str) -> str:
    return word if value else "—"


COLUMNS: tuple[AccountColumn, ...] = (
    AccountColumn(QT_TRANSLATE_NOOP("AccountsTableModel", "Email"), lambda r: r.email, "email"),
    AccountColumn(QT_TRANSLATE_NOOP("AccountsTableModel", "Name"), lambda r: r.name or "—", "name"),
    AccountColumn(
        QT_TRANSLATE_NOOP("AccountsTableModel", "Roles"),
        lambda r: ", ".join(x for x in r.roles if x != "learner") or "—",
    ),
    AccountColumn(QT_TRANSLATE_NOOP("AccountsTableModel", "Plan"), lambda r: r.plan_name or "—"),
    AccountColumn(
        QT_TRANSLATE_NOOP("AccountsTableModel", "Subscription"),
        lambda r: (r.subscription_status or "—").replace("_", " "),
    ),
    AccountColumn(
        QT_TRANSLATE_NOOP("AccountsTableModel", "Active"),
        lambda r: (
            _t(QT_TRANSLATE_NOOP("AccountsTableModel", "Active"))
            if r.is_active
            else _t(QT_TRANSLATE_NOOP("AccountsTableModel", "Inactive"))
        ),
        "active",
    ),
    AccountColumn(
        QT_TRANSLATE_NOOP("AccountsTableModel", "Verified"),
        lambda r: _flag(r.is_verified, _t(QT_TRANSLATE_NOOP("AccountsTableModel", "Verified"))),
        "verified",
    ),
    AccountColumn(
        QT_TRANSLATE_NOOP("AccountsTableModel", "Created"), lambda r: day(r.created_at), "created"
    ),
)


class AccountsTableModel(QAbstractTableModel):
    PAGE_SIZE = 100
    MAX_CACHED_PAGES = 50

    search_started = Signal()
    search_finished = Signal(int)  # number of matches
    search_failed = Signal(object)  # the exception
    rows_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = AccountIds()
        self._pages: OrderedDict[int, list[AccountRow | None]] = OrderedDict()
        self._requested: set[int] = set()
        self._wanted: set[int] = set()
        self._search_fn: SearchFn | None = None
        self._rows_fn: RowsFn | None = None
        self._query = AccountQuery()
        self._generation = 0
        self.searching = False
        #: How many rows have been fetched since the model was made (tests read it).
        self.rows_fetched = 0
        self._fetch_timer = QTimer(self, singleShot=True, interval=0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)

    # -- source and search -----------------------------------------------------------------

    def set_source(self, search_fn: SearchFn | None, rows_fn: RowsFn | None) -> None:
        """Where ids and rows come from (functions that run on a worker thread)."""
        self._search_fn, self._rows_fn = search_fn, rows_fn

    @property
    def query(self) -> AccountQuery:
        return self._query

    @property
    def ids(self) -> AccountIds:
        return self._ids

    def search(self, query: AccountQuery | None = None) -> None:
        """Run the search (again) in the background; the table resets when it is back."""
        if query is not None:
            self._query = query
        fn = self._search_fn
        if fn is None:
            return
        self._generation += 1
        generation, wanted = self._generation, self._query
        self.searching = True
        self.search_started.emit()
        BackgroundOp(lambda: fn(wanted), label="search accounts").on_success(
            lambda result: self._show_search(generation, result)
        ).on_failure(lambda exc: self._search_error(generation, exc)).run(parent=self)

    def _show_search(self, generation: int, result: SearchResult) -> None:
        if generation != self._generation:
            return  # an older search finished after a newer one started
        ids, first_rows = result
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._requested.clear()
        self._wanted.clear()
        self._store(0, first_rows)
        self.endResetModel()
        self.searching = False
        self.search_finished.emit(len(ids))

    def _search_error(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.searching = False
            self.search_failed.emit(exc)

    # -- pages -------------------------------------------------------------------------------

    def _store(self, start_row: int, rows: Sequence[AccountRow]) -> None:
        """Cache rows fetched for ids ``start_row …``, page by page."""
        end = min(len(self._ids), start_row + len(rows))
        if end <= start_row:
            return
        by_id = {row.id: row for row in rows}
        for page in range(start_row // self.PAGE_SIZE, (end - 1) // self.PAGE_SIZE + 1):
            first = page * self.PAGE_SIZE
            self._pages[page] = [
                by_id.get(i) for i in self._ids.slice(first, first + self.PAGE_SIZE)
            ]
            self._pages.move_to_end(page)
        self.rows_fetched += len(by_id)
        self._evict()

    def _evict(self) -> None:
        while len(self._pages) > self.MAX_CACHED_PAGES:
            self._pages.popitem(last=False)

    def _cached(self, row: int) -> bool:
        return row // self.PAGE_SIZE in self._pages

    def _row(self, row: int) -> AccountRow | None:
        page = self._pages.get(row // self.PAGE_SIZE)
        if page is None:
            return None
        return page[row % self.PAGE_SIZE]

    def _want(self, row: int) -> None:
        page = row // self.PAGE_SIZE
        if page in self._pages or page in self._requested or page in self._wanted:
            return
        self._wanted.add(page)
        if not self._fetch_timer.isActive():
            self._fetch_timer.start()

    def _fetch_wanted(self) -> None:
        fn = self._rows_fn
        wanted, self._wanted = sorted(self._wanted), set()
        if fn is None:
            return
        generation = self._generation
        for page in wanted:
            first = page * self.PAGE_SIZE
            ids = self._ids.slice(first, first + self.PAGE_SIZE)
            if not ids:
                continue
            self._requested.add(page)
            BackgroundOp(lambda ids=ids: fn(ids), label="load account rows").on_success(
                lambda rows, page=page: self._page_loaded(generation, page, rows)
            ).on_failure(lambda exc, page=page: self._page_failed(generation, page, exc)).run(
                parent=self
            )

    def _page_loaded(self, generation: int, page: int, rows: list[AccountRow]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        first = page * self.PAGE_SIZE
        ids = self._ids.slice(first, first + self.PAGE_SIZE)
        by_id = {row.id: row for row in rows}
        self._pages[page] = [by_id.get(i) for i in ids]
        self.rows_fetched += len(by_id)
        self._pages.move_to_end(page)
        self._evict()
        last = first + len(ids) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _page_failed(self, generation: int, page: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._requested.discard(page)
            self.rows_failed.emit(exc)

    def refresh_rows(self, user_ids: Sequence[uuid.UUID]) -> None:
        """Fetch these accounts' rows again (after an action changed them)."""
        pages = {
            row // self.PAGE_SIZE
            for user_id in user_ids
            if (row := self._ids.row_of(user_id)) is not None
        }
        for page in pages:
            self._pages.pop(page, None)
            self._want(page * self.PAGE_SIZE)

    # -- what the page asks ----------------------------------------------------------------

    def record(self, row: int) -> AccountRow | None:
        """The row's record if it is loaded (None while it loads)."""
        if not 0 <= row < len(self._ids):
            return None
        return self._row(row)

    def records(self) -> list[AccountRow]:
        """The loaded records, in table order."""
        out: list[AccountRow] = []
        for page in sorted(self._pages):
            out.extend(r for r in self._pages[page] if r is not None)
        return out

    def id_at(self, row: int) -> uuid.UUID:
        return self._ids.id_at(row)

    def row_of(self, user_id: uuid.UUID) -> int | None:
        return self._ids.row_of(user_id)

    def selected_count(self, selection: QItemSelection) -> int:
        """Rows in a selection, from its ranges (never one index per row)."""
        rows: set[tuple[int, int]] = set()
        for selected in selection:
            rows.add((selected.top(), selected.bottom()))
        # Row ranges of a row selection do not overlap; merge defensively anyway.
        total, reach = 0, -1
        for top, bottom in sorted(rows):
            if bottom <= reach:
                continue
            total += bottom - max(top, reach + 1) + 1
            reach = bottom
        return total

    def selected_ids(self, selection: QItemSelection, *, limit: int) -> list[uuid.UUID]:
        """At most ``limit`` ids of a selection, in table order."""
        ranges = sorted({(s.top(), s.bottom()) for s in selection})
        out: list[uuid.UUID] = []
        seen_until = -1
        for top, bottom in ranges:
            start = max(top, seen_until + 1)
            if start > bottom:
                continue
            out.extend(self._ids.slice(start, min(bottom + 1, start + limit - len(out))))
            seen_until = bottom
            if len(out) >= limit:
                break
        return out

    # -- Qt overrides ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        row = index.row()
        if role == IdRole:
            return self._ids.id_at(row)
        record = self._row(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if record is None:
                if self._cached(row):  # fetched, but the account is gone since the search
                    return _t(GONE) if index.column() == 0 else ""
                self._want(row)
                return _t(LOADING) if index.column() == 0 else ""
            return COLUMNS[index.column()].text(record)
        if role == RecordRole:
            if record is None and not self._cached(row):
                self._want(row)
            return record
        if role == Qt.ItemDataRole.ForegroundRole and (record is None or not record.is_active):
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].sort_key is None:
            return _t(QT_TRANSLATE_NOOP("AccountsTableModel", "{column} (not sortable)")).format(
                column=COLUMNS[section].title
            )
        return None

    # flags(): QAbstractTableModel's own (enabled, selectable, no children) — not
    # overridden, so Qt never calls into Python for it, row by row.

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the search's job: search again in the new order (ids only)."""
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort, self._query.descending):
            return
        self.search(replace(self._query, sort=key, descending=descending))

    def sort_column(self) -> int:
        """The column of the current sort key."""
        return next((i for i, c in enumerate(COLUMNS) if c.sort_key == self._query.sort), 0)
