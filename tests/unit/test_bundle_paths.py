"""Where a PyInstaller bundle finds its files, and the Linux desktop entry."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from elearn_desktop import config

REPO = Path(__file__).resolve().parents[2]
DESKTOP_FILE = REPO / "packaging" / "linux" / "elearn-desktop.desktop"


def _paths_in_child(prelude: str) -> list[str]:
    code = (
        f"import sys\n{prelude}\n"
        "from elearn_desktop import config\n"
        "print(config.ALEMBIC_DIR, config.ALEMBIC_INI, config.RESOURCES_DIR, sep='\\n')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_from_source_the_files_are_in_the_repository() -> None:
    assert config.bundle_root() is None
    assert _paths_in_child("") == [
        str(REPO / "alembic"),
        str(REPO / "alembic.ini"),
        str(REPO / "resources"),
    ]
    assert (config.ALEMBIC_DIR / "env.py").is_file()
    assert (config.RESOURCES_DIR / "icons" / "app.svg").is_file()


def test_frozen_the_files_are_in_the_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "_internal"
    bundle.mkdir()
    prelude = f"sys.frozen = True\nsys._MEIPASS = {str(bundle)!r}"
    assert _paths_in_child(prelude) == [
        str(bundle / "alembic"),
        str(bundle / "alembic.ini"),
        str(bundle / "resources"),
    ]


def test_a_meipass_without_frozen_is_not_a_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only PyInstaller's bootloader sets both; a stray attribute must not move the files.
    monkeypatch.setattr(sys, "_MEIPASS", "/somewhere", raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert config.bundle_root() is None


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is missing (Debian: desktop-file-utils)")
    return subprocess.run([validator, str(path)], capture_output=True, text=True, timeout=60)


def test_the_desktop_entry_validates() -> None:
    result = _validate(DESKTOP_FILE)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "error:" not in output
    assert "warning:" not in output


def test_the_desktop_entry_names_the_installed_icon_and_program() -> None:
    entry = dict(
        line.split("=", 1) for line in DESKTOP_FILE.read_text().splitlines() if "=" in line
    )
    assert entry["Icon"] == config.APP_NAME
    assert entry["Exec"] == entry["TryExec"] == "elearn-desktop"
    assert entry["StartupWMClass"] == config.APP_NAME
    assert (REPO / "resources" / "icons" / "app.svg").read_text().lstrip().startswith("<svg")


def test_the_validator_catches_a_broken_entry(tmp_path: Path) -> None:
    # Proof that the check above can fail: the same entry with an unknown category.
    broken = tmp_path / "broken.desktop"
    broken.write_text(DESKTOP_FILE.read_text().replace("Categories=", "Categories=Bogus;"))
    result = _validate(broken)
    assert result.returncode != 0
    assert "Bogus" in result.stdout + result.stderr


def test_the_install_script_points_the_entry_at_the_program(tmp_path: Path) -> None:
    program = tmp_path / "bin" / "elearn-desktop"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"))
    result = subprocess.run(
        ["bash", str(REPO / "packaging" / "linux" / "install-desktop-entry.sh"), str(program)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "share" / "applications" / "elearn-desktop.desktop"
    assert f"Exec={program}\n" in installed.read_text()
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "elearn-desktop.svg"
    assert icon.read_bytes() == (REPO / "resources" / "icons" / "app.svg").read_bytes()
    assert _validate(installed).returncode == 0
