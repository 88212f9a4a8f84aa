"""The window-first start-up (issue #8, workload 1): the main window's shell shows before
the database layer is even imported, then signs in off the GUI thread and fills in; a
failed sign-in says why in the window and in the sign-in dialog."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui import preferences
from elearn_desktop.ui.application import (
    SMOKE_ACCOUNT,
    AppController,
    StartupSignIn,
    smoke_sign_in,
)
from elearn_desktop.ui.login_dialog import LoginDialog
from elearn_desktop.ui.main_window import MainWindow
from tests.support.keyrings import MemoryKeyring
from tests.support.offline_people import remember_learner_for_offline
from tests.support.python_child import run_code

pytestmark = pytest.mark.gui
WAIT_MS = 60_000


@pytest.fixture
def controller(qapp: QApplication) -> Iterator[AppController]:
    controller = AppController(qapp)
    yield controller
    window = controller.window
    if controller.retry_dialog is not None:
        controller.retry_dialog.done(0)
    if window is not None:
        window.close()
        if window.session is not None:
            window.session.close()
        window.deleteLater()


def _sign_in_with_the_dialog(qtbot: QtBot, *, remember: bool) -> None:
    dialog = LoginDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.email.setText(SMOKE_ACCOUNT[0])
    dialog.password.setText(SMOKE_ACCOUNT[1])
    dialog.remember.setChecked(remember)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.signed_in is not None, timeout=WAIT_MS)
    assert dialog.signed_in is not None
    dialog.signed_in.close()


def _placeholder_texts(window: MainWindow) -> list[str]:
    return [
        page.text()
        for page in window.pages.values()
        if isinstance(page, QLabel) and page.objectName() == "workspacePlaceholder"
    ]


def test_the_shell_and_the_sign_in_dialog_load_no_database_layer() -> None:
    # Checked in a fresh interpreter: the test process has long imported everything.
    code = (
        "import sys\n"
        "import elearn_desktop.app, elearn_desktop.ui.application\n"
        "import elearn_desktop.ui.main_window, elearn_desktop.ui.login_dialog\n"
        "heavy = ('sqlalchemy', 'argon2', 'alembic', 'psycopg', 'sqlcipher3',\n"
        "         'elearn_desktop.data', 'elearn_desktop.services.auth',\n"
        "         'elearn_desktop.sync', 'elearn_desktop.ui.learn.workspace')\n"
        "print(','.join(m for m in heavy if m in sys.modules) or 'none')\n"
    )
    assert run_code(code).strip() == "none"


def test_the_window_shows_first_then_signs_in_and_fills_in(
    qtbot: QtBot, controller: AppController, embedded_target: DatabaseTarget
) -> None:
    seen: list[str] = []
    shell_texts: dict[str, object] = {}

    def shown(window: MainWindow) -> None:
        seen.append("shown")
        # What the person sees while the sign-in runs: the real chrome, no workspace yet.
        shell_texts.update(
            user=window.user_label.text(),
            connection=window.connection_label.text(),
            pages=_placeholder_texts(window),
            session=window.session,
            menus=[a.text() for a in window.menuBar().actions()],
        )

    controller.window_created.connect(lambda _w: seen.append("created"))
    controller.window_shown.connect(shown)
    with qtbot.waitSignal(controller.ready, timeout=WAIT_MS) as ready:
        window = controller.start_signed_in(smoke_sign_in())
    assert seen == ["created", "shown"]
    assert shell_texts["session"] is None
    assert shell_texts["user"] == "Signing in as admin@demo.test…"
    assert shell_texts["connection"] == "Opening…"
    assert shell_texts["pages"] == ["Opening your workspace…"] * 4
    assert shell_texts["menus"] == ["&File", "&View", "&Help"]

    assert ready.args == [window]
    assert window.session is not None
    assert window.user_label.text().startswith("Signed in as Ada Admin")
    assert window.learn is not None
    assert window.learn.catalog.model.rowCount() == 2  # the demo's published courses
    # Workspaces not shown first are built when first shown.
    assert window.author is None
    assert window.support is None
    window.sidebar.setCurrentRow(2)
    assert window.support is not None
    assert window.stack.currentWidget() is window.support


def test_a_failed_sign_in_says_why_in_the_window_and_the_dialog(
    qtbot: QtBot, controller: AppController, embedded_target: DatabaseTarget
) -> None:
    wrong = StartupSignIn(EMBEDDED_PROFILE, SMOKE_ACCOUNT[0], "not-the-password")
    with qtbot.waitSignal(controller.sign_in_failed, timeout=WAIT_MS) as failed:
        window = controller.start_signed_in(wrong)
    (message,) = failed.args
    assert "password" in message.lower()
    assert "Traceback" not in message
    assert window.session is None
    assert window.user_label.text() == "Not signed in"
    assert window.connection_label.text() == "○ Sign-in failed"
    assert _placeholder_texts(window) == [f"Could not sign in: {message}"] * 4

    # The sign-in dialog over the window, the email kept, the problem said.
    dialog = controller.retry_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.parent() is window
    assert dialog.email.text() == SMOKE_ACCOUNT[0]
    assert message in dialog.error.text()
    assert dialog.error.isVisible()

    # Signing in there fills the same window.
    dialog.password.setText(SMOKE_ACCOUNT[1])
    with qtbot.waitSignal(controller.ready, timeout=WAIT_MS):
        dialog.sign_in_button.click()
    assert controller.window is window
    assert window.session is not None
    assert window.session.user.email == SMOKE_ACCOUNT[0]
    assert window.user_label.text().startswith("Signed in as Ada Admin")
    assert controller.retry_dialog is None


def test_cancelling_the_dialog_after_a_failed_sign_in_closes_the_window(
    qtbot: QtBot, controller: AppController, embedded_target: DatabaseTarget
) -> None:
    wrong = StartupSignIn(EMBEDDED_PROFILE, "nobody@demo.test", "whatever-it-is")
    with qtbot.waitSignal(controller.sign_in_failed, timeout=WAIT_MS):
        window = controller.start_signed_in(wrong)
    dialog = controller.retry_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.session is None


def test_a_second_launch_reaches_the_first_without_qtnetwork(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The check before the window shows is a plain Unix socket to the QLocalServer's
    # socket file; a stale file that nobody listens on means "not running".
    import socket
    import uuid

    from elearn_desktop.ui.single_instance import SingleInstance

    if sys.platform == "win32":
        pytest.skip("Windows uses QLocalSocket (a named pipe)")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    name = f"elearn-test-{uuid.uuid4().hex[:8]}"
    first = SingleInstance(name)
    assert first.listen()  # QLocalServer puts its socket where socket_path() says
    assert Path(first.socket_path()) == tmp_path / name
    assert (tmp_path / name).exists()
    with qtbot.waitSignal(first.activation_requested, timeout=5_000):
        assert SingleInstance(name).notify_running_instance()

    stale = tmp_path / "elearn-test-stale"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as orphan:
        orphan.bind(str(stale))  # a socket file left by a crashed run, not listening
    assert stale.exists()
    assert not SingleInstance("elearn-test-stale").notify_running_instance()


def test_remember_me_signs_in_at_the_next_start_with_the_window_first(
    qtbot: QtBot,
    controller: AppController,
    embedded_target: DatabaseTarget,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sign_in_with_the_dialog(qtbot, remember=False)
    assert preferences.remembered_sign_in() is None  # no "Remember me": the dialog next
    _sign_in_with_the_dialog(qtbot, remember=True)
    remembered = preferences.remembered_sign_in()
    assert remembered == (EMBEDDED_PROFILE.key, SMOKE_ACCOUNT[0])
    assert list(memory_keyring.store.values()) == [SMOKE_ACCOUNT[1]]

    shown: list[str] = []
    controller.window_shown.connect(lambda w: shown.append(w.user_label.text()))
    with qtbot.waitSignal(controller.ready, timeout=WAIT_MS):
        window = controller.start_remembered(*remembered)
    assert shown == [f"Signing in as {SMOKE_ACCOUNT[0]}…"]
    assert window.session is not None
    assert window.session.user.email == SMOKE_ACCOUNT[0]
    assert controller.retry_dialog is None

    # Signing out ends it: the next start asks again.
    monkeypatch.setattr(controller, "start", lambda: True)  # the dialog a person would see
    window.sign_out_action.trigger()
    assert preferences.remembered_sign_in() is None
    assert controller.window is None


def test_a_remembered_sign_in_without_the_password_asks_for_it(
    qtbot: QtBot,
    controller: AppController,
    embedded_target: DatabaseTarget,
    memory_keyring: MemoryKeyring,
) -> None:
    preferences.set_auto_sign_in(True)
    settings = QSettings()
    settings.setValue(preferences.LAST_PROFILE, EMBEDDED_PROFILE.key)
    settings.setValue(preferences.LAST_EMAIL, SMOKE_ACCOUNT[0])
    remembered = preferences.remembered_sign_in()
    assert remembered is not None
    assert memory_keyring.store == {}  # e.g. removed from the keyring since
    with qtbot.waitSignal(controller.sign_in_failed, timeout=WAIT_MS) as failed:
        window = controller.start_remembered(*remembered)
    assert failed.args == ["This computer no longer has your password; enter it to sign in."]
    assert window.session is None
    dialog = controller.retry_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.email.text() == SMOKE_ACCOUNT[0]
    assert dialog.current_profile().key == EMBEDDED_PROFILE.key


def test_the_workspace_shown_last_time_is_built_first_and_makes_the_window_ready(
    qtbot: QtBot, controller: AppController, embedded_target: DatabaseTarget
) -> None:
    QSettings().setValue("mainWindow/workspace", 2)  # Support, when the window last closed
    with qtbot.waitSignal(controller.ready, timeout=WAIT_MS):
        window = controller.start_signed_in(smoke_sign_in())
    assert window.current_workspace() == "support"
    assert window.support is not None
    assert window.stack.currentWidget() is window.support
    assert window.author is None  # not shown yet: not built
    assert window.learn is not None  # the fallback and the player's host


def test_an_unreachable_server_at_start_up_offers_the_offline_copy(
    qtbot: QtBot, controller: AppController, data_dir: Path
) -> None:
    from elearn_desktop.services.profiles import ServerProfile

    server = ServerProfile(
        name="Campus", kind="postgresql", host="127.0.0.1", port=1, database="elearn"
    )
    learner = remember_learner_for_offline(server, "learn-demo-2026")
    wanted = StartupSignIn(server, learner.email, "learn-demo-2026")
    with qtbot.waitSignal(controller.sign_in_failed, timeout=WAIT_MS) as failed:
        controller.start_signed_in(wanted)
    (message,) = failed.args
    assert "cannot reach the database server at 127.0.0.1:1" in message
    dialog = controller.retry_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    # As after the dialog's own attempt: the problem, and the offline copy offered.
    assert "cannot reach the database server" in dialog.error.text()
    assert "continue offline" in dialog.error.text()
    assert dialog.offline_button.isVisible()
    assert "learn-demo-2026" not in dialog.error.text()


def _visible_workspaces(window: MainWindow) -> list[str]:
    return [
        window.sidebar.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(window.sidebar.count())
        if not window.sidebar.item(row).isHidden()
    ]


def test_the_shell_shows_the_workspaces_of_the_last_session(
    qtbot: QtBot, controller: AppController, embedded_target: DatabaseTarget
) -> None:
    from elearn_desktop.ui.application import build_window

    # No session remembered yet: the shell shows every workspace.
    first = build_window()
    qtbot.addWidget(first)
    assert _visible_workspaces(first) == ["learn", "author", "support", "downloads"]

    # A learner on the embedded database sees Learn only; the window remembers that.
    learner = StartupSignIn(EMBEDDED_PROFILE, "learner@demo.test", "learn-demo-2026")
    with qtbot.waitSignal(controller.ready, timeout=WAIT_MS):
        window = controller.start_signed_in(learner)
    assert _visible_workspaces(window) == ["learn"]
    window.save_state(QSettings())

    # The next start's shell shows the same, before anyone is signed in.
    shell = build_window()
    qtbot.addWidget(shell)
    assert shell.session is None
    assert _visible_workspaces(shell) == ["learn"]
    assert shell.current_workspace() == "learn"

    # Nonsense in the settings is ignored.
    QSettings().setValue("mainWindow/workspaces", ["bogus"])
    other = build_window()
    qtbot.addWidget(other)
    assert _visible_workspaces(other) == ["learn", "author", "support", "downloads"]
