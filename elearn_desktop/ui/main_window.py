"""The main window: a sidebar of workspaces, their pages, menus and the status bar.

This module is light on purpose: the window's shell (menus, sidebar, status bar saying
"Signing in as …") opens before the database layer and the workspaces are imported, and
fills in when :meth:`MainWindow.set_session` gets the signed-in person. Learn is built
then; Author and Support when first shown (issue #8, workload 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QEvent, QSettings, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop import __version__
from elearn_desktop.config import log_dir
from elearn_desktop.ui import preferences
from elearn_desktop.ui.early_qt import ALIGN_CENTER, USER_ROLE
from elearn_desktop.ui.offline_window import OfflineSyncMixin
from elearn_desktop.ui.paint_watch import PaintWatch
from elearn_desktop.ui.resources import icon
from elearn_desktop.ui.status_widgets import ModeBanner, SyncStatusLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter

    from elearn_desktop.services.auth import SignedIn
    from elearn_desktop.services.backend import Backend
    from elearn_desktop.ui.learn.workspace import LearnWorkspace
    from elearn_desktop.ui.sync_controller import SyncController


class Workspace(NamedTuple):  # not a dataclass: ~0.5 ms less before the first paint
    key: str
    title: str
    icon_name: str


# Titles are translated where they are shown (MainWindow.retranslate).
WORKSPACES = (
    Workspace("learn", QT_TRANSLATE_NOOP("MainWindow", "Learn"), "learn"),
    Workspace("author", QT_TRANSLATE_NOOP("MainWindow", "Author"), "author"),
    Workspace("support", QT_TRANSLATE_NOOP("MainWindow", "Support"), "support"),
    Workspace("downloads", QT_TRANSLATE_NOOP("MainWindow", "Downloads"), "sync"),
)


def standard_shortcuts(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's shortcuts for a standard action, or ``fallback`` where it has none
    (e.g. Preferences and Quit on Linux and Windows)."""
    keys = QKeySequence.keyBindings(key)
    return keys or [QKeySequence(fallback)]


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setObjectName("workspacePlaceholder")
    label.setProperty("alignment", ALIGN_CENTER)  # not Qt's enums before the first paint
    label.setWordWrap(True)
    return label


