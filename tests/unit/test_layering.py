"""DESIGN §1: only ``elearn_desktop/ui`` imports Qt; the core runs headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import elearn_desktop

PACKAGE_DIR = Path(elearn_desktop.__file__).resolve().parent
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def qt_imports(source: str) -> list[str]:
    """Every import of a Qt binding in ``source``, wherever it is (also inside functions),
    including ``importlib.import_module("PySide6...")`` and ``__import__``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                called in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                names = [first.value]
        found += [n for n in names if n.split(".")[0] in QT_PACKAGES]
    return found


def _core_modules() -> list[Path]:
    ui = PACKAGE_DIR / "ui"
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if ui not in p.parents)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import PySide6", ["PySide6"]),
        ("import os, PySide6.QtCore as qc", ["PySide6.QtCore"]),
        ("from PySide6.QtWidgets import QWidget", ["PySide6.QtWidgets"]),
        ("def f():\n    from PySide6 import QtGui\n", ["PySide6"]),
        ("import importlib\nimportlib.import_module('PySide6.QtCore')", ["PySide6.QtCore"]),
        ("__import__('shiboken6')", ["shiboken6"]),
        ("from . import ui\nimport sqlalchemy\n# import PySide6", []),
        ("from .PySide6 import x", []),
    ],
)
def test_detector_finds_qt_imports(source: str, expected: list[str]) -> None:
    assert qt_imports(source) == expected


def test_core_modules_never_import_qt() -> None:
    modules = _core_modules()
    names = {p.relative_to(PACKAGE_DIR).as_posix() for p in modules}
    assert {"cli.py", "config.py", "data/models.py", "services/accounts.py"} <= names
    offenders = {
        p.relative_to(PACKAGE_DIR).as_posix(): found
        for p in modules
        if (found := qt_imports(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "only elearn_desktop/ui may import Qt (DESIGN §1)"


def test_importing_the_core_loads_no_qt() -> None:
    modules = [
        "elearn_desktop." + ".".join(p.relative_to(PACKAGE_DIR).with_suffix("").parts)
        for p in _core_modules()
        # Alembic script folders are loaded by Alembic (env.py runs a migration when
        # imported); the source scan above covers them.
        if p.name != "__init__.py" and "cache_alembic" not in p.parts
    ]
    assert "elearn_desktop.cli" in modules
    assert "elearn_desktop.services.catalog" in modules
    assert "elearn_desktop.app" in modules  # the composition root defers Qt to main()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from elearn_desktop.cli import main\n"
        "assert main(['--help']) == 0\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r})\n"
        "print('QT:', loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "QT: []" in result.stdout
