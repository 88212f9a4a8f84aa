"""The main window: a sidebar of workspaces, their pages, menus and the status bar."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from elearn_desktop import __version__
from elearn_desktop.config import log_dir
from elearn_desktop.services import accounts, catalog
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.backend import Backend, server_version
from elearn_desktop.ui.author.courses_page import AuthorCoursesPage
from elearn_desktop.ui.learn.catalog_page import CatalogPage, catalog_loaders
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon
from elearn_desktop.ui.support.accounts_page import AccountsPage


@dataclass(frozen=True, slots=True)
class Workspace:
    key: str
    title: str
    icon_name: str


WORKSPACES = (
    Workspace("learn", "Learn", "learn"),
    Workspace("author", "Author", "author"),
    Workspace("support", "Support", "support"),
)


class MainWindow(QMainWindow):
    workspace_changed = Signal(str)
    refresh_requested = Signal()
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("elearn")
        self.setWindowIcon(icon("app"))
        self.backend: Backend | None = None
        self.session: SignedIn | None = None
        self.log_path: Path | None = None

        self.catalog_page = CatalogPage()
        self.author_page = AuthorCoursesPage()
        self.support_page = AccountsPage()
        self.pages: dict[str, QWidget] = {
            "learn": self.catalog_page,
            "author": self.author_page,
            "support": self.support_page,
        }

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("workspaceSidebar")
        self.sidebar.setAccessibleName("Workspaces")
        self.sidebar.setIconSize(QSize(24, 24))
        self.sidebar.setSpacing(2)
        self.sidebar.setFixedWidth(150)
        self.stack = QStackedWidget()
        for workspace in WORKSPACES:
            item = QListWidgetItem(icon(workspace.icon_name), workspace.title)
            item.setData(Qt.ItemDataRole.UserRole, workspace.key)
            item.setSizeHint(QSize(140, 40))
            self.sidebar.addItem(item)
            self.stack.addWidget(self.pages[workspace.key])
        self.sidebar.currentRowChanged.connect(self._show_workspace)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_menus()
        self.sidebar.setCurrentRow(0)
        self.resize(1100, 720)

    # -- chrome --------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.connection_label = QLabel("Connecting…")
        self.connection_label.setObjectName("connectionStatus")
        self.connection_label.setAccessibleName("Connection status")
        self.sync_label = QLabel("Sync: —")
        self.sync_label.setObjectName("syncStatus")
        self.downloads_label = QLabel("No downloads")
        self.downloads_label.setObjectName("downloadStatus")
        self.playback_label = QLabel("")
        self.playback_label.setObjectName("playbackStatus")
        self.playback_label.setWordWrap(False)
        self.user_label = QLabel("Not signed in")
        self.user_label.setObjectName("userStatus")
        bar.addWidget(self.user_label)
        bar.addWidget(self.connection_label)
        bar.addWidget(self.playback_label, 1)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.downloads_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        refresh = QAction("&Refresh", self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh)
        file_menu.addAction(refresh)
        sign_out = QAction("Sign &out", self)
        sign_out.triggered.connect(self.sign_out_requested.emit)
        file_menu.addAction(sign_out)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        self.workspace_actions: dict[str, QAction] = {}
        for row, workspace in enumerate(WORKSPACES):
            action = QAction(icon(workspace.icon_name), workspace.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self._select_workspace_row(r))
            view_menu.addAction(action)
            self.workspace_actions[workspace.key] = action

        help_menu = self.menuBar().addMenu("&Help")
        open_logs = QAction("Open &log folder", self)
        open_logs.triggered.connect(self._open_log_folder)
        help_menu.addAction(open_logs)
        about = QAction("&About elearn", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        # Shortcuts must work even where the menu bar is not a widget of this window
        # (native menu bars, offscreen): the window itself carries every action.
        for menu in (file_menu, view_menu, help_menu):
            self.addActions(menu.actions())

    def _about(self) -> None:
        backend = self.backend
        if backend is None:
            self._show_about("not connected (offline)")
            return
        BackgroundOp(lambda: server_version(backend), label="server version").on_success(
            self._show_about
        ).on_failure(lambda exc: self._show_about(f"unknown ({exc})")).run(parent=self)

    def about_text(self, server: str) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        where = self.backend.target.display if self.backend else "—"
        return (
            f"elearn-desktop {__version__}\n\n"
            f"Qt {qVersion()} (Qt for Python {pyside_version})\n"
            f"Database server: {server}\n"
            f"Database: {where}\n"
            f"Log: {self.log_path or 'not configured'}"
        )

    def _show_about(self, server: str) -> None:
        QMessageBox.about(self, "About elearn", self.about_text(server))

    def _open_log_folder(self) -> None:
        folder = self.log_path.parent if self.log_path else log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _select_workspace_row(self, row: int) -> None:
        if not self.sidebar.item(row).isHidden():
            self.sidebar.setCurrentRow(row)

    def _show_workspace(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.workspace_changed.emit(WORKSPACES[row].key)

    def current_workspace(self) -> str:
        return WORKSPACES[max(0, self.sidebar.currentRow())].key

    # -- data ----------------------------------------------------------------------------

    def set_session(self, session: SignedIn) -> None:
        """Show the workspaces this person's roles open, who is signed in, and their data."""
        self.session = session
        for row, workspace in enumerate(WORKSPACES):
            allowed = session.allows(workspace.key)
            self.sidebar.item(row).setHidden(not allowed)
            self.workspace_actions[workspace.key].setEnabled(allowed)
            self.workspace_actions[workspace.key].setVisible(allowed)
        if self.sidebar.item(self.sidebar.currentRow()).isHidden():
            self.sidebar.setCurrentRow(0)
        user = session.user
        self.user_label.setText(f"Signed in as {user.display_name} ({', '.join(user.roles)})")
        self.user_label.setToolTip(f"{user.email} on {session.where}")
        self.setWindowTitle(f"elearn — {user.display_name}")
        if session.backend is not None:
            self.set_backend(session.backend)
        else:
            self.show_backend_error(
                f"offline: working from this computer's copy ({session.profile.display})"
            )

    def set_backend(self, backend: Backend) -> None:
        self.backend = backend
        kind = "Embedded database" if backend.target.embedded else backend.target.display
        self.connection_label.setText(f"● Online · {kind}")
        self.connection_label.setToolTip(backend.target.display)
        self.sync_label.setText(
            "Sync: not needed (embedded)" if backend.target.embedded else "Sync: idle"
        )
        uow = backend.uow
        self.catalog_page.set_loaders(*catalog_loaders(uow))
        self.author_page.set_loader(lambda: catalog.list_courses(uow, status=None))
        actor = self.session.user if self.session is not None else None
        self.support_page.set_search(
            lambda text: accounts.list_users(uow, search=text, limit=500, actor=actor)
        )
        self.refresh()

    def show_backend_error(self, message: str) -> None:
        self.connection_label.setText(f"○ Offline · {message}")
        self.connection_label.setToolTip(message)
        for page in (self.catalog_page, self.author_page, self.support_page):
            page.status.setText(message)

    def show_playback_status(self, available: bool, message: str) -> None:
        self.playback_label.setText("" if available else message)
        self.playback_label.setToolTip(message)

    def refresh(self) -> None:
        """Reload what the open workspaces show (only those the person may use)."""
        pages = {
            "learn": self.catalog_page.refresh,
            "author": self.author_page.refresh,
            "support": self.support_page.refresh,
        }
        for key, reload in pages.items():
            if self.session is None or self.session.allows(key):
                reload()
        self.refresh_requested.emit()

    # -- persistence ---------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> None:
        geometry = settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = settings.value(f"mainWindow/{key}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        row = settings.value("mainWindow/workspace", 0)
        try:
            self.sidebar.setCurrentRow(int(row))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.sidebar.setCurrentRow(0)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            settings.setValue(f"mainWindow/{key}", splitter.saveState())
        settings.setValue("mainWindow/workspace", self.sidebar.currentRow())

    def _splitters(self) -> dict[str, QSplitter]:
        return {"catalogSplitter": self.catalog_page.splitter}

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state(QSettings())
        super().closeEvent(event)