class MainWindow(OfflineSyncMixin, QMainWindow):
    workspace_changed = Signal(str)
    refresh_requested = Signal()
    sign_out_requested = Signal()
    # After set_session: the workspace shown first has painted with its content
    # (Learn: the catalog's first results, or its error), once per session.
    content_ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("elearn")
        self.setWindowIcon(icon("app"))
        self.backend: Backend | None = None
        self.session: SignedIn | None = None
        self.log_path: Path | None = None

        # Workspaces are built for the person once they are signed in (set_session).
        self.learn: LearnWorkspace | None = None
        self.author: QWidget | None = None
        self.support: QWidget | None = None
        self.downloads: QWidget | None = None
        self.player: QWidget | None = None
        self.download_queue: Any = None
        # Offline copy and sync (PostgreSQL sessions with an offline cache): see set_session.
        self.sync: SyncController | None = None
        self.offline_copies: Any = None
        self.banner = ModeBanner()
        self.banner.action_requested.connect(self._banner_action)
        self._server_lost_reason = ""
        self.pages: dict[str, QWidget] = {
            w.key: _placeholder(self.tr("Sign in to see this workspace.")) for w in WORKSPACES
        }
        self._backend_error: str | None = None
        # The shell's state before set_session: who is signing in, or why it failed.
        self._signing_in: str | None = None
        self._sign_in_error: str | None = None

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("workspaceSidebar")
        self.sidebar.setIconSize(QSize(24, 24))
        self.sidebar.setSpacing(2)
        self.sidebar.setFixedWidth(150)
        self.stack = QStackedWidget()
        for workspace in WORKSPACES:
            item = QListWidgetItem(icon(workspace.icon_name), "")
            item.setData(USER_ROLE, workspace.key)
            item.setSizeHint(QSize(140, 40))
            self.sidebar.addItem(item)
            self.stack.addWidget(self.pages[workspace.key])
        self.sidebar.currentRowChanged.connect(self._show_workspace)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        layout.addLayout(column, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_menus()
        self.sidebar.setCurrentRow(0)
        self.retranslate()
        self.resize(1100, 720)

    # -- chrome --------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.connection_label = QLabel(self.tr("Connecting…"))
        self.connection_label.setObjectName("connectionStatus")
        self.sync_label = SyncStatusLabel(self.tr("Sync: —"))
        self.sync_label.setObjectName("syncStatus")
        self.sync_label.clicked.connect(self.show_dead_letters)
        self.downloads_label = QLabel(self.tr("No downloads"))
        self.downloads_label.setObjectName("downloadStatus")
        self.playback_label = QLabel("")
        self.playback_label.setObjectName("playbackStatus")
        self.playback_label.setWordWrap(False)
        self.user_label = QLabel(self.tr("Not signed in"))
        self.user_label.setObjectName("userStatus")
        # The name gives way first when the bar is narrow (the whole text is in its
        # tooltip); the connection and sync states keep their room.
        self.user_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.user_label.setMinimumWidth(120)
        bar.addWidget(self.user_label, 1)
        bar.addWidget(self.connection_label)
        bar.addWidget(self.playback_label, 1)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.downloads_label)

    def _build_menus(self) -> None:
        """Menus and actions; their texts are set (and reset) by retranslate().

        Single shortcuts are set as one-item lists: ``setShortcut(QKeySequence)`` makes
        PySide6 build all of ``Qt``'s enums while it picks the overload (~11 ms before the
        first paint; see ui/early_qt.py)."""
        self.file_menu = self.menuBar().addMenu("")
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcuts(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        self.sync_now_action = QAction(self)
        self.sync_now_action.setShortcuts([QKeySequence("Ctrl+Shift+S")])
        self.sync_now_action.setEnabled(False)
        self.sync_now_action.triggered.connect(self.sync_now)
        self.dead_letters_action = QAction(self)
        self.dead_letters_action.setEnabled(False)
        self.dead_letters_action.triggered.connect(self.show_dead_letters)
        self.settings_action = QAction(self)
        self.settings_action.setShortcuts(
            standard_shortcuts(QKeySequence.StandardKey.Preferences, "Ctrl+,")
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out_requested.emit)
        self.quit_action = QAction(self)
        self.quit_action.setShortcuts(standard_shortcuts(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addAction(self.sync_now_action)
        self.file_menu.addAction(self.dead_letters_action)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.sign_out_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = self.menuBar().addMenu("")
        self.workspace_actions: dict[str, QAction] = {}
        for row, workspace in enumerate(WORKSPACES):
            action = QAction(icon(workspace.icon_name), "", self)
            action.setShortcuts([QKeySequence(f"Ctrl+{row + 1}")])
            action.triggered.connect(lambda _checked=False, r=row: self._select_workspace_row(r))
            self.view_menu.addAction(action)
            self.workspace_actions[workspace.key] = action

        self.help_menu = self.menuBar().addMenu("")
        self.welcome_action = QAction(self)
        self.welcome_action.setShortcuts(
            standard_shortcuts(QKeySequence.StandardKey.HelpContents, "F1")
        )
        self.welcome_action.triggered.connect(self.open_welcome)
        self.open_logs_action = QAction(self)
        self.open_logs_action.triggered.connect(self._open_log_folder)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._about)
        for action in (self.welcome_action, self.open_logs_action, self.about_action):
            self.help_menu.addAction(action)
        # Shortcuts must work even where the menu bar is not a widget of this window
        # (native menu bars, offscreen): the window itself carries every action.
        for menu in (self.file_menu, self.view_menu, self.help_menu):
            self.addActions(menu.actions())

    def retranslate(self) -> None:
        """Set every text this window owns in the current language."""
        self.file_menu.setTitle(self.tr("&File"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.sync_now_action.setText(self.tr("S&ync now"))
        self.dead_letters_action.setText(self.tr("Changes the server re&jected…"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        for row, workspace in enumerate(WORKSPACES):
            title = self.tr(workspace.title)
            self.sidebar.item(row).setText(title)
            self.workspace_actions[workspace.key].setText(f"&{row + 1} {title}")
        self.help_menu.setTitle(self.tr("&Help"))
        self.welcome_action.setText(self.tr("&Welcome and demo accounts"))
        self.open_logs_action.setText(self.tr("Open &log folder"))
        self.about_action.setText(self.tr("&About elearn"))
        self.sidebar.setAccessibleName(self.tr("Workspaces"))
        self.connection_label.setAccessibleName(self.tr("Connection status"))
        self.sync_label.setAccessibleName(self.tr("Sync status"))
        self.user_label.setAccessibleName(self.tr("Signed-in person"))
        self.playback_label.setAccessibleName(self.tr("Playback status"))
        if self.session is None:
            self._show_shell_state()
        else:
            self._show_user()
        if self.backend is not None:
            self.set_backend(self.backend)
        elif self._backend_error is not None:
            self.show_backend_error(self._backend_error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_settings(self) -> None:
        from PySide6.QtCore import Qt

        from elearn_desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_welcome(self) -> None:
        from elearn_desktop.ui.first_run import show_first_run

        show_first_run(self)

    def _about(self) -> None:
        backend = self.backend
        if backend is None:
            self._show_about("not connected (offline)")
            return
        from elearn_desktop.services.backend import server_version
        from elearn_desktop.ui.ops import BackgroundOp

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
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About elearn"), self.about_text(server))

    def _open_log_folder(self) -> None:
        folder = self.log_path.parent if self.log_path else log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _select_workspace_row(self, row: int) -> None:
        if not self.sidebar.item(row).isHidden():
            self.sidebar.setCurrentRow(row)

    def _show_workspace(self, row: int) -> None:
        if row < 0:
            return
        self._ensure_workspace(WORKSPACES[row].key)
        self.stack.setCurrentIndex(row)
        self.workspace_changed.emit(WORKSPACES[row].key)

    def current_workspace(self) -> str:
        return WORKSPACES[max(0, self.sidebar.currentRow())].key

    # -- data ----------------------------------------------------------------------------

    def set_session(self, session: SignedIn) -> None:
        """Build the workspaces this person's roles open, and say who is signed in."""
        self.session = session
        self._signing_in = self._sign_in_error = None
        for row, workspace in enumerate(WORKSPACES):
            allowed = self._allows(workspace.key)
            self.sidebar.item(row).setHidden(not allowed)
            self.workspace_actions[workspace.key].setEnabled(allowed)
            self.workspace_actions[workspace.key].setVisible(allowed)
        self._build_workspaces(session)
        if self.sidebar.item(self.sidebar.currentRow()).isHidden():
            self.sidebar.setCurrentRow(0)
        self._show_user()
        if session.backend is not None and not session.offline:
            self.set_backend(session.backend)
        else:
            self.backend = None
            self.show_backend_error(
                self.tr("offline: working from this computer's copy ({0})").format(
                    session.profile.display
                )
            )
        self._start_sync(session)
        self._watch_content()

    # -- the shell, before set_session ---------------------------------------------------

    def show_signing_in(self, email: str) -> None:
        """The shell's state while the sign-in runs: "Signing in as …", "Opening …"."""
        self._signing_in, self._sign_in_error = email, None
        self._show_shell_state()

    def show_sign_in_failed(self, message: str) -> None:
        """The sign-in failed: say why in the status bar and on the workspace page."""
        self._signing_in, self._sign_in_error = None, message
        self._show_shell_state()

    def _show_shell_state(self) -> None:
        if self._signing_in is not None:
            self.user_label.setText(self.tr("Signing in as {0}…").format(self._signing_in))
            self.connection_label.setText(self.tr("Opening…"))
            placeholder = self.tr("Opening your workspace…")
        elif self._sign_in_error is not None:
            self.user_label.setText(self.tr("Not signed in"))
            self.connection_label.setText(self.tr("○ Sign-in failed"))
            placeholder = self.tr("Could not sign in: {0}").format(self._sign_in_error)
        else:
            self.user_label.setText(self.tr("Not signed in"))
            placeholder = self.tr("Sign in to see this workspace.")
        self.user_label.setToolTip(self.user_label.text())
        for page in self.pages.values():
            if isinstance(page, QLabel) and page.objectName() == "workspacePlaceholder":
                page.setText(placeholder)

    def _watch_content(self) -> None:
        """Emit content_ready once the first workspace has painted with its content."""
        session = self.session

        def painted() -> None:
            if self.session is session:
                self.content_ready.emit()

        def arrived(*_args: object) -> None:
            model.results_changed.disconnect(arrived)
            model.load_failed.disconnect(arrived)
            if self.session is session and self.learn is not None:
                PaintWatch(self.learn.catalog.list.viewport(), painted)
                self.learn.catalog.list.viewport().update()

        page = self.stack.currentWidget()
        online = session is not None and session.backend is not None and not session.offline
        if self.learn is not None and page is self.learn and online:
            model = self.learn.catalog.model  # its first page is on the way
            model.results_changed.connect(arrived)
            model.load_failed.connect(arrived)
            return
        PaintWatch(page, painted)
        page.update()

    def _show_user(self) -> None:
        assert self.session is not None
        user = self.session.user
        self.user_label.setText(
            self.tr("Signed in as {0} ({1})").format(user.display_name, ", ".join(user.roles))
        )
        self.user_label.setToolTip(
            self.user_label.text()
            + "\n"
            + self.tr("{0} on {1}").format(user.email, self.session.where)
        )
        self.setWindowTitle(f"elearn — {user.display_name}")

    def _allows(self, key: str) -> bool:
        if self.session is None:
            return key == "learn"
        if key == "downloads":
            # Offline copies serve PostgreSQL profiles; the embedded database is local.
            return not self.session.profile.is_embedded
        if key in ("author", "support") and (self.session.offline or self.session.backend is None):
            return False  # editing and support need the server
        return self.session.allows(key)

    def _replace_page(self, key: str, widget: QWidget) -> None:
        row = [w.key for w in WORKSPACES].index(key)
        old = self.pages[key]
        self.stack.insertWidget(row, widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.pages[key] = widget
        if self.sidebar.currentRow() == row:
            self.stack.setCurrentIndex(row)

    def _build_workspaces(self, session: SignedIn) -> None:
        from elearn_desktop.ui.learn.workspace import LearnWorkspace

        if self.player is not None:  # built for the previous session (online/offline)
            self.player.close_lesson()  # type: ignore[attr-defined]
            self.player = None
        self.learn = LearnWorkspace(session)
        self.learn.lesson_requested.connect(self.open_lesson)
        self.learn.assessment_requested.connect(self.open_assessment)
        self.learn.page_closed.connect(self._learn_page_closed)
        self._replace_page("learn", self.learn)
        if self._allows("downloads") and self.download_queue is None:
            self._build_downloads(session)
        if self.offline_copies is not None:
            self.offline_copies.set_session(session)
        elif session.cache is not None and self.download_queue is not None:
            from elearn_desktop.ui.learn.offline_copy import OfflineCopies

            self.offline_copies = OfflineCopies(
                session, self.download_queue, self.offline_budget, self
            )
        self.learn.offline_copies = self.offline_copies
        self._ensure_workspace(self.current_workspace())

    def _ensure_workspace(self, key: str) -> None:
        """Author and Support are built when first shown: a person who opens Learn does
        not wait for (or import) them at start-up."""
        session = self.session
        if session is None or not self._allows(key):
            return
        if key == "author" and self.author is None:
            from elearn_desktop.ui.author.area import AuthorArea

            author = AuthorArea(session)
            author.preview_requested.connect(self.preview_course)
            self.author = author
            self._replace_page("author", author)
        elif key == "support" and self.support is None:
            from elearn_desktop.ui.support.workspace import SupportWorkspace

            self.support = SupportWorkspace(session)
            self._replace_page("support", self.support)

    def _build_downloads(self, session: SignedIn) -> None:
        from elearn_desktop.services.offline_auth import cache_dir_for
        from elearn_desktop.sync.downloads import DownloadQueue
        from elearn_desktop.sync.offline import videos_dir
        from elearn_desktop.ui.downloads_page import DownloadsIndicator, DownloadsPage

        if session.cache is not None:
            folder = videos_dir(session.cache)  # chosen at sign-in (Settings → Folders)
        else:
            folder = cache_dir_for(session.profile, session.user.email) / "downloads"
            chosen = preferences.download_dir()  # Settings → Folders; per server and person
            if chosen is not None:
                folder = chosen / folder.parent.parent.name / folder.parent.name
        self.download_queue = DownloadQueue(folder)
        self.downloads = DownloadsPage(self.download_queue)
        self.downloads.offline_copy_removed.connect(self._offline_copy_removed)
        self.downloads.sync_requested.connect(self.sync_now)
        self.downloads.dead_letters_requested.connect(self.show_dead_letters)
        self._replace_page("downloads", self.downloads)
        indicator = DownloadsIndicator(self.download_queue)
        indicator.downloads_page_requested.connect(
            lambda: self._select_workspace_row([w.key for w in WORKSPACES].index("downloads"))
        )
        self.statusBar().removeWidget(self.downloads_label)
        self.downloads_label.deleteLater()
        self.downloads_label = indicator
        self.statusBar().addPermanentWidget(indicator)

    # -- learner pages opened from the Learn workspace -----------------------------------

    def _player_page(self) -> QWidget:
        assert self.session is not None
        assert self.learn is not None
        from elearn_desktop.ui.learn.player import LessonPlayerPage

        if self.player is None:
            player = LessonPlayerPage(self.session, media_dir=preferences.media_library_dir())
            # The workspace's own Back (and Alt+Left) leaves the lesson: one Back button.
            player.back_button.hide()
            player.next_lesson_requested.connect(player.open_lesson)
            player.closed.connect(self._player_closed)
            player.video_locator = self._video_locator()
            self.player = player
        return self.player

    def open_lesson(self, lesson_id: object, *, preview: bool = False) -> None:
        if self.learn is None:
            return
        player = self._player_page()
        player.preview = preview  # type: ignore[attr-defined]
        self._select_workspace_row(0)
        title = (
            QT_TRANSLATE_NOOP("LearnWorkspace", "Preview (nothing is recorded)")
            if preview
            else QT_TRANSLATE_NOOP("LearnWorkspace", "Lesson")
        )
        self.learn.show_page(player, title=title, keep=True, translatable=True)
        player.open_lesson(lesson_id)  # type: ignore[attr-defined]

    def open_assessment(self, assessment_id: object) -> None:
        if self.learn is None or self.session is None:
            return
        from elearn_desktop.ui.learn.assessment_page import AssessmentPage

        page = AssessmentPage(self.session)
        page.closed.connect(self.learn.go_back)
        self._select_workspace_row(0)
        self.learn.show_page(
            page, title=QT_TRANSLATE_NOOP("LearnWorkspace", "Assessment"), translatable=True
        )
        page.open_assessment(assessment_id)

    def preview_course(self, course_id: object) -> None:
        """Authors open the course's first lesson in the learner's player; nothing is
        recorded (the player is in preview mode until a lesson is opened normally)."""
        if self.session is None or self.session.backend is None:
            return
        from elearn_desktop.domain.errors import ElearnError
        from elearn_desktop.ui.ops import BackgroundOp

        uow = self.session.backend.uow

        def first_lesson() -> object:
            with uow() as unit:
                tree = unit.courses.get_tree(course_id)  # type: ignore[arg-type]
                lessons = [ls.id for m in (tree.modules if tree else []) for ls in m.lessons]
            if not lessons:
                raise ElearnError("This course has no lessons to preview yet.")
            return lessons[0]

        BackgroundOp(first_lesson, label="preview").on_success(
            lambda lesson_id: self.open_lesson(lesson_id, preview=True)
        ).on_failure(self._preview_failed).run(parent=self)

    def _preview_failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, "Preview as learner", str(exc))

    def _player_closed(self) -> None:
        # Only when the player itself asked to leave: leaving it by the workspace's Back
        # also closes the lesson, which must not go back a second page.
        if self.learn is not None and self.learn.current_page() is self.player:
            self.learn.go_back()

    def _learn_page_closed(self, widget: QWidget) -> None:
        if widget is self.player:
            self.player.close_lesson()  # type: ignore[attr-defined]

    # -- data ----------------------------------------------------------------------------

    def set_backend(self, backend: Backend) -> None:
        self.backend = backend
        self._backend_error = None
        if backend.target.embedded:
            kind = self.tr("Embedded database")
        elif self.session is not None and not self.session.profile.is_embedded:
            kind = self.session.profile.display  # "db on host:port", not the login's URL
        else:
            kind = backend.target.display
        self.connection_label.setText(self.tr("● Online · {0}").format(kind))
        self.connection_label.setToolTip(backend.target.display)
        self.sync_label.setText(
            self.tr("Sync: not needed (embedded)")
            if backend.target.embedded
            else self.tr("Sync: idle")
        )

    def show_backend_error(self, message: str) -> None:
        self._backend_error = message
        self.connection_label.setText(self.tr("○ Offline · {0}").format(message))
        self.connection_label.setToolTip(message)

    def show_playback_status(self, available: bool, message: str) -> None:
        self.playback_label.setText("" if available else message)
        self.playback_label.setToolTip(message)

    def refresh(self) -> None:
        """Reload what the workspaces show."""
        for widget in (self.learn, self.author, self.support):
            reload = getattr(widget, "refresh", None)
            if reload is not None:
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
        if self.session is None:
            # The shell shows the workspaces of the last session (the person signing in
            # is usually the same), not all four only to hide some when signed in.
            shown = settings.value("mainWindow/workspaces")
            if isinstance(shown, str):  # QSettings gives a one-item list back as a str
                shown = [shown]
            if isinstance(shown, list) and "learn" in shown:
                for index, workspace in enumerate(WORKSPACES):
                    self.sidebar.item(index).setHidden(workspace.key not in shown)
        row = settings.value("mainWindow/workspace", 0)
        try:
            row = int(row)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            row = 0
        item = self.sidebar.item(row)
        self.sidebar.setCurrentRow(row if item is not None and not item.isHidden() else 0)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            settings.setValue(f"mainWindow/{key}", splitter.saveState())
        settings.setValue("mainWindow/workspace", self.sidebar.currentRow())
        if self.session is not None:
            rows = range(len(WORKSPACES))
            shown = [WORKSPACES[r].key for r in rows if not self.sidebar.item(r).isHidden()]
            settings.setValue("mainWindow/workspaces", shown)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"catalogSplitter": self.learn.catalog.splitter} if self.learn else {}

    def closeEvent(self, event: QCloseEvent) -> None:
        confirm = getattr(self.author, "confirm_close", None)
        if confirm is not None and not confirm():
            event.ignore()  # unsaved edits, and the person chose to stay
            return
        if self.player is not None:
            self.player.close_lesson()  # type: ignore[attr-defined]
        if self.sync is not None:
            # The last sync, bounded (the window keeps painting meanwhile).
            self.statusBar().showMessage("Sending your last changes to the server…")
            self.sync.shutdown()
        if self.download_queue is not None:
            self.download_queue.shutdown(timeout=2.0)
        self.save_state(QSettings())
        super().closeEvent(event)
