"""Icons and other files shipped in resources/."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from elearn_desktop.config import RESOURCES_DIR


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons/<name>.svg (an empty icon if it is missing)."""
    path = RESOURCES_DIR / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
