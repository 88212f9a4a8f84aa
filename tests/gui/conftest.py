"""GUI test setup: offscreen Qt, isolated QSettings, an embedded database per test."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from elearn_desktop.config import DatabaseTarget, resolve_database
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui import gc_guard
from elearn_desktop.ui.gc_guard import GuiThreadCollector
from tests.support.keyrings import MemoryKeyring


@pytest.fixture(scope="session", autouse=True)
def _isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("elearn-tests")
    QCoreApplication.setApplicationName("elearn-desktop-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(autouse=True)
def _forget_last_sessions_workspaces() -> Iterator[None]:
    """A closed window remembers which workspaces its session showed, and the next shell
    shows those: one test's person must not shape the next test's shell."""
    QSettings().remove("mainWindow/workspaces")
    yield
    QSettings().remove("mainWindow/workspaces")


@pytest.fixture(scope="session", autouse=True)
def _english_catalogue(qapp: object) -> None:
    """As the app does at start-up: English with its plural forms ("1 account")."""
    from elearn_desktop.ui import i18n

    i18n.apply_language("en")


@pytest.fixture(scope="package", autouse=True)
def _gc_on_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does: cyclic garbage is collected on the GUI thread only (see
    ui/gc_guard.py); the tests outside tests/gui get Python's own collector back."""
    collector = GuiThreadCollector(qapp)
    yield
    collector.stop()
    collector.deleteLater()


@pytest.fixture(autouse=True)
def _thaw_after_test() -> Iterator[None]:
    """A test that opened the main window froze the start-up (gc_guard.freeze_start_up):
    the next test starts with everything collectable again."""
    yield
    if gc.get_freeze_count():
        gc_guard.thaw()


@pytest.fixture(autouse=True)
def _back_to_english(qapp: object) -> Iterator[None]:
    """A test that switched the language leaves the app in English for the next one."""
    yield
    from elearn_desktop.ui import i18n

    if i18n.current_language() != "en":
        i18n.apply_language("en")


@pytest.fixture
def admin(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    """The demo administrator signed in on the embedded database (demo content loaded)."""
    session = sign_in(EMBEDDED_PROFILE, "admin@demo.test", "admin-demo-2026")
    yield session
    session.close()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("ELEARN_DATA_DIR", str(folder))
    monkeypatch.delenv("ELEARN_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def embedded_target(data_dir: Path) -> DatabaseTarget:
    target = resolve_database()
    assert target.embedded
    return target


@pytest.fixture(autouse=True)
def _fresh_qsettings() -> None:
    """Each test starts with no saved window state or sign-in history."""
    QSettings().clear()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A secure in-memory keyring instead of the OS store, for "Remember me"."""
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
