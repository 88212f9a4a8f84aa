"""The main window's light status widgets: the sync text and the mode banner.

Kept apart from :mod:`elearn_desktop.ui.sync_controller` (which loads the sync core) so
the window's shell can show them before the database and sync layers are imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from elearn_desktop.ui.early_qt import PLAIN_TEXT

if TYPE_CHECKING:
    from elearn_desktop.sync.connectivity import SyncStatus

#: The status bar shows this much of the sync status; the tooltip has all of it.
MAX_STATUS_CHARS = 80
BANNER_STYLE = (
    "#modeBanner { background: palette(alternate-base); border-bottom: 1px solid palette(mid); }"
)


class SyncStatusLabel(QLabel):
    """The status bar's sync text; a click opens the list of rejected changes."""

    clicked = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("syncStatus")
        self.setProperty("textFormat", PLAIN_TEXT)  # not Qt's enums before the first paint
        self._status: SyncStatus | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Sync status"))
        if self._status is not None:
            self.show_status(self._status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_status(self, status: SyncStatus) -> None:
        """``status.message`` comes from the sync core (English); the frame is translated."""
        self._status = status
        text = status.message
        if len(text) > MAX_STATUS_CHARS:  # a long error: the whole of it is in the tooltip
            text = text[: MAX_STATUS_CHARS - 1].rstrip() + "…"
        self.setText(self.tr("Sync: {0}").format(text))
        tip = (
            "\n\n" + self.tr("Click to see the changes the server could not accept.")
            if status.rejected
            else ""
        )
        self.setToolTip(status.message + tip)
        from PySide6.QtCore import Qt

        self.setCursor(
            Qt.CursorShape.PointingHandCursor if status.rejected else Qt.CursorShape.ArrowCursor
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        from PySide6.QtCore import Qt

        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ModeBanner(QWidget):
    """A strip above the workspaces: "working offline", or the offer to switch.

    :meth:`say` takes source texts marked with ``QT_TRANSLATE_NOOP("ModeBanner", ...)``
    and shows them translated, again after a language switch."""

    action_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBanner")
        self.setAutoFillBackground(True)
        self.text = QLabel()
        self.text.setObjectName("modeBannerText")
        self.text.setWordWrap(True)
        self.text.setProperty("textFormat", PLAIN_TEXT)
        self.button = QPushButton()
        self.button.setObjectName("modeBannerButton")
        self.button.clicked.connect(self.action_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self._said: tuple[str, str | None] = ("", None)
        self.hide()

    def say(self, text: str, button: str | None = None) -> None:
        """Show ``text`` (and a button), both untranslated sources; "" hides the banner."""
        self._said = (text, button)
        self.text.setText(self.tr(text) if text else "")
        self.button.setVisible(button is not None)
        if button is not None:
            self.button.setText(self.tr(button))
        if text and not self.styleSheet():
            # Styled when first shown: the window's shell paints before any banner, and
            # a style sheet costs ~0.5 ms before that paint (issue #8, workload 1).
            self.setStyleSheet(BANNER_STYLE)
        self.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.say(*self._said)
        super().changeEvent(event)
