"""GUI test setup: offscreen Qt, isolated QSettings, an embedded database per test."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from elearn_desktop.config import DatabaseTarget, resolve_database


@pytest.fixture(scope="session", autouse=True)
def _isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName("elearn-tests")
    QCoreApplication.setApplicationName("elearn-desktop-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture(scope="session", autouse=True)
def _english_catalogue(qapp: object) -> None:
    """As the app does at start-up: English with its plural forms ("1 account")."""
    from elearn_desktop.ui import i18n

    i18n.apply_language("en")


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
