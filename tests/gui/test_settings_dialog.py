"""Settings dialog: typed into and clicked like a person would; values land in QSettings."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from elearn_desktop.services import profile_store
from elearn_desktop.services.profiles import POSTGRESQL, ServerProfile
from elearn_desktop.ui import preferences
from elearn_desktop.ui.login_dialog import load_profiles, save_profile
from elearn_desktop.ui.settings_dialog import SettingsDialog
from elearn_desktop.ui.theme import apply_theme
from tests.support.pgcluster import PostgresCluster

pytestmark = pytest.mark.gui
GIB = 1024**3
TIMEOUT = 15_000


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "profiles.json"


@pytest.fixture
def dialog(qtbot: QtBot, store: Path, data_dir: Path) -> SettingsDialog:
    widget = SettingsDialog(profiles_path=store)
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


@pytest.fixture(autouse=True)
def _system_theme() -> Iterator[None]:
    yield
    apply_theme("system")


def _click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _toggle(qtbot: QtBot, box: QWidget) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def _apply(qtbot: QtBot, dialog: SettingsDialog) -> None:
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Apply))


def _retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


# ----------------------------------------------------------------------------- preferences


def test_defaults_when_nothing_is_saved(dialog: SettingsDialog) -> None:
    assert preferences.cache_limit_bytes() == 10 * GIB
    assert dialog.cache_limit.value() == pytest.approx(10.0)
    assert dialog.speed.currentData() == 1.0
    assert dialog.volume.value() == 100
    assert not dialog.autoplay_next.isChecked()
    assert dialog.theme.currentData() == "system"
    assert dialog.language.currentData() == ""


def test_damaged_values_fall_back_to_defaults() -> None:
    settings = QSettings()
    settings.setValue(preferences.CACHE_LIMIT, "lots")
    settings.setValue(preferences.PLAYBACK_RATE, "7")
    settings.setValue(preferences.PLAYBACK_VOLUME, 400)
    settings.setValue(preferences.THEME, "purple")
    assert preferences.cache_limit_bytes() == 10 * GIB
    assert preferences.playback_rate() == 1.0
    assert preferences.playback_volume() == 100
    assert preferences.theme() == "system"


def test_applied_values_are_saved_under_their_keys(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path
) -> None:
    dialog.tabs.setCurrentIndex(1)
    media = tmp_path / "library"
    qtbot.keyClicks(dialog.media_dir.edit, str(media))  # not there yet: it can be created
    _retype(qtbot, dialog.cache_limit.lineEdit(), "2.5")
    dialog.tabs.setCurrentIndex(2)
    dialog.speed.setCurrentIndex(dialog.speed.findData(1.5))
    dialog.volume.setFocus()
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Home)  # 0 %
    for _ in range(4):
        qtbot.keyClick(dialog.volume, Qt.Key.Key_PageUp)  # +10 % each
    _toggle(qtbot, dialog.autoplay_next)
    _apply(qtbot, dialog)

    assert dialog.summary.text() == "✔ Settings saved."
    settings = QSettings()
    assert int(settings.value("cache/limitBytes")) == int(2.5 * GIB)  # type: ignore[call-overload]
    assert preferences.cache_limit_bytes() == int(2.5 * GIB)
    assert preferences.media_library_dir() == media
    assert preferences.download_dir() is None
    assert preferences.playback_rate() == 1.5
    assert preferences.playback_volume() == 40
    assert preferences.autoplay_next() is True

    reopened = SettingsDialog(profiles_path=dialog.servers.store_path)
    qtbot.addWidget(reopened)
    assert reopened.cache_limit.value() == pytest.approx(2.5)
    assert reopened.speed.currentData() == 1.5
    assert reopened.volume.value() == 40
    assert reopened.autoplay_next.isChecked()


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("relative/folder", "give the full path of the folder"),
        ("FILE", "this is a file, not a folder"),
    ],
)
def test_a_bad_folder_is_explained_next_to_it_and_nothing_is_saved(
    qtbot: QtBot, dialog: SettingsDialog, tmp_path: Path, typed: str, words: str
) -> None:
    if typed == "FILE":
        target = tmp_path / "a-file.txt"
        target.write_text("not a folder")
        typed = str(target)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.download_dir.edit, typed)
    dialog.tabs.setCurrentIndex(2)
    _toggle(qtbot, dialog.autoplay_next)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    assert dialog.isVisible()  # OK did not close the dialog
    assert dialog.tabs.currentIndex() == 1  # it shows where the problem is
    assert dialog.download_error.isVisible()
    assert words in dialog.download_error.text()
    assert dialog.download_error.text().startswith("⚠")  # a symbol, not colour alone
    assert not dialog.media_error.isVisible()
    assert "nothing was changed" in dialog.summary.text()
    assert QSettings().value(preferences.DOWNLOAD_DIR) is None
    assert preferences.autoplay_next() is False


def test_ok_applies_and_closes(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentIndex(2)
    _toggle(qtbot, dialog.autoplay_next)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert not dialog.isVisible()
    assert preferences.autoplay_next() is True


def test_cancel_saves_nothing(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentIndex(2)
    _toggle(qtbot, dialog.autoplay_next)
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert not dialog.isVisible()
    assert preferences.autoplay_next() is False


def test_dark_theme_applies_at_once_and_system_restores(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette().color(QPalette.ColorRole.Window)
    dialog.tabs.setCurrentIndex(3)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    _apply(qtbot, dialog)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert app.style().name().lower() == "fusion"
    # Open windows follow at once (Qt posts them the palette change).
    qtbot.waitUntil(lambda: dialog.palette().color(QPalette.ColorRole.Window).lightness() < 100)

    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    _apply(qtbot, dialog)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150

    dialog.theme.setCurrentIndex(dialog.theme.findData("system"))
    _apply(qtbot, dialog)
    assert app.palette().color(QPalette.ColorRole.Window) == before
    assert preferences.theme() == "system"


# ----------------------------------------------------------------------------- servers


def _fill_profile(qtbot: QtBot, dialog: SettingsDialog, **fields: str) -> None:
    page = dialog.servers
    for name, value in fields.items():
        widget = getattr(page, name)
        if name == "port":
            _retype(qtbot, widget.lineEdit(), value)
        else:
            _retype(qtbot, widget, value)


def test_a_server_is_added_edited_and_removed(
    qtbot: QtBot, dialog: SettingsDialog, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = dialog.servers
    assert page.profile_list.count() == 0
    _click(qtbot, page.new_button)
    _fill_profile(qtbot, dialog, name="Campus", host="db.campus.example", database="learning")
    _fill_profile(qtbot, dialog, port="6543")
    page.sslmode.setCurrentIndex(page.sslmode.findData("require"))
    _click(qtbot, page.save_button)

    saved = profile_store.load_profiles(path=store)
    assert [s.profile for s in saved] == [
        ServerProfile(
            name="Campus",
            kind=POSTGRESQL,
            host="db.campus.example",
            port=6543,
            database="learning",
            sslmode="require",
        )
    ]
    assert page.status.text() == "Saved “Campus”."
    assert [page.profile_list.item(i).text() for i in range(page.profile_list.count())] == [
        "Campus"
    ]

    # Edit: rename and move to another host; the old entry is replaced, not kept.
    _fill_profile(qtbot, dialog, name="Campus (new)", host="db2.campus.example")
    _click(qtbot, page.save_button)
    saved = profile_store.load_profiles(path=store)
    assert [(s.name, s.profile.host) for s in saved] == [("Campus (new)", "db2.campus.example")]

    # Remove, after saying yes.
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    _click(qtbot, page.remove_button)
    assert asked
    assert "Campus (new)" in asked[0]
    assert profile_store.load_profiles(path=store) == []
    assert page.profile_list.count() == 0


def test_servers_remembered_by_sign_in_are_listed_and_can_be_removed(
    qtbot: QtBot, store: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remembered = ServerProfile(name="elearn on old-host", kind=POSTGRESQL, host="old-host")
    save_profile(QSettings(), remembered)
    dialog = SettingsDialog(profiles_path=store)
    qtbot.addWidget(dialog)
    page = dialog.servers
    assert page.profile_list.item(0).text() == "elearn on old-host"
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    _click(qtbot, page.remove_button)
    assert all(p.key != remembered.key for p in load_profiles(QSettings()))


def test_profile_fields_are_checked_one_by_one(qtbot: QtBot, dialog: SettingsDialog) -> None:
    page = dialog.servers
    _click(qtbot, page.new_button)
    _fill_profile(qtbot, dialog, name="Nowhere")
    _click(qtbot, page.save_button)
    assert page.errors["host"].isVisible()
    assert page.errors["host"].text() == "⚠ enter the server's host name"
    assert not page.errors["name"].isVisible()
    assert page.host.hasFocus()  # the cursor goes where the fix is needed

    _fill_profile(qtbot, dialog, host="db.example.org", sslrootcert="/no/such/ca.pem")
    _click(qtbot, page.save_button)
    assert not page.errors["host"].isVisible()
    assert "no certificate file" in page.errors["sslrootcert"].text()

    _fill_profile(qtbot, dialog, sslrootcert="")
    _click(qtbot, page.save_button)
    _click(qtbot, page.new_button)
    _fill_profile(qtbot, dialog, name="Nowhere", host="other.example.org")
    _click(qtbot, page.save_button)
    assert "already has this name" in page.errors["name"].text()
    assert page.profile_list.count() == 1


def test_test_connection_says_the_server_answered(
    qtbot: QtBot, dialog: SettingsDialog, pg_cluster: PostgresCluster
) -> None:
    page = dialog.servers
    _click(qtbot, page.new_button)
    _fill_profile(qtbot, dialog, name="Test server", host=pg_cluster.host)
    _fill_profile(qtbot, dialog, port=str(pg_cluster.port))
    page.sslmode.setCurrentIndex(page.sslmode.findData("prefer"))
    _click(qtbot, page.test_button)
    assert not page.test_button.isEnabled()  # one test at a time; the GUI stays responsive
    qtbot.waitUntil(page.test_button.isEnabled, timeout=TIMEOUT)
    assert page.status.text().startswith("✔ The server at elearn on ")
    assert "answered" in page.status.text()


def test_test_connection_explains_a_server_that_is_not_there(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    page = dialog.servers
    _click(qtbot, page.new_button)
    _fill_profile(qtbot, dialog, name="Gone", host="127.0.0.1")
    _fill_profile(qtbot, dialog, port=str(free_port))
    page.sslmode.setCurrentIndex(page.sslmode.findData("disable"))
    _click(qtbot, page.test_button)
    qtbot.waitUntil(page.test_button.isEnabled, timeout=TIMEOUT)
    text = page.status.text()
    assert text.startswith(f"⚠ cannot reach elearn on 127.0.0.1:{free_port}")
    assert "refused" in text.lower()
    assert "Traceback" not in text


# ----------------------------------------------------------------------------- wiring


def test_chosen_folders_reach_the_downloads_and_the_player(
    qtbot: QtBot, dialog: SettingsDialog, embedded_target: object, tmp_path: Path
) -> None:
    from dataclasses import replace

    from elearn_desktop.services.auth import sign_in
    from elearn_desktop.services.profiles import EMBEDDED_PROFILE
    from elearn_desktop.ui.application import build_window

    downloads, media = tmp_path / "my-downloads", tmp_path / "my-media"
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.download_dir.edit, str(downloads))
    qtbot.keyClicks(dialog.media_dir.edit, str(media))
    _apply(qtbot, dialog)

    session = sign_in(EMBEDDED_PROFILE, "admin@demo.test", "admin-demo-2026")
    try:
        window = build_window()
        qtbot.addWidget(window)
        window.set_session(session)
        # Downloads serve PostgreSQL profiles; the folder is kept per server and person.
        server = ServerProfile(name="Campus", kind=POSTGRESQL, host="db.example.org")
        window._build_downloads(replace(session, profile=server))
        folder = window.download_queue.folder
        assert folder.is_relative_to(downloads)
        assert folder.parent.name == server.key
        window.download_queue.shutdown(timeout=2.0)
        window.download_queue = None
        assert window._player_page().media_dir == media  # type: ignore[attr-defined]
    finally:
        session.close()


def test_the_player_takes_new_defaults_without_a_restart(
    qtbot: QtBot, dialog: SettingsDialog, embedded_target: object
) -> None:
    from elearn_desktop.services.auth import sign_in
    from elearn_desktop.services.profiles import EMBEDDED_PROFILE
    from elearn_desktop.ui.learn.player import LessonPlayerPage

    session = sign_in(EMBEDDED_PROFILE, "learner@demo.test", "learn-demo-2026")
    try:
        player = LessonPlayerPage(session)
        qtbot.addWidget(player)
        assert player.volume_slider.value() == 100
        assert player.playback_rate() == 1.0

        dialog.tabs.setCurrentIndex(2)
        dialog.speed.setCurrentIndex(dialog.speed.findData(1.25))
        dialog.volume.setFocus()
        qtbot.keyClick(dialog.volume, Qt.Key.Key_PageDown)  # 100 → 90 %
        _apply(qtbot, dialog)

        assert player.volume_slider.value() == 90
        assert player.playback_rate() == 1.25
    finally:
        session.close()


def test_a_server_saved_in_settings_is_offered_at_sign_in(qtbot: QtBot, data_dir: Path) -> None:
    from elearn_desktop.ui.login_dialog import LoginDialog

    settings_dialog = SettingsDialog()  # the real profiles.json in the data folder
    qtbot.addWidget(settings_dialog)
    _click(qtbot, settings_dialog.servers.new_button)
    _fill_profile(qtbot, settings_dialog, name="Campus", host="db.campus.example")
    _click(qtbot, settings_dialog.servers.save_button)
    assert [s.name for s in profile_store.load_profiles()] == ["Campus"]

    login = LoginDialog(settings=QSettings())
    qtbot.addWidget(login)
    names = [login.server.itemText(i) for i in range(login.server.count())]
    assert "Campus" in names
    login.server.setCurrentIndex(names.index("Campus"))
    assert login.host.text() == "db.campus.example"
    assert login.sslmode.currentData() == "verify-full"  # the safe default for a new server


def test_a_damaged_profiles_file_is_explained_not_fatal(
    qtbot: QtBot, store: Path, data_dir: Path
) -> None:
    store.write_text("{ this is not json")
    dialog = SettingsDialog(profiles_path=store)
    qtbot.addWidget(dialog)
    text = dialog.servers.status.text()
    assert text.startswith("⚠ the saved profiles in ")
    assert "cannot be read" in text
    assert dialog.servers.profile_list.count() == 0
