"""Light, dark or the system's look, switched live.

"system" leaves the platform's style and palette alone (and so follows the desktop's
light/dark setting); "light" and "dark" use the Fusion style with an explicit palette, so
they look the same on every platform.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

_SYSTEM: dict[str, object] = {}


def _dark_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(235, 235, 235)
    disabled = QColor(130, 130, 130)
    role = QPalette.ColorRole
    for r, color in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor(52, 52, 56)),
        (role.ToolTipBase, QColor(60, 60, 64)),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor(160, 160, 160)),
        (role.Text, text),
        (role.Button, QColor(58, 58, 62)),
        (role.ButtonText, text),
        (role.BrightText, QColor(255, 90, 90)),
        (role.Link, QColor(110, 170, 255)),
        (role.LinkVisited, QColor(170, 140, 255)),
        (role.Highlight, QColor(50, 110, 200)),
        (role.HighlightedText, QColor(255, 255, 255)),
        (role.Light, QColor(80, 80, 84)),
        (role.Midlight, QColor(66, 66, 70)),
        (role.Mid, QColor(40, 40, 42)),
        (role.Dark, QColor(25, 25, 27)),
        (role.Shadow, QColor(0, 0, 0)),
    ):
        palette.setColor(r, color)
    group = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group, r, disabled)
    return palette


def apply_theme(name: str, app: QApplication | None = None) -> None:
    """Apply "system", "light" or "dark" to the running application."""
    target = app or QApplication.instance()
    if not isinstance(target, QApplication):
        return
    if not _SYSTEM:
        if name not in ("light", "dark"):
            return  # the system's look is what the application has: nothing to restore
        # Remembered when first left (not at start-up: touching the style and palette
        # builds their Python enums, ~2 ms before the first paint).
        from PySide6.QtGui import QPalette

        _SYSTEM["style"] = target.style().name()
        _SYSTEM["palette"] = QPalette(target.palette())
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleFactory

    hints = target.styleHints()
    if name in ("light", "dark"):
        target.setStyle(QStyleFactory.create("Fusion"))
        if name == "dark":
            hints.setColorScheme(Qt.ColorScheme.Dark)
            target.setPalette(_dark_palette())
        else:
            hints.setColorScheme(Qt.ColorScheme.Light)
            target.setPalette(target.style().standardPalette())
        return
    hints.unsetColorScheme()
    target.setStyle(QStyleFactory.create(str(_SYSTEM["style"])))
    target.setPalette(_SYSTEM["palette"])  # type: ignore[arg-type]


def current_theme_is_dark(app: QApplication | None = None) -> bool:
    target = app or QApplication.instance()
    if not isinstance(target, QApplication):
        return False
    from PySide6.QtGui import QPalette

    return target.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_saved_appearance() -> None:
    """At start-up: the saved theme and language (one call from the application)."""
    from elearn_desktop.ui import i18n, preferences

    apply_theme(preferences.theme())
    i18n.apply_language(preferences.language())
